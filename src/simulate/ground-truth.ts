// labels.csv (what an analyst knows) and truth.csv (what was planted), as
// text chunks so a month-long population never becomes one huge string.
import { ipText } from './address-plan';
import type { Simulation } from './simulator';

export const LABELS_HEADER = 'ip,label';
export const TRUTH_HEADER = 'ip,group';

const CHUNK_ROWS = 50_000;

/** `ip,label` for every sender of a labelled class (the scanning projects' public lists, the Mirai fingerprint). */
export function* labelsCsvChunks(sim: Simulation): Generator<string> {
  yield* rows(sim, LABELS_HEADER, (g) => g.spec.label);
}

/** `ip,group` for every sender in the trace, naming the planted groups. */
export function* truthCsvChunks(sim: Simulation): Generator<string> {
  yield* rows(sim, TRUTH_HEADER, (g) => g.spec.id);
}

// Rows sorted by address: file order must not give away which senders belong together.
function* rows(sim: Simulation, header: string, name: (g: Simulation['groups'][number]) => string | null): Generator<string> {
  const values = sim.groups.map(name);
  const ids: number[] = [];
  for (let id = 0; id < sim.senderCount; id++) if (values[sim.group[id]] !== null) ids.push(id);
  const ip = sim.ip;
  ids.sort((a, b) => ip[a] - ip[b]);
  let lines: string[] = [header];
  for (const id of ids) {
    lines.push(`${ipText(ip[id])},${values[sim.group[id]]}`);
    if (lines.length >= CHUNK_ROWS) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
