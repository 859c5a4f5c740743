// k-means steps on padded rows (Euclidean; the rows are L2-normalised so this
// is the paper's k-means on normalised vectors).

import { dot } from './vec';

/**
 * Nearest centroid of rows [start, end): assign[i] and the squared distance
 * dist[i]. halfNorms[c] = |centroid c|^2 / 2; argmin |x - c|^2 = argmax x.c - |c|^2/2.
 * Ties go to the lower centroid.
 */
export function kmeansAssign(
  x: usize, stride: i32, start: i32, end: i32,
  centroids: usize, halfNorms: usize, k: i32, assign: usize, dist: usize,
): void {
  const rowBytes = <usize>stride << 2;
  for (let i = start; i < end; i++) {
    const xi = x + <usize>i * rowBytes;
    let best: f32 = -Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const score = dot(xi, centroids + <usize>c * rowBytes, stride) - load<f32>(halfNorms + (<usize>c << 2));
      if (score > best) {
        best = score;
        bestC = c;
      }
    }
    const d = dot(xi, xi, stride) - 2 * best;
    store<i32>(assign + (<usize>i << 2), bestC);
    store<f32>(dist + (<usize>i << 2), d > 0 ? d : 0);
  }
}

/** k-means++ seeding step: minDist[i] = min(minDist[i], |x_i - centre|^2). */
export function kmeansMinDist(
  x: usize, stride: i32, start: i32, end: i32, centre: usize, minDist: usize,
): void {
  const rowBytes = <usize>stride << 2;
  const cc = dot(centre, centre, stride);
  for (let i = start; i < end; i++) {
    const xi = x + <usize>i * rowBytes;
    let d = dot(xi, xi, stride) - 2 * dot(xi, centre, stride) + cc;
    if (d < 0) d = 0;
    const at = minDist + (<usize>i << 2);
    if (d < load<f32>(at)) store<f32>(at, d);
  }
}
