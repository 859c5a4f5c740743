// Skip-gram with negative sampling, word2vec.c / gensim semantics, over flat
// regions of the one linear memory. Nothing here allocates: several workers run
// it at once over one shared memory (Hogwild), each with its own scratch region.
//
// Per centre position i (token w): an effective window b uniform in 1..c; for
// every context j in [i-b, i+b] of the same sentence (j != i, token x = tokens[j])
// the INPUT vector of x is trained against the OUTPUT vector of w (label 1) and of
// `negatives` draws from the unigram^0.75 alias table (label 0; a draw equal to w is
// skipped, not redrawn). The gradient for x's input vector is accumulated and
// applied once after all targets, the output vectors are updated as we go:
// exactly word2vec.c's loop. The learning rate decays linearly per token.

import { nextU32, nextUnit, rngLoad, rngSeed, rngStore } from './rng';
import { SIGMOID_MAX, SIGMOID_SIZE } from './sigmoid';

// Per-worker scratch region (bytes). Workers' regions are 64-byte aligned and
// apart, so their hot words never share a cache line.
const S_RNG: usize = 0; // 4 x u32
const S_LOSS: usize = 16; // f64: sum of logistic losses
const S_PAIRS: usize = 24; // f64: (context, centre) pairs trained
const S_TARGETS: usize = 64; // i32 x (MAX_NEGATIVES + 1)
const S_DOTS: usize = S_TARGETS + 256; // f32 x 64
const S_NEU1E: usize = S_DOTS + 256; // f32 x stride
export const MAX_NEGATIVES: i32 = 63;

export function sgnsScratchBytes(stride: i32): i32 {
  return (<i32>S_NEU1E + (stride << 2) + 63) & ~63;
}

let lossSum: f64 = 0;

/** g = (label - sigma(f)) * alpha, clamped outside [-6, 6] as word2vec.c does; adds the loss. */
@inline
function gradient(f: f32, label: i32, alpha: f32, sigmoid: usize): f32 {
  if (f >= SIGMOID_MAX) {
    if (label == 0) lossSum += <f64>f;
    return <f32>(label - 1) * alpha;
  }
  if (f <= -SIGMOID_MAX) {
    if (label != 0) lossSum -= <f64>f;
    return <f32>label * alpha;
  }
  const idx = <usize><i32>((f + SIGMOID_MAX) * (<f32>SIGMOID_SIZE / SIGMOID_MAX / 2));
  const sig = load<f32>(sigmoid + (idx << 2));
  const lossRow = label != 0 ? <usize>SIGMOID_SIZE : <usize>(2 * SIGMOID_SIZE);
  lossSum += <f64>load<f32>(sigmoid + ((lossRow + idx) << 2));
  return (<f32>label - sig) * alpha;
}

@inline
function hsum(a: v128): f32 {
  return f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
}

/** [sum a, sum b, sum c, sum d] with one transpose instead of four reductions. */
@inline
function reduce4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}

@inline
function dot1(x: usize, y: usize, bytes: usize): f32 {
  let acc = f32x4.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  return hsum(acc);
}

/** Six dot products of x against six rows in one pass: x is loaded once per lane group. */
@inline
function dot6(x: usize, y0: usize, y1: usize, y2: usize, y3: usize, y4: usize, y5: usize, bytes: usize, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let a4 = a0;
  let a5 = a0;
  for (let o: usize = 0; o < bytes; o += 16) {
    const xv = v128.load(x + o);
    a0 = f32x4.add(a0, f32x4.mul(xv, v128.load(y0 + o)));
    a1 = f32x4.add(a1, f32x4.mul(xv, v128.load(y1 + o)));
    a2 = f32x4.add(a2, f32x4.mul(xv, v128.load(y2 + o)));
    a3 = f32x4.add(a3, f32x4.mul(xv, v128.load(y3 + o)));
    a4 = f32x4.add(a4, f32x4.mul(xv, v128.load(y4 + o)));
    a5 = f32x4.add(a5, f32x4.mul(xv, v128.load(y5 + o)));
  }
  v128.store(out, reduce4(a0, a1, a2, a3));
  const z = f32x4.splat(0);
  v128.store(out + 16, reduce4(a4, a5, z, z));
}

/**
 * The six targets' updates in one pass: e = sum g_d * y_d (old y_d, in target
 * order), y_d += g_d * x, then x += e. Same operations, in the same order per
 * float, as word2vec.c's target-by-target loop, since x does not change until the
 * end and the six rows are distinct.
 */
