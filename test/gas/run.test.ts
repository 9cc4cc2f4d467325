/**
 * "Tổng hợp" and "Kiểm tra dữ liệu" in the emulator: outputs equal to the core's renderers cell for
 * cell, formats, status columns, the lock, no half-written output, the checkpoint/continuation,
 * and no input cell changed.
 */
import { consolidate, renderIssues, renderStatusColumn, renderSummary, type Report } from '../../src/core';
import { GAS } from '../../src/core/messages';
import { SHEET, STATUS_HEADER } from '../../src/core/schema';
import { continueRun, previewReminders, runConsolidation, runValidation } from '../../src/gas/main';
import { PROP, tempSheetName } from '../../src/gas/names';
import { DOC_STORE_PREFIX, LEASE_MS, LEASE_PROP, TRIGGER_DOC_PREFIX } from '../../src/gas/context';
import { lastRun } from '../../src/gas/run';
import { PERCENT_FORMAT } from '../../src/gas/write';
import { setLimits } from '../../src/gas/env';
import { Range } from '../emulator';
import { envSnapshot, findStatusColumn, gasEnv, inputCells, loadSnapshot, resetGlobals, sheetNames, trimGrid, values, type TestEnv } from './helpers';
import { makeProvince } from './province';
import { generateProvince } from '../../src/demo';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const TODAY = '2026-11-20';

function province(env: TestEnv, learners = 3000, unitTabs = 3) {
  const p = makeProvince({ learners, units: 30, unitTabs, seed: 7 });
  loadSnapshot(env, p.snapshot);
  return p;
}

/** The outputs the workbook must hold after a complete run on `report`'s snapshot. */
function expectOutputs(env: TestEnv, report: Report, kind: 'consolidation' | 'validation' = 'consolidation') {
  if (kind === 'consolidation') expect(trimGrid(values(env, SHEET.summary))).toEqual(trimGrid(renderSummary(report).rows));
  expect(trimGrid(values(env, SHEET.issues))).toEqual(trimGrid(renderIssues(report).rows));
  for (const t of report.tables.filter((x) => x.kind === 'learners')) {
    const v = values(env, t.sheet);
    const col = findStatusColumn(v);
    expect(col).toBeGreaterThanOrEqual(0);
    const expected = renderStatusColumn(v, { ...t, statusColumn: col }, report.issues);
    const actual = v.slice(t.headerRow).map((r) => [r[col]]);
    expect(actual).toEqual(expected);
  }
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix) || n.includes(GAS.retiredSuffix))).toEqual([]);
}

test('Tổng hợp writes the core report cell for cell, with formats, status columns and no input change', () => {
  const env = gasEnv();
  province(env);
  const before = inputCells(env);
  const snapshot = envSnapshot(env);
  const result = env.menu(() => runConsolidation());
  expect(result.status).toBe('done');
  const report = consolidate(snapshot, { today: TODAY });
  expect(report.province.learners.rows).toBe(3000);
  expect(report.issues.some((i) => i.code === 'CCCD_DUPLICATE')).toBe(true);
  expectOutputs(env, report);

  // Percentages are numbers formatted as %, every percent block of the renderer.
  const grid = renderSummary(report);
  const formats = env.sheetFormats(SHEET.summary);
  for (const [r, c, nr, nc] of grid.percentRanges) for (let i = r; i < r + nr; i++) for (let j = c; j < c + nc; j++) expect(formats[i][j]).toBe(PERCENT_FORMAT);
  const percentCell = grid.rows[grid.percentRanges[0][0]][grid.percentRanges[0][1]];
  expect(typeof percentCell === 'number' || percentCell === '').toBe(true);
  // Header row bold, frozen as the renderer says; outputs protected.
  const summary = env.spreadsheet.getSheetByName(SHEET.summary)!;
  expect(summary.getFrozenRows()).toBe(grid.frozenRows);
  expect(summary.getProtections(SpreadsheetApp.ProtectionType.SHEET).length).toBe(1);
  expect(env.spreadsheet.getSheetByName(SHEET.issues)!.getProtections(SpreadsheetApp.ProtectionType.SHEET).length).toBe(1);
  const headerRow = Number(Object.keys(grid.rowRoles).find((k) => grid.rowRoles[Number(k)] === 'header'));
  expect(summary.getRange(headerRow + 1, 1).getFontWeight()).toBe('bold');

  // Status columns were added after each learner table's last column, with their header.
  for (const name of ['DV001', 'DV002', 'DV003', 'Học viên']) expect(findStatusColumn(values(env, name))).toBe(10);
  expect(values(env, 'Học viên')[2][10]).toBe(STATUS_HEADER);
  // Every cell a unit typed is unchanged.
  expect(inputCells(env)).toEqual(before);
  // Progress was shown, and the last run remembered (counts only).
  expect(env.ui.toasts.length).toBeGreaterThan(0);
  const last = JSON.parse(env.properties.document.getProperty(PROP.lastRun)!);
  expect(last).toMatchObject({ kind: 'consolidation', status: 'done', learnerRows: 3000 });
  expect(JSON.stringify(last)).not.toMatch(/\d{12}/);
  // No full CCCD in toasts, alerts or logs.
  const shown = JSON.stringify([env.ui.toasts, env.ui.alerts, env.logs]);
  expect(shown).not.toMatch(/038[01]\d{8}/);
});

