// Blocked cosine top-k: the all-k-nearest-neighbours kernel.
//
// Queries are row-major, L2-normalised rows padded to `stride` floats.
// Candidates are packed in panels of 8: panel p holds candidates 8p..8p+7 as
// `dim` groups of 8 floats (dimension-major), so one v128 load gives four
// candidates' value of one dimension and the similarities come out four per
// lane without any horizontal reduction. A block of 4 queries x 1 panel keeps
// 8 accumulators + 2 candidate loads + 1 broadcast in registers (11 of the 16
// x86 vector registers V8 can use).
//
// Each query row keeps its k best as a sorted list (similarity descending,
// id ascending on ties) in heapSim/heapIdx; an empty slot is (-inf, -1). Most
// candidates lose against the k-th similarity, so the block first compares
// all 8 lanes against it and only takes the slow path when one may enter.

import { dot } from './vec';

@inline
function insertSorted(sims: usize, ids: usize, k: i32, sim: f32, id: i32): void {
  const lastSim = load<f32>(sims + (<usize>(k - 1) << 2));
  const lastId = load<i32>(ids + (<usize>(k - 1) << 2));
  if (!(sim > lastSim || (sim == lastSim && id < lastId))) return;
  let j = k - 1;
  while (j > 0) {
    const s = load<f32>(sims + (<usize>(j - 1) << 2));
    const i = load<i32>(ids + (<usize>(j - 1) << 2));
    if (s > sim || (s == sim && i < id)) break;
    store<f32>(sims + (<usize>j << 2), s);
    store<i32>(ids + (<usize>j << 2), i);
    j--;
  }
  store<f32>(sims + (<usize>j << 2), sim);
  store<i32>(ids + (<usize>j << 2), id);
}

// Offers the 8 lanes of (lo, hi) from panel p to one query's list.
function offerPanel(
  lo: v128, hi: v128, scratch: usize, p: i32, slotIds: usize, selfId: i32,
  k: i32, sims: usize, ids: usize,
): f32 {
  v128.store(scratch, lo);
  v128.store(scratch, hi, 16);
  const slot0 = slotIds + (<usize>p << 5);
  for (let lane = 0; lane < 8; lane++) {
    const id = load<i32>(slot0 + (<usize>lane << 2));
    if (id < 0 || id == selfId) continue;
    insertSorted(sims, ids, k, load<f32>(scratch + (<usize>lane << 2)), id);
  }
  return load<f32>(sims + (<usize>(k - 1) << 2));
}

/**
 * Updates the top-k lists of query rows [qStart, qEnd) (a multiple of 4 rows)
 * with the candidates of panels [pStart, pEnd).
 * qIds[r]: the id a query must not list (itself), or -1.
 * slotIds[8p + lane]: the candidate's id, -1 for an empty slot.
 * scratch: 32 bytes.
 */
export function knnUpdate(
  q: usize, stride: i32, qIds: usize, qStart: i32, qEnd: i32,
  panels: usize, dim: i32, slotIds: usize, pStart: i32, pEnd: i32,
  k: i32, heapSim: usize, heapIdx: usize, scratch: usize,
): void {
  const rowBytes = <usize>stride << 2;
  const listBytes = <usize>k << 2;
  const panelBytes = <usize>dim << 5;
  for (let r = qStart; r < qEnd; r += 4) {
    const q0 = q + <usize>r * rowBytes;
    const q1 = q0 + rowBytes;
    const q2 = q1 + rowBytes;
    const q3 = q2 + rowBytes;
    const s0 = heapSim + <usize>r * listBytes;
    const s1 = s0 + listBytes;
    const s2 = s1 + listBytes;
    const s3 = s2 + listBytes;
    const i0 = heapIdx + <usize>r * listBytes;
    const i1 = i0 + listBytes;
    const i2 = i1 + listBytes;
    const i3 = i2 + listBytes;
    const id0 = load<i32>(qIds + (<usize>r << 2));
    const id1 = load<i32>(qIds + (<usize>r << 2), 4);
    const id2 = load<i32>(qIds + (<usize>r << 2), 8);
    const id3 = load<i32>(qIds + (<usize>r << 2), 12);
    let t0 = f32x4.splat(load<f32>(s0 + listBytes - 4));
    let t1 = f32x4.splat(load<f32>(s1 + listBytes - 4));
    let t2 = f32x4.splat(load<f32>(s2 + listBytes - 4));
    let t3 = f32x4.splat(load<f32>(s3 + listBytes - 4));
    let pp = panels + <usize>pStart * panelBytes;
    for (let p = pStart; p < pEnd; p++) {
      let a0l = f32x4.splat(0), a0h = f32x4.splat(0);
      let a1l = f32x4.splat(0), a1h = f32x4.splat(0);
      let a2l = f32x4.splat(0), a2h = f32x4.splat(0);
      let a3l = f32x4.splat(0), a3h = f32x4.splat(0);
      const end = pp + panelBytes;
      let d: usize = 0;
      while (pp < end) {
        const cl = v128.load(pp);
        const ch = v128.load(pp, 16);
        let s = v128.load32_splat(q0 + d);
        a0l = f32x4.add(a0l, f32x4.mul(s, cl));
        a0h = f32x4.add(a0h, f32x4.mul(s, ch));
        s = v128.load32_splat(q1 + d);
        a1l = f32x4.add(a1l, f32x4.mul(s, cl));
        a1h = f32x4.add(a1h, f32x4.mul(s, ch));
        s = v128.load32_splat(q2 + d);
        a2l = f32x4.add(a2l, f32x4.mul(s, cl));
        a2h = f32x4.add(a2h, f32x4.mul(s, ch));
        s = v128.load32_splat(q3 + d);
        a3l = f32x4.add(a3l, f32x4.mul(s, cl));
        a3h = f32x4.add(a3h, f32x4.mul(s, ch));
        pp += 32;
        d += 4;
      }
      if (v128.any_true(v128.or(f32x4.ge(a0l, t0), f32x4.ge(a0h, t0)))) {
        t0 = f32x4.splat(offerPanel(a0l, a0h, scratch, p, slotIds, id0, k, s0, i0));
      }
      if (v128.any_true(v128.or(f32x4.ge(a1l, t1), f32x4.ge(a1h, t1)))) {
        t1 = f32x4.splat(offerPanel(a1l, a1h, scratch, p, slotIds, id1, k, s1, i1));
      }
      if (v128.any_true(v128.or(f32x4.ge(a2l, t2), f32x4.ge(a2h, t2)))) {
        t2 = f32x4.splat(offerPanel(a2l, a2h, scratch, p, slotIds, id2, k, s2, i2));
      }
      if (v128.any_true(v128.or(f32x4.ge(a3l, t3), f32x4.ge(a3h, t3)))) {
        t3 = f32x4.splat(offerPanel(a3l, a3h, scratch, p, slotIds, id3, k, s3, i3));
      }
    }
  }
}

