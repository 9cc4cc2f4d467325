/** Every issue code of DESIGN.md / docs/rules.md, each with a case that fails without the rule. */
import { consolidate } from '../../src/core/consolidate';
import { SEVERITY } from '../../src/core/issue-codes';
import { templateSheets } from '../../src/core/template';
import type { IssueCode } from '../../src/core/types';
import { codesAt, issuesOf, learner, LEARNER_HEADER, REPORT_HEADER, run, vnDate, workbook } from '../helpers/workbook';

/** Row 2 is the first data row of `Học viên` (header on row 1). */
function one(o: Parameters<typeof learner>[0]) {
  return run({ learners: [learner(o)] });
}

const FULL_CCCD = /\d{12}/;

describe('learner row checks', () => {
  it('a clean row raises no issue and counts as valid and completed', () => {
    const r = one({});
    expect(codesAt(r, 2)).toEqual([]);
    const so = r.units.find((u) => u.code === 'SO01')!;
    expect(so.learners).toEqual({ rows: 1, valid: 1, invalid: 0, duplicates: 0, completed: 1, inProgress: 0, notStarted: 0 });
  });

  const cases: [string, Parameters<typeof learner>[0], IssueCode][] = [
    ['empty CCCD', { cccd: '' }, 'CCCD_MISSING'],
    ['11-digit CCCD text', { cccd: '38085123456' }, 'CCCD_FORMAT'],
    ['letters in CCCD', { cccd: '03808512345A' }, 'CCCD_FORMAT'],
    ['9-digit CMND', { cccd: '172345678' }, 'CCCD_OLD_CMND'],
    ['9-digit CMND as a number', { cccd: 172345678 }, 'CCCD_OLD_CMND'],
    ['scientific notation text', { cccd: '3.8085E+10' }, 'CCCD_PRECISION_LOST'],
    ['16-digit number', { cccd: 3808512345678901 }, 'CCCD_PRECISION_LOST'],
    ['empty name', { name: '' }, 'NAME_MISSING'],
    ['empty unit', { unit: '' }, 'UNIT_MISSING'],
    ['unknown unit', { unit: 'Sở Ngoại vụ' }, 'UNIT_UNKNOWN'],
  ];
  it.each(cases)('%s → %s (error: the row is invalid)', (_label, o, code) => {
    const r = one(o);
    expect(codesAt(r, 2)).toContain(code);
    expect(SEVERITY[code]).toBe('error');
    expect(r.province.learners.invalid).toBe(1);
    expect(r.province.learners.valid).toBe(0);
  });

  const warnings: [string, Parameters<typeof learner>[0], IssueCode][] = [
    ['CCCD stored as a number', { cccd: 38085123456 }, 'CCCD_NUMERIC_CELL'],
    ['province prefix 099', { cccd: '099085123456' }, 'CCCD_PROVINCE'],
    ['century digit 4 (born 2185)', { cccd: '038485123456' }, 'CCCD_CENTURY'],
    ['a 9-year-old official', { cccd: '038217123456' }, 'CCCD_AGE'],
    ['Ngày sinh year disagrees', { birth: vnDate(1990, 5, 1) }, 'CCCD_MISMATCH'],
    ['Giới tính disagrees', { gender: 'Nữ' }, 'CCCD_MISMATCH'],
    ['all lower-case name', { name: 'nguyễn văn an' }, 'NAME_FORMAT'],
    ['name with digits', { name: 'Nguyễn Văn An 2' }, 'NAME_FORMAT'],
    ['one-word name', { name: 'Hùng' }, 'NAME_FORMAT'],
    ['decomposed (NFD) name', { name: 'Nguyễn Thị Hoa'.normalize('NFD') }, 'NAME_FORMAT'],
    ['TCVN3 name', { name: 'NguyÔn V¨n Th¾ng' }, 'NAME_LEGACY_ENCODING'],
    ['VNI name', { name: 'Nguyeãn Vaên Thaéng' }, 'NAME_LEGACY_ENCODING'],
    ['bad e-mail', { email: 'an nguyen@gmail.com' }, 'EMAIL_FORMAT'],
    ['e-mail typo', { email: 'an.nguyen@gmail.con' }, 'EMAIL_TYPO'],
    ['unknown group', { group: 'Hưu trí' }, 'GROUP_UNKNOWN'],
    ['unknown status', { status: 'Bỏ học giữa chừng' }, 'STATUS_UNKNOWN'],
  ];
  it.each(warnings)('%s → %s (warning: the row still counts)', (_label, o, code) => {
    const r = one(o);
    expect(codesAt(r, 2)).toContain(code);
    expect(SEVERITY[code]).toBe('warning');
    expect(r.province.learners.valid).toBe(1);
  });

  it('recovers the leading zero of a number cell and uses the padded CCCD', () => {
    const r = run({ learners: [learner({ cccd: 38085123456 }), learner({ cccd: '038085123456' })] });
    expect(codesAt(r, 3)).toContain('CCCD_DUPLICATE');
    expect(r.duplicates).toHaveLength(1);
    expect(r.duplicates[0].cccd).toBe('038*******56');
  });

  it('cleans spaces, dots, dashes, NBSP, zero-width and full-width digits silently', () => {
    for (const cccd of ['038 085 123 456', '038.085.123.456', '038-085-123456', '038\u00a0085\u200b123456', '０３８０８５１２３４５６', "'038085123456"]) {
      const r = one({ cccd });
      expect({ cccd, codes: codesAt(r, 2) }).toEqual({ cccd, codes: [] });
    }
  });

  it('an 11-digit text hints that the leading zero was lost', () => {
    const r = one({ cccd: '38085123456' });
    expect(issuesOf(r, 'CCCD_FORMAT')[0].message).toContain('mất số 0');
  });

  it('age minimum depends on the group (pupils may be 8, adults may not)', () => {
    const pupil = run({ learners: [learner({ cccd: '038218123456', unit: 'Trường THPT Lê Lợi', group: 'Học sinh, sinh viên' })] });
    expect(codesAt(pupil, 2)).not.toContain('CCCD_AGE');
    const adult = run({ learners: [learner({ cccd: '038210123456', unit: 'UBND xã Yên Định', group: 'Người dân' })] });
    expect(codesAt(adult, 2)).toContain('CCCD_AGE');
  });

  it('an empty group follows the unit type (a school row is HS, SV)', () => {
    const r = run({ learners: [learner({ unit: 'Trường THPT Lê Lợi', cccd: '038210123456' })] });
    expect(codesAt(r, 2)).toEqual([]);
    expect(r.units.find((u) => u.code === 'TR01')!.indicators.HSSV).toMatchObject({ numerator: 1, source: 'learners' });
  });

  it('matches units by code, by name ignoring case/diacritics/tone placement, and without the type word', () => {
    const r = run({
      learners: [
        learner({ unit: 'XA001' }),
        learner({ unit: 'ubnd xa yen dinh' }),
        learner({ unit: 'Xã Yên Định' }),
        learner({ unit: 'UBND  xã Yên Định.'.normalize('NFD') }),
      ],
    });
    expect(r.units.find((u) => u.code === 'XA001')!.learners.rows).toBe(4);
    expect(issuesOf(r, 'UNIT_UNKNOWN')).toEqual([]);
  });

  it('suggests the closest registered unit', () => {
    const r = one({ unit: 'Sở Tài chinhh' });
    expect(issuesOf(r, 'UNIT_UNKNOWN')[0].message).toContain('Có phải “Sở Tài chính”?');
  });

  it('a unit tab owns its rows even with an empty Đơn vị cell', () => {
    const snap = workbook({
      extra: [{ name: 'TR01', values: [['DANH SÁCH HỌC VIÊN'], LEARNER_HEADER, learner({ unit: '' }), learner({ unit: '' })] }],
    });
    const r = consolidate(snap, { today: '2026-11-20' });
    expect(r.units.find((u) => u.code === 'TR01')!.learners.rows).toBe(2);
    expect(issuesOf(r, 'UNIT_MISSING')).toEqual([]);
  });
});

