// A seeded corpus of bad and odd inputs, one case per way a hostile or careless
// user can get a trace wrong: empty, binary, broken gzip, bombs, odd encodings
// and line ends, wrong headers, absurd values, corrupt captures, hostile text.
// Each case says what must happen: refused (exit 1, a message naming the file
// and, where there is one, the line or byte offset) or read (exit 0, with what
// the summary must say). The seed only varies the filler rows; each case's
// point is fixed, so a failure names a class, not a random draw.
import { gzipSync } from 'node:zlib';
import { ethernet, ipv4Packet, pcapFile, PcapngBuilder } from '../ingest/formats/capture-builder';
import { seededRandom } from '../../src/analyze/random';

export interface BadInput {
  /** File name (the CLI names it in every message). */
  name: string;
  /** The class of problem, for counting. */
  kind: string;
  bytes: Uint8Array;
  /** Arguments after --trace FILE --out OUT; default --min-packets 1. */
  args?: string[];
  /** What must happen. */
  outcome: 'refused' | 'read';
  /** refused: text the error (stderr) must hold besides the file name; read: text the summary (stdout) must hold. */
  says: (string | RegExp)[];
  /** refused: whether the message must name a line or byte offset (false for faults of the whole file, e.g. empty). */
  where?: boolean;
  /** read: the warnings (stdout) must hold these. */
  warns?: (string | RegExp)[];
  /** Also dropped on the page by the Chromium test, which must show this text. */
  page?: string | RegExp;
}

const enc = (s: string) => new TextEncoder().encode(s);
const gz = (b: Uint8Array | string) => new Uint8Array(gzipSync(typeof b === 'string' ? enc(b) : b));
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const prng = seededRandom;

export const T0 = 1617148800; // 2021-03-31T00:00:00Z
const HEADER = 'ts,src_ip,dst_port,proto';

/** Valid rows: `n` packets from a few senders over an hour. */
function rows(random: () => number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const sender = `192.0.2.${1 + Math.floor(random() * 5)}`;
    out.push(`${T0 + i * 10},${sender},${[23, 80, 445][Math.floor(random() * 3)]},6`);
  }
  return out;
}

