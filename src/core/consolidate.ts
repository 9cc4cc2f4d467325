/**
 * consolidate(snapshot, { today }) → Report: the one place where a workbook becomes the report of
 * DESIGN.md's contract. Adapters only move grids in and out.
 */
import { parseSettings, parseTargets } from './config';
import { currentPeriod, dayNumber, formatDateVi, formatPeriodVi, isVietnamTime, periodDeadline, resolveToday, ymd, type DateParts } from './dates';
import { elapsedShare, aggregateIndicators, unitIndicators, type TrajectoryContext } from './indicators';
import { readCourses } from './courses';
import { createIssueSink, type IssueSink } from './issues';
import {
  checkLearnerTable,
  countsOf,
  courseCountsOf,
  createLearnerState,
  evidenceOf,
  learnerNumerator,
  provinceCounts,
  prescanLearners,
  readPlatform,
  COUNT_FIELDS as LEARNER_COUNT_FIELDS,
  type LearnerTable,
} from './learners';
import { readReports } from './reports';
import { historySummary, provinceHistory, readHistory, type HistoryVersion, type SnapshotValue } from './history';
import { planReminders, reminderSchedule } from './reminders';
import { INDICATORS, INDICATOR_COUNT, INDICATOR_DENOMINATOR, INDICATOR_SHORT, LEARNERS_TABLE, PROVINCE_CODE, SHEET, TABLES, UNIT_TYPES } from './schema';
import { cellText, findTable, headerKeys, isBlankRow, isOutputSheet, sheetKindByName, type FoundTable } from './tables';
import { cleanText, matchKey } from './text';
import { HISTORY_FIGURE, formatNumberVi, formatPercentVi } from './messages';
import { createResolver, derivedUnit, readRegistry, type Unit, type UnitResolver } from './units';
import type {
  Completeness,
  ConsolidateOptions,
  IndicatorCode,
  IndicatorTarget,
  IndicatorValue,
  LaggardReason,
  LearnerCounts,
  ReminderBlock,
  ReminderSchedule,
  ReminderPlan,
  Report,
  Settings,
  SheetSnapshot,
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
  /** `Lịch sử tổng hợp` (the month close's snapshots), when the workbook has one. */
  history: FoundTable | null;
  targetsSheet: number;
  configSheet: number;
  coursesSheet: number;
  /** Other sheets without a learner header: checked against the registry once it is read. */
  unread: { sheet: SheetSnapshot; learnerLike: boolean }[];
}

/** Learner headers other than STT: two of them in a top row make a sheet look like a learner table. */
const LEARNER_KEYS: Map<string, string> = new Map(Array.from(headerKeys(LEARNERS_TABLE)).filter(([, f]) => f !== 'stt'));

function looksLikeLearners(sheet: SheetSnapshot): boolean {
  const n = Math.min(10, sheet.values.length);
  for (let r = 0; r < n; r++) {
    const fields = new Set<string>();
    for (const c of sheet.values[r] ?? []) {
      const f = typeof c === 'string' && c ? LEARNER_KEYS.get(matchKey(c)) : undefined;
      if (f) fields.add(f);
    }
    if (fields.size >= 2) return true;
  }
  return false;
}

/** Find every table of the workbook (docs/rules.md §1). */
export function findTables(snapshot: Snapshot, issues: IssueSink): WorkbookTables {
  const out: WorkbookTables = {
    units: null,
    learners: [],
    reports: null,
    platform: null,
    history: null,
    targetsSheet: -1,
    configSheet: -1,
    coursesSheet: -1,
    unread: [],
  };
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
    if (kind === 'courses') {
      if (out.coursesSheet < 0) out.coursesSheet = i;
      return;
    }
    if (kind === 'units' || kind === 'reports' || kind === 'platform' || kind === 'history') {
      const def = TABLES[kind];
      const t = findTable(sheet, i, def);
      if (!t) {
        issues.add(
          'TABLE_NOT_FOUND',
          { sheet: sheet.name },
          {
            columns: def.columns
              .filter((c) => c.required)
              .map((c) => c.header)
              .join(', '),
          },
        );
        return;
      }
      if (!out[kind]) out[kind] = t;
      return;
    }
    const t = findTable(sheet, i, LEARNERS_TABLE);
    if (t) out.learners.push(t);
    else out.unread.push({ sheet, learnerLike: looksLikeLearners(sheet) });
  });
  return out;
}

