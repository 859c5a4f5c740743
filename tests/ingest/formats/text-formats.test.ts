import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceDecoder, PacketSink } from '../../../src/ingest/packet-sink';
import { NfdumpDecoder, sniffNfdump } from '../../../src/ingest/formats/nfdump';
import { RawTraceDecoder, sniffRawTrace } from '../../../src/ingest/formats/raw-trace';
import { SuricataDecoder, sniffSuricata } from '../../../src/ingest/formats/suricata';
import { ZeekDecoder, sniffZeek } from '../../../src/ingest/formats/zeek';
import { parseIsoTime, parseProtocol, parseTime } from '../../../src/ingest/formats/text-fields';
import { RecordingSink, feed, ipv4Number } from './capture-builder';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
const enc = (s: string) => new TextEncoder().encode(s);

function decode(make: (sink: PacketSink) => TraceDecoder, bytes: Uint8Array, chunk = bytes.length): RecordingSink {
  const sink = new RecordingSink();
  feed(make(sink), bytes, chunk);
  return sink;
}

/** The same records whatever the chunking, byte by byte included (UTF-8 split mid-character too). */
function expectChunkRobust(make: (sink: PacketSink) => TraceDecoder, bytes: Uint8Array): void {
  const whole = decode(make, bytes);
  for (const size of [1, 2, 5, 64]) {
    const chunked = decode(make, bytes, size);
    expect(chunked.packets, `chunk ${size}`).toEqual(whole.packets);
    expect(chunked.skips, `chunk ${size}`).toEqual(whole.skips);
  }
}

const row = (p: RecordingSink['packets'][number]) => [p.ts, p.src, p.dstPort, p.proto, p.packets, p.dstIp];
const T0 = 1617148800; // 2021-03-31T00:00:00Z

describe('text fields', () => {
  it('parses protocol names and numbers', () => {
    expect(['tcp', 'TCP', 'Udp', 'icmp', 'ICMP6', 'IPv6-ICMP', '6', '017', '1', '58'].map(parseProtocol)).toEqual([6, 6, 17, 1, 58, 58, 6, 17, 1, 58]);
    expect(['', 'tcpx', '256', '-1'].map(parseProtocol)).toEqual([-1, -1, -1, -1]);
  });
  it('parses ISO 8601 times with every zone form, and plain seconds', () => {
    expect(parseIsoTime('2021-03-31T00:00:01.000123+0000')).toBeCloseTo(T0 + 1.000123, 6);
    expect(parseIsoTime('2021-03-31T02:00:01+02:00')).toBe(T0 + 1);
    expect(parseIsoTime('2021-03-30T23:00:01-01')).toBe(T0 + 1);
    expect(parseIsoTime('2021-03-31 00:00:02.250')).toBe(T0 + 2.25);
    expect(parseIsoTime('2021-03-31T00:00:03Z')).toBe(T0 + 3);
    expect(parseIsoTime('31/03/2021')).toBeNaN();
    expect(parseTime('1617148800.5')).toBe(T0 + 0.5);
  });
});

describe('Zeek conn.log', () => {
  const make = (s: PacketSink) => new ZeekDecoder(s);

  it('reads flows with their originator packet counts, across concatenated logs', () => {
    const bytes = fixture('conn.log');
    expect(sniffZeek(bytes)).toBe(true);
    const sink = decode(make, bytes);
    expect(sink.packets.map(row)).toEqual([
      [T0 + 0.123456, '192.0.2.10', 23, 6, 1, ipv4Number('198.51.100.7')],
      [T0 + 1.5, '203.0.113.5', 53, 17, 3, ipv4Number('198.51.100.9')],
      [T0 + 2, '192.0.2.10', -1, 1, 1, ipv4Number('198.51.100.7')],
      [T0 + 3.25, '2001:db8::1', 22, 6, 2, -1],
      [T0 + 3600, '192.0.2.99', 445, 6, 1, ipv4Number('198.51.100.8')],
    ]);
    expect(sink.skips).toEqual([
      { line: 13, reason: 'proto "unknown_transport" is not tcp/udp/icmp' },
      { line: 14, reason: 'id.resp_p is unset' },
    ]);
    expectChunkRobust(make, bytes);
  });

  it('reads Zeek JSON logs', () => {
    const bytes = fixture('conn.json.log');
    expect(sniffZeek(bytes)).toBe(true);
    expect(sniffSuricata(bytes)).toBe(false);
    expect(decode(make, bytes).packets.map(row)).toEqual([
      [T0 + 0.123456, '192.0.2.10', 23, 6, 1, ipv4Number('198.51.100.7')],
      [T0 + 1.5, '203.0.113.5', 53, 17, 3, ipv4Number('198.51.100.9')],
    ]);
  });

  it('honours another #separator and refuses a log without the needed fields', () => {
    const comma = '#separator \\x2c\n#fields,ts,id.orig_h,id.resp_p,proto\n1617148800,192.0.2.1,80,tcp\n';
    expect(decode(make, enc(comma)).packets.map(row)).toEqual([[T0, '192.0.2.1', 80, 6, 1, -1]]);
    expect(() => decode(make, enc('#separator \\x09\n#fields\tts\tuid\n1\t2\n'))).toThrow(
      'zeek: line 2: #fields lacks id.orig_h, id.resp_p, proto (found: ts, uid); a conn.log has ts, id.orig_h, id.resp_p, proto',
    );
    expect(() => decode(make, enc('#separator \\x09\n1617148800\t192.0.2.1\n'))).toThrow('zeek: line 2: data before the #fields header line');
  });
});

