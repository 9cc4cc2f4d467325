/**
 * Menu "Chuẩn bị báo cáo kỳ này" (issue 13 §1): each unit of `Đơn vị` edits only its own rows of
 * `Báo cáo tháng`. The rules are in src/core/unitreports.ts; the design, the measurement and the
 * limits in docs/unit-tabs.md ("Report rows").
 *
 * Protections (https://developers.google.com/apps-script/reference/spreadsheet/protection):
 * - the sheet itself is protected (description REPORT_SHEET_PROTECTION; editors: the staff, the
 *   owner, the person running it), so that nobody else can insert, delete, sort or type rows;
 * - its unprotected ranges ("A protected sheet may include unprotected regions") are exactly the
 *   rows of the units' range protections below, so a unit reaches its own rows;
 * - each unit's rows of the current period get a range protection (description
 *   unitReportProtectionDescription) whose editors are its focal points, the staff, the owner and
 *   the runner: a cell is editable only by someone every protection over it allows, so unit A is
 *   refused on unit B's rows although they are unprotected at sheet level.
 * A new protection starts with every editor of the file: restrictToRunner keeps the runner and the
 * owner (never removable) and turns domain editing off, then the editors are added.
 * Order of the writes: the sheet protection first, unprotected ranges shrunk before a protection
 * of ours is removed and widened only after the new ones exist, so a row is never open to everyone.
 */
import {
  GAS,
  SHEET,
  currentPeriod,
  editorChange,
  keepsReportProtection,
  parseUnitReportProtection,
  planUnitReports,
  resolveToday,
  rowRanges,
  unitReportProtectionDescription,
  REPORT_SHEET_PROTECTION,
  type Cell,
  type UnitReportRows,
} from '../core';
import { addEditorsSafely, deniedMessage, myEmail, ownerEmail, restrictToRunner } from './access';
import { startStopwatch, todayYmd } from './env';
import { findSheet } from './find';
import { underLock } from './run';
import { readSettings } from './settings';
import { sheetClock } from './tz';
import { alert, confirm } from './ui';
import { readRegistrySheet } from './unittabs';
import { ensureSize, writeRowsWithText } from './write';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export interface UnitReportsResult {
  /** partial: stopped at the time budget; running it again does the rest. */
  status: 'done' | 'partial' | 'nothing' | 'cancelled' | 'failed' | 'refused' | 'busy';
  message: string;
  /** Rows appended. */
  appended: number;
  /** Units whose rows got (new) protections. */
  protectedUnits: string[];
  /** Editors added and removed, by unit. */
  granted: Record<string, string[]>;
  revoked: Record<string, string[]>;
}

/** One range protection of ours on `Báo cáo tháng`. */
interface Ours {
  p: Protection;
  label: string;
  unit: string;
  first: number;
  count: number;
  manageable: boolean;
  editors: string[];
}

/** One unit's work in the current period. */
interface UnitWork {
  plan: UnitReportRows;
  /** Protections of ours that stay (their runs match the unit's rows). */
  keep: Ours[];
  /** Protections of ours to remove (the rows changed), and the runs to protect. */
  drop: Ours[];
  create: Run[];
  add: string[];
  remove: string[];
  refused: boolean;
}

/** The sheet protection of a sheet, or null (a sheet has at most one). */
function sheetProtection(sheet: Sheet): Protection | null {
  const list = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  return list.length ? list[0] : null;
}

function editorsOf(p: Protection): string[] {
  return p
    .getEditors()
    .map((u) => u.getEmail().toLowerCase())
    .filter(Boolean);
}

function readOurs(sheet: Sheet): Ours[] {
  const out: Ours[] = [];
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const id = parseUnitReportProtection(p.getDescription());
    if (!id) continue;
    const r = p.getRange();
    const manageable = p.canEdit();
    out.push({ p, label: id.label, unit: id.unit, first: r.getRow(), count: r.getNumRows(), manageable, editors: manageable ? editorsOf(p) : [] });
  }
  return out;
}

type Run = [number, number];

function rowSet(runs: Run[]): Set<number> {
  const rows = new Set<number>();
  for (const [first, count] of runs) for (let i = 0; i < count; i++) rows.add(first + i);
  return rows;
}

