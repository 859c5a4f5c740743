// Seeded randomness for the simulator. Our own generator, not Math.random,
// so the same seed gives the same trace in Node and in every browser.

/** SplitMix32 step: spreads a seed over the xoshiro state. */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Murmur3's 32-bit finaliser: a cheap, well-mixed hash of one integer. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Stateless hash of up to four integers to a uint32. Used where a draw must
 * not depend on generation order (a sender's port set, its daily habits), so
 * it is the same whichever day or slice asks for it.
 */
export function hash4(a: number, b: number, c = 0, d = 0): number {
  let h = mix32(a ^ 0x3c6ef372);
  h = mix32(h ^ Math.imul(b | 0, 0x9e3779b1));
  h = mix32(h ^ Math.imul(c | 0, 0x85ebca77));
  return mix32(h ^ Math.imul(d | 0, 0xc2b2ae3d));
}

/** A hash as a float in [0, 1). */
export function hashUnit(a: number, b: number, c = 0, d = 0): number {
  return hash4(a, b, c, d) * 2.3283064365386963e-10;
}

/** xoshiro128** (Blackman & Vigna): fast, 2^128 period, plain 32-bit integer arithmetic. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    const st = { s: (seed ^ Math.imul(stream, 0x632be5ab)) | 0 };
    this.a = splitMix32(st);
    this.b = splitMix32(st);
    this.c = splitMix32(st);
    this.d = splitMix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform uint32. */
  next(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  float(): number {
    return this.next() * 2.3283064365386963e-10;
  }

  /** Uniform integer in [0, n), n <= 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box-Muller; the second value is dropped to keep the state simple). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(6.283185307179586 * this.float());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Standard normal from a hash (inverse of a two-uniform Box-Muller). */
export function hashNormal(a: number, b: number, c = 0, d = 0): number {
  const u = 1 - hashUnit(a, b, c, d);
  const v = hashUnit(a, b ^ 0x5bd1e995, c, d);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(6.283185307179586 * v);
}

/** Seeded Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Xoshiro128): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
