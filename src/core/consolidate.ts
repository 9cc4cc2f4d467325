/**
 * consolidate(snapshot, { today }) → Report: the one place where a workbook becomes the report of
 * DESIGN.md's contract. Adapters only move grids in and out.
 */
import { parseSettings, parseTargets } from './config';
import { currentPeriod, dayNumber, formatDateVi, formatPeriodVi, periodDeadline, resolveToday, ymd, type DateParts } from './dates';
import { elapsedShare, aggregateIndicators, unitIndicators } from './indicators';
import { createIssueSink, type IssueSink } from './issues';
import {
  checkLearnerTable,
  countsOf,
  createLearnerState,
  GROUP_INDEX,
  provinceCounts,
  prescanLearners,
  readPlatform,
  COUNT_FIELDS as LEARNER_COUNT_FIELDS,
  type LearnerState,
  type LearnerTable,
} from './learners';
import { readReports, type ReportsResult } from './reports';
import { isReminderDate, planReminders } from './reminders';
import {
  INDICATORS,
  INDICATOR_COUNT,
  INDICATOR_DENOMINATOR,
  INDICATOR_GROUP,
  LEARNERS_TABLE,
  SHEET,
  TABLES,
  UNIT_TYPES,
} from './schema';
import { cellText, findTable, isBlankRow, isOutputSheet, sheetKindByName, type FoundTable } from './tables';
import { cleanText, matchKey } from './text';
import { createResolver, derivedUnit, readRegistry, type Unit } from './units';
import type {
  Completeness,
  ConsolidateOptions,
  IndicatorCode,
  IndicatorTarget,
  LaggardReason,
  LearnerCounts,
  Report,
  Settings,
  Snapshot,
  TableInfo,
  TypeSummary,
  UnitReport,
} from './types';

export const GENERATOR = 'BDHVS Tổng hợp';

export interface WorkbookTables {
  units: FoundTable | null;
  learners: FoundTable[];
  reports: FoundTable | null;
  platform: FoundTable | null;
  targetsSheet: number;
  configSheet: number;
}

/** Find every table of the workbook (docs/rules.md §1). */
export function findTables(snapshot: Snapshot, issues: IssueSink): WorkbookTables {
  const out: WorkbookTables = { units: null, learners: [], reports: null, platform: null, targetsSheet: -1, configSheet: -1 };
  snapshot.sheets.forEach((sheet, i) => {
    if (isOutputSheet(sheet.name)) return;
    const kind = sheetKindByName(sheet.name);
    if (kind === 'config') {
      if (out.configSheet < 0) out.configSheet = i;
      return;
    }
    if (kind === 'targets') {
      if (out.targetsSheet < 0) out.targetsSheet = i;
      return;
    }
    if (kind === 'units' || kind === 'reports' || kind === 'platform') {
      const def = TABLES[kind];
      const t = findTable(sheet, i, def);
      if (!t) {
        issues.add('TABLE_NOT_FOUND', { sheet: sheet.name }, { columns: def.columns.filter((c) => c.required).map((c) => c.header).join(', ') });
        return;
      }
      if (!out[kind]) out[kind] = t;
      return;
    }
    const t = findTable(sheet, i, LEARNERS_TABLE);
    if (t) out.learners.push(t);
  });
  return out;
}

/**
 * The deadline of the current period's report on `today` (docs/rules.md §4): the month's or the
 * quarter's configured day (clamped to the month's length), or the one-off date.
 */
export function deadlineOf(today: DateParts, settings: Settings): DateParts {
  return periodDeadline(currentPeriod(today, settings), settings);
}

