// `npm run bench -- map`: the map at 50 k and 200 k senders (a month of a /24
// darknet) in headless Chromium (software rendering: --disable-gpu), no
// sampling: the page's map panel over synthetic results (bench/map-page.ts).
// Measured in the page: the first draw, pan (mouse drags) and zoom (wheel)
// frame rates and the time one frame's drawing takes, the time from a search
// submitted to its hits listed and highlighted, from a click to the point
// selected, from a box over the whole map to every sender selected, and a
// recolouring. MAP_BENCH_SENDERS=50000,200000 sets the sizes; each is run
// twice, because the 2-core machine is shared.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/harness.ts';
import { bundlePage } from './bundle-page.ts';

const buildBundle = () => bundlePage(new URL('./map-page.ts', import.meta.url), 'MapBench');

interface MapHook {
  draws(): number;
  lastDrawMs(): number;
  screenOf(ip: string): [number, number] | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Milliseconds from an action in the page until `done` holds (checked on every DOM change and frame). */
async function timeInPage(page: Page, action: string, done: string): Promise<number> {
  // A string, not a function: tsx names inner functions with a helper the page does not have.
  return page.evaluate(`(async () => {
    const t0 = performance.now();
    (() => { ${action} })();
    return await new Promise((resolve) => {
      const tick = () => ((${done}) ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
      tick();
    });
  })()`) as Promise<number>;
}

async function drawStats(page: Page): Promise<{ draws: number; ms: number }> {
  return page.evaluate(() => {
    const m = (globalThis as unknown as { darkvecMap: MapHook }).darkvecMap;
    return { draws: m.draws(), ms: m.lastDrawMs() };
  });
}

/** Frames drawn per second while `gesture` runs, and the median drawing time of a frame. */
async function frameRate(page: Page, gesture: (sample: () => Promise<void>) => Promise<void>): Promise<{ fps: number; drawMs: number }> {
  const before = await drawStats(page);
  const samples: number[] = [];
  const t0 = Date.now();
  await gesture(async () => {
    samples.push((await drawStats(page)).ms);
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const seconds = (Date.now() - t0) / 1000;
  const after = await drawStats(page);
  return { fps: (after.draws - before.draws) / seconds, drawMs: median(samples) };
}

async function run1(bundle: string, css: string, n: number): Promise<string> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.setContent('<div id="app"></div>');
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: bundle });
    const firstDraw = await timeInPage(page, `window.MapBench.start(document.getElementById('app'), ${n})`, 'window.darkvecMap && window.darkvecMap.draws() > 0');
    const box = (await page.$eval('#map-canvas', (c) => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }))!;
    const [left, top, width, height] = box;
    const cx = left + width / 2, cy = top + height / 2;
    const pan = await frameRate(page, async (sample) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 60; i++) {
        await page.mouse.move(cx + 200 * Math.sin(i / 6), cy + 120 * Math.cos(i / 6));
        if (i % 6 === 0) await sample();
      }
      await page.mouse.up();
    });
    const zoom = await frameRate(page, async (sample) => {
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 40; i++) {
        await page.mouse.wheel(0, i < 20 ? -120 : 120);
        if (i % 4 === 0) await sample();
      }
    });
    // Pan and zoom driven from inside the page, one event per frame: what the renderer sustains without the CDP round trip per mouse event.
    const sustained = (kind: 'pan' | 'zoom') => page.evaluate(`(async () => {
      const c = document.getElementById('map-canvas');
      const r = c.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const map = window.darkvecMap;
      const opts = (i) => ({ clientX: x + 150 * Math.sin(i / 8), clientY: y + 90 * Math.cos(i / 8), pointerId: 9, button: 0, buttons: 1, isPrimary: true, bubbles: true });
      if ('${kind}' === 'pan') c.dispatchEvent(new PointerEvent('pointerdown', opts(0)));
      const d0 = map.draws(), t0 = performance.now();
      const ms = [];
      for (let i = 1; i <= 120; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if ('${kind}' === 'pan') c.dispatchEvent(new PointerEvent('pointermove', opts(i)));
        else c.dispatchEvent(new WheelEvent('wheel', { clientX: x, clientY: y, deltaY: i % 40 < 20 ? -60 : 60, bubbles: true, cancelable: true }));
        ms.push(map.lastDrawMs());
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if ('${kind}' === 'pan') c.dispatchEvent(new PointerEvent('pointerup', opts(121)));
      ms.sort((a, b) => a - b);
      return { fps: (map.draws() - d0) / ((performance.now() - t0) / 1000), drawMs: ms[Math.floor(ms.length / 2)] };
    })()`) as Promise<{ fps: number; drawMs: number }>;
    const panInPage = await sustained('pan');
    const zoomInPage = await sustained('zoom');
    const search = await timeInPage(page,
      `const f = document.getElementById('map-search'); f.value = 'label:class-3'; f.form.requestSubmit();`,
      `/senders: label class-3/.test(document.getElementById('search-count').textContent) && document.querySelector('#map-search-results tbody tr') !== null`);
    const hits = (await page.textContent('#search-count'))?.split(' ')[0];
    const regex = await timeInPage(page,
      `const f = document.getElementById('map-search'); f.value = '/^10\\\\.1\\\\./'; f.form.requestSubmit();`,
      `/any column matching/.test(document.getElementById('search-count').textContent)`);
    const regexHits = (await page.textContent('#search-count'))?.split(' ')[0];
    // A click on the first search hit's point.
    const ip = await page.textContent('#map-search-results tbody tr td');
    const at = await page.evaluate((x) => (globalThis as unknown as { darkvecMap: MapHook }).darkvecMap.screenOf(x), ip!);
    await page.evaluate(() => {
      const w = window as unknown as { clickAt: number };
      document.addEventListener('pointerup', () => (w.clickAt = performance.now()), { capture: true, once: true });
    });
    await page.mouse.click(at![0], at![1]);
    await page.waitForFunction(() => /^Selection: 1 sender/.test(document.getElementById('selection-head')!.textContent!));
    const click = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { clickAt: number }).clickAt))));
    await page.click('#map-tool-box');
    await page.evaluate(() => {
      const w = window as unknown as { clickAt: number };
      document.addEventListener('pointerup', () => (w.clickAt = performance.now()), { capture: true, once: true });
    });
    await page.mouse.move(left + 2, top + 2);
    await page.mouse.down();
    await page.mouse.move(left + width / 2, top + height / 2, { steps: 2 });
    await page.mouse.move(left + width - 2, top + height - 2, { steps: 2 });
    await page.mouse.up();
    await page.waitForFunction(() => /^Selection: [\d,]{4,} senders/.test(document.getElementById('selection-head')!.textContent!), undefined, { timeout: 60_000 });
    const boxMs = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { clickAt: number }).clickAt))));
    const boxed = (await page.textContent('#selection-head'))?.split(' ')[1];
    const recolour = await timeInPage(page,
      `const s = document.getElementById('map-colour'); s.value = 'packets'; s.dispatchEvent(new Event('change'));`,
      `document.querySelector('#map-legend .gradient-bar') !== null`);
    const f = (x: number) => x.toFixed(0).padStart(6);
    const g = (x: number) => x.toFixed(1).padStart(6);
    return `${n.toLocaleString('en-US').padStart(8)} ${f(firstDraw)} ${g(panInPage.fps)} ${g(zoomInPage.fps)} ${g(panInPage.drawMs)} ${g(pan.fps)} ${g(zoom.fps)} ${f(search)} ${f(regex)} ${f(click)} ${f(boxMs)} ${f(recolour)}   (${hits} label hits, ${regexHits} regex hits, ${boxed} boxed; load ${loadavg()[0].toFixed(1)})`;
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<void> {
  const sizes = (process.env.MAP_BENCH_SENDERS ?? '50000,200000').split(',').map(Number);
  const bundle = await buildBundle();
  const css = readFileSync(new URL('../src/view/styles.css', import.meta.url), 'utf8');
  console.log('headless Chromium, --disable-gpu, 1,366 x 900, map canvas ~1,000 x 560 px; times in ms, frame rates in frames/s');
  console.log(`${'senders'.padStart(8)} ${'draw1'.padStart(6)} ${'pan'.padStart(6)} ${'zoom'.padStart(6)} ${'frame'.padStart(6)} ${'panCDP'.padStart(6)} ${'zoomCD'.padStart(6)} ${'search'.padStart(6)} ${'regex'.padStart(6)} ${'click'.padStart(6)} ${'box'.padStart(6)} ${'colour'.padStart(6)}`);
  for (const n of sizes) for (let rep = 0; rep < 2; rep++) console.log(await run1(bundle, css, n));
  console.log('draw1: results shown to first frame; pan, zoom: frames/s with one pointer/wheel event per frame from inside the page; frame: median ms to draw one frame then;');
  console.log('panCDP, zoomCD: frames/s with playwright mouse drags and wheel turns (bound by the devtools round trip per event); search: label:class-3 submitted to hits listed; regex: /^10\\.1\\./ over every column;');
  console.log('click: pointer up to the sender selected and drawn; box: pointer up to every sender in the box selected, listed and drawn; colour: recoloured by packets (log gradient).');
}
