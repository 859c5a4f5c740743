// The kernels' exported API, and nothing else. Every kernel works on flat
// regions of the one linear memory whose byte offsets JavaScript passes in;
// none of them allocates, so one module can run in several workers over one
// shared memory.

/** First byte JavaScript may use for its own regions (after static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** Dot product of two padded rows (exported for the kernel tests). */
export { dotRows } from './vec-exports';

/** Skip-gram with negative sampling (word2vec.c semantics) and its helpers. */
export { sgnsConfigure, sgnsTrain, sgnsHotLoad, sgnsHotMerge, sgnsInitRows, sgnsSeed, sgnsScratchBytes, sgnsHotBytes } from './sgns';
export { fillSigmoidTable } from './sigmoid';
/** Blocked cosine top-k (all-k-nearest-neighbours). */
export { knnUpdate, knnReset, packPanels, knnRefine } from './knn';
/** Exact cosine silhouette through per-cluster sums. */
export { silhouetteRows } from './silhouette';
/** k-means assignment and k-means++ seeding steps. */
export { kmeansAssign, kmeansMinDist } from './kmeans';
