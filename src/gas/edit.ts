/**
 * Instant checks (the onEdit simple trigger: 30 seconds, possibly AuthMode.LIMITED, so no
 * triggers, no mail, no dialogs).
 *
 * A learner edit (typing or pasting rows) costs at most five value reads and writes, whatever the
 * sheet's size:
 *   1. read the sheet's top 10 rows (finds the header row and the columns);
 *   2. read the edited rows, full width (skipped when they lie within the top 10 rows);
 *   3. read `Đơn vị` — only when the registry is not in the document cache (a full run puts it);
 *   4. read the CCCD column between the header and the edited rows (duplicates higher up);
 *   5. write the status cells of the edited rows (one setValues).
 * Duplicates on earlier sheets come from the CCCD index a full run leaves in the document cache
 * (cache.ts: hashes only, one getAll). The status column's header (first edit of a sheet without
 * it) and the conditional formatting (first edit only: a document property remembers it) are the
 * only other writes.
 *
 * A `Báo cáo tháng` edit stamps "Ngày cập nhật" of the edited rows with today's date: one read of
 * the top rows, one of the edited rows, one setValues.
 *
 * Both read the spreadsheet's time zone (one call, tz.ts): Date cells read are converted to the
 * core's convention, and the stamp is written so that the sheet shows today's Vietnamese date.
 */
import {
  checkEditedRows,
  type Cell,
  type PriorCccds,
  resolveToday,
  vnMidnight,
  LEARNERS_TABLE,
  REPORTS_TABLE,
  SHEET,
  type TableDef,
  findTable,
  HEADER_SEARCH_ROWS,
  isBlankRow,
  isOutputSheet,
  sheetKindByName,
} from '../core';
import { cachedRegistry, cacheRegistry, documentCache, priorFromIndex } from './cache';
import { now } from './env';
import { isTempSheetName } from './names';
import { addStatusHeader, ensureStatusRules } from './status';
import { sheetClock, type SheetClock } from './tz';
import { DATE_FORMAT, literal } from './write';
import { findSheet } from './find';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export type EditOutcome =
  | { kind: 'ignored'; why: string }
  | { kind: 'checked'; sheet: string; firstRow: number; statuses: string[] }
  | { kind: 'stamped'; sheet: string; rows: number }
  | { kind: 'registry-changed' };

/** Reasons to ignore an edit that did not touch an input sheet (anything else may change a report). */
const NOT_INPUT = ['no range', 'auth none', 'output sheet'];

/** True when the edit changed an input sheet (not one of our outputs, not an edit we cannot see). */
export function touchedInput(o: EditOutcome): boolean {
  return o.kind !== 'ignored' || !NOT_INPUT.includes(o.why);
}

/** The edit event fields we use (SheetsOnEdit, minus what simple triggers may omit). */
export interface EditEvent {
  range: Range;
  /** The spreadsheet (SheetsOnEdit.source); else the range's sheet's parent. */
  source?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  authMode?: GoogleAppsScript.Script.AuthMode;
}

export function handleEdit(e: EditEvent): EditOutcome {
  if (!e || !e.range) return { kind: 'ignored', why: 'no range' };
  if (e.authMode !== undefined && e.authMode === ScriptApp.AuthMode.NONE) return { kind: 'ignored', why: 'auth none' };
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (isOutputSheet(name) || isTempSheetName(name)) return { kind: 'ignored', why: 'output sheet' };
  const kind = sheetKindByName(name);
  if (kind === 'units') {
    const cache = documentCache();
    if (cache) cacheRegistry(cache, null);
    return { kind: 'registry-changed' };
  }
  const clock = () => sheetClock(e.source ?? sheet.getParent());
  if (kind === 'reports') return stampReport(sheet, name, range, clock);
  if (kind) return { kind: 'ignored', why: 'not a learner sheet' };
  return checkLearnerEdit(sheet, name, range, clock);
}

interface EditedArea {
  top: Cell[][];
  headerRow: number;
  /** First and last edited data rows (1-based), below the header. */
  from: number;
  to: number;
  width: number;
}

