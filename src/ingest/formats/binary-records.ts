// Framing for binary capture formats: bytes arrive in chunks of any size and a
// record may straddle them. Whole records are decoded straight out of each
// chunk; only a record cut by a chunk boundary is copied, into a small pending
// buffer that never grows past the largest record the format accepts.
import type { TraceDecoder } from '../packet-sink';

/** A capture that cannot be decoded; `offset` is the byte position in the (decompressed) input. */
export class TraceFormatError extends Error {
  constructor(
    readonly format: string,
    readonly offset: number,
    problem: string,
    fileName?: string,
  ) {
    super(`${fileName ? `${fileName}: ` : ''}${format}: ${problem} at byte ${offset}`);
    this.name = 'TraceFormatError';
  }
}

export abstract class BinaryRecordDecoder implements TraceDecoder {
  /**
   * Bytes needed from where the last `parse` stopped before it can make
   * progress (a header, or a whole record once the header is known).
   */
  protected want = 0;
  /** Bytes to pass over without buffering (e.g. a large block of a type we don't read). */
  protected skipBytes = 0;
  /** Absolute input offset of `bytes[0]` during a `parse` call: absolute = base + index. */
  protected base = 0;
  private consumed = 0;
  private pending = new Uint8Array(1024);
  private pendingView = new DataView(this.pending.buffer);
  private pendingLength = 0;

  /** `fileName`, when given, starts every error message. */
  constructor(
    protected readonly format: string,
    protected readonly fileName?: string,
  ) {}

  /**
   * Decodes whole units from bytes[start, end) and returns how many bytes it
   * consumed. It stops at the first incomplete unit and sets `want`.
   */
  protected abstract parse(bytes: Uint8Array, view: DataView, start: number, end: number): number;

  /** Called by `end` once all bytes are consumed; throws if the input was unusable (e.g. empty). */
  protected abstract finish(): void;

  protected fail(offset: number, problem: string): never {
    throw new TraceFormatError(this.format, offset, problem, this.fileName);
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let pos = 0;
    let view: DataView | null = null;
    while (pos < n) {
      if (this.skipBytes > 0) {
        const k = Math.min(this.skipBytes, n - pos);
        this.skipBytes -= k;
        this.consumed += k;
        pos += k;
        continue;
      }
      if (this.pendingLength > 0) {
        const k = Math.min(this.want - this.pendingLength, n - pos);
        this.appendPending(chunk, pos, k);
        pos += k;
        if (this.pendingLength < this.want) break;
        this.parsePending();
        continue;
      }
      view ??= new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.base = this.consumed - pos;
      const used = this.parse(chunk, view, pos, n);
      pos += used;
      this.consumed += used;
      if (this.skipBytes > 0) continue;
      if (pos < n) {
        this.checkProgress(n - pos);
        this.appendPending(chunk, pos, n - pos);
        pos = n;
      }
    }
  }

  end(): void {
    if (this.pendingLength > 0 || this.skipBytes > 0) {
      const missing = this.skipBytes > 0 ? this.skipBytes : this.want - this.pendingLength;
      this.fail(this.consumed, `input ends inside a record (${missing} more bytes expected)`);
    }
    this.finish();
  }

  private parsePending(): void {
    this.base = this.consumed;
    const used = this.parse(this.pending, this.pendingView, 0, this.pendingLength);
    this.consumed += used;
    let left = this.pendingLength - used;
    let from = used;
    if (this.skipBytes > 0 && left > 0) {
      const k = Math.min(this.skipBytes, left);
      this.skipBytes -= k;
      this.consumed += k;
      from += k;
      left -= k;
    }
    if (left > 0) {
      this.checkProgress(left);
      this.pending.copyWithin(0, from, from + left);
    }
    this.pendingLength = left;
  }

  private checkProgress(available: number): void {
    // A parse that stops early must ask for more than it had, or we would spin.
    if (this.want <= available) {
      this.fail(this.consumed, `decoder stopped short (internal error, want ${this.want})`);
    }
  }

  private appendPending(chunk: Uint8Array, from: number, count: number): void {
    const needed = Math.max(this.pendingLength + count, this.want);
    if (needed > this.pending.length) {
      let size = this.pending.length;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
      this.pendingView = new DataView(grown.buffer);
    }
    this.pending.set(chunk.subarray(from, from + count), this.pendingLength);
    this.pendingLength += count;
  }
}
