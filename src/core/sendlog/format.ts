/**
 * Rows ⇄ entries: the log's columns (found by header, so older sheets still parse), reading a grid
 * (the sheet's getValues() or a CSV of the same shape) into entries and writing entries as rows.
 * No full ID in a row: details are scrubbed.
 */
import { formatDateVi, formatPeriodVi, isDate, isQuarterPeriod, parsePeriodCell, parseYmd, periodOf, vnDateParts } from '../dates';
import { MAIL, MAIL_LOG_SHEET, REMINDER_KIND_LABEL } from '../messages';
import { matchKey } from '../text';
import type { Cell, ReminderKind } from '../types';
import { parseKey } from './keys';
import { LOG_STATUSES, STATUS_LABEL, type LogEntry, type LogKind, type LogStatus } from './model';
import { formatLogTime, parseTimeCell, weekMonday } from './time';

export type LogField = 'time' | 'period' | 'date' | 'unit' | 'to' | 'kind' | 'status' | 'detail' | 'key';
export const LOG_FIELDS: LogField[] = ['time', 'period', 'date', 'unit', 'to', 'kind', 'status', 'detail', 'key'];

/** Where each field is in a log grid. */
export interface LogLayout {
  /** 0-based index of the header row in the grid; -1 when the grid has none. */
  headerRow: number;
  /** Number of columns a written row has. */
  width: number;
  /** field → 0-based column (-1: the grid has no such column). */
  columns: Record<LogField, number>;
}

/** The layout of a new log: MAIL_LOG_SHEET.headers in order, header in the first row. */
export const DEFAULT_LAYOUT: LogLayout = {
  headerRow: 0,
  width: LOG_FIELDS.length,
  columns: Object.fromEntries(LOG_FIELDS.map((f, i) => [f, i])) as Record<LogField, number>,
};

/** The header row of a new log. */
export function logHeader(): string[] {
  return MAIL_LOG_SHEET.headers.slice();
}

const HEADER_FIELD: Map<string, LogField> = new Map(MAIL_LOG_SHEET.headers.map((h, i) => [matchKey(h), LOG_FIELDS[i]]));
const STATUS_BY_KEY: Map<string, LogStatus> = new Map(
  LOG_STATUSES.flatMap((s) => [
    [matchKey(STATUS_LABEL[s]), s],
    [matchKey(s), s],
  ]),
);
const KIND_BY_KEY: Map<string, LogKind> = new Map([
  ...(Object.keys(REMINDER_KIND_LABEL) as ReminderKind[]).flatMap((k): [string, LogKind][] => [
    [matchKey(REMINDER_KIND_LABEL[k]), k],
    [matchKey(k), k],
  ]),
  [matchKey(MAIL.kind.DIGEST), 'DIGEST'],
  [matchKey('DIGEST'), 'DIGEST'],
  [matchKey(MAIL.kind.RUN), 'RUN'],
  [matchKey('RUN'), 'RUN'],
]);

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return '';
}

/** The layout of a grid: its header row (in the top 5 rows) or, without one, the default order. */
export function logLayout(values: Cell[][]): LogLayout {
  for (let r = 0; r < Math.min(5, values.length); r++) {
    const columns = Object.fromEntries(LOG_FIELDS.map((f) => [f, -1])) as Record<LogField, number>;
    values[r].forEach((c, i) => {
      const f = HEADER_FIELD.get(matchKey(text(c)));
      if (f && columns[f] < 0) columns[f] = i;
    });
    if (columns.key >= 0 && columns.status >= 0)
      return { headerRow: r, width: Math.max(values[r].length, ...Object.values(columns).map((c) => c + 1)), columns };
  }
  return { ...DEFAULT_LAYOUT, headerRow: -1 };
}

export interface ParsedLog {
  layout: LogLayout;
  entries: LogEntry[];
}

/**
 * Read a log grid (the sheet's getValues(), or a CSV of the same shape). Rows without a valid
 * key are skipped, except `run_error` rows. The key is authoritative for period, date and unit;
 * a status that cannot be read is taken as `uncertain` (never resend what we cannot account for).
 */
