/**
 * .xlsx writer working at the zip/XML-part level: a base workbook's parts are copied into the
 * output as they are (raw compressed bytes, not even re-deflated), and our sheets are added as
 * new worksheet parts; only [Content_Types].xml, the workbook part, its relationships and
 * styles.xml are edited (styles only appended to, so existing style indices stay valid).
 * Without a base, a complete minimal workbook is written from scratch.
 *
 * Worksheet XML is generated in string chunks of ~1 M characters, UTF-8 encoded and deflated as
 * it goes: no whole-sheet string is ever built.
 */
import type { Cell } from '../../core/types';
import { dateToSerial, hasTimeOfDay } from './dates';
import { XlsxError } from './errors';
import { openPackage, relsPathOf, type Package, type PackageSheet } from './read';
import { blankComments, columnName, escapeAttr, escapeCellText, escapeText, prefixOf, rootPrefix, tags } from './xml';
import { ZipReader, ZipWriter, type EntrySink } from './zip';

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

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_MAIN_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_TEXT = 32_767;

// ---------------------------------------------------------------- validation of names

export function checkSheetName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'tên trang trống';
  if (name.length > 31) return `tên trang “${name}” dài quá 31 ký tự`;
  if (/[[\]:*?/\\]/.test(name)) return `tên trang “${name}” chứa ký tự không được phép ([ ] : * ? / \\)`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return `tên trang “${name}” chứa ký tự điều khiển`;
  if (name.startsWith("'") || name.endsWith("'")) return `tên trang “${name}” không được bắt đầu hay kết thúc bằng dấu nháy đơn`;
  if (name.toLowerCase() === 'history') return 'tên trang “History” bị Excel dành riêng';
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

interface Section {
  /** Start tag (or self-closing tag) span, closing tag start; null when absent. */
  open: { start: number; end: number; selfClosing: boolean } | null;
  close: number;
  count: number;
}

const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

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

/** Appends our fonts, fills, borders, number formats and cell formats to an existing styles.xml. */
class StyleBook {
  private readonly p: string;
  private readonly sections = new Map<string, Section>();
  private readonly font0: string;
  private readonly baseNumFmtIds = new Set<number>();
  private nextNumFmt: number;
  private readonly hasStyleXfs: boolean;
  private readonly add = { numFmts: [] as string[], fonts: [] as string[], fills: [] as string[], borders: [] as string[], cellXfs: [] as string[] };
  private readonly fontIdx = new Map<string, number>();
  private readonly fillIdx = new Map<string, number>();
  private borderIdx = -1;
  private readonly fmtIdx = new Map<FmtKind, number>();
  private readonly xfIdx = new Map<string, number>();

  constructor(private readonly xml: string) {
    const x = blankComments(xml);
    this.p = rootPrefix(xml);
    let depth = 0;
    let current: string | null = null;
    let font0 = '';
    let fontStart = -1;
    const wanted = new Set(STYLE_ORDER);
    const childOf: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', cellStyleXfs: 'xf' };
    for (const t of tags(x)) {
      if (!current) {
        if (wanted.has(t.local) && !t.closing && depth === 1) {
          const s: Section = { open: { start: t.start, end: t.end, selfClosing: t.selfClosing }, close: t.selfClosing ? t.start : -1, count: 0 };
          this.sections.set(t.local, s);
          if (!t.selfClosing) current = t.local;
          continue;
        }
        if (!t.closing && !t.selfClosing) depth++;
        else if (t.closing) depth--;
        continue;
      }
      // inside a section
      if (t.closing && t.local === current) {
        this.sections.get(current)!.close = t.start;
        current = null;
        continue;
      }
      if (!t.closing && t.local === childOf[current]) {
        const s = this.sections.get(current)!;
        if (current === 'numFmts') this.baseNumFmtIds.add(Number(t.attrs.numFmtId));
        if (current === 'fonts' && s.count === 0) {
          if (t.selfClosing) font0 = xml.slice(t.start, t.end);
          else fontStart = t.start;
        }
        s.count++;
      } else if (current === 'fonts' && t.closing && t.local === 'font' && fontStart >= 0 && !font0) {
        font0 = xml.slice(fontStart, t.end);
      }
    }
    this.font0 = font0 || `<${this.p}font><${this.p}sz val="11"/><${this.p}name val="Calibri"/></${this.p}font>`;
    this.nextNumFmt = Math.max(163, ...this.baseNumFmtIds) + 1;
    this.hasStyleXfs = (this.sections.get('cellStyleXfs')?.count ?? 0) > 0;
  }

