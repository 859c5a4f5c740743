// Starts a kernel worker under Node's worker_threads. From the built CLI the
// entry is lib/cli/kernel-worker.mjs beside this chunk; from the sources (tests,
// benchmarks) it is kernel.node-worker.ts, booted through a tiny shim that
// registers tsx first (Node 20 workers do not inherit the parent's loader).
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { KernelPort } from './kernel-port';
import type { KernelReply, KernelRequest } from './worker-handler';

let tsxApi: string | undefined;

function tsxApiUrl(): string {
  // require.resolve picks the CommonJS build; the worker imports the ESM one beside it.
  if (!tsxApi) tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return tsxApi;
}

/** A worker for `entry`; a .ts entry boots through tsx. */
export function spawnNodeWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export function spawnNodeKernelWorker(): KernelPort {
  const fromSources = import.meta.url.endsWith('.ts');
  const worker = spawnNodeWorker(new URL(fromSources ? './kernel.node-worker.ts' : './kernel-worker.mjs', import.meta.url));
  return {
    postMessage: (m: KernelRequest, transfer?: Transferable[]) => worker.postMessage(m, (transfer ?? []) as ArrayBuffer[]),
    onMessage: (h: (reply: KernelReply) => void) => void worker.on('message', h),
    onError: (h: (error: Error) => void) => {
      worker.on('error', h);
      worker.on('exit', (code) => {
        if (code !== 0) h(new Error(`kernel worker exited (code ${code})`));
      });
    },
    terminate: () => worker.terminate(),
  };
}
