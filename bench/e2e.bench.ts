// End to end in headless Chromium on the production build: file to full
// report, split by stage (ingest = pass 1, corpus = pass 2, train, analyze,
// render), for the bundled sample and a scale-1 simulated day (~3.4 M packets).
// The scale-1 day trains at the paper's settings, 20 epochs (the target of
// the training issue: file chosen to results in two minutes); the sample at 5.
// DARKVEC_E2E_EPOCHS sets the sample's, DARKVEC_E2E_DAY_EPOCHS the day's.
// Timings come from the page itself (window.darkvecTimings), measured with
// performance.now() around each worker call. Peak memory is the proportional
// set size of Chromium's renderer processes (the tab and its workers), sampled
// from /proc. DARKVEC_E2E_DAYS=N adds a run on N simulated days at scale 1 (19 days
// is the ~63 M packets of the paper's month), to check a month fits in a tab.
import { mkdtempSync, statSync, createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
  await page.waitForSelector('#map-canvas[data-draw-ms]', { timeout: 120_000 });
  const map = (Date.now() - started) / 1000;
  const caption = (await page.textContent('#classification-report caption').catch(() => '')) ?? '';
  return { map, accuracy: /accuracy ([0-9.]+)/.exec(caption)?.[1] ?? 'n/a', clusters: (await page.textContent('#clusters-summary'))?.split(' ')[0] ?? '?' };
}

function row(name: string, t: Timings, extra: { map: number; accuracy: string; clusters: string }, wall: number, peakMB: number, detail: string): string {
  const f = (x?: number) => (x === undefined ? '   n/a' : x.toFixed(1).padStart(6));
  return `${name.padEnd(22)} ${f(t.ingest)} ${f(t.corpus)} ${f(t.train)} ${f(t.analyze)} ${f((t.render ?? 0) + extra.map)} ${f(wall)} ${peakMB.toFixed(0).padStart(7)}   ${detail}, 7-NN acc ${extra.accuracy}, ${extra.clusters} clusters`;
}

/**
 * Memory of every Chromium renderer process now (Linux /proc; 0 elsewhere): the
 * proportional set size, so libraries shared between renderers count once.
 */
function rendererMemoryBytes(): number {
  let total = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const kb = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Samples the renderers' memory twice a second; stop() gives the peak in MB. */
function peakRendererMemory(): { stop(): number } {
  let peak = rendererMemoryBytes();
  const timer = setInterval(() => (peak = Math.max(peak, rendererMemoryBytes())), 500);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rendererMemoryBytes()) / 1e6;
    },
  };
}

async function simulatedDays(dir: string, days: number): Promise<{ trace: string; labels: string; packets: number }> {
  const sim = new Simulation({ seed: 1, days, scale: 1 });
  const name = days === 1 ? 'day-scale1' : `days${days}-scale1`;
  const trace = join(dir, `${name}.csv.gz`);
  let packets = 0;
  await pipeline(Readable.from(traceCsvChunks(sim, (s) => (packets += s.count))), createGzip({ level: 1 }), createWriteStream(trace));
  const labels = join(dir, `${name}-labels.csv`);
  writeFileSync(labels, [...labelsCsvChunks(sim)].join(''));
  return { trace, labels, packets };
}

/** A simulated trace of `days` at scale 1 through the page, from the file chosen to the map drawn. */
async function simulatedRun(browser: Browser, origin: string, scratch: string, days: number, epochs: number): Promise<void> {
  const t0 = Date.now();
  const input = await simulatedDays(scratch, days);
  const base = basename(input.trace);
  const what = days === 1 ? 'the scale-1 day' : `${days} days at scale 1`;
  console.log(`(simulated ${what} in Node: ${input.packets.toLocaleString('en-US')} packets, ${(statSync(input.trace).size / 1e6).toFixed(0)} MB gzip, ${((Date.now() - t0) / 1000).toFixed(0)} s; not counted)`);
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}${SUB_PATH}`);
  await page.waitForSelector('#ingest-facts', { timeout: 120_000 });
  await page.setInputFiles('#labels-file', input.labels);
  await page.waitForSelector(`#ingest-summary:has-text("${basename(input.labels)}")`, { timeout: 120_000 });
  const memory = peakRendererMemory();
  const started = Date.now();
  await page.setInputFiles('#trace-file', input.trace);
  await page.waitForSelector(`#preview-details:has-text("${base}")`, { timeout: 60_000 });
  await page.click('#build-corpus');
  await page.waitForSelector(`#ingest-summary:has-text("Ingest summary: ${base}")`, { timeout: 3_600_000 });
  const extra = await trainAndAnalyse(page, epochs);
  const wall = (Date.now() - started) / 1000;
  const peak = memory.stop();
  const facts = await page.textContent('#ingest-facts');
  const senders = /senders after filter([\d,]+)/.exec(facts ?? '')?.[1];
  const tokens = /sentences \/ tokens[\d,]+ \/ ([\d,]+)/.exec(facts ?? '')?.[1];
  const label = days === 1 ? 'scale-1 day' : `${days} days, scale 1`;
  console.log(row(`${label}, ${epochs} epoch${epochs === 1 ? '' : 's'}`, await timings(page), extra, wall, peak, `${input.packets.toLocaleString('en-US')} packets, ${senders} senders, ${tokens} tokens`));
  await context.close();
}

export async function run(): Promise<void> {
  const sampleEpochs = Number(process.env.DARKVEC_E2E_EPOCHS ?? 5);
  const dayEpochs = Number(process.env.DARKVEC_E2E_DAY_EPOCHS ?? 20);
  const longDays = Number(process.env.DARKVEC_E2E_DAYS ?? 0);
  const dir = await buildSite();
  const site = await serveSite(dir);
  const browser = await launchBrowser();
  const scratch = mkdtempSync(join(tmpdir(), 'darkvec-bench-'));
  console.log('headless Chromium, production build, cross-origin isolated; seconds per stage, peak MB of the renderers (PSS)');
  console.log(`${'input'.padEnd(22)} ${'ingest'.padStart(6)} ${'corpus'.padStart(6)} ${'train'.padStart(6)} ${'analyz'.padStart(6)} ${'render'.padStart(6)} ${'total'.padStart(6)} ${'peak MB'.padStart(7)}`);
  try {
    {
      const { context } = await openContext(browser);
      const page = await context.newPage();
      const memory = peakRendererMemory();
      const started = Date.now();
      await page.goto(`${site.origin}${SUB_PATH}`);
      await page.waitForSelector('#ingest-facts', { timeout: 120_000 });
      const extra = await trainAndAnalyse(page, sampleEpochs);
      const wall = (Date.now() - started) / 1000;
      const threads = await page.textContent('#train-threads');
      console.log(row(`sample, ${sampleEpochs} epochs`, await timings(page), extra, wall, memory.stop(), `209,254 packets; ${threads?.trim()}`));
      await context.close();
    }
    await simulatedRun(browser, site.origin, scratch, 1, dayEpochs);
    if (longDays > 1) await simulatedRun(browser, site.origin, scratch, longDays, 1);
  } finally {
    await browser.close();
    await site.close();
  }
  console.log('render = result views built + the WebGL map drawn; total = page load (sample) or file chosen (simulated) to the map drawn.');
}
