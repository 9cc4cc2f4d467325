/**
 * The pure side of the spreadsheet's time zone (src/core/dates.ts): which zones are Vietnam's
 * clock, the arithmetic between a zone's wall-clock and Vietnam's, and the TIME_ZONE_DIFFERS
 * warning the core adds when the adapter says the spreadsheet is on another zone.
 */
import { consolidate } from '../../src/core/consolidate';
import { isVietnamTime, parseUtcOffset, vnToZone, zoneToVn, type OffsetAt } from '../../src/core/dates';
import { learner, workbook } from '../helpers/workbook';

const H = 3600e3;

test('zones on Vietnam time need no conversion; others do', () => {
  for (const z of ['Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Asia/Bangkok', 'Asia/Jakarta', 'Etc/GMT-7', 'GMT+07:00', 'GMT+7'])
    expect([z, isVietnamTime(z)]).toEqual([z, true]);
  for (const z of ['Asia/Tokyo', 'America/Los_Angeles', 'Europe/London', 'Asia/Singapore', 'Etc/GMT+7', 'GMT-07:00', 'UTC', ''])
    expect([z, isVietnamTime(z)]).toEqual([z, false]);
});

test('offsets as Utilities.formatDate prints them (Z)', () => {
  expect(parseUtcOffset('+0900')).toBe(540);
  expect(parseUtcOffset('-0800')).toBe(-480);
  expect(parseUtcOffset('+0545')).toBe(345);
  expect(parseUtcOffset('+05:30')).toBe(330);
  expect(parseUtcOffset('GMT')).toBeNull();
});

/** London: +0 in winter, +1 from 29/03/2026 01:00 UTC to 25/10/2026 01:00 UTC. */
const london: OffsetAt = (ms) => (ms >= Date.UTC(2026, 2, 29, 1) && ms < Date.UTC(2026, 9, 25, 1) ? 60 : 0);

test('a wall-clock moves between a zone and Vietnam, daylight saving included', () => {
  // Tokyo midnight of 25/11 is Vietnam midnight of 25/11
  expect(zoneToVn(Date.UTC(2026, 10, 24, 15), () => 540)).toBe(Date.UTC(2026, 10, 24, 17));
  // London midnight in summer and in winter
  expect(zoneToVn(Date.UTC(2026, 6, 14, 23), london)).toBe(Date.UTC(2026, 6, 14, 17));
  expect(zoneToVn(Date.UTC(2026, 11, 1, 0), london)).toBe(Date.UTC(2026, 10, 30, 17));
  // and back
  expect(vnToZone(Date.UTC(2026, 6, 14, 17), london)).toBe(Date.UTC(2026, 6, 14, 23));
  expect(vnToZone(Date.UTC(2026, 10, 30, 17), london)).toBe(Date.UTC(2026, 11, 1, 0));
  // 01:30 on 29/03 does not exist in London: 02:30 BST (01:30 UTC)
  expect(vnToZone(Date.UTC(2026, 2, 29, 1, 30) - 7 * H, london)).toBe(Date.UTC(2026, 2, 29, 1, 30));
  // 01:30 on 25/10 happens twice: either is a right answer, and it reads back
  const twice = vnToZone(Date.UTC(2026, 9, 25, 1, 30) - 7 * H, london);
  expect([Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]).toContain(twice);
  expect(zoneToVn(twice, london)).toBe(Date.UTC(2026, 9, 25, 1, 30) - 7 * H);
});

test('TIME_ZONE_DIFFERS: a warning naming the zone when the spreadsheet is not on Vietnam time; none otherwise or without a zone', () => {
  const snap = workbook({ learners: [learner()] });
  const codes = (timeZone?: string) => consolidate(snap, { today: '2026-11-20', timeZone }).issues.filter((i) => i.code === 'TIME_ZONE_DIFFERS');
  const [w] = codes('America/Los_Angeles');
  expect(w).toMatchObject({ severity: 'warning' });
  expect(w.sheet).toBeUndefined();
  expect(w.message).toContain('“America/Los_Angeles”');
  expect(w.fix).toContain('Tệp ▸ Cài đặt ▸ Múi giờ');
  expect(codes('Asia/Ho_Chi_Minh')).toEqual([]);
  expect(codes('Asia/Bangkok')).toEqual([]);
  expect(codes(undefined)).toEqual([]);
});
