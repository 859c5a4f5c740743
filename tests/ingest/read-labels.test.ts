import { describe, expect, it } from 'vitest';
import { unusedLabelCount } from '../../src/corpus/sender-labels';
import { LabelMap, PrefixLabels, parseCidr } from '../../src/ingest/label-prefixes';
import { readLabels } from '../../src/ingest/read-labels';
import { gzipped, sourceOf } from './trace-fixtures';

describe('readLabels', () => {
  it('reads ip,label with canonical addresses; duplicates keep the first label', async () => {
    const { labels, report } = await readLabels(
      sourceOf('ip,label\n1.2.3.4,censys\n2001:DB8::0:1,shodan\n1.2.3.4,censys\n1.2.3.4,mirai\nnot-an-ip,x\n5.6.7.8,\n'),
      'gt.csv',
    );
    expect([...labels]).toEqual([
      ['1.2.3.4', 'censys'],
      ['2001:db8::1', 'shodan'],
    ]);
    expect(report).toEqual({
      rows: 6,
      labelled: 2,
      prefixes: 0,
      duplicates: 2,
      conflicting: 1,
      conflicts: [{ line: 5, reason: '1.2.3.4 is labelled "mirai" here but "censys" on line 2 (the first label is kept)' }],
      skipped: { total: 2, byReason: { 'bad IP address': 1, 'missing field': 1 }, first: [{ line: 6, reason: 'bad IP address' }, { line: 7, reason: 'missing field' }], lines: { 'bad IP address': [6], 'missing field': [7] } },
    });
  });

  it('accepts the class alias, other column orders, tabs, gzip and no header', async () => {
    expect([...(await readLabels(sourceOf(gzipped('class\tsrc_ip\nstretchoid\t9.9.9.9\n')), 'gt.tsv')).labels]).toEqual([['9.9.9.9', 'stretchoid']]);
    expect([...(await readLabels(sourceOf('9.9.9.9,engin-umich\n'), 'gt.csv')).labels]).toEqual([['9.9.9.9', 'engin-umich']]);
  });

  it('refuses a header without an address and a label column', async () => {
    await expect(readLabels(sourceOf('host,kind\nx,y\n'), 'gt.csv')).rejects.toThrow(
      'gt.csv: labels need an address column (ip, src_ip, src, saddr, address, addr, sender, id.orig_h) and a label column (label, class, category, type); columns found: "host", "kind"',
    );
    await expect(readLabels(sourceOf(''), 'gt.csv')).rejects.toThrow('gt.csv: empty labels file');
  });
});

describe('unusedLabelCount', () => {
  it('counts exact addresses not kept and prefixes holding no kept sender', () => {
    const prefixes = new PrefixLabels();
    prefixes.add(parseCidr('10.0.0.0/24')!, 'censys');
    prefixes.add(parseCidr('10.0.0.0/28')!, 'stretchoid');
    prefixes.add(parseCidr('172.16.0.0/16')!, 'shodan');
    prefixes.add(parseCidr('2001:db8::/32')!, 'ipip');
    const labels = new LabelMap(prefixes, [
      ['1.1.1.1', 'censys'],
      ['3.3.3.3', 'mirai'],
      ['9.9.9.9', 'shodan'],
      ['10.0.0.5', 'mirai'],
    ]);
    const vocab = ['3.3.3.3', '2.2.2.2', '1.1.1.1', '10.0.0.5', '10.0.0.200', '2001:db8::7'];
    // Unused: 9.9.9.9 (not kept); 10.0.0.0/28 (its only kept sender has an exact label); 172.16.0.0/16 (none kept).
    expect(unusedLabelCount(vocab, labels)).toBe(3);
    // One kept sender, labelled through the /24: every other entry is unused.
    expect(unusedLabelCount(['10.0.0.200'], labels)).toBe(7);
    expect(unusedLabelCount(['1.1.1.1'], new Map([['1.1.1.1', 'a'], ['5.5.5.5', 'b']]))).toBe(1);
  });
});
