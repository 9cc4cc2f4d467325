/**
 * Menu "Chuyển dòng từ “Học viên” sang trang đơn vị" and "Hoàn tác chuyển dòng" (issue 13 §1): a
 * unit's rows of the shared `Học viên` sheet go to the end of its own tab, then leave `Học viên`;
 * an explicit, undoable step with a preview of the counts. The rules are in src/core/moverows.ts.
 *
 * Reads: one getValues of `Học viên`, of `Đơn vị`, and of the top rows of each tab that receives
 * rows. Writes per tab: the text format on its text columns of the new rows, then one setValues;
 * then the moved rows leave `Học viên` in contiguous blocks, bottom-up (one deleteRows per block).
 *
 * The undo record holds positions only (no CCCD, no name): per tab a document property
 * `bdhvs.moveRows:<sheetId>` with the tab's first new row, the count, the column map and the
 * source rows as runs, and a fingerprint of the block (src/core/moverows.ts blockFingerprint); a
 * property `bdhvs.moveRows` says whether the source rows were deleted yet. Each tab's record is
 * written before its rows are written, and all before any row is deleted. Only the last move can be
 * undone (positions are those of `Học viên` before that move).
 */
import {
  GAS,
  SHEET,
  blockFingerprint,
  expandRanges,
  movedGrid,
  planMoveRows,
  planUnitTabs,
  reinsertBlocks,
  restoredGrid,
  rowRanges,
  utf8Length,
  HEADER_SEARCH_ROWS,
  type Cell,
  type TabMove,
} from '../core';
import { blockedSheets, deniedMessage, type WriteTarget } from './access';
import { startStopwatch } from './env';
import { findSheet } from './find';
import { PROP } from './names';
import { underLock } from './run';
import { readRegistrySheet } from './unittabs';
import { alert, confirm } from './ui';
import { writeRowsWithText } from './write';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;

/** The undo record of one tab (positions only). */
export interface MoveRecord {
  tabId: number;
  tab: string;
  /** First row of the moved block on the tab (1-based) and its number of rows. */
  start: number;
  count: number;
  /** Columns read back from the tab (the grid's width). */
  width: number;
  /** Per source column: the tab's 0-based column, or -1. */
  columns: number[];
  sourceWidth: number;
  /** The shared sheet's 0-based text columns. */
  sourceText: number[];
  /** The source rows (1-based, in `Học viên` before the move) as [first, count] runs. */
  source: [number, number][];
  /** blockFingerprint of the block as it would go back (restoredGrid). */
  fp: string;
}

/** The move as a whole: which sheet the rows came from, and whether they have left it yet. */
interface MoveMeta {
  sourceId: number;
  source: string;
  deleted: boolean;
}

export interface MoveRowsResult {
  status: 'done' | 'partial' | 'nothing' | 'cancelled' | 'refused' | 'failed';
  message: string;
  /** Rows moved, by tab. */
  moved: Record<string, number>;
}

export interface UndoMoveResult {
  status: 'done' | 'nothing' | 'cancelled' | 'refused' | 'failed';
  message: string;
  restored: number;
  /** Tabs whose block had changed: left as they are. */
  changed: string[];
}

const RECORD_PREFIX = `${PROP.moveRows}:`;
/** The bytes a record may take: 9 KB less room for the key (https://developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB / val"). */
const RECORD_MAX_BYTES = 9 * 1024 - 200;
/** Units listed by name in the preview. */
const PREVIEW_UNITS = 10;

function parse(json: string | null | undefined): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch (_e) {
    return null;
  }
}

function loadMove(props: Properties): { meta: MoveMeta | null; records: MoveRecord[]; keys: string[] } {
  const all = props.getProperties();
  const meta = parse(all[PROP.moveRows]) as MoveMeta | null;
  const keys = Object.keys(all).filter((k) => k.startsWith(RECORD_PREFIX));
  const records: MoveRecord[] = [];
  for (const k of keys.sort()) {
    const r = parse(all[k]);
    if (r && typeof r === 'object') records.push(r as MoveRecord);
  }
  return { meta, records, keys };
}

function clearMove(props: Properties, keys: string[]): void {
  props.deleteProperty(PROP.moveRows);
  for (const k of keys) props.deleteProperty(k);
}

/** Deleting rows that would leave no unfrozen row fails in Sheets: keep one empty row at the end. */
function keepOneRow(sheet: Sheet, start: number, count: number): void {
  const max = sheet.getMaxRows();
  if (start + count - 1 >= max && start <= sheet.getFrozenRows() + 1) sheet.insertRowsAfter(max, 1);
}

