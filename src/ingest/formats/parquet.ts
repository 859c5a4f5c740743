// Parquet traces, read with hyparquet (compressions: hyparquet-compressors)
// one row group at a time, so memory holds one group's columns whatever the
// file's size. Parquet keeps its index (the footer) at the end: the file is
// read at offsets (RandomAccessFile), not streamed; a gzip-wrapped file is
// held whole in memory first.
//
// Columns are found by the same names and aliases as in CSV (column-mapping.ts,
// the user's mapping wins); only flat columns are read. Values may be numbers,
// BigInts, strings or bytes: timestamps as numbers (seconds/ms/us/ns by
// magnitude), Parquet TIMESTAMP types or ISO text; addresses as text, uint32
// numbers or 4/16 bytes; protocols as numbers or names; TCP flags as numbers
// or letters. Rows that do not read are skipped with the reasons the CSV
// reader gives; `line` is the 1-based row number.
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { COLUMN_ALIASES, detectColumns, missingColumns, missingColumnsMessage, type ColumnField, type ColumnMapping } from '../column-mapping';
import type { RandomAccessFile } from '../byte-source';
import { SKIP } from '../delimited-decoder';
import { canonicalIp, formatIpv4, formatIpv6, parseIpv4 } from '../ip-address';
import { PROTO, type PacketSink } from '../packet-sink';
import { parseTcpFlags } from '../tcp-flags';
import { parseTimestamp } from '../timestamp';
import { isTrafficProtocol, parseProtocol } from './text-fields';

export function sniffParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31; // "PAR1"
}

export interface ParquetOptions {
  fileName: string;
  mapping?: Partial<ColumnMapping>;
  /** Bytes read so far. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

type Value = unknown;

function integer(v: Value, max: number): number {
  if (v === null || v === undefined || v === '') return -1;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'string' && /^\d+$/.test(v.trim())) n = Number(v.trim());
  else if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v.trim())) n = parseInt(v.trim().slice(2), 16);
  else return NaN;
  return Number.isInteger(n) && n >= 0 && n <= max ? n : NaN;
}

function timestamp(v: Value): number {
  if (v instanceof Date) return v.getTime() / 1000;
  if (typeof v === 'string') return parseTimestamp(v);
  if (typeof v === 'number' || typeof v === 'bigint') return parseTimestamp(String(v));
  return NaN;
}

function address(v: Value): string | undefined {
  if (typeof v === 'string') return canonicalIp(v.trim());
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return formatIpv4(v);
  if (typeof v === 'bigint' && v >= 0n && v <= 0xffffffffn) return formatIpv4(Number(v));
  if (v instanceof Uint8Array) {
    if (v.length === 4) return formatIpv4(((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) >>> 0);
    if (v.length === 16) return formatIpv6(v, 0);
  }
  return undefined;
}

function ipv4(v: Value): number {
  if (typeof v === 'string') return parseIpv4(v.trim());
  const n = integer(v, 0xffffffff);
  return n === n ? n : -1;
}

function protocol(v: Value): number {
  if (typeof v === 'string') return parseProtocol(v.trim());
  const n = integer(v, 255);
  return n === n ? n : -1;
}

/** Reads a Parquet trace into the sink, row group by row group. */
export async function decodeParquet(file: RandomAccessFile, sink: PacketSink, options: ParquetOptions): Promise<void> {
  const { fileName } = options;
  let read = 0;
  const buffer: AsyncBuffer = {
    byteLength: file.byteLength,
    async slice(start: number, end?: number) {
      options.signal?.throwIfAborted();
      const bytes = await file.read(start, end ?? file.byteLength);
      read += bytes.length;
      options.onBytes?.(Math.min(read, file.byteLength));
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    },
  };
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new Error(`${fileName}: parquet: cannot read the file's footer (${(e as Error).message}; the file ends at byte ${file.byteLength})`);
  }
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  const nested = new Set(schema.children.filter((c) => c.children.length > 0).map((c) => c.element.name));
  const mapping = detectColumns(names, options.mapping);
  const missing = missingColumns(mapping);
  if (missing.length > 0) throw new Error(`${missingColumnsMessage(fileName, names, missing)} (Parquet columns)`);
  const fields = (Object.keys(COLUMN_ALIASES) as ColumnField[]).filter((f) => mapping[f] >= 0);
  for (const f of fields) {
    if (nested.has(names[mapping[f]])) throw new Error(`${fileName}: parquet: column "${names[mapping[f]]}" is nested; only flat columns are read`);
  }
  const columns = [...new Set(fields.map((f) => names[mapping[f]]))];

