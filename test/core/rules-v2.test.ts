/**
 * Rules v2 (issue 9) on small hand-made workbooks: each case fails without its rule. The
 * generator's truth (truth.test.ts) covers the same rules at scale; these pin the edges.
 */
import { defaultTargets } from '../../src/core/config';
import { consolidate } from '../../src/core/consolidate';
import { reportJson } from '../../src/core/json';
import { REMINDER } from '../../src/core/messages';
import { renderSummary } from '../../src/core/render';
import { INDICATOR_NAMES } from '../../src/core/schema';
import type { Cell, Report } from '../../src/core/types';
import { codesAt, DEFAULT_UNITS, issuesOf, learner, REPORT_HEADER, run, UNIT_HEADER, unitRow, vnDate, workbook, type UnitSpec } from '../helpers/workbook';

const DN: UnitSpec = { code: 'DN01', name: 'Công ty CP May Nam Sơn', type: 'Doanh nghiệp/HTX', nld: 50 };
const KHAC: UnitSpec = { code: 'KH01', name: 'Hội Nông dân tỉnh', type: 'Khác', cbccvc: 30 };
const UNITS = [...DEFAULT_UNITS, DN, KHAC];

const unit = (r: Report, code: string) => r.units.find((u) => u.code === code)!;
const numerator = (r: Report, code: string, ind: string) => (unit(r, code).indicators as Record<string, { numerator: number | null }>)[ind]?.numerator ?? null;

const PLATFORM_HEADER: Cell[] = ['Số CCCD', 'Họ và tên', 'Khóa học', 'Trạng thái', 'Ngày hoàn thành'];
const CB_COURSE = 'Phổ cập kỹ năng số dành cho cán bộ, công chức, viên chức và người lao động trong cơ quan nhà nước';
const AI_COURSE =
  'Ứng dụng AI và ChatGPT trong công tác điều hành, báo cáo và xử lý công việc của công chức, viên chức và người lao động trong cơ quan nhà nước';

describe('groups (docs/rules.md §3)', () => {
  it('“NLĐ” / “Người lao động” is CBCCVC at a state body and NLD_DN at an enterprise', () => {
    const r = run({
      units: UNITS,
      learners: [
        learner({ group: 'NLĐ' }),
        learner({ group: 'Người lao động', unit: 'UBND xã Yên Định' }),
        learner({ group: 'Người lao động', unit: DN.name }),
      ],
    });
    expect([numerator(r, 'SO01', 'CBCCVC'), numerator(r, 'XA001', 'CBCCVC'), numerator(r, 'DN01', 'NLD_DN'), numerator(r, 'DN01', 'CBCCVC')]).toEqual([
      1,
      1,
      1,
      null,
    ]);
  });

  it('a blank group at a Khác unit is CBCCVC (its denominator), not Người dân', () => {
    const r = run({ units: UNITS, learners: [learner({ unit: KHAC.name })] });
    expect(numerator(r, 'KH01', 'CBCCVC')).toBe(1);
    expect(numerator(r, 'KH01', 'NGUOI_DAN')).toBeNull();
  });

  it('Nhóm mặc định in Đơn vị overrides the default of the unit type', () => {
    const units = [...DEFAULT_UNITS.map((u) => [...unitRow(u), u.code === 'XA001' ? 'CB, CC, VC' : ''])];
    const snap = workbook({ units: null, learners: [learner({ unit: 'UBND xã Yên Định' })], extra: [] });
    snap.sheets.unshift({ name: 'Đơn vị', values: [[...UNIT_HEADER, 'Nhóm mặc định'], ...units] });
    const r = consolidate(snap, { today: '2026-11-20' });
    expect(numerator(r, 'XA001', 'CBCCVC')).toBe(1);
    // without the column: the commune's default, Người dân (an aggregate indicator: no learner numerator)
    const plain = run({ learners: [learner({ unit: 'UBND xã Yên Định' })] });
    expect(numerator(plain, 'XA001', 'CBCCVC')).toBeNull();
  });

  it('at a school a blank group is HS, SV under 30 by the CCCD, else CBCCVC with GROUP_INFERRED', () => {
    const r = run({
      learners: [
        learner({ unit: 'Trường THPT Lê Lợi', cccd: '038085000901' }), // born 1985: a teacher
        learner({ unit: 'Trường THPT Lê Lợi', cccd: '038208000902' }), // born 2008: a pupil
      ],
    });
    expect(codesAt(r, 2)).toEqual(['GROUP_INFERRED']);
    expect(issuesOf(r, 'GROUP_INFERRED')[0].severity).toBe('warning');
    expect(codesAt(r, 3)).toEqual([]);
    expect([numerator(r, 'TR01', 'CBCCVC'), numerator(r, 'TR01', 'HSSV')]).toEqual([1, 1]);
  });
});

