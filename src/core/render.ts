/**
 * Pure renderers: the report → the output grids (`Tổng hợp`, `Lỗi dữ liệu`, the status column),
 * with a neutral description of their formatting that both adapters apply (Sheets ranges, .xlsx
 * styles). Counts are numbers; percentages are fractions (0.853) to be formatted as %.
 */
import { maskDigitRuns } from './cccd';
import { formatDateVi, formatPeriodVi, parseYmd } from './dates';
import { INDICATOR_STATUS_LABEL, ISSUES_SHEET, REASON_LABEL, SEVERITY_LABEL, STATUS_COLUMN, SUMMARY } from './messages';
import { INDICATORS, INDICATOR_SHORT, SHEET, UNIT_TYPE_LABELS } from './schema';
import { isBlankRow } from './tables';
import type { Cell, Completeness, IndicatorStatus, IndicatorValue, Issue, IndicatorCode, Report, TableInfo } from './types';

export type CellRole = 'title' | 'subtitle' | 'header' | 'total' | 'section';

export interface OutputGrid {
  name: string;
  rows: Cell[][];
  /** Width of every row (rows are padded to it). */
  width: number;
  /** 0-based row → role, for bold/fills. */
  rowRoles: Record<number, CellRole>;
  /** Blocks formatted as percent: [row, col, numRows, numCols], 0-based. */
  percentRanges: [number, number, number, number][];
  /** Background colours of single cells: [row, col, '#rrggbb']. */
  fills: [number, number, string][];
  columnWidths: number[];
  frozenRows: number;
  frozenColumns: number;
  /**
   * 0-based columns whose cells below the header are text: formatted as plain text ('@') and
   * written as they are, so a CCCD keeps its leading zero and "=…" stays text.
   */
  textColumns?: number[];
  /** A chart of the grid's own cells (the add-on embeds it: src/gas/chart.ts). */
  chart?: GridChart;
}

/**
 * A bar chart over a block of the grid, all 0-based: the header row, then `rows` data rows; the
 * label column gives the categories, each value column a series (its header names it). The chart
 * sits with its top-left corner at the anchor cell.
 */
export interface GridChart {
  title: string;
  headerRow: number;
  rows: number;
  labelColumn: number;
  valueColumns: number[];
  anchorRow: number;
  anchorColumn: number;
}

export const STATUS_FILL: Record<IndicatorStatus, string> = {
  met: '#d9ead3',
  on_track: '#fff2cc',
  behind: '#f4cccc',
  no_data: '#eeeeee',
};
export const LAGGARD_FILL = '#f4cccc';
export const HEADER_FILL = '#cfe2f3';
export const TOTAL_FILL = '#e6e6e6';
export const ERROR_FILL = '#f4cccc';
export const WARNING_FILL = '#fff2cc';

const pct = (p: number | null): Cell => (p === null ? '' : Math.round(p * 100) / 10000);

function pad(rows: Cell[][], width: number): Cell[][] {
  for (const r of rows) while (r.length < width) r.push('');
  return rows;
}

/** Per indicator: the numbers, not only the percentage and reported vs evidenced (docs/rules.md §5). */
const INDICATOR_COLUMNS = 8;
/** Offsets within an indicator's columns. */
const COL_PERCENT = 2;
const COL_STATUS = 4;

function num(n: number | null | undefined): Cell {
  return n === null || n === undefined ? '' : n;
}

/**
 * The change of an indicator since the last closed period, in percentage points as a fraction
 * (0.025 = 2.5 points, formatted %): the difference of the two rates as `Tổng hợp` shows them
 * (rounded to 0.01 %), so the column agrees with the rates beside it. '' without both rates.
 */
export function trendCell(v: IndicatorValue | undefined): Cell {
  if (!v || v.percent === null || v.previousClosed === null || v.previousClosed === undefined) return '';
  return (Math.round(v.percent * 100) - Math.round(v.previousClosed * 100)) / 10000;
}

function indicatorCells(v: IndicatorValue | undefined, trend: boolean): Cell[] {
  if (!v) return new Array<Cell>(INDICATOR_COLUMNS + (trend ? 1 : 0)).fill('');
  const gap = v.reported !== null && v.evidenced !== null ? v.reported - v.evidenced : '';
  const cells: Cell[] = [
    num(v.numerator),
    num(v.denominator),
    pct(v.percent),
    v.target === null ? '' : v.target / 100,
    v.target === null ? SUMMARY.noTarget : INDICATOR_STATUS_LABEL[v.status],
    num(v.reported),
    v.evidenced === null ? (v.reported !== null ? SUMMARY.noEvidence : '') : v.evidenced,
    gap,
  ];
  if (trend) cells.push(trendCell(v));
  return cells;
}

