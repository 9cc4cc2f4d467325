/**
 * One protected learner tab per unit (issue 13 §1, menu "Tạo trang cho từng đơn vị"): which tab
 * each unit of `Đơn vị` has or gets, and who may edit it. Pure: the adapter reads the registry and
 * the current tabs and protections, asks this file what to do, does it and reports the changes.
 *
 * Rules:
 * - A unit's tab is named by its code (Mã đơn vị, as typed); a sheet already named by its code or
 *   its name is its tab and is kept as it is (never cleared or moved).
 * - The tab's editors are the unit's focal points (`Email đầu mối`: one or more addresses, Unit.emails) and the
 *   department staff (`Cán bộ Sở (email)`); the adapter adds the owner and the person running it,
 *   whom Sheets never lets a script remove.
 * - On a tab we protected before (recognised by its description), editors who are no longer in
 *   the registry or the staff list are removed: a removed focal point loses edit rights.
 * - A unit whose code names a sheet of the workbook's own (Đơn vị, Học viên, Tổng hợp, …) or the tab
 *   of another unit gets no tab, and the report says why.
 */
import { createIssueSink } from './issues';
import { SHEET, UNITS_TABLE } from './schema';
import { findTable } from './tables';
import { matchKey } from './text';
import type { Cell, Issue } from './types';
import { readRegistry, type Unit } from './units';

/** The description of a unit tab's protection: how a later run recognises a protection of ours. */
export const UNIT_TAB_PROTECTION_PREFIX = 'BDHVS: trang của đơn vị ';

export function unitTabProtectionDescription(code: string): string {
  return `${UNIT_TAB_PROTECTION_PREFIX}${code}`;
}

/** The unit code of a unit tab's protection description, or null for a protection that is not ours. */
export function unitOfTabProtection(description: string): string | null {
  return description.startsWith(UNIT_TAB_PROTECTION_PREFIX) ? description.slice(UNIT_TAB_PROTECTION_PREFIX.length) : null;
}

/**
 * The registry alone, from the values of the `Đơn vị` sheet: its units and the issues of its rows,
 * or null when the sheet has no `Đơn vị` header in its top rows.
 */
export function readUnitRegistry(sheet: string, values: Cell[][]): { units: Unit[]; issues: Issue[] } | null {
  const table = findTable({ name: sheet, values }, 0, UNITS_TABLE);
  if (!table) return null;
  const sink = createIssueSink();
  const units = readRegistry(table, sink);
  return { units, issues: sink.list };
}

/** Google Sheets' longest sheet name. */
const MAX_TAB_NAME = 100;

export interface UnitTabPlan {
  /** The unit's code and name (masked as everywhere in outputs). */
  unit: string;
  unitName: string;
  /** The tab's name: an existing sheet's name, or the code as typed for a new one. */
  tab: string;
  /** The tab does not exist yet. */
  create: boolean;
  /** Who may edit it (lower case): the focal points, then the staff; without the owner and the runner. */
  editors: string[];
  /** The unit has no valid focal address: only the staff (and owner) can edit its tab. */
  noFocal: boolean;
}

export type UnitTabSkipReason = 'RESERVED_NAME' | 'NAME_TOO_LONG';

export interface UnitTabSkip {
  unit: string;
  unitName: string;
  reason: UnitTabSkipReason;
  /** RESERVED_NAME: the sheet whose name it would take. */
  other?: string;
}

export interface UnitTabsPlan {
  tabs: UnitTabPlan[];
  skipped: UnitTabSkip[];
}

/** The workbook's own sheets (inputs and outputs), which a unit's tab can never be. */
const RESERVED = new Set(Object.values(SHEET).map(matchKey));

/**
 * Which tab each unit of the registry has or gets, and its editors.
 * `units`: the registry's units (units derived from learner rows have no tab); `sheetNames`: the
 * workbook's sheets; `staff`: `Cán bộ Sở (email)`.
 */
export function planUnitTabs(units: readonly Unit[], sheetNames: readonly string[], staff: readonly string[]): UnitTabsPlan {
  const sheets = new Map<string, string>();
  for (const n of sheetNames) if (!sheets.has(matchKey(n))) sheets.set(matchKey(n), n);
  const staffLower = staff.map((s) => s.toLowerCase());
  // tab keys already given; a code is unique in the registry (UNIT_CODE_DUPLICATE), and a name that
  // is a code or taken is never used, so no two units get the same tab
  const taken = new Set<string>();
  const codes = new Set(units.filter((u) => u.row > 0).map((u) => matchKey(u.keyCode)));
  // a name several units have (UNIT_NAME_DUPLICATE): its tab is the first one's, as the resolver's byKey says
  const firstOfName = new Map<string, Unit>();
  for (const u of units) if (u.row > 0 && !firstOfName.has(matchKey(u.keyName))) firstOfName.set(matchKey(u.keyName), u);
  const tabs: UnitTabPlan[] = [];
  const skipped: UnitTabSkip[] = [];
  for (const u of units) {
    if (u.row === 0) continue;
    const byCode = matchKey(u.keyCode);
    const byName = matchKey(u.keyName);
    const skip = (reason: UnitTabSkipReason, other?: string) =>
      skipped.push(other === undefined ? { unit: u.code, unitName: u.name, reason } : { unit: u.code, unitName: u.name, reason, other });
    if (RESERVED.has(byCode)) {
      skip('RESERVED_NAME', sheets.get(byCode) ?? u.keyCode);
      continue;
    }
    // an existing tab named by the code, else by the name (a province that named its tabs so),
    // unless that name is another unit's code: the tab is that unit's
    // (and not a tab of a name an earlier unit has too, even if that unit uses its code tab: the
    // rows on it count for that earlier unit; this one gets its own, by code)
    const existingKey = sheets.has(byCode)
      ? byCode
      : !RESERVED.has(byName) && !codes.has(byName) && !taken.has(byName) && firstOfName.get(byName) === u && sheets.has(byName)
        ? byName
        : null;
    const key = existingKey ?? byCode;
    if (!existingKey && u.keyCode.length > MAX_TAB_NAME) {
      skip('NAME_TOO_LONG');
      continue;
    }
    taken.add(key);
    const editors = unitEditors(u, staffLower);
    tabs.push({
      unit: u.code,
      unitName: u.name,
      tab: existingKey ? sheets.get(existingKey)! : u.keyCode,
      create: !existingKey,
      editors,
      noFocal: u.emails.length === 0,
    });
  }
  return { tabs, skipped };
}

/** Who may edit a unit's tab or report rows (lower case): its focal points, then the staff, each once. */
export function unitEditors(u: Unit, staffLower: readonly string[]): string[] {
  const editors: string[] = [];
  for (const e of [...u.emails.map((m) => m.toLowerCase()), ...staffLower]) if (e && !editors.includes(e)) editors.push(e);
  return editors;
}

export interface EditorChange {
  add: string[];
  remove: string[];
}

/**
 * The change that makes a protection's editors `desired`: who to add, and who to remove (never
 * one of `keep`: the owner and the person running it). Case-insensitive; results in lower case.
 */
export function editorChange(current: readonly string[], desired: readonly string[], keep: readonly string[]): EditorChange {
  const cur = new Set(current.map((e) => e.toLowerCase()).filter(Boolean));
  const want = new Set(desired.map((e) => e.toLowerCase()).filter(Boolean));
  const kept = new Set(keep.map((e) => e.toLowerCase()).filter(Boolean));
  return {
    add: [...want].filter((e) => !cur.has(e) && !kept.has(e)),
    remove: [...cur].filter((e) => !want.has(e) && !kept.has(e)),
  };
}
