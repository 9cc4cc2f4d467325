/**
 * The rows a run appends, each a step of a key's state: `pending` before a send and its outcome
 * after (sent, failed, abandoned, invalid, queued), queued for a later run, cancelled, a `pending`
 * row of an interrupted run rewritten as `uncertain`, and a run's error.
 */
import { formatDateVi, formatPeriodVi, parseYmd, vnDateParts, ymd } from '../dates';
import { MAIL } from '../messages';
import { scrubIds } from './format';
import { MAX_ATTEMPTS, type Cancelled, type LogEntry, type LogKind, type LogStatus, type Outgoing } from './model';

/** A row for a message (its key, period, reminder date, unit and recipient) with a status. */
export function entryFor(o: Outgoing, now: Date, status: LogStatus, detail: string): LogEntry {
  return { row: -1, time: now, period: o.period, date: o.date, unit: o.plan.unit, to: o.plan.to, kind: o.plan.kind as LogKind, status, detail, key: o.key };
}

/** The row written (and flushed) just before sending. */
export function pendingEntry(o: Outgoing, now: Date): LogEntry {
  return entryFor(o, now, 'pending', MAIL.detail.pending);
}

export type SendResult = { ok: true } | { ok: false; error: string };
export type SendErrorClass = 'invalid' | 'quota' | 'transient';

/**
 * What a MailApp exception means. Invalid recipient: never retried to that address. Quota ("too
 * many times", "limit exceeded"): nothing was sent, stop this run, queue the rest. Anything else:
 * a passing fault, retried on a later run.
 */
export function classifySendError(message: string): SendErrorClass {
  const m = message.toLowerCase();
  if (/invalid (e-?mail|recipient|address|argument: (to|recipient))|địa chỉ.*không hợp lệ|no recipient|bad recipient/.test(m)) return 'invalid';
  // "Limit Exceeded: Email Body Size / Recipients Per Message" is about this message: transient (then abandoned).
  if (/too many times|quota|rate ?limit|hạn mức|quá nhiều lần/.test(m)) return 'quota';
  return 'transient';
}

/** Short, ID-free text of an error for the log. */
export function errorDetail(error: string): string {
  const s = scrubIds(error.replace(/\s+/g, ' ').trim());
  return s.length > 300 ? s.slice(0, 297) + '…' : s;
}

export interface Outcome {
  entry: LogEntry;
  /** A quota error: stop sending in this run (queue the rest). */
  stop: boolean;
}

/** The row replacing a message's pending row once its send returned or threw. */
export function outcomeEntry(o: Outgoing, result: SendResult, now: Date, maxAttempts = MAX_ATTEMPTS): Outcome {
  if (result.ok) {
    const today = ymd(vnDateParts(now));
    const detail = o.plan.unit && o.date !== today ? MAIL.detail.sentRetry(formatDateVi(parseYmd(o.date)!)) : MAIL.detail.sent;
    return { entry: entryFor(o, now, 'sent', detail), stop: false };
  }
  const err = errorDetail(result.error);
  const cls = classifySendError(result.error);
  if (cls === 'invalid') return { entry: entryFor(o, now, 'invalid', MAIL.detail.invalidRejected(err)), stop: false };
  if (cls === 'quota') return { entry: entryFor(o, now, 'queued', MAIL.detail.queuedMailError(err)), stop: true };
  const attempt = o.attempts + 1;
  if (attempt >= maxAttempts) return { entry: entryFor(o, now, 'abandoned', MAIL.detail.abandoned(attempt, err)), stop: false };
  return { entry: entryFor(o, now, 'failed', MAIL.detail.failed(attempt, maxAttempts, err)), stop: false };
}

/**
 * A message left for a later run: 'quota' (quota used up), 'time' (the run's time budget). Null
 * when the key is already queued (its state does not change: no new row).
 */
export function queuedEntry(o: Outgoing, now: Date, why: 'quota' | 'time', quotaRemaining = 0): LogEntry {
  return entryFor(o, now, 'queued', why === 'quota' ? MAIL.detail.queuedQuota(quotaRemaining) : MAIL.detail.queuedTime);
}

/** Rows for messages deferred mid-run (time budget or a quota error): only for keys not already queued. */
export function deferEntries(list: Outgoing[], now: Date, why: 'quota' | 'time', quotaRemaining = 0): LogEntry[] {
  return list.filter((o) => o.previous !== 'queued').map((o) => queuedEntry(o, now, why, quotaRemaining));
}

/** The row for a queued or failed message no longer sent (Decision.cancel). */
export function cancelEntry(c: Cancelled, now: Date): LogEntry {
  const detail =
    c.reason === 'not_lagging'
      ? MAIL.detail.cancelledNotLagging
      : c.reason === 'period_over'
        ? MAIL.detail.cancelledPeriodOver(formatPeriodVi(c.entry.period))
        : MAIL.detail.cancelledSuperseded(formatDateVi(parseYmd(c.by!)!));
  return { ...c.entry, row: -1, time: now, status: 'cancelled', detail };
}

/** A pending row found by a run holding the lock: rewritten in place as `uncertain`. */
export function uncertainEntry(e: LogEntry): LogEntry {
  return { ...e, status: 'uncertain', detail: MAIL.detail.uncertain };
}

/** A readable row for a run that threw (no key). */
export function runErrorEntry(now: Date, message: string, period = ''): LogEntry {
  return {
    row: -1,
    time: now,
    period,
    date: '',
    unit: '',
    to: '',
    kind: 'RUN',
    status: 'run_error',
    detail: MAIL.detail.runError(errorDetail(message)),
    key: '',
  };
}

/** A row for work a trigger run did besides mail (the report rows prepared at a period's start): a record, never read back. */
export function runDoneEntry(now: Date, detail: string, period = ''): LogEntry {
  return { row: -1, time: now, period, date: '', unit: '', to: '', kind: 'RUN', status: 'run_done', detail, key: '' };
}
