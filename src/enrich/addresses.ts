// The vocabulary's addresses parsed once, for every database looked up.
import { parseIpv4, parseIpv6 } from '../ingest/ip-address';

export interface ParsedAddresses {
  /** The texts, for what needs them (mmdb-lib's record decoding). */
  text: readonly string[];
  /** IPv4 as unsigned 32-bit, -1 for IPv6 or unparsable. */
  v4: Float64Array;
  /** Indexes of the IPv6 addresses, and their 16 bytes each (index order). */
  v6Index: Int32Array;
  v6Bytes: Uint8Array;
}

export function parseAddresses(addresses: readonly string[]): ParsedAddresses {
  const v4 = new Float64Array(addresses.length);
  const v6: number[] = [];
  for (let i = 0; i < addresses.length; i++) {
    v4[i] = parseIpv4(addresses[i]);
    if (v4[i] < 0 && addresses[i].includes(':')) v6.push(i);
  }
  const v6Bytes = new Uint8Array(16 * v6.length);
  const v6Index: number[] = [];
  for (const i of v6) {
    if (parseIpv6(addresses[i], v6Bytes, 16 * v6Index.length)) v6Index.push(i);
  }
  return { text: addresses, v4, v6Index: Int32Array.from(v6Index), v6Bytes: v6Bytes.subarray(0, 16 * v6Index.length) };
}
