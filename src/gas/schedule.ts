/**
 * "Lịch nhắc tự động…": one hourly time-driven trigger per document, and its handler
 * `scheduledRun`. See docs/reminders.md.
 *
 * Add-on limits: time-driven triggers run at most hourly, one per type per user per document,
 * under the account that created them, spending that account's mail quota; their failures e-mail
 * no one. So: the trigger is created only from the menu (an authorised action, never onOpen),
 * idempotently (an existing one is kept, extras removed); the document property `bdhvs.schedule`
 * records which trigger is the document's schedule and whose account it runs under; a trigger
 * that is no longer the registered one (the schedule was handed over to another account) deletes
 * itself on its next run; every failure of a run leaves a readable row in `Nhật ký gửi thư`.
 *
 * scheduledRun, every hour:
 *   0. at a period's start, when the staff put `Báo cáo tháng` under the units' own rows (menu
 *      "Chuẩn bị báo cáo kỳ này" once), it prepares the new period's rows as that menu item does,
 *      unattended (src/gas/unitreports.ts autoPrepareCheck, syncUnitReports);
 *   1. the first run of the day consolidates (writes `Tổng hợp`, `Lỗi dữ liệu`);
 *   2. from 07:00 (Asia/Ho_Chi_Minh), when there is mail work — today is a reminder date, the log
 *      holds queued/failed/pending rows, or the weekly digest is due — it computes the report
 *      (reusing step 1's) and, under the document lock, sends (src/gas/mail.ts runMail).
 * An hour with nothing to do reads only `Cấu hình` and the log.
 */
import {
  type Report,
  type Settings,
  GAS,
  resolveToday,
  runDoneEntry,
  ACCESS,
  MAIL,
  reminderScheduleOn,
  SHEET,
  digestDue,
  hasOutstanding,
  runErrorEntry,
  SEND_FROM_HOUR,
  vnHour,
  formatTimeVi,
  waitingKeys,
} from '../core';
import { readSettings } from './settings';
import {
  currentDocument,
  documentProperties,
  documentStore,
  forgetTriggerDocument,
  openDocument,
  recordTriggerFailure,
  rememberTriggerDocument,
  takeTriggerFailures,
  withDocument,
  type DocumentContext,
  type OpenResult,
  type TriggerEvent,
} from './context';
import { blockedSheets, deniedMessage } from './access';
import { limits, now, startStopwatch, todayYmd, type Stopwatch } from './env';
import { emptyCounts, logRunError, MAIL_LOCK_WAIT_MS, openLog, runMail, appendEntries, type MailRunResult } from './mail';
import { computeReport, errorText, executeRun, lastRun, loadCheckpoint, rememberRunFailure } from './run';
import { alert, confirm, log as logLine } from './ui';
import { editStamp, loadDayPlan, planRecorded, saveDayPlan, workbookState } from './dayplan';
import { autoPrepareCheck, syncUnitReports, type AutoPrepare, type UnitReportsResult } from './unitreports';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

/** The global function the time trigger runs. */
export const SCHEDULE_HANDLER = 'scheduledRun';
/** Document property: the registered schedule. */
export const SCHEDULE_PROP = 'bdhvs.schedule';
/** Hours between runs: the minimum add-ons are allowed. */
export const SCHEDULE_EVERY_HOURS = 1;

export interface ScheduleRecord {
  /** Trigger.getUniqueId() of the document's schedule. */
  uid: string;
  /** E-mail of the account that installed it ('' when Apps Script does not reveal it). */
  owner: string;
  /** ISO time of installation. */
  installedAt: string;
}

export interface ScheduleState {
  /** The current user's schedule triggers for this document. */
  mine: Trigger[];
  registered: ScheduleRecord | null;
  /** The current user's e-mail ('' when unknown). */
  me: string;
  /** True when the registered schedule is one of the current user's triggers. */
  ownedByMe: boolean;
}

function me(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch (_e) {
    return '';
  }
}

/** The registered schedule: from the document properties (or, without a document, their copy in the document's store). */
function readRecord(): ScheduleRecord | null {
  const json = documentProperties().getProperty(SCHEDULE_PROP);
  if (!json) return null;
  try {
    const r = JSON.parse(json) as ScheduleRecord;
    return r && typeof r.uid === 'string' ? r : null;
  } catch (_e) {
    return null;
  }
}

