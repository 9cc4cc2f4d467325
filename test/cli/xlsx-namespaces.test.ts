/**
 * Output workbooks every program opens, whatever namespace spelling the base uses (issue 10 §5).
 *
 * Bases: hand-made packages imitating openpyxl 3.0/3.1 (xmlns:r declared on each <sheet>, not on
 * the root), another relationships prefix, prefixed SpreadsheetML (x:), strict ISO 29500
 * namespaces, a self-closing <sheets/>, comments and CDATA in the small parts, an .xlsm with a
 * VBA project and an Excel 4 macro sheet, our own output as the next base, a base whose
 * “Tổng hợp” is replaced in place, and one REAL openpyxl workbook written by python3-openpyxl.
 *
 * Every output is checked by parsers that are not our code: xmldom configured to throw on
 * warnings too (plus a walk that every prefixed name is bound), the relationship ids and
 * content types; openpyxl loads each output (skipped, with a note, when /usr/bin/python3 has no
 * openpyxl); LibreOffice converts the openpyxl- and .xlsm-based outputs (skipped without soffice).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx, XlsxError, type SheetSpec } from '../../src/cli/xlsx/write';
import { ZipReader } from '../../src/cli/xlsx/zip';
import { checkPackage, CT, CT_WORKBOOK, HAS_SOFFICE, NS, NS_CT, NS_PR, NS_R, NS_S, NS_SR, sofficeToCsv } from '../helpers/ooxml';

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PYTHON = '/usr/bin/python3'; // Debian's python3 with python3-openpyxl (not the pyenv one on PATH)

// ---------------------------------------------------------------- hand-made bases

const cellSheet = (text: string, ns = NS, p = '') =>
  `${DECL}<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="${ns}"><${p}sheetData><${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>${text}</${p}t></${p}is></${p}c></${p}row></${p}sheetData></${p}worksheet>`;
const stylesPart = (ns = NS, p = '') => {
  const d = p ? `xmlns:${p.slice(0, -1)}="${ns}"` : `xmlns="${ns}"`;
  const e = (x: string) => x.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`);
  return `${DECL}<${p}styleSheet ${d}>${e('<fonts count="1"><font><sz val="11"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>')}</${p}styleSheet>`;
};
const rels = (items: string, ns = NS_R) =>
  `${DECL}<Relationships xmlns="${NS_PR}">${items}<Relationship Id="rId90" Type="${ns}/styles" Target="styles.xml"/></Relationships>`;
const types = (extra = '', main = CT_WORKBOOK) =>
  `${DECL}<Types xmlns="${NS_CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="${main}"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.worksheet+xml"/>${extra}</Types>`;
const twoSheetRels = (ns = NS_R) =>
  rels(
    `<Relationship Id="rId1" Type="${ns}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/worksheet" Target="/xl/worksheets/sheet2.xml"/>`,
    ns,
  );

/** Zips parts; an `undefined` part is left out. */
function zip(parts: Record<string, string | Uint8Array | undefined>): Uint8Array {
  const z: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) if (v !== undefined) z[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(z, { level: 6 });
}

