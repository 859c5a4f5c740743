// Who the senders are, from databases the user supplies as files: each
// vocabulary entry (a sender's canonical address) gets an AS number, an AS
// name and a country, as typed arrays indexed like the vocabulary, strings in
// tables. Nothing leaves the machine; nothing is fetched.
//
//   const db = await openIpDatabase(openBlobSource(file), file.name);   // or openPathSource
//   const e = enrichVocabulary(corpus.vocab, [db]);
//   e.asn[i] (0: unknown), e.asNames[e.asName[i]], e.countries[e.country[i]] (index -1: unknown)
//
// With several databases (an ASN file and a country file, say), each field of
// each sender comes from the first database, in the order given, that knows
// it for that sender.
import { gunzipIfNeeded, peekSource, type ByteSource } from '../ingest/byte-source';
import { looksLikeText } from '../ingest/delimited-decoder';
import { concatBytes } from '../ingest/bytes';
import { openMmdb, type MmdbDatabase } from './mmdb';
import { parseAddresses, type ParsedAddresses } from './addresses';
import type { RecordTable } from './records';
import { readTextDatabase, type TextDatabase } from './text-databases';

export type IpDatabase = TextDatabase | MmdbDatabase;

export interface Enrichment {
  /** AS number per sender, 0 when unknown (AS 0 is reserved: never an origin). */
  asn: Uint32Array;
  /** Index into `asNames` per sender, -1 when unknown. */
  asName: Int32Array;
  /** Index into `countries` per sender, -1 when unknown. */
  country: Int16Array;
  asNames: string[];
  /** ISO 3166 alpha-2, upper case. */
  countries: string[];
  /** Senders with at least one field known. */
  known: number;
  /** The databases, in the order they were asked. */
  sources: { fileName: string; format: IpDatabase['format']; matched: number }[];
}

/** Collects a byte stream into one array (for formats read in place). */
async function collect(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    length += chunk.length;
  }
  return concatBytes(parts, length);
}

/**
 * Reads an ip2asn TSV, a CAIDA prefix2as file or a .mmdb (gzip or not), told
 * apart by content: text is one of the TSVs, binary a MaxMind DB. Throws a
 * message naming the file (and the line or byte offset) when it is none of them.
 */
export async function openIpDatabase(source: ByteSource, fileName: string): Promise<IpDatabase> {
  const inflated = await gunzipIfNeeded(source, fileName);
  const { head, source: bytes } = await peekSource(inflated, 4096);
  if (head.length === 0) throw new Error(`${fileName}: empty file`);
  if (looksLikeText(head)) return readTextDatabase(bytes, fileName);
  return openMmdb(await collect(bytes), fileName);
}

function lookupRecords(db: IpDatabase, vocab: ParsedAddresses): { record: Int32Array; records: RecordTable } {
  if (db.format === 'mmdb') return db.lookup(vocab);
  return { record: db.ranges.lookup(vocab), records: db.records };
}

/** ASN, AS name and country per vocabulary entry, from the databases in priority order. */
export function enrichVocabulary(vocab: readonly string[], databases: readonly IpDatabase[]): Enrichment {
  const n = vocab.length;
  const asn = new Uint32Array(n);
  const asName = new Int32Array(n).fill(-1);
  const country = new Int16Array(n).fill(-1);
  const asNames: string[] = [];
  const countries: string[] = [];
  const nameIndex = new Map<string, number>();
  const countryIndex = new Map<string, number>();
  const sources: Enrichment['sources'] = [];
  const parsed = parseAddresses(vocab);
  for (const db of databases) {
    const { record, records } = lookupRecords(db, parsed);
    // The database's string indexes -> ours, made on first use.
    const nameMap = new Int32Array(records.asNames.length).fill(-1);
    const countryMap = new Int16Array(records.countries.length).fill(-1);
    let matched = 0;
    for (let i = 0; i < n; i++) {
      const r = record[i];
      if (r < 0) continue;
      matched++;
      if (asn[i] === 0) asn[i] = records.asn[r];
      const nm = records.asName[r];
      if (asName[i] < 0 && nm >= 0) {
        if (nameMap[nm] < 0) {
          const text = records.asNames[nm];
          let k = nameIndex.get(text);
          if (k === undefined) {
            k = asNames.length;
            asNames.push(text);
            nameIndex.set(text, k);
          }
          nameMap[nm] = k;
        }
        asName[i] = nameMap[nm];
      }
      const c = records.country[r];
      if (country[i] < 0 && c >= 0) {
        if (countryMap[c] < 0) {
          const text = records.countries[c];
          let k = countryIndex.get(text);
          if (k === undefined) {
            k = countries.length;
            countries.push(text);
            countryIndex.set(text, k);
          }
          countryMap[c] = k;
        }
        country[i] = countryMap[c];
      }
    }
    sources.push({ fileName: db.fileName, format: db.format, matched });
  }
  let known = 0;
  for (let i = 0; i < n; i++) if (asn[i] > 0 || asName[i] >= 0 || country[i] >= 0) known++;
  return { asn, asName, country, asNames, countries, known, sources };
}

/** The AS number, AS name and country code of sender i as text, "" where unknown: the columns an export writes (asn,as_name,country). */
export function enrichmentText(e: Enrichment, i: number): { asn: string; asName: string; country: string } {
  return {
    asn: e.asn[i] > 0 ? String(e.asn[i]) : '',
    asName: e.asName[i] >= 0 ? e.asNames[e.asName[i]] : '',
    country: e.country[i] >= 0 ? e.countries[e.country[i]] : '',
  };
}
