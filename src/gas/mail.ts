/**
 * Sending reminders and the weekly digest with MailApp, with `Nhật ký gửi thư` as the idempotency
 * record (src/core/sendlog/ decides; this file moves rows and sends). See docs/reminders.md.
 *
 * Never twice: every run that sends holds the document lock, reads the log after taking it, and
 * writes a `pending` row, flushed, before each MailApp.sendEmail. The outcome replaces that row
 * in the same setValues that writes the next message's pending row (the two rows are adjacent),
 * so a message costs one setValues and one flush, and a run killed between a send and its log
 * update leaves exactly that message `pending`: the next run marks it `uncertain` and never
 * resends it. Quota: MailApp.getRemainingDailyQuota() before sending; the most lagging units go
 * first, the rest is queued for a later run (never dropped).
 */
import {
  type Cell,
  type Report,
  composeDigest,
  MAIL,
  SHEET,
  decideSends,
  deferEntries,
  digestDue,
  digestOutgoing,
  digestSince,
  logHeader,
  outcomeEntry,
  parseLog,
  pendingEntry,
  queuedEntry,
  recipientCount,
  runErrorEntry,
  staleDigestEntries,
  toRows,
  uncertainEntry,
  DEFAULT_LAYOUT,
  type Decision,
  type LogEntry,
  type LogLayout,
  type LogStatus,
  type Outgoing,
  type SendResult,
} from '../core';
import { findSheet } from './find';
import { currentDocument, documentProperties } from './context';
import { now, startStopwatch, type Stopwatch } from './env';
import { AccessDenied, assertCanWrite, canWrite, syncEditors } from './access';
import { errorText, executeRun, rememberRunFailure, RunStop } from './run';
import { alert, confirm, getUi, log as logLine, toast } from './ui';
import { sheetClock, type SheetClock } from './tz';
import { fitSize, literalRows, protectOutput } from './write';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How long a mail run waits for the document lock (another run sending or consolidating). */
export const MAIL_LOCK_WAIT_MS = 10_000;
/** Rows added at a time when the log sheet is full. */
const GROW_ROWS = 500;

// ---------------------------------------------------------------------------------------------
// The log sheet

export interface LogSheet {
  sheet: Sheet;
  layout: LogLayout;
  /** Parsed entries; `row` is the 0-based sheet row (sheet row number − 1). */
  entries: LogEntry[];
  /** 1-based row of the next append. */
  nextRow: number;
  maxRows: number;
  /** The spreadsheet's time zone: log times read and written as Vietnamese wall-clock (tz.ts). */
  clock: SheetClock;
}

function createLogSheet(ss: Spreadsheet, staff: string[]): Sheet {
  const sheet = ss.insertSheet(SHEET.mailLog, ss.getNumSheets());
  const header = logHeader();
  fitSize(sheet, 1000, header.length);
  const range = sheet.getRange(1, 1, 1, header.length);
  range.setValues([header]);
  range.setFontWeight('bold');
  sheet.setFrozenRows(1);
  protectOutput(sheet, staff);
  return sheet;
}

/**
 * Read the whole log in one getValues (creating the sheet when `create`, protected for the owner,
 * this user and `staff`). Null: no log sheet.
 */
export function openLog(ss: Spreadsheet, create: boolean, staff: string[] = []): LogSheet | null {
  let sheet = findSheet(ss, SHEET.mailLog);
  if (!sheet) {
    if (!create) return null;
    sheet = createLogSheet(ss, staff);
  }
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const clock = sheetClock(ss);
  const values = lastRow > 0 ? clock.readRows(sheet.getRange(1, 1, lastRow, Math.max(1, lastCol)).getValues() as Cell[][]) : [];
  const parsed = parseLog(values);
  let layout = parsed.layout;
  let nextRow = lastRow + 1;
  if (layout.headerRow < 0 && lastRow === 0) {
    const header = logHeader();
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    layout = DEFAULT_LAYOUT;
    nextRow = 2;
  }
  return { sheet, layout, entries: parsed.entries, nextRow, maxRows: sheet.getMaxRows(), clock };
}

function ensureRows(log: LogSheet, lastRow: number): void {
  if (lastRow <= log.maxRows) return;
  const add = Math.max(lastRow - log.maxRows, GROW_ROWS);
  log.sheet.insertRowsAfter(log.maxRows, add);
  log.maxRows += add;
}

