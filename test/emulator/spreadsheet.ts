/**
 * SpreadsheetApp's Spreadsheet, Sheet and Range, with data validation, conditional format rules
 * and protections, stored in memory. Every public method is counted as 'Class.method'.
 *
 * Values live in a dense array of row arrays per sheet (a row array may be shorter than the sheet
 * is wide: missing cells are empty); formats, notes, backgrounds, validations and formulas are
 * sparse rectangles (layer.ts).
 */
import { Ctx, fail, IdSource, isDate, realmDate, typeName } from './core';
import { Layer } from './layer';
import {
  a1Notation,
  CELL_TOO_LONG,
  CellValue,
  columnLetter,
  displayValue,
  fromLocal,
  isKnownTimeZone,
  localParts,
  MAX_CELL_CHARS,
  parseA1,
  parseTyped,
  TEXT_FORMAT,
} from './values';

// ---------------------------------------------------------------------------------------------
// Messages (see README: where each one comes from)

export const MSG = {
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  signature: (args: unknown[], method: string) => `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`,
  outside: 'The coordinates of the range are outside the dimensions of the sheet.',
  startRow: 'The starting row of the range is too small.',
  startCol: 'The starting column of the range is too small.',
  numRows: 'The number of rows in the range must be at least 1.',
  numCols: 'The number of columns in the range must be at least 1.',
  rangeNotFound: 'Range not found',
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  cellLimit: (limit: number) => `This action would increase the number of cells in the workbook above the limit of ${limit} cells.`,
  deleteLastSheet: "You can't remove all the sheets in a document.",
  hideLastSheet: "You can't hide all the sheets in a document.",
  rowsOutOfBounds: 'Those rows are out of bounds.',
  colsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllCols: 'Sorry, it is not possible to delete all non-frozen columns.',
  listTooLong: 'The data validation rule has more items than the limit of 500. Use the ‘List from a range’ criteria instead.',
  sheetDeleted: 'The sheet has been deleted.',
  /** The emulator's own checks of charts (README: what is emulated). */
  chartNotInsertable: 'Emulator: this chart was built for another sheet or is already inserted.',
  chartNotFound: 'Emulator: the chart is not on this sheet.',
  chartIncomplete: 'Emulator: a chart needs a type (as…Chart()) and at least one range before build().',
  chartRangeOtherSpreadsheet: 'Emulator: a chart range must belong to the same spreadsheet.',
  invalidTimeZone: (tz: string) => `Invalid argument: ${tz}`,
  /** Reported: what Sheets returns for a write to a protected cell by someone who is not an editor of the protection. */
  protectedEdit: 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
};

export const CELL_LIMIT = 10_000_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
/** What Range.getNumberFormat returns for a cell whose format was never set. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

// ---------------------------------------------------------------------------------------------
// The shared document context

export interface UiRecorder {
  toasts: Array<{ message: string; title: string; timeoutSeconds: number; at: Date }>;
}

export interface DocContext {
  ctx: Ctx;
  ids: IdSource;
  timeZone: string;
  locale: string;
  /** The effective user (the script's), owner of the document. */
  owner: string;
  /** Editors of the document (new protections start with them). */
  editors: string[];
  ui: UiRecorder;
  /** The active user (the person at the keyboard; for userEdit). */
  currentUser(): string;
  /**
   * The user the script runs as (Session.getEffectiveUser): protections are enforced against this
   * user for every script change, and Protection.canEdit answers for this user.
   */
  effectiveUser(): string;
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1) + 1);
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/** A cell value handed to the script: Dates are fresh objects of the script's realm. */
function copyCell(v: CellValue): CellValue {
  return isDate(v) ? realmDate(v.getTime()) : v;
}

/** A value from script code (any realm) converted to what the cell stores. */
function scriptValue(v: unknown, format: string, doc: DocContext): { value: CellValue; formula: boolean } {
  if (v === null || v === undefined) return { value: '', formula: false };
  if (typeof v === 'number') return { value: v, formula: false };
  if (typeof v === 'boolean') return { value: v, formula: false };
  // setValues(Date) keeps the instant: the cell holds its wall-clock in the spreadsheet's zone
  // (see Spreadsheet.setSpreadsheetTimeZone for the citations)
  if (isDate(v)) return { value: new Date((v as Date).getTime()), formula: false };
  const s = typeof v === 'string' ? v : String(v);
  if (format === TEXT_FORMAT) {
    if (s.length > MAX_CELL_CHARS) fail(CELL_TOO_LONG);
    return { value: s, formula: false };
  }
  return parseTyped(s, doc.timeZone, doc.locale);
}

// ---------------------------------------------------------------------------------------------
// Data validation

export type Criteria =
  'VALUE_IN_LIST' | 'VALUE_IN_RANGE' | 'NUMBER_BETWEEN' | 'NUMBER_GREATER_THAN' | 'TEXT_IS_VALID_EMAIL' | 'CUSTOM_FORMULA' | 'CHECKBOX' | 'DATE_IS_VALID_DATE';

export class DataValidation {
  constructor(
    private readonly ctx: Ctx,
    readonly criteria: Criteria,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string | null,
  ) {}
  getCriteriaType(): Criteria {
    this.ctx.call('DataValidation.getCriteriaType', 'free', 0);
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.ctx.call('DataValidation.getCriteriaValues', 'free', 0);
    return this.values.map((v) => (Array.isArray(v) ? v.slice() : v));
  }
  getAllowInvalid(): boolean {
    this.ctx.call('DataValidation.getAllowInvalid', 'free', 0);
    return this.allowInvalid;
  }
  getHelpText(): string | null {
    this.ctx.call('DataValidation.getHelpText', 'free', 0);
    return this.helpText;
  }
  copy(): DataValidationBuilder {
    this.ctx.call('DataValidation.copy', 'free', 0);
    const b = new DataValidationBuilder(this.ctx);
    b.set(this.criteria, this.values);
    return b.setAllowInvalid(this.allowInvalid).setHelpText(this.helpText ?? '');
  }
  /** Whether a stored value satisfies the rule (used for user edits). */
  accepts(v: CellValue): boolean {
    if (v === '') return true;
    switch (this.criteria) {
      case 'VALUE_IN_LIST':
        return (this.values[0] as unknown[]).some((x) => String(x) === String(v));
      case 'NUMBER_BETWEEN':
        return typeof v === 'number' && v >= Number(this.values[0]) && v <= Number(this.values[1]);
      case 'NUMBER_GREATER_THAN':
        return typeof v === 'number' && v > Number(this.values[0]);
      case 'TEXT_IS_VALID_EMAIL':
        return typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
      case 'CHECKBOX':
        return typeof v === 'boolean';
      case 'DATE_IS_VALID_DATE':
        return isDate(v);
      default:
        return true;
    }
  }
}

