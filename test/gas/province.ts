/**
 * A generated province for the add-on tests (generated people only: names from syllable lists,
 * CCCDs built from a counter): a small deterministic generator of its own (run.test.ts also uses
 * src/demo's). Either way the tests compare the add-on's output with the core's report on the
 * very workbook the emulator holds, so the data's details do not matter.
 *
 * Planted problems (about `badEvery` rows apart): a CCCD stored as a number, a missing name, a
 * 9-digit CMND, a duplicate of an earlier CCCD (sometimes on an earlier sheet), an unknown unit,
 * a malformed e-mail.
 */
import type { Cell, Snapshot } from '../../src/core';
import { SHEET } from '../../src/core/schema';
import type { GasEnvironmentOptions } from '../emulator';
import { REPORT_HEADER, UNIT_HEADER } from '../helpers/workbook';
import { gasEnv, type TestEnv } from './helpers';

export interface ProvinceOptions {
  seed?: number;
  units?: number;
  learners: number;
  /** Per-unit learner tabs (named by unit code) besides `Học viên`; rows are spread over them. */
  unitTabs?: number;
  /** One planted problem every N rows (0: none). */
  badEvery?: number;
  /** Title rows above the learner header. */
  titleRows?: boolean;
  /** 'short': 8 learner columns (no Năm sinh, Giới tính), for a million rows under 10 million cells. */
  columns?: 'full' | 'short';
}

// the registry's and the monthly report's headers are the rule tests' (test/helpers/workbook.ts)
export { REPORT_HEADER, UNIT_HEADER } from '../helpers/workbook';
/**
 * The people of the multi-user tests (per-unit tabs, report rows, the row move, the sharing check):
 * the owner, a department staff member, the focal points of units XA001 (two), XA002 and TR01,
 * and an editor of the file who is none of these. Generated addresses only.
 */
export const USERS = {
  OWNER: 'chu.so.huu@skhcn.example.gov.vn',
  STAFF: 'canbo.so@skhcn.example.gov.vn',
  A1: 'daumoi.xa001@example.gov.vn',
  A2: 'pho.xa001@example.gov.vn',
  B: 'daumoi.xa002@example.gov.vn',
  C: 'daumoi.tr01@example.edu.vn',
  OUTSIDER: 'khach@example.com',
} as const;

/** A row of `Đơn vị` under UNIT_HEADER: one focal point (or several, separated) and the four denominators. */
export function registryRow(code: string, name: string, type: string, email: string, denominators: number[] = [100, 1000, 0, 0]): Cell[] {
  return [code, name, type, 'Nguyễn Văn An', email, '0912345678', ...denominators];
}

/** XA001 (focal points `xa001`), XA002 (USERS.B) and TR01 (USERS.C), as registry rows. */
export function threeUnits(xa001: string = `${USERS.A1}; ${USERS.A2}`, denominators?: number[]): Cell[][] {
  return [
    registryRow('XA001', 'UBND xã Tân Phú', 'UBND xã/phường', xa001, denominators),
    registryRow('XA002', 'UBND xã Đông Sơn', 'UBND xã/phường', USERS.B, denominators),
    registryRow('TR01', 'Trường THPT Lê Lợi', 'Trường', USERS.C, denominators),
  ];
}

/**
 * The multi-user tests' workbook: owned by USERS.OWNER and shared with `editors`, `Cấu hình`
 * naming USERS.STAFF as department staff, and `Đơn vị` holding `units`. The tests add their sheets.
 */
export function registryWorkbook(units: Cell[][], editors: string[], options: GasEnvironmentOptions = {}): TestEnv {
  const env = gasEnv({ user: USERS.OWNER, editors, ...options });
  env.addSheet(SHEET.config, [
    ['Tham số', 'Giá trị'],
    ['Cán bộ Sở (email)', USERS.STAFF],
  ]);
  env.addSheet(SHEET.units, [UNIT_HEADER, ...units]);
  return env;
}

/** `Đơn vị` edited by the staff: its rows replaced by `units` (one write, as a person pasting). */
/** Whether `user` may type `value` into `cell` of `Báo cáo tháng` (an A1 reference or [row, column]). */
export function canTypeReport(env: TestEnv, cell: string | [number, number], user: string, value: Cell = 75): boolean {
  try {
    env.userEdit(SHEET.reports, cell, value, { as: user });
    return true;
  } catch {
    return false;
  }
}

/** `n` communes XA001…, each with its own focal point daumoiN@example.gov.vn. */
export function communes(n: number): Cell[][] {
  return Array.from({ length: n }, (_v, i) =>
    registryRow(
      `XA${String(i + 1).padStart(3, '0')}`,
      `UBND xã số ${String(i + 1)}`,
      'UBND xã/phường',
      `daumoi${String(i + 1)}@example.gov.vn`,
      [100, 1000, 500, 0],
    ),
  );
}

export function replaceRegistry(env: TestEnv, units: Cell[][]): void {
  const reg = env.spreadsheet.getSheetByName(SHEET.units)!;
  reg.clearContents();
  reg.getRange(1, 1, units.length + 1, UNIT_HEADER.length).setValues([UNIT_HEADER, ...units]);
}

