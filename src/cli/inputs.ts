/**
 * Reading the command line's inputs into one workbook snapshot: .xlsx files (every sheet) and
 * .csv files (one sheet named after the file). Several files merge into one workbook, so units'
 * separate files consolidate together; a sheet name already taken is renamed after its file
 * (a unit's file named by its code, e.g. XA001.xlsx, then becomes that unit's tab).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { messages } from '../core';
import type { SheetSnapshot, Snapshot } from '../core';
import { CsvError, decodeText, readCsv } from './xlsx/csv';
import { readXlsx, XlsxError } from './xlsx/read';
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

export function readInputs(paths: string[]): Inputs {
  if (paths.length === 0) throw new CliError(T.missingInput);
  const sheets: SheetSnapshot[] = [];
  const taken = new Set<string>();
  const files: InputFile[] = [];
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
      load(path);
      throw new CliError(T.unsupported(path));
    }
    const bytes = load(path);
    const file: InputFile = { path, kind: ext === '.csv' ? 'csv' : 'xlsx', bytes, sheets: [] };
    let got: SheetSnapshot[];
    if (file.kind === 'csv') {
      try {
        got = [{ name: basename(path, extname(path)).slice(0, 31), values: readCsv(decodeText(bytes)) }];
      } catch (e) {
        if (e instanceof CsvError) throw new CliError(T.notUtf8(path));
        throw e;
      }
    } else {
      try {
        const read = readXlsx(bytes);
        const bad = read.unreadable[0];
        if (bad) throw new CliError(T.unreadableCell(path, bad.sheet, bad.cell, read.unreadable.reduce((n, u) => n + u.count, 0)));
        got = read.sheets;
      } catch (e) {
        if (e instanceof XlsxError) {
          if (e.code === 'ENCRYPTED') throw new CliError(T.encrypted(path));
          if (e.code === 'TOO_LARGE') throw new CliError(T.tooLarge(path));
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
  return { snapshot: { sheets }, files };
}
