/**
 * Dates and periods in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving since 1975), with
 * plain arithmetic: no Intl, no local-time Date methods, so the core gives the same answer in
 * Apps Script, in Node under any TZ, and in tests.
 */
import { PERIOD_VI } from './messages';
import type { Cell } from './types';

export const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86400000;

/** A calendar date as YYYY-MM-DD. */
export type Ymd = string;

export interface DateParts {
  y: number;
  m: number; // 1–12
  d: number;
}

/** The calendar date of an instant in Asia/Ho_Chi_Minh. */
/** The year of an instant in Asia/Ho_Chi_Minh, without allocating (null for an invalid Date). */
export function vnYear(date: Date): number | null {
  const t = date.getTime();
  if (t !== t) return null;
  // days since 1970-01-01 in Vietnam time → civil year (Howard Hinnant's days_from_civil inverse)
  const z = Math.floor((t + VN_OFFSET_MS) / 86400000) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

export function vnDateParts(date: Date): DateParts {
  const t = new Date(date.getTime() + VN_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function ymd(p: DateParts): Ymd {
  return `${p.y}-${pad2(p.m)}-${pad2(p.d)}`;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function parseYmd(s: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const p = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return validParts(p) ? p : null;
}

function validParts(p: DateParts): boolean {
  return p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= daysInMonth(p.y, p.m) && p.y >= 1900 && p.y <= 2999;
}

/**
 * The length of month m (1–12) of year y, by arithmetic (it runs for every date cell: a Date per
 * call was measurable on a million rows). Outside those ranges, Date.UTC's own reading (a month
 * that rolls over, years 0–99 as 1900–1999) is kept.
 */
export function daysInMonth(y: number, m: number): number {
  if (m < 1 || m > 12 || !Number.isInteger(m) || !Number.isInteger(y) || y < 100) return new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a calendar date (no time zone involved). */
export function dayNumber(p: DateParts): number {
  return Math.floor(Date.UTC(p.y, p.m - 1, p.d) / DAY_MS);
}

export function fromDayNumber(n: number): DateParts {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(p: DateParts, days: number): DateParts {
  return fromDayNumber(dayNumber(p) + days);
}

/** The instant of local midnight (Asia/Ho_Chi_Minh) of a calendar date: what Sheets returns for a date cell. */
export function vnMidnight(p: DateParts): Date {
  return new Date(Date.UTC(p.y, p.m - 1, p.d) - VN_OFFSET_MS);
}

// ---------------------------------------------------------------------------------------------
// A spreadsheet in another time zone. Sheets stores a date cell as a wall-clock (a serial number,
// zone-less) and Apps Script hands it over as the instant of that wall-clock in the spreadsheet's
// zone. The core reads every Date as a wall-clock in Asia/Ho_Chi_Minh, so the adapter moves each
// Date between the two zones (src/gas/tz.ts); the arithmetic is here.

/** The Vietnamese zone id, as Apps Script and Sheets name it. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Zones whose wall-clock is Vietnam's (UTC+7, no daylight saving): dates need no conversion and
 * the spreadsheet needs no warning. Ids are compared exactly, as Sheets returns them. Not
 * Asia/Pontianak: UTC+8 until 1988, within learners' birth dates.
 */
const VN_EQUIVALENT_ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Saigon',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Indian/Christmas',
  'Etc/GMT-7',
];

/** True for a zone whose wall-clock is always Vietnam's (Asia/Ho_Chi_Minh, Asia/Bangkok, GMT+07:00, …). */
export function isVietnamTime(zone: string): boolean {
  const z = zone.trim();
  if (VN_EQUIVALENT_ZONES.indexOf(z) >= 0) return true;
  // fixed offsets: GMT+07:00, GMT+7, UTC+07:00, UTC+0700
  return /^(?:GMT|UTC)\+0?7(?::?00)?$/i.test(z);
}

/**
 * Zones on Vietnam's clock today had other offsets before, and Sheets applies a zone's history
 * when it turns a date cell into an instant (IANA tz data: Asia/Ho_Chi_Minh was UTC+8 from
 * 31/12/1959 to 13/06/1975, and UTC+8 in 1943–1945; Asia/Jakarta UTC+7:30 until 1964). Dates
 * before this instant (birth dates of learners born before 1976) are therefore converted with the
 * zone's own offsets even on a Vietnam-clock sheet; later ones need nothing.
 */
export const VN_CLOCK_SINCE_MS = Date.UTC(1976, 0, 1);

/** True for a named zone (with a history of offsets), false for a fixed offset such as GMT+07:00 or Etc/GMT-7. */
export function hasOffsetHistory(zone: string): boolean {
  return !/^(?:(?:GMT|UTC)(?:[+-].*)?|Etc\/.*)$/i.test(zone.trim());
}

/** Minutes from a `+hhmm`/`-hhmm` offset (`Utilities.formatDate(d, tz, 'Z')`), or null. */
export function parseUtcOffset(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** A zone's offset from UTC at an instant, in minutes (+540 for Asia/Tokyo). */
export type OffsetAt = (ms: number) => number;

/** The instant whose Vietnam wall-clock equals the wall-clock of `ms` in a zone (a Date cell read). */
export function zoneToVn(ms: number, offsetAt: OffsetAt): number {
  return ms + offsetAt(ms) * 60000 - VN_OFFSET_MS;
}

/**
 * The other way (a Date to write): the instant whose wall-clock in the zone equals the Vietnam
 * wall-clock of `ms`. Around a daylight-saving change the offset is taken where the result lies;
 * a wall-clock that does not exist there (the skipped hour) moves forward by the change.
 */
export function vnToZone(ms: number, offsetAt: OffsetAt): number {
  const wall = ms + VN_OFFSET_MS;
  const first = wall - offsetAt(wall) * 60000;
  const second = wall - offsetAt(first) * 60000;
  if (offsetAt(second) * 60000 === wall - second) return second;
  return Math.max(first, second);
}

/** d/m/yyyy, as Vietnamese readers write dates. */
export function formatDateVi(p: DateParts): string {
  return `${pad2(p.d)}/${pad2(p.m)}/${p.y}`;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !isNaN((v as Date).getTime());
}

/**
 * A date from a cell: a Date (its calendar date in Asia/Ho_Chi_Minh), or text `d/m/yyyy`,
 * `d-m-yyyy`, `d.m.yyyy`, `yyyy-mm-dd` (optionally followed by a time). Null when not a date.
 */
export function parseDateCell(cell: Cell): DateParts | null {
  if (isDate(cell)) return vnDateParts(cell);
  if (typeof cell !== 'string') return null;
  if (cell.length === 10 && cell.charCodeAt(2) === 47 && cell.charCodeAt(5) === 47) {
    // fast path for dd/mm/yyyy (the template's format, a platform export's completion dates)
    const d = twoDigits(cell, 0);
    const m = twoDigits(cell, 3);
    const y = twoDigits(cell, 6) * 100 + twoDigits(cell, 8);
    if (d >= 0 && m >= 0 && y >= 0) {
      const p = { y, m, d };
      return validParts(p) ? p : null;
    }
  }
  const s = cell.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(s);
  if (m) {
    const p = { y: Number(m[3]), m: Number(m[2]), d: Number(m[1]) };
    return validParts(p) ? p : null;
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) {
    const p = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return validParts(p) ? p : null;
  }
  return null;
}

/** A year from a Ngày sinh/Năm sinh cell: a date, a 4-digit year number or text. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -10000;
}

export function parseYearCell(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1800 && cell <= 2999 ? cell : null;
  if (cell instanceof Date) return vnYear(cell);
  if (typeof cell === 'string' && cell.length === 10) {
    // fast path for dd/mm/yyyy (the template's format); same result as parseDateCell
    const d = twoDigits(cell, 0);
    const m = twoDigits(cell, 3);
    const y = twoDigits(cell, 6) * 100 + twoDigits(cell, 8);
    if (d >= 0 && m >= 0 && y >= 0 && cell.charCodeAt(2) === 47 && cell.charCodeAt(5) === 47) return validParts({ y, m, d }) ? y : null;
  }
  const p = parseDateCell(cell);
  if (p) return p.y;
  if (typeof cell === 'string') {
    const m = /^\s*(\d{4})\s*$/.exec(cell);
    if (m) return Number(m[1]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Periods: months 'YYYY-MM' or quarters 'YYYY-Qn' (docs/rules.md §4). String order is
// chronological within one cycle.

export type Period = string;
export type Cycle = 'month' | 'quarter';

/** The settings that decide periods and deadlines (a subset of Settings). */
export interface PeriodSettings {
  /** Missing = 'month'. */
  cycle?: Cycle;
  deadlineDay: number;
  quarterDeadlineDay?: number | null;
  oneOffDeadline?: string | null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The month period of a date, or its quarter when `cycle` is 'quarter'. */
export function periodOf(p: DateParts, cycle: Cycle = 'month'): Period {
  return cycle === 'quarter' ? `${p.y}-Q${Math.ceil(p.m / 3)}` : `${p.y}-${pad2(p.m)}`;
}

export function isQuarterPeriod(period: Period): boolean {
  return /^\d{4}-Q[1-4]$/.test(period);
}

/** Year and month of a month period; for a quarter, the quarter's last month. */
export function periodParts(period: Period): { y: number; m: number } {
  const y = Number(period.slice(0, 4));
  if (isQuarterPeriod(period)) return { y, m: Number(period.slice(6)) * 3 };
  return { y, m: Number(period.slice(5, 7)) };
}

/** "11/2026" for a month (MM/YYYY), "Quý IV/2026" for a quarter. */
export function formatPeriodVi(period: Period): string {
  const y = Number(period.slice(0, 4));
  if (isQuarterPeriod(period)) return PERIOD_VI.quarter(ROMAN[Number(period.slice(6)) - 1], y);
  return PERIOD_VI.month(pad2(periodParts(period).m), y);
}

/** The period inside a sentence: "tháng 11/2026", "quý IV/2026". */
export function periodPhraseVi(period: Period): string {
  const y = Number(period.slice(0, 4));
  if (isQuarterPeriod(period)) return PERIOD_VI.quarterPhrase(ROMAN[Number(period.slice(6)) - 1], y);
  return PERIOD_VI.monthPhrase(formatPeriodVi(period));
}

/** The period before, in the same cycle. */
export function previousPeriod(period: Period): Period {
  const y = Number(period.slice(0, 4));
  if (isQuarterPeriod(period)) {
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const { m } = periodParts(period);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`;
}

/**
 * A period in a cycle: a month stays a month in monthly mode and becomes its quarter in quarterly
 * mode; a quarter is a quarter in quarterly mode and has no month (null) in monthly mode.
 */
export function periodInCycle(period: Period, cycle: Cycle): Period | null {
  if (isQuarterPeriod(period)) return cycle === 'quarter' ? period : null;
  if (cycle === 'quarter') {
    const { y, m } = periodParts(period);
    return `${y}-Q${Math.ceil(m / 3)}`;
  }
  return period;
}

/**
 * The current period: the one of `today`, or with a one-off deadline (Hạn báo cáo một lần) the one
 * of that date, whatever today is.
 */
export function currentPeriod(today: DateParts, settings: PeriodSettings): Period {
  const cycle = settings.cycle ?? 'month';
  const oneOff = settings.oneOffDeadline ? parseYmd(settings.oneOffDeadline) : null;
  return periodOf(oneOff ?? today, cycle);
}

/**
 * The deadline of a period: the one-off date for its period; a month's configured day; a quarter's
 * day (quarterDeadlineDay, else deadlineDay) of its last month; clamped to the month's length.
 */
export function periodDeadline(period: Period, settings: PeriodSettings): DateParts {
  const oneOff = settings.oneOffDeadline ? parseYmd(settings.oneOffDeadline) : null;
  if (oneOff && periodInCycle(periodOf(oneOff), isQuarterPeriod(period) ? 'quarter' : 'month') === period) return oneOff;
  const { y, m } = periodParts(period);
  const day = isQuarterPeriod(period) ? (settings.quarterDeadlineDay ?? settings.deadlineDay) : settings.deadlineDay;
  return { y, m, d: Math.min(day, daysInMonth(y, m)) };
}

const PERIOD_PATTERNS: RegExp[] = [
  /^(?:thang|th|t)?\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/, // 11/2026, Tháng 11/2026, T11/2026, 11-2026, 11.2026
  /^(?:thang|th|t)\s*(\d{1,2})\s+(?:nam\s+)?(\d{4})$/, // Tháng 11 năm 2026
];

/** After folding: "quy iv 2026", "quy 4 2026", "q4 2026", "quy 4 nam 2026", "quy iv nam 2026". */
const QUARTER_PATTERN = /^(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s+(?:nam\s+)?(\d{4})$/;

/**
 * A reporting period from a cell, as written (docs/rules.md §4): a month from text `MM/YYYY`,
 * `Tháng MM/YYYY`, `TMM/YYYY`, `MM-YYYY`, `MM.YYYY`, `YYYY-MM`, or a date (text or cell: its
 * month); a quarter from `Quý IV/2026`, `Quý 4/2026`, `Q4/2026`, `quý 4 năm 2026`, `2026-Q4`.
 * `periodInCycle` turns it into a period of the configured cycle. `fold` is the cell's
 * matchKey-like folding, passed in so this module stays independent of text.ts.
 */
export function parsePeriodCell(cell: Cell, fold: (s: string) => string): Period | null {
  if (isDate(cell)) return periodOf(vnDateParts(cell));
  if (typeof cell !== 'string') return null;
  const raw = cell.trim();
  if (raw === '') return null;
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(raw);
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})\s*-?\s*[Qq]([1-4])$/.exec(raw);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  const d = parseDateCell(raw);
  if (d) return periodOf(d);
  const s = fold(raw).replace(/\s+/g, ' ');
  m = QUARTER_PATTERN.exec(s);
  if (m) return quarterPeriod(Number(m[2]), /^\d$/.test(m[1]) ? Number(m[1]) : ROMAN.indexOf(m[1].toUpperCase()) + 1);
  // fold turns punctuation into spaces: "thang 11 2026", "t11 2026", "11 2026"
  m = /^(?:thang|th|t)?\s*(\d{1,2})\s+(?:nam\s+)?(\d{4})$/.exec(s);
  if (m) return monthPeriod(Number(m[2]), Number(m[1]));
  for (const re of PERIOD_PATTERNS) {
    m = re.exec(s);
    if (m) return monthPeriod(Number(m[2]), Number(m[1]));
  }
  return null;
}

function monthPeriod(y: number, m: number): Period | null {
  if (m < 1 || m > 12 || y < 2000 || y > 2999) return null;
  return `${y}-${pad2(m)}`;
}

function quarterPeriod(y: number, q: number): Period | null {
  if (q < 1 || q > 4 || y < 2000 || y > 2999) return null;
  return `${y}-Q${q}`;
}

/** `today` option → calendar date parts in Asia/Ho_Chi_Minh. */
export function resolveToday(today: string | Date): DateParts {
  if (typeof today === 'string') {
    const p = parseYmd(today);
    if (!p) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
    return p;
  }
  return vnDateParts(today);
}