const isSchedule = (t: Trigger) => t.getHandlerFunction() === SCHEDULE_HANDLER;

/**
 * The current user's schedule triggers of this document: getUserTriggers(ss) for an add-on (its
 * time triggers belong to the document); in a container-bound script time triggers are not tied to
 * the spreadsheet, so the project's trigger registered for this document is added.
 */
function myTriggers(ss: Spreadsheet, record: ScheduleRecord | null): Trigger[] {
  const out = ScriptApp.getUserTriggers(ss).filter(isSchedule);
  if (record && !out.some((t) => t.getUniqueId() === record.uid)) {
    const t = ScriptApp.getProjectTriggers().find((x) => isSchedule(x) && x.getUniqueId() === record.uid);
    if (t) out.push(t);
  }
  return out;
}

export function scheduleStatus(): ScheduleState {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const registered = readRecord();
  const mine = myTriggers(ss, registered);
  return { mine, registered, me: me(), ownedByMe: !!registered && mine.some((t) => t.getUniqueId() === registered.uid) };
}

export interface InstallResult {
  status: 'installed' | 'already' | 'busy' | 'refused';
  uid: string | null;
  /** Why it was refused (status 'refused'): the schedule would run as this account, which cannot write these sheets. */
  message?: string;
}

/**
 * Install the hourly schedule under the current user (idempotent: an existing trigger is kept and
 * extras removed), and register it as the document's schedule (a previous owner's trigger retires
 * itself on its next run).
 */
export function installSchedule(): InstallResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lock = currentDocument().lock;
  if (!lock.tryLock(MAIL_LOCK_WAIT_MS)) return { status: 'busy', uid: null };
  try {
    // the trigger runs as this account: it must be able to write the log and the outputs (src/gas/access.ts)
    const blocked = blockedSheets(ss, [SHEET.mailLog, SHEET.summary, SHEET.issues]);
    if (blocked.length) return { status: 'refused', uid: null, message: ACCESS.scheduleRefused(deniedMessage(ss, blocked)) };
    const record = readRecord();
    const mine = myTriggers(ss, record);
    const keep = (record && mine.find((t) => t.getUniqueId() === record.uid)) || mine[0] || null;
    for (const t of mine) if (t !== keep) deleteScheduleTrigger(t);
    const trigger = keep ?? ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased().everyHours(SCHEDULE_EVERY_HOURS).create();
    const uid = trigger.getUniqueId();
    // an add-on's trigger may run without a containing document: it opens this spreadsheet by id
    rememberTriggerDocument(uid, ss.getId());
    const already = !!keep && !!record && record.uid === uid;
    if (!already) {
      const next = JSON.stringify({ uid, owner: me(), installedAt: now().toISOString() } satisfies ScheduleRecord);
      PropertiesService.getDocumentProperties().setProperty(SCHEDULE_PROP, next);
      // the copy a trigger run without the document reads (handing over retires the old trigger)
      documentStore(ss.getId()).setProperty(SCHEDULE_PROP, next);
    }
    logTriggerFailures(ss);
    return { status: already ? 'already' : 'installed', uid };
  } finally {
    lock.releaseLock();
  }
}

function deleteScheduleTrigger(t: Trigger): void {
  forgetTriggerDocument(t.getUniqueId());
  ScriptApp.deleteTrigger(t);
}

/** Remove the current user's schedule triggers of this document. Returns how many were removed. */
export function removeSchedule(): number {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const record = readRecord();
  const mine = myTriggers(ss, record);
  for (const t of mine) deleteScheduleTrigger(t);
  if (record && mine.some((t) => t.getUniqueId() === record.uid)) {
    PropertiesService.getDocumentProperties().deleteProperty(SCHEDULE_PROP);
    documentStore(ss.getId()).deleteProperty(SCHEDULE_PROP);
  }
  return mine.length;
}

