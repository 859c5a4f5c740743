// The training driver: lays out the job, runs N workers over one shared memory
// (Hogwild) or one worker over a private copy, aggregates their progress, and
// returns unpadded vectors. Same code path in the browser and in Node.
import type { Corpus } from '../corpus/corpus';
import { bestKernelBuild, canShareMemory, type KernelBuild } from '../kernels/kernel-module';
import type { Embedding } from './embedding';
import { tokenCounts } from './negative-table';
import { DEFAULT_SKIP_GRAM_PARAMS, resolveSkipGramParams, type SkipGramParams } from './skip-gram-params';
import { DEFAULT_SCHEDULE, prepareTrainingMemory, readRows, type TrainingInput, type TrainingSchedule } from './training-memory';
import { createKernelPool } from '../kernels/pool';
import type { TrainJob, TrainReport, TrainResultOfWorker } from '../kernels/sgns-job';

export interface TrainProgress {
  /** Centre tokens trained so far over all epochs, and the total to train. */
  tokensDone: number;
  totalTokens: number;
  tokensPerSecond: number;
  /** 1-based epoch in progress, from the positions trained so far. */
  epoch: number;
  epochs: number;
  etaSeconds: number;
  /** Mean logistic loss per (context, centre) pair (positive + negatives) since the previous report, over every 8th centre position's pairs. */
  loss: number;
  threads: number;
}

export interface TrainOptions {
  /** Workers; default: all cores when memory can be shared, else 1. */
  threads?: number;
  /** Called at least twice a second while training. */
  onProgress?: (progress: TrainProgress) => void;
  /** Aborting terminates the workers and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Kernel build; default: relaxed SIMD where the engine has it, else plain (src/embed/README.md). */
  kernel?: KernelBuild;
  /** Chunk size, hot rows, the thread governor (src/kernels/sgns-job.ts); defaults in DEFAULT_SCHEDULE. */
  schedule?: Partial<TrainingSchedule>;
}

export interface TrainStats {
  /** Centre tokens trained: corpus tokens x epochs. */
  tokens: number;
  /** Wall time of the training itself (workers started and loaded excluded). */
  seconds: number;
  tokensPerSecond: number;
  threads: number;
  epochs: number;
  /** Mean loss per (context, centre) pair over the last epoch (every 8th centre position's pairs). */
  finalLoss: number;
  /** The kernel build that trained. */
  kernel: KernelBuild;
  /** Chunks trained by a worker other than the one whose stretch they are in (0 with one thread). */
  stolenChunks: number;
  /** Seconds one worker trained alone because it was measured faster than all (a busy machine; 0 with one thread; the governor's 1 s probes not counted). */
  soloSeconds: number;
  /** Why fewer threads than asked ran, for the UI; undefined when all ran. */
  reason?: string;
}

export interface TrainResult {
  embedding: Embedding;
  /** The output (context) vectors, unpadded like embedding.vectors: kept so training can continue exactly. */
  outputVectors: Float32Array;
  stats: TrainStats;
}

/** What continuing needs of a model: its input vectors and, to resume exactly, its output vectors. */
export interface ContinuableModel {
  embedding: Embedding;
  outputVectors?: Float32Array | null;
}

export interface Parallelism {
  maxThreads: number;
  shared: boolean;
  /** Set when only one worker can run: what the user can do about it. */
  reason?: string;
}

export const NOT_ISOLATED_REASON =
  'page is not cross-origin isolated: SharedArrayBuffer is unavailable, so training runs in 1 worker; ' +
  'serve with COOP/COEP headers (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp) ' +
  'or use the bundled service worker to train on every core';

/** How many workers can train at once here, and why not more. */
export async function trainingParallelism(): Promise<Parallelism> {
  const cores = await hardwareThreads();
  if (canShareMemory()) return { maxThreads: cores, shared: true };
  return { maxThreads: 1, shared: false, reason: NOT_ISOLATED_REASON };
}

/** Skip-gram with negative sampling over a corpus; defaults in DEFAULT_SKIP_GRAM_PARAMS. */
export async function trainSkipGram(corpus: Corpus, params: Partial<SkipGramParams> = {}, options: TrainOptions = {}): Promise<TrainResult> {
  const p = resolveSkipGramParams(params);
  checkCorpus(corpus);
  const input: TrainingInput = {
    tokens: corpus.tokens,
    offsets: corpus.offsets,
    rows: corpus.vocab.length,
    counts: tokenCounts(corpus.tokens, corpus.vocab.length),
  };
  return runTraining(corpus.vocab, input, p, options);
}

