import { expect, it } from 'vitest';
import { createProgress, formatCount } from '../../src/cli/progress';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
}

it('throttles plain lines when stderr is not a terminal', () => {
  const { chunks, stream } = fakeStream(false);
  let t = 0;
  const p = createProgress({ stream, intervalMs: 2000, prefix: 'x', now: () => t });
  p.update('a');
  t = 1000;
  p.update('b');
  t = 2500;
  p.update('c');
  p.done('end');
  expect(chunks).toEqual(['x: a\n', 'x: c\n', 'x: end\n']);
});

it('rewrites one line in a terminal and ends it on done', () => {
  const { chunks, stream } = fakeStream(true);
  const p = createProgress({ stream, now: () => 0 });
  p.update('a');
  p.done('b');
  expect(chunks).toEqual(['\ra\x1b[K', '\rb\x1b[K\n']);
});

it('formats counts for progress lines', () => {
  expect([formatCount(999), formatCount(12_345), formatCount(3_400_000), formatCount(2e9)]).toEqual(['999', '12.3 k', '3.40 M', '2.00 G']);
});
