/**
 * Issue 10 §1: a CCCD pasted one column off (into any learner, report or platform column) never
 * reaches an output in full: not the JSON, not `Lỗi dữ liệu`, not `Tổng hợp`, not an e-mail. The
 * one masking is `maskDigitRuns` (cccd.ts), applied to every issue message and fix.
 */
import fc from 'fast-check';
import { hasDigitRun, maskDigitRuns } from '../../src/core/cccd';
import { makeIssue } from '../../src/core/issues';
import { issueText, locationText } from '../../src/core/messages';
import { consolidate } from '../../src/core/consolidate';
import { reportJson } from '../../src/core/json';
import { renderIssues, renderSummary } from '../../src/core/render';
import type { Cell, Report } from '../../src/core/types';
import { learner, LEARNER_HEADER, REPORT_HEADER, vnDate, workbook } from '../helpers/workbook';

const PLANTED = ['038171234561', '038 171 234 562', '038.171.234.563', '171234564', '03817123456'];
/** The digits of a planted number, found in an output with any separators. */
const leaked = (text: string): string[] => {
  const digits = text.replace(/[ .\-_\u00a0]/g, '');
  return PLANTED.map((p) => p.replace(/\D/g, '')).filter((p) => digits.includes(p));
};

/** Every output of a report as text: the JSON, both output sheets, each reminder. */
function outputsOf(r: Report): [string, string][] {
  return [
    ['tong-hop.json', JSON.stringify(reportJson(r))],
    ['Lỗi dữ liệu', JSON.stringify(renderIssues(r).rows)],
    ['Tổng hợp', JSON.stringify(renderSummary(r).rows)],
    ...r.reminders.map((m): [string, string] => [`thư ${m.unit}`, m.subject + m.text + m.html]),
  ];
}

