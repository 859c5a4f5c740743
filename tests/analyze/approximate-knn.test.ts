import { describe, expect, it } from 'vitest';
import { allKnn } from '../../src/analyze/knn';
import { approximateKnn, knnRecall } from '../../src/analyze/approximate-knn';
import { nearestNeighbours } from '../../src/analyze/nearest-neighbours';
import { clusteredVectors } from './synthetic';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('approximateKnn', () => {
  it('finds >= 95% of the exact neighbours of clustered data, with exact similarities, and estimates its recall', async () => {
    const s = clusteredVectors(6000, 32, 40, 5, 0.12);
    const exact = await allKnn(s.vectors, s.n, s.dim, 7);
    const progress: number[] = [];
    const approx = await approximateKnn(s.vectors, s.n, s.dim, 7, { probes: 8, seed: 1, onProgress: (done, total) => progress.push(done / total) });
    expect(approx.approximate).toBe(true);
    // 8 probes of 77 lists: the bar must move through the search, not sit at 8/77 until the end.
    expect(approx.probes).toBe(8);
    expect(progress.some((p) => p >= 0.4 && p < 0.9)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(approx.lists).toBe(Math.round(Math.sqrt(6000)));
    const recall = knnRecall(approx, all(s.n), exact.indices);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(approx.recallEstimate - recall)).toBeLessThan(0.03);
    // A neighbour found is a true neighbour candidate: its similarity is the exact one.
    for (let i = 0; i < 200; i++) {
      const j = approx.indices[i * 7];
      let dot = 0, ni = 0, nj = 0;
      for (let d = 0; d < s.dim; d++) {
        dot += s.vectors[i * s.dim + d] * s.vectors[j * s.dim + d];
        ni += s.vectors[i * s.dim + d] ** 2;
        nj += s.vectors[j * s.dim + d] ** 2;
      }
      expect(approx.similarities[i * 7]).toBeCloseTo(dot / Math.sqrt(ni * nj), 5);
      expect(j).not.toBe(i);
    }
  });

  it('doubles the probes until the sampled recall reaches the target', async () => {
    const s = clusteredVectors(3000, 32, 30, 8, 0.3); // noisy: neighbours cross lists
    const exact = await allKnn(s.vectors, s.n, s.dim, 5);
    const few = await approximateKnn(s.vectors, s.n, s.dim, 5, { probes: 2, targetRecall: 0, refineRounds: 0 });
    const progress: number[] = [];
    const more = await approximateKnn(s.vectors, s.n, s.dim, 5, {
      probes: 2, targetRecall: 0.97, maxProbes: 1000, onProgress: (done, total) => progress.push(done / total),
    });
    expect(few.probes).toBe(2);
    // Across the doubling stages the bar never goes back.
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress.at(-1)).toBe(1);
    expect(more.probes).toBeGreaterThan(2);
    expect(more.recallEstimate).toBeGreaterThanOrEqual(0.97);
    expect(knnRecall(more, all(s.n), exact.indices)).toBeGreaterThan(knnRecall(few, all(s.n), exact.indices));
  });

  it('nearestNeighbours picks the exact search below the threshold', async () => {
    const s = clusteredVectors(300, 8, 4, 2);
    expect((await nearestNeighbours(s.vectors, s.n, s.dim, 3)).approximate).toBeFalsy();
    expect((await nearestNeighbours(s.vectors, s.n, s.dim, 3, { approximateAbove: 100 })).approximate).toBe(true);
  });
});
