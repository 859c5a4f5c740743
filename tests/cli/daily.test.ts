import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './run-cli';

// Small enough to train three days in seconds, large enough for real clusters.
const SCALE = '0.01';
import { parseWord2VecText } from './word2vec-text';

let dir = '';
let run: Awaited<ReturnType<typeof runCli>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'darkvec-daily-'));
  const sim = await runCli(['simulate', '--seed', '7', '--days', '3', '--scale', SCALE, '--out', join(dir, 'trace')]);
  expect(sim.code, sim.stderr).toBe(0);
  // A long simulation reports where it is, on stderr.
  expect(sim.stderr).toMatch(/^darkvec simulate: day 1\/3, \d+%, \d+ rows, .* rows\/s, \d+ s left$/m);
  expect(sim.stderr).toMatch(/^darkvec simulate: [\d,]+ rows, [\d,]+ senders in [\d.]+ s/m);
  mkdirSync(join(dir, 'tmp'));
  run = await runCli(
    ['analyze', '--daily', '--trace', join(dir, 'trace', 'trace.csv.gz'), '--labels', join(dir, 'trace', 'labels.csv'), '--epochs', '2', '-c', '5', '-e', '16', '--out', join(dir, 'out')],
    120_000,
    { TMPDIR: join(dir, 'tmp') },
  );
}, 180_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('trains day by day and reports each UTC day', () => {
  expect(run.code, run.stderr).toBe(0);
  const r = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
  expect(r.parameters).toMatchObject({ minPackets: 6 });
  const days = r.daily as { date: string; senders: number; newSenders: number; epochs: number; clusters: number; commonWithPreviousDay: number; changedCluster: number; tokens: number }[];
  expect(days).toHaveLength(3);
  expect(days.map((d) => d.epochs)).toEqual([2, 1, 1]);
  // Day 1: everyone is new and nobody can have changed cluster.
  expect(days[0]!.newSenders).toBe(days[0]!.senders);
  expect(days[0]!.commonWithPreviousDay).toBe(0);
  for (const d of days) {
    expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.senders).toBeGreaterThan(10);
    expect(d.clusters).toBeGreaterThan(1);
    expect(d.changedCluster).toBeLessThanOrEqual(d.commonWithPreviousDay);
  }
  // Later days bring known senders back and some new ones: the vocabulary grows.
  expect(days[1]!.commonWithPreviousDay).toBeGreaterThan(0);
  expect(days[1]!.newSenders).toBeLessThan(days[1]!.senders);
  const total = days.reduce((n, d) => n + d.newSenders, 0);
  expect(r.input.sendersKept).toBe(total);
  const w2v = parseWord2VecText(readFileSync(join(dir, 'out', 'embeddings.txt'), 'utf8'));
  expect(w2v.count).toBe(total);
  expect(r.corpus.tokens).toBe(days.reduce((n, d) => n + d.tokens, 0));
  // The tracks: every clustered sender of every day has a cluster and a track; day 1's tracks all emerged.
  const csv = (name: string) => readFileSync(join(dir, 'out', 'daily', name), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  const clusters = csv('clusters.csv');
  expect(clusters[0]).toEqual(['date', 'ip', 'cluster', 'track']);
  expect(clusters.length - 1).toBe(days.reduce((n, d) => n + d.senders, 0));
  const events = csv('events.csv');
  expect(events[0]).toEqual(['date', 'track', 'event', 'related']);
  const firstDay = events.slice(1).filter((e) => e[0] === days[0]!.date);
  expect(firstDay.length).toBe(days[0]!.clusters);
  expect(firstDay.every((e) => e[2] === 'emerged')).toBe(true);
  const kinds = new Set(events.slice(1).map((e) => e[2]));
  for (const k of kinds) expect(['emerged', 'survived', 'split', 'absorbed', 'disappeared', 'reappeared']).toContain(k);
  expect(kinds.has('survived')).toBe(true);
  const tracks = csv('tracks.csv');
  expect(tracks[0]!.slice(0, 7)).toEqual(['track', 'first_date', 'last_date', 'days_active', 'peak_size', 'last_size', 'status']);
  const trackIds = new Set(clusters.slice(1).map((r) => r[3]));
  expect(tracks.length - 1).toBeGreaterThanOrEqual(trackIds.size);
  for (const d of days as unknown as { events: Record<string, number> }[]) expect(Object.values(d.events).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  // The per-day table went to stdout; the temporary day files are gone.
  expect(run.stdout).toContain(days[2]!.date);
  expect(readdirSync(join(dir, 'tmp')).filter((f) => f.startsWith('darkvec-daily-'))).toEqual([]);
});
