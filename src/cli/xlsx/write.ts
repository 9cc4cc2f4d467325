/**
 * .xlsx writer working at the zip/XML-part level: a base workbook's parts are copied into the
 * output as they are (raw compressed bytes, not even re-deflated), and our sheets are added as
 * new worksheet parts; only [Content_Types].xml, the workbook part, its relationships and
 * styles.xml are edited (styles only appended to, so existing style indices stay valid), as
 * namespace-aware DOM trees (dom.ts), and re-serialised only when they changed. Macro parts of an
 * .xlsm base are dropped: the output is always an .xlsx.
 * Without a base, a complete minimal workbook is written from scratch.
 *
 * Worksheet XML is generated in string chunks of ~1 M characters, UTF-8 encoded and deflated as
 * it goes: no whole-sheet string is ever built.
 */
import { XLSX, type Cell } from '../../core';
import { dateToSerial, hasTimeOfDay } from './dates';
import { XlsxError } from './errors';
import {
  child,
  children,
  createIn,
  elementChildren,
  MAIN_NS,
  NS_CONTENT_TYPES,
  NS_MAIN,
  NS_MAIN_STRICT,
  NS_PKG_REL,
  NS_REL,
  NS_REL_STRICT,
  parseXml,
  readXmlPart,
  REL_NS,
  removeElement,
  rootOf,
  serializeXml,
  setAttrNS,
  type Document,
  type Element,
} from './dom';
import { openPackage, parseRels, relsPathOf, type Package, type PackageSheet } from './read';
import { SharedStrings, sharedColumns, SHARE_FROM_ROWS } from './sst';
import { columnName, escapeCellText, escapeText } from './xml';
import { concatBytes, ZipReader, ZipWriter, type EntrySink, type ZipEntry } from './zip';

export { XlsxError } from './errors';

export interface CellStyle {
  bold?: boolean;
  /** Background colour, RRGGBB (a leading '#' is accepted). */
  fill?: string;
  /** Font colour, RRGGBB (a leading '#' is accepted). */
  fontColor?: string;
  /**
   * percent: 0% · percent1: 0.0% (0.853 shows 85.3%) · integer: #,##0 · date: dd/mm/yyyy ·
   * datetime: dd/mm/yyyy hh:mm:ss · text: @
   */
  numFmt?: 'percent' | 'percent1' | 'integer' | 'date' | 'datetime' | 'text';
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Thin border on all four sides. */
  border?: boolean;
}

export interface ListValidation {
  /** 0-based column. */
  column: number;
  /** 0-based rows, inclusive. */
  firstRow: number;
  lastRow: number;
  /** The dropdown's values (an inline list when it fits 255 characters, else a hidden sheet). */
  values: string[];
}

export interface SheetSpec {
  /** ≤ 31 characters, none of [ ] : * ? / \, not starting or ending with an apostrophe. */
  name: string;
  /** strings, numbers, booleans, Dates (written as Asia/Ho_Chi_Minh wall-time serials with a date format); '' / null are empty. */
  rows: Cell[][];
  /**
   * Style of a cell (0-based row and column), called for every cell of every row (empty cells
   * too: a styled empty cell is written). Return the same object for the same style: styles are
   * cached by object identity first.
   */
  styles?: (row: number, col: number, value: Cell) => CellStyle | undefined;
  /** Column widths in characters (as Excel's column width dialog shows them); 0-based; missing = default. */
  columnWidths?: (number | undefined | null)[];
  frozenRows?: number;
  frozenColumns?: number;
  /** 0-based columns formatted as text '@' (cells and the whole column, so typed CCCDs keep leading zeros). */
  textColumns?: number[];
  validations?: ListValidation[];
  /** An autofilter on the header row (the last frozen row, or the first row) over all columns. */
  autoFilter?: boolean;
  /**
   * Row heights in points by 0-based row (written with customHeight: applications do not all
   * grow a row for wrapped text on open, LibreOffice does not); missing = default height.
   */
  rowHeights?: Record<number, number>;
  /** Tab colour, RRGGBB. */
  tabColor?: string;
  hidden?: boolean;
}

export interface WorkbookSpec {
  /** An input .xlsx whose parts are all kept (sheets copied unchanged). */
  base?: Uint8Array;
  /** Sheets to add after the base's sheets; a base sheet with the same name (case-insensitive) is replaced in place. */
  sheets: SheetSpec[];
  /** Deflate level of the parts we write (default 3). Copied base parts are not recompressed. */
  level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Name of the hidden sheet that holds dropdown lists too long for an inline list. */
export const LIST_SHEET_NAME = '_DanhMuc';

const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const CT_SHARED_STRINGS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_TEXT = 32_767;

// ---------------------------------------------------------------- validation of names

export function checkSheetName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return XLSX.write.sheetNameEmpty;
  if (name.length > 31) return XLSX.write.sheetNameTooLong(name);
  if (/[[\]:*?/\\]/.test(name)) return XLSX.write.sheetNameForbidden(name);
  if (/[\u0000-\u001f\u007f]/.test(name)) return XLSX.write.sheetNameControl(name);
  if (name.startsWith("'") || name.endsWith("'")) return XLSX.write.sheetNameQuote(name);
  if (name.toLowerCase() === 'history') return XLSX.write.sheetNameHistory;
  return null;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function color(c: string): string {
  const h = c.replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{6}$/.test(h)) return `FF${h}`;
  if (/^[0-9A-F]{8}$/.test(h)) return h;
  throw new Error(`invalid colour ${c}`);
}

// ---------------------------------------------------------------- styles

type FmtKind = NonNullable<CellStyle['numFmt']>;
const CUSTOM_CODES: Record<FmtKind, string> = {
  percent: '0%',
  percent1: '0.0%',
  integer: '#,##0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm:ss',
  text: '@',
};
const BUILTIN_IDS: Partial<Record<FmtKind, number>> = { percent: 9, integer: 3, text: 49 };

const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
type Added = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs';
const CHILD_OF: Record<Added | 'cellStyleXfs', string> = {
  numFmts: 'numFmt',
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellXfs: 'xf',
  cellStyleXfs: 'xf',
};

