import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { csvField, formatNumber, writeCsv } from '../../src/pipeline/csv-out';

it('quotes user text that would break a CSV row', () => {
  expect(csvField('censys')).toBe('censys');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
  expect(csvField('<script>')).toBe('<script>');
});

it('formats scores to six significant digits and NaN as empty', () => {
  expect([formatNumber(0.123456789), formatNumber(3), formatNumber(NaN), formatNumber(-0.5)]).toEqual(['0.123457', '3', '', '-0.5']);
});

it('writes the header and every row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-out-'));
  try {
    const path = join(dir, 'x.csv');
    const n = writeCsv(path, ['ip', 'score'], [['1.2.3.4', 0.5], ['a"b', NaN]]);
    expect(n).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('ip,score\n1.2.3.4,0.5\n"a""b",\n');
  } finally {
    rmSync(dir, { recursive: true });
  }
});
