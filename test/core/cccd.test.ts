import fc from 'fast-check';
import { birthYear, cleanCccdText, genderOf, maskCccd, padCccd, parseCccd, PROVINCE_CODES, provinceKnown } from '../../src/core/cccd';
import { createMultiIndex, createNumberIndex } from '../../src/core/numindex';

const provinces = Object.keys(PROVINCE_CODES);
/** Any structurally valid CCCD: a listed province, a century digit 0–3, any year and serial. */
const validCccd = fc
  .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999999 }))
  .map(([p, c, y, s]) => `${p}${c}${String(y).padStart(2, '0')}${String(s).padStart(6, '0')}`);

describe('CCCD', () => {
  it('any valid CCCD survives the number-cell round trip (Sheets/Excel eat the leading zero)', () => {
    fc.assert(
      fc.property(validCccd, (id) => {
        const asNumber = Number(id); // what a general-format cell stores
        const r = parseCccd(asNumber);
        return r.kind === 'numeric' && r.digits === id;
      }),
      { numRuns: 2000 },
    );
  });

  it('any valid CCCD survives spaces, dots, dashes, NBSP, zero-width and full-width digits', () => {
    const noise = fc.constantFrom(' ', '.', '-', '\u00a0', '\u200b', '  ', '\u2060');
    fc.assert(
      fc.property(validCccd, fc.array(fc.tuple(fc.integer({ min: 1, max: 11 }), noise), { maxLength: 4 }), fc.boolean(), (id, inserts, fullWidth) => {
        let s = fullWidth ? id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : id;
        for (const [pos, ch] of inserts.sort((a, b) => b[0] - a[0])) s = s.slice(0, pos) + ch + s.slice(pos);
        const r = parseCccd(s);
        return r.kind === 'ok' && r.digits === id;
      }),
      { numRuns: 2000 },
    );
  });

  it('valid CCCDs start with 0 and carry a listed province', () => {
    fc.assert(fc.property(validCccd, (id) => id[0] === '0' && provinceKnown(id)));
    expect(provinceKnown('099012345678')).toBe(false);
    expect(provinceKnown('100012345678')).toBe(false);
  });

  it('cleaning is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => cleanCccdText(cleanCccdText(s)) === cleanCccdText(s)));
  });

  it('classifies the bad forms', () => {
    expect(parseCccd('').kind).toBe('missing');
    expect(parseCccd(null).kind).toBe('missing');
    expect(parseCccd('   ').kind).toBe('missing');
    expect(parseCccd('3.8123E+10').kind).toBe('precision_lost');
    expect(parseCccd('3,8123E+10').kind).toBe('precision_lost');
    expect(parseCccd(1.2345678901234567e15).kind).toBe('precision_lost');
    expect(parseCccd('123456789').kind).toBe('old_cmnd');
    expect(parseCccd(123456789).kind).toBe('old_cmnd');
    expect(parseCccd('0381234567').kind).toBe('format');
    expect(parseCccd('03812345678X').kind).toBe('format');
    expect(parseCccd(38.5).kind).toBe('format');
    expect(parseCccd(-38123456789).kind).toBe('format');
    expect(parseCccd(true).kind).toBe('format');
  });

  it('century digit and birth year, gender', () => {
    expect(birthYear('038085000000')).toBe(1985);
    expect(birthYear('038185000000')).toBe(1985);
    expect(birthYear('038205000000')).toBe(2005);
    expect(birthYear('038305000000')).toBe(2005);
    expect(birthYear('038405000000')).toBe(2105);
    expect(birthYear('038905000000')).toBe(2305);
    expect(genderOf('038085000000')).toBe('Nam');
    expect(genderOf('038185000000')).toBe('Nữ');
    expect(genderOf('038305000000')).toBe('Nữ');
  });

  it('masks as 038*******89 and never leaks more than 5 digits', () => {
    expect(maskCccd('038123456789')).toBe('038*******89');
    fc.assert(fc.property(validCccd, (id) => maskCccd(id).replace(/\*/g, '').length === 5 && maskCccd(id).length === 12));
    expect(padCccd(38123456789)).toBe('038123456789');
  });
});

describe('number index', () => {
  it('behaves like a Map for exact integers below 2^53', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(1000)), { maxLength: 500 }), (pairs) => {
        const idx = createNumberIndex(4);
        const ref = new Map<number, number>();
        for (const [k, v] of pairs) {
          const got = idx.putIfAbsent(k * 1000 + 7, v);
          const expected = ref.has(k) ? ref.get(k)! : -1;
          if (!ref.has(k)) ref.set(k, v);
          if (got !== expected) return false;
        }
        for (const [k, v] of ref) if (idx.get(k * 1000 + 7) !== v) return false;
        return idx.size() === ref.size && idx.get(-5) === -1;
      }),
    );
  });
});

describe('multi index', () => {
  it('returns every value added under a key, in insertion order of probing, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.nat(1000)), { maxLength: 400 }), (pairs) => {
        const idx = createMultiIndex(2);
        const ref = new Map<number, number[]>();
        for (const [k, v] of pairs) {
          idx.add(k * 2 ** 33 + 5, v);
          ref.set(k, [...(ref.get(k) ?? []), v]);
        }
        for (let k = 0; k <= 51; k++) {
          const got: number[] = [];
          const key = k * 2 ** 33 + 5;
          for (let s = idx.first(key); s >= 0; s = idx.next(s, key)) got.push(idx.value(s));
          expect(got.sort((a, b) => a - b)).toEqual((ref.get(k) ?? []).slice().sort((a, b) => a - b));
        }
        expect(idx.size()).toBe(pairs.length);
      }),
    );
  });
});
