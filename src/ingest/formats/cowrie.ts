// Cowrie honeypot JSON logs (cowrie.json): one object per line with eventid
// ("cowrie.session.connect", "cowrie.login.failed", "cowrie.command.input",
// "cowrie.session.file_download", ...), src_ip, an ISO timestamp and session.
//
// Each event is one occurrence of its src_ip at its timestamp, TCP to its
// dst_port. Only the session's cowrie.session.connect event carries dst_port
// (and dst_ip): later events of the session take them from it. An event
// whose session connected before the log began has no port and is skipped
// with that reason. Events without src_ip (cowrie.log.closed, ...) carry no
// sender and are passed over silently.
//
// `eventKind` groups event ids into the kinds an analyst reads a honeypot by
// (connect, login, command, download, other); CowrieDecoder reports each
// event's kind through `onEventKind` just before its packet, for consumers
// that use it as the service (see docs/trace-formats.md).
import { PROTO, type PacketSink } from '../packet-sink';
import { parseIpv4 } from '../ip-address';
import { LineDecoder } from './line-decoder';
import { SenderText, parseIsoTime } from './text-fields';

export function sniffCowrie(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 2048));
  return /^\s*\{/.test(text) && /"eventid"\s*:\s*"cowrie\./.test(text);
}

export const COWRIE_EVENT_KINDS = ['connect', 'login', 'command', 'download', 'other'] as const;
export type CowrieEventKind = (typeof COWRIE_EVENT_KINDS)[number];

/** The kind of a Cowrie event id. */
export function eventKind(eventid: string): CowrieEventKind {
  if (eventid === 'cowrie.session.connect') return 'connect';
  if (eventid.startsWith('cowrie.login.')) return 'login';
  if (eventid.startsWith('cowrie.command.')) return 'command';
  if (eventid === 'cowrie.session.file_download' || eventid === 'cowrie.session.file_upload' || eventid.startsWith('cowrie.session.file_download.')) {
    return 'download';
  }
  return 'other';
}

/** Sessions awaiting later events; cleared past this many (a log of years). */
const OPEN_SESSIONS_LIMIT = 1 << 20;

interface CowrieEvent {
  eventid?: string;
  src_ip?: string;
  dst_ip?: string;
  dst_port?: number;
  timestamp?: string;
  session?: string;
}

export class CowrieDecoder extends LineDecoder {
  private readonly senders = new SenderText();
  private readonly sessions = new Map<string, { port: number; dst: number }>();

  constructor(
    private readonly sink: PacketSink,
    fileName?: string,
    private readonly onEventKind?: (kind: CowrieEventKind) => void,
  ) {
    super('cowrie', fileName);
  }

  protected line(text: string, n: number): void {
    let e: CowrieEvent;
    try {
      e = JSON.parse(text);
    } catch {
      return this.sink.skip(n, 'not valid JSON');
    }
    if (e === null || typeof e !== 'object') return this.sink.skip(n, 'not a JSON object');
    if (typeof e.eventid !== 'string') return this.sink.skip(n, 'no eventid');
    if (e.src_ip === undefined) return;
    if (typeof e.src_ip !== 'string') return this.sink.skip(n, 'src_ip is not text');
    const src = this.senders.canonical(e.src_ip);
    if (src === null) return this.sink.skip(n, `src_ip "${e.src_ip}" is not an IP address`);
    const ts = parseIsoTime(e.timestamp ?? '');
    if (!Number.isFinite(ts)) return this.sink.skip(n, `unparsable timestamp "${e.timestamp ?? ''}"`);
    let port = -1;
    let dst = -1;
    if (e.dst_port !== undefined) {
      if (!Number.isInteger(e.dst_port) || e.dst_port < 0 || e.dst_port > 65535) return this.sink.skip(n, `dst_port "${e.dst_port}" is not a port`);
      port = e.dst_port;
      dst = typeof e.dst_ip === 'string' ? parseIpv4(e.dst_ip) : -1;
      if (typeof e.session === 'string') {
        if (this.sessions.size >= OPEN_SESSIONS_LIMIT) this.sessions.clear();
        this.sessions.set(e.session, { port, dst });
      }
    } else {
      const known = typeof e.session === 'string' ? this.sessions.get(e.session) : undefined;
      if (!known) return this.sink.skip(n, 'no dst_port, and its session\'s cowrie.session.connect is not in the log');
      port = known.port;
      dst = known.dst;
    }
    if (e.eventid === 'cowrie.session.closed' && typeof e.session === 'string') this.sessions.delete(e.session);
    this.onEventKind?.(eventKind(e.eventid));
    this.sink.packet(ts, src, port, PROTO.tcp, 1, dst, -1, -1, -1, -1, -1);
  }

  protected finish(lines: number): void {
    if (lines === 0) this.fail(0, 'input is empty');
  }
}