export const LEARNER_HEADER: Cell[] = [
  'STT',
  'Họ và tên',
  'Email',
  'Số căn cước công dân',
  'Phòng/ban',
  'Đơn vị',
  'Nhóm đối tượng',
  'Trạng thái',
  'Năm sinh',
  'Giới tính',
];

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const DEM = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Thu', 'Xuân', 'Hoài', 'Gia'];
const TEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const TYPES = ['Sở/ngành', 'UBND xã/phường', 'UBND xã/phường', 'Trường', 'Doanh nghiệp/HTX'];
const STATUS = ['Hoàn thành', 'Hoàn thành', 'Chưa hoàn thành', 'Không tham gia', ''];
const PLACES = ['Yên Định', 'Thọ Xuân', 'Nga Sơn', 'Hậu Lộc', 'Quảng Xương', 'Tĩnh Gia', 'Hoằng Hóa', 'Đông Sơn', 'Triệu Sơn', 'Nông Cống'];

function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface Province {
  snapshot: Snapshot;
  /** Learner sheets in tab order. */
  learnerSheets: string[];
}

export function makeProvince(o: ProvinceOptions): Province {
  const seed = o.seed ?? 1;
  const nUnits = o.units ?? 40;
  const rand = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];

  const units: { code: string; name: string; type: string }[] = [];
  const unitRows: Cell[][] = [UNIT_HEADER];
  for (let i = 0; i < nUnits; i++) {
    const type = TYPES[i % TYPES.length];
    const place = PLACES[i % PLACES.length] + (i >= PLACES.length ? ` ${Math.floor(i / PLACES.length) + 1}` : '');
    const name =
      type === 'Sở/ngành'
        ? `Sở Ngành ${place}`
        : type === 'Trường'
          ? `Trường THPT ${place}`
          : type === 'Doanh nghiệp/HTX'
            ? `Công ty CP ${place}`
            : `UBND xã ${place}`;
    const code = `DV${pad(i + 1, 3)}`;
    units.push({ code, name, type });
    const big = 200 + Math.floor(rand() * 800);
    unitRows.push([
      code,
      name,
      type,
      `${pick(HO)} ${pick(DEM)} ${pick(TEN)}`,
      `dv${pad(i + 1, 3)}@example.gov.vn`,
      `09${pad(Math.floor(rand() * 1e8), 8)}`,
      big,
      type === 'UBND xã/phường' ? big * 20 : '',
      type === 'Trường' ? big * 3 : '',
      type === 'Doanh nghiệp/HTX' ? big : '',
    ]);
  }

  const tabs = Math.min(o.unitTabs ?? 0, nUnits);
  const sheets: { name: string; unit: number | null; rows: Cell[][] }[] = [];
  for (let t = 0; t < tabs; t++) sheets.push({ name: units[t].code, unit: t, rows: [] });
  sheets.push({ name: 'Học viên', unit: null, rows: [] });

  const short = o.columns === 'short';
  const header = short ? LEARNER_HEADER.slice(0, 8) : LEARNER_HEADER;
  const cccds: string[] = [];
  const badEvery = o.badEvery ?? 37;
  for (let i = 0; i < o.learners; i++) {
    const s = sheets[tabs > 0 ? Math.floor(rand() * sheets.length) : 0];
    const u = s.unit ?? Math.floor(rand() * nUnits);
    const female = rand() < 0.5;
    const yy = 60 + ((i * 37 + Math.floor(i / 1e6)) % 40);
    let cccd: Cell = `038${female ? 1 : 0}${pad(yy, 2)}${pad(i % 1e6, 6)}`;
    let name: Cell = `${pick(HO)} ${female ? 'Thị' : pick(DEM)} ${pick(TEN)} ${pick(TEN)}`;
    let unitName: Cell = s.unit === null ? units[u].name : '';
    let email: Cell = `hv${i}@example.vn`;
    if (badEvery > 0 && i % badEvery === badEvery - 1) {
      switch (Math.floor(i / badEvery) % 6) {
        case 0:
          cccd = Number(cccd); // lost its leading zero
          break;
        case 1:
          name = '';
          break;
        case 2:
          cccd = String(100000000 + (i % 899999999));
          break;
        case 3:
          if (cccds.length) cccd = cccds[Math.floor(rand() * cccds.length)];
          break;
        case 4:
          if (s.unit === null) unitName = 'Phòng không có thật';
          break;
        case 5:
          email = `hv${i}@@example`;
          break;
      }
    }
    if (typeof cccd === 'string' && cccd.length === 12 && cccds.length < 200000) cccds.push(cccd);
    const row: Cell[] = [s.rows.length + 1, name, email, cccd, 'Phòng ' + (1 + (i % 5)), unitName, '', pick(STATUS)];
    if (!short) row.push(1900 + yy, female ? 'Nữ' : 'Nam');
    s.rows.push(row);
  }

  const reportRows: Cell[][] = [REPORT_HEADER];
  for (let i = 0; i < nUnits; i += 2) {
    reportRows.push(['10/2026', units[i].code, units[i].name, 10 + i, i % 5 === 1 ? 100 + i : '', '', '', '', '', '']);
    if (i % 4 === 0) reportRows.push(['11/2026', units[i].code, units[i].name, 20 + i, i % 5 === 1 ? 150 + i : '', '', '', '', '', '']);
  }

  const title: Cell[][] = o.titleRows === false ? [] : [['DANH SÁCH HỌC VIÊN'], []];
  const snapshot: Snapshot = {
    sheets: [
      {
        name: 'Cấu hình',
        values: [
          ['Tham số', 'Giá trị'],
          ['Tên Sở', 'Sở Khoa học và Công nghệ tỉnh Mẫu'],
          ['Hạn báo cáo hằng tháng (ngày)', 25],
        ],
      },
      { name: 'Đơn vị', values: unitRows },
      ...sheets.map((s) => ({ name: s.name, values: [...title, header, ...s.rows] })),
      { name: 'Báo cáo tháng', values: reportRows },
    ],
  };
  return { snapshot, learnerSheets: sheets.map((s) => s.name) };
}
