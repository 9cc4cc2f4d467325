/** Indicators, Σ/Σ aggregation, trajectories, laggards around the deadline, reminders. */
import { consolidate } from '../../src/core/consolidate';
import { elapsedShare } from '../../src/core/indicators';
import { planReminders, reminderDates } from '../../src/core/reminders';
import type { Cell } from '../../src/core/types';
import { learner, REPORT_HEADER, run, vnDate, workbook, type UnitSpec } from '../helpers/workbook';

const rep = (
  code: string,
  counts: Partial<Record<'cb' | 'dan' | 'hs' | 'dn' | 'vneid' | 'ai', number>>,
  period = '11/2026',
  updated: Cell = vnDate(2026, 11, 10),
): Cell[] => [period, code, '', counts.cb ?? '', counts.dan ?? '', counts.hs ?? '', counts.dn ?? '', counts.vneid ?? '', counts.ai ?? '', updated];

describe('aggregation is Σ numerators / Σ denominators', () => {
  const units: UnitSpec[] = [
    { code: 'A', name: 'Đơn vị A', cbccvc: 10 },
    { code: 'B', name: 'Đơn vị B', cbccvc: 990 },
  ];
  it('is not the mean of unit percentages', () => {
    const r = consolidate(workbook({ units, reports: [REPORT_HEADER, rep('A', { cb: 10 }), rep('B', { cb: 0 })] }), { today: '2026-11-20' });
    expect(r.units[0].indicators.CBCCVC!.percent).toBe(100);
    expect(r.units[1].indicators.CBCCVC!.percent).toBe(0);
    // mean of percentages would be 50 %
    expect(r.province.indicators.CBCCVC).toMatchObject({ numerator: 10, denominator: 1000, percent: 1 });
  });
  it('a unit without data adds its denominator and nothing to the numerator', () => {
    const r = consolidate(workbook({ units, reports: [REPORT_HEADER, rep('A', { cb: 10 })] }), { today: '2026-11-20' });
    expect(r.province.indicators.CBCCVC).toMatchObject({ numerator: 10, denominator: 1000 });
    expect(r.units[1].indicators.CBCCVC).toMatchObject({ numerator: null, percent: null, status: 'no_data' });
  });
  it('by unit type, with the same rule', () => {
    const r = consolidate(
      workbook({
        units: [
          { code: 'X1', name: 'Xã Một', type: 'UBND xã/phường', adults: 1000 },
          { code: 'X2', name: 'Xã Hai', type: 'UBND xã/phường', adults: 3000 },
          { code: 'S1', name: 'Sở Một', type: 'Sở/ngành', cbccvc: 100 },
        ],
        reports: [REPORT_HEADER, rep('X1', { dan: 1000, vneid: 500 }), rep('X2', { dan: 0, vneid: 300 }), rep('S1', { cb: 50 })],
      }),
      { today: '2026-11-20' },
    );
    const xa = r.province.byType.find((t) => t.type === 'UBND_XA')!;
    expect(xa.indicators.NGUOI_DAN).toMatchObject({ numerator: 1000, denominator: 4000, percent: 25 });
    expect(xa.indicators.VNEID).toMatchObject({ numerator: 800, denominator: 4000, percent: 20 });
    expect(xa.completeness).toEqual({ expected: 2, submitted: 2, onTime: 2, rate: 100, onTimeRate: 100 });
    expect(r.province.byType.find((t) => t.type === 'SO_NGANH')!.indicators.NGUOI_DAN).toBeUndefined();
  });
});

