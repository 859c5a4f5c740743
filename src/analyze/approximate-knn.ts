// Approximate cosine all-kNN for large sender sets (a month: ~500 k senders,
// where the exact O(n^2) search takes many minutes). An inverted-file search
// with the exact kernel: k-means (on a sample) splits the senders into ~sqrt(n)
// lists; each list is searched, block by block, against the `probes` lists
// whose centroids are nearest to its own; then neighbour-of-neighbour rounds
// (NN-descent's local join) repair misses at list borders. Found neighbours
// carry exact similarities. Recall against the exact answer is estimated on a
// random sample of senders and returned with the result.
import { createKernelSession, type KernelSession } from '../kernels/kernel-session';
import { inThreadExecutor } from '../kernels/executor';
import { kmeansClusters } from './kmeans';
import { loadNormalizedRows, type KnnOptions, type KnnResult } from './knn';
import { seededRandom } from './random';
import { MAX_SLOTS, SCRATCH_BYTES_PER_SLOT } from '../kernels/row-jobs';

export interface ApproximateKnnOptions extends KnnOptions {
  /** Inverted lists; default round(sqrt(n)). */
  lists?: number;
  /** Lists each list searches first, its own included; default 24. */
  probes?: number;
  /**
   * Recall the search aims for: while the estimate on the sample is below it,
   * the probes double (searching only the new lists) up to every list. Default 0.95.
   */
  targetRecall?: number;
  /** Cap of that doubling; default a quarter of the lists (beyond that the exact search is cheaper). */
  maxProbes?: number;
  /** Neighbour-of-neighbour rounds; default 1. */
  refineRounds?: number;
  /** Senders whose exact neighbours measure the recall; default 256 (0 = skip). */
  recallSample?: number;
  seed?: number;
}

export interface ApproximateKnnResult extends KnnResult {
  /** Share of the exact k nearest neighbours found, on `recallSample` random senders (after refinement). */
  recallEstimate: number;
  /** Probes of the last stage. */
  lists: number;
  probes: number;
}

