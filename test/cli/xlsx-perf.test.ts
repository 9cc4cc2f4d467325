/**
 * Timing of the reader and the writer on 100,000 rows (generous bounds; the figures are logged).
 * Targets on the project's 2-core machine: read 100,000 × 8 in ≤ 2 s, write 100,000 × 20 in ≤ 3 s.
 */
import writeXlsxFile from 'write-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { Cell } from '../../src/core/types';
import { scaleDescribe } from '../helpers/scale';

const ROWS = 100_000;
const H = 3_600_000;
const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const DEM = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh'];
const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Yến', 'Đạt', 'Ánh', 'Tuấn'];

function learners(n: number, cols: number): Cell[][] {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const rows: Cell[][] = [
    [
      'STT',
      'Họ và tên',
      'Email',
      'Số CCCD',
      'Phòng/ban',
      'Đơn vị',
      'Trạng thái',
      'Ngày sinh',
      ...Array.from({ length: Math.max(0, cols - 8) }, (_, i) => `Cột ${i + 9}`),
    ].slice(0, cols),
  ];
  for (let i = 1; i <= n; i++) {
    const r: Cell[] = [
      i,
      `${HO[i % 10]} ${DEM[(i * 3) % 7]} ${TEN[Math.floor(rnd() * 12)]}`,
      `hv${i}@example.vn`,
      String(Math.floor(rnd() * 1e12)).padStart(12, '0'),
      `Phòng ${i % 17}`,
      `UBND xã số ${i % 200}`,
      i % 3 ? 'Hoàn thành' : 'Chưa hoàn thành',
      new Date(Date.UTC(1970 + (i % 40), i % 12, 1 + (i % 28)) - 7 * H),
    ];
    for (let c = 8; c < cols; c++) r.push(c % 2 ? Math.round(rnd() * 1e6) / 100 : `Giá trị ${c}`);
    rows.push(r.slice(0, cols));
  }
  return rows;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

scaleDescribe('100,000 rows', () => {
  test('write 100,000 × 20, read 100,000 × 8 (ours)', () => {
    const wide = learners(ROWS, 20);
    let t = process.hrtime.bigint();
    const out20 = writeXlsx({ sheets: [{ name: 'Học viên', rows: wide, textColumns: [3] }] });
    const write20 = seconds(t);

    const narrow = learners(ROWS, 8);
    t = process.hrtime.bigint();
    const out8 = writeXlsx({ sheets: [{ name: 'Học viên', rows: narrow, textColumns: [3] }] });
    const write8 = seconds(t);

    t = process.hrtime.bigint();
    const back = readXlsx(out8);
    const read8 = seconds(t);
    console.log(
      `xlsx: write 100k×20 ${write20.toFixed(2)} s (${(out20.length / 1e6).toFixed(1)} MB); write 100k×8 ${write8.toFixed(2)} s; read 100k×8 ${read8.toFixed(2)} s`,
    );

    const v = back.sheets[0].values;
    expect(v.length).toBe(ROWS + 1);
    expect(v[ROWS]).toEqual(narrow[ROWS]);
    expect(v[12345]).toEqual(narrow[12345]);
    expect(write20).toBeLessThan(15);
    expect(read8).toBeLessThan(10);
  });

  test('read 100,000 × 8 written by write-excel-file (shared strings)', async () => {
    const rows = learners(ROWS, 8).map((r) => r.map((c) => (c instanceof Date ? { value: new Date(c.getTime() + 7 * H), format: 'dd/mm/yyyy' } : c)));
    const bytes = new Uint8Array(await writeXlsxFile(rows as never).toBuffer());
    const t = process.hrtime.bigint();
    const back = readXlsx(bytes);
    const read = seconds(t);
    console.log(`xlsx: read 100k×8 (write-excel-file, shared strings) ${read.toFixed(2)} s`);
    expect(back.sheets[0].values.length).toBe(ROWS + 1);
    expect(back.sheets[0].values[ROWS][7]).toEqual(learners(ROWS, 8)[ROWS][7]);
    expect(read).toBeLessThan(10);
  });
});
