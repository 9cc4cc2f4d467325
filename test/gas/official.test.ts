/**
 * "Tạo báo cáo gửi UBND tỉnh" in the emulator: the Google Doc it creates is the core's document
 * model for the very workbook the emulator holds (every block, every run's text and emphasis, the
 * page and margins, the font), nothing in the spreadsheet is written, no CCCD reaches the document,
 * and the scope, quota and no-UI failures are told plainly.
 */
import { consolidate, officialDocument, paragraphText, type OfficialDocument } from '../../src/core';
import { GAS, OFFICIAL } from '../../src/core/messages';
import { todayYmd } from '../../src/gas/env';
import { createOfficialReportDoc } from '../../src/gas/main';
import { MENU } from '../../src/gas/menu';
import { DocParagraph, DocTable, DOCUMENT_SCOPE, type DocumentImpl } from '../emulator/document';
import { envSnapshot, gasEnv, inputCells, loadSnapshot, manifestScopes, resetGlobals, type TestEnv } from './helpers';
import { makeProvince } from './province';

afterEach(resetGlobals);

function setup(options: Parameters<typeof gasEnv>[0] = {}): TestEnv {
  const env = gasEnv(options);
  loadSnapshot(env, makeProvince({ learners: 400, units: 15, badEvery: 9 }).snapshot);
  return env;
}

function model(env: TestEnv): OfficialDocument {
  return officialDocument(consolidate(envSnapshot(env), { today: todayYmd() }));
}

const pt = (mm: number) => Math.round((mm * 72 * 100) / 25.4) / 100;

/** Every text of the document, in order (paragraphs and table cells). */
function allText(doc: DocumentImpl): string {
  const out: string[] = [];
  for (const c of doc.body.children) {
    if (c instanceof DocParagraph) out.push(c.plainText());
    else for (const row of c.rows) for (const cell of row) for (const p of cell.paragraphs()) out.push(p.plainText());
  }
  return out.join('\n');
}

test('the menu has the item, bound to a global entry point', () => {
  expect(MENU).toContainEqual([GAS.menu.official, 'createOfficialReportDoc']);
});

test('the Google Doc is the core model of this workbook, block by block; the workbook is not written', () => {
  const env = setup();
  const want = model(env);
  const before = inputCells(env);
  const sheetsBefore = env.spreadsheet.getSheets().length;
  env.counters.reset();
  const r = env.menu(() => createOfficialReportDoc());
  expect(r.message).toBe(OFFICIAL.gas.done(want.title));
  expect(env.docs.documents).toHaveLength(1);
  const doc = env.docs.documents[0];
  expect(doc.name).toBe(want.title);
  expect(doc.closed).toBe(true);
  expect(r.id).toBe(doc.id);
  expect(r.url).toBe(`https://docs.google.com/document/d/${doc.id}/edit`);

  // page: A4 and the decree's margins, in points
  expect(doc.body.page).toEqual({ width: pt(210), height: pt(297), top: pt(20), bottom: pt(20), left: pt(30), right: pt(15) });

  // the blocks: the leading empty paragraph of a new document removed, then one child per block
  const children = doc.body.children;
  expect(children).toHaveLength(want.blocks.length);
  want.blocks.forEach((b, i) => {
    const c = children[i];
    if (b.kind === 'paragraph') {
      expect(c).toBeInstanceOf(DocParagraph);
      const p = c as DocParagraph;
      expect(p.plainText()).toBe(paragraphText(b));
      expect(p.alignment).toBe({ left: 'LEFT', center: 'CENTER', right: 'RIGHT', justify: 'JUSTIFY' }[b.align]);
      expect(p.attrs).toMatchObject({ FONT_FAMILY: 'Times New Roman', FONT_SIZE: b.size });
      const runs = b.runs.filter((x) => x.text);
      expect(p.texts.map((t) => [t.text, t.attrs.BOLD, t.attrs.ITALIC, t.attrs.UNDERLINE])).toEqual(
        runs.map((x) => [x.text, x.bold === true, x.italic === true, x.underline === true]),
      );
    } else {
      expect(c).toBeInstanceOf(DocTable);
      const t = c as DocTable;
      expect(t.borderWidth).toBe(b.borders ? 1 : 0);
      expect(t.rows.map((row) => row.map((cell) => cell.paragraphs().map((p) => p.plainText())))).toEqual(
        b.rows.map((row) => row.map((cell) => cell.map(paragraphText))),
      );
      expect(t.columnWidths.reduce((a: number, w) => a + (w ?? 0), 0)).toBeCloseTo(pt(165), 0);
    }
  });
  // the figures: the indicator table of the doc holds the report's numerators as formatted by the core
  const text = allText(doc);
  expect(text).toContain(OFFICIAL.nationalName);
  expect(text).toContain(OFFICIAL.addressee('Chủ tịch UBND tỉnh'));

  // nothing in the spreadsheet changed; one document created; a dialog with the link
  expect(inputCells(env)).toEqual(before);
  expect(env.spreadsheet.getSheets().length).toBe(sheetsBefore);
  expect(env.counters.calls['DocumentApp.create']).toBe(1);
  expect(env.counters.calls['Range.setValues'] ?? 0).toBe(0);
  expect(env.ui.dialogs).toHaveLength(1);
  expect(env.ui.dialogs[0].title).toBe(OFFICIAL.gas.title);
  expect(env.ui.dialogs[0].html).toContain(r.url);
});

test('no CCCD reaches the document: not the workbook’s, not any 12-digit number', () => {
  const env = setup();
  const cccds = new Set<string>();
  for (const s of envSnapshot(env).sheets) for (const row of s.values) for (const v of row) if (typeof v === 'string' && /^\d{12}$/.test(v)) cccds.add(v);
  expect(cccds.size).toBeGreaterThan(100);
  env.menu(() => createOfficialReportDoc());
  const text = allText(env.docs.documents[0]);
  expect(text).not.toMatch(/\d{12}/);
  expect(text).not.toMatch(/\d{3}\*+\d{2}/); // not even masked
  for (const c of cccds) expect(text).not.toContain(c);
});

test('without the documents scope the menu fails with the permission message and creates nothing', () => {
  const env = setup({ oauthScopes: manifestScopes('bound').filter((s) => s !== DOCUMENT_SCOPE) });
  const r = env.menu(() => createOfficialReportDoc());
  expect(r.status).toBe('failed');
  expect(r.message).toBe(GAS.failed(`You do not have permission to call DocumentApp.create. Required permissions: ${DOCUMENT_SCOPE}`));
  expect(env.docs.documents).toHaveLength(0);
  expect(env.ui.alerts.map((a) => a.prompt)).toEqual([r.message]);
});

test('the manifests list the documents scope (DocumentApp.create needs it)', () => {
  expect(manifestScopes('bound')).toContain(DOCUMENT_SCOPE);
  expect(manifestScopes('addon')).toContain(DOCUMENT_SCOPE);
});

test('the daily quota of documents spent: told, nothing half made', () => {
  const env = setup({ docsQuota: 0 });
  const r = env.menu(() => createOfficialReportDoc());
  expect(r.status).toBe('failed');
  expect(r.message).toContain('Service invoked too many times for one day');
  expect(env.docs.documents).toHaveLength(0);
});

test('outside a menu (no user interface) it does nothing but log why', () => {
  const env = setup();
  const r = env.run('time-trigger', () => createOfficialReportDoc());
  expect(r).toEqual({ status: 'failed', message: OFFICIAL.gas.noUi });
  expect(env.docs.documents).toHaveLength(0);
});
