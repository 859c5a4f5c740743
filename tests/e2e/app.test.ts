// The production build in Debian's Chromium, as a user drives it: served under
// a sub-path with COOP/COEP (and once without, where our service worker isolates
// the page), the sample opened by default, a short training, and what the user
// then sees, clicks and downloads. Every request is recorded: none may leave
// the origin. Screenshots of each view go to artifacts/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateDemoTrace, traceCsvChunks } from '../../src/simulate/index.ts';
import { lifecycleSimulation } from '../../src/simulate/lifecycle.ts';
import { buildSite, serveSite, launchBrowser, openContext, screenshot, repoRoot, SUB_PATH, type Site, type Recorder } from './harness.ts';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { expectedEnrichment, sampleIp2asn, sampleNets } from '../enrich/sample-ip2asn.ts';
import { cowrieLog } from '../ingest/formats/cowrie-writer.ts';
import { parquetBytes } from '../ingest/formats/parquet-writer.ts';
import { sampleHours, SAMPLE_START } from '../workers/sample-slice.ts';

let site: Site;
let plainSite: Site;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'darkvec-e2e-files-'));

beforeAll(async () => {
  const dir = await buildSite();
  site = await serveSite(dir);
  plainSite = await serveSite(dir, false);
  browser = await launchBrowser();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await plainSite?.close();
});

/**
 * The view at 1,366 x 800 and at 800 x 1,000, into artifacts/ (NAME.png and
 * NAME-800.png, and the whole page as NAME-full.png and NAME-800-full.png):
 * neither may be wider than its window. The page goes back to
 * 1,280 x 800 after.
 */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height, suffix] of [[1366, 800, ''], [800, 1000, '-800']] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await screenshot(page, `${name}${suffix}`);
    // The whole page too, for what is below the fold.
    await screenshot(page, `${name}${suffix}-full`, true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(200);
}