/** The rows of these protections (and runs) as ascending runs, each row once. */
function runsOf(list: Ours[], extra: Run[] = []): Run[] {
  const rows = rowSet([...list.map((o): Run => [o.first, o.count]), ...extra]);
  return rowRanges(Array.from(rows).sort((a, b) => a - b));
}

/** The rows in both. */
function intersect(a: Run[], b: Run[]): Run[] {
  const inB = rowSet(b);
  return rowRanges(
    Array.from(rowSet(a))
      .filter((r) => inB.has(r))
      .sort((x, y) => x - y),
  );
}

function sameRuns(a: Run[], b: Run[]): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

/** The sheet protection's unprotected ranges as runs of rows. */
function openRuns(sp: Protection): Run[] {
  return runsOf(
    [],
    sp.getUnprotectedRanges().map((r): Run => [r.getRow(), r.getNumRows()]),
  );
}

function setOpen(sheet: Sheet, sp: Protection, runs: Run[], width: number): void {
  sp.setUnprotectedRanges(runs.map(([first, count]) => sheet.getRange(first, 1, count, width)));
}

/**
 * The close of a period (src/gas/close.ts) replaces the units' protections of its rows by its own
 * lock: ours for that period are removed (after their rows left the sheet protection's
 * unprotected ranges, so they are never open to everyone). Returns how many were removed.
 */
export function releaseUnitReports(sheet: Sheet, label: string): number {
  const ours = readOurs(sheet);
  const gone = ours.filter((o) => o.label === label && o.manageable);
  if (!gone.length) return 0;
  const sp = sheetProtection(sheet);
  if (sp && sp.getDescription() === REPORT_SHEET_PROTECTION && sp.canEdit()) {
    const stay = ours.filter((o) => !gone.includes(o));
    setOpen(sheet, sp, intersect(openRuns(sp), runsOf(stay)), sheet.getMaxColumns());
  }
  for (const o of gone) o.p.remove();
  return gone.length;
}

const EMPTY = { appended: 0, protectedUnits: [], granted: {}, revoked: {} };

