// Trace -> DarkVec corpus, in two streaming passes over the file.
// Several traces of the same days (a darknet and a honeypot, say) make one
// corpus: each pass reads them one after the other, a sender is one token
// whatever trace it appears in, and each kept sender carries a bitmask of the
// traces it appeared in (SenderStats.sources). A window is then complete only
// once the last trace has been read, so pass 2 holds the earlier traces' kept
// packets of the windows they share.
//
// Pass 1 counts: packets and rows per sender (the min-packets filter), packets
// per port/protocol pair (auto services), rows per time window (so pass 2
// knows when a window is complete), packets per hour (the report's chart).
// Pass 2 appends each kept sender's packet to the buffer of its window and
// emits a window's sentences as soon as all its rows have been seen. A
// time-ordered trace therefore holds about one window of packets at a time;
// an unordered one still comes out right, holding up to all kept packets.
//
// Memory the design keeps (measured numbers in bench/ingest.bench.ts):
//   per sender seen:   the Map entry and its address string (~80-100 B), packets,
//                      rows and token id (12 B);
//   per kept sender:   SenderStats (28 B), last port (4 B), log decimation counters (12 B),
//                      16-32 B per distinct (sender, port) pair;
//   per packet row:    nothing lasting, except 4 B per corpus token (after
//                      repeats collapse; x2 for hybrid) and the packet log,
//                      22 B per row up to `logRows`; 14 B (16 B hybrid) while
//                      its window is open.
// A month (63 M packets, 500 k senders) is thus at most ~0.25 GB of tokens,
// ~0.1 GB of log and ~50 MB of sender state.
import type { ByteSource } from '../ingest/byte-source';
import type { ColumnMapping } from '../ingest/column-mapping';
import { decodeTrace } from '../ingest/decoders';
import { flatString } from '../ingest/ip-address';
import { PROTO, type PacketSink } from '../ingest/packet-sink';
import { SkipLog, type SkipReport } from '../ingest/skip-log';
import { CHECK, MAX_PACKETS } from '../ingest/record-checks';
import type { Corpus } from './corpus';
import { FINGERPRINT, fingerprintBits, isBackscatter } from './fingerprints';
import { BlockInt32, Growable } from './growable';
import type { PacketLog, SenderStats } from './sender-stats';
import { SenderPortSet } from './sender-port-set';
import {
  autoServices,
  dksServices,
  PAIR_COUNT,
  pairIndex,
  pairName,
  pairOf,
  singleServices,
  type DksDictionary,
  type ServicesMode,
  type ServiceTable,
} from './services';

/** One trace of a corpus built from several. */
export interface CorpusInput {
  open(): ByteSource;
  /** Named in its messages. */
  fileName: string;
  /** Bytes as read, for progress. */
  totalBytes?: number;
  /** Delimited text: column indexes chosen by the user. */
  mapping?: Partial<ColumnMapping>;
}

/** Traces one corpus can join: SenderStats.sources is one byte per sender. */
export const MAX_INPUTS = 8;

export interface CorpusOptions {
  /** Named in messages and the report (several inputs: their names joined with " + " when not given). */
  fileName: string;
  /** File size in bytes, for progress (as read: compressed size for gzip). */
  totalBytes?: number;
  services?: ServicesMode;
  /** Auto services: how many top port/protocol pairs get their own service. */
  topPorts?: number;
  /** Window length in seconds; windows are aligned to the Unix epoch. */
  window?: number;
  minPackets?: number;
  /** Delimited text: column indexes chosen by the user. */
  mapping?: Partial<ColumnMapping>;
  /** Row budget of the packet log; longer traces are decimated. */
  logRows?: number;
  dks?: DksDictionary;
  /**
   * Leave out replies (backscatter: TCP SYN-ACK/RST/RST-ACK, ICMP echo reply,
   * unreachable, time exceeded) before anything is counted, so the corpus is
   * scans only. Needs TCP flags / ICMP types in the trace; off by default.
   */
  dropBackscatter?: boolean;
  /** Rows an open window holds before it is first compacted (tests set it low to check compaction changes nothing). */
  compactFrom?: number;
}

