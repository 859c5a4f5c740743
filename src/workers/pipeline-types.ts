// What crosses the worker boundary between the page and the pipeline worker:
// plain data with typed arrays (transferred), never arrays of per-sender objects.
import type { Corpus } from '../corpus/corpus.ts';
import type { SenderStats, PacketLog } from '../corpus/sender-stats.ts';

export type ServicesMode = 'single' | 'auto' | 'dks' | 'hybrid';

import type { ColumnMapping } from '../ingest/column-mapping.ts';
import type { TracePreview as IngestPreview } from '../ingest/preview-trace.ts';

export type { ColumnMapping };

/** The ingest step's preview (src/ingest/preview-trace.ts), with the file's name and whether it was gzip. */
export interface TracePreview extends IngestPreview {
  fileName: string;
  gzip: boolean;
}

export interface CorpusOptions {
  services: ServicesMode;
  topPorts: number;
  window: number;
  minPackets: number;
  /** The DKS dictionary (JSON text as the user edited it); undefined = the bundled one. */
  dictionary?: string;
  /** Column mapping as confirmed in the preview; undefined = detected. */
  mapping?: ColumnMapping;
  /** Label senders with the Mirai fingerprint "Mirai-like" (a labels file's label wins); default true. */
  miraiClass?: boolean;
}

export interface SkipReason {
  line: number;
  reason: string;
}

export interface IngestSummary {
  fileName: string;
  rows: number;
  skipped: number;
  skippedByReason: [string, number][];
  firstSkipped: SkipReason[];
  packets: number;
  sendersBefore: number;
  sendersAfter: number;
  ports: number;
  firstTs: number;
  lastTs: number;
  /** Unix seconds of the first hour bucket; packetsPerHour[i] covers hourStart + 3600 i. */
  hourStart: number;
  packetsPerHour: Float64Array;
  topPorts: { label: string; packets: number }[];
  sentences: number;
  tokens: number;
  labelsFile?: string;
  labelled: number;
  labelsIgnored: number;
  labelProblems: SkipReason[];
  /** The Mirai fingerprint (TCP sequence = destination address): whether the trace has those columns, kept senders carrying it, and how many of them became "Mirai-like" (not labelled by the file; 0 when the option is off). Absent in sessions saved before it was added. */
  mirai?: { columns: boolean; senders: number; labelled: number };
  seconds: { ingest: number; corpus: number };
}

export interface SenderLabels {
  names: string[];
  /** Per token id: index into names, -1 when unlabelled. */
  ofSender: Int32Array;
}

export interface IngestResult {
  corpus: Corpus;
  stats: SenderStats;
  log: PacketLog;
  labels: SenderLabels;
  summary: IngestSummary;
}

export interface TrainParams {
  window: number;
  size: number;
  epochs: number;
  negatives: number;
  seed: number;
  threads: number;
}

export interface AnalysisParams {
  k: number;
  graphK: number;
  curveMaxK: number;
  seed: number;
}

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationResult {
  classes: ClassReport[];
  accuracy: number;
  macro: Omit<ClassReport, 'label'>;
  weighted: Omit<ClassReport, 'label'>;
  /** Row = true label (classes order), column = predicted (classes order, then the extra columns). */
  confusion: number[][];
  predictedColumns: string[];
  /** For each unlabelled sender: the most voted known label among its k neighbours (index into names) and its vote share. */
  predicted: { sender: Int32Array; label: Int32Array; share: Float32Array; names: string[] };
}

export interface ClusterSummary {
  id: number;
  senders: number;
  packets: number;
  ports: number;
  meanSilhouette: number;
  topPorts: { port: string; packetShare: number; senderShare: number }[];
  top24: { subnet: string; senders: number }[];
  top16: { subnet: string; senders: number }[];
  labelMix: { label: string; senders: number }[];
  /** null when the trace lacks the columns the fingerprint needs. */
  miraiShare: number | null;
}

export interface ClusteringResult {
  ofSender: Int32Array;
  count: number;
  modularity: number;
  silhouette: Float32Array;
  kmeansSilhouette: Float32Array;
  kmeansK: number;
  summaries: ClusterSummary[];
  /** Empty until the background run (PipelineApi.modularityCurve) fills it. */
  curve: ModularityCurveResult;
}

export interface ModularityCurveResult {
  k: number[];
  modularity: number[];
  clusters: number[];
}

export interface AnalysisResult {
  classification: ClassificationResult | null;
  clustering: ClusteringResult;
  /** n x 2, row = token id. */
  pca: Float32Array;
  /** Per sender: index into serviceNames of the service with most of its packets. */
  dominantService: Int32Array;
  serviceNames: string[];
  seconds: number;
}

export interface ActivityPattern {
  /** Unix seconds per mark. */
  ts: Float64Array;
  /** Row of the mark: index into senders. */
  row: Int32Array;
  senders: string[];
  /** Marks dropped to stay drawable. */
  decimated: boolean;
}

export interface Neighbour {
  ip: string;
  similarity: number;
}

export interface TrainingProgress {
  tokensDone: number;
  tokensTotal: number;
  tokensPerSecond: number;
  epoch: number;
  epochs: number;
  secondsLeft: number;
  loss: number;
}

export interface DemoTrace {
  trace: Blob;
  labels: Blob;
  name: string;
}

export type Progress = (done: number, total: number, stage: string) => void;

/** What the pipeline worker offers; every heavy step of the app runs behind it. */
export interface PipelineApi {
  previewTrace(trace: Blob, fileName: string): Promise<TracePreview>;
  ingestTrace(
    trace: Blob,
    fileName: string,
    labels: { blob: Blob; name: string } | null,
    options: CorpusOptions,
    onProgress: Progress,
  ): Promise<IngestResult>;
  generateDemoTrace(seed: number, scale: number, onProgress: Progress): Promise<DemoTrace>;
  /** `threads` > 1 runs the row kernels (neighbours, silhouettes, k-means) in that many workers when the page is cross-origin isolated. */
  analyze(input: AnalysisInput, params: AnalysisParams, threads: number, onProgress: Progress): Promise<AnalysisResult>;
  /** Louvain's modularity and cluster count for graph k = 1..maxK: many Louvain runs, so the page runs it after the results are shown. */
  modularityCurve(vectors: Float32Array, count: number, dim: number, maxK: number, seed: number, threads: number, onProgress: Progress): Promise<ModularityCurveResult>;
  projectUmap(vectors: Float32Array, count: number, dim: number, seed: number, onProgress: Progress): Promise<Float32Array>;
  activityPattern(input: ActivityInput, cluster: number): Promise<ActivityPattern>;
  nearestNeighbours(vectors: Float32Array, dim: number, vocab: string[], sender: number, count: number): Promise<Neighbour[]>;
}

export interface AnalysisInput {
  vocab: string[];
  dim: number;
  vectors: Float32Array;
  labels: SenderLabels;
  stats: SenderStats;
  log: PacketLog;
}

export interface ActivityInput {
  vocab: string[];
  log: PacketLog;
  ofSender: Int32Array;
}
