// The one result type of a DarkVec run: what the page shows, what every
// output file is written from, and what a saved session stores. Per-sender
// values are typed arrays indexed like `senders.vocab` (never an object per
// sender), so a result crosses a worker boundary by transfer.
import type { ClassMetrics } from '../analyze/classify.ts';
import type { ClusterSummary } from '../analyze/summaries.ts';
import type { LabelProblem } from '../corpus/join-labels.ts';

export type { ClusterSummary, ClassMetrics, LabelProblem };

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface InputSummary {
  /** The trace's file name (no folders: the page never knows them). */
  file: string;
  /** 'csv', 'pcap', ...: the decoder that read it. */
  format: string;
  /** Data rows read (accepted or skipped). */
  rows: number;
  rowsSkipped: number;
  /** Reason -> rows, most first. */
  skippedByReason: [string, number][];
  firstSkipped: SkippedRow[];
  packets: number;
  senders: number;
  sendersKept: number;
  packetsKept: number;
  distinctPorts: number;
  /** Unix seconds; null when no row was read. */
  firstTime: number | null;
  lastTime: number | null;
  /** Unix seconds of the first hour bucket; packetsPerHour[i] covers hourStart + 3600 i. */
  hourStart: number;
  packetsPerHour: Float64Array;
  /** Most frequent port/protocol pairs by packets. */
  topPorts: { service: string; packets: number }[];
  warnings: string[];
}

export interface CorpusSummary {
  serviceNames: string[];
  sentences: number;
  tokens: number;
}

export interface LabelsSummary {
  /** The labels file's name, null without one. */
  file: string | null;
  /** Exact addresses and prefixes in the file. */
  entries: number;
  /** Kept senders with a label (from the file or the Mirai fingerprint). */
  sendersLabelled: number;
  /** File entries that match no kept sender. */
  notAmongKept: number;
  /** Lines of the file that were not used, and why. */
  problems: LabelProblem[];
  problemCount: number;
  /** The Mirai fingerprint: whether the trace has its columns, kept senders carrying it, and how many of them it labelled (0 when off). */
  mirai: { enabled: boolean; columns: boolean; senders: number; labelled: number };
}

export interface TrainingSummary {
  epochs: number;
  /** True when this run continued an earlier model (i-DarkVec). */
  continued: boolean;
  /** Senders in the model, and how many this run added to a continued one. */
  modelSenders: number;
  sendersAdded: number;
  threads: number;
  /** Centre tokens trained: corpus tokens x epochs. */
  tokens: number;
  finalLoss: number;
}

export interface SenderTable {
  /** Canonical addresses; every per-sender array below is indexed like this. */
  vocab: string[];
  /** Packets per sender over the trace (NaN: unknown, for a model read from a file). */
  packets: Float64Array;
  /** Ground-truth label id per sender (index into labelNames), -1 unlabelled. */
  label: Int32Array;
  labelNames: string[];
  /** Unix seconds of each sender's first packet; absent for a model read from a file and in sessions saved before it was kept. */
  firstSeen?: Float64Array;
  /** Packets with the Mirai fingerprint per sender; absent as firstSeen. */
  miraiPackets?: Float64Array;
}

export interface Classification {
  k: number;
  evaluated: number;
  accuracy: number;
  classes: ClassMetrics[];
  macro: Omit<ClassMetrics, 'name'>;
  weighted: Omit<ClassMetrics, 'name'>;
  /** Columns of the confusion matrix: the classes, then `unknown` and `n.a.`. */
  predictedNames: string[];
  /** Row-major classes x predictedNames. */
  confusion: Int32Array;
  /** Per sender: the k-NN vote (label id, -1 unknown, -2 n.a.) and its share of the k votes. */
  predicted: Int32Array;
  voteShare: Float32Array;
  /** Per sender: the most voted known label, unlabelled neighbours not voting (-1 none, -2 tie), and its share of the k votes. */
  bestKnown: Int32Array;
  bestKnownShare: Float32Array;
}

export interface ModularityCurve {
  k: number[];
  modularity: number[];
  clusters: number[];
}

export interface Clustering {
  graphK: number;
  /** Per sender: Louvain cluster, numbered by size (0 = largest). */
  cluster: Int32Array;
  count: number;
  modularity: number;
  silhouette: Float32Array;
  silhouetteMean: number;
  /** Share of clusters whose mean silhouette is > 0. */
  positiveShare: number;
  summaries: ClusterSummary[];
  kmeans: { k: number; silhouette: Float32Array; silhouetteMean: number; positiveShare: number } | null;
  /** Null until computed (the page runs it after showing the results). */
  curve: ModularityCurve | null;
}

export interface NeighbourSearch {
  method: 'exact' | 'approximate';
  k: number;
  /** Approximate search only: recall against exact search on a random sample. */
  recallEstimate: number | null;
}

export interface DarkVecResults {
  /** Null for a model read from a file (no trace). */
  input: InputSummary | null;
  corpus: CorpusSummary | null;
  labels: LabelsSummary;
  /** Null for a model read from a file. */
  training: TrainingSummary | null;
  senders: SenderTable;
  neighbours: NeighbourSearch;
  /** Null when no kept sender has a label. */
  classification: Classification | null;
  clustering: Clustering;
  /** n x 2 each; UMAP null until computed. */
  projection: { pca: Float32Array; umap: Float32Array | null };
  /** Per sender: index into serviceNames of the DKS service with most of its packets, -1 none. */
  dominantService: Int32Array;
  serviceNames: string[];
}

export function labelOf(results: Pick<DarkVecResults, 'senders'>, sender: number): string {
  const id = results.senders.label[sender];
  return id >= 0 ? results.senders.labelNames[id] : 'unknown';
}

/** A label id of a prediction as text: a class, `unknown` (-1) or `n.a.` (-2). */
export function predictionName(labelNames: readonly string[], id: number): string {
  return id >= 0 ? labelNames[id] : id === -1 ? 'unknown' : 'n.a.';
}
