import { describe, it, expect } from 'vitest';
import { csvField, word2vecText, projectorVectors, projectorMetadata, clustersCsv, classificationCsv } from '../../src/view/export-files.ts';
import { encodeSession, decodeSession } from '../../src/view/session-file.ts';
import { concentrationCurve } from '../../src/view/data-panel.ts';
import { ecdf } from '../../src/view/clusters-panel.ts';
import { alignEmbedding } from '../../src/view/studio.ts';
import type { ResultsData } from '../../src/view/results-data.ts';
import type { AnalysisResult } from '../../src/workers/pipeline-types.ts';

const embedding = { vocab: ['10.0.0.1', '10.0.0.2', '2001:db8::1'], dim: 2, vectors: new Float32Array([0.5, -1, 0.25, 2, 1e-7, 3]) };

function results(): ResultsData {
  const analysis = {
    classification: {
      classes: [{ label: 'censys', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 }],
      accuracy: 0.5,
      macro: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      weighted: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      confusion: [[1, 1]],
      predictedColumns: ['censys', 'n.a.'],
      predicted: { sender: new Int32Array([2]), label: new Int32Array([0]), share: new Float32Array([0.75]), names: ['censys'] },
    },
    clustering: {
      ofSender: new Int32Array([0, 0, 1]), count: 2, modularity: 0.4, silhouette: new Float32Array([0.5, 0.25, 0]),
      kmeansSilhouette: new Float32Array(3), kmeansK: 2, summaries: [], curve: { k: [1], modularity: [0.4], clusters: [2] },
    },
    pca: new Float32Array(6), dominantService: new Int32Array([0, 1, 0]), serviceNames: ['telnet', 'ssh'], seconds: 0,
  } satisfies AnalysisResult;
  return { vocab: embedding.vocab, packets: new Int32Array([10, 20, 30]), labels: { names: ['censys', '<b>x,"y"</b>'], ofSender: new Int32Array([0, 1, -1]) }, analysis };
}

describe('export files', () => {
  it('word2vec text has the gensim header and one parseable row per sender', () => {
    const lines = word2vecText(embedding).trim().split('\n');
    expect(lines[0]).toBe('3 2');
    expect(lines[3].split(' ')[0]).toBe('2001:db8::1');
    const parsed = lines.slice(1).flatMap((l) => l.split(' ').slice(1).map(Number));
    expect(Float32Array.from(parsed)).toEqual(embedding.vectors);
  });

  it('projector vectors and metadata line up, metadata has a header row', () => {
    const vectors = projectorVectors(embedding).trim().split('\n');
    const metadata = projectorMetadata(results()).trim().split('\n');
    expect(vectors).toHaveLength(3);
    expect(metadata).toHaveLength(4);
    expect(vectors[1].split('\t').map(Number)).toEqual([0.25, 2]);
    expect(metadata[2].split('\t')).toEqual(['10.0.0.2', '<b>x,"y"</b>', '0', '20', 'ssh', '0.2500']);
  });

  it('CSV quotes commas and quotes and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('-1')).toBe('-1');
    const rows = clustersCsv(results()).trim().split('\n');
    expect(rows[0]).toBe('ip,cluster,silhouette,label,predicted_label,vote_share,packets');
    expect(rows[2]).toBe('10.0.0.2,0,0.25,"<b>x,""y""</b>",,,20');
    expect(rows[3]).toBe('2001:db8::1,1,0,,censys,0.75,30');
    expect(classificationCsv(results()).split('\n')[2]).toBe('accuracy,,,0.5,2');
  });

  it('a session round-trips typed arrays bit for bit and refuses other files', () => {
    const text = encodeSession({ vectors: embedding.vectors, ids: new Int32Array([1, -2]), nested: { t: new Float64Array([Math.PI]) } });
    const back = decodeSession(text, 's.json');
    expect(back.vectors).toEqual(embedding.vectors);
    expect(back.ids).toEqual(new Int32Array([1, -2]));
    expect((back.nested as { t: Float64Array }).t[0]).toBe(Math.PI);
    expect(() => decodeSession('{"a":1}', 'other.json')).toThrow(/other.json: not a DarkVec Studio session/);
    expect(() => decodeSession('nope', 'bad.json')).toThrow(/bad.json/);
  });
});

describe('view computations', () => {
  it('concentration curve: the busiest sender of four with 70 of 100 packets', () => {
    const c = concentrationCurve(new Int32Array([10, 70, 10, 10]), 4);
    expect(c.x).toEqual([0, 25, 50, 75, 100]);
    expect(c.y).toEqual([0, 70, 80, 90, 100]);
  });

  it('ECDF ends at 1 and is sorted', () => {
    const e = ecdf(new Float32Array([0.5, -0.5, 0]));
    expect(e.x).toEqual([-0.5, 0, 0.5, 0.5]);
    expect(e.y.at(-1)).toBe(1);
  });

  it('aligns a continued model to today\'s vocabulary', () => {
    const aligned = alignEmbedding(embedding, ['2001:db8::1', '10.0.0.1']);
    expect(Array.from(aligned.vectors)).toEqual([Math.fround(1e-7), 3, 0.5, -1]);
    expect(() => alignEmbedding(embedding, ['1.1.1.1'])).toThrow(/1.1.1.1/);
  });
});
