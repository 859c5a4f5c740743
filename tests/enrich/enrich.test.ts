import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { enrichVocabulary, enrichmentText, openIpDatabase, type Enrichment } from '../../src/enrich/enrich';
import { RangeTableBuilder } from '../../src/enrich/range-table';
import { sourceOf } from '../ingest/trace-fixtures';
import { MmdbWriter } from './mmdb-writer';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

function table(e: Enrichment, vocab: string[]) {
  return Object.fromEntries(vocab.map((ip, i) => [ip, Object.values(enrichmentText(e, i)).join('|')]));
}

describe('ip2asn TSV', () => {
  const vocab = ['1.0.0.1', '1.0.2.9', '192.0.2.1', '192.0.2.200', '198.51.100.255', '2001:db8::1', '203.0.113.9', '2001:db9::1'];
  const expected = {
    '1.0.0.1': '13335|CLOUDFLARENET|US',
    '1.0.2.9': '||', // AS 0, "None", "Not routed": unknown
    '192.0.2.1': '64500|EXAMPLE-AS Example Networks B.V.|NL',
    '192.0.2.200': '64501|BEISPIEL-NET|DE',
    '198.51.100.255': '64502|DARKNET-TELESCOPE|JP',
    '2001:db8::1': '64503|EXEMPLE-V6|FR',
    '203.0.113.9': '||',
    '2001:db9::1': '||',
  };

  it('reads ranges of IPv4 and IPv6, plain or gzip, in chunks of any size', async () => {
    for (const bytes of [fixture('ip2asn.tsv'), new Uint8Array(gzipSync(fixture('ip2asn.tsv')))]) {
      for (const chunk of [3, 1 << 16]) {
        const db = await openIpDatabase(sourceOf(bytes, chunk), 'ip2asn.tsv');
        expect(db.format).toBe('ip2asn');
        const e = enrichVocabulary(vocab, [db]);
        expect(table(e, vocab)).toEqual(expected);
        expect(e.known).toBe(5);
        expect(e.sources).toEqual([{ fileName: 'ip2asn.tsv', format: 'ip2asn', matched: 6 }]);
        expect(e.asn).toBeInstanceOf(Uint32Array);
        expect(e.country).toBeInstanceOf(Int16Array);
      }
    }
  });

  it('reads the numeric (-u32) variant', async () => {
    const db = await openIpDatabase(sourceOf('16777216\t16777471\t13335\tUS\tCLOUDFLARENET\n'), 'ip2asn-v4-u32.tsv');
    expect(table(enrichVocabulary(['1.0.0.7'], [db]), ['1.0.0.7'])).toEqual({ '1.0.0.7': '13335|CLOUDFLARENET|US' });
  });

  it('names the file and line of what does not read', async () => {
    await expect(openIpDatabase(sourceOf('hello world\n'), 'notes.txt')).rejects.toThrow(/^notes\.txt: ip database: line 1: not an ip2asn line/);
    await expect(openIpDatabase(sourceOf('# only a comment\n'), 'c.tsv')).rejects.toThrow('c.tsv: ip database: line 1: no data lines, only comments');
    await expect(openIpDatabase(sourceOf('1.0.0.9\t1.0.0.0\t1\tUS\tX\n'), 'r.tsv')).rejects.toThrow(
      'r.tsv: ip database: line 1: range start 1.0.0.9 is after its end 1.0.0.0 (is this a ip2asn file?)',
    );
    // Later bad lines are skipped and counted, with their numbers.
    const db = await openIpDatabase(sourceOf('1.0.0.0\t1.0.0.255\t1\tUS\tA\n1.0.1.0\t1.0.1.255\tAS?\tUS\tB\n1.0.2.0\t2001:db8::\t3\tUS\tC\n'), 'b.tsv');
    expect(db.format === 'ip2asn' && db.skipped).toEqual({
      total: 2,
      // Reasons count without their quoted values (src/ingest/skip-log.ts); the first rows keep them.
      byReason: { 'AS number is not a number': 1, 'range - mixes IPv4 and IPv6': 1 },
      lines: { 'AS number is not a number': [2], 'range - mixes IPv4 and IPv6': [3] },
      first: [
        { line: 2, reason: 'AS number "AS?" is not a number' },
        { line: 3, reason: 'range "1.0.2.0" - "2001:db8::" mixes IPv4 and IPv6' },
      ],
    });
  });
});

describe('CAIDA prefix2as', () => {
  it('longest prefix wins; multi-origin and AS-set ASNs give their first AS', async () => {
    const db = await openIpDatabase(sourceOf(fixture('prefix2as.txt'), 5), 'routeviews-rv2.pfx2as');
    expect(db.format).toBe('prefix2as');
    const vocab = ['192.0.2.1', '192.0.2.64', '192.0.2.81', '192.0.2.96', '192.0.2.255', '203.0.113.1', '198.19.255.255', '198.20.0.0', '2001:db8::5', '2001:db8:1::5'];
    const e = enrichVocabulary(vocab, [db]);
    expect(Array.from(e.asn)).toEqual([64500, 64510, 64511, 64510, 64500, 4739, 64512, 0, 64503, 64520]);
    expect(Array.from(e.country)).toEqual(new Array(vocab.length).fill(-1));
  });
});

