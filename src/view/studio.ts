// The app's flow: data -> corpus -> training -> analysis -> views. Holds the
// session (typed arrays, no per-sender objects) and sends every heavy step to
// a worker; panels only render.
import { el, formatCount, formatSeconds } from './element.ts';
import { createStatusArea } from './status-area.ts';
import { createTabs } from './tabs.ts';
import { createDataPanel } from './data-panel.ts';
import { createParametersPanel, paperSettings, type Parameters } from './parameters-panel.ts';
import { createTrainingPanel } from './training-panel.ts';
import { createClassificationPanel } from './classification-panel.ts';
import { createClustersPanel } from './clusters-panel.ts';
import { createMapPanel } from './map-panel.ts';
import { createInspectPanel } from './inspect-panel.ts';
import { createExportPanel, download } from './export-panel.ts';
import { encodeSession, decodeSession } from './session-file.ts';
import type { ResultsData } from './results-data.ts';
import { createBridge, isAbortError, proxy } from '../workers/bridge.ts';
import type { AnalysisResult, ColumnMapping, IngestResult, TracePreview, TrainingProgress } from '../workers/pipeline-types.ts';
import type { Embedding } from '../embed/embedding.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { previewAdvice } from '../ingest/preview-advice.ts';

export interface TrainedModel {
  embedding: Embedding;
  /** Whatever the trainer needs to continue training (i-DarkVec); opaque here. */
  state: unknown;
}

export interface Trainer {
  train(
    corpus: Corpus,
    params: Parameters['train'],
    onProgress: (p: TrainingProgress) => void,
    signal: AbortSignal,
    previous: TrainedModel | null,
  ): Promise<{ model: TrainedModel; threads: number; note: string | null }>;
  /** Threads training will use, and why fewer than asked when so. */
  plan(requested: number): { threads: number; note: string | null };
}

export interface SampleFiles {
  trace: () => Promise<{ blob: Blob; name: string }>;
  labels: () => Promise<{ blob: Blob; name: string }>;
}

export interface StudioOptions {
  trainer: Trainer;
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
}

