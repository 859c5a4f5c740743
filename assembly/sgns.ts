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
//
// Random draws (tests/assembly/sgns-reference.ts mirrors this exactly): per
// centre one SplitMix64 word, whose high half picks the window; per pair,
// negative d takes half (d & 1) (high first) of the pair's word d >> 1, the
// unused half of an odd count is dropped.
//
// The build with relaxed SIMD (ASC_FEATURE_RELAXED_SIMD) uses a fused
// multiply-add for every a * b + c below; the plain build rounds the product
// first. Otherwise the two builds run the same operations in the same order.

import { GOLDEN, mix64, rngSeed, unitOf } from './rng';
import { SIGMOID_MAX, SIGMOID_SIZE } from './sigmoid';

// Per-worker scratch region (bytes). Workers' regions are 64-byte aligned and
// apart, so their hot words never share a cache line.
const S_RNG: usize = 0; // u64 SplitMix64 state
const S_LOSS: usize = 16; // f64: sum of logistic losses
const S_PAIRS: usize = 24; // f64: (context, centre) pairs trained
const S_LOSS_PAIRS: usize = 32; // f64: pairs whose loss is in S_LOSS
// The job's configuration, written once by sgnsConfigure.
const C_SYN0: usize = 40;
const C_SYN1: usize = 44;
const C_STRIDE: usize = 48;
const C_TOKENS: usize = 52;
const C_OFFSETS: usize = 56;
const C_WINDOW: usize = 60;
const C_NEGATIVES: usize = 64;
const C_TABLE: usize = 68;
const C_TABLE_BITS: usize = 72;
const C_SIGMOID: usize = 76;
const C_HOT: usize = 80;
const C_HOT_ROWS: usize = 84;
const C_ALPHA: usize = 88; // f64
const C_ALPHA_STEP: usize = 96; // f64
const C_ALPHA_MIN: usize = 104; // f64
const C_SHARED_NEGATIVES: usize = 112; // i32: 1 = one set of negatives per centre position
// The loss is for reporting only, and its table lookups cost an eighth of a
// pair's instructions: it is summed over the pairs of every 8th centre position
// (by global position, so how the stream is cut into calls does not change it).
const LOSS_SAMPLE_MASK: i64 = 7;
const S_TARGETS: usize = 128; // i32 x (MAX_NEGATIVES + 1)
const S_NEU1E: usize = S_TARGETS + 256; // f32 x stride
export const MAX_NEGATIVES: i32 = 63;

export function sgnsScratchBytes(stride: i32): i32 {
  return (<i32>S_NEU1E + (stride << 2) + 63) & ~63;
}

/** Bytes of a worker's hot-row region: copies of rows 0..hotRows-1 of both matrices, and their snapshots. */
export function sgnsHotBytes(stride: i32, hotRows: i32): i32 {
  return hotRows * (stride << 2) * 4;
}

/**
 * Stores the job's layout and schedule in the worker's scratch region. Rows
 * below hotRows are read and written in the worker's private hot region
 * (`hot`, sgnsHotBytes long) instead of the shared matrices; 0 turns that off.
 * The learning rate at global position k (epoch * tokens + position) is
 * max(alpha - k * alphaStep, alphaMin). sharedNegatives: the negatives drawn for
 * a centre position's first pair serve all its pairs (fewer draws; not
 * word2vec.c's sampling, so off unless asked for).
 */
export function sgnsConfigure(
  scratch: usize, syn0: usize, syn1: usize, stride: i32, tokens: usize, offsets: usize, window: i32, negatives: i32,
  table: usize, tableBits: i32, sigmoid: usize, alpha: f64, alphaStep: f64, alphaMin: f64, hot: usize, hotRows: i32,
  sharedNegatives: bool,
): void {
  store<u32>(scratch + C_SYN0, <u32>syn0);
  store<u32>(scratch + C_SYN1, <u32>syn1);
  store<i32>(scratch + C_STRIDE, stride);
  store<u32>(scratch + C_TOKENS, <u32>tokens);
  store<u32>(scratch + C_OFFSETS, <u32>offsets);
  store<i32>(scratch + C_WINDOW, window);
  store<i32>(scratch + C_NEGATIVES, negatives);
  store<u32>(scratch + C_TABLE, <u32>table);
  store<i32>(scratch + C_TABLE_BITS, tableBits);
  store<u32>(scratch + C_SIGMOID, <u32>sigmoid);
  store<u32>(scratch + C_HOT, <u32>hot);
  store<i32>(scratch + C_HOT_ROWS, hotRows);
  store<f64>(scratch + C_ALPHA, alpha);
  store<f64>(scratch + C_ALPHA_STEP, alphaStep);
  store<f64>(scratch + C_ALPHA_MIN, alphaMin);
  store<i32>(scratch + C_SHARED_NEGATIVES, sharedNegatives ? 1 : 0);
}

