// A minimal MaxMind DB writer for tests and benchmarks, written from the
// format specification (MaxMind DB File Format 2.0), independent of the
// reader: a binary trie over address bits (24-bit records), 16 zero bytes,
// the data section, then the metadata marker and map.
//
//   const w = new MmdbWriter({ ipVersion: 6, databaseType: 'Test-ASN' });
//   w.insert('192.0.2.0', 24, { autonomous_system_number: 64500, autonomous_system_organization: 'TEST-NET' });
//   const bytes = w.build();

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue } | { uint64: bigint } | { double: number };

type Child = { node: number } | { data: number } | null;

function ipBits(address: string, ipVersion: 4 | 6): number[] {
  const bits: number[] = [];
  const push = (value: number, width: number) => {
    for (let b = width - 1; b >= 0; b--) bits.push((value >>> b) & 1);
  };
  if (!address.includes(':')) {
    if (ipVersion === 6) for (let i = 0; i < 96; i++) bits.push(0);
    for (const octet of address.split('.').map(Number)) push(octet, 8);
    return bits;
  }
  if (ipVersion === 4) throw new Error('an IPv6 network in an IPv4 database');
  const [head, tail] = address.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  for (const g of all) push(g, 16);
  return bits;
}

class Bytes {
  readonly out: number[] = [];
  push(...b: number[]): void {
    for (const x of b) this.out.push(x & 255);
  }
}

function uintBytes(v: bigint | number): number[] {
  let x = BigInt(v);
  const out: number[] = [];
  while (x > 0n) {
    out.unshift(Number(x & 255n));
    x >>= 8n;
  }
  return out;
}

/** Control byte(s) for a type and payload size. */
function control(b: Bytes, type: number, size: number): void {
  let sizeBits: number;
  const extra: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 285) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 65821) {
    sizeBits = 30;
    extra.push((size - 285) >> 8, size - 285);
  } else {
    sizeBits = 31;
    const s = size - 65821;
    extra.push(s >> 16, s >> 8, s);
  }
  if (type <= 7) b.push((type << 5) | sizeBits);
  else b.push(sizeBits, type - 7);
  b.push(...extra);
}

export function encodeValue(b: Bytes, v: MmdbValue): void {
  if (typeof v === 'string') {
    const bytes = new TextEncoder().encode(v);
    control(b, 2, bytes.length);
    b.push(...bytes);
  } else if (typeof v === 'boolean') {
    control(b, 14, v ? 1 : 0);
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw new Error(`use { double } for ${v}`);
    const bytes = uintBytes(v);
    control(b, v <= 0xffff ? 5 : 6, bytes.length);
    b.push(...bytes);
  } else if (Array.isArray(v)) {
    control(b, 11, v.length);
    for (const x of v) encodeValue(b, x);
  } else if ('uint64' in v && typeof v.uint64 === 'bigint') {
    const bytes = uintBytes(v.uint64);
    control(b, 9, bytes.length);
    b.push(...bytes);
  } else if ('double' in v && typeof v.double === 'number') {
    control(b, 3, 8);
    const d = new DataView(new ArrayBuffer(8));
    d.setFloat64(0, v.double);
    b.push(...new Uint8Array(d.buffer));
  } else {
    const entries = Object.entries(v as Record<string, MmdbValue>);
    control(b, 7, entries.length);
    for (const [k, x] of entries) {
      encodeValue(b, k);
      encodeValue(b, x);
    }
  }
}

export class MmdbWriter {
  private readonly nodes: [Child, Child][] = [[null, null]];
  private readonly data: MmdbValue[] = [];
  private readonly dataIndex = new Map<MmdbValue, number>();

  constructor(private readonly options: { ipVersion: 4 | 6; databaseType: string; recordSize?: 24 }) {}

  /** Maps address/length to `value`; a more specific network inserted later wins inside it. */
  insert(address: string, length: number, value: MmdbValue): void {
    const bits = ipBits(address, this.options.ipVersion);
    const depth = (address.includes(':') ? 0 : this.options.ipVersion === 6 ? 96 : 0) + length;
    // One copy of a value inserted for many networks, as real databases share records.
    let d = this.dataIndex.get(value);
    if (d === undefined) {
      d = this.data.length;
      this.data.push(value);
      this.dataIndex.set(value, d);
    }
    let node = 0;
    for (let i = 0; i < depth; i++) {
      const side = bits[i];
      if (i === depth - 1) {
        this.nodes[node][side] = { data: d };
        return;
      }
      let child = this.nodes[node][side];
      if (child === null || 'data' in child) {
        // Push a wider network's data down to both halves.
        const inherited: Child = child;
        this.nodes.push([inherited, inherited]);
        child = { node: this.nodes.length - 1 };
        this.nodes[node][side] = child;
      }
      node = child.node;
    }
  }

  build(buildEpoch = 1_700_000_000n): Uint8Array {
    const nodeCount = this.nodes.length;
    // Data section: each value once.
    const dataBytes = new Bytes();
    const offsets = this.data.map((v) => {
      const at = dataBytes.out.length;
      encodeValue(dataBytes, v);
      return at;
    });
    const record = (c: Child) => (c === null ? nodeCount : 'node' in c ? c.node : nodeCount + 16 + offsets[c.data]);
    const tree = new Bytes();
    for (const [l, r] of this.nodes) {
      const a = record(l);
      const b = record(r);
      if (a >= 1 << 24 || b >= 1 << 24) throw new Error('too large for 24-bit records');
      tree.push(a >> 16, a >> 8, a, b >> 16, b >> 8, b);
    }
    const meta = new Bytes();
    meta.push(0xab, 0xcd, 0xef, ...new TextEncoder().encode('MaxMind.com'));
    encodeValue(meta, {
      node_count: nodeCount,
      record_size: 24,
      ip_version: this.options.ipVersion,
      database_type: this.options.databaseType,
      languages: ['en'],
      binary_format_major_version: 2,
      binary_format_minor_version: 0,
      build_epoch: { uint64: buildEpoch },
      description: { en: 'DarkVec Studio test database' },
    });
    const out = new Uint8Array(tree.out.length + 16 + dataBytes.out.length + meta.out.length);
    out.set(tree.out, 0);
    out.set(dataBytes.out, tree.out.length + 16);
    out.set(meta.out, tree.out.length + 16 + dataBytes.out.length);
    return out;
  }
}
