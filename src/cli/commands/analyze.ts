// `darkvec analyze`: the whole method from a trace (or a saved model), the
// same steps and output writers as the page (src/method).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { readLabels } from '../../ingest/read-labels.ts';
import { openPathSource } from '../../ingest/byte-source.ts';
import { joinLabels } from '../../corpus/join-labels.ts';
import { parseDictionary } from '../../corpus/services.ts';
import { runDaily, type DayReport, type DaySeries } from '../../method/daily.ts';
import { withRowPool } from '../../method/host.ts';
import { dailyFiles, outputFiles, inBlocks, stableJson } from '../../method/outputs.ts';
import { DAILY_MIN_PACKETS, defaultParams, PARAMS, threadsFor, type DarkVecParams } from '../../method/params.ts';
import { analyze, ingest, labelsSummary, train, baseName, type Analyzed } from '../../method/steps.ts';
import { enrichmentSummary, enrichSenders, openDatabases, type IpDatabase } from '../../method/enrichment.ts';
import { MAX_INPUTS } from '../../corpus/build-corpus.ts';
import { resultNotes } from '../../method/results.ts';
import { soloNote } from '../../method/thread-note.ts';
import { encodeSession } from '../../method/session.ts';
import { UsageError, type Command } from '../command.ts';
import { nodeHost, pathInput } from '../node-host.ts';
import { openOutputFolder } from '../output-folder.ts';
import { parseOptions, requiredOption } from '../options.ts';
import { paramHelp, paramOptions, readParamOptions } from '../param-options.ts';
import { createProgress, stepReporter } from '../progress.ts';
import { readModelFile } from '../model-file.ts';

const KEYS = PARAMS.map((p) => p.key);

const help = `usage: darkvec analyze --trace FILE [--trace FILE2 ...] --out DIR [options]
       darkvec analyze --embeddings MODEL --out DIR [--labels FILE] [analysis options]

The whole DarkVec method on a trace: corpus, skip-gram sender embeddings,
leave-one-out k-NN classification against the labels, k-NN graph + Louvain
clusters, silhouettes, the modularity curve, k-means for comparison. The same
steps, WebAssembly and output files as the page (docs/outputs.md).

input
  --trace FILE            packet trace: CSV/TSV with a header, pcap, pcapng, Zeek conn.log,
                          nfdump CSV, Suricata eve.json, Cowrie JSON log or Parquet; gzip or
                          not. Repeat it (up to ${MAX_INPUTS}) for traces of the same days, e.g. a
                          darknet and a honeypot: one corpus, and clusters.csv says which
                          traces each sender was in (a "sources" column)
  --labels FILE           ground truth, "ip,label" or "prefix,label" (enables the k-NN report)
  --embeddings MODEL      instead of --trace: analyse a saved word2vec text model
  --dictionary FILE       DKS dictionary (JSON: services and fallbacks); default the bundled one
  --asn FILE, --geo FILE  IP databases: ip2asn TSV, CAIDA prefix2as or MaxMind/DB-IP .mmdb
                          (gzip or not; docs/enrichment.md); either flag takes either kind.
                          Repeat them for several; each field comes from the first file that
                          knows the sender, the --asn files before the --geo files. Adds
                          asn, as_name, country to clusters.csv and top ASNs and countries
                          to the cluster summaries
${paramHelp(KEYS, { minPackets: `10 (--daily: ${DAILY_MIN_PACKETS} per day)`, threads: 'all cores' })}
incremental (i-DarkVec)
  --daily                 split the trace by UTC day; day 1 trains --epochs, every later
                          day adds its new senders and trains 1 epoch; clusters each day and
                          tracks the clusters across days (emerged, survived, split, absorbed,
                          disappeared, reappeared): DIR/daily/clusters.csv, events.csv and
                          tracks.csv (docs/tracking.md)
output
  --out DIR               gets embeddings.txt, clusters.csv, classification.csv (with labels),
                          report.json, cluster-summaries.json, vectors.tsv, metadata.tsv
                          (docs/outputs.md), timings.json; files appear only when all are
                          written: an interrupted run leaves DIR as it was
  --gexf                  also graph.gexf: the k-NN graph (graph k) for Gephi, senders with
                          cluster, labels, prediction, enrichment and fingerprint shares
  --session               also session.darkvec.json, which the page reopens to explore
  --quiet                 no progress on stderr
  -h, --help              this text

Exit status: 0 done, 1 bad input file or failure, 2 bad arguments.`;

function checkReadable(name: string, path: string): void {
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch (e) {
    throw new Error(`cannot read --${name} ${path}: ${e instanceof Error && 'code' in e ? e.code : (e as Error).message}`);
  }
}

