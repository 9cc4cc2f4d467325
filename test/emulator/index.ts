/**
 * In-memory emulator of the Apps Script services the add-on uses. See README.md in this folder.
 *
 *   const env = createGasEnvironment({ now: new Date('2026-11-20T02:00:00Z') });
 *   env.addSheet('Học viên', [['STT', 'Họ và tên'], [1, 'Nguyễn Văn An']]);
 *   Object.assign(globalThis, env.globals);            // in-process
 *   env.installInto(vmContext);                        // or a node:vm context
 */
import { DriveV3Service, type DrivePermissionSeed } from './drive';
import * as vm from 'node:vm';
import { AuthModeName, CostModel, Counters, Ctx, Execution, ExecutionKind, fail, IdSource, isDate, Realm, SimClock } from './core';

/** Installed into a vm context: a Date whose "now" is the simulated clock (new Date(), Date.now()). */
const DATE_SHIM_SOURCE = `(function (nowMs) {
  var RealDate = Date;
  function FakeDate() {
    var a = arguments;
    if (!(this instanceof FakeDate)) return new RealDate(nowMs()).toString();
    if (a.length === 0) return new RealDate(nowMs());
    return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(a))))();
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = function () { return nowMs(); };
  FakeDate.UTC = RealDate.UTC;
  FakeDate.parse = RealDate.parse;
  Object.defineProperty(globalThis, '__gasEmulatorRealDate', { value: RealDate, configurable: true });
  globalThis.Date = FakeDate;
})(__gasEmulatorNow);`;
import { BooleanCondition, ConditionalFormatRuleBuilder, DataValidationBuilder, DocContext, Range, Sheet, Spreadsheet, User } from './spreadsheet';
import {
  AuthMode,
  Cache,
  dueTriggers,
  HtmlServiceImpl,
  Lock,
  LockKind,
  LockTable,
  LoggerImpl,
  LogEntry,
  MailAppService,
  MailBox,
  makeConsole,
  Properties,
  ScriptAppService,
  SentMail,
  SessionService,
  Trigger,
  TriggerEnv,
  UiImpl,
  UiLog,
  UtilitiesService,
  SERVICE_MSG,
} from './services';
import { a1Notation, CellValue, columnNumber, parseA1, parseTyped, TEXT_FORMAT } from './values';
import { DocStore, DocumentAppService } from './document';

export { DEFAULT_COSTS, SimClock, Counters, Execution } from './core';
export type { CostModel, ExecutionKind, AuthModeName } from './core';
export {
  EXCEEDED_TIME,
  SIMPLE_TRIGGER_LIMIT_MS,
  EXECUTION_LIMIT_MS,
  isDate,
  TRIGGER_RUNTIME_CONSUMER_MS,
  TRIGGER_RUNTIME_WORKSPACE_MS,
  TRIGGER_RUNTIME_EXCEEDED,
} from './core';
export type { RuntimeRecord } from './core';
export {
  MSG,
  CELL_LIMIT,
  DEFAULT_NUMBER_FORMAT,
  Spreadsheet,
  Sheet,
  Range,
  Protection,
  DataValidation,
  ConditionalFormatRule,
  EmbeddedChart,
  EmbeddedChartBuilder,
} from './spreadsheet';
export { SERVICE_MSG, LIMITS, Trigger } from './services';
export type { SentMail, LogEntry, MenuRecord, UiLog, MailFailure } from './services';
export { formatDatePattern, parseTyped, displayValue, tzOffsetMinutes, fromLocal, CELL_TOO_LONG, MAX_CELL_CHARS } from './values';
export type { CellValue } from './values';

