// Skip-gram training, ours vs gensim (Debian's python3-gensim), side by side on
// the same text corpora with the same parameters (c=25, V=50, 5 negatives, no
// subsampling, every token: gensim gets sentences split to <= 10,000 tokens).
//
// Per corpus and seed, runs alternate (ours 1 thread, gensim 1 worker, ours 2
// threads, gensim 2 workers, then ours with shared negatives at 1 and 2 threads)
// because the machine is shared and noisy. Every run prints its tokens/s, its
// 7-NN leave-one-out accuracy on the corpus's labels, how many cores other
// processes kept busy meanwhile and the core-to-core round trip just before it
// (bench/core-round-trip.ts: on a VM it varies, and threads sharing rows pay it);
// the table gives medians of tokens/s, the scaling 2 threads / 1 thread
// (median of each seed's pair of runs), and the accuracy's mean and spread over
// the seeds. Then the day with its senders folded onto fewer rows, to show what
// the caches cost one thread, and a busy-machine run: two
// CPU-bound processes beside ours, in sessions of their own and then in ours,
// 1 and 2 threads alternating.
//
// Corpora: the bundled sample's DKS corpus (`darkvec corpus`) and a simulated
// day at the paper's scale (`darkvec simulate`, scale 1, seed 7), with the
// simulation's labels, both cached under the OS temp dir.
// Environment: BENCH_EPOCHS (sample, default 5), BENCH_DAY_EPOCHS (default 2),
// BENCH_SEEDS (default 3), BENCH_LARGE=0 skips the day, BENCH_GENSIM=0 skips
// gensim, BENCH_FAST=0 skips shared negatives, BENCH_BUSY=0 skips the busy run,
// BENCH_BUSY_EPOCHS (default 1), BENCH_BUSY_ROUNDS (default 3), BENCH_ROWS=0 skips the
// rows-and-caches sweep (the day folded onto 1,000..all senders, 1 thread),
// BENCH_ROWS_ROUNDS (default 2), BENCH_KERNEL=plain|relaxed forces a build.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTextCorpus } from '../src/corpus/read-text-corpus';
import type { Corpus } from '../src/corpus/corpus';
import type { Embedding } from '../src/embed/embedding';
import { trainSkipGram } from '../src/embed/train-skip-gram';
import { parseWord2VecText } from '../src/embed/word2vec-format';
import { allKnn, classifyKnn, labelsFromMap } from '../src/analyze';
import { bestKernelBuild, type KernelBuild } from '../src/kernels/kernel-module';
import { coreRoundTripNs } from './core-round-trip';

const exec = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const cache = join(tmpdir(), 'darkvec-bench');
const python = '/usr/bin/python3';
const params = { window: 25, dim: 50, negatives: 5 };

type Who = 'ours' | 'gensim' | 'ours, shared negatives';

interface Run {
  who: Who;
  threads: number;
  seed: number;
  tokensPerSecond: number;
  seconds: number;
  accuracy: number;
  /** Cores other processes kept busy during the run (Linux only). */
  otherCores?: number;
  /** Core-to-core round trip just before the run (bench/core-round-trip.ts), ns. */
  roundTripNs?: number;
}

interface BenchCorpus {
  name: string;
  file: string;
  labels: Map<string, string>;
  epochs: number;
}

