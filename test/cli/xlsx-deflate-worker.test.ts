/**
 * Deflate in a worker thread (src/cli/xlsx/deflate-worker.ts, issue 10 §6): a large part is
 * deflated off the main thread, and the file is the same, byte for byte in every entry, as the
 * one deflated in the main thread; it is read back by our strict reader (CRC and sizes checked)
 * and by read-excel-file; a worker that fails makes the write throw instead of hanging or writing
 * a broken part, and the next write works again.
 */
import readXlsxFile from 'read-excel-file/node';
import { failDeflateWorkerForTest, setDeflateWorker, stopDeflateWorker } from '../../src/cli/xlsx/deflate-worker';
import { readXlsx } from '../../src/cli/xlsx/read';
import { writeXlsx, type SheetSpec } from '../../src/cli/xlsx/write';
import { ZipReader, type ZipEntry } from '../../src/cli/xlsx/zip';
import type { Cell } from '../../src/core/types';

afterAll(async () => {
  setDeflateWorker({ enabled: true, threshold: 4 << 20 });
  await stopDeflateWorker();
});

/** 20,000 rows of Vietnamese text, numbers and dates: ~3.4 MB of sheet XML, several chunks. */
function bigSheet(): SheetSpec {
  const rows: Cell[][] = [['STT', 'Họ và tên', 'Số CCCD', 'Đơn vị', 'Ngày sinh', 'Ghi chú']];
  for (let i = 1; i <= 20_000; i++) {
    rows.push([
      i,
      `Nguyễn Thị Hồng ${i}`,
      String(38_000_000_000 + i * 7919).padStart(12, '0'),
      `Trường THCS số ${i % 97}`,
      new Date(Date.UTC(1980, 0, 1 + (i % 9000)) - 7 * 3600_000),
      i % 13 === 0 ? 'a & b < c "d"' : '',
    ]);
  }
  return { name: 'Học viên', rows, textColumns: [2] };
}

/** name → [crc, size, compressed bytes] of every entry. */
function entries(bytes: Uint8Array): Map<string, [number, number, string]> {
  const z = new ZipReader(bytes);
  const out = new Map<string, [number, number, string]>();
  for (const e of z.entries as ZipEntry[]) out.set(e.name, [e.crc, e.size, Buffer.from(z.raw(e)).toString('base64')]);
  return out;
}

test('a part deflated by the worker is byte for byte the part deflated in the main thread', async () => {
  const spec = bigSheet();
  setDeflateWorker({ enabled: false });
  const inThread = writeXlsx({ sheets: [spec], level: 1 });
  for (const t of [0, 1 << 20]) {
    // from the first chunk, and after the first MiB deflated in the main thread
    setDeflateWorker({ enabled: true, threshold: t });
    const viaWorker = writeXlsx({ sheets: [spec], level: 1 });
    expect(entries(viaWorker)).toEqual(entries(inThread));
  }
  const viaWorker = writeXlsx({ sheets: [spec], level: 1 });
  const back = readXlsx(viaWorker);
  expect(back.sheets[0].values.length).toBe(20_001);
  expect(back.sheets[0].values[20_000].slice(0, 4)).toEqual([20_000, 'Nguyễn Thị Hồng 20000', spec.rows![20_000][2], 'Trường THCS số 18']);
  const theirs = await readXlsxFile(Buffer.from(viaWorker));
  expect((theirs[0].data as unknown[][]).length).toBe(20_001);
  expect((theirs[0].data as unknown[][])[12_345][1]).toBe('Nguyễn Thị Hồng 12345');
});

test('a failing worker fails the write (no hang, no broken part); the next write starts a new worker', () => {
  const spec = bigSheet();
  setDeflateWorker({ enabled: true, threshold: 0 });
  // the worker breaks after the first chunk of the part
  failDeflateWorkerForTest();
  expect(() => writeXlsx({ sheets: [spec], level: 1 })).toThrow(/deflate worker failed/);
  setDeflateWorker({ enabled: false });
  const inThread = writeXlsx({ sheets: [spec], level: 1 });
  setDeflateWorker({ enabled: true });
  expect(entries(writeXlsx({ sheets: [spec], level: 1 }))).toEqual(entries(inThread));
});
