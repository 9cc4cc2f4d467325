/**
 * Learner rows: every per-row check, duplicates across sheets, and the counts per unit
 * (docs/rules.md §3). One checker serves the whole-workbook run and the instant check of edited
 * rows, so both say exactly the same thing about a row.
 *
 * This is the hot loop (up to 1,000,000 rows): values that repeat (unit, group, status texts) are
 * resolved once per distinct text; CCCDs are hashed as numbers in typed arrays; no per-row closures.
 */
import { birthYear, genderOf, maskCccd, parseCccd, provinceKnown } from './cccd';
import { parseYearCell } from './dates';
import { checkEmail } from './email';
import { detectLegacy } from './legacy';
import { DEFAULT_GROUP, GROUPS, GROUP_ALIASES, GROUP_LABELS, STATUSES, STATUS_ALIASES } from './schema';
import { createMultiIndex, createNumberIndex, type MultiIndex, type NumberIndex } from './numindex';
import { cellText, isBlankRow, type FoundTable } from './tables';
import { checkName, lowerHash, matchKey, matchKeyHash, toneKey } from './text';
import type { IssueSink } from './issues';
import type { UnitResolver, Unit } from './units';
import type { Cell, DuplicateGroup, Group, IssueCode, LearnerCounts, LearnerStatus } from './types';

export const GROUP_INDEX: Record<Group, number> = { CBCCVC: 0, HSSV: 1, NLD_DN: 2, NGUOI_DAN: 3 };
const STATUS_CODE: Record<LearnerStatus, number> = { HOAN_THANH: 0, CHUA_HOAN_THANH: 1, KHONG_THAM_GIA: 2 };

/** Minimum plausible age per group (index as GROUP_INDEX). */
const MIN_AGE = [15, 5, 15, 18];
const MAX_AGE = 120;

function aliasIndex<T extends string>(values: T[], aliases: Record<T, string[]>, labels?: Record<T, string>): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(matchKey(v), v);
    if (labels) m.set(matchKey(labels[v]), v);
    for (const a of aliases[v]) m.set(matchKey(a), v);
  }
  return m;
}
const groupIndex = aliasIndex(GROUPS, GROUP_ALIASES, GROUP_LABELS);
const statusIndex = aliasIndex(STATUSES, STATUS_ALIASES);

/** A lookup by matchKey, memoised per distinct cell text (these cells repeat a handful of values). */
function memoLookup<T>(index: Map<string, T>): (text: string) => T | undefined {
  const memo = new Map<string, T | null>();
  return (text) => {
    let v = memo.get(text);
    if (v === undefined) {
      v = index.get(matchKey(text)) ?? null;
      if (memo.size < 10000) memo.set(text, v);
    }
    return v === null ? undefined : v;
  };
}

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
   * From `prescanLearners` (whole-workbook runs): the CCCD numbers and e-mail hashes that occur
   * on more than one row. A number or hash outside them is unique in the workbook, so the row is
   * its first occurrence without a look-up in a million-entry table (the slowest step of a
   * 1 M-row run was those cache-missing look-ups). null: every value is indexed (instant checks).
   */
  cccdRepeats: NumberIndex | null;
  emailRepeats: NumberIndex | null;
  occSheet: string[];
  occRow: number[];
  occUnit: number[];
  occCccd: number[];
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
  /**
   * Per unit (index = unit index; created on first use, small enough to stay in cache): the
   * (CCCD birth year, name) pairs seen, matchKeyHash(name) ⊕ year → entry, verified by toneKey.
   */
  personIndex: (MultiIndex | undefined)[];
  personName: string[];
  personYear: number[];
  personOcc: number[];
  /** CCCDs marked complete in `Kết quả nền tảng`. */
  platformComplete: NumberIndex;
  /** Counts per unit, index = unit index; the last slot is "no unit". */
  counts: Int32Array[]; // rows, valid, invalid, duplicates, completed, inProgress, notStarted
  /** Per unit × group: valid learners and completed learners (evidence). */
  validByGroup: Int32Array;
  completedByGroup: Int32Array;
}

export const COUNT_FIELDS: (keyof LearnerCounts)[] = ['rows', 'valid', 'invalid', 'duplicates', 'completed', 'inProgress', 'notStarted'];

