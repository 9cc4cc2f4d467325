/**
 * The workbook template: sheet names, tables, canonical headers and their aliases (DESIGN.md,
 * "The workbook"). Header cells are matched with `matchKey` (text.ts), so case, diacritics,
 * tone placement, punctuation and extra spaces do not matter here.
 */
import type { Group, IndicatorCode, LearnerStatus, TableKind, UnitType } from './types';

export const SHEET = {
  units: 'Đơn vị',
  learners: 'Học viên',
  reports: 'Báo cáo tháng',
  platform: 'Kết quả nền tảng',
  targets: 'Chỉ tiêu',
  config: 'Cấu hình',
  summary: 'Tổng hợp',
  issues: 'Lỗi dữ liệu',
  mailLog: 'Nhật ký gửi thư',
} as const;

/** Sheets we write; never read as input. */
export const OUTPUT_SHEETS: readonly string[] = [SHEET.summary, SHEET.issues, SHEET.mailLog];

/** Our own status column on learner sheets. */
export const STATUS_HEADER = 'Kết quả kiểm tra';

export interface ColumnDef {
  /** Field name used in code. */
  field: string;
  /** Canonical header, as the template writes it. */
  header: string;
  /** Other headers that mean the same column. */
  aliases?: string[];
  /** The table is only recognised when every required column is present. */
  required?: boolean;
  /** The column holds text that must not be parsed (CCCD): formatted as plain text. */
  text?: boolean;
  /** Dropdown values for the template. */
  list?: readonly string[];
  /** Template column width in pixels. */
  width?: number;
}

export interface TableDef {
  kind: TableKind;
  sheet: string;
  columns: ColumnDef[];
  /** How many required columns must match for a row to be taken as this table's header. */
}

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  SO_NGANH: 'Sở/ngành',
  UBND_XA: 'UBND xã/phường',
  TRUONG: 'Trường',
  DOANH_NGHIEP: 'Doanh nghiệp/HTX',
  KHAC: 'Khác',
};
export const UNIT_TYPES: UnitType[] = ['SO_NGANH', 'UBND_XA', 'TRUONG', 'DOANH_NGHIEP', 'KHAC'];
/** Extra spellings of unit types (matched with matchKey). */
export const UNIT_TYPE_ALIASES: Record<UnitType, string[]> = {
  SO_NGANH: ['Sở', 'Ngành', 'Sở, ngành', 'Sở, ban, ngành', 'Cơ quan', 'Cơ quan nhà nước', 'Ban ngành'],
  UBND_XA: ['UBND xã', 'UBND phường', 'Xã', 'Phường', 'Xã/phường', 'Ủy ban nhân dân xã', 'Ủy ban nhân dân phường', 'Đặc khu'],
  TRUONG: ['Trường học', 'Trường đại học', 'Trường cao đẳng', 'Trường trung cấp', 'Cơ sở giáo dục'],
  DOANH_NGHIEP: ['Doanh nghiệp', 'HTX', 'Hợp tác xã', 'Doanh nghiệp, HTX', 'Hiệp hội doanh nghiệp'],
  KHAC: ['Khác', 'Tổ chức khác'],
};

