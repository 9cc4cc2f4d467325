/**
 * Who may write what: the protections of the sheets a run writes, checked BEFORE any write, and the
 * editors of the protections this tool creates or maintains.
 *
 * Scripts act as the effective user, and only a protection's editors and the spreadsheet owner can
 * edit a protected sheet or range (https://developers.google.com/apps-script/reference/spreadsheet/protection).
 * A second member of the department whose account is not an editor of `Tổng hợp` would otherwise
 * fail half-way (at the swap, or on the first row of `Nhật ký gửi thư`). So every entry point that
 * writes first asks `canEdit()` of every protection on the sheets (and the status-column cells) it
 * will write; if one says no, nothing is written and the person is told which sheets, whom to ask
 * (the owner) and what to do (be added to `Cán bộ Sở (email)` in `Cấu hình`, then run again).
 *
 * Protections we create or maintain list the owner, the running user and the `Cán bộ Sở (email)`
 * staff (src/gas/write.ts protectOutput); each run that can re-syncs them (adds missing staff, never
 * removes anyone), and a new output sheet keeps the editors of the one it replaces.
 */
import { resolveToday, ACCESS, matchKey } from '../core';
import { todayYmd } from './env';
import { readSettings } from './settings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** A refusal before anything was written: the message says which sheets and whom to ask. */
export class AccessDenied extends Error {
  constructor(
    message: string,
    readonly sheets: string[],
  ) {
    super(message);
  }
}

/**
 * Cells a run writes on a sheet (1-based); `sheetLevel`: it also changes the sheet itself (columns,
 * conditional formats), asked only when a sheet protection could forbid it.
 */
export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
  sheetLevel: boolean | (() => boolean);
}

/** What a run will write: a whole sheet (write, rename, delete: our outputs and the log), or an area of one. */
export interface WriteTarget {
  sheet: Sheet;
  /** The sheet's name (known to the caller: no call to ask it). */
  name: string;
  /** Absent: the whole sheet. */
  area?: Area;
}

/** The protections this user cannot edit, on one sheet. */
export interface Blocking {
  sheet: Protection[];
  range: Protection[];
}

/** The effective user's e-mail ('' when Apps Script does not reveal it). */
export function myEmail(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch (_e) {
    return '';
  }
}

/** The owner's e-mail, or null: a file in a shared drive has no owner (getOwner() returns null). */
export function ownerEmail(ss: Spreadsheet): string | null {
  try {
    const owner = ss.getOwner();
    const email = owner ? owner.getEmail() : '';
    return email || null;
  } catch (_e) {
    return null;
  }
}

function mayEdit(p: Protection): boolean {
  // a warning-only protection asks a person to confirm; it never stops a script
  return p.isWarningOnly() || p.canEdit();
}

function rangeBox(r: GoogleAppsScript.Spreadsheet.Range): [number, number, number, number] {
  return [r.getRow(), r.getColumn(), r.getRow() + r.getNumRows() - 1, r.getColumn() + r.getNumColumns() - 1];
}

function overlaps(a: Area, box: [number, number, number, number]): boolean {
  return a.row <= box[2] && a.row + a.rows - 1 >= box[0] && a.column <= box[3] && a.column + a.columns - 1 >= box[1];
}

function inside(a: Area, box: [number, number, number, number]): boolean {
  return a.row >= box[0] && a.row + a.rows - 1 <= box[2] && a.column >= box[1] && a.column + a.columns - 1 <= box[3];
}

/**
 * Whether the effective user may make these changes: no sheet protection they cannot edit (except
 * when the area lies within one of its unprotected ranges and the sheet itself is not changed), no
 * range protection they cannot edit over the area (over any cell when the whole sheet is written).
 */
export function canWrite(target: Omit<WriteTarget, 'name'>): boolean {
  const blocking: Blocking = {
    sheet: target.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).filter((p) => !mayEdit(p)),
    range: target.sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => !mayEdit(p)),
  };
  return allowedBy(target.area, blocking);
}

function allowedBy(area: Area | undefined, blocking: Blocking): boolean {
  for (const p of blocking.sheet) {
    if (!area || (typeof area.sheetLevel === 'function' ? area.sheetLevel() : area.sheetLevel)) return false;
    // conservative: the area must lie within a single unprotected range
    if (!p.getUnprotectedRanges().some((u) => inside(area, rangeBox(u)))) return false;
  }
  for (const p of blocking.range) {
    if (!area || overlaps(area, rangeBox(p.getRange()))) return false;
  }
  return true;
}

/**
 * Every protection of the spreadsheet this user cannot edit, by sheet (matchKey of its name): two
 * calls, plus a few per protection (the workbook holds a handful).
 */