test("on the core generator's province (varied per-unit tabs, dates, platform export) the outputs match the report", () => {
  const env = gasEnv();
  loadSnapshot(env, generateProvince({ learners: 6000, seed: 21, today: TODAY }).snapshot);
  const before = inputCells(env);
  const snapshot = envSnapshot(env);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  const report = consolidate(snapshot, { today: TODAY });
  expect(report.tables.filter((t) => t.kind === 'learners').length).toBeGreaterThan(2);
  expectOutputs(env, report);
  expect(inputCells(env)).toEqual(before);
});

test('a second run replaces the outputs in place (same tab positions) and is repeatable', () => {
  const env = gasEnv();
  province(env, 500, 0);
  env.menu(() => runConsolidation());
  const order = sheetNames(env);
  // A unit pastes more rows; the second run reflects them.
  const p2 = makeProvince({ learners: 50, units: 30, seed: 99, badEvery: 5 });
  const extra = p2.snapshot.sheets.find((s) => s.name === 'Học viên')!.values.slice(3);
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  hv.getRange(hv.getLastRow() + 1, 1, extra.length, extra[0].length).setValues(extra);
  const snapshot = envSnapshot(env);
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('done');
  expect(sheetNames(env)).toEqual(order);
  expectOutputs(env, consolidate(snapshot, { today: TODAY }));
});

test('Kiểm tra dữ liệu writes Lỗi dữ liệu and status columns, not Tổng hợp', () => {
  const env = gasEnv();
  province(env, 800, 2);
  const snapshot = envSnapshot(env);
  const r = env.menu(() => runValidation());
  expect(r.status).toBe('done');
  expect(env.spreadsheet.getSheetByName(SHEET.summary)).toBeNull();
  expectOutputs(env, consolidate(snapshot, { today: TODAY }), 'validation');
});

test('a second run while one holds the document lock is refused plainly and changes nothing', () => {
  const env = gasEnv();
  province(env, 300, 0);
  env.menu(() => runConsolidation());
  const summaryBefore = values(env, SHEET.summary);
  env.simulateOtherExecutionHoldingLock('document', 120_000);
  env.counters.reset();
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('busy');
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(GAS.busy);
  expect(values(env, SHEET.summary)).toEqual(summaryBefore);
  expect(env.counters.count('Range.setValues')).toBe(0);
  expect(env.counters.count('Range.getValues')).toBe(0);
});

test('a failure in the middle of writing leaves the previous outputs intact and no temporary sheet', () => {
  const env = gasEnv();
  province(env, 600, 1);
  env.menu(() => runConsolidation());
  const summaryBefore = values(env, SHEET.summary);
  const issuesBefore = values(env, SHEET.issues);
  // Change the data so that new outputs would differ.
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  hv.getRange(4, 2).setValue('');
  // Fail while the new Lỗi dữ liệu is being written (after the new Tổng hợp was written).
  const real = Range.prototype.setValues;
  jest.spyOn(Range.prototype, 'setValues').mockImplementation(function (this: Range, v: unknown[][]) {
    if (this.getSheet().getName() === tempSheetName(SHEET.issues)) throw new Error('Service Spreadsheets failed while accessing document');
    return real.call(this, v);
  });
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('failed');
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toContain('Các trang kết quả cũ được giữ nguyên');
  expect(values(env, SHEET.summary)).toEqual(summaryBefore);
  expect(values(env, SHEET.issues)).toEqual(issuesBefore);
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix) || n.includes(GAS.retiredSuffix))).toEqual([]);
  expect(checkpointOf(env)).toBeNull();
  jest.restoreAllMocks();
  // The next run works.
  expect(env.menu(() => runConsolidation()).status).toBe('done');
});

