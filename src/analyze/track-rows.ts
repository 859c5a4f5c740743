// The rows of the three tracking files `darkvec analyze --daily` writes in
// DIR/daily/ (columns in docs/tracking.md). Rows are arrays of strings and
// numbers for the CSV writer, which quotes fields and defuses formulas: IPs
// and label names come from the user.
import type { ClusterSummary } from './summaries';
import {
  trackAbsorbed,
  trackParents,
  trackStatusName,
  trackSuccessors,
  trackTotalDrift,
  type TrackedDay,
  type TrackerState,
} from './tracks';

export type CsvRow = (string | number)[];

export const DAILY_CLUSTERS_HEADER = ['date', 'ip', 'cluster', 'track'];

/** `date,ip,cluster,track` for each sender clustered that day, in vocabulary order. */
export function* dailyClusterRows(vocab: readonly string[], cluster: Int32Array, day: TrackedDay): Generator<CsvRow> {
  for (let i = 0; i < vocab.length; i++) {
    if (cluster[i] < 0) continue;
    yield [day.date, vocab[i], cluster[i], day.senderTracks[i]];
  }
}

export const DAILY_EVENTS_HEADER = ['date', 'track', 'event', 'related'];

/** `date,track,event,related` for each track with an event that day; related `;`-separated. */
export function* dailyEventRows(day: TrackedDay): Generator<CsvRow> {
  for (const e of day.events) yield [day.date, e.track, e.kind, e.related.join(';')];
}

/** What the tracker cannot know: each track's traffic and ground truth over its active days. */
export interface TrackProfiles {
  /** Per track (index = track id): packets, and packets of its top services, summed over its days. */
  packets: number[];
  services: [name: string, packets: number][][];
  /** Per track: sender-days, and sender-days per label (including `unknown`). */
  senderDays: number[];
  labels: [name: string, senderDays: number][][];
}

export function createTrackProfiles(): TrackProfiles {
  return { packets: [], services: [], senderDays: [], labels: [] };
}

function addCounts(into: readonly [string, number][] | undefined, add: readonly { name: string; n: number }[]): [string, number][] {
  // Pairs, not an object keyed by name: a label called "__proto__" stays a label.
  const out: [string, number][] = into ? into.map(([k, v]) => [k, v]) : [];
  for (const { name, n } of add) {
    const row = out.find((r) => r[0] === name);
    if (row) row[1] += n;
    else out.push([name, n]);
  }
  return out;
}

/**
 * Profiles extended by one day: `summaries` are that day's cluster summaries
 * (summarizeClusters), whose `cluster` is the day's cluster id. Returns a new
 * object; the given one is not changed.
 */
export function addTrackProfiles(profiles: TrackProfiles, day: TrackedDay, summaries: readonly ClusterSummary[]): TrackProfiles {
  const out: TrackProfiles = {
    packets: [...profiles.packets],
    services: [...profiles.services],
    senderDays: [...profiles.senderDays],
    labels: [...profiles.labels],
  };
  const local = new Map<number, number>();
  day.clusterIds.forEach((c, l) => local.set(c, l));
  for (const s of summaries) {
    const l = local.get(s.cluster);
    if (l === undefined) throw new Error(`${day.date}: a summary for cluster ${s.cluster}, which the day does not have`);
    const t = day.clusterTracks[l];
    out.packets[t] = (out.packets[t] ?? 0) + s.packets;
    out.services[t] = addCounts(out.services[t], s.topPorts.map((p) => ({ name: p.service, n: p.packets })));
    out.senderDays[t] = (out.senderDays[t] ?? 0) + s.senders;
    out.labels[t] = addCounts(out.labels[t], s.labels.map((x) => ({ name: x.name, n: x.senders })));
  }
  return out;
}

/** "23/tcp 82%;2323/tcp 8%": the top entries by count, ties by name. */
function mix(pairs: readonly [string, number][] | undefined, total: number | undefined, top = 3): string {
  if (!pairs || !total) return '';
  return [...pairs]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([name, n]) => `${name} ${Math.round((100 * n) / total)}%`)
    .join(';');
}

export const DAILY_TRACKS_HEADER = [
  'track', 'first_date', 'last_date', 'days_active', 'peak_size', 'last_size', 'status',
  'parents', 'successors', 'absorbed', 'services', 'labels', 'drift', 'total_drift',
];

/** One row per track, by id (columns in docs/tracking.md). */
export function* dailyTrackRows(state: TrackerState, profiles?: TrackProfiles): Generator<CsvRow> {
  const tracks = state.trackStatus.length;
  const lastSize = new Int32Array(tracks);
  const lastDrift = new Float32Array(tracks).fill(NaN);
  for (let r = 0; r < state.historyTrack.length; r++) {
    lastSize[state.historyTrack[r]] = state.historySize[r];
    lastDrift[state.historyTrack[r]] = state.historyDrift[r];
  }
  for (let t = 0; t < tracks; t++) {
    yield [
      t,
      state.dates[state.trackFirstDay[t]],
      state.dates[state.trackLastDay[t]],
      state.trackDaysActive[t],
      state.trackPeakSize[t],
      lastSize[t],
      trackStatusName(state, t),
      trackParents(state, t).join(';'),
      trackSuccessors(state, t).join(';'),
      trackAbsorbed(state, t).join(';'),
      mix(profiles?.services[t], profiles?.packets[t]),
      mix(profiles?.labels[t], profiles?.senderDays[t]),
      lastDrift[t],
      state.trackDaysActive[t] > 1 ? trackTotalDrift(state, t) : NaN,
    ];
  }
}
