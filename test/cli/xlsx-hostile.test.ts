/**
 * Hostile .xlsx inputs (issue 10 §4): each is built here, read in a CHILD process (the bundled
 * reader) and must give a result or an XlsxError (TOO_LARGE / CORRUPT) within a time bound that a
 * quadratic algorithm cannot meet, with a peak RSS under 2 GB.
 * The heaviest files (parts of ~0.5–1 GiB) run with `npm run test:scale` (BDHVS_SCALE=1).
 * The peak is the child's own VmHWM (/proc/self/status), not resourceUsage().maxRSS: Linux keeps
 * that high-water mark across exec, so it also counted the jest worker's RSS at spawn time and
 * made the bounds depend on which tests had run before in the same worker (a CI run failed so).
 */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as zlib from 'node:zlib';
import { crc32 } from '../../src/cli/xlsx/zip';
import { readXlsx } from '../../src/cli/xlsx/read';
import { NS, NS_R, sheetXml, stylesXml } from '../fixtures/xlsx/handmade';
import { SCALE, scaleTest } from '../helpers/scale';

const GB2 = 2e9;
const MiB = 1048576;

// ---------------------------------------------------------------- a zip assembler (sizes may lie)

interface RawEntry {
  name: string;
  /** Deflated chunks (concatenated: one raw deflate stream), or stored bytes with `stored`. */
  chunks: Uint8Array[];
  size: number;
  crc: number;
  stored?: boolean;
  /** Size written in the headers instead of the real one. */
  declaredSize?: number;
}