function freshStyles(): string {
  return (
    `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/**
 * Appends our fonts, fills, borders, number formats and cell formats to an existing styles.xml
 * (a parsed document, edited in place): new elements in the stylesheet's own namespace and
 * prefix, existing entries untouched so every style index of the base stays valid.
 */
class StyleBook {
  private readonly root: Element;
  private readonly baseCount = new Map<string, number>();
  private readonly font0: Element | null;
  private readonly baseNumFmtIds = new Set<number>();
  private nextNumFmt: number;
  private readonly hasStyleXfs: boolean;
  private readonly add = { numFmts: [] as Element[], fonts: [] as Element[], fills: [] as Element[], borders: [] as Element[], cellXfs: [] as Element[] };
  private readonly fontIdx = new Map<string, number>();
  private readonly fillIdx = new Map<string, number>();
  private borderIdx = -1;
  private readonly fmtIdx = new Map<FmtKind, number>();
  private readonly xfIdx = new Map<string, number>();

  constructor(
    readonly doc: Document,
    part: string,
  ) {
    const root = rootOf(doc, MAIN_NS, 'styleSheet');
    if (!root) throw new XlsxError('CORRUPT', XLSX.write.notStyles(part));
    this.root = root;
    for (const [name, childName] of Object.entries(CHILD_OF)) {
      const sec = child(root, MAIN_NS, name);
      const items = sec ? children(sec, MAIN_NS, childName) : [];
      this.baseCount.set(name, items.length);
      if (name === 'numFmts') for (const f of items) this.baseNumFmtIds.add(Number(f.getAttribute('numFmtId')));
    }
    const fonts = child(root, MAIN_NS, 'fonts');
    this.font0 = fonts ? child(fonts, MAIN_NS, 'font') : null;
    this.nextNumFmt = Math.max(163, ...[...this.baseNumFmtIds].filter((n) => Number.isFinite(n))) + 1;
    this.hasStyleXfs = (this.baseCount.get('cellStyleXfs') ?? 0) > 0;
  }

  /** A new element in the stylesheet's namespace (same prefix as its root). */
  private el(local: string, attrs: Record<string, string | number> = {}, kids: Element[] = []): Element {
    const e = createIn(this.root, local);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    for (const k of kids) e.appendChild(k);
    return e;
  }

  private count(name: Added): number {
    return (this.baseCount.get(name) ?? 0) + this.add[name].length;
  }

  private font(bold: boolean, fontColor: string | undefined): number {
    if (!bold && !fontColor) return 0;
    const key = `${bold ? 1 : 0}${fontColor ?? ''}`;
    let i = this.fontIdx.get(key);
    if (i !== undefined) return i;
    // a copy of the base's default font (size, name, family, scheme), with our weight and colour
    let f: Element;
    if (this.font0) {
      f = this.font0.cloneNode(true) as Element;
      for (const b of children(f, MAIN_NS, 'b')) f.removeChild(b);
      if (fontColor) for (const c of children(f, MAIN_NS, 'color')) f.removeChild(c);
      // the copy keeps the namespace of font0; new children go in that namespace
      const make = (local: string, attrs: Record<string, string> = {}) => {
        const e = createIn(f, local);
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
        return e;
      };
      if (bold) f.insertBefore(make('b'), f.firstChild);
      if (fontColor) f.appendChild(make('color', { rgb: color(fontColor) }));
    } else {
      f = this.el('font', {}, [
        ...(bold ? [this.el('b')] : []),
        this.el('sz', { val: 11 }),
        this.el('name', { val: 'Calibri' }),
        ...(fontColor ? [this.el('color', { rgb: color(fontColor) })] : []),
      ]);
    }
    i = this.count('fonts');
    this.add.fonts.push(f);
    this.fontIdx.set(key, i);
    return i;
  }

  private fill(c: string | undefined): number {
    if (!c) return 0;
    const rgb = color(c);
    let i = this.fillIdx.get(rgb);
    if (i !== undefined) return i;
    i = this.count('fills');
    this.add.fills.push(
      this.el('fill', {}, [this.el('patternFill', { patternType: 'solid' }, [this.el('fgColor', { rgb }), this.el('bgColor', { indexed: 64 })])]),
    );
    this.fillIdx.set(rgb, i);
    return i;
  }

  private border(on: boolean): number {
    if (!on) return 0;
    if (this.borderIdx >= 0) return this.borderIdx;
    const side = (s: string) => this.el(s, { style: 'thin' }, [this.el('color', { indexed: 64 })]);
    this.borderIdx = this.count('borders');
    this.add.borders.push(this.el('border', {}, [side('left'), side('right'), side('top'), side('bottom'), this.el('diagonal')]));
    return this.borderIdx;
  }

  private numFmt(kind: FmtKind | undefined): number {
    if (!kind) return 0;
    let id = this.fmtIdx.get(kind);
    if (id !== undefined) return id;
    const builtin = BUILTIN_IDS[kind];
    if (builtin !== undefined && !this.baseNumFmtIds.has(builtin)) id = builtin;
    else {
      id = this.nextNumFmt++;
      this.add.numFmts.push(this.el('numFmt', { numFmtId: id, formatCode: CUSTOM_CODES[kind] }));
    }
    this.fmtIdx.set(kind, id);
    return id;
  }

  /** The cellXfs index of a style (0, the base's default, for no style at all). */
  index(style: CellStyle | undefined, implied: FmtKind | undefined): number {
    // a Date always gets a date format (its own 'date'/'datetime' if it asks for one)
    const own = style?.numFmt;
    const fmt = implied === 'date' || implied === 'datetime' ? (own === 'date' || own === 'datetime' ? own : implied) : (own ?? implied);
    if (!style && !fmt) return 0;
    const s = style ?? {};
    const key = `${s.bold ? 1 : 0}|${s.fill ?? ''}|${s.fontColor ?? ''}|${fmt ?? ''}|${s.wrap ? 1 : 0}|${s.align ?? ''}|${s.border ? 1 : 0}`;
    let i = this.xfIdx.get(key);
    if (i !== undefined) return i;
    const fontId = this.font(!!s.bold, s.fontColor);
    const fillId = this.fill(s.fill);
    const borderId = this.border(!!s.border);
    const numFmtId = this.numFmt(fmt);
    const attrs: Record<string, number> = { numFmtId, fontId, fillId, borderId };
    if (this.hasStyleXfs) attrs.xfId = 0;
    if (numFmtId) attrs.applyNumberFormat = 1;
    if (fontId) attrs.applyFont = 1;
    if (fillId) attrs.applyFill = 1;
    if (borderId) attrs.applyBorder = 1;
    const kids: Element[] = [];
    if (s.wrap || s.align) {
      attrs.applyAlignment = 1;
      const a: Record<string, string> = {};
      if (s.align) a.horizontal = s.align;
      if (s.wrap) Object.assign(a, { vertical: 'top', wrapText: '1' });
      kids.push(this.el('alignment', a));
    }
    i = this.count('cellXfs');
    this.add.cellXfs.push(this.el('xf', attrs, kids));
    this.xfIdx.set(key, i);
    return i;
  }

  get changed(): boolean {
    return Object.values(this.add).some((a) => a.length > 0);
  }

  /** Our entries appended to the document (counts updated, missing sections created in schema order). */
  finish(): void {
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs'] as const) {
      const items = this.add[name];
      if (items.length === 0) continue;
      let sec = child(this.root, MAIN_NS, name);
      if (!sec) {
        sec = this.el(name);
        // before the first later section present (schema order), else at the end
        const later = new Set(STYLE_ORDER.slice(STYLE_ORDER.indexOf(name) + 1));
        const next = elementChildren(this.root).find((e) => later.has(e.localName ?? ''));
        this.root.insertBefore(sec, next ?? null);
      }
      for (const it of items) sec.appendChild(it);
      sec.setAttribute('count', String(this.count(name)));
    }
  }
}

// ---------------------------------------------------------------- worksheet XML

/** A string cut to Excel's 32,767 characters per cell, never inside a surrogate pair. */
function capText(s: string): string {
  const c = s.charCodeAt(MAX_TEXT - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? MAX_TEXT - 1 : MAX_TEXT);
}

interface SheetContext {
  styles: StyleBook;
  date1904: boolean;
  tabSelected: boolean;
  /** Validation formula per validation of this sheet (inline list or hidden-sheet range). */
  formulas: string[];
  /** Namespaces of the worksheet (strict OOXML when the base is strict). */
  nsMain: string;
  nsRel: string;
  /** The workbook's shared-strings table, and the columns of this sheet whose texts go into it. */
  sst: SharedStrings | null;
  share: boolean[] | null;
}

const CHUNK_BYTES = 1 << 20;

/**
 * A part's text encoded into ~1 MiB buffers as it is written: each piece (a row, a header) is
 * UTF-8 encoded on its own with Buffer#write, so no string longer than a row is ever built or
 * flattened (building a 1 M-character rope and encoding it took most of a large write).
 */
class Utf8Chunks {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  constructor(private readonly sink: EntrySink) {}

  add(s: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.used + s.length * 3 > CHUNK_BYTES) {
      this.flush();
      if (s.length * 3 > CHUNK_BYTES) {
        this.sink.push(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Room for `n` more bytes in the current buffer (n ≤ CHUNK_BYTES). */
  ensure(n: number): void {
    if (this.used + n > CHUNK_BYTES) this.flush();
  }

  /** An ASCII string, byte by byte (after ensure): no call into C++ for a few characters. */
  ascii(s: string): void {
    const buf = this.buf;
    let u = this.used;
    for (let i = 0; i < s.length; i++) buf[u++] = s.charCodeAt(i);
    this.used = u;
  }

  /** Any string (after ensure for 3 bytes a character): ASCII byte by byte, else Buffer#write. */
  text(s: string): void {
    const n = s.length;
    let i = 0;
    while (i < n && s.charCodeAt(i) < 0x80) i++;
    if (i < n) {
      this.used += this.buf.write(s, this.used, 'utf8');
      return;
    }
    this.ascii(s);
  }

  /**
   * A string UTF-8 encoded in JavaScript (after ensure for 3 bytes a character), for a text
   * without surrogates (plainCellText): no call into C++ for a short cell.
   */
  utf8(s: string): void {
    const buf = this.buf;
    let u = this.used;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[u++] = c;
      else if (c < 0x800) {
        buf[u++] = 0xc0 | (c >> 6);
        buf[u++] = 0x80 | (c & 63);
      } else {
        buf[u++] = 0xe0 | (c >> 12);
        buf[u++] = 0x80 | ((c >> 6) & 63);
        buf[u++] = 0x80 | (c & 63);
      }
    }
    this.used = u;
  }

  private flush(): void {
    if (this.used === 0) return;
    // one buffer for the whole part: the sink is done with a chunk when push returns (a fresh
    // 1 MiB Buffer per chunk is external memory that makes V8 run full collections of the heap,
    // which holds the whole input workbook)
    this.sink.push(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  end(): void {
    this.flush();
    this.sink.end();
  }
}

/**
 * Whether escapeCellText leaves `s` as it is: no & < > CR _, no control character but TAB and LF,
 * no surrogate (paired or not), no U+FFFE/U+FFFF.
 */
function plainCellText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 ? c !== 9 && c !== 10 : c === 38 || c === 60 || c === 62 || c === 95) return false;
    } else if ((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return false;
  }
  return true;
}

/** Width as stored in the file for a width in characters (Calibri 11: 7 px digits, 5 px padding). */
function storedWidth(chars: number): number {
  return Math.trunc(((chars * 7 + 5) / 7) * 256) / 256;
}

/**
 * The fast path of a row without a style callback (the input sheets copied into tong-hop.xlsx:
 * most of a large write): text cells are written as bytes straight into the part's buffer, with
 * no string built per cell or per row. Other cells (numbers, booleans, dates) are written as
 * the general path writes them. The bytes are exactly those of the general path. Returns false
 * (nothing written) when a value needs the general path's handling of sizes (a cell text of more
 * than a third of the buffer).
 */
function writeRowBytes(
  text: Utf8Chunks,
  row: Cell[],
  rn: string,
  colRef: string[],
  textCols: Set<number>,
  styleIndex: (s: CellStyle | undefined, kind: number) => number,
  height: number | undefined,
  date1904: boolean,
  sst: SharedStrings | null,
  share: boolean[] | null,
): boolean {
  let any = false;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === 'string') {
      if (v.length * 3 > CHUNK_BYTES / 4) return false;
      if (v !== '') any = true;
    } else if (v !== null && v !== undefined && !(v instanceof Date && Number.isNaN(v.getTime()))) any = true;
  }
  if (!any) return true;
  text.ensure(64);
  text.ascii(typeof height === 'number' && height > 0 && Number.isFinite(height) ? `<row r="${rn}" ht="${height}" customHeight="1">` : `<row r="${rn}">`);
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string') {
      const cell = otherCell(v, c, rn, colRef, textCols, styleIndex, date1904);
      if (cell) text.add(cell);
      continue;
    }
    if (v === '') continue;
    const isText = textCols.size > 0 && textCols.has(c);
    const xf = isText ? styleIndex(undefined, 3) : 0;
    let s = v.length > MAX_TEXT ? capText(v) : v;
    const ref = colRef[c] ?? `<c r="${columnName(c)}`;
    if (share !== null && share[c]) {
      const i = sst!.ref(s);
      if (i >= 0) {
        text.ensure(ref.length + rn.length + 48);
        text.ascii(ref);
        text.ascii(rn);
        text.ascii(xf ? `" s="${xf}" t="s"><v>` : '" t="s"><v>');
        text.ascii(String(i));
        text.ascii('</v></c>');
        continue;
      }
    }
    const ws = s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32;
    // nearly every text needs no escaping: it is checked in one pass and encoded without a
    // regular expression or a call into C++ (the same bytes as escapeCellText + Buffer#write)
    const plain = plainCellText(s);
    if (!plain) s = escapeCellText(s);
    text.ensure(ref.length + rn.length + 72 + s.length * 3);
    text.ascii(ref);
    text.ascii(rn);
    text.ascii(xf ? `" s="${xf}" t="inlineStr"><is><t` : '" t="inlineStr"><is><t');
    text.ascii(ws ? ' xml:space="preserve">' : '>');
    if (plain) text.utf8(s);
    else text.text(s);
    text.ascii('</t></is></c>');
  }
  text.ensure(6);
  text.ascii('</row>');
  return true;
}

