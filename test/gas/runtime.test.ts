/**
 * Issue 11 §5: the triggers' total runtime. Apps Script allows 90 minutes a day on a consumer
 * account (6 h on Workspace) for all trigger runs of a user
 * (https://developers.google.com/apps-script/guides/services/quotas, "Triggers total runtime").
 * The hourly schedule must stay far below: ≤ 10 minutes a day on a 20,000-row province of 250
 * units, on a reminder date (250 reminders at a quota of 100), on the queue day after it, and on
 * a day with nothing to send. The emulator counts the script's own time (cpuFactor) and every
 * service call's simulated cost.
 */
import { SHEET } from '../../src/core/schema';
import { scheduledRun, installSchedule } from '../../src/gas/schedule';
import { onEdit } from '../../src/gas/main';
import { parseLog } from '../../src/core/sendlog';
import type { Cell } from '../../src/core/types';
import { gasEnv, loadSnapshot, realConsole, resetGlobals, type TestEnv } from './helpers';
import { makeProvince } from './province';
import { scaleTest } from '../helpers/scale';

const HOUR = 3600_000;
const vn = (date: string, hour = 0, minute = 0) => new Date(Date.parse(`${date}T00:00:00Z`) - 7 * HOUR + hour * HOUR + minute * 60_000);

afterEach(() => resetGlobals());

/**
 * Apps Script's engine is slower than Node on this machine by a factor nobody here has measured:
 * assume 10 (pessimistic) for the script's own time; service calls cost what the emulator's cost
 * model says (test/emulator/README.md).
 */
const CPU_FACTOR = 10;

/** Cells of a full read of the workbook: more than this in one run means the inputs were read. */
const FULL_READ = 100_000;

interface DayFigures {
  minutes: number;
  runs: number;
  /** Hours (VN) whose run read the whole workbook. */
  fullReads: number[];
  skipped: Record<string, number>;
  sent: number;
}

/** Run the hourly trigger at hh:30 of each hour of `date`, with `edits` (hour → edit) made before that hour's run. */
function day(env: TestEnv, date: string, edits: Record<number, () => void> = {}): DayFigures {
  const before = env.execution.runtime.length;
  const f: DayFigures = { minutes: 0, runs: 0, fullReads: [], skipped: {}, sent: 0 };
  for (let h = 0; h < 24; h++) {
    env.clock.set(vn(date, h, 30));
    if (edits[h]) edits[h]();
    const cells = env.counters.cellsRead;
    const uid = env.triggers.list()[0].getUniqueId();
    const r = env.run('time-trigger', () => scheduledRun({ triggerUid: uid }));
    if (env.counters.cellsRead - cells > FULL_READ) f.fullReads.push(h);
    if (r.skipped) f.skipped[r.skipped] = (f.skipped[r.skipped] ?? 0) + 1;
    f.sent += r.counts.sent;
  }
  const runs = env.execution.runtime.slice(before);
  f.runs = runs.length;
  f.minutes = Math.round((runs.reduce((s, r) => s + (r.endMs - r.startMs), 0) / 60_000) * 100) / 100;
  return f;
}

function province(triggerDocument: 'active' | 'none' = 'active'): TestEnv {
  const env = gasEnv({ now: vn('2026-11-18', 12), mailQuota: 100, addon: true, user: 'canbo@skhcn.example.gov.vn', cpuFactor: CPU_FACTOR, triggerDocument });
  const p = makeProvince({ learners: 20_000, units: 250, seed: 5 });
  loadSnapshot(env, p.snapshot);
  env.menu(() => installSchedule());
  return env;
}

// a scale case (npm run test:scale): the other cases below check the same decisions on a smaller day
scaleTest('a 20,000-row province of 250 units: the hourly schedule spends ≤ 10 minutes of trigger time a day, and reads the workbook only when it must', () => {
  const env = province();
  const figures: Record<string, DayFigures> = {};
  figures['2026-11-19'] = day(env, '2026-11-19'); // nothing to send
  figures['2026-11-20'] = day(env, '2026-11-20'); // a reminder date: 250 due, quota 100
  figures['2026-11-21'] = day(env, '2026-11-21'); // the queue: 100 more when the quota comes back
  figures['2026-11-22'] = day(env, '2026-11-22'); // the last 50
  realConsole.log('trigger time per day on 20,000 rows:', JSON.stringify(figures), 'script time charged (ms):', Math.round(env.execution.cpuChargedMs));
  for (const f of Object.values(figures)) expect(f.minutes).toBeLessThanOrEqual(10);
  // nothing to send: the daily consolidation (00:30) is the only full read
  expect(figures['2026-11-19'].fullReads).toEqual([0]);
  // the reminder date: the consolidation, then the 07:30 run that decides and sends; the rest skip
  expect(figures['2026-11-20'].fullReads).toEqual([0, 7]);
  expect(figures['2026-11-20'].sent).toBe(100);
  expect(figures['2026-11-20'].skipped.quota).toBe(16);
  // the queue day: the quota comes back 24 h after the first sends
  expect(figures['2026-11-21'].sent).toBe(100);
  expect(figures['2026-11-22'].sent).toBe(50);
  const log = parseLog(env.sheetValues(SHEET.mailLog) as Cell[][]).entries;
  expect(log.filter((e) => e.status === 'sent').length).toBe(250);
  for (const date of ['2026-11-21', '2026-11-22']) expect(figures[date].fullReads.length).toBeLessThanOrEqual(3);
});

test('an edit after the plan was made: the next hour reads the workbook again and records the new plan; then it skips again', () => {
  const env = province();
  const f = day(env, '2026-11-20', {
    10: () => {
      const ev = env.userEdit('Báo cáo tháng', 'D3', 5, { as: 'dv003@example.gov.vn' });
      env.run('simple-trigger', () => onEdit(ev as never));
    },
  });
  expect(f.fullReads).toEqual([0, 7, 10]);
  expect(f.skipped.quota).toBe(15);
});

test("an Editor add-on whose trigger runs without a document skips the same way (the plan and the edit stamp live in the document's store)", () => {
  const env = province('none');
  const f = day(env, '2026-11-20', {
    10: () => {
      const ev = env.userEdit('Báo cáo tháng', 'D3', 5, { as: 'dv003@example.gov.vn' });
      env.run('simple-trigger', () => onEdit(ev as never));
    },
  });
  expect(f.sent).toBe(100);
  expect(f.fullReads).toEqual([0, 7, 10]);
  expect(f.skipped.quota).toBe(15);
});
