// File -> corpus, sender statistics, packet log and joined labels, with the
// report the Data tab shows. Runs in the pipeline worker; the File is read
// twice as a stream (buildCorpus's two passes), never as one string.
import { openBlobSource } from '../ingest/byte-source.ts';
import { readLabels } from '../ingest/read-labels.ts';
import { buildCorpus, type CorpusResult } from '../corpus/build-corpus.ts';
import type { DksDictionary } from '../corpus/services.ts';
import { labelsFromMap, unusedLabelCount } from '../analyze/labels.ts';
import { miraiLabels, withMiraiLabels } from '../corpus/mirai-labels.ts';
import type { CorpusOptions, IngestResult, Progress } from './pipeline-types.ts';

export function parseDictionary(text: string): DksDictionary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`DKS dictionary: not valid JSON (${(e as Error).message})`);
  }
  const d = parsed as Partial<DksDictionary>;
  if (!d || typeof d.services !== 'object' || typeof d.fallbacks !== 'object') {
    throw new Error('DKS dictionary: needs "services" and "fallbacks" objects of name -> ["port/proto", ...]');
  }
  return d as DksDictionary;
}

export async function ingestTrace(
  trace: Blob,
  fileName: string,
  labelsFile: { blob: Blob; name: string } | null,
  options: CorpusOptions,
  onProgress: Progress,
): Promise<IngestResult> {
  const started = performance.now();
  let secondPass = NaN;
  const result: CorpusResult = await buildCorpus(
    () => openBlobSource(trace),
    {
      fileName,
      totalBytes: trace.size,
      services: options.services,
      topPorts: options.topPorts,
      window: options.window,
      minPackets: options.minPackets,
      mapping: options.mapping,
      dks: options.dictionary ? parseDictionary(options.dictionary) : undefined,
    },
    (p) => {
      if (p.pass === 2 && Number.isNaN(secondPass)) secondPass = performance.now();
      onProgress(p.bytes, p.totalBytes ?? 0, p.pass === 1 ? `${fileName}: counting senders (pass 1 of 2), bytes` : `${fileName}: building sentences (pass 2 of 2), bytes`);
    },
  );
  const finished = performance.now();
  if (Number.isNaN(secondPass)) secondPass = finished;
  const { corpus, stats, log, report } = result;

  let fileLabels: ReadonlyMap<string, string> = new Map<string, string>();
  let labelProblems: { line: number; reason: string }[] = [];
  if (labelsFile) {
    const labels = await readLabels(openBlobSource(labelsFile.blob), labelsFile.name);
    fileLabels = labels.labels;
    labelProblems = [...labels.report.skipped.first, ...labels.report.conflicts].sort((a, b) => a.line - b.line);
  }
  // The paper's Mirai-like class comes from the traffic itself; a label the analyst gave wins.
  const fingerprinted = miraiLabels(corpus.vocab, stats);
  let miraiLabelled = 0;
  let labelMap = fileLabels;
  if (options.miraiClass !== false && fingerprinted.size > 0) {
    for (const ip of fingerprinted.keys()) if (fileLabels.get(ip) === undefined) miraiLabelled++;
    labelMap = withMiraiLabels(fileLabels, fingerprinted);
  }
  const joined = labelsFromMap(corpus.vocab, labelMap);
  let labelled = 0;
  for (const id of joined.ids) if (id >= 0) labelled++;

  const hours = report.hourly.start;
  const hourStart = hours.length ? hours[0] : 0;
  const hourCount = hours.length ? Math.round((hours[hours.length - 1] - hourStart) / 3600) + 1 : 0;
  const packetsPerHour = new Float64Array(hourCount);
  for (let i = 0; i < hours.length; i++) packetsPerHour[Math.round((hours[i] - hourStart) / 3600)] += report.hourly.packets[i];

  return {
    corpus,
    stats,
    log,
    labels: { names: joined.names, ofSender: joined.ids },
    summary: {
      fileName,
      rows: report.rowsRead,
      skipped: report.rowsSkipped.total,
      skippedByReason: Object.entries(report.rowsSkipped.byReason).sort((a, b) => b[1] - a[1]),
      firstSkipped: report.rowsSkipped.first,
      packets: report.packets,
      sendersBefore: report.sendersBefore,
      sendersAfter: report.sendersAfter,
      ports: report.distinctPorts,
      firstTs: report.firstTime,
      lastTs: report.lastTime,
      hourStart,
      packetsPerHour,
      topPorts: report.topPorts.slice(0, 15).map((p) => ({ label: p.name, packets: p.packets })),
      sentences: report.sentences,
      tokens: report.tokens,
      labelsFile: labelsFile?.name,
      labelled,
      labelsIgnored: unusedLabelCount(corpus.vocab, fileLabels),
      labelProblems,
      mirai: { columns: stats.hasMiraiColumns, senders: fingerprinted.size, labelled: miraiLabelled },
      seconds: { ingest: (secondPass - started) / 1000, corpus: (finished - secondPass) / 1000 },
    },
  };
}
