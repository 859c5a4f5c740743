import { describe, expect, it } from 'vitest';
import { allKnn, truncateKnn } from '../../src/analyze/knn';
import { createKernelPool as createNodeRowPool } from '../../src/kernels/pool';
import { clusteredVectors } from './synthetic';
import { fixture } from './fixture';

describe('allKnn', () => {
  it('matches scikit-learn NearestNeighbors(metric=cosine, brute) to 1e-5', async () => {
    const { n, dim, k } = fixture;
    const knn = await allKnn(Float32Array.from(fixture.vectors), n, dim, k);
    expect(knn.k).toBe(k);
    expect(Array.from(knn.indices)).toEqual(fixture.knnIndices);
    fixture.knnDistances.forEach((d, i) => expect(Math.abs(1 - knn.similarities[i] - d)).toBeLessThan(1e-5));
  });

  it('breaks ties by the lower index and excludes the sender itself', async () => {
    // Rows 0, 2, 3 point the same way; row 1 is opposite; row 4 is orthogonal.
    const v = Float32Array.from([1, 0, -2, 0, 3, 0, 0.5, 0, 0, 1]);
    const knn = await allKnn(v, 5, 2, 3);
    expect(Array.from(knn.indices.subarray(0, 3))).toEqual([2, 3, 4]);
    expect(Array.from(knn.indices.subarray(3 * 3, 3 * 3 + 3))).toEqual([0, 2, 4]);
    expect(Array.from(knn.similarities.subarray(0, 3))).toEqual([1, 1, 0]);
    expect(Array.from(knn.indices.subarray(3, 6))).toEqual([4, 0, 2]);
    expect(knn.similarities[5]).toBeCloseTo(-1, 6);
  });

  it('caps k at n - 1 and handles tiny inputs', async () => {
    const v = Float32Array.from([1, 0, 0, 1, 1, 1]);
    const knn = await allKnn(v, 3, 2, 10);
    expect(knn.k).toBe(2);
    expect(Array.from(knn.indices)).toEqual([2, 1, 2, 0, 0, 1]);
    expect((await allKnn(new Float32Array(2), 1, 2, 3)).k).toBe(0);
    await expect(allKnn(v, 3, 2, 0)).rejects.toThrow(/positive integer/);
  });

  it('gives zero vectors similarity 0 to everyone', async () => {
    const v = Float32Array.from([0, 0, 1, 0, 0, 1, -1, -1]);
    const knn = await allKnn(v, 4, 2, 3);
    // Row 0 (zero) sees every other row at similarity 0, in index order.
    expect(Array.from(knn.indices.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(knn.similarities.subarray(0, 3))).toEqual([0, 0, 0]);
    // Row 3 is opposite-ish to 1 and 2: the zero row (similarity 0) comes first.
    expect(knn.indices[9]).toBe(0);
  });

  it('gives the same answer in a pool of 2 workers over shared memory', async () => {
    const s = clusteredVectors(803, 24, 9, 11);
    const local = await allKnn(s.vectors, s.n, s.dim, 5);
    const pool = createNodeRowPool(2);
    try {
      let last = 0;
      const shared = await allKnn(s.vectors, s.n, s.dim, 5, { executor: pool, onProgress: (d, t) => (last = d / t) });
      expect(Array.from(shared.indices)).toEqual(Array.from(local.indices));
      expect(Array.from(shared.similarities)).toEqual(Array.from(local.similarities));
      expect(last).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('truncates to the first columns', async () => {
    const s = clusteredVectors(50, 8, 3, 2);
    const knn = await allKnn(s.vectors, 50, 8, 6);
    const t = truncateKnn(knn, 2);
    expect(t.k).toBe(2);
    expect(Array.from(t.indices.subarray(2, 4))).toEqual(Array.from(knn.indices.subarray(6, 8)));
  });
});
