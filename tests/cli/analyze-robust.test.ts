// darkvec analyze when things go wrong: interrupted runs leave the output
// folder as it was (and no temporary day files), degenerate data says why a
// number is undefined, labels for no kept sender say so, hostile labels never
// become spreadsheet formulas.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const bin = fileURLToPath(new URL('../../bin/darkvec.mjs', import.meta.url));
const sample = fileURLToPath(new URL('../../samples/trace.csv.gz', import.meta.url));
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'darkvec-robust-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts analyze, sends `signal` once stderr shows `when`, and resolves with the exit code. */
function interrupt(args: string[], when: RegExp, signal: NodeJS.Signals, env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'analyze', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr }));
  });
}

describe('an interrupted analyze', () => {
  it('leaves the previous run\'s files as they were, and no partial folder', async () => {
    const out = join(dir, 'out');
    const first = await runCli(['analyze', '--trace', sample, '--epochs', '1', '-c', '5', '-e', '8', '--curve-k', '0', '--out', out, '--quiet'], 120_000);
    expect(first.code, first.stderr).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    expect(Object.keys(before)).toContain('report.json');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const run = await interrupt(['--trace', sample, '--epochs', '50', '-c', '5', '-e', '8', '--seed', '3', '--out', out], /training: epoch/, signal);
      expect(run.code, run.stderr).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(run.stderr).toMatch(/interrupted .* keeps its previous contents/);
      expect(readdirSync(out).sort()).toEqual(Object.keys(before).sort());
      for (const [f, text] of Object.entries(before)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);
    }
  }, 240_000);

  it('day by day, removes its temporary day files too', async () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const run = await interrupt(['--daily', '--trace', sample, '--epochs', '50', '-c', '5', '-e', '8', '--out', join(dir, 'daily')], /training: epoch/, 'SIGTERM', { TMPDIR: tmp });
    expect(run.code, run.stderr).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(join(dir, 'daily')).filter((f) => f.startsWith('.darkvec-partial'))).toEqual([]);
  }, 120_000);
});

describe('degenerate and odd data', () => {
  const rows = (senders: number) => ['ts,src_ip,dst_port,proto', ...Array.from({ length: 40 }, (_, i) => `${1617148800 + i * 60},192.0.2.${1 + (i % senders)},${i % 3 ? 23 : 80},tcp`)].join('\n') + '\n';

  it('one sender: exit 0, and the report says why the clustering numbers are undefined', async () => {
    writeFileSync(join(dir, 'one.csv'), rows(1));
    const r = await runCli(['analyze', '--trace', join(dir, 'one.csv'), '--epochs', '1', '--out', join(dir, 'one'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/NaN/);
    const report = JSON.parse(readFileSync(join(dir, 'one', 'report.json'), 'utf8'));
    expect(report.clustering.modularity).toBeNull();
    expect(report.clustering.silhouetteMean).toBeNull();
    expect(report.notes.join(' ')).toMatch(/only 1 sender was kept/);
    expect(r.stdout).toMatch(/note: only 1 sender was kept/);
  }, 60_000);

  it('two senders in one cluster: silhouettes undefined, in words', async () => {
    writeFileSync(join(dir, 'two.csv'), rows(2));
    const r = await runCli(['analyze', '--trace', join(dir, 'two.csv'), '--epochs', '1', '--min-packets', '5', '--out', join(dir, 'two'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'two', 'report.json'), 'utf8'));
    // Two senders are each other's only neighbour: one community.
    expect(report.clustering.clusters).toBe(1);
    expect(report.clustering.silhouetteMean).toBeNull();
    expect(report.notes.join(' ')).toMatch(/one cluster: silhouettes .* undefined/);
  }, 60_000);

  it('labels for none of the kept senders: said on stdout and in the report', async () => {
    writeFileSync(join(dir, 'other-labels.csv'), 'ip,label\n203.0.113.7,scanner\n203.0.113.8,=cmd()\n');
    const r = await runCli(['analyze', '--trace', join(dir, 'two.csv'), '--labels', join(dir, 'other-labels.csv'), '--epochs', '1', '--min-packets', '5', '--out', join(dir, 'nolabels'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/note: none of the 2 labels in other-labels.csv is for a kept sender/);
    const report = JSON.parse(readFileSync(join(dir, 'nolabels', 'report.json'), 'utf8'));
    expect(report.knn).toBeNull();
    expect(report.labels).toMatchObject({ entries: 2, sendersLabelled: 0, notAmongKept: 2 });
  }, 60_000);

  it('hostile labels are written as text, never as formulas', async () => {
    const labels = ['ip,label', '192.0.2.1,=HYPERLINK("http://x","y")', '192.0.2.2,-1+1|cmd'].join('\n') + '\n';
    writeFileSync(join(dir, 'hostile.csv'), labels);
    const r = await runCli(['analyze', '--trace', join(dir, 'two.csv'), '--labels', join(dir, 'hostile.csv'), '--epochs', '1', '--min-packets', '5', '--out', join(dir, 'hostile'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['clusters.csv', 'metadata.tsv', 'classification.csv']) {
      const cells = readFileSync(join(dir, 'hostile', f), 'utf8').split(/[\n,\t]/).map((c) => c.replace(/^"/, ''));
      expect(cells.filter((c) => /^[=+@]/.test(c) || /^-[^\d.]/.test(c) || /^-\d+\+/.test(c)), f).toEqual([]);
    }
  }, 60_000);
});
