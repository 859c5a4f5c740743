// Skip-gram training, ours vs gensim (Debian's python3-gensim), side by side on
// the same text corpora with the same parameters (c=25, V=50, 5 negatives, no
// subsampling, every token: gensim gets sentences split to <= 10,000 tokens).
// Runs alternate (ours 1 thread, gensim 1 worker, ours all threads, gensim all
// workers) because the machine is shared and noisy; we print every run's
// tokens/s, the medians and the ratios ours/gensim, and the 7-NN leave-one-out
// accuracy of both embeddings on the sample's labels (mean over the seeds).
//
// Corpora: the bundled sample's DKS corpus (`darkvec corpus`), and a larger
// simulated day at the paper's scale (`darkvec simulate --scale 1`), both cached
// under the OS temp dir. Environment: BENCH_EPOCHS (default 5), BENCH_SEEDS
// (default 3), BENCH_LARGE=0 skips the larger corpus, BENCH_LARGE_EPOCHS (1).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTextCorpus } from '../src/corpus/read-text-corpus';
import type { Corpus } from '../src/corpus/corpus';
import type { Embedding } from '../src/embed/embedding';
import { trainSkipGram } from '../src/embed/train-skip-gram';
import { parseWord2VecText } from '../src/embed/word2vec-format';
import { allKnn, classifyKnn, labelsFromMap } from '../src/analyze';

const exec = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const cache = join(tmpdir(), 'darkvec-bench');
const python = '/usr/bin/python3';
const params = { window: 25, dim: 50, negatives: 5 };

interface Run {
  who: 'ours' | 'gensim';
  threads: number;
  seed: number;
  tokensPerSecond: number;
  seconds: number;
  accuracy?: number;
}

