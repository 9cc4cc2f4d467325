/**
 * A sparse per-cell attribute (number format, note, background, font, validation, formula) stored
 * as a list of rectangles painted in order: a uniform value over a rectangle, or a grid of values.
 * The last rectangle covering a cell wins. Cheap for the usual "format this whole column" writes.
 */

interface Op<T> {
  r1: number;
  c1: number;
  r2: number; // inclusive
  c2: number; // inclusive
  value?: T;
  grid?: T[][];
}

export class Layer<T> {
  private ops: Op<T>[] = [];
  /**
   * @param def value of a cell nothing was painted on
   * @param inherit whether rows/columns inserted inside or right after a rectangle take its value
   *   (formats do, as in Sheets; notes and formulas do not)
   */
  constructor(
    readonly def: T,
    private readonly inherit: boolean,
  ) {}

  isEmpty(): boolean {
    return this.ops.length === 0;
  }

  get(r: number, c: number): T {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const o = this.ops[i];
      if (r >= o.r1 && r <= o.r2 && c >= o.c1 && c <= o.c2) return o.grid ? o.grid[r - o.r1][c - o.c1] : (o.value as T);
    }
    return this.def;
  }

  /** Values of a rectangle (row-major). */
  grid(r1: number, c1: number, nr: number, nc: number): T[][] {
    const out: T[][] = new Array(nr);
    for (let i = 0; i < nr; i++) out[i] = new Array(nc).fill(this.def);
    const r2 = r1 + nr - 1;
    const c2 = c1 + nc - 1;
    for (const o of this.ops) {
      const a = Math.max(r1, o.r1);
      const b = Math.min(r2, o.r2);
      const c = Math.max(c1, o.c1);
      const d = Math.min(c2, o.c2);
      if (a > b || c > d) continue;
      for (let r = a; r <= b; r++) {
        const row = out[r - r1];
        const src = o.grid ? o.grid[r - o.r1] : null;
        for (let col = c; col <= d; col++) row[col - c1] = src ? src[col - o.c1] : (o.value as T);
      }
    }
    return out;
  }

  /** True when some rectangle touches the area. */
  touches(r1: number, c1: number, nr: number, nc: number): boolean {
    const r2 = r1 + nr - 1;
    const c2 = c1 + nc - 1;
    return this.ops.some((o) => o.r1 <= r2 && o.r2 >= r1 && o.c1 <= c2 && o.c2 >= c1);
  }

  private push(op: Op<T>): void {
    // Drop rectangles the new one hides completely.
    this.ops = this.ops.filter((o) => !(o.r1 >= op.r1 && o.r2 <= op.r2 && o.c1 >= op.c1 && o.c2 <= op.c2));
    this.ops.push(op);
  }

  setUniform(r1: number, c1: number, nr: number, nc: number, value: T): void {
    if (value === this.def && !this.touches(r1, c1, nr, nc)) return;
    if (value === this.def) {
      this.ops = this.ops.filter((o) => !(o.r1 >= r1 && o.r2 <= r1 + nr - 1 && o.c1 >= c1 && o.c2 <= c1 + nc - 1));
      if (!this.touches(r1, c1, nr, nc)) return;
    }
    this.push({ r1, c1, r2: r1 + nr - 1, c2: c1 + nc - 1, value });
  }

  setGrid(r1: number, c1: number, grid: T[][]): void {
    const nr = grid.length;
    const nc = nr ? grid[0].length : 0;
    if (!nr || !nc) return;
    let uniform = true;
    const first = grid[0][0];
    for (let i = 0; i < nr && uniform; i++)
      for (let j = 0; j < nc; j++)
        if (grid[i][j] !== first) {
          uniform = false;
          break;
        }
    if (uniform) return this.setUniform(r1, c1, nr, nc, first);
    this.push({ r1, c1, r2: r1 + nr - 1, c2: c1 + nc - 1, grid: grid.map((r) => r.slice()) });
  }

  clear(r1: number, c1: number, nr: number, nc: number): void {
    this.setUniform(r1, c1, nr, nc, this.def);
  }

  clearAll(): void {
    this.ops = [];
  }

  /** n rows inserted before row `before` (rows ≥ before move down). */
  insertRows(before: number, n: number): void {
    const out: Op<T>[] = [];
    for (const o of this.ops) {
      if (o.r1 >= before) out.push(shiftRows(o, n));
      else if (o.r2 < before - 1 || (o.r2 === before - 1 && !this.inherit)) out.push(o);
      else if (this.inherit) {
        // spans or ends just above the insertion: the new rows copy the row above
        if (o.grid) {
          const k = before - 1 - o.r1;
          const copy = o.grid[k];
          const grid = [...o.grid.slice(0, k + 1), ...Array.from({ length: n }, () => copy.slice()), ...o.grid.slice(k + 1)];
          out.push({ ...o, r2: o.r2 + n, grid });
        } else out.push({ ...o, r2: o.r2 + n });
      } else {
        // split around the inserted rows
        out.push(sliceRows(o, o.r1, before - 1));
        out.push(shiftRows(sliceRows(o, before, o.r2), n));
      }
    }
    this.ops = out;
  }

  deleteRows(start: number, n: number): void {
    const end = start + n - 1;
    const out: Op<T>[] = [];
    for (const o of this.ops) {
      if (o.r2 < start) out.push(o);
      else if (o.r1 > end) out.push(shiftRows(o, -n));
      else if (o.r1 >= start && o.r2 <= end) continue;
      else {
        const keepTop = o.r1 < start ? sliceRows(o, o.r1, start - 1) : null;
        const keepBottom = o.r2 > end ? shiftRows(sliceRows(o, end + 1, o.r2), -n) : null;
        if (keepTop && keepBottom) {
          const grid = o.grid ? [...keepTop.grid!, ...keepBottom.grid!] : undefined;
          out.push({ ...o, r1: keepTop.r1, r2: keepBottom.r2, grid });
        } else out.push((keepTop ?? keepBottom)!);
      }
    }
    this.ops = out;
  }

  insertColumns(before: number, n: number): void {
    this.ops = this.transpose(this.ops);
    this.insertRows(before, n);
    this.ops = this.transpose(this.ops);
  }

  deleteColumns(start: number, n: number): void {
    this.ops = this.transpose(this.ops);
    this.deleteRows(start, n);
    this.ops = this.transpose(this.ops);
  }

  private transpose(ops: Op<T>[]): Op<T>[] {
    return ops.map((o) => ({
      r1: o.c1,
      c1: o.r1,
      r2: o.c2,
      c2: o.r2,
      value: o.value,
      grid: o.grid ? o.grid[0].map((_, j) => o.grid!.map((row) => row[j])) : undefined,
    }));
  }
}

function shiftRows<T>(o: Op<T>, n: number): Op<T> {
  return { ...o, r1: o.r1 + n, r2: o.r2 + n };
}

function sliceRows<T>(o: Op<T>, a: number, b: number): Op<T> {
  return { ...o, r1: a, r2: b, grid: o.grid ? o.grid.slice(a - o.r1, b - o.r1 + 1) : undefined };
}
