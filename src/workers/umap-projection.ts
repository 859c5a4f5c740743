// UMAP of the sender vectors for the Map, in its own worker so the PCA map is
// usable meanwhile: exact cosine k-NN from our WebAssembly kernel, then the
// analysis step's typed-array UMAP, started from the PCA layout.
import { allKnn } from '../analyze/knn.ts';
import { pcaProject } from '../analyze/pca.ts';
import { umapProject } from '../analyze/umap.ts';
import type { Progress } from './pipeline-types.ts';

const NEIGHBOURS = 15;

export async function projectUmap(vectors: Float32Array, n: number, dim: number, seed: number, onProgress: Progress): Promise<Float32Array> {
  if (n < 3) return new Float32Array(n * 2);
  const knn = await allKnn(vectors, n, dim, Math.min(NEIGHBOURS - 1, n - 1));
  let last = 0;
  const result = umapProject(knn, {
    neighbours: NEIGHBOURS,
    seed,
    init: pcaProject(vectors, n, dim).points,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - last > 200) {
        last = now;
        onProgress(done, total, 'UMAP epochs');
      }
    },
  });
  return result.points;
}
