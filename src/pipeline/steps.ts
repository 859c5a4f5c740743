// The shapes the command-line pipeline passes between its steps. The steps
// themselves are the page's modules (src/corpus, src/embed, src/analyze);
// src/pipeline/steps-node.ts binds them.
import type { Corpus } from '../corpus/corpus';
import type { PacketLog, SenderStats } from '../corpus/sender-stats';
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
  stats?: SenderStats;
  log?: PacketLog;
  input: InputSummary;
  /** The first skipped rows, "line N: reason". */
  skipSamples: string[];
}

export interface TrainRun {
  embedding: Embedding;
  seconds: number;
  tokensPerSecond: number;
  threads: number;
  /** What the trainer needs to continue exactly (its output vectors too). */
  state?: unknown;
}

export interface Clustering {
  cluster: Int32Array;
  clusters: number;
  modularity: number;
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
  continueTraining(model: TrainRun, corpus: Corpus, params: TrainParams, onProgress: OnProgress): Promise<TrainRun>;
  writeEmbedding(path: string, embedding: Embedding): Promise<void>;
  /** A saved model in word2vec text format; throws naming the file and line. */
  readEmbedding(path: string): Promise<Embedding>;
  /** Ground truth: canonical address -> label. Throws with the file name on an unusable file. */
  readLabels(path: string): Promise<Map<string, string>>;
  /** k-NN graph + Louvain over these vectors (the per-day clustering of --daily). */
  cluster(embedding: Embedding, graphK: number, seed: number): Promise<Clustering>;
}
