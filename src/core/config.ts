/**
 * Settings (`Cấu hình`) and targets (`Chỉ tiêu`), parsed with zod. A bad value is an issue with a
 * clear message and the default is used: configuration never crashes a run.
 *
 * `zod/mini` (the functional API of zod 4): the same parser as `zod` in a fraction of the bundle
 * (the Apps Script file is parsed on every onEdit and onOpen; classic zod made it 900 KB).
 */
import * as z from 'zod/mini';
import { CONFIG_KEYS, COURSE_DEADLINES, DEFAULT_TARGETS, INDICATORS, INDICATOR_NAMES, TARGETS_TABLE, type ConfigKey } from './schema';
import { parseDateCell, ymd, isDate, vnDateParts } from './dates';
import { checkEmail } from './email';
import { matchKey } from './text';
import { cellText, findTable, isEmptyCell } from './tables';
import type { Cell, IndicatorCode, IndicatorTarget, Settings, SheetSnapshot } from './types';
import type { IssueSink } from './issues';
import { CLOSED_LOCK, TARGET_WHY } from './messages';

function targetProblem(path: PropertyKey | undefined, cells: Record<'code' | 'target' | 'year' | 'deadline' | 'start' | 'baseline', string>): string {
  switch (path) {
    case 'code':
      return TARGET_WHY.code(cells.code);
    case 'target':
      return TARGET_WHY.target(cells.target);
    case 'year':
      return TARGET_WHY.year(cells.year);
    case 'start':
      return TARGET_WHY.start(cells.start);
    case 'baseline':
      return TARGET_WHY.baseline(cells.baseline);
    default:
      return TARGET_WHY.deadline(cells.deadline);
  }
}

const YES = new Set(['co', 'yes', 'true', 'x', '1', 'bat', 'dung', 'y']);
const NO = new Set(['khong', 'no', 'false', '0', 'tat', 'sai', 'n', '']);

/** A transform that may refuse its input with a Vietnamese reason. */
function refuse(ctx: z.core.ParsePayload, input: unknown, message: string): never {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
}

const dayList = (max: number) =>
  z.pipe(
    z.union([z.number(), z.string()], 'cần ghi số ngày, ví dụ 5, 2'),
    z.transform((v: number | string, ctx) => {
      const parts =
        typeof v === 'number'
          ? [v]
          : v
              .split(/[,;\s]+/)
              .filter(Boolean)
              .map(Number);
      for (const p of parts) {
        if (!Number.isInteger(p) || p < 0 || p > max) return refuse(ctx, v, `mỗi số ngày phải là số nguyên từ 0 đến ${max}`);
      }
      return Array.from(new Set(parts)).sort((a, b) => b - a);
    }),
  );

const emailList = z.pipe(
  z.string('cần ghi địa chỉ email, cách nhau bằng dấu phẩy'),
  z.transform((v: string, ctx) => {
    const parts = v.split(/[,;\s]+/).filter(Boolean);
    const out: string[] = [];
    for (const p of parts) {
      const r = checkEmail(p);
      if (!r.valid) return refuse(ctx, v, `${p} không phải địa chỉ email hợp lệ`);
      out.push(r.normalized);
    }
    return out;
  }),
);

const oneEmail = z.pipe(
  z.string('cần ghi một địa chỉ email'),
  z.transform((v: string, ctx) => {
    const s = v.trim();
    if (!s) return '';
    const r = checkEmail(s);
    return r.valid ? r.normalized : refuse(ctx, v, 'không phải địa chỉ email hợp lệ');
  }),
);

const yesNo = z.pipe(
  z.union([z.boolean(), z.string(), z.number()], 'cần ghi “Có” hoặc “Không”'),
  z.transform((v: boolean | string | number, ctx) => {
    if (typeof v === 'boolean') return v;
    const k = matchKey(String(v));
    if (YES.has(k)) return true;
    if (NO.has(k)) return false;
    return refuse(ctx, v, 'cần ghi “Có” hoặc “Không”');
  }),
);

const CYCLE_WORDS: Record<string, 'month' | 'quarter'> = {
  thang: 'month',
  'hang thang': 'month',
  'theo thang': 'month',
  month: 'month',
  monthly: 'month',
  quy: 'quarter',
  'hang quy': 'quarter',
  'theo quy': 'quarter',
  quarter: 'quarter',
  quarterly: 'quarter',
};

const cycle = z.pipe(
  z.string('cần ghi “Tháng” hoặc “Quý”'),
  z.transform((v: string, ctx) => CYCLE_WORDS[matchKey(v)] ?? refuse(ctx, v, 'cần ghi “Tháng” hoặc “Quý”')),
);

