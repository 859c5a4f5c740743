// k-means on L2-normalised vectors (the paper's alternative to Louvain):
// k-means++ seeding from a seed, then Lloyd iterations; assignment in
// WebAssembly, centroid means in double precision here.
import { createKernelSession, type KernelSession } from '../kernels/kernel-session';
import { inThreadExecutor, type RowExecutor } from '../kernels/executor';
import { loadNormalizedRows } from './knn';
import { seededRandom } from './random';
import { relabelBySize, type Clustering } from './louvain';

export interface KmeansOptions {
  seed?: number;
  maxIterations?: number;
  /** Stop when no sender changes cluster or inertia improves by less than this share. */
  tolerance?: number;
  executor?: RowExecutor;
  session?: KernelSession;
}

export interface KmeansClustering extends Clustering {
  k: number;
  /** Sum of squared distances to the nearest centroid. */
  inertia: number;
  /** count x dim centroids (of the normalised vectors), in cluster-id order. */
  centroids: Float32Array;
  iterations: number;
}

export async function kmeansClusters(vectors: Float32Array, n: number, dim: number, k: number, options: KmeansOptions = {}): Promise<KmeansClustering> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k-means needs k >= 1, got ${k}`);
  if (n === 0) return { k, clusters: new Int32Array(0), count: 0, sizes: new Int32Array(0), inertia: 0, iterations: 0, centroids: new Float32Array(0) };
  const kk = Math.min(k, n);
  const executor = options.executor ?? inThreadExecutor;
  const session = options.session ?? (await createKernelSession(executor.needsSharedMemory));
  const { layout, kernels } = session;
  const random = seededRandom(options.seed ?? 15);
  const { x, stride } = loadNormalizedRows(session, vectors, n, dim);
  const centroidsAt = layout.alloc(kk * stride * 4);
  const halfNormsAt = layout.alloc(kk * 4);
  const assignAt = layout.alloc(n * 4);
  const distAt = layout.alloc(n * 4);
  // Views after the last alloc: growing a non-shared memory detaches earlier ones.
  const rows = layout.f32(x, n * stride);
  const centroids = () => layout.f32(centroidsAt, kk * stride);

  // k-means++: each next centre drawn with probability proportional to D(x)^2.
  layout.f32(distAt, n).fill(Infinity);
  const first = Math.floor(random() * n);
  centroids().set(rows.subarray(first * stride, first * stride + stride), 0);
  for (let c = 1; c < kk; c++) {
    kernels.kmeansMinDist(x, stride, 0, n, centroidsAt + (c - 1) * stride * 4, distAt);
    const d = layout.f32(distAt, n);
    let total = 0;
    for (let i = 0; i < n; i++) total += d[i];
    let pick = n - 1;
    if (total > 0) {
      let r = random() * total;
      for (let i = 0; i < n; i++) {
        r -= d[i];
        if (r < 0) { pick = i; break; }
      }
    } else pick = Math.floor(random() * n); // every point sits on a centre already
    centroids().set(rows.subarray(pick * stride, pick * stride + stride), c * stride);
  }

  const previous = new Int32Array(n).fill(-1);
  let inertia = Infinity;
  let iterations = 0;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  for (; iterations < maxIterations; iterations++) {
    const c = centroids();
    const half = layout.f32(halfNormsAt, kk);
    for (let j = 0; j < kk; j++) {
      let s = 0;
      for (let d = 0; d < stride; d++) s += c[j * stride + d] ** 2;
      half[j] = s / 2;
    }
    await executor.run(session, { kind: 'kmeansAssign', x, stride, centroids: centroidsAt, halfNorms: halfNormsAt, k: kk, assign: assignAt, dist: distAt }, n);
    const assign = layout.i32(assignAt, n);
    const dist = layout.f32(distAt, n);
    let now = 0, changed = 0;
    for (let i = 0; i < n; i++) {
      now += dist[i];
      if (assign[i] !== previous[i]) changed++;
    }
    previous.set(assign);
    const improved = inertia - now;
    inertia = now;
    if (changed === 0 || (iterations > 0 && improved <= tolerance * now)) { iterations++; break; }
    // Means in double precision; an emptied cluster takes the point farthest from its centre.
    const sums = new Float64Array(kk * stride);
    const sizes = new Int32Array(kk);
    for (let i = 0; i < n; i++) {
      const a = assign[i];
      sizes[a]++;
      for (let d = 0; d < stride; d++) sums[a * stride + d] += rows[i * stride + d];
    }
    const cNew = centroids();
    for (let j = 0; j < kk; j++) {
      if (sizes[j] === 0) {
        let far = 0;
        for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
        dist[far] = 0;
        cNew.set(rows.subarray(far * stride, far * stride + stride), j * stride);
        continue;
      }
      for (let d = 0; d < stride; d++) cNew[j * stride + d] = sums[j * stride + d] / sizes[j];
    }
  }
  const assigned = layout.i32(assignAt, n).slice();
  const relabelled = relabelBySize(assigned);
  // Centroids in the relabelled order (an emptied centroid has no cluster id and is dropped).
  const final = centroids();
  const out = new Float32Array(relabelled.count * dim);
  const done = new Uint8Array(relabelled.count);
  for (let i = 0; i < n; i++) {
    const id = relabelled.clusters[i];
    if (done[id]) continue;
    done[id] = 1;
    for (let d = 0; d < dim; d++) out[id * dim + d] = final[assigned[i] * stride + d];
  }
  return { k: kk, ...relabelled, inertia, iterations, centroids: out };
}
