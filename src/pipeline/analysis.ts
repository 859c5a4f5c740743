// Steps 6-7 of the method on trained vectors, and the files `darkvec analyze`
// leaves behind: the same numbers the page shows, as CSV and JSON.
import { join } from 'node:path';
import type { Embedding } from '../embed/embedding';
import { writeCsv } from './csv-out';
import type { Classification, Clustering, PipelineSteps, Silhouettes } from './steps';

/** The label of senders the ground truth does not name; they still vote as neighbours (the paper's rule). */
export const UNKNOWN = 'unknown';

export interface EmbeddingAnalysis {
  labels: string[] | null;
  labelEntries: number;
  labelsUnmatched: number;
  classification: Classification | null;
  clustering: Clustering;
  silhouettes: Silhouettes;
  seconds: number;
}

export async function analyzeEmbedding(
  steps: PipelineSteps,
  embedding: Embedding,
  options: { labels?: Map<string, string>; k: number; graphK: number; seed: number },
  onProgress: (message: string) => void,
): Promise<EmbeddingAnalysis> {
  const t0 = performance.now();
  let labels: string[] | null = null;
  let classification: Classification | null = null;
  let labelEntries = 0;
  let labelsUnmatched = 0;
  if (options.labels) {
    labels = embedding.vocab.map((ip) => options.labels!.get(ip) ?? UNKNOWN);
    labelEntries = options.labels.size;
    labelsUnmatched = labelEntries - embedding.vocab.reduce((n, ip) => n + (options.labels!.has(ip) ? 1 : 0), 0);
    onProgress(`k-NN classifier (k=${options.k}) over ${embedding.vocab.length} senders`);
    classification = await steps.classify(embedding, labels, options.k);
  }
  onProgress(`k-NN graph (k=${options.graphK}) and Louvain`);
  const clustering = await steps.cluster(embedding, options.graphK, options.seed);
  onProgress(`silhouettes of ${clustering.clusters} clusters`);
  const silhouettes = await steps.silhouette(embedding, clustering.cluster);
  return { labels, labelEntries, labelsUnmatched, classification, clustering, silhouettes, seconds: (performance.now() - t0) / 1000 };
}

/** clusters.csv: one row per sender. Unlabelled senders have label `unknown`; without a labels file the last three columns are empty. */
export function writeClustersCsv(dir: string, embedding: Embedding, a: EmbeddingAnalysis): void {
  const { vocab } = embedding;
  const { cluster } = a.clustering;
  const sil = a.silhouettes.perSender;
  const cls = a.classification;
  function* rows() {
    for (let i = 0; i < vocab.length; i++) {
      yield [vocab[i]!, cluster[i]!, sil[i]!, a.labels ? a.labels[i]! : '', cls ? cls.predicted[i]! : '', cls ? cls.voteShare[i]! : NaN];
    }
  }
  writeCsv(join(dir, 'clusters.csv'), ['ip', 'cluster', 'silhouette', 'label', 'predicted', 'vote_share'], rows());
}

/** classification.csv: per class, then accuracy and the macro and weighted averages, as scikit-learn's report does. */
export function writeClassificationCsv(dir: string, c: Classification): void {
  const names = Object.keys(c.classes).sort();
  const rows: (string | number)[][] = names.map((n) => {
    const s = c.classes[n]!;
    return [n, s.precision, s.recall, s.f1, s.support];
  });
  const support = names.reduce((sum, n) => sum + c.classes[n]!.support, 0);
  const avg = (f: 'precision' | 'recall' | 'f1', weighted: boolean) =>
    names.reduce((sum, n) => sum + c.classes[n]![f] * (weighted ? c.classes[n]!.support / support : 1 / names.length), 0);
  rows.push(['accuracy', NaN, NaN, c.accuracy, support]);
  rows.push(['macro avg', avg('precision', false), avg('recall', false), avg('f1', false), support]);
  rows.push(['weighted avg', avg('precision', true), avg('recall', true), avg('f1', true), support]);
  writeCsv(join(dir, 'classification.csv'), ['class', 'precision', 'recall', 'f1', 'support'], rows);
}

/** The `knn` and `clustering` parts of report.json. */
export function analysisReport(a: EmbeddingAnalysis) {
  const c = a.classification;
  return {
    labels: a.labels ? { entries: a.labelEntries, notInModel: a.labelsUnmatched } : undefined,
    knn: c ? { k: c.k, accuracy: c.accuracy, macroF1: c.macroF1, weightedF1: c.weightedF1, classes: c.classes } : undefined,
    clustering: {
      method: 'k-NN graph + Louvain',
      graphK: a.clustering.graphK,
      clusters: a.clustering.clusters,
      modularity: a.clustering.modularity,
      silhouetteMean: a.silhouettes.mean,
      shareClustersPositive: a.silhouettes.shareClustersPositive,
    },
  };
}