  private count(name: 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs'): number {
    return (this.sections.get(name)?.count ?? 0) + this.add[name].length;
  }

  private font(bold: boolean, fontColor: string | undefined): number {
    if (!bold && !fontColor) return 0;
    const key = `${bold ? 1 : 0}${fontColor ?? ''}`;
    let i = this.fontIdx.get(key);
    if (i !== undefined) return i;
    const p = this.p;
    const open = this.font0.match(/^<[^>]*?>/)![0];
    let inner = open.endsWith('/>') ? '' : this.font0.slice(open.length, this.font0.lastIndexOf('<'));
    inner = inner.replace(new RegExp(`<${p}b(\\s[^>]*)?/>|<${p}b(\\s[^>]*)?>\\s*</${p}b>`, 'g'), '');
    if (fontColor) inner = inner.replace(new RegExp(`<${p}color\\b[^>]*?/>|<${p}color\\b[^>]*>[\\s\\S]*?</${p}color>`, 'g'), '');
    const xml = `<${p}font>${bold ? `<${p}b/>` : ''}${inner}${fontColor ? `<${p}color rgb="${color(fontColor)}"/>` : ''}</${p}font>`;
    i = this.count('fonts');
    this.add.fonts.push(xml);
    this.fontIdx.set(key, i);
    return i;
  }

  private fill(c: string | undefined): number {
    if (!c) return 0;
    const rgb = color(c);
    let i = this.fillIdx.get(rgb);
    if (i !== undefined) return i;
    const p = this.p;
    i = this.count('fills');
    this.add.fills.push(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
    this.fillIdx.set(rgb, i);
    return i;
  }

  private border(on: boolean): number {
    if (!on) return 0;
    if (this.borderIdx >= 0) return this.borderIdx;
    const p = this.p;
    const side = (s: string) => `<${p}${s} style="thin"><${p}color indexed="64"/></${p}${s}>`;
    this.borderIdx = this.count('borders');
    this.add.borders.push(`<${p}border>${side('left')}${side('right')}${side('top')}${side('bottom')}<${p}diagonal/></${p}border>`);
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
      this.add.numFmts.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(CUSTOM_CODES[kind])}"/>`);
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
    const align = s.wrap || s.align;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"${this.hasStyleXfs ? ' xfId="0"' : ''}`;
    if (numFmtId) attrs += ' applyNumberFormat="1"';
    if (fontId) attrs += ' applyFont="1"';
    if (fillId) attrs += ' applyFill="1"';
    if (borderId) attrs += ' applyBorder="1"';
    const p = this.p;
    let xml: string;
    if (align) {
      attrs += ' applyAlignment="1"';
      xml = `<${p}xf ${attrs}><${p}alignment${s.align ? ` horizontal="${s.align}"` : ''}${s.wrap ? ' vertical="top" wrapText="1"' : ''}/></${p}xf>`;
    } else xml = `<${p}xf ${attrs}/>`;
    i = this.count('cellXfs');
    this.add.cellXfs.push(xml);
    this.xfIdx.set(key, i);
    return i;
  }

  get changed(): boolean {
    return Object.values(this.add).some((a) => a.length > 0);
  }