/** Small chunks and a short budget: a small workbook needs several executions. */
const SMALL = { budgetMs: 1_500, hardMs: 200_000, chunkCells: 2_000, minChunkRows: 100, maxChunkRows: 500, maxExecutions: 100 };

/** The saved checkpoint: in the document's store in the script properties (src/gas/context.ts). */
const checkpointOf = (env: TestEnv) => env.properties.script.getProperty(`${DOC_STORE_PREFIX}${env.spreadsheet.getId()}.${PROP.checkpoint}`);

function runTriggersUntilDone(env: TestEnv, maxRounds = 50): number {
  let executions = 0;
  for (let i = 0; i < maxRounds; i++) {
    // to the next pending trigger: in an add-on an after() fires an hour after its creation at the
    // earliest (the emulator's stricter reading of the hourly rule)
    const pending = env.triggers
      .list()
      .filter((t) => !t.fired && t.nextRunMs !== null)
      .map((t) => t.nextRunMs as number);
    env.clock.advance(Math.max(61_000, (pending.length ? Math.min(...pending) : 0) - env.clock.nowMs()));
    const due = env.triggers.due();
    if (due.length === 0) break;
    for (const t of due) {
      expect(t.handler).toBe('continueRun');
      env.run('time-trigger', () => continueRun({ triggerUid: t.uid }));
      executions++;
    }
  }
  return executions;
}

test('a workbook too big for one execution continues from a checkpoint and ends with the outputs of a single run', () => {
  const env = gasEnv();
  province(env, 4000, 3);
  env.menu(() => runConsolidation()); // a previous complete run
  setLimits({ ...SMALL, budgetMs: 600 });
  const oldSummary = values(env, SHEET.summary);
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  hv.getRange(5, 2).setValue(''); // new data: the new outputs differ
  const snapshot = envSnapshot(env);
  const before = inputCells(env);

  const first = env.menu(() => runConsolidation());
  expect(first.status).toBe('continued');
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toContain('tự động chạy tiếp');
  const cp = JSON.parse(checkpointOf(env)!);
  expect(cp).toMatchObject({ kind: 'consolidation', today: TODAY, executions: 1, trigger: true });
  expect(env.triggers.list().filter((t) => t.handler === 'continueRun' && !t.fired)).toHaveLength(1);
  // Until the swap, the old outputs are what users see.
  expect(values(env, SHEET.summary)).toEqual(oldSummary);
  // A menu run meanwhile continues the work at once (the click-to-continue path); the pending
  // continuation trigger, best effort, is replaced.
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  expect(JSON.parse(checkpointOf(env)!).executions).toBe(2);
  expect(env.triggers.list().filter((t) => t.handler === 'continueRun' && !t.fired)).toHaveLength(1);

  const executions = runTriggersUntilDone(env) + 1;
  expect(executions).toBeGreaterThan(2);
  expect(checkpointOf(env)).toBeNull();
  expect(env.triggers.list().filter((t) => t.handler === 'continueRun')).toHaveLength(0);
  expectOutputs(env, consolidate(snapshot, { today: TODAY }));
  expect(inputCells(env)).toEqual(before);
  const last = JSON.parse(env.properties.document.getProperty(PROP.lastRun)!);
  expect(last.executions).toBe(executions + 1);
});

test('a continuation that fires hours late (add-on triggers run at most hourly) resumes its checkpoint; one from another day starts over', () => {
  const env = gasEnv({}, SMALL);
  province(env, 3000, 2);
  const snapshot = envSnapshot(env);
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  const cp = JSON.parse(checkpointOf(env)!);
  // the continuation has not fired 45 minutes later: a menu run resumes the checkpoint (it is not
  // discarded as stale: a fresh start could not finish in one execution, this one counts as the
  // second)
  env.clock.advance(45 * 60_000);
  const resumed = env.menu(() => runConsolidation());
  if (resumed.status === 'continued') {
    expect(JSON.parse(checkpointOf(env)!).executions).toBe(cp.executions + 1);
    // and a continuation firing two hours later still carries on from it
    env.clock.advance(2 * 3_600_000);
    runTriggersUntilDone(env);
  } else {
    expect(resumed.status).toBe('done');
    expect(JSON.parse(env.properties.document.getProperty(PROP.lastRun)!).executions).toBe(cp.executions + 1);
  }
  expectOutputs(env, consolidate(snapshot, { today: TODAY }));

  // a checkpoint left from yesterday: a late continuation only cleans up, a menu run starts over
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  env.clock.advance(24 * 3_600_000);
  expect(env.run('time-trigger', () => continueRun())).toMatchObject({ status: 'idle' });
  expect(checkpointOf(env)).toBeNull();
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix))).toEqual([]);
});

