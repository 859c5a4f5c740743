// The contract between every trace decoder (CSV, pcap, Zeek, ...) and what
// consumes packets. Decoders call `packet` with scalars, never with a
// per-packet object: a month of a /24 telescope is ~63 M packets.

/** IP protocol numbers, as in the IP header. */
export const PROTO = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58 } as const;

/** TCP flag bits, as in the TCP header's flags byte. */
export const TCP_FLAG = { fin: 1, syn: 2, rst: 4, psh: 8, ack: 16, urg: 32, ece: 64, cwr: 128 } as const;

export interface PacketSink {
  /**
   * @param ts       Unix time in seconds (fractional allowed).
   * @param src      Sender address in canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, compressed).
   * @param dstPort  0..65535, or -1 for protocols without ports (ICMP).
   * @param proto    IP protocol number (see PROTO).
   * @param packets  Packets this record stands for: 1 for a packet, N for a flow record.
   * @param dstIp    Destination IPv4 as an unsigned 32-bit integer, or -1 when unknown or IPv6.
   * @param length   Packet length in bytes, or -1 when unknown.
   * @param tcpSeq   TCP sequence number (unsigned 32-bit), or -1 when unknown.
   * @param ipId     IPv4 identification field 0..65535, or -1 when unknown or IPv6 (the ZMap and Masscan fingerprints).
   * @param tcpFlags TCP flags byte 0..255 (see TCP_FLAG), or -1 when unknown or not TCP; a flow record gives the OR of its packets' flags.
   * @param icmpType ICMP or ICMPv6 message type 0..255 (numbered as in `proto`), or -1 when unknown or not ICMP.
   */
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
  ): void;

  /** A record that could not be used. `line` is 1-based (the record number for binary formats). */
  skip(line: number, reason: string): void;
}

/** Decodes one trace format from decompressed bytes, pushed in chunks of any size. */
export interface TraceDecoder {
  push(chunk: Uint8Array): void;
  /** No more bytes: flush the last record, or throw if the input ended mid-record. */
  end(): void;
  /** The 1-based line (record number for binary formats) of the record being decoded, for a sink that refuses one. */
  currentLine?(): number;
}
