// The analysis kernels' signatures (assembly/knn.ts, silhouette.ts, kmeans.ts).
// Every pointer is a byte offset into the kernel memory.

export interface AnalysisKernels {
  heapBase(): number;
  knnUpdate(
    q: number, stride: number, qIds: number, qStart: number, qEnd: number,
    panels: number, dim: number, slotIds: number, pStart: number, pEnd: number,
    k: number, heapSim: number, heapIdx: number, scratch: number,
  ): void;
  knnReset(heapSim: number, heapIdx: number, start: number, end: number, k: number): void;
  knnRefine(
    x: number, stride: number, ids: number, posOf: number, start: number, end: number,
    k: number, snapIdx: number, heapSim: number, heapIdx: number,
  ): void;
  packPanels(x: number, stride: number, dim: number, start: number, end: number, panels: number): void;
  silhouetteRows(
    x: number, stride: number, start: number, end: number, labels: number,
    sums: number, counts: number, clusters: number, out: number,
  ): void;
  kmeansAssign(
    x: number, stride: number, start: number, end: number,
    centroids: number, halfNorms: number, k: number, assign: number, dist: number,
  ): void;
  kmeansMinDist(x: number, stride: number, start: number, end: number, centre: number, minDist: number): void;
}
