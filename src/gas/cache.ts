/**
 * What a full run leaves in the document cache for the instant checks of onEdit, which must fit a
 * 30-second simple trigger and a handful of reads:
 *
 * - the `Đơn vị` registry values (one small JSON value), so an edit does not read that sheet;
 * - an index of the CCCDs of every learner sheet, to catch a duplicate of a CCCD on an *earlier*
 *   sheet without reading those sheets. The index holds no CCCD: each entry is a 48-bit salted hash
 *   of the 12 digits with the sheet and row of its first occurrence, in buckets of at most ~90 KB
 *   (CacheService: 100 KB per value, 1,000 values, 6 hours at most). On an edit, the hashes of the
 *   edited CCCDs pick the buckets to fetch (one getAll), and a hit is handed to the core as "this
 *   CCCD occurs first at sheet S, row R" so the core writes its usual duplicate message.
 *
 * Limits (docs/sheets-addon.md): the index is as old as the last full run (6 hours at most, then
 * it expires); it is skipped above MAX_BUCKETS buckets (~2 million CCCDs); a hash collision could
 * report a false duplicate with probability ~ edited × indexed / 2^48 (1e-6 for a 1,000-row paste
 * against 300,000 CCCDs), which the next "Kiểm tra dữ liệu" corrects.
 */
import { type Cell, type PriorCccds, type Snapshot, type TableInfo, parseCccd, utf8Length } from '../core';
import { CACHE } from './names';

type Cache = GoogleAppsScript.Cache.Cache;

export const CACHE_SECONDS = 21600;
/**
 * Largest value we put, in UTF-8 bytes: CacheService refuses values over 100 KB
 * (https://developers.google.com/apps-script/reference/cache/cache: "The maximum length of a
 * value is 100KB"), counted in bytes; Vietnamese text is 2–3 bytes a character.
 */
export const MAX_VALUE_BYTES = 90_000;
export const ENTRIES_PER_BUCKET = 4_500;
export const MAX_BUCKETS = 450;
const PUT_BATCH = 40;