/** Waits for the results, failing at once with the page's own error if there is one. */
async function waitForResults(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'results' || !document.querySelector('.status-error')?.hasAttribute('hidden'), undefined, { timeout });
  const error = await page.$eval('.status-error', (e) => (e.hasAttribute('hidden') ? '' : e.textContent));
  expect(error).toBe('');
}

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

    await page.focus('#tab-data');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-training', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-training')).toBe(true);
    expect(await page.isVisible('#panel-data')).toBe(false);
    await page.keyboard.press('Home');
    expect(await page.getAttribute('#tab-data', 'aria-selected')).toBe('true');

    // The CSP refuses a request to another host before it leaves the page.
    const blocked = await page.evaluate(() => fetch('http://example.invalid/x').then(() => 'sent', (e) => String(e)));
    expect(blocked).not.toBe('sent');
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });
    expect(recorder.requests.some((u) => u.includes(SUB_PATH))).toBe(true);
    expect(recorder.foreign(site.origin)).toEqual([]);
    await context.close();
  }, 90_000);

  it('on a host without COOP/COEP headers, the service worker makes the page cross-origin isolated', async () => {
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${plainSite.origin}${SUB_PATH}`);
    await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 20_000 });
    await page.waitForSelector('#isolation');
    expect(await page.textContent('#isolation')).toContain('cross-origin isolated');
    expect(recorder.foreign(plainSite.origin)).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('from the sample to results and exports', () => {
  let page: Page;
  let recorder: Recorder;
  const hostileLabels = join(scratch, 'labels-with-markup.csv');
  const nextDay = join(scratch, 'next-day.csv');
  // An ip2asn file made for the sample's simulated addresses (tests/enrich/sample-ip2asn.ts).
  const ip2asn = join(scratch, 'ip2asn-sample.tsv');
  writeFileSync(ip2asn, sampleIp2asn());

  beforeAll(async () => {
    // The sample's labels with two classes renamed to markup: they must show as text.
    const labels = readFileSync(join(repoRoot, 'samples/labels.csv'), 'utf8')
      .replace(/,Shodan$/gm, ',<img src=x onerror=window.__pwned=1>Shodan')
      .replace(/,Ipip$/gm, ',<script>window.__pwned=2</script>');
    writeFileSync(hostileLabels, labels);
    // Day 2 of a two-day run at the sample's settings: about half its senders were also in the sample.
    const twoDays = Buffer.concat([...generateDemoTrace({ days: 2 }).traceChunks()]).toString('utf8').split('\n');
    const dayTwoStart = SAMPLE_START + 86_400;
    writeFileSync(nextDay, [twoDays[0], ...twoDays.slice(1).filter((l) => l !== '' && Number(l.slice(0, l.indexOf(','))) >= dayTwoStart)].join('\n') + '\n');
    const opened = await openContext(browser);
    recorder = opened.recorder;
    page = await opened.context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
  }, 60_000);

  afterAll(async () => {
    await page?.context().close();
  });

  it('opens the bundled sample on first visit and shows the ingest summary', async () => {
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });
    const facts = await page.textContent('#ingest-facts');
    expect(facts).toContain('rows read210,038');
    expect(facts).toContain('senders after filter3,293');
    // The Mirai fingerprint is a class by default: the same 946 kept senders `darkvec analyze --mirai` finds,
    // 293 of them (the simulation's unlisted bots) not in labels.csv.
    expect(facts).toContain('Mirai fingerprint946 kept senders with TCP sequence = destination address; 293 of them labelled Mirai-like by it');
    expect(facts).toContain('labelled senders828 from sample labels.csv (817 labels not among the kept senders)');
    expect(await page.textContent('#sources')).toContain('sample trace.csv.gz');
    await page.waitForSelector('#chart-per-hour .main-svg');
    await screenshots(page, '01-data');
    // The first screen's one button: the sample with the paper's settings (20 epochs); cancelled here, the test trains briefly below.
    expect(await page.isVisible('#welcome')).toBe(true);
    await page.click('#run-paper');
    await page.waitForSelector('#train-numbers:has-text("of 20")', { timeout: 60_000 });
    expect(await page.getAttribute('#tab-training', 'aria-selected')).toBe('true');
    await page.click('#cancel-training');
    await page.waitForSelector('#train-numbers:has-text("cancelled")');
    expect(await page.isVisible('#welcome')).toBe(false);
  }, 90_000);

  it('reads an ip2asn file in the worker and says how many kept senders it enriched, and how fast', async () => {
    await page.setInputFiles('#ip-database', ip2asn);
    await page.waitForFunction(() => document.querySelector('#enrichment-fact')?.textContent?.includes('kept senders enriched'), undefined, { timeout: 30_000 });
    const fact = (await page.textContent('#enrichment-fact')) ?? '';
    // The CLI on the same files: 2,864 of the 3,293 kept senders are in a /8 or a project /24 the file covers.
    expect(fact).toMatch(/^2,864 of 3,293 kept senders enriched \(AS number 2,864, country 2,864\) from ip2asn-sample\.tsv; looked up in [\d.]+ ms$/);
    expect(await page.textContent('#databases')).toMatch(/ip2asn-sample\.tsv: ip2asn, \d+ lines/);
    const t = await page.evaluate(() => (globalThis as { darkvecTimings?: { databases?: number; lookup?: number } }).darkvecTimings);
    expect(t!.lookup).toBeGreaterThanOrEqual(0);
    console.log(`page enrichment: database read in ${(1000 * t!.databases!).toFixed(0)} ms, 3,293 senders looked up in ${(1000 * t!.lookup!).toFixed(1)} ms`);
  }, 60_000);

  it('rebuilds with a labels file whose labels are HTML and the fingerprint classes on, trains briefly, and shows the classification report', async () => {
    await page.click('#tab-parameters');
    await page.check('#param-fingerprints');
    await page.click('#tab-data');
    await page.setInputFiles('#labels-file', hostileLabels);
    await page.waitForFunction(() => document.querySelector('#ingest-summary')?.textContent?.includes('labels-with-markup.csv'), undefined, { timeout: 60_000 });
    await page.click('#tab-parameters');
    await page.fill('#param-epochs', '1');
    await screenshots(page, '02-parameters');
    await page.click('#tab-training');
    await page.click('#train');
    await page.waitForSelector('#train-numbers:has-text("tokens/s")', { timeout: 30_000 });
    await screenshot(page, '03-training');
    await waitForResults(page, 120_000);
    // After a run the line above the buttons no longer invites a first training.
    expect(await page.textContent('#train-ready')).toContain('Trained: the results are on the Results tab');

    const rows = await page.$$eval('#classification-report tr.class-row td:first-child', (cells) => cells.map((c) => c.textContent));
    // The labels file's 9 classes and the fingerprint classes the sample shows (samples/README.md).
    expect(rows).toHaveLength(12);
    for (const c of ['ZMap', 'Masscan', 'Backscatter']) expect(rows).toContain(c);
    expect(await page.textContent('#ingest-facts')).toContain('scanner fingerprintsZMap 12, Masscan 12, Backscatter 37 kept senders; labelled as classes: ZMap 12, Masscan 12, Backscatter 37');
    expect(rows).toContain('<img src=x onerror=window.__pwned=1>Shodan');
    expect(rows).toContain('<script>window.__pwned=2</script>');
    expect(await page.$$('#classification-report img, #classification-report script')).toHaveLength(0);
    const caption = await page.textContent('#classification-report caption');
    const accuracy = Number(/accuracy ([0-9.]+)/.exec(caption ?? '')?.[1]);
    expect(accuracy).toBeGreaterThan(0.5);
    await page.waitForSelector('#chart-confusion .main-svg');
    await screenshots(page, '04-classification');
  }, 200_000);

  it('lists clusters, one table row per cluster', async () => {
    await page.click('#tab-training');
    await page.waitForSelector('#chart-loss .main-svg');
    await screenshots(page, '03b-training-done');
    await page.click('#tab-results');
    await page.click('#tab-clusters');
    const summary = (await page.textContent('#clusters-summary')) ?? '';
    const count = Number(/^([\d,]+) clusters/.exec(summary)?.[1].replace(/,/g, ''));
    expect(count).toBeGreaterThan(3);
    const shown = await page.textContent('#panel-clusters .table-count');
    expect(shown).toContain(`of ${count}`);
    // Who the clusters' senders are: the top ASNs and countries, from the ip2asn file.
    const heads = await page.$$eval('#clusters-table th', (t) => t.map((x) => x.textContent));
    expect(heads).toContain('top ASNs (share of senders)');
    expect(heads).toContain('top countries');
    const asnColumn = heads.indexOf('top ASNs (share of senders)');
    const firstAsns = await page.$eval(`#clusters-table tbody tr:first-child td:nth-child(${asnColumn + 1})`, (td) => td.textContent);
    expect(firstAsns).toMatch(/^AS\d+ \S+.* \d+%/);
    // Filtering by an AS number finds the clusters of Censys's senders (AS64496 in the fixture).
    await page.fill('#clusters-table .table-filter', 'AS64496');
    expect(await page.textContent('#clusters-table .table-count')).not.toBe('no rows');
    await page.fill('#clusters-table .table-filter', '');
    await page.waitForSelector('#chart-silhouette-ecdf .main-svg');
    await page.waitForSelector('#chart-modularity .main-svg');
    await screenshots(page, '05-clusters');
  }, 30_000);

  it('maps every sender, searches by label, selects by click, box and lasso, lists neighbours, isolates, labels a selection and bookmarks the view', async () => {
    await page.click('#tab-map');
    await page.waitForSelector('#map-canvas[data-draw-ms]');
    // The map switches to UMAP when its background run ends: wait for it, so the points stay put under the pointer below.
    await page.waitForFunction(() => document.querySelector('#umap-status')?.textContent === 'UMAP ready.', undefined, { timeout: 90_000 });
    // Every sender is drawn: the legend counts them all, in distinct colours, grey only for "unknown".
    const legend = await page.$$eval('#map-legend .legend-item', (items) => items.map((b) => ({
      name: b.querySelector('.legend-name')!.textContent, count: Number(b.querySelector('.legend-count')!.textContent!.replace(/,/g, '')), colour: (b.querySelector('.swatch') as HTMLElement).style.background,
    })));
    expect(legend.reduce((n, l) => n + l.count, 0)).toBe(3293);
    expect(new Set(legend.map((l) => l.colour)).size).toBe(legend.length);
    expect(legend.find((l) => l.name === 'unknown')?.colour).toBe('rgb(185, 191, 199)');
    await page.selectOption('#map-colour', 'cluster');
    const clusterColours = await page.$$eval('#map-legend .swatch', (s) => s.map((x) => (x as HTMLElement).style.background));
    expect(clusterColours.length).toBeGreaterThan(3);
    expect(new Set(clusterColours).size).toBe(clusterColours.length);
    await page.selectOption('#map-colour', 'packets');
    await page.waitForSelector('#map-legend .gradient-bar');
    // Who the senders are, from the ip2asn file read above: colour by country (by AS, the sample's
    // one AS per /8 is past 50 values: a gradient) and search an AS number.
    await page.selectOption('#map-colour', 'asn');
    await page.waitForSelector('#map-legend .gradient-bar');
    await page.selectOption('#map-colour', 'country');
    expect(await page.$$eval('#map-legend .legend-name', (n) => n.map((x) => x.textContent))).toEqual(expect.arrayContaining(['US', 'NL', 'unknown']));
    await page.selectOption('#map-colour', 'label');
    const searchBox = page.getByRole('searchbox', { name: 'Search senders' });
    await searchBox.fill('AS64496');
    await searchBox.press('Enter');
    await page.waitForSelector('#search-count:has-text("senders")');
    const asnHits = Number(/([\d,]+) senders/.exec((await page.textContent('#search-count'))!)![1].replace(/,/g, ''));
    expect(asnHits).toBeGreaterThan(0);
    const asnCells = await page.$$eval('#map-search-results tbody tr td:nth-child(6)', (c) => c.map((x) => x.textContent));
    expect(asnCells.length).toBe(Math.min(20, asnHits));
    expect(new Set(asnCells)).toEqual(new Set(['AS64496']));

    // Search by label: every hit listed with a count, highlighted on the map.
    const search = page.getByRole('searchbox', { name: 'Search senders' });
    await search.fill('label:Censys');
    await search.press('Enter');
    await page.waitForSelector('#search-count:has-text("67 senders")');
    expect(await page.textContent('#map-title')).toContain('67 search results highlighted');
    expect(await page.$$('#map-search-results tbody tr')).toHaveLength(20);
    // A CIDR prefix and a regular expression find senders too.
    await search.fill('/^1\\./');
    await search.press('Enter');
    await page.waitForSelector('#search-count:has-text("any column matching")');
    await search.fill('label:Censys');
    await search.press('Enter');
    await page.waitForSelector('#search-count:has-text("67 senders")');

    // Select a sender from the results: its neighbours are listed and drawn.
    const firstIp = await page.textContent('#map-search-results tbody tr td');
    await page.click('#map-search-results tbody tr');
    const selection = page.getByRole('region', { name: 'Selection' });
    await expect.poll(() => selection.locator('#selection-head').textContent()).toBe(`Selection: 1 sender, ${await page.$eval('#map-search-results tbody tr td:nth-child(5)', (c) => c.textContent)} packets`);
    const neighbours = page.getByRole('list', { name: 'Nearest neighbours' });
    await expect.poll(() => neighbours.locator('li').count()).toBe(10);
    expect(await neighbours.locator('li').first().textContent()).toMatch(/cosine 0\.\d{3}/);
    await page.fill('#map-k', '5');
    await page.press('#map-k', 'Enter');
    await expect.poll(() => neighbours.locator('li').count()).toBe(5);
    // A neighbour clicked becomes the selected sender.
    const neighbourIp = (await neighbours.locator('li button').first().textContent())!.split(' · ')[0];
    await neighbours.locator('li button').first().click();
    await expect.poll(() => page.$eval('#map-selection tbody tr td', (c) => c.textContent)).toBe(neighbourIp);

    // A click on the map selects the point under it; shift-click adds one.
    const at = async (ip: string) => page.evaluate((x) => (globalThis as unknown as { darkvecMap: { screenOf(ip: string): [number, number] | null } }).darkvecMap.screenOf(x), ip);
    await page.$eval('#map-canvas', (c) => c.scrollIntoView({ block: 'center' }));
    const p1 = (await at(firstIp!))!;
    await page.mouse.click(p1[0], p1[1]);
    await expect.poll(() => page.textContent('#selection-head')).toMatch(/^Selection: 1 sender,/);
    expect(await page.$eval('#map-selection tbody tr td', (c) => c.textContent)).toBe(firstIp);
    const p2 = (await at(neighbourIp))!;
    await page.keyboard.down('Shift');
    await page.mouse.click(p2[0], p2[1]);
    await page.keyboard.up('Shift');
    await expect.poll(() => page.textContent('#selection-head')).toMatch(/^Selection: 2 senders,/);

    // Box and lasso around the Censys senders' area select what they enclose.
    const censys = await page.$$eval('#map-search-results tbody tr td:first-child', (c) => c.map((x) => x.textContent!));
    await page.click('#map-tool-box');
    await page.$eval('#map-canvas', (c) => c.scrollIntoView({ block: 'center' }));
    // Positions on screen with the map in the middle of the window (the sticky status line covers the top).
    const spots = (await Promise.all(censys.slice(0, 5).map(at))).filter((p): p is [number, number] => p !== null);
    const xs = spots.map((p) => p[0]), ys = spots.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs) - 6, Math.max(...xs) + 6, Math.min(...ys) - 6, Math.max(...ys) + 6];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 3 });
    await page.mouse.move(x1, y1, { steps: 3 });
    await page.mouse.up();
    const boxed = Number(/Selection: ([\d,]+)/.exec((await page.textContent('#selection-head'))!)![1].replace(/,/g, ''));
    expect(boxed).toBeGreaterThanOrEqual(spots.length);
    await page.click('#map-tool-lasso');
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (const [x, y] of [[x1, y0], [x1, y1], [x0, y1], [x0, y0 + 1]]) await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.up();
    const lassoed = Number(/Selection: ([\d,]+)/.exec((await page.textContent('#selection-head'))!)![1].replace(/,/g, ''));
    expect(lassoed).toBeGreaterThanOrEqual(spots.length);
    expect(Math.abs(lassoed - boxed)).toBeLessThanOrEqual(2);
    await page.click('#map-tool-pan');

    // Isolate the search results: just them, projected again; show all brings everyone back.
    await page.click('#search-select');
    await expect.poll(() => page.textContent('#selection-head')).toMatch(/^Selection: 67 senders,/);
    await page.click('#map-isolate');
    await page.waitForSelector('#map-title:has-text("67 isolated senders")', { timeout: 60_000 });
    expect((await page.$$eval('#map-legend .legend-count', (c) => c.map((x) => Number(x.textContent!.replace(/,/g, ''))))).reduce((a, b) => a + b, 0)).toBe(67);
    await screenshot(page, '06b-map-isolated');
    await page.click('#map-show-all');
    await page.waitForSelector('#map-title:has-text("of 3,293 senders")');

    // Bookmark this view (kept in the session, restored after reopening: see the session test).
    await page.fill('#bookmark-name', 'censys view');
    await page.click('#bookmark-save');
    await page.waitForSelector('#bookmarks button.bookmark-open:has-text("censys view")');

    // Label the selection: the classifier re-runs with the edited ground truth and the report changes.
    const before = await page.$$eval('#classification-report tr.class-row td:first-child', (c) => c.map((x) => x.textContent));
    expect(before).toContain('Censys');
    await selection.getByRole('textbox', { name: 'Label for the selected senders' }).fill('Censys scanners');
    await page.click('#selection-give-label');
    await page.waitForFunction(() => [...document.querySelectorAll('#classification-report tr.class-row td:first-child')].some((c) => c.textContent === 'Censys scanners'), undefined, { timeout: 30_000 });
    const after = await page.$$eval('#classification-report tr.class-row td:first-child', (c) => c.map((x) => x.textContent));
    expect(after).not.toContain('Censys');
    expect(after).toHaveLength(before.length);
    expect(await page.textContent('#label-edits')).toContain('67 label edits');
    const [edited] = await Promise.all([page.waitForEvent('download'), page.click('#labels-export')]);
    const editedLines = readFileSync((await edited.path())!, 'utf8').trim().split('\n');
    expect(editedLines[0]).toBe('ip,label');
    expect(editedLines.filter((l) => l.endsWith(',Censys scanners'))).toHaveLength(67);
    const [chosen] = await Promise.all([page.waitForEvent('download'), page.click('#selection-export')]);
    const chosenLines = readFileSync((await chosen.path())!, 'utf8').trim().split('\n');
    expect(chosenLines[0]).toBe('ip,label,predicted,cluster,packets,asn,country');
    expect(chosenLines).toHaveLength(68);
    await page.waitForFunction(() => document.querySelector('#umap-status')?.textContent === 'UMAP ready.', undefined, { timeout: 90_000 });
    await page.waitForTimeout(300);
    await screenshots(page, '06-map');
  }, 240_000);

  it('shows the activity pattern of a cluster activated in the clusters table', async () => {
    await page.click('#tab-clusters');
    await page.focus('#panel-clusters tbody tr');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#chart-activity canvas', { timeout: 30_000 });
    expect(await page.getAttribute('#tab-inspect', 'aria-selected')).toBe('true');
    const marks = await page.$eval('#chart-activity', (e) => (e as unknown as { _fullData: { x: unknown[] }[] })._fullData[0].x.length);
    expect(marks).toBeGreaterThan(100);
    expect(await page.$$eval('#cluster-members li', (l) => l.length)).toBeGreaterThan(0);
    const facts = (await page.textContent('#inspect-body .facts')) ?? '';
    expect(facts).toMatch(/top ASNs \(share of senders\)AS\d+/);
    expect(facts).toContain('ZMap / Masscan packets');
    expect(await page.$$eval('#cluster-members li', (l) => l.some((x) => / · AS\d+ /.test(x.textContent ?? '')))).toBe(true);
    expect(await page.$$eval('#chart-port-hours .main-svg', (l) => l.length)).toBeGreaterThan(0);
    expect(await page.$$eval('#cluster-port-table tbody tr', (l) => l.length)).toBeGreaterThan(0);
    await page.waitForSelector('#chart-composition .main-svg');
    // A second cluster side by side: the port sets' Jaccard and both activity patterns on one time axis.
    const other = await page.$$eval('#compare-cluster option', (o) => o.map((x) => (x as HTMLOptionElement).value).filter((v) => v !== '')[1]);
    await page.selectOption('#compare-cluster', other!);
    await page.waitForSelector('#compare-jaccard');
    expect(await page.textContent('#compare-jaccard')).toMatch(/Jaccard index: [01]\.\d\d/);
    await page.waitForSelector('#chart-compare-b .main-svg', { timeout: 30_000 });
    await page.waitForTimeout(500);
    await screenshots(page, '07-inspect');
  }, 60_000);

  it('exports parseable files and a session that reopens with the same results', async () => {
    await page.click('#tab-export');
    await screenshots(page, '08-export');
    const save = async (id: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${id}`)]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const clusters = (await save('clusters')).trim().split('\n');
    expect(clusters[0]).toBe('ip,cluster,silhouette,label,predicted,vote_share,best_known,best_known_share,packets,asn,as_name,country,mirai_share,zmap_share,masscan_share,backscatter_share');
    expect(clusters).toHaveLength(3294);
    for (const line of clusters.slice(1, 50)) expect(Number.isInteger(Number(line.split(',')[1]))).toBe(true);
    // Every sender's AS number as the fixture gives it (empty where it has none).
    const nets = sampleNets();
    for (const line of clusters.slice(1)) {
      const cells = line.split(',');
      const want = expectedEnrichment(cells[0], nets);
      expect(cells[9], cells[0]).toBe(want ? String(want[0]) : '');
    }

    // The k-NN graph for Gephi, read back with graphology-gexf: every sender, its cluster and AS.
    const graph = parseGexf(Graph, await save('gexf'));
    expect(graph.order).toBe(3293);
    const [ip, cluster, , , , , , , , asn] = clusters[1].split(',');
    expect(graph.getNodeAttribute(ip, 'cluster')).toBe(Number(cluster));
    if (asn) expect(graph.getNodeAttribute(ip, 'asn')).toBe(Number(asn));

    const vec = (await save('word2vec')).trim().split('\n');
    expect(vec[0]).toBe('3293 50');
    expect(vec[1].split(' ')).toHaveLength(51);
    expect(vec[1].split(' ').slice(1).every((v) => Number.isFinite(Number(v)))).toBe(true);

    const report = JSON.parse(await save('report'));
    expect(report.clustering.clusters).toBeGreaterThan(3);
    // The curve, computed in the background after the results, is in the report once drawn.
    expect(report.clustering.curve.map((p: { graphK: number }) => p.graphK)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(report.clustering.curve[2].clusters).toBe(report.clustering.clusters);

    const session = await save('session');
    const sessionFile = join(scratch, 'session.json');
    writeFileSync(sessionFile, session);
    const clustersBefore = await page.textContent('#clusters-summary');

    const reopened = await page.context().newPage();
    await reopened.goto(`${site.origin}${SUB_PATH}`);
    await reopened.waitForSelector('#ingest-facts', { timeout: 60_000 });
    await reopened.click('#tab-export');
    await reopened.setInputFiles('#open-session', sessionFile);
    await waitForResults(reopened, 60_000);
    expect(await reopened.textContent('#clusters-summary')).toBe(clustersBefore);
    expect(await reopened.$$('#classification-report tr.class-row')).toHaveLength(12);
    // The enrichment comes back with the session (the database itself is not saved).
    expect(await reopened.$$eval('#clusters-table th', (t) => t.map((x) => x.textContent))).toContain('top ASNs (share of senders)');
    // The saved UMAP comes back with the session, and the labels in use are named.
    expect(await reopened.$eval('#map-projection option[value="umap"]', (o) => ({ disabled: (o as HTMLOptionElement).disabled, text: o.textContent }))).toEqual({ disabled: false, text: 'UMAP' });
    expect(await reopened.textContent('#sources')).toContain('labels: labels-with-markup.csv');
    expect(await reopened.textContent('#sources')).not.toContain('no labels file');
    // The edited labels and the bookmark came back with the session.
    expect(await reopened.$$eval('#classification-report tr.class-row td:first-child', (c) => c.map((x) => x.textContent))).toContain('Censys scanners');
    await reopened.click('#tab-results');
    await reopened.click('#tab-map');
    await reopened.click('#bookmarks button.bookmark-open:has-text("censys view")');
    await expect.poll(() => reopened.textContent('#selection-head')).toMatch(/^Selection: 67 senders,/);
    expect(await reopened.$eval('#map-colour', (s) => (s as HTMLSelectElement).value)).toBe('label');

    // i-DarkVec: the reopened model continues with the next day's trace, one pass, new senders added.
    await reopened.click('#tab-data');
    await reopened.setInputFiles('#trace-file', nextDay);
    await reopened.click('#build-corpus');
    await reopened.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'corpus', undefined, { timeout: 60_000 });
    const dayTwoKept = Number((/senders after filter([\d,]+)/.exec((await reopened.textContent('#ingest-facts')) ?? '')?.[1] ?? '').replace(/,/g, ''));
    expect(dayTwoKept).toBeGreaterThan(1000);
    await reopened.click('#tab-training');
    await reopened.click('#continue-training');
    await waitForResults(reopened, 120_000);
    expect(await reopened.textContent('#train-numbers')).toMatch(/^Continued the model on \S+( \w)? tokens × 1 epoch in /);
    await reopened.click('#tab-training');
    await screenshot(reopened, '10-continued');
    // The continued model is a second day: the Days view tracks the clusters across both.
    await reopened.click('#tab-results');
    await reopened.click('#tab-days');
    await reopened.waitForSelector('#days-table tbody tr:nth-child(2)', { timeout: 30_000 });
    expect(await reopened.$$('#days-table tbody tr')).toHaveLength(2);
    expect(await reopened.$$('#novelty-inbox .inbox-item, #novelty-inbox li')).not.toHaveLength(0);
    await reopened.waitForSelector('#chart-tracks .main-svg', { timeout: 30_000 });
    await screenshots(reopened, '10b-days-continued');
    const continued = (await (async () => {
      await reopened.click('#tab-export');
      const [download] = await Promise.all([reopened.waitForEvent('download'), reopened.click('#export-word2vec')]);
      return readFileSync((await download.path())!, 'utf8');
    })()).trim().split('\n');
    // The views show today's senders; those also seen yesterday kept their vectors and trained on.
    expect(continued[0]).toBe(`${dayTwoKept} 50`);
    await reopened.close();
  }, 240_000);

  it('ran no markup from the labels and sent nothing off the origin', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(recorder.requests.filter((u) => u.endsWith('/x'))).toEqual([]);
    expect(recorder.foreign(site.origin)).toEqual([]);
    expect(recorder.errors.filter((e) => !e.includes('GPU stall'))).toEqual([]);
  });
});

describe('a honeypot log and a Parquet trace, dropped together with an IP database', () => {
  it('recognises each, embeds both traces into one corpus, says which senders hit both, enriches them, and gets results', async () => {
    // The sample's first two hours as Parquet (TCP and UDP rows), and a Cowrie log of the same hours:
    // its attackers are five of the Parquet trace's senders and five of its own.
    const lines = sampleHours(2).trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const rows = lines.filter((c) => c[4] === '6' || c[4] === '17');
    const parquet = parquetBytes([
      { name: 'ts', data: rows.map((c) => Number(c[0])), type: 'DOUBLE' },
      { name: 'src_ip', data: rows.map((c) => c[1]), type: 'STRING' },
      { name: 'dst_ip', data: rows.map((c) => c[2]), type: 'STRING' },
      { name: 'dst_port', data: rows.map((c) => Number(c[3])), type: 'INT32' },
      { name: 'proto', data: rows.map((c) => Number(c[4])), type: 'INT32' },
      { name: 'tcp_seq', data: rows.map((c) => (c[6] === '' ? 0 : Number(c[6]))), type: 'DOUBLE' },
      { name: 'ip_id', data: rows.map((c) => Number(c[7])), type: 'INT32' },
      { name: 'tcp_flags', data: rows.map((c) => c[8]), type: 'STRING' },
    ], 5000);
    const busy = [...rows.reduce((m, c) => m.set(c[1], (m.get(c[1]) ?? 0) + 1), new Map<string, number>())].filter(([, n]) => n >= 20).map(([ip]) => ip);
    const cowrie = cowrieLog([...busy.slice(0, 5), ...Array.from({ length: 5 }, (_, i) => `203.0.113.${20 + i}`)], SAMPLE_START);
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });
    await page.click('#tab-parameters');
    await page.fill('#param-epochs', '2');
    await page.click('#tab-data');
    // One drop, as a user drags the three files in: the database and the two traces are told apart by name.
    const files = [
      { name: 'cowrie.json', type: 'application/json', base64: Buffer.from(cowrie).toString('base64') },
      { name: 'trace.parquet', type: 'application/octet-stream', base64: Buffer.from(parquet).toString('base64') },
      { name: 'ip2asn-sample.tsv', type: 'text/tab-separated-values', base64: Buffer.from(sampleIp2asn()).toString('base64') },
    ];
    await page.evaluate((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (ch) => ch.charCodeAt(0))], f.name, { type: f.type }));
      document.querySelector('#drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'corpus' && document.querySelector('#ingest-summary')?.textContent?.includes('cowrie.json'), undefined, { timeout: 60_000 });
    // The first trace is structured: recognised, no column mapping, built at once.
    expect(await page.textContent('#preview-format')).toContain('cowrie.json: recognised as a Cowrie honeypot JSON log');
    expect(await page.$$('#map-ts')).toHaveLength(0);
    const facts = (await page.textContent('#ingest-facts')) ?? '';
    expect(facts).toMatch(/tracescowrie\.json \(cowrie, 10 kept senders\) \+ trace\.parquet \(parquet, [\d,]+ kept senders\); 5 kept senders in both/);
    await page.waitForFunction(() => document.querySelector('#enrichment-fact')?.textContent?.includes('kept senders enriched'), undefined, { timeout: 30_000 });
    expect(await page.textContent('#sources')).toContain('cowrie.json + trace.parquet');
    await screenshot(page, '13-honeypot-parquet');
    await page.click('#tab-training');
    await page.click('#train');
    await waitForResults(page, 120_000);
    await page.click('#tab-results');
    await page.click('#tab-clusters');
    expect(Number(/^([\d,]+) clusters/.exec((await page.textContent('#clusters-summary')) ?? '')?.[1].replace(/,/g, ''))).toBeGreaterThan(1);
    // A honeypot attacker seen by both, in its cluster's member list with the traces it was in.
    await page.fill('#clusters-table .table-filter', '');
    await page.focus('#clusters-table tbody tr');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cluster-members li');
    await page.click('#tab-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-clusters')]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0].endsWith(',sources')).toBe(true);
    expect(csv.filter((l) => l.endsWith(',cowrie.json;trace.parquet'))).toHaveLength(5);
    expect(csv.filter((l) => l.startsWith('203.0.113.')).every((l) => l.endsWith(',cowrie.json'))).toBe(true);
    expect(recorder.foreign(site.origin)).toEqual([]);
    expect(recorder.errors.filter((e) => !e.includes('GPU stall'))).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('days, drift and novelty', () => {
  it('trains a six-day trace day by day and shows the tracks, the inbox and watched tracks, kept in the session', async () => {
    const sim = lifecycleSimulation({ seed: 3, scale: 0.01, senderFloor: 8, excessPacketScale: 0.25 });
    const file = join(scratch, 'six-days.csv.gz');
    writeFileSync(file, gzipSync(Buffer.concat([...traceCsvChunks(sim)])));
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });
    await page.setInputFiles('#trace-file', file);
    await page.click('#build-corpus');
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'corpus', undefined, { timeout: 60_000 });
    await page.click('#tab-parameters');
    await page.fill('#param-epochs', '3');
    await page.fill('#param-min-packets', '6');
    await page.click('#tab-training');
    expect(await page.isVisible('#train-daily')).toBe(true);
    await page.click('#train-daily');
    await waitForResults(page, 180_000);
    expect(await page.getAttribute('#tab-days', 'aria-selected')).toBe('true');
    await page.waitForSelector('#days-table tbody tr:nth-child(6)');
    expect(await page.$$eval('#days-table tbody tr td:first-child', (c) => c.map((x) => x.textContent))).toEqual(
      ['2021-03-31', '2021-04-01', '2021-04-02', '2021-04-03', '2021-04-04', '2021-04-05']);
    await page.waitForSelector('#chart-tracks .main-svg', { timeout: 30_000 });
    const items = await page.$$eval('#novelty-inbox .inbox-item', (l) => l.map((x) => x.getAttribute('data-track')));
    expect(items.length).toBeGreaterThan(0);
    // Watch the first track of the inbox: the page state keeps it, and the session too.
    await page.click('#novelty-inbox .inbox-item button.watch');
    await page.waitForSelector('#watch-flags h3');
    expect(await page.textContent('#watch-flags h3')).toContain(items[0]!);
    // The background UMAP and curve finish first: the screenshots show the final page, and the clicks below do not race them.
    await page.waitForFunction(() => document.querySelector('#umap-status')?.textContent === 'UMAP ready.', undefined, { timeout: 120_000 });
    await page.setViewportSize({ width: 1366, height: 800 });
    await screenshot(page, '12-days');
    await page.setViewportSize({ width: 800, height: 1000 });
    // The timeline follows its box when the window narrows (a ResizeObserver redraws it).
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLElement>('#chart-tracks');
      const svg = box?.querySelector('.main-svg');
      return box !== null && svg !== null && svg !== undefined && svg.getBoundingClientRect().width <= box.clientWidth + 1;
    }, undefined, { timeout: 10_000 });
    await screenshot(page, '12-days-800');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click('#tab-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-session')]);
    const saved = join(scratch, 'six-days-session.json');
    writeFileSync(saved, readFileSync((await download.path())!));
    const reopened = await context.newPage();
    await reopened.goto(`${site.origin}${SUB_PATH}`);
    await reopened.waitForSelector('#ingest-facts', { timeout: 60_000 });
    await reopened.click('#tab-export');
    await reopened.setInputFiles('#open-session', saved);
    await waitForResults(reopened, 60_000);
    await reopened.click('#tab-results');
    await reopened.click('#tab-days');
    await reopened.waitForSelector('#days-table tbody tr:nth-child(6)', { timeout: 30_000 });
    expect(await reopened.textContent('#watch-flags h3')).toContain(items[0]!);
    expect(await reopened.getAttribute(`#novelty-inbox .inbox-item[data-track="${items[0]}"] button.watch`, 'aria-pressed')).toBe('true');
    expect(recorder.errors.filter((e) => !e.includes('GPU stall'))).toEqual([]);
    await context.close();
  }, 300_000);
});

