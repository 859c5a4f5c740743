// What the page's worker offers: the DarkVec method's steps (src/method) over
// the data this worker holds (the trace, its corpus, sender statistics and
// packet log, the model, the results), so calls pass ids and parameters, never
// the packet log. One instance is the page's session (stateful, cancelled
// cooperatively through `cancel`); a second, stateless one runs the
// modularity curve and UMAP and is terminated to cancel them.
import { releaseProxy, type Remote } from 'comlink';
import { openBlobSource } from '../ingest/byte-source.ts';
import { previewTrace as previewBytes, type TracePreview as IngestPreview } from '../ingest/preview-trace.ts';
import type { ColumnMapping } from '../ingest/column-mapping.ts';
import { readLabels } from '../ingest/read-labels.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { JoinedLabels } from '../corpus/join-labels.ts';
import type { PacketLog, SenderStats } from '../corpus/sender-stats.ts';
import { parseDictionary, type DksDictionary } from '../corpus/services.ts';
import type { Embedding } from '../embed/embedding.ts';
import type { KnnResult } from '../analyze/knn.ts';
import { activityPattern as clusterActivity } from '../analyze/summaries.ts';
import { nearestNeighboursOfIndex } from '../analyze/neighbours.ts';
import { nearestNeighbours } from '../analyze/nearest-neighbours.ts';
import { generateDemoTrace } from '../simulate/index.ts';
import { withRowPool, type Host } from '../method/host.ts';
import { outputFiles, inBlocks, type OutputName } from '../method/outputs.ts';
import { neighboursNeeded, threadsFor, type DarkVecParams } from '../method/params.ts';
import type { OnStepProgress, StepProgress } from '../method/progress.ts';
import type { CorpusSummary, DarkVecResults, InputSummary, LabelsSummary, ModularityCurve, TrainingSummary } from '../method/results.ts';
import { decodeSession, encodeSession } from '../method/session.ts';
import { alignEmbedding, analyze, curve, ingest, train, umap, type InputFile } from '../method/steps.ts';
import { addDay, createDaySeries, dateOf, runDays, splitByDay, type DaySeries } from '../method/daily.ts';
import { applyEnrichment, databaseKind, enrichmentSummary, enrichSenders, openDatabases, type Enrichment, type IpDatabase } from '../method/enrichment.ts';
import type { ClusterSummary, EnrichmentSummary } from '../method/results.ts';
import { daysView, type DaysView } from '../method/days-view.ts';
import type { Labels } from '../ingest/read-labels.ts';
import { mergeEdits, relabelResults, type LabelEdit } from '../method/relabel.ts';
import { UMAP_NEIGHBOURS } from '../method/params.ts';
import { pcaProject } from '../analyze/pca.ts';
import { portHours, sendersOnPort, type PortHours } from '../analyze/port-hours.ts';

export interface NamedBlob {
  blob: Blob;
  name: string;
}

/** The ingest step's preview (src/ingest/preview-trace.ts), with the file's name and whether it was gzip. */
export interface TracePreview extends IngestPreview {
  fileName: string;
  gzip: boolean;
}

export interface IngestRequest {
  trace: NamedBlob;
  /** More traces of the same days (a honeypot log next to a darknet trace): one corpus. */
  extraTraces?: NamedBlob[];
  labels: NamedBlob | null;
  /** Delimited text: the columns the user confirmed; undefined = detected. */
  mapping?: ColumnMapping;
  params: DarkVecParams;
  /** An edited DKS dictionary (JSON text); undefined = the bundled one. */
  dictionary?: string;
}

/** What the Data tab shows after a corpus is built. */
export interface IngestView {
  input: InputSummary;
  corpus: CorpusSummary;
  labels: LabelsSummary;
  /** Packets per kept sender (the concentration chart). */
  packets: Float64Array;
  senders: number;
  tokens: number;
  seconds: number;
  /** The kept senders looked up in the IP databases loaded (null without one), and how long the lookup took. */
  enrichment: EnrichmentSummary | null;
  lookupSeconds: number | null;
}

