/**
 * Deciding what to send: `decideSends` (the one entry: the report's plans of today, its period and
 * reminder date) over `decide`, for the log as it is now. The adapters apply the Decision.
 */
import { checkEmail } from '../email';
import { MAIL } from '../messages';
import type { ReminderPlan, Report } from '../types';
import { cancelEntry, entryFor, queuedEntry } from './entries';
import { parseKey, reminderKey } from './keys';
import { MAX_ATTEMPTS, type Cancelled, type LogEntry, type LogStatus, type Outgoing } from './model';
import { isOutstanding, isSettled, keyStates, type KeyState } from './state';

export interface DecideInput {
  /** The reminders as planned now (planReminders for today, on any date), most lagging first. */
  plans: ReminderPlan[];
  /** The current period (YYYY-MM or YYYY-Qn). */
  period: string;
  /** The reminder date being served now (today on a reminder date, or a manual send), else null: only retries. */
  dueDate: string | null;
  log: LogEntry[];
  now: Date;
  /** Recipients MailApp may still send to (getRemainingDailyQuota), minus any reserve. */
  quotaRemaining: number;
  dryRun: boolean;
  /** Sends allowed in this run at most (besides the quota). */
  maxSends?: number;
  maxAttempts?: number;
}

export interface Decision {
  /** To send now, most lagging first. */
  send: Outgoing[];
  /** Not sent now for lack of quota, newly queued (a row each). */
  queue: Outgoing[];
  /** Not sent now, already queued by an earlier run (no new row). */
  waiting: Outgoing[];
  /** Malformed address: logged `invalid`, never sent. */
  invalid: Outgoing[];
  /** Dry run: logged `dry_run`, not sent. */
  dryRun: Outgoing[];
  cancel: Cancelled[];
  /** `pending` rows of an interrupted run: to be rewritten as `uncertain` (entries with row set). */
  uncertain: LogEntry[];
  /** Keys of the due date (or retries) with nothing to do, and why. */
  done: { key: string; unit: string; status: LogStatus }[];
  /** The rows to append now (invalid, dry run, queue, cancel), already composed. */
  entries: LogEntry[];
}

function byPriority(a: Outgoing, b: Outgoing): number {
  return b.plan.priority - a.plan.priority || (a.plan.unit < b.plan.unit ? -1 : a.plan.unit > b.plan.unit ? 1 : 0);
}

/** How many recipients a message counts for in MailApp's quota. */
export function recipientCount(to: string): number {
  return Math.max(1, to.split(/[,;]/).filter((s) => s.trim()).length);
}

export interface DecideSendsOptions {
  /**
   * The reminder date served (default: the report's, today on a reminder date, else null: only
   * retries). A manual send ("Gửi thư nhắc ngay") serves today whatever the calendar says.
   */
  dueDate?: string | null;
  /** Default: the report's `Chế độ thử`; the CLI's outbox sends nothing, so it passes false. */
  dryRun?: boolean;
}

/**
 * The one entry for send decisions: `decide` on the report's plans of today
 * (`report.reminder.plans`), its period and reminder date, for the log as it is now.
 */
export function decideSends(report: Report, log: LogEntry[], quotaRemaining: number, now: Date, opts: DecideSendsOptions = {}): Decision {
  return decide({
    plans: report.reminder.plans,
    period: report.period,
    dueDate: opts.dueDate === undefined ? report.reminder.dueDate : opts.dueDate,
    log,
    now,
    quotaRemaining,
    dryRun: opts.dryRun ?? report.settings.dryRun,
  });
}

/**
 * Which reminders to send now, queue, log as invalid or dry run, cancel, or leave alone. Pure:
 * the adapters write `entries` and the `uncertain` rewrites, then send `send` in order, writing a
 * `pending` row before each message (pendingEntry) and its outcome after (outcomeEntry).
 */
export function decide(input: DecideInput): Decision {
  const maxAttempts = input.maxAttempts ?? MAX_ATTEMPTS;
  const states = keyStates(input.log, input.dryRun);
  const planByUnit = new Map(input.plans.map((p) => [p.unit, p]));
  const d: Decision = { send: [], queue: [], waiting: [], invalid: [], dryRun: [], cancel: [], uncertain: [], done: [], entries: [] };

  for (const e of input.log) if (e.status === 'pending' && e.row >= 0) d.uncertain.push(e);

  // Candidates of the due date.
  const candidates: Outgoing[] = [];
  const dueUnits = new Set<string>();
  if (input.dueDate) {
    for (const plan of input.plans) {
      const key = reminderKey(input.period, input.dueDate, plan.unit);
      const s = states.get(key);
      dueUnits.add(plan.unit);
      if (isSettled(s, plan.to, maxAttempts)) {
        d.done.push({ key, unit: plan.unit, status: s!.status === 'pending' ? 'uncertain' : s!.status });
        continue;
      }
      candidates.push({ key, period: input.period, date: input.dueDate, plan, attempts: s ? s.attempts : 0, previous: s ? s.status : null });
    }
  }

  // Outstanding keys of earlier reminder dates: retried with today's content, once per unit.
  const outstanding: { s: KeyState; k: { period: string; date: string; unit: string } }[] = [];
  for (const s of states.values()) {
    const k = parseKey(s.key);
    if (!k || k.type !== 'reminder' || !isOutstanding(s, maxAttempts)) continue;
    if (input.dueDate && k.period === input.period && k.date === input.dueDate) continue;
    outstanding.push({ s, k });
  }
  outstanding.sort((a, b) => (a.k.date > b.k.date ? -1 : a.k.date < b.k.date ? 1 : 0));
  const retried = new Map<string, string>();
  for (const { s, k } of outstanding) {
    if (k.period !== input.period) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'period_over' });
      continue;
    }
    const plan = planByUnit.get(k.unit);
    if (!plan) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'not_lagging' });
      continue;
    }
    if (dueUnits.has(k.unit)) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'superseded', by: input.dueDate! });
      continue;
    }
    const newer = retried.get(k.unit);
    if (newer) {
      d.cancel.push({ key: s.key, entry: s.last, reason: 'superseded', by: newer });
      continue;
    }
    retried.set(k.unit, k.date);
    candidates.push({ key: s.key, period: k.period, date: k.date, plan, attempts: s.attempts, previous: s.status });
  }

  candidates.sort(byPriority);
  let quota = Math.max(0, Math.floor(input.quotaRemaining));
  let slots = input.maxSends ?? Infinity;
  for (const o of candidates) {
    if (!checkEmail(o.plan.to).valid) {
      d.invalid.push(o);
      continue;
    }
    if (input.dryRun) {
      d.dryRun.push(o);
      continue;
    }
    const n = recipientCount(o.plan.to);
    if (n <= quota && slots > 0) {
      d.send.push(o);
      quota -= n;
      slots--;
    } else if (o.previous === 'queued') d.waiting.push(o);
    else d.queue.push(o);
  }

  const now = input.now;
  for (const o of d.invalid) d.entries.push(entryFor(o, now, 'invalid', MAIL.detail.invalidAddress(o.plan.to)));
  for (const o of d.dryRun) d.entries.push(entryFor(o, now, 'dry_run', MAIL.detail.dryRun));
  for (const o of d.queue) d.entries.push(queuedEntry(o, now, 'quota', Math.max(0, Math.floor(input.quotaRemaining))));
  for (const c of d.cancel) d.entries.push(cancelEntry(c, now));
  return d;
}
