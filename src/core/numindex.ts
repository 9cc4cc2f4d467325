/**
 * Open-addressing hash tables from exact integers (< 2^53: a CCCD as a number, or a 32-bit
 * string hash combined with small numbers) to non-negative int32 values, in one Float64Array of
 * [key, value + 1] pairs (a probe touches one cache line). On a million CCCDs they are several
 * times faster and smaller than a Map with string keys. An empty slot holds 0, so a new table
 * needs no initialising pass (a zero-filled buffer: pages untouched until used).
 */
const imul = Math.imul;

/** A 32-bit mix of an integer key < 2^53 (both halves), for the home slot. */
function mix(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = imul(lo ^ imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The pair table both indexes are built on. */
class PairTable {
  data: Float64Array;
  mask: number;
  count = 0;
  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    this.mask = cap - 1;
    this.data = new Float64Array(cap * 2);
  }
  home(key: number): number {
    return mix(key) & this.mask;
  }
  /** Append a pair in the first empty slot of its probe sequence (no duplicate check). */
  insert(key: number, value: number): void {
    const d = this.data;
    const mask = this.mask;
    let i = mix(key) & mask;
    while (d[2 * i + 1] !== 0) i = (i + 1) & mask;
    d[2 * i] = key;
    d[2 * i + 1] = value + 1;
    if (++this.count * 2 > mask + 1) this.grow();
  }
  private grow(): void {
    const old = this.data;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.data = new Float64Array(cap * 2);
    this.count = 0;
    for (let i = 1; i < old.length; i += 2) if (old[i] !== 0) this.insert(old[i - 1], old[i] - 1);
  }
}

export interface NumberIndex {
  /** The value stored for key, or -1. */
  get(key: number): number;
  /** Store value for key if absent; returns the existing value, or -1 when it inserted. */
  putIfAbsent(key: number, value: number): number;
  size(): number;
}

// Classes rather than closures: one shape and one method per call site, so the hot loops'
// look-ups are inlined.
class PairNumberIndex implements NumberIndex {
  t: PairTable;
  constructor(expected: number) {
    this.t = new PairTable(expected);
  }
  /** slot holding key, or the empty slot where it would go */
  slot(key: number): number {
    const d = this.t.data;
    const mask = this.t.mask;
    let i = mix(key) & mask;
    while (d[2 * i + 1] !== 0 && d[2 * i] !== key) i = (i + 1) & mask;
    return i;
  }
  get(key: number): number {
    return this.t.data[2 * this.slot(key) + 1] - 1;
  }
  putIfAbsent(key: number, value: number): number {
    const v = this.t.data[2 * this.slot(key) + 1];
    if (v !== 0) return v - 1;
    this.t.insert(key, value);
    return -1;
  }
  size(): number {
    return this.t.count;
  }
}

export function createNumberIndex(expected = 1024): NumberIndex {
  return new PairNumberIndex(expected);
}

/**
 * A multimap for hash-first indexes whose caller verifies every candidate: several values may
 * share a key (hash collisions). Iterate candidates with `first(key)` / `next(slot, key)` (slot
 * -1: none left) and read them with `value(slot)`; slots stay valid until the next `add`.
 */
export interface MultiIndex {
  first(key: number): number;
  next(slot: number, key: number): number;
  value(slot: number): number;
  add(key: number, value: number): void;
  size(): number;
}

class PairMultiIndex implements MultiIndex {
  t: PairTable;
  constructor(expected: number) {
    this.t = new PairTable(expected);
  }
  /** from slot i (inclusive), the next slot holding key, or -1 at the first empty slot */
  scan(i: number, key: number): number {
    const d = this.t.data;
    const mask = this.t.mask;
    while (d[2 * i + 1] !== 0) {
      if (d[2 * i] === key) return i;
      i = (i + 1) & mask;
    }
    return -1;
  }
  first(key: number): number {
    return this.scan(this.t.home(key), key);
  }
  next(slot: number, key: number): number {
    return this.scan((slot + 1) & this.t.mask, key);
  }
  value(slot: number): number {
    return this.t.data[2 * slot + 1] - 1;
  }
  add(key: number, value: number): void {
    this.t.insert(key, value);
  }
  size(): number {
    return this.t.count;
  }
}

export function createMultiIndex(expected = 1024): MultiIndex {
  return new PairMultiIndex(expected);
}

/**
 * A set of integers < 2^53 for look-ups that mostly miss (is this CCCD among the few thousand
 * repeated or completed ones?): a bit filter of ~32 bits per expected member answers most misses
 * from one word (a few KB: stays in the fastest cache), the pair table the rest.
 */
export interface NumberSet {
  has(key: number): boolean;
  /** Adds the key; false when it was already there. */
  add(key: number): boolean;
  size(): number;
}

class FilteredNumberSet implements NumberSet {
  bits: Int32Array;
  /** 32 - log2(number of bits): a key's bit is the top bits of its mix */
  shift: number;
  index: PairNumberIndex;
  constructor(expected: number) {
    let log = 10;
    while (log < 26 && 1 << log < expected * 32) log++;
    this.bits = new Int32Array(1 << (log - 5));
    this.shift = 32 - log;
    this.index = new PairNumberIndex(expected);
  }
  has(key: number): boolean {
    const b = mix(key) >>> this.shift;
    if ((this.bits[b >>> 5] & (1 << (b & 31))) === 0) return false;
    return this.index.get(key) !== -1;
  }
  add(key: number): boolean {
    const b = mix(key) >>> this.shift;
    this.bits[b >>> 5] |= 1 << (b & 31);
    return this.index.putIfAbsent(key, 1) === -1;
  }
  size(): number {
    return this.index.size();
  }
}

/** A NumberSet sized for `expected` members (more may be added: only the filter gets weaker). */
export function createNumberSet(expected = 1024): NumberSet {
  return new FilteredNumberSet(expected);
}

/** A 32-bit hash (unsigned) of an integer key < 2^53, e.g. a CCCD number. */
export function hash32(key: number): number {
  return mix(key) >>> 0;
}

/**
 * The 32-bit hashes that repeat (createRepeatsSet), each with an int32 value of the caller's
 * (≥ -1; -1 until set: e.g. the first entry of a chain). A bit filter of ~32 bits per member
 * answers most misses from one word, as in FilteredNumberSet; the table holds [key, value + 2]
 * pairs in one Int32Array (8 bytes a slot, half a PairTable's: a million-row workbook's sets of
 * repeated values are typed arrays that V8 counts as external memory, and past 64 MB of it since
 * the last full collection V8 starts one: README, Benchmarks). A slot found stays valid until the
 * next `insert`.
 */
export class RepeatsTable implements NumberSet {
  private readonly bits: Int32Array;
  private readonly shift: number;
  private data: Int32Array;
  private mask: number;
  private count = 0;
  constructor(expected: number) {
    let log = 10;
    while (log < 26 && 1 << log < expected * 32) log++;
    this.bits = new Int32Array(1 << (log - 5));
    this.shift = 32 - log;
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    this.mask = cap - 1;
    this.data = new Int32Array(cap * 2);
  }
  /** The slot holding `key` (an unsigned 32-bit integer), or -1. */
  find(key: number): number {
    const h = mix(key);
    const b = h >>> this.shift;
    if ((this.bits[b >>> 5] & (1 << (b & 31))) === 0) return -1;
    const d = this.data;
    const mask = this.mask;
    const k = key | 0;
    for (let i = h & mask; d[2 * i + 1] !== 0; i = (i + 1) & mask) if (d[2 * i] === k) return i;
    return -1;
  }
  has(key: number): boolean {
    return this.find(key) >= 0;
  }
  /** Adds the key (value -1); false when it was already there. */
  add(key: number): boolean {
    if (this.find(key) >= 0) return false;
    this.insert(key, -1);
    return true;
  }
  value(slot: number): number {
    return this.data[2 * slot + 1] - 2;
  }
  setValue(slot: number, value: number): void {
    this.data[2 * slot + 1] = value + 2;
  }
  size(): number {
    return this.count;
  }
  /** Inserts a key that is not there, with its value; returns its slot (slots found before may move). */
  insert(key: number, value: number): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h = mix(key);
    const b = h >>> this.shift;
    this.bits[b >>> 5] |= 1 << (b & 31);
    const d = this.data;
    const mask = this.mask;
    let i = h & mask;
    while (d[2 * i + 1] !== 0) i = (i + 1) & mask;
    d[2 * i] = key | 0;
    d[2 * i + 1] = value + 2;
    this.count++;
    return i;
  }
  private grow(): void {
    const old = this.data;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.data = new Int32Array(cap * 2);
    this.count = 0;
    for (let i = 1; i < old.length; i += 2) if (old[i] !== 0) this.insert(old[i - 1] >>> 0, old[i] - 2);
  }
}

