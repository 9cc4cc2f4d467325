/**
 * The month close in the add-on (issue 13 §2, docs/month-close.md): menu "Chốt số liệu kỳ này"
 * appends the current period's report to `Lịch sử tổng hợp` (src/core/history.ts closeRows, a new
 * version each time) and protects that period's `Báo cáo tháng` rows; "Chốt số liệu kỳ trước…"
 * does the same for an earlier period, consolidated as of its last day; "Mở lại kỳ đã chốt…"
 * records a reopening with its reason (required) and lifts those protections. Consolidation of a
 * closed period then reads the snapshot (src/core/consolidate.ts), so the figures sent upward stay
 * fixed.
 *
 * Protections (https://developers.google.com/apps-script/reference/spreadsheet/protection,
 * src/gas/closelock.ts): each run of a closed period's rows gets a range protection, description
 * `closeProtection(label)`, whose editors are the owner, the person closing and the staff of
 * `Cán bộ Sở (email)` (a new protection starts with every editor of the file: all but the owner
 * and the runner are removed, which Apps Script never removes anyway); with `Khóa kỳ đã chốt` =
 * Chỉ cảnh báo, a warning-only protection instead.
 */
import {
  choosePeriodToClose,
  choosePeriodToReopen,
  closeRows,
  defaultPeriodToClose,
  formatPeriodVi,
  GAS,
  historyHeader,
  historyTime,
  reopenRows,
  rowsOfPeriod,
  SHEET,
  type Cell,
  type Report,
} from '../core';
import { blockedSheets, deniedMessage, myEmail, ownerEmail, readStaff } from './access';
import { closeProtection, lockRows, reportColumn } from './closelock';
import { nowMs, todayYmd } from './env';
import { readSettings } from './settings';
import { findSheet } from './find';
import { computeReport, RunStop, underLock, errorText } from './run';
import { alert, confirm, promptText } from './ui';
import { ensureSize, protectOutput, writeRowsWithText } from './write';
import { releaseUnitReports } from './unitreports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface CloseResult {
  status: 'done' | 'cancelled' | 'failed' | 'refused' | 'busy';
  message: string;
  /** The version closed or reopened. */
  version?: number;
  /** `Báo cáo tháng` rows protected (close) or released (reopen). */
  rows?: number;
}

export { closeProtection };

/** `Lịch sử tổng hợp`, created with its header (protected like our outputs) when missing. */
function historySheet(ss: Spreadsheet, staff: string[]): Sheet {
  const existing = findSheet(ss, SHEET.history);
  if (existing) return existing;
  const sheet = ss.insertSheet(SHEET.history, ss.getNumSheets());
  const header = historyHeader();
  sheet.getRange(1, 1, 1, header.length).setValues([header]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  protectOutput(sheet, staff);
  return sheet;
}

/** Append rows below the last row; Kỳ báo cáo (column 1) as text, so "11/2026" stays text. */
function appendRows(sheet: Sheet, rows: Cell[][]): void {
  const start = sheet.getLastRow() + 1;
  const width = rows[0].length;
  ensureSize(sheet, start + rows.length - 1, width);
  writeRowsWithText(sheet, start, rows, width, [0]);
}

/** The period's rows of `Báo cáo tháng` (1-based), read from its Kỳ báo cáo column in one call. */
function periodRows(ss: Spreadsheet, report: Report): { sheet: Sheet; rows: number[]; width: number } | null {
  const c = reportColumn(ss, report);
  return c ? { sheet: c.sheet, rows: rowsOfPeriod(c.cells, c.headerRow, report.period, report.settings.cycle), width: c.width } : null;
}

function who(ss: Spreadsheet): string {
  return myEmail() || ownerEmail(ss) || GAS.close.unknownPerson;
}

/** The workbook's report, consolidated as of `today` (default: today), or why it could not be. */
function reportAsOf(today?: string): Report | CloseResult {
  try {
    return computeReport(true, today);
  } catch (e) {
    return { status: 'failed', message: e instanceof RunStop ? e.message : GAS.failed(errorText(e)) };
  }
}

const isResult = (r: Report | CloseResult): r is CloseResult => 'status' in r;

/** "Chốt số liệu kỳ này": the current period's report into the history, its report rows protected. */
export function closeCurrentPeriod(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), ask: (message: string) => boolean = confirm): CloseResult {
  const report = reportAsOf();
  return isResult(report) ? report : closeReport(ss, report, ask);
}

/**
 * "Chốt số liệu kỳ trước…": asks which period (`askPeriod` returns null when cancelled; empty: the
 * period before the current one), consolidates as of that period's last day (today for the current
 * period) as `bdhvs chot --ky` does (core `choosePeriodToClose` / `closeAsOf`), then closes it like
 * "Chốt số liệu kỳ này". A period not started, or closed now, is refused.
 */
export function closeEarlierPeriod(
  ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
  askPeriod: (message: string) => string | null = promptText,
  ask: (message: string) => boolean = confirm,
): CloseResult {
  const today = todayYmd();
  const settings = readSettings(ss, Number(today.slice(0, 4)));
  const typed = askPeriod(GAS.close.periodPrompt(formatPeriodVi(defaultPeriodToClose(today, settings))));
  if (typed === null) return { status: 'cancelled', message: '' };
  const choice = choosePeriodToClose(typed, today, settings);
  if ('refused' in choice) return { status: 'failed', message: choice.refused };
  const report = reportAsOf(choice.asOf);
  if (isResult(report)) return report;
  if (report.period !== choice.period)
    return { status: 'failed', message: GAS.close.periodNotInCycle(formatPeriodVi(choice.period), formatPeriodVi(report.period)) };
  return closeReport(ss, report, ask);
}

