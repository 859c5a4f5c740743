// Starts a training worker and wraps it with Comlink: the one place the main
// side touches Comlink. The browser gets a Vite-bundled module worker; Node runs
// the same worker file under worker_threads with Comlink's node adapter.
import * as Comlink from 'comlink';
import type { TrainWorkerApi } from './train.worker';

export interface TrainWorkerHandle {
  api: Comlink.Remote<TrainWorkerApi>;
  /** Rejects if the worker dies (an uncaught error, out of memory). */
  failed: Promise<never>;
  /** Resolves once the worker is gone. */
  terminate(): Promise<void>;
}

let live = 0;

/** Training workers started and not yet exited: lets tests see that nothing leaks. */
export function liveTrainWorkers(): number {
  return live;
}

// Not a literal inside new URL(): Vite would copy the .ts file as an asset.
const WORKER_FILE = './train.worker.ts';

export async function spawnTrainWorker(): Promise<TrainWorkerHandle> {
  if (typeof Worker !== 'undefined') {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    live++;
    let ended = false;
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(`training worker failed: ${e.message}`)));
    });
    failed.catch(() => {});
    const terminate = async () => {
      if (ended) return;
      ended = true;
      live--;
      worker.terminate();
    };
    return { api: Comlink.wrap<TrainWorkerApi>(worker), failed, terminate };
  }
  const spawnerName = ['..', 'workers', 'node-worker.ts'].join('/');
  const { spawnNodeWorker } = (await import(/* @vite-ignore */ new URL(spawnerName, import.meta.url).href)) as typeof import('../workers/node-worker');
  const { default: nodeEndpoint } = await import('comlink/dist/esm/node-adapter.mjs');
  const worker = spawnNodeWorker(new URL(WORKER_FILE, import.meta.url));
  live++;
  let terminated = false;
  const failed = new Promise<never>((_, reject) => {
    worker.on('error', (e) => reject(new Error(`training worker failed: ${e.message}`)));
    worker.on('exit', (code) => {
      live--;
      if (!terminated) reject(new Error(`training worker exited (code ${code})`));
    });
  });
  failed.catch(() => {});
  return {
    api: Comlink.wrap<TrainWorkerApi>(nodeEndpoint(worker)),
    failed,
    terminate: async () => {
      terminated = true;
      await worker.terminate();
    },
  };
}

/** A callback the worker can call across the boundary. */
export function workerCallback<T extends (...args: never[]) => void>(fn: T): T {
  return Comlink.proxy(fn);
}
