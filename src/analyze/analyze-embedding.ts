// The one call the app and `darkvec analyze` make: every result of the
// method's steps 6-8 from trained vectors, labels and the corpus statistics.
import type { Embedding } from '../embed/embedding';
import type { PacketLog, SenderStats } from '../corpus/sender-stats';
import type { KnnResult } from './knn';
import { nearestNeighbours } from './nearest-neighbours';
import type { ApproximateKnnResult } from './approximate-knn';
import { classifyKnn, type ClassificationReport } from './classify';
import { louvainClusters, modularityCurve, type LouvainClustering, type ModularityCurve } from './louvain';
import { kmeansClusters, type KmeansClustering } from './kmeans';
import { ecdf, silhouetteSamples, summarizeSilhouette, type Ecdf, type SilhouetteSummary } from './silhouette';
import { pcaProject, type PcaResult } from './pca';
import { umapProject, type UmapOptions, type UmapResult } from './umap';
import { activityPatterns, summarizeClusters, type ActivityPattern, type ClusterSummary } from './summaries';
import { labelsFromMap, type SenderLabels } from '../corpus/sender-labels';
import { inThreadExecutor, type RowExecutor } from '../kernels/executor';

export interface AnalyzeOptions {
  /** Neighbours of the classifier (the paper: 7). */
  classifierK?: number;
  /** Neighbours per sender in the clustering graph (the paper: 3). */
  graphK?: number;
  /** Compute the modularity / cluster-count curve for k = 1..curveMaxK (0 = skip; the paper: 14). */
  curveMaxK?: number;
  /** Clusters of the k-means alternative; default: as many as Louvain found; 0 = skip. */
  kmeansK?: number;
  /** Search at least this many neighbours (so later consumers, e.g. UMAP, can reuse the lists). */
  neighboursK?: number;
  seed?: number;
  executor?: RowExecutor;
  /** Neighbour search: 'auto' (default) is exact up to approximateAbove senders (50 000), approximate beyond. */
  knnMode?: 'exact' | 'approximate' | 'auto';
  approximateAbove?: number;
  topPorts?: number;
  topSubnets?: number;
  /** Marks per cluster in the activity patterns (default 20 000; 0 = skip the patterns). */
  activityCap?: number;
  /** Also lay out with UMAP (from the PCA layout, on the neighbour lists); ~150 ms per epoch at 22 k senders. Default off. */
  umap?: boolean | Omit<UmapOptions, 'onProgress' | 'init'>;
}

export type AnalysisStage = 'neighbours' | 'classifier' | 'clustering' | 'curve' | 'silhouette' | 'kmeans' | 'projection' | 'umap' | 'summaries';

/** stage progress: share in [0, 1] of that stage. */
export type AnalysisProgress = (stage: AnalysisStage, share: number) => void;

export interface AnalysisResult {
  n: number;
  labels: SenderLabels;
  /** The k = max(classifierK, graphK, curveMaxK) neighbour lists; an approximate search carries recallEstimate. */
  knn: KnnResult | ApproximateKnnResult;
  classification: ClassificationReport;
  louvain: LouvainClustering;
  curve: ModularityCurve | null;
  silhouette: Float32Array;
  silhouetteSummary: SilhouetteSummary;
  silhouetteEcdf: Ecdf;
  kmeans: (KmeansClustering & { silhouette: Float32Array; summary: SilhouetteSummary; ecdf: Ecdf }) | null;
  pca: PcaResult;
  umap: UmapResult | null;
  summaries: ClusterSummary[];
  /** Per Louvain cluster (needs the packet log). */
  activity: ActivityPattern[] | null;
}

export async function analyzeEmbedding(
  embedding: Embedding,
  labels: SenderLabels | ReadonlyMap<string, string>,
  stats: SenderStats | undefined,
  log: PacketLog | undefined,
  options: AnalyzeOptions = {},
  onProgress: AnalysisProgress = () => {},
): Promise<AnalysisResult> {
  const { vocab, dim, vectors } = embedding;
  const n = vocab.length;
  if (vectors.length !== n * dim) throw new RangeError(`embedding has ${vectors.length} floats for ${n} senders x ${dim}`);
  const senderLabels = labels instanceof Map ? labelsFromMap(vocab, labels) : (labels as SenderLabels);
  const executor = options.executor ?? inThreadExecutor;
  const seed = options.seed ?? 15;
  const classifierK = options.classifierK ?? 7;
  const graphK = options.graphK ?? 3;
  const curveMaxK = options.curveMaxK ?? 14;
  const kNeeded = Math.max(classifierK, graphK, curveMaxK, options.neighboursK ?? 0);

  onProgress('neighbours', 0);
  const knn = await nearestNeighbours(vectors, n, dim, kNeeded, {
    executor, seed, mode: options.knnMode, approximateAbove: options.approximateAbove,
    onProgress: (d, t) => onProgress('neighbours', d / t),
  });
  onProgress('classifier', 0);
  const classification = classifyKnn(knn, senderLabels, { k: classifierK });
  onProgress('classifier', 1);
  onProgress('clustering', 0);
  const louvain = louvainClusters(knn, { k: graphK, seed });
  onProgress('clustering', 1);
  let curve: ModularityCurve | null = null;
  if (curveMaxK > 0) {
    onProgress('curve', 0);
    curve = modularityCurve(knn, curveMaxK, { seed }, (k) => onProgress('curve', k / curveMaxK));
  }
  onProgress('silhouette', 0);
  const silhouette = await silhouetteSamples(vectors, n, dim, louvain.clusters, { executor, onProgress: (d, t) => onProgress('silhouette', d / t) });
  const silhouetteSummary = summarizeSilhouette(silhouette, louvain.clusters);
  let kmeans: AnalysisResult['kmeans'] = null;
  const kmeansK = options.kmeansK ?? louvain.count;
  if (kmeansK > 0 && n > 0) {
    onProgress('kmeans', 0);
    const km = await kmeansClusters(vectors, n, dim, kmeansK, { seed, executor });
    const s = await silhouetteSamples(vectors, n, dim, km.clusters, { executor });
    kmeans = { ...km, silhouette: s, summary: summarizeSilhouette(s, km.clusters), ecdf: ecdf(s) };
    onProgress('kmeans', 1);
  }
  onProgress('projection', 0);
  const pca = pcaProject(vectors, n, dim);
  onProgress('projection', 1);
  let umap: UmapResult | null = null;
  if (options.umap && n >= 3) {
    onProgress('umap', 0);
    const umapOptions = options.umap === true ? {} : options.umap;
    umap = umapProject(knn, { seed, ...umapOptions, init: pca.points, onProgress: (d, t) => onProgress('umap', d / t) });
  }
  onProgress('summaries', 0);
  const summaries = summarizeClusters({
    vocab, clusters: louvain.clusters, count: louvain.count, stats, log, labels: senderLabels, silhouette,
  }, { topPorts: options.topPorts, topSubnets: options.topSubnets });
  const activityCap = options.activityCap ?? 20_000;
  const activity = log && activityCap > 0 ? activityPatterns(louvain.clusters, louvain.count, log, activityCap) : null;
  onProgress('summaries', 1);
  return {
    n, labels: senderLabels, knn, classification, louvain, curve,
    silhouette, silhouetteSummary, silhouetteEcdf: ecdf(silhouette), kmeans, pca, umap, summaries, activity,
  };
}
