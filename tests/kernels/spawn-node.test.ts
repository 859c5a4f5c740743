import { expect, it } from 'vitest';
import { spawnNodeWorker } from '../../src/kernels/spawn-node';

it('runs a TypeScript worker entry in Node', async () => {
  const worker = spawnNodeWorker(new URL('./fixtures/echo.worker.ts', import.meta.url));
  const answer = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(21);
  });
  await worker.terminate();
  expect(answer).toBe(42);
});
