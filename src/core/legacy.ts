/**
 * Legacy Vietnamese font encodings in text pasted from old Word/Excel files (DOMAIN.md section 2).
 * Pure ES2020.
 *
 * TCVN3 (TCVN 5712:1993 VN3, "ABC"; fonts .VnTime, .VnArial...): one byte per letter, shown as
 * Latin-1: `NguyÔn V¨n Th¾ng` = Nguyễn Văn Thắng, `UBND x· Yªn §Þnh` = UBND xã Yên Định. Only the
 * 67 lower-case letters with diacritics and the seven plain capitals Ă Â Ê Ô Ơ Ư Đ (U+00A1–U+00A7)
 * have code points; capitals with a tone mark reuse the lower-case code points and are drawn as
 * capitals by the upper-case fonts (.VnTimeH). So decoding restores case from the context:
 *   - all caps: when the cell has no ASCII lower-case letter and some capital (ASCII or a plain
 *     capital) inside a word, the whole result is upper-cased (`NGUYÔN V¡N` → NGUYỄN VĂN; a lone
 *     initial capital as in `T¹ ý` reads as title case: Tạ Ý);
 *   - title case: when every word that starts with an unambiguous letter starts with a capital,
 *     a word that starts with a lower-case-only code point is capitalised (`¸nh` → `Ánh` in
 *     `NguyÔn V¨n ¸nh`);
 *   - otherwise such letters stay lower case (`¸nh s¸ng` → `ánh sáng`).
 *
 * VNI (VNI-Windows fonts): a base letter followed by one modifier character, also shown as
 * Latin-1: `Nguyeãn Vaên Thaéng`, `Ñaø Naüng` = Đà Nẵng, `Leâ Thò Hoa` = Lê Thị Hoa. Case is kept
 * (upper-case letters use upper-case modifiers: `AÙ` = Á).
 *
 * Detection (detectLegacy) is per cell and conservative, because converting text that is already
 * Unicode corrupts it (`Lê` read as TCVN3 is `Lờ`). A cell is reported only when:
 *   1. it holds a character in U+00A1–U+00FF and no Vietnamese letter or combining diacritic
 *      outside Latin-1 (any of those means the cell is Unicode);
 *   2. read as Unicode, it is NOT plausible Vietnamese (so `Hà Lê`, `Võ Tú Anh` stay untouched);
 *   3. decoded with the encoding, every character maps and every word that held a non-ASCII
 *      character becomes a well-formed Vietnamese syllable (initial consonant, rhyme, a tone
 *      allowed by the final consonant, the mark where the old or the new style puts it, and a
 *      sane case pattern);
 *   4. exactly one encoding passes 3; when both do (VNI `Nhö` is Như, TCVN3 reads it as Nhử),
 *      the reading with more common name and administrative syllables wins, and a tie is
 *      reported as nothing.
 * The price of rule 2: a legacy cell whose bytes happen to read as valid Vietnamese (TCVN3
 * `Chu Dòng` for Chu Dũng) is not reported; the tests measure how often that happens.
 */

import { tonePosition, toneKey, viCompose, viVowel, VI_BASES } from './text';

export type LegacyEncoding = 'TCVN3' | 'VNI';
export interface LegacyDetection {
  encoding: LegacyEncoding;
  converted: string;
}

// ---------------------------------------------------------------------------------------------
// Tables. Bases in VI_BASES order (a ă â e ê i o ô ơ u ư y); tones 0 none, 1 huyền, 2 sắc,
// 3 hỏi, 4 ngã, 5 nặng.

