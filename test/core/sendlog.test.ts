/** The send log (src/core/sendlog/): keys, rows, the state of a key, and decide() (docs/reminders.md). The CLI's outbox: test/cli/sendlog.test.ts. */
import {
  classifySendError,
  decide,
  deferEntries,
  digestDue,
  digestKey,
  digestSince,
  DEFAULT_LAYOUT,
  hasOutstanding,
  isoWeek,
  isoWeekday,
  keyStates,
  logHeader,
  MAX_ATTEMPTS,
  outcomeEntry,
  parseKey,
  parseLog,
  parseTimeCell,
  pendingEntry,
  reminderKey,
  runDoneEntry,
  scrubIds,
  staleDigestEntries,
  STATUS_LABEL,
  toRows,
  uncertainEntry,
  type DecideInput,
  type LogEntry,
  type Outgoing,
} from '../../src/core/sendlog';
import { MAIL, MAIL_LOG_SHEET } from '../../src/core/messages';
import type { Cell, ReminderPlan } from '../../src/core/types';
import { vnDate } from '../helpers/workbook';

const NOW = new Date('2026-11-20T01:00:00Z'); // 08:00 in Vietnam
const PERIOD = '2026-11';
const TODAY = '2026-11-20';

function plan(unit: string, priority: number, to = `${unit.toLowerCase()}@example.gov.vn`): ReminderPlan {
  return { unit, to, kind: 'QUA_HAN', subject: `Nhắc ${unit}`, reasons: ['REPORT_MISSING'], text: `Nội dung ${unit}`, html: `<p>${unit}</p>`, priority };
}

/** Entries as they would be read back from the sheet (rows numbered after a header). */
function written(entries: LogEntry[]): LogEntry[] {
  return parseLog([logHeader(), ...toRows(entries)]).entries;
}

function input(over: Partial<DecideInput>): DecideInput {
  return { plans: [], period: PERIOD, dueDate: TODAY, log: [], now: NOW, quotaRemaining: 100, dryRun: false, ...over };
}

/** Apply a decision as an adapter would, every send succeeding unless `fail` says otherwise. */
function applyRun(log: LogEntry[], inp: DecideInput, fail: (o: Outgoing) => string | null = () => null): { log: LogEntry[]; sent: string[] } {
  const d = decide({ ...inp, log });
  const rows = log.map((e) => e);
  for (const u of d.uncertain) rows[rows.indexOf(u)] = uncertainEntry(u);
  const added = d.entries.slice();
  const sent: string[] = [];
  for (const o of d.send) {
    const err = fail(o);
    if (!err) sent.push(o.key);
    added.push(outcomeEntry(o, err ? { ok: false, error: err } : { ok: true }, inp.now).entry);
  }
  return { log: written([...rows, ...added]), sent };
}

describe('keys', () => {
  it('one key per period, reminder date and unit; digest per ISO week', () => {
    expect(reminderKey('2026-11', '2026-11-20', 'XA|01')).toBe('NHAC|2026-11|2026-11-20|XA|01');
    expect(parseKey('NHAC|2026-11|2026-11-20|XA|01')).toEqual({ type: 'reminder', period: '2026-11', date: '2026-11-20', unit: 'XA|01' });
    expect(parseKey(digestKey('2026-W46'))).toEqual({ type: 'digest', week: '2026-W46' });
    expect(parseKey('NHAC|2026-13-01|x')).toBeNull();
    expect(parseKey('ghi chú')).toBeNull();
  });

  it('ISO weeks', () => {
    expect(isoWeek({ y: 2026, m: 1, d: 1 }).week).toBe('2026-W01');
    expect(isoWeek({ y: 2027, m: 1, d: 1 }).week).toBe('2026-W53');
    expect(isoWeek({ y: 2026, m: 11, d: 9 })).toMatchObject({ week: '2026-W46', monday: '2026-11-09', number: 46, year: 2026 });
    expect(isoWeek({ y: 2026, m: 11, d: 15 }).monday).toBe('2026-11-09');
    expect(isoWeekday({ y: 2026, m: 11, d: 9 })).toBe(1);
    expect(isoWeekday({ y: 2026, m: 11, d: 15 })).toBe(7);
  });
});

