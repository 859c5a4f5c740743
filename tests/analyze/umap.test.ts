import { describe, expect, it } from 'vitest';
import { allKnn } from '../../src/analyze/knn';
import { fitCurve, fuzzySimplicialSet, umapProject } from '../../src/analyze/umap';
import { clusteredVectors } from './synthetic';

describe('umapProject', () => {
  it('separates well-separated clusters, replays from its seed and reports progress', async () => {
    const s = clusteredVectors(600, 16, 3, 12, 0.05);
    const knn = await allKnn(s.vectors, s.n, s.dim, 14);
    let calls = 0;
    const r = umapProject(knn, { epochs: 120, seed: 3, onProgress: () => void calls++ });
    expect(calls).toBe(120);
    expect(Array.from(umapProject(knn, { epochs: 120, seed: 3 }).points)).toEqual(Array.from(r.points));
    // Each point's nearest point in the layout belongs to its own cluster.
    let same = 0;
    for (let i = 0; i < s.n; i++) {
      let best = Infinity, bestJ = -1;
      for (let j = 0; j < s.n; j++) {
        if (j === i) continue;
        const d = (r.points[2 * i] - r.points[2 * j]) ** 2 + (r.points[2 * i + 1] - r.points[2 * j + 1]) ** 2;
        if (d < best) { best = d; bestJ = j; }
      }
      if (s.truth[bestJ] === s.truth[i]) same++;
    }
    expect(same / s.n).toBeGreaterThan(0.98);
    expect(umapProject(knn, { epochs: 50, onProgress: (d) => d < 10 }).epochs).toBe(10);
  });

  it('fits umap-learn\'s a, b for min_dist 0.1, spread 1', () => {
    const { a, b } = fitCurve(0.1, 1);
    expect(a).toBeCloseTo(1.577, 2);
    expect(b).toBeCloseTo(0.895, 2);
  });

  it('builds a symmetric fuzzy union with weights in (0, 1]', () => {
    const knn = { n: 3, k: 2, indices: Int32Array.from([1, 2, 0, 2, 1, 0]), similarities: Float32Array.from([0.9, 0.5, 0.9, 0.8, 0.8, 0.5]) };
    const g = fuzzySimplicialSet(knn, 3);
    const w = new Map<string, number>();
    g.head.forEach((h, e) => w.set(`${h}-${g.tail[e]}`, g.weight[e]));
    for (const [key, v] of w) {
      const [i, j] = key.split('-');
      expect(w.get(`${j}-${i}`)).toBe(v);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // Each point's nearest neighbour is at distance rho: membership 1.
    expect(w.get('0-1')).toBe(1);
  });
});
