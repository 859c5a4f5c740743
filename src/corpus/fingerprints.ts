// What a single packet gives away about its sender, from its headers alone:
// - Mirai: TCP sequence number = destination IPv4 address (Mirai's scan SYNs).
// - ZMap: IPv4 ID 54321 (ZMap's make_ip_header sets it on every probe, TCP, UDP and ICMP).
// - Masscan: IPv4 ID = (destination address xor destination port xor TCP
//   sequence) & 0xffff (masscan's packet template; TCP only here, where the
//   sequence number is in the header).
// - Backscatter: a reply, not a probe: a victim of a spoofed attack answering
//   the spoofed address, which is in the darknet. TCP SYN-ACK, RST or RST-ACK;
//   ICMP echo reply, destination unreachable, time exceeded (ICMPv6: 129, 1, 3).
//
// A random 16-bit IP ID matches ZMap's or Masscan's by chance once in 65,536
// packets, a random sequence number Mirai's once in 2^32: see
// fingerprint-labels.ts for how shares become classes.
import { PROTO, TCP_FLAG } from '../ingest/packet-sink';

/** Bits of PacketLog.fingerprints. */
export const FINGERPRINT = { mirai: 1, zmap: 2, masscan: 4, backscatter: 8 } as const;

export type FingerprintName = keyof typeof FINGERPRINT;
export const FINGERPRINT_NAMES: readonly FingerprintName[] = ['mirai', 'zmap', 'masscan', 'backscatter'];

export const ZMAP_IP_ID = 54321;

export function isMirai(proto: number, dstIp: number, tcpSeq: number): boolean {
  return proto === PROTO.tcp && tcpSeq >= 0 && dstIp >= 0 && tcpSeq === dstIp;
}

export function isZmap(ipId: number): boolean {
  return ipId === ZMAP_IP_ID;
}

/** Masscan's IP ID for a probe (dstIp unsigned 32-bit, port 0..65535, seq unsigned 32-bit). */
export function masscanIpId(dstIp: number, dstPort: number, tcpSeq: number): number {
  return (dstIp ^ dstPort ^ tcpSeq) & 0xffff;
}

export function isMasscan(proto: number, dstIp: number, dstPort: number, tcpSeq: number, ipId: number): boolean {
  return proto === PROTO.tcp && ipId >= 0 && tcpSeq >= 0 && dstIp >= 0 && dstPort >= 0 && masscanIpId(dstIp, dstPort, tcpSeq) === ipId;
}

const SYN = TCP_FLAG.syn;
const ACK = TCP_FLAG.ack;
const RST = TCP_FLAG.rst;

/**
 * Whether TCP flags are a reply's: SYN-ACK, or RST with or without ACK. A flow
 * record's flags are the OR of its packets', so a SYN-ACK followed by a RST
 * (Zeek's "hr") is a reply too, while a SYN followed by a RST (a scanner
 * closing its own probe) is not. PSH, URG, ECE, CWR and FIN do not matter.
 */
export function isReplyFlags(flags: number): boolean {
  if (flags < 0) return false;
  if (flags & RST) return (flags & SYN) === 0 || (flags & ACK) !== 0;
  return (flags & (SYN | ACK)) === (SYN | ACK);
}

/** ICMP types that are replies: echo reply 0, destination unreachable 3, time exceeded 11. */
const ICMP_REPLIES = new Set([0, 3, 11]);
/** ICMPv6: echo reply 129, destination unreachable 1, time exceeded 3. */
const ICMPV6_REPLIES = new Set([129, 1, 3]);

export function isReplyIcmp(proto: number, icmpType: number): boolean {
  if (icmpType < 0) return false;
  if (proto === PROTO.icmp) return ICMP_REPLIES.has(icmpType);
  if (proto === PROTO.icmpv6) return ICMPV6_REPLIES.has(icmpType);
  return false;
}

export function isBackscatter(proto: number, tcpFlags: number, icmpType: number): boolean {
  if (proto === PROTO.tcp) return isReplyFlags(tcpFlags);
  return isReplyIcmp(proto, icmpType);
}

/** FINGERPRINT bits of one packet. */
export function fingerprintBits(
  proto: number,
  dstIp: number,
  dstPort: number,
  tcpSeq: number,
  ipId: number,
  tcpFlags: number,
  icmpType: number,
): number {
  let bits = 0;
  if (isMirai(proto, dstIp, tcpSeq)) bits |= FINGERPRINT.mirai;
  if (isZmap(ipId)) bits |= FINGERPRINT.zmap;
  if (isMasscan(proto, dstIp, dstPort, tcpSeq, ipId)) bits |= FINGERPRINT.masscan;
  if (isBackscatter(proto, tcpFlags, icmpType)) bits |= FINGERPRINT.backscatter;
  return bits;
}
