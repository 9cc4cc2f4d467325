/**
 * The synthetic province generator (src/demo/generator.ts): deterministic, sizes honoured, every
 * learner issue code injected, a truth that is internally consistent, and clean rows that really
 * are clean — checked here without the consolidation engine (the truth is the engine's oracle).
 *
 * The 1,000,000-row benchmark runs with `npm run test:scale` (test/helpers/scale.ts).
 */
import {
  DEMO_TODAY,
  GENERATED_SETTINGS,
  REASON_ORDER,
  generateProvince,
  reminderKindOf,
  type GeneratedProvince,
  type ProvinceTruth,
} from '../../src/demo/generator';
import type { TruthIssueCode } from '../../src/demo/generator/common';
import {
  PROGRAMME_NAMES,
  PROGRAMME_SPELLINGS,
  UNMAPPED_LEARNER_COURSE,
  UNMAPPED_PLATFORM_COURSE,
  courseIndicator,
  programmeOf,
} from '../../src/demo/generator/courses';
import { GROUP_CELLS, KINDS, STATUS_CELLS, UNKNOWN_GROUPS, UNKNOWN_STATUSES } from '../../src/demo/generator/learners';
import { FAMILY, GIVEN, LEGACY_TCVN3, LEGACY_VNI, MIDDLE, PROVINCE_CODES, encodeTcvn3, encodeVni, foldKey } from '../../src/demo/generator/names';
import { Rng } from '../../src/demo/generator/prng';
import {
  GROUP_ALIASES,
  GROUP_LABELS,
  GROUPS,
  LEARNERS_TABLE,
  REPORTS_TABLE,
  SHEET,
  STATUSES,
  STATUS_ALIASES,
  UNITS_TABLE,
  WORKER_ALIASES,
} from '../../src/core/schema';
import type { Cell, LearnerCounts, SheetSnapshot } from '../../src/core/types';
import { scaleTest } from '../helpers/scale';

type IssueCode = TruthIssueCode;
const LEARNER_CODES: IssueCode[] = [
  'NAME_MISSING',
  'NAME_LEGACY_ENCODING',
  'NAME_FORMAT',
  'CCCD_MISSING',
  'CCCD_FORMAT',
  'CCCD_OLD_CMND',
  'CCCD_PRECISION_LOST',
  'CCCD_NUMERIC_CELL',
  'CCCD_PROVINCE',
  'CCCD_CENTURY',
  'CCCD_AGE',
  'CCCD_MISMATCH',
  'EMAIL_FORMAT',
  'EMAIL_TYPO',
  'EMAIL_SHARED',
  'GROUP_UNKNOWN',
  'STATUS_UNKNOWN',
  'UNIT_MISSING',
  'UNIT_UNKNOWN',
  'CCCD_DUPLICATE',
  'PERSON_POSSIBLE_DUPLICATE',
  'GROUP_INFERRED',
  'STATUS_AMBIGUOUS',
];
const REPORT_CODES: IssueCode[] = [
  'REPORT_NOT_NUMBER',
  'REPORT_EXCEEDS_DENOMINATOR',
  'REPORT_DECREASED',
  'REPORT_UNSUPPORTED',
  'REPORT_JUMP',
  'REPORT_PERIOD_INVALID',
];
/** Rules v2 codes that are not about one injected learner row */
const COURSE_CODES: IssueCode[] = ['COURSE_UNMAPPED', 'COMPLETION_DATE_MISSING'];
const ERROR_CODES = new Set<IssueCode>([
  'NAME_MISSING',
  'CCCD_MISSING',
  'CCCD_FORMAT',
  'CCCD_OLD_CMND',
  'CCCD_PRECISION_LOST',
  'CCCD_DUPLICATE',
  'UNIT_MISSING',
  'UNIT_UNKNOWN',
]);
const COUNT_KEYS: (keyof LearnerCounts)[] = ['rows', 'valid', 'invalid', 'duplicates', 'completed', 'inProgress', 'notStarted'];
const NOT_LEARNER_SHEETS = new Set<string>([SHEET.config, SHEET.targets, SHEET.units, SHEET.reports, SHEET.platform]);

// ---------------------------------------------------------------------------------------------
// Helpers (independent of the engine)

const empty = (c: Cell | undefined): boolean => c === '' || c === null || c === undefined;

/** 0-based header row of a learner sheet as the generator writes it: the row that starts with STT/TT. */
function headerIndex(s: SheetSnapshot): number {
  return s.values.findIndex((r) => r[0] === 'STT' || r[0] === 'TT');
}

function learnerSheets(g: GeneratedProvince): SheetSnapshot[] {
  return g.snapshot.sheets.filter((s) => !NOT_LEARNER_SHEETS.has(s.name));
}

/** Non-blank data rows (1-based row numbers): not every cell empty, not only STT (column 0). */
function dataRows(s: SheetSnapshot): number[] {
  const out: number[] = [];
  for (let r = headerIndex(s) + 1; r < s.values.length; r++) if (s.values[r].some((c, i) => i > 0 && !empty(c))) out.push(r + 1);
  return out;
}

function column(s: SheetSnapshot, ...names: string[]): number {
  const h = s.values[headerIndex(s)];
  return h.findIndex((x) => names.includes(String(x)));
}

/** Cleaning of docs/rules.md §3, written again here. */
function cleanCccd(c: Cell): string | null {
  if (typeof c !== 'string') return null;
  return c
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/^'/, '')
    .replace(/[\s.\-_\u00a0\u200b-\u200d\u2060\ufeff]/g, '');
}

