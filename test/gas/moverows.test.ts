/**
 * "Chuyển dòng từ “Học viên” sang trang đơn vị" and "Hoàn tác chuyển dòng" (issue 13 §1) in the
 * emulator, with several users (the owner, a department staff member, focal points of units). The
 * emulator enforces protections against the user who runs (test/emulator/spreadsheet.ts).
 */
import { GAS, SHEET, STATUS_HEADER } from '../../src/core';
import { MENU } from '../../src/gas/menu';
import { moveRowsToTabs, undoMoveRows } from '../../src/gas/moverows';
import { syncUnitTabs } from '../../src/gas/unittabs';
import { setLimits } from '../../src/gas/env';
import type { Cell } from '../../src/core';
import { callSummary, gasEnv, realConsole, resetGlobals, trimGrid, values, type TestEnv } from './helpers';
import { UNIT_HEADER, USERS, registryRow, registryWorkbook, threeUnits } from './province';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const { OWNER, STAFF, A1: A, B, C } = USERS;

const LEARNER_HEADER: Cell[] = ['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị', STATUS_HEADER];

const unitRow = (code: string, name: string, type: string, email: string): Cell[] => registryRow(code, name, type, email);

/** The shared sheet of the tests: rows of three units interleaved, rows that stay. */
const SHARED: Cell[][] = [
  ['Danh sách học viên (dùng chung)'],
  LEARNER_HEADER,
  [1, 'Nguyễn Văn An', 'an@example.vn', '001203004567', 'Văn phòng', 'UBND xã Tân Phú', ''],
  [2, 'Trần Thị Bình', '', '038099001234', '', 'XA002', ''],
  [3, 'Lê Văn Cường', '', '001203004568', '', 'XA001', ''],
  [4, 'Phạm Văn Dũng', '', '001203004569', '', '', ''],
  [5, 'Hoàng Thị Em', '', '001203004570', '', 'Xã Không Có', ''],
  [6, 'Vũ Văn Giang', '', '001203004571', 'Tổ 1', 'Trường THPT Lê Lợi', ''],
  [7, 'Đỗ Thị Hoa', '', '001203004572', '', 'XA001', ''],
  [8, 'Ngô Văn Khánh', '', '038099001235', '', 'XA002', ''],
];

/** Three units with their tabs (made by "Tạo trang cho từng đơn vị"), and the shared sheet. */
function workbook(shared: Cell[][] = SHARED, units?: Cell[][]): TestEnv {
  const env = registryWorkbook(units ?? threeUnits(A), [STAFF, A, B, C]);
  // values stored as given (cells already typed); the CCCD column as text, as the template makes it
  const sheet = env.addSheet(SHEET.learners, shared, { maxRows: Math.max(1000, shared.length + 100) });
  sheet.getRange(1, 4, sheet.getMaxRows(), 1).setNumberFormat('@');
  const r = env.run('menu', () => syncUnitTabs(SpreadsheetApp.getActiveSpreadsheet(), () => true));
  expect(r.status).toBe('done');
  return env;
}

function pad(r: Cell[], n: number): Cell[] {
  return [...r, ...new Array<Cell>(Math.max(0, n - r.length)).fill('')];
}

function move(env: TestEnv, answer = true) {
  const asked: string[] = [];
  const r = env.run('menu', () =>
    moveRowsToTabs(SpreadsheetApp.getActiveSpreadsheet(), (m) => {
      asked.push(m);
      return answer;
    }),
  );
  return { ...r, asked };
}

function undo(env: TestEnv, answer = true) {
  const asked: string[] = [];
  const r = env.run('menu', () =>
    undoMoveRows(SpreadsheetApp.getActiveSpreadsheet(), (m) => {
      asked.push(m);
      return answer;
    }),
  );
  return { ...r, asked };
}

/** A tab's data rows (below the title and header), without the trailing empty cells. */
function dataRows(env: TestEnv, tab: string): Cell[][] {
  return trimGrid(values(env, tab).slice(2));
}

function everything(env: TestEnv): Record<string, Cell[][]> {
  const out: Record<string, Cell[][]> = {};
  for (const s of env.spreadsheet.getSheets()) out[s.getName()] = trimGrid(values(env, s.getName()));
  return out;
}

