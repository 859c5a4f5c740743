// The pipeline steps in Node: the page's modules over files on disk.
import { statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { buildCorpus } from '../corpus/build-corpus';
import { openPathSource } from '../ingest/byte-source';
import { decodeTrace } from '../ingest/decoders';
import { readLabels } from '../ingest/read-labels';
import { describeSkips } from '../ingest/skip-log';
import { continueTraining, trainSkipGram, type TrainProgress, type TrainResult } from '../embed/train-skip-gram';
import { parseWord2VecText, word2vecTextLines } from '../embed/word2vec-format';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Embedding } from '../embed/embedding';
import { allKnn, louvainClusters } from '../analyze';
import { bytesProgress, formatCount } from '../cli/progress';
import type { PipelineSteps, TrainParams, TrainRun } from './steps';

function trainProgress(onProgress: (m: string) => void) {
  return (p: TrainProgress) =>
    onProgress(
      `training: epoch ${p.epoch}/${p.epochs}, ${Math.round((100 * p.tokensDone) / Math.max(1, p.totalTokens))}%, ` +
        `${formatCount(p.tokensPerSecond)} tokens/s on ${p.threads} threads, ${Math.round(p.etaSeconds)} s left, loss ${p.loss.toFixed(3)}`,
    );
}

function skipGramParams(p: TrainParams) {
  return { window: p.context, dim: p.dim, negatives: p.negative, epochs: p.epochs, seed: p.seed };
}

function trainRun(result: TrainResult): TrainRun {
  const s = result.stats;
  return { embedding: result.embedding, seconds: s.seconds, tokensPerSecond: s.tokensPerSecond, threads: s.threads, state: result };
}

export const nodeSteps: PipelineSteps = {
  async buildCorpus(tracePath, params, onProgress) {
    const totalBytes = statSync(tracePath).size;
    // Two passes over the file: progress runs over both.
    const bytes = bytesProgress(onProgress, 'corpus (2 passes)', 2 * totalBytes);
    const { corpus, stats, log, report } = await buildCorpus(
      () => openPathSource(tracePath),
      { fileName: tracePath, totalBytes, services: params.services, topPorts: params.topPorts, window: params.window, minPackets: params.minPackets },
      (p) => bytes(p.bytes + (p.pass === 2 ? totalBytes : 0)),
    );
    return {
      corpus,
      stats,
      log,
      input: {
        rows: report.rowsRead,
        rowsSkipped: report.rowsSkipped.total,
        packets: report.packets,
        senders: report.sendersBefore,
        sendersKept: report.sendersAfter,
      },
      skipSamples: report.rowsSkipped.first.map((s) => `line ${s.line}: ${s.reason}`),
    };
  },

  async readTrace(tracePath, sink, onProgress) {
    const bytes = bytesProgress(onProgress, 'splitting by day', statSync(tracePath).size);
    await decodeTrace(openPathSource(tracePath), sink, { fileName: tracePath, onBytes: bytes });
  },

  async train(corpus, params, onProgress) {
    return trainRun(await trainSkipGram(corpus, skipGramParams(params), { threads: params.threads, onProgress: trainProgress(onProgress) }));
  },

  async continueTraining(model, corpus, params, onProgress) {
    const from = (model.state as TrainResult | undefined) ?? model.embedding;
    return trainRun(await continueTraining(from, corpus, skipGramParams(params), { threads: params.threads, onProgress: trainProgress(onProgress) }));
  },

  async writeEmbedding(path: string, embedding: Embedding) {
    const out = createWriteStream(path);
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => {});
    let block = '';
    for (const line of word2vecTextLines(embedding)) {
      block += line + '\n';
      if (block.length > 1 << 20) {
        if (!out.write(block)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
        block = '';
      }
    }
    out.write(block);
    await Promise.race([new Promise<void>((r) => out.end(r)), failed]);
  },

  async readEmbedding(path) {
    const stream = createReadStream(path);
    try {
      return await parseWord2VecText(createInterface({ input: stream, crlfDelay: Infinity }), path);
    } finally {
      stream.destroy();
    }
  },

  async readLabels(path) {
    const { labels, report } = await readLabels(openPathSource(path), path);
    if (labels.size === 0) throw new Error(`${path}: no usable ip,label rows (${describeSkips(report.skipped, 1)})`);
    return labels;
  },

  async cluster(embedding, graphK, seed) {
    const n = embedding.vocab.length;
    const knn = await allKnn(embedding.vectors, n, embedding.dim, graphK);
    const louvain = louvainClusters(knn, { k: graphK, seed });
    return { cluster: louvain.clusters, clusters: louvain.count, modularity: louvain.modularity };
  },
};
