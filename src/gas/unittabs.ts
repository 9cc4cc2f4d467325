/**
 * Menu "Tạo trang cho từng đơn vị" (issue 13 §1): one learner tab per unit of `Đơn vị`, protected
 * so that only the unit's focal points, the department staff (`Cán bộ Sở (email)`), the owner and
 * the person running it can edit it. The rules are in src/core/unittabs.ts; this file reads the
 * registry and the protections, shows what will change, asks, and does it.
 *
 * Protections (https://developers.google.com/apps-script/reference/spreadsheet/protection): a new
 * one starts with every editor of the file, so ours first keeps only the runner and the owner
 * (removeEditors never removes those two: "Neither the owner of the spreadsheet nor the current
 * user can be removed"), turns domain editing off, then adds the unit's editors. A protection is
 * ours when its description is the core's unitTabProtectionDescription; on one of ours editors who
 * are no longer focal points or staff are removed, on anyone else's they are only added. The file's
 * own sharing is never changed.
 */
import {
  GAS,
  SHEET,
  editorChange,
  planUnitTabs,
  readUnitRegistry,
  unitOfTabProtection,
  unitTabProtectionDescription,
  unitTabTemplate,
  type Cell,
  type UnitTabPlan,
} from '../core';
import { addEditorsSafely, editorEmails, myEmail, ownerEmail, readStaff, restrictToRunner } from './access';
import { startStopwatch } from './env';
import { underLock } from './run';
import { findSheet } from './find';
import { sheetClock } from './tz';
import { applyTemplate } from './setup';
import { alert, confirm } from './ui';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** One tab's work: the plan, its sheet and protection as they are now, the change of editors. */
interface TabWork {
  plan: UnitTabPlan;
  sheet: Sheet | null;
  /** Our protection, another's, or none. */
  protection: Protection | null;
  ours: boolean;
  /** The runner may change the protection (or there is none yet). */
  manageable: boolean;
  add: string[];
  remove: string[];
}

export interface UnitTabsResult {
  /** partial: stopped at the time budget; running it again does the rest. */
  status: 'done' | 'partial' | 'nothing' | 'cancelled' | 'failed';
  message: string;
  created: string[];
  /** Editors added and removed, by tab. */
  granted: Record<string, string[]>;
  revoked: Record<string, string[]>;
}

function protectionOf(sheet: Sheet): Protection | null {
  return sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? null;
}

/** The work for every planned tab, without changing anything. */
function survey(ss: Spreadsheet, tabs: UnitTabPlan[], keep: string[]): TabWork[] {
  const byName = new Map(ss.getSheets().map((s) => [s.getName(), s]));
  return tabs.map((plan) => {
    const sheet = plan.create ? null : (byName.get(plan.tab) ?? null);
    const protection = sheet ? protectionOf(sheet) : null;
    const ours = !!protection && unitOfTabProtection(protection.getDescription()) !== null;
    const manageable = !protection || protection.canEdit();
    let add = plan.editors.filter((e) => !keep.includes(e));
    let remove: string[] = [];
    if (protection && manageable) {
      const change = editorChange(editorEmails(protection), plan.editors, keep);
      add = change.add;
      // on someone else's protection nobody is removed
      remove = ours ? change.remove : [];
    }
    return { plan, sheet, protection, ours, manageable, add, remove };
  });
}

/** Tabs of ours whose unit is no longer in the registry (their editors go back to the staff). */
function orphanTabs(ss: Spreadsheet, planned: Set<string>, staff: string[], keep: string[]): TabWork[] {
  const out: TabWork[] = [];
  for (const sheet of ss.getSheets()) {
    if (planned.has(sheet.getName())) continue;
    const p = protectionOf(sheet);
    if (!p) continue;
    const unit = unitOfTabProtection(p.getDescription());
    if (unit === null) continue;
    const plan: UnitTabPlan = { unit, unitName: unit, tab: sheet.getName(), create: false, editors: staff, noFocal: true };
    const manageable = p.canEdit();
    const change = manageable ? editorChange(editorEmails(p), staff, keep) : { add: [], remove: [] };
    out.push({ plan, sheet, protection: p, ours: true, manageable, add: change.add, remove: change.remove });
  }
  return out;
}

function newProtection(sheet: Sheet, code: string): Protection {
  return restrictToRunner(sheet.protect().setDescription(unitTabProtectionDescription(code)));
}

/** The registry of `Đơn vị` (one read), or null without the sheet or its header row. */
export function readRegistrySheet(ss: Spreadsheet): ReturnType<typeof readUnitRegistry> {
  const registrySheet = findSheet(ss, SHEET.units);
  // a date cell in the core's convention (tz.ts), as every other read of a sheet
  return registrySheet && registrySheet.getLastRow() > 0
    ? readUnitRegistry(
        registrySheet.getName(),
        sheetClock(ss).readRows(registrySheet.getRange(1, 1, registrySheet.getLastRow(), Math.max(1, registrySheet.getLastColumn())).getValues() as Cell[][]),
      )
    : null;
}

