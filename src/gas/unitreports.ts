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
 * Only the current period's protections are kept: preparing a new period releases the others (at
 * most one protection per unit). Order of the writes: the sheet protection first, unprotected ranges shrunk before a protection
 * of ours is removed and widened only after the new ones exist, so a row is never open to everyone.
 */
import {
  GAS,
  SHEET,
  currentPeriod,
  editorChange,
  formatPeriodVi,
  parseUnitReportProtection,
  planUnitReports,
  resolveToday,
  rowRanges,
  unitReportProtectionDescription,
  REPORT_SHEET_PROTECTION,
  type Cell,
  type Period,
  type Settings,
  type UnitReportRows,
} from '../core';
import { addEditorsSafely, deniedMessage, editorEmails, myEmail, ownerEmail, restrictToRunner } from './access';
import { closeProtection } from './closelock';
import { currentDocument } from './context';
import { startStopwatch, todayYmd, type Stopwatch } from './env';
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
type Properties = GoogleAppsScript.Properties.Properties;

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

/** One range protection of ours on `Báo cáo tháng` for the current period, read in full. */
interface Ours {
  p: Protection;
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

type Run = [number, number];

/** The sheet protection of a sheet, or null (a sheet has at most one). */
function sheetProtection(sheet: Sheet): Protection | null {
  const list = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  return list.length ? list[0] : null;
}

/**
 * The range protections of the sheet, in one pass (one getDescription each): ours of period
 * `label` read in full (rows, editors), ours of any other period (to release), and whether the
 * close has locked `label`.
 */
function survey(sheet: Sheet, label: string): { current: Ours[]; other: Protection[]; closed: boolean } {
  const current: Ours[] = [];
  const other: Protection[] = [];
  let closed = false;
  const closeLock = closeProtection(label);
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const description = p.getDescription();
    if (description === closeLock) closed = true;
    const id = parseUnitReportProtection(description);
    if (!id) continue;
    if (id.label !== label) {
      other.push(p);
      continue;
    }
    const r = p.getRange();
    const manageable = p.canEdit();
    current.push({ p, unit: id.unit, first: r.getRow(), count: r.getNumRows(), manageable, editors: manageable ? editorEmails(p) : [] });
  }
  return { current, other, closed };
}

function rowSet(runs: Run[]): Set<number> {
  const rows = new Set<number>();
  for (const [first, count] of runs) for (let i = 0; i < count; i++) rows.add(first + i);
  return rows;
}

function toRuns(rows: Iterable<number>): Run[] {
  return rowRanges(Array.from(rows).sort((a, b) => a - b));
}

/** The rows of these protections (and runs) as ascending runs, each row once. */
function runsOf(list: Ours[], extra: Run[] = []): Run[] {
  return toRuns(rowSet([...list.map((o): Run => [o.first, o.count]), ...extra]));
}

/** The rows of `a` that are also in `b` (inside: true) or not in `b` (inside: false). */
function filterRuns(a: Run[], b: Run[], inside: boolean): Run[] {
  const inB = rowSet(b);
  return toRuns(Array.from(rowSet(a)).filter((r) => inB.has(r) === inside));
}

function sameRuns(a: Run[], b: Run[]): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

/** The sheet protection's unprotected ranges as runs of rows. */
function openRuns(sp: Protection): Run[] {
  return toRuns(rowSet(sp.getUnprotectedRanges().map((r): Run => [r.getRow(), r.getNumRows()])));
}

function setOpen(sheet: Sheet, sp: Protection, runs: Run[], width: number): void {
  sp.setUnprotectedRanges(runs.map(([first, count]) => sheet.getRange(first, 1, count, width)));
}

/** Our sheet protection, when this user may change it. */
function ourSheetProtection(sheet: Sheet): Protection | null {
  const sp = sheetProtection(sheet);
  return sp && sp.getDescription() === REPORT_SHEET_PROTECTION && sp.canEdit() ? sp : null;
}

/**
 * A blocking close of a period (src/gas/close.ts) replaces the units' protections of its rows by its
 * lock: ours for that period are removed (after their rows left the sheet protection's
 * unprotected ranges, so they are never open to everyone). Returns how many were removed.
 */