function handBook(workbook: string, over: Record<string, string | Uint8Array | undefined> = {}, ns = NS, nsR = NS_R): Uint8Array {
  return zip({
    '[Content_Types].xml': types(),
    '_rels/.rels': `${DECL}<Relationships xmlns="${NS_PR}"><Relationship Id="rId1" Type="${nsR}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': workbook,
    'xl/_rels/workbook.xml.rels': twoSheetRels(nsR),
    'xl/styles.xml': stylesPart(ns),
    'xl/worksheets/sheet1.xml': cellSheet('Nguyễn Văn An', ns),
    'xl/worksheets/sheet2.xml': cellSheet('Trần Thị Bình', ns),
    ...over,
  });
}

const bases: Record<string, () => Uint8Array> = {
  // openpyxl 3.0/3.1: xmlns:r on each <sheet>, none on the root, an empty <definedNames/>
  'openpyxl-style': () =>
    handBook(
      `<workbook xmlns="${NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        `<sheet xmlns:r="${NS_R}" name="Học viên" sheetId="1" state="visible" r:id="rId1"/><sheet xmlns:r="${NS_R}" name="Cấu hình" sheetId="2" state="visible" r:id="rId2"/>` +
        `</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
    ),
  // the relationships namespace under another prefix, declared on the root; `r` bound to something else
  'rel-prefix': () =>
    handBook(
      `${DECL}<workbook xmlns="${NS}" xmlns:rel="${NS_R}" xmlns:r="urn:not-relationships"><sheets>` +
        `<sheet name="Học viên" sheetId="1" rel:id="rId1"/><sheet name="Cấu hình" sheetId="2" rel:id="rId2"/></sheets></workbook>`,
    ),
  // prefixed SpreadsheetML in every part we edit (no default namespace at all)
  'x-prefix': () =>
    handBook(
      `${DECL}<x:workbook xmlns:x="${NS}" xmlns:r="${NS_R}"><x:bookViews><x:workbookView/></x:bookViews><x:sheets>` +
        `<x:sheet name="Học viên" sheetId="1" r:id="rId1"/><x:sheet name="Cấu hình" sheetId="2" r:id="rId2"/></x:sheets><x:calcPr calcId="1"/></x:workbook>`,
      { 'xl/styles.xml': stylesPart(NS, 'x:'), 'xl/worksheets/sheet1.xml': cellSheet('Nguyễn Văn An', NS, 'x:') },
    ),
  // strict ISO 29500 namespaces
  strict: () =>
    handBook(
      `${DECL}<workbook xmlns="${NS_S}" xmlns:r="${NS_SR}" conformance="strict"><sheets><sheet name="Học viên" sheetId="1" r:id="rId1"/><sheet name="Cấu hình" sheetId="2" r:id="rId2"/></sheets></workbook>`,
      {},
      NS_S,
      NS_SR,
    ),
  // a self-closing <sheets/> (a workbook with no sheet at all), no rels entries for sheets
  'empty-sheets': () =>
    handBook(`${DECL}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><workbookPr/><sheets/></workbook>`, {
      'xl/_rels/workbook.xml.rels': rels(''),
      '[Content_Types].xml': types().replace(/<Override PartName="\/xl\/worksheets[^>]*\/>/g, ''),
      'xl/worksheets/sheet1.xml': undefined,
      'xl/worksheets/sheet2.xml': undefined,
    }),
  // comments and CDATA in every small part, a defined name with CDATA, comment-like text inside an attribute
  'comments-cdata': () =>
    handBook(
      `${DECL}<!-- saved by a tool --><workbook xmlns="${NS}" xmlns:r="${NS_R}"><!-- <sheets></sheets> --><sheets>` +
        `<sheet name="Học viên &lt;!-- x --&gt;" sheetId="1" r:id="rId1"/><!-- <sheet name="ma" r:id="rId9"/> --><sheet name="Cấu hình" sheetId="2" r:id="rId2"/></sheets>` +
        `<definedNames><definedName name="Vung"><![CDATA['Cấu hình'!$A$1:$A$2]]></definedName></definedNames></workbook>`,
      {
        'xl/_rels/workbook.xml.rels': twoSheetRels().replace('<Relationship ', '<!-- </Relationships> --><Relationship '),
        '[Content_Types].xml': types('<!-- <Override PartName="/x"/> -->'),
        'xl/styles.xml': stylesPart().replace('<fonts', '<!-- <fonts count="9"> --><fonts'),
      },
    ),
  // .xlsm: a VBA project with a signature, and an Excel 4 macro sheet between two worksheets
  xlsm: () =>
    handBook(
      `${DECL}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><workbookPr codeName="ThisWorkbook"/><bookViews><workbookView activeTab="2" firstSheet="2"/></bookViews><sheets>` +
        `<sheet name="Học viên" sheetId="1" r:id="rId1"/><sheet name="Macro1" sheetId="3" r:id="rId3"/><sheet name="Cấu hình" sheetId="2" r:id="rId2"/></sheets>` +
        `<definedNames><definedName name="Auto_Open">Macro1!$A$1</definedName><definedName name="_xlnm.Print_Area" localSheetId="2">'Cấu hình'!$A$1:$B$2</definedName></definedNames></workbook>`,
      {
        '[Content_Types].xml': types(
          `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/>` +
            `<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>`,
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        ),
        'xl/_rels/workbook.xml.rels': rels(
          `<Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_R}/worksheet" Target="worksheets/sheet2.xml"/>` +
            `<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/>` +
            `<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`,
        ),
        'xl/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]),
        'xl/_rels/vbaProject.bin.rels': `${DECL}<Relationships xmlns="${NS_PR}"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/></Relationships>`,
        'xl/vbaProjectSignature.bin': new Uint8Array([9, 9, 9]),
        'xl/macrosheets/sheet1.xml': `${DECL}<xm:macrosheet xmlns="${NS}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>`,
      },
    ),
  // a previous run's “Tổng hợp” (with an autofilter name and a drawing) in the middle, replaced in place
  'replace-in-place': () =>
    handBook(
      `${DECL}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets><sheet name="Học viên" sheetId="1" r:id="rId1"/><sheet name="TỔNG HỢP" sheetId="7" r:id="rId2"/><sheet name="Cấu hình" sheetId="3" r:id="rId3"/></sheets>` +
        `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'TỔNG HỢP'!$A$1:$B$9</definedName></definedNames></workbook>`,
      {
        'xl/_rels/workbook.xml.rels': rels(
          `<Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_R}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${NS_R}/worksheet" Target="worksheets/sheet3.xml"/>`,
        ),
        '[Content_Types].xml': types(
          `<Override PartName="/xl/worksheets/sheet3.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT.replace('spreadsheetml', 'drawing')}+xml"/>`,
        ),
        'xl/worksheets/sheet2.xml': cellSheet('cũ'),
        'xl/worksheets/_rels/sheet2.xml.rels': `${DECL}<Relationships xmlns="${NS_PR}"><Relationship Id="rId1" Type="${NS_R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
        'xl/drawings/drawing1.xml': `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>`,
        'xl/worksheets/sheet3.xml': cellSheet('Trần Thị Bình'),
      },
    ),
};
// ---------------------------------------------------------------- our sheets

const summary = (tag: string): SheetSpec => ({
  name: 'Tổng hợp',
  rows: [
    [`BẢNG TỔNG HỢP ${tag}`, '', ''],
    ['Đơn vị', 'Số học viên', 'Tỷ lệ'],
    ['UBND xã Tân Phú', 120, 0.853],
  ],
  styles: (r, c) =>
    r === 1
      ? { bold: true, fill: 'CFE2F3', border: true, wrap: true, align: 'center' }
      : r === 2 && c === 2
        ? { numFmt: 'percent1' }
        : r === 0
          ? { bold: true, fontColor: '1F4E79' }
          : undefined,
  columnWidths: [30, 14, 10],
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
  validations: [{ column: 0, firstRow: 1, lastRow: 5, values: Array.from({ length: 40 }, (_, i) => `Đơn vị số ${i + 1}, xã Tân Phú`) }],
};
const ours = (tag = 'v1') => [summary(tag), issues];

// ---------------------------------------------------------------- an independent strict check

// ---------------------------------------------------------------- the outputs

const outputs: Record<string, Uint8Array> = {};
for (const [name, base] of Object.entries(bases)) outputs[name] = writeXlsx({ base: base(), sheets: ours() });
outputs.rerun = writeXlsx({ base: outputs['openpyxl-style'], sheets: ours('v2') });

const openpyxlModule = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
if (!openpyxlModule) console.warn(`xlsx-namespaces: openpyxl tests SKIPPED — ${PYTHON} cannot import openpyxl (apt-get install python3-openpyxl)`);
let realOpenpyxl: Uint8Array | null = null;
if (openpyxlModule) {
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-openpyxl-'));
  try {
    const file = join(dir, 'base.xlsx');
    const script = [
      'import sys, openpyxl',
      'wb = openpyxl.Workbook()',
      'ws = wb.active',
      "ws.title = 'Học viên'",
      "ws.append(['Họ và tên', 'Số CCCD', 'Xã'])",
      "ws.append(['Nguyễn Thị Hồng Nhung', '038123456789', 'Tân Phú'])",
      "ws['B2'].number_format = '@'",
      "wb.create_sheet('Cấu hình').append(['Năm', 2026])",
      'wb.save(sys.argv[1])',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    realOpenpyxl = new Uint8Array(readFileSync(file));
    outputs.openpyxl = writeXlsx({ base: realOpenpyxl, sheets: ours() });
    outputs['openpyxl-rerun'] = writeXlsx({ base: outputs.openpyxl, sheets: ours('v2') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseSheetsOf: Record<string, string[]> = {
  'openpyxl-style': ['Học viên', 'Cấu hình'],
  'rel-prefix': ['Học viên', 'Cấu hình'],
  'x-prefix': ['Học viên', 'Cấu hình'],
  strict: ['Học viên', 'Cấu hình'],
  'empty-sheets': [],
  'comments-cdata': ['Học viên <!-- x -->', 'Cấu hình'],
  xlsm: ['Học viên', 'Cấu hình'],
  rerun: ['Học viên', 'Cấu hình'],
  openpyxl: ['Học viên', 'Cấu hình'],
  'openpyxl-rerun': ['Học viên', 'Cấu hình'],
};

describe('every output is well-formed, namespace-correct and complete (strict xmldom, not our parser)', () => {
  test.each(Object.keys(outputs))('%s', (name) => {
    const { sheets } = checkPackage(outputs[name]);
    const expected =
      name === 'replace-in-place'
        ? ['Học viên', 'Tổng hợp', 'Cấu hình', 'Lỗi dữ liệu', '_DanhMuc']
        : [...baseSheetsOf[name], 'Tổng hợp', 'Lỗi dữ liệu', '_DanhMuc'];
    expect(sheets).toEqual(expected);
    // and our own reader agrees
    const read = readXlsx(outputs[name]).sheets;
    expect(read.map((s) => s.name)).toEqual(expected);
    expect(read.find((s) => s.name === 'Tổng hợp')!.values[0][0]).toBe(name.endsWith('rerun') ? 'BẢNG TỔNG HỢP v2' : 'BẢNG TỔNG HỢP v1');
    if (expected[0] === 'Học viên') expect(read[0].values[0][0]).toBe(name.startsWith('openpyxl') && name !== 'openpyxl-style' ? 'Họ và tên' : 'Nguyễn Văn An');
  });
});

describe('what the namespaces look like', () => {
  const wb = (name: string) => strFromU8(unzipSync(outputs[name])['xl/workbook.xml']);
  test('openpyxl style: our <sheet> elements declare xmlns:r themselves (the root has none)', () => {
    expect(wb('openpyxl-style')).toMatch(new RegExp(`<sheet name="Tổng hợp" sheetId="3" xmlns:r="${NS_R}" r:id="rId\\d+"/>`));
  });
  test('another prefix: the in-scope `rel` prefix is used, never the `r` bound elsewhere', () => {
    expect(wb('rel-prefix')).toMatch(/<sheet name="Tổng hợp" sheetId="3" rel:id="rId\d+"\/>/);
    expect(wb('rel-prefix')).toContain('xmlns:r="urn:not-relationships"');
  });
  test('x: prefixed SpreadsheetML: new sheets, defined names and styles carry the x: prefix', () => {
    expect(wb('x-prefix')).toMatch(/<x:sheet name="Tổng hợp" sheetId="3" r:id="rId\d+"\/>/);
    expect(wb('x-prefix')).toContain(
      `<x:definedNames><x:definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">'Tổng hợp'!$A$2:$C$3</x:definedName></x:definedNames><x:calcPr`,
    );
    const styles = strFromU8(unzipSync(outputs['x-prefix'])['xl/styles.xml']);
    expect(styles).toMatch(/<x:cellXfs count="\d+"><x:xf [^>]*\/><x:xf /);
    expect(styles).not.toMatch(/<(?!\/?x:|\?xml)/); // no unprefixed element slipped in
  });
  test('strict: our relationships and sheets use the strict namespaces', () => {
    const f = unzipSync(outputs.strict);
    expect(strFromU8(f['xl/_rels/workbook.xml.rels'])).toContain(`Type="${NS_SR}/worksheet"`);
    expect(strFromU8(f['xl/worksheets/sheet3.xml'])).toContain(`<worksheet xmlns="${NS_S}" xmlns:r="${NS_SR}">`);
  });
  test('comments and CDATA survive where they were; the commented-out <sheet> is not read', () => {
    const x = wb('comments-cdata');
    expect(x).toContain('<!-- saved by a tool -->');
    expect(x).toContain('<!-- <sheet name="ma" r:id="rId9"/> -->');
    expect(x).toContain(`<![CDATA['Cấu hình'!$A$1:$A$2]]>`);
  });
});

