/**
 * What the user sees: toasts, alerts, confirmations and dialogs. Every function degrades to a log
 * line when there is no user interface (time-driven triggers, continuations): `getUi()` throws
 * there, and a run must not fail because it cannot show a toast.
 */
import { GAS } from '../core';
import { limits, nowMs } from './env';

type Ui = GoogleAppsScript.Base.Ui;

export function getUi(): Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch (_e) {
    return null;
  }
}

/** The channel a run reports through: interactive (menu) or silent (triggers). */
export interface Reporter {
  readonly interactive: boolean;
  /** A progress toast; throttled unless `force`. */
  progress(message: string, force?: boolean): void;
  /** A message the user must read (alert when interactive, log otherwise). */
  tell(message: string, title?: string): void;
}

export function createReporter(interactive: boolean): Reporter {
  let last = -Infinity;
  return {
    interactive,
    progress(message, force) {
      if (!interactive) return;
      const t = nowMs();
      if (!force && t - last < limits.toastEveryMs) return;
      last = t;
      toast(message);
    },
    tell(message, title) {
      if (interactive) alert(message, title);
      else log(message);
    },
  };
}

export function toast(message: string, seconds = 5): void {
  try {
    SpreadsheetApp.getActiveSpreadsheet().toast(message, GAS.title, seconds);
  } catch (_e) {
    log(message);
  }
}

export function alert(message: string, title: string = GAS.title): void {
  const ui = getUi();
  if (!ui) {
    log(message);
    return;
  }
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** Yes/No question; false without a user interface (never act on an unanswered question). */
export function confirm(message: string, title: string = GAS.title): boolean {
  const ui = getUi();
  if (!ui) return false;
  return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/** A line of text asked for (OK / Cancel); null when cancelled or without a user interface. */
export function promptText(message: string, title: string = GAS.title): string | null {
  const ui = getUi();
  if (!ui) return null;
  const answer = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
  return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText() : null;
}

export function showDialog(html: string, title: string, width = 760, height = 560): void {
  const ui = getUi();
  if (!ui) {
    log(title);
    return;
  }
  const out = HtmlService.createHtmlOutput(html).setWidth(width).setHeight(height);
  ui.showModalDialog(out, title);
}

/** A log line. Callers never pass a full CCCD (only counts, sheet names, masked values). */
export function log(message: string): void {
  try {
    console.log(message);
  } catch (_e) {
    // no console: nothing to do
  }
}