function darkvec(...args: string[]): void {
  execFileSync(process.execPath, [join(root, 'bin/darkvec.mjs'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function sampleCorpus(epochs: number): BenchCorpus {
  const file = join(cache, 'sample-dks.txt');
  if (!existsSync(file)) darkvec('corpus', '--trace', join(root, 'samples/trace.csv.gz'), '--out', file);
  return { name: 'bundled sample, DKS corpus', file, labels: readLabels(join(root, 'samples/labels.csv')), epochs };
}

function dayCorpus(epochs: number): BenchCorpus {
  const dir = join(cache, 'day-scale1');
  const file = join(cache, 'day-scale1-dks.txt');
  if (!existsSync(file) || !existsSync(join(dir, 'labels.csv'))) {
    console.log('generating a simulated day at scale 1 (one-off, about a minute)...');
    darkvec('simulate', '--out', dir, '--seed', '7', '--level', '1');
    darkvec('corpus', '--trace', join(dir, 'trace.csv.gz'), '--out', file);
  }
  return { name: 'simulated day at scale 1, DKS corpus', file, labels: readLabels(join(dir, 'labels.csv')), epochs };
}

function hasGensim(): boolean {
  try {
    execFileSync(python, ['-c', 'import gensim'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function readLabels(file: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [ip, label] = line.trim().split(',');
    if (ip && label) labels.set(ip, label);
  }
  return labels;
}

async function accuracy(e: Embedding, labels: Map<string, string>): Promise<number> {
  const knn = await allKnn(e.vectors, e.vocab.length, e.dim, 7);
  return classifyKnn(knn, labelsFromMap(e.vocab, labels), { k: 7 }).accuracy;
}

/** Busy time of all CPUs in seconds, from /proc/stat; undefined off Linux. */
function busySeconds(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6]) / 100;
  } catch {
    return undefined;
  }
}

/** Runs `work`, and says how many cores other processes used meanwhile (ours: process CPU time; gensim's: its own report). */
async function measured<T>(work: () => Promise<T>, ownCpu?: (r: T) => number): Promise<{ result: T; otherCores?: number }> {
  const b0 = busySeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const b1 = busySeconds();
  if (b0 === undefined || b1 === undefined) return { result };
  const own = ownCpu ? ownCpu(result) : (c.user + c.system) / 1e6;
  return { result, otherCores: Math.max(0, (b1 - b0 - own) / wall) };
}

async function ours(corpus: Corpus, labels: Map<string, string>, threads: number, seed: number, epochs: number, kernel: KernelBuild, sharedNegatives: boolean): Promise<Run> {
  const roundTripNs = await coreRoundTripNs();
  const { result: r, otherCores } = await measured(() => trainSkipGram(corpus, { ...params, epochs, seed, sharedNegatives }, { threads, kernel }));
  return {
    who: sharedNegatives ? 'ours, shared negatives' : 'ours',
    threads: r.stats.threads,
    seed,
    tokensPerSecond: r.stats.tokensPerSecond,
    seconds: r.stats.seconds,
    accuracy: await accuracy(r.embedding, labels),
    otherCores,
    roundTripNs,
  };
}

async function gensim(c: BenchCorpus, threads: number, seed: number): Promise<Run> {
  const roundTripNs = await coreRoundTripNs();
  const out = join(cache, `gensim-${threads}-${seed}.txt`);
  const { result, otherCores } = await measured(
    async () => {
      const { stdout } = await exec(python, [join(root, 'bench/gensim-train.py'), c.file, out, String(params.window), String(params.dim), String(params.negatives), String(c.epochs), String(seed), String(threads)], {
        env: { ...process.env, PYTHONHASHSEED: '0' },
        maxBuffer: 1 << 20,
      });
      return JSON.parse(stdout.trim().split('\n').pop()!) as { seconds: number; tokensPerSecond: number; processCpuSeconds: number };
    },
    (r) => r.processCpuSeconds,
  );
  const embedding = await parseWord2VecText(readFileSync(out, 'utf8').split('\n'), out);
  return { who: 'gensim', threads, seed, tokensPerSecond: result.tokensPerSecond, seconds: result.seconds, accuracy: await accuracy(embedding, c.labels), otherCores, roundTripNs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
}

const k = (n: number) => `${(n / 1000).toFixed(0)} k`;
const load = (r: Run) =>
  (r.otherCores === undefined ? '' : `  others busy ${r.otherCores.toFixed(2)} cores`) + (r.roundTripNs === undefined ? '' : `  core round trip ${r.roundTripNs.toFixed(0)} ns`);

function printRun(r: Run): void {
  console.log(`  ${r.who.padEnd(22)} threads ${r.threads}  seed ${r.seed}  ${k(r.tokensPerSecond).padStart(7)} tokens/s  ${r.seconds.toFixed(1).padStart(6)} s  7-NN accuracy ${r.accuracy.toFixed(4)}${load(r)}`);
}

/** The core round trips before these runs, as "min-max ns". */
function roundTrips(rs: Run[]): string {
  const ns = rs.map((r) => r.roundTripNs).filter((x): x is number => x !== undefined);
  return ns.length ? `${Math.min(...ns).toFixed(0)}-${Math.max(...ns).toFixed(0)} ns` : 'n/a';
}

/** Median over seeds of (2-thread tokens/s / 1-thread tokens/s), each seed's two runs taken close together. */
function scaling(runs: Run[], who: Who): number | undefined {
  const ratios: number[] = [];
  for (const seed of new Set(runs.map((r) => r.seed))) {
    const one = runs.find((r) => r.who === who && r.seed === seed && r.threads === 1);
    const two = runs.find((r) => r.who === who && r.seed === seed && r.threads === 2);
    if (one && two) ratios.push(two.tokensPerSecond / one.tokensPerSecond);
  }
  return ratios.length ? median(ratios) : undefined;
}

function printSummary(c: BenchCorpus, runs: Run[], seeds: number): void {
  console.log(`  summary: ${c.name}, ${c.epochs} epochs, ${seeds} seed(s): median tokens/s, scaling 2 / 1 threads (median of per-seed ratios), 7-NN accuracy mean ± sd [min, max]`);
  const whos: Who[] = ['ours', 'gensim', 'ours, shared negatives'];
  for (const who of whos) {
    for (const threads of [1, 2]) {
      const rs = runs.filter((r) => r.who === who && r.threads === threads);
      if (!rs.length) continue;
      const acc = rs.map((r) => r.accuracy);
      const sc = threads === 2 ? scaling(runs, who) : undefined;
      console.log(
        `  | ${who.padEnd(22)} | ${`${threads} ${who === 'gensim' ? 'worker' : 'thread'}${threads > 1 ? 's' : ''}`.padEnd(9)} | ${k(median(rs.map((r) => r.tokensPerSecond))).padStart(7)} tokens/s | ${sc === undefined ? '     ' : `${sc.toFixed(2)}x`} | ${mean(acc).toFixed(4)} ± ${sd(acc).toFixed(4)} [${Math.min(...acc).toFixed(4)}, ${Math.max(...acc).toFixed(4)}] | round trip ${roundTrips(rs)} |`,
      );
    }
  }
  const med = (who: Who, threads: number) => {
    const rs = runs.filter((r) => r.who === who && r.threads === threads);
    return rs.length ? median(rs.map((r) => r.tokensPerSecond)) : undefined;
  };
  const acc = (who: Who, threads: number) => {
    const rs = runs.filter((r) => r.who === who && r.threads === threads);
    return rs.length ? mean(rs.map((r) => r.accuracy)) : undefined;
  };
  const notes: string[] = [];
  for (const threads of [1, 2]) {
    const o = med('ours', threads);
    const g = med('gensim', threads);
    if (o && g) notes.push(`ours / gensim at ${threads}: ${(o / g).toFixed(2)}x`);
  }
  const d = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : (a - b >= 0 ? '+' : '') + (a - b).toFixed(4));
  const diffs = [
    ['ours 2 threads - ours 1 thread', d(acc('ours', 2), acc('ours', 1))],
    ['ours 1 thread - gensim 1 worker', d(acc('ours', 1), acc('gensim', 1))],
    ['ours 2 threads - gensim 2 workers', d(acc('ours', 2), acc('gensim', 2))],
    ['shared negatives - exact, 1 thread', d(acc('ours, shared negatives', 1), acc('ours', 1))],
  ].filter(([, v]) => v !== undefined);
  const fast = med('ours, shared negatives', 1);
  const exact = med('ours', 1);
  if (fast && exact) notes.push(`shared negatives / exact at 1 thread: ${(fast / exact).toFixed(2)}x`);
  console.log(`  ${notes.join('; ')}`);
  console.log(`  accuracy differences (means): ${diffs.map(([n, v]) => `${n} ${v}`).join('; ')}`);
}

async function compare(c: BenchCorpus, seeds: number[], withGensim: boolean, withFast: boolean, kernel: KernelBuild): Promise<void> {
  const corpus = await readTextCorpus([readFileSync(c.file)]);
  const labelled = corpus.vocab.filter((v) => c.labels.has(v)).length;
  console.log(
    `\n${c.name}: ${corpus.tokens.length.toLocaleString('en-US')} tokens, ${corpus.vocab.length.toLocaleString('en-US')} senders (${labelled.toLocaleString('en-US')} labelled), ` +
      `${corpus.offsets.length - 1} sentences; c=${params.window} V=${params.dim} negatives=${params.negatives} epochs=${c.epochs}; kernel build ${kernel}`,
  );
  const runs: Run[] = [];
  const go = async (run: Promise<Run>) => {
    const r = await run;
    runs.push(r);
    printRun(r);
  };
  for (const seed of seeds) {
    for (const threads of [1, 2]) {
      await go(ours(corpus, c.labels, threads, seed, c.epochs, kernel, false));
      if (withGensim) await go(gensim(c, threads, seed));
    }
    if (withFast) for (const threads of [1, 2]) await go(ours(corpus, c.labels, threads, seed, c.epochs, kernel, true));
  }
  printSummary(c, runs, seeds.length);
}

/**
 * Two CPU-bound processes: each in a session of its own (as another program's
 * would be), or in ours (as two more of our own jobs). Where the kernel groups
 * a session's threads for fair scheduling (Linux's autogroup, on by default on
 * desktops), the first gives our process a fixed share of the CPUs however many
 * threads it runs; the second shares the CPUs by thread.
 */
function startBusy(ownSessions: boolean): ChildProcess[] {
  return [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: ownSessions }));
}

function autogroup(): string {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1' ? 'on' : 'off';
  } catch {
    return 'unknown';
  }
}

async function busy(c: BenchCorpus, epochs: number, kernel: KernelBuild, rounds: number): Promise<void> {
  const corpus = await readTextCorpus([readFileSync(c.file)]);
  console.log(`\nbusy machine: ${c.name}, ${epochs} epoch(s), two CPU-bound processes running beside it; 1 and 2 threads alternating; autogroup ${autogroup()}`);
  const rows: string[] = [];
  for (const ownSessions of [true, false]) {
    const where = ownSessions ? 'in sessions of their own' : 'in our session';
    console.log(`  the two processes ${where}:`);
    const hogs = startBusy(ownSessions);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const runs: Run[] = [];
      for (let i = 0; i < rounds; i++) {
        for (const threads of [1, 2]) {
          const { result: r, otherCores } = await measured(() => trainSkipGram(corpus, { ...params, epochs, seed: 15 + i }, { threads, kernel }));
          const run: Run = { who: 'ours', threads, seed: 15 + i, tokensPerSecond: r.stats.tokensPerSecond, seconds: r.stats.seconds, accuracy: NaN, otherCores };
          runs.push(run);
          console.log(`    ours threads ${threads}  ${k(run.tokensPerSecond).padStart(7)} tokens/s  ${run.seconds.toFixed(1).padStart(6)} s  chunks taken from the other thread's stretch: ${r.stats.stolenChunks}  one thread alone ${r.stats.soloSeconds.toFixed(1)} s${load(run)}`);
        }
      }
      const one = median(runs.filter((r) => r.threads === 1).map((r) => r.tokensPerSecond));
      const two = median(runs.filter((r) => r.threads === 2).map((r) => r.tokensPerSecond));
      rows.push(`  | busy, other processes ${where.padEnd(24)} | 1 thread ${k(one)} tokens/s | 2 threads ${k(two)} tokens/s | 2 / 1 = ${(two / one).toFixed(2)}x (median of per-pair ratios ${scaling(runs, 'ours')!.toFixed(2)}x) |`);
    } finally {
      for (const h of hogs) h.kill();
    }
  }
  for (const r of rows) console.log(r);
}

