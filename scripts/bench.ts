/**
 * Benchmark of the core: `npm run bench -- --rows 1000000` (a generated province) or
 * `npm run bench -- --csv A.csv B.csv …` (each file one sheet named after it). Prints the time of
 * each stage, then one JSON line last:
 *   {"rows","parseSeconds","seconds","rowsPerSecond","peakRssMb"}
 * `parseSeconds` is the time to generate or parse the input; `seconds` is consolidate() alone.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { consolidate } from '../src/core/consolidate';
import { generateProvince } from '../src/core/generator';
import { decodeText, readCsv } from '../src/cli/xlsx/csv';
import type { Snapshot } from '../src/core/types';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const csvFiles: string[] = [];
{
  const i = process.argv.indexOf('--csv');
  if (i >= 0) for (let j = i + 1; j < process.argv.length && !process.argv[j].startsWith('--'); j++) csvFiles.push(process.argv[j]);
}
const rows = Number(arg('--rows') ?? 100000);
const today = arg('--today') ?? '2026-11-20';
const seed = Number(arg('--seed') ?? 1);

const t0 = process.hrtime.bigint();
let snapshot: Snapshot;
if (csvFiles.length) {
  snapshot = { sheets: csvFiles.map((f) => ({ name: basename(f).replace(/\.csv$/i, ''), values: readCsv(decodeText(readFileSync(f))) })) };
} else {
  snapshot = generateProvince({ learners: rows, seed, today }).snapshot;
  flattenStrings(snapshot);
}

/**
 * The generator builds text by concatenation, which V8 keeps as "cons strings" until something
 * reads them; the first read flattens them (an allocation per string). Real inputs are already
 * flat: Range.getValues() in Sheets, our .xlsx reader (Buffer#toString) and CSV reader (slices).
 * Flattening here, as part of the generate step, makes `seconds` measure the core on the kind of
 * strings it gets in use. (`String#replace` without a match returns the flattened string.)
 */
function flattenStrings(s: Snapshot): void {
  for (const sheet of s.sheets)
    for (const row of sheet.values)
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'string' && v.length > 1) row[c] = v.replace('\u0000', '');
      }
}
const t1 = process.hrtime.bigint();
(globalThis as { gc?: () => void }).gc?.();

const stages: [string, number][] = [];
let last = process.hrtime.bigint();
let lastStage = 'start';
const t2 = process.hrtime.bigint();
const report = consolidate(snapshot, {
  today,
  onProgress: (_f, stage) => {
    const now = process.hrtime.bigint();
    stages.push([lastStage, Number(now - last) / 1e9]);
    last = now;
    lastStage = stage;
  },
});
const t3 = process.hrtime.bigint();

const learnerRows = report.province.learners.rows;
const seconds = Number(t3 - t2) / 1e9;
console.error('stage                          seconds');
for (const [name, s] of stages) console.error(`${name.padEnd(30)} ${s.toFixed(3)}`);
console.error(`issues: ${report.issues.length}, duplicates: ${report.duplicates.length}, units: ${report.units.length}`);
console.log(
  JSON.stringify({
    rows: learnerRows,
    parseSeconds: Math.round((Number(t1 - t0) / 1e9) * 1000) / 1000,
    seconds: Math.round(seconds * 1000) / 1000,
    rowsPerSecond: Math.round(learnerRows / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
