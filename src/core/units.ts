/**
 * The unit registry (`Đơn vị`) and resolving what a unit focal point typed in a Đơn vị / Mã đơn vị
 * cell to a registered unit (docs/rules.md §2).
 */
import { splitEmails } from './email';
import { DEFAULT_GROUP, GROUP_LABELS, UNIT_TYPES, UNIT_TYPE_ALIASES, UNIT_TYPE_LABELS, type DenominatorField } from './schema';

const UNIT_DEFAULT_GROUP_LABEL = (type: UnitType): string => GROUP_LABELS[DEFAULT_GROUP[type]];
import { cellText, isEmptyCell, type FoundTable } from './tables';
import { cleanText, closest, matchKey } from './text';
import { maskDigitRuns } from './cccd';
import type { Cell, Group, UnitType } from './types';
import { groupOfText } from './groups';
import type { IssueSink } from './issues';
import { UNIT_CANDIDATE } from './messages';

export interface Unit {
  index: number;
  /**
   * Code and name as every output shows them: a CCCD-like digit run typed into the registry is
   * masked (maskDigitRuns), like every other value quoted from a cell.
   */
  code: string;
  name: string;
  /** The code and name as typed, for matching only (createResolver); never written to an output. */
  keyCode: string;
  keyName: string;
  type: UnitType;
  contact: string;
  /** Focal e-mail(s), normalised, joined with ', ' when several; '' when absent or invalid. */
  email: string;
  /** Each valid focal address (`Email đầu mối` may hold several), normalised. */
  emails: string[];
  phone: string;
  denominators: Record<DenominatorField, number | null>;
  /** `Nhóm mặc định`: the group of its learner rows with a blank Nhóm đối tượng (null: by type). */
  defaultGroup: Group | null;
  /** 1-based row in `Đơn vị` (0 for units derived from learner rows). */
  row: number;
}

const DENOMINATOR_FIELDS: DenominatorField[] = ['denomCbccvc', 'denomAdults', 'denomHssv', 'denomNldDn'];

const typeIndex: Map<string, UnitType> = (() => {
  const m = new Map<string, UnitType>();
  for (const t of UNIT_TYPES) {
    m.set(matchKey(UNIT_TYPE_LABELS[t]), t);
    m.set(matchKey(t), t);
    for (const a of UNIT_TYPE_ALIASES[t]) m.set(matchKey(a), t);
  }
  return m;
})();

export function unitTypeOf(text: string): UnitType | null {
  return typeIndex.get(matchKey(text)) ?? null;
}

/** A whole number ≥ 0 from a count cell (number or text with . , or space thousands separators). */
export function parseCount(c: Cell): { ok: true; value: number } | { ok: false } {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 0 ? { ok: true, value: c } : { ok: false };
  if (typeof c === 'string') {
    const s = cleanText(c);
    if (/^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/.test(s) || /^\d+$/.test(s)) return { ok: true, value: Number(s.replace(/[.,\s]/g, '')) };
  }
  return { ok: false };
}

