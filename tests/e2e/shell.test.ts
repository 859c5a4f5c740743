// The page shell in the production build: loads under a sub-path, is
// cross-origin isolated, keyboard-usable, and makes no request off its origin.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite, serveSite, launchBrowser, openContext, screenshot, SUB_PATH, type Site } from './harness.ts';

let site: Site;
let plainSite: Site;
let browser: Browser;

beforeAll(async () => {
  const dir = await buildSite();
  site = await serveSite(dir);
  plainSite = await serveSite(dir, false);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await plainSite?.close();
});

describe('page shell', () => {
  it('loads under a sub-path, isolated, with a CSP, tabs usable by keyboard, and nothing off-origin', async () => {
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('[role="tablist"]');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");

    // Keyboard: focus the Data tab, arrow right twice lands on Training.
    await page.focus('#tab-data');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-training', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-training')).toBe(true);
    expect(await page.isVisible('#panel-data')).toBe(false);
    await page.keyboard.press('Home');
    expect(await page.getAttribute('#tab-data', 'aria-selected')).toBe('true');

    // A fetch to another host is refused by the CSP before it leaves the page.
    const blocked = await page.evaluate(() => fetch('http://example.invalid/x').then(() => 'sent', (e) => String(e)));
    expect(blocked).not.toBe('sent');
    await page.waitForTimeout(300);
    await screenshot(page, 'shell');
    expect(recorder.requests.some((u) => u.includes(SUB_PATH))).toBe(true);
    expect(recorder.foreign(site.origin)).toEqual([]);
    await context.close();
  });

  it('on a host without COOP/COEP headers, the service worker makes the page cross-origin isolated', async () => {
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${plainSite.origin}${SUB_PATH}`);
    await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 20_000 });
    await page.waitForSelector('#isolation');
    expect(await page.textContent('#isolation')).toContain('cross-origin isolated');
    expect(recorder.foreign(plainSite.origin)).toEqual([]);
    await context.close();
  });
});
