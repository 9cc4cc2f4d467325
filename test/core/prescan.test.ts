/**
 * The prescan (learners.ts `prescanLearners`) is only a speed-up of whole-workbook runs: it finds
 * the values that repeat and makes the name and e-mail checks in its pass, and the main pass then
 * skips what it did. The report must be the one the plain path gives (every row checked and
 * indexed, as instant checks do). A rule changed in one pass and not the other fails here.
 * Provinces are generated, then mutated at random where the two paths could part: e-mails in other
 * cases and padded, names in NFD, lower case, with tone marks moved, copied with their unit, CCCDs
 * turned into number cells, blank names and e-mails.
 */
import { consolidate } from '../../src/core/consolidate';
import { generateProvince } from '../../src/demo';
import { reportJson } from '../../src/core/json';
import type { Cell, Snapshot } from '../../src/core/types';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

const CCCD_HEADERS = ['Số căn cước công dân', 'SỐ CCCD'];

function mutate(snapshot: Snapshot, seed: number, share: number): number {
  const rnd = rng(seed);
  let changed = 0;
  for (const sheet of snapshot.sheets) {
    const hi = sheet.values.findIndex((r) => r.some((v) => CCCD_HEADERS.includes(String(v))));
    if (hi < 0 || sheet.name === 'Kết quả nền tảng') continue;
    const head = sheet.values[hi].map(String);
    const col = (names: string[]) => head.findIndex((h) => names.includes(h));
    const cN = col(['Họ và tên', 'Họ tên']);
    const cC = col(CCCD_HEADERS);
    const cE = col(['Email', 'Thư điện tử']);
    const cU = col(['Đơn vị', 'Cơ quan, đơn vị']);
    const n = sheet.values.length - hi - 1;
    const pick = () => sheet.values[hi + 1 + Math.floor(rnd() * n)];
    for (let k = 0; k < n * share; k++) {
      const a = pick();
      const b = pick();
      if (!a || !b) continue;
      const set = (c: number, v: Cell) => {
        if (c >= 0) a[c] = v;
      };
      switch (Math.floor(rnd() * 9)) {
        case 0:
          set(cE, String(b[cE] ?? '').toUpperCase());
          break;
        case 1:
          set(cN, String(b[cN] ?? '').normalize('NFD'));
          break;
        case 2:
          set(cN, b[cN]);
          set(cU, b[cU]);
          break;
        case 3:
          if (typeof b[cC] === 'string' && /^\d{12}$/.test(b[cC] as string)) set(cC, Number(b[cC]));
          break;
        case 4:
          set(cE, ` ${b[cE] ?? ''}\u00a0`);
          break;
        case 5:
          set(cN, String(b[cN] ?? '').toLowerCase());
          break;
        case 6:
          set(
            cN,
            String(b[cN] ?? '')
              .replace('oà', 'òa')
              .replace('uỷ', 'ủy')
              .replace('oá', 'óa'),
          );
          set(cC, b[cC]);
          break;
        case 7:
          set(cN, '  ');
          break;
        default:
          set(cE, '');
          set(cC, b[cC]);
      }
      changed++;
    }
  }
  return changed;
}

const CASES = [
  { seed: 31, learners: 4000, units: 30, unitTabs: 4, errorRate: 0.05, share: 0.15 },
  { seed: 32, learners: 3000, units: 20, unitTabs: 6, errorRate: 0.3, share: 0.3 },
  { seed: 33, learners: 2500, units: 12, unitTabs: 2, errorRate: 1, share: 0.5, platform: false },
];

test.each(CASES)('seed $seed: the report with the prescan is the report without it', ({ share, ...opts }) => {
  const { snapshot, truth } = generateProvince(opts);
  expect(mutate(snapshot, opts.seed, share)).toBeGreaterThan(100);
  const fast = consolidate(snapshot, { today: truth.today });
  const plain = consolidate(snapshot, { today: truth.today, prescan: false });
  // the mutations reach the rules the prescan shortcuts
  for (const code of ['EMAIL_SHARED', 'PERSON_POSSIBLE_DUPLICATE', 'CCCD_DUPLICATE', 'NAME_MISSING', 'CCCD_NUMERIC_CELL']) {
    expect({ code, seen: plain.issues.some((i) => i.code === code) }).toEqual({ code, seen: true });
  }
  expect(JSON.stringify(reportJson(fast))).toBe(JSON.stringify(reportJson(plain)));
  expect(fast.tables).toEqual(plain.tables);
});
