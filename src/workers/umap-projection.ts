// UMAP of the sender vectors for the Map, with progress. The exact cosine k-NN
// comes from our WebAssembly kernel (allKnn) and is handed to umap-js, which
// would otherwise run its own slower approximate neighbour search in JS.
import { UMAP } from 'umap-js';
import { allKnn } from '../analyze/knn.ts';
import { normalizeRows } from '../analyze/normalize.ts';
import { seededRandom } from '../analyze/random.ts';
import type { Progress } from './pipeline-types.ts';

const NEIGHBOURS = 15;

export async function projectUmap(vectors: Float32Array, n: number, dim: number, seed: number, onProgress: Progress): Promise<Float32Array> {
  const out = new Float32Array(n * 2);
  if (n < 3) return out;
  const k = Math.min(NEIGHBOURS - 1, n - 1);
  const knn = await allKnn(vectors, n, dim, k);
  // umap-learn's convention: each point is its own first neighbour, at distance 0.
  const indices: number[][] = new Array(n);
  const distances: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const idx = [i];
    const dist = [0];
    for (let j = 0; j < knn.k; j++) {
      idx.push(knn.indices[i * knn.k + j]);
      dist.push(Math.max(0, 1 - knn.similarities[i * knn.k + j]));
    }
    indices[i] = idx;
    distances[i] = dist;
  }
  const unit = normalizeRows(vectors, n, dim);
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(unit.subarray(i * dim, (i + 1) * dim));
  const umap = new UMAP({ nComponents: 2, nNeighbors: knn.k + 1, minDist: 0.1, random: seededRandom(seed) });
  umap.setPrecomputedKNN(indices, distances);
  const epochs = umap.initializeFit(rows);
  let last = 0;
  for (let e = 0; e < epochs; e++) {
    umap.step();
    const now = performance.now();
    if (now - last > 200) {
      last = now;
      onProgress(e, epochs, 'UMAP epochs');
    }
  }
  const embedding = umap.getEmbedding();
  for (let i = 0; i < n; i++) {
    out[2 * i] = embedding[i][0];
    out[2 * i + 1] = embedding[i][1];
  }
  return out;
}