function issueKeys(t: ProvinceTruth): Map<string, IssueCode[]> {
  const m = new Map<string, IssueCode[]>();
  for (const i of t.rowIssues) {
    const k = `${i.sheet}|${i.row}`;
    m.set(k, [...(m.get(k) ?? []), i.code]);
  }
  return m;
}

const memo = new Map<string, GeneratedProvince>();
function gen(opts: Parameters<typeof generateProvince>[0] = {}): GeneratedProvince {
  const k = JSON.stringify(opts);
  let g = memo.get(k);
  if (!g) memo.set(k, (g = generateProvince(opts)));
  return g;
}

// ---------------------------------------------------------------------------------------------

describe('PRNG', () => {
  it('is deterministic, in range, and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 1000 }, () => a.float());
    expect(Array.from({ length: 1000 }, () => b.float())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng(43).float()).not.toBe(new Rng(42).float());
    const c = new Rng(1);
    const hist = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) hist[c.int(10)]++;
    for (const h of hist) expect(h).toBeGreaterThan(850);
  });
});

describe('tables', () => {
  it('legacy encoders reproduce DOMAIN.md examples', () => {
    expect(encodeTcvn3('Nguyễn Văn Thắng')).toBe('NguyÔn V¨n Th¾ng');
    expect(encodeTcvn3('UBND xã Yên Định')).toBe('UBND x· Yªn §Þnh');
    expect(encodeVni('Nguyễn Văn Thắng')).toBe('Nguyeãn Vaên Thaéng');
    expect(encodeVni('Đà Nẵng')).toBe('Ñaø Naüng');
  });

  it('injected legacy names are letters only and title case (no NAME_FORMAT under any reading)', () => {
    for (const [name] of [...LEGACY_TCVN3, ...LEGACY_VNI]) {
      const e = LEGACY_TCVN3.some((x) => x[0] === name) ? encodeTcvn3(name) : encodeVni(name);
      expect(e).toMatch(/^[\p{L} ]+$/u);
      for (const w of e.split(' ')) expect(w[0] + w.slice(1).toLowerCase()).toBe(w);
      expect(/[\u0100-\uffff]/.test(e)).toBe(false); // no genuine (non-Latin-1) Vietnamese letter
    }
  });

  it('name parts have distinct diacritic-free forms; middle names hold a non-Latin-1 letter', () => {
    for (const list of [FAMILY.map((f) => f[0]), MIDDLE.map((m) => m[0]), GIVEN.map((g) => g[0][0])]) {
      expect(new Set(list.map(foldKey)).size).toBe(list.length);
    }
    for (const [m] of MIDDLE) expect(/[\u0100-\u024f\u1ea0-\u1ef9]/.test(m)).toBe(true);
    for (const [variants] of GIVEN) for (const v of variants) expect(foldKey(v)).toBe(foldKey(variants[0]));
  });

  it('group and status cells are schema labels or aliases; the unknown ones are not', () => {
    const gk = new Set([...GROUPS.flatMap((g) => [GROUP_LABELS[g], ...GROUP_ALIASES[g]]), ...WORKER_ALIASES].map(foldKey));
    const sk = new Set(STATUSES.flatMap((s) => STATUS_ALIASES[s]).map(foldKey));
    for (const list of GROUP_CELLS) for (const x of list) expect(gk.has(foldKey(x))).toBe(true);
    for (const list of STATUS_CELLS) for (const x of list) if (x !== '') expect(sk.has(foldKey(x))).toBe(true);
    for (const x of UNKNOWN_GROUPS) expect(gk.has(foldKey(x))).toBe(false);
    for (const x of UNKNOWN_STATUSES) expect(sk.has(foldKey(x))).toBe(false);
  });
});

describe('generateProvince: determinism and sizes', () => {
  it('same seed → deep-equal snapshot and truth; another seed differs', () => {
    const a = generateProvince({ seed: 7, learners: 3000, units: 60 });
    const b = generateProvince({ seed: 7, learners: 3000, units: 60 });
    expect(b).toEqual(a);
    const c = generateProvince({ seed: 8, learners: 3000, units: 60 });
    expect(c.snapshot).not.toEqual(a.snapshot);
    expect(c.truth.rowIssues).not.toEqual(a.truth.rowIssues);
  });

  it.each([
    [{}, 250, 20000, 3],
    [{ units: 40, learners: 2500, unitTabs: 5 }, 40, 2500, 5],
    [{ units: 5, learners: 120, unitTabs: 0, platform: false }, 5, 120, 0],
    [{ units: 1, learners: 0 }, 1, 0, 0],
  ])('%j: %i units, %i learner rows, %i unit tabs', (opts, units, learners, tabs) => {
    const g = gen(opts);
    const names = g.snapshot.sheets.map((s) => s.name);
    expect(names.slice(0, 4)).toEqual([SHEET.config, SHEET.targets, SHEET.units, SHEET.learners]);
    expect(names).toContain(SHEET.reports);
    expect(names.includes(SHEET.platform)).toBe((opts as { platform?: boolean }).platform !== false);
    const registry = g.snapshot.sheets.find((s) => s.name === SHEET.units)!;
    expect(registry.values.length - 1).toBe(units);
    expect(Object.keys(g.truth.units)).toHaveLength(units);
    const ls = learnerSheets(g);
    expect(ls.length - 1).toBe(tabs);
    for (const s of ls.slice(1)) expect(Object.keys(g.truth.units)).toContain(s.name);
    expect(ls.reduce((n, s) => n + dataRows(s).length, 0)).toBe(learners);
    expect(g.truth.province.learners.rows).toBe(learners);
    // rectangular grids, as getValues() returns them
    for (const s of g.snapshot.sheets) for (const r of s.values) expect(r.length).toBe(s.values[0].length);
  });

  it('rejects bad options', () => {
    expect(() => generateProvince({ today: '2026-13-01' })).toThrow(RangeError);
    expect(() => generateProvince({ learners: -1 })).toThrow(RangeError);
    expect(() => generateProvince({ units: 0 })).toThrow(RangeError);
    expect(() => generateProvince({ errorRate: 2 })).toThrow(RangeError);
    expect(() => generateProvince({ province: { code: '099', name: 'X' } })).toThrow(RangeError);
  });
});

