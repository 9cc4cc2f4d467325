/**
 * The rules of moving a unit's rows from `Học viên` into its tab (src/core/moverows.ts): rows by
 * their resolved unit, columns by canonical field or header text, what stays and why, and the
 * positions an undo puts rows back at.
 */
import {
  blockFingerprint,
  columnLetter,
  expandRanges,
  movedGrid,
  planMoveRows,
  readUnitRegistry,
  reinsertBlocks,
  restoredGrid,
  rowRanges,
  SHEET,
  STATUS_HEADER,
  type Cell,
  type MoveTabInput,
} from '../../src/core';

const UNITS = readUnitRegistry(SHEET.units, [
  ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Họ tên đầu mối', 'Email đầu mối'],
  ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'An', 'a@x.vn'],
  ['XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', 'Bình', 'b@x.vn'],
  ['TR01', 'Trường THPT Lê Lợi', 'Trường', 'Cường', 'c@x.vn'],
])!.units;

const TAB_TOP: Cell[][] = [['Danh sách học viên'], ['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị', STATUS_HEADER]];

function tab(unit: string, top: Cell[][] = TAB_TOP): MoveTabInput {
  return { unit, unitName: unit, tab: unit, top: () => top };
}

// the shared sheet: other column order, aliases, a status column
const SOURCE: Cell[][] = [
  ['Họ tên', 'Số CCCD', STATUS_HEADER, 'Cơ quan, đơn vị', 'STT'],
  ['Nguyễn Văn An', '001203004567', 'Hợp lệ', 'UBND xã Tân Phú', 1],
  ['Trần Thị Bình', '038099001234', '', 'xa002', 2],
  ['Lê Văn Cường', '001203004568', '', 'Tân Phú', 3],
  ['', '', 'Lỗi', '', 4], // blank: only STT and status
  ['Phạm Văn Dũng', '001203004569', '', '', 5],
  ['Hoàng Thị Em', '001203004570', '', 'Xã Không Có', 6],
  ['Vũ Văn Giang', '001203004571', '', 'TR01', 7],
];

test('rows go by their resolved unit; columns by field; the status column is not moved; what stays is counted', () => {
  const plan = planMoveRows({ name: SHEET.learners, values: SOURCE }, UNITS, [tab('XA001'), tab('XA002')])!;
  expect(plan.moves.map((m) => [m.tab, m.rows])).toEqual([
    ['XA001', [2, 4]],
    ['XA002', [3]],
  ]);
  expect(plan.stay).toEqual({ noUnit: 1, unknown: 1, noTab: 1 });
  expect(plan.blocked).toEqual([]);
  const m = plan.moves[0];
  expect(m.columns).toEqual([1, 3, -1, 5, 0]);
  expect(m.width).toBe(7);
  expect(m.textColumns).toEqual([3]);
  expect(m.sourceTextColumns).toEqual([1]);
  expect(movedGrid(SOURCE, m)).toEqual([
    [1, 'Nguyễn Văn An', '', '001203004567', '', 'UBND xã Tân Phú', ''],
    [3, 'Lê Văn Cường', '', '001203004568', '', 'Tân Phú', ''],
  ]);
  // back to the source's columns: the status cell empty
  expect(restoredGrid(movedGrid(SOURCE, m), m.columns, plan.sourceWidth)).toEqual([
    ['Nguyễn Văn An', '001203004567', '', 'UBND xã Tân Phú', 1],
    ['Lê Văn Cường', '001203004568', '', 'Tân Phú', 3],
  ]);
});

test('a tab is read only when it receives rows', () => {
  let reads = 0;
  const counted = (unit: string): MoveTabInput => ({ unit, unitName: unit, tab: unit, top: () => (reads++, TAB_TOP) });
  planMoveRows({ name: SHEET.learners, values: SOURCE }, UNITS, [counted('XA001'), counted('TR01'), counted('XA002')]);
  expect(reads).toBe(3);
  reads = 0;
  planMoveRows({ name: SHEET.learners, values: SOURCE.slice(0, 2) }, UNITS, [counted('XA001'), counted('TR01'), counted('XA002')]);
  expect(reads).toBe(1);
});

