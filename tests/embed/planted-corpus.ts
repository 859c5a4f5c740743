import type { Corpus } from '../../src/corpus/corpus';

/**
 * Sentences drawn from one of `groups` disjoint sender groups each (senders of a
 * group only co-occur with each other), with a seeded LCG so tests are exact.
 */
export function plantedCorpus(groups: number, perGroup: number, sentences: number, length: number, seed = 1): Corpus {
  let s = seed >>> 0;
  const rand = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
  const vocab = Array.from({ length: groups * perGroup }, (_, i) => `10.${Math.floor(i / perGroup)}.0.${i % perGroup}`);
  const tokens = new Int32Array(sentences * length);
  const offsets = new Int32Array(sentences + 1);
  for (let t = 0; t < sentences; t++) {
    const g = t % groups;
    offsets[t] = t * length;
    for (let k = 0; k < length; k++) tokens[t * length + k] = g * perGroup + rand(perGroup);
  }
  offsets[sentences] = tokens.length;
  const packets = new Int32Array(vocab.length);
  for (const tok of tokens) packets[tok]++;
  return { vocab, packets, tokens, offsets };
}
