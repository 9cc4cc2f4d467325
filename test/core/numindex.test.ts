import fc from 'fast-check';
import { cccdNumber, isPlainCccd, parseCccd } from '../../src/core/cccd';
import { checkEmail } from '../../src/core/email';
import { createNumberSet, createRepeatsSet, hash32, RepeatsTable } from '../../src/core/numindex';
import { lowerHash, lowerHashPrintable } from '../../src/core/text';

describe('number set', () => {
  it('behaves like a Set for exact integers below 2^53, also beyond its expected size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 45 }), { maxLength: 600 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 45 }), { maxLength: 200 }),
        (added, probes) => {
          const set = createNumberSet(8);
          const ref = new Set<number>();
          for (const k of added) {
            set.add(k);
            ref.add(k);
          }
          for (const k of [...added, ...probes]) if (set.has(k) !== ref.has(k)) return false;
          return set.size() === ref.size;
        },
      ),
    );
  });
});

describe('repeats table', () => {
  it('maps unsigned 32-bit keys to the values set, -1 until set, also past its expected size (it grows)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -1, max: 2 ** 31 - 3 })), { maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 100 }),
        (pairs, probes) => {
          const table = new RepeatsTable(4);
          const ref = new Map<number, number>();
          for (const [k, v] of pairs) {
            const slot = table.find(k);
            if (slot < 0) {
              expect(ref.has(k)).toBe(false);
              if (v === -1) expect(table.add(k)).toBe(true);
              else table.insert(k, v);
            } else table.setValue(slot, v);
            ref.set(k, v);
          }
          for (const k of [...ref.keys(), ...probes]) {
            const slot = table.find(k);
            expect(table.has(k)).toBe(ref.has(k));
            if (ref.has(k)) expect(table.value(slot)).toBe(ref.get(k));
            else expect(slot).toBe(-1);
          }
          expect(table.size()).toBe(ref.size);
          return true;
        },
      ),
    );
  });
});

describe('repeats set', () => {
  const repeatsOf = (values: number[]) => {
    const seen = new Map<number, number>();
    for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([v]) => v));
  };
  const check = (values: number[]) => {
    const ref = repeatsOf(values);
    const set = createRepeatsSet(Uint32Array.from(values));
    for (const v of values) expect(set.has(v)).toBe(ref.has(v));
    for (const v of ref) expect(set.value(set.find(v))).toBe(-1);
    // the sort's second buffer may be given (the prescan passes the previous sort's array)
    const again = createRepeatsSet(Uint32Array.from(values), new Uint32Array(values.length + 3));
    expect(again.size()).toBe(ref.size);
    for (const v of values) expect(again.has(v)).toBe(ref.has(v));
    expect(set.size()).toBe(ref.size);
  };
  it('holds exactly the values that occur more than once (small arrays)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 200 }), (values) => (check(values), true)));
  });
  it('holds exactly the values that occur more than once (radix-sorted arrays)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1024, maxLength: 3000 }), fc.nat(50), (values, copies) => {
        check([...values, ...values.slice(0, copies), 0xffffffff, 0xffffffff, 0]);
        return true;
      }),
      { numRuns: 15 },
    );
  });
  it('hash32 is an unsigned 32-bit function of the key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        (k) => hash32(k) === hash32(k) && hash32(k) >= 0 && hash32(k) < 2 ** 32 && Number.isInteger(hash32(k)),
      ),
    );
  });
});

describe('CCCD fast paths', () => {
  it('isPlainCccd is the { kind: "ok" } case of parseCccd for an unchanged text cell, and cccdNumber is Number()', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.oneof(digits, fc.string({ maxLength: 14 }), fc.integer(), fc.constant(null)), (cell) => {
        const p = parseCccd(cell);
        if (isPlainCccd(cell)) return p.kind === 'ok' && p.digits === cell && cccdNumber(cell as string) === Number(cell);
        return !(typeof cell === 'string' && p.kind === 'ok' && p.digits === cell);
      }),
    );
    expect(cccdNumber('038123456789')).toBe(38123456789);
    expect(cccdNumber('999999999999')).toBe(999999999999);
  });
});

describe('lowerHashPrintable', () => {
  it('is lowerHash for printable ASCII without spaces, -1 otherwise', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.stringMatching(/^[!-~]{0,30}$/)), (s) => {
        const printable = /^[!-~]*$/.test(s);
        return lowerHashPrintable(s) === (printable ? lowerHash(s) : -1);
      }),
    );
  });
  it('equals lowerHash of checkEmail().normalized for such addresses (the prescan relies on it)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[!-~]{1,12}@[A-Za-z0-9.,-]{1,14}$/), (s) => lowerHashPrintable(s) === lowerHash(checkEmail(s).normalized)));
  });
});

describe('checkEmail domain memo', () => {
  it('gives the same result whatever was checked before', () => {
    const domains = ['gmail.com', 'Gmail.com', 'gmial.com', 'gmail.con', 'thanhhoa.gov.vn', 'x.gov.vm', 'a.b', 'yahoo.com.vn', 'hotmai.com'];
    const addr = fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,8}$/), fc.constantFrom(...domains)).map(([l, d]) => `${l}@${d}`);
    fc.assert(
      fc.property(fc.array(addr, { minLength: 1, maxLength: 40 }), (list) => {
        const first = list.map((a) => JSON.stringify(checkEmail(a)));
        const again = list
          .slice()
          .reverse()
          .map((a) => JSON.stringify(checkEmail(a)))
          .reverse();
        return first.every((r, i) => r === again[i]);
      }),
    );
  });
});
