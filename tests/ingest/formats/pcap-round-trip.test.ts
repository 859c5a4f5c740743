// A simulated telescope written as pcap gives the same corpus as its CSV: the
// binary path (link layer, IP, TCP/UDP/ICMP, timestamps) loses nothing the
// method uses, and the Mirai fingerprint survives.
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/corpus/build-corpus';
import { miraiLabels } from '../../../src/corpus/mirai-labels';
import type { ByteSource } from '../../../src/ingest/byte-source';
import { Simulation, traceCsvChunks } from '../../../src/simulate/index';
import { tracePcapChunks } from '../../../src/simulate/pcap-writer';

async function* sourceOf(chunks: Uint8Array[]): ByteSource {
  yield* chunks;
}

describe('simulated trace: pcap and CSV round-trip to the same corpus', () => {
  const sim = new Simulation({ seed: 7, days: 1, scale: 0.005, senderFloor: 2 });
  const csv = [...traceCsvChunks(sim)];
  const pcap = [...tracePcapChunks(sim)];

  for (const services of ['dks', 'auto'] as const) {
    it(`${services} services`, async () => {
      const fromCsv = await buildCorpus(() => sourceOf(csv), { fileName: 'trace.csv', services });
      const fromPcap = await buildCorpus(() => sourceOf(pcap), { fileName: 'trace.pcap', services });
      expect(fromPcap.report.format).toBe('pcap');
      expect(fromCsv.report.format).toBe('delimited');
      expect(fromPcap.report.rowsSkipped.total).toBe(0);
      expect(fromCsv.corpus.tokens.length).toBeGreaterThan(1000);
      expect(fromPcap.corpus.vocab).toEqual(fromCsv.corpus.vocab);
      expect(fromPcap.corpus.packets).toEqual(fromCsv.corpus.packets);
      expect(fromPcap.corpus.offsets).toEqual(fromCsv.corpus.offsets);
      expect(fromPcap.corpus.tokens).toEqual(fromCsv.corpus.tokens);
      expect(fromPcap.stats.miraiPackets).toEqual(fromCsv.stats.miraiPackets);
      expect(fromPcap.stats.firstSeen).toEqual(fromCsv.stats.firstSeen);
      const mirai = miraiLabels(fromPcap.corpus.vocab, fromPcap.stats);
      expect(mirai.size).toBeGreaterThan(0);
      expect(mirai).toEqual(miraiLabels(fromCsv.corpus.vocab, fromCsv.stats));
    });
  }
});
