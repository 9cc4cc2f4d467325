/**
 * Reading the workbook in batch: one getValues per sheet, or per chunk of rows for a large sheet
 * (chunkRows()), never a call per row. The result is the core's snapshot.
 */
import { type Cell, type Snapshot, isOutputSheet } from '../core';
import { chunkRows, type Stopwatch } from './env';
import { isTempSheetName } from './names';
import type { SheetClock } from './tz';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SheetMeta {
  sheet: Sheet;
  name: string;
  id: number;
  /** 0-based tab position. */
  index: number;
  lastRow: number;
  lastColumn: number;
  /** Grid size (what counts against the 10-million-cell limit). */
  maxRows: number;
  maxColumns: number;
}

/** Every sheet with its size (six calls per sheet, no cell values). */
export function listSheets(ss: Spreadsheet): SheetMeta[] {
  return ss.getSheets().map((sheet, index) => ({
    sheet,
    name: sheet.getName(),
    id: sheet.getSheetId(),
    index,
    lastRow: sheet.getLastRow(),
    lastColumn: sheet.getLastColumn(),
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
  }));
}

/** Sheets the core reads: not our outputs, not our temporary sheets. */
export function inputSheets(metas: SheetMeta[]): SheetMeta[] {
  return metas.filter((m) => !isOutputSheet(m.name) && !isTempSheetName(m.name));
}

/**
 * A fingerprint of the workbook's shape (input sheets, their order and row counts): a workbook that
 * changed between two executions of a run restarts the writing. Column counts are left out on
 * purpose: adding our status column changes them.
 */
export function fingerprint(metas: SheetMeta[]): string {
  const text = metas.map((m) => `${m.id}:${m.name}:${m.lastRow}`).join('|');
  return hashText(text);
}

/**
 * Read rows [fromRow, toRow] (1-based, inclusive) of a sheet, `width` columns, in chunks. With a
 * clock, each chunk's Date cells are converted to the core's convention as it arrives (tz.ts).
 */
export function readRows(sheet: Sheet, fromRow: number, toRow: number, width: number, onChunk?: (rowsRead: number) => void, clock?: SheetClock): Cell[][] {
  const out: Cell[][] = [];
  if (toRow < fromRow || width < 1) return out;
  const step = chunkRows(width);
  for (let r = fromRow; r <= toRow; r += step) {
    const n = Math.min(step, toRow - r + 1);
    const part = sheet.getRange(r, 1, n, width).getValues() as Cell[][];
    if (clock) clock.readRows(part);
    for (let i = 0; i < part.length; i++) out.push(part[i]);
    if (onChunk) onChunk(out.length);
  }
  return out;
}

export interface ReadProgress {
  (sheetName: string, sheetNumber: number, sheetCount: number): void;
}

export class ReadTimeout extends Error {}

/**
 * Read every input sheet into a snapshot, in tab order, Date cells in the core's convention (the
 * spreadsheet's clock, tz.ts). Throws ReadTimeout past the hard limit (a workbook whose reading
 * alone does not fit one execution).
 */
export function readWorkbook(metas: SheetMeta[], watch: Stopwatch, progress?: ReadProgress, clock?: SheetClock): Snapshot {
  const inputs = inputSheets(metas);
  const sheets = inputs.map((m, i) => {
    if (progress) progress(m.name, i + 1, inputs.length);
    const values = readRows(
      m.sheet,
      1,
      m.lastRow,
      m.lastColumn,
      () => {
        if (watch.overHard()) throw new ReadTimeout(m.name);
      },
      clock,
    );
    return { name: m.name, values };
  });
  return { sheets };
}

/** A short, stable hash of a text (FNV-1a 32-bit, twice with different seeds), as base-36. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}
