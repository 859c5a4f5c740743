// Parquet trace read speed: the same generated rows as Parquet (snappy, row
// groups of 100 k) and as CSV, each decoded into a counting sink, side by side.
//   npm run bench -- parquet   (PARQUET_ROWS=N, default 1 M)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPathSource } from '../src/ingest/byte-source';
import { decodeTrace } from '../src/ingest/decoders';
import { formatIpv4 } from '../src/ingest/ip-address';
import type { PacketSink } from '../src/ingest/packet-sink';
import { Xoshiro128 } from '../src/simulate/prng';
import { parquetBytes } from '../tests/ingest/formats/parquet-writer';

function countingSink(): PacketSink & { rows: number; check: number } {
  return {
    rows: 0,
    check: 0,
    packet(ts, src, dstPort, _proto, _packets, _dst, _len, _seq, ipId) {
      this.rows++;
      this.check += ts + dstPort + src.length + ipId;
    },
    skip() {},
  };
}

export async function run(): Promise<void> {
  const n = Number(process.env.PARQUET_ROWS ?? 1_000_000);
  const rng = new Xoshiro128(5, 1);
  const senders = Array.from({ length: 20_000 }, () => formatIpv4(0x01000000 + (rng.next() % 0xde000000)));
  const ts = new Array<number>(n);
  const src = new Array<string>(n);
  const dst = new Array<string>(n);
  const port = new Array<number>(n);
  const proto = new Array<number>(n);
  const seq = new Array<bigint>(n);
  const ipId = new Array<number>(n);
  const flags = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    ts[i] = 1617148800 + (i * 86400) / n;
    src[i] = senders[Math.floor(rng.float() ** 2 * senders.length)];
    dst[i] = `198.51.100.${rng.int(256)}`;
    port[i] = [23, 22, 445, 80, 443][rng.int(5)];
    proto[i] = 6;
    seq[i] = BigInt(rng.next());
    ipId[i] = rng.int(65536);
    flags[i] = 'S';
  }
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-parquet-bench-'));
  try {
    const pq = join(dir, 'trace.parquet');
    const csv = join(dir, 'trace.csv');
    let t = performance.now();
    writeFileSync(pq, parquetBytes([
      { name: 'ts', data: ts, type: 'DOUBLE' },
      { name: 'src_ip', data: src, type: 'STRING' },
      { name: 'dst_ip', data: dst, type: 'STRING' },
      { name: 'dst_port', data: port, type: 'INT32' },
      { name: 'proto', data: proto, type: 'INT32' },
      { name: 'tcp_seq', data: seq, type: 'INT64' },
      { name: 'ip_id', data: ipId, type: 'INT32' },
      { name: 'tcp_flags', data: flags, type: 'STRING' },
    ]));
    console.log(`wrote ${n.toLocaleString('en-US')} rows as Parquet in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const lines = ['ts,src_ip,dst_ip,dst_port,proto,tcp_seq,ip_id,tcp_flags'];
    for (let i = 0; i < n; i++) lines.push(`${ts[i]},${src[i]},${dst[i]},${port[i]},${proto[i]},${seq[i]},${ipId[i]},${flags[i]}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const { statSync } = await import('node:fs');
    console.log(`files: Parquet ${(statSync(pq).size / 1e6).toFixed(1)} MB, CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB`);
    console.log('format     run   seconds      rows/s');
    for (let rep = 0; rep < 3; rep++) {
      for (const [name, path] of [['parquet', pq], ['csv', csv]] as const) {
        const sink = countingSink();
        t = performance.now();
        await decodeTrace(openPathSource(path), sink, { fileName: path });
        const s = (performance.now() - t) / 1000;
        if (sink.rows !== n) throw new Error(`${name}: ${sink.rows} rows, expected ${n}`);
        console.log(`${name.padEnd(9)}  ${rep + 1}   ${s.toFixed(2).padStart(7)}   ${Math.round(n / s).toLocaleString('en-US').padStart(10)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
