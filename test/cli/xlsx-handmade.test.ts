/**
 * The reader against hand-written packages (test/fixtures/xlsx/handmade.ts): what Excel, Google
 * Sheets, LibreOffice, SheetJS and streaming writers put in files, one feature at a time.
 */
import { readXlsx } from '../../src/cli/xlsx/read';
import { buildXlsx, sheetXml, sstXml, stylesXml, NS } from '../fixtures/xlsx/handmade';

const H = 3_600_000;
const vn = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - 7 * H);
const NFD = 'Lê Thị Yến'.normalize('NFD');

const c = (r: string, inner: string, attrs = '') => `<c r="${r}"${attrs}>${inner}</c>`;
const v = (x: string | number) => `<v>${x}</v>`;

describe('shared strings', () => {
  const sst = sstXml([
    '<si><t>Họ và tên</t></si>',
    // rich text: runs concatenated, run properties ignored, phonetic runs skipped
    '<si><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Arial"/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn </t></r><r><rPr><i/></rPr><t>An</t></r><rPh sb="0" eb="1"><t>グエン</t></rPh><phoneticPr fontId="1"/></si>',
    // entities, numeric references, _xHHHH_ escapes, a literal _x005F_ escape
    '<si><t>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#272;&#x1EA1;i &#x1F600;</t></si>',
    '<si><t>Dòng 1_x000D_\nDòng 2_x0009_tab _x005F_x0041_</t></si>',
    `<si><t>${NFD}</t></si>`,
    '<si><t/></si>',
    '<si/>',
    '<si><t xml:space="preserve">  giữ khoảng trắng  </t></si>',
    '<si><t>  cũng giữ khoảng trắng  </t></si>',
    '<si><t><![CDATA[<không> & phải thực thể]]></t></si>',
  ]);
  const rows =
    `<row r="1">${c('A1', v(0), ' t="s"')}${c('B1', v(1), ' t="s"')}${c('C1', v(2), ' t="s"')}${c('D1', v(3), ' t="s"')}</row>` +
    `<row r="2">${c('A2', v(4), ' t="s"')}${c('B2', v(5), ' t="s"')}${c('C2', v(6), ' t="s"')}${c('D2', v(7), ' t="s"')}${c('E2', v(8), ' t="s"')}${c('F2', v(9), ' t="s"')}</row>` +
    `<row r="3">${c('A3', v(99), ' t="s"')}</row>`;
  const bytes = buildXlsx({ sheets: [{ name: 'Dữ liệu', xml: sheetXml(rows) }], sharedStrings: sst });

  test('decoded once, exactly', () => {
    const { sheets, warnings, unreadable } = readXlsx(bytes);
    expect(sheets[0].values).toEqual([
      ['Họ và tên', 'Nguyễn Văn An', 'A & B <c> "d" \'e\' Đại 😀', 'Dòng 1\r\nDòng 2\ttab _x0041_', '', ''],
      [NFD, '', '', '  giữ khoảng trắng  ', '  cũng giữ khoảng trắng  ', '<không> & phải thực thể'],
    ]);
    expect(Buffer.from(sheets[0].values[1][0] as string).equals(Buffer.from(NFD))).toBe(true);
    expect(warnings).toEqual(['trang “Dữ liệu”: 1 ô trỏ tới chuỗi dùng chung không tồn tại (để trống)']);
    // the cell that could not be read, named for the command line's refusal
    expect(unreadable).toEqual([{ sheet: 'Dữ liệu', cell: 'A3', count: 1 }]);
  });
});

describe('cell types', () => {
  const rows =
    `<row r="1">` +
    c('A1', '<is><t>inline</t></is>', ' t="inlineStr"') +
    c('B1', '<is><r><t>rich </t></r><r><rPr><b/></rPr><t>inline</t></r></is>', ' t="inlineStr"') +
    c('C1', '<f>A1&amp;"!"</f><v>inline!</v>', ' t="str"') +
    c('D1', '<f>1/0</f><v>#DIV/0!</v>', ' t="e"') +
    c('E1', v('#N/A'), ' t="e"') +
    c('F1', v(1), ' t="b"') +
    c('G1', v(0), ' t="b"') +
    c('H1', v('2026-11-20T14:35:10'), ' t="d"') +
    c('I1', v('2026-11-20T07:35:10Z'), ' t="d"') +
    c('J1', '<f>SUM(A2:A3)</f>') + // a formula without a cached value
    `</row>` +
    `<row r="2">` +
    c('A2', v('3.8123E+10')) +
    c('B2', v('61002735721')) +
    c('C2', v('038123456789'), ' t="n"') +
    c('D2', v('-1.5e-3')) +
    c('E2', v('0.1')) +
    c('F2', v('123456789012345678')) +
    c('G2', v(' 42 ')) +
    c('H2', '<v></v>') +
    c('I2', v('1.7976931348623157E+308')) +
    c('J2', v('12.50')) +
    `</row>`;
  test('inline strings, formula strings, errors, booleans, ISO dates, numbers', () => {
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'A', xml: sheetXml(rows) }] }));
    expect(sheets[0].values).toEqual([
      ['inline', 'rich inline', 'inline!', '#DIV/0!', '#N/A', true, false, vn(2026, 11, 20, 14, 35, 10), vn(2026, 11, 20, 14, 35, 10), ''],
      [38123000000, 61002735721, 38123456789, -0.0015, 0.1, 123456789012345680, 42, '', 1.7976931348623157e308, 12.5],
    ]);
  });
});

