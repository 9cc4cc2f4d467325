/**
 * `Báo cáo tháng` of the synthetic province: cumulative counts per unit for the last five months,
 * periods typed in every accepted form, corrections, late and missing reports, and the injected
 * report problems — with the truth of docs/rules.md §4 (effective rows, latest counts, submitted,
 * late, row issues).
 */
import { REPORTS_TABLE } from '../../core';
import type { Cell, SheetSnapshot, UnitType } from '../../core';
import {
  C_AI,
  C_CB,
  C_DN,
  C_HS,
  C_ND,
  C_VNEID,
  COUNT_COLUMNS,
  COUNT_DENOMINATOR,
  addMonths,
  daysInMonth,
  learnerEvidenced,
  pad2,
  vnDate,
  type GUnit,
  type RowIssue,
  type TruthIssueCode,
} from './common';
import { foldDiacritics } from './names';
import type { Rng } from './prng';
import type { KeyRegistry } from './units';

export const REPORT_SHEET = 'Báo cáo tháng';
/** Periods generated: the current month and the four before it. */
export const PERIODS = 5;

export interface ReportInput {
  rng: Rng;
  units: GUnit[];
  keys: KeyRegistry;
  validByGroup: Int32Array;
  /** per unit × count column: learner evidence (Rules v2 §E (a)+(b)) */
  evidence: Int32Array;
  /** per unit: an error on one of its learner rows */
  learnerError: Uint8Array;
  today: { y: number; m: number; d: number };
  deadlineDay: number;
  /** `Mức tăng bất thường (%)` (REPORT_JUMP) and `Dung sai đối chiếu (%)` (REPORT_UNSUPPORTED) */
  jumpPercent: number;
  evidenceTolerance: number;
}

export interface UnitReportTruth {
  submitted: boolean;
  late: boolean;
  /** usable counts of the latest effective row (null: not reported or not usable); null without any report */
  latest: (number | null)[] | null;
  /** an error (REPORT_NOT_NUMBER / REPORT_EXCEEDS_DENOMINATOR) on one of its report rows */
  error: boolean;
  /** a latest count above its learner evidence × (1 + tolerance) (REPORT_UNSUPPORTED) */
  unsupported: boolean;
}

export interface ReportOutput {
  sheet: SheetSnapshot;
  rowIssues: RowIssue[];
  perUnit: UnitReportTruth[];
  injected: Record<string, number>;
}

interface Rec {
  unit: number;
  /** 0…PERIODS-1, PERIODS = the month after the current one; -1 invalid */
  k: number;
  counts: Cell[];
  date: Date | '';
  sortKey: number;
  codeCell: string;
  nameCell: string;
  periodCell: Cell;
  issues: TruthIssueCode[];
}

/** Which counts a unit of a type reports (before the evidence filter). */
function columnsFor(rng: Rng, type: UnitType): boolean[] {
  const c = new Array<boolean>(COUNT_COLUMNS).fill(false);
  switch (type) {
    case 'SO_NGANH':
      c[C_CB] = true;
      c[C_AI] = rng.chance(0.7);
      break;
    case 'UBND_XA':
      c[C_ND] = true;
      c[C_VNEID] = rng.chance(0.9);
      c[C_CB] = rng.chance(0.7);
      c[C_AI] = rng.chance(0.4);
      break;
    case 'TRUONG':
      c[C_HS] = true;
      c[C_CB] = rng.chance(0.8);
      c[C_AI] = rng.chance(0.5);
      break;
    case 'DOANH_NGHIEP':
      c[C_DN] = true;
      break;
    case 'KHAC':
      c[C_CB] = true;
      c[C_AI] = rng.chance(0.3);
      break;
  }
  return c;
}

const NOT_NUMBERS: Cell[] = ['nhiều', '45%', -3, 2.5];