describe('parts we need not change are copied as they are', () => {
  test('no sheet added: workbook, rels, content types and styles are the raw base entries', () => {
    const base = bases['openpyxl-style']();
    const out = writeXlsx({ base, sheets: [] });
    const zb = new ZipReader(base);
    const zo = new ZipReader(out);
    for (const e of zb.entries) expect([e.name, Buffer.from(zo.raw(zo.get(e.name)!)).equals(Buffer.from(zb.raw(e)))]).toEqual([e.name, true]);
  });
  test('a replaced sheet with no new styles: styles.xml is copied raw, the others re-serialised', () => {
    const base = bases['replace-in-place']();
    const out = writeXlsx({ base, sheets: [{ name: 'Tổng hợp', rows: [['mới']] }] });
    const zb = new ZipReader(base);
    const zo = new ZipReader(out);
    expect(Buffer.from(zo.raw(zo.get('xl/styles.xml')!)).equals(Buffer.from(zb.raw(zb.get('xl/styles.xml')!)))).toBe(true);
    expect(Buffer.from(zo.raw(zo.get('xl/worksheets/sheet3.xml')!)).equals(Buffer.from(zb.raw(zb.get('xl/worksheets/sheet3.xml')!)))).toBe(true);
  });
});

describe('replacing in place', () => {
  test('same tab, same part, same sheetId; the old autofilter name and drawing link go', () => {
    const f = unzipSync(outputs['replace-in-place']);
    const wb = strFromU8(f['xl/workbook.xml']);
    expect(wb).toContain('<sheet name="Tổng hợp" sheetId="7" r:id="rId2"/>');
    expect(wb.match(/_xlnm._FilterDatabase/g)).toHaveLength(1);
    expect(wb).toContain(`localSheetId="1" hidden="1">'Tổng hợp'!$A$2:$C$3<`);
    expect(f['xl/worksheets/_rels/sheet2.xml.rels']).toBeUndefined();
    expect(readXlsx(outputs['replace-in-place']).sheets[1].values[0][0]).toBe('BẢNG TỔNG HỢP v1');
  });
});

