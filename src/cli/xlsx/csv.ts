/**
 * CSV input: RFC 4180 fields, every value kept as a string (a CCCD '038123456789' keeps its
 * leading zero; the core decides what a value means), and text decoding that refuses anything
 * that is not Unicode instead of guessing a legacy code page.
 */
import type { Cell } from '../../core/types';

export type CsvErrorCode = 'NOT_UTF8';

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
    throw new CsvError('NOT_UTF8', 'tệp là bảng tính zip (.xlsx), không phải CSV');
  }
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 BOM
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let bad = 0;
    // locate the first invalid byte for the message
    const dec = new TextDecoder('utf-8', { fatal: true });
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        dec.decode(bytes.subarray(0, mid));
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    bad = lo;
    throw new CsvError('NOT_UTF8', `không phải UTF-8 (byte không hợp lệ gần vị trí ${bad})`);
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
 * Parses CSV text into a rectangular grid of strings: quoted fields may hold delimiters, line
 * breaks and doubled quotes; CRLF, LF and CR end records; a UTF-8 BOM is dropped; the delimiter
 * is detected (detectDelimiter) unless given. Like a sheet's data range, trailing empty rows and
 * columns are dropped and short rows are padded with ''. The strings are slices of `text`.
 */
export function readCsv(text: string, delimiter?: string): Cell[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const d = (delimiter ?? detectDelimiter(text)).charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  let width = 0;
  let height = 0;
  const endRow = () => {
    let last = row.length - 1;
    while (last >= 0 && row[last] === '') last--;
    if (last >= 0) {
      if (last + 1 > width) width = last + 1;
      height = rows.length + 1;
    }
    rows.push(row);
    row = [];
  };
  if (n === 0) return [];
  for (;;) {
    // one field starting at i
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let s = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          // unterminated quote: the rest of the text is the field
          s += text.slice(j);
          j = n;
          break;
        }
        s += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          s += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // anything between the closing quote and the delimiter is kept (lenient)
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === LF || c === CR) break;
        k++;
      }
      if (k > j) s += text.slice(j, k);
      value = s;
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === LF || c === CR) break;
        k++;
      }
      value = text.slice(i, k);
      i = k;
    }
    row.push(value);
    if (i >= n) {
      endRow();
      break;
    }
    const c = text.charCodeAt(i);
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
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRow();
    if (i >= n) break;
  }
  rows.length = height;
  for (let r = 0; r < height; r++) {
    const rw = rows[r];
    if (rw.length > width) rw.length = width;
    else for (let c = rw.length; c < width; c++) rw.push('');
  }
  return rows;
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
