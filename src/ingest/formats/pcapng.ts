// pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, each with
// its own interfaces (link type, snaplen, if_tsresol, if_tsoffset); enhanced,
// simple and obsolete packet blocks are decoded, every other block is passed
// over without being buffered, whatever its size.
//
// A simple packet block has no timestamp and no interface: it uses interface 0
// of its section and the last timestamp seen in that section (0 before any).
import type { PacketSink } from '../packet-sink';
import { BinaryRecordDecoder } from './binary-records';
import { FrameDecoder } from './frame-decoder';
import { MAX_CAPTURED_LENGTH } from './pcap';

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 1;
const BLOCK_OPB = 2;
const BLOCK_SPB = 3;
const BLOCK_EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Blocks we read are buffered whole; past this size they are corrupt (a packet block holds at most 256 KiB). */
const MAX_READ_BLOCK = 1024 * 1024;

const TWO_32 = 4294967296;

export function sniffPcapng(head: Uint8Array): boolean {
  if (head.length < 12) return false;
  if (head[0] !== 0x0a || head[1] !== 0x0d || head[2] !== 0x0d || head[3] !== 0x0a) return false;
  const le = head[8] === 0x4d && head[9] === 0x3c && head[10] === 0x2b && head[11] === 0x1a;
  const be = head[8] === 0x1a && head[9] === 0x2b && head[10] === 0x3c && head[11] === 0x4d;
  return le || be;
}

interface Interface {
  linkType: number;
  snaplen: number;
  unitsPerSecond: number;
  offsetSeconds: number;
}

export class PcapngDecoder extends BinaryRecordDecoder {
  private readonly frames: FrameDecoder;
  private inSection = false;
  private little = true;
  private interfaces: Interface[] = [];
  private lastTs = 0;
  private record = 0;

  constructor(private readonly sink: PacketSink, fileName?: string) {
    super('pcapng', fileName);
    this.frames = new FrameDecoder(sink);
  }

  protected parse(bytes: Uint8Array, view: DataView, start: number, end: number): number {
    let p = start;
    for (;;) {
      if (end - p < 12) {
        this.want = 12;
        break;
      }
      let type = view.getUint32(p, this.little);
      if (type === BLOCK_SHB) {
        const bom = view.getUint32(p + 8, true);
        if (bom === BYTE_ORDER_MAGIC) this.little = true;
        else if (bom === 0x4d3c2b1a) this.little = false;
        else this.fail(this.base + p + 8, `section header has a bad byte-order magic 0x${bom.toString(16)}`);
      } else if (!this.inSection) {
        this.fail(this.base + p, `not a pcapng file (first block type 0x${view.getUint32(p).toString(16).padStart(8, '0')}, expected a section header)`);
      }
      type = view.getUint32(p, this.little);
      const length = view.getUint32(p + 4, this.little);
      if (length < 12) this.fail(this.base + p + 4, `block length ${length} is smaller than a block header`);
      if (length % 4 !== 0) this.fail(this.base + p + 4, `block length ${length} is not a multiple of 4`);
      const read = type === BLOCK_SHB || type === BLOCK_IDB || type === BLOCK_EPB || type === BLOCK_SPB || type === BLOCK_OPB;
      if (!read) {
        if (end - p >= length) {
          p += length;
          continue;
        }
        this.skipBytes = length - (end - p);
        p = end;
        break;
      }
      if (length > MAX_READ_BLOCK) this.fail(this.base + p + 4, `block length ${length} exceeds ${MAX_READ_BLOCK}: the file is corrupt`);
      if (end - p < length) {
        this.want = length;
        break;
      }
      const trailer = view.getUint32(p + length - 4, this.little);
      if (trailer !== length) {
        this.fail(this.base + p + length - 4, `block length ${length} does not match its trailing copy ${trailer}`);
      }
      this.block(type, bytes, view, p, length);
      p += length;
    }
    return p - start;
  }

  private block(type: number, bytes: Uint8Array, view: DataView, p: number, length: number): void {
    const le = this.little;
    switch (type) {
      case BLOCK_SHB: {
        if (length < 28) this.fail(this.base + p + 4, `section header block length ${length} is too small`);
        const major = view.getUint16(p + 12, le);
        if (major !== 1) this.fail(this.base + p + 12, `unsupported pcapng major version ${major}`);
        this.inSection = true;
        this.interfaces = [];
        this.lastTs = 0;
        return;
      }
      case BLOCK_IDB: {
        if (length < 20) this.fail(this.base + p + 4, `interface description block length ${length} is too small`);
        this.interfaces.push(this.readInterface(bytes, view, p, length));
        return;
      }
      case BLOCK_EPB:
      case BLOCK_OPB: {
        if (length < 32) this.fail(this.base + p + 4, `packet block length ${length} is too small`);
        const id = type === BLOCK_EPB ? view.getUint32(p + 8, le) : view.getUint16(p + 8, le);
        const captured = view.getUint32(p + 20, le);
        this.record++;
        if (captured > MAX_CAPTURED_LENGTH || captured > length - 32) {
          this.fail(this.base + p + 20, `packet block claims ${captured} captured bytes but holds ${length - 32}`);
        }
        const iface = this.interfaces[id];
        if (iface === undefined) {
          return this.sink.skip(this.record, `packet on interface ${id}, but the section describes ${this.interfaces.length}`);
        }
        const units = view.getUint32(p + 12, le) * TWO_32 + view.getUint32(p + 16, le);
        const ts = units / iface.unitsPerSecond + iface.offsetSeconds;
        this.lastTs = ts;
        this.frames.frame(iface.linkType, bytes, view, p + 28, p + 28 + captured, ts, this.record);
        return;
      }
      case BLOCK_SPB: {
        if (length < 16) this.fail(this.base + p + 4, `simple packet block length ${length} is too small`);
        this.record++;
        const iface = this.interfaces[0];
        if (iface === undefined) return this.sink.skip(this.record, 'simple packet block before any interface description');
        let captured = Math.min(view.getUint32(p + 8, le), length - 16);
        if (iface.snaplen > 0) captured = Math.min(captured, iface.snaplen);
        this.frames.frame(iface.linkType, bytes, view, p + 12, p + 12 + captured, this.lastTs, this.record);
        return;
      }
    }
  }

  private readInterface(bytes: Uint8Array, view: DataView, p: number, length: number): Interface {
    const le = this.little;
    const iface: Interface = {
      linkType: view.getUint16(p + 8, le),
      snaplen: view.getUint32(p + 12, le),
      unitsPerSecond: 1e6,
      offsetSeconds: 0,
    };
    const optionsEnd = p + length - 4;
    for (let q = p + 16; q + 4 <= optionsEnd; ) {
      const code = view.getUint16(q, le);
      const size = view.getUint16(q + 2, le);
      if (code === 0) break;
      if (q + 4 + size > optionsEnd) this.fail(this.base + q, `interface option ${code} runs past its block`);
      if (code === 9 && size >= 1) {
        const v = bytes[q + 4];
        iface.unitsPerSecond = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
      } else if (code === 14 && size >= 8) {
        iface.offsetSeconds = Number(view.getBigInt64(q + 4, le));
      }
      q += 4 + ((size + 3) & ~3);
    }
    return iface;
  }

  currentLine(): number {
    return this.record;
  }

  protected finish(): void {
    if (!this.inSection) this.fail(0, 'input is empty: no pcapng section header');
  }
}
