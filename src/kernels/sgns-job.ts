// One worker's share of a training job: the schedule and the kernel calls,
// called by the kernel worker (worker-handler.ts), which only receives the job and answers.
//
// Work is handed out in chunks of centre positions, claimed per epoch with a
// compare-and-swap on a shared counter per chunk (counter = epochs that have
// claimed it), not cut into fixed slices: a worker that loses its core to
// another process simply claims fewer chunks, and the others finish the epoch.
// Worker w first walks its own stretch of chunks (the w-th of N) forwards, then
// the others' stretches backwards from their ends, so two workers meet only at
// the end of a stretch and mostly train different parts of the corpus (fewer
// rows written by both at once). The learning rate of a chunk follows the
// positions claimed before it by all workers (a shared counter), as gensim's
// follows the words its workers have done: every worker starts at alpha. With
// one worker that count is the position in the stream, the chunks come in corpus
// order and the PRNG carries over between calls, so the result does not depend
// on the chunk size. With several workers, worker 0 may park the others while
// it alone trains faster (thread-governor.ts). Chunks are small (a few
// milliseconds each), which also lets V8 swap in its optimised code early: a
// call running on the baseline code stays on it until it returns.
import { createKernelMemory, instantiateKernels, PAGE_BYTES, type KernelBuild, type KernelExports } from './kernel-module';
import { ThreadGovernor, type GovernorOptions } from './thread-governor';

/** Byte offsets of a job's regions. */
export interface TrainingRegions {
  sigmoid: number;
  table: number;
  tokens: number;
  offsets: number;
  syn0: number;
  syn1: number;
  /** Worker w's scratch region is at scratch + w * scratchBytes. */
  scratch: number;
  scratchBytes: number;
  /** Worker w's hot-row region is at hot + w * hotBytes. */
  hot: number;
  hotBytes: number;
  /** One Int32 per chunk: how many epochs have claimed it (see claimOrder below). */
  claims: number;
  /** One BigInt64: centre positions claimed so far by all workers, all epochs (sets the learning rate). */
  progress: number;
  /** One Int32: how many workers may claim chunks now (workers 0..n-1; thread-governor.ts). */
  control: number;
}

export interface SgnsKernels extends KernelExports {
  sgnsConfigure(
    scratch: number, syn0: number, syn1: number, stride: number, tokens: number, offsets: number, window: number, negatives: number,
    table: number, tableBits: number, sigmoid: number, alpha: number, alphaStep: number, alphaMin: number, hot: number, hotRows: number,
    sharedNegatives: boolean,
  ): void;
  sgnsTrain(scratch: number, sentence: number, start: number, end: number, index: number): void;
  sgnsHotLoad(scratch: number): void;
  sgnsHotMerge(scratch: number): void;
  sgnsInitRows(syn0: number, rowStart: number, rowEnd: number, stride: number, dim: number, scratch: number): void;
  sgnsSeed(scratch: number, seed: number, stream: number): void;
  sgnsScratchBytes(stride: number): number;
  sgnsHotBytes(stride: number, hotRows: number): number;
  fillSigmoidTable(table: number): void;
}

/**
 * Byte offset of a scratch region's three f64 totals: the loss of the sampled
 * pairs (every 8th centre position's, assembly/sgns.ts), the pairs trained, and
 * the sampled pairs.
 */
export const SCRATCH_STATS = 16;

/** The schedule's part of a job: what every worker's share has in common but its index. */
export interface TrainSchedule {
  regions: TrainingRegions;
  /** This worker's index (its scratch region and PRNG stream) and the number of workers. */
  index: number;
  workers: number;
  /** Corpus tokens and sentences. */
  tokens: number;
  sentences: number;
  epochs: number;
  chunkTokens: number;
  chunks: number;
  hotRows: number;
  /** With several workers, worker 0 parks the others while one worker alone is measured faster (thread-governor.ts). */
  adaptive: boolean;
  /** The governor's windows, for tests; its defaults otherwise. */
  governor?: Partial<GovernorOptions>;
}

export interface TrainReport {
  /** Centre positions this worker trained so far, all epochs. */
  tokensDone: number;
  /** 0-based epoch this worker is in. */
  epoch: number;
  /** Loss summed over the sampled pairs trained since the previous report, and their number. */
  loss: number;
  lossPairs: number;
}

export interface TrainOutcome {
  tokensDone: number;
  /** Loss and sampled pairs of the chunks this worker trained in the last epoch. */
  lastEpochLoss: number;
  lastEpochLossPairs: number;
  /** Chunks this worker trained that belong to other workers' stretches. */
  stolenChunks: number;
  /** Worker 0: milliseconds it trained alone, the others parked (0 for the others). */
  soloMs: number;
}

/** Worker w's stretch of chunks: [first, end). */
export function stretchOf(w: number, workers: number, chunks: number): { first: number; end: number } {
  return { first: Math.floor((chunks * w) / workers), end: Math.floor((chunks * (w + 1)) / workers) };
}

/** The order in which worker w tries to claim the chunks of an epoch: its own stretch forwards, then each other's backwards. */
export function* claimOrder(w: number, workers: number, chunks: number): Generator<number> {
  const own = stretchOf(w, workers, chunks);
  for (let c = own.first; c < own.end; c++) yield c;
  for (let k = 1; k < workers; k++) {
    const other = stretchOf((w + k) % workers, workers, chunks);
    for (let c = other.end - 1; c >= other.first; c--) yield c;
  }
}

