import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PcapWriter } from '../../src/simulate/pcap-writer';
import { PcapDecoder } from '../../src/ingest/formats/pcap';
import { RecordingSink, feed, ipv4Number } from '../ingest/formats/capture-builder';

const packets: [number, string, number, number, number, number, number][] = [
  [1617148800.25, '192.0.2.10', 23, 6, ipv4Number('198.51.100.7'), ipv4Number('198.51.100.7'), 40],
  [1617148801.999_999_7, '203.0.113.5', 53, 17, ipv4Number('198.51.100.9'), -1, 72],
  [1617148802, '192.0.2.10', -1, 1, ipv4Number('198.51.100.7'), -1, 84],
  [1617148803.5, '2001:db8::1', 22, 6, -1, 12345, 60],
  [1617148804, '2001:db8::2', -1, 1, -1, -1, -1],
];

function write(nanosecond: boolean): Uint8Array {
  const w = new PcapWriter({ nanosecond, bufferBytes: 64 });
  const head = w.header();
  for (const [ts, src, port, proto, dst, seq, len] of packets) w.packet(ts, src, port, proto, dst, seq, len);
  const body = w.take();
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

describe('pcap writer', () => {
  for (const nanosecond of [false, true]) {
    it(`writes ${nanosecond ? 'nanosecond' : 'microsecond'} pcaps our decoder reads back`, () => {
      const sink = new RecordingSink();
      feed(new PcapDecoder(sink), write(nanosecond), 13);
      expect(sink.skips).toEqual([]);
      expect(sink.packets.map((p) => [p.src, p.dstPort, p.proto, p.dstIp, p.length])).toEqual([
        ['192.0.2.10', 23, 6, ipv4Number('198.51.100.7'), 40],
        ['203.0.113.5', 53, 17, ipv4Number('198.51.100.9'), 72],
        ['192.0.2.10', -1, 1, ipv4Number('198.51.100.7'), 84],
        ['2001:db8::1', 22, 6, -1, 60],
        ['2001:db8::2', -1, 58, -1, 48],
      ]);
      expect(sink.packets[0].tcpSeq).toBe(ipv4Number('198.51.100.7'));
      expect(sink.packets[3].tcpSeq).toBe(12345);
      const ts = sink.packets.map((p) => p.ts);
      expect(ts[0]).toBe(1617148800.25);
      expect(ts[1]).toBeCloseTo(nanosecond ? 1617148801.9999997 : 1617148802, 6);
    });
  }

  it('writes files tshark reads the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-writer-'));
    try {
      const file = join(dir, 'w.pcap');
      writeFileSync(file, write(false));
      const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'ip.src', '-e', 'ipv6.src', '-e', 'tcp.dstport', '-e', 'udp.dstport', '-e', 'tcp.seq_raw'], { encoding: 'utf8' });
      expect(out.replace(/\n$/, '').split('\n').map((l) => l.split('\t'))).toEqual([
        ['192.0.2.10', '', '23', '', String(ipv4Number('198.51.100.7'))],
        ['203.0.113.5', '', '', '53', ''],
        ['192.0.2.10', '', '', '', ''],
        ['', '2001:db8::1', '22', '', '12345'],
        ['', '2001:db8::2', '', '', ''],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
