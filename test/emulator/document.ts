/**
 * DocumentApp: the part of the Document service the official report uses, strict about argument
 * types and enum values, counting every call through the environment's gate (authorization mode,
 * the manifest's scopes, the execution time limit). The documents are kept in memory for the tests
 * to read back (`env.docs`).
 *
 * Reference pages (developers.google.com/apps-script/reference/document/…):
 * - document-app: `create(name)` "Creates and returns a new document"; authorization: only
 *   https://www.googleapis.com/auth/documents (neither drive.file nor documents.currentonly).
 * - document: getId, getName, getUrl, getBody, saveAndClose ("A closed Document can't be
 *   edited": any later call but the document's getters fails).
 * - body: appendParagraph(text), appendTable(cells: String[][]), getChild(childIndex),
 *   getNumChildren, setMarginTop/Bottom/Left/Right(points), setPageWidth/Height(points).
 * - paragraph: appendText(text) → Text, setAlignment(HorizontalAlignment), setAttributes(attributes),
 *   removeFromParent ("the last paragraph of a document section" cannot be removed).
 * - text: setAttributes(attributes).
 * - table: getCell(rowIndex, cellIndex), getNumRows, setBorderWidth(width), setColumnWidth(columnIndex, width).
 * - table-cell: getChild(childIndex), appendParagraph(text), getNumChildren,
 *   setVerticalAlignment(VerticalAlignment), setPaddingTop/Bottom/Left/Right(points).
 * - attribute, horizontal-alignment, vertical-alignment: the enums; an attributes object maps
 *   Attribute values to their values (BOLD: boolean, FONT_SIZE: number, FONT_FAMILY: string, …).
 * Quota ("Quotas for Google Services", developers.google.com/apps-script/guides/services/quotas):
 * Docs created 250 a day (consumer account), modelled as a rolling 24 h window.
 */
import { Ctx, fail, typeName } from './core';

export const DOCUMENT_SCOPE = 'https://www.googleapis.com/auth/documents';
const DAY_MS = 24 * 3600_000;

export const Attribute = {
  BACKGROUND_COLOR: 'BACKGROUND_COLOR',
  BOLD: 'BOLD',
  BORDER_WIDTH: 'BORDER_WIDTH',
  FONT_FAMILY: 'FONT_FAMILY',
  FONT_SIZE: 'FONT_SIZE',
  FOREGROUND_COLOR: 'FOREGROUND_COLOR',
  HORIZONTAL_ALIGNMENT: 'HORIZONTAL_ALIGNMENT',
  INDENT_FIRST_LINE: 'INDENT_FIRST_LINE',
  INDENT_START: 'INDENT_START',
  ITALIC: 'ITALIC',
  LINE_SPACING: 'LINE_SPACING',
  SPACING_AFTER: 'SPACING_AFTER',
  SPACING_BEFORE: 'SPACING_BEFORE',
  STRIKETHROUGH: 'STRIKETHROUGH',
  UNDERLINE: 'UNDERLINE',
} as const;
export const HorizontalAlignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT', JUSTIFY: 'JUSTIFY' } as const;
export const VerticalAlignment = { BOTTOM: 'BOTTOM', CENTER: 'CENTER', TOP: 'TOP' } as const;

type AttributeName = keyof typeof Attribute;
type Attrs = Partial<Record<AttributeName, unknown>>;

/** The value type of each attribute (the attribute page's table). */
const ATTRIBUTE_TYPE: Record<AttributeName, 'boolean' | 'number' | 'string' | 'alignment'> = {
  BACKGROUND_COLOR: 'string',
  BOLD: 'boolean',
  BORDER_WIDTH: 'number',
  FONT_FAMILY: 'string',
  FONT_SIZE: 'number',
  FOREGROUND_COLOR: 'string',
  HORIZONTAL_ALIGNMENT: 'alignment',
  INDENT_FIRST_LINE: 'number',
  INDENT_START: 'number',
  ITALIC: 'boolean',
  LINE_SPACING: 'number',
  SPACING_AFTER: 'number',
  SPACING_BEFORE: 'number',
  STRIKETHROUGH: 'boolean',
  UNDERLINE: 'boolean',
};

