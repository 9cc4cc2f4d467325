/**
 * The issue model's rules (issue 12 §3): every issue code once, with the details its message is
 * built from, and its severity. `IssueCode` is derived from this list (types.ts re-exports it);
 * the Vietnamese texts are in messages.ts (`ISSUE_TEXTS`, one function per code, typed by
 * `IssueDetailsByCode`), so a code without a text, a severity or a details type does not compile.
 *
 * Details hold exactly the fields a code's text uses: required where the text always needs one,
 * optional where the text has a variant without it. Values that could hold a CCCD are masked by
 * the caller (`masked`), or by makeIssue (every quoted value, once).
 */
import type { CountField } from './schema';
import type { NameProblem } from './text';
import type { IndicatorCode, Severity } from './types';

/** The details of a code whose text quotes nothing: `{}`, or omitted. */
export type NoDetails = Record<string, never>;

/** A row of another sheet (or of the same one) that an issue points back to. */
interface FirstRow {
  firstSheet: string;
  firstRow: number;
}

/** A value quoted from the cell the issue is about. */
interface Quoted {
  value: string;
}

export interface IssueDetailsByCode {
  // learner rows: errors
  CCCD_MISSING: NoDetails;
  /** `letters`: a character that is not a digit; `short`: the wrong number of digits (`length`). */
  CCCD_FORMAT: { masked: string; length: number; reason: 'letters' | 'short' };
  CCCD_OLD_CMND: NoDetails;
  CCCD_PRECISION_LOST: NoDetails;
  /** The first occurrence of the CCCD (the one that counts), and its unit's name when it has one. */
  CCCD_DUPLICATE: FirstRow & { masked: string; firstUnit?: string };
  NAME_MISSING: NoDetails;
  UNIT_MISSING: NoDetails;
  /** `suggestion`: the registered unit the value most likely means. */
  /** `candidates`: the units the text matches equally (ambiguous), else `suggestion`: the closest name. */
  UNIT_UNKNOWN: Quoted & { suggestion?: string; candidates?: string[] };
  // monthly reports: errors
  REPORT_NOT_NUMBER: Quoted;
  /** `field`: the count column (without it, the text names no column). */
  REPORT_EXCEEDS_DENOMINATOR: Quoted & { denominator: number; field?: CountField };
  REPORT_UNSUPPORTED: { reported: number; evidenced: number; tolerance: number };
  // learner rows: warnings
  /** The padded 12 digits, masked. */
  CCCD_NUMERIC_CELL: { masked: string };
  CCCD_PROVINCE: { prefix: string };
  CCCD_CENTURY: { cccdYear: number };
  CCCD_AGE: { age: number; minAge: number; group: string };
  CCCD_MISMATCH: { reason: 'year'; year: number; cccdYear: number } | { reason: 'gender'; gender: string; cccdGender: string };
  /** `suggestion`: the name written as it should be (not for `decomposed`, whose fix says how). */
  NAME_FORMAT: Quoted & { reason: Exclude<NameProblem, null>; suggestion?: string };
  /** The legacy encoding (TCVN3, VNI) and the name read in it. */
  NAME_LEGACY_ENCODING: Quoted & { encoding: string; suggestion: string };
  EMAIL_FORMAT: Quoted & { suggestion?: string };
  EMAIL_TYPO: Quoted & { suggestion: string };
  EMAIL_SHARED: Quoted & FirstRow;
  /** `group`: the group the row is counted in instead. */
  GROUP_UNKNOWN: Quoted & { group: string };
  STATUS_UNKNOWN: Quoted;
  /** `accepted`: the status words to write instead. */
  STATUS_AMBIGUOUS: Quoted & { accepted: string };
  GROUP_INFERRED: { age: number; group: string };
  PERSON_POSSIBLE_DUPLICATE: FirstRow;
  // monthly reports: warnings
  /** `period` and `deadline` as users read them (11/2026, 25/11/2026). */
  REPORT_MISSING: { unitName: string; period: string; deadline: string };
  REPORT_DECREASED: Quoted & { previous: number; previousPeriod: string };
  /** No longer raised (replaced by REPORT_UNSUPPORTED); its text is kept with its code. */
  REPORT_EXCEEDS_EVIDENCE: Quoted & { evidence: number; tolerance: number };
  /** The configured cycle, and whether the cell was a quarter while reports are monthly. */
  REPORT_PERIOD_INVALID: Quoted & { cycle: 'month' | 'quarter'; quarterInMonthly: boolean };
  /** The increase over `periods` periods, above `threshold` % of the unit's `denominator`. */
  REPORT_JUMP: Quoted & { previous: number; previousPeriod: string; increase: number; threshold: number; denominator: number; periods: number };
  // platform results and courses: warnings
  /** `rows` with that course; `learnerRow`: it is a learner's Chương trình, not a platform result. */
  COURSE_UNMAPPED: Quoted & { rows: number; learnerRow: boolean };
  COMPLETION_DATE_MISSING: NoDetails;
  /**
   * A platform `Đơn vị` text that resolves to no unit, on `rows` rows that would be aggregate
   * evidence for `indicators` (VNEID, NGUOI_DAN); `candidates`: the units it matches equally
   * (ambiguous), else `suggestion`: the closest registered name.
   */
  PLATFORM_UNIT_UNKNOWN: Quoted & { rows: number; indicators: IndicatorCode[]; suggestion?: string; candidates?: string[] };
  // workbook, registry and configuration
  SHEET_MISSING: { sheet: string };
  /** The headers the table needs, as one list. */
  TABLE_NOT_FOUND: { columns: string };
  /** The input file and what its reader skipped. */
  INPUT_SKIPPED: { file: string; note: string };
  /** The spreadsheet's time zone. */
  TIME_ZONE_DIFFERS: Quoted;
  UNIT_CODE_DUPLICATE: Quoted & { firstRow: number };
  /**
   * `value`: this row's Tên đơn vị, the same (name key) as that of the unit of `firstRow`; `code`
   * and `firstCode`: the two units' codes ('' for a unit without a code of its own: its name is its
   * code). `codeRow`: the row of the unit whose code key is that name key too (a cell with the
   * name resolves to it), absent when the name resolves to none.
   */
  UNIT_NAME_DUPLICATE: Quoted & { code: string; firstRow: number; firstCode: string; codeRow?: number };
  UNIT_TYPE_UNKNOWN: Quoted;
  DENOMINATOR_INVALID: Quoted;
  /** `safe`: the setting falls back to its safe value rather than its default. */
  CONFIG_INVALID: Quoted & { key: string; why: string; defaultValue: string; safe?: boolean };
  TARGET_INVALID: { why: string };
  PLATFORM_CCCD_INVALID: NoDetails;
  // the month close (Lịch sử tổng hợp, history.ts)
  /** Why a history row is not read (`HISTORY_WHY` in messages.ts). */
  HISTORY_ROW_INVALID: { why: string };
  /** A closed period's figure (`figure`: the indicator's short name) differs from the snapshot's. */
  CLOSED_PERIOD_CHANGED: { unitName: string; indicator: string; period: string; version: number; snapshot: string; now: string };
}

