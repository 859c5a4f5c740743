import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openBlobSource, openPathSource, type ByteSource } from '../../../src/ingest/byte-source';
import { decodeTrace } from '../../../src/ingest/decoders';
import { sniffParquet } from '../../../src/ingest/formats/parquet';
import { sourceOf } from '../trace-fixtures';
import { RecordingSink, ipv4Number } from './capture-builder';
import { parquetBytes } from './parquet-writer';

const dir = mkdtempSync(join(tmpdir(), 'darkvec-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 1617148800;
const n = 10;
const trace = parquetBytes(
  [
    { name: 'ts', data: Array.from({ length: n }, (_, i) => T0 + i + 0.5), type: 'DOUBLE' },
    { name: 'src_ip', data: Array.from({ length: n }, (_, i) => (i === 9 ? '2001:db8::1' : `192.0.2.${i}`)), type: 'STRING' },
    { name: 'dst_ip', data: Array.from({ length: n }, () => '198.51.100.7'), type: 'STRING' },
    { name: 'dst_port', data: Array.from({ length: n }, (_, i) => (i === 4 ? null : 20 + i)), type: 'INT32' },
    { name: 'proto', data: Array.from({ length: n }, (_, i) => (i === 4 ? 1 : 6)), type: 'INT32' },
    { name: 'tcp_seq', data: Array.from({ length: n }, (_, i) => (i === 4 ? null : BigInt(ipv4Number('198.51.100.7') + (i === 0 ? 0 : i)))), type: 'INT64' },
    { name: 'ip_id', data: Array.from({ length: n }, (_, i) => (i === 1 ? 54321 : i)), type: 'INT32' },
    { name: 'tcp_flags', data: Array.from({ length: n }, (_, i) => (i === 4 ? null : i === 2 ? 'SA' : 'S')), type: 'STRING' },
    { name: 'icmp_type', data: Array.from({ length: n }, (_, i) => (i === 4 ? 3 : null)), type: 'INT32' },
  ],
  3, // four row groups
);

async function decode(source: ByteSource, fileName = 'trace.parquet') {
  const sink = new RecordingSink();
  const { format } = await decodeTrace(source, sink, { fileName });
  return { format, sink };
}

describe('Parquet traces', () => {
  it('reads every row group, from a file read at offsets', async () => {
    expect(sniffParquet(trace)).toBe(true);
    const path = join(dir, 'trace.parquet');
    writeFileSync(path, trace);
    const { format, sink } = await decode(openPathSource(path));
    expect(format).toBe('parquet');
    expect(sink.skips).toEqual([]);
    expect(sink.packets.length).toBe(n);
    expect(sink.packets[0]).toEqual({ ts: T0 + 0.5, src: '192.0.2.0', dstPort: 20, proto: 6, packets: 1, dstIp: ipv4Number('198.51.100.7'), length: -1, tcpSeq: ipv4Number('198.51.100.7') });
    expect(sink.packets[4]).toMatchObject({ src: '192.0.2.4', dstPort: -1, proto: 1, tcpSeq: -1 });
    expect(sink.packets[9].src).toBe('2001:db8::1');
    expect(sink.headers.slice(0, 5)).toEqual([
      { ipId: 0, tcpFlags: 2, icmpType: -1 },
      { ipId: 54321, tcpFlags: 2, icmpType: -1 },
      { ipId: 2, tcpFlags: 0x12, icmpType: -1 },
      { ipId: 3, tcpFlags: 2, icmpType: -1 },
      { ipId: 4, tcpFlags: -1, icmpType: 3 },
    ]);
  });

  it('gives the same packets from a Blob, from a stream held whole, and gzip-wrapped', async () => {
    const expected = (await decode(sourceOf(trace, 1000))).sink.packets;
    expect(expected.length).toBe(n);
    for (const source of [openBlobSource(new Blob([trace as Uint8Array<ArrayBuffer>])), sourceOf(new Uint8Array(gzipSync(trace)), 64)]) {
      const { format, sink } = await decode(source);
      expect(format).toBe('parquet');
      expect(sink.packets).toEqual(expected);
    }
  });

  it('finds columns by the CSV aliases; reads TIMESTAMP columns, numeric addresses and protocol names', async () => {
    const bytes = parquetBytes([
      { name: 'time', data: [new Date((T0 + 1) * 1000), new Date((T0 + 2) * 1000)], type: 'TIMESTAMP' },
      { name: 'saddr', data: [BigInt(ipv4Number('203.0.113.9')), BigInt(ipv4Number('203.0.113.10'))], type: 'INT64' },
      { name: 'dport', data: [443, 53], type: 'INT32' },
      { name: 'protocol', data: ['tcp', 'UDP'], type: 'STRING' },
      { name: 'pkts', data: [3, 1], type: 'INT32' },
    ]);
    const { sink } = await decode(sourceOf(bytes, 100));
    expect(sink.packets.map((p) => [p.ts, p.src, p.dstPort, p.proto, p.packets])).toEqual([
      [T0 + 1, '203.0.113.9', 443, 6, 3],
      [T0 + 2, '203.0.113.10', 53, 17, 1],
    ]);
  });

  it('skips rows that do not read, by row number, and refuses files without the columns or cut short', async () => {
    const bytes = parquetBytes([
      { name: 'ts', data: [T0, null, T0 + 2], type: 'DOUBLE' },
      { name: 'src_ip', data: ['192.0.2.1', '192.0.2.2', 'nope'], type: 'STRING' },
      { name: 'dst_port', data: [80, 80, 80], type: 'INT32' },
    ]);
    const { sink } = await decode(sourceOf(bytes));
    expect(sink.skips).toEqual([{ line: 2, reason: 'missing field' }, { line: 3, reason: 'bad IP address' }]);
    const wrong = parquetBytes([{ name: 'when', data: [1], type: 'INT32' }]);
    await expect(decode(sourceOf(wrong), 'w.parquet')).rejects.toThrow(/^w\.parquet: no column for timestamp .*columns found: "when" \(Parquet columns\)$/);
    const cut = trace.subarray(0, trace.length - 20);
    await expect(decode(sourceOf(cut), 'cut.parquet')).rejects.toThrow(/^cut\.parquet: parquet: cannot read the file's footer \(.*the file ends at byte \d+\)$/);
  });
});