export function renderSummary(report: Report): OutputGrid {
  const h = SUMMARY.headers;
  const header: Cell[] = [h.code, h.name, h.type, h.rows, h.valid, h.invalid, h.duplicates, h.completed, h.inProgress, h.notStarted, h.report];
  const firstIndicatorCol = header.length;
  // with a closed earlier period (history): one more column per indicator, the change since that close
  const since = report.previousClose ? formatPeriodVi(report.previousClose.period) : null;
  const trend = since !== null;
  const perIndicator = INDICATOR_COLUMNS + (trend ? 1 : 0);
  for (const code of INDICATORS) {
    const s = INDICATOR_SHORT[code];
    header.push(...SUMMARY.indicatorHeaders(s));
    if (since !== null) header.push(SUMMARY.trendHeader(s, since));
  }
  header.push(h.laggard, h.reasons);
  const width = header.length;
  const rows: Cell[][] = [];
  const roles: Record<number, CellRole> = {};
  const fills: [number, number, string][] = [];
  const percentRanges: [number, number, number, number][] = [];

  const period = formatPeriodVi(report.period);
  const today = formatDateVi(parseYmd(report.today)!);
  const deadline = formatDateVi(parseYmd(report.deadline)!);
  roles[rows.length] = 'title';
  rows.push([SUMMARY.title(period)]);
  roles[rows.length] = 'subtitle';
  rows.push([SUMMARY.subtitle(report.settings.departmentName, today, deadline)]);
  roles[rows.length] = 'subtitle';
  const closed = report.closed;
  // who closed it is a cell of Lịch sử tổng hợp: masked like every value quoted from a cell
  rows.push([closed ? maskDigitRuns(SUMMARY.noteClosed(period, closed.version, closed.closedAt, closed.closedBy)) : SUMMARY.note]);
  rows.push([]);
  roles[rows.length] = 'header';
  const headerRow = rows.length;
  rows.push(header);

  const statusFills = (r: number, indicators: Partial<Record<IndicatorCode, IndicatorValue>>) => {
    INDICATORS.forEach((code, i) => {
      const v = indicators[code];
      if (v) fills.push([r, firstIndicatorCol + i * perIndicator + COL_STATUS, STATUS_FILL[v.status]]);
      if (v && v.reported !== null && v.evidenced !== null && v.reported * 100 > v.evidenced * (100 + report.settings.evidenceTolerance))
        fills.push([r, firstIndicatorCol + i * perIndicator + 7, LAGGARD_FILL]);
    });
  };

  for (const u of report.units) {
    const r = rows.length;
    const l = u.learners;
    const state = u.report.submitted ? (u.report.late ? SUMMARY.reportState.late : SUMMARY.reportState.submitted) : SUMMARY.reportState.missing;
    const row: Cell[] = [u.code, u.name, UNIT_TYPE_LABELS[u.type], l.rows, l.valid, l.invalid, l.duplicates, l.completed, l.inProgress, l.notStarted, state];
    for (const code of INDICATORS) row.push(...indicatorCells(u.indicators[code], trend));
    row.push(u.laggard ? SUMMARY.yes : '', u.reasons.map((x) => REASON_LABEL[x]).join('; '));
    rows.push(row);
    statusFills(r, u.indicators);
    if (u.laggard) fills.push([r, width - 2, LAGGARD_FILL]);
  }

  // Province totals, in the same columns.
  rows.push([]);
  const p = report.province;
  const totalRow: Cell[] = [
    '',
    SUMMARY.provinceRow,
    '',
    p.learners.rows,
    p.learners.valid,
    p.learners.invalid,
    p.learners.duplicates,
    p.learners.completed,
    p.learners.inProgress,
    p.learners.notStarted,
    `${p.completeness.submitted}/${p.completeness.expected}`,
  ];
  for (const code of INDICATORS) totalRow.push(...indicatorCells(p.indicators[code], trend));
  totalRow.push(p.laggards, '');
  roles[rows.length] = 'total';
  statusFills(rows.length, p.indicators);
  rows.push(totalRow);
  INDICATORS.forEach((_, i) => {
    percentRanges.push([headerRow + 1, firstIndicatorCol + i * perIndicator + COL_PERCENT, rows.length - headerRow - 1, 2]);
    if (trend) percentRanges.push([headerRow + 1, firstIndicatorCol + i * perIndicator + INDICATOR_COLUMNS, rows.length - headerRow - 1, 1]);
  });

  // Province indicators: the figure from reports beside the figure from evidence.
  rows.push([]);
  roles[rows.length] = 'section';
  rows.push([SUMMARY.provinceIndicatorsTitle]);
  roles[rows.length] = 'header';
  rows.push(since !== null ? [...SUMMARY.provinceIndicatorHeaders, SUMMARY.provinceTrendHeader(since)] : [...SUMMARY.provinceIndicatorHeaders]);
  const provStart = rows.length;
  for (const code of INDICATORS) {
    const v = p.indicators[code];
    if (!v) continue;
    const t = report.settings.targets.find((x) => x.code === code);
    fills.push([rows.length, 6, STATUS_FILL[v.status]]);
    rows.push([
      t?.name ?? INDICATOR_SHORT[code],
      num(v.numerator),
      num(v.denominator),
      pct(v.percent),
      v.target === null ? '' : v.target / 100,
      v.expected === null ? '' : pct(v.expected),
      v.target === null ? SUMMARY.noTarget : INDICATOR_STATUS_LABEL[v.status],
      num(v.evidenced),
      pct(v.evidencedPercent ?? null),
      ...(trend ? [trendCell(v)] : []),
    ]);
  }
  percentRanges.push([provStart, 3, rows.length - provStart, 3], [provStart, 8, rows.length - provStart, trend ? 2 : 1]);
  // the rate against the target and the trajectory's expected value, per indicator (the embedded chart)
  const chart: GridChart | undefined =
    rows.length > provStart
      ? {
          title: SUMMARY.chartTitle,
          headerRow: provStart - 1,
          rows: rows.length - provStart,
          labelColumn: 0,
          valueColumns: [3, 4, 5],
          anchorRow: provStart - 2,
          anchorColumn: SUMMARY.provinceIndicatorHeaders.length + 1,
        }
      : undefined;

  // Reporting completeness.
  rows.push([]);
  roles[rows.length] = 'section';
  rows.push([SUMMARY.completenessTitle]);
  roles[rows.length] = 'header';
  rows.push([...SUMMARY.completenessHeaders]);
  const compRow = (label: string, c: Completeness, laggards: number): Cell[] => [
    label,
    c.expected,
    c.submitted,
    c.onTime,
    pct(c.rate),
    pct(c.onTimeRate),
    laggards,
  ];
  const compStart = rows.length;
  rows.push(compRow(SUMMARY.province, p.completeness, p.laggards));
  for (const t of p.byType) rows.push(compRow(UNIT_TYPE_LABELS[t.type], t.completeness, t.laggards));
  const compEnd = rows.length;

  // Indicators by unit type.
  rows.push([]);
  roles[rows.length] = 'section';
  rows.push([SUMMARY.byTypeTitle]);
  roles[rows.length] = 'header';
  // with a closed earlier period, each rate is followed by its change since that close
  const typeCells = (v: IndicatorValue | undefined): Cell[] => (trend ? [pct(v?.percent ?? null), trendCell(v)] : [pct(v?.percent ?? null)]);
  rows.push(
    SUMMARY.byTypeHeaders(
      INDICATORS.map((c) => INDICATOR_SHORT[c]),
      since,
    ),
  );
  const typeStart = rows.length;
  rows.push([SUMMARY.province, report.units.length, ...INDICATORS.flatMap((c) => typeCells(p.indicators[c]))]);
  for (const t of p.byType) rows.push([UNIT_TYPE_LABELS[t.type], t.units, ...INDICATORS.flatMap((c) => typeCells(t.indicators[c]))]);
  const typeEnd = rows.length;

  percentRanges.push([compStart, 4, compEnd - compStart, 2], [typeStart, 2, typeEnd - typeStart, INDICATORS.length * (trend ? 2 : 1)]);

  // Completions per course (seed 001's programmes), per unit and for the province.
  const courseNames = Object.keys(p.courses);
  if (courseNames.length) {
    rows.push([]);
    roles[rows.length] = 'section';
    rows.push([SUMMARY.coursesTitle]);
    roles[rows.length] = 'header';
    rows.push([h.code, h.name, ...courseNames]);
    for (const u of report.units) {
      if (Object.keys(u.courses).length === 0) continue;
      rows.push([u.code, u.name, ...courseNames.map((c) => u.courses[c] ?? 0)]);
    }
    roles[rows.length] = 'total';
    rows.push(['', SUMMARY.provinceRow, ...courseNames.map((c) => p.courses[c])]);
  }

  const widths = [90, 260, 130, 90, 80, 70, 70, 90, 80, 90, 110];
  for (let i = 0; i < INDICATORS.length; i++) {
    widths.push(95, 85, 80, 80, 110, 85, 95, 85);
    if (trend) widths.push(120);
  }
  widths.push(90, 320);
  const grid: OutputGrid = {
    name: SHEET.summary,
    rows: pad(rows, width),
    width,
    rowRoles: roles,
    percentRanges,
    fills,
    columnWidths: widths,
    frozenRows: headerRow + 1,
    frozenColumns: 2,
  };
  if (chart) grid.chart = chart;
  return grid;
}

