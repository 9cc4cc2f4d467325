/**
 * End to end, part two (bad input, send logs, staged outputs, mau and demo, size): the built command line (`bin/bdhvs.js` → build-node/cli.js, as `npx bdhvs` runs it) as a
 * child process, on workbooks written by other tools than our writer: write-excel-file (its
 * own zip and XML), LibreOffice Calc (test/fixtures/xlsx/libreoffice.xlsx) and plain CSV. The
 * outputs are read back by independent parsers: read-excel-file for tong-hop.xlsx, postal-mime
 * for the .eml files. Generated people only.
 *
 * `npm test` builds first; run `npm run build` before `npx jest test/cli/e2e.test.ts` alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { readCsv } from '../../src/cli/xlsx/csv';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { generateProvince, type GeneratedProvince } from '../../src/demo';
import { scaleTest } from '../helpers/scale';
import { buildXlsx, sheetXml } from '../fixtures/xlsx/handmade';

import { bdhvs, cccdsOf, leaks, readJson, useTmp, writeWithWriteExcelFile } from './e2e-helpers';

const tmpDir = useTmp();

describe('bad input: one Vietnamese line on stderr, exit 2, no stack trace, nothing written', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['tong-hop', join(tmpDir(), 'khong-co.xlsx')], /không tìm thấy tệp .*khong-co\.xlsx/],
    ['a text file', () => ['tong-hop', file('ghi-chu.txt', 'xin chào')], /là tệp văn bản: .*đổi phần mở rộng thành \.csv/],
    ['an old .xls renamed', () => ['tong-hop', file('cu.xlsx', Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(600), 'hex'))], /tệp \.xls cũ|mật khẩu/],
    [
      'random bytes named .xlsx',
      () => ['tong-hop', file('rac.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))],
      /không đọc được tệp .*rac\.xlsx.* như một bảng tính \.xlsx/,
    ],
    ['a truncated .xlsx', () => ['tong-hop', file('cut.xlsx', truncated())], /không đọc được tệp .*cut\.xlsx/],
    ['a directory', () => ['tong-hop', tmpDir()], /là thư mục/],
    ['a workbook with no table', () => ['tong-hop', noTable], /không tìm thấy bảng nào/],
    ['an unreadable cell', () => ['tong-hop', unreadable], /ô B2 của trang “Học viên”.* không đọc được/],
    [
      'a CSV that is not UTF-8',
      () => ['tong-hop', file('latin1.csv', Buffer.from('Họ và tên,Số CCCD\nLê Văn Á,038190001234\n', 'latin1'))],
      /không phải văn bản UTF-8/,
    ],
    ['a bad date', () => ['tong-hop', xlsxOk, '--today', '2026-13-01'], /ngày “2026-13-01” không hợp lệ/],
    ['an unknown option', () => ['tong-hop', xlsxOk, '--hom-nay', '2026-11-20'], /tham số không hợp lệ/],
    ['no input', () => ['tong-hop'], /cần ít nhất một tệp/],
  ];
  let noTable: string;
  let unreadable: string;
  let xlsxOk: string;
  let n = 0;
  const file = (name: string, data: string | Buffer) => {
    const p = join(tmpDir(), `bad-${n++}-${name}`);
    writeFileSync(p, data);
    return p;
  };
  const truncated = () => readFileSync(xlsxOk).subarray(0, Math.floor(readFileSync(xlsxOk).length / 2));

  beforeAll(async () => {
    xlsxOk = join(tmpDir(), 'ok-for-bad.xlsx');
    await writeWithWriteExcelFile(xlsxOk, generateProvince({ seed: 5, units: 8, learners: 100 }).snapshot);
    noTable = join(tmpDir(), 'no-table.xlsx');
    await writeWithWriteExcelFile(noTable, { sheets: [{ name: 'Ghi chú', values: [['Danh sách sẽ gửi sau'], ['Liên hệ: phòng CNTT']] }] });
    // a cell that points to a shared string the file does not have
    const ok = unzipSync(
      new Uint8Array(
        await writeXlsxFile([
          {
            sheet: 'Học viên',
            data: [
              [
                { value: 'Họ và tên', type: String },
                { value: 'Số CCCD', type: String },
              ],
              [
                { value: 'Lê Văn An', type: String },
                { value: '038190001234', type: String },
              ],
            ],
          },
        ] as never).toBuffer(),
      ),
    );
    const sheet = strFromU8(ok['xl/worksheets/sheet1.xml']);
    const b2 = sheet.match(/<c r="B2"[^>]*t="s"[^>]*><v>(\d+)<\/v>/);
    expect(b2).not.toBeNull();
    ok['xl/worksheets/sheet1.xml'] = Buffer.from(sheet.replace(b2![0], b2![0].replace(`<v>${b2![1]}</v>`, '<v>999</v>')));
    const { zipSync } = await import('fflate');
    unreadable = join(tmpDir(), 'unreadable.xlsx');
    writeFileSync(unreadable, zipSync(ok));
  });

  test.each(cases)('%s', (_label, args, message) => {
    const out = join(tmpDir(), `out-bad-${n++}`);
    const a = args();
    const r = bdhvs(a.includes('--out') ? a : [...a, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Lỗi: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError|undefined/);
    expect(existsSync(out)).toBe(false);
  });

  test('missing --out says so', () => {
    const r = bdhvs(['tong-hop', xlsxOk]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'Lỗi: cần chỉ định thư mục kết quả bằng --out THƯ_MỤC.\n' });
  });

  test('an unknown command says so', () => {
    const r = bdhvs(['tong-hợp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: không có lệnh “tong-hợp”/);
  });
});

describe('--send-log: reruns write no reminder twice', () => {
  let input: string;
  let gen: GeneratedProvince;
  beforeAll(async () => {
    gen = generateProvince({ seed: 9, units: 30, learners: 1500 });
    input = join(tmpDir(), 'log-tinh.xlsx');
    await writeWithWriteExcelFile(input, gen.snapshot);
  });

  test('first run writes every reminder and logs it; the rerun writes none; the log is a CSV in the sheet’s shape', () => {
    const log = join(tmpDir(), 'nhat-ky.csv');
    const first = bdhvs(['tong-hop', input, '--out', join(tmpDir(), 'log1'), '--today', gen.truth.today, '--send-log', log]);
    expect(first.code).toBe(0);
    const written = readdirSync(join(tmpDir(), 'log1', 'thu-nhac'));
    expect(written.length).toBe(gen.truth.reminders.length);
    const rows = readCsv(readFileSync(log, 'utf8'));
    expect(rows[0]).toEqual(['Thời gian', 'Kỳ', 'Ngày nhắc', 'Mã đơn vị', 'Người nhận', 'Loại thư', 'Trạng thái', 'Chi tiết', 'Khóa']);
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(gen.truth.reminders));
    expect(rows.length - 1).toBe(written.length);
    expect(leaks(readFileSync(log, 'utf8'), cccdsOf(gen.snapshot))).toEqual([]);

    const second = bdhvs(['tong-hop', input, '--out', join(tmpDir(), 'log2'), '--today', gen.truth.today, '--send-log', log]);
    expect(second.code).toBe(0);
    expect(existsSync(join(tmpDir(), 'log2', 'thu-nhac'))).toBe(false);
    expect(second.stdout).toContain(`${written.length} thư đã có trong nhật ký gửi thư, không ghi lại.`);
    expect(readCsv(readFileSync(log, 'utf8')).length).toBe(rows.length);
  });

  test('a CSV that is not a send log is refused, left unchanged, and nothing is written', () => {
    const other = join(tmpDir(), 'danh-sach.csv');
    const content = 'Họ và tên,Số CCCD\nLê Văn An,038190001234\n';
    writeFileSync(other, content);
    const out = join(tmpDir(), 'log-bad');
    const r = bdhvs(['tong-hop', input, '--out', out, '--today', gen.truth.today, '--send-log', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: nhật ký gửi thư .*danh-sach\.csv.* không có dòng tiêu đề/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(readFileSync(other, 'utf8')).toBe(content);
    expect(existsSync(out)).toBe(false);
  });
});

describe('an input of another type says what it is (issue 10 §8)', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['bang.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /Excel 97–2003 \(\.xls\)/],
    ['bang.ods', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }), /OpenDocument/],
    ['bang.xlsx.zip', zipSync({ 'bang.xlsx': strToU8('x') }), /tệp nén/],
    ['danh-sach.docx', zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': strToU8('<x/>') }), /văn bản Word/],
    ['bao-cao.pdf', strToU8('%PDF-1.7\n'), /PDF/],
    ['unicode.txt', new Uint8Array([0xff, 0xfe, 0x48, 0, 0x6f, 0]), /UTF-16/],
    ['bang.tsv', strToU8('STT\tHọ và tên\n1\tLê Văn An\n'), /tệp văn bản/],
  ];
  test.each(cases)('%s', (name, bytes, found) => {
    const file = join(tmpDir(), name);
    writeFileSync(file, bytes);
    const r = bdhvs(['tong-hop', file, '--out', join(tmpDir(), 'kieu-tep'), '--today', '2026-11-20']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(found);
    expect(lines[0]).toContain('.xlsx, .xlsm và .csv');
    expect(existsSync(join(tmpDir(), 'kieu-tep'))).toBe(false);
  });
});

describe('what a reader skips is reported, never dropped silently', () => {
  test('a chart sheet in an input becomes an INPUT_SKIPPED warning in tong-hop.json and Lỗi dữ liệu', () => {
    const file = join(tmpDir(), 'co-bieu-do.xlsx');
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Số căn cước công dân</t></is></c><c r="C1" t="inlineStr"><is><t>Đơn vị</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn An</t></is></c><c r="B2" t="inlineStr"><is><t>038085000111</t></is></c><c r="C2" t="inlineStr"><is><t>Sở Tài chính</t></is></c></row>';
    writeFileSync(
      file,
      buildXlsx({
        sheets: [
          { name: 'Học viên', xml: sheetXml(rows) },
          { name: 'Biểu đồ', xml: '<chartsheet/>', kind: 'chartsheet' },
        ],
      }),
    );
    const out = join(tmpDir(), 'bieu-do-out');
    const r = bdhvs(['tong-hop', file, '--out', out, '--today', '2026-11-20']);
    expect(r.code).toBe(0);
    const skipped = readJson(out).issues.filter((i) => i.code === 'INPUT_SKIPPED');
    expect(skipped).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/co-bieu-do\.xlsx.*Biểu đồ/) })]);
    const issuesSheet = readXlsx(readFileSync(join(out, 'tong-hop.xlsx'))).sheets.find((s) => s.name === 'Lỗi dữ liệu')!;
    expect(issuesSheet.values.some((row) => row.includes('INPUT_SKIPPED'))).toBe(true);
  });
});

describe('outputs appear whole or not at all (issue 10 §2, §3)', () => {
  let input: string;
  let gen: GeneratedProvince;
  beforeAll(async () => {
    gen = generateProvince({ seed: 10, units: 20, learners: 600 });
    input = join(tmpDir(), 'atomic-tinh.xlsx');
    await writeWithWriteExcelFile(input, gen.snapshot);
  });

  test('a rerun into a used --out on a non-reminder day replaces the earlier messages: two runs never mix', () => {
    const out = join(tmpDir(), 'atomic-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'ghi-chu.txt'), 'của người dùng');
    expect(bdhvs(['tong-hop', input, '--out', out, '--today', gen.truth.today]).code).toBe(0);
    expect(readdirSync(join(out, 'thu-nhac')).length).toBe(gen.truth.reminders.length);
    const r = bdhvs(['tong-hop', input, '--out', out, '--today', '2026-11-12']);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'tong-hop.json'), 'utf8'));
    expect(json.today).toBe('2026-11-12');
    expect(json.reminders).toEqual([]);
    expect(existsSync(join(out, 'thu-nhac'))).toBe(false);
    // the user's own file stays; no temporary folder is left beside --out
    expect(readFileSync(join(out, 'ghi-chu.txt'), 'utf8')).toBe('của người dùng');
    expect(readdirSync(tmpDir()).filter((n) => n.includes('.tam-'))).toEqual([]);
  });

  test('a sheet name Excel refuses (History.csv): exit 2, one Vietnamese line, the earlier outputs untouched', () => {
    const out = join(tmpDir(), 'atomic-refused');
    expect(bdhvs(['tong-hop', input, '--out', out, '--today', gen.truth.today]).code).toBe(0);
    const before = readFileSync(join(out, 'tong-hop.json'), 'utf8');
    const csv = join(tmpDir(), 'History.csv');
    writeFileSync(csv, 'STT,Họ và tên,Số căn cước công dân,Đơn vị,Trạng thái\n1,Lê Văn An,038085000111,Sở Tài chính,Hoàn thành\n');
    const r = bdhvs(['tong-hop', input, csv, '--out', out, '--today', '2026-11-12']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Lỗi: không tạo được tong-hop\.xlsx: .*History.*chưa ghi tệp nào\.$/)]);
    expect(readFileSync(join(out, 'tong-hop.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(out, 'thu-nhac')).length).toBe(gen.truth.reminders.length);
    expect(readdirSync(tmpDir()).filter((n) => n.includes('.tam-'))).toEqual([]);
  });

  test('a CSV wider than an Excel sheet (20,000 columns; 1,000,000 behaves the same): exit 2, one Vietnamese line, nothing written', () => {
    const csv = join(tmpDir(), 'rong.csv');
    writeFileSync(
      csv,
      `Họ và tên,Số căn cước công dân,Đơn vị,${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\nLê Văn An,038085000111,Sở Tài chính\n`,
    );
    const out = join(tmpDir(), 'atomic-wide');
    const r = bdhvs(['tong-hop', csv, '--out', out, '--today', '2026-11-20']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Lỗi: không tạo được tong-hop\.xlsx: .*16384 cột.*chưa ghi tệp nào\.$/)]);
    expect(existsSync(out)).toBe(false);
  });

  test('the send log is written after the messages: when they cannot be written, nothing is logged as written', () => {
    const log = join(tmpDir(), 'atomic-log.csv');
    const blocker = join(tmpDir(), 'atomic-blocked');
    writeFileSync(blocker, 'a file where --out should be a folder');
    const r = bdhvs(['tong-hop', input, '--out', blocker, '--today', gen.truth.today, '--send-log', log]);
    expect(r.code).toBe(2);
    expect(existsSync(log)).toBe(false);
    const ok = bdhvs(['tong-hop', input, '--out', join(tmpDir(), 'atomic-unblocked'), '--today', gen.truth.today, '--send-log', log]);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(tmpDir(), 'atomic-unblocked', 'thu-nhac')).length).toBe(gen.truth.reminders.length);
    expect(readCsv(readFileSync(log, 'utf8')).length - 1).toBe(gen.truth.reminders.length);
  });
});

describe('mau and demo', () => {
  test('mau writes the template: sheets, text CCCD column, dropdowns, frozen header; it consolidates as an empty province', async () => {
    const file = join(tmpDir(), 'mau.xlsx');
    const r = bdhvs(['mau', file, '--nam', '2026']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const sheets = await readXlsxFile(readFileSync(file), { trim: false });
    expect(sheets.map((s) => s.sheet)).toEqual(expect.arrayContaining(['Cấu hình', 'Chỉ tiêu', 'Đơn vị', 'Học viên', 'Báo cáo tháng', 'Kết quả nền tảng']));
    const learners = sheets.find((s) => s.sheet === 'Học viên')!.data;
    const headerRow = learners.findIndex((row) => row.includes('Số căn cước công dân'));
    expect(headerRow).toBeGreaterThanOrEqual(0);
    const files = unzipSync(new Uint8Array(readFileSync(file)));
    const wb = strFromU8(files['xl/workbook.xml']);
    const idx = [...wb.matchAll(/<sheet [^>]*name="([^"]+)"/g)].findIndex((m) => m[1] === 'Học viên');
    const xml = strFromU8(files[`xl/worksheets/sheet${idx + 1}.xml`]);
    expect(xml).toMatch(/<pane [^>]*state="frozen"/);
    expect(xml).toContain('<dataValidations');
    expect(xml).toContain('Hoàn thành');
    // the CCCD column's style is text (@, numFmtId 49)
    const col = learners[headerRow].indexOf('Số căn cước công dân') + 1;
    const colTag = [...xml.matchAll(/<col [^>]*min="(\d+)" max="(\d+)"[^>]*style="(\d+)"/g)].find((m) => +m[1] <= col && col <= +m[2]);
    expect(colTag).toBeDefined();
    const xfs = [
      ...strFromU8(files['xl/styles.xml'])
        .split('<cellXfs')[1]
        .matchAll(/<xf [^>]*numFmtId="(\d+)"/g),
    ].map((m) => m[1]);
    expect(xfs[+colTag![3]]).toBe('49');

    const t = bdhvs(['tong-hop', file, '--out', join(tmpDir(), 'mau-out'), '--today', '2026-11-20']);
    expect({ code: t.code, stderr: t.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readJson(join(tmpDir(), 'mau-out')).units).toEqual([]);
  });

  test('demo generates a province, consolidates it and prints the summary', () => {
    const out = join(tmpDir(), 'demo');
    const r = bdhvs(['demo', '--out', out, '--units', '20', '--learners', '800', '--seed', '3']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Đang tạo tỉnh mẫu: 20 đơn vị, 800 dòng học viên');
    expect(r.stdout).toContain('TỔNG HỢP KỲ 11/2026');
    expect(r.stdout).toMatch(/Dòng học viên\s+800/);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['tinh-mau.xlsx', 'tong-hop.json', 'tong-hop.xlsx']));
  });

  test('--help on each command, in Vietnamese', () => {
    for (const c of ['mau', 'demo', 'tong-hop']) {
      const r = bdhvs([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`bdhvs ${c}`);
    }
    expect(bdhvs(['--help']).stdout).toContain('Cách dùng:');
  });
});

describe('size', () => {
  scaleTest('tong-hop on a generated 100,000-learner-row .xlsx: under 15 s', () => {
    const { snapshot } = generateProvince({ seed: 100, units: 250, learners: 100_000 });
    const input = join(tmpDir(), 'tinh-100k.xlsx');
    writeFileSync(input, writeXlsx({ sheets: snapshot.sheets.map((s) => ({ name: s.name, rows: s.values })) }));
    const started = Date.now();
    const r = bdhvs(['tong-hop', input, '--out', join(tmpDir(), 'out-100k'), '--today', '2026-11-20'], {
      node: ['--require', join(__dirname, '../helpers/peak-rss.js')],
    });
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(0);
    const peak = Number(/peak-rss-mb=(\d+)/.exec(r.stderr)?.[1]);
    console.log(`CLI tong-hop 100,000 rows: ${seconds.toFixed(1)} s, peak RSS ${peak} MB`);
    expect(r.stdout).toMatch(/Dòng học viên\s+100\.000/);
    expect(seconds).toBeLessThan(15);
  });
});
