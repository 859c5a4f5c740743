// The DarkVec method's steps, runtime-neutral: the page's worker and the CLI
// call exactly these. ingest: trace (+ labels) -> corpus, sender statistics,
// packet log, joined ground truth; train: corpus -> model (i-DarkVec when
// continuing); analyze: vectors -> DarkVecResults, with one neighbour search
// that the classifier, the graph, the modularity curve and UMAP all share.
import type { ByteSource } from '../ingest/byte-source.ts';
import type { ColumnMapping } from '../ingest/column-mapping.ts';
import { readLabels, type Labels } from '../ingest/read-labels.ts';
import { buildCorpus, type CorpusReport } from '../corpus/build-corpus.ts';
import { fingerprintShares } from '../corpus/fingerprint-labels.ts';
import type { FingerprintName } from '../corpus/fingerprints.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { joinLabels, type JoinedLabels } from '../corpus/join-labels.ts';
import type { PacketLog, SenderStats } from '../corpus/sender-stats.ts';
import { dksServices, type DksDictionary } from '../corpus/services.ts';
import type { Embedding } from '../embed/embedding.ts';
import { continueTraining, trainSkipGram, type ContinuableModel, type TrainResult } from '../embed/train-skip-gram.ts';
import { analyzeEmbedding, type AnalysisStage } from '../analyze/analyze-embedding.ts';
import { dominantServices } from '../analyze/dominant-service.ts';
import { sourceSenders } from '../analyze/summaries.ts';
import type { RowExecutor } from '../kernels/executor.ts';
import type { KnnResult } from '../analyze/knn.ts';
import { truncateKnn } from '../analyze/knn.ts';
import { modularityCurve } from '../analyze/louvain.ts';
import { umapProject } from '../analyze/umap.ts';
import { epochsFor, neighboursNeeded, UMAP_NEIGHBOURS, type DarkVecParams } from './params.ts';
import { applyEnrichment, type Enrichment } from './enrichment.ts';
import type { OnStepProgress } from './progress.ts';
import type {
  Classification, CorpusSummary, DarkVecResults, EnrichmentSummary, FingerprintShares, InputSummary, LabelsSummary, ModularityCurve, TrainingSummary,
} from './results.ts';

/** A file to read, wherever it lives: a path (CLI) or a File (page). */
export interface InputFile {
  /** As messages name it: the path on the command line, the file name in the page. */
  name: string;
  size: number;
  open(): ByteSource;
}

export interface IngestOptions {
  /** Delimited text: the columns the user confirmed (of the first trace; the others' are detected). */
  mapping?: Partial<ColumnMapping>;
  /** An edited DKS dictionary; default the bundled one. */
  dictionary?: DksDictionary;
  /** The labels file's name, when `labelsFile` was read already. */
  labelsName?: string;
  signal?: AbortSignal;
  onProgress?: OnStepProgress;
}

export interface Ingested {
  corpus: Corpus;
  stats: SenderStats;
  log: PacketLog;
  report: CorpusReport;
  joined: JoinedLabels;
  input: InputSummary;
  corpusSummary: CorpusSummary;
  labels: LabelsSummary;
  dictionary?: DksDictionary;
}

/** The last path component: reports and sessions name files, not the folders they were in. */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

export async function readLabelsFile(file: InputFile): Promise<Labels> {
  return readLabels(file.open(), file.name);
}

/**
 * Trace(s) (+ labels file) -> corpus and joined labels. Several traces of the
 * same days (a darknet and a honeypot) make one corpus, each sender marked
 * with the traces it was in. Labels are read first: a bad labels file fails
 * in a second, not after the corpus.
 */
