import { existsSync, readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { DAY_FILE_HEADER, DaySplitSink } from '../../src/corpus/day-split';
import { nodeHost } from '../../src/cli/node-host';

let dispose = () => {};
afterEach(() => dispose());

it('writes each UTC day to its own file, in input order, with unknown fields empty', () => {
  const store = nodeHost.dayStore();
  dispose = () => store.dispose();
  const sink = new DaySplitSink(store);
  sink.packet(86_399.5, '10.0.0.1', 23, 6, 1, 0xc0a80001, 60, 0xc0a80001, 54321, 2, -1);
  sink.packet(86_400, '10.0.0.2', -1, 1, 3, -1, -1, -1, 7, -1, 3);
  sink.packet(10, '2001:db8::1', 443, 17, 1, -1, 40, -1, -1, -1, -1);
  sink.skip(7, 'bad port');
  const days = sink.close();
  expect(days.map((d) => [d.day, d.rows])).toEqual([
    [0, 2],
    [1, 1],
  ]);
  expect(readFileSync(days[0]!.path, 'utf8')).toBe(
    `${DAY_FILE_HEADER}\n86399.5,10.0.0.1,192.168.0.1,23,6,60,3232235521,1,54321,2,\n10,2001:db8::1,,443,17,40,,1,,,\n`,
  );
  expect(readFileSync(days[1]!.path, 'utf8')).toBe(`${DAY_FILE_HEADER}\n86400,10.0.0.2,,,1,,,3,7,,3\n`);
  expect([sink.rows, sink.skipped, sink.skipSamples]).toEqual([3, 1, ['line 7: bad port']]);
  // The store gives each day back as an input the corpus step reads.
  expect(store.input(days[1]!.path).size).toBe(readFileSync(days[1]!.path).length);
  store.dispose();
  expect(existsSync(days[0]!.path)).toBe(false);
});
