// `darkvec analyze`: the whole method from a trace, with the page's modules.
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UsageError, type Command } from '../command';
import { choiceOption, intOption, numberOption, parseOptions, requiredOption } from '../options';
import { createProgress } from '../progress';
import { analysisReport, runAnalysis, writeClassificationCsv, writeClustersCsv } from '../../pipeline/analysis';
import { runDaily, type DayReport } from '../../pipeline/daily';
import type { CorpusParams, TrainParams } from '../../pipeline/steps';
import { miraiLabels, withMiraiLabels } from '../../corpus/mirai-labels';

const SERVICES = ['single', 'auto', 'dks', 'hybrid'] as const;

const help = `usage: darkvec analyze --trace FILE --out DIR [options]
       darkvec analyze --embeddings MODEL --out DIR [--labels FILE] [analysis options]

The whole DarkVec method on one trace: corpus, skip-gram sender embeddings,
leave-one-out k-NN classification against the labels, k-NN graph + Louvain
clusters, silhouettes. The same modules and WebAssembly as the page.

input
  --trace FILE        packet trace (CSV/TSV/space-separated with a header, gzip or not)
  --labels FILE       ground truth, "ip,label" (optional; enables the k-NN report)
  --mirai             add the class Mirai-like: senders with the Mirai fingerprint
                      (TCP sequence number = destination IPv4 address; needs tcp_seq
                      and dst_ip columns or a pcap); a label from --labels wins
  --embeddings MODEL  instead of --trace: analyse a saved word2vec text model
                      (e.g. from "darkvec train" on a Spark-built corpus)
corpus
  --services MODE     single | auto | dks | hybrid            (default dks)
  --top-ports N       services in auto/hybrid mode            (default 10)
  --window S          sentence window in seconds              (default 3600)
  --min-packets N     keep senders with at least N packets    (default 10; --daily: 6 per day)
training (skip-gram, negative sampling)
  -c, --context N     context window                          (default 25)
  -e, --size N        vector size                             (default 50)
  --epochs N          epochs (--daily: of the first day)      (default 20)
  --negative N        negative samples                        (default 5)
  --seed N            random seed                             (default 15)
  --threads N         training threads                        (default: cores, ${availableParallelism()})
analysis
  --k N               neighbours of the k-NN classifier       (default 7)
  --graph-k N         neighbours in the clustering graph      (default 3)
  --curve             also modularity and cluster count for graph k = 1..14
  --kmeans            also k-means (as many clusters as Louvain), by silhouette
incremental (i-DarkVec)
  --daily             split the trace by UTC day; day 1 trains --epochs, every later
                      day adds its new senders and trains 1 epoch; clusters each day
                      and reports senders, new senders, clusters and how many senders
                      changed cluster
output
  --out DIR           gets embeddings.txt (word2vec text), clusters.csv
                      (ip,cluster,silhouette,label,predicted,vote_share),
                      classification.csv (with --labels), report.json and
                      cluster-summaries.json (per cluster: senders, packets,
                      top ports, /24 and /16, labels, Mirai share, silhouette)
  --quiet             no progress on stderr
  -h, --help          this text

Exit status: 0 done, 1 bad input file or failure, 2 bad arguments.`;

