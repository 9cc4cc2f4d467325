/**
 * Malformed input: every failure is an XlsxError with the right code, never a raw exception.
 */
import { strToU8, zipSync } from 'fflate';
import { readXlsx, XlsxError } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { buildXlsx, sheetXml } from '../fixtures/xlsx/handmade';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof XlsxError) return e.code;
    throw e;
  }
  return 'OK';
}

function errorOf(bytes: Uint8Array): XlsxError {
  try {
    readXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error('no error');
}

const ole = (streamName: string) => {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set(Buffer.from(streamName, 'utf16le'), 1024);
  return b;
};

const good = () =>
  buildXlsx({
    sheets: [
      { name: 'Học viên', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="B1"><v>1</v></c></row>'.repeat(1)) },
      { name: 'Hai', xml: sheetXml(Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('')) },
    ],
  });

describe('malformed input', () => {
  test('empty file, random bytes, HTML, XML → NOT_ZIP', () => {
    expect(errorOf(new Uint8Array(0))).toMatchObject({ code: 'NOT_ZIP', detail: 'tệp rỗng' });
    let seed = 7;
    const random = Uint8Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    random[0] = 0x12;
    expect(errorOf(random).code).toBe('NOT_ZIP');
    expect(errorOf(strToU8('<!DOCTYPE html><html><body>404</body></html>'))).toMatchObject({ code: 'NOT_ZIP' });
    expect(errorOf(strToU8('<!DOCTYPE html><html><body>404</body></html>')).detail).toMatch(/HTML/);
    expect(errorOf(strToU8('<?xml version="1.0"?><Workbook/>')).detail).toMatch(/XML/);
    expect(errorOf(strToU8('STT,Họ và tên\n1,An\n')).code).toBe('NOT_ZIP');
  });

  test('OLE compound files → ENCRYPTED, saying which', () => {
    const enc = errorOf(ole('EncryptedPackage'));
    expect(enc.code).toBe('ENCRYPTED');
    expect(enc.detail).toMatch(/mật khẩu/);
    const xls = errorOf(ole('Workbook'));
    expect(xls.code).toBe('ENCRYPTED');
    expect(xls.detail).toMatch(/\.xls/);
  });

  test('a zip that is not a workbook → NOT_XLSX', () => {
    expect(errorOf(zipSync({ 'a.txt': strToU8('xin chào') }))).toMatchObject({ code: 'NOT_XLSX' });
    expect(errorOf(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') })).detail).toMatch(/\.ods/);
    expect(errorOf(zipSync({ 'word/document.xml': strToU8('<x/>') })).detail).toMatch(/Word/);
    expect(errorOf(zipSync({})).code).toBe('NOT_XLSX');
  });

  test('truncated, corrupted, inconsistent → CORRUPT', () => {
    const g = good();
    expect(errorOf(g.subarray(0, g.length >> 1)).code).toBe('CORRUPT');
    expect(errorOf(Uint8Array.from([0x50, 0x4b, 3, 4, ...new Uint8Array(100)])).code).toBe('CORRUPT');
    // flip bytes inside the compressed data of the big sheet (found by its name in the local header)
    const at = Buffer.from(g).indexOf('xl/worksheets/sheet2.xml') + 'xl/worksheets/sheet2.xml'.length + 20;
    const bad = g.slice();
    for (let i = 0; i < 8; i++) bad[at + i] ^= 0x5a;
    expect(errorOf(bad).code).toBe('CORRUPT');
    // a sheet whose part is missing
    const missing = buildXlsx({ sheets: [{ name: 'A', xml: sheetXml('') }], omit: ['xl/worksheets/sheet1.xml'] });
    expect(errorOf(missing)).toMatchObject({ code: 'CORRUPT' });
    expect(errorOf(missing).detail).toMatch(/“A”/);
    // unclosed cell
    expect(errorOf(buildXlsx({ sheets: [{ name: 'A', xml: '<worksheet><sheetData><row><c r="A1"><v>1' }] })).code).toBe('CORRUPT');
  });

  test('fuzz: mutated and truncated files give a result or an XlsxError, nothing else', () => {
    const g = good();
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const codes = new Set<string>();
    for (let k = 0; k < 400; k++) {
      const m = g.slice();
      const flips = 1 + (next() % 4);
      for (let i = 0; i < flips; i++) m[next() % m.length] = next() & 0xff;
      codes.add(codeOf(() => readXlsx(m)));
    }
    for (let len = 0; len < g.length; len += 37) codes.add(codeOf(() => readXlsx(g.subarray(0, len))));
    expect([...codes].every((c) => ['OK', 'NOT_ZIP', 'NOT_XLSX', 'CORRUPT', 'ENCRYPTED'].includes(c))).toBe(true);
  });

  test('beyond the limits → TOO_LARGE; a lone far cell is dropped with a warning instead', () => {
    // one value in the last cell of the grid (1,048,576 rows × 16,384 columns): not a 17 G-cell
    // grid, not a refusal (issue 10 §4): an empty sheet and a warning naming the cell
    const far = buildXlsx({ sheets: [{ name: 'Xa', xml: sheetXml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>') }] });
    const r = readXlsx(far);
    expect(r.sheets[0].values).toEqual([]);
    expect(r.warnings).toEqual(['trang “Xa”: bỏ qua 1 ô nằm xa vùng dữ liệu (đầu tiên: XFD1048576)']);
    // a dense used range over MAX_CELLS (20 M): 1,048,576 rows × 20 columns, every row holding A and T
    const wide = buildXlsx({
      sheets: [
        {
          name: 'Rộng',
          xml: sheetXml(
            Array.from(
              { length: 1_048_576 / 2048 },
              (_, i) => `<row r="${i * 2048 + 1}"><c r="A${i * 2048 + 1}"><v>1</v></c><c r="T${i * 2048 + 1}"><v>1</v></c></row>`,
            ).join(''),
          ),
        },
      ],
    });
    const w = errorOf(wide);
    expect(w.code).toBe('TOO_LARGE');
    expect(w.detail).toBe('trang “Rộng” có vùng dữ liệu 1.046.529 dòng × 20 cột, vượt giới hạn 20.000.000 ô');
    // a part announcing more than 512 MiB uncompressed is refused before inflating
    const g = good();
    const big = g.slice();
    const name = Buffer.from('xl/worksheets/sheet2.xml');
    let cd = -1;
    for (let i = big.length - 22; i >= 0; i--)
      if (
        big[i] === 0x50 &&
        big[i + 1] === 0x4b &&
        big[i + 2] === 1 &&
        big[i + 3] === 2 &&
        Buffer.from(big.subarray(i + 46, i + 46 + name.length)).equals(name)
      )
        ((cd = i), (i = -1));
    expect(cd).toBeGreaterThan(0);
    new DataView(big.buffer).setUint32(cd + 24, 0xf0000000, true);
    expect(errorOf(big).code).toBe('TOO_LARGE');
  });

  test('a malformed base for the writer is an XlsxError too', () => {
    expect(codeOf(() => writeXlsx({ base: strToU8('không phải xlsx'), sheets: [{ name: 'A', rows: [] }] }))).toBe('NOT_ZIP');
    expect(codeOf(() => writeXlsx({ base: zipSync({ 'a.txt': strToU8('x') }), sheets: [{ name: 'A', rows: [] }] }))).toBe('NOT_XLSX');
  });
});
