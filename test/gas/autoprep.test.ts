/**
 * The hourly run prepares a new period's report rows (docs/unit-tabs.md "Periods"): when the staff
 * put `Báo cáo tháng` under the units' own rows once (menu "Chuẩn bị báo cáo kỳ này"), the
 * scheduled run of a period's start appends the period's rows, protects them per unit and releases
 * the previous period's, unattended, before the day's consolidation. In the emulator, with several
 * users: the trigger runs as the staff member who turned the schedule on.
 */
import { MAIL, SHEET, unitReportProtectionDescription, type Cell } from '../../src/core';
import { closeCurrentPeriod } from '../../src/gas/close';
import { setLimits } from '../../src/gas/env';
import { scheduledRun } from '../../src/gas/schedule';
import { PREPARED_PROP, syncUnitReports } from '../../src/gas/unitreports';
import { currentDocument } from '../../src/gas/context';
import { callSummary, realConsole, resetGlobals, values, type TestEnv } from './helpers';
import { REPORT_HEADER, USERS, registryWorkbook, replaceRegistry, threeUnits, canTypeReport, communes } from './province';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const { OWNER, STAFF, A1, A2, B, C, OUTSIDER } = USERS;
const HOUR = 3_600_000;
/** `hour` o'clock of `date` in Asia/Ho_Chi_Minh. */
const vn = (date: string, hour = 0) => new Date(Date.parse(`${date}T00:00:00Z`) - 7 * HOUR + hour * HOUR);
const d = (code: string, label: string) => unitReportProtectionDescription(label, code);

/** Today 20/11/2026: XA002 has an October and a November row; the others none. */
function workbook(units: Cell[][] = threeUnits(undefined, [100, 1000, 500, 0])): TestEnv {
  const env = registryWorkbook(units, [STAFF, A1, A2, B, C, OUTSIDER]);
  env.addSheet(SHEET.reports, [
    REPORT_HEADER,
    ['10/2026', 'XA002', 'UBND xã Đông Sơn', 40, 300, '', '', 100, 10, '20/10/2026'],
    ['11/2026', 'XA002', 'UBND xã Đông Sơn', 60, 350, '', '', 120, 12, '18/11/2026'],
  ]);
  return env;
}

/** The staff member runs the menu item (and confirms). */
function prepareByMenu(env: TestEnv) {
  env.setUser(STAFF);
  try {
    return env.run('menu', () => syncUnitReports(SpreadsheetApp.getActiveSpreadsheet(), () => true));
  } finally {
    env.setUser(OWNER);
  }
}

/** One hourly run at `at`, as the trigger of STAFF runs it. */
function tick(env: TestEnv, at: Date) {
  env.clock.set(at);
  env.setUser(STAFF);
  try {
    return env.run('time-trigger', () => scheduledRun());
  } finally {
    env.setUser(OWNER);
  }
}

function reportSheet(): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEET.reports);
  if (!sheet) throw new Error('no report sheet');
  return sheet;
}

function descriptions(): string[] {
  return reportSheet()
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .map((p) => p.getDescription())
    .sort();
}

/** 1-based rows of `Báo cáo tháng` of `label`, by unit code. */
function rowsOf(env: TestEnv, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  values(env, SHEET.reports).forEach((r, i) => {
    if (r[0] === label) out[String(r[1])] = i + 1;
  });
  return out;
}

/** `Trạng thái` and `Chi tiết` of the log's rows for runs (no key). */
function runRows(env: TestEnv): { status: string; detail: string }[] {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEET.mailLog);
  if (!sheet) return [];
  const v = values(env, SHEET.mailLog);
  const header = v[0].map(String);
  const status = header.indexOf('Trạng thái');
  const detail = header.indexOf('Chi tiết');
  const kind = header.indexOf('Loại thư');
  return v
    .slice(1)
    .filter((r) => r[kind] === MAIL.kind.RUN)
    .map((r) => ({ status: String(r[status]), detail: String(r[detail]) }));
}

const calls = (env: TestEnv, prefix: RegExp) =>
  Object.entries(env.counters.snapshot().calls)
    .filter(([k]) => prefix.test(k))
    .reduce((n, [, c]) => n + c, 0);

