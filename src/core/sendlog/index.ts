/**
 * The send log (`Nhật ký gửi thư`): the idempotency record of reminder e-mails and of the weekly
 * digest, shared by the Sheets add-on and the CLI (`--send-log FILE.csv`, same columns). Pure:
 * rows in (Cell[][] as `Range.getValues()` or a CSV reader gives them), decisions and rows out.
 *
 * One message per unit per reminder date: the key is (period, reminder date, unit). The log is a
 * history: every attempt or state change appends a row (a `pending` row is rewritten in place
 * with the outcome of its send), and the state of a key is folded from its rows in sheet order.
 *
 * One file per concern:
 * - model.ts: entries, statuses (what each means and what a later run does with it), kinds
 * - keys.ts: the idempotency keys
 * - time.ts: time cells, log times, the Vietnam hour, ISO weeks
 * - format.ts: the columns, rows ⇄ entries
 * - state.ts: a key's state folded from its rows (the precedence rule)
 * - entries.ts: the rows a run appends (pending, outcomes, queued, cancelled, uncertain, run errors)
 * - decide.ts: decideSends / decide, what to send, queue, cancel or leave alone
 * - schedule.ts: the send window and the weekly digest's schedule
 *
 * This file is the send log's surface for the rest of the core (src/core/index.ts picks what the
 * adapters use) and for the tests.
 */
export { LOG_STATUSES, MAX_ATTEMPTS, STATUS_LABEL, type Cancelled, type LogEntry, type LogKind, type LogStatus, type Outgoing } from './model';
export { digestKey, parseKey, reminderKey, type ParsedKey } from './keys';
export { formatLogTime, formatTimeVi, isoWeek, isoWeekday, parseTimeCell, vnHour } from './time';
export {
  DEFAULT_LAYOUT,
  LOG_FIELDS,
  logHeader,
  logLayout,
  parseLog,
  scrubIds,
  toRows,
  type LogField,
  type LogLayout,
  type ParsedLog,
  type ToRowsOptions,
} from './format';
export { hasOutstanding, isOutstanding, isSettled, keyStates, waitingKeys, type KeyState } from './state';
export {
  classifySendError,
  deferEntries,
  errorDetail,
  outcomeEntry,
  pendingEntry,
  queuedEntry,
  runErrorEntry,
  runDoneEntry,
  uncertainEntry,
  type Outcome,
  type SendErrorClass,
  type SendResult,
} from './entries';
export { decide, decideSends, recipientCount, type DecideInput, type DecideSendsOptions, type Decision } from './decide';
export { DIGEST_WEEKDAY, SEND_FROM_HOUR, digestDue, digestOutgoing, digestSince, staleDigestEntries, type DigestDue } from './schedule';
