// Node 20's V8 (11.3) compiles relaxed SIMD only behind
// --experimental-wasm-relaxed-simd (Node 22's V8 ships it). The flag is read
// when a module is validated or compiled, so setting it at start-up, before any
// kernel is compiled, works for the process and every worker it starts later;
// that saves the CLI a re-exec of itself with the flag (NODE_OPTIONS does not
// accept it). For Node entry points only (bin/darkvec.mjs, bin/bench.mjs, tests).
import { relaxedSimdSupported } from './kernel-module';

/** Turns relaxed SIMD on where Node has it behind a flag; says whether kernels may now use it. */
export async function enableRelaxedSimd(): Promise<boolean> {
  if (relaxedSimdSupported()) return true;
  const v8Name = 'node:v8';
  const v8 = (await import(/* @vite-ignore */ v8Name)) as typeof import('node:v8');
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdSupported();
}
