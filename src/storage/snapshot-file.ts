import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';

/**
 * A file of typed arrays and text chunks, read back without copying the arrays: they are views of the
 * one buffer the file's array part is read into. Layout: the arrays (each aligned to its element
 * size, so consecutive arrays of one type are one run), the chunks (UTF-8), a JSON header naming each array's place, then a 16-byte trailer (magic,
 * format, where the header starts). Written to a temporary file and renamed, so a reader sees the
 * old file or the new one whole, and a crash mid-write leaves the old one.
 */

const MAGIC = 0x58494250; // "PBIX"
const TRAILER = 16;

export type StoredArray = Int32Array | Uint32Array | Uint8Array;
const TYPES = { Int32Array, Uint32Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  meta: unknown;
  arrays: Record<string, { type: TypeName; offset: number; length: number }>;
  text: { offset: number; length: number };
  /** Each chunk's length in bytes, in order. */
  chunks: number[];
}

export interface Snapshot<Meta, Chunk> {
  meta: Meta;
  arrays: Record<string, StoredArray>;
  /** The text chunks in the order written, each as `parseChunk` made it. */
  chunks: Chunk[];
}

/**
 * Writes `arrays`, then the text chunk by chunk (each chunk awaited, so a large text never holds the
 * event loop), then the header. The arrays must not change until the returned promise settles.
 */
export async function writeSnapshot(path: string, format: number, meta: unknown, arrays: Record<string, StoredArray>, text: Iterable<string>): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  await removeAbandoned(path);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(temporary, 'w');
  try {
    let at = 0;
    const write = async (bytes: Uint8Array) => {
      await file.write(bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    const header: Header = { meta, arrays: {}, text: { offset: 0, length: 0 }, chunks: [] };
    for (const [name, array] of Object.entries(arrays)) {
      const align = array.BYTES_PER_ELEMENT;
      if (at % align !== 0) await write(new Uint8Array(align - (at % align)));
      header.arrays[name] = { type: array.constructor.name as TypeName, offset: at, length: array.length };
      await write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
    header.text.offset = at;
    for (const chunk of text) {
      const bytes = Buffer.from(chunk);
      header.chunks.push(bytes.length);
      await write(bytes);
    }
    header.text.length = at - header.text.offset;
    const headerOffset = at;
    await write(Buffer.from(JSON.stringify(header)));
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeUInt32LE(MAGIC, 0);
    trailer.writeUInt32LE(format, 4);
    trailer.writeDoubleLE(headerOffset, 8);
    await write(trailer);
    await file.sync();
    await file.close();
    await rename(temporary, path);
    return at;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes what writes cut short by a crash left behind (after an hour: never a write in progress). */
async function removeAbandoned(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))) {
    const file = join(dirname(path), name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > 3_600_000) await rm(file, { force: true });
  }
}

/**
 * Reads a snapshot written in `format`; undefined when there is none, or it is of another format
 * or damaged (the caller rebuilds). Synchronous: it runs once, at start, before anything is served.
 */
export function readSnapshot<Meta, Chunk>(path: string, format: number, parseChunk: (text: string) => Chunk): Snapshot<Meta, Chunk> | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < TRAILER) return undefined;
    const trailer = Buffer.alloc(TRAILER);
    readSync(fd, trailer, 0, TRAILER, size - TRAILER);
    if (trailer.readUInt32LE(0) !== MAGIC || trailer.readUInt32LE(4) !== format) return undefined;
    const headerOffset = trailer.readDoubleLE(8);
    if (!(headerOffset >= 0 && headerOffset <= size - TRAILER)) return undefined;
    const header = JSON.parse(readRange(fd, headerOffset, size - TRAILER - headerOffset).toString()) as Header;
    // One buffer for every array, which the views share: nothing is copied out of it.
    const bytes = Buffer.allocUnsafeSlow(header.text.offset);
    readInto(fd, bytes, 0);
    const arrays: Record<string, StoredArray> = {};
    for (const [name, { type, offset, length }] of Object.entries(header.arrays)) {
      arrays[name] = new TYPES[type](bytes.buffer, bytes.byteOffset + offset, length);
    }
    if (header.chunks.reduce((sum, n) => sum + n, 0) !== header.text.length) return undefined;
    // One chunk at a time through one buffer: the whole text is never in memory at once.
    const buffer = Buffer.allocUnsafe(Math.max(0, ...header.chunks));
    const chunks: Chunk[] = [];
    let at = header.text.offset;
    for (const length of header.chunks) {
      readInto(fd, buffer.subarray(0, length), at);
      chunks.push(parseChunk(buffer.toString('utf8', 0, length)));
      at += length;
    }
    return { meta: header.meta as Meta, arrays, chunks };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readRange(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  readInto(fd, out, offset);
  return out;
}

function readInto(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error('snapshot file ends early');
    done += read;
  }
}