/** A cell that is not text, as the general path writes it ('' for none). */
function otherCell(
  v: Cell,
  c: number,
  rn: string,
  colRef: string[],
  textCols: Set<number>,
  styleIndex: (s: CellStyle | undefined, kind: number) => number,
  date1904: boolean,
): string {
  const isText = textCols.size > 0 && textCols.has(c);
  const ref = `${colRef[c] ?? `<c r="${columnName(c)}`}${rn}"`;
  if (typeof v === 'number') {
    const xf = isText ? styleIndex(undefined, 3) : 0;
    const sAttr = xf ? ` s="${xf}"` : '';
    return Number.isFinite(v) ? `${ref}${sAttr}><v>${v}</v></c>` : `${ref}${sAttr} t="e"><v>#NUM!</v></c>`;
  }
  if (typeof v === 'boolean') {
    const xf = isText ? styleIndex(undefined, 3) : 0;
    return `${ref}${xf ? ` s="${xf}"` : ''} t="b"><v>${v ? 1 : 0}</v></c>`;
  }
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? '' : `${ref} s="${styleIndex(undefined, hasTimeOfDay(v) ? 2 : 1)}"><v>${dateToSerial(v, date1904)}</v></c>`;
  if (v !== null && v !== undefined) {
    const xf = isText ? styleIndex(undefined, 3) : 0;
    return `${ref}${xf ? ` s="${xf}"` : ''} t="inlineStr"><is><t>${escapeCellText(String(v))}</t></is></c>`;
  }
  return '';
}

