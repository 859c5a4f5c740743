// The tracker's quality on the simulator's lifecycle scenario: the whole chain
// day by day (corpus, day 1 trained, later days continued one epoch, k-NN
// graph + Louvain, tracking) at a small scale, one thread, fixed seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_EVENTS, lifecycleSimulation, plantedGroupOf } from '../../src/simulate/lifecycle';
import { LIFECYCLE_CHAIN, LIFECYCLE_SCALE, runChain, type ChainRun } from './lifecycle-run';
import { formatScore, scoreLifecycle, type LifecycleScore } from './lifecycle-score';

let run: ChainRun;
let score: LifecycleScore;
beforeAll(async () => {
  const sim = lifecycleSimulation({ seed: 1, ...LIFECYCLE_SCALE });
  run = await runChain(sim, LIFECYCLE_CHAIN);
  score = scoreLifecycle(run.days, run.tracked, plantedGroupOf(sim), LIFECYCLE_EVENTS);
  console.log(formatScore(score));
}, 60_000);

describe('tracks on the lifecycle scenario', () => {
  it('runs six days, each clustered and tracked', () => {
    expect(run.days.map((d) => d.date)).toEqual(['2021-03-31', '2021-04-01', '2021-04-02', '2021-04-03', '2021-04-04', '2021-04-05']);
    for (const t of run.tracked) expect(t.clusterIds.length).toBeGreaterThan(10);
    expect(run.tracked[0].events.every((e) => e.kind === 'emerged')).toBe(true);
  });

  it('finds every planted event on its day', () => {
    expect(score.events).toHaveLength(8);
    expect(score.events.filter((e) => !e.found)).toEqual([]);
    expect(score.perKind).toEqual({
      emerged: { found: 1, total: 1 },
      disappeared: { found: 2, total: 2 },
      reappeared: { found: 1, total: 1 },
      split: { found: 2, total: 2 },
      absorbed: { found: 2, total: 2 },
    });
  });

  it('keeps one track id for each stable group, with no other event on it', () => {
    expect(score.stable).toHaveLength(3);
    for (const g of score.stable) {
      expect(new Set(g.tracks).size, g.group).toBe(1);
      expect(g.falseEvents, g.group).toEqual([]);
    }
  });

  it('says nothing else about the planted groups on their quiet days', () => {
    expect(score.unplanned).toEqual([]);
  });
});
