import { describe, expect, it } from 'vitest';
import { prepareTrainingMemory } from '../../src/embed/training-memory';
import { tokenCounts } from '../../src/embed/negative-table';
import { resolveSkipGramParams } from '../../src/embed/skip-gram-params';
import { referenceTrain, SplitMix64 } from './sgns-reference';
import { ALPHA, MIN, STEP, maxDiff, offsets, rows, setup, snapshot, tokens, type Setup } from './sgns-fixture';

function sentenceOf(pos: number): number {
  return pos >= offsets[1] ? 1 : 0;
}

/** The reference over the whole tiny corpus from the kernel memory's current state, then the kernel itself. */
function trainBoth({ mem, k, window }: Setup, negatives: number, sharedNegatives = false) {
  const before = snapshot(mem);
  const table = new Int32Array(mem.memory.buffer, mem.regions.table, 2 << mem.tableBits);
  const sigmoid = new Float32Array(mem.memory.buffer, mem.regions.sigmoid, 3000);
  const rng = new SplitMix64(before.rng);
  const expected = referenceTrain({
    syn0: before.syn0, syn1: before.syn1, stride: mem.stride, tokens: before.tokens, offsets, start: 0, end: tokens.length, index: 0,
    window, negatives, table, tableBits: mem.tableBits, sigmoid, alpha0: ALPHA, alphaStep: STEP, alphaMin: MIN, rng, sharedNegatives,
  });
  k.sgnsTrain(mem.regions.scratch, 0, 0, tokens.length, 0);
  // before.syn0/syn1 now hold the reference's result.
  return { before, after: snapshot(mem), expected, rng };
}

