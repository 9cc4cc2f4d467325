/** The month close (src/core/history.ts) and a closed period in consolidate (docs/month-close.md). */
import { consolidate } from '../../src/core/consolidate';
import {
  appendHistory,
  choosePeriodToClose,
  closeAsOf,
  closeRows,
  defaultPeriodToClose,
  historyHeader,
  nextVersion,
  readHistory,
  reopenRows,
  HistoryError,
} from '../../src/core/history';
import { reportJson } from '../../src/core/json';
import { composeDigest } from '../../src/core/digest';
import { renderSummary, trendCell } from '../../src/core/render';
import { GAS, MAIL, SUMMARY } from '../../src/core/messages';
import { HISTORY_TABLE, INDICATORS, INDICATOR_SHORT, PROVINCE_CODE, SHEET, UNIT_TYPE_LABELS } from '../../src/core/schema';
import { findTable } from '../../src/core/tables';
import { createIssueSink } from '../../src/core/issues';
import type { Cell, Report, Snapshot } from '../../src/core/types';
import { learner, REPORT_HEADER, workbook, issuesOf } from '../helpers/workbook';

const TODAY = '2026-11-20';
const AT = '2026-11-20 09:30:00';
const col = (field: string) => HISTORY_TABLE.columns.findIndex((c) => c.field === field);

function reportRow(count: number): Cell[] {
  return ['11/2026', 'SO01', 'Sở Tài chính', count, '', '', '', '', '', '10/11/2026'];
}

function base(count = 30): Snapshot {
  return workbook({ learners: [learner(), learner(), learner({ status: 'Đang học' })], reports: [REPORT_HEADER, reportRow(count)] });
}

function withHistory(snapshot: Snapshot, rows: Cell[][]): Snapshot {
  return { sheets: [...snapshot.sheets, { name: SHEET.history, values: appendHistory(null, rows) }] };
}

function historyOf(rows: Cell[][]) {
  const sheet = { name: SHEET.history, values: appendHistory(null, rows) };
  const table = findTable(sheet, 0, HISTORY_TABLE)!;
  const issues = createIssueSink();
  return { history: readHistory(table, issues), issues: issues.list };
}

