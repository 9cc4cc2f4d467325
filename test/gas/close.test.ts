/**
 * The month close in the add-on (issue 13 §2): "Chốt số liệu kỳ này" / "Mở lại kỳ đã chốt…", in
 * the emulator with several users (the owner, a department staff member, a unit's focal point).
 * The emulator enforces range protections against the user who edits.
 */
import { GAS, INDICATORS, SHEET, renderSummary, messages, type Cell, type Report } from '../../src/core';

const GAS_SUMMARY = messages.SUMMARY;
import { closeCurrentPeriod, closeEarlierPeriod, closeProtection, reopenPeriod } from '../../src/gas/close';
import { runConsolidation } from '../../src/gas/main';
import { PERCENT_FORMAT } from '../../src/gas/write';
import { computeReport } from '../../src/gas/run';
import { syncUnitReports } from '../../src/gas/unitreports';
import { MENU } from '../../src/gas/menu';
import { gasEnv, loadSnapshot, resetGlobals, values, type TestEnv } from './helpers';
import { canTypeReport, makeProvince } from './province';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const OWNER = 'chu.so.huu@skhcn.example.gov.vn';
const STAFF = 'canbo.so@skhcn.example.gov.vn';
const UNIT = 'daumoi.donvi@example.gov.vn';

function workbook(settings: Cell[][] = []): TestEnv {
  const env = gasEnv({ user: OWNER, editors: [STAFF, UNIT] });
  const p = makeProvince({ learners: 300, units: 8, seed: 5 });
  const config = p.snapshot.sheets.find((s) => s.name === SHEET.config)!;
  config.values.push(['Cán bộ Sở (email)', STAFF], ...settings);
  loadSnapshot(env, p.snapshot);
  env.setUser(STAFF);
  return env;
}

const close = (env: TestEnv, answer = true) => env.run('menu', () => closeCurrentPeriod(SpreadsheetApp.getActiveSpreadsheet(), () => answer));
const reopen = (env: TestEnv, reason: string | null) => env.run('menu', () => reopenPeriod(SpreadsheetApp.getActiveSpreadsheet(), () => reason));
const report = (env: TestEnv): Report => env.run('menu', () => computeReport(false));

/** 1-based rows of `Báo cáo tháng` whose Kỳ báo cáo is 11/2026 (the emulator's today is 20/11/2026). */
function novemberRows(env: TestEnv): number[] {
  return values(env, SHEET.reports).flatMap((r, i) => (r[0] === '11/2026' ? [i + 1] : []));
}

/** Whether `user` may type into the count cell (column D) of row `row` of `Báo cáo tháng`. */
function canType(env: TestEnv, row: number, user: string, value: Cell = 99): boolean {
  return canTypeReport(env, [row, 4], user, value);
}

/** Sự kiện and Phiên bản of the history rows, once per event. */
function events(env: TestEnv): string[] {
  const rows = values(env, SHEET.history).slice(1);
  const out: string[] = [];
  for (const r of rows) {
    const e = `${String(r[0])} v${String(r[1])} ${String(r[16])}`;
    if (out[out.length - 1] !== e) out.push(e);
  }
  return out;
}

test('the menu has the three items', () => {
  expect(MENU).toContainEqual([GAS.menu.close, 'closePeriod']);
  expect(MENU).toContainEqual([GAS.menu.closeEarlier, 'closeEarlierPeriod']);
  expect(MENU).toContainEqual([GAS.menu.reopen, 'reopenClosedPeriod']);
});

