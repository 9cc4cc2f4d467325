/**
 * `bdhvs tong-hop --send-log FILE.csv`: the send log of the Sheets add-on (`Nhật ký gửi thư`,
 * same columns) as a CSV file, so that reruns on the command line write no reminder twice. The
 * decision is the core's (`decideSends`, the add-on's too); this file applies it to an .eml outbox
 * (`cliOutbox`) and reads and writes the CSV.
 */
import { basename } from 'node:path';
import {
  messages,
  type Cell,
  type LogEntry,
  type ReminderPlan,
  type Report,
  decideSends,
  logHeader,
  logLayout,
  outcomeEntry,
  parseLog,
  toRows,
  uncertainEntry,
  DEFAULT_LAYOUT,
} from '../core';
import { emlFileNames } from './eml';
import { CliError } from './errors';
import { CsvError, decodeText, guardCsvField, readCsv, unguardCsvField, writeCsv } from './xlsx/csv';

const T = messages.CLI;

export interface AppliedSendLog {
  /** Reminders to write as .eml now. */
  toWrite: ReminderPlan[];
  /** Reminders the log already accounts for (not written again). */
  skipped: number;
  /** The whole log after this run, as CSV text. */
  csv: string;
}

/**
 * Reads the log at `path` (its bytes, or null when the file does not exist yet) into rows. A file
 * that is not UTF-8 CSV, or a CSV without the log's header, is refused (exit 2) rather than
 * overwritten: it may be someone's other file. Called before anything is written, so a refused
 * log leaves no partial output.
 */
export function readSendLog(path: string, bytes: Uint8Array | null): Cell[][] | null {
  if (!bytes || !bytes.length) return null;
  let text: string;
  try {
    text = decodeText(bytes);
  } catch (e) {
    if (e instanceof CsvError) throw new CliError(T.sendLogUnreadable(path));
    throw e;
  }
  const rows = readCsv(text, ',').map((r) => r.map(unguardCsvField));
  if (rows.length && logLayout(rows).headerRow < 0) throw new CliError(T.sendLogBadHeader(path));
  return rows;
}

/** Applies the log's rows (from `readSendLog`) to the report's reminders. */
export function applySendLog(report: Report, rows: Cell[][] | null, now = new Date()): AppliedSendLog {
  const names = emlFileNames(report.reminders);
  const result = cliOutbox(report, rows, now, (plan) => messages.MAIL.detail.writtenEml(`thu-nhac/${basename(names.get(plan.unit)!)}`));
  return { toWrite: result.toWrite, skipped: result.skipped, csv: writeCsv(result.rows.map((r) => r.map(guardCsvField))) };
}

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
export function cliOutbox(
  report: Report,
  logRows: Cell[][] | null,
  now: Date,
  sentDetail: (plan: ReminderPlan) => string = () => messages.MAIL.detail.sent,
): OutboxResult {
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
