import { expect, it } from 'vitest';
import { kmeansClusters } from '../../src/analyze/kmeans';
import { clusteredVectors } from './synthetic';

it('k-means++ recovers well-separated clusters and replays from its seed', async () => {
  const s = clusteredVectors(400, 10, 4, 9, 0.05);
  const a = await kmeansClusters(s.vectors, s.n, s.dim, 4, { seed: 3 });
  const b = await kmeansClusters(s.vectors, s.n, s.dim, 4, { seed: 3 });
  expect(Array.from(a.clusters)).toEqual(Array.from(b.clusters));
  expect(a.count).toBe(4);
  const map = new Map<number, number>();
  for (let i = 0; i < s.n; i++) {
    const m = map.get(a.clusters[i]);
    if (m === undefined) map.set(a.clusters[i], s.truth[i]);
    else expect(m).toBe(s.truth[i]);
  }
  expect(a.inertia).toBeGreaterThan(0);
  expect(a.iterations).toBeGreaterThan(0);
});

it('hand case: k >= n puts every point alone; duplicates share a cluster', async () => {
  const v = Float32Array.from([1, 0, 2, 0, 0, 1]);
  const all = await kmeansClusters(v, 3, 2, 5, { seed: 1 });
  expect(all.k).toBe(3);
  // Rows 0 and 1 normalise to the same point: two clusters, distance 0.
  expect(all.clusters[0]).toBe(all.clusters[1]);
  expect(all.inertia).toBe(0);
  const two = await kmeansClusters(v, 3, 2, 2, { seed: 1 });
  expect(Array.from(two.clusters)).toEqual([0, 0, 1]);
  await expect(kmeansClusters(v, 3, 2, 0)).rejects.toThrow(/k >= 1/);
});
