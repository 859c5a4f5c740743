// The simulator's public API, for the CLI, the page ("Generate a demo trace"),
// tests and benchmarks.
import type { PacketSink } from '../ingest/packet-sink';
import { SenderNames } from './address-plan';
import { TraceCsvEncoder } from './csv-encoder';
import { labelsCsvChunks, truthCsvChunks } from './ground-truth';
import { Simulation, type SimulationOptions, type TraceSlice } from './simulator';

export { GROUPS, PAPER_TABLE, type GroupSpec } from './catalogue';
export { TRACE_HEADER, TraceCsvEncoder } from './csv-encoder';
export { LABELS_HEADER, TRUTH_HEADER, labelsCsvChunks, truthCsvChunks } from './ground-truth';
export { Simulation, DEFAULT_PREFIX, DEFAULT_START, type SimulationOptions, type TraceSlice } from './simulator';
export { TraceStats, formatStats, type GroupStats } from './trace-stats';

/** The bundled sample (samples/): one day, seed and sizes fixed; see samples/README.md. */
export const SAMPLE_OPTIONS: Readonly<SimulationOptions> = { seed: 20210331, days: 1, scale: 0.2, senderFloor: 12, excessPacketScale: 0.25 };

/**
 * trace.csv content as byte chunks: the header, then one chunk per hour in
 * time order. Pipe through gzip (zlib, CompressionStream) or concatenate.
 * `onSlice` sees each sorted slice before it is encoded (statistics).
 */
export function* traceCsvChunks(sim: Simulation, onSlice?: (s: TraceSlice) => void): Generator<Uint8Array> {
  const encoder = new TraceCsvEncoder(sim);
  yield encoder.header();
  for (const slice of sim.slices()) {
    onSlice?.(slice);
    yield encoder.encode(slice);
  }
}

/** Feeds the simulated packets, in time order, straight into an ingest sink (no CSV round trip). */
export function simulateIntoSink(sim: Simulation, sink: PacketSink): void {
  const names = new SenderNames(sim.ip);
  for (const s of sim.slices()) {
    names.nextSlice();
    for (let k = 0; k < s.count; k++) {
      const i = s.order[k];
      sink.packet(s.startSec + s.us[i] / 1e6, names.of(s.sender[i]), s.port[i], s.proto[i], 1, s.dstIp[i], s.length[i], s.seq[i], s.ipId[i], s.flags[i], s.icmpType[i]);
    }
  }
}

export interface DemoTrace {
  simulation: Simulation;
  /** trace.csv bytes, lazily generated hour by hour. */
  traceChunks(): Generator<Uint8Array>;
  labelsCsv(): string;
  truthCsv(): string;
}

/** A demo trace for the page: `generateDemoTrace({ seed: 1, scale: 0.05 })`. Defaults: the bundled sample's settings. */
export function generateDemoTrace(options: Partial<SimulationOptions> = {}): DemoTrace {
  const simulation = new Simulation({ ...SAMPLE_OPTIONS, ...options });
  return {
    simulation,
    traceChunks: () => traceCsvChunks(simulation),
    labelsCsv: () => [...labelsCsvChunks(simulation)].join(''),
    truthCsv: () => [...truthCsvChunks(simulation)].join(''),
  };
}
