// The fingerprint fields the frame decoder reads: IPv4 ID, TCP flags, ICMP type.
import { describe, expect, it } from 'vitest';
import { PcapDecoder } from '../../../src/ingest/formats/pcap';
import { PcapngDecoder } from '../../../src/ingest/formats/pcapng';
import { PcapngBuilder, RecordingSink, ethernet, feed, ipv4Packet, ipv6Packet, pcapFile } from './capture-builder';

function decodePcap(frames: number[][], captured?: number): RecordingSink {
  const sink = new RecordingSink();
  feed(new PcapDecoder(sink), pcapFile(frames.map((data, i) => ({ sec: 100 + i, frac: 0, data, captured }))));
  return sink;
}

describe('frame decoder: IP ID, TCP flags, ICMP type', () => {
  it('reads the IPv4 ID of TCP, UDP and ICMP packets; IPv6 has none', () => {
    const sink = decodePcap([
      ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 6, dstPort: 80 }, { id: 54321 })),
      ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 17, dstPort: 53 }, { id: 0 })),
      ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 1 }, { id: 65535 })),
      ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', { proto: 6, dstPort: 80 })),
    ]);
    expect(sink.skips).toEqual([]);
    expect(sink.headers.map((h) => h.ipId)).toEqual([54321, 0, 65535, -1]);
  });

  it('reads every TCP flag combination as the flags byte', () => {
    const frames = Array.from({ length: 256 }, (_, flags) => ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 6, dstPort: 22, flags })));
    const sink = decodePcap(frames);
    expect(sink.headers.map((h) => h.tcpFlags)).toEqual(Array.from({ length: 256 }, (_, f) => f));
    expect(sink.headers.every((h) => h.icmpType === -1)).toBe(true);
  });

  it('reads ICMP and ICMPv6 types; other protocols have none', () => {
    const types = [0, 3, 8, 11, 13, 14];
    const sink = decodePcap([
      ...types.map((icmpType) => ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 1, icmpType }))),
      ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', { proto: 58, icmpType: 129 })),
      ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', { proto: 58, icmpType: 1 })),
      ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 17, dstPort: 53 })),
    ]);
    expect(sink.headers.map((h) => h.icmpType)).toEqual([...types, 129, 1, -1]);
    expect(sink.headers.map((h) => h.tcpFlags)).toEqual(new Array(9).fill(-1));
  });

  it('gives flags -1 when the snaplen cut the TCP header before them, keeping the sequence number', () => {
    // Ethernet 14 + IPv4 20 + 8 bytes of TCP (ports and sequence number).
    const sink = decodePcap([ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 6, dstPort: 22, seq: 7, flags: 0x12 }))], 42);
    expect(sink.packets[0].tcpSeq).toBe(7);
    expect(sink.headers[0]).toEqual({ ipId: 0x1234, tcpFlags: -1, icmpType: -1 });
  });

  it('reads the same fields from pcapng', () => {
    const bytes = new PcapngBuilder()
      .section()
      .interface(1)
      .enhanced(0, 1_000_000n, ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 6, dstPort: 443, flags: 0x14 }, { id: 4242 })))
      .enhanced(0, 2_000_000n, ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 1, icmpType: 11 })))
      .build();
    const sink = new RecordingSink();
    feed(new PcapngDecoder(sink), bytes);
    expect(sink.headers).toEqual([
      { ipId: 4242, tcpFlags: 0x14, icmpType: -1 },
      { ipId: 0x1234, tcpFlags: -1, icmpType: 11 },
    ]);
  });
});
