// How the pool talks to one kernel worker, whatever started it (a Web Worker
// in the page, worker_threads in Node).
import type { KernelReply, KernelRequest } from './worker-handler';

export interface KernelPort {
  postMessage(message: KernelRequest, transfer?: Transferable[]): void;
  onMessage(handler: (reply: KernelReply) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void | Promise<unknown>;
}
