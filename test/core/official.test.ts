/**
 * The official report's document model (src/core/official.ts): every figure is the report's, as
 * the core formats it; the blocks of Nghị định 30/2020 in order; the `Cấu hình` keys, their
 * defaults (derived from Tên Sở, else a placeholder the user sees) and bad values; units named,
 * never their focal points; no CCCD anywhere.
 */
import {
  consolidate,
  officialDocument,
  paragraphText,
  splitDepartment,
  type OfficialParagraph,
  type OfficialTable,
  type Report,
  type Snapshot,
} from '../../src/core';
import { formatNumberVi, formatPercentVi, INDICATOR_STATUS_LABEL, OFFICIAL, REASON_LABEL } from '../../src/core/messages';
import { CONFIG_KEYS, INDICATORS, SHEET } from '../../src/core/schema';
import { generateProvince } from '../../src/demo';

const TODAY = '2026-11-20';
const province = generateProvince({ seed: 3, units: 40, learners: 1500, today: TODAY });

function withConfig(rows: [string, unknown][], snapshot: Snapshot = province.snapshot): Snapshot {
  return {
    sheets: snapshot.sheets.map((s) => (s.name === SHEET.config ? { ...s, values: [...s.values, ...rows.map(([k, v]) => [k, v as string])] } : s)),
  };
}

const paragraphs = (blocks: ReturnType<typeof officialDocument>['blocks']): OfficialParagraph[] =>
  blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flat(2)));
const byRole = (doc: ReturnType<typeof officialDocument>, role: OfficialParagraph['role']) =>
  paragraphs(doc.blocks)
    .filter((p) => p.role === role)
    .map(paragraphText);
function table(doc: ReturnType<typeof officialDocument>, role: OfficialTable['role']): OfficialTable {
  const t = doc.blocks.find((b): b is OfficialTable => b.kind === 'table' && b.role === role);
  if (!t) throw new Error(`no ${role} table`);
  return t;
}
const cellTexts = (t: OfficialTable) => t.rows.map((r) => r.map((c) => c.map(paragraphText).join('\n')));