describe('sgnsTrain', () => {
  for (const [negatives, dim] of [[5, 50], [5, 7], [3, 50], [4, 12], [0, 12]] as const) {
    it(`matches the TypeScript reference bit for bit (plain build, negatives ${negatives}, dim ${dim})`, async () => {
      const s = await setup(negatives, dim);
      const { mem } = s;
      const initial = snapshot(mem);
      const { before, after, expected, rng } = trainBoth(s, negatives);
      expect(expected.pairs).toBeGreaterThan(50);
      expect(after.stats[1]).toBe(expected.pairs);
      expect(after.stats[0]).toBe(expected.loss);
      expect(after.stats[2]).toBe(expected.lossPairs);
      expect(expected.lossPairs).toBeGreaterThan(5);
      expect(expected.lossPairs).toBeLessThan(expected.pairs / 4);
      expect(after.rng).toBe(rng.state);
      expect(after.syn0).toEqual(before.syn0);
      expect(after.syn1).toEqual(before.syn1);
      expect(maxDiff(after.syn0, initial.syn0)).toBeGreaterThan(1e-2);
      for (let i = 0; i < after.syn0.length; i++) {
        if (i % mem.stride >= dim) expect(after.syn0[i] === 0 && after.syn1[i] === 0).toBe(true);
      }
    });
  }

  it('matches the reference bit for bit where dot products leave the table and the gradients clamp', async () => {
    // Large input vectors: many dot products fall beyond +-6, on both sides, in
    // the fused six-target pass and in the target-by-target loop alike.
    const s = await setup(5, 50);
    const { mem } = s;
    const syn0 = new Float32Array(mem.memory.buffer, mem.regions.syn0, rows * mem.stride);
    for (let row = 0; row < rows; row++) for (let c = 0; c < 50; c++) syn0[row * mem.stride + c] = Math.fround(Math.cos(row * 5 + c * (row % 3 + 1)) * 1.5);
    const { before, after, expected } = trainBoth(s, 5);
    expect(expected.clamped.above).toBeGreaterThan(20);
    expect(expected.clamped.below).toBeGreaterThan(20);
    expect(after.stats[0]).toBe(expected.loss);
    expect(after.syn0).toEqual(before.syn0);
    expect(after.syn1).toEqual(before.syn1);
  });

  for (const negatives of [5, 3]) {
    it(`with shared negatives matches the reference drawing one set per centre position (negatives ${negatives})`, async () => {
      const { before, after, expected, rng } = trainBoth(await setup(negatives, 12, 'plain', 1, 0, ALPHA, true), negatives, true);
      expect(after.rng).toBe(rng.state);
      expect(after.stats[1]).toBe(expected.pairs);
      expect(after.syn0).toEqual(before.syn0);
      expect(after.syn1).toEqual(before.syn1);
      // One draw per centre for the window and ceil(negatives / 2) per centre, not per pair.
      const perPair = await setup(negatives, 12);
      perPair.k.sgnsTrain(perPair.mem.regions.scratch, 0, 0, tokens.length, 0);
      const draws = (s: bigint, from: bigint) => Number((((s - from) & ((1n << 64n) - 1n)) * 0xf1de83e19937733dn) & ((1n << 64n) - 1n));
      expect(draws(after.rng, before.rng)).toBe(tokens.length * (1 + Math.ceil(negatives / 2)));
      const perPairAfter = snapshot(perPair.mem);
      expect(draws(perPairAfter.rng, before.rng)).toBe(tokens.length + perPairAfter.stats[1] * Math.ceil(negatives / 2));
    });
  }

  it('gives the same bits whether the stream is trained in one call or cut anywhere, given the global position', async () => {
    const one = await setup(5, 50);
    one.k.sgnsTrain(one.mem.regions.scratch, 0, 0, tokens.length, 100);
    const cut = await setup(5, 50);
    // Cuts mid-sentence and at the sentence boundary; the rate follows the global position.
    for (const [from, to] of [[0, 9], [9, 15], [15, 16], [16, tokens.length]]) cut.k.sgnsTrain(cut.mem.regions.scratch, sentenceOf(from), from, to, 100 + from);
    const a = snapshot(one.mem);
    const b = snapshot(cut.mem);
    expect(b.syn0).toEqual(a.syn0);
    expect(b.syn1).toEqual(a.syn1);
    expect(b.stats).toEqual(a.stats);
  });

  it('trains rows below hotRows in a private copy and merges what changed back into the shared rows', async () => {
    // Worker 0 trains the first sentence in its copy of rows 0..3; worker 1 then
    // loads the merged rows and carries on with worker 0's PRNG state, so
    // together they are one worker trained straight through, up to the rounding
    // of shared + (copy - snapshot).
    const plain = await setup(5, 50, 'plain');
    plain.k.sgnsTrain(plain.mem.regions.scratch, 0, 0, tokens.length, 0);
    const hot = await setup(5, 50, 'plain', 2, 4);
    const r = hot.mem.regions;
    const shared0 = snapshot(hot.mem);
    hot.k.sgnsHotLoad(r.scratch);
    hot.k.sgnsTrain(r.scratch, 0, 0, 15, 0);
    // Before the merge the shared hot rows are untouched; rows from 4 on were trained in place.
    const mid = snapshot(hot.mem);
    const hotFloats = 4 * hot.mem.stride;
    expect(mid.syn1.subarray(0, hotFloats)).toEqual(shared0.syn1.subarray(0, hotFloats));
    expect(maxDiff(mid.syn1.subarray(hotFloats), shared0.syn1.subarray(hotFloats))).toBeGreaterThan(1e-3);
    hot.k.sgnsHotMerge(r.scratch);
    new BigUint64Array(hot.mem.memory.buffer, r.scratch + r.scratchBytes, 1)[0] = snapshot(hot.mem, 0).rng;
    hot.k.sgnsHotLoad(r.scratch + r.scratchBytes);
    hot.k.sgnsTrain(r.scratch + r.scratchBytes, 1, 15, tokens.length, 15);
    hot.k.sgnsHotMerge(r.scratch + r.scratchBytes);
    const a = snapshot(plain.mem);
    const b = snapshot(hot.mem);
    expect(maxDiff(b.syn0, a.syn0)).toBeLessThan(1e-5);
    expect(maxDiff(b.syn1, a.syn1)).toBeLessThan(1e-5);
    expect(maxDiff(b.syn1.subarray(0, hotFloats), shared0.syn1.subarray(0, hotFloats))).toBeGreaterThan(1e-3);
  });
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
