/**
 * E-mail address check (DOMAIN.md section 3): a pragmatic syntax check, the domain lower-cased
 * (the local part kept as typed), and a suggested fix for common typos (`gmail.con`, `gmai.com`,
 * `.gov.vm`, a comma for a dot, `@@`, ...). Pure ES2020.
 *
 * `gmail.com.vn` is deliberately NOT corrected (the brief: it is not a typo to fix), and real
 * `.com.vn` domains never are; `.con.vn` is (→ `.com.vn`). A repeated domain after a second `@`
 * (`a@gmail.com@gmail.com`, `a@gmail@gmail.com`) is suggested as one address; two different
 * domains (`a@b.vn@c.vn`) are not guessed.
 *
 * Syntax accepted: exactly one `@`; a local part of 1–64 ASCII characters from
 * `A–Z a–z 0–9 ! # $ % & ' * + / = ? ^ _ \` { | } ~ - .` with no leading, trailing or
 * consecutive dot; a domain of at least two dot-separated labels of letters, digits and hyphens
 * (1–63 characters, no leading or trailing hyphen), the last (TLD) of at least two letters; at
 * most 254 characters. Letters with diacritics, spaces and quoted local parts are invalid.
 */

import { cleanText, levenshtein } from './text';

export interface EmailCheck {
  /** trimmed, invisible characters removed, domain lower-cased */
  normalized: string;
  valid: boolean;
  /** the full corrected address, when a likely typo was found */
  suggestion?: string;
}

