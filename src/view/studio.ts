// The page: the one state object (state.ts), the panels that render it, and
// the actions that move it on through the worker bridge (data -> corpus ->
// training -> analysis -> views). Every heavy step runs in the session worker,
// which holds the data; the page keeps sources, summaries and results.
import { el, formatCount, formatSeconds } from './element.ts';
import { createStatusArea } from './status-area.ts';
import { createTabs } from './tabs.ts';
import { createDataPanel } from './data-panel.ts';
import { createParametersPanel } from './parameters-panel.ts';
import { createTrainingPanel } from './training-panel.ts';
import { createClassificationPanel } from './classification-panel.ts';
import { createClustersPanel } from './clusters-panel.ts';
import { createMapPanel } from './map-panel.ts';
import { createInspectPanel } from './inspect-panel.ts';
import { createDaysPanel } from './days-panel.ts';
import { createExportPanel, download, EXPORTS } from './export-panel.ts';
import { createStore, initialState, restoredView, savedView } from './state.ts';
import { createBridge, isAbortError, type EnrichView, type OnProgress } from '../workers/bridge.ts';
import type { ColumnMapping } from '../ingest/column-mapping.ts';
import { defaultParams, type DarkVecParams } from '../method/params.ts';
import { createWelcome } from './welcome.ts';
import type { DarkVecResults } from '../method/results.ts';
import { previewAdvice } from '../ingest/preview-advice.ts';
import { mergeEdits, type LabelEdit } from '../method/relabel.ts';
import { soloNote } from '../method/thread-note.ts';

export interface SampleFiles {
  trace: () => Promise<{ blob: Blob; name: string }>;
  labels: () => Promise<{ blob: Blob; name: string }>;
}

export interface StudioOptions {
  sample: SampleFiles;
  dictionary: string;
}

interface Source {
  blob: Blob;
  name: string;
}

export interface Timings {
  ingest?: number;
  corpus?: number;
  train?: number;
  analyze?: number;
  render?: number;
  /** IP databases: reading them (the last added), and looking the kept senders up. */
  databases?: number;
  lookup?: number;
}

const SAMPLE_TRACE = 'sample trace.csv.gz';

const NOT_ISOLATED = 'The page is not cross-origin isolated, so SharedArrayBuffer is unavailable and training and the analysis run on 1 thread. Serve it with COOP/COEP headers or let the bundled service worker isolate it (docs/hosting.md).';

