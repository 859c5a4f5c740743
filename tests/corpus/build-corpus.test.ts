import { describe, expect, it } from 'vitest';
import { buildCorpus, type CorpusOptions } from '../../src/corpus/build-corpus';
import type { Corpus } from '../../src/corpus/corpus';
import { gzipped, sourceOf } from '../ingest/trace-fixtures';

function sentences(corpus: Corpus): string[][] {
  const out: string[][] = [];
  for (let s = 0; s + 1 < corpus.offsets.length; s++) {
    out.push(Array.from(corpus.tokens.subarray(corpus.offsets[s], corpus.offsets[s + 1]), (t) => corpus.vocab[t]));
  }
  return out;
}

async function build(text: string | Uint8Array, options: Partial<CorpusOptions> = {}) {
  return buildCorpus(() => sourceOf(text, 13), { fileName: 'trace.csv', minPackets: 1, ...options });
}

const header = 'ts,src,port,proto\n';

describe('sentences', () => {
  it('one sentence per window and service, senders in time order, repeats collapsed', async () => {
    const trace =
      header +
      '0,1.0.0.1,23,6\n' +
      '1,1.0.0.1,23,6\n' + // repeat: collapsed
      '2,1.0.0.2,23,6\n' +
      '3,1.0.0.1,23,6\n' + // A B A stays
      '4,1.0.0.3,22,6\n' +
      '3599.999,1.0.0.3,23,6\n' +
      '3600,1.0.0.4,23,6\n'; // exactly on the boundary: next window
    const { corpus, report } = await build(trace, { services: 'dks' });
    expect(sentences(corpus)).toEqual([['1.0.0.3'], ['1.0.0.1', '1.0.0.2', '1.0.0.1', '1.0.0.3'], ['1.0.0.4']]);
    expect(report.sentences).toBe(3);
    expect(report.tokens).toBe(6);
    expect(corpus.vocab).toEqual(['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.4']);
  });

  it('orders by timestamp, input order among equal timestamps, whatever the input order', async () => {
    const rows = ['5,1.0.0.5,80,6', '2,1.0.0.2,80,6', '2,1.0.0.3,80,6', '7200,9.0.0.1,80,6', '1,1.0.0.1,80,6', '2,1.0.0.4,80,6', '3601,8.0.0.1,80,6'];
    const { corpus } = await build(header + rows.join('\n') + '\n', { services: 'single' });
    expect(sentences(corpus)).toEqual([['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.4', '1.0.0.5'], ['8.0.0.1'], ['9.0.0.1']]);
  });

  it('a custom window length', async () => {
    const { corpus } = await build(header + '0,1.0.0.1,80,6\n59,1.0.0.2,80,6\n60,1.0.0.3,80,6\n', { services: 'single', window: 60 });
    expect(sentences(corpus)).toEqual([['1.0.0.1', '1.0.0.2'], ['1.0.0.3']]);
  });
});

describe('the sender filter', () => {
  it('keeps senders with at least min-packets packets (10 by default), counting flow records by their packets', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 10; i++) rows.push(`${i},10.0.0.10,80,6,1`);
    for (let i = 0; i < 9; i++) rows.push(`${i},10.0.0.9,80,6,1`);
    rows.push('5,10.0.0.99,80,6,9', '6,10.0.0.99,80,6,1'); // a flow of 9 packets + 1
    rows.push('7,10.0.0.98,80,6,9');
    const { corpus, report, stats } = await buildCorpus(() => sourceOf('ts,src,port,proto,pkts\n' + rows.join('\n')), {
      fileName: 'f.csv',
      services: 'single',
    });
    expect(corpus.vocab).toEqual(['10.0.0.10', '10.0.0.99']);
    expect(Array.from(corpus.packets)).toEqual([10, 10]);
    expect(Array.from(stats.packets)).toEqual([10, 10]);
    expect(report.sendersBefore).toBe(4);
    expect(report.sendersAfter).toBe(2);
    expect(report.packets).toBe(10 + 9 + 10 + 9);
    // The flow record appears once, at its start time.
    expect(sentences(corpus)).toEqual([['10.0.0.10', '10.0.0.99', '10.0.0.10', '10.0.0.99', '10.0.0.10']]);
  });
});

describe('services', () => {
  const trace =
    header +
    '0,1.0.0.1,23,6\n' +
    '1,1.0.0.2,2323,6\n' +
    '2,1.0.0.3,445,6\n' +
    '3,1.0.0.4,23,6\n' +
    '4,1.0.0.5,53,17\n' +
    '5,1.0.0.6,,icmp\n' +
    '6,1.0.0.7,1000,6\n' +
    '7,1.0.0.8,30000,17\n' +
    '8,1.0.0.9,60000,6\n' +
    '9,1.0.0.1,445,6\n';

  it('single: every packet in one sentence per window', async () => {
    const { corpus, report } = await build(trace, { services: 'single' });
    expect(report.serviceNames).toEqual(['all']);
    expect(sentences(corpus)).toEqual([['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.4', '1.0.0.5', '1.0.0.6', '1.0.0.7', '1.0.0.8', '1.0.0.9', '1.0.0.1']]);
  });

  it('auto: the top-N port/protocol pairs by packets, the rest "other", sentences by service name', async () => {
    const { corpus, report } = await build(trace, { services: 'auto', topPorts: 2 });
    expect(report.serviceNames).toEqual(['23/tcp', '445/tcp', 'other']);
    expect(sentences(corpus)).toEqual([
      ['1.0.0.1', '1.0.0.4'],
      ['1.0.0.3', '1.0.0.1'],
      ['1.0.0.2', '1.0.0.5', '1.0.0.6', '1.0.0.7', '1.0.0.8', '1.0.0.9'],
    ]);
  });

  it('dks: the dictionary, then the port-range and icmp fallbacks', async () => {
    const { corpus, report } = await build(trace, { services: 'dks' });
    const named = sentences(corpus).map((s, i) => [s, i] as const);
    expect(report.serviceNames).toContain('unk_eph');
    // names in sorted order: dns, icmp, smb, telnet, unk_eph, unk_sys, unk_usr
    expect(named.map(([s]) => s)).toEqual([
      ['1.0.0.5'], // dns
      ['1.0.0.6'], // icmp
      ['1.0.0.3', '1.0.0.1'], // smb
      ['1.0.0.1', '1.0.0.2', '1.0.0.4'], // telnet: 23 and 2323
      ['1.0.0.9'], // unk_eph
      ['1.0.0.7'], // unk_sys
      ['1.0.0.8'], // unk_usr
    ]);
  });

  it('hybrid: the auto corpus, then the dks corpus', async () => {
    const auto = await build(trace, { services: 'auto', topPorts: 2 });
    const dks = await build(trace, { services: 'dks' });
    const hybrid = await build(trace, { services: 'hybrid', topPorts: 2 });
    expect(sentences(hybrid.corpus)).toEqual([...sentences(auto.corpus), ...sentences(dks.corpus)]);
    expect(hybrid.report.serviceNames).toEqual([...auto.report.serviceNames, ...dks.report.serviceNames]);
  });
});

