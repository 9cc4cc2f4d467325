/**
 * A failure injected before each file-system write of a `bdhvs tong-hop` run (issue 10 §2, §3):
 * whichever write fails, `--out` holds either the earlier run's outputs, byte for byte, or this
 * run's outputs complete — never a mix, never a half-written file — the send log never records a
 * message that is not in place, the exit is 2 with one Vietnamese line, and no temporary folder is
 * left behind.
 *
 * The command runs in-process (src/cli/main.ts `main`), with node:fs's writing functions wrapped:
 * the k-th call throws EIO, for every k up to the number of calls a clean run makes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { generateProvince } from '../../src/demo';

// the module object itself (an `import * as` namespace would be a copy that spies cannot reach)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: typeof import('node:fs') = require('node:fs');

const WRITERS = ['writeFileSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'openSync', 'writeSync', 'closeSync', 'rmSync'] as const;
type Writer = (typeof WRITERS)[number];

let tmp: string;
let input: string;
let today: string;
let dayBefore: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bdhvs-inject-'));
  const gen = generateProvince({ seed: 21, units: 8, learners: 160 });
  today = gen.truth.today;
  input = join(tmp, 'tinh.xlsx');
  writeFileSync(input, writeXlsx({ sheets: gen.snapshot.sheets.map((s) => ({ name: s.name, rows: s.values })) }));
  // the earlier run is a day before this one (a reminder day): its outputs differ from this run's
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  dayBefore = d.toISOString().slice(0, 10);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under a folder with its bytes (names relative, sorted). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
      else out.set(`${rel}${name}`, readFileSync(p).toString('base64'));
    }
  };
  walk(dir, '');
  return out;
}

/** Runs the command with the writes for which `fail(name, path, n)` holds failing (n counts all WRITERS calls). */
async function runWith(
  fail: (name: Writer, path: string, n: number) => boolean,
  args: string[],
): Promise<{ code: number; calls: number; failed: string | null; stderr: string }> {
  let calls = 0;
  let failed: string | null = null;
  const spies = WRITERS.map((name: Writer) => {
    const real = (fs as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    return jest.spyOn(fs, name as never).mockImplementation(((...a: unknown[]) => {
      calls++;
      if (fail(name, String(a[0]), calls)) {
        failed = `${failed ? `${failed}, ` : ''}${name}(${String(a[0])})`;
        throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
      }
      return real.apply(fs, a);
    }) as never);
  });
  const err: string[] = [];
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(((s: string) => {
    err.push(String(s));
    return true;
  }) as never);
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((() => true) as never);
  try {
    const code = await main(args);
    return { code, calls, failed, stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

const runWithFailureAt = (k: number, args: string[]) => runWith((_name, _path, n) => n === k, args);

test('a failure before any write of a run leaves the earlier outputs and the send log as they were, or the new ones complete', async () => {
  const out = join(tmp, 'out');
  const log = join(tmp, 'nhat-ky.csv');
  // the earlier run, the day before: its outputs and its send log
  expect((await runWithFailureAt(0, ['tong-hop', input, '--out', out, '--today', dayBefore, '--send-log', log])).code).toBe(0);
  const earlierOut = tree(out);
  const earlierLog = readFileSync(log, 'utf8');
  expect([...earlierOut.keys()]).toEqual(expect.arrayContaining(['tong-hop.json', 'tong-hop.xlsx']));

  // the same run without a failure, into another folder: what "new and complete" looks like
  const fresh = join(tmp, 'fresh');
  const freshLog = join(tmp, 'fresh-log.csv');
  writeFileSync(freshLog, earlierLog);
  const clean = await runWithFailureAt(0, ['tong-hop', input, '--out', fresh, '--today', today, '--send-log', freshLog]);
  expect(clean.code).toBe(0);
  const newJson = readFileSync(join(fresh, 'tong-hop.json'), 'utf8');
  const newNames = [...tree(fresh).keys()];
  expect(newJson).not.toBe(earlierOut.get('tong-hop.json'));
  expect(newNames.filter((n) => n.endsWith('.eml')).length).toBeGreaterThanOrEqual(2);
  expect(readFileSync(freshLog, 'utf8')).not.toBe(earlierLog);

  const seen = { old: 0, newLogUnwritten: 0, tolerated: 0 };
  let k = 0;
  for (;;) {
    k++;
    // restore the earlier state exactly
    rmSync(out, { recursive: true, force: true });
    for (const [name, b64] of earlierOut) {
      fs.mkdirSync(join(out, name, '..'), { recursive: true });
      writeFileSync(join(out, name), Buffer.from(b64, 'base64'));
    }
    writeFileSync(log, earlierLog);

    const r = await runWithFailureAt(k, ['tong-hop', input, '--out', out, '--today', today, '--send-log', log]);
    if (r.failed === null) break; // past the last write: a clean run
    const where = `failure ${k} at ${r.failed}`;
    // no temporary folder is left beside --out, unless its removal was what failed: then the run
    // says so (and succeeded)
    const left = readdirSync(tmp).filter((n) => n.includes('.tam-'));
    if (left.length) {
      expect({ where, code: r.code, said: r.stderr.includes(left[0]) && /^Lưu ý: /.test(r.stderr) }).toEqual({ where, code: 0, said: true });
      for (const n of left) rmSync(join(tmp, n), { recursive: true, force: true });
    }
    const now = tree(out);
    const logNow = readFileSync(log, 'utf8');
    if (r.code === 0) {
      // the failure hit something the run could do without (removing its temporary folder)
      expect({ where, json: now.get('tong-hop.json') }).toEqual({ where, json: Buffer.from(newJson).toString('base64') });
      seen.tolerated++;
      continue;
    }
    expect({ where, code: r.code }).toEqual({ where, code: 2 });
    expect({ where, lines: r.stderr.split('\n').filter(Boolean).length, vi: /^Lỗi: /.test(r.stderr) }).toEqual({ where, lines: 1, vi: true });
    if (now.get('tong-hop.json') === earlierOut.get('tong-hop.json')) {
      // the earlier run, byte for byte, and its log
      expect({ where, same: [...now.keys()] }).toEqual({ where, same: [...earlierOut.keys()] });
      for (const [name, b64] of earlierOut) expect({ where, name, same: now.get(name) === b64 }).toEqual({ where, name, same: true });
      expect({ where, log: logNow === earlierLog }).toEqual({ where, log: true });
      seen.old++;
    } else {
      // the new run complete (every message in place); only its log rows are missing, and the
      // message says the messages will be written again
      expect({ where, said: /nhật ký gửi .*lần chạy sau sẽ ghi lại/.test(r.stderr) }).toEqual({ where, said: true });
      expect({ where, json: now.get('tong-hop.json') }).toEqual({ where, json: Buffer.from(newJson).toString('base64') });
      expect({ where, names: [...now.keys()] }).toEqual({ where, names: newNames });
      expect({ where, log: logNow === earlierLog }).toEqual({ where, log: true });
      seen.newLogUnwritten++;
    }
  }
  // both outcomes were exercised: failures before the move and at the log write
  expect(k).toBeGreaterThan(clean.calls);
  expect(seen.old).toBeGreaterThan(20);
  expect(seen.newLogUnwritten).toBeGreaterThan(0);
});

test('when the new outputs cannot be moved in and the earlier ones cannot be put back, the earlier ones are kept and the message says where', async () => {
  const out = join(tmp, 'out2');
  expect((await runWithFailureAt(0, ['tong-hop', input, '--out', out, '--today', dayBefore])).code).toBe(0);
  const earlier = tree(out);
  // moving the new tong-hop.xlsx in fails, and so does putting the earlier tong-hop.json back
  let xlsxMoves = 0;
  const r = await runWith(
    (name, path) => {
      if (name !== 'renameSync') return false;
      if (path.endsWith(join('moi', 'tong-hop.xlsx'))) return true;
      if (path.endsWith(join('cu', 'tong-hop.json'))) return ++xlsxMoves === 1;
      return false;
    },
    ['tong-hop', input, '--out', out, '--today', today],
  );
  expect(r.code).toBe(2);
  const kept = /đang nằm trong “([^”]+)”/.exec(r.stderr);
  expect(kept).not.toBeNull();
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  // nothing lost: the earlier tong-hop.json is in the folder named, byte for byte
  expect(readFileSync(join(kept![1], 'tong-hop.json')).toString('base64')).toBe(earlier.get('tong-hop.json'));
  // and the other earlier output is back in place
  expect(readFileSync(join(out, 'tong-hop.xlsx')).toString('base64')).toBe(earlier.get('tong-hop.xlsx'));
  rmSync(join(kept![1], '..'), { recursive: true, force: true });
});
