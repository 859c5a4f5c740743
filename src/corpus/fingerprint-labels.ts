// Ground-truth classes from the traffic itself (fingerprints.ts): the corpus
// step counts each sender's fingerprinted packets (SenderStats); this turns
// the counts into shares (typed arrays, for columns such as clusters.csv's
// mirai_share) and into labels the k-NN report and the cluster views can use
// next to, or instead of, a labels file. A label the file gives wins.
//
// Rules, per class:
// - "any": at least one fingerprinted packet. Right for Mirai: a random
//   sequence number equals its destination once in 2^32 packets, so 10^8
//   packets give ~0.02 false senders; a bot that also sends other traffic
//   still counts.
// - "majority": more than half of the sender's packets. The default for ZMap
//   and Masscan, whose 16-bit IP ID a random one matches once in 65,536
//   packets (a big sender would collect false hits under "any"), and for
//   backscatter, since a scanner's few replies do not make it a victim.
// - a number t in [0, 1): share above t.
// A sender selected by several classes gets the one with the largest share
// (ties in the order Backscatter, ZMap, Masscan, Mirai-like: the tool
// fingerprints are exact, Mirai's "any" is loose).
import { LabelMap } from '../ingest/label-prefixes';
import type { FingerprintName } from './fingerprints';
import type { SenderStats } from './sender-stats';

export type FingerprintRule = 'any' | 'majority' | number;

export const FINGERPRINT_LABELS: Record<FingerprintName, string> = {
  mirai: 'Mirai-like',
  zmap: 'ZMap',
  masscan: 'Masscan',
  backscatter: 'Backscatter',
};

export const DEFAULT_RULES: Record<FingerprintName, FingerprintRule> = {
  mirai: 'any',
  zmap: 'majority',
  masscan: 'majority',
  backscatter: 'majority',
};

/** Precedence among equal shares. */
const ORDER: readonly FingerprintName[] = ['backscatter', 'zmap', 'masscan', 'mirai'];

/** The packets per sender and whether the trace could show the fingerprint at all. */
export function fingerprintCounts(stats: SenderStats, name: FingerprintName): { packets: Int32Array; columns: boolean } {
  switch (name) {
    case 'mirai':
      return { packets: stats.miraiPackets, columns: stats.hasMiraiColumns };
    case 'zmap':
      return { packets: stats.zmapPackets, columns: stats.hasZmapColumns };
    case 'masscan':
      return { packets: stats.masscanPackets, columns: stats.hasMasscanColumns };
    case 'backscatter':
      return { packets: stats.backscatterPackets, columns: stats.hasBackscatterColumns };
  }
}

/**
 * Share of each sender's packets that carry the fingerprint, 0..1, index =
 * token id; null when the trace lacked the fields (the column is then empty,
 * not 0: "unknown" is not "none").
 */
export function fingerprintShares(stats: SenderStats, name: FingerprintName): Float32Array | null {
  const { packets, columns } = fingerprintCounts(stats, name);
  if (!columns) return null;
  const n = stats.packets.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = stats.packets[i] > 0 ? packets[i] / stats.packets[i] : 0;
  return out;
}

function selects(rule: FingerprintRule, fingerprinted: number, packets: number): boolean {
  if (fingerprinted <= 0) return false;
  if (rule === 'any') return true;
  if (rule === 'majority') return fingerprinted * 2 > packets;
  if (!(rule >= 0 && rule < 1)) throw new Error(`a fingerprint share threshold must be in [0, 1), not ${rule}`);
  return fingerprinted > rule * packets;
}

export interface FingerprintLabelOptions {
  /** Which classes to give (default all four). */
  classes?: readonly FingerprintName[];
  /** Per-class rules; DEFAULT_RULES for the rest. */
  rules?: Partial<Record<FingerprintName, FingerprintRule>>;
}

/**
 * Class per selected sender, as token ids: Int32Array of indexes into
 * `names` (-1 = none), for typed-array consumers (colour-by, k-NN classes).
 */
export function fingerprintClasses(
  stats: SenderStats,
  options: FingerprintLabelOptions = {},
): { classOf: Int32Array; names: string[]; counts: Record<FingerprintName, number> } {
  const classes = options.classes ?? ORDER;
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const n = stats.packets.length;
  const classOf = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  const names: string[] = [];
  const counts = { mirai: 0, zmap: 0, masscan: 0, backscatter: 0 };
  for (const name of ORDER) {
    if (!classes.includes(name)) continue;
    const { packets, columns } = fingerprintCounts(stats, name);
    if (!columns) continue;
    const index = names.length;
    names.push(FINGERPRINT_LABELS[name]);
    for (let i = 0; i < n; i++) {
      if (!selects(rules[name], packets[i], stats.packets[i])) continue;
      counts[name]++;
      const share = stats.packets[i] > 0 ? packets[i] / stats.packets[i] : 0;
      // Strictly larger: earlier classes in ORDER win ties.
      if (classOf[i] < 0 || share > best[i]) {
        classOf[i] = index;
        best[i] = share;
      }
    }
  }
  return { classOf, names, counts };
}

/** Sender -> class label for the senders the rules select; classes the trace cannot show give none. */
export function fingerprintLabels(vocab: readonly string[], stats: SenderStats, options: FingerprintLabelOptions = {}): Map<string, string> {
  const { classOf, names } = fingerprintClasses(stats, options);
  const labels = new Map<string, string>();
  for (let i = 0; i < vocab.length; i++) if (classOf[i] >= 0) labels.set(vocab[i], names[classOf[i]]);
  return labels;
}

/** Adds fingerprint classes to labels from a file; a label the file gives a sender (exactly or by prefix) wins. */
export function withFingerprintLabels(fileLabels: ReadonlyMap<string, string>, fingerprints: ReadonlyMap<string, string>): Map<string, string> {
  const merged = fileLabels instanceof LabelMap ? fileLabels.clone() : new Map(fileLabels);
  for (const [ip, label] of fingerprints) if (merged.get(ip) === undefined) merged.set(ip, label);
  return merged;
}
