// End to end in headless Chromium on the production build: file to full
// report, split by stage (ingest = pass 1, corpus = pass 2, train, analyze,
// render), for the bundled sample and a scale-1 simulated day (~3.4 M packets).
// Epochs are kept small so the run stays minutes, not hours: set
// DARKVEC_E2E_EPOCHS (default 5 for the sample, 1 for the scale-1 day).
// Timings come from the page itself (window.darkvecTimings), measured with
// performance.now() around each worker call.
import { mkdtempSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildSite, serveSite, launchBrowser, openContext, SUB_PATH } from '../tests/e2e/harness.ts';
import { Simulation, traceCsvChunks, labelsCsvChunks } from '../src/simulate/index.ts';

interface Timings { ingest?: number; corpus?: number; train?: number; analyze?: number; render?: number }

async function timings(page: Page): Promise<Timings> {
  return page.evaluate(() => ({ ...(globalThis as { darkvecTimings?: Timings }).darkvecTimings }));
}

async function trainAndAnalyse(page: Page, epochs: number): Promise<{ map: number; accuracy: string; clusters: string }> {
  await page.click('#tab-parameters');
  await page.fill('#param-epochs', String(epochs));
  await page.click('#tab-training');
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'results' || !document.querySelector('.status-error')?.hasAttribute('hidden'), undefined, { timeout: 3_600_000 });
  const error = await page.$eval('.status-error', (e) => (e.hasAttribute('hidden') ? '' : e.textContent));
  if (error) throw new Error(`the page reported: ${error}`);
  await page.waitForSelector('#chart-confusion .main-svg', { timeout: 60_000 }).catch(() => {});
  const started = Date.now();
  await page.click('#tab-map');
  await page.waitForSelector('#chart-map canvas', { timeout: 120_000 });
  const map = (Date.now() - started) / 1000;
  const caption = (await page.textContent('#classification-report caption').catch(() => '')) ?? '';
  return { map, accuracy: /accuracy ([0-9.]+)/.exec(caption)?.[1] ?? 'n/a', clusters: (await page.textContent('#clusters-summary'))?.split(' ')[0] ?? '?' };
}

function row(name: string, t: Timings, extra: { map: number; accuracy: string; clusters: string }, wall: number, detail: string): string {
  const f = (x?: number) => (x === undefined ? '   n/a' : x.toFixed(1).padStart(6));
  return `${name.padEnd(22)} ${f(t.ingest)} ${f(t.corpus)} ${f(t.train)} ${f(t.analyze)} ${f((t.render ?? 0) + extra.map)} ${f(wall)}   ${detail}, 7-NN acc ${extra.accuracy}, ${extra.clusters} clusters`;
}

async function simulatedDay(dir: string): Promise<{ trace: string; labels: string; packets: number }> {
  const sim = new Simulation({ seed: 1, days: 1, scale: 1 });
  const trace = join(dir, 'day-scale1.csv.gz');
  let packets = 0;
  await pipeline(Readable.from(traceCsvChunks(sim, (s) => (packets += s.count))), createGzip({ level: 1 }), createWriteStream(trace));
  const labels = join(dir, 'day-scale1-labels.csv');
  writeFileSync(labels, [...labelsCsvChunks(sim)].join(''));
  return { trace, labels, packets };
}

export async function run(): Promise<void> {
  const sampleEpochs = Number(process.env.DARKVEC_E2E_EPOCHS ?? 5);
  const dayEpochs = Number(process.env.DARKVEC_E2E_EPOCHS ?? 1);
  const dir = await buildSite();
  const site = await serveSite(dir);
  const browser = await launchBrowser();
  const scratch = mkdtempSync(join(tmpdir(), 'darkvec-bench-'));
  console.log('headless Chromium, production build, cross-origin isolated; seconds per stage');
  console.log(`${'input'.padEnd(22)} ${'ingest'.padStart(6)} ${'corpus'.padStart(6)} ${'train'.padStart(6)} ${'analyz'.padStart(6)} ${'render'.padStart(6)} ${'total'.padStart(6)}`);
  try {
    {
      const { context } = await openContext(browser);
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${site.origin}${SUB_PATH}`);
      await page.waitForSelector('#ingest-facts', { timeout: 120_000 });
      const extra = await trainAndAnalyse(page, sampleEpochs);
      const wall = (Date.now() - started) / 1000;
      const threads = await page.textContent('#train-threads');
      console.log(row(`sample, ${sampleEpochs} epochs`, await timings(page), extra, wall, `209,254 packets; ${threads?.trim()}`));
      await context.close();
    }
    {
      const t0 = Date.now();
      const day = await simulatedDay(scratch);
      console.log(`(simulated the scale-1 day in Node: ${day.packets.toLocaleString('en-US')} packets, ${(statSync(day.trace).size / 1e6).toFixed(0)} MB gzip, ${((Date.now() - t0) / 1000).toFixed(0)} s; not counted)`);
      const { context } = await openContext(browser);
      const page = await context.newPage();
      await page.goto(`${site.origin}${SUB_PATH}`);
      await page.waitForSelector('#ingest-facts', { timeout: 120_000 });
      await page.setInputFiles('#labels-file', day.labels);
      await page.waitForSelector('#ingest-summary:has-text("day-scale1-labels.csv")', { timeout: 120_000 });
      const started = Date.now();
      await page.setInputFiles('#trace-file', day.trace);
      await page.waitForSelector('#preview-details:has-text("day-scale1.csv.gz")', { timeout: 60_000 });
      await page.click('#build-corpus');
      await page.waitForSelector('#ingest-summary:has-text("Ingest summary: day-scale1.csv.gz")', { timeout: 1_800_000 });
      const extra = await trainAndAnalyse(page, dayEpochs);
      const wall = (Date.now() - started) / 1000;
      const facts = await page.textContent('#ingest-facts');
      const senders = /senders after filter([\d,]+)/.exec(facts ?? '')?.[1];
      const tokens = /sentences \/ tokens[\d,]+ \/ ([\d,]+)/.exec(facts ?? '')?.[1];
      console.log(row(`scale-1 day, ${dayEpochs} epoch${dayEpochs === 1 ? '' : 's'}`, await timings(page), extra, wall, `${day.packets.toLocaleString('en-US')} packets, ${senders} senders, ${tokens} tokens`));
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log('render = result views built + the WebGL map drawn; total = page load (sample) or file chosen (day) to the map drawn.');
}