describe('statuses (docs/rules.md §3)', () => {
  it('the seed spellings, checkboxes and percentages; “x” counts with STATUS_AMBIGUOUS', () => {
    const complete: Cell[] = ['Đã học xong', 'Học xong', 'Đã xong', 'HT', true, '100%', 'Xong'];
    const notComplete: Cell[] = ['Không đạt', 'Chưa', 'Đã tham gia', 'Đang tham gia', false, '45%'];
    const r = run({ learners: [...complete, ...notComplete, 'x'].map((status) => learner({ status })) });
    expect(unit(r, 'SO01').learners.completed).toBe(complete.length + 1);
    expect(unit(r, 'SO01').learners.inProgress + unit(r, 'SO01').learners.notStarted).toBe(notComplete.length);
    const x = 2 + complete.length + notComplete.length;
    expect(codesAt(r, x)).toEqual(['STATUS_AMBIGUOUS']);
    expect(issuesOf(r, 'STATUS_AMBIGUOUS')[0].message).toContain('Hoàn thành');
    expect(r.issues.filter((i) => i.row !== undefined && i.row < x)).toEqual([]);
  });
});

describe('tables (docs/rules.md §1)', () => {
  it('reads a learner tab headed Số CMND/CCCD and Họ tên học viên', () => {
    for (const [id, name] of [
      ['Số CMND/CCCD', 'Họ tên học viên'],
      ['CMND/CCCD', 'Họ và tên học viên'],
      ['Số thẻ căn cước', 'Họ tên học viên'],
      ['Số định danh cá nhân', 'Họ và tên'],
    ]) {
      const tab = {
        name: 'SO01',
        values: [
          ['STT', name, id, 'Trạng thái'],
          [1, 'Lê Thị Hoa', '038185000777', 'Hoàn thành'],
        ],
      };
      const r = consolidate(workbook({ extra: [tab] }), { today: '2026-11-20' });
      expect({ id, name, rows: unit(r, 'SO01').learners.valid, missing: issuesOf(r, 'TABLE_NOT_FOUND').length }).toEqual({ id, name, rows: 1, missing: 0 });
    }
  });

  it('TABLE_NOT_FOUND (error) for a unit-named tab or a learner-like sheet without a learner header; other sheets are left alone', () => {
    const extra = [
      {
        name: 'SO01',
        values: [
          ['STT', 'Tên', 'Mã số'],
          [1, 'Lê Thị Hoa', '038185000777'],
        ],
      },
      {
        name: 'Nhập tạm',
        values: [
          ['Họ và tên', 'Email', 'Ngày sinh'],
          ['Lê Thị Hoa', 'hoa@example.vn', '01/02/1990'],
        ],
      },
      { name: 'Ghi chú', values: [['Nội dung'], ['Họp giao ban thứ Hai']] },
    ];
    const r = consolidate(workbook({ extra }), { today: '2026-11-20' });
    const found = issuesOf(r, 'TABLE_NOT_FOUND');
    expect(found.map((i) => i.sheet).sort()).toEqual(['Nhập tạm', 'SO01']);
    for (const i of found) {
      expect(i.severity).toBe('error');
      expect(i.message).toContain('Số căn cước công dân');
    }
  });
});