const quarterDay = z.pipe(
  z.union([z.number(), z.string()], 'phải là ngày của tháng cuối quý, số nguyên từ 1 đến 31'),
  z.transform((v: number | string, ctx) => {
    if (typeof v === 'string' && v.trim() === '') return null;
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= 31 ? n : refuse(ctx, v, 'phải là ngày của tháng cuối quý, số nguyên từ 1 đến 31');
  }),
);

const oneOffDate = z.pipe(
  z.string('cần ghi một ngày, ví dụ 29/05/2026'),
  z.transform((v: string, ctx) => {
    if (v.trim() === '') return null;
    const d = parseDateCell(v);
    return d ? ymd(d) : refuse(ctx, v, 'cần ghi một ngày, ví dụ 29/05/2026');
  }),
);

/** http(s), no whitespace (Apps Script has no `URL` global to parse it). */
const URL_RE = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

const sheetUrl = z.pipe(
  z.string('cần ghi đường dẫn bắt đầu bằng https://'),
  z.transform((v: string, ctx) => {
    const s = v.trim();
    if (!s) return '';
    return URL_RE.test(s) ? s : refuse(ctx, v, 'cần ghi đường dẫn bắt đầu bằng https://, không có dấu cách');
  }),
);

const PHONE_RE = /^\+?[0-9][0-9 .]*$/;

const phone = z.pipe(
  z.union([z.string(), z.number()], 'cần ghi số điện thoại, ví dụ 0237 3852 000'),
  z.transform((v: string | number, ctx) => {
    // A number cell lost the leading 0 of a Vietnamese number (or the + of +84…).
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || v <= 0) return refuse(ctx, v, 'cần ghi số điện thoại, ví dụ 0237 3852 000');
      const digits = String(v);
      return digits.startsWith('84') && digits.length >= 11 ? '+' + digits : '0' + digits;
    }
    const s = v.trim().replace(/\s+/g, ' ');
    if (!s) return '';
    return PHONE_RE.test(s) ? s : refuse(ctx, v, 'số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm và dấu + ở đầu');
  }),
);

const CLOSED_LOCK_WORDS: Record<string, 'block' | 'warn'> = {
  [matchKey(CLOSED_LOCK.block)]: 'block',
  chan: 'block',
  khoa: 'block',
  block: 'block',
  [matchKey(CLOSED_LOCK.warn)]: 'warn',
  'canh bao': 'warn',
  warn: 'warn',
  warning: 'warn',
};

const closedLock = z.pipe(
  z.string(CLOSED_LOCK.why),
  z.transform((v: string, ctx) => CLOSED_LOCK_WORDS[matchKey(v)] ?? refuse(ctx, v, CLOSED_LOCK.why)),
);

/** A line of text of the official report (numbers kept as typed: a cell may hold one). */
const textLine = (what: string) =>
  z.pipe(
    z.union([z.string(), z.number()], `cần ghi ${what}`),
    z.transform((v: string | number) => String(v).trim().replace(/\s+/g, ' ')),
  );

/** Free text of the official report: lines kept (one paragraph each), blank lines dropped. */
const freeText = z.pipe(
  z.union([z.string(), z.number()], 'cần ghi nội dung bằng chữ'),
  z.transform((v: string | number) =>
    String(v)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n'),
  ),
);

