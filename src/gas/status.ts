/**
 * Our own status column ("Kết quả kiểm tra") on learner sheets: where it is, its header and note
 * when it is added, and the conditional formatting that colours bad rows (set up once per sheet,
 * not on every edit: a document property remembers it).
 */
import { type TableInfo, GAS, ERROR_FILL, WARNING_FILL, STATUS_COLUMN, STATUS_HEADER } from '../core';
import { PROP } from './names';
import { documentProperties } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** 1-based column number → A1 letters. */
export function columnLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based status column of a table: its own, or the one after the sheet's last column. */
export function statusColumnOf(table: Pick<TableInfo, 'statusColumn'>, sheetWidth: number): number {
  return table.statusColumn ?? sheetWidth;
}

/** Write the header of a status column we add (our cell), with a note saying what it is. */
export function addStatusHeader(sheet: Sheet, headerRow: number, column0: number): void {
  const maxCols = sheet.getMaxColumns();
  if (maxCols < column0 + 1) sheet.insertColumnsAfter(maxCols, column0 + 1 - maxCols);
  const cell = sheet.getRange(headerRow, column0 + 1);
  cell.setValue(STATUS_HEADER);
  cell.setFontWeight('bold');
  cell.setNote(GAS.statusNote);
}

const RULE_FORMULA = /^=LEFT\(\$[A-Z]+\d+,\s*\d+\)="(.+)"$/;

function ruleFormula(letter: string, firstRow: number, label: string): string {
  return `=LEFT($${letter}${firstRow},${label.length})="${label}"`;
}

/**
 * Conditional formatting of the data rows: red where the status starts with "Lỗi", yellow with
 * "Cảnh báo". Replaces our previous rules (found by their formula), keeps everyone else's.
 */
export function installStatusRules(sheet: Sheet, headerRow: number, column0: number): void {
  const letter = columnLetter(column0 + 1);
  const firstRow = headerRow + 1;
  const maxRows = Math.max(sheet.getMaxRows(), firstRow);
  const range = sheet.getRange(firstRow, 1, maxRows - firstRow + 1, column0 + 1);
  const ours = new Set([STATUS_COLUMN.error, STATUS_COLUMN.warning]);
  const kept = sheet.getConditionalFormatRules().filter((rule) => {
    const cond = rule.getBooleanCondition();
    if (!cond) return true;
    const values = cond.getCriteriaValues();
    const m = typeof values[0] === 'string' ? RULE_FORMULA.exec(values[0]) : null;
    return !(m && ours.has(m[1]));
  });
  const rule = (label: string, color: string) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(ruleFormula(letter, firstRow, label))
      .setBackground(color)
      .setRanges([range])
      .build();
  sheet.setConditionalFormatRules([...kept, rule(STATUS_COLUMN.error, ERROR_FILL), rule(STATUS_COLUMN.warning, WARNING_FILL)]);
  try {
    documentProperties().setProperty(PROP.statusRules + sheet.getSheetId(), `${letter}${firstRow}:${maxRows}`);
  } catch (_e) {
    // properties unavailable (restricted trigger): the rules are set anyway
  }
}

/**
 * Install the rules unless this sheet already has them for this column (one property read). With
 * `maxRows` (full runs), also when the sheet grew past the rules' range.
 */
export function ensureStatusRules(sheet: Sheet, headerRow: number, column0: number, maxRows?: number): void {
  if (statusRulesCurrent(sheet, headerRow, column0, maxRows)) return;
  installStatusRules(sheet, headerRow, column0);
}

/** Whether the sheet already has our rules for this column (else ensureStatusRules changes the sheet's conditional formats). */
export function statusRulesCurrent(sheet: Sheet, headerRow: number, column0: number, maxRows?: number): boolean {
  let current: string | null = null;
  try {
    current = documentProperties().getProperty(PROP.statusRules + sheet.getSheetId());
  } catch (_e) {
    current = null;
  }
  const prefix = `${columnLetter(column0 + 1)}${headerRow + 1}:`;
  return !!current && current.startsWith(prefix) && (maxRows === undefined || Number(current.slice(prefix.length)) >= maxRows);
}
