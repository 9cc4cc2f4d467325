/**
 * The Apps Script emulator (test/emulator) enforces documented Apps Script behaviour: every test
 * here would fail if the emulator were wrong about the behaviour it names.
 */
import * as vm from 'node:vm';
import { createGasEnvironment, DEFAULT_COSTS, GasEnvironment, MSG, SERVICE_MSG } from './emulator';
import { scaleDescribe } from './helpers/scale';

const NOW = new Date('2026-11-20T02:00:00Z'); // 09:00 in Hà Nội

function env(options: Parameters<typeof createGasEnvironment>[0] = {}): GasEnvironment {
  return createGasEnvironment({
    timeZone: 'Asia/Ho_Chi_Minh',
    locale: 'vi_VN',
    now: NOW,
    user: 'skhcn@example.gov.vn',
    mailQuota: 100,
    addon: true,
    ...options,
  });
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an exception');
}

describe('Range values', () => {
  test('getValues returns numbers, booleans, Dates and "" for empty cells, exactly the range size', () => {
    const e = env();
    const d = new Date('2026-01-02T17:00:00Z');
    e.addSheet('S', [
      ['a', 1, true],
      [d, null, ''],
    ]);
    const v = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 3, 4).getValues();
    expect(v).toHaveLength(3);
    for (const row of v) expect(row).toHaveLength(4);
    expect(v[0]).toEqual(['a', 1, true, '']);
    expect(Object.prototype.toString.call(v[1][0])).toBe('[object Date]');
    expect((v[1][0] as Date).getTime()).toBe(d.getTime());
    expect(v[1].slice(1)).toEqual(['', '', '']);
    expect(v[2]).toEqual(['', '', '', '']);
    for (const row of v) for (const c of row) expect(c === null || c === undefined).toBe(false);
  });

  test('addSheet stores strings as given, or as typed with { typed: true }', () => {
    const e = env();
    e.addSheet('Raw', [['038123456789', '20/11/2026']]);
    e.addSheet('Typed', [['038123456789', '20/11/2026', '001099000001']], { typed: true, numberFormats: { C: '@' } });
    expect(e.sheetValues('Raw')[0]).toEqual(['038123456789', '20/11/2026']);
    const t = e.sheetValues('Typed')[0];
    expect(t[0]).toBe(38123456789);
    expect((t[1] as Date).toISOString()).toBe('2026-11-19T17:00:00.000Z');
    expect(t[2]).toBe('001099000001');
  });

  test('returned rows and Dates are copies', () => {
    const e = env();
    e.addSheet('S', [[new Date(0), 'x']]);
    const r = e.globals.SpreadsheetApp.getActive().getSheetByName('S')!.getRange(1, 1, 1, 2);
    const v = r.getValues();
    (v[0][0] as Date).setTime(5);
    v[0][1] = 'changed';
    expect((r.getValues()[0][0] as Date).getTime()).toBe(0);
    expect(e.sheetValues('S')[0][1]).toBe('x');
  });

  test("setValues dimension mismatches throw Google's messages", () => {
    const e = env();
    e.addSheet('S', []);
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 2, 2);
    expect(
      thrown(() =>
        r.setValues([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      ),
    ).toBe('The number of rows in the data does not match the number of rows in the range. The data has 3 but the range has 2.');
    expect(
      thrown(() =>
        r.setValues([
          [1, 2],
          [3, 4, 5],
        ]),
      ),
    ).toBe('The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.');
    expect(thrown(() => r.setValues([1, 2] as unknown as unknown[][]))).toBe(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(e.sheetValues('S')).toEqual([]);
  });

  test('strings are parsed as typed: leading zeros are lost in a normal cell, kept in a plain-text cell', () => {
    const e = env();
    const sheet = e.addSheet('S', []);
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    const s = ss.getSheetByName('S')!;
    s.getRange(1, 1, 1, 2).setValues([['038123456789', '038123456789']]);
    expect(e.sheetValues('S')[0][0]).toBe(38123456789);
    s.getRange(2, 2).setNumberFormat('@');
    s.getRange(2, 1, 1, 2).setValues([['038123456789', '038123456789']]);
    expect(e.sheetValues('S')[1]).toEqual([38123456789, '038123456789']);
    expect(sheet).toBeDefined();
  });

  test('typed parsing: numbers, booleans, dates at local midnight, apostrophe, formulas, text', () => {
    const e = env();
    e.addSheet('S', []);
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 1, 10);
    r.setValues([['1.5', 'TRUE', 'false', '20/11/2026', '2026-11-20', "'0912", '=A1*2', '31/02/2026', 'Nguyễn Văn An', '50%']]);
    const v = e.sheetValues('S')[0];
    expect(v[0]).toBe(1.5);
    expect(v[1]).toBe(true);
    expect(v[2]).toBe(false);
    expect((v[3] as Date).toISOString()).toBe('2026-11-19T17:00:00.000Z'); // 00:00 in UTC+7
    expect((v[4] as Date).toISOString()).toBe('2026-11-19T17:00:00.000Z');
    expect(v[5]).toBe('0912');
    expect(v[6]).toBe('=A1*2');
    expect(v[7]).toBe('31/02/2026');
    expect(v[8]).toBe('Nguyễn Văn An');
    expect(v[9]).toBe(0.5);
    const f = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 1, 10).getFormulas()[0];
    expect(f[6]).toBe('=A1*2');
    expect(f[0]).toBe('');
  });

  test('JS values keep their type; null writes an empty cell; a 16-digit string loses precision like Sheets', () => {
    const e = env();
    e.addSheet('S', []);
    const d = new Date('2026-03-04T05:06:07Z');
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 1, 5);
    r.setValues([[12, false, d, null, '1234567890123456789']]);
    const v = r.getValues()[0];
    expect(v[0]).toBe(12);
    expect(v[1]).toBe(false);
    expect((v[2] as Date).getTime()).toBe(d.getTime());
    expect(v[3]).toBe('');
    expect(v[4]).toBe(1234567890123456800);
  });

  test('a string longer than 50,000 characters throws', () => {
    const e = env();
    e.addSheet('S', []);
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange('A1');
    expect(thrown(() => r.setValue('x'.repeat(50_001)))).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
    r.setValue('x'.repeat(50_000));
    expect((e.sheetValues('S')[0][0] as string).length).toBe(50_000);
  });

  test('setValue on a multi-cell range fills every cell; getValue reads the top-left', () => {
    const e = env();
    e.addSheet('S', []);
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange('B2:C3');
    r.setValue('7');
    expect(e.sheetValues('S')).toEqual([
      ['', '', ''],
      ['', 7, 7],
      ['', 7, 7],
    ]);
    expect(r.getValue()).toBe(7);
  });

  test('getDisplayValues returns strings formatted in the spreadsheet locale', () => {
    const e = env();
    e.addSheet('S', [[1.5, new Date('2026-11-19T17:00:00Z'), true, 'a', '', 0.256, 1234567]]);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    s.getRange('F1').setNumberFormat('0.0%');
    s.getRange('G1').setNumberFormat('#,##0');
    const d = s.getRange(1, 1, 1, 7).getDisplayValues()[0];
    expect(d).toEqual(['1,5', '20/11/2026', 'TRUE', 'a', '', '25,6%', '1.234.567']);
    for (const x of d) expect(typeof x).toBe('string');
  });

  test('number formats: getNumberFormats, default format, setNumberFormats dimension check', () => {
    const e = env();
    e.addSheet('S', [[1, 2]], { numberFormats: { B: '@' } });
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 1, 2);
    expect(r.getNumberFormats()).toEqual([['0.###############', '@']]);
    expect(thrown(() => r.setNumberFormats([['@']]))).toBe(MSG.colsMismatch(1, 2));
    r.setNumberFormats([['0.00', '@']]);
    expect(r.getNumberFormat()).toBe('0.00');
  });

  test('notes and backgrounds are stored per cell', () => {
    const e = env();
    e.addSheet('S', [['a', 'b']]);
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange(1, 1, 1, 2);
    r.setNotes([['n1', null as unknown as string]]);
    r.getCell(1, 2).setNote('n2');
    expect(r.getNotes()).toEqual([['n1', 'n2']]);
    r.setBackgrounds([['#ff0000', null as unknown as string]]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    r.clearNote();
    expect(r.getNotes()).toEqual([['', '']]);
  });
});

