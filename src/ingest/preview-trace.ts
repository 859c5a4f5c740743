// What the page shows as soon as a trace is chosen, read through the same path
// as the corpus (openTrace), so it refuses what the corpus refuses with the
// same words, and as fast: it reads at most PREVIEW_BYTES.
// - Delimited text: the header, the first rows, the delimiter and the detected
//   mapping, for the column-mapping table; the user's edits go back to
//   decodeTrace/buildCorpus as `mapping`. Rows, columns and field lengths are
//   capped, so a 100,000-column header or a 50 MB line costs no more to show
//   than a small one.
// - Structured formats (pcap, pcapng, Zeek, Suricata, nfdump, raw traces) have
//   fixed fields: nothing to map. Their decoder runs over the first bytes and
//   its verdict (records read, or its error with the byte offset or line) is
//   the preview.
import type { ByteSource } from './byte-source';
import { closeSource } from './byte-source';
import {
  ambiguousColumns,
  detectColumns,
  missingColumns,
  type AmbiguousColumn,
  type ColumnField,
  type ColumnMapping,
} from './column-mapping';
import { openTrace } from './decoders';
import { DelimitedDecoder, MAX_LINE, detectDelimiter, splitFields, type Delimiter } from './delimited-decoder';
import type { PacketSink, TraceDecoder } from './packet-sink';
import { SkipLog, type SkipReport } from './skip-log';

/** Decoded bytes the preview reads at most. */
export const PREVIEW_BYTES = 1 << 20;
/** Data rows shown. */
export const PREVIEW_ROWS = 20;
/** Columns of each row kept for the table. */
export const PREVIEW_COLUMNS = 64;
/** Characters kept of each field (header names too). */
export const PREVIEW_FIELD_CHARS = 120;

export interface DecoderVerdict {
  /** Records the decoder accepted and skipped in the bytes it read. */
  records: number;
  skipped: SkipReport;
  /** Decoded bytes read; the whole file when `complete`. */
  bytes: number;
  complete: boolean;
  /** The decoder's refusal (naming the file and the byte offset or line), if it refused. */
  error?: string;
}

export interface TracePreview {
  /** The registered format name ('delimited' for CSV/TSV/space text). */
  format: string;
  /** True for formats with fixed fields (everything but delimited text): no column mapping. */
  structured: boolean;
  /** Header names (each clipped to PREVIEW_FIELD_CHARS); every column, so mapping indexes stay right. */
  header: string[];
  /** Up to `rows` data rows, split into fields, each row at most PREVIEW_COLUMNS fields, each clipped. */
  rows: string[][];
  delimiter: Delimiter;
  mapping: ColumnMapping;
  /** Required fields the header does not name. */
  missing: ColumnField[];
  /** Fields whose header name appears twice: left unmapped, for the user to choose. */
  ambiguous: AmbiguousColumn[];
  /** What the decoder made of the bytes read. */
  verdict: DecoderVerdict;
  /** How the bytes were made readable ('UTF-16LE', 'CR line ends'). */
  conversions: string[];
  /** Problems that do not stop the read (bytes after the last gzip member). */
  warnings: string[];
}

const clip = (s: string) => (s.length > PREVIEW_FIELD_CHARS ? s.slice(0, PREVIEW_FIELD_CHARS) + '…' : s);

function countingSink(skips: SkipLog, counts: { records: number }): PacketSink {
  return {
    packet() {
      counts.records++;
    },
    skip(line, reason) {
      skips.add(line, reason);
    },
  };
}

/** Runs a decoder over the first bytes: its verdict, never a throw. */
async function runDecoder(bytes: ByteSource, make: (sink: PacketSink) => TraceDecoder, wholeFile = true): Promise<DecoderVerdict> {
  const skips = new SkipLog();
  const counts = { records: 0 };
  const decoder = make(countingSink(skips, counts));
  let read = 0;
  let complete = true;
  try {
    for await (const chunk of bytes) {
      const take = Math.min(chunk.length, PREVIEW_BYTES - read);
      decoder.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      read += take;
      if (read >= PREVIEW_BYTES) {
        complete = false;
        break; // leaving the loop closes the file
      }
    }
    // Bytes that stop before the end of the file may stop inside a record: that is not the file's fault.
    if (complete && wholeFile) decoder.end();
    else complete = false;
    return { records: counts.records, skipped: skips.report(), bytes: read, complete };
  } catch (e) {
    return { records: counts.records, skipped: skips.report(), bytes: read, complete, error: e instanceof Error ? e.message : String(e) };
  } finally {
    await closeSource(bytes);
  }
}

