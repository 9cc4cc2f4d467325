/**
 * Finding tables in a workbook: the header row among the top 10 rows, columns by canonical header
 * or alias (compared with matchKey), our own status column, and which rows are blank.
 */
import { OUTPUT_SHEETS, STATUS_HEADER, TABLES, type TableDef } from './schema';
import { matchKey } from './text';
import type { Cell, SheetSnapshot, TableInfo, TableKind } from './types';

export const HEADER_SEARCH_ROWS = 10;

export interface FoundTable {
  kind: TableKind;
  sheet: string;
  /** Tab position in the snapshot. */
  sheetIndex: number;
  /** 0-based index of the header row in `values`. */
  headerIndex: number;
  /** field → 0-based column. */
  columns: Record<string, number>;
  /** field → the header text as the sheet shows it. */
  labels: Record<string, string>;
  /** 0-based column of "Kết quả kiểm tra", if present. */
  statusColumn: number | null;
  values: Cell[][];
}

const keyCache = new Map<TableDef, Map<string, string>>();

/** key → field, for every canonical header and alias of a table. */
export function headerKeys(def: TableDef): Map<string, string> {
  let m = keyCache.get(def);
  if (!m) {
    m = new Map();
    for (const col of def.columns) {
      for (const h of [col.header, ...(col.aliases ?? [])]) {
        const k = matchKey(h);
        if (!m.has(k)) m.set(k, col.field);
      }
    }
    keyCache.set(def, m);
  }
  return m;
}

const STATUS_KEY = matchKey(STATUS_HEADER);

export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return '';
}

export function isEmptyCell(c: Cell): boolean {
  return c === '' || c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** Match one row against a table's headers. Null when a required column is missing. */
export function matchHeaderRow(row: Cell[], def: TableDef): Omit<FoundTable, 'kind' | 'sheet' | 'sheetIndex' | 'headerIndex' | 'values'> | null {
  const keys = headerKeys(def);
  const columns: Record<string, number> = {};
  const labels: Record<string, string> = {};
  let statusColumn: number | null = null;
  for (let c = 0; c < row.length; c++) {
    const text = cellText(row[c]);
    if (!text) continue;
    const k = matchKey(text);
    if (k === STATUS_KEY) {
      if (statusColumn === null) statusColumn = c;
      continue;
    }
    const field = keys.get(k);
    if (field && columns[field] === undefined) {
      columns[field] = c;
      labels[field] = text.trim();
    }
  }
  for (const col of def.columns) if (col.required && columns[col.field] === undefined) return null;
  return { columns, labels, statusColumn };
}

/** The first of the top rows that is this table's header row. */
export function findTable(sheet: SheetSnapshot, sheetIndex: number, def: TableDef): FoundTable | null {
  const n = Math.min(HEADER_SEARCH_ROWS, sheet.values.length);
  for (let r = 0; r < n; r++) {
    const m = matchHeaderRow(sheet.values[r] ?? [], def);
    if (m) return { kind: def.kind, sheet: sheet.name, sheetIndex, headerIndex: r, values: sheet.values, ...m };
  }
  return null;
}

/** Which known table a sheet is by its name (Đơn vị, Báo cáo tháng, …), if any. */
export function sheetKindByName(name: string): TableKind | null {
  const k = matchKey(name);
  for (const kind of Object.keys(TABLES) as TableKind[]) {
    if (kind === 'learners') continue;
    if (matchKey(TABLES[kind].sheet) === k) return kind;
  }
  return null;
}

export function isOutputSheet(name: string): boolean {
  const k = matchKey(name);
  return OUTPUT_SHEETS.some((s) => matchKey(s) === k);
}

/**
 * The 0-based columns of each table's sheet whose schema column is marked `text` (CCCD, Mã đơn vị,
 * Số điện thoại, Kỳ báo cáo), ascending: written as text, so a leading 0 is kept when the sheet is
 * opened again.
 */
export function textColumnsBySheet(tables: Pick<TableInfo, 'sheet' | 'kind' | 'columns'>[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const t of tables) {
    const cols = out.get(t.sheet) ?? [];
    for (const c of TABLES[t.kind].columns) {
      const i = t.columns[c.field];
      if (c.text && i !== undefined && !cols.includes(i)) cols.push(i);
    }
    out.set(
      t.sheet,
      cols.sort((a, b) => a - b),
    );
  }
  return out;
}

/**
 * A blank data row: every cell empty, or only the STT cell (and our status column) filled.
 * `ignore` lists the 0-based columns that do not count (STT, status).
 */
export function isBlankRow(row: Cell[] | undefined, ignoreA: number, ignoreB: number): boolean {
  if (!row) return true;
  for (let c = 0; c < row.length; c++) {
    if (c === ignoreA || c === ignoreB) continue;
    const v = row[c];
    if (v === '' || v === null || v === undefined) continue;
    if (typeof v === 'string') {
      // fast: most non-empty strings start with a non-space
      const ch = v.charCodeAt(0);
      if (ch !== 32 && ch !== 0xa0 && ch !== 9) return false;
      if (v.trim() !== '') return false;
      continue;
    }
    return false;
  }
  return true;
}
