/**
 * Writing with a base workbook: the base's parts survive byte for byte (only [Content_Types].xml,
 * the workbook part, its relationships and styles.xml are edited), its sheets read back
 * unchanged, our sheets are appended or replace same-named ones in place.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx, type SheetSpec } from '../../src/cli/xlsx/write';
import { ZipReader } from '../../src/cli/xlsx/zip';
import type { Cell } from '../../src/core/types';
import { buildXlsx, sheetXml, stylesXml, NS_R } from '../fixtures/xlsx/handmade';
import { HAS_SOFFICE, sofficeToCsv } from '../helpers/ooxml';

const H = 3_600_000;
const vn = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - 7 * H);
const FIXTURES = join(__dirname, '../fixtures/xlsx');
const libreoffice = () => new Uint8Array(readFileSync(join(FIXTURES, 'libreoffice.xlsx')));
const EDITABLE = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];

const summary = (tag: string): SheetSpec => ({
  name: 'Tổng hợp',
  rows: [
    ['BẢNG TỔNG HỢP ' + tag, '', ''],
    ['Đơn vị', 'Số học viên', 'Tỷ lệ hoàn thành'],
    ['UBND xã Tân Phú', 120, 0.853],
    ['Trường THCS Lê Lợi', 45, 1],
    ['Cập nhật', vn(2026, 11, 20, 9, 15), ''],
  ],
  styles: (r, c) =>
    r === 1
      ? { bold: true, fill: 'CFE2F3', border: true, wrap: true, align: 'center' }
      : r >= 2 && c === 2
        ? { numFmt: 'percent1' }
        : r === 0
          ? { bold: true, fontColor: '1F4E79' }
          : undefined,
  columnWidths: [30, 14, 18],
  frozenRows: 2,
  autoFilter: true,
});
const issues: SheetSpec = {
  name: 'Lỗi dữ liệu',
  rows: [
    ['Trang tính', 'Dòng', 'Mã lỗi'],
    ['Học viên', 4, 'CCCD_NUMERIC_CELL'],
  ],
  textColumns: [2],
  tabColor: 'F4CCCC',
};

function sameValues(a: Cell[][], b: Cell[][]) {
  expect(b.length).toBe(a.length);
  a.forEach((row, r) => row.forEach((x, c) => (x instanceof Date ? expect((b[r][c] as Date).getTime()).toBe(x.getTime()) : expect(b[r][c]).toBe(x))));
}

describe('a LibreOffice workbook (shared strings, hidden sheet, docProps) as the base', () => {
  const base = libreoffice();
  const out = writeXlsx({ base, sheets: [summary('v1'), issues] });
  const before = unzipSync(base);
  const after = unzipSync(out);

  test('every base part is kept byte for byte, except the four we must edit', () => {
    for (const [name, bytes] of Object.entries(before)) {
      expect(after[name]).toBeDefined();
      if (!EDITABLE.includes(name)) expect([name, Buffer.from(after[name]).equals(Buffer.from(bytes))]).toEqual([name, true]);
    }
    // copied as they were: the compressed bytes too
    const zb = new ZipReader(base);
    const zo = new ZipReader(out);
    for (const e of zb.entries) {
      if (EDITABLE.includes(e.name)) continue;
      const o = zo.get(e.name)!;
      expect(Buffer.from(zo.raw(o)).equals(Buffer.from(zb.raw(e)))).toBe(true);
    }
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml'].sort());
  });

  test('base sheets read back identical; ours appended after them', () => {
    const b = readXlsx(base).sheets;
    const o = readXlsx(out).sheets;
    expect(o.map((s) => s.name)).toEqual(['Học viên', 'Ẩn', 'Cấu hình', 'Tổng hợp', 'Lỗi dữ liệu']);
    for (let i = 0; i < b.length; i++) {
      expect(o[i].name).toBe(b[i].name);
      expect(o[i].state).toBe(b[i].state);
      sameValues(b[i].values, o[i].values);
    }
    sameValues(summary('v1').rows, o[3].values);
    sameValues(issues.rows, o[4].values);
  });

  test('styles appended: base indices and formats untouched, fresh numFmt ids', () => {
    // the edited part is re-serialised from a DOM: an empty element may come back as <x/> instead of <x></x>
    const sb = strFromU8(before['xl/styles.xml']).replace(/<([\w:]+)([^<>]*?)><\/\1>/g, '<$1$2/>');
    const so = strFromU8(after['xl/styles.xml']);
    const section = (x: string, name: string) => x.slice(x.indexOf(`<${name}`), x.indexOf(`</${name}>`));
    const inner = (x: string, name: string) => section(x, name).replace(/^<[^>]*>/, '');
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs']) expect(inner(so, name).startsWith(inner(sb, name))).toBe(true);
    for (const name of ['cellStyleXfs', 'cellStyles', 'dxfs']) expect(section(so, name)).toBe(section(sb, name));
    const ids = [...section(so, 'numFmts').matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(ids).size).toBe(ids.length);
    const baseMax = Math.max(...[...section(sb, 'numFmts').matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1])));
    expect(ids.filter((i) => i > baseMax).length).toBeGreaterThan(0);
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs']) {
      const count = Number(new RegExp(`<${name} count="(\\d+)"`).exec(so)![1]);
      const child = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf' }[name]!;
      expect([name, count]).toEqual([name, [...inner(so, name).matchAll(new RegExp(`<${child}[ >/]`, 'g'))].length]);
    }
  });

  test('workbook.xml: original sheet elements kept, ours appended with fresh ids; rels and content types', () => {
    const wb = strFromU8(after['xl/workbook.xml']);
    const wbBase = strFromU8(before['xl/workbook.xml']);
    for (const m of wbBase.matchAll(/<sheet [^>]*\/>/g)) expect(wb).toContain(m[0]);
    expect(wb).toMatch(/<sheet name="Tổng hợp" sheetId="4" r:id="(rId\d+)"\/><sheet name="Lỗi dữ liệu" sheetId="5" r:id="(rId\d+)"\/><\/sheets>/);
    expect(wb).toContain(
      `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="3" hidden="1">'Tổng hợp'!$A$2:$C$5</definedName></definedNames><calcPr`,
    );
    const rels = strFromU8(after['xl/_rels/workbook.xml.rels']);
    const ids = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rels).toContain(`Type="${NS_R}/worksheet" Target="worksheets/sheet4.xml"`);
    const ct = strFromU8(after['[Content_Types].xml']);
    expect(ct).toContain(
      '<Override PartName="/xl/worksheets/sheet4.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(ct).toContain('PartName="/xl/worksheets/sheet5.xml"');
  });

  test('read-excel-file reads the combined workbook', async () => {
    const sheets = await readXlsxFile(Buffer.from(out), { trim: false });
    expect(sheets.map((s) => s.sheet)).toEqual(['Học viên', 'Ẩn', 'Cấu hình', 'Tổng hợp', 'Lỗi dữ liệu']);
    expect(sheets[3].data[2]).toEqual(['UBND xã Tân Phú', 120, 0.853]);
    expect(sheets[0].data[2][1]).toBe('Nguyễn Thị Hồng Nhung');
  });

  test('running again replaces our sheets in place (same tab, same part, no leftovers)', () => {
    const again = writeXlsx({ base: out, sheets: [summary('v2'), issues] });
    const o = readXlsx(again).sheets;
    expect(o.map((s) => s.name)).toEqual(['Học viên', 'Ẩn', 'Cấu hình', 'Tổng hợp', 'Lỗi dữ liệu']);
    expect(o[3].values[0][0]).toBe('BẢNG TỔNG HỢP v2');
    expect(Object.keys(unzipSync(again)).sort()).toEqual(Object.keys(after).sort());
    const wb = strFromU8(unzipSync(again)['xl/workbook.xml']);
    expect(wb.match(/_xlnm._FilterDatabase/g)).toHaveLength(1);
    expect(wb.match(/<sheet /g)).toHaveLength(5);
    // a new sheet in a third run goes after them
    const third = writeXlsx({ base: again, sheets: [{ name: 'Nhật ký gửi thư', rows: [['x']] }] });
    expect(readXlsx(third).sheets.map((s) => s.name)).toEqual(['Học viên', 'Ẩn', 'Cấu hình', 'Tổng hợp', 'Lỗi dữ liệu', 'Nhật ký gửi thư']);
  });

  test('replacing a base input sheet keeps its tab; a hidden replacement moves the active tab', () => {
    const r = writeXlsx({ base, sheets: [{ name: 'HỌC VIÊN', rows: [['mới']], hidden: true }] });
    const o = readXlsx(r).sheets;
    expect(o.map((s) => [s.name, s.state])).toEqual([
      ['HỌC VIÊN', 'hidden'],
      ['Ẩn', 'hidden'],
      ['Cấu hình', undefined],
    ]);
    const wb = strFromU8(unzipSync(r)['xl/workbook.xml']);
    expect(wb).toContain('activeTab="2"');
    expect(wb).toContain('firstSheet="2"');
  });
});

describe('other bases', () => {
  test('a write-excel-file workbook (shared strings, custom numFmt id < 164)', async () => {
    const base = new Uint8Array(
      await writeXlsxFile([
        ['Họ và tên', 'Ngày sinh'],
        ['Nguyễn Văn An', { value: new Date(Date.UTC(1990, 4, 17)), format: 'dd/mm/yyyy' }],
      ] as never).toBuffer(),
    );
    const out = writeXlsx({ base, sheets: [{ name: 'Tổng hợp', rows: [['Ngày', vn(2026, 11, 20)]] }] });
    const o = readXlsx(out).sheets;
    expect(o[0].values).toEqual([
      ['Họ và tên', 'Ngày sinh'],
      ['Nguyễn Văn An', vn(1990, 5, 17)],
    ]);
    expect(o[1].values).toEqual([['Ngày', vn(2026, 11, 20)]]);
    // its numFmt id 100 is kept and ours do not collide
    const styles = strFromU8(unzipSync(out)['xl/styles.xml']);
    expect(styles).toContain('<numFmt numFmtId="100" formatCode="dd/mm/yyyy"/>');
    expect(styles).toMatch(/<numFmt numFmtId="164" formatCode="dd\/mm\/yyyy"\/>/);
  });

  test('a base with calcChain and sheet-local names: replacing drops calcChain, keeps names valid', () => {
    const base = buildXlsx({
      sheets: [
        { name: 'Tổng hợp', xml: sheetXml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>') },
        { name: 'Dữ liệu', xml: sheetXml('<row r="1"><c r="A1"><v>5</v></c></row>') },
      ],
      styles: stylesXml([], [0]),
      extra: {
        'xl/calcChain.xml': '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>',
        'xl/worksheets/_rels/sheet1.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/comments" Target="../comments1.xml"/></Relationships>`,
        'xl/comments1.xml': '<comments/>',
      },
    });
    // add calcChain's relationship, content type and defined names to the hand-made package
    const files = unzipSync(base);
    const patch = (name: string, from: string, to: string) => (files[name] = Buffer.from(strFromU8(files[name]).replace(from, to)));
    patch('xl/_rels/workbook.xml.rels', '</Relationships>', `<Relationship Id="rId9" Type="${NS_R}/calcChain" Target="calcChain.xml"/></Relationships>`);
    patch(
      '[Content_Types].xml',
      '</Types>',
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    );
    patch(
      'xl/workbook.xml',
      '</sheets>',
      `</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Tổng hợp'!$A$1:$A$1</definedName><definedName name="_xlnm.Print_Area" localSheetId="1">'Dữ liệu'!$A$1:$B$2</definedName></definedNames>`,
    );
    const patched = zipSync(files);
    const out = writeXlsx({ base: patched, sheets: [{ name: 'Tổng hợp', rows: [['mới', 1]] }] });
    const f = unzipSync(out);
    expect(f['xl/calcChain.xml']).toBeUndefined();
    expect(f['xl/worksheets/_rels/sheet1.xml.rels']).toBeUndefined();
    expect(strFromU8(f['xl/_rels/workbook.xml.rels'])).not.toContain('calcChain');
    expect(strFromU8(f['[Content_Types].xml'])).not.toContain('calcChain');
    const wb = strFromU8(f['xl/workbook.xml']);
    expect(wb).not.toContain('_FilterDatabase');
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">'Dữ liệu'!$A$1:$B$2</definedName>`);
    expect(readXlsx(out).sheets.map((s) => [s.name, s.values])).toEqual([
      ['Tổng hợp', [['mới', 1]]],
      ['Dữ liệu', [[5]]],
    ]);
  });

  test('a chart sheet with the same name is replaced by a worksheet', () => {
    const base = buildXlsx({
      sheets: [
        { name: 'Dữ liệu', xml: sheetXml('<row r="1"><c r="A1"><v>5</v></c></row>') },
        { name: 'Tổng hợp', xml: '<chartsheet/>', kind: 'chartsheet' },
      ],
    });
    const out = writeXlsx({ base, sheets: [{ name: 'Tổng hợp', rows: [['ok']] }] });
    const r = readXlsx(out);
    expect(r.sheets.map((s) => [s.name, s.values])).toEqual([
      ['Dữ liệu', [[5]]],
      ['Tổng hợp', [['ok']]],
    ]);
    expect(r.warnings).toEqual([]);
    expect(unzipSync(out)['xl/chartsheets/sheet2.xml']).toBeUndefined();
  });

  test('a base without styles.xml gets one; a 1904 base gets 1904 serials', () => {
    const base = buildXlsx({ sheets: [{ name: 'A', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }], date1904: true });
    const out = writeXlsx({ base, sheets: [{ name: 'B', rows: [[vn(2025, 1, 2), 0.5]], styles: () => ({ numFmt: 'percent' }) }] });
    const f = unzipSync(out);
    expect(f['xl/styles.xml']).toBeDefined();
    expect(strFromU8(f['xl/_rels/workbook.xml.rels'])).toContain('/styles" Target="styles.xml"');
    expect(strFromU8(f['[Content_Types].xml'])).toContain('/xl/styles.xml');
    expect(strFromU8(f['xl/worksheets/sheet2.xml'])).toContain('<v>44197</v>');
    expect(readXlsx(out).sheets[1].values).toEqual([[vn(2025, 1, 2), 0.5]]);
  });
});

(HAS_SOFFICE ? describe : describe.skip)('LibreOffice opens our files (skipped when soffice is not installed)', () => {
  test('every sheet converts to CSV with the expected text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdhvs-lo-'));
    try {
      const file = join(dir, 'out.xlsx');
      writeFileSync(file, writeXlsx({ base: libreoffice(), sheets: [summary('v1'), issues] }));
      expect(sofficeToCsv(dir, [file], 120_000)).toBe(0);
      const csv = (sheet: string) =>
        readFileSync(
          join(
            dir,
            readdirSync(dir).find((n) => n.endsWith(`-${sheet}.csv`))!,
          ),
          'utf8',
        );
      expect(csv('Tổng hợp')).toContain('UBND xã Tân Phú,120,');
      expect(csv('Lỗi dữ liệu')).toContain('Học viên,4,CCCD_NUMERIC_CELL');
      expect(csv('Học viên')).toContain('Nguyễn Thị Hồng Nhung,038123456789');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