test('close: the history holds the report; the period’s report rows are locked for units, not for staff; the figures stay after an edit', () => {
  const env = workbook();
  const open = report(env);
  expect(open.closed).toBeUndefined();
  const r = close(env);
  expect(r).toMatchObject({ status: 'done', version: 1 });
  const rows = novemberRows(env);
  expect(rows.length).toBeGreaterThan(0);
  expect(r.rows).toBe(rows.length);
  expect(events(env)).toEqual(['11/2026 v1 Chốt']);
  // one row per unit × indicator of the report, then the province
  const hist = values(env, SHEET.history).slice(1);
  const perUnit = open.units.reduce((n, u) => n + Object.keys(u.indicators).length, 0) + Object.keys(open.province.indicators).length;
  expect(hist).toHaveLength(perUnit);
  expect(hist[0][14]).toBe(STAFF); // Người chốt

  // a unit cannot change a closed period's report; staff can (and the owner)
  expect(canType(env, rows[0], UNIT)).toBe(false);
  expect(canType(env, rows[0], STAFF, 12345)).toBe(true);
  // a row of October is not locked
  const october = values(env, SHEET.reports).findIndex((x) => x[0] === '10/2026') + 1;
  expect(canType(env, october, UNIT)).toBe(true);

  // the closed period reads the snapshot: the staff's edit changes no figure, and is a warning
  const after = report(env);
  expect(after.closed).toMatchObject({ period: '2026-11', version: 1, closedBy: STAFF });
  expect(after.units.map((u) => u.indicators)).toEqual(open.units.map((u) => u.indicators));
  expect(after.issues.some((i) => i.code === 'CLOSED_PERIOD_CHANGED')).toBe(true);
  // Tổng hợp says so in its note row
  const note = renderSummary(after).rows[2][0];
  expect(note).toBe(GAS_SUMMARY.noteClosed('11/2026', 1, after.closed!.closedAt, STAFF));
  expect(renderSummary(open).rows[2][0]).toBe(GAS_SUMMARY.note);

  // closing again is refused while closed
  expect(close(env)).toMatchObject({ status: 'failed', message: GAS.close.alreadyClosed('11/2026', 1) });
});

test('Khóa kỳ đã chốt = Chỉ cảnh báo: warning-only protections; a unit can still edit after the warning, the figures stay the snapshot’s and the edit is CLOSED_PERIOD_CHANGED', () => {
  const env = workbook([['Khóa kỳ đã chốt', 'Chỉ cảnh báo']]);
  const open = report(env);
  expect(open.settings.closedLock).toBe('warn');
  const r = close(env);
  const rows = novemberRows(env);
  expect(r).toMatchObject({ status: 'done', version: 1, rows: rows.length, message: GAS.close.closed('11/2026', 1, rows.length, true) });
  const locks = env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === closeProtection('11/2026'));
  expect(locks.length).toBeGreaterThan(0);
  expect(locks.every((p) => p.isWarningOnly())).toBe(true);
  // every row of the period is under one of them
  const covered = (row: number) => locks.some((p) => row >= p.getRange().getRow() && row <= p.getRange().getLastRow());
  expect(rows.every(covered)).toBe(true);

  expect(env.protectionWarnings).toEqual([]);
  expect(canType(env, rows[0], UNIT, 12345)).toBe(true);
  expect(env.protectionWarnings).toEqual([{ sheet: SHEET.reports, range: `D${String(rows[0])}`, user: UNIT, description: closeProtection('11/2026') }]);
  // October's rows are not under the close: no warning there
  const october = values(env, SHEET.reports).findIndex((x) => x[0] === '10/2026') + 1;
  expect(canType(env, october, UNIT)).toBe(true);
  expect(env.protectionWarnings).toHaveLength(1);

  const after = report(env);
  expect(after.closed).toMatchObject({ period: '2026-11', version: 1 });
  expect(after.units.map((u) => u.indicators)).toEqual(open.units.map((u) => u.indicators));
  expect(after.issues.some((i) => i.code === 'CLOSED_PERIOD_CHANGED')).toBe(true);

  // reopening removes them as it removes blocking ones
  expect(reopen(env, 'Kiểm tra lại')).toMatchObject({ status: 'done' });
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === closeProtection('11/2026'))).toEqual([]);
});

const closeEarlier = (env: TestEnv, period: string | null, answer = true) =>
  env.run('menu', () =>
    closeEarlierPeriod(
      SpreadsheetApp.getActiveSpreadsheet(),
      () => period,
      () => answer,
    ),
  );