@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** (l0 + l2) + (l1 + l3): the one reduction order of every dot product here. */
@inline
function hsum(a: v128): f32 {
  const h = f32x4.add(a, v128.shuffle<f32>(a, a, 2, 3, 0, 1));
  return f32x4.extract_lane(h, 0) + f32x4.extract_lane(h, 1);
}

/** [hsum a, hsum b, hsum c, hsum d] with one transpose instead of four reductions. */
@inline
function reduce4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}

@inline
function dot1(x: usize, y: usize, bytes: usize): f32 {
  let acc = f32x4.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) acc = madd(v128.load(x + o), v128.load(y + o), acc);
  return hsum(acc);
}

/** Row `id` of a matrix: in the worker's hot copy when id < hotRows. */
@inline
function rowOf(id: i32, shared: usize, hot: usize, hotRows: i32, rowBytes: usize): usize {
  return select<usize>(hot, shared, id < hotRows) + <usize>id * rowBytes;
}

/** Alias-table draw from 32 random bits: the top bits pick a bucket, the rest toss its coin. */
@inline
function drawNegative(r: u32, table: usize, shift: u32, coinMask: u32): i32 {
  const slot = r >>> shift;
  const bucket = load<u64>(table + (<usize>slot << 3));
  return select<i32>(<i32>slot, <i32>(bucket >>> 32), (r & coinMask) < <u32>bucket);
}

/** Where f falls in the sigmoid table: (f + 6) * 1000 / 12; outside (0, 1000) the gradient is clamped. */
@inline
function tablePos(f: f32): f32 {
  return (f + SIGMOID_MAX) * (<f32>SIGMOID_SIZE / SIGMOID_MAX / 2);
}

/** g = (label - sigma(f)) * alpha, clamped outside the table as word2vec.c clamps outside [-6, 6]. */
@inline
function gradient(f: f32, label: i32, alpha: f32, sigmoid: usize): f32 {
  const t = tablePos(f);
  if (t >= <f32>SIGMOID_SIZE) return <f32>(label - 1) * alpha;
  if (t <= 0) return <f32>label * alpha;
  return (<f32>label - load<f32>(sigmoid + (<usize><i32>t << 2))) * alpha;
}

/**
 * gradient() of four dot products at once, without branches (the clamps are
 * data-dependent and mispredict once the model is confident): the same f32
 * operations per lane, so bit for bit the same gradients. `lanes` (2 or 4) lanes are looked up.
 */
@inline
function gradient4(f: v128, label: v128, alpha: v128, sigmoid: usize, lanes: i32): v128 {
  const t = f32x4.mul(f32x4.add(f, f32x4.splat(SIGMOID_MAX)), f32x4.splat(<f32>SIGMOID_SIZE / SIGMOID_MAX / 2));
  const inside = i32x4.min_s(i32x4.max_s(i32x4.trunc_sat_f32x4_s(t), i32x4.splat(0)), i32x4.splat(SIGMOID_SIZE - 1));
  const at = i32x4.add(i32x4.shl(inside, 2), i32x4.splat(<i32>sigmoid));
  let s = f32x4.splat(load<f32>(<usize>i32x4.extract_lane(at, 0)));
  s = f32x4.replace_lane(s, 1, load<f32>(<usize>i32x4.extract_lane(at, 1)));
  if (lanes > 2) {
    s = f32x4.replace_lane(s, 2, load<f32>(<usize>i32x4.extract_lane(at, 2)));
    s = f32x4.replace_lane(s, 3, load<f32>(<usize>i32x4.extract_lane(at, 3)));
  }
  s = v128.bitselect(f32x4.splat(1), s, f32x4.ge(t, f32x4.splat(<f32>SIGMOID_SIZE)));
  s = v128.bitselect(f32x4.splat(0), s, f32x4.le(t, f32x4.splat(0)));
  return f32x4.mul(f32x4.sub(label, s), alpha);
}