/** The undo record of one tab's move (positions, the column map, the fingerprint of the block). */
function recordOf(sheet: Sheet, start: number, move: TabMove, sourceWidth: number, grid: Cell[][]): MoveRecord {
  return {
    tabId: sheet.getSheetId(),
    tab: move.tab,
    start,
    count: move.rows.length,
    width: move.width,
    columns: move.columns,
    sourceWidth,
    sourceText: move.sourceTextColumns,
    source: rowRanges(move.rows),
    fp: blockFingerprint(restoredGrid(grid, move.columns, sourceWidth)),
  };
}

export function moveRowsToTabs(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), ask: (message: string) => boolean = confirm): MoveRowsResult {
  const result: MoveRowsResult = { status: 'nothing', message: '', moved: {} };
  const fail = (message: string): MoveRowsResult => ({ ...result, status: 'failed', message });
  const registry = readRegistrySheet(ss);
  if (!registry) return fail(GAS.unitTabs.noRegistry);
  const units = registry.units.filter((u) => u.row > 0);
  if (!units.length) return fail(GAS.unitTabs.noUnits);
  const source = findSheet(ss, SHEET.learners);
  const lastRow = source ? source.getLastRow() : 0;
  if (!source || lastRow < 1) return fail(GAS.moveRows.noSource);
  const lastCol = Math.max(1, source.getLastColumn());
  const values = source.getRange(1, 1, lastRow, lastCol).getValues() as Cell[][];

  const sheets = new Map(ss.getSheets().map((s) => [s.getName(), s]));
  const tabs = planUnitTabs(units, [...sheets.keys()], []).tabs.filter((t) => !t.create && sheets.get(t.tab) !== source);
  if (!tabs.length) return fail(GAS.moveRows.noTabs);
  const lastRows = new Map<string, number>();
  const plan = planMoveRows(
    { name: source.getName(), values },
    units,
    tabs.map((t) => ({
      unit: t.unit,
      unitName: t.unitName,
      tab: t.tab,
      top: () => {
        const sheet = sheets.get(t.tab)!;
        const last = sheet.getLastRow();
        lastRows.set(t.tab, last);
        return last > 0 ? (sheet.getRange(1, 1, Math.min(HEADER_SEARCH_ROWS, last), Math.max(1, sheet.getLastColumn())).getValues() as Cell[][]) : [];
      },
    })),
  );
  if (!plan) return fail(GAS.moveRows.noSource);

  const notes: string[] = [];
  for (const b of plan.blocked) notes.push(b.reason === 'NO_HEADER' ? GAS.moveRows.noHeader(b.tab, b.rows) : GAS.moveRows.noPlace(b.tab, b.rows, b.columns));
  const stayText = GAS.moveRows.stay(plan.stay);
  if (stayText) notes.push(GAS.moveRows.stays(stayText));
  // a tab whose undo record would not fit in one property is not moved
  const moves: { move: TabMove; sheet: Sheet; start: number; grid: Cell[][]; record: MoveRecord }[] = [];
  for (const move of plan.moves) {
    const sheet = sheets.get(move.tab)!;
    const start = (lastRows.get(move.tab) ?? sheet.getLastRow()) + 1;
    const grid = movedGrid(values, move);
    const record = recordOf(sheet, start, move, plan.sourceWidth, grid);
    if (utf8Length(JSON.stringify(record)) > RECORD_MAX_BYTES) notes.push(GAS.moveRows.tooBig(move.tab));
    else moves.push({ move, sheet, start, grid, record });
  }
  if (!moves.length) return { ...result, status: 'nothing', message: [GAS.moveRows.nothing, ...notes].join('\n') };

  // refuse before any write: `Học viên` (rows deleted) and every tab (rows added)
  const allRows = moves.flatMap((m) => m.move.rows).sort((a, b) => a - b);
  const areas: WriteTarget[] = [
    {
      sheet: source,
      name: source.getName(),
      area: { row: allRows[0], column: 1, rows: allRows[allRows.length - 1] - allRows[0] + 1, columns: lastCol, sheetLevel: true },
    },
    ...moves.map((m) => ({
      sheet: m.sheet,
      name: m.move.tab,
      area: { row: m.start, column: 1, rows: m.grid.length, columns: m.move.width, sheetLevel: true },
    })),
  ];
  const blocked = blockedSheets(ss, [], areas);
  if (blocked.length) return { ...result, status: 'refused', message: deniedMessage(ss, blocked) };

  const props = PropertiesService.getDocumentProperties();
  const previous = loadMove(props);
  const lines = moves.slice(0, PREVIEW_UNITS).map((m) => GAS.moveRows.line(m.move.unit, m.move.tab, m.move.rows.length));
  if (moves.length > PREVIEW_UNITS) lines.push(GAS.moveRows.more(moves.length - PREVIEW_UNITS));
  if (!ask(GAS.moveRows.confirm(lines, allRows.length, moves.length, notes, previous.keys.length > 0 || previous.meta !== null)))
    return { ...result, status: 'cancelled' };

  const outcome = underLock((): MoveRowsResult => {
    // the question may have stayed open for minutes while units typed: rows are moved and deleted
    // by position, so nothing is written unless `Học viên` and the tabs' ends are as planned
    if (changedSincePlan(source, values, moves)) return { ...result, status: 'failed', message: GAS.moveRows.changedSincePreview };
    // a new move replaces the last one's undo (its positions would no longer hold)
    clearMove(props, previous.keys);
    const meta: MoveMeta = { sourceId: source.getSheetId(), source: source.getName(), deleted: false };
    props.setProperty(PROP.moveRows, JSON.stringify(meta));
    const watch = startStopwatch();
    const done: number[] = [];
    let left = 0;
    for (const m of moves) {
      if (done.length > 0 && watch.overBudget()) {
        left++;
        continue;
      }
      // write-ahead: the record first (an undo of a block that never arrived finds it changed and leaves it)
      props.setProperty(`${RECORD_PREFIX}${String(m.record.tabId)}`, JSON.stringify(m.record));
      const needed = m.start + m.grid.length - 1;
      const max = m.sheet.getMaxRows();
      if (max < needed) m.sheet.insertRowsAfter(max, needed - max);
      writeRowsWithText(m.sheet, m.start, m.grid, m.move.width, m.move.textColumns);
      result.moved[m.move.tab] = m.grid.length;
      done.push(...m.move.rows);
    }
    deleteRowsBottomUp(source, done);
    props.setProperty(PROP.moveRows, JSON.stringify({ ...meta, deleted: true }));
    const moved = done.length;
    const tabsDone = Object.keys(result.moved).length;
    if (left > 0) return { ...result, status: 'partial', message: GAS.moveRows.partial(moved, tabsDone, left) };
    return { ...result, status: 'done', message: GAS.moveRows.done(moved, tabsDone, notes) };
  });
  return outcome ?? { ...result, status: 'failed', message: GAS.busy };
}

