// Cluster tracking (src/analyze/tracks.ts): what one day costs the tracker at
// scale-1 sizes, and how well the whole daily chain finds the lifecycle
// scenario's planted events. `npm run bench -- tracks`.
//
// 1. The tracker alone, on a synthetic month-like run: 16 k senders a day
//    (a scale-1 day after the 6-packet filter), a population where 30% of the
//    day's senders are new, ~50 clusters (renumbered every day, as Louvain
//    does) with 5% of senders moving cluster, 50 dimensions; wall and CPU
//    seconds per day, the state's size, and the three files' rows.
// 2. The chain of tests/analyze/tracks-lifecycle.test.ts on three scenario
//    seeds, and once with a merge at unchanged rates (mergeRate 1): the
//    planted events found on their day, per kind. BENCH_TRACKS_CHAIN=0 skips it.
import { seededRandom } from '../src/analyze/random';
import { dailyClusterRows, dailyEventRows, dailyTrackRows } from '../src/analyze/track-rows';
import { createTracker, trackDay, type DayClustering, type TrackerState } from '../src/analyze/tracks';
import { GROUPS } from '../src/simulate/catalogue';
import { LIFECYCLE_EVENTS, lifecycleSimulation, plantedGroupOf } from '../src/simulate/lifecycle';
import { LIFECYCLE_CHAIN, LIFECYCLE_SCALE, runChain } from '../tests/analyze/lifecycle-run';
import { formatScore, scoreLifecycle } from '../tests/analyze/lifecycle-score';

const SENDERS = 16_000;
const CLUSTERS = 50;
const DIM = 50;
const DAYS = Number(process.env.BENCH_TRACKS_DAYS ?? 10);

function stateBytes(state: TrackerState): number {
  let bytes = 0;
  for (const v of Object.values(state)) {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (Array.isArray(v)) bytes += v.reduce((n: number, s: unknown) => n + (typeof s === 'string' ? 2 * s.length + 16 : 8), 0);
  }
  return bytes;
}

/** A synthetic run: senders belong to groups of uneven size; each day draws 16 k of them, 30% fresh. */
function* syntheticDays(): Generator<DayClustering> {
  const random = seededRandom(13);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Float32Array.from({ length: CLUSTERS * DIM }, gauss);
  let next = 0;
  const groupOf: number[] = [];
  const born = () => {
    groupOf.push(Math.min(CLUSTERS - 1, Math.floor(CLUSTERS * random() ** 2)));
    return next++;
  };
  let today = Array.from({ length: SENDERS }, born);
  for (let d = 0; d < DAYS; d++) {
    if (d > 0) today = today.map((s) => (random() < 0.3 ? born() : s));
    const relabel = Array.from({ length: CLUSTERS }, (_, c) => c).sort(() => random() - 0.5);
    const cluster = Int32Array.from(today, (s) => relabel[random() < 0.05 ? Math.floor(random() * CLUSTERS) : groupOf[s]]);
    const vectors = new Float32Array(SENDERS * DIM);
    today.forEach((s, i) => {
      for (let k = 0; k < DIM; k++) vectors[i * DIM + k] = centres[groupOf[s] * DIM + k] + 0.3 * gauss();
    });
    const date = new Date(Date.UTC(2021, 2, 31 + d)).toISOString().slice(0, 10);
    yield { date, vocab: today.map((s) => `10.${(s >> 16) & 255}.${(s >> 8) & 255}.${s & 255}`), cluster, vectors, dim: DIM };
  }
}

function trackerAlone(): void {
  console.log(`tracker alone: ${SENDERS} senders/day (30% new each day), ${CLUSTERS} clusters, dim ${DIM}, ${DAYS} days`);
  let state = createTracker();
  const walls: number[] = [];
  const cpus: number[] = [];
  let rowsSeconds = 0;
  let rows = 0;
  for (const day of syntheticDays()) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = trackDay(state, day);
    walls.push((performance.now() - t) / 1000);
    const u = process.cpuUsage(c);
    cpus.push((u.user + u.system) / 1e6);
    state = r.state;
    const t2 = performance.now();
    for (const _ of dailyClusterRows(day.vocab, day.cluster, r.day)) rows++;
    for (const _ of dailyEventRows(r.day)) rows++;
    rowsSeconds += (performance.now() - t2) / 1000;
    const kinds: Record<string, number> = {};
    for (const e of r.day.events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    console.log(`  ${day.date}: ${walls.at(-1)!.toFixed(3)} s wall, ${cpus.at(-1)!.toFixed(3)} s cpu; ${r.day.clusterIds.length} clusters; ` +
      `${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}; state ${(stateBytes(state) / 1e6).toFixed(1)} MB, ${state.senders.length} senders cached`);
  }
  const t3 = performance.now();
  for (const _ of dailyTrackRows(state)) rows++;
  rowsSeconds += (performance.now() - t3) / 1000;
  const later = walls.slice(1).sort((a, b) => a - b);
  console.log(`  per later day: median ${later[later.length >> 1].toFixed(3)} s wall, max ${later.at(-1)!.toFixed(3)} s; ` +
    `${rows} CSV rows generated in ${rowsSeconds.toFixed(3)} s`);
}

async function chain(): Promise<void> {
  for (const [seed, mergeRate] of [[1, 5], [2, 5], [3, 5], [1, 1]]) {
    const sim = lifecycleSimulation({ seed, ...LIFECYCLE_SCALE }, GROUPS, { mergeRate });
    const t = performance.now();
    const run = await runChain(sim, LIFECYCLE_CHAIN);
    console.log(`\nlifecycle scenario, seed ${seed}, mergeRate ${mergeRate}: ${((performance.now() - t) / 1000).toFixed(1)} s (corpus, training, clustering and tracking, 6 days)`);
    console.log(formatScore(scoreLifecycle(run.days, run.tracked, plantedGroupOf(sim), LIFECYCLE_EVENTS)));
  }
}

export async function run(): Promise<void> {
  trackerAlone();
  if (process.env.BENCH_TRACKS_CHAIN !== '0') await chain();
}
