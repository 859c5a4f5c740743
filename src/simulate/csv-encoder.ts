// Writes trace slices as CSV bytes directly into a byte buffer: no per-row
// strings, so a month of rows does not churn the garbage collector.
import type { Simulation, TraceSlice } from './simulator';

export const TRACE_HEADER = 'ts,src_ip,dst_ip,dst_port,proto,pck_len,tcp_seq';

// The longest row: 10+1+6 ts, 2 x 15 addresses, 5 port, 2 proto, 5 length, 10 seq, 7 separators.
const MAX_ROW_BYTES = 80;

export class TraceCsvEncoder {
  private buf = new Uint8Array(0);
  private pos = 0;
  /** Sender address text as bytes, cached per sender id on first use. */
  private readonly ipBytes = new Map<number, Uint8Array>();

  constructor(private readonly sim: Simulation) {}

  header(): Uint8Array {
    return new TextEncoder().encode(TRACE_HEADER + '\n');
  }

  /** The slice's rows in time order, as a fresh array (safe to hand to an async writer). */
  encode(s: TraceSlice): Uint8Array {
    const need = s.count * MAX_ROW_BYTES;
    if (this.buf.length < need) this.buf = new Uint8Array(Math.max(need, this.buf.length * 1.5));
    this.pos = 0;
    const { order, us, sender, dstIp, port, proto, length, seq } = s;
    let lastSender = -1;
    let srcBytes: Uint8Array = this.buf;
    for (let k = 0; k < s.count; k++) {
      const i = order[k];
      const t = us[i];
      const whole = Math.floor(t / 1e6);
      this.uint(s.startSec + whole);
      this.byte(46);
      this.pad6(t - whole * 1e6);
      this.byte(44);
      const id = sender[i];
      if (id !== lastSender) {
        srcBytes = this.senderBytes(id);
        lastSender = id;
      }
      this.buf.set(srcBytes, this.pos);
      this.pos += srcBytes.length;
      this.byte(44);
      this.ip(dstIp[i]);
      this.byte(44);
      if (port[i] >= 0) this.uint(port[i]);
      this.byte(44);
      this.uint(proto[i]);
      this.byte(44);
      this.uint(length[i]);
      this.byte(44);
      if (seq[i] >= 0) this.uint(seq[i]);
      this.byte(10);
    }
    return this.buf.slice(0, this.pos);
  }

  private senderBytes(id: number): Uint8Array {
    let b = this.ipBytes.get(id);
    if (!b) {
      const ip = this.sim.ip[id];
      b = new TextEncoder().encode(`${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`);
      // Bound the cache: a month has ~10^6 senders; most appear in few slices.
      if (this.ipBytes.size > 200_000) this.ipBytes.clear();
      this.ipBytes.set(id, b);
    }
    return b;
  }

  private byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  private uint(v: number): void {
    if (v < 10) {
      this.buf[this.pos++] = 48 + v;
      return;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    while (v >= 10) {
      const q = Math.floor(v / 10);
      this.buf[--p] = 48 + (v - q * 10);
      v = q;
    }
    this.buf[--p] = 48 + v;
  }

  private pad6(v: number): void {
    let p = this.pos + 6;
    this.pos = p;
    for (let k = 0; k < 6; k++) {
      const q = Math.floor(v / 10);
      this.buf[--p] = 48 + (v - q * 10);
      v = q;
    }
  }

  private ip(v: number): void {
    this.uint(Math.floor(v / 16777216) & 255);
    this.byte(46);
    this.uint((v >>> 16) & 255);
    this.byte(46);
    this.uint((v >>> 8) & 255);
    this.byte(46);
    this.uint(v & 255);
  }
}