export function readRegistry(table: FoundTable, issues: IssueSink): Unit[] {
  const col = table.columns;
  const units: Unit[] = [];
  const byCode = new Map<string, number>();
  const get = (row: Cell[], field: string): Cell => (col[field] === undefined ? '' : (row[col[field]] ?? ''));
  for (let r = table.headerIndex + 1; r < table.values.length; r++) {
    const row = table.values[r];
    if (!row) continue;
    const code = cleanText(cellText(get(row, 'code')));
    const name = cleanText(cellText(get(row, 'name')));
    if (!code && !name) continue;
    const at = { sheet: table.sheet, row: r + 1 };
    const effectiveCode = code || name;
    const key = matchKey(effectiveCode);
    const first = byCode.get(key);
    if (first !== undefined) {
      issues.add('UNIT_CODE_DUPLICATE', { ...at, column: table.labels.code }, { value: effectiveCode, firstRow: first });
      continue;
    }
    byCode.set(key, r + 1);
    const typeText = cleanText(cellText(get(row, 'type')));
    let type: UnitType = 'KHAC';
    if (typeText) {
      const t = unitTypeOf(typeText);
      if (t) type = t;
      else issues.add('UNIT_TYPE_UNKNOWN', { ...at, column: table.labels.type, unit: effectiveCode }, { value: typeText });
    }
    const emailText = cellText(get(row, 'email'));
    const emails = splitEmails(emailText);
    // an address that is not one is reported (before, it was dropped silently: no reminder, no tab editor)
    for (const bad of emails.invalid) issues.add('EMAIL_FORMAT', { ...at, column: table.labels.email, unit: effectiveCode }, { value: bad });
    for (const t of emails.typos) issues.add('EMAIL_TYPO', { ...at, column: table.labels.email, unit: effectiveCode }, t);
    const denominators = {} as Record<DenominatorField, number | null>;
    for (const f of DENOMINATOR_FIELDS) {
      const cell = get(row, f);
      denominators[f] = null;
      if (isEmptyCell(cell)) continue;
      const n = parseCount(cell);
      if (n.ok) denominators[f] = n.value;
      else issues.add('DENOMINATOR_INVALID', { ...at, column: table.labels[f], unit: effectiveCode }, { value: cellText(cell) });
    }
    const groupText = cleanText(cellText(get(row, 'defaultGroup')));
    let defaultGroup: Group | null = null;
    if (groupText) {
      defaultGroup = groupOfText(groupText, type);
      if (!defaultGroup)
        issues.add(
          'GROUP_UNKNOWN',
          { ...at, column: table.labels.defaultGroup, unit: effectiveCode },
          { value: groupText, group: UNIT_DEFAULT_GROUP_LABEL(type) },
        );
    }
    units.push({
      index: units.length,
      defaultGroup,
      code: maskDigitRuns(effectiveCode),
      name: maskDigitRuns(name || effectiveCode),
      keyCode: effectiveCode,
      keyName: name || effectiveCode,
      type,
      contact: cleanText(cellText(get(row, 'contact'))),
      email: emails.valid.join(', '),
      emails: emails.valid,
      phone: cleanText(cellText(get(row, 'phone'))),
      denominators,
      row: r + 1,
    });
  }
  reportDuplicateNames(table, units, issues);
  return units;
}

/**
 * UNIT_NAME_DUPLICATE on every later unit whose name key (matchKey: case, spaces, tone-mark
 * placement ignored) is that of an earlier unit: a cell naming it by that name matches several
 * units, so it resolves to none (createResolver), unless the name key is a unit's code key.
 */
function reportDuplicateNames(table: FoundTable, units: readonly Unit[], issues: IssueSink): void {
  const codeRow = new Map<string, number>();
  for (const u of units) codeRow.set(matchKey(u.keyCode), u.row);
  const first = new Map<string, Unit>();
  for (const u of units) {
    const key = matchKey(u.keyName);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, u);
      continue;
    }
    const byCode = codeRow.get(key);
    // a unit whose code is its name (no Mã đơn vị) has no code of its own to write instead
    const ownCode = (x: Unit) => (matchKey(x.keyCode) === key ? '' : x.code);
    issues.add(
      'UNIT_NAME_DUPLICATE',
      { sheet: table.sheet, row: u.row, column: table.labels.name, unit: u.code },
      { value: u.name, code: ownCode(u), firstRow: earlier.row, firstCode: ownCode(earlier), ...(byCode === undefined ? {} : { codeRow: byCode }) },
    );
  }
}

export function derivedUnit(index: number, name: string): Unit {
  return {
    index,
    code: maskDigitRuns(name),
    name: maskDigitRuns(name),
    keyCode: name,
    keyName: name,
    type: 'KHAC',
    contact: '',
    email: '',
    emails: [],
    phone: '',
    denominators: { denomCbccvc: null, denomAdults: null, denomHssv: null, denomNldDn: null },
    defaultGroup: null,
    row: 0,
  };
}