test('mode on, a new month: the first hourly run appends the month’s rows, protects them per unit, releases November’s, logs it, then consolidates', () => {
  const env = workbook();
  expect(prepareByMenu(env).status).toBe('done');
  const r = tick(env, vn('2026-12-01', 0));
  expect(r.prepared).toBe('done');
  expect(r.consolidated).toBe(true);
  const dec = rowsOf(env, '12/2026');
  expect(Object.keys(dec).sort()).toEqual(['TR01', 'XA001', 'XA002']);
  expect(descriptions()).toEqual([d('XA001', '12/2026'), d('XA002', '12/2026'), d('TR01', '12/2026')].sort());
  // unit A types into its December row, not into B's; November's rows are the staff's now
  expect(canTypeReport(env, `D${String(dec.XA001)}`, A1)).toBe(true);
  expect(canTypeReport(env, `D${String(dec.XA001)}`, A2)).toBe(true);
  expect(canTypeReport(env, `D${String(dec.XA002)}`, A1)).toBe(false);
  expect(canTypeReport(env, `D${String(dec.XA002)}`, B)).toBe(true);
  expect(canTypeReport(env, `D${String(rowsOf(env, '11/2026').XA001)}`, A1)).toBe(false);
  expect(canTypeReport(env, `D${String(dec.TR01)}`, OUTSIDER)).toBe(false);
  // one row of the log says what it did
  const rows = runRows(env);
  expect(rows).toHaveLength(1);
  expect(rows[0].status).toBe(MAIL.status.run_done);
  expect(rows[0].detail).toContain('Kỳ 12/2026 đã bắt đầu');
  expect(rows[0].detail).toContain('Đã thêm 3 dòng kỳ 12/2026');
  expect(rows[0].detail).toContain('Đã bỏ 3 phần bảo vệ riêng');

  // the next hours: nothing more, and cheap (the sheet protection and one property)
  env.counters.reset();
  const next = tick(env, vn('2026-12-01', 1));
  expect(next.prepared).toBeUndefined();
  expect(next.consolidated).toBe(false);
  expect(runRows(env)).toHaveLength(1);
  expect(calls(env, /^Protection\.getDescription$/)).toBe(1);
  expect(calls(env, /^Sheet\.getProtections$/)).toBe(1);
  expect(calls(env, /^Protection\.(add|remove|set)|^Range\.(protect|setValues)/)).toBe(0);
});