export function createLearnerState(resolver: UnitResolver, todayYear: number, issues: IssueSink, expectedRows: number): LearnerState {
  const n = resolver.units.length + 1;
  return {
    resolver,
    todayYear,
    issues,
    cccdIndex: createNumberIndex(expectedRows),
    cccdRepeats: null,
    emailRepeats: null,
    occSheet: [],
    occRow: [],
    occUnit: [],
    occCccd: [],
    dupGroups: new Map(),
    emailIndex: createMultiIndex(expectedRows),
    emailText: [],
    emailOcc: [],
    personIndex: [],
    personName: [],
    personYear: [],
    personOcc: [],
    platformComplete: createNumberIndex(16),
    counts: COUNT_FIELDS.map(() => new Int32Array(n)),
    validByGroup: new Int32Array(n * 4),
    completedByGroup: new Int32Array(n * 4),
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

/** Record one existing occurrence of a CCCD (for instant checks: rows not being checked). */
export function seedOccurrence(state: LearnerState, sheet: string, row: number, cell: Cell, unitIndex: number): void {
  const c = parseCccd(cell);
  if (c.kind !== 'ok' && c.kind !== 'numeric') return;
  const num = Number(c.digits);
  const id = state.occSheet.length;
  if (state.cccdIndex.putIfAbsent(num, id) === -1) {
    state.occSheet.push(sheet);
    state.occRow.push(row);
    state.occUnit.push(unitIndex);
    state.occCccd.push(num);
  }
}

/**
 * Check every non-blank data row of one learner table, in row order, and count it.
 * `rowFilter`, when given, limits the check to those 0-based row indexes (instant checks).
 */
export function checkLearnerTable(state: LearnerState, t: LearnerTable, rowFilter?: number[]): void {
  const { issues, resolver, todayYear } = state;
  const units = resolver.units;
  const noUnit = units.length;
  const col = t.columns;
  const lab = t.labels;
  const cName = col.name;
  const cCccd = col.cccd;
  const cEmail = col.email ?? -1;
  const cUnit = col.unit ?? -1;
  const cGroup = col.group ?? -1;
  const cStatus = col.status ?? -1;
  const cBirth = col.birth ?? -1;
  const cGender = col.gender ?? -1;
  const cStt = col.stt ?? -1;
  const cOwn = t.statusColumn ?? -1;
  const sheet = t.sheet;
  const values = t.values;
  const [cRows, cValid, cInvalid, cDup, cDone, cProg, cNot] = state.counts;
  const groupOf = memoLookup(groupIndex);
  const statusOf = memoLookup(statusIndex);
  const genderOfText = memoLookup(GENDER_INDEX);

  const from = rowFilter ? 0 : t.headerIndex + 1;
  const to = rowFilter ? rowFilter.length : values.length;
  for (let i = from; i < to; i++) {
    const r = rowFilter ? rowFilter[i] : i;
    const row = values[r];
    // fast path: a name that starts with a visible character makes the row non-blank
    const nc0 = row ? row[cName] : undefined;
    if (!(typeof nc0 === 'string' && nc0.length > 0 && nc0.charCodeAt(0) > 32 && nc0.charCodeAt(0) !== 0xa0) && isBlankRow(row, cStt, cOwn)) continue;
    const rowNum = r + 1;
    let bad = false;
    let dup = false;

    // Unit
    let unit: Unit | null = t.owner;
    if (!unit) {
      const raw = cUnit >= 0 ? row[cUnit] : '';
      const text = raw === '' || raw === null || raw === undefined ? '' : cellText(raw).trim();
      if (text === '') {
        issues.add('UNIT_MISSING', { sheet, row: rowNum, column: cUnit >= 0 ? lab.unit : 'Đơn vị' });
        bad = true;
      } else {
        const res = resolver.resolve(text);
        if (res.unit) unit = res.unit;
        else {
          issues.add('UNIT_UNKNOWN', { sheet, row: rowNum, column: lab.unit }, { value: text, suggestion: res.suggestion ?? undefined });
          bad = true;
        }
      }
    }
    const u = unit ? unit.index : noUnit;
    const unitCode = unit ? unit.code : undefined;

    // Name
    const nameCell = row[cName];
    const name = typeof nameCell === 'string' ? nameCell : nameCell === null || nameCell === undefined ? '' : cellText(nameCell);
    if (name === '' || name.trim() === '') {
      issues.add('NAME_MISSING', { sheet, row: rowNum, column: lab.name, unit: unitCode });
      bad = true;
    } else {
      const legacy = detectLegacy(name);
      if (legacy) {
        issues.add('NAME_LEGACY_ENCODING', { sheet, row: rowNum, column: lab.name, unit: unitCode }, { value: name, encoding: legacy.encoding, suggestion: legacy.converted });
      } else {
        const nc = checkName(name);
        if (nc.problem) issues.add('NAME_FORMAT', { sheet, row: rowNum, column: lab.name, unit: unitCode }, { value: name, reason: nc.problem, suggestion: nc.suggestion });
      }
    }

    // Group (needed for the age check)
    let g = unit ? GROUP_INDEX[DEFAULT_GROUP[unit.type]] : GROUP_INDEX.NGUOI_DAN;
    if (cGroup >= 0) {
      const gc = row[cGroup];
      if (gc !== '' && gc !== null && gc !== undefined) {
        const text = cellText(gc);
        const found = groupOf(text);
        if (found) g = GROUP_INDEX[found];
        else if (text.trim() !== '')
          issues.add('GROUP_UNKNOWN', { sheet, row: rowNum, column: lab.group, unit: unitCode }, { value: text, group: GROUP_LABELS[GROUPS[g]] });
      }
    }

    // CCCD
    let num = -1;
    /** occurrence id of this row's CCCD when it is the first one */
    const id = state.occSheet.length;
    const cc = parseCccd(row[cCccd]);
    switch (cc.kind) {
      case 'missing':
        issues.add('CCCD_MISSING', { sheet, row: rowNum, column: lab.cccd, unit: unitCode });
        bad = true;
        break;
      case 'precision_lost':
        issues.add('CCCD_PRECISION_LOST', { sheet, row: rowNum, column: lab.cccd, unit: unitCode });
        bad = true;
        break;
      case 'old_cmnd':
        issues.add('CCCD_OLD_CMND', { sheet, row: rowNum, column: lab.cccd, unit: unitCode });
        bad = true;
        break;
      case 'format': {
        const letters = /[^0-9]/.test(cc.digits);
        issues.add('CCCD_FORMAT', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, {
          masked: maskCccd(cc.digits),
          length: cc.digits.length,
          reason: letters ? 'letters' : 'short',
        });
        bad = true;
        break;
      }
      case 'numeric':
      case 'ok': {
        if (cc.kind === 'numeric') issues.add('CCCD_NUMERIC_CELL', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, { masked: maskCccd(cc.digits) });
        const d = cc.digits;
        num = Number(d);
        if (!provinceKnown(d)) issues.add('CCCD_PROVINCE', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, { prefix: d.slice(0, 3) });
        const by = birthYear(d);
        if (by > todayYear) issues.add('CCCD_CENTURY', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, { cccdYear: by });
        else {
          const age = todayYear - by;
          if (age < MIN_AGE[g] || age > MAX_AGE)
            issues.add('CCCD_AGE', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, { age, minAge: MIN_AGE[g], group: GROUP_LABELS[GROUPS[g]] });
        }
        if (cBirth >= 0) {
          const bc = row[cBirth];
          if (bc !== '' && bc !== null && bc !== undefined) {
            const y = parseYearCell(bc);
            if (y !== null && y !== by) issues.add('CCCD_MISMATCH', { sheet, row: rowNum, column: lab.birth, unit: unitCode }, { reason: 'year', year: y, cccdYear: by });
          }
        }
        if (cGender >= 0) {
          const gcell = row[cGender];
          if (typeof gcell === 'string' && gcell !== '') {
            const typed = genderOfText(gcell) ?? null;
            const fromId = genderOf(d);
            if (typed && typed !== fromId)
              issues.add('CCCD_MISMATCH', { sheet, row: rowNum, column: lab.gender, unit: unitCode }, { reason: 'gender', gender: gcell.trim(), cccdGender: fromId });
          }
        }
        // Duplicates: the first occurrence (sheet order, then row order) counts.
        const repeats = state.cccdRepeats;
        const first = repeats !== null && repeats.get(num) === -1 ? -1 : state.cccdIndex.putIfAbsent(num, id);
        if (first === -1) {
          state.occSheet.push(sheet);
          state.occRow.push(rowNum);
          state.occUnit.push(unit ? unit.index : -1);
          state.occCccd.push(num);
        } else {
          const fu = state.occUnit[first];
          issues.add('CCCD_DUPLICATE', { sheet, row: rowNum, column: lab.cccd, unit: unitCode }, {
            masked: maskCccd(d),
            firstSheet: state.occSheet[first],
            firstRow: state.occRow[first],
            firstUnit: fu >= 0 ? units[fu].name : undefined,
          });
          let grp = state.dupGroups.get(first);
          if (!grp) {
            grp = { cccd: maskCccd(d), occurrences: [{ sheet: state.occSheet[first], row: state.occRow[first], unit: fu >= 0 ? units[fu].code : null }] };
            state.dupGroups.set(first, grp);
          }
          grp.occurrences.push({ sheet, row: rowNum, unit: unit ? unit.code : null });
          bad = true;
          dup = true;
        }
        break;
      }
    }

    // E-mail
    if (cEmail >= 0) {
      const ec = row[cEmail];
      if (ec !== '' && ec !== null && ec !== undefined) {
        const text = cellText(ec);
        if (text.trim() !== '') {
          const e = checkEmail(text);
          if (!e.valid) issues.add('EMAIL_FORMAT', { sheet, row: rowNum, column: lab.email, unit: unitCode }, { value: text.trim(), suggestion: e.suggestion });
          else if (e.suggestion) issues.add('EMAIL_TYPO', { sheet, row: rowNum, column: lab.email, unit: unitCode }, { value: text.trim(), suggestion: e.suggestion });
          if (e.valid && num >= 0 && !dup) {
            const prev = firstEmail(state, e.normalized, id);
            if (prev >= 0 && state.occCccd[prev] !== num)
              issues.add('EMAIL_SHARED', { sheet, row: rowNum, column: lab.email, unit: unitCode }, { value: text.trim(), firstSheet: state.occSheet[prev], firstRow: state.occRow[prev] });
          }
        }
      }
    }

    // Same name and birth year in the same unit, different CCCD
    if (num >= 0 && !dup && unit && name.trim() !== '') {
      const prev = firstPerson(state, u, birthYear(cc.digits), name, id);
      if (prev >= 0 && state.occCccd[prev] !== num)
        issues.add('PERSON_POSSIBLE_DUPLICATE', { sheet, row: rowNum, column: lab.name, unit: unitCode }, { firstSheet: state.occSheet[prev], firstRow: state.occRow[prev] });
    }

    // Status
    let s = 2;
    if (cStatus >= 0) {
      const sc = row[cStatus];
      if (sc !== '' && sc !== null && sc !== undefined) {
        const text = cellText(sc);
        const found = statusOf(text);
        if (found) s = STATUS_CODE[found];
        else if (text.trim() !== '') issues.add('STATUS_UNKNOWN', { sheet, row: rowNum, column: lab.status, unit: unitCode }, { value: text });
      }
    }

    // Count
    cRows[u]++;
    if (bad) {
      cInvalid[u]++;
      if (dup) cDup[u]++;
    } else {
      cValid[u]++;
      const gi = u * 4 + g;
      state.validByGroup[gi]++;
      const done = s === 0 || (num >= 0 && state.platformComplete.get(num) !== -1);
      if (done) {
        cDone[u]++;
        state.completedByGroup[gi]++;
      } else if (s === 1) cProg[u]++;
      else cNot[u]++;
    }
  }
}

/** The hash under which an e-mail cell's address is indexed: lowerHash of checkEmail's normalised text. */
function emailHash(text: string): number {
  // an address of printable ASCII without spaces is its own normalised form up to case
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) return lowerHash(checkEmail(text).normalized);
  }
  return lowerHash(text);
}

