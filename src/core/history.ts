/**
 * The month close ("chốt số liệu", docs/month-close.md): `Lịch sử tổng hợp` holds, for every close
 * of a period, one row per unit × indicator (and the province, unit code PROVINCE_CODE) with the
 * report's figures, who closed it and when (Sự kiện “Chốt”, Phiên bản 1, 2, …); a reopening is one
 * row (Sự kiện “Mở lại”, the version it reopens, a required reason). Rows are only ever appended:
 * reopening and closing again make a new version, nothing is overwritten.
 *
 * Pure: rows in (cells), rows out. The adapters append the rows to the sheet.
 */
import {
  currentPeriod,
  daysInMonth,
  formatPeriodVi,
  isDate,
  isQuarterPeriod,
  parsePeriodCell,
  parseYmd,
  periodInCycle,
  periodOf,
  periodParts,
  previousPeriod,
  vnDateParts,
  pad2,
  ymd,
  VN_OFFSET_MS,
  type Cycle,
  type Period,
  type PeriodSettings,
} from './dates';
import type { IssueSink } from './issues';
import { GAS, HISTORY, HISTORY_WHY, INDICATOR_STATUS_LABEL } from './messages';
import { HISTORY_TABLE, INDICATORS, PROVINCE_CODE } from './schema';
import { cellText, isBlankRow, type FoundTable } from './tables';
import { matchKey } from './text';
import type {
  Cell,
  ClosedVersion,
  IndicatorCode,
  IndicatorSource,
  IndicatorStatus,
  IndicatorValue,
  PeriodHistorySummary,
  ProvinceHistoryPoint,
  Report,
} from './types';

/** The figures of one indicator as a close recorded them (the report's IndicatorValue fields). */
export type SnapshotValue = Pick<
  IndicatorValue,
  'numerator' | 'denominator' | 'percent' | 'target' | 'expected' | 'status' | 'source' | 'reported' | 'evidenced'
>;

export interface SnapshotUnit {
  name: string;
  indicators: Partial<Record<IndicatorCode, SnapshotValue>>;
}

/** One close of a period. */
export interface HistoryVersion extends ClosedVersion {
  /** Unit code (PROVINCE_CODE for the province) → its figures. */
  units: Map<string, SnapshotUnit>;
  /** When this version was reopened later: by whom, when and why. */
  reopened?: { by: string; at: string; reason: string };
}

export interface PeriodHistory {
  period: Period;
  /** Every version closed, in the order they were closed. */
  versions: HistoryVersion[];
  /** Closed now (the last event is Chốt) or reopened (Mở lại). */
  state: 'closed' | 'reopened';
  /** The version closed last (the snapshot a closed period reads). */
  latest: HistoryVersion;
}

export interface History {
  /** By period, in the order the periods first appear. */
  periods: Map<Period, PeriodHistory>;
}

/** Who closes or reopens, and when (YYYY-MM-DD HH:mm:ss in Vietnam time: `historyTime`). */
export interface HistoryActor {
  by: string;
  at: string;
}

/** A refused history action (an empty reason): its message is the Vietnamese line to show. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

const FIELDS = HISTORY_TABLE.columns.map((c) => c.field);

/** The header row of `Lịch sử tổng hợp`. */
export function historyHeader(): string[] {
  return HISTORY_TABLE.columns.map((c) => c.header);
}

function row(values: Record<string, Cell>): Cell[] {
  return FIELDS.map((f) => values[f] ?? '');
}

const orEmpty = (v: number | null): Cell => (v === null ? '' : v);