export function generateReports(input: ReportInput): ReportOutput {
  const { rng, units, today, deadlineDay } = input;
  const periods = Array.from({ length: PERIODS + 1 }, (_, k) => addMonths(today.y, today.m, k - (PERIODS - 1)));
  const CUR = PERIODS - 1;
  const after = today.d > deadlineDay;
  const injected: Record<string, number> = {};
  const bump = (id: string): void => {
    injected[id] = (injected[id] ?? 0) + 1;
  };
  const ev = (u: GUnit, j: number): number => input.evidence[u.index * COUNT_COLUMNS + j];

  // ---- Who reports what, and the final (latest) counts
  const reported: boolean[][] = [];
  const cols: boolean[][] = [];
  const finals: number[][] = [];
  const pCur = after ? 0.85 : 0.15 + 0.6 * Math.min(1, today.d / deadlineDay);
  for (const u of units) {
    const c = columnsFor(rng, u.type);
    // A learner-evidenced count is reported only with evidence for it — except by box-ticking units.
    for (let j = 0; j < COUNT_COLUMNS; j++) if (c[j] && !u.boxTick && learnerEvidenced(j, u.type) && ev(u, j) === 0) c[j] = false;
    cols.push(c);
    const rep = new Array<boolean>(PERIODS).fill(false);
    if (c.some((x) => x) && (u.boxTick || !rng.chance(0.06))) {
      for (let k = 0; k < CUR; k++) rep[k] = rng.chance(0.88);
      rep[CUR] = rng.chance(pCur);
      if (u.boxTick && !rep.some((x) => x)) rep[CUR - 1] = true;
    }
    reported.push(rep);
    const f = new Array<number>(COUNT_COLUMNS).fill(0);
    const progress = rng.real(0.3, 0.95);
    for (let j = 0; j < COUNT_COLUMNS; j++) {
      if (!c[j]) continue;
      const den = u.den[COUNT_DENOMINATOR[j]];
      let v: number;
      if (learnerEvidenced(j, u.type)) {
        const e = ev(u, j);
        if (u.boxTick) {
          // "làm lấy lệ": well above the evidence (REPORT_UNSUPPORTED when it exceeds the tolerance)
          v = den !== null ? Math.max(2 * e + 3, Math.round(den * rng.real(0.9, 1))) : 2 * e + 3 + rng.int(40);
        } else {
          // stay within the evidence (≤ +5 %, the tolerance is 10 %)
          const r = rng.float();
          v = r < 0.6 ? e : r < 0.88 ? e + Math.floor(e * 0.05) : Math.floor(e * rng.real(0.85, 1));
        }
      } else if (den !== null) {
        // aggregate counts (VNeID, Người dân at communes): mostly near the target, some behind
        const r = rng.float();
        const share =
          j === C_VNEID
            ? r < 0.88
              ? rng.real(0.65, 0.95)
              : rng.real(0.2, 0.6)
            : r < 0.15
              ? 1
              : r < 0.88
                ? rng.real(0.9, 0.995)
                : progress * rng.real(0.6, 0.95);
        v = Math.round(den * share);
      } else v = rng.int(200);
      f[j] = den !== null ? Math.min(v, den) : v;
    }
    finals.push(f);
  }

  const reporting = units.filter((u) => reported[u.index].some((x) => x));
  const taken = new Set<number>(units.filter((u) => u.boxTick).map((u) => u.index));
  const choose = (pred: (u: GUnit) => boolean): GUnit | null => {
    const list = reporting.filter((u) => !taken.has(u.index) && pred(u));
    if (list.length === 0) return null;
    const u = rng.pick(list);
    taken.add(u.index);
    return u;
  };
  const countReported = (u: number): number => reported[u].filter((x) => x).length;
  const ksOf = (u: number): number[] => reported[u].map((x, k) => (x ? k : -1)).filter((k) => k >= 0);

  // ---- Injections decided before the series are drawn (on VNeID counts: aggregate, no fallback)
  const notNumber = new Map<number, [number, Cell]>(); // unit → column, cell
  for (const cell of NOT_NUMBERS) {
    const u = choose((x) => cols[x.index][C_VNEID]);
    if (!u) break;
    notNumber.set(u.index, [C_VNEID, cell]);
  }
  const exceedsDen = new Map<number, [number, number]>(); // unit → column, value
  for (let t = 0; t < 2; t++) {
    const u = choose((x) => cols[x.index][C_VNEID] && x.den[COUNT_DENOMINATOR[C_VNEID]] !== null);
    if (!u) break;
    const den = u.den[COUNT_DENOMINATOR[C_VNEID]]!;
    exceedsDen.set(u.index, [C_VNEID, den + rng.between(1, Math.max(5, Math.floor(den * 0.2)))]);
  }
  const decreaseUnits: number[] = [];
  for (let t = 0; t < 6 && decreaseUnits.length < 2; t++) {
    const u = choose((x) => countReported(x.index) >= 3);
    if (!u) break;
    decreaseUnits.push(u.index);
  }
  // REPORT_JUMP on purpose: a count that rose by > 30 % of its denominator in one month
  const jumpColumn = (x: GUnit): number => {
    const ks = ksOf(x.index);
    if (ks.length < 2 || ks[ks.length - 1] - ks[ks.length - 2] !== 1) return -1;
    for (let j = 0; j < COUNT_COLUMNS; j++) {
      const den = x.den[COUNT_DENOMINATOR[j]];
      if (cols[x.index][j] && den !== null && den >= 10 && finals[x.index][j] * 10 >= den * 6) return j;
    }
    return -1;
  };
  const jumps = new Map<number, number>(); // unit → column
  for (let t = 0; t < 2; t++) {
    const u = choose((x) => jumpColumn(x) >= 0);
    if (!u) break;
    jumps.set(u.index, jumpColumn(u));
  }

  // ---- Series and rows
  const recs: Rec[] = [];
  const perUnit: UnitReportTruth[] = units.map(() => ({ submitted: false, late: false, latest: null, error: false, unsupported: false }));
  const correctionPairs: [Rec, Rec][] = [];
  let firstLate = true;
  const todayDay = today.d;
  for (const u of units) {
    const ks = ksOf(u.index);
    if (ks.length === 0) continue;
    const m = ks.length;
    const c = cols[u.index];
    // cumulative, non-decreasing series ending at the final counts (gentle: ≤ 20 % a month)
    const series: number[][] = ks.map(() => new Array<number>(COUNT_COLUMNS).fill(0));
    const jc = jumps.get(u.index) ?? -1;
    for (let j = 0; j < COUNT_COLUMNS; j++) {
      if (!c[j]) continue;
      series[m - 1][j] = finals[u.index][j];
      for (let t = m - 2; t >= 0; t--) {
        series[t][j] = j === jc && t === m - 2 ? Math.floor(series[t + 1][j] * 0.3) : Math.floor(series[t + 1][j] * rng.real(0.8, 0.98));
      }
    }
    if (jc >= 0) bump('REPORT_JUMP');
    const issuesAt: TruthIssueCode[][] = ks.map(() => []);
    if (decreaseUnits.includes(u.index)) {
      const t = m - 2;
      const options = [];
      for (let j = 0; j < COUNT_COLUMNS; j++) if (c[j] && series[t - 1][j] >= 1 && !(notNumber.get(u.index)?.[0] === j)) options.push(j);
      if (options.length > 0) {
        const j = rng.pick(options);
        series[t][j] = series[t - 1][j] - rng.between(1, Math.min(series[t - 1][j], 30));
        issuesAt[t].push('REPORT_DECREASED');
        bump('REPORT_DECREASED');
      }
    }
    const cells: Cell[][] = series.map((s) => s.map((v, j) => (c[j] ? countCell(rng, v) : '')));
    const latest: (number | null)[] = series[m - 1].map((v, j) => (c[j] ? v : null));
    const nn = notNumber.get(u.index);
    if (nn) {
      cells[m - 1][nn[0]] = nn[1];
      latest[nn[0]] = null;
      issuesAt[m - 1].push('REPORT_NOT_NUMBER');
      perUnit[u.index].error = true;
      bump('REPORT_NOT_NUMBER');
    }
    const ed = exceedsDen.get(u.index);
    if (ed) {
      cells[m - 1][ed[0]] = ed[1];
      latest[ed[0]] = null;
      issuesAt[m - 1].push('REPORT_EXCEEDS_DENOMINATOR');
      perUnit[u.index].error = true;
      bump('REPORT_EXCEEDS_DENOMINATOR');
    }
    // Every REPORT_JUMP, injected or not: consecutive effective reports, usable counts, a denominator
    for (let t = 1; t < m; t++) {
      const k = ks[t] - ks[t - 1];
      for (let j = 0; j < COUNT_COLUMNS; j++) {
        const den = u.den[COUNT_DENOMINATOR[j]];
        if (!c[j] || den === null || den <= 0) continue;
        if (t === m - 1 && latest[j] === null) continue;
        if ((series[t][j] - series[t - 1][j]) * 100 > input.jumpPercent * den * k) issuesAt[t].push('REPORT_JUMP');
      }
    }
    // REPORT_UNSUPPORTED: a latest learner-evidenced count above evidence × (1 + tolerance)
    for (let j = 0; j < COUNT_COLUMNS; j++) {
      const v = latest[j];
      if (v === null || !learnerEvidenced(j, u.type)) continue;
      if (v * 100 > ev(u, j) * (100 + input.evidenceTolerance)) {
        issuesAt[m - 1].push('REPORT_UNSUPPORTED');
        perUnit[u.index].unsupported = true;
      }
    }
    if (perUnit[u.index].unsupported) bump('REPORT_UNSUPPORTED');
    const injectedUnit = nn !== undefined || ed !== undefined || decreaseUnits.includes(u.index) || jc >= 0 || u.boxTick;
    const correctAt = !injectedUnit && rng.chance(0.08) ? rng.int(m) : -1;
    perUnit[u.index].latest = latest;

    for (let t = 0; t < m; t++) {
      const k = ks[t];
      const p = periods[k];
      const isCur = k === CUR;
      let late = false;
      let date: Date | '';
      let d: number;
      if (isCur) {
        late = after && rng.chance(0.25);
        if (late) {
          d = rng.between(deadlineDay + 1, todayDay);
          date = firstLate ? vnDate(p.y, p.m, d, 0, 30) : vnDate(p.y, p.m, d, rng.between(7, 22), rng.int(60));
          firstLate = false;
        } else {
          d = rng.between(1, Math.min(todayDay, deadlineDay));
          date = rng.chance(0.03) ? '' : vnDate(p.y, p.m, d, rng.between(7, 22), rng.int(60));
        }
        perUnit[u.index].submitted = true;
        perUnit[u.index].late = late && date !== '';
      } else {
        d = rng.between(3, 25);
        date = vnDate(p.y, p.m, d, rng.between(7, 20), rng.int(60));
      }
      const rec = makeRec(rng, u, k, p, cells[t], date, d, issuesAt[t]);
      if (t === correctAt) {
        // an earlier row of the same period, superseded by this one (dated on an earlier day)
        let lo: number;
        let hi: number;
        if (!isCur) ((lo = 3), (hi = d - 1));
        else if (late) ((lo = deadlineDay + 1), (hi = d - 1));
        else ((lo = 1), (hi = Math.min(d, todayDay, deadlineDay) - 1));
        if (date !== '' && hi >= lo) {
          const d0 = rng.between(lo, hi);
          const prev = t > 0 ? series[t - 1] : null;
          const old = series[t].map((v, j) => (c[j] ? countCell(rng, prev ? prev[j] + Math.floor((v - prev[j]) / 2) : Math.floor(v * 0.8)) : ''));
          const first = makeRec(rng, u, k, p, old, vnDate(p.y, p.m, d0, rng.between(7, 20), rng.int(60)), d0, []);
          recs.push(first);
          correctionPairs.push([first, rec]);
          bump('REPORT_CORRECTED');
        }
      }
      recs.push(rec);
    }
  }

  // ---- Rows ignored by the rules: an invalid period, an unknown unit, a future period
  const t0 = vnDate(today.y, today.m, today.d).getTime();
  const cur = periods[CUR];
  const errUnits = units.filter((u) => input.learnerError[u.index] === 1 || perUnit[u.index].error);
  for (const text of ['Quý III/' + cur.y, '13/' + cur.y]) {
    if (errUnits.length === 0) break;
    const u = rng.pick(errUnits);
    const counts = smallCounts(rng, u, cols[u.index]);
    recs.push({
      unit: u.index,
      k: -1,
      counts,
      date: vnDate(today.y, today.m, today.d),
      sortKey: t0 - rng.int(20) * 3600000,
      codeCell: u.code,
      nameCell: u.name,
      periodCell: text,
      issues: ['REPORT_PERIOD_INVALID'],
    });
    bump('REPORT_PERIOD_INVALID');
  }
  if (units.length > 0) {
    const sample = units[rng.int(units.length)];
    let code = '';
    for (let i = 900; ; i++) {
      code = `XA${i}`;
      if (input.keys.unknown(code)) break;
    }
    recs.push({
      unit: -1,
      k: CUR,
      counts: smallCounts(rng, sample, cols[sample.index]),
      date: vnDate(cur.y, cur.m, Math.min(todayDay, deadlineDay)),
      sortKey: t0 - 5 * 3600000,
      codeCell: code,
      nameCell: '',
      periodCell: periodText(cur, 0),
      issues: ['UNIT_UNKNOWN'],
    });
    const unknownName = 'UBND xã Không Tên';
    if (input.keys.unknown(unknownName)) {
      recs.push({
        unit: -1,
        k: CUR,
        counts: smallCounts(rng, sample, cols[sample.index]),
        date: vnDate(cur.y, cur.m, Math.min(todayDay, deadlineDay)),
        sortKey: t0 - 4 * 3600000,
        codeCell: '',
        nameCell: unknownName,
        periodCell: periodText(cur, 0),
        issues: ['UNIT_UNKNOWN'],
      });
      bump('UNIT_UNKNOWN');
    }
    bump('UNIT_UNKNOWN');
    // a row typed for next month by mistake: ignored (preferably a unit that has not reported yet)
    const cands = reporting.filter((u) => !perUnit[u.index].submitted && !taken.has(u.index));
    const fu = cands.length ? rng.pick(cands) : reporting.length ? rng.pick(reporting) : null;
    if (fu) {
      const last = perUnit[fu.index].latest!;
      const counts = last.map((v, j) => {
        if (!cols[fu.index][j]) return '';
        const den = fu.den[COUNT_DENOMINATOR[j]];
        const base = v ?? 0;
        return den === null ? base + 5 : Math.min(den, base + 5);
      });
      recs.push({
        unit: fu.index,
        k: PERIODS,
        counts,
        date: vnDate(today.y, today.m, today.d, 8),
        sortKey: t0 + 3600000,
        codeCell: fu.code,
        nameCell: fu.name,
        periodCell: periodText(periods[PERIODS], 0),
        issues: [],
      });
      bump('REPORT_FUTURE_PERIOD');
    }
  }

  // ---- Sheet: chronological, one corrected pair upside down (effective row above)
  recs.sort((a, b) => a.sortKey - b.sortKey);
  if (correctionPairs.length > 0) {
    const [a, b] = correctionPairs[0];
    const ia = recs.indexOf(a);
    const ib = recs.indexOf(b);
    recs[ia] = b;
    recs[ib] = a;
  }
  const header = REPORTS_TABLE.columns.map((c) => c.header);
  const values: Cell[][] = [header];
  const rowIssues: RowIssue[] = [];
  for (const r of recs) {
    values.push([r.periodCell, r.codeCell, r.nameCell, ...r.counts, r.date]);
    for (const code of r.issues) rowIssues.push({ sheet: REPORT_SHEET, row: values.length, code });
  }
  return { sheet: { name: REPORT_SHEET, values }, rowIssues, perUnit, injected };
}

