/**
 * .xlsx reader: every sheet's values exactly as Google Sheets' Range.getValues() gives them
 * (strings, numbers, booleans, Dates in Asia/Ho_Chi_Minh, '' for empty cells), in tab order.
 *
 * The big parts (worksheets, shared strings) are scanned as bytes with charCode loops: no DOM,
 * no whole-part string (so no V8 string-length limit), each text value decoded from its own
 * byte range (a range always starts and ends at an ASCII '<' or '>', so a multi-byte UTF-8
 * character is never split). Small parts (workbook, relationships, styles) are decoded whole
 * and parsed into a namespace-aware DOM (dom.ts).
 */
import { type Cell, XLSX } from '../../core';
import { isBuiltinDateFormat, isDateFormatCode, parseIsoDate, serialToDate } from './dates';
import { XlsxError } from './errors';
import { attrNS, child, children, MAIN_NS, NS_PKG_REL, parseXml, readXmlPart, REL_NS, rootOf, type Document, type Element } from './dom';
import { columnName, decodeEntities, decodeEscapes } from './xml';
import { MAX_PART_BYTES, ZipReader } from './zip';

export { XlsxError } from './errors';
export type { XlsxErrorCode } from './errors';

export interface ReadOptions {
  /** Which sheets to read (by name); the others are skipped silently. Default: all. */
  sheets?: (name: string) => boolean;
  /**
   * The memory estimate to charge (default: a fresh one for this file). A caller holding several
   * files' values at once passes one budget for all: the inflated parts of a file are refunded
   * when it is read (they are garbage then), its values stay charged.
   */
  budget?: Budget;
}

export interface ReadSheet {
  name: string;
  values: Cell[][];
  /** 'hidden' or 'veryHidden' for a hidden tab (still read). */
  state?: 'hidden' | 'veryHidden';
}

export interface ReadResult {
  sheets: ReadSheet[];
  /** Things skipped or repaired (chart sheets, dialog sheets…), Vietnamese, one line each. */
  warnings: string[];
  /**
   * Cells whose value cannot be read (a shared-string index that does not exist): per sheet,
   * the first such cell (A1) and how many. They read as blank; a caller that must not guess
   * (the command line) refuses the file.
   */
  unreadable: { sheet: string; cell: string; count: number }[];
}

/**
 * Sheets larger than this (rows × columns of the grid returned, after far stray cells are
 * dropped) are refused with TOO_LARGE: twice Google Sheets' 10 M cells per spreadsheet.
 */
export const MAX_CELLS = 20_000_000;

/** Excel's grid: 1,048,576 rows × 16,384 columns (A…XFD). A reference beyond it is never used as an index. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * Cells separated from the table by at least this many empty columns (or FAR_ROWS empty rows)
 * are far stray cells: dropped with a warning (see readSheetValues).
 */
export const FAR_COLUMNS = 64;
export const FAR_ROWS = 10_000;

/**
 * Estimated memory of one workbook's reading, refused with TOO_LARGE beyond: every part inflated
 * (its declared size, charged before inflating: a part read earlier may wait for the garbage
 * collector while the next one is inflated) plus the values read (shared strings, cells, the
 * padding of the grid). 1.25 GiB keeps the peak RSS under 2 GB whatever the file holds; a
 * 1,000,000 × 8 learner sheet is estimated at ~0.95 GiB (its part, 0.45 GiB, and its values).
 */
export const MAX_READ_BYTES = 1.25 * 2 ** 30;

// Estimated V8 sizes (64-bit, measured on Node 20): an array slot 8 bytes, a boxed number 16, a
// Date ~120, a string ~24 + its characters (2 bytes each when not Latin-1: counted so always).
const SLOT_COST = 8;
const NUMBER_COST = SLOT_COST + 16;
const DATE_COST = SLOT_COST + 120;
const STRING_COST = SLOT_COST + 24;
/** A cell kept aside (far from the table) until the grid is built: its row and column too. */
const FAR_CELL_COST = 2 * NUMBER_COST;

/** Running estimate of the memory the values read so far take (one per readXlsx call). */
/** TOO_LARGE from the memory estimate (not from one part or grid): a caller may say it in its own words. */
export class BudgetError extends XlsxError {}

export class Budget {
  used = 0;
  constructor(readonly limit = MAX_READ_BYTES) {}

