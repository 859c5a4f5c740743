// The labels a run uses: the file's, then the fingerprint classes switched on
// (Mirai-like on `mirai`, ZMap, Masscan and Backscatter on `fingerprints`).
import { describe, expect, it } from 'vitest';
import { joinLabels } from '../../src/corpus/join-labels';
import { LabelMap, parseCidr, PrefixLabels } from '../../src/ingest/label-prefixes';
import type { SenderStats } from '../../src/corpus/sender-stats';

const vocab = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '198.51.100.5'];
const n = vocab.length;
const stats: SenderStats = {
  packets: Int32Array.from([10, 10, 10, 10, 10]),
  firstSeen: new Float64Array(n), lastSeen: new Float64Array(n), distinctPorts: new Int32Array(n),
  miraiPackets: Int32Array.from([10, 0, 0, 0, 10]), hasMiraiColumns: true,
  zmapPackets: Int32Array.from([0, 10, 0, 0, 0]), hasZmapColumns: true,
  masscanPackets: Int32Array.from([0, 0, 9, 0, 0]), hasMasscanColumns: true,
  backscatterPackets: Int32Array.from([0, 0, 0, 8, 0]), hasBackscatterColumns: true,
};
const labelOf = (j: ReturnType<typeof joinLabels>) => vocab.map((_, i) => (j.labels.ids[i] >= 0 ? j.labels.names[j.labels.ids[i]] : ''));

describe('joinLabels', () => {
  it('Mirai alone by default; --fingerprints adds ZMap, Masscan and Backscatter', () => {
    const mirai = joinLabels(vocab, stats, null, { mirai: true });
    expect(labelOf(mirai)).toEqual(['Mirai-like', '', '', '', 'Mirai-like']);
    expect(mirai.fingerprints.enabled).toBe(false);
    // The rules' counts are reported whether or not the classes are used.
    expect(mirai.fingerprints.classes).toEqual([
      { name: 'ZMap', columns: true, senders: 1, labelled: 0 },
      { name: 'Masscan', columns: true, senders: 1, labelled: 0 },
      { name: 'Backscatter', columns: true, senders: 1, labelled: 0 },
    ]);
    const all = joinLabels(vocab, stats, null, { mirai: true, fingerprints: true });
    expect(labelOf(all)).toEqual(['Mirai-like', 'ZMap', 'Masscan', 'Backscatter', 'Mirai-like']);
    expect(all.labels.names).toEqual(['Backscatter', 'Masscan', 'Mirai-like', 'ZMap']);
    expect(all.fingerprints.classes.map((c) => c.labelled)).toEqual([1, 1, 1]);
    expect(all.mirai).toEqual({ enabled: true, columns: true, senders: 2, labelled: 2 });
    expect(all.sendersLabelled).toBe(5);
  });

  it('--no-mirai with --fingerprints: the three scanner classes only', () => {
    const j = joinLabels(vocab, stats, null, { mirai: false, fingerprints: true });
    expect(labelOf(j)).toEqual(['', 'ZMap', 'Masscan', 'Backscatter', '']);
    expect(j.mirai).toEqual({ enabled: false, columns: true, senders: 2, labelled: 0 });
  });

  it('a label from the file wins, exactly or by prefix, and is not counted as the fingerprint\'s', () => {
    const prefixes = new PrefixLabels();
    prefixes.add(parseCidr('198.51.100.0/24')!, 'telescope-neighbour');
    const file = new LabelMap(prefixes, [['192.0.2.2', 'hand-checked']]);
    const j = joinLabels(vocab, stats, { labels: file }, { mirai: true, fingerprints: true });
    expect(labelOf(j)).toEqual(['Mirai-like', 'hand-checked', 'Masscan', 'Backscatter', 'telescope-neighbour']);
    expect(j.fingerprints.classes.find((c) => c.name === 'ZMap')).toEqual({ name: 'ZMap', columns: true, senders: 1, labelled: 0 });
    expect(j.mirai.labelled).toBe(1);
  });

  it('a trace without the fields: no class, columns false', () => {
    const bare = { ...stats, hasZmapColumns: false, hasMasscanColumns: false, hasBackscatterColumns: false };
    const j = joinLabels(vocab, bare, null, { mirai: false, fingerprints: true });
    expect(j.sendersLabelled).toBe(0);
    expect(j.fingerprints.classes.map((c) => [c.columns, c.senders])).toEqual([[false, 0], [false, 0], [false, 0]]);
  });
});