/** The logistic loss of one target, for reporting: tabulated inside the table, linear outside. */
@inline
function logLoss(f: f32, label: i32, sigmoid: usize): f32 {
  const t = tablePos(f);
  if (t >= <f32>SIGMOID_SIZE) return label != 0 ? 0 : f;
  if (t <= 0) return label != 0 ? -f : 0;
  const row = label != 0 ? <usize>SIGMOID_SIZE : <usize>(2 * SIGMOID_SIZE);
  return load<f32>(sigmoid + ((row + <usize><i32>t) << 2));
}

/**
 * Six dot products of x against six rows in one pass: x is loaded once per lane
 * group. Unrolled by four lane groups with constant offsets, so V8 needs no
 * address arithmetic per load; the sums still run over the lane groups in order.
 */
@inline
function dot6(x: usize, y0: usize, y1: usize, y2: usize, y3: usize, y4: usize, y5: usize, bytes: usize, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let a4 = a0;
  let a5 = a0;
  let o: usize = 0;
  for (; o + 64 <= bytes; o += 64) {
    const xb = x + o;
    const b0 = y0 + o;
    const b1 = y1 + o;
    const b2 = y2 + o;
    const b3 = y3 + o;
    const b4 = y4 + o;
    const b5 = y5 + o;
    let xv = v128.load(xb);
    a0 = madd(xv, v128.load(b0), a0);
    a1 = madd(xv, v128.load(b1), a1);
    a2 = madd(xv, v128.load(b2), a2);
    a3 = madd(xv, v128.load(b3), a3);
    a4 = madd(xv, v128.load(b4), a4);
    a5 = madd(xv, v128.load(b5), a5);
    xv = v128.load(xb, 16);
    a0 = madd(xv, v128.load(b0, 16), a0);
    a1 = madd(xv, v128.load(b1, 16), a1);
    a2 = madd(xv, v128.load(b2, 16), a2);
    a3 = madd(xv, v128.load(b3, 16), a3);
    a4 = madd(xv, v128.load(b4, 16), a4);
    a5 = madd(xv, v128.load(b5, 16), a5);
    xv = v128.load(xb, 32);
    a0 = madd(xv, v128.load(b0, 32), a0);
    a1 = madd(xv, v128.load(b1, 32), a1);
    a2 = madd(xv, v128.load(b2, 32), a2);
    a3 = madd(xv, v128.load(b3, 32), a3);
    a4 = madd(xv, v128.load(b4, 32), a4);
    a5 = madd(xv, v128.load(b5, 32), a5);
    xv = v128.load(xb, 48);
    a0 = madd(xv, v128.load(b0, 48), a0);
    a1 = madd(xv, v128.load(b1, 48), a1);
    a2 = madd(xv, v128.load(b2, 48), a2);
    a3 = madd(xv, v128.load(b3, 48), a3);
    a4 = madd(xv, v128.load(b4, 48), a4);
    a5 = madd(xv, v128.load(b5, 48), a5);
  }
  for (; o < bytes; o += 16) {
    const xv = v128.load(x + o);
    a0 = madd(xv, v128.load(y0 + o), a0);
    a1 = madd(xv, v128.load(y1 + o), a1);
    a2 = madd(xv, v128.load(y2 + o), a2);
    a3 = madd(xv, v128.load(y3 + o), a3);
    a4 = madd(xv, v128.load(y4 + o), a4);
    a5 = madd(xv, v128.load(y5 + o), a5);
  }
  v128.store(out, reduce4(a0, a1, a2, a3));
  const z = f32x4.splat(0);
  v128.store(out + 16, reduce4(a4, a5, z, z));
}

