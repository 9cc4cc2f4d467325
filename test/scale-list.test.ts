/**
 * `npm run test:scale` names its files: every test file with scale cases (it imports
 * test/helpers/scale.ts) must be on the list, or its scale cases would never run anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'fixtures' ? [] : testFiles(p);
    return d.name.endsWith('.test.ts') ? [relative(root, p)] : [];
  });
}

test('test:scale runs every test file that has scale cases, and only existing files', () => {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['test:scale'];
  const listed = script.split(/\s+/).filter((w) => w.endsWith('.test.ts'));
  const all = testFiles(join(root, 'test'));
  const withScale = all.filter((f) => /from '[./]*\/helpers\/scale'/.test(readFileSync(join(root, f), 'utf8')));
  expect(listed.filter((f) => !all.includes(f))).toEqual([]);
  expect(withScale.filter((f) => !listed.includes(f))).toEqual([]);
});