describe('closeRows', () => {
  const report = consolidate(base(), { today: TODAY });
  const rows = closeRows(report, { by: 'Nguyễn Thị Hoa', at: AT, version: 1 });

  it('writes one row per unit × indicator the report has, then the province, with the report’s numbers', () => {
    const expected =
      report.units.reduce((n, u) => n + INDICATORS.filter((c) => u.indicators[c]).length, 0) + INDICATORS.filter((c) => report.province.indicators[c]).length;
    expect(rows).toHaveLength(expected);
    const so = rows.find((r) => r[col('unitCode')] === 'SO01' && r[col('indicator')] === 'CBCCVC')!;
    const v = report.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!;
    expect(so[col('period')]).toBe('11/2026');
    expect(so[col('version')]).toBe(1);
    expect(so[col('event')]).toBe('Chốt');
    expect(so[col('numerator')]).toBe(30);
    expect(so[col('numerator')]).toBe(v.numerator);
    expect(so[col('denominator')]).toBe(v.denominator);
    expect(so[col('percent')]).toBe(v.percent);
    expect(so[col('reported')]).toBe(30);
    expect(so[col('evidenced')]).toBe(v.evidenced);
    expect(so[col('by')]).toBe('Nguyễn Thị Hoa');
    expect(so[col('at')]).toBe(AT);
    const province = rows.filter((r) => r[col('unitCode')] === PROVINCE_CODE);
    expect(province.length).toBe(INDICATORS.filter((c) => report.province.indicators[c]).length);
    expect(rows.every((r) => r.length === historyHeader().length)).toBe(true);
  });

  it('reads back as the same figures, closed, version 1', () => {
    const { history, issues } = historyOf(rows);
    expect(issues).toEqual([]);
    const p = history.periods.get('2026-11')!;
    expect(p.state).toBe('closed');
    expect(p.versions.map((v) => v.version)).toEqual([1]);
    expect(p.latest.closedBy).toBe('Nguyễn Thị Hoa');
    for (const u of report.units) {
      for (const code of INDICATORS) {
        const v = u.indicators[code];
        if (!v) continue;
        const s = p.latest.units.get(u.code)!.indicators[code]!;
        expect({ ...s }).toEqual({
          numerator: v.numerator,
          denominator: v.denominator,
          percent: v.percent,
          target: v.target,
          expected: v.expected,
          status: v.status,
          source: v.source,
          reported: v.reported,
          evidenced: v.evidenced,
        });
      }
    }
    expect(nextVersion(history, '2026-11')).toBe(2);
    expect(nextVersion(history, '2026-10')).toBe(1);
  });

  it('reopening needs a reason; reopen then close again is version 2, nothing overwritten', () => {
    expect(() => reopenRows('2026-11', 1, { by: 'Hoa', at: AT, reason: '  ' })).toThrow(HistoryError);
    expect(() => reopenRows('2026-11', 1, { by: 'Hoa', at: AT, reason: '' })).toThrow('lý do');
    const reopen = reopenRows('2026-11', 1, { by: 'Hoa', at: AT, reason: 'Xã Yên Định nộp bổ sung' });
    expect(reopen).toHaveLength(1);
    expect(reopen[0][col('event')]).toBe('Mở lại');
    let { history } = historyOf([...rows, ...reopen]);
    expect(history.periods.get('2026-11')!.state).toBe('reopened');
    expect(history.periods.get('2026-11')!.latest.reopened!.reason).toBe('Xã Yên Định nộp bổ sung');
    const second = closeRows(consolidate(base(50), { today: TODAY }), { by: 'Hoa', at: AT, version: nextVersion(history, '2026-11') });
    ({ history } = historyOf([...rows, ...reopen, ...second]));
    const p = history.periods.get('2026-11')!;
    expect(p.state).toBe('closed');
    expect(p.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(p.versions[0].units.get('SO01')!.indicators.CBCCVC!.numerator).toBe(30);
    expect(p.latest.units.get('SO01')!.indicators.CBCCVC!.numerator).toBe(50);
  });

  it('unreadable rows are left out with HISTORY_ROW_INVALID warnings', () => {
    const bad = rows.slice(0, 3).map((r) => [...r]);
    bad[0][col('period')] = 'tháng mười';
    bad[1][col('numerator')] = 'ba mươi';
    bad[2][col('event')] = 'Xóa';
    const orphan = reopenRows('2026-10', 1, { by: 'Hoa', at: AT, reason: 'thử' });
    const { history, issues } = historyOf([...bad, ...orphan]);
    expect(issues.map((i) => [i.code, i.severity, i.row])).toEqual([
      ['HISTORY_ROW_INVALID', 'warning', 2],
      ['HISTORY_ROW_INVALID', 'warning', 3],
      ['HISTORY_ROW_INVALID', 'warning', 4],
      ['HISTORY_ROW_INVALID', 'warning', 5],
    ]);
    expect(issues[0].message).toContain('tháng mười');
    expect(history.periods.size).toBe(0);
  });
});

describe('consolidate with a closed period', () => {
  const first = consolidate(base(30), { today: TODAY });
  const rows = closeRows(first, { by: 'Hoa', at: AT, version: 1 });

  it('takes the snapshot’s figures and warns once per unit and indicator that changed', () => {
    const edited = consolidate(withHistory(base(50), rows), { today: TODAY });
    const so = edited.units.find((u) => u.code === 'SO01')!;
    expect(so.indicators.CBCCVC!.numerator).toBe(30);
    expect(so.indicators.CBCCVC).toEqual(first.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC);
    expect(edited.province.indicators.CBCCVC!.numerator).toBe(first.province.indicators.CBCCVC!.numerator);
    expect(edited.province.indicators.CBCCVC!.percent).toBe(first.province.indicators.CBCCVC!.percent);
    const warnings = issuesOf(edited, 'CLOSED_PERIOD_CHANGED');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ unit: 'SO01', severity: 'warning' });
    expect(warnings[0].message).toContain('11/2026');
    expect(warnings[0].message).toContain('30/100');
    expect(warnings[0].message).toContain('50/100');
    expect(warnings[0].fix).toContain('mở lại');
    expect(edited.closed).toEqual({ period: '2026-11', version: 1, closedAt: AT, closedBy: 'Hoa' });
    expect((reportJson(edited) as { closed: unknown }).closed).toEqual(edited.closed);
    expect(edited.history).toEqual([{ period: '2026-11', state: 'closed', version: 1, closedAt: AT, closedBy: 'Hoa' }]);
  });

  it('unchanged rows give no warning; the history sheet is no unreadable sheet', () => {
    const same = consolidate(withHistory(base(30), rows), { today: TODAY });
    expect(issuesOf(same, 'CLOSED_PERIOD_CHANGED')).toEqual([]);
    expect(same.issues.filter((i) => i.sheet === SHEET.history)).toEqual([]);
    expect(same.units.map((u) => u.indicators)).toEqual(first.units.map((u) => u.indicators));
  });

  it('a reopened period is computed from the rows again', () => {
    const reopen = reopenRows('2026-11', 1, { by: 'Hoa', at: AT, reason: 'Sửa số liệu' });
    const r = consolidate(withHistory(base(50), [...rows, ...reopen]), { today: TODAY });
    expect(r.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!.numerator).toBe(50);
    expect(r.closed).toBeUndefined();
    expect(issuesOf(r, 'CLOSED_PERIOD_CHANGED')).toEqual([]);
    expect(r.history![0]).toMatchObject({ state: 'reopened', reason: 'Sửa số liệu' });
  });

  it('another period (not closed) is unaffected by the history', () => {
    const dec = consolidate(withHistory(base(50), rows), { today: '2026-12-05' });
    expect(dec.closed).toBeUndefined();
    expect(dec.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!.numerator).toBe(50);
  });

  it('without a history sheet the report is the same as before (no closed field in the JSON)', () => {
    const r: Report = consolidate(base(50), { today: TODAY });
    expect(r.closed).toBeUndefined();
    expect(r.history).toBeUndefined();
    expect(Object.keys(reportJson(r) as object)).not.toContain('closed');
  });

  it('a history sheet without its header is TABLE_NOT_FOUND', () => {
    const r = consolidate({ sheets: [...base().sheets, { name: SHEET.history, values: [['a', 'b']] }] }, { today: TODAY });
    expect(r.issues.filter((i) => i.sheet === SHEET.history).map((i) => i.code)).toEqual(['TABLE_NOT_FOUND']);
  });
});

