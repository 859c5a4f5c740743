// The page's one Comlink wrap(): typed functions over the two instances of
// app.worker.ts, each taking an AbortSignal. The session worker holds the
// data, so it is never terminated: aborting asks it to stop (its long steps
// check a signal) and rejects at once with an AbortError, and any progress it
// still sends is dropped. The compute worker (curve, UMAP) holds nothing, so
// aborting terminates it; an idle one is reclaimed.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { OutputName } from '../method/outputs.ts';
import type { DarkVecParams } from '../method/params.ts';
import type { StepProgress } from '../method/progress.ts';
import type { DarkVecResults, ModularityCurve } from '../method/results.ts';
import type { DaysView } from '../method/days-view.ts';
import type { LabelEdit } from '../method/relabel.ts';
import type { ActivityPattern, AppApi, ProjectionInput, DemoTrace, EnrichView, IngestRequest, IngestView, NamedBlob, Neighbour, OpenedSession, TracePreview, TrainView } from './app-api.ts';

export type { DaysView, LabelEdit };
export type { ActivityPattern, DemoTrace, EnrichView, IngestRequest, IngestView, Neighbour, OpenedSession, TracePreview, TrainView };
export type OnProgress = (p: StepProgress) => void;

const IDLE_MS = 20_000;

export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : (e as { name?: string })?.name === 'AbortError';
}

export interface Bridge {
  previewTrace(signal: AbortSignal, trace: Blob, name: string): Promise<TracePreview>;
  generateDemoTrace(signal: AbortSignal, seed: number, scale: number, onProgress: OnProgress): Promise<DemoTrace>;
  ingest(signal: AbortSignal, request: IngestRequest, onProgress: OnProgress): Promise<IngestView>;
  train(signal: AbortSignal, params: DarkVecParams, continuing: boolean, onProgress: OnProgress): Promise<TrainView>;
  analyze(signal: AbortSignal, params: DarkVecParams, onProgress: OnProgress): Promise<DarkVecResults>;
  /** The current trace day by day (i-DarkVec with tracks); results of the last day. */
  analyzeDays(signal: AbortSignal, params: DarkVecParams, onProgress: OnProgress): Promise<{ results: DarkVecResults; ingest: IngestView; training: TrainView }>;
  daysView(signal: AbortSignal): Promise<{ view: DaysView; note: string | null } | null>;
  /** Runs in the compute worker; the session keeps the result for its exports. */
  modularityCurve(signal: AbortSignal, onProgress: OnProgress): Promise<ModularityCurve>;
  projectUmap(signal: AbortSignal, onProgress: OnProgress): Promise<Float32Array>;
  activityPattern(signal: AbortSignal, cluster: number): Promise<ActivityPattern>;
  neighbours(signal: AbortSignal, sender: number, count: number): Promise<Neighbour[]>;
  /** Senders that sent to a port (proto -1: any), from the packet log. */
  sendersOnPort(signal: AbortSignal, port: number, proto: number): Promise<Int32Array>;
  /** Edits the ground truth; the classifier and the summaries re-run: the new results. */
  relabel(signal: AbortSignal, edits: LabelEdit[]): Promise<DarkVecResults>;
  /** A layout of just these senders (isolate). */
  projectSubset(signal: AbortSignal, senders: Int32Array, method: 'pca' | 'umap'): Promise<Float32Array>;
  exportFile(signal: AbortSignal, name: OutputName): Promise<Blob>;
  saveSession(signal: AbortSignal, params: DarkVecParams, view: Record<string, unknown>): Promise<Blob>;
  openSession(signal: AbortSignal, file: Blob, name: string, onProgress: OnProgress): Promise<OpenedSession>;
  /** IP databases read in the session worker and joined to the current senders (and results). */
  addDatabases(signal: AbortSignal, files: NamedBlob[], onProgress: OnProgress): Promise<EnrichView>;
  clearDatabases(signal: AbortSignal): Promise<EnrichView>;
}

function startWorker(name: string): { worker: Worker; api: Remote<AppApi> } {
  const worker = new Worker(new URL('./app.worker.ts', import.meta.url), { type: 'module', name });
  return { worker, api: wrap<AppApi>(worker) };
}

