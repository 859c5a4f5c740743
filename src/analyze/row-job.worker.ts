// Browser entry of an analysis worker: new Worker(new URL('./row-job.worker.ts', import.meta.url), { type: 'module' }).
import { createRowJobHandler, type RowJobRequest } from './row-job-handler';

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<RowJobRequest>) => void) | null };
const handle = createRowJobHandler((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void handle(event.data);