  /** Gives back a transient charge (an inflated part that is garbage now). */
  refund(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  /** Adds `bytes`; TOO_LARGE (naming `where`) past the limit. */
  charge(bytes: number, where: string): void {
    this.used += bytes;
    if (this.used > this.limit) throw new BudgetError('TOO_LARGE', XLSX.read.memory(where, Math.round(this.limit / 1048576)));
  }
}

// ---------------------------------------------------------------- package structure (shared with write.ts)

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'unknown';

export interface PackageSheet {
  name: string;
  sheetId: number;
  rid: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  kind: SheetKind;
  /** Zip part name (no leading slash) or null when the relationship is missing. */
  path: string | null;
  /** The `<sheet>` element in the parsed workbook part (the writer edits that document). */
  element: Element;
}

export interface Relationship {
  id: string;
  type: string;
  /** Last segment of the type URI ('worksheet', 'styles', …). */
  kind: string;
  target: string;
  external: boolean;
  /** Resolved part name (no leading slash); '' for an external target. */
  path: string;
}

export interface Package {
  zip: ZipReader;
  workbookPath: string;
  /** The workbook part, parsed (namespace-aware). */
  workbookDoc: Document;
  relsPath: string;
  /** The workbook's relationships part, parsed; null when the package has none. */
  relsDoc: Document | null;
  rels: Relationship[];
  sheets: PackageSheet[];
  date1904: boolean;
  stylesPath: string | null;
  sharedStringsPath: string | null;
}

const te = new TextEncoder();

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathOf(part: string): string {
  const d = dirOf(part);
  return `${d}_rels/${part.slice(d.length)}.rels`;
}

/** A relationship target resolved against the source part's folder; absolute targets handled. */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURI(t);
  } catch {
    /* keep as written */
  }
  const parts = (t.startsWith('/') ? t.slice(1) : dirOf(sourcePart) + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

export function parseRels(xml: string | Document, sourcePart: string): Relationship[] {
  const doc = typeof xml === 'string' ? parseXml(xml, relsPathOf(sourcePart)) : xml;
  const root = rootOf(doc, [NS_PKG_REL], 'Relationships');
  if (!root) throw new XlsxError('CORRUPT', XLSX.read.notRels(relsPathOf(sourcePart)));
  return children(root, [NS_PKG_REL], 'Relationship').map((el) => {
    const type = el.getAttribute('Type') ?? '';
    const external = (el.getAttribute('TargetMode') ?? '').toLowerCase() === 'external';
    const target = el.getAttribute('Target') ?? '';
    return {
      id: el.getAttribute('Id') ?? '',
      type,
      kind: type.slice(type.lastIndexOf('/') + 1),
      target,
      external,
      path: external ? '' : resolveTarget(sourcePart, target),
    };
  });
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasUtf16(bytes: Uint8Array, s: string): boolean {
  const needle = Buffer.from(s, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function checkSignature(bytes: Uint8Array): void {
  if (!bytes || bytes.length === 0) throw new XlsxError('NOT_ZIP', XLSX.read.empty);
  if (bytes.length >= 8 && OLE.every((v, i) => bytes[i] === v)) {
    if (hasUtf16(bytes, 'EncryptedPackage') || hasUtf16(bytes, 'EncryptionInfo')) throw new XlsxError('ENCRYPTED', XLSX.read.encrypted);
    throw new XlsxError('ENCRYPTED', XLSX.read.binaryOffice);
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart().toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) throw new XlsxError('NOT_ZIP', XLSX.read.html);
    if (head.startsWith('<?xml')) throw new XlsxError('NOT_ZIP', XLSX.read.xml);
    throw new XlsxError('NOT_ZIP', XLSX.read.notZip);
  }
}

function notXlsxDetail(zip: ZipReader): string {
  const mt = zip.get('mimetype');
  if (mt) {
    const m = Buffer.from(zip.read(mt, 1024)).toString('latin1');
    if (m.includes('opendocument.spreadsheet')) return XLSX.read.ods;
    return XLSX.read.zipOfType(m.trim());
  }
  if (zip.get('xl/workbook.bin')) return XLSX.read.xlsb;
  if (zip.get('word/document.xml')) return XLSX.read.docx;
  if (zip.get('ppt/presentation.xml')) return XLSX.read.pptx;
  return XLSX.read.noWorkbook;
}

/** Opens a package and reads its workbook structure; throws XlsxError on anything malformed. */
export function openPackage(bytes: Uint8Array): Package {
  checkSignature(bytes);
  try {
    const zip = new ZipReader(bytes);
    let workbookPath = 'xl/workbook.xml';
    const rootRels = zip.get('_rels/.rels');
    if (rootRels) {
      const office = parseRels(readXmlPart(zip, rootRels).doc, '').find((r) => r.kind === 'officeDocument' && !r.external);
      if (office && zip.get(office.path)) workbookPath = office.path;
    }
    const wbEntry = zip.get(workbookPath);
    if (!wbEntry) throw new XlsxError('NOT_XLSX', notXlsxDetail(zip));
    workbookPath = wbEntry.name.replace(/^\//, '');
    const workbookDoc = readXmlPart(zip, wbEntry).doc;
    const relsPath = relsPathOf(workbookPath);
    const relsEntry = zip.get(relsPath);
    const relsDoc = relsEntry ? readXmlPart(zip, relsEntry).doc : null;
    const rels = relsDoc ? parseRels(relsDoc, workbookPath) : [];
    const relById = new Map(rels.map((r) => [r.id, r]));
    const root = rootOf(workbookDoc, MAIN_NS, 'workbook');
    if (!root) throw new XlsxError('CORRUPT', XLSX.read.notWorkbook(workbookPath));
    const pr = child(root, MAIN_NS, 'workbookPr');
    const v1904 = (pr?.getAttribute('date1904') ?? '').toLowerCase();
    const date1904 = v1904 === '1' || v1904 === 'true';
    const sheets: PackageSheet[] = [];
    for (const list of children(root, MAIN_NS, 'sheets')) {
      for (const el of children(list, MAIN_NS, 'sheet')) {
        const rid = attrNS(el, REL_NS, 'id') ?? '';
        const rel = relById.get(rid);
        const kind: SheetKind = !rel
          ? 'unknown'
          : rel.kind === 'worksheet'
            ? 'worksheet'
            : rel.kind === 'chartsheet'
              ? 'chartsheet'
              : rel.kind === 'dialogsheet'
                ? 'dialogsheet'
                : /macrosheet$/i.test(rel.kind)
                  ? 'macrosheet'
                  : 'unknown';
        const state = el.getAttribute('state');
        const entry = rel && !rel.external ? zip.get(rel.path) : undefined;
        sheets.push({
          name: el.getAttribute('name') ?? '',
          sheetId: Number(el.getAttribute('sheetId')) || 0,
          rid,
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          kind,
          path: entry ? entry.name.replace(/^\//, '') : rel && !rel.external ? rel.path : null,
          element: el,
        });
      }
    }
    const byKind = (k: string) => {
      const r = rels.find((x) => x.kind === k && !x.external && zip.get(x.path));
      return r ? zip.get(r.path)!.name.replace(/^\//, '') : null;
    };
    return {
      zip,
      workbookPath,
      workbookDoc,
      relsPath,
      relsDoc,
      rels,
      sheets,
      date1904,
      stylesPath: byKind('styles'),
      sharedStringsPath: byKind('sharedStrings'),
    };
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('CORRUPT', XLSX.read.corrupt(e instanceof Error ? e.message : String(e)));
  }
}

// ---------------------------------------------------------------- styles: which cell formats are dates

/** isDate[xfIndex] = 1 when cellXfs[xfIndex] shows a date or time. */
export function readDateStyles(xml: string | Document, part = 'xl/styles.xml'): Uint8Array {
  const doc = typeof xml === 'string' ? parseXml(xml, part) : xml;
  const root = rootOf(doc, MAIN_NS, 'styleSheet');
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  if (root) {
    for (const list of children(root, MAIN_NS, 'numFmts'))
      for (const f of children(list, MAIN_NS, 'numFmt')) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
    for (const list of children(root, MAIN_NS, 'cellXfs'))
      for (const xf of children(list, MAIN_NS, 'xf')) xfFormats.push(Number(xf.getAttribute('numFmtId') ?? 0) || 0);
  }
  const out = new Uint8Array(xfFormats.length);
  xfFormats.forEach((id, i) => {
    const code = custom.get(id);
    out[i] = (code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id)) ? 1 : 0;
  });
  return out;
}

// ---------------------------------------------------------------- byte scanning

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;

const isWs = (b: number) => b === 32 || b === 9 || b === 10 || b === 13;
/** A byte that may follow an element name in a tag. */
const isNameEnd = (b: number) => b === 32 || b === GT || b === SLASH || b === 9 || b === 10 || b === 13;

function nameAt(buf: Uint8Array, pos: number, name: Uint8Array): boolean {
  const n = name.length;
  for (let k = 0; k < n; k++) if (buf[pos + k] !== name[k]) return false;
  return isNameEnd(buf[pos + n]);
}

/** Position of the '>' that ends the tag whose '<' is at `lt` (quotes respected). */
function tagEnd(buf: Uint8Array, lt: number): number {
  const n = buf.length;
  let i = lt + 1;
  while (i < n) {
    const b = buf[i];
    if (b === GT) return i;
    if (b === 34 || b === 39) {
      i++;
      while (i < n && buf[i] !== b) i++;
    }
    i++;
  }
  return -1;
}

interface Names {
  sheetData: Uint8Array;
  row: Uint8Array;
  c: Uint8Array;
  v: Uint8Array;
  is: Uint8Array;
  t: Uint8Array;
  rPh: Uint8Array;
  si: Uint8Array;
}

function names(prefix: string): Names {
  const n = (s: string) => te.encode(prefix + s);
  return { sheetData: n('sheetData'), row: n('row'), c: n('c'), v: n('v'), is: n('is'), t: n('t'), rPh: n('rPh'), si: n('si') };
}

/** The prefix of the root element of a byte part ('' or 'x:'). */
function bytePrefix(buf: Uint8Array): string {
  const n = Math.min(buf.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    if (buf[i] !== LT) continue;
    const b = buf[i + 1];
    if (b === 63 || b === 33) continue; // <? <!
    let j = i + 1;
    while (j < n && !isNameEnd(buf[j])) j++;
    const name = Buffer.from(buf.buffer, buf.byteOffset + i + 1, j - i - 1).toString('latin1');
    const c = name.indexOf(':');
    return c < 0 ? '' : name.slice(0, c + 1);
  }
  return '';
}

/** Characters of one cell's text that are kept; longer text is cut there, with a warning. */
export const MAX_CELL_CHARS = 50_000;
/**
 * Characters decoded for one value at most (then escapes are decoded and the value is cut at
 * MAX_CELL_CHARS): an `_xHHHH_` escape shrinks 7 characters to 1, so this is always enough.
 */
const RAW_CHARS = 7 * MAX_CELL_CHARS + 7;
/** Bytes decoded at a time from a long text (never a whole 30 MB cell as one string). */
const TEXT_WINDOW = 1 << 16;

/** A fresh copy of a short slice (a slice of a long string would keep the long one alive). */
function detach(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

class Scanner {
  readonly buf: Buffer;
  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** End position of the last text() or runs() call. */
  pos = 0;

  /** Set when a value had more than MAX_CELL_CHARS characters and was cut (the caller clears it). */
  cut = false;

  /**
   * Entity-decoded text of the bytes [a, b) (no '<' inside). A long range is decoded window by
   * window (a window never ends inside an entity or a UTF-8 sequence) and only until `room`
   * characters are decoded; `cut` is set when bytes are left over.
   */
  decodeRange(a: number, b: number, room: number): string {
    const buf = this.buf;
    if (b - a <= room) return a === b ? '' : decodeEntities(buf.toString('utf8', a, b)); // ≤ room bytes: ≤ room characters
    const parts: string[] = [];
    let got = 0;
    let p = a;
    while (p < b && got < room) {
      let q = Math.min(b, p + TEXT_WINDOW);
      if (q < b) {
        const limit = Math.max(p + 1, q - 32);
        for (let k = q - 1; k >= limit; k--) {
          const c = buf[k];
          if (c === 59) break; // ';' ends any entity before it
          if (c === 38) {
            q = k; // an entity may start here: leave it to the next window
            break;
          }
        }
        while (q > p + 1 && (buf[q] & 0xc0) === 0x80) q--; // not inside a UTF-8 sequence
      }
      const s = decodeEntities(buf.toString('utf8', p, q));
      parts.push(s);
      got += s.length;
      p = q;
    }
    if (p < b) this.cut = true;
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /** A decoded value (escapes decoded when `escapes`), cut at MAX_CELL_CHARS characters. */
  finish(s: string, escapes: boolean): string {
    if (escapes) s = decodeEscapes(s);
    if (s.length <= MAX_CELL_CHARS) return s;
    this.cut = true;
    let end = MAX_CELL_CHARS;
    const last = s.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
    return detach(s.slice(0, end));
  }

  /**
   * Decoded text content starting at `i` up to the '<' of the closing tag (CDATA handled), at
   * most about RAW_CHARS characters (see decodeRange); `pos` is set to that '<'.
   */
  text(i: number): string {
    const buf = this.buf;
    const n = buf.length;
    let j = i;
    while (j < n && buf[j] !== LT) j++;
    // CDATA sections (not written by Excel, but legal)
    if (buf[j + 1] === 33 && buf[j + 2] === 91) {
      const parts = [this.decodeRange(i, j, RAW_CHARS)];
      let got = parts[0].length;
      while (j < n && buf[j] === LT && buf[j + 1] === 33 && buf[j + 2] === 91) {
        const end = buf.indexOf(']]>', j + 9, 'latin1');
        if (end < 0) throw new XlsxError('CORRUPT', XLSX.read.cdataOpen);
        if (got < RAW_CHARS) {
          let stop = Math.min(end, j + 9 + (RAW_CHARS - got));
          if (stop < end) {
            this.cut = true;
            while (stop > j + 9 && (buf[stop] & 0xc0) === 0x80) stop--;
          }
          const s = buf.toString('utf8', j + 9, stop);
          parts.push(s);
          got += s.length;
        } else this.cut = true;
        let k = end + 3;
        while (k < n && buf[k] !== LT) k++;
        if (got < RAW_CHARS) {
          const s = this.decodeRange(end + 3, k, RAW_CHARS - got);
          parts.push(s);
          got += s.length;
        } else if (k > end + 3) this.cut = true;
        j = k;
      }
      this.pos = j;
      return parts.join('');
    }
    this.pos = j;
    return this.decodeRange(i, j, RAW_CHARS);
  }

  /**
   * The text of a rich or plain string (<si> or <is>): the <t> runs concatenated, phonetic runs
   * (<rPh>) skipped, `_xHHHH_` escapes decoded, cut at MAX_CELL_CHARS. `i` is just past the
   * opening tag; `pos` is set just past the closing tag.
   */
  runs(i: number, nm: Names, end: Uint8Array): string {
    const buf = this.buf;
    const n = buf.length;
    let out = '';
    let depthRPh = 0;
    while (i < n) {
      while (i < n && buf[i] !== LT) i++;
      if (i >= n) break;
      if (buf[i + 1] === SLASH) {
        if (nameAt(buf, i + 2, end)) {
          const e = tagEnd(buf, i);
          this.pos = e < 0 ? n : e + 1;
          return this.finish(out, true);
        }
        if (nameAt(buf, i + 2, nm.rPh)) depthRPh--;
        i += 2;
        continue;
      }
      const e = tagEnd(buf, i);
      if (e < 0) break;
      const selfClosing = buf[e - 1] === SLASH;
      if (nameAt(buf, i + 1, nm.rPh)) {
        if (!selfClosing) depthRPh++;
      } else if (depthRPh === 0 && nameAt(buf, i + 1, nm.t) && !selfClosing) {
        // Whitespace is kept with or without xml:space="preserve" (as LibreOffice and SheetJS
        // do): trimming unpreserved runs would glue words of rich text together.
        if (out.length < RAW_CHARS) out += this.text(e + 1);
        else {
          // enough text for the cut value: skip the rest of the run without decoding it
          let k = e + 1;
          while (k < n && buf[k] !== LT) k++;
          if (k > e + 1) this.cut = true;
          this.pos = k;
        }
        i = this.pos;
        continue;
      }
      i = e + 1;
    }
    throw new XlsxError('CORRUPT', XLSX.read.textOpen);
  }
}

/** The shared strings of a workbook, and which of them were cut at MAX_CELL_CHARS. */
export interface SharedStrings {
  strings: string[];
  /** Indexes of the strings that were cut (a cell using one is reported with its sheet). */
  cut: Set<number>;
}

/**
 * Reads sharedStrings.xml: one decoded string per <si>, in order. Each string is charged to
 * `budget` (TOO_LARGE past MAX_READ_BYTES).
 */
export function readSharedStrings(bytes: Uint8Array, budget: Budget = new Budget()): SharedStrings {
  const sc = new Scanner(bytes);
  const buf = sc.buf;
  const nm = names(bytePrefix(buf));
  const out: string[] = [];
  const cut = new Set<number>();
  const n = buf.length;
  let i = 0;
  for (;;) {
    i = buf.indexOf(LT, i);
    if (i < 0 || i >= n) break;
    if (nameAt(buf, i + 1, nm.si)) {
      const e = tagEnd(buf, i);
      if (e < 0) break;
      if (buf[e - 1] === SLASH) {
        out.push('');
        budget.charge(SLOT_COST, XLSX.read.sharedStrings);
        i = e + 1;
      } else {
        const s = sc.runs(e + 1, nm, nm.si);
        if (sc.cut) {
          cut.add(out.length);
          sc.cut = false;
        }
        out.push(s);
        budget.charge(STRING_COST + 2 * s.length, XLSX.read.sharedStrings);
        i = sc.pos;
      }
    } else i++;
  }
  return { strings: out, cut };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** A number from ASCII bytes; exact (a ≤ 15-digit decimal divided by a power of ten is correctly rounded). */
function parseNumber(buf: Buffer, a: number, b: number): number {
  if (b - a > 64) {
    // no number is written with more than a few dozen characters: do not copy a long text to find out
    while (a < b && isWs(buf[a])) a++;
    while (b > a && isWs(buf[b - 1])) b--;
    if (b - a > 64) return NaN;
  }
  let i = a;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else break;
  }
  if (i === b && digits > 0 && digits <= 15) {
    const v = scale > 0 ? m / POW10[scale] : m;
    return neg ? -v : v;
  }
  const s = buf.toString('latin1', a, b).trim();
  return s === '' ? NaN : Number(s);
}

interface SheetContext {
  sst: SharedStrings | null;
  isDate: Uint8Array;
  date1904: boolean;
  warn: (s: string) => void;
  /** Called once per sheet with unreadable cells: the first one (A1) and how many. */
  unreadable?: (cell: string, count: number) => void;
  sheetName: string;
  /** The workbook's memory estimate (shared by its sheets); a fresh one by default. */
  budget?: Budget;
}

/** How many cell addresses a warning lists. */
const FIRST_CELLS = 3;

/** “A1, B2, C3…” (an ellipsis when there are more than listed). */
function cellList(first: string[], count: number): string {
  return first.join(', ') + (count > first.length ? '…' : '');
}

// cell types
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

/**
 * Scans one worksheet part into a rectangular grid of values.
 *
 * Bounded whatever the part holds: a cell beyond Excel's grid (column > XFD, row > 1,048,576) is
 * skipped with a warning, never used as an index; a text is cut at MAX_CELL_CHARS; far stray
 * cells (past FAR_COLUMNS empty columns or FAR_ROWS empty rows from the table) are kept aside
 * while scanning and dropped with a warning (see buildGrid); every value is charged to the budget.
 *
 * The steps (one pass, linear in the part's size, nothing allocated per cell but the values):
 * openScan → sheetDataStart → scanSheetData (readRowTag; readCell = readCellTag, readCellContent,
 * cellValue, placeValue → putCell) → warnScan → buildGrid.
 */
export function readSheetValues(bytes: Uint8Array, ctx: SheetContext): Cell[][] {
  const s = openScan(bytes, ctx);
  const start = sheetDataStart(s.buf, s.nm.sheetData);
  if (start < 0) return [];
  scanSheetData(s, start);
  warnScan(s);
  s.budget.used = s.used;
  return buildGrid(s.g, ctx, s.budget, s.where);
}

/**
 * One worksheet being scanned: the part and its element names, what its cells refer to, the grid
 * being filled, where the scan is, the cell being read, and the counts behind the warnings. The
 * steps of readSheetValues read and update this one record.
 */
interface SheetScan {
  readonly sc: Scanner;
  readonly buf: Buffer;
  readonly nm: Names;
  readonly ctx: SheetContext;
  /** “trang “name”” (the start of every message about this sheet). */
  readonly where: string;
  readonly isDate: Uint8Array;
  readonly date1904: boolean;
  readonly sst: string[] | null;
  /** The shared strings that were cut, or null when none was. */
  readonly sstCut: Set<number> | null;
  readonly budget: Budget;
  readonly limit: number;
  /** The budget's `used`, kept here while scanning (hot path) and written back to the budget. */
  used: number;
  readonly g: Grid;
  /** Row and column of the current cell (0-based; −1 before the first). */
  rowIdx: number;
  col: number;
  // the cell being read: its attributes (readCellTag), then its content (readCellContent)
  type: number;
  style: number;
  selfClosing: boolean;
  /** Byte range of the <v> text, or −1. */
  vStart: number;
  vEnd: number;
  /** The <v> text when it holds CDATA (decoded), else null. */
  vText: string | null;
  /** The <is> string, else null. */
  inline: string | null;
  // the warnings: shared-string indexes that do not exist, cells beyond Excel's grid, cut texts
  badSst: number;
  firstBad: string;
  outside: number;
  cutCount: number;
  readonly firstCut: string[];
}

/** The scan record of a sheet, at the start of the part. */
function openScan(bytes: Uint8Array, ctx: SheetContext): SheetScan {
  const sc = new Scanner(bytes);
  const budget = ctx.budget ?? new Budget();
  return {
    sc,
    buf: sc.buf,
    nm: names(bytePrefix(sc.buf)),
    ctx,
    where: XLSX.read.sheet(ctx.sheetName),
    isDate: ctx.isDate,
    date1904: ctx.date1904,
    sst: ctx.sst ? ctx.sst.strings : null,
    sstCut: ctx.sst && ctx.sst.cut.size > 0 ? ctx.sst.cut : null,
    budget,
    limit: budget.limit,
    used: budget.used,
    g: { rows: [], holes: false, colCells: new Int32Array(MAX_COLUMNS), farR: [], farC: [], farV: [], cells: 0 },
    rowIdx: -1,
    col: -1,
    type: T_N,
    style: 0,
    selfClosing: false,
    vStart: -1,
    vEnd: -1,
    vText: null,
    inline: null,
    badSst: 0,
    firstBad: '',
    outside: 0,
    cutCount: 0,
    firstCut: [],
  };
}

/** The position just past the `<sheetData>` tag; −1 when there is none or it is empty (`<sheetData/>`). */
function sheetDataStart(buf: Buffer, sheetData: Uint8Array): number {
  let i = 0;
  for (;;) {
    i = buf.indexOf(LT, i);
    if (i < 0) return -1;
    if (nameAt(buf, i + 1, sheetData)) break;
    i++;
  }
  const e = tagEnd(buf, i);
  if (e < 0 || buf[e - 1] === SLASH) return -1;
  return e + 1;
}

/** The rows and cells from `i` up to `</sheetData>` (or the end of the part). */
function scanSheetData(s: SheetScan, i: number): void {
  const buf = s.buf;
  const n = buf.length;
  const { row: rowName, c: cName, sheetData: sdName } = s.nm;
  while (i < n) {
    // next tag
    while (i < n && buf[i] !== LT) i++;
    if (i >= n) break;
    if (buf[i + 1] === SLASH) {
      if (nameAt(buf, i + 2, sdName)) break;
      i += 2;
      continue;
    }
    if (nameAt(buf, i + 1, cName)) {
      i = readCell(s, i);
      continue;
    }
    if (nameAt(buf, i + 1, rowName)) {
      i = readRowTag(s, i);
      continue;
    }
    // any other element (sheetData holds only rows and cells; tolerate extensions)
    const e = tagEnd(buf, i);
    if (e < 0) break;
    i = e + 1;
  }
}

/** A `<row>` tag at `i`: the current row is its r (1-based), else the next one. Returns the position after the tag. */
function readRowTag(s: SheetScan, i: number): number {
  const buf = s.buf;
  const e = tagEnd(buf, i);
  if (e < 0) throw new XlsxError('CORRUPT', XLSX.read.rowOpen(s.where));
  // r="12"
  let r = -1;
  let k = i + 1 + s.nm.row.length;
  while (k < e) {
    while (k < e && isWs(buf[k])) k++;
    if (buf[k] === 114 && (buf[k + 1] === EQ || isWs(buf[k + 1]))) {
      while (k < e && buf[k] !== 34 && buf[k] !== 39) k++;
      k++;
      let v = 0;
      let d = 0;
      while (k < e && buf[k] >= 48 && buf[k] <= 57) {
        if (v <= MAX_ROWS) v = v * 10 + (buf[k] - 48); // past the last row: stays past it
        k++;
        d++;
      }
      if (d > 0 && v > 0) r = v - 1;
      break;
    }
    // skip this attribute
    while (k < e && buf[k] !== 34 && buf[k] !== 39) k++;
    const q = buf[k];
    k++;
    while (k < e && buf[k] !== q) k++;
    k++;
  }
  s.rowIdx = r >= 0 ? r : s.rowIdx + 1;
  s.col = -1;
  return e + 1;
}

/** A `<c>` element at `i`: its value (if any) placed in the grid. Returns the position after the element. */
function readCell(s: SheetScan, i: number): number {
  i = readCellTag(s, i);
  if (s.selfClosing) return i;
  s.sc.cut = false;
  i = readCellContent(s, i);
  const value = cellValue(s);
  if (value !== '') placeValue(s, value);
  return i;
}

/**
 * The attributes of a `<c>` tag at `i`: r (the cell's column; else the one after the previous
 * cell), s (style) and t (type). Returns the position after the tag.
 */
function readCellTag(s: SheetScan, i: number): number {
  const buf = s.buf;
  const n = buf.length;
  let j = i + 1 + s.nm.c.length;
  let cellCol = -1;
  let style = 0;
  let type = T_N;
  let selfClosing = false;
  for (;;) {
    while (j < n && isWs(buf[j])) j++;
    const b = buf[j];
    if (b === GT) break;
    if (b === SLASH) {
      selfClosing = true;
      while (j < n && buf[j] !== GT) j++;
      break;
    }
    if (j >= n) throw new XlsxError('CORRUPT', XLSX.read.cellTagOpen(s.where));
    const nameStart = j;
    while (j < n && buf[j] !== EQ && !isWs(buf[j]) && buf[j] !== GT) j++;
    const nameLen = j - nameStart;
    const an = buf[nameStart];
    while (j < n && buf[j] !== 34 && buf[j] !== 39) j++;
    const q = buf[j];
    const vs = j + 1;
    j = vs;
    while (j < n && buf[j] !== q) j++;
    const ve = j;
    j++;
    if (nameLen !== 1) continue;
    if (an === 114) {
      // r="AB12": column letters
      let cc = 0;
      let k = vs;
      for (; k < ve; k++) {
        const ch = buf[k] | 0x20; // lower-case
        if (ch >= 97 && ch <= 122) {
          if (cc <= MAX_COLUMNS) cc = cc * 26 + (ch - 96); // past XFD: stays past it, never grows to Infinity
        } else break;
      }
      if (cc > 0 && k > vs) cellCol = cc - 1;
    } else if (an === 115) {
      let v = 0;
      for (let k = vs; k < ve; k++) {
        const d = buf[k] - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      style = v;
    } else if (an === 116) {
      const len = ve - vs;
      const t0 = buf[vs];
      if (len === 1) type = t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
      else if (len === 3 && t0 === 115) type = T_STR;
      else if (len === 9 && t0 === 105) type = T_INLINE;
      else type = T_N;
    }
  }
  s.type = type;
  s.style = style;
  s.selfClosing = selfClosing;
  if (s.rowIdx < 0) s.rowIdx = 0; // a cell outside any <row>
  s.col = cellCol >= 0 ? cellCol : s.col + 1;
  return j + 1;
}

/**
 * The content of a cell from `i` up to `</c>`: the <v> text (as a byte range, or decoded when it
 * holds CDATA) and the <is> string; <f> and anything else skipped. Returns the position after `</c>`.
 */
function readCellContent(s: SheetScan, i: number): number {
  const { sc, buf, nm } = s;
  const n = buf.length;
  s.vStart = -1;
  s.vEnd = -1;
  s.vText = null;
  s.inline = null;
  for (;;) {
    while (i < n && buf[i] !== LT) i++;
    if (i >= n) throw new XlsxError('CORRUPT', XLSX.read.cellOpen(s.where));
    if (buf[i + 1] === SLASH) {
      if (nameAt(buf, i + 2, nm.c)) {
        while (i < n && buf[i] !== GT) i++;
        return i + 1;
      }
      i += 2;
      continue;
    }
    if (nameAt(buf, i + 1, nm.v)) {
      const e = tagEnd(buf, i);
      if (e < 0) throw new XlsxError('CORRUPT', XLSX.read.valueOpen(s.where));
      if (buf[e - 1] === SLASH) {
        i = e + 1;
        continue;
      }
      let k = e + 1;
      while (k < n && buf[k] !== LT) k++;
      if (buf[k + 1] === 33) {
        // CDATA inside <v>
        s.vText = sc.text(e + 1);
        i = sc.pos;
      } else {
        s.vStart = e + 1;
        s.vEnd = k;
        i = k;
      }
      continue;
    }
    if (nameAt(buf, i + 1, nm.is)) {
      const e = tagEnd(buf, i);
      if (e < 0) throw new XlsxError('CORRUPT', XLSX.read.stringOpen(s.where));
      if (buf[e - 1] === SLASH) {
        s.inline = '';
        i = e + 1;
      } else {
        s.inline = sc.runs(e + 1, nm, nm.is);
        i = sc.pos;
      }
      continue;
    }
    const e = tagEnd(buf, i);
    if (e < 0) throw new XlsxError('CORRUPT', XLSX.read.tagOpen(s.where));
    i = e + 1;
  }
}

/**
 * The value of the cell just read, by its type ('' for none): a number (a Date when its style
 * is a date format), a shared or inline string, a formula's cached text, a boolean, an ISO date.
 * A text that is not what its type says is kept as text; a missing shared string is counted.
 */
function cellValue(s: SheetScan): Cell {
  const { sc, buf, vStart, vEnd, vText, inline } = s;
  const hasV = vStart >= 0 || vText !== null;
  switch (s.type) {
    case T_N: {
      if (!hasV) return inline !== null ? inline : '';
      const num = vText !== null ? (vText.length > 64 ? NaN : Number(vText.trim() || NaN)) : parseNumber(buf, vStart, vEnd);
      if (Number.isNaN(num)) return vText !== null ? sc.finish(vText, false) : sc.finish(sc.decodeRange(vStart, vEnd, RAW_CHARS), true);
      return s.isDate[s.style] === 1 && Number.isFinite(num) ? serialToDate(num, s.date1904) : num;
    }
    case T_S: {
      if (!hasV) return '';
      const idx = vText !== null ? Number(vText) : parseNumber(buf, vStart, vEnd);
      const str = s.sst !== null ? s.sst[idx] : undefined;
      if (str === undefined) {
        if (s.badSst++ === 0) s.firstBad = `${columnName(Math.min(s.col, MAX_COLUMNS))}${Math.min(s.rowIdx, MAX_ROWS) + 1}`;
        return '';
      }
      if (s.sstCut !== null && s.sstCut.has(idx)) sc.cut = true;
      return str;
    }
    case T_INLINE:
      return inline ?? (hasV ? sc.finish(vText ?? sc.decodeRange(vStart, vEnd, RAW_CHARS), true) : '');
    case T_STR:
    case T_E:
      if (hasV) return sc.finish(vText ?? sc.decodeRange(vStart, vEnd, RAW_CHARS), true);
      return inline !== null ? inline : '';
    case T_B: {
      if (!hasV) return '';
      const str = vText ?? (vEnd - vStart <= 64 ? buf.toString('latin1', vStart, vEnd) : '');
      const t = str.length <= 64 ? str.trim().toLowerCase() : '';
      return t === '1' || t === 'true';
    }
    case T_D: {
      if (!hasV) return '';
      if (vText === null && vEnd - vStart > 64) return sc.finish(sc.decodeRange(vStart, vEnd, RAW_CHARS), false); // not a date: its text
      const str = vText ?? buf.toString('utf8', vStart, vEnd);
      return (str.length <= 64 ? parseIsoDate(str) : null) ?? sc.finish(decodeEntities(str), false);
    }
  }
  return '';
}

/** Places the current cell's value with its estimated memory; a cut text is noted for the warning. */
function placeValue(s: SheetScan, value: Cell): void {
  const cost =
    typeof value === 'string'
      ? s.type === T_S
        ? SLOT_COST // the string itself is counted with the shared strings
        : STRING_COST + 2 * value.length
      : typeof value === 'number'
        ? NUMBER_COST
        : typeof value === 'boolean'
          ? SLOT_COST
          : DATE_COST;
  if (putCell(s, s.rowIdx, s.col, value, cost) && s.sc.cut && s.cutCount++ < FIRST_CELLS) s.firstCut.push(`${columnName(s.col)}${s.rowIdx + 1}`);
}

/** Places a value (`cost`: its estimated memory); false when it lies beyond Excel's grid. */
function putCell(s: SheetScan, r: number, c: number, v: Cell, cost: number): boolean {
  if (r >= MAX_ROWS || c >= MAX_COLUMNS) {
    s.outside++;
    return false;
  }
  const g = s.g;
  g.cells++;
  s.used += cost;
  if (s.used > s.limit || g.cells > MAX_CELLS) overLimit(s);
  g.colCells[c]++;
  const rows = g.rows;
  let row = rows[r];
  if (row === undefined) {
    row = [];
    if (r > rows.length) g.holes = true; // rows between stay holes until the grid is built
    rows[r] = row;
  }
  const len = row.length;
  if (c === len) row.push(v);
  else if (c < len) row[c] = v;
  else if (c - len <= FAR_COLUMNS) {
    for (let k = len; k < c; k++) row.push('');
    row.push(v);
  } else {
    // far right of this row's cells: kept aside, placed (or dropped) when the grid is built
    s.used += FAR_CELL_COST;
    if (s.used > s.limit) overLimit(s);
    g.farR.push(r);
    g.farC.push(c);
    g.farV.push(v);
  }
  return true;
}

/** TOO_LARGE past MAX_CELLS cells, or when the memory estimate passes the budget's limit. */
function overLimit(s: SheetScan): void {
  if (s.g.cells > MAX_CELLS) throw new XlsxError('TOO_LARGE', XLSX.read.tooManyCells(s.where, MAX_CELLS));
  s.budget.used = s.used;
  s.budget.charge(0, s.where);
}

/** The scan's warnings: missing shared strings (also reported as unreadable), cells beyond Excel's grid, cut texts. */
function warnScan(s: SheetScan): void {
  const { ctx, where } = s;
  if (s.badSst > 0) {
    ctx.warn(XLSX.read.missingSharedStrings(where, s.badSst));
    ctx.unreadable?.(s.firstBad, s.badSst);
  }
  if (s.outside > 0) ctx.warn(XLSX.read.outsideGrid(where, s.outside, MAX_ROWS));
  if (s.cutCount > 0) ctx.warn(XLSX.read.cut(where, s.cutCount, MAX_CELL_CHARS, cellList(s.firstCut, s.cutCount)));
}

/** What readSheetValues gathered: rows (holey; a row may end early), far cells kept aside, counts per column. */
interface Grid {
  rows: Cell[][];
  /** Rows were skipped (`rows` has holes, maybe a sparse array). */
  holes: boolean;
  /** Non-empty cells per column (overwritten cells counted twice: used only to weigh blocks). */
  colCells: Int32Array;
  farR: number[];
  farC: number[];
  farV: Cell[];
  /** Cells placed. */
  cells: number;
}

/**
 * Blocks of the indexes `present` separated by at least `gap` absent ones ([start, end] pairs,
 * inclusive, given to `weigh`, which counts the cells of each), and the end of the block holding
 * the most cells (the first on a tie): what the grid keeps. With `originOnly`, the end of the
 * first block if it starts within `gap` of index 0. −1 when there is none.
 */
function mainBlockEnd(count: number, present: (i: number) => boolean, gap: number, weigh: (blocks: number[]) => number[], originOnly: boolean): number {
  const blocks: number[] = [];
  let prev = -1;
  for (let i = 0; i < count; i++) {
    if (!present(i)) continue;
    if (prev < 0 || i - prev - 1 >= gap) blocks.push(i, i);
    else blocks[blocks.length - 1] = i;
    prev = i;
  }
  if (originOnly) return blocks.length > 0 && blocks[0] < gap ? blocks[1] : -1;
  if (blocks.length <= 2) return prev;
  const weights = weigh(blocks);
  let best = -1;
  let bestEnd = prev;
  for (let k = 0; k < weights.length; k++) if (weights[k] > best) ((best = weights[k]), (bestEnd = blocks[2 * k + 1]));
  return bestEnd;
}

/**
 * The rectangular grid from A1 to the end of the main block of rows and of columns. The stray-cell
 * rule: non-empty rows form blocks separated by at least FAR_ROWS empty rows, non-empty columns
 * blocks separated by at least FAR_COLUMNS empty columns; the grid ends with the block holding
 * the most cells (blocks before it are kept, with the empty space between); cells past it are
 * dropped and reported (how many, the first addresses, never a value). So one stray value in
 * XFD1048576 costs nothing, and the grid holds at most MAX_CELLS cells (else TOO_LARGE). The rule
 * applies only when the whole used range exceeds MAX_CELLS: a sheet that fits keeps every cell.
 */
function buildGrid(g: Grid, ctx: SheetContext, budget: Budget, where: string): Cell[][] {
  if (g.rows.length === 0) return [];
  const d: Dropped = { count: 0, first: [] };
  // Everything is kept when the whole used range fits the grid bound: far blocks are dropped only
  // to keep a grid bounded, never from a sheet that fits (a second table 10,000 rows down, a note
  // 100 columns to the right stay).
  let lastCol = MAX_COLUMNS - 1;
  while (lastCol >= 0 && g.colCells[lastCol] <= 0) lastCol--;
  const fits = g.rows.length * (lastCol + 1) <= MAX_CELLS;
  // ---- rows
  const { height, originOnly } = gridHeight(g, fits, lastCol);
  if (height < g.rows.length) dropRowsFrom(g, height, d);
  // ---- columns
  const width = (fits ? lastCol : colBlockEnd(g, originOnly)) + 1;
  checkGridSize(g, height, width, budget, where, d);
  const grid = assembleGrid(g, height, width, d);
  if (d.count > 0) warnDropped(ctx, where, d, height, width);
  return grid;
}

/** Cells dropped while the grid is built: how many, and the first FIRST_CELLS of them (as found). */
interface Dropped {
  count: number;
  first: { r: number; c: number }[];
}

function drop(d: Dropped, r: number, c: number): void {
  d.count++;
  if (d.first.length < FIRST_CELLS) d.first.push({ r, c });
}

/** The end of the main block of rows (mainBlockEnd; a block weighs its cells, far cells included). */
function rowBlockEnd(g: Grid, originOnly: boolean): number {
  const { rows, farR } = g;
  return mainBlockEnd(
    rows.length,
    (r) => rows[r] !== undefined,
    FAR_ROWS,
    (blocks) => {
      const blockOf = (r: number) => {
        let lo = 0;
        let hi = blocks.length / 2 - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (blocks[2 * mid] <= r) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      const w = new Array<number>(blocks.length / 2).fill(0);
      for (let k = 0; k < blocks.length; k += 2)
        for (let r = blocks[k]; r <= blocks[k + 1]; r++) {
          const row = rows[r];
          if (row !== undefined) for (let c = 0; c < row.length; c++) if (row[c] !== '') w[k / 2]++;
        }
      for (let k = 0; k < farR.length; k++) w[blockOf(farR[k])]++;
      return w;
    },
    originOnly,
  );
}

/** The end of the main block of columns (mainBlockEnd; a block weighs its cells per column). */
function colBlockEnd(g: Grid, originOnly: boolean): number {
  const { colCells } = g;
  return mainBlockEnd(
    MAX_COLUMNS,
    (c) => colCells[c] > 0,
    FAR_COLUMNS,
    (blocks) => {
      const w: number[] = [];
      for (let k = 0; k < blocks.length; k += 2) {
        let sum = 0;
        for (let c = blocks[k]; c <= blocks[k + 1]; c++) sum += colCells[c];
        w.push(sum);
      }
      return w;
    },
    originOnly,
  );
}

/**
 * The grid's height: every row when the used range fits, else the main block of rows; only the
 * block near A1 (`originOnly`) when the grid would be too large and mostly empty (its main block
 * lies far from A1, e.g. the only value of a sheet is in XFD1048576).
 */
function gridHeight(g: Grid, fits: boolean, lastCol: number): { height: number; originOnly: boolean } {
  const mainRowEnd = fits ? g.rows.length - 1 : rowBlockEnd(g, false);
  const area = (mainRowEnd + 1) * ((fits ? lastCol : colBlockEnd(g, false)) + 1);
  const originOnly = area > MAX_CELLS && g.cells * 100 < area;
  return { height: (originOnly ? rowBlockEnd(g, true) : mainRowEnd) + 1, originOnly };
}

/** Drops the cells of the rows from `height` on, far cells included (they leave the column counts too). */
function dropRowsFrom(g: Grid, height: number, d: Dropped): void {
  const { rows, colCells, farR, farC } = g;
  for (let r = height; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    for (let c = 0; c < row.length; c++)
      if (row[c] !== '') {
        drop(d, r, c);
        colCells[c]--;
      }
  }
  for (let k = 0; k < farR.length; k++)
    if (farR[k] >= height) {
      drop(d, farR[k], farC[k]);
      colCells[farC[k]]--;
    }
}

/** TOO_LARGE past MAX_CELLS; the padding is charged to the budget; with nothing near A1 every cell is dropped. */
function checkGridSize(g: Grid, height: number, width: number, budget: Budget, where: string, d: Dropped): void {
  if (height * width > MAX_CELLS) throw new XlsxError('TOO_LARGE', XLSX.read.tooLargeArea(where, height, width, MAX_CELLS));
  budget.charge(SLOT_COST * Math.max(0, height * width - g.cells), where);
  if (width === 0 || height === 0) {
    // nothing near A1: every cell is reported
    const { rows, farR, farC } = g;
    for (let r = 0; r < height; r++) {
      const row = rows[r];
      if (row !== undefined) for (let c = 0; c < row.length; c++) if (row[c] !== '') drop(d, r, c);
    }
    for (let k = 0; k < farR.length; k++) if (farR[k] < height) drop(d, farR[k], farC[k]);
  }
}

/**
 * The grid, height × width: rows padded with '' or cut (cells past the width dropped), far cells
 * placed or dropped. The rows array itself when it has no holes (the usual case).
 */
function assembleGrid(g: Grid, height: number, width: number, d: Dropped): Cell[][] {
  const { rows, farR, farC, farV } = g;
  const inPlace = !g.holes && width > 0;
  if (inPlace) rows.length = height;
  const grid: Cell[][] = inPlace ? rows : [];
  for (let r = 0; r < height && width > 0; r++) {
    let row = rows[r];
    if (row === undefined) row = [];
    else if (row.length > width) {
      for (let c = width; c < row.length; c++) if (row[c] !== '') drop(d, r, c);
      row.length = width;
    }
    for (let c = row.length; c < width; c++) row.push('');
    if (!inPlace) grid.push(row);
  }
  for (let k = 0; k < farR.length; k++) {
    const r = farR[k];
    if (r >= height || width === 0) continue;
    if (farC[k] < width) grid[r][farC[k]] = farV[k];
    else drop(d, r, farC[k]);
  }
  return grid;
}

/** The warning for dropped cells: how many, the grid kept, the first addresses (never a value). */
function warnDropped(ctx: SheetContext, where: string, d: Dropped, height: number, width: number): void {
  d.first.sort((a, b) => a.r - b.r || a.c - b.c);
  const first = d.first.map((x) => `${columnName(x.c)}${x.r + 1}`);
  const area = width > 0 && height > 0 ? ` A1:${columnName(width - 1)}${height}` : '';
  ctx.warn(XLSX.read.farCells(where, d.count, area, cellList(first, d.count)));
}

// ---------------------------------------------------------------- entry point

/** Reads every worksheet of an .xlsx file (or the ones `options.sheets` selects), in tab order. */
export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const pkg = openPackage(bytes);
  const warnings: string[] = [];
  const unreadable: ReadResult['unreadable'] = [];
  try {
    const { zip } = pkg;
    let sst: SharedStrings | null = null;
    let isDate: Uint8Array | null = null;
    // one estimate for the whole workbook: the sheets' values are all held at the end
    const budget = options.budget ?? new Budget();
    let partCharges = 0;
    const sheets: ReadSheet[] = [];
    for (const s of pkg.sheets) {
      if (options.sheets && !options.sheets(s.name)) continue;
      if (s.kind === 'chartsheet') {
        warnings.push(XLSX.read.chartSheet(s.name));
        continue;
      }
      if (s.kind === 'dialogsheet') {
        warnings.push(XLSX.read.dialogSheet(s.name));
        continue;
      }
      if (s.kind === 'macrosheet') {
        warnings.push(XLSX.read.macroSheet(s.name));
        continue;
      }
      if (s.kind === 'unknown' || !s.path) throw new XlsxError('CORRUPT', XLSX.read.noSheetContent(s.name));
      const entry = zip.get(s.path);
      if (!entry) throw new XlsxError('CORRUPT', XLSX.read.missingSheetPart(s.path, s.name));
      if (isDate === null) {
        isDate = pkg.stylesPath ? readDateStyles(readXmlPart(zip, zip.get(pkg.stylesPath)!).doc, pkg.stylesPath) : new Uint8Array(0);
        const sstEntry = pkg.sharedStringsPath ? zip.get(pkg.sharedStringsPath)! : null;
        if (sstEntry && sstEntry.size <= MAX_PART_BYTES) {
          budget.charge(sstEntry.size, XLSX.read.sharedStrings); // (a larger one is refused by zip.read)
          partCharges += sstEntry.size;
        }
        sst = sstEntry ? readSharedStrings(zip.read(sstEntry), budget) : null;
      }
      if (entry.size <= MAX_PART_BYTES) {
        budget.charge(entry.size, XLSX.read.sheet(s.name));
        partCharges += entry.size;
      }
      let part: Uint8Array;
      try {
        part = zip.read(entry);
      } catch (e) {
        if (e instanceof XlsxError) throw new XlsxError(e.code, XLSX.read.inSheet(XLSX.read.sheet(s.name), e.detail));
        throw e;
      }
      const values = readSheetValues(part, {
        sst,
        isDate,
        date1904: pkg.date1904,
        warn: (w) => warnings.push(w),
        unreadable: (cell, count) => unreadable.push({ sheet: s.name, cell, count }),
        sheetName: s.name,
        budget,
      });
      const sheet: ReadSheet = { name: s.name, values };
      if (s.state !== 'visible') sheet.state = s.state;
      sheets.push(sheet);
    }
    // the inflated parts are garbage once the file is read: only its values stay charged
    budget.refund(partCharges);
    return { sheets, warnings, unreadable };
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    if (e instanceof RangeError) throw new XlsxError('TOO_LARGE', XLSX.read.outOfMemory(e.message));
    throw new XlsxError('CORRUPT', XLSX.read.corrupt(e instanceof Error ? e.message : String(e)));
  }
}

/** Reads just the sheet names in tab order (cheap: no worksheet is inflated). */
export function readSheetNames(bytes: Uint8Array): string[] {
  return openPackage(bytes).sheets.map((s) => s.name);
}