export function parseLog(values: Cell[][]): ParsedLog {
  const layout = logLayout(values);
  const col = layout.columns;
  const get = (row: Cell[], f: LogField): Cell | undefined => (col[f] >= 0 ? row[col[f]] : undefined);
  const entries: LogEntry[] = [];
  for (let r = layout.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const key = text(get(row, 'key'));
    const statusText = text(get(row, 'status'));
    const parsedStatus = STATUS_BY_KEY.get(matchKey(statusText));
    const parsed = key ? parseKey(key) : null;
    if (!parsed) {
      if (parsedStatus === 'run_error')
        entries.push({
          row: r,
          time: parseTimeCell(get(row, 'time')),
          period: '',
          date: '',
          unit: '',
          to: '',
          kind: 'RUN',
          status: 'run_error',
          detail: text(get(row, 'detail')),
          key: '',
        });
      continue;
    }
    const kindText = text(get(row, 'kind'));
    const kind: LogKind = parsed.type === 'digest' ? 'DIGEST' : ((KIND_BY_KEY.get(matchKey(kindText)) as LogKind | undefined) ?? 'CHAT_LUONG');
    const status: LogStatus = parsedStatus && parsedStatus !== 'run_error' && parsedStatus !== 'run_done' ? parsedStatus : 'uncertain';
    entries.push({
      row: r,
      time: parseTimeCell(get(row, 'time')),
      period: parsed.type === 'reminder' ? parsed.period : periodText(get(row, 'period')),
      date: parsed.type === 'reminder' ? parsed.date : weekMonday(parsed.week),
      unit: parsed.type === 'reminder' ? parsed.unit : '',
      to: text(get(row, 'to')),
      kind: kind === 'DIGEST' && parsed.type === 'reminder' ? 'CHAT_LUONG' : kind,
      status,
      detail: text(get(row, 'detail')),
      key,
    });
  }
  return { layout, entries };
}

/** The `Kỳ` cell read back: "Tháng 11/2026" → 2026-11, "Quý IV/2026" → 2026-Q4 (a date: its month). */
function periodText(c: Cell | undefined): string {
  if (isDate(c)) return periodOf(vnDateParts(c));
  const t = text(c);
  const p = parsePeriodCell(t, matchKey);
  if (p) return p;
  const m = /(\d{1,2})\s*\/\s*(\d{4})/.exec(t);
  return m ? `${m[2]}-${m[1].padStart(2, '0')}` : '';
}

export interface ToRowsOptions {
  /** 'date' (default): a Date cell, as Sheets shows it; 'text': `yyyy-mm-dd hh:mm:ss` Vietnam time (CSV). */
  time?: 'date' | 'text';
}

function kindLabel(kind: LogKind): string {
  if (kind === 'DIGEST') return MAIL.kind.DIGEST;
  if (kind === 'RUN') return MAIL.kind.RUN;
  return REMINDER_KIND_LABEL[kind];
}

function periodLabel(e: LogEntry): string {
  if (e.kind === 'DIGEST') {
    const p = parseKey(e.key);
    if (p && p.type === 'digest') return MAIL.weekCell(Number(p.week.slice(6)), Number(p.week.slice(0, 4)));
  }
  return e.period ? MAIL.periodCell(formatPeriodVi(e.period), isQuarterPeriod(e.period)) : '';
}

/** One row per entry, in the layout's column order (width cells; unknown columns left ''). */
export function toRows(entries: LogEntry[], layout: LogLayout = DEFAULT_LAYOUT, options: ToRowsOptions = {}): Cell[][] {
  return entries.map((e) => {
    const row: Cell[] = new Array(layout.width).fill('');
    const put = (f: LogField, v: Cell) => {
      if (layout.columns[f] >= 0) row[layout.columns[f]] = v;
    };
    put('time', e.time ? (options.time === 'text' ? formatLogTime(e.time) : e.time) : '');
    put('period', periodLabel(e));
    const d = e.date ? parseYmd(e.date) : null;
    put('date', d ? formatDateVi(d) : '');
    put('unit', e.unit);
    put('to', e.to);
    put('kind', kindLabel(e.kind));
    put('status', STATUS_LABEL[e.status]);
    put('detail', scrubIds(e.detail));
    put('key', e.key);
    return row;
  });
}

/** Any 12-digit (CCCD) or 9-digit (CMND) run in a text, masked: no full ID in a log row or message. */
export function scrubIds(s: string): string {
  return s.replace(/(?<!\d)(\d{3})\d{7}(\d{2})(?!\d)/g, '$1*******$2').replace(/(?<!\d)(\d{2})\d{6}(\d)(?!\d)/g, '$1******$2');
}
