/**
 * Deflate of a large streamed part off the main thread (issue 10 §6): a `worker_threads` worker
 * computes the CRC-32 and deflates each chunk while the main thread builds the next rows. The
 * writer stays synchronous: chunks go to the worker with `postMessage` (their bytes copied into a
 * recycled, transferred buffer), and the main thread collects what the worker sends back with
 * `receiveMessageOnPort`, waiting on a shared counter (`Atomics.wait`) only when it must: all the
 * buffers in flight (back-pressure, bounded memory) or the end of the part.
 *
 * The bytes are exactly those of the synchronous path: each chunk is deflated on its own with the
 * same options (`deflateRawSync`, sync flush), in order, and the CRC is continued chunk after
 * chunk. A worker that fails (an exception, a worker that stops answering) makes push/end throw:
 * the write fails like any other error, and the next part starts a new worker.
 */
import * as zlib from 'node:zlib';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** The worker's code (plain CommonJS, evaluated: no separate file to bundle or ship). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const ctl = new Int32Array(workerData.ctl);
const port = workerData.port;
// compressed bytes are gathered into blocks of OUT bytes, each transferred (not copied) when full
const OUT = 4 << 20;
let crc = 0, size = 0, opts = null, block = null, used = 0;
function signal() { Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0); }
function send() {
  if (used > 0) port.postMessage({ t: 'out', buf: block, len: used }, [block]);
  block = null;
  used = 0;
}
function keep(z) {
  let o = 0;
  while (o < z.length) {
    if (!block) block = new ArrayBuffer(Math.max(OUT, z.length - o));
    const n = Math.min(z.length - o, block.byteLength - used);
    new Uint8Array(block, used, n).set(z.subarray(o, o + n));
    used += n;
    o += n;
    if (used === block.byteLength) send();
  }
}
port.on('message', (m) => {
  try {
    if (m.t === 'begin') { crc = m.crc; size = 0; block = null; used = 0; opts = { level: m.level, finishFlush: zlib.constants.Z_SYNC_FLUSH }; return; }
    if (m.t === 'chunk') {
      const b = Buffer.from(m.buf, 0, m.len);
      crc = zlib.crc32(b, crc);
      size += m.len;
      keep(zlib.deflateRawSync(b, opts));
      port.postMessage({ t: 'free', buf: m.buf }, [m.buf]);
    } else if (m.t === 'end') {
      send();
      port.postMessage({ t: 'done', crc: crc, size: size });
    } else if (m.t === 'fail') {
      throw new Error('test failure');
    }
  } catch (e) {
    ctl[1] = 1;
    port.postMessage({ t: 'error', message: String((e && e.stack) || e) });
  }
  signal();
});
`;

/** Chunks buffered towards the worker at most (1 MiB each): bounds the memory in flight. */
const MAX_IN_FLIGHT = 6;
/** Waiting longer than this for the worker without any answer means it is gone. */
const STALL_MS = 60_000;

interface DeflateWorker {
  worker: Worker;
  port: MessagePort;
  ctl: Int32Array;
  busy: boolean;
  broken: boolean;
}

let shared: DeflateWorker | null = null;
/** Parts at least this large (bytes pushed) are deflated by the worker; the first chunks in the main thread. */
let threshold = 4 << 20;
let enabled = typeof zlib.crc32 === 'function' && typeof SharedArrayBuffer === 'function' && typeof Atomics.wait === 'function';

/** Bytes of a part deflated in the calling thread before the rest goes to the worker. */
export function workerThreshold(): number {
  return enabled ? threshold : Infinity;
}

/**
 * Tests: `threshold` = bytes after which a part moves to the worker (0: from the first chunk);
 * `enabled` = false keeps every part in the main thread. Returns the previous settings.
 */
export function setDeflateWorker(opts: { threshold?: number; enabled?: boolean }): { threshold: number; enabled: boolean } {
  const prev = { threshold, enabled };
  if (opts.threshold !== undefined) threshold = opts.threshold;
  if (opts.enabled !== undefined) enabled = opts.enabled;
  return prev;
}

function startWorker(): DeflateWorker {
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ctl: ctl.buffer, port: port2 }, transferList: [port2] });
  // never keeps the process alive; its errors are reported through the shared flag
  worker.unref();
  worker.on('error', () => {
    ctl[1] = 1;
  });
  port1.unref();
  return { worker, port: port1, ctl, busy: false, broken: false };
}

let failNext = false;

/** For tests: the worker of the next part fails after its first chunk (as a crashed worker would). */
export function failDeflateWorkerForTest(): void {
  failNext = true;
}

/** Stops the worker (tests; a process exits without it). */
export function stopDeflateWorker(): Promise<number> | undefined {
  const w = shared;
  shared = null;
  return w?.worker.terminate();
}

export interface WorkerDeflater {
  /** Copies the chunk to the worker (the caller may reuse it when this returns). */
  push(chunk: Uint8Array): void;
  /** The CRC-32 (continuing `startCrc`), size and compressed chunks (no final block) of what was pushed. */
  end(): { crc: number; size: number; chunks: Uint8Array[] };
}

/**
 * A worker deflater for one part, or null when the worker cannot be used (disabled, another part
 * is using it, a failed worker, no SharedArrayBuffer): the caller then deflates in its own thread.
 */
export function workerDeflater(level: number, pushedSoFar: number, startCrc: number): WorkerDeflater | null {
  if (!enabled || pushedSoFar < threshold) return null;
  if (shared && (shared.broken || shared.ctl[1] !== 0)) {
    void shared.worker.terminate();
    shared = null;
  }
  if (!shared) {
    try {
      shared = startWorker();
    } catch {
      return null;
    }
  }
  const w = shared;
  if (w.busy) return null;
  w.busy = true;
  const free: ArrayBuffer[] = [];
  let allocated = 0;
  const deflated: Uint8Array[] = [];
  let result: { crc: number; size: number; chunks: Uint8Array[] } | null = null;
  const fail = (why: string): never => {
    w.broken = true;
    w.busy = false;
    throw new Error(`deflate worker failed: ${why}`);
  };
  /** Handles one message from the worker; false when there was none. */
  const receive = (): boolean => {
    const got = receiveMessageOnPort(w.port);
    if (!got) return false;
    const m = got.message as { t: string; buf?: ArrayBuffer; len?: number; crc?: number; size?: number; message?: string };
    if (m.t === 'free') free.push(m.buf!);
    else if (m.t === 'out') deflated.push(new Uint8Array(m.buf!, 0, m.len!));
    else if (m.t === 'done') result = { crc: m.crc!, size: m.size!, chunks: deflated };
    else if (m.t === 'error') fail(m.message ?? 'unknown');
    return true;
  };
  /** Blocks until the worker posts something (or fails). */
  const waitForWorker = (): void => {
    const start = Date.now();
    for (;;) {
      const seen = Atomics.load(w.ctl, 0);
      if (receive()) return;
      if (w.ctl[1] !== 0) {
        // an error message may still be queued: it names the cause
        while (receive()) {
          /* drain */
        }
        fail('worker error');
      }
      Atomics.wait(w.ctl, 0, seen, 1000);
      if (Date.now() - start > STALL_MS) fail('no answer');
    }
  };
  w.port.postMessage({ t: 'begin', level, crc: startCrc });
  return {
    push(chunk) {
      if (w.broken) fail('worker error');
      while (receive()) {
        /* collect returned buffers */
      }
      let buf: ArrayBuffer | undefined;
      if (chunk.length <= CHUNK) {
        while (!buf) {
          buf = free.pop();
          if (buf) break;
          if (allocated < MAX_IN_FLIGHT) {
            allocated++;
            buf = new ArrayBuffer(CHUNK);
          } else waitForWorker();
        }
      } else buf = new ArrayBuffer(chunk.length);
      new Uint8Array(buf, 0, chunk.length).set(chunk);
      w.port.postMessage({ t: 'chunk', buf, len: chunk.length }, [buf]);
      if (failNext) {
        failNext = false;
        w.port.postMessage({ t: 'fail' });
      }
    },
    end() {
      if (w.broken) fail('worker error');
      w.port.postMessage({ t: 'end' });
      while (!result) waitForWorker();
      w.busy = false;
      return result;
    },
  };
}

/** The size of the recycled buffers (the writer's chunks are at most 1 MiB). */
const CHUNK = 1 << 20;
