/**
 * One memory estimate for all inputs (issue 10 §4): the command line holds every file's values at
 * once, so the bound that keeps one hostile file under 2 GB must hold for their sum too. Past it,
 * exit 2 names the file that tipped it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../src/cli/errors';
import { readInputs } from '../../src/cli/inputs';
import { CSV_MEMORY_PER_BYTE } from '../../src/cli/xlsx/csv';
import { Budget } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bdhvs-budget-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const learnerCsv = (n: number) =>
  [
    'STT,Họ và tên,Số căn cước công dân,Đơn vị',
    ...Array.from({ length: n }, (_, i) => `${i + 1},Lê Văn An ${i},0380850${String(i).padStart(5, '0')},Sở Tài chính`),
  ].join('\n');

test('several CSV files: each fits, together they pass the estimate: exit 2 naming the file that tipped it', () => {
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  writeFileSync(a, learnerCsv(200));
  writeFileSync(b, learnerCsv(200));
  const size = Buffer.byteLength(learnerCsv(200));
  const limit = Math.ceil(size * CSV_MEMORY_PER_BYTE * 1.5);
  // each alone fits
  expect(readInputs([a], new Budget(limit)).snapshot.sheets[0].values.length).toBe(201);
  expect(readInputs([b], new Budget(limit)).snapshot.sheets[0].values.length).toBe(201);
  // together they do not
  let err: unknown;
  try {
    readInputs([a, b], new Budget(limit));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(CliError);
  expect((err as CliError).exitCode).toBe(2);
  expect((err as CliError).message).toMatch(/^các tệp đầu vào cộng lại quá lớn .*b\.csv/);
});

test('an .xlsx after a CSV: its values count against the same estimate; its inflated parts are given back once read', () => {
  const csv = join(dir, 'c.csv');
  writeFileSync(csv, learnerCsv(50));
  const rows = [
    ['STT', 'Họ và tên', 'Số căn cước công dân', 'Đơn vị'],
    ...Array.from({ length: 2000 }, (_, i) => [i + 1, `Trần Thị Bình ${i}`, `0380851${String(i).padStart(5, '0')}`, 'UBND xã Yên Định']),
  ];
  const xlsx = join(dir, 'd.xlsx');
  writeFileSync(xlsx, writeXlsx({ sheets: [{ name: 'Học viên', rows }] }));
  const roomy = new Budget();
  readInputs([csv, xlsx], roomy);
  const held = roomy.used;
  // what stays charged is the values (the CSV's estimate plus the sheet's cells), not the parts
  const again = new Budget();
  readInputs([xlsx], again);
  expect(again.used).toBeGreaterThan(0);
  expect(held).toBe(Math.ceil(Buffer.byteLength(learnerCsv(50)) * CSV_MEMORY_PER_BYTE) + again.used);
  // a budget just below what both need: refused, naming the .xlsx
  expect(() => readInputs([csv, xlsx], new Budget(held - 1))).toThrow(/cộng lại quá lớn .*d\.xlsx/);
});
