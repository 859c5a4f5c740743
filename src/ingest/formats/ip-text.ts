// Addresses as the PacketSink wants them: dotted IPv4, RFC 5952 IPv6. Binary
// decoders see the same few senders millions of times, so IPv4 strings are
// cached by their 32-bit value in a direct-mapped table (a Map lookup cost more
// than the whole rest of the packet decoding): bounded memory, and a collision
// only costs formatting the string again.

const CACHE_BITS = 18;

/** Formats IPv4 addresses given as unsigned 32-bit integers, reusing strings for repeated senders. */
export class IPv4Formatter {
  private readonly keys = new Int32Array(1 << CACHE_BITS);
  private readonly texts: (string | undefined)[] = new Array(1 << CACHE_BITS).fill(undefined);

  format(ip: number): string {
    const slot = Math.imul(ip, 0x9e3779b1) >>> (32 - CACHE_BITS);
    const cached = this.texts[slot];
    if (cached !== undefined && this.keys[slot] === (ip | 0)) return cached;
    const text = formatIPv4(ip);
    this.keys[slot] = ip;
    this.texts[slot] = text;
    return text;
  }
}

export function formatIPv4(ip: number): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Parses dotted-quad IPv4 text to an unsigned 32-bit integer, or -1 if it is not one. */
export function parseIPv4(text: string): number {
  let value = 0;
  let octet = -1;
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // A leading zero followed by more digits is ambiguous (octal in inet_aton): refuse it.
      if (digits === 1 && octet === 0) return -1;
      octet = (octet < 0 ? 0 : octet * 10) + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else if (c === 46) {
      if (octet < 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = -1;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (octet < 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/**
 * RFC 5952 text of the 16 bytes at `offset`: lower-case hex without leading
 * zeros, the longest run (two groups or more, the first on a tie) of zero
 * groups as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d (section 5).
 */
export function formatIPv6(bytes: Uint8Array, offset: number): string {
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = (bytes[offset + 2 * i] << 8) | bytes[offset + 2 * i + 1];
  if (
    groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 &&
    groups[4] === 0 && groups[5] === 0xffff
  ) {
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
  if (bestStart < 0) return groups.map((g) => g.toString(16)).join(':');
  const head = groups.slice(0, bestStart).map((g) => g.toString(16)).join(':');
  const tail = groups.slice(bestStart + bestLength).map((g) => g.toString(16)).join(':');
  return `${head}::${tail}`;
}

/**
 * Parses IPv6 text (any valid form, including an embedded dotted IPv4 tail)
 * into 16 bytes written at `out[offset]`. Returns false if it is not IPv6.
 */
export function parseIPv6(text: string, out: Uint8Array, offset = 0): boolean {
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
        const v4 = parseIPv4(part);
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

const scratch = new Uint8Array(16);

/** Canonical text (dotted IPv4 or RFC 5952 IPv6) of an address in any valid form, or null. */
export function canonicalIP(text: string): string | null {
  const v4 = parseIPv4(text);
  if (v4 >= 0) return formatIPv4(v4);
  return parseIPv6(text, scratch, 0) ? formatIPv6(scratch, 0) : null;
}
