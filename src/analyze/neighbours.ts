// Nearest neighbours of one sender, by address, with cosine similarities:
// a single brute-force pass (n x dim), so any k and any sender, no index needed.

export interface SenderNeighbours {
  index: number;
  indices: Int32Array;
  addresses: string[];
  similarities: Float32Array;
}

export function nearestNeighboursOf(
  ip: string, vocab: readonly string[], vectors: Float32Array, dim: number, k = 10,
): SenderNeighbours {
  const index = vocab.indexOf(ip);
  if (index < 0) throw new RangeError(`sender ${ip} is not in the embedding`);
  return nearestNeighboursOfIndex(index, vocab, vectors, dim, k);
}

export function nearestNeighboursOfIndex(
  index: number, vocab: readonly string[], vectors: Float32Array, dim: number, k = 10,
): SenderNeighbours {
  const n = vocab.length;
  const norm = (i: number) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[i * dim + d] ** 2;
    return Math.sqrt(s);
  };
  const qn = norm(index);
  const sims = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[index * dim + d] * vectors[j * dim + d];
    const jn = norm(j);
    sims[j] = qn > 0 && jn > 0 ? s / (qn * jn) : 0;
  }
  const order: number[] = [];
  for (let j = 0; j < n; j++) if (j !== index) order.push(j);
  order.sort((a, b) => sims[b] - sims[a] || a - b);
  const top = order.slice(0, k);
  return {
    index,
    indices: Int32Array.from(top),
    addresses: top.map((j) => vocab[j]),
    similarities: Float32Array.from(top, (j) => sims[j]),
  };
}