export function blockingBySheet(ss: Spreadsheet): Map<string, Blocking> {
  const out = new Map<string, Blocking>();
  for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE]) {
    for (const p of ss.getProtections(type)) {
      if (mayEdit(p)) continue;
      const key = matchKey(p.getRange().getSheet().getName());
      let b = out.get(key);
      if (!b) out.set(key, (b = { sheet: [], range: [] }));
      (type === SpreadsheetApp.ProtectionType.SHEET ? b.sheet : b.range).push(p);
    }
  }
  return out;
}

/**
 * The sheets this user cannot write (each once, in order): `sheets` are written, renamed or deleted
 * as a whole (any protection they cannot edit blocks them; a missing one is created by us), `areas`
 * are cells of other sheets.
 */
export function blockedSheets(ss: Spreadsheet, sheets: string[], areas: WriteTarget[] = [], blocking: Map<string, Blocking> = blockingBySheet(ss)): string[] {
  const out: string[] = [];
  if (!blocking.size) return out;
  const names = new Map<string, string>();
  for (const s of ss.getSheets()) names.set(matchKey(s.getName()), s.getName());
  for (const name of sheets) {
    const key = matchKey(name);
    const actual = names.get(key);
    if (actual && blocking.has(key) && !out.includes(actual)) out.push(actual);
  }
  for (const t of areas) {
    const b = blocking.get(matchKey(t.name));
    if (b && !out.includes(t.name) && !allowedBy(t.area, b)) out.push(t.name);
  }
  return out;
}

/** The refusal for these sheets: who I am, which sheets, whom to ask, what to do. */
export function deniedMessage(ss: Spreadsheet, sheets: string[]): string {
  return ACCESS.denied(sheets, myEmail(), ownerEmail(ss));
}

/** Throw AccessDenied when this user cannot write one of the sheets or areas (see blockedSheets). */
export function assertCanWrite(ss: Spreadsheet, sheets: string[], areas: WriteTarget[] = [], blocking?: Map<string, Blocking>): void {
  const blocked = blockedSheets(ss, sheets, areas, blocking ?? blockingBySheet(ss));
  if (blocked.length) throw new AccessDenied(deniedMessage(ss, blocked), blocked);
}

/** `Cán bộ Sở (email)` from `Cấu hình` alone (one sheet read); [] without it or when unreadable. */
export function readStaff(ss: Spreadsheet): string[] {
  try {
    return readSettings(ss, resolveToday(todayYmd()).y).staffEmails;
  } catch (_e) {
    return [];
  }
}

/** A protection's editors, lower case (an account that hides its address is left out). */
export function editorEmails(p: Protection): string[] {
  return p
    .getEditors()
    .map((u) => u.getEmail().toLowerCase())
    .filter(Boolean);
}

/** Editors of a sheet's protection (lower case), [] when none or not readable. */
export function protectionEditors(sheet: Sheet | null): string[] {
  if (!sheet) return [];
  try {
    const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    return p ? editorEmails(p) : [];
  } catch (_e) {
    return [];
  }
}

/**
 * Add the missing `emails` to a protection's editors (never removes anyone). An address Sheets
 * refuses (not a Google account) is skipped: the others are still added.
 */
export function addMissingEditors(p: Protection, emails: string[]): void {
  const have = new Set(editorEmails(p));
  const missing = Array.from(new Set(emails.map((e) => e.toLowerCase()).filter((e) => e && !have.has(e))));
  addEditorsSafely(p, missing);
}

/** addEditors, one by one when Sheets refuses the batch (an address that is not an account is skipped). */
export function addEditorsSafely(p: Protection, emails: string[]): void {
  const missing = Array.from(new Set(emails.filter(Boolean)));
  if (!missing.length) return;
  try {
    p.addEditors(missing);
  } catch (_e) {
    for (const e of missing) {
      try {
        p.addEditor(e);
      } catch (_e2) {
        // not an account Sheets knows: nothing to add
      }
    }
  }
}

/**
 * A protection a script has just made lists every editor of the file: keep only this user and the
 * owner (whom removeEditors never removes), and no domain-wide editing. Throws where Sheets refuses
 * (a caller that can do without editors falls back to a warning-only protection).
 */
export function restrictToRunner(p: Protection, user: GoogleAppsScript.Base.User = Session.getEffectiveUser()): Protection {
  p.addEditor(user);
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  return p;
}

/** Re-sync a protected sheet of ours: the running user and the staff are editors (when we may change it). */
export function syncEditors(sheet: Sheet, staff: string[]): void {
  try {
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      if (p.isWarningOnly() || !p.canEdit()) continue;
      addMissingEditors(p, [myEmail(), ...staff]);
    }
  } catch (_e) {
    // best effort: the check before writing already said we may write
  }
}