describe('courses and completion dates (docs/rules.md §7)', () => {
  const person = (cccd: string) => learner({ cccd, status: 'Chưa hoàn thành' });
  const rows = (...r: Cell[][]) => [PLATFORM_HEADER, ...r];

  it('a platform completion counts for its course’s indicator within the target period only; a missing date counts with a warning', () => {
    const r = run({
      learners: [person('038085000801'), person('038085000802'), person('038085000803'), person('038085000804')],
      platform: rows(
        ['038085000801', 'A', CB_COURSE, 'Hoàn thành', vnDate(2026, 3, 2)],
        ['038085000802', 'B', `KHÓA “${AI_COURSE.toUpperCase()}” (đợt 2)`, 'Hoàn thành', vnDate(2026, 5, 4)],
        ['038085000803', 'C', CB_COURSE, 'Hoàn thành', vnDate(2025, 10, 1)], // the 2025 course: not this target's
        ['038085000804', 'D', CB_COURSE, 'Hoàn thành', ''],
      ),
    });
    const ind = unit(r, 'SO01').indicators;
    expect([ind.CBCCVC?.evidenced, ind.AI_CCVC?.evidenced]).toEqual([2, 1]);
    expect(issuesOf(r, 'COMPLETION_DATE_MISSING').map((i) => [i.sheet, i.row])).toEqual([['Kết quả nền tảng', 5]]);
    expect(unit(r, 'SO01').courses[CB_COURSE]).toBe(2);
    expect(r.province.courses[AI_COURSE]).toBe(1);
  });

  it('Khóa học maps another course; an unmapped course is a warning naming it, once per sheet', () => {
    const platform = rows(
      ['038085000811', 'A', 'Kỹ năng số cơ bản cho cán bộ', 'Hoàn thành', vnDate(2026, 4, 1)],
      ['038085000812', 'B', 'Lớp tin học văn phòng', 'Hoàn thành', vnDate(2026, 4, 1)],
      ['038085000813', 'C', 'Lớp tin học văn phòng', 'Hoàn thành', vnDate(2026, 4, 2)],
    );
    const learners = [person('038085000811'), person('038085000812'), person('038085000813')];
    const without = run({ learners, platform });
    expect(unit(without, 'SO01').indicators.CBCCVC?.evidenced).toBe(0);
    const courses = {
      name: 'Khóa học',
      values: [
        ['Tên khóa học', 'Mã chỉ tiêu'],
        ['Kỹ năng số cơ bản cho cán bộ', 'CBCCVC'],
      ],
    };
    const r = run({ learners, platform, extra: [courses] });
    expect(unit(r, 'SO01').indicators.CBCCVC?.evidenced).toBe(1);
    const unmapped = issuesOf(r, 'COURSE_UNMAPPED');
    expect(unmapped.map((i) => [i.row, i.severity])).toEqual([[3, 'warning']]);
    expect(unmapped[0].message).toContain('Lớp tin học văn phòng');
  });
});