describe('sessions saved by earlier versions', () => {
  it('a version-1 session (saved by the page of 2026-12-01) opens, is re-analysed, and gets its UMAP', async () => {
    const file = join(scratch, 'session-v1.json');
    writeFileSync(file, gunzipSync(readFileSync(join(repoRoot, 'tests/fixtures/sessions/session-v1.json.gz'))));
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });
    await page.click('#tab-export');
    await page.setInputFiles('#open-session', file);
    await page.waitForFunction(() => document.querySelector('.status-message')?.textContent?.includes('reopened'), undefined, { timeout: 60_000 });
    await waitForResults(page, 60_000);
    expect(await page.textContent('.status-message')).toContain('saved by an earlier version');
    expect(await page.$$('#classification-report tr.class-row')).toHaveLength(9);
    expect(await page.textContent('#sources')).toContain('small-trace.csv');
    expect(await page.textContent('#sources')).toContain('labels: labels.csv');
    expect(await page.textContent('#ingest-facts')).toContain('senders after filter738');
    await page.click('#tab-map');
    await page.waitForFunction(() => document.querySelector('#umap-status')?.textContent === 'UMAP ready.', undefined, { timeout: 60_000 });
    expect(await page.$eval('#map-projection', (s) => (s as HTMLSelectElement).value)).toBe('umap');
    // The curve is computed in the background and drawn once its tab is shown.
    await page.click('#tab-clusters');
    await page.waitForSelector('#chart-modularity .main-svg', { timeout: 60_000 });
    await screenshot(page, '11-session-v1');
    expect(recorder.errors.filter((e) => !e.includes('GPU stall'))).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('bad input', () => {
  it('explains a malformed trace and keeps the page working', async () => {
    const { context, recorder } = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}${SUB_PATH}`);
    await page.waitForSelector('#ingest-facts', { timeout: 60_000 });

    const noColumns = join(scratch, 'no-columns.csv');
    writeFileSync(noColumns, 'when,who,what\n1,2,3\n');
    await page.setInputFiles('#trace-file', noColumns);
    await page.waitForSelector('.status-error:not([hidden])');
    const message = await page.textContent('.status-error');
    expect(message).toContain('no-columns.csv');
    expect(message).toContain('when, who, what');

    const binary = join(scratch, 'random.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)));
    await page.setInputFiles('#trace-file', binary);
    await page.waitForFunction(() => document.querySelector('.status-error')?.textContent?.includes('random.bin'));
    await screenshot(page, '09-bad-trace');

    const someBad = join(scratch, 'some-bad-rows.csv');
    writeFileSync(someBad, 'ts,src_ip,dst_port,proto\n' + Array.from({ length: 40 }, (_, i) => `${1617148800 + i},10.0.0.${i % 2},${i === 5 ? 99999 : 23},6`).join('\n') + '\n');
    await page.setInputFiles('#trace-file', someBad);
    // A picked file is previewed first; the heavy pass waits for the user's go.
    await page.waitForSelector('#preview-details:has-text("some-bad-rows.csv")');
    expect(await page.$eval('#map-dstPort', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('dst_port');
    await page.click('#build-corpus');
    await page.waitForSelector('#ingest-summary:has-text("some-bad-rows.csv")', { timeout: 30_000 });
    expect(await page.textContent('#ingest-facts')).toContain('rows skipped1');
    await page.click('#ingest-summary details summary');
    expect(await page.textContent('#ingest-summary .skipped')).toContain('line 7');

    // Still usable: the sample opens again.
    await page.click('#open-sample');
    await page.waitForSelector('#ingest-summary:has-text("sample trace.csv.gz")', { timeout: 60_000 });
    expect(recorder.foreign(site.origin)).toEqual([]);
    await context.close();
  }, 150_000);
});
