import { expect, it } from 'vitest';
import { relaxedSimdSupported } from '../../src/kernels/kernel-module';
import { enableRelaxedSimd } from '../../src/kernels/node-relaxed-simd';

it('turns relaxed SIMD on in Node, for this thread and the workers it starts', async () => {
  expect(await enableRelaxedSimd()).toBe(true);
  expect(relaxedSimdSupported()).toBe(true);
  const { Worker } = await import('node:worker_threads');
  const probe = `const { parentPort } = require('node:worker_threads');
    parentPort.postMessage(WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,8,1,96,3,123,123,123,1,123,3,2,1,0,10,13,1,11,0,32,0,32,1,32,2,253,133,2,11])));`;
  const worker = new Worker(probe, { eval: true });
  const inWorker = await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  expect(inWorker).toBe(true);
});
