// The page's worker API run in Node: the same calls the page makes, with the
// Node host (worker_threads for the kernels).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as neighbours from '../../src/analyze/nearest-neighbours';
import { createAppApi, type NamedBlob } from '../../src/workers/app-api';
import { nodeHost } from '../../src/cli/node-host';
import { defaultParams } from '../../src/method/params';
import { sampleHours, samplePath, SAMPLE_START } from './sample-slice';
import { expectedEnrichment, sampleIp2asn, sampleNets } from '../enrich/sample-ip2asn';
import { MmdbWriter } from '../enrich/mmdb-writer';
import { cowrieLog } from '../ingest/formats/cowrie-writer';

const blob = (name: string, text: string | Buffer): NamedBlob => ({ blob: new Blob([text as BlobPart]), name });
const sample = (name: string) => readFileSync(samplePath(name));

describe('the ingest call', () => {
  const trace = blob('trace.csv.gz', sample('trace.csv.gz'));
  const labelsText = sample('labels.csv').toString('utf8');
  const truth = new Map(sample('truth.csv').toString('utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
  // The analyst's list without its Mirai-like rows: only the fingerprint can find them.
  const withoutMirai = blob('no-mirai.csv', labelsText.split('\n').filter((l) => !l.endsWith(',Mirai-like')).join('\n'));

  it('labels every kept Mirai bot Mirai-like by its fingerprint, and nothing else; off leaves the file alone', async () => {
    const api = createAppApi(nodeHost);
    const on = await api.ingest({ trace, labels: withoutMirai, params: defaultParams(1) }, 1);
    const bots = [...truth].filter(([, g]) => g.startsWith('mirai-')).length;
    expect(on.labels.mirai).toEqual({ enabled: true, columns: true, senders: expect.any(Number), labelled: expect.any(Number) });
    expect(on.labels.mirai.senders).toBe(on.labels.mirai.labelled);
    expect(on.labels.mirai.senders).toBeGreaterThan(500);
    expect(on.labels.mirai.senders).toBeLessThanOrEqual(bots);
    const off = await api.ingest({ trace, labels: withoutMirai, params: { ...defaultParams(1), mirai: false } }, 2);
    expect(off.labels.mirai.labelled).toBe(0);
    expect(off.labels.sendersLabelled).toBe(on.labels.sendersLabelled - on.labels.mirai.labelled);
  });

  it('says so when the trace has no fingerprint columns, and when no label matches', async () => {
    const csv = ['ts,src_ip,dst_port,proto', ...Array.from({ length: 12 }, (_, i) => `${1617148800 + i},192.0.2.1,23,tcp`)].join('\n');
    const view = await createAppApi(nodeHost).ingest({ trace: blob('plain.csv', csv), labels: blob('l.csv', 'ip,label\n198.51.100.9,x\n'), params: defaultParams(1) }, 1);
    expect(view.labels.mirai).toEqual({ enabled: true, columns: false, senders: 0, labelled: 0 });
    expect(view.labels).toMatchObject({ file: 'l.csv', entries: 1, sendersLabelled: 0, notAmongKept: 1 });
  });

  it('a cancelled call rejects with AbortError and leaves the worker usable', async () => {
    const api = createAppApi(nodeHost);
    const run = api.ingest({ trace, labels: null, params: defaultParams(1) }, 7, () => api.cancel(7));
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const view = await api.ingest({ trace: blob('t.csv', sampleHours(1)), labels: null, params: defaultParams(1) }, 8);
    expect(view.senders).toBeGreaterThan(10);
  });
});

describe('train, analyze, curve and UMAP', () => {
  it('search the neighbours once per analysis, and the curve at the graph k matches the clustering', async () => {
    const api = createAppApi(nodeHost);
    const params = { ...defaultParams(1), epochs: 2, threads: 1 };
    await api.ingest({ trace: blob('trace.csv', sampleHours(6)), labels: blob('labels.csv', sample('labels.csv')), params }, 1);
    await api.train(params, false, 2);
    const search = vi.spyOn(neighbours, 'nearestNeighbours');
    const stages: string[] = [];
    const results = await api.analyze(params, 3, (p) => stages.push(p.what));
    expect(results.clustering.curve).toBeNull();
    expect(results.projection.umap).toBeNull();
    expect(stages).not.toContain('curve');
    const input = api.projectionInput();
    expect(input.knn.k).toBe(14);
    const curve = await api.modularityCurve(input);
    const xy = await api.projectUmap(input);
    expect(search).toHaveBeenCalledTimes(1);
    search.mockRestore();
    expect(curve.k).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(curve.modularity[params.graphK - 1]).toBeCloseTo(results.clustering.modularity, 10);
    expect(curve.clusters[params.graphK - 1]).toBe(results.clustering.count);
    expect(xy).toHaveLength(2 * results.senders.vocab.length);
    expect(xy.every(Number.isFinite)).toBe(true);
  }, 60_000);
});

describe('IP databases', () => {
  it('read in the worker and joined to each corpus; one given after the analysis joins the results on show; cleared, they are gone', async () => {
    const api = createAppApi(nodeHost);
    const params = { ...defaultParams(1), epochs: 1, threads: 1, curveMaxK: 0, kmeans: false };
    const early = await api.addDatabases([blob('ip2asn.tsv', sampleIp2asn())], 1);
    // No senders yet: the database is held for the corpus to come.
    expect(early.databases).toEqual([{ file: 'ip2asn.tsv', format: 'ip2asn', detail: expect.stringMatching(/^\d+ lines$/) }]);
    expect(early.summary).toBeNull();
    const view = await api.ingest({ trace: blob('trace.csv', sampleHours(3)), labels: null, params }, 2);
    expect(view.enrichment!.enriched).toBeGreaterThan(0.7 * view.senders);
    expect(view.enrichment!.withAsn).toBe(view.enrichment!.enriched);
    expect(view.lookupSeconds).toBeGreaterThanOrEqual(0);
    await api.train(params, false, 3);
    const results = await api.analyze(params, 4);
    const e = results.senders.enrichment!;
    const nets = sampleNets();
    results.senders.vocab.forEach((ip, i) => {
      const want = expectedEnrichment(ip, nets);
      expect(e.asn[i], ip).toBe(want ? want[0] : 0);
    });
    expect(results.clustering.summaries.every((c) => Array.isArray(c.topAsns) && c.enrichedShare !== null)).toBe(true);

    // A country database after the analysis: the senders it knows and the ip2asn file does not gain a country.
    const w = new MmdbWriter({ ipVersion: 6, databaseType: 'Test-Country' });
    for (let octet = 7; octet < 224; octet += 7) w.insert(`${octet}.0.0.0`, 8, { country: { iso_code: 'SE' } });
    const later = await api.addDatabases([blob('country.mmdb', Buffer.from(w.build()))], 5);
    expect(later.databases.map((d) => d.format)).toEqual(['ip2asn', 'mmdb (Test-Country)']);
    expect(later.summary!.withCountry).toBeGreaterThan(view.enrichment!.withCountry);
    const patched = later.results!;
    expect(patched.enrichmentSummary).toEqual(later.summary);
    const se = patched.enrichment!.countries.indexOf('SE');
    expect(se).toBeGreaterThanOrEqual(0);
    expect(patched.summaries.some((c) => c.topCountries!.some((x) => x.name === 'SE'))).toBe(true);
    // The exports are made from the patched results.
    const csv = (await api.exportFile('clusters.csv').text()).split('\n');
    expect(csv.filter((l) => l.split(',')[11] === 'SE').length).toBe(Array.from(patched.enrichment!.country).filter((c) => c === se).length);

    const cleared = api.clearDatabases();
    expect(cleared.databases).toEqual([]);
    expect(cleared.results!.enrichment).toBeNull();
    expect(cleared.results!.summaries[0].topAsns).toBeNull();
    expect((await api.exportFile('clusters.csv').text()).split('\n')[1].split(',').slice(9, 12)).toEqual(['', '', '']);
  }, 90_000);

  it('refuses a file that is no database, naming it, and keeps the ones it has', async () => {
    const api = createAppApi(nodeHost);
    await api.addDatabases([blob('ip2asn.tsv', sampleIp2asn())], 1);
    await expect(api.addDatabases([blob('notes.txt', 'hello world\n')], 2)).rejects.toThrow(/notes\.txt: ip database: line 1/);
    expect(api.clearDatabases().databases).toEqual([]);
  });
});

describe('two traces', () => {
  it('a darknet slice and a Cowrie log of the same hours make one corpus; the kept senders in both are counted; day by day refuses', async () => {
    const api = createAppApi(nodeHost);
    const trace = sampleHours(2);
    const someSender = trace.split('\n')[1].split(',')[1];
    const view = await api.ingest({
      trace: blob('trace.csv', trace), extraTraces: [blob('cowrie.json', cowrieLog([someSender, '203.0.113.9'], SAMPLE_START))], labels: null, params: defaultParams(1),
    }, 1);
    expect(view.input.inputs.map((i) => [i.file, i.format, i.sendersKept])).toEqual([['trace.csv', 'delimited', expect.any(Number)], ['cowrie.json', 'cowrie', 2]]);
    expect(view.input.sendersInSeveral).toBe(1);
    expect(view.input.file).toBe('trace.csv + cowrie.json');
    await expect(api.analyzeDays(defaultParams(1), 2)).rejects.toThrow(/day by day reads one trace/);
  });
});

describe('the map\'s calls: port search, isolate, label edits', () => {
  it('finds senders by port, projects a subset, and re-runs the classifier on edited labels, kept in the session', async () => {
    const api = createAppApi(nodeHost);
    const params = { ...defaultParams(1), epochs: 1, threads: 1 };
    await api.ingest({ trace: blob('trace.csv', sampleHours(6)), labels: blob('labels.csv', sample('labels.csv')), params }, 1);
    await api.train(params, false, 2);
    const results = await api.analyze(params, 3);
    const n = results.senders.vocab.length;
    const telnet = api.sendersOnPort(23, 6);
    expect(telnet.length).toBeGreaterThan(10);
    expect(telnet.length).toBeLessThan(n);
    expect(api.sendersOnPort(23, -1).length).toBeGreaterThanOrEqual(telnet.length);
    const subset = Int32Array.from({ length: 40 }, (_, i) => i * 2);
    const pca = await api.projectSubset(subset, 'pca');
    const umap = await api.projectSubset(subset, 'umap');
    expect([pca.length, umap.length]).toEqual([80, 80]);
    expect([...pca, ...umap].every(Number.isFinite)).toBe(true);

    // Ten unlabelled senders get a new class: it is scored; removing it again restores the report.
    const unlabelled = Array.from(results.senders.label.keys()).filter((s) => results.senders.label[s] < 0).slice(0, 10);
    const edited = api.relabel(unlabelled.map((s) => ({ ip: results.senders.vocab[s], label: 'analyst-A' })));
    expect(edited.senders.labelNames).toContain('analyst-A');
    expect(edited.classification!.classes.find((c) => c.name === 'analyst-A')!.support).toBe(10);
    expect(edited.labels.sendersLabelled).toBe(results.labels.sendersLabelled + 10);
    expect(edited.clustering.cluster).toBe(results.clustering.cluster);
    const session = api.saveSession(params, {});
    const reopened = await createAppApi(nodeHost).openSession(session, 'session.json', 4);
    expect(reopened.labelEdits).toHaveLength(10);
    expect(reopened.results.senders.labelNames).toContain('analyst-A');
    const undone = api.relabel(unlabelled.map((s) => ({ ip: results.senders.vocab[s], label: null })));
    expect(undone.senders.labelNames).toEqual(results.senders.labelNames);
    expect(undone.classification!.accuracy).toBe(results.classification!.accuracy);
  }, 90_000);
});
