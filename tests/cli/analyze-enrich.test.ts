// `darkvec analyze` on the sample with who-is-who: an ip2asn file (--asn) and
// a country .mmdb (--geo), the fingerprint classes (--fingerprints), a Cowrie
// honeypot log of the same day as a second trace, and the k-NN graph for
// Gephi (--gexf). One run, its files checked against what the fixtures say.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MmdbWriter } from '../enrich/mmdb-writer';
import { cowrieLog } from '../ingest/formats/cowrie-writer';
import { expectedEnrichment, sampleIp2asn, sampleNets, sampleTruth } from '../enrich/sample-ip2asn';
import { runCli, type CliResult } from './run-cli';

const sample = fileURLToPath(new URL('../../samples/trace.csv.gz', import.meta.url));
const sampleLabels = fileURLToPath(new URL('../../samples/labels.csv', import.meta.url));
const T0 = 1617148800;

let dir = '';
let run: CliResult;
const out = () => join(dir, 'out');
const truth = sampleTruth();
/** The honeypot's attackers: ten of the sample's Censys senders and five it never saw. */
const censys = [...truth].filter(([, g]) => g === 'censys').map(([ip]) => ip).slice(0, 10);
const honeypotOnly = Array.from({ length: 5 }, (_, i) => `203.0.113.${10 + i}`);

/** Countries for the /8s the ip2asn file leaves unknown (first octet a multiple of 7), and for 1/8, which the TSV knows (it wins). */
function countryMmdb(): Uint8Array {
  const w = new MmdbWriter({ ipVersion: 6, databaseType: 'Test-Country' });
  w.insert('1.0.0.0', 8, { country: { iso_code: 'FI' } });
  for (let octet = 7; octet < 224; octet += 7) w.insert(`${octet}.0.0.0`, 8, { country: { iso_code: 'SE' } });
  return w.build();
}

