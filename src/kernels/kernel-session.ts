// One kernel instance over one memory for one analysis job. A shared memory
// (threads build) lets worker pools run row ranges of the same regions.
import { createKernelMemory, instantiateKernels, canShareMemory } from './kernel-module';
import { MemoryLayout } from './memory-layout';
import type { AnalysisKernels } from './kernel-types';

export interface KernelSession {
  memory: WebAssembly.Memory;
  kernels: AnalysisKernels;
  layout: MemoryLayout;
  shared: boolean;
}

export async function createKernelSession(shared = false): Promise<KernelSession> {
  const useShared = shared && canShareMemory();
  const memory = createKernelMemory(useShared, 16);
  const kernels = (await instantiateKernels(memory)) as unknown as AnalysisKernels;
  return { memory, kernels, layout: new MemoryLayout(memory, kernels.heapBase()), shared: useShared };
}

/** Kernels over an existing (shared) memory, for a worker running part of a job. */
export async function attachKernels(memory: WebAssembly.Memory): Promise<AnalysisKernels> {
  return (await instantiateKernels(memory)) as unknown as AnalysisKernels;
}