describe('trends: the percent of the last closed period before this one', () => {
  /** SO01's CBCCVC indicator (`province`: the province's). */
  const cbccvc = (r: Report, province = false) => {
    const v = province ? r.province.indicators.CBCCVC : r.units.find((u) => u.code === 'SO01')?.indicators.CBCCVC;
    if (!v) throw new Error('no CBCCVC indicator');
    return v;
  };

  it('each unit and province indicator carries previousClosed; absent without a closed earlier period', () => {
    // October closed with 20 completions, November computed now with 30
    const october = consolidate(base(20), { today: '2026-10-20' });
    const octoberRows = closeRows({ ...october, period: '2026-10' }, { by: 'Nguyễn Thị Hoa', at: AT, version: 1 });
    const report = consolidate(withHistory(base(30), octoberRows), { today: TODAY });
    const before = cbccvc(october);
    expect(before.percent).not.toBe(cbccvc(report).percent);
    expect(cbccvc(report).previousClosed).toBe(before.percent);
    expect(cbccvc(report, true).previousClosed).toBe(cbccvc(october, true).percent);
    // in tong-hop.json too
    expect(JSON.stringify(reportJson(report))).toContain(`"previousClosed":${String(before.percent)}`);
    // without a history, or with the earlier period reopened, there is no previous closed period
    expect(cbccvc(consolidate(base(30), { today: TODAY })).previousClosed).toBeUndefined();
    const reopened = consolidate(withHistory(base(30), [...octoberRows, ...reopenRows('2026-10', 1, { by: 'x', at: AT, reason: 'sai số' })]), { today: TODAY });
    expect(cbccvc(reopened).previousClosed).toBeUndefined();
  });
});

