// All-kNN and silhouette, ours (WebAssembly, in-thread and 2 workers) against
// scikit-learn (NearestNeighbors(algorithm='brute', metric='cosine',
// n_jobs=-1).kneighbors, silhouette_samples(metric='cosine')) on the same
// clustered synthetic vectors, plus Louvain on the 22 k graph.
// `npm run bench -- analyze`; BENCH_ANALYZE_SIZES=22000,100000 to choose sizes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allKnn } from '../src/analyze/knn';
import { silhouetteSamples } from '../src/analyze/silhouette';
import { louvainClusters } from '../src/analyze/louvain';
import { createNodeRowPool } from '../src/analyze/node-row-pool';
import { inThreadExecutor, type RowExecutor } from '../src/analyze/executor';
import { clusteredVectors } from '../tests/analyze/synthetic';

const DIM = 50;
const K = 7;

function sklearn(dir: string, n: number, what: 'knn' | 'silhouette'): number {
  const out = execFileSync('/usr/bin/python3', [
    new URL('./analyze_sklearn.py', import.meta.url).pathname,
    join(dir, 'x.f32'), join(dir, 'labels.i32'), String(n), String(DIM), String(K), join(dir, 'sk'), what,
  ], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!)[what];
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [(performance.now() - t) / 1000, r];
}

const fmt = (s: number) => `${s.toFixed(2)} s`;

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_ANALYZE_SIZES ?? '22000,100000').split(',').map(Number);
  const pool = createNodeRowPool(2);
  const executors: Array<[string, RowExecutor]> = [['ours 1 thread', inThreadExecutor], ['ours 2 workers', pool]];
  try {
    for (const n of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'darkvec-bench-'));
      try {
        const data = clusteredVectors(n, DIM, 60, 2021, 0.35);
        writeFileSync(join(dir, 'x.f32'), data.vectors);
        writeFileSync(join(dir, 'labels.i32'), data.truth);
        console.log(`\n${n} x ${DIM}, 60 clusters, k = ${K}`);
        // Alternate ours and scikit-learn so load from other jobs hits both alike.
        const knnTimes: Record<string, number[]> = {};
        let ours = await allKnn(data.vectors, n, DIM, K); // warm-up compiles the module
        const rounds = n <= 30000 ? 2 : 1;
        for (let round = 0; round < rounds; round++) {
          for (const [name, ex] of executors) {
            const [t, r] = await timed(() => allKnn(data.vectors, n, DIM, K, { executor: ex }));
            (knnTimes[name] ??= []).push(t);
            ours = r;
          }
          (knnTimes['scikit-learn'] ??= []).push(sklearn(dir, n, 'knn'));
        }
        const skIdx = new Int32Array(readFileSync(join(dir, 'sk.idx.i32')).buffer.slice(0));
        let same = 0;
        for (let i = 0; i < n; i++) {
          const mine = new Set(ours.indices.subarray(i * K, i * K + K));
          for (let j = 0; j < K; j++) if (mine.has(skIdx[i * K + j])) same++;
        }
        const skBest = Math.min(...knnTimes['scikit-learn']);
        console.log('all-kNN (cosine, exact)');
        for (const [name, ts] of Object.entries(knnTimes)) {
          const best = Math.min(...ts);
          console.log(`  ${name.padEnd(16)} ${ts.map(fmt).join(', ').padEnd(20)} best ${fmt(best)}  sklearn/ours ${(skBest / best).toFixed(2)}x`);
        }
        console.log(`  neighbour sets agree with scikit-learn: ${((100 * same) / (n * K)).toFixed(3)}%`);

        const silTimes: Record<string, number[]> = {};
        let sil: Float32Array = new Float32Array(0);
        for (const [name, ex] of executors) {
          const [t, r] = await timed(() => silhouetteSamples(data.vectors, n, DIM, data.truth, { executor: ex }));
          (silTimes[name] ??= []).push(t);
          sil = r;
        }
        silTimes['scikit-learn'] = [sklearn(dir, n, 'silhouette')];
        const skSil = new Float32Array(readFileSync(join(dir, 'sk.sil.f32')).buffer.slice(0));
        let maxDiff = 0;
        for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(skSil[i] - sil[i]));
        const skSilT = silTimes['scikit-learn'][0];
        console.log('silhouette (cosine, exact)');
        for (const [name, ts] of Object.entries(silTimes)) {
          console.log(`  ${name.padEnd(16)} ${fmt(ts[0]).padEnd(20)} sklearn/ours ${(skSilT / ts[0]).toFixed(1)}x`);
        }
        console.log(`  max |ours - scikit-learn| = ${maxDiff.toExponential(2)}`);

        if (n <= 30000) {
          const knn3 = await allKnn(data.vectors, n, DIM, 3, { executor: pool });
          const [t, c] = await timed(async () => louvainClusters(knn3, { k: 3 }));
          console.log(`Louvain (graphology) on the k=3 graph: ${fmt(t)}, ${c.count} clusters, modularity ${c.modularity.toFixed(3)}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await pool.close();
  }
}
