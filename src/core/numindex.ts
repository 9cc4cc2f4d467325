/**
 * An open-addressing hash map from exact integers (< 2^53, e.g. a CCCD as a number) to int32
 * values, in typed arrays: on a million CCCDs it is several times faster and smaller than a
 * Map with string keys.
 */
export interface NumberIndex {
  /** The value stored for key, or -1. */
  get(key: number): number;
  /** Store value for key if absent; returns the existing value, or -1 when it inserted. */
  putIfAbsent(key: number, value: number): number;
  size(): number;
}

export function createNumberIndex(expected = 1024): NumberIndex {
  let cap = 16;
  while (cap < expected * 2) cap <<= 1;
  let keys = new Float64Array(cap);
  let vals = new Int32Array(cap).fill(-1);
  let mask = cap - 1;
  let count = 0;

  const slot = (key: number): number => {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & mask;
    while (vals[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    return i;
  };

  const grow = () => {
    const oldKeys = keys;
    const oldVals = vals;
    cap <<= 1;
    mask = cap - 1;
    keys = new Float64Array(cap);
    vals = new Int32Array(cap).fill(-1);
    for (let i = 0; i < oldVals.length; i++) {
      if (oldVals[i] === -1) continue;
      const j = slot(oldKeys[i]);
      keys[j] = oldKeys[i];
      vals[j] = oldVals[i];
    }
  };

  return {
    get(key) {
      return vals[slot(key)];
    },
    putIfAbsent(key, value) {
      const i = slot(key);
      if (vals[i] !== -1) return vals[i];
      keys[i] = key;
      vals[i] = value;
      count++;
      if (count * 2 > cap) grow();
      return -1;
    },
    size: () => count,
  };
}