  let groupStart = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const rows = Number(metadata.row_groups[g].num_rows);
    const groupEnd = groupStart + rows;
    const data = new Map<string, Value[]>();
    for (const c of columns) data.set(c, new Array(rows));
    try {
      await parquetRead({
        file: buffer,
        metadata,
        columns,
        rowStart: groupStart,
        rowEnd: groupEnd,
        compressors,
        onChunk({ columnName, columnData, rowStart }) {
          const out = data.get(columnName);
          if (!out) return;
          for (let i = 0; i < columnData.length; i++) {
            const row = rowStart + i - groupStart;
            if (row >= 0 && row < rows) out[row] = columnData[i];
          }
        },
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new Error(`${fileName}: parquet: row group ${g + 1} of ${metadata.row_groups.length} (rows ${groupStart + 1}-${groupEnd}): ${(e as Error).message}`);
    }
    const col = (f: ColumnField) => (mapping[f] >= 0 ? data.get(names[mapping[f]])! : undefined);
    const ts = col('ts')!;
    const src = col('src')!;
    const port = col('dstPort');
    const proto = col('proto');
    const dst = col('dstIp');
    const length = col('length');
    const seq = col('tcpSeq');
    const packets = col('packets');
    const ipId = col('ipId');
    const flags = col('tcpFlags');
    const icmp = col('icmpType');
    for (let i = 0; i < rows; i++) {
      const line = groupStart + i + 1;
      const t = timestamp(ts[i]);
      if (t !== t) {
        sink.skip(line, ts[i] === null || ts[i] === undefined ? SKIP.missing : SKIP.timestamp);
        continue;
      }
      const s = address(src[i]);
      if (s === undefined) {
        sink.skip(line, src[i] === null || src[i] === undefined ? SKIP.missing : SKIP.ip);
        continue;
      }
      let pr: number = PROTO.tcp;
      if (proto) {
        pr = protocol(proto[i]);
        if (!isTrafficProtocol(pr)) {
          sink.skip(line, SKIP.proto);
          continue;
        }
      }
      let p = -1;
      if (pr === PROTO.tcp || pr === PROTO.udp) {
        p = port ? integer(port[i], 65535) : -1;
        if (!(p >= 0)) {
          sink.skip(line, p < 0 ? SKIP.missing : SKIP.port);
          continue;
        }
      }
      let n = 1;
      if (packets) {
        n = integer(packets[i], 0x7fffffff);
        if (!(n >= 1)) {
          sink.skip(line, SKIP.packets);
          continue;
        }
      }
      const d = dst ? ipv4(dst[i]) : -1;
      const len = length ? integer(length[i], 0x7fffffff) : -1;
      const q = seq ? integer(seq[i], 0xffffffff) : -1;
      const id = ipId ? integer(ipId[i], 65535) : -1;
      let f = -1;
      if (flags && pr === PROTO.tcp) {
        const v = flags[i];
        f = typeof v === 'string' ? parseTcpFlags(v) : integer(v, 255);
      }
      const type = icmp && (pr === PROTO.icmp || pr === PROTO.icmpv6) ? integer(icmp[i], 255) : -1;
      if (len !== len) sink.skip(line, SKIP.length);
      else if (q !== q) sink.skip(line, SKIP.tcpSeq);
      else if (id !== id) sink.skip(line, SKIP.ipId);
      else if (f !== f) sink.skip(line, SKIP.tcpFlags);
      else if (type !== type) sink.skip(line, SKIP.icmpType);
      else sink.packet(t, s, p, pr, n, d, len, q, id, f, type);
    }
    groupStart = groupEnd;
  }
  if (groupStart === 0) throw new Error(`${fileName}: parquet: the file has no rows`);
}
