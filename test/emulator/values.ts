/**
 * Cell values as Google Sheets stores them: parsing a typed string (or a string written by
 * setValues), display strings, time zones, Utilities.formatDate, and A1 notation.
 */
import { fail, isDate } from './core';

export type CellValue = string | number | boolean | Date;

/** Documented limit: 50,000 characters per cell. */
export const MAX_CELL_CHARS = 50_000;
export const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/** The plain-text number format. */
export const TEXT_FORMAT = '@';

// ---------------------------------------------------------------------------------------------
// Time zones

const dtfCache = new Map<string, Intl.DateTimeFormat | null>();

/**
 * Zones computed directly since their last offset change; before it, their history comes from
 * Intl like any other zone's (IANA tz data: Asia/Ho_Chi_Minh UTC+8 from 31/12/1959 to 13/06/1975;
 * Asia/Jakarta UTC+7:30 until 1964; Asia/Bangkok UTC+7 since 1920). Sheets applies a zone's
 * history when it turns a date cell into an instant, so a birth date typed as 01/01/1965 on a
 * Vietnam sheet is the instant of midnight UTC+8 (the stricter reading: Google's reference does
 * not say which tz data Sheets uses; Java's and ICU's both have this history).
 */
const FIXED: Record<string, [number, number]> = {
  'Asia/Ho_Chi_Minh': [420, Date.UTC(1975, 5, 12, 16)],
  'Asia/Saigon': [420, Date.UTC(1975, 5, 12, 16)],
  'Asia/Bangkok': [420, Date.UTC(1920, 3, 1)],
  'Asia/Jakarta': [420, Date.UTC(1963, 11, 31, 16, 30)],
  'Asia/Phnom_Penh': [420, Date.UTC(1920, 3, 1)],
  'Asia/Vientiane': [420, Date.UTC(1920, 3, 1)],
};

function fixedOffsetMinutes(tz: string, ms?: number): number | null {
  const t = tz.trim();
  const f = FIXED[t];
  if (f !== undefined) return ms === undefined || ms >= f[1] ? f[0] : null;
  if (/^(UTC|GMT|Z|Etc\/(UTC|GMT|UCT|Zulu)|UCT|Zulu)$/i.test(t)) return 0;
  let m = /^(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (m) {
    const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -v : v;
  }
  m = /^Etc\/GMT([+-])(\d{1,2})$/i.exec(t);
  if (m) return (m[1] === '-' ? 1 : -1) * Number(m[2]) * 60; // POSIX sign is inverted
  return null;
}

function dtf(tz: string): Intl.DateTimeFormat | null {
  if (dtfCache.has(tz)) return dtfCache.get(tz)!;
  let f: Intl.DateTimeFormat | null = null;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    f = null;
  }
  dtfCache.set(tz, f);
  return f;
}

/** True when the zone is understood (Java would silently fall back to GMT otherwise). */
export function isKnownTimeZone(tz: string): boolean {
  return fixedOffsetMinutes(tz) !== null || dtf(tz) !== null;
}

/** Offset of `tz` from UTC at instant `ms`, in minutes (Asia/Ho_Chi_Minh → 420). Unknown zones → 0 (GMT), as Java does. */
export function tzOffsetMinutes(tz: string, ms: number): number {
  const fixed = fixedOffsetMinutes(tz, ms);
  if (fixed !== null) return fixed;
  const f = dtf(tz);
  if (!f) return 0;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second);
  const floored = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((asUtc - floored) / 60000);
}

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
}

export function localParts(ms: number, tz: string): LocalParts {
  const off = tzOffsetMinutes(tz, ms);
  const d = new Date(ms + off * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: off,
  };
}

/** The instant of a local wall-clock time in `tz`. */
export function fromLocal(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const off = tzOffsetMinutes(tz, guess);
  let t = guess - off * 60000;
  const off2 = tzOffsetMinutes(tz, t);
  if (off2 !== off) t = guess - off2 * 60000;
  return new Date(t);
}

// ---------------------------------------------------------------------------------------------
// Utilities.formatDate (java.text.SimpleDateFormat letters)

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, w: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
}