/** Menu "Lịch nhắc tự động…": show the schedule, whose account and quota it uses; turn it on or off. */
export function showSchedule(): ScheduleState {
  const st = scheduleStatus();
  const S = MAIL.schedule;
  const who = st.me || S.unknownAccount;
  let quota = 0;
  try {
    quota = MailApp.getRemainingDailyQuota();
  } catch (_e) {
    // shown as 0
  }
  const since = st.registered ? formatTimeVi(new Date(st.registered.installedAt)) : '';
  try {
    if (st.ownedByMe || (st.mine.length && !st.registered)) {
      if (confirm(`${S.what}\n\n${S.mine(who, since, quota)}`, S.title)) {
        removeSchedule();
        alert(S.removed, S.title);
      }
    } else if (st.registered) {
      if (confirm(`${S.what}\n\n${S.other(st.registered.owner || S.unknownOwner, since, who)}`, S.title)) {
        const r = installSchedule();
        alert(r.status === 'busy' ? MAIL.send.busy : r.status === 'refused' ? r.message! : S.installed(who), S.title);
      }
    } else if (confirm(`${S.what}\n\n${S.off(who, quota)}`, S.title)) {
      const r = installSchedule();
      alert(
        r.status === 'busy' ? MAIL.send.busy : r.status === 'refused' ? r.message! : r.status === 'already' ? S.alreadyInstalled(who) : S.installed(who),
        S.title,
      );
    }
  } catch (e) {
    alert(MAIL.detail.runError(errorText(e)), S.title);
  }
  return scheduleStatus();
}

// ---------------------------------------------------------------------------------------------
// The trigger's handler

/** The time-driven event (only the field we use). */
export interface ScheduleEvent {
  triggerUid?: string;
}

export interface ScheduledResult extends MailRunResult {
  consolidated: boolean;
  /** Why the mail step did not read the workbook: today's plan is recorded and all is settled, or no quota is left. */
  skipped?: 'settled' | 'quota';
  /** The current period's report rows were due (step 0): how their preparation ended. */
  prepared?: UnitReportsResult['status'];
  /** The rest of the run waits for the next hour: the preparation used the time a whole read of the workbook needs. */
  deferred?: boolean;
}

/** Apps Script ends an execution at 6 minutes (https://developers.google.com/apps-script/guides/services/quotas). */
const EXECUTION_MS = 360_000;

/**
 * Whether a step that reads the whole workbook (the consolidation, the mail step's report) may
 * still start: it stops itself only at its own hard limit after it starts (src/gas/run.ts), so
 * the execution's time before it must stay under what that leaves of the 6 minutes.
 */
function roomForWholeRead(watch: Stopwatch): boolean {
  return watch.elapsed() < EXECUTION_MS - limits.hardMs;
}

/** A `Nhật ký gửi thư` row for work done besides mail, best effort (the console line stays). */
function logDone(ss: Spreadsheet, detail: string, period: string): void {
  logLine(detail);
  try {
    const log = openLog(ss, true);
    if (log) appendEntries(log, [runDoneEntry(now(), detail, period)]);
  } catch {
    // the console line above is all we can leave
  }
}

