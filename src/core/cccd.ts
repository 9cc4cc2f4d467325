/**
 * The CCCD (số định danh cá nhân): cleaning, number-cell recovery, structure (DOMAIN.md §1).
 * 12 digits = province (3) · century/gender (1) · birth year (2) · random (6). No check digit.
 */
import type { Cell } from './types';

/** Province codes of Circular 07/2016, appendix 1 (birth-registration province). */
export const PROVINCE_CODES: Record<string, string> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'TP Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

/** Lookup table: province number (0–999) → known. */
const PROVINCE_OK = new Uint8Array(1000);
for (const code of Object.keys(PROVINCE_CODES)) PROVINCE_OK[Number(code)] = 1;

export type CccdKind =
  | 'ok' // 12 digits (from text)
  | 'numeric' // recovered from a number cell by left-padding
  | 'missing'
  | 'format'
  | 'old_cmnd'
  | 'precision_lost';

export interface CccdResult {
  kind: CccdKind;
  /** The 12 digits when kind is 'ok' or 'numeric'; the cleaned text otherwise ('' when missing). */
  digits: string;
}

const SCIENTIFIC = /^[0-9](?:[.,][0-9]+)?e\+?[0-9]+$/i;

/**
 * Clean a CCCD typed as text: spaces, dots, dashes, underscores, a leading apostrophe, NBSP and
 * zero-width characters removed; full-width digits to ASCII. Returns the input when it is already
 * clean (the common case: no allocation).
 */
export function cleanCccdText(s: string): string {
  const n = s.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  let out = '';
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (
      c === 32 ||
      c === 46 ||
      c === 45 ||
      c === 95 ||
      c === 9 ||
      c === 0xa0 ||
      c === 0x202f ||
      c === 0x2007 ||
      c === 0x200b ||
      c === 0x200c ||
      c === 0x200d ||
      c === 0x2060 ||
      c === 0xfeff ||
      c === 0x2010 ||
      c === 0x2011 ||
      c === 0x2012 ||
      c === 0x2013 ||
      c === 0x3000 ||
      (c === 39 && out === '') ||
      c === 0x2019 ||
      c === 0x0d ||
      c === 0x0a
    ) {
      continue;
    } else out += s[i];
  }
  return out;
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Classify and normalise one CCCD cell, exactly as `getValues()` returns it. */
export function parseCccd(cell: Cell): CccdResult {
  if (cell === null || cell === '') return { kind: 'missing', digits: '' };
  if (typeof cell === 'number') return parseNumberCell(cell);
  if (typeof cell !== 'string') return { kind: 'format', digits: String(cell) };
  if (isPlainCccd(cell)) return { kind: 'ok', digits: cell };
  const trimmed = cell.trim();
  if (trimmed === '') return { kind: 'missing', digits: '' };
  if (SCIENTIFIC.test(trimmed)) return { kind: 'precision_lost', digits: trimmed };
  const cleaned = cleanCccdText(trimmed);
  if (cleaned === '') return { kind: 'missing', digits: '' };
  if (!allDigits(cleaned)) return { kind: 'format', digits: cleaned };
  if (cleaned.length === 12) return { kind: 'ok', digits: cleaned };
  if (cleaned.length === 9) return { kind: 'old_cmnd', digits: cleaned };
  return { kind: 'format', digits: cleaned };
}

function parseNumberCell(n: number): CccdResult {
  if (!isFinite(n) || n < 0) return { kind: 'format', digits: String(n) };
  if (n >= 1e15) return { kind: 'precision_lost', digits: String(n) };
  if (Math.floor(n) !== n) return { kind: 'format', digits: String(n) };
  if (n >= 1e12) return { kind: 'format', digits: String(n) };
  if (n >= 1e9) {
    // 10 to 12 digits: a CCCD that lost its leading zero(s); integers below 10^12 are exact.
    return { kind: 'numeric', digits: padCccd(n) };
  }
  if (n >= 1e8) return { kind: 'old_cmnd', digits: String(n) };
  return { kind: 'format', digits: String(n) };
}

/** Left-pad an integer below 10^12 to the 12-digit text. */
export function padCccd(n: number): string {
  const s = String(n);
  return s.length >= 12 ? s : '000000000000'.slice(s.length) + s;
}

/** The 12 digits as one exact number (< 2^53), for fast hashing; equals Number(digits). */
export function cccdNumber(digits: string): number {
  let n = 0;
  for (let i = 0; i < digits.length; i++) n = n * 10 + (digits.charCodeAt(i) - 48);
  return n;
}

/** True for a cell that is 12 ASCII digits as text: parseCccd gives { kind: 'ok', digits: cell }. */
export function isPlainCccd(cell: Cell): boolean {
  if (typeof cell !== 'string' || cell.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = cell.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function provinceKnown(digits: string): boolean {
  const p = (digits.charCodeAt(0) - 48) * 100 + (digits.charCodeAt(1) - 48) * 10 + (digits.charCodeAt(2) - 48);
  return PROVINCE_OK[p] === 1;
}

/** Birth year from the century/gender digit and digits 5–6. */
export function birthYear(digits: string): number {
  const c = digits.charCodeAt(3) - 48;
  const yy = (digits.charCodeAt(4) - 48) * 10 + (digits.charCodeAt(5) - 48);
  return 1900 + Math.floor(c / 2) * 100 + yy;
}

/** 'Nam' for an even century digit, 'Nữ' for an odd one. */
export function genderOf(digits: string): 'Nam' | 'Nữ' {
  return (digits.charCodeAt(3) - 48) % 2 === 0 ? 'Nam' : 'Nữ';
}

/** A run of 9 or more digits, possibly split by spaces, dots, dashes or underscores (a CCCD or CMND as typed). */
const DIGIT_RUN = /\d(?:[ .\-_\u00a0]?\d){8,}/g;

const HAS_DIGIT_RUN = /\d(?:[ .\-_\u00a0]?\d){8,}/;

/**
 * Whether a text holds a run that maskDigitRuns looks at (it may still leave it, a 10-digit run):
 * false means maskDigitRuns returns the text unchanged, and so does it for every part of it.
 */
export function hasDigitRun(text: string): boolean {
  return HAS_DIGIT_RUN.test(text);
}

/**
 * Mask every CCCD- or CMND-like run of digits in a text quoted from a cell (issue messages and
 * fixes): `cột “Email”: Email “038171234561”…` → `“038*******61”`. A run of 9 digits (a CMND), 11
 * (a CCCD that lost its leading zero) or 12 and more (a CCCD, or one inside a longer number) is
 * masked; 10 digits are a phone number or an enterprise's tax code (mã số thuế) and stay, as do
 * counts, rows and dates. Linear in the text's length.
 */
export function maskDigitRuns(text: string): string {
  if (text.length < 9) return text;
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, '');
    return digits.length === 10 ? run : maskCccd(digits);
  });
}

/**
 * Mask a CCCD for anything outside the learner sheets: first 3 and last 2 digits kept
 * (`038*******89`). Shorter or malformed values keep at most their first 2 and last 1 characters.
 */
export function maskCccd(value: string): string {
  const s = value;
  if (s.length >= 12) return s.slice(0, 3) + '*'.repeat(s.length - 5) + s.slice(-2);
  if (s.length >= 6) return s.slice(0, 2) + '*'.repeat(s.length - 3) + s.slice(-1);
  return '*'.repeat(s.length);
}
