#!/usr/bin/env node
// `npm run bench [-- NAME ...]`: runs bench/*.bench.ts in name order (or the
// ones whose names contain a given word). Each exports `run(): Promise<void>`
// and prints its own side-by-side table.
import { readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
// As bin/darkvec.mjs: relaxed SIMD where Node 20 has it behind a flag, so the bench measures what the CLI runs.
const { enableRelaxedSimd } = await import('../src/kernels/node-relaxed-simd.ts');
await enableRelaxedSimd();
const dir = new URL('../bench/', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ') || '(any)'}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const { run } = await import(new URL(file, dir).href);
  await run();
}
