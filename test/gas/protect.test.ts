/**
 * Protections for a team of department staff (issue 11 §1): the `Cán bộ Sở (email)` setting, the
 * canEdit() check before any write, the staff kept as editors, the schedule refused to an account
 * that cannot write the log. The emulator enforces protections against the effective user.
 */
import { ACCESS, GAS } from '../../src/core/messages';
import { SHEET } from '../../src/core/schema';
import type { Cell } from '../../src/core/types';
import { PROP } from '../../src/gas/names';
import { exportAccountList, runConsolidation, runValidation, showAbout } from '../../src/gas/main';
import { installSchedule, scheduledRun, showSchedule } from '../../src/gas/schedule';
import { MSG } from '../emulator';
import { findStatusColumn, gasEnv, loadSnapshot, resetGlobals, sheetNames, values, type TestEnv } from './helpers';
import { makeProvince } from './province';

afterEach(() => {
  jest.restoreAllMocks();
  resetGlobals();
});

const OWNER = 'chu.so.huu@skhcn.example.gov.vn';
const A = 'canbo.a@skhcn.example.gov.vn';
const B = 'canbo.b@skhcn.example.gov.vn';

/** A province workbook shared with A and B; `staff`: the `Cán bộ Sở (email)` cell (none: no row). */
function workbook(staff?: string): TestEnv {
  const env = gasEnv({ user: OWNER, editors: [A, B] });
  const p = makeProvince({ learners: 400, units: 8, unitTabs: 2, seed: 11 });
  const config = p.snapshot.sheets.find((s) => s.name === SHEET.config)!;
  if (staff !== undefined) config.values.push(['Cán bộ Sở (email)', staff]);
  loadSnapshot(env, p.snapshot);
  return env;
}

function editorsOf(env: TestEnv, name: string): string[] {
  const sheet = env.spreadsheet.getSheetByName(name)!;
  const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  expect(p).toHaveLength(1);
  return p[0]
    .getEditors()
    .map((u) => u.getEmail())
    .sort();
}

/** Every sheet's values (and the sheet list): compared before/after a refused run. */
function everything(env: TestEnv): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const name of sheetNames(env)) out.set(name, values(env, name));
  return out;
}

test('B, not in “Cán bộ Sở (email)”: Tổng hợp is refused before any write, the alert names the sheets and the owner', () => {
  const env = workbook();
  env.setUser(A);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  expect(editorsOf(env, SHEET.summary)).toEqual([A, OWNER].sort());

  env.setUser(B);
  const before = everything(env);
  const alerts = env.ui.alerts.length;
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('failed');
  expect(r.message).toBe(ACCESS.denied([SHEET.summary, SHEET.issues], B, OWNER));
  const alert = env.ui.alerts
    .slice(alerts)
    .map((a) => a.prompt)
    .join('\n');
  expect(alert).toContain(OWNER);
  expect(alert).toContain('“Tổng hợp”, “Lỗi dữ liệu”');
  expect(alert).toContain('Cán bộ Sở (email)');
  // nothing changed: every sheet, the sheet list, no temporary or "(bản cũ)" sheet
  expect(everything(env)).toEqual(before);
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix) || n.includes(GAS.retiredSuffix))).toEqual([]);
  // "Giới thiệu" shows the refusal as the last run
  const last = JSON.parse(env.properties.document.data.get(PROP.lastRun)!);
  expect(last).toMatchObject({ status: 'failed', message: r.message });
  env.menu(() => showAbout());
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toContain('không có quyền sửa');

  // Kiểm tra dữ liệu is refused the same way (it rewrites `Lỗi dữ liệu`)
  expect(env.menu(() => runValidation()).status).toBe('failed');
  expect(everything(env)).toEqual(before);
});

test('a shared-drive file has no owner: the message says whom to ask instead', () => {
  const env = workbook();
  env.setUser(A);
  env.menu(() => runConsolidation());
  env.setUser(B);
  jest.spyOn(env.spreadsheet, 'getOwner').mockReturnValue(null as never);
  const r = env.menu(() => runConsolidation());
  expect(r.message).toBe(ACCESS.denied([SHEET.summary, SHEET.issues], B, null));
  expect(r.message).toContain('bộ nhớ dùng chung');
});

test('B in “Cán bộ Sở (email)” after A’s run: B’s Tổng hợp succeeds and the protections list A, B and the owner', () => {
  const env = workbook(`${B}; khac@skhcn.example.gov.vn`);
  env.setUser(A);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  for (const name of [SHEET.summary, SHEET.issues]) expect(editorsOf(env, name)).toEqual([A, B, OWNER, 'khac@skhcn.example.gov.vn'].sort());

  env.setUser(B);
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('done');
  for (const name of [SHEET.summary, SHEET.issues]) expect(editorsOf(env, name)).toEqual([A, B, OWNER, 'khac@skhcn.example.gov.vn'].sort());
  expect(sheetNames(env).filter((n) => n.includes(GAS.tempSuffix) || n.includes(GAS.retiredSuffix))).toEqual([]);
  // and A still can
  env.setUser(A);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
});

