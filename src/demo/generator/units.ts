/**
 * The unit registry of the synthetic province: codes, realistic names that stay unambiguous
 * under docs/rules.md §2 (code key, name key, and the name with leading type words removed — under
 * both the one-word and the all-words reading), focal points, denominators, and how many learner
 * rows each unit lists.
 */
import type { UnitType } from '../../core';
import type { GUnit } from './common';
import { D_ADULTS, D_CB, D_HSSV, D_NLD } from './common';
import {
  DN_FIRST,
  DN_FORM,
  DN_PLACE,
  DN_SECTOR,
  FAMILY,
  GIVEN,
  HTX_PREFIX,
  KHAC_NAMES,
  MIDDLE,
  SO_NAMES,
  TRUONG_FIRST,
  TRUONG_LEVEL,
  TRUONG_NAMESAKE,
  XA_FIRST,
  XA_PREFIX,
  XA_SUFFIX,
  foldDiacritics,
  foldKey,
  nameForms,
} from './names';
import type { Rng } from './prng';

/** Leading type words: docs/rules.md's list plus words some implementations also strip. */
const ALL_TYPE_WORDS = ['ubnd', 'uy ban nhan dan', 'xa', 'phuong', 'so', 'truong', 'cong ty', 'htx', 'hop tac xa', 'cty', 'thi tran', 'dac khu'];

/** nameForms plus every stage of stripping the generous word list: all kept unique. */
function generousForms(name: string): string[] {
  const forms = new Set(nameForms(name));
  let k = foldKey(name);
  for (;;) {
    let next = k;
    for (const w of ALL_TYPE_WORDS) {
      if (k.startsWith(w + ' ')) {
        next = k.slice(w.length + 1);
        break;
      }
    }
    if (next === k) break;
    k = next;
    forms.add(k);
  }
  return Array.from(forms).filter((f) => f !== '');
}

/** Keys already taken by a unit (code key and every name form) → unit index. */
export class KeyRegistry {
  private taken = new Map<string, number>();

  /** True when none of the keys of `name` (and `code`) belongs to another unit. */
  free(name: string, code?: string): boolean {
    for (const k of generousForms(name)) if (this.taken.has(k)) return false;
    if (code !== undefined && this.taken.has(foldKey(code))) return false;
    return true;
  }

  add(name: string, code: string, index: number): void {
    for (const k of generousForms(name)) this.taken.set(k, index);
    this.taken.set(foldKey(code), index);
  }

  /** A unit text resolves to nothing when none of its keys is taken. */
  unknown(text: string): boolean {
    return this.free(text);
  }
}

const TYPE_SHARES: [UnitType, number][] = [
  ['UBND_XA', 0.6],
  ['SO_NGANH', 0.16],
  ['TRUONG', 0.12],
  ['DOANH_NGHIEP', 0.1],
  ['KHAC', 0.02],
];
/** Registry order (a province's sheet is usually grouped by type). */
const TYPE_ORDER: UnitType[] = ['SO_NGANH', 'UBND_XA', 'TRUONG', 'DOANH_NGHIEP', 'KHAC'];
const CODE_PREFIX: Record<UnitType, [string, number]> = {
  SO_NGANH: ['SO', 2],
  UBND_XA: ['XA', 3],
  TRUONG: ['TR', 2],
  DOANH_NGHIEP: ['DN', 2],
  KHAC: ['KH', 2],
};

export function typeCounts(n: number): Record<UnitType, number> {
  const out = {} as Record<UnitType, number>;
  let sum = 0;
  const rem: [UnitType, number][] = [];
  for (const [t, share] of TYPE_SHARES) {
    const exact = n * share;
    out[t] = Math.floor(exact);
    sum += out[t];
    rem.push([t, exact - out[t]]);
  }
  rem.sort((a, b) => b[1] - a[1]);
  for (let i = 0; sum < n; i = (i + 1) % rem.length, sum++) out[rem[i][0]]++;
  if (n >= 5) {
    // every type at least once, taken from communes
    for (const [t] of TYPE_SHARES) {
      if (out[t] === 0) {
        out[t] = 1;
        out.UBND_XA--;
      }
    }
  }
  return out;
}