/**
 * i-DarkVec's incremental step: the model's senders keep their rows (and
 * vectors, as the starting point), senders new in this corpus are appended in
 * first-seen order with random vectors, then training continues on the corpus
 * (1 epoch unless params.epochs says otherwise; the learning rate decays again
 * from alpha, as gensim's train() does). Pass a TrainResult to continue from its
 * output vectors too; a bare Embedding (e.g. read from a word2vec file) starts
 * them at zero. Negatives are drawn by this corpus's counts.
 */
export async function continueTraining(
  model: Embedding | ContinuableModel,
  corpus: Corpus,
  params: Partial<SkipGramParams> = {},
  options: TrainOptions = {},
): Promise<TrainResult> {
  const embedding = 'embedding' in model ? model.embedding : model;
  const p = resolveSkipGramParams(params, { ...DEFAULT_SKIP_GRAM_PARAMS, epochs: 1, dim: embedding.dim });
  if (p.dim !== embedding.dim) throw new RangeError(`dim ${p.dim} differs from the model's ${embedding.dim}`);
  checkCorpus(corpus);
  const vocab = embedding.vocab.slice();
  const index = new Map<string, number>();
  vocab.forEach((v, i) => index.set(v, i));
  const remap = new Int32Array(corpus.vocab.length);
  corpus.vocab.forEach((v, i) => {
    let id = index.get(v);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(v);
      index.set(v, id);
    }
    remap[i] = id;
  });
  const tokens = new Int32Array(corpus.tokens.length);
  for (let i = 0; i < tokens.length; i++) tokens[i] = remap[corpus.tokens[i]];
  const input: TrainingInput = {
    tokens,
    offsets: corpus.offsets,
    rows: vocab.length,
    counts: tokenCounts(tokens, vocab.length),
    initInput: embedding.vectors,
    initOutput: 'outputVectors' in model ? (model.outputVectors ?? undefined) : undefined,
  };
  return runTraining(vocab, input, p, options);
}

function checkCorpus(corpus: Corpus): void {
  const { tokens, offsets, vocab } = corpus;
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== tokens.length) {
    throw new RangeError('corpus offsets must start at 0 and end at the token count');
  }
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i] < offsets[i - 1]) throw new RangeError(`corpus offsets decrease at sentence ${i - 1}`);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] < 0 || tokens[i] >= vocab.length) throw new RangeError(`token ${i} (${tokens[i]}) is outside the vocabulary`);
  }
  if (tokens.length === 0) throw new RangeError('the corpus has no tokens');
}

function abortError(): DOMException {
  return new DOMException('training cancelled', 'AbortError');
}

