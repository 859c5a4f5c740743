// Seeded mutation fuzzing of every decoder: valid CSV, pcap, pcapng, Zeek
// (TSV and JSON), Suricata eve.json, nfdump, raw traces and gzip, mutated a few
// thousand times each (bit flips, interesting bytes and 32-bit values, inserted,
// deleted, duplicated and truncated ranges, digit runs made huge), decoded in
// chunks of random size, and previewed. What may happen: records, skips, or our
// own clear error (a message that starts with the file's name). What may not: any
// other exception (a crash), a decode that takes more than a second (a hang),
// or one that allocates tens of MB for a few-KB input (unbounded memory).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/ingest/decoders';
import type { PacketSink } from '../../src/ingest/packet-sink';
import { previewTrace } from '../../src/ingest/preview-trace';
import type { ByteSource } from '../../src/ingest/byte-source';
import { gunzipIfNeeded } from '../../src/ingest/byte-source';
import { ethernet, ipv4Packet, ipv6Packet, pcapFile, PcapngBuilder, sll } from '../ingest/formats/capture-builder';
import { seededRandom } from '../../src/analyze/random';

const T0 = 1617148800;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../ingest/formats/fixtures/${name}`, import.meta.url)));
const enc = (s: string) => new TextEncoder().encode(s);

const prng = seededRandom;

const csvSeed = enc(
  'ts,src_ip,dst_ip,dst_port,proto,pck_len,tcp_seq,packets,note\r\n' +
    Array.from({ length: 30 }, (_, i) =>
      [i % 7 === 0 ? '2021-03-31T00:00:0' + (i % 10) + 'Z' : T0 + i * 7.25, i % 5 === 0 ? '2001:db8::' + i : `192.0.2.${i}`, '203.0.113.9', 20 + i, ['6', 'udp', '1', '58'][i % 4], 60, 3405803785, 1 + (i % 3), i % 4 === 0 ? '"a, ""quoted""\nnote"' : 'n'].join(','),
    ).join('\r\n') +
    '\r\n',
);

const frame = (i: number) => {
  const t = { proto: [6, 17, 1][i % 3], dstPort: 20 + i, seq: 0xcb007109 };
  return i % 4 === 3 ? ethernet(ipv6Packet('2001:db8::1', '2001:db8::2', t), [0x8100]) : i % 4 === 2 ? sll(ipv4Packet('192.0.2.7', '203.0.113.9', t)) : ethernet(ipv4Packet(`192.0.2.${i}`, '203.0.113.9', t));
};
const pcapSeed = pcapFile(Array.from({ length: 8 }, (_, i) => ({ sec: T0 + i, frac: i * 1000, data: frame(i % 2 === 0 ? i : 1) })));
const pcapngSeed = (() => {
  const b = new PcapngBuilder().section().interface(1, { tsresol: 6, snaplen: 128 }).interface(101, { tsresol: 0x89, tsoffset: 5 });
  for (let i = 0; i < 6; i++) b.enhanced(i % 2 === 0 ? 0 : 1, BigInt(T0 + i) * (i % 2 === 0 ? 1_000_000n : 512n), i % 2 === 0 ? frame(i) : ipv4Packet('192.0.2.9', '203.0.113.1', { proto: 6, dstPort: 23 }));
  b.simple(frame(2)).other(0x0bad, 40);
  b.section(false).interface(1).enhanced(0, BigInt(T0) * 1_000_000n, frame(4));
  return b.build();
})();
const zeekJson = enc(
  Array.from({ length: 10 }, (_, i) => JSON.stringify({ ts: T0 + i, uid: 'C' + i, 'id.orig_h': `192.0.2.${i}`, 'id.orig_p': 4000 + i, 'id.resp_h': '203.0.113.9', 'id.resp_p': 23, proto: i % 2 ? 'udp' : 'tcp', orig_pkts: i })).join('\n') + '\n',
);

interface Format {
  name: string;
  seed: Uint8Array;
  cases: number;
  /** Mutate the compressed bytes of the seed (gzip fuzz), with this engine. */
  gzip?: 'zlib' | 'web';
}

const FORMATS: Format[] = [
  { name: 'csv', seed: csvSeed, cases: 2000 },
  { name: 'pcap', seed: pcapSeed, cases: 3000 },
  { name: 'pcapng', seed: pcapngSeed, cases: 3000 },
  { name: 'zeek', seed: fixture('conn.log'), cases: 2000 },
  { name: 'zeek-json', seed: zeekJson, cases: 1000 },
  { name: 'eve.json', seed: fixture('eve.json'), cases: 2000 },
  { name: 'nfdump', seed: fixture('nfdump.csv'), cases: 1000 },
  { name: 'raw trace', seed: fixture('raw-trace.txt'), cases: 1000 },
  { name: 'gzip (zlib)', seed: new Uint8Array(gzipSync(csvSeed)), cases: 1500, gzip: 'zlib' },
  { name: 'gzip (web)', seed: new Uint8Array(gzipSync(pcapSeed)), cases: 500, gzip: 'web' },
];

const INTERESTING_BYTES = [0, 0xff, 0x7f, 0x80, 0x0a, 0x0d, 0x22, 0x2c, 0x7b, 0x1f, 0x8b, 0x2e, 0x3a, 0x2d];
const INTERESTING_U32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 12, 11, 0x40000, 0x100001, 0x0a0d0d0a];
const HUGE = ['99999999999999999999999', '1e308', '-1', '4294967296', '2147483648', '0', 'NaN', '1e-400'];

/** One to four random mutations of `seed`. */
export function mutate(seed: Uint8Array, random: () => number): Uint8Array {
  let b: number[] = Array.from(seed);
  const at = () => Math.floor(random() * (b.length + 1));
  const ops = 1 + Math.floor(random() * 4);
  for (let k = 0; k < ops; k++) {
    const op = Math.floor(random() * 8);
    const i = Math.min(at(), Math.max(0, b.length - 1));
    if (op === 0 && b.length) b[i] ^= 1 << Math.floor(random() * 8);
    else if (op === 1 && b.length) b[i] = INTERESTING_BYTES[Math.floor(random() * INTERESTING_BYTES.length)];
    else if (op === 2) b.splice(at(), 0, ...Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256)));
    else if (op === 3) b.splice(i, 1 + Math.floor(random() * 64));
    else if (op === 4) {
      const from = i;
      const piece = b.slice(from, from + 1 + Math.floor(random() * 256));
      b.splice(at(), 0, ...piece);
    } else if (op === 5) b = b.slice(0, at());
    else if (op === 6) {
      // A run of digits made huge, negative or not a number.
      const text = String.fromCharCode(...b.slice(i, i + 64));
      const m = /\d+/.exec(text);
      if (m) b.splice(i + m.index, m[0].length, ...Array.from(HUGE[Math.floor(random() * HUGE.length)], (c) => c.charCodeAt(0)));
    } else if (op === 7 && b.length >= 4) {
      const v = INTERESTING_U32[Math.floor(random() * INTERESTING_U32.length)];
      const j = Math.min(i, b.length - 4) & ~3;
      const le = random() < 0.5;
      for (let q = 0; q < 4; q++) b[j + q] = (v >>> (8 * (le ? q : 3 - q))) & 255;
    }
  }
  return Uint8Array.from(b);
}

async function* chunks(bytes: Uint8Array, size: number): ByteSource {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const sink: PacketSink = { packet() {}, skip() {} };

interface Outcome {
  crash?: string;
  ms: number;
  grew: number;
}

/** Decodes (and previews) one input; an error not starting with the file name is a crash. */
async function run(bytes: Uint8Array, chunk: number, engine: 'zlib' | 'web' | undefined, fileName: string, preview: boolean): Promise<Outcome> {
  const before = process.memoryUsage().arrayBuffers;
  const t = performance.now();
  let crash: string | undefined;
  const ours = (e: unknown) => {
    if (!(e instanceof Error) || !e.message.startsWith(`${fileName}: `)) crash = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e);
  };
  try {
    const source = engine ? await gunzipIfNeeded(chunks(bytes, chunk), fileName, engine) : chunks(bytes, chunk);
    await decodeTrace(source, sink, { fileName });
  } catch (e) {
    ours(e);
  }
  if (preview) {
    try {
      await previewTrace(chunks(bytes, chunk), fileName);
    } catch (e) {
      ours(e);
    }
  }
  return { crash, ms: performance.now() - t, grew: process.memoryUsage().arrayBuffers - before };
}

describe('fuzzed decoders', () => {
  it.each(FORMATS.map((f) => [f.name, f] as const))('%s', async (name, format) => {
    const random = prng(0x16 + name.length * 977);
    const crashes: string[] = [];
    let slowest = 0;
    let largest = 0;
    for (let n = 0; n < format.cases; n++) {
      const input = mutate(format.seed, random);
      // Mostly whole-ish chunks; one in eight tiny, so records straddle chunk boundaries byte by byte.
      const chunk = random() < 0.125 ? 1 + Math.floor(random() * 16) : 256 + Math.floor(random() * 3840);
      const r = await run(input, chunk, format.gzip, 'fuzz.bin', n % 4 === 0 && format.gzip !== 'web');
      if (r.crash && crashes.length < 3) crashes.push(`case ${n} (chunk ${chunk}, ${Buffer.from(input).toString('base64')}): ${r.crash}`);
      slowest = Math.max(slowest, r.ms);
      largest = Math.max(largest, r.grew);
    }
    expect(crashes).toEqual([]);
    // A few KB of input: no decode near a second, no allocation near 64 MB.
    expect(slowest).toBeLessThan(1000);
    expect(largest).toBeLessThan(64 << 20);
    console.info(`fuzz ${name}: ${format.cases} cases, slowest ${slowest.toFixed(0)} ms, largest allocation ${(largest / 1e6).toFixed(1)} MB`);
  }, 120_000);
});
