/**
 * `bdhvs`: the command line, a thin Node adapter over the core. Commands: mau, demo, tong-hop,
 * danh-sach, chot, bao-cao.
 * Expected failures are one Vietnamese line on stderr and exit code 2; data problems inside a
 * good workbook are the report's issues (exit 0).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  accountList,
  AccountListError,
  consolidate,
  messages,
  renderIssues,
  capIssueRows,
  renderSummary,
  reportJson,
  tableInfosOf,
  templateSheets,
  textColumnsBySheet,
  type Report,
  parseYmd,
  vnDateParts,
  ymd,
  formatDateVi,
  formatPeriodVi,
  vnMidnight,
  INDICATORS,
  INDICATOR_NAMES,
  appendHistory,
  closeAsOf,
  closeRows,
  findTable,
  historyTime,
  nextVersion,
  readHistory,
  reopenRows,
  sheetKindByName,
  HistoryError,
  HISTORY_TABLE,
  SHEET,
  type Cell,
  officialDocument,
  dashboardPageWithData,
  dashboardView,
  CLI_WRITTEN,
} from '../core';
import { DEMO_TODAY, generateProvince } from '../demo';
import { readIfExists, readInputs } from './inputs';
import { gridToSheet, templateToSheet } from './sheets';
import { composeEml, emlFileNames } from './eml';
import { stageOutputs, writeFileAtomic } from './outdir';
import { writeJsonFile } from './jsonstream';
import { CliError, writeError } from './errors';
import { LIST_SHEET_NAME, writeXlsx, writeXlsxParts, type SheetSpec } from './xlsx/write';
import { XlsxError } from './xlsx/errors';
import { createProgress } from './progress';
import { applySendLog, readSendLog } from './sendlog';
import { officialDocx } from './official-docx';
import DASHBOARD_PAGE from 'bdhvs:dashboard-page';

const T = messages.CLI;

function out(s: string) {
  process.stdout.write(s + '\n');
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(args: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    throw new CliError(T.badOption((e as Error).message.replace(/\. To specify.*$/s, '')));
  }
}

function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(T.badNumber(name, v));
  return n;
}

function todayOption(v: string | undefined): string {
  if (v === undefined) return ymd(vnDateParts(new Date()));
  if (!parseYmd(v)) throw new CliError(T.badToday(v));
  return v;
}

function writeFile(path: string, data: string | Uint8Array) {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw writeError(path, e);
  }
}

function makeDir(dir: string) {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(dir, e);
  }
}

// ---------------------------------------------------------------------------------------------

async function cmdMau(args: string[]) {
  const { values, positionals } = parse(args, { nam: { type: 'string' } });
  if (values.help) return out(T.mauHelp);
  const file = positionals[0];
  if (!file) throw new CliError(T.missingFile);
  const year = positiveInt('--nam', values.nam as string | undefined, vnDateParts(new Date()).y);
  const sheets = templateSheets(year).map(templateToSheet);
  writeFile(file, writeXlsx({ sheets }));
  out(T.templateWritten(file));
}

async function cmdDemo(args: string[]) {
  const { values } = parse(args, {
    out: { type: 'string' },
    units: { type: 'string' },
    learners: { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
  });
  if (values.help) return out(T.demoHelp);
  const dir = (values.out as string | undefined) ?? 'demo-output';
  const units = positiveInt('--units', values.units as string | undefined, 250);
  const learners = positiveInt('--learners', values.learners as string | undefined, 20000);
  const seed = positiveInt('--seed', values.seed as string | undefined, 1);
  const today = values.today === undefined ? DEMO_TODAY : todayOption(values.today as string);
  out(T.generating(units, learners));
  const { snapshot } = generateProvince({ units, learners, seed, today });
  makeDir(dir);
  const input = join(dir, 'tinh-mau.xlsx');
  const text = textColumnsBySheet(tableInfosOf(snapshot));
  writeFile(input, writeXlsx({ sheets: snapshot.sheets.map((s) => ({ name: s.name, rows: s.values, textColumns: text.get(s.name) ?? [] })) }));
  out(T.demoWritten(input));
  await tongHop([input], dir, today, undefined);
}

async function cmdTongHop(args: string[]) {
  const { values, positionals } = parse(args, { out: { type: 'string' }, today: { type: 'string' }, 'send-log': { type: 'string' } });
  if (values.help) return out(T.tongHopHelp);
  if (!values.out) throw new CliError(T.missingOut);
  if (positionals.length === 0) throw new CliError(T.missingInput);
  await tongHop(positionals, values.out as string, todayOption(values.today as string | undefined), values['send-log'] as string | undefined);
}

/** Rows of `Lỗi dữ liệu` in tong-hop.xlsx at most (Excel's sheet holds 1,048,576; the JSON has all). */
const MAX_ISSUE_ROWS = 500_000;

