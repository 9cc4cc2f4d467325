/**
 * The send log's vocabulary: the entry read from (or written to) one row, its statuses and kinds,
 * and a message on its way (Outgoing) or called off (Cancelled).
 *
 * Statuses (stable codes; the sheet shows MAIL.status labels) and what a later run does with them:
 *
 * | code        | meaning                                                   | later runs            |
 * | ----------- | --------------------------------------------------------- | --------------------- |
 * | `pending`   | written (and flushed) just before MailApp.sendEmail       | → `uncertain`, never resent |
 * | `sent`      | MailApp returned                                          | final                 |
 * | `queued`    | not sent: quota or time budget used up (or quota error)   | sent later, most lagging first |
 * | `failed`    | MailApp threw a passing error; nothing was sent           | retried, up to MAX_ATTEMPTS |
 * | `abandoned` | the MAX_ATTEMPTS-th failure                               | final                 |
 * | `invalid`   | the address is malformed or MailApp rejected it           | final for that address; a new address is tried |
 * | `dry_run`   | "Chế độ thử": logged, not sent                            | final while dry run is on; ignored once it is off |
 * | `uncertain` | a `pending` row found by a later run (interrupted run)    | final: never resent, shown in the digest |
 * | `cancelled` | a queued/failed message no longer needed (unit caught up, period over, superseded by a newer reminder date) | final unless due again |
 * | `run_error` | a trigger run that threw (no key)                         | shown in the digest   |
 * | `run_done`  | work a trigger run did besides mail (no key): the report rows it prepared at a period's start | a record only: not read back |
 */
import { MAIL } from '../messages';
import type { ReminderKind, ReminderPlan } from '../types';

export type LogStatus = 'pending' | 'sent' | 'queued' | 'failed' | 'abandoned' | 'invalid' | 'dry_run' | 'uncertain' | 'cancelled' | 'run_error' | 'run_done';

export const LOG_STATUSES: LogStatus[] = [
  'pending',
  'sent',
  'queued',
  'failed',
  'abandoned',
  'invalid',
  'dry_run',
  'uncertain',
  'cancelled',
  'run_error',
  'run_done',
];

/** Vietnamese label of each status (the `Trạng thái` cell). */
export const STATUS_LABEL: Record<LogStatus, string> = MAIL.status;

/** A reminder's kind, the weekly digest, or a run (for `run_error` rows). */
export type LogKind = ReminderKind | 'DIGEST' | 'RUN';

/** Failed sends of one key before it is `abandoned`. */
export const MAX_ATTEMPTS = 5;

export interface LogEntry {
  /** 0-based index of the row in the grid it was read from; -1 for a row not yet written. */
  row: number;
  time: Date | null;
  /** YYYY-MM or YYYY-Qn ('' for run errors). */
  period: string;
  /** Reminder date (or the digest's Monday), YYYY-MM-DD; '' when unknown. */
  date: string;
  unit: string;
  to: string;
  kind: LogKind;
  status: LogStatus;
  detail: string;
  /** Idempotency key ('' for run errors). */
  key: string;
}

export interface Outgoing {
  key: string;
  period: string;
  /** The reminder date of the key (the date it was due, not necessarily today). */
  date: string;
  /** The current message (for a retry: recomputed today, so it says what is missing now). */
  plan: ReminderPlan;
  /** Failed attempts so far. */
  attempts: number;
  /** The key's state before this run (null: never logged). */
  previous: LogStatus | null;
}

export interface Cancelled {
  key: string;
  entry: LogEntry;
  reason: 'not_lagging' | 'period_over' | 'superseded';
  /** For 'superseded': the newer reminder date. */
  by?: string;
}
