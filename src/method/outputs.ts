// Every file a user can get from a run, written once for the page's Export
// tab and for `darkvec analyze`: for the same run the two give the same bytes
// (tests/method/parity.test.ts). Each writer yields text in pieces, so a
// month's 500 k senders never become one string; docs/outputs.md documents
// every column and field.
import type { Embedding } from '../embed/embedding.ts';
import type { DayReport, DaySeries } from './daily.ts';
import { DAILY_CLUSTERS_HEADER, DAILY_EVENTS_HEADER, DAILY_TRACKS_HEADER, dailyClusterRows, dailyEventRows, dailyTrackRows } from '../analyze/track-rows.ts';
import { word2vecTextLines } from '../embed/word2vec-format.ts';
import { csvLine, tsvLine } from './csv.ts';
import type { DarkVecParams } from './params.ts';
import { labelOf, predictionName, resultNotes, type DarkVecResults } from './results.ts';

export type OutputName =
  | 'embeddings.txt'
  | 'clusters.csv'
  | 'classification.csv'
  | 'report.json'
  | 'cluster-summaries.json'
  | 'vectors.tsv'
  | 'metadata.tsv';

export interface OutputFile {
  name: OutputName;
  /** MIME type, for the page's download. */
  type: string;
  /** What the file holds, one line (the Export tab shows it). */
  description: string;
  chunks(): Iterable<string>;
}

/** The files of a run; classification.csv only when some sender has a label. */
/** What a day-by-day run adds to report.json. */
export interface RunExtras {
  daily?: DayReport[];
}

export function outputFiles(results: DarkVecResults, embedding: Embedding, params: DarkVecParams, extras: RunExtras = {}): OutputFile[] {
  const files: OutputFile[] = [
    { name: 'embeddings.txt', type: 'text/plain', description: 'Sender vectors in word2vec text format (gensim: KeyedVectors.load_word2vec_format(path)).', chunks: () => embeddingsText(embedding) },
    { name: 'clusters.csv', type: 'text/csv', description: 'Per sender: cluster, silhouette, label, k-NN prediction and vote share, best known label, packets.', chunks: () => clustersCsv(results) },
  ];
  if (results.classification) {
    files.push({ name: 'classification.csv', type: 'text/csv', description: 'Per class precision, recall, F1 and support; accuracy; macro and weighted averages.', chunks: () => classificationCsv(results) });
  }
  files.push(
    { name: 'report.json', type: 'application/json', description: 'The run: input, parameters, corpus, training, labels, k-NN report with its confusion matrix, clustering and modularity curve.', chunks: () => [reportJson(results, params, extras)] },
    { name: 'cluster-summaries.json', type: 'application/json', description: 'Per cluster: senders, packets, top ports, /24 and /16 subnets, label mix, Mirai share, silhouette.', chunks: () => [clusterSummariesJson(results)] },
    { name: 'vectors.tsv', type: 'text/tab-separated-values', description: 'For projector.tensorflow.org: one vector per line, tab-separated.', chunks: () => projectorVectors(embedding) },
    { name: 'metadata.tsv', type: 'text/tab-separated-values', description: 'The Projector\'s matching metadata: ip, label, prediction, cluster, packets, dominant service, silhouette.', chunks: () => projectorMetadata(results) },
  );
  return files;
}

/** Joins small pieces into blocks of about `bytes` characters (one write or Blob part each). */
export function* inBlocks(pieces: Iterable<string>, bytes = 1 << 20): Generator<string> {
  let block = '';
  for (const piece of pieces) {
    block += piece;
    if (block.length >= bytes) {
      yield block;
      block = '';
    }
  }
  if (block !== '') yield block;
}

export function* embeddingsText(embedding: Embedding): Generator<string> {
  for (const line of word2vecTextLines(embedding)) yield line + '\n';
}

export const CLUSTERS_COLUMNS = ['ip', 'cluster', 'silhouette', 'label', 'predicted', 'vote_share', 'best_known', 'best_known_share', 'packets'] as const;

export function* clustersCsv(r: DarkVecResults): Generator<string> {
  yield csvLine(CLUSTERS_COLUMNS);
  const { vocab, labelNames } = r.senders;
  const c = r.classification;
  const { cluster, silhouette } = r.clustering;
  for (let i = 0; i < vocab.length; i++) {
    const labelled = r.senders.label[i] >= 0;
    yield csvLine([
      vocab[i], cluster[i], silhouette[i],
      labelled ? labelOf(r, i) : '',
      c ? predictionName(labelNames, c.predicted[i]) : '',
      c ? c.voteShare[i] : NaN,
      c ? predictionName(labelNames, c.bestKnown[i]) : '',
      c ? c.bestKnownShare[i] : NaN,
      r.senders.packets[i],
    ]);
  }
}

/** scikit-learn's classification_report as CSV. */
export function* classificationCsv(r: DarkVecResults): Generator<string> {
  const c = r.classification;
  if (!c) return;
  yield csvLine(['class', 'precision', 'recall', 'f1', 'support']);
  for (const m of c.classes) yield csvLine([m.name, m.precision, m.recall, m.f1, m.support]);
  yield csvLine(['accuracy', NaN, NaN, c.accuracy, c.evaluated]);
  yield csvLine(['macro avg', c.macro.precision, c.macro.recall, c.macro.f1, c.macro.support]);
  yield csvLine(['weighted avg', c.weighted.precision, c.weighted.recall, c.weighted.f1, c.weighted.support]);
}

/** JSON with six significant digits per float and null for undefined numbers (NaN). */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v !== 'number') return v;
    if (!Number.isFinite(v)) return null;
    return Number.isInteger(v) ? v : Number(v.toPrecision(6));
  }, indent) + '\n';
}

