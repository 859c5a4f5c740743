// Exact cosine all-k-nearest-neighbours (the paper's NearestNeighbors with
// metric='cosine', brute force), blocked in WebAssembly.
import { createKernelSession, type KernelSession } from '../kernels/kernel-session';
import { inThreadExecutor, type ProgressFn, type RowExecutor } from '../kernels/executor';
import { normalizeRowsInto, paddedStride } from './normalize';
import { MAX_SLOTS, SCRATCH_BYTES_PER_SLOT } from '../kernels/row-jobs';

/**
 * Row i lists its k nearest other rows: indices[i*k + j], similarity (cosine,
 * 1 - distance) descending, ties by lower index. k = min(asked, n - 1).
 */
export interface KnnResult {
  n: number;
  k: number;
  indices: Int32Array;
  similarities: Float32Array;
  /** True when found by the approximate search (see approximate-knn.ts). */
  approximate?: boolean;
}

export interface KnnOptions {
  executor?: RowExecutor;
  onProgress?: ProgressFn;
  /** Candidates per cache tile / 8; default 128 (1024 candidates, ~200 kB at dim 50). */
  tilePanels?: number;
}

/** The regions of n normalised rows, both as query rows and as candidate panels. */
export interface PackedVectors {
  n: number;
  dim: number;
  stride: number;
  /** Rows including zero padding rows: a multiple of 8. */
  rows: number;
  x: number;
  panels: number;
  ids: number;
}

/** Normalised rows padded to `stride` floats, zero rows up to a multiple of 8. */
export function loadNormalizedRows(session: KernelSession, vectors: Float32Array, n: number, dim: number): { x: number; stride: number; rows: number } {
  const stride = paddedStride(dim);
  const rows = Math.ceil(n / 8) * 8;
  const x = session.layout.alloc(rows * stride * 4);
  normalizeRowsInto(vectors, n, dim, session.layout.f32(x, rows * stride), stride);
  return { x, stride, rows };
}

/** Normalises and packs `vectors` into `session`'s memory. */
export function packVectors(session: KernelSession, vectors: Float32Array, n: number, dim: number): PackedVectors {
  const { x, stride, rows } = loadNormalizedRows(session, vectors, n, dim);
  const { layout, kernels } = session;
  const panels = layout.alloc(rows * dim * 4);
  kernels.packPanels(x, stride, dim, 0, rows, panels);
  const ids = layout.alloc(rows * 4);
  const idView = layout.i32(ids, rows);
  for (let i = 0; i < rows; i++) idView[i] = i < n ? i : -1;
  return { n, dim, stride, rows, x, panels, ids };
}

export async function allKnn(vectors: Float32Array, n: number, dim: number, k: number, options: KnnOptions = {}): Promise<KnnResult> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const kEff = Math.min(k, Math.max(0, n - 1));
  if (kEff === 0) return { n, k: 0, indices: new Int32Array(0), similarities: new Float32Array(0) };
  const executor = options.executor ?? inThreadExecutor;
  const session = await createKernelSession(executor.needsSharedMemory);
  const packed = packVectors(session, vectors, n, dim);
  return knnOverPacked(session, packed, kEff, executor, options);
}

/** All-kNN of already packed vectors (k <= n - 1). */
export async function knnOverPacked(
  session: KernelSession, packed: PackedVectors, k: number, executor: RowExecutor, options: KnnOptions = {},
): Promise<KnnResult> {
  const { layout, kernels } = session;
  const { rows, n } = packed;
  const heapSim = layout.alloc(rows * k * 4);
  const heapIdx = layout.alloc(rows * k * 4);
  const scratch = layout.alloc(MAX_SLOTS * SCRATCH_BYTES_PER_SLOT);
  kernels.knnReset(heapSim, heapIdx, 0, rows, k);
  await executor.run(session, {
    kind: 'knn', q: packed.x, stride: packed.stride, qIds: packed.ids,
    panels: packed.panels, dim: packed.dim, slotIds: packed.ids, panelCount: rows / 8,
    k, heapSim, heapIdx, scratch, tilePanels: options.tilePanels ?? 128,
  }, rows, options.onProgress);
  return {
    n, k,
    indices: layout.i32(heapIdx, n * k).slice(),
    similarities: layout.f32(heapSim, n * k).slice(),
  };
}

/** The first k' <= k columns of a kNN result (the graph for a smaller k). */
export function truncateKnn(knn: KnnResult, k: number): KnnResult {
  if (k >= knn.k) return knn;
  const indices = new Int32Array(knn.n * k);
  const similarities = new Float32Array(knn.n * k);
  for (let i = 0; i < knn.n; i++) {
    indices.set(knn.indices.subarray(i * knn.k, i * knn.k + k), i * k);
    similarities.set(knn.similarities.subarray(i * knn.k, i * knn.k + k), i * k);
  }
  return { n: knn.n, k, indices, similarities };
}
