#!/usr/bin/env node
// The command line runs the TypeScript sources the page is built from, through
// tsx, so there is exactly one implementation.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
