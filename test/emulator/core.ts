/**
 * Shared machinery of the Apps Script emulator: the simulated clock, the call counters, the cost
 * model, the execution (time limit and authorization mode) and the per-call gate every emulated
 * service method goes through.
 *
 * Nothing here depends on jest, and nothing relies on `instanceof` for values that may come from
 * another realm (a `node:vm` context).
 */

/**
 * Simulated cost of each service call, in milliseconds of simulated time. These are ROUGH
 * ASSUMPTIONS drawn from public reports (blog posts and Q&A threads timing Apps Script calls):
 * a round trip to a Google service costs a few milliseconds to tens of milliseconds, batch reads
 * and writes grow with the number of cells, and writes cost more than reads. They are not
 * measurements and exist so that tests can compare strategies (one getValues of 50,000 rows versus
 * 50,000 getValue calls) and exercise the execution-time limit. Override with `options.costs`.
 */
export interface CostModel {
  /** Any counted call without a more specific cost. */
  defaultCallMs: number;
  /** Range.getValues / getDisplayValues / getFormulas / getNotes / getNumberFormats / getBackgrounds ... */
  readBaseMs: number;
  readPerCellMs: number;
  /** Range.setValues / setValue and every per-cell format setter (number formats, notes, fonts, backgrounds, validation). */
  writeBaseMs: number;
  writePerCellMs: number;
  insertSheetMs: number;
  sendEmailMs: number;
  flushMs: number;
  /** Every PropertiesService store method. */
  propertiesMs: number;
  /** Exact per-method overrides, e.g. { 'Sheet.getLastRow': 2 }; the per-cell part still applies to reads and writes. */
  perMethod: Record<string, number>;
}

export const DEFAULT_COSTS: CostModel = {
  defaultCallMs: 5,
  readBaseMs: 10,
  readPerCellMs: 0.0005,
  writeBaseMs: 20,
  writePerCellMs: 0.002,
  insertSheetMs: 100,
  sendEmailMs: 300,
  flushMs: 50,
  propertiesMs: 10,
  perMethod: {},
};

export class SimClock {
  private t: number;
  constructor(start: Date | number) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  nowMs(): number {
    return this.t;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`clock.advance: ${ms} is not a non-negative number of ms`);
    this.t += ms;
  }
  set(date: Date | number): void {
    this.t = typeof date === 'number' ? date : date.getTime();
  }
}

export interface CountersSnapshot {
  calls: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  total: number;
}

