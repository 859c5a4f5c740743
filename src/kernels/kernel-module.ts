// Loads the one WebAssembly module that holds every kernel, in the browser and
// in Node alike, so the CLI, the tests and the benchmarks run what the page runs.
// It comes in two builds of the same source: plain SIMD, and relaxed SIMD, where
// the training kernel uses fused multiply-adds. Relaxed SIMD is missing in Safari
// and, without --experimental-wasm-relaxed-simd, in Node 20; a module using it does
// not even compile there, so the caller asks for a build and relaxedSimdSupported()
// says whether it may ask for the relaxed one.

/** Exports every kernel file adds to assembly/index.ts; extend as kernels land. */
export interface KernelExports {
  heapBase(): number;
  [name: string]: unknown;
}

/** plain: WebAssembly SIMD, everywhere; relaxed: with relaxed SIMD's fused multiply-add, where supported. */
export type KernelBuild = 'plain' | 'relaxed';

// Literal URLs, so the bundler finds and copies every build.
const urls = {
  plain: { single: new URL('../../build/kernels.wasm', import.meta.url), threads: new URL('../../build/kernels-threads.wasm', import.meta.url) },
  relaxed: {
    single: new URL('../../build/kernels-relaxed.wasm', import.meta.url),
    threads: new URL('../../build/kernels-threads-relaxed.wasm', import.meta.url),
  },
};

// (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

/** Whether this engine compiles relaxed SIMD (checked on a one-instruction module each call: cheap, and a flag may change it). */
export function relaxedSimdSupported(): boolean {
  try {
    return WebAssembly.validate(RELAXED_PROBE);
  } catch {
    return false;
  }
}

/** The fastest build this engine runs. */
export function bestKernelBuild(): KernelBuild {
  return relaxedSimdSupported() ? 'relaxed' : 'plain';
}

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
export function loadKernelModule(threads: boolean, build: KernelBuild = 'plain'): Promise<WebAssembly.Module> {
  if (build === 'relaxed' && !relaxedSimdSupported()) {
    return Promise.reject(new Error('this engine does not support relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd): use the plain build'));
  }
  const url = urls[build][threads ? 'threads' : 'single'];
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
export async function instantiateKernels(memory: WebAssembly.Memory, build: KernelBuild = 'plain'): Promise<KernelExports> {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = await loadKernelModule(shared, build);
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