describe('the demo province', () => {
  const report: Report = consolidate(province.snapshot, { today: TODAY });
  const doc = officialDocument(report);

  test('the blocks in the order of Nghị định 30/2020', () => {
    expect(doc.blocks[0]).toMatchObject({ kind: 'table', role: 'header', borders: false });
    const order = doc.blocks.map((b) => (b.kind === 'table' ? `table:${b.role}` : b.role)).filter((r) => r !== 'body' && r !== 'note');
    expect(order).toEqual([
      'table:header',
      'title',
      'subtitle',
      'addressee',
      'heading',
      'heading',
      'table:indicators',
      'heading',
      'table:completeness',
      'heading',
      'table:laggards',
      'heading',
      'heading',
      'closing',
      'table:signature',
    ]);
    expect(byRole(doc, 'heading')).toEqual(Object.values(OFFICIAL.sections));
    expect(doc.page).toEqual({ width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 });
    expect(doc.font).toBe('Times New Roman');
    expect(doc.pageNumbers).toBe('top-center-from-second');
  });

  test('the heading: issuing body derived from Tên Sở, Quốc hiệu and Tiêu ngữ, Số, place and date', () => {
    expect(report.settings.departmentName).toBe('Sở Khoa học và Công nghệ tỉnh Thanh Hóa');
    expect(byRole(doc, 'parent')).toEqual(['UBND TỈNH THANH HÓA']);
    expect(byRole(doc, 'department')).toEqual(['SỞ KHOA HỌC VÀ CÔNG NGHỆ']);
    expect(byRole(doc, 'national')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(byRole(doc, 'motto')).toEqual(['Độc lập - Tự do - Hạnh phúc']);
    expect(byRole(doc, 'number')).toEqual(['Số:        /BC-SKHCN']);
    expect(byRole(doc, 'date')).toEqual(['Thanh Hóa, ngày 20 tháng 11 năm 2026']);
    expect(byRole(doc, 'title')).toEqual(['BÁO CÁO']);
    expect(byRole(doc, 'subtitle')).toEqual(['Kết quả triển khai phong trào “Bình dân học vụ số” tháng 11/2026']);
    expect(byRole(doc, 'addressee')).toEqual(['Kính gửi: Chủ tịch UBND tỉnh.']);
    const motto = paragraphs(doc.blocks).filter((p) => p.role === 'motto');
    expect(motto.map((p) => [p.runs[0], p.size])).toEqual([[{ text: OFFICIAL.motto, bold: true, underline: true }, 13]]);
  });

  test('the indicator table: numerator, denominator, rate, target, evidence and status of every indicator, from the report', () => {
    const t = cellTexts(table(doc, 'indicators'));
    expect(t[0]).toEqual([...OFFICIAL.indicatorHeader]);
    const codes = INDICATORS.filter((c) => report.province.indicators[c]);
    expect(t).toHaveLength(codes.length + 1);
    codes.forEach((code, i) => {
      const v = report.province.indicators[code];
      if (!v) throw new Error(code);
      const dash = (x: number | null) => (x === null ? '—' : formatNumberVi(x));
      expect(t[i + 1]).toEqual([
        String(i + 1),
        report.settings.targets.find((x) => x.code === code)?.name,
        dash(v.numerator),
        dash(v.denominator),
        formatPercentVi(v.percent),
        formatPercentVi(v.target, 0),
        dash(v.evidenced),
        INDICATOR_STATUS_LABEL[v.status],
      ]);
    });
    // real figures: thousands with '.', decimals with ','
    expect(t.slice(1).some((r) => /^\d{1,3}(\.\d{3})+$/.test(r[3]))).toBe(true);
    expect(t.slice(1).some((r) => /^\d+,\d%$/.test(r[4]))).toBe(true);
    expect(table(doc, 'indicators').headerRows).toBe(1);
  });

  test('the general situation and reporting completeness quote the report’s counts', () => {
    const p = report.province;
    const body = byRole(doc, 'body').join('\n');
    for (const n of [
      report.units.length,
      p.learners.rows,
      p.learners.valid,
      p.learners.completed,
      p.learners.inProgress,
      p.learners.notStarted,
      p.learners.invalid,
      p.learners.duplicates,
      p.laggards,
    ])
      expect(body).toContain(formatNumberVi(n));
    const c = p.completeness;
    expect(body).toContain(
      OFFICIAL.completeness(
        'tháng 11/2026',
        formatNumberVi(c.expected),
        formatNumberVi(c.submitted),
        formatPercentVi(c.rate),
        formatNumberVi(c.onTime),
        formatPercentVi(c.onTimeRate),
        '25/11/2026',
      ),
    );
    const t = cellTexts(table(doc, 'completeness'));
    const total = t[t.length - 1];
    expect(total).toEqual([
      OFFICIAL.provinceRow,
      formatNumberVi(report.units.length),
      formatNumberVi(c.expected),
      formatNumberVi(c.submitted),
      formatNumberVi(c.onTime),
      formatPercentVi(c.rate),
      formatNumberVi(p.laggards),
    ]);
    // the unit-type rows add up to the province row
    const sum = (col: number) => t.slice(1, -1).reduce((a, r) => a + Number(r[col].replace(/\./g, '')), 0);
    for (const col of [1, 2, 3, 4, 6]) expect(sum(col)).toBe(Number(total[col].replace(/\./g, '')));
  });

  test('the units behind: every laggard unit by name with its reasons, no person named', () => {
    const laggards = report.units.filter((u) => u.laggard);
    expect(laggards.length).toBeGreaterThan(3);
    const t = cellTexts(table(doc, 'laggards'));
    expect(t.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
      laggards.map((u, i) => [String(i + 1), u.name, u.reasons.map((r) => REASON_LABEL[r]).join('; ')]),
    );
    const text = JSON.stringify(doc);
    for (const u of report.units) if (u.contactName) expect(text).not.toContain(u.contactName);
    for (const u of report.units) if (u.email) expect(text).not.toContain(u.email);
  });

  test('no CCCD anywhere: no 12-digit run, not even masked', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\d{12}/);
    expect(text).not.toMatch(/\d{3}\*{3,}\d{2}/);
  });

  test('empty free-text sections say where to write them; Nơi nhận and the signer by default', () => {
    expect(byRole(doc, 'body')).toContain(OFFICIAL.emptyText(CONFIG_KEYS.difficulties.label));
    expect(byRole(doc, 'body')).toContain(OFFICIAL.emptyText(CONFIG_KEYS.proposals.label));
    expect(byRole(doc, 'recipient')).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(byRole(doc, 'signer-title')).toEqual(['GIÁM ĐỐC']);
    expect(byRole(doc, 'signer-name')).toEqual([OFFICIAL.signerPlaceholder]);
    expect(byRole(doc, 'closing')).toEqual([
      'Trên đây là báo cáo của Sở Khoa học và Công nghệ tỉnh Thanh Hóa, kính báo cáo Chủ tịch UBND tỉnh xem xét, chỉ đạo./.',
    ]);
  });
});

