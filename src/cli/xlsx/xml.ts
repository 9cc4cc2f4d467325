/**
 * XML helpers shared by the reader and the writer: entity and `_xHHHH_` decoding, escaping, and
 * a light attribute parser for the small parts (workbook, relationships, styles). The large parts
 * (worksheets, shared strings) are scanned byte by byte in read.ts, never parsed into a DOM.
 */

const ENTITY = /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number, whole: string): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/** Decodes the five named entities and numeric character references; anything else is left as is. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex !== undefined ? codePoint(parseInt(hex, 16), whole) : dec !== undefined ? codePoint(parseInt(dec, 10), whole) : NAMED[name as string],
  );
}

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes OOXML's `_xHHHH_` escapes (ST_Xstring): `_x000D_` is a CR, `_x005F_` a literal underscore. */
export function decodeEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(ESCAPE, (_w, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// Characters XML 1.0 forbids (C0 controls but TAB, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_TEXT_WORK = /[&<>\r_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * A string as cell text content: XML-escaped, characters illegal in XML 1.0 removed, CR kept as
 * `_x000D_` (a parser would turn a raw CR into LF), and a literal `_xHHHH_` protected as
 * `_x005F_xHHHH_` so that it reads back unchanged.
 */
export function escapeCellText(s: string): string {
  if (!NEEDS_TEXT_WORK.test(s)) return s;
  return s
    .replace(ILLEGAL, '')
    .replace(ESCAPE, '_x005F_x$1_')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '_x000D_');
}

/** An attribute value (double-quoted): escaped, illegal characters removed, whitespace kept as references. */
export function escapeAttr(s: string): string {
  return s
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Text content in small parts (formulas, names): escaped, illegal characters removed. */
export function escapeText(s: string): string {
  return s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of one start tag (the text between `<name` and `>`), values entity-decoded. */
export function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

export interface Tag {
  /** Qualified name as written (may carry a prefix). */
  name: string;
  /** Local name (prefix removed). */
  local: string;
  attrs: Record<string, string>;
  /** Offset of '<' and just past '>'. */
  start: number;
  end: number;
  selfClosing: boolean;
  closing: boolean;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** The part with comments and CDATA sections blanked out (same length, so offsets stay valid). */
export function blankComments(xml: string): string {
  if (xml.indexOf('<!') < 0) return xml;
  return xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => ' '.repeat(m.length));
}

/** Every start, end and empty-element tag of a small XML part (pass it through blankComments first). */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  const re = new RegExp(TAG.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const name = m[2];
    const c = name.indexOf(':');
    yield { name, local: c < 0 ? name : name.slice(c + 1), attrs: m[1] ? {} : parseAttrs(m[3]), start: m.index, end: re.lastIndex, selfClosing: m[4] === '/', closing: m[1] === '/' };
  }
}

/** The prefix ('' or 'x:') of the root element of a part, so that tags can be searched for by their written name. */
export function rootPrefix(xml: string): string {
  for (const t of tags(blankComments(xml))) {
    if (t.closing) continue;
    const c = t.name.indexOf(':');
    return c < 0 ? '' : t.name.slice(0, c + 1);
  }
  return '';
}

/** The prefix bound to a namespace URI in a part (first declaration), or null. */
export function prefixOf(xml: string, uris: string[]): string | null {
  const re = /xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) if (uris.includes(m[2])) return m[1];
  return null;
}

/** A-based column letters of a 0-based column index. */
export function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
