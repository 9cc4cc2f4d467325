/**
 * "Sửa số CCCD bị mất số 0" and "Hoàn tác sửa CCCD": the one explicit, confirmed, undoable change
 * to what units typed.
 */
import { consolidate, parseCccd, type Cell } from '../../src/core';
import { GAS } from '../../src/core/messages';
import { fixCccdNumbers, runValidation, undoCccdFix } from '../../src/gas/main';
import { PROP } from '../../src/gas/names';
import { TEXT_FORMAT } from '../../src/gas/write';
import { DEFAULT_NUMBER_FORMAT } from '../emulator';
import { envSnapshot, gasEnv, inputCells, loadSnapshot, resetGlobals, values, type TestEnv } from './helpers';
import { makeProvince } from './province';

afterEach(resetGlobals);

const CCCD = 3; // column D in the generated learner sheets

/** The undo records the fix keeps in document properties (one per fixed column). */
function fixRecords(env: TestEnv): string[] {
  const all = env.properties.document.getProperties();
  return Object.keys(all)
    .filter((k) => k === PROP.cccdFix || k.startsWith(`${PROP.cccdFix}:`))
    .map((k) => all[k]);
}

function numericCells(env: TestEnv, sheets: string[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const s of sheets)
    values(env, s).forEach((r, i) => typeof r[CCCD] === 'number' && parseCccd(r[CCCD]).kind === 'numeric' && out.push([s, i, r[CCCD] as number]));
  return out;
}

test('the fix turns CCCD number cells into 12-digit text after confirmation, and undo restores them', () => {
  const env = gasEnv();
  const p = makeProvince({ learners: 2000, units: 20, unitTabs: 2, badEvery: 13 });
  loadSnapshot(env, p.snapshot);
  const before = inputCells(env);
  const beforeFormats = Object.fromEntries(p.learnerSheets.map((s) => [s, env.sheetFormats(s).map((r) => r[CCCD])]));
  const numeric = numericCells(env, p.learnerSheets);
  expect(numeric.length).toBeGreaterThan(10);

  // Declined: nothing changes.
  env.ui.respondToNextAlert('NO');
  expect(env.menu(() => fixCccdNumbers())).toBe(0);
  expect(env.ui.alerts[0].prompt).toBe(GAS.fix.confirm(numeric.length, p.learnerSheets));
  expect(inputCells(env)).toEqual(before);

  // Accepted.
  env.ui.respondToNextAlert('YES');
  expect(env.menu(() => fixCccdNumbers())).toBe(numeric.length);
  for (const [s, i, n] of numeric) {
    expect(values(env, s)[i][CCCD]).toBe(parseCccd(n).digits);
    expect(env.sheetNotes(s)[i][CCCD]).toBe(GAS.fix.notePrefix + String(n));
  }
  for (const s of p.learnerSheets) {
    const formats = env.sheetFormats(s).map((r) => r[CCCD]);
    const header = 2; // title rows + header
    expect(new Set(formats.slice(header + 1))).toEqual(new Set([TEXT_FORMAT]));
  }
  // Only those cells changed.
  const after = inputCells(env);
  for (const [s, i, n] of numeric) after.get(s)![i][CCCD] = n;
  expect(after).toEqual(before);
  // The run sees 12-digit CCCDs now; the old values are in notes, not in document properties.
  expect(consolidate(envSnapshot(env), { today: '2026-11-20' }).issues.filter((x) => x.code === 'CCCD_NUMERIC_CELL')).toHaveLength(0);
  const records = fixRecords(env);
  expect(records.length).toBe(p.learnerSheets.length);
  for (const json of records) expect(json).not.toMatch(/\d{10}/);

  // A cell retyped after the fix is left alone by undo.
  const [rs, ri] = numeric[0];
  env.userEdit(rs, [ri + 1, CCCD + 1], '038099000777');

  env.ui.respondToNextAlert('YES');
  const restored = env.menu(() => undoCccdFix());
  expect(restored).toBe(numeric.length - 1);
  const final = inputCells(env);
  final.get(rs)![ri][CCCD] = numeric[0][2];
  expect(final).toEqual(before);
  expect(values(env, rs)[ri][CCCD]).toBe('038099000777');
  for (const s of p.learnerSheets) {
    expect(env.sheetNotes(s).every((r) => !r[CCCD])).toBe(true);
    const norm = (f: string) => (f === DEFAULT_NUMBER_FORMAT ? '' : f);
    expect(env.sheetFormats(s).map((r) => norm(r[CCCD]))).toEqual(beforeFormats[s].map(norm));
  }
  expect(fixRecords(env)).toEqual([]);
  expect(env.menu(() => undoCccdFix())).toBe(0);
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(GAS.fix.nothingToUndo);
});

