/**
 * "Sửa số CCCD bị mất số 0" and "Hoàn tác sửa CCCD": the only commands that change what a unit
 * typed, explicitly and undoably.
 *
 * The fix finds CCCD cells stored as numbers of 10–12 digits (the core's parseCccd kind
 * `numeric`: a CCCD whose leading zeros Sheets dropped), asks for confirmation with the count, then
 * per learner sheet sets the CCCD column's data rows to plain text ('@') and writes the padded
 * 12-digit strings. Each changed cell gets a note holding its old value (on the learner sheet
 * itself, where the number is already visible); a document property records the sheets and the
 * column's old number formats (run-length encoded). Undo restores every cell that still holds the
 * value the fix wrote, removes our note lines and puts the old formats back.
 *
 * Batched: per sheet and chunk of rows, one read each of values, formulas, notes (and formats),
 * one write each of format, values and notes. Cells the fix does not change are written back
 * unchanged (formulas as formulas).
 */
import { parseCccd, type Cell, utf8Length, GAS, LEARNERS_TABLE, findTable, HEADER_SEARCH_ROWS } from '../core';
import type { WriteTarget } from './access';
import { chunkRows, startStopwatch } from './env';
import { PROP } from './names';
import { inputSheets, listSheets, type SheetMeta } from './read';
import { literal, TEXT_FORMAT } from './write';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface FixTarget {
  meta: SheetMeta;
  /** 0-based CCCD column. */
  column: number;
  /** First data row (1-based) and number of data rows. */
  firstRow: number;
  rows: number;
  /** Cells to change. */
  count: number;
}

export interface FixRecord {
  sheetId: number;
  sheet: string;
  column: number;
  firstRow: number;
  rows: number;
  /** Old number formats of the column's data rows, run-length encoded: [format, count][]; null if too long. */
  formats: [string, number][] | null;
  count: number;
}

const NOTE_LINE = new RegExp('^' + escapeRegExp(GAS.fix.notePrefix) + '(\\d+)$');
const NOTE_LINE_ANY = new RegExp('(^|\\n)' + escapeRegExp(GAS.fix.notePrefix) + '\\d+($|\\n)');
/** Format of a restored number when the old formats could not be recorded. */
const NUMBER_FORMAT = '0';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The learner sheets and their CCCD column (one read of the top rows per sheet). */
function learnerColumns(ss: Spreadsheet): Omit<FixTarget, 'count'>[] {
  const out: Omit<FixTarget, 'count'>[] = [];
  for (const meta of inputSheets(listSheets(ss))) {
    if (meta.lastRow < 2 || meta.lastColumn < 1) continue;
    const top = meta.sheet.getRange(1, 1, Math.min(HEADER_SEARCH_ROWS, meta.lastRow), meta.lastColumn).getValues() as Cell[][];
    const found = findTable({ name: meta.name, values: top }, 0, LEARNERS_TABLE);
    if (!found) continue;
    const firstRow = found.headerIndex + 2;
    if (meta.lastRow < firstRow) continue;
    out.push({ meta, column: found.columns.cccd, firstRow, rows: meta.lastRow - firstRow + 1 });
  }
  return out;
}

function chunks(rows: number): [number, number][] {
  const step = chunkRows(1);
  const out: [number, number][] = [];
  for (let i = 0; i < rows; i += step) out.push([i, Math.min(step, rows - i)]);
  return out;
}

function isNumericCccd(v: Cell): v is number {
  return typeof v === 'number' && parseCccd(v).kind === 'numeric';
}

/** Find what the fix would change (reads only). */
export function findFixTargets(ss: Spreadsheet): FixTarget[] {
  const targets: FixTarget[] = [];
  for (const t of learnerColumns(ss)) {
    let count = 0;
    for (const [offset, n] of chunks(t.rows)) {
      const values = t.meta.sheet.getRange(t.firstRow + offset, t.column + 1, n, 1).getValues();
      for (const r of values) if (isNumericCccd(r[0] as Cell)) count++;
    }
    if (count > 0) targets.push({ ...t, count });
  }
  return targets;
}

function rle(formats: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const f of formats) {
    const last = out[out.length - 1];
    if (last && last[0] === f) last[1]++;
    else out.push([f, 1]);
  }
  return out;
}

