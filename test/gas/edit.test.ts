/**
 * onEdit instant checks: a 1,000-row paste gets the statuses a full run would write, catches a
 * duplicate of a CCCD higher up (and on an earlier sheet), within five value reads/writes and the
 * 30-second simple-trigger limit; a report-row edit stamps Ngày cập nhật.
 */
import { consolidate, issuesByRow, statusText, type Cell, type Issue } from '../../src/core';
import { resolveToday, vnMidnight } from '../../src/core/dates';
import { STATUS_HEADER } from '../../src/core/schema';
import { onEdit, runValidation } from '../../src/gas/main';
import { PROP } from '../../src/gas/names';
import {
  realConsole,
  callSummary,
  envSnapshot,
  findStatusColumn,
  gasEnv,
  inputCells,
  loadSnapshot,
  resetGlobals,
  valueCalls,
  values,
  type TestEnv,
} from './helpers';
import { makeProvince } from './province';

afterEach(resetGlobals);

const TODAY = '2026-11-20';
const CROSS_ROW: Issue['code'][] = ['CCCD_DUPLICATE', 'EMAIL_SHARED', 'PERSON_POSSIBLE_DUPLICATE'];

/** 1,000 new learner rows for `Học viên` (generated people, some bad), plus planted duplicates. */
function pasteRows(env: TestEnv, n: number): Cell[][] {
  const fresh = makeProvince({ learners: n, units: 30, seed: 4242, badEvery: 11 })
    .snapshot.sheets.find((s) => s.name === 'Học viên')!
    .values.slice(3);
  // Make their CCCDs distinct from the existing ones (another birth-year range), keep planted problems.
  const rows = fresh.map((r) => {
    const row = r.slice();
    if (typeof row[3] === 'string' && row[3].length === 12) row[3] = '079' + row[3].slice(3);
    if (typeof row[3] === 'number') row[3] = Number('79' + String(row[3]).slice(2));
    row[2] = String(row[2]).replace(/^hv/, 'moi');
    return row;
  });
  const hv = values(env, 'Học viên');
  const dv1 = values(env, 'DV001');
  rows[10][3] = hv[40][3]; // a duplicate of a CCCD higher up on this sheet
  rows[20][3] = dv1[5][3]; // a duplicate of a CCCD on an earlier sheet
  rows[30][3] = rows[25][3]; // a duplicate within the paste
  return rows;
}

function setupProvince(env: TestEnv): void {
  loadSnapshot(env, makeProvince({ learners: 6000, units: 30, unitTabs: 2, seed: 3 }).snapshot);
}

function statusesOf(env: TestEnv, sheet: string, from: number, n: number): Cell[] {
  const v = values(env, sheet);
  const col = findStatusColumn(v);
  return v.slice(from - 1, from - 1 + n).map((r) => r[col]);
}