@inline
function update6(x: usize, y0: usize, y1: usize, y2: usize, y3: usize, y4: usize, y5: usize, grads: v128, g4: f32, g5: f32, bytes: usize): void {
  const v0 = f32x4.splat(f32x4.extract_lane(grads, 0));
  const v1 = f32x4.splat(f32x4.extract_lane(grads, 1));
  const v2 = f32x4.splat(f32x4.extract_lane(grads, 2));
  const v3 = f32x4.splat(f32x4.extract_lane(grads, 3));
  const v4 = f32x4.splat(g4);
  const v5 = f32x4.splat(g5);
  for (let o: usize = 0; o < bytes; o += 16) {
    const xv = v128.load(x + o);
    let yv = v128.load(y0 + o);
    let e = f32x4.mul(v0, yv);
    v128.store(y0 + o, f32x4.add(yv, f32x4.mul(v0, xv)));
    yv = v128.load(y1 + o);
    e = f32x4.add(e, f32x4.mul(v1, yv));
    v128.store(y1 + o, f32x4.add(yv, f32x4.mul(v1, xv)));
    yv = v128.load(y2 + o);
    e = f32x4.add(e, f32x4.mul(v2, yv));
    v128.store(y2 + o, f32x4.add(yv, f32x4.mul(v2, xv)));
    yv = v128.load(y3 + o);
    e = f32x4.add(e, f32x4.mul(v3, yv));
    v128.store(y3 + o, f32x4.add(yv, f32x4.mul(v3, xv)));
    yv = v128.load(y4 + o);
    e = f32x4.add(e, f32x4.mul(v4, yv));
    v128.store(y4 + o, f32x4.add(yv, f32x4.mul(v4, xv)));
    yv = v128.load(y5 + o);
    e = f32x4.add(e, f32x4.mul(v5, yv));
    v128.store(y5 + o, f32x4.add(yv, f32x4.mul(v5, xv)));
    v128.store(x + o, f32x4.add(xv, e));
  }
}

/** word2vec.c's loop as written: used for any target count, and when a row repeats among the targets. */
function trainPairSequential(x: usize, syn1: usize, targets: usize, n: i32, rowBytes: usize, alpha: f32, sigmoid: usize, neu1e: usize): void {
  memory.fill(neu1e, 0, rowBytes);
  for (let d = 0; d < n; d++) {
    const y = syn1 + <usize>load<i32>(targets + (<usize>d << 2)) * rowBytes;
    const g = f32x4.splat(gradient(dot1(x, y, rowBytes), d == 0 ? 1 : 0, alpha, sigmoid));
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const yv = v128.load(y + o);
      v128.store(neu1e + o, f32x4.add(v128.load(neu1e + o), f32x4.mul(g, yv)));
      v128.store(y + o, f32x4.add(yv, f32x4.mul(g, v128.load(x + o))));
    }
  }
  for (let o: usize = 0; o < rowBytes; o += 16) {
    v128.store(x + o, f32x4.add(v128.load(x + o), v128.load(neu1e + o)));
  }
}

/**
 * Trains centre positions [start, end) of the token stream. `sentence` is the
 * index of the sentence holding `start` (offsets[sentence] <= start <
 * offsets[sentence + 1]); contexts never cross sentence boundaries, so a chunk may
 * begin or end inside a sentence. The learning rate at position start + k is
 * max(alpha0 - k * alphaStep, alphaMin). Adds the loss and pair count to the
 * scratch region's totals; reads and writes back its PRNG state.
 */
