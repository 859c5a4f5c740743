import { describe, expect, it } from 'vitest';
import { previewTrace, PREVIEW_COLUMNS, PREVIEW_FIELD_CHARS } from '../../src/ingest/preview-trace';
import { previewAdvice } from '../../src/ingest/preview-advice';
import { CHECK } from '../../src/ingest/record-checks';
import { gzipped, sourceOf } from './trace-fixtures';
import { ethernet, ipv4Packet, pcapFile } from './formats/capture-builder';

const tcp = (sec: number) => ({ sec, frac: 0, data: ethernet(ipv4Packet('192.0.2.1', '203.0.113.5', { proto: 6, dstPort: 23 })) });

it('shows the header, the first rows, the delimiter and the detected mapping', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${1617148800 + i}\t10.0.0.${i}\t23\ttcp\t3`).join('\n');
  const preview = await previewTrace(sourceOf(gzipped(`time\tsaddr\tdport\tprotocol\tpkts\n${rows}\n`)), 'flows.tsv.gz', 3);
  expect(preview).toMatchObject({
    format: 'delimited',
    structured: false,
    header: ['time', 'saddr', 'dport', 'protocol', 'pkts'],
    rows: [
      ['1617148800', '10.0.0.0', '23', 'tcp', '3'],
      ['1617148801', '10.0.0.1', '23', 'tcp', '3'],
      ['1617148802', '10.0.0.2', '23', 'tcp', '3'],
    ],
    delimiter: '\t',
    mapping: { ts: 0, src: 1, dstPort: 2, proto: 3, dstIp: -1, length: -1, tcpSeq: -1, packets: 4, ipId: -1, tcpFlags: -1, icmpType: -1 },
    missing: [],
    ambiguous: [],
  });
  expect(preview.verdict.error).toBeUndefined();
  expect(preview.verdict.records).toBeGreaterThanOrEqual(3);
  expect(previewAdvice('flows.tsv.gz', preview).level).toBe('ready');
});

it('names the required fields the header lacks, so the user can map them', async () => {
  const preview = await previewTrace(sourceOf('when,who,port\n1,1.1.1.1,80\n'), 'odd.csv');
  expect(preview.missing).toEqual(['ts', 'src']);
  expect(preview.rows).toEqual([['1', '1.1.1.1', '80']]);
  expect(previewAdvice('odd.csv', preview)).toMatchObject({ level: 'map', detail: expect.stringContaining('no column found for timestamp, sender IP') });
});

describe('caps', () => {
  it('a 100,000-column header keeps every column index but clips what the rows carry', async () => {
    const names = Array.from({ length: 100_000 }, (_, i) => (i === 0 ? 'ts' : i === 1 ? 'src_ip' : i === 2 ? 'dst_port' : `c${i}`));
    const row = names.map((_, i) => (i === 0 ? '1617148800' : i === 1 ? '1.2.3.4' : '23'));
    const preview = await previewTrace(sourceOf(names.join(',') + '\n' + row.join(',') + '\n', 1 << 16), 'wide.csv');
    expect(preview.header).toHaveLength(100_000);
    expect(preview.rows[0]).toHaveLength(PREVIEW_COLUMNS);
    expect(preview.mapping).toMatchObject({ ts: 0, src: 1, dstPort: 2 });
  });

  it('a long field is clipped; a line past 1 MiB is refused like the corpus refuses it', async () => {
    const long = await previewTrace(sourceOf(`ts,src_ip,dst_port,note\n1617148800,1.2.3.4,23,${'x'.repeat(100_000)}\n`, 4096), 'long.csv');
    expect(long.rows[0][3]).toHaveLength(PREVIEW_FIELD_CHARS + 1);
    await expect(previewTrace(sourceOf(`ts,src_ip,dst_port\n${'1'.repeat(1_200_000)}\n`, 1 << 16), 'huge.csv')).rejects.toThrow(
      'huge.csv: line 2 is longer than 1048576 bytes',
    );
  });
});

describe('refusals and verdicts at once', () => {
  it('a repeated column is left for the user to choose, with the reason', async () => {
    const preview = await previewTrace(sourceOf('ts,src_ip,dst_port,dst_port\n1617148800,1.2.3.4,23,80\n'), 'dup.csv');
    expect(preview.mapping.dstPort).toBe(-1);
    expect(preview.ambiguous).toEqual([{ field: 'dstPort', name: 'dst_port', columns: [2, 3] }]);
    expect(previewAdvice('dup.csv', preview).detail).toContain('"dst_port" (columns 3, 4)');
  });

  it('rows the corpus would skip are counted in the preview', async () => {
    const preview = await previewTrace(sourceOf('ts,src_ip,dst_port\n1e300,1.2.3.4,23\n-5,1.2.3.4,23\n1617148800,1.2.3.4,23\n'), 'odd-times.csv');
    expect(preview.verdict.skipped.byReason).toEqual({ [CHECK.time]: 2 });
    expect(previewAdvice('odd-times.csv', preview).detail).toContain('(lines 2, 3)');
  });

  it('a valid pcap is structured and ready, with no mapping to check', async () => {
    const pcap = pcapFile([tcp(1617148800), tcp(1617148801)]);
    const preview = await previewTrace(sourceOf(pcap, 1000), 'ok.pcap');
    expect(preview).toMatchObject({ format: 'pcap', structured: true, verdict: { records: 2, complete: true } });
    expect(previewAdvice('ok.pcap', preview).level).toBe('ready');
  });

  it('a corrupt pcap shows its decoder error, with the byte offset, at once', async () => {
    const pcap = pcapFile([tcp(1617148800)]);
    const cut = pcap.subarray(0, pcap.length - 3);
    const preview = await previewTrace(sourceOf(cut, 1000), 'cut.pcap');
    expect(preview.verdict.error).toMatch(/^cut\.pcap: pcap: input ends inside a record \(3 more bytes expected\) at byte \d+$/);
    expect(previewAdvice('cut.pcap', preview)).toMatchObject({ level: 'error', detail: preview.verdict.error });
  });
});
