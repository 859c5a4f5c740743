// Plain TypeScript references of the analysis kernels (assembly/knn.ts,
// silhouette.ts, kmeans.ts), in double precision, brute force. Tests only.

export function normalizeRef(v: Float32Array, n: number, dim: number): Float64Array {
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += v[i * dim + d] ** 2;
    if (s > 0) for (let d = 0; d < dim; d++) out[i * dim + d] = v[i * dim + d] / Math.sqrt(s);
  }
  return out;
}

function dotRef(x: Float64Array, dim: number, i: number, j: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += x[i * dim + d] * x[j * dim + d];
  return s;
}

/** Top-k by cosine similarity, self excluded, ties by lower index. */
export function knnRef(v: Float32Array, n: number, dim: number, k: number): { indices: number[][]; sims: number[][] } {
  const x = normalizeRef(v, n, dim);
  const indices: number[][] = [], sims: number[][] = [];
  for (let i = 0; i < n; i++) {
    const all: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) if (j !== i) all.push([dotRef(x, dim, i, j), j]);
    all.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    indices.push(all.slice(0, k).map((p) => p[1]));
    sims.push(all.slice(0, k).map((p) => p[0]));
  }
  return { indices, sims };
}

/** Silhouette with cosine distance by the O(n^2) definition (scikit-learn's). */
export function silhouetteRef(v: Float32Array, n: number, dim: number, labels: ArrayLike<number>): number[] {
  const x = normalizeRef(v, n, dim);
  const ids = [...new Set(Array.from(labels))];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const sum = new Map<number, number>(), cnt = new Map<number, number>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dist = Math.min(2, Math.max(0, 1 - dotRef(x, dim, i, j)));
      sum.set(labels[j], (sum.get(labels[j]) ?? 0) + dist);
      cnt.set(labels[j], (cnt.get(labels[j]) ?? 0) + 1);
    }
    const own = labels[i];
    if (!cnt.get(own)) { out.push(0); continue; }
    const a = sum.get(own)! / cnt.get(own)!;
    let b = Infinity;
    for (const c of ids) if (c !== own && cnt.get(c)) b = Math.min(b, sum.get(c)! / cnt.get(c)!);
    out.push(b === Infinity || Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b));
  }
  return out;
}

/** Nearest centroid (squared Euclidean), ties to the lower centroid. */
export function assignRef(x: Float64Array, n: number, dim: number, centroids: Float64Array, k: number): { assign: number[]; dist: number[] } {
  const assign: number[] = [], dist: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = Infinity, bestC = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (x[i * dim + d] - centroids[c * dim + d]) ** 2;
      if (s < best) { best = s; bestC = c; }
    }
    assign.push(bestC);
    dist.push(best);
  }
  return { assign, dist };
}
