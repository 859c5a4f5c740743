// Sender addresses in one canonical text form, so the same host is one word of
// the vocabulary whatever tool wrote the trace: dotted-quad IPv4 without
// leading zeros, IPv6 as RFC 5952 (lower case, longest zero run compressed).
// Text decoders parse and canonicalise; binary decoders format from packet
// bytes. Every decoder and the labels reader goes through this one module.

/**
 * IPv4 in s[from, to) as an unsigned 32-bit integer, or -1 if it is not a
 * dotted quad of 0..255. Leading zeros read as decimal (010 = 10, as the
 * canonical text then shows). Works on char codes: it runs once per row.
 */
export function parseIpv4(s: string, from = 0, to = s.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

const ipv4Codes: number[] = [];

/**
 * Dotted-quad text, as a flat string: a template literal makes a V8 cons
 * string, and Map lookups with cons-string keys compare slowly on every hit.
 */
export function formatIpv4(value: number): string {
  ipv4Codes.length = 0;
  for (let shift = 24; shift >= 0; shift -= 8) {
    const octet = (value >>> shift) & 255;
    if (octet >= 100) ipv4Codes.push(48 + Math.floor(octet / 100));
    if (octet >= 10) ipv4Codes.push(48 + (Math.floor(octet / 10) % 10));
    ipv4Codes.push(48 + (octet % 10));
    if (shift > 0) ipv4Codes.push(46);
  }
  return String.fromCharCode.apply(null, ipv4Codes);
}

const CACHE_BITS = 18;

/**
 * Formats IPv4 addresses given as unsigned 32-bit integers, reusing strings for
 * repeated senders. Binary decoders see the same few senders millions of times;
 * a direct-mapped table (a Map lookup cost more than the rest of the packet
 * decoding) keeps memory bounded, and a collision only costs formatting again.
 */
export class Ipv4Formatter {
  // Starts small and grows with the misses: a decoder per small file (the
  // preview, tests) should not pay for the table a month of traffic needs.
  private bits = 10;
  private keys = new Int32Array(1 << 10);
  private texts: (string | undefined)[] = new Array(1 << 10).fill(undefined);
  private misses = 0;

  format(ip: number): string {
    const slot = Math.imul(ip, 0x9e3779b1) >>> (32 - this.bits);
    const cached = this.texts[slot];
    if (cached !== undefined && this.keys[slot] === (ip | 0)) return cached;
    const text = formatIpv4(ip);
    if (++this.misses > 4 << this.bits && this.bits < CACHE_BITS) {
      this.bits = Math.min(CACHE_BITS, this.bits + 4);
      this.keys = new Int32Array(1 << this.bits);
      this.texts = new Array(1 << this.bits).fill(undefined);
      this.misses = 0;
      return text;
    }
    this.keys[slot] = ip;
    this.texts[slot] = text;
    return text;
  }
}

/** A flat copy of a string that owns its characters (not a slice of a big chunk, not a cons). */
export function flatString(s: string): string {
  const codes: number[] = new Array(s.length);
  for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}

/** Whether s[from, to) is already canonical dotted-quad text (no leading zeros). */
function ipv4IsCanonical(s: string, from: number, to: number): boolean {
  let start = true;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (start && c === 48 && i + 1 < to && s.charCodeAt(i + 1) !== 46) return false;
    start = c === 46;
  }
  return true;
}

/**
 * Parses IPv6 text (any valid form, an embedded dotted IPv4 tail, a %zone
 * suffix dropped) into 16 bytes written at `out[offset]`. False if it is not IPv6.
 */
export function parseIpv6(text: string, out: Uint8Array, offset = 0): boolean {
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const doubleColon = text.indexOf('::');
  if (doubleColon >= 0 && text.indexOf('::', doubleColon + 1) >= 0) return false;
  const parseSide = (side: string): number[] | null => {
    if (side === '') return [];
    const parts = side.split(':');
    const groups: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 < 0) return null;
        groups.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
        groups.push(parseInt(part, 16));
      }
    }
    return groups;
  };
  let groups: number[];
  if (doubleColon >= 0) {
    const head = parseSide(text.slice(0, doubleColon));
    const tail = parseSide(text.slice(doubleColon + 2));
    if (!head || !tail || head.length + tail.length > 7) return false;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseSide(text);
    if (!all || all.length !== 8) return false;
    groups = all;
  }
  for (let i = 0; i < 8; i++) {
    out[offset + 2 * i] = groups[i] >> 8;
    out[offset + 2 * i + 1] = groups[i] & 255;
  }
  return true;
}

/**
 * RFC 5952 text of the 16 bytes at `offset`: lower-case hex without leading
 * zeros, the longest run (two groups or more, the first on a tie) of zero
 * groups as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d (section 5).
 */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = (bytes[offset + 2 * i] << 8) | bytes[offset + 2 * i + 1];
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

const v6Scratch = new Uint8Array(16);

/**
 * The canonical text of the address in s[from, to), or undefined if it is not
 * an IPv4 or IPv6 address. Returns a substring when the text is already canonical.
 */
export function canonicalIp(s: string, from = 0, to = s.length): string | undefined {
  const v4 = parseIpv4(s, from, to);
  if (v4 >= 0) return ipv4IsCanonical(s, from, to) ? s.substring(from, to) : formatIpv4(v4);
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === 58) return parseIpv6(s.substring(from, to), v6Scratch, 0) ? formatIpv6(v6Scratch, 0) : undefined;
  }
  return undefined;
}
