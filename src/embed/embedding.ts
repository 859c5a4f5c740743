/** Trained sender vectors. */
export interface Embedding {
  /** Sender addresses; row i of `vectors` belongs to vocab[i]. */
  vocab: string[];
  dim: number;
  /** Row-major vocab.length x dim, unpadded. */
  vectors: Float32Array;
}