function invalid(method: string, value: unknown): never {
  return fail(`Invalid argument: ${method} got ${typeName(value)}`);
}

function checkString(method: string, v: unknown): string {
  return typeof v === 'string' ? v : invalid(method, v);
}

function checkNumber(method: string, v: unknown, min = 0): number {
  return typeof v === 'number' && isFinite(v) && v >= min ? v : invalid(method, v);
}

function checkAttrs(method: string, attrs: unknown): Attrs {
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) invalid(method, attrs);
  const out: Attrs = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (!(k in ATTRIBUTE_TYPE)) fail(`Invalid argument: ${method}: unknown attribute ${k}`);
    const t = ATTRIBUTE_TYPE[k as AttributeName];
    const ok = t === 'alignment' ? Object.values(HorizontalAlignment).includes(v as never) : typeof v === t && (t !== 'number' || isFinite(v as number));
    if (!ok) fail(`Invalid argument: ${method}: ${k} got ${typeName(v)}`);
    out[k as AttributeName] = v;
  }
  return out;
}

export class DocText {
  attrs: Attrs = {};
  constructor(
    private readonly doc: DocumentImpl,
    public text: string,
  ) {}
  setAttributes(attributes: unknown): this {
    this.doc.gate('Text.setAttributes');
    Object.assign(this.attrs, checkAttrs('Text.setAttributes', attributes));
    return this;
  }
  getText(): string {
    this.doc.gate('Text.getText');
    return this.text;
  }
}

export class DocParagraph {
  readonly type = 'PARAGRAPH';
  alignment: string | null = null;
  attrs: Attrs = {};
  readonly texts: DocText[] = [];
  constructor(
    private readonly doc: DocumentImpl,
    public parent: DocContainer,
    text: string,
  ) {
    if (text) this.texts.push(new DocText(doc, text));
  }
  appendText(text: unknown): DocText {
    this.doc.gate('Paragraph.appendText');
    const t = new DocText(this.doc, checkString('Paragraph.appendText', text));
    this.texts.push(t);
    return t;
  }
  setAlignment(alignment: unknown): this {
    this.doc.gate('Paragraph.setAlignment');
    if (!Object.values(HorizontalAlignment).includes(alignment as never)) invalid('Paragraph.setAlignment', alignment);
    this.alignment = alignment as string;
    return this;
  }
  setAttributes(attributes: unknown): this {
    this.doc.gate('Paragraph.setAttributes');
    Object.assign(this.attrs, checkAttrs('Paragraph.setAttributes', attributes));
    return this;
  }
  getText(): string {
    this.doc.gate('Paragraph.getText');
    return this.plainText();
  }
  getType(): string {
    this.doc.gate('Paragraph.getType');
    return this.type;
  }
  asParagraph(): this {
    this.doc.gate('Paragraph.asParagraph');
    return this;
  }
  asTable(): never {
    this.doc.gate('Paragraph.asTable');
    return fail('Element is a PARAGRAPH, not a TABLE.');
  }
  removeFromParent(): this {
    this.doc.gate('Paragraph.removeFromParent');
    const siblings = this.parent.children;
    const paragraphs = siblings.filter((c) => c instanceof DocParagraph);
    if (paragraphs.length === 1 && paragraphs[0] === this) fail("Can't remove the last paragraph in a document section.");
    siblings.splice(siblings.indexOf(this), 1);
    return this;
  }
  /** Not counted (tests). */
  plainText(): string {
    return this.texts.map((t) => t.text).join('');
  }
}

