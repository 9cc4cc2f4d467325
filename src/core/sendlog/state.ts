/**
 * The state of each key, folded from its rows in sheet order.
 *
 * Precedence when folding a key's rows: `sent` > `pending`/`uncertain` > the latest other row.
 * Only keys whose state is none, `queued`, `failed`, `cancelled`, `invalid` (another address) or,
 * outside dry run, `dry_run` may be sent. Every decision is made under the document lock, so a
 * `pending` row seen by a run is from a run that died: it is never resent.
 */
import { MAX_ATTEMPTS, type LogEntry, type LogStatus } from './model';

export interface KeyState {
  key: string;
  /** Effective status (see the precedence rule at the top). */
  status: LogStatus;
  /** Failed attempts so far. */
  attempts: number;
  /** Recipient of the latest row. */
  to: string;
  /** The latest row of the key. */
  last: LogEntry;
  entries: LogEntry[];
}

/**
 * Fold the log into one state per key (row order). `dry_run` rows count only while dry run is
 * on: switching it off lets the real messages go.
 */
export function keyStates(log: LogEntry[], dryRun: boolean): Map<string, KeyState> {
  const out = new Map<string, KeyState>();
  for (const e of log) {
    if (!e.key) continue;
    if (e.status === 'dry_run' && !dryRun) continue;
    let s = out.get(e.key);
    if (!s) out.set(e.key, (s = { key: e.key, status: e.status, attempts: 0, to: e.to, last: e, entries: [] }));
    s.entries.push(e);
    s.last = e;
    s.to = e.to || s.to;
    if (e.status === 'failed' || e.status === 'abandoned') s.attempts++;
    if (s.status === 'sent') continue;
    if (e.status === 'sent') s.status = 'sent';
    else if (s.status === 'pending' || s.status === 'uncertain') continue;
    else s.status = e.status;
  }
  return out;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A state that means "this key must not be sent (again)" for a message to `to`. */
export function isSettled(s: KeyState | undefined, to: string, maxAttempts = MAX_ATTEMPTS): boolean {
  if (!s) return false;
  switch (s.status) {
    case 'sent':
    case 'pending':
    case 'uncertain':
    case 'abandoned':
    case 'dry_run':
      return true;
    case 'invalid':
      return sameAddress(s.to, to);
    case 'failed':
      return s.attempts >= maxAttempts;
    default:
      return false;
  }
}

/** Queued or failed (and still retryable): waiting for a later run. */
export function isOutstanding(s: KeyState, maxAttempts = MAX_ATTEMPTS): boolean {
  return s.status === 'queued' || (s.status === 'failed' && s.attempts < maxAttempts);
}

/**
 * True when the log holds work for a later run: pending rows (to mark uncertain), or queued or
 * failed keys (to send, or to cancel when their period is over).
 */
export function hasOutstanding(log: LogEntry[], dryRun: boolean, maxAttempts = MAX_ATTEMPTS): boolean {
  return log.some((e) => e.status === 'pending') || waitingKeys(log, dryRun, maxAttempts) > 0;
}

/** Reminders waiting in the log for a later run (queued, or failed with attempts left). */
export function waitingKeys(log: LogEntry[], dryRun: boolean, maxAttempts = MAX_ATTEMPTS): number {
  let n = 0;
  for (const s of keyStates(log, dryRun).values()) {
    // digests: digestDue() looks at the current week; an older week's is closed by staleDigestEntries()
    if (isOutstanding(s, maxAttempts) && s.last.kind !== 'DIGEST') n++;
  }
  return n;
}
