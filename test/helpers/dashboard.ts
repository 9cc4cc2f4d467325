/**
 * A generated province with two closed months (September and October 2026) in `Lịch sử tổng hợp`,
 * consolidated on the demo's today (20/11/2026): the dashboard's tests read its report and view.
 */
import { consolidate } from '../../src/core/consolidate';
import { dashboardView, type DashboardView } from '../../src/core/dashboard';
import { appendHistory, closeRows } from '../../src/core/history';
import { SHEET } from '../../src/core/schema';
import type { Cell, Report, Snapshot } from '../../src/core/types';
import { DEMO_TODAY, generateProvince } from '../../src/demo';

export interface DashboardFixture {
  snapshot: Snapshot;
  report: Report;
  view: DashboardView;
}

export function provinceWithHistory(options: { units?: number; learners?: number; seed?: number } = {}): DashboardFixture {
  const { snapshot: base } = generateProvince({ seed: options.seed ?? 7, units: options.units ?? 40, learners: options.learners ?? 2500 });
  const rows: Cell[][] = [];
  for (const [today, at] of [
    ['2026-09-28', '2026-09-28 16:00:00'],
    ['2026-10-28', '2026-10-28 16:00:00'],
  ]) {
    rows.push(...closeRows(consolidate(base, { today }), { by: 'Cán bộ SKHCN', at, version: 1 }));
  }
  const snapshot: Snapshot = { sheets: [...base.sheets, { name: SHEET.history, values: appendHistory(null, rows) }] };
  const report = consolidate(snapshot, { today: DEMO_TODAY });
  return { snapshot, report, view: dashboardView(report) };
}