/** Write entries at a 1-based row (one setValues) and keep the in-memory log in step. */
function writeAt(log: LogSheet, row: number, entries: LogEntry[]): void {
  if (!entries.length) return;
  ensureRows(log, row + entries.length - 1);
  // every cell as a literal: a unit code such as "=HYPERLINK(…)" must not become a formula
  log.sheet.getRange(row, 1, entries.length, log.layout.width).setValues(literalRows(log.clock.writeRows(toRows(entries, log.layout))));
  entries.forEach((e, i) => {
    const placed = { ...e, row: row - 1 + i };
    const at = log.entries.findIndex((x) => x.row === placed.row);
    if (at >= 0) log.entries[at] = placed;
    else log.entries.push(placed);
  });
  log.nextRow = Math.max(log.nextRow, row + entries.length);
}

export function appendEntries(log: LogSheet, entries: LogEntry[]): void {
  writeAt(log, log.nextRow, entries);
}

/** Rewrite rows in place, one setValues per run of adjacent rows. */
function rewrite(log: LogSheet, entries: LogEntry[]): void {
  const sorted = entries.slice().sort((a, b) => a.row - b.row);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].row === sorted[j].row + 1) j++;
    writeAt(log, sorted[i].row + 1, sorted.slice(i, j + 1));
    i = j + 1;
  }
}

/** A readable row for a failed run, best effort (never throws). */
export function logRunError(ss: Spreadsheet, message: string, period = ''): void {
  logLine(MAIL.detail.runError(message));
  try {
    const existing = findSheet(ss, SHEET.mailLog);
    if (existing && !canWrite({ sheet: existing })) {
      // this account cannot write the log: the failure is kept where "Giới thiệu" shows it
      rememberRunFailure(documentProperties(), 'consolidation', message);
      return;
    }
    const log = openLog(ss, true);
    if (log) appendEntries(log, [runErrorEntry(now(), message, period)]);
    SpreadsheetApp.flush();
  } catch (_e) {
    // the console line above is all we can leave
  }
}

// ---------------------------------------------------------------------------------------------
// Sending

export interface MailCounts {
  sent: number;
  queued: number;
  waiting: number;
  failed: number;
  abandoned: number;
  invalid: number;
  dryRun: number;
  uncertain: number;
  cancelled: number;
  /** Due reminders already handled by an earlier run (sent, uncertain, invalid …). */
  done: number;
}

export interface MailRunResult {
  status: 'done' | 'busy' | 'idle' | 'cancelled' | 'failed' | 'retired';
  counts: MailCounts;
  /** Outcome of the weekly digest in this run, if one was due. */
  digest: LogStatus | null;
  message?: string;
}

export function emptyCounts(): MailCounts {
  return { sent: 0, queued: 0, waiting: 0, failed: 0, abandoned: 0, invalid: 0, dryRun: 0, uncertain: 0, cancelled: 0, done: 0 };
}

function count(c: MailCounts, status: LogStatus): void {
  if (status === 'sent') c.sent++;
  else if (status === 'queued') c.queued++;
  else if (status === 'failed') c.failed++;
  else if (status === 'abandoned') c.abandoned++;
  else if (status === 'invalid') c.invalid++;
  else if (status === 'dry_run') c.dryRun++;
  else if (status === 'cancelled') c.cancelled++;
  else if (status === 'uncertain') c.uncertain++;
}

