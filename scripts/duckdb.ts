/**
 * The benchmark's yardstick (issue 12 §7): the heart of the job done by DuckDB on the same learner
 * CSV — read every column as VARCHAR, clean the CCCD (digits only; a numeric-looking 11-digit
 * value, i.e. a number that lost its leading zero, left-padded to 12), keep the first row per
 * CCCD, and count per unit the rows and the distinct valid persons. No per-row checks, no
 * messages: a lower bound of what any implementation of the job needs, measured in the same run.
 *
 * @duckdb/node-api is an optional devDependency: `loadDuckDb()` returns null when it is absent.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { LEARNERS_TABLE, findTable } from '../src/core';
import { readCsvBytes } from '../src/cli/xlsx/csv';

type DuckDbModule = typeof import('@duckdb/node-api');

/** The module, or null when it is not installed (or does not load on this platform). */
export async function loadDuckDb(): Promise<DuckDbModule | null> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return null;
  }
}

/** Where the learner table of a CSV file is: its header row and the CCCD and unit columns (0-based). */
export interface LearnerCsvLayout {
  headerIndex: number;
  cccd: number;
  unit: number;
}

/** Finds the learner table in the first 256 KB of a CSV file (the core's header matching), or null. */
export function learnerCsvLayout(file: string): LearnerCsvLayout | null {
  const head = Buffer.alloc(256 * 1024);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const rows = readCsvBytes(head.subarray(0, n));
  const t = findTable({ name: 'x', values: rows }, 0, LEARNERS_TABLE);
  const unit: number | undefined = t?.columns.unit;
  if (!t || unit === undefined) return null;
  return { headerIndex: t.headerIndex, cccd: t.columns.cccd, unit };
}

export interface DuckDbResult {
  seconds: number;
  threads: number;
  rows: number;
  persons: number;
  units: number;
}

/** Runs the heart of the job on one learner CSV in a fresh in-memory database; `threads` 0 = DuckDB's default. */
export async function duckDbHeart(duck: DuckDbModule, file: string, layout: LearnerCsvLayout, threads = 0): Promise<DuckDbResult> {
  const t0 = process.hrtime.bigint();
  const instance = await duck.DuckDBInstance.create(':memory:', threads > 0 ? { threads: String(threads) } : {});
  const con = await instance.connect();
  try {
    const path = file.replace(/'/g, "''");
    const cccd = `column${String(layout.cccd).padStart(2, '0')}`;
    const unit = `column${String(layout.unit).padStart(2, '0')}`;
    // header=false + skip: the title rows above the header are not CSV headers; all_varchar keeps
    // leading zeros; rn is the file's row order (insertion order is preserved)
    const sql = `
      WITH src AS (
        SELECT row_number() OVER () AS rn, trim(coalesce(${unit}, '')) AS unit, coalesce(${cccd}, '') AS raw
        FROM read_csv('${path}', header = false, skip = ${String(layout.headerIndex + 1)}, all_varchar = true,
                      delim = ',', quote = '"', escape = '"', null_padding = true)
      ),
      clean AS (
        SELECT rn, unit,
               CASE WHEN regexp_full_match(trim(raw), '[0-9]{11}') THEN '0' || trim(raw)
                    ELSE regexp_replace(raw, '[^0-9]', '', 'g') END AS cccd
        FROM src
      ),
      firsts AS (
        SELECT min(rn) AS rn FROM clean WHERE length(cccd) = 12 GROUP BY cccd
      )
      SELECT c.unit, count(*) AS rows, count(f.rn) AS persons
      FROM clean c LEFT JOIN firsts f ON f.rn = c.rn
      GROUP BY c.unit`;
    const reader = await con.runAndReadAll(sql);
    let rows = 0;
    let persons = 0;
    let units = 0;
    for (const r of reader.getRows()) {
      units++;
      rows += Number(r[1]);
      persons += Number(r[2]);
    }
    const threadsUsed = Number((await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);
    return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, threads: threadsUsed, rows, persons, units };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
