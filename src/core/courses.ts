/**
 * Courses (docs/rules.md §6): which indicator a course or programme name serves. The five
 * programmes of seed 001 are recognised loosely (their core words, in any order, with extra
 * words, any case, quotes or diacritics); an optional `Khóa học` sheet maps exact names
 * (matchKey) to indicator codes and overrides the default. Each distinct course gets a small id
 * for per-course counts.
 */
import { COURSE_CODE } from './messages';
import { INDICATORS, PROGRAMMES, COURSES_TABLE } from './schema';
import { cellText, findTable, isEmptyCell } from './tables';
import { cleanText, matchKey } from './text';
import type { IssueSink } from './issues';
import type { IndicatorCode, SheetSnapshot } from './types';

/** Distinct courses with an id (per-course counts fit a 31-bit mask). */
export const MAX_COURSES = 31;

export interface Course {
  /** 0 … MAX_COURSES − 1, or -1 past the limit (not counted per course). */
  id: number;
  /** The programme's canonical name when it is one, else the first spelling seen. */
  name: string;
  code: IndicatorCode | null;
  /** Mapped by the `Khóa học` sheet (code null there: explicitly not counted, no warning). */
  explicit: boolean;
}

export interface CourseMap {
  /** The course of a non-blank name (memoised per text). */
  resolve(text: string): Course;
  /** Course names by id. */
  readonly names: string[];
  /** Whether any course (a programme of seed 001 or a `Khóa học` row) maps to the indicator. */
  maps(code: IndicatorCode): boolean;
}

const PROGRAMME_WORDS = PROGRAMMES.map((p) => p.core.split(' '));

/** The programme a course name is (index into PROGRAMMES), or -1: the most core words wins, a tie is none. */
export function programmeOf(key: string): number {
  const words = new Set(key.split(' '));
  let best = -1;
  let bestLen = 0;
  let tie = false;
  PROGRAMME_WORDS.forEach((core, i) => {
    if (!core.every((w) => words.has(w))) return;
    if (core.length > bestLen) {
      best = i;
      bestLen = core.length;
      tie = false;
    } else if (core.length === bestLen) tie = true;
  });
  return tie ? -1 : best;
}

export function createCourseMap(overrides: Map<string, IndicatorCode | null>): CourseMap {
  const byKey = new Map<string, Course>();
  const memo = new Map<string, Course>();
  const names: string[] = [];
  const make = (key: string, name: string, code: IndicatorCode | null, explicit = false): Course => {
    let c = byKey.get(key);
    if (!c) {
      const id = names.length < MAX_COURSES ? names.length : -1;
      if (id >= 0) names.push(name);
      c = { id, name, code, explicit };
      byKey.set(key, c);
    }
    return c;
  };
  const mapped = new Set<IndicatorCode>(PROGRAMMES.map((p) => p.code));
  for (const code of overrides.values()) if (code !== null) mapped.add(code);
  return {
    names,
    maps: (code) => mapped.has(code),
    resolve(text) {
      let c = memo.get(text);
      if (c) return c;
      const key = matchKey(text);
      if (overrides.has(key)) c = make('o:' + key, cleanText(text), overrides.get(key)!, true);
      else {
        const p = programmeOf(key);
        c = p >= 0 ? make('p:' + p, PROGRAMMES[p].name, PROGRAMMES[p].code) : make('u:' + key, cleanText(text), null);
      }
      if (memo.size < 10000) memo.set(text, c);
      return c;
    },
  };
}

const NOT_COUNTED = new Set(['khong', 'khong tinh', '-', '']);

/** Read `Khóa học` (Tên khóa học | Mã chỉ tiêu): exact course key → indicator (null: explicitly not counted). */
export function readCourses(sheet: SheetSnapshot | undefined, sheetIndex: number, issues: IssueSink): Map<string, IndicatorCode | null> {
  const out = new Map<string, IndicatorCode | null>();
  if (!sheet) return out;
  const table = findTable(sheet, sheetIndex, COURSES_TABLE);
  if (!table) {
    issues.add('TABLE_NOT_FOUND', { sheet: sheet.name }, { columns: COURSES_TABLE.columns.map((c) => c.header).join(', ') });
    return out;
  }
  for (let r = table.headerIndex + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row || isEmptyCell(row[table.columns.course])) continue;
    const codeText = cellText(row[table.columns.code]).trim();
    const code = codeText.toUpperCase().replace(/[\s-]+/g, '_');
    const key = matchKey(cellText(row[table.columns.course]));
    if ((INDICATORS as string[]).includes(code)) out.set(key, code as IndicatorCode);
    else if (NOT_COUNTED.has(matchKey(codeText))) out.set(key, null);
    else
      issues.add(
        'CONFIG_INVALID',
        { sheet: sheet.name, row: r + 1, column: table.labels.code },
        {
          key: cellText(row[table.columns.course]).trim(),
          value: codeText,
          why: COURSE_CODE.why(INDICATORS),
          defaultValue: COURSE_CODE.defaultValue,
        },
      );
  }
  return out;
}
