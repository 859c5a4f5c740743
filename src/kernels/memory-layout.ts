import { PAGE_BYTES, MAX_PAGES } from './kernel-module';

/**
 * Hands out 16-byte-aligned regions of a kernel memory from heapBase upwards,
 * growing the memory as needed. Regions live until reset(): kernels run on a
 * few big arrays whose lifetimes are the same as one job's.
 */
export class MemoryLayout {
  private top: number;

  constructor(readonly memory: WebAssembly.Memory, private readonly base: number) {
    this.top = align16(base);
  }

  /** Byte offset of a fresh region of `bytes` bytes, zero-filled on first use of fresh pages. */
  alloc(bytes: number): number {
    const offset = this.top;
    const end = align16(offset + bytes);
    const needPages = Math.ceil(end / PAGE_BYTES);
    const havePages = this.memory.buffer.byteLength / PAGE_BYTES;
    if (needPages > MAX_PAGES) {
      throw new RangeError(`kernel memory would exceed 4 GiB (${(end / 2 ** 30).toFixed(2)} GiB asked)`);
    }
    if (needPages > havePages) this.memory.grow(needPages - havePages);
    this.top = end;
    return offset;
  }

  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  get used(): number {
    return this.top;
  }

  reset(): void {
    this.top = align16(this.base);
  }
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
