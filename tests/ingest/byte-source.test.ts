import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { gunzipIfNeeded, openBlobSource, openPathSource, peekSource, type ByteSource } from '../../src/ingest/byte-source';
import { gzipped, sourceOf } from './trace-fixtures';

async function text(source: ByteSource): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

/** The inflated text; gunzipIfNeeded itself may already refuse (it reads the first inflated bytes). */
async function inflated(source: ByteSource, name: string, engine?: 'zlib' | 'web'): Promise<string> {
  return text(await gunzipIfNeeded(source, name, engine));
}

it('peeks at the head without losing bytes', async () => {
  const { head, source } = await peekSource(sourceOf('hello world', 3), 5);
  expect(Buffer.from(head).toString()).toBe('hello');
  expect(await text(source)).toBe('hello world');
});

it('reads files and blobs, gzip or not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'darkvec-bytes-'));
  writeFileSync(join(dir, 'a.gz'), gzipped('abc\n'.repeat(1000)));
  expect(await text(await gunzipIfNeeded(openPathSource(join(dir, 'a.gz')), 'a.gz'))).toBe('abc\n'.repeat(1000));
  const blob = new Blob([new Uint8Array(gzipped('xyz'))]);
  expect(await text(await gunzipIfNeeded(openBlobSource(blob), 'b.gz'))).toBe('xyz');
  expect(await text(await gunzipIfNeeded(openBlobSource(new Blob(['plain'])), 'c'))).toBe('plain');
});

it('names a missing file', async () => {
  await expect(text(openPathSource('/nonexistent/trace.csv'))).rejects.toThrow('/nonexistent/trace.csv: no such file');
});

it('names corrupt gzip data', async () => {
  const bad = gzipped('abc'.repeat(100));
  bad[20] ^= 0xff;
  bad[21] ^= 0xff;
  await expect(inflated(sourceOf(bad), 'x.gz')).rejects.toThrow(/^x\.gz: gzip (data is corrupt|stream ends early)/);
});

it.each(['zlib', 'web'] as const)('inflates with %s, and a truncated stream fails with a clear message, not a hang', async (engine) => {
  const body = 'ts,src,port,proto\n' + '100,1.2.3.4,23,6\n'.repeat(5000);
  const whole = gzipped(body);
  expect(await text(await gunzipIfNeeded(sourceOf(whole, 1000), 'a.gz', engine))).toBe(body);
  for (const cut of [10, whole.length >> 1, whole.length - 4]) {
    await expect(inflated(sourceOf(whole.subarray(0, cut), 1000), 'a.gz', engine)).rejects.toThrow(
      'a.gz: gzip stream ends early (truncated file?)',
    );
  }
});

it.each([1, 7, 4096])('reads every member of a multi-member gzip (zlib, chunks of %i bytes)', async (chunk) => {
  const body = '100,1.2.3.4,23,6\n'.repeat(3000);
  const cat = Buffer.concat([gzipped('ts,src,port,proto\n'), gzipped(body), gzipped('')]);
  expect(await inflated(sourceOf(cat, chunk), 'cat.gz', 'zlib')).toBe('ts,src,port,proto\n' + body);
});

it.each(['zlib', 'web'] as const)('reads the members before trailing garbage and names its offset and size (%s)', async (engine) => {
  const member = gzipped('abc\n'.repeat(100));
  const warnings: string[] = [];
  const out = await text(await gunzipIfNeeded(sourceOf(Buffer.concat([member, Buffer.from('not gzip at all')]), 5), 't.gz', engine, (w) => warnings.push(w)));
  expect(out).toBe('abc\n'.repeat(100));
  expect(warnings).toEqual([`t.gz: 15 bytes after the last gzip member (from byte ${member.length}) are not gzip and were ignored`]);
});

it('refuses gzip inside gzip by name', async () => {
  await expect(inflated(sourceOf(gzipped(gzipped('ts,src\n'))), 'twice.gz')).rejects.toThrow('twice.gz: gzip inside gzip');
});

it('checks each member trailer (zlib): a wrong length is corrupt, not silently short', async () => {
  const member = gzipped('abc\n'.repeat(100));
  member[member.length - 1] ^= 1;
  await expect(inflated(sourceOf(member), 'l.gz', 'zlib')).rejects.toThrow(/l\.gz: gzip data is corrupt \(length check failed\) in member 1 starting at byte 0/);
});
