/**
 * What any implementation of the core's port must spend before it checks anything (issue 12 §7,
 * `npm run bench -- --floor FILE.csv`): the lower bounds that the goal "parse + core ≤ 3× DuckDB"
 * is judged against. Three figures, each in CPU seconds of this process:
 *
 * - `scan`: the CSV's bytes walked once (field boundaries, the byte hash of each short field and its
 *   look-up in a pool of distinct values), written to typed arrays: no JavaScript string, no array.
 * - `build`: from those typed arrays, the `Cell[][]` grid that the port (DESIGN.md: a snapshot of
 *   cell grids, what `Range.getValues()` gives) requires: one array per row, one string per field,
 *   each distinct short value decoded once. This is the part no parser can move to another thread
 *   (a string belongs to its isolate) and no faster parser removes.
 * - `heart`: the heart of the job that DuckDB is timed on (scripts/duckdb.ts), done in JavaScript
 *   on the built grid: the CCCD cell's digits to a number, the first row per number (an open
 *   addressing table of doubles), rows and distinct persons per unit.
 *
 * The scan is a simplified copy of src/cli/xlsx/csv.ts's loop (a quoted field is kept as its raw
 * bytes, which is enough for a generated file where no learner column is quoted; the counts are
 * printed to compare with the real parser's). It measures; it is not a second parser.
 */
import { readFileSync } from 'node:fs';
import { latin1, utf8 } from '../src/cli/xlsx/csv';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const COMMA = 44;
/** Fields up to this many bytes are pooled, as FieldPool does. */
const SHORT = 160;

