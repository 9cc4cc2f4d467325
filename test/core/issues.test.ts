/**
 * The issue model (issue 12 §3): details typed per code, the location kept apart from the text,
 * the message and the JSON built from them.
 */
import { createIssueSink, makeIssue } from '../../src/core/issues';
import { locationText } from '../../src/core/messages';
import { statusText } from '../../src/core/render';
import { issuesOf, learner, LEARNER_HEADER, run } from '../helpers/workbook';

describe('makeIssue', () => {
  it('keeps the text apart from the location, and builds the message from both', () => {
    const i = makeIssue('EMAIL_TYPO', { sheet: 'Học viên', row: 12, column: 'Email', unit: 'SO01' }, { value: 'an@gmial.com', suggestion: 'an@gmail.com' });
    expect(i.text).toBe('Email “an@gmial.com” có thể gõ nhầm tên miền.');
    expect(i.message).toBe('Trang “Học viên”, dòng 12, cột “Email”: Email “an@gmial.com” có thể gõ nhầm tên miền.');
    expect(i).toMatchObject({ code: 'EMAIL_TYPO', severity: 'warning', fix: 'Sửa thành “an@gmail.com” nếu đúng.' });
  });

  it('writes the contract in JSON: its fields in their order, the message, no text', () => {
    const i = makeIssue('CCCD_MISSING', { unit: 'SO01', column: 'Số CCCD', row: 3, sheet: 'Học viên' });
    expect(JSON.stringify(i)).toBe(
      JSON.stringify({
        code: 'CCCD_MISSING',
        severity: 'error',
        message: 'Trang “Học viên”, dòng 3, cột “Số CCCD”: Thiếu số CCCD.',
        sheet: 'Học viên',
        row: 3,
        column: 'Số CCCD',
        unit: 'SO01',
        fix: 'Nhập số định danh cá nhân 12 chữ số in trên thẻ căn cước của học viên.',
      }),
    );
    const unitIssue = makeIssue('REPORT_MISSING', { unit: 'SO01' }, { unitName: 'Sở Tài chính', period: '11/2026', deadline: '25/11/2026' });
    expect(unitIssue.message).toBe(unitIssue.text);
    expect(Object.keys(JSON.parse(JSON.stringify(unitIssue)) as object)).toEqual(['code', 'severity', 'message', 'unit', 'fix']);
  });

  it('builds the message, text and fix on first read, the same whichever is read first', () => {
    const at = { sheet: 'Tổ 038085001234', row: 7, column: 'Email', unit: 'SO01' };
    const details = { value: 'an038085009999@gmial.com', suggestion: 'an038085009999@gmail.com' };
    const reads: Record<string, (i: ReturnType<typeof makeIssue>) => unknown> = {
      message: (i) => i.message,
      text: (i) => i.text,
      fix: (i) => i.fix,
      json: (i) => JSON.stringify(i),
    };
    const seen = Object.entries(reads).map(([first, read]) => {
      const i = makeIssue('EMAIL_TYPO', at, details);
      read(i);
      // the location of an issue with another sheet and column in between (the kept cut location)
      expect(makeIssue('CCCD_MISSING', { sheet: 'Khác', row: 1, column: 'Số CCCD' }).message).toMatch(/^Trang “Khác”, dòng 1/);
      return { first, message: i.message, text: i.text, fix: i.fix, json: JSON.stringify(i) };
    });
    const expected = {
      message: 'Trang “Tổ 038*******34”, dòng 7, cột “Email”: Email “an038*******99@gmial.com” có thể gõ nhầm tên miền.',
      text: 'Email “an038*******99@gmial.com” có thể gõ nhầm tên miền.',
      fix: 'Sửa thành “an038*******99@gmail.com” nếu đúng.',
    };
    for (const s of seen) {
      expect(s).toMatchObject(expected);
      expect(JSON.parse(s.json)).toEqual({
        code: 'EMAIL_TYPO',
        severity: 'warning',
        message: expected.message,
        sheet: at.sheet,
        row: 7,
        column: 'Email',
        unit: 'SO01',
        fix: expected.fix,
      });
      expect(Object.keys(JSON.parse(s.json) as object)).toEqual(['code', 'severity', 'message', 'sheet', 'row', 'column', 'unit', 'fix']);
    }
  });

  it('masks a CCCD-like run once, in the text and in the location', () => {
    const i = makeIssue('UNIT_UNKNOWN', { sheet: 'Tổ 038085001234', row: 2, column: 'Đơn vị' }, { value: 'Đội 038085009999' });
    expect(i.text).toBe('Đơn vị “Đội 038*******99” không có trong trang “Đơn vị”.');
    expect(i.message).toBe('Trang “Tổ 038*******34”, dòng 2, cột “Đơn vị”: Đơn vị “Đội 038*******99” không có trong trang “Đơn vị”.');
    expect(i.sheet).toBe('Tổ 038085001234');
  });

  it('writes each location as locationText does, whatever the issues before it (the last sheet and column are kept cut around the row)', () => {
    const places: [string | undefined, number | undefined, string | undefined][] = [
      ['Học viên', 12, 'Họ và tên'],
      ['Học viên', 13, 'Họ và tên'],
      ['Học viên', 13, 'Email'],
      ['SO08', 1_000_000, 'Email'],
      ['Học viên', undefined, 'Email'],
      ['Học viên', 14, undefined],
      [undefined, 15, 'Email'],
      ['A, dòng 1, cột “B', 16, 'C”, dòng 1, cột “D'],
      ['A, dòng 1, cột “B', 17, 'C”, dòng 1, cột “D'],
      ['Tổ 038085001234', 18, 'Cột 038085009999'],
      ['Học viên', 19, 'Họ và tên'],
    ];
    for (const [sheet, row, column] of places) {
      const i = makeIssue('NAME_MISSING', { sheet, row, column });
      const where = locationText(sheet, row, column)
        .replace(/038085001234/, '038*******34')
        .replace(/038085009999/, '038*******99');
      expect(i.message).toBe(`${where}: ${i.text}`);
    }
  });

  it('takes the details its code needs, and none for a code without', () => {
    const sink = createIssueSink();
    sink.add('NAME_MISSING', { row: 2 });
    sink.add('NAME_MISSING', { row: 3 }, {});
    sink.add('CCCD_MISMATCH', { row: 4 }, { reason: 'gender', gender: 'Nam', cccdGender: 'Nữ' });
    // @ts-expect-error CCCD_DUPLICATE needs the first occurrence
    sink.add('CCCD_DUPLICATE', { row: 5 }, { masked: '038*******34' });
    // @ts-expect-error a year mismatch has no gender
    sink.add('CCCD_MISMATCH', { row: 6 }, { reason: 'year', gender: 'Nam', cccdGender: 'Nữ' });
    // @ts-expect-error EMAIL_TYPO needs its details
    sink.add('EMAIL_TYPO', { row: 7 });
    expect(sink.list.map((i) => i.row)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});

describe('the status column', () => {
  it('shows the texts without their location, errors first', () => {
    const r = run({ learners: [learner({ cccd: '', email: 'an@gmial.com' })] });
    const row = r.issues.filter((i) => i.row === 2);
    expect(statusText(row)).toBe('Lỗi: Thiếu số CCCD. | Cảnh báo: Email “an@gmial.com” có thể gõ nhầm tên miền.');
  });

  it('drops the location of a sheet whose name holds a CCCD-like number too (it is masked in the message)', () => {
    const r = run({ learners: [], extra: [{ name: 'Tổ 038085001234', values: [LEARNER_HEADER, learner({ cccd: '' })] }] });
    const [i] = issuesOf(r, 'CCCD_MISSING');
    expect(i.message).toBe('Trang “Tổ 038*******34”, dòng 2, cột “Số căn cước công dân”: Thiếu số CCCD.');
    expect(statusText([i])).toBe('Lỗi: Thiếu số CCCD.');
  });
});
