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
  courses: 'Khóa học',
  config: 'Cấu hình',
  summary: 'Tổng hợp',
  issues: 'Lỗi dữ liệu',
  mailLog: 'Nhật ký gửi thư',
  /** The list for account creation (src/core/accounts.ts): full CCCDs, a learner list. */
  accounts: 'Danh sách tạo tài khoản',
  /** The month close's snapshots (src/core/history.ts): written by `bdhvs chot` (later the add-on), read by consolidate. */
  history: 'Lịch sử tổng hợp',
} as const;

/** Sheets we write; never read as input. */
export const OUTPUT_SHEETS: readonly string[] = [SHEET.summary, SHEET.issues, SHEET.mailLog, SHEET.accounts];

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
  CBCCVC: [
    'CBCCVC',
    'CB CC VC',
    'CB, CC, VC',
    'Cán bộ, công chức, viên chức',
    'Cán bộ công chức viên chức',
    'Công chức',
    'Viên chức',
    'Cán bộ',
    'CB, CC, VC, NLĐ',
    'CBCCVC NLĐ',
  ],
  HSSV: ['HSSV', 'HS, SV', 'Học sinh', 'Sinh viên', 'Học sinh, sinh viên', 'Học sinh sinh viên'],
  NLD_DN: [
    'NLD_DN',
    'NLĐ doanh nghiệp',
    'Người lao động doanh nghiệp',
    'NLĐ DN',
    'Lao động doanh nghiệp',
    'NLĐ doanh nghiệp, HTX',
    'Người lao động trong doanh nghiệp',
  ],
  NGUOI_DAN: ['NGUOI_DAN', 'Người dân', 'Dân', 'Người dân trưởng thành', 'Công dân'],
};
/**
 * Generic worker words: at a Doanh nghiệp/HTX they mean NLĐ doanh nghiệp, at any other unit
 * (a state body) "CB, CC, VC và người lao động" (seed 002), docs/rules.md §3.
 */
export const WORKER_ALIASES: string[] = ['NLĐ', 'Người lao động', 'Lao động'];
export function workerGroup(type: UnitType | null): Group {
  return type === 'DOANH_NGHIEP' ? 'NLD_DN' : 'CBCCVC';
}
/** An empty Nhóm đối tượng follows the unit's Nhóm mặc định, else its type. */
export const DEFAULT_GROUP: Record<UnitType, Group> = {
  SO_NGANH: 'CBCCVC',
  UBND_XA: 'NGUOI_DAN',
  TRUONG: 'HSSV',
  DOANH_NGHIEP: 'NLD_DN',
  KHAC: 'CBCCVC',
};
/** At a school, a blank group is a pupil or student only below this age (by the CCCD's birth year). */
export const SCHOOL_STUDENT_MAX_AGE = 29;

export const STATUS_LABELS: Record<LearnerStatus, string> = {
  HOAN_THANH: 'Hoàn thành',
  CHUA_HOAN_THANH: 'Chưa hoàn thành',
  KHONG_THAM_GIA: 'Không tham gia',
};
export const STATUSES: LearnerStatus[] = ['HOAN_THANH', 'CHUA_HOAN_THANH', 'KHONG_THAM_GIA'];
/** Read as complete but ambiguous (a tick mark): STATUS_AMBIGUOUS names the accepted words. */
export const AMBIGUOUS_COMPLETE: string[] = ['x'];
export const STATUS_ALIASES: Record<LearnerStatus, string[]> = {
  HOAN_THANH: ['HOAN_THANH', 'Hoàn thành', 'Đã hoàn thành', 'Đạt', 'Xong', 'Đã xong', 'Đã học xong', 'Học xong', 'HT', 'Completed', 'Done'],
  CHUA_HOAN_THANH: ['CHUA_HOAN_THANH', 'Chưa hoàn thành', 'Đang học', 'Đang tham gia', 'Đã tham gia', 'Chưa đạt', 'Không đạt', 'Chưa', 'In progress'],
  KHONG_THAM_GIA: ['KHONG_THAM_GIA', 'Không tham gia', 'Chưa tham gia', 'Chưa học', 'Not started'],
};

