// CSV / TSV / space-separated traces with a header row. A tight scanner over
// the raw bytes: no text decoding, no per-row objects, no per-field strings;
// the sender's text comes from a cache keyed by its 32-bit address. (Measured
// against papaparse in bench/ingest.bench.ts.)
import { ambiguousColumns, ambiguousColumnsMessage, detectColumns, missingColumns, missingColumnsMessage, type ColumnMapping } from './column-mapping';
import { canonicalIp, formatIpv4 } from './ip-address';
import { PROTO, type PacketSink, type TraceDecoder } from './packet-sink';
import { parseTcpFlags } from './tcp-flags';
import { parseTimestamp } from './timestamp';
import { CHECK, MAX_PACKETS, isValidTime } from './record-checks';

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
  ipId: 'bad IP ID',
  tcpFlags: 'bad TCP flags',
  icmpType: 'bad ICMP type',
} as const;

/** Longest line (or quoted multi-line record) we accept: a longer one means this is not a line-oriented trace. */
export const MAX_LINE = 1 << 20;

export function detectDelimiter(headerLine: string): Delimiter {
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes(';')) return ';';
  return ' ';
}

/** Splits one line into field strings (quotes honoured); for headers, previews and odd rows. */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  return splitFields(line, delimiter).fields;
}

/** splitLine, and whether the text ends inside a quoted field (the record goes on past a line break). */
export function splitFields(line: string, delimiter: Delimiter): { fields: string[]; open: boolean } {
  if (delimiter === ' ') return { fields: line.trim().split(/[ \t]+/).filter((f) => f !== ''), open: false };
  if (!line.includes('"')) return { fields: line.split(delimiter).map((f) => f.trim()), open: false };
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
  return { fields, open: quoted };
}

/** Unsigned decimal integer in b[from, to): -1 when empty, NaN when not digits or above max. */
function parseUint(b: Uint8Array, from: number, to: number, max: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v > max ? NaN : v;
}

/** An unsigned integer in decimal or 0x-hexadecimal (tshark writes ip.id as "0x1a2b"): -1 when empty, NaN when neither or above max. */
function parseUintOrHex(b: Uint8Array, from: number, to: number, max: number): number {
  if (to - from > 2 && b[from] === 48 && (b[from + 1] | 32) === 120) {
    let v = 0;
    for (let i = from + 2; i < to; i++) {
      const c = b[i] | 32;
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) return NaN;
      v = v * 16 + d;
    }
    return v > max ? NaN : v;
  }
  return parseUint(b, from, to, max);
}

/** TCP flags: a decimal byte in place, anything else (hex, letters) via parseTcpFlags. */
function bytesTcpFlags(b: Uint8Array, from: number, to: number): number {
  const n = parseUint(b, from, to, 255);
  if (n === n) return n;
  return parseTcpFlags(new TextDecoder('utf-8').decode(b.subarray(from, to)));
}

/** Bytes of an ASCII field as a string (fields we read are ASCII; anything else fails to parse). */
function latin1(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
}

/** IPv4 in b[from, to) as an unsigned 32-bit integer, or -1 (any leading zeros allowed): parseIpv4 (ip-address.ts) on bytes, so a row is parsed without making a string. */
function bytesIpv4(b: Uint8Array, from: number, to: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Unix seconds from b[from, to): plain decimals parsed in place, the rest via parseTimestamp. */
function bytesTimestamp(b: Uint8Array, from: number, to: number): number {
  let whole = 0;
  let frac = 0;
  let scale = 1;
  let i = from;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) whole = whole * 10 + (c - 48);
    else break;
  }
  const wholeEnd = i;
  if (i < to && b[i] === 46) {
    for (i++; i < to; i++) {
      const c = b[i];
      if (c < 48 || c > 57) break;
      if (scale < 1e15) {
        frac = frac * 10 + (c - 48);
        scale *= 10;
      }
    }
  }
  // Up to 12 integer digits is seconds or milliseconds; longer, and any other
  // text, takes the general route (magnitude rules, ISO 8601).
  if (i === to && wholeEnd > from && wholeEnd - from <= 12) {
    const x = whole + frac / scale;
    return x < 1e11 ? x : x / 1e3;
  }
  return parseTimestamp(latin1(b, from, to));
}

const PROTO_BY_NAME: Record<string, number> = {
  tcp: PROTO.tcp,
  udp: PROTO.udp,
  icmp: PROTO.icmp,
  icmpv6: PROTO.icmpv6,
  'ipv6-icmp': PROTO.icmpv6,
  icmp6: PROTO.icmpv6,
};

