/**
 * CSV input: RFC 4180 fields, every value kept as a string (a CCCD '038123456789' keeps its
 * leading zero; the core decides what a value means), and text decoding that refuses anything
 * that is not Unicode instead of guessing a legacy code page.
 */
import { isUtf8 } from 'node:buffer';
import { XLSX, type Cell } from '../../core';
import { MAX_CELLS } from './read';

export type CsvErrorCode = 'NOT_UTF8' | 'TOO_LARGE';

export class CsvError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CsvError';
  }
}

/**
 * Bytes to text: UTF-8 (with or without a BOM), UTF-16LE/BE with a BOM. Anything else (a
 * Windows-1258 or TCVN3 export, an .xlsx renamed .csv) throws CsvError('NOT_UTF8').
 */
export function decodeText(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  }
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((n - 2) & ~1));
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1];
      swapped[i + 1] = body[i];
    }
    return new TextDecoder('utf-16le', { fatal: true }).decode(swapped);
  }
  if (n >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new CsvError('NOT_UTF8', XLSX.csv.isZip);
  }
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 BOM
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let bad = 0;
    // locate the first invalid byte for the message (a prefix is decoded as a stream, so one
    // that ends inside a valid multi-byte character does not count as invalid)
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    // the longest valid prefix may end inside the broken sequence: report where that sequence starts
    bad = lo;
    while (bad > 0 && (bytes[bad - 1] & 0xc0) === 0x80) bad--;
    if (bad > 0 && bytes[bad - 1] >= 0xc0) bad--;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lo));
      bad = lo; // the prefix is whole: the bad byte is the next one
    } catch {
      /* it ends inside a sequence: `bad` is that sequence's first byte */
    }
    throw new CsvError('NOT_UTF8', XLSX.csv.notUtf8(bad));
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The delimiter: the most frequent of , ; TAB outside quotes in the first record that holds any of
 * them (a title line without delimiters above the header is skipped; ties: , then ; then TAB).
 */
export function detectDelimiter(text: string): string {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let inQuotes = false;
  const limit = Math.min(text.length, 1 << 20);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF || c === CR) {
      if (comma + semi + tab > 0) break;
    } else if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

/**
 * Memory a CSV's values take, per byte of the file: 2.3 measured (a 220 MB learner CSV of
 * 1,000,000 rows held 505 MB of heap after a collection), rounded up. The command line charges
 * it to the memory estimate it shares with the .xlsx reader.
 */
export const CSV_MEMORY_PER_BYTE = 2.5;

/** A grid larger than this (rows × columns after padding) is refused: the .xlsx reader's bound. */
export const MAX_CSV_CELLS = MAX_CELLS;

/**
 * Parses CSV text into a rectangular grid of strings (see readCsvBytes: the same parser, on the
 * text's UTF-8 bytes).
 */
export function readCsv(text: string, delimiter?: string): Cell[][] {
  return readCsvBytes(Buffer.from(text, 'utf8'), delimiter);
}

/**
 * A file's bytes to a grid: UTF-8 (with or without a BOM) is parsed as bytes, without first
 * decoding the whole file into one string (a 200 MB file of Vietnamese text would be a 400 MB
 * string, and every field a slice holding it alive); UTF-16 with a BOM is decoded first. Anything
 * else throws CsvError('NOT_UTF8') (decodeText says where).
 */
export function readCsvFile(bytes: Uint8Array, delimiter?: string): Cell[][] {
  const n = bytes.length;
  const utf16 = n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (utf16 || (n >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)) return readCsv(decodeText(bytes), delimiter);
  // Invalid UTF-8 can only decode to U+FFFD: the whole file is validated only when a field holds
  // one (a second scan of every byte otherwise); decodeText then says where the bad byte is.
  const parsed = parseCsvBytes(buf, delimiter);
  if (parsed.replacement && !isUtf8(buf)) return readCsv(decodeText(bytes), delimiter);
  return parsed.rows;
}

/**
 * Short field values repeat (unit names, departments, statuses, dates): the pool gives one string
 * per distinct byte sequence of up to SHORT bytes, found by a hash of the bytes computed while
 * scanning, so a repeated value costs neither a decode nor a string. Bounded: past MAX_POOLED
 * distinct values, new ones are simply not pooled.
 */
/**
 * Node's own decoders behind Buffer#toString (which checks its arguments and looks the encoding
 * up on every call: ≈ 1 s of a 1,000,000-row file's parse, one call per field). Undocumented but
 * present since Node 0.x; Buffer#toString is the fallback where they are missing.
 */
interface SliceDecoders extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const FAST_SLICES =
  typeof (Buffer.prototype as Partial<SliceDecoders>).latin1Slice === 'function' &&
  typeof (Buffer.prototype as Partial<SliceDecoders>).utf8Slice === 'function';

