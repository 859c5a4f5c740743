import { describe, expect, it } from 'vitest';
import { joinLabels } from '../../src/corpus/join-labels';
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
      skipped: { total: 2, byReason: { 'bad IP address': 1, 'missing field': 1 }, first: [{ line: 6, reason: 'bad IP address' }, { line: 7, reason: 'missing field' }] },
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

describe('joinLabels', () => {
  it('gives each token its class and counts labels of addresses not in the vocabulary', () => {
    const labels = new Map([
      ['1.1.1.1', 'censys'],
      ['3.3.3.3', 'mirai'],
      ['4.4.4.4', 'censys'],
      ['9.9.9.9', 'shodan'],
    ]);
    const joined = joinLabels(labels, ['3.3.3.3', '2.2.2.2', '1.1.1.1', '4.4.4.4']);
    expect(joined.classes).toEqual(['mirai', 'censys']);
    expect(Array.from(joined.classOf)).toEqual([0, -1, 1, 1]);
    expect(joined.labelled).toBe(3);
    expect(joined.absent).toBe(1);
  });
});