function writeSheetXml(spec: SheetSpec, ctx: SheetContext, sink: EntrySink): void {
  const rows = spec.rows ?? [];
  if (rows.length > MAX_ROWS) throw new XlsxError('TOO_LARGE', XLSX.write.tooManyRows(spec.name, rows.length, MAX_ROWS));
  let width = 0;
  for (const r of rows) if (r && r.length > width) width = r.length;
  if (width > MAX_COLS) throw new XlsxError('TOO_LARGE', XLSX.write.tooManyColumns(spec.name, width, MAX_COLS));
  const cols: string[] = [];
  for (let c = 0; c < Math.max(width, 1); c++) cols.push(columnName(c));
  const colName = (c: number) => cols[c] ?? columnName(c);

  const { styles, date1904, sst, share } = ctx;
  const textCols = new Set((spec.textColumns ?? []).filter((c) => Number.isInteger(c) && c >= 0 && c < MAX_COLS));
  const styleFn = spec.styles;
  // style object → cellXfs index, per implied format: [none, date, datetime, text]
  const byObject = new Map<CellStyle, number[]>();
  const implied: (FmtKind | undefined)[] = [undefined, 'date', 'datetime', 'text'];
  const plain = [0, -1, -1, -1];
  const styleIndex = (s: CellStyle | undefined, kind: number): number => {
    let slots = plain;
    if (s) {
      slots = byObject.get(s)!;
      if (!slots) byObject.set(s, (slots = [-1, -1, -1, -1]));
    }
    let i = slots[kind];
    if (i < 0) i = slots[kind] = styles.index(s, implied[kind]);
    return i;
  };

  const text = new Utf8Chunks(sink);

  const lastRow = Math.max(rows.length, 1);
  const dim = width > 0 && rows.length > 0 ? `A1:${colName(width - 1)}${rows.length}` : 'A1';
  text.add(`${XML_DECL}<worksheet xmlns="${ctx.nsMain}" xmlns:r="${ctx.nsRel}">`);
  if (spec.tabColor) text.add(`<sheetPr><tabColor rgb="${color(spec.tabColor)}"/></sheetPr>`);
  text.add(`<dimension ref="${dim}"/>`);
  const fr = Math.max(0, Math.floor(spec.frozenRows ?? 0));
  const fc = Math.max(0, Math.floor(spec.frozenColumns ?? 0));
  text.add(`<sheetViews><sheetView${ctx.tabSelected ? ' tabSelected="1"' : ''} workbookViewId="0">`);
  if (fr > 0 || fc > 0) {
    const pane = fr > 0 && fc > 0 ? 'bottomRight' : fr > 0 ? 'bottomLeft' : 'topRight';
    const tl = `${columnName(fc)}${fr + 1}`;
    text.add(
      `<pane${fc > 0 ? ` xSplit="${fc}"` : ''}${fr > 0 ? ` ySplit="${fr}"` : ''} topLeftCell="${tl}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/>`,
    );
  }
  text.add('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>');

  // <cols>: widths and text-column styles, one <col> per column that has either
  const widths = spec.columnWidths ?? [];
  const colIdx = new Set<number>(textCols);
  widths.forEach((w, i) => {
    if (typeof w === 'number' && w > 0 && Number.isFinite(w)) colIdx.add(i);
  });
  if (colIdx.size) {
    text.add('<cols>');
    for (const c of [...colIdx].sort((a, b) => a - b)) {
      const w = widths[c];
      const hasW = typeof w === 'number' && w > 0 && Number.isFinite(w);
      const st = textCols.has(c) ? ` style="${styleIndex(undefined, 3)}"` : '';
      text.add(`<col min="${c + 1}" max="${c + 1}" width="${hasW ? storedWidth(w as number) : 9.140625}"${hasW ? ' customWidth="1"' : ''}${st}/>`);
    }
    text.add('</cols>');
  }

  text.add('<sheetData>');
  const colRef = cols.map((c) => `<c r="${c}`);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    const rn = String(r + 1);
    if (!styleFn && writeRowBytes(text, row, rn, colRef, textCols, styleIndex, spec.rowHeights?.[r], date1904, sst, share)) continue;
    let out = '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const st = styleFn ? styleFn(r, c, v) : undefined;
      const isText = textCols.size > 0 && textCols.has(c);
      if (typeof v === 'string' && v !== '') {
        const xf = st || isText ? styleIndex(st, isText ? 3 : 0) : 0;
        let s = v.length > MAX_TEXT ? capText(v) : v;
        const i = share !== null && share[c] ? sst!.ref(s) : -1;
        if (i >= 0) {
          out += `<c r="${colName(c)}${rn}"${xf ? ` s="${xf}"` : ''} t="s"><v>${i}</v></c>`;
          continue;
        }
        const ws = s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32;
        s = escapeCellText(s);
        out += `<c r="${colName(c)}${rn}"${xf ? ` s="${xf}"` : ''} t="inlineStr"><is><t${ws ? ' xml:space="preserve"' : ''}>${s}</t></is></c>`;
      } else if (typeof v === 'number') {
        const xf = st || isText ? styleIndex(st, isText ? 3 : 0) : 0;
        const sAttr = xf ? ` s="${xf}"` : '';
        if (Number.isFinite(v)) out += `<c r="${colName(c)}${rn}"${sAttr}><v>${v}</v></c>`;
        else out += `<c r="${colName(c)}${rn}"${sAttr} t="e"><v>#NUM!</v></c>`;
      } else if (typeof v === 'boolean') {
        const xf = st || isText ? styleIndex(st, isText ? 3 : 0) : 0;
        out += `<c r="${colName(c)}${rn}"${xf ? ` s="${xf}"` : ''} t="b"><v>${v ? 1 : 0}</v></c>`;
      } else if (v instanceof Date && !Number.isNaN(v.getTime())) {
        const xf = styleIndex(st, hasTimeOfDay(v) ? 2 : 1);
        out += `<c r="${colName(c)}${rn}" s="${xf}"><v>${dateToSerial(v, date1904)}</v></c>`;
      } else if (st) {
        // a styled empty cell (header fills, borders)
        out += `<c r="${colName(c)}${rn}" s="${styleIndex(st, isText ? 3 : 0)}"/>`;
      } else if (v !== '' && v !== null && v !== undefined && !(v instanceof Date)) {
        const xf = isText ? styleIndex(undefined, 3) : 0;
        out += `<c r="${colName(c)}${rn}"${xf ? ` s="${xf}"` : ''} t="inlineStr"><is><t>${escapeCellText(String(v))}</t></is></c>`;
      }
    }
    if (out) {
      const ht = spec.rowHeights?.[r];
      text.add(
        typeof ht === 'number' && ht > 0 && Number.isFinite(ht) ? `<row r="${rn}" ht="${ht}" customHeight="1">${out}</row>` : `<row r="${rn}">${out}</row>`,
      );
    }
  }
  text.add('</sheetData>');

  if (spec.autoFilter && width > 0) {
    const hr = fr > 0 ? fr : 1;
    text.add(`<autoFilter ref="A${hr}:${colName(width - 1)}${Math.max(lastRow, hr)}"/>`);
  }
  const vals = (spec.validations ?? []).map((v, i) => ({ v, f: ctx.formulas[i] })).filter((x) => x.f);
  if (vals.length) {
    text.add(`<dataValidations count="${vals.length}">`);
    for (const { v, f } of vals) {
      const cn = columnName(v.column);
      const a = Math.max(0, Math.floor(v.firstRow)) + 1;
      const b = Math.min(MAX_ROWS, Math.max(a, Math.floor(v.lastRow) + 1));
      text.add(
        `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${cn}${a}:${cn}${b}"><formula1>${escapeText(f)}</formula1></dataValidation>`,
      );
    }
    text.add('</dataValidations>');
  }
  text.add('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  text.end();
}

