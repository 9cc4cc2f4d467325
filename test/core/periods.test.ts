/** Reporting periods: months, quarters and a one-off deadline (docs/rules.md §4). */
import { consolidate, deadlineOf } from '../../src/core/consolidate';
import {
  currentPeriod,
  formatPeriodVi,
  parsePeriodCell,
  parseYmd,
  periodDeadline,
  periodInCycle,
  periodPhraseVi,
  previousPeriod,
  ymd,
  type Cycle,
  type PeriodSettings,
} from '../../src/core/dates';
import { reminderDates } from '../../src/core/reminders';
import { reminderPreview } from '../../src/gas/preview';
import { decide, logHeader, parseLog, reminderKey, toRows, type LogEntry } from '../../src/core/sendlog';
import { templateSheets } from '../../src/core/template';
import { matchKey } from '../../src/core/text';
import type { Cell, Report } from '../../src/core/types';
import { issuesOf, REPORT_HEADER, run, vnDate, workbook } from '../helpers/workbook';

const read = (cell: Cell, cycle: Cycle): string | null => {
  const p = parsePeriodCell(cell, matchKey);
  return p ? periodInCycle(p, cycle) : null;
};

describe('Kỳ báo cáo labels', () => {
  const months: Cell[] = ['11/2026', 'Tháng 11/2026', 'tháng 11 năm 2026', 'T11/2026', '11-2026', '2026-11', vnDate(2026, 11, 5), '05/11/2026'];
  it.each(months.map((c) => [c]))('month %p: 2026-11 in monthly mode, 2026-Q4 in quarterly mode', (cell) => {
    expect(read(cell, 'month')).toBe('2026-11');
    expect(read(cell, 'quarter')).toBe('2026-Q4');
  });

  const quarters: string[] = ['Quý IV/2026', 'Quý 4/2026', 'Q4/2026', 'quý 4 năm 2026', 'Quý IV năm 2026', 'QUÝ iv/2026', 'Quy IV/2026', 'q4/2026', '2026-Q4'];
  it.each(quarters.map((c) => [c]))('quarter %p: 2026-Q4 in quarterly mode, not a period in monthly mode', (cell) => {
    expect(parsePeriodCell(cell, matchKey)).toBe('2026-Q4');
    expect(read(cell, 'quarter')).toBe('2026-Q4');
    expect(read(cell, 'month')).toBeNull();
  });

  it('every quarter of the year, roman or digits', () => {
    expect(['Quý I/2027', 'Quý II/2027', 'Quý III/2027', 'Quý 1/2027', 'Q2/2027', 'quý 3 năm 2027'].map((c) => read(c, 'quarter'))).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
    ]);
    expect(['1/2027', '3/2027', '4/2027', '6/2027', '7/2027', '9/2027', '10/2027', '12/2027'].map((c) => read(c, 'quarter'))).toEqual([
      '2027-Q1',
      '2027-Q1',
      '2027-Q2',
      '2027-Q2',
      '2027-Q3',
      '2027-Q3',
      '2027-Q4',
      '2027-Q4',
    ]);
  });

  it('refuses a quarter without a year, quarter 5, a bare roman numeral, blank', () => {
    for (const cell of ['quý 4', 'Quý V/2026', 'Q5/2026', 'Q0/2026', 'IV/2026', '', 'Quý IV/1999']) {
      expect({ cell, p: parsePeriodCell(cell, matchKey) }).toEqual({ cell, p: null });
    }
  });

  it('formats and steps periods; string order is chronological within a cycle', () => {
    expect(formatPeriodVi('2026-11')).toBe('11/2026');
    expect(formatPeriodVi('2026-05')).toBe('05/2026');
    expect(formatPeriodVi('2026-Q4')).toBe('Quý IV/2026');
    expect(formatPeriodVi('2027-Q1')).toBe('Quý I/2027');
    expect(periodPhraseVi('2026-11')).toBe('tháng 11/2026');
    expect(periodPhraseVi('2026-Q3')).toBe('quý III/2026');
    expect(previousPeriod('2026-11')).toBe('2026-10');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(['2027-Q1', '2026-Q4', '2025-Q4', '2026-Q1'].sort()).toEqual(['2025-Q4', '2026-Q1', '2026-Q4', '2027-Q1']);
  });
});

