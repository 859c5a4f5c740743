// Lays out one training job in a kernel memory on the calling thread: the
// sigmoid table, the negative table, the corpus, both vector matrices, the chunk
// claims of the schedule, and per worker a scratch region (configured with the
// job) and a hot-row region. Workers then share this memory (threads build) or
// receive a copy of it (single build).
//
// Rows are numbered by frequency inside the job (most frequent first, as
// word2vec.c sorts its vocabulary): the rows every pair touches sit together in
// a few cache lines, and "the K hottest rows" a worker copies are rows 0..K-1.
// `order` maps them back; readRows() returns vectors in the caller's order.
import { instantiateKernels, createKernelMemory } from '../kernels/kernel-module';
import { MemoryLayout } from '../kernels/memory-layout';
import type { SgnsKernels, TrainingRegions } from '../kernels/sgns-job';
import type { GovernorOptions } from '../kernels/thread-governor';
import { fillNegativeTable, negativeTableBits } from './negative-table';
import { paddedStride, type SkipGramParams } from './skip-gram-params';

export type { SgnsKernels, TrainingRegions };

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

/** How the job is cut up; see src/kernels/sgns-job.ts. */
export interface TrainingSchedule {
  /** Centre positions per kernel call and per claim. */
  chunkTokens: number;
  /** Rows each worker keeps a private copy of (0: none), merged back after every chunk. */
  hotRows: number;
  /** Park workers while one alone trains faster (src/kernels/thread-governor.ts). */
  adaptive: boolean;
  /** The governor's windows (tests); its defaults otherwise. */
  governor?: Partial<GovernorOptions>;
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
  /** order[r] = the caller's row id of the job's row r (rows by descending count). */
  order: Int32Array;
}


export { SCRATCH_STATS } from '../kernels/sgns-job';

/** PRNG stream of the vector initialisation; workers use streams 1..N. */
const INIT_STREAM = 0;

export const DEFAULT_SCHEDULE: Readonly<TrainingSchedule> = Object.freeze({ chunkTokens: 2048, hotRows: 0, adaptive: true });

export async function prepareTrainingMemory(
  input: TrainingInput,
  params: SkipGramParams,
  workers: number,
  shared: boolean,
  schedule: TrainingSchedule = DEFAULT_SCHEDULE,
): Promise<TrainingMemory> {
  const { tokens, offsets, rows } = input;
  const order = frequencyOrder(input.counts, rows);
  const rank = new Int32Array(rows);
  for (let r = 0; r < rows; r++) rank[order[r]] = r;
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
    progress: align64(layout, 8),
    control: align64(layout, 4),
    sigmoid: layout.alloc(3000 * 4),
    table: layout.alloc(8 << tableBits),
    tokens: layout.alloc(tokens.length * 4),
    offsets: layout.alloc(offsets.length * 4),
    syn0: align64(layout, rows * rowBytes),
    syn1: align64(layout, rows * rowBytes),
  };
  kernels.fillSigmoidTable(regions.sigmoid);
  const counts = new Float64Array(rows);
  for (let r = 0; r < rows; r++) counts[r] = input.counts[order[r]];
  fillNegativeTable(counts, layout.i32(regions.table, 2 << tableBits), tableBits);
  const jobTokens = layout.i32(regions.tokens, tokens.length);
  for (let i = 0; i < tokens.length; i++) jobTokens[i] = rank[tokens[i]];
  layout.i32(regions.offsets, offsets.length).set(offsets);
  // Every worker may claim until worker 0's governor says otherwise.
  layout.i32(regions.control, 1)[0] = workers;

  kernels.sgnsSeed(regions.scratch, params.seed, INIT_STREAM);
  kernels.sgnsInitRows(regions.syn0, 0, rows, stride, dim, regions.scratch);
  if (input.initInput) copyPadded(input.initInput, layout.f32(regions.syn0, rows * stride), dim, stride, rank);
  // Fresh pages are zero: output vectors start at zero unless continued.
  if (input.initOutput) copyPadded(input.initOutput, layout.f32(regions.syn1, rows * stride), dim, stride, rank);

  // The rate falls linearly over every position of every epoch, whoever trains it.
  const scheduled = tokens.length * params.epochs;
  const alphaStep = scheduled > 0 ? (params.alpha - params.minAlpha) / scheduled : 0;
  for (let w = 0; w < workers; w++) {
    const scratch = regions.scratch + w * scratchBytes;
    kernels.sgnsSeed(scratch, params.seed, w + 1);
    kernels.sgnsConfigure(
      scratch, regions.syn0, regions.syn1, stride, regions.tokens, regions.offsets, params.window, params.negatives,
      regions.table, tableBits, regions.sigmoid, params.alpha, alphaStep, params.minAlpha, regions.hot + w * hotBytes, hotRows,
      params.sharedNegatives,
    );
  }
  return { memory, shared, regions, used: layout.used, stride, tableBits, chunkTokens, chunks, hotRows, order };
}

/** Row ids by descending count, ties in id order. */
export function frequencyOrder(counts: ArrayLike<number>, rows: number): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, r) => r);
  return order.sort((a, b) => counts[b] - counts[a] || a - b);
}

function align64(layout: MemoryLayout, bytes: number): number {
  const pad = (64 - (layout.used % 64)) % 64;
  if (pad) layout.alloc(pad);
  return layout.alloc(bytes);
}

/** Unpadded rows 0..k-1 (caller's ids) into the padded job rows rank[0..k-1]. */
function copyPadded(from: Float32Array, to: Float32Array, dim: number, stride: number, rank: Int32Array): void {
  const rows = from.length / dim;
  for (let r = 0; r < rows; r++) to.set(from.subarray(r * dim, r * dim + dim), rank[r] * stride);
}

/** A padded matrix of the job's rows, unpadded and in the caller's row order. */
export function readRows(from: Float32Array, order: Int32Array, dim: number, stride: number): Float32Array {
  const out = new Float32Array(order.length * dim);
  for (let r = 0; r < order.length; r++) out.set(from.subarray(r * stride, r * stride + dim), order[r] * dim);
  return out;
}
