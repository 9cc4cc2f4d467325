/**
 * End to end: `bdhvs danh-sach` (the list for account creation, seed 001) on the built command
 * line (`bin/bdhvs.js` → build-node/cli.js), on a workbook written by write-excel-file, read back with
 * read-excel-file. Generated people only.
 *
 * `npm test` builds first; run `npm run build` before `npx jest test/cli/danh-sach.test.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { DEFAULT_UNITS, LEARNER_HEADER, UNIT_HEADER, unitRow } from '../helpers/workbook';
import type { Cell } from '../../src/core/types';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/bdhvs.js');

function bdhvs(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BDHVS_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function writeInput(path: string, sheets: { name: string; values: Cell[][] }[]) {
  const cell = (v: Cell) => {
    if (v === '' || v === null || v === undefined) return null;
    if (typeof v === 'number') return { value: v, type: Number };
    return { value: String(v), type: String };
  };
  const data = sheets.map((s) => ({ sheet: s.name, data: s.values.map((r) => r.map(cell)) }));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, await writeXlsxFile(data as never).toBuffer());
}

const row = (stt: number, name: string, email: string, cccd: Cell, department: string, unit: string): Cell[] => [
  stt,
  name,
  email,
  cccd,
  department,
  unit,
  '',
  'Hoàn thành',
  '',
  '',
];

let tmp: string;
let input: string;
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'build-node/cli.js'))) throw new Error('build-node/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = mkdtempSync(join(tmpdir(), 'bdhvs-danh-sach-'));
  input = join(tmp, 'tinh.xlsx');
  await writeInput(input, [
    { name: 'Đơn vị', values: [UNIT_HEADER, ...DEFAULT_UNITS.map(unitRow)] },
    {
      name: 'Học viên',
      values: [
        LEARNER_HEADER,
        row(1, 'Nguyễn Văn An', 'an@example.gov.vn', '038085000101', 'Văn phòng', 'Sở Tài chính'),
        row(2, 'Trần Thị Bình', 'binh@example.gov.vn', 38185000102, '=1+2', 'SO01'), // a number cell; a formula-like text
        row(3, 'Lê Văn Cường', 'cuong@example.gov.vn', '038085000101', 'Văn phòng', 'Sở Tài chính'), // duplicate of row 2
        row(4, '', 'trong@example.gov.vn', '038085000104', 'Văn phòng', 'Sở Tài chính'), // no name
        row(5, 'Phạm Văn Dũng', 'dung@example.gov.vn', '001090000105', '@Tổ 1', 'UBND xã Yên Định'),
      ],
    },
    {
      name: 'TR01',
      values: [
        ['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban'],
        [1, 'Đỗ Thị Hoa', 'hoa@example.edu.vn', 38190000201, 'Tổ Toán'],
      ],
    },
  ]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readList(path: string): Promise<{ sheet: string; data: Cell[][] }[]> {
  return (await readXlsxFile(readFileSync(path), { trim: false })) as never;
}

/** The number format id of a cell's style (read from the file's XML). */
function numFmtOf(path: string, ref: string): number {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const m = sheet.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`));
  if (!m) throw new Error(`no cell ${ref}`);
  const xfs = strFromU8(files['xl/styles.xml'])
    .match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1]
    .match(/<xf [^>]*>/g)!;
  return Number(xfs[Number(m[1] ?? 0)].match(/numFmtId="(\d+)"/)![1]);
}

test('the whole province: valid rows once, CCCDs as 12-digit text, the registered unit names; counts on stdout', async () => {
  const out = join(tmp, 'danh-sach.xlsx');
  const r = bdhvs(['danh-sach', input, '--out', out, '--today', '2026-11-20']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    `Đã ghi ${out}: 4 học viên.\nBỏ qua 2 dòng có lỗi (trong đó 1 dòng trùng CCCD với một dòng đã có trong danh sách); xem lỗi từng dòng bằng lệnh tong-hop (trang “Lỗi dữ liệu”).\n`,
  );
  const sheets = await readList(out);
  expect(sheets.map((s) => s.sheet)).toEqual(['Danh sách tạo tài khoản']);
  const rows = sheets[0].data;
  expect(rows[0][0]).toBe('DANH SÁCH HỌC VIÊN THAM GIA KHÓA HỌC TRÊN NỀN TẢNG “BÌNH DÂN HỌC VỤ SỐ” NĂM 2026');
  expect(rows[2]).toEqual(['STT', 'Họ và Tên', 'Email', 'Số căn cước Công dân', 'Phòng/ban', 'Đơn vị']);
  expect(rows.slice(3)).toEqual([
    [1, 'Nguyễn Văn An', 'an@example.gov.vn', '038085000101', 'Văn phòng', 'Sở Tài chính'],
    [2, 'Trần Thị Bình', 'binh@example.gov.vn', '038185000102', '=1+2', 'Sở Tài chính'],
    [3, 'Phạm Văn Dũng', 'dung@example.gov.vn', '001090000105', '@Tổ 1', 'UBND xã Yên Định'],
    [4, 'Đỗ Thị Hoa', 'hoa@example.edu.vn', '038190000201', 'Tổ Toán', 'Trường THPT Lê Lợi'],
  ]);
  for (const x of rows.slice(3)) expect(typeof x[3] === 'string' && /^\d{12}$/.test(x[3])).toBe(true);
  // the CCCD column is formatted as text (numFmt 49, '@'), and "=1+2" is a text cell, not a formula
  expect(numFmtOf(out, 'D5')).toBe(49);
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['xl/worksheets/sheet1.xml']);
  expect(xml).not.toMatch(/<f>/);
  expect(xml).toContain('<c r="E5" s="');
  expect(xml).toMatch(/<c r="E5" s="\d+" t="inlineStr"><is><t>=1\+2<\/t><\/is><\/c>/);
});

test('--don-vi: one unit, its rows in Học viên and in its own tab', async () => {
  const out = join(tmp, 'tr01.xlsx');
  const r = bdhvs(['danh-sach', input, '--out', out, '--don-vi', 'TR01', '--today', '2026-11-20']);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`Đã ghi ${out}: 1 học viên của Trường THPT Lê Lợi.\nKhông có dòng nào bị bỏ qua.\n`);
  const rows = (await readList(out))[0].data;
  expect(rows.slice(3)).toEqual([[1, 'Đỗ Thị Hoa', 'hoa@example.edu.vn', '038190000201', 'Tổ Toán', 'Trường THPT Lê Lợi']]);

  const out2 = join(tmp, 'so01.xlsx');
  expect(bdhvs(['danh-sach', input, '--out', out2, '--don-vi', 'sở tài chính']).code).toBe(0);
  expect((await readList(out2))[0].data.slice(3).map((x) => x[1])).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
});

describe('bad input: exit 2, one Vietnamese line, nothing written', () => {
  const cases: [string, (out: string) => string[], RegExp][] = [
    [
      'an unknown unit',
      (out) => ['danh-sach', input, '--out', out, '--don-vi', 'Trường THPT Lê Lai'],
      /^Lỗi: không có đơn vị “Trường THPT Lê Lai” trong trang “Đơn vị”.*có phải “Trường THPT Lê Lợi”\?/,
    ],
    ['an empty --don-vi', (out) => ['danh-sach', input, '--out', out, '--don-vi', ' '], /^Lỗi: sau --don-vi cần mã hoặc tên đơn vị/],
    ['no --out', () => ['danh-sach', input], /^Lỗi: cần chỉ định tệp kết quả bằng --out TỆP\.xlsx\.$/],
    ['--out not .xlsx', (out) => ['danh-sach', input, '--out', out.replace(/\.xlsx$/, '.csv')], /^Lỗi: tệp kết quả .* phải có đuôi \.xlsx\.$/],
    ['no input', (out) => ['danh-sach', '--out', out], /^Lỗi: cần ít nhất một tệp/],
    ['a missing input', (out) => ['danh-sach', join(tmp, 'khong-co.xlsx'), '--out', out], /^Lỗi: không tìm thấy tệp/],
    ['a bad --today', (out) => ['danh-sach', input, '--out', out, '--today', '2026-02-30'], /^Lỗi: ngày “2026-02-30” không hợp lệ/],
  ];
  let n = 0;
  test.each(cases)('%s', (_label, args, message) => {
    const out = join(tmp, `bad-${n++}.xlsx`);
    const r = bdhvs(args(out));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(out.replace(/\.xlsx$/, '.csv'))).toBe(false);
  });

  test('the output file is an input: refused, the input is unchanged', () => {
    const before = readFileSync(input);
    const r = bdhvs(['danh-sach', input, '--out', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: tệp kết quả .* cũng là tệp đầu vào/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  test('a workbook without a learner table', async () => {
    const noLearners = join(tmp, 'chi-don-vi.xlsx');
    await writeInput(noLearners, [{ name: 'Đơn vị', values: [UNIT_HEADER, ...DEFAULT_UNITS.map(unitRow)] }]);
    const out = join(tmp, 'none.xlsx');
    const r = bdhvs(['danh-sach', noLearners, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: không tìm thấy bảng học viên nào/);
    expect(existsSync(out)).toBe(false);
  });
});
