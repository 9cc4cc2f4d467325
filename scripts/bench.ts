/**
 * Benchmarks.
 *
 * - `npm run bench` (no arguments): the core on a generated 100,000-row province, then the command
 *   line end to end on a generated 1,000,000-row province written as CSV files (issue 10's goal:
 *   `bdhvs tong-hop` to JSON + .xlsx + e-mails in ≤ 20 s and ≤ 1.5 GB peak RSS).
 * - `--rows N`: the core only, on a generated N-row province.
 * - `--csv A.csv B.csv …`: parse + core (issue 12 §7), each file one sheet named after it, in a child
 *   process (its peak RSS is its own); `--csv` without files: the generated province of `--rows N`
 *   (default 1,000,000) as CSV files, cached in /tmp. When @duckdb/node-api loads, DuckDB then does
 *   the heart of the job on the learner CSV (scripts/duckdb.ts) in the same run, and the ratio
 *   (parse + core) / DuckDB is checked against the goal {ratio ≤ 3, peak RSS ≤ 1024 MB}.
 *   `--warnings [W.csv]`: also the same province with a learner CSV where ~40 % of the rows raise a
 *   warning (derived from the learner CSV, cached in /tmp, unless given), and the ratio of the core
 *   times (goal ≤ 1.5). `--runs N` repeats everything N times (figures per run, then the ranges).
 *   `--learners FILE` names the learner CSV (default: the largest file), `--duckdb-threads N`.
 *   `--cpu-prof DIR`: the child writes a V8 CPU profile there.
 * - `--cli [--cli-rows N]`: the command line only.
 * - `--floor [A.csv …]`: what the port costs before any check (scripts/floor.ts): per CSV file (default:
 *   the generated province's), the CPU seconds of one scan of its bytes, of building its `Cell[][]`
 *   grid from that scan, and of the heart of the job in JavaScript on a learner grid; then DuckDB on
 *   the learner CSV, and the floors' sum against it.
 *
 * The core prints the time of each stage, then one JSON line:
 *   {"rows","parseSeconds","seconds","rowsPerSecond","peakRssMb","parseCpuSeconds","coreCpuSeconds","issues","warnings"}
 * (`parseSeconds` is the time to generate or read + parse the input; `seconds` is consolidate() alone).
 * The command line prints one JSON line:
 *   {"cli":"tong-hop","rows","inputMb","seconds","peakRssMb","goal":{"seconds":20,"peakRssMb":1536},"met"}
 * measured on a child process (`node bin/bdhvs.js tong-hop …`; its peak RSS from
 * process.resourceUsage() at exit).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { formatDateVi, isDate, vnDateParts, consolidate, findTable, LEARNERS_TABLE, type Snapshot } from '../src/core';
import { generateProvince } from '../src/demo';
import { readCsvFile, writeCsv } from '../src/cli/xlsx/csv';
import { duckDbHeart, learnerCsvLayout, loadDuckDb } from './duckdb';
import { measureFloor } from './floor';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The file arguments after a flag (up to the next --flag). */
function files(name: string): string[] {
  const out: string[] = [];
  const i = process.argv.indexOf(name);
  if (i >= 0) for (let j = i + 1; j < process.argv.length && !process.argv[j].startsWith('--'); j++) out.push(process.argv[j]);
  return out;
}

const coreChild = process.argv.includes('--core-child');
const cliOnly = process.argv.includes('--cli');
const floorMode = process.argv.includes('--floor');
const csvMode = !cliOnly && !floorMode && process.argv.includes('--csv');
const coreOnly = !cliOnly && (process.argv.includes('--rows') || csvMode);
const csvFiles = files('--csv');
const today = arg('--today') ?? '2026-11-20';