function offsetString(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

/** Short zone name as Java prints it for `z` (ICT for Indochina time, UTC/GMT, else GMT+hh:mm). */
function zoneShortName(tz: string, off: number): string {
  if (off === 0 && /^(UTC|Etc\/UTC)$/i.test(tz)) return 'UTC';
  if (off === 0) return 'GMT';
  if (/^Asia\/(Ho_Chi_Minh|Saigon|Bangkok|Phnom_Penh|Vientiane)$/.test(tz)) return 'ICT';
  return `GMT${offsetString(off, true)}`;
}

/**
 * Format like Utilities.formatDate(date, timeZone, pattern): SimpleDateFormat letters
 * G y Y M L d D E u a H k K h m s S z Z X and quoted literals ('T', '' for a quote).
 * Unknown letters throw "Illegal pattern character 'x'" as Java does.
 */
export function formatDatePattern(date: Date, tz: string, pattern: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) fail('Invalid argument: date');
  const p = localParts(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) fail('Unterminated quote');
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'D': {
        const doy = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
        out += pad(doy, n);
        break;
      }
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'z':
        out += zoneShortName(tz, p.offsetMinutes);
        break;
      case 'Z':
        out += offsetString(p.offsetMinutes, false);
        break;
      case 'X':
        if (p.offsetMinutes === 0) out += 'Z';
        else if (n === 1) out += offsetString(p.offsetMinutes, false).slice(0, 3);
        else out += offsetString(p.offsetMinutes, n >= 3);
        break;
      default:
        fail(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsing a string as if typed into a cell

export interface ParsedInput {
  value: CellValue;
  /** The text is a formula (starts with '='): the emulator stores it as the cell's value and its formula. */
  formula: boolean;
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/;
const ISO_DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function validTime(h?: string, mi?: string, s?: string): boolean {
  return h === undefined || (Number(h) < 24 && Number(mi) < 60 && Number(s ?? 0) < 60);
}

/** Day-first unless the locale is a month-first one (en_US and a few others). */
export function monthFirst(locale: string): boolean {
  return /^(en_US|en_PH|en_CA|es_US|fil)/i.test(locale);
}

/**
 * What Sheets stores when this text is typed (or written by setValue/setValues) into a cell whose
 * number format is automatic: numbers ('038123456789' → 38123456789, leading zeros lost; more than
 * 15 significant digits lose precision), booleans, dates (d/m/yyyy in a day-first locale,
 * yyyy-mm-dd; at local midnight of the spreadsheet's time zone), percentages, a leading
 * apostrophe forces text (and is dropped), '=…' is a formula. Anything else stays text.
 */
export function parseTyped(s: string, tz: string, locale: string): ParsedInput {
  if (s.length > MAX_CELL_CHARS) fail(CELL_TOO_LONG);
  if (s === '') return { value: '', formula: false };
  if (s[0] === "'") return { value: s.slice(1), formula: false };
  if (s[0] === '=' && s.length > 1) return { value: s, formula: true };
  const t = s.trim();
  if (t === '') return { value: s, formula: false };
  const up = t.toUpperCase();
  if (up === 'TRUE') return { value: true, formula: false };
  if (up === 'FALSE') return { value: false, formula: false };
  if (NUMBER_RE.test(t)) return { value: Number(t), formula: false };
  if (GROUPED_RE.test(t)) return { value: Number(t.replace(/,/g, '')), formula: false };
  let m = PERCENT_RE.exec(t);
  if (m) return { value: Number(m[1]) / 100, formula: false };
  m = ISO_DATE_RE.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validYmd(y, mo, d) && validTime(m[4], m[5], m[6])) {
      return { value: fromLocal(tz, y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)), formula: false };
    }
  }
  m = SLASH_DATE_RE.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const [d, mo] = monthFirst(locale) ? [b, a] : [a, b];
    if (validYmd(y, mo, d) && validTime(m[4], m[5], m[6])) {
      return { value: fromLocal(tz, y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)), formula: false };
    }
  }
  return { value: s, formula: false };
}

// ---------------------------------------------------------------------------------------------
// Display strings (Range.getDisplayValues)

