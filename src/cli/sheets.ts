/**
 * The core's neutral sheet descriptions (OutputGrid, TemplateSheet) as .xlsx sheet specs.
 */
import type { OutputGrid, TemplateSheet } from '../core';
import type { CellStyle, SheetSpec } from './xlsx/write';

const hex = (c: string) => c.replace('#', '').toUpperCase();
const PX_PER_CHAR = 7;
const LINE_POINTS = 15;
const MAX_HEADER_LINES = 4;

/**
 * The height (points) a wrapped header row needs in columns of `widths` characters: enough lines
 * for its longest cell (estimated from its length; bold text is wider, hence the margin).
 */
export function wrappedRowHeight(row: readonly unknown[], widths: readonly number[]): number {
  let lines = 1;
  row.forEach((v, c) => {
    if (typeof v !== 'string' || v === '') return;
    const perLine = Math.max(1, Math.floor((widths[c] ?? 8) * 0.85) - 1);
    const words = v.split(/\s+/);
    let n = 1;
    let used = 0;
    for (const w of words) {
      const len = w.length;
      if (used > 0 && used + 1 + len > perLine) {
        n++;
        used = len;
      } else used += (used > 0 ? 1 : 0) + len;
    }
    lines = Math.max(lines, n);
  });
  return Math.min(lines, MAX_HEADER_LINES) * LINE_POINTS;
}

function headerHeights(rows: readonly (readonly unknown[])[], isHeader: (r: number) => boolean, widths: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  rows.forEach((row, r) => {
    if (!isHeader(r)) return;
    const h = wrappedRowHeight(row, widths);
    if (h > LINE_POINTS) out[r] = h;
  });
  return out;
}

export function gridToSheet(grid: OutputGrid): SheetSpec {
  const fills = new Map<string, string>();
  for (const [r, c, color] of grid.fills) fills.set(`${r},${c}`, hex(color));
  const percent = new Set<string>();
  for (const [r0, c0, nr, nc] of grid.percentRanges) for (let r = r0; r < r0 + nr; r++) for (let c = c0; c < c0 + nc; c++) percent.add(`${r},${c}`);
  const styleCache = new Map<string, CellStyle>();
  const styled = (s: CellStyle): CellStyle => {
    const k = JSON.stringify(s);
    let v = styleCache.get(k);
    if (!v) styleCache.set(k, (v = s));
    return v;
  };
  const widths = grid.columnWidths.map((px) => Math.round(px / PX_PER_CHAR));
  return {
    name: grid.name,
    rows: grid.rows,
    columnWidths: widths,
    rowHeights: headerHeights(grid.rows, (r) => grid.rowRoles[r] === 'header', widths),
    frozenRows: grid.frozenRows,
    frozenColumns: grid.frozenColumns,
    textColumns: grid.textColumns,
    styles: (r, c, v) => {
      const role = grid.rowRoles[r];
      const key = `${r},${c}`;
      const fill = fills.get(key);
      const isPercent = percent.has(key) && typeof v === 'number';
      if (!role && !fill && !isPercent) return undefined;
      const s: CellStyle = {};
      if (role === 'title' || role === 'header' || role === 'total' || role === 'section') s.bold = true;
      if (role === 'header') {
        s.fill = 'CFE2F3';
        s.wrap = true;
        s.border = true;
      }
      if (role === 'total') s.fill = 'E6E6E6';
      if (fill) s.fill = fill;
      if (isPercent) s.numFmt = 'percent1';
      return styled(s);
    },
  };
}

export function templateToSheet(t: TemplateSheet): SheetSpec {
  const first = t.headerRow + 1;
  const last = Math.max(first, t.headerRow + t.dataRows);
  const widths = t.columnWidths.map((px) => Math.round(px / PX_PER_CHAR));
  return {
    name: t.name,
    rows: t.rows,
    columnWidths: widths,
    rowHeights: headerHeights(t.rows, (r) => r === t.headerRow, widths),
    frozenRows: t.frozenRows,
    textColumns: t.textColumns,
    validations: t.lists.map((l) => ({ column: l.column, firstRow: first, lastRow: last, values: l.values })),
    styles: (r) => (r === t.headerRow ? { bold: true, fill: 'CFE2F3', wrap: true, border: true } : r < t.headerRow ? { bold: true } : undefined),
  };
}