describe('rows', () => {
  const e: LogEntry = {
    row: -1,
    time: NOW,
    period: PERIOD,
    date: TODAY,
    unit: 'SO01',
    to: 'so01@example.gov.vn',
    kind: 'QUA_HAN',
    status: 'sent',
    detail: 'ok',
    key: reminderKey(PERIOD, TODAY, 'SO01'),
  };

  it('the header is MAIL_LOG_SHEET.headers, Vietnamese labels in the cells', () => {
    expect(logHeader()).toEqual(MAIL_LOG_SHEET.headers);
    const [row] = toRows([e]);
    expect(row).toEqual([NOW, 'Tháng 11/2026', '20/11/2026', 'SO01', 'so01@example.gov.vn', 'Quá hạn', 'Đã gửi', 'ok', e.key]);
    expect(toRows([e], DEFAULT_LAYOUT, { time: 'text' })[0][0]).toBe('2026-11-20 08:00:00');
  });

  it('round trip, with a Date or a text time, with or without a header', () => {
    const all = LOG_STATUSES_FOR_TEST.map((status, i) => ({ ...e, status, unit: `U${i}`, key: reminderKey(PERIOD, TODAY, `U${i}`) }));
    const back = parseLog([logHeader(), ...toRows(all)]).entries;
    expect(back.map((x) => [x.status, x.unit, x.row])).toEqual(all.map((x, i) => [x.status, x.unit, i + 1]));
    expect(back[0].time).toEqual(NOW);
    const text = parseLog([logHeader(), ...toRows(all, DEFAULT_LAYOUT, { time: 'text' })]).entries;
    expect(text[0].time).toEqual(NOW);
    const bare = parseLog(toRows(all));
    expect(bare.layout.headerRow).toBe(-1);
    expect(bare.entries.map((x) => x.row)).toEqual(all.map((_, i) => i));
  });

  it('reads by header: an older 8-column sheet, codes instead of labels, title rows', () => {
    const old: Cell[][] = [
      ['NHẬT KÝ GỬI THƯ'],
      ['Thời gian', 'Kỳ', 'Mã đơn vị', 'Người nhận', 'Loại thư', 'Trạng thái', 'Chi tiết', 'Khóa'],
      [vnDate(2026, 11, 20), '11/2026', 'SO01', 'a@b.vn', 'QUA_HAN', 'sent', '', reminderKey(PERIOD, TODAY, 'SO01')],
      ['', '', '', '', '', 'CHỜ GỬI LƯỢT SAU', '', reminderKey(PERIOD, TODAY, 'XA001')],
      ['ghi chú của người dùng'],
      [NOW, '', '', '', '', 'Lượt chạy tự động bị lỗi', 'lỗi', ''],
      [NOW, '', '', '', '', 'không biết', '', reminderKey(PERIOD, TODAY, 'TR01')],
    ];
    const p = parseLog(old);
    expect(p.layout.headerRow).toBe(1);
    expect(p.layout.columns.date).toBe(-1);
    expect(p.entries.map((x) => [x.row, x.unit, x.status, x.kind])).toEqual([
      [2, 'SO01', 'sent', 'QUA_HAN'],
      [3, 'XA001', 'queued', 'CHAT_LUONG'],
      [5, '', 'run_error', 'RUN'],
      [6, 'TR01', 'uncertain', 'CHAT_LUONG'], // unreadable status: never resend
    ]);
    // rows written into that layout keep its columns
    const row = toRows([e], p.layout)[0];
    expect(row.length).toBe(8);
    expect(row[7]).toBe(e.key);
    expect(row[5]).toBe('Đã gửi');
  });

  it('a run_done row (what a trigger run did besides mail) is written readably and never read back as a key’s state', () => {
    const done = runDoneEntry(NOW, 'Kỳ 12/2026 đã bắt đầu: …', '2026-12');
    const [row] = toRows([done]);
    expect(row).toEqual([NOW, 'Tháng 12/2026', '', '', '', MAIL.kind.RUN, MAIL.status.run_done, 'Kỳ 12/2026 đã bắt đầu: …', '']);
    // with a key by mistake it still counts as nothing sent: unreadable, never resent
    const keyed = toRows([{ ...e, status: 'run_done' }])[0];
    expect(parseLog([logHeader(), row, keyed]).entries.map((x) => [x.row, x.status])).toEqual([[2, 'uncertain']]);
  });

  it('time cells', () => {
    expect(parseTimeCell('20/11/2026 08:00')).toEqual(NOW);
    expect(parseTimeCell('2026-11-20 08:00:00')).toEqual(NOW);
    expect(parseTimeCell('2026-11-20T01:00:00.000Z')).toEqual(NOW);
    expect(parseTimeCell('')).toBeNull();
    expect(parseTimeCell(42)).toBeNull();
  });

  it('no full CCCD or CMND in a detail', () => {
    expect(scrubIds('Lỗi 038085123456 và 123456789, điện thoại 0912345678')).toBe('Lỗi 038*******56 và 12******9, điện thoại 0912345678');
    const [row] = toRows([{ ...e, detail: 'CCCD 038085123456' }]);
    expect(row.join(' ')).not.toMatch(/\d{12}/);
  });
});