export function documentCache(): Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch (_e) {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Registry

export function cacheRegistry(cache: Cache, values: Cell[][] | null): void {
  if (!values) {
    bestEffort(() => cache.remove(CACHE.registry));
    return;
  }
  const json = JSON.stringify(values);
  bestEffort(() => {
    if (utf8Length(json) <= MAX_VALUE_BYTES) cache.put(CACHE.registry, json, CACHE_SECONDS);
    else cache.remove(CACHE.registry);
  });
}

/**
 * A cache write that may fail (a quota, a service error) without stopping what called it: the
 * cache only saves reads, and an edit check must never be lost to it.
 */
function bestEffort(write: () => void): void {
  try {
    write();
  } catch (_e) {
    /* the next full run fills the cache again */
  }
}

export function cachedRegistry(cache: Cache): Cell[][] | null {
  const json = cache.get(CACHE.registry);
  if (!json) return null;
  try {
    return JSON.parse(json) as Cell[][];
  } catch (_e) {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// CCCD index

export interface IndexMeta {
  /** Generation: bucket keys of one build. */
  g: string;
  /** Salt of the hash. */
  s: number;
  /** Number of buckets. */
  b: number;
  /** Learner sheets in workbook order. */
  sheets: string[];
  /** Distinct CCCDs indexed. */
  n: number;
}

/** 48-bit hash of a text (two 32-bit multiplicative lanes), as [high 16 bits, low 32 bits]. */
function hash48(s: string, salt: number): [number, number] {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [(h2 >>> 0) & 0xffff, h1 >>> 0];
}

function entryKey(hi: number, lo: number): string {
  return hi.toString(36) + '.' + lo.toString(36);
}

/** The 12 digits of a CCCD cell usable for duplicates, or null. */
function cccdDigits(cell: Cell): string | null {
  const p = parseCccd(cell);
  return p.kind === 'ok' || p.kind === 'numeric' ? p.digits : null;
}

export interface BuiltIndex {
  meta: IndexMeta;
  buckets: Record<string, string>;
}

/** Build the index from a full run's snapshot and learner tables (first occurrence of each CCCD). */
export function buildCccdIndex(snapshot: Snapshot, tables: TableInfo[], salt: number, generation: string): BuiltIndex | null {
  const learners = tables.filter((t) => t.kind === 'learners' && t.columns.cccd !== undefined);
  const byName = new Map(snapshot.sheets.map((s) => [s.name, s.values]));
  const seen = new Set<string>();
  const entries: { hi: number; lo: number; text: string }[] = [];
  learners.forEach((t, sheetIdx) => {
    const values = byName.get(t.sheet);
    if (!values) return;
    const col = t.columns.cccd;
    for (let r = t.headerRow; r < values.length; r++) {
      const digits = cccdDigits(values[r][col]);
      if (!digits) continue;
      const [hi, lo] = hash48(digits, salt);
      const key = entryKey(hi, lo);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ hi, lo, text: `${key},${sheetIdx.toString(36)},${(r + 1).toString(36)}` });
    }
  });
  const b = Math.max(1, Math.ceil(entries.length / ENTRIES_PER_BUCKET));
  if (b > MAX_BUCKETS) return null;
  const parts: string[][] = Array.from({ length: b }, () => []);
  for (const e of entries) parts[e.lo % b].push(e.text);
  const buckets: Record<string, string> = {};
  parts.forEach((p, i) => {
    if (p.length) buckets[CACHE.indexBucket(generation, i)] = p.join(';');
  });
  return { meta: { g: generation, s: salt, b, sheets: learners.map((t) => t.sheet), n: entries.length }, buckets };
}

/** Store a built index (buckets first, then the meta that points at them). */
export function storeCccdIndex(cache: Cache, built: BuiltIndex | null): void {
  if (!built) {
    cache.remove(CACHE.indexMeta);
    return;
  }
  const keys = Object.keys(built.buckets);
  for (let i = 0; i < keys.length; i += PUT_BATCH) {
    const batch: Record<string, string> = {};
    for (const k of keys.slice(i, i + PUT_BATCH)) batch[k] = built.buckets[k];
    cache.putAll(batch, CACHE_SECONDS);
  }
  cache.put(CACHE.indexMeta, JSON.stringify(built.meta), CACHE_SECONDS);
}

/**
 * The first occurrences, on sheets before `sheet`, of the CCCDs in `cells` (the edited rows'
 * CCCD cells), as the core's PriorCccds. One cache get and one getAll at most.
 */
export function priorFromIndex(cache: Cache, sheet: string, cells: Cell[]): PriorCccds[] {
  const metaJson = cache.get(CACHE.indexMeta);
  if (!metaJson) return [];
  let meta: IndexMeta;
  try {
    meta = JSON.parse(metaJson) as IndexMeta;
  } catch (_e) {
    return [];
  }
  const pos = meta.sheets.indexOf(sheet);
  const before = pos >= 0 ? pos : meta.sheets.length;
  if (before === 0) return [];
  const wanted = new Map<string, { bucket: number; cell: Cell }>();
  for (const cell of cells) {
    const digits = cccdDigits(cell);
    if (!digits) continue;
    const [hi, lo] = hash48(digits, meta.s);
    const key = entryKey(hi, lo);
    if (!wanted.has(key)) wanted.set(key, { bucket: lo % meta.b, cell });
  }
  if (wanted.size === 0) return [];
  const bucketKeys = Array.from(new Set(Array.from(wanted.values()).map((w) => CACHE.indexBucket(meta.g, w.bucket))));
  const got = cache.getAll(bucketKeys);
  const hits: { sheetIdx: number; row: number; cell: Cell }[] = [];
  wanted.forEach((w, key) => {
    const text = got[CACHE.indexBucket(meta.g, w.bucket)];
    if (!text) return;
    const at = (';' + text).indexOf(';' + key + ',');
    if (at < 0) return;
    const end = text.indexOf(';', at);
    const [, s36, r36] = text.slice(at, end < 0 ? undefined : end).split(',');
    const sheetIdx = parseInt(s36, 36);
    if (sheetIdx >= before || meta.sheets[sheetIdx] === sheet) return;
    hits.push({ sheetIdx, row: parseInt(r36, 36), cell: w.cell });
  });
  hits.sort((a, b) => a.sheetIdx - b.sheetIdx || a.row - b.row);
  return hits.map((h) => ({ sheet: meta.sheets[h.sheetIdx], firstRow: h.row, cccds: [h.cell] }));
}

/** A new random salt and generation id for a build. */
export function newIndexIds(): { salt: number; generation: string } {
  return { salt: Math.floor(Math.random() * 0x7fffffff), generation: Math.floor(Math.random() * 36 ** 6).toString(36) };
}
