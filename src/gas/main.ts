/**
 * The Apps Script entry points. Every export becomes a top-level `function` of build/Code.js
 * (scripts/build.mjs), so Apps Script can call it from the menu, a trigger or google.script.run.
 * Each one is a few lines: the work is in the modules beside this file, the rules in src/core.
 */
import { GAS, formatTimeVi, type DashboardView, type ReminderPlan } from '../core';
import { handleEdit, touchedInput, type EditEvent, type EditOutcome } from './edit';
import { applyFix, findFixTargets, fixAreas, pendingUndo, undoAreas, undoFix } from './fix';
import { blockedSheets, deniedMessage } from './access';
import { previewHtml, reminderPreview } from './preview';
import { computeReport, errorText, executeRun, lastRun, RunStop, type RunResult } from './run';
import { setupWorkbook } from './setup';
import { createUnitTabs as createUnitTabsNow, type UnitTabsResult } from './unittabs';
import { sharingMenu, type SharingResult } from './sharing';
import { prepareUnitReportsMenu, type UnitReportsResult } from './unitreports';
import { closeEarlierPeriodMenu, closePeriodMenu, reopenPeriodMenu, type CloseResult } from './close';
import { moveRowsMenu, undoMoveRowsMenu, type MoveRowsResult, type UndoMoveResult } from './moverows';
import { offerVietnamTimeZone } from './tz';
import { exportAccountList as exportAccountListNow, type AccountExportResult } from './accounts';
import { alert, confirm, getUi, showDialog, toast } from './ui';
import { nowMs } from './env';
import { markInputEdited } from './dayplan';
import { documentStore } from './context';
import { buildMenu } from './menu';
import { createOfficialReport, type OfficialResult } from './official';
import { mailPreview, sendReminders as sendRemindersNow, type MailRunResult } from './mail';
import { dashboardData, showDashboardSidebar, type SidebarResult } from './dashboard';
import { inTriggerDocument, scheduledRun as runSchedule, showSchedule, type ScheduleEvent, type ScheduledResult } from './schedule';

/**
 * Build the add-on menu. Runs in AuthMode.NONE for an add-on installed but not yet used in this
 * document: nothing here may touch a service that needs authorisation (no properties, no sheets).
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Simple trigger: instant checks of edited learner rows, stamping of report rows. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): EditOutcome | undefined {
  try {
    const outcome = handleEdit(e as unknown as EditEvent);
    // the hourly schedule reads the workbook again only after an input edit (src/gas/dayplan.ts)
    // (kept in the document's store in the script properties: a trigger run without a document reads it there)
    if (touchedInput(outcome)) markInputEdited(() => documentStore(e.source.getId()), nowMs());
    return outcome;
  } catch (err) {
    // A simple trigger has no one to tell; the full check ("Kiểm tra dữ liệu") still works.
    console.log(GAS.editFailed(errorText(err)));
    return undefined;
  }
}

/** Menu: create the missing template sheets. */
export function runSetup(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const result = setupWorkbook(ss);
  const zone = offerVietnamTimeZone(ss);
  alert(GAS.setupDone(result.created, result.protectedNow) + (zone ? '\n' + GAS.timeZone.changed(zone) : ''));
}

/** Menu "Tạo trang cho từng đơn vị": one protected learner tab per unit of `Đơn vị` (src/gas/unittabs.ts). */
export function createUnitTabs(): UnitTabsResult {
  return createUnitTabsNow();
}

/** Menu "Chuyển dòng từ “Học viên” sang trang đơn vị": move each unit's rows into its tab, after a preview (src/gas/moverows.ts). */
export function moveRowsToUnitTabs(): MoveRowsResult {
  return moveRowsMenu();
}

/** Menu "Hoàn tác chuyển dòng": put the last move's rows back into `Học viên`. */
export function undoMoveRows(): UndoMoveResult {
  return undoMoveRowsMenu();
}

/** Menu "Chuẩn bị báo cáo kỳ này": one `Báo cáo tháng` row per unit for the current period, each unit's rows editable by it alone (src/gas/unitreports.ts). */
export function prepareUnitReports(): UnitReportsResult {
  return prepareUnitReportsMenu();
}

/** Menu "Chốt số liệu kỳ này": the current period's report into `Lịch sử tổng hợp`, its report rows locked (src/gas/close.ts). */
export function closePeriod(): CloseResult {
  return closePeriodMenu();
}

/** Menu "Chốt số liệu kỳ trước…": close an earlier period (asked for; default the one before), as of its last day. */
export function closeEarlierPeriod(): CloseResult {
  return closeEarlierPeriodMenu();
}

/** Menu "Mở lại kỳ đã chốt…": reopen with a reason; the period's report rows unlocked. */
export function reopenClosedPeriod(): CloseResult {
  return reopenPeriodMenu();
}

/** Menu "Kiểm tra chia sẻ tệp": link sharing and editors outside the registry and staff (src/gas/sharing.ts). */
export function checkFileSharing(): SharingResult {
  return sharingMenu();
}

