/**
 * The texts users read: names in capitals, the NFD fix, brackets, the denominator message, the
 * percent style, one term for the unit flag, and the link, phone and “./.” of the e-mails.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { consolidate } from '../../src/core/consolidate';
import { composeDigest } from '../../src/core/digest';
import { SEVERITY, type IssueCode, type IssueDetailsByCode, type IssueInput } from '../../src/core/issue-codes';
import { CLI, GAS, MAIL, REMINDER, SUMMARY, formatPercentVi, issueText } from '../../src/core/messages';
import { STATUS_LABELS } from '../../src/core/schema';
import type { Report } from '../../src/core/types';
import { issuesOf, learner, REPORT_HEADER, run, vnDate, workbook, type UnitSpec } from '../helpers/workbook';

const SRC = join(__dirname, '../../src');

describe('names in capitals (as the ID card prints them)', () => {
  it('raise no NAME_FORMAT, with and without the prescan; mixed case still does', () => {
    const snap = workbook({
      learners: [learner({ name: 'NGUYỄN VĂN AN' }), learner({ name: "H'HEN NIÊ" }), learner({ name: 'TRẦN Thị Bích' })],
    });
    for (const prescan of [true, false]) {
      const r = consolidate(snap, { today: '2026-11-20', prescan });
      expect({ prescan, rows: issuesOf(r, 'NAME_FORMAT').map((i) => i.row) }).toEqual({ prescan, rows: [4] });
      expect(issuesOf(r, 'NAME_FORMAT')[0].fix).toBe('Sửa thành “Trần Thị Bích”.');
    }
  });
});

describe('a decomposed (NFD) name', () => {
  it('gets a fix that says what to do, not a suggestion that looks the same as the name', () => {
    const nfd = 'Nguyễn Thị Hoa'.normalize('NFD');
    const [i] = issuesOf(run({ learners: [learner({ name: nfd })] }), 'NAME_FORMAT');
    expect(i.fix).toContain('Unicode dựng sẵn');
    expect(i.fix).not.toContain('Sửa thành');
    expect(i.fix!.normalize('NFC')).not.toContain('Nguyễn Thị Hoa');
  });
});

/** Every code with sample details, once for each variant of its text. */
function sampleInputs(): IssueInput[] {
  const value = '12482';
  const masked = '038*******56';
  const first = { firstSheet: 'Học viên', firstRow: 12 };
  const config = { key: 'Hạn báo cáo hằng tháng (ngày)', value: '45', why: 'phải là ngày trong tháng, số nguyên từ 1 đến 31', defaultValue: '25' };
  const jump = { value, previous: 60, previousPeriod: 'Quý III/2026', increase: 12422, threshold: 30, denominator: 11229 };
  const out: IssueInput[] = [
    { code: 'CCCD_MISSING', details: {} },
    { code: 'CCCD_FORMAT', details: { masked, length: 12, reason: 'letters' } },
    ...[9, 10, 11, 13].map((length): IssueInput => ({ code: 'CCCD_FORMAT', details: { masked, length, reason: 'short' } })),
    { code: 'CCCD_OLD_CMND', details: {} },
    { code: 'CCCD_PRECISION_LOST', details: {} },
    { code: 'CCCD_DUPLICATE', details: { masked, ...first, firstUnit: 'Sở Tài chính' } },
    { code: 'CCCD_DUPLICATE', details: { masked, ...first } },
    { code: 'NAME_MISSING', details: {} },
    { code: 'UNIT_MISSING', details: {} },
    { code: 'UNIT_UNKNOWN', details: { value, suggestion: 'Sở Tài chính' } },
    { code: 'UNIT_UNKNOWN', details: { value } },
    {
      code: 'UNIT_UNKNOWN',
      details: { value: 'Trường Tiểu học Hòa Bình', candidates: ['Trường Tiểu học Hòa Bình – mã TH01', 'Trường Tiểu học Hòa Bình – mã TH02'] },
    },
    { code: 'REPORT_NOT_NUMBER', details: { value: '45%' } },
    { code: 'REPORT_UNSUPPORTED', details: { reported: 1250, evidenced: 3, tolerance: 10 } },
    { code: 'CCCD_NUMERIC_CELL', details: { masked } },
    { code: 'CCCD_PROVINCE', details: { prefix: '099' } },
    { code: 'CCCD_CENTURY', details: { cccdYear: 2086 } },
    { code: 'CCCD_AGE', details: { age: 9, minAge: 18, group: 'Người dân' } },
    { code: 'CCCD_MISMATCH', details: { reason: 'year', year: 1985, cccdYear: 1986 } },
    { code: 'CCCD_MISMATCH', details: { reason: 'gender', gender: 'Nam', cccdGender: 'Nữ' } },
    { code: 'NAME_LEGACY_ENCODING', details: { value: 'NguyÔn V¨n An', encoding: 'TCVN3', suggestion: 'Nguyễn Văn An' } },
    { code: 'EMAIL_FORMAT', details: { value: 'an@gmail', suggestion: 'an@gmail.com' } },
    { code: 'EMAIL_FORMAT', details: { value: 'an at gmail' } },
    { code: 'EMAIL_TYPO', details: { value: 'an@gmial.com', suggestion: 'an@gmail.com' } },
    { code: 'EMAIL_SHARED', details: { value: 'an@gmail.com', ...first } },
    { code: 'GROUP_UNKNOWN', details: { value: 'Nhóm lạ', group: 'Người dân' } },
    { code: 'STATUS_UNKNOWN', details: { value: 'Xong' } },
    { code: 'STATUS_AMBIGUOUS', details: { value: 'Đã xong', accepted: 'Hoàn thành; Chưa hoàn thành; Không tham gia' } },
    { code: 'GROUP_INFERRED', details: { age: 40, group: 'CB, CC, VC, NLĐ' } },
    { code: 'PERSON_POSSIBLE_DUPLICATE', details: first },
    { code: 'REPORT_MISSING', details: { unitName: 'Sở Tài chính', period: '11/2026', deadline: '25/11/2026' } },
    { code: 'REPORT_MISSING', details: { unitName: 'Sở Tài chính', period: 'Quý IV/2026', deadline: '25/12/2026' } },
    { code: 'REPORT_DECREASED', details: { value: '1200', previous: 1500, previousPeriod: '10/2026' } },
    { code: 'REPORT_EXCEEDS_EVIDENCE', details: { value: '40', evidence: 3, tolerance: 7.5 } },
    { code: 'REPORT_JUMP', details: { ...jump, periods: 1 } },
    { code: 'REPORT_JUMP', details: { ...jump, periods: 3 } },
    { code: 'COURSE_UNMAPPED', details: { value: 'Khóa lạ', rows: 1250, learnerRow: true } },
    { code: 'COURSE_UNMAPPED', details: { value: 'Khóa lạ', rows: 1, learnerRow: false } },
    { code: 'COMPLETION_DATE_MISSING', details: {} },
    { code: 'PLATFORM_UNIT_UNKNOWN', details: { value: 'Xã Lạ', rows: 3, indicators: ['NGUOI_DAN', 'VNEID'] } },
    { code: 'PLATFORM_UNIT_UNKNOWN', details: { value: 'Yên Địn', rows: 1250, indicators: ['VNEID'], suggestion: 'UBND xã Yên Định' } },
    {
      code: 'PLATFORM_UNIT_UNKNOWN',
      details: { value: 'An Bình', rows: 2, indicators: ['NGUOI_DAN'], candidates: ['UBND xã An Bình', 'UBND phường An Bình'] },
    },
    { code: 'SHEET_MISSING', details: { sheet: 'Đơn vị' } },
    { code: 'TABLE_NOT_FOUND', details: { columns: 'Họ và tên, Số căn cước công dân' } },
    { code: 'INPUT_SKIPPED', details: { file: 'bao-cao.xlsx', note: 'bỏ qua biểu đồ' } },
    { code: 'TIME_ZONE_DIFFERS', details: { value: 'Asia/Tokyo' } },
    { code: 'UNIT_CODE_DUPLICATE', details: { value: 'XA001', firstRow: 3 } },
    { code: 'UNIT_NAME_DUPLICATE', details: { value: 'Trường Tiểu học Hòa Bình', code: 'TH02', firstRow: 3, firstCode: 'TH01' } },
    {
      code: 'UNIT_NAME_DUPLICATE',
      details: { value: 'Trường Tiểu học Hòa Bình', code: '', firstRow: 3, firstCode: 'TH01', codeRow: 5 },
    },
    { code: 'UNIT_TYPE_UNKNOWN', details: { value: 'Trường học kiểu lạ' } },
    { code: 'DENOMINATOR_INVALID', details: { value: 'nhiều' } },
    { code: 'CONFIG_INVALID', details: config },
    { code: 'CONFIG_INVALID', details: { ...config, safe: true } },
    { code: 'TARGET_INVALID', details: { why: 'mục tiêu “150” không phải tỷ lệ từ 0 đến 100%' } },
    { code: 'PLATFORM_CCCD_INVALID', details: {} },
    { code: 'HISTORY_ROW_INVALID', details: { why: 'phiên bản “hai” không phải số nguyên dương' } },
    {
      code: 'CLOSED_PERIOD_CHANGED',
      details: { unitName: 'Sở Tài chính', indicator: 'CBCCVC', period: '11/2026', version: 1, snapshot: '30/100 (30,0%)', now: '50/100 (50,0%)' },
    },
  ];
  for (const reason of ['digits', 'symbols', 'case', 'single_word', 'decomposed'] as const) {
    out.push({ code: 'NAME_FORMAT', details: { value: 'nguyễn văn an', reason, suggestion: 'Nguyễn Văn An' } });
    out.push({ code: 'NAME_FORMAT', details: { value: 'nguyễn văn an', reason } });
  }
  for (const quarterInMonthly of [false, true])
    for (const cycle of ['month', 'quarter'] as const) out.push({ code: 'REPORT_PERIOD_INVALID', details: { value: 'abc', cycle, quarterInMonthly } });
  for (const field of [undefined, 'doneCbccvc', 'doneAdults', 'doneHssv', 'doneNldDn', 'doneVneid', 'doneAi'] as const)
    out.push({ code: 'REPORT_EXCEEDS_DENOMINATOR', details: { value, denominator: 11229, field } });
  return out;
}

