import { describe, expect, it } from 'vitest';
import { concentrationCurve } from '../../src/view/data-panel.ts';
import { ecdf } from '../../src/view/clusters-panel.ts';

describe('what the charts are drawn from', () => {
  it('concentration curve: the busiest sender of four with 70 of 100 packets', () => {
    const c = concentrationCurve(new Float64Array([10, 70, 10, 10]), 4);
    expect(c.x).toEqual([0, 25, 50, 75, 100]);
    expect(c.y).toEqual([0, 70, 80, 90, 100]);
  });

  it('ECDF ends at 1 and is sorted', () => {
    const e = ecdf(new Float32Array([0.5, -0.5, 0]));
    expect(e.x).toEqual([-0.5, 0, 0.5, 0.5]);
    expect(e.y.at(-1)).toBe(1);
  });
});
