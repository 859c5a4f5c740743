import { it } from 'vitest';
import { buildSite, serveSite, launchBrowser, openContext, SUB_PATH, screenshot } from './harness.ts';
it('debug', async () => {
  const dir = await buildSite();
  const site = await serveSite(dir);
  const b = await launchBrowser();
  const { context, recorder } = await openContext(b);
  const page = await context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  await page.goto(`${site.origin}${SUB_PATH}`);
  await page.waitForSelector('#ingest-facts', { timeout: 60000 }).catch(() => {});
  await page.waitForTimeout(1500);
  console.log(await page.evaluate(() => document.querySelector('#status')!.textContent));
  await screenshot(page, 'debug-data');
  console.log(recorder.errors, recorder.foreign(site.origin));
  await b.close(); await site.close();
}, 120000);
