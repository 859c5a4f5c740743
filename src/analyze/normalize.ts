// Unit-length rows padded to a multiple of 4 floats (pads zero), the layout
// every analysis kernel reads. A zero row stays zero, as scikit-learn's
// normalize() leaves it: cosine similarity 0 (distance 1) to everything.

/** Floats per padded row. */
export function paddedStride(dim: number): number {
  return (dim + 3) & ~3;
}

/**
 * Writes the L2-normalised rows of `vectors` (n x dim, row-major) into `out`
 * (at least rows x stride floats; rows >= n, the padding rows, are zeroed).
 */
export function normalizeRowsInto(vectors: Float32Array, n: number, dim: number, out: Float32Array, stride = paddedStride(dim)): void {
  if (vectors.length < n * dim) throw new RangeError(`vectors holds ${vectors.length} floats, expected ${n} x ${dim}`);
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    const from = i * dim;
    for (let d = 0; d < dim; d++) norm += vectors[from + d] * vectors[from + d];
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    const inv = 1 / Math.sqrt(norm);
    const to = i * stride;
    for (let d = 0; d < dim; d++) out[to + d] = vectors[from + d] * inv;
  }
}

/** L2-normalised copy, unpadded (n x dim). */
export function normalizeRows(vectors: Float32Array, n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  normalizeRowsInto(vectors, n, dim, out, dim);
  return out;
}
