// Zeek conn.log, as Zeek writes it by default: TSV with "#separator \x09",
// "#fields" and "#types" header lines, "-" for unset fields and "#close" at
// the end; several logs concatenated (header again) are fine. Zeek's JSON
// output (LogAscii::use_json, one object per line with the same field names)
// is read too.
//
// A connection is a flow: it stands for its originator's packets (orig_pkts;
// 1 if unset) at its start time ts, so the order of packets inside a flow is
// lost. ICMP connections have no port (id.orig_p holds the ICMP type, read as
// such; id.resp_p the code).
//
// TCP flags come from `history` (upper case: the originator's packets): S SYN,
// H SYN-ACK, A ACK, D data (ACK), F FIN, R RST, OR'ed over the connection as a
// flow record's flags are. A connection whose packets all came from the
// responder (orig_pkts 0, resp_pkts > 0: Zeek saw a SYN-ACK or RST first and
// made the darknet address the originator, states RSTRH, SHR, OTH) stands for
// the responder's packets, to the originator's port, flags from the lower-case
// letters: that is how backscatter appears in a conn.log. Zeek logs no IP ID.
import { PROTO, TCP_FLAG, type PacketSink } from '../packet-sink';
import { parseIpv4 } from '../ip-address';
import { LineDecoder } from './line-decoder';
import { SenderText, isTrafficProtocol, parseProtocol, parseTime } from './text-fields';
import { CHECK, MAX_PACKETS, isValidTime } from '../record-checks';
import { quoted } from '../skip-log';

export function sniffZeek(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 512));
  if (text.startsWith('#separator ')) return true;
  return /^\s*\{/.test(text) && text.includes('"id.orig_h"') && text.includes('"id.resp_p"');
}

const REQUIRED = ['ts', 'id.orig_h', 'id.resp_p', 'proto'] as const;

