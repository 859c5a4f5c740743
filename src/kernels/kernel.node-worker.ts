// Node entry of a kernel worker (CLI, tests, benchmarks), under worker_threads.
import { parentPort } from 'node:worker_threads';
import { createKernelHandler, type KernelRequest } from './worker-handler';

const port = parentPort;
if (!port) throw new Error('kernel.node-worker must run as a worker thread');
const handle = createKernelHandler((reply, transfer) => port.postMessage(reply, (transfer ?? []) as ArrayBuffer[]));
port.on('message', (request: KernelRequest) => void handle(request));
