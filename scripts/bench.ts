/**
 * Benchmarks.
 *
 * - `npm run bench` (no arguments): the core on a generated 100,000-row province, then the command
 *   line end to end on a generated 1,000,000-row province written as CSV files (issue 10's goal:
 *   `bdhvs tong-hop` to JSON + .xlsx + e-mails in ≤ 20 s and ≤ 1.5 GB peak RSS).
 * - `--rows N`: the core only, on a generated N-row province.
 * - `--csv A.csv B.csv …`: the core only, each file one sheet named after it.
 * - `--cli [--cli-rows N]`: the command line only.
 *
 * The core prints the time of each stage, then one JSON line:
 *   {"rows","parseSeconds","seconds","rowsPerSecond","peakRssMb"}
 * (`parseSeconds` is the time to generate or parse the input; `seconds` is consolidate() alone).
 * The command line prints one JSON line:
 *   {"cli":"tong-hop","rows","inputMb","seconds","peakRssMb","goal":{"seconds":20,"peakRssMb":1536},"met"}
 * measured on a child process (`node bin/bdhvs.js tong-hop …`; its peak RSS from
 * process.resourceUsage() at exit).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { formatDateVi, isDate, vnDateParts, consolidate, type Snapshot } from '../src/core';
import { generateProvince } from '../src/demo';
import { writeCsv } from '../src/cli/xlsx/csv';
import { decodeText, readCsv } from '../src/cli/xlsx/csv';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cliOnly = process.argv.includes('--cli');
const coreOnly = !cliOnly && (process.argv.includes('--rows') || process.argv.includes('--csv'));
const csvFiles: string[] = [];
{
  const i = process.argv.indexOf('--csv');
  if (i >= 0) for (let j = i + 1; j < process.argv.length && !process.argv[j].startsWith('--'); j++) csvFiles.push(process.argv[j]);
}
const today = arg('--today') ?? '2026-11-20';

function benchCore(): void {
  const rows = Number(arg('--rows') ?? 100000);
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
}

/** A generated province as CSV files, one per sheet (dates as dd/mm/yyyy, as a unit types them). */
function writeProvinceCsv(dir: string, learners: number): void {
  const { snapshot } = generateProvince({ learners, seed: 1, today });
  for (const sheet of snapshot.sheets) {
    const grid = sheet.values.map((r) => r.map((c) => (isDate(c) ? formatDateVi(vnDateParts(c)) : c)));
    writeFileSync(join(dir, `${sheet.name}.csv`), writeCsv(grid));
  }
}

/** The command line end to end on a generated province written as CSV files (one per sheet). */
function benchCli(learners: number): void {
  // The generated CSV files are cached (generating 1,000,000 rows takes a while); the output goes
  // to a fresh folder removed at the end.
  const cache = join(tmpdir(), `bdhvs-bench-csv-${learners}-${today}`);
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-bench-'));
  try {
    const t0 = process.hrtime.bigint();
    if (!existsSync(join(cache, 'done'))) {
      rmSync(cache, { recursive: true, force: true });
      mkdirSync(cache, { recursive: true });
      writeProvinceCsv(cache, learners);
      writeFileSync(join(cache, 'done'), '');
      // the generated province is garbage now: the child runs beside a process that holds nothing
      (globalThis as { gc?: () => void }).gc?.();
    }
    const files = readdirSync(cache).filter((f) => f.endsWith('.csv'));
    const inputMb = files.reduce((n, f) => n + statSync(join(cache, f)).size, 0) / 1048576;
    console.error(`${learners} rows as ${files.length} CSV files (${inputMb.toFixed(0)} MB) in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    const hook = join(dir, 'rss-hook.cjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('BENCH_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n");
    const cli = resolve(__dirname, '..', 'bin', 'bdhvs.js');
    const t1 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--require', hook, cli, 'tong-hop', ...files.map((f) => join(cache, f)), '--out', join(dir, 'out'), '--today', today], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
    const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr ?? '');
    if (run.status !== 0 || !rss) {
      console.error(run.stdout, run.stderr);
      throw new Error(`bdhvs tong-hop exited with ${run.status}`);
    }
    const peakRssMb = Math.round(Number(rss[1]) / 1024);
    const out = readdirSync(join(dir, 'out'));
    console.error(`outputs: ${out.join(', ')}`);
    const goal = { seconds: 20, peakRssMb: 1536 };
    console.log(JSON.stringify({ cli: 'tong-hop', rows: learners, inputMb: Math.round(inputMb), seconds: Math.round(seconds * 10) / 10, peakRssMb, goal, met: seconds <= goal.seconds && peakRssMb <= goal.peakRssMb }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!cliOnly) benchCore();
if (!coreOnly) {
  (globalThis as { gc?: () => void }).gc?.();
  benchCli(Number(arg('--cli-rows') ?? 1_000_000));
}