test('mode off (the menu item never ran): the hourly run prepares nothing and reads no protection beyond the sheet’s', () => {
  const env = workbook();
  const before = values(env, SHEET.reports);
  tick(env, vn('2026-12-01', 0));
  env.counters.reset();
  const r = tick(env, vn('2026-12-01', 1));
  expect(calls(env, /^Sheet\.getProtections$/)).toBe(1);
  expect(calls(env, /^Protection\./)).toBe(0);
  expect(r.prepared).toBeUndefined();
  expect(values(env, SHEET.reports)).toEqual(before);
  expect(descriptions()).toEqual([]);
  expect(reportSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
  expect(runRows(env)).toEqual([]);
});

test('a sheet protection made by someone else is not the mode: nothing', () => {
  const env = workbook();
  env.run('menu', () => reportSheet().protect().setDescription('Khóa của Sở'));
  const before = values(env, SHEET.reports);
  expect(tick(env, vn('2026-12-01', 0)).prepared).toBeUndefined();
  expect(values(env, SHEET.reports)).toEqual(before);
  expect(descriptions()).toEqual([]);
});

test('already prepared (by the menu): nothing; editors changed since stay a menu action (nobody loses access unattended)', () => {
  const env = workbook();
  prepareByMenu(env);
  env.clock.set(vn('2026-12-01', 0));
  expect(prepareByMenu(env).status).toBe('done');
  const before = values(env, SHEET.reports);
  const protections = descriptions();
  // A2 is no longer a focal point of XA001
  replaceRegistry(env, threeUnits(A1, [100, 1000, 500, 0]));
  const r = tick(env, vn('2026-12-01', 1));
  expect(r.prepared).toBeUndefined();
  expect(values(env, SHEET.reports)).toEqual(before);
  expect(descriptions()).toEqual(protections);
  expect(canTypeReport(env, `D${String(rowsOf(env, '12/2026').XA001)}`, A2)).toBe(true);
  expect(runRows(env)).toEqual([]);
});

test('prepared by an earlier version (no record of it): the run sees the period’s protections once, remembers, and the next hours cost one description', () => {
  const env = workbook();
  prepareByMenu(env);
  env.clock.set(vn('2026-12-01', 0));
  prepareByMenu(env);
  env.run('menu', () => currentDocument().state.deleteProperty(PREPARED_PROP));
  env.counters.reset();
  expect(tick(env, vn('2026-12-01', 1)).prepared).toBeUndefined();
  // the three units' protections read once (with the consolidation's own reading of protections)
  expect(calls(env, /^Protection\.getDescription$/)).toBeGreaterThanOrEqual(4);
  env.counters.reset();
  expect(tick(env, vn('2026-12-01', 2)).prepared).toBeUndefined();
  expect(calls(env, /^Protection\.getDescription$/)).toBe(1);
  expect(runRows(env)).toEqual([]);
});

test('the current period is closed before it was prepared: nothing', () => {
  const env = workbook();
  prepareByMenu(env);
  env.clock.set(vn('2026-12-01', 0));
  // the staff type XA002's December row, then close December (a blocking lock on its rows)
  env.userEdit(SHEET.reports, 'A6', ['12/2026', 'XA002', 'UBND xã Đông Sơn', 70, 400, '', '', 130, 13, '01/12/2026'], { as: STAFF });
  env.setUser(STAFF);
  try {
    expect(env.run('menu', () => closeCurrentPeriod(SpreadsheetApp.getActiveSpreadsheet(), () => true)).status).toBe('done');
  } finally {
    env.setUser(OWNER);
  }
  const before = values(env, SHEET.reports);
  const protections = descriptions();
  const r = tick(env, vn('2026-12-01', 1));
  expect(r.prepared).toBeUndefined();
  expect(values(env, SHEET.reports)).toEqual(before);
  expect(descriptions()).toEqual(protections);
  expect(runRows(env)).toEqual([]);
});

test('over the time budget: the run stops between two units, logs how far it got, and the next hourly run continues', () => {
  const rows = communes(20);
  const env = registryWorkbook(rows, [STAFF]);
  env.addSheet(SHEET.reports, [REPORT_HEADER]);
  prepareByMenu(env);
  setLimits({ budgetMs: 1 });
  const first = tick(env, vn('2026-12-01', 0));
  setLimits(null);
  expect(first.prepared).toBe('partial');
  const dec = rowsOf(env, '12/2026');
  expect(Object.keys(dec)).toHaveLength(20);
  expect(descriptions().filter((x) => x.includes('12/2026'))).toHaveLength(1);
  expect(canTypeReport(env, `D${String(dec.XA001)}`, 'daumoi1@example.gov.vn')).toBe(true);
  expect(canTypeReport(env, `D${String(dec.XA002)}`, 'daumoi2@example.gov.vn')).toBe(false);
  expect(runRows(env).map((x) => x.detail)[0]).toContain('Lượt chạy tự động sau (mỗi giờ) sẽ làm tiếp');

  // the first run's consolidation, with that budget, saved a checkpoint: this run continues it first, then the rows
  expect(first.consolidated).toBe(false);
  const second = tick(env, vn('2026-12-01', 1));
  expect(second.consolidated).toBe(true);
  expect(second.prepared).toBe('done');
  expect(descriptions()).toEqual(rows.map((r) => d(String(r[0]), '12/2026')).sort());
  expect(canTypeReport(env, `D${String(dec.XA002)}`, 'daumoi2@example.gov.vn')).toBe(true);
  expect(canTypeReport(env, `D${String(dec.XA002)}`, 'daumoi1@example.gov.vn')).toBe(false);
  expect(runRows(env).map((x) => x.status)).toEqual([MAIL.status.run_done, MAIL.status.run_done]);
  expect(tick(env, vn('2026-12-01', 2)).prepared).toBeUndefined();
});

test('a preparation that used the time a whole read needs leaves the consolidation to the next hour', () => {
  const env = workbook();
  prepareByMenu(env);
  // what is left of the 6 minutes after the consolidation's hard limit: 1 ms
  setLimits({ hardMs: 359_999 });
  const r = tick(env, vn('2026-12-01', 0));
  setLimits(null);
  expect(r.prepared).toBe('done');
  expect(r.deferred).toBe(true);
  expect(r.consolidated).toBe(false);
  const next = tick(env, vn('2026-12-01', 1));
  expect(next.prepared).toBeUndefined();
  expect(next.consolidated).toBe(true);
});

test('a failure (the trigger’s account lost edit rights on the sheet protection) is logged; the consolidation still runs', () => {
  const env = workbook();
  prepareByMenu(env);
  // the owner takes the staff member off the sheet protection of Báo cáo tháng
  env.run('menu', () => reportSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].removeEditor(STAFF));
  const before = values(env, SHEET.reports);
  const r = tick(env, vn('2026-12-01', 0));
  expect(r.prepared).toBe('refused');
  expect(r.consolidated).toBe(true);
  expect(r.status).toBe('failed');
  expect(r.message).toContain('chưa chuẩn bị được báo cáo kỳ 12/2026');
  expect(values(env, SHEET.reports)).toEqual(before);
  const rows = runRows(env);
  expect(rows).toHaveLength(1);
  expect(rows[0].status).toBe(MAIL.status.run_error);
  expect(rows[0].detail).toContain('chưa chuẩn bị được báo cáo kỳ 12/2026');
  expect(SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEET.summary)).not.toBeNull();
  // the next hour tries again (and says so again) until someone fixes it
  const again = tick(env, vn('2026-12-01', 1));
  expect(again.prepared).toBe('refused');
});

