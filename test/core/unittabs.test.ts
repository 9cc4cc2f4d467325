/**
 * The rules of per-unit tabs (src/core/unittabs.ts) and the focal addresses of `Đơn vị`
 * (several per unit; a bad one is reported, not dropped silently).
 */
import { consolidate, editorChange, planUnitTabs, readUnitRegistry, splitEmails, SHEET, type Cell } from '../../src/core';
import { learner, LEARNER_HEADER } from '../helpers/workbook';

const HEADER: Cell[] = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Họ tên đầu mối', 'Email đầu mối'];

function registry(rows: Cell[][]) {
  const r = readUnitRegistry(SHEET.units, [HEADER, ...rows]);
  if (!r) throw new Error('no registry');
  return r;
}

test('splitEmails: several addresses by comma, semicolon or line; duplicates once; bad ones and typos apart', () => {
  expect(splitEmails('a@x.vn; B@Y.VN,\nc@z.vn')).toEqual({ valid: ['a@x.vn', 'B@y.vn', 'c@z.vn'], invalid: [], typos: [] });
  expect(splitEmails('A@x.vn; a@X.vn').valid).toEqual(['A@x.vn']);
  expect(splitEmails('nguyen van@x.vn').invalid).toEqual(['nguyen van@x.vn']);
  expect(splitEmails('x@gmail.con')).toEqual({ valid: ['x@gmail.con'], invalid: [], typos: [{ value: 'x@gmail.con', suggestion: 'x@gmail.com' }] });
  expect(splitEmails('  ')).toEqual({ valid: [], invalid: [], typos: [] });
});

test('the registry keeps every focal address, and reports a bad one on its cell', () => {
  const r = registry([
    ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'An', 'a@x.vn; b@x.vn'],
    ['XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', 'Bình', 'khong-phai-email; c@x.vn'],
    ['XA003', 'UBND xã Hải Tiến', 'UBND xã/phường', 'Cường', 'd@gmail.con'],
  ]);
  expect(r.units.map((u) => [u.email, u.emails])).toEqual([
    ['a@x.vn, b@x.vn', ['a@x.vn', 'b@x.vn']],
    ['c@x.vn', ['c@x.vn']],
    ['d@gmail.con', ['d@gmail.con']],
  ]);
  expect(r.issues.map((i) => [i.code, i.sheet, i.row, i.column, i.unit])).toEqual([
    ['EMAIL_FORMAT', SHEET.units, 3, 'Email đầu mối', 'XA002'],
    ['EMAIL_TYPO', SHEET.units, 4, 'Email đầu mối', 'XA003'],
  ]);
  expect(r.issues[0].message).toContain('“khong-phai-email”');
});

test('a unit with two focal points gets one reminder addressed to both', () => {
  const report = consolidate(
    {
      sheets: [
        { name: SHEET.units, values: [HEADER, ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'An', 'a@x.vn; b@x.vn']] },
        { name: SHEET.learners, values: [['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban', 'Đơn vị']] },
      ],
    },
    { today: '2026-11-20' },
  );
  expect(report.units[0].email).toBe('a@x.vn, b@x.vn');
  expect(report.reminders.map((m) => m.to)).toEqual(['a@x.vn, b@x.vn']);
});