describe('trajectory: expected = target × elapsed share to Mốc hoàn thành', () => {
  const target = { code: 'CBCCVC' as const, name: '', target: 100, year: 2026, deadline: '2026-12-31', start: '2026-01-01', baseline: 0 };
  it('share is 0 on 1 January, 1 on the deadline and after, and linear between', () => {
    expect(elapsedShare(target, { y: 2026, m: 1, d: 1 })).toBe(0);
    expect(elapsedShare(target, { y: 2026, m: 12, d: 31 })).toBe(1);
    expect(elapsedShare(target, { y: 2027, m: 3, d: 1 })).toBe(1);
    expect(elapsedShare(target, { y: 2025, m: 12, d: 1 })).toBe(0);
    expect(elapsedShare(target, { y: 2026, m: 7, d: 2 })).toBeCloseTo(182 / 364, 10);
  });
  it('status met / on_track / behind / no_data, with the 10-point progress tolerance', () => {
    // 2026-07-02, default end 30/11/2026 (seed 001's courses): expected = 100 × 182/333 ≈ 54.65 %
    const units: UnitSpec[] = ['A', 'B', 'C', 'D', 'E'].map((c) => ({ code: c, name: `Đơn vị ${c}`, cbccvc: 100 }));
    const reps = [rep('A', { cb: 100 }, '07/2026'), rep('B', { cb: 60 }, '07/2026'), rep('C', { cb: 40 }, '07/2026'), rep('E', { cb: 45 }, '07/2026')];
    const r = consolidate(workbook({ units, reports: [REPORT_HEADER, ...reps] }), { today: '2026-07-02' });
    // E: 45 % is below expected but within the tolerance (> 44.65)
    expect(r.units.map((u) => u.indicators.CBCCVC!.status)).toEqual(['met', 'on_track', 'behind', 'no_data', 'on_track']);
    expect(r.units[2].indicators.CBCCVC!.expected).toBeCloseTo((100 * 182) / 333, 1);
    expect(r.units[2].indicators.CBCCVC).toMatchObject({ baseline: 0, start: '2026-01-01', end: '2026-11-30' });
    expect(r.units[2].reasons).toContain('BELOW_TRAJECTORY');
    expect(r.units[3].reasons).not.toContain('BELOW_TRAJECTORY');
    expect(r.units[4].reasons).not.toContain('BELOW_TRAJECTORY');
    // a tolerance of 0 makes E behind
    const strict = consolidate(workbook({ units, reports: [REPORT_HEADER, ...reps], config: [['Dung sai tiến độ (điểm %)', 0]] }), { today: '2026-07-02' });
    expect(strict.units[4].indicators.CBCCVC!.status).toBe('behind');
  });
  it('a fair trajectory: Ngày bắt đầu and Tỷ lệ đầu kỳ (%) from Chỉ tiêu', () => {
    // start 1/7, end 31/12, baseline 40: on 1/10 (92 of 183 days) expected = 40 + 60 × 92/183 ≈ 70.16
    const r = consolidate(
      workbook({
        units: [{ code: 'A', name: 'Đơn vị A', cbccvc: 100 }],
        targets: [
          ['Mã chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành', 'Ngày bắt đầu', 'Tỷ lệ đầu kỳ (%)'],
          ['CBCCVC', 100, 2026, '31/12/2026', '01/07/2026', 40],
        ],
        reports: [REPORT_HEADER, rep('A', { cb: 59 }, '10/2026')],
      }),
      { today: '2026-10-01' },
    );
    const v = r.units[0].indicators.CBCCVC!;
    expect(v.expected).toBeCloseTo(40 + (60 * 92) / 183, 1);
    expect(v).toMatchObject({ baseline: 40, start: '2026-07-01', end: '2026-12-31', status: 'behind' });
    // without the start and baseline columns the same 59 % is on track (expected ≈ 74.7, minus 10)
    const plain = consolidate(
      workbook({
        units: [{ code: 'A', name: 'Đơn vị A', cbccvc: 100 }],
        targets: [
          ['Mã chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành'],
          ['CBCCVC', 100, 2026, '31/12/2026'],
        ],
        reports: [REPORT_HEADER, rep('A', { cb: 66 }, '10/2026')],
      }),
      { today: '2026-10-01' },
    );
    expect(plain.units[0].indicators.CBCCVC!.status).toBe('on_track');
  });
  it('a start after the end, or a baseline above the target, is TARGET_INVALID', () => {
    const r = consolidate(
      workbook({
        targets: [
          ['Mã chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành', 'Ngày bắt đầu', 'Tỷ lệ đầu kỳ (%)'],
          ['CBCCVC', 100, 2026, '30/6/2026', '01/07/2026', 0],
          ['HSSV', 50, 2026, '', '', 60],
        ],
      }),
      { today: '2026-10-01' },
    );
    expect(r.issues.filter((i) => i.code === 'TARGET_INVALID').map((i) => i.row)).toEqual([2, 3]);
  });
  it('uses the Chỉ tiêu sheet target (VNeID 80 % in one province) and its Mốc hoàn thành', () => {
    const r = consolidate(
      workbook({
        units: [{ code: 'X', name: 'Xã X', type: 'UBND xã/phường', adults: 100 }],
        targets: [
          ['Mã chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành'],
          ['VNEID', '80%', 2026, '30/6/2026'],
        ],
        reports: [REPORT_HEADER, rep('X', { vneid: 70 })],
      }),
      { today: '2026-11-20' },
    );
    expect(r.units[0].indicators.VNEID).toMatchObject({ target: 80, expected: 80, percent: 70, status: 'on_track' });
    const r2 = consolidate(
      workbook({
        units: [{ code: 'X', name: 'Xã X', type: 'UBND xã/phường', adults: 100 }],
        targets: [
          ['Mã chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành'],
          ['VNEID', '80%', 2026, '30/6/2026'],
        ],
        reports: [REPORT_HEADER, rep('X', { vneid: 69 })],
      }),
      { today: '2026-11-20' },
    );
    expect(r2.units[0].indicators.VNEID).toMatchObject({ percent: 69, status: 'behind' });
  });
  it('falls back to learner evidence when the unit sent no counts', () => {
    const r = run({ learners: [learner({}), learner({ status: 'Đang học' })] });
    expect(r.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC).toMatchObject({ numerator: 1, denominator: 100, source: 'learners' });
  });
  it('2025 uses the 2025 default targets', () => {
    const r = run({}, '2025-11-20');
    expect(r.settings.targets.map((t) => [t.code, t.target])).toEqual([
      ['CBCCVC', 80],
      ['HSSV', 100],
      ['NGUOI_DAN', 80],
      ['VNEID', 40],
      ['NLD_DN', 80],
      ['AI_CCVC', null],
    ]);
    // no seed gives a 2025 AI target: the rate is shown, without a status
    const ai = consolidate(workbook({ units: [{ code: 'A', name: 'Đơn vị A', cbccvc: 100 }], reports: [REPORT_HEADER, rep('A', { ai: 30 }, '11/2025')] }), {
      today: '2025-11-20',
    });
    expect(ai.units[0].indicators.AI_CCVC).toMatchObject({ percent: 30, target: null, expected: null, status: 'no_data' });
  });
});