const csv = (lines: string[]) => enc(lines.join('\n') + '\n');
const tcp = (sec: number, dstPort = 23, src = '192.0.2.10') => ({ sec, frac: 0, data: ethernet(ipv4Packet(src, '203.0.113.5', { proto: 6, dstPort })) });
const ZEEK_HEAD = ['#separator \\x09', '#unset_field\t-', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_pkts'];
const zeek = (...data: string[]) => enc([...ZEEK_HEAD, ...data].join('\n') + '\n');
const eve = (o: Record<string, unknown>) => JSON.stringify({ timestamp: '2021-03-31T00:00:01.000000+0000', event_type: 'alert', src_ip: '192.0.2.10', dest_ip: '203.0.113.5', dest_port: 23, proto: 'TCP', ...o });

/** Bytes that inflate to `inflated` bytes of one valid row repeated (a gzip bomb of valid data). */
export function rowBomb(inflated: number): Uint8Array {
  const row = `${T0},192.0.2.66,23,6\n`;
  const block = enc(row.repeat(Math.ceil((1 << 20) / row.length)));
  const parts: Uint8Array[] = [enc(HEADER + '\n')];
  for (let n = 0; n < inflated; n += block.length) parts.push(block);
  return gz(cat(...parts));
}

export function badInputs(seed = 16): BadInput[] {
  const random = prng(seed);
  const good = () => rows(random, 20);
  const cases: BadInput[] = [];
  const add = (c: BadInput) => cases.push(c);

  // ---- empty and tiny ----
  add({ name: 'empty.csv', kind: 'empty', bytes: new Uint8Array(0), outcome: 'refused', says: ['empty file'], where: false, page: 'empty file' });
  add({ name: 'bom-only.csv', kind: 'empty', bytes: enc('\ufeff'), outcome: 'refused', says: ['no header line'], where: false });
  add({ name: 'newlines.csv', kind: 'empty', bytes: enc('\n\n\r\n\n'), outcome: 'refused', says: ['no header line'], where: false });
  add({ name: 'header-only.csv', kind: 'empty', bytes: enc(HEADER + '\n'), outcome: 'refused', says: ['no data rows'], where: false });
  add({ name: 'one-byte.csv', kind: 'empty', bytes: enc('x'), outcome: 'refused', says: ['no column for timestamp'], where: false });
  add({ name: 'utf16-bom-only.csv', kind: 'empty', bytes: new Uint8Array([0xff, 0xfe]), outcome: 'refused', says: ['empty file (UTF-16LE'], where: false });

  // ---- binary, not a trace ----
  const junk = new Uint8Array(4096).map(() => Math.floor(random() * 256));
  add({ name: 'random.bin', kind: 'binary', bytes: junk, outcome: 'refused', says: ['not a recognised trace format (first bytes: 0x'], where: false, page: 'not a recognised trace format' });
  add({ name: 'program.elf', kind: 'binary', bytes: cat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), new Uint8Array(200)), outcome: 'refused', says: ['not a recognised trace format (first bytes: 0x7f454c46'], where: false });
  add({ name: 'image.png', kind: 'binary', bytes: cat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), new Uint8Array(64)), outcome: 'refused', says: ['not a recognised trace format'], where: false });
  add({ name: 'nul-bytes.csv', kind: 'binary', bytes: new Uint8Array(1000), outcome: 'refused', says: ['not a recognised trace format'], where: false });

  // ---- gzip ----
  const gzGood = gz(csv([HEADER, ...good()]));
  add({ name: 'truncated.csv.gz', kind: 'gzip', bytes: gzGood.subarray(0, gzGood.length >> 1), outcome: 'refused', says: ['gzip stream ends early (truncated file?)'], where: false, page: 'gzip stream ends early' });
  const flipped = Uint8Array.from(gzGood);
  flipped.fill(0xff, 12, 30);
  add({ name: 'corrupt.csv.gz', kind: 'gzip', bytes: flipped, outcome: 'refused', says: [/gzip data is corrupt \(.+\) in member 1 starting at byte 0/], where: true });
  const badCrc = Uint8Array.from(gzGood);
  badCrc[badCrc.length - 6] ^= 0xff;
  add({ name: 'bad-crc.csv.gz', kind: 'gzip', bytes: badCrc, outcome: 'refused', says: ['gzip data is corrupt (CRC check failed) in member 1 starting at byte 0'] });
  add({ name: 'gzip-header-only.gz', kind: 'gzip', bytes: gzGood.subarray(0, 10), outcome: 'refused', says: ['gzip stream ends early'], where: false });
  const method = Uint8Array.from(gzGood);
  method[2] = 7;
  add({ name: 'not-deflate.gz', kind: 'gzip', bytes: method, outcome: 'refused', says: ['compression method 7, not deflate) in member 1 starting at byte 0'] });
  add({ name: 'nested.csv.gz.gz', kind: 'gzip', bytes: gz(gzGood), outcome: 'refused', says: ['gzip inside gzip'], where: false, page: 'gzip inside gzip' });
  add({ name: 'empty.gz', kind: 'gzip', bytes: gz(''), outcome: 'refused', says: ['empty file'], where: false });
  const head = gz(HEADER + '\n');
  const body = gz(csv(good()));
  add({ name: 'multi-member.csv.gz', kind: 'gzip', bytes: cat(head, body, gz(csv(good()))), outcome: 'read', says: ['rows read: 40 (delimited)', 'rows skipped: 0'], page: /40 rows|rows read40/ });
  const trailing = enc('this is not gzip');
  add({ name: 'trailing-garbage.csv.gz', kind: 'gzip', bytes: cat(gzGood, trailing), outcome: 'read', says: ['rows read: 20'], warns: [`16 bytes after the last gzip member (from byte ${gzGood.length}) are not gzip and were ignored`], page: 'rows read20' });
  add({ name: 'trailing-zeros.csv.gz', kind: 'gzip', bytes: cat(gzGood, new Uint8Array(512)), outcome: 'read', says: ['rows read: 20'], warns: [`512 bytes after the last gzip member (from byte ${gzGood.length})`] });
  add({ name: 'bomb-32MB.csv.gz', kind: 'bomb', bytes: rowBomb(32 << 20), outcome: 'read', says: ['senders: 1 before the filter', 'sentences: 1, tokens: 1'] });

  // ---- encodings and line ends ----
  const utf16 = (s: string, be = false) => {
    const le = Buffer.from(s, 'utf16le');
    return new Uint8Array(be ? Buffer.from(le).swap16() : le);
  };
  const text = [HEADER, ...good()].join('\n') + '\n';
  add({ name: 'utf16le-bom.csv', kind: 'encoding', bytes: utf16('\ufeff' + text), outcome: 'read', says: ['rows read: 20', 'rows skipped: 0'], page: 'rows read20' });
  add({ name: 'utf16be-bom.csv', kind: 'encoding', bytes: utf16('\ufeff' + text, true), outcome: 'read', says: ['rows read: 20', 'rows skipped: 0'] });
  add({ name: 'utf16le-no-bom.csv', kind: 'encoding', bytes: utf16(text), outcome: 'read', says: ['rows read: 20', 'rows skipped: 0'] });
  const u32 = new Uint8Array(text.length * 4);
  for (let i = 0; i < text.length; i++) u32[i * 4] = text.charCodeAt(i);
  add({ name: 'utf32.csv', kind: 'encoding', bytes: u32, outcome: 'refused', says: ['the file is UTF-32LE text'], where: false });
  add({ name: 'cr-only.csv', kind: 'line ends', bytes: enc(text.replace(/\n/g, '\r')), outcome: 'read', says: ['rows read: 20', 'rows skipped: 0'], page: 'rows read20' });
  add({ name: 'mixed-line-ends.csv', kind: 'line ends', bytes: enc(text.split('\n').map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('')), outcome: 'read', says: ['rows read: 20', 'rows skipped: 0'] });
  add({ name: 'latin1-note.csv', kind: 'encoding', bytes: cat(enc(`${HEADER},note\n${T0},192.0.2.1,23,6,`), new Uint8Array([0xe9, 0xe8]), enc(`\n${T0 + 1},192.0.2.1,23,6,x\n`)), outcome: 'read', says: ['rows read: 2', 'rows skipped: 0'] });
  add({ name: 'bad-utf8-ip.csv', kind: 'encoding', bytes: cat(enc(`${HEADER}\n${T0},192.0.2.`), new Uint8Array([0xff, 0xfe]), enc(`,23,6\n${T0 + 1},192.0.2.1,23,6\n`)), outcome: 'read', says: ['1 bad IP address (line 2)'] });

  // ---- headers ----
  add({ name: 'duplicate-dst-port.csv', kind: 'header', bytes: csv(['ts,src_ip,dst_port,dst_port', `${T0},192.0.2.1,23,80`]), outcome: 'refused', says: ['the header names a column twice: "dst_port" (columns 3, 4) for the destination port'], where: false, page: 'dst_port' });
  add({ name: 'duplicate-src.csv', kind: 'header', bytes: csv(['ts,SRC_IP,dst_port,src_ip', `${T0},192.0.2.1,23,192.0.2.2`]), outcome: 'refused', says: ['"SRC_IP" (columns 2, 4) for the sender IP'], where: false });
  add({ name: 'no-timestamp.csv', kind: 'header', bytes: csv(['when,src_ip,dst_port', `${T0},192.0.2.1,23`]), outcome: 'refused', says: ['no column for timestamp'], where: false, page: 'choose the columns' });
  add({ name: 'data-as-header.csv', kind: 'header', bytes: csv(good()), outcome: 'refused', says: ['no column for timestamp', 'the first line must be a header'], where: false });
  const wide = Array.from({ length: 100_000 }, (_, i) => (i < 3 ? ['ts', 'src_ip', 'dst_port'][i] : `c${i}`));
  add({ name: 'wide-100k-columns.csv', kind: 'header', bytes: csv([wide.join(','), wide.map((_, i) => (i === 0 ? T0 : i === 1 ? '192.0.2.1' : '23')).join(',')]), outcome: 'read', says: ['rows read: 1'], page: 'columns detected' });
  add({ name: 'header-over-1MB.csv', kind: 'lines', bytes: csv(['ts,src_ip,dst_port,' + 'x'.repeat(1_100_000), `${T0},192.0.2.1,23,x`]), outcome: 'refused', says: ['line 1 is longer than 1048576 bytes'] });

  // ---- lines ----
  add({ name: 'line-1.2MB.csv', kind: 'lines', bytes: csv([HEADER, ...good().slice(0, 3), `${T0},192.0.2.1,23,6,${'9'.repeat(1_200_000)}`]), outcome: 'refused', says: ['line 5 is longer than 1048576 bytes'], page: 'longer than 1048576' });
  add({ name: 'line-50MB.csv', kind: 'lines', bytes: cat(enc(HEADER + '\n'), new Uint8Array(50 << 20).fill(0x31)), outcome: 'refused', says: ['line 2 is longer than 1048576 bytes'], page: 'longer than 1048576' });
  add({ name: 'quoted-newline.csv', kind: 'lines', bytes: csv([`${HEADER},note`, `${T0},192.0.2.1,23,6,"first`, `second, with a comma"`, `${T0 + 1},192.0.2.2,80,6,plain`]), outcome: 'read', says: ['rows read: 2', 'rows skipped: 0'] });
  add({ name: 'unclosed-quote.csv', kind: 'lines', bytes: csv([`${HEADER},note`, `${T0},192.0.2.1,23,6,ok`, `${T0},192.0.2.1,23,6,"never closed`, ...good()]), outcome: 'refused', says: ['line 3: a quoted field opened on this line is never closed'] });
  add({ name: 'quote-mid-field.csv', kind: 'lines', bytes: csv([`${HEADER},note`, `${T0},192.0.2.1,23,6,5" screen`, `${T0 + 1},192.0.2.1,23,6,x`]), outcome: 'read', says: ['rows read: 2', 'rows skipped: 0'] });

  // ---- timestamps ----
  const withTs = (ts: string[]) => csv([HEADER, ...ts.map((t, i) => `${t},192.0.2.${i % 3},23,6`), ...good()]);
  const RANGE = 'timestamp outside 1970-01-01..2099-12-31 UTC';
  add({ name: 'ts-1e300.csv', kind: 'timestamp', bytes: withTs(['1e300']), outcome: 'read', says: [`1 ${RANGE} (line 2)`], page: RANGE });
  add({ name: 'ts-negative.csv', kind: 'timestamp', bytes: withTs(['-5', '-1617148800']), outcome: 'read', says: [`2 ${RANGE} (lines 2, 3)`] });
  add({ name: 'ts-year-5138.csv', kind: 'timestamp', bytes: withTs(['99999999999', '5138-01-01T00:00:00Z']), outcome: 'read', says: [`2 ${RANGE} (lines 2, 3)`] });
  add({ name: 'ts-2100.csv', kind: 'timestamp', bytes: withTs(['4102444800', '4102444799']), outcome: 'read', says: [`1 ${RANGE} (line 2)`] });
  add({ name: 'ts-year-0099.csv', kind: 'timestamp', bytes: withTs(['0099-06-01T00:00:00Z']), outcome: 'read', says: [`1 ${RANGE} (line 2)`] });
  add({ name: 'ts-words.csv', kind: 'timestamp', bytes: withTs(['NaN', 'Infinity', '', '2021-13-45']), outcome: 'read', says: ['3 bad timestamp', '1 missing field (line 4)'] });
  add({ name: 'ts-all-bad.csv', kind: 'timestamp', bytes: csv([HEADER, `1e300,192.0.2.1,23,6`, `-1,192.0.2.1,23,6`]), outcome: 'refused', says: [`all 2 rows were skipped (line 2: ${RANGE}; line 3: ${RANGE})`], page: 'all 2 rows were skipped' });
  add({ name: 'raw-ts-1e20.txt', kind: 'timestamp', bytes: enc(`${T0} 192.0.2.1 23 6\n1e20 192.0.2.1 23 6\n100000000000000000000 192.0.2.2 23 6\n${T0 + 1} 192.0.2.1 23 6\n`), outcome: 'read', says: ['(raw trace)', `2 ${RANGE} (lines 2, 3)`] });
  add({ name: 'zeek-ts-1e20.log', kind: 'timestamp', bytes: zeek(`100000000000000000000\tC1\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t1`, `1e20\tC1\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t1`, `${T0}\tC2\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t1`), outcome: 'read', says: ['(zeek)', `1 ${RANGE} (line 4)`, '1 unparsable ts (line 5)'], page: RANGE });
  add({ name: 'eve-year-99999.json', kind: 'timestamp', bytes: enc([eve({ timestamp: '99999-01-01T00:00:00Z' }), eve({ timestamp: '1969-12-31T23:59:59Z', flow_id: 2 }), eve({ flow_id: 3 })].join('\n') + '\n'), outcome: 'read', says: ['(suricata)', '1 unparsable timestamp (line 1)', `1 ${RANGE} (line 2)`] });
  add({ name: 'pcap-ts-2106.pcap', kind: 'timestamp', bytes: pcapFile([tcp(T0), tcp(0xffffffff), tcp(T0 + 1)]), outcome: 'read', says: ['(pcap)', `1 ${RANGE} (line 2)`] });
  add({ name: 'pcapng-tsresol.pcapng', kind: 'timestamp', bytes: new PcapngBuilder().section().interface(1, { tsresol: 0 }).enhanced(0, BigInt(T0), tcp(0).data).enhanced(0, 2n ** 60n, tcp(0).data).build(), outcome: 'read', says: ['(pcapng)', `1 ${RANGE} (line 2)`] });

  // ---- absurd values ----
  add({ name: 'ports-out-of-range.csv', kind: 'values', bytes: csv([HEADER, `${T0},192.0.2.1,65536,6`, `${T0},192.0.2.1,-1,6`, `${T0},192.0.2.1,8.5,17`, ...good()]), outcome: 'read', says: ['3 port not an integer in 0-65535 (lines 2, 3, 4)'] });
  add({ name: 'proto-300.csv', kind: 'values', bytes: csv([HEADER, `${T0},192.0.2.1,23,300`, `${T0},192.0.2.1,23,gre`, ...good()]), outcome: 'read', says: ['2 unknown protocol (lines 2, 3)'] });
  add({ name: 'ips-odd.csv', kind: 'values', bytes: csv([HEADER, `${T0},999.1.1.1,23,6`, `${T0},1.2.3,23,6`, `${T0},fe80::1%eth0,23,6`, `${T0},::ffff:1.2.3.4:5,23,6`, `${T0},<script>,23,6`, ...good()]), outcome: 'read', says: ['4 bad IP address (lines 2, 3, 5, ...)'] });
  add({ name: 'packets-2x-int32.csv', kind: 'overflow', bytes: csv([`${HEADER},packets`, `${T0},192.0.2.9,23,6,2147483647`, `${T0 + 1},192.0.2.9,23,6,2147483647`, `${T0 + 2},192.0.2.8,23,6,3`]), outcome: 'read', says: ['packets: 2,147,483,650', "1 the sender's packets would pass 2147483647 (line 3)", 'senders: 2 before the filter, 2 with'] });
  add({ name: 'packets-zero-and-huge.csv', kind: 'overflow', bytes: csv([`${HEADER},packets`, `${T0},192.0.2.9,23,6,0`, `${T0},192.0.2.9,23,6,99999999999999999999`, `${T0},192.0.2.9,23,6,1`]), outcome: 'read', says: ['1 bad packet count (line 2)', '1 packet count above 2147483647 (line 3)'] });
  add({ name: 'zeek-orig-pkts-2^32.log', kind: 'overflow', bytes: zeek(`${T0}\tC1\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t4294967296`, `${T0}\tC2\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t7`), outcome: 'read', says: ['packets: 7', '1 packet count above 2147483647 (line 4)'] });
  add({ name: 'eve-pkts-huge.json', kind: 'overflow', bytes: enc([eve({ event_type: 'flow', flow: { pkts_toserver: 1e300, start: '2021-03-31T00:00:01Z' } }), eve({ flow_id: 5 })].join('\n') + '\n'), outcome: 'read', says: ['1 packet count above 2147483647 (line 1)'] });

  // ---- captures ----
  const pcap = pcapFile([tcp(T0), tcp(T0 + 1), tcp(T0 + 2)]);
  add({ name: 'pcap-cut-header.pcap', kind: 'capture', bytes: pcap.subarray(0, 20), outcome: 'refused', says: ['pcap: input ends inside a record (4 more bytes expected) at byte 0'], page: 'input ends inside a record' });
  add({ name: 'pcap-cut-record.pcap', kind: 'capture', bytes: pcap.subarray(0, pcap.length - 5), outcome: 'refused', says: [/pcap: input ends inside a record \(5 more bytes expected\) at byte \d+/], page: /at byte \d+/ });
  const huge = Uint8Array.from(pcap);
  new DataView(huge.buffer).setUint32(24 + 8, 0x40000000);
  add({ name: 'pcap-1GB-record.pcap', kind: 'capture', bytes: huge, outcome: 'refused', says: ['pcap: record 1 claims 1073741824 captured bytes (more than 262144): the file is corrupt at byte 24'] });
  add({ name: 'pcap-linktype-147.pcap', kind: 'capture', bytes: pcapFile([tcp(T0)], { linkType: 147 }), outcome: 'refused', says: ['link type 147 is not supported', 'at byte 20'] });
  add({ name: 'pcap-no-packets.pcap', kind: 'capture', bytes: pcapFile([]), outcome: 'refused', says: ['no data rows'], where: false, page: 'no data rows' });
  add({ name: 'pcap-valid.pcap', kind: 'capture', bytes: pcap, outcome: 'read', says: ['rows read: 3 (pcap)'], page: 'rows read3' });
  const ng = new PcapngBuilder().section().interface(1).enhanced(0, BigInt(T0) * 1_000_000n, tcp(0).data).build();
  add({ name: 'pcapng-valid.pcapng', kind: 'capture', bytes: ng, outcome: 'read', says: ['rows read: 1 (pcapng)'], page: 'rows read1' });
  const short = Uint8Array.from(ng);
  new DataView(short.buffer).setUint32(28 + 4, 8, true);
  add({ name: 'pcapng-block-length-8.pcapng', kind: 'capture', bytes: short, outcome: 'refused', says: ['pcapng: block length 8 is smaller than a block header at byte 32'], page: 'at byte 32' });
  const odd = Uint8Array.from(ng);
  new DataView(odd.buffer).setUint32(28 + 4, 22, true);
  add({ name: 'pcapng-block-length-22.pcapng', kind: 'capture', bytes: odd, outcome: 'refused', says: ['block length 22 is not a multiple of 4 at byte 32'] });
  const trailer = Uint8Array.from(ng);
  trailer[trailer.length - 4] ^= 4;
  add({ name: 'pcapng-trailer-mismatch.pcapng', kind: 'capture', bytes: trailer, outcome: 'refused', says: [/does not match its trailing copy \d+ at byte \d+/] });
  add({ name: 'pcapng-no-section.pcapng', kind: 'capture', bytes: cat(new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]), new Uint8Array(4), new Uint8Array([0x4d, 0x3c, 0x2b, 0x1b]), new Uint8Array(20)), outcome: 'refused', says: ['not a recognised trace format'], where: false });
  add({ name: 'pcapng-unknown-iface.pcapng', kind: 'capture', bytes: new PcapngBuilder().section().interface(1).enhanced(3, BigInt(T0) * 1_000_000n, tcp(0).data).enhanced(0, BigInt(T0) * 1_000_000n, tcp(0).data).build(), outcome: 'read', says: ['1 packet on interface 3, but the section describes 1 (line 1)'] });
  add({ name: 'pcapng-big-unknown-block.pcapng', kind: 'capture', bytes: new PcapngBuilder().section().interface(1).other(0x0bad, 3 << 20).enhanced(0, BigInt(T0) * 1_000_000n, tcp(0).data).build(), outcome: 'read', says: ['rows read: 1 (pcapng)'] });

  // ---- structured text ----
  add({ name: 'zeek-data-before-fields.log', kind: 'zeek', bytes: enc(`#separator \\x09\n${T0}\tC1\t192.0.2.1\t1\t203.0.113.5\t23\ttcp\t1\n`), outcome: 'refused', says: ['zeek: line 2: data before the #fields header line'] });
  add({ name: 'zeek-fields-lack-proto.log', kind: 'zeek', bytes: enc('#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_p\n'), outcome: 'refused', says: ['zeek: line 2: #fields lacks proto'] });
  add({ name: 'zeek-json-odd.log', kind: 'zeek', bytes: enc(['{"id.orig_h":"192.0.2.1","id.resp_p":23,"proto":"tcp","ts":' + T0 + '}', 'null', '[1,2]', '{"id.orig_h":', '{"ts":"x","id.orig_h":"192.0.2.1","id.resp_p":23,"proto":"tcp"}'].join('\n') + '\n'), outcome: 'read', says: ['2 not a JSON object (lines 2, 3)', '1 not valid JSON (line 4)', '1 unparsable ts (line 5)'] });
  add({ name: 'eve-not-events.json', kind: 'suricata', bytes: enc([eve({}), '{"event_type":"x","timestamp":"y"}', 'garbage', eve({ src_ip: 12 })].join('\n') + '\n'), outcome: 'read', says: ['1 not valid JSON (line 3)', /2 event without src_ip \(lines 2, 4\)/] });
  add({ name: 'nfdump-lacks-ipkt.csv', kind: 'nfdump', bytes: enc('ts,te,td,sa,da,sp,dp,pr\n2021-03-31 00:00:01,x,0,192.0.2.1,203.0.113.5,1,23,TCP\n'), outcome: 'refused', says: ['nfdump: line 1: header lacks ipkt'] });

  // ---- hostile text: shown as text, escapes never reach the terminal ----
  add({ name: 'ansi-escapes.csv', kind: 'hostile', bytes: csv([HEADER, `\u001b[2J\u001b[31m,192.0.2.1,23,6`, `${T0},\u001b]0;pwned\u0007,23,6`, ...good()]), outcome: 'read', says: ['1 bad timestamp (line 2)', '1 bad IP address (line 3)'] });
  add({ name: 'markup.txt', kind: 'hostile', bytes: enc(`${T0} 192.0.2.1 23 6\n${T0} <img/src/onerror=alert(1)> 23 6\n<b>x</b> 192.0.2.1 23 6\n`), outcome: 'read', says: ['(raw trace)', '1 src_ip is not an IP address (line 2)', '1 unparsable ts (line 3)'] });

  // ---- the filter empties everything: the message names the trace and the filter ----
  add({ name: 'all-filtered.csv', kind: 'filter', bytes: csv([HEADER, ...good()]), args: ['--min-packets', '1000'], outcome: 'refused', says: ['no sender has at least 1000 packets', '--min-packets'], where: false });

  return cases;
}

/** Cases per class, for the report. */
export function countByKind(cases: BadInput[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) out[c.kind] = (out[c.kind] ?? 0) + 1;
  return out;
}