export type IssueCode = keyof IssueDetailsByCode;

/** One issue as a value, for a caller that holds its code in a variable. */
export type IssueInput = { [C in IssueCode]: { code: C; details: IssueDetailsByCode[C] } }[IssueCode];

/**
 * Severity, a rule: an error makes a learner row invalid (not counted), a warning is shown but the
 * row counts. DESIGN.md: a code may not change severity without a reason in the changelog.
 */
export const SEVERITY: { readonly [C in IssueCode]: Severity } = {
  CCCD_MISSING: 'error',
  CCCD_FORMAT: 'error',
  CCCD_OLD_CMND: 'error',
  CCCD_PRECISION_LOST: 'error',
  CCCD_DUPLICATE: 'error',
  NAME_MISSING: 'error',
  UNIT_MISSING: 'error',
  UNIT_UNKNOWN: 'error',
  REPORT_NOT_NUMBER: 'error',
  REPORT_EXCEEDS_DENOMINATOR: 'error',
  REPORT_UNSUPPORTED: 'error',
  CCCD_NUMERIC_CELL: 'warning',
  CCCD_PROVINCE: 'warning',
  CCCD_CENTURY: 'warning',
  CCCD_AGE: 'warning',
  CCCD_MISMATCH: 'warning',
  NAME_FORMAT: 'warning',
  NAME_LEGACY_ENCODING: 'warning',
  EMAIL_FORMAT: 'warning',
  EMAIL_TYPO: 'warning',
  EMAIL_SHARED: 'warning',
  GROUP_UNKNOWN: 'warning',
  STATUS_UNKNOWN: 'warning',
  STATUS_AMBIGUOUS: 'warning',
  GROUP_INFERRED: 'warning',
  PERSON_POSSIBLE_DUPLICATE: 'warning',
  REPORT_MISSING: 'warning',
  REPORT_DECREASED: 'warning',
  REPORT_EXCEEDS_EVIDENCE: 'warning',
  REPORT_PERIOD_INVALID: 'warning',
  REPORT_JUMP: 'warning',
  COURSE_UNMAPPED: 'warning',
  COMPLETION_DATE_MISSING: 'warning',
  PLATFORM_UNIT_UNKNOWN: 'warning',
  SHEET_MISSING: 'error',
  // an error since v2: a sheet the tool cannot read is never silently skipped
  TABLE_NOT_FOUND: 'error',
  INPUT_SKIPPED: 'warning',
  TIME_ZONE_DIFFERS: 'warning',
  UNIT_CODE_DUPLICATE: 'warning',
  // the registry rows both count; the cells that name the unit by this name are what is reported
  UNIT_NAME_DUPLICATE: 'warning',
  UNIT_TYPE_UNKNOWN: 'warning',
  DENOMINATOR_INVALID: 'warning',
  CONFIG_INVALID: 'warning',
  TARGET_INVALID: 'warning',
  PLATFORM_CCCD_INVALID: 'warning',
  // a history row that cannot be read is left out; the rest of the history is used
  HISTORY_ROW_INVALID: 'warning',
  CLOSED_PERIOD_CHANGED: 'warning',
};