describe('reported vs evidenced (docs/rules.md §5)', () => {
  const report = (unitCode: string, cb: Cell, adults: Cell = '', vneid: Cell = '') => [
    '11/2026',
    unitCode,
    '',
    cb,
    adults,
    '',
    '',
    vneid,
    '',
    vnDate(2026, 11, 18),
  ];

  it('within the tolerance no issue; above it REPORT_UNSUPPORTED with both numbers in Tổng hợp', () => {
    const learners = Array.from({ length: 10 }, () => learner());
    const ok = run({ learners, reports: [REPORT_HEADER, report('SO01', 11)] });
    expect(issuesOf(ok, 'REPORT_UNSUPPORTED')).toEqual([]);
    const r = run({ learners, reports: [REPORT_HEADER, report('SO01', 12)] });
    const u = unit(r, 'SO01');
    expect([u.indicators.CBCCVC?.reported, u.indicators.CBCCVC?.evidenced, u.reasons.includes('REPORT_UNSUPPORTED')]).toEqual([12, 10, true]);
    const sheet = renderSummary(r).rows;
    const header = sheet.find((x) => x.includes('CBCCVC: báo cáo'))!;
    const row = sheet.find((x) => x.includes('SO01'))!;
    const col = (suffix: string) => header.indexOf(`CBCCVC${suffix}`);
    expect([row[col(': báo cáo')], row[col(': có minh chứng')], row[col(': chênh lệch')]]).toEqual([12, 10, 2]);
  });

  it('aggregate indicators: no platform Đơn vị column → evidence null (“chưa có minh chứng”), never flagged; with it, counted', () => {
    const reports = [REPORT_HEADER, report('XA001', '', 5000, 4000)];
    const r = run({ reports });
    const x = unit(r, 'XA001').indicators;
    expect([x.NGUOI_DAN?.reported, x.NGUOI_DAN?.evidenced, x.VNEID?.evidenced]).toEqual([5000, null, null]);
    expect(issuesOf(r, 'REPORT_UNSUPPORTED')).toEqual([]);
    expect(renderSummary(r).rows.flat()).toContain('Chưa có minh chứng');

    const platform = [
      [...PLATFORM_HEADER, 'Đơn vị'],
      ['038185000821', 'A', 'Phổ cập kỹ năng số dành cho người dân', 'Hoàn thành', vnDate(2026, 6, 1), 'UBND xã Yên Định'],
      ['038185000822', 'B', 'Phổ cập kỹ năng số dành cho người dân', 'Hoàn thành', vnDate(2026, 6, 2), 'Yên Định'],
    ];
    const withUnits = run({ reports, platform });
    expect(unit(withUnits, 'XA001').indicators.NGUOI_DAN?.evidenced).toBe(2);
    // no course maps to VNeID (only a Khóa học row could): still no evidence, not 0
    expect(unit(withUnits, 'XA001').indicators.VNEID?.evidenced).toBeNull();
    expect(issuesOf(withUnits, 'REPORT_UNSUPPORTED').map((i) => i.unit)).toEqual(['XA001']);
    expect(withUnits.province.indicators.NGUOI_DAN?.evidencedPercent).toBe(0.02);
  });

  it('REPORT_JUMP: a cumulative count rising by more than Mức tăng bất thường (%) of the denominator in one period', () => {
    const reports = [
      REPORT_HEADER,
      ['10/2026', 'SO01', '', 10, '', '', '', '', '', vnDate(2026, 10, 20)],
      ['11/2026', 'SO01', '', 45, '', '', '', '', '', vnDate(2026, 11, 18)],
    ];
    const r = run({ learners: Array.from({ length: 45 }, () => learner()), reports });
    expect(issuesOf(r, 'REPORT_JUMP').map((i) => [i.row, i.severity])).toEqual([[3, 'warning']]);
    const higher = run({ learners: Array.from({ length: 45 }, () => learner()), reports, config: [['Mức tăng bất thường (%)', 40]] });
    expect(issuesOf(higher, 'REPORT_JUMP')).toEqual([]);
  });
});