// the statuses of keyless run rows are not a key's state (run_done rows are never read back)
const LOG_STATUSES_FOR_TEST = Object.keys(STATUS_LABEL).filter((s) => s !== 'run_error' && s !== 'run_done') as LogEntry['status'][];

describe('state of a key', () => {
  const k = reminderKey(PERIOD, TODAY, 'SO01');
  const row = (status: LogEntry['status'], to = 'so01@example.gov.vn'): LogEntry => ({
    row: 0,
    time: NOW,
    period: PERIOD,
    date: TODAY,
    unit: 'SO01',
    to,
    kind: 'QUA_HAN',
    status,
    detail: '',
    key: k,
  });

  it('sent wins over anything later; pending and uncertain over other rows; else the latest', () => {
    expect(keyStates([row('sent'), row('queued')], false).get(k)!.status).toBe('sent');
    expect(keyStates([row('pending'), row('failed')], false).get(k)!.status).toBe('pending');
    expect(keyStates([row('uncertain'), row('sent')], false).get(k)!.status).toBe('sent');
    expect(keyStates([row('queued'), row('failed'), row('failed')], false).get(k)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(keyStates([row('failed'), row('cancelled')], false).get(k)!.status).toBe('cancelled');
  });

  it('dry-run rows count only while dry run is on', () => {
    expect(keyStates([row('dry_run')], true).get(k)!.status).toBe('dry_run');
    expect(keyStates([row('dry_run')], false).get(k)).toBeUndefined();
    expect(keyStates([row('queued'), row('dry_run')], false).get(k)!.status).toBe('queued');
  });
});

describe('decide', () => {
  const plans = [plan('XA001', 1000), plan('SO01', 1090), plan('TR01', 500), plan('SO02', 1000)];

  it('sends every due reminder within the quota, most lagging first (ties by unit code)', () => {
    const d = decide(input({ plans }));
    expect(d.send.map((o) => o.plan.unit)).toEqual(['SO01', 'SO02', 'XA001', 'TR01']);
    expect(d.send[0].key).toBe(reminderKey(PERIOD, TODAY, 'SO01'));
    expect(d.entries).toEqual([]);
  });

  it('quota short: the most lagging first, the rest queued once, sent on a later run', () => {
    let { log, sent } = applyRun([], input({ plans, quotaRemaining: 2 }));
    expect(sent).toEqual([reminderKey(PERIOD, TODAY, 'SO01'), reminderKey(PERIOD, TODAY, 'SO02')]);
    expect(log.filter((e) => e.status === 'queued').map((e) => e.unit)).toEqual(['XA001', 'TR01']);
    expect(log.find((e) => e.unit === 'TR01')!.detail).toBe(MAIL.detail.queuedQuota(2));
    // an hour later, no quota: nothing new is written
    const d = decide(input({ plans, log, quotaRemaining: 0, now: new Date(NOW.getTime() + 3600e3) }));
    expect(d.waiting.map((o) => o.plan.unit)).toEqual(['XA001', 'TR01']);
    expect(d.entries).toEqual([]);
    // the next day (not a reminder date): the queued ones go, with the content planned that day
    const next = new Date(NOW.getTime() + 86400e3);
    const later = [plan('XA001', 1000), plan('TR01', 500), plan('SO01', 1090)];
    ({ log, sent } = applyRun(log, input({ plans: later, log, quotaRemaining: 100, dueDate: null, now: next })));
    expect(sent).toEqual([reminderKey(PERIOD, TODAY, 'XA001'), reminderKey(PERIOD, TODAY, 'TR01')]);
    expect(log[log.length - 1].detail).toBe(MAIL.detail.sentRetry('20/11/2026'));
    // and never again
    expect(applyRun(log, input({ plans: later, log, dueDate: TODAY })).sent).toEqual([]);
  });

  it('a rerun sends nothing twice', () => {
    const first = applyRun([], input({ plans }));
    expect(first.sent).toHaveLength(4);
    const again = decide(input({ plans, log: first.log }));
    expect(again.send).toEqual([]);
    expect(again.done.map((x) => x.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('a pending row (interrupted run) becomes uncertain and is never resent', () => {
    const o = decide(input({ plans: [plan('SO01', 1)] })).send[0];
    const log = written([pendingEntry(o, NOW)]);
    const d = decide(input({ plans: [plan('SO01', 1)], log }));
    expect(d.send).toEqual([]);
    expect(d.uncertain).toHaveLength(1);
    expect(d.uncertain[0].row).toBe(1);
    expect(d.done).toEqual([{ key: o.key, unit: 'SO01', status: 'uncertain' }]);
    const after = written([uncertainEntry(d.uncertain[0])]);
    expect(after[0].status).toBe('uncertain');
    expect(decide(input({ plans: [plan('SO01', 1)], log: after, dueDate: null })).send).toEqual([]);
  });

  it('an invalid address is logged, not retried; a corrected address is tried', () => {
    const bad = [plan('SO01', 1, 'so01@@example')];
    const r1 = applyRun([], input({ plans: bad }));
    expect(r1.sent).toEqual([]);
    expect(r1.log.map((e) => e.status)).toEqual(['invalid']);
    expect(decide(input({ plans: bad, log: r1.log })).entries).toEqual([]);
    // MailApp rejecting an address is final for that address too
    const r2 = applyRun([], input({ plans: [plan('SO02', 1)] }), () => 'Invalid email: so02@example.gov.vn');
    expect(r2.log.map((e) => e.status)).toEqual(['invalid']);
    expect(decide(input({ plans: [plan('SO02', 1)], log: r2.log })).send).toEqual([]);
    expect(decide(input({ plans: [plan('SO02', 1, 'new@example.gov.vn')], log: r2.log })).send).toHaveLength(1);
  });

  it('a transient failure is retried; the fifth failure is final', () => {
    let log: LogEntry[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = applyRun(log, input({ plans: [plan('SO01', 1)], log, dueDate: i === 1 ? TODAY : null }), () => 'Service error: Mail');
      log = r.log;
      expect(log[log.length - 1].status).toBe(i < MAX_ATTEMPTS ? 'failed' : 'abandoned');
    }
    expect(log[0].detail).toBe(MAIL.detail.failed(1, MAX_ATTEMPTS, 'Service error: Mail'));
    expect(decide(input({ plans: [plan('SO01', 1)], log })).send).toEqual([]);
    // one failure, then success
    const r1 = applyRun([], input({ plans: [plan('SO01', 1)] }), () => 'Service error: Mail');
    const r2 = applyRun(r1.log, input({ plans: [plan('SO01', 1)], dueDate: null }));
    expect(r2.sent).toEqual([reminderKey(PERIOD, TODAY, 'SO01')]);
  });

  it('a quota error stops the run and queues the message', () => {
    const o = decide(input({ plans: [plan('SO01', 1)] })).send[0];
    const out = outcomeEntry(o, { ok: false, error: 'Service invoked too many times for one day: email.' }, NOW);
    expect(out.stop).toBe(true);
    expect(out.entry.status).toBe('queued');
    expect(deferEntries([o, { ...o, previous: 'queued' }], NOW, 'time')).toHaveLength(1);
  });

  it('dry run: logged once, nothing to send; real sends once dry run is off', () => {
    const r1 = applyRun([], input({ plans, dryRun: true }));
    expect(r1.sent).toEqual([]);
    expect(r1.log.map((e) => e.status)).toEqual(['dry_run', 'dry_run', 'dry_run', 'dry_run']);
    expect(decide(input({ plans, log: r1.log, dryRun: true })).entries).toEqual([]);
    expect(decide(input({ plans, log: r1.log, dryRun: false })).send).toHaveLength(4);
  });

  it('queued reminders of an earlier date: cancelled when the unit caught up, superseded by a new date, or the period is over', () => {
    const q = applyRun([], input({ plans, quotaRemaining: 0, dueDate: '2026-11-20' })).log;
    expect(q.map((e) => e.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    // 23/11 is a reminder date: SO01 and XA001 lag, SO02 caught up, TR01 is not planned either
    const d = decide(input({ plans: [plan('SO01', 1090), plan('XA001', 1000)], log: q, dueDate: '2026-11-23', quotaRemaining: 10 }));
    expect(d.send.map((o) => o.key)).toEqual([reminderKey(PERIOD, '2026-11-23', 'SO01'), reminderKey(PERIOD, '2026-11-23', 'XA001')]);
    const reasons = Object.fromEntries(d.cancel.map((c) => [c.entry.unit, c.reason]));
    expect(reasons).toEqual({ SO01: 'superseded', XA001: 'superseded', SO02: 'not_lagging', TR01: 'not_lagging' });
    expect(d.entries.find((e) => e.unit === 'SO01')!.detail).toBe(MAIL.detail.cancelledSuperseded('23/11/2026'));
    // next month: leftovers are cancelled
    const dec = decide(input({ plans, log: q, period: '2026-12', dueDate: null }));
    expect(dec.send).toEqual([]);
    expect(dec.cancel.map((c) => c.reason)).toEqual(['period_over', 'period_over', 'period_over', 'period_over']);
  });

  it('two outstanding dates of one unit: one message, the older is superseded', () => {
    const a = applyRun([], input({ plans: [plan('SO01', 1)], quotaRemaining: 0, dueDate: '2026-11-20' })).log;
    const b = applyRun(a, input({ plans: [plan('SO01', 1)], log: a, quotaRemaining: 0, dueDate: '2026-11-23' })).log;
    const d = decide(input({ plans: [plan('SO01', 1)], log: b, dueDate: null }));
    expect(d.send.map((o) => o.key)).toEqual([reminderKey(PERIOD, '2026-11-23', 'SO01')]);
    expect(d.cancel).toEqual([]); // the 20/11 one was superseded when 23/11 was queued
    expect(b.filter((e) => e.status === 'cancelled').map((e) => e.date)).toEqual(['2026-11-20']);
  });

  it('no due date: only retries', () => {
    expect(decide(input({ plans, dueDate: null })).send).toEqual([]);
  });

  it('maxSends caps the run; the rest is queued', () => {
    const d = decide(input({ plans, maxSends: 1 }));
    expect(d.send.map((o) => o.plan.unit)).toEqual(['SO01']);
    expect(d.queue).toHaveLength(3);
  });
});

describe('MailApp errors', () => {
  it.each([
    ['Invalid email: abc@', 'invalid'],
    ['Invalid argument: recipient', 'invalid'],
    ['Service invoked too many times for one day: email.', 'quota'],
    ['Limit Exceeded: Email Recipients Per Message.', 'transient'],
    ['Email quota likely reached', 'quota'],
    ['Service error: Mail', 'transient'],
    ['We are sorry, a server error occurred. Please wait a bit and try again.', 'transient'],
  ])('%s → %s', (msg, cls) => expect(classifySendError(msg)).toBe(cls));
});

describe('digest schedule', () => {
  const settings = { digestEmails: ['lanhdao@example.gov.vn'], dryRun: false };
  it('due from Monday, once per ISO week, retried after a failure', () => {
    expect(digestDue({ log: [], today: '2026-11-09', settings })).toMatchObject({ key: digestKey('2026-W46'), date: '2026-11-09', weekNumber: 46 });
    expect(digestDue({ log: [], today: '2026-11-12', settings })!.key).toBe(digestKey('2026-W46'));
    expect(digestDue({ log: [], today: '2026-11-11', settings, weekday: 5 })).toBeNull();
    expect(digestDue({ log: [], today: '2026-11-09', settings: { ...settings, digestEmails: [] } })).toBeNull();
    const row = (status: LogEntry['status']): LogEntry => ({
      row: 1,
      time: NOW,
      period: PERIOD,
      date: '2026-11-09',
      unit: '',
      to: 'lanhdao@example.gov.vn',
      kind: 'DIGEST',
      status,
      detail: '',
      key: digestKey('2026-W46'),
    });
    expect(digestDue({ log: written([row('sent')]), today: '2026-11-10', settings })).toBeNull();
    expect(digestDue({ log: written([row('failed')]), today: '2026-11-10', settings })).toMatchObject({ attempts: 1, previous: 'failed' });
    expect(digestDue({ log: written([row('sent')]), today: '2026-11-16', settings })!.key).toBe(digestKey('2026-W47'));
    expect(written([row('sent')])[0].kind).toBe('DIGEST');
    expect(toRows([row('sent')])[0][1]).toBe('Tuần 46/2026');
  });

  it('a digest still queued when the week is over is cancelled and is not outstanding work', () => {
    const queued: LogEntry = {
      row: 1,
      time: NOW,
      period: PERIOD,
      date: '2026-11-09',
      unit: '',
      to: 'lanhdao@example.gov.vn',
      kind: 'DIGEST',
      status: 'queued',
      detail: '',
      key: digestKey('2026-W46'),
    };
    const log = written([queued]);
    expect(hasOutstanding(log, false)).toBe(false);
    expect(staleDigestEntries(log, '2026-11-12', false, NOW)).toEqual([]);
    const stale = staleDigestEntries(log, '2026-11-16', false, NOW);
    expect(stale.map((e) => [e.key, e.status, e.detail])).toEqual([[digestKey('2026-W46'), 'cancelled', MAIL.detail.cancelledDigest]]);
    expect(keyStates(written([queued, ...stale]), false).get(digestKey('2026-W46'))!.status).toBe('cancelled');
  });

  it('the window starts at the last digest sent, at most 7 days back', () => {
    const sentAt = new Date(NOW.getTime() - 3 * 86400e3);
    const log: LogEntry[] = [
      { row: 1, time: sentAt, period: PERIOD, date: '', unit: '', to: '', kind: 'DIGEST', status: 'sent', detail: '', key: digestKey('2026-W46') },
    ];
    expect(digestSince(log, NOW)).toEqual(sentAt);
    expect(digestSince([], NOW)).toEqual(new Date(NOW.getTime() - 7 * 86400e3));
  });
});
