// The page and the command line give the same files for the same run: the
// page's worker path (the worker API the page calls, run here in Node) and
// `darkvec analyze` as a user runs it, at 1 thread with seed 15, byte for byte.
// The run uses every input a run can have: a labels file, a second trace (a
// Cowrie log of the same hours), an IP database, the fingerprint classes and
// the k-NN graph.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { createAppApi } from '../../src/workers/app-api';
import { nodeHost } from '../../src/cli/node-host';
import { defaultParams } from '../../src/method/params';
import type { OutputName } from '../../src/method/outputs';
import { runCli } from '../cli/run-cli';
import { enableRelaxedSimd } from '../../src/kernels/node-relaxed-simd';
import { sampleHours, samplePath, SAMPLE_START } from '../workers/sample-slice';
import { sampleIp2asn } from '../enrich/sample-ip2asn';
import { cowrieLog } from '../ingest/formats/cowrie-writer';

const FILES: OutputName[] = ['embeddings.txt', 'clusters.csv', 'classification.csv', 'report.json', 'cluster-summaries.json', 'vectors.tsv', 'metadata.tsv', 'graph.gexf'];

it('the page\'s worker path and darkvec analyze write identical files', async () => {
  // Both pick the fastest kernel build their engine compiles: relaxed SIMD in Chromium and in the
  // CLI (which turns Node 20's flag on); this process turns it on too, so both run the same build.
  await enableRelaxedSimd();
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-parity-'));
  const trace = gzipSync(sampleHours(8));
  writeFileSync(join(dir, 'trace.csv.gz'), trace);
  const labels = readFileSync(samplePath('labels.csv'));
  writeFileSync(join(dir, 'labels.csv'), labels);
  // Honeypot attackers: three of the slice's senders and two of its own.
  const slice = sampleHours(8).split('\n').slice(1, 4000).map((l) => l.split(',')[1]).filter(Boolean);
  const cowrie = cowrieLog([...new Set(slice)].slice(0, 3).concat(['203.0.113.7', '203.0.113.8']), SAMPLE_START);
  writeFileSync(join(dir, 'cowrie.json'), cowrie);
  const ip2asn = sampleIp2asn();
  writeFileSync(join(dir, 'ip2asn.tsv'), ip2asn);

  const cli = await runCli([
    'analyze', '--trace', join(dir, 'trace.csv.gz'), '--trace', join(dir, 'cowrie.json'), '--labels', join(dir, 'labels.csv'),
    '--asn', join(dir, 'ip2asn.tsv'), '--fingerprints', '--gexf', '--out', join(dir, 'cli'), '--threads', '1', '--epochs', '3', '--quiet',
  ], 120_000);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);

  const api = createAppApi(nodeHost);
  const params = { ...defaultParams(nodeHost.cores), threads: 1, epochs: 3, fingerprints: true };
  await api.addDatabases([{ blob: new Blob([ip2asn]), name: 'ip2asn.tsv' }], 0);
  await api.ingest({
    trace: { blob: new Blob([trace]), name: 'trace.csv.gz' }, extraTraces: [{ blob: new Blob([cowrie]), name: 'cowrie.json' }],
    labels: { blob: new Blob([labels]), name: 'labels.csv' }, params,
  }, 1);
  await api.train(params, false, 2);
  await api.analyze(params, 3);
  // The page runs the curve after showing the results, in its compute worker, and hands it back.
  api.setCurve(await api.modularityCurve(api.projectionInput()));

  for (const name of FILES) {
    const page = Buffer.from(await api.exportFile(name).arrayBuffer()).toString('utf8');
    expect(page.length, name).toBeGreaterThan(100);
    expect(page, name).toBe(readFileSync(join(dir, 'cli', name), 'utf8'));
  }
  const report = JSON.parse(readFileSync(join(dir, 'cli', 'report.json'), 'utf8'));
  expect(report.clustering.curve).toHaveLength(14);
  expect(report.labels.file).toBe('labels.csv');
  // The run had what it was meant to have: enrichment, two traces, fingerprint classes.
  expect(report.enrichment.enriched).toBeGreaterThan(100);
  expect(report.input.sendersInSeveral).toBeGreaterThan(0);
  expect(report.labels.fingerprints.enabled).toBe(true);
  expect(readFileSync(join(dir, 'cli', 'clusters.csv'), 'utf8').split('\n')[0]).toMatch(/,asn,as_name,country,.*,sources$/);
}, 180_000);
