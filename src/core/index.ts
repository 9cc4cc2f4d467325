/** The pure core: everything the adapters use. No Apps Script globals, no Node APIs. */
export * from './types';
export { consolidate, deadlineOf, findTables, reminderScheduleOn, tableInfosOf, GENERATOR } from './consolidate';
export { textColumnsBySheet } from './tables';
export { renderSummary, renderIssues, capIssueRows, renderStatusColumn, statusText, issuesByRow, type OutputGrid, type CellRole } from './render';
export { planReminders, reminderDates, isReminderDate, reminderSchedule, reminderKind, reminderPriority } from './reminders';
export { decideSends, type DecideSendsOptions } from './sendlog';
export { maskCccd, parseCccd, padCccd } from './cccd';
export * as schema from './schema';
export * as messages from './messages';
export { checkEditedRows, type EditCheckInput, type EditCheckResult, type PriorCccds } from './edit';
export { templateSheets, TEMPLATE_DATA_ROWS, LEARNER_TITLE, type TemplateSheet } from './template';
export { reportJson, REPORT_FORMAT_VERSION } from './json';
export { accountList, AccountListError, ACCOUNT_HEADER_ROW, ACCOUNT_CCCD_COLUMN, type AccountListOptions, type AccountListCounts, type AccountListGrid } from './accounts';
