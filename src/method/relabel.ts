// An analyst's edits of the ground truth (give senders a label, or remove
// theirs), applied to a run's results: the classifier and the clusters' label
// mix are re-run on the neighbour lists the analysis kept, nothing else (the
// vectors, the graph, the clusters and their other summaries do not depend on labels).
import type { KnnResult } from '../analyze/knn.ts';
import { classifyKnn } from '../analyze/classify.ts';
import { clusterLabelMix } from '../analyze/summaries.ts';
import type { SenderLabels } from '../corpus/sender-labels.ts';
import type { DarkVecParams } from './params.ts';
import type { Classification, DarkVecResults } from './results.ts';

/** One edit: the sender's address and its new label, null to remove it. */
export interface LabelEdit {
  ip: string;
  label: string | null;
}

/** Edits in order, the later winning: one per address. */
export function mergeEdits(earlier: readonly LabelEdit[], later: readonly LabelEdit[]): LabelEdit[] {
  const at = new Map<string, string | null>();
  for (const e of [...earlier, ...later]) at.set(e.ip, e.label === null || e.label.trim() === '' ? null : e.label.trim());
  return [...at].map(([ip, label]) => ({ ip, label }));
}

/**
 * Labels after the edits. Names keep their order; a new name is appended; a
 * name no sender carries any more is dropped (a class without support has no
 * metrics), so ids are renumbered.
 */
export function editLabels(vocab: readonly string[], labels: SenderLabels, edits: readonly LabelEdit[]): SenderLabels {
  const at = new Map<string, number>();
  vocab.forEach((ip, i) => at.set(ip, i));
  const names = [...labels.names];
  const ids = Int32Array.from(labels.ids);
  for (const e of edits) {
    const i = at.get(e.ip);
    if (i === undefined) continue;
    if (e.label === null) { ids[i] = -1; continue; }
    let id = names.indexOf(e.label);
    if (id < 0) { id = names.length; names.push(e.label); }
    ids[i] = id;
  }
  const used = new Uint8Array(names.length);
  for (const id of ids) if (id >= 0) used[id] = 1;
  const renumber = new Int32Array(names.length).fill(-1);
  const kept: string[] = [];
  names.forEach((name, id) => {
    if (used[id]) { renumber[id] = kept.length; kept.push(name); }
  });
  return { ids: ids.map((id) => (id >= 0 ? renumber[id] : -1)), names: kept };
}

export interface RelabelInput {
  results: DarkVecResults;
  /** The analysis's neighbour lists. */
  knn: KnnResult;
  /** The ground truth before any edit (the labels file and the Mirai fingerprint). */
  original: SenderLabels;
  edits: readonly LabelEdit[];
  params: DarkVecParams;
}

/** The results with the edited ground truth: labels, the k-NN report and predictions, the cluster summaries' label mix. */
export function relabelResults(input: RelabelInput): DarkVecResults {
  const { results, knn, params } = input;
  const vocab = results.senders.vocab;
  const labels = editLabels(vocab, input.original, input.edits);
  let classification: Classification | null = null;
  if (labels.names.length > 0) {
    const c = classifyKnn(knn, labels, { k: params.k });
    classification = {
      k: c.k, evaluated: c.evaluated, accuracy: c.accuracy, classes: c.classes, macro: c.macro, weighted: c.weighted,
      predictedNames: c.predictedNames, confusion: c.confusion,
      predicted: c.predicted, voteShare: c.voteShare, bestKnown: c.bestKnown, bestKnownShare: c.bestKnownShare,
    };
  }
  const clustering = results.clustering;
  // Only the label mix depends on the labels: ports, fingerprints and the enrichment stay as they are.
  const mix = clusterLabelMix(clustering.cluster, clustering.count, labels);
  const summaries = clustering.summaries.map((c, i) => ({ ...c, labels: mix[i] }));
  let labelled = 0;
  for (const id of labels.ids) if (id >= 0) labelled++;
  return {
    ...results,
    labels: { ...results.labels, sendersLabelled: labelled },
    senders: { ...results.senders, label: labels.ids, labelNames: labels.names },
    classification,
    clustering: { ...clustering, summaries },
  };
}
