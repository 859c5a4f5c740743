// A multi-day scenario with planted lifecycle events, to score cluster tracking
// (src/analyze/tracks.ts): the catalogue's telescope, plus groups that stay the
// same, emerge on a later day, disappear, pause and come back, split into two
// behaviours, and two groups that merge into one campaign.
//
// Each planted group is a coordinated scanner (shared windows, as the
// catalogue's projects) with a service of its own, so that on a day on which it
// is itself it forms one clear cluster and any change the tracker sees is the
// planted one. A split is two groups that behave as one (one group's timing
// and ports: lifecycle `as`) until the split day; a merge is a group that
// starts behaving as another on the merge day.
//
// What one epoch a day can show (measured with bench/tracks.bench.ts and
// docs/tracking.md): i-DarkVec moves an established sender's vector only as far
// as one epoch over its day's packets takes it. Groups here send 800 packets per
// sender and day (Censys's rate in the catalogue); at 60 a split showed a day
// late. A merge of two established groups at an unchanged rate did not reach
// the 3-NN graph in the six days from it on (a 10-day run at 200 packets: cosine
// between the groups 0.93 on the day, 0.98 five days on, inside each 0.99, so
// every sender's nearest neighbours stay its old siblings); the planted merge
// is therefore a campaign that also scans five times harder (`mergeRate`).
import { GROUPS, type GroupSpec, type Timing } from './catalogue';
import { ipText } from './address-plan';
import { Simulation, type SimulationOptions } from './simulator';

/** Days the scenario needs (events are planted on days 3-5; day 6 shows what follows). */
export const LIFECYCLE_DAYS = 6;

export type PlantedEventKind = 'stable' | 'emerged' | 'disappeared' | 'reappeared' | 'split' | 'absorbed';

export interface PlantedEvent {
  group: string;
  event: PlantedEventKind;
  /** 0-based day of the event; -1 for `stable` (every day). */
  day: number;
  /** The other planted groups involved (the other half of a split or a merge). */
  related: string[];
}

const TCP = 6;
const UDP = 17;
const PACKETS_PER_SENDER = 800;
const LAST = 365;

const coordinated = (windowsPerDay: number): Timing => ({
  kind: 'coordinated', windowsPerDay, windowMinutes: [15, 30], participation: 0.9, regular: false,
});

function planted(id: string, senders: number, top: GroupSpec['ports']['top'], windowsPerDay: number, lifecycle?: GroupSpec['lifecycle']): GroupSpec {
  return {
    id, label: null, senders, packets: senders * PACKETS_PER_SENDER, sizeSigma: 0.3,
    ports: { top }, timing: coordinated(windowsPerDay),
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0, mirai: false, tcpLength: 44,
    ...(lifecycle ? { lifecycle } : {}),
  };
}

export interface LifecycleOptions {
  /** How many times harder the merged campaign scans from the merge day (default 5; 1 = a merge at unchanged rates). */
  mergeRate?: number;
}

/** The planted groups. Days below are 0-based: day 2 is the scenario's third day. */
export function lifecycleGroups(options: LifecycleOptions = {}): GroupSpec[] {
  const mergeRate = options.mergeRate ?? 5;
  if (!(mergeRate > 0)) throw new Error(`mergeRate must be positive, got ${mergeRate}`);
  const merged = mergeRate === 1 ? {} : { rate: { from: 4, to: LAST, factor: mergeRate } };
  return [
    // Stable: the same senders and behaviour every day.
    planted('steady-rdp', 120, [[3389, TCP, 0.9], [3390, TCP, 0.1]], 6),
    planted('steady-sql', 100, [[1433, TCP, 0.6], [3306, TCP, 0.4]], 6),
    planted('steady-proxy', 80, [[1080, TCP, 0.5], [3128, TCP, 0.5]], 5),
    // Emerges on day 3.
    planted('emerging-vnc', 100, [[5900, TCP, 0.7], [5901, TCP, 0.3]], 6, { active: [[2, LAST]] }),
    // Active days 1-3, gone from day 4.
    planted('vanishing-sip', 100, [[5060, UDP, 1]], 6, { active: [[0, 2]] }),
    // Active days 1-2, paused on days 3-4, back on day 5.
    planted('pausing-redis', 100, [[6379, TCP, 1]], 6, { active: [[0, 1], [4, LAST]] }),
    // One campaign on days 1-3; from day 4 its second half scans other ports at other hours.
    planted('splitting-web', 60, [[8000, TCP, 0.5], [8081, TCP, 0.5]], 6),
    planted('splitting-web-b', 60, [[8443, TCP, 1]], 6, { as: { group: 'splitting-web', from: 0, to: 2 } }),
    // Two campaigns until day 4; from day 5 the second runs as part of the first, and harder.
    planted('merging-ftp', 50, [[21, TCP, 1]], 6, merged),
    planted('merging-smtp', 40, [[25, TCP, 0.8], [587, TCP, 0.2]], 6, { as: { group: 'merging-ftp', from: 4, to: LAST }, ...merged }),
  ];
}