export const CORPUS_DEFAULTS = {
  services: 'dks' as ServicesMode,
  topPorts: 10,
  window: 3600,
  minPackets: 10,
  logRows: 5_000_000,
};

export interface CorpusProgress {
  pass: 1 | 2;
  /** Bytes of this pass so far, over all inputs. */
  bytes: number;
  totalBytes?: number;
  /** The input being read (0 for a single trace). */
  input: number;
}

/** What one input of a corpus gave. */
export interface InputReport {
  fileName: string;
  format: string;
  /** Rows accepted (backscatter dropped excluded). */
  rows: number;
  packets: number;
  /** Senders seen in it, and kept senders seen in it. */
  senders: number;
  sendersKept: number;
}

export interface PortCount {
  name: string;
  port: number;
  proto: number;
  packets: number;
}

export interface CorpusReport {
  fileName: string;
  format: string;
  services: ServicesMode;
  /** Service names in sentence order; for hybrid the auto names then the DKS names. */
  serviceNames: string[];
  window: number;
  minPackets: number;
  /** Data rows (header excluded) accepted or skipped. */
  rowsRead: number;
  rowsSkipped: SkipReport;
  /** Packets in accepted rows (flow records count their packets). */
  packets: number;
  sendersBefore: number;
  sendersAfter: number;
  /** Packets of the kept senders. */
  packetsKept: number;
  /** Distinct TCP/UDP destination ports over the whole trace. */
  distinctPorts: number;
  /** Unix seconds; NaN when no row was read. */
  firstTime: number;
  lastTime: number;
  sentences: number;
  tokens: number;
  /** Packets per clock hour that has any: hour start (Unix s) and packets. */
  hourly: { start: Float64Array; packets: Float64Array };
  /** The most frequent port/protocol pairs over the whole trace, by packets. */
  topPorts: PortCount[];
  /** Trace rows per packet-log row (1 = one log row per row). */
  logDecimation: number;
  /** Rows and packets left out as backscatter (dropBackscatter); zeros when it was off. */
  backscatterDropped: { rows: number; packets: number };
  /** Each input's counts, in the order given (one entry for a single trace). */
  inputs: InputReport[];
  /** Kept senders seen in more than one input (0 for a single trace). */
  sendersInSeveral: number;
  warnings: string[];
  /** The most rows one open window held at once (compaction keeps it bounded by the kept data, not the input). */
  windowPeakRows: number;
  /** Set when the sender filter kept no one: which filter, and how far the busiest sender was from it. */
  emptiedBy?: { filter: 'min-packets'; minPackets: number; busiestSender: number };
}

export interface CorpusResult {
  corpus: Corpus;
  stats: SenderStats;
  log: PacketLog;
  report: CorpusReport;
}


