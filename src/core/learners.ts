/**
 * Learner rows: every per-row check, duplicates across sheets, and the counts per unit
 * (docs/rules.md §3). One checker serves the whole-workbook run and the instant check of edited
 * rows, so both say exactly the same thing about a row.
 *
 * This is the hot loop (up to 1,000,000 rows): values that repeat (unit, group, status texts) are
 * resolved once per distinct text; CCCDs are hashed as numbers in typed arrays; no per-row closures.
 */
import { birthYear, cccdNumber, genderOf, isPlainCccd, maskCccd, parseCccd, provinceKnown, type CccdKind } from './cccd';
import { dayNumber, parseDateCell, parseYearCell, parseYmd } from './dates';
import { createCourseMap, MAX_COURSES, type Course, type CourseMap } from './courses';
import { groupWordOf, statusOf as readStatus, STATUS_WORDS, type GroupWord, type StatusReading } from './groups';
import { checkEmail, type EmailCheck } from './email';
import { detectLegacy } from './legacy';
import { DEFAULT_GROUP, GROUPS, GROUP_LABELS, INDICATORS, SCHOOL_STUDENT_MAX_AGE, workerGroup } from './schema';
import {
  createMultiIndex,
  createNumberIndex,
  createNumberSet,
  createRepeatsSet,
  hash32,
  RepeatsTable,
  type MultiIndex,
  type NumberIndex,
  type NumberSet,
} from './numindex';
import { cellText, isBlankRow, type FoundTable } from './tables';
import { checkName, lowerHash, lowerHashPrintable, matchKey, matchKeyHash, toneKey } from './text';
import type { IssueDetailsByCode } from './issue-codes';
import type { IssueLocation, IssueSink } from './issues';
import type { Resolution, UnitResolver, Unit } from './units';
import type { Cell, DuplicateGroup, Group, IndicatorCode, IndicatorTarget, LearnerCounts, LearnerStatus } from './types';

export const GROUP_INDEX: Record<Group, number> = { CBCCVC: 0, HSSV: 1, NLD_DN: 2, NGUOI_DAN: 3 };
const STATUS_CODE: Record<LearnerStatus, number> = { HOAN_THANH: 0, CHUA_HOAN_THANH: 1, KHONG_THAM_GIA: 2 };

/** Minimum plausible age per group (index as GROUP_INDEX). */
const MIN_AGE = [15, 5, 15, 18];
const MAX_AGE = 120;

/** A lookup memoised per distinct cell text (these cells repeat a handful of values). */
function memoLookup<T>(lookup: (text: string) => T | undefined | null): (text: string) => T | undefined {
  const memo = new Map<string, T | null>();
  return (text) => {
    let v = memo.get(text);
    if (v === undefined) {
      v = lookup(text) ?? null;
      if (memo.size < 10000) memo.set(text, v);
    }
    return v === null ? undefined : v;
  };
}

/** Indicator index (INDICATORS order) and bit of each; the indicator a group's completions serve. */
export const INDICATOR_INDEX = Object.fromEntries(INDICATORS.map((c, i) => [c, i])) as Record<IndicatorCode, number>;
/** By GROUP_INDEX: CBCCVC → CBCCVC, HSSV → HSSV, NLD_DN → NLD_DN, NGUOI_DAN → NGUOI_DAN. */
const GROUP_INDICATOR: number[] = (['CBCCVC', 'HSSV', 'NLD_DN', 'NGUOI_DAN'] as IndicatorCode[]).map((c) => INDICATOR_INDEX[c]);
/** Platform masks: bits 0–5 a mapped course's indicator; bits 6–9 a course-less completion (by GROUP_INDEX) in that group's period. */
const BLANK_COURSE_SHIFT = 6;
const N_IND = INDICATORS.length;

const GENDER_INDEX = new Map<string, 'Nam' | 'Nữ'>([
  ['nam', 'Nam'],
  ['nu', 'Nữ'],
  ['male', 'Nam'],
  ['female', 'Nữ'],
]);

/** A learner table with the unit that owns its sheet (a per-unit tab), if any. */
export interface LearnerTable extends FoundTable {
  owner: Unit | null;
}

/** What the learner pass knows about the workbook, shared by all sheets. */
export interface LearnerState {
  resolver: UnitResolver;
  todayYear: number;
  issues: IssueSink;
  /** CCCD number → occurrence id (of every CCCD, or with a prescan only of those in `cccdRepeats`). */
  cccdIndex: NumberIndex;
  /**
   * From `prescanLearners` (whole-workbook runs): the 32-bit hashes of the CCCD numbers
   * (hash32), e-mail addresses (lowerHash) and persons (personKey) that occur on more than one
   * row. A value whose hash is outside them is unique in the workbook: its row is the first
   * occurrence and no later row can match it, so it is neither looked up nor indexed (the
   * slowest steps of a 1 M-row run were look-ups in million-entry tables). null: every value is
   * indexed (instant checks). The persons' repeats are `personTable` itself (below).
   */
  cccdRepeats: NumberSet | null;
  emailRepeats: NumberSet | null;
  /**
   * The persons seen (unit, CCCD birth year, name): personKey → the last entry of its chain (entries
   * of one key linked by `personNext`, verified by unit, year and toneKey). With a prescan
   * (`personsPrescanned`) it is the prescan's table of repeated person keys, sized once: a key
   * outside it is a person no other row can match, neither looked up nor recorded. Without one
   * (instant checks) it starts small and every person is recorded.
   */
  personTable: RepeatsTable;
  personsPrescanned: boolean;
  personNext: number[];
  personUnit: number[];
  /** matchKeyHash of the entry's name. */
  personHash: number[];
  /**
   * Also from the prescan, per data row of its tables (at `prescanBase[i] + row` for
   * `prescanTables[i]`), what it hashed so that checkLearnerTable does not hash it again: the
   * e-mail address's lowerHash, the name's matchKeyHash (non-blank names), and ROW_* flags for the
   * checks it already made: a row with a flag set skips them, and does not read the cell unless a
   * repeat needs its text (each cell read is a cache miss on a million rows).
   */
  prescanTables: LearnerTable[];
  prescanBase: number[];
  rowEmailHash: Uint32Array | null;
  rowNameHash: Uint32Array | null;
  rowFlags: Uint8Array | null;
  /**
   * The occurrences, by id 0 … occCount - 1: rows with a 12-digit CCCD that an index refers to
   * (recorded when a row is first put in cccdIndex, emailIndex or personTable), in typed
   * columns: the sheet (index into `occSheets`), the 1-based row, the unit index (-1: none) and
   * the CCCD number.
   */
  occCount: number;
  occSheets: string[];
  occSheet: Int32Array;
  occRow: Int32Array;
  occUnit: Int32Array;
  occCccd: Float64Array;
  /** occurrence id of a first occurrence → its duplicate group. */
  dupGroups: Map<number, DuplicateGroup>;
  /**
   * E-mail addresses seen on rows with a 12-digit CCCD: lowerHash(address) → entry; entry →
   * the address (as normalised) and the occurrence id of its first row. Hash-first, verified on
   * a hit: a Map of a million string keys was the slowest step of a 1 M-row run.
   */
  emailIndex: MultiIndex;
  emailText: string[];
  emailOcc: number[];
  personName: string[];
  personYear: number[];
  personOcc: number[];
  /** Course and programme names → indicator (docs/rules.md §6). */
  courses: CourseMap;
  /** Per indicator (INDICATORS order): its target's period, as day numbers (completions count inside it). */
  periodStart: number[];
  periodEnd: number[];
  /**
   * `Kết quả nền tảng`: CCCD → slot; per slot the indicator bits of its counted completions
   * (see BLANK_COURSE_SHIFT) and the ids of the courses completed.
   */
  platformPresent: boolean;
  platformUnitColumn: boolean;
  platformIndex: NumberIndex;
  platformMask: Int32Array;
  platformCourses: Int32Array;
  platformCount: number;
  /** Per unit × indicator: distinct persons of the platform rows that name the unit (aggregate evidence). */
  platformUnitEvidence: Int32Array;
  /** Counts per unit, index = unit index; the last slot is "no unit". */
  counts: Int32Array[]; // rows, valid, invalid, duplicates, completed, inProgress, notStarted
  /** Per unit × group: valid learners. */
  validByGroup: Int32Array;
  /** Per unit × indicator (INDICATORS order): valid learner rows that are evidence for it. */
  evidence: Int32Array;
  /** Per unit × course id: valid learner rows with a completion of that course. */
  courseCounts: Int32Array;
}

