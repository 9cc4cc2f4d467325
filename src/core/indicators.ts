/**
 * Indicators against targets (docs/rules.md §5): per unit from its report or its learner evidence,
 * with the evidence beside the report, against a fair trajectory (baseline → target between the
 * target's start and end, with a progress tolerance); aggregated as Σ numerators / Σ
 * denominators, never a mean of percentages.
 */
import { dayNumber, parseYmd, type DateParts } from './dates';
import { INDICATORS } from './schema';
import type { IndicatorCode, IndicatorSource, IndicatorStatus, IndicatorTarget, IndicatorValue } from './types';

const EPS = 1e-9;

function dayOf(iso: string, fallback: DateParts): number {
  return dayNumber(parseYmd(iso) ?? fallback);
}

/** Share of the time from the target's start to its end (Mốc hoàn thành) that has elapsed, 0–1. */
export function elapsedShare(target: IndicatorTarget, today: DateParts): number {
  const start = dayOf(target.start, { y: target.year, m: 1, d: 1 });
  const end = dayOf(target.deadline, { y: target.year, m: 12, d: 31 });
  const t = dayNumber(today);
  if (end <= start) return t >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (t - start) / (end - start)));
}

/** baseline + (target − baseline) × share; null without a target. */
export function expectedOf(target: IndicatorTarget, share: number): number | null {
  return target.target === null ? null : target.baseline + (target.target - target.baseline) * share;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** met ≥ target; on_track ≥ expected − tolerance (percentage points); else behind. */
export function statusOf(percent: number | null, target: number | null, expected: number | null, tolerance: number): IndicatorStatus {
  if (percent === null || target === null || expected === null) return 'no_data';
  if (percent + EPS >= target) return 'met';
  if (percent + EPS >= expected - tolerance) return 'on_track';
  return 'behind';
}

export interface ValueInputs {
  numerator: number | null;
  denominator: number | null;
  source: IndicatorSource | null;
  reported: number | null;
  evidenced: number | null;
}

export function makeValue(v: ValueInputs, target: IndicatorTarget, share: number, tolerance: number): IndicatorValue {
  const { numerator, denominator } = v;
  const percent = numerator !== null && denominator !== null && denominator > 0 ? (numerator / denominator) * 100 : null;
  const expected = expectedOf(target, share);
  return {
    numerator,
    denominator,
    percent: percent === null ? null : round2(percent),
    target: target.target,
    expected: expected === null ? null : round2(expected),
    status: statusOf(percent, target.target, expected, tolerance),
    source: v.source,
    reported: v.reported,
    evidenced: v.evidenced,
    baseline: target.baseline,
    start: target.start,
    end: target.deadline,
  };
}

export interface IndicatorInputs {
  /** The unit's denominators by indicator (null when unknown). */
  denominator(code: IndicatorCode): number | null;
  /** The count of the unit's latest effective report, null when not reported. */
  reported(code: IndicatorCode): number | null;
  /** Completions with evidence; null when the indicator has no evidence source for this unit. */
  evidenced(code: IndicatorCode): number | null;
  /** The numerator from learner rows when the unit sent no count (null: none). */
  learnerNumerator(code: IndicatorCode): number | null;
}

export interface TrajectoryContext {
  targets: Map<IndicatorCode, IndicatorTarget>;
  shares: Map<IndicatorCode, number>;
  /** Dung sai tiến độ, percentage points. */
  tolerance: number;
}

export function unitIndicators(inputs: IndicatorInputs, ctx: TrajectoryContext): Partial<Record<IndicatorCode, IndicatorValue>> {
  const out: Partial<Record<IndicatorCode, IndicatorValue>> = {};
  for (const code of INDICATORS) {
    const den = inputs.denominator(code);
    const usableDen = den !== null && den > 0 ? den : null;
    const reported = inputs.reported(code);
    let num: number | null = reported;
    let source: IndicatorSource | null = num !== null ? 'report' : null;
    if (num === null) {
      num = inputs.learnerNumerator(code);
      if (num !== null) source = 'learners';
    }
    if (usableDen === null && num === null) continue;
    const value = { numerator: num, denominator: usableDen, source, reported, evidenced: inputs.evidenced(code) };
    out[code] = makeValue(value, ctx.targets.get(code)!, ctx.shares.get(code)!, ctx.tolerance);
  }
  return out;
}

/**
 * Σ numerators / Σ denominators over units that have the denominator (a missing numerator adds
 * 0); Σ reported; Σ evidenced over the units with an evidence source, and that evidence as a
 * percent of their Σ denominators.
 */
export function aggregateIndicators(
  units: Partial<Record<IndicatorCode, Pick<IndicatorValue, 'numerator' | 'denominator' | 'reported' | 'evidenced' | 'source'>>>[],
  ctx: TrajectoryContext,
): Partial<Record<IndicatorCode, IndicatorValue>> {
  const out: Partial<Record<IndicatorCode, IndicatorValue>> = {};
  for (const code of INDICATORS) {
    let num = 0;
    let den = 0;
    let any = false;
    let fromReport = false;
    let fromLearners = false;
    let reported: number | null = null;
    let evidenced: number | null = null;
    let evidencedDen = 0;
    for (const u of units) {
      const v = u[code];
      if (!v || v.denominator === null) continue;
      any = true;
      den += v.denominator;
      num += v.numerator ?? 0;
      if (v.reported !== null) reported = (reported ?? 0) + v.reported;
      if (v.evidenced !== null) {
        evidenced = (evidenced ?? 0) + v.evidenced;
        evidencedDen += v.denominator;
      }
      if (v.source === 'report') fromReport = true;
      if (v.source === 'learners') fromLearners = true;
    }
    if (!any) continue;
    const value = makeValue(
      { numerator: num, denominator: den, source: fromReport ? 'report' : fromLearners ? 'learners' : null, reported, evidenced },
      ctx.targets.get(code)!,
      ctx.shares.get(code)!,
      ctx.tolerance,
    );
    value.evidencedPercent = evidenced !== null && evidencedDen > 0 ? round2((evidenced / evidencedDen) * 100) : null;
    out[code] = value;
  }
  return out;
}