export class Counters {
  calls: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;
  total(): number {
    let n = 0;
    for (const k of Object.keys(this.calls)) n += this.calls[k];
    return n;
  }
  /** Calls whose name starts with a prefix, e.g. count('Range.') or count('MailApp.sendEmail'). */
  count(prefix: string): number {
    let n = 0;
    for (const k of Object.keys(this.calls)) if (k === prefix || k.startsWith(prefix)) n += this.calls[k];
    return n;
  }
  reset(): void {
    this.calls = {};
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
  snapshot(): CountersSnapshot {
    return { calls: { ...this.calls }, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten, total: this.total() };
  }
}

export type ExecutionKind = 'simple-trigger' | 'menu' | 'time-trigger' | 'installable-trigger' | 'web-app' | 'editor';
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** Documented limits: 30 s for simple triggers, 6 min per execution otherwise (Quotas for Google Services). */
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
export const EXECUTION_LIMIT_MS = 6 * 60_000;
export const EXCEEDED_TIME = 'Exceeded maximum execution time';

export interface ExecutionState {
  id: number;
  kind: ExecutionKind;
  authMode: AuthModeName;
  startMs: number;
  limitMs: number;
}

/** What kind of gate a call goes through (authorization checks). */
export type Scope =
  | 'ui' // SpreadsheetApp.getUi and menus: allowed even in AuthMode.NONE
  | 'free' // Logger, Utilities, enums: no authorization
  | 'document' // the bound document, properties, cache, lock: allowed in LIMITED
  | 'mail' // needs script.send_mail: not in simple triggers
  | 'triggers' // needs script.scriptapp: not in simple triggers
  | 'files' // another file by id (SpreadsheetApp.openById): needs spreadsheets, not in simple triggers
  | 'docs' // DocumentApp (create, and the new document's elements): needs documents, not in simple triggers
  | 'user'; // Session user data

/** Required OAuth scopes named in the permission error, as Apps Script does. */
const SCOPE_URL: Record<string, string> = {
  mail: 'https://www.googleapis.com/auth/script.send_mail',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  files: 'https://www.googleapis.com/auth/spreadsheets',
  docs: 'https://www.googleapis.com/auth/documents',
  document: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
};

/**
 * The realm (global object) the script runs in. Errors the services throw and Dates they return
 * are made with its constructors, so that `e instanceof Error` and `v instanceof Date` hold inside a
 * node:vm context as they do in Apps Script. installInto() switches it to the context's realm.
 */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export const HOST_REALM: Realm = { Date, Error };

/** The realm of the environment whose service was called last (set by Ctx.call). */
let currentRealm: Realm = HOST_REALM;

export function realmDate(ms: number): Date {
  return new currentRealm.Date(ms);
}

/** Throw an Apps Script-style exception (name 'Exception', as V8 Apps Script prints "Exception: …"). */
export function fail(message: string): never {
  const e = new currentRealm.Error(message);
  e.name = 'Exception';
  throw e;
}

/**
 * Triggers' total runtime per user per day: 90 min on a consumer account, 6 h on Workspace
 * ("Quotas for Google Services", https://developers.google.com/apps-script/guides/services/quotas,
 * "Triggers total runtime"). Quotas "reset 24 hours after the first request": modelled as a
 * rolling 24 h window, the stricter reading.
 */
export const TRIGGER_RUNTIME_CONSUMER_MS = 90 * 60_000;
export const TRIGGER_RUNTIME_WORKSPACE_MS = 6 * 3600_000;
export const TRIGGER_RUNTIME_EXCEEDED = 'Service using too much computer time for one day. Try again later.';
const DAY_MS = 24 * 3600_000;

/** Executions that count against the triggers' total runtime (simple triggers too: the stricter reading). */
export function isTriggerKind(kind: ExecutionKind): boolean {
  return kind === 'time-trigger' || kind === 'installable-trigger' || kind === 'simple-trigger';
}

export interface RuntimeRecord {
  user: string;
  kind: ExecutionKind;
  startMs: number;
  endMs: number;
}

/** Real (wall) time of the engine, in ms; not the simulated clock. */
const realNow: () => number = typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

export class Execution {
  current: ExecutionState | null = null;
  private nextId = 1;
  /** Called when an execution ends (locks are released). */
  onEnd: Array<(e: ExecutionState) => void> = [];
  /** Every finished trigger execution (for the daily runtime quota and for tests). */
  readonly runtime: RuntimeRecord[] = [];
  /** Who the current execution runs as (set by the environment). */
  userOf: () => string = () => '';
  /**
   * The engine's own time counts against the 6-minute and 30-second limits as it does in Apps
   * Script (the limit is on the execution's wall time, https://developers.google.com/apps-script/guides/services/quotas
   * "Script runtime"): at every counted call, the real time spent in the script since the previous
   * call, times `cpuFactor`, advances the simulated clock. 0 turns it off (deterministic tests).
   */
  cpuFactor = 1;
  /** Trigger runtime allowed per user per rolling 24 h. */
  triggerRuntimeMs = TRIGGER_RUNTIME_CONSUMER_MS;
  /** Simulated ms charged for the engine's own time (all executions). */
  cpuChargedMs = 0;
  private lastReal = 0;
  constructor(private readonly clock: SimClock) {}

