// Node entry of an analysis worker (CLI, benchmarks, tests).
import { parentPort } from 'node:worker_threads';
import { createRowJobHandler, type RowJobRequest } from './row-job-handler';

const port = parentPort;
if (!port) throw new Error('row-job.node-worker.ts must run as a worker thread');
const handle = createRowJobHandler((reply) => port.postMessage(reply));
port.on('message', (request: RowJobRequest) => void handle(request));
