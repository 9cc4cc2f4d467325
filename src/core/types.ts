/**
 * The port between the pure core and its adapters, and the report contract of DESIGN.md.
 * Everything here is plain data: the Sheets adapter and the CLI move it, the core computes it.
 * (An Issue also knows which part of its `message` is the location: see issues.ts.)
 */
import type { IssueCode } from './issue-codes';

/** One cell as `Range.getValues()` returns it ('' for an empty cell; null is accepted too). */
export type Cell = string | number | boolean | Date | null;

export interface SheetSnapshot {
  name: string;
  values: Cell[][];
}

/** A workbook: its sheets in tab order. */
export interface Snapshot {
  sheets: SheetSnapshot[];
}

export type Severity = 'error' | 'warning';

/** Issue codes: listed once, with their details and severity, in issue-codes.ts. */
export type { IssueCode } from './issue-codes';

export interface Issue {
  /** Sheet name (for an issue about a cell or a row). */
  sheet?: string;
  /** 1-based sheet row. */
  row?: number;
  /** Unit code (for an issue about a unit, e.g. a missing report). */
  unit?: string;
  /** The column's header as the sheet shows it (or the canonical header). */
  column?: string;
  code: IssueCode;
  severity: Severity;
  /** Vietnamese: which cell (the location), then why (`text`). Never a full CCCD. */
  readonly message: string;
  /** The message without its location (the status column, reminders). Not in tong-hop.json. */
  readonly text: string;
  /** Vietnamese: how to fix it. */
  fix?: string;
}

export type UnitType = 'SO_NGANH' | 'UBND_XA' | 'TRUONG' | 'DOANH_NGHIEP' | 'KHAC';
export type Group = 'CBCCVC' | 'HSSV' | 'NLD_DN' | 'NGUOI_DAN';
export type LearnerStatus = 'HOAN_THANH' | 'CHUA_HOAN_THANH' | 'KHONG_THAM_GIA';
export type IndicatorCode = 'CBCCVC' | 'HSSV' | 'NGUOI_DAN' | 'VNEID' | 'NLD_DN' | 'AI_CCVC';
export type IndicatorStatus = 'met' | 'on_track' | 'behind' | 'no_data';
export type IndicatorSource = 'report' | 'learners';
export type LaggardReason = 'REPORT_MISSING' | 'REPORT_DUE_SOON' | 'BELOW_TRAJECTORY' | 'REPORT_UNSUPPORTED' | 'DATA_ERRORS';
export type ReminderKind = 'TRUOC_HAN' | 'QUA_HAN' | 'CHAT_LUONG' | 'TIEN_DO';

export interface LearnerCounts {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  completed: number;
  inProgress: number;
  notStarted: number;
}

export interface IndicatorValue {
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator × 100, null without a denominator (or a numerator). */
  percent: number | null;
  /** Target in percent (e.g. 100); null when no target is set for the year (status no_data). */
  target: number | null;
  /** baseline + (target − baseline) × elapsed share from start to end, in percent; null without a target. */
  expected: number | null;
  status: IndicatorStatus;
  source: IndicatorSource | null;
  /** The count of the latest report up to the period (null: not reported). */
  reported: number | null;
  /**
   * Completions with evidence: valid learner rows marked complete, plus platform-verified
   * completions of a mapped course within the target's period. null: no evidence source
   * ("chưa có minh chứng": aggregate indicators without a platform sheet that names units).
   */
  evidenced: number | null;
  /** Σ evidenced / Σ denominator of the units with evidence × 100 (aggregates only). */
  evidencedPercent?: number | null;
  /** The trajectory: baseline percent and its start and end dates (YYYY-MM-DD). */
  baseline: number;
  start: string;
  end: string;
  /**
   * With a history (`Lịch sử tổng hợp`): the percent of this indicator in the last closed period
   * before this one (null when that close has no percent for it); absent without such a period.
   */
  previousClosed?: number | null;
}

/** Completions per course: course name (the programme's canonical name when mapped) → persons. */
export type CourseCounts = Record<string, number>;

export interface UnitReport {
  code: string;
  name: string;
  type: UnitType;
  email: string;
  /** Focal point's name (Họ tên đầu mối). */
  contactName: string;
  learners: LearnerCounts;
  report: { period: string; submitted: boolean; late: boolean; updated?: string | null };
  indicators: Partial<Record<IndicatorCode, IndicatorValue>>;
  laggard: boolean;
  reasons: LaggardReason[];
  courses: CourseCounts;
  /** Number of error / warning issues on this unit's rows and reports. */
  errors: number;
  warnings: number;
}

export interface Completeness {
  expected: number;
  submitted: number;
  onTime: number;
  /** submitted / expected × 100 (null when nothing is expected). */
  rate: number | null;
  onTimeRate: number | null;
}