describe('deadlines', () => {
  const S = (o: Partial<PeriodSettings> = {}): PeriodSettings => ({ cycle: 'month', deadlineDay: 25, quarterDeadlineDay: null, oneOffDeadline: null, ...o });
  const dl = (period: string, o: Partial<PeriodSettings> = {}) => ymd(periodDeadline(period, S(o)));

  it('month: the deadline day of that month, clamped to its length', () => {
    expect(dl('2026-11')).toBe('2026-11-25');
    expect(dl('2026-02', { deadlineDay: 31 })).toBe('2026-02-28');
    expect(dl('2028-02', { deadlineDay: 30 })).toBe('2028-02-29');
  });

  it('quarter: the day of its last month; Hạn báo cáo hằng quý, else the monthly day; clamped', () => {
    expect(dl('2026-Q4', { cycle: 'quarter' })).toBe('2026-12-25');
    expect(dl('2026-Q1', { cycle: 'quarter', deadlineDay: 10 })).toBe('2026-03-10');
    expect(dl('2026-Q1', { cycle: 'quarter', deadlineDay: 10, quarterDeadlineDay: 15 })).toBe('2026-03-15');
    expect(dl('2026-Q2', { cycle: 'quarter', quarterDeadlineDay: 31 })).toBe('2026-06-30');
    expect(dl('2026-Q3', { cycle: 'quarter', deadlineDay: 31 })).toBe('2026-09-30');
  });

  it('current period and deadline on a date, in both cycles', () => {
    const today = { y: 2026, m: 11, d: 20 };
    expect(currentPeriod(today, S())).toBe('2026-11');
    expect(currentPeriod(today, S({ cycle: 'quarter' }))).toBe('2026-Q4');
    expect(currentPeriod({ y: 2026, m: 1, d: 1 }, S({ cycle: 'quarter' }))).toBe('2026-Q1');
    expect(ymd(deadlineOf(today, S({ cycle: 'quarter' }) as never))).toBe('2026-12-25');
  });

  it('one-off: the period of the date whatever today is, and the date itself as deadline', () => {
    const oneOff = S({ oneOffDeadline: '2026-05-29' });
    for (const today of [
      { y: 2026, m: 1, d: 3 },
      { y: 2026, m: 5, d: 29 },
      { y: 2027, m: 2, d: 1 },
    ]) {
      expect(currentPeriod(today, oneOff)).toBe('2026-05');
      expect(currentPeriod(today, { ...oneOff, cycle: 'quarter' })).toBe('2026-Q2');
      expect(ymd(deadlineOf(today, oneOff as never))).toBe('2026-05-29');
      expect(ymd(deadlineOf(today, { ...oneOff, cycle: 'quarter' } as never))).toBe('2026-05-29');
    }
  });
});

describe('Cấu hình settings', () => {
  it.each([
    ['Quý', 'quarter'],
    ['quý', 'quarter'],
    ['Hằng quý', 'quarter'],
    ['Hàng quý', 'quarter'],
    ['Quarterly', 'quarter'],
    ['QUY', 'quarter'],
    ['Tháng', 'month'],
    ['Hằng tháng', 'month'],
    ['hang thang', 'month'],
    ['Monthly', 'month'],
  ])('Chu kỳ báo cáo %p → %s', (value, cycle) => {
    const r = run({ config: [['Chu kỳ báo cáo', value]] });
    expect(r.settings.cycle).toBe(cycle);
    expect(issuesOf(r, 'CONFIG_INVALID')).toEqual([]);
  });

  it('defaults: monthly, no quarter day, no one-off date; the template lists the three keys', () => {
    const r = run({ config: [] });
    expect(r.settings).toMatchObject({ cycle: 'month', quarterDeadlineDay: null, oneOffDeadline: null });
    expect(r.period).toBe('2026-11');
    const config = templateSheets(2026).find((t) => t.name === 'Cấu hình')!;
    const keys = config.rows.map((row) => row[0]);
    expect(keys).toEqual(expect.arrayContaining(['Chu kỳ báo cáo', 'Hạn báo cáo hằng quý', 'Hạn báo cáo một lần']));
    expect(config.rows.find((row) => row[0] === 'Chu kỳ báo cáo')![1]).toBe('Tháng');
  });

  it('unreadable values are CONFIG_INVALID and keep the default', () => {
    const r = run({
      config: [
        ['Chu kỳ báo cáo', 'Hằng năm'],
        ['Hạn báo cáo hằng quý', 40],
        ['Hạn báo cáo một lần', 'cuối tháng 5'],
      ],
    });
    expect(r.settings).toMatchObject({ cycle: 'month', quarterDeadlineDay: null, oneOffDeadline: null });
    const msgs = issuesOf(r, 'CONFIG_INVALID').map((i) => i.message);
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toContain('“Tháng” hoặc “Quý”');
    expect(msgs[0]).toContain('dùng mặc định “Tháng”');
    expect(msgs[1]).toContain('từ 1 đến 31');
    expect(msgs[2]).toContain('29/05/2026');
  });

  it('a quarter day and a one-off date, as a date cell or d/m/yyyy text', () => {
    expect(run({ config: [['Hạn báo cáo hằng quý', 15]] }).settings.quarterDeadlineDay).toBe(15);
    expect(run({ config: [['Hạn báo cáo hằng quý (ngày)', '20']] }).settings.quarterDeadlineDay).toBe(20);
    expect(run({ config: [['Hạn báo cáo một lần', vnDate(2026, 5, 29)]] }).settings.oneOffDeadline).toBe('2026-05-29');
    expect(run({ config: [['Hạn báo cáo một lần', '29/5/2026']] }).settings.oneOffDeadline).toBe('2026-05-29');
  });
});

