// Every bad input through the command line: refused with exit 1 and a message
// naming the file (and the line or byte offset where there is one), or read
// with the summary saying what was skipped and why. Never a stack trace, an
// internal error or a terminal escape from the input.
//
// Most cases run `darkvec corpus` in this process (main() is the CLI: bin/darkvec.mjs
// only registers tsx and calls it), since a child process costs ~1.5 s of start-up;
// one case of each outcome runs as a real child process too, for the exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { runCli } from '../cli/run-cli';
import { badInputs, countByKind, type BadInput } from './cases';

const dir = mkdtempSync(join(tmpdir(), 'darkvec-bad-inputs-'));
const cases = badInputs();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runInProcess(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function argsOf(c: BadInput): { file: string; args: string[] } {
  const file = join(dir, c.name);
  writeFileSync(file, c.bytes);
  return { file, args: ['corpus', '--trace', file, '--out', join(dir, `${c.name}.corpus.txt`), '--quiet', ...(c.args ?? ['--min-packets', '1'])] };
}

function check(c: BadInput, file: string, r: Run): void {
  const all = r.stdout + '\n' + r.stderr;
  // Never an internal error, a stack trace or a raw control character from the input.
  expect(all, c.name).not.toMatch(/\n\s+at |Invalid time value|Invalid typed array length|TypeError|RangeError|ReferenceError|undefined|NaN/);
  expect(all, c.name).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  const has = (text: string, s: string | RegExp) => (typeof s === 'string' ? expect(text, c.name).toContain(s) : expect(text, c.name).toMatch(s));
  if (c.outcome === 'refused') {
    expect(r.code, `${c.name}: ${all}`).toBe(1);
    expect(r.stderr, c.name).toContain(`darkvec corpus: ${file}`);
    for (const s of c.says) has(r.stderr, s);
    if (c.where !== false) expect(r.stderr, c.name).toMatch(/line \d+|byte \d+/);
  } else {
    expect(r.code, `${c.name}: ${all}`).toBe(0);
    for (const s of c.says) has(r.stdout, s);
    for (const s of c.warns ?? []) has(r.stdout, `warning: ${file}: `), has(r.stdout, s);
  }
}

describe('bad inputs through darkvec corpus', () => {
  it('covers every class with at least 60 cases', () => {
    const kinds = countByKind(cases);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const k of ['empty', 'binary', 'gzip', 'bomb', 'encoding', 'line ends', 'header', 'lines', 'timestamp', 'values', 'overflow', 'capture', 'zeek', 'suricata', 'hostile', 'filter']) {
      expect(kinds[k], k).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { file, args } = argsOf(c);
    check(c, file, await runInProcess(args));
  });

  it('as child processes too: exit codes and stderr are what a script sees', async () => {
    const picked = ['ts-all-bad.csv', 'pcap-cut-record.pcap', 'trailing-garbage.csv.gz', 'ts-1e300.csv'].map((n) => cases.find((c) => c.name === n)!);
    const runs = await Promise.all(picked.map(async (c) => ({ c, ...argsOf(c), r: await runCli(argsOf(c).args) })));
    for (const { c, file, r } of runs) check(c, file, r);
  }, 60_000);
});

afterAll(() => {
  // The count per class, for the record.
  console.info(`bad inputs: ${cases.length} cases`, countByKind(cases));
});
