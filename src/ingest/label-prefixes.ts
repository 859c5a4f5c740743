// Labels for whole address blocks: scanning projects publish their ranges as
// CIDR prefixes (198.51.100.0/24, 2001:db8::/32). Lookup is longest-prefix
// match: one map per prefix length in use, probed from the longest down, so a
// sender costs at most one probe per distinct length in the table.
import { parseIpv4, parseIpv6 } from './ip-address';

export interface Cidr {
  v6: boolean;
  /** IPv4: the network as an unsigned 32-bit integer; IPv6: 16 bytes. */
  v4: number;
  v6bytes: Uint8Array;
  length: number;
}

/** Parses "a.b.c.d/n" or "ipv6/n"; host bits must be zero (else it is probably a typo). Null if it is not a prefix. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return null;
  const length = Number(lengthText);
  const address = text.slice(0, slash);
  const v4 = parseIpv4(address);
  if (v4 >= 0) {
    if (length > 32) return null;
    if (length < 32 && (v4 % 2 ** (32 - length)) !== 0) return null;
    return { v6: false, v4, v6bytes: new Uint8Array(0), length };
  }
  const bytes = new Uint8Array(16);
  if (!parseIpv6(address, bytes) || length > 128) return null;
  const masked = maskV6(bytes, length);
  for (let i = 0; i < 16; i++) if (masked[i] !== bytes[i]) return null;
  return { v6: true, v4: -1, v6bytes: bytes, length };
}

/** Why text with a "/" is not a usable prefix ("prefix length 33 is above 32 for IPv4"), or null if it is one. */
export function cidrProblem(text: string): string | null {
  const slash = text.indexOf('/');
  if (slash < 0) return 'not a prefix (no "/")';
  const lengthText = text.slice(slash + 1);
  const address = text.slice(0, slash);
  const v4 = parseIpv4(address) >= 0;
  if (!v4 && !parseIpv6(address, new Uint8Array(16))) return 'the address is not IPv4 or IPv6';
  if (!/^\d{1,3}$/.test(lengthText)) return 'the length is not a number';
  const length = Number(lengthText);
  if (v4 && length > 32) return 'length above 32 for IPv4';
  if (!v4 && length > 128) return 'length above 128 for IPv6';
  if (parseCidr(text) === null) return 'host bits set (a typo for the network address?)';
  return null;
}

function maskV4(ip: number, length: number): number {
  return length === 0 ? 0 : ip - (ip % 2 ** (32 - length));
}

function maskV6(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, length - 8 * i));
    out[i] = bytes[i] & ((0xff00 >> bits) & 0xff);
  }
  return out;
}

function v6Key(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < 16; i++) key += String.fromCharCode(bytes[i]);
  return key;
}

export class PrefixLabels {
  private readonly v4 = new Map<number, Map<number, string>>();
  private readonly v6 = new Map<number, Map<string, string>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The label of exactly this prefix, if it was added. */
  labelOf(cidr: Cidr): string | undefined {
    return cidr.v6 ? this.v6.get(cidr.length)?.get(v6Key(cidr.v6bytes)) : this.v4.get(cidr.length)?.get(cidr.v4);
  }

  /** Adds a prefix; the same prefix added again keeps its latest label. */
  add(cidr: Cidr, label: string): void {
    if (cidr.v6) {
      let m = this.v6.get(cidr.length);
      if (!m) {
        this.v6.set(cidr.length, (m = new Map()));
        this.v6Lengths = [...this.v6.keys()].sort((a, b) => b - a);
      }
      const key = v6Key(cidr.v6bytes);
      if (!m.has(key)) this.count++;
      m.set(key, label);
    } else {
      let m = this.v4.get(cidr.length);
      if (!m) {
        this.v4.set(cidr.length, (m = new Map()));
        this.v4Lengths = [...this.v4.keys()].sort((a, b) => b - a);
      }
      if (!m.has(cidr.v4)) this.count++;
      m.set(cidr.v4, label);
    }
  }

  /** The label of the longest prefix holding this address (any valid IPv4/IPv6 text), or undefined. */
  lookup(address: string): string | undefined {
    return this.longestMatch(address)?.label;
  }

  /** The longest prefix holding this address: its label and a key naming the prefix (e.g. to count which prefixes matched). */
  longestMatch(address: string): { label: string; key: string } | undefined {
    if (this.count === 0) return undefined;
    const v4 = parseIpv4(address);
    if (v4 >= 0) {
      for (const length of this.v4Lengths) {
        const network = maskV4(v4, length);
        const label = this.v4.get(length)!.get(network);
        if (label !== undefined) return { label, key: `4/${length}/${network}` };
      }
      return undefined;
    }
    const bytes = new Uint8Array(16);
    if (!parseIpv6(address, bytes)) return undefined;
    for (const length of this.v6Lengths) {
      const network = v6Key(maskV6(bytes, length));
      const label = this.v6.get(length)!.get(network);
      if (label !== undefined) return { label, key: `6/${length}/${network}` };
    }
    return undefined;
  }
}

/**
 * Address -> label, exact addresses first, then the longest matching prefix:
 * a Map to every reader (`get`, `has`), so code that joins labels with the
 * vocabulary by `labels.get(sender)` honours prefixes without knowing of
 * them. `size` counts exact addresses plus prefixes; iteration yields the
 * exact addresses only. A copy made with `new Map(...)` loses the prefixes:
 * use `clone()`.
 */
export class LabelMap extends Map<string, string> {
  readonly prefixes: PrefixLabels;

  constructor(prefixes = new PrefixLabels(), entries?: Iterable<readonly [string, string]>) {
    super(entries);
    this.prefixes = prefixes;
  }

  override get(address: string): string | undefined {
    return super.get(address) ?? this.prefixes.lookup(address);
  }

  override has(address: string): boolean {
    return this.get(address) !== undefined;
  }

  /** Exact addresses only (Map's own get). */
  exact(address: string): string | undefined {
    return super.get(address);
  }

  clone(): LabelMap {
    return new LabelMap(this.prefixes, this);
  }
}

// Map declares `size` as a property, so TypeScript refuses an accessor override; define it here.
Object.defineProperty(LabelMap.prototype, 'size', {
  get(this: LabelMap) {
    return (Reflect.get(Map.prototype, 'size', this) as number) + this.prefixes.size;
  },
});
