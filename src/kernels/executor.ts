// Who runs a row job: this thread, or a pool of workers sharing the memory.
import type { KernelSession } from './kernel-session';
import { type RowJob, runRowJob, rowJobUnits } from './row-jobs';

/** done and total are in the job's work units; total is fixed for one run. */
export type ProgressFn = (done: number, total: number) => void;

export interface RowExecutor {
  /** Whether the job's memory must be shared (a worker pool) or may be private. */
  readonly needsSharedMemory: boolean;
  run(session: KernelSession, job: RowJob, rows: number, onProgress?: ProgressFn): Promise<void>;
}

/** Runs every row in the calling thread (a worker of the app, the CLI, the tests). */
export const inThreadExecutor: RowExecutor = {
  needsSharedMemory: false,
  async run(session, job, rows, onProgress) {
    const total = rowJobUnits(job, 0, rows);
    let done = 0;
    runRowJob(session.kernels, session.memory, job, 0, rows, 0, onProgress && ((units) => onProgress((done += units), total)));
  },
};

/** Splits [0, rows) into `parts` ranges whose starts are multiples of `align`. */
export function splitRows(rows: number, parts: number, align: number): Array<[number, number]> {
  const blocks = Math.ceil(rows / align);
  const ranges: Array<[number, number]> = [];
  for (let p = 0; p < parts; p++) {
    const start = Math.min(rows, Math.round((blocks * p) / parts) * align);
    const end = Math.min(rows, Math.round((blocks * (p + 1)) / parts) * align);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}
