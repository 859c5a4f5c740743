// Builds pcap/pcapng bytes field by field for the decoder tests, independent of
// src/ (the simulator's pcap writer is tested against the decoder, and both
// against this).
import type { PacketSink } from '../../../src/ingest/packet-sink';

export class Bytes {
  readonly out: number[] = [];
  constructor(public little = false) {}
  u8(...v: number[]): this {
    for (const x of v) this.out.push(x & 255);
    return this;
  }
  u16(v: number, little = this.little): this {
    return little ? this.u8(v, v >> 8) : this.u8(v >> 8, v);
  }
  u32(v: number, little = this.little): this {
    const b = [v >>> 24, v >>> 16, v >>> 8, v];
    return this.u8(...(little ? b.reverse() : b));
  }
  bytes(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.out.push(b[i]);
    return this;
  }
  pad4(): this {
    while (this.out.length % 4) this.out.push(0);
    return this;
  }
  get length(): number {
    return this.out.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

export function ipv4Number(text: string): number {
  return ipv4Bytes(text).reduce((a, b) => a * 256 + b, 0);
}

export function ipv6Bytes(text: string): number[] {
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 255]);
}

export interface Transport {
  proto: number;
  dstPort?: number;
  seq?: number;
  /** TCP flags byte (default SYN). */
  flags?: number;
  /** ICMP type (default echo request: 8, or 128 for ICMPv6). */
  icmpType?: number;
}

function transportBytes(t: Transport): number[] {
  const b = new Bytes();
  if (t.proto === 6) {
    b.u16(40000).u16(t.dstPort ?? 0).u32(t.seq ?? 0).u32(0).u8(0x50, t.flags ?? 0x02).u16(1024).u16(0).u16(0);
  } else if (t.proto === 17) {
    b.u16(40000).u16(t.dstPort ?? 0).u16(8).u16(0);
  } else if (t.proto === 1 || t.proto === 58) {
    b.u8(t.icmpType ?? (t.proto === 1 ? 8 : 128), 0).u16(0).u32(0);
  } else {
    b.u32(0);
  }
  return b.out;
}

export function ipv4Packet(
  src: string,
  dst: string,
  t: Transport,
  opts: { fragmentOffset?: number; moreFragments?: boolean; options?: number; id?: number } = {},
): number[] {
  const payload = opts.fragmentOffset ? [1, 2, 3, 4, 5, 6, 7, 8] : transportBytes(t);
  const ihl = 5 + (opts.options ?? 0);
  const b = new Bytes();
  b.u8(0x40 | ihl, 0).u16(ihl * 4 + payload.length).u16(opts.id ?? 0x1234);
  b.u16(((opts.moreFragments ? 1 : 0) << 13) | (opts.fragmentOffset ?? 0));
  b.u8(64, t.proto).u16(0).bytes(ipv4Bytes(src)).bytes(ipv4Bytes(dst));
  for (let i = 0; i < (opts.options ?? 0); i++) b.u32(0x01010101); // NOP options
  return [...b.out, ...payload];
}

/** `extensions`: a list of [headerType, bytes] inserted before the transport header. */
export function ipv6Packet(src: string, dst: string, t: Transport, extensions: [number, number[]][] = []): number[] {
  const chain: number[] = [];
  const types = [...extensions.map((e) => e[0]), t.proto];
  extensions.forEach(([, body], i) => {
    body = [...body];
    body[0] = types[i + 1];
    chain.push(...body);
  });
  const payload = [...chain, ...transportBytes(t)];
  const b = new Bytes();
  b.u32(0x60000000).u16(payload.length).u8(types[0], 64).bytes(ipv6Bytes(src)).bytes(ipv6Bytes(dst));
  return [...b.out, ...payload];
}

export function ethernet(ip: number[], vlanTags: number[] = [], etherType?: number): number[] {
  const b = new Bytes();
  b.u8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  vlanTags.forEach((tpid) => b.u16(tpid).u16(100));
  b.u16(etherType ?? ((ip[0] >> 4) === 6 ? 0x86dd : 0x0800));
  return [...b.out, ...ip];
}

export function sll(ip: number[]): number[] {
  const b = new Bytes();
  b.u16(0).u16(1).u16(6).u8(0, 1, 2, 3, 4, 5, 0, 0).u16((ip[0] >> 4) === 6 ? 0x86dd : 0x0800);
  return [...b.out, ...ip];
}