/**
 * The day's corpus with its senders folded onto `rows` ids (first-seen id mod
 * rows): the same sentences and pairs, fewer rows to touch. How tokens/s falls
 * as the rows outgrow the caches is how much of a pair's time goes to fetching
 * the negatives' rows (random by unigram^0.75) rather than computing.
 */
function folded(corpus: Corpus, rows: number): Corpus {
  if (rows >= corpus.vocab.length) return corpus;
  const packets = new Int32Array(rows);
  for (let id = 0; id < corpus.vocab.length; id++) packets[id % rows] += corpus.packets[id];
  return { vocab: corpus.vocab.slice(0, rows), packets, tokens: corpus.tokens.map((t) => t % rows), offsets: corpus.offsets };
}

async function vocabularySweep(c: BenchCorpus, kernel: KernelBuild, rounds: number): Promise<void> {
  const corpus = await readTextCorpus([readFileSync(c.file)]);
  const sizes = [1000, 3000, 6000, 10000, corpus.vocab.length];
  const stride = Math.ceil(params.dim / 4) * 4;
  console.log(`
rows and caches: ${c.name} with its senders folded onto fewer rows (same sentences, same pairs), 1 thread, 1 epoch, ${rounds} round(s)`);
  const speeds = new Map<number, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const rows of sizes) {
      const res = await trainSkipGram(folded(corpus, rows), { ...params, epochs: 1, seed: 15 + r }, { threads: 1, kernel });
      speeds.set(rows, [...(speeds.get(rows) ?? []), res.stats.tokensPerSecond]);
      console.log(`  ${String(rows).padStart(6)} rows  ${((2 * rows * stride * 4) / 2 ** 20).toFixed(1).padStart(5)} MB of vectors  ${k(res.stats.tokensPerSecond).padStart(7)} tokens/s`);
    }
  }
  const fewest = median(speeds.get(sizes[0])!);
  for (const rows of sizes) console.log(`  | ${String(rows).padStart(6)} rows | ${((2 * rows * stride * 4) / 2 ** 20).toFixed(1).padStart(5)} MB | ${k(median(speeds.get(rows)!)).padStart(7)} tokens/s | ${(median(speeds.get(rows)!) / fewest).toFixed(2)}x of ${sizes[0]} rows |`);
}

