// Plain TypeScript skip-gram (word2vec.c's loop, target by target) over the same
// memory layout, for the kernel tests only. Floats are rounded to float32 where
// the kernel stores them; the kernel's SIMD sums differ only in rounding order.

export class Xoshiro128 {
  constructor(public s: Uint32Array) {}
  next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export interface ReferenceJob {
  syn0: Float32Array;
  syn1: Float32Array;
  stride: number;
  dim: number;
  tokens: Int32Array;
  offsets: Int32Array;
  start: number;
  end: number;
  window: number;
  negatives: number;
  table: Int32Array;
  tableBits: number;
  sigmoid: Float32Array;
  alpha0: number;
  alphaStep: number;
  alphaMin: number;
  rng: Xoshiro128;
}

export function referenceTrain(j: ReferenceJob): { loss: number; pairs: number } {
  const f32 = Math.fround;
  let loss = 0;
  let pairs = 0;
  const neu1e = new Float64Array(j.dim);
  for (let i = j.start; i < j.end; i++) {
    let sent = 0;
    while (j.offsets[sent + 1] <= i) sent++;
    const sStart = j.offsets[sent];
    const sEnd = j.offsets[sent + 1];
    const alpha = f32(Math.max(j.alpha0 - (i - j.start) * j.alphaStep, j.alphaMin));
    const w = j.tokens[i];
    const b = j.window - Math.floor((j.rng.next() * j.window) / 2 ** 32);
    for (let c = Math.max(sStart, i - b); c < Math.min(sEnd, i + b + 1); c++) {
      if (c === i) continue;
      const x = j.tokens[c] * j.stride;
      const targets = [w];
      for (let d = 0; d < j.negatives; d++) {
        const r = j.rng.next();
        const slot = r >>> (32 - j.tableBits);
        const coin = j.tableBits === 0 ? r : r & ((2 ** (32 - j.tableBits)) - 1);
        const t = coin < j.table[2 * slot] >>> 0 ? slot : j.table[2 * slot + 1];
        if (t !== w) targets.push(t);
      }
      pairs++;
      neu1e.fill(0);
      targets.forEach((t, d) => {
        const y = t * j.stride;
        const label = d === 0 ? 1 : 0;
        let f = 0;
        for (let k = 0; k < j.dim; k++) f += j.syn0[x + k] * j.syn1[y + k];
        f = f32(f);
        let g: number;
        if (f >= 6) {
          g = (label - 1) * alpha;
          if (!label) loss += f;
        } else if (f <= -6) {
          g = label * alpha;
          if (label) loss -= f;
        } else {
          const idx = Math.floor((f + 6) * (1000 / 6 / 2));
          g = (label - j.sigmoid[idx]) * alpha;
          loss += j.sigmoid[(label ? 1000 : 2000) + idx];
        }
        g = f32(g);
        for (let k = 0; k < j.dim; k++) {
          neu1e[k] = f32(neu1e[k] + f32(g * j.syn1[y + k]));
          j.syn1[y + k] = f32(j.syn1[y + k] + f32(g * j.syn0[x + k]));
        }
      });
      for (let k = 0; k < j.dim; k++) j.syn0[x + k] = f32(j.syn0[x + k] + neu1e[k]);
    }
  }
  return { loss, pairs };
}
