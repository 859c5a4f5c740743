// The bundled sample is exactly what the documented command writes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../src/cli/commands/simulate';
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
});
