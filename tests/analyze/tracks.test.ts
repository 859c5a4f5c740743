import { describe, expect, it } from 'vitest';
import {
  createTracker,
  topMovers,
  trackAbsorbed,
  trackDay,
  trackHistory,
  trackParents,
  trackStatusName,
  trackSuccessors,
  type DayClustering,
  type TrackedDay,
  type TrackerParams,
  type TrackerState,
} from '../../src/analyze/tracks';
import { decodeTyped, encodeTyped } from '../../src/method/session';

// Tiny hand-made clusterings. Senders are named by group and number (A0..A9);
// vectors are 2-d and all equal unless a test says otherwise.

const names = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

function dateOf(i: number): string {
  return new Date(Date.UTC(2021, 2, 31 + i)).toISOString().slice(0, 10);
}

/** A day from {clusterId: senders}; `vector` gives a sender's 2-d vector. */
function day(i: number, clusters: Record<number, string[]>, vector: (ip: string) => [number, number] = () => [1, 0]): DayClustering {
  const vocab: string[] = [];
  const cluster: number[] = [];
  for (const [c, ips] of Object.entries(clusters)) {
    for (const ip of ips) {
      vocab.push(ip);
      cluster.push(Number(c));
    }
  }
  return { date: dateOf(i), vocab, cluster: Int32Array.from(cluster), vectors: Float32Array.from(vocab.flatMap(vector)), dim: 2 };
}

function run(days: DayClustering[], params: Partial<TrackerParams> = {}): { state: TrackerState; out: TrackedDay[] } {
  let state = createTracker(params);
  const out: TrackedDay[] = [];
  for (const d of days) {
    const r = trackDay(state, d);
    state = r.state;
    out.push(r.day);
  }
  return { state, out };
}

/** "track kind related" per event, in track order. */
const events = (d: TrackedDay) => d.events.map((e) => `${e.track} ${e.kind}${e.related.length ? ' ' + e.related.join(';') : ''}`);
/** Track of cluster id `c` that day. */
const trackOf = (d: TrackedDay, c: number) => d.clusterTracks[[...d.clusterIds].indexOf(c)];

const A = names('A', 10);
const B = names('B', 6);
const C = names('C', 4);

describe('tracks: one-to-one', () => {
  it('on the first day every cluster emerges, tracks numbered in cluster-id order', () => {
    const { out, state } = run([day(0, { 7: A, 2: B, 5: C })]);
    expect([...out[0].clusterIds]).toEqual([2, 5, 7]);
    expect([...out[0].clusterTracks]).toEqual([0, 1, 2]);
    expect([...out[0].clusterSizes]).toEqual([6, 4, 10]);
    expect(events(out[0])).toEqual(['0 emerged', '1 emerged', '2 emerged']);
    expect(out[0].displacement.every(Number.isNaN)).toBe(true);
    expect(out[0].clusterDrift.every(Number.isNaN)).toBe(true);
    expect(trackStatusName(state, 2)).toBe('active');
  });

  it('the same groups under other cluster ids keep their tracks and survive', () => {
    const { out, state } = run([day(0, { 0: A, 1: B }), day(1, { 4: B, 9: A })]);
    expect(trackOf(out[1], 9)).toBe(0);
    expect(trackOf(out[1], 4)).toBe(1);
    expect(events(out[1])).toEqual(['0 survived', '1 survived']);
    expect(state.trackDaysActive[0]).toBe(2);
    expect(trackHistory(state, 0)).toEqual({ day: [0, 1], size: [10, 10], drift: [NaN, 0] });
  });

  it('survives at exactly the match threshold (6 of 10), not below it (5 of 10)', () => {
    // The rest of A scatters one by one into clusters of strangers.
    const scatter = (ips: string[]) => Object.fromEntries(ips.map((ip, k) => [10 + k, [ip, `X${k}`, `Y${k}`]]));
    const six = run([day(0, { 0: A }), day(1, { 3: A.slice(0, 6), ...scatter(A.slice(6)) })]).out[1];
    expect(trackOf(six, 3)).toBe(0);
    expect(six.events.find((e) => e.track === 0)!.kind).toBe('survived');

    const five = run([day(0, { 0: A }), day(1, { 3: A.slice(0, 5), ...scatter(A.slice(5)) })]).out[1];
    // One loose child is no split: A disappears and its half is a new track.
    expect(events(five).filter((e) => e.startsWith('0 '))).toEqual(['0 disappeared']);
    expect(trackOf(five, 3)).toBeGreaterThan(0);
    expect(five.events.find((e) => e.track === trackOf(five, 3))!.kind).toBe('emerged');
  });

  it('divides by the members seen today: a quiet day is no change, too quiet is no evidence', () => {
    // 4 of A's 10 senders show up, all together: OL = 4/4, and 4/10 >= the loose threshold.
    const quiet = run([day(0, { 0: A, 1: B }), day(1, { 0: B, 1: A.slice(0, 4) })]).out[1];
    expect(trackOf(quiet, 1)).toBe(0);
    expect(events(quiet)).toEqual(['0 survived', '1 survived']);
    // 2 of 10 is below the loose threshold: A is not judged on two senders.
    const tooQuiet = run([day(0, { 0: A, 1: B }), day(1, { 0: B, 1: A.slice(0, 2) })]).out[1];
    expect(events(tooQuiet)).toEqual(['0 disappeared', '1 survived', '2 emerged']);
  });

  it('unclustered senders (negative ids) count as not seen', () => {
    const d1 = day(1, { 0: A.slice(0, 2), [-1]: A.slice(2) });
    const { out } = run([day(0, { 0: A }), d1]);
    expect(events(out[1])).toEqual(['0 disappeared', '1 emerged']);
    expect([...out[1].clusterIds]).toEqual([0]);
    expect([...out[1].senderTracks].filter((t) => t === -1)).toHaveLength(8);
  });
});

