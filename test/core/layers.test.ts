/**
 * Each layer compiles with its own ambient types (src/core/tsconfig.json, src/demo/tsconfig.json,
 * src/gas/tsconfig.json, src/cli/tsconfig.json; README, "Folders"): a core or demo file that
 * touches Node or Apps Script, or an Apps Script file that touches Node, does not compile. Checked here with the TypeScript API on a
 * small file placed (in memory) in each layer's folder, compiled with that layer's real tsconfig.
 */
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');
/** lib and @types files, parsed once for all the compilations below */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** Compiles `code` as if it were the file `<layer>/__layer_probe__.ts`; returns the names it could not find. */
function unknownNames(layer: string, code: string): string[] {
  const configPath = join(ROOT, layer, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`${configPath} could not be read`);
  expect(parsed.errors).toEqual([]);
  const probe = join(ROOT, layer, '__layer_probe__.ts');
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false, incremental: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => {
    if (file === probe) return ts.createSourceFile(file, code, lang);
    if (!parsedFiles.has(file)) parsedFiles.set(file, getSourceFile(file, lang, ...rest));
    return parsedFiles.get(file);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || fileExists(file);
  const program = ts.createProgram({ rootNames: [probe], options, host });
  const diagnostics = [
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getOptionsDiagnostics(),
  ];
  const other = diagnostics.filter((d) => ![2304, 2580, 2584, 2591, 2867, 2868].includes(d.code));
  expect(other.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return diagnostics
    .filter((d) => d.file?.fileName === probe)
    .map((d) => /Cannot find name '([^']+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, '\n'))?.[1] ?? `TS${String(d.code)}`)
    .sort();
}

const NODE = 'export const n = [process.env.X, Buffer.from("a"), require, __dirname];';
const APPS_SCRIPT = 'export const g = [SpreadsheetApp.getActive(), PropertiesService, Utilities, Logger];';
const BROWSER = 'export const b = [console, setTimeout, window, document, new TextEncoder(), fetch];';
const PURE = 'export const p = [Math.max(1, 2), JSON.stringify({}), new Map<string, number>(), Intl.NumberFormat, Object.entries({})];';

describe('each layer compiles with its own globals only', () => {
  it('src/core: ES2020 alone; Node, Apps Script and browser globals do not compile', () => {
    expect(unknownNames('src/core', PURE)).toEqual([]);
    expect(unknownNames('src/core', NODE)).toEqual(['Buffer', '__dirname', 'process', 'require']);
    expect(unknownNames('src/core', APPS_SCRIPT)).toEqual(['Logger', 'PropertiesService', 'SpreadsheetApp', 'Utilities']);
    expect(unknownNames('src/core', BROWSER)).toEqual(['TextEncoder', 'console', 'document', 'fetch', 'setTimeout', 'window']);
  });

  it('src/demo: pure like the core; Node, Apps Script and browser globals do not compile', () => {
    expect(unknownNames('src/demo', PURE)).toEqual([]);
    expect(unknownNames('src/demo', NODE)).toEqual(['Buffer', '__dirname', 'process', 'require']);
    expect(unknownNames('src/demo', APPS_SCRIPT)).toEqual(['Logger', 'PropertiesService', 'SpreadsheetApp', 'Utilities']);
    expect(unknownNames('src/demo', BROWSER)).toEqual(['TextEncoder', 'console', 'document', 'fetch', 'setTimeout', 'window']);
  });

  it('src/gas: Apps Script, no Node', () => {
    expect(unknownNames('src/gas', APPS_SCRIPT)).toEqual([]);
    expect(unknownNames('src/gas', NODE)).toEqual(['Buffer', '__dirname', 'process', 'require']);
  });

  it('src/cli: Node, no Apps Script', () => {
    expect(unknownNames('src/cli', NODE)).toEqual([]);
    expect(unknownNames('src/cli', APPS_SCRIPT)).toEqual(['Logger', 'PropertiesService', 'SpreadsheetApp', 'Utilities']);
  });

  it('src/page: the browser, no Node, no Apps Script', () => {
    expect(unknownNames('src/page', 'export const b = [setTimeout, window, document, fetch];')).toEqual([]);
    expect(unknownNames('src/page', NODE)).toEqual(['Buffer', '__dirname', 'process', 'require']);
    expect(unknownNames('src/page', APPS_SCRIPT)).toEqual(['Logger', 'PropertiesService', 'SpreadsheetApp', 'Utilities']);
  });

  it('the root tsconfig.json builds every layer as its own project', () => {
    const root = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config as { files: string[]; references: { path: string }[] };
    expect(root.files).toEqual([]);
    expect(root.references.map((r) => r.path).sort()).toEqual(['scripts', 'src/cli', 'src/core', 'src/demo', 'src/gas', 'src/page', 'test']);
  });
});
