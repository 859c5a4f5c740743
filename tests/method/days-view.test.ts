import { describe, expect, it } from 'vitest';
import { relatedPhrase } from '../../src/method/days-view';

describe('relatedPhrase', () => {
  it('reads a split and an absorption from the side of the track that has the event', () => {
    expect(relatedPhrase('split', [35, 37], false)).toBe('split off from tracks 35, 37');
    expect(relatedPhrase('split', [40, 41], true)).toBe('split into tracks 40, 41');
    expect(relatedPhrase('absorbed', [9], false)).toBe('took in track 9');
    expect(relatedPhrase('absorbed', [3], true)).toBe('absorbed by track 3');
    expect(relatedPhrase('reappeared', [7, 8], false)).toBe('took in tracks 7, 8');
  });

  it('is empty when the event names no other track', () => {
    expect(relatedPhrase('emerged', [], false)).toBe('');
    expect(relatedPhrase('disappeared', [], false)).toBe('');
  });
});