export interface GasEnvironmentOptions {
  /** Spreadsheet time zone (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
  /** Script time zone (appsscript.json); default: the spreadsheet's. */
  scriptTimeZone?: string;
  /** Spreadsheet locale (default vi_VN). */
  locale?: string;
  /** Start of the simulated clock (default 2026-11-20T02:00:00Z). */
  now?: Date | number;
  /** The effective user (who runs the script and owns the document). */
  user?: string;
  /** The active user (default: the effective user; '' emulates a consumer account hidden in a simple trigger). */
  activeUser?: string;
  /** Other editors of the document. */
  editors?: string[];
  /** MailApp recipients per rolling 24 h (default 100, a consumer account). */
  mailQuota?: number;
  /** DocumentApp.create per rolling 24 h (default 250, a consumer account). */
  docsQuota?: number;
  /** Add-on restrictions on triggers (default true). */
  addon?: boolean;
  /**
   * What a time-driven trigger execution sees of its document (default 'active'). 'none' models an
   * Editor add-on's time trigger run without a containing document: getActiveSpreadsheet/getActive,
   * LockService.getDocumentLock, CacheService.getDocumentCache and PropertiesService.getDocumentProperties
   * return null there (their reference pages: "If this method is called outside of the context of a
   * containing document … null is returned",
   * https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock(),
   * https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache(),
   * https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties();
   * the add-on trigger guide does not say a time trigger has an active document, so the stricter
   * reading). Menu, simple-trigger and installable-trigger executions keep their document.
   * `SpreadsheetApp.openById(id)` still opens the spreadsheet (counted; throws for an unknown id).
   */
  triggerDocument?: 'active' | 'none';
  /** Title of createAddonMenu() menus as recorded (default 'BDHVS Tổng hợp'). */
  addonTitle?: string;
  spreadsheetName?: string;
  /** Create a first empty sheet named like this (default 'Sheet1'; null: none, the first addSheet replaces it). */
  firstSheet?: string | null;
  costs?: Partial<CostModel>;
  /** Files for HtmlService.createHtmlOutputFromFile/createTemplateFromFile, by name (with or without .html). */
  htmlFiles?: Record<string, string>;
  /** installInto() also installs a Date bound to the simulated clock. */
  fakeDate?: boolean;
  /** Seed of the pseudo-random ids (spreadsheet id, uuids). */
  seed?: number;
  /**
   * The engine's real time, times this factor, advances the simulated clock at every counted call
   * (default 1: the script's own work counts against the 6-minute and 30-second limits as in Apps
   * Script; 0 for tests that need a clock moved by service calls alone).
   */
  cpuFactor?: number;
  /** Triggers' total runtime per user per rolling 24 h (default 90 min, a consumer account; Workspace: 6 h). */
  triggerRuntimeMs?: number;
  /**
   * The manifest's `oauthScopes`: calls that need a scope not listed throw the permission error
   * (MailApp: script.send_mail; ScriptApp triggers: script.scriptapp; SpreadsheetApp.openById:
   * spreadsheets, which spreadsheets.currentonly does not cover). Default: not modelled.
   */
  oauthScopes?: string[];
  /**
   * The manifest enables the advanced Drive service (v3) as `Drive`, and the file's Drive
   * permissions it lists (test/emulator/drive.ts). Without it `Drive` is not a global.
   */
  drive?: { permissions: DrivePermissionSeed[] };
}

export interface AddSheetOptions {
  /** One format for every cell, a per-column map (1-based number or letter → format), or a grid. */
  numberFormats?: string | Record<string | number, string> | string[][];
  maxRows?: number;
  maxColumns?: number;
  /** 0-based position (default: last). */
  index?: number;
  notes?: string[][];
  frozenRows?: number;
  /**
   * Store strings as Sheets would after a person typed them (see parseTyped): '038123456789' becomes
   * the number 38123456789 unless its cell is plain text ('@'). Default false: strings kept as given.
   */
  typed?: boolean;
}

export interface EditEvent {
  source: Spreadsheet;
  range: Range;
  value?: unknown;
  oldValue?: unknown;
  user: User;
  authMode: string;
  triggerUid?: string;
}

export interface UserEditOptions {
  /** Who edits (default: the environment's user). Protected ranges refuse other users. */
  as?: string;
  /** Paste as values without parsing (like "paste values only" of already typed cells). */
  raw?: boolean;
  /** Mark the event as coming from an installable trigger with this uid. */
  triggerUid?: string;
  /** Auth mode of the event (default LIMITED for the simple trigger, FULL with triggerUid). */
  authMode?: string;
}

