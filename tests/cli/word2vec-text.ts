// An independent reader of the word2vec text format, so the tests check the
// files against the format itself rather than against our own writer.
export interface Word2VecText {
  count: number;
  dim: number;
  words: string[];
  vectors: Float32Array;
}

export function parseWord2VecText(text: string): Word2VecText {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const head = lines[0]!.split(' ');
  if (head.length !== 2) throw new Error(`header must be "count dim", got "${lines[0]}"`);
  const [count, dim] = head.map(Number) as [number, number];
  if (!Number.isInteger(count) || !Number.isInteger(dim)) throw new Error(`bad header "${lines[0]}"`);
  if (lines.length - 1 !== count) throw new Error(`header says ${count} vectors, file has ${lines.length - 1}`);
  const words: string[] = [];
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const parts = lines[i + 1]!.trimEnd().split(' ');
    if (parts.length !== dim + 1) throw new Error(`line ${i + 2}: ${parts.length - 1} values, expected ${dim}`);
    words.push(parts[0]!);
    for (let j = 0; j < dim; j++) {
      const v = Number(parts[j + 1]);
      if (!Number.isFinite(v)) throw new Error(`line ${i + 2}: "${parts[j + 1]}" is not a number`);
      vectors[i * dim + j] = v;
    }
  }
  return { count, dim, words, vectors };
}
