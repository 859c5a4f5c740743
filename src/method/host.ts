// What differs between the page and the command line, behind one small
// interface: how many cores there are, how kernel workers are started, and
// where a long trace's days are kept while it is processed day by day.
// Inputs are InputFile (src/method/steps.ts) on both: a File or a path.
import type { RowWorkerPool } from '../kernels/pool.ts';
import type { DayStore } from '../corpus/day-split.ts';
import type { InputFile } from './steps.ts';

export interface Host {
  /** Cores training and the analysis may use (threads = 0 means all of them). */
  readonly cores: number;
  /** Workers running the analysis's row kernels over shared memory; undefined = this thread (size 1, or no shared memory here). */
  rowPool(size: number): RowWorkerPool | undefined;
  /** Storage for the days of a day-by-day run, read back as inputs. */
  dayStore(): DayStore & { input(name: string): InputFile; dispose(): void };
}

/** Runs `work` with a row pool of `size`, closed after. */
export async function withRowPool<T>(host: Host, size: number, work: (pool: RowWorkerPool | undefined) => Promise<T>): Promise<T> {
  const pool = size > 1 ? host.rowPool(size) : undefined;
  try {
    return await work(pool);
  } finally {
    await pool?.close();
  }
}
