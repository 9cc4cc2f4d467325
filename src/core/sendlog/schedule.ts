/**
 * When: the send window of scheduled runs, and the weekly digest's schedule (once per ISO week,
 * from the digest weekday on, until sent; older weeks' outstanding digests cancelled).
 */
import { parseYmd } from '../dates';
import { MAIL } from '../messages';
import type { ReminderKind, Settings } from '../types';
import { digestKey } from './keys';
import { MAX_ATTEMPTS, type LogEntry, type LogStatus, type Outgoing } from './model';
import { isOutstanding, isSettled, keyStates } from './state';
import { isoWeek, isoWeekday } from './time';

/** The weekly digest goes out on this ISO weekday (1 = Monday) or the first run after it in the week. */
export const DIGEST_WEEKDAY = 1;
/** Scheduled sends start at this hour, Asia/Ho_Chi_Minh (menu sends are immediate). */
export const SEND_FROM_HOUR = 7;

export interface DigestDue {
  key: string;
  week: string;
  weekNumber: number;
  year: number;
  /** Monday of the week. */
  date: string;
  attempts: number;
  previous: LogStatus | null;
}

/**
 * The digest due now, if any: from the digest weekday on (Monday), once per ISO week, until it is
 * sent (or dry-run, uncertain, abandoned). Null without recipients.
 */
export function digestDue(input: {
  log: LogEntry[];
  today: string;
  settings: Pick<Settings, 'digestEmails' | 'dryRun'>;
  weekday?: number;
  maxAttempts?: number;
}): DigestDue | null {
  if (!input.settings.digestEmails.length) return null;
  const p = parseYmd(input.today);
  if (!p) return null;
  if (isoWeekday(p) < (input.weekday ?? DIGEST_WEEKDAY)) return null;
  const w = isoWeek(p);
  const key = digestKey(w.week);
  const s = keyStates(input.log, input.settings.dryRun).get(key);
  if (isSettled(s, input.settings.digestEmails.join(', '), input.maxAttempts ?? MAX_ATTEMPTS)) return null;
  return { key, week: w.week, weekNumber: w.number, year: w.year, date: w.monday, attempts: s ? s.attempts : 0, previous: s ? s.status : null };
}

/**
 * Digests of earlier weeks still queued or failed: cancelled (the next digest covers the time since
 * the last one sent, so nothing is lost).
 */
export function staleDigestEntries(log: LogEntry[], today: string, dryRun: boolean, now: Date, maxAttempts = MAX_ATTEMPTS): LogEntry[] {
  const p = parseYmd(today);
  if (!p) return [];
  const current = digestKey(isoWeek(p).week);
  const out: LogEntry[] = [];
  for (const s of keyStates(log, dryRun).values()) {
    if (s.last.kind !== 'DIGEST' || s.key === current || !isOutstanding(s, maxAttempts)) continue;
    out.push({ ...s.last, row: -1, time: now, status: 'cancelled', detail: MAIL.detail.cancelledDigest });
  }
  return out;
}

/** The digest as an Outgoing (so it is logged, sent and retried like a reminder). */
export function digestOutgoing(due: DigestDue, period: string, message: { subject: string; text: string; html: string }, recipients: string[]): Outgoing {
  return {
    key: due.key,
    period,
    date: due.date,
    plan: {
      unit: '',
      to: recipients.join(', '),
      kind: 'DIGEST' as ReminderKind,
      subject: message.subject,
      reasons: [],
      text: message.text,
      html: message.html,
      priority: 0,
    },
    attempts: due.attempts,
    previous: due.previous,
  };
}

/** The start of the digest's window: the last digest sent, or 7 days before `now`. */
export function digestSince(log: LogEntry[], now: Date): Date {
  let since = now.getTime() - 7 * 86400000;
  for (const e of log) {
    if (e.kind === 'DIGEST' && e.status === 'sent' && e.time && e.time.getTime() < now.getTime() && e.time.getTime() > since) since = e.time.getTime();
  }
  return new Date(since);
}