function assemble(entries: RawEntry[]): Buffer {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const csize = e.chunks.reduce((n, c) => n + c.length, 0);
    const size = e.declaredSize ?? e.size;
    const h = Buffer.alloc(30 + name.length);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.stored ? 0 : 8, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(csize, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    name.copy(h, 30);
    const c = Buffer.alloc(46 + name.length);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.stored ? 0 : 8, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(csize, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    name.copy(c, 46);
    central.push(c);
    parts.push(h, ...e.chunks);
    offset += h.length + csize;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** An entry from text or bytes (deflated whole). */
function entry(name: string, content: string | Uint8Array, declaredSize?: number): RawEntry {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, chunks: [zlib.deflateRawSync(data, { level: 6 })], size: data.length, crc: crc32(data), declaredSize };
}

/**
 * A part made of `head`, `times` repetitions of `unit` and `tail`, deflated without ever holding
 * it: a block of repetitions is deflated once (sync flush: byte-aligned, independent) and its
 * compressed bytes repeated, which is a valid deflate stream of the whole.
 */
function repeated(name: string, head: string, unit: string, times: number, tail: string): RawEntry {
  const per = Math.max(1, Math.floor(MiB / unit.length));
  const block = Buffer.from(unit.repeat(Math.min(per, times)));
  const blocks = Math.floor(times / per);
  const rest = Buffer.from(unit.repeat(times - blocks * per));
  const flush = { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const h = Buffer.from(head);
  const t = Buffer.from(tail);
  const blockZ = zlib.deflateRawSync(block, flush);
  const chunks: Uint8Array[] = [zlib.deflateRawSync(h, flush)];
  let crc = crc32(h);
  for (let k = 0; k < blocks; k++) {
    chunks.push(blockZ);
    crc = crc32(block, crc);
  }
  chunks.push(zlib.deflateRawSync(rest, flush), zlib.deflateRawSync(t, flush), new Uint8Array([0x03, 0x00]));
  crc = crc32(rest, crc);
  crc = crc32(t, crc);
  return { name, chunks, size: h.length + blocks * block.length + rest.length + t.length, crc };
}

const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** A one-sheet workbook (“Học viên”) around a worksheet entry; optional shared strings and styles. */
function book(sheet: RawEntry, opts: { sst?: RawEntry; styles?: string; more?: RawEntry[] } = {}): Buffer {
  const rels =
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
    (opts.sst
      ? `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
      : '') +
    (opts.styles ? `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` : '');
  const entries: RawEntry[] = [
    entry(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/></Types>`,
    ),
    entry(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    entry(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets><sheet name="Học viên" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ];
  if (opts.sst) entries.push({ ...opts.sst, name: 'xl/sharedStrings.xml' });
  if (opts.styles) entries.push(entry('xl/styles.xml', opts.styles));
  return assemble([...entries, ...(opts.more ?? [])]);
}

const HEAD = sheetXml('').split('<sheetData>')[0] + '<sheetData>';
const TAIL = '</sheetData></worksheet>';
const sheet = (rows: string) => entry('s', sheetXml(rows));

// ---------------------------------------------------------------- the child process

let dir = '';
let bundle = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bdhvs-hostile-'));
  const entryTs = join(dir, 'entry.ts');
  writeFileSync(
    entryTs,
    `import { readFileSync } from 'node:fs';
import { readXlsx, XlsxError } from ${JSON.stringify(resolve(__dirname, '../../src/cli/xlsx/read'))};
const t0 = process.hrtime.bigint();
let out: Record<string, unknown>;
try {
  const r = readXlsx(readFileSync(process.argv[2]));
  out = {
    ok: true,
    warnings: r.warnings,
    sheets: r.sheets.map((s) => ({ name: s.name, height: s.values.length, width: s.values[0]?.length ?? 0,
      longest: Math.max(0, ...s.values.slice(0, 50).flat().map((v) => (typeof v === 'string' ? v.length : 0))),
      sample: s.values.slice(0, 3).map((r) => r.slice(0, 10).map((v) => (typeof v === 'string' && v.length > 40 ? v.slice(0, 40) + '…' : v))) })),
  };
} catch (e) {
  out = e instanceof XlsxError ? { ok: false, code: e.code, detail: e.detail } : { ok: false, crash: String((e as Error)?.stack ?? e) };
}
out.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// VmHWM: this process's own peak (its memory map is new since exec); resourceUsage().maxRSS would
// also count the jest worker's RSS at spawn time, which depends on what ran before in that worker
const hwm = (() => { try { return /VmHWM:\\s*(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8')); } catch { return null; } })();
out.maxRssBytes = hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(out));
`,
  );
  bundle = join(dir, 'read.js');
  buildSync({ entryPoints: [entryTs], bundle: true, platform: 'node', outfile: bundle, logLevel: 'error' });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface ChildResult {
  ok: boolean;
  code?: string;
  detail?: string;
  crash?: string;
  warnings?: string[];
  sheets?: { name: string; height: number; width: number; longest: number; sample: unknown[][] }[];
  seconds: number;
  maxRssBytes: number;
}

const figures: string[] = [];

/** Reads `bytes` in a child process; checks it neither crashed nor exceeded `seconds` / 2 GB. */
function readInChild(label: string, bytes: Uint8Array, seconds = 10): ChildResult {
  const file = join(dir, `${label.replace(/\W+/g, '-')}.xlsx`);
  writeFileSync(file, bytes);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bundle, file], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 120_000 });
  rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`${label}: child failed (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(0, 2000)}`);
  const res = JSON.parse(r.stdout) as ChildResult;
  figures.push(
    `${label}: ${(bytes.length / 1024).toFixed(0)} KB file, read ${res.seconds.toFixed(2)} s, peak RSS ${Math.round(res.maxRssBytes / MiB)} MB → ${res.ok ? 'ok' : (res.code ?? 'crash')}`,
  );
  expect(res.crash).toBeUndefined();
  expect(res.maxRssBytes).toBeLessThan(GB2);
  expect(res.seconds).toBeLessThan(seconds);
  expect(Date.now() - t0).toBeLessThan(seconds * 1000 + 5000);
  return res;
}

afterAll(() => console.log(`hostile .xlsx inputs:\n${figures.join('\n')}`));

// ---------------------------------------------------------------- the tester's four files