describe('trends in Tổng hợp and the digest', () => {
  // SO01 reported 40 (CB, CC, VC) for October, closed; then 30 for November: its rate fell
  const twoMonths = (oct: number, nov: number) =>
    workbook({
      learners: [learner(), learner(), learner({ status: 'Đang học' })],
      reports: [REPORT_HEADER, ['10/2026', 'SO01', 'Sở Tài chính', oct, '', '', '', '', '', '10/10/2026'], reportRow(nov)],
    });
  const october = consolidate(twoMonths(40, 30), { today: '2026-10-31' });
  const octoberRows = closeRows(october, { by: 'Nguyễn Thị Hoa', at: AT, version: 1 });
  const report = consolidate(withHistory(twoMonths(40, 30), octoberRows), { today: TODAY });
  const plain = consolidate(base(30), { today: TODAY });
  const so01 = (r: Report) => {
    const u = r.units.find((x) => x.code === 'SO01');
    if (!u?.indicators.CBCCVC) throw new Error('no SO01 CBCCVC');
    return u.indicators.CBCCVC;
  };

  it('the report names the close the trends compare with (in tong-hop.json too); none without a history', () => {
    expect(report.previousClose).toEqual({ period: '2026-10', version: 1, closedAt: AT, closedBy: 'Nguyễn Thị Hoa' });
    expect(reportJson(report)).toMatchObject({ previousClose: { period: '2026-10', version: 1 } });
    expect(plain.previousClose).toBeUndefined();
    expect(JSON.stringify(reportJson(plain))).not.toContain('previousClose');
  });

  it('Tổng hợp, indicators by unit type: each rate followed by its change since the close; a type at the close is its units’ closed figures, summed', () => {
    const grid = renderSummary(report);
    const title = grid.rows.findIndex((r) => r[0] === SUMMARY.byTypeTitle);
    const short = INDICATOR_SHORT.CBCCVC;
    expect(grid.rows[title + 1].slice(0, 5)).toEqual([
      'Loại đơn vị',
      'Số đơn vị',
      `${short}: tỷ lệ`,
      SUMMARY.trendHeader(short, '10/2026'),
      `${INDICATOR_SHORT.HSSV}: tỷ lệ`,
    ]);
    const type = report.province.byType.find((t) => t.type === 'SO_NGANH');
    if (!type?.indicators.CBCCVC) throw new Error('no SO_NGANH CBCCVC');
    // October's figure of the type: Σ numerators / Σ denominators of its units as closed
    const closed = october.units
      .filter((u) => u.type === 'SO_NGANH')
      .flatMap((u) => (u.indicators.CBCCVC && u.indicators.CBCCVC.denominator !== null ? [u.indicators.CBCCVC] : []));
    const num = closed.reduce((n, v) => n + (v.numerator ?? 0), 0);
    const den = closed.reduce((n, v) => n + (v.denominator ?? 0), 0);
    expect(den).toBeGreaterThan(0);
    expect(type.indicators.CBCCVC.previousClosed).toBe(Math.round((num / den) * 100 * 100) / 100);
    expect(type.indicators.CBCCVC.previousClosed).not.toBe(type.indicators.CBCCVC.percent);
    const row = grid.rows.find((r, i) => i > title && r[0] === UNIT_TYPE_LABELS.SO_NGANH);
    expect(row?.[3]).toBe(trendCell(type.indicators.CBCCVC));
    expect(typeof row?.[3]).toBe('number');
    // the block's province row: the province's change (from the province's own closed figure)
    expect(grid.rows[title + 2][3]).toBe(trendCell(report.province.indicators.CBCCVC));
    expect(grid.percentRanges).toContainEqual([title + 2, 2, report.province.byType.length + 1, INDICATORS.length * 2]);
    // without a history: one column per indicator, no previousClosed
    const old = renderSummary(plain);
    const oldTitle = old.rows.findIndex((r) => r[0] === SUMMARY.byTypeTitle);
    expect(old.rows[oldTitle + 1].slice(0, 4)).toEqual(['Loại đơn vị', 'Số đơn vị', `${short}: tỷ lệ`, `${INDICATOR_SHORT.HSSV}: tỷ lệ`]);
    expect(plain.province.byType.every((t) => Object.values(t.indicators).every((v) => !('previousClosed' in v)))).toBe(true);
  });

  it('Tổng hợp: one more column per indicator, the change in points since the close, for each unit and the province row, formatted %', () => {
    const grid = renderSummary(report);
    const old = renderSummary(plain);
    expect(grid.width).toBe(old.width + INDICATORS.length);
    expect(grid.columnWidths).toHaveLength(grid.width);
    const header = grid.rows[grid.frozenRows - 1];
    const col = header.indexOf(SUMMARY.trendHeader(INDICATOR_SHORT.CBCCVC, '10/2026'));
    expect(col).toBeGreaterThan(0);
    expect(header.filter((h) => typeof h === 'string' && h.includes('thay đổi so với kỳ chốt 10/2026 (điểm %)'))).toHaveLength(INDICATORS.length);
    const v = so01(report);
    expect(v.previousClosed).not.toBeNull();
    const delta = (Math.round((v.percent ?? 0) * 100) - Math.round((v.previousClosed ?? 0) * 100)) / 10000;
    expect(delta).toBeLessThan(0);
    const row = grid.rows.find((r) => r[0] === 'SO01');
    expect(row?.[col]).toBe(delta);
    expect(trendCell(v)).toBe(delta);
    // the rate beside it is the one the change is computed from
    expect(row?.[col - 6]).toBe(Math.round((v.percent ?? 0) * 100) / 10000);
    const province = grid.rows.find((r) => r[1] === SUMMARY.provinceRow);
    const pv = report.province.indicators.CBCCVC;
    expect(province?.[col]).toBe(trendCell(pv));
    expect(typeof province?.[col]).toBe('number');
    // formatted as the other % columns
    expect(grid.percentRanges.some(([r, c, nr, nc]) => c === col && nc === 1 && r === grid.frozenRows && nr >= report.units.length)).toBe(true);
    // the province indicator block has the change too, in its last column, formatted %
    const blockHeader = grid.rows.findIndex((r) => r[0] === SUMMARY.provinceIndicatorHeaders[0] && r[3] === SUMMARY.provinceIndicatorHeaders[3]);
    const trendCol = SUMMARY.provinceIndicatorHeaders.length;
    expect(grid.rows[blockHeader].slice(0, trendCol + 1)).toEqual([...SUMMARY.provinceIndicatorHeaders, SUMMARY.provinceTrendHeader('10/2026')]);
    const cbRow = grid.rows[blockHeader + 1];
    expect(cbRow[3]).toBe(Math.round((pv?.percent ?? 0) * 100) / 10000);
    expect(cbRow[trendCol]).toBe(trendCell(pv));
    expect(typeof cbRow[trendCol]).toBe('number');
    expect(grid.percentRanges.some(([r, c, , nc]) => r === blockHeader + 1 && c <= trendCol && c + nc > trendCol)).toBe(true);
    const oldBlock = old.rows.findIndex((r) => r[0] === SUMMARY.provinceIndicatorHeaders[0] && r[3] === SUMMARY.provinceIndicatorHeaders[3]);
    expect(old.rows[oldBlock].slice(0, trendCol + 1)).toEqual([...SUMMARY.provinceIndicatorHeaders, '']);
    // status fills follow the wider blocks: CB, CC, VC's status cell of SO01 sits 4 columns after its first
    const first = header.indexOf(SUMMARY.indicatorHeaders(INDICATOR_SHORT.CBCCVC)[0]);
    const r = grid.rows.indexOf(row ?? []);
    expect(grid.fills).toContainEqual([r, first + 4, expect.any(String)]);
    // without a history the grid is as before
    expect(old.rows[old.frozenRows - 1].some((h) => typeof h === 'string' && h.includes('thay đổi so với kỳ chốt'))).toBe(false);
    // no rate on either side: no change
    expect(trendCell({ ...v, previousClosed: null })).toBe('');
    expect(trendCell({ ...v, percent: null })).toBe('');
  });

  it('the digest gives the province change per indicator and lists the units whose rate fell', () => {
    const input = { log: [], since: new Date('2026-11-16T01:00:00Z'), now: new Date('2026-11-23T01:00:00Z'), week: 48, year: 2026 };
    const digest = composeDigest({ report, ...input });
    const D = MAIL.digest;
    const pv = report.province.indicators.CBCCVC;
    const tenths = Math.round((pv?.percent ?? 0) * 10) - Math.round((pv?.previousClosed ?? 0) * 10);
    expect(tenths).toBeLessThan(0);
    expect(digest.text).toContain(D.trendSuffix('10/2026', (tenths / 10).toFixed(1).replace('.', ',')));
    expect(digest.text).toContain(D.fallsTitle('10/2026', 1));
    const v = so01(report);
    const line = digest.text.split('\n').find((l) => l.includes('SO01 – '));
    expect(line).toContain(`${INDICATOR_SHORT.CBCCVC} `);
    expect(line).toContain(' → ');
    expect(line).toContain(`${((Math.round((v.percent ?? 0) * 10) - Math.round((v.previousClosed ?? 0) * 10)) / 10).toFixed(1).replace('.', ',')} điểm %`);
    expect(digest.html).toContain('Đơn vị có tỷ lệ giảm so với kỳ chốt 10/2026');
    // a rise is not a fall
    const risen = consolidate(
      withHistory(twoMonths(20, 30), closeRows(consolidate(twoMonths(20, 30), { today: '2026-10-31' }), { by: 'x', at: AT, version: 1 })),
      {
        today: TODAY,
      },
    );
    const up = composeDigest({ report: risen, ...input });
    expect(up.text).toContain(D.fallsTitle('10/2026', 0));
    expect(up.text).toContain(D.noFalls);
    expect(up.text).toMatch(/so với kỳ chốt 10\/2026: \+\d/);
    // without a history: neither
    const none = composeDigest({ report: plain, ...input });
    expect(none.text).not.toContain('so với kỳ chốt');
  });
});

