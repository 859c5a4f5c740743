// The body of an analysis worker: run the range of a row job it is given.
import { attachKernels } from './kernel-session';
import { runRowJob, type RowJob } from './row-jobs';

export interface RowJobRequest {
  id: number;
  memory: WebAssembly.Memory;
  job: RowJob;
  start: number;
  end: number;
  slot: number;
}

export type RowJobReply =
  | { id: number; type: 'progress'; units: number }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };

export function createRowJobHandler(post: (reply: RowJobReply) => void): (request: RowJobRequest) => Promise<void> {
  return async ({ id, memory, job, start, end, slot }) => {
    try {
      // Instantiating a compiled module is cheap; a new Memory object arrives with every message.
      const kernels = await attachKernels(memory);
      runRowJob(kernels, memory, job, start, end, slot, (units) => post({ id, type: 'progress', units }));
      post({ id, type: 'done' });
    } catch (e) {
      post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}
