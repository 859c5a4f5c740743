// nfdump's CSV output (`nfdump -r FILE -o csv`): a header line naming the
// columns (ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,...), one flow per
// line, then a "Summary" line followed by totals, which are not flows.
//
// A flow stands for its input packets (ipkt) at its start time ts, so the order
// of packets inside a flow is lost. nfdump prints times in the local time zone
// of the machine that ran it, without saying which: they are read as UTC (run
// nfdump with TZ=UTC).
//
// TCP flags: the flg column, the OR of the flow's flags as positional letters
// ("....S.", "...A.R.."). ICMP type: nfdump writes type.code in dp ("8.0").
// nfdump's CSV has no IP ID.
import { PROTO, type PacketSink } from '../packet-sink';
import { parseTcpFlags } from '../tcp-flags';
import { parseIpv4 } from '../ip-address';
import { LineDecoder } from './line-decoder';
import { SenderText, isTrafficProtocol, parseProtocol, parseTime } from './text-fields';
import { CHECK, MAX_PACKETS, isValidTime } from '../record-checks';
import { quoted } from '../skip-log';

export function sniffNfdump(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 64));
  return /^ts,te,td,sa,da,/.test(text);
}

export class NfdumpDecoder extends LineDecoder {
  private readonly senders = new SenderText();
  private ts = -1;
  private sa = -1;
  private da = -1;
  private dp = -1;
  private pr = -1;
  private pkt = -1;
  private flg = -1;
  private header = false;
  private summary = false;

  constructor(private readonly sink: PacketSink, fileName?: string) {
    super('nfdump', fileName);
  }

  protected line(text: string, n: number): void {
    if (this.summary) return;
    if (!this.header) return this.readHeader(text, n);
    if (text.startsWith('Summary')) {
      this.summary = true;
      return;
    }
    const f = text.split(',');
    const ts = parseTime(f[this.ts] ?? '');
    if (!Number.isFinite(ts)) return this.sink.skip(n, `unparsable ts ${quoted(f[this.ts] ?? '')}`);
    if (!isValidTime(ts)) return this.sink.skip(n, CHECK.time);
    const src = this.senders.canonical(f[this.sa] ?? '');
    if (src === null) return this.sink.skip(n, `sa ${quoted(f[this.sa] ?? '')} is not an IP address`);
    const proto = parseProtocol(f[this.pr] ?? '');
    if (!isTrafficProtocol(proto)) return this.sink.skip(n, `pr ${quoted(f[this.pr] ?? '')} is not TCP/UDP/ICMP`);
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      port = Number(f[this.dp]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return this.sink.skip(n, `dp ${quoted(f[this.dp] ?? '')} is not a port`);
    }
    const packets = Number(f[this.pkt]);
    if (!Number.isInteger(packets) || packets < 0) return this.sink.skip(n, `ipkt ${quoted(f[this.pkt] ?? '')} is not a count`);
    if (packets > MAX_PACKETS) return this.sink.skip(n, CHECK.packets);
    if (packets === 0) return this.sink.skip(n, 'flow without input packets');
    const dst = this.da >= 0 ? parseIpv4(f[this.da] ?? '') : -1;
    let flags = -1;
    if (proto === PROTO.tcp && this.flg >= 0) {
      flags = parseTcpFlags(f[this.flg] ?? '');
      if (flags !== flags) flags = -1;
    }
    let icmpType = -1;
    if (proto === PROTO.icmp || proto === PROTO.icmpv6) {
      const m = /^(\d{1,3})(?:\.\d+)?$/.exec(f[this.dp] ?? '');
      if (m && Number(m[1]) <= 255) icmpType = Number(m[1]);
    }
    this.sink.packet(ts, src, port, proto, packets, dst, -1, -1, -1, flags, icmpType);
  }

  private readHeader(text: string, n: number): void {
    const names = text.split(',').map((s) => s.trim());
    const at = (...aliases: string[]) => {
      for (const a of aliases) {
        const i = names.indexOf(a);
        if (i >= 0) return i;
      }
      return -1;
    };
    this.ts = at('ts');
    this.sa = at('sa');
    this.da = at('da');
    this.dp = at('dp');
    this.pr = at('pr');
    this.pkt = at('ipkt', 'pkt');
    this.flg = at('flg');
    const missing = [['ts', this.ts], ['sa', this.sa], ['dp', this.dp], ['pr', this.pr], ['ipkt', this.pkt]]
      .filter(([, i]) => i === -1)
      .map(([name]) => name);
    if (missing.length > 0) this.fail(n, `header lacks ${missing.join(', ')} (found: ${names.join(', ')}); expected nfdump -o csv output`);
    this.header = true;
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'input is empty');
  }
}