export function renderIssues(report: Report): OutputGrid {
  const rows: Cell[][] = [ISSUES_SHEET.headers.slice()];
  const fills: [number, number, string][] = [];
  const names = new Map(report.units.map((u) => [u.code, u.name]));
  for (const i of report.issues) {
    fills.push([rows.length, 5, i.severity === 'error' ? ERROR_FILL : WARNING_FILL]);
    rows.push([
      i.sheet ?? '',
      i.row ?? '',
      i.column ?? '',
      i.unit ? (names.get(i.unit) ?? i.unit) : '',
      i.code,
      SEVERITY_LABEL[i.severity],
      i.message,
      i.fix ?? '',
    ]);
  }
  if (rows.length === 1) rows.push([ISSUES_SHEET.none, '', '', '', '', '', '', '']);
  return {
    name: SHEET.issues,
    rows,
    width: ISSUES_SHEET.headers.length,
    rowRoles: { 0: 'header' },
    percentRanges: [],
    fills,
    columnWidths: [120, 60, 160, 200, 190, 80, 520, 420],
    frozenRows: 1,
    frozenColumns: 0,
  };
}

/** Issues of one sheet grouped by 1-based row. */
export function issuesByRow(issues: Issue[], sheet: string): Map<number, Issue[]> {
  const m = new Map<number, Issue[]>();
  for (const i of issues) {
    if (i.sheet !== sheet || i.row === undefined) continue;
    let list = m.get(i.row);
    if (!list) m.set(i.row, (list = []));
    list.push(i);
  }
  return m;
}

