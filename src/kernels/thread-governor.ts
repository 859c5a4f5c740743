// How many training workers should be claiming chunks right now. Two Hogwild
// threads are slower than one when the scheduler gives our process a fixed
// share of the CPUs (Linux's autogroup with another program busy: measured
// 0.68x, src/embed/README.md), and nothing tells a page or a worker that this
// is the case. So worker 0 measures: all workers for a window, one worker for a
// window, then keeps the faster setting for a while and measures again (after a
// warm-up: the first second runs V8's baseline code and would skew the first
// window). The hold doubles each time the same setting wins, so on an idle
// machine the one-worker probes cost a few percent at first and then almost nothing.
// Pure: the caller feeds it the time and the positions trained so far.

export interface GovernorOptions {
  /** All workers train this long before the first measurement: V8 swaps in its optimised code meanwhile. */
  warmMs: number;
  /** Length of each measuring window. */
  probeMs: number;
  /** First hold after a decision, doubled while the same setting keeps winning, up to maxHoldMs. */
  holdMs: number;
  maxHoldMs: number;
  /** One worker must be this much faster than all to be chosen (noise guard). */
  margin: number;
}

export const GOVERNOR_DEFAULTS: Readonly<GovernorOptions> = Object.freeze({ warmMs: 2000, probeMs: 1000, holdMs: 8000, maxHoldMs: 64000, margin: 1.15 });

type Phase = 'all' | 'one' | 'hold';

export class ThreadGovernor {
  private phase: Phase = 'hold';
  private decisions = 0;
  private phaseStart: number;
  private phasePositions: number;
  private rateAll = 0;
  private hold: number;
  private winner: number;
  private active: number;
  private readonly o: GovernorOptions;
  private soloSince = -1;
  /** Milliseconds so far with one worker claiming because it won a measurement (its 1-worker probe windows not counted). */
  soloMs = 0;

  constructor(private readonly workers: number, now: number, positions: number, options: Partial<GovernorOptions> = {}) {
    this.o = { ...GOVERNOR_DEFAULTS, ...options };
    this.phaseStart = now;
    this.phasePositions = positions;
    this.hold = this.o.warmMs;
    this.winner = workers;
    this.active = workers;
  }

  /** The number of workers that should claim chunks from now on. */
  update(now: number, positions: number): number {
    const elapsed = now - this.phaseStart;
    if (this.phase === 'all' && elapsed >= this.o.probeMs) {
      this.rateAll = (positions - this.phasePositions) / elapsed;
      this.start('one', now, positions, 1);
    } else if (this.phase === 'one' && elapsed >= this.o.probeMs) {
      const rateOne = (positions - this.phasePositions) / elapsed;
      const winner = rateOne > this.rateAll * this.o.margin ? 1 : this.workers;
      this.hold = this.decisions++ > 0 && winner === this.winner ? Math.min(this.hold * 2, this.o.maxHoldMs) : this.o.holdMs;
      this.winner = winner;
      this.start('hold', now, positions, winner);
    } else if (this.phase === 'hold' && elapsed >= this.hold) {
      this.start('all', now, positions, this.workers);
    }
    return this.active;
  }

  /** Call when training ends, so soloMs counts up to now. */
  finish(now: number): void {
    if (this.soloSince >= 0) this.soloMs += now - this.soloSince;
    this.soloSince = -1;
  }

  private start(phase: Phase, now: number, positions: number, active: number): void {
    this.finish(now);
    // A probe is the governor asking, not choosing: only a held win counts as solo.
    if (phase === 'hold' && active === 1) this.soloSince = now;
    this.phase = phase;
    this.phaseStart = now;
    this.phasePositions = positions;
    this.active = active;
  }
}
