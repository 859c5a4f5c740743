// Lays out one training job in a kernel memory on the calling thread: the
// sigmoid table, the negative table, the corpus, both vector matrices and one
// scratch region per worker. Workers then share this memory (threads build) or
// receive a copy of it (single build).
import { instantiateKernels, createKernelMemory } from '../kernels/kernel-module';
import { MemoryLayout } from '../kernels/memory-layout';
import type { SgnsKernels, TrainingRegions } from '../kernels/sgns-job';
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

export interface TrainingMemory {
  memory: WebAssembly.Memory;
  shared: boolean;
  regions: TrainingRegions;
  /** Bytes in use from 0: what a single-build worker needs copied. */
  used: number;
  stride: number;
  tableBits: number;
}

/** PRNG stream of the vector initialisation; workers use streams 1..N. */
const INIT_STREAM = 0;

export async function prepareTrainingMemory(input: TrainingInput, params: SkipGramParams, workers: number, shared: boolean): Promise<TrainingMemory> {
  const { tokens, offsets, rows } = input;
  const dim = params.dim;
  const stride = paddedStride(dim);
  const memory = createKernelMemory(shared, 1);
  const kernels = (await instantiateKernels(memory)) as SgnsKernels;
  const layout = new MemoryLayout(memory, kernels.heapBase());
  const scratchBytes = kernels.sgnsScratchBytes(stride);
  const tableBits = negativeTableBits(rows);
  const rowBytes = stride * 4;
  const regions: TrainingRegions = {
    scratch: align64(layout, workers * scratchBytes),
    scratchBytes,
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
  for (let w = 0; w < workers; w++) kernels.sgnsSeed(regions.scratch + w * scratchBytes, params.seed, w + 1);
  return { memory, shared, regions, used: layout.used, stride, tableBits };
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