test('planUnitTabs: tab by code, an existing tab by code or name kept, reserved and taken names refused', () => {
  const r = registry([
    ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'An', 'a@x.vn'],
    ['XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', 'Bình', 'B@x.vn'],
    ['Tổng hợp', 'Nhầm', 'Khác', '', 'c@x.vn'],
    ['XA004', 'UBND xã Tân Phú', 'UBND xã/phường', '', ''],
    ['X'.repeat(101), 'Dài', 'Khác', '', ''],
  ]);
  const plan = planUnitTabs(r.units, ['Học viên', 'xa001', 'UBND xã Đông Sơn'], ['Staff@skhcn.vn']);
  expect(plan.tabs).toEqual([
    { unit: 'XA001', unitName: 'UBND xã Tân Phú', tab: 'xa001', create: false, editors: ['a@x.vn', 'staff@skhcn.vn'], noFocal: false },
    { unit: 'XA002', unitName: 'UBND xã Đông Sơn', tab: 'UBND xã Đông Sơn', create: false, editors: ['b@x.vn', 'staff@skhcn.vn'], noFocal: false },
    { unit: 'XA004', unitName: 'UBND xã Tân Phú', tab: 'XA004', create: true, editors: ['staff@skhcn.vn'], noFocal: true },
  ]);
  expect(plan.skipped).toEqual([
    { unit: 'Tổng hợp', unitName: 'Nhầm', reason: 'RESERVED_NAME', other: 'Tổng hợp' },
    { unit: 'X'.repeat(101), unitName: 'Dài', reason: 'NAME_TOO_LONG' },
  ]);
});

test('planUnitTabs: a tab named by a code belongs to that unit, even when another unit is named so', () => {
  const r = registry([
    ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', '', 'a@x.vn'],
    ['XA002', 'XA001', 'UBND xã/phường', '', 'b@x.vn'],
  ]);
  for (const units of [r.units, [...r.units].reverse()]) {
    const plan = planUnitTabs(units, ['XA001'], []);
    expect(plan.tabs.map((t) => [t.unit, t.tab, t.create]).sort()).toEqual([
      ['XA001', 'XA001', false],
      ['XA002', 'XA002', true],
    ]);
    expect(plan.skipped).toEqual([]);
  }
});

test('planUnitTabs: two units of the same name: the first keeps the tab of that name, the second gets its own', () => {
  const kimTan: Cell[][] = [
    ['XA001', 'Trường Kim Tân', 'Trường', '', 'a@x.vn'],
    ['XA002', 'Trường Kim Tân', 'Trường', '', 'b@x.vn'],
  ];
  const r = registry(kimTan);
  const plan = planUnitTabs(r.units, ['Trường Kim Tân'], []);
  expect(plan.tabs.map((t) => t.tab)).toEqual(['Trường Kim Tân', 'XA002']);
  expect(plan.skipped).toEqual([]);
  // the first uses its code's tab: the tab of the name is still not the second's (its rows count for the first)
  expect(planUnitTabs(r.units, ['xa001', 'Trường Kim Tân'], []).tabs.map((t) => [t.tab, t.create])).toEqual([
    ['xa001', false],
    ['XA002', true],
  ]);
  const snap = {
    sheets: [
      { name: SHEET.units, values: [HEADER, ...kimTan] },
      { name: 'Trường Kim Tân', values: [LEARNER_HEADER, learner({ unit: '' })] },
    ],
  };
  expect(consolidate(snap, { today: '2026-11-20' }).units.map((u) => [u.code, u.learners.rows])).toEqual([
    ['XA001', 1],
    ['XA002', 0],
  ]);
  const clash = registry([
    ['XA001', 'Trường Kim Tân', 'Trường', '', ''],
    ['xa001 ', 'Trùng mã', 'Trường', '', ''],
  ]);
  // a duplicate code is already an issue of the registry (UNIT_CODE_DUPLICATE): one unit, one tab
  expect(clash.issues.map((i) => i.code)).toEqual(['UNIT_CODE_DUPLICATE']);
  expect(planUnitTabs(clash.units, [], []).tabs.map((t) => t.tab)).toEqual(['XA001']);
});

test('editorChange never removes the owner or the runner, and compares without case', () => {
  expect(editorChange(['Owner@x.vn', 'me@x.vn', 'old@x.vn', 'keep@x.vn'], ['KEEP@x.vn', 'new@x.vn'], ['owner@x.vn', 'me@x.vn'])).toEqual({
    add: ['new@x.vn'],
    remove: ['old@x.vn'],
  });
});
