// The bundled sample's first hours, as a small trace for tests that run the
// whole method twice (page path and CLI) and must stay fast.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const SAMPLE_START = 1617148800;
export const samplePath = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));

export function sampleHours(hours: number): string {
  const lines = gunzipSync(readFileSync(samplePath('trace.csv.gz'))).toString('utf8').split('\n');
  const kept = [lines[0]!];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line && Number(line.slice(0, line.indexOf(','))) < SAMPLE_START + hours * 3600) kept.push(line);
  }
  return kept.join('\n') + '\n';
}