/** The status text of one row: '' (blank row), "Hợp lệ", "Lỗi: …" or "Cảnh báo: …". */
export function statusText(rowIssues: Issue[] | undefined): string {
  if (!rowIssues || rowIssues.length === 0) return STATUS_COLUMN.ok;
  const errors = rowIssues.filter((i) => i.severity === 'error');
  const warns = rowIssues.filter((i) => i.severity === 'warning');
  const parts: string[] = [];
  if (errors.length) parts.push(`${STATUS_COLUMN.error}: ${errors.map((i) => i.text).join(' ')}`);
  if (warns.length) parts.push(`${STATUS_COLUMN.warning}: ${warns.map((i) => i.text).join(' ')}`);
  return parts.join(' | ');
}

/**
 * The status column of a learner sheet, for data rows from the row below the header to the
 * last row of `values`: one cell per row.
 */
export function renderStatusColumn(values: Cell[][], table: TableInfo, issues: Issue[]): Cell[][] {
  const byRow = issuesByRow(issues, table.sheet);
  const stt = table.columns.stt ?? -1;
  const own = table.statusColumn ?? -1;
  const out: Cell[][] = [];
  for (let r = table.headerRow; r < values.length; r++) {
    out.push([isBlankRow(values[r], stt, own) ? '' : statusText(byRow.get(r + 1))]);
  }
  return out;
}

/**
 * The `Lỗi dữ liệu` grid cut to at most `maxRows` rows (header included) when it is longer: the
 * first issues are kept and a last row, `note(left)`, says how many are not listed. Both adapters
 * use it (the spreadsheet's cell limit, the .xlsx row limit).
 */
export function capIssueRows(grid: OutputGrid, maxRows: number, note: (left: number) => string): OutputGrid {
  if (grid.rows.length <= maxRows) return grid;
  const keep = Math.max(1, maxRows - 1);
  const left = grid.rows.length - keep;
  const last: Cell[] = [note(left)];
  while (last.length < grid.width) last.push('');
  return { ...grid, rows: [...grid.rows.slice(0, keep), last], fills: grid.fills.filter(([r]) => r < keep) };
}