export function releaseUnitReports(sheet: Sheet, label: string): number {
  const gone = survey(sheet, label).current.filter((o) => o.manageable);
  if (!gone.length) return 0;
  const sp = ourSheetProtection(sheet);
  if (sp) setOpen(sheet, sp, filterRuns(openRuns(sp), runsOf(gone), false), sheet.getMaxColumns());
  for (const o of gone) o.p.remove();
  return gone.length;
}

const EMPTY = { appended: 0, protectedUnits: [], granted: {}, revoked: {} };

export interface SyncOptions {
  /**
   * Run by the hourly trigger at a period's start (src/gas/schedule.ts), nobody confirming: it
   * grants and never revokes. No editor is removed (from the sheet protection or a unit's), and a
   * unit no longer in the registry keeps its protection of the current period; the previous
   * periods' protections are released, as preparing a new period must. Revoking stays a menu action.
   */
  unattended?: boolean;
  /** The execution's stopwatch when the run did other work first; a new one by default. */
  watch?: Stopwatch;
}

/**
 * Document state (the document's store, reachable from a trigger run without the document): the
 * period whose rows a run of syncUnitReports last prepared, and whether it finished. The hourly
 * run reads it to know, in one call, that the current period is prepared (docs/unit-tabs.md).
 */
export const PREPARED_PROP = 'bdhvs.reportRows';

interface Prepared {
  label: string;
  status: 'done' | 'partial';
}

function readPrepared(state: Properties): Prepared | null {
  try {
    const json = state.getProperty(PREPARED_PROP);
    const p = json ? (JSON.parse(json) as Partial<Record<keyof Prepared, unknown>> | null) : null;
    return p && typeof p.label === 'string' && (p.status === 'done' || p.status === 'partial') ? { label: p.label, status: p.status } : null;
  } catch {
    return null;
  }
}

function rememberPrepared(label: string, status: Prepared['status']): void {
  try {
    currentDocument().state.setProperty(PREPARED_PROP, JSON.stringify({ label, status } satisfies Prepared));
  } catch {
    // best effort: without it the hourly check reads the protections' descriptions again
  }
}

/** Whether the hourly run should prepare the current period's rows now (autoPrepareCheck). */
export type AutoPrepare =
  | { due: false; why: 'off' | 'prepared' | 'closed' }
  | { due: true; period: Period; label: string; /** a run stopped at its time budget is continued */ continuation: boolean };

/**
 * The hourly run's check, cheap when there is nothing to do (docs/unit-tabs.md "Periods"): the
 * rows are prepared unattended only when (1) `Báo cáo tháng` has our sheet protection (the staff
 * turned the mode on through the menu once), (2) the current period is not prepared (no unit
 * protection of ours of it; or the last run for it stopped at its time budget) and (3) it is not
 * closed. Costs: the sheet protection (2–3 calls); with the mode on, `Cấu hình` (`settings`) and
 * one property; only at a period's start (and while it is closed unprepared) one description per
 * range protection of the sheet.
 */
export function autoPrepareCheck(ss: Spreadsheet, settings: () => Settings): AutoPrepare {
  const sheet = findSheet(ss, SHEET.reports);
  const sp = sheet ? sheetProtection(sheet) : null;
  if (!sheet || !sp || sp.getDescription() !== REPORT_SHEET_PROTECTION) return { due: false, why: 'off' };
  const period = currentPeriod(resolveToday(todayYmd()), settings());
  const label = formatPeriodVi(period);
  const prepared = readPrepared(currentDocument().state);
  if (prepared && prepared.label === label && prepared.status === 'done') return { due: false, why: 'prepared' };
  const closeLock = closeProtection(label);
  let closed = false;
  let ours = false;
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const description = p.getDescription();
    if (description === closeLock) closed = true;
    const id = parseUnitReportProtection(description);
    if (id && id.label === label) ours = true;
  }
  if (closed) return { due: false, why: 'closed' };
  if (prepared && prepared.label === label) return { due: true, period, label, continuation: true };
  // prepared before this state was kept (or it was lost): remembered now, so the next hours cost one call
  if (ours) {
    rememberPrepared(label, 'done');
    return { due: false, why: 'prepared' };
  }
  return { due: true, period, label, continuation: false };
}

