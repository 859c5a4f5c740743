// `darkvec simulate`: writes trace.csv.gz, labels.csv and truth.csv of a simulated telescope.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { UsageError, type Command } from '../command';
import { createProgress, formatCount } from '../progress';
import { SAMPLE_OPTIONS, Simulation, TraceStats, formatStats, labelsCsvChunks, traceCsvChunks, truthCsvChunks } from '../../simulate/index';
import { tracePcapChunks } from '../../simulate/pcap-writer';
import { LIFECYCLE_DAYS, lifecycleCsv, lifecycleSimulation } from '../../simulate/lifecycle';

const usage = `usage: darkvec simulate --out DIR [--seed S] [--days D] [--scale X] [options]

Writes DIR/trace.csv.gz (ts,src_ip,dst_ip,dst_port,proto,pck_len,tcp_seq; rows in
time order), DIR/labels.csv (ip,label: the known classes) and DIR/truth.csv
(ip,group: every sender, naming the planted groups).

  --seed S          integer seed (default 1); same seed and options, same bytes
  --days D          days to simulate (default 1)
  --scale X         1 = the paper's one-day sizes per day (default 1)
  --sender-floor N  at least N senders per group per day (default 0)
  --packet-scale Y  multiply every sender's packets (default 1)
  --excess-packet-scale Z
                    multiply each sender's packets beyond its 10th of the day
                    (0 < Z <= 1; shrinks heavy senders, keeps the 10-packet filter's verdict)
  --prefix P        telescope prefix (default 198.51.100.0/24)
  --start T         unix seconds of day 1 midnight (default 1617148800 = 2021-03-31)
  --sample          the bundled sample's settings (samples/README.md); other size options are refused
  --level L         gzip level 1..9 (default 6)
  --format F        csv (default) or pcap: DIR/trace.pcap instead of trace.csv.gz, the
                    same packets as a telescope capture (Ethernet, IPv4, headers only,
                    microsecond timestamps; TCP sequence numbers kept)
  --quiet           no progress on stderr
  --stats           print senders, packets, ports and top-5 port share per class and group
  --scenario S      telescope (default): the catalogue's groups; lifecycle: the catalogue
                    plus groups with planted events over ${LIFECYCLE_DAYS} days (--days defaults to ${LIFECYCLE_DAYS}),
                    and DIR/lifecycle.csv (group,event,date,related; docs/tracking.md)`;

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return v;
}

export const command: Command = async (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        scale: { type: 'string' },
        'sender-floor': { type: 'string' },
        'packet-scale': { type: 'string' },
        'excess-packet-scale': { type: 'string' },
        prefix: { type: 'string' },
        start: { type: 'string' },
        level: { type: 'string' },
        format: { type: 'string' },
        stats: { type: 'boolean' },
        sample: { type: 'boolean' },
        quiet: { type: 'boolean' },
        scenario: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) {
    console.log(usage);
    return 0;
  }
  if (!v.out) throw new UsageError('--out DIR is required (try --help)');
  const level = number('level', v.level, 6);
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new UsageError(`--level must be 1..9, got ${v.level}`);
  if (v.sample) {
    const clash = (['seed', 'days', 'scale', 'sender-floor', 'packet-scale', 'excess-packet-scale'] as const).filter((k) => v[k] !== undefined);
    if (clash.length > 0) throw new UsageError(`--sample fixes the sizes; drop --${clash.join(', --')}`);
  }
  const scenario = v.scenario ?? 'telescope';
  if (scenario !== 'telescope' && scenario !== 'lifecycle') throw new UsageError(`--scenario must be telescope or lifecycle, got "${scenario}"`);
  if (scenario === 'lifecycle' && v.sample) throw new UsageError('--sample is the one-day telescope; drop it or --scenario');
  let sim: Simulation;
  try {
    const sizes = (days: number) => ({
      seed: number('seed', v.seed, 1),
      days: number('days', v.days, days),
      scale: number('scale', v.scale, 1),
      senderFloor: number('sender-floor', v['sender-floor'], 0),
      packetScale: number('packet-scale', v['packet-scale'], 1),
      excessPacketScale: number('excess-packet-scale', v['excess-packet-scale'], 1),
      prefix: v.prefix,
      start: number('start', v.start, 1617148800),
    });
    if (scenario === 'lifecycle') sim = lifecycleSimulation(sizes(LIFECYCLE_DAYS));
    else sim = new Simulation(v.sample ? { ...SAMPLE_OPTIONS, prefix: v.prefix, start: number('start', v.start, 1617148800) } : sizes(1));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const format = v.format ?? 'csv';
  if (format !== 'csv' && format !== 'pcap') throw new UsageError(`--format must be csv or pcap, got "${format}"`);
  mkdirSync(v.out, { recursive: true });
  const stats = v.stats ? new TraceStats(sim) : undefined;
  let rows = 0;
  const t0 = performance.now();
  const progress = createProgress({ prefix: 'darkvec simulate', quiet: Boolean(v.quiet) });
  const hours = 24 * sim.options.days;
  const onSlice = (s: Parameters<NonNullable<Parameters<typeof traceCsvChunks>[1]>>[0]) => {
    rows += s.count;
    stats?.add(s);
    const done = 24 * s.day + s.hour + 1;
    const elapsed = (performance.now() - t0) / 1000;
    progress.update(
      `day ${s.day + 1}/${sim.options.days}, ${Math.round((100 * done) / hours)}%, ${formatCount(rows)} rows, ` +
        `${formatCount(rows / Math.max(elapsed, 1e-3))} rows/s, ${Math.round((elapsed * (hours - done)) / done)} s left`,
    );
  };
  if (format === 'pcap') {
    await pipeline(Readable.from(tracePcapChunks(sim, onSlice)), createWriteStream(join(v.out, 'trace.pcap')));
  } else {
    await pipeline(Readable.from(traceCsvChunks(sim, onSlice)), createGzip({ level }), createWriteStream(join(v.out, 'trace.csv.gz')));
  }
  const seconds = (performance.now() - t0) / 1000;
  await pipeline(Readable.from(labelsCsvChunks(sim)), createWriteStream(join(v.out, 'labels.csv')));
  await pipeline(Readable.from(truthCsvChunks(sim)), createWriteStream(join(v.out, 'truth.csv')));
  if (scenario === 'lifecycle') writeFileSync(join(v.out, 'lifecycle.csv'), lifecycleCsv(sim));
  progress.done(
    `${rows.toLocaleString('en-US')} rows, ${sim.senderCount.toLocaleString('en-US')} senders in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / seconds).toLocaleString('en-US')} rows/s) -> ${v.out}`,
  );
  if (stats) console.log(formatStats(stats, sim.options.scale, sim.options.days));
  return 0;
};
