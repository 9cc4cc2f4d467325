/**
 * Shared by the end-to-end tests (test/cli/e2e*.test.ts): the built command line as a child
 * process, write-excel-file inputs, CCCD leak checks, the JSON's shape. Split in two files so that
 * jest runs them in parallel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, Snapshot } from '../../src/core/types';

export const ROOT = join(__dirname, '../..');
export const BIN = join(ROOT, 'bin/bdhvs.js');
export const OUTPUT_SHEETS = ['Tổng hợp', 'Lỗi dữ liệu'];
export const H = 3_600_000;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function bdhvs(args: string[], opts: { cwd?: string; node?: string[] } = {}): Run {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, BDHVS_DEBUG: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder for one test file (made before its tests, removed after); checks the build is there. */
export function useTmp(): () => string {
  let tmp = '';
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'build-node/cli.js'))) throw new Error('build-node/cli.js is missing: run `npm run build` first (npm test does)');
    tmp = mkdtempSync(join(tmpdir(), 'bdhvs-e2e-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  return () => tmp;
}

/**
 * A snapshot as write-excel-file cells. write-excel-file turns a Date into a serial by its UTC
 * wall clock, while a sheet's serial is the wall clock of the workbook's zone (Asia/Ho_Chi_Minh),
 * so a date is handed over shifted by +7 h: the file then holds the serial Sheets would hold.
 */
export function toWriteExcel(snapshot: Snapshot) {
  const cell = (v: Cell) => {
    if (v === '' || v === null || v === undefined) return null;
    if (v instanceof Date) return { value: new Date(v.getTime() + 7 * H), type: Date, format: 'dd/mm/yyyy hh:mm' };
    if (typeof v === 'number') return { value: v, type: Number };
    if (typeof v === 'boolean') return { value: v, type: Boolean };
    return { value: v, type: String };
  };
  return snapshot.sheets.map((s) => ({ sheet: s.name, data: s.values.map((r) => r.map(cell)) }));
}

export async function writeWithWriteExcelFile(path: string, snapshot: Snapshot) {
  writeFileSync(path, await writeXlsxFile(toWriteExcel(snapshot) as never).toBuffer());
}

/** Every CCCD of the workbook as typed (12 digits) and as a number cell shows it (leading zeros lost). */
export function cccdsOf(snapshot: Snapshot): Set<string> {
  const all = new Set<string>();
  for (const s of snapshot.sheets) {
    for (const row of s.values) {
      for (const v of row) {
        let digits = '';
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1e8 && v < 1e12) digits = String(v).padStart(12, '0');
        else if (typeof v === 'string') digits = v.replace(/[\s.\-\u00a0\u200b]/g, '');
        if (/^\d{12}$/.test(digits)) {
          all.add(digits);
          all.add(digits.replace(/^0+/, ''));
        }
      }
    }
  }
  return all;
}

/** The digit runs of a text that are one of `cccds` (a full CCCD leaked). */
export function leaks(text: string, cccds: Set<string>): string[] {
  return (text.match(/\d{9,12}/g) ?? []).filter((d) => cccds.has(d));
}

export type Json = {
  period: string;
  today: string;
  units: {
    code: string;
    learners: unknown;
    reasons: string[];
    laggard: boolean;
    indicators: Record<
      string,
      { numerator: number | null; denominator: number | null; source: string | null; status: string; reported: number | null; evidenced: number | null }
    >;
  }[];
  province: {
    learners: unknown;
    indicators: Record<string, { numerator: number; denominator: number; reported: number; evidenced: number | null }>;
    completeness: { expected: number; submitted: number; onTime: number };
  };
  issues: { sheet?: string; row?: number; unit?: string; code: string; severity: string; message: string }[];
  reminders: { unit: string; to: string; kind: string; subject: string }[];
};

export const readJson = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'tong-hop.json'), 'utf8'));
