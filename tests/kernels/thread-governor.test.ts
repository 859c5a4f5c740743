import { describe, expect, it } from 'vitest';
import { ThreadGovernor } from '../../src/kernels/thread-governor';

const opts = { warmMs: 2000, probeMs: 1000, holdMs: 8000, maxHoldMs: 64000, margin: 1.15 };

/** Drives a governor through time at `rateOf(active)` positions per ms; returns the active count at each 100 ms step. */
function drive(g: ThreadGovernor, ms: number, rateOf: (active: number) => number): number[] {
  const seen: number[] = [];
  let positions = 0;
  let active = 2;
  for (let t = 100; t <= ms; t += 100) {
    positions += rateOf(active) * 100;
    active = g.update(t, positions);
    seen.push(active);
  }
  return seen;
}

describe('ThreadGovernor', () => {
  it('keeps every worker while they are faster, and probes one worker less and less often', () => {
    const g = new ThreadGovernor(2, 0, 0, opts);
    const seen = drive(g, 60_000, (a) => (a === 2 ? 200 : 120));
    // Warm-up and the first window at 2, the probe at 1, then holds of 8 s and 16 s at 2.
    expect(seen.slice(0, 29).every((a) => a === 2)).toBe(true);
    const soloSteps = seen.filter((a) => a === 1).length;
    // Probes at ~3 s, ~13 s and ~31 s: 3 windows of 1 s out of 60 s.
    expect(soloSteps).toBeGreaterThanOrEqual(25);
    expect(soloSteps).toBeLessThanOrEqual(35);
    g.finish(60_000);
    // The probes are not solo training: one worker never won.
    expect(g.soloMs).toBe(0);
  });

  it('parks the others while one worker alone is faster (a busy machine), and measures again', () => {
    const g = new ThreadGovernor(2, 0, 0, opts);
    const seen = drive(g, 20_000, (a) => (a === 2 ? 50 : 80));
    // After warm-up (2 s) and two windows (1 s each): one worker for the hold of 8 s.
    expect(seen[45]).toBe(1);
    expect(seen[100]).toBe(1);
    // Then a new window with both (at 12 s).
    expect(seen[121]).toBe(2);
    g.finish(20_000);
    // Held wins only: 4-12 s and 14-20 s.
    expect(g.soloMs).toBeGreaterThan(13_000);
    expect(g.soloMs).toBeLessThanOrEqual(14_100);
  });

  it('does not switch for a gain inside its margin', () => {
    const g = new ThreadGovernor(2, 0, 0, opts);
    const seen = drive(g, 20_000, (a) => (a === 2 ? 100 : 110));
    expect(seen.filter((a) => a === 1).length).toBeLessThanOrEqual(20);
    expect(seen[60]).toBe(2);
  });
});