describe('tracks: split', () => {
  it('two children past the loose threshold get new tracks that name the parent', () => {
    const { out, state } = run([day(0, { 0: A, 1: B }), day(1, { 0: B, 1: A.slice(0, 5), 2: A.slice(5) })]);
    expect([...out[1].clusterTracks]).toEqual([1, 2, 3]);
    expect(events(out[1])).toEqual(['0 split 2;3', '1 survived', '2 split 0', '3 split 0']);
    expect(trackStatusName(state, 0)).toBe('split');
    expect(trackSuccessors(state, 0)).toEqual([2, 3]);
    expect(trackParents(state, 3)).toEqual([0]);
    // The parent has ended: on the next day its children survive, no new split.
    const next = trackDay(state, day(2, { 0: B, 1: A.slice(0, 5), 2: A.slice(5) })).day;
    expect(events(next)).toEqual(['1 survived', '2 survived', '3 survived']);
  });

  it('a child below the loose threshold is not a child (4 / 4 / 2 of 10)', () => {
    const { out } = run([day(0, { 0: A }), day(1, { 0: A.slice(0, 4), 1: A.slice(4, 8), 2: [...A.slice(8), ...C] })]);
    expect(events(out[1])).toEqual(['0 split 1;2', '1 split 0', '2 split 0', '3 emerged']);
    expect(trackOf(out[1], 2)).toBe(3);
  });

  it('an even three-way split is a split at the loose threshold 0.3 (4 / 3 / 3)', () => {
    const { out } = run([day(0, { 0: A }), day(1, { 0: A.slice(0, 4), 1: A.slice(4, 7), 2: A.slice(7) })]);
    expect(events(out[1])).toEqual(['0 split 1;2;3', '1 split 0', '2 split 0', '3 split 0']);
    // At NovTrack's 0.35 the two threes fall below: no split.
    const strict = run([day(0, { 0: A }), day(1, { 0: A.slice(0, 4), 1: A.slice(4, 7), 2: A.slice(7) })], { looseThreshold: 0.35 });
    expect(events(strict.out[1])).toEqual(['0 disappeared', '1 emerged', '2 emerged', '3 emerged']);
  });

  it('a child that continues another track keeps that track and its own event', () => {
    // A splits in halves; one half joins all of C, so that cluster is C's match and A's child.
    const { out } = run([day(0, { 0: A, 1: C }), day(1, { 0: [...A.slice(0, 5), ...C], 1: A.slice(5) })]);
    expect(trackOf(out[1], 0)).toBe(1);
    expect(events(out[1])).toEqual(['0 split 1;2', '1 survived', '2 split 0']);
  });

  it('two tracks splitting into the same cluster make it a child of both', () => {
    const { out } = run([
      day(0, { 0: A, 1: B }),
      day(1, { 0: A.slice(0, 5), 1: B.slice(0, 3), 2: [...A.slice(5), ...B.slice(3)] }),
    ]);
    expect(trackOf(out[1], 2)).toBe(4);
    expect(events(out[1])).toEqual(['0 split 2;4', '1 split 3;4', '2 split 0', '3 split 1', '4 split 0;1']);
  });
});

