/**
 * Excel date serials <-> JS Dates, in Asia/Ho_Chi_Minh wall time (UTC+7, no DST), and the test
 * "is this number format a date format". No local-time Date method is used anywhere: the result
 * never depends on the machine's time zone.
 */

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST since 1975). */
export const VN_OFFSET_MS = 7 * 3_600_000;
/** Date.UTC(1899, 11, 30): day 0 of the 1900 date system (with Excel's 1900 leap-year bug). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Date.UTC(1904, 0, 1): day 0 of the 1904 date system. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The instant an Excel serial shows, read as Asia/Ho_Chi_Minh wall time — what Google Sheets'
 * getValues() returns for a sheet in that time zone.
 *
 * 1900 system: serials 1–59 are 1900-01-01…1900-02-28 as Excel shows them (Excel counts a
 * non-existent 1900-02-29, serial 60, which maps to 1900-02-28 here); serials in [0, 1) are times
 * of day on 1899-12-30 as in Google Sheets. Seconds are rounded to the nearest second unless the
 * serial carries a real millisecond part (more than 1 ms away from a whole second).
 */
export function serialToDate(serial: number, date1904 = false): Date {
  let days = Math.floor(serial);
  const frac = serial - days; // exact for doubles
  const secs = frac * 86400;
  const whole = Math.round(secs);
  const ms = Math.abs(secs - whole) < 1e-3 ? whole * 1000 : Math.round(secs * 1000);
  let epoch = EPOCH_1904;
  if (!date1904) {
    epoch = EPOCH_1900;
    if (days >= 1 && days < 60) days += 1;
  }
  return new Date(epoch + days * DAY_MS + ms - VN_OFFSET_MS);
}

/** The serial of the Asia/Ho_Chi_Minh wall time of `d` (inverse of serialToDate). NaN for an invalid Date. */
export function dateToSerial(d: Date, date1904 = false): number {
  const wall = d.getTime() + VN_OFFSET_MS;
  if (date1904) return (wall - EPOCH_1904) / DAY_MS;
  const s = (wall - EPOCH_1900) / DAY_MS;
  return s >= 2 && s < 61 ? s - 1 : s;
}

/** True when the Asia/Ho_Chi_Minh wall time of `d` is not midnight. */
export function hasTimeOfDay(d: Date): boolean {
  const ms = (((d.getTime() + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ms !== 0;
}

/**
 * A `t="d"` cell (ISO 8601, written by strict-OOXML tools): a string without a zone is a wall
 * time in Asia/Ho_Chi_Minh; with Z or ±hh:mm it is that instant. Null when unparsable.
 */
export function parseIsoDate(s: string): Date | null {
  const m = /^\s*(-?\d{4,})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d:?\d\d)?\s*$/.exec(s);
  if (!m) {
    const t = /^\s*(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?\s*$/.exec(s);
    if (!t) return null;
    const ms = Number(t[1]) * 3600_000 + Number(t[2]) * 60_000 + Number(t[3] ?? 0) * 1000 + Math.round(Number(`0.${t[4] ?? 0}`) * 1000);
    return new Date(EPOCH_1900 + ms - VN_OFFSET_MS);
  }
  const ms = Math.round(Number(`0.${m[7] ?? 0}`) * 1000);
  let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  // Date.UTC maps years 0–99 to 1900–1999; undo that
  if (Number(m[1]) >= 0 && Number(m[1]) < 100) {
    const d = new Date(t);
    d.setUTCFullYear(Number(m[1]));
    t = d.getTime();
  }
  const z = m[8];
  if (!z) t -= VN_OFFSET_MS;
  else if (z !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const hh = Number(z.slice(1, 3));
    const mm = Number(z.slice(-2));
    t -= sign * (hh * 60 + mm) * 60_000;
  }
  return Number.isNaN(t) ? null : new Date(t);
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30, plus the CJK/Thai date ids). */
export function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * True when a number format code shows a date or a time: it holds d, m, y, h or s outside
 * quoted literals ("…"), escaped characters (\x), fill and padding characters (*x, _x) and
 * brackets ([Red], [$-42A], [>=100]); elapsed-time brackets ([h], [mm], [ss]) count as time.
 */
export function isDateFormatCode(code: string): boolean {
  const n = code.length;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    switch (c) {
      case 34: {
        // "literal"
        const j = code.indexOf('"', i + 1);
        if (j < 0) return false;
        i = j;
        break;
      }
      case 92: // \x
      case 95: // _x
      case 42: // *x
        i++;
        break;
      case 91: {
        // [ … ]
        const j = code.indexOf(']', i + 1);
        if (j < 0) return false;
        if (/^(h+|m+|s+)$/i.test(code.slice(i + 1, j))) return true;
        i = j;
        break;
      }
      default:
        // d D m M y Y h H s S
        if (c === 100 || c === 68 || c === 109 || c === 77 || c === 121 || c === 89 || c === 104 || c === 72 || c === 115 || c === 83) return true;
    }
  }
  return false;
}