/** One trace (`openSource`) or several (CorpusInput each, read in that order) -> one corpus. */
export async function buildCorpus(
  openSource: (() => ByteSource) | readonly CorpusInput[],
  options: CorpusOptions,
  onProgress?: (progress: CorpusProgress) => void,
  signal?: AbortSignal,
): Promise<CorpusResult> {
  const inputs: readonly CorpusInput[] = typeof openSource === 'function'
    ? [{ open: openSource, fileName: options.fileName, totalBytes: options.totalBytes, mapping: options.mapping }]
    : openSource;
  if (inputs.length === 0) throw new Error('no trace to read');
  if (inputs.length > MAX_INPUTS) throw new Error(`at most ${MAX_INPUTS} traces make one corpus, got ${inputs.length}`);
  const several = inputs.length > 1;
  const services = options.services ?? CORPUS_DEFAULTS.services;
  const topPorts = options.topPorts ?? CORPUS_DEFAULTS.topPorts;
  const window = options.window ?? CORPUS_DEFAULTS.window;
  const minPackets = options.minPackets ?? CORPUS_DEFAULTS.minPackets;
  const logRows = options.logRows ?? CORPUS_DEFAULTS.logRows;
  const fileName = options.fileName;
  const totalBytes = inputs.every((i) => i.totalBytes !== undefined) ? inputs.reduce((a, i) => a + i.totalBytes!, 0) : undefined;
  const dropBackscatter = options.dropBackscatter ?? false;
  let droppedRows = 0;
  let droppedPackets = 0;
  if (!['single', 'auto', 'dks', 'hybrid'].includes(services)) throw new Error(`unknown services mode "${services}"`);
  if (!(window > 0)) throw new Error(`window must be a positive number of seconds, not ${window}`);
  if (!(minPackets >= 1) || !Number.isInteger(minPackets)) throw new Error(`min packets must be a positive integer, not ${minPackets}`);
  if (!(topPorts >= 0) || !Number.isInteger(topPorts)) throw new Error(`top ports must be a whole number, not ${topPorts}`);

  // ---- pass 1: counts ----
  const ids = new Map<string, number>();
  // Float64: a sender's sum is checked against MAX_PACKETS before it is added, never wrapped.
  let senderPackets = new Float64Array(1024);
  let senderRows = new Int32Array(1024);
  // Bit k: the sender appeared in input k.
  let senderSources = new Uint8Array(1024);
  let inputBit = 1;
  const inputRows = new Float64Array(inputs.length);
  const inputPackets = new Float64Array(inputs.length);
  let current = 0;
  const pairPackets = new Float64Array(PAIR_COUNT);
  const windowRows = new Map<number, number>();
  const hourPackets = new Map<number, number>();
  const skips = new SkipLog();
  let rows = 0;
  let packetsTotal = 0;
  let firstTime = Infinity;
  let lastTime = -Infinity;
  let curWindow = NaN;
  let curWindowRows = 0;
  let curHour = NaN;
  let curHourPackets = 0;

  let lastSrc = '';
  let lastId: number | undefined;
  // Rows refused because their sender would pass MAX_PACKETS: pass 2 refuses the same rows.
  let refusedForSum = 0;
  const warnings: string[] = [];
  const counting: PacketSink = {
    packet(ts, src, dstPort, proto, packets, _dstIp, _length, _tcpSeq, _ipId, tcpFlags, icmpType) {
      if (dropBackscatter && isBackscatter(proto, tcpFlags, icmpType)) {
        droppedRows++;
        droppedPackets += packets;
        return;
      }
      // Scanners send bursts: a repeat of the last sender skips the Map.
      let id = src === lastSrc ? lastId : ids.get(src);
      if (id !== undefined && senderPackets[id] + packets > MAX_PACKETS) {
        refusedForSum++;
        return skips.add(position.line(), several ? `${inputs[current].fileName}: ${CHECK.senderPackets}` : CHECK.senderPackets);
      }
      rows++;
      if (id === undefined) {
        id = ids.size;
        // A flat copy: a key sliced from a decoder's chunk would keep the chunk
        // alive, and a cons-string key compares slowly on every lookup.
        ids.set(flatString(src), id);
        if (id === senderPackets.length) {
          const grownPackets = new Float64Array(id * 2);
          grownPackets.set(senderPackets);
          senderPackets = grownPackets;
          const grownRows = new Int32Array(id * 2);
          grownRows.set(senderRows);
          senderRows = grownRows;
          const grownSources = new Uint8Array(id * 2);
          grownSources.set(senderSources);
          senderSources = grownSources;
        }
      }
      lastSrc = src;
      lastId = id;
      senderPackets[id] += packets;
      senderRows[id]++;
      senderSources[id] |= inputBit;
      inputRows[current]++;
      inputPackets[current] += packets;
      pairPackets[pairIndex(dstPort, proto)] += packets;
      packetsTotal += packets;
      if (ts < firstTime) firstTime = ts;
      if (ts > lastTime) lastTime = ts;
      const w = Math.floor(ts / window);
      if (w !== curWindow) {
        if (curWindowRows > 0) windowRows.set(curWindow, (windowRows.get(curWindow) ?? 0) + curWindowRows);
        curWindow = w;
        curWindowRows = 0;
      }
      curWindowRows++;
      const h = Math.floor(ts / 3600);
      if (h !== curHour) {
        if (curHourPackets > 0) hourPackets.set(curHour, (hourPackets.get(curHour) ?? 0) + curHourPackets);
        curHour = h;
        curHourPackets = 0;
      }
      curHourPackets += packets;
    },
    skip(line, reason) {
      // Several inputs: a line number means nothing without its file.
      skips.add(line, several ? `${inputs[current].fileName}: ${reason}` : reason);
    },
  };
  const position = { line: () => 0 };
  const pass = async (n: 1 | 2, sink: PacketSink): Promise<string[]> => {
    const formats: string[] = [];
    let before = 0;
    for (let k = 0; k < inputs.length; k++) {
      current = k;
      inputBit = 1 << k;
      // The sender cache must not carry a sender across inputs unnoticed (its bit differs).
      lastSrc = '';
      let last = 0;
      const input = inputs[k];
      const { format } = await decodeTrace(input.open(), sink, {
        fileName: input.fileName,
        mapping: input.mapping,
        signal,
        onBytes: (bytes) => {
          last = bytes;
          onProgress?.({ pass: n, bytes: before + bytes, totalBytes, input: k });
        },
        onWarning: n === 1 ? (message) => warnings.push(message) : undefined,
        position: n === 1 ? position : undefined,
      });
      before += input.totalBytes ?? last;
      formats.push(format);
    }
    return formats;
  };
  const formats = await pass(1, counting);
  const format = [...new Set(formats)].join(' + ');
  if (curWindowRows > 0) windowRows.set(curWindow, (windowRows.get(curWindow) ?? 0) + curWindowRows);
  if (curHourPackets > 0) hourPackets.set(curHour, (hourPackets.get(curHour) ?? 0) + curHourPackets);

  const rowsSkipped = skips.report();
  if (rows === 0) {
    if (droppedRows > 0) throw new Error(`${fileName}: all ${droppedRows} rows are backscatter, which was to be dropped`);
    if (rowsSkipped.total === 0) throw new Error(`${fileName}: no data rows`);
    const first = rowsSkipped.first.map((s) => `line ${s.line}: ${s.reason}`).join('; ');
    throw new Error(`${fileName}: all ${rowsSkipped.total} rows were skipped (${first})`);
  }

  // ---- the filter, services and windows pass 2 needs ----
  const sendersBefore = ids.size;
  const tokenOf = new Int32Array(sendersBefore).fill(-1);
  const vocab: string[] = [];
  let keptRows = 0;
  let packetsKept = 0;
  let busiest = 0;
  for (const [ip, id] of ids) {
    if (senderPackets[id] > busiest) busiest = senderPackets[id];
    if (senderPackets[id] < minPackets) continue;
    tokenOf[id] = vocab.length;
    vocab.push(ip);
    keptRows += senderRows[id];
    packetsKept += senderPackets[id];
  }
  const kept = vocab.length;
  const keptPackets = new Int32Array(kept);
  const keptSources = new Uint8Array(kept);
  const inputSenders = new Int32Array(inputs.length);
  const inputKept = new Int32Array(inputs.length);
  let sendersInSeveral = 0;
  for (let id = 0; id < sendersBefore; id++) {
    const bits = senderSources[id];
    const tok = tokenOf[id];
    for (let k = 0; k < inputs.length; k++) {
      if (!(bits & (1 << k))) continue;
      inputSenders[k]++;
      if (tok >= 0) inputKept[k]++;
    }
    if (tok < 0) continue;
    keptPackets[tok] = senderPackets[id];
    keptSources[tok] = bits;
    if (bits & (bits - 1)) sendersInSeveral++;
  }
  senderRows = new Int32Array(0);
  senderSources = new Uint8Array(0);
  // Pass 2 refuses the rows pass 1 refused, by the same running sums.
  const running = refusedForSum > 0 ? senderPackets.fill(0) : new Float64Array(0);

  const tables: ServiceTable[] =
    services === 'single'
      ? [singleServices()]
      : services === 'auto'
        ? [autoServices(pairPackets, topPorts)]
        : services === 'dks'
          ? [dksServices(options.dks)]
          : [autoServices(pairPackets, topPorts), dksServices(options.dks)];

  const windowKeys = Float64Array.from(windowRows.keys()).sort();
  const windowIndex = new Map<number, number>();
  const remaining = new Float64Array(windowKeys.length);
  windowKeys.forEach((w, i) => {
    windowIndex.set(w, i);
    remaining[i] = windowRows.get(w)!;
  });

  // ---- pass 2: sentences, sender statistics, packet log ----
  const outputs = tables.map(() => ({ tokens: new BlockInt32(), offsets: new Growable(Int32Array, 1024) }));
  for (const o of outputs) o.offsets.push(0);
  const buffers = new Map<number, WindowBuffer>();
  let nextWindow = 0;
  let scratch = new Int32Array(0);

  let windowPeakRows = 0;
  const flushWindow = (w: number) => {
    const buffer = buffers.get(w);
    if (!buffer) return;
    if (buffer.peak > windowPeakRows) windowPeakRows = buffer.peak;
    buffers.delete(w);
    const n = buffer.length;
    if (scratch.length < 2 * n) scratch = new Int32Array(2 * n);
    // Time order, input order among equal timestamps.
    const byTime = scratch.subarray(0, n);
    for (let i = 0; i < n; i++) byTime[i] = i;
    if (!buffer.sorted) {
      const ts = buffer.ts.data;
      byTime.sort((a, b) => ts[a] - ts[b] || a - b);
    }
    const order = scratch.subarray(n, 2 * n);
    const token = buffer.token.data;
    tables.forEach((table, t) => {
      // Stable counting sort by service id, which is name order.
      const service = buffer.service[t].data;
      const starts = new Int32Array(table.names.length + 1);
      for (let i = 0; i < n; i++) starts[service[i] + 1]++;
      for (let s = 0; s < table.names.length; s++) starts[s + 1] += starts[s];
      const fill = starts.slice(0, table.names.length);
      for (let k = 0; k < n; k++) {
        const i = byTime[k];
        order[fill[service[i]]++] = i;
      }
      const out = outputs[t];
      for (let s = 0; s < table.names.length; s++) {
        if (starts[s] === starts[s + 1]) continue;
        let previous = -1;
        for (let k = starts[s]; k < starts[s + 1]; k++) {
          const tok = token[order[k]];
          if (tok !== previous) out.tokens.push(tok);
          previous = tok;
        }
        out.offsets.push(out.tokens.length);
      }
    });
  };

  const firstSeen = new Float64Array(kept).fill(Infinity);
  const lastSeen = new Float64Array(kept).fill(-Infinity);
  const distinctPorts = new Int32Array(kept);
  const miraiPackets = new Int32Array(kept);
  const zmapPackets = new Int32Array(kept);
  const masscanPackets = new Int32Array(kept);
  const backscatterPackets = new Int32Array(kept);
  const senderPorts = new SenderPortSet();
  const lastPort = new Int32Array(kept).fill(-1);
  let hasMiraiColumns = false;
  let hasZmapColumns = false;
  let hasMasscanColumns = false;
  let hasBackscatterColumns = false;

  // Decimation: a log row stands for `step` rows of one sender (the last one's
  // time and port), packets summed, so per-sender totals stay exact.
  const step = keptRows <= logRows ? 1 : Math.ceil(keptRows / Math.max(1, logRows - kept));
  const logCapacity = step === 1 ? keptRows : Math.ceil(keptRows / step) + kept;
  const log: PacketLog = {
    ts: new Float64Array(logCapacity),
    sender: new Int32Array(logCapacity),
    port: new Int32Array(logCapacity),
    proto: new Uint8Array(logCapacity),
    packets: new Int32Array(logCapacity),
    fingerprints: new Uint8Array(logCapacity),
  };
  let logLength = 0;
  let logSorted = true;
  const pendingRows = step > 1 ? new Int32Array(kept) : new Int32Array(0);
  const pendingPackets = step > 1 ? new Int32Array(kept) : new Int32Array(0);
  const pendingLast = step > 1 ? new Int32Array(kept) : new Int32Array(0);
  const appendLog = (ts: number, tok: number, port: number, proto: number, packets: number, flags: number) => {
    if (logLength > 0 && ts < log.ts[logLength - 1]) logSorted = false;
    log.ts[logLength] = ts;
    log.sender[logLength] = tok;
    log.port[logLength] = port;
    log.proto[logLength] = proto;
    log.packets[logLength] = packets;
    log.fingerprints[logLength] = flags;
    logLength++;
  };

  let rows2 = 0;
  lastSrc = '';
  let bufWindow = NaN;
  let buf: WindowBuffer | undefined;
  let remWindow = NaN;
  let remIndex = -1;
  const replaying: PacketSink = {
    packet(ts, src, dstPort, proto, packets, dstIp, _length, tcpSeq, ipId, tcpFlags, icmpType) {
      if (dropBackscatter && isBackscatter(proto, tcpFlags, icmpType)) return;
      const id = src === lastSrc ? lastId : ids.get(src);
      lastSrc = src;
      lastId = id;
      if (id === undefined) throw new Error(`${fileName}: the file changed while it was being read`);
      if (refusedForSum > 0) {
        if (running[id] + packets > MAX_PACKETS) return;
        running[id] += packets;
      }
      rows2++;
      if (rows2 > rows) throw new Error(`${fileName}: the file changed while it was being read`);
      const w = Math.floor(ts / window);
      const tok = tokenOf[id];
      if (tok >= 0) {
        if (w !== bufWindow) {
          bufWindow = w;
          buf = buffers.get(w);
          if (!buf) buffers.set(w, (buf = new WindowBuffer(tables, options.compactFrom ?? COMPACT_FROM)));
        }
        const pair = pairIndex(dstPort, proto);
        buf!.append(ts, tok, tables, pair);
        if (ts < firstSeen[tok]) firstSeen[tok] = ts;
        if (ts > lastSeen[tok]) lastSeen[tok] = ts;
        // Scanners repeat a port across the telescope's addresses: skip the set probe then.
        if (dstPort >= 0 && dstPort !== lastPort[tok]) {
          lastPort[tok] = dstPort;
          if (senderPorts.add(tok, dstPort)) distinctPorts[tok]++;
        }
        if (tcpSeq >= 0 && dstIp >= 0) {
          hasMiraiColumns = true;
          if (ipId >= 0) hasMasscanColumns = true;
        }
        if (ipId >= 0) hasZmapColumns = true;
        if ((proto === PROTO.tcp && tcpFlags >= 0) || icmpType >= 0) hasBackscatterColumns = true;
        const flags = fingerprintBits(proto, dstIp, dstPort, tcpSeq, ipId, tcpFlags, icmpType);
        if (flags !== 0) {
          if (flags & FINGERPRINT.mirai) miraiPackets[tok] += packets;
          if (flags & FINGERPRINT.zmap) zmapPackets[tok] += packets;
          if (flags & FINGERPRINT.masscan) masscanPackets[tok] += packets;
          if (flags & FINGERPRINT.backscatter) backscatterPackets[tok] += packets;
        }
        if (step === 1) appendLog(ts, tok, dstPort, proto, packets, flags);
        else {
          pendingPackets[tok] += packets;
          pendingLast[tok] = pair;
          if (++pendingRows[tok] === step) {
            appendLog(ts, tok, dstPort, proto, pendingPackets[tok], flags);
            pendingRows[tok] = 0;
            pendingPackets[tok] = 0;
          }
        }
      }
      if (w !== remWindow) {
        remWindow = w;
        remIndex = windowIndex.get(w) ?? -1;
        if (remIndex < 0) throw new Error(`${fileName}: the file changed while it was being read`);
      }
      if (--remaining[remIndex] === 0) {
        while (nextWindow < windowKeys.length && remaining[nextWindow] === 0) {
          const done = windowKeys[nextWindow++];
          if (done === bufWindow) bufWindow = NaN;
          flushWindow(done);
        }
      }
    },
    skip() {},
  };
  await pass(2, replaying);
  if (rows2 !== rows) throw new Error(`${fileName}: the file changed while it was being read`);
  while (nextWindow < windowKeys.length) flushWindow(windowKeys[nextWindow++]);

  if (step > 1) {
    for (let tok = 0; tok < kept; tok++) {
      if (pendingRows[tok] === 0) continue;
      const { port, proto } = pairOf(pendingLast[tok]);
      appendLog(lastSeen[tok], tok, port, proto, pendingPackets[tok], 0);
    }
  }
  const finalLog = trimLog(log, logLength, logSorted);

  // ---- assemble ----
  let totalTokens = 0;
  let totalSentences = 0;
  for (const o of outputs) {
    totalTokens += o.tokens.length;
    totalSentences += o.offsets.length - 1;
  }
  const tokens = new Int32Array(totalTokens);
  const offsets = new Int32Array(totalSentences + 1);
  let at = 0;
  let sentence = 0;
  for (const o of outputs) {
    const count = o.tokens.length;
    o.tokens.drainTo(tokens, at);
    const offs = o.offsets.data;
    for (let i = 1; i < o.offsets.length; i++) offsets[++sentence] = at + offs[i];
    at += count;
  }

  let distinctPortCount = 0;
  for (let p = 0; p < 65536; p++) if (pairPackets[p] > 0 || pairPackets[65536 + p] > 0) distinctPortCount++;
  const hours = Float64Array.from(hourPackets.keys()).sort();
  const usedPairs: number[] = [];
  for (let i = 0; i < PAIR_COUNT; i++) if (pairPackets[i] > 0) usedPairs.push(i);
  usedPairs.sort((a, b) => pairPackets[b] - pairPackets[a] || a - b);

  let emptiedBy: CorpusReport['emptiedBy'];
  if (kept === 0) {
    emptiedBy = { filter: 'min-packets', minPackets, busiestSender: busiest };
    warnings.push(`${fileName}: no sender has at least ${minPackets} packets (the busiest has ${busiest}): the --min-packets filter left the corpus empty`);
  }
  if (dropBackscatter && !hasBackscatterColumns && droppedRows === 0) {
    warnings.push('backscatter could not be dropped: the trace has no TCP flags or ICMP types');
  }

  const report: CorpusReport = {
    fileName,
    format,
    services,
    serviceNames: tables.flatMap((t) => t.names),
    window,
    minPackets,
    rowsRead: rows + rowsSkipped.total,
    rowsSkipped,
    packets: packetsTotal,
    sendersBefore,
    sendersAfter: kept,
    packetsKept,
    distinctPorts: distinctPortCount,
    firstTime,
    lastTime,
    sentences: totalSentences,
    tokens: totalTokens,
    hourly: { start: hours.map((h) => h * 3600), packets: hours.map((h) => hourPackets.get(h)!) },
    topPorts: usedPairs.slice(0, 20).map((i) => ({ name: pairName(i), ...pairOf(i), packets: pairPackets[i] })),
    logDecimation: step,
    backscatterDropped: { rows: droppedRows, packets: droppedPackets },
    inputs: inputs.map((input, k) => ({
      fileName: input.fileName, format: formats[k], rows: inputRows[k], packets: inputPackets[k], senders: inputSenders[k], sendersKept: inputKept[k],
    })),
    sendersInSeveral,
    warnings,
    emptiedBy,
    windowPeakRows,
  };
  return {
    corpus: { vocab, packets: keptPackets, tokens, offsets },
    stats: {
      packets: keptPackets,
      firstSeen,
      lastSeen,
      distinctPorts,
      miraiPackets,
      hasMiraiColumns,
      zmapPackets,
      hasZmapColumns,
      masscanPackets,
      hasMasscanColumns,
      backscatterPackets,
      hasBackscatterColumns,
      sources: keptSources,
    },
    log: finalLog,
    report,
  };
}

