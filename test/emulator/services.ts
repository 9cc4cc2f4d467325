/**
 * The non-spreadsheet services: PropertiesService, LockService, CacheService, ScriptApp (triggers),
 * Session, Utilities, MailApp, HtmlService, the Ui of SpreadsheetApp.getUi(), Logger and console.
 */
import { createHash } from 'node:crypto';
import { Ctx, fail, IdSource, isDate } from './core';
import { User } from './spreadsheet';
import { formatDatePattern, fromLocal, localParts } from './values';

// ---------------------------------------------------------------------------------------------
// Messages

export const SERVICE_MSG = {
  propertyValueTooLarge: 'Argument too large: value',
  propertyStoreFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  cacheValueTooLarge: 'Argument too large: value',
  cacheKeyTooLarge: 'Argument too large: key',
  mailQuota: 'Service invoked too many times for one day: email.',
  mailTransient: 'Service unavailable: Email',
  invalidEmail: (addr: string) => `Invalid email: ${addr}`,
  noRecipient: 'Failed to send email: no recipient',
  tooManyRecipients: 'Limit Exceeded: Email Recipients Per Message.',
  bodyTooLarge: 'Limit Exceeded: Email Body Size.',
  tooManyTriggers: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  addonTriggerType: (type: string) => `This add-on has created too many ${type} triggers in this document for this Google user account.`,
  addonHourly: 'Add-ons may only create time-based triggers that run at most once per hour.',
  everyMinutes: 'The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.',
  everyHours: 'The value passed to everyHours must be a positive integer.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  sleepTooLong: 'Invalid argument: milliseconds',
  fileNotFound: (name: string) => `No HTML file named ${name} was found.`,
};

/** Documented limits (Quotas for Google Services; CacheService and PropertiesService references). */
export const LIMITS = {
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  cacheValueBytes: 100 * 1024,
  cacheKeyChars: 250,
  cacheDefaultSeconds: 600,
  cacheMaxSeconds: 21600,
  cacheMaxItems: 1000,
  triggersPerUserPerScript: 20,
  recipientsPerMessage: 50,
  bodyBytes: 200 * 1024,
  sleepMaxMs: 300_000,
};

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// PropertiesService