/**
 * The values that occur more than once in `values` (any order; reordered), as a RepeatsTable (every
 * value -1). By a radix sort (sequential passes, no hash table over all values: on a million values
 * several times faster than TypedArray#sort or a million-entry index); `scratch`, when given (at
 * least as long as `values`), is the sort's second buffer instead of a new one.
 */
export function createRepeatsSet(values: Uint32Array, scratch?: Uint32Array): RepeatsTable {
  const sorted = radixSort(values, scratch);
  const n = sorted.length;
  let count = 0;
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1] && (i < 2 || sorted[i - 1] !== sorted[i - 2])) count++;
  const set = new RepeatsTable(count);
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1] && (i < 2 || sorted[i - 1] !== sorted[i - 2])) set.insert(sorted[i], -1);
  return set;
}

/** LSD radix sort, two passes of 16 bits; returns `a` (sorted in place). */
function radixSort(a: Uint32Array, scratch?: Uint32Array): Uint32Array {
  const n = a.length;
  if (n < 1024) return a.sort();
  let src: Uint32Array = a;
  let dst: Uint32Array = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Uint32Array(n);
  const count = new Int32Array(65536);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 65535]++;
    let sum = 0;
    for (let k = 0; k < 65536; k++) {
      const c = count[k];
      count[k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i];
      dst[count[(v >>> shift) & 65535]++] = v;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