test('Chốt số liệu kỳ trước…: October (the default) is closed as of 31/10 and its rows locked; November then shows the change since October in Tổng hợp', () => {
  const env = workbook();
  const asOfOctober = env.run('menu', () => computeReport(false, '2026-10-31'));
  expect(asOfOctober.period).toBe('2026-10');
  const r = closeEarlier(env, '');
  expect(r).toMatchObject({ status: 'done', version: 1 });
  expect(events(env)).toEqual(['10/2026 v1 Chốt']);
  // the snapshot is the report as of October's last day (`bdhvs chot --ky 10/2026` on 20/11)
  const hist = values(env, SHEET.history).slice(1);
  const so = asOfOctober.units[0];
  const code = INDICATORS.find((c) => so.indicators[c]);
  const row = hist.find((h) => h[2] === so.code && h[4] === code);
  expect(row?.[7]).toBe(code ? (so.indicators[code]?.percent ?? '') : undefined);
  // October's rows are locked for units, November's are not
  const october = values(env, SHEET.reports).findIndex((x) => x[0] === '10/2026') + 1;
  expect(canType(env, october, UNIT)).toBe(false);
  expect(canType(env, novemberRows(env)[0], UNIT)).toBe(true);
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).every((p) => p.getDescription() === closeProtection('10/2026'))).toBe(true);

  // November is open, and compares with October
  const now = report(env);
  expect(now.closed).toBeUndefined();
  expect(now.previousClose).toMatchObject({ period: '2026-10', version: 1, closedBy: STAFF });
  expect(env.run('menu', () => runConsolidation()).status).toBe('done');
  const summary = values(env, SHEET.summary);
  const headerRow = summary.findIndex((r) => r[0] === GAS_SUMMARY.headers.code);
  const col = summary[headerRow].indexOf(GAS_SUMMARY.trendHeader('CBCCVC', '10/2026'));
  expect(col).toBeGreaterThan(0);
  const first = now.units.find((u) => u.indicators.CBCCVC?.previousClosed !== undefined && u.indicators.CBCCVC.percent !== null);
  const unitRow = summary.find((r) => r[0] === first?.code);
  const v = first?.indicators.CBCCVC;
  expect(unitRow?.[col]).toBe(
    v && v.previousClosed !== null && v.previousClosed !== undefined ? (Math.round((v.percent ?? 0) * 100) - Math.round(v.previousClosed * 100)) / 10000 : '',
  );
  expect(env.sheetFormats(SHEET.summary)[headerRow + 1][col]).toBe(PERCENT_FORMAT);

  // closing October again is refused while it is closed; nothing written
  const before = values(env, SHEET.history);
  expect(closeEarlier(env, '10/2026')).toMatchObject({ status: 'failed', message: GAS.close.alreadyClosed('10/2026', 1) });
  expect(values(env, SHEET.history)).toEqual(before);
});

test('Chốt số liệu kỳ trước…: a period not started or unreadable is refused, cancel writes nothing; the current period may be typed', () => {
  const env = workbook();
  expect(closeEarlier(env, '12/2026')).toEqual({ status: 'failed', message: GAS.close.periodNotStarted('12/2026') });
  expect(closeEarlier(env, 'tháng trước')).toEqual({ status: 'failed', message: GAS.close.periodUnreadable('tháng trước', false) });
  expect(closeEarlier(env, null).status).toBe('cancelled');
  expect(closeEarlier(env, '', false).status).toBe('cancelled');
  expect(env.spreadsheet.getSheetByName(SHEET.history)).toBeNull();
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
  expect(closeEarlier(env, 'Tháng 11/2026')).toMatchObject({ status: 'done', version: 1 });
  expect(events(env)).toEqual(['11/2026 v1 Chốt']);
});

test('a report row of a closed period typed after the close: Tổng hợp locks it too and says so; then nothing more to lock', () => {
  const env = workbook();
  close(env);
  const all = values(env, SHEET.reports);
  const unitRow = all.find((r) => r[0] === '11/2026');
  const late = all.length + 1;
  // a unit adds a late row for November below the others: nothing protects it yet
  env.userEdit(SHEET.reports, [late, 1], [['11/2026', ...(unitRow ?? []).slice(1, 3)]], { as: UNIT, raw: true });
  expect(canType(env, late, UNIT, 5)).toBe(true);
  const first = env.run('menu', () => runConsolidation());
  expect(first.status).toBe('done');
  expect(first.message.split('\n')).toContain(GAS.close.relocked('11/2026', 1, false));
  expect(canType(env, late, UNIT, 6)).toBe(false);
  expect(canType(env, late, STAFF, 7)).toBe(true);
  const again = env.run('menu', () => runConsolidation());
  expect(again.message).not.toContain('được nhập sau khi chốt');
  // reopening lifts the added protection with the others
  reopen(env, 'Nộp bổ sung');
  expect(canType(env, late, UNIT, 8)).toBe(true);
});