export interface GasGlobals {
  SpreadsheetApp: SpreadsheetAppService;
  PropertiesService: {
    getDocumentProperties(): Properties;
    getScriptProperties(): Properties;
    getUserProperties(): Properties;
  };
  LockService: { getDocumentLock(): Lock; getScriptLock(): Lock; getUserLock(): Lock };
  CacheService: { getDocumentCache(): Cache; getScriptCache(): Cache; getUserCache(): Cache };
  ScriptApp: ScriptAppService;
  Session: SessionService;
  Utilities: UtilitiesService;
  MailApp: MailAppService;
  DocumentApp: DocumentAppService;
  HtmlService: HtmlServiceImpl;
  Logger: LoggerImpl;
  console: ReturnType<typeof makeConsole>;
  /** The advanced Drive service, only when enabled (options.drive). */
  Drive?: DriveV3Service;
}

export class SpreadsheetAppService {
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
  readonly BooleanCriteria = {
    CUSTOM_FORMULA: 'CUSTOM_FORMULA',
    TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
    TEXT_CONTAINS: 'TEXT_CONTAINS',
    TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
    CELL_EMPTY: 'CELL_EMPTY',
    CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
    NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
    NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  } as const;
  readonly DataValidationCriteria = {
    VALUE_IN_LIST: 'VALUE_IN_LIST',
    VALUE_IN_RANGE: 'VALUE_IN_RANGE',
    NUMBER_BETWEEN: 'NUMBER_BETWEEN',
    NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
    TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
    CUSTOM_FORMULA: 'CUSTOM_FORMULA',
    CHECKBOX: 'CHECKBOX',
    DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  } as const;
  readonly BorderStyle = { SOLID: 'SOLID', SOLID_MEDIUM: 'SOLID_MEDIUM', DOTTED: 'DOTTED', DASHED: 'DASHED' } as const;
  readonly Dimension = { COLUMNS: 'COLUMNS', ROWS: 'ROWS' } as const;
  readonly CopyPasteType = { PASTE_NORMAL: 'PASTE_NORMAL', PASTE_VALUES: 'PASTE_VALUES', PASTE_FORMAT: 'PASTE_FORMAT' } as const;
  constructor(
    private readonly ctx: Ctx,
    private readonly ss: Spreadsheet,
    private readonly ui: UiImpl,
    private readonly noDocument: () => boolean = () => false,
  ) {}
  /** null in a time-trigger execution without a containing document (option `triggerDocument: 'none'`). */
  getActiveSpreadsheet(): Spreadsheet {
    this.ctx.call('SpreadsheetApp.getActiveSpreadsheet');
    return this.noDocument() ? (null as unknown as Spreadsheet) : this.ss;
  }
  getActive(): Spreadsheet {
    this.ctx.call('SpreadsheetApp.getActive');
    return this.noDocument() ? (null as unknown as Spreadsheet) : this.ss;
  }
  getActiveSheet(): Sheet {
    this.ctx.call('SpreadsheetApp.getActiveSheet');
    return this.ss._activeSheet();
  }
  getActiveRange(): Range {
    this.ctx.call('SpreadsheetApp.getActiveRange');
    return this.ss._activeSheet()._cell(1, 1);
  }
  /**
   * Throws in every trigger run that has no user in front of it: time-driven and installable
   * triggers (reported text; the Ui reference: "a script can only interact with the UI for the
   * current instance of an open editor", https://developers.google.com/apps-script/reference/base/ui).
   * Simple triggers keep it: onOpen builds the menu with it
   * (https://developers.google.com/apps-script/guides/menus).
   */
  getUi(): UiImpl {
    this.ctx.call('SpreadsheetApp.getUi', 'ui');
    const kind = this.ctx.execution.kind();
    if (kind === 'time-trigger' || kind === 'installable-trigger') fail(SERVICE_MSG.noUi);
    return this.ui;
  }
  flush(): void {
    this.ctx.call('SpreadsheetApp.flush', 'document', this.ctx.costs.flushMs);
  }
  newDataValidation(): DataValidationBuilder {
    this.ctx.call('SpreadsheetApp.newDataValidation', 'free', 0);
    return new DataValidationBuilder(this.ctx);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    this.ctx.call('SpreadsheetApp.newConditionalFormatRule', 'free', 0);
    return new ConditionalFormatRuleBuilder(this.ctx);
  }
  /**
   * Opening a file by id needs authorization: simple triggers (LIMITED) "can modify the file they
   * are bound to, but cannot access other files because that would require authorization"
   * (https://developers.google.com/apps-script/guides/triggers#restrictions). Refused there even
   * for the bound file's own id (the stricter reading).
   */
  openById(id: string): Spreadsheet {
    this.ctx.call('SpreadsheetApp.openById', 'files');
    if (id !== this.ss._id) fail(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    return this.ss;
  }
}

/** A warning a person confirmed before editing cells under a warning-only protection. */
export interface ProtectionWarning {
  sheet: string;
  /** The edited range (A1 notation). */
  range: string;
  user: string;
  /** The protection's description. */
  description: string;
}

export interface GasEnvironment {
  options: Required<Pick<GasEnvironmentOptions, 'timeZone' | 'locale' | 'user' | 'mailQuota' | 'addon'>> & GasEnvironmentOptions;
  globals: GasGlobals;
  spreadsheet: Spreadsheet;
  clock: SimClock;
  counters: Counters;
  execution: Execution;
  costs: CostModel;
  mail: MailBox & { sent: SentMail[] };
  /** DocumentApp: the documents created (test/emulator/document.ts) and the daily creation quota. */
  docs: DocStore;
  triggers: {
    list(): Trigger[];
    /** Time triggers due at `now` (default: the clock); recurrent ones advance, one-off ones fire once. */
    due(now?: Date | number): Trigger[];
    clear(): void;
  };
  ui: UiLog & {
    respondToNextAlert(button: string | { toString(): string }): void;
    respondToNextPrompt(text: string, button?: string | { toString(): string }): void;
  };
  logs: LogEntry[];
  properties: { document: Properties; script: Properties; readonly user: Properties; userOf(email: string): Properties };
  caches: { document: Cache; script: Cache; user: Cache };
  addSheet(name: string, values?: unknown[][], options?: AddSheetOptions): Sheet;
  sheetValues(name: string): CellValue[][];
  /** Stored formats of a sheet's data range ('' = automatic). */
  sheetFormats(name: string): string[][];
  sheetNotes(name: string): string[][];
  userEdit(sheetName: string, at: string | [number, number] | { row: number; col: number }, values: unknown, options?: UserEditOptions): EditEvent;
  /**
   * The warnings of warning-only protections that people confirmed in `userEdit` (Sheets asks
   * "every user" to confirm an edit there: Protection.setWarningOnly), oldest first.
   */
  protectionWarnings: ProtectionWarning[];
  simulateOtherExecutionHoldingLock(kind: LockKind, until: number | Date): void;
  installInto(context: Record<string, unknown>): Record<string, unknown>;
  /** Run fn as one execution (start/end around it). */
  run<T>(kind: ExecutionKind, fn: () => T, authMode?: AuthModeName): T;
  /** Switch the effective/active user (e.g. another unit's focal point). */
  setUser(email: string): void;
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  const opts = {
    timeZone: 'Asia/Ho_Chi_Minh',
    locale: 'vi_VN',
    user: 'skhcn@example.gov.vn',
    mailQuota: 100,
    addon: true,
    ...options,
  };
  const clock = new SimClock(opts.now ?? new Date('2026-11-20T02:00:00Z'));
  const ctx = new Ctx(clock, opts.costs);
  const ids = new IdSource(opts.seed ?? 20261120);
  let user = opts.user;
  ctx.execution.userOf = () => user;
  if (opts.cpuFactor !== undefined) ctx.execution.cpuFactor = opts.cpuFactor;
  if (opts.triggerRuntimeMs !== undefined) ctx.execution.triggerRuntimeMs = opts.triggerRuntimeMs;
  if (opts.oauthScopes) ctx.grantedScopes = opts.oauthScopes.slice();
  let activeUser = opts.activeUser ?? opts.user;
  const uiLog: UiLog = { menus: [], toasts: [], alerts: [], prompts: [], dialogs: [], alertResponses: [], promptResponses: [] };
  const doc: DocContext = {
    ctx,
    ids,
    timeZone: opts.timeZone,
    locale: opts.locale,
    owner: user,
    editors: opts.editors ?? [],
    ui: uiLog,
    currentUser: () => activeUser || user,
    effectiveUser: () => user,
  };
  const ss = new Spreadsheet(doc, opts.spreadsheetName ?? 'BDHVS');
  let placeholder: Sheet | null = null;
  if (opts.firstSheet !== null) placeholder = ss._createSheet(opts.firstSheet ?? 'Sheet1', 0);

