// The relaxed-SIMD build (fused multiply-adds where the CPU has them) against
// the plain one on the tiny corpus: same draws, same pairs, vectors within 1e-5,
// at gensim's starting rate (the reference test's larger rate amplifies a last-bit
// difference that moves a dot product across a sigmoid-table step).
import { beforeAll, expect, it } from 'vitest';
import { enableRelaxedSimd } from '../../src/kernels/node-relaxed-simd';
import { maxDiff, setup, snapshot, tokens } from './sgns-fixture';

beforeAll(async () => {
  expect(await enableRelaxedSimd()).toBe(true);
});

for (const [negatives, dim] of [[5, 50], [5, 7], [3, 50]] as const) {
  it(`agrees with the plain build to 1e-5 (negatives ${negatives}, dim ${dim})`, async () => {
    const plain = await setup(negatives, dim, 'plain', 1, 0, 0.025);
    const relaxed = await setup(negatives, dim, 'relaxed', 1, 0, 0.025);
    const initial = snapshot(plain.mem);
    plain.k.sgnsTrain(plain.mem.regions.scratch, 0, 0, tokens.length, 0);
    relaxed.k.sgnsTrain(relaxed.mem.regions.scratch, 0, 0, tokens.length, 0);
    const a = snapshot(plain.mem);
    const b = snapshot(relaxed.mem);
    expect(b.rng).toBe(a.rng);
    expect(b.stats[1]).toBe(a.stats[1]);
    expect(maxDiff(a.syn0, initial.syn0)).toBeGreaterThan(1e-3);
    expect(maxDiff(b.syn0, a.syn0)).toBeLessThan(1e-5);
    expect(maxDiff(b.syn1, a.syn1)).toBeLessThan(1e-5);
    expect(Math.abs(b.stats[0] - a.stats[0])).toBeLessThan(1e-3);
  });
}
