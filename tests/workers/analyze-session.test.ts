// The page's analysis (run in the pipeline worker) on the bundled sample's
// senders: the results come without the modularity curve, which the page then
// asks for in the background; that curve must agree with the clustering shown.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestTrace } from '../../src/workers/ingest-trace';
import { analyzeSession, curveSession } from '../../src/workers/analyze-session';
import { clusteredVectors } from '../analyze/synthetic';

const sample = (name: string) => readFileSync(fileURLToPath(new URL(`../../samples/${name}`, import.meta.url)));

describe('analyzeSession and curveSession', () => {
  it('shows results first; the background curve at the graph k matches their clustering', async () => {
    const ingest = await ingestTrace(new Blob([sample('trace.csv.gz')]), 'trace.csv.gz', null, { services: 'dks', topPorts: 10, window: 3600, minPackets: 10 }, () => {});
    const n = ingest.corpus.vocab.length;
    // Vectors with structure, one per kept sender: the analysis does not care where they came from.
    const { vectors } = clusteredVectors(n, 16, 25, 5, 0.2);
    const params = { k: 7, graphK: 3, curveMaxK: 14, seed: 15 };
    const stages: string[] = [];
    const result = await analyzeSession(
      { vocab: ingest.corpus.vocab, dim: 16, vectors, labels: ingest.labels, stats: ingest.stats, log: ingest.log },
      params, 1, (_done, _total, stage) => stages.push(stage),
    );
    expect(result.clustering.curve).toEqual({ k: [], modularity: [], clusters: [] });
    expect(stages).not.toContain('curve');
    expect(result.clustering.count).toBeGreaterThan(1);

    const progress: Array<[number, number]> = [];
    const curve = await curveSession(vectors, n, 16, params.curveMaxK, params.seed, 1, (done, total) => progress.push([done, total]));
    expect(curve.k).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(curve.modularity[params.graphK - 1]).toBeCloseTo(result.clustering.modularity, 10);
    expect(curve.clusters[params.graphK - 1]).toBe(result.clustering.count);
    expect(progress.at(-1)).toEqual([15, 15]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });
});
