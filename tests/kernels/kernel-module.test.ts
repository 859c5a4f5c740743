import { describe, expect, it } from 'vitest';
import { createKernelMemory, instantiateKernels } from '../../src/kernels/kernel-module';
import { MemoryLayout } from '../../src/kernels/memory-layout';

describe('kernel module', () => {
  it.each([false, true])('instantiates over a %s-shared memory and reports a heap base', async (shared) => {
    const memory = createKernelMemory(shared, 1);
    const kernels = await instantiateKernels(memory);
    const base = kernels.heapBase();
    expect(base % 16).toBe(0);
    expect(base).toBeLessThan(65536);
  });

  it('lays out aligned regions and grows the memory', async () => {
    const memory = createKernelMemory(false, 1);
    const layout = new MemoryLayout(memory, (await instantiateKernels(memory)).heapBase());
    const a = layout.alloc(10);
    const b = layout.alloc(200_000);
    expect(b - a).toBe(16);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b + 200_000);
    layout.f32(b, 50_000).fill(1);
    expect(layout.f32(b, 50_000)[49_999]).toBe(1);
  });
});