/**
 * Before a whole-workbook run: find the CCCD numbers and e-mail hashes that occur on more than
 * one row of the learner tables (by sorting them: sequential, no hash table), so that
 * checkLearnerTable indexes only those. Over-approximates (blank or invalid rows included): a
 * value outside the sets is certainly unique.
 */
export function prescanLearners(state: LearnerState, tables: FoundTable[]): void {
  let n = 0;
  for (const t of tables) n += Math.max(0, t.values.length - t.headerIndex - 1);
  const nums = new Float64Array(n);
  const hashes = new Uint32Array(n);
  let nn = 0;
  let nh = 0;
  for (const t of tables) {
    const cC = t.columns.cccd;
    const cE = t.columns.email ?? -1;
    const values = t.values;
    for (let r = t.headerIndex + 1; r < values.length; r++) {
      const row = values[r];
      if (!row) continue;
      const cc = parseCccd(row[cC]);
      if (cc.kind === 'ok' || cc.kind === 'numeric') nums[nn++] = Number(cc.digits);
      if (cE >= 0) {
        const ec = row[cE];
        if (ec !== '' && ec !== null && ec !== undefined) hashes[nh++] = emailHash(cellText(ec));
      }
    }
  }
  state.cccdRepeats = repeatsOf(nums.subarray(0, nn).sort());
  state.emailRepeats = repeatsOf(hashes.subarray(0, nh).sort());
  // the tables now hold only repeated values: small enough to stay in cache
  state.cccdIndex = createNumberIndex(state.cccdRepeats.size());
  state.emailIndex = createMultiIndex(state.emailRepeats.size());
}

