import type { Embedding } from '../../src/embed/embedding';

export function cosine(e: Embedding, a: number, b: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < e.dim; k++) {
    const x = e.vectors[a * e.dim + k];
    const y = e.vectors[b * e.dim + k];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

/** Lowest within-group and highest cross-group cosine over rows [from, to), groups of `perGroup` consecutive rows. */
export function groupSeparation(e: Embedding, from: number, to: number, perGroup: number): { minWithin: number; maxCross: number } {
  let minWithin = Infinity;
  let maxCross = -Infinity;
  for (let a = from; a < to; a++) {
    for (let b = a + 1; b < to; b++) {
      const c = cosine(e, a, b);
      if (Math.floor((a - from) / perGroup) === Math.floor((b - from) / perGroup)) minWithin = Math.min(minWithin, c);
      else maxCross = Math.max(maxCross, c);
    }
  }
  return { minWithin, maxCross };
}
