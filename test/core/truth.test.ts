/**
 * The engine against the generator's truth: on provinces of several seeds, sizes and dates, what
 * `consolidate` reports must be exactly what the generator injected (docs/generator.md). The
 * truth is derived from the injection and Rules v2, never from the engine, so a rule that drifts
 * fails here. (The v2 fields are read through a loose type so that this file type-checks against
 * the engine's types of either version.)
 */
import { consolidate } from '../../src/core/consolidate';
import { generateProvince, type GenerateOptions } from '../../src/demo';
import type { Report } from '../../src/core/types';

interface Case extends GenerateOptions {
  label: string;
}

const CASES: Case[] = [
  { label: 'default size, a reminder date', seed: 1, learners: 20_000 },
  { label: 'small province', seed: 2, units: 12, learners: 600 },
  { label: 'few units, many tabs', seed: 3, units: 30, learners: 5_000, unitTabs: 10 },
  { label: 'after the deadline', seed: 4, units: 80, learners: 8_000, today: '2026-11-27' },
  { label: 'early in the month, no platform sheet', seed: 5, units: 60, learners: 4_000, today: '2026-12-03', platform: false },
  { label: 'January (reports cross the new year), high error rate', seed: 6, units: 40, learners: 3_000, today: '2027-01-24', errorRate: 0.2 },
  { label: 'another birth province', seed: 7, units: 50, learners: 2_500, province: { code: '001', name: 'Hà Nội' } },
];

const rowKey = (i: { sheet?: string; row?: number; code: string }) => `${i.sheet}|${i.row}|${i.code}`;
/** Rules v2 fields of an indicator value, a province value and a reminder. */
type V2 = { reported?: number | null; evidenced?: number | null; baseline?: number; start?: string; end?: string };
const v2 = (x: unknown): V2 => x as V2;

describe.each(CASES)('$label', (c) => {
  const { snapshot, truth } = generateProvince(c);
  let report: Report;
  beforeAll(() => {
    report = consolidate(snapshot, { today: truth.today });
  });

  it('period and deadline', () => {
    expect({ period: report.period, deadline: report.deadline, today: report.today }).toEqual({
      period: truth.period,
      deadline: truth.deadline,
      today: truth.today,
    });
  });

  it('every unit: learner counts, report, laggard reasons', () => {
    expect(report.units.map((u) => u.code)).toEqual(Object.keys(truth.units));
    for (const u of report.units) {
      const t = truth.units[u.code];
      expect({ unit: u.code, learners: u.learners, submitted: u.report.submitted, late: u.report.late, reasons: u.reasons, laggard: u.laggard }).toEqual({
        unit: u.code,
        learners: t.learners,
        submitted: t.submitted,
        late: t.late,
        reasons: t.reasons,
        laggard: t.reasons.length > 0,
      });
    }
  });

  it('every unit: indicators (numerator, denominator, source, status, reported, evidenced)', () => {
    for (const u of report.units) {
      const t = truth.units[u.code];
      const got = Object.fromEntries(
        Object.entries(u.indicators).map(([k, v]) => [
          k,
          { numerator: v!.numerator, denominator: v!.denominator, source: v!.source, status: v!.status, reported: v2(v).reported, evidenced: v2(v).evidenced },
        ]),
      );
      expect({ unit: u.code, indicators: got }).toEqual({ unit: u.code, indicators: t.indicators });
    }
  });

  it('province: learner counts, Σ/Σ indicators, completeness, targets', () => {
    expect(report.province.learners).toEqual(truth.province.learners);
    for (const [code, t] of Object.entries(truth.province.indicators)) {
      const v = report.province.indicators[code as keyof typeof report.province.indicators]!;
      expect({ code, numerator: v.numerator, denominator: v.denominator, reported: v2(v).reported ?? 0, evidenced: v2(v).evidenced }).toEqual({ code, ...t });
      expect(v.percent).toBeCloseTo((t.numerator / t.denominator) * 100, 2);
    }
    const c = report.province.completeness;
    expect({ expected: c.expected, submitted: c.submitted, onTime: c.onTime }).toEqual(truth.province.completeness);
    for (const [code, t] of Object.entries(truth.targets)) {
      const v = report.province.indicators[code as keyof typeof report.province.indicators];
      if (!v) continue;
      expect({ code, target: v.target, baseline: v2(v).baseline, start: v2(v).start, end: v2(v).end }).toEqual({
        code,
        target: t.target,
        baseline: t.baseline,
        start: t.start,
        end: t.end,
      });
      if (t.expected === null) expect(v.expected).toBeNull();
      else expect(v.expected).toBeCloseTo(t.expected, 2);
    }
  });

  it('row issues: exactly the injected ones (sheet, row, code)', () => {
    const got = report.issues
      .filter((i) => i.row !== undefined)
      .map(rowKey)
      .sort();
    const want = truth.rowIssues.map(rowKey).sort();
    const missing = want.filter((k) => !got.includes(k));
    const extra = got.filter((k) => !want.includes(k));
    expect({ missing: missing.slice(0, 20), extra: extra.slice(0, 20) }).toEqual({ missing: [], extra: [] });
    expect(got.length).toBe(want.length);
  });

  it('unit issues, duplicate groups, reminders and their kind', () => {
    const unitIssues = report.issues.filter((i) => i.row === undefined && i.unit).map((i) => ({ unit: i.unit, code: i.code }));
    expect(unitIssues).toEqual(truth.unitIssues);
    expect(report.duplicates.length).toBe(truth.duplicateGroups);
    expect(report.reminders.map((r) => r.unit).sort()).toEqual(truth.reminders);
    for (const r of report.reminders) {
      const t = truth.units[r.unit];
      expect({ unit: r.unit, kind: r.kind as string, reasons: r.reasons as string[] }).toEqual({ unit: r.unit, kind: t.reminderKind, reasons: t.reasons });
    }
  });

  it('no issue without a location, no workbook-level issue on a generated province', () => {
    const floating = report.issues.filter((i) => i.row === undefined && !i.unit);
    expect(floating.map((i) => `${i.sheet}:${i.code}`)).toEqual([]);
  });
});