export const INDICATORS: IndicatorCode[] = ['CBCCVC', 'HSSV', 'NGUOI_DAN', 'VNEID', 'NLD_DN', 'AI_CCVC'];
export const INDICATOR_NAMES: Record<IndicatorCode, string> = {
  CBCCVC: 'CB, CC, VC, NLĐ được bồi dưỡng kỹ năng số',
  HSSV: 'Học sinh, sinh viên được trang bị kiến thức, kỹ năng số',
  NGUOI_DAN: 'Người dân trưởng thành có tri thức, kỹ năng số cơ bản',
  VNEID: 'Người dân trưởng thành được xác nhận đạt phổ cập kỹ năng số trên VNeID',
  NLD_DN: 'NLĐ doanh nghiệp, HTX có kiến thức, kỹ năng số',
  // the same population as its denominator (Tổng số CB, CC, VC, NLĐ) and as seed 001's AI course
  AI_CCVC: 'CB, CC, VC, NLĐ được bồi dưỡng về AI',
};
export const INDICATOR_SHORT: Record<IndicatorCode, string> = {
  CBCCVC: 'CBCCVC',
  HSSV: 'HSSV',
  NGUOI_DAN: 'Người dân',
  VNEID: 'VNeID',
  NLD_DN: 'NLĐ DN',
  AI_CCVC: 'AI',
};
/**
 * Default targets (percent) by year, from the seeds (2025: 002, 2026: 000/001/003); later years
 * use 2026's. No seed sets a 2025 AI target, so none is invented.
 */
export const DEFAULT_TARGETS: Record<number, Partial<Record<IndicatorCode, number>>> = {
  2025: { CBCCVC: 80, HSSV: 100, NGUOI_DAN: 80, VNEID: 40, NLD_DN: 80 },
  2026: { CBCCVC: 100, HSSV: 100, NGUOI_DAN: 100, VNEID: 60, NLD_DN: 100, AI_CCVC: 100 },
};
/** Seed 001: the platform's courses run until 30/11/2026; the default Mốc hoàn thành of these 2026 targets. */
export const COURSE_DEADLINES: Record<number, { date: string; codes: IndicatorCode[] }> = {
  2026: { date: '2026-11-30', codes: ['CBCCVC', 'HSSV', 'NGUOI_DAN', 'NLD_DN', 'AI_CCVC'] },
};

/**
 * The five programmes of seed 001 and the indicator each serves. `core`: the words (matchKey
 * form) a course name must contain to be this programme (extra words, case, quotes and
 * diacritics do not matter); docs/rules.md §6.
 */
export const PROGRAMMES: { code: IndicatorCode; name: string; core: string }[] = [
  {
    code: 'CBCCVC',
    name: 'Phổ cập kỹ năng số dành cho cán bộ, công chức, viên chức và người lao động trong cơ quan nhà nước',
    core: 'pho cap ky nang so can bo cong chuc vien chuc',
  },
  {
    code: 'AI_CCVC',
    name: 'Ứng dụng AI và ChatGPT trong công tác điều hành, báo cáo và xử lý công việc của công chức, viên chức và người lao động trong cơ quan nhà nước',
    core: 'ung dung ai chatgpt',
  },
  { code: 'NLD_DN', name: 'Phổ cập kỹ năng số dành cho người lao động trong doanh nghiệp', core: 'pho cap ky nang so lao dong doanh nghiep' },
  { code: 'NGUOI_DAN', name: 'Phổ cập kỹ năng số dành cho người dân', core: 'pho cap ky nang so nguoi dan' },
  { code: 'HSSV', name: 'Phổ cập kỹ năng số cho sinh viên', core: 'pho cap ky nang so sinh vien' },
];
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
    {
      field: 'denomCbccvc',
      header: 'Tổng số CB, CC, VC, NLĐ',
      aliases: ['Số CB, CC, VC, NLĐ', 'Tổng số CBCCVC', 'Tổng số cán bộ, công chức, viên chức, người lao động'],
      width: 120,
    },
    { field: 'denomAdults', header: 'Số người dân trưởng thành', aliases: ['Người dân trưởng thành', 'Số người dân'], width: 120 },
    { field: 'denomHssv', header: 'Số học sinh, sinh viên', aliases: ['Số HS, SV', 'Tổng số học sinh, sinh viên', 'Số HSSV'], width: 120 },
    {
      field: 'denomNldDn',
      header: 'Số NLĐ doanh nghiệp, HTX',
      aliases: ['Số người lao động doanh nghiệp', 'Số NLĐ doanh nghiệp', 'Số NLĐ DN, HTX'],
      width: 120,
    },
    { field: 'defaultGroup', header: 'Nhóm mặc định', aliases: ['Nhóm đối tượng mặc định'], list: Object.values(GROUP_LABELS), width: 150 },
  ],
};

