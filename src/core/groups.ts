/**
 * Reading a Nhóm đối tượng cell and a Trạng thái cell (docs/rules.md §3): aliases compared with
 * matchKey, the generic worker words resolved by the unit's type, checkbox and percentage
 * statuses. Memoised per distinct text by the callers (these cells repeat a handful of values).
 */
import { AMBIGUOUS_COMPLETE, GROUPS, GROUP_ALIASES, GROUP_LABELS, STATUSES, STATUS_ALIASES, STATUS_LABELS, WORKER_ALIASES, workerGroup } from './schema';
import { matchKey } from './text';
import type { Cell, Group, LearnerStatus, UnitType } from './types';

function aliasIndex<T extends string>(values: T[], aliases: Record<T, string[]>, labels?: Record<T, string>): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(matchKey(v), v);
    if (labels) m.set(matchKey(labels[v]), v);
    for (const a of aliases[v]) m.set(matchKey(a), v);
  }
  return m;
}

/** 'WORKER': a generic worker word whose group depends on the unit's type. */
export type GroupWord = Group | 'WORKER';
const groupIndex: Map<string, GroupWord> = new Map<string, GroupWord>(aliasIndex(GROUPS, GROUP_ALIASES, GROUP_LABELS));
for (const w of WORKER_ALIASES) groupIndex.set(matchKey(w), 'WORKER');

/** The group word of a cell's text, undefined when unknown. */
export function groupWordOf(text: string): GroupWord | undefined {
  return groupIndex.get(matchKey(text));
}

/** The group a text means at a unit of this type (null: not a group). */
export function groupOfText(text: string, type: UnitType | null): Group | null {
  const w = groupWordOf(text);
  if (w === undefined) return null;
  return w === 'WORKER' ? workerGroup(type) : w;
}

const statusIndex = aliasIndex(STATUSES, STATUS_ALIASES);
const ambiguous = new Set(AMBIGUOUS_COMPLETE.map(matchKey));
const PERCENT = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/;

/** A status reading: the status, and whether it was an ambiguous mark ("x"). */
export interface StatusReading {
  status: LearnerStatus;
  ambiguous: boolean;
}
const READ: Record<LearnerStatus, StatusReading> = {
  HOAN_THANH: { status: 'HOAN_THANH', ambiguous: false },
  CHUA_HOAN_THANH: { status: 'CHUA_HOAN_THANH', ambiguous: false },
  KHONG_THAM_GIA: { status: 'KHONG_THAM_GIA', ambiguous: false },
};
const AMBIGUOUS: StatusReading = { status: 'HOAN_THANH', ambiguous: true };

function fromPercent(p: number): StatusReading {
  return p >= 100 ? READ.HOAN_THANH : p > 0 ? READ.CHUA_HOAN_THANH : READ.KHONG_THAM_GIA;
}

/**
 * A Trạng thái / Tiến độ cell: aliases; a checkbox (TRUE complete, FALSE not started); a number
 * (a %-formatted cell: 1 is 100 %; 0 < n < 1 a fraction; otherwise percent); "45%". null: blank
 * is not passed here; unknown text returns null.
 */
export function statusOf(c: Cell): StatusReading | null {
  if (typeof c === 'boolean') return c ? READ.HOAN_THANH : READ.KHONG_THAM_GIA;
  if (typeof c === 'number') {
    if (!isFinite(c) || c < 0) return null;
    if (c === 1) return READ.HOAN_THANH;
    return fromPercent(c > 0 && c < 1 ? c * 100 : c);
  }
  if (typeof c !== 'string') return null;
  const k = matchKey(c);
  if (k === '') return READ.KHONG_THAM_GIA;
  const s = statusIndex.get(k);
  if (s) return READ[s];
  if (ambiguous.has(k)) return AMBIGUOUS;
  const m = PERCENT.exec(c.trim());
  return m ? fromPercent(Number(m[1].replace(',', '.'))) : null;
}

/** The accepted status words, for STATUS_AMBIGUOUS. */
export const STATUS_WORDS = STATUSES.map((s) => STATUS_LABELS[s]).join(', ');
