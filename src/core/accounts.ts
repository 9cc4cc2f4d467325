/**
 * The list for account creation (seed 001): the valid, de-duplicated learner rows in the
 * template the platform imports, `STT | Họ và Tên | Email | Số căn cước Công dân | Phòng/ban |
 * Đơn vị`, for the whole province or one unit.
 *
 * This list is a learner list: it is the ONE output that holds full CCCDs (the platform creates
 * accounts from them). Every other output masks them (maskCccd). Adapters write its text columns
 * as plain text (`textColumns`), so a CCCD keeps its leading zero and a value starting with
 * = + - @ stays text, never a formula.
 *
 * Rows are selected from the report: a learner row with an `error`-severity issue is left out
 * (CCCD_DUPLICATE is raised on the later occurrences only, so the first occurrence stays); blank
 * rows are skipped as the engine skips them. The unit of a row is resolved exactly as the engine
 * resolved it: the owner of a per-unit tab, else its Đơn vị cell through the same resolver over
 * the same units (report.units is the registry, or the units derived from learner rows).
 */
import { parseCccd } from './cccd';
import { ACCOUNT_LIST } from './messages';
import { LEARNERS_TABLE, SHEET } from './schema';
import type { OutputGrid } from './render';
import { cellText, isBlankRow } from './tables';
import { cleanText, matchKey } from './text';
import { createResolver, derivedUnit, type Unit, type UnitResolver } from './units';
import type { Cell, Report, Snapshot } from './types';

export interface AccountListOptions {
  /** A unit code or name (resolved like a Đơn vị cell); blank or absent: every unit. */
  unit?: string;
}

export interface AccountListCounts {
  /** Rows in the list. */
  exported: number;
  /** Non-blank learner rows left out because of an error (duplicates included). */
  invalid: number;
  /** Of `invalid`: later occurrences of a CCCD already listed above (CCCD_DUPLICATE). */
  duplicates: number;
}

export interface AccountListGrid extends OutputGrid {
  counts: AccountListCounts;
  /** The unit the list was filtered to (code and name), or null for the whole province. */
  unit: { code: string; name: string } | null;
}

/** A unit given for the filter that is not a registered unit. */
export class AccountListError extends Error {
  readonly code = 'UNIT_UNKNOWN' as const;
  constructor(
    readonly value: string,
    readonly suggestion: string | null,
    /** The units the text matches equally (an ambiguous name), when it does. */
    readonly candidates?: string[],
  ) {
    super(ACCOUNT_LIST.unknownUnit(value, suggestion, candidates));
    this.name = 'AccountListError';
  }
}

/** Rows above the data: title, blank, header. */
export const ACCOUNT_HEADER_ROW = 2;
/** The CCCD column of the list (0-based). */
export const ACCOUNT_CCCD_COLUMN = 3;

/** A resolver over the report's units: the same units, in the same order, as the engine's. */
function resolverOf(report: Report): UnitResolver {
  const units: Unit[] = report.units.map((u, i) => ({ ...derivedUnit(i, u.name), code: u.code, keyCode: u.code, type: u.type }));
  return createResolver(units);
}

export function accountList(snapshot: Snapshot, report: Report, options: AccountListOptions = {}): AccountListGrid {
  const resolver = resolverOf(report);
  let only: Unit | null = null;
  const wanted = cleanText(options.unit ?? '');
  if (wanted) {
    const res = resolver.resolve(wanted);
    if (!res.unit) throw new AccountListError(wanted, res.suggestion, res.candidates);
    only = res.unit;
  }

  // Rows with an error, per sheet; and which of them are duplicates.
  const bad = new Map<string, Map<number, boolean>>();
  for (const i of report.issues) {
    if (i.severity !== 'error' || i.sheet === undefined || i.row === undefined) continue;
    let m = bad.get(i.sheet);
    if (!m) bad.set(i.sheet, (m = new Map()));
    m.set(i.row, m.get(i.row) === true || i.code === 'CCCD_DUPLICATE');
  }

  const values = new Map(snapshot.sheets.map((s) => [s.name, s.values]));
  const data: Cell[][] = [];
  const counts: AccountListCounts = { exported: 0, invalid: 0, duplicates: 0 };
  for (const t of report.tables) {
    if (t.kind !== 'learners') continue;
    const rows = values.get(t.sheet);
    if (!rows) continue;
    const c = t.columns;
    const owner = t.unit !== null ? resolver.byKey(matchKey(t.unit)) : null;
    const errors = bad.get(t.sheet);
    // a run of equal Đơn vị texts resolves once
    let lastText: string | null = null;
    let lastUnit: Unit | null = null;
    for (let r = t.headerRow; r < rows.length; r++) {
      const row = rows[r];
      if (isBlankRow(row, c.stt ?? -1, t.statusColumn ?? -1)) continue;
      let unit = owner;
      if (!unit && c.unit !== undefined) {
        const text = cellText(row[c.unit]).trim();
        if (text !== lastText) {
          lastText = text;
          lastUnit = text ? resolver.resolve(text).unit : null;
        }
        unit = lastUnit;
      }
      if (only && unit !== only) continue;
      const err = errors?.get(r + 1);
      const cccd = parseCccd(row[c.cccd] ?? '');
      if (err !== undefined || !unit || (cccd.kind !== 'ok' && cccd.kind !== 'numeric')) {
        counts.invalid++;
        if (err === true) counts.duplicates++;
        continue;
      }
      const text = (field: string) => (c[field] === undefined ? '' : cleanText(cellText(row[c[field]] ?? '')));
      data.push([data.length + 1, text('name'), text('email'), cccd.digits, text('department'), unit.name]);
    }
  }
  counts.exported = data.length;

  const year = Number(report.today.slice(0, 4));
  const rows: Cell[][] = [[ACCOUNT_LIST.title(year), '', '', '', '', ''], ['', '', '', '', '', ''], [...ACCOUNT_LIST.headers], ...data];
  const widthOf = (field: string) => LEARNERS_TABLE.columns.find((col) => col.field === field)?.width ?? 150;
  const width = ACCOUNT_LIST.headers.length;
  return {
    name: SHEET.accounts,
    rows,
    width,
    rowRoles: { 0: 'title', [ACCOUNT_HEADER_ROW]: 'header' },
    percentRanges: [],
    fills: [],
    columnWidths: [widthOf('stt'), widthOf('name'), widthOf('email'), widthOf('cccd'), widthOf('department'), widthOf('unit')],
    frozenRows: ACCOUNT_HEADER_ROW + 1,
    frozenColumns: 0,
    textColumns: [1, 2, 3, 4, 5],
    counts,
    unit: only ? { code: only.code, name: only.name } : null,
  };
}
