/**
 * Vietnamese text normalisation (DOMAIN.md section 2): cleaning, comparison keys, title case,
 * name checks, bounded edit distance and HTML escaping.
 *
 * Pure ES2020, no host APIs. These functions run once per cell on up to a million rows, so each
 * has a fast path: a char-code scan that returns the input string itself when nothing changes
 * (plain, already-NFC Vietnamese or ASCII), with a general, regex-based path for the rest.
 *
 * Tone-mark placement (toneKey): the key uses the NEW style ("kiểu mới"), the mark on the second
 * vowel of an open "oa", "oe", "uy": hoà, khoẻ, thuỷ, uỷ, hoá. Rather than swapping those three
 * pairs only, toneKey re-places the single tone mark of every syllable by the full rule below,
 * computed from the toneless letters, so any placement typed gives the same key (hòa/hoà,
 * thủy/thuỷ, and slips such as qúy/quý, gìa/già, hòang/hoàng). The rule, applied after the
 * initial consonant ("qu" and "gi" count as initials when another vowel follows, so quý keeps
 * the mark on y and giữa on ư):
 *   1. the nucleus holds ă â ê ô ơ ư: the mark goes on it (on ơ in ươ);
 *   2. one vowel: on it; three vowels: on the middle one (ngoài, khuỷu);
 *   3. two vowels followed by a final consonant: on the second (hoàng, huỳnh);
 *   4. two vowels, open syllable: on the second for oa, oe, uy (new style), else on the first
 *      (mái, mùa, mía, kéo).
 * A word with no tone mark, more than one, a combining mark left over after NFC (which moving
 * the tone could recompose), or a shape the rule does not cover is left as typed.
 */

// ---------------------------------------------------------------------------------------------
// Shared tables (built lazily, once)

/** The twelve Vietnamese vowel letters (lower case), in the order used by the tables below. */
export const VI_BASES = 'a\u0103\u00e2e\u00eaio\u00f4\u01a1u\u01b0y';
/** Tone marks: 0 none, 1 huyền (grave), 2 sắc (acute), 3 hỏi (hook), 4 ngã (tilde), 5 nặng (dot). */
export const VI_TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

const B_A = 0,
  B_E = 3,
  B_I = 5,
  B_O = 6,
  B_U = 9,
  B_Y = 11;
/** Bases carrying a quality mark (ă â ê ô ơ ư). */
const MARKED_BASE = [false, true, true, false, true, false, false, true, true, false, true, false];

const TABLE_SIZE = 0x1f00;

interface Tables {
  /** lower-case vowel letter → 1 + base * 8 + tone; 0 otherwise */
  vowel: Uint8Array;
  /** base * 8 + tone → lower-case letter */
  compose: string[];
  /** matchKey: > 0 output char code, 0 skip, -1 separator, -2 needs the general path */
  key: Int32Array;
  /** checkName / titleCase classes */
  cls: Uint8Array;
  /** toneKey word characters: 1 letter or mark, 2 anything else, 0 not computed yet */
  word: Uint8Array;
}

/** checkName classes (0: anything else). */
const C_UPPER = 1,
  C_LOWER = 2,
  C_PUNCT = 3;

/** Removed by cleanText (zero-width, soft hyphen, direction marks, BOM). */
const INVISIBLE_RE = /[\u00ad\u180e\u200b-\u200f\u2060\ufeff]/g;
const INVISIBLE_ONE = /[\u00ad\u180e\u200b-\u200f\u2060\ufeff]/;
const MARKS_RE = /\p{M}/gu;
const LETTER_ONE = /^\p{L}$/u;
const DIGIT_ONE = /^\p{N}$/u;
const NOT_ALNUM_RE = /[^\p{L}\p{N}]+/gu;
const ALNUM_ONE = /^[\p{L}\p{N}]$/u;

let T: Tables | null = null;

