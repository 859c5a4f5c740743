// i-DarkVec: a long trace processed one UTC day at a time. The trace is read
// once and split by day; day 1 trains with the full epochs, every later day
// grows the vocabulary with its new senders and trains one epoch starting from
// the previous vectors (steps.train's rule). After each day the day's senders
// are clustered (k-NN graph + Louvain) and compared with the day before.
import { decodeTrace } from '../ingest/decoders.ts';
import { DaySplitSink } from '../corpus/day-split.ts';
import type { TrainResult } from '../embed/train-skip-gram.ts';
import { clusterDrift } from '../analyze/cluster-drift.ts';
import { louvainClusters } from '../analyze/louvain.ts';
import { nearestNeighbours } from '../analyze/nearest-neighbours.ts';
import { withRowPool, type Host } from './host.ts';
import { threadsFor, type DarkVecParams } from './params.ts';
import type { OnStepProgress } from './progress.ts';
import { ingest, train, type InputFile } from './steps.ts';

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
}

export interface DailyRun {
  /** The model after the last day: every sender kept on any day. */
  model: TrainResult;
  format: string;
  days: DayReport[];
  totals: { rows: number; rowsSkipped: number; packets: number; senders: number; sentences: number; tokens: number; trainedTokens: number; threads: number };
  /** The first skipped rows, "line N: reason". */
  skipSamples: string[];
}

export interface DailyOptions {
  signal?: AbortSignal;
  onProgress?: OnStepProgress;
  onDay?: (day: DayReport) => void;
}

export function dayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export async function runDaily(host: Host, trace: InputFile, params: DarkVecParams, options: DailyOptions = {}): Promise<DailyRun> {
  const { signal, onProgress } = options;
  const threads = threadsFor(params, host.cores);
  const store = host.dayStore();
  try {
    const split = new DaySplitSink(store);
    let format: string;
    try {
      ({ format } = await decodeTrace(trace.open(), split, {
        fileName: trace.name,
        signal,
        onBytes: onProgress && ((bytes) => onProgress({ step: 'daily', what: 'splitting by day', done: bytes, total: trace.size, unit: 'bytes' })),
      }));
    } catch (e) {
      split.close();
      throw e;
    }
    const dayFiles = split.close();
    if (dayFiles.length === 0) throw new Error(`${trace.name}: no usable rows`);

    let model: TrainResult | null = null;
    let previous: { vocab: string[]; cluster: Int32Array } | null = null;
    const days: DayReport[] = [];
    let sentences = 0;
    let tokens = 0;
    let trainedTokens = 0;
    let trainThreads = threads;
    const seen = new Set<string>();
    for (const file of dayFiles) {
      const date = dayDate(file.day);
      const say: OnStepProgress | undefined = onProgress && ((p) => onProgress({ ...p, what: `${date} ${p.what}` }));
      const day = await ingest(store.input(file.path), null, { ...params, mirai: false }, { signal, onProgress: say });
      const { corpus } = day;
      const report: DayReport = {
        date, rows: day.input.rows, senders: corpus.vocab.length,
        newSenders: corpus.vocab.reduce((n, w) => n + (seen.has(w) ? 0 : 1), 0),
        sentences: corpus.offsets.length - 1, tokens: corpus.tokens.length,
        epochs: 0, clusters: 0, modularity: 0, commonWithPreviousDay: 0, changedCluster: 0, newClusters: 0,
      };
      if (corpus.vocab.length > 0) {
        const trained = await train(corpus, params, model, { threads, signal, onProgress: say });
        model = trained.model;
        trainThreads = trained.summary.threads;
        report.epochs = trained.summary.epochs;
        sentences += report.sentences;
        tokens += report.tokens;
        trainedTokens += trained.summary.tokens;
        for (const w of corpus.vocab) seen.add(w);

        say?.({ step: 'daily', what: `clustering ${corpus.vocab.length} senders`, done: 0, total: 1, unit: 'steps' });
        const today = trained.embedding;
        const n = today.vocab.length;
        const knn = await withRowPool(host, threads, (executor) => nearestNeighbours(today.vectors, n, today.dim, params.graphK, { executor, seed: params.seed }));
        const louvain = louvainClusters(knn, { k: params.graphK, seed: params.seed });
        report.clusters = louvain.count;
        report.modularity = louvain.modularity;
        if (previous) {
          const drift = clusterDrift(previous.vocab, previous.cluster, today.vocab, louvain.clusters);
          report.commonWithPreviousDay = drift.common;
          report.changedCluster = drift.changed;
          report.newClusters = drift.newClusters;
        }
        previous = { vocab: today.vocab, cluster: louvain.clusters };
      }
      days.push(report);
      options.onDay?.(report);
    }
    if (!model) throw new Error(`${trace.name}: no sender has at least ${params.minPackets} packets on any day (lower --min-packets)`);
    return {
      model, format, days, skipSamples: split.skipSamples,
      totals: { rows: split.rows + split.skipped, rowsSkipped: split.skipped, packets: split.packets, senders: split.senders.size, sentences, tokens, trainedTokens, threads: trainThreads },
    };
  } finally {
    store.dispose();
  }
}
