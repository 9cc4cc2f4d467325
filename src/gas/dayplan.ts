/**
 * Keeping the hourly schedule cheap (issue 11 §5). Apps Script allows triggers 90 minutes of
 * runtime a day on a consumer account (6 h on Workspace), for all of the user's trigger runs
 * together; an hourly run that reads and consolidates the whole workbook every hour of a reminder
 * day spends that for nothing once the day's reminders are recorded.
 *
 * Both properties live in the document's store in the script properties (src/gas/context.ts
 * `DocumentContext.state`), which a trigger run reaches with or without a containing document.
 *
 * So, before reading the workbook, the scheduled mail step asks two cheap questions:
 *   - is today's plan already recorded in `Nhật ký gửi thư` for the workbook as it is now? The
 *     `bdhvs.dayPlan` document property holds the date and the workbook state of the last mail
 *     run that decided today's reminders. The state is the time of the last edit of an input
 *     sheet (stamped by onEdit, `bdhvs.inputEdit`) and the number of sheets: a unit that types
 *     or pastes after the plan was made gets a fresh plan at the next hour.
 *   - can anything go? With the plan recorded, nothing outstanding in the log means nothing to do,
 *     and outstanding rows (queued, failed) with a mail quota of 0 mean nothing can go.
 * Only then does it skip; it never skips a weekly digest that is due, nor pending rows (they must
 * be marked uncertain). Whenever something is sent, the report is computed afresh, so a reminder
 * never goes out on a stale plan. Changes that fire no onEdit (another script, the Sheets API)
 * are picked up by the next run that sends and by the daily consolidation.
 */
type Properties = GoogleAppsScript.Properties.Properties;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const DAY_PLAN_PROP = 'bdhvs.dayPlan';
export const INPUT_EDIT_PROP = 'bdhvs.inputEdit';

export interface DayPlan {
  /** The reminder date (YYYY-MM-DD, Asia/Ho_Chi_Minh) whose reminders were decided. */
  date: string;
  /** workbookState() when the workbook was read for that decision. */
  state: string;
}

/** onEdit: remember that an input sheet changed (best effort: an edit check never fails on it). */
export function markInputEdited(store: () => Properties, atMs: number): void {
  try {
    store().setProperty(INPUT_EDIT_PROP, String(atMs));
  } catch (_e) {
    // a lost stamp costs one unnecessary skip at most until the next edit or the next send
  }
}

/** The last input edit's stamp ('0' when none was recorded). */
export function editStamp(props: Properties): string {
  return props.getProperty(INPUT_EDIT_PROP) ?? '0';
}

/**
 * The workbook's edit state, cheaply: an edit stamp and the number of sheets (one call). Read the
 * stamp before reading the workbook (an edit made during the run makes the next run read again),
 * the count after the run's own writes (the send log sheet it may create is not a change).
 */
export function workbookState(ss: Spreadsheet, stamp: string): string {
  return `${stamp}|${ss.getNumSheets()}`;
}

export function loadDayPlan(props: Properties): DayPlan | null {
  const json = props.getProperty(DAY_PLAN_PROP);
  if (!json) return null;
  try {
    const p = JSON.parse(json) as DayPlan;
    return p && typeof p.date === 'string' && typeof p.state === 'string' ? p : null;
  } catch (_e) {
    return null;
  }
}

export function saveDayPlan(props: Properties, plan: DayPlan): void {
  props.setProperty(DAY_PLAN_PROP, JSON.stringify(plan));
}

/** True when today's reminders were decided on the workbook as it is now. */
export function planRecorded(plan: DayPlan | null, today: string, state: string): boolean {
  return !!plan && plan.date === today && plan.state === state;
}