export function consolidate(snapshot: Snapshot, options: ConsolidateOptions): Report {
  const progress = options.onProgress ?? (() => undefined);
  const today = resolveToday(options.today);
  const todayDay = dayNumber(today);
  const issues = createIssueSink();
  progress(0, 'tables');

  const tables = findTables(snapshot, issues);
  const settings: Settings = parseSettings(tables.configSheet >= 0 ? snapshot.sheets[tables.configSheet] : undefined, today.y, issues);
  settings.targets = parseTargets(tables.targetsSheet >= 0 ? snapshot.sheets[tables.targetsSheet] : undefined, tables.targetsSheet, today.y, issues);
  const period = currentPeriod(today, settings);
  const deadline = periodDeadline(period, settings);
  const deadlineDay = dayNumber(deadline);

  // Units
  let units: Unit[];
  if (tables.units) units = readRegistry(tables.units, issues);
  else {
    issues.add('SHEET_MISSING', {}, { sheet: SHEET.units });
    units = deriveUnits(tables.learners);
  }
  const resolver = createResolver(units);

  // Learners
  const expectedRows = tables.learners.reduce((n, t) => n + t.values.length, 0);
  const state = createLearnerState(resolver, today.y, issues, expectedRows);
  if (tables.platform) readPlatform(state, tables.platform);
  const learnerTables: LearnerTable[] = tables.learners.map((t) => ({ ...t, owner: isDefaultLearnerSheet(t.sheet) ? null : resolver.byKey(matchKey(t.sheet)) }));
  if (options.prescan !== false) prescanLearners(state, learnerTables);
  let done = 0;
  for (const t of learnerTables) {
    progress(0.05 + (0.8 * done) / Math.max(1, expectedRows), `learners:${t.sheet}`);
    checkLearnerTable(state, t);
    done += t.values.length;
  }
  progress(0.85, 'reports');

  // Reports
  const reports = readReports(tables.reports, resolver, period, issues, { cycle: settings.cycle, oneOff: settings.oneOffDeadline !== null });
  checkEvidence(reports, state, settings, issues);
  for (const u of units) {
    if (!reports.perUnit[u.index].current && todayDay > deadlineDay)
      issues.add('REPORT_MISSING', { unit: u.code }, { unitName: u.name, period: formatPeriodVi(period), deadline: formatDateVi(deadline) });
  }
  progress(0.9, 'indicators');

  // Per-unit error and warning counts
  const unitSlot = new Map(units.map((u) => [u.code, u.index]));
  const errors = new Int32Array(units.length);
  const warnings = new Int32Array(units.length);
  for (const i of issues.list) {
    if (i.unit === undefined) continue;
    const slot = unitSlot.get(i.unit);
    if (slot === undefined) continue;
    if (i.severity === 'error') errors[slot]++;
    else if (i.sheet !== undefined) warnings[slot]++;
  }

  // Indicators and laggards
  const targets = new Map<IndicatorCode, IndicatorTarget>(settings.targets.map((t) => [t.code, t]));
  const shares = new Map<IndicatorCode, number>(settings.targets.map((t) => [t.code, elapsedShare(t, today)]));
  const dueWindow = settings.remindBefore.length ? Math.max(...settings.remindBefore) : 0;
  const unitReports: UnitReport[] = units.map((u) => {
    const rep = reports.perUnit[u.index];
    const latest = rep.latest;
    const indicators = unitIndicators(
      {
        denominator: (code) => u.denominators[INDICATOR_DENOMINATOR[code]],
        reported: (code) => (latest ? latest.counts[INDICATOR_COUNT[code]] : null),
        evidence: (code) => {
          const g = INDICATOR_GROUP[code];
          if (!g) return null;
          const gi = u.index * 4 + GROUP_INDEX[g];
          return { valid: state.validByGroup[gi], completed: state.completedByGroup[gi] };
        },
      },
      targets,
      shares,
    );
    const submitted = rep.current !== null;
    const late = submitted && rep.current!.updated !== null && dayNumber(rep.current!.updated) > deadlineDay;
    const reasons: LaggardReason[] = [];
    if (!submitted && todayDay > deadlineDay) reasons.push('REPORT_MISSING');
    if (!submitted && todayDay <= deadlineDay && deadlineDay - todayDay <= dueWindow) reasons.push('REPORT_DUE_SOON');
    if (INDICATORS.some((c) => indicators[c]?.status === 'behind')) reasons.push('BELOW_TRAJECTORY');
    if (errors[u.index] > 0) reasons.push('DATA_ERRORS');
    return {
      code: u.code,
      name: u.name,
      type: u.type,
      email: u.email,
      contactName: u.contact,
      learners: countsOf(state, u.index),
      report: { period, submitted, late, updated: submitted && rep.current!.updated ? ymd(rep.current!.updated) : null },
      indicators,
      laggard: reasons.length > 0,
      reasons,
      errors: errors[u.index],
      warnings: warnings[u.index],
    };
  });

  const byType: TypeSummary[] = UNIT_TYPES.map((type) => {
    const list = unitReports.filter((u) => u.type === type);
    return {
      type,
      units: list.length,
      laggards: list.filter((u) => u.laggard).length,
      learners: sumCounts(list.map((u) => u.learners)),
      completeness: completeness(list),
      indicators: aggregateIndicators(list.map((u) => u.indicators), targets, shares),
    };
  }).filter((t) => t.units > 0);

  const sortedIssues = sortIssues(issues.list, snapshot);
  const todayYmd = ymd(today);
  const deadlineYmd = ymd(deadline);
  const base = {
    period,
    today: todayYmd,
    deadline: deadlineYmd,
    settings,
    units: unitReports,
    issues: sortedIssues,
  };
  const reminders = isReminderDate(todayYmd, settings, deadline) ? planReminders(base) : [];
  progress(1, 'done');
  return {
    period,
    today: todayYmd,
    deadline: deadlineYmd,
    generatedBy: GENERATOR,
    settings,
    units: unitReports,
    province: {
      learners: provinceCounts(state),
      indicators: aggregateIndicators(unitReports.map((u) => u.indicators), targets, shares),
      completeness: completeness(unitReports),
      byType,
      laggards: unitReports.filter((u) => u.laggard).length,
    },
    issues: sortedIssues,
    duplicates: Array.from(state.dupGroups.values()),
    reminders,
    tables: tableInfos(tables, learnerTables),
  };
}

