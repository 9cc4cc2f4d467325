/**
 * The send log (`Nhật ký gửi thư`): the idempotency record of reminder e-mails and of the weekly
 * digest, shared by the Sheets add-on and the CLI (`--send-log FILE.csv`, same columns). Pure:
 * rows in (Cell[][] as `Range.getValues()` or a CSV reader gives them), decisions and rows out.
 *
 * One message per unit per reminder date: the key is (period, reminder date, unit). The log is a
 * history: every attempt or state change appends a row (a `pending` row is rewritten in place
 * with the outcome of its send), and the state of a key is folded from its rows in sheet order.
 *
 * Statuses (stable codes; the sheet shows MAIL.status labels) and what a later run does with them:
 *
 * | code        | meaning                                                   | later runs            |
 * | ----------- | --------------------------------------------------------- | --------------------- |
 * | `pending`   | written (and flushed) just before MailApp.sendEmail       | → `uncertain`, never resent |
 * | `sent`      | MailApp returned                                          | final                 |
 * | `queued`    | not sent: quota or time budget used up (or quota error)   | sent later, most lagging first |
 * | `failed`    | MailApp threw a passing error; nothing was sent           | retried, up to MAX_ATTEMPTS |
 * | `abandoned` | the MAX_ATTEMPTS-th failure                               | final                 |
 * | `invalid`   | the address is malformed or MailApp rejected it           | final for that address; a new address is tried |
 * | `dry_run`   | "Chế độ thử": logged, not sent                            | final while dry run is on; ignored once it is off |
 * | `uncertain` | a `pending` row found by a later run (interrupted run)    | final: never resent, shown in the digest |
 * | `cancelled` | a queued/failed message no longer needed (unit caught up, period over, superseded by a newer reminder date) | final unless due again |
 * | `run_error` | a trigger run that threw (no key)                         | shown in the digest   |
 *
 * Precedence when folding a key's rows: `sent` > `pending`/`uncertain` > the latest other row.
 * Only keys whose state is none, `queued`, `failed`, `cancelled`, `invalid` (another address) or,
 * outside dry run, `dry_run` may be sent. Every decision is made under the document lock, so a
 * `pending` row seen by a run is from a run that died: it is never resent.
 */
import { dayNumber, formatDateVi, formatPeriodVi, fromDayNumber, isDate, isQuarterPeriod, parseDateCell, parsePeriodCell, parseYmd, periodOf, VN_OFFSET_MS, vnDateParts, ymd, type DateParts } from './dates';
import { checkEmail } from './email';
import { MAIL, MAIL_LOG_SHEET, REMINDER_KIND_LABEL } from './messages';
import { matchKey } from './text';
import type { Cell, ReminderKind, ReminderPlan, Report, Settings } from './types';

export type LogStatus =
  | 'pending'
  | 'sent'
  | 'queued'
  | 'failed'
  | 'abandoned'
  | 'invalid'
  | 'dry_run'
  | 'uncertain'
  | 'cancelled'
  | 'run_error';

export const LOG_STATUSES: LogStatus[] = ['pending', 'sent', 'queued', 'failed', 'abandoned', 'invalid', 'dry_run', 'uncertain', 'cancelled', 'run_error'];

/** Vietnamese label of each status (the `Trạng thái` cell). */
export const STATUS_LABEL: Record<LogStatus, string> = MAIL.status;

/** A reminder's kind, the weekly digest, or a run (for `run_error` rows). */
export type LogKind = ReminderKind | 'DIGEST' | 'RUN';

/** Failed sends of one key before it is `abandoned`. */
export const MAX_ATTEMPTS = 5;
/** The weekly digest goes out on this ISO weekday (1 = Monday) or the first run after it in the week. */
export const DIGEST_WEEKDAY = 1;
/** Scheduled sends start at this hour, Asia/Ho_Chi_Minh (menu sends are immediate). */
export const SEND_FROM_HOUR = 7;

