// The shapes the command-line pipeline passes between its steps. The steps
// themselves are the page's modules (src/corpus, src/embed, src/analyze);
// src/pipeline/steps-node.ts binds them.
import type { Corpus } from '../corpus/corpus';
import type { Embedding } from '../embed/embedding';

export type ServicesMode = 'single' | 'auto' | 'dks' | 'hybrid';

export interface CorpusParams {
  services: ServicesMode;
  topPorts: number;
  window: number;
  minPackets: number;
}

export interface TrainParams {
  context: number;
  dim: number;
  negative: number;
  epochs: number;
  seed: number;
  threads: number;
}

export interface InputSummary {
  rows: number;
  rowsSkipped: number;
  packets: number;
  senders: number;
  sendersKept: number;
}

export interface CorpusRun {
  corpus: Corpus;
  input: InputSummary;
  /** The first skipped rows, "line N: reason". */
  skipSamples: string[];
}

export interface TrainRun {
  embedding: Embedding;
  seconds: number;
  tokensPerSecond: number;
  threads: number;
}

export interface ClassStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Classification {
  k: number;
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  classes: Record<string, ClassStats>;
  /** Per sender (vocab order): leave-one-out prediction for labelled ones, plain prediction for the rest. */
  predicted: string[];
  voteShare: Float32Array;
}

export interface Clustering {
  graphK: number;
  cluster: Int32Array;
  clusters: number;
  modularity: number;
}

export interface Silhouettes {
  perSender: Float32Array;
  mean: number;
  /** Share of clusters whose mean silhouette is above 0. */
  shareClustersPositive: number;
}

/** A one-line state of a long step ("corpus: 12.3 M rows, 1.20 M rows/s"); the caller throttles it. */
export type OnProgress = (message: string) => void;

/** The page's modules, as the command line calls them. */
export interface PipelineSteps {
  buildCorpus(tracePath: string, params: CorpusParams, onProgress: OnProgress): Promise<CorpusRun>;
  /** Decodes a trace of any supported format into a sink, in one streaming pass. */
  readTrace(tracePath: string, sink: import('../ingest/packet-sink').PacketSink, onProgress: OnProgress): Promise<void>;
  train(corpus: Corpus, params: TrainParams, onProgress: OnProgress): Promise<TrainRun>;
  /** i-DarkVec: grow the vocabulary with the corpus' new senders, keep the old vectors, train `params.epochs`. */
  continueTraining(model: Embedding, corpus: Corpus, params: TrainParams, onProgress: OnProgress): Promise<TrainRun>;
  writeEmbedding(path: string, embedding: Embedding): Promise<void>;
  /** Ground truth: canonical address -> label. Throws with the file name on an unusable file. */
  readLabels(path: string): Promise<Map<string, string>>;
  classify(embedding: Embedding, labels: string[], k: number): Promise<Classification>;
  cluster(embedding: Embedding, graphK: number, seed: number): Promise<Clustering>;
  silhouette(embedding: Embedding, cluster: Int32Array): Promise<Silhouettes>;
}