describe('an .xlsm input gives an .xlsx output without its macros', () => {
  const f = unzipSync(outputs.xlsm);
  test('vbaProject, its signature and the macro sheet are gone with their relationships and content types', () => {
    for (const p of ['xl/vbaProject.bin', 'xl/_rels/vbaProject.bin.rels', 'xl/vbaProjectSignature.bin', 'xl/macrosheets/sheet1.xml'])
      expect([p, f[p]]).toEqual([p, undefined]);
    const rels = strFromU8(f['xl/_rels/workbook.xml.rels']);
    expect(rels).not.toMatch(/vbaProject|xlMacrosheet/);
    const ct = strFromU8(f['[Content_Types].xml']);
    expect(ct).not.toMatch(/vbaProject|macrosheet|macroEnabled/);
    expect(ct).toContain(`<Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/>`);
  });
  test('positions after the dropped macro sheet shift: local names, active tab, first sheet; names on it go', () => {
    const wb = strFromU8(f['xl/workbook.xml']);
    expect(wb).not.toContain('Macro1');
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">'Cấu hình'!$A$1:$B$2</definedName>`);
    expect(wb).toContain('activeTab="1"');
    expect(wb).toContain('firstSheet="1"');
    expect(wb).toContain('codeName="ThisWorkbook"'); // allowed in an .xlsx
  });
});