/** TCVN3 code points of the toned lower-case letters, per base, in the order huyền hỏi ngã sắc nặng. */
const TCVN3_TONED: number[][] = [
  [0xb5, 0xb6, 0xb7, 0xb8, 0xb9], // a
  [0xbb, 0xbc, 0xbd, 0xbe, 0xc6], // ă
  [0xc7, 0xc8, 0xc9, 0xca, 0xcb], // â
  [0xcc, 0xce, 0xcf, 0xd0, 0xd1], // e
  [0xd2, 0xd3, 0xd4, 0xd5, 0xd6], // ê
  [0xd7, 0xd8, 0xdc, 0xdd, 0xde], // i
  [0xdf, 0xe1, 0xe2, 0xe3, 0xe4], // o
  [0xe5, 0xe6, 0xe7, 0xe8, 0xe9], // ô
  [0xea, 0xeb, 0xec, 0xed, 0xee], // ơ
  [0xef, 0xf1, 0xf2, 0xf3, 0xf4], // u
  [0xf5, 0xf6, 0xf7, 0xf8, 0xf9], // ư
  [0xfa, 0xfb, 0xfc, 0xfd, 0xfe], // y
];
/** Column of TCVN3_TONED for tone 1..5. */
const TCVN3_COL = [-1, 0, 3, 1, 2, 4];
/** TCVN3 lower-case ă â ê ô ơ ư đ and capitals Ă Â Ê Ô Ơ Ư Đ. */
const TCVN3_PLAIN: Array<[number, string]> = [
  [0xa8, '\u0103'],
  [0xa9, '\u00e2'],
  [0xaa, '\u00ea'],
  [0xab, '\u00f4'],
  [0xac, '\u01a1'],
  [0xad, '\u01b0'],
  [0xae, '\u0111'],
  [0xa1, '\u0102'],
  [0xa2, '\u00c2'],
  [0xa3, '\u00ca'],
  [0xa4, '\u00d4'],
  [0xa5, '\u01a0'],
  [0xa6, '\u01af'],
  [0xa7, '\u0110'],
];

/** VNI modifiers (lower case) for tone 1..5 after a plain base (a e o u y ơ ư). */
const VNI_TONE = ['', '\u00f8', '\u00f9', '\u00fb', '\u00f5', '\u00ef']; // ø ù û õ ï
/** VNI modifiers for â ê ô (circumflex) with tone 0..5. */
const VNI_CIRC = ['\u00e2', '\u00e0', '\u00e1', '\u00e5', '\u00e3', '\u00e4']; // â à á å ã ä
/** VNI modifiers for ă (breve) with tone 0..5. */
const VNI_BREVE = ['\u00ea', '\u00e8', '\u00e9', '\u00fa', '\u00fc', '\u00eb']; // ê è é ú ü ë
/** VNI i with tone 0..5. */
const VNI_I = ['i', '\u00ec', '\u00ed', '\u00e6', '\u00f3', '\u00f2']; // i ì í æ ó ò

interface LegacyTables {
  /** Unicode letter (lower and upper case) → TCVN3 string */
  tcvnEnc: Map<string, string>;
  /** TCVN3 char code (0xA1–0xFE) → Unicode letter ('' when unused) */
  tcvnDec: string[];
  /** Unicode letter → VNI string */
  vniEnc: Map<string, string>;
  /** VNI sequence (1 or 2 chars) → Unicode letter */
  vniDec: Map<string, string>;
}

let LT: LegacyTables | null = null;

function vniLower(b: number, t: number): string {
  switch (VI_BASES[b]) {
    case 'a':
      return 'a' + VNI_TONE[t];
    case '\u0103':
      return 'a' + VNI_BREVE[t];
    case '\u00e2':
      return 'a' + VNI_CIRC[t];
    case 'e':
      return 'e' + VNI_TONE[t];
    case '\u00ea':
      return 'e' + VNI_CIRC[t];
    case 'i':
      return VNI_I[t];
    case 'o':
      return 'o' + VNI_TONE[t];
    case '\u00f4':
      return 'o' + VNI_CIRC[t];
    case '\u01a1':
      return '\u00f4' + VNI_TONE[t]; // ơ = ô
    case 'u':
      return 'u' + VNI_TONE[t];
    case '\u01b0':
      return '\u00f6' + VNI_TONE[t]; // ư = ö
    default:
      return t === 5 ? '\u00ee' : 'y' + VNI_TONE[t]; // ỵ = î
  }
}

