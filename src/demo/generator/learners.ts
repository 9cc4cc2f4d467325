/**
 * Learner sheets of the synthetic province (`Học viên` and the per-unit tabs) and the platform
 * export (`Kết quả nền tảng`), with their truth: per-row issues, per-unit counts (docs/rules.md §3).
 *
 * Hot loop: up to 1,000,000 rows. Rows are plain arrays; name strings are cached per name id;
 * CCCDs are unique by construction (a bijective serial per province/century/year bucket); the
 * "same name and birth year in a unit" guard is a numeric hash set; no per-row closures.
 */
import { GROUP_LABELS, LEARNERS_TABLE, PLATFORM_TABLE, SEVERITY, STATUS_LABELS, createNumberSet, type NumberSet } from '../../core';
import type { Cell, SheetSnapshot, UnitType } from '../../core';
import {
  COUNT_COLUMNS,
  G_CB,
  G_DN,
  G_HS,
  G_ND,
  GROUP_COLUMN,
  GROUP_COUNT,
  MAX_AGE,
  TYPE_DEFAULT_GROUP,
  pad2,
  vnDate,
  vnDateOfDay,
  type GUnit,
  type RowIssue,
  type TruthIssueCode,
} from './common';
import {
  P_AI,
  P_CB,
  PROGRAMME_COLUMN,
  PROGRAMME_NAMES,
  GROUP_PROGRAMME,
  UNMAPPED_LEARNER_COURSE,
  UNMAPPED_PLATFORM_COURSE,
  programmeSpelling,
} from './courses';
import {
  DEPARTMENTS,
  FAMILY,
  GIVEN,
  LEGACY_TCVN3,
  LEGACY_VNI,
  MIDDLE,
  NAME_SPACE,
  ONE_WORD,
  PROVINCE_CODES,
  UNKNOWN_UNITS,
  encodeTcvn3,
  encodeVni,
  foldDiacritics,
} from './names';
import type { Rng } from './prng';
import type { KeyRegistry } from './units';

// ---------------------------------------------------------------------------------------------
// Columns and layouts

const F_STT = 0,
  F_NAME = 1,
  F_EMAIL = 2,
  F_CCCD = 3,
  F_DEPT = 4,
  F_UNIT = 5,
  F_GROUP = 6,
  F_PROGRAM = 7,
  F_STATUS = 8,
  F_BIRTH = 9,
  F_GENDER = 10;
const FIELD_IDS = ['stt', 'name', 'email', 'cccd', 'department', 'unit', 'group', 'program', 'status', 'birth', 'gender'];
const FIELD_COUNT = FIELD_IDS.length;

function canonical(field: number): string {
  return LEARNERS_TABLE.columns.find((c) => c.field === FIELD_IDS[field])!.header;
}

interface Layout {
  headers: string[];
  /** field → 0-based column, -1 when the sheet has no such column */
  col: number[];
  /** a row of '' of the layout's width */
  blank: Cell[];
  /** title rows above the header */
  titles: number;
}

function makeLayout(spec: (number | [number, string])[], titles: number): Layout {
  const col = new Array<number>(FIELD_COUNT).fill(-1);
  const headers = spec.map((s, i) => {
    const [f, h] = typeof s === 'number' ? [s, canonical(s)] : s;
    col[f] = i;
    return h;
  });
  return { headers, col, blank: headers.map(() => ''), titles };
}

/** `Học viên`: every column of the template, canonical headers, two title rows above. */
const MAIN_LAYOUT = makeLayout([F_STT, F_NAME, F_EMAIL, F_CCCD, F_DEPT, F_UNIT, F_GROUP, F_PROGRAM, F_STATUS, F_BIRTH, F_GENDER], 2);
/** Unit tab with aliases, other case/diacritics and another column order (one title row). */
const ALIAS_LAYOUT = makeLayout(
  [
    [F_STT, 'TT'],
    [F_CCCD, 'SỐ CCCD'],
    [F_NAME, 'Họ tên'],
    [F_GROUP, 'Đối tượng'],
    [F_DEPT, 'Phong ban'],
    [F_UNIT, 'Cơ quan, đơn vị'],
    [F_EMAIL, 'Thư điện tử'],
    [F_STATUS, 'Tình trạng'],
  ],
  1,
);
/** Unit tab: the brief's ten columns. */
const FULL_LAYOUT = makeLayout([F_STT, F_NAME, F_EMAIL, F_CCCD, F_DEPT, F_UNIT, F_GROUP, F_STATUS, F_BIRTH, F_GENDER], 0);
/** Unit tab without the optional Ngày sinh / Giới tính / Chương trình columns. */
const SHORT_LAYOUT = makeLayout([F_STT, F_NAME, F_EMAIL, F_CCCD, F_DEPT, F_UNIT, F_GROUP, F_STATUS], 0);
const TAB_LAYOUTS = [ALIAS_LAYOUT, FULL_LAYOUT, SHORT_LAYOUT];

export const LEARNER_TITLE_PREFIX = 'DANH SÁCH HỌC VIÊN THAM GIA KHÓA HỌC TRÊN NỀN TẢNG “BÌNH DÂN HỌC VỤ SỐ” NĂM ';

// ---------------------------------------------------------------------------------------------
// Injected kinds

export interface KindSpec {
  id: string;
  codes: TruthIssueCode[];
  /** relative frequency among injected rows */
  weight: number;
  /** where the row can go ('truong': a row of a unit of type Trường) */
  where: 'any' | 'main' | 'tab' | 'birth' | 'gender' | 'truong';
  /** needs an earlier clean row to copy from */
  ref: boolean;
}

