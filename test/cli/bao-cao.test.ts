/**
 * End to end: `bdhvs bao-cao` (the official report to the province, a .docx) on the built command
 * line, on the demo province. The .docx is read back by a reader that is not ours, Debian's
 * python3-docx (test/helpers/read-docx.py; skipped without /usr/bin/python3 + docx), and every
 * figure is checked against tong-hop.json of the same input (numbers parsed back from their
 * Vietnamese form, not formatted by our code); LibreOffice Writer renders it to PDF (skipped
 * without soffice and its Writer), poppler reads the pages back (page numbers from page 2).
 * Generated people only.
 *
 * `npm test` builds first; run `npm run build` before `npx jest test/cli/bao-cao.test.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { generateProvince } from '../../src/demo';
import { HAS_SOFFICE } from '../helpers/ooxml';
import { bdhvs, cccdsOf, leaks, useTmp } from './e2e-helpers';

const PYTHON = '/usr/bin/python3';
const READER = join(__dirname, '../helpers/read-docx.py');
const HAS_DOCX = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import docx'], { encoding: 'utf8' }).status === 0;
if (!HAS_DOCX) console.warn(`bao-cao: python-docx checks SKIPPED — ${PYTHON} cannot import docx (apt-get install python3-docx)`);
const HAS_WRITER = HAS_SOFFICE && existsSync('/usr/lib/libreoffice/share/registry/writer.xcd');
const HAS_POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
if (!HAS_WRITER || !HAS_POPPLER)
  console.warn('bao-cao: LibreOffice rendering SKIPPED — needs soffice with Writer and pdftotext (apt-get install libreoffice-writer-nogui poppler-utils)');

const tmp = useTmp();
const TODAY = '2026-11-20';
const UNITS = 60;
const LEARNERS = 3000;

interface Para {
  kind: 'paragraph';
  text: string;
  align: string | null;
  runs: { text: string; bold: boolean; italic: boolean; underline: boolean; size: number | null; font: string | null }[];
}
interface Tab {
  kind: 'table';
  rows: { header: boolean; cantSplit: boolean; cells: { text: string; paragraphs: Para[] }[] }[];
}
interface Docx {
  body: (Para | Tab)[];
  page: Record<'width' | 'height' | 'top' | 'bottom' | 'left' | 'right', number>;
  differentFirstPage: boolean;
  firstHeaderText: string;
  headerHasPageField: boolean;
  title: string;
}
interface Indicator {
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  target: number | null;
  evidenced: number | null;
  status: string;
}
interface ReportJson {
  period: string;
  deadline: string;
  settings: { departmentName: string; targets: { code: string; name: string }[] };
  units: { name: string; laggard: boolean; reasons: string[] }[];
  province: {
    learners: Record<'rows' | 'valid' | 'invalid' | 'duplicates' | 'completed' | 'inProgress' | 'notStarted', number>;
    indicators: Record<string, Indicator>;
    completeness: { expected: number; submitted: number; onTime: number; rate: number | null };
    laggards: number;
  };
}

/** "2.563.215" → 2563215; "69,2%" → 69.2; "—" → null. */
function num(s: string): number | null {
  const t = s.trim();
  if (t === '—') return null;
  const m = /^(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?%?$/.exec(t);
  if (!m) throw new Error(`not a Vietnamese number: ${JSON.stringify(s)}`);
  return Number(m[1].replace(/\./g, '') + (m[2] ? '.' + m[2] : ''));
}
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

let json: ReportJson;
let docx: Docx;
let docxPath: string;

beforeAll(() => {
  const demo = bdhvs(['demo', '--out', join(tmp(), 'demo'), '--units', String(UNITS), '--learners', String(LEARNERS), '--today', TODAY]);
  expect(demo.code).toBe(0);
  json = JSON.parse(readFileSync(join(tmp(), 'demo', 'tong-hop.json'), 'utf8')) as ReportJson;
  docxPath = join(tmp(), 'bao-cao.docx');
  const r = bdhvs(['bao-cao', join(tmp(), 'demo', 'tinh-mau.xlsx'), '--out', docxPath, '--today', TODAY]);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('Lỗi'))).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(docxPath);
  if (HAS_DOCX) {
    const read = spawnSync(PYTHON, [READER, docxPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(read.stderr).toBe('');
    docx = JSON.parse(read.stdout) as Docx;
  }
}, 120_000);

const tables = () => docx.body.filter((b): b is Tab => b.kind === 'table');
const paras = () => docx.body.filter((b): b is Para => b.kind === 'paragraph');
/** The n-th table whose repeated header row starts with `first`. */
const tableWithHeader = (first: string, n = 0): Tab => {
  const found = tables().filter((x) => x.rows[0].cells[0].text === first && x.rows[0].header);
  if (found.length <= n) throw new Error(`no table headed ${first}`);
  return found[n];
};

(HAS_DOCX ? test : test.skip)('python-docx reads the heading blocks of Nghị định 30/2020 in order', () => {
  const [header] = tables();
  expect(header.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
    ['UBND TỈNH THANH HÓA\nSỞ KHOA HỌC VÀ CÔNG NGHỆ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'],
    ['Số:        /BC-SKHCN', 'Thanh Hóa, ngày 20 tháng 11 năm 2026'],
  ]);
  expect(header.rows.every((r) => !r.header)).toBe(true);
  const motto = header.rows[0].cells[1].paragraphs[1].runs[0];
  expect(motto).toMatchObject({ bold: true, underline: true, size: 13, font: 'Times New Roman' });
  const texts = paras().map((p) => p.text);
  const at = (t: string) => texts.indexOf(t);
  expect(at('BÁO CÁO')).toBeGreaterThan(-1);
  expect(texts[at('BÁO CÁO') + 1]).toBe('Kết quả triển khai phong trào “Bình dân học vụ số” tháng 11/2026');
  expect(texts[at('BÁO CÁO') + 2]).toBe('Kính gửi: Chủ tịch UBND tỉnh.');
  const headings = [
    'I. TÌNH HÌNH CHUNG',
    'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
    'III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ',
    'IV. CÁC ĐƠN VỊ CẦN ĐÔN ĐỐC',
    'V. KHÓ KHĂN, VƯỚNG MẮC',
    'VI. ĐỀ XUẤT, KIẾN NGHỊ',
  ];
  const positions = headings.map(at);
  expect(positions.every((p) => p > at('BÁO CÁO'))).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  // the signature block closes the document: Nơi nhận | the signer
  const sig = tables()[tables().length - 1];
  expect(sig.rows[0].cells[0].text).toBe('Nơi nhận:\n- Như trên;\n- Lưu: VT.');
  expect(sig.rows[0].cells[1].text.split('\n')[0]).toBe('GIÁM ĐỐC');
  // every run in Times New Roman, body 14 pt
  const runs = [
    ...paras().flatMap((p) => p.runs),
    ...tables().flatMap((t) => t.rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs.flatMap((p) => p.runs)))),
  ];
  expect(new Set(runs.map((r) => r.font))).toEqual(new Set(['Times New Roman']));
  expect(paras().find((p) => p.text.startsWith('Tính đến ngày'))?.runs[0].size).toBe(14);
});