test('a 1,000-row paste gets the statuses of a full run, duplicates included, in ≤ 5 value calls and < 30 s', () => {
  const env = gasEnv();
  setupProvince(env);
  env.menu(() => runValidation()); // the usual state: a full run left its caches
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  const from = hv.getLastRow() + 1;
  const rows = pasteRows(env, 1000);
  hv.insertRowsAfter(hv.getMaxRows(), 1000);
  const ev = env.userEdit('Học viên', [from, 1], rows, { raw: true });

  env.counters.reset();
  const t0 = env.clock.nowMs();
  env.run('simple-trigger', () => onEdit(ev as never));
  const elapsed = env.clock.nowMs() - t0;
  const calls = callSummary(env);
  realConsole.log(`onEdit paste of 1,000 rows: ${valueCalls(env)} value reads/writes, ${calls.total} calls, ${elapsed} ms simulated`, calls);
  expect(valueCalls(env)).toBeLessThanOrEqual(5);
  expect(elapsed).toBeLessThan(30_000);

  // What a full run says about the same rows.
  const report = consolidate(envSnapshot(env), { today: TODAY });
  const byRow = issuesByRow(report.issues, 'Học viên');
  const got = statusesOf(env, 'Học viên', from, 1000);
  let exact = 0;
  for (let i = 0; i < 1000; i++) {
    const issues = byRow.get(from + i) ?? [];
    if (issues.some((x) => CROSS_ROW.includes(x.code))) continue;
    expect(got[i]).toBe(statusText(issues));
    exact++;
  }
  expect(exact).toBeGreaterThan(950);
  expect(got.filter((s) => String(s).startsWith('Lỗi')).length).toBeGreaterThan(50);

  // Duplicates: the row higher up, the earlier sheet, and within the paste are all named.
  const dupText = (row: number) => {
    const d = (byRow.get(row) ?? []).find((x) => x.code === 'CCCD_DUPLICATE')!;
    return /trùng với trang “[^”]+”, dòng \d+/.exec(d.message)![0];
  };
  for (const i of [10, 20, 30]) {
    expect(String(got[i])).toMatch(/^Lỗi: /);
    expect(String(got[i])).toContain(dupText(from + i));
    // The only difference from the full run: when the first occurrence is outside the edited rows,
    // its unit is not named, as the core's PriorCccds carries no unit (reported to the core's owner).
    const full = statusText(byRow.get(from + i));
    expect(got[i]).toBe(i === 30 ? full : full.replace(/(trùng với trang “[^”]+”, dòng \d+) \([^)]*\)/, '$1'));
  }
  expect(dupText(from + 10)).toBe('trùng với trang “Học viên”, dòng 41');
  expect(dupText(from + 20)).toBe('trùng với trang “DV001”, dòng 6');
});

test('the first paste on a sheet that never ran still needs no more than the header write extra, and sets the colouring once', () => {
  const env = gasEnv();
  setupProvince(env);
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  const from = hv.getLastRow() + 1;
  hv.insertRowsAfter(hv.getMaxRows(), 200);
  const rows = pasteRows(env, 200);
  const ev = env.userEdit('Học viên', [from, 1], rows, { raw: true });
  const before = inputCells(env);
  env.counters.reset();
  env.run('simple-trigger', () => onEdit(ev as never));
  // top rows, edited rows, Đơn vị (no cache yet), CCCDs above, status header, statuses
  expect(valueCalls(env)).toBeLessThanOrEqual(6);
  expect(values(env, 'Học viên')[2][10]).toBe(STATUS_HEADER);
  // The duplicate of a row higher up is caught without any full run; earlier sheets need the index.
  expect(String(statusesOf(env, 'Học viên', from, 200)[10])).toContain('trùng với trang “Học viên”, dòng 41');
  expect(env.counters.count('Sheet.setConditionalFormatRules')).toBe(1);
  expect(env.properties.document.getProperty(PROP.statusRules + hv.getSheetId())).not.toBeNull();
  // Nothing a unit typed changed.
  const after = inputCells(env);
  expect(after).toEqual(before);

  // A second edit: no new conditional formatting, registry from the cache.
  const ev2 = env.userEdit('Học viên', [from + 3, 2], 'Nguyễn Văn Bình');
  env.counters.reset();
  env.run('simple-trigger', () => onEdit(ev2 as never));
  expect(env.counters.count('Sheet.setConditionalFormatRules')).toBe(0);
  expect(valueCalls(env)).toBeLessThanOrEqual(4);
  const rules = hv.getConditionalFormatRules();
  expect(rules).toHaveLength(2);
  expect(rules.map((r) => r.getBooleanCondition().getCriteriaValues()[0])).toEqual(['=LEFT($K4,3)="Lỗi"', '=LEFT($K4,8)="Cảnh báo"']);
});

