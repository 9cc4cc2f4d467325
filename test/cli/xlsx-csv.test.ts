/**
 * CSV input: RFC 4180, every value a string, delimiter detection, text decoding.
 */
import { CsvError, decodeText, detectDelimiter, MAX_CSV_CELLS, readCsv, readCsvFile } from '../../src/cli/xlsx/csv';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('readCsv', () => {
  test('values stay strings: leading zeros, numbers, dates, booleans', () => {
    expect(readCsv('STT,Số CCCD,Ngày sinh,Đã học\n1,038123456789,17/05/1990,TRUE\n2,61002735721,1990-05-17,false\n')).toEqual([
      ['STT', 'Số CCCD', 'Ngày sinh', 'Đã học'],
      ['1', '038123456789', '17/05/1990', 'TRUE'],
      ['2', '61002735721', '1990-05-17', 'false'],
    ]);
  });

  test('quoted fields: delimiters, line breaks, doubled quotes, quotes inside unquoted fields', () => {
    const text = 'a,b,c\r\n"Nguyễn, Văn An","Dòng 1\r\nDòng 2","nói ""xin chào"""\r\n5 "inch",x""y,""\r\n';
    expect(readCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['Nguyễn, Văn An', 'Dòng 1\r\nDòng 2', 'nói "xin chào"'],
      ['5 "inch"', 'x""y', ''],
    ]);
  });

  test('BOM, CRLF / LF / CR, empty lines, ragged rows, trailing empties dropped', () => {
    expect(readCsv('\uFEFFa,b\r\n\r\n1\r2,3,\n\n\n')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['1', ''],
      ['2', '3'],
    ]);
    expect(readCsv('')).toEqual([]);
    expect(readCsv('\n\n')).toEqual([]);
    expect(readCsv('x')).toEqual([['x']]);
    expect(readCsv('a,')).toEqual([['a']]);
    expect(readCsv(',,\n,,x')).toEqual([
      ['', '', ''],
      ['', '', 'x'],
    ]);
  });

  test('delimiter detection from the first record, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(detectDelimiter('"x,y";"z"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a,b;c')).toBe(',');
    expect(detectDelimiter('một cột')).toBe(',');
    expect(detectDelimiter('DANH SÁCH HỌC VIÊN\r\nHọ tên;CCCD\r\nAn;001')).toBe(';');
    expect(readCsv('Họ tên;Điểm\nAn;8,5\n')).toEqual([
      ['Họ tên', 'Điểm'],
      ['An', '8,5'],
    ]);
    expect(readCsv('Họ tên\tCCCD\nAn\t001099012345')).toEqual([
      ['Họ tên', 'CCCD'],
      ['An', '001099012345'],
    ]);
    expect(readCsv('a,b;c', ';')).toEqual([['a,b', 'c']]);
  });

  test('an unterminated quote keeps the rest of the text', () => {
    expect(readCsv('a,"b\nc')).toEqual([['a', 'b\nc']]);
  });

  test('NFD text unchanged', () => {
    const nfd = 'Trần Văn Đức'.normalize('NFD');
    expect(readCsv(`${nfd},x`)[0][0]).toBe(nfd);
  });
});

describe('decodeText', () => {
  test('UTF-8 with and without BOM; multi-byte characters anywhere', () => {
    expect(decodeText(utf8('Nguyễn Văn Ấn'))).toBe('Nguyễn Văn Ấn');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Đặng')]))).toBe('Đặng');
    expect(decodeText(new Uint8Array(0))).toBe('');
  });

  test('UTF-16 LE and BE with a BOM', () => {
    const s = 'Họ tên\tCCCD\r\nLê Thị Yến\t001099012345\r\n';
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]))).toBe(s);
    const be = Buffer.from(s, 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toBe(s);
  });

  test('not UTF-8 (Windows-1258, TCVN3 exports; an .xlsx renamed .csv) → CsvError NOT_UTF8', () => {
    // "Nguy\xEA\xE3n" is Windows-1258-ish bytes, invalid as UTF-8
    const cp = new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0xe3, 0x6e, 0x2c, 0x31]);
    expect(() => decodeText(cp)).toThrow(CsvError);
    try {
      decodeText(cp);
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_UTF8' });
      expect((e as CsvError).detail).toMatch(/vị trí 4/);
    }
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toThrow(expect.objectContaining({ code: 'NOT_UTF8' }));
    // a truncated multi-byte character at the end
    expect(() => decodeText(utf8('Ấ').subarray(0, 2))).toThrow(CsvError);
  });
});

