// i-DarkVec: a long trace processed one UTC day at a time. Day 1 trains with
// the full epoch count; every later day grows the vocabulary with that day's
// new senders and trains one epoch on that day's corpus, starting from the
// previous vectors. After each day the day's senders are clustered (k-NN graph
// + Louvain) and compared with the day before (see cluster-drift.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedding } from '../embed/embedding';
import { clusterDrift } from './cluster-drift';
import { DaySplitSink } from './day-split';
import type { CorpusParams, InputSummary, PipelineSteps, TrainParams, TrainRun } from './steps';

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
  trainSeconds: number;
  tokensPerSecond: number;
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
  model: Embedding;
  input: InputSummary;
  days: DayReport[];
  skipSamples: string[];
  corpus: { sentences: number; tokens: number };
  training: { seconds: number; tokensPerSecond: number; threads: number };
}

/** The rows of `model` for `vocab`, in that order. */
export function selectRows(model: Embedding, vocab: readonly string[]): Embedding {
  const index = new Map<string, number>();
  model.vocab.forEach((w, i) => index.set(w, i));
  const vectors = new Float32Array(vocab.length * model.dim);
  vocab.forEach((w, i) => {
    const row = index.get(w);
    if (row === undefined) throw new Error(`sender ${w} missing from the model`);
    vectors.set(model.vectors.subarray(row * model.dim, (row + 1) * model.dim), i * model.dim);
  });
  return { vocab: [...vocab], dim: model.dim, vectors };
}

export async function runDaily(
  steps: PipelineSteps,
  tracePath: string,
  corpusParams: CorpusParams,
  trainParams: TrainParams,
  graphK: number,
  onProgress: (message: string) => void,
  onDay: (day: DayReport) => void,
): Promise<DailyRun> {
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-daily-'));
  try {
    const split = new DaySplitSink(dir);
    try {
      await steps.readTrace(tracePath, split, onProgress);
    } catch (e) {
      split.close();
      throw e;
    }
    const dayFiles = split.close();
    if (dayFiles.length === 0) throw new Error(`${tracePath}: no usable rows`);

    let model: Embedding | null = null;
    let lastRun: TrainRun | null = null;
    let previous: { vocab: string[]; cluster: Int32Array } | null = null;
    const days: DayReport[] = [];
    let sentences = 0;
    let tokens = 0;
    let trainSeconds = 0;
    let threads = trainParams.threads;
    for (const file of dayFiles) {
      const date = new Date(file.day * 86_400_000).toISOString().slice(0, 10);
      const built = await steps.buildCorpus(file.path, corpusParams, (m) => onProgress(`${date} ${m}`));
      rmSync(file.path, { force: true });
      const { corpus } = built;
      const known = new Set(model ? model.vocab : []);
      const newSenders = corpus.vocab.reduce((n, w) => n + (known.has(w) ? 0 : 1), 0);
      const report: DayReport = {
        date,
        rows: built.input.rows,
        senders: corpus.vocab.length,
        newSenders,
        sentences: corpus.offsets.length - 1,
        tokens: corpus.tokens.length,
        epochs: 0,
        trainSeconds: 0,
        tokensPerSecond: 0,
        clusters: 0,
        modularity: 0,
        commonWithPreviousDay: 0,
        changedCluster: 0,
        newClusters: 0,
      };
      if (corpus.vocab.length > 0) {
        const params = model ? { ...trainParams, epochs: 1 } : trainParams;
        const say = (m: string) => onProgress(`${date} ${m}`);
        const run: TrainRun = lastRun ? await steps.continueTraining(lastRun, corpus, params, say) : await steps.train(corpus, params, say);
        lastRun = run;
        model = run.embedding;
        threads = run.threads;
        report.epochs = params.epochs;
        report.trainSeconds = run.seconds;
        report.tokensPerSecond = run.tokensPerSecond;
        trainSeconds += run.seconds;
        sentences += report.sentences;
        tokens += report.tokens * params.epochs;

        onProgress(`${date} clustering ${corpus.vocab.length} senders`);
        const today = selectRows(run.embedding, corpus.vocab);
        const clustering = await steps.cluster(today, graphK, trainParams.seed);
        report.clusters = clustering.clusters;
        report.modularity = clustering.modularity;
        if (previous) {
          const drift = clusterDrift(previous.vocab, previous.cluster, today.vocab, clustering.cluster);
          report.commonWithPreviousDay = drift.common;
          report.changedCluster = drift.changed;
          report.newClusters = drift.newClusters;
        }
        previous = { vocab: today.vocab, cluster: clustering.cluster };
      }
      days.push(report);
      onDay(report);
    }
    if (!model) throw new Error(`${tracePath}: no sender passes --min-packets ${corpusParams.minPackets} on any day`);
    return {
      model,
      days,
      skipSamples: split.skipSamples,
      input: {
        rows: split.rows + split.skipped,
        rowsSkipped: split.skipped,
        packets: split.packets,
        senders: split.senders.size,
        sendersKept: model.vocab.length,
      },
      corpus: { sentences, tokens: days.reduce((n, d) => n + d.tokens, 0) },
      training: { seconds: trainSeconds, tokensPerSecond: trainSeconds > 0 ? tokens / trainSeconds : 0, threads },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
