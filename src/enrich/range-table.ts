// Address ranges -> record index, for the text databases (ip2asn ranges,
// prefix2as prefixes). Ranges may nest (a /16 and a /24 inside it): the
// innermost wins, as longest-prefix match does. Built once into disjoint
// sorted segments, so a lookup is one binary search: IPv4 over Uint32Arrays,
// IPv6 over (high, low) 64-bit halves.
import { parseIpv6 } from '../ingest/ip-address';
import { parseAddresses, type ParsedAddresses } from './addresses';

const TWO64 = 1n << 64n;
const MASK64 = TWO64 - 1n;

/** The 128-bit value of IPv6 text, or undefined. */
export function ipv6Value(text: string): bigint | undefined {
  const bytes = new Uint8Array(16);
  if (!parseIpv6(text, bytes, 0)) return undefined;
  const view = new DataView(bytes.buffer);
  return (view.getBigUint64(0) << 64n) | view.getBigUint64(8);
}

interface Segments<T> {
  start: T[];
  end: T[];
  value: number[];
}

/**
 * Disjoint segments from ranges sorted by start, wider first at equal starts;
 * a range covers the parts of the ones it nests in. `one` and the arithmetic
 * are the number type's (number for IPv4, bigint for IPv6).
 */
function flatten<T extends number | bigint>(start: T[], end: T[], value: number[], order: number[], one: T): Segments<T> {
  const out: Segments<T> = { start: [], end: [], value: [] };
  const emit = (s: T, e: T, v: number) => {
    if (s > e) return;
    const last = out.value.length - 1;
    // Adjacent segments of one record merge (a /24 split into /25s, say).
    if (last >= 0 && out.value[last] === v && (out.end[last] as bigint | number) === ((s as bigint) - (one as bigint))) {
      out.end[last] = e;
      return;
    }
    out.start.push(s);
    out.end.push(e);
    out.value.push(v);
  };
  const stack: number[] = [];
  let cursor: T | undefined;
  const closeUntil = (limit: T | undefined) => {
    // Close the open ranges that end before `limit`, innermost first.
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (limit !== undefined && end[top] >= limit) break;
      emit(cursor!, end[top], value[top]);
      cursor = ((end[top] as bigint) + (one as bigint)) as T;
      stack.pop();
    }
  };
  for (const r of order) {
    closeUntil(start[r]);
    if (stack.length > 0) emit(cursor!, ((start[r] as bigint) - (one as bigint)) as T, value[stack[stack.length - 1]]);
    cursor = start[r];
    stack.push(r);
  }
  closeUntil(undefined);
  return out;
}

export class RangeTableBuilder {
  private readonly v4Start: number[] = [];
  private readonly v4End: number[] = [];
  private readonly v4Value: number[] = [];
  private readonly v6Start: bigint[] = [];
  private readonly v6End: bigint[] = [];
  private readonly v6Value: number[] = [];

  get size(): number {
    return this.v4Value.length + this.v6Value.length;
  }

  addV4(start: number, end: number, value: number): void {
    this.v4Start.push(start);
    this.v4End.push(end);
    this.v4Value.push(value);
  }

  addV6(start: bigint, end: bigint, value: number): void {
    this.v6Start.push(start);
    this.v6End.push(end);
    this.v6Value.push(value);
  }

  build(): RangeTable {
    const sortOrder = <T extends number | bigint>(start: T[], end: T[]) => {
      const order = Array.from(start, (_, i) => i);
      // Databases come sorted (ip2asn, prefix2as): then the sort is one pass of checks.
      let sorted = true;
      for (let i = 1; i < start.length && sorted; i++) sorted = start[i - 1] < start[i] || (start[i - 1] === start[i] && end[i - 1] >= end[i]);
      if (sorted) return order;
      order.sort((a, b) => (start[a] < start[b] ? -1 : start[a] > start[b] ? 1 : end[a] > end[b] ? -1 : end[a] < end[b] ? 1 : a - b));
      return order;
    };
    const v4 = flatten(this.v4Start, this.v4End, this.v4Value, sortOrder(this.v4Start, this.v4End), 1);
    const v6 = flatten(this.v6Start, this.v6End, this.v6Value, sortOrder(this.v6Start, this.v6End), 1n);
    const n6 = v6.value.length;
    const hiLo = (values: bigint[]) => {
      const hi = new BigUint64Array(n6);
      const lo = new BigUint64Array(n6);
      values.forEach((v, i) => {
        hi[i] = v >> 64n;
        lo[i] = v & MASK64;
      });
      return { hi, lo };
    };
    const s6 = hiLo(v6.start);
    const e6 = hiLo(v6.end);
    return new RangeTable(
      Uint32Array.from(v4.start),
      Uint32Array.from(v4.end),
      Int32Array.from(v4.value),
      s6.hi,
      s6.lo,
      e6.hi,
      e6.lo,
      Int32Array.from(v6.value),
    );
  }
}

export class RangeTable {
  constructor(
    readonly v4Start: Uint32Array,
    readonly v4End: Uint32Array,
    readonly v4Value: Int32Array,
    readonly v6StartHi: BigUint64Array,
    readonly v6StartLo: BigUint64Array,
    readonly v6EndHi: BigUint64Array,
    readonly v6EndLo: BigUint64Array,
    readonly v6Value: Int32Array,
  ) {}

  /** Segments held (IPv4 + IPv6). */
  get size(): number {
    return this.v4Value.length + this.v6Value.length;
  }

  /** Record of an IPv4 address (unsigned 32-bit), -1 when no range holds it. */
  lookupV4(ip: number): number {
    const starts = this.v4Start;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || ip < starts[0]) return -1;
    // The last segment starting at or before ip.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= ip) lo = mid;
      else hi = mid - 1;
    }
    return ip <= this.v4End[lo] ? this.v4Value[lo] : -1;
  }

  /** Record of an IPv6 address given as its high and low 64 bits, -1 when none. */
  lookupV6(qh: bigint, ql: bigint): number {
    const sh = this.v6StartHi;
    const sl = this.v6StartLo;
    let lo = 0;
    let hi = sh.length - 1;
    if (hi < 0 || qh < sh[0] || (qh === sh[0] && ql < sl[0])) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (sh[mid] < qh || (sh[mid] === qh && sl[mid] <= ql)) lo = mid;
      else hi = mid - 1;
    }
    const eh = this.v6EndHi[lo];
    return qh < eh || (qh === eh && ql <= this.v6EndLo[lo]) ? this.v6Value[lo] : -1;
  }

  /** Record per address (canonical text, as the vocabulary holds them, or parsed once), -1 when unknown. */
  lookup(addresses: readonly string[] | ParsedAddresses): Int32Array {
    const parsed = 'v4' in addresses ? addresses : parseAddresses(addresses);
    const { v4, v6Index, v6Bytes } = parsed;
    const out = new Int32Array(v4.length).fill(-1);
    for (let i = 0; i < v4.length; i++) if (v4[i] >= 0) out[i] = this.lookupV4(v4[i]);
    if (this.v6Value.length > 0 && v6Index.length > 0) {
      const view = new DataView(v6Bytes.buffer, v6Bytes.byteOffset, v6Bytes.byteLength);
      for (let k = 0; k < v6Index.length; k++) out[v6Index[k]] = this.lookupV6(view.getBigUint64(16 * k), view.getBigUint64(16 * k + 8));
    }
    return out;
  }
}