function bytesProto(b: Uint8Array, from: number, to: number): number {
  const c = b[from];
  if (c >= 48 && c <= 57) {
    const n = parseUint(b, from, to, 255);
    return n === PROTO.tcp || n === PROTO.udp || n === PROTO.icmp || n === PROTO.icmpv6 ? n : -1;
  }
  // "tcp"/"TCP" without building a string: the common names by their bytes.
  if (to - from === 3) {
    const x = ((c | 32) << 16) | ((b[from + 1] | 32) << 8) | (b[from + 2] | 32);
    if (x === 0x746370) return PROTO.tcp;
    if (x === 0x756470) return PROTO.udp;
  }
  return PROTO_BY_NAME[latin1(b, from, to).toLowerCase()] ?? -1;
}

const IPV4_CACHE_BITS = 16;

export class DelimitedDecoder implements TraceDecoder {
  /** Header fields, once the header line is read. */
  header: string[] = [];
  delimiter: Delimiter = ',';
  mapping: ColumnMapping | undefined;
  /** Lines consumed so far (1-based number of the last line). */
  line = 0;

  private pending = new Uint8Array(256);
  private pendingLength = 0;
  // A record whose quoted field holds line breaks, joined line by line.
  private record = new Uint8Array(0);
  private recordLength = 0;
  private recordLine = 0;
  private quoted = false;
  private fieldBlank = true;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private need = 0;
  private delimCode = 44;
  private readonly cacheKeys = new Int32Array(1 << IPV4_CACHE_BITS);
  private readonly cacheText: (string | undefined)[] = new Array(1 << IPV4_CACHE_BITS).fill(undefined);

