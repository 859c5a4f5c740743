// The one Comlink expose(): every heavy step of the page, each in its own module.
import { expose, transfer } from 'comlink';
import { openBlobSource } from '../ingest/byte-source.ts';
import { previewTrace } from '../ingest/preview-trace.ts';
import { ingestTrace } from './ingest-trace.ts';
import { demoTrace } from './demo-trace.ts';
import { analyzeSession, activity, curveSession, neighbours } from './analyze-session.ts';
import { projectUmap } from './umap-projection.ts';
import type { PipelineApi } from './pipeline-types.ts';

/** Hands the result's typed arrays to the page without copying them. */
function transferring<T extends object>(value: T): T {
  const buffers = new Set<ArrayBuffer>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return;
    }
    if (Array.isArray(v)) return;
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return transfer(value, [...buffers]);
}

const api: PipelineApi = {
  async previewTrace(trace, fileName) {
    const p = await previewTrace(openBlobSource(trace), fileName);
    const head = new Uint8Array(await trace.slice(0, 2).arrayBuffer());
    return { ...p, fileName, gzip: head[0] === 0x1f && head[1] === 0x8b };
  },
  async ingestTrace(trace, fileName, labels, options, onProgress) {
    return transferring(await ingestTrace(trace, fileName, labels, options, onProgress));
  },
  generateDemoTrace: (seed, scale, onProgress) => demoTrace(seed, scale, onProgress),
  async analyze(input, params, threads, onProgress) {
    return transferring(await analyzeSession(input, params, threads, onProgress));
  },
  modularityCurve: curveSession,
  async projectUmap(vectors, count, dim, seed, onProgress) {
    const xy = await projectUmap(vectors, count, dim, seed, onProgress);
    return transfer(xy, [xy.buffer]);
  },
  activityPattern: async (input, cluster) => activity(input, cluster),
  nearestNeighbours: async (vectors, dim, vocab, sender, count) => neighbours(vectors, dim, vocab, sender, count),
};

expose(api);
export type { PipelineApi };