/** Whether `Học viên` (its size and every value) or the last row of a target tab changed since the plan was made. */
function changedSincePlan(source: Sheet, values: Cell[][], moves: { sheet: Sheet; start: number }[]): boolean {
  const rows = values.length;
  const cols = rows ? values[0].length : 0;
  if (source.getLastRow() !== rows || Math.max(1, source.getLastColumn()) !== cols) return true;
  const now = source.getRange(1, 1, rows, cols).getValues() as Cell[][];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const a = values[r][c];
      const b = now[r][c];
      if (a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b) return true;
    }
  }
  return moves.some((m) => m.sheet.getLastRow() !== m.start - 1);
}

/** Delete these rows (1-based, any order) in contiguous blocks, from the bottom up. */
function deleteRowsBottomUp(sheet: Sheet, rows: number[]): void {
  const ranges = rowRanges(rows.slice().sort((a, b) => a - b));
  for (let i = ranges.length - 1; i >= 0; i--) {
    const [start, n] = ranges[i];
    keepOneRow(sheet, start, n);
    sheet.deleteRows(start, n);
  }
}

/** A sheet by id (it may have been renamed), else by name; the sheets listed once. */
function sheetFinder(ss: Spreadsheet): (id: number, name: string) => Sheet | null {
  let byId: Map<number, Sheet> | null = null;
  return (id, name) => {
    if (!byId) byId = new Map(ss.getSheets().map((s) => [s.getSheetId(), s] as [number, Sheet]));
    return byId.get(id) ?? ss.getSheetByName(name);
  };
}

