// Draws destination ports from a group's port model by inverse CDF over an
// explicit table (a few thousand entries at most; binary search per packet).
import { permutation, Xoshiro128 } from './prng';
import type { PortModel } from './catalogue';

export interface PortSampler {
  ports: Int32Array;
  protos: Uint8Array;
  /** Cumulative shares, last = 1. */
  cum: Float64Array;
  /** Backscatter: with probability `randomShare` the port is uniform in [lo, hi] instead of a table draw. */
  randomShare: number;
  randomLo: number;
  randomHi: number;
  randomProto: number;
  /** Ports per sender inside [lo, hi] (0 = the whole range). */
  randomWidth: number;
}

/** Port index for a uniform u in [0, 1). */
export function sampleIndex(s: PortSampler, u: number): number {
  const cum = s.cum;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One sampler per sub-group: all share the explicit top ports; the tail (a
 * seeded permutation of 1..65535 owned by the group) is split into disjoint
 * slices, so each sub-group sweeps its own port set.
 */
export function buildPortSamplers(model: PortModel, subgroups: number, rng: Xoshiro128): PortSampler[] {
  const topShare = model.top.reduce((s, t) => s + t[2], 0);
  const tail = model.tail;
  const out: PortSampler[] = [];
  if (model.randomPerPacket && tail?.range) {
    for (let g = 0; g < subgroups; g++) {
      const s = fromTable(model.top.map((t) => [t[0], t[1], t[2]]), 1 - topShare, tail.range[0], tail.range[1], tail.proto);
      s.randomWidth = model.rangeWidth ?? 0;
      out.push(s);
    }
    return out;
  }
  const taken = new Set(model.top.map((t) => t[0] * 256 + t[1]));
  const tailPorts: number[] = [];
  if (tail && tail.count > 0) {
    const perm = permutation(65535, rng);
    for (let i = 0; i < perm.length && tailPorts.length < tail.count; i++) {
      const port = perm[i] + 1;
      if (!taken.has(port * 256 + tail.proto)) tailPorts.push(port);
    }
  }
  const tailShare = Math.max(0, 1 - topShare);
  for (let g = 0; g < subgroups; g++) {
    const slice = tailPorts.filter((_, i) => i % subgroups === g);
    const rows: [number, number, number][] = model.top.map((t) => [t[0], t[1], t[2]]);
    for (const p of slice) rows.push([p, tail!.proto, tailShare / slice.length]);
    out.push(fromTable(rows, 0, 0, 0, 0));
  }
  return out;
}

function fromTable(rows: [number, number, number][], randomShare: number, lo: number, hi: number, proto: number): PortSampler {
  const n = rows.length;
  const ports = new Int32Array(n);
  const protos = new Uint8Array(n);
  const cum = new Float64Array(n);
  const total = rows.reduce((s, r) => s + r[2], 0) || 1;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    ports[i] = rows[i][0];
    protos[i] = rows[i][1];
    acc += rows[i][2] / total;
    cum[i] = acc;
  }
  if (n > 0) cum[n - 1] = 1;
  return { ports, protos, cum, randomShare, randomLo: lo, randomHi: hi, randomProto: proto, randomWidth: 0 };
}