interface Scanned {
  starts: Int32Array;
  ends: Int32Array;
  /** ≥ 0: the pooled value's index; -1: an ASCII field to decode; -2: a non-ASCII one. */
  codes: Int32Array;
  fields: number;
  rowEnds: Int32Array;
  rows: number;
  poolStarts: Int32Array;
  poolEnds: Int32Array;
  pooled: number;
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function scan(buf: Buffer): Scanned {
  const n = buf.length;
  let starts: Int32Array = new Int32Array(1 << 20);
  let ends: Int32Array = new Int32Array(1 << 20);
  let codes: Int32Array = new Int32Array(1 << 20);
  let rowEnds: Int32Array = new Int32Array(1 << 16);
  let fields = 0;
  let rows = 0;
  const bits = 19;
  const mask = (1 << bits) - 1;
  const table = new Int32Array(1 << bits);
  let poolStarts: Int32Array = new Int32Array(1 << 16);
  let poolEnds: Int32Array = new Int32Array(1 << 16);
  let pooled = 0;
  const tries = new Int32Array(256);
  const hits = new Int32Array(256);
  const unpooled = new Uint8Array(256);
  let i = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let col = 0;
  while (i < n) {
    let a = i;
    let b: number;
    let code = -2;
    if (buf[i] === QUOTE) {
      let j = i + 1;
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q < 0) {
          j = n;
          break;
        }
        if (buf[q + 1] === QUOTE) {
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      a = i + 1;
      b = Math.max(a, j - 1);
      i = j;
    } else {
      let k = i;
      let high = 0;
      let hash = 0;
      while (k < n) {
        const c = buf[k];
        if (c === COMMA || c === LF || c === CR) break;
        high |= c;
        hash = (Math.imul(hash, 31) + c) | 0;
        k++;
      }
      b = k;
      i = k;
      const len = b - a;
      code = high < 0x80 ? -1 : -2;
      const c = col & 255;
      if (len > 0 && len <= SHORT && unpooled[c] === 0) {
        if (++tries[c] === 2000 && hits[c] * 20 < 2000) unpooled[c] = 1;
        let h = hash ^ len;
        h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
        h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
        h ^= h >>> 16;
        for (let slot = h & mask; ; slot = (slot + 1) & mask) {
          const e = table[slot];
          if (e === 0) {
            if (pooled < 200_000) {
              if (pooled === poolStarts.length) {
                poolStarts = grown(poolStarts);
                poolEnds = grown(poolEnds);
              }
              poolStarts[pooled] = a;
              poolEnds[pooled] = b;
              table[slot] = ++pooled;
              code = pooled - 1;
            }
            break;
          }
          const o = poolStarts[e - 1];
          if (poolEnds[e - 1] - o === len) {
            let m = 0;
            while (m < len && buf[o + m] === buf[a + m]) m++;
            if (m === len) {
              hits[c]++;
              code = e - 1;
              break;
            }
          }
        }
      }
    }
    if (fields === starts.length) {
      starts = grown(starts);
      ends = grown(ends);
      codes = grown(codes);
    }
    starts[fields] = a;
    ends[fields] = b;
    codes[fields] = code;
    fields++;
    col++;
    if (i < n && buf[i] === COMMA) {
      i++;
      continue;
    }
    if (i < n) i += buf[i] === CR && buf[i + 1] === LF ? 2 : 1;
    if (rows === rowEnds.length) rowEnds = grown(rowEnds);
    rowEnds[rows++] = fields;
    col = 0;
  }
  return { starts, ends, codes, fields, rowEnds, rows, poolStarts, poolEnds, pooled };
}

function build(buf: Buffer, s: Scanned): string[][] {
  const strings: (string | undefined)[] = new Array<string | undefined>(s.pooled);
  const grid: string[][] = [];
  let f = 0;
  for (let r = 0; r < s.rows; r++) {
    const end = s.rowEnds[r];
    const row: string[] = [];
    for (; f < end; f++) {
      const code = s.codes[f];
      let v: string;
      if (code >= 0) v = strings[code] ?? (strings[code] = utf8(buf, s.poolStarts[code], s.poolEnds[code]));
      else if (s.starts[f] === s.ends[f]) v = '';
      else v = code === -1 ? latin1(buf, s.starts[f], s.ends[f]) : utf8(buf, s.starts[f], s.ends[f]);
      row.push(v);
    }
    grid.push(row);
  }
  return grid;
}

/** Rows, and distinct valid persons (first row per CCCD number), per unit: DuckDB's query, in JavaScript. */
function heart(grid: string[][], headerIndex: number, cccdCol: number, unitCol: number): { rows: number; persons: number; units: number } {
  const bits = 21;
  const mask = (1 << bits) - 1;
  const keys = new Float64Array(1 << bits);
  const units = new Map<string, { rows: number; persons: number }>();
  let rows = 0;
  let persons = 0;
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const row = grid[r];
    const cell = row[cccdCol].trim();
    const unitText = row[unitCol].trim();
    let num = 0;
    let digits = 0;
    for (let i = 0; i < cell.length; i++) {
      const d = cell.charCodeAt(i) - 48;
      if (d >= 0 && d <= 9) {
        num = num * 10 + d;
        digits++;
      }
    }
    let u = units.get(unitText);
    if (u === undefined) {
      u = { rows: 0, persons: 0 };
      units.set(unitText, u);
    }
    u.rows++;
    rows++;
    // DuckDB's cleaning: 12 digits once the rest is stripped, or a cell of exactly 11 digits (a
    // number that lost its leading zero; the padded number is the same)
    if (digits !== 12 && !(digits === 11 && cell.length === 11)) continue;
    let h = (Math.imul(num | 0, 0x9e3779b1) ^ Math.imul((num / 4294967296) | 0, 0x85ebca6b)) & mask;
    for (;;) {
      const k = keys[h];
      if (k === 0) {
        keys[h] = num;
        u.persons++;
        persons++;
        break;
      }
      if (k === num) break;
      h = (h + 1) & mask;
    }
  }
  return { rows, persons, units: units.size };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 1e3) / 1e3;
}

export interface FloorResult {
  file: string;
  fields: number;
  rows: number;
  scanCpuSeconds: number;
  buildCpuSeconds: number;
  heartCpuSeconds: number;
  heart: { rows: number; persons: number; units: number } | null;
}

/** The three floors of one CSV file; `layout` (the learner table's header row and columns) for the heart. */
export function measureFloor(file: string, layout: { headerIndex: number; cccd: number; unit: number } | null): FloorResult {
  const buf = readFileSync(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let t = process.cpuUsage();
  const scanned = scan(buf);
  const scanCpuSeconds = cpuSeconds(t);
  gc?.();
  t = process.cpuUsage();
  const grid = build(buf, scanned);
  const buildCpuSeconds = cpuSeconds(t);
  gc?.();
  t = process.cpuUsage();
  const counts = layout ? heart(grid, layout.headerIndex, layout.cccd, layout.unit) : null;
  const heartCpuSeconds = layout ? cpuSeconds(t) : 0;
  return { file, fields: scanned.fields, rows: grid.length, scanCpuSeconds, buildCpuSeconds, heartCpuSeconds, heart: counts };
}