describe('cross-row checks', () => {
  it('a person counts once province-wide: later rows with the same CCCD are CCCD_DUPLICATE naming the first', () => {
    const a = learner({ cccd: '038085999001' });
    const snap = workbook({
      learners: [a, learner({}), learner({ cccd: '038 085 999 001' })],
      extra: [{ name: 'XA001', values: [LEARNER_HEADER, learner({ cccd: 38085999001, unit: '' })] }],
    });
    const r = consolidate(snap, { today: '2026-11-20' });
    const dups = issuesOf(r, 'CCCD_DUPLICATE');
    expect(dups.map((d) => [d.sheet, d.row])).toEqual([
      ['Học viên', 4],
      ['XA001', 2],
    ]);
    for (const d of dups) expect(d.message).toContain('trang “Học viên”, dòng 2');
    expect(r.duplicates).toEqual([
      {
        cccd: '038*******01',
        occurrences: [
          { sheet: 'Học viên', row: 2, unit: 'SO01' },
          { sheet: 'Học viên', row: 4, unit: 'SO01' },
          { sheet: 'XA001', row: 2, unit: 'XA001' },
        ],
      },
    ]);
    expect(r.province.learners).toMatchObject({ rows: 4, valid: 2, invalid: 2, duplicates: 2 });
  });

  it('EMAIL_SHARED: one address on rows with different CCCDs (case-insensitive)', () => {
    const r = run({ learners: [learner({ email: 'chung@gmail.com' }), learner({ email: 'Chung@Gmail.com' })] });
    expect(codesAt(r, 2)).toEqual([]);
    expect(codesAt(r, 3)).toEqual(['EMAIL_SHARED']);
  });

  it('EMAIL_SHARED and CCCD_DUPLICATE survive the prescan: spaced, non-ASCII, number-cell and cross-sheet spellings', () => {
    const snap = workbook({
      learners: [
        learner({ email: 'Chung@Gmail.com', cccd: '038085000111' }),
        learner({ email: ' chung@gmail.com\u00a0', cccd: '038085000112' }),
        learner({ email: 'Ha.Noi@gmail.com', cccd: '038085000113' }),
        learner({ email: 'ha.noi\u200b@GMAIL.COM', cccd: '038085000114' }),
        learner({ cccd: 38085000111 }),
      ],
    });
    snap.sheets.push({ name: 'Thêm', values: [LEARNER_HEADER, learner({ cccd: '038 085 000 112' })] });
    const r = consolidate(snap, { today: '2026-11-20' });
    expect(codesAt(r, 3)).toEqual(['EMAIL_SHARED']);
    expect(codesAt(r, 5)).toEqual(expect.arrayContaining(['EMAIL_SHARED']));
    expect(codesAt(r, 6)).toEqual(expect.arrayContaining(['CCCD_DUPLICATE']));
    expect(r.issues.filter((i) => i.sheet === 'Thêm').map((i) => i.code)).toEqual(['CCCD_DUPLICATE']);
  });

  it('PERSON_POSSIBLE_DUPLICATE: same name and birth year in one unit with another CCCD; not across units', () => {
    const r = run({
      learners: [
        learner({ name: 'Lê Thị Hoà', cccd: '038185000001' }),
        learner({ name: 'Lê Thị Hòa', cccd: '038185000002' }),
        learner({ name: 'Lê Thị Hòa', cccd: '038185000003', unit: 'UBND xã Yên Định' }),
      ],
    });
    expect(codesAt(r, 3)).toEqual(['PERSON_POSSIBLE_DUPLICATE']);
    expect(codesAt(r, 4)).toEqual([]);
  });
});

