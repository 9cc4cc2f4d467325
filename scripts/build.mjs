// Build: the Apps Script bundle (build/Code.js + appsscript.json + html) for the container-bound
// script, the same bundle in build-addon/ with the Editor add-on's manifest, the CLI (build-node/cli.js),
// the bound script's sharing-check variant in build-sharing/ (a Drive scope), and the benchmark (build-node/bench.js); build/, build-addon/ and build-sharing/ hold only what clasp pushes. `node scripts/build.mjs [--gas-only|--cli-only|--bench-only]`.
//
// Two manifests: the bound script keeps `spreadsheets.currentonly` (every execution has its
// spreadsheet); the add-on's time triggers may run without a containing document and open their
// spreadsheet with SpreadsheetApp.openById, which needs `spreadsheets` (docs/sheets-addon.md,
// "Trigger contexts").
//
// Apps Script has no modules: esbuild bundles src/gas/main.ts as an IIFE assigned to one global,
// and a generated footer declares a real top-level `function name() {}` for every export of the
// entry, so Apps Script sees onOpen, onEdit, runConsolidation, … (the list cannot drift: it is
// read from esbuild's metafile).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const outAddon = join(root, 'build-addon');
// Node bundles and build bookkeeping live outside the clasp rootDirs: `clasp push` sends every .js
// file under its rootDir to Apps Script, where a Node bundle's top-level `require` would break
// every function of the project.
const outNode = join(root, 'build-node');
const only = process.argv.find((a) => a.endsWith('-only'));
mkdirSync(out, { recursive: true });
mkdirSync(outNode, { recursive: true });

export const GAS_GLOBAL = '__BDHVS__';
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

/** The add-on's manifest: the bound script's, with `spreadsheets` in place of `spreadsheets.currentonly`. */
export function addonManifest(bound) {
  const m = JSON.parse(JSON.stringify(bound));
  if (!m.oauthScopes.includes(CURRENT_ONLY)) throw new Error(`appsscript.json: ${CURRENT_ONLY} expected`);
  m.oauthScopes = m.oauthScopes.map((s) => (s === CURRENT_ONLY ? SPREADSHEETS : s));
  return m;
}
/**
 * The sharing-check variant's manifest (build-sharing/, docs/sharing-check.md): the bound script's
 * plus appsscript-sharing.json — a Drive scope and the advanced Drive service. Kept out of the
 * default manifests: `drive.metadata.readonly` is a restricted scope.
 */