function darkvec(...args: string[]): void {
  execFileSync(process.execPath, [join(root, 'bin/darkvec.mjs'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function sampleCorpus(): string {
  const file = join(cache, 'sample-dks.txt');
  if (!existsSync(file)) darkvec('corpus', '--trace', join(root, 'samples/trace.csv.gz'), '--out', file);
  return file;
}

function largeCorpus(): string {
  const dir = join(cache, 'day-scale1');
  const file = join(cache, 'day-scale1-dks.txt');
  if (!existsSync(file)) {
    console.log('generating a simulated day at scale 1 (one-off, a few minutes)...');
    darkvec('simulate', '--out', dir, '--seed', '7', '--level', '1');
    darkvec('corpus', '--trace', join(dir, 'trace.csv.gz'), '--out', file);
  }
  return file;
}

function hasGensim(): boolean {
  try {
    execFileSync(python, ['-c', 'import gensim'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function readLabels(): Map<string, string> {
  const labels = new Map<string, string>();
  for (const line of readFileSync(join(root, 'samples/labels.csv'), 'utf8').split('\n').slice(1)) {
    const [ip, label] = line.trim().split(',');
    if (ip && label) labels.set(ip, label);
  }
  return labels;
}

async function accuracy(e: Embedding, labels: Map<string, string>): Promise<number> {
  const knn = await allKnn(e.vectors, e.vocab.length, e.dim, 7);
  return classifyKnn(knn, labelsFromMap(e.vocab, labels), { k: 7 }).accuracy;
}

async function ours(corpus: Corpus, threads: number, seed: number, epochs: number): Promise<{ run: Run; embedding: Embedding }> {
  const r = await trainSkipGram(corpus, { ...params, epochs, seed }, { threads });
  return { run: { who: 'ours', threads: r.stats.threads, seed, tokensPerSecond: r.stats.tokensPerSecond, seconds: r.stats.seconds }, embedding: r.embedding };
}

async function gensim(file: string, threads: number, seed: number, epochs: number): Promise<{ run: Run; embedding: Embedding }> {
  const out = join(cache, `gensim-${threads}-${seed}.txt`);
  const { stdout } = await exec(python, [join(root, 'bench/gensim-train.py'), file, out, String(params.window), String(params.dim), String(params.negatives), String(epochs), String(seed), String(threads)], {
    env: { ...process.env, PYTHONHASHSEED: '0' },
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as { seconds: number; tokensPerSecond: number };
  const embedding = await parseWord2VecText(readFileSync(out, 'utf8').split('\n'), out);
  return { run: { who: 'gensim', threads, seed, tokensPerSecond: r.tokensPerSecond, seconds: r.seconds }, embedding };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function compare(name: string, file: string, epochs: number, seeds: number[], withGensim: boolean, labels?: Map<string, string>): Promise<void> {
  const corpus = await readTextCorpus([readFileSync(file)]);
  const all = availableParallelism();
  const threadCounts = all > 1 ? [1, all] : [1];
  console.log(`\n${name}: ${corpus.tokens.length.toLocaleString('en-US')} tokens, ${corpus.vocab.length.toLocaleString('en-US')} senders, ${corpus.offsets.length - 1} sentences; c=${params.window} V=${params.dim} negatives=${params.negatives} epochs=${epochs}`);
  const runs: Run[] = [];
  for (const seed of seeds) {
    for (const threads of threadCounts) {
      const contenders = withGensim ? [() => ours(corpus, threads, seed, epochs), () => gensim(file, threads, seed, epochs)] : [() => ours(corpus, threads, seed, epochs)];
      for (const go of contenders) {
        const { run, embedding } = await go();
        if (labels) run.accuracy = await accuracy(embedding, labels);
        runs.push(run);
        console.log(`  ${run.who.padEnd(6)} threads ${run.threads}  seed ${seed}  ${fmt(run.tokensPerSecond).padStart(9)} tokens/s  ${run.seconds.toFixed(1).padStart(6)} s${run.accuracy !== undefined ? `  7-NN accuracy ${run.accuracy.toFixed(4)}` : ''}`);
      }
    }
  }
  console.log(`  summary (median tokens/s; mean accuracy over ${seeds.length} seed(s))`);
  for (const threads of threadCounts) {
    const pick = (who: Run['who']) => runs.filter((r) => r.who === who && r.threads === threads);
    const o = pick('ours');
    const g = pick('gensim');
    const meanAcc = (rs: Run[]) => (rs.length && rs[0].accuracy !== undefined ? (rs.reduce((s, r) => s + r.accuracy!, 0) / rs.length).toFixed(4) : '-');
    const line = [`  threads ${threads}: ours ${fmt(median(o.map((r) => r.tokensPerSecond)))}`];
    if (g.length) {
      const ratio = median(o.map((r) => r.tokensPerSecond)) / median(g.map((r) => r.tokensPerSecond));
      // Paired ratios: each of our runs against the gensim run right after it.
      const paired = o.map((r, i) => r.tokensPerSecond / g[i].tokensPerSecond);
      line.push(`gensim ${fmt(median(g.map((r) => r.tokensPerSecond)))}`, `ours/gensim ${ratio.toFixed(2)}x (paired ${paired.map((x) => x.toFixed(2)).join(', ')})`);
    }
    line.push(`accuracy ours ${meanAcc(o)}${g.length ? ` gensim ${meanAcc(g)}` : ''}`);
    console.log(line.join('  '));
  }
}

export async function run(): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const withGensim = hasGensim();
  if (!withGensim) console.log(`gensim is not installed for ${python}: printing ours only`);
  const epochs = Number(process.env.BENCH_EPOCHS ?? 5);
  const seeds = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 3) }, (_, i) => 15 + i);
  await compare('bundled sample, DKS corpus', sampleCorpus(), epochs, seeds, withGensim, readLabels());
  if (process.env.BENCH_LARGE !== '0') {
    await compare('simulated day at scale 1, DKS corpus', largeCorpus(), Number(process.env.BENCH_LARGE_EPOCHS ?? 1), [15], withGensim);
  }
}
