/**
 * Strict, independent checks of an .xlsx package (not our reader): every XML part parsed by
 * xmldom set to throw on warnings too, every prefixed name bound, workbook relationship ids that
 * resolve to parts, and a content type for every part (none macro-enabled).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';

export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_S = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
export const NS_SR = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const NS_PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const NS_CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
export const CT_WORKBOOK = `${CT}.sheet.main+xml`;

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Parses with xmldom set to throw on anything (warnings too) and checks every prefixed name is bound. */
export function strictParse(name: string, text: string) {
  const doc = new DOMParser({
    onError: (level, msg) => {
      throw new Error(`${name}: ${level}: ${msg}`);
    },
  }).parseFromString(text, 'text/xml');
  const unbound: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.nodeName.includes(':') && !el.namespaceURI) unbound.push(el.nodeName);
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i)!;
        if (a.name.includes(':') && a.namespaceURI !== XMLNS && !a.namespaceURI) unbound.push(`@${a.name}`);
      }
    }
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(doc);
  expect([name, unbound]).toEqual([name, []]);
  return doc;
}

export const localChildren = (el: Node, local: string) => {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === local) out.push(c as Element);
  return out;
};

/** Every XML part well-formed and namespace-correct; workbook r:ids resolve; every part has a content type. */
export function checkPackage(out: Uint8Array) {
  const files = unzipSync(out);
  const docs: Record<string, ReturnType<typeof strictParse>> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.(xml|rels)$/i.test(name)) docs[name] = strictParse(name, strFromU8(bytes));
  // content types
  const types = docs['[Content_Types].xml'].documentElement!;
  expect(types.namespaceURI).toBe(NS_CT);
  const defaults = new Map(localChildren(types, 'Default').map((d) => [d.getAttribute('Extension')!.toLowerCase(), d.getAttribute('ContentType')!]));
  const overrides = new Map(
    localChildren(types, 'Override').map((o) => [o.getAttribute('PartName')!.replace(/^\//, '').toLowerCase(), o.getAttribute('ContentType')!]),
  );
  for (const name of Object.keys(files)) {
    if (name === '[Content_Types].xml') continue;
    const type = overrides.get(name.toLowerCase()) ?? defaults.get(name.split('.').pop()!.toLowerCase());
    expect([name, type !== undefined]).toEqual([name, true]);
    expect([name, type]).not.toEqual([name, expect.stringMatching(/macroEnabled|vbaProject|macrosheet/)]);
  }
  for (const part of overrides.keys()) expect([part, Object.keys(files).some((n) => n.toLowerCase() === part)]).toEqual([part, true]);
  expect(overrides.get('xl/workbook.xml')).toBe(CT_WORKBOOK);
  // workbook relationships
  const relsRoot = docs['xl/_rels/workbook.xml.rels'].documentElement!;
  const relIds = new Map(localChildren(relsRoot, 'Relationship').map((r) => [r.getAttribute('Id')!, r.getAttribute('Target')!]));
  expect(relIds.size).toBe(localChildren(relsRoot, 'Relationship').length); // unique ids
  for (const [id, target] of relIds) {
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    expect([id, files[path] !== undefined]).toEqual([id, true]);
  }
  const wb = docs['xl/workbook.xml'].documentElement!;
  const sheets = localChildren(localChildren(wb, 'sheets')[0], 'sheet');
  for (const s of sheets) {
    const rid = s.getAttributeNS(NS_R, 'id') || s.getAttributeNS(NS_SR, 'id');
    expect([s.getAttribute('name'), relIds.has(rid ?? '')]).toEqual([s.getAttribute('name'), true]);
    expect(s.namespaceURI).toBe(wb.namespaceURI);
  }
  return { files, docs, sheets: sheets.map((s) => s.getAttribute('name')) };
}

/** LibreOffice (Debian's libreoffice-calc-nogui) is installed: the tests that open our files in it run. */
export const HAS_SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * LibreOffice converts each .xlsx file to one UTF-8 CSV per sheet in `dir` (`<name>-<sheet>.csv`),
 * with a profile of its own in `dir`; returns soffice's exit status (0: converted).
 */
export function sofficeToCsv(dir: string, files: string[], timeout = 170_000): number | null {
  const r = spawnSync(
    'soffice',
    [
      '--headless',
      '-env:UserInstallation=file://' + join(dir, 'profile'),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      dir,
      ...files,
    ],
    { encoding: 'utf8', timeout },
  );
  return r.status;
}
