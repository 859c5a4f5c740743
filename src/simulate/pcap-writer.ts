// Writes packets as a classic pcap (little-endian, microsecond or nanosecond
// timestamps, Ethernet): what a telescope archive looks like, for the
// simulator's `--format pcap` and for benchmarks. Frames hold the headers
// only (Ethernet, IPv4/IPv6, a 20-byte TCP header, UDP or ICMP): the IP total
// length says `length` bytes, the capture keeps the first ones, as a
// telescope's snaplen does.
import { parseIpv4, parseIpv6 } from '../ingest/ip-address';
import { PROTO } from '../ingest/packet-sink';
import { SenderNames } from './address-plan';
import type { Simulation, TraceSlice } from './simulator';

const ETHERNET = 14;
const TRANSPORT: Record<number, number> = { [PROTO.tcp]: 20, [PROTO.udp]: 8, [PROTO.icmp]: 8, [PROTO.icmpv6]: 8 };

export class PcapWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private used = 0;
  private readonly nanosecond: boolean;
  private readonly v4cache = new Map<string, number>();

  constructor(options: { nanosecond?: boolean; bufferBytes?: number } = {}) {
    this.nanosecond = options.nanosecond ?? false;
    this.buffer = new Uint8Array(Math.max(options.bufferBytes ?? 1 << 20, 256));
    this.view = new DataView(this.buffer.buffer);
  }

  /** The 24-byte file header; write it once, first. */
  header(): Uint8Array {
    const h = new Uint8Array(24);
    const v = new DataView(h.buffer);
    v.setUint32(0, this.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, 262144, true);
    v.setUint32(20, 1, true); // LINKTYPE_ETHERNET
    return h;
  }

  /** Bytes buffered so far. */
  get pendingBytes(): number {
    return this.used;
  }

  /**
   * Appends one packet. dstIp -1: 0.0.0.0 (or 2001:db8::1 for IPv6 senders);
   * tcpSeq -1: a value that never equals dstIp, so no false Mirai fingerprint;
   * length -1: the headers' length; ipId -1: a value that is neither ZMap's
   * nor Masscan's fingerprint; tcpFlags -1: SYN; icmpType -1: echo request.
   * Throws on an address that is not IP.
   */
  packet(
    ts: number,
    src: string,
    dstPort: number,
    proto: number,
    dstIp: number,
    tcpSeq: number,
    length = -1,
    ipId = -1,
    tcpFlags = -1,
    icmpType = -1,
  ): void {
    const unit = this.nanosecond ? 1e9 : 1e6;
    let sec = Math.floor(ts);
    let frac = Math.round((ts - sec) * unit);
    if (frac >= unit) {
      sec += 1;
      frac -= unit;
    }
    this.packetAt(sec, frac, src, dstPort, proto, dstIp, tcpSeq, length, ipId, tcpFlags, icmpType);
  }

  /** `packet` with the time as whole seconds and a fraction in the file's unit (micro- or nanoseconds), exactly. */
  packetAt(
    sec: number,
    frac: number,
    src: string,
    dstPort: number,
    proto: number,
    dstIp: number,
    tcpSeq: number,
    length = -1,
    ipId = -1,
    tcpFlags = -1,
    icmpType = -1,
  ): void {
    const v6 = src.includes(':');
    if (proto === PROTO.icmp && v6) proto = PROTO.icmpv6;
    const transport = TRANSPORT[proto];
    if (transport === undefined) throw new Error(`pcap writer: protocol ${proto} is not TCP/UDP/ICMP`);
    const ipHeader = v6 ? 40 : 20;
    const captured = ETHERNET + ipHeader + transport;
    this.reserve(16 + captured);
    const b = this.buffer;
    const v = this.view;
    let p = this.used;
    const ipLength = Math.max(length, ipHeader + transport);
    v.setUint32(p, sec, true);
    v.setUint32(p + 4, frac, true);
    v.setUint32(p + 8, captured, true);
    v.setUint32(p + 12, ETHERNET + ipLength, true);
    p += 16;
    // Ethernet: locally administered MACs, then the ethertype.
    b.fill(0, p, p + 12);
    b[p] = 0x02;
    b[p + 6] = 0x02;
    v.setUint16(p + 12, v6 ? 0x86dd : 0x0800);
    p += ETHERNET;
    const dst = dstIp >= 0 ? dstIp >>> 0 : 0;
    const seq = tcpSeq >= 0 ? tcpSeq >>> 0 : (dst ^ 0x5bd1e995) >>> 0;
    if (v6) {
      v.setUint32(p, 0x60000000);
      v.setUint16(p + 4, ipLength - 40);
      b[p + 6] = proto;
      b[p + 7] = 64;
      if (!parseIpv6(src, b, p + 8)) throw new Error(`pcap writer: "${src}" is not an IP address`);
      v.setUint32(p + 24, 0x20010db8);
      v.setUint32(p + 28, 0);
      v.setUint32(p + 32, 0);
      v.setUint32(p + 36, dstIp >= 0 ? dst : 1);
    } else {
      let s = this.v4cache.get(src);
      if (s === undefined) {
        s = parseIpv4(src);
        if (s < 0) throw new Error(`pcap writer: "${src}" is not an IP address`);
        if (this.v4cache.size > 1 << 20) this.v4cache.clear();
        this.v4cache.set(src, s);
      }
      b[p] = 0x45;
      b[p + 1] = 0;
      v.setUint16(p + 2, ipLength);
      let id = ipId;
      if (id < 0) {
        // Neither ZMap's 54321 nor Masscan's dst ^ port ^ seq.
        const masscan = proto === PROTO.tcp ? (dst ^ dstPort ^ seq) & 0xffff : -1;
        id = 0;
        while (id === masscan || id === 54321) id++;
      }
      v.setUint16(p + 4, id);
      v.setUint16(p + 6, 0x4000 /* don't fragment */);
      b[p + 8] = 64;
      b[p + 9] = proto;
      v.setUint16(p + 10, 0);
      v.setUint32(p + 12, s);
      v.setUint32(p + 16, dst);
    }
    p += ipHeader;
    if (proto === PROTO.tcp) {
      v.setUint16(p, 40000 + (dst & 0x3fff));
      v.setUint16(p + 2, dstPort);
      v.setUint32(p + 4, seq);
      v.setUint32(p + 8, 0);
      v.setUint16(p + 12, 0x5000 | (tcpFlags >= 0 ? tcpFlags & 255 : 0x02)); // 20-byte header; SYN by default
      v.setUint16(p + 14, 1024);
      v.setUint32(p + 16, 0);
    } else if (proto === PROTO.udp) {
      v.setUint16(p, 40000 + (dst & 0x3fff));
      v.setUint16(p + 2, dstPort);
      v.setUint16(p + 4, ipLength - ipHeader);
      v.setUint16(p + 6, 0);
    } else {
      b[p] = icmpType >= 0 ? icmpType : proto === PROTO.icmp ? 8 : 128; // echo request by default
      b.fill(0, p + 1, p + 8);
    }
    this.used = p + transport;
  }

  /** The buffered bytes, valid until the next call to `packet`; the buffer is then reused. */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.used);
    this.used = 0;
    return out;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.used + bytes));
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/**
 * The simulated trace as pcap bytes (microsecond timestamps, the same packets
 * and times as its CSV): the header, then about a megabyte per chunk. Each
 * chunk is a fresh array, safe to hand to an async writer.
 */
export function* tracePcapChunks(sim: Simulation, onSlice?: (s: TraceSlice) => void): Generator<Uint8Array> {
  const w = new PcapWriter({ bufferBytes: 2 << 20 });
  yield w.header();
  const names = new SenderNames(sim.ip);
  for (const s of sim.slices()) {
    onSlice?.(s);
    names.nextSlice();
    for (let k = 0; k < s.count; k++) {
      const i = s.order[k];
      const src = names.of(s.sender[i]);
      const whole = Math.floor(s.us[i] / 1e6);
      w.packetAt(s.startSec + whole, s.us[i] - whole * 1e6, src, s.port[i], s.proto[i], s.dstIp[i], s.seq[i], s.length[i], s.ipId[i], s.flags[i], s.icmpType[i]);
      if (w.pendingBytes >= 1 << 20) yield w.take().slice();
    }
  }
  if (w.pendingBytes > 0) yield w.take().slice();
}