export const COUNT_FIELDS: (keyof LearnerCounts)[] = ['rows', 'valid', 'invalid', 'duplicates', 'completed', 'inProgress', 'notStarted'];

export interface LearnerContext {
  targets: IndicatorTarget[];
  /** From `Khóa học`: exact course key → indicator (null: not counted). */
  courseOverrides?: Map<string, IndicatorCode | null>;
}

export function createLearnerState(resolver: UnitResolver, todayYear: number, issues: IssueSink, expectedRows: number, ctx?: LearnerContext): LearnerState {
  const n = resolver.units.length + 1;
  const periodStart: number[] = [];
  const periodEnd: number[] = [];
  INDICATORS.forEach((code, i) => {
    const t = ctx?.targets.find((x) => x.code === code);
    const start = t ? parseYmd(t.start) : null;
    const end = t ? parseYmd(t.deadline) : null;
    periodStart[i] = start ? dayNumber(start) : -1e9;
    periodEnd[i] = end ? dayNumber(end) : 1e9;
  });
  const cap = Math.min(Math.max(16, expectedRows), 1024);
  return {
    resolver,
    todayYear,
    issues,
    // small: prescanLearners sizes both for the repeated values; instant checks let them grow
    cccdIndex: createNumberIndex(Math.min(expectedRows, 4096)),
    cccdRepeats: null,
    emailRepeats: null,
    personsPrescanned: false,
    personTable: new RepeatsTable(Math.min(expectedRows, 4096)),
    personNext: [],
    personUnit: [],
    personHash: [],
    prescanTables: [],
    prescanBase: [],
    rowEmailHash: null,
    rowNameHash: null,
    rowFlags: null,
    occCount: 0,
    occSheets: [],
    occSheet: new Int32Array(cap),
    occRow: new Int32Array(cap),
    occUnit: new Int32Array(cap),
    occCccd: new Float64Array(cap),
    dupGroups: new Map(),
    emailIndex: createMultiIndex(Math.min(expectedRows, 4096)),
    emailText: [],
    emailOcc: [],
    personName: [],
    personYear: [],
    personOcc: [],
    courses: createCourseMap(ctx?.courseOverrides ?? new Map()),
    periodStart,
    periodEnd,
    platformPresent: false,
    platformUnitColumn: false,
    platformIndex: createNumberIndex(16),
    platformMask: new Int32Array(0),
    platformCourses: new Int32Array(0),
    platformCount: 0,
    platformUnitEvidence: new Int32Array(n * N_IND),
    counts: COUNT_FIELDS.map(() => new Int32Array(n)),
    validByGroup: new Int32Array(n * 4),
    evidence: new Int32Array(n * N_IND),
    courseCounts: new Int32Array(n * MAX_COURSES),
  };
}

export function countsOf(state: LearnerState, unitSlot: number): LearnerCounts {
  const out = {} as LearnerCounts;
  COUNT_FIELDS.forEach((f, i) => (out[f] = state.counts[i][unitSlot]));
  return out;
}

export function provinceCounts(state: LearnerState): LearnerCounts {
  const out = {} as LearnerCounts;
  COUNT_FIELDS.forEach((f, i) => (out[f] = state.counts[i].reduce((a, b) => a + b, 0)));
  return out;
}

/** The slot of a sheet name in `occSheets`. */
function occSheetSlot(state: LearnerState, sheet: string): number {
  let i = state.occSheets.indexOf(sheet);
  if (i < 0) {
    i = state.occSheets.length;
    state.occSheets.push(sheet);
  }
  return i;
}

