// The page's ingest step (run in the pipeline worker) on the bundled sample:
// labels from the file plus, unless switched off, the Mirai fingerprint's class.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestTrace } from '../../src/workers/ingest-trace';
import type { CorpusOptions } from '../../src/workers/pipeline-types';

const sample = (name: string) => readFileSync(fileURLToPath(new URL(`../../samples/${name}`, import.meta.url)));
const options: CorpusOptions = { services: 'dks', topPorts: 10, window: 3600, minPackets: 10 };

describe('ingestTrace', () => {
  const trace = new Blob([sample('trace.csv.gz')]);
  const labelsText = sample('labels.csv').toString('utf8');
  const truth = new Map(sample('truth.csv').toString('utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
  // The analyst's list without its Mirai-like rows: only the fingerprint can find them.
  const withoutMirai = { blob: new Blob([labelsText.split('\n').filter((l) => !l.endsWith(',Mirai-like')).join('\n')]), name: 'no-mirai.csv' };
  const noop = () => {};

  it('labels every kept Mirai bot Mirai-like by its fingerprint, and nothing else', async () => {
    const r = await ingestTrace(trace, 'trace.csv.gz', withoutMirai, options, noop);
    const mirai = r.labels.names.indexOf('Mirai-like');
    expect(mirai).toBeGreaterThanOrEqual(0);
    const bots = r.corpus.vocab.filter((ip) => truth.get(ip)!.startsWith('mirai-'));
    const labelled = r.corpus.vocab.filter((_, i) => r.labels.ofSender[i] === mirai);
    expect(labelled).toEqual(bots);
    expect(r.summary.mirai).toEqual({ columns: true, senders: bots.length, labelled: bots.length });
    expect(r.summary.labelled).toBe(r.labels.ofSender.filter((id) => id >= 0).length);
  });

  it('leaves the labels file alone when the option is off', async () => {
    const r = await ingestTrace(trace, 'trace.csv.gz', withoutMirai, { ...options, miraiClass: false }, noop);
    expect(r.labels.names).not.toContain('Mirai-like');
    expect(r.summary.mirai!.labelled).toBe(0);
    expect(r.summary.mirai!.senders).toBeGreaterThan(500);
  });

  it('says so when the trace has no fingerprint columns', async () => {
    const csv = ['ts,src_ip,dst_port,proto', ...Array.from({ length: 12 }, (_, i) => `${1617148800 + i},192.0.2.1,23,tcp`)].join('\n');
    const r = await ingestTrace(new Blob([csv]), 'plain.csv', null, options, noop);
    expect(r.summary.mirai).toEqual({ columns: false, senders: 0, labelled: 0 });
    expect(r.labels.names).toEqual([]);
  });
});