/** The tables `consolidate` reads (`Report.tables`), found without consolidating: a unit tab's owner is not resolved (null). */
export function tableInfosOf(snapshot: Snapshot): TableInfo[] {
  const tables = findTables(snapshot, createIssueSink());
  return tableInfos(
    tables,
    tables.learners.map((t) => ({ ...t, owner: null })),
  );
}

/**
 * TABLE_NOT_FOUND for a sheet that should be a learner table but has no recognisable header: it
 * is named by a unit's code or name, or has learner-like columns (docs/rules.md §1). Never skipped
 * in silence.
 */
function reportUnreadSheets(tables: WorkbookTables, resolver: UnitResolver, issues: IssueSink): void {
  const expected = LEARNERS_TABLE.columns
    .filter((c) => c.required)
    .map((c) => c.header)
    .join(', ');
  for (const { sheet, learnerLike } of tables.unread) {
    if (learnerLike || resolver.byKey(matchKey(sheet.name))) issues.add('TABLE_NOT_FOUND', { sheet: sheet.name }, { columns: expected });
  }
}

/**
 * The deadline of the current period's report on `today` (docs/rules.md §4): the month's or the
 * quarter's configured day (clamped to the month's length), or the one-off date.
 */
export function deadlineOf(today: DateParts, settings: Settings): DateParts {
  return periodDeadline(currentPeriod(today, settings), settings);
}

/** The reminder calendar on `today` (YYYY-MM-DD) from the settings alone: `Report.reminder` without the plans. */
export function reminderScheduleOn(today: string, settings: Settings): ReminderSchedule {
  return reminderSchedule(today, settings, deadlineOf(resolveToday(today), settings));
}

