/**
 * build/Code.js as Apps Script runs it: one file loaded into a bare node:vm context that holds only
 * the emulated Apps Script globals (no require, no process, no module system), with `new Date()`
 * following the simulated clock. The top-level functions onOpen, runSetup, onEdit (a paste),
 * runValidation and runConsolidation run end to end on a generated province, and the output sheets
 * are checked against the core's report computed here, in the test process.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vm from 'node:vm';
import { consolidate, dashboardView, issuesByRow, renderIssues, renderStatusColumn, renderSummary, statusText, type Cell } from '../src/core';
import { DASHBOARD, GAS, SUMMARY } from '../src/core/messages';
import { SHEET } from '../src/core/schema';
import { doneCounts } from '../src/gas/run';
import { createGasEnvironment } from './emulator';
import { generateProvince } from '../src/demo';

const root = join(__dirname, '..');
let code: string;
/** build-addon/Code.js: the Editor add-on's copy (its own manifest). */
let addonCode: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--gas-only'], { cwd: root, stdio: 'pipe' });
  code = readFileSync(join(root, 'build/Code.js'), 'utf8');
  addonCode = readFileSync(join(root, 'build-addon/Code.js'), 'utf8');
});

test('two deployments: the container-bound manifest keeps spreadsheets.currentonly; the add-on manifest has spreadsheets (openById in trigger runs without a document), the same code and otherwise the same scopes', () => {
  const bound = JSON.parse(readFileSync(join(root, 'build/appsscript.json'), 'utf8'));
  const addon = JSON.parse(readFileSync(join(root, 'build-addon/appsscript.json'), 'utf8'));
  const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
  const ALL = 'https://www.googleapis.com/auth/spreadsheets';
  expect(bound).toEqual(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')));
  expect(bound.oauthScopes).toContain(CURRENT_ONLY);
  expect(bound.oauthScopes).not.toContain(ALL);
  expect(addon.oauthScopes).toContain(ALL);
  expect(addon.oauthScopes).not.toContain(CURRENT_ONLY);
  expect(addon.oauthScopes.filter((s: string) => s !== ALL)).toEqual(bound.oauthScopes.filter((s: string) => s !== CURRENT_ONLY));
  expect({ ...addon, oauthScopes: [] }).toEqual({ ...bound, oauthScopes: [] });
  expect(addonCode).toBe(code);
  const ctx = vm.createContext({});
  vm.runInContext(addonCode, ctx);
  for (const fn of ['onOpen', 'scheduledRun', 'continueRun']) expect(typeof ctx[fn]).toBe('function');
});

test('the sharing-check variant (build-sharing/): the bound manifest plus a read-only Drive metadata scope and the advanced Drive service; the same code finds "anyone with the link" in a bare vm context', () => {
  interface Manifest {
    oauthScopes: string[];
    dependencies?: { enabledAdvancedServices?: unknown[] };
  }
  const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(root, dir, 'appsscript.json'), 'utf8')) as Manifest;
  const bound = readManifest('build');
  const sharing = readManifest('build-sharing');
  const DRIVE = 'https://www.googleapis.com/auth/drive.metadata.readonly';
  expect(bound.oauthScopes.some((s) => s.includes('/auth/drive'))).toBe(false);
  expect(sharing.oauthScopes).toEqual([...bound.oauthScopes, DRIVE]);
  expect(sharing.dependencies?.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  const sharingCode = readFileSync(join(root, 'build-sharing/Code.js'), 'utf8');
  expect(sharingCode).toBe(code);
  expect(readFileSync(join(root, 'build-sharing/dashboard.html'), 'utf8')).toBe(readFileSync(join(root, 'build/dashboard.html'), 'utf8'));
  const env = createGasEnvironment({
    firstSheet: null,
    user: 'owner@example.gov.vn',
    editors: ['khach@example.com'],
    oauthScopes: sharing.oauthScopes,
    drive: { permissions: [{ type: 'anyone', role: 'reader', allowFileDiscovery: false }] },
  });
  env.addSheet('Đơn vị', [['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Họ tên đầu mối', 'Email đầu mối']]);
  const ctx = vm.createContext({});
  env.installInto(ctx);
  vm.runInContext(sharingCode, ctx);
  const r = env.run('menu', () => vm.runInContext('checkFileSharing()', ctx) as { findings: { open: unknown[]; outsiders: string[] } });
  expect(r.findings.open).toEqual([{ kind: 'anyone', role: 'reader', discoverable: false, domain: '' }]);
  expect(r.findings.outsiders).toEqual(['khach@example.com']);
  expect(env.ui.alerts.at(-1)?.prompt).toContain('BẤT KỲ AI');
});

