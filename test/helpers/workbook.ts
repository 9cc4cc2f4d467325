/** Small hand-made workbooks for rule tests (generated people only). */
import { consolidate } from '../../src/core/consolidate';
import type { Cell, Issue, IssueCode, Report, SheetSnapshot, Snapshot } from '../../src/core/types';

export const UNIT_HEADER: Cell[] = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Họ tên đầu mối',
  'Email đầu mối',
  'Số điện thoại',
  'Tổng số CB, CC, VC, NLĐ',
  'Số người dân trưởng thành',
  'Số học sinh, sinh viên',
  'Số NLĐ doanh nghiệp, HTX',
];

export interface UnitSpec {
  code: string;
  name: string;
  type?: string;
  contact?: string;
  email?: string;
  cbccvc?: Cell;
  adults?: Cell;
  hssv?: Cell;
  nld?: Cell;
}

export function unitRow(u: UnitSpec): Cell[] {
  return [
    u.code,
    u.name,
    u.type ?? 'Sở/ngành',
    u.contact ?? 'Trần Văn Bình',
    u.email ?? `${u.code.toLowerCase()}@example.gov.vn`,
    '0912000000',
    u.cbccvc ?? '',
    u.adults ?? '',
    u.hssv ?? '',
    u.nld ?? '',
  ];
}

export const DEFAULT_UNITS: UnitSpec[] = [
  { code: 'SO01', name: 'Sở Tài chính', type: 'Sở/ngành', cbccvc: 100 },
  { code: 'XA001', name: 'UBND xã Yên Định', type: 'UBND xã/phường', cbccvc: 40, adults: 10000 },
  { code: 'TR01', name: 'Trường THPT Lê Lợi', type: 'Trường', cbccvc: 60, hssv: 1200 },
];

export const LEARNER_HEADER: Cell[] = [
  'STT',
  'Họ và tên',
  'Email',
  'Số căn cước công dân',
  'Phòng/ban',
  'Đơn vị',
  'Nhóm đối tượng',
  'Trạng thái',
  'Ngày sinh',
  'Giới tính',
];

export interface LearnerSpec {
  name?: Cell;
  email?: Cell;
  cccd?: Cell;
  department?: Cell;
  unit?: Cell;
  group?: Cell;
  status?: Cell;
  birth?: Cell;
  gender?: Cell;
}

let seq = 0;
/** A valid learner of Sở Tài chính: born 1985, male, province 038, unique CCCD and e-mail. */
export function learner(o: LearnerSpec = {}): Cell[] {
  seq++;
  const cccd = o.cccd !== undefined ? o.cccd : `038085${String(100000 + seq).slice(-6)}`;
  return [
    seq,
    o.name ?? `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phúc'][seq % 10]} ${nameSuffix(seq)}`.trim(),
    o.email ?? `hv${seq}@example.gov.vn`,
    cccd,
    o.department ?? 'Văn phòng',
    o.unit ?? 'Sở Tài chính',
    o.group ?? '',
    o.status ?? 'Hoàn thành',
    o.birth ?? '',
    o.gender ?? '',
  ];
}

/** Distinct two-syllable given names so generated rows never look like the same person. */
function nameSuffix(n: number): string {
  const a = ['Anh', 'Bảo', 'Chí', 'Đức', 'Gia', 'Hải', 'Hữu', 'Kiên', 'Mạnh', 'Quang', 'Sơn', 'Thành', 'Trung', 'Tuấn', 'Việt'];
  return `${a[Math.floor(n / 10) % a.length]}${n >= 150 ? ' ' + a[Math.floor(n / 150) % a.length] : ''}`;
}

export interface WorkbookSpec {
  units?: UnitSpec[] | null;
  learners?: Cell[][];
  reports?: Cell[][];
  config?: Cell[][];
  targets?: Cell[][];
  platform?: Cell[][];
  extra?: SheetSnapshot[];
}

export function workbook(spec: WorkbookSpec = {}): Snapshot {
  const sheets: SheetSnapshot[] = [];
  if (spec.config) sheets.push({ name: 'Cấu hình', values: [['Tham số', 'Giá trị'], ...spec.config] });
  if (spec.targets) sheets.push({ name: 'Chỉ tiêu', values: spec.targets });
  if (spec.units !== null) sheets.push({ name: 'Đơn vị', values: [UNIT_HEADER, ...(spec.units ?? DEFAULT_UNITS).map(unitRow)] });
  sheets.push({ name: 'Học viên', values: [LEARNER_HEADER, ...(spec.learners ?? [])] });
  if (spec.reports) sheets.push({ name: 'Báo cáo tháng', values: spec.reports });
  if (spec.platform) sheets.push({ name: 'Kết quả nền tảng', values: spec.platform });
  for (const s of spec.extra ?? []) sheets.push(s);
  return { sheets };
}

export const REPORT_HEADER: Cell[] = [
  'Kỳ báo cáo',
  'Mã đơn vị',
  'Đơn vị',
  'CB, CC, VC, NLĐ đã hoàn thành',
  'Người dân đã hoàn thành',
  'HS, SV đã hoàn thành',
  'NLĐ doanh nghiệp đã hoàn thành',
  'Người dân được xác nhận trên VNeID',
  'CC, VC được bồi dưỡng AI',
  'Ngày cập nhật',
];

export function run(spec: WorkbookSpec, today = '2026-11-20'): Report {
  return consolidate(workbook(spec), { today });
}

/** Issue codes reported on a learner row (1-based sheet row) of `Học viên`. */
export function codesAt(report: Report, row: number, sheet = 'Học viên'): IssueCode[] {
  return report.issues.filter((i) => i.sheet === sheet && i.row === row).map((i) => i.code);
}

export function issuesOf(report: Report, code: IssueCode): Issue[] {
  return report.issues.filter((i) => i.code === code);
}

/** A Date at local midnight in Asia/Ho_Chi_Minh, as Sheets returns a date cell. */
export function vnDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d) - 7 * 3600 * 1000);
}