export async function ingest(trace: InputFile | readonly InputFile[], labelsFile: InputFile | Labels | null, params: DarkVecParams, options: IngestOptions = {}): Promise<Ingested> {
  const { signal, onProgress } = options;
  const traces: readonly InputFile[] = 'open' in trace ? [trace] : trace;
  const labels = labelsFile && 'open' in labelsFile ? await readLabelsFile(labelsFile) : labelsFile;
  signal?.throwIfAborted();
  const size = traces.reduce((a, t) => a + t.size, 0);
  const name = traces.map((t) => t.name).join(' + ');
  const { corpus, stats, log, report } = await buildCorpus(
    traces.map((t, k) => ({ open: () => t.open(), fileName: t.name, totalBytes: t.size, mapping: k === 0 ? options.mapping : undefined })),
    {
      fileName: name, services: params.services, topPorts: params.topPorts, window: params.window, minPackets: params.minPackets,
      dks: options.dictionary, dropBackscatter: params.dropBackscatter,
    },
    onProgress && ((p) => onProgress({
      step: 'corpus', unit: 'bytes', total: 2 * size,
      what: (p.pass === 1 ? 'counting senders (pass 1 of 2)' : 'building sentences (pass 2 of 2)') + (traces.length > 1 ? `, ${baseName(traces[p.input].name)}` : ''),
      done: p.bytes + (p.pass === 2 ? size : 0),
    })),
    signal,
  );
  const joined = joinLabels(corpus.vocab, stats, labels, { mirai: params.mirai, fingerprints: params.fingerprints });
  const given = options.labelsName ?? (labelsFile && 'open' in labelsFile ? labelsFile.name : null);
  const labelsName = labels && given ? baseName(given) : null;
  return {
    corpus, stats, log, report, joined, dictionary: options.dictionary,
    input: inputSummary(report),
    corpusSummary: { serviceNames: report.serviceNames, sentences: report.sentences, tokens: report.tokens },
    labels: labelsSummary(labelsName, labels, joined),
  };
}

export function labelsSummary(file: string | null, labels: Labels | null, joined: JoinedLabels): LabelsSummary {
  const skipped = labels?.report.skipped;
  const conflicts = labels?.report.conflicts ?? [];
  return {
    file,
    entries: joined.entries,
    sendersLabelled: joined.sendersLabelled,
    notAmongKept: joined.notAmongKept,
    // Unusable lines and conflicting labels (with both lines), in file order.
    problems: [...(skipped?.first ?? []), ...conflicts].sort((a, b) => a.line - b.line),
    problemCount: (skipped?.total ?? 0) + (labels?.report.conflicting ?? conflicts.length),
    mirai: joined.mirai,
    fingerprints: joined.fingerprints,
  };
}