export async function approximateKnn(
  vectors: Float32Array, n: number, dim: number, k: number, options: ApproximateKnnOptions = {},
): Promise<ApproximateKnnResult> {
  const kk = Math.min(k, n - 1);
  if (!(kk >= 1)) throw new RangeError(`approximate kNN needs k >= 1 and at least 2 senders (k = ${k}, n = ${n})`);
  const executor = options.executor ?? inThreadExecutor;
  const seed = options.seed ?? 15;
  const listCount = Math.max(1, Math.min(n, options.lists ?? Math.round(Math.sqrt(n))));
  const firstProbes = Math.max(1, Math.min(listCount, options.probes ?? 24));
  const targetRecall = options.targetRecall ?? 0.95;
  const random = seededRandom(seed);

  // 1. Centroids from k-means on a sample (40 per list is plenty to place them).
  const sampleSize = Math.min(n, 40 * listCount);
  const sampleRows = sampleWithoutReplacement(n, sampleSize, random);
  const sample = new Float32Array(sampleSize * dim);
  sampleRows.forEach((r, i) => sample.set(vectors.subarray(r * dim, r * dim + dim), i * dim));
  const km = await kmeansClusters(sample, sampleSize, dim, listCount, { seed, maxIterations: 10 });
  const lists = km.count;

  const session = await createKernelSession(executor.needsSharedMemory);
  const { layout, kernels } = session;
  const { x, stride } = loadNormalizedRows(session, vectors, n, dim);

  // 2. Every sender to its nearest centroid.
  const centroidsAt = layout.alloc(lists * stride * 4);
  const halfAt = layout.alloc(lists * 4);
  {
    const c = layout.f32(centroidsAt, lists * stride);
    const h = layout.f32(halfAt, lists);
    for (let j = 0; j < lists; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (c[j * stride + d] = km.centroids[j * dim + d]) ** 2;
      h[j] = s / 2;
    }
  }
  const assignAt = layout.alloc(n * 4);
  const distAt = layout.alloc(n * 4);
  await executor.run(session, { kind: 'kmeansAssign', x, stride, centroids: centroidsAt, halfNorms: halfAt, k: lists, assign: assignAt, dist: distAt }, n);
  const assign = layout.i32(assignAt, n).slice();

  // 3. Lists contiguous, each padded to a multiple of 8 rows (zero rows, id -1).
  const listSize = new Int32Array(lists);
  for (const a of assign) listSize[a]++;
  const listStart = new Int32Array(lists + 1);
  for (let j = 0; j < lists; j++) listStart[j + 1] = listStart[j] + Math.ceil(listSize[j] / 8) * 8;
  const rows = listStart[lists];
  const xp = layout.alloc(rows * stride * 4);
  const idsAt = layout.alloc(rows * 4);
  const posAt = layout.alloc(n * 4);
  {
    const src = layout.f32(x, n * stride);
    const dst = layout.f32(xp, rows * stride);
    const ids = layout.i32(idsAt, rows).fill(-1);
    const pos = layout.i32(posAt, n);
    const fill = listStart.slice(0, lists);
    for (let i = 0; i < n; i++) {
      const r = fill[assign[i]]++;
      ids[r] = i;
      pos[i] = r;
      dst.set(src.subarray(i * stride, i * stride + stride), r * stride);
    }
  }
  const panels = layout.alloc(rows * dim * 4);
  kernels.packPanels(xp, stride, dim, 0, rows, panels);

  // 4. Each list probes the lists with the most similar centroids (its own
  // first); the table orders every list, for the later stages.
  const probesAt = layout.alloc(lists * lists * 4);
  {
    const out = layout.i32(probesAt, lists * lists);
    const c = km.centroids;
    const norm = new Float64Array(lists);
    for (let j = 0; j < lists; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += c[j * dim + d] ** 2;
      norm[j] = Math.sqrt(s) || 1;
    }
    const sims = new Float64Array(lists);
    const order = Int32Array.from({ length: lists }, (_, i) => i);
    for (let a = 0; a < lists; a++) {
      for (let b = 0; b < lists; b++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += c[a * dim + d] * c[b * dim + d];
        sims[b] = b === a ? Infinity : s / (norm[a] * norm[b]);
      }
      order.sort((p, q) => sims[q] - sims[p] || p - q);
      out.set(order, a * lists);
    }
  }
  const listStartAt = layout.alloc((lists + 1) * 4);
  layout.i32(listStartAt, lists + 1).set(listStart);

  const heapSim = layout.alloc(rows * kk * 4);
  const heapIdx = layout.alloc(rows * kk * 4);
  const scratch = layout.alloc(MAX_SLOTS * SCRATCH_BYTES_PER_SLOT);
  kernels.knnReset(heapSim, heapIdx, 0, rows, kk);
  const rounds = options.refineRounds ?? 1;
  const recallSample = Math.min(n, options.recallSample ?? 256);
  const sampleIds = sampleWithoutReplacement(n, recallSample, random);
  const exact = recallSample > 0 ? exactOnSample(session, xp, stride, idsAt, panels, dim, rows, sampleIds, kk) : null;
  const heapsAsResult = (): KnnResult => {
    const pos = layout.i32(posAt, n);
    const hi = layout.i32(heapIdx, rows * kk);
    const hs = layout.f32(heapSim, rows * kk);
    const indices = new Int32Array(n * kk);
    const similarities = new Float32Array(n * kk);
    for (let i = 0; i < n; i++) {
      indices.set(hi.subarray(pos[i] * kk, pos[i] * kk + kk), i * kk);
      similarities.set(hs.subarray(pos[i] * kk, pos[i] * kk + kk), i * kk);
    }
    return { n, k: kk, indices, similarities, approximate: true };
  };
  const sampleRecall = (): number => {
    if (!exact) return NaN;
    const pos = layout.i32(posAt, n);
    const hi = layout.i32(heapIdx, rows * kk);
    const lists = { n, k: kk, indices: new Int32Array(recallSample * kk), similarities: new Float32Array(0) };
    sampleIds.forEach((id, s) => lists.indices.set(hi.subarray(pos[id] * kk, pos[id] * kk + kk), s * kk));
    return knnRecall(lists, Int32Array.from(sampleIds, (_, s) => s), exact, kk);
  };
  // Stages of probes: p0, 2 p0, 4 p0, ... each searching only the lists the previous ones did not.
  // How many stages run depends on the recall reached, so the bar cannot be a
  // share of a known total; each probe doubling closes half the remaining gap
  // to 90%, which keeps it moving and never going back.
  const searchProgress = (probesDone: number) => 0.9 * (1 - 2 ** (-probesDone / firstProbes));
  let done = 0;
  let probes = firstProbes;
  for (;;) {
    const from = done;
    const stageProbes = probes - from;
    await executor.run(session, {
      kind: 'knnLists', q: xp, stride, qIds: idsAt, panels, dim, slotIds: idsAt,
      k: kk, heapSim, heapIdx, scratch, listStart: listStartAt,
      probes: probesAt, probeStride: lists, probeFrom: from, probeCount: stageProbes,
    }, lists, options.onProgress && ((d, t) => options.onProgress!(searchProgress(from + (stageProbes * d) / t), 1)));
    done = probes;
    const maxProbes = Math.max(probes, Math.min(lists, options.maxProbes ?? Math.ceil(lists / 4)));
    if (probes >= maxProbes || !(sampleRecall() < targetRecall)) break;
    probes = Math.min(maxProbes, probes * 2);
  }

  // 5. Neighbour-of-neighbour rounds.
  const snap = layout.alloc(rows * kk * 4);
  for (let round = 0; round < rounds; round++) {
    layout.i32(snap, rows * kk).set(layout.i32(heapIdx, rows * kk));
    await executor.run(session, {
      kind: 'knnRefine', x: xp, stride, ids: idsAt, posOf: posAt, k: kk, snapIdx: snap, heapSim, heapIdx,
    }, rows, options.onProgress && ((d, t) => options.onProgress!(0.9 + (0.1 * (round + d / t)) / rounds, 1)));
  }
  options.onProgress?.(1, 1);
  return { ...heapsAsResult(), recallEstimate: sampleRecall(), lists, probes };
}