function grownInt32(a: Int32Array, min: number): Int32Array {
  if (min <= a.length) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** Room for at least `n` occurrences in all (the prescan's estimate; else doubling, as grownInt32). */
function reserveOccurrences(state: LearnerState, n: number): void {
  if (n <= state.occRow.length) return;
  state.occSheet = grownInt32(state.occSheet, n);
  state.occRow = grownInt32(state.occRow, n);
  state.occUnit = grownInt32(state.occUnit, n);
  const c = new Float64Array(state.occRow.length);
  c.set(state.occCccd);
  state.occCccd = c;
}

/** Record a first occurrence; returns its id (`occCount` before the call). */
function addOccurrence(state: LearnerState, sheetSlot: number, row: number, unitIndex: number, num: number): number {
  const id = state.occCount;
  if (id === state.occRow.length) reserveOccurrences(state, id + 1);
  state.occSheet[id] = sheetSlot;
  state.occRow[id] = row;
  state.occUnit[id] = unitIndex;
  state.occCccd[id] = num;
  state.occCount = id + 1;
  return id;
}

/** Record one existing occurrence of a CCCD (for instant checks: rows not being checked). */
export function seedOccurrence(state: LearnerState, sheet: string, row: number, cell: Cell, unitIndex: number): void {
  const c = parseCccd(cell);
  if (c.kind !== 'ok' && c.kind !== 'numeric') return;
  const num = cccdNumber(c.digits);
  if (state.cccdIndex.putIfAbsent(num, state.occCount) === -1) addOccurrence(state, occSheetSlot(state, sheet), row, unitIndex, num);
}

// Prescan flags (LearnerState.rowFlags).
/** The name is not blank and passes detectLegacy and checkName (no issue). */
const ROW_NAME_OK = 1;
/** The e-mail cell is non-blank text that checkEmail finds valid with no suggestion (no issue). */
const ROW_EMAIL_OK = 2;
/** The e-mail cell is not empty: its hash is in `rowEmailHash`. */
const ROW_HAS_EMAIL = 4;

/** The trimmed text of a learner row's Đơn vị cell ('' when empty). */
function unitCellText(raw: Cell): string {
  return cellText(raw).trim();
}

/** A cell's text is empty after trimming (the common non-blank case decided by its first character). */
function isBlankText(text: string): boolean {
  if (text === '') return true;
  const c = text.charCodeAt(0);
  if (c > 32 && c !== 0xa0 && c < 0x1680) return false;
  return text.trim() === '';
}

/**
 * What checkLearnerTable's steps share about one table: its columns and labels, the prescan's
 * per-row data, the memoised look-ups, and the last unit text resolved (rows of one unit usually
 * come together). Created once per table.
 */
interface TableScan {
  state: LearnerState;
  issues: IssueSink;
  units: Unit[];
  noUnit: number;
  owner: Unit | null;
  sheet: string;
  sheetSlot: number;
  lab: Record<string, string>;
  cName: number;
  cCccd: number;
  cEmail: number;
  cUnit: number;
  cGroup: number;
  cStatus: number;
  cBirth: number;
  cGender: number;
  cProgram: number;
  /** the prescan's row offset of this table (rows are at preBase + r), with its arrays (null: no prescan) */
  preBase: number;
  rowEmailHash: Uint32Array | null;
  rowNameHash: Uint32Array | null;
  rowFlags: Uint8Array | null;
  /** state.counts: rows, valid, invalid, duplicates, completed, inProgress, notStarted */
  cRows: Int32Array;
  cValid: Int32Array;
  cInvalid: Int32Array;
  cDup: Int32Array;
  cDone: Int32Array;
  cProg: Int32Array;
  cNot: Int32Array;
  groupOf: (text: string) => GroupWord | undefined;
  statusOf: (text: string) => StatusReading | undefined;
  genderOfText: (text: string) => 'Nam' | 'Nữ' | undefined;
  unmapped: UnmappedCourses;
  lastUnitText: string;
  lastUnitRes: Resolution | null;
}

/**
 * One row as checkLearnerTable's steps read and decide it; one object per table, reset for each
 * row (no allocation per row).
 */
interface RowCheck {
  /** 0-based row index, 1-based sheet row, the cells, the prescan's ROW_* flags */
  r: number;
  rowNum: number;
  row: Cell[];
  flags: number;
  /** an error makes the row invalid; a CCCD_DUPLICATE also counts it as a duplicate */
  bad: boolean;
  dup: boolean;
  unit: Unit | null;
  /** unit index, or noUnit */
  u: number;
  unitCode: string | undefined;
  /** the name ('' until read when the prescan found it fine), known non-blank, found fine by the prescan */
  name: string;
  hasName: boolean;
  nameOk: boolean;
  /** group (GROUP_INDEX); whether a school's group is still to be decided by the CCCD's age */
  g: number;
  inferAtSchool: boolean;
  /** the CCCD's 12 digits, number (-1: no valid CCCD) and birth year */
  digits: string;
  num: number;
  by: number;
  /** this row's occurrence id, once recorded (a first occurrence an index refers to) */
  id: number;
  /** status code (STATUS_CODE) and programme */
  s: number;
  course: Course | null;
}

function tableScan(state: LearnerState, t: LearnerTable, rowFilter: number[] | undefined): TableScan {
  const col = t.columns;
  const pre = rowFilter ? -1 : state.prescanTables.indexOf(t);
  return {
    state,
    issues: state.issues,
    units: state.resolver.units,
    noUnit: state.resolver.units.length,
    owner: t.owner,
    sheet: t.sheet,
    sheetSlot: occSheetSlot(state, t.sheet),
    lab: t.labels,
    cName: col.name,
    cCccd: col.cccd,
    cEmail: col.email ?? -1,
    cUnit: col.unit ?? -1,
    cGroup: col.group ?? -1,
    cStatus: col.status ?? -1,
    cBirth: col.birth ?? -1,
    cGender: col.gender ?? -1,
    cProgram: col.program ?? -1,
    preBase: pre >= 0 ? state.prescanBase[pre] : 0,
    rowEmailHash: pre >= 0 ? state.rowEmailHash : null,
    rowNameHash: pre >= 0 ? state.rowNameHash : null,
    rowFlags: pre >= 0 ? state.rowFlags : null,
    cRows: state.counts[0],
    cValid: state.counts[1],
    cInvalid: state.counts[2],
    cDup: state.counts[3],
    cDone: state.counts[4],
    cProg: state.counts[5],
    cNot: state.counts[6],
    groupOf: memoLookup<GroupWord>(groupWordOf),
    statusOf: memoLookup<StatusReading>(readStatus),
    genderOfText: memoLookup((text) => GENDER_INDEX.get(matchKey(text))),
    unmapped: new UnmappedCourses(true),
    lastUnitText: '',
    lastUnitRes: null,
  };
}

function newRowCheck(): RowCheck {
  return {
    r: 0,
    rowNum: 0,
    row: [],
    flags: 0,
    bad: false,
    dup: false,
    unit: null,
    u: 0,
    unitCode: undefined,
    name: '',
    hasName: false,
    nameOk: false,
    g: 0,
    inferAtSchool: false,
    digits: '',
    num: -1,
    by: 0,
    id: -1,
    s: 2,
    course: null,
  };
}

/**
 * Check every non-blank data row of one learner table, in row order, and count it.
 * `rowFilter`, when given, limits the check to those 0-based row indexes (instant checks).
 * Each row goes through the steps below in this order, which is the order of its issues.
 */
export function checkLearnerTable(state: LearnerState, t: LearnerTable, rowFilter?: number[]): void {
  const ts = tableScan(state, t, rowFilter);
  const values = t.values;
  const cStt = t.columns.stt ?? -1;
  const cOwn = t.statusColumn ?? -1;
  const rowFlags = ts.rowFlags;
  const rc = newRowCheck();
  const from = rowFilter ? 0 : t.headerIndex + 1;
  const to = rowFilter ? rowFilter.length : values.length;
  for (let i = from; i < to; i++) {
    const r = rowFilter ? rowFilter[i] : i;
    const row = values[r];
    const flags = rowFlags !== null ? rowFlags[ts.preBase + r] : 0;
    // fast paths: a name known to be fine, or that starts with a visible character, makes the row non-blank
    if ((flags & ROW_NAME_OK) === 0) {
      const nc0 = row ? row[ts.cName] : undefined;
      if (!(typeof nc0 === 'string' && nc0.length > 0 && nc0.charCodeAt(0) > 32 && nc0.charCodeAt(0) !== 0xa0) && isBlankRow(row, cStt, cOwn)) continue;
    }
    startRow(rc, r, row, flags);
    checkUnitCell(ts, rc);
    checkNameCell(ts, rc);
    readGroupCell(ts, rc);
    checkCccdCell(ts, rc);
    checkEmailCell(ts, rc);
    checkSamePerson(ts, rc);
    readStatusCell(ts, rc);
    readProgrammeCell(ts, rc);
    countRow(ts, rc);
  }
  ts.unmapped.report(ts.issues, ts.sheet, ts.lab.program);
}

/** An issue's location: this row, a column, the row's unit (built only when an issue is added). */
function rowAt(ts: TableScan, rc: RowCheck, column: string | undefined): IssueLocation {
  return { sheet: ts.sheet, row: rc.rowNum, column, unit: rc.unitCode };
}

function startRow(rc: RowCheck, r: number, row: Cell[], flags: number): void {
  rc.r = r;
  rc.rowNum = r + 1;
  rc.row = row;
  rc.flags = flags;
  rc.bad = false;
  rc.dup = false;
  rc.num = -1;
  rc.by = 0;
  rc.id = -1;
  rc.digits = '';
  rc.s = 2;
  rc.course = null;
}

/** Đơn vị: the sheet's owner, else the cell resolved to a unit (UNIT_MISSING, UNIT_UNKNOWN). */
function checkUnitCell(ts: TableScan, rc: RowCheck): void {
  let unit: Unit | null = ts.owner;
  if (!unit) {
    const text = ts.cUnit >= 0 ? unitCellText(rc.row[ts.cUnit]) : '';
    if (text === '') {
      ts.issues.add('UNIT_MISSING', { sheet: ts.sheet, row: rc.rowNum, column: ts.cUnit >= 0 ? ts.lab.unit : 'Đơn vị' });
      rc.bad = true;
    } else {
      // the resolver caches per text; this skips even its look-up for a run of equal texts
      const res: Resolution = ts.lastUnitRes !== null && text === ts.lastUnitText ? ts.lastUnitRes : ts.state.resolver.resolve(text);
      ts.lastUnitText = text;
      ts.lastUnitRes = res;
      if (res.unit) unit = res.unit;
      else {
        ts.issues.add(
          'UNIT_UNKNOWN',
          { sheet: ts.sheet, row: rc.rowNum, column: ts.lab.unit },
          res.candidates ? { value: text, candidates: res.candidates } : { value: text, suggestion: res.suggestion ?? undefined },
        );
        rc.bad = true;
      }
    }
  }
  rc.unit = unit;
  rc.u = unit ? unit.index : ts.noUnit;
  rc.unitCode = unit ? unit.code : undefined;
}

/** Họ và tên: NAME_MISSING, NAME_LEGACY_ENCODING, NAME_FORMAT (skipped when the prescan found it fine). */
function checkNameCell(ts: TableScan, rc: RowCheck): void {
  rc.nameOk = (rc.flags & ROW_NAME_OK) !== 0;
  rc.name = rc.nameOk ? '' : cellText(rc.row[ts.cName]);
  rc.hasName = rc.nameOk || !isBlankText(rc.name);
  if (rc.nameOk) return;
  const at = rowAt(ts, rc, ts.lab.name);
  if (!rc.hasName) {
    ts.issues.add('NAME_MISSING', at);
    rc.bad = true;
    return;
  }
  const name = rc.name;
  const legacy = detectLegacy(name);
  if (legacy) {
    ts.issues.add('NAME_LEGACY_ENCODING', at, { value: name, encoding: legacy.encoding, suggestion: legacy.converted });
  } else {
    const nc = checkName(name);
    if (nc.problem) ts.issues.add('NAME_FORMAT', at, { value: name, reason: nc.problem, suggestion: nc.suggestion });
  }
}

/**
 * Nhóm đối tượng (needed for the age check): the cell; blank → the unit's Nhóm mặc định, else its
 * type's default; at a school without one, decided by the CCCD's age (checkCccdCell). GROUP_UNKNOWN.
 */
function readGroupCell(ts: TableScan, rc: RowCheck): void {
  const unit = rc.unit;
  rc.g = unit ? GROUP_INDEX[unit.defaultGroup ?? DEFAULT_GROUP[unit.type]] : GROUP_INDEX.NGUOI_DAN;
  rc.inferAtSchool = unit !== null && unit.defaultGroup === null && unit.type === 'TRUONG';
  if (ts.cGroup < 0) return;
  const gc = rc.row[ts.cGroup];
  if (gc === '' || gc === null || gc === undefined) return;
  const text = cellText(gc);
  if (isBlankText(text)) return;
  rc.inferAtSchool = false;
  const found = ts.groupOf(text);
  if (found) rc.g = GROUP_INDEX[found === 'WORKER' ? workerGroup(unit ? unit.type : null) : found];
  else ts.issues.add('GROUP_UNKNOWN', rowAt(ts, rc, ts.lab.group), { value: text, group: GROUP_LABELS[GROUPS[rc.g]] });
}

/** Số CCCD: its kind's error, or for a valid one its warnings, birth date and gender, and duplicates. */
function checkCccdCell(ts: TableScan, rc: RowCheck): void {
  const ccCell = rc.row[ts.cCccd];
  let kind: CccdKind;
  let d: string;
  if (isPlainCccd(ccCell)) {
    kind = 'ok';
    d = ccCell as string;
  } else {
    const cc = parseCccd(ccCell);
    kind = cc.kind;
    d = cc.digits;
  }
  switch (kind) {
    case 'missing':
      ts.issues.add('CCCD_MISSING', rowAt(ts, rc, ts.lab.cccd));
      rc.bad = true;
      return;
    case 'precision_lost':
      ts.issues.add('CCCD_PRECISION_LOST', rowAt(ts, rc, ts.lab.cccd));
      rc.bad = true;
      return;
    case 'old_cmnd':
      ts.issues.add('CCCD_OLD_CMND', rowAt(ts, rc, ts.lab.cccd));
      rc.bad = true;
      return;
    case 'format':
      ts.issues.add('CCCD_FORMAT', rowAt(ts, rc, ts.lab.cccd), { masked: maskCccd(d), length: d.length, reason: /[^0-9]/.test(d) ? 'letters' : 'short' });
      rc.bad = true;
      return;
    case 'numeric':
    case 'ok':
      if (kind === 'numeric') ts.issues.add('CCCD_NUMERIC_CELL', rowAt(ts, rc, ts.lab.cccd), { masked: maskCccd(d) });
      rc.digits = d;
      rc.num = cccdNumber(d);
      checkCccdStructure(ts, rc);
      checkBirthAndGender(ts, rc);
      checkCccdDuplicate(ts, rc);
  }
}

/** A valid CCCD's province, century and age (CCCD_PROVINCE, CCCD_CENTURY, CCCD_AGE); a school's group by age (GROUP_INFERRED). */
function checkCccdStructure(ts: TableScan, rc: RowCheck): void {
  const d = rc.digits;
  const todayYear = ts.state.todayYear;
  if (!provinceKnown(d)) ts.issues.add('CCCD_PROVINCE', rowAt(ts, rc, ts.lab.cccd), { prefix: d.slice(0, 3) });
  const by = (rc.by = birthYear(d));
  if (rc.inferAtSchool && todayYear - by > SCHOOL_STUDENT_MAX_AGE) {
    rc.g = GROUP_INDEX.CBCCVC;
    ts.issues.add('GROUP_INFERRED', rowAt(ts, rc, ts.cGroup >= 0 ? ts.lab.group : ts.lab.cccd), { age: todayYear - by, group: GROUP_LABELS.CBCCVC });
  }
  if (by > todayYear) ts.issues.add('CCCD_CENTURY', rowAt(ts, rc, ts.lab.cccd), { cccdYear: by });
  else {
    const age = todayYear - by;
    const g = rc.g;
    if (age < MIN_AGE[g] || age > MAX_AGE) ts.issues.add('CCCD_AGE', rowAt(ts, rc, ts.lab.cccd), { age, minAge: MIN_AGE[g], group: GROUP_LABELS[GROUPS[g]] });
  }
}

/** Ngày sinh and Giới tính against a valid CCCD (CCCD_MISMATCH). */
function checkBirthAndGender(ts: TableScan, rc: RowCheck): void {
  if (ts.cBirth >= 0) {
    const bc = rc.row[ts.cBirth];
    if (bc !== '' && bc !== null && bc !== undefined) {
      const y = parseYearCell(bc);
      if (y !== null && y !== rc.by) ts.issues.add('CCCD_MISMATCH', rowAt(ts, rc, ts.lab.birth), { reason: 'year', year: y, cccdYear: rc.by });
    }
  }
  if (ts.cGender >= 0) {
    const gcell = rc.row[ts.cGender];
    if (typeof gcell === 'string' && gcell !== '') {
      const typed = ts.genderOfText(gcell) ?? null;
      const fromId = genderOf(rc.digits);
      if (typed && typed !== fromId)
        ts.issues.add('CCCD_MISMATCH', rowAt(ts, rc, ts.lab.gender), { reason: 'gender', gender: gcell.trim(), cccdGender: fromId });
    }
  }
}

/** Duplicates: the first occurrence (sheet order, then row order) counts; every later one is CCCD_DUPLICATE. */
function checkCccdDuplicate(ts: TableScan, rc: RowCheck): void {
  const state = ts.state;
  const num = rc.num;
  const repeats = state.cccdRepeats;
  let first = -1;
  if (repeats === null || repeats.has(hash32(num))) {
    first = state.cccdIndex.putIfAbsent(num, state.occCount);
    if (first === -1) rc.id = addOccurrence(state, ts.sheetSlot, rc.rowNum, rc.unit ? rc.unit.index : -1, num);
  }
  if (first === -1) return;
  const units = ts.units;
  const fu = state.occUnit[first];
  const firstSheet = state.occSheets[state.occSheet[first]];
  const firstRow = state.occRow[first];
  ts.issues.add('CCCD_DUPLICATE', rowAt(ts, rc, ts.lab.cccd), {
    masked: maskCccd(rc.digits),
    firstSheet,
    firstRow,
    firstUnit: fu >= 0 ? units[fu].name : undefined,
  });
  let grp = state.dupGroups.get(first);
  if (!grp) {
    grp = { cccd: maskCccd(rc.digits), occurrences: [{ sheet: firstSheet, row: firstRow, unit: fu >= 0 ? units[fu].code : null }] };
    state.dupGroups.set(first, grp);
  }
  grp.occurrences.push({ sheet: ts.sheet, row: rc.rowNum, unit: rc.unit ? rc.unit.code : null });
  rc.bad = true;
  rc.dup = true;
}

/** Email: EMAIL_FORMAT, EMAIL_TYPO (text and check skipped when the prescan found it fine), EMAIL_SHARED. */
function checkEmailCell(ts: TableScan, rc: RowCheck): void {
  if (ts.cEmail < 0) return;
  const state = ts.state;
  let text: string | null = null;
  let e: EmailCheck | null = null;
  let valid = (rc.flags & ROW_EMAIL_OK) !== 0;
  if (!valid) {
    const ec = rc.row[ts.cEmail];
    if (ec !== '' && ec !== null && ec !== undefined) {
      text = cellText(ec);
      if (!isBlankText(text)) {
        e = checkEmail(text);
        valid = e.valid;
        if (!e.valid) ts.issues.add('EMAIL_FORMAT', rowAt(ts, rc, ts.lab.email), { value: text.trim(), suggestion: e.suggestion });
        else if (e.suggestion) ts.issues.add('EMAIL_TYPO', rowAt(ts, rc, ts.lab.email), { value: text.trim(), suggestion: e.suggestion });
      }
    }
  }
  if (!valid || rc.num < 0 || rc.dup) return;
  const h = ts.rowEmailHash !== null ? ts.rowEmailHash[ts.preBase + rc.r] : lowerHash(e!.normalized);
  if (state.emailRepeats !== null && !state.emailRepeats.has(h)) return;
  if (text === null || e === null) {
    text = cellText(rc.row[ts.cEmail]);
    e = checkEmail(text);
  }
  const prev = findEmail(state, e.normalized, h);
  if (prev < 0) {
    if (rc.id < 0) rc.id = addOccurrence(state, ts.sheetSlot, rc.rowNum, rc.u === ts.noUnit ? -1 : rc.u, rc.num);
    recordEmail(state, e.normalized, h, rc.id);
  } else if (state.occCccd[prev] !== rc.num)
    ts.issues.add('EMAIL_SHARED', rowAt(ts, rc, ts.lab.email), {
      value: text.trim(),
      firstSheet: state.occSheets[state.occSheet[prev]],
      firstRow: state.occRow[prev],
    });
}

/** Same name and birth year in the same unit with a different CCCD: PERSON_POSSIBLE_DUPLICATE. */
function checkSamePerson(ts: TableScan, rc: RowCheck): void {
  if (rc.num < 0 || rc.dup || !rc.unit || !rc.hasName) return;
  const state = ts.state;
  const u = rc.u;
  const nameHash = ts.rowNameHash !== null ? ts.rowNameHash[ts.preBase + rc.r] : matchKeyHash(rc.name);
  const key = personKey(u, rc.by, nameHash);
  const table = state.personTable;
  const slot = table.find(key);
  // with a prescan, a key outside its table is a person no other row shares
  if (slot < 0 && state.personsPrescanned) return;
  if (rc.nameOk) rc.name = cellText(rc.row[ts.cName]);
  const head = slot < 0 ? -1 : table.value(slot);
  const prev = findPerson(state, head, u, rc.by, rc.name, nameHash);
  if (prev < 0) {
    if (rc.id < 0) rc.id = addOccurrence(state, ts.sheetSlot, rc.rowNum, u, rc.num);
    const entry = recordPerson(state, head, u, rc.by, rc.name, nameHash, rc.id);
    if (slot < 0) table.insert(key, entry);
    else table.setValue(slot, entry);
  }
  if (prev >= 0 && state.occCccd[prev] !== rc.num)
    ts.issues.add('PERSON_POSSIBLE_DUPLICATE', rowAt(ts, rc, ts.lab.name), {
      firstSheet: state.occSheets[state.occSheet[prev]],
      firstRow: state.occRow[prev],
    });
}

/** Trạng thái: text (memoised), a checkbox or a number (a %-formatted cell); STATUS_AMBIGUOUS, STATUS_UNKNOWN. */
function readStatusCell(ts: TableScan, rc: RowCheck): void {
  if (ts.cStatus < 0) return;
  const sc = rc.row[ts.cStatus];
  if (sc === '' || sc === null || sc === undefined) return;
  const found = typeof sc === 'string' ? ts.statusOf(sc) : readStatus(sc);
  if (found) {
    rc.s = STATUS_CODE[found.status];
    if (found.ambiguous) ts.issues.add('STATUS_AMBIGUOUS', rowAt(ts, rc, ts.lab.status), { value: cellText(sc).trim(), accepted: STATUS_WORDS });
  } else ts.issues.add('STATUS_UNKNOWN', rowAt(ts, rc, ts.lab.status), { value: cellText(sc) });
}

/** Chương trình: which indicator a completion by status serves (an unmapped one noted for COURSE_UNMAPPED). */
function readProgrammeCell(ts: TableScan, rc: RowCheck): void {
  if (ts.cProgram < 0) return;
  const pc = rc.row[ts.cProgram];
  if (pc === '' || pc === null || pc === undefined) return;
  const text = cellText(pc);
  if (isBlankText(text)) return;
  const course = ts.state.courses.resolve(text);
  if (course.code === null && !course.explicit) ts.unmapped.note(course, rc.rowNum);
  rc.course = course;
}

/** The row's counts: rows, invalid or duplicate, or valid with its group, evidence (status and platform) and courses. */
function countRow(ts: TableScan, rc: RowCheck): void {
  const state = ts.state;
  const u = rc.u;
  const g = rc.g;
  ts.cRows[u]++;
  if (rc.bad) {
    ts.cInvalid[u]++;
    if (rc.dup) ts.cDup[u]++;
    return;
  }
  ts.cValid[u]++;
  state.validByGroup[u * 4 + g]++;
  // evidence bits (INDICATORS order) and completed course ids of this person
  const course = rc.course;
  let ev = 0;
  let cm = 0;
  if (rc.s === 0) {
    ev = 1 << (course !== null && course.code !== null ? INDICATOR_INDEX[course.code] : GROUP_INDICATOR[g]);
    if (course !== null && course.id >= 0) cm = 1 << course.id;
  }
  if (rc.num >= 0 && state.platformCount > 0) {
    const slot = state.platformIndex.get(rc.num);
    if (slot >= 0) {
      const pm = state.platformMask[slot];
      ev |= pm & ((1 << N_IND) - 1);
      if ((pm & (1 << (BLANK_COURSE_SHIFT + g))) !== 0) ev |= 1 << GROUP_INDICATOR[g];
      cm |= state.platformCourses[slot];
    }
  }
  if (ev !== 0) {
    ts.cDone[u]++;
    const base = u * N_IND;
    for (let i = 0; i < N_IND; i++) if ((ev & (1 << i)) !== 0) state.evidence[base + i]++;
  } else if (rc.s === 1) ts.cProg[u]++;
  else ts.cNot[u]++;
  if (cm !== 0) {
    const base = u * MAX_COURSES;
    for (let i = 0; i < MAX_COURSES; i++) if ((cm & (1 << i)) !== 0) state.courseCounts[base + i]++;
  }
}

/** What FirstRowTally keeps per key: its first row, its number of rows, the text of its first row and the union of its rows' bits. */
interface FirstRowEntry {
  row: number;
  rows: number;
  text: string;
  bits: number;
}

/**
 * Rows tallied per distinct key, for a warning given once per key at its first row with the
 * number of rows (COURSE_UNMAPPED, PLATFORM_UNIT_UNKNOWN): a platform export has 400,000 rows,
 * never one issue per row. One entry per key (allocated on its first row only); entries in the
 * order of their first rows.
 */
class FirstRowTally<K> {
  readonly seen = new Map<K, FirstRowEntry>();
  /** The last key noted and its entry (rows of one key often come together: no look-up for a run). */
  private lastKey: K | undefined = undefined;
  private last: FirstRowEntry | undefined = undefined;
  note(key: K, row: number, text: string, bits = 0): void {
    let e = key === this.lastKey ? this.last : this.seen.get(key);
    if (e) {
      e.rows++;
      e.bits |= bits;
    } else this.seen.set(key, (e = { row, rows: 1, text, bits }));
    this.lastKey = key;
    this.last = e;
  }
}

/** COURSE_UNMAPPED: once per distinct unmapped course of a sheet, at its first row, with its row count. */
class UnmappedCourses {
  private readonly tally = new FirstRowTally<Course>();
  constructor(private readonly learnerRows: boolean) {}
  note(course: Course, row: number): void {
    this.tally.note(course, row, course.name);
  }
  report(issues: IssueSink, sheet: string, column: string | undefined): void {
    for (const e of this.tally.seen.values())
      issues.add('COURSE_UNMAPPED', { sheet, row: e.row, column }, { value: e.text, rows: e.rows, learnerRow: this.learnerRows });
  }
}

/**
 * PLATFORM_UNIT_UNKNOWN: once per distinct unresolved `Đơn vị` text of `Kết quả nền tảng` (by the
 * resolver's key, matchKey), at its first row, with the number of rows and the indicators they
 * would have been aggregate evidence for. Rows are noted by their Resolution (the resolver's, one
 * per distinct text: no key built per row); texts of the same key are merged when reporting.
 */
class UnresolvedPlatformUnits {
  private readonly tally = new FirstRowTally<Resolution>();
  note(res: Resolution, row: number, text: string, indicator: number): void {
    this.tally.note(res, row, text, 1 << indicator);
  }
  report(issues: IssueSink, sheet: string, column: string | undefined): void {
    const byKey = new Map<string, { e: FirstRowEntry; res: Resolution }>();
    for (const [res, e] of this.tally.seen) {
      const key = matchKey(e.text);
      const same = byKey.get(key);
      if (same === undefined) byKey.set(key, { e: { ...e }, res });
      else {
        // the same key: the same resolution; the first row is the earlier one (entries are in row order)
        same.e.rows += e.rows;
        same.e.bits |= e.bits;
      }
    }
    for (const { e, res } of byKey.values()) {
      const indicators = INDICATORS.filter((_, i) => (e.bits & (1 << i)) !== 0);
      const details: IssueDetailsByCode['PLATFORM_UNIT_UNKNOWN'] = { value: e.text, rows: e.rows, indicators };
      if (res.unit === null) {
        if (res.candidates) details.candidates = res.candidates;
        else if (res.suggestion !== null) details.suggestion = res.suggestion;
      }
      issues.add('PLATFORM_UNIT_UNKNOWN', { sheet, row: e.row, column }, details);
    }
  }
}

/**
 * Before a whole-workbook run: find the CCCD numbers, e-mail addresses and persons (unit, CCCD
 * birth year, name) that occur on more than one row of the learner tables, by their 32-bit
 * hashes (hash32 of the number, lowerHash of checkEmail's normalised address, personKey):
 * sorted, sequential, no hash table over all rows. checkLearnerTable then indexes only those.
 * Over-approximates (blank or invalid rows included, hash collisions): a value whose hash is
 * outside the sets is certainly unique. It also runs the name and e-mail checks it has the cells
 * for, and leaves ROW_* flags and hashes so that the main pass does not read those cells again.
 */
export function prescanLearners(state: LearnerState, tables: LearnerTable[]): void {
  const resolver = state.resolver;
  let n = 0;
  for (const t of tables) n += Math.max(0, t.values.length - t.headerIndex - 1);
  const nums = new Uint32Array(n);
  const persons = new Uint32Array(n);
  const rowEmailHash = new Uint32Array(n);
  const rowNameHash = new Uint32Array(n);
  const rowFlags = new Uint8Array(n);
  let offset = 0;
  let nn = 0;
  let nh = 0;
  let np = 0;
  let lastUnitText = '';
  let lastUnit: Unit | null = null;
  state.prescanTables = [];
  state.prescanBase = [];
  for (const t of tables) {
    const cC = t.columns.cccd;
    const cE = t.columns.email ?? -1;
    const cN = t.columns.name;
    const cU = t.columns.unit ?? -1;
    const values = t.values;
    const base = offset - t.headerIndex - 1;
    state.prescanTables.push(t);
    state.prescanBase.push(base);
    offset += Math.max(0, values.length - t.headerIndex - 1);
    for (let r = t.headerIndex + 1; r < values.length; r++) {
      const row = values[r];
      if (!row) continue;
      const cell = row[cC];
      let d = '';
      if (isPlainCccd(cell)) d = cell as string;
      else {
        const cc = parseCccd(cell);
        if (cc.kind === 'ok' || cc.kind === 'numeric') d = cc.digits;
      }
      const name = cellText(row[cN]);
      const hasName = !isBlankText(name);
      let nameHash = 0;
      if (hasName) {
        nameHash = rowNameHash[base + r] = matchKeyHash(name);
        if (detectLegacy(name) === null && checkName(name).problem === null) rowFlags[base + r] = ROW_NAME_OK;
      }
      if (d !== '') {
        nums[nn++] = hash32(cccdNumber(d));
        // the person key, as checkLearnerTable would look it up
        if (hasName) {
          let unit = t.owner;
          if (!unit && cU >= 0) {
            const text = unitCellText(row[cU]);
            if (text !== '') {
              if (text !== lastUnitText) {
                lastUnitText = text;
                lastUnit = resolver.resolve(text).unit;
              }
              unit = lastUnit;
            }
          }
          if (unit) persons[np++] = personKey(unit.index, birthYear(d), nameHash);
        }
      }
      if (cE >= 0) {
        const ec = row[cE];
        if (ec !== '' && ec !== null && ec !== undefined) {
          const text = cellText(ec);
          // printable ASCII without spaces: its own normalised form up to case (and not blank)
          let h = lowerHashPrintable(text);
          if (h >= 0) {
            const e = checkEmail(text);
            if (e.valid && !e.suggestion) rowFlags[base + r] |= ROW_EMAIL_OK;
          } else h = lowerHash(checkEmail(text).normalized);
          rowEmailHash[base + r] = h;
          rowFlags[base + r] |= ROW_HAS_EMAIL;
          nh++;
        }
      }
    }
  }
  // Two buffers of n for the three sorts (typed arrays are external memory to V8, which starts a
  // full collection past 64 MB of them: README, Benchmarks): the CCCD hashes sort with a second
  // buffer; then the addresses' hashes, gathered from rowEmailHash into the first, sort with it.
  const second = new Uint32Array(n);
  state.cccdRepeats = createRepeatsSet(nums.subarray(0, nn), second);
  let k = 0;
  for (let i = 0; i < n; i++) if ((rowFlags[i] & ROW_HAS_EMAIL) !== 0) nums[k++] = rowEmailHash[i];
  state.emailRepeats = createRepeatsSet(nums.subarray(0, nh), second);
  const personRepeats = createRepeatsSet(persons.subarray(0, np), second);
  state.personTable = personRepeats;
  state.personsPrescanned = true;
  // the occurrences to come: at most one per row whose CCCD, address or person repeats (hash
  // collisions may add a few: they grow then), allocated once instead of doubling
  reserveOccurrences(state, state.cccdRepeats.size() + state.emailRepeats.size() + personRepeats.size());
  state.rowEmailHash = rowEmailHash;
  state.rowNameHash = rowNameHash;
  state.rowFlags = rowFlags;
  // the tables now hold only repeated values: small enough to stay in cache
  state.cccdIndex = createNumberIndex(state.cccdRepeats.size());
  state.emailIndex = createMultiIndex(state.emailRepeats.size());
}

/** The occurrence id of the first row with this address (case-insensitive; h = lowerHash(address)), or -1. */
function findEmail(state: LearnerState, address: string, h: number): number {
  const ix = state.emailIndex;
  let lower: string | null = null;
  for (let slot = ix.first(h); slot >= 0; slot = ix.next(slot, h)) {
    const e = ix.value(slot);
    const other = state.emailText[e];
    if (other === address || other.toLowerCase() === (lower ??= address.toLowerCase())) return state.emailOcc[e];
  }
  return -1;
}

function recordEmail(state: LearnerState, address: string, h: number, occ: number): void {
  state.emailIndex.add(h, state.emailText.length);
  state.emailText.push(address);
  state.emailOcc.push(occ);
}

/** 32 bits of name hash, 12 bits of year (wrapping is fine: candidates are verified). */
function personIndexKey(year: number, nameHash: number): number {
  return nameHash * 4096 + (year & 4095);
}

/**
 * The 32-bit key under which prescanLearners counts a (unit, CCCD birth year, name) triple;
 * nameHash = matchKeyHash(name). Equal for rows that findPerson could match.
 */
function personKey(unit: number, year: number, nameHash: number): number {
  return (hash32(personIndexKey(year, nameHash)) ^ Math.imul(unit + 1, 0x9e3779b1)) >>> 0;
}

/**
 * The occurrence id of the first row of the same unit, CCCD birth year and toneKey(name), or -1,
 * among the entries of one person key's chain (from `head`; -1: none).
 */
function findPerson(state: LearnerState, head: number, unit: number, year: number, name: string, nameHash: number): number {
  let tk: string | null = null;
  for (let p = head; p >= 0; p = state.personNext[p]) {
    if (state.personHash[p] !== nameHash || state.personYear[p] !== year || state.personUnit[p] !== unit) continue;
    const other = state.personName[p];
    if (other === name || toneKey(other) === (tk ??= toneKey(name))) return state.personOcc[p];
  }
  return -1;
}

/** A new person entry, linked before the chain's `head`; returns it (the chain's new head). */
function recordPerson(state: LearnerState, head: number, unit: number, year: number, name: string, nameHash: number, occ: number): number {
  const entry = state.personName.length;
  state.personName.push(name);
  state.personYear.push(year);
  state.personUnit.push(unit);
  state.personHash.push(nameHash);
  state.personOcc.push(occ);
  state.personNext.push(head);
  return entry;
}

/**
 * Read `Kết quả nền tảng` (docs/rules.md §5): per CCCD, the indicators its complete rows count
 * for (a mapped course within its target's period; a row without a course for the learner's
 * group), the courses completed, and the aggregate evidence of the units its optional Đơn vị
 * column names.
 */
export function readPlatform(state: LearnerState, t: FoundTable): void {
  const { issues, courses, periodStart, periodEnd } = state;
  const cC = t.columns.cccd;
  const cS = t.columns.status;
  const cCourse = t.columns.course ?? -1;
  const cDate = t.columns.completedAt ?? -1;
  const cUnit = t.columns.unit ?? -1;
  state.platformPresent = true;
  state.platformUnitColumn = cUnit >= 0;
  const rows = t.values.length;
  state.platformIndex = createNumberIndex(rows);
  state.platformMask = new Int32Array(rows);
  state.platformCourses = new Int32Array(rows);
  const unitSeen: NumberSet = createNumberSet(cUnit >= 0 ? rows : 16);
  const unmapped = new UnmappedCourses(false);
  const unresolved = new UnresolvedPlatformUnits();
  const inPeriod = (i: number, day: number | null) => day === null || (day >= periodStart[i] && day <= periodEnd[i]);
  let missingDateColumn = cDate < 0;
  for (let r = t.headerIndex + 1; r < rows; r++) {
    const row = t.values[r];
    if (isBlankRow(row, -1, -1)) continue;
    const c = parseCccd(row[cC]);
    if (c.kind !== 'ok' && c.kind !== 'numeric') {
      issues.add('PLATFORM_CCCD_INVALID', { sheet: t.sheet, row: r + 1, column: t.labels.cccd });
      continue;
    }
    const courseText = cCourse >= 0 ? cellText(row[cCourse]).trim() : '';
    const course = courseText ? courses.resolve(courseText) : null;
    if (course !== null && course.code === null && !course.explicit) unmapped.note(course, r + 1);
    const st = readStatus(row[cS]);
    if (st === null || st.status !== 'HOAN_THANH') continue;
    if (course !== null && course.code === null && course.explicit) continue;
    let day: number | null = null;
    if (cDate >= 0) {
      const p = parseDateCell(row[cDate]);
      if (p) day = dayNumber(p);
    }
    if (day === null && (course === null || course.code !== null)) {
      if (cDate >= 0) issues.add('COMPLETION_DATE_MISSING', { sheet: t.sheet, row: r + 1, column: t.labels.completedAt });
      else if (missingDateColumn) {
        issues.add('COMPLETION_DATE_MISSING', { sheet: t.sheet, row: t.headerIndex + 1, column: 'Ngày hoàn thành' });
        missingDateColumn = false;
      }
    }
    let mask = 0;
    if (course === null) {
      for (let g = 0; g < 4; g++) if (inPeriod(GROUP_INDICATOR[g], day)) mask |= 1 << (BLANK_COURSE_SHIFT + g);
    } else if (course.code !== null) {
      const i = INDICATOR_INDEX[course.code];
      if (inPeriod(i, day)) mask |= 1 << i;
    }
    const counted = course !== null && course.id >= 0 && (course.code === null || mask !== 0);
    if (mask === 0 && !counted) continue;
    const num = cccdNumber(c.digits);
    let slot = state.platformIndex.putIfAbsent(num, state.platformCount);
    if (slot === -1) slot = state.platformCount++;
    state.platformMask[slot] |= mask;
    if (counted) state.platformCourses[slot] |= 1 << course!.id;
    // aggregate evidence: the platform row names its unit
    if (cUnit >= 0 && course !== null && course.code !== null && mask !== 0) {
      const unitText = cellText(row[cUnit]).trim();
      if (unitText !== '') {
        const res = state.resolver.resolve(unitText);
        const unit = res.unit;
        const i = INDICATOR_INDEX[course.code];
        if (unit !== null) {
          if (isAggregate(course.code, unit) && unitSeen.add(num * 8 + i)) state.platformUnitEvidence[unit.index * N_IND + i]++;
        } else if (mayBeAggregate(course.code)) unresolved.note(res, r + 1, unitText, i);
      }
    }
  }
  unmapped.report(issues, t.sheet, t.labels.course);
  unresolved.report(issues, t.sheet, t.labels.unit);
}

/**
 * Indicators for which units report aggregates only: VNeID everywhere, Người dân at communes.
 * Their evidence comes only from platform rows that name the unit.
 */
export function isAggregate(code: IndicatorCode, unit: Unit): boolean {
  return code === 'VNEID' || (code === 'NGUOI_DAN' && unit.type === 'UBND_XA');
}

/** An indicator that is an aggregate for some unit (isAggregate): the one a platform row's unit matters for. */
function mayBeAggregate(code: IndicatorCode): boolean {
  return code === 'VNEID' || code === 'NGUOI_DAN';
}

/** The group whose valid learners make a learner-based numerator possible for an indicator. */
const NUMERATOR_GROUP: Partial<Record<IndicatorCode, number>> = { CBCCVC: 0, HSSV: 1, NLD_DN: 2, NGUOI_DAN: 3, AI_CCVC: 0 };

/** A unit's evidence for an indicator: null when there is no evidence source ("chưa có minh chứng"). */
export function evidenceOf(state: LearnerState, unit: Unit, code: IndicatorCode): number | null {
  const i = unit.index * N_IND + INDICATOR_INDEX[code];
  // Aggregates: evidence only from a platform sheet that names units, for an indicator some course maps to
  if (isAggregate(code, unit)) return state.platformPresent && state.platformUnitColumn && state.courses.maps(code) ? state.platformUnitEvidence[i] : null;
  return state.evidence[i];
}

/** The numerator from learner rows when the unit sent no count (null: none). */
export function learnerNumerator(state: LearnerState, unit: Unit, code: IndicatorCode): number | null {
  if (isAggregate(code, unit)) return null;
  const g = NUMERATOR_GROUP[code];
  const ev = state.evidence[unit.index * N_IND + INDICATOR_INDEX[code]];
  if (ev > 0 || (g !== undefined && state.validByGroup[unit.index * 4 + g] > 0)) return ev;
  return null;
}

/** Completions per course of a unit slot (or the province, slot = null), by course name. */
export function courseCountsOf(state: LearnerState, slot: number | null): Record<string, number> {
  const out: Record<string, number> = {};
  const names = state.courses.names;
  const slots = state.courseCounts.length / MAX_COURSES;
  names.forEach((name, id) => {
    let n = 0;
    if (slot !== null) n = state.courseCounts[slot * MAX_COURSES + id];
    else for (let u = 0; u < slots; u++) n += state.courseCounts[u * MAX_COURSES + id];
    if (n > 0) out[name] = n;
  });
  return out;
}
