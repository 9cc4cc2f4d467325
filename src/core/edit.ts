/**
 * Instant checks of edited learner rows (the Sheets add-on's onEdit): the same checker as the
 * whole-workbook run, on just the edited rows, with the CCCDs that come before them in workbook
 * order (earlier sheets, rows above) so a duplicate is caught as it is typed.
 *
 * Limits, by design (the run must fit a 30-second simple trigger): the cross-row warnings
 * EMAIL_SHARED and PERSON_POSSIBLE_DUPLICATE are checked among the edited rows only, and platform
 * results are not joined; "Kiểm tra dữ liệu" gives the full picture.
 */
import { resolveToday } from './dates';
import { createIssueSink } from './issues';
import { checkLearnerTable, createLearnerState, seedOccurrence } from './learners';
import { statusText, issuesByRow } from './render';
import { LEARNERS_TABLE, SHEET, UNITS_TABLE } from './schema';
import { findTable, isBlankRow } from './tables';
import { matchKey } from './text';
import { createResolver, readRegistry } from './units';
import type { Cell, Issue, TableInfo } from './types';

export interface PriorCccds {
  sheet: string;
  /** 1-based sheet row of cccds[0]. */
  firstRow: number;
  cccds: Cell[];
}

export interface EditCheckInput {
  today: string | Date;
  /** Values of the `Đơn vị` sheet, or null when absent. */
  registry: Cell[][] | null;
  sheet: string;
  /** The sheet's top rows (at least up to its header row; 10 is enough). */
  top: Cell[][];
  /** 1-based row of rows[0]. */
  firstRow: number;
  /** The edited rows, full width. */
  rows: Cell[][];
  /** CCCD cells that precede the edited rows in workbook order (earlier sheets, rows above), in order. */
  prior: PriorCccds[];
}

export interface EditCheckResult {
  /** Null when the sheet is not a learner table or the edit is above/in its header. */
  table: TableInfo | null;
  /** One status per edited row ('' for blank rows). */
  statuses: string[];
  issues: Issue[];
}

export function checkEditedRows(input: EditCheckInput): EditCheckResult {
  const today = resolveToday(input.today);
  const found = findTable({ name: input.sheet, values: input.top }, 0, LEARNERS_TABLE);
  if (!found || input.firstRow + input.rows.length - 1 <= found.headerIndex + 1) return { table: null, statuses: [], issues: [] };
  const issues = createIssueSink();
  const units = input.registry
    ? (() => {
        const t = findTable({ name: SHEET.units, values: input.registry }, 0, UNITS_TABLE);
        return t ? readRegistry(t, createIssueSink()) : [];
      })()
    : [];
  const resolver = createResolver(units);
  const state = createLearnerState(resolver, today.y, issues, 1024);
  for (const p of input.prior) p.cccds.forEach((c, i) => seedOccurrence(state, p.sheet, p.firstRow + i, c, -1));

  // A sparse copy of the sheet: the header area and the edited rows at their own positions.
  const values: Cell[][] = [];
  input.top.forEach((r, i) => (values[i] = r));
  const filter: number[] = [];
  input.rows.forEach((r, i) => {
    const idx = input.firstRow - 1 + i;
    if (idx <= found.headerIndex) return;
    values[idx] = r;
    filter.push(idx);
  });
  const owner = matchKey(input.sheet) === matchKey(SHEET.learners) ? null : resolver.byKey(matchKey(input.sheet));
  checkLearnerTable(state, { ...found, values, owner }, filter);

  const byRow = issuesByRow(issues.list, input.sheet);
  const stt = found.columns.stt ?? -1;
  const own = found.statusColumn ?? -1;
  const statuses = input.rows.map((r, i) => {
    const idx = input.firstRow - 1 + i;
    if (idx <= found.headerIndex || isBlankRow(r, stt, own)) return '';
    return statusText(byRow.get(idx + 1));
  });
  return {
    table: {
      sheet: input.sheet,
      kind: 'learners',
      headerRow: found.headerIndex + 1,
      columns: found.columns,
      statusColumn: found.statusColumn,
      unit: owner ? owner.code : null,
    },
    statuses,
    issues: issues.list,
  };
}