describe('a platform Đơn vị that resolves to no unit (docs/rules.md §5)', () => {
  const ND_COURSE = 'Phổ cập kỹ năng số dành cho người dân';
  const header = [...PLATFORM_HEADER, 'Đơn vị'];
  let n = 0;
  /** A platform row of a new person (CCCD 038185…), completed on 01/06/2026 unless told. */
  const row = (unitText: Cell, o: { course?: Cell; status?: Cell; date?: Cell } = {}): Cell[] => [
    `038185${String(900000 + ++n)}`,
    'Nguyễn Văn An',
    o.course ?? ND_COURSE,
    o.status ?? 'Hoàn thành',
    o.date ?? vnDate(2026, 6, 1),
    unitText,
  ];
  const warnings = (r: Report) => issuesOf(r, 'PLATFORM_UNIT_UNKNOWN');

  it('one warning per distinct text (by the resolver’s key), at its first row, with the number of rows', () => {
    const r = run({
      platform: [header, row('Xã Không Có'), row('UBND xã Yên Định'), row('xã  KHÔNG có'), row(''), row('Xã Không Có'), row('Phường Lạ')],
    });
    expect(warnings(r).map((i) => [i.sheet, i.row, i.column, i.severity])).toEqual([
      ['Kết quả nền tảng', 2, 'Đơn vị', 'warning'],
      ['Kết quả nền tảng', 7, 'Đơn vị', 'warning'],
    ]);
    const [w] = warnings(r);
    expect(w.message).toContain('Trang “Kết quả nền tảng”, dòng 2, cột “Đơn vị”');
    expect(w.message).toContain('“Xã Không Có” (3 dòng)');
    expect(w.message).toContain('không được tính minh chứng cho chỉ tiêu “Người dân” (của xã, phường)');
    expect(w.fix).toContain('Mã đơn vị');
    expect(warnings(r)[1].message).toContain('“Phường Lạ” (1 dòng)');
    // the resolved row still counts
    expect(unit(r, 'XA001').indicators.NGUOI_DAN?.evidenced).toBe(1);
  });

  it('none for a resolvable or blank unit, nor for a row whose unit would not matter', () => {
    const r = run({
      platform: [
        header,
        row('Yên Định'),
        row('XA001'),
        row(''),
        row(null),
        row('Xã Không Có', { status: 'Đang học' }),
        row('Xã Không Có', { course: 'Lớp tin học văn phòng' }),
        row('Xã Không Có', { course: CB_COURSE }),
        row('Xã Không Có', { date: vnDate(2025, 6, 1) }),
      ],
    });
    expect(warnings(r)).toEqual([]);
    expect(issuesOf(r, 'COURSE_UNMAPPED')).toHaveLength(1);
    expect(unit(r, 'XA001').indicators.NGUOI_DAN?.evidenced).toBe(2);
  });

  it('names VNeID for a course mapped to it, and suggests the closest unit', () => {
    const courses = {
      name: 'Khóa học',
      values: [
        ['Tên khóa học', 'Mã chỉ tiêu'],
        ['Xác thực VNeID', 'VNEID'],
      ],
    };
    const r = run({ platform: [header, row('UBND xã Yên Địn', { course: 'Xác thực VNeID' }), row('UBND xã Yên Địn')], extra: [courses] });
    const [w, ...more] = warnings(r);
    expect(more).toEqual([]);
    expect(w.message).toContain('(2 dòng)');
    expect(w.message).toContain('chỉ tiêu “Người dân” (của xã, phường), “VNeID”');
    expect(w.message).toContain('Có phải “UBND xã Yên Định”?');
    expect(w.fix).toContain('Sửa thành “UBND xã Yên Định”');
  });

  it('an ambiguous text (its key without the type word is that of two units) is reported with both; a learner row with it stays UNIT_UNKNOWN', () => {
    const units: UnitSpec[] = [
      ...DEFAULT_UNITS,
      { code: 'XA002', name: 'UBND xã An Bình', type: 'UBND xã/phường', adults: 100 },
      { code: 'PH002', name: 'UBND phường An Bình', type: 'UBND xã/phường', adults: 100 },
    ];
    const r = run({ units, learners: [learner({ unit: 'An Bình' })], platform: [header, row('An Bình'), row('An Bình')] });
    const [w, ...more] = warnings(r);
    expect(more).toEqual([]);
    expect(w.message).toContain('“An Bình” (2 dòng) khớp với nhiều đơn vị trong trang “Đơn vị” (“UBND xã An Bình”, “UBND phường An Bình”)');
    expect(w.message).not.toContain('Có phải');
    expect(issuesOf(r, 'UNIT_UNKNOWN').map((i) => i.row)).toEqual([2]);
    expect([unit(r, 'XA002').indicators.NGUOI_DAN?.evidenced, unit(r, 'PH002').indicators.NGUOI_DAN?.evidenced]).toEqual([0, 0]);
  });

  it('a name two units have (UNIT_NAME_DUPLICATE) is reported with both, told apart by their codes; their codes still count', () => {
    const units: UnitSpec[] = [
      ...DEFAULT_UNITS,
      { code: 'XA002', name: 'UBND xã Hòa Bình', type: 'UBND xã/phường', adults: 100 },
      { code: 'XA003', name: 'UBND xã Hoà Bình', type: 'UBND xã/phường', adults: 100 },
    ];
    const r = run({ units, platform: [header, row('UBND xã Hòa Bình'), row('Hòa Bình'), row('XA003')] });
    expect(issuesOf(r, 'UNIT_NAME_DUPLICATE').map((i) => [i.row, i.unit])).toEqual([[6, 'XA003']]);
    expect(warnings(r).map((w) => w.message)).toEqual([
      expect.stringContaining(
        '“UBND xã Hòa Bình” (1 dòng) khớp với nhiều đơn vị trong trang “Đơn vị” (“UBND xã Hòa Bình – mã XA002”, “UBND xã Hoà Bình – mã XA003”)',
      ),
      expect.stringContaining('“Hòa Bình” (1 dòng) khớp với nhiều đơn vị trong trang “Đơn vị” (“UBND xã Hòa Bình – mã XA002”, “UBND xã Hoà Bình – mã XA003”)'),
    ]);
    expect([unit(r, 'XA002').indicators.NGUOI_DAN?.evidenced, unit(r, 'XA003').indicators.NGUOI_DAN?.evidenced]).toEqual([0, 1]);
  });

  it('a CCCD-like digit run in the text is masked in the message', () => {
    const r = run({ platform: [header, row('Xã 038185000123')] });
    const [w] = warnings(r);
    expect(w.message).not.toContain('038185000123');
    expect(w.message).toContain('“Xã 038*******23”');
  });
});

