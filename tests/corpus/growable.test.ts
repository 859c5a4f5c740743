import { describe, expect, it } from 'vitest';
import { BlockInt32, Growable } from '../../src/corpus/growable';

describe('Growable', () => {
  it('keeps every value through growth and copies exactly the filled part', () => {
    const g = new Growable(Int32Array, 2);
    for (let i = 0; i < 1000; i++) g.push(i * 3);
    const out = g.toArray();
    expect(out).toHaveLength(1000);
    expect(out[0]).toBe(0);
    expect(out[999]).toBe(2997);
    expect(out.buffer).not.toBe(g.data.buffer);
  });
});

describe('BlockInt32', () => {
  it('drains values across block boundaries, in order, at an offset, and is empty after', () => {
    const b = new BlockInt32(4);
    for (let i = 0; i < 11; i++) b.push(100 + i);
    expect(b.length).toBe(11);
    const out = new Int32Array(14).fill(-1);
    b.drainTo(out, 2);
    expect(Array.from(out)).toEqual([-1, -1, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, -1]);
    expect(b.length).toBe(0);

    // Reusable after a drain, and the drained values are gone from it.
    b.push(7);
    const again = new Int32Array(1);
    b.drainTo(again, 0);
    expect(Array.from(again)).toEqual([7]);
  });

  it('drains an exact multiple of the block size', () => {
    const b = new BlockInt32(4);
    for (let i = 0; i < 8; i++) b.push(i);
    const out = new Int32Array(8);
    b.drainTo(out, 0);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