/** An instant as Thời điểm chốt writes it: YYYY-MM-DD HH:mm:ss in Vietnam time. */
export function historyTime(date: Date): string {
  const p = vnDateParts(date);
  const t = new Date(date.getTime() + VN_OFFSET_MS);
  return `${String(p.y)}-${pad2(p.m)}-${pad2(p.d)} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

function valueCells(v: IndicatorValue): Record<string, Cell> {
  return {
    numerator: orEmpty(v.numerator),
    denominator: orEmpty(v.denominator),
    percent: orEmpty(v.percent),
    target: orEmpty(v.target),
    expected: orEmpty(v.expected),
    status: INDICATOR_STATUS_LABEL[v.status],
    source: v.source === 'report' ? HISTORY.sourceReport : v.source === 'learners' ? HISTORY.sourceLearners : '',
    reported: orEmpty(v.reported),
    evidenced: orEmpty(v.evidenced),
  };
}

/**
 * The rows of a close: the report's figures exactly, one row per unit × indicator it has, then the
 * province's (unit code PROVINCE_CODE), each with the period, the version, who and when.
 */
export function closeRows(report: Report, options: HistoryActor & { version: number }): Cell[][] {
  const common = { period: formatPeriodVi(report.period), version: options.version, by: options.by, at: options.at, event: HISTORY.eventClose };
  const out: Cell[][] = [];
  const add = (code: string, name: string, indicators: Report['province']['indicators']) => {
    for (const ind of INDICATORS) {
      const v = indicators[ind];
      if (v) out.push(row({ ...common, unitCode: code, unitName: name, indicator: ind, ...valueCells(v) }));
    }
  };
  for (const u of report.units) add(u.code, u.name, u.indicators);
  add(PROVINCE_CODE, HISTORY.provinceName, report.province.indicators);
  return out;
}

/** The row of a reopening of `version` of `period`; an empty reason is refused (HistoryError). */
export function reopenRows(period: Period, version: number, options: HistoryActor & { reason: string }): Cell[][] {
  const reason = options.reason.trim();
  if (reason === '') throw new HistoryError(HISTORY.reasonRequired);
  return [row({ period: formatPeriodVi(period), version, event: HISTORY.eventReopen, by: options.by, at: options.at, reason })];
}

/**
 * The date a close of `period` consolidates as of, on `today` (YYYY-MM-DD, Vietnam time): today
 * when today is in the period, the period's last day when today is later; null for a period that
 * has not started (a future period cannot be closed). The one rule of the command line's
 * `chot --ky` and the add-on's “Chốt số liệu kỳ trước…”.
 */
export function closeAsOf(period: Period, today: string): string | null {
  const t = parseYmd(today);
  if (!t) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
  const todayPeriod = periodOf(t, isQuarterPeriod(period) ? 'quarter' : 'month');
  if (todayPeriod < period) return null;
  if (todayPeriod === period) return today;
  const { y, m } = periodParts(period);
  return ymd({ y, m, d: daysInMonth(y, m) });
}

/** The period “Chốt số liệu kỳ trước…” offers: the one before the current period. */
export function defaultPeriodToClose(today: string, settings: PeriodSettings): Period {
  const t = parseYmd(today);
  if (!t) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
  return previousPeriod(currentPeriod(t, settings));
}

/** A period to close and the date to consolidate as of, or why not (a Vietnamese line). */
export type CloseChoice = { period: Period; asOf: string } | { refused: string };

/**
 * What “Chốt số liệu kỳ trước…” closes for the text typed (empty: `defaultPeriodToClose`): a
 * period read as a Kỳ báo cáo cell is read (11/2026, Tháng 11/2026, Quý IV/2026…), in the
 * configured cycle, as of `closeAsOf`. A text that is no period, or a period that has not started,
 * is refused. Whether it is closed already is known only once the workbook is consolidated.
 */
export function choosePeriodToClose(text: string, today: string, settings: PeriodSettings): CloseChoice {
  const typed = text.trim();
  const cycle = settings.cycle ?? 'month';
  const read = typed === '' ? defaultPeriodToClose(today, settings) : parsePeriodCell(typed, matchKey);
  const period = read === null ? null : periodInCycle(read, cycle);
  if (period === null) return { refused: GAS.close.periodUnreadable(typed, cycle === 'quarter') };
  const asOf = closeAsOf(period, today);
  if (asOf === null) return { refused: GAS.close.periodNotStarted(formatPeriodVi(period)) };
  return { period, asOf };
}

/** A closed period to reopen, or why not (a Vietnamese line). */
export type ReopenChoice = { period: Period; version: number } | { refused: string };

/**
 * What “Mở lại kỳ đã chốt…” reopens for the text typed, among the periods closed now (their latest
 * version): empty text, the current period when it is closed, else the last period closed; else
 * the period typed, read as a Kỳ báo cáo cell is read, in the configured cycle.
 */
export function choosePeriodToReopen(
  text: string,
  closed: readonly { period: Period; version: number }[],
  current: Period,
  cycle: 'month' | 'quarter',
): ReopenChoice {
  if (closed.length === 0) return { refused: GAS.close.nothingClosed };
  const suggested = closed.find((c) => c.period === current) ?? closed[closed.length - 1];
  const typed = text.trim();
  if (typed === '') return { period: suggested.period, version: suggested.version };
  const read = parsePeriodCell(typed, matchKey);
  const period = read === null ? null : periodInCycle(read, cycle);
  if (period === null) return { refused: GAS.close.periodUnreadable(typed, cycle === 'quarter', true) };
  const hit = closed.find((c) => c.period === period);
  return hit
    ? { period: hit.period, version: hit.version }
    : {
        refused: GAS.close.notClosedNow(
          formatPeriodVi(period),
          closed.map((c) => formatPeriodVi(c.period)),
        ),
      };
}

/** The version the next close of `period` gets: one more than the last (1 for a first close). */
export function nextVersion(history: History | null, period: Period): number {
  const p = history?.periods.get(period);
  return p ? Math.max(...p.versions.map((v) => v.version)) + 1 : 1;
}

const CLOSE_KEY = matchKey(HISTORY.eventClose);
const REOPEN_KEY = matchKey(HISTORY.eventReopen);
const STATUS_BY_KEY = new Map<string, IndicatorStatus>();
for (const [k, label] of Object.entries(INDICATOR_STATUS_LABEL) as [IndicatorStatus, string][]) {
  STATUS_BY_KEY.set(matchKey(label), k);
  STATUS_BY_KEY.set(matchKey(k), k);
}
const SOURCE_BY_KEY = new Map<string, IndicatorSource>([
  [matchKey(HISTORY.sourceReport), 'report'],
  [matchKey(HISTORY.sourceLearners), 'learners'],
  ['report', 'report'],
  ['learners', 'learners'],
]);
const INDICATOR_BY_KEY = new Map<string, IndicatorCode>(INDICATORS.map((c) => [matchKey(c), c]));

function timeText(c: Cell): string {
  if (isDate(c)) return historyTime(c);
  return cellText(c).trim();
}

/** A number cell, or text holding one; '' → null; anything else → undefined (unreadable). */
function numberCell(c: Cell): number | null | undefined {
  if (typeof c === 'number') return Number.isFinite(c) ? c : undefined;
  const t = cellText(c).trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const NUMBER_FIELDS = ['numerator', 'denominator', 'percent', 'target', 'expected', 'reported', 'evidenced'] as const;

/**
 * The history in a `Lịch sử tổng hợp` table: per period its versions, and whether it is closed now
 * (its last event is Chốt) or reopened (Mở lại). A row that cannot be read is left out with a
 * HISTORY_ROW_INVALID warning.
 */
export function readHistory(table: FoundTable, issues?: IssueSink): History {
  const col = table.columns;
  const cell = (r: Cell[], f: string): Cell => (col[f] === undefined ? '' : (r[col[f]] ?? ''));
  const periods = new Map<Period, { versions: Map<number, HistoryVersion>; order: HistoryVersion[]; last: 'closed' | 'reopened' }>();
  for (let r = table.headerIndex + 1; r < table.values.length; r++) {
    const values = table.values[r];
    if (isBlankRow(values, -1, -1)) continue;
    const bad = (why: string) => issues?.add('HISTORY_ROW_INVALID', { sheet: table.sheet, row: r + 1 }, { why });
    const periodCell = cell(values, 'period');
    const period = parsePeriodCell(typeof periodCell === 'number' ? String(periodCell) : periodCell, matchKey);
    if (!period) {
      bad(HISTORY_WHY.period(cellText(periodCell)));
      continue;
    }
    const version = numberCell(cell(values, 'version'));
    if (version === null || version === undefined || !Number.isInteger(version) || version < 1) {
      bad(HISTORY_WHY.version(cellText(cell(values, 'version'))));
      continue;
    }
    const eventKey = matchKey(cellText(cell(values, 'event')));
    if (eventKey !== CLOSE_KEY && eventKey !== REOPEN_KEY) {
      bad(HISTORY_WHY.event(cellText(cell(values, 'event'))));
      continue;
    }
    let p = periods.get(period);
    const by = cellText(cell(values, 'by')).trim();
    const at = timeText(cell(values, 'at'));
    if (eventKey === REOPEN_KEY) {
      const v = p?.versions.get(version);
      if (!p || !v) {
        bad(HISTORY_WHY.reopenWithoutClose(formatPeriodVi(period), version));
        continue;
      }
      const reason = cellText(cell(values, 'reason')).trim();
      if (reason === '') {
        bad(HISTORY_WHY.reopenWithoutReason);
        continue;
      }
      v.reopened = { by, at, reason };
      p.last = 'reopened';
      continue;
    }
    const unitCode = cellText(cell(values, 'unitCode')).trim();
    if (unitCode === '') {
      bad(HISTORY_WHY.unit);
      continue;
    }
    const indicatorText = cellText(cell(values, 'indicator'));
    const indicator = INDICATOR_BY_KEY.get(matchKey(indicatorText));
    if (!indicator) {
      bad(HISTORY_WHY.indicator(indicatorText));
      continue;
    }
    const nums: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
    let unreadable: string | null = null;
    for (const f of NUMBER_FIELDS) {
      const n = numberCell(cell(values, f));
      if (n === undefined) {
        unreadable = HISTORY_WHY.number(table.labels[f] ?? f, cellText(cell(values, f)));
        break;
      }
      nums[f] = n;
    }
    if (unreadable !== null) {
      bad(unreadable);
      continue;
    }
    if (!p) periods.set(period, (p = { versions: new Map(), order: [], last: 'closed' }));
    let v = p.versions.get(version);
    if (!v) {
      v = { period, version, closedAt: at, closedBy: by, units: new Map() };
      p.versions.set(version, v);
      p.order.push(v);
    }
    p.last = 'closed';
    let unit = v.units.get(unitCode);
    if (!unit) v.units.set(unitCode, (unit = { name: cellText(cell(values, 'unitName')).trim(), indicators: {} }));
    unit.indicators[indicator] = {
      numerator: nums.numerator ?? null,
      denominator: nums.denominator ?? null,
      percent: nums.percent ?? null,
      target: nums.target ?? null,
      expected: nums.expected ?? null,
      status: STATUS_BY_KEY.get(matchKey(cellText(cell(values, 'status')))) ?? 'no_data',
      source: SOURCE_BY_KEY.get(matchKey(cellText(cell(values, 'source')))) ?? null,
      reported: nums.reported ?? null,
      evidenced: nums.evidenced ?? null,
    };
  }
  const out: History = { periods: new Map() };
  for (const [period, p] of periods) {
    // the latest close is the one recorded last (versions only grow)
    out.periods.set(period, { period, versions: p.order, state: p.last, latest: p.order[p.order.length - 1] });
  }
  return out;
}

/** The periods of a history, oldest first, as the report lists them. */
export function historySummary(history: History): PeriodHistorySummary[] {
  return Array.from(history.periods.values())
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((p) => {
      const s: PeriodHistorySummary = { period: p.period, state: p.state, version: p.latest.version, closedAt: p.latest.closedAt, closedBy: p.latest.closedBy };
      if (p.state === 'reopened' && p.latest.reopened) s.reason = p.latest.reopened.reason;
      return s;
    });
}

/**
 * The province's percent per indicator in every period closed before `period` (the latest version
 * of each; a reopened period is left out until it is closed again), oldest first.
 */
export function provinceHistory(history: History, period: Period): ProvinceHistoryPoint[] {
  const out: ProvinceHistoryPoint[] = [];
  for (const p of history.periods.values()) {
    if (p.state !== 'closed' || p.period >= period) continue;
    const province = p.latest.units.get(PROVINCE_CODE);
    const percent: ProvinceHistoryPoint['percent'] = {};
    for (const ind of INDICATORS) {
      const v = province?.indicators[ind];
      if (v) percent[ind] = v.percent;
    }
    out.push({ period: p.period, percent });
  }
  return out.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/**
 * The `Lịch sử tổng hợp` grid after appending `rows`: the sheet's rows as they are (trailing blank
 * rows dropped) then the new ones; a header row first when there is no sheet yet.
 */
export function appendHistory(existing: Cell[][] | null, rows: Cell[][]): Cell[][] {
  if (!existing) return [historyHeader(), ...rows];
  let n = existing.length;
  while (n > 0 && isBlankRow(existing[n - 1], -1, -1)) n--;
  return [...existing.slice(0, n), ...rows];
}

/**
 * The rows of `Báo cáo tháng` that report `period` (1-based sheet rows), read as readReports reads
 * them (the Kỳ báo cáo cell in the configured cycle): the rows a close protects. `periodCells`: the
 * column's cells from the sheet's first row.
 */
export function rowsOfPeriod(periodCells: readonly Cell[], headerRow: number, period: Period, cycle: Cycle): number[] {
  const out: number[] = [];
  for (let i = headerRow; i < periodCells.length; i++) {
    const p = parsePeriodCell(periodCells[i], matchKey);
    if (p !== null && periodInCycle(p, cycle) === period) out.push(i + 1);
  }
  return out;
}
