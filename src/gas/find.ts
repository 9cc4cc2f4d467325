/**
 * A sheet of a spreadsheet by name, the way the core compares names: the exact name first (one
 * call), else the first sheet whose name has the same `matchKey` (case, accents, spacing).
 */
import { matchKey } from '../core';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function findSheet(ss: Spreadsheet, name: string): Sheet | null {
  const exact = ss.getSheetByName(name);
  if (exact) return exact;
  const key = matchKey(name);
  return ss.getSheets().find((s) => matchKey(s.getName()) === key) ?? null;
}