test('each clasp rootDir (build/, build-addon/, build-sharing/) holds only what Apps Script runs: Code.js, the manifest and the HTML files (no Node bundle, whose top-level require would break the whole project)', () => {
  for (const dir of ['build', 'build-addon', 'build-sharing']) {
    const files = readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(join(root, dir), join(e.parentPath, e.name)))
      .sort();
    expect({ dir, files: files.filter((f) => !/^(Code\.js|appsscript\.json|[\w-]+\.html)$/.test(f)) }).toEqual({ dir, files: [] });
    expect(files).toEqual(expect.arrayContaining(['Code.js', 'appsscript.json', 'dashboard.html']));
  }
});

test('the bundle holds the core and the add-on only: no demo province (src/demo), no command line', () => {
  // esbuild marks each bundled module with a `// <path>` comment line
  const modules = [...code.matchAll(/^\s*\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]);
  expect(modules).toContain('src/gas/main.ts');
  expect(modules.filter((m) => m.startsWith('src/core/')).length).toBeGreaterThan(10);
  expect(modules.filter((m) => !m.startsWith('src/core/') && !m.startsWith('src/gas/'))).toEqual([]);
  expect(code).not.toMatch(/\bgenerateProvince\b|\bDEMO_TODAY\b/);
});

const TODAY = '2026-11-20';
const trim = (rows: Cell[][]) => {
  const t = rows.map((r) => {
    let n = r.length;
    while (n > 0 && (r[n - 1] === '' || r[n - 1] === null)) n--;
    return r.slice(0, n);
  });
  while (t.length && t[t.length - 1].length === 0) t.pop();
  return t;
};

