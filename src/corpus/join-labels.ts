// Ground truth joined to the kept senders, once for the page and the CLI:
// the labels file (exact addresses and CIDR prefixes) and, when enabled, the
// traffic's fingerprint classes (fingerprint-labels.ts): Mirai-like on its own
// switch (`mirai`, the paper's class), ZMap, Masscan and Backscatter on
// `fingerprints`. A label from the file wins.
import type { LabelsReport } from '../ingest/read-labels.ts';
import { labelsFromMap, unusedLabelCount, type SenderLabels } from './sender-labels.ts';
import { FINGERPRINT_LABELS, fingerprintClasses, fingerprintCounts, withFingerprintLabels } from './fingerprint-labels.ts';
import type { FingerprintName } from './fingerprints.ts';
import type { SenderStats } from './sender-stats.ts';

export interface LabelProblem {
  line: number;
  reason: string;
}

/** One fingerprint class: whether the trace has its fields, kept senders its rule selects, and how many of them it labelled. */
export interface FingerprintClassSummary {
  name: string;
  columns: boolean;
  senders: number;
  labelled: number;
}

export interface JoinedLabels {
  labels: SenderLabels;
  /** Exact addresses and prefixes in the file (0 without one). */
  entries: number;
  sendersLabelled: number;
  /** File entries no kept sender carries. */
  notAmongKept: number;
  mirai: { enabled: boolean; columns: boolean; senders: number; labelled: number };
  /** The scanner and backscatter classes (ZMap, Masscan, Backscatter). */
  fingerprints: { enabled: boolean; classes: FingerprintClassSummary[] };
}

export interface FileLabels {
  labels: ReadonlyMap<string, string> & { readonly size: number };
  report?: LabelsReport;
}

export interface JoinOptions {
  mirai: boolean;
  /** ZMap, Masscan and Backscatter as classes too (default off). */
  fingerprints?: boolean;
}

const SCANNER_CLASSES: readonly FingerprintName[] = ['zmap', 'masscan', 'backscatter'];

export function joinLabels(vocab: readonly string[], stats: SenderStats | undefined, file: FileLabels | null, options: JoinOptions): JoinedLabels {
  const fileLabels: ReadonlyMap<string, string> = file?.labels ?? new Map<string, string>();
  let map = fileLabels;
  const fingerprintsOn = options.fingerprints ?? false;
  const mirai = { enabled: options.mirai, columns: stats?.hasMiraiColumns ?? false, senders: 0, labelled: 0 };
  const classes: FingerprintClassSummary[] = SCANNER_CLASSES.map((name) => ({
    name: FINGERPRINT_LABELS[name], columns: stats ? fingerprintCounts(stats, name).columns : false, senders: 0, labelled: 0,
  }));
  if (stats) {
    // Senders each rule selects, whether or not the class is used.
    const { counts } = fingerprintClasses(stats);
    mirai.senders = counts.mirai;
    SCANNER_CLASSES.forEach((name, i) => (classes[i].senders = counts[name]));
    const used: FingerprintName[] = [...(options.mirai ? ['mirai' as const] : []), ...(fingerprintsOn ? SCANNER_CLASSES : [])];
    if (used.length > 0) {
      // A sender selected by several classes gets the one with the largest share.
      const { classOf, names } = fingerprintClasses(stats, { classes: used });
      const fingerprinted = new Map<string, string>();
      for (let i = 0; i < vocab.length; i++) {
        if (classOf[i] < 0) continue;
        const name = names[classOf[i]];
        fingerprinted.set(vocab[i], name);
        if (fileLabels.get(vocab[i]) !== undefined) continue;
        if (name === FINGERPRINT_LABELS.mirai) mirai.labelled++;
        else classes.find((c) => c.name === name)!.labelled++;
      }
      if (fingerprinted.size > 0) map = withFingerprintLabels(fileLabels, fingerprinted);
    }
  }
  const labels = labelsFromMap(vocab, map);
  let sendersLabelled = 0;
  for (const id of labels.ids) if (id >= 0) sendersLabelled++;
  const report = file?.report;
  const entries = report ? report.labelled + report.prefixes : fileLabels.size;
  return {
    labels, entries, sendersLabelled, notAmongKept: file ? unusedLabelCount(vocab, fileLabels) : 0, mirai,
    fingerprints: { enabled: fingerprintsOn, classes },
  };
}