export class Properties {
  readonly data = new Map<string, string>();
  constructor(
    private readonly ctx: Ctx,
    private readonly kind: string,
  ) {}
  private c(name: string): void {
    this.ctx.call(`Properties.${name}`, 'document', this.ctx.costs.propertiesMs);
  }
  private size(except?: Set<string>): number {
    let n = 0;
    for (const [k, v] of this.data) if (!except || !except.has(k)) n += bytes(k) + bytes(v);
    return n;
  }
  private check(entries: Array<[string, string]>): void {
    for (const [, v] of entries) if (bytes(v) > LIMITS.propertyValueBytes) fail(SERVICE_MSG.propertyValueTooLarge);
    const replaced = new Set(entries.map(([k]) => k));
    let total = this.size(replaced);
    for (const [k, v] of entries) total += bytes(k) + bytes(v);
    if (total > LIMITS.propertyStoreBytes) fail(SERVICE_MSG.propertyStoreFull);
  }
  getProperty(key: string): string | null {
    this.c('getProperty');
    const v = this.data.get(String(key));
    return v === undefined ? null : v;
  }
  setProperty(key: string, value: unknown): this {
    this.c('setProperty');
    const entry: [string, string] = [String(key), String(value)];
    this.check([entry]);
    this.data.set(entry[0], entry[1]);
    return this;
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): this {
    this.c('setProperties');
    const entries = Object.keys(props).map((k): [string, string] => [k, String(props[k])]);
    if (deleteAllOthers) {
      for (const [, v] of entries) if (bytes(v) > LIMITS.propertyValueBytes) fail(SERVICE_MSG.propertyValueTooLarge);
      const total = entries.reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
      if (total > LIMITS.propertyStoreBytes) fail(SERVICE_MSG.propertyStoreFull);
      this.data.clear();
    } else this.check(entries);
    for (const [k, v] of entries) this.data.set(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    this.c('getProperties');
    const out: Record<string, string> = {};
    for (const [k, v] of this.data) out[k] = v;
    return out;
  }
  getKeys(): string[] {
    this.c('getKeys');
    return Array.from(this.data.keys());
  }
  deleteProperty(key: string): this {
    this.c('deleteProperty');
    this.data.delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this.c('deleteAllProperties');
    this.data.clear();
    return this;
  }
  toString(): string {
    return `Properties(${this.kind})`;
  }
}

// ---------------------------------------------------------------------------------------------
// LockService

export type LockKind = 'document' | 'script' | 'user';

interface LockState {
  /** Execution id holding it (0 = none; -1 = a simulated other execution). */
  holder: number;
  otherUntil: number;
}

export class LockTable {
  readonly state: Record<LockKind, LockState> = {
    document: { holder: 0, otherUntil: 0 },
    script: { holder: 0, otherUntil: 0 },
    user: { holder: 0, otherUntil: 0 },
  };
  constructor(private readonly ctx: Ctx) {
    ctx.execution.onEnd.push((e) => {
      for (const k of Object.keys(this.state) as LockKind[]) if (this.state[k].holder === e.id) this.state[k].holder = 0;
    });
  }
  /** Another execution holds the lock until the given time. */
  holdElsewhere(kind: LockKind, until: number): void {
    this.state[kind].holder = -1;
    this.state[kind].otherUntil = until;
  }
  me(): number {
    return this.ctx.execution.current?.id ?? 1_000_000;
  }
}

export class Lock {
  constructor(
    private readonly ctx: Ctx,
    private readonly table: LockTable,
    private readonly kind: LockKind,
  ) {}
  private acquire(timeoutMs: number): boolean {
    const s = this.table.state[this.kind];
    const me = this.table.me();
    const now = this.ctx.clock.nowMs();
    if (s.holder === -1 && s.otherUntil <= now) s.holder = 0;
    if (s.holder === 0 || s.holder === me) {
      s.holder = me;
      return true;
    }
    if (s.holder === -1 && s.otherUntil - now <= timeoutMs) {
      this.ctx.clock.advance(s.otherUntil - now);
      s.holder = me;
      return true;
    }
    // Held by another (simulated) execution past our timeout: we wait the whole timeout in vain.
    this.ctx.clock.advance(Math.max(0, timeoutMs));
    return false;
  }
  tryLock(timeoutInMillis: number): boolean {
    this.ctx.call('Lock.tryLock');
    return this.acquire(Number(timeoutInMillis) || 0);
  }
  waitLock(timeoutInMillis: number): void {
    this.ctx.call('Lock.waitLock');
    if (!this.acquire(Number(timeoutInMillis) || 0)) fail(SERVICE_MSG.lockTimeout);
  }
  releaseLock(): void {
    this.ctx.call('Lock.releaseLock');
    const s = this.table.state[this.kind];
    if (s.holder === this.table.me()) s.holder = 0;
  }
  hasLock(): boolean {
    this.ctx.call('Lock.hasLock');
    return this.table.state[this.kind].holder === this.table.me();
  }
}

// ---------------------------------------------------------------------------------------------
// CacheService

interface CacheEntry {
  value: string;
  expires: number;
  order: number;
}

export class Cache {
  readonly entries = new Map<string, CacheEntry>();
  private order = 0;
  constructor(private readonly ctx: Ctx) {}
  private c(name: string): void {
    this.ctx.call(`Cache.${name}`);
  }
  private live(key: string): CacheEntry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= this.ctx.clock.nowMs()) {
      this.entries.delete(key);
      return null;
    }
    return e;
  }
  private checkKey(key: string): void {
    if (key.length > LIMITS.cacheKeyChars) fail(SERVICE_MSG.cacheKeyTooLarge);
  }
  private store(key: string, value: string, seconds: number): void {
    this.checkKey(key);
    if (bytes(value) > LIMITS.cacheValueBytes) fail(SERVICE_MSG.cacheValueTooLarge);
    const s = Math.min(Math.max(1, Math.floor(seconds)), LIMITS.cacheMaxSeconds);
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.ctx.clock.nowMs() + s * 1000, order: ++this.order });
    // The cache holds at most 1,000 items: the oldest are evicted.
    if (this.entries.size > LIMITS.cacheMaxItems) {
      const now = this.ctx.clock.nowMs();
      for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k);
      while (this.entries.size > LIMITS.cacheMaxItems) this.entries.delete(this.entries.keys().next().value as string);
    }
  }
  get(key: string): string | null {
    this.c('get');
    const e = this.live(String(key));
    return e ? e.value : null;
  }
  getAll(keys: string[]): Record<string, string> {
    this.c('getAll');
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this.live(String(k));
      if (e) out[String(k)] = e.value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds: number = LIMITS.cacheDefaultSeconds): void {
    this.c('put');
    this.store(String(key), String(value), expirationInSeconds);
  }
  putAll(values: Record<string, string>, expirationInSeconds: number = LIMITS.cacheDefaultSeconds): void {
    this.c('putAll');
    for (const k of Object.keys(values)) {
      this.checkKey(k);
      if (bytes(String(values[k])) > LIMITS.cacheValueBytes) fail(SERVICE_MSG.cacheValueTooLarge);
    }
    for (const k of Object.keys(values)) this.store(k, String(values[k]), expirationInSeconds);
  }
  remove(key: string): void {
    this.c('remove');
    this.entries.delete(String(key));
  }
  removeAll(keys: string[]): void {
    this.c('removeAll');
    for (const k of keys) this.entries.delete(String(k));
  }
}

// ---------------------------------------------------------------------------------------------
// ScriptApp

export const AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;
export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

export interface Schedule {
  kind: 'after' | 'at' | 'minutes' | 'hours' | 'days' | 'weeks' | 'monthDay';
  n: number;
  atMs?: number;
  hour?: number;
  minute?: number;
  weekDay?: string;
  monthDay?: number;
  timeZone: string;
}

export class Trigger {
  /** One-off (after/at) triggers that have fired stay listed (disabled) until deleted. */
  fired = false;
  nextRunMs: number | null = null;
  lastRunMs: number | null = null;
  constructor(
    private readonly ctx: Ctx,
    readonly uid: string,
    readonly handler: string,
    readonly eventType: string,
    readonly source: string,
    readonly sourceId: string | null,
    readonly user: string,
    readonly schedule: Schedule | null,
    readonly createdMs: number,
  ) {}
  getHandlerFunction(): string {
    this.ctx.call('Trigger.getHandlerFunction', 'free');
    return this.handler;
  }
  getUniqueId(): string {
    this.ctx.call('Trigger.getUniqueId', 'free');
    return this.uid;
  }
  getEventType(): string {
    this.ctx.call('Trigger.getEventType', 'free');
    return this.eventType;
  }
  getTriggerSource(): string {
    this.ctx.call('Trigger.getTriggerSource', 'free');
    return this.source;
  }
  getTriggerSourceId(): string | null {
    this.ctx.call('Trigger.getTriggerSourceId', 'free');
    return this.sourceId;
  }
  toString(): string {
    return 'Trigger';
  }
}

