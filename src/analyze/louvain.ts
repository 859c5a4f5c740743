// Louvain communities of the k-NN graph (graphology-communities-louvain),
// renumbered by size so cluster 0 is the largest.
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { KnnResult } from './knn';
import { buildKnnGraph, type KnnGraph } from './knn-graph';
import { seededRandom } from './random';

export interface Clustering {
  /** Cluster id per sender, 0 = the largest cluster. */
  clusters: Int32Array;
  count: number;
  /** Senders per cluster. */
  sizes: Int32Array;
}

export interface LouvainClustering extends Clustering {
  k: number;
  modularity: number;
  edges: number;
}

export interface LouvainOptions {
  /** Neighbours per sender in the graph; the paper's k = 3. */
  k?: number;
  seed?: number;
  resolution?: number;
}

export function louvainOnGraph(graph: KnnGraph, options: LouvainOptions = {}): Omit<LouvainClustering, 'k'> {
  const g = new UndirectedGraph({ allowSelfLoops: false, multi: false });
  for (let i = 0; i < graph.n; i++) g.addNode(i);
  for (let e = 0; e < graph.source.length; e++) {
    g.addUndirectedEdge(graph.source[e], graph.target[e], { weight: graph.weight[e] });
  }
  const result = louvain.detailed(g, {
    getEdgeWeight: 'weight',
    resolution: options.resolution ?? 1,
    rng: seededRandom(options.seed ?? 15),
  });
  const raw = new Int32Array(graph.n);
  for (let i = 0; i < graph.n; i++) raw[i] = result.communities[i];
  return { ...relabelBySize(raw), modularity: result.modularity, edges: graph.source.length };
}

export function louvainClusters(knn: KnnResult, options: LouvainOptions = {}): LouvainClustering {
  const k = options.k ?? 3;
  return { k, ...louvainOnGraph(buildKnnGraph(knn, k), options) };
}

export interface ModularityCurve {
  k: Int32Array;
  modularity: Float64Array;
  clusters: Int32Array;
}

/** The paper's choice of k: modularity and cluster count of the Louvain partition for k = 1..kMax. */
export function modularityCurve(knn: KnnResult, kMax = 14, options: Omit<LouvainOptions, 'k'> = {}, onStep?: (k: number) => void): ModularityCurve {
  const top = Math.min(kMax, knn.k);
  const curve = { k: new Int32Array(top), modularity: new Float64Array(top), clusters: new Int32Array(top) };
  for (let k = 1; k <= top; k++) {
    const c = louvainClusters(knn, { ...options, k });
    curve.k[k - 1] = k;
    curve.modularity[k - 1] = c.modularity;
    curve.clusters[k - 1] = c.count;
    onStep?.(k);
  }
  return curve;
}

/** Renumbers arbitrary non-negative ids 0..count-1 by size, largest first (ties: first seen). */
export function relabelBySize(raw: Int32Array): Clustering {
  const first = new Map<number, number>();
  const size = new Map<number, number>();
  raw.forEach((c, i) => {
    if (!first.has(c)) first.set(c, i);
    size.set(c, (size.get(c) ?? 0) + 1);
  });
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const newId = new Map(order.map((c, i) => [c, i]));
  const clusters = raw.map((c) => newId.get(c)!);
  const sizes = Int32Array.from(order, (c) => size.get(c)!);
  return { clusters, count: order.length, sizes };
}