describe('range table', () => {
  it('keeps the innermost of nested ranges and merges equal neighbours', () => {
    const b = new RangeTableBuilder();
    b.addV4(0, 99, 1);
    b.addV4(10, 19, 2);
    b.addV4(10, 14, 3);
    b.addV4(50, 59, 1); // the same record as around it: one segment
    b.addV4(100, 100, 4);
    const t = b.build();
    expect([0, 9, 10, 14, 15, 19, 20, 55, 99, 100, 101].map((ip) => t.lookupV4(ip))).toEqual([1, 1, 3, 3, 2, 2, 1, 1, 1, 4, -1]);
    expect(Array.from(t.v4Start)).toEqual([0, 10, 15, 20, 100]);
    // The top of the space.
    const top = new RangeTableBuilder();
    top.addV4(0xffffff00, 0xffffffff, 7);
    expect(top.build().lookupV4(0xffffffff)).toBe(7);
  });
});

describe('MaxMind DB', () => {
  const asnDb = () => {
    const w = new MmdbWriter({ ipVersion: 6, databaseType: 'GeoLite2-ASN' });
    w.insert('192.0.2.0', 24, { autonomous_system_number: 64500, autonomous_system_organization: 'EXAMPLE-AS' });
    w.insert('192.0.2.128', 25, { autonomous_system_number: 4200000001, autonomous_system_organization: 'Überall Net' });
    w.insert('2001:db8::', 32, { autonomous_system_number: 64503, autonomous_system_organization: 'EXEMPLE-V6' });
    return w.build();
  };
  const cityDb = () => {
    const w = new MmdbWriter({ ipVersion: 6, databaseType: 'GeoLite2-City' });
    w.insert('192.0.2.0', 24, { city: { names: { en: 'Amsterdam' } }, country: { iso_code: 'NL', names: { en: 'Netherlands' } }, location: { latitude: { double: 52.37 } } });
    w.insert('198.51.100.0', 24, { registered_country: { iso_code: 'jp' } });
    return w.build();
  };

  it('reads ASN databases, IPv4 and IPv6', async () => {
    const db = await openIpDatabase(sourceOf(asnDb(), 100), 'GeoLite2-ASN.mmdb');
    expect(db.format).toBe('mmdb');
    if (db.format === 'mmdb') expect(db.databaseType).toBe('GeoLite2-ASN');
    const vocab = ['192.0.2.1', '192.0.2.200', '2001:db8::1', '203.0.113.1'];
    expect(table(enrichVocabulary(vocab, [db]), vocab)).toEqual({
      '192.0.2.1': '64500|EXAMPLE-AS|',
      '192.0.2.200': '4200000001|Überall Net|',
      '2001:db8::1': '64503|EXEMPLE-V6|',
      '203.0.113.1': '||',
    });
  });

  it('reads country/city databases, gzip too, and joins them with an ASN file field by field', async () => {
    const city = await openIpDatabase(sourceOf(new Uint8Array(gzipSync(cityDb()))), 'GeoLite2-City.mmdb.gz');
    const asn = await openIpDatabase(sourceOf(asnDb()), 'GeoLite2-ASN.mmdb');
    const ip2asn = await openIpDatabase(sourceOf(fixture('ip2asn.tsv')), 'ip2asn.tsv');
    const vocab = ['192.0.2.1', '198.51.100.7', '1.0.0.1'];
    // The ASN file first for ASNs; the city file gives countries; ip2asn fills the rest.
    expect(table(enrichVocabulary(vocab, [asn, city, ip2asn]), vocab)).toEqual({
      '192.0.2.1': '64500|EXAMPLE-AS|NL',
      '198.51.100.7': '64502|DARKNET-TELESCOPE|JP',
      '1.0.0.1': '13335|CLOUDFLARENET|US',
    });
  });

  it('refuses what is not a MaxMind DB, naming the file and the offset', async () => {
    await expect(openIpDatabase(sourceOf(new Uint8Array([0, 1, 2, 3, 4, 5, 255])), 'x.mmdb')).rejects.toThrow(
      'x.mmdb: not a MaxMind DB file (no metadata marker "\\xab\\xcd\\xefMaxMind.com" in its last 7 bytes)',
    );
    // A marker followed by garbage: the metadata cannot be read.
    const bad = new Uint8Array([0, 0, 0, 0xab, 0xcd, 0xef, ...new TextEncoder().encode('MaxMind.com'), 0xff, 0x01]);
    await expect(openIpDatabase(sourceOf(bad), 'bad.mmdb')).rejects.toThrow(/^bad\.mmdb: bad MaxMind DB metadata at byte 17: /);
    // A truncated file: the tree the metadata describes is not there.
    const whole = asnDb();
    const marker = whole.length - 300;
    const cut = new Uint8Array([...whole.subarray(0, 10), ...whole.subarray(whole.indexOf(0xab, marker > 0 ? marker : 0))]);
    await expect(openIpDatabase(sourceOf(cut), 'cut.mmdb')).rejects.toThrow(/^cut\.mmdb: MaxMind DB metadata claims a search tree of \d+ bytes/);
  });
});