export function sgnsTrain(
  syn0: usize,
  syn1: usize,
  stride: i32,
  tokens: usize,
  offsets: usize,
  sentence: i32,
  start: i32,
  end: i32,
  window: i32,
  negatives: i32,
  table: usize,
  tableBits: i32,
  sigmoid: usize,
  alpha0: f64,
  alphaStep: f64,
  alphaMin: f64,
  scratch: usize,
): void {
  rngLoad(scratch + S_RNG);
  lossSum = 0;
  let pairs: f64 = 0;
  const rowBytes = <usize>stride << 2;
  const targets = scratch + S_TARGETS;
  const dots = scratch + S_DOTS;
  const neu1e = scratch + S_NEU1E;
  const shift = <u32>(32 - tableBits);
  const coinMask = <u32>((<u64>1 << shift) - 1);
  const fast = negatives == 5;
  let sent = sentence;
  let sStart = load<i32>(offsets + (<usize>sent << 2));
  let sEnd = load<i32>(offsets + (<usize>(sent + 1) << 2));
  for (let i = start; i < end; i++) {
    while (i >= sEnd) {
      sent++;
      sStart = sEnd;
      sEnd = load<i32>(offsets + (<usize>(sent + 1) << 2));
    }
    let a = alpha0 - <f64>(i - start) * alphaStep;
    if (a < alphaMin) a = alphaMin;
    const alpha = <f32>a;
    const w = load<i32>(tokens + (<usize>i << 2));
    // window - floor(u * window): uniform in 1..window, one draw per position.
    const b = window - <i32>((<u64>nextU32() * <u64>window) >>> 32);
    let lo = i - b;
    if (lo < sStart) lo = sStart;
    let hi = i + b + 1;
    if (hi > sEnd) hi = sEnd;
    const yw = syn1 + <usize>w * rowBytes;
    store<i32>(targets, w);
    for (let j = lo; j < hi; j++) {
      if (j == i) continue;
      const x = syn0 + <usize>load<i32>(tokens + (<usize>j << 2)) * rowBytes;
      let n = 1;
      let repeated = false;
      for (let d = 0; d < negatives; d++) {
        // Alias table: the top bits pick a bucket, the rest toss its coin.
        const r = nextU32();
        const slot = r >>> shift;
        const bucket = table + (<usize>slot << 3);
        const t = select<i32>(<i32>slot, load<i32>(bucket, 4), (r & coinMask) < load<u32>(bucket));
        if (t == w) continue;
        for (let k = 1; k < n; k++) {
          if (load<i32>(targets + (<usize>k << 2)) == t) repeated = true;
        }
        store<i32>(targets + (<usize>n << 2), t);
        n++;
      }
      pairs += 1;
      if (fast && n == 6 && !repeated) {
        const y1 = syn1 + <usize>load<i32>(targets, 4) * rowBytes;
        const y2 = syn1 + <usize>load<i32>(targets, 8) * rowBytes;
        const y3 = syn1 + <usize>load<i32>(targets, 12) * rowBytes;
        const y4 = syn1 + <usize>load<i32>(targets, 16) * rowBytes;
        const y5 = syn1 + <usize>load<i32>(targets, 20) * rowBytes;
        dot6(x, yw, y1, y2, y3, y4, y5, rowBytes, dots);
        const g0 = gradient(load<f32>(dots), 1, alpha, sigmoid);
        const g1 = gradient(load<f32>(dots, 4), 0, alpha, sigmoid);
        const g2 = gradient(load<f32>(dots, 8), 0, alpha, sigmoid);
        const g3 = gradient(load<f32>(dots, 12), 0, alpha, sigmoid);
        const g4 = gradient(load<f32>(dots, 16), 0, alpha, sigmoid);
        const g5 = gradient(load<f32>(dots, 20), 0, alpha, sigmoid);
        let gv = f32x4.splat(g0);
        gv = f32x4.replace_lane(gv, 1, g1);
        gv = f32x4.replace_lane(gv, 2, g2);
        gv = f32x4.replace_lane(gv, 3, g3);
        update6(x, yw, y1, y2, y3, y4, y5, gv, g4, g5, rowBytes);
      } else {
        trainPairSequential(x, syn1, targets, n, rowBytes, alpha, sigmoid, neu1e);
      }
    }
  }
  store<f64>(scratch + S_LOSS, load<f64>(scratch + S_LOSS) + lossSum);
  store<f64>(scratch + S_PAIRS, load<f64>(scratch + S_PAIRS) + pairs);
  rngStore(scratch + S_RNG);
}

/** Input vectors of rows [rowStart, rowEnd): uniform in +-0.5/dim (word2vec.c), pads zero. */
export function sgnsInitRows(syn0: usize, rowStart: i32, rowEnd: i32, stride: i32, dim: i32, scratch: usize): void {
  rngLoad(scratch + S_RNG);
  const inv = <f32>1 / <f32>dim;
  for (let r = rowStart; r < rowEnd; r++) {
    const row = syn0 + <usize>r * (<usize>stride << 2);
    for (let k = 0; k < stride; k++) {
      store<f32>(row + (<usize>k << 2), k < dim ? (nextUnit() - 0.5) * inv : 0);
    }
  }
  rngStore(scratch + S_RNG);
}

export function sgnsSeed(scratch: usize, seed: u32, stream: u32): void {
  rngSeed(scratch + S_RNG, seed, stream);
  store<f64>(scratch + S_LOSS, 0);
  store<f64>(scratch + S_PAIRS, 0);
}
