// `darkvec corpus`: trace -> the DarkVec text corpus, with a summary of what was read.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { buildCorpus, type CorpusReport } from '../../corpus/build-corpus';
import { FINGERPRINT_LABELS, fingerprintClasses } from '../../corpus/fingerprint-labels';
import { FINGERPRINT_NAMES } from '../../corpus/fingerprints';
import type { SenderStats } from '../../corpus/sender-stats';
import { parseDictionary } from '../../corpus/services';
import { writeTextCorpus } from '../../corpus/write-text-corpus';
import { openPathSource } from '../../ingest/byte-source';
import { describeReasons } from '../../ingest/skip-log';
import { defaultParams, type ParamKey } from '../../method/params';
import { UsageError, type Command } from '../command';
import { paramHelp, paramOptions, readParamOptions } from '../param-options';
import { bytesProgress, createProgress } from '../progress';

const KEYS: ParamKey[] = ['services', 'topPorts', 'window', 'minPackets', 'dropBackscatter'];

const help = `usage: darkvec corpus --trace FILE --out FILE [options]

Turns a packet trace (CSV/TSV/space-separated with a header, pcap, pcapng,
Zeek conn.log, nfdump CSV, Suricata eve.json, Cowrie JSON log or Parquet;
gzip or not, detected from the first bytes) into the DarkVec corpus: one
sentence per line, the sender IPs of one service in one time window, in time
order, consecutive repeats collapsed. The summary counts the kept senders
each fingerprint selects (Mirai-like, ZMap, Masscan, Backscatter).

options:
  --trace FILE            the trace to read
  --out FILE              where to write the text corpus
  --dictionary FILE       DKS dictionary (JSON: services and fallbacks); default the bundled one
${paramHelp(KEYS)}
  --quiet                 no progress on stderr
  -h, --help              this text`;

/** One line: how many kept senders each fingerprint selects, by the default rules (fingerprint-labels.ts). */
export function formatFingerprints(stats: SenderStats): string {
  const { counts } = fingerprintClasses(stats);
  const columns = { mirai: stats.hasMiraiColumns, zmap: stats.hasZmapColumns, masscan: stats.hasMasscanColumns, backscatter: stats.hasBackscatterColumns };
  const parts = FINGERPRINT_NAMES.map((name) => `${FINGERPRINT_LABELS[name]} ${columns[name] ? counts[name].toLocaleString('en-US') : '– (no such fields)'}`);
  return `fingerprinted senders: ${parts.join(', ')}`;
}

export function formatReport(r: CorpusReport): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `rows read: ${n(r.rowsRead)} (${r.format}), packets: ${n(r.packets)}`,
    `rows skipped: ${n(r.rowsSkipped.total)}` + (r.rowsSkipped.total > 0 ? ` (${describeReasons(r.rowsSkipped)})` : ''),
    ...r.rowsSkipped.first.map((s) => `  line ${s.line}: ${s.reason}`),
    `senders: ${n(r.sendersBefore)} before the filter, ${n(r.sendersAfter)} with at least ${r.minPackets} packets`,
    `time: ${new Date(r.firstTime * 1000).toISOString()} to ${new Date(r.lastTime * 1000).toISOString()}, distinct ports: ${n(r.distinctPorts)}`,
    `services (${r.services}): ${r.serviceNames.length}`,
    `sentences: ${n(r.sentences)}, tokens: ${n(r.tokens)}`,
    ...(r.backscatterDropped.rows > 0
      ? [`backscatter dropped: ${n(r.backscatterDropped.rows)} rows, ${n(r.backscatterDropped.packets)} packets`]
      : []),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

export const command: Command = async (argv) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        trace: { type: 'string' },
        out: { type: 'string' },
        dictionary: { type: 'string' },
        ...paramOptions(KEYS),
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.trace) throw new UsageError('--trace FILE is required (see --help)');
  if (!values.out) throw new UsageError('--out FILE is required (see --help)');
  const { services, topPorts, window, minPackets, dropBackscatter } = readParamOptions(values, KEYS, defaultParams());
  const dks = values.dictionary ? parseDictionary(readFileSync(values.dictionary, 'utf8'), values.dictionary) : undefined;

  const trace = values.trace;
  let size: number;
  try {
    const info = await stat(trace);
    if (!info.isFile()) throw new Error(`${trace}: not a file`);
    size = info.size;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new Error(`${trace}: no such file`);
    throw e;
  }
  const progress = createProgress({ prefix: 'darkvec corpus', quiet: Boolean(values.quiet) });
  // Two passes over the file: progress runs over both.
  const bytes = bytesProgress((m) => progress.update(m), 'corpus (2 passes)', 2 * size);
  const t0 = performance.now();
  const { corpus, report, stats } = await buildCorpus(
    () => openPathSource(trace),
    { fileName: trace, totalBytes: size, services, topPorts, window, minPackets, dks, dropBackscatter },
    (p) => bytes(p.bytes + (p.pass === 2 ? size : 0)),
  );
  const seconds = (performance.now() - t0) / 1000;
  progress.done(`corpus: ${report.rowsRead.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(report.rowsRead / seconds).toLocaleString('en-US')} rows/s)`);
  console.log(formatReport(report));
  console.log(formatFingerprints(stats));
  if (report.sendersAfter === 0) {
    const busiest = report.emptiedBy ? ` (the busiest has ${report.emptiedBy.busiestSender})` : '';
    throw new Error(`${trace}: no sender has at least ${minPackets} packets${busiest}: the --min-packets filter left nothing to write`);
  }
  await writeTextCorpus(corpus, values.out);
  console.log(`wrote ${values.out}`);
  return 0;
};
