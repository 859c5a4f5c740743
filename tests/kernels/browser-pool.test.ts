// The page's analysis worker pool in Chromium, served by Vite's dev server:
// module workers started from a module worker (as the app's pipeline worker
// starts them) over one shared memory give exactly the in-thread answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser, repoRoot } from '../e2e/harness';

let browser: Browser;
let server: ViteDevServer;
let url: string;

beforeAll(async () => {
  server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    server: {
      port: 0,
      host: '127.0.0.1',
      hmr: false,
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    },
    worker: { format: 'es' },
    // graphology is CommonJS (it needs the events package): pre-bundled, as Vite does for the app.
    optimizeDeps: { noDiscovery: true, include: ['graphology', 'graphology-communities-louvain'] },
  });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  url = `http://127.0.0.1:${address.port}/tests/kernels/fixtures/row-pool-page.html`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the kernel pool in the browser', () => {
  it('runs k-NN, approximate k-NN and silhouettes in 2 nested module workers, identical to one thread', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => 'compare' in globalThis, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const r = await page.evaluate('compare(2)');
    expect(r).toEqual({ size: 2, needsSharedMemory: true, knn: true, approximate: true, silhouette: true, lastProgress: 1 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
