// One training worker's job: the SGNS kernel over its slice of the token
// stream for every epoch, in chunks, reporting progress between chunks.
// Several workers run such jobs over one shared memory (Hogwild), or one runs
// over a private copy. Called by the kernel worker (worker-handler.ts).
import { createKernelMemory, instantiateKernels, PAGE_BYTES, type KernelExports } from './kernel-module';

/** Byte offsets of a training job's regions (laid out by src/embed/training-memory.ts). */
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
}

export interface SgnsKernels extends KernelExports {
  sgnsTrain(
    syn0: number, syn1: number, stride: number, tokens: number, offsets: number, sentence: number,
    start: number, end: number, window: number, negatives: number, table: number, tableBits: number,
    sigmoid: number, alpha0: number, alphaStep: number, alphaMin: number, scratch: number,
  ): void;
  sgnsInitRows(syn0: number, rowStart: number, rowEnd: number, stride: number, dim: number, scratch: number): void;
  sgnsSeed(scratch: number, seed: number, stream: number): void;
  sgnsScratchBytes(stride: number): number;
  fillSigmoidTable(table: number): void;
}

export interface TrainJob {
  /** The shared memory (threads build), or a copy of bytes 0..used to load (single build). */
  memory?: WebAssembly.Memory;
  image?: ArrayBuffer;
  regions: TrainingRegions;
  /** This worker's index: its scratch region and PRNG stream. */
  index: number;
  stride: number;
  rows: number;
  sentences: number;
  tableBits: number;
  window: number;
  negatives: number;
  epochs: number;
  alpha: number;
  minAlpha: number;
  /** Centre positions [start, end) of the token stream, every epoch. */
  start: number;
  end: number;
}

export interface TrainReport {
  /** Centre positions trained so far, all epochs. */
  tokensDone: number;
  /** 0-based epoch in progress. */
  epoch: number;
  /** Loss summed over the pairs trained since the previous report. */
  loss: number;
  pairs: number;
}

export interface TrainOutcome {
  tokensDone: number;
  lastEpochLoss: number;
  lastEpochPairs: number;
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
  return { job, memory, kernels: (await instantiateKernels(memory)) as SgnsKernels };
}

/** Aim for ~50 ms per kernel call: many calls let V8 swap in its optimised code, and give report points. */
const CALL_SECONDS = 0.05;
const REPORT_MS = 200;

export function runTrainJob({ job: j, memory, kernels: k }: PreparedJob, report: (r: TrainReport) => void): TrainOutcome {
  const r = j.regions;
  const scratch = r.scratch + j.index * r.scratchBytes;
  const offsets = new Int32Array(memory.buffer, r.offsets, j.sentences + 1);
  const stats = new Float64Array(memory.buffer, scratch + 16, 2);
  const sliceLength = j.end - j.start;
  const scheduled = sliceLength * j.epochs;
  const alphaStep = scheduled > 0 ? (j.alpha - j.minAlpha) / scheduled : 0;
  let chunk = 10_000;
  let done = 0;
  let lastReport = performance.now();
  let reportedLoss = stats[0];
  let reportedPairs = stats[1];
  let epochLoss = 0;
  let epochPairs = 0;
  for (let epoch = 0; epoch < j.epochs; epoch++) {
    const epochStartLoss = stats[0];
    const epochStartPairs = stats[1];
    let sentence = sentenceOf(offsets, j.start);
    for (let pos = j.start; pos < j.end; ) {
      const stop = Math.min(j.end, pos + chunk);
      while (offsets[sentence + 1] <= pos) sentence++;
      const t0 = performance.now();
      k.sgnsTrain(r.syn0, r.syn1, j.stride, r.tokens, r.offsets, sentence, pos, stop, j.window, j.negatives,
        r.table, j.tableBits, r.sigmoid, j.alpha - alphaStep * done, alphaStep, j.minAlpha, scratch);
      const t1 = performance.now();
      done += stop - pos;
      pos = stop;
      const seconds = (t1 - t0) / 1000;
      if (seconds > 0) chunk = Math.max(256, Math.min(200_000, Math.round((chunk * CALL_SECONDS) / seconds)));
      if (t1 - lastReport >= REPORT_MS) {
        report({ tokensDone: done, epoch, loss: stats[0] - reportedLoss, pairs: stats[1] - reportedPairs });
        reportedLoss = stats[0];
        reportedPairs = stats[1];
        lastReport = t1;
      }
    }
    epochLoss = stats[0] - epochStartLoss;
    epochPairs = stats[1] - epochStartPairs;
  }
  const result: TrainOutcome = { tokensDone: done, lastEpochLoss: epochLoss, lastEpochPairs: epochPairs };
  if (!j.memory) {
    const matrix = j.rows * j.stride;
    result.syn0 = new Float32Array(memory.buffer, r.syn0, matrix).slice();
    result.syn1 = new Float32Array(memory.buffer, r.syn1, matrix).slice();
  }
  return result;
}

/** Index of the sentence holding position pos: offsets[s] <= pos < offsets[s + 1]. */
function sentenceOf(offsets: Int32Array, pos: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
