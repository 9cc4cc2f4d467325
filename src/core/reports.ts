/**
 * Reports (`Báo cáo tháng`): periods of the configured cycle, the effective row per unit and
 * period, the count rules and reporting completeness (docs/rules.md §4).
 */
import {
  dayNumber,
  formatPeriodVi,
  isQuarterPeriod,
  parseDateCell,
  parsePeriodCell,
  periodInCycle,
  periodParts,
  type Cycle,
  type DateParts,
  type Period,
} from './dates';
import { INDICATORS, INDICATOR_COUNT, INDICATOR_DENOMINATOR, type CountField } from './schema';
import { cellText, isBlankRow, isEmptyCell, type FoundTable } from './tables';
import { matchKey } from './text';
import { parseCount, type Unit, type UnitResolver } from './units';
import type { IssueSink } from './issues';
import type { Cell } from './types';

export const COUNT_FIELDS: CountField[] = ['doneCbccvc', 'doneAdults', 'doneHssv', 'doneNldDn', 'doneVneid', 'doneAi'];

export interface ReportRow {
  unit: Unit;
  period: Period;
  counts: Record<CountField, number | null>;
  updated: DateParts | null;
  /** 1-based sheet row. */
  row: number;
}

export interface UnitReports {
  /** Effective row per period, in period order. */
  byPeriod: ReportRow[];
  /** Effective row of the latest period up to the current one. */
  latest: ReportRow | null;
  /** Effective row of the current period. */
  current: ReportRow | null;
}

export interface ReportsResult {
  sheet: string | null;
  labels: Record<string, string>;
  perUnit: UnitReports[];
}

const DENOMINATOR_OF: Record<CountField, keyof Unit['denominators']> = (() => {
  const m = {} as Record<CountField, keyof Unit['denominators']>;
  for (const code of INDICATORS) m[INDICATOR_COUNT[code]] = INDICATOR_DENOMINATOR[code];
  return m;
})();

/** How many periods of the cycle from a to b (a < b), at least 1: months, or quarters when both are quarters. */
export function periodsBetween(a: Period, b: Period): number {
  const pa = periodParts(a);
  const pb = periodParts(b);
  const months = pb.y * 12 + pb.m - (pa.y * 12 + pa.m);
  return Math.max(1, isQuarterPeriod(a) && isQuarterPeriod(b) ? Math.round(months / 3) : months);
}

const rank = (r: ReportRow): number => (r.updated ? dayNumber(r.updated) : -1e9) * 1e7 + r.row;

export interface ReportPeriodOptions {
  /** The configured cycle (default 'month'): a month label counts for its quarter in quarterly mode. */
  cycle?: Cycle;
  /**
   * One-off mode (Hạn báo cáo một lần): every row whose period is ≤ `current`, or whose Kỳ báo cáo
   * is blank, counts as the report of `current`.
   */
  oneOff?: boolean;
  /** Mức tăng bất thường (%): REPORT_JUMP above this share of the denominator per period (default 30). */
  jumpThreshold?: number;
}