function repeatsOf(sorted: Float64Array | Uint32Array): NumberIndex {
  let count = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1] && (i < 2 || sorted[i - 1] !== sorted[i - 2])) count++;
  const ix = createNumberIndex(count);
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) ix.putIfAbsent(sorted[i], 1);
  return ix;
}

/** The occurrence id of the first row with this address (case-insensitive), or -1 after recording `occ` as it. */
function firstEmail(state: LearnerState, address: string, occ: number): number {
  const ix = state.emailIndex;
  const h = lowerHash(address);
  if (state.emailRepeats !== null && state.emailRepeats.get(h) === -1) return -1; // unique in the workbook
  let lower: string | null = null;
  for (let slot = ix.first(h); slot >= 0; slot = ix.next(slot, h)) {
    const e = ix.value(slot);
    const other = state.emailText[e];
    if (other === address || other.toLowerCase() === (lower ??= address.toLowerCase())) return state.emailOcc[e];
  }
  ix.add(h, state.emailText.length);
  state.emailText.push(address);
  state.emailOcc.push(occ);
  return -1;
}

/** The occurrence id of the first row of the same unit, CCCD birth year and toneKey(name), or -1 after recording `occ` as it. */
function firstPerson(state: LearnerState, unit: number, year: number, name: string, occ: number): number {
  const ix = (state.personIndex[unit] ??= createMultiIndex(64));
  // 32 bits of name hash, 12 bits of year (wrapping is fine: candidates are verified)
  const key = matchKeyHash(name) * 4096 + (year & 4095);
  let tk: string | null = null;
  for (let slot = ix.first(key); slot >= 0; slot = ix.next(slot, key)) {
    const p = ix.value(slot);
    if (state.personYear[p] !== year) continue;
    const other = state.personName[p];
    if (other === name || toneKey(other) === (tk ??= toneKey(name))) return state.personOcc[p];
  }
  ix.add(key, state.personName.length);
  state.personName.push(name);
  state.personYear.push(year);
  state.personOcc.push(occ);
  return -1;
}