/**
 * One open window's kept packets, in arrival order, compacted as it grows: a
 * row whose sender is also the previous row of its service at the same
 * timestamp (in every service table) can never end up apart from that row in
 * the sentence, so the collapse of repeats would drop it anyway; it is dropped
 * at once. Later rows with that timestamp sort after both (time order, input
 * order among equal times), so the result is exactly that of keeping it. A
 * bomb of one row repeated thus holds one row, not billions.
 */
class WindowBuffer {
  ts = new Growable(Float64Array, 256);
  token = new Growable(Int32Array, 256);
  service: Growable<Uint16Array>[];
  length = 0;
  sorted = true;
  /** The most rows held at once. */
  peak = 0;
  private compactAt: number;

  constructor(
    private readonly tables: ServiceTable[],
    private readonly compactFrom: number,
  ) {
    this.compactAt = compactFrom;
    this.service = Array.from({ length: tables.length }, () => new Growable(Uint16Array, 256));
  }

  append(ts: number, token: number, tables: ServiceTable[], pair: number): void {
    if (this.length > 0 && ts < this.ts.data[this.length - 1]) this.sorted = false;
    this.ts.push(ts);
    this.token.push(token);
    for (let t = 0; t < tables.length; t++) this.service[t].push(tables[t].ofPair[pair]);
    if (++this.length > this.peak) this.peak = this.length;
    if (this.length >= this.compactAt) this.compact();
  }

