/**
 * The dashboard in the emulator (issue 14 §1): the menu item, the sidebar, getDashboardData, the
 * sidebar's actions, and the bar chart of `Tổng hợp` rebuilt by every run, never duplicated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidate, dashboardView, renderSummary, type GridChart } from '../../src/core';
import { DASHBOARD, GAS, SUMMARY } from '../../src/core/messages';
import { SHEET } from '../../src/core/schema';
import { dashboardConsolidate, dashboardPreview, getDashboardData, onOpen, runConsolidation, runValidation, showDashboard } from '../../src/gas/main';
import { ourCharts, rebuildChart } from '../../src/gas/chart';
import { DASHBOARD_FILE } from '../../src/gas/dashboard';
import { MENU } from '../../src/gas/menu';
import type { EmbeddedChart, Sheet } from '../emulator';
import { envSnapshot, gasEnv, loadSnapshot, resetGlobals, type TestEnv } from './helpers';
import { makeProvince } from './province';

const PAGE = join(__dirname, '../../build/dashboard.html');
if (!existsSync(PAGE)) throw new Error('build/dashboard.html is missing: run `npm run build` first (npm test does)');
const page = readFileSync(PAGE, 'utf8');

afterEach(() => {
  resetGlobals();
});

const TODAY = '2026-11-20';

function setup(): TestEnv {
  const env = gasEnv({ htmlFiles: { [DASHBOARD_FILE]: page } });
  loadSnapshot(env, makeProvince({ learners: 800, units: 20, unitTabs: 1, seed: 3 }).snapshot);
  return env;
}

function summarySheet(env: TestEnv): Sheet {
  const s = env.spreadsheet.getSheetByName(SHEET.summary);
  if (!s) throw new Error('no Tổng hợp');
  return s;
}

/** The emulated sheet as the adapter's functions take it. */
const asGas = (s: Sheet) => s as unknown as GoogleAppsScript.Spreadsheet.Sheet;

/** The charts of a sheet, without counting the calls. */
function charts(env: TestEnv): EmbeddedChart[] {
  return summarySheet(env)._charts.slice();
}

