// `darkvec corpus` on a Cowrie log and a Parquet trace, its fingerprint counts and --drop-backscatter.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parquetBytes } from '../../ingest/formats/parquet-writer';

const bin = fileURLToPath(new URL('../../../bin/darkvec.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'darkvec-cli-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function darkvec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

it('reads a Cowrie log and a Parquet trace, counts fingerprints and drops backscatter on request', async () => {
  const cowrie = join(dir, 'cowrie.json');
  copyFileSync(fileURLToPath(new URL('../../ingest/formats/fixtures/cowrie.json', import.meta.url)), cowrie);
  // Parquet: a ZMap scanner (IP ID 54321), a victim replying SYN-ACK, a plain scanner; 12 packets each.
  const rows = { ts: [] as number[], src: [] as string[], port: [] as number[], id: [] as number[], flags: [] as string[] };
  for (let i = 0; i < 12; i++) {
    for (const [src, id, flags] of [['192.0.2.1', 54321, 'S'], ['192.0.2.2', 7, 'SA'], ['192.0.2.3', 8, 'S']] as const) {
      rows.ts.push(1617148800 + i);
      rows.src.push(src);
      rows.port.push(443);
      rows.id.push(id);
      rows.flags.push(flags);
    }
  }
  const parquet = join(dir, 'trace.parquet');
  writeFileSync(parquet, parquetBytes([
    { name: 'ts', data: rows.ts, type: 'DOUBLE' },
    { name: 'src_ip', data: rows.src, type: 'STRING' },
    { name: 'dst_port', data: rows.port, type: 'INT32' },
    { name: 'ip_id', data: rows.id, type: 'INT32' },
    { name: 'tcp_flags', data: rows.flags, type: 'STRING' },
  ], 10));
  const [hp, pq, dropped] = await Promise.all([
    darkvec(['corpus', '--trace', cowrie, '--min-packets', '1', '--quiet', '--out', join(dir, 'hp.txt')]),
    darkvec(['corpus', '--trace', parquet, '--quiet', '--out', join(dir, 'pq.txt')]),
    darkvec(['corpus', '--trace', parquet, '--quiet', '--drop-backscatter', '--out', join(dir, 'pq-drop.txt')]),
  ]);
  expect(hp.code, hp.stderr).toBe(0);
  expect(hp.stdout).toContain('rows read: 10 (cowrie), packets: 8');
  expect(hp.stdout).toContain('senders: 2 before the filter, 2 with at least 1 packets');
  expect(readFileSync(join(dir, 'hp.txt'), 'utf8').split('\n').filter(Boolean).sort()).toEqual(['192.0.2.10', '203.0.113.5']);

  expect(pq.code, pq.stderr).toBe(0);
  expect(pq.stdout).toContain('rows read: 36 (parquet), packets: 36');
  expect(pq.stdout).toContain('fingerprinted senders: Mirai-like – (no such fields), ZMap 1, Masscan – (no such fields), Backscatter 1');
  expect(dropped.code, dropped.stderr).toBe(0);
  expect(dropped.stdout).toContain('backscatter dropped: 12 rows, 12 packets');
  expect(dropped.stdout).toContain('senders: 2 before the filter, 2 with at least 10 packets');
  expect(readFileSync(join(dir, 'pq-drop.txt'), 'utf8')).not.toContain('192.0.2.2');
}, 60_000);