export const GROUP_LABELS: Record<Group, string> = {
  CBCCVC: 'CB, CC, VC, NLĐ',
  HSSV: 'Học sinh, sinh viên',
  NLD_DN: 'NLĐ doanh nghiệp, HTX',
  NGUOI_DAN: 'Người dân',
};
export const GROUPS: Group[] = ['CBCCVC', 'HSSV', 'NLD_DN', 'NGUOI_DAN'];
export const GROUP_ALIASES: Record<Group, string[]> = {
  CBCCVC: ['CBCCVC', 'CB CC VC', 'CB, CC, VC', 'Cán bộ, công chức, viên chức', 'Cán bộ công chức viên chức', 'Công chức', 'Viên chức', 'Cán bộ', 'CB, CC, VC, NLĐ', 'CBCCVC NLĐ'],
  HSSV: ['HSSV', 'HS, SV', 'Học sinh', 'Sinh viên', 'Học sinh, sinh viên', 'Học sinh sinh viên'],
  NLD_DN: ['NLD_DN', 'NLĐ doanh nghiệp', 'Người lao động doanh nghiệp', 'Người lao động', 'NLĐ', 'NLĐ DN', 'Lao động doanh nghiệp', 'NLĐ doanh nghiệp, HTX', 'Người lao động trong doanh nghiệp'],
  NGUOI_DAN: ['NGUOI_DAN', 'Người dân', 'Dân', 'Người dân trưởng thành', 'Công dân'],
};
/** An empty Nhóm đối tượng follows the unit's type. */
export const DEFAULT_GROUP: Record<UnitType, Group> = {
  SO_NGANH: 'CBCCVC',
  UBND_XA: 'NGUOI_DAN',
  TRUONG: 'HSSV',
  DOANH_NGHIEP: 'NLD_DN',
  KHAC: 'NGUOI_DAN',
};

export const STATUS_LABELS: Record<LearnerStatus, string> = {
  HOAN_THANH: 'Hoàn thành',
  CHUA_HOAN_THANH: 'Chưa hoàn thành',
  KHONG_THAM_GIA: 'Không tham gia',
};
export const STATUSES: LearnerStatus[] = ['HOAN_THANH', 'CHUA_HOAN_THANH', 'KHONG_THAM_GIA'];
export const STATUS_ALIASES: Record<LearnerStatus, string[]> = {
  HOAN_THANH: ['HOAN_THANH', 'Hoàn thành', 'Đã hoàn thành', 'Đạt', 'Xong', 'Completed', 'Done', 'x'],
  CHUA_HOAN_THANH: ['CHUA_HOAN_THANH', 'Chưa hoàn thành', 'Đang học', 'Đang tham gia', 'Chưa đạt', 'In progress'],
  KHONG_THAM_GIA: ['KHONG_THAM_GIA', 'Không tham gia', 'Chưa tham gia', 'Chưa học', 'Not started'],
};

export const INDICATORS: IndicatorCode[] = ['CBCCVC', 'HSSV', 'NGUOI_DAN', 'VNEID', 'NLD_DN', 'AI_CCVC'];
export const INDICATOR_NAMES: Record<IndicatorCode, string> = {
  CBCCVC: 'CB, CC, VC, NLĐ được bồi dưỡng kỹ năng số',
  HSSV: 'Học sinh, sinh viên được trang bị kiến thức, kỹ năng số',
  NGUOI_DAN: 'Người dân trưởng thành có tri thức, kỹ năng số cơ bản',
  VNEID: 'Người dân trưởng thành được xác nhận trên VNeID',
  NLD_DN: 'NLĐ doanh nghiệp, HTX có kiến thức, kỹ năng số',
  AI_CCVC: 'CC, VC được bồi dưỡng về AI',
};
export const INDICATOR_SHORT: Record<IndicatorCode, string> = {
  CBCCVC: 'CBCCVC',
  HSSV: 'HSSV',
  NGUOI_DAN: 'Người dân',
  VNEID: 'VNeID',
  NLD_DN: 'NLĐ DN',
  AI_CCVC: 'AI CC, VC',
};
/** Default targets (percent) by year, from the seeds (2025: 002, 2026: 001/003). */
export const DEFAULT_TARGETS: Record<number, Record<IndicatorCode, number>> = {
  2025: { CBCCVC: 80, HSSV: 100, NGUOI_DAN: 80, VNEID: 40, NLD_DN: 80, AI_CCVC: 80 },
  2026: { CBCCVC: 100, HSSV: 100, NGUOI_DAN: 100, VNEID: 60, NLD_DN: 100, AI_CCVC: 100 },
};
/** Which learner group is the evidence for an indicator (learner rows marked complete). */
export const INDICATOR_GROUP: Record<IndicatorCode, Group | null> = {
  CBCCVC: 'CBCCVC',
  HSSV: 'HSSV',
  NGUOI_DAN: 'NGUOI_DAN',
  VNEID: null,
  NLD_DN: 'NLD_DN',
  AI_CCVC: null,
};
/** Denominator field of the `Đơn vị` table for each indicator. */
export const INDICATOR_DENOMINATOR: Record<IndicatorCode, DenominatorField> = {
  CBCCVC: 'denomCbccvc',
  HSSV: 'denomHssv',
  NGUOI_DAN: 'denomAdults',
  VNEID: 'denomAdults',
  NLD_DN: 'denomNldDn',
  AI_CCVC: 'denomCbccvc',
};
/** Count field of the `Báo cáo tháng` table for each indicator. */
export const INDICATOR_COUNT: Record<IndicatorCode, CountField> = {
  CBCCVC: 'doneCbccvc',
  HSSV: 'doneHssv',
  NGUOI_DAN: 'doneAdults',
  VNEID: 'doneVneid',
  NLD_DN: 'doneNldDn',
  AI_CCVC: 'doneAi',
};

