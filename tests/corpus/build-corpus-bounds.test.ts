// What keeps the corpus step's memory bounded by the kept data, and its counts
// honest: window compaction must not change a single sentence, packet counts
// never wrap, and a filter that empties the corpus says which.
import { describe, expect, it } from 'vitest';
import { buildCorpus, type CorpusOptions } from '../../src/corpus/build-corpus';
import { CHECK } from '../../src/ingest/record-checks';
import { sourceOf } from '../ingest/trace-fixtures';

async function build(text: string, options: Partial<CorpusOptions> = {}) {
  return buildCorpus(() => sourceOf(text, 4096), { fileName: 'trace.csv', minPackets: 1, ...options });
}

/** A seeded trace full of repeats, out of time order, over a few services and windows. */
function repetitiveTrace(seed: number, rows: number): string {
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296);
  const lines = ['ts,src_ip,dst_port,proto'];
  let ts = 1617148800;
  for (let i = 0; i < rows; i++) {
    if (next() < 0.3) ts += Math.floor(next() * 50) - 10; // sometimes back in time
    const sender = `10.0.0.${Math.floor(next() ** 3 * 6)}`;
    const port = [23, 80, 445, 5555][Math.floor(next() * 4)];
    const burst = 1 + Math.floor(next() * 4);
    for (let b = 0; b < burst; b++) lines.push(`${ts},${sender},${port},6`);
  }
  return lines.join('\n') + '\n';
}

describe('window compaction', () => {
  it.each(['single', 'dks', 'hybrid'] as const)('gives the same corpus as no compaction (%s services)', async (services) => {
    for (const seed of [1, 2]) {
      const trace = repetitiveTrace(seed, 1500);
      const plain = await build(trace, { services, compactFrom: 1 << 30 });
      const compacted = await build(trace, { services, compactFrom: 16 });
      expect(Array.from(compacted.corpus.tokens)).toEqual(Array.from(plain.corpus.tokens));
      expect(Array.from(compacted.corpus.offsets)).toEqual(Array.from(plain.corpus.offsets));
      expect({ ...compacted.report, windowPeakRows: 0 }).toEqual({ ...plain.report, windowPeakRows: 0 });
      // ... and compaction did drop rows on the way.
      expect(compacted.report.windowPeakRows).toBeLessThan(plain.report.windowPeakRows);
    }
  });
});

describe('packet counts', () => {
  it('refuses per row what would take a sender past 2^31-1, and the totals agree with what is kept', async () => {
    const trace = 'ts,src_ip,dst_port,proto,packets\n' +
      '1617148800,1.1.1.1,23,6,2147483647\n' +
      '1617148801,1.1.1.1,23,6,2147483647\n' +
      '1617148802,2.2.2.2,23,6,5\n' +
      '1617148803,1.1.1.1,80,6,1\n' +
      '1617148804,3.3.3.3,23,6,4294967296\n';
    const { corpus, report } = await build(trace);
    expect(corpus.vocab).toEqual(['1.1.1.1', '2.2.2.2']);
    expect(Array.from(corpus.packets)).toEqual([2147483647, 5]);
    expect(report.packets).toBe(2147483647 + 5);
    expect(report.packetsKept).toBe(report.packets);
    expect(report.rowsSkipped.byReason).toEqual({ [CHECK.senderPackets]: 2, [CHECK.packets]: 1 });
    expect(report.rowsSkipped.lines).toEqual({ [CHECK.senderPackets]: [3, 5], [CHECK.packets]: [6] });
    expect(report.rowsRead).toBe(5);
  });
});

describe('an empty corpus', () => {
  it('names the trace and the filter that emptied it', async () => {
    const { report } = await build('ts,src_ip,dst_port\n1617148800,1.1.1.1,23\n1617148801,1.1.1.1,23\n', { minPackets: 10 });
    expect(report.emptiedBy).toEqual({ filter: 'min-packets', minPackets: 10, busiestSender: 2 });
    expect(report.warnings).toContain('trace.csv: no sender has at least 10 packets (the busiest has 2): the --min-packets filter left the corpus empty');
  });
});

describe('a bomb of repeated rows', () => {
  it('holds a bounded window whatever the number of rows (1 M rows, one window, one sender)', async () => {
    const row = new TextEncoder().encode('1617148800,192.0.2.66,23,6\n'.repeat(10_000));
    async function* bomb() {
      yield new TextEncoder().encode('ts,src_ip,dst_port,proto\n');
      for (let i = 0; i < 100; i++) yield row;
    }
    const { corpus, report } = await buildCorpus(() => bomb(), { fileName: 'bomb.csv', compactFrom: 4096, logRows: 1000 });
    expect(report.rowsRead).toBe(1_000_000);
    expect(report.windowPeakRows).toBeLessThanOrEqual(4096);
    expect(Array.from(corpus.tokens)).toEqual([0]);
    expect(Array.from(corpus.packets)).toEqual([1_000_000]);
  });
});
