// Ground-truth labels as typed arrays: a label id per sender (-1 = unlabelled)
// and a table of names. Two pseudo-labels appear only in predictions.

import { LabelMap } from '../ingest/label-prefixes';

/** Prediction of a sender whose neighbours are mostly unlabelled (the paper's `unknown`). */
export const UNKNOWN = -1;
/** Prediction when the two most frequent votes tie (the paper's `n.a.`). */
export const NOT_ASSIGNED = -2;

export interface SenderLabels {
  /** Label id per sender (index into names), UNKNOWN for an unlabelled sender. */
  ids: Int32Array;
  names: string[];
}

/** Labels from an ip -> label map; names sorted for a stable order. The labels `unknown` and `` mean unlabelled. */
export function labelsFromMap(vocab: readonly string[], labels: ReadonlyMap<string, string>): SenderLabels {
  // Only labels some sender of the vocabulary carries: a class without support has no metrics.
  const present = new Set<string>();
  for (const ip of vocab) {
    const label = labels.get(ip);
    if (label !== undefined && !isUnlabelled(label)) present.add(label);
  }
  const names = [...present].sort();
  const idOf = new Map(names.map((name, i) => [name, i]));
  const ids = new Int32Array(vocab.length).fill(UNKNOWN);
  vocab.forEach((ip, i) => {
    const label = labels.get(ip);
    if (label !== undefined && !isUnlabelled(label)) ids[i] = idOf.get(label)!;
  });
  return { ids, names };
}

/**
 * Entries of a labels file no kept sender carries: exact addresses not in the
 * vocabulary, plus (for a LabelMap) prefixes that hold no kept sender without
 * its own exact label. What the page reports as "labels not among the kept senders".
 */
export function unusedLabelCount(vocab: readonly string[], labels: ReadonlyMap<string, string>): number {
  const kept = new Set(vocab);
  let unused = 0;
  // A LabelMap iterates its exact addresses only.
  for (const ip of labels.keys()) if (!kept.has(ip)) unused++;
  if (!(labels instanceof LabelMap) || labels.prefixes.size === 0) return unused;
  const matched = new Set<string>();
  for (const ip of vocab) {
    if (labels.exact(ip) !== undefined) continue;
    const m = labels.prefixes.longestMatch(ip);
    if (m) matched.add(m.key);
  }
  return unused + labels.prefixes.size - matched.size;
}

function isUnlabelled(label: string): boolean {
  const l = label.trim().toLowerCase();
  return l === '' || l === 'unknown';
}

export function labelName(labels: SenderLabels, id: number): string {
  if (id === UNKNOWN) return 'unknown';
  if (id === NOT_ASSIGNED) return 'n.a.';
  return labels.names[id];
}
