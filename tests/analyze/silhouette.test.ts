import { describe, expect, it } from 'vitest';
import { ecdf, silhouetteSamples, summarizeSilhouette } from '../../src/analyze/silhouette';
import { fixture } from './fixture';

describe('silhouetteSamples', () => {
  it('matches scikit-learn silhouette_samples(metric=cosine) to 1e-5, with a zero vector and a one-member cluster', async () => {
    const s = await silhouetteSamples(Float32Array.from(fixture.silhouetteVectors), fixture.n, fixture.dim, Int32Array.from(fixture.silhouetteLabels));
    fixture.silhouette.forEach((ref, i) => expect(Math.abs(s[i] - ref)).toBeLessThan(1e-5));
  });

  it('hand case: two tight opposite pairs', async () => {
    // Cluster 0: (1,0), (1,0.1); cluster 1: (-1,0), (-1,-0.1). a ~ 0.005, b ~ 2.
    const v = Float32Array.from([1, 0, 1, 0.1, -1, 0, -1, -0.1]);
    const s = await silhouetteSamples(v, 4, 2, Int32Array.from([0, 0, 5, 5]));
    const cos = 1 / Math.sqrt(1.01);
    const a = 1 - cos;
    const b = (2 + (1 + cos)) / 2; // distances 1-(-1)=2 and 1+cos
    expect(s[0]).toBeCloseTo((b - a) / b, 5);
    // One cluster only: silhouette undefined, we give 0.
    expect(Array.from(await silhouetteSamples(v, 4, 2, new Int32Array(4)))).toEqual([0, 0, 0, 0]);
    await expect(silhouetteSamples(v, 4, 2, Int32Array.from([0, -1, 0, 0]))).rejects.toThrow(/>= 0/);
  });

  it('summarises per cluster and as an ECDF', () => {
    const samples = Float32Array.from([0.5, -0.5, 1, -0.2, 0.3]);
    const clusters = Int32Array.from([0, 0, 1, 2, 2]);
    const sum = summarizeSilhouette(samples, clusters);
    expect(Array.from(sum.clusterMeans)).toEqual([0, 1, expect.closeTo(0.05, 6)]);
    expect(sum.positiveClusterShare).toBeCloseTo(2 / 3, 10);
    const e = ecdf(samples);
    expect(Array.from(e.x)).toEqual(Array.from(Float32Array.from([-0.5, -0.2, 0.3, 0.5, 1])));
    expect(Array.from(e.y)).toEqual(Array.from(Float32Array.from([0.2, 0.4, 0.6, 0.8, 1])));
    const thin = ecdf(Float32Array.from({ length: 1000 }, (_, i) => i), 10);
    expect(thin.x.length).toBe(10);
    expect(thin.x[9]).toBe(999);
    expect(thin.y[0]).toBeCloseTo(0.1, 6);
  });
});
