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
 * spreadsheet on Vietnam time (the template's, and any UTC+7 zone without daylight saving) needs
 * no conversion for dates since 1976; older dates (birth dates) are converted there too, because
 * the zone's history had other offsets (VN_CLOCK_SINCE_MS). The zone's offset comes from
 * `Utilities.formatDate(d, zone, 'Z')` (Apps Script's own zone data, history and daylight saving
 * included), asked twice per month that holds a date (offsetsOf).
 */
import {
  type Cell,
  hasOffsetHistory,
  isDate,
  isVietnamTime,
  parseUtcOffset,
  vnToZone,
  VN_CLOCK_SINCE_MS,
  VN_TIME_ZONE,
  zoneToVn,
  type OffsetAt,
  GAS,
} from '../core';
import { confirm } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SLOT_MS = 15 * 60 * 1000;

export interface SheetClock {
  /** The spreadsheet's zone id, as Sheets returns it. */
  readonly zone: string;
  /** True when the zone's wall-clock is Vietnam's today (no warning; only dates before 1976 are converted). */
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

const identity = <T>(x: T) => x;

/** A fixed UTC+7 offset (GMT+07:00, Etc/GMT-7): nothing to convert, ever. */
const FIXED_VIETNAM: Omit<SheetClock, 'zone'> = { vietnam: true, readRows: identity, read: identity, write: identity, writeRows: identity };

/**
 * A zone's offset at an instant, from `Utilities.formatDate(d, zone, 'Z')`. Offsets change rarely:
 * a month whose first and last quarter hour have the same offset is taken as constant (two calls
 * for any number of dates in it); a month with a change (daylight saving, a historical switch) is
 * asked per quarter hour holding a date (every change falls on one).
 */
function offsetsOf(zone: string): OffsetAt {
  const slots = new Map<number, number>();
  const months = new Map<number, number | null>();
  const atSlot = (slot: number): number => {
    let off = slots.get(slot);
    if (off === undefined) {
      off = parseUtcOffset(Utilities.formatDate(new Date(slot * SLOT_MS), zone, 'Z')) ?? 0;
      slots.set(slot, off);
    }
    return off;
  };
  return (ms) => {
    const t = new Date(ms);
    const month = t.getUTCFullYear() * 12 + t.getUTCMonth();
    let constant = months.get(month);
    if (constant === undefined) {
      const first = Math.floor(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / SLOT_MS);
      const last = Math.floor(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / SLOT_MS) - 1;
      const a = atSlot(first);
      constant = a === atSlot(last) ? a : null;
      months.set(month, constant);
    }
    return constant !== null ? constant : atSlot(Math.floor(ms / SLOT_MS));
  };
}

/** The clock of a zone id (no spreadsheet call; `Utilities.formatDate` only for dates that need it). */
export function clockOf(zone: string): SheetClock {
  const vietnam = isVietnamTime(zone);
  if (vietnam && !hasOffsetHistory(zone)) return { zone, ...FIXED_VIETNAM };
  const offsetAt = offsetsOf(zone);
  // On Vietnam's clock only dates before 1976 need converting (VN_CLOCK_SINCE_MS).
  const needs = vietnam ? (ms: number) => ms < VN_CLOCK_SINCE_MS : () => true;
  const read = (d: Date) => (needs(d.getTime()) ? new Date(zoneToVn(d.getTime(), offsetAt)) : d);
  const write = (d: Date) => (needs(d.getTime()) ? new Date(vnToZone(d.getTime(), offsetAt)) : d);
  return {
    zone,
    vietnam,
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