  /** styles.xml with our entries appended (counts updated, missing sections created in schema order). */
  finish(): string {
    type Edit = { at: number; del: number; text: string };
    const edits: Edit[] = [];
    const p = this.p;
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs'] as const) {
      const items = this.add[name];
      if (items.length === 0) continue;
      const sec = this.sections.get(name);
      const total = (sec?.count ?? 0) + items.length;
      if (sec && sec.open && !sec.open.selfClosing) {
        const openTag = this.xml.slice(sec.open.start, sec.open.end);
        const newOpen = /\scount\s*=\s*["'][^"']*["']/.test(openTag) ? openTag.replace(/(\scount\s*=\s*)["'][^"']*["']/, `$1"${total}"`) : openTag.replace(/^(<[^\s/>]+)/, `$1 count="${total}"`);
        edits.push({ at: sec.open.start, del: sec.open.end - sec.open.start, text: newOpen });
        edits.push({ at: sec.close, del: 0, text: items.join('') });
      } else {
        const el = `<${p}${name} count="${total}">${items.join('')}</${p}${name}>`;
        if (sec && sec.open) {
          edits.push({ at: sec.open.start, del: sec.open.end - sec.open.start, text: el });
        } else {
          // insert before the first later section present, else before </styleSheet>
          const later = STYLE_ORDER.slice(STYLE_ORDER.indexOf(name) + 1)
            .map((n) => this.sections.get(n)?.open?.start)
            .filter((x): x is number => x !== undefined);
          const at = later.length ? Math.min(...later) : this.xml.lastIndexOf('</');
          edits.push({ at, del: 0, text: el });
        }
      }
    }
    edits.sort((a, b) => b.at - a.at || b.del - a.del);
    let out = this.xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.del);
    return out;
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

  private flush(): void {
    if (this.used === 0) return;
    this.sink.push(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  end(): void {
    this.flush();
    this.sink.end();
  }
}

/** Width as stored in the file for a width in characters (Calibri 11: 7 px digits, 5 px padding). */
function storedWidth(chars: number): number {
  return Math.trunc(((chars * 7 + 5) / 7) * 256) / 256;
}

function writeSheetXml(spec: SheetSpec, ctx: SheetContext, sink: EntrySink): void {
  const rows = spec.rows ?? [];
  if (rows.length > MAX_ROWS) throw new XlsxError('TOO_LARGE', `trang “${spec.name}” có ${rows.length} dòng, quá giới hạn ${MAX_ROWS} dòng của Excel`);
  let width = 0;
  for (const r of rows) if (r && r.length > width) width = r.length;
  if (width > MAX_COLS) throw new XlsxError('TOO_LARGE', `trang “${spec.name}” có ${width} cột, quá giới hạn ${MAX_COLS} cột của Excel`);
  const cols: string[] = [];
  for (let c = 0; c < Math.max(width, 1); c++) cols.push(columnName(c));
  const colName = (c: number) => cols[c] ?? columnName(c);

  const { styles, date1904 } = ctx;
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
    text.add(`<pane${fc > 0 ? ` xSplit="${fc}"` : ''}${fr > 0 ? ` ySplit="${fr}"` : ''} topLeftCell="${tl}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/>`);
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
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    const rn = String(r + 1);
    let out = '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const st = styleFn ? styleFn(r, c, v) : undefined;
      const isText = textCols.size > 0 && textCols.has(c);
      if (typeof v === 'string' && v !== '') {
        const xf = st || isText ? styleIndex(st, isText ? 3 : 0) : 0;
        let s = v.length > MAX_TEXT ? capText(v) : v;
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
      text.add(typeof ht === 'number' && ht > 0 && Number.isFinite(ht) ? `<row r="${rn}" ht="${ht}" customHeight="1">${out}</row>` : `<row r="${rn}">${out}</row>`);
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
      text.add(`<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${cn}${a}:${cn}${b}"><formula1>${escapeText(f)}</formula1></dataValidation>`);
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

function insertBefore(xml: string, at: number, text: string): string {
  return xml.slice(0, at) + text + xml.slice(at);
}

/** Writes an .xlsx: the base's parts kept, our sheets added or replacing same-named ones. */
export function writeXlsx(spec: WorkbookSpec): Uint8Array {
  // ---- validate names
  const names = new Set<string>();
  for (const s of spec.sheets) {
    const bad = checkSheetName(s.name);
    if (bad) throw new XlsxError('BAD_SHEET_NAME', bad);
    const k = s.name.toLowerCase();
    if (names.has(k) || k === LIST_SHEET_NAME.toLowerCase()) throw new XlsxError('BAD_SHEET_NAME', `tên trang “${s.name}” bị trùng`);
    names.add(k);
  }
  const lists = planLists(spec.sheets);
  const sheets: { spec: SheetSpec; formulas: string[] }[] = spec.sheets.map((s, i) => ({ spec: s, formulas: lists.formulas[i] }));
  if (lists.sheet) sheets.push({ spec: lists.sheet, formulas: [] });

  const pkg: Package | null = spec.base ? openPackage(spec.base) : null;
  const zip: ZipReader | null = pkg ? pkg.zip : null;
  const fresh = freshPackageXml();
  const workbookPath = pkg ? pkg.workbookPath : 'xl/workbook.xml';
  const relsPath = pkg ? pkg.relsPath : 'xl/_rels/workbook.xml.rels';
  let workbookXml = pkg ? pkg.workbookXml : fresh.workbookXml;
  let relsXml = pkg && pkg.relsXml ? pkg.relsXml : fresh.relsXml;
  const ctPart = zip?.get('[Content_Types].xml');
  if (pkg && !ctPart) throw new XlsxError('NOT_XLSX', 'thiếu [Content_Types].xml');
  const originalCt = ctPart ? zip!.text(ctPart) : fresh.contentTypesXml;
  let contentTypesXml = originalCt;
  const date1904 = pkg ? pkg.date1904 : false;
  const baseSheets: PackageSheet[] = pkg ? pkg.sheets : [];
  const wbBlank = blankComments(workbookXml);
  const wbPrefix = rootPrefix(workbookXml);
  const strict = /purl\.oclc\.org\/ooxml\/spreadsheetml/.test(workbookXml.slice(0, 2000));
  const relNs = strict ? NS_REL_STRICT : NS_REL;
  const rPrefix = prefixOf(workbookXml, [NS_REL, NS_REL_STRICT]);
  const ridAttr = (rid: string) => (rPrefix ? `${rPrefix}:id="${rid}"` : `xmlns:r="${relNs}" r:id="${rid}"`);

  // existing names: parts, rel ids, sheet ids
  const partNames = new Set<string>((zip?.entries ?? []).map((e) => e.name.toLowerCase()));
  const relIds = new Set<string>(pkg ? pkg.rels.map((r) => r.id) : []);
  let nextRid = 1;
  const freshRid = () => {
    while (relIds.has(`rId${nextRid}`)) nextRid++;
    const id = `rId${nextRid++}`;
    relIds.add(id);
    return id;
  };
  let nextSheetNo = 1;
  const freshSheetPath = () => {
    while (partNames.has(`xl/worksheets/sheet${nextSheetNo}.xml`)) nextSheetNo++;
    const p = `xl/worksheets/sheet${nextSheetNo++}.xml`;
    partNames.add(p);
    return p;
  };
  let maxSheetId = baseSheets.reduce((m, s) => Math.max(m, s.sheetId), 0);

  const removed = new Set<string>(); // part names (lower-case) dropped from the base
  const relsToDrop = new Set<string>(); // relationship ids removed from the workbook rels
  const newRels: string[] = [];
  const newOverrides: string[] = [];
  const elementEdits: { start: number; end: number; text: string }[] = [];
  const appended: string[] = [];
  const plans: Plan[] = [];
  let replacedAny = false;
  const dropLocalFilter = new Set<number>();

  const sheetElement = (name: string, sheetId: number, rid: string, hidden: boolean) =>
    `<${wbPrefix}sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${hidden ? ' state="hidden"' : ''} ${ridAttr(rid)}/>`;

  let position = baseSheets.length;
  const visibleAfter: boolean[] = baseSheets.map((s) => s.state === 'visible');
  for (const s of sheets) {
    const k = s.spec.name.toLowerCase();
    const idx = baseSheets.findIndex((b) => b.name.toLowerCase() === k);
    if (idx >= 0) {
      const b = baseSheets[idx];
      replacedAny = true;
      dropLocalFilter.add(idx);
      let path: string;
      let rid = b.rid;
      if (b.kind === 'worksheet' && b.path) {
        path = b.path;
        removed.add(relsPathOf(path).toLowerCase()); // its drawings, comments, tables are gone with it
      } else {
        if (b.path) {
          removed.add(b.path.toLowerCase());
          removed.add(relsPathOf(b.path).toLowerCase());
        }
        if (b.rid) relsToDrop.add(b.rid);
        path = freshSheetPath();
        rid = freshRid();
        newRels.push(`<Relationship Id="${rid}" Type="${relNs}/worksheet" Target="${escapeAttr(relativeTarget(workbookPath, path))}"/>`);
        newOverrides.push(`<Override PartName="/${escapeAttr(path)}" ContentType="${CT_WORKSHEET}"/>`);
      }
      elementEdits.push({ start: b.element.start, end: b.element.end, text: sheetElement(s.spec.name, b.sheetId || ++maxSheetId, rid, !!s.spec.hidden) });
      visibleAfter[idx] = !s.spec.hidden;
      plans.push({ spec: s.spec, formulas: s.formulas, path, index: idx });
    } else {
      const path = freshSheetPath();
      const rid = freshRid();
      newRels.push(`<Relationship Id="${rid}" Type="${relNs}/worksheet" Target="${escapeAttr(relativeTarget(workbookPath, path))}"/>`);
      newOverrides.push(`<Override PartName="/${escapeAttr(path)}" ContentType="${CT_WORKSHEET}"/>`);
      appended.push(sheetElement(s.spec.name, ++maxSheetId, rid, !!s.spec.hidden));
      visibleAfter.push(!s.spec.hidden);
      plans.push({ spec: s.spec, formulas: s.formulas, path, index: position++ });
    }
  }
  if (!visibleAfter.some(Boolean)) throw new XlsxError('BAD_SHEET_NAME', 'sổ bảng tính phải có ít nhất một trang không ẩn');

  // calcChain lists formula cells by sheet; a replaced sheet invalidates it (Excel rebuilds it)
  if (replacedAny && pkg) {
    for (const r of pkg.rels) {
      if (r.kind === 'calcChain') {
        relsToDrop.add(r.id);
        removed.add(r.path.toLowerCase());
      }
    }
  }

  // ---- styles
  let stylesPath = pkg?.stylesPath ?? null;
  let stylesXml: string;
  if (stylesPath) stylesXml = zip!.text(zip!.get(stylesPath)!);
  else {
    stylesPath = 'xl/styles.xml';
    if (partNames.has(stylesPath)) stylesPath = 'xl/styles_bdhvs.xml';
    stylesXml = freshStyles();
    const rid = freshRid();
    newRels.push(`<Relationship Id="${rid}" Type="${relNs}/styles" Target="${escapeAttr(relativeTarget(workbookPath, stylesPath))}"/>`);
    newOverrides.push(`<Override PartName="/${stylesPath}" ContentType="${CT_STYLES}"/>`);
  }
  const styleBook = new StyleBook(stylesXml);

  // ---- workbook.xml: sheets, defined names, active tab
  {
    // find </sheets> (or a self-closing <sheets/>) before editing
    let sheetsClose = -1;
    let sheetsSelf: { start: number; end: number } | null = null;
    let definedNames: { start: number; end: number; selfClosing: boolean; close: number } | null = null;
    const filterNames: { start: number; end: number; local: number }[] = [];
    let pendingName: { start: number; local: number } | null = null;
    let workbookView: { start: number; end: number; attrs: Record<string, string> } | null = null;
    const afterDefined = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];
    let insertNamesAt = -1;
    let depth = 0;
    for (const t of tags(wbBlank)) {
      if (t.closing) depth--;
      if (depth === 1 || (depth === 0 && t.closing)) {
        if (t.local === 'sheets') {
          if (t.selfClosing) sheetsSelf = { start: t.start, end: t.end };
          else if (t.closing) sheetsClose = t.start;
        } else if (t.local === 'definedNames' && !t.closing) {
          definedNames = { start: t.start, end: t.end, selfClosing: t.selfClosing, close: -1 };
        } else if (t.local === 'definedNames' && t.closing && definedNames) {
          definedNames.close = t.start;
        } else if (!t.closing && insertNamesAt < 0 && afterDefined.includes(t.local)) {
          insertNamesAt = t.start;
        }
      }
      if (t.local === 'definedName' && !t.closing && !t.selfClosing) {
        const name = t.attrs.name ?? '';
        if (name.toLowerCase() === '_xlnm._filterdatabase' && t.attrs.localSheetId !== undefined) pendingName = { start: t.start, local: Number(t.attrs.localSheetId) };
      } else if (t.local === 'definedName' && t.closing && pendingName) {
        filterNames.push({ start: pendingName.start, end: t.end, local: pendingName.local });
        pendingName = null;
      }
      if (t.local === 'workbookView' && !t.closing && !workbookView) workbookView = { start: t.start, end: t.end, attrs: t.attrs };
      if (!t.closing && !t.selfClosing) depth++;
    }
    type Edit = { start: number; end: number; text: string };
    const edits: Edit[] = [...elementEdits];
    for (const f of filterNames) if (dropLocalFilter.has(f.local)) edits.push({ start: f.start, end: f.end, text: '' });
    if (appended.length) {
      if (sheetsClose >= 0) edits.push({ start: sheetsClose, end: sheetsClose, text: appended.join('') });
      else if (sheetsSelf) edits.push({ start: sheetsSelf.start, end: sheetsSelf.end, text: `<${wbPrefix}sheets>${appended.join('')}</${wbPrefix}sheets>` });
      else throw new XlsxError('CORRUPT', 'workbook.xml không có danh sách trang');
    }
    // autofilter names
    const names: string[] = [];
    for (const p of plans) {
      const rows = p.spec.rows ?? [];
      let width = 0;
      for (const r of rows) if (r && r.length > width) width = r.length;
      if (!p.spec.autoFilter || width === 0) continue;
      const fr = Math.max(0, Math.floor(p.spec.frozenRows ?? 0));
      const hr = fr > 0 ? fr : 1;
      const last = Math.max(rows.length, hr);
      names.push(`<${wbPrefix}definedName name="_xlnm._FilterDatabase" localSheetId="${p.index}" hidden="1">${escapeText(`${quoteSheet(p.spec.name)}!$A$${hr}:$${columnName(width - 1)}$${last}`)}</${wbPrefix}definedName>`);
    }
    if (names.length) {
      if (definedNames && !definedNames.selfClosing && definedNames.close >= 0) edits.push({ start: definedNames.close, end: definedNames.close, text: names.join('') });
      else if (definedNames) edits.push({ start: definedNames.start, end: definedNames.end, text: `<${wbPrefix}definedNames>${names.join('')}</${wbPrefix}definedNames>` });
      else {
        const at = insertNamesAt >= 0 ? insertNamesAt : sheetsClose >= 0 ? wbBlank.indexOf('>', sheetsClose) + 1 : wbBlank.lastIndexOf('</');
        edits.push({ start: at, end: at, text: `<${wbPrefix}definedNames>${names.join('')}</${wbPrefix}definedNames>` });
      }
    }
    // the active tab and the first visible tab must be visible sheets
    if (workbookView) {
      const firstVisible = visibleAfter.findIndex(Boolean);
      const a = workbookView.attrs;
      let tag = workbookXml.slice(workbookView.start, workbookView.end);
      const active = Number(a.activeTab ?? 0);
      if (!visibleAfter[active]) tag = a.activeTab !== undefined ? tag.replace(/(\sactiveTab\s*=\s*)["'][^"']*["']/, `$1"${firstVisible}"`) : tag.replace(/^(<[^\s/>]+)/, `$1 activeTab="${firstVisible}"`);
      const first = Number(a.firstSheet ?? 0);
      if (a.firstSheet !== undefined && !visibleAfter[first]) tag = tag.replace(/(\sfirstSheet\s*=\s*)["'][^"']*["']/, `$1"${firstVisible}"`);
      if (tag !== workbookXml.slice(workbookView.start, workbookView.end)) edits.push({ start: workbookView.start, end: workbookView.end, text: tag });
    }
    edits.sort((x, y) => y.start - x.start || y.end - x.end);
    for (const e of edits) workbookXml = workbookXml.slice(0, e.start) + e.text + workbookXml.slice(e.end);
  }

  // ---- workbook rels
  {
    const blank = blankComments(relsXml);
    const drops: { start: number; end: number }[] = [];
    for (const t of tags(blank)) if (t.local === 'Relationship' && !t.closing && relsToDrop.has(t.attrs.Id)) drops.push({ start: t.start, end: t.selfClosing ? t.end : blank.indexOf('>', blank.indexOf('</', t.end)) + 1 });
    drops.sort((a, b) => b.start - a.start);
    for (const d of drops) relsXml = relsXml.slice(0, d.start) + relsXml.slice(d.end);
    const close = relsXml.lastIndexOf('</');
    if (newRels.length) {
      if (/<([\w]+:)?Relationships[^>]*\/>\s*$/.test(relsXml)) relsXml = relsXml.replace(/<(([\w]+:)?Relationships)([^>]*)\/>\s*$/, `<$1$3>${newRels.join('')}</$1>`);
      else relsXml = insertBefore(relsXml, close, newRels.join(''));
    }
  }

  // ---- content types
  {
    const blank = blankComments(contentTypesXml);
    const drops: { start: number; end: number }[] = [];
    for (const t of tags(blank)) {
      if (t.local !== 'Override' || t.closing) continue;
      const part = (t.attrs.PartName ?? '').replace(/^\//, '').toLowerCase();
      if (removed.has(part)) drops.push({ start: t.start, end: t.selfClosing ? t.end : blank.indexOf('>', blank.indexOf('</', t.end)) + 1 });
    }
    drops.sort((a, b) => b.start - a.start);
    for (const d of drops) contentTypesXml = contentTypesXml.slice(0, d.start) + contentTypesXml.slice(d.end);
    if (newOverrides.length) contentTypesXml = insertBefore(contentTypesXml, contentTypesXml.lastIndexOf('</'), newOverrides.join(''));
  }

  // ---- the zip
  const out = new ZipWriter(spec.level ?? 3);
  const planByPath = new Map(plans.map((p) => [p.path.toLowerCase(), p]));
  const firstTab = baseSheets.length === 0;
  const writeSheet = (p: Plan, name: string) =>
    writeSheetXml(p.spec, { styles: styleBook, date1904, tabSelected: firstTab && p.index === 0, formulas: p.formulas, nsMain: strict ? NS_MAIN_STRICT : NS_MAIN, nsRel: relNs }, out.stream(name));
  const special = new Set(['[content_types].xml', workbookPath.toLowerCase(), relsPath.toLowerCase(), stylesPath.toLowerCase()]);
  // an edited part is written anew; an unchanged one is copied as it is
  const addOrCopy = (path: string, text: string, original: string | null) => {
    const e = zip?.get(path);
    if (e && original !== null && text === original) out.copy(zip!, e);
    else out.add(e ? e.name.replace(/^\//, '') : path, text);
  };
  addOrCopy('[Content_Types].xml', contentTypesXml, ctPart ? originalCt : null);
  if (!zip) out.add('_rels/.rels', fresh.rootRelsXml);
  addOrCopy(workbookPath, workbookXml, pkg ? pkg.workbookXml : null);
  addOrCopy(relsPath, relsXml, pkg && pkg.relsXml ? pkg.relsXml : null);
  const written = new Set<string>();
  if (zip) {
    for (const e of zip.entries) {
      const key = e.name.replace(/^\//, '').toLowerCase();
      if (special.has(key) || removed.has(key) || written.has(key)) continue;
      written.add(key);
      const p = planByPath.get(key);
      if (p) writeSheet(p, e.name.replace(/^\//, ''));
      else out.copy(zip, e);
    }
  }
  for (const p of plans) if (!written.has(p.path.toLowerCase())) writeSheet(p, p.path);
  addOrCopy(stylesPath, styleBook.changed ? styleBook.finish() : stylesXml, pkg?.stylesPath ? stylesXml : null);
  return out.finish();
}