  start(kind: ExecutionKind = 'menu', authMode?: AuthModeName): ExecutionState {
    if (this.current) this.end();
    if (isTriggerKind(kind) && this.triggerRuntimeUsed(this.userOf()) >= this.triggerRuntimeMs) {
      // The trigger does not run at all once its owner's daily runtime is spent.
      fail(TRIGGER_RUNTIME_EXCEEDED);
    }
    const mode: AuthModeName = authMode ?? (kind === 'simple-trigger' ? 'LIMITED' : 'FULL');
    const limitMs = kind === 'simple-trigger' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
    this.current = { id: this.nextId++, kind, authMode: mode, startMs: this.clock.nowMs(), limitMs };
    this.lastReal = realNow();
    return this.current;
  }
  end(): void {
    const e = this.current;
    if (e) this.chargeCpu();
    this.current = null;
    if (e && isTriggerKind(e.kind)) this.runtime.push({ user: this.userOf(), kind: e.kind, startMs: e.startMs, endMs: this.clock.nowMs() });
    if (e) for (const f of this.onEnd) f(e);
  }
  /** Advance the simulated clock by the engine's real time since the last call (inside an execution). */
  chargeCpu(): void {
    if (!this.current) return;
    const t = realNow();
    const ms = (t - this.lastReal) * this.cpuFactor;
    this.lastReal = t;
    if (ms > 0) {
      this.clock.advance(ms);
      this.cpuChargedMs += ms;
    }
  }
  /** Restart the real-time measurement (after the emulator's own bookkeeping in a call). */
  resumeCpu(): void {
    this.lastReal = realNow();
  }
  /** Simulated ms of trigger executions of `user` that ended in the 24 h before `nowMs`. */
  triggerRuntimeUsed(user: string, nowMs: number = this.clock.nowMs()): number {
    let used = 0;
    for (const r of this.runtime) if (r.user === user && r.endMs > nowMs - DAY_MS) used += r.endMs - r.startMs;
    return used;
  }
  /** Simulated ms since start (0 outside an execution). */
  elapsed(): number {
    return this.current ? this.clock.nowMs() - this.current.startMs : 0;
  }
  /** Simulated ms left before the limit (Infinity outside an execution). */
  remaining(): number {
    return this.current ? this.current.limitMs - this.elapsed() : Infinity;
  }
  kind(): ExecutionKind | null {
    return this.current ? this.current.kind : null;
  }
  authMode(): AuthModeName {
    return this.current ? this.current.authMode : 'FULL';
  }
  /** Run fn inside an execution and end it afterwards, even when fn throws. */
  run<T>(kind: ExecutionKind, fn: () => T, authMode?: AuthModeName): T {
    this.start(kind, authMode);
    try {
      return fn();
    } finally {
      this.end();
    }
  }
}

/** The per-environment context every emulated object holds. */
/**
 * The scopes that satisfy a gate, when the manifest's scopes are modelled: a manifest that lists
 * `oauthScopes` grants exactly those (https://developers.google.com/apps-script/concepts/scopes,
 * "Setting explicit scopes"); a call needing another fails with the permission error.
 */
const SCOPE_GRANTS: Partial<Record<Scope, string[]>> = {
  mail: ['https://www.googleapis.com/auth/script.send_mail', 'https://mail.google.com/'],
  triggers: ['https://www.googleapis.com/auth/script.scriptapp'],
  files: ['https://www.googleapis.com/auth/spreadsheets'],
  // DocumentApp.create: "https://www.googleapis.com/auth/documents" only (reference/document/document-app)
  docs: ['https://www.googleapis.com/auth/documents'],
};

export class Ctx {
  readonly costs: CostModel;
  readonly counters = new Counters();
  readonly execution: Execution;
  realm: Realm = HOST_REALM;
  /** The manifest's `oauthScopes` (null: not modelled, every scope granted). */
  grantedScopes: string[] | null = null;
  constructor(
    readonly clock: SimClock,
    costs: Partial<CostModel> | undefined,
  ) {
    this.costs = { ...DEFAULT_COSTS, ...(costs ?? {}), perMethod: { ...DEFAULT_COSTS.perMethod, ...(costs?.perMethod ?? {}) } };
    this.execution = new Execution(clock);
  }

  /**
   * Gate of every counted call: checks the execution time limit (the call after the limit throws),
   * the authorization mode, then counts the call and advances the simulated clock by its cost.
   */
  call(name: string, scope: Scope = 'document', costMs?: number): void {
    currentRealm = this.realm;
    const ex = this.execution.current;
    if (ex) {
      this.execution.chargeCpu();
      if (this.clock.nowMs() - ex.startMs > ex.limitMs) fail(EXCEEDED_TIME);
      this.checkAuth(name, scope, ex);
      const needs = SCOPE_GRANTS[scope];
      if (needs && this.grantedScopes && !needs.some((g) => this.grantedScopes!.includes(g)))
        fail(`You do not have permission to call ${name}. Required permissions: ${needs[0]}`);
    }
    this.counters.calls[name] = (this.counters.calls[name] ?? 0) + 1;
    const ms = costMs ?? this.costs.perMethod[name] ?? this.costs.defaultCallMs;
    if (ms > 0) this.clock.advance(ms);
  }

  /** A counted read of n cells. */
  read(name: string, cells: number): void {
    const base = this.costs.perMethod[name] ?? this.costs.readBaseMs;
    this.call(name, 'document', base + cells * this.costs.readPerCellMs);
    this.counters.cellsRead += cells;
  }

  /** A counted write of n cells. */
  write(name: string, cells: number): void {
    const base = this.costs.perMethod[name] ?? this.costs.writeBaseMs;
    this.call(name, 'document', base + cells * this.costs.writePerCellMs);
    this.counters.cellsWritten += cells;
  }

  private checkAuth(name: string, scope: Scope, ex: ExecutionState): void {
    if (scope === 'free' || scope === 'ui') return;
    const denied =
      ex.authMode === 'NONE'
        ? true
        : ex.authMode === 'LIMITED' || ex.authMode === 'CUSTOM_FUNCTION'
          ? scope === 'mail' || scope === 'triggers' || scope === 'files' || scope === 'docs'
          : false;
    if (!denied) return;
    const url = SCOPE_URL[scope];
    fail(`You do not have permission to call ${name}.${url ? ` Required permissions: ${url}` : ''}`);
  }
}

/** Cross-realm type checks. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `${v.length > 0 ? typeName(v[0]) : 'Object'}[]`;
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  return 'Object';
}

/** Deterministic pseudo-random ids (reproducible tests). */
export class IdSource {
  private n = 0;
  constructor(private readonly seed: number) {}
  next(): number {
    return ++this.n;
  }
  hex(len: number): string {
    let x = (this.seed * 2654435761 + ++this.n * 40503) >>> 0;
    let out = '';
    while (out.length < len) {
      x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
      out += x.toString(16).padStart(8, '0');
    }
    return out.slice(0, len);
  }
}
