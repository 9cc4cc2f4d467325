/** Issue 10 §7: the CLI send log (a CSV people open in Excel) never holds a live formula. */
import { applySendLog, readSendLog } from '../../src/cli/sendlog';
import { readCsv } from '../../src/cli/xlsx/csv';
import { run } from '../helpers/workbook';

test('unit codes beginning with = + - @ are written guarded and read back as they were', () => {
  const codes = ['=HYPERLINK("http://x.example","a")', '+84912', '-SO02', '@SUM(A1)'];
  const units = codes.map((code, i) => ({ code, name: `Sở Số ${i + 1}`, cbccvc: 100, email: `dv${i}@example.gov.vn` }));
  const report = run({ units }, '2026-11-20'); // a reminder date: every unit is due soon
  expect(report.reminders.map((r) => r.unit).sort()).toEqual([...codes].sort());
  const first = applySendLog(report, null);
  expect(first.toWrite).toHaveLength(4);
  const raw = readCsv(first.csv.replace(/^\ufeff/, ''), ',');
  expect(raw.flat().filter((c) => /^[=+\-@]/.test(String(c)))).toEqual([]);
  // the rerun reads its own log back: the same units, nothing written twice
  const rows = readSendLog('nhat-ky.csv', new TextEncoder().encode(first.csv));
  const second = applySendLog(report, rows);
  expect({ toWrite: second.toWrite.length, skipped: second.skipped }).toEqual({ toWrite: 0, skipped: 4 });
});
