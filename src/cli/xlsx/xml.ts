/**
 * XML helpers shared by the reader and the writer: entity and `_xHHHH_` decoding and escaping for
 * the large parts (worksheets, shared strings), which are scanned byte by byte in read.ts and
 * written in chunks by write.ts, never parsed into a DOM. The small parts (workbook,
 * relationships, content types, styles) go through the DOM helpers of dom.ts.
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
  return s.replace(ILLEGAL, '').replace(ESCAPE, '_x005F_x$1_').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '_x000D_');
}

/** Text content in small parts (formulas, names): escaped, illegal characters removed. */
export function escapeText(s: string): string {
  return s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A-based column letters of a 0-based column index. */
export function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
