/**
 * The rules of each unit's own `Báo cáo tháng` rows (src/core/unitreports.ts) and the rule that
 * makes a prepared row harmless: a row with every count empty is not a report (src/core/reports.ts).
 */
import {
  consolidate,
  parseUnitReportProtection,
  planUnitReports,
  readUnitRegistry,
  unitReportProtectionDescription,
  SHEET,
  type Cell,
  type UnitReportsPlan,
} from '../../src/core';

const UNITS: Cell[] = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Họ tên đầu mối', 'Email đầu mối', 'Tổng số CB, CC, VC, NLĐ'];
const REPORTS: Cell[] = ['Kỳ báo cáo', 'Mã đơn vị', 'Đơn vị', 'CB, CC, VC, NLĐ đã hoàn thành', 'Ngày cập nhật'];

const registryRows: Cell[][] = [
  ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'An', 'A@x.vn; b@x.vn', 100],
  ['XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', 'Bình', 'c@x.vn', 100],
  ['TR01', 'Trường THPT Lê Lợi', 'Trường', 'Cường', '', 100],
];

function units() {
  const r = readUnitRegistry(SHEET.units, [UNITS, ...registryRows]);
  if (!r) throw new Error('no registry');
  return r.units;
}

function plan(reportRows: Cell[][], period = '2026-11', cycle: 'month' | 'quarter' = 'month'): UnitReportsPlan {
  const p = planUnitReports(SHEET.reports, [['Báo cáo tháng 11/2026'], REPORTS, ...reportRows], units(), ['Staff@x.vn'], period, cycle);
  if (typeof p === 'string') throw new Error(p);
  return p;
}

test('one row per unit without a row of the period; rows of the period found by code or name, in the cycle', () => {
  const p = plan([
    ['10/2026', 'XA001', '', 10, ''],
    ['Tháng 11/2026', '', 'UBND xã Đông Sơn', 20, ''],
    ['', '', '', '', ''],
    ['11/2026', 'XA002', '', 25, ''],
    ['11/2026', 'XA999', '', 25, ''],
  ]);
  expect(p.label).toBe('11/2026');
  expect(p.headerRow).toBe(2);
  expect(p.appendAt).toBe(8);
  expect(p.append).toEqual([
    ['11/2026', 'XA001', 'UBND xã Tân Phú', '', ''],
    ['11/2026', 'TR01', 'Trường THPT Lê Lợi', '', ''],
  ]);
  expect(p.textColumns).toEqual([0, 1]);
  expect(p.units.map((u) => [u.unit, u.rows, u.editors, u.noFocal])).toEqual([
    ['XA001', [8], ['a@x.vn', 'b@x.vn', 'staff@x.vn'], false],
    ['XA002', [4, 6], ['c@x.vn', 'staff@x.vn'], false],
    ['TR01', [9], ['staff@x.vn'], true],
  ]);
  // quarterly: a month of the quarter is the quarter's row; the label is the quarter's
  const q = plan([['11/2026', 'XA001', '', 10, '']], '2026-Q4', 'quarter');
  expect(q.label).toBe('Quý IV/2026');
  expect(q.units[0].rows).toEqual([3]);
  expect(q.append.map((r) => r[0])).toEqual(['Quý IV/2026', 'Quý IV/2026']);
});

test('no table, no unit column: refused', () => {
  expect(planUnitReports(SHEET.reports, [['x']], units(), [], '2026-11', 'month')).toBe('NO_TABLE');
  expect(planUnitReports(SHEET.reports, [['Kỳ báo cáo', 'CB, CC, VC, NLĐ đã hoàn thành']], units(), [], '2026-11', 'month')).toBe('NO_UNIT_COLUMN');
});

test('protection descriptions: written and read back', () => {
  const d = unitReportProtectionDescription('Quý IV/2026', 'XA 001');
  expect(parseUnitReportProtection(d)).toEqual({ label: 'Quý IV/2026', unit: 'XA 001' });
  expect(parseUnitReportProtection('BDHVS: trang của đơn vị XA001')).toBeNull();
  expect(parseUnitReportProtection('BDHVS: số liệu đã chốt kỳ 11/2026')).toBeNull();
});

test('a row with every count empty is not a report: not submitted, no issue; one count makes it a report', () => {
  const run = (rows: Cell[][]) =>
    consolidate(
      {
        sheets: [
          { name: SHEET.units, values: [UNITS, ...registryRows] },
          { name: SHEET.reports, values: [REPORTS, ...rows] },
        ],
      },
      { today: '2026-11-26' },
    );
  const empty = run([['11/2026', 'XA001', 'UBND xã Tân Phú', '', '']]);
  const none = run([]);
  expect(empty.units[0].report).toEqual(none.units[0].report);
  expect(empty.units[0].report.submitted).toBe(false);
  expect(empty.units[0].reasons).toContain('REPORT_MISSING');
  expect(empty.issues).toEqual(none.issues);
  // a date alone does not make a report either
  expect(run([['11/2026', 'XA001', '', '', '20/11/2026']]).units[0].report.submitted).toBe(false);
  const filled = run([['11/2026', 'XA001', 'UBND xã Tân Phú', 0, '']]);
  expect(filled.units[0].report.submitted).toBe(true);
  // an empty row later than a filled one does not hide it
  const both = run([
    ['11/2026', 'XA001', '', 40, '10/11/2026'],
    ['11/2026', 'XA001', '', '', '20/11/2026'],
  ]);
  expect(both.units[0].report.submitted).toBe(true);
  expect(both.units[0].indicators.CBCCVC?.numerator).toBe(40);
  // a bad period or unit on an empty row is still reported
  expect(run([['13/2026', 'XA001', '', '', '']]).issues.map((i) => i.code)).toContain('REPORT_PERIOD_INVALID');
  expect(run([['11/2026', 'XA777', '', '', '']]).issues.map((i) => i.code)).toContain('UNIT_UNKNOWN');
});
