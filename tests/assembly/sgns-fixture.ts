// The tiny corpus and memory setup of the SGNS kernel tests (sgns.test.ts, sgns-relaxed.test.ts).
import { instantiateKernels, type KernelBuild } from '../../src/kernels/kernel-module';
import { prepareTrainingMemory, SCRATCH_STATS, type SgnsKernels, type TrainingMemory } from '../../src/embed/training-memory';
import { tokenCounts } from '../../src/embed/negative-table';
import { resolveSkipGramParams } from '../../src/embed/skip-gram-params';

// Two sentences over 12 senders: with so small a vocabulary, negative draws
// often hit the centre (skipped) or repeat, so both kernel paths (six distinct
// targets in one fused pass, and the target-by-target loop) are exercised.
export const tokens = Int32Array.from([0, 1, 2, 3, 4, 5, 0, 1, 6, 7, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 8, 9, 0, 11, 3, 2, 1]);
export const offsets = Int32Array.from([0, 15, tokens.length]);
export const rows = 12;
// A large rate so the updates are big enough for a wrong one to show.
export const ALPHA = 0.5;
export const STEP = 0.0004;
export const MIN = 0.0001;

export interface Setup {
  mem: TrainingMemory;
  k: SgnsKernels;
  window: number;
}

export async function setup(negatives: number, dim: number, build: KernelBuild = 'plain', workers = 1, hotRows = 0, alpha = ALPHA, sharedNegatives = false): Promise<Setup> {
  const params = resolveSkipGramParams({ dim, window: 4, negatives, seed: 3 });
  const mem = await prepareTrainingMemory({ tokens, offsets, rows, counts: tokenCounts(tokens, rows) }, params, workers, false, { chunkTokens: 8, hotRows, adaptive: false });
  const k = (await instantiateKernels(mem.memory, build)) as SgnsKernels;
  const r = mem.regions;
  for (let w = 0; w < workers; w++) {
    const scratch = r.scratch + w * r.scratchBytes;
    k.sgnsConfigure(scratch, r.syn0, r.syn1, mem.stride, r.tokens, r.offsets, params.window, negatives, r.table, mem.tableBits, r.sigmoid, alpha, alpha === ALPHA ? STEP : 0, MIN, r.hot + w * r.hotBytes, hotRows, sharedNegatives);
  }
  // Output vectors start at zero; give them values so the first dots are not all 0.
  const syn1 = new Float32Array(mem.memory.buffer, r.syn1, rows * mem.stride);
  for (let row = 0; row < rows; row++) for (let c = 0; c < dim; c++) syn1[row * mem.stride + c] = Math.fround(Math.sin(row * 7 + c) * 0.3);
  return { mem, k, window: params.window };
}

export function snapshot(mem: TrainingMemory, worker = 0) {
  const b = mem.memory.buffer;
  const r = mem.regions;
  const scratch = r.scratch + worker * r.scratchBytes;
  return {
    syn0: new Float32Array(b, r.syn0, rows * mem.stride).slice(),
    syn1: new Float32Array(b, r.syn1, rows * mem.stride).slice(),
    rng: new BigUint64Array(b, scratch, 1)[0],
    stats: new Float64Array(b, scratch + SCRATCH_STATS, 3).slice(),
    /** The tokens as the job numbers its rows (by frequency). */
    tokens: new Int32Array(b, r.tokens, tokens.length).slice(),
  };
}

export function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

