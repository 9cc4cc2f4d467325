/**
 * End to end: the built command line (`bin/bdhvs.js` → build-node/cli.js, as `npx bdhvs` runs it) as a
 * child process, on workbooks written by other tools than our writer: write-excel-file (its
 * own zip and XML), LibreOffice Calc (test/fixtures/xlsx/libreoffice.xlsx) and plain CSV. The
 * outputs are read back by independent parsers: read-excel-file for tong-hop.xlsx, postal-mime
 * for the .eml files. Generated people only.
 *
 * `npm test` builds first; run `npm run build` before `npx jest test/cli/e2e.test.ts` alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import PostalMime from 'postal-mime';
import readXlsxFile from 'read-excel-file/node';
import { readXlsx } from '../../src/cli/xlsx/read';
import { readCsv } from '../../src/cli/xlsx/csv';
import { generateProvince, type GeneratedProvince } from '../../src/demo';
import type { Snapshot } from '../../src/core/types';
import { DASHBOARD_DATA_ID, dashboardPageWithData, type DashboardView } from '../../src/core/dashboard';

import { bdhvs, BIN, cccdsOf, leaks, OUTPUT_SHEETS, readJson, ROOT, useTmp, writeWithWriteExcelFile, type Json, type Run } from './e2e-helpers';

const tmpDir = useTmp();

/** The JSON text of the dashboard page's data element. */
function dataOf(html: string): string {
  const m = new RegExp(`<script type="application/json" id="${DASHBOARD_DATA_ID}">([^<]*)</script>`).exec(html);
  if (!m) throw new Error('no data element');
  return m[1];
}

describe('tong-hop on a province written by write-excel-file', () => {
  let gen: GeneratedProvince;
  let input: string;
  let out: string;
  let run: Run;
  let json: Json;

  beforeAll(async () => {
    gen = generateProvince({ seed: 21, units: 40, learners: 3000, unitTabs: 3 });
    input = join(tmpDir(), 'tinh.xlsx');
    out = join(tmpDir(), 'ket-qua');
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
    expect(readdirSync(out).sort()).toEqual(['thu-nhac', 'tong-hop.html', 'tong-hop.json', 'tong-hop.xlsx']);
  });

  test('tong-hop.html is the dashboard page with the report’s figures inlined, nothing personal', () => {
    const html = readFileSync(join(out, 'tong-hop.html'), 'utf8');
    expect(html).toBe(dashboardPageWithData(readFileSync(join(ROOT, 'build/dashboard.html'), 'utf8'), JSON.parse(dataOf(html)) as DashboardView));
    const view = JSON.parse(dataOf(html)) as DashboardView;
    expect(view.period).toBe(json.period);
    const province = json.province.indicators;
    expect(view.indicators.map((i) => [i.code, i.numerator, i.denominator])).toEqual(
      Object.entries(province).map(([code, v]) => [code, v.numerator, v.denominator]),
    );
    expect(view.laggards.total).toBe(json.units.filter((u) => u.laggard).length);
    expect(dataOf(html)).not.toContain('@');
    expect(leaks(dataOf(html), cccdsOf(gen.snapshot))).toEqual([]);
  });

  test('tong-hop.json says what the generator injected', () => {
    const { truth } = gen;
    expect({ period: json.period, today: json.today }).toEqual({ period: truth.period, today: truth.today });
    expect(json.units.map((u) => u.code)).toEqual(Object.keys(truth.units));
    for (const u of json.units) {
      const t = truth.units[u.code];
      const indicators = Object.fromEntries(
        Object.entries(u.indicators).map(([k, v]) => [
          k,
          { numerator: v.numerator, denominator: v.denominator, source: v.source, status: v.status, reported: v.reported, evidenced: v.evidenced },
        ]),
      );
      expect({ unit: u.code, learners: u.learners, reasons: u.reasons, indicators }).toEqual({
        unit: u.code,
        learners: t.learners,
        reasons: t.reasons,
        indicators: t.indicators,
      });
    }
    expect(json.province.learners).toEqual(truth.province.learners);
    for (const [code, t] of Object.entries(truth.province.indicators)) {
      const p = json.province.indicators[code];
      expect({ code, numerator: p.numerator, denominator: p.denominator, reported: p.reported, evidenced: p.evidenced }).toEqual({ code, ...t });
    }
    const c = json.province.completeness;
    expect({ expected: c.expected, submitted: c.submitted, onTime: c.onTime }).toEqual(truth.province.completeness);
    const key = (i: { sheet?: string; row?: number; code: string }) => `${i.sheet}|${i.row}|${i.code}`;
    expect(
      json.issues
        .filter((i) => i.row !== undefined)
        .map(key)
        .sort(),
    ).toEqual(truth.rowIssues.map(key).sort());
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
    const learnerText = readXlsx(new Uint8Array(readFileSync(input)))
      .sheets.find((s) => s.name === 'Học viên')!
      .values.map((r) => r.join('\t'))
      .join('\n');
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
    const dir = join(tmpDir(), 'rerun');
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
    expect({ units: json.units, province: json.province, issues: json.issues }).toEqual({
      units: firstJson.units,
      province: firstJson.province,
      issues: firstJson.issues,
    });
  });

  test('a reader that stops early (| head) ends the command quietly', () => {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" demo --out "${join(tmpDir(), 'pipe')}" --units 5 --learners 100 | head -1`],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Đang tạo tỉnh mẫu');
  });
});

describe('on a terminal', () => {
  // `script` (util-linux, on every Debian) gives the command a pseudo-terminal
  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? test : test.skip)('a progress bar on stderr, cleared before the summary', () => {
    const cmd = `"${process.execPath}" "${BIN}" demo --out "${join(tmpDir(), 'tty')}" --units 30 --learners 5000`;
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
    const out = join(tmpDir(), 'lo');
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
    const dir = join(tmpDir(), 'merge');
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
      '\ufeff' +
        [
          header,
          '1,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành',
          '2,Lê Văn Hùng,hung.lv@gmail.com,038085004321,Người dân,Chưa hoàn thành',
          '3,"Phạm Thị Mai, Thu",mai.pt@gmail.com,038170009876,Người dân,Hoàn thành',
        ].join('\r\n') +
        '\r\n',
    );
    writeFileSync(
      join(dir, 'XA002.csv'),
      [
        header,
        '1,Hoàng Văn Nam,nam.hv@gmail.com,038092001111,Người dân,Hoàn thành',
        '2,Đỗ Thị Hạnh,hanh.dt@gmail.com,038188002222,Người dân,Hoàn thành',
        '3,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành',
      ].join('\n') + '\n',
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
    const dir = join(tmpDir(), 'text-columns');
    mkdirSync(dir);
    // a title row mentioning CCCD above the header: the CCCD column is D, not the title's A
    writeFileSync(
      join(dir, 'XA001.csv'),
      [
        'Danh sách học viên (CCCD đủ 12 số),,,,,',
        'STT,Họ và tên,Email,Số căn cước công dân,Nhóm đối tượng,Trạng thái',
        '1,Nguyễn Thị Lan,lan.nt@gmail.com,038190001234,Người dân,Hoàn thành',
      ].join('\n') + '\n',
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
