/**
 * Each unit edits only its own `Báo cáo tháng` rows (issue 13 §1, menu "Chuẩn bị báo cáo kỳ này",
 * docs/unit-tabs.md "Report rows"). Pure: the adapter reads the registry and the report sheet,
 * asks this file which rows to prepare and which rows each unit owns in the current period, and
 * keeps the protections in line.
 *
 * Rules:
 * - Every unit of `Đơn vị` gets one row of the current period when it has none: Kỳ báo cáo (as
 *   text, "11/2026" or "Quý IV/2026"), Mã đơn vị and Đơn vị filled, the counts empty. An empty row
 *   is not a report (src/core/reports.ts): the unit is "not submitted" until it types its counts.
 * - A unit's rows of the current period are found as readReports finds them (Kỳ báo cáo in the
 *   configured cycle; the unit by Mã đơn vị, else by Đơn vị).
 * - Their editors are the unit's focal points and the staff (the adapter adds the owner and the
 *   person running it); the protection's description names the period and the unit, so that a
 *   later run and the close recognise it. Only the current period keeps them (the adapter
 *   releases the others: their rows are for the staff).
 */
import { formatPeriodVi, parsePeriodCell, periodInCycle, type Cycle, type Period } from './dates';
import { REPORTS_TABLE } from './schema';
import { cellText, findTable, isBlankRow } from './tables';
import { matchKey } from './text';
import type { Cell } from './types';
import { createResolver, type Unit } from './units';
import { unitEditors } from './unittabs';

/** Description of a unit's report-row protection: prefix, period label, separator, unit code. */
export const UNIT_REPORT_PROTECTION_PREFIX = 'BDHVS: báo cáo kỳ ';
const UNIT_SEPARATOR = ' của đơn vị ';

/** Description of the sheet protection of `Báo cáo tháng` this tool keeps (the rest of the sheet: staff only). */
export const REPORT_SHEET_PROTECTION = 'BDHVS: Báo cáo tháng (mỗi đơn vị chỉ sửa dòng của mình)';

export function unitReportProtectionDescription(periodLabel: string, code: string): string {
  return `${UNIT_REPORT_PROTECTION_PREFIX}${periodLabel}${UNIT_SEPARATOR}${code}`;
}

/** The period label and unit code of one of our report-row protections, or null for any other. */
export function parseUnitReportProtection(description: string): { label: string; unit: string } | null {
  if (!description.startsWith(UNIT_REPORT_PROTECTION_PREFIX)) return null;
  const rest = description.slice(UNIT_REPORT_PROTECTION_PREFIX.length);
  const at = rest.indexOf(UNIT_SEPARATOR);
  if (at <= 0) return null;
  return { label: rest.slice(0, at), unit: rest.slice(at + UNIT_SEPARATOR.length) };
}

export interface UnitReportRows {
  unit: string;
  unitName: string;
  /** 1-based sheet rows of the unit in the current period, ascending (the prepared one included). */
  rows: number[];
  /** Who may edit them (lower case): the focal points, then the staff; without the owner and the runner. */
  editors: string[];
  noFocal: boolean;
}

export interface UnitReportsPlan {
  period: Period;
  /** Kỳ báo cáo as the prepared rows write it. */
  label: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** The first row of the appended block (below the last row of the sheet), and its rows. */
  appendAt: number;
  append: Cell[][];
  /** 0-based columns written as plain text (Kỳ báo cáo, Mã đơn vị). */
  textColumns: number[];
  units: UnitReportRows[];
}

export type UnitReportsFailure = 'NO_TABLE' | 'NO_UNIT_COLUMN';

/**
 * The plan for the current period. `values`: the `Báo cáo tháng` sheet from its first row to its
 * last row (getLastRow); `units`: the registry; `staff`: `Cán bộ Sở (email)`.
 */
export function planUnitReports(
  sheet: string,
  values: Cell[][],
  units: readonly Unit[],
  staff: readonly string[],
  period: Period,
  cycle: Cycle,
): UnitReportsPlan | UnitReportsFailure {
  const table = findTable({ name: sheet, values }, 0, REPORTS_TABLE);
  if (!table) return 'NO_TABLE';
  // a column the sheet may lack is undefined
  const col: Partial<Record<string, number>> = table.columns;
  const periodCol = col.period;
  if (periodCol === undefined) return 'NO_TABLE';
  if (col.unitCode === undefined && col.unitName === undefined) return 'NO_UNIT_COLUMN';
  const registry = units.filter((u) => u.row > 0);
  const resolver = createResolver(registry.slice());
  const rowsOf = new Map<Unit, number[]>();
  const get = (row: Cell[], c: number | undefined): string => (c === undefined ? '' : cellText(row[c] ?? '').trim());
  for (let r = table.headerIndex + 1; r < values.length; r++) {
    const row = values[r];
    if (isBlankRow(row, table.statusColumn ?? -1, -1)) continue;
    const written = parsePeriodCell(row[periodCol] ?? '', matchKey);
    if (!written || periodInCycle(written, cycle) !== period) continue;
    const code = get(row, col.unitCode);
    const name = get(row, col.unitName);
    if (!code && !name) continue;
    let hit = resolver.resolve(code || name).unit;
    if (!hit && code && name) hit = resolver.resolve(name).unit;
    if (!hit) continue;
    const list = rowsOf.get(hit);
    if (list) list.push(r + 1);
    else rowsOf.set(hit, [r + 1]);
  }

  const header = values[table.headerIndex];
  let width = header.length;
  while (width > 0 && cellText(header[width - 1] ?? '').trim() === '') width--;
  const label = formatPeriodVi(period);
  const appendAt = values.length + 1;
  const append: Cell[][] = [];
  const staffLower = staff.map((s) => s.toLowerCase());
  const out: UnitReportRows[] = [];
  for (const u of registry) {
    let rows = rowsOf.get(u);
    if (!rows) {
      const row: Cell[] = new Array<Cell>(width).fill('');
      row[periodCol] = label;
      // as typed in the registry, so that the row resolves to the unit as every other row does
      if (col.unitCode !== undefined) row[col.unitCode] = u.keyCode;
      if (col.unitName !== undefined) row[col.unitName] = u.keyName;
      rows = [appendAt + append.length];
      append.push(row);
    }
    const editors = unitEditors(u, staffLower);
    out.push({ unit: u.code, unitName: u.name, rows, editors, noFocal: u.emails.length === 0 });
  }
  const textColumns = REPORTS_TABLE.columns.flatMap((c) => {
    const at = col[c.field];
    return c.text && at !== undefined ? [at] : [];
  });
  return { period, label, headerRow: table.headerIndex + 1, appendAt, append, textColumns, units: out };
}
