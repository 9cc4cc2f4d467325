/**
 * The spreadsheet's own time zone: the one place where Date cells move between it and the core's
 * convention.
 *
 * Sheets stores a date cell as a wall-clock (a zone-less serial number); `Range.getValues` hands it
 * over as the instant of that wall-clock in the spreadsheet's time zone, and `setValues(Date)`
 * stores the wall-clock of the instant in that zone
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheettimezone;
 * https://developers.google.com/sheets/api/guides/formats#about_date_time_values). The core reads
 * a Date as its wall-clock in Asia/Ho_Chi_Minh (src/core/dates.ts). So every Date read is moved to
 * the instant with the same wall-clock in Vietnam, and every Date written the other way. A
 * spreadsheet on Vietnam time (the template's, and any UTC+7 zone without daylight saving) costs
 * nothing: no conversion, no per-cell work. Otherwise the zone's offset comes from
 * `Utilities.formatDate(d, zone, 'Z')` (Apps Script's own zone data, daylight saving included),
 * asked once per quarter hour of UTC that holds a date (every offset change falls on one).
 */
import type { Cell } from '../core';
import { isDate, isVietnamTime, parseUtcOffset, vnToZone, VN_TIME_ZONE, zoneToVn, type OffsetAt } from '../core/dates';
import { GAS } from '../core/messages';
import { confirm } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SLOT_MS = 15 * 60 * 1000;

export interface SheetClock {
  /** The spreadsheet's zone id, as Sheets returns it. */
  readonly zone: string;
  /** True when the zone's wall-clock is Vietnam's: nothing to convert. */
  readonly vietnam: boolean;
  /** Convert the Date cells of rows read from the spreadsheet to the core's convention, in place. */
  readRows(rows: Cell[][]): Cell[][];
  /** A Date cell read from the spreadsheet, in the core's convention. */
  read(d: Date): Date;
  /** A Date the core or the adapter made (Vietnam wall-clock), as it must be written to show that wall-clock. */
  write(d: Date): Date;
  /** Rows to write: every Date cell converted (new arrays; other cells as they are). */
  writeRows(rows: Cell[][]): Cell[][];
}

const VIETNAM: Omit<SheetClock, 'zone'> = {
  vietnam: true,
  readRows: (rows) => rows,
  read: (d) => d,
  write: (d) => d,
  writeRows: (rows) => rows,
};

/** The clock of a zone id (no spreadsheet call; `Utilities.formatDate` only when the zone is not Vietnam's). */
export function clockOf(zone: string): SheetClock {
  if (isVietnamTime(zone)) return { zone, ...VIETNAM };
  const memo = new Map<number, number>();
  const offsetAt: OffsetAt = (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let off = memo.get(slot);
    if (off === undefined) {
      off = parseUtcOffset(Utilities.formatDate(new Date(slot * SLOT_MS), zone, 'Z')) ?? 0;
      memo.set(slot, off);
    }
    return off;
  };
  const read = (d: Date) => new Date(zoneToVn(d.getTime(), offsetAt));
  const write = (d: Date) => new Date(vnToZone(d.getTime(), offsetAt));
  return {
    zone,
    vietnam: false,
    read,
    write,
    readRows(rows) {
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        for (let j = 0; j < r.length; j++) {
          const c = r[j];
          if (typeof c === 'object' && c !== null && isDate(c)) r[j] = read(c);
        }
      }
      return rows;
    },
    writeRows: (rows) => rows.map((r) => r.map((c) => (isDate(c) ? write(c) : c))),
  };
}

/** The clock of a spreadsheet: one call (its time zone). */
export function sheetClock(ss: Spreadsheet): SheetClock {
  return clockOf(ss.getSpreadsheetTimeZone());
}

/**
 * "Khởi tạo bảng tính mẫu": when the spreadsheet is not on Vietnam time, ask (Vietnamese
 * confirmation) to set it to Asia/Ho_Chi_Minh. Dates already typed keep what they show (Sheets
 * keeps a cell's wall-clock). Returns the zone it replaced, or null when nothing changed.
 */
export function offerVietnamTimeZone(ss: Spreadsheet): string | null {
  const zone = ss.getSpreadsheetTimeZone();
  if (isVietnamTime(zone)) return null;
  if (!confirm(GAS.timeZone.confirm(zone))) return null;
  ss.setSpreadsheetTimeZone(VN_TIME_ZONE);
  return zone;
}