export function startStudio(root: HTMLElement, options: StudioOptions): void {
  const status = createStatusArea();
  const bridge = createBridge();
  const cores = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 16));
  const isolated = Boolean(globalThis.crossOriginIsolated);
  const store = createStore(initialState(cores));
  const timings: Timings = {};
  (globalThis as { darkvecTimings?: Timings }).darkvecTimings = timings;
  // Blobs stay here (handles, not copies) so a new labels file can rebuild the corpus.
  let trace: Source | null = null;
  let labels: Source | null = null;
  /** More traces of the same days, embedded with `trace` into one corpus. */
  let extraTraces: Source[] = [];
  let mapping: ColumnMapping | undefined;
  let running: AbortController | null = null;
  // Work on the results on show (curve, UMAP, neighbours, exports): cancelled when they are replaced.
  let background = new AbortController();
  const restartBackground = () => {
    background.abort();
    background = new AbortController();
    return background.signal;
  };

  const fail = (title: string, e: unknown) => {
    if (isAbortError(e)) return;
    status.error(title, e instanceof Error ? e.message : String(e));
  };

  const data = createDataPanel({
    openSample: () => void openSample(),
    generate: (seed, scale) => void generate(seed, scale),
    chooseFiles: (t, l, extra) => void chooseFiles(t && { blob: t, name: t.name }, l && { blob: l, name: l.name }, { extraTraces: extra?.map((f) => ({ blob: f, name: f.name })) }),
    addTrace: (f) => void addTrace({ blob: f, name: f.name }),
    buildCorpus: (m) => void buildCorpus(m),
    addDatabases: (files) => void addDatabases(files.map((f) => ({ blob: f, name: f.name }))),
    clearDatabases: () => void clearDatabases(),
  });
  const parameters = createParametersPanel(cores, options.dictionary, (t, d) => status.error(t, d));
  // The classroom's first screen: one button from nothing to the paper's results on the sample.
  const welcome = createWelcome(() => void runPaper());
  async function runPaper(): Promise<void> {
    parameters.write(defaultParams(cores));
    if (store.get().sources.trace !== SAMPLE_TRACE || !store.get().ingest) await openSample();
    if (store.get().ingest && store.get().sources.trace === SAMPLE_TRACE) await train(false);
  }
  const training = createTrainingPanel({ train: (continuing) => void train(continuing), trainDays: () => void trainDays(), cancel: () => running?.abort() });
  const classification = createClassificationPanel();
  const inspect = createInspectPanel();
  const clusters = createClustersPanel((c) => void showCluster(c));
  const map = createMapPanel({
    neighbours: (sender, count) => bridge.neighbours(background.signal, sender, count),
    sendersOnPort: (port, proto) => bridge.sendersOnPort(background.signal, port, proto),
    projectSubset: (senders, method) => bridge.projectSubset(background.signal, senders, method),
    relabel: (edits) => relabel(edits),
    inspect: (c) => void showCluster(c),
    viewChanged: (v) => store.setView(v),
    download,
    error: (title, detail) => status.error(title, detail),
  });
  /** The analyst's label edits of the results on show (the worker applies them). */
  let labelEdits: LabelEdit[] = [];
  /** Changes when other results are shown (not when their labels are edited): background work checks it. */
  let generation = 0;
  inspect.onChoose((c) => void showCluster(c));
  inspect.onCompare((c) => bridge.activityPattern(background.signal, c));
  const days = createDaysPanel({
    inspect: (c) => void showCluster(c),
    toggleWatch(track) {
      const watched = new Set(store.get().view.watched);
      if (watched.has(track)) watched.delete(track);
      else watched.add(track);
      store.setView({ watched: [...watched].sort((a, b) => a - b) });
      void refreshDays();
    },
  });
  const exports = createExportPanel({
    exportFile: (name) => void exportFile(name),
    saveSession: () => void saveSession(),
    reopen: (file) => void reopen(file),
  });

  const resultsTabs = createTabs('Results', [
    { id: 'classification', label: 'Classification', panel: el('section', {}, classification.root) },
    { id: 'clusters', label: 'Clusters', panel: el('section', {}, clusters.root) },
    { id: 'map', label: 'Map', panel: el('section', {}, map.root) },
    { id: 'inspect', label: 'Cluster inspection', panel: el('section', {}, inspect.root) },
    { id: 'days', label: 'Days', panel: el('section', {}, days.root) },
  ], 'subtabs');
  resultsTabs.onSelect((id) => {
    store.setView({ resultsTab: id });
    if (id === 'map') requestAnimationFrame(() => map.visible());
  });
  const tabs = createTabs('DarkVec Studio', [
    { id: 'data', label: 'Data', panel: el('section', {}, welcome.root, data.root) },
    { id: 'parameters', label: 'Parameters', panel: el('section', {}, parameters.root) },
    { id: 'training', label: 'Training', panel: el('section', {}, training.root) },
    { id: 'results', label: 'Results', panel: el('section', {}, resultsTabs.root) },
    { id: 'export', label: 'Export', panel: el('section', {}, exports.root) },
  ]);
  tabs.onSelect((id) => {
    store.setView({ tab: id });
    if (id === 'results') requestAnimationFrame(() => map.visible());
  });

  const badge = el('span', { class: 'badge', id: 'isolation' });
  if (isolated) badge.textContent = `cross-origin isolated · up to ${cores} threads`;
  else {
    badge.textContent = 'not cross-origin isolated · 1 thread';
    badge.classList.add('warn');
    badge.title = NOT_ISOLATED;
  }
  root.querySelector('.app-header')?.append(badge);
  root.querySelector('#boot')?.remove();
  root.append(status.root, tabs.root);
  training.setReady(false);

  // The page's state attribute is what tests and the benchmarks wait on.
  store.subscribe((s, changed) => {
    if (changed.has('stage')) root.dataset.state = s.stage;
  });

  function begin(message: string): AbortSignal {
    running?.abort();
    running = new AbortController();
    status.clear();
    status.info(message);
    data.setBusy(true);
    return running.signal;
  }

  function end(signal: AbortSignal): void {
    if (running?.signal === signal) running = null;
    data.setBusy(false);
  }

  /** Parameters as on screen; undefined (with the field's error shown) when one is invalid. */
  function readParameters(): { params: DarkVecParams; dictionary: string | null } | undefined {
    try {
      const read = parameters.read();
      store.set({ parameters: read.params, dictionary: read.dictionary });
      return read;
    } catch {
      return undefined;
    }
  }

  const stepStatus = (prefix: string): OnProgress => (p) => {
    const share = p.total > 0 ? ` ${Math.min(100, Math.round((100 * p.done) / p.total))}%` : '';
    status.info(`${prefix}: ${p.what}${share}`);
  };

  async function openSample(): Promise<void> {
    const signal = begin('Opening the bundled sample…');
    try {
      const [t, l] = await Promise.all([options.sample.trace(), options.sample.labels()]);
      signal.throwIfAborted();
      end(signal);
      await chooseFiles(t, l, { bundled: true, build: true });
    } catch (e) {
      end(signal);
      fail('Could not open the bundled sample', e);
    }
  }

  async function generate(seed: number, scale: number): Promise<void> {
    if (!(scale > 0 && scale <= 2)) {
      status.error('Scale must be between 0.01 and 2', 'Scale 1 is one day of the paper\'s /24 darknet (~3.4 M packets).');
      return;
    }
    const signal = begin(`Generating a demo trace (seed ${seed}, scale ${scale})…`);
    try {
      const demo = await bridge.generateDemoTrace(signal, seed, scale, stepStatus('Generating'));
      end(signal);
      await chooseFiles({ blob: demo.trace, name: `${demo.name}.csv.gz` }, { blob: demo.labels, name: `${demo.name} labels.csv` }, { bundled: true, build: true });
    } catch (e) {
      end(signal);
      fail('Could not generate the demo trace', e);
    }
  }

  /**
   * A new trace, a new labels file, or both in one go. A trace is previewed
   * first (its columns checked) and built when the user confirms; labels alone
   * rebuild the current corpus with the mapping the user confirmed for it.
   */
  async function chooseFiles(newTrace: Source | null, newLabels: Source | null, how: { bundled?: boolean; build?: boolean; extraTraces?: Source[] } = {}): Promise<void> {
    const s = store.get();
    if (newLabels) labels = newLabels;
    // The sample's or a demo's labels do not describe the user's own trace.
    else if (newTrace && s.sources.labelsBundled) labels = null;
    const labelsBundled = newLabels ? Boolean(how.bundled) : newTrace ? false : s.sources.labelsBundled;
    if (!newTrace) {
      store.set({ sources: { ...s.sources, labels: labels?.name ?? null, labelsBundled } });
      data.showSources(traceNames(), labels?.name ?? null);
      // Labels join the corpus's senders: rebuild it (cancelling a build under way).
      if (trace && s.preview) await buildCorpus(mapping ?? s.preview.mapping);
      return;
    }
    trace = newTrace;
    extraTraces = how.extraTraces ?? [];
    mapping = undefined;
    store.set({ sources: { trace: traceNames(), labels: labels?.name ?? null, labelsBundled }, preview: null, ingest: null, stage: 'none' });
    training.setReady(false);
    data.showSources(traceNames(), labels?.name ?? null);
    const signal = begin(`Reading the first rows of ${newTrace.name}…`);
    try {
      const preview = await bridge.previewTrace(signal, newTrace.blob, newTrace.name);
      store.set({ preview });
      data.showPreview(preview);
      end(signal);
      const advice = previewAdvice(newTrace.name, preview);
      if (advice.level !== 'ready') {
        status.error(advice.title, advice.detail);
        return;
      }
      status.info(`${advice.title}. ${advice.detail}`);
      // Structured formats have nothing to check: build at once.
      if (how.build || preview.structured) await buildCorpus(preview.mapping);
    } catch (e) {
      end(signal);
      store.set({ preview: null });
      data.clearPreview();
      fail(`Could not read ${newTrace.name}`, e);
    }
  }

  /** The trace and the ones added to it, as the page names them. */
  function traceNames(): string | null {
    return trace ? [trace, ...extraTraces].map((t) => t.name).join(' + ') : null;
  }

  /** A second (third…) trace of the same days: previewed, then the corpus is rebuilt from all of them. */
  async function addTrace(added: Source): Promise<void> {
    if (!trace) return chooseFiles(added, null);
    const signal = begin(`Reading the first rows of ${added.name}…`);
    try {
      const preview = await bridge.previewTrace(signal, added.blob, added.name);
      end(signal);
      const missing = preview.format === 'delimited' ? (['ts', 'src', 'dstPort'] as const).filter((k) => preview.mapping[k] < 0) : [];
      if (missing.length > 0) {
        status.error(`${added.name}: some required columns were not found`, `An added trace's columns are found by their names (${preview.header.join(', ') || 'none'}): it needs a timestamp, a sender IP and a destination port.`);
        return;
      }
      extraTraces = [...extraTraces, added];
      store.set({ sources: { ...store.get().sources, trace: traceNames() } });
      data.showSources(traceNames(), labels?.name ?? null);
      const s = store.get();
      if (s.preview) await buildCorpus(mapping ?? s.preview.mapping);
    } catch (e) {
      end(signal);
      fail(`Could not read ${added.name}`, e);
    }
  }

  /** IP databases, read in the session worker; the current senders and results gain who they are. */
  async function addDatabases(files: Source[]): Promise<void> {
    const names = files.map((f) => f.name).join(', ');
    status.info(`Reading the IP database${files.length > 1 ? 's' : ''} ${names}…`);
    try {
      // Not `begin`: a database read does not cancel a corpus being built (the worker joins whichever ends last).
      const view = await bridge.addDatabases(new AbortController().signal, files, (p) => status.info(`IP databases: ${p.what}`));
      showEnrichment(view);
      timings.databases = view.loadSeconds;
      status.info(view.summary
        ? `${names}: ${formatCount(view.summary.enriched)} of ${formatCount(view.summary.senders)} kept senders enriched.`
        : `${names} read; the senders of the next corpus will be looked up in ${files.length > 1 ? 'them' : 'it'}.`);
    } catch (e) {
      fail(`Could not read the IP database ${names}`, e);
    }
  }

  async function clearDatabases(): Promise<void> {
    try {
      showEnrichment(await bridge.clearDatabases(new AbortController().signal));
      status.info('IP databases removed.');
    } catch (e) {
      fail('Could not remove the IP databases', e);
    }
  }

  /** The enrichment the worker now holds, in the data summary and the results on show. */
  function showEnrichment(view: EnrichView): void {
    data.showDatabases(view);
    if (view.lookupSeconds !== null) timings.lookup = view.lookupSeconds;
    const s = store.get();
    if (s.ingest) store.set({ ingest: { ...s.ingest, enrichment: view.summary, lookupSeconds: view.lookupSeconds } });
    const r = s.results;
    if (view.results && r) {
      r.senders.enrichment = view.results.enrichment;
      r.enrichment = view.results.enrichmentSummary;
      r.clustering.summaries = view.results.summaries;
      clusters.show(r);
      inspect.show(r);
      if (s.view.inspected >= 0) void showCluster(s.view.inspected, false);
    }
  }

  async function buildCorpus(confirmed: ColumnMapping): Promise<void> {
    if (!trace) return;
    const read = readParameters();
    if (!read) return;
    const source = trace;
    const extra = extraTraces;
    const name = traceNames()!;
    mapping = confirmed;
    const signal = begin(`Reading ${name}…`);
    try {
      const started = performance.now();
      let secondPass = NaN;
      const view = await bridge.ingest(signal, {
        trace: source, extraTraces: extra.length ? extra : undefined, labels, mapping: confirmed, params: read.params, dictionary: read.dictionary ?? undefined,
      }, (p) => {
        if (Number.isNaN(secondPass) && p.what.includes('pass 2')) secondPass = performance.now();
        status.info(`${name}: ${p.what}: ${formatCount(p.done)} of ${formatCount(p.total)} bytes`);
      });
      const finished = performance.now();
      if (Number.isNaN(secondPass)) secondPass = finished;
      timings.ingest = (secondPass - started) / 1000;
      timings.corpus = (finished - secondPass) / 1000;
      // The results on show are of the previous corpus until the next training.
      if (view.lookupSeconds !== null) timings.lookup = view.lookupSeconds;
      store.set({ ingest: view, stage: 'corpus' });
      data.showSummary(view);
      status.info(`${name}: ${formatCount(view.senders)} senders, ${formatCount(view.tokens)} tokens in ${formatSeconds(view.seconds)}. Next: Training.`);
      const usable = view.tokens > 0;
      const spansDays = view.input.firstTime !== null && view.input.lastTime !== null && Math.floor(view.input.lastTime / 86_400) > Math.floor(view.input.firstTime / 86_400);
      training.setReady(usable, usable ? undefined : 'The corpus is empty: no sender passed the minimum-packets filter. Lower it on the Parameters tab.', store.get().results !== null || store.get().training !== null, spansDays);
      end(signal);
    } catch (e) {
      end(signal);
      fail(`Could not build the corpus from ${name}`, e);
    }
  }

  async function train(continuing: boolean): Promise<void> {
    if (!store.get().ingest) return;
    const read = readParameters();
    if (!read) return;
    const signal = begin('Training…');
    restartBackground();
    const threads = isolated ? (read.params.threads === 0 ? cores : read.params.threads) : 1;
    training.start(threads, isolated ? null : NOT_ISOLATED, read.params.negatives);
    tabs.select('training');
    try {
      const started = performance.now();
      const view = await bridge.train(signal, read.params, continuing, (p) => {
        if (p.training) training.progress(p.training);
      });
      timings.train = (performance.now() - started) / 1000;
      store.set({ training: view });
      const s = view.summary;
      const solo = view.soloSeconds === null ? null : soloNote(view.soloSeconds, view.seconds, s.threads);
      training.finish(`${continuing ? 'Continued the model on' : 'Trained'} ${formatCount(s.tokens / s.epochs)} tokens × ${s.epochs} epoch${s.epochs === 1 ? '' : 's'} in ${formatSeconds(view.seconds)} on ${s.threads} thread${s.threads === 1 ? '' : 's'} (${formatCount(Math.round(s.tokens / Math.max(view.seconds, 1e-3)))} tokens/s)${continuing ? ` (${formatCount(s.sendersAdded)} senders added)` : ''}.${solo ? ` ${solo[0].toUpperCase()}${solo.slice(1)}.` : ''}`, true);
      end(signal);
      await analyze(read.params);
    } catch (e) {
      end(signal);
      training.finish(isAbortError(e) ? 'Training cancelled; the corpus and earlier results are kept.' : 'Training failed.');
      if (isAbortError(e)) status.info('Training cancelled.');
      fail('Training failed', e);
    }
  }

  /** The trace day by day: each UTC day trained (i-DarkVec), clustered and tracked; the results views show the last day. */
  async function trainDays(): Promise<void> {
    if (!store.get().ingest) return;
    const read = readParameters();
    if (!read) return;
    const signal = begin('Training day by day…');
    restartBackground();
    training.start(isolated ? (read.params.threads === 0 ? cores : read.params.threads) : 1, isolated ? null : NOT_ISOLATED, read.params.negatives);
    tabs.select('training');
    try {
      const started = performance.now();
      const out = await bridge.analyzeDays(signal, read.params, (p) => {
        if (p.training) training.progress(p.training);
        else status.info(`Day by day: ${p.what}`);
      });
      timings.train = (performance.now() - started) / 1000;
      end(signal);
      training.finish(`Trained ${out.results.training?.tokens ? formatCount(out.results.training.tokens) : ''} tokens day by day in ${formatSeconds(out.training.seconds)}; the results show the last day.`, true);
      store.set({ training: out.training, ingest: out.ingest });
      data.showSummary(out.ingest);
      showResults(out.results, { ...store.get().view, tab: 'results', resultsTab: 'days', projection: 'pca', selection: [], inspected: -1 });
      status.info(`Done day by day: the last day has ${out.results.clustering.count} clusters. Computing UMAP and the modularity curve in the background…`);
      runBackground(out.results);
    } catch (e) {
      end(signal);
      training.finish(isAbortError(e) ? 'Cancelled; the corpus and earlier results are kept.' : 'Training day by day failed.');
      fail('Training day by day failed', e);
    }
  }

  async function refreshDays(): Promise<void> {
    try {
      // Not tied to the background work: the results shown start it right after asking.
      const d = await bridge.daysView(new AbortController().signal);
      days.show(d?.view ?? null, store.get().view.watched, d?.note ?? null);
    } catch (e) {
      fail('Could not draw the days', e);
    }
  }

  async function analyze(params: DarkVecParams): Promise<void> {
    const signal = begin('Analysing: classifier, clusters, projections…');
    try {
      const started = performance.now();
      const results = await bridge.analyze(signal, params, (p) => status.info(`Analysing: ${p.what} (${Math.floor(p.done)} of ${p.total} steps)`));
      timings.analyze = (performance.now() - started) / 1000;
      end(signal);
      const renderStart = performance.now();
      showResults(results, { ...store.get().view, tab: 'results', resultsTab: 'classification', projection: 'pca', selection: [], inspected: -1 });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      timings.render = (performance.now() - renderStart) / 1000;
      status.info(`Done: ${results.clustering.count} clusters${results.classification ? `, ${results.classification.k}-NN accuracy ${results.classification.accuracy.toFixed(3)}` : ''}. Computing UMAP and the modularity curve in the background…`);
      runBackground(results);
    } catch (e) {
      end(signal);
      fail('Analysis failed', e);
    }
  }

  function showResults(results: DarkVecResults, view: ReturnType<typeof store.get>['view']): void {
    generation++;
    store.set({ results, view, stage: 'results', pending: { curve: results.clustering.curve ? null : 'waiting', umap: results.projection.umap ? null : 'waiting' } });
    classification.show(results);
    clusters.show(results);
    inspect.show(results);
    tabs.select(view.tab === 'results' || view.tab === 'export' ? view.tab : 'results');
    resultsTabs.select(view.resultsTab);
    map.show(results, view, labelEdits.length);
    exports.ready(EXPORTS.map((e) => e.name).filter((name) => name !== 'classification.csv' || results.classification !== null));
    if (view.inspected >= 0) void showCluster(view.inspected, false);
    void refreshDays();
  }

  /** The modularity curve and UMAP, after the results are on screen; each fills the results (exports, session) when done. */
  function runBackground(results: DarkVecResults): void {
    const signal = restartBackground();
    if (!results.clustering.curve) void runCurve(results, signal);
    if (!results.projection.umap) void runUmap(results, signal);
  }

  async function runCurve(_results: DarkVecResults, signal: AbortSignal): Promise<void> {
    clusters.setCurve(null, 'Modularity curve over graph k: computing in the background…');
    const mine = generation;
    try {
      const curve = await bridge.modularityCurve(signal, (p) => clusters.setCurve(null, `Modularity curve over graph k: ${p.what} (${p.done} of ${p.total})…`));
      if (generation !== mine || !store.get().results) return;
      store.get().results!.clustering.curve = curve;
      store.set({ pending: { ...store.get().pending, curve: null } });
      clusters.setCurve(curve, '');
    } catch (e) {
      if (isAbortError(e)) return;
      clusters.setCurve(null, 'The modularity curve failed; the clusters are not affected.');
      fail('Modularity curve failed', e);
    }
  }

  async function runUmap(_results: DarkVecResults, signal: AbortSignal): Promise<void> {
    map.setUmap(null, 'UMAP: starting…');
    const mine = generation;
    try {
      const xy = await bridge.projectUmap(signal, (p) => map.setUmap(null, `UMAP: ${Math.round((p.done / Math.max(1, p.total)) * 100)}%`));
      if (generation !== mine || !store.get().results) return;
      store.get().results!.projection.umap = xy;
      store.set({ pending: { ...store.get().pending, umap: null } });
      map.setUmap(xy, 'UMAP ready.');
      status.info('UMAP ready: the map shows it.');
    } catch (e) {
      if (isAbortError(e)) return;
      map.setUmap(null, 'UMAP failed; PCA is shown.');
      fail('UMAP failed (the PCA map still works)', e);
    }
  }

  /** The analyst labels senders: the worker re-runs the classifier and the summaries; every view shows the new results. */
  async function relabel(edits: LabelEdit[]): Promise<void> {
    const before = store.get().results;
    if (!before) return;
    try {
      const results = await bridge.relabel(background.signal, edits);
      labelEdits = mergeEdits(labelEdits, edits);
      // The curve and UMAP computed meanwhile belong to these results too.
      results.clustering.curve ??= before.clustering.curve;
      results.projection.umap ??= before.projection.umap;
      store.set({ results });
      classification.show(results);
      clusters.show(results);
      inspect.show(results);
      map.update(results, labelEdits.length);
      exports.ready(EXPORTS.map((e) => e.name).filter((name) => name !== 'classification.csv' || results.classification !== null));
      if (store.get().view.inspected >= 0) void showCluster(store.get().view.inspected, false);
      const given = edits.filter((e) => e.label !== null).length;
      const c = results.classification;
      status.info(`${given ? `Labelled ${formatCount(given)} sender${given === 1 ? '' : 's'} "${edits.find((e) => e.label)?.label}"` : `Removed the labels of ${formatCount(edits.length)} sender${edits.length === 1 ? '' : 's'}`}: the classifier re-ran${c ? ` (${c.k}-NN accuracy ${c.accuracy.toFixed(3)} over ${formatCount(c.evaluated)} labelled senders)` : ''}.`);
    } catch (e) {
      fail('Could not edit the labels', e);
    }
  }

  async function showCluster(cluster: number, select = true): Promise<void> {
    if (!store.get().results) return;
    store.setView({ inspected: cluster });
    if (select) {
      tabs.select('results');
      resultsTabs.select('inspect');
    }
    try {
      await inspect.inspect(cluster, bridge.activityPattern(background.signal, cluster));
    } catch (e) {
      fail(`Could not draw cluster ${cluster}`, e);
    }
  }

  async function exportFile(name: (typeof EXPORTS)[number]['name']): Promise<void> {
    try {
      download(name, await bridge.exportFile(background.signal, name));
    } catch (e) {
      fail(`Could not export ${name}`, e);
    }
  }

  async function saveSession(): Promise<void> {
    const s = store.get();
    if (!s.results) return;
    try {
      download('session.darkvec.json', await bridge.saveSession(background.signal, s.parameters, savedView(s.view)));
    } catch (e) {
      fail('Could not save the session', e);
    }
  }

  async function reopen(file: File): Promise<void> {
    const signal = begin(`Opening the session ${file.name}…`);
    restartBackground();
    try {
      const opened = await bridge.openSession(signal, file, file.name, (p) => status.info(`Opening ${file.name}: ${p.what}`));
      end(signal);
      trace = null;
      extraTraces = [];
      labels = null;
      mapping = undefined;
      parameters.write(opened.parameters);
      labelEdits = opened.labelEdits;
      store.set({
        sources: { trace: opened.sources.trace, labels: opened.sources.labels, labelsBundled: false },
        parameters: opened.parameters, preview: null, ingest: opened.ingest, training: null,
      });
      data.clearPreview();
      data.showSources(`${opened.sources.trace ?? 'unknown trace'} (from the session ${file.name})`, opened.sources.labels);
      data.showSummary(opened.ingest);
      training.setReady(false, 'Session reopened. To continue training with the next day\'s trace, open that trace on the Data tab and build its corpus.');
      showResults(opened.results, restoredView(opened.view, opened.results.senders.vocab.length));
      status.info(`Session ${file.name} reopened${opened.migrated ? ' (saved by an earlier version: its analysis was re-run from the saved vectors)' : ''}: ${formatCount(opened.results.senders.vocab.length)} senders, ${opened.results.clustering.count} clusters.`);
      runBackground(opened.results);
    } catch (e) {
      end(signal);
      fail(`Could not reopen ${file.name}`, e);
    }
  }

  // First visit: the bundled sample, so there is something to explore at once.
  void openSample();
}
