// MaxMind DB files (.mmdb: GeoLite2/GeoIP2 ASN, Country, City; DB-IP's lite
// ASN and country/city files; ipinfo's) read with mmdb-lib. The format is a
// binary search tree over address bits with a data section, read in place,
// so the file is held whole (a GeoLite2-City is ~70 MB, an ASN file ~10 MB);
// it cannot be streamed. Nothing is fetched.
//
// mmdb-lib wants a Node Buffer: in the browser the `buffer` package's is put
// on globalThis before mmdb-lib loads (mmdb-lib reads the global at load).
// Decoded records are cached by their offset in the data section, so each is
// decoded once whatever the number of senders it covers.
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
  /** Record per address (canonical text), -1 when the database does not know it; records grow with lookups. */
  lookup(addresses: readonly string[]): { record: Int32Array; records: RecordTable };
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
  const recordOf = new Map<unknown, number>();
  return {
    format: 'mmdb',
    fileName,
    databaseType: String(metadata.databaseType ?? ''),
    ipVersion: metadata.ipVersion,
    buildEpoch: metadata.buildEpoch,
    lookup(addresses) {
      const record = new Int32Array(addresses.length);
      for (let i = 0; i < addresses.length; i++) {
        const address = addresses[i];
        // IPv6 senders in an IPv4-only database are unknown, not an error.
        if (metadata.ipVersion === 4 && address.includes(':')) {
          record[i] = -1;
          continue;
        }
        let data: unknown;
        try {
          data = reader.get(address);
        } catch (e) {
          throw new Error(`${fileName}: corrupt MaxMind DB (looking up ${address}: ${(e as Error).message})`);
        }
        if (data === null || typeof data !== 'object') {
          record[i] = -1;
          continue;
        }
        let r = recordOf.get(data);
        if (r === undefined) {
          r = builder.intern(...fields(data as MmdbRecord));
          recordOf.set(data, r);
        }
        record[i] = r;
      }
      return { record, records: builder.build() };
    },
  };
}