test('a staff member added later is added to the protections by the next run of someone who can', () => {
  const env = workbook();
  env.setUser(A);
  env.menu(() => runConsolidation());
  env.userEdit(SHEET.config, [4, 1], [['Cán bộ Sở (email)', B]], { as: A });
  expect(env.menu(() => runConsolidation()).status).toBe('done');
  expect(editorsOf(env, SHEET.summary)).toEqual([A, B, OWNER].sort());
  env.setUser(B);
  expect(env.menu(() => runConsolidation()).status).toBe('done');
});

test('a bad address in “Cán bộ Sở (email)” is an issue naming the cell', () => {
  const env = workbook(`${B}, khong-phai-email`);
  env.setUser(A);
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('done');
  const issue = r.report!.issues.find((i) => i.code === 'CONFIG_INVALID')!;
  expect(issue).toMatchObject({ sheet: SHEET.config, row: 4, column: 'Cán bộ Sở (email)' });
  expect(issue.message).toContain('khong-phai-email');
});

test('a unit tab protected against B: the status column is checked before anything is written', () => {
  const env = workbook(B);
  env.setUser(A);
  env.menu(() => runConsolidation());
  const unitTab = sheetNames(env).find((n) => n !== SHEET.summary && n !== SHEET.issues && findStatusColumn(values(env, n)) >= 0)!;
  expect(unitTab).toBeDefined();
  // the unit protects its tab (owner only)
  env.setUser(OWNER);
  const p = env.spreadsheet.getSheetByName(unitTab)!.protect();
  p.removeEditors(p.getEditors());
  env.setUser(B);
  const before = everything(env);
  const r = env.menu(() => runConsolidation());
  expect(r.status).toBe('failed');
  expect(r.message).toBe(ACCESS.denied([unitTab], B, OWNER));
  expect(everything(env)).toEqual(before);
});

test('the schedule handed over to an account that cannot write the log is refused, with the reason', () => {
  const env = workbook();
  env.setUser(A);
  env.menu(() => runConsolidation());
  expect(env.run('menu', () => installSchedule()).status).toBe('installed');
  // A's hourly run creates the log, protected for A and the owner
  env.clock.set(new Date('2026-11-20T03:00:00Z'));
  env.run('time-trigger', () => scheduledRun());
  expect(editorsOf(env, SHEET.mailLog)).toEqual([A, OWNER].sort());

  env.setUser(B);
  const r = env.run('menu', () => installSchedule());
  expect(r.status).toBe('refused');
  expect(r.message).toContain(`“${SHEET.mailLog}”`);
  expect(r.message).toContain(OWNER);
  expect(env.triggers.list().map((t) => t.user)).toEqual([A]);
  // the menu dialog says why
  env.run('menu', () => showSchedule());
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(r.message);
  expect(env.triggers.list().map((t) => t.user)).toEqual([A]);
});

test('a schedule whose account lost access records the failure (never success) and writes nothing', () => {
  const env = workbook();
  env.setUser(B);
  // B (an editor then) installs the schedule; later the owner protects the outputs and the log for themselves only
  env.menu(() => runConsolidation());
  expect(env.run('menu', () => installSchedule()).status).toBe('installed');
  env.setUser(OWNER);
  for (const name of [SHEET.summary, SHEET.issues]) {
    const p = env.spreadsheet.getSheetByName(name)!.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    p.removeEditors(p.getEditors());
  }
  env.setUser(B);
  env.clock.set(new Date('2026-11-21T03:00:00Z'));
  const before = everything(env);
  const r = env.run('time-trigger', () => scheduledRun());
  expect(r.consolidated).toBe(false);
  expect(everything(env)).toEqual(before);
  const last = JSON.parse(env.properties.document.data.get(PROP.lastRun)!);
  expect(last.status).toBe('failed');
  expect(last.message).toBe(ACCESS.denied([SHEET.summary, SHEET.issues], B, OWNER));
});

test('the emulator refuses B’s direct write to a protected output with the text Sheets gives', () => {
  const env = workbook();
  env.setUser(A);
  env.menu(() => runConsolidation());
  env.setUser(B);
  const sheet = env.spreadsheet.getSheetByName(SHEET.summary)!;
  expect(() => env.menu(() => sheet.getRange('A1').setValue('B ghi'))).toThrow(MSG.protectedEdit);
  expect(() => env.menu(() => sheet.setName('x'))).toThrow(MSG.protectedEdit);
  expect(() => env.userEdit(SHEET.summary, 'A1', 'B gõ', { as: B })).toThrow(MSG.protectedEdit);
});

test('“Xuất danh sách tạo tài khoản” by B, who cannot edit A’s list: refused before any write', () => {
  const env = workbook();
  env.setUser(A);
  env.ui.respondToNextPrompt('');
  expect(env.menu(() => exportAccountList()).status).toBe('done');
  env.setUser(B);
  const before = everything(env);
  env.ui.respondToNextPrompt('');
  const r = env.menu(() => exportAccountList());
  expect(r.status).toBe('failed');
  expect(r.message).toBe(ACCESS.denied([SHEET.accounts], B, OWNER));
  expect(everything(env)).toEqual(before);
});
