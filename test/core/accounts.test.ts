/** The list for account creation (seed 001): which rows, in which form, for which unit. */
import { accountList, AccountListError, ACCOUNT_CCCD_COLUMN, ACCOUNT_HEADER_ROW } from '../../src/core/accounts';
import { consolidate } from '../../src/core/consolidate';
import { ACCOUNT_LIST } from '../../src/core/messages';
import { SHEET } from '../../src/core/schema';
import type { Cell, Snapshot } from '../../src/core/types';
import { learner, workbook, type WorkbookSpec } from '../helpers/workbook';

const TODAY = '2026-11-20';

function build(spec: WorkbookSpec, unit?: string) {
  const snapshot = workbook(spec);
  const report = consolidate(snapshot, { today: TODAY });
  return { snapshot, report, grid: accountList(snapshot, report, { unit }) };
}

const dataOf = (rows: Cell[][]) => rows.slice(ACCOUNT_HEADER_ROW + 1);

describe('accountList', () => {
  it('has the template of seed 001: title, blank row, header, then STT 1..n', () => {
    const { grid } = build({ learners: [learner({ name: 'Lê Thị Hoa', email: 'hoa@example.gov.vn', cccd: '038185000111', department: 'Phòng Kế hoạch' })] });
    expect(grid.name).toBe('Danh sách tạo tài khoản');
    expect(grid.rows[0][0]).toBe('DANH SÁCH HỌC VIÊN THAM GIA KHÓA HỌC TRÊN NỀN TẢNG “BÌNH DÂN HỌC VỤ SỐ” NĂM 2026');
    expect(grid.rows[1].every((c) => c === '')).toBe(true);
    expect(grid.rows[2]).toEqual(['STT', 'Họ và Tên', 'Email', 'Số căn cước Công dân', 'Phòng/ban', 'Đơn vị']);
    expect(dataOf(grid.rows)).toEqual([[1, 'Lê Thị Hoa', 'hoa@example.gov.vn', '038185000111', 'Phòng Kế hoạch', 'Sở Tài chính']]);
    expect(grid.rows.every((r) => r.length === grid.width)).toBe(true);
    expect(grid.textColumns).toContain(ACCOUNT_CCCD_COLUMN);
    expect(grid.frozenRows).toBe(3);
    expect(grid.counts).toEqual({ exported: 1, invalid: 0, duplicates: 0 });
  });

  it('leaves out invalid rows and later occurrences of a CCCD, keeps the first and the rows with warnings, renumbers STT', () => {
    const rows = [
      learner({ name: 'Nguyễn Văn Một', cccd: '038085000001' }), // row 2: kept
      learner({ name: '' }), // row 3: NAME_MISSING
      learner({ name: 'Nguyễn Văn Hai', cccd: '038085000001' }), // row 4: CCCD_DUPLICATE of row 2
      learner({ name: 'Nguyễn Văn Ba', cccd: '03808500000' }), // row 5: CCCD_FORMAT
      learner({ name: 'Nguyễn Văn Bốn', email: 'bon@gmail.con' }), // row 6: EMAIL_TYPO, a warning: kept
      [7, '', '', '', '', '', '', '', '', ''], // row 7: blank (STT only): not counted
      learner({ name: 'Nguyễn Văn Năm', unit: 'Sở Ngoại vụ' }), // row 8: UNIT_UNKNOWN
    ];
    const { grid, report } = build({ learners: rows });
    const codes = (row: number) => report.issues.filter((i) => i.sheet === 'Học viên' && i.row === row).map((i) => i.code);
    expect(codes(4)).toContain('CCCD_DUPLICATE');
    expect(codes(6)).toEqual(['EMAIL_TYPO']);
    const data = dataOf(grid.rows);
    expect(data.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Nguyễn Văn Một'],
      [2, 'Nguyễn Văn Bốn'],
    ]);
    expect(data[1][2]).toBe('bon@gmail.con'); // as typed
    expect(grid.counts).toEqual({ exported: 2, invalid: 4, duplicates: 1 });
    // the same numbers as the report's counts
    expect(grid.counts.invalid).toBe(report.province.learners.invalid);
    expect(grid.counts.duplicates).toBe(report.province.learners.duplicates);
  });

  it('pads a CCCD stored as a number back to 12-digit text', () => {
    const { grid, report } = build({ learners: [learner({ cccd: 38085000123 }), learner({ cccd: 1085000124 })] });
    expect(report.issues.map((i) => i.code)).toEqual(['CCCD_NUMERIC_CELL', 'CCCD_NUMERIC_CELL']);
    const cccds = dataOf(grid.rows).map((r) => r[ACCOUNT_CCCD_COLUMN]);
    expect(cccds).toEqual(['038085000123', '001085000124']);
    for (const c of cccds) expect(typeof c).toBe('string');
  });

  it('writes the registered unit name the row resolved to, names and e-mails trimmed and in NFC', () => {
    const { grid } = build({
      learners: [learner({ name: '  Trần Thị Hoa '.normalize('NFD'), email: ' hoa@example.gov.vn ', unit: 'so01' }), learner({ unit: 'ubnd xa yen dinh' })],
    });
    const data = dataOf(grid.rows);
    expect(data[0][1]).toBe('Trần Thị Hoa'.normalize('NFC'));
    expect(data[0][1]).not.toBe('Trần Thị Hoa'.normalize('NFD'));
    expect(data[0][2]).toBe('hoa@example.gov.vn');
    expect(data.map((r) => r[5])).toEqual(['Sở Tài chính', 'UBND xã Yên Định']);
  });

  it('keeps a value that looks like a formula as text, in a text column', () => {
    const { grid } = build({ learners: [learner({ department: '=HYPERLINK("http://x.example","bấm")' }), learner({ department: '+84 Phòng A' })] });
    const data = dataOf(grid.rows);
    expect(data.map((r) => r[4])).toEqual(['=HYPERLINK("http://x.example","bấm")', '+84 Phòng A']);
    expect(grid.textColumns).toContain(4);
  });

  describe('one unit', () => {
    // Học viên: rows of three units; a per-unit tab "TR01" without a Đơn vị column.
    const spec: WorkbookSpec = {
      learners: [
        learner({ name: 'Phạm Văn Sở' }),
        learner({ name: 'Phạm Văn Xã', unit: 'XA001' }),
        learner({ name: 'Phạm Văn Trường', unit: 'Trường THPT Lê Lợi' }),
      ],
      extra: [
        {
          name: 'TR01',
          values: [
            ['STT', 'Họ và tên', 'Email', 'Số căn cước công dân', 'Phòng/ban'],
            [1, 'Đỗ Thị Tab', 'tab@example.edu.vn', '038190000777', 'Tổ Toán'],
            [2, 'Đỗ Thị Lỗi', 'loi@example.edu.vn', '', 'Tổ Văn'],
          ],
        },
      ],
    };

    it('by code: only that unit, with the rows of its own tab (owned by the tab, no Đơn vị cell)', () => {
      const { grid, report } = build(spec, 'TR01');
      expect(report.tables.find((t) => t.sheet === 'TR01')?.unit).toBe('TR01');
      expect(dataOf(grid.rows)).toEqual([
        [1, 'Phạm Văn Trường', expect.any(String), expect.any(String), 'Văn phòng', 'Trường THPT Lê Lợi'],
        [2, 'Đỗ Thị Tab', 'tab@example.edu.vn', '038190000777', 'Tổ Toán', 'Trường THPT Lê Lợi'],
      ]);
      expect(grid.unit).toEqual({ code: 'TR01', name: 'Trường THPT Lê Lợi' });
      expect(grid.counts).toEqual({ exported: 2, invalid: 1, duplicates: 0 });
    });

    it('by name, typed loosely like a unit cell', () => {
      const { grid } = build(spec, '  xã yên định ');
      expect(dataOf(grid.rows).map((r) => r[1])).toEqual(['Phạm Văn Xã']);
    });

    it('blank: every unit', () => {
      const { grid } = build(spec, '  ');
      expect(dataOf(grid.rows).map((r) => r[1])).toEqual(['Phạm Văn Sở', 'Phạm Văn Xã', 'Phạm Văn Trường', 'Đỗ Thị Tab']);
      expect(grid.unit).toBeNull();
    });

    it('an unknown unit is a typed error with a Vietnamese message and a suggestion', () => {
      let err: unknown;
      try {
        build(spec, 'Trường THPT Lê Lơi x');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AccountListError);
      const e = err as AccountListError;
      expect(e.code).toBe('UNIT_UNKNOWN');
      expect(e.value).toBe('Trường THPT Lê Lơi x');
      expect(e.suggestion).toBe('Trường THPT Lê Lợi');
      expect(e.message).toBe(ACCOUNT_LIST.unknownUnit('Trường THPT Lê Lơi x', 'Trường THPT Lê Lợi'));
      expect(e.message).toContain('“Trường THPT Lê Lơi x”');
      expect(() => build(spec, 'ZZZ999')).toThrow(AccountListError);
    });
  });

  it('a name two units have is ambiguous: a typed error listing both with their codes; a code still selects one', () => {
    const spec: WorkbookSpec = {
      units: [
        { code: 'TH01', name: 'Trường Tiểu học Hòa Bình', type: 'Trường' },
        { code: 'TH02', name: 'Trường Tiểu học Hòa Bình', type: 'Trường' },
      ],
      learners: [learner({ name: 'Phạm Văn Một', unit: 'TH01', group: 'Học sinh' }), learner({ name: 'Phạm Văn Hai', unit: 'TH02', group: 'Học sinh' })],
    };
    let err: unknown;
    try {
      build(spec, 'trường tiểu học hoà bình');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AccountListError);
    const e = err as AccountListError;
    expect(e.candidates).toEqual(['Trường Tiểu học Hòa Bình – mã TH01', 'Trường Tiểu học Hòa Bình – mã TH02']);
    expect(e.message).toContain('khớp với nhiều đơn vị trong trang “Đơn vị” (“Trường Tiểu học Hòa Bình – mã TH01”, “Trường Tiểu học Hòa Bình – mã TH02”)');
    expect(e.message).not.toContain('có phải');
    expect(dataOf(build(spec, 'TH02').grid.rows).map((r) => r[1])).toEqual(['Phạm Văn Hai']);
  });

  it('without a registry, units are the distinct Đơn vị texts, as the engine derives them', () => {
    const { grid } = build({ units: null, learners: [learner({ unit: 'Công ty Hoa Sen' }), learner({ unit: 'công ty hoa sen' })] }, 'Công ty Hoa Sen');
    expect(dataOf(grid.rows).map((r) => r[5])).toEqual(['Công ty Hoa Sen', 'Công ty Hoa Sen']);
  });

  it('the written list is never read back as a learner table', () => {
    const { snapshot, report, grid } = build({ learners: [learner({}), learner({})] });
    const again: Snapshot = { sheets: [...snapshot.sheets, { name: SHEET.accounts, values: grid.rows }] };
    const report2 = consolidate(again, { today: TODAY });
    expect(report2.province.learners).toEqual(report.province.learners);
    expect(report2.tables.map((t) => t.sheet)).toEqual(report.tables.map((t) => t.sheet));
  });
});