test('the fix keeps formulas and other notes, and says so when there is nothing to fix', () => {
  const env = gasEnv();
  const rows: Cell[][] = [
    ['STT', 'Họ và tên', 'Email', 'Số CCCD', 'Đơn vị'],
    [1, 'Nguyễn Văn An', '', 38085000001, 'Sở Ngành'],
    [2, 'Trần Thị Bình', '', '=TEXT(38085000002,"000000000000")', 'Sở Ngành'],
    [3, 'Lê Văn Cường', '', '038085000003', 'Sở Ngành'],
  ];
  env.addSheet('Học viên', rows, { notes: rows.map((_, i) => ['', '', '', i === 3 ? 'ghi chú của đơn vị' : '', '']) });
  env.ui.respondToNextAlert('YES');
  expect(env.menu(() => fixCccdNumbers())).toBe(1);
  const sheet = env.spreadsheet.getSheetByName('Học viên')!;
  expect(sheet.getRange('D3').getFormula()).toBe('=TEXT(38085000002,"000000000000")');
  expect(sheet.getRange('D4').getNote()).toBe('ghi chú của đơn vị');
  expect(values(env, 'Học viên')[1][3]).toBe('038085000001');
  expect(env.menu(() => fixCccdNumbers())).toBe(0);
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(GAS.fix.nothing);
  env.menu(() => runValidation());
});

test('a province with a tab per unit (150 tabs): the whole fix is recorded and undone (one property per column, never past 9 KB)', () => {
  const env = gasEnv();
  const p = makeProvince({ learners: 4000, units: 150, unitTabs: 150, badEvery: 2 });
  loadSnapshot(env, p.snapshot);
  const before = inputCells(env);
  const numeric = numericCells(env, p.learnerSheets);
  expect(p.learnerSheets.length).toBeGreaterThanOrEqual(150);
  expect(numeric.length).toBeGreaterThan(150);
  env.ui.respondToNextAlert('YES');
  expect(env.menu(() => fixCccdNumbers())).toBe(numeric.length);
  // every fixed column has its record; together they are larger than one property could hold
  const records = fixRecords(env);
  const fixedSheets = new Set(numeric.map(([s]) => s));
  expect(records.length).toBe(fixedSheets.size);
  expect(Buffer.byteLength(JSON.stringify(records))).toBeGreaterThan(9 * 1024);
  env.ui.respondToNextAlert('YES');
  expect(env.menu(() => undoCccdFix())).toBe(numeric.length);
  expect(inputCells(env)).toEqual(before);
  expect(fixRecords(env)).toEqual([]);
});

test('a unit tab this account cannot edit: the fix and its undo are refused before anything changes (issue 11 §1)', () => {
  const owner = 'owner@skhcn.example.gov.vn';
  const staff = 'canbo2@skhcn.example.gov.vn';
  const env = gasEnv({ user: owner, editors: [staff] });
  const p = makeProvince({ learners: 600, units: 6, unitTabs: 2, badEvery: 13 });
  loadSnapshot(env, p.snapshot);
  const tab = p.learnerSheets.find((s) => s !== 'Học viên' && numericCells(env, [s]).length > 0)!;
  expect(tab).toBeDefined();
  // the owner protects the unit's tab for the unit alone: the staff member is not an editor
  const prot = env.spreadsheet.getSheetByName(tab)!.protect();
  prot.removeEditors(prot.getEditors());
  prot.addEditor('dv001@example.gov.vn');
  env.setUser(staff);
  const before = inputCells(env);
  const alerts = env.ui.alerts.length;
  expect(env.menu(() => fixCccdNumbers())).toBe(0);
  expect(inputCells(env)).toEqual(before);
  expect(fixRecords(env)).toEqual([]);
  const said = env.ui.alerts
    .slice(alerts)
    .map((a) => a.prompt)
    .join('\n');
  expect(said).toContain(tab);
  expect(said).toContain(owner);

  // the owner fixes; then the staff member cannot undo the protected tab's part either
  env.setUser(owner);
  env.ui.respondToNextAlert('YES');
  expect(env.menu(() => fixCccdNumbers())).toBeGreaterThan(0);
  env.setUser(staff);
  const fixed = inputCells(env);
  expect(env.menu(() => undoCccdFix())).toBe(0);
  expect(inputCells(env)).toEqual(fixed);
});