/** Plans about the report itself (others may get a CHAT_LUONG reminder: below trajectory). */
const reportPlans = (r: Report) => r.reminders.filter((p) => p.kind !== 'CHAT_LUONG');

const rep = (period: Cell, code: string, cbccvc: Cell, updated: Cell = vnDate(2026, 11, 10)): Cell[] => [period, code, '', cbccvc, '', '', '', '', '', updated];
const quarterly = (rows: Cell[][], today: string, extra: Cell[][] = []): Report =>
  consolidate(workbook({ config: [['Chu kỳ báo cáo', 'Quý'], ...extra], reports: [REPORT_HEADER, ...rows] }), { today });

describe('quarterly mode', () => {
  // SO01 writes the quarter, XA001 writes a month of the quarter, TR01 has not reported.
  const rows = [rep('Quý IV/2026', 'SO01', 40), rep('11/2026', 'XA001', 12)];

  it('after the deadline: period 2026-Q4, month labels count for their quarter, the missing unit is REPORT_MISSING', () => {
    const r = quarterly(rows, '2026-12-26');
    expect(r.period).toBe('2026-Q4');
    expect(r.deadline).toBe('2026-12-25');
    expect(r.units.map((u) => [u.code, u.report.period, u.report.submitted])).toEqual([
      ['SO01', '2026-Q4', true],
      ['XA001', '2026-Q4', true],
      ['TR01', '2026-Q4', false],
    ]);
    expect(issuesOf(r, 'REPORT_PERIOD_INVALID')).toEqual([]);
    const missing = issuesOf(r, 'REPORT_MISSING');
    expect(missing.map((i) => i.unit)).toEqual(['TR01']);
    expect(missing[0].message).toContain('kỳ quý IV/2026 (hạn trước ngày 25/12/2026)');
    expect(r.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!.numerator).toBe(40);
    expect(r.province.completeness).toMatchObject({ expected: 3, submitted: 2 });
  });

  it('reminder dates come from the quarter deadline; the overdue text names the quarter', () => {
    const r = quarterly(rows, '2026-12-26');
    expect(reminderDates(r.settings, parseYmd(r.deadline)!).map((d) => d.date)).toEqual(['2026-12-20', '2026-12-23', '2026-12-26']);
    expect(reportPlans(r).map((p) => [p.unit, p.kind])).toEqual([['TR01', 'QUA_HAN']]);
    expect(reportPlans(r)[0].text).toContain('Đơn vị chưa cập nhật số liệu quý IV/2026, đã quá hạn (trước ngày 25/12/2026); đề nghị cập nhật ngay.');
    expect(reportPlans(r)[0].subject).toContain('kỳ quý IV/2026');
  });

  it("in the quarter's first months nothing is due yet; five days before the deadline it is due soon", () => {
    const early = quarterly([], '2026-11-26');
    expect(early.deadline).toBe('2026-12-25');
    expect(issuesOf(early, 'REPORT_MISSING')).toEqual([]);
    expect(early.units.every((u) => !u.reasons.includes('REPORT_DUE_SOON') && !u.reasons.includes('REPORT_MISSING'))).toBe(true);
    const soon = quarterly(rows, '2026-12-20');
    expect(reportPlans(soon).map((p) => [p.unit, p.kind])).toEqual([['TR01', 'TRUOC_HAN']]);
    expect(reportPlans(soon)[0].text).toContain('Đơn vị chưa cập nhật số liệu quý IV/2026; hạn cập nhật trước ngày 25/12/2026 (còn 5 ngày).');
  });

  it('Hạn báo cáo hằng quý moves the deadline', () => {
    const r = quarterly(rows, '2026-12-16', [['Hạn báo cáo hằng quý', 15]]);
    expect(r.deadline).toBe('2026-12-15');
    expect(issuesOf(r, 'REPORT_MISSING').map((i) => i.unit)).toEqual(['TR01']);
  });

  it('REPORT_DECREASED compares with the previous quarter; late is after the quarter deadline', () => {
    const r = quarterly(
      [
        rep('Quý III/2026', 'SO01', 60, vnDate(2026, 9, 20)),
        rep('Quý IV/2026', 'SO01', 55, vnDate(2026, 12, 27)),
        rep('9/2026', 'XA001', 5, vnDate(2026, 9, 2)),
      ],
      '2026-12-28',
    );
    const d = issuesOf(r, 'REPORT_DECREASED');
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('kỳ quý III/2026');
    const so = r.units.find((u) => u.code === 'SO01')!;
    expect(so.report).toMatchObject({ period: '2026-Q4', submitted: true, late: true });
    // XA001 reported for Q3 only: missing for Q4
    expect(issuesOf(r, 'REPORT_MISSING').map((i) => i.unit)).toEqual(['XA001', 'TR01']);
  });

  it('monthly mode refuses a quarter label and says the department reports monthly', () => {
    const r = consolidate(workbook({ reports: [REPORT_HEADER, rep('Quý IV/2026', 'SO01', 40)] }), { today: '2026-11-20' });
    const bad = issuesOf(r, 'REPORT_PERIOD_INVALID');
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toContain('theo tháng');
    expect(bad[0].message).toContain('“Chu kỳ báo cáo” là Tháng');
    expect(bad[0].fix).toMatch(/tháng\/năm, ví dụ \d{2}\/2026/);
    expect(r.units.find((u) => u.code === 'SO01')!.report.submitted).toBe(false);
  });

  it('an unreadable Kỳ in quarterly mode shows how to write a quarter', () => {
    const r = quarterly([rep('cuối năm', 'SO01', 40)], '2026-12-20');
    const bad = issuesOf(r, 'REPORT_PERIOD_INVALID');
    expect(bad).toHaveLength(1);
    expect(bad[0].fix).toContain('Quý IV/2026');
  });
});

