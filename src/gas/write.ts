/**
 * Writing the core's output grids in batch: one setValues and one setBackgrounds per chunk of
 * rows, one setNumberFormat per percent block, bold role rows, widths and frozen panes. Outputs go
 * into temporary sheets that are swapped in at the very end, so a failed or interrupted run never
 * leaves a half-written `Tổng hợp` or `Lỗi dữ liệu`.
 */
import { type Cell, type OutputGrid, GAS, HEADER_FILL, TOTAL_FILL } from '../core';
import { addEditorsSafely, protectionEditors, restrictToRunner, syncEditors } from './access';
import { chunkRows } from './env';
import { retiredSheetName, tempSheetName } from './names';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const PERCENT_FORMAT = '0.0%';
export const TEXT_FORMAT = '@';
export const DATE_FORMAT = 'dd/MM/yyyy';

/**
 * A value as setValues must receive it to store exactly this value. setValues reads a string as if
 * typed ("001" becomes the number 1, "=x" a formula, "TRUE" a boolean, "'x" loses its apostrophe),
 * so a string that could be read as anything but text gets a leading apostrophe, which Sheets
 * drops: the cell holds the string unchanged. Numbers, dates and booleans pass through.
 */
export function literal(v: Cell): Cell {
  if (typeof v !== 'string' || v === '') return v;
  const c = v.charCodeAt(0);
  // digits, + - . = ' and leading white space; TRUE/FALSE in any case
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 61 || c === 39 || c === 32 || c === 9 || c === 0xa0) return "'" + v;
  if (v.length <= 6 && /^(true|false)$/i.test(v)) return "'" + v;
  return v;
}

export function literalRows(rows: Cell[][]): Cell[][] {
  return rows.map((r) => r.map(literal));
}

/**
 * Rows written at `row` in one setValues, `width` columns: the `textColumns` (0-based) formatted as
 * plain text first, whose cells then store their strings as they are (an apostrophe there would
 * stay); every other cell through `literal`.
 */
export function writeRowsWithText(sheet: Sheet, row: number, rows: Cell[][], width: number, textColumns: readonly number[]): void {
  for (const c of textColumns) sheet.getRange(row, c + 1, rows.length, 1).setNumberFormat(TEXT_FORMAT);
  const text = new Set(textColumns);
  sheet.getRange(row, 1, rows.length, width).setValues(rows.map((r) => r.map((v, c) => (text.has(c) ? v : literal(v)))));
}

/** Make the grid at least rows × cols (inserting rows/columns at the end). */
export function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/**
 * Make a sheet exactly rows × cols (new sheets start at 1000 × 26). Shrinks before it grows, so
 * the sheet never holds more cells than needed on the way (the 10-million-cell limit).
 */
export function fitSize(sheet: Sheet, rows: number, cols: number): void {
  rows = Math.max(1, rows);
  cols = Math.max(1, cols);
  let maxCols = sheet.getMaxColumns();
  if (maxCols > cols) sheet.deleteColumns(cols + 1, maxCols - cols);
  let maxRows = sheet.getMaxRows();
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  maxCols = Math.min(maxCols, cols);
  maxRows = Math.min(maxRows, rows);
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
}

/** Background colour of every cell of rows [from, to) of a grid. */
function backgrounds(grid: OutputGrid, from: number, to: number, fillIndex: Map<number, [number, string][]>): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (let r = from; r < to; r++) {
    const role = grid.rowRoles[r];
    const base = role === 'header' ? HEADER_FILL : role === 'total' ? TOTAL_FILL : null;
    const row: (string | null)[] = new Array(grid.width).fill(base);
    const fills = fillIndex.get(r);
    if (fills) for (const [c, color] of fills) row[c] = color;
    out.push(row);
  }
  return out;
}

function indexFills(grid: OutputGrid): Map<number, [number, string][]> {
  const m = new Map<number, [number, string][]>();
  for (const [r, c, color] of grid.fills) {
    let list = m.get(r);
    if (!list) m.set(r, (list = []));
    list.push([c, color]);
  }
  return m;
}

/** The first row below the grid's last header row (0 without a header): where text columns start. */
function firstDataRow(grid: OutputGrid): number {
  let last = -1;
  for (const k of Object.keys(grid.rowRoles)) if (grid.rowRoles[Number(k)] === 'header') last = Math.max(last, Number(k));
  return last + 1;
}

/** Rows per write chunk of a grid. */
export function gridChunkRows(grid: OutputGrid): number {
  return chunkRows(grid.width);
}

/**
 * Sheet-level formatting of a grid (size, widths, frozen panes, bold role rows, percent blocks).
 * Called once, on the freshly created temporary sheet, before the rows are written.
 */
