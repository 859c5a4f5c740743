/**
 * The negative-sampling distribution, unigram^0.75 as in word2vec.c, as a
 * Walker/Vose alias table with a power-of-two number of buckets: one 32-bit
 * draw picks a bucket with its top bits (a shift, no modulo) and decides
 * between the bucket's word and its alias with the remaining bits. The table
 * holds 8 bytes per bucket (2^ceil(log2 V) buckets), so it stays in cache where
 * word2vec.c's 10^8-slot table (400 MB) misses on nearly every draw, and it is
 * exact up to the coin's resolution instead of rounding every word to whole slots.
 *
 * Bucket b: u32 threshold at 8b, i32 alias at 8b + 4. With coin = the low
 * (32 - bits) bits of the draw, the word is b if coin < threshold, else alias.
 */
export function negativeTableBits(vocabSize: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, vocabSize))));
}

/** Fills `table` (2 * 2^bits Int32 words) from occurrence counts. */
export function fillNegativeTable(counts: ArrayLike<number>, table: Int32Array, bits: number): void {
  const buckets = 2 ** bits;
  if (table.length !== 2 * buckets) throw new RangeError(`negative table needs ${2 * buckets} words, got ${table.length}`);
  if (counts.length > buckets) throw new RangeError(`${counts.length} words do not fit ${buckets} buckets`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.pow(counts[i], 0.75);
  if (!(total > 0)) throw new RangeError('cannot build a negative-sampling table: the corpus has no tokens');
  const one = 2 ** (32 - bits);
  // Scaled so the mean bucket holds 1.
  const scaled = new Float64Array(buckets);
  for (let i = 0; i < counts.length; i++) scaled[i] = (Math.pow(counts[i], 0.75) / total) * buckets;
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < buckets; i++) (scaled[i] < 1 ? small : large).push(i);
  const threshold = new Uint32Array(table.buffer, table.byteOffset, table.length);
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large[large.length - 1];
    threshold[2 * s] = Math.round(scaled[s] * one);
    table[2 * s + 1] = l;
    scaled[l] -= 1 - scaled[s];
    if (scaled[l] < 1) small.push(large.pop()!);
  }
  // What is left holds 1 up to rounding: always its own word.
  for (const i of [...large, ...small]) {
    threshold[2 * i] = one;
    table[2 * i + 1] = i;
  }
}

/** Occurrences of each token id in the token stream. */
export function tokenCounts(tokens: Int32Array, vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (let i = 0; i < tokens.length; i++) counts[tokens[i]]++;
  return counts;
}
