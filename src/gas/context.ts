/**
 * The document a run works on, and the services tied to it, in ONE place (issue 11 §2).
 *
 * Two deployments (docs/sheets-addon.md, "Trigger contexts"):
 *
 * - container-bound script: every execution, time triggers included, runs in the context of its
 *   spreadsheet: SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(),
 *   LockService.getDocumentLock() and CacheService.getDocumentCache() all work;
 * - Editor add-on: a time-driven trigger may run without a containing document. The reference
 *   pages of getDocumentLock, getDocumentCache and getDocumentProperties say they return null
 *   outside the context of a containing document, and nothing documents an active spreadsheet in
 *   an add-on's time trigger, so we take the stricter reading: all four may be null there.
 *
 * So a trigger run finds its spreadsheet by id: when the menu creates a trigger (the hourly
 * schedule, a continuation), `rememberTriggerDocument` stores trigger uid → spreadsheet id in the
 * creator's user properties (an installable trigger runs as its creator, and its event carries
 * `triggerUid`); the run opens it with SpreadsheetApp.openById (scope `spreadsheets`, hence the
 * add-on's own manifest, build-addon/). Without the document services:
 *
 * - lock: every run takes the document lock (when there is one) AND the document's lease, a
 *   property in the document's store taken and released under the script lock held for a few
 *   calls (runLock); a run without a document takes the lease alone. A menu run and a trigger run
 *   of the same document therefore still exclude each other (the send log's "never twice" relies
 *   on it), while runs on other spreadsheets of the same add-on do not wait for each other. A run
 *   killed at the 6-minute limit leaves its lease, which expires 7 minutes after it was taken;
 * - document properties: a store in the script properties, its keys prefixed with the
 *   spreadsheet id (script properties are shared by every user of the script, like document
 *   properties by every user of the document; user properties would hide the schedule record from
 *   the account a schedule is handed over to). The checkpoint of a long run always lives there
 *   (`state`), whoever made it, so a continuation finds it with or without the document (in a
 *   bound script the script properties belong to that one spreadsheet anyway). The schedule record
 *   is written to both stores at install; the last run is written where the run can and read
 *   from both;
 * - document cache (the instant checks' index): none; onEdit reads what it needs (slower), and
 *   the next run with a document refreshes the cache;
 * - CCCD-fix undo: menu only, never needed by a trigger.
 *
 * A trigger run that cannot open its spreadsheet records why (`recordTriggerFailure`, user
 * properties); the next run of this user that reaches a spreadsheet (a trigger run, or turning the
 * schedule on from the menu) writes it to that spreadsheet's `Nhật ký gửi thư` as a failed run,
 * which the weekly digest lists.
 */
import { nowMs } from './env';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;
type Lock = GoogleAppsScript.Lock.Lock;
type Cache = GoogleAppsScript.Cache.Cache;

/** User property prefix: trigger uid → spreadsheet id. */
export const TRIGGER_DOC_PREFIX = 'bdhvs.triggerDoc.';
/** User property: trigger runs that could not reach their spreadsheet, not yet logged. */
export const FAILED_RUNS_PROP = 'bdhvs.failedRuns';
/** Script property prefix of a document's state when its document properties are out of reach. */
export const DOC_STORE_PREFIX = 'bdhvs.doc.';
/** Failed runs kept at most while waiting to be logged. */
const MAX_FAILED_RUNS = 20;

export interface DocumentContext {
  ss: Spreadsheet;
  /** The document properties, or the document's store in the script properties (`byId`). */
  props: Properties;
  /** The document's store in the script properties, reachable from every context (the checkpoint). */
  state: Properties;
  /** Document lock + the document's lease (the lease alone without a document). */
  lock: Lock;
  /** null without a containing document. */
  cache: Cache | null;
  /** Opened with openById: no containing document. */
  byId: boolean;
}

/** The event fields we use (time-driven events carry `triggerUid`). */
export interface TriggerEvent {
  triggerUid?: string;
}

export type OpenResult = { ok: true; doc: DocumentContext } | { ok: false; why: TriggerFailureWhy; ssId: string; detail?: string };

export type TriggerFailureWhy = 'noTrigger' | 'noStoredId' | 'openFailed';

