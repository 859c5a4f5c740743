import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { parseWord2VecText } from '../../src/embed/word2vec-format';
import { plantedCorpus } from '../embed/planted-corpus';
import { groupSeparation } from '../embed/cosine';

const run = promisify(execFile);

/** In process: the dispatcher and the command exactly as bin/darkvec.mjs runs them, without a Node start-up per case. */
async function darkvecInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(['train', ...args]);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
const bin = new URL('../../bin/darkvec.mjs', import.meta.url).pathname;

async function darkvec(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'train', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function corpusText(groups: number, seed: number, rename?: (v: string) => string): string {
  const c = plantedCorpus(groups, 8, 150, 16, seed);
  const lines: string[] = [];
  for (let s = 0; s + 1 < c.offsets.length; s++) {
    lines.push(Array.from(c.tokens.subarray(c.offsets[s], c.offsets[s + 1]), (t) => (rename ?? ((v) => v))(c.vocab[t])).join(' '));
  }
  return lines.join('\n') + '\n';
}

describe('darkvec train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-train-'));
  const corpus = join(dir, 'corpus.txt');
  const model = join(dir, 'model.txt');
  writeFileSync(corpus, corpusText(2, 1));

  it('trains a text corpus into word2vec text, then continues it with --init', async () => {
    const first = await darkvec('--corpus', corpus, '--out', model, '-c', '5', '-e', '12', '--epochs', '4', '--threads', '1', '--seed', '3');
    expect(first.stderr).toMatch(/150 sentences, 2400 tokens, 16 senders/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^tokens 9600 {2}seconds [\d.]+ {2}tokens\/s \d+ {2}threads 1 {2}epochs 4/);
    const embedding = await parseWord2VecText(readFileSync(model, 'utf8').split('\n'), model);
    expect(embedding.vocab.length).toBe(16);
    expect(embedding.dim).toBe(12);
    const sep = groupSeparation(embedding, 0, 16, 8);
    expect(sep.minWithin).toBeGreaterThan(sep.maxCross);

    const day2 = join(dir, 'day2.txt');
    writeFileSync(day2, corpusText(2, 2, (v) => (v.startsWith('10.1.') ? v.replace('10.1.', '10.7.') : v)));
    const next = join(dir, 'next.txt');
    const second = await darkvec('--corpus', day2, '--out', next, '--init', model, '-c', '5', '-e', '12', '--threads', '1');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/epochs 1/);
    expect(second.stderr).toMatch(/16 senders kept, 8 added/);
    const continued = await parseWord2VecText(readFileSync(next, 'utf8').split('\n'), next);
    expect(continued.vocab.slice(0, 16)).toEqual(embedding.vocab);
    expect(continued.vocab.slice(16).every((v) => v.startsWith('10.7.'))).toBe(true);
  });

  it('--shared-negatives trains the approximation: other vectors, reproducible at one thread, the groups still apart', async () => {
    const args = (out: string, ...more: string[]) => ['--corpus', corpus, '--out', out, '-c', '5', '-e', '12', '--epochs', '4', '--threads', '1', '--seed', '3', ...more];
    const [exact, shared, again] = ['exact.txt', 'shared.txt', 'again.txt'].map((f) => join(dir, f));
    expect((await darkvecInProcess(...args(exact))).code).toBe(0);
    expect((await darkvecInProcess(...args(shared, '--shared-negatives'))).code).toBe(0);
    expect((await darkvecInProcess(...args(again, '--shared-negatives'))).code).toBe(0);
    expect(readFileSync(shared, 'utf8')).toBe(readFileSync(again, 'utf8'));
    expect(readFileSync(shared, 'utf8')).not.toBe(readFileSync(exact, 'utf8'));
    const embedding = await parseWord2VecText(readFileSync(shared, 'utf8').split('\n'), shared);
    const sep = groupSeparation(embedding, 0, 16, 8);
    expect(sep.minWithin).toBeGreaterThan(sep.maxCross);
  });

  it('rejects bad arguments with exit 2 and one line', async () => {
    for (const [args, message] of [
      [['--out', model], /--corpus FILE is required/],
      [['--corpus', corpus], /--out FILE is required/],
      [['--corpus', corpus, '--out', model, '-c', 'x'], /--context must be a number, got "x"/],
      [['--corpus', corpus, '--out', model, '--epochs', '0'], /--epochs must be from 1 to 1000, got 0/],
      [['--corpus', corpus, '--out', model, '--frobnicate'], /Unknown option/],
    ] as const) {
      const r = await darkvecInProcess(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('fails with exit 1 naming a missing or malformed file', async () => {
    const missing = await darkvec('--corpus', join(dir, 'nope.txt'), '--out', model);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope.txt: no such file/);
    const bad = join(dir, 'bad-model.txt');
    writeFileSync(bad, '2 3\na 1 2 3\nb 1 2\n');
    const r = await darkvecInProcess('--corpus', corpus, '--out', model, '--init', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-model.txt:3: expected a token and 3 values/);
  });

  it('prints its help', async () => {
    const r = await darkvecInProcess('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--init MODEL/);
  });
});
