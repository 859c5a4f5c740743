// The method's host in the page's worker: nested module workers for the
// kernels (shared memory needs cross-origin isolation), Blobs for the days of
// a day-by-day run.
import { createKernelPool } from '../kernels/pool.ts';
import type { Host } from '../method/host.ts';
import { blobInput } from './app-api.ts';

export const browserHost: Host = {
  cores: Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 16)),
  // The pool's workers share this worker's WebAssembly memory: isolation only.
  rowPool: (size) => (globalThis.crossOriginIsolated ? createKernelPool(size) : undefined),
  dayStore() {
    const parts = new Map<string, BlobPart[]>();
    const blobs = new Map<string, Blob>();
    return {
      create(day) {
        const name = `day-${day}.csv`;
        parts.set(name, []);
        return name;
      },
      append: (name, text) => void parts.get(name)!.push(text),
      close(name) {
        blobs.set(name, new Blob(parts.get(name)!, { type: 'text/csv' }));
        parts.delete(name);
      },
      input: (name) => blobInput({ blob: blobs.get(name)!, name }),
      dispose() {
        parts.clear();
        blobs.clear();
      },
    };
  },
};
