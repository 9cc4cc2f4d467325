/**
 * src/core stays pure: no Node or Apps Script APIs (DESIGN.md, "one pure core"). So does src/demo
 * (the synthetic province), which the command line bundles and the tests run beside the core.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const ALLOWED_PACKAGES = new Set(['zod/mini']);
const FORBIDDEN_GLOBALS = [
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'ScriptApp',
  'MailApp',
  'GmailApp',
  'Session',
  'Utilities',
  'HtmlService',
  'UrlFetchApp',
  'Logger',
  'process',
  'Buffer',
  'require',
  '__dirname',
  'setTimeout',
  'setInterval',
  'TextEncoder',
  'TextDecoder',
  'Intl',
  'console',
];

describe.each([
  ['core', 10],
  ['demo', 5],
])('src/%s is pure', (folder, atLeast) => {
  const root = join(SRC, folder);
  const list = files(root);
  it('has files', () => expect(list.length).toBeGreaterThan(atLeast));
  for (const file of list) {
    const rel = file.slice(root.length + 1);
    const src = readFileSync(file, 'utf8');
    // strip comments and string literals before looking for identifiers
    const code = src
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, '""');
    it(`${rel} imports only core modules and allowed packages`, () => {
      const specs = [...src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const s of specs) {
        if (s.startsWith('.')) continue;
        expect({ file: rel, import: s, allowed: ALLOWED_PACKAGES.has(s) }).toEqual({ file: rel, import: s, allowed: true });
      }
      expect(src).not.toMatch(/\bimport\s*\(/);
    });
    it(`${rel} uses no Apps Script or Node globals`, () => {
      for (const g of FORBIDDEN_GLOBALS) {
        const re = new RegExp(`(?<![\\w.$])${g}\\b(?!\\s*:)`);
        expect({ file: rel, global: g, used: re.test(code) }).toEqual({ file: rel, global: g, used: false });
      }
    });
  }
});