test('the bundle declares the entry points as top-level functions and needs nothing but the Apps Script globals', () => {
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  for (const fn of [
    'onOpen',
    'onInstall',
    'onEdit',
    'runSetup',
    'runValidation',
    'runConsolidation',
    'exportAccountList',
    'createOfficialReportDoc',
    'previewReminders',
    'sendReminders',
    'scheduledRun',
    'continueRun',
  ]) {
    expect(typeof ctx[fn]).toBe('function');
    expect(code).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
  }
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
  expect(code).not.toMatch(/\bsetTimeout\s*\(|new\s+TextEncoder|new\s+URL\s*\(/);
  const manifest = JSON.parse(readFileSync(join(root, 'build/appsscript.json'), 'utf8'));
  expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Ho_Chi_Minh', exceptionLogging: 'STACKDRIVER' });
  expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
});

test('onOpen, runSetup, an onEdit paste, runValidation and runConsolidation end to end in a bare vm context', () => {
  const env = createGasEnvironment({ firstSheet: null, fakeDate: true });
  const province = generateProvince({ learners: 3000, seed: 5, today: TODAY });
  for (const s of province.snapshot.sheets) env.addSheet(s.name, s.values as unknown[][], { maxRows: s.values.length + 200 });
  const ctx = vm.createContext({});
  env.installInto(ctx);
  vm.runInContext(code, ctx);
  const call = (kind: 'menu' | 'simple-trigger', expr: string, auth?: 'NONE' | 'LIMITED') => env.run(kind, () => vm.runInContext(expr, ctx), auth);
  const sheetValues = (name: string) => env.sheetValues(name) as Cell[][];
  const snapshot = () => ({
    sheets: env.spreadsheet
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => !([SHEET.summary, SHEET.issues, SHEET.mailLog] as string[]).includes(n))
      .map((name) => ({ name, values: sheetValues(name) })),
  });

  // The menu, in AuthMode.NONE.
  call('simple-trigger', 'onOpen({ authMode: ScriptApp.AuthMode.NONE })', 'NONE');
  const captions = env.ui.menus[0].items.flatMap((i) =>
    'caption' in i ? [i.caption] : 'subMenu' in i ? i.subMenu.items.flatMap((x) => ('caption' in x ? [x.caption] : [])) : [],
  );
  expect(captions).toEqual(Object.values(GAS.menu));

  // The template: missing sheets created, existing ones untouched.
  const before = sheetValues('Học viên');
  call('menu', 'runSetup()');
  expect(sheetValues('Học viên')).toEqual(before);
  for (const name of ['Chỉ tiêu', 'Kết quả nền tảng', SHEET.summary, SHEET.issues, SHEET.mailLog]) expect(env.spreadsheet.getSheetByName(name)).not.toBeNull();

  // A unit pastes 120 rows at the end of Học viên; the simple trigger checks them.
  const hv = env.spreadsheet.getSheetByName('Học viên')!;
  const existing = sheetValues('Học viên');
  const header = existing.findIndex((r) => r.includes('Số căn cước công dân'));
  const from = hv.getLastRow() + 1;
  const taken = new Set(existing.map((r) => r[3]));
  const paste = generateProvince({ learners: 3000, seed: 77, today: TODAY })
    .snapshot.sheets.find((s) => s.name === 'Học viên')!
    .values.slice(header + 1)
    .filter((r) => !taken.has(r[3]))
    .slice(0, 120);
  const counts = new Map<Cell, number>();
  for (const r of existing) counts.set(r[3], (counts.get(r[3]) ?? 0) + 1);
  const firstIdx = existing.findIndex((r, i) => i > header && typeof r[3] === 'string' && /^\d{12}$/.test(r[3]) && counts.get(r[3]) === 1);
  paste[7] = paste[7].slice();
  paste[7][3] = existing[firstIdx][3]; // a duplicate of a CCCD higher up
  const ev = env.userEdit('Học viên', [from, 1], paste, { raw: true });
  ctx.__event = ev;
  env.counters.reset();
  call('simple-trigger', 'onEdit(__event)');
  // First edit of a sheet that never ran: top rows, edited rows, Đơn vị, CCCDs above, the status
  // header, the statuses.
  const calls = env.counters.snapshot().calls;
  expect((calls['Range.getValues'] ?? 0) + (calls['Range.setValues'] ?? 0) + (calls['Range.setValue'] ?? 0)).toBeLessThanOrEqual(6);
  const statusCol = sheetValues('Học viên')[header].indexOf('Kết quả kiểm tra');
  expect(statusCol).toBe(existing[header].length);
  const edited = sheetValues('Học viên')
    .slice(from - 1, from - 1 + paste.length)
    .map((r) => r[statusCol]);
  expect(String(edited[7])).toContain(`trùng với trang “Học viên”, dòng ${firstIdx + 1}`);
  expect(String(edited[7])).toMatch(/^Lỗi: /);
  // The same text a full run gives those rows (except cross-row checks against rows not read).
  const full = issuesByRow(consolidate(snapshot(), { today: TODAY }).issues, 'Học viên');
  let same = 0;
  edited.forEach((status, i) => {
    const issues = full.get(from + i) ?? [];
    if (issues.some((x) => ['CCCD_DUPLICATE', 'EMAIL_SHARED', 'PERSON_POSSIBLE_DUPLICATE', 'COURSE_UNMAPPED'].includes(x.code))) return;
    // COURSE_UNMAPPED sits at the first row of the rows checked together: the edit's own first one
    if (String(status).includes('không thuộc chương trình nào đã biết')) return;
    expect(status).toBe(statusText(issues));
    same++;
  });
  expect(same).toBeGreaterThan(100);

  // Kiểm tra dữ liệu.
  const snap1 = snapshot();
  call('menu', 'runValidation()');
  const report1 = consolidate(snap1, { today: TODAY });
  expect(trim(sheetValues(SHEET.issues))).toEqual(trim(renderIssues(report1).rows));
  for (const t of report1.tables.filter((x) => x.kind === 'learners')) {
    const v = sheetValues(t.sheet);
    const col = v[t.headerRow - 1].indexOf('Kết quả kiểm tra');
    expect(v.slice(t.headerRow).map((r) => [r[col]])).toEqual(renderStatusColumn(v, { ...t, statusColumn: col }, report1.issues));
  }

  // Tổng hợp.
  const snap2 = snapshot();
  call('menu', 'runConsolidation()');
  const report2 = consolidate(snap2, { today: TODAY });
  expect(report2.today).toBe(TODAY);
  expect(trim(sheetValues(SHEET.summary))).toEqual(trim(renderSummary(report2).rows));
  expect(trim(sheetValues(SHEET.issues))).toEqual(trim(renderIssues(report2).rows));
  expect(
    env.spreadsheet
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => n.includes(GAS.tempSuffix)),
  ).toEqual([]);
  expect(env.ui.toasts.some((t) => t.message === GAS.done('consolidation', doneCounts(report2)))).toBe(true);
});

