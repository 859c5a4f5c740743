// What the analyst reads about each cluster (the paper's cluster inspection):
// size, traffic, ports, subnets, ground-truth mix, Mirai share, silhouette,
// and the activity pattern (time x sender, one mark per packet row).
import type { PacketLog, SenderStats } from '../corpus/sender-stats';
import { labelName, UNKNOWN, type SenderLabels } from '../corpus/sender-labels';
import { subnetOf } from './subnets';
import type { AsnShare } from './cluster-enrichment';

export interface PortShare {
  /** `23/tcp`, `53/udp`, `icmp`. */
  service: string;
  packets: number;
  packetShare: number;
  senders: number;
  senderShare: number;
}

export interface Share {
  name: string;
  senders: number;
  share: number;
}

export interface ClusterSummary {
  cluster: number;
  senders: number;
  packets: number;
  distinctPorts: number;
  topPorts: PortShare[];
  /** IPv4 /24 (IPv6 /48), by senders. */
  topSubnetsNarrow: Share[];
  /** IPv4 /16 (IPv6 /32), by senders. */
  topSubnetsWide: Share[];
  /** Ground-truth classes (and `unknown`) by senders, most first. */
  labels: Share[];
  /** Share of packets with the Mirai fingerprint; null when the trace lacks the columns. */
  miraiShare: number | null;
  /** The same for ZMap's IP ID, Masscan's and replies (backscatter). */
  zmapShare: number | null;
  masscanShare: number | null;
  backscatterShare: number | null;
  meanSilhouette: number;
  /** From the IP databases (cluster-enrichment.ts); null without one. */
  topAsns: AsnShare[] | null;
  topCountries: Share[] | null;
  enrichedShare: number | null;
  /** Several traces: senders seen in each (index = input); null for one trace. */
  sourceSenders: number[] | null;
}

export interface SummaryInput {
  vocab: readonly string[];
  clusters: Int32Array;
  count: number;
  stats?: SenderStats;
  log?: PacketLog;
  labels?: SenderLabels;
  silhouette?: Float32Array;
}

export interface SummaryOptions {
  topPorts?: number;
  topSubnets?: number;
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

export function serviceName(port: number, proto: number): string {
  const p = PROTOCOLS[proto] ?? `proto ${proto}`;
  return port < 0 ? p : `${port}/${p}`;
}

export function summarizeClusters(input: SummaryInput, options: SummaryOptions = {}): ClusterSummary[] {
  const { vocab, clusters, count, stats, log, labels, silhouette } = input;
  const n = vocab.length;
  const topPorts = options.topPorts ?? 5;
  const topSubnets = options.topSubnets ?? 5;
  const senders = new Int32Array(count);
  const packets = new Float64Array(count);
  const mirai = new Float64Array(count);
  const zmap = new Float64Array(count);
  const masscan = new Float64Array(count);
  const backscatter = new Float64Array(count);
  const silSum = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = clusters[i];
    senders[c]++;
    if (stats) {
      packets[c] += stats.packets[i];
      mirai[c] += stats.miraiPackets[i];
      zmap[c] += stats.zmapPackets[i];
      masscan[c] += stats.masscanPackets[i];
      backscatter[c] += stats.backscatterPackets[i];
    }
    if (silhouette) silSum[c] += silhouette[i];
  }
  const shareOf = (columns: boolean | undefined, fingerprinted: Float64Array, c: number) => (columns ? (packets[c] > 0 ? fingerprinted[c] / packets[c] : 0) : null);
  // Ports from the packet log, sender by sender so a sender counts once per port.
  const portPackets = Array.from({ length: count }, () => new Map<number, number>());
  const portSenders = Array.from({ length: count }, () => new Map<number, number>());
  const logPackets = new Float64Array(count);
  if (log) {
    const rowsBySender = groupRows(log.sender, n);
    const mine = new Set<number>();
    for (let s = 0; s < n; s++) {
      const c = clusters[s];
      mine.clear();
      for (let r = rowsBySender.start[s]; r < rowsBySender.start[s + 1]; r++) {
        const row = rowsBySender.rows[r];
        const code = (log.port[row] + 1) * 256 + log.proto[row];
        const w = log.packets[row];
        logPackets[c] += w;
        portPackets[c].set(code, (portPackets[c].get(code) ?? 0) + w);
        mine.add(code);
      }
      for (const code of mine) portSenders[c].set(code, (portSenders[c].get(code) ?? 0) + 1);
    }
  }
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) members[clusters[i]].push(i);
  const labelMix = clusterLabelMix(clusters, count, labels);
  const summaries: ClusterSummary[] = [];
  for (let c = 0; c < count; c++) {
    const size = senders[c];
    const clusterPackets = stats ? packets[c] : logPackets[c];
    const ports = [...portPackets[c].entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, topPorts);
    const narrow = new Map<string, number>();
    const wide = new Map<string, number>();
    for (const i of members[c]) {
      const a = subnetOf(vocab[i], 'narrow'), b = subnetOf(vocab[i], 'wide');
      narrow.set(a, (narrow.get(a) ?? 0) + 1);
      wide.set(b, (wide.get(b) ?? 0) + 1);
    }
    summaries.push({
      cluster: c,
      senders: size,
      packets: clusterPackets,
      distinctPorts: portPackets[c].size,
      topPorts: ports.map(([code, p]) => ({
        service: serviceName(Math.floor(code / 256) - 1, code % 256),
        packets: p,
        packetShare: logPackets[c] > 0 ? p / logPackets[c] : 0,
        senders: portSenders[c].get(code) ?? 0,
        senderShare: size > 0 ? (portSenders[c].get(code) ?? 0) / size : 0,
      })),
      topSubnetsNarrow: topShares(narrow, size, topSubnets),
      topSubnetsWide: topShares(wide, size, topSubnets),
      labels: labelMix[c],
      miraiShare: shareOf(stats?.hasMiraiColumns, mirai, c),
      zmapShare: shareOf(stats?.hasZmapColumns, zmap, c),
      masscanShare: shareOf(stats?.hasMasscanColumns, masscan, c),
      backscatterShare: shareOf(stats?.hasBackscatterColumns, backscatter, c),
      meanSilhouette: silhouette && size > 0 ? silSum[c] / size : NaN,
      topAsns: null,
      topCountries: null,
      enrichedShare: null,
      sourceSenders: null,
    });
  }
  return summaries;
}

