// `npm run bench -- simulate`: simulator throughput in rows/s for each stage of
// `darkvec simulate` (generate and sort; + CSV encoding; + gzip level 6), on
// one simulated day at SIM_BENCH_SCALE (default 0.3, ~1 M rows). Stages
// alternate over rounds because the 2-core machine is shared; CPU time is
// reported beside wall time for the same reason.
import { loadavg } from 'node:os';
import { createGzip } from 'node:zlib';
import { Simulation, TraceCsvEncoder } from '../src/simulate/index';

type Stage = 'generate' | 'encode' | 'gzip';

async function once(stage: Stage, scale: number): Promise<{ rows: number; wall: number; cpu: number; bytes: number }> {
  const sim = new Simulation({ seed: 1, scale });
  const encoder = new TraceCsvEncoder(sim);
  const gzip = stage === 'gzip' ? createGzip({ level: 6 }) : undefined;
  let gzBytes = 0;
  gzip?.on('data', (b: Buffer) => (gzBytes += b.length));
  const done = gzip ? new Promise((r) => gzip.on('end', r)) : Promise.resolve();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  for (const slice of sim.slices()) {
    rows += slice.count;
    if (stage === 'generate') continue;
    const chunk = encoder.encode(slice);
    bytes += chunk.length;
    if (gzip && !gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip?.end();
  await done;
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  return { rows, wall, cpu: (c.user + c.system) / 1e6, bytes: gzip ? gzBytes : bytes };
}

export async function run(): Promise<void> {
  const scale = Number(process.env.SIM_BENCH_SCALE ?? 0.3);
  const rounds = Number(process.env.SIM_BENCH_ROUNDS ?? 3);
  const stages: Stage[] = ['generate', 'encode', 'gzip'];
  const best = new Map<Stage, { rows: number; wall: number; cpu: number; bytes: number }>();
  console.log(`simulator, one day at scale ${scale}, ${rounds} rounds, load average ${loadavg()[0].toFixed(1)}`);
  for (let r = 0; r < rounds; r++) {
    for (const stage of r % 2 ? [...stages].reverse() : stages) {
      const m = await once(stage, scale);
      const b = best.get(stage);
      if (!b || m.wall < b.wall) best.set(stage, m);
    }
  }
  console.log('stage\trows\tbest wall s\tcpu s\trows/s (wall)\trows/s (cpu)\toutput MB');
  for (const stage of stages) {
    const m = best.get(stage)!;
    console.log(
      [stage, m.rows, m.wall.toFixed(2), m.cpu.toFixed(2), Math.round(m.rows / m.wall), Math.round(m.rows / m.cpu), (m.bytes / 2 ** 20).toFixed(1)].join('\t'),
    );
  }
}
