/**
 * A small zip container layer: our own central-directory reader (so that a part is inflated only
 * when asked for, its size is known before inflating, and an unchanged part can be copied into
 * the output without recompressing), and a zip writer with streamed deflate. Deflate and inflate
 * themselves are node:zlib's or fflate's (see the codec switch below).
 */
import { Deflate, deflateSync, inflateSync } from 'fflate';
import * as zlib from 'node:zlib';
import { XLSX } from '../../core';
import { XlsxError } from './errors';
import { workerDeflater, workerThreshold, type WorkerDeflater } from './deflate-worker';

// ---------------------------------------------------------------- codec
//
// Deflate and inflate: Node's native zlib when the runtime has it (measured 3–6× faster than
// fflate's JavaScript here: a 108 MB worksheet deflates in 0.4 s at level 1 vs 1.4 s, and
// 0.7 s at level 3 vs 1.5 s), else fflate (also used by the tests to check both paths).

export type Codec = 'native' | 'fflate';
let codec: Codec = typeof zlib.deflateRawSync === 'function' && typeof zlib.inflateRawSync === 'function' ? 'native' : 'fflate';

/** Selects the deflate/inflate implementation (tests); returns the previous one. */
export function setCodec(c: Codec): Codec {
  const prev = codec;
  codec = c;
  return prev;
}

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Inflates at most `size + 1` bytes: a result longer than `size` means the entry inflates to more
 * than its header declared (the inflater stops there: a zip bomb never gets the memory it asks for).
 */
function inflateRaw(raw: Uint8Array, size: number): Uint8Array {
  if (codec === 'native') {
    // one output chunk of the announced size: no concatenation copy
    try {
      const b = zlib.inflateRawSync(raw, { chunkSize: Math.max(64, size + 64), maxOutputLength: size + 1 });
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      // zlib stops as soon as the output passes maxOutputLength
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return new Uint8Array(size + 1);
      throw e;
    }
  }
  // fflate writes into the buffer it is given and drops what does not fit
  return inflateSync(raw, { out: new Uint8Array(size + 1) });
}