/** Codes that make a learner row invalid. */
export const LEARNER_ERROR_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'CCCD_MISSING',
  'CCCD_FORMAT',
  'CCCD_OLD_CMND',
  'CCCD_PRECISION_LOST',
  'CCCD_DUPLICATE',
  'NAME_MISSING',
  'UNIT_MISSING',
  'UNIT_UNKNOWN',
]);

/** Read `Kết quả nền tảng`: CCCDs whose status or progress says complete. */
export function readPlatform(state: LearnerState, t: FoundTable): void {
  const cC = t.columns.cccd;
  const cS = t.columns.status;
  for (let r = t.headerIndex + 1; r < t.values.length; r++) {
    const row = t.values[r];
    if (isBlankRow(row, -1, -1)) continue;
    const c = parseCccd(row[cC]);
    if (c.kind !== 'ok' && c.kind !== 'numeric') {
      state.issues.add('PLATFORM_CCCD_INVALID', { sheet: t.sheet, row: r + 1, column: t.labels.cccd });
      continue;
    }
    if (isCompleteStatus(row[cS])) state.platformComplete.putIfAbsent(Number(c.digits), 1);
  }
}

export function isCompleteStatus(c: Cell): boolean {
  if (typeof c === 'number') return c === 1 || c >= 100; // a %-formatted 100 % reads as 1
  if (typeof c === 'boolean') return c;
  if (typeof c !== 'string') return false;
  const k = matchKey(c);
  if (k === '') return false;
  if (statusIndex.get(k) === 'HOAN_THANH') return true;
  const m = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(c.trim());
  return m ? Number(m[1].replace(',', '.')) >= 100 : false;
}