export function prepareGridSheet(sheet: Sheet, grid: OutputGrid): void {
  fitSize(sheet, Math.max(grid.rows.length, 1), grid.width);
  setColumnWidths(sheet, grid.columnWidths);
  if (grid.frozenRows) sheet.setFrozenRows(Math.min(grid.frozenRows, grid.rows.length));
  if (grid.frozenColumns) sheet.setFrozenColumns(grid.frozenColumns);
  // Bold role rows (title, header, total, section): one call per run of consecutive rows.
  const bold = Object.keys(grid.rowRoles)
    .map(Number)
    .filter((r) => grid.rowRoles[r] !== 'subtitle' && r < grid.rows.length)
    .sort((a, b) => a - b);
  for (let i = 0; i < bold.length;) {
    let j = i;
    while (j + 1 < bold.length && bold[j + 1] === bold[j] + 1) j++;
    sheet.getRange(bold[i] + 1, 1, j - i + 1, grid.width).setFontWeight('bold');
    i = j + 1;
  }
  for (const [r, c, nr, nc] of grid.percentRanges) {
    if (nr > 0 && nc > 0) sheet.getRange(r + 1, c + 1, nr, nc).setNumberFormat(PERCENT_FORMAT);
  }
  // Text columns: plain text before any value is written, one call per run of adjacent columns.
  const from = firstDataRow(grid);
  const cols = (grid.textColumns ?? []).slice().sort((a, b) => a - b);
  if (grid.rows.length > from) {
    for (let i = 0; i < cols.length;) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      sheet.getRange(from + 1, cols[i] + 1, grid.rows.length - from, j - i + 1).setNumberFormat(TEXT_FORMAT);
      i = j + 1;
    }
  }
}

/** Write rows [from, to) of a grid: one setValues and one setBackgrounds. */
export function writeGridRows(sheet: Sheet, grid: OutputGrid, from: number, to: number): void {
  if (to <= from) return;
  const rows = grid.rows.slice(from, to) as Cell[][];
  let values: Cell[][];
  if (grid.textColumns && grid.textColumns.length) {
    // cells of plain-text columns (prepareGridSheet) are stored as they are: no apostrophe needed
    const text = new Set(grid.textColumns);
    const first = firstDataRow(grid);
    values = rows.map((r, i) => (from + i >= first ? r.map((v, c) => (text.has(c) ? v : literal(v))) : r.map(literal)));
  } else values = literalRows(rows);
  const range = sheet.getRange(from + 1, 1, to - from, grid.width);
  range.setValues(values);
  range.setBackgrounds(backgrounds(grid, from, to, fillsOf(grid)));
}

const fillCache = new WeakMap<OutputGrid, Map<number, [number, string][]>>();
function fillsOf(grid: OutputGrid): Map<number, [number, string][]> {
  let m = fillCache.get(grid);
  if (!m) fillCache.set(grid, (m = indexFills(grid)));
  return m;
}

/** Column widths, one call per run of equal widths. */
export function setColumnWidths(sheet: Sheet, widths: number[]): void {
  for (let i = 0; i < widths.length;) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    if (j > i) sheet.setColumnWidths(i + 1, j - i + 1, widths[i]);
    else sheet.setColumnWidth(i + 1, widths[i]);
    i = j + 1;
  }
}

/**
 * Protect an output sheet: the owner, the person running the tool and the department staff of
 * `Cán bộ Sở (email)` (plus `keep`: the editors of the sheet this one replaces) may edit; everyone
 * else sees it read-only. Apps Script never removes the owner or the current user
 * (https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditors(String)).
 * An existing protection is re-synced instead (missing staff added, nobody removed). Falls back to
 * a warning when editors cannot be managed.
 */
export function protectOutput(sheet: Sheet, staff: string[] = [], keep: string[] = []): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  if (existing.length > 0) {
    syncEditors(sheet, staff);
    return;
  }
  const protection = sheet.protect().setDescription(GAS.protection);
  let me = '';
  try {
    const user = Session.getEffectiveUser();
    me = (user.getEmail() || '').toLowerCase();
    restrictToRunner(protection, user);
  } catch (_e) {
    protection.setWarningOnly(true);
    return;
  }
  // owner and me are editors already; adding an editor twice changes nothing
  addEditorsSafely(
    protection,
    [...staff, ...keep].map((e) => e.toLowerCase()).filter((e) => e !== me),
  );
}

/** Create (or recreate, empty) the temporary sheet of an output, protected like the output it replaces. */
export function createTempSheet(ss: Spreadsheet, output: string, staff: string[] = []): Sheet {
  const name = tempSheetName(output);
  const stale = ss.getSheetByName(name);
  if (stale) ss.deleteSheet(stale);
  const keep = protectionEditors(ss.getSheetByName(output));
  const sheet = ss.insertSheet(name, ss.getNumSheets());
  protectOutput(sheet, staff, keep);
  return sheet;
}

/** Remove the temporary sheets of outputs (after a failure, or before a fresh run). */
export function removeTempSheets(ss: Spreadsheet, outputs: string[]): void {
  for (const output of outputs) {
    for (const name of [tempSheetName(output), retiredSheetName(output)]) {
      const s = ss.getSheetByName(name);
      if (!s) continue;
      if (name === retiredSheetName(output) && !ss.getSheetByName(output)) {
        // A swap was interrupted after the old output was set aside: put it back.
        s.setName(output);
        continue;
      }
      ss.deleteSheet(s);
    }
  }
}

/**
 * Swap the temporary sheet in: the old output is renamed aside, the new one takes its name and tab
 * position, then the old one is deleted. On an error the old output gets its name back.
 */
export function swapIn(ss: Spreadsheet, output: string): Sheet {
  const temp = ss.getSheetByName(tempSheetName(output));
  if (!temp) throw new Error(`missing temporary sheet for ${output}`);
  const old = ss.getSheetByName(output);
  if (!old) {
    temp.setName(output);
    return temp;
  }
  const position = old.getIndex();
  old.setName(retiredSheetName(output));
  try {
    temp.setName(output);
  } catch (e) {
    old.setName(output);
    throw e;
  }
  ss.deleteSheet(old);
  if (temp.getIndex() !== position) {
    ss.setActiveSheet(temp);
    ss.moveActiveSheet(position);
  }
  return temp;
}