test('a column with values and no place in the tab stops that tab, naming the column; a column matched by header text moves', () => {
  const source: Cell[][] = [
    ['Họ và tên', 'Số CCCD', 'Đơn vị', 'Ghi chú', '', 'Số điện thoại'],
    ['Nguyễn Văn An', '001203004567', 'XA001', 'mới', 'x', ''],
    ['Trần Thị Bình', '038099001234', 'XA002', '', '', ''],
  ];
  const withNote: Cell[][] = [['Họ và tên', 'CCCD', 'Đơn vị', 'ghi chu']];
  const plan = planMoveRows({ name: SHEET.learners, values: source }, UNITS, [tab('XA001'), tab('XA002', withNote)])!;
  expect(plan.blocked).toEqual([{ unit: 'XA001', unitName: 'XA001', tab: 'XA001', reason: 'NO_PLACE', columns: ['Ghi chú', 'cột E'], rows: 1 }]);
  // XA002's rows hold nothing in the extra columns; its tab has the note column anyway
  expect(plan.moves.map((m) => [m.tab, m.columns])).toEqual([['XA002', [0, 1, 2, -1, -1, -1]]]);
  const plan2 = planMoveRows({ name: SHEET.learners, values: source.slice(0, 2).map((r) => r.slice(0, 4)) }, UNITS, [tab('XA001', withNote)])!;
  expect(plan2.moves[0].columns).toEqual([0, 1, 2, 3]);
});

test('a tab without a learner header gets nothing; no learner header in the shared sheet: null', () => {
  const plan = planMoveRows({ name: SHEET.learners, values: SOURCE }, UNITS, [tab('XA001', [['Tên'], ['Dữ liệu cũ']])])!;
  expect(plan.blocked.map((b) => [b.tab, b.reason, b.rows])).toEqual([['XA001', 'NO_HEADER', 2]]);
  expect(plan.moves).toEqual([]);
  expect(planMoveRows({ name: SHEET.learners, values: [['Tên'], ['x']] }, UNITS, [tab('XA001')])).toBeNull();
});

test('row runs, and where an undo re-inserts them', () => {
  expect(rowRanges([2, 3, 4, 7, 9, 10])).toEqual([
    [2, 3],
    [7, 1],
    [9, 2],
  ]);
  expect(
    expandRanges([
      [2, 3],
      [7, 1],
    ]),
  ).toEqual([2, 3, 4, 7]);
  // original sheet rows 2..10; 3, 4, 7 and 9 moved. All back: at their own positions.
  expect(reinsertBlocks([3, 4, 7, 9], [])).toEqual([
    [3, 2, 0],
    [7, 1, 2],
    [9, 1, 3],
  ]);
  // 4 is not put back (its tab changed): 7 and 9 go one row higher
  expect(reinsertBlocks([9, 3, 7], [4])).toEqual([
    [3, 1, 0],
    [6, 1, 1],
    [8, 1, 2],
  ]);
});

test('the fingerprint sees a changed cell, a changed type, a moved row; the column letter', () => {
  const a: Cell[][] = [
    ['x', '001'],
    ['y', 2],
  ];
  const fp = blockFingerprint(a);
  expect(fp).toMatch(/^[0-9a-f]{8}$/);
  expect(
    blockFingerprint([
      ['x', '001'],
      ['y', 2],
    ]),
  ).toBe(fp);
  expect(
    blockFingerprint([
      ['x', 1],
      ['y', 2],
    ]),
  ).not.toBe(fp);
  expect(
    blockFingerprint([
      ['x', '001'],
      ['y', '2'],
    ]),
  ).not.toBe(fp);
  expect(blockFingerprint([a[1], a[0]])).not.toBe(fp);
  expect(
    blockFingerprint([
      ['x', '001'],
      ['y', 2],
      ['', ''],
    ]),
  ).not.toBe(fp);
  expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});
