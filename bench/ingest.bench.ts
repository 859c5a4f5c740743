// Ingest and corpus speed and memory on generated 1 M-row traces.
//   npm run bench -- ingest   (INGEST_ROWS=3000000: bigger files; INGEST_PARTS=corpus: skip the parser comparison)
// Side by side, alternating: our delimited scanner vs papaparse on the same
// bytes (both turning each row into the same scalars), plain and gzip; then
// buildCorpus with peak and retained heap per packet and per sender.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGzip } from 'node:zlib';
import Papa from 'papaparse';
import { buildCorpus } from '../src/corpus/build-corpus';
import { openPathSource } from '../src/ingest/byte-source';
import { decodeTrace } from '../src/ingest/decoders';
import { canonicalIp } from '../src/ingest/ip-address';
import type { PacketSink } from '../src/ingest/packet-sink';
import { parseTimestamp } from '../src/ingest/timestamp';
import { writeGeneratedTrace } from './trace-generator';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function countingSink(): PacketSink & { rows: number; check: number } {
  return {
    rows: 0,
    check: 0,
    packet(ts, src, dstPort) {
      this.rows++;
      this.check += ts + dstPort + src.length;
    },
    skip() {},
  };
}

async function ours(path: string): Promise<number> {
  const sink = countingSink();
  await decodeTrace(openPathSource(path), sink, { fileName: path });
  return sink.rows;
}

