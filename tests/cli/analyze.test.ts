import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { parseWord2VecText } from './word2vec-text';

const sample = fileURLToPath(new URL('../../samples/trace.csv.gz', import.meta.url));
const sampleLabels = fileURLToPath(new URL('../../samples/labels.csv', import.meta.url));
const sampleTruth = fileURLToPath(new URL('../../samples/truth.csv', import.meta.url));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'darkvec-analyze-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

function readCsv(path: string): string[][] {
  // Our outputs quote only fields with commas/quotes; the sample's IPs and labels have none.
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
}

describe('darkvec analyze: arguments', () => {
  it('explains itself with --help', async () => {
    const r = await runCli(['analyze', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--trace', '--labels', '--services', '--daily', '--graph-k', '--out']) expect(r.stdout).toContain(opt);
  });

  it('refuses bad arguments with exit 2 and one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', dir], /--trace is required/],
      [['--trace', sample], /--out is required/],
      [['--trace', sample, '--out', dir, '--services', 'ports'], /--services must be one of single, auto, dks, hybrid/],
      [['--trace', sample, '--out', dir, '--epochs', '0'], /--epochs must be from 1 to 1000, got 0/],
      [['--trace', sample, '--out', dir, '-c', 'x'], /--context must be a number, got "x"/],
      [['--trace', sample, '--out', dir, '--bogus'], /--bogus/],
      [['--trace', sample, '--out', dir, '--daily', '--mirai'], /--mirai needs --trace and works without --daily/],
      [['--trace', sample, '--out', dir, '--negative', '80'], /--negative must be from 1 to 63, got 80/],
      [['--trace', sample, '--out', dir, '--mirai', '--no-mirai'], /give --mirai or --no-mirai, not both/],
      [['--trace', sample, '--trace', sample, '--out', dir, '--daily'], /--daily reads one --trace/],
      [['--embeddings', sample, '--out', dir, '--fingerprints'], /--fingerprints needs --trace/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['analyze', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    }
  });

  it('refuses missing and unusable files with exit 1 and one line naming them', async () => {
    const missing = join(dir, 'nope.csv');
    let r = await runCli(['analyze', '--trace', missing, '--out', join(dir, 'o1')]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toContain(missing);

    const noColumns = join(dir, 'bad.csv');
    writeFileSync(noColumns, 'a,b,c\n1,2,3\n');
    r = await runCli(['analyze', '--trace', noColumns, '--out', join(dir, 'o2'), '--quiet']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toContain('bad.csv');

    const badLabels = join(dir, 'labels.csv');
    writeFileSync(badLabels, 'who,what\n');
    r = await runCli(['analyze', '--trace', sample, '--labels', badLabels, '--out', join(dir, 'o3'), '--quiet', '--epochs', '1']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toContain('labels.csv');
  });
});

describe('darkvec analyze: the sample end to end', () => {
  const out = () => join(dir, 'sample');
  let run: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // Without the fingerprint class, so that --embeddings (which has no traffic) can match it below.
    run = await runCli(['analyze', '--trace', sample, '--labels', sampleLabels, '--no-mirai', '--epochs', '2', '-c', '10', '-e', '24', '--out', out()], 120_000);
  }, 120_000);

  it('exits 0 with a summary', () => {
    expect(run.stderr).toContain('corpus:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/k-NN \(k=7\): accuracy 0\.\d+/);
  });

  it('writes vectors for every kept sender in word2vec text format', () => {
    const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    const w2v = parseWord2VecText(readFileSync(join(out(), 'embeddings.txt'), 'utf8'));
    expect(w2v.dim).toBe(24);
    expect(w2v.count).toBe(report.input.sendersKept);
    expect(new Set(w2v.words).size).toBe(w2v.count);
    // Trained vectors are not all equal nor all zero.
    expect(w2v.vectors.some((v) => Math.abs(v) > 0.05)).toBe(true);
  });

  it('reports sane numbers in report.json', () => {
    const r = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    expect(r.input.rows).toBeGreaterThan(1000);
    expect(r.input.rowsSkipped).toBe(0);
    expect(r.input.packets).toBeGreaterThanOrEqual(r.input.rows);
    expect(r.input.sendersKept).toBeGreaterThan(50);
    expect(r.input.sendersKept).toBeLessThanOrEqual(r.input.senders);
    expect(r.corpus.sentences).toBeGreaterThan(24);
    expect(r.corpus.tokens).toBeGreaterThan(r.input.sendersKept);
    expect(r.training).toMatchObject({ epochs: 2 });
    expect(r.training.tokens).toBe(2 * r.corpus.tokens);
    const timings = JSON.parse(readFileSync(join(out(), 'timings.json'), 'utf8'));
    expect(timings.seconds.training).toBeGreaterThan(0);
    expect(timings.seconds.total).toBeGreaterThanOrEqual(timings.seconds.training);
    expect(r.knn.k).toBe(7);
    // A few thousand senders: exact neighbours (approximate only beyond 50 k), searched once at
    // the largest k any consumer needs (the curve's and UMAP's 14).
    expect(r.neighbours).toEqual({ method: 'exact', k: 14, recallEstimate: null });
    expect(r.clustering.curve).toHaveLength(14);
    expect(r.clustering.curve[2]).toEqual({ graphK: 3, modularity: r.clustering.modularity, clusters: r.clustering.clusters });
    // Labels were used: several classes, and the method works on the sample.
    expect(Object.keys(r.knn.classes).length).toBeGreaterThanOrEqual(3);
    expect(r.knn.accuracy).toBeGreaterThan(0.5);
    expect(r.knn.accuracy).toBeLessThanOrEqual(1);
    expect(r.clustering.method).toMatch(/Louvain/);
    expect(r.clustering.graphK).toBe(3);
    expect(r.clustering.clusters).toBeGreaterThan(1);
    expect(r.clustering.clusters).toBeLessThan(r.input.sendersKept);
    expect(r.clustering.modularity).toBeGreaterThan(0.3);
    expect(r.clustering.modularity).toBeLessThanOrEqual(1);
    expect(r.clustering.silhouetteMean).toBeGreaterThan(-1);
    expect(r.clustering.silhouetteMean).toBeLessThanOrEqual(1);
    expect(r.clustering.shareClustersPositive).toBeGreaterThan(0);
  });

  it('lists every sender in clusters.csv with its label and prediction', () => {
    const r = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    const rows = readCsv(join(out(), 'clusters.csv'));
    expect(rows[0]).toEqual([
      'ip', 'cluster', 'silhouette', 'label', 'predicted', 'vote_share', 'best_known', 'best_known_share', 'packets',
      'asn', 'as_name', 'country', 'mirai_share', 'zmap_share', 'masscan_share', 'backscatter_share',
    ]);
    expect(rows.length - 1).toBe(r.input.sendersKept);
    const labelled = rows.slice(1).filter((row) => row[3] !== '');
    const classes = new Set(labelled.map((row) => row[3]));
    for (const c of Object.keys(r.knn.classes)) if (c !== 'unknown') expect(classes.has(c)).toBe(true);
    const clusterIds = new Set(rows.slice(1).map((row) => row[1]));
    expect(clusterIds.size).toBe(r.clustering.clusters);
    for (const row of rows.slice(1)) {
      const s = Number(row[2]);
      expect(s).toBeGreaterThanOrEqual(-1);
      expect(s).toBeLessThanOrEqual(1);
      const share = Number(row[5]);
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
  });

  it('writes the per-class report', () => {
    const r = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    const rows = readCsv(join(out(), 'classification.csv'));
    expect(rows[0]).toEqual(['class', 'precision', 'recall', 'f1', 'support']);
    const byClass = new Map(rows.slice(1).map((row) => [row[0], row]));
    for (const [c, s] of Object.entries(r.knn.classes) as [string, { support: number; f1: number }][]) {
      expect(Number(byClass.get(c)![4])).toBe(s.support);
      expect(Number(byClass.get(c)![3])).toBeCloseTo(s.f1, 5);
    }
    expect(Number(byClass.get('accuracy')![3])).toBeCloseTo(r.knn.accuracy, 5);
    expect(existsSync(join(out(), 'embeddings.txt'))).toBe(true);
    const summaries = JSON.parse(readFileSync(join(out(), 'cluster-summaries.json'), 'utf8'));
    expect(summaries).toHaveLength(r.clustering.clusters);
    expect(summaries.reduce((n: number, c: { senders: number }) => n + c.senders, 0)).toBe(r.input.sendersKept);
    expect(summaries[0].topPorts.length).toBeGreaterThan(0);
  });

  it('analyses a saved model with --embeddings to the same results', async () => {
    const again = join(dir, 'again');
    const r = await runCli(['analyze', '--embeddings', join(out(), 'embeddings.txt'), '--labels', sampleLabels, '--out', again, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const first = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8'));
    const second = JSON.parse(readFileSync(join(again, 'report.json'), 'utf8'));
    expect(second.knn.accuracy).toBe(first.knn.accuracy);
    expect(second.clustering.clusters).toBe(first.clustering.clusters);
    // The same rows but for the packets and the fingerprint shares, which a model file does not carry.
    const withoutTraffic = (path: string) => readCsv(path).map((row) => [...row.slice(0, 8), ...row.slice(9, 12)]);
    expect(withoutTraffic(join(again, 'clusters.csv'))).toEqual(withoutTraffic(join(out(), 'clusters.csv')));
    expect(readCsv(join(again, 'clusters.csv')).slice(1).every((row) => row[8] === '' && row.slice(12).every((c) => c === ''))).toBe(true);
  });
});

describe('darkvec analyze --mirai', () => {
  it('labels exactly the fingerprinted senders Mirai-like, and a labels file wins', async () => {
    // The sample's labels without its Mirai-like rows: the fingerprint must find them again.
    const lines = readFileSync(sampleLabels, 'utf8').trimEnd().split('\n');
    const miraiInFile = new Set(lines.filter((l) => l.endsWith(',Mirai-like')).map((l) => l.split(',')[0]));
    const withoutMirai = join(dir, 'no-mirai.csv');
    // One Mirai-like sender relabelled by hand: the file's label must win over the fingerprint.
    const relabelled = [...miraiInFile][0]!;
    writeFileSync(withoutMirai, [...lines.filter((l) => !l.endsWith(',Mirai-like')), `${relabelled},hand-checked`].join('\n') + '\n');
    const out = join(dir, 'mirai');
    const r = await runCli(['analyze', '--trace', sample, '--labels', withoutMirai, '--mirai', '--epochs', '1', '-c', '5', '-e', '16', '--out', out], 120_000);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.labels.mirai).toMatchObject({ enabled: true, columns: true });
    const rows = readCsv(join(out, 'clusters.csv')).slice(1);
    const kept = new Set(rows.map((row) => row[0]));
    // Every Mirai bot of the simulation carries the fingerprint, listed or not (samples/README.md).
    const bots = readFileSync(sampleTruth, 'utf8').trimEnd().split('\n').map((l) => l.split(',')).filter(([, g]) => g!.startsWith('mirai-')).map(([ip]) => ip!);
    expect(bots.length).toBeGreaterThan(miraiInFile.size);
    const expected = bots.filter((ip) => kept.has(ip) && ip !== relabelled).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(rows.filter((row) => row[3] === 'Mirai-like').map((row) => row[0]).sort()).toEqual(expected);
    expect(report.labels.mirai.labelled).toBe(expected.length);
    expect(report.labels.mirai.senders).toBe(expected.length + (kept.has(relabelled) ? 1 : 0));
    expect(rows.find((row) => row[0] === relabelled)?.[3] ?? 'hand-checked').toBe('hand-checked');
    expect(report.knn.classes['Mirai-like'].support).toBe(expected.length);
    expect(r.stderr).toMatch(/Mirai fingerprint: \d+ kept senders, \d+ of them labelled Mirai-like/);
  }, 120_000);
});