/** A random clean personal name (for focal points). */
export function personName(rng: Rng, female: boolean): string {
  const fam = FAMILY[rng.int(FAMILY.length)][0];
  let mid: string;
  do mid = MIDDLE[rng.int(MIDDLE.length)][0];
  while (MIDDLE.find((m) => m[0] === mid)![1] === (female ? 'm' : 'f'));
  let given: readonly string[];
  let g: 'm' | 'f' | 'u';
  do [given, g] = GIVEN[rng.int(GIVEN.length)];
  while (g === (female ? 'm' : 'f'));
  return `${fam} ${mid} ${given[0]}`;
}

function* soNames(province: string): Generator<string> {
  for (const n of SO_NAMES) yield n.replace('{P}', province);
  for (let i = 1; ; i++) yield `Trung tâm Dịch vụ số ${i}`;
}

function* xaNames(rng: Rng): Generator<string> {
  for (const n of XA_FIRST) yield n;
  const combos: string[] = [];
  for (const p of XA_PREFIX) for (const s of XA_SUFFIX) if (foldKey(p) !== foldKey(s)) combos.push(`${p} ${s}`);
  rng.shuffle(combos);
  for (const c of combos) yield `UBND ${rng.chance(0.8) ? 'xã' : 'phường'} ${c}`;
  for (let i = 1; ; i++) yield `UBND xã ${XA_PREFIX[i % XA_PREFIX.length]} ${XA_SUFFIX[(i * 7) % XA_SUFFIX.length]} ${i}`;
}

function* truongNames(rng: Rng, province: string): Generator<string> {
  for (const n of TRUONG_FIRST) yield n.replace('{P}', province);
  const combos: string[] = [];
  for (const l of TRUONG_LEVEL) for (const s of TRUONG_NAMESAKE) combos.push(`Trường ${l} ${s}`);
  rng.shuffle(combos);
  for (const c of combos) yield c;
  for (let i = 1; ; i++) yield `Trường Tiểu học số ${i}`;
}

function* dnNames(rng: Rng): Generator<string> {
  for (const n of DN_FIRST) yield n;
  for (let i = 0; i < 4000; i++) {
    if (rng.chance(0.15)) yield `${rng.pick(HTX_PREFIX)} ${rng.pick(DN_PLACE)}`;
    else yield `Công ty ${rng.pick(DN_FORM)} ${rng.pick(DN_SECTOR)} ${rng.pick(DN_PLACE)}`;
  }
  for (let i = 1; ; i++) yield `Công ty CP Đầu tư số ${i}`;
}

function* khacNames(): Generator<string> {
  for (const n of KHAC_NAMES) yield n;
  for (let i = 1; ; i++) yield `Tổ chức xã hội số ${i}`;
}

function denominators(rng: Rng, type: UnitType): (number | null)[] {
  const den: (number | null)[] = [null, null, null, null];
  switch (type) {
    case 'SO_NGANH':
      den[D_CB] = rng.between(50, 400);
      break;
    case 'UBND_XA':
      den[D_CB] = rng.between(20, 60);
      den[D_ADULTS] = rng.between(5000, 40000);
      break;
    case 'TRUONG':
      den[D_CB] = rng.between(30, 150);
      den[D_HSSV] = rng.between(500, 15000);
      break;
    case 'DOANH_NGHIEP':
      den[D_NLD] = rng.between(50, 3000);
      break;
    case 'KHAC':
      den[D_CB] = rng.between(20, 100);
      break;
  }
  // Some registries leave a denominator empty.
  for (let i = 0; i < 4; i++) if (den[i] !== null && rng.chance(0.05)) den[i] = null;
  return den;
}

function phone(rng: Rng): string {
  const digits = '09' + String(rng.between(10000000, 99999999));
  return rng.chance(0.3) ? `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}` : digits;
}

/** Alternative spellings of a unit's name that resolve to it under docs/rules.md §2. */
function variantsOf(code: string, name: string): string[] {
  const v = [code, name.toLowerCase(), name.toUpperCase(), name.normalize('NFD'), foldDiacritics(name), '  ' + name.replace(' ', '   ') + ' '];
  if (name.startsWith('UBND ')) v.push('Ủy ban nhân dân ' + name.slice(5));
  if (name.startsWith('Sở ')) v.push(name.slice(3));
  return v;
}

