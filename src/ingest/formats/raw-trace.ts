// The DarkVec authors' raw traces: one packet per line, no header, fields
// separated by spaces (or tabs): `ts src_ip dst_port proto [pck_len ...]`,
// ts in Unix seconds and proto an IP protocol number (6, 17, 1) or name.
// Extra columns are ignored. Without a header the columns are recognised by
// their content, so the first data line decides (see sniffRawTrace).
import { PROTO, type PacketSink } from '../packet-sink';
import { LineDecoder } from './line-decoder';
import { SenderText, isTrafficProtocol, parseProtocol } from './text-fields';
import { canonicalIp } from '../ip-address';
import { CHECK, isValidTime } from '../record-checks';
import { quoted } from '../skip-log';

const SEPARATOR = /[ \t]+/;

function looksLikeRecord(f: string[]): boolean {
  return (
    f.length >= 4 &&
    /^\d+(\.\d+)?$/.test(f[0]) &&
    canonicalIp(f[1]) !== undefined &&
    /^-?\d+$/.test(f[2]) &&
    parseProtocol(f[3]) >= 0
  );
}

export function sniffRawTrace(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 4096));
  const first = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  if (first === undefined || first.includes(',')) return false;
  return looksLikeRecord(first.split(SEPARATOR));
}

export class RawTraceDecoder extends LineDecoder {
  private readonly senders = new SenderText();

  constructor(private readonly sink: PacketSink, fileName?: string) {
    super('raw trace', fileName);
  }

  protected line(text: string, n: number): void {
    const f = text.trim().split(SEPARATOR);
    if (f.length < 4) return this.sink.skip(n, `${f.length} fields, expected ts src_ip dst_port proto [pck_len]`);
    const ts = Number(f[0]);
    if (!Number.isFinite(ts) || f[0] === '') return this.sink.skip(n, `unparsable ts ${quoted(f[0])}`);
    if (!isValidTime(ts)) return this.sink.skip(n, CHECK.time);
    const src = this.senders.canonical(f[1]);
    if (src === null) return this.sink.skip(n, `src_ip ${quoted(f[1])} is not an IP address`);
    const proto = parseProtocol(f[3]);
    if (!isTrafficProtocol(proto)) return this.sink.skip(n, `proto ${quoted(f[3])} is not tcp/udp/icmp`);
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      port = Number(f[2]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return this.sink.skip(n, `dst_port ${quoted(f[2])} is not a port`);
    }
    const length = f.length > 4 && /^\d+$/.test(f[4]) ? Number(f[4]) : -1;
    this.sink.packet(ts, src, port, proto, 1, -1, length, -1, -1, -1, -1);
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'input is empty');
  }
}
