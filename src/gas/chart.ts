/**
 * The bar chart of `Tổng hợp` (issue 14): the province's rate against the target and the
 * trajectory's expected value, per indicator, from the cells of the province indicator block
 * (OutputGrid.chart, src/core/render.ts). Embedded with Sheets' own charts
 * (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder).
 *
 * Rebuilt by every "Tổng hợp": a run writes a new `Tổng hợp` sheet and swaps it in (write.ts), so
 * the chart is inserted on the final sheet after the swap; before inserting, any chart of ours on
 * that sheet (found by its title, SUMMARY.chartTitle) is removed, so a resumed or repeated step
 * never leaves two.
 */
import { messages, type GridChart } from '../core';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/** Our charts on a sheet: those titled SUMMARY.chartTitle. */
export function ourCharts(sheet: Sheet): EmbeddedChart[] {
  return sheet.getCharts().filter((c) => c.getOptions().get('title') === messages.SUMMARY.chartTitle);
}

/** Remove our previous chart(s) from the sheet, then insert the grid's chart (none without one). */
export function rebuildChart(sheet: Sheet, chart: GridChart | undefined): void {
  for (const old of ourCharts(sheet)) sheet.removeChart(old);
  if (!chart || chart.rows < 1) return;
  // the header row is the series names and the category header; then one row per indicator
  const column = (c: number) => sheet.getRange(chart.headerRow + 1, c + 1, chart.rows + 1, 1);
  let builder = sheet.newChart().asBarChart().addRange(column(chart.labelColumn));
  for (const c of chart.valueColumns) builder = builder.addRange(column(c));
  sheet.insertChart(
    builder
      .setNumHeaders(1)
      .setOption('title', chart.title)
      .setOption('legend', { position: 'bottom' })
      .setOption('hAxis', { format: 'percent', minValue: 0, maxValue: 1 })
      .setPosition(chart.anchorRow + 1, chart.anchorColumn + 1, 0, 0)
      .build(),
  );
}