/** Local-part characters (ASCII), as a bit table. */
const LOCAL_OK = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&*+/=?^_`{|}~-.\u0027') LOCAL_OK[ch.charCodeAt(0)] = 1;

/** Providers whose near-misses are corrected, and real domains that are near-misses of them. */
const PROVIDERS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com'];
const REAL_DOMAINS = new Set([
  'mail.com',
  'email.com',
  'ymail.com',
  'gmx.com',
  'live.com',
  'aol.com',
  'zoho.com',
  'yandex.com',
  'inbox.com',
  'hotmail.fr',
  'hotmail.co.uk',
  'yahoo.com.vn',
  'yahoo.co.uk',
  'yahoo.fr',
  'outlook.com.vn',
  'gmail.vn',
  'email.vn',
  'gmail.com.vn',
  'cloud.com',
]);
/** Exact domain typos (besides the edit-distance rule). */
const DOMAIN_FIXES: Record<string, string> = {
  gmailcom: 'gmail.com',
  yahoocom: 'yahoo.com',
  hotmailcom: 'hotmail.com',
  outlookcom: 'outlook.com',
  icloudcom: 'icloud.com',
  gmail: 'gmail.com',
  yahoo: 'yahoo.com',
  hotmail: 'hotmail.com',
  outlook: 'outlook.com',
};

/** Domain suffix typos of Vietnamese second-level domains. */
const SUFFIX_FIXES: Array<[RegExp, string]> = [
  [/\.gov\.(?:vm|vb|bn|cn|com|v|nv|vnn)$/, '.gov.vn'],
  [/\.(?:gv|go|gov|govv)\.vn$/, '.gov.vn'],
  [/\.govvn$/, '.gov.vn'],
  [/\.gov$/, '.gov.vn'],
  [/\.edu\.(?:vm|vb|bn|v|nv|vnn)$/, '.edu.vn'],
  [/\.edu\.vn\.vn$/, '.edu.vn'],
  [/\.com\.(?:vm|vb|bn|nv|vnn)$/, '.com.vn'],
  [/\.con\.vn$/, '.com.vn'],
  [/\.con$/, '.com'],
  [/\.(com|edu|org|net)vn$/, '.$1.vn'],
  [/\.vm$/, '.vn'],
];

/** Syntax check of an already trimmed address (domain case ignored). */
function isValidAddress(s: string): boolean {
  const n = s.length;
  if (n < 3 || n > 254) return false;
  const at = s.indexOf('@');
  if (at <= 0 || at > 64 || s.indexOf('@', at + 1) >= 0) return false;
  // local part
  let prevDot = true;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || !LOCAL_OK[c]) return false;
    if (c === 46) {
      if (prevDot) return false;
      prevDot = true;
    } else prevDot = false;
  }
  if (prevDot) return false;
  // domain
  let labelStart = at + 1;
  let labels = 0;
  let tldLetters = true;
  for (let i = at + 1; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len < 1 || len > 63) return false;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === n) {
        if (!tldLetters || len < 2) return false;
      }
      labelStart = i + 1;
      tldLetters = true;
      continue;
    }
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (!letter && !(c >= 48 && c <= 57) && c !== 45) return false;
    if (!letter) tldLetters = false;
  }
  return labels >= 2;
}

/** Lower-case the domain of an address with one `@`; otherwise return it unchanged. */
function lowerDomain(s: string): string {
  const at = s.lastIndexOf('@');
  if (at < 0) return s;
  const d = s.slice(at + 1);
  const l = d.toLowerCase();
  return l === d ? s : s.slice(0, at + 1) + l;
}

/** The provider a domain is a near-miss of, or null. */
function providerFix(domain: string): string | null {
  if (REAL_DOMAINS.has(domain)) return null;
  const fixed = DOMAIN_FIXES[domain];
  if (fixed) return fixed;
  if (domain.length < 5) return null;
  for (const p of PROVIDERS) {
    if (domain === p) return null;
    if (levenshtein(domain, p, 2) <= 2) return p;
  }
  return null;
}

/** Memo of domainFix (a sheet repeats a few domains); bounded. */
const FIX_MEMO = new Map<string, string>();

function domainFix(domain: string): string {
  const m = FIX_MEMO.get(domain);
  if (m !== undefined) return m;
  const r = domainFixUncached(domain);
  if (FIX_MEMO.size >= 5000) FIX_MEMO.clear();
  FIX_MEMO.set(domain, r);
  return r;
}

function domainFixUncached(domain: string): string {
  // a provider near-miss first, so that `gmail.comvn` becomes gmail.com, not gmail.com.vn
  const direct = providerFix(domain);
  if (direct) return direct;
  let d = domain;
  // suffix fixes until stable (`.gv.vm` → `.gv.vn` → `.gov.vn`); each pass fixes one suffix
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const [re, rep] of SUFFIX_FIXES) {
      if (re.test(d)) {
        const e = d.replace(re, rep);
        if (e !== d) {
          d = e;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return providerFix(d) ?? d;
}

/**
 * The fast path's last few domains and their domainFix: a sheet repeats a handful of domains,
 * and comparing the address's tail with them costs less than slicing it and hashing the slice.
 */
const RECENT_SIZE = 8;
const RECENT_DOMAIN: string[] = new Array<string>(RECENT_SIZE).fill('');
const RECENT_FIX: string[] = new Array<string>(RECENT_SIZE).fill('');
let recentNext = 0;

/** The RECENT_* slot of the domain `s.slice(start)`, filled on a miss. */
function recentDomain(s: string, start: number): number {
  const len = s.length - start;
  for (let k = 0; k < RECENT_SIZE; k++) {
    const d = RECENT_DOMAIN[k];
    if (d.length === len && s.startsWith(d, start)) return k;
  }
  const k = recentNext;
  recentNext = (k + 1) % RECENT_SIZE;
  const domain = s.slice(start);
  RECENT_DOMAIN[k] = domain;
  RECENT_FIX[k] = domainFix(domain);
  return k;
}

/** A corrected address, or null when no fix applies or the fix is not valid either. */
function suggest(s: string): string | null {
  let t = s;
  t = t.replace(/^mailto:/i, '');
  t = t.replace(/\s+/g, '');
  t = t.replace(/[,;]/g, '.');
  t = t
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .replace(/\.+@|@\.+/g, '@');
  t = t.replace(/@{2,}/g, '@').replace(/^@+|@+$/g, '');
  const parts = t.split('@');
  if (parts.length > 2) {
    // the same domain typed twice (`a@gmail.com@gmail.com`, `a@gmail@gmail.com`): keep the last
    const last = parts[parts.length - 1].toLowerCase();
    for (let k = 1; k < parts.length - 1; k++) {
      const mid = parts[k].toLowerCase();
      if (mid !== last && !last.startsWith(mid + '.')) return null;
    }
    t = parts[0] + '@' + parts[parts.length - 1];
  }
  if (t.indexOf('@') < 0) return null;
  const at = t.lastIndexOf('@');
  let local = t.slice(0, at);
  let domain = t.slice(at + 1).toLowerCase();
  if (/[^\u0000-\u007f]/.test(local)) {
    local = local
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\u0111/g, 'd')
      .replace(/\u0110/g, 'D');
  }
  if (/[^\u0000-\u007f]/.test(domain)) {
    domain = domain
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\u0111/g, 'd');
  }
  domain = domainFix(domain);
  const r = local + '@' + domain;
  return r !== s && isValidAddress(r) ? r : null;
}

/**
 * The common case in one scan: printable ASCII, valid, domain already lower case. Returns the
 * index of the `@`, or -1 when the general path is needed.
 */
function fastValid(s: string): number {
  const n = s.length;
  if (n < 3 || n > 254) return -1;
  let at = -1;
  let prevDot = true;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 64) {
      at = i;
      break;
    }
    if (c >= 128 || !LOCAL_OK[c]) return -1;
    if (c === 46) {
      if (prevDot) return -1;
      prevDot = true;
    } else prevDot = false;
  }
  if (at <= 0 || at > 64 || prevDot) return -1;
  let labelStart = at + 1;
  let labels = 0;
  let tldLetters = true;
  for (i = at + 1; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c >= 97 && c <= 122) continue;
    if (c === 46) {
      const len = i - labelStart;
      if (len < 1 || len > 63) return -1;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return -1;
      labels++;
      if (i === n && (!tldLetters || len < 2)) return -1;
      labelStart = i + 1;
      tldLetters = true;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45) tldLetters = false;
    else return -1; // upper case, a second @, anything else: general path
  }
  return labels >= 2 ? at : -1;
}

/**
 * Checks one e-mail address: trims, removes invisible characters, lower-cases the domain,
 * validates the syntax, and suggests the full corrected address for a likely typo (a valid
 * `x@gmail.con` is valid with a suggestion).
 */
export function checkEmail(raw: string): EmailCheck {
  const fa = fastValid(raw);
  if (fa > 0) {
    const k = recentDomain(raw, fa + 1);
    const domain = RECENT_DOMAIN[k];
    const fixed = RECENT_FIX[k];
    if (fixed === domain) return { normalized: raw, valid: true };
    const r = raw.slice(0, fa + 1) + fixed;
    return isValidAddress(r) ? { normalized: raw, valid: true, suggestion: r } : { normalized: raw, valid: true };
  }
  const s = cleanText(raw);
  const normalized = lowerDomain(s);
  const valid = isValidAddress(normalized);
  if (valid) {
    const at = normalized.lastIndexOf('@');
    const domain = normalized.slice(at + 1);
    const fixed = domainFix(domain);
    if (fixed === domain) return { normalized, valid };
    const r = normalized.slice(0, at + 1) + fixed;
    return isValidAddress(r) ? { normalized, valid, suggestion: r } : { normalized, valid };
  }
  const sug = suggest(normalized);
  return sug ? { normalized, valid, suggestion: sug } : { normalized, valid };
}

/**
 * The addresses of an `Email đầu mối` cell: one or more, separated by commas, semicolons or line
 * breaks. `valid`: normalised as checkEmail does (domain in lower case), each once
 * (case-insensitive); `invalid`: as typed; `typos`: valid ones whose domain looks mistyped (EMAIL_TYPO).
 */
export function splitEmails(text: string): { valid: string[]; invalid: string[]; typos: { value: string; suggestion: string }[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  const typos: { value: string; suggestion: string }[] = [];
  // not on spaces: “nguyen van@x.vn” is one mistyped address, not a word and an address
  for (const raw of text.split(/[,;\r\n]+/)) {
    const part = cleanText(raw);
    if (!part) continue;
    const e = checkEmail(part);
    if (!e.valid) invalid.push(part);
    else if (!valid.some((v) => v.toLowerCase() === e.normalized.toLowerCase())) {
      valid.push(e.normalized);
      if (e.suggestion) typos.push({ value: part, suggestion: e.suggestion });
    }
  }
  return { valid, invalid, typos };
}