  const logs: LogEntry[] = [];
  // User properties belong to one user (https://developers.google.com/apps-script/reference/properties/properties-service#getUserProperties():
  // "a property store that only the current user can access, and only within this script"): one store per effective user.
  const userStores = new Map<string, Properties>();
  const userStore = (email: string): Properties => {
    let st = userStores.get(email);
    if (!st) userStores.set(email, (st = new Properties(ctx, 'user')));
    return st;
  };
  const properties = {
    document: new Properties(ctx, 'document'),
    script: new Properties(ctx, 'script'),
    /** The current (effective) user's store. */
    get user(): Properties {
      return userStore(user);
    },
    /** Another user's store (inspection). */
    userOf: (email: string): Properties => userStore(email),
  };
  const caches = { document: new Cache(ctx), script: new Cache(ctx), user: new Cache(ctx) };
  const locks = new LockTable(ctx);
  const mail = new MailBox(opts.mailQuota) as MailBox & { sent: SentMail[] };
  const docs = new DocStore(opts.docsQuota ?? 250);
  const triggerEnv: TriggerEnv = {
    ctx,
    ids,
    addon: opts.addon,
    user: () => user,
    documentId: ss._id,
    scriptTimeZone: opts.scriptTimeZone ?? opts.timeZone,
    triggers: [],
  };
  const ui = new UiImpl(ctx, uiLog, opts.addonTitle ?? 'BDHVS Tổng hợp');
  /** A time-trigger execution without a containing document (see GasEnvironmentOptions.triggerDocument). */
  const noDocument = () => opts.triggerDocument === 'none' && ctx.execution.kind() === 'time-trigger';
  const SpreadsheetApp = new SpreadsheetAppService(ctx, ss, ui, noDocument);
  const Logger = new LoggerImpl(ctx, logs);
  const consoleImpl = makeConsole(ctx, logs);

