// Classic libpcap files: microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d)
// magics in either byte order, plus Kuznetzov's modified pcap (0xa1b2cd34,
// 24-byte record headers). One link type for the whole file.
import type { PacketSink } from '../packet-sink';
import { BinaryRecordDecoder } from './binary-records';
import { FrameDecoder, isSupportedLinkType, supportedLinkTypesText } from './frame-decoder';

const MAGIC_USEC = 0xa1b2c3d4;
const MAGIC_NSEC = 0xa1b23c4d;
const MAGIC_MODIFIED = 0xa1b2cd34;
const MAGICS = new Set([MAGIC_USEC, MAGIC_NSEC, MAGIC_MODIFIED]);

/** Larger captured lengths are corruption: real snaplens stop at 262144 (tcpdump's maximum). */
export const MAX_CAPTURED_LENGTH = 256 * 1024;

function swap32(x: number): number {
  return (((x & 255) << 24) | ((x >>> 8 & 255) << 16) | ((x >>> 16 & 255) << 8) | (x >>> 24)) >>> 0;
}

export function sniffPcap(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const be = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  return MAGICS.has(be) || MAGICS.has(swap32(be));
}

export class PcapDecoder extends BinaryRecordDecoder {
  private readonly frames: FrameDecoder;
  private headerRead = false;
  private little = false;
  private fractionScale = 1e-6;
  private recordHeader = 16;
  private linkType = 0;
  private record = 0;

  constructor(sink: PacketSink, fileName?: string) {
    super('pcap', fileName);
    this.frames = new FrameDecoder(sink);
  }

  protected parse(bytes: Uint8Array, view: DataView, start: number, end: number): number {
    let p = start;
    if (!this.headerRead) {
      if (end - p < 24) {
        this.want = 24;
        return 0;
      }
      this.readFileHeader(view, p);
      p += 24;
    }
    const le = this.little;
    const header = this.recordHeader;
    const scale = this.fractionScale;
    const linkType = this.linkType;
    for (;;) {
      if (end - p < header) {
        this.want = header;
        break;
      }
      const captured = view.getUint32(p + 8, le);
      if (captured > MAX_CAPTURED_LENGTH) {
        this.fail(this.base + p, `record ${this.record + 1} claims ${captured} captured bytes (more than ${MAX_CAPTURED_LENGTH}): the file is corrupt`);
      }
      if (end - p < header + captured) {
        this.want = header + captured;
        break;
      }
      const ts = view.getUint32(p, le) + view.getUint32(p + 4, le) * scale;
      this.frames.frame(linkType, bytes, view, p + header, p + header + captured, ts, ++this.record);
      p += header + captured;
    }
    return p - start;
  }

  private readFileHeader(view: DataView, p: number): void {
    const be = view.getUint32(p);
    let magic: number;
    if (MAGICS.has(be)) {
      this.little = false;
      magic = be;
    } else if (MAGICS.has(swap32(be))) {
      this.little = true;
      magic = swap32(be);
    } else {
      this.fail(this.base + p, `not a pcap file (magic 0x${be.toString(16).padStart(8, '0')})`);
    }
    this.fractionScale = magic === MAGIC_NSEC ? 1e-9 : 1e-6;
    this.recordHeader = magic === MAGIC_MODIFIED ? 24 : 16;
    // The upper bits of the link-type field may carry FCS information; the type is the low 16.
    this.linkType = view.getUint32(p + 20, this.little) & 0xffff;
    if (!isSupportedLinkType(this.linkType)) {
      this.fail(this.base + p + 20, `link type ${this.linkType} is not supported (supported: ${supportedLinkTypesText()})`);
    }
    this.headerRead = true;
  }

  currentLine(): number {
    return this.record;
  }

  protected finish(): void {
    if (!this.headerRead) this.fail(0, 'input is empty: no pcap file header');
  }
}
