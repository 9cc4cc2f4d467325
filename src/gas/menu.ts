/**
 * The add-on menu "Bình dân học vụ số" (createAddonMenu: the menu carries the add-on's name).
 * Building it touches only SpreadsheetApp.getUi(), which AuthMode.NONE allows.
 */
import { GAS } from '../core';

/** Menu items: label → global function of build/Code.js; null = separator. */
export const MENU: ([string, string] | null)[] = [
  [GAS.menu.dashboard, 'showDashboard'],
  [GAS.menu.consolidate, 'runConsolidation'],
  [GAS.menu.validate, 'runValidation'],
  [GAS.menu.accounts, 'exportAccountList'],
  [GAS.menu.setup, 'runSetup'],
  [GAS.menu.unitTabs, 'createUnitTabs'],
  [GAS.menu.moveRows, 'moveRowsToUnitTabs'],
  [GAS.menu.undoMoveRows, 'undoMoveRows'],
  [GAS.menu.unitReports, 'prepareUnitReports'],
  [GAS.menu.close, 'closePeriod'],
  [GAS.menu.closeEarlier, 'closeEarlierPeriod'],
  [GAS.menu.reopen, 'reopenClosedPeriod'],
  [GAS.menu.sharing, 'checkFileSharing'],
  [GAS.menu.official, 'createOfficialReportDoc'],
  null,
  [GAS.menu.preview, 'previewReminders'],
  [GAS.menu.send, 'sendReminders'],
  [GAS.menu.schedule, 'openReminderSchedule'],
  null,
  [GAS.menu.fixCccd, 'fixCccdNumbers'],
  [GAS.menu.undoFix, 'undoCccdFix'],
  null,
  [GAS.menu.about, 'showAbout'],
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