export type DenominatorField = 'denomCbccvc' | 'denomAdults' | 'denomHssv' | 'denomNldDn';
export type CountField = 'doneCbccvc' | 'doneAdults' | 'doneHssv' | 'doneNldDn' | 'doneVneid' | 'doneAi';

export const UNITS_TABLE: TableDef = {
  kind: 'units',
  sheet: SHEET.units,
  columns: [
    { field: 'code', header: 'Mã đơn vị', aliases: ['Mã ĐV', 'Mã'], required: true, text: true, width: 90 },
    { field: 'name', header: 'Tên đơn vị', aliases: ['Đơn vị', 'Cơ quan, đơn vị', 'Tên cơ quan, đơn vị'], required: true, width: 260 },
    { field: 'type', header: 'Loại đơn vị', aliases: ['Loại', 'Loại hình'], list: Object.values(UNIT_TYPE_LABELS), width: 140 },
    { field: 'contact', header: 'Họ tên đầu mối', aliases: ['Đầu mối', 'Cán bộ đầu mối', 'Người đầu mối'], width: 170 },
    { field: 'email', header: 'Email đầu mối', aliases: ['Email', 'Thư điện tử đầu mối', 'Thư điện tử'], width: 210 },
    { field: 'phone', header: 'Số điện thoại', aliases: ['Điện thoại', 'SĐT'], text: true, width: 120 },
    { field: 'denomCbccvc', header: 'Tổng số CB, CC, VC, NLĐ', aliases: ['Số CB, CC, VC, NLĐ', 'Tổng số CBCCVC', 'Tổng số cán bộ, công chức, viên chức, người lao động'], width: 120 },
    { field: 'denomAdults', header: 'Số người dân trưởng thành', aliases: ['Người dân trưởng thành', 'Số người dân'], width: 120 },
    { field: 'denomHssv', header: 'Số học sinh, sinh viên', aliases: ['Số HS, SV', 'Tổng số học sinh, sinh viên', 'Số HSSV'], width: 120 },
    { field: 'denomNldDn', header: 'Số NLĐ doanh nghiệp, HTX', aliases: ['Số người lao động doanh nghiệp', 'Số NLĐ doanh nghiệp', 'Số NLĐ DN, HTX'], width: 120 },
  ],
};

