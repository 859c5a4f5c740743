import { describe, expect, it } from 'vitest';
import { formatWord2VecText, parseWord2VecText, word2vecTextLines } from '../../src/embed/word2vec-format';

describe('word2vec text format', () => {
  it('round-trips vocabulary and float32 values exactly', async () => {
    const vectors = Float32Array.from([0.1, -2.5e-7, 3.4028234e38, 0, -0.333333333, 1e-3, 123456.789, -1]);
    const embedding = { vocab: ['10.0.0.1', '192.168.1.254'], dim: 4, vectors };
    const text = formatWord2VecText(embedding);
    expect(text.split('\n')[0]).toBe('2 4');
    expect(text.split('\n')[1].startsWith('10.0.0.1 0.1 ')).toBe(true);
    const back = await parseWord2VecText(text.split('\n'), 'model.txt');
    expect(back.vocab).toEqual(embedding.vocab);
    expect(back.dim).toBe(4);
    expect(back.vectors).toEqual(vectors);
  });

  it('reads gensim-style output with trailing spaces and CRLF', async () => {
    const e = await parseWord2VecText(['2 2\r', 'a 1.5 -2 \r', 'b 0.25 4e-2'], 'g.txt');
    expect(e.vocab).toEqual(['a', 'b']);
    expect(Array.from(e.vectors)).toEqual([1.5, -2, 0.25, Math.fround(0.04)]);
  });

  it('names the file and line of a malformed entry', async () => {
    await expect(parseWord2VecText(['2 3', 'a 1 2 3', 'b 1 2'], 'm.txt')).rejects.toThrow('m.txt:3: expected a token and 3 values, got 2 values');
    await expect(parseWord2VecText(['x y'], 'm.txt')).rejects.toThrow(/m.txt:1: expected the header/);
    await expect(parseWord2VecText(['2 1', 'a 1', 'a 2'], 'm.txt')).rejects.toThrow(/m.txt:3: token "a" appears twice/);
    await expect(parseWord2VecText(['1 1', 'a nan?'], 'm.txt')).rejects.toThrow(/m.txt:2: value 1 of "a" is not a number/);
    await expect(parseWord2VecText(['3 1', 'a 1'], 'm.txt')).rejects.toThrow(/announces 3 vectors, the file has 1/);
    await expect(parseWord2VecText([], 'm.txt')).rejects.toThrow(/empty file/);
  });

  it('refuses a token a reader would split', () => {
    expect(() => Array.from(word2vecTextLines({ vocab: ['a b'], dim: 1, vectors: new Float32Array(1) }))).toThrow(/no spaces/);
  });
});