export interface TriggerEnv {
  ctx: Ctx;
  ids: IdSource;
  addon: boolean;
  user: () => string;
  documentId: string;
  scriptTimeZone: string;
  triggers: Trigger[];
}

function nextRun(s: Schedule, fromMs: number, createdMs: number): number {
  switch (s.kind) {
    case 'after':
      return createdMs + s.n;
    case 'at':
      return s.atMs!;
    case 'minutes':
      return fromMs + s.n * 60_000;
    case 'hours':
      return fromMs + s.n * 3_600_000;
    default: {
      // days / weeks / monthDay: the next local time at hour:minute (default: the creation's time of day)
      const p = localParts(fromMs, s.timeZone);
      const hour = s.hour ?? p.hour;
      const minute = s.minute ?? (s.hour !== undefined ? 0 : p.minute);
      for (let add = 0; add < 400; add++) {
        const day = new Date(Date.UTC(p.year, p.month - 1, p.day + add));
        const cand = fromLocal(s.timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute).getTime();
        if (cand <= fromMs) continue;
        if (s.kind === 'weeks' && s.weekDay && WEEKDAYS[day.getUTCDay()] !== s.weekDay) continue;
        if (s.kind === 'monthDay' && day.getUTCDate() !== s.monthDay) continue;
        if (s.kind === 'days' && s.n > 1 && add % s.n !== 0 && add > 0) continue;
        return cand;
      }
      return fromMs + 86_400_000;
    }
  }
}

export class ClockTriggerBuilder {
  private schedule: Schedule | null = null;
  private tz: string;
  constructor(
    private readonly env: TriggerEnv,
    private readonly handler: string,
  ) {
    this.tz = env.scriptTimeZone;
  }
  private c(name: string): void {
    this.env.ctx.call(`ClockTriggerBuilder.${name}`, 'free', 0);
  }
  private set(kind: Schedule['kind'], n: number, extra: Partial<Schedule> = {}): this {
    this.schedule = { ...(this.schedule ?? {}), kind, n, timeZone: this.tz, ...extra } as Schedule;
    return this;
  }
  after(durationMilliseconds: number): this {
    this.c('after');
    return this.set('after', Math.max(0, Number(durationMilliseconds)));
  }
  at(date: Date): this {
    this.c('at');
    if (!isDate(date)) fail('Invalid argument: date');
    return this.set('at', 0, { atMs: date.getTime() });
  }
  atDate(year: number, month: number, day: number): this {
    this.c('atDate');
    return this.set('at', 0, { atMs: fromLocal(this.tz, year, month, day).getTime() });
  }
  everyMinutes(n: number): this {
    this.c('everyMinutes');
    if (this.env.addon) fail(SERVICE_MSG.addonHourly);
    if (![1, 5, 10, 15, 30].includes(n)) fail(SERVICE_MSG.everyMinutes);
    return this.set('minutes', n);
  }
  everyHours(n: number): this {
    this.c('everyHours');
    if (!Number.isInteger(n) || n < 1) fail(SERVICE_MSG.everyHours);
    return this.set('hours', n);
  }
  everyDays(n: number): this {
    this.c('everyDays');
    return this.set('days', Math.max(1, Math.floor(n)));
  }
  everyWeeks(n: number): this {
    this.c('everyWeeks');
    return this.set('weeks', Math.max(1, Math.floor(n)));
  }
  onMonthDay(day: number): this {
    this.c('onMonthDay');
    return this.set('monthDay', 1, { monthDay: day });
  }
  atHour(hour: number): this {
    this.c('atHour');
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) fail('Invalid argument: hour');
    if (this.schedule) this.schedule.hour = hour;
    else this.set('days', 1, { hour });
    return this;
  }
  nearMinute(minute: number): this {
    this.c('nearMinute');
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) fail('Invalid argument: minute');
    // Apps Script rounds to the nearest 15 minutes.
    const m = (Math.round(minute / 15) * 15) % 60;
    if (this.schedule) this.schedule.minute = m;
    return this;
  }
  onWeekDay(day: string | { toString(): string }): this {
    this.c('onWeekDay');
    const d = String(day);
    if (!WEEKDAYS.includes(d)) fail('Invalid argument: day');
    if (this.schedule) this.schedule.weekDay = d;
    else this.set('weeks', 1, { weekDay: d });
    return this;
  }
  inTimezone(tz: string): this {
    this.c('inTimezone');
    this.tz = String(tz);
    if (this.schedule) this.schedule.timeZone = this.tz;
    return this;
  }
  create(): Trigger {
    this.env.ctx.call('ClockTriggerBuilder.create', 'triggers');
    if (!this.schedule) fail('A time-based trigger needs a schedule: call after(), at(), everyHours()… before create().');
    return createTrigger(this.env, this.handler, EventType.CLOCK, TriggerSource.CLOCK, null, this.schedule);
  }
}

