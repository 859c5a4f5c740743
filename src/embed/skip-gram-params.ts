/**
 * Skip-gram hyper-parameters. Defaults are the DarkVec paper's best DKS setting
 * (c = 25, V = 50) with gensim's other defaults (5 negatives, seed 15 as the
 * authors used, learning rate 0.025 -> 0.0001) and the paper's 20 epochs.
 */
export interface SkipGramParams {
  /** c: the maximum context window; each position draws its own window uniform in 1..c. */
  window: number;
  /** V: vector size. */
  dim: number;
  /** Negative samples per (context, centre) pair, drawn from unigram^0.75. */
  negatives: number;
  epochs: number;
  seed: number;
  /** Learning rate at the start; decays linearly to minAlpha over all epochs of one run. */
  alpha: number;
  minAlpha: number;
  /**
   * An approximation, off by default: draw one set of negatives per centre
   * position and use it for all its context pairs (word2vec.c draws per pair).
   * Faster; what it costs in 7-NN accuracy is printed by `npm run bench -- train`.
   */
  sharedNegatives: boolean;
}

/** The kernel's per-pair target buffer holds the positive and at most this many negatives (assembly/sgns.ts). */
export const MAX_NEGATIVES = 63;

export const DEFAULT_SKIP_GRAM_PARAMS: Readonly<SkipGramParams> = Object.freeze({
  window: 25,
  dim: 50,
  negatives: 5,
  epochs: 20,
  seed: 15,
  alpha: 0.025,
  minAlpha: 0.0001,
  sharedNegatives: false,
});

/** Defaults filled in and every value checked; throws RangeError naming the bad parameter. */
export function resolveSkipGramParams(params: Partial<SkipGramParams> = {}, defaults: Readonly<SkipGramParams> = DEFAULT_SKIP_GRAM_PARAMS): SkipGramParams {
  const p: SkipGramParams = { ...defaults };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) (p as unknown as Record<string, unknown>)[key] = value;
  }
  if (typeof p.sharedNegatives !== 'boolean') throw new RangeError(`sharedNegatives must be true or false (got ${p.sharedNegatives})`);
  const int = (name: Exclude<keyof SkipGramParams, 'sharedNegatives'>, min: number, max: number) => {
    const v = p[name];
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in ${min}..${max} (got ${v})`);
  };
  int('window', 1, 100_000);
  int('dim', 1, 4096);
  int('negatives', 0, MAX_NEGATIVES);
  int('epochs', 1, 100_000);
  int('seed', 0, 2 ** 32 - 1);
  if (!(p.alpha > 0) || !(p.minAlpha >= 0) || p.minAlpha > p.alpha) {
    throw new RangeError(`learning rates must satisfy 0 <= minAlpha <= alpha, alpha > 0 (got ${p.alpha}, ${p.minAlpha})`);
  }
  return p;
}

/** Rows are padded to a multiple of 4 floats so every SIMD loop is whole. */
export function paddedStride(dim: number): number {
  return (dim + 3) & ~3;
}
