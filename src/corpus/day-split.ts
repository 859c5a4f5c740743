// i-DarkVec processes a long trace one UTC day at a time. The trace is read
// once, in any format the ingest step decodes (CSV, pcap, ...), and every
// usable packet is re-emitted as a row of our own CSV into that day's store
// (a file in the CLI); each day's corpus is then built from it with the
// ordinary corpus step. Rows are buffered per day and appended in ~1 MB
// blocks, so memory stays bounded even when the decoder outruns the disk.
import type { PacketSink } from '../ingest/packet-sink';

const DAY = 86_400;
const FLUSH_BYTES = 1 << 20;

/** The header of the per-day files; the ingest step reads it by column name. */
export const DAY_FILE_HEADER = 'ts,src_ip,dst_ip,dst_port,proto,pck_len,tcp_seq,packets,ip_id,tcp_flags,icmp_type';

export interface DayFile {
  /** UTC day index: floor(ts / 86400). */
  day: number;
  /** The store's name of the day's rows (a file path in the CLI). */
  path: string;
  rows: number;
}

/** Where each day's rows go: the CLI appends to temporary files. */
export interface DayStore {
  /** A new day's store; returns its name. */
  create(day: number): string;
  append(name: string, text: string): void;
  close(name: string): void;
}

function dottedQuad(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export class DaySplitSink implements PacketSink {
  private readonly files = new Map<number, { buffer: string[]; bytes: number; rows: number; path: string }>();
  rows = 0;
  skipped = 0;
  packets = 0;
  /** Distinct senders over the whole trace, for the input summary. */
  readonly senders = new Set<string>();
  readonly skipSamples: string[] = [];

  constructor(private readonly store: DayStore) {}

  packet(
    ts: number,
    src: string,
    dstPort: number,
    proto: number,
    packets: number,
    dstIp: number,
    length: number,
    tcpSeq: number,
    ipId: number,
    tcpFlags: number,
    icmpType: number,
  ): void {
    const day = Math.floor(ts / DAY);
    let file = this.files.get(day);
    if (!file) {
      file = { buffer: [DAY_FILE_HEADER], bytes: 0, rows: 0, path: this.store.create(day) };
      this.files.set(day, file);
    }
    // Unknown optional fields stay empty; ICMP has no port. String(ts)
    // round-trips a double exactly, so windows fall where they did.
    const line = `${ts},${src},${dstIp < 0 ? '' : dottedQuad(dstIp)},${dstPort < 0 ? '' : dstPort},${proto},${length < 0 ? '' : length},${tcpSeq < 0 ? '' : tcpSeq},${packets},${ipId < 0 ? '' : ipId},${tcpFlags < 0 ? '' : tcpFlags},${icmpType < 0 ? '' : icmpType}`;
    file.buffer.push(line);
    file.bytes += line.length + 1;
    file.rows++;
    this.rows++;
    this.packets += packets;
    this.senders.add(src);
    if (file.bytes >= FLUSH_BYTES) this.flush(file);
  }

  skip(line: number, reason: string): void {
    this.skipped++;
    if (this.skipSamples.length < 5) this.skipSamples.push(`line ${line}: ${reason}`);
  }

  private flush(file: { path: string; buffer: string[]; bytes: number }): void {
    if (file.buffer.length === 0) return;
    this.store.append(file.path, file.buffer.join('\n') + '\n');
    file.buffer = [];
    file.bytes = 0;
  }

  /** Flushes and closes every file; returns the days in time order. */
  close(): DayFile[] {
    const out: DayFile[] = [];
    for (const [day, file] of this.files) {
      this.flush(file);
      this.store.close(file.path);
      out.push({ day, path: file.path, rows: file.rows });
    }
    this.files.clear();
    return out.sort((a, b) => a.day - b.day);
  }
}
