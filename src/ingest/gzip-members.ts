// gzip as log rotators and `cat a.gz b.gz` write it: one or more members back
// to back, maybe followed by bytes that are not gzip (padding, a partial
// download). Every member is inflated in turn; bytes after the last member are
// counted and reported with their offset, never silently dropped or called
// "corrupt".
//
// The two engines differ in what they tell us:
// - Node's zlib: each member's deflate body goes through InflateRaw, which
//   stops at the end of the body and says how many bytes it consumed
//   (bytesWritten); the 8-byte trailer is checked here (ISIZE, and CRC-32
//   when zlib has crc32).
// - The browser's DecompressionStream('gzip') inflates one member, checks its
//   trailer, and then fails with "junk after end of data" without saying where
//   the member ended. The end is found from the trailer: the 4 bytes before it
//   hold the member's inflated length (mod 2^32), which we count; the search
//   runs over the last few input chunks only (the stream pulls one chunk ahead).
import { concatBytes } from './bytes';

/** Bytes of a file, in chunks of any size. */
export type ByteSource = AsyncIterable<Uint8Array>;

export interface GzipOptions {
  fileName: string;
  engine: 'zlib' | 'web';
  /** Called with a message naming the file when bytes are ignored (after the last member). */
  onWarning?: (message: string) => void;
}

/** Reads a source chunk by chunk, with the bytes it was given back put first. */
class ByteReader {
  /** Absolute offset of the next byte `next` returns. */
  offset = 0;
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly back: Uint8Array[] = [];
  private done = false;

  constructor(source: ByteSource) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  async next(): Promise<Uint8Array | null> {
    const again = this.back.pop();
    if (again) {
      this.offset += again.length;
      return again;
    }
    while (!this.done) {
      const r = await this.iterator.next();
      if (r.done) {
        this.done = true;
        break;
      }
      if (r.value.length === 0) continue;
      this.offset += r.value.length;
      return r.value;
    }
    return null;
  }

  /** Gives bytes back: the next `next` returns them first. */
  unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.back.push(bytes);
    this.offset -= bytes.length;
  }

  /** Exactly `n` bytes, or fewer at end of input. */
  async read(n: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let have = 0;
    while (have < n) {
      const c = await this.next();
      if (!c) break;
      const take = Math.min(c.length, n - have);
      parts.push(c.subarray(0, take));
      if (take < c.length) this.unread(c.subarray(take));
      have += take;
    }
    return concatBytes(parts, have);
  }

  /** Counts and drops everything left. */
  async drain(): Promise<number> {
    let n = 0;
    for (let c = await this.next(); c; c = await this.next()) n += c.length;
    return n;
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.iterator.return?.();
    }
  }
}


const truncated = (fileName: string) => new Error(`${fileName}: gzip stream ends early (truncated file?)`);
const corrupt = (fileName: string, member: number, start: number, why: string) =>
  new Error(`${fileName}: gzip data is corrupt (${why}) in member ${member} starting at byte ${start}`);

/** Inflates every member of a gzip stream (the source starts with the gzip magic). */
export async function* gunzipMembers(source: ByteSource, options: GzipOptions): ByteSource {
  const reader = new ByteReader(source);
  try {
    for (let member = 1; ; member++) {
      const start = reader.offset;
      const magic = await reader.read(2);
      if (magic.length === 0 && member > 1) return;
      reader.unread(magic);
      if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
        const extra = await reader.drain();
        options.onWarning?.(
          `${options.fileName}: ${extra} byte${extra === 1 ? '' : 's'} after the last gzip member (from byte ${start}) are not gzip and were ignored`,
        );
        return;
      }
      if (options.engine === 'zlib') yield* zlibMember(reader, options.fileName, member, start);
      else yield* webMember(reader, options.fileName, member, start);
    }
  } finally {
    await reader.close();
  }
}

// ---- Node: header parsed here, body through InflateRaw, trailer checked here ----

async function readHeader(reader: ByteReader, fileName: string, member: number, start: number): Promise<void> {
  const fixed = await reader.read(10);
  if (fixed.length < 10) throw truncated(fileName);
  if (fixed[2] !== 8) throw corrupt(fileName, member, start, `compression method ${fixed[2]}, not deflate`);
  const flags = fixed[3];
  if (flags & 0xe0) throw corrupt(fileName, member, start, 'reserved header flags set');
  if (flags & 4) {
    const xlen = await reader.read(2);
    if (xlen.length < 2) throw truncated(fileName);
    const n = xlen[0] | (xlen[1] << 8);
    if ((await reader.read(n)).length < n) throw truncated(fileName);
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    // A zero-terminated name or comment.
    for (;;) {
      const c = await reader.next();
      if (!c) throw truncated(fileName);
      const zero = c.indexOf(0);
      if (zero >= 0) {
        reader.unread(c.subarray(zero + 1));
        break;
      }
    }
  }
  if (flags & 2 && (await reader.read(2)).length < 2) throw truncated(fileName);
}