/** The text of a sample: a code held in a variable, with the details of that code. */
function textOf<C extends IssueCode>(i: { code: C; details: IssueDetailsByCode[C] }) {
  return issueText(i.code, i.details);
}

/** Deepest nesting of ( ) and [ ] in a text. */
function bracketDepth(s: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']') depth--;
  }
  return max;
}

describe('issue texts', () => {
  it('have a sample for every code', () => {
    expect(new Set(sampleInputs().map((i) => i.code))).toEqual(new Set(Object.keys(SEVERITY)));
  });

  it('never nest a bracket inside another (every code, sample details)', () => {
    for (const i of sampleInputs()) {
      const t = textOf(i);
      for (const s of [t.text, t.fix ?? '']) expect({ code: i.code, s, nested: bracketDepth(s) > 1 }).toEqual({ code: i.code, s, nested: false });
    }
  });

  it('never say “undefined” or “null” (every code, sample details)', () => {
    for (const i of sampleInputs()) {
      const t = textOf(i);
      const all = `${t.text} ${t.fix ?? ''}`;
      expect({ code: i.code, all, missing: /undefined|null|NaN/.test(all) }).toEqual({ code: i.code, all, missing: false });
    }
  });

  it('write percentages as 10%, and numbers of people as “số người”, not “số nguyên không âm”', () => {
    for (const i of sampleInputs()) {
      const t = textOf(i);
      const all = `${t.text} ${t.fix ?? ''}`;
      expect({ code: i.code, all }).not.toEqual({ code: i.code, all: expect.stringMatching(/\d %|số nguyên không âm|xoá/) });
    }
    expect(issueText('REPORT_NOT_NUMBER', { value: '45%' }).text).toContain('phải là số người, ví dụ 125');
    expect(issueText('DENOMINATOR_INVALID', { value: 'nhiều' }).text).toContain('phải là số người');
    expect(issueText('REPORT_EXCEEDS_EVIDENCE', { value: '40', evidence: 2, tolerance: 7.5 }).text).toContain('(dung sai 7,5%)');
    expect(issueText('REPORT_DECREASED', { value: '1200', previous: 1500, previousPeriod: '10/2026' }).text).toBe(
      'Số lũy kế giảm từ 1.500 (kỳ 10/2026) xuống 1.200.',
    );
  });
});