describe('trajectory (docs/rules.md §5)', () => {
  // 20/11/2026: 323 of the 333 days from 01/01 to the courses' end 30/11/2026 → expected 97.0%.
  const reportOf = (n: number) => [REPORT_HEADER, ['11/2026', 'SO01', '', n, '', '', '', '', '', vnDate(2026, 11, 18)]];
  const learners = Array.from({ length: 90 }, () => learner());
  it('behind only below the expected share by more than Dung sai tiến độ (điểm %)', () => {
    const at = (n: number, config: Cell[][] = []) => unit(run({ learners, reports: reportOf(n), config }), 'SO01').indicators.CBCCVC!;
    expect(at(88).expected).toBeCloseTo(97.0, 1);
    expect(at(88).status).toBe('on_track');
    expect(at(86).status).toBe('behind');
    expect(at(88, [['Dung sai tiến độ (điểm %)', 5]]).status).toBe('behind');
  });

  it('Ngày bắt đầu and Tỷ lệ đầu kỳ (%) in Chỉ tiêu: expected = baseline + (target − baseline) × elapsed', () => {
    const targets = [
      ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành', 'Ngày bắt đầu', 'Tỷ lệ đầu kỳ (%)'],
      ['CBCCVC', '', 100, 2026, vnDate(2026, 12, 31), vnDate(2026, 7, 1), 50],
    ];
    const v = unit(run({ learners, reports: reportOf(60), targets }), 'SO01').indicators.CBCCVC!;
    // 142 of 183 days from 01/07 to 31/12 → 50 + 50 × 0.776 = 88.8
    expect(v.expected).toBeCloseTo(88.8, 1);
    expect([v.baseline, v.start, v.end]).toEqual([50, '2026-07-01', '2026-12-31']);
  });

  it('defaults: VNeID named as seed 002 says; no 2025 AI target; the 2026 courses end 30/11', () => {
    expect(INDICATOR_NAMES.VNEID).toBe('Người dân trưởng thành được xác nhận đạt phổ cập kỹ năng số trên VNeID');
    expect(defaultTargets(2025).find((t) => t.code === 'AI_CCVC')!.target).toBeNull();
    const t2026 = defaultTargets(2026);
    expect(t2026.find((t) => t.code === 'CBCCVC')!.deadline).toBe('2026-11-30');
    expect(t2026.find((t) => t.code === 'VNEID')!.deadline).toBe('2026-12-31');
  });
});

