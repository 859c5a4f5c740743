// The whole chain, day by day, on a simulated multi-day trace, as
// `darkvec analyze --daily` runs it: split by UTC day, each day's corpus, day 1
// trained with all its epochs and every later day continued for one, each day
// clustered (k-NN graph + Louvain), then tracked. Used by the quality test and
// the tracker's benchmark.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allKnn } from '../../src/analyze/knn';
import { louvainClusters } from '../../src/analyze/louvain';
import { normalizeRows } from '../../src/analyze/normalize';
import { createTracker, trackDay, type TrackedDay, type TrackerParams, type TrackerState } from '../../src/analyze/tracks';
import type { Embedding } from '../../src/embed/embedding';
import { DaySplitSink } from '../../src/pipeline/day-split';
import { nodeSteps } from '../../src/pipeline/steps-node';
import type { CorpusParams, TrainParams, TrainRun } from '../../src/pipeline/steps';
import { simulateIntoSink } from '../../src/simulate/index';
import type { Simulation } from '../../src/simulate/simulator';

export interface ChainParams {
  corpus: CorpusParams;
  train: TrainParams;
  graphK: number;
  tracker?: Partial<TrackerParams>;
}

/**
 * The quality test's size: scale 0.02 with at least 12 senders per group,
 * ~620 senders a day, 6 days in about 10 s; heavy senders shrunk as in the
 * bundled sample.
 */
export const LIFECYCLE_SCALE = { scale: 0.02, senderFloor: 12, excessPacketScale: 0.25 };

/** `analyze --daily`'s defaults, but c = 25 on 16 dimensions, 5 epochs on day 1, 1 thread. */
export const LIFECYCLE_CHAIN: ChainParams = {
  corpus: { services: 'dks', topPorts: 10, window: 3600, minPackets: 6 },
  train: { context: 25, dim: 16, negative: 5, epochs: 5, seed: 15, threads: 1 },
  graphK: 3,
};

export interface ClusteredDay {
  date: string;
  vocab: string[];
  cluster: Int32Array;
  /** Unit-length rows, vocab.length x dim. */
  vectors: Float32Array;
  dim: number;
}

export interface ChainRun {
  days: ClusteredDay[];
  tracked: TrackedDay[];
  state: TrackerState;
  seconds: { corpus: number; train: number; cluster: number; track: number };
}

function rowsOf(model: Embedding, vocab: readonly string[]): Float32Array {
  const index = new Map<string, number>();
  model.vocab.forEach((w, i) => index.set(w, i));
  const out = new Float32Array(vocab.length * model.dim);
  vocab.forEach((w, i) => {
    const row = index.get(w);
    if (row === undefined) throw new Error(`sender ${w} missing from the model`);
    out.set(model.vectors.subarray(row * model.dim, (row + 1) * model.dim), i * model.dim);
  });
  return out;
}

export async function runChain(sim: Simulation, p: ChainParams): Promise<ChainRun> {
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-lifecycle-'));
  const seconds = { corpus: 0, train: 0, cluster: 0, track: 0 };
  try {
    const split = new DaySplitSink(dir);
    simulateIntoSink(sim, split);
    const files = split.close();
    let run: TrainRun | null = null;
    let state = createTracker(p.tracker);
    const days: ClusteredDay[] = [];
    const tracked: TrackedDay[] = [];
    const quiet = () => {};
    for (const file of files) {
      const date = new Date(file.day * 86_400_000).toISOString().slice(0, 10);
      let t = performance.now();
      const { corpus } = await nodeSteps.buildCorpus(file.path, p.corpus, quiet);
      seconds.corpus += (performance.now() - t) / 1000;
      t = performance.now();
      run = run ? await nodeSteps.continueTraining(run, corpus, { ...p.train, epochs: 1 }, quiet) : await nodeSteps.train(corpus, p.train, quiet);
      seconds.train += (performance.now() - t) / 1000;
      t = performance.now();
      const dim = run.embedding.dim;
      const vectors = normalizeRows(rowsOf(run.embedding, corpus.vocab), corpus.vocab.length, dim);
      const knn = await allKnn(vectors, corpus.vocab.length, dim, p.graphK);
      const cluster = louvainClusters(knn, { k: p.graphK, seed: p.train.seed }).clusters;
      seconds.cluster += (performance.now() - t) / 1000;
      const day: ClusteredDay = { date, vocab: corpus.vocab, cluster, vectors, dim };
      t = performance.now();
      const r = trackDay(state, day);
      seconds.track += (performance.now() - t) / 1000;
      state = r.state;
      days.push(day);
      tracked.push(r.day);
    }
    return { days, tracked, state, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
