import { describe, expect, it } from 'vitest';
import { allKnn, type KnnResult } from '../../src/analyze/knn';
import { classifyKnn } from '../../src/analyze/classify';
import { labelName, labelsFromMap, NOT_ASSIGNED, UNKNOWN } from '../../src/corpus/sender-labels';
import { fixture } from './fixture';

function knnOf(lists: number[][]): KnnResult {
  const k = lists[0].length;
  return { n: lists.length, k, indices: Int32Array.from(lists.flat()), similarities: new Float32Array(lists.length * k).fill(0.5) };
}

describe('classifyKnn', () => {
  it('votes with unknown neighbours, gives n.a. on a tie of the top two, and scores', () => {
    // labels: 0 a, 1 a, 2 b, 3 b, 4 unlabelled, 5 unlabelled
    const labels = { ids: Int32Array.from([0, 0, 1, 1, UNKNOWN, UNKNOWN]), names: ['a', 'b'] };
    const knn = knnOf([
      [1, 2, 4], // a: a,b,unknown -> all tie at 1: n.a.
      [0, 5, 4], // a: a,unknown,unknown -> unknown
      [3, 0, 1], // b: b,a,a -> a (wrong)
      [2, 5, 1], // b: b,unknown,a -> n.a.
      [2, 3, 0], // unlabelled: b,b,a -> b 2/3
      [0, 1, 2], // unlabelled: a,a,b -> a 2/3
    ]);
    const r = classifyKnn(knn, labels, { k: 3 });
    expect(Array.from(r.predicted)).toEqual([NOT_ASSIGNED, UNKNOWN, 0, NOT_ASSIGNED, 1, 0]);
    expect(Array.from(r.voteShare)).toEqual([0, Math.fround(2 / 3), Math.fround(2 / 3), 0, Math.fround(2 / 3), Math.fround(2 / 3)]);
    // Ignoring unknown votes, sender 1's only known vote is a.
    expect(Array.from(r.bestKnown)).toEqual([NOT_ASSIGNED, 0, 0, NOT_ASSIGNED, 1, 0]);
    expect(r.evaluated).toBe(4);
    expect(r.accuracy).toBe(0);
    // a: predicted a once (sender 2, truly b): precision 0; b never predicted.
    expect(r.classes.map((c) => [c.name, c.precision, c.recall, c.support])).toEqual([['a', 0, 0, 2], ['b', 0, 0, 2]]);
    expect(r.predictedNames).toEqual(['a', 'b', 'unknown', 'n.a.']);
    expect(Array.from(r.confusion)).toEqual([0, 0, 1, 1, 1, 0, 0, 1]);
  });

  it('uses only the first k of a longer neighbour list', () => {
    const labels = { ids: Int32Array.from([0, 0, 1, 1]), names: ['a', 'b'] };
    const r = classifyKnn(knnOf([[1, 2, 3], [0, 2, 3], [3, 0, 1], [2, 0, 1]]), labels, { k: 1 });
    expect(r.k).toBe(1);
    expect(r.accuracy).toBe(1);
    expect(r.macro.f1).toBe(1);
  });

  it('matches the scikit-learn leave-one-out fixture (k = 7 and k = 4) and its classification_report', async () => {
    const { n, dim } = fixture;
    const vocab = Array.from({ length: n }, (_, i) => `10.0.0.${i}`);
    const labels = labelsFromMap(vocab, new Map(vocab.map((ip, i) => [ip, fixture.labels[i]])));
    expect(labels.names).toEqual(fixture.report.classes);
    const knn = await allKnn(Float32Array.from(fixture.vectors), n, dim, 7);
    const r7 = classifyKnn(knn, labels, { k: 7 });
    expect(Array.from(r7.predicted, (p) => labelName(labels, p))).toEqual(fixture.looPredicted);
    const r4 = classifyKnn(knn, labels, { k: 4 });
    expect(Array.from(r4.predicted, (p) => labelName(labels, p))).toEqual(fixture.looPredicted4);
    expect(r7.accuracy).toBeCloseTo(fixture.report.accuracy, 10);
    for (const c of r7.classes) {
      const ref = fixture.report.perClass[c.name];
      expect([c.precision, c.recall, c.f1, c.support]).toEqual([
        expect.closeTo(ref.precision, 10), expect.closeTo(ref.recall, 10), expect.closeTo(ref['f1-score'], 10), ref.support,
      ]);
    }
    expect(r7.macro.f1).toBeCloseTo(fixture.report.macro['f1-score'], 10);
    expect(r7.macro.precision).toBeCloseTo(fixture.report.macro.precision, 10);
    expect(r7.weighted.f1).toBeCloseTo(fixture.report.weighted['f1-score'], 10);
    expect(r7.weighted.recall).toBeCloseTo(fixture.report.weighted.recall, 10);
  });
});

describe('labelsFromMap', () => {
  it('treats unknown and missing as unlabelled and keeps only present classes', () => {
    const l = labelsFromMap(['1.1.1.1', '2.2.2.2', '3.3.3.3'], new Map([['1.1.1.1', 'shodan'], ['2.2.2.2', 'unknown'], ['9.9.9.9', 'censys']]));
    expect(l.names).toEqual(['shodan']);
    expect(Array.from(l.ids)).toEqual([0, UNKNOWN, UNKNOWN]);
  });
});
