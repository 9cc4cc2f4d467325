/**
 * Shared pieces of the synthetic province generator: its unit record, group and count indexes,
 * calendar helpers (Asia/Ho_Chi_Minh = UTC+7, plain arithmetic).
 * The generator's truth is computed from these and docs/rules.md, never from the engine.
 */
import type { IndicatorCode, IssueCode, UnitType } from '../../core';

/** Group indexes used by the generator. */
export const G_CB = 0;
export const G_HS = 1;
export const G_DN = 2;
export const G_ND = 3;
export const GROUP_COUNT = 4;

/** Default group of a unit type (Rules v2 §G.2: Khác → CBCCVC). */
export const TYPE_DEFAULT_GROUP: Record<UnitType, number> = {
  SO_NGANH: G_CB,
  UBND_XA: G_ND,
  TRUONG: G_HS,
  DOANH_NGHIEP: G_DN,
  KHAC: G_CB,
};

/** Minimum plausible age of a group (docs/rules.md §3, CCCD_AGE). */
export const MIN_AGE = [15, 5, 15, 18];
export const MAX_AGE = 120;

/** Denominator indexes: Tổng số CB, CC, VC, NLĐ · người dân trưởng thành · HS, SV · NLĐ DN. */
export const D_CB = 0;
export const D_ADULTS = 1;
export const D_HSSV = 2;
export const D_NLD = 3;

/** Report count indexes, in the column order of `Báo cáo tháng`. */
export const C_CB = 0;
export const C_ND = 1;
export const C_HS = 2;
export const C_DN = 3;
export const C_VNEID = 4;
export const C_AI = 5;
export const COUNT_COLUMNS = 6;

/** Per report count: its indicator, denominator and evidence group (docs/rules.md §5). */
export const COUNT_INDICATOR: IndicatorCode[] = ['CBCCVC', 'NGUOI_DAN', 'HSSV', 'NLD_DN', 'VNEID', 'AI_CCVC'];
export const COUNT_DENOMINATOR = [D_CB, D_ADULTS, D_HSSV, D_NLD, D_ADULTS, D_CB];
export const COUNT_GROUP = [G_CB, G_ND, G_HS, G_DN, -1, -1];
/** The group whose valid rows allow the learner fallback of a count (Rules v2 §E: AI_CCVC → CBCCVC). */
export const COUNT_FALLBACK_GROUP = [G_CB, G_ND, G_HS, G_DN, -1, G_CB];
/** The count column of a group's own indicator (G_CB → C_CB, …). */
export const GROUP_COLUMN = [0, 2, 3, 1];

/**
 * Rules v2 §E: counts whose evidence is learner rows (CBCCVC, HSSV, NLD_DN, AI_CCVC, and
 * NGUOI_DAN at units that are not UBND xã/phường). VNEID and NGUOI_DAN at communes are aggregate.
 */
export function learnerEvidenced(j: number, type: UnitType): boolean {
  if (j === 4) return false;
  if (j === 1) return type !== 'UBND_XA';
  return true;
}

export interface GUnit {
  index: number;
  code: string;
  name: string;
  type: UnitType;
  contact: string;
  /** Focal e-mail ('' when none). */
  email: string;
  phone: string;
  /** Denominators by D_* index, null when left empty. */
  den: (number | null)[];
  /** Learner rows planned for this unit. */
  rows: number;
  /** Learner sheet index of the unit's own tab, or -1. */
  tab: number;
  /** Share of its learners marked complete / in progress. */
  pDone: number;
  pProg: number;
  /** Share of its clean CBCCVC learners the platform shows with the AI course completed. */
  pAI: number;
  /** An injected "box-ticking" unit (seed 003): reports counts well above its evidence. */
  boxTick: boolean;
  /** Alternative spellings of the Đơn vị cell that still resolve to this unit. */
  variants: string[];
}

/**
 * Issue codes the truth can hold: the engine's IssueCode plus the Rules v2 codes (written here so
 * that the generator type-checks against the engine of either version).
 */
export type TruthIssueCode =
  IssueCode | 'REPORT_UNSUPPORTED' | 'REPORT_JUMP' | 'COMPLETION_DATE_MISSING' | 'COURSE_UNMAPPED' | 'GROUP_INFERRED' | 'STATUS_AMBIGUOUS';

export interface RowIssue {
  sheet: string;
  row: number;
  code: TruthIssueCode;
}

// ---------------------------------------------------------------------------------------------
// Calendar (Asia/Ho_Chi_Minh has been UTC+7 all year since 1975)

export const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86400000;

export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The instant of a local (Asia/Ho_Chi_Minh) date and time: what Sheets returns for a date cell. */
export function vnDate(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min) - VN_OFFSET_MS);
}

/** A day number (dayNumber) as { y, m, d }. */
export function ymdOf(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** YYYY-MM-DD of a day number. */
export function dayText(day: number): string {
  const { y, m, d } = ymdOf(day);
  return ymdText(y, m, d);
}

/** The instant of a local time on a day number (a Date cell). */
export function vnDateOfDay(day: number, h = 0, min = 0): Date {
  return new Date(day * DAY_MS + (h * 60 + min) * 60000 - VN_OFFSET_MS);
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

export function ymdText(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** A month as { y, m } shifted by `delta` months. */
export function addMonths(y: number, m: number, delta: number): { y: number; m: number } {
  const t = y * 12 + (m - 1) + delta;
  return { y: Math.floor(t / 12), m: (t % 12) + 1 };
}
