// Steps 6-8 of the method on trained vectors (src/analyze, the page's code),
// and the files `darkvec analyze` leaves behind: the numbers the page shows,
// as CSV and JSON.
import { join } from 'node:path';
import type { PacketLog, SenderStats } from '../corpus/sender-stats';
import type { Embedding } from '../embed/embedding';
import { analyzeEmbedding, labelName, type AnalysisResult, type AnalysisStage } from '../analyze';
import { createNodeRowPool } from '../analyze/node-row-pool';
import { writeCsv } from './csv-out';

export interface AnalysisOptions {
  /** ip -> label; undefined: no ground truth. */
  labels?: ReadonlyMap<string, string>;
  k: number;
  graphK: number;
  seed: number;
  threads: number;
  /** Also the modularity / cluster-count curve over graph k = 1..14 (the paper's choice of k). */
  curve: boolean;
  /** Also k-means with as many clusters as Louvain found, compared by silhouette. */
  kmeans: boolean;
}

export interface Analysis {
  result: AnalysisResult;
  hasLabels: boolean;
  seconds: number;
}

const STAGE_NAMES: Record<AnalysisStage, string> = {
  neighbours: 'nearest neighbours',
  classifier: 'k-NN classifier',
  clustering: 'k-NN graph + Louvain',
  curve: 'modularity curve',
  silhouette: 'silhouettes',
  kmeans: 'k-means',
  projection: 'PCA',
  summaries: 'cluster summaries',
  umap: 'UMAP',
};

export async function runAnalysis(
  embedding: Embedding,
  stats: SenderStats | undefined,
  log: PacketLog | undefined,
  options: AnalysisOptions,
  onProgress: (message: string) => void,
): Promise<Analysis> {
  const t0 = performance.now();
  const pool = options.threads > 1 ? createNodeRowPool(options.threads) : undefined;
  try {
    const result = await analyzeEmbedding(
      embedding,
      options.labels ?? new Map(),
      stats,
      log,
      {
        classifierK: options.k,
        graphK: options.graphK,
        curveMaxK: options.curve ? 14 : 0,
        kmeansK: options.kmeans ? undefined : 0,
        seed: options.seed,
        executor: pool,
      },
      (stage, share) => onProgress(`${STAGE_NAMES[stage]} of ${embedding.vocab.length} senders: ${Math.round(100 * share)}%`),
    );
    return { result, hasLabels: options.labels !== undefined, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await pool?.close();
  }
}

/**
 * clusters.csv, one row per sender: the spec's six columns, then the label the
 * known classes alone vote for (what an analyst uses to extend the ground
 * truth: most neighbours of a sender are usually unlabelled).
 */
export function writeClustersCsv(dir: string, embedding: Embedding, a: Analysis): void {
  const { vocab } = embedding;
  const r = a.result;
  const cls = r.classification;
  function* rows() {
    for (let i = 0; i < vocab.length; i++) {
      yield a.hasLabels
        ? [vocab[i]!, r.louvain.clusters[i]!, r.silhouette[i]!, labelName(r.labels, r.labels.ids[i]!), labelName(r.labels, cls.predicted[i]!), cls.voteShare[i]!, labelName(r.labels, cls.bestKnown[i]!), cls.bestKnownShare[i]!]
        : [vocab[i]!, r.louvain.clusters[i]!, r.silhouette[i]!, '', '', NaN, '', NaN];
    }
  }
  writeCsv(join(dir, 'clusters.csv'), ['ip', 'cluster', 'silhouette', 'label', 'predicted', 'vote_share', 'best_known', 'best_known_share'], rows());
}

/** classification.csv: per class, then accuracy and the macro and weighted averages, as scikit-learn's report. */
export function writeClassificationCsv(dir: string, a: Analysis): void {
  const c = a.result.classification;
  const rows: (string | number)[][] = c.classes.map((m) => [m.name, m.precision, m.recall, m.f1, m.support]);
  rows.push(['accuracy', NaN, NaN, c.accuracy, c.evaluated]);
  rows.push(['macro avg', c.macro.precision, c.macro.recall, c.macro.f1, c.macro.support]);
  rows.push(['weighted avg', c.weighted.precision, c.weighted.recall, c.weighted.f1, c.weighted.support]);
  writeCsv(join(dir, 'classification.csv'), ['class', 'precision', 'recall', 'f1', 'support'], rows);
}

const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null);

/** The `knn`, `clustering` and `clusters` parts of report.json. */
export function analysisReport(a: Analysis, labels: ReadonlyMap<string, string> | undefined, vocabSize: number) {
  const r = a.result;
  const c = r.classification;
  const inModel = labels ? r.labels.ids.reduce((n, id) => n + (id >= 0 ? 1 : 0), 0) : 0;
  return {
    labels: labels ? { entries: labels.size, sendersLabelled: inModel, sendersKept: vocabSize } : undefined,
    // Beyond 50 k senders the neighbours are approximate; their recall is estimated against exact search on a random sample.
    neighbours: {
      method: r.knn.approximate ? 'approximate' : 'exact',
      k: r.knn.k,
      recallEstimate: 'recallEstimate' in r.knn ? r.knn.recallEstimate : undefined,
    },
    knn: a.hasLabels
      ? {
          k: c.k,
          evaluated: c.evaluated,
          accuracy: c.accuracy,
          macroF1: c.macro.f1,
          weightedF1: c.weighted.f1,
          classes: Object.fromEntries(c.classes.map((m) => [m.name, { precision: m.precision, recall: m.recall, f1: m.f1, support: m.support }])),
          confusion: { predicted: c.predictedNames, rows: c.classes.map((m, i) => [m.name, Array.from(c.confusion.subarray(i * c.predictedNames.length, (i + 1) * c.predictedNames.length))]) },
        }
      : undefined,
    clustering: {
      method: 'k-NN graph + Louvain',
      graphK: r.louvain.k,
      clusters: r.louvain.count,
      modularity: r.louvain.modularity,
      silhouetteMean: r.silhouetteSummary.mean,
      shareClustersPositive: r.silhouetteSummary.positiveClusterShare,
      curve: r.curve
        ? Array.from(r.curve.k, (k, i) => ({ graphK: k, modularity: round(r.curve!.modularity[i]!), clusters: r.curve!.clusters[i] }))
        : undefined,
      kmeans: r.kmeans
        ? { clusters: r.kmeans.count, silhouetteMean: r.kmeans.summary.mean, shareClustersPositive: r.kmeans.summary.positiveClusterShare }
        : undefined,
    },
    // The paper's per-cluster inspection table, largest cluster first.
    clusters: r.summaries.map((s) => ({
      cluster: s.cluster,
      senders: s.senders,
      packets: s.packets,
      distinctPorts: s.distinctPorts,
      meanSilhouette: round(s.meanSilhouette),
      topPorts: s.topPorts.map((p) => ({ service: p.service, packetShare: round(p.packetShare), senderShare: round(p.senderShare) })),
      topSubnets24: s.topSubnetsNarrow.slice(0, 3),
      topSubnets16: s.topSubnetsWide.slice(0, 3),
      labels: s.labels,
      miraiShare: s.miraiShare === null ? null : round(s.miraiShare),
    })),
  };
}