function isDefaultLearnerSheet(name: string): boolean {
  return matchKey(name) === matchKey(SHEET.learners);
}

/** Without a registry: one unit per distinct Đơn vị text of learner rows. */
function deriveUnits(learners: FoundTable[]): Unit[] {
  const seen = new Map<string, Unit>();
  for (const t of learners) {
    const c = t.columns.unit;
    if (c === undefined) continue;
    for (let r = t.headerIndex + 1; r < t.values.length; r++) {
      const row = t.values[r];
      if (isBlankRow(row, t.columns.stt ?? -1, t.statusColumn ?? -1)) continue;
      const text = cleanText(cellText(row[c]));
      if (!text) continue;
      const k = matchKey(text);
      if (!seen.has(k)) seen.set(k, derivedUnit(seen.size, text));
    }
  }
  return Array.from(seen.values());
}

/** REPORT_EXCEEDS_EVIDENCE on each unit's latest effective report. */
function checkEvidence(reports: ReportsResult, state: LearnerState, settings: Settings, issues: IssueSink): void {
  const tol = settings.evidenceTolerance;
  for (const ur of reports.perUnit) {
    const rec = ur.latest;
    if (!rec) continue;
    for (const code of INDICATORS) {
      const g = INDICATOR_GROUP[code];
      if (!g) continue;
      const reported = rec.counts[INDICATOR_COUNT[code]];
      if (reported === null) continue;
      const gi = rec.unit.index * 4 + GROUP_INDEX[g];
      if (state.validByGroup[gi] === 0) continue;
      const evidence = state.completedByGroup[gi];
      if (reported > evidence * (1 + tol / 100))
        issues.add('REPORT_EXCEEDS_EVIDENCE', { sheet: reports.sheet!, row: rec.row, column: reports.labels[INDICATOR_COUNT[code]], unit: rec.unit.code }, {
          value: String(reported),
          evidence,
          tolerance: tol,
        });
    }
  }
}

function sumCounts(list: LearnerCounts[]): LearnerCounts {
  const out = {} as LearnerCounts;
  for (const f of LEARNER_COUNT_FIELDS) out[f] = list.reduce((n, c) => n + c[f], 0);
  return out;
}

export function completeness(list: UnitReport[]): Completeness {
  const expected = list.length;
  const submitted = list.filter((u) => u.report.submitted).length;
  const onTime = list.filter((u) => u.report.submitted && !u.report.late).length;
  const pct = (n: number) => (expected ? Math.round((n / expected) * 10000) / 100 : null);
  return { expected, submitted, onTime, rate: pct(submitted), onTimeRate: pct(onTime) };
}

/** Issues in tab order, then row order; workbook- and unit-level issues last. */
function sortIssues(list: Report['issues'], snapshot: Snapshot): Report['issues'] {
  const order = new Map(snapshot.sheets.map((s, i) => [s.name, i]));
  const keyed = list.map((issue, i) => ({ issue, i, s: issue.sheet !== undefined ? order.get(issue.sheet) ?? 1e6 : 1e7, r: issue.row ?? 0 }));
  keyed.sort((a, b) => a.s - b.s || a.r - b.r || a.i - b.i);
  return keyed.map((k) => k.issue);
}

function tableInfos(tables: WorkbookTables, learners: LearnerTable[]): TableInfo[] {
  const info = (t: FoundTable, unit: string | null): TableInfo => ({
    sheet: t.sheet,
    kind: t.kind,
    headerRow: t.headerIndex + 1,
    columns: t.columns,
    statusColumn: t.statusColumn,
    unit,
  });
  const out: TableInfo[] = [];
  if (tables.units) out.push(info(tables.units, null));
  for (const t of learners) out.push(info(t, t.owner ? t.owner.code : null));
  if (tables.reports) out.push(info(tables.reports, null));
  if (tables.platform) out.push(info(tables.platform, null));
  return out;
}