/** “Ký hiệu báo cáo”: letters, digits, '-' and '.', as in BC-SKHCN or BC-SKHCN.CĐS. */
const reportSymbol = z.pipe(
  z.string('cần ghi ký hiệu, ví dụ BC-SKHCN'),
  z.transform((v: string, ctx) => {
    const s = v.trim().replace(/^\//, '');
    return /^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(s) ? s : refuse(ctx, v, 'ký hiệu chỉ gồm chữ, số, dấu gạch ngang và dấu chấm, ví dụ BC-SKHCN');
  }),
);

/** “Nơi nhận”: items separated by ';' or line breaks, a leading “-” and a trailing ';' or '.' dropped. */
const recipientList = z.pipe(
  z.string('cần ghi nơi nhận, cách nhau bằng dấu chấm phẩy'),
  z.transform((v: string) =>
    v
      .split(/[;\r\n]+/)
      .map((p) =>
        p
          .trim()
          .replace(/^[-–+•]\s*/, '')
          .replace(/[;.,\s]+$/, '')
          .trim(),
      )
      .filter(Boolean),
  ),
);

/** One schema per setting; input is the raw cell. */
const SETTING_SCHEMAS: Record<ConfigKey, z.ZodMiniType> = {
  departmentName: z.string('cần ghi tên cơ quan').check(z.trim(), z.minLength(1, 'không được để trống')),
  deadlineDay: z.coerce
    .number('phải là ngày trong tháng, số nguyên từ 1 đến 31')
    .check(z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 31, 'phải là ngày trong tháng, số nguyên từ 1 đến 31')),
  cycle,
  quarterDeadlineDay: quarterDay,
  oneOffDeadline: oneOffDate,
  remindBefore: dayList(27),
  remindAfter: dayList(27),
  digestEmails: emailList,
  staffEmails: emailList,
  contactName: z.string('cần ghi họ tên').check(z.trim()),
  contactEmail: oneEmail,
  contactPhone: phone,
  sheetUrl,
  dryRun: yesNo,
  evidenceTolerance: percentSetting(1000),
  progressTolerance: percentSetting(100),
  jumpThreshold: percentSetting(1000),
  closedLock,
  parentAgency: textLine('tên cơ quan chủ quản'),
  place: textLine('địa danh, ví dụ Thanh Hóa'),
  reportSymbol,
  addressee: textLine('nơi gửi, ví dụ Chủ tịch UBND tỉnh'),
  recipients: recipientList,
  signerTitle: textLine('chức vụ, ví dụ GIÁM ĐỐC'),
  signerName: textLine('họ tên người ký'),
  difficulties: freeText,
  proposals: freeText,
};

function percentSetting(max: number) {
  const why = `phải là số phần trăm từ 0 đến ${max}`;
  return z.coerce.number(why).check(z.refine((n) => isFinite(n) && n >= 0 && n <= max, why));
}

export function defaultSettings(year: number): Settings {
  const s: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    s[key] = SETTING_SCHEMAS[key].parse(CONFIG_KEYS[key].default);
  }
  s.targets = defaultTargets(year);
  return s as unknown as Settings;
}

export function defaultTargets(year: number): IndicatorTarget[] {
  const base = DEFAULT_TARGETS[year] ?? DEFAULT_TARGETS[year < 2025 ? 2025 : 2026];
  return INDICATORS.map((code) => ({
    code,
    name: INDICATOR_NAMES[code],
    target: base[code] ?? null,
    year,
    deadline: defaultEnd(code, year),
    start: `${year}-01-01`,
    baseline: 0,
  }));
}

/** Mốc hoàn thành when none is given: seed 001's course end for its 2026 programmes, else 31/12. */
export function defaultEnd(code: IndicatorCode, year: number): string {
  const c = COURSE_DEADLINES[year];
  return c && c.codes.includes(code) ? c.date : `${year}-12-31`;
}

const keyIndex: Map<string, ConfigKey> = (() => {
  const m = new Map<string, ConfigKey>();
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const def = CONFIG_KEYS[key];
    for (const label of [def.label, ...def.aliases]) m.set(matchKey(label), key);
  }
  return m;
})();

export function configKeyOf(text: string): ConfigKey | null {
  return keyIndex.get(matchKey(text)) ?? null;
}

function rawValue(c: Cell): string | number | boolean {
  if (isDate(c)) return ymd(vnDateParts(c));
  if (c === null) return '';
  return c as string | number | boolean;
}

/** Read `Cấu hình`: every row whose first non-empty cell is a known key. */
export function parseSettings(sheet: SheetSnapshot | undefined, year: number, issues: IssueSink): Settings {
  const settings = defaultSettings(year) as unknown as Record<string, unknown>;
  if (!sheet) return settings as unknown as Settings;
  const seen = new Set<ConfigKey>();
  sheet.values.forEach((row, r) => {
    let c = 0;
    while (c < row.length && isEmptyCell(row[c])) c++;
    if (c >= row.length) return;
    const key = configKeyOf(cellText(row[c]));
    if (!key || seen.has(key)) return;
    seen.add(key);
    let v = c + 1;
    while (v < row.length && isEmptyCell(row[v])) v++;
    const raw = v < row.length ? rawValue(row[v]) : '';
    // An absent value keeps the default, except for lists and names where empty means "none".
    if (
      raw === '' &&
      (key === 'deadlineDay' ||
        key === 'cycle' ||
        key === 'remindBefore' ||
        key === 'evidenceTolerance' ||
        key === 'progressTolerance' ||
        key === 'jumpThreshold' ||
        key === 'closedLock' ||
        key === 'departmentName' ||
        key === 'reportSymbol' ||
        key === 'addressee' ||
        key === 'recipients' ||
        key === 'signerTitle')
    )
      return;
    const parsed = SETTING_SCHEMAS[key].safeParse(typeof raw === 'string' ? raw.trim() : raw);
    if (parsed.success) settings[key] = parsed.data;
    else {
      // A send cannot be undone: a Chế độ thử the department wrote but we cannot read means
      // "dry run" until it is fixed, not the default (send).
      const safe = key === 'dryRun';
      if (safe) settings.dryRun = true;
      issues.add(
        'CONFIG_INVALID',
        { sheet: sheet.name, row: r + 1, column: cellText(row[c]) },
        {
          key: CONFIG_KEYS[key].label,
          value: String(raw),
          why: parsed.error.issues[0]?.message ?? 'không hợp lệ',
          defaultValue: safe ? 'Có' : String(CONFIG_KEYS[key].default || '(trống)'),
          safe,
        },
      );
    }
  });
  return settings as unknown as Settings;
}

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const TargetRow = z.object({
  code: z.enum(INDICATORS as [IndicatorCode, ...IndicatorCode[]]),
  target: z.number().check(z.gte(0), z.lte(100)),
  year: z.int().check(z.gte(2000), z.lte(2999)),
  deadline: isoDate,
  start: isoDate,
  baseline: z.number().check(z.gte(0), z.lte(100)),
});