describe('references beyond the data or beyond Excel’s grid', () => {
  test('40,000 rows holding one cell in column XFD: dropped with one warning, never a 40,000 × 16,384 grid', () => {
    const xfd = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const alone = readInChild('xfd-40k', book(sheet(xfd)));
    expect(alone.ok).toBe(true);
    expect(alone.sheets![0]).toMatchObject({ height: 0, width: 0 });
    expect(alone.warnings).toEqual(['trang “Học viên”: bỏ qua 40.000 ô nằm xa vùng dữ liệu (đầu tiên: XFD1, XFD2, XFD3…)']);

    // next to a real table: the table is read, the far column dropped
    const table = Array.from(
      { length: 40_000 },
      (_, i) =>
        `<row r="${i + 1}">${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => `<c r="${c}${i + 1}"><v>${i}</v></c>`).join('')}<c r="XFD${i + 1}"><v>1</v></c></row>`,
    ).join('');
    const withTable = readInChild('xfd-40k-next-to-table', book(sheet(table)));
    expect(withTable.sheets![0]).toMatchObject({ height: 40_000, width: 8 });
    expect(withTable.sheets![0].sample[1]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(withTable.warnings).toEqual(['trang “Học viên”: bỏ qua 40.000 ô nằm xa vùng dữ liệu A1:H40000 (đầu tiên: XFD1, XFD2, XFD3…)']);
  });

  test('a cell r="ZZZZZZZZ1" and a row r="2000000000" are skipped with a warning, never used as an index', () => {
    const col = readInChild(
      'col-zzzzzzzz',
      book(sheet('<row r="1"><c r="A1"><v>7</v></c><c r="ZZZZZZZZ1"><v>1</v></c><c r="' + 'Z'.repeat(400) + '1"><v>1</v></c></row>')),
    );
    expect(col.ok).toBe(true);
    expect(col.sheets![0].sample).toEqual([[7]]);
    expect(col.warnings).toEqual(['trang “Học viên”: bỏ qua 2 ô có địa chỉ nằm ngoài bảng tính Excel (quá cột XFD hoặc quá dòng 1.048.576)']);

    const row = readInChild(
      'row-2e9',
      book(
        sheet(
          '<row r="1"><c r="A1"><v>7</v></c></row><row r="2000000000"><c r="A2000000000"><v>1</v></c><c><v>2</v></c></row><row r="' +
            '9'.repeat(400) +
            '"><c><v>3</v></c></row>',
        ),
      ),
    );
    expect(row.ok).toBe(true);
    expect(row.sheets![0]).toMatchObject({ height: 1, width: 1 });
    expect(row.warnings).toEqual(['trang “Học viên”: bỏ qua 3 ô có địa chỉ nằm ngoài bảng tính Excel (quá cột XFD hoặc quá dòng 1.048.576)']);
  });

  test('a single stray value far away (XFD1048576, ZZ900000) does not refuse the workbook; one that fits the grid bound (A1048576) is kept', () => {
    const table = Array.from(
      { length: 1000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Học viên ${i + 1}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    for (const [label, stray, warning] of [
      [
        'stray-xfd1048576',
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        'trang “Học viên”: bỏ qua 1 ô nằm xa vùng dữ liệu A1:B1000 (đầu tiên: XFD1048576)',
      ],
      [
        'stray-zz900000',
        '<row r="900000"><c r="ZZ900000"><v>1</v></c></row>',
        'trang “Học viên”: bỏ qua 1 ô nằm xa vùng dữ liệu A1:B1000 (đầu tiên: ZZ900000)',
      ],
    ]) {
      const r = readInChild(label, book(sheet(table + stray)));
      expect(r.ok).toBe(true);
      expect(r.sheets![0]).toMatchObject({ height: 1000, width: 2 });
      expect(r.warnings).toEqual([warning]);
    }
    // 1,048,576 rows × 2 columns fits the 20 M-cell bound: nothing is dropped (a far block is
    // dropped only to keep a grid bounded)
    const kept = readInChild('stray-a1048576', book(sheet(table + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>')));
    expect(kept.ok).toBe(true);
    expect(kept.sheets![0]).toMatchObject({ height: 1_048_576, width: 2 });
    expect(kept.warnings).toEqual([]);
    // a note 128 columns to the right of the table, in a sheet that fits: kept, not dropped
    const note = readInChild('note-dz1', book(sheet(table.replace('</row>', '<c r="DZ1" t="inlineStr"><is><t>ghi chú</t></is></c></row>'))));
    expect(note.sheets![0]).toMatchObject({ height: 1000, width: 130 });
    expect(note.sheets![0].sample[0].length).toBe(10);
    expect(note.warnings).toEqual([]);
    // the only value of a sheet in its last cell: an empty sheet and a warning
    const alone = readInChild('only-xfd1048576', book(sheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')));
    expect(alone.sheets![0]).toMatchObject({ height: 0, width: 0 });
    expect(alone.warnings).toEqual(['trang “Học viên”: bỏ qua 1 ô nằm xa vùng dữ liệu (đầu tiên: XFD1048576)']);
  });
});

describe('a 32 MiB cell', () => {
  const viet = 'Nguyễn &amp; Trần _x000D_ ';
  const units = Math.ceil((32 * MiB) / Buffer.byteLength(viet));
  const shown = 'Nguyễn & Trần \r '.repeat(3).slice(0, 40) + '…';

  test('in the shared strings: cut at 50,000 characters with a warning naming the cell', () => {
    const sstHead = `<?xml version="1.0"?><sst xmlns="${NS}"><si><t>`;
    const sst = repeated('sst', sstHead, viet, units, '</t></si><si><t>ngắn</t></si></sst>');
    const r = readInChild(
      'cell-32mib-sst',
      book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="B2" t="s"><v>0</v></c></row>'), { sst }),
    );
    expect(r.ok).toBe(true);
    expect(r.sheets![0].longest).toBe(50_000);
    expect(r.sheets![0].sample[0]).toEqual([shown, 'ngắn']);
    expect(r.warnings).toEqual(['trang “Học viên”: 2 ô dài hơn 50.000 ký tự, chỉ giữ 50.000 ký tự đầu (A1, B2)']);
  });

  test('inline, as a formula result and as a number: cut, not copied whole', () => {
    const head = `${HEAD}<row r="1"><c r="A1" t="inlineStr"><is><r><t>`;
    const inline = repeated(
      's',
      head,
      viet,
      units,
      `</t></r></is></c><c r="B1" t="str"><v>${'x'.repeat(60_000)}</v></c><c r="C1"><v>${'9'.repeat(100_000)}</v></c></row>${TAIL}`,
    );
    const r = readInChild('cell-32mib-inline', book(inline));
    expect(r.ok).toBe(true);
    expect(r.sheets![0].longest).toBe(50_000);
    expect(r.sheets![0].sample[0][0]).toBe(shown);
    expect(r.warnings).toEqual(['trang “Học viên”: 3 ô dài hơn 50.000 ký tự, chỉ giữ 50.000 ký tự đầu (A1, B1, C1)']);
    // many rich-text runs of one character each
    const runs = repeated('s', `${HEAD}<row r="1"><c r="A1" t="inlineStr"><is>`, '<r><t>ệ</t></r>', 1_000_000, `</is></c></row>${TAIL}`);
    const rr = readInChild('cell-1m-runs', book(runs));
    expect(rr.sheets![0].longest).toBe(50_000);
    expect(rr.warnings).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- the zip container

describe('zip bombs and lying sizes', () => {
  test('a 1 GiB part of whitespace (1 MB file) is refused before inflating (TOO_LARGE, naming the sheet and the limit)', () => {
    const ws = repeated('s', HEAD, ' ', 1024 * MiB, TAIL);
    const r = readInChild('bomb-1gib-whitespace', book(ws));
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(r.detail).toBe('trang “Học viên”: phần xl/worksheets/sheet1.xml quá lớn: 1025 MB khi giải nén, vượt giới hạn 512 MB mỗi phần');
    expect(r.maxRssBytes).toBeLessThan(200 * MiB);
  });

  test('a part that inflates to more than it declares is CORRUPT, and the inflater stops there', () => {
    const ws = repeated('s', HEAD, '<row><c><v>1</v></c></row>', 8_000_000, TAIL); // ~200 MB
    const r = readInChild('lying-size', book({ ...ws, declaredSize: 100_000 }));
    expect(r).toMatchObject({ ok: false, code: 'CORRUPT' });
    expect(r.detail).toMatch(/sheet1\.xml giải nén ra nhiều hơn kích thước khai báo/);
    expect(r.maxRssBytes).toBeLessThan(200 * MiB);
    // a size no deflate stream can reach from its compressed bytes
    const tiny = entry('s', sheetXml('<row><c><v>1</v></c></row>'), 400 * MiB);
    const t = readInChild('impossible-size', book(tiny));
    expect(t).toMatchObject({ ok: false, code: 'CORRUPT' });
    expect(t.detail).toMatch(/khai báo sai kích thước/);
    // and a stored entry whose size disagrees
    const stored = readInChild('stored-size', book({ name: 's', chunks: [Buffer.from(sheetXml(''))], size: 10, crc: 0, stored: true }));
    expect(stored).toMatchObject({ ok: false, code: 'CORRUPT' });
  });

  test('1,000,000 repeated cells in a small file: bounded by the grid (MAX_CELLS, budget)', () => {
    // every cell positional in one row: all but 16,384 lie beyond column XFD
    const oneRow = repeated('s', `${HEAD}<row>`, '<c><v>1.5</v></c>', 1_000_000, `</row>${TAIL}`);
    const r = readInChild('1m-cells-one-row', book(oneRow));
    expect(r.ok).toBe(true);
    expect(r.sheets![0]).toMatchObject({ height: 1, width: 16_384 });
    expect(r.warnings).toEqual(['trang “Học viên”: bỏ qua 983.616 ô có địa chỉ nằm ngoài bảng tính Excel (quá cột XFD hoặc quá dòng 1.048.576)']);
  });

  scaleTest('a ~450 MB worksheet of date cells (1,000,000 rows × 20): TOO_LARGE from the memory estimate, under 2 GB', () => {
    const styles = stylesXml([], [0, 14]);
    const ws = repeated('s', HEAD, `<row>${'<c s="1"><v>45000</v></c>'.repeat(20)}</row>`, 1_000_000, TAIL);
    const r = readInChild('bomb-dates-450mb', book(ws, { styles }), 60);
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(r.detail).toMatch(/^trang “Học viên”: tệp chứa quá nhiều dữ liệu/);
  });

  scaleTest('a ~360 MB worksheet of numbers (1,048,576 rows × 20): TOO_LARGE past 20,000,000 cells, under 2 GB', () => {
    const ws = repeated('s', HEAD, `<row>${'<c><v>1.5</v></c>'.repeat(20)}</row>`, 1_048_576, TAIL);
    const r = readInChild('bomb-numbers-20m-cells', book(ws), 60);
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE', detail: 'trang “Học viên” có hơn 20.000.000 ô dữ liệu, vượt giới hạn' });
  });

  scaleTest('~500 MiB of long Vietnamese text (1 GB of strings): TOO_LARGE from the memory estimate, under 2 GB', () => {
    const text = 'ệ' + 'a'.repeat(998);
    const ws = repeated('s', HEAD, `<row><c t="inlineStr"><is><t>${text}</t></is></c></row>`, 500_000, TAIL);
    const r = readInChild('bomb-text-500mib', book(ws), 60);
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' });
  });

  scaleTest('~500 MiB of shared strings, then a ~500 MiB worksheet using them, under 2 GB', () => {
    const text = 'ệ' + 'a'.repeat(498);
    const sst = repeated('sst', `<?xml version="1.0"?><sst xmlns="${NS}">`, `<si><t>${text}</t></si>`, 1_000_000, '</sst>');
    const ws = repeated('s', HEAD, '<row><c t="s"><v>7</v></c></row>', 16_000_000, TAIL);
    const r = readInChild('bomb-sst-then-sheet', book(ws, { sst }), 60);
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(r.detail).toMatch(/^bảng chuỗi dùng chung: tệp chứa quá nhiều dữ liệu \(ước tính hơn 1280 MB bộ nhớ khi đọc\)/);
  });
});

// ---------------------------------------------------------------- scanning stays linear

describe('linear scanning', () => {
  const tiny = SCALE ? 10_000_000 : 1_000_000;
  test(`a shared-strings part with ${tiny.toLocaleString('en')} tiny strings`, () => {
    const sst = repeated('sst', `<?xml version="1.0"?><sst xmlns="${NS}">`, '<si><t>a</t></si>', tiny, '</sst>');
    // 10 M strings take ~5 s alone, up to 3× that on a loaded 2-core machine; quadratic would be hours
    const r = readInChild(`sst-${tiny}-tiny`, book(sheet(`<row r="1"><c r="A1" t="s"><v>${tiny - 1}</v></c></row>`), { sst }), SCALE ? 30 : 10);
    expect(r.ok).toBe(true);
    expect(r.sheets![0].sample).toEqual([['a']]);
  });

  test('deeply nested and unclosed tags in the worksheet and in a shared string', () => {
    const depth = 1_000_000;
    const nested = repeated(
      's',
      `${HEAD}<row r="1"><c r="A1"><v>5</v></c></row>`,
      '<x>',
      depth,
      `${'</x>'.repeat(10)}<row r="2"><c r="A2"><v>6</v></c></row>${TAIL}`,
    );
    const r = readInChild('nested-1m', book(nested));
    expect(r.ok).toBe(true);
    expect(r.sheets![0].sample).toEqual([[5], [6]]);
    const sstNested = repeated('sst', `<?xml version="1.0"?><sst xmlns="${NS}"><si>`, '<r><rPh><t>', depth, 'a</t></rPh></r></si></sst>');
    const s = readInChild('sst-nested-1m', book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), { sst: sstNested }));
    expect(s.ok).toBe(true);
    const open = repeated('s', `${HEAD}<row r="1"><c r="A1" t="inlineStr"><is>`, '<t a="<', 500_000, `${TAIL}`);
    const o = readInChild('unclosed-quotes', book(open));
    expect(o).toMatchObject({ ok: false, code: 'CORRUPT' });
    const lt = repeated('s', `${HEAD}<row r="1"><c r="A1"><v>1</v>`, '<', 20_000_000, `${TAIL}`);
    const l = readInChild('many-lt', book(lt));
    expect(l.ok === true || l.code === 'CORRUPT').toBe(true);
  });
});

// ---------------------------------------------------------------- the grid is what the core had

test('the stray-cell rule leaves a normal sheet as it was (rectangular, padded with blanks)', () => {
  const rows = Array.from(
    { length: 300 },
    (_, i) =>
      `<row r="${i + 1}">${'ABCDEFGH'
        .split('')
        .map((c, k) => (k === i % 8 ? '' : `<c r="${c}${i + 1}"><v>${i * 8 + k}</v></c>`))
        .join('')}</row>`,
  ).join('');
  const withStray = `${rows}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`;
  const mk = (xml: string) => new Uint8Array(book(sheet(xml)));
  const plain = readXlsx(mk(rows));
  const stray = readXlsx(mk(withStray));
  expect(plain.warnings).toEqual([]);
  expect(stray.sheets[0].values).toEqual(plain.sheets[0].values);
  expect(plain.sheets[0].values.length).toBe(300);
  expect(plain.sheets[0].values.every((r) => r.length === 8)).toBe(true);
});