const CCCD_ALIASES = [
  'Số CCCD',
  'CCCD',
  'Số định danh cá nhân',
  'CCCD/CMND',
  'CMND/CCCD',
  'Số CMND/CCCD',
  'Số CCCD/CMND',
  'Số căn cước',
  'Căn cước công dân',
  'Số thẻ căn cước',
  'Số định danh',
];

export const LEARNERS_TABLE: TableDef = {
  kind: 'learners',
  sheet: SHEET.learners,
  columns: [
    { field: 'stt', header: 'STT', aliases: ['Số thứ tự', 'TT'], width: 50 },
    { field: 'name', header: 'Họ và tên', aliases: ['Họ tên', 'Họ và tên học viên', 'Họ tên học viên', 'Tên học viên'], required: true, width: 200 },
    { field: 'email', header: 'Email', aliases: ['Thư điện tử', 'Địa chỉ email', 'E-mail'], width: 220 },
    { field: 'cccd', header: 'Số căn cước công dân', aliases: CCCD_ALIASES, required: true, text: true, width: 130 },
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
    {
      field: 'doneHssv',
      header: 'HS, SV đã hoàn thành',
      aliases: ['HSSV đã hoàn thành', 'Học sinh, sinh viên đã hoàn thành', 'Số HS, SV đã hoàn thành'],
      width: 120,
    },
    {
      field: 'doneNldDn',
      header: 'NLĐ doanh nghiệp đã hoàn thành',
      aliases: ['NLĐ DN đã hoàn thành', 'Số NLĐ doanh nghiệp đã hoàn thành', 'NLĐ doanh nghiệp, HTX đã hoàn thành'],
      width: 120,
    },
    {
      field: 'doneVneid',
      header: 'Người dân được xác nhận trên VNeID',
      aliases: ['Xác nhận trên VNeID', 'Số người dân được xác nhận trên VNeID', 'VNeID'],
      width: 120,
    },
    {
      field: 'doneAi',
      header: 'CB, CC, VC, NLĐ được bồi dưỡng AI',
      aliases: ['CC, VC được bồi dưỡng AI', 'Bồi dưỡng AI', 'CCVC được bồi dưỡng AI', 'Số CC, VC được bồi dưỡng AI', 'Số CB, CC, VC, NLĐ được bồi dưỡng AI'],
      width: 120,
    },
    { field: 'updated', header: 'Ngày cập nhật', aliases: ['Cập nhật', 'Ngày báo cáo', 'Thời gian cập nhật'], width: 130 },
  ],
};

export const PLATFORM_TABLE: TableDef = {
  kind: 'platform',
  sheet: SHEET.platform,
  columns: [
    { field: 'cccd', header: 'Số CCCD', aliases: ['Số căn cước công dân', ...CCCD_ALIASES], required: true, text: true, width: 130 },
    { field: 'name', header: 'Họ và tên', aliases: ['Họ tên'], width: 200 },
    { field: 'course', header: 'Khóa học', aliases: ['Chương trình', 'Tên khóa học'], width: 220 },
    { field: 'status', header: 'Trạng thái', aliases: ['Tiến độ', 'Trạng thái / Tiến độ', 'Kết quả'], required: true, width: 130 },
    { field: 'completedAt', header: 'Ngày hoàn thành', aliases: ['Thời gian hoàn thành'], width: 120 },
    // optional: which unit a platform learner belongs to (evidence for aggregate indicators)
    { field: 'unit', header: 'Đơn vị', aliases: ['Cơ quan, đơn vị', 'Xã, phường', 'Xã/phường', 'Nơi công tác', 'Tên đơn vị'], width: 200 },
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
    { field: 'deadline', header: 'Mốc hoàn thành', aliases: ['Thời hạn', 'Hạn hoàn thành', 'Ngày kết thúc'], width: 120 },
    { field: 'start', header: 'Ngày bắt đầu', aliases: ['Bắt đầu'], width: 110 },
    { field: 'baseline', header: 'Tỷ lệ đầu kỳ (%)', aliases: ['Tỷ lệ đầu kỳ', 'Tỷ lệ ban đầu (%)', 'Tỷ lệ ban đầu'], width: 110 },
  ],
};

