// 2-D (or more) PCA projection: covariance in double precision, eigenvectors
// by cyclic Jacobi rotations (dim is ~50, so this is instant), signs fixed as
// scikit-learn 1.2 does (svd_flip on U: each component's largest |score| is positive).
import { normalizeRows } from './normalize';

export interface PcaResult {
  /** n x components scores, row-major. */
  points: Float32Array;
  components: number;
  /** Explained variance share per component. */
  explained: Float64Array;
}

export interface PcaOptions {
  components?: number;
  /** Project the L2-normalised vectors (the cosine geometry the analysis uses); default true. */
  normalize?: boolean;
}

export function pcaProject(vectors: Float32Array, n: number, dim: number, options: PcaOptions = {}): PcaResult {
  const m = Math.min(options.components ?? 2, dim);
  const x = options.normalize === false ? vectors : normalizeRows(vectors, n, dim);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d] += x[i * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, n);
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) row[d] = x[i * dim + d] - mean[d];
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let b = a; b < dim; b++) cov[a * dim + b] += ra * row[b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) cov[b * dim + a] = cov[a * dim + b];
  const { values, vectors: eig } = symmetricEigen(cov, dim);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  let trace = 0;
  for (const v of values) trace += Math.max(0, v);
  const points = new Float32Array(n * m);
  const explained = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const e = order[c];
    explained[c] = trace > 0 ? Math.max(0, values[e]) / trace : 0;
    let best = 0, bestAbs = -1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (x[i * dim + d] - mean[d]) * eig[d * dim + e];
      points[i * m + c] = s;
      if (Math.abs(s) > bestAbs) { bestAbs = Math.abs(s); best = s; }
    }
    if (best < 0) for (let i = 0; i < n; i++) points[i * m + c] = -points[i * m + c];
  }
  return { points, components: m, explained };
}

/** Eigen-decomposition of a symmetric matrix; column j of `vectors` (row-major d x d) is eigenvector j. */
export function symmetricEigen(matrix: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < d; p++) {
      diag += a[p * d + p] ** 2;
      for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p], akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k], aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p], vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i];
  return { values, vectors: v };
}
