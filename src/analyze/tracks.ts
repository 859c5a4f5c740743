// Cluster tracks across days: which of today's clusters continue a group seen
// before, which are new, which split, merged, went away or came back.
//
// The transitions are MONIC's (Spiliopoulou et al., "MONIC: modeling and
// monitoring cluster transitions", KDD 2006), as NovTrack applies them to daily
// darknet clusterings (Huang, Gioacchini, Mellia, Vassio, 2024), with NovTrack's
// re-emergence memory: a track that disappears can come back under its old id.
// Everything is decided by member overlap, never by geometry, so it works for
// any clustering (here: k-NN graph + Louvain, whose ids mean nothing from one
// day to the next).
//
// Overlap. For a track X (its members on its last active day) and today's
// cluster Y:
//     OL(X, Y) = |X ∩ Y| / |X ∩ S|,   S = the senders clustered today.
// MONIC divides by |X|; NovTrack divides by the share of X still active, as we
// do. A darknet sender that sends too little to pass today's packet filter is
// no evidence that its group changed, only that it was quiet; dividing by |X|
// would let a quiet day look like a split or a disappearance. In exchange X is
// only judged when enough of it is there: at least `looseThreshold` of its
// members (NovTrack's "inactive" rule); otherwise it has no match today.
//
// Thresholds (defaults; see docs/tracking.md):
// - matchThreshold τ = 0.6 (NovTrack: 0.6 in its code, 0.65 in the paper;
//   MONIC's examples use 0.5-0.7). Above 0.5 a track has at most one match,
//   and 0.6 still survives a day on which Louvain moves 40% of a group's
//   members across a cluster boundary.
// - looseThreshold τ_loose = 0.3 (the NovTrack paper's τ1; its code uses 0.35).
//   At 0.3 an even three-way split (1/3 each) is seen as a split; at 0.35 it
//   would not be, and a split could have two children at most. Since
//   2 τ_loose >= τ, MONIC's other split condition (the children hold at least
//   τ of the parent together) always holds and needs no test.
// - memoryDays M = 15 (NovTrack's memory window): a track absent 1..M days
//   can reappear; absent M + 1 days it is forgotten ("expired").
// - forgetDays N = 30 (NovTrack's sender cache): a sender absent more than N
//   days is new again when it returns: no displacement, no old membership.
//
// Days are the days the tracker is fed, in order; absence is counted in them,
// so a day missing from a trace (an outage) does not make every group
// disappear and reappear.
//
// Rules, for each day (ties: higher overlap, then lower cluster id or track id):
// 1. Each candidate track X (active yesterday, or disappeared at most M days
//    ago) with enough members seen today gets its best cluster Y. If
//    OL(X, Y) >= τ, Y is X's match. Otherwise the clusters with
//    OL(X, Y) >= τ_loose are its children; two or more children make a split.
// 2. A cluster matched by one track continues it: survived, or reappeared if
//    the track was absent. A cluster matched by two or more tracks absorbs
//    them: it continues the one that brought the most members (ties: lower
//    id) and the others end as absorbed.
// 3. A cluster matched by no track starts a new track: a split child of the
//    tracks it is a child of, or emerged.
// 4. A track active yesterday that neither continues nor split disappeared;
//    it stays in memory. Tracks that split or were absorbed end for good:
//    their members live on in their successors, and letting the parent match
//    again would make its children look like a new split every day.
//
// Events, one per track and day (CSV `related`):
// - emerged: a new track, no related.
// - survived: continues, no related.
// - reappeared: continues after 1..M days absent; related = tracks it absorbed.
// - split: the parent names its children; each new child names its parent(s).
//   A child that is another track's continuation keeps that track's own event.
// - absorbed: each absorbed track names the one that continues; the continuing
//   track (unless it reappeared) names the tracks it absorbed.
// - disappeared: the first day a track active the day before has no match.
//
// Pure functions over a plain state object (typed arrays, strings, numbers):
// it can be saved in a session file and extended by a later day.

export type TrackEventKind = 'emerged' | 'survived' | 'split' | 'absorbed' | 'disappeared' | 'reappeared';

export const TRACK_STATUS = ['active', 'disappeared', 'expired', 'split', 'absorbed'] as const;
export type TrackStatus = (typeof TRACK_STATUS)[number];
const ACTIVE = 0;
const DISAPPEARED = 1;
const EXPIRED = 2;
const SPLIT = 3;
const ABSORBED = 4;

