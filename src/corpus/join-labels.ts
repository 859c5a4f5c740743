// Ground truth joined to the kept senders, once for the page and the CLI:
// the labels file (exact addresses and CIDR prefixes) and, when enabled, the
// Mirai fingerprint as the class Mirai-like (a label from the file wins).
import type { LabelsReport } from '../ingest/read-labels.ts';
import { labelsFromMap, unusedLabelCount, type SenderLabels } from './sender-labels.ts';
import { miraiLabels, withMiraiLabels } from './mirai-labels.ts';
import type { SenderStats } from './sender-stats.ts';

export interface LabelProblem {
  line: number;
  reason: string;
}

export interface JoinedLabels {
  labels: SenderLabels;
  /** Exact addresses and prefixes in the file (0 without one). */
  entries: number;
  sendersLabelled: number;
  /** File entries no kept sender carries. */
  notAmongKept: number;
  mirai: { enabled: boolean; columns: boolean; senders: number; labelled: number };
}

export interface FileLabels {
  labels: ReadonlyMap<string, string> & { readonly size: number };
  report?: LabelsReport;
}

export function joinLabels(vocab: readonly string[], stats: SenderStats | undefined, file: FileLabels | null, options: { mirai: boolean }): JoinedLabels {
  const fileLabels: ReadonlyMap<string, string> = file?.labels ?? new Map<string, string>();
  let map = fileLabels;
  const mirai = { enabled: options.mirai, columns: stats?.hasMiraiColumns ?? false, senders: 0, labelled: 0 };
  if (stats) {
    const fingerprinted = miraiLabels(vocab, stats);
    mirai.senders = fingerprinted.size;
    if (options.mirai && fingerprinted.size > 0) {
      for (const ip of fingerprinted.keys()) if (fileLabels.get(ip) === undefined) mirai.labelled++;
      map = withMiraiLabels(fileLabels, fingerprinted);
    }
  }
  const labels = labelsFromMap(vocab, map);
  let sendersLabelled = 0;
  for (const id of labels.ids) if (id >= 0) sendersLabelled++;
  const report = file?.report;
  const entries = report ? report.labelled + report.prefixes : fileLabels.size;
  return { labels, entries, sendersLabelled, notAmongKept: file ? unusedLabelCount(vocab, fileLabels) : 0, mirai };
}