export const command: Command = async (argv) => {
  const o = parseOptions(argv, {
    trace: { type: 'string', multiple: true },
    embeddings: { type: 'string' },
    asn: { type: 'string', multiple: true },
    geo: { type: 'string', multiple: true },
    gexf: { type: 'boolean' },
    labels: { type: 'string' },
    dictionary: { type: 'string' },
    ...paramOptions(KEYS),
    daily: { type: 'boolean' },
    out: { type: 'string' },
    session: { type: 'boolean' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (o.help) {
    console.log(help);
    return 0;
  }
  const traces = (o.trace as string[] | undefined) ?? [];
  if (traces.length > 0 && o.embeddings !== undefined) throw new UsageError('give --trace or --embeddings, not both');
  if (o.daily && o.embeddings !== undefined) throw new UsageError('--daily needs --trace');
  if (o.daily && traces.length > 1) throw new UsageError('--daily reads one --trace');
  if (traces.length > MAX_INPUTS) throw new UsageError(`at most ${MAX_INPUTS} --trace files make one corpus, got ${traces.length}`);
  // The fingerprints are counted by the corpus step over the traces; a saved model or a day-by-day run has no such counts.
  for (const flag of ['mirai', 'fingerprints']) {
    if ((o as Record<string, unknown>)[flag] && (o.daily || o.embeddings !== undefined)) throw new UsageError(`--${flag} needs --trace and works without --daily`);
  }
  if (o.embeddings === undefined) requiredOption('trace', traces[0]);
  const outDir = requiredOption('out', o.out as string | undefined);
  const daily = Boolean(o.daily);
  const base = defaultParams(nodeHost.cores);
  if (daily) base.minPackets = DAILY_MIN_PACKETS;
  const params: DarkVecParams = readParamOptions(o, KEYS, base);
  const threads = threadsFor(params, nodeHost.cores);
  for (const name of ['embeddings', 'labels', 'dictionary'] as const) if (o[name] !== undefined) checkReadable(name, o[name] as string);
  const databasePaths = [...((o.asn as string[] | undefined) ?? []), ...((o.geo as string[] | undefined) ?? [])];
  for (const path of traces) checkReadable('trace', path);
  for (const name of ['asn', 'geo'] as const) for (const path of (o[name] as string[] | undefined) ?? []) checkReadable(name, path);
  const dictionary = o.dictionary !== undefined ? parseDictionary(readFileSync(o.dictionary as string, 'utf8'), o.dictionary as string) : undefined;

  const out = openOutputFolder(outDir);
  try {
    await run();
    out.commit();
  } finally {
    out.discard();
  }
  return 0;

  async function run(): Promise<void> {
    const progress = createProgress({ prefix: 'darkvec analyze', quiet: Boolean(o.quiet) });
    const say = stepReporter(progress);
    const t0 = performance.now();
    const seconds: Record<string, number> = {};
    const lap = (name: string, since: number) => (seconds[name] = (performance.now() - since) / 1000);
    // Labels first: a bad labels file should fail in a second, not after training.
    const labelsPath = o.labels as string | undefined;
    const labels = labelsPath ? await readLabels(openPathSource(labelsPath), labelsPath) : null;
    if (labels) {
      const r = labels.report;
      progress.done(`labels: ${r.labelled} addresses and ${r.prefixes} prefixes from ${labelsPath}${r.skipped.total ? `, ${r.skipped.total} lines skipped` : ''}${r.conflicting ? `, ${r.conflicting} conflicting` : ''}`);
      for (const s of [...r.skipped.first, ...r.conflicts].sort((x, y) => x.line - y.line).slice(0, 10)) progress.done(`${labelsPath} line ${s.line}: ${s.reason}`);
      if (r.labelled + r.prefixes === 0) throw new Error(`${labelsPath}: no usable ip,label rows`);
    }
    // The databases next: a wrong file fails before the corpus, too.
    let databases: IpDatabase[] = [];
    if (databasePaths.length > 0) {
      const t = performance.now();
      databases = await openDatabases(databasePaths.map((path) => pathInput(path)), { onProgress: say });
      lap('databases', t);
      progress.done(`IP databases: ${databases.map((db) => `${db.fileName} (${db.format}${db.format === 'mmdb' ? '' : `, ${db.lines} lines${db.skipped.total ? `, ${db.skipped.total} skipped` : ''}`})`).join(', ')} in ${seconds.databases.toFixed(1)} s`);
    }
    /** The kept senders looked up in the databases, for analyze(). */
    const enrich = (vocab: readonly string[]) => {
      const t = performance.now();
      const e = enrichSenders(vocab, databases);
      if (!e) return null;
      lap('enrichment', t);
      const summary = enrichmentSummary(e, databases);
      progress.done(`enrichment: ${summary.enriched} of ${summary.senders} kept senders (AS number ${summary.withAsn}, country ${summary.withCountry}) in ${(1000 * seconds.enrichment).toFixed(0)} ms`);
      return { enrichment: e, summary };
    };

    let analyzed: Analyzed;
    let days: DayReport[] | undefined;
    let series: DaySeries | undefined;
    let embedding;
    let modelForSession;
    let stats;
    let log;
    if (o.embeddings !== undefined) {
      const model = await readModelFile(o.embeddings as string);
      embedding = model;
      modelForSession = { ...model, outputVectors: null };
      const joined = joinLabels(model.vocab, undefined, labels, { mirai: false });
      analyzed = await withRowPool(nodeHost, threads, (executor) => analyze({
        embedding: model, joined, input: null, corpus: null, training: null, enrichment: enrich(model.vocab),
        labels: labelsSummary(labelsPath ? baseName(labelsPath) : null, labels, joined),
      }, params, { executor, curve: params.curveMaxK > 0, onProgress: say }));
    } else if (daily) {
      days = [];
      const t = performance.now();
      const run = await runDaily(nodeHost, pathInput(traces[0]), params, {
        labels,
        onProgress: say,
        onDay: ({ report: d }) => progress.done(`${d.date}: ${d.senders} senders (${d.newSenders} new), ${d.tokens} tokens, ${d.clusters} clusters, ${eventText(d.events)}`),
      });
      lap('daily', t);
      series = run.series;
      days = run.series.days.map((d) => d.report);
      for (const s of run.skipSamples) progress.done(`skipped ${s}`);
      const model = run.model.embedding;
      embedding = model;
      modelForSession = { ...model, outputVectors: run.model.outputVectors };
      const joined = joinLabels(model.vocab, undefined, labels, { mirai: false });
      analyzed = await withRowPool(nodeHost, threads, (executor) => analyze({
        embedding: model, joined, corpus: { serviceNames: [], sentences: run.totals.sentences, tokens: run.totals.tokens },
        enrichment: enrich(model.vocab),
        input: {
          file: baseName(traces[0]), format: run.format, rows: run.totals.rows, rowsSkipped: run.totals.rowsSkipped,
          inputs: [{ file: baseName(traces[0]), format: run.format, rows: run.totals.rows - run.totals.rowsSkipped, packets: run.totals.packets, senders: run.totals.senders, sendersKept: model.vocab.length }],
          sendersInSeveral: 0, backscatterDropped: run.totals.backscatterDropped,
          skippedByReason: [], firstSkipped: [], packets: run.totals.packets, senders: run.totals.senders, sendersKept: model.vocab.length,
          packetsKept: 0, distinctPorts: 0, firstTime: null, lastTime: null, hourStart: 0, packetsPerHour: new Float64Array(0), topPorts: [], warnings: [],
        },
        training: { epochs: params.epochs, continued: run.series.days.length > 1, modelSenders: model.vocab.length, sendersAdded: model.vocab.length, threads: run.totals.threads, tokens: run.totals.trainedTokens, finalLoss: run.model.stats.finalLoss },
        labels: labelsSummary(labelsPath ? baseName(labelsPath) : null, labels, joined),
      }, params, { executor, curve: params.curveMaxK > 0, onProgress: say }));
    } else {
      let t = performance.now();
      const ingested = await ingest(traces.map((path) => pathInput(path)), labels, params, { dictionary, labelsName: labelsPath, onProgress: say });
      lap('corpus', t);
      const { corpus, input } = ingested;
      const traceNames = traces.join(' + ');
      progress.done(
        `corpus: ${input.rows} rows (${input.rowsSkipped} skipped), ${input.sendersKept} of ${input.senders} senders kept, ${corpus.offsets.length - 1} sentences, ${corpus.tokens.length} tokens (${seconds.corpus.toFixed(1)} s)`,
      );
      if (input.inputs.length > 1) {
        progress.done(`traces: ${input.inputs.map((i) => `${i.file} (${i.format}, ${i.sendersKept} kept senders)`).join(', ')}; ${input.sendersInSeveral} kept senders in ${input.inputs.length === 2 ? 'both' : 'more than one'}`);
      }
      if (params.dropBackscatter) progress.done(`backscatter dropped: ${input.backscatterDropped.rows} rows, ${input.backscatterDropped.packets} packets`);
      for (const s of input.firstSkipped.slice(0, 5)) progress.done(`skipped line ${s.line}: ${s.reason}`);
      if (corpus.vocab.length === 0) {
        throw new Error(`${traceNames}: no sender has at least ${params.minPackets} packets (--min-packets ${params.minPackets}); lower --min-packets`);
      }
      const m = ingested.labels.mirai;
      if (m.enabled) {
        progress.done(m.columns
          ? `Mirai fingerprint: ${m.senders} kept senders, ${m.labelled} of them labelled Mirai-like`
          : `Mirai fingerprint: ${traceNames} has no TCP sequence and destination address columns, so no sender is labelled Mirai-like`);
      }
      const f = ingested.labels.fingerprints;
      if (f.enabled) {
        progress.done(`fingerprint classes: ${f.classes.map((c) => (c.columns ? `${c.name} ${c.labelled} labelled (${c.senders} selected)` : `${c.name} – (no such fields)`)).join(', ')}`);
      }
      const enrichment = enrich(corpus.vocab);
      t = performance.now();
      const trained = await train(corpus, params, null, { threads, onProgress: say });
      lap('training', t);
      const solo = soloNote(trained.model.stats.soloSeconds, seconds.training, trained.summary.threads);
      progress.done(`training: ${trained.summary.epochs} epochs, ${seconds.training.toFixed(1)} s, ${Math.round(trained.summary.tokens / seconds.training)} tokens/s on ${trained.summary.threads} threads${solo ? `; ${solo}` : ''}`);
      embedding = trained.embedding;
      modelForSession = { ...trained.model.embedding, outputVectors: trained.model.outputVectors };
      stats = ingested.stats;
      log = ingested.log;
      t = performance.now();
      analyzed = await withRowPool(nodeHost, threads, (executor) => analyze({
        embedding: trained.embedding, stats: ingested.stats, log: ingested.log, joined: ingested.joined, dictionary,
        input, corpus: ingested.corpusSummary, labels: ingested.labels, training: trained.summary, enrichment,
      }, params, { executor, curve: params.curveMaxK > 0, onProgress: say }));
      lap('analysis', t);
    }

    const { results } = analyzed;
    const files = outputFiles(results, embedding, params, { daily: days, knn: o.gexf ? analyzed.knn : undefined });
    for (const file of files) out.write(file.name, inBlocks(file.chunks()));
    if (series) {
      out.mkdir('daily');
      for (const file of dailyFiles(series)) out.write(file.name, inBlocks(file.chunks()));
    }
    if (o.session) {
      out.write('session.darkvec.json', [encodeSession({
        savedAt: new Date().toISOString(), parameters: params, view: {}, model: modelForSession, stats: stats ?? null, log: log ?? null,
        sources: { trace: traces.length ? traces.map((t) => baseName(t)).join(' + ') : null, labels: labelsPath ? baseName(labelsPath) : null },
        results, summaries: null, dictionary, extra: series ? { days: series } : {},
      })]);
    }
    seconds.total = (performance.now() - t0) / 1000;
    out.write('timings.json', [stableJson({ seconds, threads, ...(days ? { days } : {}) })]);
    progress.done(`done in ${seconds.total.toFixed(1)} s`);

    if (days) console.log(dailyTable(days) + '\n');
    const c = results.classification;
    if (c) console.log(`k-NN (k=${c.k}): accuracy ${c.accuracy.toFixed(3)}, macro F1 ${c.macro.f1.toFixed(3)}`);
    const cl = results.clustering;
    const silhouette = cl.count < 2 ? 'silhouette undefined (one cluster)' : `mean silhouette ${fixed(cl.silhouetteMean)}, ${(100 * cl.positiveShare).toFixed(0)}% of clusters with mean silhouette > 0`;
    console.log(`clusters: ${cl.count} (graph k=${cl.graphK}), modularity ${fixed(cl.modularity)}, ${silhouette}`);
    for (const note of resultNotes(results)) console.log(`note: ${note}`);
    console.log(`wrote ${outDir}/{${[...files.map((f) => f.name), ...(o.session ? ['session.darkvec.json'] : [])].join(',')}}`);
  }
};

/** "2 emerged, 30 survived, 1 split" in the order an analyst reads them. */
export function eventText(events: Record<string, number>): string {
  const order = ['emerged', 'reappeared', 'split', 'absorbed', 'disappeared', 'survived'];
  return order.filter((k) => events[k]).map((k) => `${events[k]} ${k}`).join(', ') || 'no tracks';
}

/** A number to 3 decimals, or why there is none. */
function fixed(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : 'undefined (too few senders)';
}

export function dailyTable(days: DayReport[]): string {
  const head = ['date', 'rows', 'senders', 'new', 'tokens', 'clusters', 'modularity', 'emerged', 'reappeared', 'split', 'absorbed', 'disappeared'];
  const rows = days.map((d) => [
    d.date, String(d.rows), String(d.senders), String(d.newSenders), String(d.tokens), String(d.clusters),
    d.modularity.toFixed(3), ...['emerged', 'reappeared', 'split', 'absorbed', 'disappeared'].map((k) => String(d.events[k] ?? 0)),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
