import { describe, expect, it } from 'vitest';
import { readLabels } from '../../src/ingest/read-labels';
import { labelsFromMap } from '../../src/corpus/sender-labels';
import { sourceOf } from './trace-fixtures';

describe('labels file with CIDR prefixes', () => {
  const file = [
    'ip,label',
    '198.51.0.0/16,wide-scanner',
    '198.51.100.0/24,scanner-x',
    '198.51.100.7,censys',
    '2001:db8::/32,v6-scanner',
    '198.51.100.0/24,scanner-y', // same prefix again: the first label wins
    '198.51.100.1/24,oops', // host bits set
    '10.0.0.0/40,oops',
  ].join('\n');

  it('exact addresses win over prefixes, longer prefixes over shorter', async () => {
    const { labels, report } = await readLabels(sourceOf(file, 5), 'scanners.csv');
    expect(report).toMatchObject({ rows: 7, labelled: 1, prefixes: 3, duplicates: 1, conflicting: 1 });
    expect(report.skipped.first).toEqual([
      { line: 7, reason: 'bad CIDR prefix "198.51.100.1/24": host bits set (a typo for the network address?)' },
      { line: 8, reason: 'bad CIDR prefix "10.0.0.0/40": length above 32 for IPv4' },
    ]);
    expect(report.conflicts).toEqual([{ line: 6, reason: '198.51.100.0/24 is labelled "scanner-y" here but "scanner-x" on line 3 (the first label is kept)' }]);
    const vocab = ['198.51.100.7', '198.51.100.8', '198.51.3.3', '2001:db8::5', '203.0.113.1'];
    expect(vocab.map((ip) => labels.get(ip))).toEqual(['censys', 'scanner-x', 'wide-scanner', 'v6-scanner', undefined]);
    expect(labels.size).toBe(4);
    // The analysis joins labels with the vocabulary through Map.get: prefixes count there.
    const joined = labelsFromMap(vocab, labels);
    expect(Array.from(joined.ids, (id) => (id >= 0 ? joined.names[id] : null))).toEqual(['censys', 'scanner-x', 'wide-scanner', 'v6-scanner', null]);
  });

  it('reads a headerless file that starts with a prefix', async () => {
    const { labels, report } = await readLabels(sourceOf('192.0.2.0/24,scanner\n203.0.113.9,other\n'), 'ranges.csv');
    expect(report).toMatchObject({ rows: 2, labelled: 1, prefixes: 1 });
    expect(labels.get('192.0.2.200')).toBe('scanner');
    expect(labels.get('203.0.113.9')).toBe('other');
  });
});

describe('invalid prefixes', () => {
  it('are counted by what is wrong, each with its line', async () => {
    const file = ['ip,label', '10.0.0.0/33,a', '10.0.0.1/8,b', '10.0.0.0/abc,c', '::/129,d', 'nonsense/8,e', '::/0,f'].join('\n');
    const { report } = await readLabels(sourceOf(file), 'bad.csv');
    expect(report.skipped.byReason).toEqual({
      'bad CIDR prefix: length above 32 for IPv4': 1,
      'bad CIDR prefix: host bits set (a typo for the network address?)': 1,
      'bad CIDR prefix: the length is not a number': 1,
      'bad CIDR prefix: length above 128 for IPv6': 1,
      'bad CIDR prefix: the address is not IPv4 or IPv6': 1,
    });
    expect(report.skipped.first.map((s) => s.line)).toEqual([2, 3, 4, 5, 6]);
    expect(report.prefixes).toBe(1);
  });
});