function sendOne(o: Outgoing, report: Report): SendResult {
  const s = report.settings;
  const message: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: o.plan.to,
    subject: o.plan.subject,
    body: o.plan.text,
    htmlBody: o.plan.html,
    name: s.departmentName,
  };
  if (s.contactEmail) message.replyTo = s.contactEmail;
  try {
    MailApp.sendEmail(message);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

interface SendLoopResult {
  outcomes: LogEntry[];
  deferred: LogEntry[];
}

/**
 * Send in order. Before each message: one setValues holding the previous message's outcome and
 * this message's pending row, then a flush. After the last: its outcome and the rows of the
 * messages left for later (time budget, quota error) in one setValues.
 */
function sendLoop(log: LogSheet, items: Outgoing[], report: Report, watch: Stopwatch, quotaRemaining: number): SendLoopResult {
  const outcomes: LogEntry[] = [];
  let prev: { row: number; entry: LogEntry } | null = null;
  let deferred: Outgoing[] = [];
  let why: 'time' | 'quota' = 'time';
  for (let i = 0; i < items.length; i++) {
    if (watch.overBudget()) {
      deferred = items.slice(i);
      why = 'time';
      break;
    }
    const o = items[i];
    const row = log.nextRow;
    const pending = pendingEntry(o, now());
    if (prev && prev.row === row - 1) writeAt(log, prev.row, [prev.entry, pending]);
    else {
      if (prev) writeAt(log, prev.row, [prev.entry]);
      writeAt(log, row, [pending]);
    }
    SpreadsheetApp.flush();
    const outcome = outcomeEntry(o, sendOne(o, report), now());
    outcomes.push(outcome.entry);
    prev = { row, entry: outcome.entry };
    if (outcome.stop) {
      deferred = items.slice(i + 1);
      why = 'quota';
      break;
    }
  }
  const tail = deferEntries(deferred, now(), why, quotaRemaining);
  if (prev && prev.row === log.nextRow - 1) writeAt(log, prev.row, [prev.entry, ...tail]);
  else {
    if (prev) writeAt(log, prev.row, [prev.entry]);
    appendEntries(log, tail);
  }
  if (prev || tail.length) SpreadsheetApp.flush();
  return { outcomes, deferred: tail };
}

export interface MailRunOptions {
  /** The reminder date served (today on a reminder date or for a manual send), else null: retries only. */
  dueDate: string | null;
  /** Send the weekly digest when due. */
  digest: boolean;
  watch: Stopwatch;
}

/**
 * One mail run. The caller holds the document lock. Reads the log, decides, writes the rows that
 * need no send, sends (pending first), then the digest when due.
 */
export function runMail(ss: Spreadsheet, report: Report, opts: MailRunOptions): MailRunResult {
  const s = report.settings;
  const counts = emptyCounts();
  // refused before the first row (src/gas/access.ts); the log's protection keeps the staff as editors
  assertCanWrite(ss, [SHEET.mailLog]);
  const log = openLog(ss, true, s.staffEmails)!;
  syncEditors(log.sheet, s.staffEmails);
  const quota = s.dryRun ? Infinity : MailApp.getRemainingDailyQuota();
  const digest = opts.digest ? digestDue({ log: log.entries, today: report.today, settings: s }) : null;
  const reserve = digest && !s.dryRun ? recipientCount(s.digestEmails.join(', ')) : 0;

  const d = decideSends(report, log.entries, Math.max(0, quota - reserve), now(), { dueDate: opts.dueDate });
  counts.done = d.done.length;
  counts.waiting = d.waiting.length;

  if (d.uncertain.length) rewrite(log, d.uncertain.map(uncertainEntry));
  counts.uncertain += d.uncertain.length;
  appendEntries(log, [...d.entries, ...(opts.digest ? staleDigestEntries(log.entries, report.today, s.dryRun, now()) : [])]);
  for (const e of d.entries) count(counts, e.status);

  const loop = sendLoop(log, d.send, report, opts.watch, Math.max(0, quota - reserve));
  for (const e of loop.outcomes) count(counts, e.status);
  for (const e of loop.deferred) count(counts, e.status);
  // a message deferred while already queued adds no row but is still waiting
  counts.waiting += d.send.length - loop.outcomes.length - loop.deferred.length;

  let digestStatus: LogStatus | null = null;
  if (digest) digestStatus = sendDigest(log, report, digest, opts.watch);
  if (d.entries.length || d.uncertain.length) SpreadsheetApp.flush();
  return { status: 'done', counts, digest: digestStatus };
}

function sendDigest(log: LogSheet, report: Report, due: NonNullable<ReturnType<typeof digestDue>>, watch: Stopwatch): LogStatus | null {
  const s = report.settings;
  const t = now();
  const message = composeDigest({ report, log: log.entries, since: digestSince(log.entries, t), now: t, week: due.weekNumber, year: due.year });
  const o = digestOutgoing(due, report.period, message, s.digestEmails);
  if (s.dryRun) {
    const e = { ...pendingEntry(o, t), status: 'dry_run' as const, detail: MAIL.detail.dryRun };
    appendEntries(log, [e]);
    return 'dry_run';
  }
  const quota = MailApp.getRemainingDailyQuota();
  if (quota < recipientCount(o.plan.to) || watch.overBudget()) {
    if (o.previous !== 'queued') appendEntries(log, [queuedEntry(o, t, watch.overBudget() ? 'time' : 'quota', quota)]);
    return 'queued';
  }
  const row = log.nextRow;
  writeAt(log, row, [pendingEntry(o, t)]);
  SpreadsheetApp.flush();
  const outcome = outcomeEntry(o, sendOne(o, report), now());
  writeAt(log, row, [outcome.entry]);
  SpreadsheetApp.flush();
  return outcome.entry.status;
}

// ---------------------------------------------------------------------------------------------
// Menu: "Gửi thư nhắc ngay"

/**
 * Consolidate, show what would go (counts), and on confirmation send today's reminders (today is
 * taken as the reminder date: one message per lagging unit for today, whatever the calendar says)
 * and any queued or failed ones. Returns the counts.
 */
export function sendReminders(): MailRunResult {
  const watch = startStopwatch();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const interactive = getUi() !== null;
  try {
    toast(MAIL.send.computing);
    const run = executeRun({ kind: 'consolidation', interactive, extraSheets: [SHEET.mailLog] });
    if (!run.report) return { status: run.status === 'busy' ? 'busy' : 'failed', counts: emptyCounts(), digest: null, message: run.message };
    const report = run.report;
    const s = report.settings;

    // What would go, from the log as it stands (decided again under the lock after the answer).
    const existing = openLog(ss, false);
    const quota = s.dryRun ? Infinity : MailApp.getRemainingDailyQuota();
    const preview = decideSends(report, existing ? existing.entries : [], quota, now(), { dueDate: report.today });
    const toGo = preview.send.length + preview.queue.length + preview.waiting.length + preview.dryRun.length;
    if (toGo + preview.invalid.length === 0) {
      alert(MAIL.send.nothing(preview.done.length), MAIL.send.title);
      return { status: 'idle', counts: { ...emptyCounts(), done: preview.done.length }, digest: null };
    }
    const question = MAIL.send.confirm({
      send: preview.send.length,
      queue: preview.queue.length + preview.waiting.length,
      invalid: preview.invalid.length,
      done: preview.done.length,
      quota: quota === Infinity ? 0 : quota,
      dryRun: s.dryRun,
    });
    if (!confirm(question, MAIL.send.title)) return { status: 'cancelled', counts: emptyCounts(), digest: null };

    // the document lock and the spreadsheet's lease: a trigger run without a document holds the latter (src/gas/context.ts)
    const lock = currentDocument().lock;
    if (!lock.tryLock(MAIL_LOCK_WAIT_MS)) {
      alert(MAIL.send.busy, MAIL.send.title);
      return { status: 'busy', counts: emptyCounts(), digest: null, message: MAIL.send.busy };
    }
    let result: MailRunResult;
    try {
      result = runMail(ss, report, { dueDate: report.today, digest: false, watch });
    } finally {
      lock.releaseLock();
    }
    const c = result.counts;
    alert(
      MAIL.send.result({
        sent: c.sent,
        queued: c.queued + c.waiting,
        failed: c.failed + c.abandoned,
        invalid: c.invalid,
        dryRun: c.dryRun,
        uncertain: c.uncertain,
      }),
      MAIL.send.title,
    );
    return result;
  } catch (e) {
    const why = e instanceof RunStop || e instanceof AccessDenied ? e.message : errorText(e);
    logRunError(ss, why);
    alert(MAIL.detail.runError(why), MAIL.send.title);
    return { status: 'failed', counts: emptyCounts(), digest: null, message: why };
  }
}

/** Read-only: today's decision as the next run would make it (for a preview). No lock, no writes. */
export function mailPreview(report: Report): Decision {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = openLog(ss, false);
  const quota = report.settings.dryRun ? Infinity : MailApp.getRemainingDailyQuota();
  return decideSends(report, existing ? existing.entries : [], quota, now(), { dueDate: report.today });
}