describe('REPORT_EXCEEDS_DENOMINATOR', () => {
  const rep = (counts: unknown[]) => ['11/2026', 'XA001', '', ...counts, vnDate(2026, 11, 10)];
  const units = [{ code: 'XA001', name: 'UBND xã Yên Định', type: 'UBND xã/phường', cbccvc: 40, adults: 11229, hssv: 1000, nld: 2000 }];
  const report = (counts: unknown[]) => consolidate(workbook({ units, reports: [REPORT_HEADER, rep(counts) as never[]] }), { today: '2026-11-20' });

  it('names the column and its denominator, with formatted numbers', () => {
    const [i] = issuesOf(report(['', '', '', '', 12482, '']), 'REPORT_EXCEEDS_DENOMINATOR');
    expect(i.message).toBe(
      'Trang “Báo cáo tháng”, dòng 2, cột “Người dân được xác nhận trên VNeID”: Số người được xác nhận trên VNeID (12.482) lớn hơn số người dân trưởng thành (11.229); số này không được tính.',
    );
    expect(i.fix).toContain('cột “Số người dân trưởng thành” ở trang “Đơn vị”');
  });

  it('has one phrase per count column', () => {
    const r = report([41, 11230, 1001, 2001, 11230, 41]);
    const texts = issuesOf(r, 'REPORT_EXCEEDS_DENOMINATOR').map((i) => i.message.slice(i.message.indexOf(': ') + 2));
    expect(texts).toEqual([
      'Số CB, CC, VC, NLĐ đã hoàn thành (41) lớn hơn tổng số CB, CC, VC, NLĐ (40); số này không được tính.',
      'Số người dân đã hoàn thành (11.230) lớn hơn số người dân trưởng thành (11.229); số này không được tính.',
      'Số HS, SV đã hoàn thành (1.001) lớn hơn số học sinh, sinh viên (1.000); số này không được tính.',
      'Số NLĐ doanh nghiệp đã hoàn thành (2.001) lớn hơn số NLĐ doanh nghiệp, HTX (2.000); số này không được tính.',
      'Số người được xác nhận trên VNeID (11.230) lớn hơn số người dân trưởng thành (11.229); số này không được tính.',
      'Số CC, VC được bồi dưỡng về AI (41) lớn hơn tổng số CB, CC, VC, NLĐ (40); số này không được tính.',
    ]);
  });
});