export interface TypeSummary {
  type: UnitType;
  units: number;
  laggards: number;
  learners: LearnerCounts;
  completeness: Completeness;
  indicators: Partial<Record<IndicatorCode, IndicatorValue>>;
}

export interface DuplicateGroup {
  /** Masked CCCD (038*******89). */
  cccd: string;
  occurrences: { sheet: string; row: number; unit: string | null }[];
}

export interface ReminderPlan {
  unit: string;
  to: string;
  kind: ReminderKind;
  subject: string;
  reasons: LaggardReason[];
  /** Plain-text body (Vietnamese). */
  text: string;
  /** HTML body, every user value escaped. */
  html: string;
  /** Lagging score: higher first when the mail quota is short. */
  priority: number;
}

export interface Report {
  period: string;
  today: string;
  /** Deadline of the current period (YYYY-MM-DD). */
  deadline: string;
  generatedBy: string;
  settings: Settings;
  units: UnitReport[];
  province: {
    learners: LearnerCounts;
    indicators: Partial<Record<IndicatorCode, IndicatorValue>>;
    completeness: Completeness;
    byType: TypeSummary[];
    laggards: number;
    courses: CourseCounts;
  };
  issues: Issue[];
  duplicates: DuplicateGroup[];
  reminders: ReminderPlan[];
  /** Sheets read as learner tables, with the 1-based header row and the column map. */
  tables: TableInfo[];
  /** Today and the reminder calendar, and the reminders as planned today (not in tong-hop.json). */
  reminder: ReminderBlock;
  /** Issues by severity (not in tong-hop.json: its readers count `issues`). */
  totals: IssueTotals;
  /**
   * The period is closed (`Lịch sử tổng hợp`, docs/month-close.md): the indicator figures are the
   * latest closed version's. Absent when the period is not closed (in tong-hop.json when present).
   */
  closed?: ClosedVersion;
  /**
   * The close the indicators' `previousClosed` come from: the last period closed before this one
   * (its latest version). Absent when there is none (in tong-hop.json when present).
   */
  previousClose?: ClosedVersion;
  /** Every period of `Lịch sử tổng hợp`, oldest first (absent without the sheet; not in tong-hop.json). */
  history?: PeriodHistorySummary[];
  /**
   * The province's percent per indicator in each period closed before this one (its latest
   * version), oldest first: the month-by-month line of the dashboard (absent without the sheet;
   * not in tong-hop.json).
   */
  provinceHistory?: ProvinceHistoryPoint[];
}

/** One close of a period: its version, when and by whom. */
export interface ClosedVersion {
  period: string;
  version: number;
  /** As written in Thời điểm chốt (YYYY-MM-DD HH:mm:ss, Vietnam time). */
  closedAt: string;
  closedBy: string;
}

/** The province's figures of one closed period (Report.provinceHistory). */
export interface ProvinceHistoryPoint {
  period: string;
  percent: Partial<Record<IndicatorCode, number | null>>;
}

/** A period's state in `Lịch sử tổng hợp`. */
export interface PeriodHistorySummary {
  period: string;
  /** Closed now (the last event is Chốt) or reopened (Mở lại). */
  state: 'closed' | 'reopened';
  /** The latest version closed. */
  version: number;
  closedAt: string;
  closedBy: string;
  /** When reopened: the reason recorded. */
  reason?: string;
}

/** Issues of a report by severity. */
export type IssueTotals = Record<Severity, number>;

/** Where today stands in the current period's reminder calendar (docs/rules.md §7). */
export interface ReminderSchedule {
  /** Deadline of the current period's report (YYYY-MM-DD). */
  deadline: string;
  /** Today is one of the period's reminder dates. */
  isReminderDate: boolean;
  /** The reminder date served today: today on a reminder date, else null. */
  dueDate: string | null;
  /** The first reminder date of the period after today, or null. */
  nextDate: string | null;
}

export interface ReminderBlock extends ReminderSchedule {
  /**
   * The reminders as planned today, on any date, most lagging first: `Report.reminders` on a
   * reminder date; on another date, what a send today would say (computed when first read).
   */
  readonly plans: ReminderPlan[];
}

export interface TableInfo {
  sheet: string;
  kind: TableKind;
  headerRow: number;
  /** Canonical field → 0-based column index. */
  columns: Record<string, number>;
  /** 0-based index of our own status column ("Kết quả kiểm tra"), if present. */
  statusColumn: number | null;
  /** Unit code that owns the sheet (a per-unit tab), if any. */
  unit: string | null;
}

export type TableKind = 'units' | 'learners' | 'reports' | 'platform' | 'targets' | 'config' | 'courses' | 'history';