export const REPORT_SCHEMA = 'darkvec-report/2';

/** report.json: everything about the run except per-sender and per-cluster rows (clusters.csv, cluster-summaries.json). */
export function reportObject(r: DarkVecResults, params: DarkVecParams, extras: RunExtras = {}) {
  const c = r.classification;
  const cl = r.clustering;
  let input = null;
  if (r.input) {
    // The hourly counts are for the Data tab's chart; the report gives the span.
    const { packetsPerHour: _hours, hourStart: _start, skippedByReason, ...rest } = r.input;
    input = { ...rest, skippedByReason: Object.fromEntries(skippedByReason) };
  }
  const oneCluster = cl.count < 2;
  return {
    schema: REPORT_SCHEMA,
    generator: 'DarkVec Studio',
    // Why a number below is null (undefined) or a part is missing, in words.
    notes: resultNotes(r),
    input,
    parameters: params,
    corpus: r.corpus,
    training: r.training,
    labels: r.labels,
    neighbours: r.neighbours,
    knn: c && {
      k: c.k,
      evaluated: c.evaluated,
      accuracy: c.accuracy,
      macro: c.macro,
      weighted: c.weighted,
      classes: Object.fromEntries(c.classes.map((m) => [m.name, { precision: m.precision, recall: m.recall, f1: m.f1, support: m.support }])),
      confusion: {
        predicted: c.predictedNames,
        rows: c.classes.map((m, i) => [m.name, Array.from(c.confusion.subarray(i * c.predictedNames.length, (i + 1) * c.predictedNames.length))]),
      },
    },
    clustering: {
      method: 'k-NN graph + Louvain',
      graphK: cl.graphK,
      clusters: cl.count,
      modularity: cl.modularity,
      silhouetteMean: oneCluster ? null : cl.silhouetteMean,
      shareClustersPositive: oneCluster ? null : cl.positiveShare,
      curve: cl.curve && cl.curve.k.map((k, i) => ({ graphK: k, modularity: cl.curve!.modularity[i], clusters: cl.curve!.clusters[i] })),
      kmeans: cl.kmeans && { clusters: cl.kmeans.k, silhouetteMean: cl.kmeans.k < 2 ? null : cl.kmeans.silhouetteMean, shareClustersPositive: cl.kmeans.k < 2 ? null : cl.kmeans.positiveShare },
    },
    // Day by day (--daily): each UTC day's senders, training and clusters, and how they moved.
    daily: extras.daily ?? null,
  };
}

export function reportJson(r: DarkVecResults, params: DarkVecParams, extras: RunExtras = {}): string {
  return stableJson(reportObject(r, params, extras));
}

/** The paper's per-cluster inspection table, largest cluster first. */
export function clusterSummariesJson(r: DarkVecResults): string {
  return stableJson(r.clustering.summaries.map((s) => ({
    cluster: s.cluster,
    senders: s.senders,
    packets: s.packets,
    distinctPorts: s.distinctPorts,
    meanSilhouette: s.meanSilhouette,
    topPorts: s.topPorts,
    topSubnets24: s.topSubnetsNarrow,
    topSubnets16: s.topSubnetsWide,
    labels: s.labels,
    miraiShare: s.miraiShare,
  })), 1);
}

export function* projectorVectors(embedding: Embedding): Generator<string> {
  const { vocab, dim, vectors } = embedding;
  for (let i = 0; i < vocab.length; i++) yield Array.from(vectors.subarray(i * dim, (i + 1) * dim)).join('\t') + '\n';
}

export function* projectorMetadata(r: DarkVecResults): Generator<string> {
  yield tsvLine(['ip', 'label', 'predicted', 'cluster', 'packets', 'service', 'silhouette']);
  const c = r.classification;
  for (let i = 0; i < r.senders.vocab.length; i++) {
    yield tsvLine([
      r.senders.vocab[i], labelOf(r, i), c ? predictionName(r.senders.labelNames, c.predicted[i]) : '',
      r.clustering.cluster[i], r.senders.packets[i], r.serviceNames[r.dominantService[i]] ?? '', r.clustering.silhouette[i],
    ]);
  }
}

export type DailyOutputName = 'daily/clusters.csv' | 'daily/events.csv' | 'daily/tracks.csv';

/** The three files of a day series (docs/tracking.md): each day's clusters and tracks, the events, the tracks. */
export function dailyFiles(series: DaySeries): { name: DailyOutputName; type: string; description: string; chunks(): Iterable<string> }[] {
  return [
    {
      name: 'daily/clusters.csv', type: 'text/csv', description: 'Per day and sender: its cluster that day and its track.',
      chunks: function* () {
        yield csvLine(DAILY_CLUSTERS_HEADER);
        for (const d of series.days) for (const row of dailyClusterRows(d.vocab, d.cluster, d.tracked)) yield csvLine(row);
      },
    },
    {
      name: 'daily/events.csv', type: 'text/csv', description: 'Per day and track: emerged, survived, split, absorbed, disappeared or reappeared, with the tracks involved.',
      chunks: function* () {
        yield csvLine(DAILY_EVENTS_HEADER);
        for (const d of series.days) for (const row of dailyEventRows(d.tracked)) yield csvLine(row);
      },
    },
    {
      name: 'daily/tracks.csv', type: 'text/csv', description: 'Per track: first and last day, days active, sizes, status, links, services, label mix, drift.',
      chunks: function* () {
        yield csvLine(DAILY_TRACKS_HEADER);
        for (const row of dailyTrackRows(series.tracker, series.profiles)) yield csvLine(row);
      },
    },
  ];
}