export interface LogEntry {
  /** 0-based index of the row in the grid it was read from; -1 for a row not yet written. */
  row: number;
  time: Date | null;
  /** YYYY-MM or YYYY-Qn ('' for run errors). */
  period: string;
  /** Reminder date (or the digest's Monday), YYYY-MM-DD; '' when unknown. */
  date: string;
  unit: string;
  to: string;
  kind: LogKind;
  status: LogStatus;
  detail: string;
  /** Idempotency key ('' for run errors). */
  key: string;
}

// ---------------------------------------------------------------------------------------------
// Keys

const REMINDER_PREFIX = 'NHAC';
const DIGEST_PREFIX = 'TONGHOP';

/** One message per unit per reminder date of a period (month 2026-11 or quarter 2026-Q4: distinct keys). */
export function reminderKey(period: string, date: string, unit: string): string {
  return `${REMINDER_PREFIX}|${period}|${date}|${unit}`;
}

/** One digest per ISO week (`2026-W45`). */
export function digestKey(week: string): string {
  return `${DIGEST_PREFIX}|${week}`;
}

export type ParsedKey = { type: 'reminder'; period: string; date: string; unit: string } | { type: 'digest'; week: string };

export function parseKey(key: string): ParsedKey | null {
  const parts = key.trim().split('|');
  if (parts[0] === REMINDER_PREFIX && parts.length >= 4 && /^\d{4}-(?:\d{2}|Q[1-4])$/.test(parts[1]) && parseYmd(parts[2]))
    return { type: 'reminder', period: parts[1], date: parts[2], unit: parts.slice(3).join('|') };
  if (parts[0] === DIGEST_PREFIX && parts.length === 2 && /^\d{4}-W\d{2}$/.test(parts[1])) return { type: 'digest', week: parts[1] };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rows: layout, parsing, serialising

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
    if (columns.key >= 0 && columns.status >= 0) return { headerRow: r, width: Math.max(values[r].length, ...Object.values(columns).map((c) => c + 1)), columns };
  }
  return { ...DEFAULT_LAYOUT, headerRow: -1 };
}

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
        entries.push({ row: r, time: parseTimeCell(get(row, 'time')), period: '', date: '', unit: '', to: '', kind: 'RUN', status: 'run_error', detail: text(get(row, 'detail')), key: '' });
      continue;
    }
    const kindText = text(get(row, 'kind'));
    const kind: LogKind = parsed.type === 'digest' ? 'DIGEST' : (KIND_BY_KEY.get(matchKey(kindText)) as LogKind | undefined) ?? 'CHAT_LUONG';
    const status: LogStatus = parsedStatus && parsedStatus !== 'run_error' ? parsedStatus : 'uncertain';
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

// ---------------------------------------------------------------------------------------------
// The state of each key

export interface KeyState {
  key: string;
  /** Effective status (see the precedence rule at the top). */
  status: LogStatus;
  /** Failed attempts so far. */
  attempts: number;
  /** Recipient of the latest row. */
  to: string;
  /** The latest row of the key. */
  last: LogEntry;
  entries: LogEntry[];
}

/**
 * Fold the log into one state per key (row order). `dry_run` rows count only while dry run is
 * on: switching it off lets the real messages go.
 */