// ---------------------------------------------------------------- dropdown lists

/** Inline formula for a list when Excel accepts one (≤ 255 characters, no comma or quote in a value), else null. */
function inlineList(values: string[]): string | null {
  if (values.some((v) => v.includes(',') || v.includes('"') || v !== v.trim())) return null;
  const joined = values.join(',');
  return joined.length <= 255 ? `"${joined}"` : null;
}

interface ListPlan {
  /** Per spec sheet, per validation: the formula. */
  formulas: string[][];
  /** The hidden list sheet, if any list needed one. */
  sheet: SheetSpec | null;
}

function planLists(sheets: SheetSpec[]): ListPlan {
  const columns: string[][] = [];
  const seen = new Map<string, number>();
  const formulas = sheets.map((s) =>
    (s.validations ?? []).map((v) => {
      const values = (v.values ?? []).map((x) => String(x)).filter((x) => x !== '');
      if (values.length === 0) return '';
      const inline = inlineList(values);
      if (inline) return inline;
      const key = JSON.stringify(values);
      let c = seen.get(key);
      if (c === undefined) {
        c = columns.length;
        columns.push(values);
        seen.set(key, c);
      }
      const cn = columnName(c);
      return `${quoteSheet(LIST_SHEET_NAME)}!$${cn}$1:$${cn}$${values.length}`;
    }),
  );
  if (!columns.length) return { formulas, sheet: null };
  const height = Math.max(...columns.map((c) => c.length));
  const rows: Cell[][] = [];
  for (let r = 0; r < height; r++) rows.push(columns.map((c) => c[r] ?? ''));
  return { formulas, sheet: { name: LIST_SHEET_NAME, rows, hidden: true } };
}

// ---------------------------------------------------------------- workbook assembly

interface Plan {
  spec: SheetSpec;
  formulas: string[];
  path: string;
  /** Position in the final tab order. */
  index: number;
  /** The columns whose texts go into the shared-strings table (null: none). */
  share: boolean[] | null;
}

function freshPackageXml(): { workbookXml: string; relsXml: string; contentTypesXml: string; rootRelsXml: string } {
  return {
    workbookXml: `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets><calcPr calcId="191029"/></workbook>`,
    relsXml: `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"></Relationships>`,
    contentTypesXml:
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/></Types>`,
    rootRelsXml: `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  };
}

/** Target of a part relative to the workbook part's folder. */
function relativeTarget(fromPart: string, to: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const parts = to.split('/');
  let k = 0;
  while (k < from.length && k < parts.length - 1 && from[k] === parts[k]) k++;
  return [...from.slice(k).map(() => '..'), ...parts.slice(k)].join('/');
}

/** Relationship types (last segment) of macro code that an .xlsx must not hold: VBA and Excel 4 macro sheets. */
const isMacroRel = (kind: string) => kind === 'vbaProject' || /macrosheet$/i.test(kind);
/** Content types of the macro parts we drop (a Default for them goes when no part needs it any more). */
const MACRO_CONTENT_TYPES = new Set([
  'application/vnd.ms-office.vbaProject',
  'application/vnd.ms-office.vbaProjectSignature',
  'application/vnd.ms-office.vbaProjectSignatureAgile',
  'application/vnd.ms-office.vbaProjectSignatureV3',
  'application/vnd.ms-word.vbaData+xml',
  'application/vnd.ms-excel.macrosheet+xml',
  'application/vnd.ms-excel.intlmacrosheet+xml',
]);

/** Does a defined name's formula refer to this sheet ('Name'!A1 or Name!A1, case-insensitive)? */
function refersToSheet(formula: string, sheet: string): boolean {
  const f = formula.toLowerCase();
  const n = sheet.toLowerCase();
  if (f.includes(`${quoteSheet(n)}!`)) return true;
  const re = new RegExp(`(^|[^\\w.'\\u00C0-\\uFFFF])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!`, 'u');
  return re.test(f);
}

/** Writes an .xlsx: the base's parts kept, our sheets added or replacing same-named ones. */
export function writeXlsx(spec: WorkbookSpec): Uint8Array {
  return concatBytes(writeXlsxParts(spec));
}

/**
 * The file as the consecutive pieces of its zip (headers, compressed data, central directory), not
 * copied into one buffer: a caller writing a large workbook to disk writes them one after another.
 */
/**
 * What one write of a workbook edits, passed from step to step of writeXlsxParts: the four small
 * parts (parsed), the sheets planned, and the parts and relationships that go or come.
 */
interface Edit {
  pkg: Package | null;
  zip: ZipReader | null;
  fresh: ReturnType<typeof freshPackageXml>;
  workbookPath: string;
  relsPath: string;
  wbDoc: Document;
  relsDoc: Document;
  ctDoc: Document;
  ctEntry: ZipEntry | undefined;
  wbRoot: Element;
  relsRoot: Element;
  ctRoot: Element;
  sheetsEl: Element;
  /** A part not edited is copied as it is (raw bytes); a fresh part is always written. */
  dirty: { workbook: boolean; rels: boolean; contentTypes: boolean };
  date1904: boolean;
  baseSheets: PackageSheet[];
  strict: boolean;
  /** The relationships namespace of the base's own r:id attributes, else the one of its main namespace. */
  relNs: string;
  /** Existing names: parts (lower-case), relationship ids, sheet ids. */
  partNames: Set<string>;
  relIds: Set<string>;
  nextRid: number;
  nextSheetNo: number;
  maxSheetId: number;
  /** Part names (lower-case) dropped from the base, and relationship ids removed from the workbook rels. */
  removed: Set<string>;
  relsToDrop: Set<string>;
  newRels: { id: string; type: string; target: string }[];
  newOverrides: { part: string; type: string }[];
  plans: Plan[];
  /** Our shared-strings table and its part (null: every text inline). */
  sst: SharedStrings | null;
  sstPath: string | null;
  replacedAny: boolean;
  /** Base positions whose _FilterDatabase goes. */
  dropLocalFilter: Set<number>;
  /** Base positions of the sheets dropped (macro sheets), and every base sheet's final position (-1: dropped). */
  droppedSheets: Set<number>;
  newIndex: number[];
  /** Visibility of each final tab. */
  visibleAfter: boolean[];
  stylesPath: string;
  stylesDoc: Document;
  baseStyles: boolean;
  styleBook: StyleBook;
}

/** Our sheets, named and checked, with the hidden list sheet their dropdowns need (if any). */
function planSheets(spec: WorkbookSpec): { spec: SheetSpec; formulas: string[] }[] {
  const names = new Set<string>();
  for (const s of spec.sheets) {
    const bad = checkSheetName(s.name);
    if (bad) throw new XlsxError('BAD_SHEET_NAME', bad);
    const k = s.name.toLowerCase();
    if (names.has(k) || k === LIST_SHEET_NAME.toLowerCase()) throw new XlsxError('BAD_SHEET_NAME', XLSX.write.sheetNameDuplicate(s.name));
    names.add(k);
  }
  const lists = planLists(spec.sheets);
  const sheets: { spec: SheetSpec; formulas: string[] }[] = spec.sheets.map((s, i) => ({ spec: s, formulas: lists.formulas[i] }));
  if (lists.sheet) sheets.push({ spec: lists.sheet, formulas: [] });
  return sheets;
}

