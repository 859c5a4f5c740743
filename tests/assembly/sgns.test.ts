import { describe, expect, it } from 'vitest';
import { instantiateKernels } from '../../src/kernels/kernel-module';
import { prepareTrainingMemory, type SgnsKernels, type TrainingMemory } from '../../src/embed/training-memory';
import { tokenCounts } from '../../src/embed/negative-table';
import { resolveSkipGramParams } from '../../src/embed/skip-gram-params';
import { referenceTrain, Xoshiro128 } from './sgns-reference';

// Two sentences over 12 senders: with so small a vocabulary, negative draws
// often hit the centre (skipped) or repeat, so both kernel paths (six distinct
// targets in one fused pass, and the target-by-target loop) are exercised.
const tokens = Int32Array.from([0, 1, 2, 3, 4, 5, 0, 1, 6, 7, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 8, 9, 0, 11, 3, 2, 1]);
const offsets = Int32Array.from([0, 15, tokens.length]);
const rows = 12;

async function setup(negatives: number, dim: number): Promise<{ mem: TrainingMemory; k: SgnsKernels; params: ReturnType<typeof resolveSkipGramParams> }> {
  const params = resolveSkipGramParams({ dim, window: 4, negatives, seed: 3 });
  const mem = await prepareTrainingMemory({ tokens, offsets, rows, counts: tokenCounts(tokens, rows) }, params, 1, false);
  const k = (await instantiateKernels(mem.memory)) as SgnsKernels;
  // Output vectors start at zero; give them values so the first dots are not all 0.
  const syn1 = new Float32Array(mem.memory.buffer, mem.regions.syn1, rows * mem.stride);
  for (let r = 0; r < rows; r++) for (let c = 0; c < dim; c++) syn1[r * mem.stride + c] = Math.fround(Math.sin(r * 7 + c) * 0.3);
  return { mem, k, params };
}

function snapshot(mem: TrainingMemory) {
  const b = mem.memory.buffer;
  const r = mem.regions;
  return {
    syn0: new Float32Array(b, r.syn0, rows * mem.stride).slice(),
    syn1: new Float32Array(b, r.syn1, rows * mem.stride).slice(),
    rng: new Uint32Array(b, r.scratch, 4).slice(),
    stats: new Float64Array(b, r.scratch + 16, 2).slice(),
  };
}

function runKernel(k: SgnsKernels, mem: TrainingMemory, window: number, negatives: number, start: number, end: number, alpha0: number) {
  const r = mem.regions;
  const sentence = start >= offsets[1] ? 1 : 0;
  k.sgnsTrain(r.syn0, r.syn1, mem.stride, r.tokens, r.offsets, sentence, start, end, window, negatives, r.table, mem.tableBits, r.sigmoid, alpha0, 0.0004, 0.0001, r.scratch);
}

describe('sgnsTrain', () => {
  for (const [negatives, dim] of [[5, 50], [5, 7], [3, 50], [0, 12]] as const) {
    it(`matches the TypeScript reference (negatives ${negatives}, dim ${dim})`, async () => {
      const { mem, k, params } = await setup(negatives, dim);
      const initial = snapshot(mem);
      const before = snapshot(mem);
      const table = new Int32Array(mem.memory.buffer, mem.regions.table, 2 << mem.tableBits);
      const sigmoid = new Float32Array(mem.memory.buffer, mem.regions.sigmoid, 3000);
      const rng = new Xoshiro128(before.rng.slice());
      // A large rate so the updates are big enough for a wrong one to show.
      const expected = referenceTrain({
        syn0: before.syn0, syn1: before.syn1, stride: mem.stride, dim, tokens, offsets, start: 0, end: tokens.length,
        window: params.window, negatives, table, tableBits: mem.tableBits, sigmoid, alpha0: 0.5, alphaStep: 0.0004, alphaMin: 0.0001, rng,
      });
      runKernel(k, mem, params.window, negatives, 0, tokens.length, 0.5);
      const after = snapshot(mem);
      expect(expected.pairs).toBeGreaterThan(50);
      expect(after.stats[1]).toBe(expected.pairs);
      expect(after.stats[0]).toBeCloseTo(expected.loss, 3);
      expect(Array.from(after.rng)).toEqual(Array.from(rng.s));
      let maxDiff = 0;
      let moved = 0;
      for (let i = 0; i < after.syn0.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(after.syn0[i] - before.syn0[i]), Math.abs(after.syn1[i] - before.syn1[i]));
        moved = Math.max(moved, Math.abs(after.syn0[i] - initial.syn0[i]));
        if (i % mem.stride >= dim) expect(after.syn0[i] === 0 && after.syn1[i] === 0).toBe(true);
      }
      expect(moved).toBeGreaterThan(1e-2);
      expect(maxDiff).toBeLessThan(1e-5);
    });
  }
});

it('gives the same result whether a sentence is trained in one call or split across calls', async () => {
  const one = await setup(5, 50);
  runKernel(one.k, one.mem, 4, 5, 0, tokens.length, 0.3);
  const two = await setup(5, 50);
  // The second call starts mid-sentence with the rate where the first stopped.
  const r = two.mem.regions;
  two.k.sgnsTrain(r.syn0, r.syn1, two.mem.stride, r.tokens, r.offsets, 0, 0, 9, 4, 5, r.table, two.mem.tableBits, r.sigmoid, 0.3, 0.0004, 0.0001, r.scratch);
  two.k.sgnsTrain(r.syn0, r.syn1, two.mem.stride, r.tokens, r.offsets, 0, 9, tokens.length, 4, 5, r.table, two.mem.tableBits, r.sigmoid, 0.3 - 9 * 0.0004, 0.0004, 0.0001, r.scratch);
  const a = snapshot(one.mem);
  const b = snapshot(two.mem);
  expect(b.syn0).toEqual(a.syn0);
  expect(b.syn1).toEqual(a.syn1);
});

it('initialises input vectors uniform in +-0.5/dim with zero pads, output vectors at zero', async () => {
  const params = resolveSkipGramParams({ dim: 10 });
  const mem = await prepareTrainingMemory({ tokens, offsets, rows, counts: tokenCounts(tokens, rows) }, params, 1, false);
  const s = snapshot(mem);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < s.syn0.length; i++) {
    expect(s.syn1[i]).toBe(0);
    if (i % mem.stride >= 10) expect(s.syn0[i]).toBe(0);
    else {
      min = Math.min(min, s.syn0[i]);
      max = Math.max(max, s.syn0[i]);
    }
  }
  expect(min).toBeGreaterThanOrEqual(-0.05);
  expect(max).toBeLessThan(0.05);
  expect(max - min).toBeGreaterThan(0.08);
});