export const command: Command = async (argv) => {
  const o = parseOptions(argv, {
    trace: { type: 'string' },
    embeddings: { type: 'string' },
    labels: { type: 'string' },
    mirai: { type: 'boolean' },
    services: { type: 'string' },
    'top-ports': { type: 'string' },
    window: { type: 'string' },
    'min-packets': { type: 'string' },
    context: { type: 'string', short: 'c' },
    size: { type: 'string', short: 'e' },
    epochs: { type: 'string' },
    negative: { type: 'string' },
    seed: { type: 'string' },
    threads: { type: 'string' },
    k: { type: 'string' },
    'graph-k': { type: 'string' },
    curve: { type: 'boolean' },
    kmeans: { type: 'boolean' },
    daily: { type: 'boolean' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (o.help) {
    console.log(help);
    return 0;
  }
  if (o.trace !== undefined && o.embeddings !== undefined) throw new UsageError('give --trace or --embeddings, not both');
  if (o.daily && o.embeddings !== undefined) throw new UsageError('--daily needs --trace');
  // The fingerprint is counted by the corpus step over the whole trace; a saved model or a day-by-day run has no such counts.
  if (o.mirai && (o.daily || o.embeddings !== undefined)) throw new UsageError('--mirai needs --trace and works without --daily');
  const tracePath = o.embeddings !== undefined ? '' : requiredOption('trace', o.trace);
  const outDir = requiredOption('out', o.out);
  const daily = Boolean(o.daily);
  const corpusParams: CorpusParams = {
    services: choiceOption('services', o.services, 'dks', SERVICES),
    topPorts: intOption('top-ports', o['top-ports'], 10, 1, 65_536 * 3),
    window: numberOption('window', o.window, 3600, 0),
    minPackets: intOption('min-packets', o['min-packets'], daily ? 6 : 10, 1),
  };
  const trainParams: TrainParams = {
    context: intOption('context', o.context, 25, 1, 10_000),
    dim: intOption('size', o.size, 50, 1, 4096),
    epochs: intOption('epochs', o.epochs, 20, 1, 10_000),
    negative: intOption('negative', o.negative, 5, 1, 100),
    seed: intOption('seed', o.seed, 15, 0, 2 ** 32 - 1),
    threads: intOption('threads', o.threads, availableParallelism(), 1, 256),
  };
  const k = intOption('k', o.k, 7, 1, 1000);
  const graphK = intOption('graph-k', o['graph-k'], 3, 1, 1000);

  for (const [name, path] of [['trace', o.trace], ['embeddings', o.embeddings], ['labels', o.labels]] as const) {
    if (path === undefined) continue;
    try {
      accessSync(path, constants.R_OK);
      if (!statSync(path).isFile()) throw new Error('not a file');
    } catch (e) {
      throw new Error(`cannot read --${name} ${path}: ${e instanceof Error && 'code' in e ? e.code : (e as Error).message}`);
    }
  }
  try {
    mkdirSync(outDir, { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (e) {
    throw new Error(`cannot write to --out ${outDir}: ${e instanceof Error && 'code' in e ? e.code : String(e)}`);
  }

  const progress = createProgress({ prefix: 'darkvec analyze', quiet: Boolean(o.quiet) });
  const say = (m: string) => progress.update(m);
  const t0 = performance.now();
  const { nodeSteps } = await import('../../pipeline/steps-node');
  const steps = nodeSteps;
  // Labels first: a bad labels file should fail in a second, not after training.
  const fileLabels: ReadonlyMap<string, string> | undefined = o.labels ? await steps.readLabels(o.labels) : undefined;
  let labels = fileLabels;
  let mirai: { columns: boolean; senders: number; added: number } | undefined;

  let model;
  let stats;
  let log;
  let input;
  let corpusSummary;
  let training;
  let skipSamples: string[];
  let days: DayReport[] | undefined;
  const seconds: Record<string, number> = {};
  if (o.embeddings !== undefined) {
    model = await steps.readEmbedding(o.embeddings);
    input = undefined;
    corpusSummary = undefined;
    training = undefined;
    skipSamples = [];
  } else if (daily) {
    days = [];
    const run = await runDaily(steps, tracePath, corpusParams, trainParams, graphK, say, (d) => {
      progress.done(
        `${d.date}: ${d.senders} senders (${d.newSenders} new), ${d.tokens} tokens, ${d.clusters} clusters, ${d.changedCluster} of ${d.commonWithPreviousDay} changed cluster`,
      );
    });
    ({ model, input, skipSamples, days } = run);
    corpusSummary = run.corpus;
    training = { ...run.training, epochs: trainParams.epochs, epochsPerLaterDay: 1 };
    seconds.daily = (performance.now() - t0) / 1000;
  } else {
    const built = await steps.buildCorpus(tracePath, corpusParams, say);
    seconds.corpus = (performance.now() - t0) / 1000;
    ({ input, skipSamples, stats, log } = built);
    const { corpus } = built;
    corpusSummary = { sentences: corpus.offsets.length - 1, tokens: corpus.tokens.length };
    progress.done(
      `corpus: ${input.rows} rows (${input.rowsSkipped} skipped), ${input.sendersKept} of ${input.senders} senders kept, ${corpusSummary.sentences} sentences, ${corpusSummary.tokens} tokens (${seconds.corpus.toFixed(1)} s)`,
    );
    if (corpus.vocab.length === 0) {
      throw new Error(`${tracePath}: no sender has at least ${corpusParams.minPackets} packets (lower --min-packets)`);
    }
    if (o.mirai && built.stats) {
      const found = miraiLabels(corpus.vocab, built.stats);
      const merged = withMiraiLabels(labels ?? new Map(), found);
      let added = 0;
      for (const ip of found.keys()) if (labels?.get(ip) === undefined) added++;
      mirai = { columns: built.stats.hasMiraiColumns, senders: found.size, added };
      progress.done(
        mirai.columns
          ? `Mirai fingerprint: ${found.size} kept senders, ${added} of them labelled Mirai-like`
          : `Mirai fingerprint: ${tracePath} has no TCP sequence and destination address columns, so no sender is labelled Mirai-like`,
      );
      labels = merged;
    }
    const run = await steps.train(corpus, trainParams, say);
    model = run.embedding;
    training = { seconds: run.seconds, tokensPerSecond: run.tokensPerSecond, threads: run.threads, epochs: trainParams.epochs };
    progress.done(`training: ${trainParams.epochs} epochs, ${run.seconds.toFixed(1)} s, ${Math.round(run.tokensPerSecond)} tokens/s on ${run.threads} threads`);
  }
  for (const s of skipSamples) progress.done(`skipped ${s}`);

  await steps.writeEmbedding(join(outDir, 'embeddings.txt'), model);
  const a = await runAnalysis(
    model,
    stats,
    log,
    { labels, k, graphK, seed: trainParams.seed, threads: trainParams.threads, curve: Boolean(o.curve), kmeans: Boolean(o.kmeans) },
    say,
  );
  seconds.analysis = a.seconds;
  writeClustersCsv(outDir, model, a);
  if (a.hasLabels) writeClassificationCsv(outDir, a);
  seconds.total = (performance.now() - t0) / 1000;

  const { labels: labelsSummary, neighbours, knn, clustering, clusters } = analysisReport(a, labels, model.vocab.length);
  const report = {
    tool: 'darkvec analyze',
    trace: o.trace,
    embeddings: o.embeddings,
    parameters: { ...corpusParams, ...trainParams, k, graphK, daily },
    input,
    corpus: corpusSummary,
    training,
    // Entries of the labels file (exact addresses and prefixes), whatever --mirai added.
    labels: labelsSummary && { ...labelsSummary, entries: fileLabels?.size ?? 0 },
    mirai,
    neighbours,
    knn,
    clustering,
    daily: days,
    seconds,
  };
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(outDir, 'cluster-summaries.json'), JSON.stringify(clusters, null, 1) + '\n');
  progress.done(`done in ${seconds.total.toFixed(1)} s`);

  if (days) console.log(dailyTable(days) + '\n');
  if (knn) console.log(`k-NN (k=${k}): accuracy ${knn.accuracy.toFixed(3)}, macro F1 ${knn.macroF1.toFixed(3)}`);
  console.log(
    `clusters: ${clustering.clusters} (graph k=${graphK}), modularity ${clustering.modularity.toFixed(3)}, mean silhouette ${clustering.silhouetteMean.toFixed(3)}, ${(100 * clustering.shareClustersPositive).toFixed(0)}% of clusters with mean silhouette > 0`,
  );
  console.log(`wrote ${outDir}/{embeddings.txt,clusters.csv${knn ? ',classification.csv' : ''},report.json,cluster-summaries.json}`);
  return 0;
};

export function dailyTable(days: DayReport[]): string {
  const head = ['date', 'rows', 'senders', 'new', 'tokens', 'clusters', 'modularity', 'changed', 'of common'];
  const rows = days.map((d) => [
    d.date,
    String(d.rows),
    String(d.senders),
    String(d.newSenders),
    String(d.tokens),
    String(d.clusters),
    d.modularity.toFixed(3),
    String(d.changedCluster),
    String(d.commonWithPreviousDay),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
