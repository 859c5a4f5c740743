// Suricata eve.json: one JSON object per line.
//
// Which events count, so that each flow counts once:
// - "flow" events stand for the client's packets (flow.pkts_toserver) at the
//   flow's start (flow.start); "netflow" events (one per direction) for
//   netflow.pkts at netflow.start. Per-packet order inside a flow is lost.
// - Any other event with src_ip/dest_ip (alert, anomaly, http, dns, ...) counts
//   one packet at its timestamp, once per flow_id: a log with alerts only
//   still yields its senders. When the flow event of such a flow comes (Suricata
//   writes it when the flow ends), the packet already counted is subtracted.
// - "stats" events carry no traffic and are ignored.
//
// TCP flags: a flow event's tcp.tcp_flags_ts (the client's packets, hex), a
// netflow event's tcp.tcp_flags; other events carry none. ICMP type: the
// event's icmp_type. Suricata logs no IP ID.
import { PROTO, type PacketSink } from '../packet-sink';
import { parseIpv4 } from '../ip-address';
import { LineDecoder } from './line-decoder';
import { SenderText, isTrafficProtocol, parseIsoTime, parseProtocol } from './text-fields';
import { CHECK, MAX_PACKETS, isValidTime } from '../record-checks';
import { quoted } from '../skip-log';

export function sniffSuricata(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 1024));
  return /^\s*\{/.test(text) && text.includes('"event_type"') && text.includes('"timestamp"');
}

/** Flows counted by an early event and awaiting their flow event; cleared past this size (a log of alerts only). */
const OPEN_FLOWS_LIMIT = 1 << 20;

interface EveEvent {
  timestamp?: string;
  event_type?: string;
  flow_id?: number;
  src_ip?: string;
  dest_ip?: string;
  dest_port?: number;
  proto?: string | number;
  flow?: { pkts_toserver?: number; start?: string };
  netflow?: { pkts?: number; start?: string };
  tcp?: { tcp_flags?: string; tcp_flags_ts?: string };
  icmp_type?: number;
}

/** Suricata's flags are bare hex ("1e"); -1 when absent or not hex. */
function hexFlags(text: string | undefined): number {
  if (typeof text !== 'string' || !/^[0-9a-f]{1,2}$/i.test(text)) return -1;
  return parseInt(text, 16);
}

export class SuricataDecoder extends LineDecoder {
  private readonly senders = new SenderText();
  private readonly counted = new Map<number, number>();

  constructor(private readonly sink: PacketSink, fileName?: string) {
    super('suricata', fileName);
  }

  protected line(text: string, n: number): void {
    let e: EveEvent;
    try {
      e = JSON.parse(text);
    } catch {
      return this.sink.skip(n, 'not valid JSON');
    }
    if (e === null || typeof e !== 'object') return this.sink.skip(n, 'not a JSON object');
    const type = e.event_type;
    if (type === 'stats') return;
    if (typeof e.src_ip !== 'string') return this.sink.skip(n, `event ${quoted(String(type ?? 'untyped'))} without src_ip`);
    const src = this.senders.canonical(e.src_ip);
    if (src === null) return this.sink.skip(n, `src_ip ${quoted(e.src_ip)} is not an IP address`);
    const proto = parseProtocol(String(e.proto ?? ''));
    if (!isTrafficProtocol(proto)) return this.sink.skip(n, `proto ${quoted(String(e.proto ?? ''))} is not TCP/UDP/ICMP`);
    let port = -1;
    if (proto === PROTO.tcp || proto === PROTO.udp) {
      port = e.dest_port ?? NaN;
      if (!Number.isInteger(port) || port < 0 || port > 65535) return this.sink.skip(n, `dest_port ${quoted(String(e.dest_port ?? ''))} is not a port`);
    }
    let packets: number;
    let timeText: string | undefined;
    let flags = -1;
    const flowId = typeof e.flow_id === 'number' ? e.flow_id : undefined;
    if (type === 'flow' || type === 'netflow') {
      const record = type === 'flow' ? e.flow : e.netflow;
      packets = (type === 'flow' ? e.flow?.pkts_toserver : e.netflow?.pkts) ?? NaN;
      if (!Number.isInteger(packets) || packets < 0) return this.sink.skip(n, `${type} event without a packet count`);
      if (packets > MAX_PACKETS) return this.sink.skip(n, CHECK.packets);
      timeText = record?.start ?? e.timestamp;
      if (proto === PROTO.tcp) flags = hexFlags(type === 'flow' ? e.tcp?.tcp_flags_ts : e.tcp?.tcp_flags);
      if (flowId !== undefined && type === 'flow') {
        const already = this.counted.get(flowId);
        if (already !== undefined) {
          this.counted.delete(flowId);
          packets -= already;
        }
      }
      if (packets <= 0) return;
    } else {
      if (flowId !== undefined) {
        if (this.counted.has(flowId)) return;
        if (this.counted.size >= OPEN_FLOWS_LIMIT) this.counted.clear();
        this.counted.set(flowId, 1);
      }
      packets = 1;
      timeText = e.timestamp;
    }
    const ts = parseIsoTime(timeText ?? '');
    if (!Number.isFinite(ts)) return this.sink.skip(n, `unparsable timestamp ${quoted(String(timeText ?? ''))}`);
    if (!isValidTime(ts)) return this.sink.skip(n, CHECK.time);
    const dst = typeof e.dest_ip === 'string' ? parseIpv4(e.dest_ip) : -1;
    const icmpType =
      (proto === PROTO.icmp || proto === PROTO.icmpv6) && Number.isInteger(e.icmp_type) && e.icmp_type! >= 0 && e.icmp_type! <= 255 ? e.icmp_type! : -1;
    this.sink.packet(ts, src, port, proto, packets, dst, -1, -1, -1, flags, icmpType);
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'input is empty');
  }
}
