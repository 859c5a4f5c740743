// UMAP 2-D layout (McInnes et al., umap-learn's algorithm) over our own
// neighbour lists, in typed arrays. umap-js was measured first: on 22 k
// senders its set-up alone (sparse matrices keyed by strings) took 102 s and
// the whole run 6 minutes, with the machine loaded; this takes seconds. Same
// steps as umap-learn: smooth kNN distances, fuzzy union of the directed
// memberships, edges sampled in proportion to their weight with negative
// sampling, learning rate decaying linearly; a seeded generator throughout.
import type { KnnResult } from './knn';
import { seededRandom } from './random';

export interface UmapOptions {
  /** Neighbours per point, the point itself included (umap's n_neighbors); default 15, at most knn.k + 1. */
  neighbours?: number;
  minDist?: number;
  spread?: number;
  /** Default as umap-learn: 500 below 10 k points, 200 above. */
  epochs?: number;
  negativeSampleRate?: number;
  /** n x 2 starting layout (e.g. PCA); default uniform random in [-10, 10]. */
  init?: Float32Array;
  seed?: number;
  /** Called after every epoch; return false to stop early (the layout so far is returned). */
  onProgress?: (done: number, total: number) => boolean | void;
}

export interface UmapResult {
  /** n x 2, row-major. */
  points: Float32Array;
  epochs: number;
}

export interface FuzzyGraph {
  n: number;
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

/** umap-learn's smooth_knn_dist + compute_membership_strengths + fuzzy union (set_op_mix_ratio 1). */
export function fuzzySimplicialSet(knn: KnnResult, neighbours: number): FuzzyGraph {
  const n = knn.n;
  const m = neighbours - 1; // the point itself is not listed by our kNN
  const target = Math.log2(neighbours);
  const directed = new Map<number, number>();
  let meanAll = 0, count = 0;
  for (let i = 0; i < n * knn.k; i++) if (knn.indices[i] >= 0) { meanAll += 1 - knn.similarities[i]; count++; }
  meanAll = count > 0 ? meanAll / count : 0;
  const dist = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let rho = 0, mean = 0, valid = 0;
    for (let j = 0; j < m; j++) {
      const nb = knn.indices[i * knn.k + j];
      dist[j] = nb < 0 ? Infinity : Math.max(0, 1 - knn.similarities[i * knn.k + j]);
      if (nb >= 0) { mean += dist[j]; valid++; if (rho === 0 && dist[j] > 0) rho = dist[j]; }
    }
    mean = valid > 0 ? mean / valid : 0;
    let lo = 0, hi = Infinity, sigma = 1;
    for (let it = 0; it < 64; it++) {
      let psum = 0;
      for (let j = 0; j < m; j++) {
        if (dist[j] === Infinity) continue;
        const d = dist[j] - rho;
        psum += d > 0 ? Math.exp(-d / sigma) : 1;
      }
      if (Math.abs(psum - target) < 1e-5) break;
      if (psum > target) { hi = sigma; sigma = (lo + hi) / 2; } else { lo = sigma; sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2; }
    }
    // umap-learn's floor on sigma (MIN_K_DIST_SCALE = 1e-3).
    sigma = Math.max(sigma, 1e-3 * (rho > 0 ? mean : meanAll));
    for (let j = 0; j < m; j++) {
      const nb = knn.indices[i * knn.k + j];
      if (nb < 0 || nb === i) continue;
      const d = dist[j] - rho;
      const w = d <= 0 ? 1 : Math.exp(-d / sigma);
      directed.set(i * n + nb, w);
    }
  }
  const head: number[] = [], tail: number[] = [], weight: number[] = [];
  for (const [key, w] of directed) {
    const i = Math.floor(key / n), j = key - i * n;
    const back = directed.get(j * n + i) ?? 0;
    const union = w + back - w * back;
    head.push(i); tail.push(j); weight.push(union);
    // The reverse entry exists in the union even where j did not list i.
    if (!directed.has(j * n + i)) { head.push(j); tail.push(i); weight.push(union); }
  }
  return { n, head: Int32Array.from(head), tail: Int32Array.from(tail), weight: Float32Array.from(weight) };
}

