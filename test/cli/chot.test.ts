/**
 * `bdhvs chot` end to end (docs/month-close.md): close a period into a copy, tong-hop on the copy
 * keeps the closed figures after a learner row changes, reopen (with a reason) then close again
 * gives version 2; the copies are strict OOXML packages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../src/cli/xlsx/read';
import { HISTORY_TABLE } from '../../src/core/schema';
import type { Cell, Snapshot } from '../../src/core/types';
import { checkPackage } from '../helpers/ooxml';
import { learner, workbook } from '../helpers/workbook';
import { bdhvs, useTmp, writeWithWriteExcelFile } from './e2e-helpers';

const tmp = useTmp();
const TODAY = '2026-11-20';
const HISTORY = 'Lịch sử tổng hợp';
const col = (field: string) => HISTORY_TABLE.columns.findIndex((c) => c.field === field);

/** Three officials of Sở Tài chính (no monthly report: CBCCVC counts learner rows); the third's status varies. */
function province(thirdStatus: string): Snapshot {
  return workbook({ learners: [learner(), learner(), learner({ status: thirdStatus })] });
}

function sheetsOf(path: string): Map<string, Cell[][]> {
  return new Map(readXlsx(new Uint8Array(readFileSync(path))).sheets.map((s) => [s.name, s.values]));
}

interface Json {
  closed?: { period: string; version: number; closedBy: string };
  units: { code: string; indicators: Record<string, { numerator: number | null; percent: number | null }> }[];
  issues: { code: string; unit?: string; sheet?: string }[];
}

function tongHop(input: string, dir: string): Json {
  const r = bdhvs(['tong-hop', input, '--out', dir, '--today', TODAY]);
  expect(r.stderr.replace(/\r[^\n]*/g, '')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'tong-hop.json'), 'utf8')) as Json;
}

const officials = (j: Json) => j.units.find((u) => u.code === 'SO01')!.indicators.CBCCVC;

