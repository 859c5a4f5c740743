// MaxMind DB files (.mmdb: GeoLite2/GeoIP2 ASN, Country, City; DB-IP's lite
// ASN and country/city files; ipinfo's) read with mmdb-lib. The format is a
// binary search tree over address bits with a data section, read in place,
// so the file is held whole (a GeoLite2-City is ~70 MB, an ASN file ~10 MB);
// it cannot be streamed. Nothing is fetched.
//
// mmdb-lib wants a Node Buffer: in the browser the `buffer` package's is put
// on globalThis before mmdb-lib loads (mmdb-lib reads the global at load).
// Lookups walk the search tree here, over the bytes (mmdb-lib's own lookup
// parses each address through strings and arrays: 6 us a sender, 6 s for a
// million); each distinct data record found is decoded once, by mmdb-lib,
// through its public get(), and interned.
import { parseAddresses, type ParsedAddresses } from './addresses';
import { RecordTableBuilder, parseAsn, type RecordTable } from './records';

/** The metadata section starts after this marker, in the last 128 KiB of the file. */
const METADATA_MARKER = new Uint8Array([0xab, 0xcd, 0xef, ...new TextEncoder().encode('MaxMind.com')]);
const METADATA_WINDOW = 128 * 1024;

export interface MmdbDatabase {
  format: 'mmdb';
  fileName: string;
  /** The file's own name for its kind, e.g. "GeoLite2-ASN", "DBIP-Country-Lite". */
  databaseType: string;
  ipVersion: number;
  buildEpoch: Date;
  /** Record per address (canonical text, or parsed once), -1 when the database does not know it; records grow with lookups. */
  lookup(addresses: readonly string[] | ParsedAddresses): { record: Int32Array; records: RecordTable };
}

type ReaderClass = typeof import('mmdb-lib').Reader;
let readerClass: Promise<ReaderClass> | undefined;

async function loadReader(): Promise<ReaderClass> {
  readerClass ??= (async () => {
    const g = globalThis as { Buffer?: unknown };
    if (g.Buffer === undefined) g.Buffer = (await import('buffer')).Buffer;
    return (await import('mmdb-lib')).Reader;
  })();
  return readerClass;
}

/** Offset of the metadata marker, or -1. */
function findMarker(bytes: Uint8Array): number {
  const from = Math.max(0, bytes.length - METADATA_WINDOW);
  outer: for (let i = bytes.length - METADATA_MARKER.length; i >= from; i--) {
    for (let k = 0; k < METADATA_MARKER.length; k++) if (bytes[i + k] !== METADATA_MARKER[k]) continue outer;
    return i;
  }
  return -1;
}

interface MmdbRecord {
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
  asn?: string | number;
  as_name?: string;
  country?: { iso_code?: string } | string;
  registered_country?: { iso_code?: string };
  country_code?: string;
}

/** (ASN, country, AS name) from the record shapes MaxMind, DB-IP and ipinfo write. */
function fields(data: MmdbRecord): [number, string | undefined, string | undefined] {
  let asn = -1;
  if (typeof data.autonomous_system_number === 'number') asn = data.autonomous_system_number;
  else if (data.asn !== undefined) asn = parseAsn(String(data.asn));
  const name = data.autonomous_system_organization ?? data.as_name;
  let country: string | undefined;
  if (typeof data.country === 'string') country = data.country;
  else country = data.country?.iso_code ?? data.registered_country?.iso_code ?? data.country_code;
  return [asn, country && /^[A-Za-z]{2}$/.test(country) ? country : undefined, typeof name === 'string' && name !== '' ? name : undefined];
}