function deflateRaw(data: Uint8Array, level: Level): Uint8Array {
  if (codec === 'native') {
    const b = zlib.deflateRawSync(data, { level });
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  return deflateSync(data, { level });
}

/** A deflate stream fed in chunks. */
interface ChunkDeflater {
  push(chunk: Uint8Array): void;
  /** Chunks deflated elsewhere (the worker), with the same options, appended in order. */
  append(deflated: Uint8Array[]): void;
  /** Ends the stream; returns the compressed chunks. */
  end(): Uint8Array[];
}

function chunkDeflater(level: Level): ChunkDeflater {
  const chunks: Uint8Array[] = [];
  if (codec === 'native') {
    // Each chunk is deflated on its own and ends with a sync flush (byte-aligned, not final);
    // the concatenation of such blocks plus one empty final block is a valid deflate stream.
    const opts = { level, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    return {
      push: (chunk) => {
        const b = zlib.deflateRawSync(chunk, opts);
        chunks.push(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      },
      append: (deflated) => {
        for (const c of deflated) chunks.push(c);
      },
      end: () => {
        chunks.push(new Uint8Array([0x03, 0x00]));
        return chunks;
      },
    };
  }
  const d = new Deflate({ level: level === 0 ? 1 : level }, (chunk) => chunks.push(chunk));
  return {
    // a copy: the caller may reuse its buffer after the call (EntrySink.push)
    push: (chunk) => d.push(chunk.slice(), false),
    append: () => {
      throw new Error('fflate stream: no worker chunks');
    },
    end: () => {
      d.push(new Uint8Array(0), true);
      return chunks;
    },
  };
}

export interface ZipEntry {
  name: string;
  /** The raw file-name bytes as stored (copied unchanged when the entry is copied). */
  nameBytes: Uint8Array;
  flags: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Parts above this uncompressed size are refused with TOO_LARGE, from the size their header
 * declares, before anything is allocated (a 50 MB file can declare 50 GB). A part is inflated
 * whole into one Buffer; 512 MiB still takes a 1,000,000 × 8 sheet (476 MB of XML), and the
 * reader's whole estimate (parts and values, read.ts MAX_READ_BYTES) is bounded on top of this.
 */
export const MAX_PART_BYTES = 512 * 1048576;

/** Deflate cannot compress more than 1032:1; an entry declaring more is lying about its size. */
const MAX_DEFLATE_RATIO = 1032;

// ---------------------------------------------------------------- crc32

let crcTable: Int32Array | null = null;
function crc32Js(data: Uint8Array, prev: number): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const t = crcTable;
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

/** CRC-32 of `data`, continuing from `prev` (Node's native zlib.crc32 when the runtime has it). */
export function crc32(data: Uint8Array, prev = 0): number {
  return nativeCrc ? nativeCrc(data, prev) >>> 0 : crc32Js(data, prev);
}

// ---------------------------------------------------------------- reading

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

const utf8 = new TextDecoder('utf-8');

/** Bytes as whole mebibytes (rounded up: a part 1 byte over a limit does not read as the limit). */
const mb = (bytes: number) => Math.ceil(bytes / 1048576);

function corrupt(detail: string): never {
  throw new XlsxError('CORRUPT', detail);
}

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();

  constructor(readonly bytes: Uint8Array) {
    const b = bytes;
    const n = b.length;
    // End of central directory: the last signature within 64 KiB + 22 bytes of the end.
    let eocd = -1;
    for (let i = n - 22; i >= 0 && i >= n - 22 - 65535; i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) corrupt(XLSX.zip.truncatedOrCorrupt);
    let count = u16(b, eocd + 10);
    let cdSize = u32(b, eocd + 12);
    let cdOffset = u32(b, eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // zip64 end of central directory locator, just before the classic record
      const loc = eocd - 20;
      if (loc >= 0 && u32(b, loc) === 0x07064b50) {
        const z = u64(b, loc + 8);
        if (z + 56 > n || u32(b, z) !== 0x06064b50) corrupt(XLSX.zip.zip64Corrupt);
        count = u64(b, z + 32);
        cdSize = u64(b, z + 40);
        cdOffset = u64(b, z + 48);
      }
    }
    if (cdOffset + cdSize > n) corrupt(XLSX.zip.directoryOutside);
    let p = cdOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > n || u32(b, p) !== 0x02014b50) corrupt(XLSX.zip.directoryCorrupt);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
      let compressedSize = u32(b, p + 20);
      let size = u32(b, p + 24);
      let localOffset = u32(b, p + 42);
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
        // zip64 extended information extra field
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = u16(b, e);
          const len = u16(b, e + 2);
          if (id === 1) {
            let q = e + 4;
            if (size === 0xffffffff) ((size = u64(b, q)), (q += 8));
            if (compressedSize === 0xffffffff) ((compressedSize = u64(b, q)), (q += 8));
            if (localOffset === 0xffffffff) localOffset = u64(b, q);
            break;
          }
          e += 4 + len;
        }
      }
      const entry: ZipEntry = {
        name: utf8.decode(nameBytes),
        nameBytes,
        flags: u16(b, p + 8),
        method: u16(b, p + 10),
        time: u16(b, p + 12),
        date: u16(b, p + 14),
        crc: u32(b, p + 16),
        compressedSize,
        size,
        localOffset,
      };
      this.entries.push(entry);
      const key = entry.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /** The entry of a part name (case-insensitive, as OPC part names are; no leading slash). */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  /** The stored (compressed) bytes of an entry, as they are in the file. */
  raw(e: ZipEntry): Uint8Array {
    const b = this.bytes;
    const o = e.localOffset;
    if (o + 30 > b.length || u32(b, o) !== 0x04034b50) corrupt(XLSX.zip.partMisplaced(e.name));
    const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
    const end = start + e.compressedSize;
    if (end > b.length) corrupt(XLSX.zip.partTruncated(e.name));
    return b.subarray(start, end);
  }

  /** The uncompressed bytes of an entry, checked against its size and CRC. */
  read(e: ZipEntry, maxBytes = MAX_PART_BYTES): Uint8Array {
    if (e.flags & 1) throw new XlsxError('ENCRYPTED', XLSX.zip.partEncrypted(e.name));
    if (e.size > maxBytes) throw new XlsxError('TOO_LARGE', XLSX.zip.partTooLarge(e.name, mb(e.size), mb(maxBytes)));
    const raw = this.raw(e);
    let out: Uint8Array;
    if (e.method === 0) {
      out = raw;
    } else if (e.method === 8) {
      if (e.size > raw.length * MAX_DEFLATE_RATIO + 1024) corrupt(XLSX.zip.partWrongDeclaredSize(e.name, raw.length, mb(e.size)));
      try {
        out = inflateRaw(raw, e.size);
      } catch {
        corrupt(XLSX.zip.partDataCorrupt(e.name));
      }
      if (out.length > e.size) corrupt(XLSX.zip.partZipBomb(e.name, e.size));
    } else {
      corrupt(XLSX.zip.partMethod(e.name, e.method));
    }
    if (out.length !== e.size) corrupt(XLSX.zip.partWrongSize(e.name));
    if (crc32(out) !== e.crc) corrupt(XLSX.zip.partWrongCrc(e.name));
    return out;
  }

  /** An entry's text, decoded as UTF-8 as a whole (BOM dropped). */
  text(e: ZipEntry): string {
    return decodeUtf8(this.read(e, 256 * 1048576));
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes); // TextDecoder drops a leading BOM by default
}

// ---------------------------------------------------------------- writing

const encoder = new TextEncoder();

function dosDateTime(now: Date): { time: number; date: number } {
  // Zip times are wall-clock times without a zone: Asia/Ho_Chi_Minh (UTC+7) wall time.
  const t = new Date(now.getTime() + 7 * 3600_000);
  const y = Math.max(1980, t.getUTCFullYear());
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
    date: ((y - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

interface Pending {
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Streaming sink of one deflated entry: push UTF-8 or byte chunks, then end(). */
export interface EntrySink {
  /** The sink is done with `chunk` when push returns: the caller may reuse its buffer. */
  push(chunk: Uint8Array): void;
  end(): void;
}

/** Byte pieces joined into one array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export class ZipWriter {
  private readonly out: Uint8Array[] = [];
  private offset = 0;
  private readonly done: Pending[] = [];
  private readonly names = new Set<string>();
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly level: Level = 6) {}

  private header(p: Omit<Pending, 'offset'>): void {
    const key = utf8.decode(p.nameBytes).toLowerCase();
    if (this.names.has(key)) throw new Error(`duplicate zip entry ${key}`);
    this.names.add(key);
    if (this.offset + 30 + p.nameBytes.length + p.compressedSize > 0xfffffffe) throw new XlsxError('TOO_LARGE', XLSX.zip.outputOver4Gb);
    const h = new Uint8Array(30 + p.nameBytes.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, p.flags, true);
    v.setUint16(8, p.method, true);
    v.setUint16(10, p.time, true);
    v.setUint16(12, p.date, true);
    v.setUint32(14, p.crc, true);
    v.setUint32(18, p.compressedSize, true);
    v.setUint32(22, p.size, true);
    v.setUint16(26, p.nameBytes.length, true);
    v.setUint16(28, 0, true);
    h.set(p.nameBytes, 30);
    this.done.push({ ...p, offset: this.offset });
    this.out.push(h);
    this.offset += h.length;
  }

  private data(chunks: Uint8Array[]): void {
    for (const c of chunks) {
      this.out.push(c);
      this.offset += c.length;
    }
  }

  /** Copies an entry of another zip without recompressing it. */
  copy(from: ZipReader, e: ZipEntry, name?: string): void {
    const raw = from.raw(e);
    const nameBytes = name === undefined ? e.nameBytes : encoder.encode(name);
    // bit 3 (sizes in a trailing data descriptor) is cleared: our local header has them
    this.header({
      nameBytes,
      flags: e.flags & ~0x8 & 0xffff,
      method: e.method,
      time: e.time,
      date: e.date,
      crc: e.crc,
      compressedSize: raw.length,
      size: e.size,
    });
    this.data([raw]);
  }

  private flagsFor(nameBytes: Uint8Array): number {
    for (let i = 0; i < nameBytes.length; i++) if (nameBytes[i] > 0x7f) return 0x800; // UTF-8 name
    return 0;
  }

  /** Adds a part from bytes or a string (UTF-8), deflated. */
  add(name: string, content: Uint8Array | string): void {
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const nameBytes = encoder.encode(name);
    const compressed = this.level === 0 ? data : deflateRaw(data, this.level);
    this.header({
      nameBytes,
      flags: this.flagsFor(nameBytes),
      method: this.level === 0 ? 0 : 8,
      ...this.stamp,
      crc: crc32(data),
      compressedSize: compressed.length,
      size: data.length,
    });
    this.data([compressed]);
  }

  /**
   * Adds a part written in chunks (a large worksheet): deflated as it comes. Past its first
   * few MiB a part is deflated by a worker thread while the caller builds the next chunks
   * (deflate-worker.ts; the same bytes), when the native codec is in use.
   */
  stream(name: string): EntrySink {
    const nameBytes = encoder.encode(name);
    let size = 0;
    let crc = 0;
    const level = this.level === 0 ? 1 : this.level;
    const d = chunkDeflater(level);
    let off: WorkerDeflater | null = null;
    let tried = codec !== 'native';
    return {
      push: (chunk) => {
        if (!tried && size >= workerThreshold()) {
          tried = true;
          off = workerDeflater(level, size, crc);
        }
        if (off) {
          off.push(chunk);
          return;
        }
        size += chunk.length;
        crc = crc32(chunk, crc);
        d.push(chunk);
      },
      end: () => {
        if (off) {
          const rest = off.end();
          crc = rest.crc;
          size += rest.size;
          d.append(rest.chunks);
        }
        const chunks = d.end();
        const compressedSize = chunks.reduce((n, c) => n + c.length, 0);
        this.header({ nameBytes, flags: this.flagsFor(nameBytes), method: 8, ...this.stamp, crc, compressedSize, size });
        this.data(chunks);
      },
    };
  }

  /** The whole zip file. */
  finish(): Uint8Array {
    return concatBytes(this.finishParts());
  }

  /** The zip file as its consecutive pieces (local headers and data, central directory, end record). */
  finishParts(): Uint8Array[] {
    let cdSize = 0;
    const cd: Uint8Array[] = [];
    for (const p of this.done) {
      const h = new Uint8Array(46 + p.nameBytes.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true); // made by: MS-DOS, spec 2.0
      v.setUint16(6, 20, true);
      v.setUint16(8, p.flags, true);
      v.setUint16(10, p.method, true);
      v.setUint16(12, p.time, true);
      v.setUint16(14, p.date, true);
      v.setUint32(16, p.crc, true);
      v.setUint32(20, p.compressedSize, true);
      v.setUint32(24, p.size, true);
      v.setUint16(28, p.nameBytes.length, true);
      v.setUint32(42, p.offset, true);
      h.set(p.nameBytes, 46);
      cd.push(h);
      cdSize += h.length;
    }
    if (this.done.length > 0xfffe || this.offset + cdSize > 0xfffffffe) throw new XlsxError('TOO_LARGE', XLSX.zip.outputOver4Gb);
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.done.length, true);
    v.setUint16(10, this.done.length, true);
    v.setUint32(12, cdSize, true);
    v.setUint32(16, this.offset, true);
    return [...this.out, ...cd, end];
  }
}
