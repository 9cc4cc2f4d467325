/**
 * Moving a unit's rows from the shared `Học viên` sheet into its own tab (issue 13 §1, menu
 * "Chuyển dòng sang trang đơn vị"). Pure: the adapter reads the shared sheet, the registry and the
 * top rows of each unit tab, asks this file what to move where, writes it, and keeps an undo
 * record of positions only (no value of a learner row leaves the learner sheets).
 *
 * Rules:
 * - A row of the shared sheet belongs to the unit its `Đơn vị` cell resolves to (createResolver,
 *   as consolidation resolves it). Rows with an empty or unknown unit, and rows of a unit without
 *   a tab, stay where they are and are counted. Blank rows (only STT or the status column filled)
 *   are neither moved nor counted.
 * - Columns are placed by canonical field (Họ và tên, Số CCCD, … and their aliases), else by the
 *   same header text; our status column (`Kết quả kiểm tra`) is not moved (the next check writes
 *   it again). A source column that holds a value in one of the unit's rows and has no place in
 *   the tab stops the move for that tab, and the message names the column: nothing is lost.
 */
import { LEARNERS_TABLE } from './schema';
import { cellText, findTable, isBlankRow, type FoundTable } from './tables';
import { matchKey } from './text';
import type { Cell } from './types';
import { createResolver, type Unit } from './units';

/** A unit tab that exists: its unit's code, its name, and its top rows (at least the header row). */
export interface MoveTabInput {
  unit: string;
  unitName: string;
  tab: string;
  /** The tab's top rows (up to HEADER_SEARCH_ROWS), as read; asked only for a tab that receives rows. */
  top: () => Cell[][];
}

export interface TabMove {
  unit: string;
  unitName: string;
  tab: string;
  /** 1-based rows of the shared sheet to move, ascending. */
  rows: number[];
  /** Per source column (0-based): the tab's 0-based column, or -1 (not moved: empty, or the status column). */
  columns: number[];
  /** Width of the grid written to the tab (its header row's width). */
  width: number;
  /** The tab's 0-based text columns (CCCD): formatted as text before the rows are written. */
  textColumns: number[];
  /** The shared sheet's 0-based text columns (for an undo). */
  sourceTextColumns: number[];
}

export type MoveBlockReason = 'NO_HEADER' | 'NO_PLACE';

export interface TabMoveBlocked {
  unit: string;
  unitName: string;
  tab: string;
  reason: MoveBlockReason;
  /** NO_PLACE: the source columns (their header, or the column letter) that have no place in the tab. */
  columns: string[];
  /** Rows that stay because of it. */
  rows: number;
}

export interface MovePlan {
  /** Tabs that receive rows, in the registry's order. */
  moves: TabMove[];
  blocked: TabMoveBlocked[];
  /** Rows that stay: empty unit cell, unit not in the registry, unit without a tab. */
  stay: { noUnit: number; unknown: number; noTab: number };
  /** Width of the shared sheet's values, and its 1-based header row. */
  sourceWidth: number;
  headerRow: number;
}

/** A column's letter (0-based index → A, B, …, Z, AA, …). */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function fieldByColumn(t: FoundTable): Map<number, string> {
  const m = new Map<number, string>();
  for (const [field, col] of Object.entries(t.columns)) m.set(col, field);
  return m;
}

/**
 * The tab column of each source column, or null with the labels of the columns without a place.
 * `used`: source columns holding a value in at least one moved row.
 */
function mapColumns(source: FoundTable, tab: FoundTable, used: boolean[]): { columns: number[] } | { missing: string[] } {
  const header = source.values[source.headerIndex] ?? [];
  const tabHeader = tab.values[tab.headerIndex] ?? [];
  const sourceFields = fieldByColumn(source);
  const tabFields = fieldByColumn(tab);
  // tab columns free for a match by header text: not a known field, not the status column
  const byText = new Map<string, number>();
  for (let c = 0; c < tabHeader.length; c++) {
    const text = cellText(tabHeader[c]).trim();
    if (!text || c === tab.statusColumn || tabFields.has(c)) continue;
    const k = matchKey(text);
    if (!byText.has(k)) byText.set(k, c);
  }
  const columns: number[] = [];
  const missing: string[] = [];
  for (let c = 0; c < used.length; c++) {
    if (c === source.statusColumn || !used[c]) {
      columns.push(-1);
      continue;
    }
    const field = sourceFields.get(c);
    const text = cellText(header[c]).trim();
    const at = field !== undefined ? tab.columns[field] : text ? byText.get(matchKey(text)) : undefined;
    if (at === undefined) {
      missing.push(text || `cột ${columnLetter(c)}`);
      columns.push(-1);
    } else columns.push(at);
  }
  return missing.length ? { missing } : { columns };
}

/**
 * What to move: `source` is the shared sheet (its name and values, as read), `units` the registry's
 * units, `tabs` the unit tabs that exist (planUnitTabs' plan with create = false).
 * Null when the shared sheet has no learner header row.
 */