describe('monthly mode (the default)', () => {
  const monthly = (today: string) => consolidate(workbook({ reports: [REPORT_HEADER, rep('11/2026', 'SO01', 40), rep('11/2026', 'XA001', 12)] }), { today });

  it('reminder lines name the month and say “trước ngày”', () => {
    const soon = reportPlans(monthly('2026-11-20'));
    expect(soon.map((p) => p.unit)).toEqual(['TR01']);
    expect(soon[0].text).toContain('Đơn vị chưa cập nhật số liệu tháng 11/2026; hạn cập nhật trước ngày 25/11/2026 (còn 5 ngày).');
    const late = monthly('2026-11-26');
    expect(late.period).toBe('2026-11');
    expect(reportPlans(late)[0].text).toContain('Đơn vị chưa cập nhật số liệu tháng 11/2026, đã quá hạn (trước ngày 25/11/2026); đề nghị cập nhật ngay.');
    expect(issuesOf(late, 'REPORT_MISSING')[0].message).toBe('Đơn vị Trường THPT Lê Lợi chưa có báo cáo kỳ 11/2026 (hạn trước ngày 25/11/2026).');
  });
});

describe('one-off deadline', () => {
  const oneOff = (rows: Cell[][], today: string, cycle = 'Tháng'): Report =>
    consolidate(
      workbook({
        config: [
          ['Hạn báo cáo một lần', '29/05/2026'],
          ['Chu kỳ báo cáo', cycle],
        ],
        reports: [REPORT_HEADER, ...rows],
      }),
      { today },
    );
  // SO01 leaves Kỳ blank, XA001 writes an earlier month, TR01 has not reported.
  const rows = [rep('', 'SO01', 30, vnDate(2026, 5, 20)), rep('4/2026', 'XA001', 10, vnDate(2026, 4, 28))];

  it('before the date: one report, blank Kỳ and earlier periods count, nothing missing yet', () => {
    const r = oneOff(rows, '2026-05-10');
    expect(r.period).toBe('2026-05');
    expect(r.deadline).toBe('2026-05-29');
    expect(issuesOf(r, 'REPORT_PERIOD_INVALID')).toEqual([]);
    expect(r.units.map((u) => [u.code, u.report.submitted])).toEqual([
      ['SO01', true],
      ['XA001', true],
      ['TR01', false],
    ]);
    expect(issuesOf(r, 'REPORT_MISSING')).toEqual([]);
    expect(r.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!.numerator).toBe(30);
  });

  it('after the date (any later day): the missing report is REPORT_MISSING', () => {
    for (const today of ['2026-05-30', '2026-11-20']) {
      const r = oneOff(rows, today);
      expect(r.period).toBe('2026-05');
      expect(r.deadline).toBe('2026-05-29');
      expect(issuesOf(r, 'REPORT_MISSING').map((i) => i.unit)).toEqual(['TR01']);
    }
    expect(reportPlans(oneOff(rows, '2026-05-30')).map((p) => [p.unit, p.kind])).toEqual([['TR01', 'QUA_HAN']]);
  });

  it('reminders go out before the date as usual', () => {
    const r = oneOff(rows, '2026-05-24');
    expect(reportPlans(r).map((p) => [p.unit, p.kind])).toEqual([['TR01', 'TRUOC_HAN']]);
    expect(reportPlans(r)[0].text).toContain('Đơn vị chưa cập nhật số liệu tháng 05/2026; hạn cập nhật trước ngày 29/05/2026 (còn 5 ngày).');
  });

  it('quarterly one-off: the quarter of the date, the date as deadline', () => {
    const r = oneOff(rows, '2026-05-30', 'Quý');
    expect(r.period).toBe('2026-Q2');
    expect(r.deadline).toBe('2026-05-29');
    expect(r.units.map((u) => u.report.submitted)).toEqual([true, true, false]);
  });

  it('without a one-off date a blank Kỳ is REPORT_PERIOD_INVALID', () => {
    const r = consolidate(workbook({ reports: [REPORT_HEADER, rep('', 'SO01', 30)] }), { today: '2026-11-20' });
    expect(issuesOf(r, 'REPORT_PERIOD_INVALID').map((i) => i.row)).toEqual([2]);
  });
});

