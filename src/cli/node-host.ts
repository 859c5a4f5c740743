// The method's host in Node: worker_threads for the kernels, temporary files
// for the days of a day-by-day run, paths as inputs.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPathSource } from '../ingest/byte-source.ts';
import { createKernelPool } from '../kernels/pool.ts';
import type { Host } from '../method/host.ts';
import type { InputFile } from '../method/steps.ts';

/** A file on disk as a method input; messages name it by `path`. */
export function pathInput(path: string): InputFile {
  return { name: path, size: statSync(path).size, open: () => openPathSource(path) };
}

export const nodeHost: Host = {
  cores: availableParallelism(),
  rowPool: (size) => createKernelPool(size),
  dayStore() {
    const dir = mkdtempSync(join(tmpdir(), 'darkvec-daily-'));
    const fds = new Map<string, number>();
    // Ctrl-C and SIGTERM end the process through process.exit (output-folder.ts): the days go with it.
    const onExit = () => rmSync(dir, { recursive: true, force: true });
    process.on('exit', onExit);
    return {
      create(day) {
        const path = join(dir, `day-${day}.csv`);
        fds.set(path, openSync(path, 'w'));
        return path;
      },
      append(path, text) {
        writeSync(fds.get(path)!, text);
      },
      close(path) {
        closeSync(fds.get(path)!);
        fds.delete(path);
      },
      input: (path) => pathInput(path),
      dispose() {
        for (const fd of fds.values()) closeSync(fd);
        fds.clear();
        rmSync(dir, { recursive: true, force: true });
        process.off('exit', onExit);
      },
    };
  },
};
