import { describe, expect, it } from 'vitest';
import { CHECK, END_VALID_TIME, isValidTime } from '../../src/ingest/record-checks';
import { SkipLog, describeSkips, quoted, reasonKey } from '../../src/ingest/skip-log';
import { parseTimestamp } from '../../src/ingest/timestamp';
import { parseIsoTime } from '../../src/ingest/formats/text-fields';

describe('the valid time range', () => {
  it('is 1970-01-01 (inclusive) to 2100-01-01 (exclusive), NaN never valid', () => {
    expect(END_VALID_TIME).toBe(Date.UTC(2100, 0, 1) / 1000);
    expect([0, 1617148800, END_VALID_TIME - 0.001].map(isValidTime)).toEqual([true, true, true]);
    expect([-1, END_VALID_TIME, 1e20, Infinity, NaN].map(isValidTime)).toEqual([false, false, false, false, false]);
  });

  it('years 0-99 stay years 0-99 (not 1900-1999), so they fall outside the range', () => {
    expect(isValidTime(parseTimestamp('0075-01-01T00:00:00Z'))).toBe(false);
    expect(isValidTime(parseIsoTime('0075-01-01T00:00:00Z'))).toBe(false);
    expect(parseIsoTime('2021-13-45T00:00:00Z')).toBeNaN();
  });
});

describe('SkipLog', () => {
  it('counts reasons without the quoted values, keeps the first lines per reason, and clips what it keeps', () => {
    const log = new SkipLog();
    for (let i = 1; i <= 1000; i++) log.add(i, `unparsable ts ${quoted('x'.repeat(i))}`);
    log.add(1001, CHECK.time);
    const r = log.report();
    expect(r.byReason).toEqual({ 'unparsable ts': 1000, [CHECK.time]: 1 });
    expect(r.lines).toEqual({ 'unparsable ts': [1, 2, 3], [CHECK.time]: [1001] });
    expect(Math.max(...r.first.map((s) => s.reason.length))).toBeLessThan(60);
    expect(describeSkips(r)).toBe(`1001 rows skipped: 1000 unparsable ts (lines 1, 2, 3, ...), 1 ${CHECK.time} (line 1001)`);
  });

  it('holds at most 64 distinct reasons, the rest counted together', () => {
    const log = new SkipLog();
    for (let i = 0; i < 10_000; i++) log.add(i, `reason number ${i}`);
    const r = log.report();
    expect(Object.keys(r.byReason)).toHaveLength(65);
    expect(r.byReason['other reasons']).toBe(10_000 - 64);
  });

  it('escapes control characters in quoted values (no terminal escapes reach stderr)', () => {
    expect(quoted('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(reasonKey('src_ip "a\\"b" is not an IP address')).toBe('src_ip is not an IP address');
  });
});