export function syncUnitTabs(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), ask: (message: string) => boolean = confirm): UnitTabsResult {
  const empty = { created: [], granted: {}, revoked: {} };
  const registry = readRegistrySheet(ss);
  if (!registry) return { status: 'failed', message: GAS.unitTabs.noRegistry, ...empty };
  const units = registry.units.filter((u) => u.row > 0);
  if (!units.length) return { status: 'failed', message: GAS.unitTabs.noUnits, ...empty };

  const staff = readStaff(ss).map((e) => e.toLowerCase());
  const me = myEmail().toLowerCase();
  const owner = ownerEmail(ss);
  const keep = [me, (owner ?? '').toLowerCase()].filter(Boolean);
  const plan = planUnitTabs(
    units,
    ss.getSheets().map((s) => s.getName()),
    staff,
  );
  const work = survey(ss, plan.tabs, keep);
  const orphans = orphanTabs(ss, new Set(plan.tabs.map((t) => t.tab)), staff, keep);
  const all = [...work, ...orphans];

  const counts = {
    create: work.filter((w) => w.plan.create).map((w) => w.plan.tab),
    protect: all.filter((w) => !w.protection).length,
    grant: all.reduce((n, w) => n + w.add.length, 0),
    grantTabs: all.filter((w) => w.add.length).length,
    revoke: all.reduce((n, w) => n + w.remove.length, 0),
    revokeTabs: all.filter((w) => w.remove.length).length,
  };
  const notes: string[] = [];
  if (plan.skipped.length) notes.push(GAS.unitTabs.skipped(plan.skipped.map((s) => GAS.unitTabs.skipReason[s.reason](s.unit, s.other ?? ''))));
  const noFocal = work.filter((w) => w.plan.noFocal).map((w) => w.plan.unit);
  if (noFocal.length) notes.push(GAS.unitTabs.noFocal(noFocal));
  if (orphans.length) notes.push(GAS.unitTabs.orphans(orphans.map((w) => w.plan.tab)));
  const foreign = work.filter((w) => w.protection && !w.ours).map((w) => w.plan.tab);
  if (foreign.length) notes.push(GAS.unitTabs.foreign(foreign));
  const refused = all.filter((w) => !w.manageable).map((w) => w.plan.tab);
  if (refused.length) notes.push(GAS.unitTabs.refused(refused, me, owner));
  if (registry.issues.length) notes.push(GAS.unitTabs.registryIssues(registry.issues.length));

  const changes = counts.create.length + counts.protect + counts.grant + counts.revoke;
  if (changes === 0) return { status: 'nothing', message: GAS.unitTabs.done(GAS.unitTabs.nothing(work.length), notes), ...empty };
  if (!ask(GAS.unitTabs.confirm(GAS.unitTabs.plan(counts, false)))) return { status: 'cancelled', message: '', ...empty };

  const result: UnitTabsResult = { status: 'done', message: '', created: [], granted: {}, revoked: {} };
  // a tab made from the template takes ~80 calls: on a large province the run stops between two
  // tabs at the soft budget, and a second run (the same command: idempotent) does the rest
  const watch = startStopwatch();
  let left = 0;
  const meanwhile: string[] = [];
  // under the document lock: two people running it at once would both create the same tabs
  const locked = underLock(() => {
    let handled = 0;
    for (const w of all) {
      if (!w.manageable) continue;
      // at least one tab per run, so that running it again always gets further
      if (left > 0 || (handled > 0 && watch.overBudget())) {
        left++;
        continue;
      }
      let sheet = w.sheet;
      if (!sheet) {
        // a sheet of that name made by someone while the question was open: left for the next run
        if (ss.getSheetByName(w.plan.tab)) {
          meanwhile.push(w.plan.tab);
          continue;
        }
        sheet = ss.insertSheet(w.plan.tab, ss.getNumSheets());
        applyTemplate(sheet, unitTabTemplate(w.plan.tab));
        result.created.push(w.plan.tab);
      }
      const p = w.protection ?? newProtection(sheet, w.plan.unit);
      if (w.remove.length) p.removeEditors(w.remove);
      addEditorsSafely(p, w.add);
      if (w.add.length) result.granted[w.plan.tab] = w.add;
      if (w.remove.length) result.revoked[w.plan.tab] = w.remove;
      handled++;
    }
    return true;
  });
  if (locked === null) return { status: 'failed', message: GAS.busy, ...empty };
  if (left > 0) {
    result.status = 'partial';
    result.message = GAS.unitTabs.partial(result.created.length, left);
    return result;
  }
  if (meanwhile.length) notes.push(GAS.unitTabs.createdMeanwhile(meanwhile));
  result.message = GAS.unitTabs.done(GAS.unitTabs.plan(counts, true), notes);
  return result;
}

/** The menu entry: do it, then say what changed (or why nothing did). */
export function createUnitTabs(): UnitTabsResult {
  const result = syncUnitTabs();
  if (result.status !== 'cancelled') alert(result.message);
  return result;
}
