// A worker pool for Node (CLI, benchmarks): worker_threads running row-job.node-worker.ts.
import { availableParallelism } from 'node:os';
import { spawnNodeWorker } from '../workers/node-worker';
import { createRowWorkerPool, type RowWorkerPool } from './worker-pool';

export function createNodeRowPool(size = availableParallelism()): RowWorkerPool {
  return createRowWorkerPool(() => {
    const worker = spawnNodeWorker(new URL('./row-job.node-worker.ts', import.meta.url));
    return {
      postMessage: (m) => worker.postMessage(m),
      onMessage: (h) => void worker.on('message', h),
      onError: (h) => void worker.on('error', h),
      terminate: () => worker.terminate(),
    };
  }, size);
}
