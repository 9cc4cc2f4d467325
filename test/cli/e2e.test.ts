/**
 * End to end: the built command line (`bin/bdhvs.js` → build/cli.js, as `npx bdhvs` runs it) as a
 * child process, on workbooks written by other tools than our writer: write-excel-file (its
 * own zip and XML), LibreOffice Calc (test/fixtures/xlsx/libreoffice.xlsx) and plain CSV. The
 * outputs are read back by independent parsers: read-excel-file for tong-hop.xlsx, postal-mime
 * for the .eml files. Generated people only.
 *
 * `npm test` builds first; run `npm run build` before `npx jest test/cli/e2e.test.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import PostalMime from 'postal-mime';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { readCsv } from '../../src/cli/xlsx/csv';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { generateProvince, type GeneratedProvince } from '../../src/core/generator';
import type { Cell, Snapshot } from '../../src/core/types';
import { scaleTest } from '../helpers/scale';
import { buildXlsx, sheetXml } from '../fixtures/xlsx/handmade';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/bdhvs.js');
const OUTPUT_SHEETS = ['Tổng hợp', 'Lỗi dữ liệu'];
const H = 3_600_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bdhvs(args: string[], opts: { cwd?: string; node?: string[] } = {}): Run {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, BDHVS_DEBUG: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'build/cli.js'))) throw new Error('build/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = mkdtempSync(join(tmpdir(), 'bdhvs-e2e-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A snapshot as write-excel-file cells. write-excel-file turns a Date into a serial by its UTC
 * wall clock, while a sheet's serial is the wall clock of the workbook's zone (Asia/Ho_Chi_Minh),
 * so a date is handed over shifted by +7 h: the file then holds the serial Sheets would hold.
 */
function toWriteExcel(snapshot: Snapshot) {
  const cell = (v: Cell) => {
    if (v === '' || v === null || v === undefined) return null;
    if (v instanceof Date) return { value: new Date(v.getTime() + 7 * H), type: Date, format: 'dd/mm/yyyy hh:mm' };
    if (typeof v === 'number') return { value: v, type: Number };
    if (typeof v === 'boolean') return { value: v, type: Boolean };
    return { value: v, type: String };
  };
  return snapshot.sheets.map((s) => ({ sheet: s.name, data: s.values.map((r) => r.map(cell)) }));
}

async function writeWithWriteExcelFile(path: string, snapshot: Snapshot) {
  writeFileSync(path, await writeXlsxFile(toWriteExcel(snapshot) as never).toBuffer());
}

/** Every CCCD of the workbook as typed (12 digits) and as a number cell shows it (leading zeros lost). */
function cccdsOf(snapshot: Snapshot): Set<string> {
  const all = new Set<string>();
  for (const s of snapshot.sheets) {
    for (const row of s.values) {
      for (const v of row) {
        let digits = '';
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1e8 && v < 1e12) digits = String(v).padStart(12, '0');
        else if (typeof v === 'string') digits = v.replace(/[\s.\-\u00a0\u200b]/g, '');
        if (/^\d{12}$/.test(digits)) {
          all.add(digits);
          all.add(digits.replace(/^0+/, ''));
        }
      }
    }
  }
  return all;
}

/** The digit runs of a text that are one of `cccds` (a full CCCD leaked). */
function leaks(text: string, cccds: Set<string>): string[] {
  return (text.match(/\d{9,12}/g) ?? []).filter((d) => cccds.has(d));
}

type Json = {
  period: string;
  today: string;
  units: { code: string; learners: unknown; reasons: string[]; laggard: boolean; indicators: Record<string, { numerator: number | null; denominator: number | null; source: string | null; status: string; reported: number | null; evidenced: number | null }> }[];
  province: { learners: unknown; indicators: Record<string, { numerator: number; denominator: number; reported: number; evidenced: number | null }>; completeness: { expected: number; submitted: number; onTime: number } };
  issues: { sheet?: string; row?: number; unit?: string; code: string; severity: string; message: string }[];
  reminders: { unit: string; to: string; kind: string; subject: string }[];
};

const readJson = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'tong-hop.json'), 'utf8'));

