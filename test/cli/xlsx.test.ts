/**
 * The .xlsx reader and writer against independent tools: files written by write-excel-file are
 * read by readXlsx; files written by writeXlsx are read by read-excel-file. Generated people only.
 */
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx, XlsxError, type CellStyle } from '../../src/cli/xlsx/write';
import { serialToDate, dateToSerial, isDateFormatCode } from '../../src/cli/xlsx/dates';
import { setCodec } from '../../src/cli/xlsx/zip';
import type { Cell } from '../../src/core/types';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupZones, readInZone, writeInZone, toZoneJson, TIME_ZONES } from '../fixtures/xlsx/zones';

const tempDirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'bdhvs-xlsx-'));
  tempDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  cleanupZones();
});

const H = 3_600_000;
/** The instant of a wall-clock time in Asia/Ho_Chi_Minh (UTC+7). */
const vn = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss, ms) - 7 * H);
/** The same wall clock as write-excel-file and read-excel-file express it (UTC components). */
const wall = (d: Date) => new Date(d.getTime() + 7 * H);

const NFC = 'Nguyễn Thị Hồng Nhung';
const NFD = 'Trần Văn Đức'.normalize('NFD');

function sameCells(a: Cell[][], b: Cell[][]): void {
  expect(a.length).toBe(b.length);
  for (let r = 0; r < a.length; r++) {
    expect(a[r].length).toBe(b[r].length);
    for (let c = 0; c < a[r].length; c++) {
      const x = a[r][c];
      const y = b[r][c];
      if (x instanceof Date) {
        expect(y).toBeInstanceOf(Date);
        expect((y as Date).getTime()).toBe(x.getTime());
      } else expect(y).toBe(x);
    }
  }
}

describe('dates', () => {
  test('serials map to Asia/Ho_Chi_Minh wall time', () => {
    expect(serialToDate(1)).toEqual(vn(1900, 1, 1));
    expect(serialToDate(59)).toEqual(vn(1900, 2, 28));
    expect(serialToDate(60)).toEqual(vn(1900, 2, 28)); // Excel's non-existent 1900-02-29
    expect(serialToDate(61)).toEqual(vn(1900, 3, 1));
    expect(serialToDate(0.5)).toEqual(vn(1899, 12, 30, 12));
    expect(serialToDate(25569)).toEqual(vn(1970, 1, 1));
    expect(serialToDate(46346.6077546296)).toEqual(vn(2026, 11, 20, 14, 35, 10));
    expect(serialToDate(46023.9999884259)).toEqual(vn(2026, 1, 1, 23, 59, 59));
    expect(serialToDate(45658.541666666664)).toEqual(vn(2025, 1, 1, 13)); // float noise
    expect(serialToDate(45658.5 + 0.25 / 86400)).toEqual(vn(2025, 1, 1, 12, 0, 0, 250)); // real milliseconds
    expect(serialToDate(0, true)).toEqual(vn(1904, 1, 1));
    expect(serialToDate(44197, true)).toEqual(vn(2025, 1, 2));
  });

  test('dateToSerial is the inverse', () => {
    for (const d of [vn(1900, 1, 1), vn(1900, 2, 28), vn(1900, 3, 1), vn(1990, 5, 17), vn(2026, 11, 20, 14, 35, 10), vn(2000, 2, 29, 23, 59, 59)]) {
      expect(serialToDate(dateToSerial(d))).toEqual(d);
      expect(serialToDate(dateToSerial(d, true), true)).toEqual(d);
    }
    expect(dateToSerial(vn(2026, 11, 20))).toBe(46346);
  });

  test('date format codes', () => {
    for (const code of [
      'dd/mm/yyyy',
      'd/m/yy',
      'mmm-yy',
      'h:mm AM/PM',
      '[h]:mm:ss',
      '[$-42A]dd/mm/yyyy',
      'yyyy-mm-dd hh:mm',
      '[Red]dd/mm/yyyy',
      '"Ngày "d',
      'DD.MM.YYYY',
      '[mm]:ss',
    ])
      expect([code, isDateFormatCode(code)]).toEqual([code, true]);
    for (const code of [
      'General',
      '0.00',
      '#,##0 "ngày"',
      '0.0%',
      '#,##0\\ [$₫-42A]',
      '[Red]0.00;[Blue]-0.00',
      '0.00E+00',
      '@',
      '"TRUE";"TRUE";"FALSE"',
      '_(* #,##0_)',
      '#,##0 \\d',
      '[>=100]0;0.0',
    ])
      expect([code, isDateFormatCode(code)]).toEqual([code, false]);
  });
});

