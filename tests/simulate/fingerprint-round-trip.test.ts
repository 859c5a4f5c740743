// The simulator's pcap and CSV carry the same IP IDs, TCP flags and ICMP
// types: the corpus step counts the same fingerprints from either.
import { expect, it } from 'vitest';
import { buildCorpus } from '../../src/corpus/build-corpus';
import { fingerprintLabels } from '../../src/corpus/fingerprint-labels';
import type { ByteSource } from '../../src/ingest/byte-source';
import { Simulation, traceCsvChunks } from '../../src/simulate/index';
import { tracePcapChunks } from '../../src/simulate/pcap-writer';

async function* sourceOf(chunks: Uint8Array[]): ByteSource {
  yield* chunks;
}

it('counts the same ZMap, Masscan and backscatter packets from the pcap as from the CSV', async () => {
  const sim = new Simulation({ seed: 11, days: 1, scale: 0.005, senderFloor: 3 });
  const fromCsv = await buildCorpus(() => sourceOf([...traceCsvChunks(sim)]), { fileName: 'trace.csv' });
  const fromPcap = await buildCorpus(() => sourceOf([...tracePcapChunks(sim)]), { fileName: 'trace.pcap' });
  for (const key of ['zmapPackets', 'masscanPackets', 'backscatterPackets', 'miraiPackets'] as const) {
    expect(fromPcap.stats[key], key).toEqual(fromCsv.stats[key]);
  }
  const labels = fingerprintLabels(fromCsv.corpus.vocab, fromCsv.stats);
  expect(new Set(labels.values())).toEqual(new Set(['Mirai-like', 'ZMap', 'Masscan', 'Backscatter']));
  expect(fingerprintLabels(fromPcap.corpus.vocab, fromPcap.stats)).toEqual(labels);
});