describe("readCsvFile: a file's bytes, parsed without one whole-file string", () => {
  test('UTF-8 with or without BOM, UTF-16 LE/BE: the same grid as readCsv of the decoded text', () => {
    const text = 'Họ và tên;Số CCCD;Đơn vị\r\n"Nguyễn, Thị Ấn";038123456789;UBND xã Yên Định\r\nLê Văn Bình;001099012345;UBND xã Yên Định\r\n';
    const want = readCsv(text);
    expect(want[1]).toEqual(['Nguyễn, Thị Ấn', '038123456789', 'UBND xã Yên Định']);
    expect(readCsvFile(utf8(text))).toEqual(want);
    expect(readCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual(want);
    expect(readCsvFile(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]))).toEqual(want);
    expect(() => readCsvFile(new Uint8Array([0x4e, 0xea, 0xe3, 0x2c, 0x31]))).toThrow(expect.objectContaining({ code: 'NOT_UTF8' }));
  });

  test('an invalid byte anywhere (a short field, a long one, a quoted one) is NOT_UTF8 with its position; a real U+FFFD is kept', () => {
    const head = utf8('Họ và tên,Đơn vị\n');
    const ascii = utf8('Nguyen Van An Nguyen Van Binh ');
    for (const [field, bad] of [
      [[0x41, 0xe3], 1],
      [[...ascii, 0xc3], ascii.length],
      [[0x22, 0x41, 0xff, 0x2c, 0x22], 2],
    ] as [number[], number][]) {
      const bytes = new Uint8Array([...head, ...field, 0x2c, 0x78, 0x0a]);
      let err: unknown;
      try {
        readCsvFile(bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'NOT_UTF8' });
      expect((err as CsvError).detail).toContain(`vị trí ${head.length + bad})`);
    }
    expect(readCsvFile(utf8('a,b\nx\uFFFDy,z\n'))).toEqual([
      ['a', 'b'],
      ['x\uFFFDy', 'z'],
    ]);
  });

  test('values come back exactly, pooled (short, repeated) or not (long, multi-byte, quoted)', () => {
    const rows: string[][] = [['Tên', 'Đơn vị', 'Trạng thái', 'Ghi chú']];
    for (let i = 0; i < 2000; i++)
      rows.push([`Người ${i} Đặng`, i % 2 ? 'XA001' : 'Trường THPT Lê Lợi', 'Hoàn thành', i % 3 ? 'x'.repeat(30 + (i % 7)) : `"a""b,${i}"`]);
    const text = rows.map((r) => r.join(',')).join('\n');
    const got = readCsvFile(utf8(text));
    expect(got.length).toBe(2001);
    for (let i = 1; i <= 2000; i++) {
      const src = rows[i];
      expect(got[i][0]).toBe(src[0]);
      expect(got[i][1]).toBe(src[1]);
      expect(got[i][3]).toBe(src[3].startsWith('"') ? `a"b,${i - 1}` : src[3]);
    }
    // the quoted field holds a comma, so it is one field: a"b,N
    expect(got[1][3]).toBe('a"b,0');
  });

  test('a grid past the cell bound (one very wide row over many rows) is refused with the row named, not padded', () => {
    const wide = ','.repeat(60_000) + 'x';
    const lines = [wide, ...Array.from({ length: Math.ceil(MAX_CSV_CELLS / 60_000) + 10 }, () => 'a')];
    let err: unknown;
    try {
      readCsvFile(utf8(lines.join('\n')));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect(err).toMatchObject({ code: 'TOO_LARGE' });
    expect((err as CsvError).detail).toMatch(/dòng 1 có 60\.001 cột/);
  });
});
