// Scores a tracked run of the lifecycle scenario against its planted events.
// A group's track on a day is the track holding most of its clustered senders.
import type { TrackedDay } from '../../src/analyze/tracks';
import type { PlantedEvent, PlantedEventKind } from '../../src/simulate/lifecycle';
import type { ClusteredDay } from './lifecycle-run';

export interface EventScore {
  group: string;
  event: PlantedEventKind;
  date: string;
  found: boolean;
  /** What the tracker said about the group that day. */
  seen: string;
}

export interface StableScore {
  group: string;
  /** The group's track on each day. */
  tracks: number[];
  /** Events other than `survived` on its track after day 1. */
  falseEvents: string[];
}

export interface LifecycleScore {
  events: EventScore[];
  perKind: Partial<Record<PlantedEventKind, { found: number; total: number }>>;
  stable: StableScore[];
  /** Events on a planted group's track on days it has no planted event (after day 1). */
  unplanned: string[];
}

interface Majority {
  track: number;
  count: number;
  senders: number;
}

export function scoreLifecycle(days: ClusteredDay[], tracked: TrackedDay[], groupOf: ReadonlyMap<string, string>, planted: readonly PlantedEvent[]): LifecycleScore {
  const majority: Map<string, Majority>[] = days.map((day, d) => {
    const counts = new Map<string, Map<number, number>>();
    day.vocab.forEach((ip, i) => {
      const g = groupOf.get(ip);
      const t = tracked[d].senderTracks[i];
      if (g === undefined || t < 0) return;
      let c = counts.get(g);
      if (!c) counts.set(g, (c = new Map()));
      c.set(t, (c.get(t) ?? 0) + 1);
    });
    const out = new Map<string, Majority>();
    for (const [g, c] of counts) {
      let best: Majority = { track: -1, count: 0, senders: 0 };
      for (const [t, n] of c) {
        best.senders += n;
        if (n > best.count || (n === best.count && t < best.track)) best = { ...best, track: t, count: n };
      }
      out.set(g, best);
    }
    return out;
  });
  const at = (d: number, g: string) => (d >= 0 && d < days.length ? majority[d].get(g) : undefined);
  const eventOf = (d: number, track: number | undefined) => (track === undefined ? undefined : tracked[d]?.events.find((e) => e.track === track));
  const say = (d: number, track: number | undefined) => {
    const e = eventOf(d, track);
    return track === undefined ? 'no senders' : `track ${track} ${e ? e.kind + (e.related.length ? ' ' + e.related.join(';') : '') : 'no event'}`;
  };

  const events: EventScore[] = [];
  for (const p of planted) {
    if (p.event === 'stable') continue;
    const d = p.day;
    const now = at(d, p.group);
    const before = at(d - 1, p.group);
    let found = false;
    let seen = say(d, now?.track);
    switch (p.event) {
      case 'emerged':
        found = !!now && 2 * now.count > now.senders && eventOf(d, now.track)?.kind === 'emerged';
        break;
      case 'disappeared':
        seen = `yesterday's ${say(d, before?.track)}`;
        found = !!before && !now && eventOf(d, before.track)?.kind === 'disappeared';
        break;
      case 'reappeared': {
        let last = d - 1;
        while (last >= 0 && !at(last, p.group)) last--;
        const old = at(last, p.group);
        found = !!now && !!old && last < d - 1 && now.track === old.track && eventOf(d, now.track)?.kind === 'reappeared';
        break;
      }
      case 'split': {
        const other = p.related[0];
        const parent = before?.track;
        const e = eventOf(d, parent);
        const mine = now?.track;
        const theirs = at(d, other)?.track;
        seen = `parent ${say(d, parent)}, now ${say(d, mine)}`;
        found = parent !== undefined && at(d - 1, other)?.track === parent && e?.kind === 'split' &&
          mine !== undefined && theirs !== undefined && mine !== theirs && e.related.includes(mine) && e.related.includes(theirs);
        break;
      }
      case 'absorbed': {
        const other = p.related[0];
        const a = before?.track;
        const b = at(d - 1, other)?.track;
        const m = now?.track;
        seen = `was ${a}, now ${say(d, m)}`;
        if (a === undefined || b === undefined || m === undefined || a === b || at(d, other)?.track !== m || (m !== a && m !== b)) break;
        const gone = m === a ? b : a;
        const ended = eventOf(d, gone);
        const kept = eventOf(d, m);
        found = ended?.kind === 'absorbed' && ended.related.includes(m) && kept?.kind === 'absorbed' && kept.related.includes(gone);
        break;
      }
    }
    events.push({ group: p.group, event: p.event, date: days[d]?.date ?? `day ${d + 1}`, found, seen });
  }
  const perKind: LifecycleScore['perKind'] = {};
  for (const e of events) {
    const k = (perKind[e.event] ??= { found: 0, total: 0 });
    k.total++;
    if (e.found) k.found++;
  }

  const stable: StableScore[] = planted.filter((p) => p.event === 'stable').map((p) => {
    const tracks = days.map((_, d) => at(d, p.group)?.track ?? -1);
    const falseEvents: string[] = [];
    for (let d = 1; d < days.length; d++) {
      const e = eventOf(d, tracks[d]);
      if (tracks[d] < 0 || !e || e.kind !== 'survived') falseEvents.push(`${days[d].date}: ${say(d, tracks[d] < 0 ? undefined : tracks[d])}`);
    }
    return { group: p.group, tracks, falseEvents };
  });

  const unplanned: string[] = [];
  const groups = [...new Set(planted.filter((p) => p.event !== 'stable').map((p) => p.group))];
  for (const g of groups) {
    const eventDays = new Set(planted.filter((p) => p.group === g).map((p) => p.day));
    for (let d = 1; d < days.length; d++) {
      const m = at(d, g);
      if (!m || eventDays.has(d) || at(d - 1, g) === undefined) continue;
      const e = eventOf(d, m.track);
      if (!e || e.kind !== 'survived') unplanned.push(`${g} ${days[d].date}: ${say(d, m.track)}`);
    }
  }
  return { events, perKind, stable, unplanned };
}

/** The figures as a few lines of text. */
export function formatScore(s: LifecycleScore): string {
  const found = s.events.filter((e) => e.found).length;
  const lines = [
    `planted events found on their day: ${found}/${s.events.length} (` +
      Object.entries(s.perKind).map(([k, v]) => `${k} ${v!.found}/${v!.total}`).join(', ') + ')',
    `stable groups keeping one track: ${s.stable.filter((g) => new Set(g.tracks).size === 1).length}/${s.stable.length}; ` +
      `false events on them: ${s.stable.reduce((n, g) => n + g.falseEvents.length, 0)}`,
    `other events on planted groups' tracks: ${s.unplanned.length}`,
  ];
  for (const e of s.events) if (!e.found) lines.push(`  missed: ${e.group} ${e.event} ${e.date} (${e.seen})`);
  for (const g of s.stable) for (const f of g.falseEvents) lines.push(`  false: ${g.group} ${f}`);
  for (const u of s.unplanned) lines.push(`  other: ${u}`);
  return lines.join('\n');
}
