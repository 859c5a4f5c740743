// The whole chain, day by day, on a simulated multi-day trace, exactly as
// `darkvec analyze --daily` runs it (src/method/daily.ts): split by UTC day,
// each day's corpus, day 1 trained with all its epochs and every later day
// continued for one, each day clustered (k-NN graph + Louvain) and tracked.
// Used by the quality test and the tracker's benchmark.
import type { TrackedDay, TrackerState } from '../../src/analyze/tracks';
import { nodeHost } from '../../src/cli/node-host';
import { DaySplitSink } from '../../src/corpus/day-split';
import { runDays } from '../../src/method/daily';
import { defaultParams, type DarkVecParams } from '../../src/method/params';
import { simulateIntoSink } from '../../src/simulate/index';
import type { Simulation } from '../../src/simulate/simulator';

/**
 * The quality test's size: scale 0.02 with at least 12 senders per group,
 * ~620 senders a day, 6 days in about 10 s; heavy senders shrunk as in the
 * bundled sample.
 */
export const LIFECYCLE_SCALE = { scale: 0.02, senderFloor: 12, excessPacketScale: 0.25 };

/** `analyze --daily`'s defaults, but c = 25 on 16 dimensions, 5 epochs on day 1, 1 thread. */
export const LIFECYCLE_CHAIN: DarkVecParams = { ...defaultParams(1), minPackets: 6, dim: 16, epochs: 5, threads: 1 };

export interface ClusteredDay {
  date: string;
  vocab: string[];
  cluster: Int32Array;
}

export interface ChainRun {
  days: ClusteredDay[];
  tracked: TrackedDay[];
  state: TrackerState;
  seconds: number;
}

export async function runChain(sim: Simulation, params: DarkVecParams): Promise<ChainRun> {
  const store = nodeHost.dayStore();
  const t = performance.now();
  try {
    const split = new DaySplitSink(store);
    simulateIntoSink(sim, split);
    const run = await runDays(nodeHost, store, split.close(), params);
    return {
      days: run.series.days.map((d) => ({ date: d.report.date, vocab: d.vocab, cluster: d.cluster })),
      tracked: run.series.days.map((d) => d.tracked),
      state: run.series.tracker,
      seconds: (performance.now() - t) / 1000,
    };
  } finally {
    store.dispose();
  }
}
