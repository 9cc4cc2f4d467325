/**
 * `Cấu hình` alone, parsed by the core (one sheet read): what a run needs before, or without,
 * reading the whole workbook (the hourly trigger's settings, the staff kept in protections).
 */
import { createIssueSink, parseSettings, SHEET, type Cell, type Settings } from '../core';
import { findSheet } from './find';
import { sheetClock } from './tz';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function readSettings(ss: Spreadsheet, year: number): Settings {
  const sheet = findSheet(ss, SHEET.config);
  if (!sheet || sheet.getLastRow() === 0) return parseSettings(undefined, year, createIssueSink());
  // a date setting (Hạn báo cáo một lần) typed as a date: in the core's convention (tz.ts)
  const values = sheetClock(ss).readRows(sheet.getRange(1, 1, sheet.getLastRow(), Math.max(1, sheet.getLastColumn())).getValues() as Cell[][]);
  return parseSettings({ name: sheet.getName(), values }, year, createIssueSink());
}