function unrle(runs: [string, number][]): string[] {
  const out: string[] = [];
  for (const [f, n] of runs) for (let i = 0; i < n; i++) out.push(f);
  return out;
}

/**
 * The value to write back into a cell whose format is `format`: its formula if it has one, else the
 * value, protected from being re-read as a number or date unless the cell is plain text.
 */
function writeBack(value: Cell, formula: string, format: string): Cell {
  if (formula) return formula;
  return format === TEXT_FORMAT ? value : literal(value);
}

function addNoteLine(note: string, line: string): string {
  return note ? `${note}\n${line}` : line;
}

function removeNoteLines(note: string): { note: string; old: number | null } {
  let old: number | null = null;
  const kept = note.split('\n').filter((l) => {
    const m = NOTE_LINE.exec(l);
    if (m) old = Number(m[1]);
    return !m;
  });
  return { note: kept.join('\n'), old };
}

/*
 * The undo records: one document property per fixed column (`bdhvs.cccdFix:<sheetId>:<column>`),
 * so that a province with a tab per unit (150 records) never meets the 9 KB limit of one property
 * value (https://developers.google.com/apps-script/guides/services/quotas: "Properties value size
 * 9 KB / val"; the store holds 500 KB). A record is saved before its column is rewritten
 * (write-ahead: a fix stopped half-way can still be undone, since every changed cell's old value
 * is in its note) and updated after. A record whose old formats do not fit in UTF-8 bytes drops
 * them (undo then restores a plain number format). Records of the single-property format of
 * earlier versions (`bdhvs.cccdFix`) are read too.
 */
const RECORD_PREFIX = `${PROP.cccdFix}:`;
/** The bytes a record may take: 9 KB less room for the key (Apps Script counts both). */
const RECORD_MAX_BYTES = 9 * 1024 - 200;

const recordKey = (r: { sheetId: number; column: number }) => `${RECORD_PREFIX}${r.sheetId}:${r.column}`;

function loadRecords(props: GoogleAppsScript.Properties.Properties): FixRecord[] {
  const all = props.getProperties();
  const out: FixRecord[] = [];
  const parse = (json: string): unknown => {
    try {
      return JSON.parse(json);
    } catch (_e) {
      return null;
    }
  };
  const legacy = all[PROP.cccdFix];
  if (legacy) {
    const list = parse(legacy);
    if (Array.isArray(list)) out.push(...(list as FixRecord[]));
  }
  for (const key of Object.keys(all).sort()) {
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const r = parse(all[key]);
    if (r && typeof r === 'object') out.push(r as FixRecord);
  }
  return out;
}

function saveRecord(props: GoogleAppsScript.Properties.Properties, record: FixRecord): void {
  let json = JSON.stringify(record);
  if (utf8Length(json) > RECORD_MAX_BYTES) json = JSON.stringify({ ...record, formats: null });
  props.setProperty(recordKey(record), json);
}

function deleteRecords(props: GoogleAppsScript.Properties.Properties, records: FixRecord[]): void {
  props.deleteProperty(PROP.cccdFix);
  for (const r of records) props.deleteProperty(recordKey(r));
}

/** Apply the fix to the targets; returns the number of cells changed. */
export function applyFix(targets: FixTarget[]): number {
  const props = PropertiesService.getDocumentProperties();
  const records = loadRecords(props);
  const watch = startStopwatch();
  let changed = 0;
  for (const t of targets) {
    if (watch.overHard()) break;
    const sheet = t.meta.sheet;
    // the column's old formats, read first: the record is saved before anything changes
    const oldFormats: string[] = [];
    for (const [offset, n] of chunks(t.rows)) for (const f of sheet.getRange(t.firstRow + offset, t.column + 1, n, 1).getNumberFormats()) oldFormats.push(f[0]);
    let record = records.find((r) => r.sheetId === t.meta.id && r.column === t.column);
    if (!record) {
      record = { sheetId: t.meta.id, sheet: t.meta.name, column: t.column, firstRow: t.firstRow, rows: t.rows, formats: rle(oldFormats), count: 0 };
      records.push(record);
    }
    saveRecord(props, record);
    let count = 0;
    for (const [offset, n] of chunks(t.rows)) {
      const range = sheet.getRange(t.firstRow + offset, t.column + 1, n, 1);
      const values = range.getValues() as Cell[][];
      const formulas = range.getFormulas();
      const notes = range.getNotes();
      const formats = oldFormats.slice(offset, offset + n).map((f) => [f]);
      const out: Cell[][] = [];
      const outNotes: string[][] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i][0];
        const format = formats[i][0];
        if (!formulas[i][0] && isNumericCccd(v)) {
          out.push([writeBack(parseCccd(v).digits, '', format)]);
          outNotes.push([addNoteLine(notes[i][0], GAS.fix.notePrefix + String(v))]);
          count++;
        } else {
          out.push([writeBack(v, formulas[i][0], format)]);
          outNotes.push([notes[i][0]]);
        }
      }
      // The notes first (each holds its cell's old value: if a later write fails, undo still
      // finds and cleans them), then the values (formulas stay formulas), then the text format.
      range.setNotes(outNotes);
      range.setValues(out);
      range.setNumberFormat(TEXT_FORMAT);
    }
    changed += count;
    record.count += count;
    saveRecord(props, record);
  }
  return changed;
}

