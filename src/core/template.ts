/**
 * The workbook template (DESIGN.md "The workbook"), described once for both adapters: the Sheets
 * add-on's "Khởi tạo bảng tính mẫu" and the CLI's `bdhvs mau`. Each sheet: its rows (title and
 * header, plus default rows for Chỉ tiêu and Cấu hình), which columns are text (CCCD: so
 * leading zeros survive), dropdowns, widths and frozen rows.
 */
import { formatDateVi, parseYmd } from './dates';
import { defaultTargets } from './config';
import {
  CONFIG_KEYS,
  COURSES_TABLE,
  INDICATOR_NAMES,
  PROGRAMMES,
  LEARNERS_TABLE,
  PLATFORM_TABLE,
  REPORTS_TABLE,
  SHEET,
  STATUS_HEADER,
  TARGETS_TABLE,
  UNITS_TABLE,
  type ConfigKey,
  type TableDef,
} from './schema';
import type { Cell } from './types';

export interface TemplateSheet {
  name: string;
  /** Rows to write when the sheet is created (title rows, header, default rows). */
  rows: Cell[][];
  /** 0-based header row index within rows. */
  headerRow: number;
  /** 0-based columns formatted as plain text. */
  textColumns: number[];
  /** Dropdowns: 0-based column → allowed values. */
  lists: { column: number; values: string[] }[];
  columnWidths: number[];
  frozenRows: number;
  /** Rows of template data to prepare (dropdowns and text format reach this far). */
  dataRows: number;
}

export const TEMPLATE_DATA_ROWS = 1000;

export const CONFIG_NOTES: Record<ConfigKey, string> = {
  departmentName: 'Tên cơ quan chủ trì, hiện trong bản tổng hợp và thư nhắc.',
  deadlineDay: 'Ngày trong tháng là hạn cập nhật báo cáo (1–31; tháng ngắn hơn thì lấy ngày cuối tháng).',
  cycle: '“Tháng” (mặc định): mỗi tháng một kỳ báo cáo; “Quý”: mỗi quý một kỳ (đơn vị ghi “Quý IV/2026”; ghi tháng thì tính vào quý của tháng đó).',
  quarterDeadlineDay: 'Khi báo cáo theo quý: ngày của tháng cuối quý là hạn (1–31); để trống thì dùng hạn hằng tháng.',
  oneOffDeadline: 'Chỉ báo cáo một lần: ngày hạn (ví dụ 29/05/2026). Để trống nếu báo cáo định kỳ.',
  remindBefore: 'Số ngày trước hạn gửi thư nhắc, cách nhau bằng dấu phẩy (ví dụ 5, 2).',
  remindAfter: 'Số ngày sau hạn gửi thư nhắc quá hạn (ví dụ 1).',
  digestEmails: 'Email nhận bản tổng hợp hằng tuần, cách nhau bằng dấu phẩy.',
  staffEmails:
    'Email các cán bộ Sở được chạy công cụ (Tổng hợp, Kiểm tra dữ liệu, gửi thư), cách nhau bằng dấu phẩy, chấm phẩy hoặc xuống dòng. Những người này luôn được sửa các trang kết quả được bảo vệ; thêm người mới vào đây rồi nhờ người đang chạy được công cụ chạy “Tổng hợp” một lần.',
  contactName: 'Cán bộ đầu mối của Sở, ghi cuối thư nhắc.',
  contactEmail: 'Email trả lời thư nhắc (reply-to).',
  contactPhone: 'Số điện thoại của cán bộ đầu mối Sở, ghi cuối thư nhắc và bản tổng hợp tuần.',
  sheetUrl: 'Đường dẫn của bảng tính dùng chung này, bắt đầu bằng https://; ghi trong thư nhắc và bản tổng hợp tuần.',
  dryRun: '“Có”: chỉ ghi nhật ký, không gửi thư thật. Chuyển “Không” khi đã kiểm tra xong.',
  evidenceTolerance:
    'Dung sai (%) khi đối chiếu số báo cáo với số có minh chứng (học viên hoàn thành, kết quả nền tảng); vượt dung sai là lỗi “Số báo cáo thiếu minh chứng”.',
  progressTolerance: 'Chỉ tiêu chỉ bị coi là chậm tiến độ khi thấp hơn mức cần đạt theo lộ trình quá số điểm % này (mặc định 10).',
  jumpThreshold: 'Cảnh báo khi số lũy kế tăng quá tỷ lệ % này của tổng số đối tượng trong một kỳ (mặc định 30).',
  closedLock:
    '“Chặn” (mặc định): khi chốt số liệu, các dòng “Báo cáo tháng” của kỳ đã chốt bị khóa, chỉ cán bộ Sở và chủ sở hữu tệp sửa được. “Chỉ cảnh báo”: ai cũng sửa được nhưng Google Trang tính hỏi xác nhận trước; số đã chốt vẫn giữ nguyên.',
  parentAgency: 'Báo cáo gửi UBND tỉnh: tên cơ quan chủ quản ở góc trái (ví dụ “UBND tỉnh Thanh Hóa”). Để trống thì lấy theo Tên Sở.',
  place: 'Báo cáo gửi UBND tỉnh: địa danh ở dòng ngày tháng (ví dụ “Thanh Hóa”). Để trống thì lấy theo Tên Sở.',
  reportSymbol: 'Báo cáo gửi UBND tỉnh: ký hiệu sau “Số: …/” (mặc định BC-SKHCN); số do văn thư ghi khi ban hành.',
  addressee: 'Báo cáo gửi UBND tỉnh: dòng “Kính gửi” (mặc định Chủ tịch UBND tỉnh).',
  recipients: 'Báo cáo gửi UBND tỉnh: nơi nhận, cách nhau bằng dấu chấm phẩy hoặc xuống dòng (mặc định “Như trên; Lưu: VT”).',
  signerTitle: 'Báo cáo gửi UBND tỉnh: chức vụ người ký (ví dụ GIÁM ĐỐC, KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC).',
  signerName: 'Báo cáo gửi UBND tỉnh: họ tên người ký. Để trống thì chừa chỗ ghi tay.',
  difficulties: 'Báo cáo gửi UBND tỉnh: nội dung mục “Khó khăn, vướng mắc”; mỗi dòng một đoạn.',
  proposals: 'Báo cáo gửi UBND tỉnh: nội dung mục “Đề xuất, kiến nghị”; mỗi dòng một đoạn.',
};