describe('generateProvince: the workbook', () => {
  const g = gen();

  it('uses the canonical headers, two title rows above `Học viên`, aliases on one unit tab', () => {
    const hv = g.snapshot.sheets.find((s) => s.name === SHEET.learners)!;
    expect(String(hv.values[0][0])).toMatch(/^DANH SÁCH HỌC VIÊN .*NĂM 2026$/);
    expect(hv.values[1].every(empty)).toBe(true);
    expect(hv.values[2]).toEqual(LEARNERS_TABLE.columns.map((c) => c.header));
    const tab = learnerSheets(g)[1];
    expect(tab.values[headerIndex(tab)]).toEqual(['TT', 'SỐ CCCD', 'Họ tên', 'Đối tượng', 'Phong ban', 'Cơ quan, đơn vị', 'Thư điện tử', 'Tình trạng']);
    expect(g.snapshot.sheets.find((s) => s.name === SHEET.units)!.values[0]).toEqual(
      UNITS_TABLE.columns.filter((c) => c.field !== 'defaultGroup').map((c) => c.header),
    );
    expect(g.snapshot.sheets.find((s) => s.name === SHEET.reports)!.values[0]).toEqual(REPORTS_TABLE.columns.map((c) => c.header));
    // STT-only template rows at the end
    const last = hv.values[hv.values.length - 1];
    expect(typeof last[0]).toBe('number');
    expect(last.slice(1).every(empty)).toBe(true);
  });

  it('Thanh Hóa 2026 gets seed 001 settings: VNeID 80 %, courses end 30/11, start and baseline columns, v2 Cấu hình keys', () => {
    const cfg = g.snapshot.sheets.find((s) => s.name === SHEET.config)!;
    expect(cfg.values[0]).toEqual(['Tham số', 'Giá trị', 'Ghi chú']);
    const value = (label: string) => cfg.values.find((r) => r[0] === label)?.[1];
    expect(value('Chế độ thử')).toBe('Không');
    expect(value('Hạn báo cáo hằng tháng (ngày)')).toBe(String(GENERATED_SETTINGS.deadlineDay));
    expect(value('Dung sai tiến độ (điểm %)')).toBe('10');
    expect(value('Mức tăng bất thường (%)')).toBe('30');
    expect(value('Dung sai đối chiếu (%)')).toBe('10');
    expect(value('Đường dẫn bảng tính')).toBe('https://docs.google.com/spreadsheets/d/EXAMPLE-bdhvs-demo/edit');
    expect(String(value('Điện thoại liên hệ'))).toMatch(/^0\d[\d ]+$/);
    // made-up contacts only (never the seed's official)
    for (const r of cfg.values) for (const c of r) expect(String(c)).not.toMatch(/thanhhoa\.gov\.vn|Đỗ Quang An|0973/);
    expect(String(value('Email liên hệ'))).toMatch(/@example\.gov\.vn$/);
    const targets = g.snapshot.sheets.find((s) => s.name === SHEET.targets)!;
    expect(targets.values[0]).toEqual(['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mục tiêu (%)', 'Năm', 'Mốc hoàn thành', 'Ngày bắt đầu', 'Tỷ lệ đầu kỳ (%)']);
    const local = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 7 * 3600 * 1000;
    const row = (code: string) => targets.values.find((r) => r[0] === code)!;
    expect(row('VNEID')[2]).toBe(80);
    expect(row('VNEID')[3]).toBe(2026);
    expect((row('VNEID')[4] as Date).getTime()).toBe(local(2026, 12, 31));
    for (const code of ['CBCCVC', 'HSSV', 'NGUOI_DAN', 'NLD_DN', 'AI_CCVC']) {
      expect([code, row(code)[2], (row(code)[4] as Date).getTime()]).toEqual([code, 100, local(2026, 11, 30)]);
    }
    for (const r of targets.values.slice(1)) expect([(r[5] as Date).getTime(), r[6]]).toEqual([local(2026, 1, 1), 0]);
    expect(g.truth.targets.CBCCVC).toEqual({ target: 100, expected: (100 * 323) / 333, baseline: 0, start: '2026-01-01', end: '2026-11-30' });
    expect(g.truth.targets.VNEID).toEqual({ target: 80, expected: (80 * 323) / 364, baseline: 0, start: '2026-01-01', end: '2026-12-31' });
  });

  it('other provinces and years: the default targets, Mốc hoàn thành left to its default', () => {
    const hn = gen({ seed: 7, units: 50, learners: 2500, province: { code: '001', name: 'Hà Nội' } });
    const t = hn.snapshot.sheets.find((s) => s.name === SHEET.targets)!;
    expect(t.values.find((r) => r[0] === 'VNEID')![2]).toBe(60);
    expect(t.values.slice(1).every((r) => r[4] === '')).toBe(true);
    expect(hn.truth.targets.NGUOI_DAN.end).toBe('2026-11-30');
    expect(hn.truth.targets.VNEID.end).toBe('2026-12-31');
    const y27 = gen({ seed: 6, units: 40, learners: 3000, today: '2027-01-24', errorRate: 0.2 });
    expect(y27.truth.targets.CBCCVC).toEqual({ target: 100, expected: (100 * 23) / 364, baseline: 0, start: '2027-01-01', end: '2027-12-31' });
    expect(y27.truth.targets.VNEID.target).toBe(60);
    const y25 = generateProvince({ seed: 9, units: 20, learners: 500, today: '2025-10-20' });
    const rows25 = y25.snapshot.sheets.find((s) => s.name === SHEET.targets)!.values.slice(1);
    expect(rows25.map((r) => [r[0], r[2]])).toEqual([
      ['CBCCVC', 80],
      ['HSSV', 100],
      ['NGUOI_DAN', 80],
      ['VNEID', 40],
      ['NLD_DN', 80],
    ]);
    expect(y25.truth.targets.AI_CCVC).toMatchObject({ target: null, expected: null });
    for (const u of Object.values(y25.truth.units)) if (u.indicators.AI_CCVC) expect(u.indicators.AI_CCVC.status).toBe('no_data');
  });

  it('unit codes and names follow the brief', () => {
    const reg = g.snapshot.sheets.find((s) => s.name === SHEET.units)!.values.slice(1);
    const codes = reg.map((r) => String(r[0]));
    expect(codes).toContain('SO01');
    expect(codes).toContain('XA001');
    expect(codes).toContain('TR01');
    expect(codes).toContain('DN01');
    expect(codes).toContain('KH01');
    const names = reg.map((r) => String(r[1]));
    for (const n of ['Sở Tài chính', 'UBND xã Yên Định', 'UBND phường Hạc Thành', 'Trường THPT Lê Lợi', 'Công ty CP May Nam Sơn']) expect(names).toContain(n);
    expect(new Set(names.map(foldKey)).size).toBe(names.length);
    const types = reg.map((r) => r[2]);
    expect(types.filter((t) => t === 'UBND xã/phường').length).toBe(150);
    expect(types.filter((t) => t === 'Sở/ngành').length).toBe(40);
    expect(reg.some((r) => r[4] === '')).toBe(true); // a few units without a focal e-mail
  });
});

