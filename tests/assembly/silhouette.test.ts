import { expect, it } from 'vitest';
import { silhouetteSamples } from '../../src/analyze/silhouette';
import { seededRandom } from '../../src/analyze/random';
import { silhouetteRef } from './analysis-reference';

it('silhouetteRows (cluster sums) equals the O(n^2) definition', async () => {
  const r = seededRandom(3);
  const n = 150, dim = 11;
  const v = Float32Array.from({ length: n * dim }, () => r() - 0.5);
  const labels = Int32Array.from({ length: n }, (_, i) => (i * 7) % 5);
  labels[10] = 42; // a one-member cluster
  v.fill(0, 20 * dim, 21 * dim); // a zero vector
  const got = await silhouetteSamples(v, n, dim, labels);
  const ref = silhouetteRef(v, n, dim, labels);
  expect(got[10]).toBe(0);
  for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(ref[i], 5);
});
