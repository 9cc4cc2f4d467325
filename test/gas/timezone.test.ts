/**
 * The spreadsheet's own time zone (issue 11 §4): Date cells are read as the wall-clock the sheet
 * shows (a sheet on Asia/Tokyo does not move 25/11 to 24/11), the dates we write show the
 * Vietnamese date (a sheet on America/Los_Angeles is not stamped with yesterday), across daylight
 * saving; a sheet not on Vietnam time is a warning, and setup offers to change its zone. A sheet
 * on Vietnam time costs nothing more.
 */
import type { Cell, Report } from '../../src/core';
import { SHEET } from '../../src/core/schema';
import { GAS } from '../../src/core/messages';
import { onEdit, runConsolidation, runSetup, runValidation } from '../../src/gas/main';
import { appendEntries, openLog } from '../../src/gas/mail';
import { runErrorEntry } from '../../src/core/sendlog';
import { clockOf } from '../../src/gas/tz';
import { fromLocal } from '../emulator';
import { learner, REPORT_HEADER, workbook } from '../helpers/workbook';
import { gasEnv, loadSnapshot, resetGlobals, values, type TestEnv } from './helpers';

afterEach(resetGlobals);

const HOUR = 3600e3;

/** SO01 updated on the deadline day (25/11), XA001 the day after, TR01 not at all; 200 learners born 01/01/1985. */
function seed(env: TestEnv, zone: string, learners = 200): void {
  const day = (d: number) => fromLocal(zone, 2026, 11, d); // a date typed in that sheet
  const born = fromLocal(zone, 1985, 1, 1);
  loadSnapshot(
    env,
    workbook({
      config: [['Hạn báo cáo hằng tháng (ngày)', 25]],
      learners: Array.from({ length: learners }, () => learner({ birth: born })),
      reports: [
        REPORT_HEADER,
        ['11/2026', 'SO01', 'Sở Tài chính', 10, '', '', '', '', '', day(25)],
        ['11/2026', 'XA001', 'UBND xã Yên Định', 5, 100, '', '', '', '', day(26)],
      ],
    }),
  );
}

function unitReport(report: Report, code: string) {
  return report.units.find((u) => u.code === code)!.report;
}

function calls(env: TestEnv): Record<string, number> {
  return env.counters.snapshot().calls;
}