export function keyStates(log: LogEntry[], dryRun: boolean): Map<string, KeyState> {
  const out = new Map<string, KeyState>();
  for (const e of log) {
    if (!e.key) continue;
    if (e.status === 'dry_run' && !dryRun) continue;
    let s = out.get(e.key);
    if (!s) out.set(e.key, (s = { key: e.key, status: e.status, attempts: 0, to: e.to, last: e, entries: [] }));
    s.entries.push(e);
    s.last = e;
    s.to = e.to || s.to;
    if (e.status === 'failed' || e.status === 'abandoned') s.attempts++;
    if (s.status === 'sent') continue;
    if (e.status === 'sent') s.status = 'sent';
    else if (s.status === 'pending' || s.status === 'uncertain') continue;
    else s.status = e.status;
  }
  return out;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A state that means "this key must not be sent (again)" for a message to `to`. */
export function isSettled(s: KeyState | undefined, to: string, maxAttempts = MAX_ATTEMPTS): boolean {
  if (!s) return false;
  switch (s.status) {
    case 'sent':
    case 'pending':
    case 'uncertain':
    case 'abandoned':
    case 'dry_run':
      return true;
    case 'invalid':
      return sameAddress(s.to, to);
    case 'failed':
      return s.attempts >= maxAttempts;
    default:
      return false;
  }
}

/** Queued or failed (and still retryable): waiting for a later run. */
export function isOutstanding(s: KeyState, maxAttempts = MAX_ATTEMPTS): boolean {
  return s.status === 'queued' || (s.status === 'failed' && s.attempts < maxAttempts);
}

// ---------------------------------------------------------------------------------------------
// Deciding what to send

export interface Outgoing {
  key: string;
  period: string;
  /** The reminder date of the key (the date it was due, not necessarily today). */
  date: string;
  /** The current message (for a retry: recomputed today, so it says what is missing now). */
  plan: ReminderPlan;
  /** Failed attempts so far. */
  attempts: number;
  /** The key's state before this run (null: never logged). */
  previous: LogStatus | null;
}

export interface Cancelled {
  key: string;
  entry: LogEntry;
  reason: 'not_lagging' | 'period_over' | 'superseded';
  /** For 'superseded': the newer reminder date. */
  by?: string;
}

export interface DecideInput {
  /** The reminders as planned now (planReminders for today, on any date), most lagging first. */
  plans: ReminderPlan[];
  /** The current period (YYYY-MM or YYYY-Qn). */
  period: string;
  /** The reminder date being served now (today on a reminder date, or a manual send), else null: only retries. */
  dueDate: string | null;
  log: LogEntry[];
  now: Date;
  /** Recipients MailApp may still send to (getRemainingDailyQuota), minus any reserve. */
  quotaRemaining: number;
  dryRun: boolean;
  /** Sends allowed in this run at most (besides the quota). */
  maxSends?: number;
  maxAttempts?: number;
}

export interface Decision {
  /** To send now, most lagging first. */
  send: Outgoing[];
  /** Not sent now for lack of quota, newly queued (a row each). */
  queue: Outgoing[];
  /** Not sent now, already queued by an earlier run (no new row). */
  waiting: Outgoing[];
  /** Malformed address: logged `invalid`, never sent. */
  invalid: Outgoing[];
  /** Dry run: logged `dry_run`, not sent. */
  dryRun: Outgoing[];
  cancel: Cancelled[];
  /** `pending` rows of an interrupted run: to be rewritten as `uncertain` (entries with row set). */
  uncertain: LogEntry[];
  /** Keys of the due date (or retries) with nothing to do, and why. */
  done: { key: string; unit: string; status: LogStatus }[];
  /** The rows to append now (invalid, dry run, queue, cancel), already composed. */
  entries: LogEntry[];
}

function byPriority(a: Outgoing, b: Outgoing): number {
  return b.plan.priority - a.plan.priority || (a.plan.unit < b.plan.unit ? -1 : a.plan.unit > b.plan.unit ? 1 : 0);
}

/** How many recipients a message counts for in MailApp's quota. */
export function recipientCount(to: string): number {
  return Math.max(1, to.split(/[,;]/).filter((s) => s.trim()).length);
}

export interface DecideSendsOptions {
  /**
   * The reminder date served (default: the report's, today on a reminder date, else null: only
   * retries). A manual send ("Gửi thư nhắc ngay") serves today whatever the calendar says.
   */
  dueDate?: string | null;
  /** Default: the report's `Chế độ thử`; the CLI's outbox sends nothing, so it passes false. */
  dryRun?: boolean;
}

/**
 * The one entry for send decisions: `decide` on the report's plans of today
 * (`report.reminder.plans`), its period and reminder date, for the log as it is now.
 */
export function decideSends(report: Report, log: LogEntry[], quotaRemaining: number, now: Date, opts: DecideSendsOptions = {}): Decision {
  return decide({
    plans: report.reminder.plans,
    period: report.period,
    dueDate: opts.dueDate === undefined ? report.reminder.dueDate : opts.dueDate,
    log,
    now,
    quotaRemaining,
    dryRun: opts.dryRun ?? report.settings.dryRun,
  });
}

/**
 * Which reminders to send now, queue, log as invalid or dry run, cancel, or leave alone. Pure:
 * the adapters write `entries` and the `uncertain` rewrites, then send `send` in order, writing a
 * `pending` row before each message (pendingEntry) and its outcome after (outcomeEntry).
 */
export function decide(input: DecideInput): Decision {
  const maxAttempts = input.maxAttempts ?? MAX_ATTEMPTS;
  const states = keyStates(input.log, input.dryRun);
  const planByUnit = new Map(input.plans.map((p) => [p.unit, p]));
  const d: Decision = { send: [], queue: [], waiting: [], invalid: [], dryRun: [], cancel: [], uncertain: [], done: [], entries: [] };

  for (const e of input.log) if (e.status === 'pending' && e.row >= 0) d.uncertain.push(e);

  // Candidates of the due date.
  const candidates: Outgoing[] = [];
  const dueUnits = new Set<string>();
  if (input.dueDate) {
    for (const plan of input.plans) {
      const key = reminderKey(input.period, input.dueDate, plan.unit);
      const s = states.get(key);
      dueUnits.add(plan.unit);
      if (isSettled(s, plan.to, maxAttempts)) {
        d.done.push({ key, unit: plan.unit, status: s!.status === 'pending' ? 'uncertain' : s!.status });
        continue;
      }
      candidates.push({ key, period: input.period, date: input.dueDate, plan, attempts: s ? s.attempts : 0, previous: s ? s.status : null });
    }
  }

  // Outstanding keys of earlier reminder dates: retried with today's content, once per unit.
  const outstanding: { s: KeyState; k: { period: string; date: string; unit: string } }[] = [];
  for (const s of states.values()) {
    const k = parseKey(s.key);
    if (!k || k.type !== 'reminder' || !isOutstanding(s, maxAttempts)) continue;
    if (input.dueDate && k.period === input.period && k.date === input.dueDate) continue;
    outstanding.push({ s, k });
  }
  outstanding.sort((a, b) => (a.k.date > b.k.date ? -1 : a.k.date < b.k.date ? 1 : 0));
  const retried = new Map<string, string>();
  for (const { s, k } of outstanding) {
    if (k.period !== input.period) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'period_over' });
      continue;
    }
    const plan = planByUnit.get(k.unit);
    if (!plan) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'not_lagging' });
      continue;
    }
    if (dueUnits.has(k.unit)) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'superseded', by: input.dueDate! });
      continue;
    }
    const newer = retried.get(k.unit);
    if (newer) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'superseded', by: newer });
      continue;
    }
    retried.set(k.unit, k.date);
    candidates.push({ key: s.key, period: k.period, date: k.date, plan, attempts: s.attempts, previous: s.status });
  }

  candidates.sort(byPriority);
  let quota = Math.max(0, Math.floor(input.quotaRemaining));
  let slots = input.maxSends ?? Infinity;
  for (const o of candidates) {
    if (!checkEmail(o.plan.to).valid) {
      d.invalid.push(o);
      continue;
    }
    if (input.dryRun) {
      d.dryRun.push(o);
      continue;
    }
    const n = recipientCount(o.plan.to);
    if (n <= quota && slots > 0) {
      d.send.push(o);
      quota -= n;
      slots--;
    } else if (o.previous === 'queued') d.waiting.push(o);
    else d.queue.push(o);
  }

  const now = input.now;
  for (const o of d.invalid) d.entries.push(entryFor(o, now, 'invalid', MAIL.detail.invalidAddress(o.plan.to)));
  for (const o of d.dryRun) d.entries.push(entryFor(o, now, 'dry_run', MAIL.detail.dryRun));
  for (const o of d.queue) d.entries.push(queuedEntry(o, now, 'quota', Math.max(0, Math.floor(input.quotaRemaining))));
  for (const c of d.cancel) d.entries.push(cancelEntry(c, now));
  return d;
}