describe('tracks: absorption', () => {
  it('three tracks in one cluster: it continues the one that brought most members, the others are absorbed', () => {
    const { out, state } = run([day(0, { 0: B, 1: A, 2: C }), day(1, { 5: [...C, ...A, ...B] })]);
    // A (track 1) brought 10 senders.
    expect([...out[1].clusterTracks]).toEqual([1]);
    expect(events(out[1])).toEqual(['0 absorbed 1', '1 absorbed 0;2', '2 absorbed 1']);
    expect(trackStatusName(state, 0)).toBe('absorbed');
    expect(trackStatusName(state, 1)).toBe('active');
    expect(trackAbsorbed(state, 1)).toEqual([0, 2]);
    expect(trackSuccessors(state, 2)).toEqual([1]);
    // Absorbed tracks end: when the campaign parts again (10 / 6 / 4 of its 20), it is the
    // campaign that splits, into its A and B parts; the C part is below the loose threshold.
    const next = trackDay(state, day(2, { 0: A, 1: B, 2: C })).day;
    expect(events(next)).toEqual(['1 split 3;4', '3 split 1', '4 split 1', '5 emerged']);
  });

  it('on a tie the lower track id continues', () => {
    const A5 = A.slice(0, 6);
    const { out } = run([day(0, { 0: A5, 1: B }), day(1, { 0: [...B, ...A5] })]);
    expect([...out[1].clusterTracks]).toEqual([0]);
    expect(events(out[1])).toEqual(['0 absorbed 1', '1 absorbed 0']);
  });

  it('a track back from memory can continue a cluster that absorbs an active one', () => {
    const { out } = run([day(0, { 0: A, 1: B }), day(1, { 0: B }), day(2, { 0: [...A, ...B] })]);
    expect(events(out[1])).toEqual(['0 disappeared', '1 survived']);
    expect([...out[2].clusterTracks]).toEqual([0]);
    expect(events(out[2])).toEqual(['0 reappeared 1', '1 absorbed 0']);
  });
});