async function tongHop(paths: string[], dir: string, today: string, sendLog: string | undefined) {
  const progress = createProgress(process.stderr);
  progress.update(0, T.reading);
  const inputs = readInputs(paths);
  const report = consolidate(inputs.snapshot, { today, inputNotes: inputs.notes, onProgress: (f) => progress.update(0.1 + f * 0.6, T.checking) });
  if (!report.tables.some((t) => t.kind === 'units' || t.kind === 'learners' || t.kind === 'reports')) {
    progress.done();
    throw new CliError(T.noTable);
  }
  // the send log is read (and refused if it is not one) before anything is written
  const logRows = sendLog ? readSendLog(sendLog, readIfExists(sendLog)) : null;
  progress.update(0.7, T.writing);
  // Every output is built in a temporary folder beside --out and moved in only when all are
  // written (src/cli/outdir.ts); the send log is written last, after the messages it records.
  const stage = stageOutputs(dir);
  const written: string[] = [];
  const mailDir = join(dir, 'thu-nhac');
  let plans = report.reminders;
  let skipped = 0;
  let logCsv: string | null = null;
  let leftover: string | null = null;
  try {
    // streamed: a report with millions of issues is longer than a JavaScript string may be
    stage.writeWith('tong-hop.json', (p) => writeJsonFile(p, reportJson(report)));
    written.push(join(dir, 'tong-hop.json'));

    // the dashboard with the report's view inlined, to open offline (src/page/, src/core/dashboard.ts)
    stage.write('tong-hop.html', dashboardPageWithData(DASHBOARD_PAGE, dashboardView(report)));
    written.push(join(dir, 'tong-hop.html'));

    const issueGrid = capIssueRows(renderIssues(report), MAX_ISSUE_ROWS, (left) => T.issuesTruncated(left, MAX_ISSUE_ROWS));
    const outputs: SheetSpec[] = [gridToSheet(renderSummary(report)), gridToSheet(issueGrid)];
    // The first input, when it is an .xlsx, is copied as it is (every part, format and width); the
    // other files' sheets are written after it from their values, then ours.
    // The tables' text columns (CCCD, Mã đơn vị…: the schema's text flag) are written as text.
    const base = inputs.files[0].kind === 'xlsx' ? inputs.files[0] : null;
    const text = textColumnsBySheet(report.tables);
    const others = inputs.snapshot.sheets
      .filter((s) => !base || !base.sheets.includes(s.name))
      // the template's hidden dropdown-list sheet (`bdhvs mau`) of a later input is ours, not data:
      // the writer makes its own when it needs one (its name is reserved)
      .filter((s) => s.name.toLowerCase() !== LIST_SHEET_NAME.toLowerCase())
      .map((s): SheetSpec => ({ name: s.name, rows: s.values, textColumns: text.get(s.name) ?? [] }));
    let xlsx: Uint8Array[];
    try {
      // deflate level 1: on a 1,000,000-row province ~1.4 s faster than 3 for a file ~6 % larger
      // its pieces, written one after another (not copied into one buffer first)
      xlsx = writeXlsxParts({ base: base ? base.bytes : undefined, sheets: [...others, ...outputs], level: 1 });
    } catch (e) {
      // a sheet Excel cannot hold (a forbidden name, more than 1,048,576 rows or 16,384 columns) is the input's problem
      if (e instanceof XlsxError && (e.code === 'BAD_SHEET_NAME' || e.code === 'TOO_LARGE'))
        throw new CliError(T.cannotBuildXlsx(e.detail, e.code === 'BAD_SHEET_NAME' ? 'name' : 'size'));
      throw e;
    }
    stage.write('tong-hop.xlsx', xlsx);
    written.push(join(dir, 'tong-hop.xlsx'));
    progress.update(0.9, T.writing);

    if (sendLog) {
      const applied = applySendLog(report, logRows);
      plans = applied.toWrite;
      skipped = applied.skipped;
      logCsv = applied.csv;
    }
    if (plans.length) {
      stage.mkdir('thu-nhac');
      const date = new Date(Math.max(Date.now(), vnMidnight(parseYmd(today)!).getTime()));
      const names = emlFileNames(report.reminders);
      for (const plan of plans) stage.write(`thu-nhac/${names.get(plan.unit)!}`, await composeEml(plan, { settings: report.settings, date: date }));
      written.push(CLI_WRITTEN.mailDir(mailDir, plans.length));
    }
    stage.commit(['tong-hop.json', 'tong-hop.html', 'tong-hop.xlsx', 'thu-nhac']);
  } finally {
    leftover = stage.dispose();
  }
  // the durable record follows the effect: the messages are in place, now log them
  if (sendLog && logCsv !== null) {
    try {
      writeFileAtomic(sendLog, logCsv);
    } catch (e) {
      throw new CliError(T.sendLogNotWritten(sendLog, plans.length, (e instanceof CliError && e.reason) || String(e)));
    }
  }
  if (leftover) process.stderr.write(`${T.tempFolderLeft(leftover)}\n`);
  progress.done();
  printSummary(report, plans.length, skipped);
  out('');
  out(T.written);
  for (const w of written) out(`  ${w}`);
}

