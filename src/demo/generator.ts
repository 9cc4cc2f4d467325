/**
 * A seeded, deterministic synthetic province: the whole "Bình dân học vụ số" workbook (settings,
 * targets, unit registry, learner sheets, monthly reports, platform export) with known, injected
 * problems — and its truth, derived from docs/rules.md and from what was injected, never from the
 * consolidation engine. It feeds the tests (the engine must reproduce the truth exactly), the
 * CLI's `demo` command and the benchmark (1,000,000 learner rows in a few seconds).
 *
 * Pure TypeScript: no Node or Apps Script APIs, no Math.random (see generator/prng.ts).
 * docs/generator.md describes the options, what is injected and the truth's shape.
 */
import { CONFIG_KEYS, INDICATORS, SHEET, UNITS_TABLE, UNIT_TYPE_LABELS } from '../core';
import type { Cell, IndicatorCode, LaggardReason, LearnerCounts, ReminderKind, SheetSnapshot, Snapshot } from '../core';
import {
  COUNT_COLUMNS,
  COUNT_DENOMINATOR,
  COUNT_FALLBACK_GROUP,
  COUNT_INDICATOR,
  D_CB,
  D_HSSV,
  D_NLD,
  G_CB,
  G_DN,
  G_HS,
  GROUP_COUNT,
  dayNumber,
  dayText,
  daysInMonth,
  learnerEvidenced,
  pad2,
  vnDate,
  type GUnit,
  type RowIssue,
  type TruthIssueCode,
} from './generator/common';
import { generateLearners } from './generator/learners';
import { PROVINCE_CODES, foldDiacritics } from './generator/names';
import { Rng } from './generator/prng';
import { generateReports } from './generator/reports';
import { buildUnits } from './generator/units';

/** The demo's "today": five days before the November 2026 deadline, a reminder date. */
export const DEMO_TODAY = '2026-11-20';

export interface GenerateOptions {
  /** default 1 */
  seed?: number;
  /** default 250: ~60 % UBND xã/phường, ~16 % Sở/ngành, ~12 % Trường, ~10 % Doanh nghiệp/HTX, rest Khác */
  units?: number;
  /** total non-blank learner rows over all learner sheets, default 20,000 */
  learners?: number;
  /** 'YYYY-MM-DD' (Asia/Ho_Chi_Minh), default DEMO_TODAY */
  today?: string;
  /** share of learner rows with an injected problem, default 0.03 */
  errorRate?: number;
  /** how many units get their own learner tab (sheet named by the unit's code), default 3 */
  unitTabs?: number;
  /** include a 'Kết quả nền tảng' sheet, default true */
  platform?: boolean;
  /** birth-province code used for most CCCDs, default { code: '038', name: 'Thanh Hóa' } */
  province?: { code: string; name: string };
}

/** Indicator statuses of Rules v2 (the engine's IndicatorStatus). */
export type TruthStatus = 'met' | 'on_track' | 'behind' | 'no_data';
/** Laggard reasons of Rules v2, in their order. */
export type TruthReason = LaggardReason | 'REPORT_UNSUPPORTED';
export const REASON_ORDER: TruthReason[] = ['REPORT_MISSING', 'REPORT_DUE_SOON', 'BELOW_TRAJECTORY', 'REPORT_UNSUPPORTED', 'DATA_ERRORS'];
/** Reminder kinds of Rules v2 §R. */
export type TruthReminderKind = ReminderKind | 'TIEN_DO';

export interface IndicatorTruth {
  numerator: number | null;
  denominator: number | null;
  source: 'report' | 'learners' | null;
  status: TruthStatus;
  /** the count of the latest effective report (usable), null when not reported (Rules v2 §E) */
  reported: number | null;
  /** learner evidence (a)+(b); null for aggregate indicators (no `Đơn vị` column on the platform sheet) */
  evidenced: number | null;
}