/** Link kinds in the state's link log. */
const LINK_SPLIT = 0;
const LINK_ABSORBED = 1;

export interface TrackerParams {
  /** τ: OL(X, Y) at or above this makes Y track X's match. */
  matchThreshold: number;
  /** τ_loose: a split child holds at least this share; also the share of a track that must be seen to judge it. */
  looseThreshold: number;
  /** M: a track absent for 1..M days can reappear. */
  memoryDays: number;
  /** N: a sender absent for more than N days is forgotten (0 = never). */
  forgetDays: number;
}

export const TRACKER_DEFAULTS: Readonly<TrackerParams> = { matchThreshold: 0.6, looseThreshold: 0.3, memoryDays: 15, forgetDays: 30 };

/** Everything the tracker remembers; plain data (a session stores it as is). */
export interface TrackerState {
  format: 'darkvec-tracks';
  version: 1;
  params: TrackerParams;
  /** Vector length; 0 before the first day. */
  dim: number;
  /** The days fed so far, YYYY-MM-DD; a day index is a position here. */
  dates: string[];

  /** Sender cache: one slot per remembered sender. */
  senders: string[];
  senderLastDay: Int32Array;
  /** Track on its last day seen (-1: seen but not clustered). */
  senderTrack: Int32Array;
  /** Unit vector on its last day seen, slots x dim. */
  senderVectors: Float32Array;

  /** Tracks: id = index. */
  trackFirstDay: Int32Array;
  trackLastDay: Int32Array;
  trackDaysActive: Int32Array;
  trackPeakSize: Int32Array;
  /** Index into TRACK_STATUS. */
  trackStatus: Uint8Array;
  /** Unit centroid on the last active day, tracks x dim. */
  trackCentroid: Float32Array;
  /** Unit centroid on the first active day, tracks x dim. */
  trackFirstCentroid: Float32Array;
  /** Members (sender slots) on the last active day, for the tracks that can still match: CSR. */
  memberStart: Int32Array;
  members: Int32Array;

  /** Size history, one row per track and active day, in day order. */
  historyDay: Int32Array;
  historyTrack: Int32Array;
  historySize: Int32Array;
  /** 1 - cosine between the track's centroid that day and on its previous active day; NaN on its first. */
  historyDrift: Float32Array;

  /** Split (parent -> child) and absorption (absorbed -> continuing) links, in day order. */
  linkDay: Int32Array;
  linkFrom: Int32Array;
  linkTo: Int32Array;
  /** 0 split, 1 absorbed. */
  linkKind: Uint8Array;
}

/** One day's clustering: what the tracker is fed. */
export interface DayClustering {
  /** UTC date, YYYY-MM-DD, later than every date fed before. */
  date: string;
  /** Canonical sender addresses. */
  vocab: readonly string[];
  /** Cluster id per sender; a negative id leaves the sender unclustered. */
  cluster: Int32Array;
  /** Sender vectors, vocab.length x dim (unit length or not: cosines are taken). */
  vectors: Float32Array;
  dim: number;
}

export interface TrackEvent {
  track: number;
  kind: TrackEventKind;
  /** Other tracks involved, ascending (see the rules above). */
  related: number[];
  /** The track's senders today (0 when it has no cluster today). */
  size: number;
}