/** The bytes [a, b) as Latin-1 (ASCII) text, through Node's own decoder. */
export function latin1(buf: Buffer, a: number, b: number): string {
  return FAST_SLICES ? (buf as SliceDecoders).latin1Slice(a, b) : buf.toString('latin1', a, b);
}

/** The bytes [a, b) as UTF-8 text, through Node's own decoder. */
export function utf8(buf: Buffer, a: number, b: number): string {
  return FAST_SLICES ? (buf as SliceDecoders).utf8Slice(a, b) : buf.toString('utf8', a, b);
}

class FieldPool {
  /**
   * Fields up to this many bytes are pooled: unit names, programmes and departments of 30–100
   * bytes repeat on every row of a learner sheet, and one string per distinct value also makes
   * the core's look-ups by text (unit resolution, memoised statuses) hit V8's cached hash.
   */
  private static readonly SHORT = 160;
  private static readonly BITS = 19;
  private static readonly MAX_POOLED = 200_000;
  private readonly table = new Int32Array(1 << FieldPool.BITS);
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly strings: string[] = [];
  private readonly byString = new Map<string, string>();
  constructor(private readonly buf: Buffer) {}

  /** A decoded field held U+FFFD. */
  replacement = false;

  /** Decodes non-ASCII bytes, noting a U+FFFD (what invalid UTF-8 decodes to). */
  utf8(a: number, b: number): string {
    const s = utf8(this.buf, a, b);
    if (s.indexOf('\uFFFD') >= 0) this.replacement = true;
    return s;
  }

  /**
   * Per column (the first COLUMNS): values looked up and found. A column whose values hardly
   * repeat (row numbers, names, CCCDs: under 1 in 20 found after 2,000) is no longer pooled, which
   * saves its lookups and leaves the pool's room to the columns that repeat.
   */
  private static readonly COLUMNS = 256;
  private readonly tries = new Int32Array(FieldPool.COLUMNS);
  private readonly hits = new Int32Array(FieldPool.COLUMNS);
  private readonly unpooled = new Uint8Array(FieldPool.COLUMNS);

  field(a: number, b: number, ascii: boolean, hash: number, col: number): string {
    const buf = this.buf;
    const len = b - a;
    if (len > FieldPool.SHORT || (col < FieldPool.COLUMNS && this.unpooled[col] === 1)) return ascii ? latin1(buf, a, b) : this.utf8(a, b);
    if (col < FieldPool.COLUMNS && ++this.tries[col] === 2000 && this.hits[col] * 20 < 2000) this.unpooled[col] = 1;
    const mask = this.table.length - 1;
    // mix the bytes' hash (murmur3's finaliser): near-identical values (consecutive ID numbers,
    // dates) would otherwise fill neighbouring slots and make linear probing crawl
    let h = hash ^ len;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.table[slot];
      if (e === 0) {
        const s = ascii ? latin1(buf, a, b) : this.utf8(a, b);
        if (this.strings.length < FieldPool.MAX_POOLED) {
          this.strings.push(s);
          this.starts.push(a);
          this.lengths.push(len);
          this.table[slot] = this.strings.length;
        }
        return s;
      }
      if (this.lengths[e - 1] === len) {
        const o = this.starts[e - 1];
        let m = 0;
        while (m < len && buf[o + m] === buf[a + m]) m++;
        if (m === len) {
          if (col < FieldPool.COLUMNS) this.hits[col]++;
          return this.strings[e - 1];
        }
      }
    }
  }

  /** A quoted field's value (decoded in pieces): pooled by its text. */
  shareString(s: string): string {
    if (s.length > FieldPool.SHORT) return s;
    const known = this.byString.get(s);
    if (known !== undefined) return known;
    if (this.byString.size < FieldPool.MAX_POOLED) this.byString.set(s, s);
    return s;
  }
}

/**
 * The parser, on valid UTF-8 bytes. Quoted fields may hold delimiters, line breaks and doubled
 * quotes; CRLF, LF and CR end records; a UTF-8 BOM is dropped; the delimiter is detected
 * (detectDelimiter) unless given. Like a sheet's data range, trailing empty rows and columns are
 * dropped and short rows are padded with ''. Every byte the parser looks for is ASCII, so a field
 * boundary never splits a multi-byte character. A field of ASCII bytes becomes a one-byte string
 * (half the memory of a slice of a decoded text); short fields that repeat (unit names, statuses,
 * dates) share one string.
 */
export function readCsvBytes(buf: Buffer, delimiter?: string): Cell[][] {
  return parseCsvBytes(buf, delimiter).rows;
}

