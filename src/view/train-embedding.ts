// The studio's trainer: skip-gram in WebAssembly workers (src/embed), which
// runs its own Hogwild pool on shared memory when the page is isolated.
import { trainSkipGram, continueTraining, NOT_ISOLATED_REASON, type TrainResult } from '../embed/train-skip-gram.ts';
import type { Trainer } from './studio.ts';

export const embedTrainer: Trainer = {
  plan(requested) {
    if (globalThis.crossOriginIsolated) return { threads: requested, note: null };
    return { threads: 1, note: `Training runs in 1 worker: ${NOT_ISOLATED_REASON}. See docs/hosting.md.` };
  },
  async train(corpus, params, onProgress, signal, previous) {
    const options = {
      threads: this.plan(params.threads).threads,
      signal,
      onProgress: (p: { tokensDone: number; totalTokens: number; tokensPerSecond: number; epoch: number; epochs: number; etaSeconds: number; loss: number }) =>
        onProgress({ tokensDone: p.tokensDone, tokensTotal: p.totalTokens, tokensPerSecond: p.tokensPerSecond, epoch: p.epoch - 1, epochs: p.epochs, secondsLeft: p.etaSeconds, loss: p.loss }),
    };
    const skipGram = { window: params.window, dim: params.size, negatives: params.negatives, epochs: params.epochs, seed: params.seed };
    const previousResult = previous?.state as TrainResult | undefined;
    const result = previousResult
      ? await continueTraining(previousResult, corpus, skipGram, options)
      : await trainSkipGram(corpus, skipGram, options);
    const note = result.stats.reason ?? null;
    return { model: { embedding: result.embedding, state: result }, threads: result.stats.threads, note };
  },
};
