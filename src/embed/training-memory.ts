// Lays out one training job in a kernel memory on the calling thread: the
// sigmoid table, the negative table, the corpus, both vector matrices, the chunk
// claims of the schedule, and per worker a scratch region (configured with the
// job) and a hot-row region. Workers then share this memory (threads build) or
// receive a copy of it (single build).
import { instantiateKernels, createKernelMemory, type KernelExports } from '../wasm/kernel-module';
import { MemoryLayout } from '../wasm/memory-layout';
import { fillNegativeTable, negativeTableBits } from './negative-table';
import { paddedStride, type SkipGramParams } from './skip-gram-params';

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
  /** One Int32 per chunk: how many epochs have claimed it (see train-job.ts). */
  claims: number;
}

export interface TrainingInput {
  tokens: Int32Array;
  offsets: Int32Array;
  rows: number;
  /** Occurrences per row, for the negative table. */
  counts: ArrayLike<number>;
  /** Unpadded input vectors of rows 0..k-1 to continue from; the other rows start random. */
  initInput?: Float32Array;
  /** Unpadded output vectors of rows 0..k-1; the other rows start at zero. */
  initOutput?: Float32Array;
}

/** How the job is cut up; see train-job.ts. */
export interface TrainingSchedule {
  /** Centre positions per kernel call and per claim. */
  chunkTokens: number;
  /** Rows each worker keeps a private copy of (0: none), merged back after every chunk. */
  hotRows: number;
}

export interface TrainingMemory {
  memory: WebAssembly.Memory;
  shared: boolean;
  regions: TrainingRegions;
  /** Bytes in use from 0: what a single-build worker needs copied. */
  used: number;
  stride: number;
  tableBits: number;
  chunkTokens: number;
  chunks: number;
  hotRows: number;
}

export interface SgnsKernels extends KernelExports {
  sgnsConfigure(
    scratch: number, syn0: number, syn1: number, stride: number, tokens: number, offsets: number, window: number, negatives: number,
    table: number, tableBits: number, sigmoid: number, alpha: number, alphaStep: number, alphaMin: number, hot: number, hotRows: number,
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

/** PRNG stream of the vector initialisation; workers use streams 1..N. */
const INIT_STREAM = 0;

export const DEFAULT_SCHEDULE: Readonly<TrainingSchedule> = Object.freeze({ chunkTokens: 2048, hotRows: 0 });

export async function prepareTrainingMemory(
  input: TrainingInput,
  params: SkipGramParams,
  workers: number,
  shared: boolean,
  schedule: TrainingSchedule = DEFAULT_SCHEDULE,
): Promise<TrainingMemory> {
  const { tokens, offsets, rows } = input;
  const dim = params.dim;
  const stride = paddedStride(dim);
  const memory = createKernelMemory(shared, 1);
  const kernels = (await instantiateKernels(memory)) as SgnsKernels;
  const layout = new MemoryLayout(memory, kernels.heapBase());
  const scratchBytes = kernels.sgnsScratchBytes(stride);
  // One worker has nobody to hide its writes from: no copies, so it trains the
  // shared rows exactly as the reference does.
  const hotRows = workers > 1 ? Math.min(schedule.hotRows, rows) : 0;
  const hotBytes = kernels.sgnsHotBytes(stride, hotRows);
  const tableBits = negativeTableBits(rows);
  const rowBytes = stride * 4;
  const chunkTokens = schedule.chunkTokens;
  const chunks = Math.ceil(tokens.length / chunkTokens);
  const regions: TrainingRegions = {
    scratch: align64(layout, workers * scratchBytes),
    scratchBytes,
    hot: align64(layout, workers * hotBytes),
    hotBytes,
    claims: align64(layout, chunks * 4),
    sigmoid: layout.alloc(3000 * 4),
    table: layout.alloc(8 << tableBits),
    tokens: layout.alloc(tokens.length * 4),
    offsets: layout.alloc(offsets.length * 4),
    syn0: align64(layout, rows * rowBytes),
    syn1: align64(layout, rows * rowBytes),
  };
  kernels.fillSigmoidTable(regions.sigmoid);
  fillNegativeTable(input.counts, layout.i32(regions.table, 2 << tableBits), tableBits);
  layout.i32(regions.tokens, tokens.length).set(tokens);
  layout.i32(regions.offsets, offsets.length).set(offsets);

  const known = input.initInput ? input.initInput.length / dim : 0;
  kernels.sgnsSeed(regions.scratch, params.seed, INIT_STREAM);
  kernels.sgnsInitRows(regions.syn0, known, rows, stride, dim, regions.scratch);
  if (input.initInput) copyPadded(input.initInput, layout.f32(regions.syn0, rows * stride), dim, stride);
  // Fresh pages are zero: output vectors start at zero unless continued.
  if (input.initOutput) copyPadded(input.initOutput, layout.f32(regions.syn1, rows * stride), dim, stride);

  // The rate falls linearly over every position of every epoch, whoever trains it.
  const scheduled = tokens.length * params.epochs;
  const alphaStep = scheduled > 0 ? (params.alpha - params.minAlpha) / scheduled : 0;
  for (let w = 0; w < workers; w++) {
    const scratch = regions.scratch + w * scratchBytes;
    kernels.sgnsSeed(scratch, params.seed, w + 1);
    kernels.sgnsConfigure(
      scratch, regions.syn0, regions.syn1, stride, regions.tokens, regions.offsets, params.window, params.negatives,
      regions.table, tableBits, regions.sigmoid, params.alpha, alphaStep, params.minAlpha, regions.hot + w * hotBytes, hotRows,
    );
  }
  return { memory, shared, regions, used: layout.used, stride, tableBits, chunkTokens, chunks, hotRows };
}

function align64(layout: MemoryLayout, bytes: number): number {
  const pad = (64 - (layout.used % 64)) % 64;
  if (pad) layout.alloc(pad);
  return layout.alloc(bytes);
}

function copyPadded(from: Float32Array, to: Float32Array, dim: number, stride: number): void {
  const rows = from.length / dim;
  for (let r = 0; r < rows; r++) to.set(from.subarray(r * dim, r * dim + dim), r * stride);
}

/** Rows' first `dim` floats out of a padded matrix. */
export function unpad(from: Float32Array, rows: number, dim: number, stride: number): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) out.set(from.subarray(r * stride, r * stride + dim), r * dim);
  return out;
}
