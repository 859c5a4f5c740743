// Colours of the map's points by one column, decided by the column's values
// among the points shown (as the Projector does): a category with up to 50
// values gets one palette colour each, most frequent first, and grey only for
// "unknown"; more values, or a number, get a gradient.
import { CATEGORICAL_LIMIT, PALETTE, UNKNOWN_GREY, gradientRgb, hexToRgb, packRgb, type GradientName } from './colours.ts';
import type { SenderColumn } from './sender-columns.ts';

export type Legend =
  | { kind: 'categories'; column: string; items: { name: string; colour: string; count: number; code: number }[] }
  | { kind: 'gradient'; column: string; gradient: GradientName; min: string; max: string; missing: number; note?: string };

export interface Colouring {
  /** Per point (index into `senders`). */
  colour: Uint32Array;
  faded: Uint32Array;
  /** Point indices in drawing order: unknown first, rare categories last (on top). */
  order: Int32Array;
  legend: Legend;
}

const FADE = 0.82;

function faded(r: number, g: number, b: number): number {
  return packRgb(r + (255 - r) * FADE, g + (255 - g) * FADE, b + (255 - b) * FADE);
}

/** Point indices grouped by rank (ascending), stable. */
function orderByRank(rank: Int32Array, ranks: number): Int32Array {
  const start = new Int32Array(ranks + 1);
  for (const r of rank) start[r + 1]++;
  for (let k = 0; k < ranks; k++) start[k + 1] += start[k];
  const out = new Int32Array(rank.length);
  for (let p = 0; p < rank.length; p++) out[start[rank[p]]++] = p;
  return out;
}

export function colourPoints(column: SenderColumn, senders: Int32Array): Colouring {
  const m = senders.length;
  const colour = new Uint32Array(m);
  const fade = new Uint32Array(m);
  const grey = hexToRgb(UNKNOWN_GREY);
  const greyPacked = packRgb(...grey), greyFaded = faded(...grey);
  if (column.kind === 'category') {
    const counts = new Map<number, number>();
    for (let p = 0; p < m; p++) {
      const c = column.codes[senders[p]];
      if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const present = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const missing = m - present.reduce((t, [, k]) => t + k, 0);
    if (present.length <= CATEGORICAL_LIMIT) {
      const rankOf = new Map<number, number>();
      const packed: number[] = [], fadedOf: number[] = [];
      present.forEach(([code], rank) => {
        rankOf.set(code, rank);
        const rgb = hexToRgb(PALETTE[rank]);
        packed.push(packRgb(...rgb));
        fadedOf.push(faded(...rgb));
      });
      // Rank 0 = missing (drawn first, under everything), then most frequent first.
      const rank = new Int32Array(m);
      for (let p = 0; p < m; p++) {
        const c = column.codes[senders[p]];
        const r = c >= 0 ? rankOf.get(c)! : -1;
        rank[p] = r + 1;
        colour[p] = r >= 0 ? packed[r] : greyPacked;
        fade[p] = r >= 0 ? fadedOf[r] : greyFaded;
      }
      const items = present.map(([code, count], r) => ({ name: column.names[code], colour: PALETTE[r], count, code }));
      if (missing > 0) items.push({ name: column.missing, colour: UNKNOWN_GREY, count: missing, code: -1 });
      return { colour, faded: fade, order: orderByRank(rank, present.length + 1), legend: { kind: 'categories', column: column.label, items } };
    }
    // Too many values to tell apart: a gradient over the column's order (cluster number, address).
    const key = (code: number) => (column.order ? column.order[code] : code);
    const keys = present.map(([code]) => key(code)).sort((a, b) => a - b);
    const rankOfKey = new Map<number, number>();
    keys.forEach((k, i) => rankOfKey.set(k, i));
    const span = Math.max(1, keys.length - 1);
    let firstName = '', lastName = '';
    for (const [code] of present) {
      const r = rankOfKey.get(key(code))!;
      if (r === 0) firstName = column.names[code];
      if (r === keys.length - 1) lastName = column.names[code];
    }
    const order = new Int32Array(m);
    let front = 0, back = m - 1;
    for (let p = 0; p < m; p++) {
      const c = column.codes[senders[p]];
      if (c < 0) {
        colour[p] = greyPacked;
        fade[p] = greyFaded;
        order[front++] = p;
        continue;
      }
      const rgb = gradientRgb('viridis', rankOfKey.get(key(c))! / span);
      colour[p] = packRgb(...rgb);
      fade[p] = faded(...rgb);
      order[back--] = p;
    }
    order.subarray(front).reverse();
    return {
      colour, faded: fade, order,
      legend: { kind: 'gradient', column: column.label, gradient: 'viridis', min: firstName, max: lastName, missing, note: `${present.length} values: too many to tell apart by colour, so a gradient in ${column.id === 'cluster' ? 'cluster number' : 'address'} order` },
    };
  }
  if (column.kind === 'number') {
    const transform = column.log ? (v: number) => Math.log10(Math.max(v, 1e-12)) : (v: number) => v;
    let lo = Infinity, hi = -Infinity;
    for (let p = 0; p < m; p++) {
      const v = column.values[senders[p]];
      if (!Number.isFinite(v)) continue;
      const t = transform(v);
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (column.domain) [lo, hi] = column.domain.map(transform) as [number, number];
    const span = hi > lo ? hi - lo : 1;
    const order = new Int32Array(m);
    let front = 0, back = m - 1;
    let missing = 0;
    for (let p = 0; p < m; p++) {
      const v = column.values[senders[p]];
      if (!Number.isFinite(v)) {
        colour[p] = greyPacked;
        fade[p] = greyFaded;
        order[front++] = p;
        missing++;
        continue;
      }
      const rgb = gradientRgb(column.gradient, (transform(v) - lo) / span);
      colour[p] = packRgb(...rgb);
      fade[p] = faded(...rgb);
      order[back--] = p;
    }
    order.subarray(front).reverse();
    const untransform = column.log ? (t: number) => 10 ** t : (t: number) => t;
    const end = (t: number) => (Number.isFinite(t) ? column.format(untransform(t)) : '–');
    return { colour, faded: fade, order, legend: { kind: 'gradient', column: column.label, gradient: column.gradient, min: end(lo), max: end(hi), missing, note: column.log ? 'log scale' : undefined } };
  }
  throw new Error(`cannot colour by ${column.label}`);
}