export function startStudio(root: HTMLElement, options: StudioOptions): void {
  const status = createStatusArea();
  const ingestBridge = createBridge('ingest');
  const analysisBridge = createBridge('analysis');
  const umapBridge = createBridge('umap');
  const curveBridge = createBridge('curve');
  const threadsAvailable = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 16));

  let trace: Source | null = null;
  let labels: Source | null = null;
  let labelsBundled = false;
  let preview: TracePreview | null = null;
  let ingest: IngestResult | null = null;
  let model: TrainedModel | null = null;
  let analysis: AnalysisResult | null = null;
  let running: AbortController | null = null;
  let umapRun: AbortController | null = null;
  let curveRun: AbortController | null = null;
  const timings: Timings = {};
  (globalThis as { darkvecTimings?: Timings }).darkvecTimings = timings;

  const fail = (title: string, e: unknown) => {
    if (isAbortError(e)) return;
    status.error(title, e instanceof Error ? e.message : String(e));
  };

  const data = createDataPanel({
    openSample: () => void openSample(),
    generate: (seed, scale) => void generate(seed, scale),
    chooseTrace: (file) => {
      // The sample's or a demo's labels do not describe the user's own trace.
      if (labelsBundled) labels = null;
      void chooseTrace({ blob: file, name: file.name });
    },
    chooseLabels: (file) => {
      labels = { blob: file, name: file.name };
      labelsBundled = false;
      data.showSources(trace?.name ?? null, labels.name);
      // Labels join the corpus's senders: rebuild (cancelling a build under way).
      if (preview && trace) void buildCorpus(preview.mapping);
    },
    buildCorpus: (mapping) => void buildCorpus(mapping),
  });
  const parameters = createParametersPanel(paperSettings(threadsAvailable), options.dictionary, (t, d) => status.error(t, d));
  const training = createTrainingPanel({ train: (incremental) => void train(incremental), cancel: () => running?.abort() });
  const classification = createClassificationPanel();
  const inspect = createInspectPanel();
  const clusters = createClustersPanel((c) => showCluster(c));
  const map = createMapPanel({
    neighbours: (sender, count) => analysisBridge.call(undefined, (api) => api.nearestNeighbours(model!.embedding.vectors, model!.embedding.dim, model!.embedding.vocab, sender, count)),
    inspect: (c) => showCluster(c),
  });
  inspect.onChoose((c) => showCluster(c));
  const exports = createExportPanel(() => currentResults(), () => model, () => parameters.read(), (t, e) => fail(t, e), () => saveSession(), (file) => void reopen(file));

  const resultsTabs = createTabs('Results', [
    { id: 'classification', label: 'Classification', panel: el('section', {}, classification.root) },
    { id: 'clusters', label: 'Clusters', panel: el('section', {}, clusters.root) },
    { id: 'map', label: 'Map', panel: el('section', {}, map.root) },
    { id: 'inspect', label: 'Cluster inspection', panel: el('section', {}, inspect.root) },
  ], 'subtabs');
  resultsTabs.onSelect((id) => {
    if (id === 'map') requestAnimationFrame(() => map.visible());
  });
  const tabs = createTabs('DarkVec Studio', [
    { id: 'data', label: 'Data', panel: el('section', {}, data.root) },
    { id: 'parameters', label: 'Parameters', panel: el('section', {}, parameters.root) },
    { id: 'training', label: 'Training', panel: el('section', {}, training.root) },
    { id: 'results', label: 'Results', panel: el('section', {}, resultsTabs.root) },
    { id: 'export', label: 'Export', panel: el('section', {}, exports.root) },
  ]);
  tabs.onSelect((id) => {
    if (id === 'results') requestAnimationFrame(() => map.visible());
  });

  const isolation = el('span', { class: 'badge', id: 'isolation' });
  const plan = options.trainer.plan(threadsAvailable);
  if (globalThis.crossOriginIsolated) isolation.textContent = `cross-origin isolated · ${plan.threads} training threads`;
  else {
    isolation.textContent = 'not cross-origin isolated · 1 training thread';
    isolation.classList.add('warn');
    isolation.title = plan.note ?? '';
  }
  root.querySelector('.app-header')?.append(isolation);
  root.querySelector('#boot')?.remove();
  root.append(status.root, tabs.root);
  training.setReady(false);

  function currentResults(): ResultsData | null {
    if (!ingest || !analysis || !model) return null;
    return { vocab: model.embedding.vocab, packets: ingest.corpus.packets, labels: ingest.labels, analysis };
  }

  function begin(message: string): AbortSignal {
    running?.abort();
    running = new AbortController();
    status.clear();
    status.info(message);
    data.setBusy(true);
    return running.signal;
  }

  function end(): void {
    running = null;
    data.setBusy(false);
  }

  async function openSample(): Promise<void> {
    const signal = begin('Opening the bundled sample…');
    try {
      const [t, l] = await Promise.all([options.sample.trace(), options.sample.labels()]);
      signal.throwIfAborted();
      labels = l;
      labelsBundled = true;
      end();
      await chooseTrace(t, true);
    } catch (e) {
      end();
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
      const demo = await ingestBridge.call(signal, (api) => api.generateDemoTrace(seed, scale, proxy((done: number, total: number, stage: string) => status.info(`Generating: ${stage} ${Math.round((done / Math.max(1, total)) * 100)}%`))));
      labels = { blob: demo.labels, name: `${demo.name} labels.csv` };
      labelsBundled = true;
      end();
      await chooseTrace({ blob: demo.trace, name: `${demo.name}.csv.gz` }, true);
    } catch (e) {
      end();
      fail('Could not generate the demo trace', e);
    }
  }

  async function chooseTrace(source: Source, autoBuild = false): Promise<void> {
    const signal = begin(`Reading the first rows of ${source.name}…`);
    trace = source;
    ingest = null;
    training.setReady(false);
    data.showSources(trace.name, labels?.name ?? null);
    try {
      preview = await ingestBridge.call(signal, (api) => api.previewTrace(source.blob, source.name));
      data.showPreview(preview);
      end();
      const advice = previewAdvice(source.name, preview);
      if (advice.level !== 'ready') return status.error(advice.title, advice.detail);
      status.info(`${advice.title}. ${advice.detail}`);
      // Structured formats have nothing to check: build at once.
      if (autoBuild || preview.structured) await buildCorpus(preview.mapping);
    } catch (e) {
      end();
      preview = null;
      data.clearPreview();
      fail(`Could not read ${source.name}`, e);
    }
  }

  async function buildCorpus(mapping: ColumnMapping): Promise<void> {
    if (!trace) return;
    let params: Parameters;
    try {
      params = parameters.read();
    } catch {
      return;
    }
    const source = trace;
    const signal = begin(`Reading ${source.name}…`);
    try {
      const started = performance.now();
      const result = await ingestBridge.call(signal, (api) =>
        api.ingestTrace(source.blob, source.name, labels, { ...params.corpus, mapping }, proxy((done: number, total: number, stage: string) => {
          status.info(`${stage}: ${formatCount(done)}${total > 0 ? ` of ${formatCount(total)}` : ''}`);
        })),
      );
      ingest = result;
      // The results on show are of the previous corpus until the next training.
      root.dataset.state = 'corpus';
      timings.ingest = result.summary.seconds.ingest;
      timings.corpus = result.summary.seconds.corpus;
      data.showSummary(result.summary, result.corpus.packets);
      const seconds = (performance.now() - started) / 1000;
      status.info(`${source.name}: ${formatCount(result.summary.sendersAfter)} senders, ${formatCount(result.summary.tokens)} tokens in ${formatSeconds(seconds)}. Next: Training.`);
      training.setReady(result.corpus.tokens.length > 0, result.corpus.tokens.length > 0 ? undefined : 'The corpus is empty: no sender passed the minimum-packets filter. Lower it on the Parameters tab.', model !== null);
      end();
    } catch (e) {
      end();
      fail(`Could not build the corpus from ${source.name}`, e);
    }
  }

  async function train(incremental: boolean): Promise<void> {
    if (!ingest) return;
    const previous = incremental ? model : null;
    let params: Parameters;
    try {
      params = parameters.read();
    } catch {
      return;
    }
    const signal = begin('Training…');
    const planned = options.trainer.plan(params.train.threads);
    training.start(planned.threads, planned.note);
    tabs.select('training');
    try {
      const started = performance.now();
      // i-DarkVec: a later day adds its senders and trains one pass (the first day trained the full epochs).
      const trainParams = previous ? { ...params.train, epochs: 1 } : params.train;
      const out = await options.trainer.train(ingest.corpus, trainParams, (p) => training.progress(p), signal, previous);
      // The views index senders by this corpus's token ids; a continued model
      // also holds earlier days' senders, so keep the rows of today's senders.
      model = { embedding: alignEmbedding(out.model.embedding, ingest.corpus.vocab), state: out.model.state };
      timings.train = (performance.now() - started) / 1000;
      training.finish(`${previous ? 'Continued the model on' : 'Trained'} ${formatCount(ingest.corpus.tokens.length)} tokens × ${trainParams.epochs} epoch${trainParams.epochs === 1 ? '' : 's'} in ${formatSeconds(timings.train)} on ${out.threads} thread${out.threads === 1 ? '' : 's'}.`);
      end();
      await analyze(params);
    } catch (e) {
      end();
      training.finish(isAbortError(e) ? 'Training cancelled; the corpus and earlier results are kept.' : 'Training failed.');
      if (isAbortError(e)) status.info('Training cancelled.');
      fail('Training failed', e);
    }
  }

  async function analyze(params: Parameters): Promise<void> {
    if (!ingest || !model) return;
    const signal = begin('Analysing: classifier, clusters, projections…');
    const embedding = model.embedding;
    try {
      const started = performance.now();
      analysis = await analysisBridge.call(signal, (api) => api.analyze(
        { vocab: embedding.vocab, dim: embedding.dim, vectors: embedding.vectors, labels: ingest!.labels, stats: ingest!.stats, log: ingest!.log },
        params.analysis,
        analysisThreads(params),
        proxy((done: number, total: number, stage: string) => status.info(`Analysing: ${stage} (${done}/${total})`)),
      ));
      timings.analyze = (performance.now() - started) / 1000;
      end();
      const renderStart = performance.now();
      const results = currentResults()!;
      classification.show(results, params.analysis.k);
      clusters.show(results, params.analysis.graphK);
      inspect.show(results);
      tabs.select('results');
      resultsTabs.select('classification');
      map.show(results);
      exports.ready(true);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      timings.render = (performance.now() - renderStart) / 1000;
      status.info(`Done: ${analysis.clustering.count} clusters${analysis.classification ? `, ${params.analysis.k}-NN accuracy ${analysis.classification.accuracy.toFixed(3)}` : ''}. Computing UMAP and the modularity curve in the background…`);
      root.dataset.state = 'results';
      void runCurve(params);
      void runUmap(params.analysis.seed);
    } catch (e) {
      end();
      fail('Analysis failed', e);
    }
  }

  /** The analysis workers: as many as train, which is one when the page is not isolated. */
  function analysisThreads(params: Parameters): number {
    return options.trainer.plan(params.train.threads).threads;
  }

  /** Fills the results' modularity curve (saved sessions and the JSON report include it once done). */
  async function runCurve(params: Parameters): Promise<void> {
    if (!model || !analysis) return;
    curveRun?.abort();
    const run = (curveRun = new AbortController());
    const target = analysis;
    const { vectors, dim, vocab } = model.embedding;
    const maxK = params.analysis.curveMaxK;
    clusters.setCurve(null, 'Modularity curve over graph k: computing in the background…');
    try {
      const curve = await curveBridge.call(run.signal, (api) => api.modularityCurve(
        vectors, vocab.length, dim, maxK, params.analysis.seed, analysisThreads(params),
        proxy((done: number, total: number, stage: string) => clusters.setCurve(null, `Modularity curve over graph k: ${stage} (${Math.floor(done)} of ${total} steps)…`)),
      ));
      if (analysis !== target) return;
      target.clustering.curve = curve;
      clusters.setCurve(curve, '');
    } catch (e) {
      if (isAbortError(e)) return;
      clusters.setCurve(null, 'The modularity curve failed; the clusters are not affected.');
      fail('Modularity curve failed', e);
    }
  }

  async function runUmap(seed: number): Promise<void> {
    if (!model) return;
    umapRun?.abort();
    umapRun = new AbortController();
    const { vectors, dim, vocab } = model.embedding;
    map.setUmap(null, 'UMAP: starting…');
    try {
      const xy = await umapBridge.call(umapRun.signal, (api) => api.projectUmap(vectors, vocab.length, dim, seed, proxy((done: number, total: number) => map.setUmap(null, `UMAP: ${Math.round((done / Math.max(1, total)) * 100)}%`))));
      map.setUmap(xy, 'UMAP ready.');
      status.info('UMAP ready: the map shows it.');
    } catch (e) {
      map.setUmap(null, isAbortError(e) ? 'UMAP cancelled.' : 'UMAP failed; PCA is shown.');
      fail('UMAP failed (the PCA map still works)', e);
    }
  }

  async function showCluster(cluster: number): Promise<void> {
    if (!ingest || !analysis || !model) return;
    tabs.select('results');
    resultsTabs.select('inspect');
    const activity = analysisBridge.call(undefined, (api) => api.activityPattern({ vocab: model!.embedding.vocab, log: ingest!.log, ofSender: analysis!.clustering.ofSender }, cluster));
    try {
      await inspect.inspect(cluster, activity);
    } catch (e) {
      fail(`Could not draw cluster ${cluster}`, e);
    }
  }

  function saveSession(): void {
    if (!ingest || !model || !analysis) return;
    const text = encodeSession({
      savedAt: new Date().toISOString(),
      trace: trace?.name ?? ingest.summary.fileName,
      parameters: parameters.read(),
      vocab: model.embedding.vocab,
      dim: model.embedding.dim,
      vectors: model.embedding.vectors,
      modelState: model.state,
      packets: ingest.corpus.packets,
      labels: ingest.labels,
      stats: ingest.stats,
      log: ingest.log,
      summary: ingest.summary,
      analysis,
    });
    download('darkvec-session.json', text, 'application/json');
  }

  async function reopen(file: File): Promise<void> {
    const signal = begin(`Opening the session ${file.name}…`);
    try {
      const s = decodeSession(await file.text(), file.name);
      signal.throwIfAborted();
      const vocab = s.vocab as string[];
      const packets = s.packets as Int32Array;
      ingest = {
        corpus: { vocab, packets, tokens: new Int32Array(0), offsets: new Int32Array(1) },
        stats: s.stats as IngestResult['stats'],
        log: s.log as IngestResult['log'],
        labels: s.labels as IngestResult['labels'],
        summary: s.summary as IngestResult['summary'],
      };
      model = { embedding: { vocab, dim: s.dim as number, vectors: s.vectors as Float32Array }, state: s.modelState };
      analysis = s.analysis as AnalysisResult;
      parameters.write(s.parameters as Parameters);
      trace = null;
      preview = null;
      data.showSources(`${String(s.trace)} (from the session ${file.name})`, null);
      data.showSummary(ingest.summary, packets);
      training.setReady(false, 'Session reopened. To continue training with the next day\'s trace, open that trace on the Data tab and build its corpus.');
      end();
      const results = currentResults()!;
      const p = s.parameters as Parameters;
      classification.show(results, p.analysis.k);
      clusters.show(results, p.analysis.graphK);
      inspect.show(results);
      tabs.select('results');
      map.show(results);
      exports.ready(true);
      status.info(`Session ${file.name} reopened: ${formatCount(vocab.length)} senders, ${analysis.clustering.count} clusters.`);
      root.dataset.state = 'results';
      // Saved before its background run was done: compute it now.
      if (analysis.clustering.curve.k.length === 0) void runCurve(p);
    } catch (e) {
      end();
      fail(`Could not reopen ${file.name}`, e);
    }
  }

  // First visit: the bundled sample, so there is something to explore at once.
  void openSample();
}

/** The rows of `vocab` (in that order) from an embedding whose vocabulary contains them. */
export function alignEmbedding(embedding: Embedding, vocab: string[]): Embedding {
  if (embedding.vocab.length === vocab.length && embedding.vocab.every((v, i) => v === vocab[i])) return embedding;
  const at = new Map(embedding.vocab.map((v, i) => [v, i]));
  const { dim } = embedding;
  const vectors = new Float32Array(vocab.length * dim);
  vocab.forEach((v, i) => {
    const row = at.get(v);
    if (row === undefined) throw new Error(`the trained model has no vector for ${v}`);
    vectors.set(embedding.vectors.subarray(row * dim, (row + 1) * dim), i * dim);
  });
  return { vocab, dim, vectors };
}
