/**
 * The adapter's view of time and of its own limits: one injectable clock (for "today" and for the
 * execution-time budget), and the sizes that keep every run inside Apps Script's quotas.
 *
 * Apps Script limits (see docs/sheets-addon.md): 6 minutes per execution, 30 seconds per simple
 * trigger (onEdit), 10 million cells per spreadsheet.
 */
import { vnDateParts, ymd } from '../core';

let clock: () => Date = () => new Date();

/** Replace the clock (tests); `null` restores `new Date()`. */
export function setClock(fn: (() => Date) | null): void {
  clock = fn ?? (() => new Date());
}

export function now(): Date {
  return clock();
}

export function nowMs(): number {
  return clock().getTime();
}

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the core's convention). */
export function todayYmd(): string {
  return ymd(vnDateParts(now()));
}

export interface Limits {
  /** Soft budget of one execution: past it, a run saves a checkpoint and continues later. */
  budgetMs: number;
  /** Past this, a run that could not make progress gives up instead of being killed at 6 minutes. */
  hardMs: number;
  /** Budget of the onEdit simple trigger (30 s limit). */
  editBudgetMs: number;
  /** Cells per getValues/setValues call when a table is read or written in chunks. */
  chunkCells: number;
  /** Rows per chunk: at least / at most. */
  minChunkRows: number;
  maxChunkRows: number;
  /** Delay before the one-off continuation trigger fires. */
  continueAfterMs: number;
  /** Continuations of one run at most (a run that keeps restarting is stopped). */
  maxExecutions: number;
  /** Minimum interval between progress toasts. */
  toastEveryMs: number;
  /** Cells a spreadsheet may hold (all sheets' rows × columns). */
  maxCells: number;
}

export const DEFAULT_LIMITS: Limits = {
  budgetMs: 270_000,
  hardMs: 330_000,
  editBudgetMs: 25_000,
  chunkCells: 400_000,
  minChunkRows: 1_000,
  maxChunkRows: 50_000,
  continueAfterMs: 60_000,
  maxExecutions: 12,
  toastEveryMs: 5_000,
  maxCells: 10_000_000,
};

export const limits: Limits = { ...DEFAULT_LIMITS };

/** Override limits (tests). `null` restores the defaults. */
export function setLimits(patch: Partial<Limits> | null): void {
  Object.assign(limits, DEFAULT_LIMITS, patch ?? {});
}

/** Rows per chunk for a table `width` columns wide. */
export function chunkRows(width: number): number {
  const rows = Math.floor(limits.chunkCells / Math.max(1, width));
  return Math.max(limits.minChunkRows, Math.min(limits.maxChunkRows, rows));
}

/** Elapsed time of the current execution. */
export interface Stopwatch {
  readonly startMs: number;
  elapsed(): number;
  /** True once the soft budget is used. */
  overBudget(): boolean;
  overHard(): boolean;
}

export function startStopwatch(): Stopwatch {
  const startMs = nowMs();
  return {
    startMs,
    elapsed: () => nowMs() - startMs,
    overBudget: () => nowMs() - startMs >= limits.budgetMs,
    overHard: () => nowMs() - startMs >= limits.hardMs,
  };
}
