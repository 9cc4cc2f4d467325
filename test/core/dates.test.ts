/** Calendar helpers in Asia/Ho_Chi_Minh time: the allocation-free fast paths agree with the general ones. */
import fc from 'fast-check';
import { daysInMonth, parseDateCell, parseYearCell, vnDateParts, vnYear } from '../../src/core/dates';

describe('vnYear', () => {
  it('is the Vietnam-time year of any instant, including the hours around new year', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e12, max: 1e13 }), (t) => {
        const d = new Date(t);
        expect(vnYear(d)).toBe(vnDateParts(d).y);
      }),
      { numRuns: 5000 },
    );
    const H = 3_600_000;
    for (const y of [1900, 1999, 2000, 2024, 2100]) {
      expect(vnYear(new Date(Date.UTC(y, 0, 1) - 7 * H))).toBe(y); // 00:00 on 1 January in Vietnam
      expect(vnYear(new Date(Date.UTC(y, 0, 1) - 7 * H - 1))).toBe(y - 1);
    }
    expect(vnYear(new Date(NaN))).toBeNull();
  });
});

describe('parseYearCell', () => {
  it('reads dd/mm/yyyy text as parseDateCell does, and rejects impossible dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1850, max: 3050 }), (d, m, y) => {
        const s = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
        expect(parseYearCell(s)).toBe(parseDateCell(s)?.y ?? null);
      }),
      { numRuns: 3000 },
    );
    expect(parseYearCell('29/02/2023')).toBeNull();
    expect(parseYearCell('29/02/2024')).toBe(2024);
    expect(parseYearCell('1990')).toBe(1990);
    expect(parseYearCell(1990)).toBe(1990);
  });
});

describe('daysInMonth', () => {
  it('is the length Date.UTC gives, for every month of years -500 to 3500 and months that roll over', () => {
    for (let y = -500; y <= 3500; y++) for (let m = -2; m <= 15; m++) expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    expect([daysInMonth(2024, 2), daysInMonth(2100, 2), daysInMonth(2000, 2), daysInMonth(2026, 4)]).toEqual([29, 28, 29, 30]);
  });
});

describe('parseDateCell', () => {
  it('reads 10-character d/m/y texts (its fast path) as the general patterns do', () => {
    // the general reading, without the fast path: the patterns, then a real calendar date 1900–2999
    const general = (cell: string): { y: number; m: number; d: number } | null => {
      const s = cell.trim();
      let x = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(s);
      let p = x ? { y: Number(x[3]), m: Number(x[2]), d: Number(x[1]) } : null;
      if (!x) {
        x = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
        p = x ? { y: Number(x[1]), m: Number(x[2]), d: Number(x[3]) } : null;
      }
      if (!p) return null;
      const t = new Date(Date.UTC(p.y, p.m - 1, p.d));
      return p.y >= 1900 && p.y <= 2999 && t.getUTCFullYear() === p.y && t.getUTCMonth() === p.m - 1 && t.getUTCDate() === p.d ? p : null;
    };
    const char = fc.oneof({ arbitrary: fc.constantFrom('0', '1', '2', '3', '9'), weight: 8 }, { arbitrary: fc.constantFrom('/', ' ', '-', 'a'), weight: 1 });
    fc.assert(
      fc.property(fc.array(char, { minLength: 10, maxLength: 10 }), fc.boolean(), (chars, slashes) => {
        if (slashes) {
          chars[2] = '/';
          chars[5] = '/';
        }
        const s = chars.join('');
        expect(parseDateCell(s)).toEqual(general(s));
      }),
      { numRuns: 20000 },
    );
    expect(parseDateCell('29/02/2024')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseDateCell('31/04/2026')).toBeNull();
  });
});