/** One target's share of a lane group: e += g * y (old y), y += g * x. */
@inline
function updateTarget(y: usize, g: v128, xv: v128, e: v128): v128 {
  const yv = v128.load(y);
  v128.store(y, madd(g, xv, yv));
  return madd(g, yv, e);
}

/** One lane group of update6 (addresses already offset; constant offsets fold into the loads). */
@inline
function update6Group(x: usize, y0: usize, y1: usize, y2: usize, y3: usize, y4: usize, y5: usize, v0: v128, v1: v128, v2: v128, v3: v128, v4: v128, v5: v128): void {
  const xv = v128.load(x);
  const y0v = v128.load(y0);
  v128.store(y0, madd(v0, xv, y0v));
  let e = f32x4.mul(v0, y0v);
  e = updateTarget(y1, v1, xv, e);
  e = updateTarget(y2, v2, xv, e);
  e = updateTarget(y3, v3, xv, e);
  e = updateTarget(y4, v4, xv, e);
  e = updateTarget(y5, v5, xv, e);
  v128.store(x, f32x4.add(xv, e));
}

/**
 * The six targets' updates in one pass: e = sum g_d * y_d (old y_d, in target
 * order), y_d += g_d * x, then x += e. Same operations, in the same order per
 * float, as word2vec.c's target-by-target loop, since x does not change until the
 * end and the six rows are distinct. Unrolled like dot6.
 */
@inline
function update6(x: usize, y0: usize, y1: usize, y2: usize, y3: usize, y4: usize, y5: usize, g03: v128, g45: v128, bytes: usize): void {
  const v0 = v128.shuffle<f32>(g03, g03, 0, 0, 0, 0);
  const v1 = v128.shuffle<f32>(g03, g03, 1, 1, 1, 1);
  const v2 = v128.shuffle<f32>(g03, g03, 2, 2, 2, 2);
  const v3 = v128.shuffle<f32>(g03, g03, 3, 3, 3, 3);
  const v4 = v128.shuffle<f32>(g45, g45, 0, 0, 0, 0);
  const v5 = v128.shuffle<f32>(g45, g45, 1, 1, 1, 1);
  let o: usize = 0;
  for (; o + 64 <= bytes; o += 64) {
    const xb = x + o;
    const b0 = y0 + o;
    const b1 = y1 + o;
    const b2 = y2 + o;
    const b3 = y3 + o;
    const b4 = y4 + o;
    const b5 = y5 + o;
    update6Group(xb, b0, b1, b2, b3, b4, b5, v0, v1, v2, v3, v4, v5);
    update6Group(xb + 16, b0 + 16, b1 + 16, b2 + 16, b3 + 16, b4 + 16, b5 + 16, v0, v1, v2, v3, v4, v5);
    update6Group(xb + 32, b0 + 32, b1 + 32, b2 + 32, b3 + 32, b4 + 32, b5 + 32, v0, v1, v2, v3, v4, v5);
    update6Group(xb + 48, b0 + 48, b1 + 48, b2 + 48, b3 + 48, b4 + 48, b5 + 48, v0, v1, v2, v3, v4, v5);
  }
  for (; o < bytes; o += 16) update6Group(x + o, y0 + o, y1 + o, y2 + o, y3 + o, y4 + o, y5 + o, v0, v1, v2, v3, v4, v5);
}

/** word2vec.c's loop as written, for any target count, and when a row repeats among the targets. */
function trainPairSequential(x: usize, syn1: usize, hot1: usize, hotRows: i32, targets: usize, n: i32, rowBytes: usize, alpha: f32, sigmoid: usize, neu1e: usize, sampled: bool): f32 {
  let loss: f32 = 0;
  memory.fill(neu1e, 0, rowBytes);
  for (let d = 0; d < n; d++) {
    const y = rowOf(load<i32>(targets + (<usize>d << 2)), syn1, hot1, hotRows, rowBytes);
    const f = dot1(x, y, rowBytes);
    if (sampled) loss += logLoss(f, d == 0 ? 1 : 0, sigmoid);
    const g = f32x4.splat(gradient(f, d == 0 ? 1 : 0, alpha, sigmoid));
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const yv = v128.load(y + o);
      v128.store(neu1e + o, madd(g, yv, v128.load(neu1e + o)));
      v128.store(y + o, madd(g, v128.load(x + o), yv));
    }
  }
  for (let o: usize = 0; o < rowBytes; o += 16) {
    v128.store(x + o, f32x4.add(v128.load(x + o), v128.load(neu1e + o)));
  }
  return loss;
}

