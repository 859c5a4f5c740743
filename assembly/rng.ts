// xoshiro128** (Blackman & Vigna, 2018): four 32-bit words of state and only
// 32-bit operations, so the TypeScript test reference mirrors it exactly with
// Math.imul. The state lives in module globals while a kernel runs: every worker
// has its own instance, so globals are per thread even over a shared memory.
// Kernels load it from their scratch region on entry and store it on exit.

let s0: u32 = 1;
let s1: u32 = 2;
let s2: u32 = 3;
let s3: u32 = 4;

@inline
function rotl(x: u32, k: u32): u32 {
  return (x << k) | (x >>> (32 - k));
}

@inline
export function nextU32(): u32 {
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  return result;
}

/** Uniform in [0, 1) with 24 bits: exactly representable as f32. */
@inline
export function nextUnit(): f32 {
  return <f32>(nextU32() >>> 8) * (1.0 / 16777216.0);
}

@inline
export function rngLoad(state: usize): void {
  s0 = load<u32>(state);
  s1 = load<u32>(state, 4);
  s2 = load<u32>(state, 8);
  s3 = load<u32>(state, 12);
}

@inline
export function rngStore(state: usize): void {
  store<u32>(state, s0);
  store<u32>(state, s1, 4);
  store<u32>(state, s2, 8);
  store<u32>(state, s3, 12);
}

@inline
function splitmix32(x: u32): u32 {
  x = (x ^ (x >>> 16)) * 0x85ebca6b;
  x = (x ^ (x >>> 13)) * 0xc2b2ae35;
  return x ^ (x >>> 16);
}

/** Seeds the 16-byte state at `state` from (seed, stream): one stream per worker or use. */
export function rngSeed(state: usize, seed: u32, stream: u32): void {
  let x = seed * 0x9e3779b9 + stream * 0x632be5ab + 0x5851f42d;
  for (let i: usize = 0; i < 4; i++) {
    x += 0x9e3779b9;
    let v = splitmix32(x);
    // xoshiro's state must not be all zero; one nonzero word suffices.
    if (i == 0 && v == 0) v = 0x2545f491;
    store<u32>(state + (i << 2), v);
  }
}
