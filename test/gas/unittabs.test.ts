/**
 * "Tạo trang cho từng đơn vị" (issue 13 §1) in the emulator, with several users: the owner, a
 * department staff member, and the focal points of three units. The emulator enforces
 * protections against the user who edits (test/emulator/spreadsheet.ts Protection, Sheet._guardCells).
 */
import { GAS, SHEET, unitTabProtectionDescription } from '../../src/core';
import { syncUnitTabs } from '../../src/gas/unittabs';
import { MENU } from '../../src/gas/menu';
import { setLimits } from '../../src/gas/env';
import type { Cell } from '../../src/core';
import { callSummary, gasEnv, realConsole, resetGlobals, values, type TestEnv } from './helpers';
import { USERS, registryRow, registryWorkbook, replaceRegistry, threeUnits } from './province';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const { OWNER, STAFF, A1, A2, B, C, OUTSIDER } = USERS;

const unitRow = (code: string, name: string, type: string, email: string): Cell[] => registryRow(code, name, type, email);

/** A workbook with a registry of three units; `units` replaces the registry rows. */
function workbook(units: Cell[][] = threeUnits()): TestEnv {
  const env = registryWorkbook(units, [STAFF, A1, A2, B, C, OUTSIDER]);
  env.addSheet(SHEET.learners, [['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị']]);
  return env;
}

function editorsOf(env: TestEnv, tab: string): string[] {
  const p = env.spreadsheet.getSheetByName(tab)!.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  expect(p).toHaveLength(1);
  return p[0]
    .getEditors()
    .map((u) => u.getEmail())
    .sort();
}

/** Whether `user` may type into the first data row of `tab` (the emulator refuses a protected cell). */
function canType(env: TestEnv, tab: string, user: string): boolean {
  try {
    env.userEdit(tab, 'B10', 'Trần Thị Bình', { as: user });
    return true;
  } catch (_e) {
    return false;
  }
}

function run(env: TestEnv, answer = true) {
  return env.run('menu', () => syncUnitTabs(SpreadsheetApp.getActiveSpreadsheet(), () => answer));
}

test('the menu has the item', () => {
  expect(MENU).toContainEqual([GAS.menu.unitTabs, 'createUnitTabs']);
});