describe('generateProvince: injected problems', () => {
  it.each([1, 2, 3])('seed %i, default size: every learner issue code and every report code is present', (seed) => {
    const g = gen({ seed });
    const codes = new Set(g.truth.rowIssues.map((i) => i.code));
    for (const c of [...LEARNER_CODES, ...REPORT_CODES, ...COURSE_CODES, 'UNIT_UNKNOWN' as IssueCode, 'PLATFORM_CCCD_INVALID' as IssueCode])
      expect([seed, c, codes.has(c)]).toEqual([seed, c, true]);
    expect(codes.has('REPORT_EXCEEDS_EVIDENCE')).toBe(false); // replaced by REPORT_UNSUPPORTED
    // every injected variant at least 3 times at the default size (the error budget is 600 rows)
    for (const k of KINDS.slice(1)) expect([k.id, (g.truth.injected[k.id] ?? 0) >= 3]).toEqual([k.id, true]);
    const learnerRows = g.truth.rowIssues.filter((i) => !NOT_LEARNER_SHEETS.has(i.sheet) && i.code !== 'COURSE_UNMAPPED');
    const injectedRows = new Set(learnerRows.map((i) => `${i.sheet}|${i.row}`)).size;
    expect(injectedRows).toBe(Math.round(20000 * 0.03));
  });

  it('at 2,000 learners every learner code still appears', () => {
    const g = gen({ seed: 4, learners: 2000, units: 80 });
    const codes = new Set(g.truth.rowIssues.map((i) => i.code));
    for (const c of LEARNER_CODES) expect([c, codes.has(c)]).toEqual([c, true]);
  });

  it('one problem per injected learner row, except a duplicate stored as a number', () => {
    const g = gen();
    for (const [k, all] of issueKeys(g.truth)) {
      if (NOT_LEARNER_SHEETS.has(k.split('|')[0])) continue;
      const codes = all.filter((c) => c !== 'COURSE_UNMAPPED');
      if (codes.length > 1) expect([k, codes.sort()]).toEqual([k, ['CCCD_DUPLICATE', 'CCCD_NUMERIC_CELL']]);
    }
  });

  it('injects the learner-row shapes of the brief', () => {
    const g = gen();
    const cells = new Map<string, Cell[]>();
    for (const s of g.snapshot.sheets) for (let r = 0; r < s.values.length; r++) cells.set(`${s.name}|${r + 1}`, s.values[r]);
    const hv = g.snapshot.sheets.find((s) => s.name === SHEET.learners)!;
    const cccdCol = column(hv, 'Số căn cước công dân');
    const at = (code: IssueCode) =>
      g.truth.rowIssues.filter((i) => i.code === code && i.sheet === SHEET.learners).map((i) => cells.get(`${i.sheet}|${i.row}`)!);
    expect(at('CCCD_PRECISION_LOST').some((r) => typeof r[cccdCol] === 'string' && /E\+\d+$/.test(r[cccdCol] as string))).toBe(true);
    expect(at('CCCD_PRECISION_LOST').some((r) => typeof r[cccdCol] === 'number' && (r[cccdCol] as number) >= 1e15)).toBe(true);
    expect(at('CCCD_NUMERIC_CELL').every((r) => typeof r[cccdCol] === 'number')).toBe(true);
    expect(at('CCCD_OLD_CMND').some((r) => typeof r[cccdCol] === 'number')).toBe(true);
    expect(at('CCCD_PROVINCE').every((r) => /^(099|100)\d{9}$/.test(String(r[cccdCol])))).toBe(true);
    expect(at('CCCD_CENTURY').every((r) => /^\d{3}[45]\d{8}$/.test(String(r[cccdCol])))).toBe(true);
    const nameCol = column(hv, 'Họ và tên');
    const legacy = at('NAME_LEGACY_ENCODING').map((r) => r[nameCol]);
    expect(legacy.some((n) => /[ªå]/.test(String(n)))).toBe(true); // TCVN3
    expect(legacy.some((n) => /e[ãâ]|a[êéø]/.test(String(n)))).toBe(true); // VNI
    const names = at('NAME_FORMAT').map((r) => String(r[nameCol]));
    // family name in capitals, the rest not (a name in capitals only is no issue: the ID card prints it so)
    expect(names.some((n) => /^\p{Lu}+ /u.test(n) && n !== n.toUpperCase())).toBe(true);
    expect(names.some((n) => n === n.toUpperCase())).toBe(false);
    expect(names.some((n) => n === n.toLowerCase())).toBe(true);
    expect(names.some((n) => /\d/.test(n))).toBe(true);
    expect(names.some((n) => n !== n.normalize('NFC'))).toBe(true);
    expect(names.some((n) => !n.includes(' '))).toBe(true);
    const emailCol = column(hv, 'Email');
    expect(at('EMAIL_TYPO').some((r) => String(r[emailCol]).endsWith('@gmail.con'))).toBe(true);
    // a duplicate on another sheet and one with separators inside the CCCD text
    expect(g.truth.rowIssues.some((i) => i.code === 'CCCD_DUPLICATE' && i.sheet !== SHEET.learners)).toBe(true);
    expect(at('CCCD_DUPLICATE').some((r) => typeof r[cccdCol] === 'string' && /[ .]/.test(r[cccdCol] as string))).toBe(true);
  });
});