/** 1 when any two of the six ids are equal (a skipped or a repeated negative), else 0. */
@inline
function anyEqual(w: i32, t1: i32, t2: i32, t3: i32, t4: i32, t5: i32): bool {
  const a = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(w), 1, t1), 2, t2), 3, t3);
  let eq = v128.or(i32x4.eq(a, v128.shuffle<i32>(a, a, 1, 2, 3, 0)), i32x4.eq(a, v128.shuffle<i32>(a, a, 2, 3, 0, 1)));
  eq = v128.or(eq, v128.or(i32x4.eq(a, i32x4.splat(t4)), i32x4.eq(a, i32x4.splat(t5))));
  return v128.any_true(eq) || t4 == t5;
}

/**
 * Trains centre positions [start, end) of the token stream with the job of
 * sgnsConfigure. `sentence` is the index of the sentence holding `start`
 * (offsets[sentence] <= start < offsets[sentence + 1]); contexts never cross
 * sentence boundaries, so a chunk may begin or end inside a sentence. `index`
 * is the global position of `start` (epoch * tokens + start): it sets the
 * learning rate, so how the stream is cut into calls changes nothing. Adds the
 * pairs trained, and the loss and count of the sampled pairs, to the scratch
 * region's totals; reads and writes back its PRNG state.
 */
