// TCP flags and ICMP types from Zeek, Suricata and nfdump logs (none carries the IP ID).
import { describe, expect, it } from 'vitest';
import { NfdumpDecoder } from '../../../src/ingest/formats/nfdump';
import { SuricataDecoder } from '../../../src/ingest/formats/suricata';
import { ZeekDecoder, historyFlags } from '../../../src/ingest/formats/zeek';
import type { PacketSink, TraceDecoder } from '../../../src/ingest/packet-sink';
import { RecordingSink, feed, ipv4Number } from './capture-builder';

function decode(make: (sink: PacketSink) => TraceDecoder, text: string): RecordingSink {
  const sink = new RecordingSink();
  feed(make(sink), new TextEncoder().encode(text));
  return sink;
}

const fields = (s: RecordingSink) => s.packets.map((p, i) => [p.src, p.dstPort, p.proto, p.packets, s.headers[i].tcpFlags, s.headers[i].icmpType, s.headers[i].ipId]);

describe('Zeek conn.log', () => {
  const header = '#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\thistory\torig_pkts\tresp_pkts\n';
  it('ORs the originator\'s flags from history and reads the ICMP type from id.orig_p', () => {
    const sink = decode((s) => new ZeekDecoder(s), header +
      '1\t192.0.2.1\t40000\t198.51.100.1\t23\ttcp\tS0\tS\t1\t0\n' +
      '2\t192.0.2.2\t40000\t198.51.100.1\t22\ttcp\tRSTOS0\tSR\t2\t0\n' +
      '3\t192.0.2.3\t8\t198.51.100.1\t0\ticmp\tOTH\t-\t1\t0\n' +
      '4\t192.0.2.4\t3\t198.51.100.1\t3\ticmp\tOTH\t-\t1\t0\n' +
      '5\t192.0.2.5\t5353\t198.51.100.1\t53\tudp\tS0\tD\t1\t0\n');
    expect(sink.skips).toEqual([]);
    expect(fields(sink)).toEqual([
      ['192.0.2.1', 23, 6, 1, 0x02, -1, -1],
      ['192.0.2.2', 22, 6, 2, 0x06, -1, -1],
      ['192.0.2.3', -1, 1, 1, -1, 8, -1],
      ['192.0.2.4', -1, 1, 1, -1, 3, -1],
      ['192.0.2.5', 53, 17, 1, -1, -1, -1],
    ]);
  });

  it('reads a responder-only connection as the responder\'s packets (backscatter)', () => {
    const sink = decode((s) => new ZeekDecoder(s), header +
      '1\t198.51.100.7\t44321\t203.0.113.9\t80\ttcp\tRSTRH\t^hr\t0\t2\n' +
      '2\t198.51.100.8\t5000\t203.0.113.9\t443\ttcp\tOTH\t^h\t0\t1\n');
    expect(sink.skips).toEqual([]);
    expect(sink.packets.map((p) => [p.src, p.dstPort, p.packets, p.dstIp])).toEqual([
      ['203.0.113.9', 44321, 2, ipv4Number('198.51.100.7')],
      ['203.0.113.9', 5000, 1, ipv4Number('198.51.100.8')],
    ]);
    expect(sink.headers.map((h) => h.tcpFlags)).toEqual([0x16, 0x12]);
  });

  it('maps each history letter of one side', () => {
    expect(historyFlags('ShADadFf', false)).toBe(0x13);
    expect(historyFlags('ShADadFf', true)).toBe(0x13);
    expect(historyFlags('Sr', false)).toBe(0x02);
    expect(historyFlags('Sr', true)).toBe(0x04);
    expect(historyFlags('^', false)).toBe(0);
  });
});

describe('Suricata eve.json', () => {
  it('reads the client\'s flags of a flow, a netflow\'s flags, and the ICMP type', () => {
    const sink = decode((s) => new SuricataDecoder(s), [
      '{"timestamp":"2021-03-31T00:00:01Z","event_type":"flow","src_ip":"192.0.2.1","dest_ip":"198.51.100.1","dest_port":80,"proto":"TCP","flow":{"pkts_toserver":1,"start":"2021-03-31T00:00:01Z"},"tcp":{"tcp_flags":"16","tcp_flags_ts":"12","tcp_flags_tc":"04"}}',
      '{"timestamp":"2021-03-31T00:00:02Z","event_type":"netflow","src_ip":"192.0.2.2","dest_ip":"198.51.100.1","dest_port":22,"proto":"TCP","netflow":{"pkts":3,"start":"2021-03-31T00:00:02Z"},"tcp":{"tcp_flags":"14"}}',
      '{"timestamp":"2021-03-31T00:00:03Z","event_type":"flow","src_ip":"192.0.2.3","dest_ip":"198.51.100.1","proto":"ICMP","icmp_type":11,"icmp_code":0,"flow":{"pkts_toserver":1,"start":"2021-03-31T00:00:03Z"}}',
      '{"timestamp":"2021-03-31T00:00:04Z","event_type":"alert","src_ip":"192.0.2.4","dest_ip":"198.51.100.1","dest_port":23,"proto":"TCP"}',
    ].join('\n'));
    expect(sink.skips).toEqual([]);
    expect(fields(sink)).toEqual([
      ['192.0.2.1', 80, 6, 1, 0x12, -1, -1],
      ['192.0.2.2', 22, 6, 3, 0x14, -1, -1],
      ['192.0.2.3', -1, 1, 1, -1, 11, -1],
      ['192.0.2.4', 23, 6, 1, -1, -1, -1],
    ]);
  });
});

describe('nfdump CSV', () => {
  it('reads flg as flags and the type of dp\'s type.code', () => {
    const sink = decode((s) => new NfdumpDecoder(s),
      'ts,te,td,sa,da,sp,dp,pr,flg,ipkt\n' +
        '2021-03-31 00:00:01,2021-03-31 00:00:01,0,192.0.2.1,198.51.100.1,80,41000,TCP,.A..S.,1\n' +
        '2021-03-31 00:00:02,2021-03-31 00:00:02,0,192.0.2.2,198.51.100.1,0,3.3,ICMP,......,2\n' +
        '2021-03-31 00:00:03,2021-03-31 00:00:03,0,192.0.2.3,198.51.100.1,0,0.0,ICMP,......,1\n');
    expect(sink.skips).toEqual([]);
    expect(fields(sink)).toEqual([
      ['192.0.2.1', 41000, 6, 1, 0x12, -1, -1],
      ['192.0.2.2', -1, 1, 2, -1, 3, -1],
      ['192.0.2.3', -1, 1, 1, -1, 0, -1],
    ]);
  });
});