test('the Cấu hình keys of the report: each one where the decree puts it', () => {
  const snap = withConfig([
    ['Cơ quan chủ quản', 'UBND tỉnh Nghệ An'],
    ['Địa danh', 'Nghệ An'],
    ['Ký hiệu báo cáo', 'BC-SKHCN.CĐS'],
    ['Kính gửi', 'Ban Chỉ đạo tỉnh về chuyển đổi số'],
    ['Nơi nhận', '- Như trên;\n- Bộ Khoa học và Công nghệ (b/c);\n- Lưu: VT, CĐS.'],
    ['Chức vụ người ký', 'Phó Giám đốc'],
    ['Người ký', 'Nguyễn Văn Ký'],
    ['Khó khăn, vướng mắc', 'Một số xã chưa có cán bộ chuyên trách.\n\nNền tảng học trực tuyến còn chậm.'],
    ['Đề xuất, kiến nghị', 'Đề nghị UBND tỉnh chỉ đạo các xã cập nhật số liệu đúng hạn.'],
  ]);
  const report = consolidate(snap, { today: '2026-02-05' });
  expect(report.issues.filter((i) => i.code === 'CONFIG_INVALID')).toEqual([]);
  const doc = officialDocument(report);
  expect(byRole(doc, 'parent')).toEqual(['UBND TỈNH NGHỆ AN']);
  expect(byRole(doc, 'number')).toEqual(['Số:        /BC-SKHCN.CĐS']);
  // ND 30: a day below 10 and the months 1 and 2 take a leading zero
  expect(byRole(doc, 'date')).toEqual(['Nghệ An, ngày 05 tháng 02 năm 2026']);
  expect(byRole(doc, 'addressee')).toEqual(['Kính gửi: Ban Chỉ đạo tỉnh về chuyển đổi số.']);
  expect(byRole(doc, 'recipient')).toEqual(['- Như trên;', '- Bộ Khoa học và Công nghệ (b/c);', '- Lưu: VT, CĐS.']);
  expect(byRole(doc, 'signer-title')).toEqual(['PHÓ GIÁM ĐỐC']);
  expect(byRole(doc, 'signer-name')).toEqual(['Nguyễn Văn Ký']);
  const body = byRole(doc, 'body');
  const v = body.indexOf('Một số xã chưa có cán bộ chuyên trách.');
  expect(body.slice(v, v + 3)).toEqual([
    'Một số xã chưa có cán bộ chuyên trách.',
    'Nền tảng học trực tuyến còn chậm.',
    'Đề nghị UBND tỉnh chỉ đạo các xã cập nhật số liệu đúng hạn.',
  ]);
});

test('without a province in Tên Sở or Cơ quan chủ quản: placeholders the user sees and fills', () => {
  const snap = withConfig([]);
  const sheets = snap.sheets.map((s) =>
    s.name === SHEET.config ? { ...s, values: s.values.map((r) => (r[0] === CONFIG_KEYS.departmentName.label ? [r[0], 'Sở Khoa học và Công nghệ'] : r)) } : s,
  );
  const doc = officialDocument(consolidate({ sheets }, { today: '2026-12-03' }));
  expect(byRole(doc, 'parent')).toEqual([OFFICIAL.parentPlaceholder]);
  expect(byRole(doc, 'department')).toEqual(['SỞ KHOA HỌC VÀ CÔNG NGHỆ']);
  expect(byRole(doc, 'date')).toEqual(['……, ngày 03 tháng 12 năm 2026']);
});

test('bad values: a CONFIG_INVALID issue each, and the default is used', () => {
  const snap = withConfig([
    ['Ký hiệu báo cáo', 'BC SKHCN'],
    ['Kính gửi', true],
  ]);
  const report = consolidate(snap, { today: TODAY });
  const bad = report.issues.filter((i) => i.code === 'CONFIG_INVALID');
  expect(bad.map((i) => i.column)).toEqual(['Ký hiệu báo cáo', 'Kính gửi']);
  expect(report.settings.reportSymbol).toBe('BC-SKHCN');
  expect(report.settings.addressee).toBe('Chủ tịch UBND tỉnh');
  // blank keeps the defaults of the decree's blocks
  const blank = consolidate(
    withConfig([
      ['Nơi nhận', ''],
      ['Chức vụ người ký', ''],
    ]),
    { today: TODAY },
  );
  expect(blank.settings.recipients).toEqual(['Như trên', 'Lưu: VT']);
  expect(blank.settings.signerTitle).toBe('GIÁM ĐỐC');
});

test('a quarterly cycle: the title names the quarter', () => {
  const doc = officialDocument(consolidate(withConfig([['Chu kỳ báo cáo', 'Quý']]), { today: TODAY }));
  expect(byRole(doc, 'subtitle')).toEqual(['Kết quả triển khai phong trào “Bình dân học vụ số” quý IV/2026']);
  expect(doc.title).toBe('Báo cáo kết quả Bình dân học vụ số Quý IV-2026');
});

test('splitDepartment: the province out of Tên Sở', () => {
  expect(splitDepartment('Sở Khoa học và Công nghệ tỉnh Thanh Hóa')).toEqual({ agency: 'Sở Khoa học và Công nghệ', kind: 'tỉnh', province: 'Thanh Hóa' });
  expect(splitDepartment('Sở Khoa học và Công nghệ thành phố Hải Phòng')).toEqual({
    agency: 'Sở Khoa học và Công nghệ',
    kind: 'thành phố',
    province: 'Hải Phòng',
  });
  expect(splitDepartment('Sở Khoa học và Công nghệ TP. Huế')).toEqual({ agency: 'Sở Khoa học và Công nghệ', kind: 'thành phố', province: 'Huế' });
  expect(splitDepartment('Sở Khoa học và Công nghệ')).toEqual({ agency: 'Sở Khoa học và Công nghệ', kind: null, province: null });
});