test('Editor add-on whose trigger runs have no containing document: the continuation opens its spreadsheet by id and finishes the run (issue 11 §2)', () => {
  const env = gasEnv({ triggerDocument: 'none' }, SMALL);
  province(env, 3000, 2);
  const snapshot = envSnapshot(env);
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  const pending = env.triggers.list().filter((t) => t.handler === 'continueRun' && !t.fired);
  expect(pending).toHaveLength(1);
  // the menu stored the trigger's spreadsheet for its creator
  expect(env.properties.user.getProperty(`${TRIGGER_DOC_PREFIX}${pending[0].uid}`)).toBe(env.spreadsheet.getId());
  // in the trigger's execution there is no active spreadsheet and no document lock, cache or properties
  expect(
    env.run('time-trigger', () => [
      SpreadsheetApp.getActiveSpreadsheet(),
      LockService.getDocumentLock(),
      CacheService.getDocumentCache(),
      PropertiesService.getDocumentProperties(),
    ]),
  ).toEqual([null, null, null, null]);
  env.counters.reset();
  const executions = runTriggersUntilDone(env);
  expect(executions).toBeGreaterThan(0);
  expect(env.counters.calls['SpreadsheetApp.openById']).toBe(executions);
  expectOutputs(env, consolidate(snapshot, { today: TODAY }));
  expect(checkpointOf(env)).toBeNull();
  expect(env.triggers.list().filter((t) => t.handler === 'continueRun')).toHaveLength(0);
  expect([...env.properties.user.data.keys()].filter((k) => k.startsWith(TRIGGER_DOC_PREFIX))).toEqual([]);
  // the outcome, kept where the trigger run could write it, is what the menu's "Giới thiệu" reads
  expect(env.menu(() => lastRun())).toMatchObject({ kind: 'consolidation', status: 'done', executions: executions + 1 });
});

test('runs of one spreadsheet exclude each other through its lease (a trigger run without a document can hold only that), and the script lock is held only for moments', () => {
  const env = gasEnv();
  province(env, 300, 1);
  // a trigger run without a document holds this spreadsheet's lease (until 60 s from now)
  const store = `${DOC_STORE_PREFIX}${env.spreadsheet.getId()}.`;
  env.properties.script.setProperty(store + LEASE_PROP, JSON.stringify({ token: 'other-run', until: env.clock.nowMs() + 60_000 }));
  expect(env.menu(() => runConsolidation()).status).toBe('busy');
  env.clock.advance(61_000);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  // released at the end of the run: the next run does not wait
  expect(env.properties.script.getProperty(store + LEASE_PROP)).toBeNull();
  // another spreadsheet of the same add-on holding the script lock for a moment (its own lease): no "busy"
  env.simulateOtherExecutionHoldingLock('script', 1_000);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  // a run killed at the limit leaves its lease: it expires by itself after LEASE_MS
  env.properties.script.setProperty(store + LEASE_PROP, JSON.stringify({ token: 'killed-run', until: env.clock.nowMs() + LEASE_MS }));
  expect(env.menu(() => runConsolidation()).status).toBe('busy');
  env.clock.advance(LEASE_MS);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
});

test('a workbook that changes shape between executions restarts the writing and ends consistent', () => {
  const env = gasEnv({}, SMALL);
  province(env, 3000, 2);
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  // A unit appends rows meanwhile.
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  const row = values(env, 'Học viên')[3].slice(0, 10);
  hv.appendRow(row); // a duplicate of row 4
  const snapshot = envSnapshot(env);
  runTriggersUntilDone(env);
  const report = consolidate(snapshot, { today: TODAY });
  expectOutputs(env, report);
  expect(report.issues.filter((i) => i.code === 'CCCD_DUPLICATE' && i.row === hv.getLastRow())).toHaveLength(1);
});

