/**
 * The protections of a closed period's `Báo cáo tháng` rows (docs/month-close.md): made by the close
 * (src/gas/close.ts), extended by every consolidation to rows of a closed period added after its
 * close (a late report row), so that such a row is locked like the others (src/gas/run.ts).
 *
 * One range protection per run of consecutive rows, description `closeProtection(label)` (how a
 * reopening finds them). Blocking (`Khóa kỳ đã chốt` = Chặn): only the owner, the runner and the
 * staff of `Cán bộ Sở (email)` may edit. Warning-only (Chỉ cảnh báo): everyone may, after a warning.
 */
import { formatPeriodVi, GAS, rowRanges, rowsOfPeriod, type Cell, type Report } from '../core';
import { addEditorsSafely, readStaff, restrictToRunner } from './access';
import { findSheet } from './find';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The description of a closed period's protections: how a reopening finds them. */
export function closeProtection(label: string): string {
  return `${GAS.close.protectionPrefix}${label}`;
}

/** `Báo cáo tháng` and its Kỳ báo cáo column from the sheet's first row, read in one call. */
export interface ReportColumn {
  sheet: Sheet;
  cells: Cell[];
  /** 1-based header row. */
  headerRow: number;
  width: number;
}

export function reportColumn(ss: Spreadsheet, report: Report): ReportColumn | null {
  const info = report.tables.find((t) => t.kind === 'reports');
  const col = info ? info.columns.period : undefined;
  const sheet = info ? findSheet(ss, info.sheet) : null;
  if (!info || col === undefined || !sheet || sheet.getLastRow() <= info.headerRow) return null;
  const cells = sheet
    .getRange(1, col + 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => r[0] as Cell);
  return { sheet, cells, headerRow: info.headerRow, width: Math.max(1, sheet.getLastColumn()) };
}

/**
 * Protect `rows` (1-based, of `sheet`), one range protection per run of consecutive rows. A
 * warning-only protection keeps no editor list: changing its editors would make it blocking again
 * (https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)).
 */
export function lockRows(sheet: Sheet, rows: number[], width: number, label: string, staff: string[], warnOnly: boolean): void {
  for (const [first, count] of rowRanges(rows)) {
    const p = sheet.getRange(first, 1, count, width).protect().setDescription(closeProtection(label));
    if (warnOnly) p.setWarningOnly(true);
    else addEditorsSafely(restrictToRunner(p), staff);
  }
}

/** Rows of a closed period found without a protection and locked now (or why they could not be). */
export interface Relocked {
  period: string;
  rows: number;
  /** Why locking failed (the rows stay as they were). */
  failed?: string;
}

/**
 * Every period closed now in `Lịch sử tổng hợp`: its `Báo cáo tháng` rows that none of its
 * protections covers (rows typed after the close) get one, in the mode of `Khóa kỳ đã chốt`.
 * Without a closed period nothing is read. A failure is returned, not thrown: the consolidation
 * it follows has been written.
 */
export function relockLateRows(ss: Spreadsheet, report: Report): Relocked[] {
  const closed = (report.history ?? []).filter((h) => h.state === 'closed');
  if (closed.length === 0) return [];
  const column = reportColumn(ss, report);
  if (!column) return [];
  const covered = new Map<string, [number, number][]>();
  for (const p of column.sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const r = p.getRange();
    const list = covered.get(p.getDescription()) ?? [];
    list.push([r.getRow(), r.getRow() + r.getNumRows() - 1]);
    covered.set(p.getDescription(), list);
  }
  const out: Relocked[] = [];
  let staff: string[] | null = null;
  for (const h of closed) {
    const label = formatPeriodVi(h.period);
    const boxes = covered.get(closeProtection(label)) ?? [];
    const late = rowsOfPeriod(column.cells, column.headerRow, h.period, report.settings.cycle).filter((row) => !boxes.some(([a, z]) => row >= a && row <= z));
    if (late.length === 0) continue;
    try {
      staff ??= readStaff(ss);
      lockRows(column.sheet, late, column.width, label, staff, report.settings.closedLock === 'warn');
      out.push({ period: label, rows: late.length });
    } catch (e) {
      out.push({ period: label, rows: late.length, failed: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
