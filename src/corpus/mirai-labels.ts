// The paper's Mirai-like ground-truth class, from the traffic itself: Mirai
// sets the TCP sequence number of its scan SYNs to the destination IPv4
// address. The Mirai-only view of fingerprint-labels.ts, for the callers that
// offer just this class (the page's Mirai checkbox, `darkvec analyze --mirai`).
//
// Rules: "any" (default), at least one fingerprinted packet (a random
// sequence number matches its destination once in 2^32 packets); "majority",
// more than half of the sender's packets.
import { FINGERPRINT_LABELS, fingerprintLabels, withFingerprintLabels } from './fingerprint-labels';
import type { SenderStats } from './sender-stats';

export const MIRAI_LABEL = FINGERPRINT_LABELS.mirai;

export type MiraiRule = 'any' | 'majority';

/** Sender -> "Mirai-like" for the senders the rule selects; empty when the trace lacked sequence numbers or destinations. */
export function miraiLabels(vocab: readonly string[], stats: SenderStats, rule: MiraiRule = 'any'): Map<string, string> {
  return fingerprintLabels(vocab, stats, { classes: ['mirai'], rules: { mirai: rule } });
}

/** Adds the Mirai-like class to labels from a file; a label the file gives a sender (exactly or by prefix) wins. */
export const withMiraiLabels = withFingerprintLabels;