/** The four small parts, parsed (a fresh package when there is no base), and what the rest of the write needs to know of the base. */
function openEdit(spec: WorkbookSpec): Omit<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'> {
  const pkg: Package | null = spec.base ? openPackage(spec.base) : null;
  const zip: ZipReader | null = pkg ? pkg.zip : null;
  const fresh = freshPackageXml();
  const workbookPath = pkg ? pkg.workbookPath : 'xl/workbook.xml';
  const relsPath = pkg ? pkg.relsPath : 'xl/_rels/workbook.xml.rels';
  const wbDoc = pkg ? pkg.workbookDoc : parseXml(fresh.workbookXml, workbookPath);
  const relsDoc = pkg?.relsDoc ?? parseXml(fresh.relsXml, relsPath);
  const ctEntry = zip?.get('[Content_Types].xml');
  if (pkg && !ctEntry) throw new XlsxError('NOT_XLSX', XLSX.write.noContentTypes);
  const ctDoc = ctEntry ? readXmlPart(zip!, ctEntry).doc : parseXml(fresh.contentTypesXml, '[Content_Types].xml');
  const wbRoot = rootOf(wbDoc, MAIN_NS, 'workbook')!; // checked by openPackage
  const relsRoot = rootOf(relsDoc, [NS_PKG_REL], 'Relationships')!; // checked by parseRels
  const ctRoot = rootOf(ctDoc, [NS_CONTENT_TYPES], 'Types');
  if (!ctRoot) throw new XlsxError('CORRUPT', XLSX.write.notContentTypes);
  const baseSheets: PackageSheet[] = pkg ? pkg.sheets : [];
  const strict = wbRoot.namespaceURI === NS_MAIN_STRICT;
  let relNs: string = strict ? NS_REL_STRICT : NS_REL;
  for (const b of baseSheets) {
    const ns = REL_NS.find((x) => b.element.hasAttributeNS(x, 'id'));
    if (ns) {
      relNs = ns;
      break;
    }
  }
  const sheetsEl = child(wbRoot, MAIN_NS, 'sheets');
  if (!sheetsEl) throw new XlsxError('CORRUPT', XLSX.write.noSheetList(workbookPath));
  return {
    pkg,
    zip,
    fresh,
    workbookPath,
    relsPath,
    wbDoc,
    relsDoc,
    ctDoc,
    ctEntry,
    wbRoot,
    relsRoot,
    ctRoot,
    sheetsEl,
    dirty: { workbook: !pkg, rels: !pkg?.relsDoc, contentTypes: !ctEntry },
    date1904: pkg ? pkg.date1904 : false,
    baseSheets,
    strict,
    relNs,
    partNames: new Set<string>((zip?.entries ?? []).map((e) => e.name.toLowerCase())),
    relIds: new Set<string>(pkg ? pkg.rels.map((r) => r.id) : []),
    nextRid: 1,
    nextSheetNo: 1,
    maxSheetId: baseSheets.reduce((m, s) => Math.max(m, s.sheetId), 0),
    removed: new Set<string>(),
    relsToDrop: new Set<string>(),
    newRels: [],
    newOverrides: [],
    plans: [],
    sst: null,
    sstPath: null,
    replacedAny: false,
    dropLocalFilter: new Set<number>(),
    droppedSheets: new Set<number>(),
    newIndex: [],
    visibleAfter: [],
  };
}

function freshRid(e: Pick<Edit, 'relIds' | 'nextRid'>): string {
  while (e.relIds.has(`rId${e.nextRid}`)) e.nextRid++;
  const id = `rId${e.nextRid++}`;
  e.relIds.add(id);
  return id;
}

function freshSheetPath(e: Pick<Edit, 'partNames' | 'nextSheetNo'>): string {
  while (e.partNames.has(`xl/worksheets/sheet${e.nextSheetNo}.xml`)) e.nextSheetNo++;
  const p = `xl/worksheets/sheet${e.nextSheetNo++}.xml`;
  e.partNames.add(p);
  return p;
}

/** A part dropped from the base, with its relationships part. */
function dropPart(e: Pick<Edit, 'removed'>, path: string | null): void {
  if (!path) return;
  e.removed.add(path.toLowerCase());
  e.removed.add(relsPathOf(path).toLowerCase());
}

/**
 * Macros: an .xlsx holds none. VBA (vbaProject.bin, its signatures) and Excel 4 macro sheets go
 * with their relationships; a macro sheet with one of our names is replaced by placeSheets.
 */
function dropMacros(e: Omit<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'>, ourNames: Set<string>): void {
  const { baseSheets, droppedSheets, zip } = e;
  baseSheets.forEach((b, i) => {
    if (b.kind === 'macrosheet' && !ourNames.has(b.name.toLowerCase())) droppedSheets.add(i);
  });
  for (const r of e.pkg?.rels ?? []) {
    if (!isMacroRel(r.kind) || r.external) continue;
    if (/macrosheet$/i.test(r.kind) && baseSheets.some((b, i) => b.rid === r.id && !droppedSheets.has(i))) continue;
    e.relsToDrop.add(r.id);
    dropPart(e, r.path);
    const inner = zip!.get(relsPathOf(r.path));
    if (inner) for (const x of parseRels(readXmlPart(zip!, inner).doc, r.path)) if (!x.external) dropPart(e, x.path);
  }
  // final positions of the base sheets
  let kept = 0;
  baseSheets.forEach((_b, i) => e.newIndex.push(droppedSheets.has(i) ? -1 : kept++));
  for (const i of droppedSheets) {
    removeElement(baseSheets[i].element);
    e.dirty.workbook = true;
  }
  e.visibleAfter = baseSheets.filter((_b, i) => !droppedSheets.has(i)).map((s) => s.state === 'visible');
}

/** Each of our sheets takes the place of the base's sheet of the same name, or comes after the base's. */
function placeSheets(e: Omit<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'>, sheets: { spec: SheetSpec; formulas: string[] }[]): void {
  const { baseSheets, sheetsEl } = e;
  const sheetElement = (scope: Element, name: string, sheetId: number, rid: string, hidden: boolean) => {
    const el = createIn(scope, 'sheet');
    el.setAttribute('name', name);
    el.setAttribute('sheetId', String(sheetId));
    if (hidden) el.setAttribute('state', 'hidden');
    setAttrNS(el, scope, e.relNs, 'id', rid, 'r');
    return el;
  };
  const addWorksheetRel = (path: string) => {
    const rid = freshRid(e);
    e.newRels.push({ id: rid, type: `${e.relNs}/worksheet`, target: relativeTarget(e.workbookPath, path) });
    e.newOverrides.push({ part: path, type: CT_WORKSHEET });
    return rid;
  };
  let position = e.visibleAfter.length;
  for (const s of sheets) {
    const k = s.spec.name.toLowerCase();
    const idx = baseSheets.findIndex((b) => b.name.toLowerCase() === k);
    if (idx >= 0) {
      const b = baseSheets[idx];
      e.replacedAny = true;
      e.dropLocalFilter.add(idx);
      let path: string;
      let rid = b.rid;
      if (b.kind === 'worksheet' && b.path) {
        path = b.path;
        e.removed.add(relsPathOf(path).toLowerCase()); // its drawings, comments, tables are gone with it
      } else {
        dropPart(e, b.path);
        if (b.rid) e.relsToDrop.add(b.rid);
        path = freshSheetPath(e);
        rid = addWorksheetRel(path);
      }
      const parent = b.element.parentNode as Element;
      parent.replaceChild(sheetElement(parent, s.spec.name, b.sheetId || ++e.maxSheetId, rid, !!s.spec.hidden), b.element);
      e.visibleAfter[e.newIndex[idx]] = !s.spec.hidden;
      e.plans.push({ spec: s.spec, formulas: s.formulas, path, index: e.newIndex[idx], share: null });
    } else {
      const path = freshSheetPath(e);
      const rid = addWorksheetRel(path);
      sheetsEl.appendChild(sheetElement(sheetsEl, s.spec.name, ++e.maxSheetId, rid, !!s.spec.hidden));
      e.visibleAfter.push(!s.spec.hidden);
      e.plans.push({ spec: s.spec, formulas: s.formulas, path, index: position++, share: null });
    }
    e.dirty.workbook = true;
  }
  if (!e.visibleAfter.some(Boolean)) throw new XlsxError('BAD_SHEET_NAME', XLSX.write.noVisibleSheet);

  // calcChain lists formula cells by sheet; a replaced or dropped sheet invalidates it (Excel rebuilds it)
  if ((e.replacedAny || e.droppedSheets.size) && e.pkg) {
    for (const r of e.pkg.rels) {
      if (r.kind === 'calcChain') {
        e.relsToDrop.add(r.id);
        e.removed.add(r.path.toLowerCase());
      }
    }
  }
}