/** Close the period of `report`: refused when closed now; asks, then appends and locks under the document lock. */
function closeReport(ss: Spreadsheet, report: Report, ask: (message: string) => boolean): CloseResult {
  const label = formatPeriodVi(report.period);
  if (report.closed) return { status: 'failed', message: GAS.close.alreadyClosed(label, report.closed.version) };
  const before = (report.history ?? []).find((h) => h.period === report.period);
  const version = (before ? before.version : 0) + 1;
  const target = periodRows(ss, report);
  const blocked = blockedSheets(
    ss,
    [SHEET.history],
    target && target.rows.length
      ? [
          {
            sheet: target.sheet,
            name: target.sheet.getName(),
            area: { row: target.rows[0], column: 1, rows: target.rows[target.rows.length - 1] - target.rows[0] + 1, columns: target.width, sheetLevel: false },
          },
        ]
      : [],
  );
  if (blocked.length) return { status: 'refused', message: deniedMessage(ss, blocked) };
  const reportRows = target ? target.rows.length : 0;
  const warnOnly = report.settings.closedLock === 'warn';
  if (!ask(GAS.close.confirm(label, version, report.units.length, reportRows, report.totals.error, warnOnly))) return { status: 'cancelled', message: '' };

  const staff = readStaff(ss);
  const done = underLock((): CloseResult => {
    appendRows(historySheet(ss, staff), closeRows(report, { by: who(ss), at: historyTime(new Date(nowMs())), version }));
    if (target) {
      // the units' own protections of these rows (menu "Chuẩn bị báo cáo kỳ này") give way to a
      // blocking lock; under a warning-only one they stay, so that a unit may still correct its own
      // row after the warning, and no other unit's (docs/month-close.md)
      if (!warnOnly) releaseUnitReports(target.sheet, label);
      lockRows(target.sheet, target.rows, target.width, label, staff, warnOnly);
    }
    return { status: 'done', message: GAS.close.closed(label, version, reportRows, warnOnly), version, rows: reportRows };
  });
  return done ?? { status: 'busy', message: GAS.busy };
}

/**
 * "Mở lại kỳ đã chốt…": the current period, or else the last period closed, is reopened with a
 * reason (`askReason` returns null when cancelled); its protections of `Báo cáo tháng` go.
 */
export function reopenPeriod(
  ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
  askReason: (message: string) => string | null = promptText,
  askPeriod: (message: string) => string | null = promptText,
): CloseResult {
  let report: Report;
  try {
    report = computeReport(true);
  } catch (e) {
    return { status: 'failed', message: e instanceof RunStop ? e.message : GAS.failed(errorText(e)) };
  }
  const closed = (report.history ?? []).filter((h) => h.state === 'closed');
  // several periods closed: ask which (empty: the current one when closed, else the last closed)
  let typed = '';
  if (closed.length > 1) {
    const suggested = choosePeriodToReopen('', closed, report.period, report.settings.cycle);
    const answer = askPeriod(
      GAS.close.reopenPeriodPrompt(
        closed.map((h) => formatPeriodVi(h.period)),
        'period' in suggested ? formatPeriodVi(suggested.period) : '',
      ),
    );
    if (answer === null) return { status: 'cancelled', message: '' };
    typed = answer;
  }
  const entry = choosePeriodToReopen(typed, closed, report.period, report.settings.cycle);
  if ('refused' in entry) return { status: 'failed', message: entry.refused };
  const period = entry.period;
  const label = formatPeriodVi(period);
  const protections = ss.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === closeProtection(label));
  const blocked = blockedSheets(ss, [SHEET.history]);
  if (blocked.length || protections.some((p) => !p.canEdit()))
    return { status: 'refused', message: deniedMessage(ss, blocked.length ? blocked : [SHEET.reports]) };
  const reason = askReason(GAS.close.reasonPrompt(label, entry.version));
  if (reason === null) return { status: 'cancelled', message: '' };
  let rows: Cell[][];
  try {
    rows = reopenRows(period, entry.version, { by: who(ss), at: historyTime(new Date(nowMs())), reason });
  } catch (e) {
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
  const staff = readStaff(ss);
  const done = underLock((): CloseResult => {
    appendRows(historySheet(ss, staff), rows);
    let released = 0;
    for (const p of protections) {
      released += p.getRange().getNumRows();
      p.remove();
    }
    return { status: 'done', message: GAS.close.reopened(label, entry.version), version: entry.version, rows: released };
  });
  return done ?? { status: 'busy', message: GAS.busy };
}

/** Menu entries: do it, then say what happened. */
export function closePeriodMenu(): CloseResult {
  const r = closeCurrentPeriod();
  if (r.status !== 'cancelled') alert(r.message);
  return r;
}

export function closeEarlierPeriodMenu(): CloseResult {
  const r = closeEarlierPeriod();
  if (r.status !== 'cancelled') alert(r.message);
  return r;
}

export function reopenPeriodMenu(): CloseResult {
  const r = reopenPeriod();
  if (r.status !== 'cancelled') alert(r.message);
  return r;
}
