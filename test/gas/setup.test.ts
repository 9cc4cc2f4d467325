/**
 * The menu (AuthMode.NONE) and "Khởi tạo bảng tính mẫu": template sheets with headers from the
 * core's schema, plain-text CCCD columns, dropdowns, frozen rows, protected outputs; idempotent and
 * harmless to existing data.
 */
import { templateSheets, type Cell } from '../../src/core';
import { GAS } from '../../src/core/messages';
import { LEARNERS_TABLE, OUTPUT_SHEETS, SHEET, STATUS_HEADER } from '../../src/core/schema';
import * as main from '../../src/gas/main';
import { MENU, MENU_LAYOUT } from '../../src/gas/menu';
import { TEXT_FORMAT } from '../../src/gas/write';
import { gasEnv, loadSnapshot, resetGlobals, sheetNames, values, type TestEnv } from './helpers';
import { makeProvince } from './province';

afterEach(resetGlobals);

/** The output sheets setup creates: every output but the account list, which is written only on demand. */
const SETUP_OUTPUTS = OUTPUT_SHEETS.filter((s) => s !== SHEET.accounts);

test('onOpen builds the Vietnamese add-on menu in AuthMode.NONE without touching authorised services', () => {
  const env = gasEnv();
  env.counters.reset();
  env.run('simple-trigger', () => main.onOpen({ authMode: ScriptApp.AuthMode.NONE } as never), 'NONE');
  const menu = env.ui.menus[0];
  expect(menu.addon).toBe(true);
  // the recorded menu, as MENU_LAYOUT describes it: items, separators, and sub-menus of items
  const layout = menu.items.map((i) =>
    'caption' in i
      ? [i.caption, i.functionName]
      : 'subMenu' in i
        ? { title: i.subMenu.title, items: i.subMenu.items.map((x) => ('caption' in x ? [x.caption, x.functionName] : x)) }
        : null,
  );
  expect(layout).toEqual(MENU_LAYOUT);
  expect(layout.map((e) => (e === null ? '—' : Array.isArray(e) ? e[0] : `${e.title} ▸ ${e.items.map((x) => (x as string[])[0]).join(' | ')}`))).toEqual([
    'Bảng điều khiển',
    'Tổng hợp',
    'Kiểm tra dữ liệu',
    'Tạo báo cáo gửi UBND tỉnh',
    '—',
    'Đơn vị và quyền sửa ▸ Tạo trang cho từng đơn vị | Chuyển dòng từ “Học viên” sang trang đơn vị | Hoàn tác chuyển dòng | Chuẩn bị báo cáo kỳ này | Kiểm tra chia sẻ tệp',
    'Chốt số liệu ▸ Chốt số liệu kỳ này | Chốt số liệu kỳ trước… | Mở lại kỳ đã chốt…',
    'Thư nhắc ▸ Xem trước thư nhắc | Gửi thư nhắc ngay | Lịch nhắc tự động…',
    'Công cụ dữ liệu ▸ Xuất danh sách tạo tài khoản | Sửa số CCCD bị mất số 0 | Hoàn tác sửa CCCD | Khởi tạo bảng tính mẫu',
    '—',
    'Giới thiệu',
  ]);
  // every label of GAS.menu is in the menu once, in its order
  expect(MENU.filter((m) => m !== null).map((m) => m[0])).toEqual(Object.values(GAS.menu));
  // Every item calls a global function of the bundle.
  for (const item of MENU) if (item) expect(typeof (main as Record<string, unknown>)[item[1]]).toBe('function');
  // Only the UI was touched.
  const calls = Object.keys(env.counters.snapshot().calls);
  expect(calls.every((c) => /^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(c))).toBe(true);
  // onInstall does the same.
  env.run('simple-trigger', () => main.onInstall({ authMode: ScriptApp.AuthMode.FULL } as never));
  expect(env.ui.menus).toHaveLength(1);
});

interface SheetState {
  index: number;
  values: Cell[][];
  formats: string[][];
  notes: string[][];
  frozen: number;
  protections: number;
  rules: number;
  validations: string[];
  maxRows: number;
  maxCols: number;
}

function state(env: TestEnv): Record<string, SheetState> {
  const out: Record<string, SheetState> = {};
  for (const s of env.spreadsheet.getSheets()) {
    const r = s.getMaxRows();
    const c = s.getMaxColumns();
    const range = s.getRange(1, 1, r, c);
    out[s.getName()] = {
      index: s.getIndex(),
      values: values(env, s.getName()),
      formats: range.getNumberFormats(),
      notes: range.getNotes(),
      frozen: s.getFrozenRows(),
      protections: s.getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
      rules: s.getConditionalFormatRules().length,
      validations: range
        .getDataValidations()
        .flat()
        .map((v) => (v ? JSON.stringify(v.getCriteriaValues()) : ''))
        .filter(Boolean),
      maxRows: r,
      maxCols: c,
    };
  }
  return out;
}

