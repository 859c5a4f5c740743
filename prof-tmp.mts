import { Simulation, TraceCsvEncoder } from '/work/wt/sim/src/simulate/index';
import { SliceBuffers } from '/work/wt/sim/src/simulate/simulator';
const sim = new Simulation({ seed: 1, scale: Number(process.argv[2] ?? 0.5) });
let t0 = performance.now(); let rows = 0;
const enc = new TraceCsvEncoder(sim);
let bytes = 0; let planT = 0;
const mode = process.argv[3] ?? 'enc';
for (let day = 0; day < 1; day++) {
  const p0 = performance.now();
  const plan = sim.planDay(day);
  planT += performance.now() - p0;

  const buf = new SliceBuffers();
  for (let h = 0; h < 24; h++) {
    const s = sim.generateHour(plan, day, h, buf);
    rows += s.count;
    if (mode === 'enc') bytes += enc.encode(s).length;
  }
}
const sec = (performance.now() - t0) / 1000;
console.log(`rows ${rows} in ${sec.toFixed(2)} s = ${Math.round(rows / sec)} rows/s; plan ${(planT/1000).toFixed(2)} s; bytes ${bytes}`);