function tables(): Tables {
  if (T) return T;
  const vowel = new Uint8Array(TABLE_SIZE);
  const compose: string[] = new Array(12 * 8).fill('');
  for (let b = 0; b < 12; b++) {
    for (let t = 0; t < 6; t++) {
      const ch = (VI_BASES[b] + VI_TONE_MARKS[t]).normalize('NFC');
      compose[b * 8 + t] = ch;
      vowel[ch.charCodeAt(0)] = 1 + b * 8 + t;
    }
  }
  // Per-character tables only where Vietnamese and Latin text lives (Latin-1, Latin Extended-A/B,
  // combining marks, Latin Extended Additional); anything else takes the general paths. Building
  // them costs a few milliseconds, paid once per script execution.
  const key = new Int32Array(TABLE_SIZE).fill(-2);
  const cls = new Uint8Array(TABLE_SIZE);
  const word = new Uint8Array(TABLE_SIZE);
  const ranges: Array<[number, number]> = [
    [0, 0x250],
    [0x300, 0x370],
    [0x1e00, 0x1f00],
  ];
  for (const [from, to] of ranges) {
    for (let c = from; c < to; c++) {
      const ch = String.fromCharCode(c);
      const letter = LETTER_ONE.test(ch);
      if (c >= 0x300 && c < 0x370) {
        key[c] = 0; // combining marks: dropped by matchKey
        word[c] = 1;
        continue;
      }
      word[c] = letter ? 1 : 2;
      // matchKey
      if (c < 0x80) {
        key[c] = c >= 65 && c <= 90 ? c + 32 : (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : -1;
      } else if (INVISIBLE_ONE.test(ch)) key[c] = 0;
      else if (!letter && !DIGIT_ONE.test(ch))
        key[c] = -1; // spaces, punctuation, symbols
      else {
        const x = ch
          .toLowerCase()
          .normalize('NFD')
          .replace(MARKS_RE, '')
          .replace(/[\u0111\u00f0]/g, 'd');
        key[c] = x.length === 1 && ALNUM_ONE.test(x) ? x.charCodeAt(0) : -2;
      }
      // checkName fast path classes
      if (c === 0x27 || c === 0x2d) cls[c] = C_PUNCT;
      else if (letter) {
        if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) cls[c] = C_UPPER;
        else if (ch === ch.toLowerCase() && ch !== ch.toUpperCase()) cls[c] = C_LOWER;
      }
    }
  }
  T = { vowel, compose, key, cls, word };
  return T;
}

// ---------------------------------------------------------------------------------------------
// cleanText

function cleanSlow(s: string): string {
  const t = s.replace(INVISIBLE_RE, '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === s ? s : t;
}

/**
 * NFC; non-breaking and other Unicode spaces → space; zero-width characters (U+200B–U+200F,
 * U+2060, U+FEFF, U+180E) and the soft hyphen removed; trimmed; runs of whitespace → one space.
 * Returns `s` itself when nothing changes.
 */
export function cleanText(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  let prevSpace = true; // a leading space needs work
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return cleanSlow(s);
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c < 0x7f) {
      if (c < 32) return cleanSlow(s);
      continue;
    }
    if (c < 0xa0) return cleanSlow(s); // DEL, C1 controls (U+0085)
    if (c === 0xa0 || c === 0xad) return cleanSlow(s);
    if (c < 0x300) continue; // Latin-1, Latin Extended-A/B: NFC-stable, no combining marks
    if (c >= 0x1e00 && c < 0x1f00) continue; // Latin Extended Additional (precomposed Vietnamese)
    return cleanSlow(s);
  }
  return prevSpace ? cleanSlow(s) : s;
}

// ---------------------------------------------------------------------------------------------
// matchKey

function matchKeySlow(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(/[\u0111\u00f0]/g, 'd')
    .replace(NOT_ALNUM_RE, ' ')
    .trim();
}

/**
 * The key for matching headers, unit names and enumerated values: cleanText, no diacritics
 * (so tone placement cannot matter), đ/Đ/Ð/ð → d, lower case, every run of characters that are
 * not letters or digits → one space, trimmed. `matchKey('Phòng/ban') === 'phong ban'`.
 */
export function matchKey(s: string): string {
  const n = s.length;
  // already a key: [a-z0-9] words separated by single spaces
  let sep = true;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) sep = false;
    else if (c === 32 && !sep) sep = true;
    else break;
  }
  if (i === n && !sep) return s;
  if (n === 0) return s;
  if (n > 4096) return matchKeySlow(s);
  const key = tables().key;
  const out: number[] = [];
  let pending = false;
  for (i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= TABLE_SIZE) return matchKeySlow(s);
    const v = key[c];
    if (v > 0) {
      if (pending) {
        if (out.length > 0) out.push(32);
        pending = false;
      }
      out.push(v);
    } else if (v === -1) pending = true;
    else if (v === -2) return matchKeySlow(s);
  }
  return String.fromCharCode.apply(null, out);
}

const imul = Math.imul;