test('Khởi tạo bảng tính mẫu creates every template sheet as the core describes it', () => {
  const env = gasEnv({ firstSheet: 'Trang tính1' });
  env.menu(() => main.runSetup());
  const templates = templateSheets(2026);
  expect(sheetNames(env)).toEqual(['Trang tính1', ...templates.map((t) => t.name), SHEET.summary, SHEET.issues, SHEET.mailLog]);
  for (const t of templates) {
    const sheet = env.spreadsheet.getSheetByName(t.name)!;
    const v = values(env, t.name);
    // Headers (and default rows) exactly as the core's template.
    expect(v.map((r) => r.slice(0, t.rows[t.headerRow].length))).toEqual(
      t.rows.map((r) => {
        const row = r.slice();
        while (row.length < t.rows[t.headerRow].length) row.push('');
        return row.map((c) => (typeof c === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(c) ? expect.anything() : c));
      }),
    );
    expect(sheet.getFrozenRows()).toBe(t.frozenRows);
    const first = t.headerRow + 2;
    const n = Math.max(1, t.headerRow + 1 + t.dataRows - first + 1);
    for (const c of t.textColumns) {
      const formats = sheet
        .getRange(first, c + 1, n, 1)
        .getNumberFormats()
        .flat();
      expect(new Set(formats)).toEqual(new Set([TEXT_FORMAT]));
    }
    for (const l of t.lists) {
      const rule = sheet.getRange(first + 5, l.column + 1).getDataValidation()!;
      expect(rule.getCriteriaValues()[0]).toEqual(l.values);
      expect(rule.getAllowInvalid()).toBe(true);
    }
    expect(sheet.getRange(t.headerRow + 1, 1).getFontWeight()).toBe('bold');
  }
  // The CCCD column of the learner template is plain text down to the template's data rows.
  const hv = templates.find((t) => t.name === SHEET.learners)!;
  const cccdCol = LEARNERS_TABLE.columns.findIndex((c) => c.field === 'cccd');
  expect(hv.textColumns).toContain(cccdCol);
  const learnerSheet = env.spreadsheet.getSheetByName(SHEET.learners)!;
  expect(learnerSheet.getRange(hv.headerRow + 1 + hv.dataRows, cccdCol + 1).getNumberFormat()).toBe(TEXT_FORMAT);
  // A CCCD typed with its leading zero stays text.
  env.userEdit(SHEET.learners, [hv.headerRow + 2, cccdCol + 1], '038085000123');
  expect(values(env, SHEET.learners)[hv.headerRow + 1][cccdCol]).toBe('038085000123');
  // The status column and its colouring.
  expect(values(env, SHEET.learners)[hv.headerRow]).toContain(STATUS_HEADER);
  expect(learnerSheet.getConditionalFormatRules()).toHaveLength(2);
  // Outputs exist and are protected.
  for (const name of SETUP_OUTPUTS) {
    const p = env.spreadsheet.getSheetByName(name)!.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(p).toHaveLength(1);
    expect(p[0].getDescription()).toBe(GAS.protection);
  }
  expect(() => env.userEdit(SHEET.issues, 'A2', 'x', { as: 'donvi@example.gov.vn' })).toThrow(/protected/);
  expect(env.ui.alerts[0].prompt).toBe(GAS.setupDone([...templates.map((t) => t.name), ...SETUP_OUTPUTS], []));
});

test('Khởi tạo bảng tính mẫu is idempotent and never moves or changes existing data', () => {
  const env = gasEnv({ editors: ['donvi@example.gov.vn'] });
  const p = makeProvince({ learners: 300, units: 10, unitTabs: 1 });
  loadSnapshot(env, p.snapshot);
  const before = state(env);
  env.menu(() => main.runSetup());
  const after = state(env);
  // Existing sheets: same position, same cells, same formats.
  for (const name of Object.keys(before)) expect(after[name]).toEqual(before[name]);
  expect(Object.keys(after)).toEqual([...Object.keys(before), 'Chỉ tiêu', 'Kết quả nền tảng', 'Khóa học', ...SETUP_OUTPUTS]);

  // Second run: nothing at all changes, and nothing is written.
  env.counters.reset();
  env.menu(() => main.runSetup());
  expect(state(env)).toEqual(after);
  const writes = Object.keys(env.counters.snapshot().calls).filter(
    (c) => /\.(set|insert|delete|protect|add|remove|clear|append)/.test(c) && !c.startsWith('Ui.'),
  );
  expect(writes).toEqual([]);
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(GAS.setupDone([], []));

  // Someone removed an output's protection: setup puts it back, and only that.
  env.spreadsheet.getSheetByName(SHEET.issues)!.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].remove();
  env.menu(() => main.runSetup());
  expect(env.spreadsheet.getSheetByName(SHEET.issues)!.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toBe(GAS.setupDone([], [SHEET.issues]));
});

test('Giới thiệu tells what the tool does and how the last run went', () => {
  const env = gasEnv();
  loadSnapshot(env, makeProvince({ learners: 100, units: 5 }).snapshot);
  env.menu(() => main.showAbout());
  expect(env.ui.alerts[0].prompt).toContain('Chưa có lượt tổng hợp hay kiểm tra nào.');
  env.menu(() => main.runConsolidation());
  env.menu(() => main.showAbout());
  expect(env.ui.alerts[env.ui.alerts.length - 1].prompt).toMatch(/Lượt tổng hợp gần nhất: 20\/11\/2026 09:00, 5 đơn vị, 100 dòng học viên/);
});
