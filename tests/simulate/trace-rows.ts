// Test helper: a simulated trace parsed back into rows.
import { Simulation, labelsCsvChunks, traceCsvChunks, truthCsvChunks, type SimulationOptions } from '../../src/simulate/index';

export interface ParsedTrace {
  header: string;
  lines: string[];
  labels: Map<string, string>;
  truth: Map<string, string>;
  sim: Simulation;
}

export function simulateText(options: SimulationOptions): ParsedTrace {
  const sim = new Simulation(options);
  const decoder = new TextDecoder();
  const text = [...traceCsvChunks(sim)].map((c) => decoder.decode(c)).join('');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines.shift()!;
  return { header, lines, labels: csvMap([...labelsCsvChunks(sim)].join('')), truth: csvMap([...truthCsvChunks(sim)].join('')), sim };
}

export function csvMap(text: string): Map<string, string> {
  const m = new Map<string, string>();
  const rows = text.trimEnd().split('\n');
  rows.shift();
  for (const r of rows) {
    const [k, v] = r.split(',');
    m.set(k, v);
  }
  return m;
}

export function ipToUint(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number);
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
