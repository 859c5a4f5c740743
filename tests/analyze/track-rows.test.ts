import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../src/analyze/summaries';
import {
  addTrackProfiles,
  createTrackProfiles,
  dailyClusterRows,
  dailyEventRows,
  dailyTrackRows,
  DAILY_CLUSTERS_HEADER,
  DAILY_EVENTS_HEADER,
  DAILY_TRACKS_HEADER,
} from '../../src/analyze/track-rows';
import { createTracker, trackDay, type DayClustering } from '../../src/analyze/tracks';

const A = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'];
const B = ['10.0.1.1', '10.0.1.2'];

function day(date: string, vocab: string[], cluster: number[], angle = 0): DayClustering {
  return { date, vocab, cluster: Int32Array.from(cluster), vectors: Float32Array.from(vocab.flatMap(() => [Math.cos(angle), Math.sin(angle)])), dim: 2 };
}

function summary(cluster: number, senders: number, packets: number, ports: [string, number][], labels: [string, number][]): ClusterSummary {
  return {
    cluster, senders, packets, distinctPorts: ports.length,
    topPorts: ports.map(([service, p]) => ({ service, packets: p, packetShare: p / packets, senders, senderShare: 1 })),
    topSubnetsNarrow: [], topSubnetsWide: [],
    labels: labels.map(([name, n]) => ({ name, senders: n, share: n / senders })),
    miraiShare: null, zmapShare: null, masscanShare: null, backscatterShare: null, meanSilhouette: NaN,
    topAsns: null, topCountries: null, enrichedShare: null, sourceSenders: null,
  };
}

const d0 = day('2021-03-31', [...A, ...B, '10.0.9.9'], [0, 0, 0, 0, 1, 1, -1]);
const d1 = day('2021-04-01', [...B, ...A.slice(0, 2), ...A.slice(2)], [3, 3, 1, 1, 2, 2], Math.PI / 3);
const r0 = trackDay(createTracker(), d0);
const r1 = trackDay(r0.state, d1);

describe('daily tracking rows', () => {
  it('clusters.csv: date, ip, cluster, track for each clustered sender', () => {
    expect(DAILY_CLUSTERS_HEADER).toEqual(['date', 'ip', 'cluster', 'track']);
    const rows = [...dailyClusterRows(d0.vocab, d0.cluster, r0.day)];
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['2021-03-31', '10.0.0.1', 0, 0]);
    expect(rows[5]).toEqual(['2021-03-31', '10.0.1.2', 1, 1]);
    expect([...dailyClusterRows(d1.vocab, d1.cluster, r1.day)][0]).toEqual(['2021-04-01', '10.0.1.1', 3, 1]);
  });

  it('events.csv: one row per track with an event, related ;-separated', () => {
    expect(DAILY_EVENTS_HEADER).toEqual(['date', 'track', 'event', 'related']);
    expect([...dailyEventRows(r0.day)]).toEqual([['2021-03-31', 0, 'emerged', ''], ['2021-03-31', 1, 'emerged', '']]);
    expect([...dailyEventRows(r1.day)]).toEqual([
      ['2021-04-01', 0, 'split', '2;3'],
      ['2021-04-01', 1, 'survived', ''],
      ['2021-04-01', 2, 'split', '0'],
      ['2021-04-01', 3, 'split', '0'],
    ]);
  });

  it('tracks.csv: lifetime, size, fate, links, services, labels and drift per track', () => {
    let profiles = createTrackProfiles();
    profiles = addTrackProfiles(profiles, r0.day, [
      summary(0, 4, 100, [['23/tcp', 80], ['2323/tcp', 20]], [['Mirai-like', 3], ['unknown', 1]]),
      summary(1, 2, 10, [['443/tcp', 10]], [['__proto__', 2]]),
    ]);
    const before = structuredClone(profiles);
    profiles = addTrackProfiles(profiles, r1.day, [summary(3, 2, 30, [['443/tcp', 20], ['80/tcp', 10]], [['__proto__', 2]])]);
    expect(before.packets[1]).toBe(10);
    expect(DAILY_TRACKS_HEADER).toEqual([
      'track', 'first_date', 'last_date', 'days_active', 'peak_size', 'last_size', 'status',
      'parents', 'successors', 'absorbed', 'services', 'labels', 'drift', 'total_drift',
    ]);
    const rows = [...dailyTrackRows(r1.state, profiles)];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([0, '2021-03-31', '2021-03-31', 1, 4, 4, 'split', '', '2;3', '', '23/tcp 80%;2323/tcp 20%', 'Mirai-like 75%;unknown 25%', NaN, NaN]);
    const b = rows[1];
    expect(b.slice(0, 12)).toEqual([1, '2021-03-31', '2021-04-01', 2, 2, 2, 'active', '', '', '', '443/tcp 75%;80/tcp 25%', '__proto__ 100%']);
    // Every vector turned 60 degrees: 1 - cos 60 = 0.5, day over day and over the lifetime.
    expect(b[12]).toBeCloseTo(0.5, 6);
    expect(b[13]).toBeCloseTo(0.5, 6);
    expect(rows[2].slice(0, 9)).toEqual([2, '2021-04-01', '2021-04-01', 1, 2, 2, 'active', '0', '']);
    // Without profiles the traffic columns are empty.
    expect([...dailyTrackRows(r1.state)][1].slice(10, 12)).toEqual(['', '']);
  });

  it('refuses a summary of a cluster the day does not have', () => {
    expect(() => addTrackProfiles(createTrackProfiles(), r0.day, [summary(7, 1, 1, [], [])])).toThrow(/2021-03-31: a summary for cluster 7/);
  });
});
