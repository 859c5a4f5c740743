// How much the clustering moved from one day to the next (i-DarkVec's drift).
// Louvain numbers its communities arbitrarily each run, so clusters are first
// matched: each of today's clusters is paired with yesterday's cluster that
// shares the most of its members (ties: the lower id). A sender seen on both
// days "changed cluster" when its cluster today is not paired with its cluster
// yesterday. Pairing is many-to-one on purpose: a cluster that splits in two
// keeps its members as unchanged (both halves pair with the same parent), and
// the split shows up in the cluster count instead.

export interface ClusterDrift {
  /** Senders present on both days. */
  common: number;
  /** Of those, senders whose matched cluster differs. */
  changed: number;
  /** Today's clusters that share no sender with yesterday (entirely new groups). */
  newClusters: number;
}

export function clusterDrift(
  prevVocab: readonly string[],
  prevCluster: ArrayLike<number>,
  currVocab: readonly string[],
  currCluster: ArrayLike<number>,
): ClusterDrift {
  const prevOf = new Map<string, number>();
  for (let i = 0; i < prevVocab.length; i++) prevOf.set(prevVocab[i]!, prevCluster[i]!);

  // overlap.get(curr) : Map(prev -> members in both)
  const overlap = new Map<number, Map<number, number>>();
  const currClusters = new Set<number>();
  let common = 0;
  const commonIdx: number[] = [];
  for (let i = 0; i < currVocab.length; i++) {
    const c = currCluster[i]!;
    currClusters.add(c);
    const p = prevOf.get(currVocab[i]!);
    if (p === undefined) continue;
    common++;
    commonIdx.push(i);
    let row = overlap.get(c);
    if (!row) overlap.set(c, (row = new Map()));
    row.set(p, (row.get(p) ?? 0) + 1);
  }

  const match = new Map<number, number>();
  for (const [c, row] of overlap) {
    let best = -1;
    let bestCount = -1;
    for (const [p, n] of row) {
      if (n > bestCount || (n === bestCount && p < best)) {
        best = p;
        bestCount = n;
      }
    }
    match.set(c, best);
  }

  let changed = 0;
  for (const i of commonIdx) {
    if (match.get(currCluster[i]!) !== prevOf.get(currVocab[i]!)) changed++;
  }
  let newClusters = 0;
  for (const c of currClusters) if (!overlap.has(c)) newClusters++;
  return { common, changed, newClusters };
}