/** The a, b of 1 / (1 + a d^(2b)) that fit umap's target curve for minDist and spread (least squares, Gauss-Newton). */
export function fitCurve(minDist: number, spread: number): { a: number; b: number } {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < 300; i++) {
    const x = (3 * spread * (i + 1)) / 300;
    xs.push(x);
    ys.push(x < minDist ? 1 : Math.exp(-(x - minDist) / spread));
  }
  let a = 1.5, b = 0.9;
  for (let it = 0; it < 200; it++) {
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const x2b = Math.pow(xs[i], 2 * b);
      const f = 1 / (1 + a * x2b);
      const r = f - ys[i];
      const dfa = -x2b * f * f;
      const dfb = -a * x2b * 2 * Math.log(xs[i]) * f * f;
      jaa += dfa * dfa; jab += dfa * dfb; jbb += dfb * dfb; ga += dfa * r; gb += dfb * r;
    }
    const det = jaa * jbb - jab * jab;
    if (!(Math.abs(det) > 1e-300)) break;
    const da = (jbb * ga - jab * gb) / det, db = (jaa * gb - jab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) break;
  }
  return { a, b };
}

export function umapProject(knn: KnnResult, options: UmapOptions = {}): UmapResult {
  const n = knn.n;
  const neighbours = Math.min(options.neighbours ?? 15, knn.k + 1);
  if (neighbours < 2 || n < 3) throw new RangeError(`UMAP needs at least 3 senders and one neighbour each (n = ${n}, k = ${knn.k})`);
  const epochs = options.epochs ?? (n > 10_000 ? 200 : 500);
  const negRate = options.negativeSampleRate ?? 5;
  const { a, b } = fitCurve(options.minDist ?? 0.1, options.spread ?? 1);
  const random = seededRandom(options.seed ?? 15);
  const graph = fuzzySimplicialSet(knn, neighbours);

  // Edges too weak to be sampled once in all epochs are dropped, as umap-learn does.
  let maxW = 0;
  for (const w of graph.weight) if (w > maxW) maxW = w;
  const keep: number[] = [];
  for (let e = 0; e < graph.weight.length; e++) if (graph.weight[e] >= maxW / epochs) keep.push(e);
  const E = keep.length;
  const head = Int32Array.from(keep, (e) => graph.head[e]);
  const tail = Int32Array.from(keep, (e) => graph.tail[e]);
  const perSample = Float64Array.from(keep, (e) => maxW / graph.weight[e]);
  const perNegative = perSample.map((p) => p / negRate);
  const nextSample = perSample.slice();
  const nextNegative = perNegative.slice();

  const y = new Float32Array(n * 2);
  if (options.init) {
    if (options.init.length !== n * 2) throw new RangeError(`UMAP init has ${options.init.length} values, expected ${n * 2}`);
    // Scale the start into umap's [-10, 10] box.
    let maxAbs = 0;
    for (const v of options.init) maxAbs = Math.max(maxAbs, Math.abs(v));
    const s = maxAbs > 0 ? 10 / maxAbs : 1;
    for (let i = 0; i < n * 2; i++) y[i] = options.init[i] * s;
  } else for (let i = 0; i < n * 2; i++) y[i] = random() * 20 - 10;

  const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);
  let done = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = 1 - epoch / epochs;
    for (let e = 0; e < E; e++) {
      if (nextSample[e] > epoch) continue;
      const i = head[e] * 2, j = tail[e] * 2;
      let dx = y[i] - y[j], dy = y[i + 1] - y[j + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const p = Math.pow(d2, b); // d2^(b-1) = p / d2: one pow, not two
        const coeff = (-2 * a * b * (p / d2)) / (a * p + 1);
        const gx = clip(coeff * dx) * alpha, gy = clip(coeff * dy) * alpha;
        y[i] += gx; y[i + 1] += gy;
        y[j] -= gx; y[j + 1] -= gy;
      }
      nextSample[e] += perSample[e];
      const negatives = Math.floor((epoch - nextNegative[e]) / perNegative[e]);
      for (let s = 0; s < negatives; s++) {
        const k = Math.floor(random() * n) * 2;
        if (k === i) continue;
        dx = y[i] - y[k]; dy = y[i + 1] - y[k + 1];
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          const coeff = (2 * b) / ((0.001 + d2) * (a * Math.pow(d2, b) + 1));
          y[i] += clip(coeff * dx) * alpha;
          y[i + 1] += clip(coeff * dy) * alpha;
        } else {
          y[i] += 4 * alpha;
          y[i + 1] += 4 * alpha;
        }
      }
      nextNegative[e] += negatives * perNegative[e];
    }
    done = epoch + 1;
    if (options.onProgress?.(done, epochs) === false) break;
  }
  return { points: y, epochs: done };
}