export interface UnitTruth {
  /** Rules v2 counts of the rows that belong to the unit (completed = evidence for an indicator) */
  learners: LearnerCounts;
  submitted: boolean;
  late: boolean;
  /** in the order REPORT_MISSING, REPORT_DUE_SOON, BELOW_TRAJECTORY, REPORT_UNSUPPORTED, DATA_ERRORS */
  reasons: TruthReason[];
  indicators: Partial<Record<IndicatorCode, IndicatorTruth>>;
  /** the kind of its reminder (Rules v2 §R) when it has a reason, else null */
  reminderKind: TruthReminderKind | null;
}

export interface TargetTruth {
  /** percent, null when the year has no target for the indicator (AI_CCVC in 2025) */
  target: number | null;
  /** exact expected percent on `today` (trajectory), null without a target */
  expected: number | null;
  baseline: number;
  /** YYYY-MM-DD */
  start: string;
  end: string;
}

export interface ProvinceTruth {
  today: string;
  /** 'YYYY-MM' */
  period: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** by unit code, in registry order */
  units: Record<string, UnitTruth>;
  province: {
    /** every learner row, including rows that belong to no unit */
    learners: LearnerCounts;
    /**
     * Σ over the units that have the denominator: numerators (0 when none), denominators,
     * reported counts (0 when none), evidence (null when none of them has an evidence source).
     */
    indicators: Partial<Record<IndicatorCode, { numerator: number; denominator: number; reported: number; evidenced: number | null }>>;
    completeness: { expected: number; submitted: number; onTime: number };
  };
  /**
   * Every issue the engine must report about a row: exhaustive, one entry per issue, sorted by
   * sheet order, then row, then code. A report row may hold REPORT_JUMP / REPORT_UNSUPPORTED once
   * per count column; otherwise no row holds the same code twice.
   */
  rowIssues: { sheet: string; row: number; code: TruthIssueCode }[];
  /** Issues about a unit (REPORT_MISSING), in registry order. */
  unitIssues: { unit: string; code: TruthIssueCode }[];
  /** distinct CCCDs that occur on more than one learner row */
  duplicateGroups: number;
  /** unit codes that get a reminder on `today` (Rules v2 §R), sorted */
  reminders: string[];
  /** target, trajectory and expected value of each indicator on `today` */
  targets: Record<IndicatorCode, TargetTruth>;
  /** how many rows of each injected kind (learner kinds, report kinds); for docs and tests */
  injected: Record<string, number>;
}

export interface GeneratedProvince {
  snapshot: Snapshot;
  truth: ProvinceTruth;
}

/** Settings written to `Cấu hình` (and used by the truth). Contacts are made up. */
export const GENERATED_SETTINGS = {
  deadlineDay: 25,
  remindBefore: [5, 2],
  remindAfter: [1],
  /** `Dung sai đối chiếu (%)` (REPORT_UNSUPPORTED) */
  evidenceTolerance: 10,
  /** `Dung sai tiến độ (điểm %)` (T of the trajectory) */
  progressTolerance: 10,
  /** `Mức tăng bất thường (%)` (REPORT_JUMP) */
  jumpPercent: 30,
  sheetUrl: 'https://docs.google.com/spreadsheets/d/EXAMPLE-bdhvs-demo/edit',
  phone: '0237 3 555 010',
};

/** Rules v2 §I names (the generator's own literals: the oracle does not read schema.ts for them). */
export const TARGET_NAMES: Record<IndicatorCode, string> = {
  CBCCVC: 'CB, CC, VC, NLĐ được bồi dưỡng kỹ năng số',
  HSSV: 'Học sinh, sinh viên được trang bị kiến thức, kỹ năng số',
  NGUOI_DAN: 'Người dân trưởng thành có tri thức, kỹ năng số cơ bản',
  VNEID: 'Người dân trưởng thành được xác nhận đạt phổ cập kỹ năng số trên VNeID',
  NLD_DN: 'NLĐ doanh nghiệp, HTX có kiến thức, kỹ năng số',
  AI_CCVC: 'CB, CC, VC, NLĐ được bồi dưỡng về AI',
};