  const globals: GasGlobals = {
    SpreadsheetApp,
    PropertiesService: {
      getDocumentProperties: () => {
        ctx.call('PropertiesService.getDocumentProperties', 'document', 0);
        return noDocument() ? (null as unknown as Properties) : properties.document;
      },
      getScriptProperties: () => {
        ctx.call('PropertiesService.getScriptProperties', 'document', 0);
        return properties.script;
      },
      getUserProperties: () => {
        ctx.call('PropertiesService.getUserProperties', 'document', 0);
        return userStore(user);
      },
    },
    LockService: {
      getDocumentLock: () => {
        ctx.call('LockService.getDocumentLock', 'document', 0);
        return noDocument() ? (null as unknown as Lock) : new Lock(ctx, locks, 'document');
      },
      getScriptLock: () => {
        ctx.call('LockService.getScriptLock', 'document', 0);
        return new Lock(ctx, locks, 'script');
      },
      getUserLock: () => {
        ctx.call('LockService.getUserLock', 'document', 0);
        return new Lock(ctx, locks, 'user');
      },
    },
    CacheService: {
      getDocumentCache: () => {
        ctx.call('CacheService.getDocumentCache', 'document', 0);
        return noDocument() ? (null as unknown as Cache) : caches.document;
      },
      getScriptCache: () => {
        ctx.call('CacheService.getScriptCache', 'document', 0);
        return caches.script;
      },
      getUserCache: () => {
        ctx.call('CacheService.getUserCache', 'document', 0);
        return caches.user;
      },
    },
    ScriptApp: new ScriptAppService(triggerEnv),
    Session: new SessionService(ctx, {
      user: () => user,
      activeUser: () => activeUser,
      scriptTimeZone: opts.scriptTimeZone ?? opts.timeZone,
      locale: opts.locale,
    }),
    Utilities: new UtilitiesService(ctx, ids),
    MailApp: new MailAppService(ctx, mail),
    DocumentApp: new DocumentAppService(
      ctx,
      docs,
      () => user,
      () => ids.hex(44),
    ),
    HtmlService: undefined as unknown as HtmlServiceImpl,
    Logger,
    console: consoleImpl,
  };
  if (opts.drive) {
    const seeded = opts.drive;
    globals.Drive = new DriveV3Service(
      ctx,
      () => ss._id,
      () => seeded.permissions,
    );
  }
  globals.HtmlService = new HtmlServiceImpl(ctx, opts.htmlFiles ?? {}, () => ({ ...globals }));