/** Sets every list of rows [start, end) to empty: similarity -inf, id -1. */
export function knnReset(heapSim: usize, heapIdx: usize, start: i32, end: i32, k: i32): void {
  const from = <usize>start * <usize>k;
  const to = <usize>end * <usize>k;
  for (let i = from; i < to; i++) {
    store<f32>(heapSim + (i << 2), -Infinity);
    store<i32>(heapIdx + (i << 2), -1);
  }
}

/**
 * Packs rows [start, end) of a row-major matrix (a multiple of 8 rows; the
 * caller pads with zero rows) into 8-candidate panels at `panels`.
 */
export function packPanels(x: usize, stride: i32, dim: i32, start: i32, end: i32, panels: usize): void {
  const rowBytes = <usize>stride << 2;
  for (let r = start; r < end; r += 8) {
    let out = panels + (<usize>(r >> 3) * <usize>dim << 5);
    const row = x + <usize>r * rowBytes;
    for (let d = 0; d < dim; d++) {
      const col = row + (<usize>d << 2);
      for (let lane = 0; lane < 8; lane++) {
        store<f32>(out, load<f32>(col + <usize>lane * rowBytes));
        out += 4;
      }
    }
  }
}

/**
 * One round of neighbour-of-neighbour refinement (the local join of
 * NN-descent) for the approximate mode: row r's list is offered every
 * neighbour of its neighbours. Lists are read from `snapIdx` (a copy taken
 * before the round) so workers on disjoint rows never read a list being
 * written. Ids are original sender ids; posOf[id] is the row holding the id.
 */
export function knnRefine(
  x: usize, stride: i32, ids: usize, posOf: usize, start: i32, end: i32,
  k: i32, snapIdx: usize, heapSim: usize, heapIdx: usize,
): void {
  const rowBytes = <usize>stride << 2;
  const listBytes = <usize>k << 2;
  for (let r = start; r < end; r++) {
    const id = load<i32>(ids + (<usize>r << 2));
    if (id < 0) continue;
    const xr = x + <usize>r * rowBytes;
    const sims = heapSim + <usize>r * listBytes;
    const list = heapIdx + <usize>r * listBytes;
    const mine = snapIdx + <usize>r * listBytes;
    for (let a = 0; a < k; a++) {
      const j = load<i32>(mine + (<usize>a << 2));
      if (j < 0) continue;
      const theirs = snapIdx + <usize>load<i32>(posOf + (<usize>j << 2)) * listBytes;
      for (let b = 0; b < k; b++) {
        const l = load<i32>(theirs + (<usize>b << 2));
        if (l < 0 || l == id) continue;
        const lastSim = load<f32>(sims + listBytes - 4);
        const s = dot(xr, x + <usize>load<i32>(posOf + (<usize>l << 2)) * rowBytes, stride);
        if (s < lastSim) continue;
        // The join offers the same id many times; a list holds it once.
        let present = false;
        for (let c = 0; c < k; c++) {
          if (load<i32>(list + (<usize>c << 2)) == l) { present = true; break; }
        }
        if (!present) insertSorted(sims, list, k, s, l);
      }
    }
  }
}
