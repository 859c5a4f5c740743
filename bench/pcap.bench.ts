// `npm run bench -- pcap`: pcap ingest rate (MB/s, packets/s) in the CLI path
// (Node: file stream -> decodeTrace -> sink) and in headless Chromium (File
// stream -> the same decodeTrace, bundled by vite; on the page's main thread), next to Debian's tshark
// extracting time, source and TCP port from the same file. Runs alternate and
// repeat because the 2-core machine is shared.
//
// PCAP_BENCH_TSHARK=0 skips tshark (about 25-50 k packets/s here: hours at 1 GB
// on a loaded machine).
//
// The capture (PCAP_BENCH_MB, default 1024 MB) is synthetic: Ethernet/IPv4 SYNs
// and some UDP/ICMP, ~100 k senders with a skewed activity, written by the
// simulator's PcapWriter into a temporary directory and deleted afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '../src/simulate/pcap-writer';
import { openPathSource } from '../src/ingest/byte-source';
import { decodeTrace } from '../src/ingest/decoders';
import { CountingSink } from './pcap-page';
import { bundlePage } from './bundle-page.ts';

const MB = 1024 * 1024;

function writeCapture(file: string, targetBytes: number): number {
  const fd = openSync(file, 'w');
  const w = new PcapWriter({ bufferBytes: 8 * MB });
  writeSync(fd, w.header());
  let written = 24;
  let packets = 0;
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const ports = [23, 2323, 445, 22, 80, 8080, 5555, 3389, 1433, 53, 123, 37215];
  let ts = 1617148800;
  while (written < targetBytes) {
    const r = next();
    // Skewed senders: a few heavy scanners, a long tail.
    const sender = r & 1 ? (r >>> 8) % 500 : (r >>> 8) % 100_000;
    const src = `${10 + (sender >>> 16)}.${(sender >>> 8) & 255}.${sender & 255}.${1 + (sender % 200)}`;
    const dst = (0xc6336400 | (next() & 255)) >>> 0; // 198.51.100.0/24
    const kind = next() % 100;
    const proto = kind < 85 ? 6 : kind < 97 ? 17 : 1;
    const port = proto === 1 ? -1 : ports[next() % ports.length];
    const seq = sender % 7 === 0 ? dst : next();
    ts += 0.0005;
    w.packet(ts, src, port, proto, dst, seq, proto === 6 ? 40 : 60);
    packets++;
    if (w.pendingBytes > 4 * MB) written += writeSync(fd, w.take());
  }
  written += writeSync(fd, w.take());
  closeSync(fd);
  return packets;
}

interface Result {
  seconds: number;
  /** CPU seconds (user + system) where we can measure them: the machine is shared, wall time is noisy. */
  cpuSeconds?: number;
  packets: number;
}

async function decodeInNode(file: string): Promise<Result> {
  const sink = new CountingSink();
  const start = performance.now();
  const cpu = process.cpuUsage();
  // The CLI's path: file stream -> gzip detection -> format detection -> decoder -> sink.
  const { format } = await decodeTrace(openPathSource(file), sink, { fileName: file });
  if (format !== 'pcap') throw new Error(`detected ${format}`);
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, packets: sink.packets };
}

async function tshark(file: string): Promise<Result> {
  const start = performance.now();
  let lines = 0;
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const args = ['-f', 'cpu %U %S', 'tshark', '-r', file, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'ip.src', '-e', 'tcp.dstport'];
    const p = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Count newlines only: the cost we measure is tshark's.
    p.stdout.on('data', (b: Buffer) => {
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
    });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tshark exited with ${code}: ${stderr}`))));
  });
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, packets: lines };
}

const buildBundle = () => bundlePage(new URL('./pcap-page.ts', import.meta.url), 'PcapBench');

async function openBrowserPage(bundle: string, file: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await page.setContent('<input type="file" id="trace">');
  await page.addScriptTag({ content: bundle });
  await page.setInputFiles('#trace', file);
  const decode = async (): Promise<Result> => {
    const r = await page.evaluate(async () => {
      const input = document.getElementById('trace') as HTMLInputElement;
      const w = window as unknown as { PcapBench: { decodeFile(f: Blob): Promise<{ ms: number; packets: number }> } };
      return w.PcapBench.decodeFile(input.files![0]);
    });
    return { seconds: r.ms / 1000, packets: r.packets };
  };
  return { decode, close: () => browser.close() };
}

export async function run(): Promise<void> {
  const targetMB = Number(process.env.PCAP_BENCH_MB ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-pcap-bench-'));
  const file = join(dir, 'telescope.pcap');
  try {
    let t = performance.now();
    const written = writeCapture(file, targetMB * MB);
    const bytes = statSync(file).size;
    console.log(`capture: ${(bytes / MB).toFixed(0)} MB, ${written.toLocaleString('en')} packets, written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const page = await openBrowserPage(await buildBundle(), file);
    console.log(`page ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const rows: [string, Result][] = [];
    const withTshark = process.env.PCAP_BENCH_TSHARK !== '0';
    let reference: Result | undefined;
    const mb = bytes / MB;
    console.log('| run | wall s | MB/s | packets/s | CPU s | CPU MB/s | vs tshark (wall) | vs tshark (CPU) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    // Printed as measured: a long tshark run should not take the other rows with it.
    const measure = async (name: string, step: () => Promise<Result>) => {
      const r = await step();
      if (r.packets !== written) throw new Error(`${name} saw ${r.packets} packets, the capture has ${written}`);
      rows.push([name, r]);
      const cpu = r.cpuSeconds === undefined ? '-' : r.cpuSeconds.toFixed(2);
      const cpuRate = r.cpuSeconds === undefined ? '-' : (mb / r.cpuSeconds).toFixed(0);
      const vsWall = reference ? `${(reference.seconds / r.seconds).toFixed(1)}x` : '-';
      const vsCpu = reference?.cpuSeconds !== undefined && r.cpuSeconds !== undefined ? `${(reference.cpuSeconds / r.cpuSeconds).toFixed(1)}x` : '-';
      console.log(`| ${name} | ${r.seconds.toFixed(2)} | ${(mb / r.seconds).toFixed(0)} | ${(r.packets / r.seconds / 1e6).toFixed(2)} M | ${cpu} | ${cpuRate} | ${vsWall} | ${vsCpu} |`);
    };
    try {
      // Alternate: tshark first (so every later row has its ratio), then node, chromium, node, chromium.
      if (withTshark) {
        await measure('tshark -T fields (reference)', () => tshark(file));
        reference = rows[0][1];
      }
      await measure('darkvec, Node CLI path', () => decodeInNode(file));
      await measure('darkvec, headless Chromium', () => page.decode());
      await measure('darkvec, Node CLI path', () => decodeInNode(file));
      await measure('darkvec, headless Chromium', () => page.decode());
    } finally {
      await page.close();
    }
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
