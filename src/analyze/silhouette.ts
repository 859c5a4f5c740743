// Per-sender silhouette with cosine distance (scikit-learn's
// silhouette_samples(metric='cosine')), exact for any n: the WebAssembly kernel
// uses per-cluster sums of the normalised rows (assembly/silhouette.ts), so the
// cost is O(n * clusters * dim) rather than O(n^2 * dim). No sampling needed.
import { createKernelSession, type KernelSession } from '../kernels/kernel-session';
import { inThreadExecutor, type ProgressFn, type RowExecutor } from '../kernels/executor';
import { loadNormalizedRows } from './knn';

export interface SilhouetteOptions {
  executor?: RowExecutor;
  onProgress?: ProgressFn;
  session?: KernelSession;
}

/**
 * s(i) = (b - a) / max(a, b) per sender; 0 for a sender alone in its cluster
 * (as scikit-learn) and for everyone when there is a single cluster (where
 * scikit-learn refuses). clusters: id >= 0 per sender, ids need not be dense.
 */
export async function silhouetteSamples(
  vectors: Float32Array, n: number, dim: number, clusters: Int32Array, options: SilhouetteOptions = {},
): Promise<Float32Array> {
  if (clusters.length !== n) throw new RangeError(`clusters has ${clusters.length} entries, expected ${n}`);
  if (n === 0) return new Float32Array(0);
  const executor = options.executor ?? inThreadExecutor;
  const session = options.session ?? (await createKernelSession(executor.needsSharedMemory));
  const { layout } = session;
  const dense = denseIds(clusters);
  const count = dense.count;
  const { x, stride } = loadNormalizedRows(session, vectors, n, dim);
  const rowsView = layout.f32(x, n * stride);
  // Sums in double precision, then rounded once: a cluster may hold 10^5 rows.
  const sums64 = new Float64Array(count * stride);
  const counts = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    const c = dense.ids[i];
    counts[c]++;
    const at = c * stride, from = i * stride;
    for (let d = 0; d < stride; d++) sums64[at + d] += rowsView[from + d];
  }
  const labelsAt = layout.alloc(n * 4);
  layout.i32(labelsAt, n).set(dense.ids);
  const sumsAt = layout.alloc(count * stride * 4);
  layout.f32(sumsAt, count * stride).set(sums64);
  const countsAt = layout.alloc(count * 4);
  layout.i32(countsAt, count).set(counts);
  const out = layout.alloc(n * 4);
  await executor.run(session, {
    kind: 'silhouette', x, stride, labels: labelsAt, sums: sumsAt, counts: countsAt, clusters: count, out,
  }, n, options.onProgress);
  return layout.f32(out, n).slice();
}

function denseIds(clusters: Int32Array): { ids: Int32Array; count: number } {
  const map = new Map<number, number>();
  const ids = new Int32Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    if (!(c >= 0)) throw new RangeError(`cluster id of sender ${i} is ${c}; ids must be >= 0`);
    let d = map.get(c);
    if (d === undefined) map.set(c, (d = map.size));
    ids[i] = d;
  }
  return { ids, count: map.size };
}

export interface SilhouetteSummary {
  /** Mean silhouette per cluster id 0..max id (NaN for an id with no sender). */
  clusterMeans: Float64Array;
  clusterSizes: Int32Array;
  /** Share of (non-empty) clusters whose mean is > 0 (the paper: 74% of 46 clusters). */
  positiveClusterShare: number;
  mean: number;
}

export function summarizeSilhouette(samples: Float32Array, clusters: Int32Array): SilhouetteSummary {
  let max = -1;
  for (const c of clusters) if (c > max) max = c;
  const sums = new Float64Array(max + 1);
  const sizes = new Int32Array(max + 1);
  let total = 0;
  for (let i = 0; i < clusters.length; i++) {
    sums[clusters[i]] += samples[i];
    sizes[clusters[i]]++;
    total += samples[i];
  }
  const clusterMeans = sums.map((s, c) => (sizes[c] > 0 ? s / sizes[c] : NaN));
  let nonEmpty = 0, positive = 0;
  clusterMeans.forEach((m, c) => {
    if (sizes[c] === 0) return;
    nonEmpty++;
    if (m > 0) positive++;
  });
  return {
    clusterMeans, clusterSizes: sizes,
    positiveClusterShare: nonEmpty > 0 ? positive / nonEmpty : 0,
    mean: clusters.length > 0 ? total / clusters.length : NaN,
  };
}

export interface Ecdf {
  /** Sorted values (at most maxPoints of them, evenly spaced in rank). */
  x: Float32Array;
  /** Share of samples <= x. */
  y: Float32Array;
}

/** The empirical CDF, thinned to at most maxPoints steps for plotting. */
export function ecdf(values: Float32Array, maxPoints = 1000): Ecdf {
  const sorted = Float32Array.from(values).sort();
  const n = sorted.length;
  if (n <= maxPoints) return { x: sorted, y: Float32Array.from(sorted, (_, i) => (i + 1) / n) };
  const x = new Float32Array(maxPoints);
  const y = new Float32Array(maxPoints);
  for (let p = 0; p < maxPoints; p++) {
    const i = Math.round(((p + 1) * n) / maxPoints) - 1;
    x[p] = sorted[i];
    y[p] = (i + 1) / n;
  }
  return { x, y };
}
