// Each fingerprint on crafted packets, and the backscatter rule on every TCP
// flag combination and the ICMP types.
import { describe, expect, it } from 'vitest';
import {
  FINGERPRINT, ZMAP_IP_ID, fingerprintBits, isBackscatter, isMasscan, isMirai, isReplyFlags, isReplyIcmp, isZmap, masscanIpId,
} from '../../src/corpus/fingerprints';
import { PROTO } from '../../src/ingest/packet-sink';
import { parseTcpFlags } from '../../src/ingest/tcp-flags';

const DST = 0xc6336407; // 198.51.100.7

describe('scanner fingerprints', () => {
  it('Mirai: TCP sequence = destination address, TCP only, both known', () => {
    expect(isMirai(PROTO.tcp, DST, DST)).toBe(true);
    expect(isMirai(PROTO.tcp, DST, DST + 1)).toBe(false);
    expect(isMirai(PROTO.udp, DST, DST)).toBe(false);
    expect(isMirai(PROTO.tcp, -1, -1)).toBe(false);
  });

  it('ZMap: IP ID 54321 on any protocol', () => {
    expect(ZMAP_IP_ID).toBe(54321);
    expect(isZmap(54321)).toBe(true);
    expect([0, 54320, 54322, -1].some(isZmap)).toBe(false);
    expect(fingerprintBits(PROTO.icmp, DST, -1, -1, 54321, -1, 8)).toBe(FINGERPRINT.zmap);
  });

  it('Masscan: IP ID = (dst ^ port ^ seq) & 0xffff, from a packet masscan would send', () => {
    // dst 198.51.100.7, port 443, seq 0x89abcdef: 0x6407 ^ 0x01bb ^ 0xcdef = 0xa853.
    const seq = 0x89abcdef;
    expect(masscanIpId(DST, 443, seq)).toBe((0x6407 ^ 0x01bb ^ 0xcdef) & 0xffff);
    expect(isMasscan(PROTO.tcp, DST, 443, seq, 0xa853)).toBe(true);
    expect(isMasscan(PROTO.tcp, DST, 443, seq, 0xa854)).toBe(false);
    expect(isMasscan(PROTO.tcp, DST, 444, seq, 0xa853)).toBe(false);
    // Only the low 16 bits of address and sequence count: the high bits change nothing.
    expect(isMasscan(PROTO.tcp, DST ^ 0xffff0000, 443, (seq ^ 0x7fff0000) >>> 0, 0xa853)).toBe(true);
    // Unknown fields never match.
    expect(isMasscan(PROTO.tcp, -1, 443, seq, 0xa853)).toBe(false);
    expect(isMasscan(PROTO.tcp, DST, 443, -1, 0xa853)).toBe(false);
    expect(isMasscan(PROTO.tcp, DST, 443, seq, -1)).toBe(false);
    expect(isMasscan(PROTO.udp, DST, 443, seq, 0xa853)).toBe(false);
  });

  it('combines into bits', () => {
    // A Mirai SYN whose IP ID happens to be Masscan's: both bits.
    const id = masscanIpId(DST, 23, DST);
    expect(fingerprintBits(PROTO.tcp, DST, 23, DST, id, 0x02, -1)).toBe(FINGERPRINT.mirai | FINGERPRINT.masscan);
    expect(fingerprintBits(PROTO.tcp, DST, 23, 5, 1, 0x12, -1)).toBe(FINGERPRINT.backscatter);
    expect(fingerprintBits(PROTO.tcp, -1, -1, -1, -1, -1, -1)).toBe(0);
  });
});

describe('backscatter: replies, not probes', () => {
  const named: [string, boolean][] = [
    ['S', false], // a scan probe
    ['SA', true], // SYN-ACK
    ['R', true], // RST
    ['RA', true], // RST-ACK
    ['A', false], // bare ACK (ACK scans)
    ['F', false],
    ['FA', false],
    ['PA', false],
    ['FPU', false], // Xmas scan
    ['SE C', false], // ECN-setup SYN
    ['SAE', true], // ECN-setup SYN-ACK
    ['RPA', true],
    ['SR', false], // a flow: a SYN, then the scanner's own RST
    ['SRA', true], // a flow: SYN-ACK, then RST (Zeek's "hr")
  ];
  it.each(named)('TCP %s -> %s', (text, reply) => {
    const flags = parseTcpFlags(text.replace(' ', ''));
    expect(isReplyFlags(flags)).toBe(reply);
    expect(isBackscatter(PROTO.tcp, flags, -1)).toBe(reply);
  });

  it('classifies every one of the 256 flag bytes by SYN, ACK and RST alone', () => {
    const core = new Map<number, boolean>([
      [0, false], [0x02, false], [0x10, false], [0x12, true], [0x04, true], [0x14, true], [0x06, false], [0x16, true],
    ]);
    for (let f = 0; f < 256; f++) expect(isReplyFlags(f), `flags 0x${f.toString(16)}`).toBe(core.get(f & 0x16));
    expect(isReplyFlags(-1)).toBe(false);
  });

  it('ICMP: echo reply, destination unreachable, time exceeded; ICMPv6 likewise', () => {
    const v4 = [...Array(256).keys()].filter((t) => isReplyIcmp(PROTO.icmp, t));
    const v6 = [...Array(256).keys()].filter((t) => isReplyIcmp(PROTO.icmpv6, t));
    expect(v4).toEqual([0, 3, 11]);
    expect(v6).toEqual([1, 3, 129]);
    expect(isBackscatter(PROTO.icmp, -1, 8)).toBe(false); // echo request: a ping sweep
    expect(isBackscatter(PROTO.icmp, -1, -1)).toBe(false);
    // The TCP and ICMP fields belong to their protocol.
    expect(isBackscatter(PROTO.udp, 0x12, 0)).toBe(false);
    expect(isBackscatter(PROTO.tcp, -1, 0)).toBe(false);
  });
});
