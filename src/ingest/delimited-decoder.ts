// CSV / TSV / space-separated traces with a header row. A tight scanner over
// decoded text chunks: no per-row objects, no per-field substrings except the
// sender address the sink needs (measured against papaparse in
// bench/ingest.bench.ts).
import { detectColumns, missingColumns, missingColumnsMessage, type ColumnMapping } from './column-mapping';
import { canonicalIp, parseIpv4 } from './ip-address';
import { PROTO, type PacketSink, type TraceDecoder } from './packet-sink';
import { parseTimestamp } from './timestamp';

/** ',' ';' '\t', or ' ' for runs of spaces (and tabs) as in the DarkVec authors' raw traces. */
export type Delimiter = ',' | ';' | '\t' | ' ';

export interface DelimitedOptions {
  fileName: string;
  /** Column indexes chosen by the user; the header names decide the rest. */
  mapping?: Partial<ColumnMapping>;
}

/** Why a row was skipped: one of these exact strings, for counting. */
export const SKIP = {
  missing: 'missing field',
  timestamp: 'bad timestamp',
  ip: 'bad IP address',
  port: 'port not an integer in 0-65535',
  proto: 'unknown protocol',
  packets: 'bad packet count',
  dstIp: 'bad destination IP',
  length: 'bad packet length',
  tcpSeq: 'bad TCP sequence number',
} as const;

/** Longest line we accept: a longer one means this is not a line-oriented trace. */
const MAX_LINE = 1 << 20;

export function detectDelimiter(headerLine: string): Delimiter {
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes(';')) return ';';
  return ' ';
}

/** Splits one line into field strings (quotes honoured); for headers, previews and odd rows. */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  if (delimiter === ' ') return line.trim().split(/[ \t]+/).filter((f) => f !== '');
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

const PROTO_NAMES: Record<string, number> = {
  tcp: PROTO.tcp,
  udp: PROTO.udp,
  icmp: PROTO.icmp,
  icmpv6: PROTO.icmpv6,
  'ipv6-icmp': PROTO.icmpv6,
  icmp6: PROTO.icmpv6,
};

/** Unsigned decimal integer in s[from, to): -1 when empty, NaN when not digits or above max. */
function parseUint(s: string, from: number, to: number, max: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v > max ? NaN : v;
}

function parseProto(s: string, from: number, to: number): number {
  const c = s.charCodeAt(from);
  if (c >= 48 && c <= 57) {
    const n = parseUint(s, from, to, 255);
    return n === PROTO.tcp || n === PROTO.udp || n === PROTO.icmp || n === PROTO.icmpv6 ? n : -1;
  }
  return PROTO_NAMES[s.substring(from, to).toLowerCase()] ?? -1;
}

export class DelimitedDecoder implements TraceDecoder {
  /** Header fields, once the header line is read. */
  header: string[] = [];
  delimiter: Delimiter = ',';
  mapping: ColumnMapping | undefined;
  /** Lines consumed so far (1-based number of the last line). */
  line = 0;

  private readonly text = new TextDecoder('utf-8');
  private carry = '';
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private need = 0;
  private delimCode = 44;

  constructor(
    private readonly sink: PacketSink,
    private readonly options: DelimitedOptions,
  ) {}

  push(chunk: Uint8Array): void {
    this.lines(this.text.decode(chunk, { stream: true }), false);
  }

  end(): void {
    this.lines(this.text.decode(), true);
    if (!this.mapping) throw new Error(`${this.options.fileName}: no header line (the file has no text lines)`);
  }

  private lines(text: string, last: boolean): void {
    const buf = this.carry.length > 0 ? this.carry + text : text;
    let pos = 0;
    for (;;) {
      let nl = buf.indexOf('\n', pos);
      if (nl < 0) {
        if (!last || pos >= buf.length) break;
        nl = buf.length;
      }
      this.line++;
      let end = nl;
      if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
      if (this.mapping) this.row(buf, pos, end);
      else if (end > pos) this.readHeader(buf.substring(pos, end));
      pos = nl + 1;
    }
    this.carry = pos < buf.length ? buf.substring(pos) : '';
    if (this.carry.length > MAX_LINE) {
      throw new Error(`${this.options.fileName}: line ${this.line + 1} is longer than ${MAX_LINE} characters (not a text trace?)`);
    }
  }

  private readHeader(line: string): void {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return;
    const { fileName } = this.options;
    this.delimiter = detectDelimiter(line);
    this.delimCode = this.delimiter.charCodeAt(0);
    this.header = splitLine(line, this.delimiter);
    const mapping = detectColumns(this.header, this.options.mapping);
    const missing = missingColumns(mapping);
    if (missing.length > 0) {
      throw new Error(`${missingColumnsMessage(fileName, this.header, missing)} (the first line must be a header naming the columns)`);
    }
    this.mapping = mapping;
    this.need = Math.max(...Object.values(mapping)) + 1;
    this.starts = new Int32Array(this.need);
    this.ends = new Int32Array(this.need);
  }

