// Several traces of the same days make one corpus: a darknet CSV and a Cowrie
// honeypot log here. Each sender is one token wherever it appears, windows
// merge both traces in time order, and each kept sender knows which traces it
// was in.
import { describe, expect, it } from 'vitest';
import { buildCorpus, MAX_INPUTS, type CorpusInput } from '../../src/corpus/build-corpus';
import type { Corpus } from '../../src/corpus/corpus';
import { sourceOf } from '../ingest/trace-fixtures';

function sentences(corpus: Corpus): string[][] {
  const out: string[][] = [];
  for (let s = 0; s + 1 < corpus.offsets.length; s++) out.push(Array.from(corpus.tokens.subarray(corpus.offsets[s], corpus.offsets[s + 1]), (t) => corpus.vocab[t]));
  return out;
}

const T0 = 1617148800;
const iso = (t: number) => new Date(t * 1000).toISOString();
const darknet = 'ts,src_ip,dst_port,proto\n' + [
  `${T0 + 1},192.0.2.1,22,6`, `${T0 + 5},192.0.2.2,22,6`, `${T0 + 9},192.0.2.1,22,6`, `${T0 + 3700},192.0.2.2,22,6`, 'bad,row,here,6',
].join('\n') + '\n';
// 192.0.2.1 is in both; 203.0.113.5 only in the honeypot.
const cowrie = [
  { eventid: 'cowrie.session.connect', src_ip: '192.0.2.1', dst_port: 22, session: 's1', timestamp: iso(T0 + 3) },
  { eventid: 'cowrie.login.failed', src_ip: '192.0.2.1', session: 's1', timestamp: iso(T0 + 4) },
  { eventid: 'cowrie.session.connect', src_ip: '203.0.113.5', dst_port: 22, session: 's2', timestamp: iso(T0 + 7) },
].map((e) => JSON.stringify(e)).join('\n') + '\n';

const inputs = (): CorpusInput[] => [
  { open: () => sourceOf(darknet, 11), fileName: 'darknet.csv', totalBytes: darknet.length },
  { open: () => sourceOf(cowrie, 17), fileName: 'cowrie.json', totalBytes: cowrie.length },
];

describe('a corpus of several traces', () => {
  it('merges them window by window in time order, one token per sender, and marks which traces each sender was in', async () => {
    const { corpus, stats, report } = await buildCorpus(inputs(), { fileName: 'darknet.csv + cowrie.json', minPackets: 1, services: 'single' });
    expect(corpus.vocab).toEqual(['192.0.2.1', '192.0.2.2', '203.0.113.5']);
    expect(sentences(corpus)).toEqual([['192.0.2.1', '192.0.2.2', '203.0.113.5', '192.0.2.1'], ['192.0.2.2']]);
    expect(Array.from(stats.sources!)).toEqual([0b11, 0b01, 0b10]);
    expect(Array.from(stats.packets)).toEqual([4, 2, 1]);
    expect(report.format).toBe('delimited + cowrie');
    expect(report.inputs).toEqual([
      { fileName: 'darknet.csv', format: 'delimited', rows: 4, packets: 4, senders: 2, sendersKept: 2 },
      { fileName: 'cowrie.json', format: 'cowrie', rows: 3, packets: 3, senders: 2, sendersKept: 2 },
    ]);
    expect(report.sendersInSeveral).toBe(1);
    expect(report.rowsRead).toBe(8);
    // A skipped row names its file: line numbers of two files would be ambiguous.
    expect(report.rowsSkipped.first[0].line).toBe(6);
    expect(Object.keys(report.rowsSkipped.byReason)[0]).toMatch(/^darknet\.csv: /);
  });

  it('applies the sender filter to the packets of all traces together', async () => {
    const { corpus, report } = await buildCorpus(inputs(), { fileName: 'both', minPackets: 3, services: 'single' });
    expect(corpus.vocab).toEqual(['192.0.2.1']);
    expect(report.inputs.map((i) => i.sendersKept)).toEqual([1, 1]);
    expect(report.sendersInSeveral).toBe(1);
  });

  it('reports progress over both traces, and a single trace as before', async () => {
    const seen: [number, number, number][] = [];
    await buildCorpus(inputs(), { fileName: 'both', minPackets: 1 }, (p) => seen.push([p.pass, p.input, p.bytes]));
    const total = darknet.length + cowrie.length;
    expect(seen.filter(([pass]) => pass === 1).at(-1)).toEqual([1, 1, total]);
    expect(seen.filter(([pass]) => pass === 2).at(-1)).toEqual([2, 1, total]);
    const single = await buildCorpus(() => sourceOf(darknet), { fileName: 'darknet.csv', minPackets: 1 });
    expect(single.report.inputs).toHaveLength(1);
    expect(single.report.sendersInSeveral).toBe(0);
    expect(Array.from(single.stats.sources!)).toEqual([1, 1]);
    expect(Object.keys(single.report.rowsSkipped.byReason)[0]).not.toMatch(/darknet\.csv/);
  });

  it('refuses more traces than the bitmask holds', async () => {
    const many = Array.from({ length: MAX_INPUTS + 1 }, () => inputs()[0]);
    await expect(buildCorpus(many, { fileName: 'many' })).rejects.toThrow(/at most 8 traces/);
  });
});