export function planMoveRows(source: { name: string; values: Cell[][] }, units: readonly Unit[], tabs: readonly MoveTabInput[]): MovePlan | null {
  const table = findTable(source, 0, LEARNERS_TABLE);
  if (!table) return null;
  const resolver = createResolver(units.slice());
  const tabOf = new Map(tabs.map((t) => [t.unit, t]));
  const cUnit = table.columns.unit ?? -1;
  const cStt = table.columns.stt ?? -1;
  const cStatus = table.statusColumn ?? -1;
  const rowsByUnit = new Map<string, number[]>();
  const stay = { noUnit: 0, unknown: 0, noTab: 0 };
  const values = source.values;
  for (let r = table.headerIndex + 1; r < values.length; r++) {
    const row = values[r];
    if (isBlankRow(row, cStt, cStatus)) continue;
    const text = cUnit >= 0 ? cellText(row[cUnit]).trim() : '';
    if (!text) {
      stay.noUnit++;
      continue;
    }
    const res = resolver.resolve(text);
    if (!res.unit) {
      stay.unknown++;
      continue;
    }
    if (!tabOf.has(res.unit.code)) {
      stay.noTab++;
      continue;
    }
    const list = rowsByUnit.get(res.unit.code);
    if (list) list.push(r + 1);
    else rowsByUnit.set(res.unit.code, [r + 1]);
  }
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  const moves: TabMove[] = [];
  const blocked: TabMoveBlocked[] = [];
  for (const t of tabs) {
    const rows = rowsByUnit.get(t.unit);
    if (!rows) continue;
    const base = { unit: t.unit, unitName: t.unitName, tab: t.tab };
    const top = t.top();
    const tabTable = findTable({ name: t.tab, values: top }, 0, LEARNERS_TABLE);
    if (!tabTable) {
      blocked.push({ ...base, reason: 'NO_HEADER', columns: [], rows: rows.length });
      continue;
    }
    const used: boolean[] = new Array<boolean>(width).fill(false);
    for (const r of rows) {
      const row = values[r - 1];
      // strict: a cell holding only spaces has a value too (nothing is dropped on the way)
      for (let c = 0; c < row.length; c++) if (!used[c] && row[c] !== '' && row[c] !== null && row[c] !== undefined) used[c] = true;
    }
    const mapped = mapColumns(table, tabTable, used);
    if ('missing' in mapped) {
      blocked.push({ ...base, reason: 'NO_PLACE', columns: mapped.missing, rows: rows.length });
      continue;
    }
    const tabWidth = Math.max((top[tabTable.headerIndex] ?? []).length, ...mapped.columns.map((c) => c + 1));
    const textColumns = LEARNERS_TABLE.columns.filter((d) => d.text && tabTable.columns[d.field] !== undefined).map((d) => tabTable.columns[d.field]);
    const sourceText = LEARNERS_TABLE.columns.filter((d) => d.text && table.columns[d.field] !== undefined).map((d) => table.columns[d.field]);
    moves.push({ ...base, rows, columns: mapped.columns, width: tabWidth, textColumns, sourceTextColumns: sourceText });
  }
  return { moves, blocked, stay, sourceWidth: width, headerRow: table.headerIndex + 1 };
}

/** The grid written to the tab: the move's rows, each source cell at its tab column ('' elsewhere). */
export function movedGrid(values: Cell[][], move: TabMove): Cell[][] {
  return move.rows.map((r) => {
    const row = values[r - 1];
    const out: Cell[] = new Array<Cell>(move.width).fill('');
    for (let c = 0; c < move.columns.length; c++) {
      const at = move.columns[c];
      if (at >= 0) out[at] = row[c] ?? '';
    }
    return out;
  });
}

/**
 * The rows to put back into the shared sheet: each tab row's cells at their source columns
 * (`sourceWidth` wide; the status column and columns that were empty stay empty).
 */
export function restoredGrid(tabRows: Cell[][], columns: readonly number[], sourceWidth: number): Cell[][] {
  return tabRows.map((row) => {
    const out: Cell[] = new Array<Cell>(sourceWidth).fill('');
    for (let c = 0; c < columns.length && c < sourceWidth; c++) {
      const at = columns[c];
      if (at >= 0) out[c] = row[at] ?? '';
    }
    return out;
  });
}

/** Ascending 1-based rows as runs: [first row, count][]. */
export function rowRanges(rows: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else out.push([r, 1]);
  }
  return out;
}

export function expandRanges(ranges: readonly [number, number][]): number[] {
  const out: number[] = [];
  for (const [start, n] of ranges) for (let i = 0; i < n; i++) out.push(start + i);
  return out;
}

/**
 * Where to re-insert rows, as blocks in the current sheet, ascending: `restore` are the original
 * rows (1-based, in the sheet as it was before the move) to put back, `missing` the moved rows that
 * are not put back (their tab's block changed). Each block is [row in the current sheet before
 * which to insert, count, index of its first row in `restore`]: inserting them in this order
 * (ascending) puts every row back at its original position.
 */
export function reinsertBlocks(restore: readonly number[], missing: readonly number[]): [number, number, number][] {
  const sortedMissing = missing.slice().sort((a, b) => a - b);
  const sorted = restore.slice().sort((a, b) => a - b);
  const out: [number, number, number][] = [];
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    while (m < sortedMissing.length && sortedMissing[m] < p) m++;
    const at = p - m;
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === at) last[1]++;
    else out.push([at, 1, i]);
  }
  return out;
}

/**
 * A fingerprint of a block of cells (FNV-1a, 32 bits, hex): an undo checks that a tab's moved block
 * is still what was written, without keeping its values (CCCDs, names) outside the learner sheets.
 */
export function blockFingerprint(rows: Cell[][]): string {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const row of rows) {
    for (const c of row) {
      add(c instanceof Date ? `d${c.getTime()}` : c === null || c === undefined ? '' : `${typeof c}${String(c)}`);
      add('\u001f');
    }
    add('\u001e');
  }
  return h.toString(16).padStart(8, '0');
}