describe('statistics, log and report', () => {
  it('per-sender first/last time, distinct ports and the Mirai fingerprint', async () => {
    const trace =
      'ts,src,port,proto,dst_ip,tcp_seq\n' +
      '10,1.0.0.1,23,6,10.0.0.1,167772161\n' + // seq == dst: Mirai
      '20,1.0.0.1,23,6,10.0.0.2,5\n' +
      '30,1.0.0.1,2323,6,10.0.0.2,167772162\n' + // Mirai
      '40,1.0.0.2,53,17,10.0.0.2,\n';
    const { stats, log, report } = await build(trace, { services: 'dks' });
    expect(Array.from(stats.firstSeen)).toEqual([10, 40]);
    expect(Array.from(stats.lastSeen)).toEqual([30, 40]);
    expect(Array.from(stats.distinctPorts)).toEqual([2, 1]);
    expect(Array.from(stats.miraiPackets)).toEqual([2, 0]);
    expect(stats.hasMiraiColumns).toBe(true);
    expect(Array.from(log.ts)).toEqual([10, 20, 30, 40]);
    expect(Array.from(log.sender)).toEqual([0, 0, 0, 1]);
    expect(Array.from(log.port)).toEqual([23, 23, 2323, 53]);
    expect(Array.from(log.proto)).toEqual([6, 6, 6, 17]);
    expect(Array.from(log.fingerprints)).toEqual([1, 0, 1, 0]);
    expect(report.distinctPorts).toBe(3);
    expect(report.topPorts[0]).toEqual({ name: '23/tcp', port: 23, proto: 6, packets: 2 });
  });

  it('decimates the log to its row budget, keeping per-sender packet totals', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 100; i++) rows.push(`${i},1.0.0.${i % 3},${80 + (i % 2)},6`);
    const { log, stats, report } = await build(header + rows.join('\n'), { logRows: 20 });
    expect(report.logDecimation).toBeGreaterThan(1);
    expect(log.ts.length).toBeLessThanOrEqual(20);
    const perSender = [0, 0, 0];
    for (let i = 0; i < log.ts.length; i++) perSender[log.sender[i]] += log.packets[i];
    expect(perSender).toEqual(Array.from(stats.packets));
    for (let i = 1; i < log.ts.length; i++) expect(log.ts[i]).toBeGreaterThanOrEqual(log.ts[i - 1]);
  });

  it('reports rows, skips, hours and time span', async () => {
    const trace = header + '0,1.0.0.1,80,6\nx,1.0.0.1,80,6\n3600,1.0.0.1,80,6\n3700,1.0.0.2,80,6\n';
    const { report } = await build(gzipped(trace));
    expect(report.rowsRead).toBe(4);
    expect(report.rowsSkipped).toEqual({ total: 1, byReason: { 'bad timestamp': 1 }, first: [{ line: 3, reason: 'bad timestamp' }], lines: { 'bad timestamp': [3] } });
    expect(Array.from(report.hourly.start)).toEqual([0, 3600]);
    expect(Array.from(report.hourly.packets)).toEqual([1, 2]);
    expect([report.firstTime, report.lastTime]).toEqual([0, 3700]);
  });

  it('refuses a trace whose every row is bad, naming the first ones', async () => {
    await expect(build(header + 'x,1.0.0.1,80,6\n1,1.0.0.1,99999,6\n')).rejects.toThrow(
      'trace.csv: all 2 rows were skipped (line 2: bad timestamp; line 3: port not an integer in 0-65535)',
    );
  });

  it('reports progress of both passes in bytes read', async () => {
    const trace = header + '0,1.0.0.1,80,6\n'.repeat(50);
    const seen: string[] = [];
    await buildCorpus(() => sourceOf(trace, 100), { fileName: 'p.csv', totalBytes: trace.length }, (p) =>
      seen.push(`${p.pass}:${p.bytes}/${p.totalBytes}`),
    );
    const last = (pass: number) => seen.filter((s) => s.startsWith(`${pass}:`)).pop();
    expect(seen[0]).toBe(`1:100/${trace.length}`);
    expect(last(1)).toBe(`1:${trace.length}/${trace.length}`);
    expect(last(2)).toBe(`2:${trace.length}/${trace.length}`);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildCorpus(() => sourceOf(header + '0,1.0.0.1,80,6\n'), { fileName: 'a' }, undefined, controller.signal)).rejects.toThrow(/abort/i);
  });
});
