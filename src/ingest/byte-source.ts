// Where trace bytes come from: a file on disk (Node) or a File/Blob (browser),
// streamed in chunks, gzip detected by its magic bytes and inflated on the fly.
// Nothing here holds a whole file.

export type { ByteSource } from './gzip-members';
import { gunzipMembers, type ByteSource } from './gzip-members';
import { concatBytes } from './bytes';

/**
 * Reads at any offset, for formats whose index is at the end (Parquet). A
 * source opened from a file or a Blob offers one besides its stream.
 */
export interface RandomAccessFile {
  byteLength: number;
  /** Bytes [start, end). */
  read(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

const RANDOM_ACCESS = Symbol('randomAccess');

type WithRandomAccess = ByteSource & { [RANDOM_ACCESS]?: () => Promise<RandomAccessFile> };

/** The source, able to open its file for reads at any offset too. */
export function withRandomAccess(source: ByteSource, open: () => Promise<RandomAccessFile>): ByteSource {
  return Object.assign(source, { [RANDOM_ACCESS]: open });
}

/** How to open the source's file for reads at any offset, when it has one. */
export function randomAccessOf(source: ByteSource): (() => Promise<RandomAccessFile>) | undefined {
  return (source as WithRandomAccess)[RANDOM_ACCESS];
}

/** Bytes held in memory as a RandomAccessFile. */
export function memoryFile(bytes: Uint8Array): RandomAccessFile {
  return { byteLength: bytes.length, read: async (start, end) => bytes.subarray(start, end), close: async () => {} };
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Streams a file from disk (Node only); reads at any offset too (randomAccessOf). */
export function openPathSource(path: string, chunkBytes = 1 << 20): ByteSource {
  return withRandomAccess(streamPath(path, chunkBytes), () => openPathFile(path));
}

async function openPathFile(path: string): Promise<RandomAccessFile> {
  const fsName = 'node:fs/promises';
  const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ fsName);
  const handle = await fs.open(path, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async read(start, end) {
      const out = new Uint8Array(Math.max(0, end - start));
      let at = 0;
      while (at < out.length) {
        const { bytesRead } = await handle.read(out, at, out.length - at, start + at);
        if (bytesRead === 0) throw new Error(`${path}: the file ends at byte ${start + at}, before ${end} (did it change while it was read?)`);
        at += bytesRead;
      }
      return out;
    },
    close: () => handle.close(),
  };
}

async function* streamPath(path: string, chunkBytes: number): ByteSource {
  // A variable specifier keeps the browser bundle free of Node built-ins.
  const fsName = 'node:fs';
  const fs: typeof import('node:fs') = await import(/* @vite-ignore */ fsName);
  const stream = fs.createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new Error(`${path}: no such file`);
    if (code === 'EISDIR') throw new Error(`${path}: is a directory, not a trace file`);
    throw new Error(`${path}: ${(e as Error).message}`);
  } finally {
    stream.destroy();
  }
}

/** Streams a File or Blob (browser, also Node >= 20); reads at any offset too (randomAccessOf). */
export function openBlobSource(blob: Blob): ByteSource {
  return withRandomAccess(streamBlob(blob), async () => ({
    byteLength: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    close: async () => {},
  }));
}

async function* streamBlob(blob: Blob): ByteSource {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The first `bytes` bytes (fewer at end of input), and a source that still yields everything. */
export async function peekSource(source: ByteSource, bytes: number): Promise<{ head: Uint8Array; source: ByteSource }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  let finished = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    if (next.value.length === 0) continue;
    seen.push(next.value);
    length += next.value.length;
  }
  const head = concatBytes(seen, Math.min(length, bytes));
  // An iterator object rather than a generator: return() must close the file
  // even when nothing was read from it yet (a generator not started ignores it).
  const replay: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const again = seen.shift();
      if (again) return { done: false, value: again };
      if (finished) return { done: true, value: undefined };
      const n = await iterator.next();
      if (n.done) finished = true;
      return n;
    },
    async return() {
      seen.length = 0;
      if (!finished) {
        finished = true;
        await iterator.return?.();
      }
      return { done: true, value: undefined };
    },
  };
  return { head, source: replay };
}


export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Inflates the source if it starts with the gzip magic bytes (every member,
 * see gzip-members.ts), else passes it through. `engine` defaults to zlib in
 * Node and DecompressionStream elsewhere (tests pick 'web' to check the
 * browser's path in Node). Gzip inside gzip is refused by name: inflating
 * layer after layer is how small files become huge.
 */
export async function gunzipIfNeeded(
  source: ByteSource,
  fileName: string,
  engine: 'zlib' | 'web' = isNode ? 'zlib' : 'web',
  onWarning?: (message: string) => void,
): Promise<ByteSource> {
  const peeked = await peekSource(source, 2);
  if (!isGzip(peeked.head)) return peeked.source;
  const inflated = await peekSource(gunzipMembers(peeked.source, { fileName, engine, onWarning }), 2);
  if (isGzip(inflated.head)) {
    await closeSource(inflated.source);
    throw new Error(`${fileName}: gzip inside gzip (the inflated data starts with the gzip magic again); inflate it once (gunzip -c) and open the result`);
  }
  return inflated.source;
}

/** Ends a source early, closing the file under it. */
export async function closeSource(source: ByteSource): Promise<void> {
  await source[Symbol.asyncIterator]().return?.();
}

/** Counts the bytes flowing through, for progress reports, and honours an abort signal. */
export async function* meterSource(
  source: ByteSource,
  onBytes: ((bytes: number) => void) | undefined,
  signal?: AbortSignal,
): ByteSource {
  let total = 0;
  for await (const chunk of source) {
    signal?.throwIfAborted();
    total += chunk.length;
    onBytes?.(total);
    yield chunk;
  }
  signal?.throwIfAborted();
}