export function syncUnitReports(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), ask: (message: string) => boolean = confirm): UnitReportsResult {
  const registry = readRegistrySheet(ss);
  if (!registry) return { status: 'failed', message: GAS.unitTabs.noRegistry, ...EMPTY };
  const units = registry.units.filter((u) => u.row > 0);
  if (!units.length) return { status: 'failed', message: GAS.unitTabs.noUnits, ...EMPTY };
  const sheet = findSheet(ss, SHEET.reports);
  if (!sheet) return { status: 'failed', message: GAS.unitReports.noSheet, ...EMPTY };

  const today = resolveToday(todayYmd());
  const settings = readSettings(ss, today.y);
  const cycle = settings.cycle;
  const period = currentPeriod(today, settings);
  const staff = settings.staffEmails.map((e) => e.toLowerCase());
  const lastRow = sheet.getLastRow();
  const values = lastRow > 0 ? sheetClock(ss).readRows(sheet.getRange(1, 1, lastRow, Math.max(1, sheet.getLastColumn())).getValues() as Cell[][]) : [];
  const plan = planUnitReports(sheet.getName(), values, units, staff, period, cycle);
  if (plan === 'NO_TABLE') return { status: 'failed', message: GAS.unitReports.noTable, ...EMPTY };
  if (plan === 'NO_UNIT_COLUMN') return { status: 'failed', message: GAS.unitReports.noUnitColumn, ...EMPTY };

  const me = myEmail().toLowerCase();
  const owner = ownerEmail(ss);
  const keepUsers = [me, (owner ?? '').toLowerCase()].filter(Boolean);
  const sp = sheetProtection(sheet);
  // the runner must be able to append rows: a sheet protection they cannot edit stops everything
  if (sp && !sp.isWarningOnly() && !sp.canEdit()) return { status: 'refused', message: deniedMessage(ss, [sheet.getName()]), ...EMPTY };
  const ourSheet = !sp || sp.getDescription() === REPORT_SHEET_PROTECTION;
  const sheetChange = sp && ourSheet ? editorChange(editorsOf(sp), staff, keepUsers) : { add: staff.filter((e) => !keepUsers.includes(e)), remove: [] };

  // our range protections: the current period's, by unit; the others kept (previous period, unit
  // still registered: editors synced) or released
  const ours = readOurs(sheet);
  const byUnit = new Map(plan.units.map((u) => [u.unit, u]));
  const work: UnitWork[] = plan.units.map((u) => {
    const mine = ours.filter((o) => o.label === plan.label && o.unit === u.unit);
    const runs = rowRanges(u.rows);
    const refused = mine.some((o) => !o.manageable);
    if (sameRuns(runsOf(mine), runs) && mine.every((o) => runs.some(([f, c]) => f === o.first && c === o.count))) {
      const change = editorChange(mine.length ? mine[0].editors : [], u.editors, keepUsers);
      // each protection of the unit gets the same change (they all list the same people)
      return { plan: u, keep: mine, drop: [], create: [], add: refused ? [] : change.add, remove: refused ? [] : change.remove, refused };
    }
    return { plan: u, keep: [], drop: mine, create: runs, add: [], remove: [], refused };
  });
  const others = ours.filter((o) => o.label !== plan.label || !byUnit.has(o.unit));
  const release = others.filter((o) => o.manageable && (!byUnit.has(o.unit) || !keepsReportProtection(o.label, period, cycle)));
  const synced = others.flatMap((o) => {
    const u = byUnit.get(o.unit);
    return u && o.manageable && !release.includes(o) ? [{ o, change: editorChange(o.editors, u.editors, keepUsers) }] : [];
  });
  const keptOthers = others.filter((o) => !release.includes(o));
  const refusedUnits = work.filter((w) => w.refused).map((w) => w.plan.unit);
  for (const o of others) if (!o.manageable && !refusedUnits.includes(o.unit)) refusedUnits.push(o.unit);

  const active = work.filter((w) => !w.refused);
  // protections of ours that stay as they are: kept ones, and those of units the runner cannot change
  const staying = [...keptOthers, ...work.flatMap((w) => (w.refused ? [...w.drop, ...w.keep] : w.keep))];
  const finalRuns = runsOf(
    staying,
    active.flatMap((w) => w.create),
  );
  const reopen = ourSheet && (!sp || !sameRuns(openRuns(sp), finalRuns));
  const counts = {
    period: plan.label,
    append: plan.append.length,
    sheet: !sp,
    protect: active.filter((w) => w.create.length).length,
    grant: active.reduce((n, w) => n + w.add.length * w.keep.length, 0) + synced.reduce((n, s) => n + s.change.add.length, 0) + sheetChange.add.length,
    grantUnits: active.filter((w) => w.add.length && w.keep.length).length + synced.filter((s) => s.change.add.length).length,
    revoke:
      active.reduce((n, w) => n + w.remove.length * w.keep.length, 0) + synced.reduce((n, s) => n + s.change.remove.length, 0) + sheetChange.remove.length,
    revokeUnits: active.filter((w) => w.remove.length && w.keep.length).length + synced.filter((s) => s.change.remove.length).length,
    release: release.length,
  };
  const notes: string[] = [];
  const noFocal = plan.units.filter((u) => u.noFocal).map((u) => u.unit);
  if (noFocal.length) notes.push(GAS.unitReports.noFocal(noFocal));
  if (!ourSheet) notes.push(GAS.unitReports.foreignSheet);
  if (refusedUnits.length) notes.push(GAS.unitReports.refused(refusedUnits, me, owner));
  if (registry.issues.length) notes.push(GAS.unitTabs.registryIssues(registry.issues.length));

  const changes = counts.append + (counts.sheet ? 1 : 0) + counts.protect + counts.grant + counts.revoke + counts.release + (reopen ? 1 : 0);
  if (changes === 0) return { status: 'nothing', message: GAS.unitReports.done(GAS.unitReports.nothing(plan.units.length, plan.label), notes), ...EMPTY };
  if (!ask(GAS.unitReports.confirm(GAS.unitReports.plan(counts, false)))) return { status: 'cancelled', message: '', ...EMPTY };

  const done = underLock((): UnitReportsResult => {
    // rows typed at the end while the question was open would be overwritten by the new rows
    if (plan.append.length && sheet.getLastRow() !== lastRow) return { status: 'failed', message: GAS.unitReports.changedMeanwhile, ...EMPTY };
    const result: UnitReportsResult = { status: 'done', message: '', appended: 0, protectedUnits: [], granted: {}, revoked: {} };
    let width = sheet.getMaxColumns();
    let sheetP: Protection | null = sp;
    if (ourSheet) {
      if (!sheetP) sheetP = restrictToRunner(sheet.protect().setDescription(REPORT_SHEET_PROTECTION));
      else if (sheetChange.remove.length) sheetP.removeEditors(sheetChange.remove);
      addEditorsSafely(sheetP, sheetChange.add);
    }
    if (plan.append.length) {
      const w = plan.append[0].length;
      ensureSize(sheet, plan.appendAt + plan.append.length - 1, w);
      width = Math.max(width, w);
      writeRowsWithText(sheet, plan.appendAt, plan.append, w, plan.textColumns);
      result.appended = plan.append.length;
    }
    // before a protection of ours goes, its rows leave the unprotected ranges
    const dropping = [...release, ...active.flatMap((w) => w.drop)];
    if (sheetP && ourSheet && sp && dropping.length) setOpen(sheet, sheetP, intersect(openRuns(sheetP), runsOf(staying)), width);
    for (const o of release) o.p.remove();
    for (const { o, change } of synced) {
      if (change.remove.length) o.p.removeEditors(change.remove);
      addEditorsSafely(o.p, change.add);
    }
    const watch = startStopwatch();
    let left = 0;
    const doneRuns: Run[] = [];
    for (const w of active) {
      if (left > 0 || (w.create.length && watch.overBudget())) {
        left++;
        continue;
      }
      const u = w.plan.unit;
      if (w.create.length) {
        const add = w.plan.editors.filter((e) => !keepUsers.includes(e));
        for (const [first, count] of w.create) {
          const p = restrictToRunner(sheet.getRange(first, 1, count, width).protect().setDescription(unitReportProtectionDescription(plan.label, u)));
          addEditorsSafely(p, add);
          doneRuns.push([first, count]);
        }
        for (const o of w.drop) o.p.remove();
        result.protectedUnits.push(u);
        if (add.length) result.granted[u] = add;
      } else {
        for (const o of w.keep) {
          if (w.remove.length) o.p.removeEditors(w.remove);
          addEditorsSafely(o.p, w.add);
        }
        if (w.add.length && w.keep.length) result.granted[u] = w.add;
        if (w.remove.length && w.keep.length) result.revoked[u] = w.remove;
      }
    }
    for (const { o, change } of synced) {
      if (change.add.length)
        result.granted[o.unit] = [...(result.granted[o.unit] ?? []), ...change.add.filter((e) => !(result.granted[o.unit] ?? []).includes(e))];
      if (change.remove.length)
        result.revoked[o.unit] = [...(result.revoked[o.unit] ?? []), ...change.remove.filter((e) => !(result.revoked[o.unit] ?? []).includes(e))];
    }
    // the unprotected ranges: the rows of every protection of ours now (those not done stay staff-only)
    if (sheetP && ourSheet) {
      const now = runsOf(staying, doneRuns);
      if (!sameRuns(openRuns(sheetP), now)) setOpen(sheet, sheetP, now, width);
    }
    if (left > 0) {
      result.status = 'partial';
      result.message = GAS.unitReports.partial(result.protectedUnits.length, left);
      return result;
    }
    result.message = GAS.unitReports.done(GAS.unitReports.plan(counts, true), notes);
    return result;
  });
  return done ?? { status: 'busy', message: GAS.busy, ...EMPTY };
}

/** The menu entry: do it, then say what changed (or why nothing did). */
export function prepareUnitReportsMenu(): UnitReportsResult {
  const result = syncUnitReports();
  if (result.status !== 'cancelled') alert(result.message);
  return result;
}