/** A trigger that is not the registered schedule any more (handed over): it removes itself. */
function retireIfSuperseded(ss: Spreadsheet, e: ScheduleEvent | undefined): boolean {
  if (!e || !e.triggerUid) return false;
  const record = readRecord();
  if (!record || record.uid === e.triggerUid) return false;
  const mine = ScriptApp.getUserTriggers(ss)
    .concat(ScriptApp.getProjectTriggers())
    .filter((t) => t.getUniqueId() === e.triggerUid);
  if (mine.length) deleteScheduleTrigger(mine[0]);
  else forgetTriggerDocument(e.triggerUid);
  const log = openLog(ss, true);
  if (log)
    appendEntries(log, [
      {
        row: -1,
        time: now(),
        period: '',
        date: '',
        unit: '',
        to: '',
        kind: 'RUN',
        status: 'cancelled',
        detail: MAIL.detail.triggerRetired(record.owner || MAIL.schedule.unknownOwner),
        key: '',
      },
    ]);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Trigger runs and their document

/** Why a trigger run could not open its spreadsheet, in the user's words. */
function openFailureMessage(opened: Extract<OpenResult, { ok: false }>, e: TriggerEvent | undefined): string {
  const D = MAIL.detail;
  if (opened.why === 'noStoredId') return D.triggerNoStoredId(String(e && e.triggerUid));
  if (opened.why === 'openFailed') return D.triggerOpenFailed(opened.ssId, errorText(opened.detail ?? ''));
  return D.triggerNoDocument;
}

/** Failed runs that could not reach this spreadsheet, written to its log now (the weekly digest lists them). */
function logTriggerFailures(ss: Spreadsheet): void {
  const failures = takeTriggerFailures();
  if (!failures.length) return;
  try {
    const log = openLog(ss, true);
    if (log)
      appendEntries(
        log,
        failures.map((f) => ({ ...runErrorEntry(new Date(f.at), f.message), detail: f.message })),
      );
  } catch (_e) {
    for (const f of failures) recordTriggerFailure(f);
  }
}

/**
 * Run a trigger's work on its document (src/gas/context.ts): the active spreadsheet, or the one
 * stored for the trigger, opened by id. A run that cannot open it records why — kept in the user
 * properties until a run reaches the spreadsheet's `Nhật ký gửi thư` (then a failed-run row, which
 * the weekly digest lists), and as the spreadsheet's last run when its id is known — and returns
 * `failed(why)`, never a success.
 */
export function inTriggerDocument<T>(e: TriggerEvent | undefined, fn: (doc: DocumentContext) => T, failed: (message: string) => T): T {
  const opened = openDocument(e);
  if (!opened.ok) {
    const message = openFailureMessage(opened, e);
    logLine(message);
    recordTriggerFailure({ at: now().toISOString(), ss: opened.ssId, message });
    if (opened.ssId) rememberRunFailure(documentStore(opened.ssId), 'consolidation', message);
    return failed(message);
  }
  return withDocument(opened.doc, (doc) => {
    logTriggerFailures(doc.ss);
    return fn(doc);
  });
}

/**
 * The hourly trigger. Never throws: a failure is logged as a `run_error` row (add-on triggers send
 * no failure e-mails) and the next hour tries again.
 */
export function scheduledRun(e?: ScheduleEvent): ScheduledResult {
  const failed = (message: string): ScheduledResult => ({ status: 'failed', counts: emptyCounts(), digest: null, consolidated: false, message });
  return inTriggerDocument(e, (doc) => scheduledRunIn(doc, e), failed);
}

function scheduledRunIn(doc: DocumentContext, e: ScheduleEvent | undefined): ScheduledResult {
  const watch = startStopwatch();
  const ss = doc.ss;
  const result: ScheduledResult = { status: 'idle', counts: emptyCounts(), digest: null, consolidated: false };
  // a failed consolidation is logged, the mail work still goes, and the run never reports success
  let failure = '';
  const settle = (r: ScheduledResult): ScheduledResult =>
    failure && (r.status === 'idle' || r.status === 'done') ? { ...r, status: 'failed', message: failure } : r;
  try {
    if (retireIfSuperseded(ss, e)) return { ...result, status: 'retired' };
    const today = todayYmd();
    const t = now();
    let settingsRead: Settings | undefined;
    const settingsOnce = (): Settings => (settingsRead ??= readSettings(ss, resolveToday(today).y));
    const last = lastRun();
    const checkpoint = loadCheckpoint(doc.state);
    const consolidationDue = !!checkpoint || !last || last.kind !== 'consolidation' || last.status !== 'done' || last.today !== today;

    // 0. A period has started and its report rows are not prepared (docs/unit-tabs.md "Periods"):
    //    as the menu would, unattended. Before the consolidation, so that the day's Tổng hợp and the
    //    reminders are computed with the rows each unit will type into (an empty prepared row counts
    //    as not submitted: the figures are the same either way). A continuation of a preparation
    //    stopped at its budget yields to a due consolidation, so that neither starves the other.
    let prep: AutoPrepare = { due: false, why: 'off' };
    try {
      prep = autoPrepareCheck(ss, settingsOnce);
    } catch (err) {
      failure = GAS.unitReports.autoFailed('', errorText(err));
      logRunError(ss, failure);
    }
    const prepare = (due: Extract<AutoPrepare, { due: true }>): void => {
      try {
        const r = syncUnitReports(ss, () => true, { unattended: true, watch });
        result.prepared = r.status;
        if (r.status === 'done' || r.status === 'partial') logDone(ss, GAS.unitReports.auto(due.label, r.message), due.period);
        else if (r.status === 'failed' || r.status === 'refused') {
          failure = failure || GAS.unitReports.autoFailed(due.label, r.message);
          logRunError(ss, GAS.unitReports.autoFailed(due.label, r.message), due.period);
        } else if (r.status === 'busy') logLine(r.message);
      } catch (err) {
        result.prepared = 'failed';
        failure = failure || GAS.unitReports.autoFailed(due.label, errorText(err));
        logRunError(ss, GAS.unitReports.autoFailed(due.label, errorText(err)), due.period);
      }
    };
    const prepareFirst = prep.due && !(prep.continuation && consolidationDue);
    if (prep.due && prepareFirst) {
      prepare(prep);
      if (!roomForWholeRead(watch)) return settle({ ...result, deferred: true });
    }

    // 1. The daily consolidation (or the continuation of a long one).
    let report: Report | undefined;
    if (consolidationDue) {
      try {
        const run = executeRun({ kind: 'consolidation', interactive: false, continuation: !!checkpoint, extraSheets: [SHEET.mailLog] });
        // a resumed checkpoint keeps the day it started: its report is not today's
        report = run.report && run.report.today === today ? run.report : undefined;
        result.consolidated = run.status === 'done';
        if (run.status === 'failed') {
          failure = run.message;
          // a refusal is recorded as the last run already; the log may be one of the sheets refused
          if (!run.refused) logRunError(ss, failure);
        }
      } catch (err) {
        failure = errorText(err);
        logRunError(ss, failure);
      }
    }

    // 0'. The continuation of a preparation, after the consolidation, when there is time left
    //     (else the next hour continues it first: the day's consolidation is done by then).
    if (prep.due && !prepareFirst && roomForWholeRead(watch)) prepare(prep);

    // 2. Mail, from 07:00, when there is work.
    if (vnHour(t) < SEND_FROM_HOUR) return settle(result);
    const settings = report ? report.settings : settingsOnce();
    const existing = openLog(ss, false);
    const entries = existing ? existing.entries : [];
    const dueToday = reminderScheduleOn(today, settings).isReminderDate;
    const digest = digestDue({ log: entries, today, settings });
    const outstanding = hasOutstanding(entries, settings.dryRun);
    if (!dueToday && !digest && !outstanding) return settle(result);

    // 3. Before reading the workbook (src/gas/dayplan.ts): skip when today's plan is recorded
    //    for the workbook as it is and nothing can go (all settled, or no mail quota left).
    const stamp = editStamp(doc.state);
    if (!digest && !entries.some((x) => x.status === 'pending') && (!dueToday || planRecorded(loadDayPlan(doc.state), today, workbookState(ss, stamp)))) {
      if (!outstanding) return settle({ ...result, skipped: 'settled' });
      if (!settings.dryRun && MailApp.getRemainingDailyQuota() <= 0)
        return settle({ ...result, counts: { ...emptyCounts(), waiting: waitingKeys(entries, settings.dryRun) }, skipped: 'quota' });
    }

    if (!report) {
      // the report is read afresh: not after a preparation that used the time it needs
      if (result.prepared !== undefined && !roomForWholeRead(watch)) return settle({ ...result, deferred: true });
      report = computeReport(false);
    }
    const lock = doc.lock;
    if (!lock.tryLock(MAIL_LOCK_WAIT_MS)) {
      logLine(MAIL.send.busy);
      return { ...result, status: 'busy' };
    }
    try {
      const dueDate = report.reminder.dueDate;
      const mail = runMail(ss, report, { dueDate, digest: true, watch });
      if (dueDate === today) saveDayPlan(doc.state, { date: today, state: workbookState(ss, stamp) });
      return settle({ ...mail, consolidated: result.consolidated, prepared: result.prepared });
    } finally {
      lock.releaseLock();
    }
  } catch (err) {
    logRunError(ss, errorText(err));
    return { ...result, status: 'failed', message: errorText(err) };
  }
}
