// Loads the one WebAssembly module that holds every kernel, in the browser and
// in Node alike, so the CLI, the tests and the benchmarks run what the page runs.

/** Exports every kernel file adds to assembly/index.ts; extend as kernels land. */
export interface KernelExports {
  heapBase(): number;
  [name: string]: unknown;
}

const singleUrl = new URL('../../build/kernels.wasm', import.meta.url);
const threadsUrl = new URL('../../build/kernels-threads.wasm', import.meta.url);

/** Must match asconfig.json's maximumMemory: the threads build declares it. */
export const MAX_PAGES = 65536;
export const PAGE_BYTES = 65536;

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Whether this context can share a memory between workers (cross-origin isolated or Node). */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

async function readBytes(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (url.protocol === 'file:') {
    // A variable specifier keeps the browser bundle free of Node built-ins.
    const fsName = 'node:fs/promises';
    const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ fsName);
    try {
      return await fs.readFile(url);
    } catch (e) {
      throw new Error(`WebAssembly kernels not built (${url.pathname}): run "npm run build:wasm"`, { cause: e });
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** The compiled module, shared-memory flavour or not; compiled once per context. */
export function loadKernelModule(threads: boolean): Promise<WebAssembly.Module> {
  const url = threads ? threadsUrl : singleUrl;
  let module = compiled.get(url.href);
  if (!module) {
    module = readBytes(url).then((bytes) => WebAssembly.compile(bytes as BufferSource));
    compiled.set(url.href, module);
  }
  return module;
}

export function createKernelMemory(shared: boolean, initialPages = 16): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: initialPages, maximum: MAX_PAGES, shared });
}

/** Instantiates the kernels over `memory`; a shared memory needs the threads build. */
export async function instantiateKernels(memory: WebAssembly.Memory): Promise<KernelExports> {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = await loadKernelModule(shared);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      memory,
      abort(_msg: number, _file: number, line: number, column: number) {
        throw new Error(`WebAssembly kernel aborted at ${line}:${column}`);
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}
