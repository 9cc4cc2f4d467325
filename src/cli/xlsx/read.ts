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
import type { Cell } from '../../core/types';
import { isBuiltinDateFormat, isDateFormatCode, parseIsoDate, serialToDate } from './dates';
import { XlsxError } from './errors';
import { attrNS, child, children, MAIN_NS, NS_PKG_REL, parseXml, readXmlPart, REL_NS, rootOf, type Document, type Element } from './dom';
import { columnName, decodeEntities, decodeEscapes } from './xml';
import { ZipReader } from './zip';

export { XlsxError } from './errors';
export type { XlsxErrorCode } from './errors';

export interface ReadOptions {
  /** Which sheets to read (by name); the others are skipped silently. Default: all. */
  sheets?: (name: string) => boolean;
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

/** Sheets larger than this (rows × columns of the used range) are refused with TOO_LARGE. */
export const MAX_CELLS = 50_000_000;

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
  if (!root) throw new XlsxError('CORRUPT', `phần ${relsPathOf(sourcePart)} không phải danh sách quan hệ (thiếu <Relationships>)`);
  return children(root, [NS_PKG_REL], 'Relationship').map((el) => {
    const type = el.getAttribute('Type') ?? '';
    const external = (el.getAttribute('TargetMode') ?? '').toLowerCase() === 'external';
    const target = el.getAttribute('Target') ?? '';
    return { id: el.getAttribute('Id') ?? '', type, kind: type.slice(type.lastIndexOf('/') + 1), target, external, path: external ? '' : resolveTarget(sourcePart, target) };
  });
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasUtf16(bytes: Uint8Array, s: string): boolean {
  const needle = Buffer.from(s, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function checkSignature(bytes: Uint8Array): void {
  if (!bytes || bytes.length === 0) throw new XlsxError('NOT_ZIP', 'tệp rỗng');
  if (bytes.length >= 8 && OLE.every((v, i) => bytes[i] === v)) {
    if (hasUtf16(bytes, 'EncryptedPackage') || hasUtf16(bytes, 'EncryptionInfo'))
      throw new XlsxError('ENCRYPTED', 'tệp .xlsx được đặt mật khẩu (mã hoá)');
    throw new XlsxError('ENCRYPTED', 'tệp Excel 97–2003 (.xls) cũ hoặc tệp Office nhị phân, không phải .xlsx');
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart().toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) throw new XlsxError('NOT_ZIP', 'tệp HTML (có thể là trang lỗi khi tải về), không phải .xlsx');
    if (head.startsWith('<?xml')) throw new XlsxError('NOT_ZIP', 'tệp XML (có thể là bảng tính XML 2003), không phải .xlsx');
    throw new XlsxError('NOT_ZIP', 'không phải tệp zip/.xlsx');
  }
}

function notXlsxDetail(zip: ZipReader): string {
  const mt = zip.get('mimetype');
  if (mt) {
    const m = Buffer.from(zip.read(mt, 1024)).toString('latin1');
    if (m.includes('opendocument.spreadsheet')) return 'tệp OpenDocument (.ods); hãy lưu lại dạng .xlsx';
    return `tệp zip loại ${m.trim()}`;
  }
  if (zip.get('xl/workbook.bin')) return 'tệp .xlsb (nhị phân); hãy lưu lại dạng .xlsx';
  if (zip.get('word/document.xml')) return 'tệp Word (.docx)';
  if (zip.get('ppt/presentation.xml')) return 'tệp PowerPoint (.pptx)';
  return 'tệp zip không chứa sổ bảng tính (thiếu xl/workbook.xml)';
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
    if (!root) throw new XlsxError('CORRUPT', `phần ${workbookPath} không phải sổ bảng tính (thiếu <workbook> của SpreadsheetML)`);
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
    return { zip, workbookPath, workbookDoc, relsPath, relsDoc, rels, sheets, date1904, stylesPath: byKind('styles'), sharedStringsPath: byKind('sharedStrings') };
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('CORRUPT', `tệp hỏng (${e instanceof Error ? e.message : String(e)})`);
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
    for (const list of children(root, MAIN_NS, 'cellXfs')) for (const xf of children(list, MAIN_NS, 'xf')) xfFormats.push(Number(xf.getAttribute('numFmtId') ?? 0) || 0);
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

class Scanner {
  readonly buf: Buffer;
  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** End position of the last text() or runs() call. */
  pos = 0;

  /** Decoded text content starting at `i` up to the '<' of the closing tag (CDATA handled); `pos` is set to that '<'. */
  text(i: number): string {
    const buf = this.buf;
    const n = buf.length;
    let j = i;
    while (j < n && buf[j] !== LT) j++;
    // CDATA sections (not written by Excel, but legal)
    if (buf[j + 1] === 33 && buf[j + 2] === 91) {
      let s = decodeEntities(buf.toString('utf8', i, j));
      while (j < n && buf[j] === LT && buf[j + 1] === 33 && buf[j + 2] === 91) {
        const end = buf.indexOf(']]>', j + 9, 'latin1');
        if (end < 0) throw new XlsxError('CORRUPT', 'CDATA không đóng');
        s += buf.toString('utf8', j + 9, end);
        let k = end + 3;
        while (k < n && buf[k] !== LT) k++;
        s += decodeEntities(buf.toString('utf8', end + 3, k));
        j = k;
      }
      this.pos = j;
      return s;
    }
    this.pos = j;
    return i === j ? '' : decodeEntities(buf.toString('utf8', i, j));
  }

  /**
   * The text of a rich or plain string (<si> or <is>): the <t> runs concatenated, phonetic runs
   * (<rPh>) skipped, `_xHHHH_` escapes decoded. `i` is just past the opening tag; `pos` is set
   * just past the closing tag.
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
          return decodeEscapes(out);
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
        out += this.text(e + 1);
        i = this.pos;
        continue;
      }
      i = e + 1;
    }
    throw new XlsxError('CORRUPT', 'chuỗi văn bản không đóng thẻ');
  }
}

/** Reads sharedStrings.xml: one decoded string per <si>, in order. */
export function readSharedStrings(bytes: Uint8Array): string[] {
  const sc = new Scanner(bytes);
  const buf = sc.buf;
  const nm = names(bytePrefix(buf));
  const out: string[] = [];
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
        i = e + 1;
      } else {
        out.push(sc.runs(e + 1, nm, nm.si));
        i = sc.pos;
      }
    } else i++;
  }
  return out;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** A number from ASCII bytes; exact (a ≤ 15-digit decimal divided by a power of ten is correctly rounded). */
function parseNumber(buf: Buffer, a: number, b: number): number {
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
  sst: string[] | null;
  isDate: Uint8Array;
  date1904: boolean;
  warn: (s: string) => void;
  /** Called once per sheet with unreadable cells: the first one (A1) and how many. */
  unreadable?: (cell: string, count: number) => void;
  sheetName: string;
}

// cell types
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

/** Scans one worksheet part into a rectangular grid of values. */
export function readSheetValues(bytes: Uint8Array, ctx: SheetContext): Cell[][] {
  const sc = new Scanner(bytes);
  const buf = sc.buf;
  const n = buf.length;
  const nm = names(bytePrefix(buf));
  const { sst, isDate, date1904 } = ctx;
  const rows: Cell[][] = [];
  let maxCol = -1;
  let lastUsedRow = -1;
  let badSst = 0;
  let firstBad = '';

  // find <sheetData
  let i = 0;
  for (;;) {
    i = buf.indexOf(LT, i);
    if (i < 0) return [];
    if (nameAt(buf, i + 1, nm.sheetData)) break;
    i++;
  }
  {
    const e = tagEnd(buf, i);
    if (e < 0 || buf[e - 1] === SLASH) return [];
    i = e + 1;
  }

  let rowIdx = -1;
  let col = -1;
  const rowName = nm.row;
  const cName = nm.c;
  const cLen = cName.length;
  const vName = nm.v;
  const isName = nm.is;
  const sdName = nm.sheetData;

  const put = (r: number, c: number, v: Cell) => {
    let row = rows[r];
    if (row === undefined) {
      while (rows.length < r) rows.push([]);
      row = [];
      rows[r] = row;
    }
    const len = row.length;
    if (c === len) row.push(v);
    else if (c > len) {
      for (let k = len; k < c; k++) row.push('');
      row.push(v);
    } else row[c] = v;
    if (c > maxCol) maxCol = c;
    if (r > lastUsedRow) lastUsedRow = r;
  };

  while (i < n) {
    // next tag
    while (i < n && buf[i] !== LT) i++;
    if (i >= n) break;
    const b1 = buf[i + 1];
    if (b1 === SLASH) {
      if (nameAt(buf, i + 2, sdName)) break;
      i += 2;
      continue;
    }
    if (nameAt(buf, i + 1, cName)) {
      // ---- a cell: attributes r, s, t
      let j = i + 1 + cLen;
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
        if (j >= n) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: thẻ ô không đóng`);
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
            if (ch >= 97 && ch <= 122) cc = cc * 26 + (ch - 96);
            else break;
          }
          if (cc > 0 && k > vs) cellCol = cc - 1;
        } else if (an === 115) {
          let s = 0;
          for (let k = vs; k < ve; k++) {
            const d = buf[k] - 48;
            if (d < 0 || d > 9) break;
            s = s * 10 + d;
          }
          style = s;
        } else if (an === 116) {
          const len = ve - vs;
          const t0 = buf[vs];
          if (len === 1) type = t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
          else if (len === 3 && t0 === 115) type = T_STR;
          else if (len === 9 && t0 === 105) type = T_INLINE;
          else type = T_N;
        }
      }
      i = j + 1;
      if (rowIdx < 0) rowIdx = 0; // a cell outside any <row>
      col = cellCol >= 0 ? cellCol : col + 1;
      if (selfClosing) continue;
      // ---- cell content: <f>, <v>, <is>, up to </c>
      let vStart = -1;
      let vEnd = -1;
      let vText: string | null = null;
      let inline: string | null = null;
      for (;;) {
        while (i < n && buf[i] !== LT) i++;
        if (i >= n) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: ô không đóng thẻ`);
        if (buf[i + 1] === SLASH) {
          if (nameAt(buf, i + 2, cName)) {
            while (i < n && buf[i] !== GT) i++;
            i++;
            break;
          }
          i += 2;
          continue;
        }
        if (nameAt(buf, i + 1, vName)) {
          const e = tagEnd(buf, i);
          if (e < 0) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: thẻ giá trị không đóng`);
          if (buf[e - 1] === SLASH) {
            i = e + 1;
            continue;
          }
          let k = e + 1;
          while (k < n && buf[k] !== LT) k++;
          if (buf[k + 1] === 33) {
            // CDATA inside <v>
            vText = sc.text(e + 1);
            i = sc.pos;
          } else {
            vStart = e + 1;
            vEnd = k;
            i = k;
          }
          continue;
        }
        if (nameAt(buf, i + 1, isName)) {
          const e = tagEnd(buf, i);
          if (e < 0) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: thẻ chuỗi không đóng`);
          if (buf[e - 1] === SLASH) {
            inline = '';
            i = e + 1;
          } else {
            inline = sc.runs(e + 1, nm, isName);
            i = sc.pos;
          }
          continue;
        }
        const e = tagEnd(buf, i);
        if (e < 0) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: thẻ không đóng`);
        i = e + 1;
      }
      // ---- value
      let value: Cell = '';
      const hasV = vStart >= 0 || vText !== null;
      switch (type) {
        case T_N: {
          if (!hasV) {
            if (inline !== null) value = inline;
            break;
          }
          const num = vText !== null ? Number(vText.trim() || NaN) : parseNumber(buf, vStart, vEnd);
          if (Number.isNaN(num)) {
            value = vText !== null ? vText : decodeEscapes(decodeEntities(buf.toString('utf8', vStart, vEnd)));
          } else value = isDate[style] === 1 && Number.isFinite(num) ? serialToDate(num, date1904) : num;
          break;
        }
        case T_S: {
          if (!hasV) break;
          const idx = vText !== null ? Number(vText) : parseNumber(buf, vStart, vEnd);
          const s = sst !== null ? sst[idx] : undefined;
          if (s === undefined) {
            if (badSst++ === 0) firstBad = `${columnName(col)}${rowIdx + 1}`;
          } else value = s;
          break;
        }
        case T_INLINE:
          value = inline ?? (hasV ? decodeEscapes(vText ?? decodeEntities(buf.toString('utf8', vStart, vEnd))) : '');
          break;
        case T_STR:
        case T_E:
          if (hasV) value = decodeEscapes(vText ?? decodeEntities(buf.toString('utf8', vStart, vEnd)));
          else if (inline !== null) value = inline;
          break;
        case T_B: {
          if (!hasV) break;
          const s = (vText ?? buf.toString('latin1', vStart, vEnd)).trim().toLowerCase();
          value = s === '1' || s === 'true';
          break;
        }
        case T_D: {
          if (!hasV) break;
          const s = vText ?? buf.toString('utf8', vStart, vEnd);
          value = parseIsoDate(s) ?? decodeEntities(s);
          break;
        }
      }
      if (value !== '') put(rowIdx, col, value);
      continue;
    }
    if (nameAt(buf, i + 1, rowName)) {
      const e = tagEnd(buf, i);
      if (e < 0) throw new XlsxError('CORRUPT', `trang “${ctx.sheetName}”: thẻ dòng không đóng`);
      // r="12"
      let r = -1;
      let k = i + 1 + rowName.length;
      while (k < e) {
        while (k < e && isWs(buf[k])) k++;
        if (buf[k] === 114 && (buf[k + 1] === EQ || isWs(buf[k + 1]))) {
          while (k < e && buf[k] !== 34 && buf[k] !== 39) k++;
          k++;
          let v = 0;
          let d = 0;
          while (k < e && buf[k] >= 48 && buf[k] <= 57) {
            v = v * 10 + (buf[k] - 48);
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
      rowIdx = r >= 0 ? r : rowIdx + 1;
      col = -1;
      i = e + 1;
      continue;
    }
    // any other element (sheetData holds only rows and cells; tolerate extensions)
    const e = tagEnd(buf, i);
    if (e < 0) break;
    i = e + 1;
  }

  if (badSst > 0) {
    ctx.warn(`trang “${ctx.sheetName}”: ${badSst} ô trỏ tới chuỗi dùng chung không tồn tại (để trống)`);
    ctx.unreadable?.(firstBad, badSst);
  }
  const height = lastUsedRow + 1;
  const width = maxCol + 1;
  if (height * width > MAX_CELLS)
    throw new XlsxError('TOO_LARGE', `trang “${ctx.sheetName}” có vùng dữ liệu ${height} dòng × ${width} cột, vượt giới hạn ${MAX_CELLS} ô`);
  rows.length = height;
  for (let r = 0; r < height; r++) {
    let row = rows[r];
    if (row === undefined) row = rows[r] = [];
    for (let c = row.length; c < width; c++) row.push('');
  }
  return rows;
}

// ---------------------------------------------------------------- entry point

/** Reads every worksheet of an .xlsx file (or the ones `options.sheets` selects), in tab order. */
export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const pkg = openPackage(bytes);
  const warnings: string[] = [];
  const unreadable: ReadResult['unreadable'] = [];
  try {
    const { zip } = pkg;
    let sst: string[] | null = null;
    let isDate: Uint8Array | null = null;
    const sheets: ReadSheet[] = [];
    for (const s of pkg.sheets) {
      if (options.sheets && !options.sheets(s.name)) continue;
      if (s.kind === 'chartsheet') {
        warnings.push(`bỏ qua trang biểu đồ “${s.name}”`);
        continue;
      }
      if (s.kind === 'dialogsheet') {
        warnings.push(`bỏ qua trang hộp thoại “${s.name}”`);
        continue;
      }
      if (s.kind === 'macrosheet') {
        warnings.push(`bỏ qua trang macro “${s.name}”`);
        continue;
      }
      if (s.kind === 'unknown' || !s.path) throw new XlsxError('CORRUPT', `không tìm thấy nội dung của trang “${s.name}”`);
      const entry = zip.get(s.path);
      if (!entry) throw new XlsxError('CORRUPT', `thiếu phần ${s.path} của trang “${s.name}”`);
      if (isDate === null) {
        isDate = pkg.stylesPath ? readDateStyles(readXmlPart(zip, zip.get(pkg.stylesPath)!).doc, pkg.stylesPath) : new Uint8Array(0);
        sst = pkg.sharedStringsPath ? readSharedStrings(zip.read(zip.get(pkg.sharedStringsPath)!)) : null;
      }
      const values = readSheetValues(zip.read(entry), {
        sst,
        isDate,
        date1904: pkg.date1904,
        warn: (w) => warnings.push(w),
        unreadable: (cell, count) => unreadable.push({ sheet: s.name, cell, count }),
        sheetName: s.name,
      });
      const sheet: ReadSheet = { name: s.name, values };
      if (s.state !== 'visible') sheet.state = s.state;
      sheets.push(sheet);
    }
    return { sheets, warnings, unreadable };
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    if (e instanceof RangeError) throw new XlsxError('TOO_LARGE', `không đủ bộ nhớ để đọc (${e.message})`);
    throw new XlsxError('CORRUPT', `tệp hỏng (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Reads just the sheet names in tab order (cheap: no worksheet is inflated). */
export function readSheetNames(bytes: Uint8Array): string[] {
  return openPackage(bytes).sheets.map((s) => s.name);
}