test('typing one bad CCCD shows the problem next to the row; fixing it clears it', () => {
  const env = gasEnv();
  setupProvince(env);
  env.menu(() => runValidation());
  const ev = env.userEdit('Học viên', [10, 4], '12345');
  env.run('simple-trigger', () => onEdit(ev as never));
  expect(String(statusesOf(env, 'Học viên', 10, 1)[0])).toMatch(/^Lỗi: Số CCCD “\*{5}” có 5 chữ số; cần đúng 12 chữ số\./);
  const ev2 = env.userEdit('Học viên', [10, 4], '038199123456', { raw: true });
  env.run('simple-trigger', () => onEdit(ev2 as never));
  expect(String(statusesOf(env, 'Học viên', 10, 1)[0])).not.toMatch(/^Lỗi/);
});

test('an edit of a monthly report row stamps Ngày cập nhật with today, in ≤ 3 value calls', () => {
  const env = gasEnv();
  setupProvince(env);
  const rep = values(env, 'Báo cáo tháng');
  const row = rep.length + 1;
  const ev = env.userEdit('Báo cáo tháng', [row, 1], [['11/2026', 'DV003', '', 55]], { raw: true });
  env.counters.reset();
  env.run('simple-trigger', () => onEdit(ev as never));
  expect(valueCalls(env)).toBeLessThanOrEqual(3);
  const stamped = values(env, 'Báo cáo tháng')[row - 1][9];
  expect(stamped).toEqual(vnMidnight(resolveToday(TODAY)));
  expect(env.sheetFormats('Báo cáo tháng')[row - 1][9]).toBe('dd/MM/yyyy');
  // The core reads the stamp as today's report: DV003 has submitted the current period, on time.
  const report = consolidate(envSnapshot(env), { today: TODAY });
  expect(report.units.find((u) => u.code === 'DV003')!.report).toMatchObject({ submitted: true, late: false, updated: TODAY });
  // A date the unit types itself is left alone.
  const typed = new Date(Date.UTC(2026, 10, 18) - 7 * 3600e3);
  const ev2 = env.userEdit('Báo cáo tháng', [row, 10], [[typed]], { raw: true });
  env.run('simple-trigger', () => onEdit(ev2 as never));
  expect(values(env, 'Báo cáo tháng')[row - 1][9]).toEqual(typed);
});

test('edits elsewhere do nothing; onEdit never needs triggers or mail (LIMITED mode)', () => {
  const env = gasEnv();
  setupProvince(env);
  const ev = env.userEdit('Cấu hình', [2, 2], 'Sở KH&CN');
  env.counters.reset();
  expect(env.run('simple-trigger', () => onEdit(ev as never))).toMatchObject({ kind: 'ignored' });
  expect(valueCalls(env)).toBe(0);
  // Đơn vị edits drop the cached registry so the next check reads the new one.
  env.menu(() => runValidation());
  const ev2 = env.userEdit('Đơn vị', [2, 2], 'Sở Ngành Yên Định mới');
  expect(env.run('simple-trigger', () => onEdit(ev2 as never))).toMatchObject({ kind: 'registry-changed' });
});

test('a registry whose text is over the cache limit in bytes (Vietnamese, 3 bytes a letter) does not stop the edit check', () => {
  const env = gasEnv();
  const p = makeProvince({ learners: 300, units: 30, seed: 5 });
  const units = p.snapshot.sheets.find((s) => s.name === 'Đơn vị')!;
  // a notes column of long Vietnamese text: ~60,000 characters (under 90,000), ~180 KB of UTF-8
  units.values = units.values.map((r, i) => [...r, i === 0 ? 'Ghi chú' : i === 1 ? 'ễ'.repeat(60_000) : '']);
  loadSnapshot(env, p.snapshot);
  const ev = env.userEdit('Học viên', [10, 4], '12345');
  env.run('simple-trigger', () => onEdit(ev as never));
  expect(String(statusesOf(env, 'Học viên', 10, 1)[0])).toMatch(/^Lỗi: Số CCCD/);
});
