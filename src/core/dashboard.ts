/**
 * The dashboard's data (menu “Bảng điều khiển” and the command line's tong-hop.html): a small JSON
 * view of the report that the page renders. It holds only what the unit lists and `Tổng hợp`
 * already show: the province's indicators, the reporting completeness, the lagging units by reason
 * (code and name only) and the province's month-by-month percent from `Lịch sử tổng hợp`. No
 * CCCD, no e-mail address, no learner or focal point name, no issue text.
 *
 * Pure. The page itself (src/page/) reads this view; the adapters deliver it (google.script.run in
 * the sidebar, an inlined JSON script element in tong-hop.html: dashboardDataScript below).
 */
import { formatDateVi, formatPeriodVi, parseYmd } from './dates';
import { INDICATOR_NAMES, INDICATOR_SHORT, INDICATORS } from './schema';
import type { IndicatorCode, IndicatorValue, LaggardReason, Report } from './types';

/** Bumped when a field changes meaning (the page checks it). */
export const DASHBOARD_VIEW_VERSION = 1;

/** The order of the lagging units' groups: the most urgent reason first. */
export const DASHBOARD_REASONS: LaggardReason[] = ['REPORT_MISSING', 'REPORT_DUE_SOON', 'BELOW_TRAJECTORY', 'REPORT_UNSUPPORTED', 'DATA_ERRORS'];

export interface DashboardPoint {
  /** YYYY-MM (or YYYY-Qn) */
  period: string;
  /** “11/2026” */
  label: string;
  /** Percent rounded to 0.1; null when that period has no figure. */
  percent: number | null;
  /** The current period (live figures), not a closed one. */
  current: boolean;
}

/** The report's figures of an indicator (its fields, their meaning), the percents rounded to 0.1 as the page shows them. */
export interface DashboardIndicator extends Pick<IndicatorValue, 'numerator' | 'denominator' | 'percent' | 'target' | 'expected' | 'status'> {
  code: IndicatorCode;
  name: string;
  short: string;
  /** Closed periods before this one, oldest first, then this period; empty without a close. */
  history: DashboardPoint[];
}

export interface DashboardUnit {
  code: string;
  name: string;
}

export interface DashboardView {
  v: number;
  department: string;
  period: string;
  periodLabel: string;
  /** dd/mm/yyyy */
  today: string;
  deadline: string;
  closed: boolean;
  indicators: DashboardIndicator[];
  completeness: { due: number; reported: number; onTime: number; late: number; missing: number };
  laggards: { total: number; groups: { reason: LaggardReason; units: DashboardUnit[] }[] };
}

/** A percent as the page shows it: rounded to one decimal. */
export function roundPercent(p: number | null | undefined): number | null {
  return p === null || p === undefined || !Number.isFinite(p) ? null : Math.round(p * 10) / 10;
}

function dateVi(ymd: string): string {
  const d = parseYmd(ymd);
  return d ? formatDateVi(d) : ymd;
}

export function dashboardView(report: Report): DashboardView {
  const p = report.province;
  const closedBefore = report.provinceHistory ?? [];
  const indicators: DashboardIndicator[] = [];
  for (const code of INDICATORS) {
    const v = p.indicators[code];
    if (!v) continue;
    const name = report.settings.targets.find((t) => t.code === code)?.name || INDICATOR_NAMES[code];
    const history: DashboardPoint[] = [];
    if (closedBefore.length) {
      for (const h of closedBefore) history.push({ period: h.period, label: formatPeriodVi(h.period), percent: roundPercent(h.percent[code]), current: false });
      history.push({ period: report.period, label: formatPeriodVi(report.period), percent: roundPercent(v.percent), current: true });
    }
    indicators.push({
      code,
      name,
      short: INDICATOR_SHORT[code],
      numerator: v.numerator,
      denominator: v.denominator,
      percent: roundPercent(v.percent),
      target: v.target,
      expected: roundPercent(v.expected),
      status: v.status,
      history,
    });
  }
  const c = p.completeness;
  const groups: DashboardView['laggards']['groups'] = [];
  for (const reason of DASHBOARD_REASONS) {
    const units = report.units.filter((u) => u.laggard && u.reasons.includes(reason)).map((u) => ({ code: u.code, name: u.name }));
    if (units.length) groups.push({ reason, units });
  }
  return {
    v: DASHBOARD_VIEW_VERSION,
    department: report.settings.departmentName,
    period: report.period,
    periodLabel: formatPeriodVi(report.period),
    today: dateVi(report.today),
    deadline: dateVi(report.deadline),
    closed: !!report.closed,
    indicators,
    completeness: { due: c.expected, reported: c.submitted, onTime: c.onTime, late: c.submitted - c.onTime, missing: c.expected - c.submitted },
    laggards: { total: report.units.filter((u) => u.laggard).length, groups },
  };
}

/** The id of the JSON script element that carries the view in an offline page. */
export const DASHBOARD_DATA_ID = 'bdhvs-data';

/**
 * JSON that can sit inside a <script> element: `<`, `>`, `&` and U+2028/2029 as \u escapes (the
 * same value for JSON.parse; no `</script>` or `<!--` can end or change the element).
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** The element that carries the view in tong-hop.html (the page reads it with JSON.parse). */
export function dashboardDataScript(view: DashboardView): string {
  return `<script type="application/json" id="${DASHBOARD_DATA_ID}">${scriptSafeJson(view)}</script>`;
}

/** Where the page template takes the data element (an HTML comment: nothing when left empty). */
export const DASHBOARD_DATA_SLOT = '<!--bdhvs:data-->';

/** The page with the view inlined (the command line's offline tong-hop.html). */
export function dashboardPageWithData(page: string, view: DashboardView): string {
  const at = page.indexOf(DASHBOARD_DATA_SLOT);
  if (at < 0) throw new Error('dashboard page without its data slot');
  return page.slice(0, at) + dashboardDataScript(view) + page.slice(at + DASHBOARD_DATA_SLOT.length);
}