/** Read the top rows and find the table; null when the edit is not in a table's data rows. */
function locate(sheet: Sheet, name: string, range: Range, def: TableDef): (EditedArea & { found: NonNullable<ReturnType<typeof findTable>> }) | null {
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (lastRow < 1 || width < 1) return null;
  const top = sheet.getRange(1, 1, Math.min(HEADER_SEARCH_ROWS, lastRow), width).getValues() as Cell[][];
  const found = findTable({ name, values: top }, 0, def);
  if (!found) return null;
  const headerRow = found.headerIndex + 1;
  const from = Math.max(range.getRow(), headerRow + 1);
  const to = Math.min(range.getLastRow(), lastRow);
  if (to < from) return null;
  return { top, headerRow, from, to, width, found };
}

/**
 * The edited rows, full width: from the top rows when they are there, else one read (its Date
 * cells converted with `clock`, as the top rows' were).
 */
function editedRows(sheet: Sheet, area: EditedArea, clock?: SheetClock): Cell[][] {
  if (area.to <= area.top.length) return area.top.slice(area.from - 1, area.to);
  const rows = sheet.getRange(area.from, 1, area.to - area.from + 1, area.width).getValues() as Cell[][];
  return clock ? clock.readRows(rows) : rows;
}

function checkLearnerEdit(sheet: Sheet, name: string, range: Range, clockOf: () => SheetClock): EditOutcome {
  const area = locate(sheet, name, range, LEARNERS_TABLE);
  if (!area) return { kind: 'ignored', why: 'not in a learner table' };
  const { found, headerRow, from, to } = area;
  const clock = clockOf();
  clock.readRows(area.top);
  const rows = editedRows(sheet, area, clock);
  const cccdCol = found.columns.cccd;

  const cache = documentCache();
  let registry: Cell[][] | null = cache ? cachedRegistry(cache) : null;
  if (!registry) {
    const units = findSheet(sheet.getParent(), SHEET.units);
    registry = units ? clock.readRows(units.getDataRange().getValues() as Cell[][]) : null;
    if (cache && registry) cacheRegistry(cache, registry);
  }

  const prior: PriorCccds[] = cache
    ? safePrior(
        cache,
        name,
        rows.map((r) => r[cccdCol]),
      )
    : [];
  if (from > headerRow + 1) {
    const above = sheet.getRange(headerRow + 1, cccdCol + 1, from - headerRow - 1, 1).getValues();
    prior.push({ sheet: name, firstRow: headerRow + 1, cccds: above.map((r) => r[0] as Cell) });
  }

  const result = checkEditedRows({ today: now(), registry, sheet: name, top: area.top, firstRow: from, rows, prior });
  if (!result.table) return { kind: 'ignored', why: 'not in a learner table' };
  const statusCol = found.statusColumn ?? area.width;
  if (found.statusColumn === null) addStatusHeader(sheet, headerRow, statusCol);
  sheet.getRange(from, statusCol + 1, to - from + 1, 1).setValues(result.statuses.map((s) => [literal(s)]));
  try {
    ensureStatusRules(sheet, headerRow, statusCol);
  } catch (_e) {
    // formatting is a convenience; the statuses are written
  }
  return { kind: 'checked', sheet: name, firstRow: from, statuses: result.statuses };
}

function safePrior(cache: GoogleAppsScript.Cache.Cache, name: string, cells: Cell[]): PriorCccds[] {
  try {
    return priorFromIndex(cache, name, cells);
  } catch (_e) {
    return [];
  }
}

function stampReport(sheet: Sheet, name: string, range: Range, clockOf: () => SheetClock): EditOutcome {
  const area = locate(sheet, name, range, REPORTS_TABLE);
  if (!area) return { kind: 'ignored', why: 'not in the report table' };
  const updCol = area.found.columns.updated;
  if (updCol === undefined) return { kind: 'ignored', why: 'no update-date column' };
  // The unit typed the date itself: keep it.
  if (range.getColumn() === updCol + 1 && range.getNumColumns() === 1) return { kind: 'ignored', why: 'date typed' };
  const rows = editedRows(sheet, area);
  // today's Vietnamese date, written so that the sheet shows it whatever its time zone
  const today = clockOf().write(vnMidnight(resolveToday(now())));
  let stamped = 0;
  const values = rows.map((r) => {
    if (isBlankRow(r, updCol, -1)) return [r[updCol] === undefined ? '' : r[updCol]];
    stamped++;
    return [today];
  });
  if (stamped === 0) return { kind: 'ignored', why: 'blank rows' };
  const target = sheet.getRange(area.from, updCol + 1, values.length, 1);
  target.setValues(values);
  target.setNumberFormat(DATE_FORMAT);
  return { kind: 'stamped', sheet: name, rows: stamped };
}
