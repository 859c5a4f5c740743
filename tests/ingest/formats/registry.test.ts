// The formats as the ingest sees them: detected from their first bytes (gzip
// or not), decoded through decodeTrace, errors naming the file.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../../src/ingest/decoders';
import { sourceOf } from '../trace-fixtures';
import { PcapngBuilder, RecordingSink, ethernet, ipv4Packet, pcapFile } from './capture-builder';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
const syn = ipv4Packet('192.0.2.10', '198.51.100.7', { proto: 6, dstPort: 23, seq: 1 });
const pcap = pcapFile([{ sec: 1617148800, frac: 0, data: ethernet(syn) }]);
const pcapng = new PcapngBuilder().section().interface(1).enhanced(0, 1617148800_000000n, ethernet(syn)).build();

async function decode(bytes: Uint8Array, fileName = 'trace') {
  const sink = new RecordingSink();
  const { format } = await decodeTrace(sourceOf(bytes, 1000), sink, { fileName });
  return { format, sink };
}

describe('format detection in the ingest', () => {
  const cases: [string, Uint8Array, string, number][] = [
    ['pcap', pcap, '192.0.2.10', 1],
    ['pcapng', pcapng, '192.0.2.10', 1],
    ['zeek', fixture('conn.log'), '192.0.2.10', 5],
    ['zeek', fixture('conn.json.log'), '192.0.2.10', 2],
    ['suricata', fixture('eve.json'), '192.0.2.10', 6],
    ['nfdump', fixture('nfdump.csv'), '192.0.2.10', 4],
    ['raw trace', fixture('raw-trace.txt'), '192.0.2.10', 4],
    ['delimited', new TextEncoder().encode('ts src_ip dst_port proto\n1617148800 192.0.2.10 23 6\n'), '192.0.2.10', 1],
  ];
  for (const [format, bytes, first, records] of cases) {
    it(`detects ${format}${format === 'zeek' && bytes[0] === 0x7b ? ' (JSON)' : ''}, plain and gzip`, async () => {
      for (const input of [bytes, new Uint8Array(gzipSync(bytes))]) {
        const { format: detected, sink } = await decode(input);
        expect(detected).toBe(format);
        expect(sink.packets.length).toBe(records);
        expect(sink.packets[0].src).toBe(first);
      }
    });
  }

  it('names the file in binary and text errors', async () => {
    await expect(decode(pcap.slice(0, pcap.length - 3), 'cut.pcap')).rejects.toThrow('cut.pcap: pcap: input ends inside a record (3 more bytes expected) at byte 24');
    const bad = pcapng.slice();
    new DataView(bad.buffer).setUint32(28 + 4, 22, true);
    await expect(decode(bad, 'odd.pcapng')).rejects.toThrow('odd.pcapng: pcapng: block length 22 is not a multiple of 4 at byte 32');
    await expect(decode(new TextEncoder().encode('#separator \\x09\n#fields\tts\n'), 'conn.log')).rejects.toThrow(/^conn\.log: zeek: line 2: #fields lacks/);
  });
});
