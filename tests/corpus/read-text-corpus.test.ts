import { expect, it } from 'vitest';
import { readTextCorpus } from '../../src/corpus/read-text-corpus';

it('reads LineSentence text: first-seen vocabulary, occurrence counts, sentence offsets, lines split across chunks', async () => {
  const enc = new TextEncoder();
  const text = 'a b  c a\n\n  b d\t\te\r\nc\n';
  // Split at every byte boundary pair to check lines and UTF-8 spanning chunks.
  for (const cut of [1, 5, 9, 14]) {
    const bytes = enc.encode(text);
    const corpus = await readTextCorpus([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(corpus.vocab).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Array.from(corpus.packets)).toEqual([2, 2, 2, 1, 1]);
    expect(Array.from(corpus.tokens)).toEqual([0, 1, 2, 0, 1, 3, 4, 2]);
    expect(Array.from(corpus.offsets)).toEqual([0, 4, 7, 8]);
  }
});

it('keeps a last line without newline and multi-byte tokens', async () => {
  const corpus = await readTextCorpus(['x ', 'y\nz', 'é ü', 'ber']);
  expect(corpus.vocab).toEqual(['x', 'y', 'zé', 'über']);
  expect(Array.from(corpus.offsets)).toEqual([0, 2, 4]);
});

it('grows past its initial buffers', async () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `s${i} s${i + 1} s${i % 7}`).join('\n');
  const corpus = await readTextCorpus([lines]);
  expect(corpus.offsets.length).toBe(3001);
  expect(corpus.tokens.length).toBe(9000);
  expect(corpus.vocab.length).toBe(3001);
});
