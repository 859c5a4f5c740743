// Ground-truth labels joined with the corpus vocabulary: a class id per token
// (-1 unlabelled). Labels of addresses absent from the corpus are counted and dropped.

export interface JoinedLabels {
  /** Class names in first-seen order over the vocabulary. */
  classes: string[];
  /** Per token id: class index, or -1. */
  classOf: Int32Array;
  /** Vocabulary senders with a label. */
  labelled: number;
  /** Labelled addresses not in the vocabulary (not in the trace, or filtered out). */
  absent: number;
}

export function joinLabels(labels: ReadonlyMap<string, string>, vocab: readonly string[]): JoinedLabels {
  const classes: string[] = [];
  const classIndex = new Map<string, number>();
  const classOf = new Int32Array(vocab.length).fill(-1);
  let labelled = 0;
  for (let t = 0; t < vocab.length; t++) {
    const label = labels.get(vocab[t]);
    if (label === undefined) continue;
    let c = classIndex.get(label);
    if (c === undefined) {
      c = classes.length;
      classes.push(label);
      classIndex.set(label, c);
    }
    classOf[t] = c;
    labelled++;
  }
  return { classes, classOf, labelled, absent: labels.size - labelled };
}
