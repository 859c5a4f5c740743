// `darkvec corpus`: trace -> the DarkVec text corpus, with a summary of what was read.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildCorpus, CORPUS_DEFAULTS, type CorpusReport } from '../../corpus/build-corpus';
import { SERVICES_MODES, type ServicesMode } from '../../corpus/services';
import { writeTextCorpus } from '../../corpus/write-text-corpus';
import { openPathSource } from '../../ingest/byte-source';
import { describeReasons } from '../../ingest/skip-log';
import { UsageError, type Command } from '../command';
import { bytesProgress, createProgress } from '../progress';

const help = `usage: darkvec corpus --trace FILE --out FILE [options]

Turns a packet trace (CSV/TSV/space-separated with a header, pcap, pcapng,
Zeek conn.log, nfdump CSV or Suricata eve.json; gzip or not, detected from
the first bytes) into the DarkVec corpus: one sentence per line, the sender IPs of one service
in one time window, in time order, consecutive repeats collapsed.

options:
  --trace FILE        the trace to read
  --out FILE          where to write the text corpus
  --services MODE     single | auto | dks | hybrid (default ${CORPUS_DEFAULTS.services})
  --top-ports N       auto/hybrid: port/protocol pairs with their own service (default ${CORPUS_DEFAULTS.topPorts})
  --window SECONDS    time window of a sentence (default ${CORPUS_DEFAULTS.window})
  --min-packets N     keep senders with at least N packets (default ${CORPUS_DEFAULTS.minPackets})
  --quiet             no progress on stderr
  -h, --help          this text`;

function positiveInteger(name: string, text: string | undefined, fallback: number, allowZero = false): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not "${text}"`);
  }
  return n;
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
        services: { type: 'string' },
        'top-ports': { type: 'string' },
        window: { type: 'string' },
        'min-packets': { type: 'string' },
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
  const services = (values.services ?? CORPUS_DEFAULTS.services) as ServicesMode;
  if (!SERVICES_MODES.includes(services)) {
    throw new UsageError(`--services must be one of ${SERVICES_MODES.join(', ')}, not "${values.services}"`);
  }
  const topPorts = positiveInteger('top-ports', values['top-ports'], CORPUS_DEFAULTS.topPorts, true);
  const minPackets = positiveInteger('min-packets', values['min-packets'], CORPUS_DEFAULTS.minPackets);
  const window = Number(values.window ?? CORPUS_DEFAULTS.window);
  if (!(window > 0) || !Number.isFinite(window)) throw new UsageError(`--window must be a positive number of seconds, not "${values.window}"`);

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
  const { corpus, report } = await buildCorpus(
    () => openPathSource(trace),
    { fileName: trace, totalBytes: size, services, topPorts, window, minPackets },
    (p) => bytes(p.bytes + (p.pass === 2 ? size : 0)),
  );
  const seconds = (performance.now() - t0) / 1000;
  progress.done(`corpus: ${report.rowsRead.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(report.rowsRead / seconds).toLocaleString('en-US')} rows/s)`);
  console.log(formatReport(report));
  if (report.sendersAfter === 0) {
    const busiest = report.emptiedBy ? ` (the busiest has ${report.emptiedBy.busiestSender})` : '';
    throw new Error(`${trace}: no sender has at least ${minPackets} packets${busiest}: the --min-packets filter left nothing to write`);
  }
  await writeTextCorpus(corpus, values.out);
  console.log(`wrote ${values.out}`);
  return 0;
};
