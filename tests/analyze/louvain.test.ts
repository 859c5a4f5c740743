import { describe, expect, it } from 'vitest';
import { allKnn, type KnnResult } from '../../src/analyze/knn';
import { buildKnnGraph, modularity } from '../../src/analyze/knn-graph';
import { louvainClusters, louvainOnGraph, modularityCurve, relabelBySize } from '../../src/analyze/louvain';
import { clusteredVectors } from './synthetic';

describe('buildKnnGraph', () => {
  it('makes one undirected edge per neighbour pair, weighted by similarity clamped at 0', () => {
    const knn: KnnResult = { n: 3, k: 2, indices: Int32Array.from([1, 2, 0, 2, 1, 0]), similarities: Float32Array.from([0.9, -0.2, 0.9, 0.4, 0.4, -0.2]) };
    const g = buildKnnGraph(knn, 2);
    expect(Array.from(g.source)).toEqual([0, 0, 1]);
    expect(Array.from(g.target)).toEqual([1, 2, 2]);
    expect(Array.from(g.weight)).toEqual([Math.fround(0.9), 0, Math.fround(0.4)]);
    expect(buildKnnGraph(knn, 1).source.length).toBe(2);
  });

  it('computes modularity by hand: two triangles joined by one edge', () => {
    const g = { n: 6, source: Int32Array.from([0, 0, 1, 3, 3, 4, 2]), target: Int32Array.from([1, 2, 2, 4, 5, 5, 3]), weight: new Float32Array(7).fill(1) };
    // m = 7; each side: 3 inner edges, degree sum 7. Q = 2 * (3/7 - (7/14)^2).
    expect(modularity(g, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(2 * (3 / 7 - 0.25), 12);
    const found = louvainOnGraph(g, { seed: 1 });
    expect(found.count).toBe(2);
    expect(Array.from(found.clusters)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(found.modularity).toBeCloseTo(2 * (3 / 7 - 0.25), 10);
  });
});

describe('louvainClusters', () => {
  it('finds obvious communities of a clustered embedding, reproducibly', async () => {
    const s = clusteredVectors(600, 16, 6, 4, 0.08);
    const knn = await allKnn(s.vectors, s.n, s.dim, 14);
    const c = louvainClusters(knn, { k: 3, seed: 7 });
    expect(c.count).toBeGreaterThanOrEqual(6);
    // Every found community sits inside one true cluster, and the big ones are whole.
    const trueOf = new Map<number, number>();
    for (let i = 0; i < s.n; i++) {
      const t = trueOf.get(c.clusters[i]);
      if (t === undefined) trueOf.set(c.clusters[i], s.truth[i]);
      else expect(t).toBe(s.truth[i]);
    }
    expect(c.modularity).toBeGreaterThan(0.7);
    expect(c.modularity).toBeCloseTo(modularity(buildKnnGraph(knn, 3), c.clusters), 10);
    expect(Array.from(louvainClusters(knn, { k: 3, seed: 7 }).clusters)).toEqual(Array.from(c.clusters));
    const curve = modularityCurve(knn, 4, { seed: 7 });
    expect(Array.from(curve.k)).toEqual([1, 2, 3, 4]);
    expect(curve.modularity[2]).toBeCloseTo(c.modularity, 10);
    expect(curve.clusters[2]).toBe(c.count);
  });
});

it('relabelBySize numbers the largest cluster 0', () => {
  const r = relabelBySize(Int32Array.from([7, 3, 3, 9, 3, 7]));
  expect(Array.from(r.clusters)).toEqual([1, 0, 0, 2, 0, 1]);
  expect(Array.from(r.sizes)).toEqual([3, 2, 1]);
});
