/**
 * The add-on menu "Bình dân học vụ số" (createAddonMenu: the menu carries the add-on's name).
 * Building it touches only SpreadsheetApp.getUi(), which AuthMode.NONE allows.
 *
 * The daily actions sit at the top level (the dashboard, Tổng hợp, the check, the official
 * report); the rest is grouped in four sub-menus (Menu.addSubMenu,
 * https://developers.google.com/apps-script/reference/base/menu#addSubMenu(Menu)).
 */
import { GAS } from '../core';

/** A menu item: label → global function of build/Code.js. */
type MenuItem = [string, string];

/** A sub-menu: its title and its items. */
export interface SubMenu {
  title: string;
  items: MenuItem[];
}

/** The menu as it is built: items, sub-menus, and separators (null). */
export const MENU_LAYOUT: (MenuItem | SubMenu | null)[] = [
  [GAS.menu.dashboard, 'showDashboard'],
  [GAS.menu.consolidate, 'runConsolidation'],
  [GAS.menu.validate, 'runValidation'],
  [GAS.menu.official, 'createOfficialReportDoc'],
  null,
  {
    title: GAS.menuGroups.units,
    items: [
      [GAS.menu.unitTabs, 'createUnitTabs'],
      [GAS.menu.moveRows, 'moveRowsToUnitTabs'],
      [GAS.menu.undoMoveRows, 'undoMoveRows'],
      [GAS.menu.unitReports, 'prepareUnitReports'],
      [GAS.menu.sharing, 'checkFileSharing'],
    ],
  },
  {
    title: GAS.menuGroups.close,
    items: [
      [GAS.menu.close, 'closePeriod'],
      [GAS.menu.closeEarlier, 'closeEarlierPeriod'],
      [GAS.menu.reopen, 'reopenClosedPeriod'],
    ],
  },
  {
    title: GAS.menuGroups.mail,
    items: [
      [GAS.menu.preview, 'previewReminders'],
      [GAS.menu.send, 'sendReminders'],
      [GAS.menu.schedule, 'openReminderSchedule'],
    ],
  },
  {
    title: GAS.menuGroups.data,
    items: [
      [GAS.menu.accounts, 'exportAccountList'],
      [GAS.menu.fixCccd, 'fixCccdNumbers'],
      [GAS.menu.undoFix, 'undoCccdFix'],
      [GAS.menu.setup, 'runSetup'],
    ],
  },
  null,
  [GAS.menu.about, 'showAbout'],
];

function isSubMenu(e: MenuItem | SubMenu | null): e is SubMenu {
  return e !== null && !Array.isArray(e);
}

/** Every item in menu order, a sub-menu's items in its place; null = a top-level separator. */
export const MENU: (MenuItem | null)[] = MENU_LAYOUT.flatMap((e) => (isSubMenu(e) ? e.items : [e]));

export function buildMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  for (const entry of MENU_LAYOUT) {
    if (entry === null) menu.addSeparator();
    else if (isSubMenu(entry)) {
      const sub = ui.createMenu(entry.title);
      for (const [label, fn] of entry.items) sub.addItem(label, fn);
      menu.addSubMenu(sub);
    } else menu.addItem(entry[0], entry[1]);
  }
  menu.addToUi();
}