describe('send log', () => {
  const NOW = new Date('2026-12-20T01:00:00Z');
  const entry = (period: string, date: string): LogEntry => ({
    row: -1,
    time: NOW,
    period,
    date,
    unit: 'SO01',
    to: 'so01@example.gov.vn',
    kind: 'TRUOC_HAN',
    status: 'sent',
    detail: '',
    key: reminderKey(period, date, 'SO01'),
  });

  it('quarter and month keys stay apart; the Kỳ cell says “Quý IV/2026” or “Tháng 12/2026” and reads back', () => {
    const q = entry('2026-Q4', '2026-12-20');
    const m = entry('2026-12', '2026-12-20');
    expect(q.key).not.toBe(m.key);
    const rows = toRows([q, m]);
    expect(rows.map((r) => r[1])).toEqual(['Quý IV/2026', 'Tháng 12/2026']);
    const back = parseLog([logHeader(), ...rows]).entries;
    expect(back.map((e) => [e.period, e.key])).toEqual([
      ['2026-Q4', q.key],
      ['2026-12', m.key],
    ]);
  });

  it('a month reminder sent today does not stand for the quarter reminder of the same day', () => {
    const plan = {
      unit: 'SO01',
      to: 'so01@example.gov.vn',
      kind: 'TRUOC_HAN' as const,
      subject: 's',
      reasons: ['REPORT_DUE_SOON' as const],
      text: 't',
      html: 'h',
      priority: 1,
    };
    const log = parseLog([logHeader(), ...toRows([entry('2026-12', '2026-12-20')])]).entries;
    const quarter = decide({ plans: [plan], period: '2026-Q4', dueDate: '2026-12-20', log, now: NOW, quotaRemaining: 100, dryRun: false });
    expect(quarter.send.map((o) => o.key)).toEqual([reminderKey('2026-Q4', '2026-12-20', 'SO01')]);
    const month = decide({ plans: [plan], period: '2026-12', dueDate: '2026-12-20', log, now: NOW, quotaRemaining: 100, dryRun: false });
    expect(month.send).toEqual([]);
  });
});

describe('next reminder date (Sheets preview; the CLI uses the same report.deadline)', () => {
  it('quarterly: on 20/11 the next reminder date is five days before the quarter deadline', () => {
    const r = quarterly([], '2026-11-20');
    const p = reminderPreview(r, null);
    expect(p.isReminderDate).toBe(false);
    expect(p.nextDate).toBe('2026-12-20');
    const m = reminderPreview(consolidate(workbook({}), { today: '2026-11-21' }), null);
    expect(m.nextDate).toBe('2026-11-23');
  });
});