export function sgnsTrain(scratch: usize, sentence: i32, start: i32, end: i32, index: f64): void {
  const syn0 = <usize>load<u32>(scratch + C_SYN0);
  const syn1 = <usize>load<u32>(scratch + C_SYN1);
  const rowBytes = <usize>load<i32>(scratch + C_STRIDE) << 2;
  const tokens = <usize>load<u32>(scratch + C_TOKENS);
  const offsets = <usize>load<u32>(scratch + C_OFFSETS);
  const window = load<i32>(scratch + C_WINDOW);
  const negatives = load<i32>(scratch + C_NEGATIVES);
  const table = <usize>load<u32>(scratch + C_TABLE);
  const tableBits = load<i32>(scratch + C_TABLE_BITS);
  const sigmoid = <usize>load<u32>(scratch + C_SIGMOID);
  const hotRows = load<i32>(scratch + C_HOT_ROWS);
  const hot0 = <usize>load<u32>(scratch + C_HOT);
  const hot1 = hot0 + <usize>hotRows * rowBytes;
  const alpha0 = load<f64>(scratch + C_ALPHA);
  const alphaStep = load<f64>(scratch + C_ALPHA_STEP);
  const alphaMin = load<f64>(scratch + C_ALPHA_MIN);
  const targets = scratch + S_TARGETS;
  const dots = scratch + S_NEU1E; // the fused path needs no neu1e
  const neu1e = scratch + S_NEU1E;
  const shift = <u32>(32 - tableBits);
  const coinMask = <u32>((<u64>1 << shift) - 1);
  const fast = negatives == 5;
  const labels = f32x4(1, 0, 0, 0);
  const zeros = f32x4.splat(0);
  const sharedNegatives = load<i32>(scratch + C_SHARED_NEGATIVES) != 0;
  let rng = load<u64>(scratch + S_RNG);
  let loss: f64 = 0;
  let pairs: i32 = 0;
  let lossPairs: i32 = 0;
  const first = <i64>index;
  let sent = sentence;
  let sStart = load<i32>(offsets + (<usize>sent << 2));
  let sEnd = load<i32>(offsets + (<usize>(sent + 1) << 2));
  for (let i = start; i < end; i++) {
    while (i >= sEnd) {
      sent++;
      sStart = sEnd;
      sEnd = load<i32>(offsets + (<usize>(sent + 1) << 2));
    }
    let a = alpha0 - (index + <f64>(i - start)) * alphaStep;
    if (a < alphaMin) a = alphaMin;
    const alpha = <f32>a;
    const alphas = f32x4.splat(alpha);
    const w = load<i32>(tokens + (<usize>i << 2));
    // window - floor(u * window): uniform in 1..window.
    rng += GOLDEN;
    const b = window - <i32>(((mix64(rng) >>> 32) * <u64>window) >>> 32);
    let lo = i - b;
    if (lo < sStart) lo = sStart;
    let hi = i + b + 1;
    if (hi > sEnd) hi = sEnd;
    const yw = rowOf(w, syn1, hot1, hotRows, rowBytes);
    store<i32>(targets, w);
    let pairLossSum: f32 = 0;
    const sampled = ((first + <i64>(i - start)) & LOSS_SAMPLE_MASK) == 0;
    // With sharedNegatives (an approximation, off by default) the first pair's
    // negatives serve every context of this centre position.
    let fresh = true;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    let t4 = 0;
    let t5 = 0;
    let distinct = false;
    let n = 1;
    for (let j = lo; j < hi; j++) {
      if (j == i) continue;
      const xid = load<i32>(tokens + (<usize>j << 2));
      const x = rowOf(xid, syn0, hot0, hotRows, rowBytes);
      pairs++;
      if (fast) {
        if (fresh) {
          const r0 = mix64(rng + GOLDEN);
          const r1 = mix64(rng + 2 * GOLDEN);
          const r2 = mix64(rng + 3 * GOLDEN);
          rng += 3 * GOLDEN;
          t1 = drawNegative(<u32>(r0 >>> 32), table, shift, coinMask);
          t2 = drawNegative(<u32>r0, table, shift, coinMask);
          t3 = drawNegative(<u32>(r1 >>> 32), table, shift, coinMask);
          t4 = drawNegative(<u32>r1, table, shift, coinMask);
          t5 = drawNegative(<u32>(r2 >>> 32), table, shift, coinMask);
          distinct = !anyEqual(w, t1, t2, t3, t4, t5);
          fresh = !sharedNegatives;
        }
        if (distinct) {
          const y1 = rowOf(t1, syn1, hot1, hotRows, rowBytes);
          const y2 = rowOf(t2, syn1, hot1, hotRows, rowBytes);
          const y3 = rowOf(t3, syn1, hot1, hotRows, rowBytes);
          const y4 = rowOf(t4, syn1, hot1, hotRows, rowBytes);
          const y5 = rowOf(t5, syn1, hot1, hotRows, rowBytes);
          dot6(x, yw, y1, y2, y3, y4, y5, rowBytes, dots);
          const f03 = v128.load(dots);
          const f45 = v128.load(dots, 16);
          const g03 = gradient4(f03, labels, alphas, sigmoid, 4);
          const g45 = gradient4(f45, zeros, alphas, sigmoid, 2);
          update6(x, yw, y1, y2, y3, y4, y5, g03, g45, rowBytes);
          if (sampled) {
            let pl: f32 = 0;
            pl += logLoss(f32x4.extract_lane(f03, 0), 1, sigmoid);
            pl += logLoss(f32x4.extract_lane(f03, 1), 0, sigmoid);
            pl += logLoss(f32x4.extract_lane(f03, 2), 0, sigmoid);
            pl += logLoss(f32x4.extract_lane(f03, 3), 0, sigmoid);
            pl += logLoss(f32x4.extract_lane(f45, 0), 0, sigmoid);
            pl += logLoss(f32x4.extract_lane(f45, 1), 0, sigmoid);
            pairLossSum += pl;
          }
          continue;
        }
        // A skipped or repeated negative: the same targets, trained one by one.
        n = 1;
        if (t1 != w) store<i32>(targets + (<usize>(n++) << 2), t1);
        if (t2 != w) store<i32>(targets + (<usize>(n++) << 2), t2);
        if (t3 != w) store<i32>(targets + (<usize>(n++) << 2), t3);
        if (t4 != w) store<i32>(targets + (<usize>(n++) << 2), t4);
        if (t5 != w) store<i32>(targets + (<usize>(n++) << 2), t5);
        pairLossSum += trainPairSequential(x, syn1, hot1, hotRows, targets, n, rowBytes, alpha, sigmoid, neu1e, sampled);
        continue;
      }
      if (fresh) {
        n = 1;
        let r: u64 = 0;
        for (let d = 0; d < negatives; d++) {
          if ((d & 1) == 0) {
            rng += GOLDEN;
            r = mix64(rng);
          }
          const t = drawNegative(<u32>((d & 1) != 0 ? r : r >>> 32), table, shift, coinMask);
          if (t == w) continue;
          store<i32>(targets + (<usize>n << 2), t);
          n++;
        }
        fresh = !sharedNegatives;
      }
      pairLossSum += trainPairSequential(x, syn1, hot1, hotRows, targets, n, rowBytes, alpha, sigmoid, neu1e, sampled);
    }
    if (sampled) {
      loss += <f64>pairLossSum;
      lossPairs += hi - lo - 1;
    }
  }
  store<f64>(scratch + S_LOSS, load<f64>(scratch + S_LOSS) + loss);
  store<f64>(scratch + S_PAIRS, load<f64>(scratch + S_PAIRS) + <f64>pairs);
  store<f64>(scratch + S_LOSS_PAIRS, load<f64>(scratch + S_LOSS_PAIRS) + <f64>lossPairs);
  store<u64>(scratch + S_RNG, rng);
}

