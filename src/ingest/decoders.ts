// Every trace format we read, and how its first bytes give it away. To add a
// format, add an entry to `traceFormats` (binary formats before the text ones:
// the first entry whose sniff accepts the head wins).
import { closeSource, gunzipIfNeeded, memoryFile, meterSource, peekSource, randomAccessOf, type ByteSource, type RandomAccessFile } from './byte-source';
import { normalizeTextHead } from './text-encoding';
import type { ColumnMapping } from './column-mapping';
import { DelimitedDecoder, looksLikeText } from './delimited-decoder';
import type { PacketSink, TraceDecoder } from './packet-sink';
import { CowrieDecoder, sniffCowrie } from './formats/cowrie';
import { NfdumpDecoder, sniffNfdump } from './formats/nfdump';
import { decodeParquet, sniffParquet } from './formats/parquet';
import { PcapDecoder, sniffPcap } from './formats/pcap';
import { PcapngDecoder, sniffPcapng } from './formats/pcapng';
import { RawTraceDecoder, sniffRawTrace } from './formats/raw-trace';
import { SuricataDecoder, sniffSuricata } from './formats/suricata';
import { ZeekDecoder, sniffZeek } from './formats/zeek';

export interface DecoderOptions {
  /** Named in every error message. */
  fileName: string;
  /** Delimited text only: column indexes chosen by the user. */
  mapping?: Partial<ColumnMapping>;
}

export interface TraceFormat {
  name: string;
  /** Whether the first (decompressed) bytes, up to HEAD_BYTES of them, look like this format. */
  sniff(head: Uint8Array): boolean;
  create?(sink: PacketSink, options: DecoderOptions): TraceDecoder;
  /** Formats read at offsets (an index at the end of the file) instead of streamed. */
  readFile?(file: RandomAccessFile, sink: PacketSink, options: DecodeOptions): Promise<void>;
}

export const HEAD_BYTES = 4096;

export const traceFormats: TraceFormat[] = [
  { name: 'pcap', sniff: sniffPcap, create: (sink, options) => new PcapDecoder(sink, options.fileName) },
  { name: 'pcapng', sniff: sniffPcapng, create: (sink, options) => new PcapngDecoder(sink, options.fileName) },
  { name: 'parquet', sniff: sniffParquet, readFile: (file, sink, options) => decodeParquet(file, sink, options) },
  // Text formats with a signature of their own, before the generic delimited reader.
  { name: 'cowrie', sniff: sniffCowrie, create: (sink, options) => new CowrieDecoder(sink, options.fileName) },
  { name: 'zeek', sniff: sniffZeek, create: (sink, options) => new ZeekDecoder(sink, options.fileName) },
  { name: 'suricata', sniff: sniffSuricata, create: (sink, options) => new SuricataDecoder(sink, options.fileName) },
  { name: 'nfdump', sniff: sniffNfdump, create: (sink, options) => new NfdumpDecoder(sink, options.fileName) },
  { name: 'raw trace', sniff: sniffRawTrace, create: (sink, options) => new RawTraceDecoder(sink, options.fileName) },
  // Text last: it accepts anything that is not binary.
  { name: 'delimited', sniff: looksLikeText, create: (sink, options) => new DelimitedDecoder(sink, options) },
];

function hexHead(head: Uint8Array): string {
  return '0x' + Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The format of a trace from its first bytes; throws a message naming the file if none fits. */
export function detectFormat(head: Uint8Array, fileName: string): TraceFormat {
  if (head.length === 0) throw new Error(`${fileName}: empty file`);
  const format = traceFormats.find((f) => f.sniff(head));
  if (!format) throw new Error(`${fileName}: not a recognised trace format (first bytes: ${hexHead(head)})`);
  return format;
}

export interface DecodeOptions extends DecoderOptions {
  /** Bytes read so far from the source (compressed bytes for a gzip file). */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
  /** Problems that do not stop the read (bytes after the last gzip member), each naming the file. */
  onWarning?: (message: string) => void;
  /** Filled in once the decoder exists: the line of the record being decoded (0 when the decoder cannot say). */
  position?: { line: () => number };
}

export interface OpenedTrace {
  format: TraceFormat;
  /** The first HEAD_BYTES decoded bytes (after gzip, UTF-16 and CR line ends are undone). */
  head: Uint8Array;
  /** Every decoded byte, the head included. */
  bytes: ByteSource;
  /** How the bytes were made readable, for the user: 'UTF-16LE', 'CR line ends'. */
  conversions: string[];
}

const BINARY_FORMATS = new Set(['pcap', 'pcapng', 'parquet']);

/**
 * Undoes gzip, UTF-16 and CR-only line ends, and picks the format: the one
 * path the corpus and the page's preview both read a trace through, so they
 * refuse the same files with the same words.
 */
export async function openTrace(source: ByteSource, options: DecodeOptions): Promise<OpenedTrace> {
  const { fileName } = options;
  const metered = meterSource(source, options.onBytes, options.signal);
  const inflated = await gunzipIfNeeded(metered, fileName, undefined, options.onWarning);
  let { head, source: bytes } = await peekSource(inflated, HEAD_BYTES);
  const conversions: string[] = [];
  try {
    if (head.length === 0) throw new Error(`${fileName}: empty file`);
    const binary = traceFormats.find((f) => BINARY_FORMATS.has(f.name) && f.sniff(head));
    if (!binary) {
      const text = await normalizeTextHead(bytes, fileName, HEAD_BYTES);
      ({ head, bytes } = text);
      conversions.push(...text.conversions);
    }
    return { format: binary ?? detectFormat(head, fileName), head, bytes, conversions };
  } catch (e) {
    await closeSource(bytes);
    throw e;
  }
}

/** Reads the whole (decompressed) stream into memory, for a format read at offsets from a source without them. */
async function holdWhole(bytes: ByteSource): Promise<RandomAccessFile> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of bytes) {
    parts.push(chunk);
    length += chunk.length;
  }
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return memoryFile(all);
}

/** Streams a trace (gzip or not, any registered format) into the sink. */
export async function decodeTrace(
  source: ByteSource,
  sink: PacketSink,
  options: DecodeOptions,
): Promise<{ format: string; decoder?: TraceDecoder }> {
  const { format, bytes } = await openTrace(source, options);
  if (format.readFile) {
    // Read in place when the file itself is this format (not gzip-wrapped); else hold it whole.
    const open = randomAccessOf(source);
    let file = open ? await open() : undefined;
    if (file && !format.sniff(await file.read(0, Math.min(HEAD_BYTES, file.byteLength)))) {
      await file.close();
      file = undefined;
    }
    if (file) {
      // Started, then returned: that runs the peeked stream's cleanup (its file handle is closed).
      const it = bytes[Symbol.asyncIterator]();
      await it.next();
      await it.return?.();
    } else file = await holdWhole(bytes);
    try {
      await format.readFile(file, sink, options);
    } finally {
      await file.close();
    }
    return { format: format.name };
  }
  const decoder = format.create!(sink, options);
  if (options.position) options.position.line = () => decoder.currentLine?.() ?? 0;
  for await (const chunk of bytes) decoder.push(chunk);
  decoder.end();
  return { format: format.name, decoder };
}
