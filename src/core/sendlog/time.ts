/**
 * The log's clock and calendar, in Asia/Ho_Chi_Minh: time cells read back, times written (the
 * CSV's text and messages), the hour of the send window, ISO weeks (the digest's).
 */
import { dayNumber, fromDayNumber, isDate, parseDateCell, VN_OFFSET_MS, ymd, type DateParts } from '../dates';
import type { Cell } from '../types';

/** A time cell: a Date, ISO text, `yyyy-mm-dd hh:mm[:ss]` or `dd/mm/yyyy hh:mm[:ss]` in Vietnam time. */
export function parseTimeCell(c: Cell | undefined): Date | null {
  if (c === undefined || c === null) return null;
  if (isDate(c)) return c;
  if (typeof c !== 'string') return null;
  const s = c.trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    return isNaN(t) ? null : new Date(t);
  }
  const day = parseDateCell(s);
  if (!day) return null;
  const m = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(s.replace(/^\S+/, ''));
  const ms = m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000 : 0;
  return new Date(Date.UTC(day.y, day.m - 1, day.d) - VN_OFFSET_MS + ms);
}

/** An instant as `yyyy-mm-dd hh:mm:ss` in Asia/Ho_Chi_Minh. */
export function formatLogTime(d: Date): string {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  const p = (n: number) => (n < 10 ? '0' + n : String(n));
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** `dd/mm/yyyy hh:mm` in Asia/Ho_Chi_Minh (for messages). */
export function formatTimeVi(d: Date): string {
  const s = formatLogTime(d);
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`;
}

/** Hour of the day (0–23) in Asia/Ho_Chi_Minh. */
export function vnHour(now: Date): number {
  return new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(p: DateParts): number {
  return ((dayNumber(p) + 3) % 7) + 1;
}

/** ISO week of a date: `2026-W45`, and its Monday. */
export function isoWeek(p: DateParts): { week: string; year: number; number: number; monday: string } {
  const dn = dayNumber(p);
  const thursday = fromDayNumber(dn - isoWeekday(p) + 4);
  const jan1 = dayNumber({ y: thursday.y, m: 1, d: 1 });
  const n = Math.floor((dayNumber(thursday) - jan1) / 7) + 1;
  return { week: `${thursday.y}-W${n < 10 ? '0' + n : n}`, year: thursday.y, number: n, monday: ymd(fromDayNumber(dn - isoWeekday(p) + 1)) };
}

/** The Monday of an ISO week (`2026-W45`), YYYY-MM-DD. */
export function weekMonday(week: string): string {
  const y = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = { y, m: 1, d: 4 };
  const mondayW1 = dayNumber(jan4) - isoWeekday(jan4) + 1;
  return ymd(fromDayNumber(mondayW1 + (n - 1) * 7));
}
