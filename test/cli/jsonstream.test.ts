/** The streamed tong-hop.json is byte for byte JSON.stringify(value, null, 2) + '\n'. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonPieces, writeJsonFile } from '../../src/cli/jsonstream';
import { consolidate } from '../../src/core/consolidate';
import { generateProvince } from '../../src/demo';
import { reportJson } from '../../src/core/json';

const same = (v: unknown) => expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2));

test('edge values: empty containers, undefined and functions, dates, NaN, nested arrays, unicode keys', () => {
  same({});
  same([]);
  same({ a: undefined, b: () => 1, c: [undefined, () => 1, NaN, -0, Infinity], d: new Date(Date.UTC(2026, 10, 20)) });
  same({ 'Mã “đơn vị”': [[], [{}], [[1, 'x\n"y"']]], e: null, f: true, g: 'Hoàn thành' });
  same('chuỗi');
  same(null);
});

test('a generated province’s report, written to a file', () => {
  const { snapshot, truth } = generateProvince({ seed: 4, units: 30, learners: 2000 });
  const json = reportJson(consolidate(snapshot, { today: truth.today }));
  const dir = mkdtempSync(join(tmpdir(), 'bdhvs-json-'));
  try {
    writeJsonFile(join(dir, 'r.json'), json);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe(JSON.stringify(json, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('never builds the whole text: no piece grows with the number of issues', () => {
  const issues = Array.from({ length: 20_000 }, (_, i) => ({ code: 'EMAIL_FORMAT', row: i + 2, message: 'x'.repeat(50) }));
  let longest = 0;
  for (const p of jsonPieces({ issues })) longest = Math.max(longest, p.length);
  expect(longest).toBeLessThan(200);
});
