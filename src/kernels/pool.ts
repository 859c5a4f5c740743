// The one pool of kernel workers, for the page and Node alike: the analysis's
// row jobs (each worker a range of rows over one shared WebAssembly.Memory:
// the kernels never allocate, so instances in several workers work on
// disjoint rows of the same regions) and skip-gram training (each worker a
// slice of the tokens, Hogwild over shared memory, or one worker over a
// private copy). Workers are started on first use and talk through
// KernelPort, so the same code drives Web Workers and worker_threads.
// Running WebAssembly cannot be interrupted: terminate() is how work stops.
import type { KernelSession } from './kernel-session';
import { type ProgressFn, type RowExecutor, splitRows } from './executor';
import { MAX_SLOTS, rowAlignment, rowJobUnits, type RowJob } from './row-jobs';
import type { TrainJob, TrainOutcome, TrainReport } from './sgns-job';
import { spawnKernelWorker } from './spawn';
import type { KernelPort } from './kernel-port';
import type { KernelRequest } from './worker-handler';

export type { KernelPort };

export interface KernelPool extends RowExecutor {
  readonly size: number;
  /** One training job per worker (job w on worker w): all prepared, then all run; per-worker reports. */
  train(jobs: TrainJob[], onReport: (worker: number, report: TrainReport) => void, onStart?: () => void): Promise<TrainOutcome[]>;
  /** Stops every worker now (work under way rejects) and frees them; the pool can start new ones. */
  close(): Promise<void>;
}

/** Backwards name for the analysis's use of the pool. */
export type RowWorkerPool = KernelPool;

let live = 0;

/** Kernel workers started and not yet terminated: lets tests see that nothing leaks. */
export function liveKernelWorkers(): number {
  return live;
}

interface Task {
  resolve(outcome?: TrainOutcome): void;
  reject(e: Error): void;
  onUnits?(units: number): void;
  onReport?(report: TrainReport): void;
}

export function createKernelPool(size: number, spawn: () => KernelPort | Promise<KernelPort> = spawnKernelWorker): KernelPool {
  if (!(size >= 1 && size <= MAX_SLOTS)) throw new RangeError(`worker pool size must be 1..${MAX_SLOTS}, got ${size}`);
  const ports: Promise<KernelPort>[] = [];
  const pending = new Map<number, Task>();
  let nextId = 1;

  const portAt = (i: number): Promise<KernelPort> => {
    ports[i] ??= Promise.resolve(spawn()).then((port) => {
      live++;
      port.onMessage((reply) => {
        const task = pending.get(reply.id);
        if (!task) return;
        if (reply.type === 'progress') task.onUnits?.(reply.units);
        else if (reply.type === 'report') task.onReport?.(reply.report);
        else {
          pending.delete(reply.id);
          if (reply.type === 'done') task.resolve(reply.outcome);
          else task.reject(new Error(`kernel worker failed: ${reply.message}`));
        }
      });
      port.onError((error) => {
        for (const task of pending.values()) task.reject(error);
        pending.clear();
      });
      return port;
    });
    return ports[i];
  };

  type Request = KernelRequest extends infer R ? (R extends KernelRequest ? Omit<R, 'id'> : never) : never;
  function send(slot: number, request: Request, task: Omit<Task, 'resolve' | 'reject'> = {}, transfer?: Transferable[]): Promise<TrainOutcome | undefined> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, ...task });
      portAt(slot).then((port) => port.postMessage({ ...request, id } as KernelRequest, transfer), reject);
    });
  }

  return {
    size,
    needsSharedMemory: true,
    async run(session: KernelSession, job: RowJob, rows: number, onProgress?: ProgressFn) {
      if (!session.shared) throw new Error('a worker pool needs a kernel session over shared memory');
      const total = rowJobUnits(job, 0, rows);
      let done = 0;
      const ranges = splitRows(rows, size, rowAlignment(job));
      await Promise.all(ranges.map(([start, end], slot) =>
        send(slot, { type: 'rows', memory: session.memory, job, start, end, slot }, { onUnits: (units) => onProgress?.((done += units), total) })));
    },
    async train(jobs, onReport, onStart) {
      if (jobs.length > size) throw new RangeError(`${jobs.length} training jobs for a pool of ${size}`);
      await Promise.all(jobs.map((job, w) => send(w, { type: 'train-prepare', job }, {}, job.image ? [job.image] : undefined)));
      // Timing starts here: workers started and their memory loaded are not training.
      onStart?.();
      const outcomes = await Promise.all(jobs.map((_, w) => send(w, { type: 'train-run' }, { onReport: (r) => onReport(w, r) })));
      return outcomes as TrainOutcome[];
    },
    async close() {
      const started = ports.splice(0);
      for (const task of pending.values()) task.reject(new DOMException('The operation was cancelled.', 'AbortError'));
      pending.clear();
      await Promise.all(started.map((p) => p.then(async (port) => {
        await port.terminate();
        live--;
      }, () => {})));
    },
  };
}

/** The analysis's row pool (same pool; the name says what the analysis uses it for). */
export function createRowWorkerPool(size: number, spawn?: () => KernelPort | Promise<KernelPort>): KernelPool {
  return createKernelPool(size, spawn);
}
