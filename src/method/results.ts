// The one result type of a DarkVec run: what the page shows, what every
// output file is written from, and what a saved session stores. Per-sender
// values are typed arrays indexed like `senders.vocab` (never an object per
// sender), so a result crosses a worker boundary by transfer.
import type { ClassificationReport, ClassMetrics } from '../analyze/classify.ts';
import type { AsnShare } from '../analyze/cluster-enrichment.ts';
import type { ClusterSummary } from '../analyze/summaries.ts';
import type { FingerprintClassSummary, LabelProblem } from '../corpus/join-labels.ts';
import type { Enrichment } from '../enrich/enrich.ts';

export type { AsnShare, ClusterSummary, ClassMetrics, Enrichment, FingerprintClassSummary, LabelProblem };

export interface SkippedRow {
  line: number;
  reason: string;
}

/** One trace of a run that read several. */
export interface InputPart {
  file: string;
  format: string;
  rows: number;
  packets: number;
  senders: number;
  /** Kept senders seen in this trace. */
  sendersKept: number;
}

export interface InputSummary {
  /** The trace's file name (no folders: the page never knows them); several traces: their names joined by " + ". */
  file: string;
  /** 'csv', 'pcap', ...: the decoder that read it ("delimited + cowrie" for several). */
  format: string;
  /** Each trace read, in order (one for a single trace). */
  inputs: InputPart[];
  /** Kept senders seen in more than one trace (two traces: in both); 0 for one trace. */
  sendersInSeveral: number;
  /** Rows and packets left out as backscatter (the dropBackscatter parameter). */
  backscatterDropped: { rows: number; packets: number };
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
  /** ZMap, Masscan, Backscatter: the same per class (the fingerprints parameter). */
  fingerprints: { enabled: boolean; classes: FingerprintClassSummary[] };
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

/** Share of each sender's packets that carry a fingerprint, 0..1; NaN throughout when the trace lacks its fields (or for a model read from a file). */
export interface FingerprintShares {
  mirai: Float32Array;
  zmap: Float32Array;
  masscan: Float32Array;
  backscatter: Float32Array;
}

export interface SenderTable {
  /** Canonical addresses; every per-sender array below is indexed like this. */
  vocab: string[];
  /** Packets per sender over the trace (NaN: unknown, for a model read from a file). */
  packets: Float64Array;
  /** Ground-truth label id per sender (index into labelNames), -1 unlabelled. */
  label: Int32Array;
  labelNames: string[];
  fingerprints: FingerprintShares;
  /**
   * From the IP databases given (src/enrich): asn (0 unknown), asName (index
   * into asNames, -1 unknown), country (index into countries, ISO alpha-2, -1
   * unknown). Null without a database.
   */
  enrichment: Enrichment | null;
  /** Several traces: bit k set when the sender appeared in input.inputs[k]; null for one trace. */
  sources: Uint8Array | null;
  /** Unix seconds of each sender's first packet; absent for a model read from a file and in sessions saved before it was kept. */
  firstSeen?: Float64Array;
}

/** The IP databases of a run and what they matched. */
export interface EnrichmentSummary {
  /** In priority order: each field of a sender comes from the first that knows it. */
  databases: { file: string; format: string; matched: number }[];
  senders: number;
  /** Senders with an AS number or a country. */
  enriched: number;
  withAsn: number;
  withCountry: number;
}

/** The k-NN report: per class, confusion matrix, and per sender the vote and the best known label (src/analyze/classify.ts). */
export type Classification = ClassificationReport;

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
  /** Null without IP databases. */
  enrichment: EnrichmentSummary | null;
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

/** The names of the traces bit mask `mask` stands for, in input order. */
export function sourceNames(inputs: readonly { file: string }[], mask: number): string[] {
  return inputs.filter((_, k) => mask & (1 << k)).map((i) => i.file);
}

export function labelOf(results: Pick<DarkVecResults, 'senders'>, sender: number): string {
  const id = results.senders.label[sender];
  return id >= 0 ? results.senders.labelNames[id] : 'unknown';
}

/** A label id of a prediction as text: a class, `unknown` (-1) or `n.a.` (-2). */
export function predictionName(labelNames: readonly string[], id: number): string {
  return id >= 0 ? labelNames[id] : id === -1 ? 'unknown' : 'n.a.';
}

/**
 * Why numbers of these results are undefined (reported as null) or empty, in
 * words: a run on one or two senders, one cluster, labels that match no one.
 */
export function resultNotes(r: DarkVecResults): string[] {
  const notes: string[] = [];
  const n = r.senders.vocab.length;
  const c = r.clustering;
  if (n < 2) notes.push(`only ${n} sender was kept: with no neighbours there is no k-NN classification, no k-NN graph (modularity undefined) and no silhouette`);
  else if (!Number.isFinite(c.modularity)) notes.push('modularity is undefined: the k-NN graph has no edges');
  if (n >= 2 && c.count < 2) notes.push(`all ${n} senders are in one cluster: silhouettes compare a sender's cluster with the nearest other one, so they are undefined (null), as is the share of clusters with a positive mean`);
  if (r.labels.file && r.labels.sendersLabelled - r.labels.mirai.labelled === 0) notes.push(`none of the ${r.labels.entries} labels in ${r.labels.file} is for a kept sender: check that the labels are for this trace`);
  if (!r.classification && n >= 2 && !r.labels.file && r.labels.mirai.labelled === 0) notes.push('no sender has a label (no labels file, no fingerprinted sender): there is no k-NN report');
  return notes;
}