async function cmdDanhSach(args: string[]) {
  const { values, positionals } = parse(args, { out: { type: 'string' }, 'don-vi': { type: 'string' }, today: { type: 'string' } });
  if (values.help) return out(T.danhSachHelp);
  const file = values.out as string | undefined;
  if (!file) throw new CliError(T.missingOutFile);
  if (extname(file).toLowerCase() !== '.xlsx') throw new CliError(T.outNotXlsx(file));
  if (positionals.length === 0) throw new CliError(T.missingInput);
  if (positionals.some((p) => resolve(p) === resolve(file))) throw new CliError(T.outIsInput(file));
  const unit = values['don-vi'] as string | undefined;
  if (unit !== undefined && unit.trim() === '') throw new CliError(T.emptyUnit);
  const today = todayOption(values.today as string | undefined);
  const progress = createProgress(process.stderr);
  progress.update(0, T.reading);
  try {
    const inputs = readInputs(positionals);
    const report = consolidate(inputs.snapshot, { today, inputNotes: inputs.notes, onProgress: (f) => progress.update(0.1 + f * 0.8, T.checking) });
    if (!report.tables.some((t) => t.kind === 'learners')) throw new CliError(T.noLearnerTable);
    let grid;
    try {
      grid = accountList(inputs.snapshot, report, { unit });
    } catch (e) {
      if (e instanceof AccountListError) throw new CliError(T.unknownUnit(e.value, e.suggestion, e.candidates));
      throw e;
    }
    progress.update(0.9, T.writing);
    // The list holds full CCCDs (it is a learner list): its text columns are written as text ('@').
    writeFile(file, writeXlsx({ sheets: [gridToSheet(grid)] }));
    progress.done();
    out(T.accountListWritten(file, grid.counts.exported, grid.unit ? grid.unit.name : null));
    out(T.accountListLeftOut(grid.counts.invalid, grid.counts.duplicates));
  } catch (e) {
    progress.done();
    throw e;
  }
}