  constructor(
    private readonly sink: PacketSink,
    private readonly options: DelimitedOptions,
  ) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    if (this.pendingLength > 0) {
      // The line cut by the previous chunk boundary: complete it on the side.
      const nl = chunk.indexOf(10);
      const cut = nl < 0 ? chunk.length : nl;
      this.appendPending(chunk, 0, cut);
      if (nl < 0) return;
      const length = this.pendingLength;
      this.pendingLength = 0;
      this.oneLine(this.pending, 0, length, this.pending.subarray(0, length).indexOf(34) >= 0);
      pos = nl + 1;
    }
    const n = chunk.length;
    // Quotes are rare: one scan per chunk finds the next, so lines without any pay nothing.
    let quote = chunk.indexOf(34, pos);
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      this.oneLine(chunk, pos, nl, quote >= 0 && quote < nl);
      pos = nl + 1;
      if (quote >= 0 && quote < pos) quote = chunk.indexOf(34, pos);
    }
    if (pos < n) this.appendPending(chunk, pos, n);
  }

  end(): void {
    if (this.pendingLength > 0) {
      const length = this.pendingLength;
      this.pendingLength = 0;
      this.oneLine(this.pending, 0, length, this.pending.subarray(0, length).indexOf(34) >= 0);
    }
    if (this.recordLength > 0) {
      throw new Error(`${this.options.fileName}: line ${this.recordLine}: a quoted field opened on this line is never closed (the file ends inside it)`);
    }
    if (!this.mapping) throw new Error(`${this.options.fileName}: no header line (the file has no text lines)`);
  }

  /** Follows splitLine's quoting over b[from, to): whether a quoted field is still open at the end. */
  private scanQuotes(b: Uint8Array, from: number, to: number): boolean {
    const d = this.delimCode;
    let quoted = this.quoted;
    let blank = this.fieldBlank;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (quoted) {
        if (c === 34) {
          if (i + 1 < to && b[i + 1] === 34) {
            i++;
            blank = false;
          } else quoted = false;
        } else if (blank && c !== 32 && (c < 9 || c > 13)) blank = false;
      } else if (c === 34 && blank) {
        quoted = true;
      } else if (c === d) {
        blank = true;
      } else if (blank && c !== 32 && (c < 9 || c > 13)) blank = false;
    }
    this.quoted = quoted;
    this.fieldBlank = blank;
    return quoted;
  }

  private appendRecord(b: Uint8Array, from: number, to: number, newline: boolean): void {
    const length = this.recordLength + (newline ? 1 : 0) + (to - from);
    if (length > MAX_LINE) {
      throw new Error(`${this.options.fileName}: line ${this.recordLine}: a quoted field opened on this line is not closed within ${MAX_LINE} bytes`);
    }
    if (length > this.record.length) {
      const grown = new Uint8Array(Math.max(length, this.record.length * 2, 256));
      grown.set(this.record.subarray(0, this.recordLength));
      this.record = grown;
    }
    if (newline) this.record[this.recordLength++] = 10;
    this.record.set(b.subarray(from, to), this.recordLength);
    this.recordLength += to - from;
  }

  private appendPending(bytes: Uint8Array, from: number, to: number): void {
    const length = this.pendingLength + (to - from);
    if (length > MAX_LINE) {
      throw new Error(`${this.options.fileName}: line ${this.line + 1} is longer than ${MAX_LINE} bytes (not a text trace?)`);
    }
    if (length > this.pending.length) {
      const grown = new Uint8Array(Math.max(length, this.pending.length * 2));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(bytes.subarray(from, to), this.pendingLength);
    this.pendingLength = length;
  }

  private oneLine(b: Uint8Array, from: number, nl: number, hasQuote: boolean): void {
    this.line++;
    let end = nl;
    if (end > from && b[end - 1] === 13) end--;
    if (!this.mapping) {
      if (end > from) this.readHeader(new TextDecoder('utf-8').decode(b.subarray(from, end)));
      return;
    }
    if (this.recordLength > 0) {
      // Inside a quoted field that holds a line break: this line continues the record.
      this.appendRecord(b, from, end, true);
      if (this.scanQuotes(b, from, end)) return;
      const length = this.recordLength;
      this.recordLength = 0;
      this.row(this.record, 0, length, this.recordLine);
      return;
    }
    if (hasQuote && this.delimiter !== ' ') {
      this.quoted = false;
      this.fieldBlank = true;
      if (this.scanQuotes(b, from, end)) {
        this.recordLine = this.line;
        this.appendRecord(b, from, end, false);
        return;
      }
    }
    this.row(b, from, end, this.line);
  }

  private readHeader(line: string): void {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return;
    const { fileName } = this.options;
    this.delimiter = detectDelimiter(line);
    this.delimCode = this.delimiter.charCodeAt(0);
    this.header = splitLine(line, this.delimiter);
    const mapping = detectColumns(this.header, this.options.mapping);
    const ambiguous = ambiguousColumns(this.header, mapping, this.options.mapping);
    if (ambiguous.length > 0) throw new Error(ambiguousColumnsMessage(fileName, ambiguous));
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
   * Fills starts/ends for the first `need` fields of b[from, to); returns how
   * many were found, or -1 at a double quote (the caller then splits properly).
   */
  private split(b: Uint8Array, from: number, to: number): number {
    const { starts, ends, need } = this;
    let n = 0;
    if (this.delimiter === ' ') {
      let i = from;
      while (n < need) {
        while (i < to && (b[i] === 32 || b[i] === 9)) i++;
        if (i >= to) break;
        if (b[i] === 34) return -1;
        starts[n] = i;
        while (i < to && b[i] !== 32 && b[i] !== 9) i++;
        ends[n++] = i;
      }
      return n;
    }
    const d = this.delimCode;
    let start = from;
    for (let i = from; n < need; i++) {
      const c = i === to ? d : b[i];
      if (c === 34) return -1;
      if (c === d) {
        // Trim spaces around the field ("a, b").
        let s = start;
        let e = i;
        while (s < e && b[s] === 32) s++;
        while (e > s && b[e - 1] === 32) e--;
        starts[n] = s;
        ends[n++] = e;
        if (i === to) break;
        start = i + 1;
      }
    }
    return n;
  }

  private has(found: number, col: number): boolean {
    return col >= 0 && col < found && this.ends[col] > this.starts[col];
  }

  private sender(b: Uint8Array, from: number, to: number): string | undefined {
    const v4 = bytesIpv4(b, from, to);
    if (v4 < 0) return canonicalIp(latin1(b, from, to));
    // Direct-mapped cache of sender texts: most rows repeat a recent sender,
    // and a typed-array probe beats a Map keyed by numbers above 2^30.
    const key = v4 | 0;
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - IPV4_CACHE_BITS);
    if (this.cacheKeys[slot] === key && this.cacheText[slot] !== undefined) return this.cacheText[slot];
    const text = formatIpv4(v4);
    this.cacheKeys[slot] = key;
    this.cacheText[slot] = text;
    return text;
  }

  currentLine(): number {
    return this.rowLine;
  }

  private rowLine = 0;

  private row(b: Uint8Array, from: number, to: number, line: number): void {
    this.rowLine = line;
    if (from === to) return;
    let found = this.split(b, from, to);
    if (found === 0) return; // a line of blanks
    // Quoted fields are rare in traces: they take the slow path through splitLine.
    if (found < 0) {
      const fields = splitLine(new TextDecoder('utf-8').decode(b.subarray(from, to)), this.delimiter);
      b = new TextEncoder().encode(fields.join('\u0000'));
      found = 0;
      let at = 0;
      for (const f of fields) {
        if (found === this.need) break;
        const length = new TextEncoder().encode(f).length;
        this.starts[found] = at;
        this.ends[found++] = at + length;
        at += length + 1;
      }
    }
    // No closures in here: tsx wraps each one it creates in a naming call, per row.
    const m = this.mapping!;
    const { starts, ends, sink } = this;

    if (!this.has(found, m.ts) || !this.has(found, m.src)) return sink.skip(line, SKIP.missing);
    let proto: number = PROTO.tcp;
    if (m.proto >= 0) {
      if (!this.has(found, m.proto)) return sink.skip(line, SKIP.missing);
      proto = bytesProto(b, starts[m.proto], ends[m.proto]);
      if (proto < 0) return sink.skip(line, SKIP.proto);
    }
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      if (!this.has(found, m.dstPort)) return sink.skip(line, SKIP.missing);
      port = parseUint(b, starts[m.dstPort], ends[m.dstPort], 65535);
      if (!(port >= 0)) return sink.skip(line, SKIP.port);
    }
    const ts = bytesTimestamp(b, starts[m.ts], ends[m.ts]);
    if (ts !== ts) return sink.skip(line, SKIP.timestamp);
    if (!isValidTime(ts)) return sink.skip(line, CHECK.time);
    const src = this.sender(b, starts[m.src], ends[m.src]);
    if (src === undefined) return sink.skip(line, SKIP.ip);
    let packets = 1;
    if (m.packets >= 0) {
      if (!this.has(found, m.packets)) return sink.skip(line, SKIP.missing);
      packets = parseUint(b, starts[m.packets], ends[m.packets], Number.MAX_VALUE);
      if (!(packets >= 1)) return sink.skip(line, SKIP.packets);
      if (packets > MAX_PACKETS) return sink.skip(line, CHECK.packets);
    }
    let dstIp = -1;
    if (this.has(found, m.dstIp)) {
      dstIp = bytesIpv4(b, starts[m.dstIp], ends[m.dstIp]);
      if (dstIp < 0 && canonicalIp(latin1(b, starts[m.dstIp], ends[m.dstIp])) === undefined) return sink.skip(line, SKIP.dstIp);
    }
    let length = -1;
    if (this.has(found, m.length)) {
      length = parseUint(b, starts[m.length], ends[m.length], 0x7fffffff);
      if (length !== length) return sink.skip(line, SKIP.length);
    }
    let tcpSeq = -1;
    if (this.has(found, m.tcpSeq)) {
      tcpSeq = parseUint(b, starts[m.tcpSeq], ends[m.tcpSeq], 0xffffffff);
      if (tcpSeq !== tcpSeq) return sink.skip(line, SKIP.tcpSeq);
    }
    let ipId = -1;
    if (this.has(found, m.ipId)) {
      ipId = parseUintOrHex(b, starts[m.ipId], ends[m.ipId], 65535);
      if (ipId !== ipId) return sink.skip(line, SKIP.ipId);
    }
    // Flags and types belong to their protocol: a value on another row is ignored, not an error.
    let tcpFlags = -1;
    if (proto === PROTO.tcp && this.has(found, m.tcpFlags)) {
      tcpFlags = bytesTcpFlags(b, starts[m.tcpFlags], ends[m.tcpFlags]);
      if (tcpFlags !== tcpFlags) return sink.skip(line, SKIP.tcpFlags);
    }
    let icmpType = -1;
    if ((proto === PROTO.icmp || proto === PROTO.icmpv6) && this.has(found, m.icmpType)) {
      icmpType = parseUint(b, starts[m.icmpType], ends[m.icmpType], 255);
      if (icmpType !== icmpType) return sink.skip(line, SKIP.icmpType);
    }
    sink.packet(ts, src, port, proto, packets, dstIp, length, tcpSeq, ipId, tcpFlags, icmpType);
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
