import { describe, expect, it } from 'vitest';
import { PrefixLabels, parseCidr } from '../../src/ingest/label-prefixes';

function table(rows: [string, string][]): PrefixLabels {
  const t = new PrefixLabels();
  for (const [cidr, label] of rows) {
    const c = parseCidr(cidr);
    if (!c) throw new Error(cidr);
    t.add(c, label);
  }
  return t;
}

describe('CIDR prefix labels', () => {
  it('parses IPv4 and IPv6 prefixes and refuses host bits, bad lengths and non-prefixes', () => {
    expect(parseCidr('198.51.100.0/24')).toMatchObject({ v6: false, v4: 0xc6336400, length: 24 });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ v6: false, v4: 0, length: 0 });
    expect(parseCidr('192.0.2.7/32')).toMatchObject({ length: 32 });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ v6: true, length: 32 });
    for (const bad of ['198.51.100.1/24', '198.51.100.0/33', '198.51.100.0', '198.51.100.0/', '2001:db8::1/32', '2001:db8::/129', 'x/8', '10.0.0.0/8x']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });

  it('matches the longest prefix, IPv4 and IPv6', () => {
    const t = table([
      ['198.51.0.0/16', 'wide'],
      ['198.51.100.0/24', 'narrow'],
      ['198.51.100.128/25', 'narrower'],
      ['2001:db8::/32', 'v6-wide'],
      ['2001:db8:1::/48', 'v6-narrow'],
      ['2001:db8:1:2:3:4:5:6/127', 'v6-pair'],
    ]);
    expect(t.size).toBe(6);
    expect(t.lookup('198.51.7.1')).toBe('wide');
    expect(t.lookup('198.51.100.127')).toBe('narrow');
    expect(t.lookup('198.51.100.200')).toBe('narrower');
    expect(t.lookup('198.52.0.1')).toBeUndefined();
    expect(t.lookup('2001:db8:ffff::1')).toBe('v6-wide');
    expect(t.lookup('2001:DB8:1:0::9')).toBe('v6-narrow');
    expect(t.lookup('2001:db8:1:2:3:4:5:7')).toBe('v6-pair');
    expect(t.lookup('2001:db9::1')).toBeUndefined();
    expect(t.lookup('not an ip')).toBeUndefined();
  });

  it('keeps the latest label for a repeated prefix and covers everything with /0', () => {
    const t = table([['10.0.0.0/8', 'a'], ['10.0.0.0/8', 'b'], ['0.0.0.0/0', 'any']]);
    expect(t.size).toBe(2);
    expect(t.lookup('10.1.2.3')).toBe('b');
    expect(t.lookup('8.8.8.8')).toBe('any');
  });
});
