import { describe, expect, it } from 'vitest';
import { PcapDecoder, sniffPcap } from '../../../src/ingest/formats/pcap';
import { TraceFormatError } from '../../../src/ingest/formats/binary-records';
import {
  RecordingSink, ethernet, feed, ipv4Number, ipv4Packet, ipv6Packet, loopback, pcapFile, sll, sll2,
} from './capture-builder';

const tcp = (dstPort: number, seq: number) => ({ proto: 6, dstPort, seq });

function decode(bytes: Uint8Array, chunk = bytes.length): RecordingSink {
  const sink = new RecordingSink();
  feed(new PcapDecoder(sink), bytes, chunk);
  return sink;
}

const ip = ipv4Packet('192.0.2.10', '198.51.100.7', tcp(23, ipv4Number('198.51.100.7')));

describe('pcap', () => {
  for (const little of [false, true]) {
    for (const nsec of [false, true]) {
      it(`reads ${little ? 'little' : 'big'}-endian ${nsec ? 'nanosecond' : 'microsecond'} captures`, () => {
        const bytes = pcapFile(
          [
            { sec: 1617148800, frac: nsec ? 250_000_000 : 250_000, data: ethernet(ip) },
            { sec: 1617148801, frac: 0, data: ethernet(ipv4Packet('203.0.113.5', '198.51.100.9', { proto: 17, dstPort: 53 })) },
          ],
          { little, nsec },
        );
        expect(sniffPcap(bytes)).toBe(true);
        const sink = decode(bytes);
        expect(sink.skips).toEqual([]);
        expect(sink.packets).toEqual([
          { ts: 1617148800.25, src: '192.0.2.10', dstPort: 23, proto: 6, packets: 1, dstIp: ipv4Number('198.51.100.7'), length: 40, tcpSeq: ipv4Number('198.51.100.7') },
          { ts: 1617148801, src: '203.0.113.5', dstPort: 53, proto: 17, packets: 1, dstIp: ipv4Number('198.51.100.9'), length: 28, tcpSeq: -1 },
        ]);
      });
    }
  }

  it('reads every supported link type', () => {
    const cases: [number, number[]][] = [
      [1, ethernet(ip)],
      [101, ip],
      [12, ip],
      [228, ip],
      [113, sll(ip)],
      [276, sll2(ip)],
      [0, loopback(ip, 2, true)],
      [0, loopback(ip, 2, false)],
      [108, loopback(ip, 2, false)],
    ];
    for (const [linkType, data] of cases) {
      const sink = decode(pcapFile([{ sec: 10, frac: 0, data }], { linkType, little: true }));
      expect(sink.skips, `link type ${linkType}`).toEqual([]);
      expect(sink.packets.map((p) => [p.src, p.dstPort, p.proto]), `link type ${linkType}`).toEqual([['192.0.2.10', 23, 6]]);
    }
  });

  it('reads IPv6 over raw, Ethernet, SLL and loopback, walking extension headers', () => {
    const v6 = ipv6Packet('2001:db8::1', '2001:db8:ffff::2', tcp(443, 7));
    const hopByHop: [number, number[]] = [0, [0, 0, 1, 4, 0, 0, 0, 0]];
    const destOpts: [number, number[]] = [60, [0, 1, 1, 12, ...new Array(12).fill(0)]];
    const firstFragment: [number, number[]] = [44, [0, 0, 0, 1, 0, 0, 0, 42]];
    const withExt = ipv6Packet('2001:db8:0:0:1::', '2001:db8::2', { proto: 17, dstPort: 5353 }, [hopByHop, destOpts, firstFragment]);
    const cases: [number, number[]][] = [
      [229, v6],
      [101, v6],
      [1, ethernet(v6)],
      [113, sll(v6)],
      [276, sll2(v6)],
      [0, loopback(v6, 30, true)],
      [0, loopback(v6, 24, true)],
      [108, loopback(v6, 10, false)],
      [1, ethernet(withExt)],
    ];
    for (const [i, [linkType, data]] of cases.entries()) {
      const sink = decode(pcapFile([{ sec: 10, frac: 0, data }], { linkType }));
      expect(sink.skips, `case ${i}`).toEqual([]);
      const p = sink.packets[0];
      if (i < cases.length - 1) expect([p.src, p.dstPort, p.proto, p.dstIp, p.tcpSeq, p.length]).toEqual(['2001:db8::1', 443, 6, -1, 7, 60]);
      else expect([p.src, p.dstPort, p.proto]).toEqual(['2001:db8:0:0:1::', 5353, 17]);
    }
  });

  it('reads ICMP and ICMPv6 without a port', () => {
    const sink = decode(pcapFile([
      { sec: 1, frac: 0, data: ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 1 })) },
      { sec: 2, frac: 0, data: ethernet(ipv6Packet('2001:db8::5', '2001:db8::6', { proto: 58 })) },
    ]));
    expect(sink.packets.map((p) => [p.src, p.dstPort, p.proto, p.tcpSeq])).toEqual([['192.0.2.1', -1, 1, -1], ['2001:db8::5', -1, 58, -1]]);
  });

  it('walks 802.1Q VLAN tags, single and stacked (QinQ)', () => {
    const sink = decode(pcapFile([
      { sec: 1, frac: 0, data: ethernet(ip, [0x8100]) },
      { sec: 2, frac: 0, data: ethernet(ip, [0x88a8, 0x8100]) },
      { sec: 3, frac: 0, data: ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', tcp(22, 1)), [0x8100]) },
    ]));
    expect(sink.skips).toEqual([]);
    expect(sink.packets.map((p) => [p.src, p.dstPort])).toEqual([['192.0.2.10', 23], ['192.0.2.10', 23], ['2001:db8::1', 22]]);
  });

  it('counts a fragmented datagram once, by its first fragment', () => {
    const first = ipv4Packet('192.0.2.20', '198.51.100.1', { proto: 17, dstPort: 161 }, { moreFragments: true });
    const later = ipv4Packet('192.0.2.20', '198.51.100.1', { proto: 17 }, { fragmentOffset: 185 });
    const v6later = ipv6Packet('2001:db8::9', '2001:db8::1', { proto: 17 }, [[44, [0, 0, 0x05, 0xc8, 0, 0, 0, 42]]]);
    const sink = decode(pcapFile([
      { sec: 1, frac: 0, data: ethernet(first) },
      { sec: 1, frac: 1, data: ethernet(later) },
      { sec: 1, frac: 2, data: ethernet(v6later) },
    ]));
    expect(sink.packets.map((p) => [p.src, p.dstPort])).toEqual([['192.0.2.20', 161]]);
    expect(sink.skips).toEqual([{ line: 2, reason: 'non-first fragment' }, { line: 3, reason: 'non-first fragment' }]);
  });

  it('honours IPv4 options in the header length', () => {
    const withOptions = ipv4Packet('192.0.2.30', '198.51.100.1', tcp(8080, 9), { options: 2 });
    expect(decode(pcapFile([{ sec: 1, frac: 0, data: ethernet(withOptions) }])).packets.map((p) => [p.dstPort, p.tcpSeq])).toEqual([[8080, 9]]);
  });

  it('decodes snaplen-truncated records without reading the next one', () => {
    const frame = ethernet(ip); // 14 + 20 + 20
    const sink = decode(pcapFile([
      { sec: 1, frac: 0, data: frame, captured: 14 + 20 + 4 }, // ports but no sequence number
      { sec: 2, frac: 0, data: frame, captured: 14 + 20 + 2 }, // cut inside the ports
      { sec: 3, frac: 0, data: frame, captured: 14 + 10 }, // cut inside the IP header
      { sec: 4, frac: 0, data: frame, captured: 10 }, // cut inside Ethernet
      { sec: 5, frac: 0, data: frame },
    ], { snaplen: 38 }));
    expect(sink.packets.map((p) => [p.ts, p.dstPort, p.tcpSeq, p.length])).toEqual([[1, 23, -1, 40], [5, 23, ipv4Number('198.51.100.7'), 40]]);
    expect(sink.skips.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(sink.skips[0].reason).toMatch(/cut before the TCP ports/);
  });

  it('skips non-IP frames and other protocols with a reason', () => {
    const sink = decode(pcapFile([
      { sec: 1, frac: 0, data: ethernet([0, 1, 8, 0, 6, 4, 0, 1], [], 0x0806) },
      { sec: 2, frac: 0, data: ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 47 })) },
      { sec: 3, frac: 0, data: ethernet(ipv4Packet('192.0.2.1', '198.51.100.1', { proto: 50 })) },
    ], { linkType: 1 }));
    expect(sink.packets).toEqual([]);
    expect(sink.skips.map((s) => s.reason)).toEqual([
      'not IPv4/IPv6 (ethertype 0x0806)',
      'IP protocol 47 is not TCP/UDP/ICMP',
      'encrypted payload (IPsec ESP)',
    ]);
    const loop = decode(pcapFile([{ sec: 4, frac: 0, data: loopback(ip, 7, true) }], { linkType: 0 }));
    expect(loop.skips.map((s) => s.reason)).toEqual(['not IPv4/IPv6 (loopback address family 7)']);
  });

  it('gives the same packets whatever the chunk boundaries, byte by byte included', () => {
    const records = [];
    for (let i = 0; i < 40; i++) {
      const data = i % 3 === 0
        ? ethernet(ipv6Packet(`2001:db8::${i + 1}`, '2001:db8::ff', tcp(1000 + i, i)), [0x8100])
        : ethernet(ipv4Packet(`10.0.${i}.1`, '198.51.100.2', tcp(i, i * 7)));
      records.push({ sec: 1000 + i, frac: i, data, captured: i % 5 === 0 ? 40 : undefined });
    }
    const bytes = pcapFile(records, { little: true });
    const whole = decode(bytes);
    expect(whole.packets.length).toBe(37); // three IPv6 frames cut to 40 bytes are skipped
    expect(whole.skips.length).toBe(3);
    for (const size of [1, 2, 3, 7, 16, 17, 23, 100]) {
      const chunked = decode(bytes, size);
      expect(chunked.packets, `chunk ${size}`).toEqual(whole.packets);
      expect(chunked.skips, `chunk ${size}`).toEqual(whole.skips);
    }
  });

  describe('corrupt input', () => {
    const good = pcapFile([{ sec: 1, frac: 0, data: ethernet(ip) }, { sec: 2, frac: 0, data: ethernet(ip) }]);

    it('refuses a garbage magic, naming byte 0', () => {
      const bytes = good.slice();
      bytes[0] = 0x12;
      expect(sniffPcap(bytes)).toBe(false);
      expect(() => decode(bytes)).toThrow(/pcap: not a pcap file \(magic 0x12b2c3d4\) at byte 0/);
    });

    it('refuses a record length past the end of the input', () => {
      const cut = good.slice(0, good.length - 5);
      expect(() => decode(cut)).toThrow(/input ends inside a record \(5 more bytes expected\) at byte 94/);
    });

    it('refuses an absurd record length without allocating it', () => {
      const bytes = good.slice();
      new DataView(bytes.buffer).setUint32(24 + 16 + 54 + 8, 0x7fffffff);
      const sink = new RecordingSink();
      const err = (() => {
        try {
          feed(new PcapDecoder(sink), bytes, 7);
        } catch (e) {
          return e as TraceFormatError;
        }
      })();
      expect(err).toBeInstanceOf(TraceFormatError);
      expect(err!.offset).toBe(24 + 16 + 54);
      expect(err!.message).toMatch(/record 2 claims 2147483647 captured bytes/);
      expect(sink.packets.length).toBe(1);
    });

    it('refuses empty input, a header cut short and an unsupported link type', () => {
      expect(() => decode(new Uint8Array(0))).toThrow(/input is empty/);
      expect(() => decode(good.slice(0, 10))).toThrow(/input ends inside a record \(14 more bytes expected\) at byte 0/);
      expect(() => decode(pcapFile([], { linkType: 127 }))).toThrow(/link type 127 is not supported/);
    });
  });
});
