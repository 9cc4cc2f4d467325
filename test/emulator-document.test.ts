/**
 * The emulator's DocumentApp (test/emulator/document.ts) is as strict as its reference pages:
 * wrong argument types, unknown attributes and enum values, ragged tables, out-of-range indexes,
 * removing a section's last paragraph and editing a closed document throw; the scope and the
 * authorization mode are enforced; every call is counted.
 */
import { createGasEnvironment } from './emulator';
import { DOCUMENT_SCOPE } from './emulator/document';

function env(options: Parameters<typeof createGasEnvironment>[0] = {}) {
  return createGasEnvironment({ firstSheet: null, ...options });
}

test('create, write and read back; every call counted', () => {
  const e = env();
  const D = e.globals.DocumentApp;
  e.run('menu', () => {
    const doc = D.create('Báo cáo');
    const body = doc.getBody();
    body.setMarginTop(56.69).setMarginLeft(85.04);
    const p = body.appendParagraph('');
    p.setAlignment(D.HorizontalAlignment.CENTER).setAttributes({ [D.Attribute.FONT_SIZE]: 14, [D.Attribute.FONT_FAMILY]: 'Times New Roman' });
    p.appendText('BÁO CÁO').setAttributes({ [D.Attribute.BOLD]: true });
    const t = body.appendTable([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    t.setBorderWidth(0).setColumnWidth(1, 100);
    t.getCell(1, 1).appendParagraph('e');
    body.getChild(0).asParagraph().removeFromParent();
    doc.saveAndClose();
    expect(doc.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
  });
  const doc = e.docs.documents[0];
  expect(doc.body.page).toEqual({ top: 56.69, left: 85.04 });
  expect(doc.body.children).toHaveLength(2);
  expect(e.counters.calls['DocumentApp.create']).toBe(1);
  expect(e.counters.calls['Paragraph.appendText']).toBe(1);
  expect(e.counters.calls['Text.setAttributes']).toBe(1);
  expect(e.counters.calls['Table.getCell']).toBe(1);
});

test('wrong types, unknown attributes and enum values, ragged tables and bad indexes throw', () => {
  const e = env();
  const D = e.globals.DocumentApp;
  e.run('menu', () => {
    const body = D.create('x').getBody();
    const p = body.appendParagraph('');
    expect(() => p.appendText(5)).toThrow(/Invalid argument/);
    expect(() => p.setAttributes({ BOLD: 'yes' })).toThrow(/BOLD/);
    expect(() => p.setAttributes({ FONT_SIZE: Number.NaN })).toThrow(/FONT_SIZE/);
    expect(() => p.setAttributes({ SIZE: 12 })).toThrow(/unknown attribute SIZE/);
    expect(() => p.setAlignment('MIDDLE')).toThrow(/Invalid argument/);
    expect(() => body.appendTable([['a', 'b'], ['c']])).toThrow(/same number of cells/);
    expect(() => body.appendTable([[1, 2]])).toThrow(/Invalid argument/);
    const t = body.appendTable([['a']]);
    expect(() => t.getCell(1, 0)).toThrow(/Index \(1\)/);
    expect(() => t.setColumnWidth(1, 10)).toThrow(/Invalid argument/);
    expect(() => body.setMarginTop(-1)).toThrow(/Invalid argument/);
    expect(() => body.getChild(9)).toThrow(/Index \(9\)/);
  });
});

test('the last paragraph of a section cannot be removed; a closed document cannot be edited', () => {
  const e = env();
  const D = e.globals.DocumentApp;
  e.run('menu', () => {
    const doc = D.create('x');
    const body = doc.getBody();
    expect(() => body.getChild(0).asParagraph().removeFromParent()).toThrow("Can't remove the last paragraph in a document section.");
    doc.saveAndClose();
    expect(() => body.appendParagraph('a')).toThrow(/Document is closed/);
    expect(doc.getName()).toBe('x');
  });
});

test('the documents scope, the authorization mode and the daily quota', () => {
  const noScope = env({ oauthScopes: ['https://www.googleapis.com/auth/drive.file'] });
  expect(() => noScope.run('menu', () => noScope.globals.DocumentApp.create('x'))).toThrow(`Required permissions: ${DOCUMENT_SCOPE}`);
  const limited = env();
  expect(() => limited.run('simple-trigger', () => limited.globals.DocumentApp.create('x'))).toThrow(/You do not have permission to call DocumentApp.create/);
  const quota = env({ docsQuota: 2 });
  quota.run('menu', () => {
    quota.globals.DocumentApp.create('a');
    quota.globals.DocumentApp.create('b');
    expect(() => quota.globals.DocumentApp.create('c')).toThrow(/too many times for one day/);
  });
  quota.clock.advance(24 * 3600_000 + 1);
  expect(() => quota.run('menu', () => quota.globals.DocumentApp.create('d'))).not.toThrow();
  expect(quota.docs.documents.map((d) => d.name)).toEqual(['a', 'b', 'd']);
});