  function sheetOrFail(name: string): Sheet {
    const s = ss._findSheet(name);
    if (!s) throw new Error(`emulator: no sheet named "${name}"`);
    return s;
  }

  function addSheet(name: string, values: unknown[][] = [], o: AddSheetOptions = {}): Sheet {
    const rows = values.length;
    const cols = values.reduce((m, r) => Math.max(m, r.length), 0);
    let maxRows = o.maxRows ?? Math.max(1000, rows);
    let maxCols = o.maxColumns ?? Math.max(26, cols);
    // A seeded big sheet keeps only its own columns when 26 would break the 10 M cell limit.
    if (o.maxColumns === undefined && ss._cellCount(placeholder ?? undefined) + maxRows * maxCols > 10_000_000) maxCols = Math.max(1, cols);
    if (o.maxRows === undefined && ss._cellCount(placeholder ?? undefined) + maxRows * maxCols > 10_000_000) maxRows = Math.max(1, rows);
    if (placeholder && ss._sheets.length === 1 && ss._sheets[0] === placeholder && placeholder._lastRow() === 0) {
      ss._sheets = [];
      placeholder = null;
    }
    const sheet = ss._createSheet(name, o.index ?? ss._sheets.length, maxRows, maxCols);
    // Seeded values are stored as given (already typed): no parsing, Dates copied, null → ''.
    const store: Array<CellValue[] | undefined> = new Array(rows);
    const formulaCells: Array<[number, number, string]> = [];
    for (let i = 0; i < rows; i++) {
      const src = values[i];
      const n = src.length;
      const row: CellValue[] = new Array(n);
      for (let j = 0; j < n; j++) {
        const v = src[j];
        if (typeof v === 'string') {
          row[j] = v;
          if (v.charCodeAt(0) === 61 && v.length > 1) formulaCells.push([i + 1, j + 1, v]);
        } else if (typeof v === 'number' || typeof v === 'boolean') row[j] = v;
        else if (v === null || v === undefined) row[j] = '';
        else row[j] = isDate(v) ? new Date((v as Date).getTime()) : String(v);
      }
      store[i] = row;
    }
    sheet._rows = store;
    const nf = o.numberFormats;
    if (typeof nf === 'string') sheet._formats.setUniform(1, 1, maxRows, maxCols, nf);
    else if (Array.isArray(nf)) sheet._formats.setGrid(1, 1, nf);
    else if (nf) for (const k of Object.keys(nf)) sheet._formats.setUniform(1, /^\d+$/.test(k) ? Number(k) : columnNumber(k), maxRows, 1, nf[k]);
    if (o.typed) {
      const plain = sheet._formats.isEmpty() ? null : sheet._formats.grid(1, 1, rows, Math.max(1, cols));
      for (let i = 0; i < rows; i++) {
        const row = store[i]!;
        for (let j = 0; j < row.length; j++) {
          const v = row[j];
          if (typeof v === 'string' && v !== '' && !(plain && plain[i][j] === TEXT_FORMAT)) row[j] = parseTyped(v, doc.timeZone, doc.locale).value;
        }
      }
    }
    if (o.notes) sheet._notes.setGrid(1, 1, o.notes);
    if (o.frozenRows) sheet._frozenRows = o.frozenRows;
    for (const [r, c, f] of formulaCells) sheet._formulas.setUniform(r, c, 1, 1, f);
    sheet._touch();
    return sheet;
  }