describe('platform results', () => {
  it('a learner is complete when the platform says so; an invalid platform CCCD is a warning', () => {
    const r = run({
      learners: [learner({ cccd: '038085777001', status: 'Đang học' }), learner({ cccd: '038085777002', status: 'Đang học' })],
      // no course: the completion counts for the learner's group
      platform: [
        ['Số CCCD', 'Họ và tên', 'Khóa học', 'Trạng thái'],
        ['038085777001', 'X', '', 'Đã hoàn thành'],
        ['12345', 'Y', '', 'Hoàn thành'],
        [38085777002, 'Z', '', '40%'],
      ],
    });
    expect(r.province.learners).toMatchObject({ completed: 1, inProgress: 1 });
    expect(issuesOf(r, 'PLATFORM_CCCD_INVALID')).toHaveLength(1);
  });
});

describe('monthly reports', () => {
  const rep = (period: unknown, code: string, counts: unknown[], updated: unknown = vnDate(2026, 11, 10)) => [period, code, '', ...counts, updated];
  const base = (rows: unknown[][], today = '2026-11-20', learners = [] as unknown[][]) =>
    consolidate(workbook({ reports: [REPORT_HEADER, ...(rows as never[])], learners: learners as never[] }), { today });

  it('REPORT_NOT_NUMBER for words, fractions, negatives and percentages; thousands separators are fine', () => {
    const r = base([rep('11/2026', 'XA001', ['12', '1.234', '', '', '2,500', ''])]);
    expect(issuesOf(r, 'REPORT_NOT_NUMBER')).toEqual([]);
    expect(r.units.find((u) => u.code === 'XA001')!.indicators.NGUOI_DAN!.numerator).toBe(1234);
    for (const bad of ['nhiều', '45%', -3, 2.5, '12,5']) {
      const b = base([rep('11/2026', 'XA001', [bad, '', '', '', '', ''])]);
      expect({ bad, codes: b.issues.map((i) => i.code) }).toEqual({ bad, codes: ['REPORT_NOT_NUMBER'] });
    }
  });

  it('REPORT_EXCEEDS_DENOMINATOR drops the count', () => {
    const r = base([rep('11/2026', 'SO01', [150, '', '', '', '', ''])]);
    expect(issuesOf(r, 'REPORT_EXCEEDS_DENOMINATOR')).toHaveLength(1);
    expect(r.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC!.numerator).toBeNull();
    expect(r.units.find((u) => u.code === 'SO01')!.reasons).toContain('DATA_ERRORS');
  });

  it('REPORT_DECREASED compares with the previous reported period', () => {
    const r = base([rep('10/2026', 'SO01', [60, '', '', '', '', ''], vnDate(2026, 10, 20)), rep('Tháng 11/2026', 'SO01', [55, '', '', '', '', ''])]);
    const d = issuesOf(r, 'REPORT_DECREASED');
    expect(d).toHaveLength(1);
    expect(d[0].row).toBe(3);
  });

  it('REPORT_UNSUPPORTED (error, a lagging reason) when completions exceed the evidence + tolerance', () => {
    const learners = [learner({}), learner({}), learner({ status: 'Đang học' })];
    const ok = base([rep('11/2026', 'SO01', [2, '', '', '', '', ''])], '2026-11-20', learners);
    expect(issuesOf(ok, 'REPORT_UNSUPPORTED')).toEqual([]);
    const bad = base([rep('11/2026', 'SO01', [40, '', '', '', '', ''])], '2026-11-20', learners);
    expect(issuesOf(bad, 'REPORT_UNSUPPORTED')).toHaveLength(1);
    expect(issuesOf(bad, 'REPORT_UNSUPPORTED')[0]).toMatchObject({ severity: 'error', unit: 'SO01', row: 2 });
    // 40 of 100 on 20/11 is also behind the trajectory; the reasons keep the documented order.
    expect(bad.units.find((u) => u.code === 'SO01')!.reasons).toEqual(['BELOW_TRAJECTORY', 'REPORT_UNSUPPORTED']);
    expect(ok.units.find((u) => u.code === 'SO01')!.reasons).not.toContain('REPORT_UNSUPPORTED');
    // No learner rows at all: any reported completion is unsupported.
    const none = base([rep('11/2026', 'SO01', [5, '', '', '', '', ''])], '2026-11-20', []);
    expect(issuesOf(none, 'REPORT_UNSUPPORTED')).toHaveLength(1);
  });

  it('REPORT_PERIOD_INVALID; accepted period forms', () => {
    const r = base([
      rep('quý 4', 'SO01', [1, '', '', '', '', '']),
      rep('T11/2026', 'XA001', [1, '', '', '', '', '']),
      rep(vnDate(2026, 11, 1), 'TR01', [1, '', '', '', '', '']),
    ]);
    expect(issuesOf(r, 'REPORT_PERIOD_INVALID').map((i) => i.row)).toEqual([2]);
    expect(r.units.filter((u) => u.report.submitted).map((u) => u.code)).toEqual(['XA001', 'TR01']);
  });

  it('a report row for an unknown unit is UNIT_UNKNOWN', () => {
    const r = base([rep('11/2026', 'XX99', [1, '', '', '', '', ''])]);
    expect(issuesOf(r, 'UNIT_UNKNOWN')).toHaveLength(1);
  });

  it('REPORT_MISSING only after the deadline, as a unit issue', () => {
    expect(issuesOf(base([], '2026-11-25'), 'REPORT_MISSING')).toEqual([]);
    const after = issuesOf(base([], '2026-11-26'), 'REPORT_MISSING');
    expect(after.map((i) => i.unit)).toEqual(['SO01', 'XA001', 'TR01']);
    expect(after[0].sheet).toBeUndefined();
  });

  it('late = updated after the deadline; the latest Ngày cập nhật wins within a period', () => {
    const r = base(
      [rep('11/2026', 'SO01', [10, '', '', '', '', ''], vnDate(2026, 11, 27)), rep('11/2026', 'SO01', [5, '', '', '', '', ''], vnDate(2026, 11, 3))],
      '2026-11-28',
    );
    const so = r.units.find((u) => u.code === 'SO01')!;
    expect(so.report).toMatchObject({ submitted: true, late: true, updated: '2026-11-27' });
    expect(so.indicators.CBCCVC!.numerator).toBe(10);
  });

  it('every issue message names the place and carries a fix; no full CCCD in any message', () => {
    const r = run({
      learners: [learner({ cccd: '38085123456' }), learner({ cccd: 38085123457 }), learner({ cccd: '038085123458' }), learner({ cccd: '038085123458' })],
    });
    for (const i of r.issues) {
      if (i.sheet) expect(i.message).toContain(`Trang “${i.sheet}”, dòng ${i.row}`);
      expect(i.fix).toBeTruthy();
      expect(i.message).not.toMatch(FULL_CCCD);
      expect(JSON.stringify(r.duplicates)).not.toMatch(FULL_CCCD);
    }
  });
});

