// i-DarkVec day by day, with tracks (NovTrack's question: what is new today,
// what came back, what changed). A day series holds everything across days:
// the tracker's state (src/analyze/tracks.ts), each day's clusters and their
// tracks, per-track traffic and labels, and per-day counts. Each day: its
// corpus (the per-day filter), training (day 1 all epochs, later days one,
// new senders appended), k-NN graph + Louvain over the day's senders, the
// tracker, and the cluster summaries the novelty inbox shows. The CLI's
// --daily runs a whole trace through it; the page extends the series of a
// session continued with the next day's trace. Plain data: a session stores it.
import { decodeTrace } from '../ingest/decoders.ts';
import type { Labels } from '../ingest/read-labels.ts';
import { DaySplitSink, type DayFile } from '../corpus/day-split.ts';
import type { JoinedLabels } from '../corpus/join-labels.ts';
import type { PacketLog, SenderStats } from '../corpus/sender-stats.ts';
import type { Embedding } from '../embed/embedding.ts';
import type { TrainResult } from '../embed/train-skip-gram.ts';
import { clusterDrift } from '../analyze/cluster-drift.ts';
import { louvainClusters } from '../analyze/louvain.ts';
import { nearestNeighbours } from '../analyze/nearest-neighbours.ts';
import { normalizeRows } from '../analyze/normalize.ts';
import { summarizeClusters, type ClusterSummary } from '../analyze/summaries.ts';
import { addTrackProfiles, createTrackProfiles, type TrackProfiles } from '../analyze/track-rows.ts';
import { createTracker, trackDay, type TrackedDay, type TrackerState } from '../analyze/tracks.ts';
import { withRowPool, type Host } from './host.ts';
import { threadsFor, type DarkVecParams } from './params.ts';
import type { OnStepProgress } from './progress.ts';
import { ingest, train, type Ingested, type InputFile, type Trained } from './steps.ts';

export interface DayReport {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  rows: number;
  /** Senders kept by that day's filter. */
  senders: number;
  /** Kept senders never kept on an earlier day. */
  newSenders: number;
  sentences: number;
  tokens: number;
  epochs: number;
  clusters: number;
  modularity: number;
  /** Senders also clustered the day before. */
  commonWithPreviousDay: number;
  /** Of those, senders whose (matched) cluster changed. */
  changedCluster: number;
  /** Clusters sharing no sender with the day before. */
  newClusters: number;
  /** Tracks with each event that day (emerged, survived, split, absorbed, disappeared, reappeared). */
  events: Record<string, number>;
}

/** One day of a series: what its files and the Days view show. */
export interface SeriesDay {
  report: DayReport;
  vocab: string[];
  cluster: Int32Array;
  tracked: TrackedDay;
  summaries: ClusterSummary[];
}

export interface DaySeries {
  format: 'darkvec-days';
  version: 1;
  tracker: TrackerState;
  profiles: TrackProfiles;
  days: SeriesDay[];
  /** Every sender kept on some day so far (for "new senders"). */
  seen: string[];
}

export function createDaySeries(params: Pick<DarkVecParams, 'memoryDays' | 'forgetDays'>): DaySeries {
  return {
    format: 'darkvec-days', version: 1,
    tracker: createTracker({ memoryDays: params.memoryDays, forgetDays: params.forgetDays }),
    profiles: createTrackProfiles(), days: [], seen: [],
  };
}

export function dayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC date of a day's traffic: that of its first packet. */
export function dateOf(firstTime: number | null): string {
  return firstTime === null ? '' : dayDate(Math.floor(firstTime / 86_400));
}

export interface DayInput {
  date: string;
  /** The day's senders' vectors, in its corpus order. */
  embedding: Embedding;
  stats?: SenderStats;
  log?: PacketLog;
  joined: JoinedLabels;
  rows: number;
  sentences: number;
  tokens: number;
  epochs: number;
  /** The day's clustering when the analysis made it already (same graph k and seed: the same clusters). */
  clustering?: { cluster: Int32Array; count: number; modularity: number; summaries: ClusterSummary[] };
}

/** Clusters and tracks one more day; the series is extended in place and the day returned. */
export async function addDay(host: Host, series: DaySeries, day: DayInput, params: DarkVecParams, signal?: AbortSignal): Promise<SeriesDay> {
  const last = series.days.at(-1);
  if (last && day.date <= last.report.date) throw new Error(`day ${day.date} does not follow the series' last day ${last.report.date}: days must come in time order`);
  const e = day.embedding;
  const n = e.vocab.length;
  const seen = new Set(series.seen);
  const report: DayReport = {
    date: day.date, rows: day.rows, senders: n, newSenders: e.vocab.reduce((k, w) => k + (seen.has(w) ? 0 : 1), 0),
    sentences: day.sentences, tokens: day.tokens, epochs: day.epochs,
    clusters: 0, modularity: 0, commonWithPreviousDay: 0, changedCluster: 0, newClusters: 0, events: {},
  };
  let louvain = day.clustering && { clusters: day.clustering.cluster, count: day.clustering.count, modularity: day.clustering.modularity };
  if (!louvain) {
    const knn = await withRowPool(host, threadsFor(params, host.cores), (executor) => nearestNeighbours(e.vectors, n, e.dim, params.graphK, { executor, seed: params.seed }));
    signal?.throwIfAborted();
    louvain = louvainClusters(knn, { k: params.graphK, seed: params.seed });
  }
  report.clusters = louvain.count;
  report.modularity = louvain.modularity;
  if (last) {
    const drift = clusterDrift(last.vocab, last.cluster, e.vocab, louvain.clusters);
    report.commonWithPreviousDay = drift.common;
    report.changedCluster = drift.changed;
    report.newClusters = drift.newClusters;
  }
  const tracked = trackDay(series.tracker, { date: day.date, vocab: e.vocab, cluster: louvain.clusters, vectors: normalizeRows(e.vectors, n, e.dim), dim: e.dim });
  series.tracker = tracked.state;
  for (const ev of tracked.day.events) report.events[ev.kind] = (report.events[ev.kind] ?? 0) + 1;
  const summaries = day.clustering?.summaries ?? summarizeClusters({ vocab: e.vocab, clusters: louvain.clusters, count: louvain.count, stats: day.stats, log: day.log, labels: day.joined.labels });
  series.profiles = addTrackProfiles(series.profiles, tracked.day, summaries);
  for (const w of e.vocab) if (!seen.has(w)) series.seen.push(w);
  const record: SeriesDay = { report, vocab: e.vocab, cluster: louvain.clusters, tracked: tracked.day, summaries };
  series.days.push(record);
  return record;
}