describe('nfdump CSV', () => {
  const make = (s: PacketSink) => new NfdumpDecoder(s);

  it('reads flows with their input packets and stops at the summary', () => {
    const bytes = fixture('nfdump.csv');
    expect(sniffNfdump(bytes)).toBe(true);
    const sink = decode(make, bytes);
    expect(sink.packets.map(row)).toEqual([
      [T0 + 1, '192.0.2.10', 23, 6, 1, ipv4Number('198.51.100.7')],
      [T0 + 2.25, '203.0.113.5', 53, 17, 4, ipv4Number('198.51.100.9')],
      [T0 + 3, '192.0.2.10', -1, 1, 2, ipv4Number('198.51.100.7')],
      [T0 + 4, '2001:db8::1', 22, 6, 1, -1],
    ]);
    expect(sink.skips).toEqual([{ line: 6, reason: 'pr "GRE" is not TCP/UDP/ICMP' }]);
    expectChunkRobust(make, bytes);
  });

  it('refuses a header without the flow columns', () => {
    expect(() => decode(make, enc('ts,te,td,sa,da\n'))).toThrow(/nfdump: line 1: header lacks dp, pr, ipkt/);
  });
});

describe('Suricata eve.json', () => {
  const make = (s: PacketSink) => new SuricataDecoder(s);

  it('counts flow packets at the flow start, alerts once per flow, never twice', () => {
    const bytes = fixture('eve.json');
    expect(sniffSuricata(bytes)).toBe(true);
    expect(sniffZeek(bytes)).toBe(false);
    const sink = decode(make, bytes);
    expect(sink.packets.map(row)).toEqual([
      [T0 + 1.000123, '192.0.2.10', 23, 6, 2, ipv4Number('198.51.100.7')],
      [T0 + 5.5, '203.0.113.5', 445, 6, 1, ipv4Number('198.51.100.9')], // the alert
      [T0 + 7, '192.0.2.50', 2323, 6, 1, ipv4Number('198.51.100.10')], // two alerts, one flow
      [T0 + 5.5, '203.0.113.5', 445, 6, 2, ipv4Number('198.51.100.9')], // its flow: 3 packets, 1 already counted
      [T0 + 8, '192.0.2.10', -1, 1, 1, ipv4Number('198.51.100.7')], // +0200
      [T0 + 9, '2001:db8::1', 22, 6, 2, -1],
    ]);
    const total = sink.packets.reduce((s, p) => s + p.packets, 0);
    expect(total).toBe(2 + 3 + 1 + 1 + 2);
    expect(sink.skips).toEqual([{ line: 9, reason: 'proto "047" is not TCP/UDP/ICMP' }]);
    expectChunkRobust(make, bytes);
  });

  it('skips lines that are not JSON events', () => {
    const sink = decode(make, enc('{"timestamp":"2021-03-31T00:00:00Z","event_type":"flow"\nnot json\n{"event_type":"dns","timestamp":"x"}\n'));
    expect(sink.skips.map((s) => s.reason)).toEqual(['not valid JSON', 'not valid JSON', 'event "dns" without src_ip']);
  });
});

describe('raw space-separated traces (no header)', () => {
  const make = (s: PacketSink) => new RawTraceDecoder(s);

  it('reads ts src_ip dst_port proto pck_len', () => {
    const bytes = fixture('raw-trace.txt');
    expect(sniffRawTrace(bytes)).toBe(true);
    const sink = decode(make, bytes);
    expect(sink.packets.map((p) => [...row(p), p.length])).toEqual([
      [T0 + 0.5, '192.0.2.10', 23, 6, 1, -1, 60],
      [T0 + 1, '203.0.113.5', 53, 17, 1, -1, 72],
      [T0 + 2, '192.0.2.10', -1, 1, 1, -1, 84],
      [T0 + 3, '2001:db8::1', 22, 6, 1, -1, 80],
    ]);
    expect(sink.skips).toEqual([
      { line: 5, reason: 'proto "47" is not tcp/udp/icmp' },
      { line: 6, reason: 'src_ip "not-an-ip" is not an IP address' },
    ]);
    expectChunkRobust(make, bytes);
  });

  it('does not claim files with a header, commas or other formats', () => {
    for (const other of ['ts src_ip dst_port proto\n1 1.2.3.4 23 6\n', '1,1.2.3.4,23,6\n', '#separator \\x09\n']) {
      expect(sniffRawTrace(enc(other)), other).toBe(false);
    }
    for (const name of ['conn.log', 'nfdump.csv', 'eve.json']) expect(sniffRawTrace(fixture(name)), name).toBe(false);
  });
});

describe('text decoders on bad input', () => {
  it('refuse empty input and binary data without line breaks', () => {
    for (const make of [(s: PacketSink) => new ZeekDecoder(s), (s: PacketSink) => new NfdumpDecoder(s), (s: PacketSink) => new SuricataDecoder(s), (s: PacketSink) => new RawTraceDecoder(s)]) {
      expect(() => decode(make, new Uint8Array(0))).toThrow(/line 0: input is empty/);
      expect(() => decode(make, new Uint8Array(2 << 20).fill(0x41), 65536)).toThrow(/no line break in the first 1048576 characters/);
    }
  });
});
