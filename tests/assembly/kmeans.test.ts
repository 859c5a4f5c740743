import { expect, it } from 'vitest';
import { createKernelSession } from '../../src/kernels/kernel-session';
import { seededRandom } from '../../src/analyze/random';
import { assignRef } from './analysis-reference';

it('kmeansAssign and kmeansMinDist match the reference', async () => {
  const r = seededRandom(5);
  const n = 57, dim = 6, stride = 8, k = 5;
  const s = await createKernelSession();
  const x = s.layout.alloc(n * stride * 4);
  const c = s.layout.alloc(k * stride * 4);
  const half = s.layout.alloc(k * 4);
  const assign = s.layout.alloc(n * 4);
  const dist = s.layout.alloc(n * 4);
  const xs = new Float64Array(n * dim), cs = new Float64Array(k * dim);
  const xv = s.layout.f32(x, n * stride), cv = s.layout.f32(c, k * stride);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) xs[i * dim + d] = xv[i * stride + d] = Math.fround(r() - 0.5);
  for (let j = 0; j < k; j++) {
    let h = 0;
    for (let d = 0; d < dim; d++) { cs[j * dim + d] = cv[j * stride + d] = Math.fround(r() - 0.5); h += cv[j * stride + d] ** 2; }
    s.layout.f32(half, k)[j] = h / 2;
  }
  s.kernels.kmeansAssign(x, stride, 0, n, c, half, k, assign, dist);
  const ref = assignRef(xs, n, dim, cs, k);
  expect(Array.from(s.layout.i32(assign, n))).toEqual(ref.assign);
  ref.dist.forEach((d, i) => expect(s.layout.f32(dist, n)[i]).toBeCloseTo(d, 5));

  const minDist = s.layout.alloc(n * 4);
  s.layout.f32(minDist, n).fill(Infinity);
  for (let j = 0; j < k; j++) s.kernels.kmeansMinDist(x, stride, 0, n, c + j * stride * 4, minDist);
  ref.dist.forEach((d, i) => expect(s.layout.f32(minDist, n)[i]).toBeCloseTo(d, 5));
});
