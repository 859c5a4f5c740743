// Day by day at scale 1 (a scale-1 day is ~3.4 M packets, ~16 k senders):
// seconds per day of the whole step (its corpus, one epoch of training for
// every day after the first, k-NN graph + Louvain, tracking), in Node
// (src/method/daily.ts, as `darkvec analyze --daily` runs it) and in the page
// (Training: "Train day by day", timed from the page's own progress). The
// issue's aim: under 30 s per later day on this 2-core machine.
// Environment: BENCH_DAYS (default 3), BENCH_DAY1_EPOCHS (default 5: day 1
// only sets the model up; later days always train one epoch), BENCH_PAGE=0
// skips the browser.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { nodeHost, pathInput } from '../src/cli/node-host';
import { runDaily } from '../src/method/daily';
import { defaultParams, DAILY_MIN_PACKETS } from '../src/method/params';
import { Simulation, traceCsvChunks } from '../src/simulate/index';
import { buildSite, launchBrowser, openContext, serveSite, SUB_PATH } from '../tests/e2e/harness';

const days = Number(process.env.BENCH_DAYS ?? 3);
const day1Epochs = Number(process.env.BENCH_DAY1_EPOCHS ?? 5);

async function trace(): Promise<string> {
  const dir = join(tmpdir(), 'darkvec-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `days${days}-scale1.csv.gz`);
  if (!existsSync(file)) {
    console.log(`simulating ${days} days at scale 1 (one-off)...`);
    await pipeline(Readable.from(traceCsvChunks(new Simulation({ seed: 1, days, scale: 1 }))), createGzip({ level: 1 }), createWriteStream(file));
  }
  return file;
}

function summary(label: string, seconds: number[]): string {
  const later = seconds.slice(1);
  const median = [...later].sort((a, b) => a - b)[later.length >> 1] ?? NaN;
  return `${label.padEnd(8)} day 1 (${day1Epochs} epochs) ${seconds[0]?.toFixed(1)} s; later days ${later.map((s) => s.toFixed(1)).join(', ')} s (median ${median.toFixed(1)} s, max ${Math.max(...later).toFixed(1)} s)`;
}

async function inNode(file: string): Promise<number[]> {
  const params = { ...defaultParams(nodeHost.cores), minPackets: DAILY_MIN_PACKETS, epochs: day1Epochs };
  const seconds: number[] = [];
  const t0 = performance.now();
  // The split is one pass over the whole trace before the days: not part of a day's cost.
  let splitEnd = t0;
  let last = NaN;
  await runDaily(nodeHost, pathInput(file), params, {
    onProgress: (p) => {
      if (p.step === 'daily' && p.what === 'splitting by day') splitEnd = performance.now();
    },
    onDay: () => {
      const now = performance.now();
      seconds.push((now - (Number.isNaN(last) ? splitEnd : last)) / 1000);
      last = now;
    },
  });
  console.log(`node: splitting the trace by day (one pass) ${((splitEnd - t0) / 1000).toFixed(1)} s`);
  return seconds;
}

async function inPage(file: string): Promise<number[]> {
  const dir = await buildSite();
  const site = await serveSite(dir);
  const browser = await launchBrowser();
  try {
    const { context } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('#ingest-facts', { timeout: 120_000 });
    await page.setInputFiles('#trace-file', file);
    await page.click('#build-corpus');
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'corpus', undefined, { timeout: 3_600_000 });
    await page.click('#tab-parameters');
    await page.fill('#param-epochs', String(day1Epochs));
    await page.fill('#param-min-packets', String(DAILY_MIN_PACKETS));
    // The page times each day by when its progress first names the next date.
    await page.evaluate(() => {
      const marks: { date: string; t: number }[] = [];
      (globalThis as { dayMarks?: typeof marks }).dayMarks = marks;
      new MutationObserver(() => {
        const text = document.querySelector('.status-message')?.textContent ?? document.querySelector('#train-numbers')?.textContent ?? '';
        const m = /(\d{4}-\d{2}-\d{2})/.exec(text);
        if (m && marks.at(-1)?.date !== m[1]) marks.push({ date: m[1], t: performance.now() });
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('#tab-training');
    await page.click('#train-daily');
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'results', undefined, { timeout: 3_600_000 });
    const end = await page.evaluate(() => performance.now());
    const marks = await page.evaluate(() => (globalThis as { dayMarks?: { date: string; t: number }[] }).dayMarks ?? []);
    await context.close();
    // From each day's first mark to the next day's (the last day ends with the analysis shown).
    return marks.map((m, i) => ((marks[i + 1]?.t ?? end) - m.t) / 1000);
  } finally {
    await browser.close();
    await site.close();
  }
}

export async function run(): Promise<void> {
  const file = await trace();
  console.log(`${days} days at scale 1, ${nodeHost.cores} cores; seconds per day: its corpus, training, clustering and tracking`);
  console.log(summary('node', await inNode(file)));
  if (process.env.BENCH_PAGE !== '0') console.log(summary('page', await inPage(file)) + ' (the last day includes the analysis the page shows)');
}
