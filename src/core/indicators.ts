/**
 * Indicators against targets (docs/rules.md §5): per unit from its report or its learner evidence,
 * and aggregated as Σ numerators / Σ denominators, never a mean of percentages.
 */
import { dayNumber, parseYmd, type DateParts } from './dates';
import { INDICATORS, INDICATOR_GROUP } from './schema';
import type { IndicatorCode, IndicatorSource, IndicatorStatus, IndicatorTarget, IndicatorValue } from './types';

const EPS = 1e-9;

/** Share of the time from 1 January of the target's year to its deadline that has elapsed, 0–1. */
export function elapsedShare(target: IndicatorTarget, today: DateParts): number {
  const start = dayNumber({ y: target.year, m: 1, d: 1 });
  const dl = parseYmd(target.deadline);
  const end = dl ? dayNumber(dl) : dayNumber({ y: target.year, m: 12, d: 31 });
  const t = dayNumber(today);
  if (end <= start) return t >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (t - start) / (end - start)));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function statusOf(percent: number | null, target: number, expected: number): IndicatorStatus {
  if (percent === null) return 'no_data';
  if (percent + EPS >= target) return 'met';
  if (percent + EPS >= expected) return 'on_track';
  return 'behind';
}

export function makeValue(
  numerator: number | null,
  denominator: number | null,
  target: IndicatorTarget,
  share: number,
  source: IndicatorSource | null,
): IndicatorValue {
  const percent = numerator !== null && denominator !== null && denominator > 0 ? (numerator / denominator) * 100 : null;
  const expected = target.target * share;
  return {
    numerator,
    denominator,
    percent: percent === null ? null : round2(percent),
    target: target.target,
    expected: round2(expected),
    status: statusOf(percent, target.target, expected),
    source,
  };
}

export interface IndicatorInputs {
  /** The unit's denominators by indicator (null when unknown). */
  denominator(code: IndicatorCode): number | null;
  /** The count of the unit's latest effective report, null when not reported. */
  reported(code: IndicatorCode): number | null;
  /** Valid learners of the indicator's group and how many completed; null when no evidence group. */
  evidence(code: IndicatorCode): { valid: number; completed: number } | null;
}

export function unitIndicators(
  inputs: IndicatorInputs,
  targets: Map<IndicatorCode, IndicatorTarget>,
  shares: Map<IndicatorCode, number>,
): Partial<Record<IndicatorCode, IndicatorValue>> {
  const out: Partial<Record<IndicatorCode, IndicatorValue>> = {};
  for (const code of INDICATORS) {
    const den = inputs.denominator(code);
    const usableDen = den !== null && den > 0 ? den : null;
    let num: number | null = inputs.reported(code);
    let source: IndicatorSource | null = num !== null ? 'report' : null;
    if (num === null && INDICATOR_GROUP[code]) {
      const ev = inputs.evidence(code);
      if (ev && ev.valid > 0) {
        num = ev.completed;
        source = 'learners';
      }
    }
    if (usableDen === null && num === null) continue;
    out[code] = makeValue(num, usableDen, targets.get(code)!, shares.get(code)!, source);
  }
  return out;
}

/** Σ numerators / Σ denominators over units that have the denominator (a missing numerator adds 0). */
export function aggregateIndicators(
  units: Partial<Record<IndicatorCode, IndicatorValue>>[],
  targets: Map<IndicatorCode, IndicatorTarget>,
  shares: Map<IndicatorCode, number>,
): Partial<Record<IndicatorCode, IndicatorValue>> {
  const out: Partial<Record<IndicatorCode, IndicatorValue>> = {};
  for (const code of INDICATORS) {
    let num = 0;
    let den = 0;
    let any = false;
    let fromReport = false;
    let fromLearners = false;
    for (const u of units) {
      const v = u[code];
      if (!v || v.denominator === null) continue;
      any = true;
      den += v.denominator;
      num += v.numerator ?? 0;
      if (v.source === 'report') fromReport = true;
      if (v.source === 'learners') fromLearners = true;
    }
    if (!any) continue;
    out[code] = makeValue(num, den, targets.get(code)!, shares.get(code)!, fromReport ? 'report' : fromLearners ? 'learners' : null);
  }
  return out;
}