async function runTraining(vocab: string[], input: TrainingInput, p: SkipGramParams, options: TrainOptions): Promise<TrainResult> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError();
  const parallel = await trainingParallelism();
  const asked = options.threads ?? parallel.maxThreads;
  if (!Number.isInteger(asked) || asked < 1) throw new RangeError(`threads must be a positive integer (got ${asked})`);
  const total = input.tokens.length;
  // Never more workers than there are tokens to share out.
  const threads = Math.max(1, Math.min(parallel.shared ? asked : 1, total));
  const reason = threads < asked && !parallel.shared ? parallel.reason : undefined;

  const pool = createKernelPool(threads);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      void pool.close();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  const race = <T>(work: Promise<T>): Promise<T> => Promise.race([work, aborted]);

  try {
    const build = options.kernel ?? bestKernelBuild();
    const schedule = { ...DEFAULT_SCHEDULE, ...options.schedule };
    if (!Number.isInteger(schedule.chunkTokens) || schedule.chunkTokens < 1) throw new RangeError(`chunkTokens must be a positive integer (got ${schedule.chunkTokens})`);
    if (!Number.isInteger(schedule.hotRows) || schedule.hotRows < 0) throw new RangeError(`hotRows must be a non-negative integer (got ${schedule.hotRows})`);
    const mem = await race(prepareTrainingMemory(input, p, threads, parallel.shared, schedule));
    if (signal?.aborted) throw abortError();
    const jobs: TrainJob[] = Array.from({ length: threads }, (_, w) => ({
      memory: mem.shared ? mem.memory : undefined,
      image: mem.shared ? undefined : mem.memory.buffer.slice(0, mem.used) as ArrayBuffer,
      build,
      regions: mem.regions,
      index: w,
      workers: threads,
      rows: input.rows,
      stride: mem.stride,
      tokens: total,
      sentences: input.offsets.length - 1,
      epochs: p.epochs,
      chunkTokens: mem.chunkTokens,
      chunks: mem.chunks,
      hotRows: mem.hotRows,
      adaptive: schedule.adaptive,
      governor: schedule.governor,
    }));
    // The tracker starts when every worker is prepared: starting workers and loading memory is not training.
    let progress: ProgressTracker | undefined;
    const tracker = () => (progress ??= new ProgressTracker(total * p.epochs, p.epochs, threads, onProgress));
    const results = (await race(pool.train(jobs, (w, r) => tracker().report(w, r), tracker))) as TrainResultOfWorker[];
    const seconds = tracker().finish();

    let lossSum = 0;
    let pairSum = 0;
    let stolenChunks = 0;
    for (const r of results) {
      lossSum += r.lastEpochLoss;
      pairSum += r.lastEpochLossPairs;
      stolenChunks += r.stolenChunks;
    }
    const rows = input.rows;
    const syn0 = mem.shared ? new Float32Array(mem.memory.buffer, mem.regions.syn0, rows * mem.stride) : results[0].syn0!;
    const syn1 = mem.shared ? new Float32Array(mem.memory.buffer, mem.regions.syn1, rows * mem.stride) : results[0].syn1!;
    const tokens = total * p.epochs;
    return {
      embedding: { vocab, dim: p.dim, vectors: readRows(syn0, mem.order, p.dim, mem.stride) },
      outputVectors: readRows(syn1, mem.order, p.dim, mem.stride),
      stats: {
        tokens,
        seconds,
        tokensPerSecond: tokens / seconds,
        threads,
        epochs: p.epochs,
        finalLoss: pairSum > 0 ? lossSum / pairSum : 0,
        kernel: build,
        stolenChunks,
        soloSeconds: results[0].soloMs / 1000,
        reason,
      },
    };
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
}

/** Folds the workers' reports into one progress stream. */
class ProgressTracker {
  private readonly start = performance.now();
  private readonly done: number[];
  private loss = 0;
  private pairs = 0;
  private lastEmit = 0;
  private lastLoss = NaN;

  constructor(
    private readonly total: number,
    private readonly epochCount: number,
    private readonly threads: number,
    private readonly onProgress?: (p: TrainProgress) => void,
  ) {
    this.done = new Array<number>(threads).fill(0);
  }

  report(worker: number, r: TrainReport): void {
    this.done[worker] = r.tokensDone;
    this.loss += r.loss;
    this.pairs += r.lossPairs;
    const now = performance.now();
    if (now - this.lastEmit >= 100) this.emit(now);
  }

  finish(): number {
    const now = performance.now();
    this.done.fill(0);
    this.done[0] = this.total;
    this.emit(now);
    return (now - this.start) / 1000;
  }

  private emit(now: number): void {
    if (!this.onProgress) return;
    if (this.pairs > 0) this.lastLoss = this.loss / this.pairs;
    const tokensDone = this.done.reduce((a, b) => a + b, 0);
    // From the positions trained, not the slowest worker's epoch: a parked worker does not move.
    const epoch = Math.min(this.epochCount, Math.floor((tokensDone * this.epochCount) / this.total) + 1);
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? tokensDone / seconds : 0;
    this.onProgress({
      tokensDone,
      totalTokens: this.total,
      tokensPerSecond: rate,
      epoch,
      epochs: this.epochCount,
      etaSeconds: rate > 0 ? (this.total - tokensDone) / rate : Infinity,
      loss: this.lastLoss,
      threads: this.threads,
    });
    this.lastEmit = now;
    this.loss = 0;
    this.pairs = 0;
  }
}

async function hardwareThreads(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency) return nav.hardwareConcurrency;
  if (typeof process !== 'undefined' && process.versions?.node) {
    const osName = 'node:os';
    const os = (await import(/* @vite-ignore */ osName)) as typeof import('node:os');
    return os.availableParallelism();
  }
  return 1;
}