test('reopen needs a reason; reopen → edit → close gives version 2, and version 1 stays as it was', () => {
  const env = workbook();
  close(env);
  const v1 = values(env, SHEET.history);
  const rows = novemberRows(env);
  expect(reopen(env, '   ').status).toBe('failed');
  expect(reopen(env, null).status).toBe('cancelled');
  expect(canType(env, rows[0], UNIT)).toBe(false);

  const r = reopen(env, 'Đơn vị báo cáo nhầm số CB, CC, VC');
  expect(r).toMatchObject({ status: 'done', version: 1 });
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === closeProtection('11/2026'))).toEqual([]);
  expect(canType(env, rows[0], UNIT, 7)).toBe(true);
  expect(report(env).closed).toBeUndefined();

  expect(close(env)).toMatchObject({ status: 'done', version: 2 });
  expect(events(env)).toEqual(['11/2026 v1 Chốt', '11/2026 v1 Mở lại', '11/2026 v2 Chốt']);
  const now = values(env, SHEET.history);
  expect(now.slice(0, v1.length)).toEqual(v1); // nothing overwritten
  const reopenRow = now[v1.length];
  expect(reopenRow[17]).toBe('Đơn vị báo cáo nhầm số CB, CC, VC');
  expect(report(env).closed).toMatchObject({ version: 2 });
  expect(canType(env, rows[0], UNIT)).toBe(false);
});

test('Mở lại kỳ đã chốt… with two periods closed asks which one: empty reopens the current period, a typed earlier one reopens that one only; a period not closed is refused, cancel writes nothing', () => {
  const env = workbook();
  expect(closeEarlier(env, '10/2026')).toMatchObject({ status: 'done', version: 1 });
  expect(close(env)).toMatchObject({ status: 'done', version: 1 });
  const reopenAsking = (period: string | null, reason = 'Bổ sung số liệu') => {
    const asked: string[] = [];
    const r = env.run('menu', () =>
      reopenPeriod(
        SpreadsheetApp.getActiveSpreadsheet(),
        () => reason,
        (m) => {
          asked.push(m);
          return period;
        },
      ),
    );
    return { r, asked };
  };
  const before = values(env, SHEET.history);
  const cancelled = reopenAsking(null);
  expect(cancelled.r.status).toBe('cancelled');
  expect(cancelled.asked).toEqual([GAS.close.reopenPeriodPrompt(['10/2026', '11/2026'], '11/2026')]);
  const notClosed = reopenAsking('9/2026');
  expect(notClosed.r).toMatchObject({ status: 'failed', message: GAS.close.notClosedNow('09/2026', ['10/2026', '11/2026']) });
  expect(reopenAsking('tháng mười').r).toMatchObject({ status: 'failed', message: GAS.close.periodUnreadable('tháng mười', false, true) });
  expect(values(env, SHEET.history)).toEqual(before);

  // October, typed: reopened with its protections removed; November stays closed and locked
  const october = values(env, SHEET.reports).findIndex((x) => x[0] === '10/2026') + 1;
  expect(canType(env, october, UNIT)).toBe(false);
  expect(reopenAsking('10/2026').r).toMatchObject({ status: 'done', version: 1 });
  expect(events(env)).toEqual(['10/2026 v1 Chốt', '11/2026 v1 Chốt', '10/2026 v1 Mở lại']);
  expect(canType(env, october, UNIT, 5)).toBe(true);
  expect(canType(env, novemberRows(env)[0], UNIT)).toBe(false);
  expect(report(env).closed).toMatchObject({ period: '2026-11', version: 1 });

  // one period closed now: no question, the reason only
  const last = reopenAsking('ignored');
  expect(last.asked).toEqual([]);
  expect(last.r).toMatchObject({ status: 'done', version: 1 });
  expect(events(env).at(-1)).toBe('11/2026 v1 Mở lại');
});

test('a unit’s focal point cannot close: refused before anything is written', () => {
  const env = workbook();
  close(env);
  reopen(env, 'Kiểm tra lại');
  const before = values(env, SHEET.history);
  env.setUser(UNIT);
  const r = close(env);
  expect(r.status).toBe('refused');
  expect(values(env, SHEET.history)).toEqual(before);
});

test('cancel writes nothing', () => {
  const env = workbook();
  expect(close(env, false).status).toBe('cancelled');
  expect(env.spreadsheet.getSheetByName(SHEET.history)).toBeNull();
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
});

/**
 * A generated province of 8 units whose first unit's focal point is UNIT, with STAFF as the staff
 * (and `config` rows added to `Cấu hình`), loaded and run as STAFF; `code` is that unit's code.
 */
