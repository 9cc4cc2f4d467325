/**
 * A small seeded PRNG for the synthetic province generator: xoshiro128** (Blackman and Vigna),
 * its 128-bit state filled by splitmix32 from the seed. 32-bit integer arithmetic only
 * (Math.imul, >>> 0), so every JS engine (V8 in Node and in Apps Script) gives the same sequence.
 * Never Math.random: the generator must be reproducible from its seed.
 */

// Globals read once: in a vm context (jest, Apps Script emulators) every lookup of a global such as
// `Math` goes through the context's interceptor, ~100× slower than a module constant.
const imul = Math.imul;
const floor = Math.floor;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Rng {
  /**
   * The 128-bit state, in a typed array: plain number fields holding 32-bit values outside the
   * small-integer range turn into boxed heap numbers on every step (10× slower under jest/swc).
   */
  private readonly s: Int32Array;

  constructor(seed: number) {
    if (!isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // Fold a seed of any size (and sign) into 32 bits, then expand it with splitmix32.
    let x = (floor(seed) | 0) ^ (floor(seed / 4294967296) | 0);
    this.s = new Int32Array(4);
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      z ^= z >>> 16;
      this.s[i] = z;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1; // the all-zero state is a fixed point
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const s = this.s;
    const b = s[1];
    const r = imul(rotl(imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    s[2] ^= s[0];
    s[3] ^= b;
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n) (n ≥ 1). */
  int(n: number): number {
    return floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  between(lo: number, hi: number): number {
    return lo + floor(this.float() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[floor(this.float() * list.length)];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = floor(this.float() * (i + 1));
      const t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  /** An independent generator derived from this one (for a sub-task whose draws may vary). */
  fork(): Rng {
    return new Rng(this.u32() * 4294967296 + this.u32());
  }
}
