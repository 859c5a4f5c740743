// Link layer -> IP -> transport, shared by pcap and pcapng. Reads only inside
// [start, end) of one captured frame (end = start + captured length), so a
// snaplen-truncated capture never reads into the next record.
//
// What a frame becomes:
// - IPv4/IPv6 with TCP, UDP, ICMP or ICMPv6: one packet. IPv6 extension
//   headers are walked; `length` is the IP datagram length from the IP header
//   (independent of the link type), the destination IPv4 and the TCP sequence
//   number are kept for the Mirai fingerprint, the IPv4 ID for ZMap's and
//   Masscan's, the TCP flags and the ICMP type to tell replies (backscatter)
//   from scans.
// - IPv4/IPv6 fragments: the first fragment carries the ports and stands for the
//   datagram; later fragments are skipped with reason "non-first fragment",
//   so every datagram counts once.
// - Anything else (ARP, other IP protocols, ESP, frames cut before the ports):
//   skipped with a reason.
import { PROTO, type PacketSink } from '../packet-sink';
import { Ipv4Formatter, formatIpv6 } from '../ip-address';
import { CHECK, isValidTime } from '../record-checks';

/** pcap/pcapng LINKTYPE_* values we decode (https://www.tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_OPENBSD: 12,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINKTYPE));

export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export function supportedLinkTypesText(): string {
  return 'Ethernet (1), raw IP (101, 228, 229), Linux cooked SLL (113) and SLL2 (276), BSD null/loopback (0, 108)';
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;

// BSD loopback address families for IPv6 differ by OS (NetBSD/OpenBSD, FreeBSD, Darwin, Linux).
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30, 10]);

export class FrameDecoder {
  private readonly ipv4 = new Ipv4Formatter();
  // The frame being decoded. Kept in fields rather than passed down: a double
  // argument to a call V8 does not inline is boxed, one allocation per packet.
  private ts = 0;
  private record = 0;
  private ipId = -1;

  constructor(private readonly sink: PacketSink) {}

  /** Decodes one captured frame bytes[start, end) of the given link type. */
  frame(
    linkType: number,
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    ts: number,
    record: number,
  ): void {
    this.ts = ts;
    this.record = record;
    if (!isValidTime(ts)) return this.sink.skip(record, CHECK.time);
    let p = start;
    let etherType: number;
    switch (linkType) {
      case LINKTYPE.ETHERNET:
        if (end - p < 14) return this.sink.skip(record, 'frame shorter than an Ethernet header');
        etherType = view.getUint16(p + 12);
        p += 14;
        break;
      case LINKTYPE.RAW:
      case LINKTYPE.RAW_OPENBSD:
      case LINKTYPE.IPV4:
      case LINKTYPE.IPV6:
        return this.ip(bytes, view, p, end);
      case LINKTYPE.LINUX_SLL:
        if (end - p < 16) return this.sink.skip(record, 'frame shorter than a Linux cooked (SLL) header');
        etherType = view.getUint16(p + 14);
        p += 16;
        break;
      case LINKTYPE.LINUX_SLL2:
        if (end - p < 20) return this.sink.skip(record, 'frame shorter than a Linux cooked (SLL2) header');
        etherType = view.getUint16(p);
        p += 20;
        break;
      case LINKTYPE.NULL:
      case LINKTYPE.LOOP: {
        if (end - p < 4) return this.sink.skip(record, 'frame shorter than a loopback header');
        // DLT_NULL stores the family in the capturing host's byte order, LOOP in network order.
        const be = view.getUint32(p);
        const family = be > 0xffff ? view.getUint32(p, true) : be;
        if (family !== AF_INET && !AF_INET6.has(family)) {
          return this.sink.skip(record, `not IPv4/IPv6 (loopback address family ${family})`);
        }
        return this.ip(bytes, view, p + 4, end);
      }
      default:
        return this.sink.skip(record, `unsupported link type ${linkType}`);
    }
    // 802.1Q VLAN tags, stacked (QinQ) or not.
    for (let tags = 0; etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ || etherType === ETHERTYPE_QINQ_OLD; tags++) {
      if (end - p < 4 || tags === 8) return this.sink.skip(record, 'frame cut inside VLAN tags');
      etherType = view.getUint16(p + 2);
      p += 4;
    }
    if (etherType !== ETHERTYPE_IPV4 && etherType !== ETHERTYPE_IPV6) {
      return this.sink.skip(record, `not IPv4/IPv6 (ethertype 0x${etherType.toString(16).padStart(4, '0')})`);
    }
    this.ip(bytes, view, p, end);
  }

  private ip(bytes: Uint8Array, view: DataView, p: number, end: number): void {
    if (end - p < 1) return this.sink.skip(this.record, 'frame cut before the IP header');
    const version = bytes[p] >> 4;
    if (version === 4) return this.ipv4Packet(bytes, view, p, end);
    if (version === 6) return this.ipv6Packet(bytes, view, p, end);
    this.sink.skip(this.record, `not IPv4/IPv6 (IP version ${version})`);
  }

  private ipv4Packet(bytes: Uint8Array, view: DataView, p: number, end: number): void {
    const record = this.record;
    if (end - p < 20) return this.sink.skip(record, 'frame cut inside the IPv4 header');
    const headerLength = (bytes[p] & 15) * 4;
    if (headerLength < 20) return this.sink.skip(record, 'bad IPv4 header length');
    if ((view.getUint16(p + 6) & 0x1fff) !== 0) return this.sink.skip(record, 'non-first fragment');
    const proto = bytes[p + 9];
    const length = view.getUint16(p + 2);
    const src = this.ipv4.format(view.getUint32(p + 12));
    const dst = view.getUint32(p + 16);
    this.ipId = view.getUint16(p + 4);
    this.transport(view, p + headerLength, end, src, proto, dst, length);
  }

  private ipv6Packet(bytes: Uint8Array, view: DataView, p: number, end: number): void {
    const record = this.record;
    if (end - p < 40) return this.sink.skip(record, 'frame cut inside the IPv6 header');
    const length = 40 + view.getUint16(p + 4);
    let next = bytes[p + 6];
    const srcOffset = p + 8;
    let q = p + 40;
    // Extension headers: hop-by-hop, routing, fragment, destination options, AH, mobility, HIP, shim6.
    for (let hops = 0; ; hops++) {
      if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140) {
        if (end - q < 2 || hops > 16) return this.sink.skip(record, 'frame cut inside IPv6 extension headers');
        const size = (bytes[q + 1] + 1) * 8;
        next = bytes[q];
        q += size;
      } else if (next === 44) {
        if (end - q < 8) return this.sink.skip(record, 'frame cut inside IPv6 extension headers');
        if ((view.getUint16(q + 2) & 0xfff8) !== 0) return this.sink.skip(record, 'non-first fragment');
        next = bytes[q];
        q += 8;
      } else if (next === 51) {
        if (end - q < 2) return this.sink.skip(record, 'frame cut inside IPv6 extension headers');
        const size = (bytes[q + 1] + 2) * 4;
        next = bytes[q];
        q += size;
      } else {
        break;
      }
    }
    const src = formatIpv6(bytes, srcOffset);
    this.ipId = -1;
    this.transport(view, q, end, src, next, -1, length);
  }

  private transport(
    view: DataView,
    q: number,
    end: number,
    src: string,
    proto: number,
    dst: number,
    length: number,
  ): void {
    const record = this.record;
    const ts = this.ts;
    const ipId = this.ipId;
    if (proto === PROTO.tcp) {
      if (end - q < 4) return this.sink.skip(record, 'frame cut before the TCP ports');
      // A snaplen may cut the header right after the ports: then the sequence number (and flags) are unknown.
      const seq = end - q >= 8 ? view.getUint32(q + 4) : -1;
      const flags = end - q >= 14 ? view.getUint8(q + 13) : -1;
      this.sink.packet(ts, src, view.getUint16(q + 2), proto, 1, dst, length, seq, ipId, flags, -1);
    } else if (proto === PROTO.udp) {
      if (end - q < 4) return this.sink.skip(record, 'frame cut before the UDP ports');
      this.sink.packet(ts, src, view.getUint16(q + 2), proto, 1, dst, length, -1, ipId, -1, -1);
    } else if (proto === PROTO.icmp || proto === PROTO.icmpv6) {
      const type = end - q >= 1 ? view.getUint8(q) : -1;
      this.sink.packet(ts, src, -1, proto, 1, dst, length, -1, ipId, -1, type);
    } else if (proto === 50) {
      this.sink.skip(record, 'encrypted payload (IPsec ESP)');
    } else {
      this.sink.skip(record, `IP protocol ${proto} is not TCP/UDP/ICMP`);
    }
  }
}
