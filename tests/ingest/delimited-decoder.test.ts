import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/ingest/decoders';
import type { PacketSink } from '../../src/ingest/packet-sink';
import type { ColumnMapping } from '../../src/ingest/column-mapping';
import { gzipped, sourceOf, type Row } from './trace-fixtures';

async function decode(content: string | Uint8Array, mapping?: Partial<ColumnMapping>, chunk = 7) {
  const rows: Row[] = [];
  const skipped: { line: number; reason: string }[] = [];
  const sink: PacketSink = {
    packet: (ts, src, dstPort, proto, packets, dstIp, length, tcpSeq) =>
      rows.push({ ts, src, dstPort, proto, packets, dstIp, length, tcpSeq }),
    skip: (line, reason) => skipped.push({ line, reason }),
  };
  const { format } = await decodeTrace(sourceOf(content, chunk), sink, { fileName: 'trace.csv', mapping });
  return { rows, skipped, format };
}

const row = (ts: number, src: string, dstPort: number, proto = 6, more: Partial<Row> = {}): Row => ({
  ts,
  src,
  dstPort,
  proto,
  packets: 1,
  dstIp: -1,
  length: -1,
  tcpSeq: -1,
  ...more,
});

describe('delimiters', () => {
  const expected = [row(1617148800, '1.2.3.4', 23), row(1617148801.5, '5.6.7.8', 53, 17)];
  it.each([
    ['comma', 'ts,src_ip,dst_port,proto\n1617148800,1.2.3.4,23,6\n1617148801.5,5.6.7.8,53,17\n'],
    ['comma with spaces and CRLF', 'ts, src_ip, dst_port, proto\r\n1617148800, 1.2.3.4, 23, 6\r\n1617148801.5, 5.6.7.8, 53, 17\r\n'],
    ['tab', 'ts\tsrc_ip\tdst_port\tproto\n1617148800\t1.2.3.4\t23\t6\n1617148801.5\t5.6.7.8\t53\t17'],
    ['runs of spaces', 'ts   src_ip dst_port  proto\n  1617148800 1.2.3.4    23 6\n1617148801.5  5.6.7.8 53   17  \n'],
    ['semicolon', 'ts;src_ip;dst_port;proto\n1617148800;1.2.3.4;23;6\n1617148801.5;5.6.7.8;53;17\n'],
    ['quoted', '"ts","src_ip","dst_port","proto"\n"1617148800","1.2.3.4","23","6"\n1617148801.5,"5.6.7.8",53,17\n'],
  ])('%s', async (_name, text) => {
    const { rows, skipped, format } = await decode(text);
    expect(format).toBe('delimited');
    expect(skipped).toEqual([]);
    expect(rows).toEqual(expected);
  });

  it('splits lines across chunk boundaries at any chunk size', async () => {
    const text = 'ts,src_ip,dst_port,proto\n' + Array.from({ length: 50 }, (_, i) => `${1e9 + i},10.0.0.${i},${i},tcp\n`).join('');
    for (const chunk of [1, 2, 3, 64, 1 << 16]) {
      const { rows } = await decode(text, undefined, chunk);
      expect(rows.map((r) => r.src)).toEqual(Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`));
    }
  });
});

describe('column aliases', () => {
  const cases: [string, string][] = [
    ['ts,src_ip,dst_port,proto', 'ts/src_ip/dst_port'],
    ['time,ip,port,protocol', 'time/ip/port/protocol'],
    ['timestamp,src,dport,proto', 'timestamp/src/dport'],
    ['frame.time_epoch,saddr,id.resp_p,proto', 'frame.time_epoch/saddr/id.resp_p'],
    ['TS,ID.ORIG_H,DST_PORT,PROTO', 'upper case'],
  ];
  it.each(cases)('%s (%s)', async (header) => {
    const { rows } = await decode(`${header}\n100,9.9.9.9,80,TCP\n`);
    expect(rows).toEqual([row(100, '9.9.9.9', 80)]);
  });

  it('reads the optional columns: destination IP, length, TCP sequence, packet count', async () => {
    const { rows } = await decode('ts,src_ip,dst_port,proto,dst_ip,pck_len,tcp_seq,pkts\n100,1.1.1.1,23,6,10.0.0.1,60,167772161,5\n');
    expect(rows).toEqual([row(100, '1.1.1.1', 23, 6, { dstIp: 167772161, length: 60, tcpSeq: 167772161, packets: 5 })]);
  });

  it('takes an explicit column mapping over the header names', async () => {
    const { rows } = await decode('a,b,c,d\n100,1.1.1.1,23,udp\n', { ts: 0, src: 1, dstPort: 2, proto: 3 });
    expect(rows).toEqual([row(100, '1.1.1.1', 23, 17)]);
  });

  it('without a protocol column takes every row as TCP', async () => {
    const { rows } = await decode('ts src dst_port\n100 1.1.1.1 23\n');
    expect(rows).toEqual([row(100, '1.1.1.1', 23, 6)]);
  });
});

describe('values', () => {
  it('parses protocol numbers and names in any case; ICMP has no port', async () => {
    const { rows } = await decode('ts,src,port,proto\n1,1.1.1.1,80,Tcp\n2,1.1.1.1,53,UDP\n3,1.1.1.1,,icmp\n4,1.1.1.1,8,1\n5,1.1.1.1,0,17\n');
    expect(rows.map((r) => [r.proto, r.dstPort])).toEqual([
      [6, 80],
      [17, 53],
      [1, -1],
      [1, -1],
      [17, 0],
    ]);
  });

  it('reads unix seconds, fractional seconds, milliseconds, microseconds and ISO 8601 (UTC unless an offset is given)', async () => {
    const { rows, skipped } = await decode(
      'ts,src,port,proto\n' +
        '1617148800,1.1.1.1,80,6\n' +
        '1617148800.25,1.1.1.1,80,6\n' +
        '1617148800250,1.1.1.1,80,6\n' +
        '1617148800250000,1.1.1.1,80,6\n' +
        '2021-03-31T00:00:00Z,1.1.1.1,80,6\n' +
        '2021-03-31T00:00:00.5,1.1.1.1,80,6\n' +
        '2021-03-31 02:00:00+02:00,1.1.1.1,80,6\n' +
        '99999999999,1.1.1.1,80,6\n' +
        '100000000000,1.1.1.1,80,6\n',
    );
    // 99999999999 s is the year 5138: outside the valid range, skipped by line.
    expect(skipped).toEqual([{ line: 9, reason: 'timestamp outside 1970-01-01..2099-12-31 UTC' }]);
    expect(rows.map((r) => r.ts)).toEqual([
      1617148800, 1617148800.25, 1617148800.25, 1617148800.25, 1617148800, 1617148800.5, 1617148800, 100000000,
    ]);
  });

  it('canonicalises IPv6 senders (RFC 5952) and IPv4 leading zeros', async () => {
    const { rows, skipped } = await decode(
      'ts,src,port,proto\n' +
        '1,2001:0DB8:0000:0000:0000:0000:0000:0001,80,6\n' +
        '2,2001:db8:0:0:1:0:0:1,80,6\n' +
        '3,::ffff:192.0.2.1,80,6\n' +
        '4,0:0:0:0:0:0:0:0,80,6\n' +
        '5,fe80::1:0:0:0:1,80,6\n' +
        '6,010.001.002.003,80,6\n',
    );
    expect(skipped).toEqual([]);
    expect(rows.map((r) => r.src)).toEqual(['2001:db8::1', '2001:db8::1:0:0:1', '::ffff:192.0.2.1', '::', 'fe80:0:0:1::1', '10.1.2.3']);
  });

  it('decompresses gzip on the fly', async () => {
    const { rows } = await decode(gzipped('ts,src,port,proto\n100,1.2.3.4,23,6\n'));
    expect(rows).toEqual([row(100, '1.2.3.4', 23)]);
  });
});

describe('bad rows are skipped with their line and reason', () => {
  it('counts each reason', async () => {
    const { rows, skipped } = await decode(
      'ts,src_ip,dst_port,proto,pkts,dst_ip,len,seq\n' +
        '1,1.1.1.1,80,6,1,,,\n' + // line 2: good
        ',1.1.1.1,80,6,1,,,\n' + // 3 missing ts
        '1,1.1.1,80,6,1,,,\n' + // 4 bad ip
        '1,1.1.1.256,80,6,1,,,\n' + // 5 bad ip
        '1,1.1.1.1,65536,6,1,,,\n' + // 6 port out of range
        '1,1.1.1.1,http,6,1,,,\n' + // 7 port not a number
        '1,1.1.1.1,80,gre,1,,,\n' + // 8 unknown protocol
        '1,1.1.1.1,80,47,1,,,\n' + // 9 unknown protocol number
        'yesterday,1.1.1.1,80,6,1,,,\n' + // 10 bad timestamp (and 1e400 below)
        '1,1.1.1.1,80,6,0,,,\n' + // 11 packet count 0
        '1,1.1.1.1,80,6,1,10.0.0.300,,\n' + // 12 bad destination
        '1,1.1.1.1,80,6,1,,-5,\n' + // 13 bad length
        '1,1.1.1.1,80,6,1,,,4294967296\n' + // 14 bad sequence
        '1,1.1.1.1\n' + // 15 missing fields
        '\n' + // 16 blank: ignored
        '2,2.2.2.2,,udp,1,,,\n' + // 17 missing port
        '1e400,1.1.1.1,80,6,1,,,\n', // 18 not a finite time
    );
    expect(rows.map((r) => r.ts)).toEqual([1]);
    expect(skipped).toEqual([
      { line: 3, reason: 'missing field' },
      { line: 4, reason: 'bad IP address' },
      { line: 5, reason: 'bad IP address' },
      { line: 6, reason: 'port not an integer in 0-65535' },
      { line: 7, reason: 'port not an integer in 0-65535' },
      { line: 8, reason: 'unknown protocol' },
      { line: 9, reason: 'unknown protocol' },
      { line: 10, reason: 'bad timestamp' },
      { line: 11, reason: 'bad packet count' },
      { line: 12, reason: 'bad destination IP' },
      { line: 13, reason: 'bad packet length' },
      { line: 14, reason: 'bad TCP sequence number' },
      { line: 15, reason: 'missing field' },
      { line: 17, reason: 'missing field' },
      { line: 18, reason: 'bad timestamp' },
    ]);
  });
});

describe('bad files get one clear message', () => {
  it('empty file', async () => {
    await expect(decode('')).rejects.toThrow('trace.csv: empty file');
  });
  it('empty gzip file', async () => {
    await expect(decode(gzipped(''))).rejects.toThrow('trace.csv: empty file');
  });
  it('binary file', async () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]);
    await expect(decode(elf)).rejects.toThrow('trace.csv: not a recognised trace format (first bytes: 0x7f454c4602010100)');
  });
  it('truncated gzip', async () => {
    const whole = gzipped('ts,src,port,proto\n' + '100,1.2.3.4,23,6\n'.repeat(2000));
    await expect(decode(whole.subarray(0, whole.length - 30))).rejects.toThrow('trace.csv: gzip stream ends early (truncated file?)');
  });
  it('header without the required columns lists what it found and what it accepts', async () => {
    const error = await decode('when,who,what\n1,2,3\n').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('trace.csv: no column for timestamp (ts, time, timestamp, frame.time_epoch');
    expect(message).toContain('sender IP (src_ip, ip, src, saddr, id.orig_h');
    expect(message).toContain('destination port (dst_port, port, dport, id.resp_p');
    expect(message).toContain('columns found: "when", "who", "what"');
  });
  it('a data line where the header should be', async () => {
    // (Space-separated headerless lines are the authors' raw traces: formats/raw-trace.ts reads those.)
    await expect(decode('1617148800,1.2.3.4,23,6\n')).rejects.toThrow('the first line must be a header');
  });
});

describe('records and encodings that are not plain lines', () => {
  it.each([1, 7, 4096])('reads a quoted field holding line breaks as one row, numbered by its first line (chunks of %i)', async (chunk) => {
    const { rows, skipped } = await decode(
      'ts,src_ip,dst_port,note\n1617148800,1.2.3.4,23,"two\nlines, and a ""quote"""\n1617148801,5.6.7.8,53,plain\n1617148802,9.9.9.9,x,"a\r\nb"\n',
      undefined,
      chunk,
    );
    expect(rows.map((r) => r.src)).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(skipped).toEqual([{ line: 5, reason: 'port not an integer in 0-65535' }]);
  });

  it('refuses a quoted field that is never closed, naming the line it opens on', async () => {
    await expect(decode('ts,src_ip,dst_port\n1,1.2.3.4,23\n2,"1.2.3.4,23\n3,5.6.7.8,23\n')).rejects.toThrow(
      'trace.csv: line 3: a quoted field opened on this line is never closed (the file ends inside it)',
    );
  });

  it('refuses a header naming a column twice', async () => {
    await expect(decode('ts,src_ip,dst_port,dst_port\n1,1.2.3.4,23,80\n')).rejects.toThrow(
      'trace.csv: the header names a column twice: "dst_port" (columns 3, 4) for the destination port',
    );
    // An explicit choice settles it.
    const { rows } = await decode('ts,src_ip,dst_port,dst_port\n1617148800,1.2.3.4,23,80\n', { dstPort: 3 });
    expect(rows.map((r) => r.dstPort)).toEqual([80]);
  });

  const body = 'ts,src_ip,dst_port\r1617148800,1.2.3.4,23\r1617148801,5.6.7.8,80\r';
  it('reads CR-only line ends', async () => {
    const { rows, skipped } = await decode(body);
    expect(rows.map((r) => r.dstPort)).toEqual([23, 80]);
    expect(skipped).toEqual([]);
  });

  it.each([
    ['utf-16le', true],
    ['utf-16le', false],
    ['utf-16be', true],
  ] as const)('decodes %s text (byte-order mark: %s)', async (encoding, bom) => {
    const text = (bom ? '\ufeff' : '') + body.replace(/\r/g, '\n');
    const le = Buffer.from(text, 'utf16le');
    const bytes = encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
    const { rows } = await decode(new Uint8Array(bytes), undefined, 5);
    expect(rows.map((r) => r.src)).toEqual(['1.2.3.4', '5.6.7.8']);
  });

  it('refuses UTF-32 by name', async () => {
    const text = 'ts,src_ip,dst_port\n1617148800,1.2.3.4,23\n';
    const bytes = new Uint8Array(text.length * 4);
    for (let i = 0; i < text.length; i++) bytes[i * 4] = text.charCodeAt(i);
    await expect(decode(bytes)).rejects.toThrow('trace.csv: the file is UTF-32LE text');
  });
});