/** Per cluster, its ground-truth classes (and `unknown`) by senders, most first: the one part of a summary that depends on the labels. */
export function clusterLabelMix(clusters: Int32Array, count: number, labels?: SenderLabels): Share[][] {
  const counts = Array.from({ length: count }, () => new Map<string, number>());
  const sizes = new Int32Array(count);
  const none = { ids: new Int32Array(0), names: [] };
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    const name = labelName(labels ?? none, labels ? labels.ids[i] : UNKNOWN);
    counts[c].set(name, (counts[c].get(name) ?? 0) + 1);
    sizes[c]++;
  }
  return counts.map((m, c) => topShares(m, sizes[c], Infinity));
}

/** Per cluster, senders seen in each of `inputs` traces (bit k of `sources` = input k). */
export function sourceSenders(clusters: Int32Array, count: number, sources: Uint8Array, inputs: number): number[][] {
  const out = Array.from({ length: count }, () => new Array<number>(inputs).fill(0));
  for (let i = 0; i < clusters.length; i++) {
    for (let k = 0; k < inputs; k++) if (sources[i] & (1 << k)) out[clusters[i]][k]++;
  }
  return out;
}

function topShares(counts: Map<string, number>, total: number, top: number): Share[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([name, senders]) => ({ name, senders, share: total > 0 ? senders / total : 0 }));
}

/** Row indices grouped by key (counting sort, stable): rows[start[k] .. start[k+1]). */
export function groupRows(keys: Int32Array, keyCount: number): { rows: Int32Array; start: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (let r = 0; r < keys.length; r++) start[keys[r] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const fill = start.slice(0, keyCount);
  const rows = new Int32Array(keys.length);
  for (let r = 0; r < keys.length; r++) rows[fill[keys[r]]++] = r;
  return { rows, start };
}

export interface ActivityPattern {
  cluster: number;
  /** Unix seconds per mark. */
  ts: Float64Array;
  /** Sender rank per mark: 0 = the cluster's first sender to appear. */
  rank: Int32Array;
  /** Sender id (token id) of each rank. */
  senderOfRank: Int32Array;
  /** Packets each mark stands for (a decimated log row stands for several). */
  packets: Int32Array;
  /** Log rows of the cluster before thinning. */
  rows: number;
}

/**
 * The activity-pattern plot of one cluster: every log row of its senders, in
 * time order, thinned evenly to at most `cap` marks (a browser draws 20 k fast).
 */
export function activityPattern(cluster: number, clusters: Int32Array, log: PacketLog, cap = 20_000): ActivityPattern {
  const rowsOfCluster: number[] = [];
  for (let r = 0; r < log.sender.length; r++) if (clusters[log.sender[r]] === cluster) rowsOfCluster.push(r);
  return patternOfRows(cluster, rowsOfCluster, log, cap);
}

/** Every cluster's activity pattern in one pass over the log. */
export function activityPatterns(clusters: Int32Array, count: number, log: PacketLog, cap = 20_000): ActivityPattern[] {
  const clusterOfRow = Int32Array.from(log.sender, (s) => clusters[s]);
  const { rows, start } = groupRows(clusterOfRow, count);
  return Array.from({ length: count }, (_, c) => patternOfRows(c, rows.subarray(start[c], start[c + 1]), log, cap));
}

function patternOfRows(cluster: number, rowsOfCluster: ArrayLike<number>, log: PacketLog, cap: number): ActivityPattern {  const rankOf = new Map<number, number>();
  const senderOfRank: number[] = [];
  for (let m = 0; m < rowsOfCluster.length; m++) {
    const s = log.sender[rowsOfCluster[m]];
    if (!rankOf.has(s)) { rankOf.set(s, senderOfRank.length); senderOfRank.push(s); }
  }
  const total = rowsOfCluster.length;
  const keep = Math.min(cap, total);
  const ts = new Float64Array(keep);
  const rank = new Int32Array(keep);
  const packets = new Int32Array(keep);
  for (let m = 0; m < keep; m++) {
    const r = rowsOfCluster[keep === total ? m : Math.floor((m * total) / keep)];
    ts[m] = log.ts[r];
    rank[m] = rankOf.get(log.sender[r])!;
    packets[m] = log.packets[r];
  }
  return { cluster, ts, rank, senderOfRank: Int32Array.from(senderOfRank), packets, rows: total };
}