/** FNV-1a (32-bit) of the letters and digits of `matchKey(s)`, its separators left out. */
function hashKeyChars(k: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c !== 32) h = imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A 32-bit hash of `matchKey(s)` without its spaces, computed without building the key for
 * Vietnamese and Latin text. Two strings with the same `toneKey` (or the same `matchKey`) have
 * the same hash; the converse is what a caller verifies on a hit. For hash indexes over a
 * million names (docs/rules.md §3, PERSON_POSSIBLE_DUPLICATE).
 */
export function matchKeyHash(s: string): number {
  const n = s.length;
  if (n > 4096) return hashKeyChars(matchKeySlow(s));
  const key = tables().key;
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      // ASCII inline (the table gives the same): letters lower-cased, digits kept, the rest dropped
      if (c >= 97 ? c <= 122 : c >= 48 && (c <= 57 || (c >= 65 && c <= 90))) h = imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
      continue;
    }
    if (c >= TABLE_SIZE) return hashKeyChars(matchKey(s));
    const v = key[c];
    if (v > 0) h = imul(h ^ v, 0x01000193);
    else if (v === -2) return hashKeyChars(matchKey(s));
  }
  return h >>> 0;
}

/** FNV-1a (32-bit) of `s.toLowerCase()`, without building it for ASCII text (e-mail addresses). */
export function lowerHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return lowerHashSlow(s.toLowerCase());
    if (c >= 65 && c <= 90) c += 32;
    h = imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/**
 * lowerHash(s) when `s` is printable ASCII without spaces (U+0021–U+007E), else -1: the check
 * and the hash in one scan (e-mail cells, which are mostly such addresses).
 */