describe('reminders follow the most serious reason (docs/reminders.md)', () => {
  it('cập nhật báo cáo / rà soát số liệu / đẩy nhanh tiến độ; one message per unit', () => {
    const units: UnitSpec[] = [
      { code: 'SO01', name: 'Sở Tài chính', cbccvc: 100 },
      { code: 'SO02', name: 'Sở Xây dựng', cbccvc: 100 },
      { code: 'SO03', name: 'Sở Y tế', cbccvc: 100 },
    ];
    const rep = (u: string, n: number) => ['11/2026', u, '', n, '', '', '', '', '', vnDate(2026, 11, 18)];
    const learners = [...Array.from({ length: 30 }, () => learner({ unit: 'Sở Xây dựng' })), ...Array.from({ length: 30 }, () => learner({ unit: 'Sở Y tế' }))];
    // SO01 has not reported (due in 5 days); SO02 reports 90 with 30 listed; SO03 reports its 30
    const r = run({ units, learners, reports: [REPORT_HEADER, rep('SO02', 90), rep('SO03', 30)] });
    const subject = (code: string) => r.reminders.filter((m) => m.unit === code).map((m) => m.subject);
    expect(subject('SO01')).toEqual([REMINDER.subject('TRUOC_HAN', '11/2026', 'Sở Tài chính')]);
    expect(subject('SO02')).toEqual([REMINDER.subject('CHAT_LUONG', '11/2026', 'Sở Xây dựng')]);
    expect(subject('SO03')).toEqual([REMINDER.subject('TIEN_DO', '11/2026', 'Sở Y tế')]);
    expect(subject('SO01')[0]).toContain('Đề nghị cập nhật báo cáo');
    expect(subject('SO02')[0]).toContain('Đề nghị rà soát số liệu');
    expect(subject('SO03')[0]).toContain('Đề nghị đẩy nhanh tiến độ');
    const so02 = r.reminders.find((m) => m.unit === 'SO02')!;
    expect(so02.text).toContain('báo cáo 90 người, có minh chứng 30 người');
  });
});

describe('outputs carry the v2 numbers', () => {
  it('JSON formatVersion 2 with reported, evidenced and the province’s evidenced share; Tổng hợp has a province total row', () => {
    const r = run({ learners: [learner(), learner()], reports: [REPORT_HEADER, ['11/2026', 'SO01', '', 5, '', '', '', '', '', vnDate(2026, 11, 18)]] });
    const json = JSON.parse(JSON.stringify(reportJson(r)));
    expect(json.formatVersion).toBe(2);
    expect(json.units.find((u: { code: string }) => u.code === 'SO01').indicators.CBCCVC).toMatchObject({ reported: 5, evidenced: 2 });
    expect(json.province.indicators.CBCCVC).toMatchObject({ reported: 5, evidenced: 2 });
    const rows = renderSummary(r).rows;
    expect(rows.some((row) => row.includes('TOÀN TỈNH'))).toBe(true);
  });
});