export function buildUnits(rng: Rng, n: number, province: string, learners: number): { units: GUnit[]; keys: KeyRegistry } {
  const counts = typeCounts(n);
  const keys = new KeyRegistry();
  const units: GUnit[] = [];
  const sources: Record<UnitType, Generator<string>> = {
    SO_NGANH: soNames(province),
    UBND_XA: xaNames(rng.fork()),
    TRUONG: truongNames(rng.fork(), province),
    DOANH_NGHIEP: dnNames(rng.fork()),
    KHAC: khacNames(),
  };
  for (const type of TYPE_ORDER) {
    const [prefix, width] = CODE_PREFIX[type];
    const digits = Math.max(width, String(counts[type]).length);
    for (let i = 1; i <= counts[type]; i++) {
      const code = prefix + String(i).padStart(digits, '0');
      let name = sources[type].next().value as string;
      while (!keys.free(name, code)) name = sources[type].next().value as string;
      const index = units.length;
      keys.add(name, code, index);
      const female = rng.chance(0.5);
      const hasEmail = !rng.chance(0.04);
      const domain = type === 'DOANH_NGHIEP' ? 'example.com' : 'example.gov.vn';
      // Most units are near their target on the demo date; a minority lags (Rules v2 §I: the
      // trajectory's tolerance is 10 points, so "on track" on 20/11 needs ~87 % of a 100 % target).
      const fast = rng.chance(0.86);
      const pDone = fast ? rng.real(0.95, 1) : rng.real(0.35, 0.85);
      const pAI = fast ? rng.real(0.97, 1) : rng.real(0.3, 0.9);
      units.push({
        index,
        code,
        name,
        type,
        contact: hasEmail || rng.chance(0.5) ? personName(rng, female) : '',
        email: hasEmail ? `${code.toLowerCase()}.daumoi@${domain}` : '',
        phone: phone(rng),
        den: denominators(rng, type),
        rows: 0,
        tab: -1,
        pDone,
        pProg: (1 - pDone) * rng.real(0.4, 0.8),
        pAI,
        boxTick: false,
        variants: variantsOf(code, name),
      });
    }
  }
  markBoxTicking(rng, units);
  allocateRows(rng, units, learners);
  return { units, keys };
}

/**
 * "Box-ticking" units (seed 003, "làm lấy lệ, hình thức"): ≈ 2 % of the units, at least 2 when
 * there are ≥ 20 units, never a commune (their main counts are aggregate). They list few
 * completions (or, every other one, no learner rows at all) and report counts well above them.
 */
function markBoxTicking(rng: Rng, units: GUnit[]): void {
  const want = units.length >= 20 ? Math.max(2, Math.round(units.length * 0.02)) : 0;
  const cands = rng.shuffle(units.filter((u) => u.type !== 'UBND_XA'));
  cands.slice(0, want).forEach((u, i) => {
    u.boxTick = true;
    u.pDone = rng.real(0.15, 0.4);
    u.pProg = (1 - u.pDone) * 0.5;
    u.pAI = rng.real(0, 0.2);
    if (i % 2 === 0) u.rows = -1; // no learner rows (allocateRows gives it none)
  });
}

/** Learner rows per unit: ~85 % of units list learners, bigger units more (largest remainder). */
function allocateRows(rng: Rng, units: GUnit[], learners: number): void {
  if (learners <= 0 || units.length === 0) {
    for (const u of units) u.rows = 0;
    return;
  }
  const w = units.map((u): number => {
    const noRows = u.rows < 0;
    u.rows = 0;
    if (!rng.chance(0.85) || noRows) return 0;
    // the people a unit lists: its officials, a share of its students and workers, a sample of its adults
    const [cb, adults, hssv, nld] = u.den.map((d) => d ?? 0);
    const size = cb + adults * 0.005 + hssv * 0.03 + nld * 0.3 + 30;
    return Math.pow(size, 0.9) * rng.real(0.6, 1.4);
  });
  if (!w.some((x) => x > 0)) w[0] = 1;
  const total = w.reduce((a, b) => a + b, 0);
  let given = 0;
  const rem: [number, number][] = [];
  units.forEach((u, i) => {
    const exact = (learners * w[i]) / total;
    u.rows = Math.floor(exact);
    given += u.rows;
    if (w[i] > 0) rem.push([i, exact - u.rows]);
  });
  rem.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (let k = 0; given < learners; k = (k + 1) % rem.length, given++) units[rem[k][0]].rows++;
}