describe('generateProvince: the truth is internally consistent', () => {
  const cases: [string, Parameters<typeof generateProvince>[0]][] = [
    ['default (before the deadline, a reminder date)', {}],
    ['after the deadline', { seed: 2, today: '2026-11-27' }],
    ['the day after the deadline (reminder date)', { seed: 3, learners: 5000, today: '2026-11-26' }],
    ['early in the year, periods across new year', { seed: 5, learners: 4000, units: 60, today: '2026-01-15', unitTabs: 6 }],
  ];

  it.each(cases)('%s', (_label, opts) => {
    const g = gen(opts);
    const t = g.truth;
    const today = opts?.today ?? DEMO_TODAY;
    expect(t.today).toBe(today);
    expect(t.period).toBe(today.slice(0, 7));
    expect(t.deadline).toBe(`${today.slice(0, 7)}-25`);

    // counts
    const units = Object.values(t.units);
    for (const u of units) {
      const c = u.learners;
      expect(c.rows).toBe(c.valid + c.invalid);
      expect(c.valid).toBe(c.completed + c.inProgress + c.notStarted);
      expect(c.duplicates).toBeLessThanOrEqual(c.invalid);
    }
    const p = t.province.learners;
    expect(p.rows).toBe(p.valid + p.invalid);
    expect(p.valid).toBe(p.completed + p.inProgress + p.notStarted);

    // rows that belong to no unit are exactly the UNIT_MISSING / UNIT_UNKNOWN learner rows (all invalid)
    const byRow = issueKeys(t);
    const learnerKeys = [...byRow].filter(([k]) => !NOT_LEARNER_SHEETS.has(k.split('|')[0]));
    const noUnit = learnerKeys.filter(([, cs]) => cs.includes('UNIT_MISSING') || cs.includes('UNIT_UNKNOWN')).length;
    const sum = (k: keyof LearnerCounts) => units.reduce((n, u) => n + u.learners[k], 0);
    for (const k of COUNT_KEYS) {
      const extra = k === 'rows' || k === 'invalid' ? noUnit : 0;
      expect([k, sum(k) + extra]).toEqual([k, p[k]]);
    }
    // invalid rows = learner rows with an error issue; duplicates = CCCD_DUPLICATE rows
    expect(learnerKeys.filter(([, cs]) => cs.some((c) => ERROR_CODES.has(c))).length).toBe(p.invalid);
    expect(t.rowIssues.filter((i) => i.code === 'CCCD_DUPLICATE').length).toBe(p.duplicates);
    expect(t.duplicateGroups).toBeGreaterThan(0);
    expect(t.duplicateGroups).toBeLessThanOrEqual(p.duplicates);

    // every row issue points at a real non-blank data row of the named sheet; sorted
    const order = new Map(g.snapshot.sheets.map((s, i) => [s.name, i]));
    for (const i of t.rowIssues) {
      const s = g.snapshot.sheets.find((x) => x.name === i.sheet);
      expect(s).toBeDefined();
      const row = s!.values[i.row - 1];
      expect(row).toBeDefined();
      const first = NOT_LEARNER_SHEETS.has(s!.name) ? 1 : 1 + headerIndex(s!);
      expect(i.row - 1).toBeGreaterThanOrEqual(first);
      expect(row.some((c, k) => k > 0 && !empty(c))).toBe(true);
    }
    for (let k = 1; k < t.rowIssues.length; k++) {
      const a = t.rowIssues[k - 1];
      const b = t.rowIssues[k];
      const cmp = order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
      // the same code twice on a row only for a report row's per-column checks
      if (cmp === 0) expect(['REPORT_JUMP', 'REPORT_UNSUPPORTED']).toContain(a.code);
      else expect(cmp).toBeLessThan(0);
    }

    // reports, reasons, completeness, reminders
    const after = today.slice(8) > '25';
    const submitted = units.filter((u) => u.submitted).length;
    const onTime = units.filter((u) => u.submitted && !u.late).length;
    expect(t.province.completeness).toEqual({ expected: units.length, submitted, onTime });
    if (!after) expect(units.some((u) => u.late)).toBe(false);
    else expect(units.some((u) => u.late)).toBe(true);
    const missing = Object.entries(t.units)
      .filter(([, u]) => !u.submitted)
      .map(([c]) => c);
    expect(t.unitIssues).toEqual(after ? missing.map((unit) => ({ unit, code: 'REPORT_MISSING' })) : []);
    const ORDER = ['REPORT_MISSING', 'REPORT_DUE_SOON', 'BELOW_TRAJECTORY', 'REPORT_UNSUPPORTED', 'DATA_ERRORS'];
    expect(REASON_ORDER).toEqual(ORDER);
    for (const [code, u] of Object.entries(t.units)) {
      expect(u.reasons).toEqual([...u.reasons].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
      // REPORT_UNSUPPORTED ⇔ a reported count above its evidence × 1.1 (Rules v2 §E, D = 10)
      const unsupported = Object.values(u.indicators).some((v) => v!.reported !== null && v!.evidenced !== null && v!.reported * 100 > v!.evidenced * 110);
      expect([code, u.reasons.includes('REPORT_UNSUPPORTED')]).toEqual([code, unsupported]);
      for (const v of Object.values(u.indicators)) {
        // the numerator is the report, else the learner evidence
        if (v!.source === 'report') expect(v!.numerator).toBe(v!.reported);
        if (v!.source === 'learners') expect([v!.reported, v!.numerator]).toEqual([null, v!.evidenced]);
      }
      expect(u.reminderKind).toBe(reminderKindOf(u.reasons));
      if (u.reasons.length > 0) expect(u.reminderKind).not.toBeNull();
      expect(u.reasons.includes('REPORT_MISSING')).toBe(after && !u.submitted);
      expect(u.reasons.includes('BELOW_TRAJECTORY')).toBe(Object.values(u.indicators).some((v) => v!.status === 'behind'));
      if (u.late) expect(u.submitted).toBe(true);
      for (const v of Object.values(u.indicators)) {
        expect(v!.numerator !== null || v!.denominator !== null).toBe(true);
        expect(v!.status === 'no_data').toBe(v!.numerator === null || v!.denominator === null);
        expect(v!.source === null).toBe(v!.numerator === null);
      }
      void code;
    }
    expect([...t.reminders].sort()).toEqual(t.reminders);
    for (const code of t.reminders) expect(t.units[code].reasons.length).toBeGreaterThan(0);
    // province indicators: Σ numerators / Σ denominators over the units with a denominator
    for (const [code, v] of Object.entries(t.province.indicators)) {
      let num = 0;
      let den = 0;
      let reported = 0;
      let evidenced: number | null = null;
      for (const u of units) {
        const x = u.indicators[code as keyof typeof u.indicators];
        if (!x || x.denominator === null) continue;
        ((num += x.numerator ?? 0), (den += x.denominator), (reported += x.reported ?? 0));
        if (x.evidenced !== null) evidenced = (evidenced ?? 0) + x.evidenced;
      }
      expect([code, v]).toEqual([code, { numerator: num, denominator: den, reported, evidenced }]);
    }
  });

  it('a reminder date lists every lagging unit with a focal e-mail; other days none', () => {
    const g = gen();
    const reg = g.snapshot.sheets.find((s) => s.name === SHEET.units)!.values.slice(1);
    const email = new Map(reg.map((r) => [String(r[0]), String(r[4])]));
    const expected = Object.entries(g.truth.units)
      .filter(([c, u]) => u.reasons.length > 0 && email.get(c) !== '')
      .map(([c]) => c)
      .sort();
    expect(g.truth.reminders).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(gen({ seed: 2, today: '2026-11-27' }).truth.reminders).toEqual([]);
  });
});

describe('generateProvince: clean rows are clean', () => {
  it.each([1, 2])('seed %i: CCCD, name, e-mail, birth and gender of rows without issue', (seed) => {
    const g = gen({ seed });
    const issues = issueKeys(g.truth);
    const listed = new Set(PROVINCE_CODES);
    const seen = new Set<string>();
    const emails = new Set<string>();
    const problems: string[] = []; // one expect at the end: per-row expects are slow in jest
    const Y = 2026;
    const nonLatin1 = /[\u0100-\u024f\u1ea0-\u1ef9]/;
    const official = /^(CB|Công chức|Viên chức|Cán bộ|NLĐ|Người lao động)/;
    const adult = /^(Người dân|Công dân)/;
    const emailRe = /^[a-z0-9.]+@(gmail\.com|Gmail\.com|[a-z]+\.gov\.vn)$/;
    let clean = 0;
    for (const s of learnerSheets(g)) {
      const cC = column(s, 'Số căn cước công dân', 'SỐ CCCD');
      const cN = column(s, 'Họ và tên', 'Họ tên');
      const cE = column(s, 'Email', 'Thư điện tử');
      const cB = column(s, 'Ngày sinh');
      const cG = column(s, 'Giới tính');
      const cU = column(s, 'Đơn vị', 'Cơ quan, đơn vị');
      const cGr = column(s, 'Nhóm đối tượng', 'Đối tượng');
      for (const r of dataRows(s)) {
        if (issues.has(`${s.name}|${r}`)) continue;
        const row = s.values[r - 1];
        const bad = (why: string): void => {
          problems.push(`${s.name}!${r}: ${why} ${JSON.stringify(row)}`);
        };
        clean++;
        const d = cleanCccd(row[cC]);
        if (d === null || !/^\d{12}$/.test(d)) {
          bad('CCCD not 12 digits');
          continue;
        }
        if (!listed.has(d.slice(0, 3))) bad('province code not listed');
        if (seen.has(d)) bad('CCCD repeated');
        seen.add(d);
        const century = +d[3];
        const birth = 1900 + Math.floor(century / 2) * 100 + +d.slice(4, 6);
        const age = Y - birth;
        if (century >= 4 || age < 5 || age > 80) bad('implausible birth year');
        const group = cGr >= 0 ? String(row[cGr]) : '';
        if ((official.test(group) && age < 15) || (adult.test(group) && age < 18)) bad('age below the group minimum');
        if (cB >= 0 && !empty(row[cB])) {
          const b = row[cB];
          const y = b instanceof Date ? new Date(b.getTime() + 7 * 3600 * 1000).getUTCFullYear() : typeof b === 'number' ? b : +String(b).slice(-4);
          if (y !== birth) bad('Ngày sinh disagrees with the CCCD');
        }
        if (cG >= 0 && !empty(row[cG]) && row[cG] !== (century % 2 === 0 ? 'Nam' : 'Nữ')) bad('Giới tính disagrees with the CCCD');
        const name = String(row[cN]);
        const words = name.split(' ');
        if (name !== name.normalize('NFC')) bad('name not NFC');
        if (words.length < 2 || words.some((w) => w !== w[0].toUpperCase() + w.slice(1).toLowerCase())) bad('name not title case');
        if (!nonLatin1.test(name)) bad('name could pass for legacy text');
        if (cE >= 0 && !empty(row[cE])) {
          const e = String(row[cE]);
          if (!emailRe.test(e)) bad('e-mail shape');
          if (emails.has(e.toLowerCase())) bad('e-mail shared');
          emails.add(e.toLowerCase());
        }
        if (s.name === SHEET.learners && empty(row[cU])) bad('no unit');
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(clean).toBeGreaterThan(19000);
  });

  it('12-digit CCCDs are unique across the workbook except the injected duplicates', () => {
    const g = gen();
    const count = new Map<string, number>();
    for (const s of learnerSheets(g)) {
      const c = column(s, 'Số căn cước công dân', 'SỐ CCCD');
      for (const r of dataRows(s)) {
        const v = s.values[r - 1][c];
        const d = typeof v === 'number' && v < 1e12 ? String(v).padStart(12, '0') : cleanCccd(v);
        if (d && /^\d{12}$/.test(d)) count.set(d, (count.get(d) ?? 0) + 1);
      }
    }
    const repeated = [...count.values()].filter((n) => n > 1);
    expect(repeated.length).toBe(g.truth.duplicateGroups);
    expect(repeated.every((n) => n === 2)).toBe(true);
  });
});

describe('generateProvince: Rules v2 (courses, evidence, trajectory)', () => {
  const g = gen();
  const sheet = (name: string) => g.snapshot.sheets.find((s) => s.name === name)!;

  it('course names: every spelling maps to its programme; the two unmapped names map to nothing', () => {
    const want = ['CBCCVC', 'AI_CCVC', 'NLD_DN', 'NGUOI_DAN', 'HSSV'];
    PROGRAMME_SPELLINGS.forEach((list, p) => {
      for (const x of new Set(list)) expect([x, programmeOf(x), courseIndicator(x)]).toEqual([x, p, want[p]]);
    });
    expect(programmeOf(PROGRAMME_NAMES[3])).toBe(3);
    expect(courseIndicator('Khóa “Phổ cập kỹ năng số dành cho người dân” (đợt 2)')).toBe('NGUOI_DAN');
    expect(courseIndicator(UNMAPPED_LEARNER_COURSE)).toBeNull();
    expect(courseIndicator(UNMAPPED_PLATFORM_COURSE)).toBeNull();
    expect(courseIndicator('')).toBeNull();
  });

  it('Chương trình and Khóa học cells are programme names or blank, one unmapped name each, COURSE_UNMAPPED at its first row', () => {
    for (const [name, colName, unmapped] of [
      [SHEET.learners, 'Chương trình', UNMAPPED_LEARNER_COURSE],
      [SHEET.platform, 'Khóa học', UNMAPPED_PLATFORM_COURSE],
    ]) {
      const s = sheet(name);
      const h = name === SHEET.learners ? headerIndex(s) : 0;
      const c = s.values[h].indexOf(colName);
      const seen = new Set<string>();
      let first = -1;
      let ai = 0;
      for (let r = h + 1; r < s.values.length; r++) {
        const x = String(s.values[r][c] ?? '');
        if (x === '') continue;
        if (courseIndicator(x) === 'AI_CCVC') ai++;
        if (courseIndicator(x) === null) {
          seen.add(x);
          if (first < 0) first = r + 1;
        }
      }
      expect([...seen]).toEqual([unmapped]);
      const at = g.truth.rowIssues.filter((i) => i.code === 'COURSE_UNMAPPED' && i.sheet === name).map((i) => i.row);
      expect(at).toEqual([first]);
      expect(ai).toBeGreaterThan(0);
    }
  });

  it('platform dates: mostly inside the target period, some before it, complete rows without a date are COMPLETION_DATE_MISSING', () => {
    const s = sheet(SHEET.platform);
    const h = s.values[0];
    const [cD, cS] = [h.indexOf('Ngày hoàn thành'), h.indexOf('Trạng thái')];
    const start = Date.UTC(2026, 0, 1) - 7 * 3600 * 1000;
    const end = Date.UTC(2026, 11, 1) - 7 * 3600 * 1000; // after 30/11 local
    const todayEnd = Date.UTC(2026, 10, 21) - 7 * 3600 * 1000;
    let inside = 0;
    let before = 0;
    const missing: number[] = [];
    const complete = /^(Hoàn thành|Đã hoàn thành|Đạt|100%)$/;
    for (let r = 1; r < s.values.length; r++) {
      const d = s.values[r][cD];
      if (d instanceof Date) {
        expect(d.getTime()).toBeLessThan(todayEnd);
        if (d.getTime() >= start && d.getTime() < end) inside++;
        else if (d.getTime() < start) before++;
      } else if (complete.test(String(s.values[r][cS]))) missing.push(r + 1);
    }
    expect(inside).toBeGreaterThan(10 * before);
    expect(before).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    expect(g.truth.rowIssues.filter((i) => i.code === 'COMPLETION_DATE_MISSING').map((i) => i.row)).toEqual(missing);
  });

  it('statuses follow the trajectory rule with T = 10; print the share of units behind', () => {
    const t = g.truth;
    for (const [code, u] of Object.entries(t.units)) {
      for (const [ind, v] of Object.entries(u.indicators)) {
        const tg = t.targets[ind as keyof typeof t.targets];
        let want = 'no_data';
        if (v!.numerator !== null && v!.denominator !== null && v!.denominator > 0 && tg.target !== null) {
          const p = (v!.numerator / v!.denominator) * 100;
          want = p >= tg.target - 1e-9 ? 'met' : p >= tg.expected! - 10 - 1e-9 ? 'on_track' : 'behind';
        }
        expect([code, ind, v!.status]).toEqual([code, ind, want]);
      }
    }
    const units = Object.values(t.units);
    const behind = units.filter((u) => u.reasons.includes('BELOW_TRAJECTORY')).length;
    console.log(`generator: ${behind} of ${units.length} units behind their trajectory on ${t.today} (${((behind / units.length) * 100).toFixed(1)} %)`);
    expect(behind).toBeGreaterThan(0);
    expect(behind).toBeLessThan(units.length);
  });

  it('evidence: learner-evidenced indicators have a number, aggregate ones null; box-ticking units are REPORT_UNSUPPORTED', () => {
    const reg = sheet(SHEET.units).values.slice(1);
    const type = new Map(reg.map((r) => [String(r[0]), String(r[2])]));
    let unsupported = 0;
    let noRows = 0;
    for (const [code, u] of Object.entries(g.truth.units)) {
      for (const [ind, v] of Object.entries(u.indicators)) {
        const aggregate = ind === 'VNEID' || (ind === 'NGUOI_DAN' && type.get(code) === 'UBND xã/phường');
        expect([code, ind, v!.evidenced === null]).toEqual([code, ind, aggregate]);
        if (v!.evidenced !== null) expect(v!.evidenced).toBeLessThanOrEqual(u.learners.completed);
      }
      if (u.reasons.includes('REPORT_UNSUPPORTED')) {
        unsupported++;
        if (u.learners.rows === 0) noRows++;
      }
    }
    expect(unsupported).toBeGreaterThanOrEqual(2);
    expect(noRows).toBeGreaterThanOrEqual(1);
    const rows = g.truth.rowIssues.filter((i) => i.code === 'REPORT_UNSUPPORTED');
    expect(rows.every((i) => i.sheet === SHEET.reports)).toBe(true);
    expect(g.truth.rowIssues.filter((i) => i.code === 'REPORT_JUMP').length).toBeGreaterThanOrEqual(2);
  });

  it('Khác units: CBCCVC denominators only, blank group cells only where CBCCVC is meant', () => {
    const reg = sheet(SHEET.units).values;
    const h = reg[0].map(String);
    const khac = reg.slice(1).filter((r) => r[2] === 'Khác');
    expect(khac.length).toBeGreaterThan(0);
    const others = h.filter((x, i) => i > 6 && x !== 'Tổng số CB, CC, VC, NLĐ').map((x) => h.indexOf(x));
    for (const r of khac) for (const c of others) expect(r[c]).toBe('');
    const hv = sheet(SHEET.learners);
    const [cU, cG, cS] = [column(hv, 'Đơn vị'), column(hv, 'Nhóm đối tượng'), column(hv, 'Chương trình')];
    const names = new Set(khac.map((r) => String(r[1])));
    const issues = issueKeys(g.truth);
    let blank = 0;
    for (const r of dataRows(hv)) {
      const row = hv.values[r - 1];
      if (!names.has(String(row[cU])) || row[cG] !== '' || issues.has(`${SHEET.learners}|${r}`)) continue;
      blank++;
      const ind = courseIndicator(String(row[cS]));
      expect(ind === null || ind === 'CBCCVC' || ind === 'AI_CCVC').toBe(true);
    }
    expect(blank).toBeGreaterThan(0);
  });
});

const BENCH = scaleTest;

describe('benchmark', () => {
  BENCH('generates 1,000,000 learner rows in < 15 s', () => {
    const gc = (global as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    const g = generateProvince({ learners: 1_000_000 });
    const ms = Date.now() - t0;
    const heap = Math.round((process.memoryUsage().heapUsed - before) / 1e6);
    console.log(`generator: 1,000,000 learner rows in ${ms} ms, heap +${heap} MB, ${g.truth.rowIssues.length} row issues`);
    expect(g.truth.province.learners.rows).toBe(1_000_000);
    expect(ms).toBeLessThan(15000);
  });
});
