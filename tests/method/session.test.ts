import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/method/params';
import { decodeSession, encodeSession, SESSION_VERSION, type Session } from '../../src/method/session';
import { embedding, smallResults } from './results-fixture';

function session(): Session {
  return {
    savedAt: '2026-12-01T00:00:00.000Z', parameters: defaultParams(2), view: { tab: 'results', selection: [1, 2] },
    sources: { trace: 'trace.csv', labels: 'labels.csv' },
    model: { vocab: embedding.vocab, dim: 2, vectors: embedding.vectors, outputVectors: new Float32Array(6).fill(0.5) },
    stats: null, log: null, results: smallResults(), summaries: null, extra: { note: 'x' },
  };
}

describe('sessions', () => {
  it('round-trip typed arrays bit for bit, and the view and parameters as saved', () => {
    const s = session();
    s.results!.clustering.modularity = NaN;
    const back = decodeSession(encodeSession(s), 's.json');
    expect(back.model.vectors).toEqual(embedding.vectors);
    expect(back.results!.senders.packets).toEqual(new Float64Array([10, 20, 30]));
    expect(back.results!.classification!.confusion).toEqual(new Int32Array([1, 0, 0, 0, 0, 0, 1, 0]));
    expect(Number.isNaN(back.results!.clustering.modularity)).toBe(true);
    expect(back.view).toEqual({ tab: 'results', selection: [1, 2] });
    expect(back.parameters).toEqual(defaultParams(2));
    expect(back.extra).toEqual({ note: 'x' });
    expect(JSON.parse(encodeSession(s)).version).toBe(SESSION_VERSION);
  });

  it('opens results saved before the fingerprint shares, IP databases and several traces with those unknown', () => {
    const s = session();
    const r = s.results!;
    // As a session of 2026-12-01 saved them: none of the fields issue 17 added.
    const { fingerprints: _f, enrichment: _e, sources: _s, ...senders } = r.senders;
    const { inputs: _i, sendersInSeveral: _n, backscatterDropped: _b, ...input } = r.input!;
    const { fingerprints: _l, ...labels } = r.labels;
    const { enrichment: _r, ...rest } = r;
    const old = { ...rest, senders, input, labels };
    const back = decodeSession(encodeSession({ ...s, results: old as never }), 'old.json').results!;
    expect(back.senders.enrichment).toBeNull();
    expect(back.senders.sources).toBeNull();
    expect(back.enrichment).toBeNull();
    expect(Array.from(back.senders.fingerprints.zmap).every(Number.isNaN)).toBe(true);
    expect(back.input!.inputs).toEqual([{ file: 'trace.csv', format: 'delimited', rows: 99, packets: 99, senders: 5, sendersKept: 3 }]);
    expect(back.input!.sendersInSeveral).toBe(0);
    expect(back.labels.fingerprints).toEqual({ enabled: false, classes: [
      { name: 'ZMap', columns: false, senders: 0, labelled: 0 }, { name: 'Masscan', columns: false, senders: 0, labelled: 0 }, { name: 'Backscatter', columns: false, senders: 0, labelled: 0 },
    ] });
  });

  it('refuses other files, and newer versions by name', () => {
    expect(() => decodeSession('{"a":1}', 'other.json')).toThrow(/other.json: not a DarkVec Studio session/);
    expect(() => decodeSession('nope', 'bad.json')).toThrow(/bad.json/);
    expect(() => decodeSession(JSON.stringify({ format: 'darkvec-studio-session', version: 99 }), 'new.json')).toThrow(/new.json: session version 99 is newer/);
  });

  it('migrates a version-1 file saved by the page of 2026-12-01', () => {
    const text = gunzipSync(readFileSync(new URL('../fixtures/sessions/session-v1.json.gz', import.meta.url))).toString('utf8');
    const s = decodeSession(text, 'session-v1.json');
    expect(s.results).toBeNull();
    expect(s.parameters).toMatchObject({ services: 'dks', context: 25, dim: 50, epochs: 2, negatives: 5, seed: 15, threads: 1, k: 7, graphK: 3, curveMaxK: 14, mirai: true });
    expect(s.model.vocab).toHaveLength(738);
    expect(s.model.vectors).toHaveLength(738 * 50);
    expect(s.model.outputVectors).toHaveLength(738 * 50);
    expect(s.summaries!.vocab).toHaveLength(738);
    expect(s.summaries!.labelNames).toHaveLength(9);
    expect(s.summaries!.input).toMatchObject({ file: 'small-trace.csv', rows: 47019, sendersKept: 738 });
    expect(s.summaries!.labels).toMatchObject({ file: 'labels.csv', sendersLabelled: 129 });
    expect(s.stats!.packets).toHaveLength(738);
    expect(s.log!.ts.length).toBeGreaterThan(30_000);
    expect(s.log!.sender).toHaveLength(s.log!.ts.length);
    expect(s.sources).toEqual({ trace: 'small-trace.csv', labels: 'labels.csv' });
  });
});
