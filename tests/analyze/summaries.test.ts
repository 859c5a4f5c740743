import { describe, expect, it } from 'vitest';
import { activityPattern, activityPatterns, groupRows, sourceSenders, summarizeClusters } from '../../src/analyze/summaries';
import { subnetOf } from '../../src/analyze/subnets';
import type { PacketLog, SenderStats } from '../../src/corpus/sender-stats';

const vocab = ['1.2.3.4', '1.2.3.9', '1.2.7.1', '5.6.7.8', '2001:db8:1:2::1'];
const clusters = Int32Array.from([0, 0, 0, 1, 1]);
const stats: SenderStats = {
  packets: Int32Array.from([10, 5, 1, 4, 2]),
  firstSeen: new Float64Array(5), lastSeen: new Float64Array(5),
  distinctPorts: Int32Array.from([2, 1, 1, 1, 1]),
  miraiPackets: Int32Array.from([10, 0, 0, 1, 0]),
  hasMiraiColumns: true,
  zmapPackets: new Int32Array(5), hasZmapColumns: false, masscanPackets: new Int32Array(5), hasMasscanColumns: false,
  backscatterPackets: new Int32Array(5), hasBackscatterColumns: false,
};
// Rows: (ts, sender, port, proto, packets)
const rows: Array<[number, number, number, number, number]> = [
  [100, 1, 23, 6, 5], [101, 0, 23, 6, 8], [102, 0, 2323, 6, 2], [103, 2, 23, 6, 1],
  [104, 3, -1, 1, 4], [105, 4, 53, 17, 2],
];
const log: PacketLog = {
  ts: Float64Array.from(rows, (r) => r[0]), sender: Int32Array.from(rows, (r) => r[1]),
  port: Int32Array.from(rows, (r) => r[2]), proto: Uint8Array.from(rows, (r) => r[3]),
  packets: Int32Array.from(rows, (r) => r[4]), fingerprints: new Uint8Array(rows.length),
};

describe('summarizeClusters', () => {
  it('counts senders, packets, ports by packets and senders, subnets, labels, Mirai, silhouette', () => {
    const [c0, c1] = summarizeClusters({
      vocab, clusters, count: 2, stats, log,
      labels: { ids: Int32Array.from([0, -1, 0, 1, -1]), names: ['mirai', 'shodan'] },
      silhouette: Float32Array.from([0.5, 0.2, -0.1, 1, 0]),
    });
    expect(c0.senders).toBe(3);
    expect(c0.packets).toBe(16);
    expect(c0.distinctPorts).toBe(2);
    expect(c0.topPorts).toEqual([
      { service: '23/tcp', packets: 14, packetShare: 14 / 16, senders: 3, senderShare: 1 },
      { service: '2323/tcp', packets: 2, packetShare: 2 / 16, senders: 1, senderShare: 1 / 3 },
    ]);
    expect(c0.topSubnetsNarrow).toEqual([{ name: '1.2.3.0/24', senders: 2, share: 2 / 3 }, { name: '1.2.7.0/24', senders: 1, share: 1 / 3 }]);
    expect(c0.topSubnetsWide).toEqual([{ name: '1.2.0.0/16', senders: 3, share: 1 }]);
    expect(c0.labels).toEqual([{ name: 'mirai', senders: 2, share: 2 / 3 }, { name: 'unknown', senders: 1, share: 1 / 3 }]);
    expect(c0.miraiShare).toBeCloseTo(10 / 16, 12);
    expect(c0.meanSilhouette).toBeCloseTo(0.2, 6);
    expect(c1.topPorts.map((p) => p.service)).toEqual(['icmp', '53/udp']);
    expect(c1.topSubnetsNarrow.map((s) => s.name)).toEqual(['2001:db8:1::/48', '5.6.7.0/24']);
    const noMirai = summarizeClusters({ vocab, clusters, count: 2, stats: { ...stats, hasMiraiColumns: false } });
    expect(noMirai[0].miraiShare).toBeNull();
    expect(noMirai[0].labels).toEqual([{ name: 'unknown', senders: 3, share: 1 }]);
  });

  it('shares of ZMap, Masscan and backscatter packets where the trace has their fields, null where not; no enrichment yet', () => {
    const withIds = {
      ...stats, hasZmapColumns: true, zmapPackets: Int32Array.from([0, 5, 0, 0, 0]),
      hasBackscatterColumns: true, backscatterPackets: Int32Array.from([0, 0, 0, 4, 1]),
    };
    const [c0, c1] = summarizeClusters({ vocab, clusters, count: 2, stats: withIds });
    expect([c0.zmapShare, c0.masscanShare, c0.backscatterShare]).toEqual([5 / 16, null, 0]);
    expect([c1.zmapShare, c1.masscanShare, c1.backscatterShare]).toEqual([0, null, 5 / 6]);
    expect([c0.topAsns, c0.topCountries, c0.enrichedShare, c0.sourceSenders]).toEqual([null, null, null, null]);
  });

  it('sourceSenders: per cluster, the senders seen in each trace', () => {
    expect(sourceSenders(clusters, 2, Uint8Array.from([1, 3, 2, 1, 3]), 2)).toEqual([[2, 2], [2, 1]]);
  });
});

describe('activityPattern', () => {
  it('ranks senders by first appearance and thins evenly to the cap', () => {
    const a = activityPattern(0, clusters, log);
    expect(Array.from(a.ts)).toEqual([100, 101, 102, 103]);
    expect(Array.from(a.rank)).toEqual([0, 1, 1, 2]);
    expect(Array.from(a.senderOfRank)).toEqual([1, 0, 2]);
    expect(Array.from(a.packets)).toEqual([5, 8, 2, 1]);
    const both = activityPatterns(clusters, 2, log);
    expect(both[0]).toEqual(a);
    expect(Array.from(both[1].ts)).toEqual([104, 105]);
    expect(Array.from(both[1].senderOfRank)).toEqual([3, 4]);
    const thin = activityPattern(0, clusters, log, 2);
    expect(thin.rows).toBe(4);
    expect(Array.from(thin.ts)).toEqual([100, 102]);
  });
});

it('groupRows groups stably by key', () => {
  const g = groupRows(Int32Array.from([2, 0, 2, 1, 0]), 3);
  expect(Array.from(g.start)).toEqual([0, 2, 3, 5]);
  expect(Array.from(g.rows)).toEqual([1, 4, 3, 0, 2]);
});

it('subnetOf: IPv4 /24 and /16, IPv6 /48 and /32', () => {
  expect(subnetOf('192.168.10.77', 'narrow')).toBe('192.168.10.0/24');
  expect(subnetOf('192.168.10.77', 'wide')).toBe('192.168.0.0/16');
  expect(subnetOf('2001:db8::1', 'narrow')).toBe('2001:db8:0::/48');
  expect(subnetOf('2001:0db8:00ab:1::', 'wide')).toBe('2001:db8::/32');
  expect(subnetOf('not-an-ip', 'wide')).toBe('not-an-ip');
});
