/**
 * Every text a user reads, in Vietnamese, in one file so it can be reviewed at once: issue
 * messages and fixes, output sheet labels, reminder e-mails, and the adapters' UI strings
 * (Sheets menu, dialogs, CLI). Code and comments stay in English; only the strings are Vietnamese.
 *
 * Rules for every message: say which cell (sheet, row, column), why it is a problem and how to fix
 * it; never include a full CCCD (use maskCccd); quote user values with “…”.
 */
import type { IssueCode, IssueDetailsByCode } from './issue-codes';
import type { IndicatorCode, IndicatorStatus, LaggardReason, ReminderKind, Severity } from './types';
import { INDICATOR_SHORT, STATUS_LABELS, type CountField } from './schema';
import type { NameProblem } from './text';

/** Quote a user value for a message. */
export const q = (s: string | number): string => `“${s}”`;

/** The first ten names, quoted, then “và N … khác” (a province has ~250 units). */
function listSome(names: string[], noun = 'trang'): string {
  const shown = names
    .slice(0, 10)
    .map((n) => q(n))
    .join(', ');
  return names.length > 10 ? `${shown} và ${formatNumberVi(names.length - 10)} ${noun} khác` : shown;
}

/** Vietnamese number: thousands with '.', decimals with ','. */
export function formatNumberVi(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (n < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}

export function formatPercentVi(p: number | null, decimals = 1): string {
  return p === null ? '—' : `${formatNumberVi(p, decimals)}%`;
}

/** Where an issue is: “Trang “Học viên”, dòng 12, cột “Số CCCD”” (what is known of it). */
export function locationText(sheet?: string, row?: number, column?: string): string {
  const parts: string[] = [];
  if (sheet) parts.push(`Trang ${q(sheet)}`);
  if (row) parts.push(`dòng ${row}`);
  if (column) parts.push(`cột ${q(column)}`);
  return parts.join(', ');
}

/** What an issue's text says: why (the location is kept apart, in the issue), and how to fix it. */
export interface IssueText {
  text: string;
  fix?: string;
}

/** How PLATFORM_UNIT_UNKNOWN names an indicator whose platform evidence needs the unit (aggregates only, docs/rules.md §5). */
const PLATFORM_AGGREGATE_LABELS: Partial<Record<IndicatorCode, string>> = {
  VNEID: '“VNeID”',
  NGUOI_DAN: '“Người dân” (của xã, phường)',
};

const NAME_REASON: Record<Exclude<NameProblem, null>, string> = {
  digits: 'có chữ số',
  symbols: 'có ký tự không phải chữ cái',
  case: 'chưa viết hoa đúng chữ cái đầu mỗi từ',
  single_word: 'chỉ có một từ (thiếu họ hoặc tên)',
  decomposed: 'được gõ ở dạng dấu tổ hợp (NFD), dễ bị coi là khác tên khi so khớp',
};

/**
 * The fix of a decomposed (NFD) name: it looks the same as its NFC form, so quoting that would not
 * help. (No menu command rewrites names: the Unikey converter does it for a pasted column.)
 */
const NAME_DECOMPOSED_FIX =
  'Gõ lại họ tên bằng bàn phím Unicode dựng sẵn (Unikey: bảng mã Unicode, kiểu gõ dựng sẵn), hoặc chuyển mã cả cột bằng công cụ chuyển mã của Unikey, từ “Unicode tổ hợp” sang “Unicode”.';

/** REPORT_EXCEEDS_DENOMINATOR by count column: the count, its denominator, and the `Đơn vị` column holding it. */
const COUNT_PHRASE: Record<CountField, { count: string; denominator: string; column: string }> = {
  doneCbccvc: { count: 'Số CB, CC, VC, NLĐ đã hoàn thành', denominator: 'tổng số CB, CC, VC, NLĐ', column: 'Tổng số CB, CC, VC, NLĐ' },
  doneAdults: { count: 'Số người dân đã hoàn thành', denominator: 'số người dân trưởng thành', column: 'Số người dân trưởng thành' },
  doneHssv: { count: 'Số HS, SV đã hoàn thành', denominator: 'số học sinh, sinh viên', column: 'Số học sinh, sinh viên' },
  doneNldDn: { count: 'Số NLĐ doanh nghiệp đã hoàn thành', denominator: 'số NLĐ doanh nghiệp, HTX', column: 'Số NLĐ doanh nghiệp, HTX' },
  doneVneid: { count: 'Số người được xác nhận trên VNeID', denominator: 'số người dân trưởng thành', column: 'Số người dân trưởng thành' },
  doneAi: { count: 'Số CC, VC được bồi dưỡng về AI', denominator: 'tổng số CB, CC, VC, NLĐ', column: 'Tổng số CB, CC, VC, NLĐ' },
};

/** A count as the details carry it (a string or a number), formatted 12.482 when it is a number. */
function countText(v: string | number): string {
  if (v === '') return '';
  const n = typeof v === 'number' ? v : Number(v);
  return isFinite(n) ? formatNumberVi(n) : String(v);
}

/** A percentage as typed in a setting (10, 7.5): 10%, 7,5%. */
function percentText(v: number): string {
  return `${String(v).replace('.', ',')}%`;
}

export const GROUP_CHOICES = 'CB, CC, VC, NLĐ; Học sinh, sinh viên; NLĐ doanh nghiệp, HTX; Người dân';
export const STATUS_CHOICES = 'Hoàn thành; Chưa hoàn thành; Không tham gia';
export const UNIT_TYPE_CHOICES = 'Sở/ngành; UBND xã/phường; Trường; Doanh nghiệp/HTX; Khác';

/** A period label inside a sentence: "Quý IV/2026" → "quý IV/2026" (a month's "11/2026" is unchanged). */
function inSentence(period: string): string {
  return period.charAt(0).toLowerCase() + period.slice(1);
}

/** Reporting periods as users read them (dates.ts builds them from 'YYYY-MM' and 'YYYY-Qn'). */
export const PERIOD_VI = {
  /** "11/2026" */
  month: (mm: string, year: number) => `${mm}/${year}`,
  /** "Quý IV/2026" */
  quarter: (roman: string, year: number) => `Quý ${roman}/${year}`,
  /** Inside a sentence: "tháng 11/2026". */
  monthPhrase: (label: string) => `tháng ${label}`,
  /** Inside a sentence: "quý IV/2026". */
  quarterPhrase: (roman: string, year: number) => `quý ${roman}/${year}`,
};

/** Holds a parenthesis: never put it inside another one (“Nhập lại … (hãy định dạng … (…))”). */
const TEXT_FORMAT_HINT = 'định dạng cột là văn bản (Định dạng ▸ Số ▸ Văn bản thuần túy)';

/** A code's text: why (without the location) and how to fix it. */
type IssueTextOf<C extends IssueCode> = (d: IssueDetailsByCode[C]) => IssueText;

/**
 * Every issue's text, one function per code from its typed details (issue-codes.ts), the way a zod
 * locale maps each issue to its message. makeIssue adds the location and masks the quoted values.
 */
export const ISSUE_TEXTS: { readonly [C in IssueCode]: IssueTextOf<C> } = {
  CCCD_MISSING: () => ({ text: 'Thiếu số CCCD.', fix: 'Nhập số định danh cá nhân 12 chữ số in trên thẻ căn cước của học viên.' }),
  CCCD_FORMAT: (d) =>
    d.reason === 'letters'
      ? {
          text: `Số CCCD ${q(d.masked)} có ký tự không phải chữ số.`,
          fix: 'Nhập đúng 12 chữ số, không có chữ cái hay ký hiệu.',
        }
      : {
          text:
            `Số CCCD ${q(d.masked)} có ${d.length} chữ số; cần đúng 12 chữ số.` +
            (d.length === 10 || d.length === 11 ? ' Có thể đã mất số 0 ở đầu khi nhập hoặc xuất tệp.' : ''),
          fix: `Nhập lại đủ 12 chữ số. Để giữ số 0 ở đầu, hãy ${TEXT_FORMAT_HINT}.`,
        },
  CCCD_OLD_CMND: () => ({
    text: 'Đây là số chứng minh nhân dân cũ 9 chữ số, không còn dùng để tạo tài khoản.',
    fix: 'Thay bằng số định danh cá nhân 12 chữ số trên thẻ căn cước.',
  }),
  CCCD_PRECISION_LOST: () => ({
    text: 'Số CCCD đã bị chuyển thành số dạng khoa học (ví dụ 3,8E+10) hoặc quá dài nên mất các chữ số cuối.',
    fix: `Hãy ${TEXT_FORMAT_HINT} rồi nhập lại đủ 12 chữ số.`,
  }),
  CCCD_DUPLICATE: (d) => ({
    text:
      `Số CCCD ${q(d.masked)} trùng với trang ${q(d.firstSheet)}, dòng ${d.firstRow}` +
      (d.firstUnit ? ` (${d.firstUnit})` : '') +
      '; mỗi người chỉ được tính một lần trong toàn tỉnh.',
    fix: 'Xóa dòng trùng, hoặc sửa số CCCD nếu nhập nhầm người.',
  }),
  NAME_MISSING: () => ({ text: 'Thiếu họ và tên.', fix: 'Nhập đầy đủ họ và tên học viên.' }),
  NAME_FORMAT: (d) => ({
    text: `Họ tên ${q(d.value)} ${NAME_REASON[d.reason]}.`,
    fix:
      d.reason === 'decomposed' ? NAME_DECOMPOSED_FIX : d.suggestion ? `Sửa thành ${q(d.suggestion)}.` : 'Nhập họ và tên đầy đủ, viết hoa chữ cái đầu mỗi từ.',
  }),
  NAME_LEGACY_ENCODING: (d) => ({
    text: `Họ tên ${q(d.value)} có vẻ được gõ bằng bảng mã cũ ${d.encoding}; đọc đúng là ${q(d.suggestion)}.`,
    fix: `Sửa thành ${q(d.suggestion)} nếu đúng (gõ lại với bảng mã Unicode, ví dụ trong Unikey chọn bảng mã “Unicode”).`,
  }),
  UNIT_MISSING: () => ({ text: 'Chưa ghi đơn vị.', fix: 'Nhập tên hoặc mã đơn vị đúng như trang “Đơn vị”.' }),
  UNIT_UNKNOWN: (d) =>
    d.candidates
      ? {
          text: `Đơn vị ${q(d.value)} khớp với nhiều đơn vị trong trang “Đơn vị” (${listSome(d.candidates, 'đơn vị')}) nên không xác định được là đơn vị nào.`,
          fix: 'Ghi mã đơn vị (cột “Mã đơn vị” của trang “Đơn vị”), hoặc tên đơn vị đầy đủ đúng như trang “Đơn vị”, để chỉ khớp với một đơn vị.',
        }
      : {
          text: `Đơn vị ${q(d.value)} không có trong trang “Đơn vị”.` + (d.suggestion ? ` Có phải ${q(d.suggestion)}?` : ''),
          fix: d.suggestion
            ? `Sửa thành ${q(d.suggestion)} nếu đúng; nếu là đơn vị mới, đề nghị Sở bổ sung vào trang “Đơn vị”.`
            : 'Nhập đúng tên hoặc mã đơn vị đã đăng ký; nếu là đơn vị mới, đề nghị Sở bổ sung vào trang “Đơn vị”.',
        },
  CCCD_NUMERIC_CELL: (d) => ({
    text: `Số CCCD được lưu dạng số nên mất số 0 ở đầu; đã hiểu là ${q(d.masked)}.`,
    fix: `Hãy ${TEXT_FORMAT_HINT} và nhập lại, hoặc dùng lệnh “Sửa số CCCD bị mất số 0”.`,
  }),
  CCCD_PROVINCE: (d) => ({
    text: `Ba chữ số đầu ${q(d.prefix)} của số CCCD không phải mã tỉnh nơi đăng ký khai sinh trong danh mục (trừ trường hợp khai sinh ở nước ngoài).`,
    fix: 'Đối chiếu lại ba chữ số đầu với thẻ căn cước.',
  }),
  CCCD_CENTURY: (d) => ({
    text: `Năm sinh theo số CCCD là ${d.cccdYear}, sau năm hiện tại.`,
    fix: 'Kiểm tra chữ số thứ 4 (thế kỷ và giới tính) và chữ số thứ 5–6 (năm sinh) của số CCCD.',
  }),
  CCCD_AGE: (d) => ({
    text: `Theo số CCCD, học viên ${d.age} tuổi, ngoài độ tuổi hợp lý của nhóm ${q(d.group)} (từ ${d.minAge} đến 120 tuổi).`,
    fix: 'Kiểm tra lại số CCCD hoặc nhóm đối tượng của học viên.',
  }),
  CCCD_MISMATCH: (d) =>
    d.reason === 'gender'
      ? {
          text: `Giới tính ${q(d.gender)} khác giới tính theo số CCCD (${d.cccdGender}).`,
          fix: 'Kiểm tra lại giới tính hoặc chữ số thứ 4 của số CCCD.',
        }
      : {
          text: `Năm sinh ${d.year} khác năm sinh theo số CCCD (${d.cccdYear}).`,
          fix: 'Kiểm tra lại ngày sinh hoặc chữ số thứ 4–6 của số CCCD.',
        },
  EMAIL_FORMAT: (d) => ({
    text: `Email ${q(d.value)} không đúng định dạng.`,
    fix: d.suggestion ? `Sửa thành ${q(d.suggestion)}.` : 'Nhập email dạng ten@mien.vn: không dấu, không dấu cách, một ký tự @.',
  }),
  EMAIL_TYPO: (d) => ({ text: `Email ${q(d.value)} có thể gõ nhầm tên miền.`, fix: `Sửa thành ${q(d.suggestion)} nếu đúng.` }),
  EMAIL_SHARED: (d) => ({
    text: `Email ${q(d.value)} đã dùng cho học viên khác ở trang ${q(d.firstSheet)}, dòng ${d.firstRow}.`,
    fix: 'Mỗi học viên nên có email riêng; nếu dùng chung thật (gia đình, đơn vị nhỏ) có thể bỏ qua cảnh báo này.',
  }),
  GROUP_UNKNOWN: (d) => ({
    text: `Nhóm đối tượng ${q(d.value)} không hợp lệ; tạm tính theo loại đơn vị là ${q(d.group)}.`,
    fix: `Chọn một trong: ${GROUP_CHOICES}.`,
  }),
  STATUS_UNKNOWN: (d) => ({
    text: `Trạng thái ${q(d.value)} không hợp lệ; tạm tính là “Không tham gia”.`,
    fix: `Chọn một trong: ${STATUS_CHOICES}.`,
  }),
  PERSON_POSSIBLE_DUPLICATE: (d) => ({
    text: `Cùng họ tên và năm sinh với trang ${q(d.firstSheet)}, dòng ${d.firstRow} của cùng đơn vị nhưng khác số CCCD.`,
    fix: 'Kiểm tra xem có phải một người bị nhập hai lần với số CCCD sai không; nếu là hai người khác nhau, bỏ qua.',
  }),
  REPORT_NOT_NUMBER: (d) => ({
    text: `Giá trị ${q(d.value)} không hợp lệ: phải là số người, ví dụ 125; số này không được tính.`,
    fix: 'Nhập số người đã hoàn thành, ví dụ 125; không nhập tỷ lệ %, số thập phân hay chữ.',
  }),
  REPORT_EXCEEDS_DENOMINATOR: (d) => {
    const p = d.field ? COUNT_PHRASE[d.field] : undefined;
    if (p)
      return {
        text: `${p.count} (${countText(d.value)}) lớn hơn ${p.denominator} (${countText(d.denominator)}); số này không được tính.`,
        fix: `Kiểm tra lại số liệu; nếu ${p.denominator} đã thay đổi, đề nghị Sở cập nhật cột ${q(p.column)} ở trang “Đơn vị”.`,
      };
    return {
      text: `Số đã hoàn thành (${countText(d.value)}) lớn hơn tổng số của đơn vị (${countText(d.denominator)}); số này không được tính.`,
      fix: 'Kiểm tra lại số liệu; nếu tổng số đã thay đổi, đề nghị Sở cập nhật trang “Đơn vị”.',
    };
  },
  REPORT_DECREASED: (d) => ({
    text: `Số lũy kế giảm từ ${countText(d.previous)} (kỳ ${inSentence(d.previousPeriod)}) xuống ${countText(d.value)}.`,
    fix: 'Số liệu báo cáo là lũy kế nên không giảm; kiểm tra lại số kỳ này hoặc kỳ trước.',
  }),
  REPORT_EXCEEDS_EVIDENCE: (d) => ({
    text: `Báo cáo ${countText(d.value)} người đã hoàn thành nhưng danh sách học viên của đơn vị chỉ có ${countText(d.evidence)} người hoàn thành (dung sai ${percentText(d.tolerance)}).`,
    fix: 'Bổ sung danh sách học viên đã hoàn thành, hoặc sửa số liệu báo cáo cho đúng thực tế.',
  }),
  REPORT_UNSUPPORTED: (d) => ({
    text: `Báo cáo ${formatNumberVi(d.reported)} người đã hoàn thành nhưng chỉ ${formatNumberVi(d.evidenced)} người có minh chứng (học viên trong danh sách đã hoàn thành, kết quả trên nền tảng); chênh lệch vượt dung sai ${d.tolerance}%.`,
    fix: 'Bổ sung danh sách học viên đã hoàn thành (đủ họ tên, số CCCD) hoặc sửa số liệu báo cáo cho đúng thực tế.',
  }),
  REPORT_JUMP: (d) => ({
    text: `Số lũy kế tăng ${formatNumberVi(d.increase)} người so với kỳ ${inSentence(d.previousPeriod)} (${countText(d.previous)} → ${countText(d.value)}), vượt ${d.threshold}% tổng số ${formatNumberVi(d.denominator)} của đơn vị${d.periods > 1 ? ` trong ${d.periods} kỳ` : ' trong một kỳ'}.`,
    fix: 'Kiểm tra lại số liệu; nếu đúng (ví dụ mở lớp tập trung), có thể bỏ qua cảnh báo này.',
  }),
  COURSE_UNMAPPED: (d) =>
    d.learnerRow
      ? {
          text: `Chương trình ${q(d.value)} (${formatNumberVi(d.rows)} dòng) không thuộc chương trình nào đã biết; học viên hoàn thành được tính theo nhóm đối tượng.`,
          fix: 'Ghi đúng tên chương trình trên nền tảng, hoặc đề nghị Sở bổ sung vào trang “Khóa học” (Tên khóa học, Mã chỉ tiêu).',
        }
      : {
          text: `Khóa học ${q(d.value)} (${formatNumberVi(d.rows)} dòng) không gắn với chỉ tiêu nào nên kết quả hoàn thành khóa này không được tính làm minh chứng.`,
          fix: 'Bổ sung khóa học vào trang “Khóa học” với mã chỉ tiêu tương ứng (CBCCVC, HSSV, NGUOI_DAN, VNEID, NLD_DN, AI_CCVC).',
        },
  COMPLETION_DATE_MISSING: () => ({
    text: 'Thiếu ngày hoàn thành hoặc ngày không đọc được; kết quả vẫn được tính nhưng không kiểm tra được có thuộc thời gian của chỉ tiêu hay không.',
    fix: 'Xuất lại kết quả từ nền tảng kèm cột “Ngày hoàn thành” (ngày/tháng/năm).',
  }),
  PLATFORM_UNIT_UNKNOWN: (d) => {
    const which = d.candidates
      ? `Đơn vị ${q(d.value)} (${formatNumberVi(d.rows)} dòng) khớp với nhiều đơn vị trong trang “Đơn vị” (${listSome(d.candidates, 'đơn vị')}) nên không xác định được là đơn vị nào`
      : `Đơn vị ${q(d.value)} (${formatNumberVi(d.rows)} dòng) không có trong trang “Đơn vị”`;
    const indicators = d.indicators.map((c) => PLATFORM_AGGREGATE_LABELS[c] ?? q(INDICATOR_SHORT[c])).join(', ');
    const suggestion = !d.candidates && d.suggestion ? d.suggestion : null;
    const write = 'Mã đơn vị hoặc tên đơn vị đúng như trang “Đơn vị” (có thể dùng Tìm và thay thế, Ctrl+H, cho mọi dòng cùng giá trị)';
    return {
      text: `${which}; các dòng này không được tính minh chứng cho chỉ tiêu ${indicators}.` + (suggestion ? ` Có phải ${q(suggestion)}?` : ''),
      fix: d.candidates
        ? `Ghi ${write}, để mỗi dòng chỉ khớp với một đơn vị.`
        : (suggestion ? `Sửa thành ${q(suggestion)} nếu đúng; nếu không, ghi ${write}` : `Ghi ${write}`) + '; nếu là đơn vị mới, bổ sung vào trang “Đơn vị”.',
    };
  },
  STATUS_AMBIGUOUS: (d) => ({
    text: `Trạng thái ${q(d.value)} được hiểu là “Hoàn thành”.`,
    fix: `Nên ghi rõ một trong: ${d.accepted}.`,
  }),
  GROUP_INFERRED: (d) => ({
    text: `Chưa ghi nhóm đối tượng; theo số CCCD học viên ${d.age} tuổi nên được tính là ${q(d.group)}, không phải học sinh, sinh viên.`,
    fix: `Ghi rõ nhóm đối tượng (${GROUP_CHOICES}).`,
  }),
  REPORT_PERIOD_INVALID: (d) =>
    d.quarterInMonthly
      ? {
          text: `Kỳ báo cáo ${q(d.value)} là một quý, nhưng Sở nhận báo cáo theo tháng (Cấu hình “Chu kỳ báo cáo” là Tháng); dòng này bị bỏ qua.`,
          fix: 'Nhập kỳ dạng tháng/năm, ví dụ 12/2026 (tháng cuối quý). Nếu Sở nhận báo cáo theo quý, đổi “Chu kỳ báo cáo” ở trang “Cấu hình” thành Quý.',
        }
      : {
          text: `Kỳ báo cáo ${q(d.value)} không đọc được; dòng này bị bỏ qua.`,
          fix:
            d.cycle === 'quarter'
              ? 'Nhập kỳ dạng quý/năm, ví dụ Quý IV/2026 (ghi tháng/năm như 11/2026 thì tính vào quý của tháng đó).'
              : 'Nhập kỳ dạng tháng/năm, ví dụ 11/2026.',
        },
  REPORT_MISSING: (d) => ({
    text: `Đơn vị ${d.unitName} chưa có báo cáo kỳ ${inSentence(d.period)} (hạn trước ngày ${d.deadline}).`,
    fix: `Cập nhật số liệu lũy kế kỳ ${inSentence(d.period)} vào trang “Báo cáo tháng”.`,
  }),
  SHEET_MISSING: (d) => ({
    text: `Không tìm thấy trang ${q(d.sheet)}.`,
    fix: 'Chạy “Khởi tạo bảng tính mẫu” để tạo trang còn thiếu, rồi nhập danh mục.',
  }),
  INPUT_SKIPPED: (d) => ({
    text: `Khi đọc tệp ${q(d.file)}: ${d.note}.`,
    fix: 'Mở tệp bằng Excel hoặc Google Sheets, kiểm tra phần này rồi lưu lại; số liệu cần tổng hợp phải nằm trong bảng đúng mẫu.',
  }),
  TIME_ZONE_DIFFERS: (d) => ({
    text: `Bảng tính đang đặt múi giờ ${q(d.value)}, không phải giờ Việt Nam (Asia/Ho_Chi_Minh). Công cụ vẫn đọc và ghi ngày đúng như bảng tính hiển thị, nhưng các công thức TODAY(), NOW() và lịch sử chỉnh sửa của bảng tính tính theo múi giờ ${q(d.value)}.`,
    fix: 'Đổi múi giờ: Tệp ▸ Cài đặt ▸ Múi giờ, chọn “(GMT+07:00) Hồ Chí Minh” rồi Lưu; hoặc chạy “Khởi tạo bảng tính mẫu” và đồng ý đổi múi giờ. Ngày đã nhập giữ nguyên.',
  }),
  TABLE_NOT_FOUND: (d) => ({
    text: `Không tìm thấy dòng tiêu đề trong 10 dòng đầu (cần các cột: ${d.columns}).`,
    fix: 'Giữ dòng tiêu đề theo mẫu (có thể có dòng tên bảng phía trên).',
  }),
  UNIT_CODE_DUPLICATE: (d) => ({
    text: `Mã đơn vị ${q(d.value)} đã có ở dòng ${d.firstRow}; dòng này bị bỏ qua.`,
    fix: 'Mỗi đơn vị cần một mã riêng.',
  }),
  UNIT_NAME_DUPLICATE: (d) => {
    const codeOf = (code: string) => (code ? `mã ${q(code)}` : 'không có mã riêng');
    return {
      text:
        `Tên đơn vị ${q(d.value)} (${codeOf(d.code)}) trùng với tên đơn vị ở dòng ${String(d.firstRow)} (${codeOf(d.firstCode)}). ` +
        (d.codeRow !== undefined
          ? `Ô đơn vị chỉ ghi tên này được tính cho đơn vị ở dòng ${String(d.codeRow)}, vì tên này là mã đơn vị của dòng đó (đơn vị không ghi mã thì tên được dùng làm mã).`
          : 'Ô đơn vị chỉ ghi tên này (không ghi mã) khớp với cả hai đơn vị nên không được tính cho đơn vị nào: dòng học viên, dòng báo cáo tháng ghi như vậy bị báo lỗi, kết quả trên nền tảng không được tính minh chứng.'),
      fix:
        d.code && d.firstCode
          ? `Đặt tên phân biệt cho một trong hai đơn vị (ví dụ thêm tên xã, phường hoặc cơ quan chủ quản); hoặc đề nghị các đơn vị ghi mã đơn vị (${q(d.firstCode)}, ${q(d.code)}) thay cho tên.`
          : 'Nhập mã đơn vị riêng cho đơn vị chưa có mã, rồi đặt tên phân biệt cho một trong hai đơn vị (ví dụ thêm tên xã, phường hoặc cơ quan chủ quản) hoặc đề nghị các đơn vị ghi mã đơn vị thay cho tên.',
    };
  },
  UNIT_TYPE_UNKNOWN: (d) => ({
    text: `Loại đơn vị ${q(d.value)} không hợp lệ; tạm xếp vào “Khác”.`,
    fix: `Chọn một trong: ${UNIT_TYPE_CHOICES}.`,
  }),
  DENOMINATOR_INVALID: (d) => ({
    text: `Giá trị ${q(d.value)} không hợp lệ: phải là số người, ví dụ 125; bỏ qua khi tính tỷ lệ.`,
    fix: 'Nhập tổng số người của đơn vị; không nhập chữ, số thập phân hay tỷ lệ %.',
  }),
  CONFIG_INVALID: (d) => ({
    text: d.safe
      ? `Tham số ${q(d.key)} có giá trị ${q(d.value)} không hợp lệ (${d.why}); để an toàn, tạm dùng ${q(d.defaultValue)}: thư nhắc chỉ được ghi vào nhật ký, không gửi thật, cho đến khi sửa.`
      : `Tham số ${q(d.key)} có giá trị ${q(d.value)} không hợp lệ (${d.why}); dùng mặc định ${q(d.defaultValue)}.`,
    fix: 'Sửa giá trị theo ghi chú của tham số trong trang “Cấu hình”.',
  }),
  TARGET_INVALID: (d) => ({
    text: `Chỉ tiêu không hợp lệ: ${d.why}.`,
    fix: 'Mã chỉ tiêu là một trong CBCCVC, HSSV, NGUOI_DAN, VNEID, NLD_DN, AI_CCVC; mục tiêu từ 0 đến 100 (%); năm 4 chữ số; mốc hoàn thành là ngày.',
  }),
  PLATFORM_CCCD_INVALID: () => ({
    text: 'Số CCCD không hợp lệ nên dòng kết quả này không được đối chiếu với danh sách học viên.',
    fix: 'Kiểm tra lại dữ liệu xuất từ nền tảng (cột CCCD nên ở dạng văn bản).',
  }),
  HISTORY_ROW_INVALID: (d) => ({
    text: `Dòng lịch sử không đọc được (${d.why}); dòng này bị bỏ qua.`,
    fix: 'Trang “Lịch sử tổng hợp” do công cụ ghi khi chốt số liệu: không sửa tay; khôi phục dòng từ phiên bản trước của bảng tính.',
  }),
  CLOSED_PERIOD_CHANGED: (d) => ({
    text: `Kỳ ${d.period} đã chốt (phiên bản ${d.version}): chỉ tiêu ${d.indicator} của ${d.unitName} giữ số đã chốt ${d.snapshot}; số liệu hiện tại cho ${d.now}.`,
    fix: 'Số đã chốt không đổi theo dữ liệu sửa sau khi chốt. Nếu cần sửa, Sở mở lại kỳ (ghi rõ lý do) rồi chốt lại.',
  }),
};

/** Why a `Lịch sử tổng hợp` row is not read (HISTORY_ROW_INVALID). */
export const HISTORY_WHY = {
  period: (v: string) => `kỳ báo cáo ${q(v)} không phải tháng/năm hoặc quý`,
  version: (v: string) => `phiên bản ${q(v)} không phải số nguyên dương`,
  event: (v: string) => `sự kiện ${q(v)} không phải “Chốt” hay “Mở lại”`,
  indicator: (v: string) => `mã chỉ tiêu ${q(v)} không có trong danh mục`,
  unit: 'thiếu mã đơn vị',
  number: (header: string, v: string) => `cột ${q(header)} có giá trị ${q(v)} không phải số`,
  reopenWithoutClose: (period: string, version: number) => `mở lại kỳ ${period} phiên bản ${version} chưa từng được chốt`,
  reopenWithoutReason: 'mở lại mà không ghi lý do',
} as const;

/** A figure quoted by CLOSED_PERIOD_CHANGED. */
export const HISTORY_FIGURE = {
  figure: (numerator: string, denominator: string, percent: string) => `${numerator}/${denominator} (${percent})`,
  none: 'không có số liệu',
} as const;

/** The month close (history.ts and the `chot` command). */
export const HISTORY = {
  /** Sự kiện cells. */
  eventClose: 'Chốt',
  eventReopen: 'Mở lại',
  reasonRequired: 'Mở lại kỳ đã chốt cần ghi lý do (không được để trống).',
  /** Nguồn cells (IndicatorSource). */
  sourceReport: 'Báo cáo',
  sourceLearners: 'Học viên',
  /** Tên đơn vị of the province rows. */
  provinceName: 'Toàn tỉnh',
} as const;

/** The text of an issue from its code and details (without the location, before masking). */
export function issueText<C extends IssueCode>(code: C, details: IssueDetailsByCode[C]): IssueText {
  return ISSUE_TEXTS[code](details);
}

// ---------------------------------------------------------------------------------------------
// Output sheets

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo' };

export const INDICATOR_STATUS_LABEL: Record<IndicatorStatus, string> = {
  met: 'Đạt',
  on_track: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};

export const REASON_LABEL: Record<LaggardReason, string> = {
  REPORT_MISSING: 'Quá hạn chưa báo cáo',
  REPORT_DUE_SOON: 'Sắp đến hạn, chưa báo cáo',
  BELOW_TRAJECTORY: 'Chỉ tiêu chậm so với tiến độ',
  REPORT_UNSUPPORTED: 'Số báo cáo thiếu minh chứng',
  DATA_ERRORS: 'Dữ liệu còn lỗi',
};

/** Why a `Chỉ tiêu` row is refused (TARGET_INVALID). */
/** A bad Mã chỉ tiêu in `Khóa học` (CONFIG_INVALID). */
export const COURSE_CODE = {
  why: (codes: string[]) => `mã chỉ tiêu phải là một trong ${codes.join(', ')}, hoặc “Không” nếu khóa học không tính vào chỉ tiêu nào`,
  defaultValue: '(theo tên khóa học)',
};

export const TARGET_WHY = {
  code: (v: string) => `mã chỉ tiêu ${q(v)} không có trong danh mục`,
  target: (v: string) => `mục tiêu ${q(v)} không phải tỷ lệ từ 0 đến 100%`,
  year: (v: string) => `năm ${q(v)} không hợp lệ`,
  deadline: (v: string) => `mốc hoàn thành ${q(v)} không phải ngày`,
  start: (v: string) => `ngày bắt đầu ${q(v)} không phải ngày`,
  baseline: (v: string) => `tỷ lệ đầu kỳ ${q(v)} không phải tỷ lệ từ 0 đến 100%`,
  order: (start: string, end: string) => `ngày bắt đầu ${start} không trước mốc hoàn thành ${end}`,
  baselineAbove: (baseline: number, target: number) => `tỷ lệ đầu kỳ ${baseline}% cao hơn mục tiêu ${target}%`,
};

/** The column of an indicator's change since the last closed period (history), after its others. */
const trendHeader = (short: string, period: string): string => `${short}: thay đổi so với kỳ chốt ${period} (điểm %)`;

export const SUMMARY = {
  title: (period: string) => `TỔNG HỢP KẾT QUẢ PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ” – KỲ ${period.toUpperCase()}`,
  subtitle: (department: string, today: string, deadline: string) => `${department} · Ngày tổng hợp: ${today} · Hạn báo cáo kỳ này: ${deadline}`,
  headers: {
    code: 'Mã đơn vị',
    name: 'Tên đơn vị',
    type: 'Loại đơn vị',
    rows: 'Số dòng học viên',
    valid: 'Hợp lệ',
    invalid: 'Lỗi',
    duplicates: 'Trùng',
    completed: STATUS_LABELS.HOAN_THANH,
    inProgress: STATUS_LABELS.CHUA_HOAN_THANH,
    notStarted: STATUS_LABELS.KHONG_THAM_GIA,
    report: 'Báo cáo kỳ này',
    laggard: 'Cần đôn đốc',
    reasons: 'Lý do',
  },
  /** The eight columns of each indicator in Tổng hợp. */
  indicatorHeaders: (short: string) => [
    `${short}: đã hoàn thành`,
    `${short}: tổng số`,
    `${short}: tỷ lệ`,
    `${short}: mục tiêu`,
    `${short}: trạng thái`,
    `${short}: báo cáo`,
    `${short}: có minh chứng`,
    `${short}: chênh lệch`,
  ],
  trendHeader,
  /** The same change in the province indicator block, after its other columns. */
  provinceTrendHeader: (period: string) => `Thay đổi so với kỳ chốt ${period} (điểm %)`,
  noTarget: 'Chưa có chỉ tiêu',
  noEvidence: 'Chưa có minh chứng',
  provinceIndicatorsTitle: 'CHỈ TIÊU TOÀN TỈNH: THEO BÁO CÁO VÀ THEO MINH CHỨNG',
  /** The bar chart embedded in `Tổng hợp` (the add-on finds its own chart by this title). */
  chartTitle: 'Tỷ lệ đạt so với mục tiêu và lộ trình, theo chỉ tiêu (toàn tỉnh)',
  provinceIndicatorHeaders: [
    'Chỉ tiêu',
    'Đã hoàn thành (theo báo cáo)',
    'Tổng số đối tượng',
    'Tỷ lệ',
    'Mục tiêu',
    'Cần đạt theo lộ trình',
    'Trạng thái',
    'Có minh chứng',
    'Tỷ lệ có minh chứng',
  ],
  coursesTitle: 'SỐ NGƯỜI HOÀN THÀNH THEO KHÓA HỌC (danh sách học viên và kết quả nền tảng)',
  reportState: { submitted: 'Đã nộp', late: 'Nộp muộn', missing: 'Chưa nộp' },
  yes: 'Có',
  provinceRow: 'TOÀN TỈNH',
  completenessTitle: 'TÌNH HÌNH BÁO CÁO (đủ, đúng hạn)',
  completenessHeaders: ['Phạm vi', 'Số đơn vị phải báo cáo', 'Đã báo cáo', 'Đúng hạn', 'Tỷ lệ báo cáo', 'Tỷ lệ đúng hạn', 'Đơn vị cần đôn đốc'],
  byTypeTitle: 'CHỈ TIÊU THEO LOẠI ĐƠN VỊ (tử số/mẫu số cộng dồn)',
  /** With `since` (a closed earlier period, MM/YYYY), each rate is followed by its change since that close. */
  byTypeHeaders: (shorts: string[], since: string | null = null) => [
    'Loại đơn vị',
    'Số đơn vị',
    ...shorts.flatMap((s) => (since === null ? [`${s}: tỷ lệ`] : [`${s}: tỷ lệ`, trendHeader(s, since)])),
  ],
  province: 'Toàn tỉnh',
  note: 'Tỷ lệ chung = tổng số đã hoàn thành / tổng số đối tượng (không lấy trung bình tỷ lệ các đơn vị).',
  /** The note of a closed period (Report.closed): the figures are the snapshot's. */
  noteClosed: (period: string, version: number, closedAt: string, closedBy: string) =>
    `SỐ LIỆU KỲ ${period} ĐÃ CHỐT (phiên bản ${version}, ${closedAt}, ${closedBy}): các tỷ lệ chỉ tiêu là số đã chốt trong “Lịch sử tổng hợp”, sửa dữ liệu sau khi chốt không làm thay đổi (xem cảnh báo trong “Lỗi dữ liệu”). Tỷ lệ chung = tổng số đã hoàn thành / tổng số đối tượng (không lấy trung bình tỷ lệ các đơn vị).`,
};

/** `Cấu hình` › Khóa kỳ đã chốt: its two values, and the reason a value is not read. */
export const CLOSED_LOCK = {
  block: 'Chặn',
  warn: 'Chỉ cảnh báo',
  why: 'cần ghi “Chặn” hoặc “Chỉ cảnh báo”',
};

/**
 * The dashboard (menu “Bảng điều khiển”, the sidebar, and tong-hop.html of the command line): every
 * text the page shows. The page's script builds the page from these and the view's numbers.
 */
export const DASHBOARD = {
  title: 'Bảng điều khiển',
  heading: (period: string) => `Bình dân học vụ số – kỳ ${period}`,
  dates: (today: string, deadline: string) => `Ngày tổng hợp: ${today} · Hạn báo cáo kỳ này: ${deadline}`,
  closed: 'Số liệu kỳ này đã chốt.',
  loading: 'Đang tải số liệu…',
  loadFailed: (detail: string) => `Không tải được số liệu: ${detail}`,
  noData: 'Không có số liệu để hiển thị.',
  actionsTitle: 'Thao tác',
  consolidate: 'Tổng hợp',
  preview: 'Xem trước thư nhắc',
  refresh: 'Tải lại số liệu',
  running: 'Đang chạy…',
  actionDone: 'Đã xong. Số liệu bên dưới đã được tải lại.',
  actionFailed: (detail: string) => `Không thực hiện được: ${detail}`,
  offline: 'Bản xem ngoại tuyến (tệp tong-hop.html): các nút thao tác chỉ dùng được trong Google Trang tính.',
  indicatorsTitle: 'Chỉ tiêu toàn tỉnh',
  indicatorsNote: 'Thanh: tỷ lệ đạt, mức cần đạt theo lộ trình và mục tiêu (thang 0–100%).',
  rate: 'Tỷ lệ',
  expected: 'Cần đạt theo lộ trình',
  target: 'Mục tiêu',
  status: 'Trạng thái',
  fraction: (numerator: string, denominator: string) => `${numerator}/${denominator} người`,
  noTarget: 'Chưa có chỉ tiêu',
  noIndicators: 'Chưa có chỉ tiêu nào có số liệu.',
  statusLabel: INDICATOR_STATUS_LABEL,
  completenessTitle: 'Tình hình báo cáo kỳ này',
  due: 'Phải báo cáo',
  reported: 'Đã báo cáo',
  onTime: 'Đúng hạn',
  late: 'Nộp muộn',
  missing: 'Chưa nộp',
  units: (n: string) => `${n} đơn vị`,
  laggardsTitle: 'Đơn vị cần đôn đốc',
  laggardsNone: 'Không có đơn vị nào cần đôn đốc.',
  search: 'Tìm đơn vị theo tên hoặc mã',
  searchPlaceholder: 'Ví dụ: 038 hoặc Phường…',
  reasonLabel: REASON_LABEL,
  groupCount: (shown: string, total: string) => (shown === total ? `${total} đơn vị` : `${shown}/${total} đơn vị`),
  noMatch: 'Không có đơn vị nào khớp với từ khóa.',
  historyTitle: 'Diễn biến theo tháng (các kỳ đã chốt và kỳ này)',
  historyNone: 'Chưa có kỳ nào được chốt (menu “Chốt số liệu kỳ này”): chưa có diễn biến theo tháng.',
  current: 'kỳ này',
};

export const ISSUES_SHEET = {
  headers: ['Trang tính', 'Dòng', 'Cột', 'Đơn vị', 'Mã lỗi', 'Mức độ', 'Nội dung', 'Cách sửa'],
  none: 'Không phát hiện lỗi dữ liệu.',
};

/**
 * A unit among several a cell matches equally, when its name is not enough to tell it (units.ts);
 * no brackets: the candidates are listed inside some.
 */
export const UNIT_CANDIDATE = (name: string, code: string): string => `${name} – mã ${code}`;

/** The list for account creation (seed 001's template; src/core/accounts.ts). */
export const ACCOUNT_LIST = {
  title: (year: number) => `DANH SÁCH HỌC VIÊN THAM GIA KHÓA HỌC TRÊN NỀN TẢNG “BÌNH DÂN HỌC VỤ SỐ” NĂM ${year}`,
  headers: ['STT', 'Họ và Tên', 'Email', 'Số căn cước Công dân', 'Phòng/ban', 'Đơn vị'],
  unknownUnit: (value: string, suggestion: string | null, candidates?: string[]) =>
    candidates
      ? `Đơn vị ${q(value)} khớp với nhiều đơn vị trong trang “Đơn vị” (${listSome(candidates, 'đơn vị')}). Hãy nhập mã đơn vị hoặc tên đầy đủ chỉ khớp với một đơn vị, hoặc để trống để xuất danh sách cả tỉnh.`
      : `Không có đơn vị ${q(value)} trong trang “Đơn vị” (cột “Mã đơn vị”, “Tên đơn vị”)${suggestion ? `; có phải ${q(suggestion)}?` : '.'} Hãy nhập đúng mã hoặc tên đơn vị như trong trang “Đơn vị”, hoặc để trống để xuất danh sách cả tỉnh.`,
};

export const MAIL_LOG_SHEET = {
  /** Column order of the send log (src/core/sendlog/format.ts reads by header, so older sheets still parse). */
  headers: ['Thời gian', 'Kỳ', 'Ngày nhắc', 'Mã đơn vị', 'Người nhận', 'Loại thư', 'Trạng thái', 'Chi tiết', 'Khóa'],
};

export const STATUS_COLUMN = {
  ok: 'Hợp lệ',
  error: 'Lỗi',
  warning: 'Cảnh báo',
};

// ---------------------------------------------------------------------------------------------
// Reminder e-mails

export const REMINDER_KIND_LABEL: Record<ReminderKind, string> = {
  TRUOC_HAN: 'Nhắc trước hạn',
  QUA_HAN: 'Quá hạn',
  CHAT_LUONG: 'Rà soát số liệu',
  TIEN_DO: 'Đẩy nhanh tiến độ',
};

export const REMINDER = {
  subject: (kind: ReminderKind, period: string, unitName: string): string => {
    switch (kind) {
      case 'TRUOC_HAN':
      case 'QUA_HAN':
        return `[Bình dân học vụ số] Đề nghị cập nhật báo cáo kỳ ${inSentence(period)} – ${unitName}`;
      case 'CHAT_LUONG':
        return `[Bình dân học vụ số] Đề nghị rà soát số liệu kỳ ${inSentence(period)} – ${unitName}`;
      case 'TIEN_DO':
        return `[Bình dân học vụ số] Đề nghị đẩy nhanh tiến độ kỳ ${inSentence(period)} – ${unitName}`;
    }
  },
  greeting: (contact: string, unitName: string) =>
    contact ? `Kính gửi: ${unitName} (Ông/Bà ${contact}, cán bộ đầu mối).` : `Kính gửi: ${unitName} (cán bộ đầu mối).`,
  intro: (department: string, period: string, today: string) =>
    `${department} tổng hợp kết quả phong trào “Bình dân học vụ số” kỳ ${inSentence(period)} (số liệu đến ngày ${today}) và đề nghị đơn vị lưu ý các nội dung sau:`,
  /** `period`: the period inside a sentence (periodPhraseVi): "tháng 11/2026", "quý IV/2026". */
  reportMissing: (period: string, deadline: string) => `Đơn vị chưa cập nhật số liệu ${period}, đã quá hạn (trước ngày ${deadline}); đề nghị cập nhật ngay.`,
  reportDueSoon: (period: string, deadline: string, days: number) =>
    `Đơn vị chưa cập nhật số liệu ${period}; hạn cập nhật trước ngày ${deadline} (còn ${days} ngày).`,
  behind: (name: string, percent: string, num: string, den: string, target: string, expected: string) =>
    `${name}: đạt ${percent} (${num}/${den}), mục tiêu ${target}, theo tiến độ cần đạt ít nhất ${expected}.`,
  behindTitle: 'Các chỉ tiêu chậm so với tiến độ:',
  unsupportedTitle: 'Số liệu báo cáo chưa có đủ minh chứng (danh sách học viên đã hoàn thành, kết quả trên nền tảng):',
  unsupported: (name: string, reported: string, evidenced: string) => `${name}: báo cáo ${reported} người, có minh chứng ${evidenced} người.`,
  errors: (count: number) => `Danh sách học viên và báo cáo tháng của đơn vị còn ${formatNumberVi(count)} dòng bị lỗi, cần sửa để được tính:`,
  errorLine: (location: string, text: string) => `${location}: ${text}`,
  moreErrors: (n: number) => `… và ${formatNumberVi(n)} lỗi khác (xem trang “Lỗi dữ liệu”).`,
  action: 'Đề nghị đơn vị cập nhật trực tiếp trên bảng tính dùng chung; trạng thái kiểm tra hiện ngay ở cột “Kết quả kiểm tra”.',
  /** Label of the link to the shared workbook (`Đường dẫn bảng tính`); the link follows it. */
  sheetLink: 'Bảng tính dùng chung:',
  /** Last line of the letter's body (administrative style: it ends with “./.”). */
  closing: 'Trân trọng cảm ơn và rất mong quý cơ quan, đơn vị quan tâm phối hợp./.',
  signature: (department: string, contactName: string, contactEmail: string, contactPhone = '') =>
    [
      department,
      contactName ? `Người liên hệ: ${contactName}` : '',
      contactPhone ? `Điện thoại: ${contactPhone}` : '',
      contactEmail ? `Email: ${contactEmail}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  automatic: 'Thư này được gửi tự động từ công cụ BDHVS Tổng hợp; mỗi đơn vị chỉ nhận một thư cho mỗi đợt nhắc.',
};

// ---------------------------------------------------------------------------------------------
// Command line (src/cli)

/** What an input that is not .xlsx/.xlsm/.csv was found to be (src/cli/inputs.ts sniffs it). */
export type FoundFileKind = 'xls' | 'ods' | 'word' | 'pdf' | 'utf16' | 'text' | 'zip' | 'other';
export const FOUND_FILE: Record<FoundFileKind, string> = {
  xls: 'là bảng tính Excel 97–2003 (.xls): hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.',
  ods: 'là bảng tính OpenDocument (.ods, LibreOffice): hãy mở bằng LibreOffice hoặc Excel và lưu lại dạng .xlsx (Excel 2007–365).',
  word: 'là văn bản Word, không phải bảng tính: hãy chép danh sách sang một bảng tính rồi lưu dạng .xlsx.',
  pdf: 'là tệp PDF, không phải bảng tính: hãy dùng tệp bảng tính gốc (.xlsx) của đơn vị.',
  utf16: 'là tệp văn bản mã hóa UTF-16 (Excel “Unicode Text”): hãy lưu lại dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”.',
  text: 'là tệp văn bản: nếu là bảng phân cách bằng dấu phẩy, hãy đổi phần mở rộng thành .csv (mã hóa UTF-8).',
  zip: 'là tệp nén (.zip) chứ không phải bảng tính: hãy giải nén và chọn tệp .xlsx bên trong.',
  other: 'không phải bảng tính .xlsx hoặc .csv.',
};

export const CLI = {
  usage: `BDHVS Tổng hợp – công cụ dòng lệnh

Cách dùng:
  bdhvs mau TỆP.xlsx                      Tạo bảng tính mẫu trống (các trang, tiêu đề, danh sách chọn)
  bdhvs demo [--out THƯ_MỤC]              Tạo một tỉnh mẫu (người học giả lập) và tổng hợp thử
  bdhvs tong-hop TỆP… --out THƯ_MỤC       Tổng hợp từ một hoặc nhiều tệp .xlsx/.csv
  bdhvs danh-sach TỆP… --out TỆP.xlsx     Xuất danh sách tạo tài khoản (học viên hợp lệ, không trùng)
  bdhvs chot --ky MM/YYYY TỆP… --out TỆP.xlsx  Chốt số liệu một kỳ vào trang “Lịch sử tổng hợp” của bản sao
  bdhvs bao-cao TỆP… --out TỆP.docx     Lập báo cáo gửi UBND tỉnh (văn bản Word theo Nghị định 30/2020/NĐ-CP)

Xem thêm: bdhvs <lệnh> --help`,
  mauHelp: `bdhvs mau TỆP.xlsx [--nam NĂM]

Tạo bảng tính mẫu trống: các trang Cấu hình, Chỉ tiêu, Đơn vị, Học viên, Báo cáo tháng,
Kết quả nền tảng; cột CCCD định dạng văn bản (giữ số 0 ở đầu); danh sách chọn cho Loại đơn vị,
Nhóm đối tượng, Trạng thái; cố định dòng tiêu đề; chỉ tiêu và cấu hình mặc định.

  --nam NĂM      Năm của chỉ tiêu mặc định (mặc định: năm hiện tại)`,
  demoHelp: `bdhvs demo [--out THƯ_MỤC] [--units N] [--learners N] [--seed S] [--today YYYY-MM-DD]

Tạo một tỉnh giả lập (đơn vị, học viên, báo cáo tháng; có lỗi cài sẵn), ghi ra
THƯ_MỤC/tinh-mau.xlsx, rồi tổng hợp như lệnh tong-hop.

  --out THƯ_MỤC     Thư mục kết quả (mặc định: demo-output)
  --units N         Số đơn vị (mặc định 250)
  --learners N      Số dòng học viên (mặc định 20000)
  --seed S          Hạt giống ngẫu nhiên (cùng hạt giống cho cùng dữ liệu; mặc định 1)
  --today NGÀY      Ngày tổng hợp (mặc định 2026-11-20 cho dữ liệu mẫu)`,
  tongHopHelp: `bdhvs tong-hop TỆP… --out THƯ_MỤC [--today YYYY-MM-DD] [--send-log TỆP.csv]

Đọc một hoặc nhiều tệp .xlsx và .csv (mỗi tệp .csv là một trang mang tên tệp; nhiều tệp được
gộp thành một bảng tính), kiểm tra và tổng hợp, rồi ghi:
  THƯ_MỤC/tong-hop.json     báo cáo dạng máy đọc (CCCD đã che)
  THƯ_MỤC/tong-hop.xlsx     các trang đầu vào giữ nguyên + trang Tổng hợp, Lỗi dữ liệu
  THƯ_MỤC/thu-nhac/*.eml    thư nhắc cho đơn vị cần đôn đốc (nếu hôm nay là ngày nhắc)

  --out THƯ_MỤC        Thư mục kết quả (bắt buộc)
  --today NGÀY         Ngày tổng hợp theo giờ Việt Nam (mặc định: hôm nay)
  --send-log TỆP.csv   Nhật ký gửi thư: thư đã ghi ở lần chạy trước không được ghi lại`,
  baoCaoHelp: `bdhvs bao-cao TỆP… --out TỆP.docx [--today YYYY-MM-DD]

Tổng hợp như lệnh tong-hop rồi lập báo cáo gửi UBND tỉnh (thể thức Nghị định 30/2020/NĐ-CP):
quốc hiệu, tiêu ngữ, số, ngày tháng, bảng chỉ tiêu, tình hình báo cáo, đơn vị cần đôn đốc,
khó khăn và đề xuất (từ trang “Cấu hình”), nơi nhận và người ký. Số liệu là số của bản tổng hợp.

  --out TỆP.docx       Tệp báo cáo (bắt buộc)
  --today NGÀY         Ngày tổng hợp theo giờ Việt Nam (mặc định: hôm nay)`,
  danhSachHelp: `bdhvs danh-sach TỆP… --out TỆP.xlsx [--don-vi MÃ] [--today YYYY-MM-DD]

Đọc một hoặc nhiều tệp .xlsx và .csv như lệnh tong-hop, rồi ghi TỆP.xlsx gồm một trang
“Danh sách tạo tài khoản” theo mẫu của Sở (STT, Họ và Tên, Email, Số căn cước Công dân,
Phòng/ban, Đơn vị): chỉ các dòng học viên hợp lệ, mỗi số CCCD một lần (lần xuất hiện đầu tiên);
dòng có lỗi và dòng trùng CCCD bị bỏ qua. Cột Đơn vị là tên đơn vị trong trang “Đơn vị”.
Tệp này chứa số CCCD đầy đủ (để tạo tài khoản): chỉ gửi cho người có trách nhiệm.

  --out TỆP.xlsx   Tệp kết quả (bắt buộc)
  --don-vi MÃ      Chỉ xuất học viên của một đơn vị (mã hoặc tên trong trang “Đơn vị”)
  --today NGÀY     Ngày kiểm tra theo giờ Việt Nam (mặc định: hôm nay; dùng cho các kiểm tra theo năm)`,
  chotHelp: `bdhvs chot --ky MM/YYYY TỆP… --out TỆP.xlsx [--today YYYY-MM-DD] [--nguoi-chot TÊN]
bdhvs chot --ky MM/YYYY --mo-lai --ly-do "LÝ DO" TỆP… --out TỆP.xlsx

Chốt số liệu một kỳ: tổng hợp các tệp như lệnh tong-hop cho kỳ đó, rồi ghi TỆP.xlsx là bản sao
của tệp đầu vào thứ nhất có thêm vào trang “Lịch sử tổng hợp” một phiên bản mới (mỗi đơn vị ×
chỉ tiêu một dòng, và các dòng TOÀN TỈNH). Kỳ đã chốt thì Tổng hợp của kỳ đó đọc số đã chốt.
Muốn chốt lại, mở lại kỳ trước (--mo-lai, bắt buộc có lý do), rồi chốt: phiên bản tăng lên,
không dòng nào bị ghi đè. Tệp đầu vào không bị sửa.

  --ky MM/YYYY       Kỳ cần chốt (bắt buộc), ví dụ 11/2026
  --out TỆP.xlsx     Tệp kết quả (bắt buộc; khác tệp đầu vào)
  --today NGÀY       Ngày tổng hợp theo giờ Việt Nam (mặc định: hôm nay; ngày sau kỳ thì
                     tổng hợp tính đến ngày cuối kỳ)
  --nguoi-chot TÊN   Người chốt ghi vào lịch sử (mặc định: tên người dùng máy)
  --mo-lai           Mở lại kỳ đã chốt thay vì chốt
  --ly-do "…"        Lý do mở lại (bắt buộc với --mo-lai)`,
  missingPeriod: 'cần chỉ định kỳ chốt bằng --ky MM/YYYY, ví dụ --ky 11/2026.',
  badPeriod: (v: string) => `kỳ ${q(v)} không hợp lệ; dùng dạng MM/YYYY, ví dụ 11/2026.`,
  periodNotStarted: (period: string, today: string) => `kỳ ${period} chưa bắt đầu (hôm nay ${today}); chỉ chốt được kỳ đã bắt đầu.`,
  periodNotInCycle: (period: string, current: string) =>
    `bảng tính tổng hợp theo kỳ ${current}, không phải kỳ ${period} (xem “Chu kỳ báo cáo”, “Hạn báo cáo một lần” trong trang “Cấu hình”).`,
  reasonOnlyWithReopen: 'chỉ dùng --ly-do cùng --mo-lai (lý do mở lại kỳ đã chốt).',
  historyUnreadable: (sheet: string) =>
    `trang ${q(sheet)} không có dòng tiêu đề của lịch sử chốt số liệu trong 10 dòng đầu; hãy khôi phục trang từ phiên bản trước của bảng tính.`,
  alreadyClosed: (period: string, version: number) =>
    `kỳ ${period} đã chốt (phiên bản ${version}); muốn chốt lại, hãy mở lại kỳ trước: bdhvs chot --ky ${period} --mo-lai --ly-do "…".`,
  notClosed: (period: string) => `kỳ ${period} đang không ở trạng thái đã chốt nên không cần mở lại.`,
  closedWritten: (f: string, period: string, version: number, rows: number) =>
    `Đã chốt kỳ ${period} (phiên bản ${version}, ${formatNumberVi(rows)} dòng lịch sử): ${f}`,
  reopenedWritten: (f: string, period: string, version: number) => `Đã mở lại kỳ ${period} (phiên bản ${version}): ${f}`,
  /** tong-hop: the periods of `Lịch sử tổng hợp`. */
  historyTitle: 'Lịch sử chốt số liệu:',
  historyLine: (period: string, version: number, state: 'closed' | 'reopened', by: string, at: string, reason?: string) =>
    state === 'closed'
      ? `Kỳ ${period}: đã chốt, phiên bản ${version} (${by || 'không rõ người chốt'}, ${at || 'không rõ thời điểm'})`
      : `Kỳ ${period}: đã mở lại sau phiên bản ${version}${reason ? ` – lý do: ${reason}` : ''}`,
  closedNote: (period: string, version: number) => `Kỳ ${period} đã chốt (phiên bản ${version}): số liệu chỉ tiêu lấy từ lịch sử chốt.`,
  missingOutFile: 'cần chỉ định tệp kết quả bằng --out TỆP.xlsx.',
  outIsInput: (f: string) => `tệp kết quả ${q(f)} cũng là tệp đầu vào; hãy chọn tên tệp khác để không ghi đè dữ liệu.`,
  emptyUnit: 'sau --don-vi cần mã hoặc tên đơn vị; bỏ --don-vi để xuất danh sách cả tỉnh.',
  noLearnerTable: 'không tìm thấy bảng học viên nào (cần cột “Họ và tên” và “Số căn cước công dân” trong 10 dòng đầu của một trang).',
  outNotXlsx: (f: string) => `tệp kết quả ${q(f)} phải có đuôi .xlsx.`,
  missingOutDocx: 'cần chỉ định tệp báo cáo bằng --out TỆP.docx.',
  outNotDocx: (f: string) => `tệp báo cáo ${q(f)} phải có đuôi .docx.`,
  officialWritten: (f: string, period: string) => `Đã ghi ${f}: báo cáo gửi UBND tỉnh kỳ ${period}. Mở tệp, ghi số văn bản, kiểm tra nội dung rồi trình ký.`,
  unknownUnit: (value: string, suggestion: string | null, candidates?: string[]) =>
    candidates
      ? `đơn vị ${q(value)} khớp với nhiều đơn vị trong trang “Đơn vị” (${listSome(candidates, 'đơn vị')}). Hãy ghi mã đơn vị hoặc tên đầy đủ chỉ khớp với một đơn vị sau --don-vi, hoặc bỏ --don-vi để xuất cả tỉnh.`
      : `không có đơn vị ${q(value)} trong trang “Đơn vị” (cột “Mã đơn vị”, “Tên đơn vị”)${suggestion ? `; có phải ${q(suggestion)}?` : '.'} Hãy ghi đúng mã hoặc tên đơn vị sau --don-vi, hoặc bỏ --don-vi để xuất cả tỉnh.`,
  accountListWritten: (f: string, exported: number, unitName: string | null) =>
    `Đã ghi ${f}: ${formatNumberVi(exported)} học viên${unitName ? ` của ${unitName}` : ''}.`,
  accountListLeftOut: (invalid: number, duplicates: number) =>
    invalid === 0
      ? 'Không có dòng nào bị bỏ qua.'
      : `Bỏ qua ${formatNumberVi(invalid)} dòng có lỗi${duplicates ? ` (trong đó ${formatNumberVi(duplicates)} dòng trùng CCCD với một dòng đã có trong danh sách)` : ''}; xem lỗi từng dòng bằng lệnh tong-hop (trang “Lỗi dữ liệu”).`,
  error: (msg: string) => `Lỗi: ${msg}`,
  unknownCommand: (c: string) => `không có lệnh ${q(c)}. Gõ “bdhvs --help” để xem các lệnh.`,
  badOption: (detail: string) => `tham số không hợp lệ: ${detail}.`,
  missingOut: 'cần chỉ định thư mục kết quả bằng --out THƯ_MỤC.',
  missingInput: 'cần ít nhất một tệp .xlsx hoặc .csv đầu vào.',
  missingFile: 'cần tên tệp .xlsx cần tạo, ví dụ: bdhvs mau mau-bdhvs.xlsx',
  fileNotFound: (f: string) => `không tìm thấy tệp ${q(f)}.`,
  notAFile: (f: string) => `${q(f)} là thư mục, không phải tệp.`,
  /** An input of another type: what it was found to be, and what to do (FOUND_FILE's kinds). */
  unsupported: (f: string, found: FoundFileKind) => `tệp ${q(f)} ${FOUND_FILE[found]} Công cụ đọc tệp .xlsx, .xlsm và .csv (UTF-8).`,
  notXlsx: (f: string, detail: string) => `không đọc được tệp ${q(f)} như một bảng tính .xlsx (${detail}).`,
  unreadableCell: (f: string, sheet: string, cell: string, count: number) =>
    `tệp ${q(f)}: ô ${cell} của trang ${q(sheet)}${count > 1 ? ` (và ${formatNumberVi(count - 1)} ô khác)` : ''} không đọc được (trỏ tới chuỗi văn bản không có trong tệp); tệp có thể bị hỏng – hãy mở bằng Excel hoặc Google Sheets, kiểm tra ô đó và lưu lại.`,
  encrypted: (f: string) => `tệp ${q(f)} được đặt mật khẩu hoặc là tệp .xls cũ; hãy bỏ mật khẩu và lưu lại dạng .xlsx.`,
  tooLarge: (f: string, detail: string) => `tệp ${q(f)} quá lớn để đọc (${detail}); hãy tách thành nhiều tệp.`,
  /** The inputs together exceed the memory estimate; `f` is the file that tipped it. */
  inputsTooLarge: (f: string, mb: number) =>
    `các tệp đầu vào cộng lại quá lớn để đọc cùng lúc (ước tính hơn ${formatNumberVi(mb)} MB bộ nhớ, vượt khi đọc đến tệp ${q(f)}); hãy bỏ bớt các trang không cần tổng hợp (trang lưu trữ, bản sao) hoặc tổng hợp theo từng nhóm đơn vị.`,
  notUtf8: (f: string) => `tệp ${q(f)} không phải văn bản UTF-8; hãy lưu lại dạng “CSV UTF-8”.`,
  noTable: 'không tìm thấy bảng nào đọc được (cần trang “Đơn vị” hoặc bảng học viên có cột “Họ và tên” và “Số căn cước công dân” trong 10 dòng đầu).',
  badToday: (v: string) => `ngày ${q(v)} không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2026-11-20.`,
  badNumber: (name: string, v: string) => `${name} phải là số nguyên dương, không phải ${q(v)}.`,
  cannotRead: (f: string, why: string) => `không đọc được ${q(f)} (${why}).`,
  cannotWrite: (f: string, why: string) => `không ghi được ${q(f)} (${why}).`,
  /** The messages are in place but the send log could not be updated: a rerun writes them again. */
  sendLogNotWritten: (log: string, count: number, why: string) =>
    `đã ghi ${formatNumberVi(count)} thư nhắc vào thư mục kết quả nhưng không cập nhật được nhật ký gửi ${q(log)} (${why}); lần chạy sau sẽ ghi lại các thư này – hãy kiểm tra quyền ghi tệp nhật ký.`,
  /** The new outputs could not be moved in, nor the earlier ones put back: where the earlier ones are. */
  earlierOutputsKept: (out: string, why: string, kept: string) =>
    `không ghi được ${q(out)} (${why}); kết quả lần chạy trước chưa đưa về chỗ cũ được, đang nằm trong ${q(kept)} – hãy chép lại vào ${q(out)}.`,
  /** After a run that succeeded: its temporary folder could not be removed (stderr, not an error). */
  tempFolderLeft: (dir: string) => `Lưu ý: không xóa được thư mục tạm ${q(dir)}; kết quả đã ghi đủ, có thể xóa thư mục này.`,
  /** Last row of a capped `Lỗi dữ liệu` in tong-hop.xlsx. */
  issuesTruncated: (n: number, max: number) =>
    `… và ${formatNumberVi(n)} dòng lỗi, cảnh báo khác không ghi vào trang này (tối đa ${formatNumberVi(max)} dòng); danh sách đầy đủ ở tong-hop.json.`,
  /** An input's sheet cannot be copied into tong-hop.xlsx (a name Excel refuses, or larger than an Excel sheet); nothing was written. */
  cannotBuildXlsx: (detail: string, why: 'name' | 'size') =>
    `không tạo được tong-hop.xlsx: ${detail}. ${
      why === 'name'
        ? 'Đổi tên trang (hoặc tệp .csv, tên tệp là tên trang) rồi chạy lại'
        : 'Một trang Excel chứa tối đa 1.048.576 dòng và 16.384 cột: tách dữ liệu thành nhiều tệp (bỏ các cột thừa) rồi chạy lại'
    }; chưa ghi tệp nào.`,
  reading: 'Đang đọc',
  checking: 'Đang kiểm tra',
  writing: 'Đang ghi',
  generating: (units: number, learners: number) => `Đang tạo tỉnh mẫu: ${formatNumberVi(units)} đơn vị, ${formatNumberVi(learners)} dòng học viên…`,
  templateWritten: (f: string) => `Đã tạo bảng tính mẫu: ${f}`,
  demoWritten: (f: string) => `Đã ghi tỉnh mẫu: ${f}`,
  summaryTitle: (period: string, today: string) => `TỔNG HỢP KỲ ${period.toUpperCase()} (ngày ${today})`,
  summaryRows: {
    units: 'Số đơn vị',
    submitted: 'Đã báo cáo kỳ này',
    rows: 'Dòng học viên',
    valid: 'Hợp lệ',
    invalid: 'Dòng không hợp lệ',
    duplicates: 'Trùng CCCD',
    errors: 'Số lỗi',
    warnings: 'Số cảnh báo',
    laggards: 'Đơn vị cần đôn đốc',
    reminders: 'Thư nhắc',
  },
  indicatorLine: (name: string, percent: string, target: string, status: string) => `${name}: ${percent} (mục tiêu ${target}) – ${status}`,
  indicatorsTitle: 'Chỉ tiêu toàn tỉnh (tổng tử số / tổng mẫu số):',
  evidenceLine: (reported: string | null, evidenced: string | null, evidencedPercent: string) =>
    `báo cáo: ${reported ?? 'chưa có'}; có minh chứng: ${evidenced === null ? 'chưa có minh chứng' : `${evidenced} (${evidencedPercent})`}`,
  written: 'Đã ghi:',
  notReminderDay: (next: string) => `Hôm nay không phải ngày nhắc; ngày nhắc tiếp theo: ${next}.`,
  remindersSkipped: (n: number) => `${n} thư đã có trong nhật ký gửi thư, không ghi lại.`,
  sendLogUnreadable: (f: string) =>
    `không đọc được nhật ký gửi thư ${q(f)}: tệp không phải CSV UTF-8 (hãy dùng tệp do lệnh này ghi ra, hoặc xóa tệp để bắt đầu nhật ký mới).`,
  sendLogBadHeader: (f: string) =>
    `nhật ký gửi thư ${q(f)} không có dòng tiêu đề của trang “Nhật ký gửi thư” (Thời gian, Kỳ, Ngày nhắc, Mã đơn vị, Người nhận, Loại thư, Trạng thái…); hãy dùng tệp do lệnh này ghi ra, hoặc một tên tệp mới để bắt đầu nhật ký.`,
};

// ---------------------------------------------------------------------------------------------
// Google Sheets add-on (src/gas)

type RunKindText = 'validation' | 'consolidation';

/** The role a shared link gives, in words. */
const linkRoleText = (role: string): string => (role === 'writer' ? 'được sửa' : role === 'commenter' ? 'được nhận xét' : 'được xem');

export const GAS = {
  title: 'Bình dân học vụ số',
  /** The menu's items, in menu order (src/gas/menu.ts MENU_LAYOUT: some sit in the sub-menus below). */
  menu: {
    dashboard: 'Bảng điều khiển',
    consolidate: 'Tổng hợp',
    validate: 'Kiểm tra dữ liệu',
    official: 'Tạo báo cáo gửi UBND tỉnh',
    unitTabs: 'Tạo trang cho từng đơn vị',
    moveRows: 'Chuyển dòng từ “Học viên” sang trang đơn vị',
    undoMoveRows: 'Hoàn tác chuyển dòng',
    unitReports: 'Chuẩn bị báo cáo kỳ này',
    sharing: 'Kiểm tra chia sẻ tệp',
    close: 'Chốt số liệu kỳ này',
    closeEarlier: 'Chốt số liệu kỳ trước…',
    reopen: 'Mở lại kỳ đã chốt…',
    preview: 'Xem trước thư nhắc',
    send: 'Gửi thư nhắc ngay',
    schedule: 'Lịch nhắc tự động…',
    accounts: 'Xuất danh sách tạo tài khoản',
    fixCccd: 'Sửa số CCCD bị mất số 0',
    undoFix: 'Hoàn tác sửa CCCD',
    setup: 'Khởi tạo bảng tính mẫu',
    about: 'Giới thiệu',
  },
  /** The menu's sub-menus. */
  menuGroups: {
    units: 'Đơn vị và quyền sửa',
    close: 'Chốt số liệu',
    mail: 'Thư nhắc',
    data: 'Công cụ dữ liệu',
  },
  /** Suffix of the temporary output sheets while a run writes them. */
  tempSuffix: '(đang ghi)',
  /** Suffix of an old output sheet during the swap (a few milliseconds). */
  retiredSuffix: '(bản cũ)',
  protection: 'Trang do công cụ BDHVS Tổng hợp ghi tự động; không sửa tay (mỗi lần tổng hợp sẽ ghi lại toàn bộ).',
  statusNote: 'Cột do công cụ BDHVS Tổng hợp ghi tự động: kết quả kiểm tra từng dòng (“Hợp lệ”, “Lỗi: …”, “Cảnh báo: …”). Không cần nhập vào cột này.',
  dropdownHelp: 'Chọn một giá trị trong danh sách.',
  summaryPlaceholder: 'Chưa có số liệu tổng hợp. Chọn menu Tiện ích mở rộng ▸ Bình dân học vụ số ▸ Tổng hợp.',
  runName: (kind: RunKindText) => (kind === 'consolidation' ? 'tổng hợp' : 'kiểm tra dữ liệu'),
  progress: {
    start: (kind: RunKindText) => (kind === 'consolidation' ? 'Bắt đầu tổng hợp…' : 'Bắt đầu kiểm tra dữ liệu…'),
    reading: (sheet: string, i: number, n: number) => `Đang đọc trang ${q(sheet)} (${i}/${n})…`,
    checking: (rows: number) => `Đang kiểm tra ${formatNumberVi(rows)} dòng…`,
    writingStatus: (sheet: string) => `Đang ghi cột “Kết quả kiểm tra” trang ${q(sheet)}…`,
    writingOutput: (sheet: string) => `Đang ghi trang ${q(sheet)}…`,
  },
  busy: 'Đang có một lượt tổng hợp khác chạy trên bảng tính này. Vui lòng đợi lượt đó xong (vài phút) rồi thử lại; lượt này không làm gì.',
  continued: (percent: number) =>
    `Bảng tính lớn nên chưa ghi xong trong một lượt chạy (đã xong khoảng ${percent}%). Phần còn lại sẽ tự động chạy tiếp (thường sau vài phút, có khi đến một giờ); muốn xong ngay, hãy chọn lại “Tổng hợp” để ghi tiếp từ chỗ đã dừng. Trang “Tổng hợp” và “Lỗi dữ liệu” cũ được giữ nguyên cho đến khi ghi xong.`,
  continueByHand: (percent: number) =>
    `Bảng tính lớn nên chưa ghi xong trong một lượt chạy (đã xong khoảng ${percent}%) và không tạo được lịch chạy tiếp tự động. Hãy chọn lại “Tổng hợp” để ghi tiếp từ chỗ đã dừng. Trang “Tổng hợp” và “Lỗi dữ liệu” cũ được giữ nguyên cho đến khi ghi xong.`,
  tooBig:
    'Bảng tính quá lớn để đọc và kiểm tra trong giới hạn 6 phút của một lượt chạy. Hãy tách bớt dữ liệu học viên sang bảng tính khác (ví dụ mỗi khối đơn vị một bảng tính) rồi chạy lại. Các trang kết quả cũ được giữ nguyên.',
  tooManyExecutions: (n: number) =>
    `Lượt tổng hợp đã phải chạy tiếp ${n} lần mà chưa xong (có thể do bảng tính liên tục thay đổi). Đã dừng; các trang kết quả cũ được giữ nguyên. Hãy chạy lại “Tổng hợp” khi ít người đang nhập liệu.`,
  failed: (detail: string) =>
    `Không hoàn thành được do lỗi: ${detail}. Các trang kết quả cũ được giữ nguyên. Hãy thử lại; nếu vẫn lỗi, gửi nội dung này cho cán bộ kỹ thuật.`,
  done: (kind: RunKindText, c: { units: number; rows: number; valid: number; errors: number; warnings: number; laggards: number }) => {
    const base = `${formatNumberVi(c.rows)} dòng học viên (${formatNumberVi(c.valid)} hợp lệ), ${formatNumberVi(c.errors)} lỗi, ${formatNumberVi(c.warnings)} cảnh báo`;
    return kind === 'consolidation'
      ? `Đã tổng hợp xong ${formatNumberVi(c.units)} đơn vị: ${base}; ${formatNumberVi(c.laggards)} đơn vị cần đôn đốc.`
      : `Đã kiểm tra xong: ${base}. Xem trang “Lỗi dữ liệu” và cột “Kết quả kiểm tra”.`;
  },
  issuesTruncated: (n: number) =>
    `… và ${formatNumberVi(n)} dòng lỗi, cảnh báo khác không ghi được vì bảng tính đã gần giới hạn 10 triệu ô của Google Trang tính. Xem cột “Kết quả kiểm tra” trên từng trang học viên, hoặc tách bớt dữ liệu sang bảng tính khác.`,
  editFailed: (detail: string) => `Kiểm tra tức thời không chạy được: ${detail}`,
  setupDone: (created: string[], protectedNow: string[]) => {
    const parts: string[] = [];
    parts.push(created.length ? `Đã tạo các trang: ${created.map((s) => q(s)).join(', ')}.` : 'Bảng tính đã có đủ các trang mẫu; không tạo thêm trang nào.');
    if (protectedNow.length) parts.push(`Đã bảo vệ lại các trang kết quả: ${protectedNow.map((s) => q(s)).join(', ')}.`);
    parts.push('Dữ liệu đã nhập không bị thay đổi. Cột CCCD được định dạng văn bản để giữ số 0 ở đầu.');
    return parts.join('\n');
  },
  timeZone: {
    confirm: (zone: string) =>
      `Bảng tính đang đặt múi giờ ${q(zone)}, không phải giờ Việt Nam. Đổi múi giờ của bảng tính thành (GMT+07:00) Hồ Chí Minh (Asia/Ho_Chi_Minh)?\n\nNgày đã nhập giữ nguyên như đang hiển thị; các công thức TODAY(), NOW() sẽ tính theo giờ Việt Nam. Có thể đổi lại ở Tệp ▸ Cài đặt ▸ Múi giờ.`,
    changed: (zone: string) => `Đã đổi múi giờ của bảng tính từ ${q(zone)} thành (GMT+07:00) Hồ Chí Minh.`,
  },
  preview: {
    title: 'Xem trước thư nhắc',
    computing: 'Đang tổng hợp để lập danh sách thư nhắc…',
    reminderDay: (today: string) => `Hôm nay (${today}) là ngày nhắc: đây là các thư sẽ được gửi.`,
    notReminderDay: (today: string, next: string | null) =>
      `Hôm nay (${today}) không phải ngày nhắc${next ? `; ngày nhắc tiếp theo: ${next}` : ''}. Nếu gửi ngay hôm nay, các thư sẽ là:`,
    count: (n: number, logged: number) =>
      `${formatNumberVi(n)} thư (mỗi đơn vị cần đôn đốc có email đầu mối nhận một thư). ${
        logged
          ? `${formatNumberVi(logged)} thư đã có trong nhật ký gửi thư hôm nay (xem cột Tình trạng); các thư đó không được gửi lại.`
          : 'Chưa thư nào được gửi.'
      }`,
    /** `Tình trạng` of a reminder that the next send would send now. */
    willSend: 'Sẽ gửi',
    dryRun: 'Cấu hình đang ở “Chế độ thử”: khi gửi, thư chỉ được ghi vào nhật ký, không gửi thật.',
    headers: ['STT', 'Mã đơn vị', 'Người nhận', 'Loại thư', 'Lý do', 'Tình trạng'],
    bodies: 'Nội dung từng thư',
    none: 'Không có đơn vị nào cần nhắc.',
  },
  accounts: {
    title: 'Xuất danh sách tạo tài khoản',
    prompt:
      'Nhập mã đơn vị (hoặc tên đơn vị như trong trang “Đơn vị”) để xuất danh sách của một đơn vị; để trống để xuất danh sách cả tỉnh.\n\nDanh sách theo mẫu của Sở (STT, Họ và Tên, Email, Số căn cước Công dân, Phòng/ban, Đơn vị), chỉ gồm các dòng học viên hợp lệ, mỗi số CCCD một lần; được ghi vào trang “Danh sách tạo tài khoản”.',
    computing: 'Đang đọc và kiểm tra dữ liệu để lập danh sách tạo tài khoản…',
    noUi: 'Lệnh “Xuất danh sách tạo tài khoản” chỉ chạy từ menu (cần hỏi mã đơn vị).',
    done: (exported: number, unitName: string | null, invalid: number, duplicates: number) =>
      [
        `Đã ghi trang “Danh sách tạo tài khoản”: ${formatNumberVi(exported)} học viên${unitName ? ` của ${unitName}` : ' (cả tỉnh)'}.`,
        invalid
          ? `Bỏ qua ${formatNumberVi(invalid)} dòng có lỗi${duplicates ? ` (trong đó ${formatNumberVi(duplicates)} dòng trùng CCCD với một dòng đã có trong danh sách)` : ''}; xem cột “Kết quả kiểm tra” trên trang học viên (chọn “Kiểm tra dữ liệu” để cập nhật).`
          : 'Không có dòng nào bị bỏ qua.',
        'Trang này chứa số CCCD đầy đủ để tạo tài khoản: chỉ chia sẻ với người có trách nhiệm.',
      ].join('\n'),
  },
  fix: {
    /** Line added to the note of a fixed cell; the number after it is the old value. */
    notePrefix: 'BDHVS – giá trị trước khi sửa CCCD (dạng số): ',
    nothing: 'Không có ô CCCD nào bị lưu dạng số (mất số 0 ở đầu); không cần sửa.',
    confirm: (count: number, sheets: string[]) =>
      `Sẽ sửa ${formatNumberVi(count)} ô CCCD đang lưu dạng số (mất số 0 ở đầu) thành 12 chữ số dạng văn bản, trên ${sheets.length} trang: ${sheets
        .slice(0, 10)
        .map((s) => q(s))
        .join(
          ', ',
        )}${sheets.length > 10 ? ', …' : ''}. Cột CCCD sẽ được định dạng văn bản. Giá trị cũ được ghi vào ghi chú của từng ô; có thể hoàn tác bằng “Hoàn tác sửa CCCD”. Tiếp tục?`,
    done: (n: number) => `Đã sửa ${formatNumberVi(n)} ô CCCD. Chọn “Kiểm tra dữ liệu” để cập nhật cột “Kết quả kiểm tra”.`,
    nothingToUndo: 'Không có lần sửa CCCD nào để hoàn tác.',
    confirmUndo: (n: number) => `Sẽ khôi phục ${formatNumberVi(n)} ô CCCD về giá trị trước khi sửa (trừ các ô đã được nhập lại sau đó). Tiếp tục?`,
    undone: (n: number) => `Đã khôi phục ${formatNumberVi(n)} ô CCCD về giá trị cũ.`,
  },
  /** "Tạo trang cho từng đơn vị" (src/gas/unittabs.ts): one protected learner tab per unit. */
  unitTabs: {
    noRegistry: `Không tìm thấy bảng đơn vị: trang “Đơn vị” không có hoặc 10 dòng đầu không có dòng tiêu đề (Mã đơn vị, Tên đơn vị, Email đầu mối…). Chọn “Khởi tạo bảng tính mẫu” để tạo trang, nhập danh sách đơn vị rồi chạy lại.`,
    noUnits: 'Trang “Đơn vị” chưa có đơn vị nào. Nhập mã, tên và email đầu mối của từng đơn vị rồi chạy lại.',
    nothing: (tabs: number) => `Đã có đủ ${formatNumberVi(tabs)} trang đơn vị, đúng người được sửa; không có gì cần thay đổi.`,
    /** What a run will do or did, one line each (`past`: did). */
    plan: (c: { create: string[]; grant: number; grantTabs: number; revoke: number; revokeTabs: number; protect: number }, past: boolean) =>
      [
        c.create.length ? `• ${past ? 'Đã tạo' : 'Tạo'} ${formatNumberVi(c.create.length)} trang mới: ${listSome(c.create)}.` : '',
        c.protect ? `• ${past ? 'Đã bảo vệ' : 'Bảo vệ'} ${formatNumberVi(c.protect)} trang (chỉ đầu mối của đơn vị và cán bộ Sở được sửa).` : '',
        c.grant ? `• ${past ? 'Đã cấp' : 'Cấp'} quyền sửa cho ${formatNumberVi(c.grant)} lượt người ở ${formatNumberVi(c.grantTabs)} trang.` : '',
        c.revoke
          ? `• ${past ? 'Đã bỏ' : 'Bỏ'} quyền sửa của ${formatNumberVi(c.revoke)} lượt người ở ${formatNumberVi(c.revokeTabs)} trang (không còn là đầu mối trong “Đơn vị” hay cán bộ Sở trong “Cấu hình”).`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    confirm: (planText: string) =>
      `${planText}\nChủ sở hữu tệp và người đang chạy luôn giữ quyền sửa; tệp không được chia sẻ thêm cho ai. Dữ liệu đã nhập không bị thay đổi. Tiếp tục?`,
    done: (planText: string, notes: string[]) => [planText || 'Không có thay đổi về trang và quyền sửa.', ...notes].join('\n'),
    skipped: (lines: string[]) =>
      `Không tạo trang cho ${formatNumberVi(lines.length)} đơn vị: ${lines.slice(0, 10).join('; ')}${lines.length > 10 ? '; …' : ''}.`,
    skipReason: {
      RESERVED_NAME: (unit: string, other: string) => `${q(unit)} (trùng tên trang ${q(other)} của bảng tính; hãy đổi mã đơn vị)`,
      NAME_TOO_LONG: (unit: string) => `${q(unit)} (mã dài quá 100 ký tự, Google Trang tính không đặt được tên trang)`,
    },
    noFocal: (units: string[]) =>
      `Chưa có email đầu mối hợp lệ (chỉ cán bộ Sở sửa được trang của đơn vị này cho đến khi nhập email vào cột “Email đầu mối” rồi chạy lại): ${listSome(units, 'đơn vị')}.`,
    orphans: (tabs: string[]) => `Trang của đơn vị không còn trong “Đơn vị” (giữ nguyên dữ liệu, chỉ cán bộ Sở sửa được): ${listSome(tabs)}.`,
    foreign: (tabs: string[]) =>
      `Trang đã có phần bảo vệ do người khác tạo (chỉ thêm người được sửa, không bỏ ai; muốn công cụ quản lý thì xóa phần bảo vệ đó rồi chạy lại): ${listSome(tabs)}.`,
    refused: (tabs: string[], me: string, owner: string | null) =>
      `Không đổi được quyền sửa của ${formatNumberVi(tabs.length)} trang vì tài khoản ${me || 'đang chạy'} không có quyền sửa phần bảo vệ của trang: ${listSome(tabs)}. Nhờ ${owner ? `chủ sở hữu ${owner}` : 'chủ sở hữu tệp'} chạy lại lệnh này.`,
    partial: (created: number, left: number) =>
      `Đã làm được một phần (tạo ${formatNumberVi(created)} trang mới) thì hết thời gian cho phép của một lần chạy; còn ${formatNumberVi(left)} trang chưa xong. Chọn lại “Tạo trang cho từng đơn vị” để làm tiếp: những trang đã xong được giữ nguyên.`,
    createdMeanwhile: (tabs: string[]) =>
      `Trang ${listSome(tabs)} được ai đó tạo trong lúc chờ xác nhận nên chưa được bảo vệ; chọn lại “Tạo trang cho từng đơn vị” để bảo vệ.`,
    registryIssues: (n: number) =>
      `Trang “Đơn vị” có ${formatNumberVi(n)} ô cần sửa (ví dụ email đầu mối sai định dạng); chọn “Kiểm tra dữ liệu” để xem trong “Lỗi dữ liệu”.`,
  },
  /** "Kiểm tra chia sẻ tệp" (src/gas/sharing.ts, rules in src/core/sharing.ts, docs/sharing-check.md). */
  sharing: {
    title: 'Kiểm tra chia sẻ tệp',
    anyone: (role: string, discoverable: boolean) =>
      `• CẢNH BÁO: tệp đang chia sẻ cho BẤT KỲ AI ${discoverable ? 'tìm thấy trên mạng' : 'có đường liên kết'} (${linkRoleText(role)}). Bảng tính có họ tên, số CCCD của người học (dữ liệu cá nhân theo Luật 91/2025/QH15): vào Chia sẻ ▸ Quyền truy cập chung, chọn “Bị hạn chế”, rồi chia sẻ riêng cho đầu mối các đơn vị.`,
    domain: (domain: string, role: string, discoverable: boolean) =>
      `• Tệp đang chia sẻ cho mọi người thuộc tên miền ${q(domain || '(không rõ)')} ${discoverable ? '(tìm thấy được qua tìm kiếm)' : 'có đường liên kết'} (${linkRoleText(role)}). Nếu không cần, chuyển Quyền truy cập chung về “Bị hạn chế”.`,
    notOpen: '• Tệp không chia sẻ qua đường liên kết công khai (Quyền truy cập chung: Bị hạn chế).',
    linkUnknown:
      '• Chưa kiểm tra được chia sẻ qua đường liên kết: bản cài đặt này không có quyền đọc thông tin chia sẻ trên Drive. Tự kiểm tra ở nút Chia sẻ ▸ Quyền truy cập chung (nên là “Bị hạn chế”), hoặc nhờ người quản trị cài bản có kiểm tra chia sẻ (README, “Sharing check”).',
    linkFailed: (reason: string) => `• Không đọc được thông tin chia sẻ trên Drive (${reason}). Tự kiểm tra ở nút Chia sẻ ▸ Quyền truy cập chung.`,
    editorsUnknown: '• Không đọc được danh sách người được sửa tệp (tài khoản đang chạy cần có quyền sửa tệp).',
    editorsOk: (n: number) => `• ${formatNumberVi(n)} người được sửa tệp; ai cũng là đầu mối trong “Đơn vị”, cán bộ Sở trong “Cấu hình” hoặc chủ sở hữu.`,
    outsiders: (emails: string[], n: number) =>
      `• ${formatNumberVi(emails.length)} trong ${formatNumberVi(n)} người được sửa tệp không phải đầu mối đơn vị, cán bộ Sở hay chủ sở hữu: ${listSome(emails, 'người')}. Nếu không cần, bỏ quyền của họ ở nút Chia sẻ; nếu là đầu mối mới, thêm email vào cột “Email đầu mối” của “Đơn vị”.`,
    groups: (groups: string[]) => `• Nhóm được sửa tệp (không kiểm tra được từng thành viên): ${listSome(groups, 'nhóm')}.`,
    missing: (lines: string[]) =>
      `• ${formatNumberVi(lines.length)} đầu mối hoặc cán bộ Sở chưa được chia sẻ tệp (chưa sửa được trang của mình): ${lines.slice(0, 10).join('; ')}${lines.length > 10 ? '; …' : ''}. Chia sẻ tệp cho họ (quyền Người chỉnh sửa) ở nút Chia sẻ.`,
    missingLine: (email: string, units: string[]) => (units.length ? `${email} (${units.map((u) => q(u)).join(', ')})` : `${email} (cán bộ Sở)`),
    noRegistry: 'Không có trang “Đơn vị” đọc được: chỉ so được với cán bộ Sở trong “Cấu hình”.',
    unchanged: 'Công cụ chỉ kiểm tra, không thay đổi chia sẻ của tệp.',
  },
  /** "Chuẩn bị báo cáo kỳ này" (src/gas/unitreports.ts, docs/unit-tabs.md): each unit's own rows of `Báo cáo tháng`. */
  unitReports: {
    noSheet: 'Không có trang “Báo cáo tháng”. Chọn “Khởi tạo bảng tính mẫu” để tạo trang rồi chạy lại.',
    noTable: '10 dòng đầu của trang “Báo cáo tháng” không có dòng tiêu đề (Kỳ báo cáo, Mã đơn vị, Đơn vị, các cột số liệu…). Thêm dòng tiêu đề rồi chạy lại.',
    noUnitColumn:
      'Trang “Báo cáo tháng” không có cột “Mã đơn vị” hay “Đơn vị”, nên không biết dòng nào của đơn vị nào. Thêm cột “Mã đơn vị” vào dòng tiêu đề rồi chạy lại.',
    nothing: (units: number, period: string) =>
      `Cả ${formatNumberVi(units)} đơn vị đã có dòng kỳ ${period} trong “Báo cáo tháng”, đúng người được sửa; không có gì cần thay đổi.`,
    /** What a run will do or did, one line each (`past`: did). */
    plan: (
      c: {
        period: string;
        append: number;
        sheet: boolean;
        protect: number;
        grant: number;
        grantUnits: number;
        revoke: number;
        revokeUnits: number;
        release: number;
      },
      past: boolean,
    ) =>
      [
        c.append
          ? `• ${past ? 'Đã thêm' : 'Thêm'} ${formatNumberVi(c.append)} dòng kỳ ${c.period} vào “Báo cáo tháng”, mỗi đơn vị chưa có dòng một dòng (đã điền kỳ, mã và tên đơn vị; số liệu để trống, chưa tính là đã nộp).`
          : '',
        c.sheet ? `• ${past ? 'Đã bảo vệ' : 'Bảo vệ'} trang “Báo cáo tháng”: ngoài dòng của từng đơn vị, chỉ cán bộ Sở sửa được, kể cả thêm hay xóa dòng.` : '',
        c.protect
          ? `• ${past ? 'Đã bảo vệ' : 'Bảo vệ'} dòng kỳ ${c.period} của ${formatNumberVi(c.protect)} đơn vị: mỗi đơn vị chỉ sửa được dòng của mình.`
          : '',
        c.grant ? `• ${past ? 'Đã cấp' : 'Cấp'} quyền sửa cho ${formatNumberVi(c.grant)} lượt người ở dòng của ${formatNumberVi(c.grantUnits)} đơn vị.` : '',
        c.revoke
          ? `• ${past ? 'Đã bỏ' : 'Bỏ'} quyền sửa của ${formatNumberVi(c.revoke)} lượt người ở dòng của ${formatNumberVi(c.revokeUnits)} đơn vị (không còn là đầu mối trong “Đơn vị” hay cán bộ Sở trong “Cấu hình”).`
          : '',
        c.release
          ? `• ${past ? 'Đã bỏ' : 'Bỏ'} ${formatNumberVi(c.release)} phần bảo vệ riêng của kỳ cũ hoặc của đơn vị không còn trong “Đơn vị” (các dòng đó chỉ cán bộ Sở sửa được).`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    confirm: (planText: string) =>
      `${planText}\nChủ sở hữu tệp và người đang chạy luôn giữ quyền sửa; tệp không được chia sẻ thêm cho ai. Số liệu đã nhập không bị thay đổi. Tiếp tục?`,
    done: (planText: string, notes: string[]) => [planText || 'Không có thay đổi về dòng báo cáo và quyền sửa.', ...notes].join('\n'),
    noFocal: (units: string[]) =>
      `Chưa có email đầu mối hợp lệ (chỉ cán bộ Sở sửa được dòng báo cáo của đơn vị này cho đến khi nhập email vào cột “Email đầu mối” rồi chạy lại): ${listSome(units, 'đơn vị')}.`,
    foreignSheet:
      'Trang “Báo cáo tháng” đã có phần bảo vệ cả trang do người khác tạo: công cụ không đổi phần đó, nên đơn vị chỉ sửa được dòng của mình ở những ô phần đó cho phép. Muốn công cụ quản lý, xóa phần bảo vệ đó (Dữ liệu ▸ Trang tính và dải ô được bảo vệ) rồi chạy lại.',
    refused: (units: string[], me: string, owner: string | null) =>
      `Không đổi được quyền sửa dòng báo cáo của ${formatNumberVi(units.length)} đơn vị vì tài khoản ${me || 'đang chạy'} không có quyền sửa phần bảo vệ của các dòng đó: ${listSome(units, 'đơn vị')}. Nhờ ${owner ? `chủ sở hữu ${owner}` : 'chủ sở hữu tệp'} chạy lại lệnh này.`,
    partial: (done: number, left: number, unattended = false) =>
      `Đã bảo vệ dòng của ${formatNumberVi(done)} đơn vị thì hết thời gian cho phép của một lần chạy; còn ${formatNumberVi(left)} việc chưa xong (đơn vị chưa được bảo vệ dòng, hoặc phần bảo vệ cũ chưa bỏ; trong lúc này chỉ cán bộ Sở sửa được các dòng đó). ${unattended ? 'Lượt chạy tự động sau (mỗi giờ) sẽ làm tiếp' : 'Chọn lại “Chuẩn bị báo cáo kỳ này” để làm tiếp'}: phần đã xong được giữ nguyên.`,
    /** Why the hourly run could not prepare them (a `run_error` row: runError wraps it). */
    autoFailed: (period: string, message: string) =>
      `chưa chuẩn bị được báo cáo kỳ ${period || 'mới'} (dòng của từng đơn vị): ${message.replace(/[.\s]+$/, '')}`,
    /** A row of `Nhật ký gửi thư`: what the hourly run prepared at a period's start (src/gas/schedule.ts). */
    auto: (period: string, detail: string) =>
      `Kỳ ${period} đã bắt đầu: lượt chạy tự động đã chuẩn bị báo cáo kỳ này (như menu “Chuẩn bị báo cáo kỳ này”).\n${detail}`,
    closed: (period: string) =>
      `Kỳ ${period} đã được chốt: các dòng “Báo cáo tháng” của kỳ này đã khóa, không chuẩn bị thêm. Muốn đơn vị sửa, chọn “Mở lại kỳ đã chốt…” rồi chạy lại lệnh này.`,
    changedMeanwhile:
      'Trang “Báo cáo tháng” có thêm dòng trong lúc chờ xác nhận, nên chưa thêm dòng nào (để không ghi đè lên dòng vừa nhập). Chọn lại “Chuẩn bị báo cáo kỳ này”.',
  },
  /** "Chuyển dòng từ “Học viên” sang trang đơn vị" and its undo (src/gas/moverows.ts). */
  /** "Chốt số liệu kỳ này" / "Mở lại kỳ đã chốt…" (src/gas/close.ts, docs/month-close.md). */
  close: {
    /** Description of a closed period's protections of `Báo cáo tháng` (followed by the period). */
    protectionPrefix: 'BDHVS: số liệu đã chốt kỳ ',
    unknownPerson: '(không rõ tài khoản)',
    alreadyClosed: (period: string, version: number) =>
      `Kỳ ${period} đã được chốt (phiên bản ${version}). Muốn sửa số liệu kỳ này, chọn “Mở lại kỳ đã chốt…”, ghi lý do, sửa rồi chốt lại.`,
    confirm: (period: string, version: number, units: number, reportRows: number, errors: number, warnOnly = false) =>
      [
        `Chốt số liệu kỳ ${period} (phiên bản ${version}): ghi số liệu các chỉ tiêu của ${formatNumberVi(units)} đơn vị và toàn tỉnh vào trang “Lịch sử tổng hợp”.`,
        warnOnly
          ? `${formatNumberVi(reportRows)} dòng “Báo cáo tháng” của kỳ này sẽ được bảo vệ ở mức chỉ cảnh báo (“Khóa kỳ đã chốt”: Chỉ cảnh báo trong “Cấu hình”): ai sửa cũng được hỏi xác nhận trước.`
          : `${formatNumberVi(reportRows)} dòng “Báo cáo tháng” của kỳ này sẽ bị khóa: chỉ cán bộ Sở (trong “Cấu hình”) và chủ sở hữu tệp sửa được.`,
        `Sau khi chốt, “Tổng hợp” kỳ ${period} luôn lấy số đã chốt; đơn vị sửa dữ liệu sẽ chỉ nhận cảnh báo trong “Lỗi dữ liệu”.`,
        errors ? `Lưu ý: dữ liệu hiện còn ${formatNumberVi(errors)} lỗi.` : '',
        'Tiếp tục?',
      ]
        .filter(Boolean)
        .join('\n'),
    closed: (period: string, version: number, reportRows: number, warnOnly = false) =>
      warnOnly
        ? `Đã chốt số liệu kỳ ${period} (phiên bản ${String(version)}) vào trang “Lịch sử tổng hợp”; ${formatNumberVi(reportRows)} dòng “Báo cáo tháng” của kỳ này được bảo vệ ở mức chỉ cảnh báo.`
        : `Đã chốt số liệu kỳ ${period} (phiên bản ${String(version)}) vào trang “Lịch sử tổng hợp” và khóa ${formatNumberVi(reportRows)} dòng “Báo cáo tháng” của kỳ này.`,
    nothingClosed: 'Chưa có kỳ nào đang chốt trong “Lịch sử tổng hợp”; không có gì để mở lại.',
    /** After a consolidation: rows of a closed period typed after its close, locked now (or not: `failed`). */
    relocked: (period: string, rows: number, warnOnly: boolean, failed?: string) =>
      failed !== undefined
        ? `Không khóa được ${formatNumberVi(rows)} dòng “Báo cáo tháng” của kỳ đã chốt ${period} được nhập sau khi chốt (${failed}); số liệu đã chốt không đổi, chạy lại “Tổng hợp” để thử lại.`
        : `Đã ${warnOnly ? 'bảo vệ (chỉ cảnh báo)' : 'khóa'} thêm ${formatNumberVi(rows)} dòng “Báo cáo tháng” của kỳ đã chốt ${period} được nhập sau khi chốt; số liệu đã chốt không đổi.`,
    /** “Chốt số liệu kỳ trước…”: which period (empty: the one suggested). */
    periodPrompt: (suggested: string) =>
      `Chốt số liệu kỳ nào? Ghi kỳ báo cáo (ví dụ ${suggested}); để trống để chốt kỳ ${suggested}. Số liệu được tổng hợp đến hết ngày cuối của kỳ đó (kỳ đang diễn ra: đến hôm nay).`,
    periodUnreadable: (text: string, quarter: boolean, reopening = false) =>
      `Không đọc được kỳ báo cáo ${q(text)}. Ghi ${quarter ? 'quý, ví dụ Quý III/2026' : 'tháng, ví dụ 10/2026'} rồi chọn lại lệnh; ${reopening ? 'chưa mở lại gì' : 'chưa chốt gì'}.`,
    periodNotStarted: (period: string) => `Kỳ ${period} chưa bắt đầu nên chưa thể chốt; chỉ chốt được kỳ đang diễn ra hoặc kỳ đã qua. Chưa chốt gì.`,
    /** The workbook's settings give another period for that date (a one-off report). */
    periodNotInCycle: (period: string, actual: string) =>
      `Theo “Cấu hình” (chu kỳ hoặc hạn báo cáo một lần), số liệu đến cuối kỳ ${period} thuộc kỳ ${actual}, không phải kỳ ${period}; chưa chốt gì.`,
    /** “Mở lại kỳ đã chốt…” when several periods are closed: which one (empty: the one suggested). */
    reopenPeriodPrompt: (closed: string[], suggested: string) =>
      `Các kỳ đang chốt: ${closed.join(', ')}. Mở lại kỳ nào? Ghi kỳ báo cáo; để trống để mở lại kỳ ${suggested}.`,
    notClosedNow: (period: string, closed: string[]) => `Kỳ ${period} không đang chốt (các kỳ đang chốt: ${closed.join(', ')}); chưa mở lại gì.`,
    reasonPrompt: (period: string, version: number) =>
      `Mở lại kỳ ${period} (phiên bản ${version} đã chốt). Ghi lý do mở lại (bắt buộc; được lưu trong “Lịch sử tổng hợp”):`,
    reopened: (period: string, version: number) =>
      `Đã mở lại kỳ ${period} (phiên bản ${version}); các dòng “Báo cáo tháng” của kỳ đã được mở khóa. Sửa xong, chọn “Chốt số liệu kỳ này” để chốt phiên bản mới.`,
  },
  moveRows: {
    changedSincePreview:
      'Trang “Học viên” hoặc trang của một đơn vị đã được sửa trong lúc chờ xác nhận, nên chưa chuyển dòng nào (dòng được chuyển theo vị trí). Chọn lại lệnh để xem số liệu mới rồi xác nhận.',
    undoChangedSincePreview:
      'Trang của một đơn vị đã được sửa trong lúc chờ xác nhận, nên chưa hoàn tác gì (để không mất phần vừa sửa). Chọn lại “Hoàn tác chuyển dòng” để xem lại.',
    noSource: 'Không có trang “Học viên” có dòng tiêu đề học viên (Họ và tên, Số căn cước công dân…) trong 10 dòng đầu; không có gì để chuyển.',
    noTabs: 'Chưa có trang riêng của đơn vị nào. Chọn “Tạo trang cho từng đơn vị” trước, rồi chạy lại lệnh này.',
    nothing: 'Trang “Học viên” không có dòng nào của đơn vị đã có trang riêng; không có gì để chuyển.',
    /** One line of the preview: a unit, its tab, the rows to move. */
    line: (unit: string, tab: string, rows: number) => `• ${q(unit)} → trang ${q(tab)}: ${formatNumberVi(rows)} dòng`,
    more: (n: number) => `• và ${formatNumberVi(n)} đơn vị khác`,
    stay: (s: { noUnit: number; unknown: number; noTab: number }) =>
      [
        s.noUnit ? `${formatNumberVi(s.noUnit)} dòng để trống cột “Đơn vị”` : '',
        s.unknown ? `${formatNumberVi(s.unknown)} dòng có đơn vị không có trong trang “Đơn vị”` : '',
        s.noTab ? `${formatNumberVi(s.noTab)} dòng của đơn vị chưa có trang riêng` : '',
      ]
        .filter(Boolean)
        .join('; '),
    stays: (text: string) => `Giữ nguyên trong “Học viên”: ${text} (sửa cột “Đơn vị” hoặc tạo trang cho đơn vị rồi chạy lại).`,
    noHeader: (tab: string, rows: number) =>
      `Không chuyển ${formatNumberVi(rows)} dòng sang trang ${q(tab)}: trang này không có dòng tiêu đề học viên (Họ và tên, Số căn cước công dân…) trong 10 dòng đầu.`,
    noPlace: (tab: string, rows: number, columns: string[]) =>
      `Không chuyển ${formatNumberVi(rows)} dòng sang trang ${q(tab)}: trang này không có cột ${columns.map((c) => q(c)).join(', ')} (các dòng đó có dữ liệu ở cột này). Thêm cột cùng tên vào dòng tiêu đề của trang ${q(tab)} rồi chạy lại.`,
    tooBig: (tab: string) =>
      `Không chuyển sang trang ${q(tab)}: các dòng của đơn vị nằm rải rác quá nhiều đoạn trong “Học viên”, không ghi được thông tin hoàn tác (giới hạn 9 KB). Hãy sắp xếp “Học viên” theo cột “Đơn vị” rồi chạy lại.`,
    confirm: (lines: string[], total: number, units: number, notes: string[], replacesUndo: boolean) =>
      [
        `Sẽ chuyển ${formatNumberVi(total)} dòng của ${formatNumberVi(units)} đơn vị từ “Học viên” sang trang riêng của đơn vị (thêm vào cuối trang, giữ nguyên giá trị; cột “Kết quả kiểm tra” không chuyển), rồi xóa các dòng đó khỏi “Học viên”:`,
        ...lines,
        ...notes,
        replacesUndo ? 'Lần chuyển dòng trước sẽ không hoàn tác được nữa (chỉ hoàn tác được lần chuyển gần nhất).' : '',
        'Có thể hoàn tác bằng “Hoàn tác chuyển dòng”. Tiếp tục?',
      ]
        .filter(Boolean)
        .join('\n'),
    done: (rows: number, tabs: number, notes: string[]) =>
      [
        `Đã chuyển ${formatNumberVi(rows)} dòng sang ${formatNumberVi(tabs)} trang đơn vị và xóa chúng khỏi “Học viên”. Chọn “Kiểm tra dữ liệu” để cập nhật cột “Kết quả kiểm tra”; muốn đưa về như cũ, chọn “Hoàn tác chuyển dòng”.`,
        ...notes,
      ].join('\n'),
    partial: (rows: number, tabs: number, left: number) =>
      `Đã chuyển ${formatNumberVi(rows)} dòng sang ${formatNumberVi(tabs)} trang thì hết thời gian cho phép của một lần chạy; còn ${formatNumberVi(left)} trang chưa chuyển. Chọn lại lệnh chuyển dòng để chuyển tiếp (lần chuyển này vẫn hoàn tác được đến khi chạy lại).`,
    nothingToUndo: 'Không có lần chuyển dòng nào để hoàn tác.',
    noSourceToUndo: 'Không tìm thấy trang “Học viên” của lần chuyển dòng; không hoàn tác được.',
    confirmUndo: (rows: number, tabs: number, changed: string[]) =>
      [
        `Sẽ đưa ${formatNumberVi(rows)} dòng từ ${formatNumberVi(tabs)} trang đơn vị về đúng vị trí cũ trong “Học viên” và xóa chúng khỏi các trang đơn vị.`,
        changed.length ? `Không hoàn tác trang ${listSome(changed)}: các dòng đã chuyển sang đó đã bị sửa hoặc dời chỗ, nên được giữ nguyên.` : '',
        'Tiếp tục?',
      ]
        .filter(Boolean)
        .join('\n'),
    allChanged: (changed: string[]) =>
      `Không hoàn tác được: các dòng đã chuyển sang trang ${listSome(changed)} đã bị sửa hoặc dời chỗ, nên được giữ nguyên. Thông tin hoàn tác đã được xóa.`,
    undone: (rows: number, tabs: number, changed: string[]) =>
      [
        `Đã đưa ${formatNumberVi(rows)} dòng từ ${formatNumberVi(tabs)} trang đơn vị về “Học viên”. Chọn “Kiểm tra dữ liệu” để cập nhật cột “Kết quả kiểm tra”.`,
        changed.length ? `Giữ nguyên trang ${listSome(changed)} (các dòng đã chuyển sang đó đã bị sửa hoặc dời chỗ).` : '',
      ]
        .filter(Boolean)
        .join('\n'),
  },
  about: (lastRunText: string | null) =>
    [
      'BDHVS Tổng hợp: kiểm tra và tổng hợp số liệu phong trào “Bình dân học vụ số” trên bảng tính dùng chung.',
      '• Tổng hợp: ghi trang “Tổng hợp” (theo đơn vị, toàn tỉnh, theo loại đơn vị) và “Lỗi dữ liệu”.',
      '• Kiểm tra dữ liệu: ghi “Lỗi dữ liệu” và cột “Kết quả kiểm tra” cạnh từng dòng học viên.',
      '• Khi đơn vị nhập hoặc dán dòng học viên, cột “Kết quả kiểm tra” được cập nhật ngay.',
      'Công cụ không xóa, không sửa dữ liệu đơn vị đã nhập (trừ lệnh “Sửa số CCCD bị mất số 0” và lệnh chuyển dòng từ “Học viên” sang trang đơn vị, đều có thể hoàn tác). Số CCCD ngoài trang học viên luôn được che (trừ trang “Danh sách tạo tài khoản”, là danh sách học viên để tạo tài khoản).',
      '',
      lastRunText ?? 'Chưa có lượt tổng hợp hay kiểm tra nào.',
    ].join('\n'),
  lastRunDone: (kind: RunKindText, when: string, units: number, rows: number, errors: number, warnings: number) =>
    `Lượt ${kind === 'consolidation' ? 'tổng hợp' : 'kiểm tra'} gần nhất: ${when}, ${formatNumberVi(units)} đơn vị, ${formatNumberVi(rows)} dòng học viên, ${formatNumberVi(errors)} lỗi, ${formatNumberVi(warnings)} cảnh báo.`,
  lastRunFailed: (kind: RunKindText, when: string, message: string) =>
    `Lượt ${kind === 'consolidation' ? 'tổng hợp' : 'kiểm tra'} gần nhất (${when}) không hoàn thành: ${message}`,
};

/**
 * Protections (src/gas/access.ts): a run refused before writing, because the account running it is
 * not an editor of a protected sheet it would write.
 */
export const ACCESS = {
  denied: (sheets: string[], me: string, owner: string | null) =>
    [
      `Tài khoản ${me ? q(me) : 'đang dùng'} không có quyền sửa ${sheets.length > 1 ? 'các trang' : 'trang'} ${sheets.map((s) => q(s)).join(', ')} (trang được bảo vệ). Lượt này không ghi gì vào bảng tính.`,
      `Cách xử lý: nhờ ${
        owner ? `chủ sở hữu bảng tính (${owner})` : 'người quản lý bảng tính (bảng tính nằm trong bộ nhớ dùng chung nên không có chủ sở hữu riêng)'
      } hoặc một cán bộ đang chạy được công cụ ghi email của bạn vào dòng “Cán bộ Sở (email)” trên trang “Cấu hình”, rồi người đó chạy “Tổng hợp” một lần để cập nhật quyền. Sau đó bạn chạy lại.`,
    ].join('\n'),
  /** Why the schedule cannot be installed under this account. */
  scheduleRefused: (why: string) =>
    `Chưa bật được lịch nhắc tự động bằng tài khoản này, vì lịch chạy bằng chính tài khoản đó và phải ghi được “Nhật ký gửi thư” và các trang kết quả.\n\n${why}`,
};

// ---------------------------------------------------------------------------------------------
// Reminder machinery: send log, weekly digest, "Gửi thư nhắc ngay", "Lịch nhắc tự động…"
// (src/core/sendlog/, src/core/digest.ts, src/gas/mail.ts, src/gas/schedule.ts)

export const MAIL = {
  /** `Trạng thái` of the send log: stable codes (sendlog/model.ts) shown in Vietnamese. */
  status: {
    pending: 'Đang gửi',
    sent: 'Đã gửi',
    queued: 'Chờ gửi lượt sau',
    failed: 'Lỗi tạm thời – sẽ gửi lại',
    abandoned: 'Lỗi nhiều lần – ngừng gửi lại',
    invalid: 'Địa chỉ không hợp lệ – không gửi lại',
    dry_run: 'Chạy thử – không gửi',
    uncertain: 'Không rõ đã gửi chưa (bị gián đoạn)',
    cancelled: 'Không cần gửi nữa',
    run_error: 'Lượt chạy tự động bị lỗi',
    run_done: 'Lượt chạy tự động đã làm',
  },
  /** `Loại thư` of rows that are not reminders. */
  kind: { DIGEST: 'Bản tổng hợp tuần', RUN: 'Lượt chạy tự động' },
  /** `Kỳ` cell: text Sheets does not turn into a date. */
  periodCell: (period: string, quarter: boolean) => (quarter ? period : `Tháng ${period}`),
  weekCell: (week: number, year: number) => `Tuần ${week}/${year}`,
  detail: {
    pending: 'Đang gửi. Nếu dòng này còn ở trạng thái này, lượt chạy đã bị gián đoạn giữa chừng.',
    sent: 'Đã gửi.',
    writtenEml: (file: string) => `Đã ghi thư thành tệp ${q(file)} (công cụ dòng lệnh; chưa gửi qua mạng).`,
    sentRetry: (date: string) => `Đã gửi thư của đợt nhắc ngày ${date} (nội dung theo số liệu mới nhất).`,
    queuedQuota: (remaining: number) =>
      `Hạn mức gửi thư của tài khoản cài lịch nhắc chỉ còn ${formatNumberVi(remaining)} thư trong 24 giờ; đơn vị cần đôn đốc gấp hơn được gửi trước, thư này sẽ được gửi ở lượt sau.`,
    queuedTime: 'Lượt chạy sắp hết thời gian cho phép (6 phút); thư này sẽ được gửi ở lượt sau.',
    queuedMailError: (error: string) => `Dịch vụ gửi thư báo hết hạn mức (${error}); thư chưa được gửi và sẽ được gửi ở lượt sau.`,
    failed: (attempt: number, max: number, error: string) => `Lần thử ${attempt}/${max} bị lỗi, thư chưa được gửi: ${error}. Sẽ tự gửi lại ở lượt sau.`,
    abandoned: (attempts: number, error: string) =>
      `Đã thử ${attempts} lần đều bị lỗi (${error}); ngừng gửi lại thư của đợt này. Các đợt nhắc sau vẫn gửi bình thường.`,
    invalidAddress: (address: string) =>
      `Địa chỉ ${q(address)} không đúng định dạng nên không gửi. Sửa cột “Email đầu mối” ở trang “Đơn vị”: thư sẽ được gửi tới địa chỉ mới ở lượt sau.`,
    invalidRejected: (error: string) =>
      `Dịch vụ gửi thư từ chối địa chỉ người nhận (${error}); không gửi lại tới địa chỉ này. Sửa cột “Email đầu mối” ở trang “Đơn vị” để gửi tới địa chỉ mới.`,
    dryRun: '“Chế độ thử” đang bật ở trang “Cấu hình”: thư chỉ được ghi vào nhật ký, không gửi thật.',
    uncertain:
      'Lượt chạy trước bị gián đoạn sau khi bắt đầu gửi thư này nhưng trước khi ghi kết quả, nên không rõ thư đã đi chưa. Không gửi lại để tránh gửi trùng; xem mục “Đã gửi” của tài khoản cài lịch nhắc hoặc hỏi lại đơn vị.',
    cancelledNotLagging: 'Đơn vị không còn trong danh sách cần đôn đốc nên không cần gửi.',
    cancelledPeriodOver: (period: string) => `Kỳ báo cáo ${inSentence(period)} đã kết thúc nên thư đang chờ không gửi nữa.`,
    cancelledSuperseded: (date: string) => `Thay bằng thư của đợt nhắc ngày ${date} (mỗi đơn vị chỉ nhận một thư mỗi đợt).`,
    cancelledDigest: 'Đã sang tuần mới: bản tổng hợp tuần này không gửi nữa; bản tuần mới tổng hợp cả thời gian từ bản gửi gần nhất.',
    runError: (message: string) =>
      `Lượt chạy tự động không hoàn thành: ${message}. Lượt sau sẽ tự chạy lại; nếu lỗi lặp lại, gửi nội dung này cho cán bộ kỹ thuật.`,
    triggerRetired: (owner: string) => `Lịch nhắc tự động đã được chuyển cho tài khoản ${owner}; trình kích hoạt cũ của tài khoản này đã tự tắt.`,
    /** A trigger run without an open spreadsheet and without a trigger id (src/gas/context.ts). */
    triggerNoDocument:
      'Lượt chạy tự động không biết chạy cho bảng tính nào: không có bảng tính đang mở và trình kích hoạt không cho biết mã của nó, nên lượt này không tổng hợp, không gửi thư. Cách sửa: mở bảng tính, chọn menu “Lịch nhắc tự động…”, tắt rồi bật lại lịch.',
    /** The trigger's spreadsheet id was not stored (e.g. a schedule turned on by an older version). */
    triggerNoStoredId: (uid: string) =>
      `Lượt chạy tự động của trình kích hoạt ${q(uid)} không tìm thấy mã bảng tính đã lưu khi bật lịch (ví dụ lịch được bật bằng phiên bản cũ của tiện ích), nên lượt này không tổng hợp, không gửi thư. Cách sửa: mở bảng tính, chọn menu “Lịch nhắc tự động…”, tắt rồi bật lại lịch.`,
    /** SpreadsheetApp.openById failed for the stored id. */
    triggerOpenFailed: (id: string, error: string) =>
      `Lượt chạy tự động không mở được bảng tính của lịch nhắc (mã ${q(id)}: ${error}), nên lượt này không tổng hợp, không gửi thư. Có thể bảng tính đã bị xóa hoặc tài khoản đã bật lịch không còn quyền chỉnh sửa. Cách sửa: cấp lại quyền chỉnh sửa cho tài khoản đó, hoặc mở bảng tính, chọn menu “Lịch nhắc tự động…” và bật lịch bằng tài khoản của bạn.`,
  },
  digest: {
    subject: (week: number, year: number, department: string) => `[Bình dân học vụ số] Bản tổng hợp tuần ${week}/${year} – ${department}`,
    greeting: (department: string) => `Kính gửi: Lãnh đạo ${department}.`,
    intro: (today: string, period: string, deadline: string) =>
      `Bản tổng hợp tự động kết quả phong trào “Bình dân học vụ số”, số liệu đến ngày ${today}; kỳ báo cáo ${inSentence(period)} (hạn cập nhật trước ngày ${deadline}).`,
    indicatorsTitle: 'Chỉ tiêu toàn tỉnh (tổng số đã hoàn thành / tổng số đối tượng của các đơn vị):',
    indicatorLine: (name: string, percent: string, num: string, den: string, target: string, status: string) =>
      `${name}: ${percent} (${num}/${den}), mục tiêu ${target} – ${status}`,
    evidenceSuffix: (evidenced: string, percent: string) => `; có minh chứng ${evidenced} người (${percent})`,
    noIndicators: 'Chưa có số liệu chỉ tiêu.',
    /** After an indicator's line when an earlier period is closed: the change since that close. */
    trendSuffix: (period: string, points: string) => `; so với kỳ chốt ${period}: ${points} điểm %`,
    fallsTitle: (period: string, n: number) => `Đơn vị có tỷ lệ giảm so với kỳ chốt ${period}: ${formatNumberVi(n)}`,
    /** One unit whose rate fell: its indicators, each “CB, CC, VC 45,0% → 40,0% (-5,0 điểm %)”. */
    fallLine: (code: string, name: string, falls: string[]) => `${code} – ${name}: ${falls.join('; ')}`,
    fallItem: (indicator: string, before: string, now: string, points: string) => `${indicator} ${before} → ${now} (${points} điểm %)`,
    moreFalls: (n: number) => `… và ${formatNumberVi(n)} đơn vị khác (xem các cột “thay đổi so với kỳ chốt” ở trang “Tổng hợp”).`,
    noFalls: 'Không có đơn vị nào có tỷ lệ giảm.',
    completenessTitle: 'Tình hình báo cáo kỳ này:',
    completenessLine: (scope: string, submitted: number, expected: number, rate: string, onTime: number, onTimeRate: string) =>
      `${scope}: ${formatNumberVi(submitted)}/${formatNumberVi(expected)} đơn vị đã báo cáo (${rate}), đúng hạn ${formatNumberVi(onTime)} (${onTimeRate})`,
    laggardsTitle: (n: number) => `Đơn vị cần đôn đốc: ${formatNumberVi(n)}`,
    laggardLine: (code: string, name: string, reasons: string) => `${code} – ${name}: ${reasons}`,
    noEmail: ' (chưa có email đầu mối hợp lệ nên không nhận được thư nhắc; cần liên hệ trực tiếp)',
    moreLaggards: (n: number) => `… và ${formatNumberVi(n)} đơn vị khác (xem trang “Tổng hợp”).`,
    noLaggards: 'Không có đơn vị nào cần đôn đốc.',
    mailTitle: (from: string, to: string) => `Thư nhắc từ ${from} đến ${to}:`,
    mailCount: (label: string, n: number) => `${label}: ${formatNumberVi(n)}`,
    noMail: 'Không có thư nhắc nào trong khoảng thời gian này.',
    outstanding: (n: number) => `Đang chờ gửi hoặc chờ gửi lại: ${formatNumberVi(n)} thư.`,
    problemsTitle: 'Thư cần xem lại:',
    problemLine: (when: string, unit: string, to: string, status: string, detail: string) => `${when} – ${unit} (${to}): ${status}. ${detail}`,
    moreProblems: (n: number) => `… và ${formatNumberVi(n)} dòng khác (xem trang “Nhật ký gửi thư”).`,
    runErrorsTitle: 'Lượt chạy tự động bị lỗi:',
    runErrorLine: (when: string, detail: string) => `${when}: ${detail}`,
    /** Last line of the body, before the signature (administrative style: it ends with “./.”). */
    closing: 'Trên đây là tình hình thực hiện phong trào “Bình dân học vụ số” trong tuần, kính báo cáo Lãnh đạo./.',
    footer:
      'Thư này được gửi tự động từ công cụ BDHVS Tổng hợp mỗi tuần một lần; nhật ký đầy đủ ở trang “Nhật ký gửi thư”, số liệu chi tiết ở trang “Tổng hợp”.',
  },
  /** Menu "Gửi thư nhắc ngay". */
  send: {
    title: 'Gửi thư nhắc',
    computing: 'Đang tổng hợp để lập danh sách thư nhắc…',
    busy: 'Đang có một lượt gửi thư hoặc tổng hợp khác chạy trên bảng tính này. Vui lòng đợi vài phút rồi thử lại; lượt này chưa gửi thư nào.',
    nothing: (done: number) =>
      done > 0
        ? `Không còn thư nào cần gửi hôm nay: ${formatNumberVi(done)} đơn vị đã có thư của đợt này trong “Nhật ký gửi thư”.`
        : 'Không có đơn vị nào cần nhắc lúc này.',
    confirm: (c: { send: number; queue: number; invalid: number; done: number; quota: number; dryRun: boolean }) =>
      [
        c.dryRun
          ? `“Chế độ thử” đang bật: ${formatNumberVi(c.send + c.queue)} thư sẽ chỉ được ghi vào “Nhật ký gửi thư”, không gửi thật.`
          : `Sẽ gửi ngay ${formatNumberVi(c.send)} thư nhắc (mỗi đơn vị cần đôn đốc một thư; đơn vị cần đôn đốc gấp hơn gửi trước).`,
        !c.dryRun && c.queue > 0
          ? `Hạn mức gửi thư của tài khoản bạn còn ${formatNumberVi(c.quota)} thư trong 24 giờ: ${formatNumberVi(c.queue)} thư còn lại được xếp chờ và gửi dần ở các lượt sau (cần bật “Lịch nhắc tự động”).`
          : '',
        c.invalid > 0 ? `${formatNumberVi(c.invalid)} đơn vị có email đầu mối không hợp lệ: không gửi, ghi vào nhật ký.` : '',
        c.done > 0 ? `${formatNumberVi(c.done)} đơn vị đã có thư của đợt này: không gửi lại.` : '',
        'Tiếp tục?',
      ]
        .filter(Boolean)
        .join('\n'),
    result: (c: { sent: number; queued: number; failed: number; invalid: number; dryRun: number; uncertain: number }) =>
      [
        c.dryRun > 0 ? `Chế độ thử: đã ghi ${formatNumberVi(c.dryRun)} thư vào nhật ký, không gửi thật.` : `Đã gửi ${formatNumberVi(c.sent)} thư nhắc.`,
        c.queued > 0 ? `${formatNumberVi(c.queued)} thư đang chờ gửi ở lượt sau (hết hạn mức hoặc hết thời gian).` : '',
        c.failed > 0 ? `${formatNumberVi(c.failed)} thư bị lỗi tạm thời, sẽ tự gửi lại.` : '',
        c.invalid > 0 ? `${formatNumberVi(c.invalid)} thư không gửi được vì địa chỉ không hợp lệ.` : '',
        c.uncertain > 0 ? `${formatNumberVi(c.uncertain)} thư của lượt trước bị gián đoạn, không rõ đã gửi chưa: không gửi lại.` : '',
        'Chi tiết ở trang “Nhật ký gửi thư”.',
      ]
        .filter(Boolean)
        .join('\n'),
  },
  /** Menu "Lịch nhắc tự động…". */
  schedule: {
    title: 'Lịch nhắc tự động',
    what: 'Lịch nhắc tự động chạy mỗi giờ: mỗi ngày tổng hợp một lần; vào ngày nhắc (theo trang “Cấu hình”) gửi mỗi đơn vị cần đôn đốc một thư; gửi tiếp các thư đang chờ; thứ Hai gửi bản tổng hợp tuần tới “Email nhận bản tổng hợp”. Thư gửi từ 7 giờ sáng.',
    mine: (me: string, since: string, quota: number) =>
      `Lịch đang bật bằng tài khoản của bạn (${me}) từ ${since}. Thư được gửi từ tài khoản này và tính vào hạn mức của nó (hôm nay còn ${formatNumberVi(quota)} thư).\n\nTắt lịch nhắc tự động?`,
    other: (owner: string, since: string, me: string) =>
      `Lịch đang bật bằng tài khoản ${owner} từ ${since}: thư được gửi từ tài khoản đó và tính vào hạn mức của nó. Chỉ ${owner} tắt được lịch của mình.\n\nChuyển lịch sang tài khoản của bạn (${me})? Lịch của ${owner} sẽ tự tắt ở lượt chạy kế tiếp; thư đã gửi không bị gửi lại.`,
    off: (me: string, quota: number) =>
      `Lịch nhắc tự động đang tắt.\n\nBật bằng tài khoản của bạn (${me})? Thư sẽ được gửi từ tài khoản này và tính vào hạn mức của nó (hôm nay còn ${formatNumberVi(quota)} thư; tài khoản Gmail cá nhân 100 thư/ngày, Google Workspace 1.500 thư/ngày). Muốn chuyển cho người khác sau này: bạn tắt lịch, người đó bật lại.`,
    installed: (me: string) => `Đã bật lịch nhắc tự động bằng tài khoản ${me}, chạy mỗi giờ.`,
    alreadyInstalled: (me: string) => `Lịch nhắc tự động đã bật bằng tài khoản ${me}; không tạo thêm.`,
    removed: 'Đã tắt lịch nhắc tự động. Thư đang chờ sẽ không được gửi cho đến khi lịch được bật lại hoặc có người chọn “Gửi thư nhắc ngay”.',
    notInstalled: 'Tài khoản của bạn không có lịch nhắc tự động nào trên bảng tính này.',
    unknownAccount: 'tài khoản hiện tại',
    unknownOwner: 'một tài khoản khác',
  },
};

/**
 * The official report to the province (src/core/official.ts): the administrative text of
 * Nghị định 30/2020/NĐ-CP (Phụ lục I), the menu item and the add-on's and CLI's messages about it.
 */
export const OFFICIAL = {
  /** Shown where a setting is blank and nothing derives it: the user fills it in the document. */
  placeholder: '……',
  /** The parent agency when neither `Cơ quan chủ quản` nor Tên Sở names the province. */
  parentPlaceholder: 'UBND TỈNH ……',
  nationalName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  /** “Số:     /BC-SKHCN”: the number is left for the clerk (văn thư) to write when it is issued. */
  number: (symbol: string) => `Số:        /${symbol}`,
  /** ND 30: a day below 10 and the months 1 and 2 take a leading zero. */
  dateLine: (place: string, d: number, m: number, y: number) =>
    `${place}, ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : String(m)} năm ${String(y)}`,
  title: 'BÁO CÁO',
  subtitle: (periodPhrase: string) => `Kết quả triển khai phong trào “Bình dân học vụ số” ${periodPhrase}`,
  addressee: (to: string) => `Kính gửi: ${to}.`,
  /** The Google Doc's (and the .docx's) title. */
  fileTitle: (period: string) => `Báo cáo kết quả Bình dân học vụ số ${period.replace('/', '-')}`,
  sections: {
    general: 'I. TÌNH HÌNH CHUNG',
    indicators: 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
    completeness: 'III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ',
    laggards: 'IV. CÁC ĐƠN VỊ CẦN ĐÔN ĐỐC',
    difficulties: 'V. KHÓ KHĂN, VƯỚNG MẮC',
    proposals: 'VI. ĐỀ XUẤT, KIẾN NGHỊ',
  },
  general: {
    units: (date: string, units: string, department: string) =>
      `Tính đến ngày ${date}, toàn tỉnh có ${units} đơn vị tham gia triển khai phong trào và cập nhật số liệu trên bảng tính dùng chung do ${department} tổng hợp.`,
    learners: (rows: string, valid: string, completed: string, inProgress: string, notStarted: string) =>
      `Danh sách học viên do các đơn vị gửi có ${rows} dòng, trong đó ${valid} dòng hợp lệ: ${completed} người đã hoàn thành chương trình, ${inProgress} người đang học, ${notStarted} người chưa tham gia.`,
    rejected: (invalid: string, duplicates: string) =>
      `${invalid} dòng còn lỗi (trong đó ${duplicates} dòng trùng số định danh với dòng khác) chưa được tính, các đơn vị đang rà soát, bổ sung.`,
    noRejected: 'Không có dòng nào bị loại do sai sót dữ liệu.',
    laggards: (n: string) => `Có ${n} đơn vị cần đôn đốc: chưa gửi báo cáo, chỉ tiêu chưa đạt tiến độ hoặc dữ liệu còn lỗi (chi tiết tại mục IV).`,
    noLaggards: 'Không có đơn vị nào cần đôn đốc.',
    closed: (period: string, version: number) => `Số liệu các chỉ tiêu là số liệu đã chốt ${period} (lần chốt thứ ${String(version)}).`,
  },
  indicatorIntro: (period: string) =>
    `Kết quả thực hiện các chỉ tiêu ${period} (tỷ lệ toàn tỉnh tính bằng tổng số người đã hoàn thành chia cho tổng số đối tượng của các đơn vị):`,
  indicatorHeader: ['STT', 'Chỉ tiêu', 'Đã hoàn thành (người)', 'Tổng số đối tượng (người)', 'Tỷ lệ', 'Mục tiêu', 'Có minh chứng (người)', 'Đánh giá'],
  evidenceNote: 'Cột “Có minh chứng” là số người có trong danh sách học viên đã hoàn thành hoặc có kết quả trên nền tảng học tập; “—” là chưa có số liệu.',
  completeness: (period: string, expected: string, submitted: string, rate: string, onTime: string, onTimeRate: string, deadline: string) =>
    `Kỳ báo cáo ${period} (hạn ngày ${deadline}) có ${expected} đơn vị phải báo cáo; ${submitted} đơn vị đã gửi báo cáo (${rate}), trong đó ${onTime} đơn vị gửi đúng hạn (${onTimeRate}).`,
  completenessHeader: ['Loại đơn vị', 'Số đơn vị', 'Phải báo cáo', 'Đã báo cáo', 'Đúng hạn', 'Tỷ lệ đã báo cáo', 'Cần đôn đốc'],
  provinceRow: 'Toàn tỉnh',
  laggardsIntro: (n: string) => `Danh sách ${n} đơn vị cần đôn đốc và lý do:`,
  laggardsHeader: ['STT', 'Đơn vị', 'Loại đơn vị', 'Lý do'],
  noLaggards: 'Không có đơn vị nào cần đôn đốc trong kỳ.',
  /** Where a free-text section is empty: the user sees what to fill and where. */
  emptyText: (key: string) => `(Chưa có nội dung: ghi tại mục “${key}” của trang “Cấu hình”.)`,
  closing: (department: string, to: string) => `Trên đây là báo cáo của ${department}, kính báo cáo ${to} xem xét, chỉ đạo./.`,
  recipientsTitle: 'Nơi nhận:',
  /** Below the signer's title when no name is set: room to sign and write the name by hand. */
  signerPlaceholder: '……………………',
  gas: {
    title: 'Báo cáo gửi UBND tỉnh',
    computing: 'Đang tổng hợp số liệu để lập báo cáo…',
    writing: 'Đang tạo văn bản báo cáo…',
    done: (name: string) => `Đã tạo văn bản “${name}” trong Google Drive của bạn. Mở văn bản, ghi số văn bản, kiểm tra nội dung rồi trình ký.`,
    open: 'Mở văn bản báo cáo',
    pageNumbers:
      'Google Tài liệu chưa cho công cụ chèn số trang: trong văn bản, chọn Chèn ▸ Số trang ▸ kiểu “đầu trang, bỏ qua trang đầu”, rồi căn giữa theo thể thức. Tệp Word từ lệnh “bdhvs bao-cao” đã có sẵn số trang.',
    noUi: 'Tạo báo cáo gửi UBND tỉnh cần chạy từ menu của bảng tính.',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// The command line's .xlsx/.csv reader and writer (src/cli/xlsx): the `detail` of an XlsxError or a
// CsvError (shown inside CLI.notXlsx and its kin) and the reader's warnings. A “part” (phần) is a
// file inside the .xlsx zip; `where` is XLSX.read.sheet(name) or XLSX.read.sharedStrings.

export const XLSX = {
  /** The zip container (src/cli/xlsx/zip.ts). */
  zip: {
    truncatedOrCorrupt: 'tệp zip bị cắt cụt hoặc hỏng (không thấy danh mục zip)',
    zip64Corrupt: 'bản ghi zip64 hỏng',
    directoryOutside: 'tệp zip bị cắt cụt (danh mục nằm ngoài tệp)',
    directoryCorrupt: 'danh mục zip hỏng',
    partMisplaced: (part: string) => `phần ${part} hỏng (sai vị trí)`,
    partTruncated: (part: string) => `phần ${part} bị cắt cụt`,
    partEncrypted: (part: string) => `phần ${part} được mã hoá bằng mật khẩu zip`,
    partTooLarge: (part: string, mb: number, maxMb: number) =>
      `phần ${part} quá lớn: ${String(mb)} MB khi giải nén, vượt giới hạn ${String(maxMb)} MB mỗi phần`,
    partWrongDeclaredSize: (part: string, compressedBytes: number, mb: number) =>
      `phần ${part} khai báo sai kích thước (${String(compressedBytes)} byte nén không thể giải ra ${String(mb)} MB)`,
    partDataCorrupt: (part: string) => `dữ liệu nén của phần ${part} hỏng`,
    partZipBomb: (part: string, bytes: number) =>
      `phần ${part} giải nén ra nhiều hơn kích thước khai báo (${String(bytes)} byte): tệp nén bất thường (bom zip)`,
    partMethod: (part: string, method: number) => `phần ${part} dùng kiểu nén ${String(method)} không được hỗ trợ`,
    partWrongSize: (part: string) => `phần ${part} sai kích thước`,
    partWrongCrc: (part: string) => `phần ${part} sai mã kiểm tra CRC`,
    outputOver4Gb: 'tệp kết quả vượt quá 4 GB',
  },
  /** The small XML parts (src/cli/xlsx/dom.ts). */
  dom: {
    notXml: (part: string, why: string) => `phần ${part} không phải XML hợp lệ (${why})`,
    noRoot: 'không có phần tử gốc',
  },
  /** CSV input (src/cli/xlsx/csv.ts). */
  csv: {
    isZip: 'tệp là bảng tính zip (.xlsx), không phải CSV',
    notUtf8: (position: number) => `không phải UTF-8 (byte không hợp lệ gần vị trí ${String(position)})`,
    tooLarge: (height: number, width: number, widestRow: number, maxCells: number) =>
      `${formatNumberVi(height)} dòng × ${formatNumberVi(width)} cột – dòng ${formatNumberVi(widestRow)} có ${formatNumberVi(width)} cột – vượt giới hạn ${formatNumberVi(maxCells)} ô`,
  },
  /** The writer (src/cli/xlsx/write.ts): sheet names Excel refuses, limits, a base that is not a workbook. */
  write: {
    sheetNameEmpty: 'tên trang trống',
    sheetNameTooLong: (name: string) => `tên trang “${name}” dài quá 31 ký tự`,
    sheetNameForbidden: (name: string) => `tên trang “${name}” chứa ký tự không được phép ([ ] : * ? / \\)`,
    sheetNameControl: (name: string) => `tên trang “${name}” chứa ký tự điều khiển`,
    sheetNameQuote: (name: string) => `tên trang “${name}” không được bắt đầu hay kết thúc bằng dấu nháy đơn`,
    sheetNameHistory: 'tên trang “History” bị Excel dành riêng',
    sheetNameDuplicate: (name: string) => `tên trang “${name}” bị trùng`,
    notStyles: (part: string) => `phần ${part} không phải bảng kiểu định dạng (thiếu <styleSheet> của SpreadsheetML)`,
    tooManyRows: (sheet: string, rows: number, max: number) => `trang “${sheet}” có ${String(rows)} dòng, quá giới hạn ${String(max)} dòng của Excel`,
    tooManyColumns: (sheet: string, columns: number, max: number) => `trang “${sheet}” có ${String(columns)} cột, quá giới hạn ${String(max)} cột của Excel`,
    noContentTypes: 'thiếu [Content_Types].xml',
    notContentTypes: 'phần [Content_Types].xml không phải danh sách kiểu nội dung (thiếu <Types>)',
    noSheetList: (part: string) => `phần ${part} không có danh sách trang (<sheets>)`,
    noVisibleSheet: 'sổ bảng tính phải có ít nhất một trang không ẩn',
  },
  /** The reader (src/cli/xlsx/read.ts). */
  read: {
    /** `where` of a sheet's messages. */
    sheet: (name: string) => `trang “${name}”`,
    /** `where` of the shared-strings table's memory estimate. */
    sharedStrings: 'bảng chuỗi dùng chung',
    inSheet: (where: string, detail: string) => `${where}: ${detail}`,
    memory: (where: string, mb: number) =>
      `${where}: tệp chứa quá nhiều dữ liệu (ước tính hơn ${String(mb)} MB bộ nhớ khi đọc); hãy tách thành nhiều tệp nhỏ hơn`,
    notRels: (part: string) => `phần ${part} không phải danh sách quan hệ (thiếu <Relationships>)`,
    empty: 'tệp rỗng',
    encrypted: 'tệp .xlsx được đặt mật khẩu (mã hoá)',
    binaryOffice: 'tệp Excel 97–2003 (.xls) cũ hoặc tệp Office nhị phân, không phải .xlsx',
    html: 'tệp HTML (có thể là trang lỗi khi tải về), không phải .xlsx',
    xml: 'tệp XML (có thể là bảng tính XML 2003), không phải .xlsx',
    notZip: 'không phải tệp zip/.xlsx',
    ods: 'tệp OpenDocument (.ods); hãy lưu lại dạng .xlsx',
    zipOfType: (mimetype: string) => `tệp zip loại ${mimetype}`,
    xlsb: 'tệp .xlsb (nhị phân); hãy lưu lại dạng .xlsx',
    docx: 'tệp Word (.docx)',
    pptx: 'tệp PowerPoint (.pptx)',
    noWorkbook: 'tệp zip không chứa sổ bảng tính (thiếu xl/workbook.xml)',
    notWorkbook: (part: string) => `phần ${part} không phải sổ bảng tính (thiếu <workbook> của SpreadsheetML)`,
    corrupt: (why: string) => `tệp hỏng (${why})`,
    outOfMemory: (why: string) => `không đủ bộ nhớ để đọc (${why})`,
    cdataOpen: 'CDATA không đóng',
    textOpen: 'chuỗi văn bản không đóng thẻ',
    rowOpen: (where: string) => `${where}: thẻ dòng không đóng`,
    cellTagOpen: (where: string) => `${where}: thẻ ô không đóng`,
    cellOpen: (where: string) => `${where}: ô không đóng thẻ`,
    valueOpen: (where: string) => `${where}: thẻ giá trị không đóng`,
    stringOpen: (where: string) => `${where}: thẻ chuỗi không đóng`,
    tagOpen: (where: string) => `${where}: thẻ không đóng`,
    tooManyCells: (where: string, max: number) => `${where} có hơn ${formatNumberVi(max)} ô dữ liệu, vượt giới hạn`,
    tooLargeArea: (where: string, height: number, width: number, max: number) =>
      `${where} có vùng dữ liệu ${formatNumberVi(height)} dòng × ${formatNumberVi(width)} cột, vượt giới hạn ${formatNumberVi(max)} ô`,
    missingSharedStrings: (where: string, cells: number) => `${where}: ${String(cells)} ô trỏ tới chuỗi dùng chung không tồn tại (để trống)`,
    outsideGrid: (where: string, cells: number, maxRows: number) =>
      `${where}: bỏ qua ${formatNumberVi(cells)} ô có địa chỉ nằm ngoài bảng tính Excel (quá cột XFD hoặc quá dòng ${formatNumberVi(maxRows)})`,
    cut: (where: string, cells: number, maxChars: number, first: string) =>
      `${where}: ${formatNumberVi(cells)} ô dài hơn ${formatNumberVi(maxChars)} ký tự, chỉ giữ ${formatNumberVi(maxChars)} ký tự đầu (${first})`,
    /** `area` is “ A1:J200” (with its leading space) or ''. */
    farCells: (where: string, cells: number, area: string, first: string) =>
      `${where}: bỏ qua ${formatNumberVi(cells)} ô nằm xa vùng dữ liệu${area} (đầu tiên: ${first})`,
    chartSheet: (name: string) => `bỏ qua trang biểu đồ “${name}”`,
    dialogSheet: (name: string) => `bỏ qua trang hộp thoại “${name}”`,
    macroSheet: (name: string) => `bỏ qua trang macro “${name}”`,
    noSheetContent: (name: string) => `không tìm thấy nội dung của trang “${name}”`,
    missingSheetPart: (part: string, name: string) => `thiếu phần ${part} của trang “${name}”`,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Command line (src/cli), continued: the list of what a run wrote, after CLI.written.

export const CLI_WRITTEN = {
  /** The reminders' folder and how many messages were put in it. */
  mailDir: (dir: string, messages: number) => `${dir}/ (${String(messages)} thư)`,
} as const;