function props(): Record<string, string> {
  return PropertiesService.getDocumentProperties().getProperties();
}

test('the menu has both items, after "Tạo trang cho từng đơn vị"', () => {
  const i = MENU.findIndex((m) => m !== null && m[1] === 'createUnitTabs');
  expect(MENU[i + 1]).toEqual([GAS.menu.moveRows, 'moveRowsToUnitTabs']);
  expect(MENU[i + 2]).toEqual([GAS.menu.undoMoveRows, 'undoMoveRows']);
});

test('preview of the counts; rows arrive in their tabs unchanged (CCCD text kept); Học viên keeps only the rows that stay; undo restores it exactly', () => {
  const env = workbook();
  const before = everything(env);
  const r = move(env);
  expect(r.status).toBe('done');
  expect(r.asked).toHaveLength(1);
  expect(r.asked[0]).toBe(
    GAS.moveRows.confirm(
      [GAS.moveRows.line('XA001', 'XA001', 3), GAS.moveRows.line('XA002', 'XA002', 2), GAS.moveRows.line('TR01', 'TR01', 1)],
      6,
      3,
      [GAS.moveRows.stays(GAS.moveRows.stay({ noUnit: 1, unknown: 1, noTab: 0 }))],
      false,
    ),
  );
  expect(r.asked[0]).toContain('1 dòng để trống cột “Đơn vị”; 1 dòng có đơn vị không có trong trang “Đơn vị”');
  expect(r.moved).toEqual({ XA001: 3, XA002: 2, TR01: 1 });
  expect(r.message).toBe(GAS.moveRows.done(6, 3, [GAS.moveRows.stays(GAS.moveRows.stay({ noUnit: 1, unknown: 1, noTab: 0 }))]));
  const strip = (row: Cell[]) => trimGrid([row.slice(0, 6)])[0];
  expect(dataRows(env, 'XA001')).toEqual([SHARED[2], SHARED[4], SHARED[8]].map(strip));
  expect(dataRows(env, 'XA002')).toEqual([SHARED[3], SHARED[9]].map(strip));
  expect(dataRows(env, 'TR01')).toEqual([SHARED[7]].map(strip));
  expect(values(env, 'XA002')[2][3]).toBe('038099001234');
  expect(env.spreadsheet.getSheetByName('XA002')!.getRange(3, 4).getNumberFormat()).toBe('@');
  expect(trimGrid(values(env, SHEET.learners))).toEqual(trimGrid([SHARED[0], SHARED[1], SHARED[5], SHARED[6]]));
  // the undo record: positions, never a CCCD or a name
  const stored = JSON.stringify(props());
  expect(stored).not.toMatch(/\d{12}/);
  expect(stored).not.toContain('Nguyễn');

  const u = undo(env);
  expect(u.status).toBe('done');
  expect(u.asked[0]).toBe(GAS.moveRows.confirmUndo(6, 3, []));
  expect(u.message).toBe(GAS.moveRows.undone(6, 3, []));
  expect(everything(env)).toEqual(before);
  expect(values(env, SHEET.learners)[3][3]).toBe('038099001234');
  expect(Object.keys(props()).filter((k) => k.startsWith('bdhvs.moveRows'))).toEqual([]);
  // nothing left to undo
  expect(undo(env).message).toBe(GAS.moveRows.nothingToUndo);
});

test('a tab whose moved block was changed is not undone, and is named; the others are, at their places', () => {
  const env = workbook();
  move(env);
  env.userEdit('XA002', 'B4', 'Ngô Văn Khang', { as: B });
  const u = undo(env);
  expect(u.status).toBe('done');
  expect(u.changed).toEqual(['XA002']);
  expect(u.asked[0]).toBe(GAS.moveRows.confirmUndo(4, 2, ['XA002']));
  expect(u.message).toContain('“XA002”');
  // XA002's rows stay in its tab (as edited); the others are back in their order
  expect(dataRows(env, 'XA002').map((r) => r[1])).toEqual(['Trần Thị Bình', 'Ngô Văn Khang']);
  expect(dataRows(env, 'XA001')).toEqual([]);
  expect(trimGrid(values(env, SHEET.learners))).toEqual(trimGrid([0, 1, 2, 4, 5, 6, 7, 8].map((i) => SHARED[i])));
});

