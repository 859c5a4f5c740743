// Trained vectors -> everything the result tabs show: analyzeEmbedding (the
// paper's steps 6-8) reshaped into the view's typed arrays and small records.
import { analyzeEmbedding, type AnalysisStage } from '../analyze/analyze-embedding.ts';
import { createBrowserRowPool } from '../analyze/browser-row-pool.ts';
import type { RowWorkerPool } from '../analyze/worker-pool.ts';
import { modularityCurve } from '../analyze/louvain.ts';
import { nearestNeighbours } from '../analyze/nearest-neighbours.ts';
import { NOT_ASSIGNED, UNKNOWN } from '../analyze/labels.ts';
import { activityPattern as clusterActivity } from '../analyze/summaries.ts';
import { nearestNeighboursOfIndex } from '../analyze/neighbours.ts';
import { dksServices } from '../corpus/services.ts';
import { pairIndex } from '../corpus/services.ts';
import type { PacketLog } from '../corpus/sender-stats.ts';
import type { ActivityInput, ActivityPattern, AnalysisInput, AnalysisParams, AnalysisResult, ModularityCurveResult, Neighbour, Progress } from './pipeline-types.ts';

// The stages analyzeSession runs (the curve and UMAP run as calls of their own).
const STAGES: AnalysisStage[] = ['neighbours', 'classifier', 'clustering', 'silhouette', 'kmeans', 'projection', 'summaries'];