export function lowerHashPrintable(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return -1;
    if (c >= 65 && c <= 90) c += 32;
    h = imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

function lowerHashSlow(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Tone placement and toneKey

/** @internal 1 + base * 8 + tone for a lower-case Vietnamese vowel letter, else 0. */
export function viVowel(code: number): number {
  return code < TABLE_SIZE ? tables().vowel[code] : 0;
}

/** @internal The lower-case letter of base `b` (index in VI_BASES) with tone `t`. */
export function viCompose(b: number, t: number): string {
  return tables().compose[b * 8 + t];
}

/**
 * @internal Where the tone mark of the lower-case word `w[start, end)` belongs (an index), or -1
 * when the word's shape is not covered. `style` 'new' puts it on the second vowel of an open
 * oa/oe/uy (hoà), 'old' on the first (hòa); the two agree everywhere else.
 */
export function tonePosition(w: string, start: number, end: number, style: 'new' | 'old'): number {
  const vowel = tables().vowel;
  let i = start;
  while (i < end && !vowel[w.charCodeAt(i)]) i++;
  if (i >= end) return -1;
  if (i > start && i + 1 < end && vowel[w.charCodeAt(i + 1)]) {
    const prev = w.charCodeAt(i - 1);
    const b0 = (vowel[w.charCodeAt(i)] - 1) >> 3;
    if ((prev === 113 && b0 === B_U) || (prev === 103 && b0 === B_I)) i++; // qu, gi
  }
  let j = i;
  while (j < end && vowel[w.charCodeAt(j)]) j++;
  for (let k = j; k < end; k++) if (vowel[w.charCodeAt(k)]) return -1;
  const nv = j - i;
  let marked = -1;
  for (let k = i; k < j; k++) if (MARKED_BASE[(vowel[w.charCodeAt(k)] - 1) >> 3]) marked = k;
  if (marked >= 0) return marked;
  if (nv === 1) return i;
  if (nv === 3) return i + 1;
  if (nv === 2) {
    if (j < end) return i + 1;
    if (style === 'old') return i;
    const b1 = (vowel[w.charCodeAt(i)] - 1) >> 3;
    const b2 = (vowel[w.charCodeAt(i + 1)] - 1) >> 3;
    if ((b1 === B_O && (b2 === B_A || b2 === B_E)) || (b1 === B_U && b2 === B_Y)) return i + 1;
    return i;
  }
  return -1;
}

const LETTER_OR_MARK_ONE = /^[\p{L}\p{M}]$/u;

/** A letter or combining mark (part of a word for toneKey); outside the tables, computed once. */
function isWordChar(c: number, word: Uint8Array): boolean {
  if (c >= TABLE_SIZE) return false;
  let w = word[c];
  if (w === 0) w = word[c] = LETTER_OR_MARK_ONE.test(String.fromCharCode(c)) ? 1 : 2;
  return w === 1;
}

/** Re-place the tone of every word of a lower-case, clean string (new style). */
function placeTones(t: string): string {
  const { vowel, word } = tables();
  const n = t.length;
  let out: string | null = null;
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (!isWordChar(c, word)) {
      i++;
      continue;
    }
    const ws = i;
    let toned = 0;
    let pos = -1;
    let vowels = 0;
    let markedAfter = false; // a vowel with a quality mark after the toned one
    let tonedMarked = false;
    let combining = false; // a combining mark left after NFC (ã + U+0306): moving a tone could recompose
    while (i < n) {
      const d = t.charCodeAt(i);
      if (!isWordChar(d, word)) break;
      if (d >= 0x300 && d < 0x370) combining = true;
      const v = vowel[d];
      if (v) {
        vowels++;
        if (((v - 1) & 7) !== 0) {
          toned++;
          pos = i;
          tonedMarked = MARKED_BASE[(v - 1) >> 3];
          markedAfter = false;
        } else if (MARKED_BASE[(v - 1) >> 3]) markedAfter = true;
      }
      i++;
    }
    if (toned !== 1 || combining) continue;
    // common cases where the mark is already in place: a single vowel, or the last vowel with
    // a quality mark (nguyễn, thắng, người)
    if (vowels === 1 || (tonedMarked && !markedAfter)) continue;
    const target = tonePosition(t, ws, i, 'new');
    if (target < 0 || target === pos) continue;
    // move the mark from pos to target
    const vp = vowel[t.charCodeAt(pos)] - 1;
    const vt = vowel[t.charCodeAt(target)] - 1;
    const tone = vp & 7;
    const lo = Math.min(pos, target);
    const hi = Math.max(pos, target);
    let mid = '';
    for (let k = lo; k <= hi; k++) {
      if (k === pos) mid += viCompose(vp >> 3, 0);
      else if (k === target) mid += viCompose(vt >> 3, tone);
      else mid += t[k];
    }
    out = (out ?? '') + t.slice(copied, lo) + mid;
    copied = hi + 1;
  }
  return out === null ? t : out + t.slice(copied);
}

/**
 * The key for comparing people's names keeping diacritics: cleanText, Ð → Đ, lower case, and one
 * tone-mark placement (new style, see the file header). Spellings that differ only in tone
 * placement, case, NFC/NFD or spacing give the same key; other differences give different keys.
 */
export function toneKey(s: string): string {
  const c = cleanText(s);
  let t = c.toLowerCase();
  if (t.length !== c.length) t = t.normalize('NFC'); // İ → i + U+0307 may need reordering
  if (t.indexOf('\u00f0') >= 0) t = t.replace(/\u00f0/g, '\u0111');
  return placeTones(t);
}

// ---------------------------------------------------------------------------------------------
// Title case and name checks

const MARK_OR_DIGIT_ONE = /^[\p{M}\p{N}]$/u;
/** Apostrophes and hyphens after which a letter keeps the case it was typed in. */
const KEEP_AFTER = new Set(['\u0027', '\u2019', '\u2018', '\u02bc', '\u0060', '\u00b4', '-', '\u2010', '\u2011']);

/**
 * Unicode-aware title case: a letter at the start or after a space (or any other separator) is
 * upper-cased, a letter after a letter, mark or digit lower-cased, and a letter right after an
 * apostrophe or hyphen kept as typed (`H'Hen Niê`, `Y-Moan`, `Ksor`).
 */
export function titleCaseVi(s: string): string {
  let out = '';
  let prev = 0; // 0 start/separator, 1 letter, 2 keep
  for (const ch of s) {
    if (LETTER_ONE.test(ch)) {
      out += prev === 1 ? ch.toLowerCase() : prev === 2 ? ch : ch.toUpperCase();
      prev = 1;
    } else if (MARK_OR_DIGIT_ONE.test(ch)) {
      out += ch;
      if (prev === 0) prev = 1;
    } else {
      out += ch;
      prev = KEEP_AFTER.has(ch) ? 2 : 0;
    }
  }
  return out === s ? s : out;
}

/** True when `s` holds combining diacritics U+0300–U+036F (decomposed text). */
export function hasCombiningMarks(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) return true;
  }
  return false;
}

export type NameProblem = null | 'digits' | 'symbols' | 'case' | 'single_word' | 'decomposed';
export interface NameCheck {
  problem: NameProblem;
  suggestion?: string;
}

