// A worker pool for the page: module workers running row-job.worker.ts (needs cross-origin isolation).
import { createRowWorkerPool, type RowWorkerPool } from './worker-pool';

export function createBrowserRowPool(size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))): RowWorkerPool {
  return createRowWorkerPool(() => {
    const worker = new Worker(new URL('./row-job.worker.ts', import.meta.url), { type: 'module' });
    return {
      postMessage: (m) => worker.postMessage(m),
      onMessage: (h) => worker.addEventListener('message', (e) => h(e.data)),
      onError: (h) => worker.addEventListener('error', (e) => h(new Error(e.message || 'analysis worker error'))),
      terminate: () => worker.terminate(),
    };
  }, size);
}
