/**
 * "Khởi tạo bảng tính mẫu": create the template sheets that are missing (the core's
 * templateSheets: headers, default rows), with plain-text CCCD columns (so Sheets keeps leading
 * zeros), dropdowns, frozen header rows, the status column's colouring, and the output sheets,
 * protected. Idempotent: an existing sheet is never changed, moved or cleared; a second run only
 * looks (and adds the protection of an output sheet if someone removed it).
 */
import {
  templateSheets,
  type Cell,
  type TemplateSheet,
  resolveToday,
  GAS,
  ISSUES_SHEET,
  MAIL_LOG_SHEET,
  HEADER_FILL,
  SHEET,
  STATUS_HEADER,
  matchKey,
} from '../core';
import { readStaff } from './access';
import { now } from './env';
import { installStatusRules } from './status';
import { ensureSize, fitSize, protectOutput, setColumnWidths, TEXT_FORMAT } from './write';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupResult {
  created: string[];
  protectedNow: string[];
}

function pad(rows: Cell[][], width: number): Cell[][] {
  return rows.map((r) => {
    const out = r.slice();
    while (out.length < width) out.push('');
    return out;
  });
}

/** Lay out one template sheet on a new, empty sheet. Formats go first, so typed text stays text. */
export function applyTemplate(sheet: Sheet, t: TemplateSheet): void {
  const width = Math.max(...t.rows.map((r) => r.length), t.columnWidths.length, 1);
  const lastDataRow = Math.max(t.rows.length, t.headerRow + 1 + t.dataRows);
  ensureSize(sheet, lastDataRow, width);
  const firstDataRow = t.headerRow + 2;
  const dataRows = lastDataRow - firstDataRow + 1;
  if (dataRows > 0) {
    for (const c of t.textColumns) sheet.getRange(firstDataRow, c + 1, dataRows, 1).setNumberFormat(TEXT_FORMAT);
    for (const list of t.lists) {
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(list.values, true).setAllowInvalid(true).setHelpText(GAS.dropdownHelp).build();
      sheet.getRange(firstDataRow, list.column + 1, dataRows, 1).setDataValidation(rule);
    }
  }
  sheet.getRange(1, 1, t.rows.length, width).setValues(pad(t.rows, width));
  if (t.headerRow > 0) sheet.getRange(1, 1, t.headerRow, width).setFontWeight('bold');
  const header = sheet.getRange(t.headerRow + 1, 1, 1, width);
  header.setFontWeight('bold');
  header.setBackground(HEADER_FILL);
  header.setWrap(true);
  setColumnWidths(sheet, t.columnWidths);
  if (t.frozenRows) sheet.setFrozenRows(t.frozenRows);
  const statusCol = (t.rows[t.headerRow] ?? []).indexOf(STATUS_HEADER);
  if (statusCol >= 0) {
    sheet.getRange(t.headerRow + 1, statusCol + 1).setNote(GAS.statusNote);
    installStatusRules(sheet, t.headerRow + 1, statusCol);
  }
}

/** The output sheets as setup creates them: a header (or a hint), protected. */
function createOutput(ss: Spreadsheet, name: string, staff: string[]): Sheet {
  const sheet = ss.insertSheet(name, ss.getNumSheets());
  const header: string[] =
    name === SHEET.issues ? ISSUES_SHEET.headers.slice() : name === SHEET.mailLog ? MAIL_LOG_SHEET.headers.slice() : [GAS.summaryPlaceholder];
  fitSize(sheet, name === SHEET.summary ? 1 : 1000, Math.max(header.length, name === SHEET.summary ? 1 : header.length));
  const range = sheet.getRange(1, 1, 1, header.length);
  range.setValues([header]);
  range.setFontWeight('bold');
  if (name !== SHEET.summary) {
    range.setBackground(HEADER_FILL);
    sheet.setFrozenRows(1);
  }
  protectOutput(sheet, staff);
  return sheet;
}

export function setupWorkbook(ss: Spreadsheet): SetupResult {
  const year = resolveToday(now()).y;
  const present = new Map<string, Sheet>();
  for (const s of ss.getSheets()) present.set(matchKey(s.getName()), s);
  const created: string[] = [];
  for (const t of templateSheets(year)) {
    if (present.has(matchKey(t.name))) continue;
    const sheet = ss.insertSheet(t.name, ss.getNumSheets());
    applyTemplate(sheet, t);
    present.set(matchKey(t.name), sheet);
    created.push(t.name);
  }
  const protectedNow: string[] = [];
  // the department staff of `Cấu hình` edit the outputs with the owner and this user (src/gas/access.ts)
  const staff = readStaff(ss);
  for (const name of [SHEET.summary, SHEET.issues, SHEET.mailLog]) {
    const existing = present.get(matchKey(name));
    if (!existing) {
      createOutput(ss, name, staff);
      created.push(name);
      continue;
    }
    if (existing.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0) {
      protectOutput(existing, staff);
      protectedNow.push(existing.getName());
    }
  }
  return { created, protectedNow };
}