function legacyTables(): LegacyTables {
  if (LT) return LT;
  const tcvnEnc = new Map<string, string>();
  const tcvnDec: string[] = new Array(256).fill('');
  const vniEnc = new Map<string, string>();
  const vniDec = new Map<string, string>();
  for (const [code, letter] of TCVN3_PLAIN) {
    tcvnEnc.set(letter, String.fromCharCode(code));
    tcvnDec[code] = letter;
  }
  for (let b = 0; b < 12; b++) {
    for (let t = 0; t < 6; t++) {
      const lower = viCompose(b, t);
      const upper = lower.toUpperCase();
      // TCVN3
      if (t > 0) {
        const code = TCVN3_TONED[b][TCVN3_COL[t]];
        tcvnEnc.set(lower, String.fromCharCode(code));
        tcvnEnc.set(upper, String.fromCharCode(code)); // capitals reuse the lower-case code point
        tcvnDec[code] = lower;
      }
      // VNI
      const v = vniLower(b, t);
      const V = v.toUpperCase();
      if (v !== lower) {
        vniEnc.set(lower, v);
        vniEnc.set(upper, V);
      }
      if (v.charCodeAt(v.length - 1) >= 0x80) {
        // í and ì are the same characters in VNI and Unicode, but still VNI letters
        vniDec.set(v, lower);
        vniDec.set(V, upper);
      }
    }
  }
  vniEnc.set('\u0111', '\u00f1');
  vniEnc.set('\u0110', '\u00d1');
  vniDec.set('\u00f1', '\u0111');
  vniDec.set('\u00d1', '\u0110');
  LT = { tcvnEnc, tcvnDec, vniEnc, vniDec };
  return LT;
}

// ---------------------------------------------------------------------------------------------
// Encoding (tests and the data generator)

/** Unicode → legacy encoding. Characters the encoding lacks are kept. */
export function encodeLegacy(s: string, encoding: LegacyEncoding): string {
  const t = legacyTables();
  const map = encoding === 'TCVN3' ? t.tcvnEnc : t.vniEnc;
  let out = '';
  for (const ch of s.normalize('NFC')) out += map.get(ch) ?? ch;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Token characters: ASCII letters and U+00A1–U+00FF (all legacy letters live there). */
function isTokenCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xa1 && c <= 0xff);
}

interface DecodeResult {
  text: string;
  /** decoded words whose source held a non-ASCII character */
  words: string[];
  /** a non-ASCII character that the encoding does not define */
  unmapped: boolean;
}

function decodeTcvnToken(tok: string, tcvnDec: string[], res: DecodeResult): string {
  let out = '';
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 0x80) out += tok[i];
    else {
      const d = tcvnDec[c];
      if (d) out += d;
      else {
        res.unmapped = true;
        out += tok[i];
      }
    }
  }
  return out;
}

function decodeVniToken(tok: string, vniDec: Map<string, string>, res: DecodeResult): string {
  let out = '';
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (i + 1 < tok.length && tok.charCodeAt(i + 1) >= 0x80) {
      const pair = vniDec.get(tok.slice(i, i + 2));
      if (pair !== undefined) {
        out += pair;
        i++;
        continue;
      }
    }
    if (c < 0x80) out += tok[i];
    else {
      const one = vniDec.get(tok[i]);
      if (one !== undefined) out += one;
      else {
        res.unmapped = true;
        out += tok[i];
      }
    }
  }
  return out;
}

function isTcvnToned(c: number): boolean {
  return c >= 0xb5 && c !== 0xba && c !== 0xbf && c <= 0xfe;
}

