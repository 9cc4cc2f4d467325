/**
 * Reading the command line's inputs into one workbook snapshot: .xlsx files (every sheet) and
 * .csv files (one sheet named after the file). Several files merge into one workbook, so units'
 * separate files consolidate together; a sheet name already taken is renamed after its file
 * (a unit's file named by its code, e.g. XA001.xlsx, then becomes that unit's tab).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { messages, type InputNote, type SheetSnapshot, type Snapshot, type FoundFileKind } from '../core';
import { CSV_MEMORY_PER_BYTE, CsvError, readCsvFile } from './xlsx/csv';
import { Budget, BudgetError, readXlsx, XlsxError } from './xlsx/read';
import { CliError } from './errors';

const T = messages.CLI;

export interface InputFile {
  path: string;
  kind: 'xlsx' | 'csv';
  bytes: Uint8Array;
  /** Sheet names this file contributed, in the merged workbook. */
  sheets: string[];
}

export interface Inputs {
  snapshot: Snapshot;
  files: InputFile[];
  /** What the readers skipped (chart sheets, far stray cells…): INPUT_SKIPPED warnings in the report. */
  notes: InputNote[];
}

/** A file's bytes, or null when it does not exist yet (the send log of a first run). */
export function readIfExists(path: string): Uint8Array | null {
  return existsSync(path) ? load(path) : null;
}

function load(path: string): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(T.fileNotFound(path));
  }
  if (st.isDirectory()) throw new CliError(T.notAFile(path));
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CliError(T.cannotRead(path, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
}

/**
 * Reads every input into one snapshot. All files' values are held at once, so one memory
 * estimate (`budget`, default MAX_READ_BYTES) covers them all: past it, the file that tipped it
 * is named and nothing is written.
 */
export function readInputs(paths: string[], budget: Budget = new Budget()): Inputs {
  if (paths.length === 0) throw new CliError(T.missingInput);
  const tooMuch = (path: string) => new CliError(T.inputsTooLarge(path, Math.round(budget.limit / 1048576)));
  const sheets: SheetSnapshot[] = [];
  const taken = new Set<string>();
  const files: InputFile[] = [];
  const notes: InputNote[] = [];
  const uniqueName = (wanted: string, file: string): string => {
    if (!taken.has(wanted.toLowerCase())) return wanted;
    const base = basename(file, extname(file)).slice(0, 31);
    if (!taken.has(base.toLowerCase())) return base;
    for (let i = 2; ; i++) {
      const n = `${base.slice(0, 26)} (${i})`;
      if (!taken.has(n.toLowerCase())) return n;
    }
  };
  for (const path of paths) {
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.xlsm' && ext !== '.csv') {
      // a missing file says so before its extension is judged
      throw new CliError(T.unsupported(path, sniffFile(ext, load(path))));
    }
    const bytes = load(path);
    const file: InputFile = { path, kind: ext === '.csv' ? 'csv' : 'xlsx', bytes, sheets: [] };
    let got: SheetSnapshot[];
    if (file.kind === 'csv') {
      try {
        budget.charge(Math.ceil(bytes.length * CSV_MEMORY_PER_BYTE), basename(path));
        got = [{ name: basename(path, extname(path)).slice(0, 31), values: readCsvFile(bytes) }];
      } catch (e) {
        if (e instanceof BudgetError) throw files.length > 0 ? tooMuch(path) : new CliError(T.tooLarge(path, e.detail));
        if (e instanceof CsvError) throw new CliError(e.code === 'TOO_LARGE' ? T.tooLarge(path, e.detail) : T.notUtf8(path));
        throw e;
      }
    } else {
      try {
        const read = readXlsx(bytes, { budget });
        const bad = read.unreadable[0];
        if (bad)
          throw new CliError(
            T.unreadableCell(
              path,
              bad.sheet,
              bad.cell,
              read.unreadable.reduce((n, u) => n + u.count, 0),
            ),
          );
        got = read.sheets;
        for (const w of read.warnings) notes.push({ file: basename(path), note: w });
      } catch (e) {
        if (e instanceof BudgetError && files.length > 0) throw tooMuch(path);
        if (e instanceof XlsxError) {
          if (e.code === 'ENCRYPTED') throw new CliError(T.encrypted(path));
          if (e.code === 'TOO_LARGE') throw new CliError(T.tooLarge(path, e.detail));
          throw new CliError(T.notXlsx(path, e.detail || e.code));
        }
        throw e;
      }
    }
    for (const s of got) {
      const name = uniqueName(s.name, path);
      taken.add(name.toLowerCase());
      sheets.push({ name, values: s.values });
      file.sheets.push(name);
    }
    files.push(file);
  }
  return { snapshot: { sheets }, files, notes };
}

/**
 * What a file that is not .xlsx/.xlsm/.csv is, from its first bytes (and its extension where the
 * bytes are shared: an OLE2 file is .xls or .doc, a zip is .ods, .docx or a plain archive).
 */
export function sniffFile(ext: string, bytes: Uint8Array): FoundFileKind {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0)) return ext === '.doc' ? 'word' : 'xls';
  if (at(0, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
    if (head.includes('application/vnd.oasis.opendocument.spreadsheet') || ext === '.ods') return 'ods';
    if (head.includes('word/') || ext === '.docx' || ext === '.odt') return 'word';
    return 'zip';
  }
  if (at(0, 0xff, 0xfe) || at(0, 0xfe, 0xff)) return 'utf16';
  if (ext === '.doc' || ext === '.docx' || ext === '.odt' || ext === '.rtf') return 'word';
  if (ext === '.xls') return 'xls';
  if (ext === '.ods') return 'ods';
  // mostly printable: text (.txt, .tsv, a CSV under another name)
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return n > 0 && control * 100 < n ? 'text' : 'other';
}