async function* zlibMember(reader: ByteReader, fileName: string, member: number, start: number): ByteSource {
  const zlibName = 'node:zlib';
  const zlib: typeof import('node:zlib') = await import(/* @vite-ignore */ zlibName);
  await readHeader(reader, fileName, member, start);
  const inflater = zlib.createInflateRaw({ chunkSize: 1 << 18 });
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  // The chunks fed and not yet wholly consumed: the body's end lies in them, and what follows it goes back to the reader.
  const fed: Uint8Array[] = [];
  let fedAll = 0;
  let stop = false;
  let wake: (() => void) | null = null;
  const ended = () => {
    stop = true;
    wake?.();
  };
  inflater.once('end', ended);
  inflater.once('close', ended);
  inflater.once('error', ended);
  let sourceError: Error | undefined;
  let inputEnded = false;
  const feeding = (async () => {
    try {
      while (!stop) {
        const chunk = await reader.next();
        if (!chunk) {
          inputEnded = true;
          inflater.end();
          return;
        }
        if (stop) {
          reader.unread(chunk);
          return;
        }
        fed.push(chunk);
        fedAll += chunk.length;
        // Chunks wholly consumed can go; the ones after the body's end must stay.
        let firstEnd = fedAll - fed.reduce((n, c) => n + c.length, 0) + fed[0].length;
        while (fed.length > 1 && firstEnd <= inflater.bytesWritten) {
          fed.shift();
          firstEnd += fed[0].length;
        }
        if (!inflater.write(chunk) && !stop) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            inflater.once('drain', resolve);
          });
          wake = null;
        }
      }
    } catch (e) {
      sourceError = e as Error;
      inflater.destroy(sourceError);
    }
  })();
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of inflater) {
      const bytes = chunk as Uint8Array;
      if (crc32) crc = crc32(bytes, crc);
      size = (size + bytes.length) % 4294967296;
      yield bytes;
    }
  } catch (e) {
    if (sourceError) throw sourceError;
    const code = (e as { code?: string }).code;
    throw code === 'Z_BUF_ERROR' || inputEnded ? truncated(fileName) : corrupt(fileName, member, start, (e as Error).message);
  } finally {
    stop = true;
    (wake as (() => void) | null)?.();
    await feeding;
    if (sourceError) throw sourceError;
  }
  // Bytes fed past the body's end go back, to be read as the trailer and what follows.
  let unconsumed = fedAll - inflater.bytesWritten;
  const giveBack: Uint8Array[] = [];
  for (let i = fed.length - 1; i >= 0 && unconsumed > 0; i--) {
    const c = fed[i];
    const take = Math.min(c.length, unconsumed);
    giveBack.push(c.subarray(c.length - take));
    unconsumed -= take;
  }
  inflater.destroy();
  for (const c of giveBack) reader.unread(c);
  const trailer = await reader.read(8);
  if (trailer.length < 8) throw truncated(fileName);
  const view = new DataView(trailer.buffer, trailer.byteOffset, 8);
  if (view.getUint32(4, true) !== size) throw corrupt(fileName, member, start, 'length check failed');
  if (crc32 && view.getUint32(0, true) !== crc >>> 0) throw corrupt(fileName, member, start, 'CRC check failed');
}

// ---- browser: DecompressionStream per member, its end found from the trailer ----

async function* webMember(reader: ByteReader, fileName: string, member: number, start: number): ByteSource {
  // The chunks pulled into the stream, with their absolute offsets: the member ends in one of the last.
  const pulled: { at: number; bytes: Uint8Array }[] = [];
  let inputDone = false;
  let failed = false;
  let pending: Promise<void> = Promise.resolve();
  const input = new ReadableStream<Uint8Array>({
    pull(controller) {
      pending = (async () => {
        if (failed) return;
        const at = reader.offset;
        const next = await reader.next();
        if (!next) {
          inputDone = true;
          controller.close();
          return;
        }
        pulled.push({ at, bytes: next });
        if (pulled.length > 8) pulled.shift();
        try {
          controller.enqueue(next);
        } catch {
          // The stream failed meanwhile: the chunk stays in `pulled` and goes back.
        }
      })();
      return pending;
    },
  });
  const reader2 = input.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader2.read();
    } catch (e) {
      failed = true;
      await pending.catch(() => {});
      const end = memberEnd(pulled, size, start + 20);
      if (end === null) {
        // The browser does not say why; at end of input the usual cause is truncation.
        throw inputDone ? truncated(fileName) : corrupt(fileName, member, start, (e as Error).message);
      }
      // Everything pulled after the member's end goes back to the reader.
      const after: Uint8Array[] = [];
      for (const p of pulled) {
        const from = Math.max(0, end - p.at);
        if (from < p.bytes.length) after.push(p.bytes.subarray(from));
      }
      for (let i = after.length - 1; i >= 0; i--) reader.unread(after[i]);
      return;
    }
    if (next.done) return;
    size = (size + next.value.length) % 4294967296;
    yield next.value;
  }
}

/** Absolute offset just past a gzip trailer whose ISIZE is `size`, in the pulled chunks; null if none. */
function memberEnd(pulled: { at: number; bytes: Uint8Array }[], size: number, minEnd: number): number | null {
  if (pulled.length === 0) return null;
  const base = pulled[0].at;
  const bytes = concatBytes(pulled.map((p) => p.bytes), pulled.reduce((n, p) => n + p.bytes.length, 0));
  const b0 = size & 255;
  const b1 = (size >>> 8) & 255;
  const b2 = (size >>> 16) & 255;
  const b3 = size >>> 24;
  let first = -1;
  for (let i = 8; i + 4 <= bytes.length; i++) {
    if (bytes[i] !== b0 || bytes[i + 1] !== b1 || bytes[i + 2] !== b2 || bytes[i + 3] !== b3) continue;
    const end = i + 4;
    if (base + end < minEnd) continue;
    // A next member right after the trailer settles it; else the first match.
    if (end + 1 < bytes.length && bytes[end] === 0x1f && bytes[end + 1] === 0x8b) return base + end;
    if (first < 0) first = end;
  }
  return first < 0 ? null : base + first;
}
