#!/usr/bin/env node
// The command line runs the TypeScript sources the page is built from, through
// tsx, so there is exactly one implementation.
import { register } from 'tsx/esm/api';

register();
// Training uses the relaxed-SIMD kernels (fused multiply-add) where V8 has them;
// Node 20 has them behind a flag, which this sets before any kernel is compiled.
const { enableRelaxedSimd } = await import('../src/wasm/node-relaxed-simd.ts');
await enableRelaxedSimd();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