export function readReports(
  table: FoundTable | null,
  resolver: UnitResolver,
  current: Period,
  issues: IssueSink,
  options: ReportPeriodOptions = {},
): ReportsResult {
  const cycle = options.cycle ?? 'month';
  const jumpThreshold = options.jumpThreshold ?? 30;
  const perUnit: UnitReports[] = resolver.units.map(() => ({ byPeriod: [], latest: null, current: null }));
  if (!table) return { sheet: null, labels: {}, perUnit };
  const col = table.columns;
  const lab = table.labels;
  const sheet = table.sheet;
  const effective = new Map<string, ReportRow>(); // unit index|period → row
  const get = (row: Cell[], f: string): Cell => (col[f] === undefined ? '' : (row[col[f]] ?? ''));
  const countColumns = COUNT_FIELDS.flatMap((f) => (f in col ? [col[f]] : []));

  for (let r = table.headerIndex + 1; r < table.values.length; r++) {
    const row = table.values[r];
    if (isBlankRow(row, table.statusColumn ?? -1, -1)) continue;
    const rowNum = r + 1;
    const periodCell = get(row, 'period');
    const written = parsePeriodCell(periodCell, matchKey);
    const codeText = cellText(get(row, 'unitCode')).trim();
    const nameText = cellText(get(row, 'unitName')).trim();
    let period = written ? periodInCycle(written, cycle) : null;
    if (!period && !written && options.oneOff && isEmptyCell(periodCell)) period = current;
    if (!period) {
      issues.add(
        'REPORT_PERIOD_INVALID',
        { sheet, row: rowNum, column: lab.period },
        {
          value: cellText(periodCell) || '(trống)',
          cycle,
          quarterInMonthly: written !== null && isQuarterPeriod(written),
        },
      );
      continue;
    }
    if (period > current) continue;
    if (options.oneOff) period = current;
    let unit: Unit | null = null;
    if (!codeText && !nameText) {
      issues.add('UNIT_MISSING', { sheet, row: rowNum, column: lab.unitCode ?? lab.unitName });
      continue;
    }
    const res = resolver.resolve(codeText || nameText);
    if (res.unit) unit = res.unit;
    else if (codeText && nameText) {
      const byName = resolver.resolve(nameText);
      if (byName.unit) unit = byName.unit;
    }
    if (!unit) {
      const r2 = resolver.resolve(codeText || nameText);
      issues.add(
        'UNIT_UNKNOWN',
        { sheet, row: rowNum, column: codeText ? lab.unitCode : lab.unitName },
        r2.unit === null && r2.candidates
          ? { value: codeText || nameText, candidates: r2.candidates }
          : {
              value: codeText || nameText,
              suggestion: 'suggestion' in r2 && r2.suggestion ? r2.suggestion : undefined,
            },
      );
      continue;
    }
    // a row with every count cell empty is not a report yet (e.g. a row "Chuẩn bị báo cáo kỳ này"
    // prepared for the unit): it counts as no submission and raises nothing
    if (countColumns.length && countColumns.every((c) => isEmptyCell(row[c]))) continue;
    const counts = {} as Record<CountField, number | null>;
    for (const f of COUNT_FIELDS) {
      counts[f] = null;
      if (col[f] === undefined) continue;
      const cell = row[col[f]];
      if (isEmptyCell(cell)) continue;
      const n = parseCount(cell);
      if (!n.ok) {
        issues.add('REPORT_NOT_NUMBER', { sheet, row: rowNum, column: lab[f], unit: unit.code }, { value: cellText(cell) });
        continue;
      }
      const den = unit.denominators[DENOMINATOR_OF[f]];
      if (den !== null && n.value > den) {
        issues.add(
          'REPORT_EXCEEDS_DENOMINATOR',
          { sheet, row: rowNum, column: lab[f], unit: unit.code },
          { value: String(n.value), denominator: den, field: f },
        );
        continue;
      }
      counts[f] = n.value;
    }
    const rec: ReportRow = { unit, period, counts, updated: parseDateCell(get(row, 'updated')), row: rowNum };
    const key = unit.index + '|' + period;
    const prev = effective.get(key);
    if (!prev || rank(rec) > rank(prev)) effective.set(key, rec);
  }

  for (const rec of effective.values()) perUnit[rec.unit.index].byPeriod.push(rec);
  for (const ur of perUnit) {
    ur.byPeriod.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    ur.latest = ur.byPeriod.length ? ur.byPeriod[ur.byPeriod.length - 1] : null;
    ur.current = ur.latest && ur.latest.period === current ? ur.latest : null;
    for (let i = 1; i < ur.byPeriod.length; i++) {
      const a = ur.byPeriod[i - 1];
      const b = ur.byPeriod[i];
      for (const f of COUNT_FIELDS) {
        const x = a.counts[f];
        const y = b.counts[f];
        if (x !== null && y !== null && y < x)
          issues.add(
            'REPORT_DECREASED',
            { sheet, row: b.row, column: lab[f], unit: b.unit.code },
            {
              value: String(y),
              previous: x,
              previousPeriod: formatPeriodVi(a.period),
            },
          );
        const den = b.unit.denominators[DENOMINATOR_OF[f]];
        const k = periodsBetween(a.period, b.period);
        if (x !== null && y !== null && den !== null && den > 0 && (y - x) * 100 > jumpThreshold * den * k)
          issues.add(
            'REPORT_JUMP',
            { sheet, row: b.row, column: lab[f], unit: b.unit.code },
            {
              value: String(y),
              previous: x,
              previousPeriod: formatPeriodVi(a.period),
              increase: y - x,
              threshold: jumpThreshold,
              denominator: den,
              periods: k,
            },
          );
      }
    }
  }
  return { sheet, labels: lab, perUnit };
}
