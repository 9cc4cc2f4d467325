/** The CLI's sheet specs from the core's grids: header row heights for wrapped text. */
import { wrappedRowHeight } from '../../src/cli/sheets';

test('a header row gets a line per wrapped line of its longest cell, at most four', () => {
  expect(wrappedRowHeight(['Mã', 'Tên đơn vị'], [10, 30])).toBe(15);
  // "CBCCVC: mục tiêu" in a 13-character column: two lines
  expect(wrappedRowHeight(['CBCCVC: mục tiêu'], [13])).toBe(30);
  expect(wrappedRowHeight(['Số người dân trưởng thành đã hoàn thành khóa học'], [12])).toBe(60);
  expect(wrappedRowHeight(['một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba'], [4])).toBe(60);
  expect(wrappedRowHeight([12, '', null], [5, 5, 5])).toBe(15);
});