function separators(locale: string): { decimal: string; group: string } {
  // Vietnamese, most of continental Europe and Latin America use a decimal comma.
  if (/^(vi|de|fr|es|it|pt|nl|id|ru|pl|tr|da|fi|nb|sv|cs|ro|hu|uk)/i.test(locale) && !/^es_(US|MX)/i.test(locale)) {
    return { decimal: ',', group: /^(fr|ru|pl|cs|fi|nb|sv|uk|hu)/i.test(locale) ? '\u00a0' : '.' };
  }
  return { decimal: '.', group: ',' };
}

function groupDigits(int: string, group: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** Sheets' automatic format: up to 15 significant digits, scientific notation for very large or small. */
function autoNumber(n: number, locale: string): string {
  const { decimal } = separators(locale);
  if (!Number.isFinite(n)) return '#NUM!';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e15 || a < 1e-9)) {
    const [mant, exp] = n.toExponential(5).split('e');
    const cleaned = mant.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${cleaned.replace('.', decimal)}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), 2)}`;
  }
  const s = String(Number(n.toPrecision(15)));
  return s.replace('.', decimal);
}

function applyNumberPattern(n: number, pattern: string, locale: string): string {
  const { decimal, group } = separators(locale);
  let pat = pattern.split(';')[0];
  if (pat.includes('%')) n *= 100;
  const lit = pat.replace(/"[^"]*"/g, '');
  const m = /([#0,]+)(?:\.([0#]+))?/.exec(lit);
  if (!m) return autoNumber(n, locale);
  const decimals = m[2] ? m[2].length : 0;
  const minDec = m[2] ? (m[2].match(/0/g) ?? []).length : 0;
  const grouped = m[1].includes(',');
  const fixed = Math.abs(n).toFixed(decimals);
  let [int, frac = ''] = fixed.split('.');
  while (frac.length > minDec && frac.endsWith('0')) frac = frac.slice(0, -1);
  const minInt = (m[1].match(/0/g) ?? []).length;
  if (int.length < minInt) int = '0'.repeat(minInt - int.length) + int;
  if (int === '0' && minInt === 0) int = '';
  if (grouped) int = groupDigits(int, group);
  let body = int + (frac ? decimal + frac : '');
  if (body === '') body = '0';
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  pat = pat.replace(/"([^"]*)"/g, '$1');
  const start = pat.indexOf(m[0]);
  const prefix = start >= 0 ? pat.slice(0, start) : '';
  const suffix = start >= 0 ? pat.slice(start + m[0].length) : '';
  return sign + prefix.replace(/\\/g, '') + body + suffix.replace(/\\/g, '');
}

/** Spreadsheet date/time format (yyyy, yy, mm as month or minute by context, m, dd, d, hh, h, ss, am/pm). */
function applyDatePattern(date: Date, pattern: string, tz: string): string {
  const p = localParts(date.getTime(), tz);
  const tokens = pattern.match(/y+|m+|d+|h+|s+|am\/pm|a\/p|"[^"]*"|\\.|./gi) ?? [];
  let out = '';
  const hasAmPm = /am\/pm|a\/p/i.test(pattern);
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    const lc = tk.toLowerCase();
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((x) => /^[a-z]/i.test(x));
    const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x));
    if (lc[0] === 'y') out += lc.length <= 2 ? pad(p.year % 100, 2) : String(p.year);
    else if (lc[0] === 'd') out += lc.length >= 4 ? DAYS[p.weekday] : lc.length === 3 ? DAYS[p.weekday].slice(0, 3) : pad(p.day, lc.length);
    else if (lc[0] === 'h') {
      const h = hasAmPm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour;
      out += pad(h, lc.length);
    } else if (lc[0] === 's') out += pad(p.second, lc.length);
    else if (lc[0] === 'm') {
      const minute = (prev && prev.toLowerCase()[0] === 'h') || (next && next.toLowerCase()[0] === 's');
      if (minute && lc.length <= 2) out += pad(p.minute, lc.length);
      else out += lc.length >= 4 ? MONTHS[p.month - 1] : lc.length === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, lc.length);
    } else if (lc === 'am/pm') out += p.hour < 12 ? 'AM' : 'PM';
    else if (lc === 'a/p') out += p.hour < 12 ? 'A' : 'P';
    else if (tk[0] === '"') out += tk.slice(1, -1);
    else if (tk[0] === '\\') out += tk.slice(1);
    else out += tk;
  }
  return out;
}

/** The format Sheets gives a typed date in this locale (dd/MM/yyyy for vi_VN, M/d/yyyy for en_US). */
export function defaultDateFormat(locale: string): string {
  return monthFirst(locale) ? 'M/d/yyyy' : 'dd/MM/yyyy';
}

function isDateFormat(f: string): boolean {
  const stripped = f.replace(/"[^"]*"/g, '');
  return /[yd]/i.test(stripped) || /h+:m/i.test(stripped);
}

/** What the cell shows: the value formatted by its number format in the spreadsheet's locale and zone. */
export function displayValue(v: CellValue, format: string, tz: string, locale: string): string {
  if (v === '') return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const f = format && format !== TEXT_FORMAT && isDateFormat(format) ? format : defaultDateFormat(locale);
    const lp = localParts(v.getTime(), tz);
    const withTime = !(format && isDateFormat(format)) && (lp.hour || lp.minute || lp.second);
    return applyDatePattern(v, withTime ? `${f} H:mm:ss` : f, tz);
  }
  if (typeof v === 'number') {
    if (!format || format === TEXT_FORMAT || /^general$/i.test(format) || format === '0.###############') return autoNumber(v, locale);
    if (isDateFormat(format)) return applyDatePattern(serialToDate(v, tz), format, tz);
    return applyNumberPattern(v, format, locale);
  }
  return String(v);
}

/** A Sheets serial day number (days since 1899-12-30, local time) as a Date. */
export function serialToDate(serial: number, tz: string): Date {
  const days = Math.floor(serial);
  const frac = serial - days;
  const base = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
  return fromLocal(tz, base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), 0, 0, 0, Math.round(frac * 86400000));
}

// ---------------------------------------------------------------------------------------------
// A1 notation

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface A1Box {
  sheetName?: string;
  row: number;
  col: number;
  /** null = to the end of the sheet (whole columns / whole rows / open ranges). */
  lastRow: number | null;
  lastCol: number | null;
}

/** Parse 'A1', 'A1:C3', 'A:C', '2:5', 'A2:C', "'Sheet name'!A1:B2". Returns null when invalid. */
export function parseA1(a1: string): A1Box | null {
  let ref = a1.trim();
  let sheetName: string | undefined;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = ref.slice(0, bang);
    if (sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  ref = ref.replace(/\$/g, '').toUpperCase();
  const parts = ref.split(':');
  if (parts.length > 2 || parts[0] === '') return null;
  const one = (s: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    if (m[2] !== '' && Number(m[2]) < 1) return null;
    return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  };
  const a = one(parts[0]);
  if (!a) return null;
  if (parts.length === 1) {
    if (a.col === null || a.row === null) return null;
    return { sheetName, row: a.row, col: a.col, lastRow: a.row, lastCol: a.col };
  }
  const b = one(parts[1]);
  if (!b) return null;
  // A:C (whole columns), 2:5 (whole rows), A2:C (open-ended), A2:C5
  if ((a.col === null) !== (b.col === null)) return null;
  if (a.row === null && b.row !== null) return null;
  const r1 = a.row ?? 1;
  const c1 = a.col ?? 1;
  const r2 = b.row;
  const c2 = b.col;
  return {
    sheetName,
    row: r2 !== null ? Math.min(r1, r2) : r1,
    col: c2 !== null ? Math.min(c1, c2) : c1,
    lastRow: r2 !== null ? Math.max(r1, r2) : null,
    lastCol: c2 !== null ? Math.max(c1, c2) : null,
  };
}

export function a1Notation(row: number, col: number, numRows: number, numCols: number): string {
  const tl = `${columnLetter(col)}${row}`;
  if (numRows === 1 && numCols === 1) return tl;
  return `${tl}:${columnLetter(col + numCols - 1)}${row + numRows - 1}`;
}
