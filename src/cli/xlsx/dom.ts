/**
 * The small parts of a package (workbook, relationships, content types, styles) as a
 * namespace-aware DOM (@xmldom/xmldom): parsed with every error mapped to XlsxError('CORRUPT')
 * naming the part, elements matched by namespace URI + local name (never by prefix), new
 * elements created in the namespace of the element they go into, and serialised back with the
 * original prolog (XML declaration) kept. The big parts (worksheets, shared strings) never come
 * here: read.ts scans them as bytes.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { XLSX } from '../../core';
import { XlsxError } from './errors';
import { decodeUtf8, type ZipEntry, type ZipReader } from './zip';

export type { Document, Element } from '@xmldom/xmldom';

/** SpreadsheetML main namespaces: transitional and strict (ISO 29500). */
export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_MAIN_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
export const MAIN_NS = [NS_MAIN, NS_MAIN_STRICT] as const;
/** Office document relationships (r:id attributes, relationship types): transitional and strict. */
export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const REL_NS = [NS_REL, NS_REL_STRICT] as const;
/** Package (OPC) namespaces: the same in strict and transitional packages. */
export const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const NS_CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const NS_XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Largest small part we parse into a DOM (uncompressed bytes); beyond: TOO_LARGE. */
export const MAX_SMALL_PART_BYTES = 64 * 1048576;

const ELEMENT_NODE = 1;

/** Parses a small part; any XML error (well-formedness, unbound prefix, unknown entity) is CORRUPT. */
export function parseXml(text: string, part: string): Document {
  const fail = (msg: string): never => {
    throw new XlsxError('CORRUPT', XLSX.dom.notXml(part, msg.split('\n')[0].slice(0, 200)));
  };
  let first: string | null = null;
  const parser = new DOMParser({
    onError: (level, msg) => {
      if (level === 'warning') return;
      first ??= msg;
      throw new Error(msg); // stops the parser at the first error (xmldom wraps it in a ParseError)
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    return fail(first ?? (e instanceof Error ? e.message : String(e)));
  }
  if (!doc.documentElement) fail(XLSX.dom.noRoot);
  return doc;
}

/** Reads and parses a small part (size-checked before inflating). */
export function readXmlPart(zip: ZipReader, entry: ZipEntry): { text: string; doc: Document } {
  const text = decodeUtf8(zip.read(entry, MAX_SMALL_PART_BYTES));
  return { text, doc: parseXml(text, entry.name) };
}

/** The document as text: its prolog (XML declaration, comments) as parsed, then the root. */
export function serializeXml(doc: Document): string {
  return new XMLSerializer().serializeToString(doc);
}

const matches = (n: Node, nss: readonly string[], local: string): n is Element =>
  n.nodeType === ELEMENT_NODE && (n as Element).localName === local && nss.includes((n as Element).namespaceURI ?? '');

/** Element children of `parent` with this local name in one of these namespaces, in order. */
export function children(parent: Node, nss: readonly string[], local: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (matches(n, nss, local)) out.push(n);
  return out;
}

export function child(parent: Node, nss: readonly string[], local: string): Element | null {
  for (let n = parent.firstChild; n; n = n.nextSibling) if (matches(n, nss, local)) return n;
  return null;
}

/** Element children of any name. */
export function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** The root element when it is `local` in one of `nss`, else null. */
export function rootOf(doc: Document, nss: readonly string[], local: string): Element | null {
  const r = doc.documentElement;
  return r && matches(r, nss, local) ? r : null;
}

/** The value of an attribute in one of these namespaces (e.g. r:id under any prefix), or null. */
export function attrNS(el: Element, nss: readonly string[], local: string): string | null {
  for (const ns of nss) if (el.hasAttributeNS(ns, local)) return el.getAttributeNS(ns, local);
  return null;
}

/** A new element in the namespace (and with the prefix) of `parent`, so the name is bound where it goes. */
export function createIn(parent: Element, local: string): Element {
  const doc = parent.ownerDocument!;
  return doc.createElementNS(parent.namespaceURI, parent.prefix ? `${parent.prefix}:${local}` : local);
}

/**
 * Sets an attribute in namespace `ns` on `el` (which is already in the tree, or whose future
 * parent is `scope`): with a prefix bound to `ns` where it is, or else declaring `preferred` (or
 * a free variant of it) on the element itself.
 */
export function setAttrNS(el: Element, scope: Element, ns: string, local: string, value: string, preferred: string): void {
  let prefix = scope.lookupPrefix(ns);
  if (prefix && scope.lookupNamespaceURI(prefix) !== ns) prefix = null;
  if (!prefix) {
    prefix = preferred;
    for (let i = 1; scope.lookupNamespaceURI(prefix) !== null; i++) prefix = `${preferred}${i}`;
    el.setAttributeNS(NS_XMLNS, `xmlns:${prefix}`, ns);
  }
  el.setAttributeNS(ns, `${prefix}:${local}`, value);
}

/** Removes an element, and the whitespace-only text just before it (pretty-printed parts stay tidy). */
export function removeElement(el: Element): void {
  const prev = el.previousSibling;
  if (prev && prev.nodeType === 3 && /^\s*$/.test(prev.nodeValue ?? '')) prev.parentNode?.removeChild(prev);
  el.parentNode?.removeChild(el);
}