(HAS_DOCX ? test : test.skip)('page: A4, the decree’s margins, page numbers in the header from page 2; the title', () => {
  expect(docx.page).toEqual({ width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 });
  expect(docx.differentFirstPage).toBe(true);
  expect(docx.firstHeaderText).toBe('');
  expect(docx.headerHasPageField).toBe(true);
  expect(docx.title).toBe('Báo cáo kết quả Bình dân học vụ số 11-2026');
});

(HAS_DOCX ? test : test.skip)('the indicator table: every figure is tong-hop.json’s', () => {
  const t = tableWithHeader('STT');
  expect(t.rows[0].cells.map((c) => c.text)).toEqual([
    'STT',
    'Chỉ tiêu',
    'Đã hoàn thành (người)',
    'Tổng số đối tượng (người)',
    'Tỷ lệ',
    'Mục tiêu',
    'Có minh chứng (người)',
    'Đánh giá',
  ]);
  const codes = Object.keys(json.province.indicators);
  expect(codes.length).toBeGreaterThanOrEqual(5);
  expect(t.rows).toHaveLength(codes.length + 1);
  const names = new Map(json.settings.targets.map((x) => [x.name, x.code]));
  for (const row of t.rows.slice(1)) {
    const c = row.cells.map((x) => x.text);
    const code = names.get(c[1]);
    expect(code).toBeDefined();
    const v = json.province.indicators[code as string];
    expect([num(c[2]), num(c[3]), num(c[4]), num(c[5]), num(c[6])]).toEqual([v.numerator, v.denominator, round1(v.percent), v.target, v.evidenced]);
    expect(row.cantSplit).toBe(true);
  }
});

