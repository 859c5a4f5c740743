// One training worker: receives its job (prepare), then trains the chunks it
// claims for every epoch (run: src/embed/train-job.ts), reporting progress
// between chunks. Several of these share one memory (Hogwild); cancellation
// terminates the worker, since running WebAssembly cannot be interrupted.
import * as Comlink from 'comlink';
import { createKernelMemory, instantiateKernels, PAGE_BYTES, type KernelBuild } from '../wasm/kernel-module';
import type { SgnsKernels } from './training-memory';
import { trainJob, type TrainJob, type TrainOutcome, type TrainReport } from './train-job';

export interface WorkerJob extends TrainJob {
  /** The shared memory (threads build), or a copy of bytes 0..used to load (single build). */
  memory?: WebAssembly.Memory;
  image?: ArrayBuffer;
  /** Which build of the kernels to run: every worker of a job runs the same one. */
  build: KernelBuild;
  rows: number;
  stride: number;
}

export type WorkerReport = TrainReport;

export interface WorkerResult extends TrainOutcome {
  /** Padded matrices, only when the memory was a private copy. */
  syn0?: Float32Array;
  syn1?: Float32Array;
}

let job: WorkerJob | undefined;
let memory: WebAssembly.Memory | undefined;
let kernels: SgnsKernels | undefined;

const api = {
  async prepare(next: WorkerJob): Promise<void> {
    job = next;
    if (next.memory) {
      memory = next.memory;
    } else if (next.image) {
      memory = createKernelMemory(false, Math.ceil(next.image.byteLength / PAGE_BYTES));
      new Uint8Array(memory.buffer).set(new Uint8Array(next.image));
      next.image = undefined;
    } else {
      throw new Error('training job without memory');
    }
    kernels = (await instantiateKernels(memory, next.build)) as SgnsKernels;
  },

  run(report: (r: WorkerReport) => void): WorkerResult {
    if (!job || !memory || !kernels) throw new Error('run() before prepare()');
    const result: WorkerResult = trainJob(kernels, memory, job, report);
    if (!job.memory) {
      const r = job.regions;
      const matrix = job.rows * job.stride;
      result.syn0 = new Float32Array(memory.buffer, r.syn0, matrix).slice();
      result.syn1 = new Float32Array(memory.buffer, r.syn1, matrix).slice();
      return Comlink.transfer(result, [result.syn0.buffer, result.syn1.buffer]);
    }
    return result;
  },
};

export type TrainWorkerApi = typeof api;

async function endpoint(): Promise<Comlink.Endpoint> {
  if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') {
    return globalThis as unknown as Comlink.Endpoint;
  }
  // Node's worker_threads: a variable specifier keeps the browser bundle free of Node built-ins.
  const threadsName = 'node:worker_threads';
  const { parentPort } = (await import(/* @vite-ignore */ threadsName)) as typeof import('node:worker_threads');
  const { default: nodeEndpoint } = await import('comlink/dist/esm/node-adapter.mjs');
  return nodeEndpoint(parentPort!);
}

void endpoint().then((ep) => Comlink.expose(api, ep));
