/**
 * "Kiểm tra dữ liệu" and "Tổng hợp": read the workbook in batch, run the core, write the outputs
 * in batch, under the document lock, never leaving a half-written output.
 *
 * A run is a plan of write steps computed from the report: the status column of each learner
 * sheet, then (Tổng hợp only) the `Tổng hợp` grid into a temporary sheet, then the `Lỗi dữ liệu`
 * grid into a temporary sheet, then the swap, then (Tổng hợp) the chart on the new `Tổng hợp`
 * (chart.ts). Each step writes in chunks. When the execution's time budget is used, the run saves
 * a checkpoint (document property: step, row, today, a fingerprint of the workbook's shape) and
 * creates a one-off time trigger for `continueRun`. The continuation reads the workbook again,
 * recomputes the same report (the core is deterministic and `today` is pinned), and resumes
 * writing at the checkpoint. The swap happens at the very end (only the chart follows it); on any
 * error before it the temporary sheets are removed and the previous outputs stay as they were.
 */
import {
  capIssueRows,
  consolidate,
  renderIssues,
  renderStatusColumn,
  renderSummary,
  type Cell,
  type OutputGrid,
  type Report,
  type Snapshot,
  type TableInfo,
  GAS,
  SHEET,
} from '../core';
import { rebuildChart } from './chart';
import { buildCccdIndex, cacheRegistry, newIndexIds, storeCccdIndex } from './cache';
import { currentDocument, documentProperties, documentStore, forgetTriggerDocument, rememberTriggerDocument } from './context';
import { relockLateRows } from './closelock';
import { chunkRows, limits, nowMs, startStopwatch, todayYmd, type Stopwatch } from './env';
import { AccessDenied, assertCanWrite, blockingBySheet, type WriteTarget } from './access';
import { CONTINUE_HANDLER, isTempSheetName, PROP, retiredSheetName, tempSheetName } from './names';
import { fingerprint, inputSheets, listSheets, ReadTimeout, readWorkbook, type SheetMeta } from './read';
import { addStatusHeader, ensureStatusRules, statusColumnOf, statusRulesCurrent } from './status';
import { sheetClock } from './tz';
import { createReporter, type Reporter } from './ui';
import { createTempSheet, gridChunkRows, literalRows, prepareGridSheet, removeTempSheets, swapIn, writeGridRows } from './write';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;

export type RunKind = 'validation' | 'consolidation';

export interface RunOptions {
  kind: RunKind;
  /** Started by a person from the menu (toasts and alerts), not by a trigger. */
  interactive: boolean;
  /** This execution is the continuation trigger. */
  continuation?: boolean;
  /** Sheets the caller writes after the run (the mail log): checked with the run's own before anything is written. */
  extraSheets?: string[];
}

export type RunStatus = 'done' | 'continued' | 'busy' | 'failed' | 'idle';

export interface RunResult {
  status: RunStatus;
  message: string;
  /** The report computed by this execution (also when the run continues later). */
  report?: Report;
  /** Refused before writing (a protection this account cannot edit): already recorded as the last run. */
  refused?: boolean;
}

export interface Checkpoint {
  v: 1;
  kind: RunKind;
  /** Pinned for the whole run, so every execution computes the same report. */
  today: string;
  fingerprint: string;
  step: number;
  /** Rows already written within the step. */
  row: number;
  executions: number;
  startedAt: number;
  savedAt: number;
  interactive: boolean;
  /** A continuation trigger was created (else the next menu run resumes the checkpoint). */
  trigger: boolean;
}

/** How long a run waits for the document lock before saying another run is in progress. */
export const LOCK_WAIT_MS = 3000;

/**
 * A short write (a row move, a close) under the document lock that consolidation and the hourly
 * run take: a run writing by row position never sees rows move under it. Taken after any question
 * (nobody waits on a person reading it); null when another run holds it.
 */
export function underLock<T>(fn: () => T): T | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return null;
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

type Step =
  | { type: 'status'; table: TableInfo; meta: SheetMeta; values: Cell[][]; column: number; addHeader: boolean }
  | { type: 'grid'; output: string; grid: OutputGrid }
  | { type: 'swap'; outputs: string[] }
  | { type: 'chart'; grid: OutputGrid };

export function outputsOf(kind: RunKind): string[] {
  return kind === 'consolidation' ? [SHEET.summary, SHEET.issues] : [SHEET.issues];
}

/** A failure the user should read as is (not a bug). */
class RunStop extends Error {}

