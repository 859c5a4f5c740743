// Node's worker_threads do not inherit the parent's TypeScript loader (and
// `--import tsx` in execArgv does not take effect in workers on Node 20), so a
// worker whose entry is a .ts file boots through a tiny shim that registers tsx
// first. Used only in Node (CLI, tests, benchmarks); the browser gets
// Vite-bundled module workers.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

let tsxApi: string | undefined;

function tsxApiUrl(): string {
  // require.resolve picks the CommonJS build; the worker imports the ESM one beside it.
  if (!tsxApi) tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return tsxApi;
}

export function spawnNodeWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