test('Asia/Tokyo: 25/11 is on time and 26/11 late at deadline 25; Ngày sinh 01/01/1985 is 1985; Lỗi dữ liệu warns about the zone', () => {
  const env = gasEnv({ timeZone: 'Asia/Tokyo', now: new Date('2026-11-27T03:00:00Z') });
  seed(env, 'Asia/Tokyo');
  const result = env.menu(() => runConsolidation());
  expect(result.status).toBe('done');
  const report = result.report!;
  expect(unitReport(report, 'SO01')).toMatchObject({ submitted: true, late: false, updated: '2026-11-25' });
  expect(unitReport(report, 'XA001')).toMatchObject({ submitted: true, late: true, updated: '2026-11-26' });
  // Born 01/01/1985 as the sheet shows it: the CCCD's year (…085…) agrees.
  expect(report.issues.filter((i) => i.code === 'CCCD_MISMATCH')).toEqual([]);
  // One warning, naming the zone and how to change it, in Lỗi dữ liệu.
  const warn = report.issues.filter((i) => i.code === 'TIME_ZONE_DIFFERS');
  expect(warn).toHaveLength(1);
  expect(warn[0].severity).toBe('warning');
  expect(warn[0].message).toContain('“Asia/Tokyo”');
  expect(warn[0].fix).toContain('Tệp ▸ Cài đặt ▸ Múi giờ');
  expect(warn[0].fix).toContain('Khởi tạo bảng tính mẫu');
  const sheet = values(env, SHEET.issues)
    .map((r) => r.join(' | '))
    .join('\n');
  expect(sheet).toContain('Asia/Tokyo');
  // The offset is asked twice per month holding a date, not per cell: 200 birth dates (01/1985), 2 report dates (11/2026).
  expect(calls(env)['Utilities.formatDate'] ?? 0).toBeLessThanOrEqual(4);
  expect(calls(env)['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
  // Kiểm tra dữ liệu warns too.
  expect(env.menu(() => runValidation()).report!.issues.some((i) => i.code === 'TIME_ZONE_DIFFERS')).toBe(true);
});

test('Asia/Ho_Chi_Minh: same results, no warning, and no call beyond the zone itself (no per-cell cost)', () => {
  const vn = gasEnv({ timeZone: 'Asia/Ho_Chi_Minh', now: new Date('2026-11-27T03:00:00Z') });
  seed(vn, 'Asia/Ho_Chi_Minh');
  vn.counters.reset();
  const report = vn.menu(() => runConsolidation()).report!;
  expect(unitReport(report, 'SO01')).toMatchObject({ late: false, updated: '2026-11-25' });
  expect(unitReport(report, 'XA001')).toMatchObject({ late: true, updated: '2026-11-26' });
  expect(report.issues.some((i) => i.code === 'TIME_ZONE_DIFFERS')).toBe(false);
  const vnCalls = calls(vn);
  expect(vnCalls['Utilities.formatDate']).toBeUndefined();
  expect(vnCalls['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
  resetGlobals();

  // The same run in Tokyo makes exactly the same calls, plus the offsets it asks Utilities for.
  const tokyo = gasEnv({ timeZone: 'Asia/Tokyo', now: new Date('2026-11-27T03:00:00Z') });
  seed(tokyo, 'Asia/Tokyo');
  tokyo.counters.reset();
  tokyo.menu(() => runConsolidation());
  const tokyoCalls = { ...calls(tokyo) };
  expect(tokyoCalls['Utilities.formatDate']).toBeGreaterThan(0);
  delete tokyoCalls['Utilities.formatDate'];
  expect(tokyoCalls).toEqual(vnCalls);

  // Other zones on Vietnam's clock are not warned about either.
  resetGlobals();
  const bkk = gasEnv({ timeZone: 'Asia/Bangkok', now: new Date('2026-11-27T03:00:00Z') });
  seed(bkk, 'Asia/Bangkok', 5);
  expect(bkk.menu(() => runValidation()).report!.issues.some((i) => i.code === 'TIME_ZONE_DIFFERS')).toBe(false);
  expect(calls(bkk)['Utilities.formatDate']).toBeUndefined();
});

test('America/Los_Angeles: an edit at 08:00 on 20/11 in Vietnam (17:00 on 19/11 there) is stamped 20/11/2026', () => {
  const env = gasEnv({ timeZone: 'America/Los_Angeles', now: new Date('2026-11-20T01:00:00Z') });
  seed(env, 'America/Los_Angeles', 3);
  const rows = values(env, 'Báo cáo tháng').length;
  const ev = env.userEdit('Báo cáo tháng', [rows + 1, 1], [['11/2026', 'TR01', '', 7]], { raw: true });
  env.counters.reset();
  expect(env.run('simple-trigger', () => onEdit(ev as never))).toMatchObject({ kind: 'stamped', rows: 1 });
  expect(calls(env)['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
  const cell = env.spreadsheet.getSheetByName('Báo cáo tháng')!.getRange(rows + 1, 10);
  expect(cell.getDisplayValue()).toBe('20/11/2026');
  // … and the next run reads it back as today's report.
  expect(unitReport(env.menu(() => runValidation()).report!, 'TR01')).toMatchObject({ submitted: true, late: false, updated: '2026-11-20' });
});

test('Asia/Tokyo: the instant check of an edited learner row reads its Ngày sinh as the sheet shows it', () => {
  const env = gasEnv({ timeZone: 'Asia/Tokyo', now: new Date('2026-11-20T03:00:00Z') });
  seed(env, 'Asia/Tokyo', 3);
  const row = values(env, 'Học viên').length + 1;
  const typed = learner({ birth: '' });
  const ev1 = env.userEdit('Học viên', [row, 1], [typed], { raw: true });
  env.run('simple-trigger', () => onEdit(ev1 as never));
  // the unit types the date in the sheet (local midnight of the sheet's zone)
  const ev = env.userEdit('Học viên', [row, 9], '01/01/1985');
  expect(Object.prototype.toString.call(values(env, 'Học viên')[row - 1][8])).toBe('[object Date]');
  const out = env.run('simple-trigger', () => onEdit(ev as never));
  expect(out).toMatchObject({ kind: 'checked' });
  const statuses = (out as { statuses: string[] }).statuses;
  expect(statuses[0]).not.toMatch(/năm sinh|Ngày sinh/i);
  expect(statuses[0]).toBe(fullRunStatus(env, row));
});

/** The status the full run gives the same row (the reference for the instant check). */
function fullRunStatus(env: TestEnv, row: number): string {
  const report = env.menu(() => runValidation()).report!;
  expect(report.issues.filter((i) => i.sheet === 'Học viên' && i.row === row)).toEqual([]);
  const v = values(env, 'Học viên');
  const col = v[0].indexOf('Kết quả kiểm tra');
  return String(v[row - 1][col]);
}

test('Europe/London across daylight saving: written dates show the Vietnamese wall-clock in summer and winter, and read back unchanged', () => {
  const env = gasEnv({ timeZone: 'Europe/London', now: new Date('2026-07-15T01:00:00Z') });
  const clock = clockOf('Europe/London');
  const show = (d: Date) => Utilities.formatDate(d, 'Europe/London', 'dd/MM/yyyy HH:mm');
  const vn = (y: number, m: number, d: number, h: number, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min) - 7 * HOUR);
  for (const t of [vn(2026, 7, 15, 0), vn(2026, 7, 15, 8), vn(2026, 11, 20, 0), vn(2026, 11, 20, 23, 30), vn(2026, 10, 25, 1, 30)]) {
    const written = clock.write(t);
    const p = new Date(t.getTime() + 7 * HOUR);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(show(written)).toBe(`${pad(p.getUTCDate())}/${pad(p.getUTCMonth() + 1)}/${p.getUTCFullYear()} ${pad(p.getUTCHours())}:${pad(p.getUTCMinutes())}`);
    expect(clock.read(written).getTime()).toBe(t.getTime());
  }
  // 29/03/2026 01:30 does not exist in London (clocks go from 01:00 to 02:00): it moves forward.
  expect(show(clock.write(vn(2026, 3, 29, 1, 30)))).toBe('29/03/2026 02:30');
  // Dates typed in summer and in winter are read as the days they show.
  const rows: Cell[][] = [[fromLocal('Europe/London', 2026, 7, 15), fromLocal('Europe/London', 2026, 12, 1), 'x']];
  clock.readRows(rows);
  expect(rows[0].slice(0, 2)).toEqual([vn(2026, 7, 15, 0), vn(2026, 12, 1, 0)]);
  // The stamp of an edit in summer shows the Vietnamese date (08:00 in Vietnam is 02:00 in London).
  seed(env, 'Europe/London', 3);
  const at = values(env, 'Báo cáo tháng').length + 1;
  const ev = env.userEdit('Báo cáo tháng', [at, 1], [['7/2026', 'TR01', '', 7]], { raw: true });
  env.run('simple-trigger', () => onEdit(ev as never));
  expect(env.spreadsheet.getSheetByName('Báo cáo tháng')!.getRange(at, 10).getDisplayValue()).toBe('15/07/2026');
});

test('send-log times show the Vietnamese date in a sheet on another zone and read back as the same instant', () => {
  // 23:30 on 20/11 in Vietnam is 01:30 on 21/11 in Tokyo
  const now = new Date('2026-11-20T16:30:00Z');
  const env = gasEnv({ timeZone: 'Asia/Tokyo', now });
  seed(env, 'Asia/Tokyo', 1);
  env.menu(() => {
    const log = openLog(env.spreadsheet as never, true)!;
    appendEntries(log, [runErrorEntry(now, 'thử')]);
  });
  const log = env.spreadsheet.getSheetByName(SHEET.mailLog)!;
  expect(log.getRange(2, 1).getDisplayValue()).toBe('20/11/2026 23:30:00');
  const back = env.menu(() => openLog(env.spreadsheet as never, false))!;
  expect(back.entries[0].time!.getTime()).toBe(now.getTime());
});

test('Khởi tạo bảng tính mẫu offers Vietnam time: YES changes the zone (dates keep what they show), NO changes nothing', () => {
  const yes = gasEnv({ timeZone: 'Asia/Tokyo' });
  seed(yes, 'Asia/Tokyo', 1);
  const cell = () => yes.spreadsheet.getSheetByName('Báo cáo tháng')!.getRange(2, 10);
  expect(cell().getDisplayValue()).toBe('25/11/2026');
  yes.ui.respondToNextAlert('YES');
  yes.menu(() => runSetup());
  expect(yes.ui.alerts[0]).toMatchObject({ buttons: 'YES_NO' });
  expect(yes.ui.alerts[0].prompt).toContain('“Asia/Tokyo”');
  expect(yes.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
  expect(yes.ui.alerts[yes.ui.alerts.length - 1].prompt).toContain(GAS.timeZone.changed('Asia/Tokyo'));
  expect(cell().getDisplayValue()).toBe('25/11/2026');
  // the next run has nothing to warn about and reads the same date
  const report = yes.menu(() => runValidation()).report!;
  expect(report.issues.some((i) => i.code === 'TIME_ZONE_DIFFERS')).toBe(false);
  expect(unitReport(report, 'SO01').updated).toBe('2026-11-25');
  resetGlobals();

  const no = gasEnv({ timeZone: 'Asia/Tokyo' });
  seed(no, 'Asia/Tokyo', 1);
  no.ui.respondToNextAlert('NO');
  no.counters.reset();
  no.menu(() => runSetup());
  expect(no.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
  expect(calls(no)['Spreadsheet.setSpreadsheetTimeZone']).toBeUndefined();
  expect(no.ui.alerts[no.ui.alerts.length - 1].prompt).not.toContain(GAS.timeZone.changed('Asia/Tokyo'));
  resetGlobals();

  // On Vietnam time, setup asks nothing.
  const vn = gasEnv();
  vn.menu(() => runSetup());
  expect(vn.ui.alerts).toHaveLength(1);
  expect(vn.ui.alerts[0].buttons).not.toBe('YES_NO');
});

test('emulator: setSpreadsheetTimeZone keeps what date cells show, changes what getValues returns, and refuses an unknown zone', () => {
  const env = gasEnv({ timeZone: 'Asia/Ho_Chi_Minh' });
  env.addSheet('A', [[fromLocal('Asia/Ho_Chi_Minh', 2026, 11, 25)]]);
  const range = env.spreadsheet.getSheetByName('A')!.getRange(1, 1);
  env.spreadsheet.setSpreadsheetTimeZone('Asia/Tokyo');
  expect(range.getDisplayValue()).toBe('25/11/2026');
  expect((range.getValue() as Date).getTime()).toBe(Date.UTC(2026, 10, 24, 15));
  // a Date written is stored as that instant, shown in the spreadsheet's zone
  range.setValues([[new Date(Date.UTC(2026, 10, 24, 16))]]);
  expect(range.getDisplayValue()).toBe('25/11/2026 1:00:00');
  expect((range.getValue() as Date).getTime()).toBe(Date.UTC(2026, 10, 24, 16));
  expect(() => env.spreadsheet.setSpreadsheetTimeZone('Asia/Hanoi_City')).toThrow('Invalid argument');
  expect(env.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
});

test('Asia/Ho_Chi_Minh before 1976: a birth date typed 01/01/1965 (Vietnam then on UTC+8) is read as 1965, with one offset lookup per month', () => {
  const env = gasEnv({ timeZone: 'Asia/Ho_Chi_Minh', now: new Date('2026-11-27T03:00:00Z') });
  const born = fromLocal('Asia/Ho_Chi_Minh', 1965, 1, 1); // midnight UTC+8: 31/12/1964 16:00 UTC
  expect(born.toISOString()).toBe('1964-12-31T16:00:00.000Z');
  const later = fromLocal('Asia/Ho_Chi_Minh', 1985, 1, 1);
  loadSnapshot(
    env,
    workbook({
      learners: [
        ...Array.from({ length: 50 }, (_, i) => learner({ cccd: `038065${String(200000 + i)}`, birth: born })),
        ...Array.from({ length: 50 }, () => learner({ birth: later })),
      ],
    }),
  );
  const report = env.menu(() => runConsolidation()).report!;
  // the CCCD's year (…065…) agrees with the birth date as the sheet shows it
  expect(report.issues.filter((i) => i.code === 'CCCD_MISMATCH')).toEqual([]);
  expect(report.issues.some((i) => i.code === 'TIME_ZONE_DIFFERS')).toBe(false);
  // 50 dates in January 1965: two lookups (the month's first and last quarter hour); none for 1985
  expect(calls(env)['Utilities.formatDate']).toBe(2);
});