function entryFor(o: Outgoing, now: Date, status: LogStatus, detail: string): LogEntry {
  return { row: -1, time: now, period: o.period, date: o.date, unit: o.plan.unit, to: o.plan.to, kind: o.plan.kind as LogKind, status, detail, key: o.key };
}

/** The row written (and flushed) just before sending. */
export function pendingEntry(o: Outgoing, now: Date): LogEntry {
  return entryFor(o, now, 'pending', MAIL.detail.pending);
}

export type SendResult = { ok: true } | { ok: false; error: string };
export type SendErrorClass = 'invalid' | 'quota' | 'transient';

/**
 * What a MailApp exception means. Invalid recipient: never retried to that address. Quota ("too
 * many times", "limit exceeded"): nothing was sent, stop this run, queue the rest. Anything else:
 * a passing fault, retried on a later run.
 */
export function classifySendError(message: string): SendErrorClass {
  const m = message.toLowerCase();
  if (/invalid (e-?mail|recipient|address|argument: (to|recipient))|địa chỉ.*không hợp lệ|no recipient|bad recipient/.test(m)) return 'invalid';
  // "Limit Exceeded: Email Body Size / Recipients Per Message" is about this message: transient (then abandoned).
  if (/too many times|quota|rate ?limit|hạn mức|quá nhiều lần/.test(m)) return 'quota';
  return 'transient';
}