const readCsv = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => l.split(','));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'darkvec-analyze-enrich-'));
  writeFileSync(join(dir, 'ip2asn.tsv'), sampleIp2asn());
  writeFileSync(join(dir, 'country.mmdb'), countryMmdb());
  writeFileSync(join(dir, 'cowrie.json'), cowrieLog([...censys, ...honeypotOnly], T0));
  run = await runCli([
    'analyze', '--trace', sample, '--trace', join(dir, 'cowrie.json'), '--labels', sampleLabels,
    '--asn', join(dir, 'ip2asn.tsv'), '--geo', join(dir, 'country.mmdb'), '--fingerprints', '--gexf',
    '--epochs', '1', '-c', '5', '-e', '16', '--curve-k', '0', '--no-kmeans', '--out', out(),
  ], 150_000);
}, 150_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('darkvec analyze --asn --geo --fingerprints --gexf with a honeypot log as a second trace', () => {
  it('refuses a file that is no IP database, naming it, before reading the trace', async () => {
    const bad = join(dir, 'not-a-database.tsv');
    writeFileSync(bad, 'hello\tworld\n');
    const r = await runCli(['analyze', '--trace', sample, '--geo', bad, '--out', join(dir, 'bad'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not-a-database\.tsv: ip database: line 1: not an ip2asn line/);
  });

  it('exits 0 and says what it joined', () => {
    expect(run.stderr).toContain('IP databases: ip2asn.tsv (ip2asn');
    expect(run.stderr).toMatch(/enrichment: [\d]+ of [\d]+ kept senders/);
    expect(run.stderr).toMatch(/traces: trace\.csv\.gz \(delimited, \d+ kept senders\), cowrie\.json \(cowrie, 15 kept senders\); 10 kept senders in both/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('graph.gexf');
  });

  it('writes asn, as_name and country for every kept sender as the databases say, the --asn file first', () => {
    const rows = readCsv(join(out(), 'clusters.csv'));
    const head = rows[0];
    expect(head.slice(9)).toEqual(['asn', 'as_name', 'country', 'mirai_share', 'zmap_share', 'masscan_share', 'backscatter_share', 'sources']);
    const nets = sampleNets();
    let known = 0;
    let fromMmdb = 0;
    for (const row of rows.slice(1)) {
      const [ip, , , , , , , , , asn, asName, country] = row;
      const want = expectedEnrichment(ip, nets);
      const octet = Number(ip.split('.')[0]);
      if (want) {
        known++;
        // Shodan's AS name is markup in the fixture: the CSV keeps it as text.
        expect([asn, asName, country], ip).toEqual([String(want[0]), want[2], want[1]]);
      } else if (octet % 7 === 0) {
        fromMmdb++;
        expect([asn, asName, country], ip).toEqual(['', '', 'SE']);
      } else expect([asn, asName, country], ip).toEqual(['', '', '']);
    }
    expect(known).toBeGreaterThan(2500);
    // The honeypot-only senders (203.0.113.x) too: 203 is a multiple of 7.
    expect(fromMmdb).toBeGreaterThan(50);
    const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    expect(report.enrichment.databases.map((d: { file: string; format: string }) => [d.file, d.format])).toEqual([['ip2asn.tsv', 'ip2asn'], ['country.mmdb', 'mmdb (Test-Country)']]);
    expect(report.enrichment.withAsn).toBe(known);
    expect(report.enrichment.withCountry).toBe(known + fromMmdb);
  });

  it('labels the sample\'s ZMap, Masscan and backscatter senders with their classes, with their shares in the columns', () => {
    const rows = readCsv(join(out(), 'clusters.csv')).slice(1);
    const groupOf = (ip: string) => truth.get(ip);
    for (const [cls, group, column] of [['ZMap', 'zmap-scanner', 13], ['Masscan', 'masscan-scanner', 14], ['Backscatter', 'backscatter', 15]] as const) {
      const labelled = rows.filter((r) => r[3] === cls);
      expect(labelled.length, cls).toBeGreaterThan(10);
      expect(labelled.every((r) => groupOf(r[0]) === group), cls).toBe(true);
      expect(labelled.every((r) => Number(r[column]) > 0.5), cls).toBe(true);
    }
    const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    // samples/README.md: the classes pick out exactly their planted groups among the kept senders.
    expect(report.labels.fingerprints.classes).toEqual([
      { name: 'ZMap', columns: true, senders: 12, labelled: 12 },
      { name: 'Masscan', columns: true, senders: 12, labelled: 12 },
      { name: 'Backscatter', columns: true, senders: 37, labelled: 37 },
    ]);
    for (const cls of ['ZMap', 'Masscan', 'Backscatter']) expect(report.knn.classes[cls].support).toBeGreaterThan(10);
  });

  it('says which trace each sender was in', () => {
    const rows = readCsv(join(out(), 'clusters.csv')).slice(1);
    const sources = new Map(rows.map((r) => [r[0], r[16]]));
    for (const ip of honeypotOnly) expect(sources.get(ip)).toBe('cowrie.json');
    for (const ip of censys) if (sources.has(ip)) expect(sources.get(ip)).toBe('trace.csv.gz;cowrie.json');
    expect(rows.filter((r) => r[16] === 'trace.csv.gz;cowrie.json')).toHaveLength(10);
    // A honeypot log has no fingerprint fields: its senders' shares are of all their packets, the darknet's included.
    expect(rows.find((r) => r[0] === honeypotOnly[0])!.slice(12, 16)).toEqual(['0', '0', '0', '0']);
    const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    expect(report.input.sendersInSeveral).toBe(10);
    expect(report.input.inputs.map((i: { file: string }) => i.file)).toEqual(['trace.csv.gz', 'cowrie.json']);
  });

  it('gives each cluster its top ASNs and countries', () => {
    const summaries = JSON.parse(readFileSync(join(out(), 'cluster-summaries.json'), 'utf8'));
    for (const c of summaries) {
      expect(c.enrichedShare).toBeGreaterThanOrEqual(0);
      expect(c.enrichedShare).toBeLessThanOrEqual(1);
      expect(c.topAsns.length).toBeLessThanOrEqual(5);
      for (const a of c.topAsns) expect(a.share).toBeCloseTo(a.senders / c.senders, 5);
    }
    // Censys's senders: the clusters holding them list its AS.
    const censysClusters = summaries.filter((c: { topAsns: { asn: number }[] }) => c.topAsns.some((a) => a.asn === 64496));
    expect(censysClusters.reduce((n: number, c: { topAsns: { asn: number; senders: number }[] }) => n + c.topAsns.find((a) => a.asn === 64496)!.senders, 0)).toBeGreaterThan(30);
    expect(summaries.reduce((n: number, c: { sources: { senders: number }[] }) => n + c.sources[1].senders, 0)).toBe(15);
  });

  it('writes the k-NN graph Louvain clustered, with the enrichment as node attributes', () => {
    const g = parse(Graph, readFileSync(join(out(), 'graph.gexf'), 'utf8'));
    const rows = readCsv(join(out(), 'clusters.csv')).slice(1);
    expect(g.order).toBe(rows.length);
    expect(g.size).toBeGreaterThanOrEqual(rows.length);
    expect(g.size).toBeLessThanOrEqual(3 * rows.length);
    const row = rows.find((r) => r[9] !== '')!;
    expect(g.getNodeAttributes(row[0])).toMatchObject({ cluster: Number(row[1]), asn: Number(row[9]), country: row[11] });
    const shodan = rows.find((r) => truth.get(r[0]) === 'shodan');
    if (shodan) expect(g.getNodeAttribute(shodan[0], 'as_name')).toBe('<b>SIM-SHODAN</b>');
  });
});
