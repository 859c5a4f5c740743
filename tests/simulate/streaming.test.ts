// Writing a multi-million-row trace keeps memory bounded: the generator holds
// one hour, never the trace. Live memory is read after forced collections, so
// uncollected garbage does not blur the measure.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Simulation, traceCsvChunks } from '../../src/simulate/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function live(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('streaming', () => {
  it('writes ~1.5 M rows over 3 days with live memory far below the output size', () => {
    const sim = new Simulation({ seed: 11, days: 3, scale: 0.15 });
    const before = live();
    let rows = 0;
    let bytes = 0;
    let peak = 0;
    let slices = 0;
    for (const chunk of traceCsvChunks(sim, (s) => (rows += s.count))) {
      bytes += chunk.length;
      if (++slices % 8 === 0) peak = Math.max(peak, live() - before);
    }
    const MB = 1024 * 1024;
    expect(rows).toBeGreaterThan(1_400_000);
    expect(bytes).toBeGreaterThan(90 * MB);
    // Holding the rows as columns alone would take > 50 MB, as CSV > 90 MB; we measured ~24 MB.
    expect(peak).toBeLessThan(40 * MB);
    console.log(`streaming: ${rows} rows, ${(bytes / MB).toFixed(0)} MB of CSV, peak live growth ${(peak / MB).toFixed(1)} MB`);
  });
});