describe('labels and terms', () => {
  it('percentages: 23,6% (no space before %)', () => {
    expect(formatPercentVi(23.6)).toBe('23,6%');
    expect(formatPercentVi(100, 0)).toBe('100%');
    expect(formatPercentVi(null)).toBe('—');
  });

  it('Tổng hợp uses the learner status labels, and “Cần đôn đốc” for the unit flag', () => {
    expect([SUMMARY.headers.completed, SUMMARY.headers.inProgress, SUMMARY.headers.notStarted]).toEqual([
      STATUS_LABELS.HOAN_THANH,
      STATUS_LABELS.CHUA_HOAN_THANH,
      STATUS_LABELS.KHONG_THAM_GIA,
    ]);
    expect(SUMMARY.headers.laggard).toBe('Cần đôn đốc');
    expect(SUMMARY.completenessHeaders).toContain('Đơn vị cần đôn đốc');
    expect(CLI.summaryRows).toMatchObject({ invalid: 'Dòng không hợp lệ', errors: 'Số lỗi', warnings: 'Số cảnh báo', laggards: 'Đơn vị cần đôn đốc' });
    expect(GAS.done('consolidation', { units: 3, rows: 10, valid: 9, errors: 1, warnings: 0, laggards: 2 })).toContain('2 đơn vị cần đôn đốc');
    expect(MAIL.digest.laggardsTitle(4)).toBe('Đơn vị cần đôn đốc: 4');
  });

  it('no text in src/ writes “chậm tiến độ” for a unit, “ %” after a number, or “xoá”', () => {
    const files = ['core/messages.ts', 'core/config.ts', 'core/template.ts', 'cli/progress.ts'];
    for (const f of files) {
      const text = readFileSync(join(SRC, f), 'utf8');
      const lines = text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l));
      expect({ f, bad: lines.filter((l) => /(\d|\}) %/.test(l)) }).toEqual({ f, bad: [] });
      expect({ f, bad: lines.filter((l) => /xoá/i.test(l)) }).toEqual({ f, bad: [] });
      // the indicator status “Chậm tiến độ” stays; a unit is “cần đôn đốc”
      expect({ f, bad: lines.filter((l) => /đơn vị (nào )?chậm tiến độ|laggard: 'Chậm/i.test(l)) }).toEqual({ f, bad: [] });
    }
  });
});