export function consolidate(snapshot: Snapshot, options: ConsolidateOptions): Report {
  const progress = options.onProgress ?? (() => undefined);
  const today = resolveToday(options.today);
  const todayDay = dayNumber(today);
  const issues = createIssueSink();
  progress(0, 'tables');

  const tables = findTables(snapshot, issues);
  for (const n of options.inputNotes ?? []) issues.add('INPUT_SKIPPED', n.sheet !== undefined ? { sheet: n.sheet } : {}, { file: n.file, note: n.note });
  if (options.timeZone !== undefined && !isVietnamTime(options.timeZone)) issues.add('TIME_ZONE_DIFFERS', {}, { value: options.timeZone });
  const settings: Settings = parseSettings(tables.configSheet >= 0 ? snapshot.sheets[tables.configSheet] : undefined, today.y, issues);
  settings.targets = parseTargets(tables.targetsSheet >= 0 ? snapshot.sheets[tables.targetsSheet] : undefined, tables.targetsSheet, today.y, issues);
  const courseOverrides = readCourses(tables.coursesSheet >= 0 ? snapshot.sheets[tables.coursesSheet] : undefined, tables.coursesSheet, issues);
  const period = currentPeriod(today, settings);
  const deadline = periodDeadline(period, settings);
  const deadlineDay = dayNumber(deadline);
  // The month close (docs/month-close.md): a closed period's figures are its latest snapshot's.
  const history = tables.history ? readHistory(tables.history, issues) : null;
  const closedPeriod = history?.periods.get(period);
  const closedSnap: HistoryVersion | null = closedPeriod && closedPeriod.state === 'closed' ? closedPeriod.latest : null;
  // Trends: the last period closed before this one (its latest version: what was sent upward)
  let previousSnap: HistoryVersion | null = null;
  if (history)
    for (const [p, h] of history.periods) if (p < period && h.state === 'closed' && (!previousSnap || p > previousSnap.period)) previousSnap = h.latest;
  const setPrevious = (
    indicators: Partial<Record<IndicatorCode, IndicatorValue>>,
    before: Partial<Record<IndicatorCode, { percent: number | null }>> | undefined,
  ) => {
    for (const ind of INDICATORS) {
      const v = indicators[ind];
      if (v) v.previousClosed = before?.[ind]?.percent ?? null;
    }
  };
  const withPrevious = (indicators: Partial<Record<IndicatorCode, IndicatorValue>>, code: string) => {
    if (previousSnap) setPrevious(indicators, previousSnap.units.get(code)?.indicators);
  };

  // Units
  let units: Unit[];
  if (tables.units) units = readRegistry(tables.units, issues);
  else {
    issues.add('SHEET_MISSING', {}, { sheet: SHEET.units });
    units = deriveUnits(tables.learners);
  }
  const resolver = createResolver(units);
  reportUnreadSheets(tables, resolver, issues);

  // Learners
  const expectedRows = tables.learners.reduce((n, t) => n + t.values.length, 0);
  const state = createLearnerState(resolver, today.y, issues, expectedRows, { targets: settings.targets, courseOverrides });
  if (tables.platform) readPlatform(state, tables.platform);
  const learnerTables: LearnerTable[] = tables.learners.map((t) => ({
    ...t,
    owner: isDefaultLearnerSheet(t.sheet) ? null : resolver.byKey(matchKey(t.sheet)),
  }));
  if (options.prescan !== false) prescanLearners(state, learnerTables);
  let done = 0;
  for (const t of learnerTables) {
    progress(0.05 + (0.8 * done) / Math.max(1, expectedRows), `learners:${t.sheet}`);
    checkLearnerTable(state, t);
    done += t.values.length;
  }
  progress(0.85, 'reports');

  // Reports
  const reports = readReports(tables.reports, resolver, period, issues, {
    cycle: settings.cycle,
    oneOff: settings.oneOffDeadline !== null,
    jumpThreshold: settings.jumpThreshold,
  });
  // Reported vs evidenced (seed 003): REPORT_UNSUPPORTED on the latest effective report's cell.
  const unsupported = new Uint8Array(units.length);
  for (const u of units) {
    const rec = reports.perUnit[u.index].latest;
    if (!rec) continue;
    for (const code of INDICATORS) {
      const reported = rec.counts[INDICATOR_COUNT[code]];
      const evidenced = evidenceOf(state, u, code);
      if (reported === null || evidenced === null || reported * 100 <= evidenced * (100 + settings.evidenceTolerance)) continue;
      unsupported[u.index] = 1;
      issues.add(
        'REPORT_UNSUPPORTED',
        { sheet: reports.sheet!, row: rec.row, column: reports.labels[INDICATOR_COUNT[code]], unit: u.code },
        {
          reported,
          evidenced,
          tolerance: settings.evidenceTolerance,
        },
      );
    }
  }
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
    if (i.severity === 'error') {
      if (i.code !== 'REPORT_UNSUPPORTED') errors[slot]++;
    } else if (i.sheet !== undefined) warnings[slot]++;
  }

  // Indicators and laggards
  const trajectory: TrajectoryContext = {
    targets: new Map<IndicatorCode, IndicatorTarget>(settings.targets.map((t) => [t.code, t])),
    shares: new Map<IndicatorCode, number>(settings.targets.map((t) => [t.code, elapsedShare(t, today)])),
    tolerance: settings.progressTolerance,
  };
  const dueWindow = settings.remindBefore.length ? Math.max(...settings.remindBefore) : 0;
  const unitReports: UnitReport[] = units.map((u) => {
    const rep = reports.perUnit[u.index];
    const latest = rep.latest;
    const indicators = unitIndicators(
      {
        denominator: (code) => u.denominators[INDICATOR_DENOMINATOR[code]],
        reported: (code) => (latest ? latest.counts[INDICATOR_COUNT[code]] : null),
        evidenced: (code) => evidenceOf(state, u, code),
        learnerNumerator: (code) => learnerNumerator(state, u, code),
      },
      trajectory,
    );
    if (closedSnap)
      applySnapshot(indicators, closedSnap.units.get(u.code)?.indicators, trajectory, (code, snap, now) =>
        issues.add(
          'CLOSED_PERIOD_CHANGED',
          { unit: u.code },
          {
            unitName: u.name,
            indicator: INDICATOR_SHORT[code],
            period: formatPeriodVi(period),
            version: closedSnap.version,
            snapshot: figureText(snap),
            now: figureText(now),
          },
        ),
      );
    withPrevious(indicators, u.code);
    const submitted = rep.current !== null;
    const late = submitted && rep.current!.updated !== null && dayNumber(rep.current!.updated) > deadlineDay;
    const reasons: LaggardReason[] = [];
    if (!submitted && todayDay > deadlineDay) reasons.push('REPORT_MISSING');
    if (!submitted && todayDay <= deadlineDay && deadlineDay - todayDay <= dueWindow) reasons.push('REPORT_DUE_SOON');
    if (INDICATORS.some((c) => indicators[c]?.status === 'behind')) reasons.push('BELOW_TRAJECTORY');
    if (unsupported[u.index]) reasons.push('REPORT_UNSUPPORTED');
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
      courses: courseCountsOf(state, u.index),
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
      indicators: aggregateIndicators(
        list.map((u) => u.indicators),
        trajectory,
      ),
    };
  }).filter((t) => t.units > 0);
  // a type's figure at that close: its units' (by their type now) closed figures, summed the same way
  if (previousSnap) {
    const snap = previousSnap;
    for (const t of byType) {
      const before = aggregateIndicators(
        unitReports.filter((u) => u.type === t.type).map((u) => snap.units.get(u.code)?.indicators ?? {}),
        trajectory,
      );
      setPrevious(t.indicators, before);
    }
  }

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
  const schedule = reminderSchedule(todayYmd, settings, deadline);
  const reminders = schedule.isReminderDate ? planReminders(base) : [];
  let planned: ReminderPlan[] | null = schedule.isReminderDate ? reminders : null;
  const reminder: ReminderBlock = {
    ...schedule,
    // on another date the plans are composed only when an adapter asks (a preview, a retry)
    get plans() {
      return planned ?? (planned = planReminders(base));
    },
  };
  let errorCount = 0;
  for (const i of sortedIssues) if (i.severity === 'error') errorCount++;
  const provinceIndicators = aggregateIndicators(
    unitReports.map((u) => u.indicators),
    trajectory,
  );
  if (closedSnap) applySnapshot(provinceIndicators, closedSnap.units.get(PROVINCE_CODE)?.indicators, trajectory, () => undefined);
  withPrevious(provinceIndicators, PROVINCE_CODE);
  progress(1, 'done');
  const report: Report = {
    period,
    today: todayYmd,
    deadline: deadlineYmd,
    generatedBy: GENERATOR,
    settings,
    units: unitReports,
    province: {
      learners: provinceCounts(state),
      indicators: provinceIndicators,
      completeness: completeness(unitReports),
      byType,
      laggards: unitReports.filter((u) => u.laggard).length,
      courses: courseCountsOf(state, null),
    },
    issues: sortedIssues,
    duplicates: Array.from(state.dupGroups.values()),
    reminders,
    tables: tableInfos(tables, learnerTables),
    reminder,
    totals: { error: errorCount, warning: sortedIssues.length - errorCount },
  };
  if (closedSnap) report.closed = { period, version: closedSnap.version, closedAt: closedSnap.closedAt, closedBy: closedSnap.closedBy };
  if (previousSnap)
    report.previousClose = { period: previousSnap.period, version: previousSnap.version, closedAt: previousSnap.closedAt, closedBy: previousSnap.closedBy };
  if (history) {
    report.history = historySummary(history);
    report.provinceHistory = provinceHistory(history, period);
  }
  return report;
}