function percentOf(c: Cell): number | null {
  if (typeof c === 'number') return c > 0 && c <= 1 ? c * 100 : c;
  if (typeof c === 'string') {
    const s = c.trim().replace(',', '.');
    const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(s);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * Targets for the year of `today`: per indicator, the `Chỉ tiêu` row of that year, else the
 * latest earlier year in the sheet, else the seeds' default.
 */
export function parseTargets(sheet: SheetSnapshot | undefined, sheetIndex: number, year: number, issues: IssueSink): IndicatorTarget[] {
  const defaults = defaultTargets(year);
  if (!sheet) return defaults;
  const table = findTable(sheet, sheetIndex, TARGETS_TABLE);
  if (!table) {
    issues.add('TABLE_NOT_FOUND', { sheet: sheet.name }, { columns: 'Mã chỉ tiêu, Mục tiêu (%)' });
    return defaults;
  }
  const col = table.columns;
  const rows: IndicatorTarget[] = [];
  for (let r = table.headerIndex + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row || isEmptyCell(row[col.code])) continue;
    const code = cellText(row[col.code])
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_');
    const yearCell = col.year !== undefined ? row[col.year] : '';
    const y = typeof yearCell === 'number' ? yearCell : isEmptyCell(yearCell) ? year : Number(cellText(yearCell).trim());
    /** An optional date column: its ISO date, `fallback` when empty, 'invalid' when unreadable. */
    const dateOf = (field: string, fallback: string): string => {
      const c = col[field] !== undefined ? row[col[field]] : '';
      if (isEmptyCell(c)) return fallback;
      const p = parseDateCell(c);
      return p ? ymd(p) : 'invalid';
    };
    const baselineCell = col.baseline !== undefined ? row[col.baseline] : '';
    const candidate = {
      code,
      target: percentOf(row[col.target]),
      year: y,
      deadline: dateOf('deadline', INDICATORS.includes(code as IndicatorCode) ? defaultEnd(code as IndicatorCode, y) : `${y}-12-31`),
      start: dateOf('start', `${y}-01-01`),
      baseline: isEmptyCell(baselineCell) ? 0 : percentOf(baselineCell),
    };
    const parsed = TargetRow.safeParse(candidate);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0];
      const why = targetProblem(path, {
        code,
        target: cellText(row[col.target]),
        year: cellText(yearCell),
        deadline: cellText(row[col.deadline ?? 0]),
        start: cellText(row[col.start ?? 0]),
        baseline: cellText(baselineCell),
      });
      issues.add('TARGET_INVALID', { sheet: sheet.name, row: r + 1 }, { why });
      continue;
    }
    const t = parsed.data;
    if (t.deadline <= t.start) {
      issues.add('TARGET_INVALID', { sheet: sheet.name, row: r + 1 }, { why: TARGET_WHY.order(t.start, t.deadline) });
      continue;
    }
    if (t.baseline > t.target) {
      issues.add('TARGET_INVALID', { sheet: sheet.name, row: r + 1 }, { why: TARGET_WHY.baselineAbove(t.baseline, t.target) });
      continue;
    }
    rows.push({ ...t, name: col.name !== undefined && cellText(row[col.name]).trim() ? cellText(row[col.name]).trim() : INDICATOR_NAMES[t.code] });
  }
  return defaults.map((def) => {
    let best: IndicatorTarget | null = null;
    for (const t of rows) {
      if (t.code !== def.code || t.year > year) continue;
      if (!best || t.year >= best.year) best = t; // later rows of the same year win
    }
    return best ?? def;
  });
}