test('a user who adds rows to a tab after the move does not stop its undo; the added rows stay', () => {
  const env = workbook();
  move(env);
  env.userEdit('XA001', 'A6:F6', [[9, 'Bùi Thị Lan', '', '001203004580', '', '']], { as: A });
  const u = undo(env);
  expect(u.changed).toEqual([]);
  expect(dataRows(env, 'XA001')).toEqual([[9, 'Bùi Thị Lan', '', '001203004580']]);
  expect(trimGrid(values(env, SHEET.learners))).toEqual(trimGrid(SHARED));
});

test('cancel changes nothing', () => {
  const env = workbook();
  const before = everything(env);
  env.counters.reset();
  const r = move(env, false);
  expect(r.status).toBe('cancelled');
  expect(everything(env)).toEqual(before);
  expect(callSummary(env).writes).toBe(0);
  expect(Object.keys(props()).filter((k) => k.startsWith('bdhvs.moveRows'))).toEqual([]);
  move(env);
  const moved = everything(env);
  expect(undo(env, false).status).toBe('cancelled');
  expect(everything(env)).toEqual(moved);
});

test('a focal point cannot move rows into other units’ tabs: refused before any write; staff can', () => {
  const env = workbook();
  const before = everything(env);
  env.setUser(A);
  env.counters.reset();
  const r = move(env);
  expect(r.status).toBe('refused');
  expect(r.asked).toEqual([]);
  expect(r.message).toContain('“XA002”');
  expect(r.message).toContain('“TR01”');
  expect(r.message).not.toContain('“XA001”');
  expect(callSummary(env).writes).toBe(0);
  expect(everything(env)).toEqual(before);
  env.setUser(STAFF);
  expect(move(env).status).toBe('done');
  // the focal point of XA001 cannot undo what landed in XA002's tab either
  env.setUser(A);
  const u = undo(env);
  expect(u.status).toBe('refused');
  env.setUser(STAFF);
  expect(undo(env).status).toBe('done');
  expect(everything(env)).toEqual(before);
});

test('a protected Học viên the runner cannot edit: refused before any write', () => {
  const env = workbook();
  const p = env.spreadsheet.getSheetByName(SHEET.learners)!.protect();
  p.removeEditors(p.getEditors());
  env.setUser(STAFF);
  const before = everything(env);
  const r = move(env);
  expect(r.status).toBe('refused');
  expect(r.message).toContain(`“${SHEET.learners}”`);
  expect(everything(env)).toEqual(before);
});

test('a column with values and no place in the tab stops that tab only, naming the column', () => {
  const shared = SHARED.map((row, i) => [...pad(row, 7), i === 1 ? 'Ghi chú' : i === 2 ? 'chuyển từ xã khác' : '']);
  const env = workbook(shared);
  const r = move(env);
  expect(r.status).toBe('done');
  expect(r.moved).toEqual({ XA002: 2, TR01: 1 });
  expect(r.message).toContain(GAS.moveRows.noPlace('XA001', 3, ['Ghi chú']));
  expect(trimGrid(values(env, SHEET.learners)).map((row) => row[1] ?? '')).toEqual([
    '',
    'Họ và tên',
    'Nguyễn Văn An',
    'Lê Văn Cường',
    'Phạm Văn Dũng',
    'Hoàng Thị Em',
    'Đỗ Thị Hoa',
  ]);
});

test('nothing to move, no tabs yet: clear messages, nothing written', () => {
  const env = workbook(SHARED.slice(0, 2));
  expect(move(env)).toMatchObject({ status: 'nothing', message: GAS.moveRows.nothing });
  const bare = gasEnv({ user: OWNER });
  bare.addSheet(SHEET.units, [UNIT_HEADER, unitRow('XA001', 'UBND xã Tân Phú', 'UBND xã/phường', A)]);
  bare.addSheet(SHEET.learners, SHARED);
  expect(bare.run('menu', () => moveRowsToTabs(SpreadsheetApp.getActiveSpreadsheet(), () => true))).toMatchObject({
    status: 'failed',
    message: GAS.moveRows.noTabs,
  });
});

