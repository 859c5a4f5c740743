// The paper's k-NN graph: every sender linked to its k nearest neighbours,
// undirected (a mutual pair is one edge), weighted by cosine similarity.
import type { KnnResult } from './knn';

export interface KnnGraph {
  n: number;
  source: Int32Array;
  target: Int32Array;
  /** Cosine similarity, clamped at 0: Louvain's modularity needs non-negative weights. */
  weight: Float32Array;
}

export function buildKnnGraph(knn: KnnResult, k: number): KnnGraph {
  const kk = Math.min(k, knn.k);
  const seen = new Set<number>();
  const source: number[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  const n = knn.n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < kk; j++) {
      const nb = knn.indices[i * knn.k + j];
      if (nb < 0 || nb === i) continue;
      const a = Math.min(i, nb), b = Math.max(i, nb);
      const key = a * n + b; // n < 2^26 keeps this exact in a double
      if (seen.has(key)) continue;
      seen.add(key);
      source.push(a);
      target.push(b);
      weight.push(Math.max(0, knn.similarities[i * knn.k + j]));
    }
  }
  return { n, source: Int32Array.from(source), target: Int32Array.from(target), weight: Float32Array.from(weight) };
}

/** Newman's weighted modularity of a partition (resolution 1). */
export function modularity(graph: KnnGraph, clusters: Int32Array): number {
  const degree = new Float64Array(graph.n);
  let m = 0;
  for (let e = 0; e < graph.source.length; e++) {
    const w = graph.weight[e];
    degree[graph.source[e]] += w;
    degree[graph.target[e]] += w;
    m += w;
  }
  if (m === 0) return 0;
  const inside = new Map<number, number>();
  const total = new Map<number, number>();
  for (let e = 0; e < graph.source.length; e++) {
    const c = clusters[graph.source[e]];
    if (c === clusters[graph.target[e]]) inside.set(c, (inside.get(c) ?? 0) + graph.weight[e]);
  }
  for (let i = 0; i < graph.n; i++) total.set(clusters[i], (total.get(clusters[i]) ?? 0) + degree[i]);
  let q = 0;
  for (const [c, tot] of total) q += (inside.get(c) ?? 0) / m - (tot / (2 * m)) ** 2;
  return q;
}
