/**
 * "Xuất danh sách tạo tài khoản" in the emulator: the prompt, the sheet it writes (the core's list
 * for that workbook, CCCDs as 12-digit text in plain-text cells, formula-like text kept as text),
 * the calls it makes, and what it leaves alone.
 */
import { accountList, consolidate, type Cell } from '../../src/core';
import { ACCOUNT_LIST, GAS } from '../../src/core/messages';
import { SHEET } from '../../src/core/schema';
import { todayYmd } from '../../src/gas/env';
import { exportAccountList, runConsolidation } from '../../src/gas/main';
import { MENU } from '../../src/gas/menu';
import { tempSheetName } from '../../src/gas/names';
import { TEXT_FORMAT } from '../../src/gas/write';
import { envSnapshot, gasEnv, inputCells, loadSnapshot, resetGlobals, sheetNames, trimGrid, values, type TestEnv } from './helpers';
import { makeProvince } from './province';

afterEach(resetGlobals);

const CCCD = 3; // column D of the list

function setup(): { env: TestEnv; learnerSheets: string[] } {
  const env = gasEnv();
  const p = makeProvince({ learners: 600, units: 12, unitTabs: 1, badEvery: 11 });
  // a department that looks like a formula, one that looks like a number, on valid rows of Học viên
  const hv = p.snapshot.sheets.find((s) => s.name === 'Học viên')!;
  const header = hv.values.findIndex((r) => r[0] === 'STT');
  hv.values[header + 1][4] = '=HYPERLINK("http://x.example";"bấm")';
  hv.values[header + 2][4] = '+84 0912';
  loadSnapshot(env, p.snapshot);
  return { env, learnerSheets: p.learnerSheets };
}

/** The list the core makes for the workbook the emulator holds now. */
function expected(env: TestEnv, unit?: string) {
  const snapshot = envSnapshot(env);
  return accountList(snapshot, consolidate(snapshot, { today: todayYmd() }), { unit });
}

test('the menu has the item, bound to a global entry point', () => {
  expect(MENU).toContainEqual([GAS.menu.accounts, 'exportAccountList']);
});

test('blank answer: the whole province, as the core lists it, CCCDs as 12-digit text, one setValues', () => {
  const { env, learnerSheets } = setup();
  const before = inputCells(env);
  const want = expected(env);
  expect(want.counts.invalid).toBeGreaterThan(10);
  expect(want.counts.duplicates).toBeGreaterThan(0);
  env.counters.reset();
  env.ui.respondToNextPrompt('');
  const r = env.menu(() => exportAccountList());
  expect(r.status).toBe('done');
  expect(r.counts).toEqual(want.counts);

  // The prompt, then the result.
  expect(env.ui.prompts).toHaveLength(1);
  expect(env.ui.prompts[0]).toMatchObject({ title: GAS.accounts.title, prompt: GAS.accounts.prompt, buttons: 'OK_CANCEL' });
  expect(env.ui.alerts.map((a) => a.prompt)).toEqual([GAS.accounts.done(want.counts.exported, null, want.counts.invalid, want.counts.duplicates)]);

  // The sheet: the core's grid, stored exactly (no value parsed).
  const got = values(env, SHEET.accounts);
  expect(trimGrid(got)).toEqual(trimGrid(want.rows));
  const data = got.slice(3);
  expect(data.length).toBe(want.counts.exported);
  for (const row of data) {
    expect(typeof row[CCCD]).toBe('string');
    expect(row[CCCD]).toMatch(/^\d{12}$/);
  }
  // A CCCD that was a number cell is in the list as 12-digit text with its leading zero.
  const numeric = learnerSheets.flatMap((s) =>
    values(env, s)
      .map((row) => row[3])
      .filter((v): v is number => typeof v === 'number'),
  );
  expect(numeric.length).toBeGreaterThan(0);
  const listed = new Set(data.map((row) => row[CCCD]));
  expect(numeric.some((n) => listed.has(String(n).padStart(12, '0')))).toBe(true);
  // Formula-like text stays text: no formula anywhere on the sheet.
  const departments = data.map((row) => row[4]);
  expect(departments).toContain('=HYPERLINK("http://x.example";"bấm")');
  expect(departments).toContain('+84 0912');
  const sheet = env.spreadsheet.getSheetByName(SHEET.accounts)!;
  const formats = env.sheetFormats(SHEET.accounts);
  for (const row of formats.slice(3, 3 + data.length)) expect(row.slice(1, 6)).toEqual([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT]);
  expect(sheet.getFrozenRows()).toBe(3);

  // Calls: one value write for the whole grid; reads in batch (one getValues per input sheet here).
  const calls = env.counters.snapshot().calls;
  expect(calls['Range.setValues']).toBe(1);
  expect(calls['Range.setValue'] ?? 0).toBe(0);
  expect(calls['Range.getValues']).toBe(envSnapshot(env).sheets.length);
  expect(calls['Lock.tryLock']).toBe(1);
  expect(calls['Lock.releaseLock']).toBe(1);
  expect(
    sheet
      .getRange(1, 1, got.length, 6)
      .getFormulas()
      .flat()
      .every((f) => f === ''),
  ).toBe(true);

  // Nothing else changed, no temporary sheet left, the list is active and protected.
  expect(inputCells(env)).toEqual(before);
  expect(sheetNames(env).some((n) => n.startsWith(SHEET.accounts + ' '))).toBe(false);
  expect(env.spreadsheet.getActiveSheet().getName()).toBe(SHEET.accounts);
  expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);

  // The next consolidation does not read the list back as learners.
  const rowsBefore = consolidate(envSnapshot(env), { today: todayYmd() }).province.learners;
  const run = env.menu(() => runConsolidation());
  expect(run.report!.province.learners).toEqual(rowsBefore);
  expect(run.report!.tables.some((t) => t.sheet === SHEET.accounts)).toBe(false);
});