describe('small parts the reader refuses quickly', () => {
  test('workbook.xml holding "<a" × 200,000: CORRUPT naming the part, within a second', () => {
    const bad = handBook(`${DECL}<workbook xmlns="${NS}">${'<a'.repeat(200_000)}`);
    const t0 = Date.now();
    let err: unknown;
    try {
      readXlsx(bad);
    } catch (e) {
      err = e;
    }
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as XlsxError).code).toBe('CORRUPT');
    expect((err as XlsxError).detail).toContain('xl/workbook.xml');
    expect(() => writeXlsx({ base: bad, sheets: ours() })).toThrow(XlsxError);
  });
  test('an unbound prefix or a broken rels part is CORRUPT with the part named', () => {
    const unbound = handBook(`${DECL}<workbook xmlns="${NS}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    expect(() => readXlsx(unbound)).toThrow(expect.objectContaining({ code: 'CORRUPT', detail: expect.stringContaining('xl/workbook.xml') }));
    const brokenRels = handBook(`${DECL}<workbook xmlns="${NS}"><sheets/></workbook>`, {
      'xl/_rels/workbook.xml.rels': '<Relationships xmlns="x"><Relationship',
    });
    expect(() => readXlsx(brokenRels)).toThrow(expect.objectContaining({ code: 'CORRUPT', detail: expect.stringContaining('xl/_rels/workbook.xml.rels') }));
  });
});

// ---------------------------------------------------------------- independent readers

(openpyxlModule ? describe : describe.skip)('openpyxl loads every output (skipped without python3-openpyxl)', () => {
  test('load_workbook reads the sheet names and our sheet’s A1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdhvs-openpyxl-'));
    try {
      // left out: strict ISO 29500 packages, which openpyxl does not read at all, and comments
      // inside <sheets>, which openpyxl takes for sheets — both fail on the BASE already (checked below)
      const notOpenpyxl = ['strict', 'comments-cdata'];
      const names = Object.keys(outputs).filter((n) => !notOpenpyxl.includes(n));
      for (const n of notOpenpyxl) writeFileSync(join(dir, `base-${n}.xlsx`), bases[n]());
      for (const n of names) writeFileSync(join(dir, `${n}.xlsx`), outputs[n]);
      const script = [
        'import sys, json, traceback, warnings, openpyxl',
        "warnings.simplefilter('ignore')", // e.g. “no default style” for hand-made styles without cellStyles
        'out = {}',
        'for path in sys.argv[1:]:',
        "    name = path.rsplit('/', 1)[1][:-5]",
        '    try:',
        '        wb = openpyxl.load_workbook(path)',
        "        out[name] = [wb.sheetnames, wb['Tổng hợp']['A1'].value, wb[wb.sheetnames[0]]['A1'].value]",
        '    except Exception:',
        '        out[name] = traceback.format_exc()',
        'print(json.dumps(out, ensure_ascii=False))',
      ].join('\n');
      const r = spawnSync(PYTHON, ['-c', script, ...[...names, ...notOpenpyxl.map((n) => `base-${n}`)].map((n) => join(dir, `${n}.xlsx`))], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      const got = JSON.parse(r.stdout) as Record<string, [string[], string, string] | string>;
      for (const n of names) {
        expect([n, typeof got[n] === 'string' ? got[n] : 'loaded']).toEqual([n, 'loaded']);
        expect([n, got[n][1]]).toEqual([n, n.endsWith('rerun') ? 'BẢNG TỔNG HỢP v2' : 'BẢNG TỔNG HỢP v1']);
        expect([n, got[n][0]]).toEqual([n, readXlsx(outputs[n]).sheets.map((s) => s.name)]);
      }
      expect((got.openpyxl as string[])[2]).toBe('Họ và tên');
      for (const n of notOpenpyxl) expect([n, got[`base-${n}`]]).toEqual([n, expect.stringContaining('Traceback')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('the real openpyxl base keeps its CCCD as text; our reader reads it back', () => {
    const read = readXlsx(outputs.openpyxl).sheets;
    expect(read[0].values[1]).toEqual(['Nguyễn Thị Hồng Nhung', '038123456789', 'Tân Phú']);
    expect(read[1].values).toEqual([['Năm', 2026]]);
  });
});

(HAS_SOFFICE ? describe : describe.skip)('LibreOffice opens the openpyxl- and .xlsm-based outputs (skipped without soffice)', () => {
  test('every sheet converts to CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdhvs-lo-ns-'));
    try {
      const names = ['openpyxl-style', 'xlsm', 'x-prefix', ...(outputs.openpyxl ? ['openpyxl'] : [])];
      for (const n of names) writeFileSync(join(dir, `${n}.xlsx`), outputs[n]);
      expect(
        sofficeToCsv(
          dir,
          names.map((n) => join(dir, `${n}.xlsx`)),
        ),
      ).toBe(0);
      const files = readdirSync(dir);
      const csv = (file: string, sheet: string) => {
        const f = files.find((x) => x === `${file}-${sheet}.csv`);
        expect([file, sheet, f !== undefined]).toEqual([file, sheet, true]);
        return readFileSync(join(dir, f!), 'utf8');
      };
      for (const n of names) {
        expect(csv(n, 'Tổng hợp')).toContain('UBND xã Tân Phú,120,');
        expect(csv(n, 'Lỗi dữ liệu')).toContain('Học viên,4,CCCD_NUMERIC_CELL');
      }
      expect(csv('xlsm', 'Học viên')).toContain('Nguyễn Văn An');
      if (outputs.openpyxl) expect(csv('openpyxl', 'Học viên')).toContain('Nguyễn Thị Hồng Nhung,038123456789,Tân Phú');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