describe('laggards around the deadline (day 25, reminders 5 and 2 days before, 1 after)', () => {
  const units: UnitSpec[] = [
    { code: 'A', name: 'Đơn vị A', email: 'a@example.gov.vn' },
    { code: 'B', name: 'Đơn vị B', email: 'b@example.gov.vn' },
  ];
  // A reported (a count: a row with every count empty is not a report, docs/rules.md §4)
  const at = (today: string) => consolidate(workbook({ units, reports: [REPORT_HEADER, rep('A', { cb: 0 })] }), { today });
  it.each([
    ['2026-11-19', []],
    ['2026-11-20', ['REPORT_DUE_SOON']],
    ['2026-11-25', ['REPORT_DUE_SOON']],
    ['2026-11-26', ['REPORT_MISSING']],
  ])('on %s unit B (no report) is lagging for %j; unit A (reported) is not', (today, reasons) => {
    const r = at(today);
    expect(r.units[1].reasons).toEqual(reasons);
    expect(r.units[0].laggard).toBe(false);
  });
  it('reminder dates: 20, 23 and 26 November; one message per lagging unit on those days only', () => {
    const r = at('2026-11-20');
    expect(reminderDates(r.settings, { y: 2026, m: 11, d: 25 }).map((d) => d.date)).toEqual(['2026-11-20', '2026-11-23', '2026-11-26']);
    expect(r.reminders.map((m) => [m.unit, m.kind, m.to])).toEqual([['B', 'TRUOC_HAN', 'b@example.gov.vn']]);
    expect(at('2026-11-21').reminders).toEqual([]);
    expect(at('2026-11-26').reminders.map((m) => m.kind)).toEqual(['QUA_HAN']);
  });
  it('one message lists every reason, with the unit numbers, escaped HTML and no full CCCD', () => {
    const snap = workbook({
      units: [{ code: 'C', name: 'Đơn vị <C> & Co', email: 'c@example.gov.vn', cbccvc: 100 }],
      learners: [learner({ unit: 'C', cccd: '038085123456' }), learner({ unit: 'C', cccd: '038085123456' })],
    });
    const r = consolidate(snap, { today: '2026-11-26' });
    const [m] = r.reminders;
    expect(m.reasons).toEqual(['REPORT_MISSING', 'BELOW_TRAJECTORY', 'DATA_ERRORS']);
    expect(m.text).toContain('Kính gửi');
    expect(m.text).toContain('(1/100)');
    expect(m.text).toContain('Trang “Học viên”, dòng 3');
    expect(m.html).toContain('Đơn vị &lt;C&gt; &amp; Co');
    expect(m.html).not.toContain('<C>');
    expect(m.text + m.html + m.subject).not.toMatch(/\d{12}/);
    expect(m.text).toContain('038*******56');
  });
  it('most lagging first, and units without a focal e-mail get none', () => {
    const r = consolidate(
      workbook({
        units: [
          { code: 'A', name: 'A', email: '' },
          { code: 'B', name: 'B', email: 'b@example.gov.vn', cbccvc: 100 },
          { code: 'C', name: 'C', email: 'c@example.gov.vn', cbccvc: 100 },
        ],
        reports: [REPORT_HEADER, rep('C', { cb: 1 })],
      }),
      { today: '2026-11-26' },
    );
    expect(r.reminders.map((m) => m.unit)).toEqual(['B', 'C']);
    const plans = planReminders({ ...r, units: r.units });
    expect(plans.map((p) => p.unit)).toEqual(['B', 'C']);
  });
});