export class DataValidationBuilder {
  private criteria: Criteria | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText: string | null = null;
  constructor(private readonly ctx: Ctx) {}
  /** @internal */
  set(criteria: Criteria, values: unknown[]): this {
    this.criteria = criteria;
    this.values = values;
    return this;
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    this.ctx.call('DataValidationBuilder.requireValueInList', 'free', 0);
    if (!Array.isArray(values)) fail(MSG.signature([values], 'SpreadsheetApp.DataValidationBuilder.requireValueInList'));
    if (values.length > 500) fail(MSG.listTooLong);
    return this.set('VALUE_IN_LIST', [values.slice(), showDropdown]);
  }
  requireValueInRange(range: Range, showDropdown = true): this {
    this.ctx.call('DataValidationBuilder.requireValueInRange', 'free', 0);
    return this.set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireNumberBetween(start: number, end: number): this {
    this.ctx.call('DataValidationBuilder.requireNumberBetween', 'free', 0);
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThan(n: number): this {
    this.ctx.call('DataValidationBuilder.requireNumberGreaterThan', 'free', 0);
    return this.set('NUMBER_GREATER_THAN', [n]);
  }
  requireTextIsEmail(): this {
    this.ctx.call('DataValidationBuilder.requireTextIsEmail', 'free', 0);
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    this.ctx.call('DataValidationBuilder.requireCheckbox', 'free', 0);
    return this.set('CHECKBOX', checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue]);
  }
  requireDate(): this {
    this.ctx.call('DataValidationBuilder.requireDate', 'free', 0);
    return this.set('DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(formula: string): this {
    this.ctx.call('DataValidationBuilder.requireFormulaSatisfied', 'free', 0);
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  setAllowInvalid(allow: boolean): this {
    this.ctx.call('DataValidationBuilder.setAllowInvalid', 'free', 0);
    this.allowInvalid = !!allow;
    return this;
  }
  setHelpText(text: string): this {
    this.ctx.call('DataValidationBuilder.setHelpText', 'free', 0);
    this.helpText = text === '' ? null : text;
    return this;
  }
  getCriteriaType(): Criteria | null {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.values.slice();
  }
  build(): DataValidation {
    this.ctx.call('DataValidationBuilder.build', 'free', 0);
    if (!this.criteria) fail('You must set a criteria for the data validation rule.');
    return new DataValidation(this.ctx, this.criteria, this.values, this.allowInvalid, this.helpText);
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional format rules

export type BooleanCriteria =
  'CUSTOM_FORMULA' | 'TEXT_STARTS_WITH' | 'TEXT_CONTAINS' | 'TEXT_EQUAL_TO' | 'CELL_EMPTY' | 'CELL_NOT_EMPTY' | 'NUMBER_GREATER_THAN' | 'NUMBER_LESS_THAN';

export class BooleanCondition {
  constructor(
    readonly criteria: BooleanCriteria,
    readonly values: unknown[],
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly bold: boolean | null,
  ) {}
  getCriteriaType(): BooleanCriteria {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.values.slice();
  }
  getBackground(): string | null {
    return this.background;
  }
  getFontColor(): string | null {
    return this.fontColor;
  }
  getBold(): boolean | null {
    return this.bold;
  }
}

export class ConditionalFormatRule {
  constructor(
    readonly condition: BooleanCondition,
    readonly ranges: Range[],
  ) {}
  getBooleanCondition(): BooleanCondition {
    return this.condition;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges(): Range[] {
    return this.ranges.slice();
  }
  copy(): ConditionalFormatRuleBuilder {
    const b = new ConditionalFormatRuleBuilder(null);
    b.criteria = this.condition.criteria;
    b.values = this.condition.values.slice();
    b.background = this.condition.background;
    b.fontColor = this.condition.fontColor;
    b.bold = this.condition.bold;
    b.ranges = this.ranges.slice();
    return b;
  }
}

export class ConditionalFormatRuleBuilder {
  criteria: BooleanCriteria | null = null;
  values: unknown[] = [];
  background: string | null = null;
  fontColor: string | null = null;
  bold: boolean | null = null;
  ranges: Range[] = [];
  constructor(private readonly ctx: Ctx | null) {}
  private c(name: string): void {
    this.ctx?.call(`ConditionalFormatRuleBuilder.${name}`, 'free', 0);
  }
  private when(criteria: BooleanCriteria, values: unknown[]): this {
    this.criteria = criteria;
    this.values = values;
    return this;
  }
  whenFormulaSatisfied(formula: string): this {
    this.c('whenFormulaSatisfied');
    return this.when('CUSTOM_FORMULA', [formula]);
  }
  whenTextStartsWith(text: string): this {
    this.c('whenTextStartsWith');
    return this.when('TEXT_STARTS_WITH', [text]);
  }
  whenTextContains(text: string): this {
    this.c('whenTextContains');
    return this.when('TEXT_CONTAINS', [text]);
  }
  whenTextEqualTo(text: string): this {
    this.c('whenTextEqualTo');
    return this.when('TEXT_EQUAL_TO', [text]);
  }
  whenCellEmpty(): this {
    this.c('whenCellEmpty');
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    this.c('whenCellNotEmpty');
    return this.when('CELL_NOT_EMPTY', []);
  }
  whenNumberGreaterThan(n: number): this {
    this.c('whenNumberGreaterThan');
    return this.when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberLessThan(n: number): this {
    this.c('whenNumberLessThan');
    return this.when('NUMBER_LESS_THAN', [n]);
  }
  setBackground(color: string | null): this {
    this.c('setBackground');
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): this {
    this.c('setFontColor');
    this.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.c('setBold');
    this.bold = bold;
    return this;
  }
  setRanges(ranges: Range[]): this {
    this.c('setRanges');
    if (!Array.isArray(ranges)) fail(MSG.signature([ranges], 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges'));
    this.ranges = ranges.slice();
    return this;
  }
  getRanges(): Range[] {
    return this.ranges.slice();
  }
  build(): ConditionalFormatRule {
    this.c('build');
    if (!this.criteria) fail('A conditional format rule needs a condition.');
    if (this.background === null && this.fontColor === null && this.bold === null) fail('A conditional format rule needs a format.');
    return new ConditionalFormatRule(new BooleanCondition(this.criteria, this.values, this.background, this.fontColor, this.bold), this.ranges.slice());
  }
}

// ---------------------------------------------------------------------------------------------
// Protections

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export type ProtectionTypeName = 'RANGE' | 'SHEET';

function emailOf(u: unknown): string {
  if (typeof u === 'string') return u;
  if (u && typeof (u as User).getEmail === 'function') return (u as User).getEmail();
  return String(u);
}

export class Protection {
  description = '';
  warningOnly = false;
  editors: string[];
  domainEdit = false;
  removed = false;
  unprotected: Range[] = [];
  constructor(
    private readonly doc: DocContext,
    readonly type: ProtectionTypeName,
    readonly sheet: Sheet,
    readonly range: Range | null,
  ) {
    this.editors = Array.from(new Set([doc.owner, ...doc.editors]));
  }
  private c(name: string): void {
    this.doc.ctx.call(`Protection.${name}`);
  }
  /**
   * Changing a protection (its editors, description, ranges, or removing it) takes permission to
   * edit it (the reference's samples change only protections `canEdit()` allows): the same refusal.
   */
  private mustManage(): void {
    if (!this.allows(this.doc.effectiveUser())) fail(MSG.protectedEdit);
  }
  /**
   * Users who can never be removed: "Neither the owner of the spreadsheet nor the current user can be
   * removed" (removeEditor/removeEditors,
   * https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditor(String)).
   */
  private keeps(email: string): boolean {
    return email === this.doc.owner || email === this.doc.effectiveUser();
  }
  setDescription(d: string): this {
    this.c('setDescription');
    this.mustManage();
    this.description = String(d);
    return this;
  }
  getDescription(): string {
    this.c('getDescription');
    return this.description;
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean):
   * "Warning-based protection means that every user can edit data in the area, except editing
   * prompts a warning asking the user to confirm the edit." Its editors do not apply while it is
   * warning-only (the Sheets API's ProtectedRange: "Editors are not supported with warning_only
   * protection"; addEditor(s)/removeEditor(s) below turn it back into an editor-based protection),
   * and turning it off gives every editor of the document edit rights again (ProtectedRange.warningOnly:
   * "if this field is changed from true to false … the editors will be set to all the editors in
   * the document"): the strictest reading, so code that relies on a list kept across the switch fails here.
   */
  setWarningOnly(w: boolean): this {
    this.c('setWarningOnly');
    this.mustManage();
    if (this.warningOnly && !w) this.editors = Array.from(new Set([this.doc.owner, ...this.doc.editors]));
    this.warningOnly = !!w;
    return this;
  }
  isWarningOnly(): boolean {
    this.c('isWarningOnly');
    return this.warningOnly;
  }
  addEditor(u: string | User): this {
    this.c('addEditor');
    this.mustManage();
    const e = emailOf(u);
    if (!this.editors.includes(e)) this.editors.push(e);
    this.warningOnly = false;
    return this;
  }
  addEditors(us: Array<string | User>): this {
    this.c('addEditors');
    this.mustManage();
    for (const u of us) {
      const e = emailOf(u);
      if (!this.editors.includes(e)) this.editors.push(e);
    }
    this.warningOnly = false;
    return this;
  }
  /**
   * The owner and the current (effective) user cannot be removed: see keeps(). Like addEditor, a
   * change of the editors of a warning-only protection makes it editor-based (setWarningOnly).
   */
  removeEditor(u: string | User): this {
    this.c('removeEditor');
    this.mustManage();
    const e = emailOf(u);
    if (!this.keeps(e)) this.editors = this.editors.filter((x) => x !== e);
    this.warningOnly = false;
    return this;
  }
  removeEditors(us: Array<string | User>): this {
    this.c('removeEditors');
    this.mustManage();
    const drop = new Set(us.map(emailOf).filter((e) => !this.keeps(e)));
    this.editors = this.editors.filter((x) => !drop.has(x));
    this.warningOnly = false;
    return this;
  }
  getEditors(): User[] {
    this.c('getEditors');
    return this.editors.map((e) => new User(e));
  }
  setDomainEdit(d: boolean): this {
    this.c('setDomainEdit');
    this.mustManage();
    this.domainEdit = !!d;
    return this;
  }
  canDomainEdit(): boolean {
    this.c('canDomainEdit');
    return this.domainEdit;
  }
  /**
   * "Determines whether the user has permission to edit the protected range or sheet. The
   * spreadsheet owner is always able to edit protected ranges and sheets" (canEdit()): the user is
   * the effective user, whom the script acts as. A warning-only protection: true for every user
   * ("every user can edit data in the area", setWarningOnly).
   */
  canEdit(): boolean {
    this.c('canEdit');
    return this.allows(this.doc.effectiveUser());
  }
  /** @internal whether this user may edit cells under this protection (warning-only: everyone). */
  allows(user: string): boolean {
    if (this.removed || this.warningOnly) return true;
    return user === this.doc.owner || this.editors.includes(user);
  }
  /**
   * @internal whether the protection covers any cell of [r, r+nr) × [c, c+nc): a range protection
   * where it overlaps; a sheet protection everywhere except its unprotected ranges.
   */
  _covers(r: number, c: number, nr: number, nc: number): boolean {
    if (this.removed) return false;
    const r2 = r + nr - 1;
    const c2 = c + nc - 1;
    if (this.range) {
      const p = this.range;
      return overlap(r, r2, p._r, p._r + p._nr - 1) > 0 && overlap(c, c2, p._c, p._c + p._nc - 1) > 0;
    }
    const free = this.unprotected.filter((u) => u._sheet === this.sheet && overlap(r, r2, u._r, u._r + u._nr - 1) > 0);
    if (!free.length) return true;
    // bands of rows between the unprotected ranges' edges: each must have its columns c..c2 covered
    const edges = new Set<number>([r, r2 + 1]);
    for (const u of free) {
      if (u._r > r && u._r <= r2) edges.add(u._r);
      if (u._r + u._nr > r && u._r + u._nr <= r2) edges.add(u._r + u._nr);
    }
    const cuts = Array.from(edges).sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const row = cuts[i];
      const spans = free
        .filter((u) => row >= u._r && row <= u._r + u._nr - 1)
        .map((u) => [u._c, u._c + u._nc - 1])
        .sort((a, b) => a[0] - b[0]);
      let reach = c - 1;
      for (const [a, z] of spans) {
        if (a > reach + 1) break;
        reach = Math.max(reach, z);
      }
      if (reach < c2) return true;
    }
    return false;
  }
  remove(): void {
    this.c('remove');
    this.mustManage();
    this.removed = true;
    this.sheet._protections = this.sheet._protections.filter((p) => p !== this);
  }
  getRange(): Range {
    this.c('getRange');
    return this.range ?? this.sheet._fullRange();
  }
  getProtectionType(): ProtectionTypeName {
    this.c('getProtectionType');
    return this.type;
  }
  setUnprotectedRanges(ranges: Range[]): this {
    this.c('setUnprotectedRanges');
    this.mustManage();
    this.unprotected = ranges.slice();
    return this;
  }
  getUnprotectedRanges(): Range[] {
    this.c('getUnprotectedRanges');
    return this.unprotected.slice();
  }
  setRange(range: Range): this {
    this.c('setRange');
    this.mustManage();
    (this as { range: Range | null }).range = range;
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet

export class Spreadsheet {
  _sheets: Sheet[] = [];
  _active: Sheet | null = null;
  private _created = 0;
  readonly _id: string;
  _name: string;
  constructor(
    readonly _doc: DocContext,
    name: string,
  ) {
    this._id = _doc.ids.hex(44);
    this._name = name;
  }
  private c(name: string, cost?: number): void {
    this._doc.ctx.call(`Spreadsheet.${name}`, 'document', cost);
  }
  /** Cells used by all sheets (rows × columns of each grid). */
  _cellCount(except?: Sheet): number {
    let n = 0;
    for (const s of this._sheets) if (s !== except) n += s._maxRows * s._maxCols;
    return n;
  }
  _checkCells(extra: number): void {
    if (this._cellCount() + extra > CELL_LIMIT) fail(MSG.cellLimit(CELL_LIMIT));
  }
  _nameTaken(name: string, except?: Sheet): boolean {
    const k = name.toLowerCase();
    return this._sheets.some((s) => s !== except && s._name.toLowerCase() === k);
  }
  _findSheet(name: string): Sheet | null {
    return this._sheets.find((s) => s._name === name) ?? this._sheets.find((s) => s._name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  /** @internal create a sheet without counting (seeding). */
  _createSheet(name: string, index: number, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): Sheet {
    if (this._nameTaken(name)) fail(MSG.sheetExists(name));
    this._checkCells(rows * cols);
    const id = this._created++ === 0 ? 0 : (parseInt(this._doc.ids.hex(8), 16) % 2_000_000_000) + 1;
    const sheet = new Sheet(this, name, id, rows, cols);
    this._sheets.splice(Math.max(0, Math.min(index, this._sheets.length)), 0, sheet);
    return sheet;
  }

  getId(): string {
    this.c('getId');
    return this._id;
  }
  getName(): string {
    this.c('getName');
    return this._name;
  }
  rename(name: string): void {
    this.c('rename');
    this._name = String(name);
  }
  getUrl(): string {
    this.c('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSheets(): Sheet[] {
    this.c('getSheets');
    return this._sheets.slice();
  }
  getNumSheets(): number {
    this.c('getNumSheets');
    return this._sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    this.c('getSheetByName');
    return this._findSheet(String(name));
  }
  getSheetById(id: number): Sheet | null {
    this.c('getSheetById');
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  /**
   * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index),
   * insertSheet(name, options), insertSheet(name, index, options). The index is 0-based; the new
   * sheet becomes the active sheet.
   */
  insertSheet(a?: unknown, b?: unknown, options?: { template?: unknown }): Sheet {
    this.c('insertSheet', this._doc.ctx.costs.insertSheetMs);
    // copying a template sheet is not emulated (the add-on never does it): refuse rather than ignore
    if (
      (options && options.template) ||
      (a !== null && typeof a === 'object' && (a as { template?: unknown }).template) ||
      (b !== null && typeof b === 'object' && (b as { template?: unknown }).template)
    )
      throw new Error('emulator: insertSheet with a template sheet is not emulated');
    let name: string | undefined;
    let index = this._sheets.length;
    if (typeof a === 'number') index = a;
    else if (typeof a === 'string') name = a;
    else if (a !== undefined && a !== null && typeof a !== 'object') fail(MSG.signature([a, b], 'SpreadsheetApp.Spreadsheet.insertSheet'));
    if (typeof b === 'number') index = b;
    if (name === undefined) {
      let n = this._sheets.length + 1;
      while (this._nameTaken(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (name.trim() === '') fail('Invalid argument: sheetName');
    const sheet = this._createSheet(name, index);
    this._active = sheet;
    return sheet;
  }
  deleteSheet(sheet: Sheet): void {
    this.c('deleteSheet');
    if (!sheet || !this._sheets.includes(sheet)) fail(MSG.sheetDeleted);
    if (this._sheets.length === 1) fail(MSG.deleteLastSheet);
    // deleting a sheet deletes every cell of it: refused under a sheet or range protection the effective user cannot edit
    sheet._guardSheet();
    sheet._guardCells(1, 1, sheet._maxRows, sheet._maxCols);
    this._sheets = this._sheets.filter((s) => s !== sheet);
    sheet._deleted = true;
    if (this._active === sheet) this._active = this._sheets[0];
  }
  getActiveSheet(): Sheet {
    this.c('getActiveSheet');
    return this._activeSheet();
  }
  _activeSheet(): Sheet {
    if (!this._active || this._active._deleted) this._active = this._sheets[0];
    return this._active;
  }
  /** `restoreSelection` is accepted and ignored: selections are not emulated. */
  setActiveSheet(sheet: Sheet, _restoreSelection?: boolean): Sheet {
    this.c('setActiveSheet');
    if (!this._sheets.includes(sheet)) fail(MSG.sheetDeleted);
    this._active = sheet;
    return sheet;
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    this.c('moveActiveSheet');
    if (!isInt(pos) || pos < 1 || pos > this._sheets.length) fail(`Invalid argument: pos`);
    const s = this._activeSheet();
    this._sheets = this._sheets.filter((x) => x !== s);
    this._sheets.splice(pos - 1, 0, s);
  }
  getSpreadsheetTimeZone(): string {
    this.c('getSpreadsheetTimeZone');
    return this._doc.timeZone;
  }
  /**
   * Sheets keeps a date cell as a wall-clock (a zone-less serial number,
   * https://developers.google.com/sheets/api/guides/formats#about_date_time_values), and Apps
   * Script hands it over as the instant of that wall-clock in the spreadsheet's zone
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheettimezone).
   * The emulator stores that instant, so a new zone moves every stored Date to the instant of the
   * same wall-clock in the new zone: what the cells show does not change, what getValues returns
   * does. The reference documents no error for an unknown id; the emulator throws one (ours), so
   * a misspelt zone fails loudly instead of falling back to GMT.
   */
  setSpreadsheetTimeZone(tz: string): void {
    this.c('setSpreadsheetTimeZone');
    const next = String(tz);
    if (!isKnownTimeZone(next)) fail(MSG.invalidTimeZone(next));
    const prev = this._doc.timeZone;
    this._doc.timeZone = next;
    if (prev === next) return;
    for (const sheet of this._sheets) {
      for (const row of sheet._rows) {
        if (!row) continue;
        for (let j = 0; j < row.length; j++) {
          const v = row[j];
          if (!isDate(v)) continue;
          const p = localParts((v as Date).getTime(), prev);
          row[j] = fromLocal(next, p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond);
        }
      }
    }
  }
  getSpreadsheetLocale(): string {
    this.c('getSpreadsheetLocale');
    return this._doc.locale;
  }
  toast(message: unknown, title?: unknown, timeoutSeconds?: number | null): void {
    this.c('toast');
    // a null or negative timeout keeps the toast until it is closed (Spreadsheet.toast reference)
    this._doc.ui.toasts.push({
      message: String(message),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds === null ? -1 : (timeoutSeconds ?? 5),
      at: this._doc.ctx.clock.now(),
    });
  }
  getRange(a1: string): Range {
    this.c('getRange');
    const box = parseA1(String(a1));
    if (!box) fail(MSG.rangeNotFound);
    const sheet = box.sheetName !== undefined ? this._findSheet(box.sheetName) : this._activeSheet();
    if (!sheet) fail(MSG.rangeNotFound);
    return sheet._rangeA1(String(a1).slice(String(a1).lastIndexOf('!') + 1));
  }
  getActiveRange(): Range {
    this.c('getActiveRange');
    return this._activeSheet()._cell(1, 1);
  }
  getOwner(): User {
    this.c('getOwner');
    return new User(this._doc.owner);
  }
  /**
   * The file's editors, the owner first. For a user who cannot edit the file the list is empty: the
   * Drive reference documents that for File.getEditors ("If the user who executes the script does
   * not have edit access to the File, this method returns an empty array",
   * https://developers.google.com/apps-script/reference/drive/file#getEditors()); the spreadsheet's
   * page (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors())
   * says nothing, so the stricter reading applies here too.
   */
  getEditors(): User[] {
    this.c('getEditors');
    const all = Array.from(new Set([this._doc.owner, ...this._doc.editors]));
    return all.includes(this._doc.effectiveUser()) ? all.map((e) => new User(e)) : [];
  }
  getProtections(type: ProtectionTypeName | { toString(): string }): Protection[] {
    this.c('getProtections');
    return this._sheets.flatMap((s) => s._protections.filter((p) => p.type === String(type)));
  }
}

// ---------------------------------------------------------------------------------------------
// Sheet

export class Sheet {
  _rows: Array<CellValue[] | undefined> = [];
  _formulas = new Layer<string>('', false);
  _formats = new Layer<string>('', true);
  _notes = new Layer<string>('', false);
  _backgrounds = new Layer<string>('#ffffff', true);
  _fontWeights = new Layer<string>('normal', true);
  _fontColors = new Layer<string>('#000000', true);
  _wraps = new Layer<boolean>(true, true);
  _hAligns = new Layer<string>('general', true);
  _vAligns = new Layer<string>('bottom', true);
  _validations = new Layer<DataValidation | null>(null, true);
  _protections: Protection[] = [];
  _cfRules: ConditionalFormatRule[] = [];
  _charts: EmbeddedChart[] = [];
  _columnWidths = new Map<number, number>();
  _frozenRows = 0;
  _frozenCols = 0;
  _hidden = false;
  _tabColor: string | null = null;
  _deleted = false;
  private lastColCache: number | null = null;

  constructor(
    readonly _ss: Spreadsheet,
    public _name: string,
    readonly _id: number,
    public _maxRows: number,
    public _maxCols: number,
  ) {}

  private get ctx(): Ctx {
    return this._ss._doc.ctx;
  }
  private c(name: string, cost?: number): void {
    this.ctx.call(`Sheet.${name}`, 'document', cost);
    if (this._deleted) fail(MSG.sheetDeleted);
  }

  // ----- protections, enforced against the effective user (not counted)
  //
  // https://developers.google.com/apps-script/reference/spreadsheet/protection: a protected range or
  // sheet can be edited only by its editors (and the spreadsheet owner, who "is always able to edit
  // protected ranges and sheets"); scripts act as the effective user, so a script run by someone
  // else is refused like that person typing. A protected sheet "may include unprotected regions":
  // cells inside them stay editable, but changes to the sheet itself (rename, delete, insert or
  // delete rows/columns, frozen panes, widths, conditional formats, tab colour) are not. A
  // warning-only protection ("every user can edit data in the area, except editing prompts a
  // warning", setWarningOnly) does not block a script, which has no one to prompt.

  /** @internal Refuse a change of the cells [r, r+nr) × [c, c+nc) that a protection forbids. */
  _guardCells(r: number, c: number, nr: number, nc: number, user = this._ss._doc.effectiveUser()): void {
    for (const p of this._protections) if (!p.allows(user) && p._covers(r, c, nr, nc)) fail(MSG.protectedEdit);
  }
  /** @internal Refuse a change of the sheet itself when a sheet protection forbids it. */
  _guardSheet(user = this._ss._doc.effectiveUser()): void {
    for (const p of this._protections) if (p.type === 'SHEET' && !p.allows(user)) fail(MSG.protectedEdit);
  }
  /** @internal Deleting rows: a sheet-level change that also removes any protected range they hold. */
  _guardRows(start: number, n: number): void {
    this._guardSheet();
    if (isInt(start) && isInt(n) && n > 0) this._guardCells(start, 1, n, this._maxCols);
  }
  _guardCols(start: number, n: number): void {
    this._guardSheet();
    if (isInt(start) && isInt(n) && n > 0) this._guardCells(1, start, this._maxRows, n);
  }

  // ----- storage helpers (not counted)

  _touch(): void {
    this.lastColCache = null;
  }
  _lastRow(): number {
    const rows = this._rows;
    while (rows.length > 0) {
      const r = rows[rows.length - 1];
      if (r && r.some((v) => v !== '')) break;
      rows.pop();
    }
    return rows.length;
  }
  _lastCol(): number {
    if (this.lastColCache !== null) return this.lastColCache;
    let max = 0;
    for (const r of this._rows) {
      if (!r || r.length <= max) continue;
      for (let j = r.length - 1; j >= max; j--) {
        if (r[j] !== '') {
          max = j + 1;
          break;
        }
      }
    }
    this.lastColCache = max;
    return max;
  }
  _get(r: number, c: number): CellValue {
    const row = this._rows[r - 1];
    if (!row) return '';
    const v = row[c - 1];
    return v === undefined ? '' : v;
  }
  _row(r: number, width: number): CellValue[] {
    while (this._rows.length < r) this._rows.push(undefined);
    let row = this._rows[r - 1];
    if (!row) {
      row = [];
      this._rows[r - 1] = row;
    }
    while (row.length < width) row.push('');
    return row;
  }
  _set(r: number, c: number, v: CellValue): void {
    if (v === '' && !this._rows[r - 1]) return;
    this._row(r, c)[c - 1] = v;
  }
  /** Stored values of a rectangle, copied (Dates too). */
  _read(r1: number, c1: number, nr: number, nc: number, hostDates = false): CellValue[][] {
    const out: CellValue[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const row = this._rows[r1 - 1 + i];
      let copy: CellValue[];
      if (!row) copy = new Array(nc).fill('');
      else {
        copy = row.slice(c1 - 1, c1 - 1 + nc);
        for (let j = 0; j < copy.length; j++) {
          const v = copy[j];
          if (v === undefined) copy[j] = '';
          else if (typeof v === 'object') copy[j] = hostDates ? new Date((v as Date).getTime()) : realmDate((v as Date).getTime());
        }
        while (copy.length < nc) copy.push('');
      }
      out[i] = copy;
    }
    return out;
  }
  /** Write converted values (strings parsed unless the cell is plain text), returns nothing. */
  _writeScript(r1: number, c1: number, values: unknown[][]): void {
    const nr = values.length;
    const nc = nr ? values[0].length : 0;
    const formats = this._formats.isEmpty() ? null : this._formats.grid(r1, c1, nr, nc);
    const doc = this._ss._doc;
    let formulas: string[][] | null = null;
    for (let i = 0; i < nr; i++) {
      const src = values[i];
      const row = this._row(r1 + i, c1 + nc - 1);
      for (let j = 0; j < nc; j++) {
        const v = src[j];
        let stored: CellValue;
        if (typeof v === 'number' || typeof v === 'boolean') stored = v;
        else if (v === null || v === undefined) stored = '';
        else {
          const p = scriptValue(v, formats ? formats[i][j] : '', doc);
          stored = p.value;
          if (p.formula) {
            if (!formulas) formulas = Array.from({ length: nr }, () => new Array(nc).fill(''));
            formulas[i][j] = p.value as string;
          }
        }
        row[c1 - 1 + j] = stored;
      }
    }
    if (formulas) this._formulas.setGrid(r1, c1, formulas);
    else if (!this._formulas.isEmpty()) this._formulas.clear(r1, c1, nr, nc);
    this._touch();
  }
  _clearValues(r1: number, c1: number, nr: number, nc: number): void {
    for (let i = 0; i < nr; i++) {
      const row = this._rows[r1 - 1 + i];
      if (!row) continue;
      for (let j = 0; j < nc && c1 - 1 + j < row.length; j++) row[c1 - 1 + j] = '';
    }
    this._formulas.clear(r1, c1, nr, nc);
    this._touch();
  }
  _formatLayers(): Array<Layer<unknown>> {
    return [this._formats, this._backgrounds, this._fontWeights, this._fontColors, this._wraps, this._hAligns, this._vAligns] as Array<Layer<unknown>>;
  }
  _allLayers(): Array<Layer<unknown>> {
    return [...this._formatLayers(), this._notes, this._formulas, this._validations] as Array<Layer<unknown>>;
  }
  _fullRange(): Range {
    return new Range(this, 1, 1, this._maxRows, this._maxCols);
  }
  _cell(r: number, c: number): Range {
    return new Range(this, r, c, 1, 1);
  }
  _checkBox(r: number, c: number, nr: number, nc: number): void {
    if (r < 1) fail(MSG.startRow);
    if (c < 1) fail(MSG.startCol);
    if (nr < 1) fail(MSG.numRows);
    if (nc < 1) fail(MSG.numCols);
    if (r + nr - 1 > this._maxRows || c + nc - 1 > this._maxCols) fail(MSG.outside);
  }
  _rangeA1(a1: string): Range {
    const box = parseA1(a1);
    if (!box) fail(MSG.rangeNotFound);
    const lastRow = box.lastRow ?? this._maxRows;
    const lastCol = box.lastCol ?? this._maxCols;
    if (lastRow > this._maxRows || lastCol > this._maxCols) fail(MSG.rangeNotFound);
    return new Range(this, box.row, box.col, lastRow - box.row + 1, lastCol - box.col + 1);
  }

  // ----- public API

  getName(): string {
    this.c('getName');
    return this._name;
  }
  setName(name: string): this {
    this.c('setName');
    this._guardSheet();
    const n = String(name);
    if (n.trim() === '') fail('Invalid argument: name');
    if (this._ss._nameTaken(n, this)) fail(MSG.sheetExists(n));
    this._name = n;
    return this;
  }
  getIndex(): number {
    this.c('getIndex');
    return this._ss._sheets.indexOf(this) + 1;
  }
  getSheetId(): number {
    this.c('getSheetId');
    return this._id;
  }
  getSheetName(): string {
    this.c('getSheetName');
    return this._name;
  }
  getParent(): Spreadsheet {
    this.c('getParent');
    return this._ss;
  }
  getLastRow(): number {
    this.c('getLastRow');
    return this._lastRow();
  }
  getLastColumn(): number {
    this.c('getLastColumn');
    return this._lastCol();
  }
  getMaxRows(): number {
    this.c('getMaxRows');
    return this._maxRows;
  }
  getMaxColumns(): number {
    this.c('getMaxColumns');
    return this._maxCols;
  }
  private insertRowsAt(before: number, n: number): void {
    if (!isInt(n) || n < 1) fail('Invalid argument: howMany');
    this._ss._checkCells(n * this._maxCols);
    const at = before - 1;
    if (at < this._rows.length) this._rows.splice(at, 0, ...new Array<CellValue[] | undefined>(n).fill(undefined));
    this._maxRows += n;
    for (const l of this._allLayers()) l.insertRows(before, n);
    this._touch();
  }
  private insertColsAt(before: number, n: number): void {
    if (!isInt(n) || n < 1) fail('Invalid argument: howMany');
    this._ss._checkCells(n * this._maxRows);
    for (const row of this._rows) if (row && row.length >= before) row.splice(before - 1, 0, ...new Array<CellValue>(n).fill(''));
    this._maxCols += n;
    for (const l of this._allLayers()) l.insertColumns(before, n);
    this._touch();
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.c('insertRowsAfter');
    this._guardSheet();
    if (!isInt(afterPosition) || afterPosition < 1 || afterPosition > this._maxRows) fail(MSG.rowsOutOfBounds);
    this.insertRowsAt(afterPosition + 1, howMany);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.c('insertRowsBefore');
    this._guardSheet();
    if (!isInt(beforePosition) || beforePosition < 1 || beforePosition > this._maxRows) fail(MSG.rowsOutOfBounds);
    this.insertRowsAt(beforePosition, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    this.c('insertRowAfter');
    this._guardSheet();
    if (!isInt(afterPosition) || afterPosition < 1 || afterPosition > this._maxRows) fail(MSG.rowsOutOfBounds);
    this.insertRowsAt(afterPosition + 1, 1);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.c('insertColumnsAfter');
    this._guardSheet();
    if (!isInt(afterPosition) || afterPosition < 1 || afterPosition > this._maxCols) fail(MSG.colsOutOfBounds);
    this.insertColsAt(afterPosition + 1, howMany);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.c('insertColumnsBefore');
    this._guardSheet();
    if (!isInt(beforePosition) || beforePosition < 1 || beforePosition > this._maxCols) fail(MSG.colsOutOfBounds);
    this.insertColsAt(beforePosition, howMany);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.c('deleteRows');
    this._guardRows(rowPosition, howMany);
    this._deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): this {
    this.c('deleteRow');
    this._guardRows(rowPosition, 1);
    this._deleteRows(rowPosition, 1);
    return this;
  }
  _deleteRows(start: number, n: number): void {
    if (!isInt(start) || !isInt(n) || start < 1 || n < 1 || start + n - 1 > this._maxRows) fail(MSG.rowsOutOfBounds);
    if (overlap(start, start + n - 1, this._frozenRows + 1, this._maxRows) >= this._maxRows - this._frozenRows) fail(MSG.deleteAllRows);
    if (start - 1 < this._rows.length) this._rows.splice(start - 1, n);
    this._maxRows -= n;
    for (const l of this._allLayers()) l.deleteRows(start, n);
    this._touch();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.c('deleteColumns');
    this._guardCols(columnPosition, howMany);
    this._deleteCols(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.c('deleteColumn');
    this._guardCols(columnPosition, 1);
    this._deleteCols(columnPosition, 1);
    return this;
  }
  _deleteCols(start: number, n: number): void {
    if (!isInt(start) || !isInt(n) || start < 1 || n < 1 || start + n - 1 > this._maxCols) fail(MSG.colsOutOfBounds);
    if (overlap(start, start + n - 1, this._frozenCols + 1, this._maxCols) >= this._maxCols - this._frozenCols) fail(MSG.deleteAllCols);
    for (const row of this._rows) if (row && row.length >= start) row.splice(start - 1, n);
    this._maxCols -= n;
    for (const l of this._allLayers()) l.deleteColumns(start, n);
    for (const [col, w] of Array.from(this._columnWidths.entries())) {
      this._columnWidths.delete(col);
      if (col < start) this._columnWidths.set(col, w);
      else if (col > start + n - 1) this._columnWidths.set(col - n, w);
    }
    this._touch();
  }
  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): Range {
    this.c('getRange');
    if (typeof a === 'string' && b === undefined) return this._rangeA1(a);
    const args = [a, b, c, d].slice(0, d !== undefined ? 4 : c !== undefined ? 3 : 2);
    for (const x of args) if (typeof x !== 'number' || Number.isNaN(x)) fail(MSG.signature(args, 'SpreadsheetApp.Sheet.getRange'));
    const nums = args as number[];
    for (const x of nums) if (!Number.isInteger(x)) fail(`Cannot convert ${x} to int.`);
    const [row, col, nr = 1, nc = 1] = nums;
    this._checkBox(row, col, nr, nc);
    return new Range(this, row, col, nr, nc);
  }
  getDataRange(): Range {
    this.c('getDataRange');
    return new Range(this, 1, 1, Math.max(1, this._lastRow()), Math.max(1, this._lastCol()));
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this.c('clear');
    this._guardSheet();
    if (!options?.formatOnly) {
      this._rows = [];
      this._formulas.clearAll();
    }
    if (!options?.contentsOnly) for (const l of this._formatLayers()) l.clearAll();
    this._touch();
    return this;
  }
  clearContents(): this {
    this.c('clearContents');
    this._guardSheet();
    this._rows = [];
    this._formulas.clearAll();
    this._touch();
    return this;
  }
  clearFormats(): this {
    this.c('clearFormats');
    this._guardSheet();
    for (const l of this._formatLayers()) l.clearAll();
    return this;
  }
  clearNotes(): this {
    this.c('clearNotes');
    this._guardSheet();
    this._notes.clearAll();
    return this;
  }
  setFrozenRows(n: number): void {
    this.c('setFrozenRows');
    this._guardSheet();
    if (!isInt(n) || n < 0 || n >= this._maxRows) fail('Invalid argument: rows');
    this._frozenRows = n;
  }
  setFrozenColumns(n: number): void {
    this.c('setFrozenColumns');
    this._guardSheet();
    if (!isInt(n) || n < 0 || n >= this._maxCols) fail('Invalid argument: columns');
    this._frozenCols = n;
  }
  getFrozenRows(): number {
    this.c('getFrozenRows');
    return this._frozenRows;
  }
  getFrozenColumns(): number {
    this.c('getFrozenColumns');
    return this._frozenCols;
  }
  setColumnWidth(col: number, width: number): this {
    this.c('setColumnWidth');
    this._guardSheet();
    if (!isInt(col) || col < 1 || col > this._maxCols) fail(MSG.colsOutOfBounds);
    this._columnWidths.set(col, width);
    return this;
  }
  setColumnWidths(start: number, n: number, width: number): this {
    this.c('setColumnWidths');
    this._guardSheet();
    if (!isInt(start) || !isInt(n) || start < 1 || n < 1 || start + n - 1 > this._maxCols) fail(MSG.colsOutOfBounds);
    for (let i = 0; i < n; i++) this._columnWidths.set(start + i, width);
    return this;
  }
  getColumnWidth(col: number): number {
    this.c('getColumnWidth');
    return this._columnWidths.get(col) ?? 100;
  }
  autoResizeColumns(start: number, n: number): this {
    this.c('autoResizeColumns');
    this._guardSheet();
    if (!isInt(start) || !isInt(n) || start < 1 || n < 1 || start + n - 1 > this._maxCols) fail(MSG.colsOutOfBounds);
    for (let i = 0; i < n; i++) {
      let longest = 0;
      for (const r of this._rows) {
        const v = r?.[start + i - 1];
        if (v !== undefined && v !== '') longest = Math.max(longest, String(v).length);
      }
      this._columnWidths.set(start + i, Math.max(30, Math.min(1000, longest * 7 + 10)));
    }
    return this;
  }
  autoResizeColumn(_col: number): this {
    this.c('autoResizeColumn');
    this._guardSheet();
    return this;
  }
  setRowHeight(_row: number, _height: number): this {
    this.c('setRowHeight');
    this._guardSheet();
    return this;
  }
  hideColumns(_col: number, _n?: number): void {
    this.c('hideColumns');
    this._guardSheet();
  }
  showColumns(_col: number, _n?: number): void {
    this.c('showColumns');
    this._guardSheet();
  }
  protect(): Protection {
    this.c('protect');
    const existing = this._protections.find((p) => p.type === 'SHEET');
    if (existing) return existing;
    const p = new Protection(this._ss._doc, 'SHEET', this, null);
    this._protections.push(p);
    return p;
  }
  getProtections(type: ProtectionTypeName | { toString(): string }): Protection[] {
    this.c('getProtections');
    return this._protections.filter((p) => p.type === String(type));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.c('setConditionalFormatRules');
    this._guardSheet();
    if (!Array.isArray(rules)) fail(MSG.signature([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules'));
    this._cfRules = rules.slice();
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.c('getConditionalFormatRules');
    return this._cfRules.slice();
  }
  clearConditionalFormatRules(): void {
    this.c('clearConditionalFormatRules');
    this._guardSheet();
    this._cfRules = [];
  }
  hideSheet(): this {
    this.c('hideSheet');
    this._guardSheet();
    if (!this._hidden && this._ss._sheets.filter((s) => !s._hidden).length === 1) fail(MSG.hideLastSheet);
    this._hidden = true;
    return this;
  }
  showSheet(): this {
    this.c('showSheet');
    this._guardSheet();
    this._hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.c('isSheetHidden');
    return this._hidden;
  }
  setTabColor(color: string | null): this {
    this.c('setTabColor');
    this._guardSheet();
    this._tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    this.c('getTabColor');
    return this._tabColor;
  }
  activate(): this {
    this.c('activate');
    this._ss._active = this;
    return this;
  }
  // ----- embedded charts
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart(),
  // #insertChart(EmbeddedChart), #removeChart(EmbeddedChart), #getCharts(). A chart is an object of
  // the sheet: adding or removing one is a change of the sheet, refused under a sheet protection
  // the effective user cannot edit ("You are trying to edit a protected cell or object"), and it
  // goes when the sheet is deleted.
  newChart(): EmbeddedChartBuilder {
    this.c('newChart', 0);
    return new EmbeddedChartBuilder(this);
  }
  insertChart(chart: EmbeddedChart): void {
    this.c('insertChart');
    if (!(chart instanceof EmbeddedChart)) fail(MSG.signature([chart], 'SpreadsheetApp.Sheet.insertChart'));
    this._guardSheet();
    // emulator's strictness: a built chart is inserted once, on the sheet whose newChart() built it
    // (a chart object is not copied by inserting it again; updateChart replaces one in place)
    if (chart._sheet !== this || chart._inserted) fail(MSG.chartNotInsertable);
    for (const r of chart._ranges) if (r._sheetDeleted()) fail(MSG.sheetDeleted);
    chart._inserted = true;
    chart._id = this._ss._doc.ids.next();
    this._charts.push(chart);
  }
  removeChart(chart: EmbeddedChart): void {
    this.c('removeChart');
    this._guardSheet();
    const i = this._charts.indexOf(chart);
    // emulator's strictness: removing a chart that is not on this sheet is a bug of the caller
    if (i < 0) fail(MSG.chartNotFound);
    this._charts.splice(i, 1);
    chart._inserted = false;
  }
  getCharts(): EmbeddedChart[] {
    this.c('getCharts');
    return this._charts.slice();
  }
  appendRow(rowContents: unknown[]): this {
    this.c('appendRow', this.ctx.costs.writeBaseMs);
    this._guardSheet();
    if (!Array.isArray(rowContents)) fail(MSG.signature([rowContents], 'SpreadsheetApp.Sheet.appendRow'));
    const r = this._lastRow() + 1;
    if (r > this._maxRows) this.insertRowsAt(this._maxRows + 1, r - this._maxRows);
    if (rowContents.length > this._maxCols) this.insertColsAt(this._maxCols + 1, rowContents.length - this._maxCols);
    if (rowContents.length) this._writeScript(r, 1, [rowContents]);
    this.ctx.counters.cellsWritten += rowContents.length;
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Embedded charts (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
// .../embedded-chart, .../charts/chart-options, .../container-info). Only what the add-on uses; the
// builder's as…Chart() methods return the builder itself with the chart type set.

export type ChartTypeName = 'AREA' | 'BAR' | 'COLUMN' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE' | 'COMBO' | 'HISTOGRAM';

export class ChartOptions {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}
  /** "Returns the configured option for this chart": null when it is not set. */
  get(option: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.values, option) ? this.values[option] : null;
  }
}

export class ContainerInfo {
  constructor(
    readonly row: number,
    readonly column: number,
    readonly offsetX: number,
    readonly offsetY: number,
  ) {}
  getAnchorColumn(): number {
    return this.column;
  }
  getAnchorRow(): number {
    return this.row;
  }
  getOffsetX(): number {
    return this.offsetX;
  }
  getOffsetY(): number {
    return this.offsetY;
  }
}

export class EmbeddedChart {
  _inserted = false;
  _id: number | null = null;
  constructor(
    readonly _sheet: Sheet,
    readonly _type: ChartTypeName,
    readonly _ranges: Range[],
    readonly _options: Record<string, unknown>,
    readonly _numHeaders: number,
    readonly _position: ContainerInfo,
  ) {}
  private c(name: string): void {
    this._sheet._ss._doc.ctx.call(`EmbeddedChart.${name}`, 'document', 0);
  }
  /** "A stable identifier … or null if the chart is not in a spreadsheet." */
  getChartId(): number | null {
    this.c('getChartId');
    return this._inserted ? this._id : null;
  }
  getOptions(): ChartOptions {
    this.c('getOptions');
    return new ChartOptions({ ...this._options });
  }
  getRanges(): Range[] {
    this.c('getRanges');
    return this._ranges.slice();
  }
  getNumHeaders(): number {
    this.c('getNumHeaders');
    return this._numHeaders;
  }
  getContainerInfo(): ContainerInfo {
    this.c('getContainerInfo');
    return this._position;
  }
  getTransposeRowsAndColumns(): boolean {
    this.c('getTransposeRowsAndColumns');
    return false;
  }
}

export class EmbeddedChartBuilder {
  type: ChartTypeName | null = null;
  ranges: Range[] = [];
  options: Record<string, unknown> = {};
  numHeaders = -1;
  position = new ContainerInfo(1, 1, 0, 0);
  constructor(private readonly sheet: Sheet) {}
  private c(name: string): void {
    this.sheet._ss._doc.ctx.call(`EmbeddedChartBuilder.${name}`, 'free', 0);
  }
  private as(type: ChartTypeName): this {
    this.type = type;
    return this;
  }
  asAreaChart(): this {
    this.c('asAreaChart');
    return this.as('AREA');
  }
  asBarChart(): this {
    this.c('asBarChart');
    return this.as('BAR');
  }
  asColumnChart(): this {
    this.c('asColumnChart');
    return this.as('COLUMN');
  }
  asLineChart(): this {
    this.c('asLineChart');
    return this.as('LINE');
  }
  asPieChart(): this {
    this.c('asPieChart');
    return this.as('PIE');
  }
  /** "Does not add the range if it has already been added to the chart." */
  addRange(range: Range): this {
    this.c('addRange');
    if (!(range instanceof Range)) fail(MSG.signature([range], 'SpreadsheetApp.EmbeddedChartBuilder.addRange'));
    if (range._sheetDeleted()) fail(MSG.sheetDeleted);
    if (range._sheet._ss !== this.sheet._ss) fail(MSG.chartRangeOtherSpreadsheet);
    if (!this.ranges.some((r) => r._sameArea(range))) this.ranges.push(range);
    return this;
  }
  removeRange(range: Range): this {
    this.c('removeRange');
    this.ranges = this.ranges.filter((r) => !r._sameArea(range));
    return this;
  }
  clearRanges(): this {
    this.c('clearRanges');
    this.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    this.c('getRanges');
    return this.ranges.slice();
  }
  setNumHeaders(headers: number): this {
    this.c('setNumHeaders');
    if (!Number.isInteger(headers)) fail(MSG.signature([headers], 'SpreadsheetApp.EmbeddedChartBuilder.setNumHeaders'));
    this.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.c('setOption');
    if (typeof option !== 'string') fail(MSG.signature([option, value], 'SpreadsheetApp.EmbeddedChartBuilder.setOption'));
    this.options[option] = value;
    return this;
  }
  /** "anchorRowPos: The chart's top side is anchored in this row" (1-based, like every row of the API). */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.c('setPosition');
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every((n) => Number.isInteger(n))) fail(MSG.signature(args, 'SpreadsheetApp.EmbeddedChartBuilder.setPosition'));
    if (anchorRowPos < 1 || anchorColPos < 1 || anchorRowPos > this.sheet._maxRows || anchorColPos > this.sheet._maxCols) fail(MSG.outside);
    this.position = new ContainerInfo(anchorRowPos, anchorColPos, offsetX, offsetY);
    return this;
  }
  getContainer(): ContainerInfo {
    this.c('getContainer');
    return this.position;
  }
  /** "This method does not automatically draw the chart on top of the spreadsheet": Sheet.insertChart does. */
  build(): EmbeddedChart {
    this.c('build');
    // emulator's strictness: a chart needs a type (as…Chart()) and data
    if (this.type === null || this.ranges.length === 0) fail(MSG.chartIncomplete);
    return new EmbeddedChart(this.sheet, this.type, this.ranges.slice(), { ...this.options }, this.numHeaders, this.position);
  }
}

// ---------------------------------------------------------------------------------------------
// Range

export class Range {
  constructor(
    readonly _sheet: Sheet,
    readonly _r: number,
    readonly _c: number,
    readonly _nr: number,
    readonly _nc: number,
  ) {}

  private get ctx(): Ctx {
    return this._sheet._ss._doc.ctx;
  }
  /** @internal (not counted) */
  _sheetDeleted(): boolean {
    return this._sheet._deleted;
  }
  /** @internal The same cells of the same sheet (not counted). */
  _sameArea(o: Range): boolean {
    return o._sheet === this._sheet && o._r === this._r && o._c === this._c && o._nr === this._nr && o._nc === this._nc;
  }
  private get cells(): number {
    return this._nr * this._nc;
  }
  private alive(): void {
    if (this._sheet._deleted) fail(MSG.sheetDeleted);
    if (this._r + this._nr - 1 > this._sheet._maxRows || this._c + this._nc - 1 > this._sheet._maxCols) fail(MSG.outside);
  }
  private c(name: string): void {
    this.ctx.call(`Range.${name}`);
    this.alive();
  }
  private rd(name: string, cells = this.cells): void {
    this.ctx.read(`Range.${name}`, cells);
    this.alive();
  }
  private wr(name: string, cells = this.cells): void {
    this.ctx.write(`Range.${name}`, cells);
    this.alive();
    // every value, format, note or validation change is refused on protected cells (see Sheet._guardCells)
    this._sheet._guardCells(this._r, this._c, this._nr, this._nc);
  }
  /** Checks a 2-D argument against the range's size with Google's messages. */
  private grid<T>(values: unknown, method: string): T[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) fail(MSG.signature([values], `SpreadsheetApp.Range.${method}`));
    const rows = values as unknown[][];
    if (rows.length !== this._nr) fail(MSG.rowsMismatch(rows.length, this._nr));
    for (const r of rows) if (r.length !== this._nc) fail(MSG.colsMismatch(r.length, this._nc));
    return rows as T[][];
  }
  private fill<T>(v: T): T[][] {
    return Array.from({ length: this._nr }, () => new Array(this._nc).fill(v));
  }

  // ----- geometry

  getRow(): number {
    this.ctx.call('Range.getRow', 'document', 0);
    return this._r;
  }
  getRowIndex(): number {
    this.ctx.call('Range.getRowIndex', 'document', 0);
    return this._r;
  }
  getColumn(): number {
    this.ctx.call('Range.getColumn', 'document', 0);
    return this._c;
  }
  getNumRows(): number {
    this.ctx.call('Range.getNumRows', 'document', 0);
    return this._nr;
  }
  getNumColumns(): number {
    this.ctx.call('Range.getNumColumns', 'document', 0);
    return this._nc;
  }
  getLastRow(): number {
    this.ctx.call('Range.getLastRow', 'document', 0);
    return this._r + this._nr - 1;
  }
  getLastColumn(): number {
    this.ctx.call('Range.getLastColumn', 'document', 0);
    return this._c + this._nc - 1;
  }
  getA1Notation(): string {
    this.ctx.call('Range.getA1Notation', 'document', 0);
    return a1Notation(this._r, this._c, this._nr, this._nc);
  }
  getSheet(): Sheet {
    this.ctx.call('Range.getSheet', 'document', 0);
    return this._sheet;
  }
  getGridId(): number {
    this.ctx.call('Range.getGridId', 'document', 0);
    return this._sheet._id;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.c('offset');
    const r = this._r + rowOffset;
    const c = this._c + columnOffset;
    const nr = numRows ?? this._nr;
    const nc = numColumns ?? this._nc;
    this._sheet._checkBox(r, c, nr, nc);
    return new Range(this._sheet, r, c, nr, nc);
  }
  getCell(row: number, column: number): Range {
    this.c('getCell');
    if (row < 1 || column < 1 || row > this._nr || column > this._nc) fail(MSG.outside);
    return new Range(this._sheet, this._r + row - 1, this._c + column - 1, 1, 1);
  }
  activate(): this {
    this.c('activate');
    this._sheet._ss._active = this._sheet;
    return this;
  }
  isBlank(): boolean {
    this.rd('isBlank');
    return this._sheet._read(this._r, this._c, this._nr, this._nc).every((r) => r.every((v) => v === ''));
  }

  // ----- values

  /**
   * A date cell is the instant of its wall-clock in the spreadsheet's time zone (stored as such:
   * see Spreadsheet.setSpreadsheetTimeZone); typed dates are local midnight of that zone.
   */
  getValues(): CellValue[][] {
    this.rd('getValues');
    return this._sheet._read(this._r, this._c, this._nr, this._nc);
  }
  getValue(): CellValue {
    this.rd('getValue', 1);
    return copyCell(this._sheet._get(this._r, this._c));
  }
  getDisplayValues(): string[][] {
    this.rd('getDisplayValues');
    return this.display();
  }
  getDisplayValue(): string {
    this.rd('getDisplayValue', 1);
    const doc = this._sheet._ss._doc;
    return displayValue(this._sheet._get(this._r, this._c), this._sheet._formats.get(this._r, this._c), doc.timeZone, doc.locale);
  }
  private display(): string[][] {
    const doc = this._sheet._ss._doc;
    const vals = this._sheet._read(this._r, this._c, this._nr, this._nc);
    const fmts = this._sheet._formats.isEmpty() ? null : this._sheet._formats.grid(this._r, this._c, this._nr, this._nc);
    return vals.map((row, i) => row.map((v, j) => displayValue(v, fmts ? fmts[i][j] : '', doc.timeZone, doc.locale)));
  }
  setValues(values: unknown[][]): this {
    this.wr('setValues');
    const rows = this.grid<unknown>(values, 'setValues');
    this._sheet._writeScript(this._r, this._c, rows);
    return this;
  }
  /** Sets every cell of the range to the value (as Sheets does for a multi-cell range). */
  setValue(value: unknown): this {
    this.wr('setValue');
    if (Array.isArray(value)) fail(MSG.signature([value], 'SpreadsheetApp.Range.setValue'));
    this._sheet._writeScript(this._r, this._c, this.fill(value));
    return this;
  }
  getFormulas(): string[][] {
    this.rd('getFormulas');
    return this._sheet._formulas.grid(this._r, this._c, this._nr, this._nc);
  }
  getFormula(): string {
    this.rd('getFormula', 1);
    return this._sheet._formulas.get(this._r, this._c);
  }
  setFormula(formula: string): this {
    this.wr('setFormula');
    const f = String(formula);
    this._sheet._writeScript(this._r, this._c, this.fill(f.startsWith('=') ? f : `=${f}`));
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.wr('setFormulas');
    this._sheet._writeScript(this._r, this._c, this.grid<string>(formulas, 'setFormulas'));
    return this;
  }
  clearContent(): this {
    this.wr('clearContent');
    this._sheet._clearValues(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean }): this {
    this.wr('clear');
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
    if (!only || o.contentsOnly) this._sheet._clearValues(this._r, this._c, this._nr, this._nc);
    if (!only || o.formatOnly) for (const l of this._sheet._formatLayers()) l.clear(this._r, this._c, this._nr, this._nc);
    if (!only || o.commentsOnly) this._sheet._notes.clear(this._r, this._c, this._nr, this._nc);
    if (!only || o.validationsOnly) this._sheet._validations.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clearFormat(): this {
    this.wr('clearFormat');
    for (const l of this._sheet._formatLayers()) l.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clearNote(): this {
    this.wr('clearNote');
    this._sheet._notes.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clearDataValidations(): this {
    this.wr('clearDataValidations');
    this._sheet._validations.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }

  // ----- number formats

  getNumberFormat(): string {
    this.rd('getNumberFormat', 1);
    return this._sheet._formats.get(this._r, this._c) || DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.rd('getNumberFormats');
    return this._sheet._formats.grid(this._r, this._c, this._nr, this._nc).map((r) => r.map((f) => f || DEFAULT_NUMBER_FORMAT));
  }
  setNumberFormat(format: string): this {
    this.wr('setNumberFormat');
    this._sheet._formats.setUniform(this._r, this._c, this._nr, this._nc, String(format));
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    this.wr('setNumberFormats');
    this._sheet._formats.setGrid(
      this._r,
      this._c,
      this.grid<string>(formats, 'setNumberFormats').map((r) => r.map(String)),
    );
    return this;
  }

  // ----- notes

  getNote(): string {
    this.rd('getNote', 1);
    return this._sheet._notes.get(this._r, this._c);
  }
  getNotes(): string[][] {
    this.rd('getNotes');
    return this._sheet._notes.grid(this._r, this._c, this._nr, this._nc);
  }
  setNote(note: string | null): this {
    this.wr('setNote');
    this._sheet._notes.setUniform(this._r, this._c, this._nr, this._nc, note === null || note === undefined ? '' : String(note));
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): this {
    this.wr('setNotes');
    this._sheet._notes.setGrid(
      this._r,
      this._c,
      this.grid<string | null>(notes, 'setNotes').map((r) => r.map((n) => (n === null || n === undefined ? '' : String(n)))),
    );
    return this;
  }

  // ----- appearance

  setBackground(color: string | null): this {
    this.wr('setBackground');
    this._sheet._backgrounds.setUniform(this._r, this._c, this._nr, this._nc, color === null ? '#ffffff' : String(color));
    return this;
  }
  setBackgrounds(colors: Array<Array<string | null>>): this {
    this.wr('setBackgrounds');
    this._sheet._backgrounds.setGrid(
      this._r,
      this._c,
      this.grid<string | null>(colors, 'setBackgrounds').map((r) => r.map((x) => (x === null ? '#ffffff' : String(x)))),
    );
    return this;
  }
  getBackground(): string {
    this.rd('getBackground', 1);
    return this._sheet._backgrounds.get(this._r, this._c);
  }
  getBackgrounds(): string[][] {
    this.rd('getBackgrounds');
    return this._sheet._backgrounds.grid(this._r, this._c, this._nr, this._nc);
  }
  setFontWeight(w: string | null): this {
    this.wr('setFontWeight');
    this._sheet._fontWeights.setUniform(this._r, this._c, this._nr, this._nc, w === null ? 'normal' : String(w));
    return this;
  }
  setFontWeights(ws: Array<Array<string | null>>): this {
    this.wr('setFontWeights');
    this._sheet._fontWeights.setGrid(
      this._r,
      this._c,
      this.grid<string | null>(ws, 'setFontWeights').map((r) => r.map((x) => (x === null ? 'normal' : String(x)))),
    );
    return this;
  }
  getFontWeight(): 'normal' | 'bold' {
    this.rd('getFontWeight', 1);
    return this._sheet._fontWeights.get(this._r, this._c) === 'bold' ? 'bold' : 'normal';
  }
  getFontWeights(): Array<Array<'normal' | 'bold'>> {
    this.rd('getFontWeights');
    return this._sheet._fontWeights.grid(this._r, this._c, this._nr, this._nc).map((r) => r.map((w) => (w === 'bold' ? 'bold' : 'normal')));
  }
  setFontColor(color: string | null): this {
    this.wr('setFontColor');
    this._sheet._fontColors.setUniform(this._r, this._c, this._nr, this._nc, color === null ? '#000000' : String(color));
    return this;
  }
  setFontColors(colors: Array<Array<string | null>>): this {
    this.wr('setFontColors');
    this._sheet._fontColors.setGrid(
      this._r,
      this._c,
      this.grid<string | null>(colors, 'setFontColors').map((r) => r.map((x) => (x === null ? '#000000' : String(x)))),
    );
    return this;
  }
  getFontColor(): string {
    this.rd('getFontColor', 1);
    return this._sheet._fontColors.get(this._r, this._c);
  }
  getFontColors(): string[][] {
    this.rd('getFontColors');
    return this._sheet._fontColors.grid(this._r, this._c, this._nr, this._nc);
  }
  setFontStyle(_s: string | null): this {
    this.wr('setFontStyle');
    return this;
  }
  setFontSize(_n: number): this {
    this.wr('setFontSize');
    return this;
  }
  setFontFamily(_f: string | null): this {
    this.wr('setFontFamily');
    return this;
  }
  setWrap(wrap: boolean): this {
    this.wr('setWrap');
    this._sheet._wraps.setUniform(this._r, this._c, this._nr, this._nc, !!wrap);
    return this;
  }
  setWrapStrategy(strategy: string | { toString(): string }): this {
    this.wr('setWrapStrategy');
    this._sheet._wraps.setUniform(this._r, this._c, this._nr, this._nc, String(strategy) === 'WRAP');
    return this;
  }
  getWrap(): boolean {
    this.rd('getWrap', 1);
    return this._sheet._wraps.get(this._r, this._c);
  }
  setHorizontalAlignment(a: string | null): this {
    this.wr('setHorizontalAlignment');
    this._sheet._hAligns.setUniform(this._r, this._c, this._nr, this._nc, a === null ? 'general' : String(a));
    return this;
  }
  getHorizontalAlignment(): string {
    this.rd('getHorizontalAlignment', 1);
    return this._sheet._hAligns.get(this._r, this._c);
  }
  setVerticalAlignment(a: string | null): this {
    this.wr('setVerticalAlignment');
    this._sheet._vAligns.setUniform(this._r, this._c, this._nr, this._nc, a === null ? 'bottom' : String(a));
    return this;
  }
  getVerticalAlignment(): string {
    this.rd('getVerticalAlignment', 1);
    return this._sheet._vAligns.get(this._r, this._c);
  }
  setBorder(..._args: unknown[]): this {
    this.wr('setBorder');
    return this;
  }
  merge(): this {
    this.c('merge');
    this._sheet._guardCells(this._r, this._c, this._nr, this._nc);
    return this;
  }

  // ----- data validation

  setDataValidation(rule: DataValidation | null): this {
    this.wr('setDataValidation');
    this._sheet._validations.setUniform(this._r, this._c, this._nr, this._nc, rule ?? null);
    return this;
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): this {
    this.wr('setDataValidations');
    this._sheet._validations.setGrid(
      this._r,
      this._c,
      this.grid<DataValidation | null>(rules, 'setDataValidations').map((r) => r.map((x) => x ?? null)),
    );
    return this;
  }
  getDataValidation(): DataValidation | null {
    this.rd('getDataValidation', 1);
    return this._sheet._validations.get(this._r, this._c);
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    this.rd('getDataValidations');
    return this._sheet._validations.grid(this._r, this._c, this._nr, this._nc);
  }

  // ----- protection

  protect(): Protection {
    this.c('protect');
    const p = new Protection(this._sheet._ss._doc, 'RANGE', this._sheet, this);
    this._sheet._protections.push(p);
    return p;
  }

  toString(): string {
    return 'Range';
  }
}

/** Column letter helper re-exported for tests. */
export { columnLetter };
