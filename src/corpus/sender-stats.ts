// What the corpus step keeps about each kept sender and its packets, for the
// analysis step's cluster summaries and activity plots (the paper's per-cluster
// figures). Index = token id in the Corpus vocabulary.

export interface SenderStats {
  packets: Int32Array;
  /** Unix seconds. */
  firstSeen: Float64Array;
  lastSeen: Float64Array;
  distinctPorts: Int32Array;
  /** Packets whose TCP sequence number equals their destination IPv4 address (the Mirai fingerprint). */
  miraiPackets: Int32Array;
  /** Whether the trace had the columns the fingerprint needs (TCP sequence and destination address). */
  hasMiraiColumns: boolean;
  /** Packets with IP ID 54321 (the ZMap fingerprint). */
  zmapPackets: Int32Array;
  /** Whether the trace had IP IDs. */
  hasZmapColumns: boolean;
  /** TCP packets whose IP ID is (destination address ^ port ^ sequence) & 0xffff (the Masscan fingerprint). */
  masscanPackets: Int32Array;
  /** Whether the trace had IP IDs, TCP sequence numbers and destination addresses. */
  hasMasscanColumns: boolean;
  /** Replies (TCP SYN-ACK, RST, RST-ACK; ICMP echo reply, unreachable, time exceeded): backscatter. */
  backscatterPackets: Int32Array;
  /** Whether the trace had TCP flags or ICMP types. */
  hasBackscatterColumns: boolean;
  /** Bit k set: the sender appeared in the corpus's input k (a corpus of several traces); absent in sessions saved before. */
  sources?: Uint8Array;
}

/**
 * Packets of kept senders in time order. A long trace is decimated to a row
 * budget: then a row stands for `packets` packets of that sender, port and time.
 */
export interface PacketLog {
  /** Unix seconds. */
  ts: Float64Array;
  /** Token id. */
  sender: Int32Array;
  /** Destination port, -1 when the protocol has none. */
  port: Int32Array;
  /** IP protocol number. */
  proto: Uint8Array;
  /** Packets this row stands for. */
  packets: Int32Array;
  /** FINGERPRINT bits (src/corpus/fingerprints.ts) of the row's packet: Mirai 1, ZMap 2, Masscan 4, backscatter 8. */
  fingerprints: Uint8Array;
}
