/** The DarkVec corpus: what the skip-gram trainer consumes. */
export interface Corpus {
  /** Sender addresses; index = token id, in first-seen order. */
  vocab: string[];
  /** Packets per sender over the whole trace, index = token id. */
  packets: Int32Array;
  /** Token ids of all sentences, back to back. */
  tokens: Int32Array;
  /** Sentence i is tokens[offsets[i] .. offsets[i+1]); length = sentences + 1. */
  offsets: Int32Array;
}