(HAS_DOCX ? test : test.skip)('general situation, completeness and the units behind: the JSON’s counts and names', () => {
  const body = paras()
    .map((p) => p.text)
    .join('\n');
  const l = json.province.learners;
  const figures = (body.match(/\d{1,3}(?:\.\d{3})+|\d+/g) ?? []).map((s) => Number(s.replace(/\./g, '')));
  for (const n of [json.units.length, l.rows, l.valid, l.completed, l.inProgress, l.notStarted, l.invalid, l.duplicates, json.province.laggards])
    expect(figures).toContain(n);

  const c = json.province.completeness;
  const byType = tableWithHeader('Loại đơn vị');
  const total = byType.rows[byType.rows.length - 1].cells.map((x) => x.text);
  expect(total[0]).toBe('Toàn tỉnh');
  expect(total.slice(1).map(num)).toEqual([json.units.length, c.expected, c.submitted, c.onTime, round1(c.rate), json.province.laggards]);
  // the unit-type rows add up to the province row, column by column
  for (const col of [1, 2, 3, 4, 6]) expect(byType.rows.slice(1, -1).reduce((a, r) => a + (num(r.cells[col].text) ?? 0), 0)).toBe(num(total[col]));

  const lag = tableWithHeader('STT', 1);
  const laggards = json.units.filter((u) => u.laggard);
  expect(laggards.length).toBe(json.province.laggards);
  expect(lag.rows.slice(1).map((r) => r.cells[1].text)).toEqual(laggards.map((u) => u.name));
  expect(lag.rows[0].header).toBe(true);
  expect(lag.rows.every((r) => r.cantSplit)).toBe(true);
});

(HAS_DOCX ? test : test.skip)('no CCCD in the .docx: none of the workbook’s, no 12-digit run, nothing masked', () => {
  const files = unzipSync(readFileSync(docxPath));
  const xml = Object.values(files)
    .map((f) => strFromU8(f))
    .join('\n');
  const cccds = cccdsOf(generateProvince({ units: UNITS, learners: LEARNERS, seed: 1, today: TODAY }).snapshot);
  expect(cccds.size).toBeGreaterThan(1000);
  const text = xml.replace(/<[^>]+>/g, ' ');
  expect(leaks(text, cccds)).toEqual([]);
  expect(text).not.toMatch(/\d{3}\*+\d{2}/);
});

(HAS_WRITER && HAS_POPPLER ? test : test.skip)(
  'LibreOffice renders it: several pages, the motto on page 1 with no number, “2” heading page 2, a page image',
  () => {
    const dir = tmp();
    const r = spawnSync('soffice', ['--headless', '-env:UserInstallation=file://' + join(dir, 'profile'), '--convert-to', 'pdf', '--outdir', dir, docxPath], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(r.status).toBe(0);
    const pdf = join(dir, 'bao-cao.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const page = (n: number) => spawnSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).stdout.trim();
    const one = page(1);
    expect(one).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(one).toContain('BÁO CÁO');
    expect(one.split('\n')[0]).not.toMatch(/^\s*1\s*$/);
    expect(page(2).split('\n')[0].trim()).toBe('2');
    expect(page(pages)).toContain('GIÁM ĐỐC');
    const png = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(dir, 'page')], { encoding: 'utf8' });
    expect(png.status).toBe(0);
    const image = readdirSync(dir).find((f) => /^page-0*1\.png$/.test(f));
    expect(image).toBeDefined();
    expect(statSync(join(dir, image as string)).size).toBeGreaterThan(20_000);
  },
  180_000,
);

describe('errors: one “Lỗi:” line, exit 2, nothing written', () => {
  const input = () => join(tmp(), 'demo', 'tinh-mau.xlsx');
  const refused = (args: string[], expected: RegExp) => {
    const r = bdhvs(args);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('Lỗi:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  };
  test('no --out, a wrong extension, the input as output, no input', () => {
    refused(['bao-cao', input()], /--out TỆP\.docx/);
    refused(['bao-cao', input(), '--out', join(tmp(), 'x.pdf')], /phải có đuôi \.docx/);
    refused(['bao-cao', join(tmp(), 'same.docx'), '--out', join(tmp(), 'same.docx')], /cũng là tệp đầu vào/);
    refused(['bao-cao', '--out', join(tmp(), 'y.docx')], /.+/);
    refused(['bao-cao', input(), '--out', join(tmp(), 'z.docx'), '--today', '2026-13-01'], /.+/);
    expect(existsSync(join(tmp(), 'x.pdf'))).toBe(false);
    expect(existsSync(join(tmp(), 'y.docx'))).toBe(false);
  });
  test('an unreadable input: refused, no file and no temporary file left beside the target', () => {
    const bad = join(tmp(), 'khong-phai.xlsx');
    writeFileSync(bad, 'not a workbook');
    const out = join(tmp(), 'out', 'bc.docx');
    spawnSync('mkdir', ['-p', join(tmp(), 'out')]);
    refused(['bao-cao', bad, '--out', out], /.+/);
    expect(readdirSync(join(tmp(), 'out'))).toEqual([]);
  });
});