describe('maskDigitRuns', () => {
  it('masks runs of 9, 11 and 12+ digits with or without separators; leaves phone numbers, tax codes, counts, rows and dates', () => {
    expect(maskDigitRuns('Email “038171234561” không hợp lệ')).toBe('Email “038*******61” không hợp lệ');
    expect(maskDigitRuns('số “038 171 234 562”')).toBe('số “038*******62”');
    expect(maskDigitRuns('CMND 171234564')).toBe('CMND 17******4');
    expect(maskDigitRuns('dòng 12345, 1.500 người, trước ngày 25/11/2026')).toBe('dòng 12345, 1.500 người, trước ngày 25/11/2026');
    // 11 digits: a CCCD without its leading zero; 10: a phone number or a tax code (mã số thuế)
    expect(maskDigitRuns('“38171234561”')).toBe('“38********1”');
    expect(maskDigitRuns('Đơn vị “0101234567”, điện thoại 0912 345 678')).toBe('Đơn vị “0101234567”, điện thoại 0912 345 678');
  });
  it('is linear on long hostile texts', () => {
    const hostile = '1 2 3 4 5 6 7 8  '.repeat(50_000);
    const t0 = Date.now();
    maskDigitRuns(hostile);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('makeIssue masks the location and the text each once', () => {
  // digits, separators and letters, so that runs of 8–13 digits (masked or not) are common
  const piece = fc
    .array(fc.oneof(fc.stringMatching(/^[0-9]{1,13}$/), fc.constantFrom(' ', '.', '-', '_', 'a', 'đ', '“', ', ')), { maxLength: 5 })
    .map((parts) => parts.join(''));
  it('its message is the masked location, ": " and the masked text, whether or not the joined message holds a run', () => {
    fc.assert(
      fc.property(piece, fc.integer({ min: 1, max: 99_999_999 }), piece, piece, piece, (sheet, row, column, value, suggestion) => {
        const at = { sheet: sheet || undefined, row, column: column || undefined };
        const details = { value, suggestion: suggestion || undefined };
        const issue = makeIssue('EMAIL_FORMAT', at, details);
        const t = issueText('EMAIL_FORMAT', details);
        const where = maskDigitRuns(locationText(at.sheet, at.row, at.column));
        expect(issue.message).toBe(`${where}: ${maskDigitRuns(t.text)}`);
        expect(issue.text).toBe(maskDigitRuns(t.text));
        expect(issue.fix).toBe(t.fix === undefined ? undefined : maskDigitRuns(t.fix));
      }),
      { numRuns: 2000 },
    );
  });
  it('keeps the unmasked details of an issue not yet read where no copy of it sees them', () => {
    for (const planted of PLANTED) {
      const issue = makeIssue('NAME_FORMAT', { sheet: 'Học viên', row: 3, column: 'Họ và tên' }, { value: `Lê ${planted}`, reason: 'digits' });
      const copies = (): string[] => [
        JSON.stringify({ ...issue }),
        JSON.stringify(Object.keys(issue)),
        JSON.stringify(structuredClone(issue)),
        JSON.stringify(Object.assign({}, issue)),
      ];
      // before the message is built (the details are kept), then after (they are dropped)
      for (const text of copies()) expect(leaked(text)).toEqual([]);
      expect(leaked(issue.message)).toEqual([]);
      for (const text of [...copies(), JSON.stringify(issue)]) expect(leaked(text)).toEqual([]);
    }
  });
  it('hasDigitRun is false exactly when maskDigitRuns finds nothing to look at', () => {
    expect(hasDigitRun('dòng 12345678, cột “Email”')).toBe(false);
    expect(hasDigitRun('điện thoại 0912 345 678')).toBe(true); // looked at, left as it is
    expect(hasDigitRun('“038171234561”')).toBe(true);
    fc.assert(
      fc.property(piece, (text) => {
        if (!hasDigitRun(text)) expect(maskDigitRuns(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a CCCD in every column of every user-filled sheet', () => {
  it('no output holds it in full', () => {
    const learners: Cell[][] = [];
    // each learner column in turn (the CCCD column gets malformed ones, which messages quote)
    LEARNER_HEADER.forEach((_, col) => {
      for (const p of PLANTED) {
        const row = learner({ unit: 'Sở Tài chính' });
        row[col] = p;
        learners.push(row);
      }
    });
    const reports: Cell[][] = [REPORT_HEADER];
    REPORT_HEADER.forEach((_, col) => {
      for (const p of PLANTED) {
        const row: Cell[] = ['11/2026', 'SO01', 'Sở Tài chính', 5, '', '', '', '', '', vnDate(2026, 11, 18)];
        row[col] = p;
        reports.push(row);
      }
    });
    const platform: Cell[][] = [['Số CCCD', 'Họ và tên', 'Khóa học', 'Trạng thái', 'Ngày hoàn thành', 'Đơn vị']];
    for (let col = 0; col < 6; col++) {
      for (const p of PLANTED) {
        const row: Cell[] = ['038085000111', 'Lê Văn An', 'Phổ cập kỹ năng số dành cho người dân', 'Hoàn thành', vnDate(2026, 5, 1), 'Sở Tài chính'];
        row[col] = p;
        platform.push(row);
      }
    }
    const config: Cell[][] = [
      ['Hạn báo cáo hằng tháng (ngày)', PLANTED[0]],
      ['Email liên hệ', PLANTED[1]],
      ['Chu kỳ báo cáo', PLANTED[2]],
      ['Dung sai đối chiếu (%)', PLANTED[3]],
    ];
    const targets: Cell[][] = [
      ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành'],
      ['CBCCVC', '', PLANTED[0], 2026, PLANTED[1]],
      [PLANTED[2], '', 80, 2026, ''],
    ];
    const snap = workbook({ learners, reports, platform, config, targets });
    const r = consolidate(snap, { today: '2026-11-20' });
    expect(r.issues.length).toBeGreaterThan(50);

    const outputs = outputsOf(r);
    expect(r.reminders.length).toBeGreaterThan(0);
    for (const [name, text] of outputs) expect({ name, leaked: leaked(text) }).toEqual({ name, leaked: [] });
  });
});

describe('a CCCD typed into the unit registry (Đơn vị)', () => {
  it('is masked in the unit code and name every output shows, while learner rows still match the unit as typed', () => {
    const units = [
      { code: 'SO01', name: 'Sở Tài chính 038171234561', type: 'Sở/ngành', cbccvc: 10 },
      { code: '171234564', name: 'UBND xã Yên Định', type: 'UBND xã/phường', email: 'ubnd.yendinh@example.gov.vn', cbccvc: 10, adults: 100 },
      { code: 'TR01', name: '038.171.234.563', type: 'Trường', cbccvc: 10, hssv: 100 },
    ];
    const learners: Cell[][] = [learner({ unit: 'Sở Tài chính 038171234561' }), learner({ unit: '171234564' }), learner({ unit: '038.171.234.563' })];
    const r = consolidate(workbook({ units, learners }), { today: '2026-11-20' });
    // the rows matched their units (no UNIT_UNKNOWN), through the values as typed
    expect(r.issues.filter((i) => i.code === 'UNIT_UNKNOWN')).toEqual([]);
    expect(r.units.map((u) => u.learners.rows)).toEqual([1, 1, 1]);
    expect(r.units.map((u) => [u.code, u.name])).toEqual([
      ['SO01', 'Sở Tài chính 038*******61'],
      ['17******4', 'UBND xã Yên Định'],
      ['TR01', '038*******63'],
    ]);
    const outputs = outputsOf(r);
    expect(r.reminders.length).toBeGreaterThan(0);
    for (const [name, text] of outputs) expect({ name, leaked: leaked(text) }).toEqual({ name, leaked: [] });
  });
});