/**
 * `bdhvs bao-cao`: the official report to the province (src/core/official.ts) as a .docx. The
 * inputs are read and consolidated as by tong-hop; the file is written beside the target under a
 * temporary name and renamed (writeFileAtomic), so a failed run leaves no half-written report.
 */
async function cmdBaoCao(args: string[]) {
  const { values, positionals } = parse(args, { out: { type: 'string' }, today: { type: 'string' } });
  if (values.help) {
    out(T.baoCaoHelp);
    return;
  }
  const file = values.out as string | undefined;
  if (!file) throw new CliError(T.missingOutDocx);
  if (extname(file).toLowerCase() !== '.docx') throw new CliError(T.outNotDocx(file));
  if (positionals.length === 0) throw new CliError(T.missingInput);
  if (positionals.some((p) => resolve(p) === resolve(file))) throw new CliError(T.outIsInput(file));
  const today = todayOption(values.today as string | undefined);
  const progress = createProgress(process.stderr);
  progress.update(0, T.reading);
  try {
    const inputs = readInputs(positionals);
    const report = consolidate(inputs.snapshot, {
      today,
      inputNotes: inputs.notes,
      onProgress: (f) => {
        progress.update(0.1 + f * 0.8, T.checking);
      },
    });
    if (!report.tables.some((t) => t.kind === 'units' || t.kind === 'learners' || t.kind === 'reports')) throw new CliError(T.noTable);
    progress.update(0.9, T.writing);
    writeFileAtomic(file, await officialDocx(officialDocument(report)));
    progress.done();
    out(T.officialWritten(file, formatPeriodVi(report.period)));
  } catch (e) {
    progress.done();
    throw e;
  }
}

/** `--ky`: MM/YYYY (or M/YYYY) → a month period. */
function periodOption(v: string | undefined): string {
  if (v === undefined) throw new CliError(T.missingPeriod);
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/.exec(v);
  const month = m ? Number(m[1]) : 0;
  if (!m || month < 1 || month > 12) throw new CliError(T.badPeriod(v));
  return `${m[2]}-${String(month).padStart(2, '0')}`;
}

