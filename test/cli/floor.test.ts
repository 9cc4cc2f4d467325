/**
 * The benchmark's floor (scripts/floor.ts, `npm run bench -- --floor`): the grid it builds from its
 * scan is the real parser's, and its heart of the job counts what DuckDB's query counts (rows and
 * distinct persons per unit), so the times it prints are of the same work.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureFloor } from '../../scripts/floor';

describe('the benchmark floor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-floor-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('scans every field and row, and counts rows and first rows per CCCD per unit as DuckDB does', () => {
    const lines = [
      'DANH SÁCH HỌC VIÊN,,',
      'STT,Số CCCD,Đơn vị',
      '1,038123456789,Sở Tài chính',
      '2,038 123 456 789,Sở Tài chính', // the same person, spaced: not a new one
      '3,38123456780,Xã Yên Định', // 11 digits: a number that lost its zero, padded
      '4,3812345678x,Xã Yên Định', // 11 digits among other text: invalid
      '5,"001,200,300,400",Xã Yên Định', // quoted; 12 digits once stripped
      '6,,Xã Yên Định',
    ];
    const file = join(dir, 'Học viên.csv');
    writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
    const r = measureFloor(file, { headerIndex: 1, cccd: 1, unit: 2 });
    expect(r.rows).toBe(8);
    expect(r.fields).toBe(24);
    expect(r.heart).toEqual({ rows: 6, persons: 3, units: 2 });
    expect(r.scanCpuSeconds).toBeGreaterThanOrEqual(0);
  });
});