function countCell(rng: Rng, v: number): Cell {
  const r = rng.float();
  if (r < 0.85) return v;
  if (v >= 1000 && r < 0.95) {
    const sep = rng.pick(['.', ',', ' ']);
    return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  return String(v);
}

function smallCounts(rng: Rng, u: GUnit, c: boolean[]): Cell[] {
  return c.map((on, j) => {
    if (!on) return '';
    const den = u.den[COUNT_DENOMINATOR[j]];
    return rng.int(Math.max(1, Math.min(50, den ?? 50)));
  });
}

/** Every accepted way to write a period (docs/rules.md §4). */
function periodText(p: { y: number; m: number }, form: number): Cell {
  switch (form) {
    case 1:
      return `${p.m}/${p.y}`;
    case 2:
      return `Tháng ${p.m}/${p.y}`;
    case 3:
      return `T${pad2(p.m)}/${p.y}`;
    case 4:
      return `${pad2(p.m)}-${p.y}`;
    case 5:
      return `${pad2(p.m)}.${p.y}`;
    case 6:
      return `${p.y}-${pad2(p.m)}`;
    case 7:
      return vnDate(p.y, p.m, 1); // local midnight of the 1st: the previous month in UTC
    case 8:
      return vnDate(p.y, p.m, Math.min(15, daysInMonth(p.y, p.m)));
    default:
      return `${pad2(p.m)}/${p.y}`;
  }
}

function makeRec(rng: Rng, u: GUnit, k: number, p: { y: number; m: number }, counts: Cell[], date: Date | '', day: number, issues: TruthIssueCode[]): Rec {
  const r = rng.float();
  const form = r < 0.55 ? 0 : 1 + rng.int(8);
  const w = rng.float();
  const codeCell = w < 0.85 ? u.code : '';
  const nameCell = w < 0.7 || w >= 0.85 ? (w >= 0.95 ? foldDiacritics(u.name).toLowerCase() : u.name) : '';
  const sortKey = date === '' ? vnDate(p.y, p.m, day, 12).getTime() : date.getTime();
  return { unit: u.index, k, counts, date, sortKey, codeCell, nameCell, periodCell: periodText(p, form), issues };
}
