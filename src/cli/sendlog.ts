/**
 * `bdhvs tong-hop --send-log FILE.csv`: the send log of the Sheets add-on (`Nhật ký gửi thư`,
 * same columns) as a CSV file, so that reruns on the command line write no reminder twice. The
 * decision is the core's (`cliOutbox`); this file only reads and writes the CSV.
 */
import { basename } from 'node:path';
import { messages, type Cell, type ReminderPlan, type Report, cliOutbox, logLayout } from '../core';
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
