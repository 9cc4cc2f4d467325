/**
 * The dashboard sidebar (menu “Bảng điều khiển”, issue 14): the page of src/page/ (the project's
 * HTML file `dashboard`, written by scripts/build.mjs) shown with Ui.showSidebar; the page asks for
 * its data with google.script.run.getDashboardData and its buttons call the sidebar's two actions.
 *
 * getDashboardData computes the report as “Xem trước thư nhắc” does (computeReport: one batch read
 * of the workbook, nothing written) and returns the core's small view of it (src/core/dashboard.ts):
 * always the workbook as it is now, with no copy of the report to keep in step. A stored view
 * would save the read but could not fit a document property (9 KB per value) for ~250 units, and
 * would show stale figures after any edit.
 *
 * The actions return only a short result: google.script.run sends a server function's return
 * value to the page, and the whole Report (issues, reminders with their recipients) must not go
 * there.
 */
import { DASHBOARD, dashboardView, type DashboardView } from '../core';
import { computeReport, type RunStatus } from './run';
import { getUi, log } from './ui';

/** The project's HTML file of the page (build/dashboard.html). */
export const DASHBOARD_FILE = 'dashboard';

export function showDashboardSidebar(): void {
  const ui = getUi();
  if (!ui) {
    log(DASHBOARD.title);
    return;
  }
  // https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutputFromFile(String)
  // https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object)
  ui.showSidebar(HtmlService.createHtmlOutputFromFile(DASHBOARD_FILE).setTitle(DASHBOARD.title));
}

/** The sidebar's data: the view of the report computed now (no CCCD, e-mail or person's name). */
export function dashboardData(): DashboardView {
  return dashboardView(computeReport(false));
}

/** What the sidebar's "Tổng hợp" returns to the page: the run's status and its message, nothing else. */
export interface SidebarResult {
  status: RunStatus;
  message: string;
}