function benchCore(): void {
  const rows = Number(arg('--rows') ?? 100000);
  const seed = Number(arg('--seed') ?? 1);

  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let snapshot: Snapshot;
  if (csvFiles.length) {
    snapshot = { sheets: csvFiles.map((f) => ({ name: basename(f).replace(/\.csv$/i, ''), values: readCsvFile(readFileSync(f)) })) };
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
  const cpu1 = process.cpuUsage();
  (globalThis as { gc?: () => void }).gc?.();

  const stages: [string, number][] = [];
  let last = process.hrtime.bigint();
  let lastStage = 'start';
  const t2 = process.hrtime.bigint();
  const cpu2 = process.cpuUsage();
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
  const cpu3 = process.cpuUsage();
  // CPU seconds of the process (main thread and V8's helper threads): steadier than wall time on a loaded machine
  const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => Math.round((b.user - a.user + b.system - a.system) / 1000) / 1000;

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
      parseCpuSeconds: cpuSeconds(cpu0, cpu1),
      coreCpuSeconds: cpuSeconds(cpu2, cpu3),
      issues: report.issues.length,
      warnings: report.issues.filter((i) => i.severity === 'warning').length,
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

/**
 * The folder of a generated province's CSV files (generated once, cached in /tmp: generating
 * 1,000,000 rows takes a while).
 */
function provinceCsvDir(learners: number): string {
  const cache = join(tmpdir(), `bdhvs-bench-csv-${String(learners)}-${today}`);
  if (!existsSync(join(cache, 'done'))) {
    const t0 = process.hrtime.bigint();
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    writeProvinceCsv(cache, learners);
    writeFileSync(join(cache, 'done'), '');
    console.error(`generated ${String(learners)} rows as CSV files in ${cache} in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    // the generated province is garbage now: a child runs beside a process that holds nothing
    (globalThis as { gc?: () => void }).gc?.();
  }
  return cache;
}

/**
 * The learner CSV with ~40 % of its rows made to raise a warning: 9 data rows of every 20 (the odd
 * ones but the 19th) take the name, Ngày sinh and Giới tính of the last unchanged row of the same Đơn vị and the
 * first 6 digits of its CCCD (province, century and gender, birth year), keeping their own last
 * 6 digits (both 12-digit CCCDs): the same name and birth year with a different CCCD in one unit
 * (PERSON_POSSIBLE_DUPLICATE), a warning; the row still counts.
 */
function writeWarningsCsv(src: string, dst: string): void {
  const grid = readCsvFile(readFileSync(src));
  const t = findTable({ name: 'x', values: grid }, 0, LEARNERS_TABLE);
  const cols: Partial<Record<string, number>> = t ? t.columns : {};
  const { name, cccd, unit } = cols;
  if (!t || name === undefined || cccd === undefined || unit === undefined) throw new Error(`${src}: no learner table with a Đơn vị column`);
  const birth = cols.birth ?? -1;
  const gender = cols.gender ?? -1;
  const lastByUnit = new Map<string, number>();
  let changed = 0;
  for (let r = t.headerIndex + 1; r < grid.length; r++) {
    const row = grid[r];
    const b = String(row[cccd]);
    const u = String(row[unit]).trim();
    if (!/^\d{12}$/.test(b) || u === '' || String(row[name]).trim() === '') continue;
    const k = (r - t.headerIndex - 1) % 20;
    const from = lastByUnit.get(u);
    if (k % 2 === 0 || k === 19 || from === undefined) {
      lastByUnit.set(u, r);
      continue;
    }
    const prev = grid[from];
    const a = String(prev[cccd]);
    const id = a.slice(0, 6) + b.slice(6);
    if (id === a) continue;
    row[name] = prev[name];
    row[cccd] = id;
    if (birth >= 0) row[birth] = prev[birth];
    if (gender >= 0) row[gender] = prev[gender];
    changed++;
  }
  writeFileSync(dst, writeCsv(grid));
  console.error(`${dst}: ${String(changed)} of ${String(grid.length - t.headerIndex - 1)} rows share the name and birth year of an earlier row of their unit`);
}

/** The warnings variant of a learner CSV, cached in /tmp by the source's path, size and time. */
function warningsCsv(src: string): string {
  const st = statSync(src);
  const key = `${resolve(src)}|${String(st.size)}|${String(st.mtimeMs)}`;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  const dir = join(tmpdir(), `bdhvs-bench-warnings-${(h >>> 0).toString(16)}`);
  const dst = join(dir, basename(src));
  if (!existsSync(join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeWarningsCsv(src, dst);
    writeFileSync(join(dir, 'done'), '');
  }
  return dst;
}

interface CoreResult {
  parseCpuSeconds: number;
  coreCpuSeconds: number;
  rows: number;
  parseSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  issues: number;
  warnings: number;
}

/** Parse + core of CSV files in a child process (`--core-child`); its stage table goes to stderr. */
function runCoreChild(list: string[], profDir?: string): CoreResult {
  const prof = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const run = spawnSync(process.execPath, ['--expose-gc', ...prof, __filename, '--core-child', '--today', today, '--csv', ...list], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`the core child exited with ${String(run.status)}`);
  }
  process.stderr.write(run.stderr);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as CoreResult;
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;
const range = (xs: number[], d = 2): string => (xs.length ? `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}` : '–');

/** The CSV files of the generated province of `--rows N` (default 1,000,000), written once and cached in /tmp. */
function csvProvinceFiles(): string[] {
  const dir = provinceCsvDir(Number(arg('--rows') ?? 1_000_000));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
}

/** Issue 12 §7: parse + core against DuckDB on the same learner CSV, and the warnings case. */
async function benchCsv(): Promise<void> {
  const runs = Math.max(1, Number(arg('--runs') ?? 1));
  const list = csvFiles.length ? csvFiles.map((f) => resolve(f)) : csvProvinceFiles();
  const learnerArg = arg('--learners');
  const learnerFile = learnerArg ? resolve(learnerArg) : list.reduce((a, f) => (statSync(f).size > statSync(a).size ? f : a));
  const layout = learnerCsvLayout(learnerFile);
  const duck = await loadDuckDb();
  if (!duck) console.error('@duckdb/node-api is not installed: no DuckDB comparison');
  else if (!layout) console.error(`${learnerFile}: no learner table with a Đơn vị column: no DuckDB comparison`);
  const duckThreads = Number(arg('--duckdb-threads') ?? 0);
  let warnList: string[] | null = null;
  if (process.argv.includes('--warnings')) {
    const given = arg('--warnings');
    const w = given !== undefined && !given.startsWith('--') ? resolve(given) : warningsCsv(learnerFile);
    if (basename(w) !== basename(learnerFile)) {
      // the sheet is named after the file: keep the learner sheet's name
      const dir = mkdtempSync(join(tmpdir(), 'bdhvs-bench-w-'));
      copyFileSync(w, join(dir, basename(learnerFile)));
      warnList = list.map((f) => (f === learnerFile ? join(dir, basename(learnerFile)) : f));
    } else warnList = list.map((f) => (f === learnerFile ? w : f));
  }
  const inputMb = list.reduce((n, f) => n + statSync(f).size, 0) / 1048576;
  console.error(
    `${String(list.length)} CSV files (${inputMb.toFixed(0)} MB), learner CSV ${learnerFile} (${(statSync(learnerFile).size / 1048576).toFixed(0)} MB)`,
  );
  const profDir = arg('--cpu-prof');
  const all = {
    parseCore: [] as number[],
    parse: [] as number[],
    core: [] as number[],
    rss: [] as number[],
    duck: [] as number[],
    ratio: [] as number[],
    warnCore: [] as number[],
    warnRatio: [] as number[],
    warnRss: [] as number[],
  };
  const goal = { ratio: 3, peakRssMb: 1024, warningsRatio: 1.5 };
  for (let run = 1; run <= runs; run++) {
    const loadBefore = loadAverage();
    const core = runCoreChild(list, profDir);
    const parseCore = core.parseSeconds + core.seconds;
    all.parseCore.push(parseCore);
    all.parse.push(core.parseSeconds);
    all.core.push(core.seconds);
    all.rss.push(core.peakRssMb);
    const line: Record<string, unknown> = {
      run,
      load: loadBefore,
      rows: core.rows,
      parseSeconds: core.parseSeconds,
      coreSeconds: core.seconds,
      parseCoreSeconds: round(parseCore),
      parseCpuSeconds: core.parseCpuSeconds,
      coreCpuSeconds: core.coreCpuSeconds,
      peakRssMb: core.peakRssMb,
      warnings: core.warnings,
    };
    if (duck && layout) {
      const d = await duckDbHeart(duck, learnerFile, layout, duckThreads);
      all.duck.push(d.seconds);
      all.ratio.push(parseCore / d.seconds);
      Object.assign(line, {
        duckdb: { seconds: round(d.seconds), threads: d.threads, rows: d.rows, persons: d.persons, units: d.units },
        ratio: round(parseCore / d.seconds, 2),
      });
    }
    if (warnList) {
      const w = runCoreChild(warnList);
      all.warnCore.push(w.seconds);
      all.warnRatio.push(w.seconds / core.seconds);
      all.warnRss.push(w.peakRssMb);
      line.warningsCase = {
        parseSeconds: w.parseSeconds,
        coreSeconds: w.seconds,
        coreCpuSeconds: w.coreCpuSeconds,
        coreCpuRatio: round(w.coreCpuSeconds / core.coreCpuSeconds, 2),
        peakRssMb: w.peakRssMb,
        warnings: w.warnings,
        warningRowsShare: round((w.warnings - core.warnings) / Math.max(1, w.rows), 2),
        coreRatio: round(w.seconds / core.seconds, 2),
      };
    }
    line.loadAfter = loadAverage();
    console.log(JSON.stringify(line));
  }
  const met = {
    ratio: all.ratio.length ? all.ratio.every((r) => r <= goal.ratio) : null,
    peakRss: all.rss.every((r) => r <= goal.peakRssMb),
    warningsRatio: warnList ? all.warnRatio.every((r) => r <= goal.warningsRatio) : null,
  };
  console.log(
    JSON.stringify({
      runs,
      parseCoreSeconds: range(all.parseCore),
      parseSeconds: range(all.parse),
      coreSeconds: range(all.core),
      peakRssMb: range(all.rss, 0),
      duckdbSeconds: range(all.duck),
      ratio: range(all.ratio),
      warningsCoreSeconds: range(all.warnCore),
      warningsRatio: range(all.warnRatio),
      warningsPeakRssMb: range(all.warnRss, 0),
      goal,
      met,
    }),
  );
}

/** The command line end to end on a generated province written as CSV files (one per sheet). */
function benchCli(learners: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-bench-'));
  try {
    const t0 = process.hrtime.bigint();
    const cache = provinceCsvDir(learners);
    const files = readdirSync(cache).filter((f) => f.endsWith('.csv'));
    const inputMb = files.reduce((n, f) => n + statSync(join(cache, f)).size, 0) / 1048576;
    console.error(`${learners} rows as ${files.length} CSV files (${inputMb.toFixed(0)} MB) in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    const hook = join(dir, 'rss-hook.cjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('BENCH_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n");
    const cli = resolve(__dirname, '..', 'bin', 'bdhvs.js');
    const t1 = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      ['--require', hook, cli, 'tong-hop', ...files.map((f) => join(cache, f)), '--out', join(dir, 'out'), '--today', today],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
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
    console.log(
      JSON.stringify({
        cli: 'tong-hop',
        rows: learners,
        inputMb: Math.round(inputMb),
        seconds: Math.round(seconds * 10) / 10,
        peakRssMb,
        goal,
        met: seconds <= goal.seconds && peakRssMb <= goal.peakRssMb,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 12 §7: the floors of the port (scripts/floor.ts), against DuckDB on the same learner CSV. */
async function benchFloor(): Promise<void> {
  const given = files('--floor').map((f) => resolve(f));
  const list = given.length ? given : csvProvinceFiles();
  let scan = 0;
  let build = 0;
  let heart = 0;
  let learnerFile: string | null = null;
  let layout = null;
  for (const file of list) {
    const l = learnerCsvLayout(file);
    if (l && (!learnerFile || statSync(file).size > statSync(learnerFile).size)) {
      learnerFile = file;
      layout = l;
    }
  }
  for (const file of list) {
    const r = measureFloor(file, file === learnerFile ? layout : null);
    console.log(JSON.stringify({ ...r, file: basename(file) }));
    scan += r.scanCpuSeconds;
    build += r.buildCpuSeconds;
    heart += r.heartCpuSeconds;
  }
  const duck = await loadDuckDb();
  const d = duck && learnerFile && layout ? await duckDbHeart(duck, learnerFile, layout) : null;
  const floor = round(build + heart);
  console.log(
    JSON.stringify({
      files: list.length,
      scanCpuSeconds: round(scan),
      buildCpuSeconds: round(build),
      heartCpuSeconds: round(heart),
      // what stays on the main thread however the scan is done: the grid and the heart
      floorCpuSeconds: floor,
      duckdbSeconds: d ? round(d.seconds) : null,
      floorRatio: d ? round(floor / d.seconds, 2) : null,
      withScanRatio: d ? round((scan + floor) / d.seconds, 2) : null,
      load: loadAverage(),
    }),
  );
}

async function main(): Promise<void> {
  if (coreChild) {
    benchCore();
    return;
  }
  if (csvMode) {
    await benchCsv();
    return;
  }
  if (floorMode) {
    await benchFloor();
    return;
  }
  if (!cliOnly) benchCore();
  if (!coreOnly) {
    (globalThis as { gc?: () => void }).gc?.();
    benchCli(Number(arg('--cli-rows') ?? 1_000_000));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
