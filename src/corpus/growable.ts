// Append-only typed arrays: the corpus is built from streams of unknown length
// without ever holding a JS array of numbers.

type TypedArrayConstructor<T> = { new (length: number): T };
type NumericArray = Int32Array | Float64Array | Uint16Array | Uint8Array | Uint32Array;

export class Growable<T extends NumericArray> {
  data: T;
  length = 0;

  constructor(
    private readonly make: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new make(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  grow(minimum: number): void {
    if (minimum <= this.data.length) return;
    const next = new this.make(Math.max(minimum, Math.ceil(this.data.length * 1.5)));
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  /** A copy of exactly the filled part. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Int32 values appended in fixed-size blocks, so growing never copies what is
 * there. `drainTo` lets each block go once copied, so the garbage collector
 * may reclaim them while a month's corpus (0.4 GB) is joined.
 */
export class BlockInt32 {
  private blocks: Int32Array[] = [];
  private block: Int32Array;
  private used = 0;
  length = 0;

  constructor(private readonly blockSize = 1 << 16) {
    this.block = new Int32Array(blockSize);
  }

  push(value: number): void {
    if (this.used === this.blockSize) {
      this.blocks.push(this.block);
      this.block = new Int32Array(this.blockSize);
      this.used = 0;
    }
    this.block[this.used++] = value;
    this.length++;
  }

  /** Moves every value into `out` from `at`, releasing each block once copied; leaves this empty. */
  drainTo(out: Int32Array, at: number): void {
    const blocks = this.blocks;
    this.blocks = [];
    for (let i = 0; i < blocks.length; i++) {
      out.set(blocks[i], at);
      at += blocks[i].length;
      blocks[i] = EMPTY;
    }
    out.set(this.block.subarray(0, this.used), at);
    this.block = new Int32Array(this.blockSize);
    this.used = 0;
    this.length = 0;
  }
}

const EMPTY = new Int32Array(0);