export function sll2(ip: number[]): number[] {
  const b = new Bytes();
  b.u16((ip[0] >> 4) === 6 ? 0x86dd : 0x0800).u16(0).u32(2).u16(1).u8(0, 6).u8(0, 1, 2, 3, 4, 5, 0, 0);
  return [...b.out, ...ip];
}

/** BSD loopback: the family in the given byte order (DLT_NULL: the host's; LOOP: network). */
export function loopback(ip: number[], family: number, little: boolean): number[] {
  return [...new Bytes().u32(family, little).out, ...ip];
}

export interface PcapRecord {
  sec: number;
  frac: number;
  data: number[];
  /** Captured bytes, default all of data. */
  captured?: number;
}

export function pcapFile(
  records: PcapRecord[],
  opts: { little?: boolean; nsec?: boolean; linkType?: number; snaplen?: number } = {},
): Uint8Array {
  const b = new Bytes(opts.little ?? false);
  b.u32(opts.nsec ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(opts.snaplen ?? 65535).u32(opts.linkType ?? 1);
  for (const r of records) {
    const captured = r.captured ?? r.data.length;
    b.u32(r.sec).u32(r.frac).u32(captured).u32(r.data.length).bytes(r.data.slice(0, captured));
  }
  return b.build();
}

function block(b: Bytes, type: number, body: Bytes): void {
  body.pad4();
  b.u32(type).u32(body.length + 12).bytes(body.out).u32(body.length + 12);
}

export class PcapngBuilder {
  readonly b: Bytes;
  constructor(public little = true) {
    this.b = new Bytes(little);
  }
  section(little = this.little): this {
    const body = new Bytes(little).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff);
    const b = new Bytes(little);
    block(b, 0x0a0d0d0a, body);
    this.b.bytes(b.out);
    this.little = little;
    this.b.little = little;
    return this;
  }
  interface(linkType: number, opts: { snaplen?: number; tsresol?: number; tsoffset?: number } = {}): this {
    const body = new Bytes(this.little).u16(linkType).u16(0).u32(opts.snaplen ?? 0);
    if (opts.tsresol !== undefined) body.u16(9).u16(1).u8(opts.tsresol).pad4();
    if (opts.tsoffset !== undefined) {
      const high = opts.tsoffset < 0 ? 0xffffffff : 0;
      const low = opts.tsoffset >>> 0;
      body.u16(14).u16(8);
      if (this.little) body.u32(low).u32(high);
      else body.u32(high).u32(low);
    }
    if (opts.tsresol !== undefined || opts.tsoffset !== undefined) body.u16(0).u16(0);
    block(this.b, 1, body);
    return this;
  }
  enhanced(iface: number, units: bigint, data: number[], captured = data.length): this {
    const body = new Bytes(this.little)
      .u32(iface)
      .u32(Number(units >> 32n))
      .u32(Number(units & 0xffffffffn))
      .u32(captured)
      .u32(data.length)
      .bytes(data.slice(0, captured));
    block(this.b, 6, body);
    return this;
  }
  simple(data: number[]): this {
    block(this.b, 3, new Bytes(this.little).u32(data.length).bytes(data));
    return this;
  }
  other(type: number, size: number): this {
    block(this.b, type, new Bytes(this.little).bytes(new Array(size).fill(0x55)));
    return this;
  }
  build(): Uint8Array {
    return this.b.build();
  }
}

export interface RecordedPacket {
  ts: number;
  src: string;
  dstPort: number;
  proto: number;
  packets: number;
  dstIp: number;
  length: number;
  tcpSeq: number;
}

/** The fingerprint fields of a packet, recorded beside RecordedPacket (same index). */
export interface RecordedHeader {
  ipId: number;
  tcpFlags: number;
  icmpType: number;
}

export class RecordingSink implements PacketSink {
  readonly packets: RecordedPacket[] = [];
  readonly headers: RecordedHeader[] = [];
  readonly skips: { line: number; reason: string }[] = [];
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
    this.packets.push({ ts, src, dstPort, proto, packets, dstIp, length, tcpSeq });
    this.headers.push({ ipId, tcpFlags, icmpType });
  }
  skip(line: number, reason: string): void {
    this.skips.push({ line, reason });
  }
}

/** Feeds `bytes` in chunks of `size` (1 = byte by byte) and ends the stream. */
export function feed(decoder: { push(c: Uint8Array): void; end(): void }, bytes: Uint8Array, size = bytes.length): void {
  for (let i = 0; i < bytes.length; i += size) decoder.push(bytes.slice(i, i + size));
  decoder.end();
}