test('when no continuation trigger can be created, the next menu run resumes the checkpoint', () => {
  const env = gasEnv({}, SMALL);
  province(env, 2000, 1);
  // The add-on's one time-based trigger slot is taken (e.g. by the daily reminder trigger).
  env.run('menu', () => ScriptApp.newTrigger('scheduledRun').timeBased().everyDays(1).atHour(7).create());
  const snapshot = envSnapshot(env);
  const first = env.menu(() => runConsolidation());
  expect(first.status).toBe('continued');
  expect(first.message).toBe(GAS.continueByHand(Number(first.message.match(/(\d+)%/)![1])));
  let rounds = 0;
  let r = first;
  while (r.status === 'continued' && rounds++ < 40) r = env.menu(() => runConsolidation());
  expect(r.status).toBe('done');
  expectOutputs(env, consolidate(snapshot, { today: TODAY }));
  expect(env.triggers.list().map((t) => t.handler)).toEqual(['scheduledRun']);
});

test('Xem trước thư nhắc shows who would get what, without sending', () => {
  const env = gasEnv({ now: new Date('2026-11-26T02:00:00Z') }); // after the deadline
  province(env, 400, 0);
  const plans = env.menu(() => previewReminders());
  expect(plans.length).toBeGreaterThan(0);
  expect(env.mail.sent).toHaveLength(0);
  const dialog = env.ui.dialogs[env.ui.dialogs.length - 1];
  expect(dialog.title).toBe(GAS.preview.title);
  for (const p of plans) expect(dialog.html).toContain(p.to);
  expect(dialog.html).not.toMatch(/038[01]\d{8}/);
});

test('a workbook whose reading alone exceeds the limit stops plainly instead of looping', () => {
  const env = gasEnv();
  province(env, 1500, 2);
  env.menu(() => runConsolidation());
  const summary = values(env, SHEET.summary);
  setLimits({ budgetMs: 20, hardMs: 40, chunkCells: 1_000, minChunkRows: 50, maxChunkRows: 100 });
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('failed');
  expect(r.message).toBe(GAS.tooBig);
  expect(values(env, SHEET.summary)).toEqual(summary);
  expect(env.triggers.list()).toHaveLength(0);
  expect(checkpointOf(env)).toBeNull();
});

test('a run continued too many times stops, keeps the old outputs and cleans up', () => {
  const env = gasEnv();
  province(env, 3000, 2);
  env.menu(() => runConsolidation());
  const summary = values(env, SHEET.summary);
  setLimits({ ...SMALL, budgetMs: 600, maxExecutions: 2 });
  expect(env.menu(() => runConsolidation()).status).toBe('continued');
  runTriggersUntilDone(env);
  expect(values(env, SHEET.summary)).toEqual(summary);
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix))).toEqual([]);
  expect(checkpointOf(env)).toBeNull();
  expect(JSON.parse(env.properties.document.getProperty(PROP.lastRun)!)).toMatchObject({ status: 'failed', message: GAS.tooManyExecutions(2) });
});

test('near the 10-million-cell limit, Lỗi dữ liệu keeps what fits and says how many are not listed', () => {
  const env = gasEnv();
  province(env, 3000, 0);
  const snapshot = envSnapshot(env);
  const report = consolidate(snapshot, { today: TODAY });
  const summary = renderSummary(report);
  const issues = renderIssues(report);
  expect(issues.rows.length).toBeGreaterThan(60);
  let cells = 0;
  for (const s of env.spreadsheet.getSheets()) cells += s.getMaxRows() * s.getMaxColumns();
  // (the status column fits in the sheet's spare columns: no new cells). The outputs may take half
  // of the room the inputs leave: the next run keeps them until its swap.
  const outputs = summary.rows.length * summary.width + 26_000 + 30 * issues.width;
  setLimits({ maxCells: cells + 2 * outputs });
  // The first run, then the next one (old and new outputs side by side until the swap): the same.
  for (const run of [1, 2]) {
    expect({ run, status: env.menu(() => runConsolidation()).status }).toEqual({ run, status: 'done' });
    const written = trimGrid(values(env, SHEET.issues));
    expect(written).toHaveLength(30);
    expect(written.slice(0, 29)).toEqual(trimGrid(issues.rows.slice(0, 29)));
    expect(written[29]).toEqual([GAS.issuesTruncated(issues.rows.length - 29)]);
  }
});