describe('tracks: disappearance and memory', () => {
  it('disappears once, then stays silent in memory', () => {
    const { out } = run([day(0, { 0: A, 1: B }), day(1, { 0: B }), day(2, { 0: B })]);
    expect(events(out[1])).toEqual(['0 disappeared', '1 survived']);
    expect(events(out[2])).toEqual(['1 survived']);
  });

  it('reappears with its old id after exactly M = 15 days absent, not after 16', () => {
    const days = (absent: number) => [
      day(0, { 0: A, 1: B }),
      ...Array.from({ length: absent }, (_, k) => day(1 + k, { 0: B })),
      day(1 + absent, { 0: B, 1: A }),
    ];
    const back = run(days(15));
    const last = back.out[back.out.length - 1];
    expect(trackOf(last, 1)).toBe(0);
    expect(events(last)).toEqual(['0 reappeared', '1 survived']);
    expect(back.state.trackDaysActive[0]).toBe(2);

    const gone = run(days(16));
    const late = gone.out[gone.out.length - 1];
    expect(trackOf(late, 1)).toBe(2);
    expect(events(late)).toEqual(['1 survived', '2 emerged']);
    expect(trackStatusName(gone.state, 0)).toBe('expired');
  });

  it('M is a parameter: M = 2 keeps a track 2 absent days, not 3', () => {
    const pause = (absent: number) => [day(0, { 0: A, 1: B }), ...Array.from({ length: absent }, (_, k) => day(1 + k, { 0: B })), day(1 + absent, { 0: B, 1: A })];
    expect(events(run(pause(2), { memoryDays: 2 }).out[3])).toEqual(['0 reappeared', '1 survived']);
    expect(events(run(pause(3), { memoryDays: 2 }).out[4])).toEqual(['1 survived', '2 emerged']);
  });

  it('a sender absent more than N days is forgotten: new again, no displacement, no old membership', () => {
    const moved = (ip: string): [number, number] => (ip.startsWith('A') ? [0, 1] : [1, 0]);
    const pause = (absent: number) => [
      day(0, { 0: A, 1: B }),
      ...Array.from({ length: absent }, (_, k) => day(1 + k, { 0: B })),
      day(1 + absent, { 0: B, 1: A }, moved),
    ];
    // N = 3: absent 3 days, A's senders are still known: A reappears, each moved by 1 - cos 90° = 1.
    const kept = run(pause(3), { forgetDays: 3 });
    const k = kept.out[4];
    expect(events(k)).toEqual(['0 reappeared', '1 survived']);
    expect([...k.displacement]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(k.clusterDrift[1]).toBeCloseTo(1, 6);
    // Absent 4 days: forgotten; the track in memory has lost its members and cannot match.
    const lost = run(pause(4), { forgetDays: 3 });
    const l = lost.out[5];
    expect(events(l)).toEqual(['1 survived', '2 emerged']);
    expect([...l.displacement.subarray(6)].every(Number.isNaN)).toBe(true);
    expect(lost.state.senders).toHaveLength(16);
    // forgetDays 0 never forgets.
    expect(events(run(pause(4), { forgetDays: 0 }).out[5])).toEqual(['0 reappeared', '1 survived']);
  });
});

describe('tracks: drift, movers, state', () => {
  it('drift is 1 - cosine of the track centroids, displacement 1 - cosine per sender', () => {
    const turn = (deg: number) => (): [number, number] => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const d0 = day(0, { 0: A }, turn(0));
    const d1 = day(1, { 0: A.slice(0, 5), 1: A.slice(5) }, (ip) => (Number(ip.slice(1)) < 5 ? turn(60)() : turn(0)()));
    const { out } = run([d0, { ...d1, cluster: new Int32Array(10) }]);
    // Half the senders turned 60 degrees: their displacement is 1 - cos 60 = 0.5; the centroid turned 30.
    expect(out[1].displacement[0]).toBeCloseTo(0.5, 6);
    expect(out[1].displacement[9]).toBeCloseTo(0, 6);
    expect(out[1].clusterDrift[0]).toBeCloseTo(1 - Math.cos(Math.PI / 6), 6);
    expect([...topMovers(out[1], 3)]).toEqual([0, 1, 2]);
  });

  it('is deterministic: the order senders come in does not change a track id', () => {
    const d1 = day(1, { 0: A.slice(0, 5), 1: A.slice(5), 2: B, 3: C });
    const reversed: DayClustering = {
      ...d1,
      vocab: [...d1.vocab].reverse(),
      cluster: Int32Array.from([...d1.cluster].reverse()),
      vectors: d1.vectors.slice(),
    };
    const a = run([day(0, { 0: A, 1: B }), d1]).out[1];
    const b = run([day(0, { 0: A, 1: B }), reversed]).out[1];
    expect(a.events).toEqual(b.events);
    expect([...a.clusterTracks]).toEqual([...b.clusterTracks]);
  });

  it('the state is plain data: saved and reopened, it extends the same; the given state is not changed', () => {
    const first = run([day(0, { 0: A, 1: B }), day(1, { 0: A.slice(0, 5), 1: A.slice(5), 2: B })]).state;
    const snapshot = encodeTyped({ tracks: first });
    const reopened = (decodeTyped(snapshot) as { tracks: TrackerState }).tracks;
    const d2 = day(2, { 0: [...A, ...C], 1: B });
    const direct = trackDay(first, d2);
    const viaFile = trackDay(reopened, d2);
    expect(viaFile.day).toEqual(direct.day);
    expect(encodeTyped({ tracks: viaFile.state })).toBe(encodeTyped({ tracks: direct.state }));
    expect(encodeTyped({ tracks: first })).toBe(snapshot);
    expect(events(direct.day)).toEqual(['1 survived', '2 absorbed 3', '3 absorbed 2']);
  });

  it('refuses bad input, naming the day and the problem', () => {
    const s = run([day(1, { 0: A })]).state;
    expect(() => trackDay(s, day(1, { 0: A }))).toThrow(/2021-04-01 does not come after the last day tracked, 2021-04-01/);
    expect(() => trackDay(s, { ...day(2, { 0: A }), date: '1.4.2021' })).toThrow(/YYYY-MM-DD/);
    expect(() => trackDay(s, { ...day(2, { 0: A }), cluster: new Int32Array(3) })).toThrow(/2021-04-02: 3 cluster ids for 10 senders/);
    expect(() => trackDay(s, { ...day(2, { 0: A }), dim: 4, vectors: new Float32Array(40) })).toThrow(/dimension 4, earlier days had 2/);
    expect(() => trackDay(s, day(2, { 0: ['A1', 'A2'], 1: ['A1'] }))).toThrow(/sender A1 listed twice/);
    expect(() => createTracker({ matchThreshold: 0.5 })).toThrow(/matchThreshold/);
    expect(() => createTracker({ looseThreshold: 0.7 })).toThrow(/looseThreshold/);
  });
});