describe('Sheet geometry', () => {
  test('a new sheet is 1000 × 26; writing outside it throws and nothing grows automatically', () => {
    const e = env();
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    const s = ss.insertSheet('Mới');
    expect([s.getMaxRows(), s.getMaxColumns()]).toEqual([1000, 26]);
    expect(thrown(() => s.getRange(1000, 1, 2, 1))).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => s.getRange(1, 27))).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => s.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(thrown(() => s.getRange(1, 0))).toBe('The starting column of the range is too small.');
    expect(thrown(() => s.getRange(1, 1, 0, 1))).toBe('The number of rows in the range must be at least 1.');
    expect(thrown(() => s.getRange(1, 1, 1, 0))).toBe('The number of columns in the range must be at least 1.');
    expect(s.getMaxRows()).toBe(1000);
    s.insertRowsAfter(1000, 5);
    s.insertColumnsAfter(26, 2);
    s.getRange(1005, 28).setValue('ok');
    expect([s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()]).toEqual([1005, 28, 1005, 28]);
  });

  test('a range that no longer fits after deleteRows throws on use', () => {
    const e = env();
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('X');
    const r = s.getRange(990, 1, 10, 1);
    s.deleteRows(1, 5);
    expect(thrown(() => r.setValues(Array.from({ length: 10 }, () => [1])))).toBe(MSG.outside);
  });

  test('getLastRow/getLastColumn/getDataRange follow the content', () => {
    const e = env();
    e.addSheet('S', [['a'], [], ['', '', 'c']]);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    expect([s.getLastRow(), s.getLastColumn()]).toEqual([3, 3]);
    expect(s.getDataRange().getA1Notation()).toBe('A1:C3');
    s.getRange('C3').clearContent();
    expect([s.getLastRow(), s.getLastColumn()]).toEqual([1, 1]);
    const empty = e.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('E');
    expect([empty.getLastRow(), empty.getLastColumn()]).toEqual([0, 0]);
    expect(empty.getDataRange().getA1Notation()).toBe('A1');
  });

  test('deleteRows and insertRowsAfter move values, formats and notes; inserted rows inherit formats, not notes', () => {
    const e = env();
    e.addSheet('S', [['h'], ['r2'], ['r3'], ['r4']]);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    s.getRange('A3').setNumberFormat('@').setNote('n3');
    s.deleteRows(2, 1);
    expect(e.sheetValues('S')).toEqual([['h'], ['r3'], ['r4']]);
    expect(s.getRange('A2').getNumberFormat()).toBe('@');
    expect(s.getRange('A2').getNote()).toBe('n3');
    s.insertRowsAfter(2, 2);
    expect(e.sheetValues('S')).toEqual([['h'], ['r3'], [''], [''], ['r4']]);
    expect(s.getRange('A3').getNumberFormat()).toBe('@');
    expect(s.getRange('A3').getNote()).toBe('');
    expect(s.getMaxRows()).toBe(1001);
    expect(thrown(() => s.deleteRows(1000, 5))).toBe('Those rows are out of bounds.');
    expect(thrown(() => s.deleteRows(1, 1001))).toBe('Sorry, it is not possible to delete all non-frozen rows.');
  });

  test('deleteColumns shifts values left', () => {
    const e = env();
    e.addSheet('S', [['a', 'b', 'c']]);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    s.deleteColumns(2, 1);
    expect(e.sheetValues('S')).toEqual([['a', 'c']]);
    expect(s.getMaxColumns()).toBe(25);
  });

  test('A1 notation: single cells, ranges, whole columns, open ranges; offset', () => {
    const e = env();
    e.addSheet('S', []);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    const a = s.getRange('B2:D5');
    expect([a.getRow(), a.getColumn(), a.getNumRows(), a.getNumColumns(), a.getLastRow(), a.getLastColumn()]).toEqual([2, 2, 4, 3, 5, 4]);
    expect(s.getRange('C:C').getA1Notation()).toBe('C1:C1000');
    expect(s.getRange('A2:B').getNumRows()).toBe(999);
    expect(a.offset(1, 1, 1, 1).getA1Notation()).toBe('C3');
    expect(s.getRange(2, 28 - 2).getA1Notation()).toBe('Z2');
    expect(thrown(() => s.getRange('A1:A1001'))).toBe('Range not found');
  });

  test('frozen rows, column widths, hidden sheets, tab colour', () => {
    const e = env();
    e.addSheet('A', []);
    const b = e.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('B');
    b.setFrozenRows(2);
    b.setColumnWidth(1, 200).setColumnWidths(2, 3, 80);
    b.setTabColor('#ff0000').hideSheet();
    expect([b.getFrozenRows(), b.getColumnWidth(1), b.getColumnWidth(4), b.isSheetHidden(), b.getTabColor()]).toEqual([2, 200, 80, true, '#ff0000']);
    const a = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('A')!;
    expect(thrown(() => a.hideSheet())).toBe(MSG.hideLastSheet);
  });
});

