// Writes a run's files so that the output folder never looks complete when it
// is not: everything goes to a hidden temporary folder inside the destination
// (same file system, so the final moves are renames), and only when every
// file is written are they moved in, replacing the previous run's; files of
// the previous run that this run does not make are removed. An interrupted
// run (error, Ctrl-C, SIGTERM) leaves the previous run's files as they were
// and no temporary folder.
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Every file `darkvec analyze` may write: what a new run replaces or removes. */
export const RUN_FILES = [
  'embeddings.txt', 'clusters.csv', 'classification.csv', 'report.json', 'cluster-summaries.json',
  'vectors.tsv', 'metadata.tsv', 'timings.json', 'session.darkvec.json',
];
export const RUN_DIRS = ['daily'];
const PARTIAL_PREFIX = '.darkvec-partial-';

export interface OutputFolder {
  /** Where to write files now (the temporary folder). */
  readonly path: string;
  write(name: string, chunks: Iterable<string>): void;
  /** A folder inside the run's (daily/). */
  mkdir(name: string): void;
  /** Moves every written file into the destination. */
  commit(): void;
  /** Removes the temporary folder (idempotent). */
  discard(): void;
}

export function openOutputFolder(destination: string): OutputFolder {
  mkdirSync(destination, { recursive: true });
  // A run killed with SIGKILL cannot clean up: its leftovers go now.
  for (const name of readdirSync(destination)) if (name.startsWith(PARTIAL_PREFIX)) rmSync(join(destination, name), { recursive: true, force: true });
  const path = mkdtempSync(join(destination, PARTIAL_PREFIX));
  let done = false;
  const discard = () => {
    if (done) return;
    done = true;
    rmSync(path, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    discard();
    process.stderr.write(`\ndarkvec: interrupted (${signal}); ${destination} keeps its previous contents\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    path,
    write(name, chunks) {
      const fd = openSync(join(path, name), 'w');
      try {
        for (const chunk of chunks) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
    },
    mkdir(name) {
      mkdirSync(join(path, name), { recursive: true });
    },
    commit() {
      const made = new Set(readdirSync(path));
      for (const name of [...RUN_FILES, ...RUN_DIRS]) {
        if (!made.has(name)) rmSync(join(destination, name), { recursive: true, force: true });
      }
      for (const name of made) {
        rmSync(join(destination, name), { recursive: true, force: true });
        renameSync(join(path, name), join(destination, name));
      }
      discard();
    },
    discard,
  };
}