export function syncUnitReports(
  ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
  ask: (message: string) => boolean = confirm,
  options: SyncOptions = {},
): UnitReportsResult {
  const unattended = options.unattended === true;
  // the budget counts from the start: reading 250 protections is itself a few hundred calls
  const watch = options.watch ?? startStopwatch();
  const registry = readRegistrySheet(ss);
  if (!registry) return { status: 'failed', message: GAS.unitTabs.noRegistry, ...EMPTY };
  const units = registry.units.filter((u) => u.row > 0);
  if (!units.length) return { status: 'failed', message: GAS.unitTabs.noUnits, ...EMPTY };
  const sheet = findSheet(ss, SHEET.reports);
  if (!sheet) return { status: 'failed', message: GAS.unitReports.noSheet, ...EMPTY };

  const today = resolveToday(todayYmd());
  const settings = readSettings(ss, today.y);
  const period = currentPeriod(today, settings);
  const staff = settings.staffEmails.map((e) => e.toLowerCase());
  const lastRow = sheet.getLastRow();
  const values = lastRow > 0 ? sheetClock(ss).readRows(sheet.getRange(1, 1, lastRow, Math.max(1, sheet.getLastColumn())).getValues() as Cell[][]) : [];
  const plan = planUnitReports(sheet.getName(), values, units, staff, period, settings.cycle);
  if (plan === 'NO_TABLE') return { status: 'failed', message: GAS.unitReports.noTable, ...EMPTY };
  if (plan === 'NO_UNIT_COLUMN') return { status: 'failed', message: GAS.unitReports.noUnitColumn, ...EMPTY };

  const found = survey(sheet, plan.label);
  // a closed period's rows are the close's (src/gas/close.ts locks them): nothing to prepare until it is reopened
  if (found.closed) return { status: 'failed', message: GAS.unitReports.closed(plan.label), ...EMPTY };
  const me = Session.getEffectiveUser();
  const meEmail = myEmail().toLowerCase();
  const owner = ownerEmail(ss);
  const keepUsers = [meEmail, (owner ?? '').toLowerCase()].filter(Boolean);
  const sp = sheetProtection(sheet);
  // the runner must be able to append rows: a sheet protection they cannot edit stops everything
  if (sp && !sp.isWarningOnly() && !sp.canEdit()) return { status: 'refused', message: deniedMessage(ss, [sheet.getName()]), ...EMPTY };
  const ourSheet = !sp || sp.getDescription() === REPORT_SHEET_PROTECTION;
  // someone else's sheet protection is left as it is
  const sheetChange = !ourSheet
    ? { add: [], remove: [] }
    : sp
      ? editorChange(editorEmails(sp), staff, keepUsers)
      : { add: staff.filter((e) => !keepUsers.includes(e)), remove: [] };
  if (unattended) sheetChange.remove = [];

  // our protections of the current period, by unit; those of other periods and of units no longer
  // in the registry are released (the rows stay, for the staff only)
  const byUnit = new Set(plan.units.map((u) => u.unit));
  const work: UnitWork[] = plan.units.map((u) => {
    const mine = found.current.filter((o) => o.unit === u.unit);
    const runs = rowRanges(u.rows);
    const refused = mine.some((o) => !o.manageable);
    if (sameRuns(runsOf(mine), runs) && mine.every((o) => runs.some(([f, c]) => f === o.first && c === o.count))) {
      const change = editorChange(mine.length ? mine[0].editors : [], u.editors, keepUsers);
      // each protection of the unit gets the same change (they all list the same people)
      return { plan: u, keep: mine, drop: [], create: [], add: refused ? [] : change.add, remove: refused || unattended ? [] : change.remove, refused };
    }
    return { plan: u, keep: [], drop: mine, create: runs, add: [], remove: [], refused };
  });
  const orphans = found.current.filter((o) => !byUnit.has(o.unit));
  // unattended, a unit removed from the registry keeps its protection of the period (a revocation)
  const release = [...(unattended ? [] : orphans.filter((o) => o.manageable).map((o) => o.p)), ...found.other];
  const refusedUnits = work.filter((w) => w.refused).map((w) => w.plan.unit);
  for (const o of orphans) if (!o.manageable && !refusedUnits.includes(o.unit)) refusedUnits.push(o.unit);

  const active = work.filter((w) => !w.refused);
  // protections of ours that stay as they are: kept ones, and those the runner cannot change
  const staying = [...orphans.filter((o) => unattended || !o.manageable), ...work.flatMap((w) => (w.refused ? [...w.drop, ...w.keep] : w.keep))];
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
    grant: active.reduce((n, w) => n + w.add.length * w.keep.length, 0) + sheetChange.add.length,
    grantUnits: active.filter((w) => w.add.length && w.keep.length).length,
    revoke: active.reduce((n, w) => n + w.remove.length * w.keep.length, 0) + sheetChange.remove.length,
    revokeUnits: active.filter((w) => w.remove.length && w.keep.length).length,
    release: release.length,
  };
  const notes: string[] = [];
  const noFocal = plan.units.filter((u) => u.noFocal).map((u) => u.unit);
  if (noFocal.length) notes.push(GAS.unitReports.noFocal(noFocal));
  if (!ourSheet) notes.push(GAS.unitReports.foreignSheet);
  if (refusedUnits.length) notes.push(GAS.unitReports.refused(refusedUnits, meEmail, owner));
  if (registry.issues.length) notes.push(GAS.unitTabs.registryIssues(registry.issues.length));

  const changes = counts.append + (counts.sheet ? 1 : 0) + counts.protect + counts.grant + counts.revoke + counts.release + (reopen ? 1 : 0);
  if (changes === 0) {
    rememberPrepared(plan.label, 'done');
    return { status: 'nothing', message: GAS.unitReports.done(GAS.unitReports.nothing(plan.units.length, plan.label), notes), ...EMPTY };
  }
  if (!ask(GAS.unitReports.confirm(GAS.unitReports.plan(counts, false)))) return { status: 'cancelled', message: '', ...EMPTY };

  const done = underLock((): UnitReportsResult => {
    // rows typed at the end while the question was open would be overwritten by the new rows
    if (plan.append.length && sheet.getLastRow() !== lastRow) return { status: 'failed', message: GAS.unitReports.changedMeanwhile, ...EMPTY };
    const result: UnitReportsResult = { status: 'done', message: '', appended: 0, protectedUnits: [], granted: {}, revoked: {} };
    let width = sheet.getMaxColumns();
    let sheetP: Protection | null = sp;
    if (ourSheet) {
      if (!sheetP) sheetP = restrictToRunner(sheet.protect().setDescription(REPORT_SHEET_PROTECTION), me);
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
    if (sheetP && ourSheet && sp && (release.length || active.some((w) => w.drop.length)))
      setOpen(sheet, sheetP, filterRuns(openRuns(sheetP), runsOf(staying), true), width);
    // then the units, one by one, until the time budget: what is left waits for the next run
    let left = 0;
    const doneRuns: Run[] = [];
    for (const w of active) {
      // at least one unit a run, so that a run that spent its budget reading still makes progress
      if (left > 0 || (w.create.length && result.protectedUnits.length > 0 && watch.overBudget())) {
        left++;
        continue;
      }
      const u = w.plan.unit;
      if (w.create.length) {
        const add = w.plan.editors.filter((e) => !keepUsers.includes(e));
        for (const [first, count] of w.create) {
          const p = restrictToRunner(sheet.getRange(first, 1, count, width).protect().setDescription(unitReportProtectionDescription(plan.label, u)), me);
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
    // last, the old protections (their rows already left the unprotected ranges: staff only)
    for (const p of release) {
      if (left > 0 || watch.overBudget()) {
        left++;
        continue;
      }
      try {
        p.remove();
      } catch {
        // changed by someone else since the survey: the next run sees it again
      }
    }
    // the unprotected ranges: the rows of every protection of ours now (those not done stay staff-only)
    if (sheetP && ourSheet) {
      const now = runsOf(staying, doneRuns);
      if (!sameRuns(openRuns(sheetP), now)) setOpen(sheet, sheetP, now, width);
    }
    if (left > 0) {
      result.status = 'partial';
      result.message = GAS.unitReports.partial(result.protectedUnits.length, left, unattended);
      rememberPrepared(plan.label, 'partial');
      return result;
    }
    result.message = GAS.unitReports.done(GAS.unitReports.plan(counts, true), notes);
    rememberPrepared(plan.label, 'done');
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