export class DocCell {
  readonly children: DocChild[] = [];
  verticalAlignment: string | null = null;
  padding: Partial<Record<'top' | 'bottom' | 'left' | 'right', number>> = {};
  constructor(
    private readonly doc: DocumentImpl,
    text: string,
  ) {
    this.children.push(new DocParagraph(doc, this, text));
  }
  getChild(index: unknown): DocChild {
    this.doc.gate('TableCell.getChild');
    return childAt(this.children, index);
  }
  getNumChildren(): number {
    this.doc.gate('TableCell.getNumChildren');
    return this.children.length;
  }
  appendParagraph(text: unknown): DocParagraph {
    this.doc.gate('TableCell.appendParagraph');
    const p = new DocParagraph(this.doc, this, checkString('TableCell.appendParagraph', text));
    this.children.push(p);
    return p;
  }
  setVerticalAlignment(alignment: unknown): this {
    this.doc.gate('TableCell.setVerticalAlignment');
    if (!Object.values(VerticalAlignment).includes(alignment as never)) invalid('TableCell.setVerticalAlignment', alignment);
    this.verticalAlignment = alignment as string;
    return this;
  }
  private pad(side: 'top' | 'bottom' | 'left' | 'right', v: unknown, method: string): this {
    this.doc.gate(method);
    this.padding[side] = checkNumber(method, v);
    return this;
  }
  setPaddingTop(v: unknown): this {
    return this.pad('top', v, 'TableCell.setPaddingTop');
  }
  setPaddingBottom(v: unknown): this {
    return this.pad('bottom', v, 'TableCell.setPaddingBottom');
  }
  setPaddingLeft(v: unknown): this {
    return this.pad('left', v, 'TableCell.setPaddingLeft');
  }
  setPaddingRight(v: unknown): this {
    return this.pad('right', v, 'TableCell.setPaddingRight');
  }
  /** Not counted (tests). */
  paragraphs(): DocParagraph[] {
    return this.children.filter((c): c is DocParagraph => c instanceof DocParagraph);
  }
}

export class DocTable {
  readonly type = 'TABLE';
  borderWidth: number | null = null;
  readonly columnWidths: (number | null)[];
  readonly rows: DocCell[][];
  constructor(
    private readonly doc: DocumentImpl,
    cells: string[][],
  ) {
    this.rows = cells.map((r) => r.map((t) => new DocCell(doc, t)));
    this.columnWidths = new Array<number | null>(cells[0]?.length ?? 0).fill(null);
  }
  getCell(row: unknown, cell: unknown): DocCell {
    this.doc.gate('Table.getCell');
    if (typeof row !== 'number' || !Number.isInteger(row) || row < 0 || row >= this.rows.length)
      fail(`Index (${String(row)}) must be less than the number of child elements (${String(this.rows.length)}).`);
    const r = this.rows[row];
    if (typeof cell !== 'number' || !Number.isInteger(cell) || cell < 0 || cell >= r.length)
      fail(`Index (${String(cell)}) must be less than the number of child elements (${String(r.length)}).`);
    return r[cell];
  }
  getNumRows(): number {
    this.doc.gate('Table.getNumRows');
    return this.rows.length;
  }
  setBorderWidth(width: unknown): this {
    this.doc.gate('Table.setBorderWidth');
    this.borderWidth = checkNumber('Table.setBorderWidth', width);
    return this;
  }
  setColumnWidth(index: unknown, width: unknown): this {
    this.doc.gate('Table.setColumnWidth');
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= this.columnWidths.length) return invalid('Table.setColumnWidth', index);
    this.columnWidths[index] = checkNumber('Table.setColumnWidth', width, 1);
    return this;
  }
  getType(): string {
    this.doc.gate('Table.getType');
    return this.type;
  }
  asTable(): this {
    this.doc.gate('Table.asTable');
    return this;
  }
  /** An element is cast to what it is only (getChild returns an Element; asParagraph of a table fails). */
  asParagraph(): never {
    this.doc.gate('Table.asParagraph');
    return fail('Element is a TABLE, not a PARAGRAPH.');
  }
}

type DocChild = DocParagraph | DocTable;
interface DocContainer {
  children: DocChild[];
}

function childAt(children: DocChild[], index: unknown): DocChild {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= children.length)
    return fail(`Index (${String(index)}) must be less than the number of child elements (${String(children.length)}).`);
  return children[index];
}

