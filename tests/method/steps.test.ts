import { describe, expect, it } from 'vitest';
import { alignEmbedding, baseName } from '../../src/method/steps';
import { embedding } from './results-fixture';

describe('method steps', () => {
  it('aligns a continued model to today\'s vocabulary', () => {
    const aligned = alignEmbedding(embedding, ['2001:db8::1', '10.0.0.1']);
    expect(Array.from(aligned.vectors)).toEqual([Math.fround(1e-7), 3, 0.5, -1]);
    expect(alignEmbedding(embedding, embedding.vocab)).toBe(embedding);
    expect(() => alignEmbedding(embedding, ['1.1.1.1'])).toThrow(/1.1.1.1/);
  });

  it('names files without their folders', () => {
    expect([baseName('/data/x/trace.csv.gz'), baseName('C:\\t\\a.pcap'), baseName('plain.csv')]).toEqual(['trace.csv.gz', 'a.pcap', 'plain.csv']);
  });
});
