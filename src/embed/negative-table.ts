/**
 * The negative-sampling table: word i fills a share of the slots proportional
 * to count_i^0.75 (word2vec.c's unigram table). Its size is a power of two so
 * the kernel indexes it with the top bits of one 32-bit draw instead of a
 * modulo. Words that never occur get no slot.
 */
export function negativeTableBits(vocabSize: number): number {
  // ~1000 slots per word keeps rare words' shares within ~0.1% of a slot of
  // exact; capped at 2^25 slots (128 MiB) for month-scale vocabularies.
  return Math.min(25, Math.max(20, Math.ceil(Math.log2(Math.max(1, vocabSize))) + 10));
}

export function fillNegativeTable(counts: ArrayLike<number>, table: Int32Array): void {
  const size = table.length;
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.pow(counts[i], 0.75);
  if (total === 0) throw new RangeError('cannot build a negative-sampling table: the corpus has no tokens');
  let cumulative = 0;
  let slot = 0;
  let last = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] <= 0) continue;
    cumulative += Math.pow(counts[i], 0.75);
    const end = i === counts.length - 1 ? size : Math.min(size, Math.round((cumulative / total) * size));
    table.fill(i, slot, end);
    if (end > slot) last = i;
    slot = Math.max(slot, end);
  }
  // Rounding can leave the tail short when the last words have zero count.
  if (slot < size) table.fill(last, slot, size);
}

/** Occurrences of each token id in the token stream. */
export function tokenCounts(tokens: Int32Array, vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (let i = 0; i < tokens.length; i++) counts[tokens[i]]++;
  return counts;
}
