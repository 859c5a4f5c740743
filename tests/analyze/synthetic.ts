// Clustered synthetic vectors for tests and benchmarks: `clusters` random unit
// centres, every vector a centre plus Gaussian noise of `spread` per dimension.
import { seededRandom } from '../../src/analyze/random';

export interface SyntheticVectors {
  vectors: Float32Array;
  truth: Int32Array;
  n: number;
  dim: number;
}

export function clusteredVectors(n: number, dim: number, clusters: number, seed: number, spread = 0.15): SyntheticVectors {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = new Float64Array(clusters * dim);
  for (let c = 0; c < clusters; c++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (centres[c * dim + d] = gauss()) ** 2;
    for (let d = 0; d < dim; d++) centres[c * dim + d] /= Math.sqrt(norm);
  }
  const vectors = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Uneven cluster sizes, like darknet groups: cluster c drawn with weight 1/(c+1).
    let c = Math.floor(clusters * random() ** 2);
    if (c >= clusters) c = clusters - 1;
    truth[i] = c;
    for (let d = 0; d < dim; d++) vectors[i * dim + d] = centres[c * dim + d] + spread * gauss();
  }
  return { vectors, truth, n, dim };
}