let current: DocumentContext | null = null;

function tryGet<T>(f: () => T | null | undefined): T | null {
  try {
    return f() ?? null;
  } catch (_e) {
    return null;
  }
}

/** A Properties-shaped view of the script properties restricted to keys prefixed by the spreadsheet id. */
export function documentStore(ssId: string): Properties {
  const prefix = `${DOC_STORE_PREFIX}${ssId}.`;
  const script = () => PropertiesService.getScriptProperties();
  const store = {
    getProperty: (key: string) => script().getProperty(prefix + key),
    setProperty: (key: string, value: string) => {
      script().setProperty(prefix + key, value);
      return store;
    },
    deleteProperty: (key: string) => {
      script().deleteProperty(prefix + key);
      return store;
    },
  };
  return store as unknown as Properties;
}

/** The document's store: which run holds the document, and until when (`{ token, until }`). */
export const LEASE_PROP = 'bdhvs.lease';
/**
 * A lease outlives the 6-minute execution limit by a margin: a run killed without releasing it
 * (Apps Script runs no `finally` past the limit) frees the document at most this long after.
 */
export const LEASE_MS = 7 * 60_000;
/** How long a run waits for the script lock that guards the lease (held for a few calls only). */
const GUARD_WAIT_MS = 10_000;
const POLL_MS = 500;

interface Lease {
  token: string;
  until: number;
}

function readLease(store: Properties): Lease | null {
  try {
    const l = JSON.parse(store.getProperty(LEASE_PROP) || 'null') as Lease | null;
    return l && typeof l.token === 'string' && typeof l.until === 'number' ? l : null;
  } catch (_e) {
    return null;
  }
}

/**
 * The run lock of one spreadsheet: its document lock (when there is one) and a lease in the
 * spreadsheet's store in the script properties, which a trigger run without a document can take
 * too. The lease is read and written under the script lock, held only for those few calls: in an
 * add-on the script lock is one for every user and every spreadsheet of the add-on, so holding it
 * for a whole run would make one province's Tổng hợp block every other province's runs.
 */
function runLock(documentLock: Lock | null, store: Properties): Lock {
  let token = '';
  let docHeld = false;
  const take = (waitMs: number): boolean => {
    const guard = LockService.getScriptLock();
    if (!guard.tryLock(Math.max(0, Math.min(waitMs, GUARD_WAIT_MS)))) return false;
    try {
      const cur = readLease(store);
      if (cur && cur.until > nowMs() && cur.token !== token) return false;
      if (!token) token = Utilities.getUuid();
      store.setProperty(LEASE_PROP, JSON.stringify({ token, until: nowMs() + LEASE_MS }));
      return true;
    } finally {
      guard.releaseLock();
    }
  };
  const lock = {
    tryLock: (ms: number) => {
      const start = nowMs();
      if (documentLock) {
        if (!documentLock.tryLock(ms)) return false;
        docHeld = true;
      }
      for (;;) {
        const left = ms - (nowMs() - start);
        if (take(left)) return true;
        if (ms - (nowMs() - start) <= 0) break;
        Utilities.sleep(Math.max(1, Math.min(POLL_MS, ms - (nowMs() - start))));
      }
      token = '';
      if (documentLock && docHeld) {
        docHeld = false;
        documentLock.releaseLock();
      }
      return false;
    },
    hasLock: () => token !== '',
    releaseLock: () => {
      try {
        if (token) {
          const guard = LockService.getScriptLock();
          if (guard.tryLock(GUARD_WAIT_MS)) {
            try {
              const cur = readLease(store);
              if (cur && cur.token === token) store.deleteProperty(LEASE_PROP);
            } finally {
              guard.releaseLock();
            }
          }
          // else: the lease expires by itself (LEASE_MS)
        }
      } finally {
        token = '';
        if (documentLock && docHeld) {
          docHeld = false;
          documentLock.releaseLock();
        }
      }
    },
  };
  return lock as unknown as Lock;
}

function fromActive(ss: Spreadsheet): DocumentContext {
  const props = tryGet(() => PropertiesService.getDocumentProperties());
  const state = documentStore(ss.getId());
  return {
    ss,
    props: props ?? state,
    state,
    lock: runLock(
      tryGet(() => LockService.getDocumentLock()),
      state,
    ),
    cache: tryGet(() => CacheService.getDocumentCache()),
    byId: false,
  };
}