/** Short, ID-free text of an error for the log. */
export function errorDetail(error: string): string {
  const s = scrubIds(error.replace(/\s+/g, ' ').trim());
  return s.length > 300 ? s.slice(0, 297) + '…' : s;
}

export interface Outcome {
  entry: LogEntry;
  /** A quota error: stop sending in this run (queue the rest). */
  stop: boolean;
}

/** The row replacing a message's pending row once its send returned or threw. */
export function outcomeEntry(o: Outgoing, result: SendResult, now: Date, maxAttempts = MAX_ATTEMPTS): Outcome {
  if (result.ok) {
    const today = ymd(vnDateParts(now));
    const detail = o.plan.unit && o.date !== today ? MAIL.detail.sentRetry(formatDateVi(parseYmd(o.date)!)) : MAIL.detail.sent;
    return { entry: entryFor(o, now, 'sent', detail), stop: false };
  }
  const err = errorDetail(result.error);
  const cls = classifySendError(result.error);
  if (cls === 'invalid') return { entry: entryFor(o, now, 'invalid', MAIL.detail.invalidRejected(err)), stop: false };
  if (cls === 'quota') return { entry: entryFor(o, now, 'queued', MAIL.detail.queuedMailError(err)), stop: true };
  const attempt = o.attempts + 1;
  if (attempt >= maxAttempts) return { entry: entryFor(o, now, 'abandoned', MAIL.detail.abandoned(attempt, err)), stop: false };
  return { entry: entryFor(o, now, 'failed', MAIL.detail.failed(attempt, maxAttempts, err)), stop: false };
}

/**
 * A message left for a later run: 'quota' (quota used up), 'time' (the run's time budget). Null
 * when the key is already queued (its state does not change: no new row).
 */
export function queuedEntry(o: Outgoing, now: Date, why: 'quota' | 'time', quotaRemaining = 0): LogEntry {
  return entryFor(o, now, 'queued', why === 'quota' ? MAIL.detail.queuedQuota(quotaRemaining) : MAIL.detail.queuedTime);
}

