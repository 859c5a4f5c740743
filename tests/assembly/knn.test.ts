import { describe, expect, it } from 'vitest';
import { createKernelSession } from '../../src/kernels/kernel-session';
import { packVectors, knnOverPacked } from '../../src/analyze/knn';
import { inThreadExecutor } from '../../src/kernels/executor';
import { seededRandom } from '../../src/analyze/random';
import { knnRef } from './analysis-reference';

function randomVectors(n: number, dim: number, seed: number): Float32Array {
  const r = seededRandom(seed);
  return Float32Array.from({ length: n * dim }, () => r() - 0.5);
}

describe('knnUpdate kernel', () => {
  it('matches the brute-force reference for odd sizes, dims and tiles', async () => {
    for (const [n, dim, k, tile] of [[37, 5, 4, 1], [101, 50, 7, 3], [64, 13, 15, 128]] as const) {
      const v = randomVectors(n, dim, n + dim);
      const session = await createKernelSession();
      const packed = packVectors(session, v, n, dim);
      const got = await knnOverPacked(session, packed, k, inThreadExecutor, { tilePanels: tile });
      const ref = knnRef(v, n, dim, k);
      for (let i = 0; i < n; i++) {
        expect(Array.from(got.indices.subarray(i * k, i * k + k))).toEqual(ref.indices[i]);
        for (let j = 0; j < k; j++) expect(got.similarities[i * k + j]).toBeCloseTo(ref.sims[i][j], 5);
      }
    }
  });

  it('packs 8 candidates per panel, dimension-major', async () => {
    const session = await createKernelSession();
    const n = 9, dim = 3;
    const v = Float32Array.from({ length: n * dim }, (_, i) => (i % dim === 0 ? 1 : 0) * (1 + i));
    const packed = packVectors(session, v, n, dim);
    const panel = session.layout.f32(packed.panels, 16 * dim);
    // Every row is (x, 0, 0) normalised to (1, 0, 0): dimension 0 of the first panel is all ones.
    expect(Array.from(panel.subarray(0, 8))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(panel.subarray(8, 16))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // The second panel holds row 8 and seven zero padding rows.
    expect(Array.from(panel.subarray(24, 32))).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });
});
