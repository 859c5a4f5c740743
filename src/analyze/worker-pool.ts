// A pool of workers that each run a range of a row job's rows over one
// shared WebAssembly.Memory (the kernels never allocate, so instances in
// several workers can work on disjoint rows of the same regions). The pool
// talks to workers through RowWorkerPort, so the same code drives Node
// worker_threads and browser Web Workers.
import type { KernelSession } from './kernel-session';
import { type ProgressFn, type RowExecutor, splitRows } from './executor';
import { MAX_SLOTS, rowAlignment, rowJobUnits, type RowJob } from './row-jobs';
import type { RowJobReply, RowJobRequest } from './row-job-handler';

export interface RowWorkerPort {
  postMessage(message: RowJobRequest): void;
  onMessage(handler: (reply: RowJobReply) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void | Promise<unknown>;
}

export interface RowWorkerPool extends RowExecutor {
  readonly size: number;
  close(): Promise<void>;
}

export function createRowWorkerPool(spawn: () => RowWorkerPort, size: number): RowWorkerPool {
  if (!(size >= 1 && size <= MAX_SLOTS)) throw new RangeError(`worker pool size must be 1..${MAX_SLOTS}, got ${size}`);
  const ports: RowWorkerPort[] = [];
  const pending = new Map<number, { resolve(): void; reject(e: Error): void; onUnits(units: number): void }>();
  let nextId = 1;
  const portAt = (i: number): RowWorkerPort => {
    if (!ports[i]) {
      const port = spawn();
      port.onMessage((reply) => {
        const task = pending.get(reply.id);
        if (!task) return;
        if (reply.type === 'progress') task.onUnits(reply.units);
        else {
          pending.delete(reply.id);
          if (reply.type === 'done') task.resolve();
          else task.reject(new Error(`analysis worker failed: ${reply.message}`));
        }
      });
      port.onError((error) => {
        for (const task of pending.values()) task.reject(error);
        pending.clear();
      });
      ports[i] = port;
    }
    return ports[i];
  };
  return {
    size,
    needsSharedMemory: true,
    async run(session: KernelSession, job: RowJob, rows: number, onProgress?: ProgressFn) {
      if (!session.shared) throw new Error('a worker pool needs a kernel session over shared memory');
      const total = rowJobUnits(job, 0, rows);
      let done = 0;
      const ranges = splitRows(rows, size, rowAlignment(job));
      await Promise.all(ranges.map(([start, end], slot) => new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, onUnits: (units) => onProgress?.((done += units), total) });
        portAt(slot).postMessage({ id, memory: session.memory, job, start, end, slot });
      })));
    },
    async close() {
      await Promise.all(ports.filter(Boolean).map((p) => p.terminate()));
      ports.length = 0;
    },
  };
}