/**
 * A shared-strings table for the texts that repeat in our large sheets (sst.ts), when the base
 * has none of its own (its sheets' indices into it stay valid only if it is copied as it is, so
 * then every text of ours stays inline).
 */
function planSharedStrings(e: Omit<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'>): void {
  if (e.pkg?.sharedStringsPath) return;
  let any = false;
  for (const p of e.plans) {
    const rows = p.spec.rows ?? [];
    if (rows.length <= SHARE_FROM_ROWS) continue;
    let width = 0;
    for (const r of rows) if (r && r.length > width) width = r.length;
    const share = sharedColumns(rows, Math.min(width, MAX_COLS));
    if (share.some(Boolean)) {
      p.share = share;
      any = true;
    }
  }
  if (!any) return;
  let path = 'xl/sharedStrings.xml';
  for (let n = 2; e.partNames.has(path.toLowerCase()); n++) path = `xl/sharedStrings${n}.xml`;
  e.partNames.add(path.toLowerCase());
  e.sst = new SharedStrings();
  e.sstPath = path;
  e.newRels.push({ id: freshRid(e), type: `${e.relNs}/sharedStrings`, target: relativeTarget(e.workbookPath, path) });
  e.newOverrides.push({ part: path, type: CT_SHARED_STRINGS });
}

/** xl/sharedStrings.xml: each string as a cell's inline text would be written (escaped, spaces kept). */
function writeSharedStringsXml(sst: SharedStrings, nsMain: string, sink: EntrySink): void {
  const text = new Utf8Chunks(sink);
  text.add(`${XML_DECL}<sst xmlns="${nsMain}" count="${sst.refs}" uniqueCount="${sst.size}">`);
  for (const v of sst.strings) {
    const ws = v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32;
    text.add(ws ? `<si><t xml:space="preserve">${escapeCellText(v)}</t></si>` : `<si><t>${escapeCellText(v)}</t></si>`);
  }
  text.add('</sst>');
  text.end();
}

/** The base's styles part (or a fresh one), to which our sheets add their styles. */
function openStyles(
  e: Omit<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'>,
): Pick<Edit, 'stylesPath' | 'stylesDoc' | 'baseStyles' | 'styleBook'> {
  let stylesPath = e.pkg?.stylesPath ?? null;
  const baseStyles = !!stylesPath;
  let stylesDoc: Document;
  if (stylesPath) stylesDoc = readXmlPart(e.zip!, e.zip!.get(stylesPath)!).doc;
  else {
    stylesPath = 'xl/styles.xml';
    if (e.partNames.has(stylesPath)) stylesPath = 'xl/styles_bdhvs.xml';
    stylesDoc = parseXml(freshStyles(), stylesPath);
    e.newRels.push({ id: freshRid(e), type: `${e.relNs}/styles`, target: relativeTarget(e.workbookPath, stylesPath) });
    e.newOverrides.push({ part: stylesPath, type: CT_STYLES });
  }
  return { stylesPath, stylesDoc, baseStyles, styleBook: new StyleBook(stylesDoc, stylesPath) };
}

/** workbook.xml: defined names (of dropped sheets, moved positions, our autofilters), the active tab. */
function editWorkbook(e: Edit): void {
  const { wbRoot, wbDoc, droppedSheets, baseSheets, newIndex, visibleAfter } = e;
  const droppedNames = [...droppedSheets].map((i) => baseSheets[i].name);
  let definedNames = child(wbRoot, MAIN_NS, 'definedNames');
  if (definedNames) {
    let emptied = false;
    for (const d of children(definedNames, MAIN_NS, 'definedName')) {
      const ls = d.getAttribute('localSheetId');
      const local = ls === null || ls === '' ? NaN : Number(ls);
      const isFilter = (d.getAttribute('name') ?? '').toLowerCase() === '_xlnm._filterdatabase';
      const text = d.textContent ?? '';
      if ((isFilter && e.dropLocalFilter.has(local)) || droppedSheets.has(local) || droppedNames.some((n) => refersToSheet(text, n))) {
        removeElement(d);
        e.dirty.workbook = true;
        emptied = true;
      } else if (Number.isInteger(local) && local >= 0 && local < newIndex.length && newIndex[local] !== local) {
        d.setAttribute('localSheetId', String(newIndex[local]));
        e.dirty.workbook = true;
      }
    }
    // an empty <definedNames/> we emptied goes (one the base had is left as it was)
    if (emptied && elementChildren(definedNames).length === 0) {
      removeElement(definedNames);
      definedNames = null;
      e.dirty.workbook = true;
    }
  }
  // autofilter names
  const filters: Element[] = [];
  const scope = definedNames ?? wbRoot;
  for (const p of e.plans) {
    const rows = p.spec.rows ?? [];
    let width = 0;
    for (const r of rows) if (r && r.length > width) width = r.length;
    if (!p.spec.autoFilter || width === 0) continue;
    const fr = Math.max(0, Math.floor(p.spec.frozenRows ?? 0));
    const hr = fr > 0 ? fr : 1;
    const last = Math.max(rows.length, hr);
    const d = createIn(scope, 'definedName');
    d.setAttribute('name', '_xlnm._FilterDatabase');
    d.setAttribute('localSheetId', String(p.index));
    d.setAttribute('hidden', '1');
    d.appendChild(wbDoc.createTextNode(`${quoteSheet(p.spec.name)}!$A$${hr}:$${columnName(width - 1)}$${last}`));
    filters.push(d);
  }
  if (filters.length) {
    if (!definedNames) {
      // CT_Workbook order: … sheets, functionGroups, externalReferences, definedNames, calcPr, …
      const after = new Set([
        'calcPr',
        'oleSize',
        'customWorkbookViews',
        'pivotCaches',
        'smartTagPr',
        'smartTagTypes',
        'webPublishing',
        'fileRecoveryPr',
        'webPublishObjects',
        'extLst',
      ]);
      definedNames = createIn(wbRoot, 'definedNames');
      wbRoot.insertBefore(definedNames, elementChildren(wbRoot).find((x) => after.has(x.localName ?? '')) ?? null);
    }
    for (const d of filters) definedNames.appendChild(d);
    e.dirty.workbook = true;
  }
  // the active tab and the first visible tab must be visible sheets
  const bookViews = child(wbRoot, MAIN_NS, 'bookViews');
  const view = bookViews ? child(bookViews, MAIN_NS, 'workbookView') : null;
  if (view) {
    const firstVisible = visibleAfter.findIndex(Boolean);
    const fix = (attr: string, always: boolean) => {
      const raw = view.getAttribute(attr);
      if (raw === null && !always) return;
      const old = Number(raw ?? 0);
      let now = Number.isInteger(old) && old >= 0 && old < newIndex.length ? newIndex[old] : old;
      if (!(now >= 0 && visibleAfter[now])) now = firstVisible;
      if (raw === null ? now !== 0 : String(now) !== raw) {
        view.setAttribute(attr, String(now));
        e.dirty.workbook = true;
      }
    };
    fix('activeTab', true);
    fix('firstSheet', false);
  }
}

