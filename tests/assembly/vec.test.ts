import { expect, it } from 'vitest';
import { createKernelMemory, instantiateKernels } from '../../src/kernels/kernel-module';
import { MemoryLayout } from '../../src/kernels/memory-layout';

it('dot over padded rows matches a plain loop', async () => {
  const memory = createKernelMemory(false, 1);
  const kernels = await instantiateKernels(memory);
  const layout = new MemoryLayout(memory, kernels.heapBase());
  const stride = 52;
  const a = layout.alloc(stride * 4);
  const b = layout.alloc(stride * 4);
  const va = layout.f32(a, stride);
  const vb = layout.f32(b, stride);
  let expected = 0;
  for (let i = 0; i < 50; i++) {
    va[i] = Math.fround(Math.sin(i));
    vb[i] = Math.fround(Math.cos(i * 0.3));
    expected += va[i] * vb[i];
  }
  const dotRows = kernels.dotRows as (a: number, b: number, s: number) => number;
  expect(dotRows(a, b, stride)).toBeCloseTo(expected, 5);
});