export const LEARNERS_TABLE: TableDef = {
  kind: 'learners',
  sheet: SHEET.learners,
  columns: [
    { field: 'stt', header: 'STT', aliases: ['Số thứ tự', 'TT'], width: 50 },
    { field: 'name', header: 'Họ và tên', aliases: ['Họ tên', 'Họ và tên học viên', 'Tên học viên'], required: true, width: 200 },
    { field: 'email', header: 'Email', aliases: ['Thư điện tử', 'Địa chỉ email', 'E-mail'], width: 220 },
    { field: 'cccd', header: 'Số căn cước công dân', aliases: ['Số CCCD', 'CCCD', 'Số định danh cá nhân', 'CCCD/CMND', 'Số căn cước', 'Căn cước công dân', 'Số CCCD/CMND', 'Số định danh'], required: true, text: true, width: 130 },
    { field: 'department', header: 'Phòng/ban', aliases: ['Phòng ban', 'Bộ phận', 'Phòng, ban'], width: 150 },
    { field: 'unit', header: 'Đơn vị', aliases: ['Cơ quan, đơn vị', 'Tên đơn vị', 'Cơ quan'], width: 220 },
    { field: 'group', header: 'Nhóm đối tượng', aliases: ['Đối tượng', 'Nhóm'], list: Object.values(GROUP_LABELS), width: 150 },
    { field: 'program', header: 'Chương trình', aliases: ['Khóa học', 'Chương trình học'], width: 200 },
    { field: 'status', header: 'Trạng thái', aliases: ['Kết quả học tập', 'Tình trạng', 'Kết quả'], list: Object.values(STATUS_LABELS), width: 130 },
    { field: 'birth', header: 'Ngày sinh', aliases: ['Năm sinh', 'Ngày/tháng/năm sinh', 'Ngày tháng năm sinh'], width: 100 },
    { field: 'gender', header: 'Giới tính', aliases: ['Phái'], list: ['Nam', 'Nữ'], width: 80 },
  ],
};

export const REPORTS_TABLE: TableDef = {
  kind: 'reports',
  sheet: SHEET.reports,
  columns: [
    { field: 'period', header: 'Kỳ báo cáo', aliases: ['Kỳ', 'Tháng báo cáo', 'Tháng'], required: true, text: true, width: 100 },
    { field: 'unitCode', header: 'Mã đơn vị', aliases: ['Mã ĐV'], text: true, width: 90 },
    { field: 'unitName', header: 'Đơn vị', aliases: ['Tên đơn vị', 'Cơ quan, đơn vị'], width: 220 },
    { field: 'doneCbccvc', header: 'CB, CC, VC, NLĐ đã hoàn thành', aliases: ['CBCCVC đã hoàn thành', 'Số CB, CC, VC, NLĐ đã hoàn thành'], width: 120 },
    { field: 'doneAdults', header: 'Người dân đã hoàn thành', aliases: ['Số người dân đã hoàn thành'], width: 120 },
    { field: 'doneHssv', header: 'HS, SV đã hoàn thành', aliases: ['HSSV đã hoàn thành', 'Học sinh, sinh viên đã hoàn thành', 'Số HS, SV đã hoàn thành'], width: 120 },
    { field: 'doneNldDn', header: 'NLĐ doanh nghiệp đã hoàn thành', aliases: ['NLĐ DN đã hoàn thành', 'Số NLĐ doanh nghiệp đã hoàn thành', 'NLĐ doanh nghiệp, HTX đã hoàn thành'], width: 120 },
    { field: 'doneVneid', header: 'Người dân được xác nhận trên VNeID', aliases: ['Xác nhận trên VNeID', 'Số người dân được xác nhận trên VNeID', 'VNeID'], width: 120 },
    { field: 'doneAi', header: 'CC, VC được bồi dưỡng AI', aliases: ['Bồi dưỡng AI', 'CCVC được bồi dưỡng AI', 'Số CC, VC được bồi dưỡng AI'], width: 120 },
    { field: 'updated', header: 'Ngày cập nhật', aliases: ['Cập nhật', 'Ngày báo cáo', 'Thời gian cập nhật'], width: 130 },
  ],
};

export const PLATFORM_TABLE: TableDef = {
  kind: 'platform',
  sheet: SHEET.platform,
  columns: [
    { field: 'cccd', header: 'Số CCCD', aliases: ['Số căn cước công dân', 'CCCD', 'Số định danh cá nhân', 'Số định danh'], required: true, text: true, width: 130 },
    { field: 'name', header: 'Họ và tên', aliases: ['Họ tên'], width: 200 },
    { field: 'course', header: 'Khóa học', aliases: ['Chương trình', 'Tên khóa học'], width: 220 },
    { field: 'status', header: 'Trạng thái', aliases: ['Tiến độ', 'Trạng thái / Tiến độ', 'Kết quả'], required: true, width: 130 },
    { field: 'completedAt', header: 'Ngày hoàn thành', aliases: ['Thời gian hoàn thành'], width: 120 },
  ],
};