/** The workbook's relationships: the dropped ones go, ours come. */
function editRels(e: Edit): void {
  for (const r of children(e.relsRoot, [NS_PKG_REL], 'Relationship')) {
    if (e.relsToDrop.has(r.getAttribute('Id') ?? '')) {
      removeElement(r);
      e.dirty.rels = true;
    }
  }
  for (const n of e.newRels) {
    const r = createIn(e.relsRoot, 'Relationship');
    r.setAttribute('Id', n.id);
    r.setAttribute('Type', n.type);
    r.setAttribute('Target', n.target);
    e.relsRoot.appendChild(r);
    e.dirty.rels = true;
  }
}

/** Content types: overrides of dropped parts go, ours come; the workbook is an .xlsx workbook. */
function editContentTypes(e: Edit): void {
  const { ctRoot, zip, removed, newOverrides, workbookPath } = e;
  const CT = [NS_CONTENT_TYPES];
  let workbookOverride = false;
  const overridden = new Set<string>();
  for (const o of children(ctRoot, CT, 'Override')) {
    const part = (o.getAttribute('PartName') ?? '').replace(/^\//, '').toLowerCase();
    if (removed.has(part)) {
      removeElement(o);
      e.dirty.contentTypes = true;
      continue;
    }
    overridden.add(part);
    if (part === workbookPath.toLowerCase()) {
      workbookOverride = true;
      if (o.getAttribute('ContentType') !== CT_WORKBOOK) {
        o.setAttribute('ContentType', CT_WORKBOOK); // .xlsm, .xltx, .xltm → .xlsx
        e.dirty.contentTypes = true;
      }
    }
  }
  const ext = (p: string) =>
    p
      .slice(p.lastIndexOf('/') + 1)
      .split('.')
      .pop()!
      .toLowerCase();
  const outParts = [
    ...(zip?.entries ?? []).map((x) => x.name.replace(/^\//, '').toLowerCase()).filter((p) => !removed.has(p)),
    ...newOverrides.map((o) => o.part.toLowerCase()),
  ];
  for (const d of children(ctRoot, CT, 'Default')) {
    const x = (d.getAttribute('Extension') ?? '').toLowerCase();
    if (MACRO_CONTENT_TYPES.has(d.getAttribute('ContentType') ?? '') && !outParts.some((p) => ext(p) === x && !overridden.has(p))) {
      removeElement(d);
      e.dirty.contentTypes = true;
    }
  }
  if (!workbookOverride) {
    const def = children(ctRoot, CT, 'Default').find((d) => (d.getAttribute('Extension') ?? '').toLowerCase() === ext(workbookPath));
    if (def?.getAttribute('ContentType') !== CT_WORKBOOK) newOverrides.push({ part: workbookPath, type: CT_WORKBOOK });
  }
  for (const n of newOverrides) {
    const o = createIn(ctRoot, 'Override');
    o.setAttribute('PartName', `/${n.part}`);
    o.setAttribute('ContentType', n.type);
    ctRoot.appendChild(o);
    e.dirty.contentTypes = true;
  }
}

/** The zip: edited parts serialised anew, unchanged ones copied as they are, our sheets written, styles last. */
function writeZip(e: Edit, level: NonNullable<WorkbookSpec['level']>): Uint8Array[] {
  const { zip, workbookPath, relsPath, stylesPath, styleBook, plans } = e;
  const out = new ZipWriter(level);
  const planByPath = new Map(plans.map((p) => [p.path.toLowerCase(), p]));
  const firstTab = e.baseSheets.length === 0;
  const writeSheet = (p: Plan, name: string) =>
    writeSheetXml(
      p.spec,
      {
        styles: styleBook,
        date1904: e.date1904,
        tabSelected: firstTab && p.index === 0,
        formulas: p.formulas,
        nsMain: e.strict ? NS_MAIN_STRICT : NS_MAIN,
        nsRel: e.relNs,
        sst: p.share ? e.sst : null,
        share: p.share,
      },
      out.stream(name),
    );
  const special = new Set(['[content_types].xml', workbookPath.toLowerCase(), relsPath.toLowerCase(), stylesPath.toLowerCase()]);
  // an edited (or new) part is serialised anew; an unchanged one is copied as it is
  const addOrCopy = (path: string, doc: Document, changed: boolean) => {
    const x = zip?.get(path);
    if (x && !changed) out.copy(zip!, x);
    else out.add(x ? x.name.replace(/^\//, '') : path, serializeXml(doc));
  };
  addOrCopy('[Content_Types].xml', e.ctDoc, e.dirty.contentTypes);
  if (!zip) out.add('_rels/.rels', e.fresh.rootRelsXml);
  addOrCopy(workbookPath, e.wbDoc, e.dirty.workbook);
  addOrCopy(relsPath, e.relsDoc, e.dirty.rels);
  const written = new Set<string>();
  if (zip) {
    for (const x of zip.entries) {
      const key = x.name.replace(/^\//, '').toLowerCase();
      if (special.has(key) || e.removed.has(key) || written.has(key)) continue;
      written.add(key);
      const p = planByPath.get(key);
      if (p) writeSheet(p, x.name.replace(/^\//, ''));
      else out.copy(zip, x);
    }
  }
  for (const p of plans) if (!written.has(p.path.toLowerCase())) writeSheet(p, p.path);
  // the shared strings after the sheets that filled the table
  if (e.sst && e.sstPath) writeSharedStringsXml(e.sst, e.strict ? NS_MAIN_STRICT : NS_MAIN, out.stream(e.sstPath));
  // styles last: the sheets above added their styles to it
  const stylesChanged = styleBook.changed;
  if (stylesChanged) styleBook.finish();
  addOrCopy(stylesPath, e.stylesDoc, stylesChanged || !e.baseStyles);
  return out.finishParts();
}

export function writeXlsxParts(spec: WorkbookSpec): Uint8Array[] {
  const sheets = planSheets(spec);
  const opened = openEdit(spec);
  dropMacros(opened, new Set(sheets.map((s) => s.spec.name.toLowerCase())));
  placeSheets(opened, sheets);
  planSharedStrings(opened);
  const e: Edit = { ...opened, ...openStyles(opened) };
  editWorkbook(e);
  editRels(e);
  editContentTypes(e);
  return writeZip(e, spec.level ?? 3);
}
