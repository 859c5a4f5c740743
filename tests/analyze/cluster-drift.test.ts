import { expect, it } from 'vitest';
import { clusterDrift } from '../../src/analyze/cluster-drift';

it('ignores renumbering: same groups under new ids change nothing', () => {
  const d = clusterDrift(['a', 'b', 'c', 'd'], [0, 0, 1, 1], ['c', 'd', 'a', 'b'], [5, 5, 7, 7]);
  expect(d).toEqual({ common: 4, changed: 0, newClusters: 0 });
});

it('counts a sender that moved to the other group', () => {
  // a,b,c were together, d,e,f together; today c sits with d,e,f.
  const d = clusterDrift(
    ['a', 'b', 'c', 'd', 'e', 'f'],
    [0, 0, 0, 1, 1, 1],
    ['a', 'b', 'c', 'd', 'e', 'f'],
    [3, 3, 4, 4, 4, 4],
  );
  expect(d).toEqual({ common: 6, changed: 1, newClusters: 0 });
});

it('a split keeps members unchanged; new senders form new clusters', () => {
  const d = clusterDrift(
    ['a', 'b', 'c', 'd'],
    [0, 0, 0, 0],
    ['a', 'b', 'c', 'd', 'x', 'y'],
    [1, 1, 2, 2, 9, 9],
  );
  expect(d).toEqual({ common: 4, changed: 0, newClusters: 1 });
});

it('breaks overlap ties toward the lower previous id', () => {
  // Today's cluster 0 holds one member of old 1 and one of old 0: matched to 0, so b changed.
  const d = clusterDrift(['a', 'b'], [0, 1], ['a', 'b'], [0, 0]);
  expect(d).toEqual({ common: 2, changed: 1, newClusters: 0 });
});
