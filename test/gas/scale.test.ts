/**
 * The service calls and simulated time of "Tổng hợp" on 100,000 and 1,000,000 learner rows: calls
 * grow with sheets + rows/chunk, not with rows. The figures are printed for the closing note.
 * The million-row case runs with `npm run test:scale` (test/helpers/scale.ts).
 */
import { consolidate, renderIssues, renderSummary } from '../../src/core';
import { SHEET } from '../../src/core/schema';
import { chunkRows } from '../../src/gas/env';
import { runConsolidation } from '../../src/gas/main';
import { callSummary, envSnapshot, gasEnv, loadSnapshot, realConsole, resetGlobals, trimGrid, values } from './helpers';
import { makeProvince } from './province';
import { scaleTest } from '../helpers/scale';

afterEach(resetGlobals);

function measure(rows: number, check: boolean) {
  const env = gasEnv();
  const p = makeProvince({ learners: rows, units: 250, unitTabs: 20, seed: 11, columns: 'short' });
  loadSnapshot(env, p.snapshot, true);
  const snapshot = check ? envSnapshot(env) : null;
  const sheets = p.snapshot.sheets.length;
  const once = (label: string) => {
    env.counters.reset();
    const t0 = env.clock.nowMs();
    const wall = Date.now();
    const result = env.menu(() => runConsolidation());
    const simulated = (env.clock.nowMs() - t0) / 1000;
    const calls = callSummary(env);
    realConsole.log(
      `Tổng hợp (${label}), ${rows.toLocaleString('en')} learner rows in ${sheets} sheets (${p.learnerSheets.length} learner sheets): ` +
        `${calls.total} service calls (${calls.reads} getValues, ${calls.writes} setValues/setValue), ${simulated.toFixed(1)} s simulated, ` +
        `${((Date.now() - wall) / 1000).toFixed(1)} s wall, ${calls.cellsRead.toLocaleString('en')} cells read, ${calls.cellsWritten.toLocaleString('en')} written; status ${result.status}\n` +
        JSON.stringify(env.counters.snapshot().calls),
    );
    if (result.status !== 'done') {
      let cells = 0;
      for (const sh of env.spreadsheet.getSheets()) cells += sh.getMaxRows() * sh.getMaxColumns();
      realConsole.log(
        result.message,
        cells,
        env.spreadsheet
          .getSheets()
          .map((x) => `${x.getName()}:${x.getMaxRows()}x${x.getMaxColumns()}`)
          .join(' '),
        result.report?.issues.length,
      );
    }
    expect(result.status).toBe('done');
    return { calls, simulated };
  };
  // First run: adds the status columns and their colouring; second run: the steady state.
  once('first run');
  const { calls, simulated } = once('second run');
  if (snapshot) {
    const report = consolidate(snapshot, { today: '2026-11-20' });
    expect(trimGrid(values(env, SHEET.summary))).toEqual(trimGrid(renderSummary(report).rows));
    expect(trimGrid(values(env, SHEET.issues))).toEqual(trimGrid(renderIssues(report).rows));
  }
  return { calls, sheets, learnerSheets: p.learnerSheets.length, simulated, issues: values(env, SHEET.issues).length };
}

// 8 s of CPU: in `npm run test:scale` (CI runs it), so that `npm test` stays under ~90 s
scaleTest('Tổng hợp on 100,000 rows: calls O(sheets + rows/chunk), one execution', () => {
  const m = measure(100_000, true);
  // Per sheet: a handful of calls; per chunk of rows: a getRange and a getValues/setValues; per run
  // a constant: the locks (document lock, the lease under the script lock), the access check (protections, canEdit, editors),
  // the checkpoint store, the caches.
  const chunks = Math.ceil(100_000 / chunkRows(9)) + m.learnerSheets + Math.ceil(m.issues / chunkRows(8)) + m.learnerSheets;
  expect(m.calls.reads).toBeLessThanOrEqual(m.sheets + Math.ceil(100_000 / chunkRows(8)) + 2);
  expect(m.calls.total).toBeLessThan(10 * m.sheets + 4 * chunks + 140);
  expect(m.simulated).toBeLessThan(270);
});

scaleTest('Tổng hợp on 1,000,000 rows: calls O(sheets + rows/chunk), within the 10-million-cell sheet', () => {
  const m = measure(1_000_000, false);
  const chunks = Math.ceil(1_000_000 / chunkRows(9)) + m.learnerSheets + Math.ceil(m.issues / chunkRows(8)) + m.learnerSheets;
  expect(m.calls.reads).toBeLessThanOrEqual(m.sheets + Math.ceil(1_000_000 / chunkRows(8)) + 2);
  expect(m.calls.total).toBeLessThan(10 * m.sheets + 4 * chunks + 140);
});