test('chot, edit a learner row, tong-hop keeps the closed figures; reopen and close again is version 2', async () => {
  const dir = tmp();
  const input = join(dir, 'tinh.xlsx');
  await writeWithWriteExcelFile(input, province('Đang học'));

  // close November
  const c1 = join(dir, 'chot-1.xlsx');
  let r = bdhvs(['chot', '--ky', '11/2026', input, '--out', c1, '--today', TODAY, '--nguoi-chot', 'Nguyễn Thị Hoa']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('phiên bản 1');
  const pkg = checkPackage(new Uint8Array(readFileSync(c1)));
  expect(pkg.sheets).toEqual([...province('Đang học').sheets.map((s) => s.name), HISTORY]);
  const rows1 = sheetsOf(c1).get(HISTORY)!;
  expect(rows1[0]).toEqual(HISTORY_TABLE.columns.map((c) => c.header));
  const soRow = rows1.find((row) => row[col('unitCode')] === 'SO01' && row[col('indicator')] === 'CBCCVC')!;
  expect(soRow[col('numerator')]).toBe(2);
  expect(soRow[col('by')]).toBe('Nguyễn Thị Hoa');
  expect(rows1.some((row) => row[col('unitCode')] === 'TOÀN TỈNH')).toBe(true);

  // closing the same period again is refused, and nothing is written
  r = bdhvs(['chot', '--ky', '11/2026', c1, '--out', join(dir, 'x.xlsx'), '--today', TODAY]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('đã chốt (phiên bản 1)');

  // a unit marks its third learner complete after the close
  const edited = join(dir, 'sua.xlsx');
  await writeWithWriteExcelFile(edited, { sheets: [...province('Hoàn thành').sheets, { name: HISTORY, values: rows1 }] });
  const before = tongHop(c1, join(dir, 'th-1'));
  const after = tongHop(edited, join(dir, 'th-2'));
  expect(before.closed).toMatchObject({ period: '2026-11', version: 1, closedBy: 'Nguyễn Thị Hoa' });
  expect(officials(after)).toEqual(officials(before));
  expect(officials(after).numerator).toBe(2);
  expect(after.issues.filter((i) => i.code === 'CLOSED_PERIOD_CHANGED').map((i) => i.unit)).toEqual(['SO01']);
  expect(after.issues.filter((i) => i.sheet === HISTORY)).toEqual([]);

  // reopening needs a reason
  const c2 = join(dir, 'mo-lai.xlsx');
  r = bdhvs(['chot', '--ky', '11/2026', '--mo-lai', edited, '--out', c2, '--today', TODAY]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('lý do');
  r = bdhvs(['chot', '--ky', '11/2026', '--mo-lai', '--ly-do', 'Xã bổ sung kết quả', edited, '--out', c2, '--today', TODAY, '--nguoi-chot', 'Hoa']);
  expect(r.code).toBe(0);
  checkPackage(new Uint8Array(readFileSync(c2)));
  const reopened = tongHop(c2, join(dir, 'th-3'));
  expect(reopened.closed).toBeUndefined();
  expect(officials(reopened).numerator).toBe(3);

  // close again: version 2, version 1's rows kept as they were
  const c3 = join(dir, 'chot-2.xlsx');
  r = bdhvs(['chot', '--ky', '11/2026', c2, '--out', c3, '--today', TODAY, '--nguoi-chot', 'Hoa']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('phiên bản 2');
  checkPackage(new Uint8Array(readFileSync(c3)));
  const rows3 = sheetsOf(c3).get(HISTORY)!;
  expect(rows3.slice(0, rows1.length)).toEqual(rows1);
  expect(rows3[rows1.length][col('event')]).toBe('Mở lại');
  expect(rows3[rows1.length][col('reason')]).toBe('Xã bổ sung kết quả');
  expect(rows3.slice(rows1.length + 1).every((row) => row[col('version')] === 2 && row[col('event')] === 'Chốt')).toBe(true);
  const closedAgain = tongHop(c3, join(dir, 'th-4'));
  expect(closedAgain.closed).toMatchObject({ version: 2 });
  expect(officials(closedAgain).numerator).toBe(3);
  expect(closedAgain.issues.filter((i) => i.code === 'CLOSED_PERIOD_CHANGED')).toEqual([]);
  const th = bdhvs(['tong-hop', c3, '--out', join(dir, 'th-5'), '--today', TODAY]);
  expect(th.stdout).toContain('Kỳ 11/2026: đã chốt, phiên bản 2');
}, 120_000);

test('chot refuses bad options with one line and exit code 2', async () => {
  const dir = tmp();
  const input = join(dir, 'tinh-2.xlsx');
  await writeWithWriteExcelFile(input, province('Đang học'));
  const cases: [string[], string][] = [
    [['chot', input, '--out', join(dir, 'a.xlsx')], '--ky'],
    [['chot', '--ky', '13/2026', input, '--out', join(dir, 'a.xlsx')], '13/2026'],
    [['chot', '--ky', '12/2026', input, '--out', join(dir, 'a.xlsx'), '--today', TODAY], 'chưa bắt đầu'],
    [['chot', '--ky', '11/2026', input, '--out', input, '--today', TODAY], 'đầu vào'],
    [['chot', '--ky', '11/2026', '--ly-do', 'x', input, '--out', join(dir, 'a.xlsx'), '--today', TODAY], '--mo-lai'],
    [['chot', '--ky', '11/2026', '--mo-lai', '--ly-do', 'x', input, '--out', join(dir, 'a.xlsx'), '--today', TODAY], 'không ở trạng thái đã chốt'],
  ];
  for (const [args, text] of cases) {
    const r = bdhvs(args);
    expect(r.code).toBe(2);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('Lỗi:')),
    ).toHaveLength(1);
    expect(r.stderr).toContain(text);
  }
  // an earlier period is consolidated as of its last day
  const oct = join(dir, 'thang-10.xlsx');
  const r = bdhvs(['chot', '--ky', '10/2026', input, '--out', oct, '--today', TODAY]);
  expect(r.code).toBe(0);
  expect(sheetsOf(oct).get(HISTORY)![1][col('period')]).toBe('10/2026');
}, 120_000);
