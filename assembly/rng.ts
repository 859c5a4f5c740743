// SplitMix64 (Steele, Lea and Flood, 2014; the seeder of xoshiro): the state is
// one u64 that advances by a constant, and each draw is a pure mix of it. So a
// kernel keeps the state in a local (a register) for a whole call, where a
// generator with state in module globals pays a memory load and store per word
// in V8; and one draw gives 64 bits, two 32-bit draws (high half first). The
// TypeScript test references mirror it with BigInt.

export const GOLDEN: u64 = 0x9e3779b97f4a7c15;

/** The output function: state -> 64 random bits. */
@inline
export function mix64(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Uniform in [0, 1) with 24 bits (exactly representable as f32) from one draw. */
@inline
export function unitOf(r: u64): f32 {
  return <f32>(r >> 40) * (1.0 / 16777216.0);
}

/** The 8-byte state at `state` from (seed, stream): one stream per worker or use. */
export function rngSeed(state: usize, seed: u32, stream: u32): void {
  store<u64>(state, mix64((<u64>seed << 32) | <u64>stream));
}