/** readCsvBytes, and whether a decoded field holds U+FFFD (the bytes may not be valid UTF-8). */
function parseCsvBytes(buf: Buffer, delimiter?: string): { rows: Cell[][]; replacement: boolean } {
  let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const n = buf.length;
  const d = delimiter !== undefined ? delimiter.charCodeAt(0) : detectDelimiter(buf.toString('latin1', i, Math.min(n, i + (1 << 20)))).charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let width = 0;
  let height = 0;
  let widest = 0;
  const pool = new FieldPool(buf);
  /** Where the field read by quotedField ends. */
  const at = { pos: 0 };
  const share = (v: string): string => pool.shareString(v);
  const text = (a: number, b: number, ascii: boolean, hash: number): string => (a === b ? '' : pool.field(a, b, ascii, hash, row.length));
  const endRow = () => {
    let last = row.length - 1;
    while (last >= 0 && row[last] === '') last--;
    if (last >= 0) {
      if (last + 1 > width) {
        width = last + 1;
        widest = rows.length;
      }
      height = rows.length + 1;
    }
    rows.push(row);
    row = [];
  };
  if (i >= n) return { rows: [], replacement: false };
  for (;;) {
    // one field starting at i
    let value: string;
    if (buf[i] === QUOTE) {
      value = share(quotedField(buf, i, d, pool, at));
      i = at.pos;
    } else {
      let k = i;
      let high = 0;
      let hash = 0;
      while (k < n) {
        const c = buf[k];
        if (c === d || c === LF || c === CR) break;
        high |= c;
        hash = (Math.imul(hash, 31) + c) | 0;
        k++;
      }
      value = text(i, k, high < 0x80, hash);
      i = k;
    }
    row.push(value);
    if (i >= n) {
      endRow();
      break;
    }
    const c = buf[i];
    if (c === d) {
      i++;
      if (i >= n) {
        row.push('');
        endRow();
        break;
      }
      continue;
    }
    // end of record
    i += c === CR && buf[i + 1] === LF ? 2 : 1;
    endRow();
    if (i >= n) break;
  }
  rectangle(rows, height, width, widest);
  return { rows, replacement: pool.replacement };
}

/**
 * The field whose opening quote is at `i`: the text between the quotes (doubled quotes undone;
 * an unterminated quote takes the rest of the text) and, leniently, anything after the closing
 * quote up to the delimiter or the end of the record. `at.pos` is set to the position after it.
 */
function quotedField(buf: Buffer, i: number, d: number, pool: FieldPool, at: { pos: number }): string {
  const n = buf.length;
  const pieces: string[] = [];
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0) {
      // unterminated quote: the rest of the text is the field
      pieces.push(pool.utf8(j, n));
      j = n;
      break;
    }
    if (q > j) pieces.push(pool.utf8(j, q));
    if (buf[q + 1] === QUOTE) {
      pieces.push('"');
      j = q + 2;
    } else {
      j = q + 1;
      break;
    }
  }
  // anything between the closing quote and the delimiter is kept (lenient)
  let k = j;
  while (k < n) {
    const c = buf[k];
    if (c === d || c === LF || c === CR) break;
    k++;
  }
  if (k > j) pieces.push(pool.utf8(j, k));
  at.pos = k;
  return pieces.length === 1 ? pieces[0] : pieces.join('');
}

/**
 * The rows cut to `height` (trailing empty rows dropped) and each padded with '' or cut to
 * `width`; TOO_LARGE past MAX_CSV_CELLS (naming `widest`, the first row that is `width` wide).
 */
function rectangle(rows: string[][], height: number, width: number, widest: number): void {
  if (height * width > MAX_CSV_CELLS) throw new CsvError('TOO_LARGE', XLSX.csv.tooLarge(height, width, widest + 1, MAX_CSV_CELLS));
  rows.length = height;
  for (let r = 0; r < height; r++) {
    const rw = rows[r];
    if (rw.length > width) rw.length = width;
    else for (let c = rw.length; c < width; c++) rw.push('');
  }
}

/**
 * Writes a grid as CSV text: RFC 4180 quoting (a field holding the delimiter, a quote, CR or LF,
 * or edge spaces is quoted with doubled quotes), CRLF record ends, a UTF-8 BOM so that Excel
 * opens Vietnamese text correctly. Numbers and booleans as their text; a Date as its ISO string;
 * null as ''. `readCsv(writeCsv(g))` gives back the grid as strings.
 */
/**
 * The formula guard of a CSV field a spreadsheet will open: a text beginning with = + - @ or a
 * tab/carriage return gets a leading apostrophe (OWASP "CSV injection"), so Excel, LibreOffice and
 * Sheets show it as text. `unguardCsvField` takes it off again when we read our own file back.
 */
export function guardCsvField(c: Cell): Cell {
  return typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? "'" + c : c;
}

export function unguardCsvField(c: Cell): Cell {
  return typeof c === 'string' && /^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c;
}

export function writeCsv(rows: Cell[][], delimiter = ','): string {
  const needs = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}"\\r\\n]|^\\s|\\s$`);
  const field = (c: Cell): string => {
    const s = c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c);
    return needs.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + rows.map((r) => r.map(field).join(delimiter)).join('\r\n') + (rows.length ? '\r\n' : '');
}
