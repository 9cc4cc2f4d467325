/**
 * "Xuất danh sách tạo tài khoản": the list for account creation (seed 001; src/core/accounts.ts)
 * into the sheet `Danh sách tạo tài khoản`. A prompt asks for a unit code or name (blank: the whole
 * province); then, under the document lock like the other runs, the workbook is read in batch,
 * consolidated, and the list written into a temporary sheet (text columns formatted as plain text
 * first, so a CCCD keeps its leading zero and "=…" stays text; one setValues for the whole grid),
 * swapped in at the end. On any error the temporary sheet is removed and the previous list stays.
 *
 * The sheet holds full CCCDs: it is a learner list (the one output allowed to hold them).
 */
import { accountList, AccountListError, consolidate, type AccountListCounts, GAS, SHEET } from '../core';
import { AccessDenied, assertCanWrite } from './access';
import { startStopwatch, todayYmd } from './env';
import { retiredSheetName, tempSheetName } from './names';
import { listSheets, ReadTimeout, readWorkbook } from './read';
import { sheetClock } from './tz';
import { errorText, LOCK_WAIT_MS, RunStop } from './run';
import { alert, getUi, log, toast } from './ui';
import { createTempSheet, prepareGridSheet, removeTempSheets, swapIn, writeGridRows } from './write';

export type AccountExportStatus = 'done' | 'cancelled' | 'busy' | 'failed';

export interface AccountExportResult {
  status: AccountExportStatus;
  /** What the user was told ('' when cancelled). */
  message: string;
  counts?: AccountListCounts;
}

export function exportAccountList(): AccountExportResult {
  const T = GAS.accounts;
  const ui = getUi();
  if (!ui) {
    log(T.noUi);
    return { status: 'failed', message: T.noUi };
  }
  // Asked before the lock: nobody waits on a person typing.
  const answer = ui.prompt(T.title, T.prompt, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return { status: 'cancelled', message: '' };
  const unit = answer.getResponseText();

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    alert(GAS.busy, T.title);
    return { status: 'busy', message: GAS.busy };
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    toast(T.computing);
    // nothing is written unless this user may replace the list (src/gas/access.ts)
    assertCanWrite(ss, [SHEET.accounts, tempSheetName(SHEET.accounts), retiredSheetName(SHEET.accounts)]);
    removeTempSheets(ss, [SHEET.accounts]);
    let snapshot;
    try {
      snapshot = readWorkbook(listSheets(ss), startStopwatch(), undefined, sheetClock(ss));
    } catch (e) {
      if (e instanceof ReadTimeout) throw new RunStop(GAS.tooBig);
      throw e;
    }
    const report = consolidate(snapshot, { today: todayYmd() });
    const grid = accountList(snapshot, report, { unit });
    const temp = createTempSheet(ss, SHEET.accounts, report.settings.staffEmails);
    prepareGridSheet(temp, grid);
    writeGridRows(temp, grid, 0, grid.rows.length);
    const sheet = swapIn(ss, SHEET.accounts);
    ss.setActiveSheet(sheet);
    const c = grid.counts;
    const message = T.done(c.exported, grid.unit ? grid.unit.name : null, c.invalid, c.duplicates);
    alert(message, T.title);
    return { status: 'done', message, counts: c };
  } catch (e) {
    try {
      if (!(e instanceof AccessDenied)) removeTempSheets(ss, [SHEET.accounts]);
    } catch (_e) {
      // keep the original error
    }
    const why = e instanceof AccountListError || e instanceof RunStop || e instanceof AccessDenied ? e.message : GAS.failed(errorText(e));
    alert(why, T.title);
    return { status: 'failed', message: why };
  } finally {
    lock.releaseLock();
  }
}