function decode(s: string, encoding: LegacyEncoding): DecodeResult {
  const t = legacyTables();
  const res: DecodeResult = { text: '', words: [], unmapped: false };
  // tokens
  const toks: Array<[number, number]> = [];
  const n = s.length;
  for (let i = 0; i < n;) {
    if (!isTokenCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const st = i;
    while (i < n && isTokenCode(s.charCodeAt(i))) i++;
    toks.push([st, i]);
  }
  // TCVN3 case context
  let allCaps = false;
  let titleWords = false;
  if (encoding === 'TCVN3') {
    // all caps: no ASCII lower-case letter, and some capital inside a word (a lone initial
    // capital, as in `T¹ ý`, is title case: Tạ Ý)
    let inner = 0,
      al = 0;
    for (const [a, b] of toks) {
      for (let i = a; i < b; i++) {
        const c = s.charCodeAt(i);
        if (c >= 97 && c <= 122) al++;
        else if (i > a && ((c >= 65 && c <= 90) || (c >= 0xa1 && c <= 0xa7))) inner++;
      }
    }
    allCaps = inner > 0 && al === 0;
    if (!allCaps) {
      let cap = 0,
        low = 0;
      for (const [a] of toks) {
        const c = s.charCodeAt(a);
        if ((c >= 65 && c <= 90) || (c >= 0xa1 && c <= 0xa7)) cap++;
        else if ((c >= 97 && c <= 122) || (c >= 0xa8 && c <= 0xae)) low++;
      }
      titleWords = cap > 0 && low === 0;
    }
  }
  let out = '';
  let last = 0;
  for (const [a, b] of toks) {
    out += s.slice(last, a);
    last = b;
    const tok = s.slice(a, b);
    let ascii = true;
    for (let i = 0; i < tok.length; i++) if (tok.charCodeAt(i) >= 0x80) ascii = false;
    if (ascii) {
      out += tok;
      continue;
    }
    let d: string;
    if (encoding === 'TCVN3') {
      d = decodeTcvnToken(tok, t.tcvnDec, res);
      if (allCaps) d = d.toUpperCase();
      else if (titleWords && isTcvnToned(tok.charCodeAt(0))) d = d[0].toUpperCase() + d.slice(1);
    } else d = decodeVniToken(tok, t.vniDec, res);
    res.words.push(d);
    out += d;
  }
  res.text = out + s.slice(last);
  return res;
}

/** Legacy encoding → Unicode (NFC). Characters the encoding does not define are kept. */
export function convertLegacy(s: string, encoding: LegacyEncoding): string {
  return decode(s, encoding).text;
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllables

const RHYMES = new Set(
  (
    'a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uy ưa ưi ưu uơ ' +
    'iêu yêu oai oay oeo uây uôi ươi ươu uya uyu ' +
    'am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âm ân âng âp ât âc em en eng ep et ec ' +
    'êm ên ênh êp êt êch im in inh ip it ich om on ong op ot oc ôm ôn ông ôp ôt ôc ơm ơn ơp ơt ' +
    'um un ung up ut uc ưm ưn ưng ưt ưc iêm iên iêng iêp iêt iêc yêm yên yêng yêt ' +
    'uôm uôn uông uôt uôc ươm ươn ương ươp ươt ươc oam oan oang oanh oap oat oac oach ' +
    'oăm oăn oăng oăt oăc oen oet oem uân uâng uât uênh uêch uên uyn uynh uyt uych uyên uyêt'
  )
    .normalize('NFC')
    .split(' '),
);
const INITIALS = [
  'ngh',
  'ng',
  'nh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  '\u0111',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
];
const FRONT = new Set(['e', '\u00ea', 'i', 'y']);

function initialAllows(init: string, rhyme: string): boolean {
  const f = rhyme[0];
  switch (init) {
    case 'c':
      return !FRONT.has(f);
    case 'k':
      return FRONT.has(f);
    case 'gh':
    case 'ngh':
      return f === 'e' || f === '\u00ea' || f === 'i';
    case 'g':
      return f !== 'e' && f !== '\u00ea';
    case 'ng':
      return f !== 'e' && f !== '\u00ea' && f !== 'i';
    default:
      return true;
  }
}

/** Rare rhymes, accepted only after these initials (huơ, thuở, khuơ). */
function rareRhymeAllowed(init: string, rhyme: string): boolean {
  switch (rhyme) {
    case 'u\u01a1':
      return init === 'h' || init === 'th' || init === 'kh';
    default:
      return true;
  }
}

function validToneless(w: string): string | null {
  for (const init of INITIALS) {
    if (!w.startsWith(init)) continue;
    const rest = w.slice(init.length);
    if (rest === '') continue;
    if (init === 'qu') {
      if (rest[0] !== 'u' && rest[0] !== 'o' && (RHYMES.has(rest) || RHYMES.has('u' + rest))) return rest;
      continue;
    }
    if (RHYMES.has(rest) && initialAllows(init, rest) && rareRhymeAllowed(init, rest)) return rest;
  }
  return null;
}

/**
 * @internal Whether `word` is a well-formed Vietnamese syllable: lower case, Capitalised or ALL
 * CAPS; at most one tone mark; initial + rhyme; only sắc or nặng before a final p, t, c, ch.
 * `strict` also requires the mark where the old or the new placement style puts it.
 */
export function isVietnameseSyllable(word: string, strict: boolean): boolean {
  const lw = word.toLowerCase();
  if (word !== lw && word !== word.toUpperCase() && word !== lw[0].toUpperCase() + lw.slice(1)) return false;
  let toneless = '';
  let tone = 0;
  let pos = -1;
  for (let i = 0; i < lw.length; i++) {
    const c = lw.charCodeAt(i);
    const v = viVowel(c);
    if (v) {
      const t = (v - 1) & 7;
      if (t) {
        if (tone) return false;
        tone = t;
        pos = i;
      }
      toneless += VI_BASES[(v - 1) >> 3];
    } else if ((c >= 97 && c <= 122) || c === 0x111) toneless += lw[i];
    else return false;
  }
  const rhyme = validToneless(toneless);
  if (rhyme === null) return false;
  if (tone && tone !== 2 && tone !== 5 && /(?:p|t|c|ch)$/.test(rhyme)) return false;
  if (strict && tone) {
    if (pos !== tonePosition(lw, 0, lw.length, 'new') && pos !== tonePosition(lw, 0, lw.length, 'old')) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Detection

/** A Vietnamese letter outside Latin-1, or a combining diacritic: the text is Unicode. */
function isUnicodeVietnamese(c: number): boolean {
  if (c >= 0x1ea0 && c <= 0x1ef9) return true;
  if (c >= 0x300 && c <= 0x36f) return true;
  switch (c) {
    case 0x102:
    case 0x103:
    case 0x110:
    case 0x111:
    case 0x128:
    case 0x129:
    case 0x168:
    case 0x169:
    case 0x1a0:
    case 0x1a1:
    case 0x1af:
    case 0x1b0:
      return true;
  }
  return false;
}

/** Frequent syllables of Vietnamese names and unit names (any tone placement), for tie-breaks. */
const COMMON_WORDS =
  'nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trịnh đinh lâm mai cao tô hà ' +
  'lương quách kiều thái đoàn vương tạ lưu triệu chu khổng quan từ hứa mạc âu ông ưng đàm đồng giang hầu ' +
  'kim la lạc lục mã nông phùng sầm thạch tăng thân tiêu trương vi viên lò lù cầm văn thị hữu đức minh ' +
  'ngọc thanh xuân quốc gia hoài thu bảo công đình như phương diệu mỹ tuấn anh an ánh bình châu chi cường ' +
  'dũng duy hải hạnh hằng hiền hiếu hoà hồng huệ hùng hưng hương huy khánh khoa khôi lan linh loan lộc ' +
  'long nam nga ngân nghĩa nhung oanh phong phúc phượng quân quang quỳnh sơn tâm thắng thảo thuỷ thuý ' +
  'thuỵ tiến toàn trang trung tú tuyết uyên vân việt vinh yến ý khuê quý nguyệt kiên giàu luỹ khuyến ' +
  'hỷ quyết diễm hạ đạt lực sỹ thoa mẫn bích trâm thư nhi vy hân đông đào ưu chính chiến cúc dung ' +
  'diệp đăng điệp định đạo đại hào hiệp hoa hoan hợp huân hướng kha khải khang khiêm khương kỳ lam ' +
  'lệ liên liễu lợi luân lụa mạnh miên my nghiêm nguyên nhàn nhân nhật nhạn như nương phát phi phú ' +
  'phụng phước quế quyên quyền sang sáng sinh song sương tài tân thành thăng thiện thịnh thơ thông ' +
  'thuận thương thường tiên tín tình trà trí triều trọng trúc trường tuệ tùng tư tường tuyền uy vĩnh ' +
  'vượng yên sở khoa học và nghệ uỷ ban dân xã phường trấn huyện quận tỉnh phố tiểu cơ phổ đại ' +
  'đẳng mầm non bệnh viện trạm y tế ngành thể hội phụ nữ cựu binh đảng mặt trận tổ chức tài kế ' +
  'hoạch đầu nội vụ pháp giáo dục tạo hoá thao du lịch lao động xây dựng môi nghiệp phát triển thôn ' +
  'thương tra ngoại tộc kho bạc thuế ngân hàng bưu điện ty cổ phần trách nhiệm hạn tác doanh cấp nước ' +
  'tâm cục phòng số vụ ấp làng xóm bản thôn đội';
let COMMON: Set<string> | null = null;

function commonScore(words: string[]): number {
  if (!COMMON) COMMON = new Set(COMMON_WORDS.split(' ').map(toneKey));
  let n = 0;
  for (const w of words) if (COMMON.has(toneKey(w))) n++;
  return n;
}

function plausible(r: DecodeResult, source: string): boolean {
  if (r.unmapped || r.text === source || r.words.length === 0) return false;
  for (const w of r.words) if (!isVietnameseSyllable(w, true)) return false;
  return true;
}

/** Read as Unicode, every word holding a non-ASCII character is a Vietnamese syllable. */
function unicodePlausible(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n;) {
    if (!isTokenCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const st = i;
    let high = false;
    while (i < n && isTokenCode(s.charCodeAt(i))) {
      if (s.charCodeAt(i) >= 0x80) high = true;
      i++;
    }
    if (high && !isVietnameseSyllable(s.slice(st, i), true)) return false;
  }
  return true;
}

/**
 * Whether a cell looks like TCVN3 or VNI text, with the proposed conversion; null for Unicode,
 * plain ASCII and anything ambiguous (see the file header for the rule).
 */
export function detectLegacy(s: string): LegacyDetection | null {
  const n = s.length;
  let high = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa1) continue;
    if (c <= 0xff) high = true;
    else if (isUnicodeVietnamese(c)) return null;
  }
  if (!high) return null;
  if (unicodePlausible(s)) return null;
  const t = decode(s, 'TCVN3');
  const v = decode(s, 'VNI');
  const tOk = plausible(t, s);
  const vOk = plausible(v, s);
  if (tOk && vOk) {
    const st = commonScore(t.words);
    const sv = commonScore(v.words);
    if (st > sv) return { encoding: 'TCVN3', converted: t.text };
    if (sv > st) return { encoding: 'VNI', converted: v.text };
    return null;
  }
  if (tOk) return { encoding: 'TCVN3', converted: t.text };
  if (vOk) return { encoding: 'VNI', converted: v.text };
  return null;
}
