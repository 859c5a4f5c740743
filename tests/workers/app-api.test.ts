// The page's worker API run in Node: the same calls the page makes, with the
// Node host (worker_threads for the kernels).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as neighbours from '../../src/analyze/nearest-neighbours';
import { createAppApi, type NamedBlob } from '../../src/workers/app-api';
import { nodeHost } from '../../src/cli/node-host';
import { defaultParams } from '../../src/method/params';
import { sampleHours, samplePath } from './sample-slice';

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