test('a move into a tab with rows: appended below its last row; a second move replaces the undo of the first, and says so', () => {
  const env = workbook(SHARED.slice(0, 5));
  env.userEdit('XA001', 'A3:F3', [[1, 'Lý Văn Minh', '', '001203004590', '', '']], { as: A });
  expect(move(env).status).toBe('done');
  expect(dataRows(env, 'XA001').map((r) => r[1])).toEqual(['Lý Văn Minh', 'Nguyễn Văn An', 'Lê Văn Cường']);
  env.userEdit(SHEET.learners, 'A3:F3', [[9, 'Bùi Thị Lan', '', '001203004580', '', 'XA001']], { as: STAFF });
  const second = move(env);
  expect(second.asked[0]).toContain('Lần chuyển dòng trước sẽ không hoàn tác được nữa');
  expect(undo(env).restored).toBe(1);
  expect(dataRows(env, 'XA001').map((r) => r[1])).toEqual(['Lý Văn Minh', 'Nguyễn Văn An', 'Lê Văn Cường']);
});

test('20 units × 200 rows: one read per sheet, one write per tab, one deletion per block; the time budget stops between tabs', () => {
  const units = Array.from({ length: 20 }, (_v, i) =>
    unitRow(`XA${String(i + 1).padStart(3, '0')}`, `UBND xã số ${i + 1}`, 'UBND xã/phường', `daumoi${i + 1}@example.gov.vn`),
  );
  const rows: Cell[][] = [];
  for (let u = 0; u < 20; u++)
    for (let k = 0; k < 200; k++)
      rows.push([rows.length + 1, `Học viên ${u}-${k}`, '', String(1e11 + u * 1000 + k).padStart(12, '0'), '', `XA${String(u + 1).padStart(3, '0')}`, '']);
  // a few rows that stay, between the units' blocks
  rows.splice(1000, 0, [0, 'Không đơn vị', '', '001203009999', '', '', '']);
  const shared = [SHARED[0], LEARNER_HEADER, ...rows];
  const env = workbook(shared, units);
  const before = everything(env);
  env.counters.reset();
  const r = move(env);
  expect(r.status).toBe('done');
  // the preview names the first 10 units, then the count of the others
  expect(r.asked[0]).toContain(GAS.moveRows.line('XA010', 'XA010', 200) + '\n' + GAS.moveRows.more(10));
  expect(r.asked[0]).not.toContain('XA011');
  expect(r.asked[0]).toContain('Sẽ chuyển 4.000 dòng của 20 đơn vị');
  const s = callSummary(env);
  const calls = env.counters.snapshot().calls;
  // Đơn vị, Học viên and each tab's top rows, Học viên again under the lock (unchanged since the
  // question?); one setValues per tab; the moved rows are two blocks (split by the row that stays)
  expect(s.reads).toBe(2 + 20 + 1);
  expect(s.writes).toBe(20);
  expect(calls['Sheet.deleteRows']).toBe(2);
  realConsole.log(
    `move rows, 20 units × 200 rows: ${s.total} calls, ${s.reads} reads, ${s.writes} writes, ${calls['Sheet.deleteRows']} deleteRows; top ${JSON.stringify(s.top)}`,
  );
  expect(trimGrid(values(env, SHEET.learners)).length).toBe(3);
  env.counters.reset();
  expect(undo(env).restored).toBe(4000);
  const su = callSummary(env);
  realConsole.log(`undo: ${su.total} calls, ${su.reads} reads, ${su.writes} writes`);
  // each tab's block read for the question and again under the lock; the rows go back as two
  // blocks: one insertion and one write each
  expect(su.reads).toBe(40);
  expect(su.writes).toBe(2);
  expect(env.counters.snapshot().calls['Sheet.insertRowsBefore']).toBe(2);
  expect(everything(env)).toEqual(before);

  setLimits({ budgetMs: 1 });
  try {
    const p = move(env);
    expect(p.status).toBe('partial');
    expect(Object.keys(p.moved)).toEqual(['XA001']);
    expect(p.message).toBe(GAS.moveRows.partial(200, 1, 19));
  } finally {
    setLimits(null);
  }
  expect(trimGrid(values(env, SHEET.learners)).length).toBe(2 + 3801);
  expect(undo(env).restored).toBe(200);
  expect(everything(env)).toEqual(before);
});