/** The IP databases this session holds and what they gave the current senders. */
export interface EnrichView {
  databases: { file: string; format: string; detail: string }[];
  /** Null without databases or without senders yet. */
  summary: EnrichmentSummary | null;
  /** Reading the databases just added, and looking the current senders up in all of them. */
  loadSeconds: number;
  lookupSeconds: number | null;
  /** When results are on show: what they gain (the page sets these two fields of its copy). */
  results: { enrichment: Enrichment | null; enrichmentSummary: EnrichmentSummary | null; summaries: ClusterSummary[] } | null;
}

export interface TrainView {
  summary: TrainingSummary;
  seconds: number;
  /** Why fewer threads ran than asked, when so. */
  note: string | null;
  /** Seconds one worker trained alone while the thread governor parked the others; null when not measured (day by day). */
  soloSeconds: number | null;
}

export interface ActivityPattern {
  ts: Float64Array;
  /** Row of each mark: index into senders. */
  row: Int32Array;
  senders: string[];
  decimated: boolean;
  /** The cluster's top ports by packets, per hour of the trace. */
  portHours: PortHours;
}

export interface Neighbour {
  sender: number;
  ip: string;
  similarity: number;
}

export interface DemoTrace {
  trace: Blob;
  labels: Blob;
  name: string;
}

export interface OpenedSession {
  parameters: DarkVecParams;
  view: Record<string, unknown>;
  sources: { trace: string | null; labels: string | null };
  ingest: IngestView;
  results: DarkVecResults;
  /** The file was of an older version: its analysis was re-run from the stored vectors. */
  migrated: boolean;
  /** The analyst's edits of the ground truth, already in `results`. */
  labelEdits: LabelEdit[];
}

export type Progress = Remote<(p: StepProgress) => void> | ((p: StepProgress) => void);

/** The neighbour lists and PCA layout the curve and UMAP start from. */
export interface ProjectionInput {
  knn: KnnResult;
  pca: Float32Array;
  params: DarkVecParams;
}

interface Data {
  /** The trace and labels as given (a day-by-day run reads the trace again). */
  trace: NamedBlob | null;
  labelsFile: Labels | null;
  corpus: Corpus | null;
  stats: SenderStats | null;
  log: PacketLog | null;
  joined: JoinedLabels;
  input: InputSummary | null;
  corpusSummary: CorpusSummary | null;
  labels: LabelsSummary;
  dictionary?: DksDictionary;
  sources: { trace: string | null; labels: string | null };
  /** The kept senders looked up in the databases (null without). */
  enrichment?: { enrichment: Enrichment; summary: EnrichmentSummary } | null;
}

interface Model {
  /** Every sender trained so far, input and output vectors (what continuing needs). */
  full: { embedding: Embedding; outputVectors: Float32Array | null };
  /** The current corpus's senders, in its order. */
  embedding: Embedding;
  summary: TrainingSummary | null;
}

export function blobInput(b: NamedBlob): InputFile {
  return { name: b.name, size: b.blob.size, open: () => openBlobSource(b.blob) };
}

