import { describe, expect, it } from 'vitest';
import { soloNote } from '../../src/method/thread-note';

describe('soloNote', () => {
  it('says nothing when every worker trained throughout, or there was only one', () => {
    expect(soloNote(0, 40, 2)).toBeNull();
    expect(soloNote(0.01, 40, 2)).toBeNull();
    expect(soloNote(12, 40, 1)).toBeNull();
    expect(soloNote(Number.NaN, 40, 2)).toBeNull();
  });

  it('says how long one thread trained alone, as a share of the run, and why', () => {
    expect(soloNote(12.34, 40, 2)).toBe('one thread trained alone for 12.3 s (31% of the time): it measured faster than 2 threads then, as when other programs keep the cores busy');
    // The governor's clock and the caller's differ a little: never over 100%.
    expect(soloNote(40.2, 40, 2)).toContain('(100% of the time)');
  });
});