export async function run(): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const withGensim = process.env.BENCH_GENSIM !== '0' && hasGensim();
  if (!withGensim) console.log(`gensim skipped (BENCH_GENSIM=0, or not installed for ${python}): printing ours only`);
  const withFast = process.env.BENCH_FAST !== '0';
  const kernel = (process.env.BENCH_KERNEL as KernelBuild | undefined) ?? bestKernelBuild();
  const seeds = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 3) }, (_, i) => 15 + i);
  await compare(sampleCorpus(Number(process.env.BENCH_EPOCHS ?? 5)), seeds, withGensim, withFast, kernel);
  const large = process.env.BENCH_LARGE !== '0';
  if (large) await compare(dayCorpus(Number(process.env.BENCH_DAY_EPOCHS ?? 2)), seeds, withGensim, withFast, kernel);
  if (large && process.env.BENCH_ROWS !== '0') await vocabularySweep(dayCorpus(1), kernel, Number(process.env.BENCH_ROWS_ROUNDS ?? 2));
  if (process.env.BENCH_BUSY !== '0') {
    await busy(large ? dayCorpus(1) : sampleCorpus(1), Number(process.env.BENCH_BUSY_EPOCHS ?? 1), kernel, Number(process.env.BENCH_BUSY_ROUNDS ?? 3));
  }
}