describe('Spreadsheet', () => {
  test('insertSheet: duplicate names, index, active sheet; deleteSheet', () => {
    const e = env();
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    const t = ss.insertSheet('Tổng hợp', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Tổng hợp', 'Sheet1']);
    expect(ss.getActiveSheet().getName()).toBe('Tổng hợp');
    expect(thrown(() => ss.insertSheet('Tổng hợp'))).toBe('A sheet with the name "Tổng hợp" already exists. Please enter another name.');
    expect(thrown(() => ss.getSheetByName('Sheet1')!.setName('Tổng hợp'))).toBe(MSG.sheetExists('Tổng hợp'));
    expect(t.getIndex()).toBe(1);
    ss.setActiveSheet(t);
    ss.moveActiveSheet(2);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Tổng hợp']);
    ss.deleteSheet(t);
    expect(ss.getNumSheets()).toBe(1);
    expect(thrown(() => ss.deleteSheet(ss.getSheets()[0]))).toBe(MSG.deleteLastSheet);
    expect(ss.getSheetByName('Không có')).toBeNull();
  });

  test('the 10,000,000-cell limit counts every sheet', () => {
    const e = env({ firstSheet: null });
    e.addSheet('Big', [['x']], { maxRows: 384_000, maxColumns: 26 }); // 9,984,000 cells
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    const big = ss.getSheetByName('Big')!;
    expect(thrown(() => ss.insertSheet('Một nữa'))).toBe('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    expect(thrown(() => big.insertRowsAfter(1, 1_000))).toBe(MSG.cellLimit(10_000_000));
    big.insertRowsAfter(1, 500); // 9,997,000
    expect(big.getMaxRows()).toBe(384_500);
  });

  test('ids, url, time zone, locale, toast', () => {
    const e = env();
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(ss.getSpreadsheetLocale()).toBe('vi_VN');
    expect(ss.getSheets()[0].getSheetId()).toBe(0);
    ss.toast('Đang tổng hợp…', 'BDHVS', 3);
    expect(e.ui.toasts).toEqual([expect.objectContaining({ message: 'Đang tổng hợp…', title: 'BDHVS', timeoutSeconds: 3 })]);
  });
});

describe('validation, conditional formats, protections', () => {
  test('data validation is stored; lists over 500 items throw; user edits of invalid values are refused', () => {
    const e = env();
    e.addSheet('S', [['Trạng thái']]);
    const SA = e.globals.SpreadsheetApp;
    const rule = SA.newDataValidation().requireValueInList(['Hoàn thành', 'Chưa hoàn thành'], true).setAllowInvalid(false).setHelpText('Chọn').build();
    const r = SA.getActiveSpreadsheet().getSheetByName('S')!.getRange('A2:A10');
    r.setDataValidation(rule);
    const got = SA.getActiveSpreadsheet().getSheetByName('S')!.getRange('A5').getDataValidation()!;
    expect(got.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(got.getCriteriaValues()).toEqual([['Hoàn thành', 'Chưa hoàn thành'], true]);
    expect(got.getAllowInvalid()).toBe(false);
    expect(got.getHelpText()).toBe('Chọn');
    expect(SA.getActiveSpreadsheet().getSheetByName('S')!.getRange('A11').getDataValidation()).toBeNull();
    expect(thrown(() => SA.newDataValidation().requireValueInList(Array.from({ length: 501 }, (_, i) => String(i))))).toBe(
      'The data validation rule has more items than the limit of 500. Use the ‘List from a range’ criteria instead.',
    );
    expect(() => e.userEdit('S', 'A2', 'Đang học')).toThrow(/violates the data validation rules/);
    e.userEdit('S', 'A2', 'Hoàn thành');
    // Scripts may write invalid values (Sheets only flags them).
    r.getCell(2, 1).setValue('Đang học');
    expect(e.sheetValues('S').map((x) => x[0])).toEqual(['Trạng thái', 'Hoàn thành', 'Đang học']);
  });

  test('conditional format rules round-trip with their condition and ranges', () => {
    const e = env();
    e.addSheet('S', []);
    const SA = e.globals.SpreadsheetApp;
    const s = SA.getActiveSpreadsheet().getSheetByName('S')!;
    const range = s.getRange('A2:H1000');
    const r1 = SA.newConditionalFormatRule().whenFormulaSatisfied('=LEFT($H2,3)="Lỗi"').setBackground('#f4cccc').setRanges([range]).build();
    const r2 = SA.newConditionalFormatRule().whenTextStartsWith('Cảnh báo').setFontColor('#b45f06').setRanges([range]).build();
    s.setConditionalFormatRules([r1, r2]);
    const back = s.getConditionalFormatRules();
    expect(back).toHaveLength(2);
    expect(back[0].getBooleanCondition()!.getCriteriaValues()).toEqual(['=LEFT($H2,3)="Lỗi"']);
    expect(back[0].getBooleanCondition()!.getBackground()).toBe('#f4cccc');
    expect(back[1].getBooleanCondition()!.getCriteriaType()).toBe('TEXT_STARTS_WITH');
    expect(back[0].getRanges()[0].getA1Notation()).toBe('A2:H1000');
  });

  test('protections: stored, existing sheet protection reused, owner kept, other users refused', () => {
    const e = env({ editors: ['xa001@example.gov.vn'] });
    e.addSheet('Tổng hợp', [['x']]);
    const SA = e.globals.SpreadsheetApp;
    const s = SA.getActiveSpreadsheet().getSheetByName('Tổng hợp')!;
    const p = s.protect().setDescription('Chỉ BDHVS ghi');
    expect(s.protect()).toBe(p);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['skhcn@example.gov.vn']);
    p.setDomainEdit(false);
    expect(s.getProtections(SA.ProtectionType.SHEET)).toEqual([p]);
    expect(p.getDescription()).toBe('Chỉ BDHVS ghi');
    expect(p.canEdit()).toBe(true);
    expect(() => e.userEdit('Tổng hợp', 'A1', 'hỏng', { as: 'xa001@example.gov.vn' })).toThrow(/protected cell/);
    e.userEdit('Tổng hợp', 'A1', 'ok');
    p.setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    e.userEdit('Tổng hợp', 'A1', 'cảnh báo thôi', { as: 'xa001@example.gov.vn' });
    const rp = s.getRange('A1:B2').protect();
    expect(rp.getProtectionType()).toBe('RANGE');
    expect(rp.getRange().getA1Notation()).toBe('A1:B2');
    expect(s.getProtections(SA.ProtectionType.RANGE)).toEqual([rp]);
    rp.remove();
    expect(s.getProtections(SA.ProtectionType.RANGE)).toEqual([]);
  });

  test('protections bind scripts run by another user (the effective user), as they bind people typing', () => {
    const A = 'a@example.gov.vn';
    const B = 'b@example.gov.vn';
    const e = env({ user: 'owner@example.gov.vn', editors: [A, B] });
    e.addSheet('Tổng hợp', [
      ['x', 'y'],
      ['1', '2'],
    ]);
    e.addSheet('Học viên', [
      ['STT', 'Kết quả kiểm tra'],
      [1, ''],
    ]);
    const SA = e.globals.SpreadsheetApp;
    const ss = SA.getActiveSpreadsheet();
    e.setUser(A);
    const s = ss.getSheetByName('Tổng hợp')!;
    const p = s.protect();
    p.addEditor(e.globals.Session.getEffectiveUser());
    p.removeEditors(p.getEditors());
    // neither the owner nor the current user can be removed
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([A, 'owner@example.gov.vn']);
    p.removeEditor(A);
    expect(p.getEditors().map((u) => u.getEmail())).toContain(A);
    expect(p.canEdit()).toBe(true);
    s.getRange('A1').setValue('A ghi được');

    e.setUser(B);
    expect(p.canEdit()).toBe(false);
    const refused = MSG.protectedEdit;
    expect(thrown(() => s.getRange('A1').setValue('B'))).toBe(refused);
    expect(thrown(() => s.getRange('B2').setBackground('#ff0000'))).toBe(refused);
    expect(thrown(() => s.getRange('B2').setNote('x'))).toBe(refused);
    expect(thrown(() => s.setName('Tổng hợp (bản cũ)'))).toBe(refused);
    expect(thrown(() => ss.deleteSheet(s))).toBe(refused);
    expect(thrown(() => s.insertRowsAfter(1, 5))).toBe(refused);
    expect(thrown(() => s.deleteColumns(2, 1))).toBe(refused);
    expect(thrown(() => s.setFrozenRows(1))).toBe(refused);
    expect(thrown(() => p.addEditor(B))).toBe(refused);
    expect(thrown(() => p.remove())).toBe(refused);
    expect(e.sheetValues('Tổng hợp')).toEqual([
      ['A ghi được', 'y'],
      ['1', '2'],
    ]);
    expect(ss.getSheetByName('Tổng hợp')).not.toBeNull();

    // a sheet protection with an unprotected range: B writes there, and only there
    e.setUser(A);
    const h = ss.getSheetByName('Học viên')!;
    const hp = h.protect();
    hp.removeEditors(hp.getEditors());
    hp.setUnprotectedRanges([h.getRange('B2:B1000')]);
    e.setUser(B);
    h.getRange('B2').setValue('Hợp lệ');
    expect(thrown(() => h.getRange('A2:B2').setValues([[2, 'x']]))).toBe(refused);
    expect(thrown(() => h.insertColumnsAfter(2, 1))).toBe(refused);
    // a range protection blocks only its cells (and deleting rows that hold them)
    e.setUser(A);
    hp.remove();
    const rp = h.getRange('A1:B1').protect();
    rp.removeEditors(rp.getEditors());
    e.setUser(B);
    h.getRange('A2').setValue(3);
    expect(thrown(() => h.getRange('A1').setValue('STT mới'))).toBe(refused);
    expect(thrown(() => h.deleteRows(1, 1))).toBe(refused);
    // warning-only protections do not block a script
    e.setUser(A);
    rp.setWarningOnly(true);
    e.setUser(B);
    h.getRange('A1').setValue('STT');
    expect(e.sheetValues('Học viên')[0][0]).toBe('STT');
  });
});

describe('warning-only protections (Protection.setWarningOnly)', () => {
  const A = 'a@example.gov.vn';
  const B = 'b@example.gov.vn';
  function setup() {
    const e = env({ user: 'owner@example.gov.vn', editors: [A, B] });
    e.addSheet('Báo cáo tháng', [
      ['Kỳ', 'Số'],
      ['11/2026', 1],
      ['10/2026', 2],
    ]);
    const SA = e.globals.SpreadsheetApp;
    const s = SA.getActiveSpreadsheet().getSheetByName('Báo cáo tháng');
    if (!s) throw new Error('no sheet');
    return { e, s };
  }

  test('every user may edit after the warning, which is recorded; canEdit is true for everyone; scripts are not stopped', () => {
    const { e, s } = setup();
    const p = s.getRange('A2:B2').protect().setDescription('đã chốt');
    p.removeEditors(p.getEditors());
    p.setWarningOnly(true);
    e.setUser(B);
    expect(p.canEdit()).toBe(true);
    e.userEdit('Báo cáo tháng', 'B2', 5, { as: B });
    e.userEdit('Báo cáo tháng', 'B3', 6, { as: B }); // not under the protection
    e.userEdit('Báo cáo tháng', 'A2', [['11/2026', 7]], { as: 'owner@example.gov.vn' });
    expect(e.protectionWarnings).toEqual([
      { sheet: 'Báo cáo tháng', range: 'B2', user: B, description: 'đã chốt' },
      { sheet: 'Báo cáo tháng', range: 'A2:B2', user: 'owner@example.gov.vn', description: 'đã chốt' },
    ]);
    s.getRange('B2').setValue(8);
    expect(e.sheetValues('Báo cáo tháng')[1]).toEqual(['11/2026', 8]);
    expect(e.protectionWarnings).toHaveLength(2);
  });

  test('changing the editors makes it editor-based again; turning it off gives every editor of the file edit rights', () => {
    const { e, s } = setup();
    const p = s.getRange('A2:B2').protect();
    p.removeEditors(p.getEditors());
    p.setWarningOnly(true);
    p.addEditor(A);
    expect(p.isWarningOnly()).toBe(false);
    expect(() => e.userEdit('Báo cáo tháng', 'B2', 5, { as: B })).toThrow(/protected cell/);
    p.setWarningOnly(true);
    p.removeEditors([A]);
    expect(p.isWarningOnly()).toBe(false);
    expect(() => e.userEdit('Báo cáo tháng', 'B2', 5, { as: A })).toThrow(/protected cell/);
    p.setWarningOnly(true);
    p.setWarningOnly(false);
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([A, B, 'owner@example.gov.vn']);
    e.userEdit('Báo cáo tháng', 'B2', 5, { as: B });
    expect(e.protectionWarnings).toEqual([]);
  });
});

describe('userEdit and the onEdit event', () => {
  test('a typed value is parsed; the event carries range, value, oldValue, user, authMode', () => {
    const e = env();
    e.addSheet('Học viên', [
      ['STT', 'Số CCCD'],
      [1, 'cũ'],
    ]);
    const ev = e.userEdit('Học viên', 'B2', '038123456789');
    expect(e.sheetValues('Học viên')[1][1]).toBe(38123456789);
    expect(ev.range.getA1Notation()).toBe('B2');
    expect(ev.value).toBe('038123456789');
    expect(ev.oldValue).toBe('cũ');
    expect(ev.user.getEmail()).toBe('skhcn@example.gov.vn');
    expect(ev.authMode).toBe('LIMITED');
    expect(ev.source).toBe(e.spreadsheet);
  });

  test('a plain-text cell keeps the digits; a paste gives a multi-cell range without value', () => {
    const e = env();
    e.addSheet('Học viên', [['STT', 'Số CCCD']], { numberFormats: { B: '@' } });
    e.userEdit('Học viên', [2, 2], '038123456789');
    const ev = e.userEdit('Học viên', 'A3', [
      [2, '001099000001'],
      [3, '001099000002'],
    ]);
    expect(e.counters.total()).toBe(0);
    expect(e.sheetValues('Học viên').slice(1)).toEqual([
      ['', '038123456789'],
      [2, '001099000001'],
      [3, '001099000002'],
    ]);
    expect(ev.range.getA1Notation()).toBe('A3:B4');
    expect(ev.value).toBeUndefined();
  });
});

describe('PropertiesService', () => {
  test('user properties belong to one user: another user sees an empty store', () => {
    const e = env();
    e.run('menu', () => e.globals.PropertiesService.getUserProperties().setProperty('k', 'a'));
    e.setUser('other@example.gov.vn');
    e.run('menu', () => expect(e.globals.PropertiesService.getUserProperties().getProperty('k')).toBeNull());
    e.run('menu', () => e.globals.PropertiesService.getUserProperties().setProperty('k', 'b'));
    expect(e.properties.userOf('skhcn@example.gov.vn').getProperty('k')).toBe('a');
    expect(e.properties.user.getProperty('k')).toBe('b');
    // script and document properties are shared
    e.run('menu', () => e.globals.PropertiesService.getScriptProperties().setProperty('s', '1'));
    e.setUser('skhcn@example.gov.vn');
    e.run('menu', () => expect(e.globals.PropertiesService.getScriptProperties().getProperty('s')).toBe('1'));
  });
  test('get/set/delete/keys; 9 KB per value and 500 KB per store', () => {
    const e = env();
    const p = e.globals.PropertiesService.getDocumentProperties();
    p.setProperty('a', '1').setProperties({ b: '2', c: '3' });
    expect(p.getProperty('a')).toBe('1');
    expect(p.getProperty('zz')).toBeNull();
    expect(p.getKeys().sort()).toEqual(['a', 'b', 'c']);
    expect(p.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    p.deleteProperty('a');
    expect(p.getProperty('a')).toBeNull();
    expect(thrown(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1)))).toBe(SERVICE_MSG.propertyValueTooLarge);
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(
      thrown(() => {
        for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, 'y'.repeat(9000));
      }),
    ).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(e.globals.PropertiesService.getScriptProperties().getKeys()).toEqual([]);
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });
});