/** Index of the sentence holding position pos: offsets[s] <= pos < offsets[s + 1]. */
export function sentenceOf(offsets: Int32Array, pos: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Trains every chunk this worker claims, all epochs; reports about every `reportMs`. */
export function trainJob(kernels: SgnsKernels, memory: WebAssembly.Memory, job: TrainSchedule, report: (r: TrainReport) => void, reportMs = 200): TrainOutcome {
  const r = job.regions;
  const scratch = r.scratch + job.index * r.scratchBytes;
  const offsets = new Int32Array(memory.buffer, r.offsets, job.sentences + 1);
  const claims = new Int32Array(memory.buffer, r.claims, job.chunks);
  const progress = new BigInt64Array(memory.buffer, r.progress, 1);
  // [loss, pairs, sampled pairs]
  const stats = new Float64Array(memory.buffer, scratch + SCRATCH_STATS, 3);
  const order = Array.from(claimOrder(job.index, job.workers, job.chunks));
  const own = stretchOf(job.index, job.workers, job.chunks);
  if (job.hotRows > 0) kernels.sgnsHotLoad(scratch);
  const control = new Int32Array(memory.buffer, r.control, 1);
  const positions = () => Number(Atomics.load(progress, 0));
  const governor = job.index === 0 && job.workers > 1 && job.adaptive ? new ThreadGovernor(job.workers, performance.now(), positions(), job.governor) : undefined;
  let done = 0;
  let stolen = 0;
  let lastReport = performance.now();
  let reportedLoss = stats[0];
  let reportedPairs = stats[2];
  let epochLoss = 0;
  let epochPairs = 0;
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    const epochStartLoss = stats[0];
    const epochStartPairs = stats[2];
    for (const c of order) {
      // Parked: wait until worker 0 lets this many workers claim again (or ends).
      for (let active = Atomics.load(control, 0); job.index >= active; active = Atomics.load(control, 0)) Atomics.wait(control, 0, active, 250);
      if (Atomics.compareExchange(claims, c, epoch, epoch + 1) !== epoch) continue;
      const start = c * job.chunkTokens;
      const end = Math.min(job.tokens, start + job.chunkTokens);
      const index = Number(Atomics.add(progress, 0, BigInt(end - start)));
      kernels.sgnsTrain(scratch, sentenceOf(offsets, start), start, end, index);
      if (job.hotRows > 0) kernels.sgnsHotMerge(scratch);
      done += end - start;
      if (c < own.first || c >= own.end) stolen++;
      const now = performance.now();
      if (governor) setActive(control, governor.update(now, positions()));
      if (now - lastReport >= reportMs) {
        report({ tokensDone: done, epoch, loss: stats[0] - reportedLoss, lossPairs: stats[2] - reportedPairs });
        reportedLoss = stats[0];
        reportedPairs = stats[2];
        lastReport = now;
      }
    }
    epochLoss = stats[0] - epochStartLoss;
    epochPairs = stats[2] - epochStartPairs;
  }
  if (governor) {
    governor.finish(performance.now());
    // Nothing is left to claim: let parked workers see that and return.
    setActive(control, job.workers);
  }
  return { tokensDone: done, lastEpochLoss: epochLoss, lastEpochLossPairs: epochPairs, stolenChunks: stolen, soloMs: governor?.soloMs ?? 0 };
}

function setActive(control: Int32Array, active: number): void {
  if (Atomics.exchange(control, 0, active) !== active) Atomics.notify(control, 0);
}

/** One worker's training job as the pool sends it. */
export interface TrainJob extends TrainSchedule {
  /** The shared memory (threads build), or a copy of bytes 0..used to load (single build). */
  memory?: WebAssembly.Memory;
  image?: ArrayBuffer;
  /** Which build of the kernels to run: every worker of a job runs the same one. */
  build: KernelBuild;
  rows: number;
  stride: number;
}

export interface TrainResultOfWorker extends TrainOutcome {
  /** Padded matrices, only when the memory was a private copy. */
  syn0?: Float32Array;
  syn1?: Float32Array;
}

/** A job with its memory and kernels instantiated, ready to run. */
export interface PreparedJob {
  job: TrainJob;
  memory: WebAssembly.Memory;
  kernels: SgnsKernels;
}

export async function prepareTrainJob(job: TrainJob): Promise<PreparedJob> {
  let memory: WebAssembly.Memory;
  if (job.memory) memory = job.memory;
  else if (job.image) {
    memory = createKernelMemory(false, Math.ceil(job.image.byteLength / PAGE_BYTES));
    new Uint8Array(memory.buffer).set(new Uint8Array(job.image));
    job.image = undefined;
  } else throw new Error('training job without memory');
  return { job, memory, kernels: (await instantiateKernels(memory, job.build)) as SgnsKernels };
}

/** Runs a prepared job; over a private copy, the trained matrices come back with the outcome. */
export function runTrainJob({ job, memory, kernels }: PreparedJob, report: (r: TrainReport) => void): TrainResultOfWorker {
  const result: TrainResultOfWorker = trainJob(kernels, memory, job, report);
  if (!job.memory) {
    const r = job.regions;
    const matrix = job.rows * job.stride;
    result.syn0 = new Float32Array(memory.buffer, r.syn0, matrix).slice();
    result.syn1 = new Float32Array(memory.buffer, r.syn1, matrix).slice();
  }
  return result;
}