/** Rejects with AbortError as soon as `signal` aborts, whatever `work` does. */
function abortable<T>(signal: AbortSignal, work: Promise<T>, onAbort: () => void): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(abortError());
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function createBridge(): Bridge {
  const session = startWorker('darkvec session');
  let compute: { worker: Worker; api: Remote<AppApi> } | null = null;
  let computeCalls = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  /** A session call with a cancel id and a progress callback that goes quiet on abort. */
  function sessionCall<T>(signal: AbortSignal, onProgress: OnProgress | undefined, call: (id: number, progress?: OnProgress) => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    const id = nextId++;
    // Progress travels on its own message port, so a last report can arrive after the
    // call's answer (or after Cancel): once the call is settled, it is dropped.
    let settled = false;
    const progress = onProgress && proxy((p: StepProgress) => {
      if (!settled && !signal.aborted) onProgress(p);
    });
    return abortable(signal, call(id, progress), () => void session.api.cancel(id)).finally(() => (settled = true));
  }

  function endCompute(): void {
    if (!compute) return;
    compute.api[releaseProxy]();
    compute.worker.terminate();
    compute = null;
  }

  async function computeCall<T>(signal: AbortSignal, call: (api: Remote<AppApi>) => Promise<T>): Promise<T> {
    clearTimeout(idle);
    compute ??= startWorker('darkvec compute');
    const mine = compute;
    computeCalls++;
    try {
      return await abortable(signal, call(mine.api), () => {
        if (compute === mine) endCompute();
      });
    } finally {
      computeCalls--;
      if (computeCalls === 0 && compute) idle = setTimeout(endCompute, IDLE_MS);
    }
  }

  /** A compute call with progress that goes quiet once it is settled or aborted. */
  async function computeWithProgress<T>(signal: AbortSignal, onProgress: OnProgress, call: (api: Remote<AppApi>, progress: OnProgress) => Promise<T>): Promise<T> {
    let settled = false;
    const progress = proxy((p: StepProgress) => {
      if (!settled && !signal.aborted) onProgress(p);
    });
    try {
      return await computeCall(signal, (api) => call(api, progress));
    } finally {
      settled = true;
    }
  }

  /** The session's neighbour lists to the compute worker, its result back to the session (for exports and saving). */
  async function projection<T>(signal: AbortSignal, onProgress: OnProgress, run: (api: Remote<AppApi>, input: ProjectionInput, p: OnProgress) => Promise<T>, keep: (result: T) => Promise<void>): Promise<T> {
    const input = await abortable(signal, session.api.projectionInput(), () => {});
    const result = await computeWithProgress(signal, onProgress, (api, p) => run(api, input, p));
    signal.throwIfAborted();
    await keep(result);
    return result;
  }

  return {
    previewTrace: (signal, trace, name) => abortable(signal, session.api.previewTrace(trace, name), () => {}),
    generateDemoTrace: (signal, seed, scale, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.generateDemoTrace(seed, scale, id, p)),
    ingest: (signal, request, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.ingest(request, id, p)),
    train: (signal, params, continuing, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.train(params, continuing, id, p)),
    analyze: (signal, params, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.analyze(params, id, p)),
    analyzeDays: (signal, params, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.analyzeDays(params, id, p)),
    daysView: (signal) => abortable(signal, session.api.daysView(), () => {}),
    modularityCurve: (signal, onProgress) => projection(signal, onProgress, (api, input, p) => api.modularityCurve(input, p), (curve) => session.api.setCurve(curve)),
    projectUmap: (signal, onProgress) => projection(signal, onProgress, (api, input, p) => api.projectUmap(input, p), (xy) => session.api.setUmap(xy)),
    activityPattern: (signal, cluster) => abortable(signal, session.api.activityPattern(cluster), () => {}),
    neighbours: (signal, sender, count) => abortable(signal, session.api.neighbours(sender, count), () => {}),
    sendersOnPort: (signal, port, proto) => abortable(signal, session.api.sendersOnPort(port, proto), () => {}),
    relabel: (signal, edits) => abortable(signal, session.api.relabel(edits), () => {}),
    projectSubset: (signal, senders, method) => abortable(signal, session.api.projectSubset(senders, method), () => {}),
    exportFile: (signal, name) => abortable(signal, session.api.exportFile(name), () => {}),
    saveSession: (signal, params, view) => abortable(signal, session.api.saveSession(params, view), () => {}),
    openSession: (signal, file, name, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.openSession(file, name, id, p)),
    addDatabases: (signal, files, onProgress) => sessionCall(signal, onProgress, (id, p) => session.api.addDatabases(files, id, p)),
    clearDatabases: (signal) => abortable(signal, session.api.clearDatabases(), () => {}),
  };
}
