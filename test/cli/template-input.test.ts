/**
 * The template made by `bdhvs mau` is a normal input in any position: its hidden dropdown-list
 * sheet (`_DanhMuc`) is ours, not data. Before, a CSV given first and the filled template second
 * stopped with "tên trang “_DanhMuc” bị trùng" and wrote nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readXlsx } from '../../src/cli/xlsx/read';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bdhvs-template-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quiet = <T>(f: () => Promise<T>): Promise<T> => {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  return f().finally(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });
};

test("a CSV first and the template second: consolidated, and the template's list sheet is not copied as data", async () => {
  const template = join(dir, 'mau.xlsx');
  expect(await quiet(() => main(['mau', template]))).toBe(0);
  const csv = join(dir, 'Học viên.csv');
  writeFileSync(csv, 'STT,Họ và tên,Email,Số CCCD,Phòng/ban,Đơn vị\n1,Nguyễn Văn An,an@example.vn,038085000001,VP,Sở A\n');
  for (const order of [
    [csv, template],
    [template, csv],
  ]) {
    const out = join(dir, `out-${order[0] === csv ? 'csv' : 'mau'}`);
    expect(await quiet(() => main(['tong-hop', ...order, '--out', out, '--today', '2026-11-20']))).toBe(0);
    const names = readXlsx(readFileSync(join(out, 'tong-hop.xlsx'))).sheets.map((s) => s.name);
    expect(names.filter((n) => n === '_DanhMuc').length).toBeLessThanOrEqual(1);
    expect(names).toEqual(expect.arrayContaining(['Học viên', 'Tổng hợp', 'Lỗi dữ liệu']));
  }
});
