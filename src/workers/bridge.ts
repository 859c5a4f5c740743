// The one Comlink wrap(): the page calls typed functions; each call takes an
// AbortSignal. Aborting terminates the worker (running WebAssembly cannot be
// interrupted) and rejects with an AbortError; an idle worker is reclaimed.
import { wrap, proxy, releaseProxy, type Remote } from 'comlink';
import type { PipelineApi } from './pipeline.worker.ts';

export { proxy };

const IDLE_MS = 20_000;

export interface Bridge {
  call<T>(signal: AbortSignal | undefined, job: (api: Remote<PipelineApi>) => Promise<T>): Promise<T>;
  terminate(): void;
}

export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : (e as { name?: string })?.name === 'AbortError';
}

export function createBridge(name: string): Bridge {
  let worker: Worker | null = null;
  let api: Remote<PipelineApi> | null = null;
  let running = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const cancels = new Set<() => void>();

  function terminate(): void {
    if (api) api[releaseProxy]();
    worker?.terminate();
    worker = null;
    api = null;
    for (const cancel of [...cancels]) cancel();
  }

  function start(): Remote<PipelineApi> {
    if (!api) {
      worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module', name });
      api = wrap<PipelineApi>(worker);
    }
    return api;
  }

  return {
    terminate,
    async call<T>(signal: AbortSignal | undefined, job: (api: Remote<PipelineApi>) => Promise<T>): Promise<T> {
      signal?.throwIfAborted();
      clearTimeout(idle);
      const remote = start();
      running++;
      try {
        return await new Promise<T>((resolve, reject) => {
          const cancel = () => reject(abortError());
          cancels.add(cancel);
          const onAbort = () => terminate();
          signal?.addEventListener('abort', onAbort, { once: true });
          job(remote).then(resolve, reject).finally(() => {
            cancels.delete(cancel);
            signal?.removeEventListener('abort', onAbort);
          });
        });
      } finally {
        running--;
        if (running === 0 && worker) idle = setTimeout(terminate, IDLE_MS);
      }
    },
  };
}