function unescapeZeek(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const HISTORY_FLAGS: Record<string, number> = {
  s: TCP_FLAG.syn,
  h: TCP_FLAG.syn | TCP_FLAG.ack,
  a: TCP_FLAG.ack,
  d: TCP_FLAG.ack,
  f: TCP_FLAG.fin,
  r: TCP_FLAG.rst,
};

/** The OR of one side's TCP flags from a history string (upper case: originator; lower case: responder). */
export function historyFlags(history: string, responder: boolean): number {
  let flags = 0;
  for (const c of history) {
    const lower = c.toLowerCase();
    if (c === lower && c === c.toUpperCase()) continue; // '^' and other marks
    if ((c === lower) !== responder) continue;
    flags |= HISTORY_FLAGS[lower] ?? 0;
  }
  return flags;
}

export class ZeekDecoder extends LineDecoder {
  private readonly senders = new SenderText();
  private separator = '\t';
  private unset = '-';
  private columns: Record<string, number> | null = null;

  constructor(private readonly sink: PacketSink, fileName?: string) {
    super('zeek', fileName);
  }

  protected line(text: string, n: number): void {
    if (text.charCodeAt(0) === 35 /* # */) return this.header(text, n);
    if (text.charCodeAt(0) === 123 /* { */) return this.jsonRecord(text, n);
    const c = this.columns;
    // In a JSON log a line that is not an object is a bad record, not a missing header.
    if (!c && this.json) return this.sink.skip(n, 'not a JSON object');
    if (!c) this.fail(n, 'data before the #fields header line');
    const f = text.split(this.separator);
    const field = (name: string) => {
      const i = c[name];
      const v = i === undefined ? undefined : f[i];
      return v === undefined || v === this.unset ? undefined : v;
    };
    this.record(field('ts'), field('id.orig_h'), field('id.resp_h'), field('id.orig_p'), field('id.resp_p'), field('proto'), field('orig_pkts'), field('resp_pkts'), field('history'), n);
  }

  private header(text: string, n: number): void {
    if (text.startsWith('#separator ')) {
      this.separator = unescapeZeek(text.slice('#separator '.length));
      return;
    }
    const parts = text.split(this.separator);
    const key = parts[0];
    if (key === '#unset_field') this.unset = parts[1] ?? '-';
    else if (key === '#fields') {
      const names = parts.slice(1);
      const missing = REQUIRED.filter((r) => !names.includes(r));
      if (missing.length > 0) {
        this.fail(n, `#fields lacks ${missing.join(', ')} (found: ${names.join(', ')}); a conn.log has ts, id.orig_h, id.resp_p, proto`);
      }
      this.columns = Object.fromEntries(names.map((name, i) => [name, i]));
    }
  }

  private json = false;

  private jsonRecord(text: string, n: number): void {
    this.json = true;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(text);
    } catch {
      return this.sink.skip(n, 'not valid JSON');
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return this.sink.skip(n, 'not a JSON object');
    const s = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    this.record(s(o.ts), s(o['id.orig_h']), s(o['id.resp_h']), s(o['id.orig_p']), s(o['id.resp_p']), s(o.proto), s(o.orig_pkts), s(o.resp_pkts), s(o.history), n);
  }

  private record(
    tsText: string | undefined,
    srcText: string | undefined,
    dstText: string | undefined,
    origPortText: string | undefined,
    portText: string | undefined,
    protoText: string | undefined,
    packetsText: string | undefined,
    respPacketsText: string | undefined,
    history: string | undefined,
    n: number,
  ): void {
    let fromResponder = false;
    if (packetsText === '0' && respPacketsText !== undefined && /^[1-9]\d*$/.test(respPacketsText) && protoText?.toLowerCase() !== 'icmp') {
      // The responder's packets (backscatter): swap the ends.
      fromResponder = true;
      [srcText, dstText] = [dstText, srcText];
      [origPortText, portText] = [portText, origPortText];
      packetsText = respPacketsText;
    }
    if (tsText === undefined || srcText === undefined || protoText === undefined) {
      return this.sink.skip(n, 'missing ts, id.orig_h or proto');
    }
    const ts = parseTime(tsText);
    if (!Number.isFinite(ts)) return this.sink.skip(n, `unparsable ts ${quoted(tsText)}`);
    if (!isValidTime(ts)) return this.sink.skip(n, CHECK.time);
    const src = this.senders.canonical(srcText);
    if (src === null) return this.sink.skip(n, `id.orig_h ${quoted(srcText)} is not an IP address`);
    let proto = parseProtocol(protoText);
    if (!isTrafficProtocol(proto)) return this.sink.skip(n, `proto ${quoted(protoText)} is not tcp/udp/icmp`);
    // Zeek calls ICMPv6 "icmp" as well.
    if (proto === PROTO.icmp && src.includes(':')) proto = PROTO.icmpv6;
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      if (portText === undefined) return this.sink.skip(n, 'id.resp_p is unset');
      port = Number(portText);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return this.sink.skip(n, `id.resp_p ${quoted(portText)} is not a port`);
    }
    const packets = packetsText === undefined ? 1 : Number(packetsText);
    if (!Number.isInteger(packets) || packets < 0) return this.sink.skip(n, `orig_pkts ${quoted(packetsText ?? '')} is not a count`);
    if (packets > MAX_PACKETS) return this.sink.skip(n, CHECK.packets);
    if (packets === 0) return this.sink.skip(n, 'connection without packets from its originator');
    const dst = dstText === undefined ? -1 : parseIpv4(dstText);
    const flags = proto === PROTO.tcp && history !== undefined ? historyFlags(history, fromResponder) : -1;
    let icmpType = -1;
    if ((proto === PROTO.icmp || proto === PROTO.icmpv6) && origPortText !== undefined && /^\d{1,3}$/.test(origPortText)) {
      icmpType = Number(origPortText);
      if (icmpType > 255) icmpType = -1;
    }
    this.sink.packet(ts, src, port, proto, packets, dst, -1, -1, -1, flags, icmpType);
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'input is empty');
  }
}