/** The value the template writes for a setting: its `template` value, else its default. */
function configTemplateValue(k: ConfigKey): string {
  const def: { default: string; template?: string } = CONFIG_KEYS[k];
  return def.template ?? def.default;
}

function tableSheet(def: TableDef, title: string | null): TemplateSheet {
  const header = def.columns.map((c) => c.header);
  if (def.kind === 'learners') header.push(STATUS_HEADER);
  const rows: Cell[][] = title ? [[title], header] : [header];
  const headerRow = rows.length - 1;
  return {
    name: def.sheet,
    rows,
    headerRow,
    textColumns: def.columns.flatMap((c, i) => (c.text ? [i] : [])),
    lists: def.columns.flatMap((c, i) => (c.list ? [{ column: i, values: [...c.list] }] : [])),
    columnWidths: [...def.columns.map((c) => c.width ?? 120), ...(def.kind === 'learners' ? [360] : [])],
    frozenRows: headerRow + 1,
    dataRows: TEMPLATE_DATA_ROWS,
  };
}

export const LEARNER_TITLE = 'DANH SÁCH HỌC VIÊN THAM GIA KHÓA HỌC TRÊN NỀN TẢNG “BÌNH DÂN HỌC VỤ SỐ”';

/** The input sheets of the template, in tab order. */
export function templateSheets(year: number): TemplateSheet[] {
  const targets = tableSheet(TARGETS_TABLE, null);
  for (const t of defaultTargets(year)) {
    if (t.target === null) continue;
    const row: Cell[] = [];
    const cells: Record<string, Cell> = {
      code: t.code,
      name: INDICATOR_NAMES[t.code],
      target: t.target,
      year: t.year,
      deadline: formatDateVi(parseYmd(t.deadline)!),
      start: formatDateVi(parseYmd(t.start)!),
      baseline: t.baseline,
    };
    TARGETS_TABLE.columns.forEach((c) => row.push(cells[c.field] ?? ''));
    targets.rows.push(row);
  }
  const courses = tableSheet(COURSES_TABLE, null);
  for (const p of PROGRAMMES) courses.rows.push([p.name, p.code]);
  const config: TemplateSheet = {
    name: SHEET.config,
    rows: [
      ['Tham số', 'Giá trị', 'Ghi chú'],
      ...(Object.keys(CONFIG_KEYS) as ConfigKey[]).map((k) => [CONFIG_KEYS[k].label, configTemplateValue(k), CONFIG_NOTES[k]]),
    ],
    headerRow: 0,
    textColumns: [1],
    lists: [],
    columnWidths: [260, 300, 520],
    frozenRows: 1,
    dataRows: 0,
  };
  return [
    config,
    targets,
    tableSheet(UNITS_TABLE, null),
    tableSheet(LEARNERS_TABLE, LEARNER_TITLE),
    tableSheet(REPORTS_TABLE, null),
    tableSheet(PLATFORM_TABLE, null),
    courses,
  ];
}

/** The learner sheet of the template under another name: a unit's own tab (src/core/unittabs.ts). */
export function unitTabTemplate(tab: string): TemplateSheet {
  return { ...tableSheet(LEARNERS_TABLE, LEARNER_TITLE), name: tab };
}