/** Leading words that name a unit's type, dropped for the second matching pass. */
const TYPE_PREFIX =
  /^(?:ubnd|uy ban nhan dan|so|truong|cong ty|cty|hop tac xa|htx)\s+(?:(?:xa|phuong|thi tran|dac khu)\s+)?|^(?:xa|phuong|thi tran|dac khu)\s+/;

export function strippedKey(key: string): string {
  return key.replace(TYPE_PREFIX, '');
}

/**
 * What a unit cell resolves to. Unresolved: the closest registered name (`suggestion`), and
 * `candidates` (names, as outputs show them, with the code when two of them have the same name
 * key) when the text's key is the name key of several units (UNIT_NAME_DUPLICATE), or its key
 * without its type word is that of several units, so that it matches none of them (ambiguous).
 */
export type Resolution = { unit: Unit } | { unit: null; suggestion: string | null; candidates?: string[] };

export interface UnitResolver {
  /** Resolve a cell; results are cached per distinct text. */
  resolve(text: string): Resolution;
  /** The unit whose code or name key equals this key (for per-unit tabs). */
  byKey(key: string): Unit | null;
  units: Unit[];
}

/** The names of units a text matches equally; a name shared by several of them gets its code. */
function candidateNames(same: readonly Unit[]): string[] {
  const keys = same.map((u) => matchKey(u.keyName));
  return same.map((u, i) => (keys.indexOf(keys[i]) !== keys.lastIndexOf(keys[i]) ? UNIT_CANDIDATE(u.name, u.code) : u.name));
}

export function createResolver(units: Unit[]): UnitResolver {
  // code key → its unit: a code always resolves (the registry keeps one unit per code)
  const exact = new Map<string, Unit>();
  for (const u of units) if (!exact.has(matchKey(u.keyCode))) exact.set(matchKey(u.keyCode), u);
  // name key (not a code key) → the units that have it: a match only when exactly one does
  const named = new Map<string, Unit[]>();
  for (const u of units) {
    const k = matchKey(u.keyName);
    if (exact.has(k)) continue;
    const same = named.get(k);
    if (same === undefined) named.set(k, [u]);
    else if (!same.includes(u)) same.push(u);
  }
  // byKey (a unit's own tab): the first unit of a name, as planUnitTabs gives the tab named by it
  const byKey = new Map(exact);
  for (const [k, same] of named) {
    byKey.set(k, same[0]);
    if (same.length === 1) exact.set(k, same[0]);
  }
  // stripped name key → the units that have it (a match only when exactly one does)
  const stripped = new Map<string, Unit[]>();
  for (const u of units) {
    const k = strippedKey(matchKey(u.keyName));
    if (!k) continue;
    const same = stripped.get(k);
    if (same === undefined) stripped.set(k, [u]);
    else if (!same.includes(u)) same.push(u);
  }
  const nameKeys = units.map((u) => matchKey(u.keyName));
  const cache = new Map<string, Resolution>();
  return {
    units,
    byKey: (key) => byKey.get(key) ?? null,
    resolve(text) {
      let r = cache.get(text);
      if (r) return r;
      const key = matchKey(text);
      // a name several units have is ambiguous: it does not fall back to the stripped key either
      const sameName = named.get(key);
      const same = sameName !== undefined && sameName.length > 1 ? sameName : stripped.get(strippedKey(key));
      const hit = exact.get(key) ?? (same !== undefined && same.length === 1 ? same[0] : null);
      if (hit) r = { unit: hit };
      else {
        const near = closest(key, nameKeys, Math.max(2, Math.floor(key.length * 0.3)));
        r = { unit: null, suggestion: near === null ? null : units[nameKeys.indexOf(near)].name };
        if (same !== undefined && same.length > 1) r.candidates = candidateNames(same);
      }
      cache.set(text, r);
      return r;
    },
  };
}