describe('configuration', () => {
  it('a bad setting is CONFIG_INVALID and the default is used', () => {
    const r = run({
      config: [
        ['Hạn báo cáo hằng tháng (ngày)', 'ba mươi'],
        ['Ngày nhắc trước hạn', '7, 3'],
        ['Chế độ thử', 'Có'],
      ],
    });
    expect(issuesOf(r, 'CONFIG_INVALID')).toHaveLength(1);
    expect(r.settings.deadlineDay).toBe(25);
    expect(r.settings.remindBefore).toEqual([7, 3]);
    expect(r.settings.dryRun).toBe(true);
  });

  it('Khóa kỳ đã chốt: Chặn by default, Chỉ cảnh báo read with the usual folding; another value is CONFIG_INVALID on its cell and Chặn is used', () => {
    expect(run({}).settings.closedLock).toBe('block');
    expect(run({ config: [['Khóa kỳ đã chốt', 'Chỉ cảnh báo']] }).settings.closedLock).toBe('warn');
    expect(run({ config: [['khoa ky da chot', 'chi canh bao']] }).settings.closedLock).toBe('warn');
    expect(run({ config: [['Khóa kỳ đã chốt', 'Chặn']] }).settings.closedLock).toBe('block');
    expect(run({ config: [['Khóa kỳ đã chốt', '']] }).settings.closedLock).toBe('block');
    const r = run({ config: [['Khóa kỳ đã chốt', 'Mở']] });
    expect(r.settings.closedLock).toBe('block');
    const issues = issuesOf(r, 'CONFIG_INVALID');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: 'Cấu hình', column: 'Khóa kỳ đã chốt' });
    expect(issues[0].row).toBeGreaterThan(0);
    expect(issues[0].message).toContain('“Chặn” hoặc “Chỉ cảnh báo”');
    expect(issues[0].message).toContain('Chặn');
    const config = templateSheets(2026).find((t) => t.name === 'Cấu hình');
    expect(config?.rows.find((row) => row[0] === 'Khóa kỳ đã chốt')?.[1]).toBe('Chặn');
  });

  it('messages are Vietnamese and name the value really used (dry run: the template says “Có”, absent means “Không”, unreadable means “Có” until fixed)', () => {
    const r = run({
      config: [
        ['Chế độ thử', 'có lẽ'],
        ['Dung sai đối chiếu (%)', 'mười'],
        ['Người liên hệ', true],
      ],
    });
    const msgs = issuesOf(r, 'CONFIG_INVALID').map((i) => i.message);
    expect(msgs).toHaveLength(3);
    for (const m of msgs) expect(m).not.toMatch(/Invalid|expected|received/i);
    expect(msgs[0]).toContain('tạm dùng “Có”');
    expect(msgs[0]).toContain('không gửi thật');
    expect(msgs[1]).toContain('dùng mặc định');
    expect(r.settings.dryRun).toBe(true);
    expect(run({ config: [['Hạn báo cáo hằng tháng (ngày)', 25]] }).settings.dryRun).toBe(false);
    const config = templateSheets(2026).find((t) => t.name === 'Cấu hình')!;
    expect(config.rows.find((row) => row[0] === 'Chế độ thử')![1]).toBe('Có');
  });

  it('targets from Chỉ tiêu (percent cells as fractions), TARGET_INVALID for a bad row', () => {
    const r = run({
      targets: [
        ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành'],
        ['VNEID', 'VNeID', 0.8, 2026, vnDate(2026, 12, 31)],
        ['XYZ', 'Sai', 50, 2026, ''],
      ],
    });
    expect(r.settings.targets.find((t) => t.code === 'VNEID')!.target).toBe(80);
    expect(issuesOf(r, 'TARGET_INVALID')).toHaveLength(1);
  });

  it('the deadline day is a setting and clamps to the month length', () => {
    const r = run({ config: [['Hạn báo cáo hằng tháng', 31]] }, '2026-11-10');
    expect(r.deadline).toBe('2026-11-30');
  });
});

