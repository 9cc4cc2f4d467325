/**
 * The import boundaries of README "Folders", enforced by `npm run lint` (eslint.config.mjs,
 * `layers`): other layers reach the core only through src/core/index.ts, the core imports no
 * adapter, no demo and no Node built-in, the adapters do not import each other; the demo province
 * (src/demo) is pure and only the command line and the scripts import it, through
 * src/demo/index.ts; tests may import anything.
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
      ['src/cli/probe.ts', "import { consolidate } from '../core/consolidate';", ERROR],
      ['src/cli/probe.ts', "import { consolidate } from '../core/index';", ERROR],
      ['scripts/probe.ts', "import { consolidate } from '../src/core/consolidate';", ERROR],
      ['scripts/probe.ts', "import { consolidate } from '../src/core';", []],
      ['src/gas/probe.ts', "import { handleEdit } from './edit';", []],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });

  it('the core imports its own files and zod, never an adapter or a Node built-in', () => {
    const cases: [string, string, string[]][] = [
      ['src/core/probe.ts', "import { matchKey } from './text';", []],
      ['src/core/sendlog/probe.ts', "import { SHEET } from '../schema';", []],
      ['src/core/probe.ts', "import * as z from 'zod/mini';", []],
      ['src/core/probe.ts', "import { readFileSync } from 'node:fs';", ERROR],
      ['src/core/probe.ts', "import { readFileSync } from 'fs';", ERROR],
      ['src/core/probe.ts', "import { join } from 'path/posix';", ERROR],
      ['src/core/probe.ts', "import { now } from '../gas/env';", ERROR],
      ['src/core/sendlog/probe.ts', "import { main } from '../../cli/main';", ERROR],
      ['src/core/probe.ts', "import { generateProvince } from '../demo';", ERROR],
      ['src/core/sendlog/probe.ts', "import { Rng } from '../../demo/generator/prng';", ERROR],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });

  it('the demo province is pure and reaches the core through its index; the command line and the scripts import it through its index, the add-on never', () => {
    const cases: [string, string, string[]][] = [
      ['src/demo/probe.ts', "import { SHEET, type Cell } from '../core';", []],
      ['src/demo/generator/probe.ts', "import { SHEET } from '../../core';", []],
      ['src/demo/generator/probe.ts', "import { Rng } from './prng';", []],
      ['src/demo/probe.ts', "import { SHEET } from '../core/schema';", ERROR],
      ['src/demo/generator/probe.ts', "import type { Cell } from '../../core/types';", ERROR],
      ['src/demo/probe.ts', "import { readFileSync } from 'node:fs';", ERROR],
      ['src/demo/probe.ts', "import { main } from '../cli/main';", ERROR],
      ['src/demo/generator/probe.ts', "import { now } from '../../gas/env';", ERROR],
      ['src/cli/probe.ts', "import { generateProvince, DEMO_TODAY } from '../demo';", []],
      ['src/cli/probe.ts', "import { generateProvince } from '../demo/generator';", ERROR],
      ['src/cli/probe.ts', "import { Rng } from '../demo/generator/prng';", ERROR],
      ['scripts/probe.ts', "import { generateProvince } from '../src/demo';", []],
      ['scripts/probe.ts', "import { generateProvince } from '../src/demo/generator';", ERROR],
      ['src/gas/probe.ts', "import { generateProvince } from '../demo';", ERROR],
      ['src/gas/probe.ts', "import { generateProvince } from '../demo/generator';", ERROR],
      ['test/demo/probe.test.ts', "import { Rng } from '../../src/demo/generator/prng';", []],
    ];
    expect(lint(cases.map(([f, c]) => [f, c]))).toEqual(cases.map(([, , want]) => want));
  });

  it('the dashboard page imports the core through its index only, never an adapter, the demo or Node', () => {
    const cases: [string, string, string[]][] = [
      ['src/page/probe.ts', "import { DASHBOARD, type DashboardView } from '../core';", []],
      ['src/page/probe.ts', "import { DASHBOARD } from '../core/messages';", ERROR],
      ['src/page/probe.ts', "import { dashboardData } from '../gas/dashboard';", ERROR],
      ['src/page/probe.ts', "import { main } from '../cli/main';", ERROR],
      ['src/page/probe.ts', "import { generateProvince } from '../demo';", ERROR],
      ['src/page/probe.ts', "import { readFileSync } from 'node:fs';", ERROR],
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
