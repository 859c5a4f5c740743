// The paper's semi-supervised step: leave-one-out k-NN classification of the
// labelled senders (cosine, k = 7; the sender itself excluded; unlabelled
// neighbours vote `unknown`; majority vote; a tie between the two most
// frequent labels gives `n.a.`), and a predicted label for every sender.
import type { KnnResult } from './knn';
import { NOT_ASSIGNED, UNKNOWN, type SenderLabels } from '../corpus/sender-labels';

export interface ClassMetrics {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  k: number;
  /** Per ground-truth class, in label-id order. */
  classes: ClassMetrics[];
  accuracy: number;
  macro: Omit<ClassMetrics, 'name'>;
  weighted: Omit<ClassMetrics, 'name'>;
  /** Labelled senders evaluated. */
  evaluated: number;
  /** Column names of the confusion matrix: the classes, then `unknown` and `n.a.`. */
  predictedNames: string[];
  /** Row-major classes x predictedNames counts (row = true class). */
  confusion: Int32Array;
  /** Per sender: the leave-one-out vote (label id, UNKNOWN or NOT_ASSIGNED). */
  predicted: Int32Array;
  /** Per sender: votes for the predicted label / k (0 for n.a.). */
  voteShare: Float32Array;
  /** Per sender: the most voted ground-truth label among its neighbours, ignoring `unknown` votes (NOT_ASSIGNED on a tie, UNKNOWN if none). */
  bestKnown: Int32Array;
  /** Per sender: votes for bestKnown / k. */
  bestKnownShare: Float32Array;
}

export interface ClassifyOptions {
  k?: number;
}

/** Majority vote among the first k neighbours of every sender. */
export function classifyKnn(knn: KnnResult, labels: SenderLabels, options: ClassifyOptions = {}): ClassificationReport {
  const k = Math.min(options.k ?? 7, knn.k);
  const n = knn.n;
  if (labels.ids.length !== n) throw new RangeError(`labels cover ${labels.ids.length} senders, the neighbours ${n}`);
  const classes = labels.names.length;
  const votes = new Int32Array(classes + 1); // last slot: unknown
  const touched: number[] = [];
  const predicted = new Int32Array(n);
  const voteShare = new Float32Array(n);
  const bestKnown = new Int32Array(n);
  const bestKnownShare = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    touched.length = 0;
    for (let j = 0; j < k; j++) {
      const nb = knn.indices[i * knn.k + j];
      if (nb < 0) continue;
      const id = labels.ids[nb];
      const slot = id < 0 ? classes : id;
      if (votes[slot]++ === 0) touched.push(slot);
    }
    let top = -1, topVotes = 0, second = 0;
    let known = -1, knownVotes = 0, knownSecond = 0;
    for (const slot of touched) {
      const v = votes[slot];
      if (v > topVotes) { second = topVotes; topVotes = v; top = slot; } else if (v > second) second = v;
      if (slot < classes) {
        if (v > knownVotes) { knownSecond = knownVotes; knownVotes = v; known = slot; } else if (v > knownSecond) knownSecond = v;
      }
    }
    for (const slot of touched) votes[slot] = 0;
    if (top < 0) { predicted[i] = UNKNOWN; voteShare[i] = 0; }
    else if (topVotes === second) { predicted[i] = NOT_ASSIGNED; voteShare[i] = 0; }
    else { predicted[i] = top === classes ? UNKNOWN : top; voteShare[i] = topVotes / k; }
    if (known < 0) { bestKnown[i] = UNKNOWN; bestKnownShare[i] = 0; }
    else if (knownVotes === knownSecond) { bestKnown[i] = NOT_ASSIGNED; bestKnownShare[i] = 0; }
    else { bestKnown[i] = known; bestKnownShare[i] = knownVotes / k; }
  }
  return { k, ...scorePredictions(labels, predicted), predicted, voteShare, bestKnown, bestKnownShare };
}

/**
 * Precision, recall, F1 per ground-truth class over the labelled senders, as
 * scikit-learn's classification_report(labels=<the classes>): a class never
 * predicted has precision 0; `unknown` and `n.a.` predictions count as wrong.
 */
export function scorePredictions(labels: SenderLabels, predicted: Int32Array): Pick<ClassificationReport,
  'classes' | 'accuracy' | 'macro' | 'weighted' | 'evaluated' | 'predictedNames' | 'confusion'> {
  const c = labels.names.length;
  const cols = c + 2;
  const confusion = new Int32Array(c * cols);
  let evaluated = 0, correct = 0;
  for (let i = 0; i < labels.ids.length; i++) {
    const truth = labels.ids[i];
    if (truth < 0) continue;
    const p = predicted[i];
    const col = p >= 0 ? p : p === UNKNOWN ? c : c + 1;
    confusion[truth * cols + col]++;
    evaluated++;
    if (p === truth) correct++;
  }
  const classes: ClassMetrics[] = labels.names.map((name, id) => {
    let support = 0, predictedAs = 0;
    for (let j = 0; j < cols; j++) support += confusion[id * cols + j];
    for (let t = 0; t < c; t++) predictedAs += confusion[t * cols + id];
    const tp = confusion[id * cols + id];
    const precision = predictedAs > 0 ? tp / predictedAs : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { name, precision, recall, f1, support };
  });
  const average = (weight: (m: ClassMetrics) => number) => {
    let w = 0, p = 0, r = 0, f = 0;
    for (const m of classes) {
      const x = weight(m);
      w += x; p += x * m.precision; r += x * m.recall; f += x * m.f1;
    }
    return w > 0 ? { precision: p / w, recall: r / w, f1: f / w, support: evaluated } : { precision: 0, recall: 0, f1: 0, support: evaluated };
  };
  return {
    classes,
    accuracy: evaluated > 0 ? correct / evaluated : 0,
    macro: average((m) => (m.support > 0 ? 1 : 0)),
    weighted: average((m) => m.support),
    evaluated,
    predictedNames: [...labels.names, 'unknown', 'n.a.'],
    confusion,
  };
}
