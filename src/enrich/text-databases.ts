// The text databases, read line by line as they stream in (gzip or not):
// - ip2asn (iptoasn.com's ip2asn-v4.tsv, -v6, -combined, and -v4-u32 with
//   numeric addresses): `range_start range_end AS_number country_code
//   AS_description`, tab-separated. AS 0 / country "None" / "Not routed" mean
//   unknown.
// - CAIDA prefix2as (routeviews-rv2/rv6-*.pfx2as): `prefix length ASN`; a
//   multi-origin ASN ("4739_7474") or an AS set ("1234,5678") gives its
//   first AS. More specific prefixes win over the ones they nest in.
// A line that does not read is skipped and counted (SkipLog: its number and
// why); a file whose first data line does not read, or that reads no line, is
// refused with the file name and line.
import type { ByteSource } from '../ingest/byte-source';
import { LineDecoder } from '../ingest/formats/line-decoder';
import { parseIpv4 } from '../ingest/ip-address';
import { SkipLog, type SkipReport } from '../ingest/skip-log';
import { RangeTableBuilder, ipv6Value, type RangeTable } from './range-table';
import { RecordTableBuilder, parseAsn, type RecordTable } from './records';

export type TextDatabaseFormat = 'ip2asn' | 'prefix2as';

export interface TextDatabase {
  format: TextDatabaseFormat;
  fileName: string;
  ranges: RangeTable;
  records: RecordTable;
  /** Data lines read into ranges. */
  lines: number;
  skipped: SkipReport;
}

const V6_ONES = (1n << 128n) - 1n;

/** Which text database a data line belongs to, or undefined. */
export function sniffTextDatabaseLine(line: string): TextDatabaseFormat | undefined {
  const f = line.split('\t');
  // A prefix is written as an address, never as a number; a length has at most 3 digits.
  const written = parseIpv4(f[0]) >= 0 || ipv6Value(f[0]) !== undefined;
  if (f.length === 3 && written && /^\d{1,3}$/.test(f[1]) && /\d/.test(f[2])) return 'prefix2as';
  if (f.length >= 3 && isAddress(f[0]) && isAddress(f[1])) return 'ip2asn';
  return undefined;
}

function isAddress(text: string): boolean {
  return parseIpv4(text) >= 0 || /^\d{1,10}$/.test(text) || ipv6Value(text) !== undefined;
}

/** An address field: dotted IPv4, a uint32 decimal (the -u32 files), or IPv6. */
function addressValue(text: string): { v4: number } | { v6: bigint } | undefined {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { v4 };
  if (/^\d{1,10}$/.test(text)) {
    const n = Number(text);
    return n <= 0xffffffff ? { v4: n } : undefined;
  }
  const v6 = ipv6Value(text);
  return v6 === undefined ? undefined : { v6 };
}

class TextDatabaseDecoder extends LineDecoder {
  readonly ranges = new RangeTableBuilder();
  readonly records = new RecordTableBuilder();
  readonly skips = new SkipLog(10);
  kind: TextDatabaseFormat | undefined;
  dataLines = 0;

  constructor(fileName: string, private readonly expected?: TextDatabaseFormat) {
    super('ip database', fileName);
  }

  protected line(text: string, n: number): void {
    if (text.charCodeAt(0) === 35 /* # */ || text.trim() === '') return;
    if (this.kind === undefined) {
      const format = this.expected ?? sniffTextDatabaseLine(text);
      if (format === undefined) {
        this.fail(n, `not an ip2asn line (range_start range_end AS_number country_code AS_description) nor a prefix2as line (prefix length ASN), tab-separated: ${JSON.stringify(text.slice(0, 80))}`);
      }
      this.kind = format;
    }
    const problem = this.kind === 'ip2asn' ? this.ip2asn(text) : this.prefix2as(text);
    if (problem === undefined) {
      this.dataLines++;
      return;
    }
    if (this.dataLines === 0) this.fail(n, `${problem} (is this a ${this.kind} file?)`);
    this.skips.add(n, problem);
  }

  private ip2asn(text: string): string | undefined {
    const f = text.split('\t');
    if (f.length < 3) return `${f.length} fields, expected range_start range_end AS_number [country_code AS_description]`;
    const start = addressValue(f[0]);
    const end = addressValue(f[1]);
    if (!start || !end) return `range "${f[0]}" - "${f[1]}" is not two addresses`;
    if ('v4' in start !== 'v4' in end) return `range "${f[0]}" - "${f[1]}" mixes IPv4 and IPv6`;
    const asnText = f[2].trim();
    if (!/^(AS)?\d+$/i.test(asnText)) return `AS number "${f[2]}" is not a number`;
    const asn = parseAsn(asnText);
    const country = (f[3] ?? '').trim();
    const name = (f[4] ?? '').trim();
    // ip2asn marks unrouted space with AS 0, country "None", "Not routed".
    const record = this.records.intern(
      asn > 0 ? asn : -1,
      /^[A-Za-z]{2}$/.test(country) ? country : undefined,
      asn > 0 && name !== '' && name !== 'Not routed' ? name : undefined,
    );
    if ('v4' in start && 'v4' in end) {
      if (start.v4 > end.v4) return `range start ${f[0]} is after its end ${f[1]}`;
      this.ranges.addV4(start.v4, end.v4, record);
    } else if ('v6' in start && 'v6' in end) {
      if (start.v6 > end.v6) return `range start ${f[0]} is after its end ${f[1]}`;
      this.ranges.addV6(start.v6, end.v6, record);
    }
    return undefined;
  }

  private prefix2as(text: string): string | undefined {
    const f = text.split('\t');
    if (f.length < 3) return `${f.length} fields, expected prefix length ASN`;
    const length = Number(f[1]);
    const asn = parseAsn(f[2]);
    if (asn < 0) return `ASN "${f[2]}" has no AS number`;
    const record = this.records.intern(asn, undefined, undefined);
    const v4 = parseIpv4(f[0]);
    if (v4 >= 0) {
      if (!Number.isInteger(length) || length < 0 || length > 32) return `prefix length "${f[1]}" is not 0-32`;
      const size = 2 ** (32 - length);
      const start = v4 - (v4 % size);
      this.ranges.addV4(start, start + size - 1, record);
      return undefined;
    }
    const v6 = ipv6Value(f[0]);
    if (v6 === undefined) return `prefix "${f[0]}" is not an address`;
    if (!Number.isInteger(length) || length < 0 || length > 128) return `prefix length "${f[1]}" is not 0-128`;
    const host = V6_ONES >> BigInt(length);
    const start = v6 & ~host & V6_ONES;
    this.ranges.addV6(start, start | host, record);
    return undefined;
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'the file is empty');
    if (this.dataLines === 0) this.fail(lines, 'no data lines, only comments');
  }
}

/** Reads an ip2asn or prefix2as file (told apart by its first data line unless `format` is given). */
export async function readTextDatabase(source: ByteSource, fileName: string, format?: TextDatabaseFormat): Promise<TextDatabase> {
  const decoder = new TextDatabaseDecoder(fileName, format);
  for await (const chunk of source) decoder.push(chunk);
  decoder.end();
  return {
    format: decoder.kind!,
    fileName,
    ranges: decoder.ranges.build(),
    records: decoder.records.build(),
    lines: decoder.dataLines,
    skipped: decoder.skips.report(),
  };
}
