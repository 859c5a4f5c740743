// The optional ip_id, tcp_flags and icmp_type columns of delimited traces.
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/ingest/decoders';
import type { PacketSink } from '../../src/ingest/packet-sink';
import { sourceOf } from './trace-fixtures';

async function decode(text: string) {
  const rows: [string, number, number, number, number][] = [];
  const skipped: { line: number; reason: string }[] = [];
  const sink: PacketSink = {
    packet: (_ts, src, _port, proto, _packets, _dst, _len, _seq, ipId, tcpFlags, icmpType) => rows.push([src, proto, ipId, tcpFlags, icmpType]),
    skip: (line, reason) => skipped.push({ line, reason }),
  };
  await decodeTrace(sourceOf(text, 5), sink, { fileName: 'trace.csv' });
  return { rows, skipped };
}

describe('fingerprint columns in CSV', () => {
  it('reads IP ID (decimal or hex), TCP flags (number or letters) and ICMP type', async () => {
    const { rows, skipped } = await decode(
      'ts,src_ip,dst_port,proto,ip_id,tcp_flags,icmp_type\n' +
        '1,10.0.0.1,80,6,54321,SA,\n' +
        '2,10.0.0.2,80,6,0xd431,18,\n' +
        '3,10.0.0.3,80,6,,R,\n' +
        '4,10.0.0.4,,1,7,,3\n' +
        '5,10.0.0.5,53,17,8,S,0\n' + // flags and type of another protocol are not its own: ignored
        '6,2001:db8::1,,58,,,129\n',
    );
    expect(skipped).toEqual([]);
    expect(rows).toEqual([
      ['10.0.0.1', 6, 54321, 0x12, -1],
      ['10.0.0.2', 6, 0xd431, 18, -1],
      ['10.0.0.3', 6, -1, 4, -1],
      ['10.0.0.4', 1, 7, -1, 3],
      ['10.0.0.5', 17, 8, -1, -1],
      ['2001:db8::1', 58, -1, -1, 129],
    ]);
  });

  it('finds the columns by their aliases (tshark, nfdump)', async () => {
    const { rows } = await decode('frame.time_epoch,ip.src,tcp.dstport,ip.proto,ip.id,tcp.flags\n1,10.0.0.1,23,6,0x0001,0x0012\n');
    expect(rows).toEqual([['10.0.0.1', 6, 1, 0x12, -1]]);
    const nf = await decode('ts,src_ip,dst_port,proto,flg,itype\n1,10.0.0.1,23,6,.A..S.,\n2,10.0.0.2,,1,,11\n');
    expect(nf.rows).toEqual([['10.0.0.1', 6, -1, 0x12, -1], ['10.0.0.2', 1, -1, -1, 11]]);
  });

  it('skips rows with bad values, naming the field', async () => {
    const { rows, skipped } = await decode(
      'ts,src_ip,dst_port,proto,ip_id,tcp_flags,icmp_type\n1,10.0.0.1,80,6,65536,S,\n2,10.0.0.2,80,6,1,SYN,\n3,10.0.0.3,,1,1,,256\n4,10.0.0.4,80,6,1,S,\n',
    );
    expect(skipped).toEqual([
      { line: 2, reason: 'bad IP ID' },
      { line: 3, reason: 'bad TCP flags' },
      { line: 4, reason: 'bad ICMP type' },
    ]);
    expect(rows).toEqual([['10.0.0.4', 6, 1, 2, -1]]);
  });
});
