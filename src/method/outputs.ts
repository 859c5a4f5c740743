// Every file a user can get from a run, written once for the page's Export
// tab and for `darkvec analyze`: for the same run the two give the same bytes
// (tests/method/parity.test.ts). Each writer yields text in pieces, so a
// month's 500 k senders never become one string; docs/outputs.md documents
// every column and field.
import type { Embedding } from '../embed/embedding.ts';
import type { KnnResult } from '../analyze/knn.ts';
import { buildKnnGraph } from '../analyze/knn-graph.ts';
import { enrichmentText } from '../enrich/enrich.ts';
import type { DayReport, DaySeries } from './daily.ts';
import { DAILY_CLUSTERS_HEADER, DAILY_EVENTS_HEADER, DAILY_TRACKS_HEADER, dailyClusterRows, dailyEventRows, dailyTrackRows } from '../analyze/track-rows.ts';
import { word2vecTextLines } from '../embed/word2vec-format.ts';
import { csvLine, tsvLine } from './csv.ts';
import { gexfChunks, type GexfColumn } from './gexf.ts';
import type { DarkVecParams } from './params.ts';
import { labelOf, predictionName, resultNotes, sourceNames, type DarkVecResults } from './results.ts';

export type OutputName =
  | 'embeddings.txt'
  | 'clusters.csv'
  | 'classification.csv'
  | 'report.json'
  | 'cluster-summaries.json'
  | 'vectors.tsv'
  | 'metadata.tsv'
  | 'graph.gexf';

export interface OutputFile {
  name: OutputName;
  /** MIME type, for the page's download. */
  type: string;
  /** What the file holds, one line (the Export tab shows it). */
  description: string;
  chunks(): Iterable<string>;
}

/** What a run adds beyond its results. */
export interface RunExtras {
  /** A day-by-day run: its days, in report.json. */
  daily?: DayReport[];
  /** The analysis's neighbour lists: with them, graph.gexf (the k-NN graph at the clustering's k). */
  knn?: KnnResult;
}

/** The files of a run; classification.csv only when some sender has a label, graph.gexf only with the neighbour lists. */
export function outputFiles(results: DarkVecResults, embedding: Embedding, params: DarkVecParams, extras: RunExtras = {}): OutputFile[] {
  const files: OutputFile[] = [
    { name: 'embeddings.txt', type: 'text/plain', description: 'Sender vectors in word2vec text format (gensim: KeyedVectors.load_word2vec_format(path)).', chunks: () => embeddingsText(embedding) },
    { name: 'clusters.csv', type: 'text/csv', description: 'Per sender: cluster, silhouette, label, k-NN prediction and vote share, best known label, packets, ASN, AS name, country, fingerprint shares.', chunks: () => clustersCsv(results) },
  ];
  if (results.classification) {
    files.push({ name: 'classification.csv', type: 'text/csv', description: 'Per class precision, recall, F1 and support; accuracy; macro and weighted averages.', chunks: () => classificationCsv(results) });
  }
  files.push(
    { name: 'report.json', type: 'application/json', description: 'The run: input, parameters, corpus, training, labels, k-NN report with its confusion matrix, clustering and modularity curve.', chunks: () => [reportJson(results, params, extras)] },
    { name: 'cluster-summaries.json', type: 'application/json', description: 'Per cluster: senders, packets, top ports, /24 and /16 subnets, label mix, fingerprint shares, top ASNs and countries, silhouette.', chunks: () => [clusterSummariesJson(results)] },
    { name: 'vectors.tsv', type: 'text/tab-separated-values', description: 'For projector.tensorflow.org: one vector per line, tab-separated.', chunks: () => projectorVectors(embedding) },
    { name: 'metadata.tsv', type: 'text/tab-separated-values', description: 'The Projector\'s matching metadata: ip, label, prediction, cluster, packets, dominant service, silhouette, ASN, AS name, country, fingerprint shares.', chunks: () => projectorMetadata(results) },
  );
  const knn = extras.knn;
  if (knn) {
    files.push({ name: 'graph.gexf', type: 'application/gexf+xml', description: 'The k-NN graph for Gephi: senders with cluster, label, prediction and enrichment; edges weighted by cosine similarity.', chunks: () => graphGexf(results, knn) });
  }
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

export const CLUSTERS_COLUMNS = [
  'ip', 'cluster', 'silhouette', 'label', 'predicted', 'vote_share', 'best_known', 'best_known_share', 'packets',
  'asn', 'as_name', 'country', 'mirai_share', 'zmap_share', 'masscan_share', 'backscatter_share',
] as const;

/** Who a sender is: AS number, AS name and country ('' where unknown), its fingerprint shares (NaN: unknown). */
function senderColumns(r: DarkVecResults, i: number): (string | number)[] {
  const e = r.senders.enrichment;
  const who = e ? enrichmentText(e, i) : { asn: '', asName: '', country: '' };
  const f = r.senders.fingerprints;
  return [who.asn, who.asName, who.country, f.mirai[i], f.zmap[i], f.masscan[i], f.backscatter[i]];
}

/** A run of several traces: the traces each sender appeared in, separated by ";". Null for one trace. */
function sourcesColumn(r: DarkVecResults): ((i: number) => string) | null {
  const sources = r.senders.sources;
  const inputs = r.input?.inputs ?? [];
  if (!sources || inputs.length < 2) return null;
  return (i) => sourceNames(inputs, sources[i]).join(';');
}

export function* clustersCsv(r: DarkVecResults): Generator<string> {
  const sources = sourcesColumn(r);
  yield csvLine(sources ? [...CLUSTERS_COLUMNS, 'sources'] : CLUSTERS_COLUMNS);
  const { vocab, labelNames } = r.senders;
  const c = r.classification;
  const { cluster, silhouette } = r.clustering;
  for (let i = 0; i < vocab.length; i++) {
    const labelled = r.senders.label[i] >= 0;
    const row = [
      vocab[i], cluster[i], silhouette[i],
      labelled ? labelOf(r, i) : '',
      c ? predictionName(labelNames, c.predicted[i]) : '',
      c ? c.voteShare[i] : NaN,
      c ? predictionName(labelNames, c.bestKnown[i]) : '',
      c ? c.bestKnownShare[i] : NaN,
      r.senders.packets[i],
      ...senderColumns(r, i),
    ];
    if (sources) row.push(sources(i));
    yield csvLine(row);
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
    // The IP databases given and what they matched; null without one.
    enrichment: r.enrichment,
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
  const inputs = r.input?.inputs ?? [];
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
    zmapShare: s.zmapShare,
    masscanShare: s.masscanShare,
    backscatterShare: s.backscatterShare,
    topAsns: s.topAsns,
    topCountries: s.topCountries,
    enrichedShare: s.enrichedShare,
    ...(s.sourceSenders && inputs.length > 1
      ? { sources: s.sourceSenders.map((senders, k) => ({ file: inputs[k].file, senders, share: s.senders > 0 ? senders / s.senders : 0 })) }
      : {}),
  })), 1);
}