  /**
   * Fills starts/ends for the first `need` fields of buf[from, to); returns how
   * many were found, or -1 at a double quote (the caller then splits properly).
   */
  private split(buf: string, from: number, to: number): number {
    const { starts, ends, need } = this;
    let n = 0;
    if (this.delimiter === ' ') {
      let i = from;
      while (n < need) {
        while (i < to && (buf.charCodeAt(i) === 32 || buf.charCodeAt(i) === 9)) i++;
        if (i >= to) break;
        starts[n] = i;
        while (i < to && buf.charCodeAt(i) !== 32 && buf.charCodeAt(i) !== 9) i++;
        ends[n++] = i;
      }
      return n;
    }
    const d = this.delimCode;
    let start = from;
    for (let i = from; n < need; i++) {
      const c = i === to ? d : buf.charCodeAt(i);
      if (c === 34) return -1;
      if (c === d) {
        // Trim spaces around the field ("a, b").
        let s = start;
        let e = i;
        while (s < e && buf.charCodeAt(s) === 32) s++;
        while (e > s && buf.charCodeAt(e - 1) === 32) e--;
        starts[n] = s;
        ends[n++] = e;
        if (i === to) break;
        start = i + 1;
      }
    }
    return n;
  }

  private row(buf: string, from: number, to: number): void {
    if (from === to) return;
    let found: number;
    found = this.split(buf, from, to);
    if (found === 0) return; // a line of blanks
    // Quoted fields are rare in traces: they take the slow path through splitLine.
    if (found < 0) {
      const fields = splitLine(buf.substring(from, to), this.delimiter);
      buf = fields.join('\u0000');
      found = 0;
      let at = 0;
      for (const f of fields) {
        if (found === this.need) break;
        this.starts[found] = at;
        this.ends[found++] = at + f.length;
        at += f.length + 1;
      }
    }
    const m = this.mapping!;
    const { starts, ends, sink, line } = this;
    const has = (col: number) => col >= 0 && col < found && ends[col] > starts[col];

    if (!has(m.ts) || !has(m.src)) return sink.skip(line, SKIP.missing);
    let proto: number = PROTO.tcp;
    if (m.proto >= 0) {
      if (!has(m.proto)) return sink.skip(line, SKIP.missing);
      proto = parseProto(buf, starts[m.proto], ends[m.proto]);
      if (proto < 0) return sink.skip(line, SKIP.proto);
    }
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      if (!has(m.dstPort)) return sink.skip(line, SKIP.missing);
      port = parseUint(buf, starts[m.dstPort], ends[m.dstPort], 65535);
      if (!(port >= 0)) return sink.skip(line, SKIP.port);
    }
    const ts = parseTimestamp(buf, starts[m.ts], ends[m.ts]);
    if (ts !== ts) return sink.skip(line, SKIP.timestamp);
    const src = canonicalIp(buf, starts[m.src], ends[m.src]);
    if (src === undefined) return sink.skip(line, SKIP.ip);
    let packets = 1;
    if (m.packets >= 0) {
      if (!has(m.packets)) return sink.skip(line, SKIP.missing);
      packets = parseUint(buf, starts[m.packets], ends[m.packets], 0x7fffffff);
      if (!(packets >= 1)) return sink.skip(line, SKIP.packets);
    }
    let dstIp = -1;
    if (has(m.dstIp)) {
      dstIp = parseIpv4(buf, starts[m.dstIp], ends[m.dstIp]);
      if (dstIp < 0 && canonicalIp(buf, starts[m.dstIp], ends[m.dstIp]) === undefined) return sink.skip(line, SKIP.dstIp);
    }
    let length = -1;
    if (has(m.length)) {
      length = parseUint(buf, starts[m.length], ends[m.length], 0x7fffffff);
      if (length !== length) return sink.skip(line, SKIP.length);
    }
    let tcpSeq = -1;
    if (has(m.tcpSeq)) {
      tcpSeq = parseUint(buf, starts[m.tcpSeq], ends[m.tcpSeq], 0xffffffff);
      if (tcpSeq !== tcpSeq) return sink.skip(line, SKIP.tcpSeq);
    }
    sink.packet(ts, src, port, proto, packets, dstIp, length, tcpSeq);
  }
}

/** Text, not binary: no NUL and hardly any control bytes in the first bytes. */
export function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control * 100 <= n;
}