test('a unit removed from the registry during a continued preparation keeps its protection (revoking is a menu action)', () => {
  const rows = communes(4);
  const env = registryWorkbook(rows, [STAFF]);
  env.addSheet(SHEET.reports, [REPORT_HEADER]);
  prepareByMenu(env);
  setLimits({ budgetMs: 1 });
  expect(tick(env, vn('2026-12-01', 0)).prepared).toBe('partial');
  setLimits(null);
  // XA001 (protected by the first run) leaves the registry
  replaceRegistry(env, rows.slice(1));
  expect(tick(env, vn('2026-12-01', 1)).prepared).toBe('done');
  expect(descriptions()).toEqual(rows.map((r) => d(String(r[0]), '12/2026')).sort());
  expect(canTypeReport(env, `D${String(rowsOf(env, '12/2026').XA001)}`, 'daumoi1@example.gov.vn')).toBe(true);
  // the menu, with a person confirming, does release it
  const menu = prepareByMenu(env);
  expect(menu.status).toBe('done');
  expect(descriptions()).not.toContain(d('XA001', '12/2026'));
});

test('an hour with nothing to do: what the check adds to the run', () => {
  const measure = (modeOn: boolean) => {
    const env = workbook();
    if (modeOn) prepareByMenu(env);
    env.clock.set(vn('2026-12-01', 0));
    if (modeOn) prepareByMenu(env);
    tick(env, vn('2026-12-01', 0));
    env.counters.reset();
    const r = tick(env, vn('2026-12-01', 1));
    expect(r.prepared).toBeUndefined();
    const s = callSummary(env);
    resetGlobals();
    return s.total;
  };
  const off = measure(false);
  const on = measure(true);
  // the sheet protection and its description, `Cấu hình` (read again by the mail step from 07:00 only), one property
  expect(on - off).toBeLessThanOrEqual(12);
  realConsole.log(
    `hourly run with nothing to do: ${String(off)} service calls with the units' rows mode off, ${String(on)} with it on and the period prepared`,
  );
});

test('quarterly cycle: the hourly run prepares at the quarter’s start, not at a month’s', () => {
  const env = workbook();
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEET.config)?.appendRow(['Chu kỳ báo cáo', 'Quý']);
  prepareByMenu(env);
  expect(descriptions()).toContain(d('XA001', 'Quý IV/2026'));
  expect(tick(env, vn('2026-12-01', 0)).prepared).toBeUndefined();
  const r = tick(env, vn('2027-01-01', 0));
  expect(r.prepared).toBe('done');
  expect(descriptions()).toEqual([d('XA001', 'Quý I/2027'), d('XA002', 'Quý I/2027'), d('TR01', 'Quý I/2027')].sort());
  expect(canTypeReport(env, `D${String(rowsOf(env, 'Quý I/2027').TR01)}`, C)).toBe(true);
});
