// The enrichment (mmdb-lib with the browser's Buffer stand-in, the text
// databases) and the Parquet reader in a Chromium module worker, from Blobs,
// with no request beyond the page's own modules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser, repoRoot } from '../e2e/harness';

let browser: Browser;
let server: ViteDevServer;
let origin: string;
const cacheDir = mkdtempSync(join(tmpdir(), 'vite-enrich-'));

beforeAll(async () => {
  server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    // A cache of its own: other browser tests' dev servers pre-bundle other dependencies at the same time.
    cacheDir,
    server: { port: 0, host: '127.0.0.1', hmr: false },
    worker: { format: 'es' },
    // CommonJS packages are pre-bundled, as Vite does for the app.
    optimizeDeps: { noDiscovery: true, include: ['mmdb-lib', 'buffer'] },
  });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

it('enriches senders from a .mmdb and an ip2asn file and reads a Parquet trace in a browser worker', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
  });
  await page.goto(`${origin}/tests/enrich/fixtures/enrich-page.html`);
  await page.waitForFunction(() => 'runInWorker' in globalThis, undefined, { timeout: 30_000 });
  const r = await page.evaluate('runInWorker()');
  expect(r).toEqual({
    hadBuffer: false,
    enriched: ['64500|EXAMPLE-AS|', '64503|EXEMPLE-V6|', '64502|DARKNET|JP', '||'],
    format: 'parquet',
    packets: ['1617148800 192.0.2.1 23 54321', '1617148801 192.0.2.2 22 1', '1617148802 192.0.2.1 23 54321'],
  });
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await page.close();
}, 90_000);
