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
import {
  CONFIG_KEYS, DEFAULT_TARGETS, INDICATORS, INDICATOR_NAMES, SHEET, TARGETS_TABLE, UNITS_TABLE, UNIT_TYPE_LABELS,
} from './schema';
import type {
  Cell, IndicatorCode, IndicatorStatus, IssueCode, LaggardReason, LearnerCounts, SheetSnapshot, Snapshot,
} from './types';
import {
  COUNT_DENOMINATOR, COUNT_GROUP, COUNT_INDICATOR, GROUP_COUNT, dayNumber, daysInMonth, pad2, vnDate,
  type GUnit, type RowIssue,
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

export interface IndicatorTruth {
  numerator: number | null;
  denominator: number | null;
  source: 'report' | 'learners' | null;
  status: IndicatorStatus;
}

export interface UnitTruth {
  /** docs/rules.md §3 counts of the rows that belong to the unit */
  learners: LearnerCounts;
  submitted: boolean;
  late: boolean;
  /** in the order REPORT_MISSING, REPORT_DUE_SOON, BELOW_TRAJECTORY, DATA_ERRORS */
  reasons: LaggardReason[];
  indicators: Partial<Record<IndicatorCode, IndicatorTruth>>;
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
    /** Σ numerators / Σ denominators over the units that have the denominator */
    indicators: Partial<Record<IndicatorCode, { numerator: number; denominator: number }>>;
    completeness: { expected: number; submitted: number; onTime: number };
  };
  /**
   * Every issue the engine must report about a row: exhaustive, one entry per issue, sorted by
   * sheet order, then row, then code. (The generator never puts two issues with the same code on
   * one row.)
   */
  rowIssues: { sheet: string; row: number; code: IssueCode }[];
  /** Issues about a unit (REPORT_MISSING), in registry order. */
  unitIssues: { unit: string; code: IssueCode }[];
  /** distinct CCCDs that occur on more than one learner row */
  duplicateGroups: number;
  /** unit codes that get a reminder on `today` (docs/rules.md §6), sorted */
  reminders: string[];
  /** the target and expected value (percent, exact) of each indicator on `today` */
  targets: Record<IndicatorCode, { target: number; expected: number }>;
  /** how many rows of each injected kind (learner kinds, report kinds); for docs and tests */
  injected: Record<string, number>;
}

export interface GeneratedProvince {
  snapshot: Snapshot;
  truth: ProvinceTruth;
}

