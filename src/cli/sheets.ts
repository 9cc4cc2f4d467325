/**
 * The core's neutral sheet descriptions (OutputGrid, TemplateSheet) as .xlsx sheet specs.
 */
import type { OutputGrid, TemplateSheet } from '../core';
import type { CellStyle, SheetSpec } from './xlsx/write';

const hex = (c: string) => c.replace('#', '').toUpperCase();
const PX_PER_CHAR = 7;

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
  return {
    name: grid.name,
    rows: grid.rows,
    columnWidths: grid.columnWidths.map((px) => Math.round(px / PX_PER_CHAR)),
    frozenRows: grid.frozenRows,
    frozenColumns: grid.frozenColumns,
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
  return {
    name: t.name,
    rows: t.rows,
    columnWidths: t.columnWidths.map((px) => Math.round(px / PX_PER_CHAR)),
    frozenRows: t.frozenRows,
    textColumns: t.textColumns,
    validations: t.lists.map((l) => ({ column: l.column, firstRow: first, lastRow: last, values: l.values })),
    styles: (r) => (r === t.headerRow ? { bold: true, fill: 'CFE2F3', wrap: true, border: true } : r < t.headerRow ? { bold: true } : undefined),
  };
}