describe('e-mails: link to the shared sheet, phone, “./.”', () => {
  const URL = 'https://docs.google.com/spreadsheets/d/abc/edit?usp=sharing&x="><b>';
  const config = [
    ['Đường dẫn bảng tính', URL],
    ['Điện thoại liên hệ', '0237 3852 000'],
    ['Người liên hệ', 'Lê Thị Thu Hằng'],
    ['Email liên hệ', 'lienhe@example.gov.vn'],
  ];

  /** 20/11/2026 is a reminder date; no unit reported, so every unit gets a message. */
  function reminders(units?: UnitSpec[]): Report {
    return run({ config, units, learners: [learner()] });
  }

  it('the reminder: greeting, link (escaped in HTML), phone, and a body ending with “./.”', () => {
    const r = reminders();
    expect(issuesOf(r, 'CONFIG_INVALID')).toEqual([]);
    const m = r.reminders.find((x) => x.unit === 'SO01')!;
    const lines = m.text.split('\n');
    expect(lines[0]).toBe('Kính gửi: Sở Tài chính (Ông/Bà Trần Văn Bình, cán bộ đầu mối).');
    expect(lines).toContain(`Bảng tính dùng chung: ${URL}`);
    expect(lines.indexOf(`Bảng tính dùng chung: ${URL}`)).toBe(lines.indexOf(REMINDER.action) + 1);
    expect(lines).toContain('Điện thoại: 0237 3852 000');
    // the last line of the body, right before the signature, ends with “./.”
    const sig = lines.indexOf(r.settings.departmentName);
    expect(lines[sig - 1]).toBe('');
    expect(lines[sig - 2]).toMatch(/\.\/\.$/);
    expect(lines.filter((l) => l.endsWith('./.'))).toHaveLength(1);
    const escaped = 'https://docs.google.com/spreadsheets/d/abc/edit?usp=sharing&amp;x=&quot;&gt;&lt;b&gt;';
    expect(m.html).toContain(`Bảng tính dùng chung: <a href="${escaped}">${escaped}</a>`);
    expect(m.html).not.toContain('"><b>');
    expect(m.html).toContain('Điện thoại: 0237 3852 000');
    expect(m.html).toMatch(/\.\/\.<\/p>/);
  });

  it('the greeting without a contact name', () => {
    const r = reminders([{ code: 'SO01', name: 'Sở Tài chính', contact: '', cbccvc: 100 }]);
    expect(r.reminders[0].text.split('\n')[0]).toBe('Kính gửi: Sở Tài chính (cán bộ đầu mối).');
  });

  it('no link line without the setting', () => {
    const r = run({ learners: [learner()] });
    expect(r.reminders[0].text).not.toContain('Bảng tính dùng chung');
    expect(r.reminders[0].html).not.toContain('<a ');
  });

  it('the error count is formatted', () => {
    expect(REMINDER.errors(1234)).toBe('Danh sách học viên và báo cáo tháng của đơn vị còn 1.234 dòng bị lỗi, cần sửa để được tính:');
  });

  it('the weekly digest carries the same link, phone and “./.”', () => {
    const r = run({ config: [...config, ['Email nhận bản tổng hợp', 'lanhdao@example.gov.vn']], learners: [learner()] }, '2026-11-23');
    const now = new Date('2026-11-23T01:00:00Z');
    const d = composeDigest({ report: r, log: [], since: new Date(now.getTime() - 7 * 86400e3), now, week: 48, year: 2026 });
    const lines = d.text.split('\n');
    expect(lines).toContain(`Bảng tính dùng chung: ${URL}`);
    expect(lines).toContain('Điện thoại: 0237 3852 000');
    expect(lines.filter((l) => l.endsWith('./.'))).toEqual([MAIL.digest.closing]);
    expect(d.html).toContain('<a href="https://docs.google.com/spreadsheets/d/abc/edit?usp=sharing&amp;x=&quot;&gt;&lt;b&gt;">');
    expect(d.html).not.toContain('"><b>');
  });

  it('a bad link or phone is CONFIG_INVALID and left empty; a phone typed as a number gets its 0 back', () => {
    for (const bad of ['docs.google.com/spreadsheets/d/abc', 'https://docs.google.com/spread sheets', 'javascript:alert(1)', 'ftp://x.vn/a']) {
      const r = run({ config: [['Đường dẫn bảng tính', bad]] });
      expect({ bad, codes: r.issues.map((i) => i.code) }).toEqual({ bad, codes: ['CONFIG_INVALID'] });
      expect(issuesOf(r, 'CONFIG_INVALID')[0].message).toContain('Đường dẫn bảng tính');
      expect(r.settings.sheetUrl).toBe('');
    }
    const phone = run({ config: [['Điện thoại liên hệ', '0237-3852-000 (máy lẻ 12)']] });
    expect(issuesOf(phone, 'CONFIG_INVALID')).toHaveLength(1);
    expect(phone.settings.contactPhone).toBe('');
    expect(run({ config: [['Điện thoại liên hệ', 912345678]] }).settings.contactPhone).toBe('0912345678');
    expect(run({ config: [['Điện thoại liên hệ', '+84 912.345.678']] }).settings.contactPhone).toBe('+84 912.345.678');
  });
});