describe('dates by number format', () => {
  // numFmt ids below 164 defined in styles.xml, as SheetJS writes them, and a few non-dates
  const styles = stylesXml(
    [
      [100, 'dd/mm/yyyy'],
      [101, '[$-42A]dd/mm/yyyy h:mm;@'],
      [164, '#,##0 "ngày"'],
      [165, '0.00E+00'],
      [166, '[Red]0.0%'],
      [167, 'h:mm:ss'],
      [14, '0.00'], // a file may redefine a built-in id: the definition wins
    ],
    [0, 100, 101, 164, 165, 166, 167, 14, 22, 45, 49, 3],
  );
  const cells = [46346, 46346.6077546296, 46346.6077546296, 15, 38123000000, 0.853, 0.6077546296, 46346, 46346.5, 0.0215277777777778, 46346, 1234];
  const rows = `<row r="1">${cells.map((x, i) => c(`${String.fromCharCode(65 + i)}1`, v(x), ` s="${i}"`)).join('')}</row>`;

  test('built-in and custom date formats become Dates; others stay numbers', () => {
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'A', xml: sheetXml(rows) }], styles }));
    expect(sheets[0].values[0]).toEqual([
      46346,
      vn(2026, 11, 20, 14, 35, 10),
      vn(2026, 11, 20, 14, 35, 10),
      15,
      38123000000,
      0.853,
      vn(1899, 12, 30, 14, 35, 10),
      46346,
      vn(2026, 11, 20, 12),
      vn(1899, 12, 30, 0, 31),
      46346,
      1234,
    ]);
  });

  test('the 1904 date system', () => {
    const st = stylesXml([], [0, 14]);
    const xml = sheetXml(`<row r="1">${c('A1', v(44197), ' s="1"')}${c('B1', v(0), ' s="1"')}</row>`);
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'A', xml }], styles: st, date1904: true }));
    expect(sheets[0].values[0]).toEqual([vn(2025, 1, 2), vn(1904, 1, 1)]);
  });
});

describe('addressing', () => {
  test('sparse rows and cells, cells without r, out-of-order cells, trailing empties dropped', () => {
    const rows =
      `<row r="2"><c r="C2"><v>1</v></c></row>` +
      `<row r="4" spans="1:5"><c><v>10</v></c><c><v>11</v></c><c r="E4"><v>12</v></c><c><v>13</v></c></row>` +
      `<row><c r="B5"><v>20</v></c></row>` + // row without r: the next row
      `<row r="7"><c r="B7" s="0"/><c r="C7" t="s"/><c r="D7"><v></v></c></row>` + // styled/empty only
      `<row r="3"><c r="A3"><v>5</v></c></row>` + // out of order
      `<row r="1000"><c r="Z1000" s="1"/></row>`;
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'A', xml: sheetXml(rows) }] }));
    expect(sheets[0].values).toEqual([
      ['', '', '', '', '', ''],
      ['', '', 1, '', '', ''],
      [5, '', '', '', '', ''],
      [10, 11, '', '', 12, 13],
      ['', 20, '', '', '', ''],
    ]);
  });

  test('an empty sheet and a sheet without sheetData', () => {
    const { sheets } = readXlsx(
      buildXlsx({
        sheets: [
          { name: 'Trống', xml: sheetXml('') },
          { name: 'Không có', xml: `<worksheet xmlns="${NS}"><sheetData/></worksheet>` },
        ],
      }),
    );
    expect(sheets).toEqual([
      { name: 'Trống', values: [] },
      { name: 'Không có', values: [] },
    ]);
  });

  test('elements with a namespace prefix (x:)', () => {
    const rows = `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Bình</x:t></x:is></x:c><x:c r="C1"><x:v>7</x:v></x:c></x:row>`;
    const sst = `<x:sst xmlns:x="${NS}"><x:si><x:t>Đà Nẵng</x:t></x:si></x:sst>`;
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'P', xml: sheetXml(rows, { prefix: 'x:' }) }], sharedStrings: sst, prefix: 'x:' }));
    expect(sheets[0].values).toEqual([['Đà Nẵng', 'Bình', 7]]);
  });
});

describe('workbook structure', () => {
  const one = (x: string) => sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${x}</t></is></c></row>`);

  test('tab order from workbook.xml, absolute targets, a non-standard workbook path, hidden sheets read, chart and dialog sheets skipped', () => {
    const bytes = buildXlsx({
      workbookPath: 'custom/book.xml',
      sheets: [
        { name: 'Thứ nhất', xml: one('1'), path: 'xl/worksheets/sheet9.xml', target: '/xl/worksheets/sheet9.xml' },
        { name: 'Biểu đồ', xml: '<chartsheet/>', kind: 'chartsheet' },
        { name: 'Ẩn', xml: one('2'), state: 'hidden', path: 'xl/worksheets/sheet1.xml', target: '../xl/./worksheets/sheet1.xml' },
        { name: 'Rất ẩn', xml: one('3'), state: 'veryHidden', path: 'xl/worksheets/a%20b.xml', target: '/xl/worksheets/a%2520b.xml' },
        { name: 'Hộp thoại', xml: '<dialogsheet/>', kind: 'dialogsheet' },
      ],
    });
    const { sheets, warnings } = readXlsx(bytes);
    expect(sheets).toEqual([
      { name: 'Thứ nhất', values: [['1']] },
      { name: 'Ẩn', values: [['2']], state: 'hidden' },
      { name: 'Rất ẩn', values: [['3']], state: 'veryHidden' },
    ]);
    expect(warnings).toEqual(['bỏ qua trang biểu đồ “Biểu đồ”', 'bỏ qua trang hộp thoại “Hộp thoại”']);
  });

  test('stored (uncompressed) entries', () => {
    const { sheets } = readXlsx(buildXlsx({ sheets: [{ name: 'A', xml: one('x') }], level: 0 }));
    expect(sheets[0].values).toEqual([['x']]);
  });
});
