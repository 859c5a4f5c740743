// Enrichment: load each kind of database, then look up 1 M senders (the
// target: under 2 s). Databases are generated at real sizes (ip2asn ~500 k
// IPv4 ranges; prefix2as ~1 M nested prefixes; an .mmdb of 300 k networks
// written by the test writer), the senders are random public IPv4 addresses
// with 2 % IPv6.
//   npm run bench -- enrich   (ENRICH_SENDERS=N to change the 1 M)
import { Xoshiro128 } from '../src/simulate/prng';
import { enrichVocabulary, openIpDatabase, type IpDatabase } from '../src/enrich/enrich';
import { formatIpv4 } from '../src/ingest/ip-address';
import { MmdbWriter } from '../tests/enrich/mmdb-writer';

async function* chunks(bytes: Uint8Array, size = 1 << 20): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function ip2asnText(rng: Xoshiro128): Uint8Array {
  const lines: string[] = [];
  let at = 0x01000000;
  for (let i = 0; i < 500_000 && at < 0xdf000000; i++) {
    const size = 256 << rng.int(6);
    const asn = 1 + rng.int(80_000);
    lines.push(`${formatIpv4(at)}\t${formatIpv4(at + size - 1)}\t${asn}\t${'NLUSDECNJPBRFRGB'.substr(2 * (asn % 8), 2)}\tAS-${asn} Example Networks`);
    at += size + 256 * rng.int(8);
  }
  for (let i = 0; i < 80_000; i++) lines.push(`2001:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::\t2001:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}:ffff:ffff:ffff:ffff:ffff\t${1 + (i % 80_000)}\tUS\tV6-${i}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function prefix2asText(rng: Xoshiro128): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const length = 16 + rng.int(9);
    const size = 2 ** (32 - length);
    const start = Math.floor((0x01000000 + rng.next() % 0xde000000) / size) * size;
    lines.push(`${formatIpv4(start)}\t${length}\t${1 + rng.int(80_000)}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function mmdbBytes(rng: Xoshiro128): Uint8Array {
  const w = new MmdbWriter({ ipVersion: 6, databaseType: 'Bench-ASN' });
  const records = Array.from({ length: 60_000 }, (_, i) => ({ autonomous_system_number: 1 + i, autonomous_system_organization: `AS-${i + 1} Example` }));
  for (let i = 0; i < 300_000; i++) {
    const length = 16 + rng.int(9);
    const size = 2 ** (32 - length);
    const start = Math.floor((0x01000000 + rng.next() % 0xde000000) / size) * size;
    w.insert(formatIpv4(start), length, records[rng.int(records.length)]);
  }
  return w.build();
}

function senders(n: number, rng: Xoshiro128): string[] {
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.float() < 0.02 ? `2001:${rng.int(2).toString(16)}:${rng.int(65536).toString(16)}::${rng.int(65536).toString(16)}` : formatIpv4(0x01000000 + (rng.next() % 0xde000000));
  }
  return out;
}

export async function run(): Promise<void> {
  const n = Number(process.env.ENRICH_SENDERS ?? 1_000_000);
  const rng = new Xoshiro128(17, 1);
  const vocab = senders(n, rng);
  const files: [string, Uint8Array][] = [
    ['ip2asn.tsv', ip2asnText(rng)],
    ['prefix2as.pfx2as', prefix2asText(rng)],
    ['bench-asn.mmdb', mmdbBytes(rng)],
  ];
  console.log(`${n.toLocaleString('en-US')} senders`);
  console.log('wall ms (CPU ms): the machine is shared, CPU time is the steadier');
  console.log('database            size      load            lookup 1st run    lookup 2nd run    lookups/s (CPU)   matched');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const fmt = (wall: number, c: number) => `${wall.toFixed(0)} (${c.toFixed(0)})`.padStart(14);
  for (const [name, bytes] of files) {
    let t = performance.now();
    let c = cpu();
    const db: IpDatabase = await openIpDatabase(chunks(bytes), name);
    const load = fmt(performance.now() - t, cpu() - c);
    // Twice: the first run warms the JIT and decodes each .mmdb record once.
    const runs: string[] = [];
    let cpuMs = 0;
    let matched = 0;
    for (let rep = 0; rep < 2; rep++) {
      t = performance.now();
      c = cpu();
      const e = enrichVocabulary(vocab, [db]);
      cpuMs = cpu() - c;
      runs.push(fmt(performance.now() - t, cpuMs));
      matched = e.sources[0].matched;
    }
    console.log(`${name.padEnd(18)}  ${(bytes.length / 1e6).toFixed(1).padStart(5)} MB  ${load}  ${runs[0]}    ${runs[1]}    ${Math.round(n / (cpuMs / 1000)).toLocaleString('en-US').padStart(12)}   ${matched.toLocaleString('en-US')}`);
  }
}