describe('reading files written by write-excel-file', () => {
  let bytes: Uint8Array;
  const when = vn(2026, 11, 20, 14, 35, 10);
  beforeAll(async () => {
    const sheets = [
      {
        sheet: 'Học viên',
        data: [
          [{ value: 'DANH SÁCH HỌC VIÊN (giả lập)' }],
          ['STT', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Hoàn thành', 'Cập nhật', 'Tỷ lệ'].map((value) => ({ value, fontWeight: 'bold' as const })),
          [
            1,
            NFC,
            '038123456789',
            { value: wall(vn(1990, 5, 17)), format: 'dd/mm/yyyy' },
            true,
            { value: wall(when), format: 'dd/mm/yyyy hh:mm:ss' },
            { value: 0.853, format: '0.0%' },
          ],
          [2, NFD, 61002735721, { value: wall(vn(2001, 12, 31)), format: 'd/m/yyyy' }, false, null, 1],
          [],
          [3, '  khoảng trắng  ', '001099012345', { value: wall(vn(1970, 1, 1)), format: 'yyyy-mm-dd' }, null, null, -0.5],
          [4, 'A & B <c> "d" \'e\'', 3.8123e10, null, null, { value: '=1+1', type: 'Formula' as const }, 1e-7],
        ],
      },
      { sheet: 'Ẩn', data: [['x', 1]] },
    ];
    const buf = await writeXlsxFile(sheets as never).toBuffer();
    bytes = new Uint8Array(buf);
  });

  test('values, Vietnamese byte for byte, dates as the Asia/Ho_Chi_Minh instant', () => {
    {
      const { sheets, warnings } = readXlsx(bytes);
      expect(warnings).toEqual([]);
      expect(sheets.map((s) => s.name)).toEqual(['Học viên', 'Ẩn']);
      const v = sheets[0].values;
      expect(v[0]).toEqual(['DANH SÁCH HỌC VIÊN (giả lập)', '', '', '', '', '', '']);
      expect(v[1]).toEqual(['STT', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Hoàn thành', 'Cập nhật', 'Tỷ lệ']);
      expect(v[2]).toEqual([1, NFC, '038123456789', vn(1990, 5, 17), true, when, 0.853]);
      expect(v[3]).toEqual([2, NFD, 61002735721, vn(2001, 12, 31), false, '', 1]);
      expect(Buffer.from(v[3][1] as string)).toEqual(Buffer.from(NFD));
      expect(v[3][1]).not.toBe(NFD.normalize('NFC'));
      expect(v[4]).toEqual(['', '', '', '', '', '', '']);
      expect(v[5][1]).toBe('  khoảng trắng  ');
      expect(v[5][3]).toEqual(vn(1970, 1, 1));
      expect(v[6][1]).toBe('A & B <c> "d" \'e\'');
      expect(v[6][2]).toBe(38123000000);
      expect(v[6][6]).toBe(1e-7);
      expect(v.length).toBe(7);
    }
  });

  test('the same values in a child process under any TZ, or with TZ unset', () => {
    const dir = tempDir();
    const file = join(dir, 'wef.xlsx');
    writeFileSync(file, bytes);
    const here = toZoneJson(readXlsx(bytes));
    for (const tz of TIME_ZONES) expect([tz, readInZone(tz, file)]).toEqual([tz, here]);
  });

  test('the sheets filter', () => {
    const { sheets } = readXlsx(bytes, { sheets: (n) => n === 'Ẩn' });
    expect(sheets).toEqual([{ name: 'Ẩn', values: [['x', 1]] }]);
  });
});

describe('our writer read back by read-excel-file (an independent reader)', () => {
  const rows: Cell[][] = [
    ['Họ và tên', 'Số CCCD', 'Ngày sinh', 'Cập nhật', 'Tỷ lệ', 'Hoàn thành', 'Ghi chú'],
    [NFC, '038123456789', vn(1990, 5, 17), vn(2026, 11, 20, 14, 35, 10), 0.853, true, 'a & b < c > d "e"'],
    [NFD, 61002735721, vn(2001, 12, 31), vn(2026, 1, 1, 23, 59, 59), 0, false, 'Dòng 1\nDòng 2'],
    ['', null, '', null, -1.5, '', ''],
    ['  trắng  ', '_x0041_ không phải mã thoát', vn(1970, 1, 1), vn(2000, 2, 29, 12), 1e21, true, 'tab\there'],
    ['Ký tự điều khiển\u0001\u0008 bị bỏ', '😀 ngoài BMP', vn(1900, 3, 1), vn(1955, 1, 1), 123456789012345, false, 'CR\r\nLF'],
  ];
  const expected: Cell[][] = rows.map((r) => r.map((c) => (c === null ? '' : c)));
  expected[3] = ['', '', '', '', -1.5, '', ''];
  expected[5][0] = 'Ký tự điều khiển bị bỏ';

  test.each(['native', 'fflate'] as const)('round trip (%s codec)', async (codec) => {
    const prev = setCodec(codec);
    try {
      const bold: CellStyle = { bold: true, fill: 'CFE2F3', border: true, wrap: true };
      const out = writeXlsx({
        sheets: [
          {
            name: 'Học viên',
            rows,
            textColumns: [1],
            frozenRows: 1,
            columnWidths: [28, 14],
            styles: (r, c) => (r === 0 ? bold : c === 4 ? { numFmt: 'percent1' } : undefined),
            validations: [{ column: 5, firstRow: 1, lastRow: 500, values: ['Hoàn thành', 'Chưa hoàn thành'] }],
            autoFilter: true,
          },
          { name: 'Trống', rows: [] },
        ],
      });
      // ours
      const back = readXlsx(out);
      expect(back.sheets.map((s) => s.name)).toEqual(['Học viên', 'Trống']);
      sameCells(expected, back.sheets[0].values);
      expect(back.sheets[1].values).toEqual([]);
      // read-excel-file
      const theirs = await readXlsxFile(Buffer.from(out), { trim: false });
      expect(theirs.map((s) => s.sheet)).toEqual(['Học viên', 'Trống']);
      const data = theirs[0].data as unknown[][];
      for (let r = 0; r < expected.length; r++) {
        for (let c = 0; c < expected[r].length; c++) {
          const want = expected[r][c];
          const got = data[r]?.[c] ?? '';
          // read-excel-file does not round serials: allow its 1 ms of float noise
          if (want instanceof Date) expect([r, c, Math.abs((got as Date).getTime() - wall(want).getTime()) <= 1]).toEqual([r, c, true]);
          else expect([r, c, got]).toEqual([r, c, want]);
        }
      }
    } finally {
      setCodec(prev);
    }
  });

  test('the writer gives the same sheet XML in a child process under any TZ, or with TZ unset', () => {
    const dir = tempDir();
    const spec = { sheets: [{ name: 'Học viên', rows, textColumns: [1] }] };
    const here = unzipSync(writeXlsx(spec));
    const json = JSON.stringify(toZoneJson(spec));
    for (const tz of TIME_ZONES) {
      const there = unzipSync(readFileSync(writeInZone(tz, json, dir)));
      expect([tz, strFromU8(there['xl/worksheets/sheet1.xml'])]).toEqual([tz, strFromU8(here['xl/worksheets/sheet1.xml'])]);
      expect(strFromU8(there['xl/styles.xml'])).toBe(strFromU8(here['xl/styles.xml']));
    }
  });

  test("long Vietnamese strings across the writer's chunk boundaries survive byte for byte", () => {
    const long = 'Bình dân học vụ số — Nguyễn Thị Hồng Nhung 😀 '.repeat(40_000); // > 1 M characters
    const nfd = long.normalize('NFD');
    const rows: Cell[][] = [[long], [nfd]];
    for (let i = 0; i < 30_000; i++) rows.push([`Hàng ${i} — Đặng Văn Ấn`, i]);
    const back = readXlsx(writeXlsx({ sheets: [{ name: 'Dài', rows }] })).sheets[0].values;
    // cells are capped at Excel's 32,767 characters
    expect(back[0][0]).toBe(long.slice(0, 32767));
    expect(back[1][0]).toBe(nfd.slice(0, 32767));
    expect(back.slice(2).every((r, i) => r[0] === `Hàng ${i} — Đặng Văn Ấn` && r[1] === i)).toBe(true);
  });

  test('writes a complete package without a base', () => {
    const out = writeXlsx({ sheets: [{ name: 'A', rows: [['x']] }] });
    const parts = Object.keys(unzipSync(out)).sort();
    expect(parts).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  });

  test('percent, dates and text formats in styles.xml; widths, panes, filters, lists in the sheet', () => {
    const out = writeXlsx({
      sheets: [
        {
          name: 'Tổng hợp',
          rows: [
            ['Tỷ lệ', 'Ngày', 'CCCD'],
            [0.853, vn(2026, 11, 20), '038123456789'],
          ],
          styles: (_r, c) => (c === 0 ? { numFmt: 'percent1' } : undefined),
          textColumns: [2],
          columnWidths: [10, undefined, 16],
          frozenRows: 1,
          frozenColumns: 1,
          tabColor: '#FF0000',
          autoFilter: true,
        },
      ],
    });
    const files = unzipSync(out);
    const styles = strFromU8(files['xl/styles.xml']);
    expect(styles).toMatch(/<numFmt numFmtId="(\d+)" formatCode="0\.0%"\/>/);
    expect(styles).toMatch(/formatCode="dd\/mm\/yyyy"/);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<sheetPr><tabColor rgb="FFFF0000"/></sheetPr>');
    expect(sheet).toContain('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>');
    expect(sheet).toMatch(/<col min="3" max="3" width="16\.\d+" customWidth="1" style="\d+"\/>/);
    expect(sheet).toContain('<autoFilter ref="A1:C2"/>');
    const wb = strFromU8(files['xl/workbook.xml']);
    expect(wb).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Tổng hợp'!$A$1:$C$2</definedName>`);
    expect(elementOrder(sheet)).toEqual(['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'autoFilter', 'pageMargins']);
    // the text style of column C is numFmt 49, the percent style shows 85.3%
    const xfs = [...styles.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const colStyle = Number(/<col min="3"[^>]* style="(\d+)"/.exec(sheet)![1]);
    const cellXfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(cellXfs[colStyle]).toBe(49);
    expect(xfs.length).toBeGreaterThan(1);
  });

  test('long and awkward dropdown lists go to a hidden sheet', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Trường Trung học cơ sở số ${i + 1}`);
    const out = writeXlsx({
      sheets: [
        {
          name: 'Học viên',
          rows: [['Đơn vị', 'Nhóm', 'Ghi chú']],
          validations: [
            { column: 0, firstRow: 1, lastRow: 1000, values: long },
            { column: 1, firstRow: 1, lastRow: 1000, values: ['CB, CC, VC', 'Người dân'] },
            { column: 2, firstRow: 1, lastRow: 1000, values: ['Hoàn thành', 'Chưa hoàn thành'] },
          ],
        },
      ],
    });
    const files = unzipSync(out);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain(
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="A2:A1001"><formula1>'_DanhMuc'!$A$1:$A$40</formula1></dataValidation>`,
    );
    expect(sheet).toContain(`sqref="B2:B1001"><formula1>'_DanhMuc'!$B$1:$B$2</formula1>`);
    expect(sheet).toContain(`sqref="C2:C1001"><formula1>"Hoàn thành,Chưa hoàn thành"</formula1>`);
    const back = readXlsx(out);
    expect(back.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Học viên', undefined],
      ['_DanhMuc', 'hidden'],
    ]);
    expect(back.sheets[1].values.map((r) => r[0])).toEqual(long);
    expect(back.sheets[1].values.slice(0, 2).map((r) => r[1])).toEqual(['CB, CC, VC', 'Người dân']);
  });

  test('bad sheet names', () => {
    for (const name of ['', 'a'.repeat(32), 'a/b', 'a[1]', 'x:y', 'a*', 'a?', 'a\\b', "'q", 'History'])
      expect(() => writeXlsx({ sheets: [{ name, rows: [] }] })).toThrow(expect.objectContaining({ code: 'BAD_SHEET_NAME' }));
    expect(() =>
      writeXlsx({
        sheets: [
          { name: 'Học viên', rows: [] },
          { name: 'HỌC VIÊN', rows: [] },
        ],
      }),
    ).toThrow(XlsxError);
    expect(() => writeXlsx({ sheets: [{ name: 'Ẩn', rows: [], hidden: true }] })).toThrow(XlsxError);
    expect(writeXlsx({ sheets: [{ name: 'Tên dài đúng ba mươi mốt ký tự!', rows: [] }] })).toBeInstanceOf(Uint8Array);
  });
});

/** Top-level child elements of a worksheet, in order. */
export function elementOrder(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z:]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 1) out.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return out;
}