/** The cells a fix writes (values, formats, notes): for the protection check before anything changes. */
export function fixAreas(targets: FixTarget[]): WriteTarget[] {
  return targets.map((t) => ({
    sheet: t.meta.sheet,
    name: t.meta.name,
    area: { row: t.firstRow, column: t.column + 1, rows: Math.max(1, t.rows), columns: 1, sheetLevel: false },
  }));
}

/** The cells an undo writes back. */
export function undoAreas(ss: Spreadsheet, records: FixRecord[]): WriteTarget[] {
  const out: WriteTarget[] = [];
  const sheetOf = sheetFinder(ss);
  for (const r of records) {
    const sheet = sheetOf(r);
    if (sheet)
      out.push({ sheet, name: sheet.getName(), area: { row: r.firstRow, column: r.column + 1, rows: Math.max(1, r.rows), columns: 1, sheetLevel: false } });
  }
  return out;
}

export function pendingUndo(): FixRecord[] {
  return loadRecords(PropertiesService.getDocumentProperties());
}

/** A record's sheet by id (it may have been renamed), else by name; the sheets listed once, not per record. */
function sheetFinder(ss: Spreadsheet): (r: FixRecord) => Sheet | null {
  let byId: Map<number, Sheet> | null = null;
  return (r) => {
    if (!byId) byId = new Map(ss.getSheets().map((s) => [s.getSheetId(), s] as [number, Sheet]));
    return byId.get(r.sheetId) ?? ss.getSheetByName(r.sheet);
  };
}

/** Undo every recorded fix; returns the number of cells restored. */
export function undoFix(ss: Spreadsheet): number {
  const props = PropertiesService.getDocumentProperties();
  const records = loadRecords(props);
  let restored = 0;
  const sheetOf = sheetFinder(ss);
  for (const r of records) {
    const sheet = sheetOf(r);
    if (!sheet) continue;
    const rows = Math.min(r.rows, Math.max(0, sheet.getLastRow() - r.firstRow + 1));
    const formats = r.formats ? unrle(r.formats) : null;
    for (const [offset, n] of chunks(rows)) {
      const range = sheet.getRange(r.firstRow + offset, r.column + 1, n, 1);
      const values = range.getValues() as Cell[][];
      const formulas = range.getFormulas();
      const notes = range.getNotes();
      if (!notes.some((x) => NOTE_LINE_ANY.test(x[0]))) continue;
      const restoredFormats: string[] = [];
      for (let i = 0; i < n; i++) restoredFormats.push(formats && formats[offset + i] !== undefined ? formats[offset + i] : TEXT_FORMAT);
      const out: Cell[][] = [];
      const outNotes: string[][] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i][0];
        const { note, old } = removeNoteLines(notes[i][0]);
        // Restore only a cell that still holds what the fix wrote.
        if (old !== null && !formulas[i][0] && typeof v === 'string' && parseCccd(old).digits === v) {
          out.push([old]);
          restoredFormats[i] = formats ? restoredFormats[i] : NUMBER_FORMAT;
          restored++;
        } else out.push([writeBack(v, formulas[i][0], restoredFormats[i])]);
        outNotes.push([note]);
      }
      // Formats first (the old ones), then the values, then the notes without our lines.
      range.setNumberFormats(restoredFormats.map((f) => [f]));
      range.setValues(out);
      range.setNotes(outNotes);
    }
  }
  deleteRecords(props, records);
  return restored;
}