/** Settings written to `Cấu hình` (and used by the truth). */
export const GENERATED_SETTINGS = {
  deadlineDay: 25,
  remindBefore: [5, 2],
  remindAfter: [1],
  evidenceTolerance: 10,
};

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

  // Targets of today's year and the elapsed share (docs/rules.md §5).
  const targetsByCode = DEFAULT_TARGETS[Y] ?? DEFAULT_TARGETS[Y < 2025 ? 2025 : 2026];
  const start = dayNumber(Y, 1, 1);
  const totalDays = dayNumber(Y, 12, 31) - start;
  const todayDay = dayNumber(today.y, today.m, today.d);
  const elapsed = Math.min(totalDays, Math.max(0, todayDay - start));
  const deadlineDay = Math.min(S.deadlineDay, daysInMonth(today.y, today.m));
  const deadlineNum = dayNumber(today.y, today.m, deadlineDay);

  const unitRng = rng.fork();
  const learnerRng = rng.fork();
  const reportRng = rng.fork();
  const sheetRng = rng.fork();

  const { units, keys } = buildUnits(unitRng, o.units, o.province.name, o.learners);
  const slug = foldDiacritics(o.province.name).toLowerCase().replace(/[^a-z0-9]/g, '') || 'tinh';
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
    ownProvince: o.province.code,
    domainSlug: slug,
  });
  const R = generateReports({
    rng: reportRng,
    units,
    keys,
    validByGroup: L.validByGroup,
    doneByGroup: L.doneByGroup,
    learnerError: L.unitError,
    today,
    deadlineDay,
    targets: COUNT_INDICATOR.map((c) => targetsByCode[c]),
    elapsed,
    totalDays,
  });

  // ---- Workbook, in tab order
  const sheets: SheetSnapshot[] = [
    configSheet(o, sheetRng),
    targetsSheet(Y, targetsByCode),
    unitsSheet(units),
    ...L.sheets,
    R.sheet,
  ];
  if (L.platformSheet) sheets.push(L.platformSheet);

  // ---- Truth
  const statusOf = (num: number | null, den: number | null, target: number): IndicatorStatus => {
    if (num === null || den === null || den <= 0) return 'no_data';
    if (num * 100 >= target * den) return 'met';
    if (num * 100 * totalDays >= target * elapsed * den) return 'on_track';
    return 'behind';
  };
  const afterDeadline = todayDay > deadlineNum;
  const dueWindow = Math.max(0, ...S.remindBefore);
  const unitTruth: Record<string, UnitTruth> = {};
  const provNum: Partial<Record<IndicatorCode, number>> = {};
  const provDen: Partial<Record<IndicatorCode, number>> = {};
  const unitIssues: { unit: string; code: IssueCode }[] = [];
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
      const g = COUNT_GROUP[j];
      const reported = rep.latest ? rep.latest[j] : null;
      let num: number | null = null;
      let source: IndicatorTruth['source'] = null;
      if (reported !== null) {
        num = reported;
        source = 'report';
      } else if (g >= 0 && L.validByGroup[u.index * GROUP_COUNT + g] > 0) {
        num = L.doneByGroup[u.index * GROUP_COUNT + g];
        source = 'learners';
      }
      if (den !== null) {
        provNum[code] = (provNum[code] ?? 0) + (num ?? 0);
        provDen[code] = (provDen[code] ?? 0) + den;
      }
      if (den === null && num === null) continue;
      indicators[code] = { numerator: num, denominator: den, source, status: statusOf(num, den, targetsByCode[code]) };
    }
    const reasons: LaggardReason[] = [];
    if (!rep.submitted && afterDeadline) reasons.push('REPORT_MISSING');
    if (!rep.submitted && !afterDeadline && deadlineNum - todayDay <= dueWindow) reasons.push('REPORT_DUE_SOON');
    if (INDICATORS.some((c) => indicators[c]?.status === 'behind')) reasons.push('BELOW_TRAJECTORY');
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
    };
  }
  const provinceIndicators: Partial<Record<IndicatorCode, { numerator: number; denominator: number }>> = {};
  for (const code of INDICATORS) {
    if (provDen[code] !== undefined) provinceIndicators[code] = { numerator: provNum[code]!, denominator: provDen[code]! };
  }
  const provinceLearners = {} as LearnerCounts;
  COUNT_KEYS.forEach((k, i) => (provinceLearners[k] = L.counts[i].reduce((a, b) => a + b, 0)));

  const order = new Map(sheets.map((s, i) => [s.name, i]));
  const rowIssues: RowIssue[] = [...L.rowIssues, ...R.rowIssues];
  rowIssues.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const targets = {} as Record<IndicatorCode, { target: number; expected: number }>;
  for (const code of INDICATORS) targets[code] = { target: targetsByCode[code], expected: (targetsByCode[code] * elapsed) / totalDays };

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
  const contact = 'Lê Thị Thu Hằng';
  const values: Cell[][] = [
    ['Tham số', 'Giá trị', 'Ghi chú'],
    [K.departmentName.label, `Sở Khoa học và Công nghệ tỉnh ${o.province.name}`, 'Tên cơ quan chủ trì, hiện trong bản tổng hợp và thư nhắc.'],
    [K.deadlineDay.label, String(S.deadlineDay), 'Ngày trong tháng là hạn cập nhật báo cáo.'],
    [K.remindBefore.label, S.remindBefore.join(', '), 'Số ngày trước hạn gửi thư nhắc.'],
    [K.remindAfter.label, S.remindAfter.join(', '), 'Số ngày sau hạn gửi thư nhắc quá hạn.'],
    [K.digestEmails.label, 'giamdoc.skhcn@example.gov.vn, vanphong.skhcn@example.gov.vn', 'Email nhận bản tổng hợp hằng tuần.'],
    [K.contactName.label, contact, 'Cán bộ đầu mối của Sở.'],
    [K.contactEmail.label, `chuyendoiso.skhcn${rng.between(1, 9)}@example.gov.vn`, 'Email trả lời thư nhắc.'],
    [K.contactPhone.label, '0237 3852 000', 'Số điện thoại của cán bộ đầu mối Sở.'],
    [K.sheetUrl.label, 'https://example.gov.vn/bdhvs/bang-tinh-dung-chung', 'Đường dẫn của bảng tính dùng chung.'],
    [K.dryRun.label, 'Không', '“Có”: chỉ ghi nhật ký, không gửi thư thật.'],
    [K.evidenceTolerance.label, String(S.evidenceTolerance), 'Dung sai (%) khi đối chiếu số báo cáo với danh sách học viên.'],
  ];
  return { name: SHEET.config, values };
}

function targetsSheet(year: number, targets: Record<IndicatorCode, number>): SheetSnapshot {
  const values: Cell[][] = [TARGETS_TABLE.columns.map((c) => c.header)];
  for (const code of INDICATORS) values.push([code, INDICATOR_NAMES[code], targets[code], year, vnDate(year, 12, 31)]);
  return { name: SHEET.targets, values };
}

function unitsSheet(units: GUnit[]): SheetSnapshot {
  const values: Cell[][] = [UNITS_TABLE.columns.map((c) => c.header)];
  for (const u of units) {
    values.push([u.code, u.name, UNIT_TYPE_LABELS[u.type], u.contact, u.email, u.phone, ...u.den.map((d) => (d === null ? '' : d))]);
  }
  return { name: SHEET.units, values };
}
