import { describe, expect, it } from 'vitest';
import { continueTraining, trainSkipGram, type TrainProgress } from '../../src/embed/train-skip-gram';
import { liveKernelWorkers as liveTrainWorkers } from '../../src/kernels/pool';
import { plantedCorpus } from './planted-corpus';
import { cosine, groupSeparation } from './cosine';

const small = { window: 5, dim: 16, epochs: 5, seed: 7 };

describe('trainSkipGram', () => {
  it('puts senders that co-occur together: every within-group cosine beats every cross-group one', async () => {
    const corpus = plantedCorpus(2, 10, 200, 20);
    const progress: TrainProgress[] = [];
    const r = await trainSkipGram(corpus, small, { threads: 1, onProgress: (p) => progress.push(p) });
    const { minWithin, maxCross } = groupSeparation(r.embedding, 0, 20, 10);
    expect(minWithin).toBeGreaterThan(maxCross);
    expect(r.embedding.vocab).toEqual(corpus.vocab);
    expect(r.embedding.vectors.length).toBe(20 * 16);
    expect(r.outputVectors.length).toBe(20 * 16);
    expect(r.stats).toMatchObject({ tokens: 4000 * 5, threads: 1, epochs: 5 });
    expect(r.stats.tokensPerSecond).toBeGreaterThan(0);
    expect(r.stats.finalLoss).toBeGreaterThan(0);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ tokensDone: 20_000, totalTokens: 20_000, epoch: 5, epochs: 5 });
  });

  it('is deterministic with one thread and a seed', async () => {
    const corpus = plantedCorpus(3, 8, 120, 15);
    const a = await trainSkipGram(corpus, { ...small, epochs: 2 }, { threads: 1 });
    const b = await trainSkipGram(corpus, { ...small, epochs: 2 }, { threads: 1 });
    const c = await trainSkipGram(corpus, { ...small, epochs: 2, seed: 8 }, { threads: 1 });
    expect(b.embedding.vectors).toEqual(a.embedding.vectors);
    expect(b.outputVectors).toEqual(a.outputVectors);
    expect(c.embedding.vectors).not.toEqual(a.embedding.vectors);
  });

  it('trains with two workers over one shared memory (Hogwild)', async () => {
    const corpus = plantedCorpus(2, 10, 400, 20);
    const progress: TrainProgress[] = [];
    const r = await trainSkipGram(corpus, small, { threads: 2, onProgress: (p) => progress.push(p) });
    expect(r.stats.threads).toBe(2);
    expect(r.stats.reason).toBeUndefined();
    const { minWithin, maxCross } = groupSeparation(r.embedding, 0, 20, 10);
    expect(minWithin).toBeGreaterThan(maxCross);
    expect(progress[progress.length - 1].tokensDone).toBe(8000 * 5);
    expect(liveTrainWorkers()).toBe(0);
  });

  it('parks the second worker while the governor measures one faster, and releases it at the end', async () => {
    const corpus = plantedCorpus(2, 10, 4000, 20);
    const progress: TrainProgress[] = [];
    // margin 0: one worker "wins" as soon as it trains anything, so the run must park worker 1.
    const governor = { warmMs: 0, probeMs: 5, holdMs: 60_000, maxHoldMs: 60_000, margin: 0 };
    const r = await trainSkipGram(corpus, { ...small, epochs: 20 }, { threads: 2, schedule: { governor }, onProgress: (p) => progress.push(p) });
    expect(r.stats.soloSeconds).toBeGreaterThan(0);
    expect(r.stats.soloSeconds).toBeLessThanOrEqual(r.stats.seconds + 0.05);
    expect(progress[progress.length - 1]).toMatchObject({ tokensDone: 80_000 * 20, epoch: 20 });
    // The epoch shown follows the positions trained, not the parked worker's.
    expect(progress.some((p) => p.epoch > 1 && p.tokensDone < 80_000 * 20)).toBe(true);
    const { minWithin, maxCross } = groupSeparation(r.embedding, 0, 20, 10);
    expect(minWithin).toBeGreaterThan(maxCross);
    expect(liveTrainWorkers()).toBe(0);
  });

  it('reports progress at least twice a second and cancels with an AbortError, terminating its workers', async () => {
    const corpus = plantedCorpus(4, 200, 3000, 100);
    const controller = new AbortController();
    const progress: TrainProgress[] = [];
    const run = trainSkipGram(corpus, { epochs: 50, dim: 50, window: 25 }, {
      threads: 2,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (progress.length === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[2].tokensDone).toBeLessThan(progress[2].totalTokens);
    expect(progress[2].etaSeconds).toBeGreaterThan(0);
    expect(Number.isFinite(progress[2].loss)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(liveTrainWorkers()).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(trainSkipGram(plantedCorpus(2, 4, 10, 5), small, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names a bad parameter', async () => {
    await expect(trainSkipGram(plantedCorpus(2, 4, 10, 5), { window: 0 })).rejects.toThrow(/window/);
  });
});

describe('continueTraining', () => {
  it('keeps old senders in their rows, near their old vectors, and appends new senders', async () => {
    const day1 = plantedCorpus(3, 10, 450, 20, 1);
    const first = await trainSkipGram(day1, small, { threads: 1 });
    // Day 2: old groups 0 and 1 again, old group 2 absent, a new group 10.9.0.*.
    const day2 = plantedCorpus(3, 10, 450, 20, 2);
    day2.vocab = day2.vocab.map((v, i) => (i < 20 ? v : `10.9.0.${i - 20}`));
    const next = await continueTraining(first, day2, { ...small, epochs: 3 }, { threads: 1 });
    expect(next.embedding.vocab.slice(0, 30)).toEqual(day1.vocab);
    expect(next.embedding.vocab.slice(30)).toEqual(day2.vocab.slice(20));
    // Each old sender's new vector stays near its old one, and nearer to its own group's old vectors than to others'.
    const old = first.embedding;
    const joined = { vocab: [], dim: 16, vectors: new Float32Array([...old.vectors, ...next.embedding.vectors.subarray(0, 30 * 16)]) };
    for (let i = 0; i < 30; i++) {
      const self = cosine(joined, i, 30 + i);
      expect(self).toBeGreaterThan(0.8);
      for (let j = 0; j < 30; j++) {
        if (Math.floor(j / 10) !== Math.floor(i / 10)) expect(self).toBeGreaterThan(cosine(joined, j, 30 + i));
      }
    }
    // Senders absent from day 2 keep their vectors exactly.
    expect(next.embedding.vectors.subarray(20 * 16, 30 * 16)).toEqual(old.vectors.subarray(20 * 16, 30 * 16));
    // The new group forms its own cluster beside day 2's old groups. (Against the
    // absent group 2 it need not: both were only ever pushed away from groups 0, 1.)
    const present = [...Array(20).keys(), ...Array.from({ length: 10 }, (_, i) => 30 + i)];
    const sep = groupSeparation(
      { vocab: [], dim: 16, vectors: Float32Array.from(present.flatMap((r) => Array.from(next.embedding.vectors.subarray(r * 16, r * 16 + 16)))) },
      0, 30, 10,
    );
    expect(sep.minWithin).toBeGreaterThan(sep.maxCross);
  });

  it('continues from a bare Embedding (output vectors start at zero)', async () => {
    const day1 = plantedCorpus(2, 6, 100, 12, 3);
    const first = await trainSkipGram(day1, { ...small, epochs: 2 }, { threads: 1 });
    const next = await continueTraining(first.embedding, day1, { seed: 1 }, { threads: 1 });
    expect(next.stats.epochs).toBe(1);
    expect(next.embedding.vocab).toEqual(day1.vocab);
    expect(next.embedding.dim).toBe(16);
    await expect(continueTraining(first.embedding, day1, { dim: 8 })).rejects.toThrow(/dim/);
  });
});
