import { describe, expect, it } from 'vitest';
import { editLabels, mergeEdits, relabelResults } from '../../src/method/relabel.ts';
import { defaultParams } from '../../src/method/params.ts';
import type { KnnResult } from '../../src/analyze/knn.ts';
import { summarizeClusters } from '../../src/analyze/summaries.ts';
import { smallResults } from './results-fixture.ts';

describe('label edits', () => {
  it('merge by address, the later edit winning; an empty label removes', () => {
    expect(mergeEdits([{ ip: 'a', label: 'x' }, { ip: 'b', label: 'y' }], [{ ip: 'a', label: ' ' }, { ip: 'c', label: ' z ' }]))
      .toEqual([{ ip: 'a', label: null }, { ip: 'b', label: 'y' }, { ip: 'c', label: 'z' }]);
  });

  it('append new names, drop names no sender keeps, renumber ids', () => {
    const labels = editLabels(['a', 'b', 'c'], { ids: new Int32Array([0, 1, -1]), names: ['one', 'two'] }, [
      { ip: 'a', label: null }, { ip: 'c', label: 'three' }, { ip: 'nobody', label: 'four' },
    ]);
    expect(labels.names).toEqual(['two', 'three']);
    expect(Array.from(labels.ids)).toEqual([-1, 0, 1]);
  });

  it('re-run the classifier on the kept neighbour lists: a relabelled neighbourhood changes the votes', () => {
    const base = smallResults();
    const c = base.clustering;
    // Summaries as the analysis makes them, with an IP database's top ASNs.
    const summaries = summarizeClusters({ vocab: base.senders.vocab, clusters: c.cluster, count: c.count, labels: { ids: base.senders.label, names: base.senders.labelNames } })
      .map((s) => ({ ...s, topAsns: [{ asn: 13335, name: 'CLOUDFLARENET', senders: 1, share: 0.5 }] }));
    const results = { ...base, clustering: { ...c, summaries } };
    expect(summaries.map((s) => s.labels.map((l) => l.name).sort())).toEqual([['=x,"y"', 'censys'], ['unknown']]);
    // Each sender's two neighbours are the other two.
    const knn: KnnResult = { n: 3, k: 2, indices: new Int32Array([1, 2, 0, 2, 0, 1]), similarities: new Float32Array(6).fill(0.9) };
    const params = { ...defaultParams(1), k: 2 };
    const edited = relabelResults({ results, knn, original: { ids: results.senders.label, names: results.senders.labelNames }, edits: [{ ip: '10.0.0.2', label: 'censys' }, { ip: '2001:db8::1', label: 'censys' }], params });
    expect(edited.senders.labelNames).toEqual(['censys']);
    expect(Array.from(edited.senders.label)).toEqual([0, 0, 0]);
    expect(edited.labels.sendersLabelled).toBe(3);
    expect(edited.classification!.accuracy).toBe(1);
    expect(Array.from(edited.classification!.predicted)).toEqual([0, 0, 0]);
    expect(edited.clustering.summaries.map((s) => s.labels[0].name)).toEqual(['censys', 'censys']);
    // What labels do not decide stays: ports, fingerprints, the enrichment.
    expect(edited.clustering.summaries.map((s) => s.topAsns![0].asn)).toEqual([13335, 13335]);
    expect(edited.clustering.summaries.map((s) => s.senders)).toEqual([2, 1]);
    // The input results are not touched; what labels do not change is shared.
    expect(Array.from(results.senders.label)).toEqual([0, 1, -1]);
    expect(edited.clustering.cluster).toBe(results.clustering.cluster);
    // Every label removed: no classification.
    const none = relabelResults({ results, knn, original: { ids: results.senders.label, names: results.senders.labelNames }, edits: [{ ip: '10.0.0.1', label: null }, { ip: '10.0.0.2', label: null }], params });
    expect(none.classification).toBeNull();
    expect(none.senders.labelNames).toEqual([]);
  });
});