export class SpreadsheetTriggerBuilder {
  private event: string | null = null;
  constructor(
    private readonly env: TriggerEnv,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}
  private on(name: string, ev: string): this {
    this.env.ctx.call(`SpreadsheetTriggerBuilder.${name}`, 'free', 0);
    this.event = ev;
    return this;
  }
  onOpen(): this {
    return this.on('onOpen', EventType.ON_OPEN);
  }
  onEdit(): this {
    return this.on('onEdit', EventType.ON_EDIT);
  }
  onChange(): this {
    return this.on('onChange', EventType.ON_CHANGE);
  }
  onFormSubmit(): this {
    return this.on('onFormSubmit', EventType.ON_FORM_SUBMIT);
  }
  create(): Trigger {
    this.env.ctx.call('SpreadsheetTriggerBuilder.create', 'triggers');
    if (!this.event) fail('A spreadsheet trigger needs an event: call onOpen(), onEdit()… before create().');
    return createTrigger(this.env, this.handler, this.event, TriggerSource.SPREADSHEETS, this.sourceId, null);
  }
}

function createTrigger(env: TriggerEnv, handler: string, eventType: string, source: string, sourceId: string | null, schedule: Schedule | null): Trigger {
  const user = env.user();
  const mine = env.triggers.filter((t) => t.user === user);
  if (mine.length >= LIMITS.triggersPerUserPerScript) fail(SERVICE_MSG.tooManyTriggers);
  if (env.addon) {
    // Add-ons: one trigger of each type per user per document (time-driven is one type).
    const doc = sourceId ?? env.documentId;
    const clash = mine.some((t) => t.eventType === eventType && (t.sourceId ?? env.documentId) === doc);
    if (clash) fail(SERVICE_MSG.addonTriggerType(eventType === EventType.CLOCK ? 'time-based' : eventType.replace('ON_', '').toLowerCase().replace('_', ' ')));
    if (schedule && schedule.kind === 'hours' && schedule.n < 1) fail(SERVICE_MSG.addonHourly);
  }
  const now = env.ctx.clock.nowMs();
  const t = new Trigger(
    env.ctx,
    String(env.ids.next() * 7919 + 1_000_000),
    handler,
    eventType,
    source,
    eventType === EventType.CLOCK ? null : sourceId,
    user,
    schedule,
    now,
  );
  // Time-driven triggers in an add-on are bound to the document the add-on runs in.
  if (env.addon && eventType === EventType.CLOCK) (t as { sourceId: string | null }).sourceId = null;
  if (schedule) t.nextRunMs = nextRun(schedule, now, now);
  // A one-off after() fires no earlier than asked, at a time Apps Script chooses
  // (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer)).
  // In an Editor add-on, time-driven triggers run at most once per hour
  // (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions); the
  // stricter reading is modelled: an add-on's after() fires an hour after its creation at the
  // earliest, whatever it asked.
  if (env.addon && schedule && schedule.kind === 'after') t.nextRunMs = now + Math.max(schedule.n, 3_600_000);
  env.triggers.push(t);
  return t;
}

export class TriggerBuilder {
  constructor(
    private readonly env: TriggerEnv,
    private readonly handler: string,
  ) {}
  timeBased(): ClockTriggerBuilder {
    this.env.ctx.call('TriggerBuilder.timeBased', 'free', 0);
    return new ClockTriggerBuilder(this.env, this.handler);
  }
  forSpreadsheet(ss: { getId?: () => string } | string): SpreadsheetTriggerBuilder {
    this.env.ctx.call('TriggerBuilder.forSpreadsheet', 'free', 0);
    const id = typeof ss === 'string' ? ss : ((ss as { _id?: string })._id ?? this.env.documentId);
    return new SpreadsheetTriggerBuilder(this.env, this.handler, id);
  }
  forDocument(_documentOrKey?: unknown): never {
    return fail('forDocument is not emulated');
  }
}

export class ScriptAppService {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;
  constructor(private readonly env: TriggerEnv) {}
  newTrigger(functionName: string): TriggerBuilder {
    this.env.ctx.call('ScriptApp.newTrigger', 'triggers');
    if (typeof functionName !== 'string' || functionName === '') fail('Invalid argument: functionName');
    return new TriggerBuilder(this.env, functionName);
  }
  getProjectTriggers(): Trigger[] {
    this.env.ctx.call('ScriptApp.getProjectTriggers', 'triggers');
    const user = this.env.user();
    return this.env.triggers.filter((t) => t.user === user);
  }
  getUserTriggers(ss: { _id?: string }): Trigger[] {
    this.env.ctx.call('ScriptApp.getUserTriggers', 'triggers');
    const user = this.env.user();
    const id = ss?._id ?? this.env.documentId;
    return this.env.triggers.filter((t) => t.user === user && (t.sourceId === id || (t.sourceId === null && this.env.addon)));
  }
  deleteTrigger(trigger: Trigger): void {
    this.env.ctx.call('ScriptApp.deleteTrigger', 'triggers');
    const i = this.env.triggers.findIndex((t) => t === trigger || (trigger && t.uid === (trigger as Trigger).uid));
    if (i < 0) fail('Trigger not found.');
    this.env.triggers.splice(i, 1);
  }
  getAuthorizationInfo(_authMode?: string): { getAuthorizationStatus(): string; getAuthorizationUrl(): string | null } {
    this.env.ctx.call('ScriptApp.getAuthorizationInfo', 'free');
    return { getAuthorizationStatus: () => 'NOT_REQUIRED', getAuthorizationUrl: () => null };
  }
  getScriptId(): string {
    this.env.ctx.call('ScriptApp.getScriptId', 'free');
    return 'emulated-script-id';
  }
  getOAuthToken(): string {
    this.env.ctx.call('ScriptApp.getOAuthToken', 'document');
    return 'emulated-oauth-token';
  }
}