  const protectionWarnings: ProtectionWarning[] = [];

  function userEdit(sheetName: string, at: string | [number, number] | { row: number; col: number }, values: unknown, o: UserEditOptions = {}): EditEvent {
    const sheet = sheetOrFail(sheetName);
    let row: number;
    let col: number;
    if (typeof at === 'string') {
      const box = parseA1(at);
      if (!box) throw new Error(`emulator: bad A1 reference ${at}`);
      row = box.row;
      col = box.col;
    } else if (Array.isArray(at)) [row, col] = at;
    else ({ row, col } = at);
    const grid: unknown[][] = Array.isArray(values) ? (Array.isArray(values[0]) ? (values as unknown[][]) : [values as unknown[]]) : [[values]];
    const nr = grid.length;
    const nc = grid[0].length;
    sheet._checkBox(row, col, nr, nc);
    const editor = o.as ?? user;
    // the text the Sheets UI shows; unprotected ranges of a protected sheet are honoured
    sheet._guardCells(row, col, nr, nc, editor);
    // a warning-only protection lets the edit through after the warning, which every user sees (the owner too)
    for (const p of sheet._protections)
      if (p.warningOnly && p._covers(row, col, nr, nc))
        protectionWarnings.push({ sheet: sheet._name, range: a1Notation(row, col, nr, nc), user: editor, description: p.description });
    const single = nr === 1 && nc === 1;
    const oldValue = single ? sheet._get(row, col) : undefined;
    const formats = sheet._formats.grid(row, col, nr, nc);
    const parsed: CellValue[][] = grid.map((r, i) =>
      r.map((v, j) => {
        if (typeof v !== 'string' || o.raw) return v === null || v === undefined ? '' : isDate(v) ? new Date((v as Date).getTime()) : (v as CellValue);
        if (formats[i][j] === TEXT_FORMAT) return v;
        return parseTyped(v, doc.timeZone, doc.locale).value;
      }),
    );
    // Data validation that rejects invalid input refuses the edit, as the Sheets UI does.
    const rules = sheet._validations.grid(row, col, nr, nc);
    for (let i = 0; i < nr; i++)
      for (let j = 0; j < nc; j++) {
        const rule = rules[i][j];
        if (rule && !rule.allowInvalid && !rule.accepts(parsed[i][j])) {
          throw new Error(
            `There was a problem: The data you entered in cell ${sheet._cell(row + i, col + j).getA1Notation()} violates the data validation rules set on this cell.`,
          );
        }
      }
    for (let i = 0; i < nr; i++) {
      const r = sheet._row(row + i, col + nc - 1);
      for (let j = 0; j < nc; j++) r[col - 1 + j] = parsed[i][j];
    }
    const formulas = grid.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith('=') && v.length > 1 && !o.raw ? v : '')));
    sheet._formulas.setGrid(row, col, formulas);
    sheet._touch();
    const ev: EditEvent = {
      source: ss,
      range: new Range(sheet, row, col, nr, nc),
      user: new User(editor),
      authMode: o.authMode ?? (o.triggerUid ? AuthMode.FULL : AuthMode.LIMITED),
    };
    if (single) {
      const nv = parsed[0][0];
      // e.value is the new value as the event delivers it (a string for typed input).
      if (nv !== '') ev.value = typeof grid[0][0] === 'string' ? grid[0][0] : nv;
      if (oldValue !== '' && oldValue !== undefined) ev.oldValue = oldValue;
    }
    if (o.triggerUid) ev.triggerUid = o.triggerUid;
    return ev;
  }

  function makeDateShim(): DateConstructor {
    const Real = Date;
    function FakeDate(this: unknown, ...args: unknown[]): unknown {
      if (!new.target) return new Real(clock.nowMs()).toString();
      if (args.length === 0) return new Real(clock.nowMs());
      return new (Real as unknown as new (...a: unknown[]) => Date)(...args);
    }
    FakeDate.prototype = Real.prototype;
    const shim = FakeDate as unknown as DateConstructor & Record<string, unknown>;
    shim.now = () => clock.nowMs();
    shim.UTC = Real.UTC;
    shim.parse = Real.parse;
    return shim;
  }

  const env: GasEnvironment = {
    options: opts,
    globals,
    spreadsheet: ss,
    clock,
    counters: ctx.counters,
    execution: ctx.execution,
    costs: ctx.costs,
    mail,
    docs,
    triggers: {
      list: () => triggerEnv.triggers.slice(),
      due: (now?: Date | number) => dueTriggers(triggerEnv, now === undefined ? clock.nowMs() : typeof now === 'number' ? now : now.getTime()),
      clear: () => {
        triggerEnv.triggers.length = 0;
      },
    },
    ui: Object.assign(uiLog, {
      respondToNextAlert: (button: string | { toString(): string }) => {
        uiLog.alertResponses.push(String(button));
      },
      respondToNextPrompt: (text: string, button: string | { toString(): string } = 'OK') => {
        uiLog.promptResponses.push({ text, button: String(button) });
      },
    }),
    logs,
    properties,
    caches,
    addSheet,
    sheetValues: (name: string) => {
      const s = sheetOrFail(name);
      return s._read(1, 1, s._lastRow(), s._lastCol(), true);
    },
    sheetFormats: (name: string) => {
      const s = sheetOrFail(name);
      const r = s._lastRow();
      const c = s._lastCol();
      return r && c ? s._formats.grid(1, 1, r, c) : [];
    },
    sheetNotes: (name: string) => {
      const s = sheetOrFail(name);
      const r = s._lastRow();
      const c = s._lastCol();
      return r && c ? s._notes.grid(1, 1, r, c) : [];
    },
    userEdit,
    protectionWarnings,
    simulateOtherExecutionHoldingLock: (kind: LockKind, until: number | Date) => {
      const ms = typeof until === 'number' ? (until > 1e11 ? until : clock.nowMs() + until) : until.getTime();
      locks.holdElsewhere(kind, ms);
    },
    installInto: (context: Record<string, unknown>) => {
      for (const k of Object.keys(globals)) context[k] = (globals as unknown as Record<string, unknown>)[k];
      if (vm.isContext(context)) {
        // Errors and Dates handed to the script are made in the context's realm.
        if (opts.fakeDate) {
          context.__gasEmulatorNow = () => clock.nowMs();
          vm.runInContext(DATE_SHIM_SOURCE, context);
          delete context.__gasEmulatorNow;
        }
        ctx.realm = vm.runInContext('({ Date: Date, Error: Error })', context) as Realm;
        if (opts.fakeDate) ctx.realm = { Date: vm.runInContext('__gasEmulatorRealDate', context) as DateConstructor, Error: ctx.realm.Error };
      } else if (opts.fakeDate) context.Date = makeDateShim();
      return context;
    },
    run: <T>(kind: ExecutionKind, fn: () => T, authMode?: AuthModeName) => ctx.execution.run(kind, fn, authMode),
    setUser: (email: string) => {
      user = email;
      activeUser = email;
    },
  };
  return env;
}

export { BooleanCondition };
