import { expect, it } from 'vitest';
import { pcaProject, symmetricEigen } from '../../src/analyze/pca';
import { fixture } from './fixture';

it('matches scikit-learn PCA on the normalised fixture vectors', () => {
  const p = pcaProject(Float32Array.from(fixture.vectors), fixture.n, fixture.dim);
  fixture.pcaExplained.forEach((e, i) => expect(p.explained[i]).toBeCloseTo(e, 6));
  fixture.pcaScores.forEach((s, i) => expect(Math.abs(p.points[i] - s)).toBeLessThan(1e-5));
});

it('known case: points on a line project onto one axis', () => {
  // (t, 2t) for t = -2..2, unnormalised: all variance on the first component.
  const v = Float32Array.from([-2, -4, -1, -2, 0, 0, 1, 2, 2, 4]);
  const p = pcaProject(v, 5, 2, { normalize: false });
  expect(p.explained[0]).toBeCloseTo(1, 10);
  const len = Math.sqrt(5);
  [-2, -1, 0, 1, 2].forEach((t, i) => {
    expect(Math.abs(p.points[i * 2])).toBeCloseTo(Math.abs(t * len), 5);
    expect(p.points[i * 2 + 1]).toBeCloseTo(0, 5);
  });
  // svd_flip: the largest |score| is positive (two tie at |2 sqrt 5|; the first found, t = -2, wins).
  expect(p.points[0]).toBeGreaterThan(0);
});

it('symmetricEigen diagonalises a 2 x 2 matrix', () => {
  const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
  expect(Array.from(values).sort()).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)]);
});