export interface IndicatorTarget {
  code: IndicatorCode;
  name: string;
  /** Percent; null: no target for the year (no Chỉ tiêu row and no default from the seeds). */
  target: number | null;
  year: number;
  /** Deadline (Mốc hoàn thành) as YYYY-MM-DD: the end of the trajectory. */
  deadline: string;
  /** Ngày bắt đầu (YYYY-MM-DD, default 1 January of the year): the start of the trajectory. */
  start: string;
  /** Tỷ lệ đầu kỳ (%) at the start (default 0). */
  baseline: number;
}

export interface Settings {
  departmentName: string;
  /** Day of the month the monthly report is due (1–28; default 25). */
  deadlineDay: number;
  /** Reporting cycle (Chu kỳ báo cáo): 'month' (default) or 'quarter'. */
  cycle: 'month' | 'quarter';
  /** Day of the quarter's last month the quarterly report is due (1–31, clamped); null = deadlineDay. */
  quarterDeadlineDay: number | null;
  /** Hạn báo cáo một lần (YYYY-MM-DD): one report, due that date; null = periodic reports. */
  oneOffDeadline: string | null;
  /** Days before the deadline on which a reminder goes out (default [5, 2]). */
  remindBefore: number[];
  /** Days after the deadline on which an overdue reminder goes out (default [1]). */
  remindAfter: number[];
  digestEmails: string[];
  /** `Cán bộ Sở (email)`: department staff who may run the tool, kept as editors of the protected outputs. */
  staffEmails: string[];
  contactName: string;
  contactEmail: string;
  /** Focal point's phone (`Điện thoại liên hệ`): digits, spaces, dots, a leading +; '' when unset. */
  contactPhone: string;
  /** Link to the shared workbook (`Đường dẫn bảng tính`), http(s) without spaces; '' when unset. */
  sheetUrl: string;
  dryRun: boolean;
  /** Tolerance for REPORT_UNSUPPORTED (reported vs evidenced), percent (default 10). */
  evidenceTolerance: number;
  /** Dung sai tiến độ: an indicator is behind only below expected − this, percentage points (default 10). */
  progressTolerance: number;
  /** Mức tăng bất thường: REPORT_JUMP above this share of the denominator per period, percent (default 30). */
  jumpThreshold: number;
  /**
   * Khóa kỳ đã chốt: how a close locks the period's `Báo cáo tháng` rows: 'block' (Chặn, default:
   * only the staff and the owner can edit them) or 'warn' (Chỉ cảnh báo: everyone can, after a warning).
   */
  closedLock: 'block' | 'warn';
  /** Cơ quan chủ quản of the official report's issuing body ('' = derived from Tên Sở, else a placeholder). */
  parentAgency: string;
  /** Địa danh of the report's date line ('' = derived from Tên Sở, else a placeholder). */
  place: string;
  /** Ký hiệu báo cáo after the slash of “Số: …/” (default BC-SKHCN). */
  reportSymbol: string;
  /** Kính gửi (default “Chủ tịch UBND tỉnh”). */
  addressee: string;
  /** Nơi nhận, one entry per item (default Như trên; Lưu: VT). */
  recipients: string[];
  /** Chức vụ người ký (default GIÁM ĐỐC). */
  signerTitle: string;
  /** Người ký ('' = a line to sign by hand). */
  signerName: string;
  /** Khó khăn, vướng mắc: free text, one paragraph per line ('' = a placeholder to fill). */
  difficulties: string;
  /** Đề xuất, kiến nghị: free text, one paragraph per line. */
  proposals: string;
  targets: IndicatorTarget[];
}

export interface ConsolidateOptions {
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh, or a Date (converted to that zone). */
  today: string | Date;
  /** Called now and then with a fraction 0–1 (for progress bars and toasts). */
  onProgress?: (fraction: number, stage: string) => void;
  /**
   * false: skip the prescan (the speed-up of whole-workbook runs; learners.ts) and check every row
   * the way instant checks do. Same report, slower; tests compare the two paths.
   */
  prescan?: boolean;
  /**
   * What the adapter skipped or cut while reading its input files (the command line's .xlsx
   * reader: a chart sheet, cells far outside the data): each becomes an INPUT_SKIPPED warning,
   * so nothing is dropped silently.
   */
  inputNotes?: InputNote[];
  /**
   * The spreadsheet's time zone (Sheets: Spreadsheet.getSpreadsheetTimeZone()), when the input has
   * one. A zone whose wall-clock is not Vietnam's adds a TIME_ZONE_DIFFERS warning. The adapter has
   * already converted the Date cells to the core's convention (src/core/dates.ts).
   */
  timeZone?: string;
}

export interface InputNote {
  file: string;
  /** The sheet as named in the snapshot, when the note is about one. */
  sheet?: string;
  /** Vietnamese, one phrase; never a cell's value (addresses only). */
  note: string;
}
