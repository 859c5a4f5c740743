// All-kNN and silhouette, ours (WebAssembly, in-thread and 2 workers) against
// scikit-learn (NearestNeighbors(algorithm='brute', metric='cosine',
// n_jobs=-1).kneighbors, silhouette_samples(metric='cosine')) on the same
// clustered synthetic vectors; our approximate search and its recall; Louvain
// on the 22 k graph. Wall and CPU seconds (CPU summed over threads: the fair
// measure when other jobs share the 2 cores).
// `npm run bench -- analyze`; BENCH_ANALYZE_SIZES=22000,100000 picks sizes.
// Above 30 k senders scikit-learn's kneighbors runs on the first 10 k query
// rows (against all rows) and its time is scaled by n / 10 k (marked "est.").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allKnn } from '../src/analyze/knn';
import { approximateKnn, knnRecall } from '../src/analyze/approximate-knn';
import { silhouetteSamples } from '../src/analyze/silhouette';
import { louvainClusters } from '../src/analyze/louvain';
import { createKernelPool as createNodeRowPool } from '../src/kernels/pool';
import { inThreadExecutor, type RowExecutor } from '../src/kernels/executor';
import { clusteredVectors } from '../tests/analyze/synthetic';

const DIM = 50;
const K = 7;
const FULL_SKLEARN_KNN_UP_TO = 30_000;
const SKLEARN_QUERIES = 10_000;

interface Time { wall: number; cpu: number; estimated?: boolean; timedOut?: boolean }

/** scikit-learn's run is cut after this many seconds (BENCH_SKLEARN_TIMEOUT); the table then shows a lower bound. */
const SKLEARN_TIMEOUT = Number(process.env.BENCH_SKLEARN_TIMEOUT ?? 900);

function sklearn(dir: string, n: number, what: 'knn' | 'silhouette', queries = n): Time {
  let out: string;
  try {
    out = execFileSync('/usr/bin/python3', [
      new URL('./analyze_sklearn.py', import.meta.url).pathname,
      join(dir, 'x.f32'), join(dir, 'labels.i32'), String(n), String(DIM), String(K), join(dir, 'sk'), what, String(queries),
    ], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: SKLEARN_TIMEOUT * 1000 });
  } catch (e) {
    if ((e as { signal?: string }).signal !== 'SIGTERM') throw e;
    return { wall: SKLEARN_TIMEOUT, cpu: NaN, timedOut: true };
  }
  const r = JSON.parse(out.trim().split('\n').pop()!);
  const scale = n / queries;
  return { wall: r[what] * scale, cpu: r[`${what}Cpu`] * scale, estimated: scale !== 1 };
}

async function timed<T>(f: () => Promise<T>): Promise<[Time, T]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await f();
  const u = process.cpuUsage(c);
  return [{ wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 }, r];
}

const fmt = (t: Time) => (t.timedOut ? `> ${t.wall} s (stopped)` : `${t.wall.toFixed(2)} s wall ${t.cpu.toFixed(2)} s cpu${t.estimated ? ' (est.)' : ''}`);

function table(title: string, times: Record<string, Time[]>): void {
  console.log(title);
  const best = (ts: Time[]) => ts.reduce((a, b) => (b.wall < a.wall ? b : a));
  const sk = best(times['scikit-learn']);
  for (const [name, ts] of Object.entries(times)) {
    const b = best(ts);
    console.log(`  ${name.padEnd(22)} ${ts.map(fmt).join(' | ').padEnd(70)} sklearn/ours wall ${(sk.wall / b.wall).toFixed(2)}x cpu ${(sk.cpu / b.cpu).toFixed(2)}x`);
  }
}

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_ANALYZE_SIZES ?? '22000,100000').split(',').map(Number);
  const pool = createNodeRowPool(2);
  const executors: Array<[string, RowExecutor]> = [['ours exact, 1 thread', inThreadExecutor], ['ours exact, 2 workers', pool]];
  try {
    for (const n of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'darkvec-bench-'));
      try {
        const data = clusteredVectors(n, DIM, 60, 2021, 0.15);
        writeFileSync(join(dir, 'x.f32'), data.vectors);
        writeFileSync(join(dir, 'labels.i32'), data.truth);
        console.log(`\n${n} x ${DIM}, 60 clusters (noise 0.15 per dimension), k = ${K}`);
        const full = n <= FULL_SKLEARN_KNN_UP_TO;
        await allKnn(data.vectors, 2000, DIM, K); // compile and warm up the module
        // Alternate ours and scikit-learn so load from other jobs hits both alike.
        const knnTimes: Record<string, Time[]> = {};
        let exact = await allKnn(data.vectors, 8, DIM, K);
        for (let round = 0; round < (full ? 2 : 1); round++) {
          for (const [name, ex] of executors) {
            const [t, r] = await timed(() => allKnn(data.vectors, n, DIM, K, { executor: ex }));
            (knnTimes[name] ??= []).push(t);
            exact = r;
          }
          (knnTimes['scikit-learn'] ??= []).push(sklearn(dir, n, 'knn', full ? n : SKLEARN_QUERIES));
        }
        const [ta, approx] = await timed(() => approximateKnn(data.vectors, n, DIM, K, { executor: pool }));
        knnTimes['ours approx., 2 workers'] = [ta];
        const skIdx = new Int32Array(readFileSync(join(dir, 'sk.idx.i32')).buffer.slice(0));
        const skRows = skIdx.length / K;
        table('all-kNN (cosine)', knnTimes);
        console.log(`  exact lists = scikit-learn's on its ${skRows} query rows: ${(100 * knnRecall(exact, Int32Array.from({ length: skRows }, (_, i) => i), skIdx)).toFixed(3)}%`);
        console.log(`  approximate: ${approx.lists} lists, ${approx.probes} probes, recall@${K} vs exact ${knnRecall(approx, Int32Array.from({ length: n }, (_, i) => i), exact.indices).toFixed(4)} (its own estimate ${approx.recallEstimate.toFixed(4)})`);

        const silTimes: Record<string, Time[]> = {};
        let sil: Float32Array = new Float32Array(0);
        for (const [name, ex] of executors) {
          const [t, r] = await timed(() => silhouetteSamples(data.vectors, n, DIM, data.truth, { executor: ex }));
          silTimes[name] = [t];
          sil = r;
        }
        silTimes['scikit-learn'] = [sklearn(dir, n, 'silhouette')];
        table('silhouette (cosine, exact)', silTimes);
        if (!silTimes['scikit-learn'][0].timedOut) {
          const skSil = new Float32Array(readFileSync(join(dir, 'sk.sil.f32')).buffer.slice(0));
          let maxDiff = 0;
          for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(skSil[i] - sil[i]));
          console.log(`  max |ours - scikit-learn| = ${maxDiff.toExponential(2)}`);
        }

        if (n <= 30000) {
          const knn3 = await allKnn(data.vectors, n, DIM, 3, { executor: pool });
          const [t, c] = await timed(async () => louvainClusters(knn3, { k: 3 }));
          console.log(`Louvain (graphology-communities-louvain) on the k=3 graph: ${fmt(t)}, ${c.count} clusters, modularity ${c.modularity.toFixed(3)}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await pool.close();
  }
}
