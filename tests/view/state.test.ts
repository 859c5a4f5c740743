import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, restoredView, savedView } from '../../src/view/state.ts';

describe('the view a session keeps', () => {
  it('round-trips bookmarks, camera, search and k; drops what is malformed or out of range', () => {
    const view = {
      ...DEFAULT_VIEW, selection: [1, 2], camera: { cx: 1, cy: -2, scale: 30 }, search: 'label:Censys', neighboursK: 12,
      bookmarks: [{ name: 'censys', projection: 'umap' as const, colourBy: 'cluster', selection: [3, 99], camera: null, search: 'port:23' }],
    };
    const back = restoredView(JSON.parse(JSON.stringify(savedView(view))), 50);
    expect(back).toEqual({ ...view, bookmarks: [{ ...view.bookmarks[0], selection: [3] }] });
    const bad = restoredView({ camera: { cx: 1, cy: 2, scale: -1 }, neighboursK: 0, bookmarks: [null, { name: 7 }, { name: 'x', camera: { cx: 'a' } }] }, 10);
    expect(bad.camera).toBeNull();
    expect(bad.neighboursK).toBe(10);
    expect(bad.bookmarks).toEqual([{ name: 'x', projection: 'pca', colourBy: 'label', selection: [], camera: null, search: '' }]);
  });
});
