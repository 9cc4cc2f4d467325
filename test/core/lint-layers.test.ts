/**
 * The import boundaries of README "Folders", enforced by `npm run lint` (eslint.config.mjs,
 * `layers`): other layers reach the core only through src/core/index.ts, the core imports no
 * adapter and no Node built-in, the adapters do not import each other; tests may import anything.
 * Checked by linting small files (in memory) with the real `layers` config, in a child Node
 * process (eslint.config.mjs is an ES module).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

const LINT = `
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { pathToFileURL } from 'node:url';
const { layers } = await import(pathToFileURL(process.cwd() + '/eslint.config.mjs').href);
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layers],
});
const out = [];
for (const [filePath, code] of JSON.parse(process.env.CASES)) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push(result.messages.map((m) => (m.fatal ? 'fatal: ' + m.message : m.ruleId + ':' + m.severity)));
}
console.log(JSON.stringify(out));
`;

/** For each [file, code]: the rules it breaks ("rule:2" is an error). */
function lint(cases: [string, string][]): string[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT], {
    cwd: ROOT,
    env: { ...process.env, CASES: JSON.stringify(cases) },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const ERROR = ['no-restricted-imports:2'];

describe('layer boundaries (eslint.config.mjs)', () => {
  it('adapters and scripts import the core through its index only', () => {
    const cases: [string, string, string[]][] = [
      ['src/gas/probe.ts', "import { GAS } from '../core/messages';", ERROR],
      ['src/gas/probe.ts', "import { GAS, type Cell } from '../core';", []],
      ['src/gas/probe.ts', "export { matchKey } from '../core/text';", ERROR],
      ['src/cli/probe.ts', "import type { Cell } from '../core/types';", ERROR],
      ['src/cli/xlsx/probe.ts', "import type { Cell } from '../../core/types';", ERROR],
      ['src/cli/xlsx/probe.ts', "import type { Cell } from '../../core';", []],
      ['src/cli/probe.ts', "import { generateProvince } from '../core/generator';", ERROR],
      ['src/cli/probe.ts', "import { generateProvince } from '../core/index';", ERROR],
      ['scripts/probe.ts', "import { consolidate } from '../src/core/consolidate';", ERROR],
      ['scripts/probe.ts', "import { consolidate } from '../src/core';", []],
      ['src/gas/probe.ts', "import { handleEdit } from './edit';", []],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });

  it('the core imports its own files and zod, never an adapter or a Node built-in', () => {
    const cases: [string, string, string[]][] = [
      ['src/core/probe.ts', "import { matchKey } from './text';", []],
      ['src/core/generator/probe.ts', "import { SHEET } from '../schema';", []],
      ['src/core/probe.ts', "import * as z from 'zod/mini';", []],
      ['src/core/probe.ts', "import { readFileSync } from 'node:fs';", ERROR],
      ['src/core/probe.ts', "import { readFileSync } from 'fs';", ERROR],
      ['src/core/probe.ts', "import { join } from 'path/posix';", ERROR],
      ['src/core/probe.ts', "import { now } from '../gas/env';", ERROR],
      ['src/core/generator/probe.ts', "import { main } from '../../cli/main';", ERROR],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });

  it('the adapters do not import each other; Node stays out of src/gas; tests import anything', () => {
    const cases: [string, string, string[]][] = [
      ['src/gas/probe.ts', "import { main } from '../cli/main';", ERROR],
      ['src/gas/probe.ts', "import { join } from 'node:path';", ERROR],
      ['src/cli/probe.ts', "import { now } from '../gas/env';", ERROR],
      ['src/cli/probe.ts', "import { join } from 'node:path';", []],
      ['test/core/probe.test.ts', "import { parseCccd } from '../../src/core/cccd';\nimport { now } from '../../src/gas/env';", []],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });
});