describe('workbook-level issues', () => {
  it('no Đơn vị sheet: SHEET_MISSING, units derived from learner rows', () => {
    const r = run({ units: null, learners: [learner({ unit: 'Phòng A' }), learner({ unit: 'phòng a' })] });
    expect(issuesOf(r, 'SHEET_MISSING')).toHaveLength(1);
    expect(r.units.map((u) => [u.name, u.learners.rows])).toEqual([['Phòng A', 2]]);
  });

  it('UNIT_CODE_DUPLICATE, UNIT_TYPE_UNKNOWN, DENOMINATOR_INVALID in the registry', () => {
    const r = run({
      units: [
        { code: 'A1', name: 'Đơn vị A', type: 'Bộ', cbccvc: 'năm mươi' },
        { code: 'A1', name: 'Đơn vị A bis' },
      ],
    });
    expect(r.issues.map((i) => i.code).sort()).toEqual(['DENOMINATOR_INVALID', 'UNIT_CODE_DUPLICATE', 'UNIT_TYPE_UNKNOWN']);
    expect(r.units).toHaveLength(1);
  });

  describe('UNIT_NAME_DUPLICATE: two registry rows, different codes, the same name (docs/rules.md §2)', () => {
    const HB1 = { code: 'TH01', name: 'Trường Tiểu học Hòa Bình', type: 'Trường', cbccvc: 20 };
    const HB2 = { code: 'TH02', name: 'Trường Tiểu học Hòa Bình', type: 'Trường', cbccvc: 30 };
    const SO = { code: 'SO01', name: 'Sở Tài chính', type: 'Sở/ngành', cbccvc: 100 };
    const cb = (unit: string) => learner({ unit, group: 'CB, CC, VC' });
    const unitOf = (r: ReturnType<typeof run>, code: string) => r.units.filter((u) => u.code === code)[0];

    it('one warning, on the later row, naming the first row and both codes; both units are kept', () => {
      const r = run({ units: [HB1, SO, HB2] });
      const found = issuesOf(r, 'UNIT_NAME_DUPLICATE');
      expect(found.map((i) => [i.sheet, i.row, i.column, i.unit, i.severity])).toEqual([['Đơn vị', 4, 'Tên đơn vị', 'TH02', 'warning']]);
      expect(found[0].message).toContain('Tên đơn vị “Trường Tiểu học Hòa Bình” (mã “TH02”) trùng với tên đơn vị ở dòng 2 (mã “TH01”)');
      expect(found[0].message).toContain('không được tính cho đơn vị nào');
      expect(found[0].fix).toContain('Đặt tên phân biệt');
      expect(found[0].fix).toContain('(“TH01”, “TH02”)');
      expect(r.issues.map((i) => i.code)).toEqual(['UNIT_NAME_DUPLICATE']);
      expect(r.units.map((u) => u.code)).toEqual(['TH01', 'SO01', 'TH02']);
    });

    it('a third unit of the name: one more warning, naming the first row too', () => {
      const r = run({ units: [HB1, HB2, { ...HB2, code: 'TH03' }] });
      expect(issuesOf(r, 'UNIT_NAME_DUPLICATE').map((i) => [i.row, i.unit])).toEqual([
        [3, 'TH02'],
        [4, 'TH03'],
      ]);
      expect(issuesOf(r, 'UNIT_NAME_DUPLICATE')[1].message).toContain('ở dòng 2 (mã “TH01”)');
    });

    it('the same name as the resolver compares names: tone-mark placement, case and spaces do not count', () => {
      const r = run({ units: [HB1, { ...HB2, name: '  trường tiểu học   HOÀ bình ' }] });
      expect(issuesOf(r, 'UNIT_NAME_DUPLICATE').map((i) => i.row)).toEqual([3]);
    });

    it('different names raise none, even when they differ only by the type word (UBND xã / UBND phường An Bình)', () => {
      const r = run({
        units: [
          HB1,
          { ...HB2, name: 'Trường Tiểu học Hòa Bình 2' },
          { code: 'XA002', name: 'UBND xã An Bình', type: 'UBND xã/phường' },
          { code: 'PH002', name: 'UBND phường An Bình', type: 'UBND xã/phường' },
        ],
      });
      expect(r.issues).toEqual([]);
    });

    it('a cell with the code resolves as before; a cell with the name resolves to neither (UNIT_UNKNOWN with both codes)', () => {
      const learners = [cb('TH01'), cb('th02'), cb('TH02'), cb('Trường Tiểu học Hòa Bình'), cb('trường tiểu học hoà bình'), cb('Tiểu học Hòa Bình')];
      const r = run({ units: [HB1, SO, HB2], learners });
      expect([unitOf(r, 'TH01').learners.valid, unitOf(r, 'TH02').learners.valid]).toEqual([1, 2]);
      const unknown = issuesOf(r, 'UNIT_UNKNOWN');
      expect(unknown.map((i) => [i.row, i.severity])).toEqual([
        [5, 'error'],
        [6, 'error'],
        [7, 'error'],
      ]);
      for (const i of unknown) {
        expect(i.message).toContain(
          'khớp với nhiều đơn vị trong trang “Đơn vị” (“Trường Tiểu học Hòa Bình – mã TH01”, “Trường Tiểu học Hòa Bình – mã TH02”) nên không xác định được là đơn vị nào',
        );
        expect(i.message).not.toContain('Có phải');
        expect(i.fix).toContain('Ghi mã đơn vị');
      }
      // the rows count for no unit
      expect(r.units.reduce((n, u) => n + u.learners.rows, 0)).toBe(3);
    });

    it('a monthly report row: by its code it counts; by the name only it is UNIT_UNKNOWN, with the candidates', () => {
      const reports = [
        REPORT_HEADER,
        ['11/2026', 'TH01', 'Trường Tiểu học Hòa Bình', 5, '', '', '', '', '', vnDate(2026, 11, 10)],
        ['11/2026', '', 'Trường Tiểu học Hòa Bình', 7, '', '', '', '', '', vnDate(2026, 11, 10)],
      ];
      const r = run({ units: [HB1, SO, HB2], reports });
      expect(unitOf(r, 'TH01').report.submitted).toBe(true);
      expect(unitOf(r, 'TH02').report.submitted).toBe(false);
      const unknown = issuesOf(r, 'UNIT_UNKNOWN');
      expect(unknown.map((i) => [i.sheet, i.row])).toEqual([['Báo cáo tháng', 3]]);
      expect(unknown[0].message).toContain('“Trường Tiểu học Hòa Bình – mã TH02”');
    });

    it('a unit without a code whose name is the other’s: the name is its code, so a cell with it counts for it, as the warning says', () => {
      const r = run({ units: [HB1, { ...HB2, code: '' }], learners: [cb('Trường Tiểu học Hòa Bình')] });
      const [w] = issuesOf(r, 'UNIT_NAME_DUPLICATE');
      expect([w.row, w.unit]).toEqual([3, 'Trường Tiểu học Hòa Bình']);
      expect(w.message).toContain('“Trường Tiểu học Hòa Bình” (không có mã riêng) trùng với tên đơn vị ở dòng 2 (mã “TH01”)');
      expect(w.message).toContain('được tính cho đơn vị ở dòng 3, vì tên này là mã đơn vị của dòng đó');
      expect(w.fix).toContain('Nhập mã đơn vị riêng cho đơn vị chưa có mã');
      // the unit without a code first: the name counts for it
      const first = run({ units: [{ ...HB1, code: '' }, HB2], learners: [cb('Trường Tiểu học Hòa Bình')] });
      expect(issuesOf(first, 'UNIT_NAME_DUPLICATE')[0].message).toContain('(mã “TH02”) trùng với tên đơn vị ở dòng 2 (không có mã riêng)');
      expect(first.units.map((u) => u.learners.valid)).toEqual([1, 0]);
      expect(issuesOf(r, 'UNIT_UNKNOWN')).toEqual([]);
      expect(r.units.map((u) => u.learners.valid)).toEqual([0, 1]);
    });
  });

  it('TABLE_NOT_FOUND for a known sheet without its header', () => {
    const snap = workbook({ reports: [['Số liệu', 'Ghi chú']] });
    const r = consolidate(snap, { today: '2026-11-20' });
    expect(issuesOf(r, 'TABLE_NOT_FOUND')[0].sheet).toBe('Báo cáo tháng');
  });
});

describe('every issue code is exercised here or in the generator truth test', () => {
  it('has a severity for every code', () => {
    for (const [code, sev] of Object.entries(SEVERITY)) expect([code, ['error', 'warning'].includes(sev)]).toEqual([code, true]);
  });
});
