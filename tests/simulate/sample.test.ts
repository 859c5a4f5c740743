// The bundled sample is exactly what the documented command writes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../src/cli/commands/simulate';
import { buildCorpus } from '../../src/corpus/build-corpus';
import { fingerprintLabels } from '../../src/corpus/fingerprint-labels';
import { openPathSource } from '../../src/ingest/byte-source';
import { csvMap } from './trace-rows';

const samples = new URL('../../samples/', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'darkvec-sample-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('samples/', () => {
  it('regenerates identically with `darkvec simulate --sample`', async () => {
    // Level 1: the content does not depend on the gzip level, and level 9 is slow.
    expect(await command(['--sample', '--level', '1', '--out', out])).toBe(0);
    for (const f of ['labels.csv', 'truth.csv']) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(samples, f))), f).toBe(true);
    }
    // Compare the CSV, not the gzip bytes, which may differ between zlib builds.
    const fresh = gunzipSync(readFileSync(join(out, 'trace.csv.gz')));
    const committed = gunzipSync(readFileSync(join(samples, 'trace.csv.gz')));
    expect(fresh.length).toBe(committed.length);
    expect(fresh.equals(committed)).toBe(true);
  });

  it('is small enough to commit and keeps every labelled class usable after the 10-packet filter', () => {
    expect(statSync(join(samples, 'trace.csv.gz')).size).toBeLessThan(5 * 1024 * 1024);
    const labels = csvMap(readFileSync(join(samples, 'labels.csv'), 'utf8'));
    const packets = new Map<string, number>();
    const text = gunzipSync(readFileSync(join(samples, 'trace.csv.gz'))).toString('latin1');
    let from = text.indexOf('\n') + 1;
    while (from < text.length) {
      const a = text.indexOf(',', from) + 1;
      const b = text.indexOf(',', a);
      const ip = text.slice(a, b);
      packets.set(ip, (packets.get(ip) ?? 0) + 1);
      from = text.indexOf('\n', b) + 1 || text.length;
    }
    const kept = [...packets].filter(([, n]) => n >= 10);
    expect(kept.length).toBeGreaterThan(2000);
    const perClass = new Map<string, number>();
    for (const [ip] of kept) {
      const l = labels.get(ip);
      if (l) perClass.set(l, (perClass.get(l) ?? 0) + 1);
    }
    expect(perClass.size).toBe(9);
    for (const [label, n] of perClass) expect(n, label).toBeGreaterThanOrEqual(10);
  });

  it('shows the fingerprint classes, each exactly on its planted group (as samples/README.md says)', async () => {
    const truth = csvMap(readFileSync(join(samples, 'truth.csv'), 'utf8'));
    const { corpus, stats } = await buildCorpus(() => openPathSource(join(samples, 'trace.csv.gz')), { fileName: 'trace.csv.gz' });
    const byClass = new Map<string, Map<string, number>>();
    for (const [ip, label] of fingerprintLabels(corpus.vocab, stats)) {
      const groups = byClass.get(label) ?? new Map<string, number>();
      groups.set(truth.get(ip)!, (groups.get(truth.get(ip)!) ?? 0) + 1);
      byClass.set(label, groups);
    }
    const kept = (group: string) => corpus.vocab.filter((ip) => truth.get(ip) === group).length;
    expect(Object.fromEntries([...byClass].map(([l, g]) => [l, Object.fromEntries(g)]))).toEqual({
      'Mirai-like': { 'mirai-like': kept('mirai-like'), 'mirai-massive': kept('mirai-massive'), 'mirai-unlisted': kept('mirai-unlisted') },
      ZMap: { 'zmap-scanner': kept('zmap-scanner') },
      Masscan: { 'masscan-scanner': kept('masscan-scanner') },
      Backscatter: { backscatter: kept('backscatter') },
    });
    expect([kept('zmap-scanner'), kept('masscan-scanner'), kept('backscatter')]).toEqual([12, 12, 37]);
  });
});