export async function analyzeSession(input: AnalysisInput, params: AnalysisParams, threads: number, onProgress: Progress): Promise<AnalysisResult> {
  const started = performance.now();
  const { vocab, dim, vectors } = input;
  const labels = { ids: input.labels.ofSender, names: input.labels.names };
  let lastReport = 0;
  const r = await withRowPool(threads, (pool) => analyzeEmbedding({ vocab, dim, vectors }, labels, input.stats, input.log, {
      classifierK: params.k,
      graphK: params.graphK,
      // The curve is many Louvain runs (76 of 112 s for 165 k senders): the page
      // asks for it separately, after the results are on screen.
      curveMaxK: 0,
      seed: params.seed,
      executor: pool,
    }, (stage, share) => {
      const now = performance.now();
      if (now - lastReport < 100 && share > 0 && share < 1) return;
      lastReport = now;
      onProgress(STAGES.indexOf(stage) + share, STAGES.length, stage);
    }));

  const n = vocab.length;
  let classification: AnalysisResult['classification'] = null;
  if (labels.names.length > 0) {
    const c = r.classification;
    const columns = c.predictedNames.length;
    const confusion: number[][] = c.classes.map((_, row) => Array.from(c.confusion.subarray(row * columns, (row + 1) * columns)));
    // For extending the ground truth: the best known label among the neighbours
    // of each unlabelled sender (unlabelled neighbours do not vote).
    const names = [...labels.names, 'unknown', 'n.a.'];
    const unlabelled: number[] = [];
    for (let s = 0; s < n; s++) if (labels.ids[s] === UNKNOWN) unlabelled.push(s);
    const sender = Int32Array.from(unlabelled);
    const label = new Int32Array(sender.length);
    const share = new Float32Array(sender.length);
    sender.forEach((s, i) => {
      const best = c.bestKnown[s];
      label[i] = best === UNKNOWN ? labels.names.length : best === NOT_ASSIGNED ? labels.names.length + 1 : best;
      share[i] = c.bestKnownShare[s];
    });
    classification = {
      classes: c.classes.map((m) => ({ label: m.name, precision: m.precision, recall: m.recall, f1: m.f1, support: m.support })),
      accuracy: c.accuracy,
      macro: c.macro,
      weighted: c.weighted,
      confusion,
      predictedColumns: c.predictedNames,
      predicted: { sender, label, share, names },
    };
  }

  const serviceTable = dksServices();
  return {
    classification,
    clustering: {
      ofSender: r.louvain.clusters,
      count: r.louvain.count,
      modularity: r.louvain.modularity,
      silhouette: r.silhouette,
      kmeansSilhouette: r.kmeans?.silhouette ?? new Float32Array(0),
      kmeansK: r.kmeans?.k ?? 0,
      summaries: r.summaries.map((s) => ({
        id: s.cluster,
        senders: s.senders,
        packets: s.packets,
        ports: s.distinctPorts,
        meanSilhouette: s.meanSilhouette,
        topPorts: s.topPorts.map((p) => ({ port: p.service, packetShare: p.packetShare, senderShare: p.senderShare })),
        top24: s.topSubnetsNarrow.map((x) => ({ subnet: x.name, senders: x.senders })),
        top16: s.topSubnetsWide.map((x) => ({ subnet: x.name, senders: x.senders })),
        labelMix: s.labels.map((x) => ({ label: x.name, senders: x.senders })),
        miraiShare: s.miraiShare,
      })),
      curve: { k: [], modularity: [], clusters: [] },
    },
    pca: twoColumns(r.pca.points, n, r.pca.components),
    dominantService: dominantServices(input.log, n, serviceTable.ofPair, serviceTable.names.length),
    serviceNames: serviceTable.names,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The modularity curve of the k-NN graphs k = 1..maxK, with the neighbour search and seed the analysis uses. */
export async function curveSession(
  vectors: Float32Array, count: number, dim: number, maxK: number, seed: number, threads: number, onProgress: Progress,
): Promise<ModularityCurveResult> {
  // Steps: the neighbour search counts as one, then one per Louvain run.
  const steps = maxK + 1;
  const knn = await withRowPool(threads, (pool) =>
    nearestNeighbours(vectors, count, dim, maxK, { executor: pool, seed, onProgress: (d, t) => onProgress(d / t, steps, 'nearest neighbours') }));
  const curve = modularityCurve(knn, maxK, { seed }, (k) => onProgress(1 + k, steps, `Louvain on the ${k}-NN graph`));
  return { k: Array.from(curve.k), modularity: Array.from(curve.modularity), clusters: Array.from(curve.clusters) };
}

/** Runs `work` with a pool of `threads` row workers, closed after; none (this thread) unless isolated. */
async function withRowPool<T>(threads: number, work: (pool: RowWorkerPool | undefined) => Promise<T>): Promise<T> {
  // The pool's workers share this worker's WebAssembly memory: isolation only.
  const pool = threads > 1 && globalThis.crossOriginIsolated ? createBrowserRowPool(threads) : undefined;
  try {
    return await work(pool);
  } finally {
    await pool?.close();
  }
}

function twoColumns(points: Float32Array, n: number, components: number): Float32Array {
  if (components === 2) return points;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = points[i * components];
    out[2 * i + 1] = components > 1 ? points[i * components + 1] : 0;
  }
  return out;
}

/** Per sender, the DKS service with most of its logged packets (for colouring the map). */
export function dominantServices(log: PacketLog, n: number, ofPair: Uint16Array, services: number): Int32Array {
  const counts = new Float64Array(n * services);
  for (let r = 0; r < log.sender.length; r++) {
    const pair = pairIndex(log.port[r], log.proto[r]);
    if (pair < 0) continue;
    counts[log.sender[r] * services + ofPair[pair]] += log.packets[r];
  }
  const out = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    let best = 0;
    for (let v = 0; v < services; v++) {
      const c = counts[s * services + v];
      if (c > best) {
        best = c;
        out[s] = v;
      }
    }
  }
  return out;
}

export function activity(input: ActivityInput, cluster: number): ActivityPattern {
  const a = clusterActivity(cluster, input.ofSender, input.log);
  return {
    ts: a.ts,
    row: a.rank,
    senders: Array.from(a.senderOfRank, (s) => input.vocab[s]),
    decimated: a.rows > a.ts.length,
  };
}

export function neighbours(vectors: Float32Array, dim: number, vocab: string[], sender: number, count: number): Neighbour[] {
  const found = nearestNeighboursOfIndex(sender, vocab, vectors, dim, count);
  return found.addresses.map((ip, i) => ({ ip, similarity: found.similarities[i] }));
}
