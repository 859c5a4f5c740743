import { expect, it } from 'vitest';
import { fillNegativeTable, negativeTableBits } from '../../src/embed/negative-table';

/** Each word's probability under the kernel's draw rule, summed over buckets exactly. */
function drawProbabilities(table: Int32Array, bits: number, words: number): number[] {
  const one = 2 ** (32 - bits);
  const buckets = 2 ** bits;
  const p = new Array<number>(words).fill(0);
  for (let b = 0; b < buckets; b++) {
    const keep = (table[2 * b] >>> 0) / one;
    if (keep > 0) p[b] += keep / buckets;
    if (keep < 1) p[table[2 * b + 1]] += (1 - keep) / buckets;
  }
  return p;
}

it('draws each word with probability count^0.75 / sum, never a word that does not occur', () => {
  const counts = [1000, 1, 0, 37, 5, 5, 250_000, 2];
  const bits = negativeTableBits(counts.length);
  expect(bits).toBe(3);
  const table = new Int32Array(2 << bits);
  fillNegativeTable(counts, table, bits);
  const total = counts.reduce((s, c) => s + c ** 0.75, 0);
  const p = drawProbabilities(table, bits, counts.length);
  counts.forEach((c, i) => expect(p[i]).toBeCloseTo(c ** 0.75 / total, 8));
  expect(p[2]).toBe(0);
});

it('pads a vocabulary that is not a power of two with buckets that always alias to a real word', () => {
  const counts = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % 500));
  const bits = negativeTableBits(counts.length);
  expect(bits).toBe(10);
  const table = new Int32Array(2 << bits);
  fillNegativeTable(counts, table, bits);
  for (let b = 0; b < 1024; b++) expect(table[2 * b + 1]).toBeLessThan(1000);
  const total = counts.reduce((s, c) => s + c ** 0.75, 0);
  const p = drawProbabilities(table, bits, 1000);
  let worst = 0;
  counts.forEach((c, i) => (worst = Math.max(worst, Math.abs(p[i] - c ** 0.75 / total) / (c ** 0.75 / total))));
  expect(worst).toBeLessThan(1e-5);
});

it('refuses a corpus without tokens', () => {
  expect(() => fillNegativeTable([0, 0], new Int32Array(4), 1)).toThrow(/no tokens/);
});