export class DocBody implements DocContainer {
  readonly children: DocChild[] = [];
  readonly page: Partial<Record<'width' | 'height' | 'top' | 'bottom' | 'left' | 'right', number>> = {};
  constructor(private readonly doc: DocumentImpl) {
    // a new document holds one empty paragraph
    this.children.push(new DocParagraph(doc, this, ''));
  }
  appendParagraph(text: unknown): DocParagraph {
    this.doc.gate('Body.appendParagraph');
    const p = new DocParagraph(this.doc, this, checkString('Body.appendParagraph', text));
    this.children.push(p);
    return p;
  }
  appendTable(cells: unknown): DocTable {
    this.doc.gate('Body.appendTable');
    if (!Array.isArray(cells) || cells.length === 0 || !cells.every((r) => Array.isArray(r) && r.length > 0 && r.every((c) => typeof c === 'string')))
      invalid('Body.appendTable', cells);
    const width = (cells as string[][])[0].length;
    if ((cells as string[][]).some((r) => r.length !== width)) fail('All rows in a table must have the same number of cells.');
    const t = new DocTable(this.doc, cells as string[][]);
    this.children.push(t);
    return t;
  }
  getChild(index: unknown): DocChild {
    this.doc.gate('Body.getChild');
    return childAt(this.children, index);
  }
  getNumChildren(): number {
    this.doc.gate('Body.getNumChildren');
    return this.children.length;
  }
  private set(key: 'width' | 'height' | 'top' | 'bottom' | 'left' | 'right', v: unknown, method: string): this {
    this.doc.gate(method);
    this.page[key] = checkNumber(method, v);
    return this;
  }
  setPageWidth(v: unknown): this {
    return this.set('width', v, 'Body.setPageWidth');
  }
  setPageHeight(v: unknown): this {
    return this.set('height', v, 'Body.setPageHeight');
  }
  setMarginTop(v: unknown): this {
    return this.set('top', v, 'Body.setMarginTop');
  }
  setMarginBottom(v: unknown): this {
    return this.set('bottom', v, 'Body.setMarginBottom');
  }
  setMarginLeft(v: unknown): this {
    return this.set('left', v, 'Body.setMarginLeft');
  }
  setMarginRight(v: unknown): this {
    return this.set('right', v, 'Body.setMarginRight');
  }
}

export class DocumentImpl {
  readonly body: DocBody;
  closed = false;
  constructor(
    private readonly ctx: Ctx,
    readonly id: string,
    readonly name: string,
    readonly owner: string,
  ) {
    this.body = new DocBody(this);
  }
  /**
   * Every call on the document or its elements: counted, gated; refused once saved and closed
   * ("A closed Document can't be edited. Use DocumentApp.openById() to reopen", document page),
   * except the document's own getters.
   */
  gate(name: string, read = false): void {
    this.ctx.call(name, 'docs');
    if (this.closed && !read) fail('Document is closed, its contents cannot be updated.');
  }
  getId(): string {
    this.gate('Document.getId', true);
    return this.id;
  }
  getName(): string {
    this.gate('Document.getName', true);
    return this.name;
  }
  getUrl(): string {
    this.gate('Document.getUrl', true);
    return `https://docs.google.com/document/d/${this.id}/edit`;
  }
  getBody(): DocBody {
    this.gate('Document.getBody');
    return this.body;
  }
  saveAndClose(): void {
    this.gate('Document.saveAndClose');
    this.closed = true;
  }
}

/** What the tests read: every document created, and the creations for the daily quota. */
export class DocStore {
  readonly documents: DocumentImpl[] = [];
  readonly created: number[] = [];
  constructor(public dailyQuota = 250) {}
}

export class DocumentAppService {
  readonly Attribute = Attribute;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly VerticalAlignment = VerticalAlignment;
  constructor(
    private readonly ctx: Ctx,
    private readonly store: DocStore,
    private readonly user: () => string,
    private readonly nextId: () => string,
  ) {}
  create(name: unknown): DocumentImpl {
    this.ctx.call('DocumentApp.create', 'docs', 400);
    const title = checkString('DocumentApp.create', name);
    if (!title.trim()) fail('Invalid argument: name');
    const now = this.ctx.clock.nowMs();
    if (this.store.created.filter((t) => t > now - DAY_MS).length >= this.store.dailyQuota) fail('Service invoked too many times for one day: docs create.');
    this.store.created.push(now);
    const doc = new DocumentImpl(this.ctx, this.nextId(), title, this.user());
    this.store.documents.push(doc);
    return doc;
  }
}
