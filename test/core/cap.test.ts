/** capIssueRows: the one cap of `Lỗi dữ liệu` both adapters use (cell limit in Sheets, row limit in .xlsx). */
import { capIssueRows, renderIssues } from '../../src/core/render';
import { learner, run } from '../helpers/workbook';

test('keeps the header and the first issues, and a last row saying how many are not listed', () => {
  const r = run({ learners: Array.from({ length: 30 }, () => learner({ email: 'sai' })) });
  const grid = renderIssues(r);
  expect(grid.rows.length).toBeGreaterThan(20);
  expect(capIssueRows(grid, grid.rows.length, () => 'x')).toBe(grid);
  const cut = capIssueRows(grid, 10, (left) => `… và ${left} dòng khác`);
  expect(cut.rows).toHaveLength(10);
  expect(cut.rows.slice(0, 9)).toEqual(grid.rows.slice(0, 9));
  expect(cut.rows[9][0]).toBe(`… và ${grid.rows.length - 9} dòng khác`);
  expect(cut.rows[9]).toHaveLength(grid.width);
  expect(cut.fills.every(([row]) => row < 9)).toBe(true);
});
