/**
 * The shared-strings table of the workbooks we write (src/cli/xlsx/sst.ts): a large sheet's
 * repeating texts are written once in xl/sharedStrings.xml and referred to by index, so a
 * 1,000,000-row province's output stays small enough for bdhvs (and others) to read back.
 *
 * Checked with readers that are not ours: xmldom in strict mode (test/helpers/ooxml.ts),
 * openpyxl (skipped without /usr/bin/python3 + openpyxl) and LibreOffice (skipped without soffice).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Cell } from '../../src/core';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx, type SheetSpec } from '../../src/cli/xlsx/write';
import { checkPackage, CT, HAS_SOFFICE, localChildren, NS, NS_R, NS_S, NS_SR, sofficeToCsv, strictParse } from '../helpers/ooxml';

const PYTHON = '/usr/bin/python3';
const UNITS = ['UBND xã Tân Phú', 'Sở Y tế', ' Trường THPT Lê Lợi ', 'Công ty A & B <TNHH>', 'Xã\r\nĐông Sơn'];
const STATUS = ['Hoàn thành', 'Đang học', 'Chưa tham gia'];

/** A learner-like sheet: unique names and CCCDs, repeating units and statuses, a number column. */
function learners(rows: number, name = 'Học viên'): SheetSpec {
  const out: Cell[][] = [['STT', 'Họ và tên', 'Số CCCD', 'Đơn vị', 'Trạng thái']];
  for (let i = 1; i < rows; i++) out.push([i, `Nguyễn Văn Người ${i}`, String(38_100_000_000 + i).padStart(12, '0'), UNITS[i % UNITS.length], STATUS[i % 3]]);
  return { name, rows: out, textColumns: [2] };
}

const summary: SheetSpec = {
  name: 'Tổng hợp',
  rows: [
    ['Mã', 'Tên'],
    ['XA001', 'UBND xã Tân Phú'],
  ],
};

function sstOf(files: Record<string, Uint8Array>): { count: number; unique: number; strings: string[] } | null {
  const bytes = files['xl/sharedStrings.xml'];
  if (!bytes) return null;
  const root = strictParse('xl/sharedStrings.xml', strFromU8(bytes)).documentElement!;
  const strings = localChildren(root, 'si').map((si) => localChildren(si, 't')[0].textContent ?? '');
  return { count: Number(root.getAttribute('count')), unique: Number(root.getAttribute('uniqueCount')), strings };
}

describe('shared strings in a large sheet', () => {
  const spec = [learners(3000), summary];
  const out = writeXlsx({ sheets: spec });
  const { files, docs } = checkPackage(out);

  test('the package has a sharedStrings part, its relationship and content type', () => {
    const rels = localChildren(docs['xl/_rels/workbook.xml.rels'].documentElement!, 'Relationship');
    const rel = rels.find((r) => r.getAttribute('Type') === `${NS_R}/sharedStrings`);
    expect(rel?.getAttribute('Target')).toBe('sharedStrings.xml');
    const types = localChildren(docs['[Content_Types].xml'].documentElement!, 'Override');
    expect(types.find((o) => o.getAttribute('PartName') === '/xl/sharedStrings.xml')?.getAttribute('ContentType')).toBe(`${CT}.sharedStrings+xml`);
    expect(docs['xl/sharedStrings.xml'].documentElement!.namespaceURI).toBe(NS);
  });

  test('repeating columns are shared, distinct ones stay inline; counts are right', () => {
    const sst = sstOf(files)!;
    // the unit and status columns (and not the names or CCCDs)
    expect(new Set(sst.strings)).toEqual(new Set(['Đơn vị', 'Trạng thái', ...UNITS.map((u) => u.replace(/\r/g, '_x000D_')), ...STATUS]));
    expect(sst.unique).toBe(sst.strings.length);
    expect(sst.count).toBe(2 * 3000);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="D2" t="s"><v>');
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t>Nguyễn Văn Người 1</t></is></c>');
    expect(sheet).toMatch(/<c r="C2" s="\d+" t="inlineStr"><is><t>038100000001<\/t><\/is><\/c>/);
  });

  test('a shared string keeps its spaces, escapes and line breaks', () => {
    const si = strFromU8(files['xl/sharedStrings.xml']);
    expect(si).toContain('<si><t xml:space="preserve"> Trường THPT Lê Lợi </t></si>');
    expect(si).toContain('<si><t>Công ty A &amp; B &lt;TNHH&gt;</t></si>');
  });

  test('our reader reads every value back as written', () => {
    const read = readXlsx(out);
    expect(read.unreadable).toEqual([]);
    const got = read.sheets[0].values;
    const want = spec[0].rows!;
    expect(got.length).toBe(want.length);
    for (let r = 0; r < want.length; r++) expect(got[r].map((v) => v ?? '')).toEqual(want[r]);
  });
});

test('a sheet of 1,000 rows or fewer is written as before: every text inline, no sharedStrings part', () => {
  const files = unzipSync(writeXlsx({ sheets: [learners(1000), summary] }));
  expect(files['xl/sharedStrings.xml']).toBeUndefined();
  expect(strFromU8(files['xl/worksheets/sheet1.xml'])).not.toContain('t="s"');
  expect(strFromU8(files['[Content_Types].xml'])).not.toContain('sharedStrings');
});

