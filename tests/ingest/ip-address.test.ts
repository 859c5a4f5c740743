import { describe, expect, it } from 'vitest';
import { Ipv4Formatter, canonicalIp, formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../src/ingest/ip-address';
import { ipv6Bytes } from './formats/capture-builder';

const v6 = (text: string) => formatIpv6(Uint8Array.from(ipv6Bytes(text)), 0);

describe('IPv4 text', () => {
  it('formats and parses dotted quads', () => {
    expect(formatIpv4(0xc0000201)).toBe('192.0.2.1');
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    expect(parseIpv4('192.0.2.1')).toBe(0xc0000201);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '0001.2.3.4', 'a.b.c.d', '1..2.3', '', '1.2.3.4 ']) expect(parseIpv4(bad)).toBe(-1);
    // Leading zeros are decimal, and the canonical text drops them (one host, one word).
    expect(parseIpv4('010.000.002.001')).toBe(0x0a000201);
    expect(canonicalIp('010.000.002.001')).toBe('10.0.2.1');
    expect(parseIpv4('x192.0.2.1y', 1, 10)).toBe(0xc0000201);
  });
  it('caches strings per address', () => {
    const f = new Ipv4Formatter();
    const a = f.format(0x0a000001);
    expect(a).toBe('10.0.0.1');
    expect(f.format(0x0a000001)).toBe(a);
  });
});

describe('IPv6 text (RFC 5952)', () => {
  it('compresses the longest zero run, the first on a tie, never a single group', () => {
    expect(v6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(v6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(v6('2001:db8:0:0:0:1:0:0')).toBe('2001:db8::1:0:0');
    expect(v6('0:0:0:0:0:0:0:0')).toBe('::');
    expect(v6('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(v6('fe80:0:0:0:0:0:0:0')).toBe('fe80::');
    expect(v6('2001:DB8:00AB:0:0:0:0:0')).toBe('2001:db8:ab::');
  });
  it('writes IPv4-mapped addresses with a dotted tail', () => {
    expect(v6('0:0:0:0:0:ffff:c000:201')).toBe('::ffff:192.0.2.1');
  });
  it('parses any valid form and canonicalises it', () => {
    const out = new Uint8Array(16);
    expect(parseIpv6('2001:0db8:0000:0000:0000:0000:0000:0001', out)).toBe(true);
    expect(formatIpv6(out, 0)).toBe('2001:db8::1');
    expect(canonicalIp('2001:DB8::0:1')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    for (const bad of ['1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', 'host', ':1:2:3:4:5:6:7']) expect(canonicalIp(bad)).toBeUndefined();
  });
});
