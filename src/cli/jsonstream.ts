/**
 * JSON.stringify(value, null, 2) written piece by piece (issue 10 §6): a report with millions of
 * issues is larger than V8's longest string ("Invalid string length"), so it is never built as
 * one. The output is byte for byte what JSON.stringify would give (test/cli/jsonstream.test.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * The pieces of the pretty-printed JSON of `value`, in order. The top two levels are walked (the
 * report's keys, and the elements of its arrays: one issue, one unit); below them each value is
 * one JSON.stringify, re-indented (a JSON text holds no raw line break, so that is safe).
 */
export function* jsonPieces(value: unknown, indent = '', depth = 0): Generator<string> {
  const v = toJsonValue(value);
  if (v === null || typeof v !== 'object' || depth >= 2) {
    const text = JSON.stringify(v, null, 2) ?? 'null';
    yield indent ? text.replace(/\n/g, '\n' + indent) : text;
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return void (yield '[]');
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield inner;
      const x = toJsonValue(v[i]);
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') yield 'null';
      else yield* jsonPieces(x, inner, depth + 1);
      yield i < v.length - 1 ? ',\n' : '\n';
    }
    yield indent + ']';
    return;
  }
  const keys = Object.keys(v).filter((k) => {
    const x = toJsonValue((v as Record<string, unknown>)[k]);
    return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
  });
  if (keys.length === 0) return void (yield '{}');
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    yield `${inner}${JSON.stringify(keys[i])}: `;
    yield* jsonPieces((v as Record<string, unknown>)[keys[i]], inner, depth + 1);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield indent + '}';
}

/** A value as JSON.stringify sees it: toJSON applied (dates), boxed primitives unboxed. */
function toJsonValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return v.valueOf();
  return v;
}

/** Write the pretty-printed JSON of `value` and a final newline to `path`, in ~1 MB writes. */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    let buf: string[] = [];
    let size = 0;
    const flush = () => {
      if (buf.length) writeSync(fd, buf.join(''));
      buf = [];
      size = 0;
    };
    for (const piece of jsonPieces(value)) {
      buf.push(piece);
      size += piece.length;
      if (size >= 1 << 20) flush();
    }
    buf.push('\n');
    flush();
  } finally {
    closeSync(fd);
  }
}