export function undoMoveRows(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), ask: (message: string) => boolean = confirm): UndoMoveResult {
  const result: UndoMoveResult = { status: 'nothing', message: '', restored: 0, changed: [] };
  const props = PropertiesService.getDocumentProperties();
  const { meta, records, keys } = loadMove(props);
  if (!meta || !records.length) return { ...result, message: GAS.moveRows.nothingToUndo };
  const sheetById = sheetFinder(ss);
  const source = sheetById(meta.sourceId, meta.source);
  if (!source) return { ...result, status: 'failed', message: GAS.moveRows.noSourceToUndo };

  // which blocks are still as they were written (one read per tab)
  const ok: { record: MoveRecord; sheet: Sheet; rows: Cell[][] }[] = [];
  const changed: string[] = [];
  for (const r of records) {
    const sheet = sheetById(r.tabId, r.tab);
    let rows: Cell[][] | null = null;
    if (sheet && sheet.getLastRow() >= r.start + r.count - 1) {
      const block = sheet.getRange(r.start, 1, r.count, r.width).getValues() as Cell[][];
      rows = restoredGrid(block, r.columns, r.sourceWidth);
      if (blockFingerprint(rows) !== r.fp) rows = null;
    }
    if (sheet && rows) ok.push({ record: r, sheet, rows });
    else changed.push(sheet ? sheet.getName() : r.tab);
  }
  if (!ok.length) {
    clearMove(props, keys);
    return { ...result, status: 'failed', message: GAS.moveRows.allChanged(changed), changed };
  }
  const count = ok.reduce((n, o) => n + o.record.count, 0);
  const sourceWidth = Math.max(...ok.map((o) => o.record.sourceWidth));
  const restoreRows = ok.flatMap((o) => expandRanges(o.record.source));
  const areas: WriteTarget[] = [
    {
      sheet: source,
      name: source.getName(),
      area: {
        row: Math.min(...restoreRows),
        column: 1,
        rows: Math.max(1, source.getMaxRows() - Math.min(...restoreRows) + 1),
        columns: sourceWidth,
        sheetLevel: true,
      },
    },
    ...ok.map((o) => ({
      sheet: o.sheet,
      name: o.sheet.getName(),
      area: { row: o.record.start, column: 1, rows: o.record.count, columns: o.record.width, sheetLevel: true },
    })),
  ];
  const blocked = blockedSheets(ss, [], areas);
  if (blocked.length) return { ...result, status: 'refused', message: deniedMessage(ss, blocked) };
  if (!ask(GAS.moveRows.confirmUndo(count, ok.length, changed))) return { ...result, status: 'cancelled' };

  const outcome = underLock((): UndoMoveResult => {
    // the blocks were read before the question: a unit may have edited one since (its edit would be lost)
    for (const o of ok) {
      const block =
        o.sheet.getLastRow() >= o.record.start + o.record.count - 1
          ? (o.sheet.getRange(o.record.start, 1, o.record.count, o.record.width).getValues() as Cell[][])
          : null;
      if (!block || blockFingerprint(restoredGrid(block, o.record.columns, o.record.sourceWidth)) !== o.record.fp)
        return { ...result, status: 'failed', message: GAS.moveRows.undoChangedSincePreview };
    }
    if (meta.deleted) {
      // the rows in original order, with the source rows of the tabs not undone left out
      const byRow = new Map<number, Cell[]>();
      for (const o of ok) {
        const rows = expandRanges(o.record.source);
        rows.forEach((row, i) => byRow.set(row, o.rows[i]));
      }
      const missing = records.filter((r) => !ok.some((o) => o.record === r)).flatMap((r) => expandRanges(r.source));
      const sorted = restoreRows.slice().sort((a, b) => a - b);
      const textColumns = ok[0].record.sourceText;
      for (const [at, n, first] of reinsertBlocks(restoreRows, missing)) {
        const max = source.getMaxRows();
        if (at > max) source.insertRowsAfter(max, at - 1 - max + n);
        else source.insertRowsBefore(at, n);
        const grid = sorted.slice(first, first + n).map((row) => {
          const cells = byRow.get(row)!;
          return cells.length < sourceWidth ? [...cells, ...new Array<Cell>(sourceWidth - cells.length).fill('')] : cells;
        });
        writeRowsWithText(source, at, grid, sourceWidth, textColumns);
      }
    }
    // then the blocks leave the tabs (bottom-up per tab: each tab has one block)
    for (const o of ok) {
      keepOneRow(o.sheet, o.record.start, o.record.count);
      o.sheet.deleteRows(o.record.start, o.record.count);
    }
    clearMove(props, keys);
    return { status: 'done', message: GAS.moveRows.undone(count, ok.length, changed), restored: count, changed };
  });
  return outcome ?? { ...result, status: 'failed', message: GAS.busy };
}

/** The menu entries: do it, then say what happened. */
export function moveRowsMenu(): MoveRowsResult {
  const r = moveRowsToTabs();
  if (r.status !== 'cancelled') alert(r.message);
  return r;
}

export function undoMoveRowsMenu(): UndoMoveResult {
  const r = undoMoveRows();
  if (r.status !== 'cancelled') alert(r.message);
  return r;
}
