/**
 * Courses of the synthetic province (Rules v2 §C, seed 001): the five programme names, how the
 * generator spells them in learner `Chương trình` cells and in the platform's `Khóa học` column,
 * and the generator's own course → indicator mapping (core words), written independently of the
 * engine so that the truth stays an oracle.
 */
import type { IndicatorCode } from '../../core';
import { foldKey } from './names';
import type { Rng } from './prng';

/** Programme indexes (also used per learner row). */
export const P_CB = 0;
export const P_AI = 1;
export const P_DN = 2;
export const P_ND = 3;
export const P_HS = 4;

/** The five programmes of seed 001, in the order above. */
export const PROGRAMME_NAMES: readonly string[] = [
  'Phổ cập kỹ năng số dành cho cán bộ, công chức, viên chức và người lao động trong cơ quan nhà nước',
  'Ứng dụng AI và ChatGPT trong công tác điều hành, báo cáo và xử lý công việc của công chức, viên chức và người lao động trong cơ quan nhà nước',
  'Phổ cập kỹ năng số dành cho người lao động trong doanh nghiệp',
  'Phổ cập kỹ năng số dành cho người dân',
  'Phổ cập kỹ năng số cho sinh viên',
];
export const PROGRAMME_INDICATOR: readonly IndicatorCode[] = ['CBCCVC', 'AI_CCVC', 'NLD_DN', 'NGUOI_DAN', 'HSSV'];

/** Core words of each programme (Rules v2 §C). */
const CORE: readonly string[][] = [
  'pho cap ky nang so can bo cong chuc vien chuc',
  'ung dung ai chatgpt',
  'pho cap ky nang so lao dong doanh nghiep',
  'pho cap ky nang so nguoi dan',
  'pho cap ky nang so sinh vien',
].map((s) => s.split(' '));

/** Course names that map to no programme: one on the learner sheet, one on the platform. */
export const UNMAPPED_LEARNER_COURSE = 'Kỹ năng sử dụng mạng xã hội an toàn';
export const UNMAPPED_PLATFORM_COURSE = 'An toàn thông tin cá nhân trên không gian mạng';

/**
 * The programme a course name maps to by the loose rule of Rules v2 §C (all core words among the
 * name's words; several → most core words; a tie → none), or -1. Blank → -1.
 */
export function programmeOf(name: string): number {
  const words = new Set(
    foldKey(name)
      .split(' ')
      .filter((w) => w !== ''),
  );
  let best = -1;
  let bestN = 0;
  let tie = false;
  CORE.forEach((core, i) => {
    if (!core.every((w) => words.has(w))) return;
    if (core.length > bestN) ((best = i), (bestN = core.length), (tie = false));
    else if (core.length === bestN) tie = true;
  });
  return tie ? -1 : best;
}

/** The indicator a course name maps to, or null (blank or unmapped). */
export function courseIndicator(name: string): IndicatorCode | null {
  const p = programmeOf(name);
  return p < 0 ? null : PROGRAMME_INDICATOR[p];
}

/**
 * Spellings of each programme as people type them, with weights: mostly the exact name, else other
 * case, quotes and extra words (`Khóa “Phổ cập kỹ năng số dành cho người dân” (đợt 2)`). Every
 * spelling still maps to its programme (checked in test/core/generator.test.ts). Built once: the
 * hot loop only picks.
 */
export const PROGRAMME_SPELLINGS: readonly string[][] = PROGRAMME_NAMES.map((name) => {
  const weighted: [string, number][] = [
    [name, 70],
    [name.toUpperCase(), 8],
    [name.toLowerCase(), 6],
    [`Khóa “${name}” (đợt 1)`, 3],
    [`Khóa “${name}” (đợt 2)`, 3],
    [`Khóa “${name}” (đợt 3)`, 2],
    [`"${name}"`, 4],
    [`Chương trình ${name} năm 2026`, 4],
  ];
  return weighted.flatMap(([s, w]) => new Array<string>(w).fill(s));
});

export function programmeSpelling(rng: Rng, p: number): string {
  const list = PROGRAMME_SPELLINGS[p];
  return list[rng.int(list.length)];
}

/** The count column (common.ts C_*) of each programme's indicator. */
export const PROGRAMME_COLUMN: readonly number[] = [0, 5, 3, 1, 2];
/** The programme of each group (common.ts G_CB, G_HS, G_DN, G_ND). */
export const GROUP_PROGRAMME: readonly number[] = [P_CB, P_HS, P_DN, P_ND];
