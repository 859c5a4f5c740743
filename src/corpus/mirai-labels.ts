// The paper's Mirai-like ground-truth class, from the traffic itself: Mirai
// sets the TCP sequence number of its scan SYNs to the destination IPv4
// address. The corpus step counts such packets per sender
// (SenderStats.miraiPackets); this turns the counts into labels the k-NN
// report and the cluster views can use next to (or instead of) a labels file.
//
// Rules:
// - "any" (default): at least one fingerprinted packet. A random sequence
//   number matches its destination with probability 2^-32, so even 10^8 packets
//   give ~0.02 false senders by chance; a bot that also sends other traffic
//   still counts.
// - "majority": more than half of the sender's packets are fingerprinted.
import { LabelMap } from '../ingest/label-prefixes';
import type { SenderStats } from './sender-stats';

export const MIRAI_LABEL = 'Mirai-like';

export type MiraiRule = 'any' | 'majority';

/** Sender -> "Mirai-like" for the senders the rule selects; empty when the trace lacked sequence numbers or destinations. */
export function miraiLabels(vocab: readonly string[], stats: SenderStats, rule: MiraiRule = 'any'): Map<string, string> {
  const labels = new Map<string, string>();
  if (!stats.hasMiraiColumns) return labels;
  for (let i = 0; i < vocab.length; i++) {
    const fingerprinted = stats.miraiPackets[i];
    const selected = rule === 'any' ? fingerprinted > 0 : fingerprinted * 2 > stats.packets[i];
    if (selected) labels.set(vocab[i], MIRAI_LABEL);
  }
  return labels;
}

/** Adds the Mirai-like class to labels from a file; a label the file gives a sender (exactly or by prefix) wins. */
export function withMiraiLabels(fileLabels: ReadonlyMap<string, string>, mirai: ReadonlyMap<string, string>): Map<string, string> {
  const merged = fileLabels instanceof LabelMap ? fileLabels.clone() : new Map(fileLabels);
  for (const [ip, label] of mirai) if (merged.get(ip) === undefined) merged.set(ip, label);
  return merged;
}