describe('tong-hop on a province written by write-excel-file', () => {
  let gen: GeneratedProvince;
  let input: string;
  let out: string;
  let run: Run;
  let json: Json;

  beforeAll(async () => {
    gen = generateProvince({ seed: 21, units: 40, learners: 3000, unitTabs: 3 });
    input = join(tmp, 'tinh.xlsx');
    out = join(tmp, 'ket-qua');
    await writeWithWriteExcelFile(input, gen.snapshot);
    run = bdhvs(['tong-hop', input, '--out', out, '--today', gen.truth.today]);
    json = readJson(out);
  });

  test('exit 0, a Vietnamese summary on stdout, nothing on stderr', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('TỔNG HỢP KỲ 11/2026 (ngày 20/11/2026)');
    expect(run.stdout).toContain(`Số đơn vị`);
    expect(run.stdout).toMatch(/Dòng học viên\s+3\.000/);
    expect(run.stdout).toContain('Chỉ tiêu toàn tỉnh');
    expect(readdirSync(out).sort()).toEqual(['thu-nhac', 'tong-hop.json', 'tong-hop.xlsx']);
  });

  test('tong-hop.json says what the generator injected', () => {
    const { truth } = gen;
    expect({ period: json.period, today: json.today }).toEqual({ period: truth.period, today: truth.today });
    expect(json.units.map((u) => u.code)).toEqual(Object.keys(truth.units));
    for (const u of json.units) {
      const t = truth.units[u.code];
      const indicators = Object.fromEntries(Object.entries(u.indicators).map(([k, v]) => [k, { numerator: v.numerator, denominator: v.denominator, source: v.source, status: v.status, reported: v.reported, evidenced: v.evidenced }]));
      expect({ unit: u.code, learners: u.learners, reasons: u.reasons, indicators }).toEqual({ unit: u.code, learners: t.learners, reasons: t.reasons, indicators: t.indicators });
    }
    expect(json.province.learners).toEqual(truth.province.learners);
    for (const [code, t] of Object.entries(truth.province.indicators)) {
      const p = json.province.indicators[code];
      expect({ code, numerator: p.numerator, denominator: p.denominator, reported: p.reported, evidenced: p.evidenced }).toEqual({ code, ...t });
    }
    const c = json.province.completeness;
    expect({ expected: c.expected, submitted: c.submitted, onTime: c.onTime }).toEqual(truth.province.completeness);
    const key = (i: { sheet?: string; row?: number; code: string }) => `${i.sheet}|${i.row}|${i.code}`;
    expect(json.issues.filter((i) => i.row !== undefined).map(key).sort()).toEqual(truth.rowIssues.map(key).sort());
    expect(json.reminders.map((r) => r.unit).sort()).toEqual(truth.reminders);
    expect(truth.reminders.length).toBeGreaterThan(0);
  });

  test('tong-hop.xlsx holds every input cell unchanged (read-excel-file and our reader), then the output sheets', async () => {
    const outBytes = readFileSync(join(out, 'tong-hop.xlsx'));
    const before = await readXlsxFile(readFileSync(input), { trim: false });
    const after = await readXlsxFile(outBytes, { trim: false });
    const names = gen.snapshot.sheets.map((s) => s.name);
    expect(after.map((s) => s.sheet)).toEqual([...names, ...OUTPUT_SHEETS]);
    for (const s of before) expect({ sheet: s.sheet, data: after.find((a) => a.sheet === s.sheet)!.data }).toEqual({ sheet: s.sheet, data: s.data });
    // and as the engine sees them: exactly the generated values (Dates, numbers, text)
    const ours = readXlsx(new Uint8Array(outBytes)).sheets;
    for (const s of gen.snapshot.sheets) {
      const got = ours.find((o) => o.name === s.name)!.values;
      const width = Math.max(...s.values.map((r) => r.length));
      const want = s.values.map((r) => [...r, ...Array(width - r.length).fill('')]);
      // trailing blank rows are not stored by any writer
      while (want.length && want[want.length - 1].every((v) => v === '')) want.pop();
      expect({ sheet: s.name, values: got }).toEqual({ sheet: s.name, values: want });
    }
    // the input sheets' XML parts are copied byte for byte
    const inFiles = unzipSync(new Uint8Array(readFileSync(input)));
    const outFiles = unzipSync(new Uint8Array(outBytes));
    const sheetParts = Object.keys(inFiles).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
    expect(sheetParts.length).toBe(names.length);
    for (const k of sheetParts) expect(Buffer.from(outFiles[k]).equals(Buffer.from(inFiles[k]))).toBe(true);
  });

  test('the output sheets: one row per unit in Tổng hợp, one per issue in Lỗi dữ liệu, formatted', async () => {
    const after = await readXlsxFile(readFileSync(join(out, 'tong-hop.xlsx')), { trim: false });
    const summary = after.find((s) => s.sheet === 'Tổng hợp')!.data;
    const flat = summary.map((r) => r.join('|')).join('\n');
    for (const u of json.units) expect(flat).toContain(u.code);
    const issues = after.find((s) => s.sheet === 'Lỗi dữ liệu')!.data;
    const rowsWithMessages = issues.filter((r) => r.some((v) => typeof v === 'string' && json.issues.some((i) => i.message === v)));
    expect(rowsWithMessages.length).toBe(json.issues.length);
    // frozen header and percent format on Tổng hợp (its part is the first after the input sheets)
    const files = unzipSync(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx'))));
    const summaryXml = strFromU8(files[`xl/worksheets/sheet${gen.snapshot.sheets.length + 1}.xml`]);
    expect(summaryXml).toMatch(/<pane [^>]*state="frozen"/);
    expect(summaryXml).toContain('<cols>');
    // wrapped header rows are tall enough for their text (LibreOffice does not grow them on open)
    expect(summaryXml).toMatch(/<row r="\d+" ht="(30|45|60)" customHeight="1">/);
    expect(strFromU8(files['xl/styles.xml'])).toMatch(/numFmtId="10"|formatCode="0\.0%"/);
  });

  test('one .eml per reminder, parsed by postal-mime: To, decoded Subject, plain text and HTML, CRLF', async () => {
    const dir = join(out, 'thu-nhac');
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(json.reminders.length);
    const seen = new Set<string>();
    for (const f of files) {
      const raw = readFileSync(join(dir, f));
      const text = raw.toString('latin1');
      expect(text).not.toMatch(/[^\r]\n/); // CRLF line ends only
      expect(text.split('\r\n').every((l) => l.length <= 998)).toBe(true);
      const mail = await PostalMime.parse(raw);
      const unit = mail.headers.find((h) => h.key === 'x-bdhvs-unit')!.value;
      const plan = json.reminders.find((r) => r.unit === unit)!;
      expect(plan).toBeDefined();
      seen.add(unit);
      expect(mail.to?.map((t) => (t as { address: string }).address)).toEqual([plan.to]);
      expect(mail.subject).toBe(plan.subject);
      expect(mail.subject).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      expect(mail.text).toMatch(/^Kính gửi: /);
      expect(mail.html).toContain('Kính gửi');
      expect(mail.from?.address).toBeTruthy();
      expect(mail.replyTo?.[0]?.address).toBe(mail.from?.address);
    }
    expect(seen.size).toBe(json.reminders.length);
  });

  test('no full CCCD outside the learner sheets: JSON, e-mails, stdout, output sheets', async () => {
    const cccds = cccdsOf(gen.snapshot);
    expect(cccds.size).toBeGreaterThan(3000);
    // control: the detector finds them where they belong (the learner sheets of the input)
    const learnerText = readXlsx(new Uint8Array(readFileSync(input))).sheets.find((s) => s.name === 'Học viên')!.values.map((r) => r.join('\t')).join('\n');
    expect(leaks(learnerText, cccds).length).toBeGreaterThan(1000);
    const texts: [string, string][] = [
      ['tong-hop.json', readFileSync(join(out, 'tong-hop.json'), 'utf8')],
      ['stdout', run.stdout],
    ];
    for (const f of readdirSync(join(out, 'thu-nhac'))) {
      const raw = readFileSync(join(out, 'thu-nhac', f));
      const mail = await PostalMime.parse(raw);
      texts.push([f, raw.toString('latin1')], [`${f} (text)`, mail.text ?? ''], [`${f} (html)`, mail.html ?? '']);
    }
    for (const s of readXlsx(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx')))).sheets.filter((s) => OUTPUT_SHEETS.includes(s.name))) {
      texts.push([s.name, s.values.map((r) => r.map((v) => (v instanceof Date ? '' : String(v))).join('\t')).join('\n')]);
    }
    for (const [where, text] of texts) expect({ where, leaks: leaks(text, cccds) }).toEqual({ where, leaks: [] });
    // CCCDs are referred to masked (the duplicates name both rows)
    expect(texts[0][1]).toMatch(/\d{3}\*{7}\d{2}/);
  });
});

describe('reruns and pipes', () => {
  test('tong-hop on its own tong-hop.xlsx replaces the output sheets instead of adding copies, and reports the same', async () => {
    const dir = join(tmp, 'rerun');
    const first = bdhvs(['demo', '--out', dir, '--units', '12', '--learners', '400', '--seed', '4']);
    expect(first.code).toBe(0);
    const firstJson = readJson(dir);
    const before = await readXlsxFile(readFileSync(join(dir, 'tong-hop.xlsx')), { trim: false });
    const again = bdhvs(['tong-hop', join(dir, 'tong-hop.xlsx'), '--out', dir, '--today', '2026-11-20']);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    const after = await readXlsxFile(readFileSync(join(dir, 'tong-hop.xlsx')), { trim: false });
    expect(after.map((s) => s.sheet)).toEqual(before.map((s) => s.sheet));
    for (const s of before) expect({ sheet: s.sheet, data: after.find((a) => a.sheet === s.sheet)!.data }).toEqual({ sheet: s.sheet, data: s.data });
    const json = readJson(dir);
    expect({ units: json.units, province: json.province, issues: json.issues }).toEqual({ units: firstJson.units, province: firstJson.province, issues: firstJson.issues });
  });

  test('a reader that stops early (| head) ends the command quietly', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" demo --out "${join(tmp, 'pipe')}" --units 5 --learners 100 | head -1`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Đang tạo tỉnh mẫu');
  });
});