test('a base with its own sharedStrings keeps it byte for byte, and our texts stay inline', () => {
  const base = writeXlsx({ sheets: [{ name: 'Cũ', rows: [['a']] }] });
  const parts = unzipSync(base);
  const ownSst = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>Giá trị cũ</t></si></sst>`);
  parts['xl/sharedStrings.xml'] = ownSst;
  parts['xl/worksheets/sheet1.xml'] = strToU8(strFromU8(parts['xl/worksheets/sheet1.xml']).replace(/<c r="A1"[^]*?<\/c>/, '<c r="A1" t="s"><v>0</v></c>'));
  parts['xl/_rels/workbook.xml.rels'] = strToU8(
    strFromU8(parts['xl/_rels/workbook.xml.rels']).replace(
      '</Relationships>',
      `<Relationship Id="rId99" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  );
  parts['[Content_Types].xml'] = strToU8(
    strFromU8(parts['[Content_Types].xml']).replace('</Types>', `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`),
  );
  const out = writeXlsx({ base: zipSync(parts), sheets: [learners(3000)] });
  const { files } = checkPackage(out);
  expect(files['xl/sharedStrings.xml']).toEqual(ownSst);
  expect(Object.keys(files).filter((f) => /sharedStrings/i.test(f))).toEqual(['xl/sharedStrings.xml']);
  expect(strFromU8(files['xl/worksheets/sheet2.xml'])).not.toContain('t="s"');
  // the same sheet with shared strings is smaller than inline (unit and status cells: ≥ 20 bytes less each)
  const shared = unzipSync(writeXlsx({ sheets: [learners(3000)] }));
  const sharedBytes = shared['xl/worksheets/sheet1.xml'].length + shared['xl/sharedStrings.xml'].length;
  expect(sharedBytes).toBeLessThan(files['xl/worksheets/sheet2.xml'].length - 20 * 6000);
  const read = readXlsx(out).sheets;
  expect(read[0].values[0][0]).toBe('Giá trị cũ');
  expect(read[1].values[7][3]).toBe(UNITS[7 % UNITS.length]);
});

test('a strict (ISO 29500) base gets a strict sharedStrings part', () => {
  const parts = unzipSync(writeXlsx({ sheets: [{ name: 'Cũ', rows: [['a']] }] }));
  for (const k of Object.keys(parts)) if (/\.(xml|rels)$/.test(k)) parts[k] = strToU8(strFromU8(parts[k]).split(NS).join(NS_S).split(NS_R).join(NS_SR));
  const out = writeXlsx({ base: zipSync(parts), sheets: [learners(2000)] });
  const { files, docs } = checkPackage(out);
  expect(docs['xl/sharedStrings.xml'].documentElement!.namespaceURI).toBe(NS_S);
  const rels = localChildren(docs['xl/_rels/workbook.xml.rels'].documentElement!, 'Relationship');
  expect(rels.some((r) => r.getAttribute('Type') === `${NS_SR}/sharedStrings`)).toBe(true);
  expect(readXlsx(out).sheets[1].values[1999][4]).toBe(STATUS[1999 % 3]);
  expect(files['xl/sharedStrings.xml']).toBeDefined();
});

const openpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
if (!openpyxl) console.warn(`xlsx-sst: openpyxl test SKIPPED — ${PYTHON} cannot import openpyxl (apt-get install python3-openpyxl)`);
(openpyxl ? test : test.skip)('openpyxl reads the shared and inline texts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-sst-'));
  try {
    const file = join(dir, 'out.xlsx');
    writeFileSync(file, writeXlsx({ sheets: [learners(1500), summary] }));
    const script = [
      'import sys, json, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1])["Học viên"]',
      'print(json.dumps([[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=8)]))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as unknown[][];
    // openpyxl does not decode the _x000D_ escape (both inline and shared): compare the others
    const want = learners(8).rows!.map((row) => row.map((v) => (typeof v === 'string' ? v.replace(/\r/g, '_x000D_') : v)));
    expect(rows).toEqual(want);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

(HAS_SOFFICE ? test : test.skip)(
  'LibreOffice converts the sheet with shared strings to the same values (skipped without soffice)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdhvs-sst-lo-'));
    try {
      const spec = learners(1500);
      const rows = spec.rows!.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/\r\n/, ' ') : v)));
      writeFileSync(join(dir, 'out.xlsx'), writeXlsx({ sheets: [{ ...spec, rows }] }));
      expect(sofficeToCsv(dir, [join(dir, 'out.xlsx')])).toBe(0);
      const csv = readFileSync(join(dir, 'out-Học viên.csv'), 'utf8').trimEnd().split('\n');
      expect(csv.length).toBe(1500);
      expect(csv[3]).toBe('3,Nguyễn Văn Người 3,038100000003,Công ty A & B <TNHH>,Hoàn thành');
      expect(csv[2]).toBe('2,Nguyễn Văn Người 2,038100000002, Trường THPT Lê Lợi ,Chưa tham gia');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  180_000,
);