function inputSummary(r: CorpusReport): InputSummary {
  const hours = r.hourly.start;
  const hourStart = hours.length ? hours[0] : 0;
  const hourCount = hours.length ? Math.round((hours[hours.length - 1] - hourStart) / 3600) + 1 : 0;
  const packetsPerHour = new Float64Array(hourCount);
  for (let i = 0; i < hours.length; i++) packetsPerHour[Math.round((hours[i] - hourStart) / 3600)] += r.hourly.packets[i];
  return {
    file: r.inputs.map((i) => baseName(i.fileName)).join(' + '),
    format: r.format,
    inputs: r.inputs.map((i) => ({ file: baseName(i.fileName), format: i.format, rows: i.rows, packets: i.packets, senders: i.senders, sendersKept: i.sendersKept })),
    sendersInSeveral: r.sendersInSeveral,
    backscatterDropped: r.backscatterDropped,
    rows: r.rowsRead,
    rowsSkipped: r.rowsSkipped.total,
    skippedByReason: Object.entries(r.rowsSkipped.byReason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    firstSkipped: r.rowsSkipped.first,
    packets: r.packets,
    senders: r.sendersBefore,
    sendersKept: r.sendersAfter,
    packetsKept: r.packetsKept,
    distinctPorts: r.distinctPorts,
    firstTime: Number.isFinite(r.firstTime) ? r.firstTime : null,
    lastTime: Number.isFinite(r.lastTime) ? r.lastTime : null,
    hourStart,
    packetsPerHour,
    topPorts: r.topPorts.slice(0, 15).map((p) => ({ service: p.name, packets: p.packets })),
    warnings: r.warnings,
  };
}

export interface TrainOptions {
  threads: number;
  signal?: AbortSignal;
  onProgress?: OnStepProgress;
}

export interface Trained {
  /** Everything continuing needs (input and output vectors of every sender seen so far). */
  model: TrainResult;
  /** The rows of this corpus's senders, in its token order: what the analysis and the exports use. */
  embedding: Embedding;
  summary: TrainingSummary;
}

/** Trains on `corpus`, or continues `previous` with it (i-DarkVec: new senders appended, one epoch). */
export async function train(corpus: Corpus, params: DarkVecParams, previous: ContinuableModel | Embedding | null, options: TrainOptions): Promise<Trained> {
  const epochs = epochsFor(params, previous !== null);
  const skipGram = { window: params.context, dim: params.dim, negatives: params.negatives, epochs, seed: params.seed, sharedNegatives: params.sharedNegatives };
  const trainOptions = {
    threads: options.threads,
    signal: options.signal,
    onProgress: options.onProgress && ((p: Parameters<NonNullable<Parameters<typeof trainSkipGram>[2]>['onProgress'] & {}>[0]) => options.onProgress!({
      step: 'train', what: `epoch ${p.epoch} of ${p.epochs}`, done: p.tokensDone, total: p.totalTokens, unit: 'tokens', training: p,
    })),
  };
  const model = previous ? await continueTraining(previous, corpus, skipGram, trainOptions) : await trainSkipGram(corpus, skipGram, trainOptions);
  const s = model.stats;
  return {
    model,
    embedding: alignEmbedding(model.embedding, corpus.vocab),
    summary: {
      epochs,
      continued: previous !== null,
      modelSenders: model.embedding.vocab.length,
      sendersAdded: model.embedding.vocab.length - (previous ? ('embedding' in previous ? previous.embedding : previous).vocab.length : 0),
      threads: s.threads,
      tokens: s.tokens,
      finalLoss: s.finalLoss,
    },
  };
}

/** The rows of `vocab`, in that order, from an embedding whose vocabulary holds them all. */
export function alignEmbedding(embedding: Embedding, vocab: readonly string[]): Embedding {
  if (embedding.vocab.length === vocab.length && embedding.vocab.every((v, i) => v === vocab[i])) return embedding;
  const at = new Map<string, number>();
  embedding.vocab.forEach((v, i) => at.set(v, i));
  const { dim } = embedding;
  const vectors = new Float32Array(vocab.length * dim);
  vocab.forEach((v, i) => {
    const row = at.get(v);
    if (row === undefined) throw new Error(`the model has no vector for ${v}`);
    vectors.set(embedding.vectors.subarray(row * dim, (row + 1) * dim), i * dim);
  });
  return { vocab: [...vocab], dim, vectors };
}

export interface AnalyzeInput {
  embedding: Embedding;
  /** Absent for a model read from a file. */
  stats?: SenderStats;
  log?: PacketLog;
  joined: JoinedLabels;
  input: InputSummary | null;
  corpus: CorpusSummary | null;
  labels: LabelsSummary;
  training: TrainingSummary | null;
  dictionary?: DksDictionary;
  /** The kept senders looked up in IP databases (enrichment.ts), with its summary. */
  enrichment?: { enrichment: Enrichment; summary: EnrichmentSummary } | null;
}

export interface AnalyzeOptions {
  executor?: RowExecutor;
  /** Also the modularity curve now (the CLI); the page asks for it after the results are shown. */
  curve: boolean;
  signal?: AbortSignal;
  onProgress?: OnStepProgress;
}

const STAGES: AnalysisStage[] = ['neighbours', 'classifier', 'clustering', 'curve', 'silhouette', 'kmeans', 'projection', 'summaries'];

export interface Analyzed {
  results: DarkVecResults;
  /** The one neighbour search, kept for the curve and UMAP. */
  knn: KnnResult;
  /** PCA scores (UMAP starts from them). */
  pca: Float32Array;
}

export async function analyze(a: AnalyzeInput, params: DarkVecParams, options: AnalyzeOptions): Promise<Analyzed> {
  const { embedding } = a;
  const n = embedding.vocab.length;
  const stages = options.curve ? STAGES : STAGES.filter((s) => s !== 'curve');
  const r = await analyzeEmbedding(embedding, a.joined.labels, a.stats, a.log, {
    classifierK: params.k,
    graphK: params.graphK,
    curveMaxK: options.curve ? params.curveMaxK : 0,
    neighboursK: neighboursNeeded(params),
    kmeansK: params.kmeans ? undefined : 0,
    seed: params.seed,
    executor: options.executor,
    activityCap: 0,
  }, (stage, share) => {
    options.signal?.throwIfAborted();
    options.onProgress?.({ step: 'analyze', what: stage, done: stages.indexOf(stage) + share, total: stages.length, unit: 'steps' });
  });
  const labels = a.joined.labels;
  const c = r.classification;
  const classification: Classification | null = labels.names.length === 0 ? null : c;
  const services = dksServices(a.dictionary);
  const pca2 = twoColumns(r.pca.points, n, r.pca.components);
  const inputs = a.input?.inputs.length ?? 0;
  const sources = inputs > 1 && a.stats?.sources ? a.stats.sources : null;
  const results: DarkVecResults = {
    input: a.input,
    corpus: a.corpus,
    labels: a.labels,
    enrichment: null,
    training: a.training,
    senders: {
      vocab: embedding.vocab,
      // A model read from a file carries no traffic: packets unknown (empty in the CSV files).
      packets: a.stats ? Float64Array.from(a.stats.packets) : new Float64Array(n).fill(NaN),
      label: labels.ids,
      labelNames: labels.names,
      fingerprints: senderFingerprints(a.stats, n),
      enrichment: null,
      sources,
      ...(a.stats && { firstSeen: Float64Array.from(a.stats.firstSeen) }),
    },
    neighbours: {
      method: r.knn.approximate ? 'approximate' : 'exact',
      k: r.knn.k,
      recallEstimate: 'recallEstimate' in r.knn ? (r.knn.recallEstimate as number) : null,
    },
    classification,
    clustering: {
      graphK: r.louvain.k,
      cluster: r.louvain.clusters,
      count: r.louvain.count,
      modularity: r.louvain.modularity,
      silhouette: r.silhouette,
      silhouetteMean: r.silhouetteSummary.mean,
      positiveShare: r.silhouetteSummary.positiveClusterShare,
      summaries: r.summaries,
      kmeans: r.kmeans && { k: r.kmeans.k, silhouette: r.kmeans.silhouette, silhouetteMean: r.kmeans.summary.mean, positiveShare: r.kmeans.summary.positiveClusterShare },
      curve: r.curve && curveOf(r.curve),
    },
    projection: { pca: pca2, umap: null },
    dominantService: a.log ? dominantServices(a.log, n, services.ofPair, services.names.length) : new Int32Array(n).fill(-1),
    serviceNames: services.names,
  };
  if (sources) {
    const perCluster = sourceSenders(r.louvain.clusters, r.louvain.count, sources, inputs);
    for (const summary of results.clustering.summaries) summary.sourceSenders = perCluster[summary.cluster];
  }
  if (a.enrichment) applyEnrichment(results, a.enrichment.enrichment, a.enrichment.summary);
  return { results, knn: r.knn, pca: r.pca.points };
}

const FINGERPRINTS: readonly FingerprintName[] = ['mirai', 'zmap', 'masscan', 'backscatter'];

/** Per-sender fingerprint shares, NaN where the trace could not show them (or there is no trace). */
export function senderFingerprints(stats: SenderStats | undefined, n: number): FingerprintShares {
  const of = (name: FingerprintName) => (stats ? fingerprintShares(stats, name) : null) ?? new Float32Array(n).fill(NaN);
  return Object.fromEntries(FINGERPRINTS.map((name) => [name, of(name)])) as unknown as FingerprintShares;
}

function curveOf(c: { k: ArrayLike<number>; modularity: ArrayLike<number>; clusters: ArrayLike<number> }): ModularityCurve {
  return { k: Array.from(c.k), modularity: Array.from(c.modularity), clusters: Array.from(c.clusters) };
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

/** The modularity curve over graph k = 1..curveMaxK, from the analysis's neighbour lists. */
export function curve(knn: KnnResult, params: DarkVecParams, onProgress?: OnStepProgress): ModularityCurve {
  const maxK = Math.min(params.curveMaxK, knn.k);
  return curveOf(modularityCurve(knn, maxK, { seed: params.seed }, (k) => onProgress?.({ step: 'curve', what: `Louvain on the ${k}-NN graph`, done: k, total: maxK, unit: 'steps' })));
}

/** UMAP from the analysis's neighbour lists, started from its PCA layout. */
export function umap(knn: KnnResult, pca: Float32Array, params: DarkVecParams, onProgress?: OnStepProgress): Float32Array {
  const n = knn.n;
  if (n < 3) return new Float32Array(n * 2);
  const neighbours = Math.min(UMAP_NEIGHBOURS - 1, knn.k);
  return umapProject(truncateKnn(knn, neighbours), {
    neighbours: neighbours + 1,
    seed: params.seed,
    init: pca,
    onProgress: (done, total) => onProgress?.({ step: 'umap', what: 'UMAP epochs', done, total, unit: 'steps' }),
  }).points;
}