function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function createAppApi(host: Host) {
  let data: Data | null = null;
  let model: Model | null = null;
  let analysis: { results: DarkVecResults; knn: KnnResult; pca: Float32Array; params: DarkVecParams } | null = null;
  /** The data the analysis is of (a new corpus keeps the earlier results on show until it is trained). */
  let analysedData: Data | null = null;
  /** Days so far (tracks); `pendingDay` is set by training and consumed by the analysis, whose clustering is the day's. */
  let series: DaySeries | null = null;
  let pendingDay: { continuing: boolean; epochs: number } | null = null;
  let dayNote: string | null = null;
  /** IP databases the user gave, kept for every corpus of the session. */
  let databases: IpDatabase[] = [];
  let lastLookup: number | null = null;
  /** The analyst's edits of the ground truth, by address: applied to every analysis of this session. */
  let labelEdits: LabelEdit[] = [];
  const running = new Map<number, AbortController>();

  /** Runs a cancellable call: `cancel(id)` aborts its signal; the progress proxy is released after. */
  async function cancellable<T>(id: number, onProgress: Progress | undefined, work: (signal: AbortSignal, say: OnStepProgress) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    running.set(id, controller);
    const say: OnStepProgress = (p) => {
      if (!controller.signal.aborted) void onProgress?.(p);
    };
    try {
      return await work(controller.signal, say);
    } finally {
      running.delete(id);
      (onProgress as Remote<unknown> | undefined)?.[releaseProxy]?.();
    }
  }

  function requireData(): Data {
    if (!data) throw new Error('no corpus: open a trace on the Data tab first');
    return data;
  }

  function requireResults() {
    if (!analysis) throw new Error('no results yet: train a model first');
    return analysis;
  }

  function threads(params: DarkVecParams): number {
    return threadsFor(params, host.cores);
  }

  function ingestView(d: Data, packets: Float64Array, seconds: number): IngestView {
    return {
      input: d.input!, corpus: d.corpusSummary!, labels: d.labels, packets,
      senders: d.joined.labels.ids.length, tokens: d.corpusSummary?.tokens ?? 0, seconds,
      enrichment: d.enrichment?.summary ?? null, lookupSeconds: d.enrichment ? lastLookup : null,
    };
  }

  /** The senders of `vocab` looked up in the databases held, timed. */
  function lookUp(vocab: readonly string[]): Data['enrichment'] {
    const started = performance.now();
    const e = enrichSenders(vocab, databases);
    lastLookup = (performance.now() - started) / 1000;
    return e && { enrichment: e, summary: enrichmentSummary(e, databases) };
  }

  /** After an analysis of a freshly trained or continued model: the day joins the series (a fresh model starts one). */
  async function recordDay(results: DarkVecResults, params: DarkVecParams, signal: AbortSignal): Promise<void> {
    if (!pendingDay || !data || !model) return;
    const { continuing, epochs } = pendingDay;
    pendingDay = null;
    const date = dateOf(data.input?.lastTime ?? null);
    if (!date) return;
    if (!continuing || !series) series = createDaySeries(params);
    const last = series.days.at(-1);
    if (last && date <= last.report.date) {
      dayNote = `The trace's last day (${date}) is not after the series' last day (${last.report.date}): the tracks were not extended.`;
      return;
    }
    dayNote = null;
    const c = results.clustering;
    await addDay(host, series, {
      date, embedding: model.embedding, stats: data.stats ?? undefined, log: data.log ?? undefined, joined: data.joined,
      rows: data.input?.rows ?? 0, sentences: data.corpusSummary?.sentences ?? 0, tokens: data.corpusSummary?.tokens ?? 0, epochs,
      clustering: { cluster: c.cluster, count: c.count, modularity: c.modularity, summaries: c.summaries },
    }, params, signal);
  }

  /** The databases held joined to the current senders and results. */
  function enrichCurrent(loadSeconds: number): EnrichView {
    let lookupSeconds: number | null = null;
    if (data) {
      const vocab = data.corpus?.vocab ?? (analysedData === data ? analysis?.results.senders.vocab : undefined);
      data.enrichment = vocab ? lookUp(vocab) : null;
      lookupSeconds = vocab && databases.length > 0 ? lastLookup : null;
    }
    let results: EnrichView['results'] = null;
    // Results of the current data only (a new corpus not yet trained keeps the old results as they are).
    if (analysis && data && analysedData === data) {
      const r = analysis.results;
      applyEnrichment(r, data.enrichment?.enrichment ?? null, data.enrichment?.summary ?? null);
      results = { enrichment: r.senders.enrichment, enrichmentSummary: r.enrichment, summaries: r.clustering.summaries };
    }
    return {
      databases: databases.map((db) => ({ file: db.fileName, format: databaseKind(db), detail: db.format === 'mmdb' ? `IPv${db.ipVersion}, built ${db.buildEpoch.toISOString().slice(0, 10)}` : `${db.lines} lines${db.skipped.total ? `, ${db.skipped.total} skipped` : ''}` })),
      summary: data?.enrichment?.summary ?? null, loadSeconds, lookupSeconds, results,
    };
  }

  return {
    async previewTrace(trace: Blob, fileName: string): Promise<TracePreview> {
      const p = await previewBytes(openBlobSource(trace), fileName);
      const head = new Uint8Array(await trace.slice(0, 2).arrayBuffer());
      return { ...p, fileName, gzip: head[0] === 0x1f && head[1] === 0x8b };
    },

    async generateDemoTrace(seed: number, scale: number, id: number, onProgress?: Progress): Promise<DemoTrace> {
      return cancellable(id, onProgress, async (signal, say) => {
        const demo = generateDemoTrace({ seed, scale, days: 1, excessPacketScale: 1 });
        const chunks = demo.traceChunks();
        let hour = 0;
        const csv = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (signal.aborted) return controller.error(abortError());
            const next = chunks.next();
            if (next.done) controller.close();
            else {
              say({ step: 'corpus', what: 'simulating hours', done: hour++, total: 25, unit: 'steps' });
              controller.enqueue(next.value);
            }
          },
        });
        const gzip = csv.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
        const trace = await new Response(gzip).blob();
        return { trace, labels: new Blob([demo.labelsCsv()], { type: 'text/csv' }), name: `demo-seed${seed}-scale${scale}` };
      });
    },

    /** Trace (+ labels) -> corpus: replaces the data; the model and results stay until the next training. */
    async ingest(request: IngestRequest, id: number, onProgress?: Progress): Promise<IngestView> {
      return cancellable(id, onProgress, async (signal, say) => {
        const started = performance.now();
        const dictionary = request.dictionary ? parseDictionary(request.dictionary) : undefined;
        const labels = request.labels ? await readLabels(openBlobSource(request.labels.blob), request.labels.name) : null;
        const traces = [request.trace, ...(request.extraTraces ?? [])];
        const d = await ingest(traces.map(blobInput), labels, request.params, { mapping: request.mapping, dictionary, labelsName: request.labels?.name, signal, onProgress: say });
        data = {
          trace: traces.length === 1 ? request.trace : null, labelsFile: labels,
          corpus: d.corpus, stats: d.stats, log: d.log, joined: d.joined, input: d.input, corpusSummary: d.corpusSummary,
          labels: d.labels, dictionary,
          sources: { trace: traces.map((t) => t.name).join(' + '), labels: request.labels?.name ?? null },
          enrichment: lookUp(d.corpus.vocab),
        };
        return ingestView(data, Float64Array.from(d.corpus.packets), (performance.now() - started) / 1000);
      });
    },

    /** Trains on the current corpus; `continuing` keeps the current model and trains one pass (i-DarkVec). */
    async train(params: DarkVecParams, continuing: boolean, id: number, onProgress?: Progress): Promise<TrainView> {
      return cancellable(id, onProgress, async (signal, say) => {
        const d = requireData();
        if (!d.corpus) throw new Error('this session has no corpus to train on: open a trace (e.g. the next day\'s) on the Data tab');
        if (continuing && !model) throw new Error('no model to continue: train one first');
        const started = performance.now();
        const trained = await train(d.corpus, params, continuing ? model!.full : null, { threads: threads(params), signal, onProgress: say });
        model = { full: { embedding: trained.model.embedding, outputVectors: trained.model.outputVectors }, embedding: trained.embedding, summary: trained.summary };
        analysis = null;
        pendingDay = { continuing, epochs: trained.summary.epochs };
        return { summary: trained.summary, seconds: (performance.now() - started) / 1000, note: trained.model.stats.reason ?? null, soloSeconds: trained.model.stats.soloSeconds };
      });
    },

    /** The analysis of the current model over the current data; the curve and UMAP follow separately. */
    async analyze(params: DarkVecParams, id: number, onProgress?: Progress): Promise<DarkVecResults> {
      return cancellable(id, onProgress, async (signal, say) => {
        const d = requireData();
        if (!model) throw new Error('no model: train one first');
        const { embedding } = model;
        if (embedding.vocab.length !== d.joined.labels.ids.length) throw new Error('the model was trained on another corpus: train it on this one first');
        const a = await withRowPool(host, threads(params), (executor) => analyze({
          embedding, stats: d.stats ?? undefined, log: d.log ?? undefined, joined: d.joined, dictionary: d.dictionary,
          input: d.input, corpus: d.corpusSummary, labels: d.labels, training: model!.summary, enrichment: d.enrichment,
        }, params, { executor, curve: false, signal, onProgress: say }));
        analysis = { ...a, params };
        analysedData = d;
        await recordDay(a.results, params, signal);
        if (labelEdits.length) analysis.results = relabelResults({ results: a.results, knn: a.knn, original: d.joined.labels, edits: labelEdits, params });
        return analysis.results;
      });
    },

    /** The current trace day by day (i-DarkVec with tracks): the results are the last day's. */
    async analyzeDays(params: DarkVecParams, id: number, onProgress?: Progress): Promise<{ results: DarkVecResults; ingest: IngestView; training: TrainView }> {
      return cancellable(id, onProgress, async (signal, say) => {
        const d = requireData();
        if (!d.trace) throw new Error(d.input && d.input.inputs.length > 1 ? 'day by day reads one trace: open the traces one at a time' : 'no trace to run day by day: open one on the Data tab');
        const started = performance.now();
        const { store, days } = await splitByDay(host, blobInput(d.trace), { signal, onProgress: say });
        try {
          if (days.length < 2) throw new Error(`${d.trace.name} holds one UTC day: train it as usual`);
          const run = await runDays(host, store, days, params, { labels: d.labelsFile, signal, onProgress: say });
          if (!run.model || !run.last) throw new Error(`${d.trace.name}: no sender has at least ${params.minPackets} packets on any day`);
          const { ingested, trained } = run.last;
          const lastDay: Data = {
            ...d, corpus: ingested.corpus, stats: ingested.stats, log: ingested.log, joined: ingested.joined,
            input: ingested.input, corpusSummary: ingested.corpusSummary, labels: ingested.labels, enrichment: lookUp(ingested.corpus.vocab),
          };
          data = lastDay;
          const summary = { ...trained.summary, epochs: params.epochs, continued: true, tokens: run.trainedTokens };
          model = { full: { embedding: run.model.embedding, outputVectors: run.model.outputVectors }, embedding: trained.embedding, summary };
          const a = await withRowPool(host, threads(params), (executor) => analyze({
            embedding: trained.embedding, stats: ingested.stats, log: ingested.log, joined: ingested.joined, dictionary: d.dictionary,
            input: ingested.input, corpus: ingested.corpusSummary, labels: ingested.labels, training: summary, enrichment: lastDay.enrichment,
          }, params, { executor, curve: false, signal, onProgress: say }));
          analysis = { ...a, params };
          analysedData = lastDay;
          series = run.series;
          pendingDay = null;
          dayNote = null;
          const seconds = (performance.now() - started) / 1000;
          return {
            results: a.results,
            ingest: ingestView(lastDay, Float64Array.from(ingested.corpus.packets), seconds),
            training: { summary, seconds, note: null, soloSeconds: null },
          };
        } finally {
          store.dispose();
        }
      });
    },

    /**
     * IP databases (ip2asn, prefix2as, .mmdb; gzip or not) read here, streamed
     * where the format allows, and kept for the session: the current senders
     * are looked up at once, the results on show gain the columns and the
     * clusters' top ASNs and countries, and every later corpus is looked up too.
     */
    async addDatabases(files: NamedBlob[], id: number, onProgress?: Progress): Promise<EnrichView> {
      return cancellable(id, onProgress, async (signal, say) => {
        const started = performance.now();
        const added = await openDatabases(files.map(blobInput), { signal, onProgress: say });
        databases = [...databases, ...added];
        return enrichCurrent((performance.now() - started) / 1000);
      });
    },

    /** Forgets the databases; the current senders and results lose their enrichment. */
    clearDatabases(): EnrichView {
      databases = [];
      return enrichCurrent(0);
    },

    /** The Days view of the series (null before a first analysis). */
    daysView(): { view: DaysView; note: string | null } | null {
      return series ? { view: daysView(series), note: dayNote } : null;
    },

    projectionInput(): ProjectionInput {
      const a = requireResults();
      return { knn: a.knn, pca: a.pca, params: a.params };
    },

    setCurve(result: ModularityCurve): void {
      requireResults().results.clustering.curve = result;
    },

    setUmap(xy: Float32Array): void {
      requireResults().results.projection.umap = xy;
    },

    /** Stateless (the compute worker): Louvain on the k-NN graphs k = 1..curveMaxK. */
    async modularityCurve(input: ProjectionInput, onProgress?: Progress): Promise<ModularityCurve> {
      try {
        return curve(input.knn, input.params, (p) => void onProgress?.(p));
      } finally {
        (onProgress as Remote<unknown> | undefined)?.[releaseProxy]?.();
      }
    },

    /** Stateless (the compute worker): UMAP from the neighbour lists and the PCA layout. */
    async projectUmap(input: ProjectionInput, onProgress?: Progress): Promise<Float32Array> {
      try {
        return umap(input.knn, input.pca, input.params, (p) => void onProgress?.(p));
      } finally {
        (onProgress as Remote<unknown> | undefined)?.[releaseProxy]?.();
      }
    },

    activityPattern(cluster: number): ActivityPattern {
      const d = requireData();
      const { results } = requireResults();
      if (!d.log) throw new Error('this session has no packet log');
      const a = clusterActivity(cluster, results.clustering.cluster, d.log);
      return {
        ts: a.ts, row: a.rank, senders: Array.from(a.senderOfRank, (s) => results.senders.vocab[s]), decimated: a.rows > a.ts.length,
        portHours: portHours(cluster, results.clustering.cluster, d.log),
      };
    },

    /** Senders that sent to `port` (proto -1: any protocol), from the packet log. */
    sendersOnPort(port: number, proto: number): Int32Array {
      const d = requireData();
      if (!d.log) throw new Error('this session has no packet log to search by port');
      return sendersOnPort(d.log, requireResults().results.senders.vocab.length, port, proto);
    },

    /** The ground truth edited (label, or null to remove it): the classifier and the summaries re-run on the kept neighbour lists. */
    relabel(edits: LabelEdit[]): DarkVecResults {
      const d = requireData();
      const a = requireResults();
      labelEdits = mergeEdits(labelEdits, edits);
      a.results = relabelResults({ results: a.results, knn: a.knn, original: d.joined.labels, edits: labelEdits, params: a.params });
      return a.results;
    },

    labelEdits(): LabelEdit[] {
      return labelEdits;
    },

    /** A 2-D layout of just these senders: PCA, or UMAP on their own neighbour lists (small selections). */
    async projectSubset(senders: Int32Array, method: 'pca' | 'umap'): Promise<Float32Array> {
      const a = requireResults();
      if (!model) throw new Error('no model');
      const { dim, vectors } = model.embedding;
      const m = senders.length;
      const subset = new Float32Array(m * dim);
      senders.forEach((s, j) => subset.set(vectors.subarray(s * dim, (s + 1) * dim), j * dim));
      const pca = pcaProject(subset, m, dim);
      if (method === 'pca' || m < 4) return pca.points;
      const knn = await withRowPool(host, threads(a.params), (executor) =>
        nearestNeighbours(subset, m, dim, Math.min(UMAP_NEIGHBOURS, m - 1), { executor, seed: a.params.seed }));
      return umap(knn, pca.points, a.params);
    },

    neighbours(sender: number, count: number): Neighbour[] {
      if (!model) throw new Error('no model');
      const e = model.embedding;
      const found = nearestNeighboursOfIndex(sender, e.vocab, e.vectors, e.dim, count);
      return Array.from(found.indices, (s, i) => ({ sender: s, ip: found.addresses[i], similarity: found.similarities[i] }));
    },

    /** One of the run's files, as `darkvec analyze` writes it (graph.gexf as with --gexf). */
    exportFile(name: OutputName): Blob {
      const a = requireResults();
      const file = outputFiles(a.results, model!.embedding, a.params, { knn: a.knn }).find((f) => f.name === name);
      if (!file) throw new Error(`${name}: not available for these results`);
      return new Blob([...inBlocks(file.chunks())], { type: file.type });
    },

    saveSession(params: DarkVecParams, view: Record<string, unknown>): Blob {
      const d = requireData();
      const a = requireResults();
      const text = encodeSession({
        savedAt: new Date().toISOString(), parameters: params, view, sources: d.sources,
        model: { vocab: model!.full.embedding.vocab, dim: model!.full.embedding.dim, vectors: model!.full.embedding.vectors, outputVectors: model!.full.outputVectors },
        stats: d.stats, log: d.log, results: a.results, summaries: null, dictionary: d.dictionary,
        extra: { ...(series ? { days: series } : {}), ...(labelEdits.length ? { labelEdits } : {}) },
      });
      return new Blob([text], { type: 'application/json' });
    },

    async openSession(file: Blob, fileName: string, id: number, onProgress?: Progress): Promise<OpenedSession> {
      return cancellable(id, onProgress, async (signal, say) => {
        const s = decodeSession(await file.text(), fileName);
        signal.throwIfAborted();
        const days = s.extra.days as DaySeries | undefined;
        series = days && days.format === 'darkvec-days' ? days : null;
        pendingDay = null;
        dayNote = null;
        labelEdits = Array.isArray(s.extra.labelEdits)
          ? (s.extra.labelEdits as LabelEdit[]).filter((e) => e && typeof e.ip === 'string' && (e.label === null || typeof e.label === 'string'))
          : [];
        const full: Embedding = { vocab: s.model.vocab, dim: s.model.dim, vectors: s.model.vectors };
        const vocab = s.results ? s.results.senders.vocab : s.summaries!.vocab;
        const joined: JoinedLabels = s.results
          ? { labels: { ids: s.results.senders.label, names: s.results.senders.labelNames }, entries: s.results.labels.entries, sendersLabelled: s.results.labels.sendersLabelled, notAmongKept: s.results.labels.notAmongKept, mirai: s.results.labels.mirai, fingerprints: s.results.labels.fingerprints }
          : { labels: { ids: s.summaries!.labelIds, names: s.summaries!.labelNames }, entries: s.summaries!.labels.entries, sendersLabelled: s.summaries!.labels.sendersLabelled, notAmongKept: s.summaries!.labels.notAmongKept, mirai: s.summaries!.labels.mirai, fingerprints: s.summaries!.labels.fingerprints };
        const saved = s.results?.senders.enrichment;
        data = {
          trace: null, labelsFile: null,
          corpus: null, stats: s.stats, log: s.log, joined,
          input: s.results?.input ?? s.summaries!.input, corpusSummary: s.results?.corpus ?? s.summaries!.corpus,
          labels: s.results?.labels ?? s.summaries!.labels, dictionary: s.dictionary, sources: s.sources,
          // The session's own enrichment (the databases are not saved); a database loaded here joins a migrated one's senders.
          enrichment: saved && s.results!.enrichment ? { enrichment: saved, summary: s.results!.enrichment } : databases.length > 0 ? lookUp(vocab) : null,
        };
        model = { full: { embedding: full, outputVectors: s.model.outputVectors }, embedding: alignEmbedding(full, vocab), summary: s.results?.training ?? null };
        let results = s.results;
        if (results) {
          // Neighbour lists are not saved (they are the largest part of an analysis): search them again
          // (the same search, so the same lists) for what needs them: the curve, UMAP, the map's neighbours.
          const e = model.embedding;
          const knn = await withRowPool(host, threads(s.parameters), (executor) =>
            nearestNeighbours(e.vectors, e.vocab.length, e.dim, neighboursNeeded(s.parameters), { executor, seed: s.parameters.seed }));
          analysis = { results, knn, pca: results.projection.pca, params: s.parameters };
          analysedData = data;
        } else {
          const a = await withRowPool(host, threads(s.parameters), (executor) => analyze({
            embedding: model!.embedding, stats: s.stats ?? undefined, log: s.log ?? undefined, joined, dictionary: s.dictionary,
            input: data!.input, corpus: data!.corpusSummary, labels: data!.labels, training: model!.summary, enrichment: data!.enrichment,
          }, s.parameters, { executor, curve: false, signal, onProgress: say }));
          results = a.results;
          analysis = { ...a, params: s.parameters };
          analysedData = data;
        }
        return {
          parameters: s.parameters, view: s.view, sources: s.sources, results: results!, migrated: !s.results, labelEdits,
          ingest: ingestView(data, results!.senders.packets, 0),
        };
      });
    },

    cancel(id: number): void {
      running.get(id)?.abort();
    },
  };
}

export type AppApi = ReturnType<typeof createAppApi>;