/**
 * The run's document: the active spreadsheet when there is one; else, for a trigger run, the
 * spreadsheet stored for its trigger uid, opened by id. Never throws.
 */
export function openDocument(e?: TriggerEvent): OpenResult {
  const active = tryGet(() => SpreadsheetApp.getActiveSpreadsheet());
  if (active) return { ok: true, doc: fromActive(active) };
  const uid = e && e.triggerUid ? String(e.triggerUid) : '';
  if (!uid) return { ok: false, why: 'noTrigger', ssId: '' };
  const id = tryGet(() => PropertiesService.getUserProperties().getProperty(TRIGGER_DOC_PREFIX + uid)) ?? '';
  if (!id) return { ok: false, why: 'noStoredId', ssId: '' };
  let ss: Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(id);
  } catch (err) {
    return { ok: false, why: 'openFailed', ssId: id, detail: err instanceof Error ? err.message : String(err) };
  }
  const state = documentStore(id);
  return { ok: true, doc: { ss, props: state, state, lock: runLock(null, state), cache: null, byId: true } };
}

/** Run fn with `doc` as the current document (what currentDocument() and documentProperties() give). */
export function withDocument<T>(doc: DocumentContext, fn: (doc: DocumentContext) => T): T {
  const previous = current;
  current = doc;
  try {
    return fn(doc);
  } finally {
    current = previous;
  }
}

/** The current run's document: the one set by withDocument, else the active spreadsheet's. */
export function currentDocument(): DocumentContext {
  if (current) return current;
  return fromActive(SpreadsheetApp.getActiveSpreadsheet());
}

/** The current document's properties (document properties, or its script-properties store). */
export function documentProperties(): Properties {
  return current ? current.props : PropertiesService.getDocumentProperties();
}

// ---------------------------------------------------------------------------------------------
// Trigger uid → spreadsheet id

/** Remember which spreadsheet the trigger `uid` (created now, by this user) works on. */
export function rememberTriggerDocument(uid: string, ssId: string): void {
  PropertiesService.getUserProperties().setProperty(TRIGGER_DOC_PREFIX + uid, ssId);
}

export function forgetTriggerDocument(uid: string): void {
  try {
    PropertiesService.getUserProperties().deleteProperty(TRIGGER_DOC_PREFIX + uid);
  } catch (_e) {
    // a stale entry only costs a few bytes
  }
}

// ---------------------------------------------------------------------------------------------
// Runs that could not reach their spreadsheet

export interface TriggerFailure {
  /** ISO time of the run. */
  at: string;
  /** The spreadsheet id when known ('' when the trigger had none stored). */
  ss: string;
  /** The Vietnamese explanation (what happened, how to fix). */
  message: string;
}

function readFailures(): TriggerFailure[] {
  const json = tryGet(() => PropertiesService.getUserProperties().getProperty(FAILED_RUNS_PROP));
  if (!json) return [];
  try {
    const list = JSON.parse(json) as TriggerFailure[];
    return Array.isArray(list) ? list : [];
  } catch (_e) {
    return [];
  }
}

/** Keep a failed run for the next run that reaches the spreadsheet (user properties: the next run is this user's). */
export function recordTriggerFailure(failure: TriggerFailure): void {
  try {
    const list = readFailures().concat(failure).slice(-MAX_FAILED_RUNS);
    PropertiesService.getUserProperties().setProperty(FAILED_RUNS_PROP, JSON.stringify(list));
  } catch (_e) {
    // nothing else can hold it: the result of the run still says it failed
  }
}

/**
 * The failed runs not yet logged, removed from the store: the caller writes them to the log of the
 * spreadsheet it reached (this user's triggers failed; whichever of their spreadsheets is reached
 * next tells the user, each message naming what could not be opened).
 */
export function takeTriggerFailures(): TriggerFailure[] {
  const list = readFailures();
  if (!list.length) return [];
  try {
    PropertiesService.getUserProperties().deleteProperty(FAILED_RUNS_PROP);
  } catch (_e) {
    return [];
  }
  return list;
}