export interface DailyRun {
  /** The model after the last day: every sender kept on any day. */
  model: TrainResult;
  format: string;
  series: DaySeries;
  totals: { rows: number; rowsSkipped: number; packets: number; senders: number; sentences: number; tokens: number; trainedTokens: number; threads: number; backscatterDropped: { rows: number; packets: number } };
  /** The first skipped rows, "line N: reason". */
  skipSamples: string[];
}

export interface DailyOptions {
  /** Ground truth for each day's label mix (and the tracks' label columns). */
  labels?: Labels | null;
  signal?: AbortSignal;
  onProgress?: OnStepProgress;
  onDay?: (day: SeriesDay) => void;
}

/** A trace split by UTC day into the host's day store, in one streaming pass. */
export async function splitByDay(host: Host, trace: InputFile, options: Pick<DailyOptions, 'signal' | 'onProgress'> = {}) {
  const store = host.dayStore();
  const split = new DaySplitSink(store);
  let format: string;
  try {
    ({ format } = await decodeTrace(trace.open(), split, {
      fileName: trace.name,
      signal: options.signal,
      onBytes: options.onProgress && ((bytes) => options.onProgress!({ step: 'daily', what: 'splitting by day', done: bytes, total: trace.size, unit: 'bytes' })),
    }));
  } catch (e) {
    split.close();
    store.dispose();
    throw e;
  }
  return { store, split, format, days: split.close() };
}

/** Every day of a split trace through the series, training as i-DarkVec does. */
export async function runDays(
  host: Host, store: ReturnType<Host['dayStore']>, days: DayFile[], params: DarkVecParams, options: DailyOptions = {},
): Promise<{
  model: TrainResult | null; series: DaySeries; sentences: number; tokens: number; trainedTokens: number; threads: number;
  backscatterDropped: { rows: number; packets: number }; last: { ingested: Ingested; trained: Trained } | null;
}> {
  const { signal, onProgress } = options;
  const threads = threadsFor(params, host.cores);
  const series = createDaySeries(params);
  let model: TrainResult | null = null;
  let sentences = 0;
  let tokens = 0;
  let trainedTokens = 0;
  let trainThreads = threads;
  let last: { ingested: Ingested; trained: Trained } | null = null;
  const backscatterDropped = { rows: 0, packets: 0 };
  for (const file of days) {
    const date = dayDate(file.day);
    const say: OnStepProgress | undefined = onProgress && ((p) => onProgress({ ...p, what: `${date} ${p.what}` }));
    const d = await ingest(store.input(file.path), options.labels ?? null, params, { signal, onProgress: say });
    const { corpus } = d;
    backscatterDropped.rows += d.report.backscatterDropped.rows;
    backscatterDropped.packets += d.report.backscatterDropped.packets;
    if (corpus.vocab.length === 0) continue;
    const trained = await train(corpus, params, model, { threads, signal, onProgress: say });
    model = trained.model;
    trainThreads = trained.summary.threads;
    sentences += corpus.offsets.length - 1;
    tokens += corpus.tokens.length;
    trainedTokens += trained.summary.tokens;
    say?.({ step: 'daily', what: `clustering and tracking ${corpus.vocab.length} senders`, done: 0, total: 1, unit: 'steps' });
    const record = await addDay(host, series, {
      date, embedding: trained.embedding, stats: d.stats, log: d.log, joined: d.joined,
      rows: d.input.rows, sentences: corpus.offsets.length - 1, tokens: corpus.tokens.length, epochs: trained.summary.epochs,
    }, params, signal);
    last = { ingested: d, trained };
    options.onDay?.(record);
  }
  return { model, series, sentences, tokens, trainedTokens, threads: trainThreads, backscatterDropped, last };
}

/** A whole trace day by day (`darkvec analyze --daily`). */
export async function runDaily(host: Host, trace: InputFile, params: DarkVecParams, options: DailyOptions = {}): Promise<DailyRun> {
  const { store, split, format, days } = await splitByDay(host, trace, options);
  try {
    if (days.length === 0) throw new Error(`${trace.name}: no usable rows`);
    const run = await runDays(host, store, days, params, options);
    if (!run.model) throw new Error(`${trace.name}: no sender has at least ${params.minPackets} packets on any day (--min-packets ${params.minPackets}); lower --min-packets`);
    return {
      model: run.model, format, series: run.series, skipSamples: split.skipSamples,
      totals: {
        rows: split.rows + split.skipped, rowsSkipped: split.skipped, packets: split.packets, senders: split.senders.size,
        sentences: run.sentences, tokens: run.tokens, trainedTokens: run.trainedTokens, threads: run.threads, backscatterDropped: run.backscatterDropped,
      },
    };
  } finally {
    store.dispose();
  }
}