/**
 * A closed period: each indicator takes the snapshot's figures (the trajectory's baseline and
 * dates stay the current ones); `changed` is told of every one whose numerator, denominator or
 * percent computed from the rows now differs from the snapshot's.
 */
function applySnapshot(
  indicators: Partial<Record<IndicatorCode, IndicatorValue>>,
  snap: Partial<Record<IndicatorCode, SnapshotValue>> | undefined,
  trajectory: TrajectoryContext,
  changed: (code: IndicatorCode, snap: SnapshotValue, now: IndicatorValue | null) => void,
): void {
  if (!snap) return;
  for (const code of INDICATORS) {
    const s = snap[code];
    if (!s) continue;
    const now = indicators[code];
    if (!now || now.numerator !== s.numerator || now.denominator !== s.denominator || now.percent !== s.percent) changed(code, s, now ?? null);
    // every indicator has a target entry (parseTargets); a value computed now keeps its own trajectory
    const t = trajectory.targets.get(code);
    const trail = now ?? { baseline: t ? t.baseline : 0, start: t ? t.start : '', end: t ? t.deadline : '' };
    indicators[code] = { ...trail, ...s };
  }
}

/** “25/100 (25 %)” as a warning quotes a figure; “không có số liệu” without one. */
function figureText(v: SnapshotValue | null): string {
  if (!v || (v.numerator === null && v.denominator === null)) return HISTORY_FIGURE.none;
  return HISTORY_FIGURE.figure(
    v.numerator === null ? '–' : formatNumberVi(v.numerator),
    v.denominator === null ? '–' : formatNumberVi(v.denominator),
    formatPercentVi(v.percent),
  );
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
  const sheetKey = (sheet: string | undefined): number => (sheet !== undefined ? (order.get(sheet) ?? 1e6) : 1e7);
  // Array#sort is stable (ES2019), so issues of one sheet and row keep the order they were raised
  // in. A copy of the list, not a keyed object per issue: the learner pass raises its issues in
  // sheet and row order (a few sorted runs, which the sort merges), and most comparisons are of two
  // issues of the same sheet, decided by their rows without a look-up.
  return list.slice().sort((a, b) => (a.sheet === b.sheet ? 0 : sheetKey(a.sheet) - sheetKey(b.sheet)) || (a.row ?? 0) - (b.row ?? 0));
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
