// Plain TypeScript skip-gram (word2vec.c's loop, target by target) over the same
// memory layout, for the kernel tests only. It mirrors the plain-SIMD kernel
// operation by operation: every float is rounded to float32 where the kernel
// rounds it, dot products sum lane k % 4 in order and then reduce
// (l0 + l2) + (l1 + l3), and the draws follow assembly/sgns.ts's rule. So the
// plain build must match it bit for bit.

const MASK = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;

export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

export class SplitMix64 {
  constructor(public state: bigint) {}
  next(): bigint {
    this.state = (this.state + GOLDEN) & MASK;
    return mix64(this.state);
  }
}

export interface ReferenceJob {
  syn0: Float32Array;
  syn1: Float32Array;
  stride: number;
  tokens: Int32Array;
  offsets: Int32Array;
  start: number;
  end: number;
  /** Global position of `start`, for the learning rate. */
  index: number;
  window: number;
  negatives: number;
  table: Int32Array;
  tableBits: number;
  sigmoid: Float32Array;
  alpha0: number;
  alphaStep: number;
  alphaMin: number;
  rng: SplitMix64;
  /** One set of negatives per centre position, drawn at its first pair. */
  sharedNegatives?: boolean;
}

const f32 = Math.fround;
const K = f32(f32(1000 / 6) / 2);

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, stride: number): number {
  const lane = [0, 0, 0, 0];
  for (let k = 0; k < stride; k++) lane[k & 3] = f32(lane[k & 3] + f32(a[ai + k] * b[bi + k]));
  return f32(f32(lane[0] + lane[2]) + f32(lane[1] + lane[3]));
}

function gradientAndLoss(f: number, label: number, alpha: number, sigmoid: Float32Array): [number, number] {
  const t = f32(f32(f + 6) * K);
  if (t >= 1000) return [f32((label - 1) * alpha), label ? 0 : f];
  if (t <= 0) return [f32(label * alpha), label ? -f : 0];
  const idx = Math.trunc(t);
  return [f32(f32(label - sigmoid[idx]) * alpha), sigmoid[(label ? 1000 : 2000) + idx]];
}

/** What referenceTrain did; `clamped` counts targets whose dot product fell outside the table (+-6). */
export interface ReferenceResult {
  loss: number;
  pairs: number;
  lossPairs: number;
  clamped: { above: number; below: number };
}

export function referenceTrain(j: ReferenceJob): ReferenceResult {
  const clamped = { above: 0, below: 0 };
  let loss = 0;
  let pairs = 0;
  let lossPairs = 0;
  const neu1e = new Float32Array(j.stride);
  const shift = 32 - j.tableBits;
  const coinMask = 2 ** shift - 1;
  const draw = (r: number): number => {
    const slot = r >>> shift;
    return (r & coinMask) >>> 0 < j.table[2 * slot] >>> 0 ? slot : j.table[2 * slot + 1];
  };
  for (let i = j.start; i < j.end; i++) {
    let sent = 0;
    while (j.offsets[sent + 1] <= i) sent++;
    const sStart = j.offsets[sent];
    const sEnd = j.offsets[sent + 1];
    const alpha = f32(Math.max(j.alpha0 - (j.index + (i - j.start)) * j.alphaStep, j.alphaMin));
    const w = j.tokens[i];
    const b = j.window - Number(((j.rng.next() >> 32n) * BigInt(j.window)) >> 32n);
    let centreLoss = 0;
    // The loss is summed over every 8th centre position's pairs only.
    const sampled = (j.index + (i - j.start)) % 8 === 0;
    let targets: number[] | undefined;
    for (let c = Math.max(sStart, i - b); c < Math.min(sEnd, i + b + 1); c++) {
      if (c === i) continue;
      const x = j.tokens[c] * j.stride;
      if (!targets || !j.sharedNegatives) {
        targets = [w];
        let r = 0n;
        for (let d = 0; d < j.negatives; d++) {
          if ((d & 1) === 0) r = j.rng.next();
          const t = draw(Number((d & 1 ? r : r >> 32n) & 0xffffffffn));
          if (t !== w) targets.push(t);
        }
      }
      pairs++;
      neu1e.fill(0);
      let pairLoss = 0;
      targets.forEach((t, d) => {
        const y = t * j.stride;
        const label = d === 0 ? 1 : 0;
        const f = dot(j.syn0, x, j.syn1, y, j.stride);
        const [g, l] = gradientAndLoss(f, label, alpha, j.sigmoid);
        if (f >= 6) clamped.above++;
        else if (f <= -6) clamped.below++;
        if (sampled) pairLoss = f32(pairLoss + l);
        for (let k = 0; k < j.stride; k++) {
          neu1e[k] = f32(neu1e[k] + f32(g * j.syn1[y + k]));
          j.syn1[y + k] = f32(j.syn1[y + k] + f32(g * j.syn0[x + k]));
        }
      });
      for (let k = 0; k < j.stride; k++) j.syn0[x + k] = f32(j.syn0[x + k] + neu1e[k]);
      if (sampled) {
        centreLoss = f32(centreLoss + pairLoss);
        lossPairs++;
      }
    }
    if (sampled) loss += centreLoss;
  }
  return { loss, pairs, lossPairs, clamped };
}