test('another run holding the document lock: busy, no tab created and no protection changed', () => {
  const env = workbook();
  const sheets = env.spreadsheet.getSheets().map((s) => s.getName());
  env.simulateOtherExecutionHoldingLock('document', 60_000);
  const r = run(env);
  expect(r).toMatchObject({ status: 'failed', message: GAS.busy, created: [] });
  expect(env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(sheets);
  expect(env.spreadsheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
});

test('one protected tab per unit, with the template header; each unit edits only its own tab, staff and owner edit all', () => {
  const env = workbook();
  const r = run(env);
  expect(r.status).toBe('done');
  expect(r.created).toEqual(['XA001', 'XA002', 'TR01']);
  // the learner template: title row, then the header with the status column; CCCD column as text
  expect(values(env, 'XA001')[1].slice(0, 6)).toEqual(['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị']);
  expect(env.spreadsheet.getSheetByName('XA001')!.getRange(3, 4).getNumberFormat()).toBe('@');
  expect(editorsOf(env, 'XA001')).toEqual([A1, A2, OWNER, STAFF].sort());
  expect(editorsOf(env, 'XA002')).toEqual([B, OWNER, STAFF].sort());
  const p = env.spreadsheet.getSheetByName('TR01')!.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  expect(p.getDescription()).toBe(unitTabProtectionDescription('TR01'));
  expect(p.canDomainEdit()).toBe(false);

  expect(canType(env, 'XA001', A1)).toBe(true);
  expect(canType(env, 'XA001', A2)).toBe(true);
  expect(canType(env, 'XA002', A1)).toBe(false); // unit A cannot edit unit B's tab
  expect(canType(env, 'XA001', B)).toBe(false);
  expect(canType(env, 'TR01', OUTSIDER)).toBe(false);
  for (const tab of ['XA001', 'XA002', 'TR01']) {
    expect(canType(env, tab, STAFF)).toBe(true);
    expect(canType(env, tab, OWNER)).toBe(true);
  }
  expect(r.message).toContain('Đã tạo 3 trang mới: “XA001”, “XA002”, “TR01”.');
});

test('a second run changes nothing and says so', () => {
  const env = workbook();
  run(env);
  const before = ['XA001', 'XA002', 'TR01'].map((t) => editorsOf(env, t));
  const r = run(env);
  expect(r.status).toBe('nothing');
  expect(r.message).toContain(GAS.unitTabs.nothing(3));
  expect(['XA001', 'XA002', 'TR01'].map((t) => editorsOf(env, t))).toEqual(before);
});

test('registry changes: a removed focal point loses edit rights, a new one gains them, a new unit gets a tab, a removed unit keeps its tab for staff only', () => {
  const env = workbook();
  run(env);
  env.userEdit('XA002', 'B3', 'Lê Văn Cường', { as: B });
  // XA001 drops A2, XA002 changes focal point to C, TR01 leaves the registry, DN01 joins
  replaceRegistry(env, [
    unitRow('XA001', 'UBND xã Tân Phú', 'UBND xã/phường', A1),
    unitRow('XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', C),
    unitRow('DN01', 'Công ty Cổ phần Sông Mã', 'Doanh nghiệp/HTX', ''),
  ]);
  const r = run(env);
  expect(r.status).toBe('done');
  expect(r.created).toEqual(['DN01']);
  expect(r.revoked).toEqual({ XA001: [A2], XA002: [B], TR01: [C] });
  expect(r.granted).toEqual({ XA002: [C], DN01: [STAFF] });
  expect(editorsOf(env, 'XA001')).toEqual([A1, OWNER, STAFF].sort());
  expect(editorsOf(env, 'DN01')).toEqual([OWNER, STAFF].sort());
  expect(editorsOf(env, 'TR01')).toEqual([OWNER, STAFF].sort());
  expect(canType(env, 'XA001', A2)).toBe(false);
  expect(canType(env, 'XA002', B)).toBe(false);
  expect(canType(env, 'XA002', C)).toBe(true);
  expect(canType(env, 'TR01', C)).toBe(false);
  // nothing typed by a unit is lost
  expect(values(env, 'XA002')[2][1]).toBe('Lê Văn Cường');
  expect(r.message).toContain(GAS.unitTabs.noFocal(['DN01']));
  expect(r.message).toContain(GAS.unitTabs.orphans(['TR01']));
});

test('the owner and the person running it are never removed', () => {
  const env = workbook();
  env.setUser(STAFF);
  run(env);
  // the staff member leaves the staff list; run by them, they stay (Sheets never removes the current user)
  const config = env.spreadsheet.getSheetByName(SHEET.config)!;
  config.getRange(2, 2).setValue('');
  run(env);
  expect(editorsOf(env, 'XA001')).toEqual([A1, A2, OWNER, STAFF].sort());
  // run by the owner, the former staff member goes; the owner stays
  env.setUser(OWNER);
  const r = run(env);
  expect(r.revoked.XA001).toEqual([STAFF]);
  expect(editorsOf(env, 'XA001')).toEqual([A1, A2, OWNER].sort());
});

test('a user who cannot edit the protections changes nothing there and is told whom to ask', () => {
  const env = workbook();
  run(env);
  env.setUser(A1);
  const r = run(env);
  // A1 may edit XA001's protection (an editor of it), not the others'
  expect(r.message).toContain(GAS.unitTabs.refused(['XA002', 'TR01'], A1, OWNER));
  expect(editorsOf(env, 'XA002')).toEqual([B, OWNER, STAFF].sort());
});

test('cancelled: nothing is created', () => {
  const env = workbook();
  const before = env.spreadsheet.getSheets().map((s) => s.getName());
  expect(run(env, false).status).toBe('cancelled');
  expect(env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(before);
});

test('an existing tab named by the unit is kept as it is; a code that names a workbook sheet gets no tab; bad focal addresses are reported', () => {
  const env = workbook([
    unitRow('XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'khong-phai-email'),
    unitRow('Học viên', 'Nhầm mã', 'Khác', B),
    unitRow('XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', B),
  ]);
  env.addSheet('UBND xã Đông Sơn', [['Tên'], ['Dữ liệu cũ']]);
  const r = run(env);
  expect(r.created).toEqual(['XA001']);
  expect(values(env, 'UBND xã Đông Sơn')).toEqual([['Tên'], ['Dữ liệu cũ']]);
  expect(editorsOf(env, 'UBND xã Đông Sơn')).toEqual([B, OWNER, STAFF].sort());
  expect(r.message).toContain(GAS.unitTabs.skipped([GAS.unitTabs.skipReason.RESERVED_NAME('Học viên', SHEET.learners)]));
  expect(r.message).toContain(GAS.unitTabs.noFocal(['XA001']));
  expect(r.message).toContain(GAS.unitTabs.registryIssues(1));
});

test('without a registry: a clear message, nothing created', () => {
  const env = gasEnv({ user: OWNER });
  env.addSheet(SHEET.learners, [['STT']]);
  const r = run(env);
  expect(r).toMatchObject({ status: 'failed', message: GAS.unitTabs.noRegistry });
  expect(env.spreadsheet.getSheets()).toHaveLength(1);
});

test('250 units: service calls counted; a second run only reads', () => {
  const rows = Array.from({ length: 250 }, (_v, i) =>
    unitRow(`XA${String(i + 1).padStart(3, '0')}`, `UBND xã số ${i + 1}`, 'UBND xã/phường', `daumoi${i + 1}@example.gov.vn`),
  );
  const env = workbook(rows);
  env.counters.reset();
  const first = run(env);
  expect(first.created).toHaveLength(250);
  const s1 = callSummary(env);
  // the registry and the settings read once each; the template's values written once per tab
  expect(s1.reads).toBe(2);
  expect(s1.writes).toBe(250);
  expect(s1.total / 250).toBeLessThan(80);
  env.counters.reset();
  expect(run(env).status).toBe('nothing');
  const s2 = callSummary(env);
  expect(s2.writes).toBe(0);
  expect(Object.keys(env.counters.snapshot().calls).filter((k) => /^(Protection\.(add|remove|set)|Spreadsheet\.insertSheet)/.test(k))).toEqual([]);
  realConsole.log(`unit tabs, 250 units: first run ${s1.total} calls (${(s1.total / 250).toFixed(1)} a tab), second run ${s2.total} calls`);
});

test('a run that reaches the time budget stops between two tabs; running it again finishes', () => {
  const rows = Array.from({ length: 40 }, (_v, i) =>
    unitRow(`XA${String(i + 1).padStart(3, '0')}`, `UBND xã số ${i + 1}`, 'UBND xã/phường', `daumoi${i + 1}@example.gov.vn`),
  );
  const env = workbook(rows);
  setLimits({ budgetMs: 1 });
  try {
    const first = run(env);
    expect(first.status).toBe('partial');
    expect(first.created).toHaveLength(1);
    expect(first.message).toBe(GAS.unitTabs.partial(1, 39));
  } finally {
    setLimits(null);
  }
  const second = run(env);
  expect(second.status).toBe('done');
  expect(second.created).toHaveLength(39);
  expect(editorsOf(env, 'XA001')).toEqual(['daumoi1@example.gov.vn', OWNER, STAFF].sort());
  expect(editorsOf(env, 'XA040')).toEqual(['daumoi40@example.gov.vn', OWNER, STAFF].sort());
});

test('a tab someone creates while the question is open is not created twice; the next run protects it', () => {
  const env = workbook();
  const r = env.run('menu', () =>
    syncUnitTabs(SpreadsheetApp.getActiveSpreadsheet(), () => {
      SpreadsheetApp.getActiveSpreadsheet().insertSheet('XA002');
      return true;
    }),
  );
  expect(r.status).toBe('done');
  expect(r.created).toEqual(['XA001', 'TR01']);
  expect(r.message).toContain(GAS.unitTabs.createdMeanwhile(['XA002']));
  expect(env.spreadsheet.getSheets().filter((s) => s.getName() === 'XA002')).toHaveLength(1);
  run(env);
  expect(editorsOf(env, 'XA002')).toEqual([B, OWNER, STAFF].sort());
});