test.each([
  ['build/Code.js (container-bound: the trigger runs in its spreadsheet)', 'active' as const],
  ['build-addon/Code.js (Editor add-on: the trigger runs without a containing document)', 'none' as const],
])(
  'the reminder entry points of %s: schedule from the menu, the hourly trigger sends once, "Gửi thư nhắc ngay" finds nothing left',
  (_name, triggerDocument) => {
    const bundle = triggerDocument === 'none' ? addonCode : code;
    // the scopes of the manifest deployed with that bundle
    const manifest = JSON.parse(readFileSync(join(root, triggerDocument === 'none' ? 'build-addon/appsscript.json' : 'build/appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    const env = createGasEnvironment({ firstSheet: null, fakeDate: true, mailQuota: 1500, triggerDocument, oauthScopes: manifest.oauthScopes });
    const province = generateProvince({ learners: 2000, units: 40, seed: 9, today: TODAY });
    for (const s of province.snapshot.sheets) env.addSheet(s.name, s.values as unknown[][], { maxRows: s.values.length + 200 });
    const ctx = vm.createContext({});
    env.installInto(ctx);
    vm.runInContext(bundle, ctx);
    const run = (kind: 'menu' | 'time-trigger', expr: string) => env.run(kind, () => vm.runInContext(expr, ctx));

    // "Lịch nhắc tự động…": not installed yet; the dialog asks, Yes installs one hourly trigger.
    env.ui.respondToNextAlert('YES');
    run('menu', 'openReminderSchedule()');
    const triggers = env.triggers.list();
    expect(triggers.map((t) => t.handler)).toEqual(['scheduledRun']);
    env.ui.respondToNextAlert('YES');
    run('menu', 'openReminderSchedule()'); // shown again: now it offers removal; Yes removes it
    expect(env.triggers.list()).toEqual([]);
    env.ui.respondToNextAlert('YES');
    run('menu', 'openReminderSchedule()');
    const uid = env.triggers.list()[0].uid;

    // 20/11/2026 09:00 is a reminder date: the trigger run consolidates and sends one message per planned unit.
    const planned = consolidate(province.snapshot, { today: TODAY }).reminders;
    expect(planned.length).toBeGreaterThan(5);
    ctx.__uid = uid;
    run('time-trigger', 'scheduledRun({ triggerUid: __uid })');
    // the reminders, plus the week's digest to the department (first run of the ISO week)
    const digestTo = 'giamdoc.skhcn@example.gov.vn,vanphong.skhcn@example.gov.vn';
    const reminders = env.mail.sent.filter((m) => m.to !== digestTo);
    expect(reminders.map((m) => m.to).sort()).toEqual(planned.map((p) => p.to).sort());
    expect(reminders.every((m) => m.htmlBody && m.body.includes('Kính gửi'))).toBe(true);
    expect(env.mail.sent.length - reminders.length).toBe(1);
    expect(env.spreadsheet.getSheetByName(SHEET.summary)).not.toBeNull();
    const log = sheetRows(env, SHEET.mailLog);
    expect(log.filter((r) => r.includes('Đã gửi')).length).toBe(planned.length + 1); // and the digest

    // An hour later nothing more; the menu send finds everything done and sends nothing.
    env.clock.advance(3_600_000);
    run('time-trigger', 'scheduledRun({ triggerUid: __uid })');
    run('menu', 'sendReminders()');
    expect(env.mail.sent.length).toBe(planned.length + 1);
    for (const m of env.mail.sent) expect(`${m.subject}\n${m.body}\n${m.htmlBody}`).not.toMatch(/(?<!\d)0\d{11}(?!\d)/);
  },
);

function sheetRows(env: ReturnType<typeof createGasEnvironment>, name: string): Cell[][] {
  return env.sheetValues(name) as Cell[][];
}

test('the dashboard from the bundle: the sidebar, getDashboardData as the core computes it, the chart of Tổng hợp', () => {
  const page = readFileSync(join(root, 'build/dashboard.html'), 'utf8');
  expect(readFileSync(join(root, 'build-addon/dashboard.html'), 'utf8')).toBe(page);
  const env = createGasEnvironment({ firstSheet: null, fakeDate: true, htmlFiles: { dashboard: page } });
  const province = generateProvince({ learners: 1500, units: 30, seed: 9, today: TODAY });
  for (const s of province.snapshot.sheets) env.addSheet(s.name, s.values);
  const ctx = vm.createContext({});
  env.installInto(ctx);
  vm.runInContext(code, ctx);
  env.run('menu', () => {
    vm.runInContext('showDashboard()', ctx);
  });
  expect(env.ui.dialogs[env.ui.dialogs.length - 1]).toMatchObject({ kind: 'sidebar', title: DASHBOARD.title, html: page });
  // what google.script.run would pass to the page: plain JSON, the core's view of the report
  const view = JSON.parse(env.run('menu', () => vm.runInContext('JSON.stringify(getDashboardData())', ctx) as string)) as unknown;
  expect(view).toEqual(JSON.parse(JSON.stringify(dashboardView(consolidate(province.snapshot, { today: TODAY })))));
  const result = env.run('menu', () => vm.runInContext('JSON.stringify(dashboardConsolidate())', ctx) as string);
  expect(JSON.parse(result)).toMatchObject({ status: 'done' });
  const charts = env.run('menu', () => env.spreadsheet.getSheetByName(SHEET.summary)?.getCharts() ?? []);
  expect(charts.map((c) => c.getOptions().get('title'))).toEqual([SUMMARY.chartTitle]);
});
