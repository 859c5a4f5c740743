// Field parsers shared by the text trace formats.
import { PROTO } from '../packet-sink';
import { canonicalIp } from '../ip-address';
import { utcSeconds } from '../timestamp';

const PROTOCOL_NAMES: Record<string, number> = {
  tcp: PROTO.tcp,
  udp: PROTO.udp,
  icmp: PROTO.icmp,
  icmp6: PROTO.icmpv6,
  icmpv6: PROTO.icmpv6,
  'ipv6-icmp': PROTO.icmpv6,
};

/** IP protocol number from a name (any case: tcp, UDP, ICMP6, IPv6-ICMP) or a number ("6", "017"); -1 if neither. */
export function parseProtocol(text: string): number {
  const named = PROTOCOL_NAMES[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d{1,3}$/.test(text)) return -1;
  const n = Number(text);
  return n <= 255 ? n : -1;
}

/** Whether the protocol is one DarkVec reads (TCP, UDP, ICMP, ICMPv6). */
export function isTrafficProtocol(proto: number): boolean {
  return proto === PROTO.tcp || proto === PROTO.udp || proto === PROTO.icmp || proto === PROTO.icmpv6;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Unix seconds from ISO 8601 text, "T" or space between date and time, any
 * number of fraction digits, "Z", "+hh:mm", "+hhmm" (Suricata) or "+hh"; no
 * zone means UTC. NaN if it is not such a timestamp.
 */
export function parseIsoTime(text: string): number {
  const m = ISO.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || (s !== undefined && +s > 60)) return NaN;
  let t = utcSeconds(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
  if (frac) t += Number(`0.${frac}`);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
    t -= sign * minutes * 60;
  }
  return t;
}

/** Unix seconds from a number (seconds, fractional allowed) or ISO 8601 text; NaN otherwise. */
export function parseTime(text: string): number {
  if (/^\d+(\.\d*)?$/.test(text)) return Number(text);
  return parseIsoTime(text);
}

const SENDER_CACHE_LIMIT = 1 << 20;

/**
 * Canonical sender text for addresses read from text (the same canonical form
 * as the delimited decoder's, so a sender is one word whatever the format),
 * cached: the same senders recur on most lines.
 */
export class SenderText {
  private cache = new Map<string, string | null>();

  canonical(text: string): string | null {
    let value = this.cache.get(text);
    if (value === undefined) {
      value = canonicalIp(text) ?? null;
      if (this.cache.size >= SENDER_CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, value);
    }
    return value;
  }
}