/** Rows for messages deferred mid-run (time budget or a quota error): only for keys not already queued. */
export function deferEntries(list: Outgoing[], now: Date, why: 'quota' | 'time', quotaRemaining = 0): LogEntry[] {
  return list.filter((o) => o.previous !== 'queued').map((o) => queuedEntry(o, now, why, quotaRemaining));
}

function cancelEntry(c: Cancelled, now: Date): LogEntry {
  const detail =
    c.reason === 'not_lagging'
      ? MAIL.detail.cancelledNotLagging
      : c.reason === 'period_over'
        ? MAIL.detail.cancelledPeriodOver(formatPeriodVi(c.entry.period))
        : MAIL.detail.cancelledSuperseded(formatDateVi(parseYmd(c.by!)!));
  return { ...c.entry, row: -1, time: now, status: 'cancelled', detail };
}

/** A pending row found by a run holding the lock: rewritten in place as `uncertain`. */
export function uncertainEntry(e: LogEntry): LogEntry {
  return { ...e, status: 'uncertain', detail: MAIL.detail.uncertain };
}

/** A readable row for a run that threw (no key). */
export function runErrorEntry(now: Date, message: string, period = ''): LogEntry {
  return { row: -1, time: now, period, date: '', unit: '', to: '', kind: 'RUN', status: 'run_error', detail: MAIL.detail.runError(errorDetail(message)), key: '' };
}

// ---------------------------------------------------------------------------------------------
// When: reminder dates, the send window

/** Hour of the day (0–23) in Asia/Ho_Chi_Minh. */
export function vnHour(now: Date): number {
  return new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();
}

/**
 * True when the log holds work for a later run: pending rows (to mark uncertain), or queued or
 * failed keys (to send, or to cancel when their period is over).
 */
export function hasOutstanding(log: LogEntry[], dryRun: boolean, maxAttempts = MAX_ATTEMPTS): boolean {
  return log.some((e) => e.status === 'pending') || waitingKeys(log, dryRun, maxAttempts) > 0;
}

