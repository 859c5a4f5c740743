// How long a cache line takes to go from one core to another and back, as two
// threads bouncing one Int32 with Atomics see it. On a virtual machine this is
// not a constant: the hypervisor places the vCPUs, and on this project's 2-vCPU
// machine it measured 102-539 ns (median of five rounds) at different moments of
// one afternoon. Hogwild training writes the frequent senders' rows from both
// threads, so it pays for every such trip; the training bench prints a snapshot
// taken just before each run. A snapshot, not a forecast: the placement can
// change during a run (a 446 ns snapshot was followed by one of the fastest
// two-thread runs of that day).
import { Worker } from 'node:worker_threads';

const BOUNCER = `
const { workerData } = require('node:worker_threads');
const a = new Int32Array(workerData);
for (let i = 0; ; i++) {
  let v;
  while ((v = Atomics.load(a, 0)) !== 2 * i + 1) if (v === -1) process.exit(0);
  Atomics.store(a, 0, 2 * i + 2);
}`;

/** Median of `rounds` timings of `trips` round trips, in ns per round trip. */
export async function coreRoundTripNs(trips = 20_000, rounds = 5): Promise<number> {
  const sab = new SharedArrayBuffer(64);
  const a = new Int32Array(sab);
  const worker = new Worker(BOUNCER, { eval: true, workerData: sab });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('online', () => resolve());
      worker.once('error', reject);
    });
    const times: number[] = [];
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < trips; i++, n++) {
        Atomics.store(a, 0, 2 * n + 1);
        while (Atomics.load(a, 0) !== 2 * n + 2);
      }
      times.push(Number(process.hrtime.bigint() - t0) / trips);
    }
    times.sort((x, y) => x - y);
    return times[rounds >> 1];
  } finally {
    Atomics.store(a, 0, -1);
    await worker.terminate();
  }
}