const NAME_SYMBOL_RE = /[^\p{L}\p{M} \u0027\u2019\u2018\u02bc\u0060\u00b4\u002d\u2010\u2011.]/u;
const DIGIT_RE = /\p{N}/u;

/** True for a clean, NFC, title-case name of at least two words of plain letters (the common case). */
function nameFast(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const cls = tables().cls;
  let start = true;
  let keep = false;
  let words = 1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (start) return false;
      start = true;
      keep = false;
      words++;
      continue;
    }
    if (c >= TABLE_SIZE) return false;
    const k = cls[c];
    if (k === C_UPPER) {
      if (!start && !keep) return false;
    } else if (k === C_LOWER) {
      if (start) return false;
    } else if (k === C_PUNCT) {
      if (start) return false;
      keep = true;
      continue;
    } else return false;
    start = false;
    keep = false;
  }
  return !start && words >= 2;
}

/** Has a letter with case, and none of its letters is lower case (`NGUYỄN VĂN AN`, `H'HEN NIÊ`). */
function isAllCaps(t: string): boolean {
  return t === t.toUpperCase() && t !== t.toLowerCase();
}

/** The result for a name without problems (shared and frozen: one per call was a million allocations). */
const NAME_OK: NameCheck = Object.freeze({ problem: null });

/**
 * Checks a person's full name (non-empty). The first problem found, in this order: `digits`,
 * `symbols` (not a letter, combining mark, space, apostrophe, hyphen or dot), `single_word`,
 * `case` (all lower or otherwise not title case; suggestion: titleCaseVi of the NFC form),
 * `decomposed` (combining marks U+0300–U+036F; suggestion: the NFC form). A name in capitals
 * only (`NGUYỄN VĂN AN`) is not a `case` problem: the ID card prints names that way.
 */
export function checkName(s: string): NameCheck {
  if (nameFast(s)) return NAME_OK;
  const t = cleanText(s);
  if (DIGIT_RE.test(t)) return { problem: 'digits' };
  if (NAME_SYMBOL_RE.test(t)) return { problem: 'symbols' };
  if (t.indexOf(' ') < 0) return { problem: 'single_word' };
  const tc = titleCaseVi(t);
  if (tc !== t && !isAllCaps(t)) return { problem: 'case', suggestion: tc };
  if (hasCombiningMarks(s)) return { problem: 'decomposed', suggestion: t };
  return { problem: null };
}

// ---------------------------------------------------------------------------------------------
// Edit distance

/**
 * Levenshtein distance (UTF-16 code units). With `max`, stops as soon as the distance must exceed
 * it and returns `max + 1`.
 */
export function levenshtein(a: string, b: string, max: number = Infinity): number {
  if (a === b) return 0;
  if (a.length > b.length) {
    const x = a;
    a = b;
    b = x;
  }
  // common prefix and suffix do not change the distance
  let start = 0;
  while (start < a.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  const la = ea - start;
  const lb = eb - start;
  if (lb - la > max) return max + 1;
  if (la === 0) return lb;
  const row = new Array<number>(la + 1);
  for (let j = 0; j <= la; j++) row[j] = j;
  for (let i = 1; i <= lb; i++) {
    const bc = b.charCodeAt(start + i - 1);
    let diag = row[0];
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= la; j++) {
      const up = row[j];
      const sub = diag + (a.charCodeAt(start + j - 1) === bc ? 0 : 1);
      const del = up + 1;
      const ins = row[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      row[j] = v;
      if (v < rowMin) rowMin = v;
      diag = up;
    }
    if (rowMin > max) return max + 1;
  }
  return row[la] > max ? max + 1 : row[la];
}

/** The candidate nearest to `key` within `maxDistance` (ties: the first), or null. */
export function closest(key: string, candidates: string[], maxDistance: number): string | null {
  let best: string | null = null;
  let bestD = maxDistance + 1;
  for (const c of candidates) {
    const d = levenshtein(key, c, bestD - 1);
    if (d < bestD) {
      best = c;
      bestD = d;
      if (d === 0) break;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u0022': '&quot;', '\u0027': '&#39;' };

/** Escapes & < > " ' for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39) return s.replace(/[&<>\u0022\u0027]/g, (m) => HTML_ESCAPES[m]);
  }
  return s;
}

/** UTF-8 length of a string in bytes (Apps Script has no TextEncoder): what its quotas count. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