describe('which period a close consolidates, and as of when (the command line and the add-on)', () => {
  const month = { deadlineDay: 25 };
  const quarter = { deadlineDay: 25, cycle: 'quarter' as const };

  it('closeAsOf: today in the period, the last day of a past period, null for a period not started', () => {
    expect(closeAsOf('2026-11', '2026-11-20')).toBe('2026-11-20');
    expect(closeAsOf('2026-10', '2026-11-20')).toBe('2026-10-31');
    expect(closeAsOf('2025-12', '2026-11-20')).toBe('2025-12-31');
    expect(closeAsOf('2028-02', '2028-03-01')).toBe('2028-02-29');
    expect(closeAsOf('2026-12', '2026-11-20')).toBeNull();
    expect(closeAsOf('2027-01', '2026-11-20')).toBeNull();
    expect(closeAsOf('2026-Q3', '2026-11-20')).toBe('2026-09-30');
    expect(closeAsOf('2026-Q4', '2026-11-20')).toBe('2026-11-20');
    expect(closeAsOf('2027-Q1', '2026-11-20')).toBeNull();
  });

  it('choosePeriodToClose: empty is the period before the current one; a typed period is read like Kỳ báo cáo, in the cycle; others are refused', () => {
    expect(defaultPeriodToClose('2026-11-20', month)).toBe('2026-10');
    expect(defaultPeriodToClose('2026-01-05', month)).toBe('2025-12');
    expect(defaultPeriodToClose('2026-11-20', quarter)).toBe('2026-Q3');
    expect(choosePeriodToClose('', '2026-11-20', month)).toEqual({ period: '2026-10', asOf: '2026-10-31' });
    expect(choosePeriodToClose('  Tháng 9/2026 ', '2026-11-20', month)).toEqual({ period: '2026-09', asOf: '2026-09-30' });
    expect(choosePeriodToClose('11/2026', '2026-11-20', month)).toEqual({ period: '2026-11', asOf: '2026-11-20' });
    expect(choosePeriodToClose('12/2026', '2026-11-20', month)).toEqual({ refused: GAS.close.periodNotStarted('12/2026') });
    expect(choosePeriodToClose('tháng trước', '2026-11-20', month)).toEqual({ refused: GAS.close.periodUnreadable('tháng trước', false) });
    // a quarter has no month in monthly mode; in quarterly mode a month stands for its quarter
    expect(choosePeriodToClose('Quý III/2026', '2026-11-20', month)).toEqual({ refused: GAS.close.periodUnreadable('Quý III/2026', false) });
    expect(choosePeriodToClose('', '2026-11-20', quarter)).toEqual({ period: '2026-Q3', asOf: '2026-09-30' });
    expect(choosePeriodToClose('8/2026', '2026-11-20', quarter)).toEqual({ period: '2026-Q3', asOf: '2026-09-30' });
    expect(choosePeriodToClose('10/2026', '2026-11-20', quarter)).toEqual({ period: '2026-Q4', asOf: '2026-11-20' });
  });
});
