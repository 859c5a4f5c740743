// Browser entry of a kernel worker (spawn.ts starts it as a module worker).
import { createKernelHandler, type KernelRequest } from './worker-handler';

const scope = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<KernelRequest>) => void) | null };
const handle = createKernelHandler((reply, transfer) => scope.postMessage(reply, transfer ?? []));
scope.onmessage = (event) => void handle(event.data);