/** Exact neighbour lists (sample x k ids) of a few senders, against all candidate panels. */
function exactOnSample(
  session: KernelSession, xp: number, stride: number, idsAt: number, panels: number,
  dim: number, rows: number, sample: Int32Array, k: number,
): Int32Array {
  const { layout, kernels } = session;
  const ids = layout.i32(idsAt, rows);
  const rowOfSample = new Int32Array(sample.length);
  const want = new Map<number, number>();
  sample.forEach((id, s) => want.set(id, s));
  for (let r = 0; r < rows; r++) if (want.has(ids[r])) rowOfSample[want.get(ids[r])!] = r;
  const m = Math.ceil(sample.length / 4) * 4;
  const q = layout.alloc(m * stride * 4);
  const qIds = layout.alloc(m * 4);
  const src = layout.f32(xp, rows * stride);
  const qv = layout.f32(q, m * stride);
  const qi = layout.i32(qIds, m).fill(-1);
  sample.forEach((id, s) => {
    qv.set(src.subarray(rowOfSample[s] * stride, rowOfSample[s] * stride + stride), s * stride);
    qi[s] = id;
  });
  const hs = layout.alloc(m * k * 4);
  const hi = layout.alloc(m * k * 4);
  const scratch = layout.alloc(SCRATCH_BYTES_PER_SLOT);
  kernels.knnReset(hs, hi, 0, m, k);
  kernels.knnUpdate(q, stride, qIds, 0, m, panels, dim, idsAt, 0, rows / 8, k, hs, hi, scratch);
  return layout.i32(hi, sample.length * k).slice();
}

/** Share of the exact lists' neighbours (rows `rowsOf[s]`, s-th exact list) that `knn` lists too. */
export function knnRecall(knn: KnnResult, rowsOf: ArrayLike<number>, exact: Int32Array, k = knn.k): number {
  let found = 0, total = 0;
  for (let s = 0; s < rowsOf.length; s++) {
    const row = rowsOf[s];
    const mine = new Set(knn.indices.subarray(row * knn.k, row * knn.k + knn.k));
    for (let j = 0; j < k; j++) {
      const id = exact[s * k + j];
      if (id < 0) continue;
      total++;
      if (mine.has(id)) found++;
    }
  }
  return total > 0 ? found / total : 1;
}

function sampleWithoutReplacement(n: number, m: number, random: () => number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  while (chosen.size < m) chosen.add(Math.floor(random() * n));
  return Int32Array.from([...chosen].sort((a, b) => a - b));
}