test('the menu has “Bảng điều khiển”, which opens the page as a sidebar', () => {
  const env = setup();
  env.run('simple-trigger', () => {
    onOpen();
  });
  const items = env.ui.menus[0].items;
  expect(items).toContainEqual({ caption: GAS.menu.dashboard, functionName: 'showDashboard' });
  expect(MENU).toContainEqual([DASHBOARD.title, 'showDashboard']);

  env.counters.reset();
  env.menu(() => {
    showDashboard();
  });
  const dialog = env.ui.dialogs[env.ui.dialogs.length - 1];
  expect(dialog.kind).toBe('sidebar');
  expect(dialog.title).toBe(DASHBOARD.title);
  expect(dialog.html).toBe(page);
  // the page itself: one document, nothing loaded from elsewhere, Vietnamese
  expect(page).toMatch(/^<!doctype html>/i);
  expect(page).toContain('<html lang="vi">');
  expect(page).not.toMatch(/\s(src|href)\s*=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
  expect(env.counters.calls).toEqual({ 'SpreadsheetApp.getUi': 1, 'HtmlService.createHtmlOutputFromFile': 1, 'Ui.showSidebar': 1 });
});

test('getDashboardData returns the view of the report computed now, reading only', () => {
  const env = setup();
  const snapshot = envSnapshot(env);
  env.counters.reset();
  const view = env.menu(() => getDashboardData());
  expect(view).toEqual(dashboardView(consolidate(snapshot, { today: TODAY })));
  expect(view.indicators.length).toBeGreaterThan(0);
  expect(view.laggards.total).toBeGreaterThan(0);
  // one batch read per sheet, nothing written, no toast (a sidebar call is no menu run)
  expect(env.counters.cellsWritten).toBe(0);
  expect(env.counters.count('Range.getValues')).toBeLessThanOrEqual(snapshot.sheets.length);
  expect(Object.keys(env.counters.calls).filter((k) => /set|insert|delete|toast/i.test(k))).toEqual([]);
  expect(env.ui.toasts).toEqual([]);
  // google.script.run passes it as is: plain data, no Date or function, and no e-mail or CCCD
  const json = JSON.stringify(view);
  expect(JSON.parse(json)).toEqual(view);
  expect(json).not.toContain('@');
  expect(json).not.toMatch(/\d{9}/);
});

test('the sidebar’s actions: Tổng hợp and the reminder preview, returning only a short result', () => {
  const env = setup();
  const result = env.menu(() => dashboardConsolidate());
  expect(Object.keys(result).sort()).toEqual(['message', 'status']);
  expect(result.status).toBe('done');
  expect(env.spreadsheet.getSheetByName(SHEET.summary)).not.toBeNull();
  const dialogs = env.ui.dialogs.length;
  const n = env.menu(() => dashboardPreview());
  expect(typeof n).toBe('number');
  expect(env.ui.dialogs).toHaveLength(dialogs + 1);
  expect(env.ui.dialogs[dialogs]).toMatchObject({ kind: 'modal', title: GAS.preview.title });
  expect(env.mail.sent).toHaveLength(0);
});

test('Tổng hợp embeds one bar chart of the province’s rate, target and trajectory, rebuilt not duplicated', () => {
  const env = setup();
  const snapshot = envSnapshot(env);
  const report = consolidate(snapshot, { today: TODAY });
  const grid = renderSummary(report);
  const spec = grid.chart as GridChart;
  expect(spec).toBeDefined();

  env.counters.reset();
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  expect(env.counters.calls['Sheet.insertChart']).toBe(1);
  expect(env.counters.calls['EmbeddedChartBuilder.build']).toBe(1);
  let list = charts(env);
  expect(list).toHaveLength(1);
  const first = list[0];
  expect(first._type).toBe('BAR');
  expect(first._options.title).toBe(SUMMARY.chartTitle);
  expect(first._numHeaders).toBe(1);
  // its data: the province indicator block of the final sheet (labels, rate, target, expected)
  const ranges = first._ranges.map((r) => {
    expect(r.getSheet()._name).toBe(SHEET.summary);
    return r.getValues();
  });
  expect(ranges.map((r) => r[0][0])).toEqual([0, 3, 4, 5].map((c) => SUMMARY.provinceIndicatorHeaders[c]));
  const rows = grid.rows.slice(spec.headerRow + 1, spec.headerRow + 1 + spec.rows);
  expect(ranges[0].slice(1).map((r) => r[0])).toEqual(rows.map((r) => r[0]));
  for (const [i, c] of [3, 4, 5].entries()) expect(ranges[i + 1].slice(1).map((r) => r[0])).toEqual(rows.map((r) => r[c]));
  const province = report.province.indicators;
  const cbccvc = province.CBCCVC;
  if (!cbccvc || cbccvc.percent === null) throw new Error('no CBCCVC');
  expect(ranges[1][1][0]).toBeCloseTo(cbccvc.percent / 100, 6);
  expect(first.getContainerInfo().getAnchorRow()).toBe(spec.anchorRow + 1);

  // a second run: a new Tổng hợp with its one chart; a validation run leaves it alone
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  list = charts(env);
  expect(list).toHaveLength(1);
  expect(list[0]).not.toBe(first);
  expect(env.counters.calls['Sheet.insertChart']).toBe(2);
  expect(env.menu(() => runValidation()).status).toBe('done');
  expect(charts(env)).toEqual(list);
  expect(env.counters.calls['Sheet.insertChart']).toBe(2);
  expect(env.spreadsheet.getSheets().reduce((n, s) => n + s._charts.length, 0)).toBe(1);
});

test('rebuilding on a sheet that has our chart replaces it and leaves other charts', () => {
  const env = setup();
  env.menu(() => runConsolidation());
  const sheet = summarySheet(env);
  const spec = renderSummary(consolidate(envSnapshot(env), { today: TODAY })).chart;
  env.menu(() => {
    // somebody's own chart on the sheet
    sheet.insertChart(sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3')).setOption('title', 'Biểu đồ riêng').build());
    env.counters.reset();
    rebuildChart(asGas(sheet), spec);
    rebuildChart(asGas(sheet), spec);
  });
  expect(env.counters.calls['Sheet.removeChart']).toBe(2);
  expect(env.counters.calls['Sheet.insertChart']).toBe(2);
  const titles = sheet._charts.map((c) => c._options.title);
  expect(titles.sort()).toEqual(['Biểu đồ riêng', SUMMARY.chartTitle].sort());
  expect(env.menu(() => ourCharts(asGas(sheet)))).toHaveLength(1);
  // without indicators: our chart goes, none comes back
  env.menu(() => {
    rebuildChart(asGas(sheet), undefined);
  });
  expect(sheet._charts.map((c) => c._options.title)).toEqual(['Biểu đồ riêng']);
});

test('the emulator’s charts follow the documented rules', () => {
  const env = setup();
  env.menu(() => runConsolidation());
  const sheet = summarySheet(env);
  env.menu(() => {
    const builder = sheet.newChart();
    // a chart without a type or data is refused (the emulator's strictness)
    expect(() => builder.build()).toThrow('Emulator');
    const chart = builder.asBarChart().addRange(sheet.getRange('A1:A3')).addRange(sheet.getRange('A1:A3')).build();
    // "Does not add the range if it has already been added to the chart"
    expect(chart.getRanges()).toHaveLength(1);
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    expect(chart.getChartId()).not.toBeNull();
    expect(() => {
      sheet.insertChart(chart);
    }).toThrow('Emulator');
    expect(chart.getOptions().get('title')).toBeNull();
    expect(() => builder.setPosition(0, 1, 0, 0)).toThrow();
    sheet.removeChart(chart);
    expect(() => {
      sheet.removeChart(chart);
    }).toThrow('Emulator');
  });
  // a protected output refuses another user's chart
  env.setUser('khac@example.gov.vn');
  expect(() => {
    env.menu(() => {
      sheet.insertChart(sheet.newChart().asBarChart().addRange(sheet.getRange('A1:A3')).build());
    });
  }).toThrow('protected');
});

test('the bundle exposes the sidebar’s targets to google.script.run', () => {
  const exportsFile = join(__dirname, '../../build-node/gas-exports.json');
  const names = JSON.parse(readFileSync(exportsFile, 'utf8')) as string[];
  for (const n of ['showDashboard', 'getDashboardData', 'dashboardConsolidate', 'dashboardPreview']) expect(names).toContain(n);
  const code = readFileSync(join(__dirname, '../../build/Code.js'), 'utf8');
  expect(code).toContain('function getDashboardData() {');
});
