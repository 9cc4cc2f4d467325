/**
 * The pure core: everything the adapters use. No Apps Script globals, no Node APIs.
 *
 * The one way into the core: src/gas, src/cli, src/demo and scripts import `../core` (this
 * file), never `../core/<file>` (eslint.config.mjs enforces it; tests may import the files they
 * test). Grouped by what an adapter does with it; each line names the core file that is its home.
 */

// The data model: cells, snapshots, the report, issues, settings
export * from './types';
export { SEVERITY, type IssueDetailsByCode, type IssueInput } from './issue-codes';

// Consolidation: the Report from a snapshot, and the pieces the adapters show
export { consolidate, deadlineOf, findTables, reminderScheduleOn, tableInfosOf, GENERATOR } from './consolidate';
export { textColumnsBySheet } from './tables';
export { parseSettings } from './config';
export { createIssueSink } from './issues';
export { reportJson, REPORT_FORMAT_VERSION } from './json';
// The month close: `Lịch sử tổng hợp` rows (history.ts)
export {
  appendHistory,
  choosePeriodToClose,
  choosePeriodToReopen,
  closeAsOf,
  closeRows,
  defaultPeriodToClose,
  rowsOfPeriod,
  historyHeader,
  historySummary,
  historyTime,
  nextVersion,
  readHistory,
  reopenRows,
  HistoryError,
  type CloseChoice,
  type History,
  type HistoryVersion,
  type PeriodHistory,
} from './history';

// The dashboard: the report's small JSON view and its offline page's data element (dashboard.ts)
export {
  dashboardView,
  dashboardDataScript,
  dashboardPageWithData,
  roundPercent,
  scriptSafeJson,
  DASHBOARD_DATA_ID,
  DASHBOARD_DATA_SLOT,
  DASHBOARD_REASONS,
  DASHBOARD_VIEW_VERSION,
  type DashboardView,
  type DashboardIndicator,
  type DashboardPoint,
  type DashboardUnit,
} from './dashboard';

// Rendering the Report into output grids (both adapters write these)
export {
  renderSummary,
  renderIssues,
  capIssueRows,
  renderStatusColumn,
  statusText,
  issuesByRow,
  type OutputGrid,
  type CellRole,
  type GridChart,
} from './render';
export { HEADER_FILL, TOTAL_FILL, ERROR_FILL, WARNING_FILL } from './render';

// Workbook layout: sheet names, tables, headers; finding tables in a sheet
export * as schema from './schema';
export { SHEET, STATUS_HEADER, LEARNERS_TABLE, REPORTS_TABLE, HISTORY_TABLE, PROVINCE_CODE, INDICATORS, INDICATOR_NAMES, type TableDef } from './schema';
export { findTable, HEADER_SEARCH_ROWS, isBlankRow, isOutputSheet, sheetKindByName } from './tables';
export { templateSheets, TEMPLATE_DATA_ROWS, LEARNER_TITLE, type TemplateSheet } from './template';

// Vietnamese texts (all user-facing strings live in messages.ts)
export * as messages from './messages';
export { DASHBOARD, GAS, MAIL, ACCESS, ISSUES_SHEET, MAIL_LOG_SHEET, STATUS_COLUMN, REASON_LABEL, REMINDER_KIND_LABEL, type FoundFileKind } from './messages';
export { formatNumberVi, formatPercentVi } from './messages';

// Text and CCCD helpers
export { maskCccd, parseCccd, padCccd } from './cccd';
export { matchKey, escapeHtml, utf8Length } from './text';

// Dates and Vietnam time (the adapters supply "now"; the core never reads a clock)
export { resolveToday, vnDateParts, vnMidnight, ymd, parseYmd, isDate, formatDateVi, formatPeriodVi, VN_OFFSET_MS } from './dates';
export { VN_TIME_ZONE, VN_CLOCK_SINCE_MS, isVietnamTime, hasOffsetHistory, parseUtcOffset, vnToZone, zoneToVn, type OffsetAt } from './dates';

// Edits checked as they are typed (the sheet's onEdit)
export { checkEditedRows, type EditCheckInput, type EditCheckResult, type PriorCccds } from './edit';

// Reminders: the plan, the send log's state machine, the digest
export { planReminders, reminderDates, isReminderDate, reminderSchedule, reminderKind, reminderPriority } from './reminders';
export { decideSends, type DecideSendsOptions } from './sendlog';
export {
  decide,
  deferEntries,
  digestDue,
  digestOutgoing,
  digestSince,
  hasOutstanding,
  logHeader,
  outcomeEntry,
  parseLog,
  pendingEntry,
  queuedEntry,
  recipientCount,
  runErrorEntry,
  runDoneEntry,
  staleDigestEntries,
  toRows,
  uncertainEntry,
  waitingKeys,
  vnHour,
  formatTimeVi,
  logLayout,
  DEFAULT_LAYOUT,
  SEND_FROM_HOUR,
  STATUS_LABEL,
  type Decision,
  type LogEntry,
  type LogLayout,
  type LogStatus,
  type Outgoing,
  type SendResult,
} from './sendlog';
export { composeDigest } from './digest';

// One protected learner tab per unit (menu "Tạo trang cho từng đơn vị")
export {
  planMoveRows,
  movedGrid,
  restoredGrid,
  rowRanges,
  expandRanges,
  reinsertBlocks,
  blockFingerprint,
  columnLetter,
  type MovePlan,
  type TabMove,
  type TabMoveBlocked,
  type MoveTabInput,
} from './moverows';
export {
  planUnitTabs,
  editorChange,
  readUnitRegistry,
  unitOfTabProtection,
  unitTabProtectionDescription,
  type UnitTabPlan,
  type UnitTabsPlan,
  type UnitTabSkip,
} from './unittabs';
// Each unit's own rows of `Báo cáo tháng` (menu "Chuẩn bị báo cáo kỳ này")
export {
  planUnitReports,
  parseUnitReportProtection,
  unitReportProtectionDescription,
  REPORT_SHEET_PROTECTION,
  type UnitReportRows,
  type UnitReportsPlan,
  type UnitReportsFailure,
} from './unitreports';
export { currentPeriod, type Cycle, type Period } from './dates';
export { unitTabTemplate } from './template';
export { checkSharing, type DrivePermission, type SharingFindings, type OpenAccess } from './sharing';
export { splitEmails } from './email';

// Account list for the province's learning platform
export {
  accountList,
  AccountListError,
  ACCOUNT_HEADER_ROW,
  ACCOUNT_CCCD_COLUMN,
  type AccountListOptions,
  type AccountListCounts,
  type AccountListGrid,
} from './accounts';

// For src/demo (the synthetic province): the workbook's vocabularies and a numeric hash set
export { CONFIG_KEYS, UNITS_TABLE, PLATFORM_TABLE, UNIT_TYPE_LABELS, GROUP_LABELS, STATUS_LABELS } from './schema';
export { createNumberSet, type NumberSet } from './numindex';

// The official report to the province (issue 14 §2): a document model both adapters render
export {
  officialDocument,
  officialHeading,
  paragraphText,
  splitDepartment,
  OFFICIAL_FONT,
  type OfficialAlign,
  type OfficialBlock,
  type OfficialDocument,
  type OfficialParagraph,
  type OfficialRole,
  type OfficialRun,
  type OfficialTable,
  type OfficialTableRole,
} from './official';
export { OFFICIAL } from './messages';
export { XLSX, CLI_WRITTEN } from './messages';