/** The tracker's verdict on one day. */
export interface TrackedDay {
  date: string;
  /** Index of the day in the state's dates. */
  day: number;
  /** Today's distinct cluster ids, ascending, and per cluster its track, size and drift. */
  clusterIds: Int32Array;
  clusterTracks: Int32Array;
  clusterSizes: Int32Array;
  /** 1 - cosine between the track's centroid today and on its last active day; NaN for a new track. */
  clusterDrift: Float32Array;
  /** Track per input sender (-1 when unclustered). */
  senderTracks: Int32Array;
  /** 1 - cosine between the sender's vector today and on its last day seen; NaN when new (or forgotten). */
  displacement: Float32Array;
  /** One per track with something to say today, by track id. */
  events: TrackEvent[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An empty tracker. Throws on thresholds or windows out of range. */
export function createTracker(params: Partial<TrackerParams> = {}): TrackerState {
  const p: TrackerParams = { ...TRACKER_DEFAULTS, ...params };
  if (!(p.matchThreshold > 0.5 && p.matchThreshold <= 1)) throw new RangeError(`matchThreshold must be in (0.5, 1], got ${p.matchThreshold}`);
  if (!(p.looseThreshold > 0 && p.looseThreshold <= p.matchThreshold)) {
    throw new RangeError(`looseThreshold must be in (0, matchThreshold], got ${p.looseThreshold}`);
  }
  if (!Number.isInteger(p.memoryDays) || p.memoryDays < 0) throw new RangeError(`memoryDays must be a non-negative integer, got ${p.memoryDays}`);
  if (!Number.isInteger(p.forgetDays) || p.forgetDays < 0) throw new RangeError(`forgetDays must be a non-negative integer (0 = never), got ${p.forgetDays}`);
  return {
    format: 'darkvec-tracks',
    version: 1,
    params: p,
    dim: 0,
    dates: [],
    senders: [],
    senderLastDay: new Int32Array(0),
    senderTrack: new Int32Array(0),
    senderVectors: new Float32Array(0),
    trackFirstDay: new Int32Array(0),
    trackLastDay: new Int32Array(0),
    trackDaysActive: new Int32Array(0),
    trackPeakSize: new Int32Array(0),
    trackStatus: new Uint8Array(0),
    trackCentroid: new Float32Array(0),
    trackFirstCentroid: new Float32Array(0),
    memberStart: new Int32Array(1),
    members: new Int32Array(0),
    historyDay: new Int32Array(0),
    historyTrack: new Int32Array(0),
    historySize: new Int32Array(0),
    historyDrift: new Float32Array(0),
    linkDay: new Int32Array(0),
    linkFrom: new Int32Array(0),
    linkTo: new Int32Array(0),
    linkKind: new Uint8Array(0),
  };
}

function checkInput(state: TrackerState, input: DayClustering): void {
  const { date, vocab, cluster, vectors, dim } = input;
  if (state.format !== 'darkvec-tracks' || state.version !== 1) throw new Error('not a version-1 tracker state');
  if (!DATE.test(date)) throw new Error(`date must be YYYY-MM-DD, got "${date}"`);
  const last = state.dates[state.dates.length - 1];
  if (last !== undefined && !(date > last)) throw new Error(`day ${date} does not come after the last day tracked, ${last}`);
  if (cluster.length !== vocab.length) throw new Error(`${date}: ${cluster.length} cluster ids for ${vocab.length} senders`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${date}: dim must be a positive integer, got ${dim}`);
  if (state.dim !== 0 && dim !== state.dim) throw new Error(`${date}: vectors of dimension ${dim}, earlier days had ${state.dim}`);
  if (vectors.length !== vocab.length * dim) throw new Error(`${date}: ${vectors.length} vector values for ${vocab.length} senders x ${dim}`);
}

/** Cosine of two rows (0 when either is zero). */
function cosine(a: Float32Array, ai: number, b: Float32Array, bi: number, dim: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < dim; d++) {
    const x = a[ai + d];
    const y = b[bi + d];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

function concat<T extends Int32Array | Uint8Array | Float32Array>(a: T, b: ArrayLike<number>): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Tracks one more day. Returns the extended state (the given one is not
 * changed) and the day's verdict.
 */
export function trackDay(state: TrackerState, input: DayClustering): { state: TrackerState; day: TrackedDay } {
  checkInput(state, input);
  const { params } = state;
  const { vocab, cluster, vectors, dim } = input;
  const today = state.dates.length;
  const n = vocab.length;

  // --- 1. Forget senders absent more than N days; renumber the slots.
  const oldSlots = state.senders.length;
  const slotMap = new Int32Array(oldSlots);
  let kept = 0;
  for (let s = 0; s < oldSlots; s++) {
    const absent = today - state.senderLastDay[s] - 1;
    slotMap[s] = params.forgetDays === 0 || absent <= params.forgetDays ? kept++ : -1;
  }
  const oldSlotOf = new Int32Array(kept);
  const senders: string[] = [];
  const lastDay: number[] = [];
  const lastTrack: number[] = [];
  const slotOf = new Map<string, number>();
  for (let s = 0; s < oldSlots; s++) {
    if (slotMap[s] < 0) continue;
    oldSlotOf[senders.length] = s;
    slotOf.set(state.senders[s], senders.length);
    senders.push(state.senders[s]);
    lastDay.push(state.senderLastDay[s]);
    lastTrack.push(state.senderTrack[s]);
  }

  // --- 2. Today's senders: slots (new ones appended), displacement.
  const slotOfSender = new Int32Array(n);
  const displacement = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const ip = vocab[i];
    let s = slotOf.get(ip);
    if (s === undefined) {
      s = senders.length;
      slotOf.set(ip, s);
      senders.push(ip);
      lastDay.push(-1);
      lastTrack.push(-1);
      displacement[i] = NaN;
    } else {
      if (lastDay[s] === today) throw new Error(`${input.date}: sender ${ip} listed twice`);
      // The vector of its last day still sits at the old slot in the state.
      displacement[i] = 1 - cosine(vectors, i * dim, state.senderVectors, oldSlotOf[s] * dim, dim);
    }
    lastDay[s] = today;
    slotOfSender[i] = s;
  }
  const slots = senders.length;

  // --- 3. Today's clusters: dense local indices in id order, members by slot.
  const ids = [...new Set(Array.from(cluster).filter((c) => c >= 0))].sort((a, b) => a - b);
  const localOf = new Map<number, number>(ids.map((c, i) => [c, i]));
  const C = ids.length;
  const clusterOfSlot = new Int32Array(slots).fill(-1);
  const sizes = new Int32Array(C);
  for (let i = 0; i < n; i++) {
    const c = cluster[i];
    if (c < 0) continue;
    const l = localOf.get(c)!;
    clusterOfSlot[slotOfSender[i]] = l;
    sizes[l]++;
  }

  // --- 4. Candidate tracks and their overlaps.
  const T0 = state.trackStatus.length;
  const status = Uint8Array.from(state.trackStatus);
  const matchOf = new Int32Array(T0).fill(-1);
  const contribution = new Int32Array(T0);
  const childrenOf: number[][] = Array.from({ length: T0 }, () => []);
  const counts = new Int32Array(C);
  const touched: number[] = [];
  for (let t = 0; t < T0; t++) {
    if (status[t] === DISAPPEARED && today - state.trackLastDay[t] - 1 > params.memoryDays) {
      status[t] = EXPIRED;
      continue;
    }
    if (status[t] !== ACTIVE && status[t] !== DISAPPEARED) continue;
    const lo = state.memberStart[t];
    const hi = state.memberStart[t + 1];
    let remembered = 0;
    let seen = 0;
    touched.length = 0;
    for (let m = lo; m < hi; m++) {
      const s = slotMap[state.members[m]];
      if (s < 0) continue;
      remembered++;
      const l = clusterOfSlot[s];
      if (l < 0) continue;
      seen++;
      if (counts[l]++ === 0) touched.push(l);
    }
    if (seen > 0 && seen / remembered >= params.looseThreshold) {
      touched.sort((a, b) => a - b);
      let best = -1;
      for (const l of touched) if (best < 0 || counts[l] > counts[best]) best = l;
      if (counts[best] / seen >= params.matchThreshold) {
        matchOf[t] = best;
        contribution[t] = counts[best];
      } else {
        for (const l of touched) if (counts[l] / seen >= params.looseThreshold) childrenOf[t].push(l);
        if (childrenOf[t].length < 2) childrenOf[t] = [];
      }
    }
    for (const l of touched) counts[l] = 0;
  }

  // --- 5. Resolve today's clusters.
  const matchers: number[][] = Array.from({ length: C }, () => []);
  const parentsOf: number[][] = Array.from({ length: C }, () => []);
  for (let t = 0; t < T0; t++) {
    if (matchOf[t] >= 0) matchers[matchOf[t]].push(t);
    for (const l of childrenOf[t]) parentsOf[l].push(t);
  }
  const clusterTracks = new Int32Array(C);
  const absorbedBy = new Map<number, number>();
  const absorbs = new Map<number, number[]>();
  let nextTrack = T0;
  for (let l = 0; l < C; l++) {
    const ms = matchers[l];
    if (ms.length === 0) {
      clusterTracks[l] = nextTrack++;
      continue;
    }
    let keep = ms[0];
    for (const t of ms) if (contribution[t] > contribution[keep]) keep = t;
    clusterTracks[l] = keep;
    const others = ms.filter((t) => t !== keep);
    if (others.length > 0) absorbs.set(keep, others);
    for (const t of others) absorbedBy.set(t, keep);
  }

  // --- 6. Centroids and drift.
  const T1 = nextTrack;
  const centroid = new Float32Array(T1 * dim);
  centroid.set(state.trackCentroid);
  const firstCentroid = new Float32Array(T1 * dim);
  firstCentroid.set(state.trackFirstCentroid);
  const sum = new Float64Array(C * dim);
  for (let i = 0; i < n; i++) {
    const c = cluster[i];
    if (c < 0) continue;
    const l = localOf.get(c)!;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += vectors[i * dim + d] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) sum[l * dim + d] += vectors[i * dim + d] * inv;
  }
  const todayCentroid = new Float32Array(C * dim);
  for (let l = 0; l < C; l++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sum[l * dim + d] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) todayCentroid[l * dim + d] = sum[l * dim + d] * inv;
  }
  const clusterDrift = new Float32Array(C);
  for (let l = 0; l < C; l++) {
    const t = clusterTracks[l];
    clusterDrift[l] = t < T0 ? 1 - cosine(todayCentroid, l * dim, state.trackCentroid, t * dim, dim) : NaN;
    centroid.set(todayCentroid.subarray(l * dim, (l + 1) * dim), t * dim);
    if (t >= T0) firstCentroid.set(todayCentroid.subarray(l * dim, (l + 1) * dim), t * dim);
  }

  // --- 7. Track records and events.
  const firstDay = concat(state.trackFirstDay, new Int32Array(T1 - T0).fill(today));
  const lastDayOfTrack = concat(state.trackLastDay, new Int32Array(T1 - T0).fill(today));
  const daysActive = concat(state.trackDaysActive, new Int32Array(T1 - T0));
  const peak = concat(state.trackPeakSize, new Int32Array(T1 - T0));
  const trackStatus = concat(status, new Uint8Array(T1 - T0));
  const events: TrackEvent[] = [];
  const links: [number, number, number][] = [];
  const childTracks = (t: number) => [...new Set(childrenOf[t].map((l) => clusterTracks[l]))].sort((a, b) => a - b);
  for (let l = 0; l < C; l++) {
    const t = clusterTracks[l];
    const size = sizes[l];
    if (t >= T0) {
      const parents = parentsOf[l];
      events.push(parents.length > 0 ? { track: t, kind: 'split', related: [...parents], size } : { track: t, kind: 'emerged', related: [], size });
    } else {
      const absent = today - state.trackLastDay[t] - 1;
      const took = absorbs.get(t) ?? [];
      const kind: TrackEventKind = absent > 0 ? 'reappeared' : took.length > 0 ? 'absorbed' : 'survived';
      events.push({ track: t, kind, related: [...took].sort((a, b) => a - b), size });
    }
    trackStatus[t] = ACTIVE;
    lastDayOfTrack[t] = today;
    daysActive[t]++;
    if (size > peak[t]) peak[t] = size;
  }
  for (let t = 0; t < T0; t++) {
    if (status[t] !== ACTIVE && status[t] !== DISAPPEARED) continue;
    const by = absorbedBy.get(t);
    if (by !== undefined) {
      trackStatus[t] = ABSORBED;
      events.push({ track: t, kind: 'absorbed', related: [by], size: 0 });
      links.push([t, by, LINK_ABSORBED]);
    } else if (childrenOf[t].length > 0 && matchOf[t] < 0) {
      trackStatus[t] = SPLIT;
      const children = childTracks(t);
      events.push({ track: t, kind: 'split', related: children, size: 0 });
      for (const c of children) links.push([t, c, LINK_SPLIT]);
    } else if (matchOf[t] < 0 && status[t] === ACTIVE) {
      trackStatus[t] = DISAPPEARED;
      events.push({ track: t, kind: 'disappeared', related: [], size: 0 });
    }
  }
  events.sort((a, b) => a.track - b.track);

  // --- 8. Members of every track that can still match; the sender cache.
  const memberLists: number[][] = Array.from({ length: T1 }, () => []);
  for (let t = 0; t < T0; t++) {
    if (trackStatus[t] !== DISAPPEARED) continue;
    for (let m = state.memberStart[t]; m < state.memberStart[t + 1]; m++) {
      const s = slotMap[state.members[m]];
      if (s >= 0) memberLists[t].push(s);
    }
  }
  for (let i = 0; i < n; i++) {
    const c = cluster[i];
    const s = slotOfSender[i];
    if (c < 0) {
      lastTrack[s] = -1;
      continue;
    }
    const t = clusterTracks[localOf.get(c)!];
    lastTrack[s] = t;
    memberLists[t].push(s);
  }
  const memberStart = new Int32Array(T1 + 1);
  for (let t = 0; t < T1; t++) memberStart[t + 1] = memberStart[t] + memberLists[t].length;
  const members = new Int32Array(memberStart[T1]);
  for (let t = 0; t < T1; t++) members.set(memberLists[t], memberStart[t]);

  const senderVectors = new Float32Array(slots * dim);
  for (let o = 0; o < oldSlots; o++) {
    const s = slotMap[o];
    if (s >= 0) senderVectors.set(state.senderVectors.subarray(o * dim, (o + 1) * dim), s * dim);
  }
  for (let i = 0; i < n; i++) senderVectors.set(vectors.subarray(i * dim, (i + 1) * dim), slotOfSender[i] * dim);

  const senderTracks = new Int32Array(n);
  for (let i = 0; i < n; i++) senderTracks[i] = cluster[i] < 0 ? -1 : clusterTracks[localOf.get(cluster[i])!];

  const order = Array.from({ length: C }, (_, l) => l).sort((a, b) => clusterTracks[a] - clusterTracks[b]);
  const next: TrackerState = {
    ...state,
    dim,
    dates: [...state.dates, input.date],
    senders,
    senderLastDay: Int32Array.from(lastDay),
    senderTrack: Int32Array.from(lastTrack),
    senderVectors,
    trackFirstDay: firstDay,
    trackLastDay: lastDayOfTrack,
    trackDaysActive: daysActive,
    trackPeakSize: peak,
    trackStatus,
    trackCentroid: centroid,
    trackFirstCentroid: firstCentroid,
    memberStart,
    members,
    historyDay: concat(state.historyDay, new Int32Array(C).fill(today)),
    historyTrack: concat(state.historyTrack, order.map((l) => clusterTracks[l])),
    historySize: concat(state.historySize, order.map((l) => sizes[l])),
    historyDrift: concat(state.historyDrift, order.map((l) => clusterDrift[l])),
    linkDay: concat(state.linkDay, new Int32Array(links.length).fill(today)),
    linkFrom: concat(state.linkFrom, links.map((k) => k[0])),
    linkTo: concat(state.linkTo, links.map((k) => k[1])),
    linkKind: concat(state.linkKind, links.map((k) => k[2])),
  };
  return {
    state: next,
    day: {
      date: input.date,
      day: today,
      clusterIds: Int32Array.from(ids),
      clusterTracks,
      clusterSizes: sizes,
      clusterDrift,
      senderTracks,
      displacement,
      events,
    },
  };
}

/** Tracks that split into `track` (its parents), ascending. */
export function trackParents(state: TrackerState, track: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < state.linkTo.length; k++) if (state.linkKind[k] === LINK_SPLIT && state.linkTo[k] === track) out.push(state.linkFrom[k]);
  return out.sort((a, b) => a - b);
}

/** Where `track` went when it ended: its split children, or the track that absorbed it. */
export function trackSuccessors(state: TrackerState, track: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < state.linkFrom.length; k++) if (state.linkFrom[k] === track) out.push(state.linkTo[k]);
  return out.sort((a, b) => a - b);
}

/** The tracks `track` absorbed, ascending. */
export function trackAbsorbed(state: TrackerState, track: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < state.linkTo.length; k++) if (state.linkKind[k] === LINK_ABSORBED && state.linkTo[k] === track) out.push(state.linkFrom[k]);
  return out.sort((a, b) => a - b);
}

export function trackStatusName(state: TrackerState, track: number): TrackStatus {
  return TRACK_STATUS[state.trackStatus[track]];
}

/** Size and drift of `track` on each of its active days. */
export function trackHistory(state: TrackerState, track: number): { day: number[]; size: number[]; drift: number[] } {
  const out = { day: [] as number[], size: [] as number[], drift: [] as number[] };
  for (let r = 0; r < state.historyTrack.length; r++) {
    if (state.historyTrack[r] !== track) continue;
    out.day.push(state.historyDay[r]);
    out.size.push(state.historySize[r]);
    out.drift.push(state.historyDrift[r]);
  }
  return out;
}

/** 1 - cosine between the track's centroids on its first and last active days. */
export function trackTotalDrift(state: TrackerState, track: number): number {
  const d = state.dim;
  return 1 - cosine(state.trackCentroid, track * d, state.trackFirstCentroid, track * d, d);
}

/** The `count` senders of a day that moved most (displacement descending, ties by index); new senders never. */
export function topMovers(day: TrackedDay, count: number): Int32Array {
  const idx: number[] = [];
  day.displacement.forEach((v, i) => {
    if (!Number.isNaN(v)) idx.push(i);
  });
  idx.sort((a, b) => day.displacement[b] - day.displacement[a] || a - b);
  return Int32Array.from(idx.slice(0, count));
}
