/**
 * Settings (`Cấu hình`) and targets (`Chỉ tiêu`), parsed with zod. A bad value is an issue with a
 * clear message and the default is used: configuration never crashes a run.
 *
 * `zod/mini` (the functional API of zod 4): the same parser as `zod` in a fraction of the bundle
 * (the Apps Script file is parsed on every onEdit and onOpen; classic zod made it 900 KB).
 */
import * as z from 'zod/mini';
import { CONFIG_KEYS, DEFAULT_TARGETS, INDICATORS, INDICATOR_NAMES, TARGETS_TABLE, type ConfigKey } from './schema';
import { parseDateCell, ymd, isDate, vnDateParts } from './dates';
import { checkEmail } from './email';
import { matchKey } from './text';
import { cellText, findTable, isEmptyCell } from './tables';
import type { Cell, IndicatorCode, IndicatorTarget, Settings, SheetSnapshot } from './types';
import type { IssueSink } from './issues';

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
      const parts = typeof v === 'number' ? [v] : v.split(/[,;\s]+/).filter(Boolean).map(Number);
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

/** One schema per setting; input is the raw cell. */
const SETTING_SCHEMAS: Record<ConfigKey, z.ZodMiniType> = {
  departmentName: z.string('cần ghi tên cơ quan').check(z.trim(), z.minLength(1, 'không được để trống')),
  deadlineDay: z.coerce.number('phải là ngày trong tháng, số nguyên từ 1 đến 31').check(z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 31, 'phải là ngày trong tháng, số nguyên từ 1 đến 31')),
  remindBefore: dayList(27),
  remindAfter: dayList(27),
  digestEmails: emailList,
  contactName: z.string('cần ghi họ tên').check(z.trim()),
  contactEmail: oneEmail,
  contactPhone: phone,
  sheetUrl,
  dryRun: yesNo,
  evidenceTolerance: z.coerce.number('phải là số phần trăm từ 0 đến 1000').check(z.refine((n) => isFinite(n) && n >= 0 && n <= 1000, 'phải là số phần trăm từ 0 đến 1000')),
};

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
  return INDICATORS.map((code) => ({ code, name: INDICATOR_NAMES[code], target: base[code], year, deadline: `${year}-12-31` }));
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
    if (raw === '' && (key === 'deadlineDay' || key === 'remindBefore' || key === 'evidenceTolerance' || key === 'departmentName')) return;
    const parsed = SETTING_SCHEMAS[key].safeParse(typeof raw === 'string' ? raw.trim() : raw);
    if (parsed.success) settings[key] = parsed.data;
    else {
      // A send cannot be undone: a Chế độ thử the department wrote but we cannot read means
      // "dry run" until it is fixed, not the default (send).
      const safe = key === 'dryRun';
      if (safe) settings.dryRun = true;
      issues.add('CONFIG_INVALID', { sheet: sheet.name, row: r + 1, column: cellText(row[c]) }, {
        key: CONFIG_KEYS[key].label,
        value: String(raw),
        why: parsed.error.issues[0]?.message ?? 'không hợp lệ',
        defaultValue: safe ? 'Có' : String(CONFIG_KEYS[key].default || '(trống)'),
        safe,
      });
    }
  });
  return settings as unknown as Settings;
}

const TargetRow = z.object({
  code: z.enum(INDICATORS as [IndicatorCode, ...IndicatorCode[]]),
  target: z.number().check(z.gte(0), z.lte(100)),
  year: z.int().check(z.gte(2000), z.lte(2999)),
  deadline: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
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
    const code = cellText(row[col.code]).trim().toUpperCase().replace(/[\s-]+/g, '_');
    const yearCell = col.year !== undefined ? row[col.year] : '';
    const y = typeof yearCell === 'number' ? yearCell : isEmptyCell(yearCell) ? year : Number(cellText(yearCell).trim());
    const dl = col.deadline !== undefined && !isEmptyCell(row[col.deadline]) ? parseDateCell(row[col.deadline]) : null;
    const candidate = {
      code,
      target: percentOf(row[col.target]),
      year: y,
      deadline: dl ? ymd(dl) : col.deadline !== undefined && !isEmptyCell(row[col.deadline]) ? 'invalid' : `${y}-12-31`,
    };
    const parsed = TargetRow.safeParse(candidate);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0];
      const why =
        path === 'code'
          ? `mã chỉ tiêu “${code}” không có trong danh mục`
          : path === 'target'
            ? `mục tiêu “${cellText(row[col.target])}” không phải tỷ lệ từ 0 đến 100%`
            : path === 'year'
              ? `năm “${cellText(yearCell)}” không hợp lệ`
              : `mốc hoàn thành “${cellText(row[col.deadline ?? 0])}” không phải ngày`;
      issues.add('TARGET_INVALID', { sheet: sheet.name, row: r + 1 }, { why });
      continue;
    }
    rows.push({ ...parsed.data, name: col.name !== undefined && cellText(row[col.name]).trim() ? cellText(row[col.name]).trim() : INDICATOR_NAMES[parsed.data.code] });
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