/** Rules v2 §I default targets: 2025 (and earlier), 2026 and later. */
export function defaultTargets(year: number): Record<IndicatorCode, number | null> {
  return year <= 2025
    ? { CBCCVC: 80, HSSV: 100, NGUOI_DAN: 80, VNEID: 40, NLD_DN: 80, AI_CCVC: null }
    : { CBCCVC: 100, HSSV: 100, NGUOI_DAN: 100, VNEID: 60, NLD_DN: 100, AI_CCVC: 100 };
}

/** Rules v2 §I default end: 30/11/2026 for the five course indicators in 2026, else 31/12. */
function defaultEnd(year: number, code: IndicatorCode): number {
  return year === 2026 && code !== 'VNEID' ? dayNumber(2026, 11, 30) : dayNumber(year, 12, 31);
}

interface TargetPlan {
  target: number | null;
  start: number;
  end: number;
  baseline: number;
  /** write Mốc hoàn thành (else the cell is blank and the default applies) */
  writeEnd: boolean;
}

const COUNT_KEYS: (keyof LearnerCounts)[] = ['rows', 'valid', 'invalid', 'duplicates', 'completed', 'inProgress', 'notStarted'];

interface Resolved {
  seed: number;
  units: number;
  learners: number;
  today: { y: number; m: number; d: number };
  todayText: string;
  errorRate: number;
  unitTabs: number;
  platform: boolean;
  province: { code: string; name: string };
}