export function sharingManifest(bound, extra) {
  const m = JSON.parse(JSON.stringify(bound));
  m.oauthScopes = [...m.oauthScopes, ...extra.oauthScopes.filter((s) => !m.oauthScopes.includes(s))];
  m.dependencies = { ...(m.dependencies ?? {}), ...extra.dependencies };
  return m;
}
/** Syntax Apps Script's V8 runtime does not have; the bundle must not contain it. */
const FORBIDDEN = [
  [/\bsetTimeout\s*\(/, 'setTimeout'],
  [/\bnew\s+TextEncoder\b/, 'TextEncoder'],
  [/\bnew\s+TextDecoder\b/, 'TextDecoder'],
  [/\bnew\s+URL\s*\(/, 'URL'],
  [/^\s*(import|export)\s/m, 'ES module syntax'],
  [/\brequire\s*\(\s*["']/, 'require()'],
  [/\.#[A-Za-z_$]/, 'class private fields'],
  [/\bstatic\s+#?[A-Za-z_$][\w$]*\s*[=;]/, 'class static fields'],
];

/**
 * The dashboard page (src/page/): its script bundled for the browser and put into the fixed HTML
 * template, one self-contained document (no external URL). Written as build/dashboard.html: the
 * add-on's HtmlService file `dashboard` (src/gas/dashboard.ts); the command line imports it as the
 * virtual module `bdhvs:dashboard-page` (pagePlugin below; under jest, moduleNameMapper maps that
 * to build/dashboard.html, read as a string by test/helpers/text-transform.js).
 */
export const PAGE_MODULE = 'bdhvs:dashboard-page';
let pageHtml = null;
async function buildPage() {
  if (pageHtml !== null) return pageHtml;
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/page/dashboard.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    minify: true,
    define: { URL: 'undefined' },
    write: false,
    logLevel: 'warning',
  });
  const script = result.outputFiles[0].text.trim();
  // the script sits inside <script>…</script>: nothing in it may end or change that element
  if (/<\/script|<!--|<script/i.test(script)) throw new Error('the dashboard script contains </script, <script or <!--');
  const template = readFileSync(join(root, 'src/page/dashboard.html'), 'utf8');
  const marker = '/*bdhvs:script*/';
  if (template.split(marker).length !== 2) throw new Error(`src/page/dashboard.html: one ${marker} expected`);
  if (/\b(src|href)\s*=|@import|url\(/i.test(template)) throw new Error('src/page/dashboard.html must not load anything (self-contained)');
  pageHtml = template.replace(marker, () => script);
  writeAtomic(join(out, 'dashboard.html'), pageHtml);
  console.log(`build/dashboard.html: ${(pageHtml.length / 1024).toFixed(0)} KB`);
  return pageHtml;
}

/** esbuild: `import PAGE from 'bdhvs:dashboard-page'` → the page as a string. */
const pagePlugin = {
  name: 'dashboard-page',
  setup(build) {
    build.onResolve({ filter: /^bdhvs:dashboard-page$/ }, () => ({ path: 'dashboard-page', namespace: 'bdhvs-page' }));
    build.onLoad({ filter: /.*/, namespace: 'bdhvs-page' }, async () => ({ contents: await buildPage(), loader: 'text' }));
  },
};

/**
 * Write a file by renaming a complete temporary one into place: tests read build/dashboard.html
 * (jest maps the CLI's page module to it) while another test file rebuilds it.
 */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * One Apps Script project folder (a clasp rootDir): the bundle, its manifest, the HTML files, and
 * nothing else (a file left from an earlier build is removed: clasp pushes whatever is there).
 */
function writeProject(dir, manifest, code, page) {
  mkdirSync(dir, { recursive: true });
  const files = new Map([
    ['Code.js', code],
    ['appsscript.json', JSON.stringify(manifest, null, 2) + '\n'],
    ['dashboard.html', page],
  ]);
  for (const f of readdirSync(join(root, 'src/gas'))) if (f.endsWith('.html')) files.set(f, readFileSync(join(root, 'src/gas', f), 'utf8'));
  for (const [name, data] of files) writeAtomic(join(dir, name), data);
  for (const e of readdirSync(dir)) if (!files.has(e)) rmSync(join(dir, e), { recursive: true, force: true });
}

async function buildGas() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GAS_GLOBAL,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    // Apps Script's V8 has no URL global. zod (used by src/core/config.ts) only touches it inside
    // a `typeof URL` guard and a try/catch, for z.url() schemas the core never builds; compiling
    // for a runtime without URL makes that explicit and keeps the FORBIDDEN check below strict.
    define: { URL: 'undefined' },
    write: false,
    metafile: true,
    logLevel: 'warning',
    outfile: join(out, 'Code.js'),
  });
  // esbuild's metafile lists an output's exports only for ESM output, so the entry's export names
  // come from a throwaway ESM build of the same entry (no bundling needed: its own exports).
  const esm = await esbuild.build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: false,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'warning',
    outfile: join(out, 'gas-entry.mjs'),
  });
  const output = Object.values(esm.metafile.outputs)[0];
  const names = output.exports.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)).sort();
  if (names.length === 0) throw new Error('src/gas/main.ts exports no entry points');
  const footer = [
    '',
    '// Apps Script entry points (generated from the exports of src/gas/main.ts).',
    ...names.map((n) => `function ${n}() { return ${GAS_GLOBAL}.${n}.apply(this, arguments); }`),
    '',
  ].join('\n');
  const code = result.outputFiles[0].text + footer;
  for (const [re, what] of FORBIDDEN) {
    if (re.test(code)) throw new Error(`build/Code.js contains ${what}, which Apps Script does not support`);
  }
  const page = await buildPage();
  const bound = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
  // the container-bound script (clasp rootDir build/)
  writeProject(out, bound, code, page);
  writeFileSync(join(outNode, 'gas-exports.json'), JSON.stringify(names, null, 2));
  console.log(`build/Code.js: ${(code.length / 1024).toFixed(0)} KB, entry points: ${names.join(', ')}`);
  // the Editor add-on: the same code, its own manifest (clasp rootDir of the add-on's project)
  writeProject(outAddon, addonManifest(bound), code, page);
  console.log('build-addon/: Code.js and the add-on manifest (scope spreadsheets)');
  // the optional sharing-check variant of the bound script: the same code, a Drive scope
  const extra = JSON.parse(readFileSync(join(root, 'appsscript-sharing.json'), 'utf8'));
  writeProject(join(root, 'build-sharing'), sharingManifest(bound, extra), code, page);
  console.log('build-sharing/: Code.js and the bound manifest with the Drive sharing check (drive.metadata.readonly)');
}

async function buildNode(entry, file) {
  await esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [pagePlugin],
    charset: 'utf8',
    logLevel: 'warning',
    outfile: join(outNode, file),
  });
}

await buildPage();
if (!only || only === '--gas-only') await buildGas();
if ((!only || only === '--cli-only') && existsSync(join(root, 'src/cli/main.ts'))) await buildNode('src/cli/main.ts', 'cli.js');
if (!only || only === '--bench-only') await buildNode('scripts/bench.ts', 'bench.js');
