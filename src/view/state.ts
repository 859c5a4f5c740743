// The page's state in one serialisable object (as the Embedding Projector's
// State): the data's sources and summaries, the parameters, the results, and
// the view (tab, projection, colour-by, selection, bookmarks). Panels render
// from it; a saved session stores `parameters` and `view` next to the
// worker's data, and reopening restores them.
import { defaultParams, type DarkVecParams } from '../method/params.ts';
import type { DarkVecResults } from '../method/results.ts';
import type { IngestView, TracePreview, TrainView } from '../workers/bridge.ts';

export type Projection = 'pca' | 'umap';

/** Where the map looks: data coordinates at its centre and CSS pixels per unit. */
export interface Camera {
  cx: number;
  cy: number;
  scale: number;
}

/** A named view of the map (the Projector's bookmarks). */
export interface Bookmark {
  name: string;
  projection: Projection;
  colourBy: string;
  selection: number[];
  camera: Camera | null;
  search: string;
}

export interface ViewState {
  tab: string;
  resultsTab: string;
  projection: Projection;
  colourBy: string;
  /** Sender indices (into results.senders.vocab). */
  selection: number[];
  /** The cluster shown in the inspection tab, -1 none. */
  inspected: number;
  /** Tracks the analyst watches (Days): later changes are flagged. */
  watched: number[];
  /** The map's camera, null = fit every point. */
  camera: Camera | null;
  /** The map's search query. */
  search: string;
  /** Neighbours listed for the selected sender. */
  neighboursK: number;
  bookmarks: Bookmark[];
}

export interface PageState {
  /** How far the current data has come: what tests and the benchmarks wait on (the app's data-state attribute). */
  stage: 'none' | 'corpus' | 'results';
  sources: {
    trace: string | null;
    labels: string | null;
    /** The labels came with the sample or a demo trace (they do not describe a user's own trace). */
    labelsBundled: boolean;
  };
  parameters: DarkVecParams;
  /** The DKS dictionary as edited, null = the bundled one. */
  dictionary: string | null;
  preview: TracePreview | null;
  ingest: IngestView | null;
  training: TrainView | null;
  results: DarkVecResults | null;
  /** Background work on the results: null when done or not started. */
  pending: { curve: string | null; umap: string | null };
  view: ViewState;
}

export const DEFAULT_VIEW: ViewState = {
  tab: 'data', resultsTab: 'classification', projection: 'pca', colourBy: 'label', selection: [], inspected: -1, watched: [],
  camera: null, search: '', neighboursK: 10, bookmarks: [],
};

export function initialState(cores: number): PageState {
  return {
    stage: 'none',
    sources: { trace: null, labels: null, labelsBundled: false },
    parameters: defaultParams(cores),
    dictionary: null,
    preview: null,
    ingest: null,
    training: null,
    results: null,
    pending: { curve: null, umap: null },
    view: { ...DEFAULT_VIEW },
  };
}

export interface Store {
  get(): Readonly<PageState>;
  /** Shallow-merges `patch`; listeners run after. */
  set(patch: Partial<PageState>): void;
  setView(patch: Partial<ViewState>): void;
  subscribe(listener: (state: Readonly<PageState>, changed: ReadonlySet<keyof PageState>) => void): () => void;
}

export function createStore(initial: PageState): Store {
  let state = initial;
  const listeners = new Set<(s: Readonly<PageState>, changed: ReadonlySet<keyof PageState>) => void>();
  const notify = (changed: Set<keyof PageState>) => {
    for (const l of [...listeners]) l(state, changed);
  };
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      notify(new Set(Object.keys(patch) as (keyof PageState)[]));
    },
    setView(patch) {
      state = { ...state, view: { ...state.view, ...patch } };
      notify(new Set(['view']));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The part of the view a session keeps (valid JSON, no typed arrays). */
export function savedView(view: ViewState): Record<string, unknown> {
  return { ...view, selection: [...view.selection], watched: [...view.watched], bookmarks: view.bookmarks.map((b) => ({ ...b, selection: [...b.selection] })) };
}

/** A saved view read back; unknown or malformed fields take their defaults. */
export function restoredView(saved: Record<string, unknown> | undefined, senders: number): ViewState {
  const v = { ...DEFAULT_VIEW };
  if (!saved) return v;
  if (typeof saved.tab === 'string') v.tab = saved.tab;
  if (typeof saved.resultsTab === 'string') v.resultsTab = saved.resultsTab;
  if (saved.projection === 'pca' || saved.projection === 'umap') v.projection = saved.projection;
  if (typeof saved.colourBy === 'string') v.colourBy = saved.colourBy;
  if (Array.isArray(saved.selection)) v.selection = saved.selection.filter((s): s is number => Number.isInteger(s) && s >= 0 && s < senders);
  if (Number.isInteger(saved.inspected)) v.inspected = saved.inspected as number;
  if (Array.isArray(saved.watched)) v.watched = saved.watched.filter((t): t is number => Number.isInteger(t) && t >= 0);
  v.camera = cameraOf(saved.camera);
  if (typeof saved.search === 'string') v.search = saved.search;
  if (Number.isInteger(saved.neighboursK) && (saved.neighboursK as number) > 0) v.neighboursK = saved.neighboursK as number;
  if (Array.isArray(saved.bookmarks)) {
    v.bookmarks = saved.bookmarks.filter((b) => b && typeof b === 'object' && typeof b.name === 'string').map((b) => ({
      name: String(b.name),
      projection: b.projection === 'umap' ? 'umap' : 'pca',
      colourBy: typeof b.colourBy === 'string' ? b.colourBy : 'label',
      selection: Array.isArray(b.selection) ? b.selection.filter((s: unknown): s is number => Number.isInteger(s) && (s as number) >= 0 && (s as number) < senders) : [],
      camera: cameraOf(b.camera),
      search: typeof b.search === 'string' ? b.search : '',
    }));
  }
  return v;
}

function cameraOf(c: unknown): Camera | null {
  const x = c as Camera | null;
  return x && typeof x === 'object' && [x.cx, x.cy, x.scale].every(Number.isFinite) && x.scale > 0 ? { cx: x.cx, cy: x.cy, scale: x.scale } : null;
}