function resolve(o: GenerateOptions): Resolved {
  const int = (v: number | undefined, def: number, name: string, min: number): number => {
    const x = v ?? def;
    if (!Number.isInteger(x) || x < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${x}`);
    return x;
  };
  const todayText = o.today ?? DEMO_TODAY;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(todayText);
  if (!m) throw new RangeError(`today must be YYYY-MM-DD, got "${todayText}"`);
  const today = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (today.m < 1 || today.m > 12 || today.d < 1 || today.d > daysInMonth(today.y, today.m) || today.y < 2021 || today.y > 2099)
    throw new RangeError(`today must be a real date between 2021 and 2099, got "${todayText}"`);
  const errorRate = o.errorRate ?? 0.03;
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`errorRate must be between 0 and 1, got ${errorRate}`);
  const province = o.province ?? { code: '038', name: 'Thanh Hóa' };
  if (!PROVINCE_CODES.includes(province.code)) throw new RangeError(`province.code must be a province code of Circular 07/2016, got "${province.code}"`);
  const seed = o.seed ?? 1;
  if (!isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return {
    seed,
    units: int(o.units, 250, 'units', 1),
    learners: int(o.learners, 20000, 'learners', 0),
    today,
    todayText,
    errorRate,
    unitTabs: int(o.unitTabs, 3, 'unitTabs', 0),
    platform: o.platform ?? true,
    province,
  };
}

/** Build the synthetic workbook and its truth. Same options → deep-equal result. */
export function generateProvince(options: GenerateOptions = {}): GeneratedProvince {
  const o = resolve(options);
  const rng = new Rng(o.seed);
  const { today } = o;
  const Y = today.y;
  const S = GENERATED_SETTINGS;

  // Targets of today's year and the trajectory (Rules v2 §I). The Thanh Hóa demo (seed 001):
  // VNeID 80 %, the courses end 30/11/2026, VNeID 31/12/2026, all written out. Elsewhere: the
  // default targets, Mốc hoàn thành left blank (the default end applies).
  const thanhHoa = o.province.code === '038' && Y === 2026;
  const defaults = defaultTargets(Y);
  const plans = {} as Record<IndicatorCode, TargetPlan>;
  for (const code of INDICATORS) {
    const target = thanhHoa && code === 'VNEID' ? 80 : defaults[code];
    plans[code] = { target, start: dayNumber(Y, 1, 1), end: defaultEnd(Y, code), baseline: 0, writeEnd: thanhHoa };
  }
  const todayDay = dayNumber(today.y, today.m, today.d);
  const deadlineDay = Math.min(S.deadlineDay, daysInMonth(today.y, today.m));
  const deadlineNum = dayNumber(today.y, today.m, deadlineDay);
  /** share of the period elapsed, as a fraction num/den (Rules v2 §I) */
  const shareOf = (t: TargetPlan): [number, number] => {
    const D = t.end - t.start;
    if (D <= 0) return [todayDay >= t.end ? 1 : 0, 1];
    return [Math.min(D, Math.max(0, todayDay - t.start)), D];
  };

  const unitRng = rng.fork();
  const learnerRng = rng.fork();
  const reportRng = rng.fork();
  const sheetRng = rng.fork();

  const { units, keys } = buildUnits(unitRng, o.units, o.province.name, o.learners);
  const slug =
    foldDiacritics(o.province.name)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '') || 'tinh';
  const L = generateLearners({
    rng: learnerRng,
    units,
    keys,
    learners: o.learners,
    errorRate: o.errorRate,
    unitTabs: o.unitTabs,
    platform: o.platform,
    todayYear: Y,
    today,
    todayDay,
    windows: COUNT_INDICATOR.map((c) => ({ start: plans[c].start, end: plans[c].end })),
    ownProvince: o.province.code,
    domainSlug: slug,
  });
  // Denominators of the groups a unit lists: its listed staff / students / workers and a few more
  // (the registry counts everyone; the sheet lists nearly everyone).
  const denRng = sheetRng.fork();
  for (const u of units) {
    for (const [d, g] of [
      [D_CB, G_CB],
      [D_HSSV, G_HS],
      [D_NLD, G_DN],
    ]) {
      const valid = L.validByGroup[u.index * GROUP_COUNT + g];
      if (u.den[d] !== null && valid > 0) u.den[d] = valid + Math.floor(valid * denRng.real(0, 0.03));
    }
  }
  const R = generateReports({
    rng: reportRng,
    units,
    keys,
    validByGroup: L.validByGroup,
    evidence: L.evidence,
    learnerError: L.unitError,
    today,
    deadlineDay,
    jumpPercent: S.jumpPercent,
    evidenceTolerance: S.evidenceTolerance,
  });

  // ---- Workbook, in tab order
  const sheets: SheetSnapshot[] = [configSheet(o, sheetRng), targetsSheet(Y, plans), unitsSheet(units), ...L.sheets, R.sheet];
  if (L.platformSheet) sheets.push(L.platformSheet);

  // ---- Truth
  const statusOf = (num: number | null, den: number | null, t: TargetPlan): TruthStatus => {
    if (t.target === null || num === null || den === null || den <= 0) return 'no_data';
    if (num * 100 >= t.target * den) return 'met';
    const [e, d] = shareOf(t);
    // num/den × 100 ≥ baseline + (target − baseline) × e/d − T, in integers
    if (num * 100 * d >= (t.baseline * d + (t.target - t.baseline) * e - S.progressTolerance * d) * den) return 'on_track';
    return 'behind';
  };
  const afterDeadline = todayDay > deadlineNum;
  const dueWindow = Math.max(0, ...S.remindBefore);
  const unitTruth: Record<string, UnitTruth> = {};
  const prov: Partial<Record<IndicatorCode, { numerator: number; denominator: number; reported: number; evidenced: number | null }>> = {};
  const unitIssues: { unit: string; code: TruthIssueCode }[] = [];
  let submitted = 0;
  let onTime = 0;
  const reminderDays = new Set([...S.remindBefore.map((d) => deadlineNum - d), ...S.remindAfter.map((d) => deadlineNum + d)]);
  const isReminderDate = reminderDays.has(todayDay);
  const reminders: string[] = [];
  for (const u of units) {
    const rep = R.perUnit[u.index];
    const indicators: Partial<Record<IndicatorCode, IndicatorTruth>> = {};
    for (const code of INDICATORS) {
      const j = COUNT_INDICATOR.indexOf(code);
      const den = u.den[COUNT_DENOMINATOR[j]];
      const reported = rep.latest ? rep.latest[j] : null;
      const evidenced = learnerEvidenced(j, u.type) ? L.evidence[u.index * COUNT_COLUMNS + j] : null;
      let num: number | null = null;
      let source: IndicatorTruth['source'] = null;
      if (reported !== null) {
        num = reported;
        source = 'report';
      } else if (evidenced !== null && (L.validByGroup[u.index * GROUP_COUNT + COUNT_FALLBACK_GROUP[j]] > 0 || evidenced > 0)) {
        num = evidenced;
        source = 'learners';
      }
      if (den !== null) {
        const p = (prov[code] ??= { numerator: 0, denominator: 0, reported: 0, evidenced: null });
        p.numerator += num ?? 0;
        p.denominator += den;
        p.reported += reported ?? 0;
        if (evidenced !== null) p.evidenced = (p.evidenced ?? 0) + evidenced;
      }
      if (den === null && num === null) continue;
      indicators[code] = { numerator: num, denominator: den, source, status: statusOf(num, den, plans[code]), reported, evidenced };
    }
    const reasons: TruthReason[] = [];
    if (!rep.submitted && afterDeadline) reasons.push('REPORT_MISSING');
    if (!rep.submitted && !afterDeadline && deadlineNum - todayDay <= dueWindow) reasons.push('REPORT_DUE_SOON');
    if (INDICATORS.some((c) => indicators[c]?.status === 'behind')) reasons.push('BELOW_TRAJECTORY');
    if (rep.unsupported) reasons.push('REPORT_UNSUPPORTED');
    if (L.unitError[u.index] === 1 || rep.error) reasons.push('DATA_ERRORS');
    if (!rep.submitted && afterDeadline) unitIssues.push({ unit: u.code, code: 'REPORT_MISSING' });
    if (rep.submitted) submitted++;
    if (rep.submitted && !rep.late) onTime++;
    if (isReminderDate && reasons.length > 0 && u.email !== '') reminders.push(u.code);
    unitTruth[u.code] = {
      learners: countsAt(L.counts, u.index),
      submitted: rep.submitted,
      late: rep.late,
      reasons,
      indicators,
      reminderKind: reminderKindOf(reasons),
    };
  }
  const provinceIndicators: ProvinceTruth['province']['indicators'] = {};
  for (const code of INDICATORS) if (prov[code]) provinceIndicators[code] = prov[code];
  const provinceLearners = {} as LearnerCounts;
  COUNT_KEYS.forEach((k, i) => (provinceLearners[k] = L.counts[i].reduce((a, b) => a + b, 0)));

  const order = new Map(sheets.map((s, i) => [s.name, i]));
  const rowIssues: RowIssue[] = [...L.rowIssues, ...R.rowIssues];
  rowIssues.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const targets = {} as Record<IndicatorCode, TargetTruth>;
  for (const code of INDICATORS) {
    const t = plans[code];
    const [e, d] = shareOf(t);
    targets[code] = {
      target: t.target,
      expected: t.target === null ? null : t.baseline + ((t.target - t.baseline) * e) / d,
      baseline: t.baseline,
      start: dayText(t.start),
      end: dayText(t.end),
    };
  }

  const truth: ProvinceTruth = {
    today: o.todayText,
    period: `${today.y}-${pad2(today.m)}`,
    deadline: `${today.y}-${pad2(today.m)}-${pad2(deadlineDay)}`,
    units: unitTruth,
    province: {
      learners: provinceLearners,
      indicators: provinceIndicators,
      completeness: { expected: units.length, submitted, onTime },
    },
    rowIssues,
    unitIssues,
    duplicateGroups: L.duplicateGroups,
    reminders: reminders.sort(),
    targets,
    injected: { ...L.injected, ...R.injected },
  };
  return { snapshot: { sheets }, truth };
}

/** Rules v2 §R: QUA_HAN, TRUOC_HAN, CHAT_LUONG, TIEN_DO in that order of precedence. */
export function reminderKindOf(reasons: TruthReason[]): TruthReminderKind | null {
  if (reasons.includes('REPORT_MISSING')) return 'QUA_HAN';
  if (reasons.includes('REPORT_DUE_SOON')) return 'TRUOC_HAN';
  if (reasons.includes('DATA_ERRORS') || reasons.includes('REPORT_UNSUPPORTED')) return 'CHAT_LUONG';
  if (reasons.includes('BELOW_TRAJECTORY')) return 'TIEN_DO';
  return null;
}

function countsAt(counts: Int32Array[], slot: number): LearnerCounts {
  const out = {} as LearnerCounts;
  COUNT_KEYS.forEach((k, i) => (out[k] = counts[i][slot]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settings, targets, registry

function configSheet(o: Resolved, rng: Rng): SheetSnapshot {
  const S = GENERATED_SETTINGS;
  const K = CONFIG_KEYS;
  const contact = 'Lê Thị Thu Hằng'; // made up
  const values: Cell[][] = [
    ['Tham số', 'Giá trị', 'Ghi chú'],
    [K.departmentName.label, `Sở Khoa học và Công nghệ tỉnh ${o.province.name}`, 'Tên cơ quan chủ trì, hiện trong bản tổng hợp và thư nhắc.'],
    [K.deadlineDay.label, String(S.deadlineDay), 'Ngày trong tháng là hạn cập nhật báo cáo.'],
    [K.remindBefore.label, S.remindBefore.join(', '), 'Số ngày trước hạn gửi thư nhắc.'],
    [K.remindAfter.label, S.remindAfter.join(', '), 'Số ngày sau hạn gửi thư nhắc quá hạn.'],
    [K.digestEmails.label, 'giamdoc.skhcn@example.gov.vn, vanphong.skhcn@example.gov.vn', 'Email nhận bản tổng hợp hằng tuần.'],
    [K.contactName.label, contact, 'Cán bộ đầu mối của Sở.'],
    [K.contactEmail.label, `chuyendoiso.skhcn${rng.between(1, 9)}@example.gov.vn`, 'Email trả lời thư nhắc.'],
    [K.contactPhone.label, S.phone, 'Số điện thoại của cán bộ đầu mối Sở.'],
    [K.sheetUrl.label, S.sheetUrl, 'Đường dẫn của bảng tính dùng chung.'],
    [K.dryRun.label, 'Không', '“Có”: chỉ ghi nhật ký, không gửi thư thật.'],
    [K.evidenceTolerance.label, String(S.evidenceTolerance), 'Dung sai (%) khi đối chiếu số báo cáo với danh sách học viên.'],
    [K.progressTolerance.label, String(S.progressTolerance), 'Số điểm % được phép thấp hơn tiến độ kỳ vọng.'],
    [K.jumpThreshold.label, String(S.jumpPercent), 'Mức tăng trong một tháng (% mẫu số) được coi là bất thường.'],
  ];
  return { name: SHEET.config, values };
}

/** `Chỉ tiêu` of Rules v2: Mã | Tên | Mục tiêu (%) | Năm | Mốc hoàn thành | Ngày bắt đầu | Tỷ lệ đầu kỳ (%). */
function targetsSheet(year: number, plans: Record<IndicatorCode, TargetPlan>): SheetSnapshot {
  const values: Cell[][] = [['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành', 'Ngày bắt đầu', 'Tỷ lệ đầu kỳ (%)']];
  const dateCell = (day: number): Date => {
    const t = new Date(day * 86400000);
    return vnDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  };
  for (const code of INDICATORS) {
    const t = plans[code];
    if (t.target === null) continue; // no target that year (AI_CCVC in 2025)
    values.push([code, TARGET_NAMES[code], t.target, year, t.writeEnd ? dateCell(t.end) : '', dateCell(t.start), t.baseline]);
  }
  return { name: SHEET.targets, values };
}

function unitsSheet(units: GUnit[]): SheetSnapshot {
  // The optional Nhóm mặc định column is left out: its rule is tested by hand-made workbooks.
  const values: Cell[][] = [UNITS_TABLE.columns.filter((c) => c.field !== 'defaultGroup').map((c) => c.header)];
  for (const u of units) {
    values.push([u.code, u.name, UNIT_TYPE_LABELS[u.type], u.contact, u.email, u.phone, ...u.den.map((d) => (d === null ? '' : d))]);
  }
  return { name: SHEET.units, values };
}