function provinceWithFocalPoint(config: Cell[][] = []): { env: TestEnv; code: string } {
  const env = gasEnv({ user: OWNER, editors: [STAFF, UNIT] });
  const p = makeProvince({ learners: 300, units: 8, seed: 5 });
  const sheetOf = (name: string): Cell[][] => {
    const found = p.snapshot.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found.values;
  };
  sheetOf(SHEET.config).push(['Cán bộ Sở (email)', STAFF], ...config);
  const registry = sheetOf(SHEET.units);
  const header = registry[0].map((h) => String(h));
  registry[1][header.indexOf('Email đầu mối')] = UNIT;
  const code = String(registry[1][header.indexOf('Mã đơn vị')]);
  loadSnapshot(env, p.snapshot);
  env.setUser(STAFF);
  return { env, code };
}

test('Chỉ cảnh báo with each unit’s own report rows: after the close a unit may still correct its own row after the warning, never another unit’s; reopening leaves its rows as they were prepared', () => {
  const { env, code } = provinceWithFocalPoint([['Khóa kỳ đã chốt', 'Chỉ cảnh báo']]);
  expect(env.run('menu', () => syncUnitReports(SpreadsheetApp.getActiveSpreadsheet(), () => true)).status).toBe('done');
  const own = values(env, SHEET.reports).findIndex((r) => r[0] === '11/2026' && r[1] === code) + 1;
  const other = values(env, SHEET.reports).findIndex((r) => r[0] === '11/2026' && r[1] !== code) + 1;

  const r = close(env);
  expect(r).toMatchObject({ status: 'done', message: GAS.close.closed('11/2026', 1, r.rows ?? -1, true) });
  const locks = env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((x) => x.getDescription() === closeProtection('11/2026'));
  expect(locks.length).toBeGreaterThan(0);
  expect(locks.every((x) => x.isWarningOnly())).toBe(true);
  expect(env.protectionWarnings).toEqual([]);
  expect(canType(env, own, UNIT, 4321)).toBe(true);
  expect(env.protectionWarnings).toEqual([{ sheet: SHEET.reports, range: `D${String(own)}`, user: UNIT, description: closeProtection('11/2026') }]);
  expect(canType(env, other, UNIT)).toBe(false);
  expect(canType(env, other, STAFF, 1234)).toBe(true);
  // the edit does not move the closed figures: it is a CLOSED_PERIOD_CHANGED warning
  expect(report(env).issues.some((i) => i.code === 'CLOSED_PERIOD_CHANGED')).toBe(true);

  expect(reopen(env, 'Đơn vị sửa số liệu').status).toBe('done');
  const warnings = env.protectionWarnings.length;
  expect(canType(env, own, UNIT, 4322)).toBe(true);
  expect(env.protectionWarnings).toHaveLength(warnings);
  expect(canType(env, other, UNIT)).toBe(false);
});

test('with each unit’s own report rows (“Chuẩn bị báo cáo kỳ này”): the close replaces the units’ protections of the period by its lock; after a reopening the next preparation gives the rows back', () => {
  const { env, code } = provinceWithFocalPoint();
  const prepare = () => env.run('menu', () => syncUnitReports(SpreadsheetApp.getActiveSpreadsheet(), () => true));
  expect(prepare().status).toBe('done');
  const own = values(env, SHEET.reports).findIndex((r) => r[0] === '11/2026' && r[1] === code) + 1;
  const other = values(env, SHEET.reports).findIndex((r) => r[0] === '11/2026' && r[1] !== code) + 1;
  expect(canType(env, own, UNIT)).toBe(true);
  expect(canType(env, other, UNIT)).toBe(false);
  const ours = () =>
    env.spreadsheet
      .getSheets()
      .filter((s) => s.getName() === SHEET.reports)
      .flatMap((s) => s.getProtections(SpreadsheetApp.ProtectionType.RANGE))
      .map((x) => x.getDescription())
      .filter((x) => x.startsWith('BDHVS: báo cáo kỳ 11/2026'));
  expect(ours().length).toBe(8);

  expect(close(env).status).toBe('done');
  expect(ours()).toEqual([]);
  // a closed period is not prepared again
  expect(prepare()).toMatchObject({ status: 'failed', message: GAS.unitReports.closed('11/2026') });
  expect(canType(env, own, UNIT)).toBe(false);
  expect(canType(env, own, STAFF, 12345)).toBe(true);

  expect(reopen(env, 'Đơn vị nộp bổ sung').status).toBe('done');
  // reopened: staff-only (the sheet is protected) until the preparation runs again
  expect(canType(env, own, UNIT)).toBe(false);
  expect(prepare().status).toBe('done');
  expect(canType(env, own, UNIT)).toBe(true);
  expect(canType(env, other, UNIT)).toBe(false);
});
