import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES, FINGERPRINT_LABELS, fingerprintClasses, fingerprintLabels, fingerprintShares, withFingerprintLabels,
} from '../../src/corpus/fingerprint-labels';
import type { SenderStats } from '../../src/corpus/sender-stats';

function stats(packets: number[], counts: Partial<Record<'mirai' | 'zmap' | 'masscan' | 'backscatter', number[]>>, columns = true): SenderStats {
  const n = packets.length;
  const of = (c?: number[]) => (c ? Int32Array.from(c) : new Int32Array(n));
  return {
    packets: Int32Array.from(packets),
    firstSeen: new Float64Array(n),
    lastSeen: new Float64Array(n),
    distinctPorts: new Int32Array(n),
    miraiPackets: of(counts.mirai),
    hasMiraiColumns: columns,
    zmapPackets: of(counts.zmap),
    hasZmapColumns: columns,
    masscanPackets: of(counts.masscan),
    hasMasscanColumns: columns,
    backscatterPackets: of(counts.backscatter),
    hasBackscatterColumns: columns,
  };
}

const vocab = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'];
const s = stats([10, 10, 10, 10, 10, 10], {
  mirai: [1, 0, 0, 0, 0, 0],
  zmap: [0, 10, 1, 0, 0, 0], // 192.0.2.3: one chance hit
  masscan: [0, 0, 0, 9, 5, 0], // 192.0.2.5: exactly half is not a majority
  backscatter: [0, 0, 0, 0, 0, 8],
});

describe('fingerprint labels', () => {
  it('defaults: Mirai on any packet, the others on a majority', () => {
    expect(DEFAULT_RULES).toEqual({ mirai: 'any', zmap: 'majority', masscan: 'majority', backscatter: 'majority' });
    expect(Object.fromEntries(fingerprintLabels(vocab, s))).toEqual({
      '192.0.2.1': 'Mirai-like',
      '192.0.2.2': 'ZMap',
      '192.0.2.4': 'Masscan',
      '192.0.2.6': 'Backscatter',
    });
  });

  it('takes a rule per class: "any" or a share threshold', () => {
    const labels = fingerprintLabels(vocab, s, { rules: { zmap: 'any', masscan: 0.4 } });
    expect(labels.get('192.0.2.3')).toBe('ZMap');
    expect(labels.get('192.0.2.5')).toBe('Masscan');
    expect(() => fingerprintLabels(vocab, s, { rules: { zmap: 1 } })).toThrow(/\[0, 1\)/);
  });

  it('offers only the classes asked for, and none the trace cannot show', () => {
    expect([...fingerprintLabels(vocab, s, { classes: ['zmap'] }).values()]).toEqual(['ZMap']);
    expect(fingerprintLabels(vocab, stats([10], { zmap: [10] }, false)).size).toBe(0);
    const { names } = fingerprintClasses(s, { classes: ['mirai', 'backscatter'] });
    expect(names).toEqual([FINGERPRINT_LABELS.backscatter, FINGERPRINT_LABELS.mirai]);
  });

  it('gives a sender several classes select the one with the largest share', () => {
    // Mirai on 3 of 10 packets ("any" selects it), backscatter on 7: Backscatter.
    const both = stats([10, 10], { mirai: [3, 6], backscatter: [6, 6] });
    expect([...fingerprintLabels(['a', 'b'], both).values()]).toEqual(['Backscatter', 'Backscatter']);
    const miraiWins = stats([10], { mirai: [9], backscatter: [6] });
    expect(fingerprintLabels(['a'], miraiWins).get('a')).toBe('Mirai-like');
    const { classOf, counts } = fingerprintClasses(both);
    expect(Array.from(classOf)).toEqual([0, 0]);
    expect(counts).toEqual({ mirai: 2, zmap: 0, masscan: 0, backscatter: 2 });
  });

  it('shares are fingerprinted packets over all of the sender\'s packets, null without the fields', () => {
    expect(Array.from(fingerprintShares(s, 'masscan')!)).toEqual([0, 0, 0, 0.8999999761581421, 0.5, 0]);
    expect(fingerprintShares(stats([10], {}, false), 'zmap')).toBeNull();
  });

  it('lets a labels file win', () => {
    const merged = withFingerprintLabels(new Map([['192.0.2.2', 'Censys']]), fingerprintLabels(vocab, s));
    expect(merged.get('192.0.2.2')).toBe('Censys');
    expect(merged.get('192.0.2.6')).toBe('Backscatter');
  });
});