/** Menu "Tạo báo cáo gửi UBND tỉnh": the official report as a new Google Doc (src/gas/official.ts). */
export function createOfficialReportDoc(): OfficialResult {
  return createOfficialReport();
}

/** Menu: check every row, write `Lỗi dữ liệu` and the status columns. */
export function runValidation(): RunResult {
  return executeRun({ kind: 'validation', interactive: hasUi() });
}

/** Menu: the full consolidation (`Tổng hợp`, `Lỗi dữ liệu`, status columns). */
export function runConsolidation(): RunResult {
  return executeRun({ kind: 'consolidation', interactive: hasUi() });
}

/** Menu "Xuất danh sách tạo tài khoản": ask for a unit (blank: all), write `Danh sách tạo tài khoản` (src/gas/accounts.ts). */
export function exportAccountList(): AccountExportResult {
  return exportAccountListNow();
}

/** The one-off time trigger of a run that did not fit one execution (its document: src/gas/context.ts). */
export function continueRun(e?: ScheduleEvent): RunResult {
  return inTriggerDocument(
    e,
    () => executeRun({ kind: 'consolidation', interactive: false, continuation: true }),
    (message): RunResult => ({ status: 'failed', message }),
  );
}

/** Menu: show today's reminders without sending. */
export function previewReminders(): ReminderPlan[] {
  try {
    toast(GAS.preview.computing);
    const report = computeReport(true);
    // on a reminder date, the send log says which of today's reminders are already accounted for
    const preview = reminderPreview(report, report.reminder.isReminderDate ? mailPreview(report) : null);
    showDialog(previewHtml(preview, report.settings.dryRun), GAS.preview.title);
    return preview.plans;
  } catch (e) {
    alert(e instanceof RunStop ? e.message : GAS.failed(errorText(e)));
    return [];
  }
}

/** Menu "Gửi thư nhắc ngay": consolidate, confirm with the counts, send today's reminders (src/gas/mail.ts). */
export function sendReminders(): MailRunResult {
  return sendRemindersNow();
}

/** Menu "Bảng điều khiển": the dashboard sidebar (src/gas/dashboard.ts). */
export function showDashboard(): void {
  showDashboardSidebar();
}

/** The sidebar's data (google.script.run): the report's small view, computed now. */
export function getDashboardData(): DashboardView {
  return dashboardData();
}

/** The sidebar's "Tổng hợp" button: runConsolidation, returning only its status and message to the page. */
export function dashboardConsolidate(): SidebarResult {
  const r = runConsolidation();
  return { status: r.status, message: r.message };
}

/** The sidebar's "Xem trước thư nhắc" button: previewReminders (its dialog), returning only the count to the page. */
export function dashboardPreview(): number {
  return previewReminders().length;
}

/** The hourly time trigger: daily consolidation, due reminders, the weekly digest (src/gas/schedule.ts). */
export function scheduledRun(e?: ScheduleEvent): ScheduledResult {
  return runSchedule(e);
}

/** Menu "Lịch nhắc tự động…": show, install or remove the hourly trigger. */
export function openReminderSchedule(): void {
  showSchedule();
}

/** Menu: turn CCCD number cells back into 12-digit text, after confirmation. */
export function fixCccdNumbers(): number {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const targets = findFixTargets(ss);
  const count = targets.reduce((n, t) => n + t.count, 0);
  if (count === 0) {
    alert(GAS.fix.nothing);
    return 0;
  }
  // a unit's protected tab this account cannot edit: refuse before anything changes
  const blocked = blockedSheets(ss, [], fixAreas(targets));
  if (blocked.length) {
    alert(deniedMessage(ss, blocked));
    return 0;
  }
  if (
    !confirm(
      GAS.fix.confirm(
        count,
        targets.map((t) => t.meta.name),
      ),
    )
  )
    return 0;
  const changed = applyFix(targets);
  alert(GAS.fix.done(changed));
  return changed;
}

/** Menu: undo "Sửa số CCCD bị mất số 0". */
export function undoCccdFix(): number {
  const records = pendingUndo();
  const count = records.reduce((n, r) => n + r.count, 0);
  if (count === 0) {
    alert(GAS.fix.nothingToUndo);
    return 0;
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const blocked = blockedSheets(ss, [], undoAreas(ss, records));
  if (blocked.length) {
    alert(deniedMessage(ss, blocked));
    return 0;
  }
  if (!confirm(GAS.fix.confirmUndo(count))) return 0;
  const restored = undoFix(ss);
  alert(GAS.fix.undone(restored));
  return restored;
}

/** Menu: what this is, and how the last run went. */
export function showAbout(): void {
  const last = lastRun();
  let text: string | null = null;
  if (last) {
    const when = formatTimeVi(new Date(Date.parse(last.at)));
    text =
      last.status === 'done'
        ? GAS.lastRunDone(last.kind, when, last.units ?? 0, last.learnerRows ?? 0, last.errors ?? 0, last.warnings ?? 0)
        : GAS.lastRunFailed(last.kind, when, last.message ?? '');
  }
  alert(GAS.about(text));
}

function hasUi(): boolean {
  return getUi() !== null;
}
