import { describe, expect, it } from 'vitest';
import { PcapngDecoder, sniffPcapng } from '../../../src/ingest/formats/pcapng';
import { sniffPcap } from '../../../src/ingest/formats/pcap';
import { RecordingSink, PcapngBuilder, ethernet, feed, ipv4Number, ipv4Packet, ipv6Packet, sll } from './capture-builder';

function decode(bytes: Uint8Array, chunk = bytes.length): RecordingSink {
  const sink = new RecordingSink();
  feed(new PcapngDecoder(sink), bytes, chunk);
  return sink;
}

const syn = (src: string, port: number) => ipv4Packet(src, '198.51.100.7', { proto: 6, dstPort: port, seq: ipv4Number('198.51.100.7') });

describe('pcapng', () => {
  for (const little of [true, false]) {
    it(`reads a ${little ? 'little' : 'big'}-endian section with enhanced packet blocks`, () => {
      const bytes = new PcapngBuilder(little)
        .section()
        .interface(1)
        .enhanced(0, 1617148800_123456n, ethernet(syn('192.0.2.1', 23)))
        .build();
      expect(sniffPcapng(bytes)).toBe(true);
      expect(sniffPcap(bytes)).toBe(false);
      const sink = decode(bytes);
      expect(sink.skips).toEqual([]);
      expect(sink.packets).toEqual([
        { ts: 1617148800.123456, src: '192.0.2.1', dstPort: 23, proto: 6, packets: 1, dstIp: ipv4Number('198.51.100.7'), length: 40, tcpSeq: ipv4Number('198.51.100.7') },
      ]);
    });
  }

  it('applies if_tsresol per interface, powers of 10 and of 2, and if_tsoffset', () => {
    const bytes = new PcapngBuilder()
      .section()
      .interface(1, { tsresol: 9 })
      .interface(101, { tsresol: 0x80 | 10 })
      .interface(1, { tsresol: 3, tsoffset: 1000 })
      .enhanced(0, 1617148800_500000000n, ethernet(syn('192.0.2.1', 23)))
      .enhanced(1, 1617148800n * 1024n + 256n, syn('192.0.2.2', 80))
      .enhanced(2, 5_250n, ethernet(syn('192.0.2.3', 22)))
      .build();
    const sink = decode(bytes);
    expect(sink.skips).toEqual([]);
    expect(sink.packets.map((p) => [p.ts, p.src, p.dstPort])).toEqual([
      [1617148800.5, '192.0.2.1', 23],
      [1617148800.25, '192.0.2.2', 80],
      [1005.25, '192.0.2.3', 22],
    ]);
  });

  it('reads two sections of opposite byte order, each with two interfaces of their own', () => {
    const bytes = new PcapngBuilder(true)
      .section(true)
      .interface(1)
      .interface(113, { tsresol: 3 })
      .enhanced(1, 1_000_500n, sll(syn('192.0.2.1', 23)))
      .enhanced(0, 2_000_000n, ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', { proto: 17, dstPort: 53 })))
      .section(false)
      .interface(101)
      .interface(1, { tsresol: 9 })
      .enhanced(1, 3_000_000_000n, ethernet(syn('192.0.2.3', 2323)))
      .enhanced(0, 4_000_000n, syn('192.0.2.4', 445))
      .build();
    const sink = decode(bytes);
    expect(sink.skips).toEqual([]);
    expect(sink.packets.map((p) => [p.ts, p.src, p.dstPort, p.proto])).toEqual([
      [1000.5, '192.0.2.1', 23, 6],
      [2, '2001:db8::1', 53, 17],
      [3, '192.0.2.3', 2323, 6],
      [4, '192.0.2.4', 445, 6],
    ]);
  });

  it('reads simple packet blocks with interface 0, its snaplen and the last timestamp', () => {
    const frame = ethernet(syn('192.0.2.9', 23));
    const bytes = new PcapngBuilder()
      .section()
      .interface(1, { snaplen: 14 + 20 + 4 })
      .simple(frame)
      .enhanced(0, 7_000_000n, frame)
      .simple(frame)
      .build();
    const sink = decode(bytes);
    expect(sink.skips).toEqual([]);
    // Cut by the snaplen after the TCP ports: the sequence number is unknown.
    expect(sink.packets.map((p) => [p.ts, p.dstPort, p.tcpSeq])).toEqual([[0, 23, -1], [7, 23, ipv4Number('198.51.100.7')], [7, 23, -1]]);
  });

  it('passes over unknown and unread blocks, small and larger than a chunk', () => {
    const bytes = new PcapngBuilder()
      .section()
      .other(0x0badbeef, 8)
      .interface(1)
      .other(4, 40) // name resolution
      .enhanced(0, 1_000_000n, ethernet(syn('192.0.2.1', 23)))
      .other(5, 2_000_000) // interface statistics, bigger than any block we buffer
      .enhanced(0, 2_000_000n, ethernet(syn('192.0.2.2', 23)))
      .build();
    for (const size of [bytes.length, 4096, 1000]) {
      expect(decode(bytes, size).packets.map((p) => p.src), `chunk ${size}`).toEqual(['192.0.2.1', '192.0.2.2']);
    }
  });

  it('skips packets on an undescribed interface', () => {
    const bytes = new PcapngBuilder().section().interface(1).enhanced(3, 0n, ethernet(syn('192.0.2.1', 23))).build();
    expect(decode(bytes).skips).toEqual([{ line: 1, reason: 'packet on interface 3, but the section describes 1' }]);
  });

  it('gives the same packets whatever the chunk boundaries, byte by byte included', () => {
    const b = new PcapngBuilder(false).section().interface(1).interface(229, { tsresol: 9 });
    for (let i = 0; i < 30; i++) {
      if (i % 2) b.enhanced(1, BigInt(i) * 1_000_000_000n, ipv6Packet(`2001:db8::${i}`, '2001:db8::1', { proto: 6, dstPort: i, seq: i }));
      else b.enhanced(0, BigInt(i) * 1_000_000n, ethernet(syn(`10.1.${i}.1`, i)), i % 4 === 0 ? 30 : undefined);
      if (i === 10) b.section(true).interface(1).interface(229, { tsresol: 9 }).other(99, 12);
    }
    const bytes = b.build();
    const whole = decode(bytes);
    expect(whole.packets.length).toBe(22);
    expect(whole.skips.length).toBe(8);
    for (const size of [1, 3, 5, 13, 64]) {
      const chunked = decode(bytes, size);
      expect(chunked.packets, `chunk ${size}`).toEqual(whole.packets);
      expect(chunked.skips, `chunk ${size}`).toEqual(whole.skips);
    }
  });

  describe('corrupt input', () => {
    const good = new PcapngBuilder().section().interface(1).enhanced(0, 0n, ethernet(syn('192.0.2.1', 23))).build();
    const shbLength = 28;
    const idbLength = 20;
    const epbAt = shbLength + idbLength;
    const setU32 = (bytes: Uint8Array, at: number, v: number) => new DataView(bytes.buffer).setUint32(at, v, true);

    it('refuses a garbage magic and a bad byte-order magic', () => {
      const bytes = good.slice();
      bytes[0] = 0x0b;
      expect(sniffPcapng(bytes)).toBe(false);
      expect(() => decode(bytes)).toThrow(/pcapng: not a pcapng file \(first block type 0x0b0d0d0a, expected a section header\) at byte 0/);
      const bom = good.slice();
      bom[8] = 0;
      expect(() => decode(bom)).toThrow(/bad byte-order magic .* at byte 8/);
    });

    it('refuses a zero-length block', () => {
      const bytes = good.slice();
      setU32(bytes, epbAt + 4, 0);
      expect(() => decode(bytes)).toThrow(`pcapng: block length 0 is smaller than a block header at byte ${epbAt + 4}`);
    });

    it('refuses a block length that is not a multiple of 4', () => {
      const bytes = good.slice();
      setU32(bytes, epbAt + 4, 86);
      expect(() => decode(bytes)).toThrow(`pcapng: block length 86 is not a multiple of 4 at byte ${epbAt + 4}`);
    });

    it('refuses a block that runs past the end of the input', () => {
      expect(() => decode(good.slice(0, good.length - 8))).toThrow(`pcapng: input ends inside a record (8 more bytes expected) at byte ${epbAt}`);
    });

    it('refuses an absurd block length before buffering it', () => {
      const bytes = good.slice();
      setU32(bytes, epbAt + 4, 0x40000000);
      expect(() => decode(bytes, 16)).toThrow(`pcapng: block length 1073741824 exceeds 1048576: the file is corrupt at byte ${epbAt + 4}`);
    });

    it('refuses a captured length past its block and a mismatched trailing length', () => {
      const bytes = good.slice();
      setU32(bytes, epbAt + 20, 500);
      expect(() => decode(bytes)).toThrow(`pcapng: packet block claims 500 captured bytes but holds 56 at byte ${epbAt + 20}`);
      const trailer = good.slice();
      setU32(trailer, good.length - 4, 4);
      expect(() => decode(trailer)).toThrow(/does not match its trailing copy 4/);
    });

    it('refuses empty input', () => {
      expect(() => decode(new Uint8Array(0))).toThrow(/input is empty/);
    });
  });
});
