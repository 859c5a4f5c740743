// The browser side of bench/pcap.bench.ts: decodes a File the way the page
// receives a dropped trace (File.stream() chunks through the ingest's
// decodeTrace), with the same modules as the CLI. Bundled by vite for the headless Chromium run; Node imports
// CountingSink from here too, so both sides do the same work per packet.
import { openBlobSource } from '../src/ingest/byte-source';
import { decodeTrace } from '../src/ingest/decoders';
import type { PacketSink } from '../src/ingest/packet-sink';

/** Counts packets and folds every field into a checksum, so no work can be optimised away. */
export class CountingSink implements PacketSink {
  packets = 0;
  skipped = 0;
  checksum = 0;
  private lastSrc = '';
  senderChanges = 0;
  packet(ts: number, src: string, dstPort: number, proto: number, packets: number, dstIp: number, length: number, tcpSeq: number): void {
    this.packets += packets;
    if (src !== this.lastSrc) {
      this.senderChanges++;
      this.lastSrc = src;
    }
    this.checksum = (this.checksum + dstPort + proto + length + (ts | 0) + (dstIp === tcpSeq ? 1 : 0)) % 1e9;
  }
  skip(): void {
    this.skipped++;
  }
}

/** The page's path: File.stream() -> gzip detection -> format detection -> decoder -> sink. */
export async function decodeFile(file: Blob): Promise<{ ms: number; bytes: number; packets: number; skipped: number; checksum: number; format: string }> {
  const sink = new CountingSink();
  const start = performance.now();
  const { format } = await decodeTrace(openBlobSource(file), sink, { fileName: 'trace' });
  return { ms: performance.now() - start, bytes: file.size, packets: sink.packets, skipped: sink.skipped, checksum: sink.checksum, format };
}
