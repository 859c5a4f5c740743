// The first rows of a delimited trace as the app's column-mapping table shows
// them, with the delimiter and the mapping detected from the header. The user's
// edits go back to decodeTrace/buildCorpus as `mapping`.
import { gunzipIfNeeded, peekSource, type ByteSource } from './byte-source';
import { detectColumns, missingColumns, type ColumnField, type ColumnMapping } from './column-mapping';
import { detectFormat, HEAD_BYTES } from './decoders';
import { detectDelimiter, splitLine, type Delimiter } from './delimited-decoder';

export interface TracePreview {
  /** The registered format name ('delimited' for CSV/TSV/space text). */
  format: string;
  header: string[];
  /** Up to `rows` data rows, split into fields. */
  rows: string[][];
  delimiter: Delimiter;
  mapping: ColumnMapping;
  /** Required fields the header does not name. */
  missing: ColumnField[];
}

export async function previewTrace(source: ByteSource, fileName: string, rows = 20): Promise<TracePreview> {
  const inflated = await gunzipIfNeeded(source, fileName);
  const { head, source: bytes } = await peekSource(inflated, HEAD_BYTES);
  const format = detectFormat(head, fileName).name;
  if (format !== 'delimited') {
    // Binary formats have fixed fields: nothing to map.
    const none = detectColumns([]);
    return { format, header: [], rows: [], delimiter: ',', mapping: none, missing: [] };
  }
  const text = new TextDecoder('utf-8');
  const lines: string[] = [];
  let carry = '';
  const want = rows + 1;
  for await (const chunk of bytes) {
    carry += text.decode(chunk, { stream: true });
    const parts = carry.split('\n');
    carry = parts.pop()!;
    for (const p of parts) if (p.trim() !== '') lines.push(p);
    if (lines.length >= want) break; // leaving the loop closes the file
    if (carry.length > 1 << 20) break;
  }
  if (lines.length < want && carry.trim() !== '') lines.push(carry);
  const clean = lines.slice(0, want).map((l) => l.replace(/\r$/, ''));
  if (clean.length === 0) throw new Error(`${fileName}: no header line (the file has no text lines)`);
  const headerLine = clean[0].replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(headerLine);
  const header = splitLine(headerLine, delimiter);
  const mapping = detectColumns(header);
  return {
    format,
    header,
    rows: clean.slice(1).map((l) => splitLine(l, delimiter)),
    delimiter,
    mapping,
    missing: missingColumns(mapping),
  };
}
