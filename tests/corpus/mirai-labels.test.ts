import { describe, expect, it } from 'vitest';
import { MIRAI_LABEL, miraiLabels, withMiraiLabels } from '../../src/corpus/mirai-labels';
import type { SenderStats } from '../../src/corpus/sender-stats';

function stats(packets: number[], mirai: number[], hasMiraiColumns = true): SenderStats {
  const n = packets.length;
  return {
    packets: Int32Array.from(packets),
    firstSeen: new Float64Array(n),
    lastSeen: new Float64Array(n),
    distinctPorts: new Int32Array(n),
    miraiPackets: Int32Array.from(mirai),
    hasMiraiColumns,
    zmapPackets: new Int32Array(n),
    hasZmapColumns: false,
    masscanPackets: new Int32Array(n),
    hasMasscanColumns: false,
    backscatterPackets: new Int32Array(n),
    hasBackscatterColumns: false,
  };
}

const vocab = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'];
const s = stats([10, 10, 10, 11], [0, 1, 5, 6]);

describe('Mirai-like labels', () => {
  it('"any" selects senders with at least one fingerprinted packet', () => {
    expect([...miraiLabels(vocab, s)]).toEqual([
      ['192.0.2.2', MIRAI_LABEL],
      ['192.0.2.3', MIRAI_LABEL],
      ['192.0.2.4', MIRAI_LABEL],
    ]);
  });
  it('"majority" needs more than half of the packets (5 of 10 is not enough)', () => {
    expect([...miraiLabels(vocab, s, 'majority').keys()]).toEqual(['192.0.2.4']);
  });
  it('gives nothing when the trace had no sequence numbers', () => {
    expect(miraiLabels(vocab, stats([10, 10, 10, 10], [0, 0, 0, 0], false)).size).toBe(0);
  });
  it('lets a labels file override the fingerprint', () => {
    const merged = withMiraiLabels(new Map([['192.0.2.3', 'Censys'], ['192.0.2.9', 'Shodan']]), miraiLabels(vocab, s));
    expect(Object.fromEntries(merged)).toEqual({ '192.0.2.2': MIRAI_LABEL, '192.0.2.3': 'Censys', '192.0.2.4': MIRAI_LABEL, '192.0.2.9': 'Shodan' });
  });
});

describe('Mirai-like labels with prefix labels from a file', () => {
  it('a prefix label of the file wins over the fingerprint too', async () => {
    const { LabelMap, PrefixLabels, parseCidr } = await import('../../src/ingest/label-prefixes');
    const prefixes = new PrefixLabels();
    prefixes.add(parseCidr('192.0.2.0/30')!, 'Censys');
    const file = new LabelMap(prefixes, [['192.0.2.4', 'Shodan']]);
    const merged = withMiraiLabels(file, miraiLabels(vocab, s));
    expect(vocab.map((ip) => merged.get(ip))).toEqual([ 'Censys', 'Censys', 'Censys', 'Shodan']);
    expect(merged.get('192.0.2.3')).toBe('Censys');
    expect(file.size).toBe(2);
  });
});