/** Reminders waiting in the log for a later run (queued, or failed with attempts left). */
export function waitingKeys(log: LogEntry[], dryRun: boolean, maxAttempts = MAX_ATTEMPTS): number {
  let n = 0;
  for (const s of keyStates(log, dryRun).values()) {
    // digests: digestDue() looks at the current week; an older week's is closed by staleDigestEntries()
    if (isOutstanding(s, maxAttempts) && s.last.kind !== 'DIGEST') n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The weekly digest's schedule

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

function weekMonday(week: string): string {
  const y = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = { y, m: 1, d: 4 };
  const mondayW1 = dayNumber(jan4) - isoWeekday(jan4) + 1;
  return ymd(fromDayNumber(mondayW1 + (n - 1) * 7));
}

export interface DigestDue {
  key: string;
  week: string;
  weekNumber: number;
  year: number;
  /** Monday of the week. */
  date: string;
  attempts: number;
  previous: LogStatus | null;
}

/**
 * The digest due now, if any: from the digest weekday on (Monday), once per ISO week, until it is
 * sent (or dry-run, uncertain, abandoned). Null without recipients.
 */
export function digestDue(input: { log: LogEntry[]; today: string; settings: Pick<Settings, 'digestEmails' | 'dryRun'>; weekday?: number; maxAttempts?: number }): DigestDue | null {
  if (!input.settings.digestEmails.length) return null;
  const p = parseYmd(input.today);
  if (!p) return null;
  if (isoWeekday(p) < (input.weekday ?? DIGEST_WEEKDAY)) return null;
  const w = isoWeek(p);
  const key = digestKey(w.week);
  const s = keyStates(input.log, input.settings.dryRun).get(key);
  if (isSettled(s, input.settings.digestEmails.join(', '), input.maxAttempts ?? MAX_ATTEMPTS)) return null;
  return { key, week: w.week, weekNumber: w.number, year: w.year, date: w.monday, attempts: s ? s.attempts : 0, previous: s ? s.status : null };
}

/**
 * Digests of earlier weeks still queued or failed: cancelled (the next digest covers the time since
 * the last one sent, so nothing is lost).
 */
export function staleDigestEntries(log: LogEntry[], today: string, dryRun: boolean, now: Date, maxAttempts = MAX_ATTEMPTS): LogEntry[] {
  const p = parseYmd(today);
  if (!p) return [];
  const current = digestKey(isoWeek(p).week);
  const out: LogEntry[] = [];
  for (const s of keyStates(log, dryRun).values()) {
    if (s.last.kind !== 'DIGEST' || s.key === current || !isOutstanding(s, maxAttempts)) continue;
    out.push({ ...s.last, row: -1, time: now, status: 'cancelled', detail: MAIL.detail.cancelledDigest });
  }
  return out;
}

/** The digest as an Outgoing (so it is logged, sent and retried like a reminder). */
export function digestOutgoing(due: DigestDue, period: string, message: { subject: string; text: string; html: string }, recipients: string[]): Outgoing {
  return {
    key: due.key,
    period,
    date: due.date,
    plan: { unit: '', to: recipients.join(', '), kind: 'DIGEST' as ReminderKind, subject: message.subject, reasons: [], text: message.text, html: message.html, priority: 0 },
    attempts: due.attempts,
    previous: due.previous,
  };
}

/** The start of the digest's window: the last digest sent, or 7 days before `now`. */
export function digestSince(log: LogEntry[], now: Date): Date {
  let since = now.getTime() - 7 * 86400000;
  for (const e of log) {
    if (e.kind === 'DIGEST' && e.status === 'sent' && e.time && e.time.getTime() < now.getTime() && e.time.getTime() > since) since = e.time.getTime();
  }
  return new Date(since);
}

// ---------------------------------------------------------------------------------------------
// CLI parity: the same decision for an .eml outbox

export interface OutboxResult {
  /** Plans to write as .eml now (one per unit for today's reminder date). */
  toWrite: ReminderPlan[];
  /** Plans not written because the log already has them (sent, uncertain, …). */
  skipped: number;
  /** The whole log after this run (header + rows), to save as CSV. */
  rows: Cell[][];
  /** The entries appended by this run. */
  added: LogEntry[];
}

/**
 * `bdhvs tong-hop --send-log FILE.csv`: what to write to `thu-nhac/`, and the log to save. Writing
 * an .eml counts as sending (status `sent`, detail says it was written as a file); no quota; dry
 * run does not apply (nothing is sent). A rerun on the same day writes nothing new.
 */
export function cliOutbox(report: Report, logRows: Cell[][] | null, now: Date, sentDetail: (plan: ReminderPlan) => string = () => MAIL.detail.sent): OutboxResult {
  const grid = logRows && logRows.length ? logRows : [logHeader()];
  const parsed = parseLog(grid);
  const layout = parsed.layout.headerRow >= 0 ? parsed.layout : DEFAULT_LAYOUT;
  const base = parsed.layout.headerRow >= 0 ? grid : [logHeader(), ...grid];
  const d = decideSends(report, parsed.entries, Infinity, now, { dryRun: false });
  const added: LogEntry[] = d.entries.slice();
  for (const o of d.send) added.push({ ...outcomeEntry(o, { ok: true }, now).entry, detail: sentDetail(o.plan) });
  const shift = parsed.layout.headerRow >= 0 ? 0 : 1;
  const rows = base.slice();
  // pending rows of an interrupted run: rewritten in place as uncertain
  for (const u of d.uncertain) rows[u.row + shift] = toRows([uncertainEntry(u)], layout, { time: 'text' })[0];
  rows.push(...toRows(added, layout, { time: 'text' }));
  return { toWrite: d.send.map((o) => o.plan), skipped: d.done.length, rows, added };
}