test('a unit code: only that unit (here the unit with its own tab); a second export replaces the sheet', () => {
  const { env } = setup();
  env.ui.respondToNextPrompt('DV001');
  env.menu(() => exportAccountList());
  const want = expected(env, 'DV001');
  expect(want.unit).toEqual({ code: 'DV001', name: 'Sở Ngành Yên Định' });
  const got = values(env, SHEET.accounts);
  expect(trimGrid(got)).toEqual(trimGrid(want.rows));
  expect(got.length).toBeGreaterThan(4);
  expect(new Set(got.slice(3).map((r) => r[5]))).toEqual(new Set(['Sở Ngành Yên Định']));
  expect(env.ui.alerts[0].prompt).toBe(GAS.accounts.done(want.counts.exported, 'Sở Ngành Yên Định', want.counts.invalid, want.counts.duplicates));

  // By name, typed loosely: replaces the sheet in place.
  const index = env.spreadsheet.getSheetByName(SHEET.accounts)!.getIndex();
  env.ui.respondToNextPrompt(' ubnd xa tho xuan ');
  env.menu(() => exportAccountList());
  const second = values(env, SHEET.accounts);
  expect(trimGrid(second)).toEqual(trimGrid(expected(env, 'UBND xã Thọ Xuân').rows));
  expect(new Set(second.slice(3).map((r) => r[5]))).toEqual(new Set(['UBND xã Thọ Xuân']));
  expect(env.spreadsheet.getSheetByName(SHEET.accounts)!.getIndex()).toBe(index);
  expect(sheetNames(env).filter((n) => n === SHEET.accounts)).toHaveLength(1);
});

test('an unknown unit: a Vietnamese message, the previous list kept, no temporary sheet', () => {
  const { env } = setup();
  env.ui.respondToNextPrompt('');
  env.menu(() => exportAccountList());
  const previous = values(env, SHEET.accounts);
  env.ui.alerts.length = 0;
  env.ui.respondToNextPrompt('UBND xã Thọ Xuâm');
  const r = env.menu(() => exportAccountList());
  expect(r.status).toBe('failed');
  expect(env.ui.alerts.map((a) => a.prompt)).toEqual([ACCOUNT_LIST.unknownUnit('UBND xã Thọ Xuâm', 'UBND xã Thọ Xuân')]);
  expect(values(env, SHEET.accounts)).toEqual(previous);
  expect(env.spreadsheet.getSheetByName(tempSheetName(SHEET.accounts))).toBeNull();
});

test('cancel: nothing read, nothing written; another run holding the lock: busy, nothing written', () => {
  const { env } = setup();
  env.counters.reset();
  env.ui.respondToNextPrompt('DV001', 'CANCEL');
  expect(env.menu(() => exportAccountList()).status).toBe('cancelled');
  const calls = env.counters.snapshot().calls;
  expect(calls['Range.getValues'] ?? 0).toBe(0);
  expect(env.spreadsheet.getSheetByName(SHEET.accounts)).toBeNull();

  env.simulateOtherExecutionHoldingLock('document', 60_000);
  env.ui.respondToNextPrompt('');
  const r = env.menu(() => exportAccountList());
  expect(r.status).toBe('busy');
  expect(env.ui.alerts.map((a) => a.prompt)).toEqual([GAS.busy]);
  expect(env.spreadsheet.getSheetByName(SHEET.accounts)).toBeNull();
});

test('the list cells are the core values exactly (strings stay strings, STT numbers)', () => {
  const { env } = setup();
  env.ui.respondToNextPrompt('');
  env.menu(() => exportAccountList());
  const got = values(env, SHEET.accounts).slice(3) as Cell[][];
  got.forEach((r, i) => {
    expect(r[0]).toBe(i + 1);
    for (let c = 1; c < 6; c++) expect(typeof r[c]).toBe('string');
  });
});
