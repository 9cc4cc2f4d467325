/**
 * Committed fixture saved by LibreOffice Calc 7.4 (test/fixtures/xlsx/libreoffice.xlsx, made by
 * make-libreoffice-fixture.py): dates, CCCDs as number and as text, Vietnamese in NFC and NFD,
 * formulas, an empty row, a title row above the header, a hidden sheet. Generated people only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../src/cli/xlsx/read';

const H = 3_600_000;
const vn = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - 7 * H);
const nfd = (s: string) => s.normalize('NFD');

test('libreoffice.xlsx reads exactly as Google Sheets would give it', () => {
  const { sheets, warnings } = readXlsx(new Uint8Array(readFileSync(join(__dirname, '../fixtures/xlsx/libreoffice.xlsx'))));
  expect(warnings).toEqual([]);
  expect(sheets.map((s) => [s.name, s.state])).toEqual([
    ['Học viên', undefined],
    ['Ẩn', 'hidden'],
    ['Cấu hình', undefined],
  ]);
  expect(sheets[0].values).toEqual([
    ['DANH SÁCH HỌC VIÊN BÌNH DÂN HỌC VỤ SỐ — XÃ TÂN PHÚ (dữ liệu giả lập)', '', '', '', '', '', '', ''],
    ['STT', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Đơn vị', 'Trạng thái', 'Ngày cập nhật', 'Điểm'],
    [1, 'Nguyễn Thị Hồng Nhung', '038123456789', vn(1990, 5, 17), 'UBND xã Tân Phú', 'Hoàn thành', vn(2026, 11, 20, 14, 35, 10), 8.5],
    [2, nfd('Trần Văn Đức'), 61002735721, vn(2001, 12, 31), nfd('Trường THCS Lê Lợi'), 'Chưa hoàn thành', vn(2026, 11, 21, 8), 17],
    ['', '', '', '', '', '', '', ''],
    [3, 'Lê Thị Yến  ', '001099012345', vn(1970, 1, 1), 'Công ty TNHH Ánh Dương & Cộng sự <HTX>', true, '', -0.25],
    [4, 'Phạm Quốc Bảo', 38123000000, vn(2000, 2, 29), 'Dòng 1\nDòng 2', false, vn(2026, 1, 1, 23, 59, 59), 'Lê Thị Yến  !'],
  ]);
  // NFD stays NFD, byte for byte
  expect(Buffer.from(sheets[0].values[3][1] as string).equals(Buffer.from(nfd('Trần Văn Đức'), 'utf8'))).toBe(true);
  expect(sheets[1].values).toEqual([
    ['Mã', 'Giá trị'],
    ['ẩn', 42],
  ]);
  expect(sheets[2].values).toEqual([
    ['Khóa', 'Giá trị'],
    ['Tỷ lệ', 0.853],
    ['Giờ họp', vn(1899, 12, 30, 9, 30)],
    ['Hạn báo cáo hằng tháng', 25],
  ]);
});
