/**
 * The shared-strings table (xl/sharedStrings.xml, ECMA-376 Part 1 §18.4) of a workbook we write.
 *
 * A large input sheet copied into tong-hop.xlsx is mostly text cells that repeat (the unit's name,
 * the department, the status, the group): written inline, each costs
 * `<c r="…" t="inlineStr"><is><t>Ủy ban nhân dân xã …</t></is></c>`; shared, `<c r="…" t="s"><v>12</v></c>`.
 * On a 1,000,000-row learner sheet that is 710 MB of XML against 489 MB, and the difference is
 * what let bdhvs read its own output within its memory budget.
 *
 * Only the columns that repeat are shared: names, e-mails and CCCDs are nearly all distinct, and
 * a map of millions of them would cost more memory than the inline text. Which columns repeat is
 * judged on a sample of each column's first texts (SheetStrings).
 */

/** A sheet's texts are shared only above this many rows: a small sheet keeps its exact old bytes. */
export const SHARE_FROM_ROWS = 1000;
/** Texts sampled per column to decide whether the column repeats. */
const SAMPLE = 1000;
/** Distinct strings at most in the table; later new strings are written inline. */
const MAX_SHARED = 1_000_000;

export class SharedStrings {
  /** Each distinct string (as written: capped, not escaped), in index order. */
  readonly strings: string[] = [];
  /** Cells that refer to the table (the `count` attribute). */
  refs = 0;
  private readonly index = new Map<string, number>();

  /** The index of `s` in the table (added when new), or -1 when the table is full and `s` is not in it. */
  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      if (this.strings.length >= MAX_SHARED) return -1;
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    this.refs++;
    return i;
  }

  get size(): number {
    return this.strings.length;
  }
}

/**
 * Which columns of a sheet share their texts: a column whose first SAMPLE non-empty texts hold at
 * most half as many distinct values. Returns one flag per column (all false for a small sheet).
 */
export function sharedColumns(rows: readonly (readonly unknown[] | null | undefined)[], width: number): boolean[] {
  const flags = new Array<boolean>(width).fill(false);
  if (rows.length <= SHARE_FROM_ROWS || width === 0) return flags;
  const seen: Set<string>[] = [];
  const counts = new Array<number>(width).fill(0);
  for (let c = 0; c < width; c++) seen.push(new Set());
  let open = width;
  // scan no further than needed: every column has its sample, or a bounded number of rows is read
  const limit = Math.min(rows.length, SAMPLE * 10);
  for (let r = 0; r < limit && open > 0; r++) {
    const row = rows[r];
    if (!row) continue;
    const n = Math.min(row.length, width);
    for (let c = 0; c < n; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v === '' || counts[c] >= SAMPLE) continue;
      seen[c].add(v);
      if (++counts[c] === SAMPLE) open--;
    }
  }
  for (let c = 0; c < width; c++) flags[c] = counts[c] >= 2 && seen[c].size * 2 <= counts[c];
  return flags;
}