export const LIFECYCLE_GROUPS: readonly GroupSpec[] = lifecycleGroups();

export const LIFECYCLE_EVENTS: readonly PlantedEvent[] = [
  { group: 'steady-rdp', event: 'stable', day: -1, related: [] },
  { group: 'steady-sql', event: 'stable', day: -1, related: [] },
  { group: 'steady-proxy', event: 'stable', day: -1, related: [] },
  { group: 'emerging-vnc', event: 'emerged', day: 2, related: [] },
  { group: 'vanishing-sip', event: 'disappeared', day: 3, related: [] },
  { group: 'pausing-redis', event: 'disappeared', day: 2, related: [] },
  { group: 'pausing-redis', event: 'reappeared', day: 4, related: [] },
  { group: 'splitting-web', event: 'split', day: 3, related: ['splitting-web-b'] },
  { group: 'splitting-web-b', event: 'split', day: 3, related: ['splitting-web'] },
  { group: 'merging-ftp', event: 'absorbed', day: 4, related: ['merging-smtp'] },
  { group: 'merging-smtp', event: 'absorbed', day: 4, related: ['merging-ftp'] },
];

/**
 * The scenario as a simulation: the backdrop (default: the whole catalogue),
 * then the planted groups. `days` defaults to LIFECYCLE_DAYS and may not be fewer.
 */
export function lifecycleSimulation(options: SimulationOptions, backdrop: readonly GroupSpec[] = GROUPS, lifecycle: LifecycleOptions = {}): Simulation {
  const days = options.days ?? LIFECYCLE_DAYS;
  if (days < LIFECYCLE_DAYS) throw new Error(`the lifecycle scenario needs at least ${LIFECYCLE_DAYS} days, got ${days}`);
  return new Simulation({ ...options, days }, [...backdrop, ...lifecycleGroups(lifecycle)]);
}

export const LIFECYCLE_HEADER = 'group,event,date,related';

/** lifecycle.csv: per planted group, its event and the UTC date of the day it happens (empty for `stable`). */
export function lifecycleCsv(sim: Simulation): string {
  const lines = [LIFECYCLE_HEADER];
  for (const e of LIFECYCLE_EVENTS) {
    const date = e.day < 0 ? '' : new Date((sim.options.start + e.day * 86_400) * 1000).toISOString().slice(0, 10);
    lines.push(`${e.group},${e.event},${date},${e.related.join(';')}`);
  }
  return lines.join('\n') + '\n';
}

/** Group id per sender address, for the planted groups only (truth.csv names every group). */
export function plantedGroupOf(sim: Simulation): Map<string, string> {
  const planted = new Set(LIFECYCLE_GROUPS.map((g) => g.id));
  const out = new Map<string, string>();
  for (let id = 0; id < sim.senderCount; id++) {
    const spec = sim.groups[sim.group[id]].spec;
    if (planted.has(spec.id)) out.set(ipText(sim.ip[id]), spec.id);
  }
  return out;
}
