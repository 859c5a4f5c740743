// Silhouette with cosine distance, exactly, in O(n * clusters * dim).
//
// For L2-normalised rows the cosine distance is 1 - x_i.x_j, which is linear
// in x_j: the sum of distances from x_i to a cluster C is |C| - x_i.S_C, where
// S_C is the sum of C's rows. So a(i) and b(i) need one dot product per
// cluster instead of one per sender (scikit-learn's silhouette_samples is
// O(n^2 dim)). Zero rows (unnormalisable) are zero, as scikit-learn leaves
// them, and get distance 1 to everything.

import { dot } from './vec';

/**
 * s(i) for rows [start, end). labels: i32 cluster id per row (0..clusters-1);
 * sums: clusters rows of `stride` floats (the per-cluster sums of rows);
 * counts: i32 per cluster. A row alone in its cluster gets 0 (as scikit-learn).
 */
export function silhouetteRows(
  x: usize, stride: i32, start: i32, end: i32, labels: usize,
  sums: usize, counts: usize, clusters: i32, out: usize,
): void {
  const rowBytes = <usize>stride << 2;
  for (let i = start; i < end; i++) {
    const xi = x + <usize>i * rowBytes;
    const own = load<i32>(labels + (<usize>i << 2));
    const ownCount = load<i32>(counts + (<usize>own << 2));
    if (ownCount <= 1) {
      store<f32>(out + (<usize>i << 2), 0);
      continue;
    }
    const self = <f64>dot(xi, xi, stride);
    const toOwn = <f64>dot(xi, sums + <usize>own * rowBytes, stride);
    const a = (<f64>(ownCount - 1) - (toOwn - self)) / <f64>(ownCount - 1);
    let b = Infinity;
    for (let c = 0; c < clusters; c++) {
      if (c == own) continue;
      const count = load<i32>(counts + (<usize>c << 2));
      if (count == 0) continue;
      const mean = (<f64>count - <f64>dot(xi, sums + <usize>c * rowBytes, stride)) / <f64>count;
      if (mean < b) b = mean;
    }
    const m = a > b ? a : b;
    const s = m > 0 && b != Infinity ? (b - a) / m : 0.0;
    store<f32>(out + (<usize>i << 2), <f32>s);
  }
}
