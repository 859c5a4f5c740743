// Starts a kernel worker wherever we run: a module worker in the page (and in
// the page's own workers), worker_threads in Node.
import type { KernelPort } from './kernel-port';

/** Whether this context starts browser workers (the page) rather than Node's. */
const browserWorkers = typeof Worker !== 'undefined' && typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';

let nodeSpawner: Promise<() => KernelPort> | undefined;

export async function spawnKernelWorker(): Promise<KernelPort> {
  if (browserWorkers) {
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'darkvec kernel' });
    return {
      postMessage: (m, transfer) => worker.postMessage(m, transfer ?? []),
      onMessage: (h) => worker.addEventListener('message', (e) => h(e.data)),
      onError: (h) => worker.addEventListener('error', (e) => h(new Error(e.message || 'kernel worker error'))),
      terminate: () => worker.terminate(),
    };
  }
  // A computed specifier keeps Node's modules out of the page's bundle; the built CLI ships it as kernel-spawn-node.mjs.
  nodeSpawner ??= import(/* @vite-ignore */ new URL(import.meta.url.endsWith('.ts') ? './spawn-node.ts' : './kernel-spawn-node.mjs', import.meta.url).href)
    .then((m: typeof import('./spawn-node')) => m.spawnNodeKernelWorker);
  return (await nodeSpawner)();
}
