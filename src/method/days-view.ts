// What the page's Days view shows of a day series, built in the worker as
// small plain data: per-day counts, every track's bands and links for the
// timeline, the novelty inbox of the last day (emerged and reappeared tracks
// first, with what they do and who they are), the senders that moved most,
// and the changes of every track (for the watch list).
import { topMovers, trackStatusName, type TrackEventKind, type TrackStatus } from '../analyze/tracks.ts';
import type { ClusterSummary } from '../analyze/summaries.ts';
import type { DayReport, DaySeries } from './daily.ts';

export interface TimelineNode {
  day: number;
  track: number;
  size: number;
}

export interface TimelineLink {
  /** Indices into nodes. */
  from: number;
  to: number;
  /** Senders carried (the target's size for continuations; the child's for splits). */
  value: number;
  kind: 'continues' | 'split' | 'absorbed' | 'reappeared';
}

export interface InboxItem {
  track: number;
  event: TrackEventKind;
  related: number[];
  /** Today's cluster of the track (the Results views show today). */
  cluster: number;
  size: number;
  /** 1 - cosine of its centroid against its last active day; null for a new track. */
  drift: number | null;
  summary: ClusterSummary;
}

export interface TrackChange {
  date: string;
  track: number;
  event: TrackEventKind;
  related: number[];
  /** The event ended the track: it split into `related`, or `related` took it in. */
  ended: boolean;
}

/**
 * The tracks an event names, in words. A split and an absorption read both
 * ways: a new track that split off from older ones, or an older track that
 * split into new ones; a track that took others in, or one that was taken in.
 * Empty when the event names no other track.
 */
export function relatedPhrase(event: TrackEventKind, related: readonly number[], ended: boolean): string {
  if (related.length === 0) return '';
  const tracks = `track${related.length > 1 ? 's' : ''} ${related.join(', ')}`;
  if (event === 'split') return ended ? `split into ${tracks}` : `split off from ${tracks}`;
  if (event === 'absorbed') return ended ? `absorbed by ${tracks}` : `took in ${tracks}`;
  // A track that came back and took others in on the way.
  if (event === 'reappeared') return `took in ${tracks}`;
  return `with ${tracks}`;
}

export interface DaysView {
  dates: string[];
  reports: DayReport[];
  nodes: TimelineNode[];
  links: TimelineLink[];
  tracks: { track: number; firstDate: string; lastDate: string; daysActive: number; peakSize: number; status: TrackStatus }[];
  /** The last day's tracks with an event other than `survived`, emerged and reappeared first, then by size. */
  inbox: InboxItem[];
  /** The last day's senders whose vector moved most since their last day seen. */
  movers: { ip: string; displacement: number; track: number }[];
  /** Every event but `survived` and day 1's `emerged`, by day: what a watched track did. */
  changes: TrackChange[];
}

const INBOX_ORDER: Record<TrackEventKind, number> = { emerged: 0, reappeared: 1, split: 2, absorbed: 3, disappeared: 4, survived: 5 };

export function daysView(series: DaySeries, moverCount = 20): DaysView {
  const state = series.tracker;
  const nodes: TimelineNode[] = [];
  const nodeOf = new Map<string, number>();
  const key = (day: number, track: number) => `${day}:${track}`;
  series.days.forEach((d, day) => {
    const t = d.tracked;
    for (let c = 0; c < t.clusterIds.length; c++) {
      nodeOf.set(key(day, t.clusterTracks[c]), nodes.length);
      nodes.push({ day, track: t.clusterTracks[c], size: t.clusterSizes[c] });
    }
  });
  const links: TimelineLink[] = [];
  const lastSeen = new Map<number, number>();
  series.days.forEach((d, day) => {
    const t = d.tracked;
    const events = new Map(t.events.map((e) => [e.track, e]));
    for (let c = 0; c < t.clusterIds.length; c++) {
      const track = t.clusterTracks[c];
      const to = nodeOf.get(key(day, track))!;
      const event = events.get(track);
      const before = lastSeen.get(track);
      if (before !== undefined) links.push({ from: nodeOf.get(key(before, track))!, to, value: t.clusterSizes[c], kind: event?.kind === 'reappeared' ? 'reappeared' : 'continues' });
      if (event?.kind === 'split' && before === undefined) {
        // A child names its parents: the parent's last node feeds it.
        for (const parent of event.related) {
          const at = lastSeen.get(parent);
          if (at !== undefined) links.push({ from: nodeOf.get(key(at, parent))!, to, value: t.clusterSizes[c], kind: 'split' });
        }
      }
      if (event?.kind === 'absorbed') {
        // The continuing track names the tracks it took in: each flows in with its last size.
        for (const other of event.related) {
          const at = lastSeen.get(other);
          if (at === undefined || other === track) continue;
          const from = nodeOf.get(key(at, other))!;
          links.push({ from, to, value: nodes[from].size, kind: 'absorbed' });
        }
      }
    }
    for (let c = 0; c < t.clusterIds.length; c++) lastSeen.set(t.clusterTracks[c], day);
  });

  const tracks = Array.from({ length: state.trackStatus.length }, (_, track) => ({
    track,
    firstDate: state.dates[state.trackFirstDay[track]],
    lastDate: state.dates[state.trackLastDay[track]],
    daysActive: state.trackDaysActive[track],
    peakSize: state.trackPeakSize[track],
    status: trackStatusName(state, track),
  }));

  const last = series.days.at(-1);
  const inbox: InboxItem[] = [];
  const movers: DaysView['movers'] = [];
  if (last) {
    const t = last.tracked;
    const clusterOfTrack = new Map<number, number>();
    const index = new Map<number, number>();
    t.clusterTracks.forEach((track, c) => {
      clusterOfTrack.set(track, t.clusterIds[c]);
      index.set(track, c);
    });
    const summaryOf = new Map(last.summaries.map((s) => [s.cluster, s]));
    for (const e of t.events) {
      if (e.kind === 'survived' || (series.days.length === 1 && e.kind === 'emerged')) continue;
      const cluster = clusterOfTrack.get(e.track);
      if (cluster === undefined) continue; // disappeared: nothing to show today
      const c = index.get(e.track)!;
      inbox.push({ track: e.track, event: e.kind, related: e.related, cluster, size: t.clusterSizes[c], drift: Number.isNaN(t.clusterDrift[c]) ? null : t.clusterDrift[c], summary: summaryOf.get(cluster)! });
    }
    inbox.sort((a, b) => INBOX_ORDER[a.event] - INBOX_ORDER[b.event] || b.size - a.size || a.track - b.track);
    for (const i of topMovers(t, moverCount)) movers.push({ ip: last.vocab[i], displacement: t.displacement[i], track: t.senderTracks[i] });
  }

  const changes: TrackChange[] = [];
  series.days.forEach((d, day) => {
    for (const e of d.tracked.events) {
      if (e.kind === 'survived' || (day === 0 && e.kind === 'emerged')) continue;
      changes.push({ date: d.report.date, track: e.track, event: e.kind, related: e.related, ended: e.size === 0 && (e.kind === 'split' || e.kind === 'absorbed') });
    }
  });
  return { dates: series.days.map((d) => d.report.date), reports: series.days.map((d) => d.report), nodes, links, tracks, inbox, movers, changes };
}