describe('LockService', () => {
  test('tryLock succeeds when free, waits in simulated time, fails after its timeout; waitLock throws', () => {
    const e = env();
    const LS = e.globals.LockService;
    const t0 = e.clock.now().getTime();
    e.simulateOtherExecutionHoldingLock('document', 10_000); // another run holds it for 10 s
    const lock = LS.getDocumentLock();
    expect(lock.tryLock(5_000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(e.clock.now().getTime() - t0).toBeGreaterThanOrEqual(5_000);
    expect(e.clock.now().getTime() - t0).toBeLessThan(5_100);
    expect(lock.tryLock(20_000)).toBe(true); // the other run released at t0 + 10 s
    expect(e.clock.now().getTime() - t0).toBeGreaterThanOrEqual(10_000);
    expect(e.clock.now().getTime() - t0).toBeLessThan(10_100);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    e.simulateOtherExecutionHoldingLock('script', new Date(e.clock.now().getTime() + 60_000));
    expect(thrown(() => LS.getScriptLock().waitLock(30_000))).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(LS.getUserLock().tryLock(0)).toBe(true);
  });

  test('locks are released when the execution ends; a second execution can take it', () => {
    const e = env();
    e.execution.start('menu');
    expect(e.globals.LockService.getDocumentLock().tryLock(1000)).toBe(true);
    e.execution.end();
    e.execution.start('time-trigger');
    expect(e.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
    e.execution.end();
  });
});

describe('CacheService', () => {
  test('values expire by the simulated clock (default 600 s, max 21600 s)', () => {
    const e = env();
    const c = e.globals.CacheService.getDocumentCache();
    c.put('a', '1');
    c.put('b', '2', 30);
    c.put('c', '3', 999_999);
    c.putAll({ d: '4', e: '5' }, 120);
    expect(c.getAll(['a', 'b', 'd', 'zz'])).toEqual({ a: '1', b: '2', d: '4' });
    e.clock.advance(31_000);
    expect(c.get('b')).toBeNull();
    expect(c.get('a')).toBe('1');
    e.clock.advance(570_000);
    expect(c.get('a')).toBeNull();
    expect(c.get('c')).toBe('3');
    e.clock.advance(21_600_000);
    expect(c.get('c')).toBeNull();
    c.put('x', '1');
    c.removeAll(['x']);
    expect(c.get('x')).toBeNull();
  });

  test('100 KB per value, 250 characters per key', () => {
    const e = env();
    const c = e.globals.CacheService.getScriptCache();
    expect(thrown(() => c.put('big', 'x'.repeat(100 * 1024 + 1)))).toBe(SERVICE_MSG.cacheValueTooLarge);
    c.put('k'.repeat(250), 'ok');
    expect(thrown(() => c.put('k'.repeat(251), 'no'))).toBe(SERVICE_MSG.cacheKeyTooLarge);
  });
});

describe('ScriptApp triggers', () => {
  test('add-on: one time-driven trigger per user per document', () => {
    const e = env();
    const SA = e.globals.ScriptApp;
    SA.newTrigger('scheduledRun').timeBased().everyDays(1).atHour(6).create();
    expect(thrown(() => SA.newTrigger('continueRun').timeBased().after(60_000).create())).toBe(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    SA.newTrigger('onEditInstalled').forSpreadsheet(e.globals.SpreadsheetApp.getActive()).onEdit().create();
    expect(() => SA.newTrigger('again').forSpreadsheet(e.globals.SpreadsheetApp.getActive()).onEdit().create()).toThrow(/too many edit triggers/);
    expect(SA.getProjectTriggers().map((t) => [t.getHandlerFunction(), t.getEventType()])).toEqual([
      ['scheduledRun', 'CLOCK'],
      ['onEditInstalled', 'ON_EDIT'],
    ]);
  });

  test('add-on: time-driven triggers at most hourly; everyMinutes throws', () => {
    const e = env();
    expect(thrown(() => e.globals.ScriptApp.newTrigger('f').timeBased().everyMinutes(30))).toBe(SERVICE_MSG.addonHourly);
    e.globals.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    // the rule is per user: another user of the document may have their own
    e.setUser('xa001@example.gov.vn');
    e.globals.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(e.globals.ScriptApp.getProjectTriggers()).toHaveLength(1);
    expect(e.triggers.list()).toHaveLength(2);
  });

  test('not an add-on: everyMinutes(5) works, invalid intervals throw, 20 triggers per user per script', () => {
    const e = env({ addon: false });
    const SA = e.globals.ScriptApp;
    SA.newTrigger('f').timeBased().everyMinutes(5).create();
    expect(thrown(() => SA.newTrigger('f').timeBased().everyMinutes(7))).toBe(SERVICE_MSG.everyMinutes);
    for (let i = 1; i < 20; i++) SA.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(thrown(() => SA.newTrigger('f21').timeBased().everyHours(1).create())).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    SA.deleteTrigger(SA.getProjectTriggers()[0]);
    SA.newTrigger('f21').timeBased().everyHours(1).create();
  });

  test('due(): one-off after() fires once and stays listed (in an add-on, an hour after its creation at the earliest); daily atHour runs at local time', () => {
    // a bound script: after() fires when asked
    const bound = env({ addon: false });
    const b = bound.globals.ScriptApp.newTrigger('continueRun').timeBased().after(60_000).create();
    bound.clock.advance(60_000);
    expect(bound.triggers.due().map((x) => x.getUniqueId())).toEqual([b.getUniqueId()]);
    // an add-on: time-driven triggers at most hourly
    const e = env();
    const SA = e.globals.ScriptApp;
    const t = SA.newTrigger('continueRun').timeBased().after(60_000).create();
    expect(e.triggers.due()).toEqual([]);
    e.clock.advance(60_000);
    expect(e.triggers.due()).toEqual([]);
    e.clock.advance(3_600_000 - 60_000);
    expect(e.triggers.due().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    e.clock.advance(3_600_000);
    expect(e.triggers.due()).toEqual([]);
    expect(SA.getProjectTriggers()).toHaveLength(1);
    SA.deleteTrigger(t);
    const daily = SA.newTrigger('scheduledRun').timeBased().everyDays(1).atHour(6).inTimezone('Asia/Ho_Chi_Minh').create();
    expect(new Date(daily.nextRunMs!).toISOString()).toBe('2026-11-20T23:00:00.000Z'); // 06:00 on 21/11 in Hà Nội
    expect(e.triggers.due(new Date('2026-11-20T23:00:00Z'))).toEqual([daily]);
    expect(new Date(daily.nextRunMs!).toISOString()).toBe('2026-11-21T23:00:00.000Z');
    expect(daily.getTriggerSource()).toBe('CLOCK');
  });

  test('enums', () => {
    const e = env();
    expect(e.globals.ScriptApp.AuthMode.LIMITED).toBe('LIMITED');
    expect(e.globals.ScriptApp.EventType.CLOCK).toBe('CLOCK');
    expect(e.globals.ScriptApp.WeekDay.MONDAY).toBe('MONDAY');
  });
});

describe('executions: time limits and authorization', () => {
  test('simple triggers: 30 s; the call after the limit throws', () => {
    const e = env();
    e.addSheet('S', []);
    e.execution.start('simple-trigger');
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    e.clock.advance(29_000);
    ss.getSheetByName('S');
    e.clock.advance(1_100);
    expect(thrown(() => ss.getSheetByName('S'))).toBe('Exceeded maximum execution time');
    e.execution.end();
    ss.getSheetByName('S');
  });

  test('menus and triggers: 6 minutes, reached by the simulated cost of calls', () => {
    const e = env({ cpuFactor: 0 });
    e.addSheet('S', []);
    e.execution.start('menu');
    const r = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!.getRange('A1');
    let calls = 0;
    const msg = thrown(() => {
      for (;;) {
        r.setValue(calls++);
      }
    });
    expect(msg).toBe('Exceeded maximum execution time');
    // setValue costs 20 ms + 2 µs: 360 s / 20 ms ≈ 18,000 calls
    expect(calls).toBeGreaterThan(17_900);
    expect(calls).toBeLessThan(18_100);
    expect(e.execution.elapsed()).toBeGreaterThan(360_000);
    e.execution.end();
  });

  test('simple triggers cannot send mail or create triggers; time-driven triggers have no Ui; AuthMode.NONE only builds menus', () => {
    const e = env();
    e.execution.start('simple-trigger');
    expect(thrown(() => e.globals.MailApp.sendEmail('a@example.com', 's', 'b'))).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(thrown(() => e.globals.ScriptApp.newTrigger('f'))).toMatch(/^You do not have permission to call ScriptApp.newTrigger/);
    // no other file, not even by the bound file's own id
    expect(thrown(() => e.globals.SpreadsheetApp.openById(e.spreadsheet.getId()))).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    e.globals.PropertiesService.getDocumentProperties().setProperty('ok', '1');
    e.execution.end();
    e.execution.start('time-trigger');
    expect(thrown(() => e.globals.SpreadsheetApp.getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    e.execution.end();
    e.execution.start('simple-trigger', 'NONE');
    e.globals.SpreadsheetApp.getUi().createAddonMenu().addItem('Tổng hợp', 'runConsolidation').addToUi();
    expect(() => e.globals.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
    expect(() => e.globals.PropertiesService.getDocumentProperties()).toThrow(/permission/);
    e.execution.end();
  });
});

describe("the engine's own time and the daily trigger runtime", () => {
  function spin(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy: the script's own computation
    }
  }

  test("the script's own time between calls advances the clock and counts against the limits", () => {
    const e = env({ cpuFactor: 1000 });
    e.addSheet('S', []);
    e.execution.start('simple-trigger');
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    const before = e.clock.nowMs();
    spin(40); // 40 ms of real computation × 1000 = 40 s: past the simple trigger's 30 s
    expect(thrown(() => ss.getSheetByName('S'))).toBe('Exceeded maximum execution time');
    expect(e.clock.nowMs() - before).toBeGreaterThanOrEqual(40_000);
    e.execution.end();
  });

  test('cpuFactor 0: only the cost model moves the clock', () => {
    const e = env({ cpuFactor: 0 });
    e.addSheet('S', []);
    e.execution.start('menu');
    const ss = e.globals.SpreadsheetApp.getActiveSpreadsheet();
    const before = e.clock.nowMs();
    spin(20);
    ss.getSheetByName('S');
    expect(e.clock.nowMs() - before).toBe(DEFAULT_COSTS.defaultCallMs);
    e.execution.end();
  });

  test("triggers stop running once their owner's 90 minutes of the day are spent; menus still run; another user is not affected; 24 h later they run again", () => {
    const e = env({ cpuFactor: 0 });
    e.addSheet('S', []);
    for (let i = 0; i < 15; i++) {
      e.execution.start('time-trigger');
      e.clock.advance(6 * 60_000); // a full 6-minute run
      e.execution.end();
      e.clock.advance(54 * 60_000);
    }
    expect(e.execution.triggerRuntimeUsed('skhcn@example.gov.vn')).toBe(90 * 60_000);
    expect(thrown(() => e.execution.start('time-trigger'))).toBe('Service using too much computer time for one day. Try again later.');
    expect(e.execution.current).toBeNull();
    e.run('menu', () => e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S'));
    e.setUser('other@example.gov.vn');
    e.run('time-trigger', () => e.globals.SpreadsheetApp.getActiveSpreadsheet());
    e.setUser('skhcn@example.gov.vn');
    e.clock.advance(10 * 3600_000); // the first runs leave the rolling 24 h window
    e.run('time-trigger', () => e.globals.SpreadsheetApp.getActiveSpreadsheet());
  });

  test('a Workspace account has 6 hours', () => {
    const e = env({ cpuFactor: 0, triggerRuntimeMs: 6 * 3600_000 });
    for (let i = 0; i < 15; i++) {
      e.execution.start('time-trigger');
      e.clock.advance(6 * 60_000);
      e.execution.end();
    }
    e.run('time-trigger', () => e.globals.SpreadsheetApp.getActiveSpreadsheet());
  });

  test('installable triggers have no Ui either', () => {
    const e = env();
    e.execution.start('installable-trigger');
    expect(thrown(() => e.globals.SpreadsheetApp.getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    e.execution.end();
  });
});

describe('counters and costs', () => {
  test('every call is counted by name, with cells read and written', () => {
    const e = env();
    e.addSheet('S', [
      [1, 2],
      [3, 4],
    ]);
    expect(e.counters.total()).toBe(0);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    s.getRange(1, 1, 2, 2).getValues();
    s.getRange(1, 1, 2, 2).getValues();
    s.getRange(3, 1, 1, 2).setValues([[5, 6]]);
    expect(e.counters.calls['Range.getValues']).toBe(2);
    expect(e.counters.calls['Sheet.getRange']).toBe(3);
    expect(e.counters.calls['Range.setValues']).toBe(1);
    expect(e.counters.cellsRead).toBe(8);
    expect(e.counters.cellsWritten).toBe(2);
    expect(e.counters.total()).toBe(8);
    const snap = e.counters.snapshot();
    e.counters.reset();
    expect(e.counters.total()).toBe(0);
    expect(snap.calls['Range.getValues']).toBe(2);
  });

  test('the simulated clock advances by the cost model; costs can be overridden', () => {
    const e = env();
    e.addSheet(
      'S',
      Array.from({ length: 50_000 }, (_, i) => [i, 'x']),
    );
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    const r = s.getRange(1, 1, 50_000, 2);
    const t0 = e.clock.now().getTime();
    r.getValues();
    expect(e.clock.now().getTime() - t0).toBeCloseTo(DEFAULT_COSTS.readBaseMs + 100_000 * DEFAULT_COSTS.readPerCellMs, 6); // 60 ms
    const t1 = e.clock.now().getTime();
    r.setValues(r.getValues());
    expect(e.clock.now().getTime() - t1).toBeCloseTo(10 + 50 + 20 + 200, 6);
    const cheap = env({ costs: { defaultCallMs: 1 } });
    const t2 = cheap.clock.now().getTime();
    cheap.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(cheap.clock.now().getTime() - t2).toBe(1);
  });
});

describe('MailApp', () => {
  test('quota counts recipients (to, cc, bcc) in a rolling 24 h window', () => {
    const e = env({ mailQuota: 5 });
    const M = e.globals.MailApp;
    expect(M.getRemainingDailyQuota()).toBe(5);
    M.sendEmail({
      to: 'a@example.gov.vn, b@example.gov.vn',
      cc: 'c@example.gov.vn',
      subject: 'Nhắc',
      body: 'x',
      name: 'SKHCN',
      replyTo: 'skhcn@example.gov.vn',
    });
    expect(M.getRemainingDailyQuota()).toBe(2);
    e.clock.advance(3_600_000);
    M.sendEmail('d@example.gov.vn', 'Nhắc', 'x', { htmlBody: '<b>x</b>' });
    expect(M.getRemainingDailyQuota()).toBe(1);
    expect(thrown(() => M.sendEmail({ to: 'e@example.gov.vn', bcc: 'f@example.gov.vn', subject: 's', body: 'b' }))).toBe(
      'Service invoked too many times for one day: email.',
    );
    expect(e.mail.sent).toHaveLength(2);
    e.clock.advance(23 * 3_600_000); // 24 h after the first send: its 3 recipients are free again
    expect(M.getRemainingDailyQuota()).toBe(4);
    e.clock.advance(3_600_000);
    expect(M.getRemainingDailyQuota()).toBe(5);
    expect(e.mail.sent[0]).toEqual(
      expect.objectContaining({
        to: 'a@example.gov.vn,b@example.gov.vn',
        cc: 'c@example.gov.vn',
        subject: 'Nhắc',
        name: 'SKHCN',
        replyTo: 'skhcn@example.gov.vn',
      }),
    );
    expect(e.mail.sent[1].htmlBody).toBe('<b>x</b>');
  });

  test('invalid addresses and injected failures throw, send nothing and use no quota', () => {
    const e = env({ mailQuota: 10 });
    const M = e.globals.MailApp;
    expect(thrown(() => M.sendEmail('không-phải-email', 's', 'b'))).toBe('Invalid email: không-phải-email');
    e.mail.failNext(1, 'transient');
    expect(thrown(() => M.sendEmail('a@example.gov.vn', 's', 'b'))).toBe('Service unavailable: Email');
    e.mail.failNext(1, 'quota');
    expect(thrown(() => M.sendEmail('a@example.gov.vn', 's', 'b'))).toBe(SERVICE_MSG.mailQuota);
    e.mail.failWhen((m) => (m.to === 'bad@example.gov.vn' ? 'invalid' : null));
    expect(thrown(() => M.sendEmail('bad@example.gov.vn', 's', 'b'))).toBe('Invalid email: bad@example.gov.vn');
    M.sendEmail('good@example.gov.vn', 's', 'b');
    expect(e.mail.sent.map((m) => m.to)).toEqual(['good@example.gov.vn']);
    expect(M.getRemainingDailyQuota()).toBe(9);
    expect(e.mail.sent[0].at.getTime()).toBeLessThanOrEqual(e.clock.now().getTime());
  });
});

describe('Utilities and Session', () => {
  test('formatDate uses the real offset of the zone (Asia/Ho_Chi_Minh = UTC+7) around midnight UTC', () => {
    const e = env();
    const U = e.globals.Utilities;
    const d = new Date('2026-11-19T17:30:00Z'); // 00:30 on 20/11 in Hà Nội
    expect(U.formatDate(d, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd HH:mm')).toBe('2026-11-20 00:30');
    expect(U.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm')).toBe('2026-11-19 17:30');
    expect(U.formatDate(d, 'GMT', 'd/M/yy EEE')).toBe('19/11/26 Thu');
    expect(U.formatDate(d, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy EEE Z XXX')).toBe('20/11/2026 Fri +0700 +07:00');
    expect(U.formatDate(d, 'Asia/Ho_Chi_Minh', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-11-20T00:30:00+07:00');
    expect(U.formatDate(new Date('2026-07-01T12:00:00Z'), 'America/New_York', 'HH:mm Z')).toBe('08:00 -0400');
    expect(U.formatDate(new Date('2026-12-01T12:00:00Z'), 'America/New_York', 'HH:mm Z')).toBe('07:00 -0500');
    expect(thrown(() => U.formatDate(d, 'UTC', 'yyyy-q'))).toBe("Illegal pattern character 'q'");
  });

  test('sleep advances the simulated clock; uuids; base64 in UTF-8; digests as signed bytes', () => {
    const e = env();
    const U = e.globals.Utilities;
    const t0 = e.clock.now().getTime();
    U.sleep(1500);
    expect(e.clock.now().getTime() - t0).toBe(1500);
    expect(U.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const b64 = U.base64Encode('Bình dân học vụ số');
    expect(b64).toBe(Buffer.from('Bình dân học vụ số', 'utf8').toString('base64'));
    expect(U.newBlob(U.base64Decode(b64)).getDataAsString()).toBe('Bình dân học vụ số');
    const md5 = U.computeDigest(U.DigestAlgorithm.MD5, 'abc');
    expect(md5).toHaveLength(16);
    expect(md5.some((b) => b < 0)).toBe(true);
    expect(Math.min(...md5)).toBeGreaterThanOrEqual(-128);
  });

  test('Session', () => {
    const e = env({ activeUser: '' });
    expect(e.globals.Session.getEffectiveUser().getEmail()).toBe('skhcn@example.gov.vn');
    expect(e.globals.Session.getActiveUser().getEmail()).toBe('');
    expect(e.globals.Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(e.globals.Session.getActiveUserLocale()).toBe('vi');
    expect(e.globals.Session.getTemporaryActiveUserKey()).toMatch(/^[A-Za-z0-9]{20,}$/);
  });
});

describe('Ui, HtmlService, Logger', () => {
  test('menus, alerts with scripted answers, prompts, sidebars and dialogs are recorded', () => {
    const e = env({ htmlFiles: { Sidebar: '<h1><?= title ?></h1><? for (var i = 0; i < n; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>' } });
    const ui = e.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('Thư nhắc').addItem('Xem trước', 'previewReminders');
    ui.createAddonMenu().addItem('Tổng hợp', 'runConsolidation').addSeparator().addSubMenu(sub).addToUi();
    expect(e.ui.menus[0]).toEqual({
      title: 'BDHVS Tổng hợp',
      addon: true,
      items: [
        { caption: 'Tổng hợp', functionName: 'runConsolidation' },
        { separator: true },
        { subMenu: { title: 'Thư nhắc', addon: false, items: [{ caption: 'Xem trước', functionName: 'previewReminders' }] } },
      ],
    });
    expect(ui.alert('Gửi thư?', 'Gửi 3 thư nhắc', ui.ButtonSet.YES_NO)).toBe('YES');
    e.ui.respondToNextAlert('NO');
    expect(ui.alert('Gửi thư?', 'Gửi 3 thư nhắc', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    e.ui.respondToNextPrompt('25', 'OK');
    const pr = ui.prompt('Hạn báo cáo', 'Ngày', ui.ButtonSet.OK_CANCEL);
    expect([pr.getResponseText(), pr.getSelectedButton()]).toEqual(['25', 'OK']);
    const t = e.globals.HtmlService.createTemplateFromFile('Sidebar');
    t.title = '<Tổng hợp>';
    t.n = 2;
    t.raw = '<b>ok</b>';
    const out = t.evaluate().setTitle('BDHVS');
    expect(out.getContent()).toBe('<h1>&lt;Tổng hợp&gt;</h1><i>0</i><i>1</i><b>ok</b>');
    ui.showSidebar(out);
    ui.showModalDialog(e.globals.HtmlService.createHtmlOutput('<p>x</p>').setWidth(400).setHeight(300), 'Xem trước');
    expect(e.ui.dialogs).toEqual([
      { kind: 'sidebar', title: 'BDHVS', html: out.getContent(), width: 0, height: 0 },
      { kind: 'modal', title: 'Xem trước', html: '<p>x</p>', width: 400, height: 300 },
    ]);
    expect(() => e.globals.HtmlService.createHtmlOutputFromFile('Missing')).toThrow();
  });

  test('Logger and console output is captured', () => {
    const e = env();
    e.globals.Logger.log('Đã gửi %s thư', 3);
    e.globals.console.warn('cảnh báo', { a: 1 });
    e.globals.console.error(new Error('hỏng'));
    expect(e.logs.map((l) => [l.source, l.level, l.message.split('\n')[0]])).toEqual([
      ['Logger', 'log', 'Đã gửi 3 thư'],
      ['console', 'warn', 'cảnh báo {"a":1}'],
      ['console', 'error', 'Error: hỏng'],
    ]);
  });
});

describe('node:vm', () => {
  test("a script in a bare vm context sees only the installed globals and gets its own realm's Dates and Errors", () => {
    const e = env();
    e.addSheet('Học viên', [
      ['Họ và tên', 'Ngày sinh'],
      ['Trần Thị Bình', new Date('1990-05-01T17:00:00Z')],
    ]);
    const ctx = vm.createContext({});
    e.installInto(ctx);
    const out = vm.runInContext(
      `var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Học viên').getRange(1, 1, 2, 2).getValues();
       var err = null;
       try { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Học viên').getRange(1, 1, 2, 2).setValues([[1, 2]]); }
       catch (x) { err = { isError: x instanceof Error, message: x.message }; }
       ({ v: v, isDate: v[1][1] instanceof Date, year: v[1][1].getUTCFullYear(), err: err, hasRequire: typeof require });`,
      ctx,
    );
    expect(out.v[0]).toEqual(['Họ và tên', 'Ngày sinh']);
    expect(out.v[1][0]).toBe('Trần Thị Bình');
    expect(out.isDate).toBe(true);
    expect(out.year).toBe(1990);
    expect(out.err).toEqual({ isError: true, message: MSG.rowsMismatch(1, 2) });
    expect(out.hasRequire).toBe('undefined');
    expect(e.counters.calls['Range.getValues']).toBe(1);
  });

  test('values written from the vm realm (arrays, Dates) are accepted', () => {
    const e = env();
    e.addSheet('S', []);
    const ctx = vm.createContext({});
    e.installInto(ctx);
    vm.runInContext(`SpreadsheetApp.getActive().getSheetByName('S').getRange(1, 1, 1, 3).setValues([[new Date(Date.UTC(2026, 0, 2)), '007', 3]]);`, ctx);
    const row = e.sheetValues('S')[0];
    expect(row[0]).toBeInstanceOf(Date); // inspectors return the test realm's Dates
    expect((row[0] as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(row.slice(1)).toEqual([7, 3]);
  });

  test('fakeDate: new Date() and Date.now() in the context follow the simulated clock', () => {
    const e = env({ fakeDate: true });
    const ctx = vm.createContext({});
    e.installInto(ctx);
    e.clock.advance(3_600_000);
    const out = vm.runInContext('[new Date().toISOString(), Date.now(), new Date(0).getTime(), new Date() instanceof Date]', ctx);
    expect(out[0]).toBe('2026-11-20T03:00:00.000Z');
    expect(out[1]).toBe(NOW.getTime() + 3_600_000);
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(true);
  });
});

// a timed run: in `npm run test:scale`, not in `npm test` (real time varies with the machine's load)
scaleDescribe('scale', () => {
  test('1,000,000 rows × 10 columns; reading 50,000 rows is fast; writing 50,000 rows is fast', () => {
    const e = env({ firstSheet: null });
    const rows: unknown[][] = new Array(1_000_000);
    for (let i = 0; i < rows.length; i++) rows[i] = [i + 1, 'Nguyễn Văn A', 'a@example.gov.vn', '038123456789', 'P', 'SO01', 'CBCCVC', 'Hoàn thành', '', ''];
    const sheet = e.addSheet('Học viên', rows);
    expect(sheet.getMaxColumns()).toBe(10);
    const s = e.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Học viên')!;
    expect(s.getLastRow()).toBe(1_000_000);
    let t = Date.now();
    const v = s.getRange(900_001, 1, 50_000, 10).getValues();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(v[0][0]).toBe(900_001);
    expect(v[49_999][3]).toBe('038123456789');
    t = Date.now();
    s.getRange(1, 1, 50_000, 10).setValues(v);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(s.getRange(1, 4).getValue()).toBe(38123456789);
  });
});