/** Optional `Khóa học`: course name → indicator, overriding the default programme mapping. */
export const COURSES_TABLE: TableDef = {
  kind: 'courses',
  sheet: SHEET.courses,
  columns: [
    { field: 'course', header: 'Tên khóa học', aliases: ['Khóa học', 'Chương trình'], required: true, width: 420 },
    { field: 'code', header: 'Mã chỉ tiêu', aliases: ['Chỉ tiêu'], required: true, width: 110 },
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

/** Unit code of the province-wide rows of `Lịch sử tổng hợp`. */
export const PROVINCE_CODE = 'TOÀN TỈNH';

/**
 * `Lịch sử tổng hợp` (docs/month-close.md): one row per period × version × unit × indicator (and
 * the province, unit code PROVINCE_CODE) for a close (Sự kiện Chốt), one row per reopening (Mở lại).
 */
export const HISTORY_TABLE: TableDef = {
  kind: 'history',
  sheet: SHEET.history,
  columns: [
    { field: 'period', header: 'Kỳ báo cáo', aliases: ['Kỳ', 'Tháng báo cáo'], required: true, text: true, width: 90 },
    { field: 'version', header: 'Phiên bản', aliases: ['Lần chốt'], required: true, width: 80 },
    { field: 'unitCode', header: 'Mã đơn vị', aliases: ['Mã ĐV'], text: true, width: 100 },
    { field: 'unitName', header: 'Tên đơn vị', aliases: ['Đơn vị'], width: 220 },
    { field: 'indicator', header: 'Mã chỉ tiêu', aliases: ['Chỉ tiêu'], width: 100 },
    { field: 'numerator', header: 'Tử số', width: 90 },
    { field: 'denominator', header: 'Mẫu số', width: 90 },
    { field: 'percent', header: 'Tỷ lệ (%)', aliases: ['Tỷ lệ'], width: 80 },
    { field: 'target', header: 'Mục tiêu (%)', aliases: ['Mục tiêu'], width: 80 },
    { field: 'expected', header: 'Mức cần đạt (%)', aliases: ['Mức cần đạt'], width: 90 },
    { field: 'status', header: 'Trạng thái', width: 100 },
    { field: 'source', header: 'Nguồn', width: 80 },
    { field: 'reported', header: 'Số báo cáo', width: 90 },
    { field: 'evidenced', header: 'Số có minh chứng', width: 100 },
    { field: 'by', header: 'Người chốt', aliases: ['Người thực hiện'], width: 160 },
    { field: 'at', header: 'Thời điểm chốt', aliases: ['Thời điểm'], width: 140 },
    { field: 'event', header: 'Sự kiện', aliases: ['Hành động'], required: true, width: 90 },
    { field: 'reason', header: 'Lý do', width: 260 },
  ],
};

export const TABLES: Record<TableKind, TableDef> = {
  units: UNITS_TABLE,
  learners: LEARNERS_TABLE,
  reports: REPORTS_TABLE,
  platform: PLATFORM_TABLE,
  targets: TARGETS_TABLE,
  config: CONFIG_TABLE,
  courses: COURSES_TABLE,
  history: HISTORY_TABLE,
};

/** Keys of the `Cấu hình` sheet (matched with matchKey): the default used when a value is absent or unreadable, and (`template`) what a new workbook gets when it differs. */
export const CONFIG_KEYS = {
  departmentName: { label: 'Tên Sở', aliases: ['Tên đơn vị chủ trì', 'Cơ quan chủ trì'], default: 'Sở Khoa học và Công nghệ' },
  deadlineDay: { label: 'Hạn báo cáo hằng tháng (ngày)', aliases: ['Hạn báo cáo hằng tháng', 'Hạn báo cáo', 'Ngày hạn báo cáo'], default: '25' },
  cycle: { label: 'Chu kỳ báo cáo', aliases: ['Chu kỳ', 'Kỳ báo cáo định kỳ', 'Tần suất báo cáo'], default: 'Tháng' },
  quarterDeadlineDay: { label: 'Hạn báo cáo hằng quý', aliases: ['Hạn báo cáo hằng quý (ngày)', 'Hạn báo cáo quý', 'Hạn báo cáo theo quý'], default: '' },
  oneOffDeadline: { label: 'Hạn báo cáo một lần', aliases: ['Hạn báo cáo 1 lần', 'Hạn báo cáo một lần (ngày)', 'Ngày hạn báo cáo một lần'], default: '' },
  remindBefore: { label: 'Ngày nhắc trước hạn', aliases: ['Nhắc trước hạn', 'Số ngày nhắc trước hạn'], default: '5, 2' },
  remindAfter: { label: 'Ngày nhắc sau hạn', aliases: ['Nhắc sau hạn', 'Số ngày nhắc sau hạn'], default: '1' },
  digestEmails: { label: 'Email nhận bản tổng hợp', aliases: ['Email nhận tổng hợp', 'Email lãnh đạo'], default: '' },
  // who may run the tool: kept as editors of every sheet the tool protects (src/gas/access.ts)
  staffEmails: { label: 'Cán bộ Sở (email)', aliases: ['Cán bộ Sở', 'Email cán bộ Sở', 'Cán bộ Sở chạy công cụ'], default: '' },
  contactName: { label: 'Người liên hệ', aliases: ['Cán bộ liên hệ', 'Đầu mối Sở'], default: '' },
  contactEmail: { label: 'Email liên hệ', aliases: ['Email người liên hệ', 'Email trả lời'], default: '' },
  contactPhone: { label: 'Điện thoại liên hệ', aliases: ['Số điện thoại liên hệ', 'Điện thoại người liên hệ', 'SĐT liên hệ'], default: '' },
  sheetUrl: { label: 'Đường dẫn bảng tính', aliases: ['Đường dẫn bảng tính dùng chung', 'Link bảng tính', 'Liên kết bảng tính', 'URL bảng tính'], default: '' },
  // a new workbook starts in dry run (the template writes “Có”); a workbook without the row, or with an unreadable value, sends
  dryRun: { label: 'Chế độ thử', aliases: ['Chế độ thử (dry run)', 'Dry run', 'Chạy thử'], default: 'Không', template: 'Có' },
  evidenceTolerance: { label: 'Dung sai đối chiếu (%)', aliases: ['Dung sai đối chiếu', 'Dung sai'], default: '10' },
  progressTolerance: { label: 'Dung sai tiến độ (điểm %)', aliases: ['Dung sai tiến độ', 'Dung sai tiến độ (%)'], default: '10' },
  jumpThreshold: { label: 'Mức tăng bất thường (%)', aliases: ['Mức tăng bất thường', 'Ngưỡng tăng bất thường (%)'], default: '30' },
  // how a close locks the period's `Báo cáo tháng` rows (docs/month-close.md): Chặn (protected) or Chỉ cảnh báo (warning-only)
  closedLock: { label: 'Khóa kỳ đã chốt', aliases: ['Khóa số liệu đã chốt', 'Cách khóa kỳ đã chốt', 'Khóa báo cáo đã chốt'], default: 'Chặn' },
  // the official report to the province (src/core/official.ts, docs/official-report.md)
  parentAgency: { label: 'Cơ quan chủ quản', aliases: ['Tên cơ quan chủ quản', 'Cơ quan cấp trên'], default: '' },
  place: { label: 'Địa danh', aliases: ['Địa danh ghi ngày', 'Nơi ban hành'], default: '' },
  reportSymbol: { label: 'Ký hiệu báo cáo', aliases: ['Số hiệu báo cáo', 'Ký hiệu văn bản'], default: 'BC-SKHCN' },
  addressee: { label: 'Kính gửi', aliases: ['Nơi gửi báo cáo', 'Báo cáo gửi'], default: 'Chủ tịch UBND tỉnh' },
  recipients: { label: 'Nơi nhận', aliases: ['Nơi nhận báo cáo'], default: 'Như trên; Lưu: VT' },
  signerTitle: { label: 'Chức vụ người ký', aliases: ['Chức vụ ký', 'Chức danh người ký'], default: 'GIÁM ĐỐC' },
  signerName: { label: 'Người ký', aliases: ['Họ tên người ký', 'Người ký báo cáo'], default: '' },
  difficulties: { label: 'Khó khăn, vướng mắc', aliases: ['Khó khăn', 'Khó khăn vướng mắc'], default: '' },
  proposals: { label: 'Đề xuất, kiến nghị', aliases: ['Đề xuất', 'Kiến nghị', 'Đề xuất kiến nghị'], default: '' },
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;
