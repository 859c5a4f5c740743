import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/darkvec.mjs', import.meta.url));

function darkvec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

it('writes the text corpus and a summary; bad arguments exit 2, bad input exits 1, one line each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-cli-'));
  const rows = ['ts src_ip dst_port proto'];
  for (let i = 0; i < 12; i++) rows.push(`${1617148800 + i} 10.0.0.1 23 6`, `${1617148800 + i} 10.0.0.2 445 6`);
  rows.push('1617152400 10.0.0.1 23 6', '1617152401 10.0.0.3 23 6', 'oops 10.0.0.1 23 6');
  writeFileSync(join(dir, 'trace.txt'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'binary.bin'), new Uint8Array([0, 1, 2, 3, 0xff, 0xfe]));
  const out = join(dir, 'corpus.txt');

  const [ok, quiet, usage, missing, binary, help] = await Promise.all([
    darkvec(['corpus', '--trace', join(dir, 'trace.txt'), '--services', 'dks', '--out', out]),
    darkvec(['corpus', '--trace', join(dir, 'trace.txt'), '--services', 'dks', '--quiet', '--out', join(dir, 'quiet.txt')]),
    darkvec(['corpus', '--trace', join(dir, 'trace.txt'), '--services', 'nope', '--out', out]),
    darkvec(['corpus', '--trace', join(dir, 'absent.csv'), '--out', out]),
    darkvec(['corpus', '--trace', join(dir, 'binary.bin'), '--out', out]),
    darkvec(['corpus', '--help']),
  ]);

  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('rows read: 27 (delimited), packets: 26');
  expect(ok.stdout).toMatch(/rows skipped: 1 \(1 bad timestamp \(line \d+\)\)/);
  expect(ok.stdout).toContain('line 28: bad timestamp');
  expect(ok.stdout).toContain('senders: 3 before the filter, 2 with at least 10 packets');
  expect(ok.stdout).toContain('sentences: 3, tokens: 3');
  // Window 1: smb (445) then telnet (23); window 2: telnet. 10.0.0.3 is filtered out.
  expect(readFileSync(out, 'utf8')).toBe('10.0.0.2\n10.0.0.1\n10.0.0.1\n');
  // Progress goes to stderr (stdout stays the summary), and --quiet silences it.
  expect(ok.stderr).toMatch(/^darkvec corpus: corpus \(2 passes\): \d+B read \(\d+%\)/m);
  expect(ok.stderr).toMatch(/^darkvec corpus: corpus: 27 rows in [\d.]+ s \([\d,]+ rows\/s\)$/m);
  expect(quiet.code).toBe(0);
  expect(quiet.stderr).toBe('');
  expect(readFileSync(join(dir, 'quiet.txt'), 'utf8')).toBe(readFileSync(out, 'utf8'));

  expect(usage.code).toBe(2);
  expect(usage.stderr.trim()).toBe('darkvec corpus: --services must be one of single, auto, dks, hybrid, got "nope"');
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n').at(-1)).toBe(`darkvec corpus: ${join(dir, 'absent.csv')}: no such file`);
  expect(binary.code).toBe(1);
  expect(binary.stderr.trim().split('\n').at(-1)).toBe(`darkvec corpus: ${join(dir, 'binary.bin')}: not a recognised trace format (first bytes: 0x00010203fffe)`);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('usage: darkvec corpus --trace FILE --out FILE');
}, 60_000);