test('dates, numbers and digit strings arrive as they were, and come back so', () => {
  const born = new Date(Date.UTC(1990, 4, 17, 17));
  const shared: Cell[][] = [
    ['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị', 'Ngày sinh'],
    [1, 'Nguyễn Văn An', '', 1203004567, '001', 'XA001', born],
    [2, 'Trần Thị Bình', '', '=1+1', 'TRUE', 'XA001', '17/05/1990'],
  ];
  const env = workbook(shared);
  const before = everything(env);
  expect(move(env).status).toBe('done');
  const tab = values(env, 'XA001');
  expect(tab[2].slice(0, 6)).toEqual([1, 'Nguyễn Văn An', '', 1203004567, '001', 'XA001']);
  expect((tab[2][9] as Date).getTime()).toBe(born.getTime());
  expect(tab[3].slice(0, 6)).toEqual([2, 'Trần Thị Bình', '', '=1+1', 'TRUE', 'XA001']);
  expect(tab[3][9]).toBe('17/05/1990');
  expect(undo(env).restored).toBe(2);
  expect(everything(env)).toEqual(before);
});

test('stopped after the rows were written and before they left Học viên: the undo only takes them off the tabs', () => {
  const env = workbook();
  const before = everything(env);
  const learners = env.spreadsheet.getSheetByName(SHEET.learners)!;
  const spy = jest.spyOn(learners, 'deleteRows').mockImplementation(() => {
    throw new Error('Exceeded maximum execution time');
  });
  expect(() => move(env)).toThrow('Exceeded maximum execution time');
  spy.mockRestore();
  expect(dataRows(env, 'XA001')).toHaveLength(3);
  expect(undo(env).restored).toBe(6);
  expect(everything(env)).toEqual(before);
});

test('another run holding the document lock: busy, nothing written (asked first, the lock taken after)', () => {
  const env = workbook();
  const before = everything(env);
  env.simulateOtherExecutionHoldingLock('document', 60_000);
  const r = move(env);
  expect(r).toMatchObject({ status: 'failed', message: GAS.busy });
  expect(r.asked).toHaveLength(1);
  expect(everything(env)).toEqual(before);
  expect(Object.keys(props()).filter((k) => k.startsWith('bdhvs.moveRows'))).toEqual([]);
});

test('a unit that types while the question is open: nothing is moved or deleted, and the message says to run again', () => {
  for (const edit of [
    (env: TestEnv) => env.userEdit(SHEET.learners, 'B4', 'Trần Thị Bính', { as: B }), // a row of Học viên retyped
    (env: TestEnv) => env.userEdit('XA001', 'B3', 'Bùi Văn Long', { as: A }), // a new row at the end of a tab
  ]) {
    const env = workbook();
    let before: Record<string, Cell[][]> = {};
    const r = env.run('menu', () =>
      moveRowsToTabs(SpreadsheetApp.getActiveSpreadsheet(), () => {
        edit(env);
        before = everything(env);
        return true;
      }),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toBe(GAS.moveRows.changedSincePreview);
    expect(everything(env)).toEqual(before);
    expect(Object.keys(props()).filter((k) => k.startsWith('bdhvs.moveRows'))).toEqual([]);
  }
});

test('undo: a unit that edits its moved rows while the question is open keeps its edit; nothing is undone', () => {
  const env = workbook();
  expect(move(env).status).toBe('done');
  let before: Record<string, Cell[][]> = {};
  const r = env.run('menu', () =>
    undoMoveRows(SpreadsheetApp.getActiveSpreadsheet(), () => {
      env.userEdit('XA001', 'B3', 'Lê Văn Cường (sửa)', { as: A });
      before = everything(env);
      return true;
    }),
  );
  expect(r.status).toBe('failed');
  expect(r.message).toBe(GAS.moveRows.undoChangedSincePreview);
  expect(everything(env)).toEqual(before);
  expect(dataRows(env, 'XA001')[0][1]).toBe('Lê Văn Cường (sửa)');
});
