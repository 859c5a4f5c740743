#!/usr/bin/env node
// The command line: the built JavaScript of src/cli (lib/cli, made by
// `npm run build:cli`, which `npm install`, `npm pack` and `npm test` run),
// the same modules and WebAssembly the page is built from.
import { existsSync } from 'node:fs';

const entry = new URL('../lib/cli/darkvec.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('darkvec: the command line is not built (lib/cli/darkvec.mjs is missing): run "npm run build:cli"');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