/** Time triggers due at `now`; recurrent ones move to their next run, one-off ones are marked fired. */
export function dueTriggers(env: TriggerEnv, nowMs: number): Trigger[] {
  const out: Trigger[] = [];
  for (const t of env.triggers) {
    if (!t.schedule || t.fired || t.nextRunMs === null || t.nextRunMs > nowMs) continue;
    out.push(t);
    t.lastRunMs = nowMs;
    if (t.schedule.kind === 'after' || t.schedule.kind === 'at') {
      t.fired = true;
      t.nextRunMs = null;
    } else {
      let next = nextRun(t.schedule, t.nextRunMs, t.createdMs);
      while (next <= nowMs) next = nextRun(t.schedule, next, t.createdMs);
      t.nextRunMs = next;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Session

export class SessionService {
  constructor(
    private readonly ctx: Ctx,
    private readonly opts: { user: () => string; activeUser: () => string; scriptTimeZone: string; locale: string },
  ) {}
  getActiveUser(): User {
    this.ctx.call('Session.getActiveUser', 'free');
    return new User(this.opts.activeUser());
  }
  getEffectiveUser(): User {
    this.ctx.call('Session.getEffectiveUser', 'free');
    return new User(this.opts.user());
  }
  getScriptTimeZone(): string {
    this.ctx.call('Session.getScriptTimeZone', 'free');
    return this.opts.scriptTimeZone;
  }
  getTimeZone(): string {
    this.ctx.call('Session.getTimeZone', 'free');
    return this.opts.scriptTimeZone;
  }
  /** The language code of the user's locale, e.g. 'vi' (documented as "for example, en"). */
  getActiveUserLocale(): string {
    this.ctx.call('Session.getActiveUserLocale', 'free');
    return this.opts.locale.split(/[_-]/)[0];
  }
  getTemporaryActiveUserKey(): string {
    this.ctx.call('Session.getTemporaryActiveUserKey', 'free');
    return createHash('sha256')
      .update(`key:${this.opts.activeUser()}`)
      .digest('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43);
  }
}

// ---------------------------------------------------------------------------------------------
// Utilities

/** Java bytes are signed (-128..127): Apps Script returns Byte[] that way. */
function toSigned(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
  return out;
}

function fromBytesOrString(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => ((Number(b) % 256) + 256) % 256));
  if (data && typeof (data as Blob).getBytes === 'function') return fromBytesOrString((data as Blob).getBytes());
  return Buffer.from(String(data), 'utf8');
}

export class Blob {
  constructor(
    private bytesBuf: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSigned(this.bytesBuf);
  }
  getDataAsString(charset?: string): string {
    return this.bytesBuf.toString(charset && /latin|8859/i.test(charset) ? 'latin1' : 'utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(t: string | null): this {
    this.contentType = t;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(n: string): this {
    this.name = n;
    return this;
  }
  setDataFromString(s: string, charset?: string): this {
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) throw new Error(`emulator: charset ${charset} is not emulated (UTF-8 only)`);
    this.bytesBuf = Buffer.from(s, 'utf8');
    return this;
  }
  copyBlob(): Blob {
    return new Blob(Buffer.from(this.bytesBuf), this.contentType, this.name);
  }
  getAs(contentType: string): Blob {
    return new Blob(Buffer.from(this.bytesBuf), contentType, this.name);
  }
  isGoogleType(): boolean {
    return false;
  }
}

export class UtilitiesService {
  readonly Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
  readonly DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' } as const;
  constructor(
    private readonly ctx: Ctx,
    private readonly ids: IdSource,
  ) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    this.ctx.call('Utilities.formatDate', 'free', 0);
    if (!isDate(date)) fail(`The parameters (${typeof date},String,String) don't match the method signature for Utilities.formatDate.`);
    return formatDatePattern(date, String(timeZone), String(format));
  }
  formatString(template: string, ...args: unknown[]): string {
    this.ctx.call('Utilities.formatString', 'free', 0);
    let i = 0;
    return String(template).replace(/%(-?\d*)(?:\.(\d+))?([sdif%])/g, (_m, _w, prec, conv) => {
      if (conv === '%') return '%';
      const v = args[i++];
      if (conv === 'd' || conv === 'i') return String(Math.trunc(Number(v)));
      if (conv === 'f') return Number(v).toFixed(prec === undefined ? 6 : Number(prec));
      return String(v);
    });
  }
  /** Advances the simulated clock; the documented maximum is 5 minutes. */
  sleep(milliseconds: number): void {
    this.ctx.call('Utilities.sleep', 'free', 0);
    const ms = Number(milliseconds);
    if (!(ms >= 0) || ms > LIMITS.sleepMaxMs) fail(SERVICE_MSG.sleepTooLong);
    this.ctx.clock.advance(ms);
  }
  getUuid(): string {
    this.ctx.call('Utilities.getUuid', 'free', 0);
    const h = this.ids.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  base64Encode(data: unknown, _charset?: unknown): string {
    this.ctx.call('Utilities.base64Encode', 'free', 0);
    return fromBytesOrString(data).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, _charset?: unknown): string {
    this.ctx.call('Utilities.base64EncodeWebSafe', 'free', 0);
    return fromBytesOrString(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: unknown): number[] {
    this.ctx.call('Utilities.base64Decode', 'free', 0);
    return toSigned(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
    this.ctx.call('Utilities.base64DecodeWebSafe', 'free', 0);
    return toSigned(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  computeDigest(algorithm: string | { toString(): string }, value: unknown, _charset?: unknown): number[] {
    this.ctx.call('Utilities.computeDigest', 'free', 0);
    const algo = ({ MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' } as Record<string, string>)[String(algorithm)];
    if (!algo) fail('Invalid argument: algorithm');
    return toSigned(createHash(algo).update(fromBytesOrString(value)).digest());
  }
  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    this.ctx.call('Utilities.newBlob', 'free', 0);
    return new Blob(fromBytesOrString(data), contentType ?? null, name ?? null);
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    this.ctx.call('Utilities.parseCsv', 'free', 0);
    const rows: string[][] = [];
    let row: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i];
      if (q) {
        if (ch === '"' && csv[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === delimiter) {
        row.push(cur);
        cur = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && csv[i + 1] === '\n') i++;
        row.push(cur);
        rows.push(row);
        row = [];
        cur = '';
      } else cur += ch;
    }
    if (cur !== '' || row.length) {
      row.push(cur);
      rows.push(row);
    }
    return rows;
  }
}

// ---------------------------------------------------------------------------------------------
// MailApp

export interface SentMail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  replyTo?: string;
  name?: string;
  noReply?: boolean;
  recipients: string[];
  at: Date;
}

export type MailFailure = 'quota' | 'transient' | 'invalid';

export class MailBox {
  readonly sent: SentMail[] = [];
  /** Recipient counts with their time (rolling 24 h window). */
  readonly usage: Array<{ at: number; n: number }> = [];
  private failures: MailFailure[] = [];
  private predicates: Array<(m: SentMail) => MailFailure | boolean | Error | undefined | null> = [];
  constructor(public quota: number) {}
  /** The next n sends throw (nothing is sent). */
  failNext(n: number, kind: MailFailure = 'transient'): void {
    for (let i = 0; i < n; i++) this.failures.push(kind);
  }
  /** Sends the predicate picks throw: return a kind, true (transient), or an Error to throw. */
  failWhen(predicate: (m: SentMail) => MailFailure | boolean | Error | undefined | null): void {
    this.predicates.push(predicate);
  }
  clearFailures(): void {
    this.failures = [];
    this.predicates = [];
  }
  used(nowMs: number): number {
    let n = 0;
    for (const u of this.usage) if (u.at > nowMs - 86_400_000) n += u.n;
    return n;
  }
  remaining(nowMs: number): number {
    return Math.max(0, this.quota - this.used(nowMs));
  }
  /** @internal */
  injected(m: SentMail): MailFailure | Error | null {
    const f = this.failures.shift();
    if (f) return f;
    for (const p of this.predicates) {
      const r = p(m);
      if (r === true) return 'transient';
      if (r) return r as MailFailure | Error;
    }
    return null;
  }
}

const EMAIL_RE = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function splitAddresses(s: unknown): string[] {
  if (s === undefined || s === null) return [];
  return String(s)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map((x) => {
      const m = /<([^>]+)>\s*$/.exec(x);
      return m ? m[1].trim() : x;
    });
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  replyTo?: string;
  name?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

export class MailAppService {
  constructor(
    private readonly ctx: Ctx,
    private readonly box: MailBox,
  ) {}
  getRemainingDailyQuota(): number {
    this.ctx.call('MailApp.getRemainingDailyQuota', 'mail');
    return this.box.remaining(this.ctx.clock.nowMs());
  }
  /**
   * sendEmail(message), sendEmail(recipient, subject, body), sendEmail(recipient, subject, body,
   * options), sendEmail(to, replyTo, subject, body).
   */
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.ctx.call('MailApp.sendEmail', 'mail', this.ctx.costs.sendEmailMs);
    let m: MailOptions;
    if (a && typeof a === 'object') m = { ...(a as MailOptions) };
    else if (typeof d === 'string') m = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    else m = { ...((d as MailOptions) ?? {}), to: String(a), subject: b === undefined ? '' : String(b), body: c === undefined ? '' : String(c) };
    const to = splitAddresses(m.to);
    const cc = splitAddresses(m.cc);
    const bcc = splitAddresses(m.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) fail(SERVICE_MSG.noRecipient);
    for (const addr of [...all, ...splitAddresses(m.replyTo)]) if (!EMAIL_RE.test(addr)) fail(SERVICE_MSG.invalidEmail(addr));
    if (all.length > LIMITS.recipientsPerMessage) fail(SERVICE_MSG.tooManyRecipients);
    if (bytes(String(m.body ?? '')) + bytes(String(m.htmlBody ?? '')) > LIMITS.bodyBytes) fail(SERVICE_MSG.bodyTooLarge);
    const now = this.ctx.clock.nowMs();
    const mail: SentMail = {
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject: String(m.subject ?? ''),
      body: String(m.body ?? ''),
      htmlBody: m.htmlBody === undefined ? undefined : String(m.htmlBody),
      replyTo: m.replyTo === undefined ? undefined : String(m.replyTo),
      name: m.name === undefined ? undefined : String(m.name),
      noReply: m.noReply,
      recipients: all,
      at: new Date(now),
    };
    const injected = this.box.injected(mail);
    if (injected) {
      if (typeof injected === 'object') throw injected;
      if (injected === 'quota') fail(SERVICE_MSG.mailQuota);
      if (injected === 'invalid') fail(SERVICE_MSG.invalidEmail(all[0]));
      fail(SERVICE_MSG.mailTransient);
    }
    if (this.box.remaining(now) < all.length) fail(SERVICE_MSG.mailQuota);
    this.box.usage.push({ at: now, n: all.length });
    this.box.sent.push(mail);
  }
}

// ---------------------------------------------------------------------------------------------
// HtmlService and the Ui

export class HtmlOutput {
  title = '';
  width = 0;
  height = 0;
  sandbox: string | null = null;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(c: string): this {
    this.content = String(c);
    return this;
  }
  append(s: string): this {
    this.content += String(s);
    return this;
  }
  appendUntrusted(s: string): this {
    this.content += escapeHtml(String(s));
    return this;
  }
  setTitle(t: string): this {
    this.title = String(t);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(w: number): this {
    this.width = w;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(h: number): this {
    this.height = h;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setSandboxMode(m: string | { toString(): string }): this {
    this.sandbox = String(m);
    return this;
  }
  setXFrameOptionsMode(_m: unknown): this {
    return this;
  }
  addMetaTag(_n: string, _c: string): this {
    return this;
  }
  setFaviconUrl(_u: string): this {
    return this;
  }
  getAs(_t: string): Blob {
    return new Blob(Buffer.from(this.content, 'utf8'), 'text/html', this.title || null);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export class HtmlTemplate {
  [key: string]: unknown;
  constructor(
    private readonly source: string,
    private readonly globalsFor: () => Record<string, unknown>,
  ) {}
  getCode(): string {
    return compileTemplate(this.source);
  }
  getRawContent(): string {
    return this.source;
  }
  /** Evaluates `<?= ?>` (escaped), `<?!= ?>` (raw) and `<? ?>` (code) with the template's properties in scope. */
  evaluate(): HtmlOutput {
    const scope: Record<string, unknown> = { ...this.globalsFor() };
    for (const k of Object.keys(this)) if (k !== 'source' && k !== 'globalsFor') scope[k] = this[k];
    const code = compileTemplate(this.source);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- Apps Script evaluates the template's scriptlets
    const fn = new Function('__scope', '__esc', `with (__scope) { var __out = ''; ${code}; return __out; }`);
    return new HtmlOutput(fn(scope, (v: unknown) => escapeHtml(v === undefined || v === null ? '' : String(v))) as string);
  }
}

function compileTemplate(src: string): string {
  let code = '';
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('<?', i);
    if (open < 0) {
      code += `__out += ${JSON.stringify(src.slice(i))};\n`;
      break;
    }
    code += `__out += ${JSON.stringify(src.slice(i, open))};\n`;
    const close = src.indexOf('?>', open);
    if (close < 0) fail('Unterminated scriptlet in template');
    let inner = src.slice(open + 2, close);
    if (inner.startsWith('!=')) code += `__out += String((${inner.slice(2)}) ?? '');\n`;
    else if (inner.startsWith('=')) code += `__out += __esc(${inner.slice(1)});\n`;
    else {
      inner = inner.replace(/^php/, '');
      code += `${inner}\n`;
    }
    i = close + 2;
  }
  return code;
}

/** HtmlService takes a string or a BlobSource (its text, UTF-8). */
function textOf(x: string | Blob): string {
  return typeof x === 'string' ? x : x instanceof Blob ? x.getDataAsString() : String(x);
}

export class HtmlServiceImpl {
  readonly SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;
  constructor(
    private readonly ctx: Ctx,
    private readonly files: Record<string, string>,
    private readonly templateGlobals: () => Record<string, unknown>,
  ) {}
  private file(name: string): string {
    const n = String(name);
    const src = this.files[n] ?? this.files[`${n}.html`] ?? this.files[n.replace(/\.html$/, '')];
    if (src === undefined) fail(SERVICE_MSG.fileNotFound(n));
    return src;
  }
  createHtmlOutput(html?: string | Blob): HtmlOutput {
    this.ctx.call('HtmlService.createHtmlOutput', 'free', 0);
    return new HtmlOutput(html === undefined ? '' : textOf(html));
  }
  createHtmlOutputFromFile(name: string): HtmlOutput {
    this.ctx.call('HtmlService.createHtmlOutputFromFile', 'free', 0);
    return new HtmlOutput(this.file(name));
  }
  createTemplate(html: string | Blob): HtmlTemplate {
    this.ctx.call('HtmlService.createTemplate', 'free', 0);
    return new HtmlTemplate(textOf(html), this.templateGlobals);
  }
  createTemplateFromFile(name: string): HtmlTemplate {
    this.ctx.call('HtmlService.createTemplateFromFile', 'free', 0);
    return new HtmlTemplate(this.file(name), this.templateGlobals);
  }
}

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

export interface MenuRecord {
  title: string;
  addon: boolean;
  items: Array<{ caption: string; functionName: string } | { separator: true } | { subMenu: MenuRecord }>;
}

export interface UiLog {
  menus: MenuRecord[];
  toasts: Array<{ message: string; title: string; timeoutSeconds: number; at: Date }>;
  alerts: Array<{ title: string; prompt: string; buttons: string; response: string }>;
  prompts: Array<{ title: string; prompt: string; buttons: string; response: string; text: string }>;
  dialogs: Array<{ kind: 'sidebar' | 'modal' | 'modeless'; title: string; html: string; width: number; height: number }>;
  alertResponses: string[];
  promptResponses: Array<{ text: string; button: string }>;
}

export class Menu {
  readonly record: MenuRecord;
  constructor(
    private readonly ctx: Ctx,
    private readonly log: UiLog,
    title: string,
    addon: boolean,
  ) {
    this.record = { title, addon, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    this.ctx.call('Menu.addItem', 'ui', 0);
    this.record.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this.ctx.call('Menu.addSeparator', 'ui', 0);
    this.record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): this {
    this.ctx.call('Menu.addSubMenu', 'ui', 0);
    this.record.items.push({ subMenu: menu.record });
    return this;
  }
  addToUi(): void {
    this.ctx.call('Menu.addToUi', 'ui');
    const i = this.log.menus.findIndex((m) => m.title === this.record.title && m.addon === this.record.addon);
    if (i >= 0) this.log.menus.splice(i, 1, this.record);
    else this.log.menus.push(this.record);
  }
}

function defaultAnswer(buttons: string): string {
  if (buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL) return Button.YES;
  return Button.OK;
}

export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

export class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    private readonly ctx: Ctx,
    private readonly log: UiLog,
    private readonly addonTitle: string,
  ) {}
  private c(name: string): void {
    this.ctx.call(`Ui.${name}`, 'ui');
  }
  createMenu(caption: string): Menu {
    this.c('createMenu');
    return new Menu(this.ctx, this.log, String(caption), false);
  }
  createAddonMenu(): Menu {
    this.c('createAddonMenu');
    return new Menu(this.ctx, this.log, this.addonTitle, true);
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
  alert(a: string, b?: string | { toString(): string }, c?: string | { toString(): string }): string {
    this.c('alert');
    let title = '';
    let prompt = String(a);
    let buttons: string = ButtonSet.OK;
    if (c !== undefined) {
      title = String(a);
      prompt = String(b);
      buttons = String(c);
    } else if (b !== undefined) buttons = String(b);
    const response = this.log.alertResponses.shift() ?? defaultAnswer(buttons);
    this.log.alerts.push({ title, prompt, buttons, response });
    return response;
  }
  /** prompt(prompt), prompt(prompt, buttons), prompt(title, prompt, buttons). */
  prompt(a: string, b?: string | { toString(): string }, c?: string | { toString(): string }): PromptResponse {
    this.c('prompt');
    let title = '';
    let prompt = String(a);
    let buttons: string = ButtonSet.OK;
    if (c !== undefined) {
      title = String(a);
      prompt = String(b);
      buttons = String(c);
    } else if (b !== undefined) buttons = String(b);
    const r = this.log.promptResponses.shift() ?? { text: '', button: defaultAnswer(buttons) };
    this.log.prompts.push({ title, prompt, buttons, response: r.button, text: r.text });
    return new PromptResponse(r.text, r.button);
  }
  private show(kind: 'sidebar' | 'modal' | 'modeless', out: HtmlOutput, title?: string): void {
    const html = out && typeof out.getContent === 'function' ? out.getContent() : String(out);
    this.log.dialogs.push({
      kind,
      title: title ?? (out as HtmlOutput).title ?? '',
      html,
      width: (out as HtmlOutput).width ?? 0,
      height: (out as HtmlOutput).height ?? 0,
    });
  }
  showSidebar(out: HtmlOutput): void {
    this.c('showSidebar');
    this.show('sidebar', out);
  }
  showModalDialog(out: HtmlOutput, title: string): void {
    this.c('showModalDialog');
    this.show('modal', out, String(title));
  }
  showModelessDialog(out: HtmlOutput, title: string): void {
    this.c('showModelessDialog');
    this.show('modeless', out, String(title));
  }
}

// ---------------------------------------------------------------------------------------------
// Logger and console

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  source: 'Logger' | 'console';
  message: string;
  at: Date;
}

function fmtArg(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isDate(v)) return (v as Date).toString();
  if (v instanceof Error || (v && typeof v === 'object' && 'message' in (v as object) && 'stack' in (v as object)))
    return String((v as Error).stack ?? (v as Error).message);
  try {
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

function formatLog(args: unknown[]): string {
  if (typeof args[0] === 'string' && /%[sdifoO]/.test(args[0]) && args.length > 1) {
    let i = 1;
    const head = (args[0] as string).replace(/%([sdifoO])/g, (m) => (i < args.length ? fmtArg(args[i++]) : m));
    return [head, ...args.slice(i).map(fmtArg)].join(' ');
  }
  return args.map(fmtArg).join(' ');
}

export class LoggerImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly logs: LogEntry[],
  ) {}
  log(...args: unknown[]): this {
    this.ctx.call('Logger.log', 'free', 0);
    this.logs.push({ level: 'log', source: 'Logger', message: formatLog(args), at: this.ctx.clock.now() });
    return this;
  }
  getLog(): string {
    return this.logs
      .filter((l) => l.source === 'Logger')
      .map((l) => l.message)
      .join('\n');
  }
  clear(): void {
    for (let i = this.logs.length - 1; i >= 0; i--) if (this.logs[i].source === 'Logger') this.logs.splice(i, 1);
  }
}

export function makeConsole(ctx: Ctx, logs: LogEntry[]): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug' | 'time' | 'timeEnd'> {
  const at = () => ctx.clock.now();
  const timers = new Map<string, number>();
  const put =
    (level: LogEntry['level']) =>
    (...args: unknown[]) => {
      logs.push({ level, source: 'console', message: formatLog(args), at: at() });
    };
  return {
    log: put('log'),
    info: put('info'),
    warn: put('warn'),
    error: put('error'),
    debug: put('debug'),
    time: (label = 'default') => {
      timers.set(label, ctx.clock.nowMs());
    },
    timeEnd: (label = 'default') => {
      const t = timers.get(label);
      if (t !== undefined) logs.push({ level: 'log', source: 'console', message: `${label}: ${ctx.clock.nowMs() - t}ms`, at: at() });
      timers.delete(label);
    },
  };
}