  /** Drops the rows that repeat their service's previous sender at the same timestamp; leaves the rest in time order. */
  compact(): void {
    const n = this.length;
    const ts = this.ts.data;
    const token = this.token.data;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (!this.sorted) order.sort((a, b) => ts[a] - ts[b] || a - b);
    const tables = this.tables;
    // Per table and service: the last sender seen in the current timestamp group.
    const last = tables.map((t) => new Int32Array(t.names.length));
    const group = tables.map((t) => new Float64Array(t.names.length).fill(NaN));
    const keep = new Uint32Array(n);
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const time = ts[i];
      const tok = token[i];
      let repeat = true;
      for (let t = 0; t < tables.length; t++) {
        const s = this.service[t].data[i];
        if (group[t][s] !== time || last[t][s] !== tok) {
          repeat = false;
          group[t][s] = time;
          last[t][s] = tok;
        }
      }
      if (!repeat) keep[kept++] = i;
    }
    const take = <T extends Float64Array | Int32Array | Uint16Array>(from: Growable<T>): Growable<T> => {
      const out = new Growable(from.data.constructor as { new (length: number): T }, Math.max(256, kept * 2));
      for (let k = 0; k < kept; k++) out.data[k] = from.data[keep[k]];
      out.length = kept;
      return out;
    };
    this.ts = take(this.ts);
    this.token = take(this.token);
    this.service = this.service.map(take);
    this.length = kept;
    this.sorted = true;
    this.compactAt = Math.max(this.compactFrom, 2 * kept);
  }
}

/** Rows an open window holds before its first compaction. */
const COMPACT_FROM = 1 << 20;

/** The filled part of the log, in time order (input order among equal times). */
function trimLog(log: PacketLog, length: number, sorted: boolean): PacketLog {
  // Full (the usual case without decimation): no copy, so no 2x peak.
  if (sorted && length === log.ts.length) return log;
  if (sorted) {
    return {
      ts: log.ts.slice(0, length),
      sender: log.sender.slice(0, length),
      port: log.port.slice(0, length),
      proto: log.proto.slice(0, length),
      packets: log.packets.slice(0, length),
      fingerprints: log.fingerprints.slice(0, length),
    };
  }
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort((a, b) => log.ts[a] - log.ts[b] || a - b);
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(length);
    for (let i = 0; i < length; i++) out[i] = src[order[i]];
    return out;
  };
  return {
    ts: pick(log.ts),
    sender: pick(log.sender),
    port: pick(log.port),
    proto: pick(log.proto),
    packets: pick(log.packets),
    fingerprints: pick(log.fingerprints),
  };
}
