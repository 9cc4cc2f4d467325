/** The CLI's outbox over the send log (`cliOutbox`, src/cli/sendlog.ts; docs/reminders.md): a rerun writes nothing twice. */
import { cliOutbox } from '../../src/cli/sendlog';
import { logHeader, STATUS_LABEL } from '../../src/core/sendlog';
import type { Cell } from '../../src/core/types';
import { DEFAULT_UNITS, REPORT_HEADER, run, vnDate } from '../helpers/workbook';

const NOW = new Date('2026-11-20T01:00:00Z'); // 08:00 in Vietnam
const TODAY = '2026-11-20';

describe('CLI --send-log', () => {
  const reports: Cell[][] = [REPORT_HEADER, ['11/2026', 'SO01', '', 10, '', '', '', '', '', vnDate(2026, 11, 10)]];
  const report = run({ reports, units: DEFAULT_UNITS }, TODAY);

  it('a rerun writes no reminder twice', () => {
    expect(report.reminders.length).toBeGreaterThan(0);
    const first = cliOutbox(report, null, NOW);
    expect(first.toWrite.map((p) => p.unit)).toEqual(report.reminders.map((p) => p.unit));
    expect(first.rows[0]).toEqual(logHeader());
    expect(first.rows.slice(1).every((r) => r[6] === STATUS_LABEL.sent)).toBe(true);
    expect(typeof first.rows[1][0]).toBe('string');
    const second = cliOutbox(report, first.rows, new Date(NOW.getTime() + 60e3));
    expect(second.toWrite).toEqual([]);
    expect(second.skipped).toBe(first.toWrite.length);
    expect(second.rows).toEqual(first.rows);
  });

  it('an interrupted CLI run (pending rows) is not rewritten', () => {
    const first = cliOutbox(report, null, NOW);
    const rows = first.rows.map((r, i) => (i === 1 ? r.map((c, j) => (j === 6 ? STATUS_LABEL.pending : c)) : r));
    const second = cliOutbox(report, rows, NOW);
    expect(second.toWrite).toEqual([]);
    expect(second.rows[1][6]).toBe(STATUS_LABEL.uncertain);
  });
});