/** papaparse over the same stream, then the same conversions our decoder does. */
async function papa(path: string): Promise<number> {
  const sink = countingSink();
  const { createGunzip } = await import('node:zlib');
  let stream: NodeJS.ReadableStream = createReadStream(path);
  if (path.endsWith('.gz')) stream = stream.pipe(createGunzip());
  await new Promise<void>((resolve, reject) => {
    let header = true;
    Papa.parse(stream as unknown as File, {
      chunk(results: Papa.ParseResult<string[]>) {
        for (const f of results.data) {
          if (header) {
            header = false;
            continue;
          }
          if (f.length < 4) continue;
          const ts = parseTimestamp(f[0]);
          const src = canonicalIp(f[1]);
          const port = f[2] === '' ? -1 : +f[2];
          if (ts !== ts || src === undefined) continue;
          sink.packet(ts, src, port, +f[3], 1, -1, +f[5], +f[6], -1, -1, -1);
        }
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  return sink.rows;
}

/** Wall and CPU time: the machine is shared, so CPU time is the steadier of the two. */
async function timeIt<T>(f: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  gc();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await f();
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

async function settledMemory(): Promise<number> {
  // Array buffers are released after the sweep: give it a moment, twice.
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function corpusRun(path: string, label: string): Promise<void> {
  const base = await settledMemory();
  const rss0 = process.memoryUsage().rss;
  let livePeak = base;
  let peakRss = rss0;
  let nextSample = 0;
  let samplingPass = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let result: Awaited<ReturnType<typeof buildCorpus>> | undefined = await buildCorpus(
    () => openPathSource(path),
    { fileName: path, services: 'dks' },
    ({ pass, bytes }) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      // Live memory, not garbage: collect every 8 MB read, then sample.
      if (pass !== samplingPass) {
        samplingPass = pass;
        nextSample = 0;
      }
      if (bytes < nextSample) return;
      nextSample = bytes + 8e6;
      gc();
      const m = process.memoryUsage();
      livePeak = Math.max(livePeak, m.heapUsed + m.arrayBuffers);
    },
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const retained = (await settledMemory()) - base;
  const { report, corpus, log } = result;
  const logBytes = log.ts.length * 22;
  const size = statSync(path).size;
  console.log(
    `${label.padEnd(26)} wall ${(ms / 1000).toFixed(2)} s, cpu ${(cpuMs / 1000).toFixed(2)} s  ` +
      `${((report.rowsRead / cpuMs) * 1000).toFixed(0).padStart(8)} rows/s  ${(size / 1e6 / (cpuMs / 1000)).toFixed(1).padStart(6)} MB/s (cpu; includes the gc sampling)  ` +
      `senders ${report.sendersBefore} -> ${report.sendersAfter}, tokens ${report.tokens}, sentences ${report.sentences}, log rows ${log.ts.length}`,
  );
  console.log(
    `${''.padEnd(26)} live peak +${mb(livePeak - base)} MB, peak rss +${mb(peakRss - rss0)} MB (file ${mb(size)} MB); ` +
      `retained ${mb(retained)} MB = tokens ${mb(corpus.tokens.byteLength)} + log ${mb(logBytes)} + other ${mb(retained - corpus.tokens.byteLength - logBytes)} ` +
      `(${((retained - corpus.tokens.byteLength - logBytes) / report.sendersAfter).toFixed(0)} B per kept sender); ` +
      `live peak ${((livePeak - base) / report.packets).toFixed(1)} B/packet, ${((livePeak - base) / report.sendersBefore).toFixed(0)} B/sender seen`,
  );
  result = undefined;
}

export async function run(): Promise<void> {
  const rows = Number(process.env.INGEST_ROWS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-ingest-'));
  try {
    const csv = join(dir, 'trace.csv');
    const many = join(dir, 'many-senders.csv');
    await writeGeneratedTrace(csv, rows, 20_000, 1);
    await writeGeneratedTrace(many, rows, rows, 2);
    await pipeline(createReadStream(csv), createGzip(), createWriteStream(csv + '.gz'));
    const size = statSync(csv).size;
    console.log(`trace: ${rows} rows, ${mb(size)} MB (gzip ${mb(statSync(csv + '.gz').size)} MB)`);

    if (process.env.INGEST_PARTS !== 'corpus') await compareParsers(csv, rows, size);

    console.log('\nbuildCorpus (dks, two passes):');
    await corpusRun(csv, '20 k senders, csv');
    await corpusRun(csv + '.gz', '20 k senders, csv.gz');
    await corpusRun(many, `~${Math.round(rows / 2000)} k senders, csv`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function compareParsers(csv: string, rows: number, size: number): Promise<void> {
  {
    console.log('\nparse only (rows -> PacketSink scalars), alternating runs:');
    const results: Record<string, { wall: number[]; cpu: number[] }> = {};
    for (let round = 0; round < 3; round++) {
      for (const [name, f] of [
        ['scanner csv', () => ours(csv)],
        ['papaparse csv', () => papa(csv)],
        ['scanner csv.gz', () => ours(csv + '.gz')],
        ['papaparse csv.gz', () => papa(csv + '.gz')],
      ] as const) {
        const { ms, cpuMs, value } = await timeIt(f);
        if (value !== rows) throw new Error(`${name}: ${value} rows, expected ${rows}`);
        const r = (results[name] ??= { wall: [], cpu: [] });
        r.wall.push(ms);
        r.cpu.push(cpuMs);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const [name, { wall, cpu }] of Object.entries(results)) {
      const w = median(wall);
      const c = median(cpu);
      console.log(
        `  ${name.padEnd(18)} wall ${(w / 1000).toFixed(2)} s, cpu ${(c / 1000).toFixed(2)} s (medians of 3)  ` +
          `${((rows / w) * 1000).toFixed(0).padStart(8)} rows/s  ${(size / 1e6 / (w / 1000)).toFixed(1)} MB/s wall; ` +
          `${((rows / c) * 1000).toFixed(0).padStart(8)} rows/s  ${(size / 1e6 / (c / 1000)).toFixed(1)} MB/s cpu (uncompressed MB)`,
      );
    }
    const ratio = (a: string, b: string, k: 'wall' | 'cpu') => (median(results[b][k]) / median(results[a][k])).toFixed(2);
    console.log(
      `  papaparse / scanner: csv ${ratio('scanner csv', 'papaparse csv', 'wall')}x wall, ${ratio('scanner csv', 'papaparse csv', 'cpu')}x cpu; ` +
        `gzip ${ratio('scanner csv.gz', 'papaparse csv.gz', 'wall')}x wall, ${ratio('scanner csv.gz', 'papaparse csv.gz', 'cpu')}x cpu`,
    );

  }
}