describe('on a terminal', () => {
  // `script` (util-linux, on every Debian) gives the command a pseudo-terminal
  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? test : test.skip)('a progress bar on stderr, cleared before the summary', () => {
    const cmd = `"${process.execPath}" "${BIN}" demo --out "${join(tmp, 'tty')}" --units 30 --learners 5000`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Đang kiểm tra\s+\[#+\.*\]\s+\d+%/);
    expect(r.stdout).toMatch(/\r {60}\r/); // the bar is wiped
    expect(r.stdout).toContain('TỔNG HỢP KỲ 11/2026');
  });
});

describe('tong-hop on files saved by LibreOffice Calc', () => {
  test('a title row, number-cell CCCDs, NFD text and a hidden sheet: every cell kept, issues located', async () => {
    const input = join(ROOT, 'test/fixtures/xlsx/libreoffice.xlsx');
    const out = join(tmp, 'lo');
    const run = bdhvs(['tong-hop', input, '--out', out, '--today', '2026-11-20']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const before = await readXlsxFile(readFileSync(input), { trim: false });
    const after = await readXlsxFile(readFileSync(join(out, 'tong-hop.xlsx')), { trim: false });
    expect(after.map((s) => s.sheet)).toEqual(['Học viên', 'Ẩn', 'Cấu hình', ...OUTPUT_SHEETS]);
    for (const s of before) expect(after.find((a) => a.sheet === s.sheet)!.data).toEqual(s.data);
    const json = readJson(out);
    // row 4 holds the CCCD 061002735721 as a number cell (leading zero lost)
    const row4 = json.issues.filter((i) => i.sheet === 'Học viên' && i.row === 4).map((i) => i.code);
    expect(row4).toContain('CCCD_NUMERIC_CELL');
    expect(JSON.stringify(json)).not.toContain('61002735721');
    expect(JSON.stringify(json)).not.toContain('038123456789');
  });
});

describe('several files merge into one workbook', () => {
  test('a registry .xlsx and two units’ .csv files consolidate together; a person listed by both counts once', async () => {
    const dir = join(tmp, 'merge');
    mkdirSync(dir);
    const registry: Snapshot = {
      sheets: [
        {
          name: 'Đơn vị',
          values: [
            ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Họ tên đầu mối', 'Email đầu mối', 'Số người dân trưởng thành'],
            ['XA001', 'UBND xã Tân Phú', 'UBND xã/phường', 'Nguyễn Văn Minh', 'xa001@example.gov.vn', 1000],
            ['XA002', 'UBND xã Tân Lập', 'UBND xã/phường', 'Trần Thị Hoa', 'xa002@example.gov.vn', 800],
          ],
        },
      ],
    };
    await writeWithWriteExcelFile(join(dir, 'don-vi.xlsx'), registry);
    const header = 'STT,Họ và tên,Email,Số căn cước công dân,Nhóm đối tượng,Trạng thái';
    writeFileSync(
      join(dir, 'XA001.csv'),
      '\ufeff' + [header, '1,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành', '2,Lê Văn Hùng,hung.lv@gmail.com,038085004321,Người dân,Chưa hoàn thành', '3,"Phạm Thị Mai, Thu",mai.pt@gmail.com,038170009876,Người dân,Hoàn thành'].join('\r\n') + '\r\n',
    );
    writeFileSync(
      join(dir, 'XA002.csv'),
      [header, '1,Hoàng Văn Nam,nam.hv@gmail.com,038092001111,Người dân,Hoàn thành', '2,Đỗ Thị Hạnh,hanh.dt@gmail.com,038188002222,Người dân,Hoàn thành', '3,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành'].join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const run = bdhvs(['tong-hop', 'don-vi.xlsx', 'XA001.csv', 'XA002.csv', '--out', 'out', '--today', '2026-11-10'], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const json = readJson(out);
    const counts = Object.fromEntries(json.units.map((u) => [u.code, u.learners as { rows: number; duplicates: number }]));
    expect(counts.XA001).toMatchObject({ rows: 3, duplicates: 0 });
    expect(counts.XA002).toMatchObject({ rows: 3, duplicates: 1 });
    const dup = json.issues.filter((i) => i.code === 'CCCD_DUPLICATE');
    expect(dup.map((i) => [i.sheet, i.row])).toEqual([['XA002', 4]]);
    expect(dup[0].message).toContain('XA001');
    expect(dup[0].message).toContain('038*******34');
    // the merged workbook: every sheet of every file, then ours; CSV cells kept as text
    const sheets = readXlsx(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx')))).sheets;
    expect(sheets.map((s) => s.name)).toEqual(['Đơn vị', 'XA001', 'XA002', ...OUTPUT_SHEETS]);
    expect(sheets[1].values).toEqual(readCsv(readFileSync(join(dir, 'XA001.csv'), 'utf8').replace(/^\ufeff/, '')));
    expect(sheets[1].values[1][3]).toBe('038190001234');
    expect(sheets[0].values).toEqual(registry.sheets[0].values);
    // the first file, an .xlsx, is copied as it is: its sheet part byte for byte
    const inPart = unzipSync(new Uint8Array(readFileSync(join(dir, 'don-vi.xlsx'))))['xl/worksheets/sheet1.xml'];
    const outPart = unzipSync(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx'))))['xl/worksheets/sheet1.xml'];
    expect(Buffer.from(outPart).equals(Buffer.from(inPart))).toBe(true);
  });

  test('a CSV sheet is written with the text columns of the table the core found (CCCD), not a guess from a title row', () => {
    const dir = join(tmp, 'text-columns');
    mkdirSync(dir);
    // a title row mentioning CCCD above the header: the CCCD column is D, not the title's A
    writeFileSync(
      join(dir, 'XA001.csv'),
      ['Danh sách học viên (CCCD đủ 12 số),,,,,', 'STT,Họ và tên,Email,Số căn cước công dân,Nhóm đối tượng,Trạng thái', '1,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành'].join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const run = bdhvs(['tong-hop', 'XA001.csv', '--out', 'out', '--today', '2026-11-10'], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const parts = unzipSync(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx'))));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml']);
    const textCols = Array.from(xml.matchAll(/<col min="(\d+)" max="\d+"[^>]* style="\d+"/g)).map((m) => Number(m[1]));
    expect(textCols).toEqual([4]);
    expect(readXlsx(new Uint8Array(readFileSync(join(out, 'tong-hop.xlsx')))).sheets[0].values[2][3]).toBe('038190001234');
  });
});

describe('bad input: one Vietnamese line on stderr, exit 2, no stack trace, nothing written', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['tong-hop', join(tmp, 'khong-co.xlsx')], /không tìm thấy tệp .*khong-co\.xlsx/],
    ['a text file', () => ['tong-hop', file('ghi-chu.txt', 'xin chào')], /là tệp văn bản: .*đổi phần mở rộng thành \.csv/],
    ['an old .xls renamed', () => ['tong-hop', file('cu.xlsx', Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(600), 'hex'))], /tệp \.xls cũ|mật khẩu/],
    ['random bytes named .xlsx', () => ['tong-hop', file('rac.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))], /không đọc được tệp .*rac\.xlsx.* như một bảng tính \.xlsx/],
    ['a truncated .xlsx', () => ['tong-hop', file('cut.xlsx', truncated())], /không đọc được tệp .*cut\.xlsx/],
    ['a directory', () => ['tong-hop', tmp], /là thư mục/],
    ['a workbook with no table', () => ['tong-hop', noTable], /không tìm thấy bảng nào/],
    ['an unreadable cell', () => ['tong-hop', unreadable], /ô B2 của trang “Học viên”.* không đọc được/],
    ['a CSV that is not UTF-8', () => ['tong-hop', file('latin1.csv', Buffer.from('Họ và tên,Số CCCD\nLê Văn Á,038190001234\n', 'latin1'))], /không phải văn bản UTF-8/],
    ['a bad date', () => ['tong-hop', xlsxOk, '--today', '2026-13-01'], /ngày “2026-13-01” không hợp lệ/],
    ['an unknown option', () => ['tong-hop', xlsxOk, '--hom-nay', '2026-11-20'], /tham số không hợp lệ/],
    ['no input', () => ['tong-hop'], /cần ít nhất một tệp/],
  ];
  let noTable: string;
  let unreadable: string;
  let xlsxOk: string;
  let n = 0;
  const file = (name: string, data: string | Buffer) => {
    const p = join(tmp, `bad-${n++}-${name}`);
    writeFileSync(p, data);
    return p;
  };
  const truncated = () => readFileSync(xlsxOk).subarray(0, Math.floor(readFileSync(xlsxOk).length / 2));

  beforeAll(async () => {
    xlsxOk = join(tmp, 'ok-for-bad.xlsx');
    await writeWithWriteExcelFile(xlsxOk, generateProvince({ seed: 5, units: 8, learners: 100 }).snapshot);
    noTable = join(tmp, 'no-table.xlsx');
    await writeWithWriteExcelFile(noTable, { sheets: [{ name: 'Ghi chú', values: [['Danh sách sẽ gửi sau'], ['Liên hệ: phòng CNTT']] }] });
    // a cell that points to a shared string the file does not have
    const ok = unzipSync(new Uint8Array(await writeXlsxFile([{ sheet: 'Học viên', data: [[{ value: 'Họ và tên', type: String }, { value: 'Số CCCD', type: String }], [{ value: 'Lê Văn An', type: String }, { value: '038190001234', type: String }]] }] as never).toBuffer()));
    const sheet = strFromU8(ok['xl/worksheets/sheet1.xml']);
    const b2 = sheet.match(/<c r="B2"[^>]*t="s"[^>]*><v>(\d+)<\/v>/);
    expect(b2).not.toBeNull();
    ok['xl/worksheets/sheet1.xml'] = Buffer.from(sheet.replace(b2![0], b2![0].replace(`<v>${b2![1]}</v>`, '<v>999</v>')));
    const { zipSync } = await import('fflate');
    unreadable = join(tmp, 'unreadable.xlsx');
    writeFileSync(unreadable, zipSync(ok));
  });

  test.each(cases)('%s', (_label, args, message) => {
    const out = join(tmp, `out-bad-${n++}`);
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
    input = join(tmp, 'log-tinh.xlsx');
    await writeWithWriteExcelFile(input, gen.snapshot);
  });

  test('first run writes every reminder and logs it; the rerun writes none; the log is a CSV in the sheet’s shape', () => {
    const log = join(tmp, 'nhat-ky.csv');
    const first = bdhvs(['tong-hop', input, '--out', join(tmp, 'log1'), '--today', gen.truth.today, '--send-log', log]);
    expect(first.code).toBe(0);
    const written = readdirSync(join(tmp, 'log1', 'thu-nhac'));
    expect(written.length).toBe(gen.truth.reminders.length);
    const rows = readCsv(readFileSync(log, 'utf8'));
    expect(rows[0]).toEqual(['Thời gian', 'Kỳ', 'Ngày nhắc', 'Mã đơn vị', 'Người nhận', 'Loại thư', 'Trạng thái', 'Chi tiết', 'Khóa']);
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(gen.truth.reminders));
    expect(rows.length - 1).toBe(written.length);
    expect(leaks(readFileSync(log, 'utf8'), cccdsOf(gen.snapshot))).toEqual([]);

    const second = bdhvs(['tong-hop', input, '--out', join(tmp, 'log2'), '--today', gen.truth.today, '--send-log', log]);
    expect(second.code).toBe(0);
    expect(existsSync(join(tmp, 'log2', 'thu-nhac'))).toBe(false);
    expect(second.stdout).toContain(`${written.length} thư đã có trong nhật ký gửi thư, không ghi lại.`);
    expect(readCsv(readFileSync(log, 'utf8')).length).toBe(rows.length);
  });

  test('a CSV that is not a send log is refused, left unchanged, and nothing is written', () => {
    const other = join(tmp, 'danh-sach.csv');
    const content = 'Họ và tên,Số CCCD\nLê Văn An,038190001234\n';
    writeFileSync(other, content);
    const out = join(tmp, 'log-bad');
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
    const file = join(tmp, name);
    writeFileSync(file, bytes);
    const r = bdhvs(['tong-hop', file, '--out', join(tmp, 'kieu-tep'), '--today', '2026-11-20']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(found);
    expect(lines[0]).toContain('.xlsx, .xlsm và .csv');
    expect(existsSync(join(tmp, 'kieu-tep'))).toBe(false);
  });
});

describe('what a reader skips is reported, never dropped silently', () => {
  test('a chart sheet in an input becomes an INPUT_SKIPPED warning in tong-hop.json and Lỗi dữ liệu', () => {
    const file = join(tmp, 'co-bieu-do.xlsx');
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Số căn cước công dân</t></is></c><c r="C1" t="inlineStr"><is><t>Đơn vị</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn An</t></is></c><c r="B2" t="inlineStr"><is><t>038085000111</t></is></c><c r="C2" t="inlineStr"><is><t>Sở Tài chính</t></is></c></row>';
    writeFileSync(file, buildXlsx({ sheets: [{ name: 'Học viên', xml: sheetXml(rows) }, { name: 'Biểu đồ', xml: '<chartsheet/>', kind: 'chartsheet' }] }));
    const out = join(tmp, 'bieu-do-out');
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
    input = join(tmp, 'atomic-tinh.xlsx');
    await writeWithWriteExcelFile(input, gen.snapshot);
  });

  test('a rerun into a used --out on a non-reminder day replaces the earlier messages: two runs never mix', () => {
    const out = join(tmp, 'atomic-out');
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
    expect(readdirSync(tmp).filter((n) => n.includes('.tam-'))).toEqual([]);
  });

  test('a sheet name Excel refuses (History.csv): exit 2, one Vietnamese line, the earlier outputs untouched', () => {
    const out = join(tmp, 'atomic-refused');
    expect(bdhvs(['tong-hop', input, '--out', out, '--today', gen.truth.today]).code).toBe(0);
    const before = readFileSync(join(out, 'tong-hop.json'), 'utf8');
    const csv = join(tmp, 'History.csv');
    writeFileSync(csv, 'STT,Họ và tên,Số căn cước công dân,Đơn vị,Trạng thái\n1,Lê Văn An,038085000111,Sở Tài chính,Hoàn thành\n');
    const r = bdhvs(['tong-hop', input, csv, '--out', out, '--today', '2026-11-12']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Lỗi: không tạo được tong-hop\.xlsx: .*History.*chưa ghi tệp nào\.$/)]);
    expect(readFileSync(join(out, 'tong-hop.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(out, 'thu-nhac')).length).toBe(gen.truth.reminders.length);
    expect(readdirSync(tmp).filter((n) => n.includes('.tam-'))).toEqual([]);
  });

  test('a CSV wider than an Excel sheet (20,000 columns; 1,000,000 behaves the same): exit 2, one Vietnamese line, nothing written', () => {
    const csv = join(tmp, 'rong.csv');
    writeFileSync(csv, `Họ và tên,Số căn cước công dân,Đơn vị,${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\nLê Văn An,038085000111,Sở Tài chính\n`);
    const out = join(tmp, 'atomic-wide');
    const r = bdhvs(['tong-hop', csv, '--out', out, '--today', '2026-11-20']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Lỗi: không tạo được tong-hop\.xlsx: .*16384 cột.*chưa ghi tệp nào\.$/)]);
    expect(existsSync(out)).toBe(false);
  });

  test('the send log is written after the messages: when they cannot be written, nothing is logged as written', () => {
    const log = join(tmp, 'atomic-log.csv');
    const blocker = join(tmp, 'atomic-blocked');
    writeFileSync(blocker, 'a file where --out should be a folder');
    const r = bdhvs(['tong-hop', input, '--out', blocker, '--today', gen.truth.today, '--send-log', log]);
    expect(r.code).toBe(2);
    expect(existsSync(log)).toBe(false);
    const ok = bdhvs(['tong-hop', input, '--out', join(tmp, 'atomic-unblocked'), '--today', gen.truth.today, '--send-log', log]);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(tmp, 'atomic-unblocked', 'thu-nhac')).length).toBe(gen.truth.reminders.length);
    expect(readCsv(readFileSync(log, 'utf8')).length - 1).toBe(gen.truth.reminders.length);
  });
});

describe('mau and demo', () => {
  test('mau writes the template: sheets, text CCCD column, dropdowns, frozen header; it consolidates as an empty province', async () => {
    const file = join(tmp, 'mau.xlsx');
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
    const xfs = [...strFromU8(files['xl/styles.xml']).split('<cellXfs')[1].matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => m[1]);
    expect(xfs[+colTag![3]]).toBe('49');

    const t = bdhvs(['tong-hop', file, '--out', join(tmp, 'mau-out'), '--today', '2026-11-20']);
    expect({ code: t.code, stderr: t.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readJson(join(tmp, 'mau-out')).units).toEqual([]);
  });

  test('demo generates a province, consolidates it and prints the summary', () => {
    const out = join(tmp, 'demo');
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
    const input = join(tmp, 'tinh-100k.xlsx');
    writeFileSync(input, writeXlsx({ sheets: snapshot.sheets.map((s) => ({ name: s.name, rows: s.values })) }));
    const started = Date.now();
    const r = bdhvs(['tong-hop', input, '--out', join(tmp, 'out-100k'), '--today', '2026-11-20'], { node: ['--require', join(__dirname, '../helpers/peak-rss.js')] });
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(0);
    const peak = Number(/peak-rss-mb=(\d+)/.exec(r.stderr)?.[1]);
    console.log(`CLI tong-hop 100,000 rows: ${seconds.toFixed(1)} s, peak RSS ${peak} MB`);
    expect(r.stdout).toMatch(/Dòng học viên\s+100\.000/);
    expect(seconds).toBeLessThan(15);
  });
});