export const TARGETS_TABLE: TableDef = {
  kind: 'targets',
  sheet: SHEET.targets,
  columns: [
    { field: 'code', header: 'Mã chỉ tiêu', aliases: ['Mã'], required: true, width: 100 },
    { field: 'name', header: 'Tên chỉ tiêu', aliases: ['Chỉ tiêu', 'Nội dung'], width: 380 },
    { field: 'target', header: 'Mục tiêu (%)', aliases: ['Mục tiêu', 'Chỉ tiêu (%)', 'Tỷ lệ mục tiêu'], required: true, width: 100 },
    { field: 'year', header: 'Năm', width: 70 },
    { field: 'deadline', header: 'Mốc hoàn thành', aliases: ['Thời hạn', 'Hạn hoàn thành'], width: 120 },
  ],
};

export const CONFIG_TABLE: TableDef = {
  kind: 'config',
  sheet: SHEET.config,
  columns: [
    { field: 'key', header: 'Tham số', aliases: ['Khóa', 'Cấu hình', 'Tên tham số', 'Thiết lập'], required: true, width: 260 },
    { field: 'value', header: 'Giá trị', aliases: ['Giá trị cấu hình'], required: true, width: 300 },
    { field: 'note', header: 'Ghi chú', aliases: ['Diễn giải', 'Mô tả'], width: 380 },
  ],
};

export const TABLES: Record<TableKind, TableDef> = {
  units: UNITS_TABLE,
  learners: LEARNERS_TABLE,
  reports: REPORTS_TABLE,
  platform: PLATFORM_TABLE,
  targets: TARGETS_TABLE,
  config: CONFIG_TABLE,
};

/** Keys of the `Cấu hình` sheet (matched with matchKey): the default used when a value is absent or unreadable, and (`template`) what a new workbook gets when it differs. */
export const CONFIG_KEYS = {
  departmentName: { label: 'Tên Sở', aliases: ['Tên đơn vị chủ trì', 'Cơ quan chủ trì'], default: 'Sở Khoa học và Công nghệ' },
  deadlineDay: { label: 'Hạn báo cáo hằng tháng (ngày)', aliases: ['Hạn báo cáo hằng tháng', 'Hạn báo cáo', 'Ngày hạn báo cáo'], default: '25' },
  remindBefore: { label: 'Ngày nhắc trước hạn', aliases: ['Nhắc trước hạn', 'Số ngày nhắc trước hạn'], default: '5, 2' },
  remindAfter: { label: 'Ngày nhắc sau hạn', aliases: ['Nhắc sau hạn', 'Số ngày nhắc sau hạn'], default: '1' },
  digestEmails: { label: 'Email nhận bản tổng hợp', aliases: ['Email nhận tổng hợp', 'Email lãnh đạo'], default: '' },
  contactName: { label: 'Người liên hệ', aliases: ['Cán bộ liên hệ', 'Đầu mối Sở'], default: '' },
  contactEmail: { label: 'Email liên hệ', aliases: ['Email người liên hệ', 'Email trả lời'], default: '' },
  contactPhone: { label: 'Điện thoại liên hệ', aliases: ['Số điện thoại liên hệ', 'Điện thoại người liên hệ', 'SĐT liên hệ'], default: '' },
  sheetUrl: { label: 'Đường dẫn bảng tính', aliases: ['Đường dẫn bảng tính dùng chung', 'Link bảng tính', 'Liên kết bảng tính', 'URL bảng tính'], default: '' },
  // a new workbook starts in dry run (the template writes “Có”); a workbook without the row, or with an unreadable value, sends
  dryRun: { label: 'Chế độ thử', aliases: ['Chế độ thử (dry run)', 'Dry run', 'Chạy thử'], default: 'Không', template: 'Có' },
  evidenceTolerance: { label: 'Dung sai đối chiếu (%)', aliases: ['Dung sai đối chiếu', 'Dung sai'], default: '10' },
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;
