import { describe, expect, it } from 'vitest';
import { classificationCsv, clustersCsv, embeddingsText, inBlocks, outputFiles, projectorMetadata, projectorVectors, reportObject, stableJson } from '../../src/method/outputs';
import { defaultParams } from '../../src/method/params';
import { embedding, smallResults } from './results-fixture';

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('output files', () => {
  it('word2vec text has the gensim header and one parseable row per sender', () => {
    const lines = text(embeddingsText(embedding)).trim().split('\n');
    expect(lines[0]).toBe('3 2');
    expect(lines[3].split(' ')[0]).toBe('2001:db8::1');
    const parsed = lines.slice(1).flatMap((l) => l.split(' ').slice(1).map(Number));
    expect(Float32Array.from(parsed)).toEqual(embedding.vectors);
  });

  it('clusters.csv: the vote and the best known label, user labels quoted and defused', () => {
    const rows = text(clustersCsv(smallResults())).trim().split('\n');
    expect(rows[0]).toBe('ip,cluster,silhouette,label,predicted,vote_share,best_known,best_known_share,packets');
    expect(rows[1]).toBe('10.0.0.1,0,0.5,censys,censys,0.75,censys,0.75,10');
    expect(rows[2]).toBe(`10.0.0.2,0,0.25,"'=x,""y""",unknown,0.5,censys,0.25,20`);
    expect(rows[3]).toBe('2001:db8::1,1,0,,n.a.,0,censys,0.5,30');
  });

  it('clusters.csv without labels leaves the label columns empty', () => {
    const r = { ...smallResults(), classification: null };
    expect(text(clustersCsv(r)).split('\n')[3]).toBe('2001:db8::1,1,0,,,,,,30');
    expect(outputFiles(r, embedding, defaultParams()).map((f) => f.name)).not.toContain('classification.csv');
  });

  it('classification.csv is scikit-learn\'s report', () => {
    const rows = text(classificationCsv(smallResults())).trim().split('\n');
    expect(rows).toEqual([
      'class,precision,recall,f1,support',
      'censys,1,1,1,1',
      `"'=x,""y""",0,0,0,1`,
      'accuracy,,,0.5,2',
      'macro avg,0.5,0.5,0.5,2',
      'weighted avg,0.5,0.5,0.5,2',
    ]);
  });

  it('projector vectors and metadata line up; metadata is defused', () => {
    const vectors = text(projectorVectors(embedding)).trim().split('\n');
    const metadata = text(projectorMetadata(smallResults())).trim().split('\n');
    expect(vectors).toHaveLength(3);
    expect(metadata).toHaveLength(4);
    expect(vectors[1].split('\t').map(Number)).toEqual([0.25, 2]);
    expect(metadata[0]).toBe('ip\tlabel\tpredicted\tcluster\tpackets\tservice\tsilhouette');
    expect(metadata[2].split('\t')).toEqual(['10.0.0.2', `'=x,"y"`, 'unknown', '0', '20', 'ssh', '0.25']);
  });

  it('report.json: parameters, labels and the curve; NaN is null; no per-hour counts', () => {
    const params = defaultParams(2);
    const report = JSON.parse(stableJson(reportObject({ ...smallResults(), clustering: { ...smallResults().clustering, modularity: NaN } }, params)));
    expect(report.schema).toBe('darkvec-report/2');
    expect(report.parameters).toEqual(params);
    expect(report.clustering.modularity).toBeNull();
    expect(report.clustering.curve).toEqual([{ graphK: 1, modularity: 0.4, clusters: 2 }, { graphK: 2, modularity: 0.3, clusters: 2 }]);
    expect(report.knn.confusion.rows[1]).toEqual(['=x,"y"', [0, 0, 1, 0]]);
    expect(report.input.packetsPerHour).toBeUndefined();
    expect(report.input.skippedByReason).toEqual({ 'bad port': 1 });
  });

  it('joins pieces into blocks without losing or reordering any', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const blocks = [...inBlocks(pieces, 100)];
    expect(blocks.join('')).toBe(pieces.join(''));
    expect(blocks.length).toBeGreaterThan(10);
  });
});
