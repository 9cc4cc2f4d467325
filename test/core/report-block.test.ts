/**
 * The Report carries every answer the adapters used to compute themselves (issue 12 §2): the
 * reminder block (is today a reminder date, the date served, the next one, the plans of today),
 * issue totals, the tables with their text columns, and one entry for send decisions.
 */
import {
  consolidate,
  decideSends,
  planReminders,
  reminderDates,
  reminderScheduleOn,
  reportJson,
  tableInfosOf,
  textColumnsBySheet,
  type Report,
} from '../../src/core';
import { generateProvince } from '../../src/demo';
import { parseYmd } from '../../src/core/dates';
import { logHeader, parseLog, reminderKey, toRows } from '../../src/core/sendlog';
import { LEARNERS_TABLE, UNITS_TABLE, SHEET } from '../../src/core/schema';

const NOW = new Date('2026-11-20T03:00:00Z');
const province = generateProvince({ seed: 2, units: 40, learners: 1200 });
const reportOn = (today: string): Report => consolidate(province.snapshot, { today });

// The generated province: deadline 25/11/2026, reminders 5 and 2 days before, 1 day after.
const REMINDER_DAY = '2026-11-20';
const OTHER_DAY = '2026-11-21';

describe('Report.reminder', () => {
  it("on a reminder date: due today, the plans are the report's reminders, the next date follows", () => {
    const r = reportOn(REMINDER_DAY);
    expect(r.reminder.isReminderDate).toBe(true);
    expect(r.reminder.dueDate).toBe(REMINDER_DAY);
    expect(r.reminder.deadline).toBe('2026-11-25');
    expect(r.reminder.nextDate).toBe('2026-11-23');
    expect(r.reminders.length).toBeGreaterThan(0);
    expect(r.reminder.plans).toBe(r.reminders);
  });

  it('on another date: nothing due, the next reminder date, and what a send today would say', () => {
    const r = reportOn(OTHER_DAY);
    expect(r.reminder.isReminderDate).toBe(false);
    expect(r.reminder.dueDate).toBeNull();
    expect(r.reminder.nextDate).toBe('2026-11-23');
    expect(r.reminders).toEqual([]);
    const plans = r.reminder.plans;
    expect(plans.length).toBeGreaterThan(0);
    expect(plans).toEqual(planReminders(r));
    expect(r.reminder.plans).toBe(plans); // composed once
  });

  it('after the last reminder date of the period there is no next date', () => {
    const r = reportOn('2026-11-28');
    expect(r.reminder).toMatchObject({ isReminderDate: false, dueDate: null, nextDate: null });
  });

  it('the schedule from the settings alone (the hourly trigger) agrees with the report on every day', () => {
    const settings = reportOn(REMINDER_DAY).settings;
    const deadline = parseYmd('2026-11-25')!;
    const dates = reminderDates(settings, deadline).map((d) => d.date);
    expect(dates).toEqual(['2026-11-20', '2026-11-23', '2026-11-26']);
    for (let d = 15; d <= 30; d++) {
      const today = `2026-11-${d}`;
      const s = reminderScheduleOn(today, settings);
      expect({ today, due: s.isReminderDate }).toEqual({ today, due: dates.includes(today) });
      expect(s.dueDate).toBe(dates.includes(today) ? today : null);
      expect(s.nextDate).toBe(dates.find((x) => x > today) ?? null);
    }
    const r = reportOn(OTHER_DAY);
    const { plans: _plans, ...schedule } = r.reminder;
    expect(reminderScheduleOn(OTHER_DAY, r.settings)).toEqual(schedule);
  });

  it('is not written to tong-hop.json (the format is unchanged)', () => {
    const json = reportJson(reportOn(OTHER_DAY)) as Record<string, unknown>;
    expect(Object.keys(json)).not.toContain('reminder');
    expect(Object.keys(json)).not.toContain('totals');
    expect(Object.keys(json)).not.toContain('tables');
  });
});

describe('Report.totals', () => {
  it('counts the issues by severity', () => {
    const r = reportOn(REMINDER_DAY);
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(r.totals).toEqual({ error: errors, warning: r.issues.length - errors });
  });
});

describe('decideSends', () => {
  it("on a reminder date sends today's plans, keyed by today, most lagging first", () => {
    const r = reportOn(REMINDER_DAY);
    const d = decideSends(r, [], 10_000, NOW, { dryRun: false });
    expect(d.send.map((o) => o.key)).toEqual(
      r.reminders.filter((p) => !d.invalid.some((o) => o.plan.unit === p.unit)).map((p) => reminderKey(r.period, REMINDER_DAY, p.unit)),
    );
  });

  it('on another date only retries; a manual send serves today', () => {
    const r = reportOn(OTHER_DAY);
    expect(decideSends(r, [], 10_000, NOW, { dryRun: false }).send).toEqual([]);
    const manual = decideSends(r, [], 10_000, NOW, { dueDate: OTHER_DAY, dryRun: false });
    expect(manual.send.length + manual.invalid.length).toBe(r.reminder.plans.length);
    expect(manual.send[0].key).toBe(reminderKey(r.period, OTHER_DAY, manual.send[0].plan.unit));
  });

  it("follows the report's dry run unless told, and the log: a sent key is not sent again", () => {
    const r = reportOn(REMINDER_DAY);
    const dry = decideSends({ ...r, settings: { ...r.settings, dryRun: true } }, [], 10_000, NOW);
    expect(dry.send).toEqual([]);
    expect(dry.dryRun.length).toBeGreaterThan(0);
    const first = decideSends(r, [], 10_000, NOW, { dryRun: false });
    const sent = first.send[0];
    const log = parseLog([
      logHeader(),
      ...toRows([
        {
          row: -1,
          time: NOW,
          period: sent.period,
          date: sent.date,
          unit: sent.plan.unit,
          to: sent.plan.to,
          kind: sent.plan.kind,
          status: 'sent',
          detail: '',
          key: sent.key,
        },
      ]),
    ]).entries;
    const again = decideSends(r, log, 10_000, NOW, { dryRun: false });
    expect(again.send.map((o) => o.key)).not.toContain(sent.key);
    expect(again.done.map((x) => x.key)).toContain(sent.key);
  });
});

describe('tables and their text columns', () => {
  it("the tables found without consolidating are the report's (a unit tab's owner aside)", () => {
    const r = reportOn(REMINDER_DAY);
    expect(tableInfosOf(province.snapshot)).toEqual(r.tables.map((t) => ({ ...t, unit: null })));
  });

  it("text columns are the schema's text columns of each table: CCCD, Mã đơn vị, phone", () => {
    const r = reportOn(REMINDER_DAY);
    const cols = textColumnsBySheet(r.tables);
    const learners = r.tables.find((t) => t.sheet === SHEET.learners)!;
    expect(cols.get(SHEET.learners)).toEqual([learners.columns.cccd]);
    const units = r.tables.find((t) => t.kind === 'units')!;
    const expected = UNITS_TABLE.columns.filter((c) => c.text && units.columns[c.field] !== undefined).map((c) => units.columns[c.field]);
    expect(expected.length).toBeGreaterThan(1);
    expect(cols.get(units.sheet)).toEqual(expected.sort((a, b) => a - b));
    // every learner tab, the unit tabs included
    for (const t of r.tables.filter((x) => x.kind === 'learners')) expect(cols.get(t.sheet)).toEqual([t.columns.cccd]);
    // a sheet that is not a table has none
    expect(cols.has(SHEET.config)).toBe(false);
    expect(LEARNERS_TABLE.columns.filter((c) => c.text).map((c) => c.field)).toEqual(['cccd']);
  });
});