/** Index 0 is "clean". Order = priority when the error budget is smaller than the list. */
export const KINDS: KindSpec[] = [
  { id: 'CLEAN', codes: [], weight: 0, where: 'any', ref: false },
  { id: 'NAME_MISSING', codes: ['NAME_MISSING'], weight: 3, where: 'any', ref: false },
  { id: 'NAME_LEGACY_TCVN3', codes: ['NAME_LEGACY_ENCODING'], weight: 2, where: 'any', ref: false },
  { id: 'NAME_LEGACY_VNI', codes: ['NAME_LEGACY_ENCODING'], weight: 2, where: 'any', ref: false },
  { id: 'NAME_FORMAT_MIXED', codes: ['NAME_FORMAT'], weight: 6, where: 'any', ref: false },
  { id: 'NAME_FORMAT_LOWER', codes: ['NAME_FORMAT'], weight: 3, where: 'any', ref: false },
  { id: 'NAME_FORMAT_DIGITS', codes: ['NAME_FORMAT'], weight: 1, where: 'any', ref: false },
  { id: 'NAME_FORMAT_NFD', codes: ['NAME_FORMAT'], weight: 3, where: 'any', ref: false },
  { id: 'NAME_FORMAT_ONE_WORD', codes: ['NAME_FORMAT'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_MISSING', codes: ['CCCD_MISSING'], weight: 4, where: 'any', ref: false },
  { id: 'CCCD_FORMAT_11_DIGITS', codes: ['CCCD_FORMAT'], weight: 3, where: 'any', ref: false },
  { id: 'CCCD_FORMAT_LETTERS', codes: ['CCCD_FORMAT'], weight: 2, where: 'any', ref: false },
  { id: 'CCCD_OLD_CMND_TEXT', codes: ['CCCD_OLD_CMND'], weight: 2, where: 'any', ref: false },
  { id: 'CCCD_OLD_CMND_NUMBER', codes: ['CCCD_OLD_CMND'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_PRECISION_LOST_TEXT', codes: ['CCCD_PRECISION_LOST'], weight: 3, where: 'any', ref: false },
  { id: 'CCCD_PRECISION_LOST_NUMBER', codes: ['CCCD_PRECISION_LOST'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_NUMERIC_CELL', codes: ['CCCD_NUMERIC_CELL'], weight: 9, where: 'any', ref: false },
  { id: 'CCCD_PROVINCE', codes: ['CCCD_PROVINCE'], weight: 2, where: 'any', ref: false },
  { id: 'CCCD_CENTURY', codes: ['CCCD_CENTURY'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_AGE_YOUNG_OFFICIAL', codes: ['CCCD_AGE'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_AGE_YOUNG_ADULT', codes: ['CCCD_AGE'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_AGE_OVER_120', codes: ['CCCD_AGE'], weight: 1, where: 'any', ref: false },
  { id: 'CCCD_MISMATCH_GENDER', codes: ['CCCD_MISMATCH'], weight: 2, where: 'gender', ref: false },
  { id: 'CCCD_MISMATCH_YEAR', codes: ['CCCD_MISMATCH'], weight: 2, where: 'birth', ref: false },
  { id: 'EMAIL_FORMAT', codes: ['EMAIL_FORMAT'], weight: 2, where: 'any', ref: false },
  { id: 'EMAIL_TYPO', codes: ['EMAIL_TYPO'], weight: 4, where: 'any', ref: false },
  { id: 'EMAIL_SHARED', codes: ['EMAIL_SHARED'], weight: 2, where: 'any', ref: true },
  { id: 'GROUP_UNKNOWN', codes: ['GROUP_UNKNOWN'], weight: 2, where: 'any', ref: false },
  { id: 'STATUS_UNKNOWN', codes: ['STATUS_UNKNOWN'], weight: 2, where: 'any', ref: false },
  { id: 'UNIT_MISSING', codes: ['UNIT_MISSING'], weight: 3, where: 'main', ref: false },
  { id: 'UNIT_UNKNOWN_NAME', codes: ['UNIT_UNKNOWN'], weight: 2, where: 'main', ref: false },
  { id: 'UNIT_UNKNOWN_NEAR_MISS', codes: ['UNIT_UNKNOWN'], weight: 2, where: 'main', ref: false },
  { id: 'CCCD_DUPLICATE_SAME_SHEET', codes: ['CCCD_DUPLICATE'], weight: 5, where: 'any', ref: true },
  { id: 'CCCD_DUPLICATE_OTHER_SHEET', codes: ['CCCD_DUPLICATE'], weight: 2, where: 'tab', ref: true },
  { id: 'CCCD_DUPLICATE_NUMBER_CELL', codes: ['CCCD_NUMERIC_CELL', 'CCCD_DUPLICATE'], weight: 1, where: 'any', ref: true },
  { id: 'CCCD_DUPLICATE_SPACED', codes: ['CCCD_DUPLICATE'], weight: 1, where: 'any', ref: true },
  { id: 'PERSON_POSSIBLE_DUPLICATE', codes: ['PERSON_POSSIBLE_DUPLICATE'], weight: 2, where: 'any', ref: true },
  // Rules v2: a teacher (30–60) listed at a school without a group → CBCCVC, GROUP_INFERRED
  { id: 'GROUP_INFERRED', codes: ['GROUP_INFERRED'], weight: 2, where: 'truong', ref: false },
  // Rules v2: Trạng thái "x" → complete, STATUS_AMBIGUOUS
  { id: 'STATUS_AMBIGUOUS', codes: ['STATUS_AMBIGUOUS'], weight: 2, where: 'any', ref: false },
];
const K = Object.fromEntries(KINDS.map((k, i) => [k.id, i])) as Record<string, number>;
const K_NAME_MISSING = K.NAME_MISSING,
  K_TCVN3 = K.NAME_LEGACY_TCVN3,
  K_VNI = K.NAME_LEGACY_VNI,
  K_MIXED = K.NAME_FORMAT_MIXED,
  K_LOWER = K.NAME_FORMAT_LOWER,
  K_DIGITS = K.NAME_FORMAT_DIGITS,
  K_NFD = K.NAME_FORMAT_NFD,
  K_ONE_WORD = K.NAME_FORMAT_ONE_WORD,
  K_CCCD_MISSING = K.CCCD_MISSING,
  K_SHORT = K.CCCD_FORMAT_11_DIGITS,
  K_LETTERS = K.CCCD_FORMAT_LETTERS,
  K_OLD_TEXT = K.CCCD_OLD_CMND_TEXT,
  K_OLD_NUMBER = K.CCCD_OLD_CMND_NUMBER,
  K_PREC_TEXT = K.CCCD_PRECISION_LOST_TEXT,
  K_PREC_NUMBER = K.CCCD_PRECISION_LOST_NUMBER,
  K_NUMERIC = K.CCCD_NUMERIC_CELL,
  K_PROVINCE = K.CCCD_PROVINCE,
  K_CENTURY = K.CCCD_CENTURY,
  K_AGE_OFFICIAL = K.CCCD_AGE_YOUNG_OFFICIAL,
  K_AGE_ADULT = K.CCCD_AGE_YOUNG_ADULT,
  K_AGE_OLD = K.CCCD_AGE_OVER_120,
  K_MIS_GENDER = K.CCCD_MISMATCH_GENDER,
  K_MIS_YEAR = K.CCCD_MISMATCH_YEAR,
  K_EMAIL_FORMAT = K.EMAIL_FORMAT,
  K_EMAIL_TYPO = K.EMAIL_TYPO,
  K_EMAIL_SHARED = K.EMAIL_SHARED,
  K_GROUP_UNKNOWN = K.GROUP_UNKNOWN,
  K_STATUS_UNKNOWN = K.STATUS_UNKNOWN,
  K_UNIT_MISSING = K.UNIT_MISSING,
  K_UNIT_UNKNOWN = K.UNIT_UNKNOWN_NAME,
  K_UNIT_NEAR = K.UNIT_UNKNOWN_NEAR_MISS,
  K_DUP_SAME = K.CCCD_DUPLICATE_SAME_SHEET,
  K_DUP_OTHER = K.CCCD_DUPLICATE_OTHER_SHEET,
  K_DUP_NUMBER = K.CCCD_DUPLICATE_NUMBER_CELL,
  K_DUP_SPACED = K.CCCD_DUPLICATE_SPACED,
  K_PPD = K.PERSON_POSSIBLE_DUPLICATE,
  K_INFER = K.GROUP_INFERRED,
  K_AMBIGUOUS = K.STATUS_AMBIGUOUS;
const REF_KINDS = KINDS.map((k, i) => (k.ref ? i : -1)).filter((i) => i > 0);
// a kind makes its row invalid when one of its codes is an error (the severity is the engine's rule)
const KIND_ERROR = KINDS.map((k) => k.codes.some((c) => SEVERITY[c] === 'error'));
const KIND_NO_UNIT = KINDS.map((_, i) => i === K_UNIT_MISSING || i === K_UNIT_UNKNOWN || i === K_UNIT_NEAR);

// ---------------------------------------------------------------------------------------------
// Cell vocabularies (canonical labels from schema.ts, some aliases)

const rep = <T>(x: T, n: number): T[] => new Array<T>(n).fill(x);
/** By group index G_CB, G_HS, G_DN, G_ND. */
/** The generic worker word, in the CBCCVC and NLD_DN lists: its group depends on the unit's type. */
const WORKER_CELL = 'Người lao động';
export const GROUP_CELLS: string[][] = [
  // 'Người lao động' at a unit that is not a Doanh nghiệp/HTX is CBCCVC (Rules v2 §G.1)
  [...rep(GROUP_LABELS.CBCCVC, 6), 'CBCCVC', 'Công chức', 'Viên chức', 'Cán bộ, công chức, viên chức', 'Người lao động'],
  [...rep(GROUP_LABELS.HSSV, 6), 'Học sinh', 'Sinh viên', 'HSSV'],
  [...rep(GROUP_LABELS.NLD_DN, 6), 'NLĐ doanh nghiệp', 'Người lao động', 'NLĐ DN'],
  [...rep(GROUP_LABELS.NGUOI_DAN, 6), 'Người dân trưởng thành', 'Công dân'],
];
/** 0 complete, 1 in progress, 2 not started. A blank status is "Không tham gia" (DESIGN.md). */
export const STATUS_CELLS: string[][] = [
  [...rep(STATUS_LABELS.HOAN_THANH, 8), 'Đã hoàn thành', 'Đạt', 'hoàn thành'],
  [...rep(STATUS_LABELS.CHUA_HOAN_THANH, 8), 'Đang học', 'Đang tham gia'],
  [...rep(STATUS_LABELS.KHONG_THAM_GIA, 6), 'Chưa tham gia', 'Chưa học', '', ''],
];
/**
 * Status spellings Rules v2 §S adds (words, booleans, numbers, percent text), by the same index;
 * used on ~4 % of clean rows.
 */
export const STATUS_CELLS_V2: Cell[][] = [
  ['Đã học xong', 'Học xong', 'Đã xong', 'HT', 'Xong', true, 1, 100, '100%', '100 %'],
  ['Không đạt', 'Chưa', 'Đã tham gia', 'Đang tham gia', 0.5, 45, '45%', '80 %'],
  [false, 0, '0%'],
];
export const UNKNOWN_GROUPS = ['Hưu trí', 'Cựu chiến binh', 'Hội viên phụ nữ', 'Tiểu thương'];
export const UNKNOWN_STATUSES = ['Đã đăng ký', 'Bỏ học giữa chừng', 'Tạm dừng', 'Chờ duyệt'];
const TYPO_DOMAINS = ['gmail.con', 'gmai.com', 'gmial.com'];
/** Age range of a clean learner per group (inside docs/rules.md's plausible ranges). */
const AGE_RANGE: [number, number][] = [
  [20, 60],
  [6, 24],
  [20, 60],
  [19, 80],
];
/** Group mix by unit type: [group, share] (the first is the unit type's default group). */
const GROUP_MIX: Record<UnitType, [number, number][]> = {
  SO_NGANH: [[G_CB, 1]],
  UBND_XA: [
    [G_ND, 0.65],
    [G_CB, 0.35],
  ],
  TRUONG: [
    [G_HS, 0.85],
    [G_CB, 0.15],
  ],
  DOANH_NGHIEP: [[G_DN, 1]],
  KHAC: [
    [G_CB, 0.75],
    [G_ND, 0.25],
  ],
};

// ---------------------------------------------------------------------------------------------

export interface LearnerInput {
  rng: Rng;
  units: GUnit[];
  keys: KeyRegistry;
  learners: number;
  errorRate: number;
  unitTabs: number;
  platform: boolean;
  todayYear: number;
  /** today's calendar date (for platform completion dates) */
  today: { y: number; m: number; d: number };
  /** today as a day number (common.ts dayNumber) */
  todayDay: number;
  /** per count column (C_*): the target period [start, end] as day numbers (Rules v2 §E(b)) */
  windows: { start: number; end: number }[];
  ownProvince: string;
  /** a slug for government e-mail domains, e.g. "thanhhoa" */
  domainSlug: string;
}

export interface LearnerOutput {
  /** learner sheets in tab order: `Học viên`, then the unit tabs */
  sheets: SheetSnapshot[];
  platformSheet: SheetSnapshot | null;
  rowIssues: RowIssue[];
  /** per unit slot (units.length = no unit): rows, valid, invalid, duplicates, completed, inProgress, notStarted */
  counts: Int32Array[];
  /** per unit × group: valid rows */
  validByGroup: Int32Array;
  /** per unit × count column (C_*): valid rows that are evidence for that indicator (Rules v2 §E (a)+(b)) */
  evidence: Int32Array;
  /** per unit: 1 when an error issue sits on one of its learner rows */
  unitError: Uint8Array;
  duplicateGroups: number;
  injected: Record<string, number>;
}

interface SheetPlan {
  name: string;
  layout: Layout;
  owner: number;
  start: number;
  count: number;
  values: Cell[][];
  /** units of the rows of `Học viên` (by data row) */
  slots: Int32Array | null;
  index: number;
}

// Read once: global lookups are slow inside vm contexts (jest). See prng.ts.
const imul = Math.imul;
const PROVINCE_NUMBERS = PROVINCE_CODES.map(Number);

const FLAG_CANDIDATE = 1;
const FLAG_USED = 2;
const RING = 256;

export function generateLearners(input: LearnerInput): LearnerOutput {
  return new LearnerWriter(input).run();
}

class LearnerWriter {
  private readonly rng: Rng;
  private readonly units: GUnit[];
  private readonly U: number;
  private readonly n: number;
  private readonly Y: number;
  private readonly ownProv: number;
  private readonly govDomain: string;
  private readonly plans: SheetPlan[] = [];
  private plan!: Uint8Array;
  private pending: Int32Array = new Int32Array(KINDS.length);
  private pendingTotal = 0;

  // per global row (only what references need)
  private rowSheet!: Uint8Array;
  private rowIdx!: Int32Array;
  private rowUnit!: Int32Array;
  private rowName!: Int32Array;
  private rowBirth!: Int16Array;
  private rowGroup!: Uint8Array;
  private rowFlags!: Uint8Array;
  private rings: Int32Array[] = [];
  private ringSize: number[] = [];
  private ringPos: number[] = [];
  private lastCand!: Int32Array;

  // uniqueness
  private readonly cccdCount = new Int32Array(1000 * 1000);
  private readonly cccdPrefix = new Map<number, string>();
  private readonly cccdSalt: number;
  private readonly persons: NumberSet;
  private emailSeq = 0;

  // name caches
  private readonly nameCache: string[] = [];
  private readonly foldCache: string[] = [];
  private readonly famTable: Int32Array;
  private readonly midBy: number[][];
  private readonly givenBy: number[][];

  // truth
  private readonly counts: Int32Array[];
  private readonly validByGroup: Int32Array;
  private readonly evidence: Int32Array;
  /** platform rows → 1: complete without a date (COMPLETION_DATE_MISSING), 2: unmapped course */
  private readonly platformMeta = new Map<Cell[], number>();
  private unmappedLearnerSeen = false;
  private unmappedPlatformSeen = false;
  private readonly unitError: Uint8Array;
  private readonly rowIssues: RowIssue[] = [];
  private readonly injected: Record<string, number> = {};
  private duplicateGroups = 0;
  private readonly platformRows: Cell[][] = [];

  // the person of the current row
  private pGender = 0;
  private pBirth = 0;
  private pBirthM = 1;
  private pBirthD = 1;
  private pNameId = 0;
  private pNameText = '';
  private pFold = '';
  private ref = -1;

  constructor(private readonly input: LearnerInput) {
    this.rng = input.rng;
    this.units = input.units;
    this.U = input.units.length;
    this.n = input.learners;
    this.Y = input.todayYear;
    this.ownProv = Number(input.ownProvince);
    this.govDomain = `${input.domainSlug}.gov.vn`;
    this.cccdSalt = this.rng.u32();
    this.persons = createNumberSet(Math.max(64, this.n + 16));
    const fam: number[] = [];
    FAMILY.forEach(([, w], i) => {
      for (let k = 0; k < w; k++) fam.push(i);
    });
    this.famTable = Int32Array.from(fam);
    this.midBy = [0, 1].map((g) => MIDDLE.map((m, i) => (m[1] === 'u' || m[1] === (g ? 'f' : 'm') ? i : -1)).filter((i) => i >= 0));
    this.givenBy = [0, 1].map((g) => GIVEN.map((m, i) => (m[1] === 'u' || m[1] === (g ? 'f' : 'm') ? i : -1)).filter((i) => i >= 0));
    const slots = this.U + 1;
    this.counts = [0, 1, 2, 3, 4, 5, 6].map(() => new Int32Array(slots));
    this.validByGroup = new Int32Array(slots * GROUP_COUNT);
    this.evidence = new Int32Array(slots * COUNT_COLUMNS);
    this.unitError = new Uint8Array(slots);
  }

  run(): LearnerOutput {
    this.planSheets();
    this.planInjections();
    this.rowSheet = new Uint8Array(this.n);
    this.rowIdx = new Int32Array(this.n);
    this.rowUnit = new Int32Array(this.n);
    this.rowName = new Int32Array(this.n);
    this.rowBirth = new Int16Array(this.n);
    this.rowGroup = new Uint8Array(this.n);
    this.rowFlags = new Uint8Array(this.n);
    this.lastCand = new Int32Array(this.U).fill(-1);
    for (const p of this.plans) {
      this.rings.push(new Int32Array(RING));
      this.ringSize.push(0);
      this.ringPos.push(0);
      this.writeSheet(p);
    }
    return {
      sheets: this.plans.map((p) => ({ name: p.name, values: p.values })),
      platformSheet: this.input.platform ? this.platformSheet() : null,
      rowIssues: this.rowIssues,
      counts: this.counts,
      validByGroup: this.validByGroup,
      evidence: this.evidence,
      unitError: this.unitError,
      duplicateGroups: this.duplicateGroups,
      injected: this.injected,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Planning

  private planSheets(): void {
    const { rng, units } = this;
    // Unit tabs: units that list learners, types in turn (Sở, xã, trường, …).
    const order: UnitType[] = ['SO_NGANH', 'UBND_XA', 'TRUONG', 'DOANH_NGHIEP', 'KHAC'];
    const tabs: number[] = [];
    for (let round = 0; tabs.length < this.input.unitTabs && round < units.length; round++) {
      const type = order[round % order.length];
      const cands = units.filter((u) => u.type === type && u.rows > 0 && u.tab < 0);
      if (cands.length === 0) {
        if (units.every((u) => u.rows === 0 || u.tab >= 0)) break;
        continue;
      }
      const u = rng.pick(cands);
      u.tab = tabs.length + 1;
      tabs.push(u.index);
    }
    // `Học viên`: the other units' rows, in chunks, shuffled.
    const chunks: [number, number][] = [];
    for (const u of units) {
      if (u.tab >= 0 || u.rows === 0) continue;
      if (u.rows >= 4 && rng.chance(0.3)) {
        const a = rng.between(1, u.rows - 1);
        chunks.push([u.index, a], [u.index, u.rows - a]);
      } else chunks.push([u.index, u.rows]);
    }
    rng.shuffle(chunks);
    const mainCount = chunks.reduce((s, c) => s + c[1], 0);
    const slots = new Int32Array(mainCount);
    let k = 0;
    for (const [u, c] of chunks) for (let i = 0; i < c; i++) slots[k++] = u;
    this.plans.push({ name: 'Học viên', layout: MAIN_LAYOUT, owner: -1, start: 0, count: mainCount, values: [], slots, index: 0 });
    let start = mainCount;
    tabs.forEach((u, t) => {
      const unit = units[u];
      this.plans.push({
        name: unit.code,
        layout: TAB_LAYOUTS[t % TAB_LAYOUTS.length],
        owner: u,
        start,
        count: unit.rows,
        values: [],
        slots: null,
        index: t + 1,
      });
      start += unit.rows;
    });
  }

  private allowed(kind: number, p: SheetPlan): boolean {
    switch (KINDS[kind].where) {
      case 'main':
        return p.owner < 0;
      case 'tab':
        return p.owner >= 0 && p.index > 0;
      case 'birth':
        return p.layout.col[F_BIRTH] >= 0;
      case 'gender':
        return p.layout.col[F_GENDER] >= 0;
      default:
        return true;
    }
  }

  /** Whether data row i of sheet p can hold the kind (a 'truong' kind needs a row of a Trường). */
  private rowFits(kind: number, p: SheetPlan, i: number): boolean {
    if (KINDS[kind].where !== 'truong') return true;
    const u = p.owner >= 0 ? p.owner : p.slots![i];
    return this.units[u].type === 'TRUONG';
  }

  /** How many rows of each kind, then where (random rows of sheets that allow the kind). */
  private planInjections(): void {
    const { rng, n } = this;
    this.plan = new Uint8Array(n);
    let budget = Math.min(n, Math.round(n * this.input.errorRate));
    const want = new Int32Array(KINDS.length);
    const base = n >= 2000 ? 3 : 1;
    for (let round = 0; round < base && budget > 0; round++) {
      for (let k = 1; k < KINDS.length && budget > 0; k++) {
        want[k]++;
        budget--;
      }
    }
    if (budget > 0) {
      const total = KINDS.reduce((s, k) => s + k.weight, 0);
      let left = budget;
      for (let k = 1; k < KINDS.length; k++) {
        const x = Math.floor((budget * KINDS[k].weight) / total);
        want[k] += x;
        left -= x;
      }
      while (left > 0) {
        let r = rng.int(total);
        let k = 1;
        while (r >= KINDS[k].weight) ((r -= KINDS[k].weight), k++);
        want[k]++;
        left--;
      }
    }
    // Kinds that only fit the (small) unit tabs: at most 10 % of the tab rows, the rest elsewhere.
    const tabRows = this.plans.reduce((s, p) => s + (p.owner >= 0 ? p.count : 0), 0);
    for (let k = 1; k < KINDS.length; k++) {
      if (KINDS[k].where !== 'tab') continue;
      const cap = Math.max(Math.min(want[k], base), Math.floor(tabRows * 0.1));
      if (want[k] > cap) {
        want[K_DUP_SAME] += want[k] - cap;
        want[k] = cap;
      }
    }
    for (let k = 1; k < KINDS.length; k++) {
      const sheets = this.plans.filter((p) => p.count > 0 && this.allowed(k, p));
      const rows = sheets.reduce((s, p) => s + p.count, 0);
      for (let c = 0; c < want[k]; c++) {
        let kind = k === K_AGE_OLD && this.Y < 2021 ? K_AGE_OFFICIAL : k; // nobody born ≥ 1900 is over 120 yet
        let list = sheets;
        let total = rows;
        if (total === 0) {
          // no sheet can hold this kind (e.g. no unit tab): the row gets a kind that fits anywhere
          kind = K_MIXED;
          list = this.plans.filter((p) => p.count > 0);
          total = list.reduce((s, p) => s + p.count, 0);
          if (total === 0) return;
        }
        let placed = false;
        for (let attempt = 0; attempt < 64 && !placed; attempt++) {
          let r = rng.int(total);
          let p = list[0];
          for (const q of list) {
            if (r < q.count) {
              p = q;
              break;
            }
            r -= q.count;
          }
          const g = p.start + r;
          if (this.plan[g] === 0 && this.rowFits(kind, p, r)) {
            this.plan[g] = kind;
            placed = true;
          }
        }
        if (!placed) {
          for (const p of list) {
            for (let i = 0; i < p.count && !placed; i++) {
              if (this.plan[p.start + i] === 0 && this.rowFits(kind, p, i)) {
                this.plan[p.start + i] = kind;
                placed = true;
              }
            }
            if (placed) break;
          }
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sheets

  private writeSheet(p: SheetPlan): void {
    const { rng } = this;
    const L = p.layout;
    const v = p.values;
    const width = L.headers.length;
    if (p.owner < 0) {
      const title = L.blank.slice();
      title[0] = LEARNER_TITLE_PREFIX + this.Y;
      v.push(title, L.blank.slice());
    } else if (L.titles > 0) {
      const title = L.blank.slice();
      title[0] = `DANH SÁCH HỌC VIÊN - ${this.units[p.owner].name.toUpperCase()}`;
      v.push(title);
    }
    v.push(L.headers.slice());
    // STT-only rows and an empty row in the middle of `Học viên` (skipped as blank).
    const blanks = new Set<number>();
    let emptyAt = -1;
    if (p.owner < 0 && p.count >= 50) {
      blanks.add(rng.int(p.count));
      blanks.add(rng.int(p.count));
      emptyAt = rng.int(p.count);
    }
    let stt = 0;
    const sttCol = L.col[F_STT];
    for (let i = 0; i < p.count; i++) {
      if (blanks.has(i)) {
        const b = L.blank.slice();
        b[sttCol] = ++stt;
        v.push(b);
      }
      if (i === emptyAt) v.push(L.blank.slice());
      this.writeRow(p, i, ++stt);
    }
    // Pre-numbered template rows at the end (only STT filled).
    const tail = p.owner < 0 ? 5 : 2;
    for (let i = 0; i < tail; i++) {
      const b = L.blank.slice();
      b[sttCol] = ++stt;
      v.push(b);
    }
    if (width !== v[v.length - 1].length) throw new Error('layout width');
  }

  private takePending(p: SheetPlan, u: number): number {
    for (const k of REF_KINDS) {
      if (this.pending[k] > 0 && this.allowed(k, p) && this.findRef(k, p, u)) {
        this.pending[k]--;
        this.pendingTotal--;
        return k;
      }
    }
    return 0;
  }

  /** Finds an unused clean row to copy from; sets this.ref. */
  private findRef(kind: number, p: SheetPlan, u: number): boolean {
    this.ref = -1;
    if (kind === K_PPD) {
      const r = this.lastCand[u];
      if (r >= 0 && (this.rowFlags[r] & FLAG_USED) === 0) this.ref = r;
      return this.ref >= 0;
    }
    if (kind === K_DUP_OTHER) {
      for (let s = p.index - 1; s >= 0; s--) {
        const r = this.fromRing(s, p.owner);
        if (r >= 0) {
          this.ref = r;
          return true;
        }
      }
      return false;
    }
    let r = this.fromRing(p.index, -1);
    if (r < 0 && kind === K_EMAIL_SHARED) {
      for (let s = 0; s < this.plans.length && r < 0; s++) if (s !== p.index) r = this.fromRing(s, -1);
    }
    this.ref = r;
    return r >= 0;
  }

  /**
   * An unused candidate of sheet s. With `owner` ≥ 0 (a copy onto another unit's tab), only a
   * person whose name and birth year are still free in that unit (no accidental
   * PERSON_POSSIBLE_DUPLICATE).
   */
  private fromRing(s: number, owner: number): number {
    const size = this.ringSize[s];
    if (size === 0) return -1;
    const ring = this.rings[s];
    const start = this.rng.int(size);
    for (let k = 0; k < size; k++) {
      const r = ring[(start + k) % size];
      if ((this.rowFlags[r] & FLAG_USED) !== 0) continue;
      if (owner >= 0 && this.persons.has(this.personKey(owner, this.rowName[r], this.rowBirth[r]))) continue;
      return r;
    }
    return -1;
  }

  private personKey(unit: number, nameId: number, birthYear: number): number {
    return ((unit + 1) * (NAME_SPACE + 256) + nameId) * 512 + (birthYear - 1880);
  }

  // -------------------------------------------------------------------------------------------
  // One row

  private writeRow(p: SheetPlan, i: number, stt: number): void {
    const gid = p.start + i;
    const slotUnit = p.owner >= 0 ? p.owner : p.slots![i];
    let kind = this.plan[gid];
    if (kind !== 0 && KINDS[kind].ref && !this.findRef(kind, p, slotUnit)) {
      this.pending[kind]++;
      this.pendingTotal++;
      kind = 0;
    }
    if (kind === 0 && this.pendingTotal > 0) kind = this.takePending(p, slotUnit);
    if (kind === K_DUP_SAME || kind === K_DUP_OTHER || kind === K_DUP_NUMBER || kind === K_DUP_SPACED) this.writeDuplicate(p, i, stt, kind);
    else this.writePerson(p, i, stt, kind, slotUnit);
    if (kind !== 0) this.injected[KINDS[kind].id] = (this.injected[KINDS[kind].id] ?? 0) + 1;
  }

  private writePerson(p: SheetPlan, i: number, stt: number, kind: number, slotUnit: number): void {
    const { rng, Y } = this;
    const L = p.layout;
    const col = L.col;
    const gid = p.start + i;
    const unitObj = this.units[slotUnit];
    const noUnit = KIND_NO_UNIT[kind];
    const unit = noUnit ? -1 : slotUnit;
    const ref = kind === K_PPD || kind === K_EMAIL_SHARED ? this.ref : -1;

    // Group (the explicit group cell is forced where the age check depends on it)
    let g = kind === K_GROUP_UNKNOWN ? TYPE_DEFAULT_GROUP[unitObj.type] : kind === K_INFER ? G_CB : this.pickGroup(unitObj.type);
    let explicitGroup = noUnit;
    if (kind === K_AGE_OFFICIAL) ((g = G_CB), (explicitGroup = true));
    else if (kind === K_AGE_ADULT) ((g = G_ND), (explicitGroup = true));
    if (explicitGroup && col[F_GROUP] < 0) throw new Error('group column needed');

    // Gender, birth year
    let legacyIndex = -1;
    if (kind === K_TCVN3 || kind === K_VNI) {
      const table = kind === K_TCVN3 ? LEGACY_TCVN3 : LEGACY_VNI;
      legacyIndex = rng.int(table.length);
      this.pGender = table[legacyIndex][1] === 'f' ? 1 : 0;
    } else if (kind === K_PPD) {
      this.pGender = this.genderOfRef(ref);
    } else this.pGender = rng.int(2);
    let age: number;
    if (kind === K_AGE_OFFICIAL) age = rng.between(8, 12);
    else if (kind === K_AGE_ADULT) age = rng.between(15, 17);
    else if (kind === K_AGE_OLD) {
      age = rng.between(MAX_AGE + 1, MAX_AGE + 6);
      if (Y - age < 1900) age = Y - 1900; // still > 120 for any today after 2020
    } else if (kind === K_INFER) age = rng.between(30, 60);
    else age = rng.between(AGE_RANGE[g][0], AGE_RANGE[g][1]);
    this.pBirth = kind === K_CENTURY ? 2100 + rng.int(100) : kind === K_PPD ? this.rowBirth[ref] : Y - age;
    this.pBirthM = rng.between(1, 12);
    this.pBirthD = rng.between(1, 28);

    // Name (and the same-name-same-year guard within the unit)
    this.pickName(kind, unit, legacyIndex, ref, g);
    // Rules v2 §G.3: a blank group cell at a Trường is inferred from the CCCD's birth year (≥ 30 →
    // CBCCVC with GROUP_INFERRED). Only the injected rows are left blank at 30 or more.
    if (!explicitGroup && kind !== K_INFER && unitObj.type === 'TRUONG' && Y - this.pBirth >= 30) explicitGroup = true;
    let nameCell: string = this.pNameText;
    if (kind === K_NAME_MISSING) nameCell = '';
    // family name in capitals, the rest as usual (a name in capitals only is how the ID card prints it: no issue)
    else if (kind === K_MIXED) nameCell = nameCell.slice(0, nameCell.indexOf(' ')).toUpperCase() + nameCell.slice(nameCell.indexOf(' '));
    else if (kind === K_LOWER) nameCell = nameCell.toLowerCase();
    else if (kind === K_DIGITS) nameCell = `${nameCell} ${rng.between(1, 9)}`;
    else if (kind === K_NFD) nameCell = nameCell.normalize('NFD');

    // CCCD
    let prov: number;
    if (kind === K_PROVINCE) prov = rng.chance(0.5) ? 99 : 100;
    else prov = rng.chance(0.88) ? this.ownProv : PROVINCE_NUMBERS[rng.int(PROVINCE_NUMBERS.length)];
    const cd = (this.pBirth >= 2100 ? 4 : this.pBirth >= 2000 ? 2 : 0) + this.pGender;
    const digits = this.makeCccd(prov, cd, this.pBirth % 100);
    let cccdCell: Cell = digits;
    let plainCccd = false;
    switch (kind) {
      case K_CCCD_MISSING:
        cccdCell = '';
        break;
      case K_SHORT:
        cccdCell = digits.slice(0, 11);
        break;
      case K_LETTERS:
        cccdCell = rng.chance(0.5) ? digits.slice(0, 11) + 'A' : 'O' + digits.slice(1);
        break;
      case K_OLD_TEXT:
        cccdCell = String(rng.between(171000000, 174999999));
        break;
      case K_OLD_NUMBER:
        cccdCell = rng.between(171000000, 174999999);
        break;
      case K_PREC_TEXT: {
        const sig = digits.replace(/^0+/, '');
        cccdCell = `${sig[0]}.${sig.slice(1, 5)}E+${sig.length - 1}`;
        break;
      }
      case K_PREC_NUMBER:
        cccdCell = Number(digits.replace(/^0+/, '') + '000000');
        break;
      case K_NUMERIC:
        cccdCell = Number(digits);
        break;
      default:
        if (kind === 0 && rng.chance(0.04)) cccdCell = this.harmlessCccd(digits);
        else plainCccd = true;
    }

    // E-mail
    const needEmail = kind === K_EMAIL_FORMAT || kind === K_EMAIL_TYPO || kind === K_EMAIL_SHARED;
    let emailCell = '';
    if (col[F_EMAIL] >= 0 && (needEmail || rng.chance(0.7))) {
      const local = `${this.pFold}.${++this.emailSeq}`;
      if (kind === K_EMAIL_FORMAT)
        emailCell = rng.chance(0.5) ? `${local}gmail.com` : `${foldDiacritics(this.pNameText.toLowerCase())} ${this.emailSeq}@gmail.com`;
      else if (kind === K_EMAIL_TYPO) emailCell = `${local}@${rng.pick(TYPO_DOMAINS)}`;
      else if (kind === K_EMAIL_SHARED) {
        const e = this.cellOf(ref, F_EMAIL) as string;
        emailCell = rng.chance(0.4) ? e[0].toUpperCase() + e.slice(1) : e;
      } else {
        const gov = g === G_CB && unitObj.type !== 'DOANH_NGHIEP' && unitObj.type !== 'TRUONG' && rng.chance(0.5);
        emailCell = `${local}@${gov ? this.govDomain : rng.chance(0.01) ? 'Gmail.com' : 'gmail.com'}`;
      }
    }
    if (needEmail && col[F_EMAIL] < 0) throw new Error('email column needed');

    // Status
    let s = this.pickStatus(unitObj);
    let statusCell: Cell;
    if (kind === K_STATUS_UNKNOWN) {
      statusCell = rng.pick(UNKNOWN_STATUSES);
      s = 2;
    } else if (kind === K_AMBIGUOUS) {
      statusCell = rng.chance(0.7) ? 'x' : 'X';
      s = 0;
    } else if (kind === 0 && rng.chance(0.04)) statusCell = STATUS_CELLS_V2[s][rng.int(STATUS_CELLS_V2[s].length)];
    else statusCell = STATUS_CELLS[s][rng.int(STATUS_CELLS[s].length)];

    // Chương trình (Học viên only): the group's programme, the AI one for some officials, blank,
    // and one unmapped name on a few clean complete rows (COURSE_UNMAPPED at its first row).
    let prog = -1; // programme index, -1 blank, -2 the unmapped name
    if (col[F_PROGRAM] >= 0) {
      const r = rng.float();
      if (r < 0.12) prog = -1;
      else if (g === G_CB && r < 0.17) prog = P_AI;
      else prog = GROUP_PROGRAMME[g];
      if (kind === 0 && s === 0 && (!this.unmappedLearnerSeen || rng.chance(0.002))) {
        prog = -2;
        if (!this.unmappedLearnerSeen) this.rowIssues.push({ sheet: p.name, row: p.values.length + 1, code: 'COURSE_UNMAPPED' });
        this.unmappedLearnerSeen = true;
      }
    }
    // Evidence (Rules v2 §E): (a) a complete status counts for the programme's indicator, else the group's
    let mask = s === 0 ? 1 << (prog >= 0 ? PROGRAMME_COLUMN[prog] : GROUP_COLUMN[g]) : 0;

    // Platform (clean rows only): (b) completions of mapped courses within the target period
    this.platformListed = false;
    if (kind === 0 && this.input.platform) {
      const own = prog >= 0 ? prog : GROUP_PROGRAMME[g];
      if (rng.chance(0.04)) {
        if (s === 0) mask |= this.platformEntry(digits, g, own, true, true);
        else if (rng.chance(0.5)) {
          if (rng.chance(0.15)) this.platformEntry(digits, g, own, false, false);
          mask |= this.platformEntry(digits, g, own, true, false);
        } else this.platformEntry(digits, g, own, false, false);
      }
      // officials: the platform shows the AI course (or, for those listed under it, the CBCCVC course)
      if (g === G_CB) {
        if (prog !== P_AI) {
          if (rng.chance(unitObj.pAI)) mask |= this.platformEntry(digits, g, P_AI, true, false, false);
        } else if (rng.chance(unitObj.pDone)) mask |= this.platformEntry(digits, g, P_CB, true, false, false);
      }
    }

    // Cells
    const row = L.blank.slice();
    if (col[F_STT] >= 0) row[col[F_STT]] = stt;
    row[col[F_NAME]] = nameCell;
    if (col[F_EMAIL] >= 0) row[col[F_EMAIL]] = emailCell;
    row[col[F_CCCD]] = cccdCell;
    if (col[F_DEPT] >= 0 && rng.chance(0.9)) row[col[F_DEPT]] = rng.pick(DEPARTMENTS[unitObj.type]);
    if (col[F_UNIT] >= 0) row[col[F_UNIT]] = this.unitCell(p, kind, unitObj);
    if (col[F_GROUP] >= 0) {
      let gc = '';
      if (kind === K_GROUP_UNKNOWN) gc = rng.pick(UNKNOWN_GROUPS);
      else if (kind === K_INFER) gc = '';
      else if (explicitGroup || g !== TYPE_DEFAULT_GROUP[unitObj.type] || rng.chance(0.65)) {
        gc = GROUP_CELLS[g][rng.int(GROUP_CELLS[g].length)];
        // the generic worker word means this group only at its kind of unit (Rules v2 §G.1)
        if (gc === WORKER_CELL && (g === G_DN) !== (unitObj.type === 'DOANH_NGHIEP')) gc = GROUP_CELLS[g][0];
      }
      row[col[F_GROUP]] = gc;
    }
    if (col[F_PROGRAM] >= 0) row[col[F_PROGRAM]] = prog === -1 ? '' : prog === -2 ? UNMAPPED_LEARNER_COURSE : programmeSpelling(rng, prog);
    if (col[F_STATUS] >= 0) row[col[F_STATUS]] = statusCell;
    if (col[F_BIRTH] >= 0) {
      let bc: Cell = '';
      if (kind === K_MIS_YEAR) {
        const off = rng.between(2, 6);
        const y = this.pBirth - off >= 1900 && (rng.chance(0.5) || this.pBirth + off > Y) ? this.pBirth - off : this.pBirth + off;
        bc = vnDate(y, this.pBirthM, this.pBirthD);
      } else if (kind !== K_CENTURY) bc = this.birthCell();
      row[col[F_BIRTH]] = bc;
    }
    if (col[F_GENDER] >= 0) {
      const gender = kind === K_MIS_GENDER ? 1 - this.pGender : this.pGender;
      row[col[F_GENDER]] = kind === K_MIS_GENDER || kind === K_CENTURY || rng.chance(0.85) ? (gender ? 'Nữ' : 'Nam') : '';
    }
    p.values.push(row);

    // Truth
    const rowNum = p.values.length;
    const codes = KINDS[kind].codes;
    for (const c of codes) this.rowIssues.push({ sheet: p.name, row: rowNum, code: c });
    const slot = unit < 0 ? this.U : unit;
    const bad = KIND_ERROR[kind];
    this.count(slot, g, bad, false, mask, s);
    if (bad && unit >= 0) this.unitError[unit] = 1;

    // References for later rows
    this.rowSheet[gid] = p.index;
    this.rowIdx[gid] = p.values.length - 1;
    this.rowUnit[gid] = unit;
    this.rowName[gid] = this.pNameId;
    this.rowBirth[gid] = this.pBirth;
    this.rowGroup[gid] = g;
    if (kind === K_PPD || kind === K_EMAIL_SHARED) this.rowFlags[ref] |= FLAG_USED;
    // A clean adult with a plain 12-digit CCCD and an e-mail, not on the platform: may be copied later.
    if (kind === 0 && plainCccd && emailCell !== '' && this.pBirth <= Y - 20 && this.pBirth >= Y - 80 && !this.platformListed) this.candidate(p, gid, unit);
  }

  private platformListed = false;

  private candidate(p: SheetPlan, gid: number, unit: number): void {
    this.rowFlags[gid] = FLAG_CANDIDATE;
    const s = p.index;
    const ring = this.rings[s];
    ring[this.ringPos[s]] = gid;
    this.ringPos[s] = (this.ringPos[s] + 1) % RING;
    if (this.ringSize[s] < RING) this.ringSize[s]++;
    this.lastCand[unit] = gid;
  }

  /** A later row with the CCCD of an earlier clean row: the same person again. */
  private writeDuplicate(p: SheetPlan, i: number, stt: number, kind: number): void {
    const ref = this.ref;
    const refPlan = this.plans[this.rowSheet[ref]];
    const refRow = refPlan.values[this.rowIdx[ref]];
    const rc = refPlan.layout.col;
    const L = p.layout;
    const col = L.col;
    const digits = refRow[rc[F_CCCD]] as string;
    const unit = p.owner >= 0 ? p.owner : this.rowUnit[ref];
    const unitObj = this.units[unit];
    const row = L.blank.slice();
    if (col[F_STT] >= 0) row[col[F_STT]] = stt;
    row[col[F_NAME]] = refRow[rc[F_NAME]];
    row[col[F_CCCD]] = kind === K_DUP_NUMBER ? Number(digits) : kind === K_DUP_SPACED ? this.spacedCccd(digits) : digits;
    const copy = (f: number): void => {
      if (col[f] >= 0 && rc[f] >= 0) row[col[f]] = refRow[rc[f]];
    };
    copy(F_EMAIL);
    copy(F_DEPT);
    copy(F_GROUP);
    // a blank group cell is written out (a copy at a school could otherwise be inferred, Rules v2 §G.3)
    if (col[F_GROUP] >= 0 && row[col[F_GROUP]] === '') row[col[F_GROUP]] = GROUP_CELLS[this.rowGroup[ref]][0];
    copy(F_BIRTH);
    copy(F_GENDER);
    copy(F_PROGRAM);
    if (col[F_UNIT] >= 0) row[col[F_UNIT]] = p.owner >= 0 ? '' : unitObj.name;
    if (col[F_STATUS] >= 0) row[col[F_STATUS]] = STATUS_CELLS[0][0];
    p.values.push(row);
    const rowNum = p.values.length;
    for (const c of KINDS[kind].codes) this.rowIssues.push({ sheet: p.name, row: rowNum, code: c });
    this.count(unit, 0, true, true, 0, 0);
    this.unitError[unit] = 1;
    this.duplicateGroups++;
    this.rowFlags[ref] |= FLAG_USED;
    if (p.owner >= 0) this.persons.add(this.personKey(p.owner, this.rowName[ref], this.rowBirth[ref]));
    const gid = p.start + i;
    this.rowSheet[gid] = p.index;
    this.rowIdx[gid] = p.values.length - 1;
    this.rowUnit[gid] = unit;
    this.rowName[gid] = this.rowName[ref];
    this.rowBirth[gid] = this.rowBirth[ref];
    this.rowGroup[gid] = this.rowGroup[ref];
  }

  /** mask: bit j set when the row is evidence for count column j (Rules v2 §E); completed = any evidence. */
  private count(slot: number, g: number, bad: boolean, dup: boolean, mask: number, s: number): void {
    const [rows, valid, invalid, dups, completed, prog, not] = this.counts;
    rows[slot]++;
    if (bad) {
      invalid[slot]++;
      if (dup) dups[slot]++;
      return;
    }
    valid[slot]++;
    this.validByGroup[slot * GROUP_COUNT + g]++;
    if (mask !== 0) {
      completed[slot]++;
      for (let j = 0; j < COUNT_COLUMNS; j++) if ((mask >> j) & 1) this.evidence[slot * COUNT_COLUMNS + j]++;
    } else if (s === 1) prog[slot]++;
    else not[slot]++;
  }

  // -------------------------------------------------------------------------------------------
  // Pieces

  private pickGroup(type: UnitType): number {
    const mix = GROUP_MIX[type];
    if (mix.length === 1) return mix[0][0];
    let r = this.rng.float();
    for (const [g, share] of mix) {
      if (r < share) return g;
      r -= share;
    }
    return mix[0][0];
  }

  private pickStatus(u: GUnit): number {
    const r = this.rng.float();
    return r < u.pDone ? 0 : r < u.pDone + u.pProg ? 1 : 2;
  }

  private genderOfRef(ref: number): number {
    const plan = this.plans[this.rowSheet[ref]];
    const d = plan.values[this.rowIdx[ref]][plan.layout.col[F_CCCD]] as string;
    return (d.charCodeAt(3) - 48) % 2;
  }

  private cellOf(ref: number, field: number): Cell {
    const plan = this.plans[this.rowSheet[ref]];
    return plan.values[this.rowIdx[ref]][plan.layout.col[field]];
  }

  /**
   * Sets pNameId, pNameText, pFold. Rows of a unit never share a name (diacritics ignored: stricter
   * than the tone key) and birth year, except the injected PERSON_POSSIBLE_DUPLICATE.
   */
  private pickName(kind: number, unit: number, legacyIndex: number, ref: number, g: number): void {
    const { rng } = this;
    if (kind === K_PPD) {
      const id = this.rowName[ref];
      this.pNameId = id;
      const variants = GIVEN[id % GIVEN.length][0];
      // the other tone placement when the given name has one (same tone key)
      const refText = this.cellOf(ref, F_NAME) as string;
      const other = variants.length > 1 ? variants.find((x) => !refText.endsWith(' ' + x)) : undefined;
      this.pNameText = other ? refText.slice(0, refText.lastIndexOf(' ') + 1) + other : refText;
      this.pFold = this.foldOf(id);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      let id: number;
      let text: string;
      let fold: string;
      if (legacyIndex >= 0) {
        const table = kind === K_TCVN3 ? LEGACY_TCVN3 : LEGACY_VNI;
        const li = (legacyIndex + attempt) % table.length;
        id = NAME_SPACE + (kind === K_TCVN3 ? 64 : 128) + li;
        text = kind === K_TCVN3 ? encodeTcvn3(table[li][0]) : encodeVni(table[li][0]);
        fold = foldDiacritics(table[li][0]).toLowerCase().replace(/ /g, '');
      } else if (kind === K_ONE_WORD) {
        const oi = rng.int(ONE_WORD.length);
        id = NAME_SPACE + oi;
        text = ONE_WORD[oi];
        fold = foldDiacritics(text).toLowerCase();
      } else {
        const gender = this.pGender;
        const f = this.famTable[rng.int(this.famTable.length)];
        const mids = this.midBy[gender];
        const m = mids[rng.int(mids.length)];
        const gv = this.givenBy[gender];
        const gi = gv[rng.int(gv.length)];
        id = (f * MIDDLE.length + m) * GIVEN.length + gi;
        const variant = GIVEN[gi][0].length > 1 ? rng.int(2) : 0;
        text = this.nameText(id, variant);
        fold = this.foldOf(id);
      }
      if (unit < 0 || this.persons.add(this.personKey(unit, id, this.pBirth))) {
        this.pNameId = id;
        this.pNameText = text;
        this.pFold = fold;
        return;
      }
      if (attempt % 20 === 19 && kind !== K_CENTURY && kind !== K_INFER && kind !== K_AGE_OFFICIAL && kind !== K_AGE_ADULT && kind !== K_AGE_OLD) {
        // a crowded unit: another birth year in the group's range
        this.pBirth = this.Y - rng.between(AGE_RANGE[g][0], AGE_RANGE[g][1]);
      }
      if (attempt > 5000) throw new Error('generator: cannot find a free name');
    }
  }

  private nameText(id: number, variant: number): string {
    const k = id * 2 + variant;
    let s = this.nameCache[k];
    if (s === undefined) {
      const gi = id % GIVEN.length;
      const rest = (id - gi) / GIVEN.length;
      const m = rest % MIDDLE.length;
      const f = (rest - m) / MIDDLE.length;
      s = `${FAMILY[f][0]} ${MIDDLE[m][0]} ${GIVEN[gi][0][variant]}`;
      this.nameCache[k] = s;
    }
    return s;
  }

  private foldOf(id: number): string {
    let s = this.foldCache[id];
    if (s === undefined) {
      s = foldDiacritics(this.nameText(id, 0)).toLowerCase().replace(/ /g, '');
      this.foldCache[id] = s;
    }
    return s;
  }

  /** A new 12-digit CCCD, unique in the workbook: a bijective serial per prefix bucket. */
  makeCccd(prov: number, cd: number, yy: number): string {
    const b = prov * 1000 + cd * 100 + yy;
    const c = this.cccdCount[b]++;
    if (c >= 1000000) throw new Error('generator: CCCD bucket full');
    const salt = (imul(b ^ this.cccdSalt, 0x9e3779b1) >>> 0) % 1000000;
    const serial = (c * 7919 + salt) % 1000000;
    let prefix = this.cccdPrefix.get(b);
    if (prefix === undefined) {
      prefix = ('' + (1000 + prov)).slice(1) + cd + pad2(yy);
      this.cccdPrefix.set(b, prefix);
    }
    return prefix + ('' + (1000000 + serial)).slice(1);
  }

  /** The same CCCD typed with separators or invisible characters: cleaned silently (rules §3). */
  private harmlessCccd(d: string): string {
    switch (this.rng.int(6)) {
      case 0:
        return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;
      case 1:
        return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}.${d.slice(9)}`;
      case 2:
        return `'${d}`;
      case 3:
        return `${d.slice(0, 6)}\u00a0${d.slice(6)}`;
      case 4:
        return d.replace(/[0-9]/g, (x) => String.fromCharCode(0xff10 + x.charCodeAt(0) - 48));
      default:
        return `${d.slice(0, 4)}\u200b${d.slice(4)}`;
    }
  }

  private spacedCccd(d: string): string {
    return this.rng.chance(0.5)
      ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} ${d.slice(9)}`
      : `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}.${d.slice(9)}`;
  }

  private readonly dateCache = new Map<number, Date>();

  /** Ngày sinh: a date cell (shared Date objects), d/m/yyyy text, a year number, or empty. */
  private birthCell(): Cell {
    const r = this.rng.float();
    const y = this.pBirth,
      m = this.pBirthM,
      d = this.pBirthD;
    if (r < 0.6) {
      const k = (y * 13 + m) * 32 + d;
      let date = this.dateCache.get(k);
      if (!date) {
        date = vnDate(y, m, d);
        this.dateCache.set(k, date);
      }
      return date;
    }
    if (r < 0.75) return `${pad2(d)}/${pad2(m)}/${y}`;
    if (r < 0.85) return y;
    return '';
  }

  private unitCell(p: SheetPlan, kind: number, u: GUnit): string {
    const { rng } = this;
    if (p.owner >= 0) {
      // On a unit's own tab the cell is not checked (rules §2): mostly empty.
      const r = rng.float();
      if (r < 0.85) return '';
      if (r < 0.995) return u.name;
      return rng.chance(0.5) ? rng.pick(UNKNOWN_UNITS) : this.units[rng.int(this.units.length)].name;
    }
    if (kind === K_UNIT_MISSING) return '';
    if (kind === K_UNIT_UNKNOWN) {
      for (let t = 0; t < 20; t++) {
        const x = rng.pick(UNKNOWN_UNITS);
        if (this.input.keys.unknown(x)) return x;
      }
      return 'Đơn vị chưa đăng ký';
    }
    if (kind === K_UNIT_NEAR) return this.nearMiss(u.name);
    const r = rng.float();
    if (r < 0.78) return u.name;
    return u.variants[rng.int(u.variants.length)];
  }

  /** A registered name with one letter changed, resolving to no unit. */
  private nearMiss(name: string): string {
    const { rng } = this;
    const swaps: [string, string][] = [
      ['nh', 'ng'],
      ['ng', 'nh'],
      ['a', 'ă'],
      ['ơ', 'ô'],
      ['i', 'y'],
      ['n', 'm'],
      ['c', 't'],
      ['u', 'ư'],
    ];
    for (let t = 0; t < 60; t++) {
      const [a, b] = rng.pick(swaps);
      const at = name.lastIndexOf(a);
      if (at <= 0) continue;
      const x = name.slice(0, at) + b + name.slice(at + a.length);
      if (x !== name && this.input.keys.unknown(x)) return x;
    }
    return name + ' cũ';
  }

  private readonly platformDates = new Map<number, Date>();

  /** A completion date cell on a day number (shared Date objects, a few times of day). */
  private platformDate(day: number): Date {
    const h = 7 + this.rng.int(4) * 4; // 7, 11, 15, 19 h local
    const k = day * 24 + h;
    let d = this.platformDates.get(k);
    if (!d) {
      d = vnDateOfDay(day, h, 15);
      this.platformDates.set(k, d);
    }
    return d;
  }

  /**
   * One `Kết quả nền tảng` row of a clean learner (CCCD `digits`, group g) for programme `prog`.
   * Complete rows get a date: mostly inside the indicator's target period, some before it (not
   * evidence), a few none (evidence, COMPLETION_DATE_MISSING); with `mayBlank` ~6 % have no course
   * (the group's indicator); with `mayUnmap` the first (and then 5 %) carry the unmapped course (no indicator,
   * COURSE_UNMAPPED at its first row). Returns the evidence bit (1 << count column) or 0.
   */
  private platformEntry(digits: string, g: number, prog: number, complete: boolean, mayUnmap: boolean, mayBlank = true): number {
    const { rng } = this;
    this.platformListed = true;
    let course: string;
    let col: number;
    let meta = 0;
    if (complete && mayUnmap && (!this.unmappedPlatformSeen || rng.chance(0.05))) {
      course = UNMAPPED_PLATFORM_COURSE;
      col = -1;
      meta = 2;
      this.unmappedPlatformSeen = true;
    } else if (mayBlank && rng.chance(0.06)) {
      course = '';
      col = GROUP_COLUMN[g];
    } else {
      course = programmeSpelling(rng, prog);
      col = PROGRAMME_COLUMN[prog];
    }
    if (!complete) {
      this.platformRows.push([digits, this.pNameText, course, rng.pick(PLATFORM_PENDING), '']);
      return 0;
    }
    const w = this.input.windows[col >= 0 ? col : GROUP_COLUMN[g]];
    const r = rng.float();
    let date: Cell;
    let counts: boolean;
    if (r < 0.03 && course !== '' && meta === 0) {
      date = '';
      counts = true;
      meta = 1;
    } else if (r < 0.05) {
      date = this.platformDate(w.start - rng.between(20, 300)); // before the target period: not evidence
      counts = false;
    } else {
      const hi = Math.min(w.end, this.input.todayDay);
      const day = rng.between(Math.min(w.start, hi), hi);
      date = this.platformDate(day);
      counts = day >= w.start && day <= w.end;
    }
    const row: Cell[] = [digits, this.pNameText, course, rng.pick(PLATFORM_DONE), date];
    this.platformRows.push(row);
    if (meta !== 0) this.platformMeta.set(row, meta);
    return counts && col >= 0 ? 1 << col : 0;
  }

  private platformSheet(): SheetSnapshot {
    const { rng } = this;
    const rows = this.platformRows;
    const todayDay = this.input.todayDay;
    /** a dated completion of programme p inside its target period (as far as today) */
    const dated = (p: number): Date => {
      const w = this.input.windows[PROGRAMME_COLUMN[p]];
      const hi = Math.min(w.end, todayDay);
      return this.platformDate(rng.between(Math.min(w.start, hi), hi));
    };
    // People the platform knows but the learner sheets do not list (ignored); always dated.
    const extra = Math.max(3, Math.round(rows.length * 0.1));
    for (let k = 0; k < extra; k++) {
      const female = rng.int(2);
      const by = this.Y - rng.between(20, 60);
      const digits = this.makeCccd(this.ownProv, (by >= 2000 ? 2 : 0) + female, by % 100);
      const gi = this.givenBy[female][rng.int(this.givenBy[female].length)];
      const mi = this.midBy[female][rng.int(this.midBy[female].length)];
      const fi = this.famTable[rng.int(this.famTable.length)];
      const name = this.nameText((fi * MIDDLE.length + mi) * GIVEN.length + gi, 0);
      const p = rng.int(PROGRAMME_NAMES.length);
      const done = rng.chance(0.5);
      rows.push([digits, name, programmeSpelling(rng, p), done ? 'Hoàn thành' : 'Đang học', done ? dated(p) : '']);
    }
    rng.shuffle(rows);
    // No optional Đơn vị column: aggregate indicators have no learner evidence here (truth: null).
    const header = PLATFORM_TABLE.columns.filter((c) => c.field !== 'unit').map((c) => c.header);
    const values: Cell[][] = [header, ...rows];
    // One CCCD the platform exported wrongly (11 digits): PLATFORM_CCCD_INVALID.
    const at = 1 + rng.int(values.length);
    values.splice(at, 0, [this.makeCccd(this.ownProv, 0, 80).slice(0, 11), this.nameText(0, 0), PROGRAMME_NAMES[P_CB], 'Hoàn thành', dated(P_CB)]);
    this.rowIssues.push({ sheet: PLATFORM_SHEET, row: at + 1, code: 'PLATFORM_CCCD_INVALID' });
    let unmappedSeen = false;
    for (let i = 1; i < values.length; i++) {
      const meta = this.platformMeta.get(values[i]);
      if (meta === 1) this.rowIssues.push({ sheet: PLATFORM_SHEET, row: i + 1, code: 'COMPLETION_DATE_MISSING' });
      else if (meta === 2 && !unmappedSeen) {
        unmappedSeen = true;
        this.rowIssues.push({ sheet: PLATFORM_SHEET, row: i + 1, code: 'COURSE_UNMAPPED' });
      }
    }
    return { name: PLATFORM_SHEET, values };
  }
}

const PLATFORM_SHEET = 'Kết quả nền tảng';
const PLATFORM_DONE = ['Hoàn thành', 'Hoàn thành', 'Đã hoàn thành', 'Đạt', '100%'];
const PLATFORM_PENDING = ['Đang học', 'Chưa hoàn thành', '45%', '80%'];
