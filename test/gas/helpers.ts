/**
 * Helpers of the in-process add-on tests: an emulated environment whose globals are assigned to
 * globalThis (src/gas is imported directly), the adapter's clock bound to the simulated clock, and
 * small readers of what the adapter wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGasEnvironment, type GasEnvironment, type GasEnvironmentOptions } from '../emulator';
import { setClock, setLimits, type Limits } from '../../src/gas/env';
import type { Cell, Snapshot } from '../../src/core';
import { OUTPUT_SHEETS, STATUS_HEADER } from '../../src/core/schema';
import { isTempSheetName } from '../../src/gas/names';

const saved = new Map<string, unknown>();

/** jest's console (the emulator's console replaces the global one during a test). */
export const realConsole: Console = globalThis.console;

export interface TestEnv extends GasEnvironment {
  /** Run fn as a menu execution (FULL auth, 6-minute limit). */
  menu<T>(fn: () => T): T;
}

/**
 * The scopes of a deployment's manifest: the bound script's `appsscript.json`, or the add-on's
 * (the same with `spreadsheets` for `spreadsheets.currentonly`, as scripts/build.mjs writes it).
 */
export function manifestScopes(deployment: 'bound' | 'addon'): string[] {
  const bound = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as { oauthScopes: string[] }).oauthScopes;
  return deployment === 'bound'
    ? bound
    : bound.map((s) => (s === 'https://www.googleapis.com/auth/spreadsheets.currentonly' ? 'https://www.googleapis.com/auth/spreadsheets' : s));
}

/** An emulated environment; its manifest's scopes are the add-on's when a trigger may run without a document, else the bound script's. */
export function gasEnv(options: GasEnvironmentOptions = {}, limits?: Partial<Limits>): TestEnv {
  const oauthScopes = options.oauthScopes ?? manifestScopes(options.triggerDocument === 'none' ? 'addon' : 'bound');
  const env = createGasEnvironment({ firstSheet: null, ...options, oauthScopes }) as TestEnv;
  for (const [k, v] of Object.entries(env.globals)) {
    if (!saved.has(k)) saved.set(k, (globalThis as Record<string, unknown>)[k]);
    (globalThis as Record<string, unknown>)[k] = v;
  }
  setClock(() => env.clock.now());
  setLimits(limits ?? null);
  env.menu = <T>(fn: () => T) => env.run('menu', fn);
  return env;
}

export function resetGlobals(): void {
  for (const [k, v] of saved) {
    if (v === undefined) delete (globalThis as Record<string, unknown>)[k];
    else (globalThis as Record<string, unknown>)[k] = v;
  }
  saved.clear();
  setClock(null);
  setLimits(null);
}

/** Seed the workbook with a snapshot (values stored as given, like cells already typed). */
export function loadSnapshot(env: GasEnvironment, snapshot: Snapshot, tight = false): void {
  for (const s of snapshot.sheets) {
    const cols = s.values.reduce((m, r) => Math.max(m, r.length), 0);
    // tight: sheets sized to their data (a million-row workbook stays under 10 million cells)
    env.addSheet(s.name, s.values as unknown[][], tight ? { maxRows: Math.max(1, s.values.length), maxColumns: Math.max(1, cols) } : {});
  }
}

/** Values of a sheet, trailing empty cells kept as the emulator returns them. */
export function values(env: GasEnvironment, name: string): Cell[][] {
  return env.sheetValues(name) as Cell[][];
}

export function sheetNames(env: GasEnvironment): string[] {
  return env.spreadsheet.getSheets().map((s) => s.getName());
}

/** Every input cell (not our outputs, not our status column), to compare before/after a run. */
export function inputCells(env: GasEnvironment): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const name of sheetNames(env)) {
    if (OUTPUT_SHEETS.includes(name) || isTempSheetName(name)) continue;
    const v = values(env, name).map((r) => r.slice());
    const statusCol = findStatusColumn(v);
    if (statusCol >= 0) for (const r of v) r.splice(statusCol, 1);
    out.set(
      name,
      v.map((r) => trimRow(r)),
    );
  }
  return out;
}

function trimRow(r: Cell[]): Cell[] {
  let n = r.length;
  while (n > 0 && (r[n - 1] === '' || r[n - 1] === null)) n--;
  return r.slice(0, n).map((c) => (c instanceof Date || Object.prototype.toString.call(c) === '[object Date]' ? (c as Date).getTime() : c)) as Cell[];
}

export function findStatusColumn(v: Cell[][]): number {
  for (let r = 0; r < Math.min(10, v.length); r++) {
    const i = v[r].indexOf(STATUS_HEADER);
    if (i >= 0) return i;
  }
  return -1;
}

/** Value reads and writes among the counted calls. */
export const VALUE_CALLS = [
  'Range.getValues',
  'Range.getValue',
  'Range.getDisplayValues',
  'Range.setValues',
  'Range.setValue',
  'Range.getFormulas',
  'Range.setFormulas',
];

export function valueCalls(env: GasEnvironment): number {
  const c = env.counters.snapshot().calls;
  return VALUE_CALLS.reduce((n, k) => n + (c[k] ?? 0), 0);
}

/** A compact summary of the counters for the lead's figures. */
export function callSummary(env: GasEnvironment): {
  total: number;
  valueCalls: number;
  reads: number;
  writes: number;
  cellsRead: number;
  cellsWritten: number;
  top: [string, number][];
} {
  const s = env.counters.snapshot();
  const top = Object.entries(s.calls)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  return {
    total: s.total,
    valueCalls: valueCalls(env),
    reads: (s.calls['Range.getValues'] ?? 0) + (s.calls['Range.getValue'] ?? 0),
    writes: (s.calls['Range.setValues'] ?? 0) + (s.calls['Range.setValue'] ?? 0),
    cellsRead: s.cellsRead,
    cellsWritten: s.cellsWritten,
    top,
  };
}

/** Pad rows of a grid to a width (the renderers' rows are already padded). */
export function trimGrid(rows: Cell[][]): Cell[][] {
  const t = rows.map((r) => trimRow(r));
  while (t.length && t[t.length - 1].length === 0) t.pop();
  return t;
}

/** The workbook as the core should see it: input sheets in tab order, values as stored. */
export function envSnapshot(env: GasEnvironment): Snapshot {
  return {
    sheets: sheetNames(env)
      .filter((n) => !OUTPUT_SHEETS.includes(n) && !isTempSheetName(n))
      .map((name) => ({ name, values: values(env, name) })),
  };
}