/** Every sheet a run may write, rename or delete as a whole: the outputs and their temporary sheets, and the caller's. */
function writtenSheets(extra: string[] = []): string[] {
  const outputs = [SHEET.summary, SHEET.issues];
  return [...outputs, ...outputs.map(tempSheetName), ...outputs.map(retiredSheetName), ...extra];
}

/** The status-column cells of a plan (from the header when we add it), and whether the sheet itself changes. */
function statusTargets(steps: Step[]): WriteTarget[] {
  const out: WriteTarget[] = [];
  for (const s of steps) {
    if (s.type !== 'status') continue;
    const first = s.addHeader ? s.table.headerRow : s.table.headerRow + 1;
    const grows = s.column >= s.meta.maxColumns;
    out.push({
      sheet: s.meta.sheet,
      name: s.meta.name,
      area: {
        row: Math.max(1, first),
        column: s.column + 1,
        rows: Math.max(1, s.meta.maxRows - first + 1),
        columns: 1,
        sheetLevel: () => grows || !statusRulesCurrent(s.meta.sheet, s.table.headerRow, s.column, s.meta.maxRows),
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checkpoint and continuation trigger

export function loadCheckpoint(props: Properties): Checkpoint | null {
  const json = props.getProperty(PROP.checkpoint);
  if (!json) return null;
  try {
    const cp = JSON.parse(json) as Checkpoint;
    return cp && cp.v === 1 ? cp : null;
  } catch (_e) {
    return null;
  }
}

function saveCheckpoint(props: Properties, cp: Checkpoint): void {
  props.setProperty(PROP.checkpoint, JSON.stringify(cp));
}

function deleteContinuationTriggers(): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() !== CONTINUE_HANDLER) continue;
    forgetTriggerDocument(t.getUniqueId());
    ScriptApp.deleteTrigger(t);
  }
}

/**
 * Create the one-off continuation trigger. False when it cannot be created: an add-on may hold one
 * time-based trigger per user and document, and the daily reminder trigger may be using it. The
 * checkpoint then waits for the next "Tổng hợp" from the menu, which resumes it.
 */
function scheduleContinuation(ss: Spreadsheet): boolean {
  try {
    deleteContinuationTriggers();
    const trigger = ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(limits.continueAfterMs).create();
    // an add-on's trigger may run without a containing document: it opens this spreadsheet by id
    rememberTriggerDocument(trigger.getUniqueId(), ss.getId());
    return true;
  } catch (_e) {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The plan

function planSteps(kind: RunKind, report: Report, snapshot: Snapshot, metas: SheetMeta[]): Step[] {
  const steps: Step[] = [];
  const byName = new Map(metas.map((m) => [m.name, m]));
  const values = new Map(snapshot.sheets.map((s) => [s.name, s.values]));
  for (const table of report.tables) {
    if (table.kind !== 'learners') continue;
    const meta = byName.get(table.sheet);
    const v = values.get(table.sheet);
    if (!meta || !v) continue;
    steps.push({ type: 'status', table, meta, values: v, column: statusColumnOf(table, meta.lastColumn), addHeader: table.statusColumn === null });
  }
  const summary = kind === 'consolidation' ? renderSummary(report) : null;
  if (summary) steps.push({ type: 'grid', output: SHEET.summary, grid: summary });
  // Cells at the peak of the run: the workbook's other sheets (without our temporary ones), the
  // status columns to add, the old outputs (kept until the swap) and the new ones. The new outputs
  // take at most half of the room the other sheets leave, so that the next run, which keeps these
  // as its old outputs until its own swap, has room for its copy too.
  const outputs = new Set(outputsOf(kind));
  let others = 0;
  let old = 0;
  for (const m of metas) {
    if (isTempSheetName(m.name)) continue;
    if (outputs.has(m.name)) old += m.maxRows * m.maxColumns;
    else others += m.maxRows * m.maxColumns;
  }
  for (const s of steps) if (s.type === 'status' && s.column >= s.meta.maxColumns) others += s.meta.maxRows * (s.column + 1 - s.meta.maxColumns);
  const room = limits.maxCells - others;
  let available = Math.min(Math.floor(room / 2), room - old);
  if (summary) available -= Math.max(1, summary.rows.length) * summary.width;
  available -= NEW_SHEET_CELLS;
  const issues = fitIssues(renderIssues(report), available);
  steps.push({ type: 'grid', output: SHEET.issues, grid: issues });
  steps.push({ type: 'swap', outputs: outputsOf(kind) });
  // the chart of `Tổng hợp`, on the sheet swapped in (src/gas/chart.ts)
  if (summary) steps.push({ type: 'chart', grid: summary });
  return steps;
}

/** A new sheet starts at 1000 × 26 cells before it is trimmed to its content. */
const NEW_SHEET_CELLS = 1000 * 26;

/**
 * The `Lỗi dữ liệu` grid within `available` cells: when the issues do not fit the spreadsheet's
 * 10-million-cell limit, the first ones are kept and a last row says how many are not listed (the
 * status column still shows every row's problems).
 */
export function fitIssues(grid: OutputGrid, available: number): OutputGrid {
  return capIssueRows(grid, Math.floor(available / grid.width), GAS.issuesTruncated);
}

/** The statuses of a learner table, one per data row (computed once per step and execution). */
const statusMemo = new WeakMap<Step, Cell[][]>();
function statusesOf(step: Extract<Step, { type: 'status' }>, report: Report): Cell[][] {
  let s = statusMemo.get(step);
  if (!s) {
    s = renderStatusColumn(step.values, { ...step.table, statusColumn: step.column }, report.issues);
    statusMemo.set(step, s);
  }
  return s;
}

function stepRows(step: Step, report: Report): number {
  if (step.type === 'status') return statusesOf(step, report).length;
  if (step.type === 'grid') return step.grid.rows.length;
  return 1;
}

/**
 * Do one unit of work of a step from `row`; returns the new row count done in the step.
 * Every unit is one batch: a chunk of rows, or the swap.
 */
function doUnit(ss: Spreadsheet, step: Step, row: number, report: Report, reporter: Reporter): number {
  if (step.type === 'status') {
    const sheet = step.meta.sheet;
    const headerRow = step.table.headerRow;
    if (row === 0) {
      reporter.progress(GAS.progress.writingStatus(step.table.sheet));
      if (step.addHeader) addStatusHeader(sheet, headerRow, step.column);
      ensureStatusRules(sheet, headerRow, step.column, sheet.getMaxRows());
    }
    const statuses = statusesOf(step, report);
    if (statuses.length === 0) return 1;
    const n = Math.min(chunkRows(1), statuses.length - row);
    sheet.getRange(headerRow + 1 + row, step.column + 1, n, 1).setValues(literalRows(statuses.slice(row, row + n)));
    return row + n;
  }
  if (step.type === 'grid') {
    let sheet = row > 0 ? ss.getSheetByName(tempSheetName(step.output)) : null;
    if (!sheet) {
      row = 0;
      reporter.progress(GAS.progress.writingOutput(step.output), true);
      sheet = createTempSheet(ss, step.output, report.settings.staffEmails);
      prepareGridSheet(sheet, step.grid);
    }
    const n = Math.min(gridChunkRows(step.grid), step.grid.rows.length - row);
    writeGridRows(sheet, step.grid, row, row + n);
    return row + n;
  }
  if (step.type === 'chart') {
    const sheet = ss.getSheetByName(SHEET.summary);
    if (sheet) rebuildChart(sheet, step.grid.chart);
    return 1;
  }
  for (const output of step.outputs) swapIn(ss, output);
  return 1;
}

// ---------------------------------------------------------------------------------------------
// The run

function readAndConsolidate(ss: Spreadsheet, metas: SheetMeta[], today: string, watch: Stopwatch, reporter: Reporter): { snapshot: Snapshot; report: Report } {
  // Date cells in the core's convention; a zone other than Vietnam's is also a warning (tz.ts)
  const clock = sheetClock(ss);
  const snapshot = readWorkbook(metas, watch, (name, i, n) => reporter.progress(GAS.progress.reading(name, i, n)), clock);
  const rows = snapshot.sheets.reduce((a, s) => a + s.values.length, 0);
  reporter.progress(GAS.progress.checking(rows), true);
  const report = consolidate(snapshot, { today, timeZone: clock.zone });
  return { snapshot, report };
}

/** Run (or continue) a validation or consolidation. Never throws for interactive runs. */
export function executeRun(opts: RunOptions): RunResult {
  const reporter = createReporter(opts.interactive);
  const watch = startStopwatch();
  const doc = currentDocument();
  const lock = doc.lock;
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    if (opts.continuation) {
      // Someone else is running: try again a little later (the checkpoint stays).
      scheduleContinuation(doc.ss);
      return { status: 'continued', message: GAS.busy };
    }
    reporter.tell(GAS.busy);
    return { status: 'busy', message: GAS.busy };
  }
  const ss = doc.ss;
  const props = doc.props;
  // the checkpoint: where a continuation finds it with or without the document (src/gas/context.ts)
  const state = doc.state;
  let kind = opts.kind;
  let report: Report | undefined;
  try {
    let cp = loadCheckpoint(state);
    // A continuation trigger is best effort: after() fires no earlier than asked, and in an
    // add-on at most hourly (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer);
    // https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so a
    // checkpoint is never judged stale by its age: it stays good for the day it was made. A menu
    // run that finds one continues it at once (the clear "click Tổng hợp to continue" path) and
    // drops the pending trigger; one from another day is started over.
    if (opts.continuation || cp) deleteContinuationTriggers();
    if (opts.continuation && !cp) return { status: 'idle', message: '' };
    // Nothing is written unless this user may write every sheet the run writes (src/gas/access.ts):
    // the outputs (written, renamed, deleted at the swap), their temporary sheets, the caller's.
    const blocking = blockingBySheet(ss);
    assertCanWrite(ss, writtenSheets(opts.extraSheets), [], blocking);
    if (cp && cp.today !== todayYmd()) {
      removeTempSheets(ss, outputsOf(cp.kind));
      state.deleteProperty(PROP.checkpoint);
      cp = null;
      if (opts.continuation) return { status: 'idle', message: '' };
    }
    if (cp) kind = cp.kind;
    const interactive = cp ? cp.interactive : opts.interactive;
    const today = cp ? cp.today : todayYmd();
    reporter.progress(GAS.progress.start(kind), true);

    const metas = listSheets(ss);
    const fp = fingerprint(inputSheets(metas));
    if (cp && cp.fingerprint !== fp) {
      // The workbook changed shape between executions: restart the writing from the beginning.
      removeTempSheets(ss, outputsOf(kind));
      cp = { ...cp, fingerprint: fp, step: 0, row: 0 };
    }
    if (cp && cp.executions >= limits.maxExecutions) throw new RunStop(GAS.tooManyExecutions(cp.executions));

    let computed: { snapshot: Snapshot; report: Report };
    try {
      computed = readAndConsolidate(ss, metas, today, watch, reporter);
    } catch (e) {
      if (e instanceof ReadTimeout) throw new RunStop(GAS.tooBig);
      throw e;
    }
    report = computed.report;
    const steps = planSteps(kind, report, computed.snapshot, metas);
    // the status columns of learner sheets (a unit's tab may be protected), before the first write
    assertCanWrite(ss, [], statusTargets(steps), blocking);
    if (!cp) removeTempSheets(ss, outputsOf(kind));

    let step = cp ? cp.step : 0;
    let row = cp ? cp.row : 0;
    let progressed = false;
    while (step < steps.length) {
      if (watch.overBudget() && (progressed || watch.overHard())) {
        if (!progressed) throw new RunStop(GAS.tooBig);
        const next: Checkpoint = {
          v: 1,
          kind,
          today,
          fingerprint: fp,
          step,
          row,
          executions: (cp ? cp.executions : 0) + 1,
          startedAt: cp ? cp.startedAt : watch.startMs,
          savedAt: nowMs(),
          interactive,
          trigger: false,
        };
        saveCheckpoint(state, next);
        next.trigger = scheduleContinuation(ss);
        if (next.trigger) saveCheckpoint(state, next);
        const done = Math.round((100 * step) / steps.length);
        const message = next.trigger ? GAS.continued(done) : GAS.continueByHand(done);
        reporter.tell(message);
        return { status: 'continued', message, report };
      }
      const s = steps[step];
      row = doUnit(ss, s, row, report, reporter);
      progressed = true;
      if (row >= stepRows(s, report)) {
        step++;
        row = 0;
      }
    }

    state.deleteProperty(PROP.checkpoint);
    rememberRun(props, kind, 'done', report, (cp ? cp.executions : 0) + 1);
    refreshEditCaches(doc.cache, computed.snapshot, report);
    if (opts.interactive) {
      const target = ss.getSheetByName(kind === 'consolidation' ? SHEET.summary : SHEET.issues);
      if (target) ss.setActiveSheet(target);
    }
    // rows of a closed period typed after its close: locked like the others (docs/month-close.md)
    const relocked = kind === 'consolidation' ? relockLateRows(ss, report) : [];
    const warnOnly = report.settings.closedLock === 'warn';
    const message = [GAS.done(kind, doneCounts(report)), ...relocked.map((r) => GAS.close.relocked(r.period, r.rows, warnOnly, r.failed))].join('\n');
    reporter.progress(message, true);
    return { status: 'done', message, report };
  } catch (e) {
    // refused before writing: nothing of ours to clean, and another user's checkpoint stays
    if (!(e instanceof AccessDenied)) cleanupAfterFailure(ss, state);
    const stop = e instanceof RunStop || e instanceof AccessDenied;
    const why = stop ? (e as Error).message : GAS.failed(errorText(e));
    rememberRunFailure(props, kind, why);
    if (opts.interactive || stop) {
      reporter.tell(why);
      return e instanceof AccessDenied ? { status: 'failed', message: why, report, refused: true } : { status: 'failed', message: why, report };
    }
    // An unexpected error in a trigger: let Apps Script record the failed execution.
    throw e;
  } finally {
    lock.releaseLock();
  }
}

function cleanupAfterFailure(ss: Spreadsheet, state: Properties): void {
  try {
    removeTempSheets(ss, [SHEET.summary, SHEET.issues]);
  } catch (_e) {
    // keep the original error
  }
  try {
    state.deleteProperty(PROP.checkpoint);
    deleteContinuationTriggers();
  } catch (_e) {
    // keep the original error
  }
}

/** The counts of the "done" message. */
export function doneCounts(report: Report): { units: number; rows: number; valid: number; errors: number; warnings: number; laggards: number } {
  return {
    units: report.units.length,
    rows: report.province.learners.rows,
    valid: report.province.learners.valid,
    errors: report.totals.error,
    warnings: report.totals.warning,
    laggards: report.province.laggards,
  };
}

/** An error's message without a final period (messages add their own punctuation). */
export function errorText(e: unknown): string {
  const text = e instanceof Error || (e && typeof (e as Error).message === 'string') ? (e as Error).message : String(e);
  return text.replace(/\.+\s*$/, '');
}

/** The last run's outcome, without personal data (counts only). */
export interface LastRun {
  kind: RunKind;
  status: 'done' | 'failed';
  at: string;
  today?: string;
  units?: number;
  learnerRows?: number;
  errors?: number;
  warnings?: number;
  laggards?: number;
  executions?: number;
  message?: string;
}

function rememberRun(props: Properties, kind: RunKind, status: 'done', report: Report, executions: number): void {
  const last: LastRun = {
    kind,
    status,
    at: new Date(nowMs()).toISOString(),
    today: report.today,
    units: report.units.length,
    learnerRows: report.province.learners.rows,
    errors: report.totals.error,
    warnings: report.totals.warning,
    laggards: report.province.laggards,
    executions,
  };
  props.setProperty(PROP.lastRun, JSON.stringify(last));
}

export function rememberRunFailure(props: Properties, kind: RunKind, message: string): void {
  try {
    const last: LastRun = { kind, status: 'failed', at: new Date(nowMs()).toISOString(), message: message.slice(0, 500) };
    props.setProperty(PROP.lastRun, JSON.stringify(last));
  } catch (_e) {
    // best effort
  }
}

function readLastRun(props: () => Properties): LastRun | null {
  try {
    const json = props().getProperty(PROP.lastRun);
    return json ? (JSON.parse(json) as LastRun) : null;
  } catch (_e) {
    return null;
  }
}

/**
 * The last run of this document: from its properties, or from its store in the script properties
 * where a trigger run without a containing document keeps it (src/gas/context.ts), the later one.
 */
export function lastRun(): LastRun | null {
  const here = readLastRun(documentProperties);
  const doc = currentDocument();
  if (doc.byId) return here;
  const byId = readLastRun(() => documentStore(doc.ss.getId()));
  if (!here || !byId) return here ?? byId;
  return Date.parse(byId.at) > Date.parse(here.at) ? byId : here;
}

/** After a complete run: the registry and the CCCD index for the instant checks of onEdit. */
function refreshEditCaches(cache: GoogleAppsScript.Cache.Cache | null, snapshot: Snapshot, report: Report): void {
  if (!cache) return;
  try {
    const units = report.tables.find((t) => t.kind === 'units');
    const registry = units ? snapshot.sheets.find((s) => s.name === units.sheet) : undefined;
    cacheRegistry(cache, registry ? registry.values : null);
    const ids = newIndexIds();
    storeCccdIndex(cache, buildCccdIndex(snapshot, report.tables, ids.salt, ids.generation));
  } catch (_e) {
    // the cache only speeds up onEdit; a failure here must not fail the run
  }
}

/** Read the workbook and compute the report without writing anything (previews); as of `today` (YYYY-MM-DD) when given. */
export function computeReport(interactive: boolean, today: string = todayYmd()): Report {
  const reporter = createReporter(interactive);
  const watch = startStopwatch();
  const ss = currentDocument().ss;
  try {
    return readAndConsolidate(ss, listSheets(ss), today, watch, reporter).report;
  } catch (e) {
    if (e instanceof ReadTimeout) throw new RunStop(GAS.tooBig);
    throw e;
  }
}

export { RunStop };
