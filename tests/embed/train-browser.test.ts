// The trainer in Chromium, served by Vite's dev server from this repository:
// module workers over one shared memory when the page is cross-origin isolated,
// one worker and a reason the UI can show when it is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser, repoRoot } from '../e2e/harness';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

let browser: Browser;
const servers: ViteDevServer[] = [];

async function serve(isolated: boolean): Promise<string> {
  const server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', headers: isolated ? isolation : {}, hmr: false },
    worker: { format: 'es' },
    optimizeDeps: { noDiscovery: true, include: ['comlink'] },
  });
  await server.listen();
  servers.push(server);
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}/tests/embed/fixtures/train-page.html`;
}

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

interface PageResult {
  stats: { threads: number; reason?: string; tokens: number };
  reports: number;
  separation: { minWithin: number; maxCross: number };
  parallelism: { shared: boolean; reason?: string };
}

describe('trainSkipGram in the browser', () => {
  it('trains with two module workers over shared memory on a cross-origin isolated page, and cancels', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(await serve(true));
    await page.waitForFunction(() => 'train' in globalThis, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const r = (await page.evaluate('train(2)')) as PageResult;
    expect(r.stats.threads).toBe(2);
    expect(r.stats.tokens).toBe(40_000);
    expect(r.parallelism.shared).toBe(true);
    expect(r.separation.minWithin).toBeGreaterThan(r.separation.maxCross);
    expect(await page.evaluate('cancel()')).toBe('AbortError');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('falls back to one worker with a reason when the page is not isolated', async () => {
    const page = await browser.newPage();
    await page.goto(await serve(false));
    await page.waitForFunction(() => 'train' in globalThis, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    const r = (await page.evaluate('train(2)')) as PageResult;
    expect(r.stats.threads).toBe(1);
    expect(r.stats.reason).toMatch(/not cross-origin isolated.*COOP\/COEP.*service worker/);
    expect(r.parallelism).toMatchObject({ shared: false });
    expect(r.separation.minWithin).toBeGreaterThan(r.separation.maxCross);
    await page.close();
  }, 60_000);
});
