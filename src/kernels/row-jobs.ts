// The O(n^2) and O(n k) kernel loops, described as plain data so a pool of
// workers over one shared memory can each run a range of the rows. The same
// function runs them in-thread.
import type { AnalysisKernels } from './kernel-types';

/** Bytes of scratch each worker slot needs; the job's scratch region holds MAX_SLOTS of them. */
export const SCRATCH_BYTES_PER_SLOT = 64;
export const MAX_SLOTS = 64;

export interface KnnRowJob {
  kind: 'knn';
  q: number; stride: number; qIds: number;
  panels: number; dim: number; slotIds: number; panelCount: number;
  k: number; heapSim: number; heapIdx: number; scratch: number;
  /** Candidate panels per tile: 8 x tilePanels candidates stay in cache while every query row streams past. */
  tilePanels: number;
}

/** The approximate mode's list search: each query list against the lists it probes. Rows = lists. */
export interface KnnListsRowJob {
  kind: 'knnLists';
  q: number; stride: number; qIds: number;
  panels: number; dim: number; slotIds: number;
  k: number; heapSim: number; heapIdx: number; scratch: number;
  /** i32 per list + 1: first padded row of each list (a multiple of 8). */
  listStart: number;
  /** i32 lists x probeStride: the lists each list searches, nearest first (its own first). */
  probes: number;
  probeStride: number;
  /** This stage searches columns probeFrom .. probeFrom + probeCount of the table. */
  probeFrom: number;
  probeCount: number;
}

/** One neighbour-of-neighbour round over rows. */
export interface KnnRefineRowJob {
  kind: 'knnRefine';
  x: number; stride: number; ids: number; posOf: number;
  k: number; snapIdx: number; heapSim: number; heapIdx: number;
}

export interface SilhouetteRowJob {
  kind: 'silhouette';
  x: number; stride: number; labels: number; sums: number; counts: number; clusters: number; out: number;
}

export interface KmeansAssignRowJob {
  kind: 'kmeansAssign';
  x: number; stride: number; centroids: number; halfNorms: number; k: number; assign: number; dist: number;
}

export type RowJob = KnnRowJob | KnnListsRowJob | KnnRefineRowJob | SilhouetteRowJob | KmeansAssignRowJob;

/** Rows a worker's range must be a multiple of (the kNN kernel works on blocks of 4 queries). */
export function rowAlignment(job: RowJob): number {
  return job.kind === 'knn' ? 4 : 1;
}

/** Work units of rows [start, end), for progress (knnLists: one per list; the others: one per row). */
export function rowJobUnits(job: RowJob, start: number, end: number): number {
  return job.kind === 'knn' ? (end - start) * job.panelCount : end - start;
}

const CHUNK_ROWS = 2048;

/**
 * Runs rows [start, end) of `job`, in chunks small enough that V8 swaps the
 * baseline WebAssembly code for optimised code early and progress is smooth.
 */
export function runRowJob(
  kernels: AnalysisKernels, memory: WebAssembly.Memory, job: RowJob, start: number, end: number, slot: number,
  onUnits?: (units: number) => void,
): void {
  switch (job.kind) {
    case 'knn': {
      const scratch = job.scratch + slot * SCRATCH_BYTES_PER_SLOT;
      for (let p = 0; p < job.panelCount; p += job.tilePanels) {
        const pEnd = Math.min(job.panelCount, p + job.tilePanels);
        for (let r = start; r < end; r += CHUNK_ROWS) {
          const rEnd = Math.min(end, r + CHUNK_ROWS);
          kernels.knnUpdate(job.q, job.stride, job.qIds, r, rEnd, job.panels, job.dim, job.slotIds, p, pEnd,
            job.k, job.heapSim, job.heapIdx, scratch);
          onUnits?.((rEnd - r) * (pEnd - p));
        }
      }
      return;
    }
    case 'knnLists': {
      const scratch = job.scratch + slot * SCRATCH_BYTES_PER_SLOT;
      const mem = new Int32Array(memory.buffer);
      const startAt = job.listStart >> 2, probesAt = job.probes >> 2;
      for (let list = start; list < end; list++) {
        const q0 = mem[startAt + list], q1 = mem[startAt + list + 1];
        if (q1 > q0) {
          for (let p = 0; p < job.probeCount; p++) {
            const other = mem[probesAt + list * job.probeStride + job.probeFrom + p];
            if (other < 0) continue;
            const c0 = mem[startAt + other], c1 = mem[startAt + other + 1];
            kernels.knnUpdate(job.q, job.stride, job.qIds, q0, q1, job.panels, job.dim, job.slotIds, c0 >> 3, c1 >> 3,
              job.k, job.heapSim, job.heapIdx, scratch);
          }
        }
        onUnits?.(1);
      }
      return;
    }
    case 'knnRefine':
      for (let r = start; r < end; r += CHUNK_ROWS) {
        const rEnd = Math.min(end, r + CHUNK_ROWS);
        kernels.knnRefine(job.x, job.stride, job.ids, job.posOf, r, rEnd, job.k, job.snapIdx, job.heapSim, job.heapIdx);
        onUnits?.(rEnd - r);
      }
      return;
    case 'silhouette':
      for (let r = start; r < end; r += CHUNK_ROWS * 8) {
        const rEnd = Math.min(end, r + CHUNK_ROWS * 8);
        kernels.silhouetteRows(job.x, job.stride, r, rEnd, job.labels, job.sums, job.counts, job.clusters, job.out);
        onUnits?.(rEnd - r);
      }
      return;
    case 'kmeansAssign':
      for (let r = start; r < end; r += CHUNK_ROWS * 8) {
        const rEnd = Math.min(end, r + CHUNK_ROWS * 8);
        kernels.kmeansAssign(job.x, job.stride, r, rEnd, job.centroids, job.halfNorms, job.k, job.assign, job.dist);
        onUnits?.(rEnd - r);
      }
      return;
  }
}