/** Who closes: --nguoi-chot, else the computer's user name. */
function closerName(v: string | undefined): string {
  if (v !== undefined && v.trim() !== '') return v.trim();
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/**
 * `bdhvs chot`: close a period (or reopen it, --mo-lai) into `Lịch sử tổng hợp` of a copy of the
 * first input (docs/month-close.md). The copy is written atomically; the inputs are never changed.
 */
function cmdChot(args: string[]): void {
  const { values, positionals } = parse(args, {
    ky: { type: 'string' },
    out: { type: 'string' },
    today: { type: 'string' },
    'nguoi-chot': { type: 'string' },
    'mo-lai': { type: 'boolean' },
    'ly-do': { type: 'string' },
  });
  if (values.help) {
    out(T.chotHelp);
    return;
  }
  const period = periodOption(values.ky as string | undefined);
  const file = values.out as string | undefined;
  if (!file) throw new CliError(T.missingOutFile);
  if (extname(file).toLowerCase() !== '.xlsx') throw new CliError(T.outNotXlsx(file));
  if (positionals.length === 0) throw new CliError(T.missingInput);
  if (positionals.some((p) => resolve(p) === resolve(file))) throw new CliError(T.outIsInput(file));
  const reopen = values['mo-lai'] === true;
  const reason = values['ly-do'] as string | undefined;
  if (!reopen && reason !== undefined) throw new CliError(T.reasonOnlyWithReopen);
  if (reopen && (reason === undefined || reason.trim() === '')) throw new CliError(messages.HISTORY.reasonRequired);
  const periodVi = formatPeriodVi(period);
  // the consolidation date: today, or the period's last day when today is after the period
  const today = todayOption(values.today as string | undefined);
  const asOf = closeAsOf(period, today);
  if (asOf === null) throw new CliError(T.periodNotStarted(periodVi, formatDateVi(parseYmd(today)!)));
  const by = closerName(values['nguoi-chot'] as string | undefined);
  const at = historyTime(new Date());

  const progress = createProgress(process.stderr);
  progress.update(0, T.reading);
  try {
    const inputs = readInputs(positionals);
    const report = consolidate(inputs.snapshot, { today: asOf, inputNotes: inputs.notes, onProgress: (f) => progress.update(0.1 + f * 0.8, T.checking) });
    if (!report.tables.some((t) => t.kind === 'units' || t.kind === 'learners' || t.kind === 'reports')) throw new CliError(T.noTable);
    if (report.period !== period) throw new CliError(T.periodNotInCycle(periodVi, formatPeriodVi(report.period)));
    const index = inputs.snapshot.sheets.findIndex((s) => sheetKindByName(s.name) === 'history');
    const sheet = index >= 0 ? inputs.snapshot.sheets[index] : null;
    const table = sheet ? findTable(sheet, index, HISTORY_TABLE) : null;
    if (sheet && !table) throw new CliError(T.historyUnreadable(sheet.name));
    const history = table ? readHistory(table) : null;
    const state = history?.periods.get(period) ?? null;
    let rows: Cell[][];
    let version: number;
    try {
      if (reopen) {
        if (!state || state.state !== 'closed') throw new CliError(T.notClosed(periodVi));
        version = state.latest.version;
        rows = reopenRows(period, version, { by, at, reason: reason ?? '' });
      } else {
        if (state && state.state === 'closed') throw new CliError(T.alreadyClosed(periodVi, state.latest.version));
        version = nextVersion(history, period);
        rows = closeRows(report, { by, at, version });
      }
    } catch (e) {
      if (e instanceof HistoryError) throw new CliError(e.message);
      throw e;
    }
    progress.update(0.9, T.writing);
    const grid = appendHistory(sheet ? sheet.values : null, rows);
    const columns = table ? table.columns : Object.fromEntries(HISTORY_TABLE.columns.map((c, i) => [c.field, i]));
    const textColumns = HISTORY_TABLE.columns.filter((c) => c.text && columns[c.field] !== undefined).map((c) => columns[c.field]);
    const historySpec: SheetSpec = sheet
      ? { name: sheet.name, rows: grid, textColumns }
      : {
          name: SHEET.history,
          rows: grid,
          textColumns,
          frozenRows: 1,
          columnWidths: HISTORY_TABLE.columns.map((c) => Math.round((c.width ?? 100) / 7)),
          styles: (r) => (r === 0 ? { bold: true, fill: 'CFE2F3', wrap: true, border: true } : undefined),
        };
    // a copy of the first input (every part kept when it is an .xlsx), the other inputs' sheets after it
    const base = inputs.files[0].kind === 'xlsx' ? inputs.files[0] : null;
    const text = textColumnsBySheet(report.tables);
    const others = inputs.snapshot.sheets
      .filter((s) => (!base || !base.sheets.includes(s.name)) && s !== sheet)
      .filter((s) => s.name.toLowerCase() !== LIST_SHEET_NAME.toLowerCase())
      .map((s): SheetSpec => ({ name: s.name, rows: s.values, textColumns: text.get(s.name) ?? [] }));
    let xlsx: Uint8Array;
    try {
      xlsx = writeXlsx({ base: base ? base.bytes : undefined, sheets: [...others, historySpec] });
    } catch (e) {
      if (e instanceof XlsxError && (e.code === 'BAD_SHEET_NAME' || e.code === 'TOO_LARGE'))
        throw new CliError(T.cannotBuildXlsx(e.detail, e.code === 'BAD_SHEET_NAME' ? 'name' : 'size'));
      throw e;
    }
    writeFileAtomic(file, xlsx);
    progress.done();
    out(reopen ? T.reopenedWritten(file, periodVi, version) : T.closedWritten(file, periodVi, version, rows.length));
  } catch (e) {
    progress.done();
    throw e;
  }
}

function printSummary(report: Report, reminders: number, skipped: number) {
  const p = report.province;
  const period = formatPeriodVi(report.period);
  const fmt = messages.formatNumberVi;
  const rows: [string, string][] = [
    [T.summaryRows.units, fmt(report.units.length)],
    [T.summaryRows.submitted, `${fmt(p.completeness.submitted)}/${fmt(p.completeness.expected)}`],
    [T.summaryRows.rows, fmt(p.learners.rows)],
    [T.summaryRows.valid, fmt(p.learners.valid)],
    [T.summaryRows.invalid, fmt(p.learners.invalid)],
    [T.summaryRows.duplicates, fmt(p.learners.duplicates)],
    [T.summaryRows.errors, fmt(report.totals.error)],
    [T.summaryRows.warnings, fmt(report.totals.warning)],
    [T.summaryRows.laggards, fmt(p.laggards)],
    [T.summaryRows.reminders, fmt(reminders)],
  ];
  out('');
  out(T.summaryTitle(period, formatDateVi(parseYmd(report.today)!)));
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) out(`  ${k.padEnd(w)}  ${v.padStart(10)}`);
  out('');
  out(T.indicatorsTitle);
  for (const code of INDICATORS) {
    const v = p.indicators[code];
    if (!v) continue;
    out(
      '  ' +
        T.indicatorLine(
          INDICATOR_NAMES[code],
          messages.formatPercentVi(v.percent),
          messages.formatPercentVi(v.target, 0),
          messages.INDICATOR_STATUS_LABEL[v.status],
        ),
    );
    out(
      '    ' +
        T.evidenceLine(
          v.reported === null ? null : fmt(v.reported),
          v.evidenced === null ? null : fmt(v.evidenced),
          messages.formatPercentVi(v.evidencedPercent ?? null),
        ),
    );
  }
  if (reminders === 0) {
    const next = report.reminder.nextDate;
    if (next && !report.reminders.length) out('\n' + T.notReminderDay(formatDateVi(parseYmd(next)!)));
  }
  if (skipped) out(T.remindersSkipped(skipped));
  if (report.history?.length) {
    out('');
    if (report.closed) out(T.closedNote(period, report.closed.version));
    out(T.historyTitle);
    for (const h of report.history) out('  ' + T.historyLine(formatPeriodVi(h.period), h.version, h.state, h.closedBy, h.closedAt, h.reason));
  }
}

