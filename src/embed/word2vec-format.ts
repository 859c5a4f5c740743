// word2vec's text format, as word2vec.c (-binary 0) and gensim's
// save_word2vec_format(binary=False) write it: a header line `count dim`, then
// one line per word: the token and its dim values, separated by single spaces.
import type { Embedding } from './embedding';

/** The file's lines, header first, each without its newline; values in the shortest form that reads back to the same float32. */
export function* word2vecTextLines(embedding: Embedding): Generator<string> {
  const { vocab, dim, vectors } = embedding;
  yield `${vocab.length} ${dim}`;
  const parts = new Array<string>(dim + 1);
  for (let r = 0; r < vocab.length; r++) {
    if (/\s/.test(vocab[r]) || vocab[r] === '') throw new RangeError(`token ${JSON.stringify(vocab[r])} cannot be written: word2vec text tokens have no spaces`);
    parts[0] = vocab[r];
    for (let k = 0; k < dim; k++) parts[k + 1] = shortestFloat32(vectors[r * dim + k]);
    yield parts.join(' ');
  }
}

export function formatWord2VecText(embedding: Embedding): string {
  return Array.from(word2vecTextLines(embedding), (l) => l + '\n').join('');
}

function shortestFloat32(v: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const s = v.toPrecision(digits);
    if (Math.fround(Number(s)) === v) return trimZeros(s);
  }
  return trimZeros(v.toPrecision(9));
}

function trimZeros(s: string): string {
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    return (m.includes('.') ? m.replace(/\.?0+$/, '') : m) + 'e' + e;
  }
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Thrown for a malformed file: the message names the source and line. */
export class Word2VecFormatError extends Error {}

/** Reads word2vec text from lines (an array, or Node's readline / a stream splitter). */
export async function parseWord2VecText(lines: Iterable<string> | AsyncIterable<string>, source = 'input'): Promise<Embedding> {
  let count = -1;
  let dim = 0;
  let vectors = new Float32Array(0);
  const vocab: string[] = [];
  const seen = new Set<string>();
  let lineNo = 0;
  const fail = (msg: string): never => {
    throw new Word2VecFormatError(`${source}:${lineNo}: ${msg}`);
  };
  for await (const raw of lines as AsyncIterable<string>) {
    lineNo++;
    const line = raw.trim();
    if (count < 0) {
      const m = /^(\d+)\s+(\d+)$/.exec(line);
      if (!m) fail(`expected the header "count dim", got ${JSON.stringify(line.slice(0, 60))}`);
      count = Number(m![1]);
      dim = Number(m![2]);
      if (dim < 1) fail('dim must be at least 1');
      vectors = new Float32Array(count * dim);
      continue;
    }
    if (line === '') continue;
    if (vocab.length >= count) fail(`more than the ${count} vectors the header announces`);
    const fields = line.split(/\s+/);
    if (fields.length !== dim + 1) fail(`expected a token and ${dim} values, got ${fields.length - 1} values`);
    const token = fields[0];
    if (seen.has(token)) fail(`token ${JSON.stringify(token)} appears twice`);
    const row = vocab.length * dim;
    for (let k = 0; k < dim; k++) {
      const v = Number(fields[k + 1]);
      if (!Number.isFinite(v)) fail(`value ${k + 1} of ${JSON.stringify(token)} is not a number: ${JSON.stringify(fields[k + 1])}`);
      vectors[row + k] = v;
    }
    seen.add(token);
    vocab.push(token);
  }
  if (count < 0) fail('empty file: no header');
  if (vocab.length !== count) fail(`the header announces ${count} vectors, the file has ${vocab.length}`);
  return { vocab, dim, vectors };
}