/** Copies the shared rows 0..hotRows-1 of both matrices into the worker's hot copies and snapshots. */
export function sgnsHotLoad(scratch: usize): void {
  const hotRows = load<i32>(scratch + C_HOT_ROWS);
  const bytes = <usize>hotRows * (<usize>load<i32>(scratch + C_STRIDE) << 2);
  const hot = <usize>load<u32>(scratch + C_HOT);
  memory.copy(hot, <usize>load<u32>(scratch + C_SYN0), bytes);
  memory.copy(hot + bytes, <usize>load<u32>(scratch + C_SYN1), bytes);
  memory.copy(hot + 2 * bytes, hot, 2 * bytes);
}

/**
 * Adds what this worker changed in its hot copies since the last merge (copy -
 * snapshot) to the shared rows, then refreshes copy and snapshot from the shared
 * rows, which now also hold the other workers' merged changes.
 */
export function sgnsHotMerge(scratch: usize): void {
  const hotRows = load<i32>(scratch + C_HOT_ROWS);
  const bytes = <usize>hotRows * (<usize>load<i32>(scratch + C_STRIDE) << 2);
  const copy = <usize>load<u32>(scratch + C_HOT);
  const snap = copy + 2 * bytes;
  mergeRows(<usize>load<u32>(scratch + C_SYN0), copy, snap, bytes);
  mergeRows(<usize>load<u32>(scratch + C_SYN1), copy + bytes, snap + bytes, bytes);
}

@inline
function mergeRows(shared: usize, copy: usize, snap: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 16) {
    const v = f32x4.add(v128.load(shared + o), f32x4.sub(v128.load(copy + o), v128.load(snap + o)));
    v128.store(shared + o, v);
    v128.store(copy + o, v);
    v128.store(snap + o, v);
  }
}

/** Input vectors of rows [rowStart, rowEnd): uniform in +-0.5/dim (word2vec.c), pads zero. */
export function sgnsInitRows(syn0: usize, rowStart: i32, rowEnd: i32, stride: i32, dim: i32, scratch: usize): void {
  let rng = load<u64>(scratch + S_RNG);
  const inv = <f32>1 / <f32>dim;
  for (let r = rowStart; r < rowEnd; r++) {
    const row = syn0 + <usize>r * (<usize>stride << 2);
    for (let k = 0; k < stride; k++) {
      let v: f32 = 0;
      if (k < dim) {
        rng += GOLDEN;
        v = (unitOf(mix64(rng)) - 0.5) * inv;
      }
      store<f32>(row + (<usize>k << 2), v);
    }
  }
  store<u64>(scratch + S_RNG, rng);
}

export function sgnsSeed(scratch: usize, seed: u32, stream: u32): void {
  rngSeed(scratch + S_RNG, seed, stream);
  store<f64>(scratch + S_LOSS, 0);
  store<f64>(scratch + S_PAIRS, 0);
  store<f64>(scratch + S_LOSS_PAIRS, 0);
}
