import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../../src/cli/commands/simulate';
import { UsageError } from '../../../src/cli/command';

const out = mkdtempSync(join(tmpdir(), 'darkvec-simulate-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('darkvec simulate --scenario lifecycle', () => {
  it('writes six days and the planted events', async () => {
    expect(await command(['--scenario', 'lifecycle', '--scale', '0.002', '--level', '1', '--quiet', '--out', out])).toBe(0);
    const lifecycle = readFileSync(join(out, 'lifecycle.csv'), 'utf8').trim().split('\n');
    expect(lifecycle[0]).toBe('group,event,date,related');
    expect(lifecycle).toContain('vanishing-sip,disappeared,2021-04-03,');
    const truth = readFileSync(join(out, 'truth.csv'), 'utf8');
    expect(truth).toMatch(/,splitting-web-b\n/);
    const trace = gunzipSync(readFileSync(join(out, 'trace.csv.gz'))).toString('latin1');
    const days = new Set(trace.split('\n').slice(1, -1).map((row) => Math.floor(Number(row.slice(0, row.indexOf(','))) / 86_400)));
    expect(days.size).toBe(6);
  });

  it('refuses an unknown scenario, too few days and --sample', async () => {
    await expect(command(['--scenario', 'month', '--out', out])).rejects.toThrow(/--scenario must be telescope or lifecycle, got "month"/);
    await expect(command(['--scenario', 'lifecycle', '--days', '4', '--out', out])).rejects.toThrow(UsageError);
    await expect(command(['--scenario', 'lifecycle', '--sample', '--out', out])).rejects.toThrow(/--sample/);
  });
});