export function* projectorVectors(embedding: Embedding): Generator<string> {
  const { vocab, dim, vectors } = embedding;
  for (let i = 0; i < vocab.length; i++) yield Array.from(vectors.subarray(i * dim, (i + 1) * dim)).join('\t') + '\n';
}

export const METADATA_COLUMNS = [
  'ip', 'label', 'predicted', 'cluster', 'packets', 'service', 'silhouette',
  'asn', 'as_name', 'country', 'mirai_share', 'zmap_share', 'masscan_share', 'backscatter_share',
] as const;

export function* projectorMetadata(r: DarkVecResults): Generator<string> {
  const sources = sourcesColumn(r);
  yield tsvLine(sources ? [...METADATA_COLUMNS, 'sources'] : METADATA_COLUMNS);
  const c = r.classification;
  for (let i = 0; i < r.senders.vocab.length; i++) {
    const row = [
      r.senders.vocab[i], labelOf(r, i), c ? predictionName(r.senders.labelNames, c.predicted[i]) : '',
      r.clustering.cluster[i], r.senders.packets[i], r.serviceNames[r.dominantService[i]] ?? '', r.clustering.silhouette[i],
      ...senderColumns(r, i),
    ];
    if (sources) row.push(sources(i));
    yield tsvLine(row);
  }
}

/**
 * The k-NN graph Louvain clustered (the clustering's graph k; edges undirected,
 * weighted by cosine similarity clamped at 0), as the authors' knngraph.py
 * saved it for Gephi, with every per-sender column of clusters.csv as node
 * attributes (the ground truth as `gt_class`, their name: `label` is the
 * node's own label in Gephi).
 */
export function* graphGexf(r: DarkVecResults, knn: KnnResult): Generator<string> {
  const g = buildKnnGraph(knn, r.clustering.graphK);
  const c = r.classification;
  const { labelNames } = r.senders;
  const e = r.senders.enrichment;
  const f = r.senders.fingerprints;
  const sources = sourcesColumn(r);
  const columns: GexfColumn[] = [
    { title: 'cluster', type: 'integer', value: (i) => r.clustering.cluster[i] },
    { title: 'silhouette', type: 'double', value: (i) => r.clustering.silhouette[i] },
    { title: 'gt_class', type: 'string', value: (i) => (r.senders.label[i] >= 0 ? labelOf(r, i) : null) },
    { title: 'predicted', type: 'string', value: (i) => (c ? predictionName(labelNames, c.predicted[i]) : null) },
    { title: 'vote_share', type: 'double', value: (i) => (c ? c.voteShare[i] : null) },
    { title: 'best_known', type: 'string', value: (i) => (c ? predictionName(labelNames, c.bestKnown[i]) : null) },
    { title: 'packets', type: 'long', value: (i) => r.senders.packets[i] },
    { title: 'service', type: 'string', value: (i) => r.serviceNames[r.dominantService[i]] ?? null },
    { title: 'asn', type: 'long', value: (i) => (e && e.asn[i] > 0 ? e.asn[i] : null) },
    { title: 'as_name', type: 'string', value: (i) => (e && e.asName[i] >= 0 ? e.asNames[e.asName[i]] : null) },
    { title: 'country', type: 'string', value: (i) => (e && e.country[i] >= 0 ? e.countries[e.country[i]] : null) },
    { title: 'mirai_share', type: 'double', value: (i) => f.mirai[i] },
    { title: 'zmap_share', type: 'double', value: (i) => f.zmap[i] },
    { title: 'masscan_share', type: 'double', value: (i) => f.masscan[i] },
    { title: 'backscatter_share', type: 'double', value: (i) => f.backscatter[i] },
  ];
  if (sources) columns.push({ title: 'sources', type: 'string', value: sources });
  yield* gexfChunks({
    ids: r.senders.vocab, source: g.source, target: g.target, weight: g.weight, columns,
    description: `DarkVec k-NN graph: ${g.n} senders, each linked to its ${r.clustering.graphK} nearest neighbours (cosine similarity as weight); Louvain clusters as "cluster"`,
  });
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
