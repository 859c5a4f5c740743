// buildCorpus against a plain, obviously-correct implementation of the DarkVec
// rules, on random traces with unordered rows, equal timestamps, flows, ICMP
// and window boundaries, for every services mode.
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/corpus/build-corpus';
import { autoServices, dksServices, PAIR_COUNT, pairIndex, singleServices, type ServiceTable } from '../../src/corpus/services';
import { sourceOf } from '../ingest/trace-fixtures';

interface Packet {
  ts: number;
  src: string;
  port: number;
  proto: number;
  packets: number;
}

function randomTrace(seed: number, rows: number): Packet[] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const ports = [23, 2323, 22, 80, 445, 5555, 53, 123, 1000, 30000, 60000];
  const out: Packet[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rand();
    const proto = r < 0.7 ? 6 : r < 0.9 ? 17 : 1;
    out.push({
      // Coarse times: many equal timestamps, some exactly on window boundaries.
      ts: Math.floor(rand() * 40) * 450,
      src: `10.0.${Math.floor(rand() * 3)}.${Math.floor(rand() * 12)}`,
      port: proto === 1 ? -1 : ports[Math.floor(rand() * ports.length)],
      proto,
      packets: rand() < 0.2 ? 1 + Math.floor(rand() * 4) : 1,
    });
  }
  return out;
}

function reference(rows: Packet[], tables: ServiceTable[], window: number, minPackets: number): string[][] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.src, (count.get(r.src) ?? 0) + r.packets);
  const kept = rows.map((r, i) => ({ ...r, i })).filter((r) => count.get(r.src)! >= minPackets);
  kept.sort((a, b) => a.ts - b.ts || a.i - b.i);
  const out: string[][] = [];
  for (const table of tables) {
    const windows = [...new Set(kept.map((r) => Math.floor(r.ts / window)))].sort((a, b) => a - b);
    for (const w of windows) {
      for (let s = 0; s < table.names.length; s++) {
        const words = kept.filter((r) => Math.floor(r.ts / window) === w && table.ofPair[pairIndex(r.port, r.proto)] === s).map((r) => r.src);
        const collapsed = words.filter((x, k) => k === 0 || words[k - 1] !== x);
        if (collapsed.length > 0) out.push(collapsed);
      }
    }
  }
  return out;
}

describe('buildCorpus matches the reference rules', () => {
  for (const seed of [1, 2, 3]) {
    for (const mode of ['single', 'auto', 'dks', 'hybrid'] as const) {
      it(`seed ${seed}, ${mode}`, async () => {
        const rows = randomTrace(seed, 600);
        const text = 'ts,src,port,proto,pkts\n' + rows.map((r) => `${r.ts},${r.src},${r.port < 0 ? '' : r.port},${r.proto},${r.packets}`).join('\n');
        const window = 1800;
        // A threshold that drops about a third of the senders.
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(r.src, (counts.get(r.src) ?? 0) + r.packets);
        const sorted = [...counts.values()].sort((a, b) => a - b);
        const minPackets = sorted[Math.floor(sorted.length / 3)] + 1;
        const { corpus, report } = await buildCorpus(() => sourceOf(text, 101), {
          fileName: 't.csv',
          services: mode,
          topPorts: 4,
          window,
          minPackets,
        });
        const pairPackets = new Float64Array(PAIR_COUNT);
        for (const r of rows) pairPackets[pairIndex(r.port, r.proto)] += r.packets;
        const tables =
          mode === 'single'
            ? [singleServices()]
            : mode === 'auto'
              ? [autoServices(pairPackets, 4)]
              : mode === 'dks'
                ? [dksServices()]
                : [autoServices(pairPackets, 4), dksServices()];
        const expected = reference(rows, tables, window, minPackets);
        const got: string[][] = [];
        for (let s = 0; s + 1 < corpus.offsets.length; s++) {
          got.push(Array.from(corpus.tokens.subarray(corpus.offsets[s], corpus.offsets[s + 1]), (t) => corpus.vocab[t]));
        }
        expect(got).toEqual(expected);
        expect(report.sendersAfter).toBe(corpus.vocab.length);
        expect(report.sendersAfter).toBeGreaterThan(0);
        expect(report.sendersAfter).toBeLessThan(report.sendersBefore);
        // Vocabulary in first-seen (file) order, packets per sender exact.
        const firstSeen = [...new Set(rows.map((r) => r.src))];
        expect(corpus.vocab).toEqual(firstSeen.filter((ip) => corpus.vocab.includes(ip)));
        for (let t = 0; t < corpus.vocab.length; t++) {
          expect(corpus.packets[t]).toBe(rows.filter((r) => r.src === corpus.vocab[t]).reduce((a, r) => a + r.packets, 0));
        }
      });
    }
  }
});
