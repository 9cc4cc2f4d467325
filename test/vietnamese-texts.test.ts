/**
 * Every Vietnamese text a user reads lives in src/core/messages.ts, where it can be reviewed in one
 * file (README, "Texts"). The adapters (src/gas, src/cli) only pass those texts on: this test parses
 * each of their .ts files with the TypeScript compiler and fails, naming file:line, on any string
 * literal, template-literal piece or JSX text that holds a Vietnamese letter (a Latin letter with a
 * Vietnamese diacritic, or đ/Đ) or the typographic quotes “ ” that messages quote user values with.
 * Comments are not literals, so they are not looked at.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const SCANNED = ['src/gas', 'src/cli'];

/**
 * Literals allowed to stay in an adapter, by file and exact text, each with its reason. Keep it tiny:
 * a text a user reads belongs in messages.ts. An entry that no longer matches anything fails too.
 */
const ALLOWED: { file: string; text: string; why: string }[] = [];

/** The vowels that take Vietnamese tone marks, and the five marks (grave, acute, hook, tilde, dot). */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const LETTERS = new Set<string>(['đ', 'Đ', 'ă', 'Ă', 'â', 'Â', 'ê', 'Ê', 'ô', 'Ô', 'ơ', 'Ơ', 'ư', 'Ư']);
for (const v of VOWELS)
  for (const t of TONES) {
    const c = (v + t).normalize('NFC');
    LETTERS.add(c);
    LETTERS.add(c.toUpperCase());
  }
const VIETNAMESE = new RegExp(`[${[...LETTERS].join('')}“”]`, 'u');

/** Whether a literal's text looks like a text for users (checked in NFC: a decomposed letter counts too). */
function isVietnamese(text: string): boolean {
  return VIETNAMESE.test(text.normalize('NFC'));
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

/** The Vietnamese literals of one source file. */
function hitsIn(file: string, source: string): Hit[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const hits: Hit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      if (isVietnamese(node.text)) hits.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return /\.tsx?$/.test(f) ? [p] : [];
    });
}

describe('the literal finder', () => {
  it('finds Vietnamese in strings and template pieces (a decomposed one too), and not in comments', () => {
    const source = [
      '// Tổng hợp: a comment is not a literal',
      "const a = 'Đã ghi';",
      'const b = `${a} thư`;',
      `const c = '${'Ngày'.normalize('NFD')}';`,
      'const d = `trang “${a}”`;',
      "const e = 'plain ascii';",
      '/* Lỗi dữ liệu */ const f = `${a}-${b}`;',
    ].join('\n');
    expect(hitsIn('probe.ts', source).map((h) => [h.line, h.text])).toEqual([
      [2, 'Đã ghi'],
      [3, ' thư'],
      [4, 'Ngày'.normalize('NFD')],
      [5, 'trang “'],
      [5, '”'],
    ]);
  });

  it('knows the Vietnamese letters, and not other accented ones', () => {
    expect(['ạ', 'Ữ', 'ỹ', 'đ', 'ơ', 'Nguyễn'.normalize('NFD'), '“x”'].every(isVietnamese)).toBe(true);
    expect(['ñ', 'ç', 'ü', 'ø', 'plain', '×', '–'].some(isVietnamese)).toBe(false);
  });
});

describe('src/gas and src/cli hold no user text', () => {
  const hits = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).flatMap((p) => hitsIn(relative(ROOT, p).split('\\').join('/'), readFileSync(p, 'utf8')));

  it('every Vietnamese literal of an adapter is in src/core/messages.ts (or the allow-list)', () => {
    const unexpected = hits.filter((h) => !ALLOWED.some((a) => a.file === h.file && a.text === h.text));
    expect(unexpected.map((h) => `${h.file}:${String(h.line)}: ${JSON.stringify(h.text)}`)).toEqual([]);
  });

  it('every allow-list entry still matches a literal', () => {
    const stale = ALLOWED.filter((a) => !hits.some((h) => a.file === h.file && a.text === h.text));
    expect(stale).toEqual([]);
  });
});
