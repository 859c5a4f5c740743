// What the result views read: the senders and everything computed about them.
import type { AnalysisResult, SenderLabels } from '../workers/pipeline-types.ts';

export interface ResultsData {
  vocab: string[];
  packets: Int32Array;
  labels: SenderLabels;
  analysis: AnalysisResult;
}

export function labelOf(data: ResultsData, sender: number): string {
  const l = data.labels.ofSender[sender];
  return l >= 0 ? data.labels.names[l] : 'unknown';
}
