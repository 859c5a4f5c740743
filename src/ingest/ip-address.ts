// Sender addresses in one canonical text form, so the same host is one word of
// the vocabulary whatever tool wrote the trace: dotted-quad IPv4 without
// leading zeros, IPv6 as RFC 5952 (lower case, longest zero run compressed).

/**
 * IPv4 in s[from, to) as an unsigned 32-bit integer, or -1 if it is not a
 * dotted quad of 0..255. Works on char codes: it runs once per row.
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

/** The 8 groups of an IPv6 address, or undefined if it is not one. */
export function parseIpv6(text: string): Uint16Array | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const groups = new Uint16Array(8);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const parts = [...head, ...tail];
  // An embedded IPv4 (::ffff:1.2.3.4) counts as two groups.
  let ipv4 = -1;
  if (parts.length > 0 && parts[parts.length - 1].includes('.')) {
    ipv4 = parseIpv4(parts[parts.length - 1]);
    if (ipv4 < 0) return undefined;
  }
  const count = parts.length + (ipv4 >= 0 ? 1 : 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && ipv4 >= 0) {
      values.push(ipv4 >>> 16, ipv4 & 0xffff);
      break;
    }
    const part = parts[i];
    if (part.length < 1 || part.length > 4 || !/^[0-9a-fA-F]+$/.test(part)) return undefined;
    values.push(parseInt(part, 16));
  }
  const headCount = head.length;
  if (halves.length === 1) groups.set(values);
  else {
    groups.set(values.slice(0, headCount));
    groups.set(values.slice(headCount), 8 - (values.length - headCount));
  }
  return groups;
}

/** RFC 5952 text of 8 groups. */
export function formatIpv6(groups: Uint16Array): string {
  // Longest run of zero groups, at least two long, the first on a tie.
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
  // IPv4-mapped addresses keep the dotted tail (RFC 5952 section 5).
  if (bestStart === 0 && bestLength === 5 && groups[5] === 0xffff) {
    return `::ffff:${groups[6] >>> 8}.${groups[6] & 255}.${groups[7] >>> 8}.${groups[7] & 255}`;
  }
  const hex = (from: number, to: number) => Array.from(groups.subarray(from, to), (g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/**
 * The canonical text of the address in s[from, to), or undefined if it is not
 * an IPv4 or IPv6 address. Returns a substring when the text is already canonical.
 */
export function canonicalIp(s: string, from = 0, to = s.length): string | undefined {
  const v4 = parseIpv4(s, from, to);
  if (v4 >= 0) return ipv4IsCanonical(s, from, to) ? s.substring(from, to) : formatIpv4(v4);
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === 58) {
      const groups = parseIpv6(s.substring(from, to));
      return groups ? formatIpv6(groups) : undefined;
    }
  }
  return undefined;
}