/** The first lines of delimited text, quoted line breaks joined, CR stripped; refused like the decoder refuses. */
async function firstRecords(bytes: ByteSource, fileName: string, want: number): Promise<{ lines: string[]; consumed: Uint8Array[]; eof: boolean }> {
  const text = new TextDecoder('utf-8');
  const lines: string[] = [];
  const consumed: Uint8Array[] = [];
  let read = 0;
  let carry = '';
  let lineNumber = 0;
  let delimiter: Delimiter | undefined;
  let record = '';
  let recordLine = 0;
  const take = (raw: string) => {
    lineNumber++;
    if (raw.length > MAX_LINE) throw new Error(`${fileName}: line ${lineNumber} is longer than ${MAX_LINE} bytes (not a text trace?)`);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (delimiter === undefined) {
      const header = line.replace(/^\uFEFF/, '');
      if (header.trim() === '') return;
      delimiter = detectDelimiter(header);
      lines.push(header);
      return;
    }
    if (record === '' && line.trim() === '') return;
    if (record === '') recordLine = lineNumber;
    record = record === '' ? line : record + '\n' + line;
    if (record.length > MAX_LINE) {
      throw new Error(`${fileName}: line ${recordLine}: a quoted field opened on this line is not closed within ${MAX_LINE} bytes`);
    }
    if (splitFields(record, delimiter).open) return;
    lines.push(record);
    record = '';
  };
  try {
    for await (const chunk of bytes) {
      consumed.push(chunk);
      read += chunk.length;
      const parts = (carry + text.decode(chunk, { stream: true })).split('\n');
      carry = parts.pop()!;
      for (const p of parts) {
        take(p);
        if (lines.length >= want) return { lines, consumed, eof: false };
      }
      if (carry.length > MAX_LINE) throw new Error(`${fileName}: line ${lineNumber + 1} is longer than ${MAX_LINE} bytes (not a text trace?)`);
      // Enough bytes, and a data row to show: stop (a line still open runs on until it ends or is too long).
      if (read >= PREVIEW_BYTES && lines.length > 1) return { lines, consumed, eof: false };
    }
    carry += text.decode();
    if (carry !== '') take(carry);
    if (record !== '') lines.push(record);
    return { lines, consumed, eof: true };
  } finally {
    await closeSource(bytes);
  }
}

async function* replay(parts: Uint8Array[]): ByteSource {
  yield* parts;
}

export async function previewTrace(source: ByteSource, fileName: string, rows = PREVIEW_ROWS): Promise<TracePreview> {
  const warnings: string[] = [];
  const opened = await openTrace(source, { fileName, onWarning: (w) => warnings.push(w) });
  const { format, conversions } = opened;
  if (format.name !== 'delimited') {
    // A format read at offsets (Parquet) is read whole by the corpus step, not previewed by streaming.
    const verdict = format.create
      ? await runDecoder(opened.bytes, (sink) => format.create!(sink, { fileName }))
      : (await closeSource(opened.bytes), { records: 0, skipped: new SkipLog().report(), bytes: 0, complete: false });
    const none = detectColumns([]);
    return { format: format.name, structured: true, header: [], rows: [], delimiter: ',', mapping: none, missing: [], ambiguous: [], verdict, conversions, warnings };
  }
  const { lines, consumed, eof } = await firstRecords(opened.bytes, fileName, rows + 1);
  if (lines.length === 0) throw new Error(`${fileName}: no header line (the file has no text lines)`);
  const delimiter = detectDelimiter(lines[0]);
  const header = splitFields(lines[0], delimiter).fields;
  const detected = detectColumns(header);
  const ambiguous = ambiguousColumns(header, detected);
  const mapping = { ...detected };
  for (const a of ambiguous) mapping[a.field] = -1;
  const missing = missingColumns(mapping);
  // The decoder itself over the bytes read, when the mapping lets it run: the rows it would skip, or its refusal.
  let verdict: DecoderVerdict;
  if (missing.length === 0) {
    verdict = await runDecoder(replay(consumed), (sink) => new DelimitedDecoder(sink, { fileName, mapping }), eof);
  } else {
    verdict = { records: 0, skipped: new SkipLog().report(), bytes: 0, complete: false };
  }
  return {
    format: format.name,
    structured: false,
    header: header.map(clip),
    rows: lines.slice(1, rows + 1).map((l) => splitFields(l, delimiter).fields.slice(0, PREVIEW_COLUMNS).map(clip)),
    delimiter,
    mapping,
    missing,
    ambiguous,
    verdict,
    conversions,
    warnings,
  };
}