/** A reader that stops early (`bdhvs … | head`) is not an error: stop quietly, as other tools do. */
const quieted = new WeakSet<NodeJS.WriteStream>();

/** A closed pipe (`bdhvs … | head`) ends the program quietly; once per stream, however often main runs. */
function quietOnClosedPipe(stream: NodeJS.WriteStream) {
  if (quieted.has(stream)) return;
  quieted.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(T.usage);
        return 0;
      case 'mau':
        await cmdMau(rest);
        return 0;
      case 'demo':
        await cmdDemo(rest);
        return 0;
      case 'tong-hop':
      case 'tonghop':
        await cmdTongHop(rest);
        return 0;
      case 'danh-sach':
      case 'danhsach':
        await cmdDanhSach(rest);
        return 0;
      case 'chot':
        cmdChot(rest);
        return 0;
      case 'bao-cao':
      case 'baocao':
        await cmdBaoCao(rest);
        return 0;
      default:
        throw new CliError(T.unknownCommand(command));
    }
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(T.error(e.message) + '\n');
      return e.exitCode;
    }
    process.stderr.write(T.error((e as Error).message ?? String(e)) + '\n');
    if (process.env.BDHVS_DEBUG) process.stderr.write(String((e as Error).stack) + '\n');
    return 1;
  }
}
