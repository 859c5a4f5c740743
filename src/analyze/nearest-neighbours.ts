// Exact or approximate all-kNN, chosen by size: the exact blocked search up
// to ~50 k senders (a day of a /24 darknet: seconds), the inverted-file search
// with a measured recall beyond (a month: ~500 k senders).
import { allKnn, type KnnOptions, type KnnResult } from './knn';
import { approximateKnn, type ApproximateKnnOptions, type ApproximateKnnResult } from './approximate-knn';

export interface NearestNeighboursOptions extends ApproximateKnnOptions {
  /** 'auto' (default): approximate when n > approximateAbove. */
  mode?: 'exact' | 'approximate' | 'auto';
  approximateAbove?: number;
}

export async function nearestNeighbours(
  vectors: Float32Array, n: number, dim: number, k: number, options: NearestNeighboursOptions = {},
): Promise<KnnResult | ApproximateKnnResult> {
  const mode = options.mode ?? 'auto';
  const approximate = mode === 'approximate' || (mode === 'auto' && n > (options.approximateAbove ?? 50_000));
  if (approximate && n > 2) return approximateKnn(vectors, n, dim, k, options);
  const exact: KnnOptions = { executor: options.executor, onProgress: options.onProgress, tilePanels: options.tilePanels };
  return allKnn(vectors, n, dim, k, exact);
}
