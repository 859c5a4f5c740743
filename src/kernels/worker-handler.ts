// The body of a kernel worker, the same in the page and in Node: row ranges
// of the analysis's jobs (neighbours, silhouettes, k-means) and skip-gram
// training jobs, each over the memory that comes with the message. A small
// message protocol of our own: the pool (pool.ts) is its only other end.
import { attachKernels } from './kernel-session';
import { runRowJob, type RowJob } from './row-jobs';
import { prepareTrainJob, runTrainJob, type PreparedJob, type TrainJob, type TrainOutcome, type TrainReport } from './sgns-job';

export type KernelRequest =
  | { id: number; type: 'rows'; memory: WebAssembly.Memory; job: RowJob; start: number; end: number; slot: number }
  | { id: number; type: 'train-prepare'; job: TrainJob }
  | { id: number; type: 'train-run' };

export type KernelReply =
  | { id: number; type: 'progress'; units: number }
  | { id: number; type: 'report'; report: TrainReport }
  | { id: number; type: 'done'; outcome?: TrainOutcome }
  | { id: number; type: 'error'; message: string };

/** `post(reply, transfer)` sends to the pool; returns the handler of one request. */
export function createKernelHandler(post: (reply: KernelReply, transfer?: Transferable[]) => void): (request: KernelRequest) => Promise<void> {
  let prepared: PreparedJob | undefined;
  return async (request) => {
    const { id } = request;
    try {
      switch (request.type) {
        case 'rows': {
          // Instantiating a compiled module is cheap; a new Memory object arrives with every message.
          const kernels = await attachKernels(request.memory);
          runRowJob(kernels, request.memory, request.job, request.start, request.end, request.slot, (units) => post({ id, type: 'progress', units }));
          post({ id, type: 'done' });
          return;
        }
        case 'train-prepare':
          prepared = await prepareTrainJob(request.job);
          post({ id, type: 'done' });
          return;
        case 'train-run': {
          if (!prepared) throw new Error('train-run before train-prepare');
          const outcome = runTrainJob(prepared, (report) => post({ id, type: 'report', report }));
          prepared = undefined;
          const transfer = outcome.syn0 && outcome.syn1 ? [outcome.syn0.buffer, outcome.syn1.buffer] : [];
          post({ id, type: 'done', outcome }, transfer as Transferable[]);
          return;
        }
      }
    } catch (e) {
      post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}
