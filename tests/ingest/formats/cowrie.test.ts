import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CowrieDecoder, eventKind, sniffCowrie, type CowrieEventKind } from '../../../src/ingest/formats/cowrie';
import { sniffSuricata } from '../../../src/ingest/formats/suricata';
import { sniffZeek } from '../../../src/ingest/formats/zeek';
import { decodeTrace, detectFormat } from '../../../src/ingest/decoders';
import { RecordingSink, feed, ipv4Number } from './capture-builder';
import { sourceOf } from '../trace-fixtures';

const bytes = new Uint8Array(readFileSync(new URL('./fixtures/cowrie.json', import.meta.url)));
const T0 = 1617148800;

describe('Cowrie JSON log', () => {
  it('is told from the other JSON logs by its eventids', () => {
    expect(sniffCowrie(bytes)).toBe(true);
    expect(sniffSuricata(bytes)).toBe(false);
    expect(sniffZeek(bytes)).toBe(false);
    expect(detectFormat(bytes, 'cowrie.json').name).toBe('cowrie');
  });

  it('reads each event as one TCP packet of its src_ip to its session\'s dst_port', () => {
    const kinds: CowrieEventKind[] = [];
    const sink = new RecordingSink();
    feed(new CowrieDecoder(sink, 'cowrie.json', (k) => kinds.push(k)), bytes, 17);
    const hp = ipv4Number('198.51.100.7');
    expect(sink.packets.map((p) => [Math.round((p.ts - T0) * 1e3) / 1e3, p.src, p.dstPort, p.proto, p.packets, p.dstIp])).toEqual([
      [1, '192.0.2.10', 2222, 6, 1, hp],
      [1.2, '192.0.2.10', 2222, 6, 1, hp],
      [2.5, '192.0.2.10', 2222, 6, 1, hp],
      [3, '203.0.113.5', 2223, 6, 1, hp],
      [4, '192.0.2.10', 2222, 6, 1, hp],
      [5, '192.0.2.10', 2222, 6, 1, hp],
      [6, '192.0.2.10', 2222, 6, 1, hp],
      [7.5, '192.0.2.10', 2222, 6, 1, hp],
    ]);
    expect(kinds).toEqual(['connect', 'other', 'login', 'connect', 'login', 'command', 'download', 'other']);
    expect(sink.skips).toEqual([
      { line: 8, reason: "no dst_port, and its session's cowrie.session.connect is not in the log" },
      { line: 10, reason: 'not valid JSON' },
    ]);
    expect(sink.headers.every((h) => h.ipId === -1 && h.tcpFlags === -1 && h.icmpType === -1)).toBe(true);
  });

  it('groups event ids into kinds', () => {
    expect(['cowrie.session.connect', 'cowrie.login.failed', 'cowrie.login.success', 'cowrie.command.input', 'cowrie.command.failed', 'cowrie.session.file_download', 'cowrie.session.file_upload', 'cowrie.client.kex'].map(eventKind)).toEqual([
      'connect', 'login', 'login', 'command', 'command', 'download', 'download', 'other',
    ]);
  });

  it('goes through decodeTrace', async () => {
    const sink = new RecordingSink();
    const { format } = await decodeTrace(sourceOf(bytes, 100), sink, { fileName: 'cowrie.json' });
    expect(format).toBe('cowrie');
    expect(sink.packets.length).toBe(8);
  });
});