/** Opens a .mmdb file held in memory; throws naming the file and the byte offset of what is wrong. */
export async function openMmdb(bytes: Uint8Array, fileName: string): Promise<MmdbDatabase> {
  const marker = findMarker(bytes);
  if (marker < 0) {
    throw new Error(`${fileName}: not a MaxMind DB file (no metadata marker "\\xab\\xcd\\xefMaxMind.com" in its last ${Math.min(bytes.length, METADATA_WINDOW)} bytes)`);
  }
  const Reader = await loadReader();
  const g = globalThis as unknown as { Buffer: typeof Buffer };
  const buffer = g.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cache = new Map<number, unknown>();
  let reader: InstanceType<ReaderClass>;
  try {
    reader = new Reader(buffer, { cache: { get: (k: number) => cache.get(k), set: (k: number, v: unknown) => void cache.set(k, v) } } as never);
  } catch (e) {
    throw new Error(`${fileName}: bad MaxMind DB metadata at byte ${marker + METADATA_MARKER.length}: ${(e as Error).message}`);
  }
  const { metadata } = reader;
  const treeEnd = metadata.searchTreeSize + 16;
  if (!(metadata.nodeCount > 0) || treeEnd > marker) {
    throw new Error(`${fileName}: MaxMind DB metadata claims a search tree of ${metadata.searchTreeSize} bytes (${metadata.nodeCount} nodes), past the data at byte ${marker}`);
  }
  const builder = new RecordTableBuilder();
  const recordOf = new Map<number, number>();
  const walker = new TreeWalker(bytes, metadata.nodeCount, metadata.recordSize, metadata.ipVersion);
  return {
    format: 'mmdb',
    fileName,
    databaseType: String(metadata.databaseType ?? ''),
    ipVersion: metadata.ipVersion,
    buildEpoch: metadata.buildEpoch,
    lookup(addresses) {
      const parsed = 'v4' in addresses ? addresses : parseAddresses(addresses);
      const { text, v4, v6Index, v6Bytes } = parsed;
      const record = new Int32Array(v4.length).fill(-1);
      const resolve = (i: number, pointer: number) => {
        if (pointer < 0) return;
        let r = recordOf.get(pointer);
        if (r === undefined) {
          let data: unknown;
          try {
            data = reader.get(text[i]);
          } catch (e) {
            throw new Error(`${fileName}: corrupt MaxMind DB (the record of ${text[i]}, tree value ${pointer}: ${(e as Error).message})`);
          }
          r = data !== null && typeof data === 'object' ? builder.intern(...fields(data as MmdbRecord)) : -1;
          recordOf.set(pointer, r);
        }
        record[i] = r;
      };
      let at = -1;
      try {
        for (at = 0; at < v4.length; at++) if (v4[at] >= 0) resolve(at, walker.findV4(v4[at]));
        // IPv6 senders in an IPv4-only database are unknown, not an error.
        if (metadata.ipVersion === 6) {
          for (let k = 0; k < v6Index.length; k++) {
            at = v6Index[k];
            resolve(at, walker.findV6(v6Bytes.subarray(16 * k, 16 * k + 16)));
          }
        }
      } catch (e) {
        if ((e as Error).message.startsWith(fileName)) throw e;
        throw new Error(`${fileName}: corrupt MaxMind DB (looking up ${text[at]}: ${(e as Error).message})`);
      }
      return { record, records: builder.build() };
    },
  };
}

/**
 * The search tree, read in place: each node is two records of 24, 28 or 32
 * bits; a record below nodeCount is the next node, nodeCount means "not in
 * the database", above it points into the data section.
 */
class TreeWalker {
  private readonly view: DataView;
  private readonly nodeBytes: number;
  private readonly v4Start: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly nodeCount: number,
    private readonly recordSize: number,
    ipVersion: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.nodeBytes = recordSize / 4;
    // IPv4 lives at ::/96 of an IPv6 tree: 96 left steps from the root.
    let node = 0;
    if (ipVersion === 6) for (let i = 0; i < 96 && node < nodeCount; i++) node = this.child(node, 0);
    this.v4Start = node;
  }

  /** A child of a node below nodeCount: openMmdb checked that the whole tree is inside the file. */
  private child(node: number, bit: number): number {
    const b = this.bytes;
    const o = node * this.nodeBytes;
    switch (this.recordSize) {
      case 24:
        return bit ? (b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5] : (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
      case 28:
        return bit
          ? (b[o + 3] & 0x0f) * 0x1000000 + ((b[o + 4] << 16) | (b[o + 5] << 8) | b[o + 6])
          : (b[o + 3] >> 4) * 0x1000000 + ((b[o] << 16) | (b[o + 1] << 8) | b[o + 2]);
      default:
        return this.view.getUint32(o + (bit ? 4 : 0));
    }
  }

  /** The tree value of the address's record (> nodeCount), or -1 when the tree does not hold it. */
  private end(node: number): number {
    return node > this.nodeCount ? node : -1;
  }

  findV4(ip: number): number {
    let node = this.v4Start;
    const n = this.nodeCount;
    if (this.recordSize === 24) {
      // The common record size, inlined: this loop is the lookup's whole cost.
      const b = this.bytes;
      for (let bit = 31; bit >= 0 && node < n; bit--) {
        const o = node * 6 + (((ip >>> bit) & 1) * 3);
        node = (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
      }
      return this.end(node);
    }
    for (let bit = 31; bit >= 0 && node < n; bit--) node = this.child(node, (ip >>> bit) & 1);
    return this.end(node);
  }

  findV6(address: Uint8Array): number {
    let node = 0;
    const n = this.nodeCount;
    for (let i = 0; i < 128 && node < n; i++) node = this.child(node, (address[i >> 3] >> (7 - (i & 7))) & 1);
    return this.end(node);
  }
}
