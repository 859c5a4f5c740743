import { expect, it } from 'vitest';
import { analyzeEmbedding, type AnalysisStage } from '../../src/analyze/analyze-embedding';
import type { PacketLog, SenderStats } from '../../src/corpus/sender-stats';
import { clusteredVectors } from './synthetic';

it('runs every step on a clustered embedding with partial labels', async () => {
  const s = clusteredVectors(500, 12, 5, 21, 0.1);
  const vocab = Array.from({ length: s.n }, (_, i) => `10.${s.truth[i]}.${i >> 8}.${i & 255}`);
  // Two true groups labelled, except every 10th sender held out; the rest unlabelled.
  const labels = new Map<string, string>();
  vocab.forEach((ip, i) => { if (s.truth[i] < 2 && i % 10 !== 0) labels.set(ip, `group${s.truth[i]}`); });
  const stats: SenderStats = {
    packets: new Int32Array(s.n).fill(3), firstSeen: new Float64Array(s.n), lastSeen: new Float64Array(s.n),
    distinctPorts: new Int32Array(s.n).fill(1), miraiPackets: new Int32Array(s.n), hasMiraiColumns: false,
    zmapPackets: new Int32Array(s.n), hasZmapColumns: false, masscanPackets: new Int32Array(s.n), hasMasscanColumns: false,
    backscatterPackets: new Int32Array(s.n), hasBackscatterColumns: false,
  };
  const log: PacketLog = {
    ts: Float64Array.from({ length: s.n }, (_, i) => i), sender: Int32Array.from({ length: s.n }, (_, i) => i),
    port: Int32Array.from(s.truth, (t) => 1000 + t), proto: new Uint8Array(s.n).fill(6),
    packets: new Int32Array(s.n).fill(3), fingerprints: new Uint8Array(s.n),
  };
  const stages = new Set<AnalysisStage>();
  const r = await analyzeEmbedding({ vocab, dim: s.dim, vectors: s.vectors }, labels, stats, log, { curveMaxK: 4, umap: { epochs: 20 } }, (stage) => stages.add(stage));
  expect(r.classification.accuracy).toBeGreaterThan(0.95);
  // The held-out senders get their group back, so the analyst can extend the ground truth.
  for (let i = 0; i < s.n; i += 10) {
    if (s.truth[i] < 2) expect(r.labels.names[r.classification.predicted[i]]).toBe(`group${s.truth[i]}`);
    else expect(r.classification.predicted[i]).toBe(-1);
  }
  expect(r.classification.classes.map((c) => c.name)).toEqual(['group0', 'group1']);
  expect(r.louvain.count).toBeGreaterThanOrEqual(5);
  expect(r.curve?.k.length).toBe(4);
  expect(r.silhouetteSummary.positiveClusterShare).toBeGreaterThan(0.5);
  expect(r.silhouetteSummary.mean).toBeGreaterThan(0);
  expect(r.kmeans?.count).toBe(r.louvain.count);
  expect(r.pca.points.length).toBe(s.n * 2);
  expect(r.umap?.epochs).toBe(20);
  expect(r.umap?.points.length).toBe(s.n * 2);
  expect(r.summaries.length).toBe(r.louvain.count);
  // Each Louvain cluster holds one true group, so its one port has every packet and sender.
  for (const c of r.summaries) expect(c.topPorts[0]).toMatchObject({ packetShare: 1, senderShare: 1 });
  expect(r.summaries.reduce((a, c) => a + c.packets, 0)).toBe(3 * s.n);
  expect(r.activity?.map((p) => p.rows)).toEqual(Array.from(r.louvain.sizes));
  expect([...stages]).toEqual(['neighbours', 'classifier', 'clustering', 'curve', 'silhouette', 'kmeans', 'projection', 'umap', 'summaries']);
});

it('says what is wrong with a malformed embedding', async () => {
  await expect(analyzeEmbedding({ vocab: ['a', 'b'], dim: 3, vectors: new Float32Array(5) }, new Map(), undefined, undefined))
    .rejects.toThrow(/5 floats for 2 senders x 3/);
});
