// A 1 M-row trace, generated as it is read (never one string), goes through
// both passes while the heap stays far below the trace's size.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { buildCorpus } from '../../src/corpus/build-corpus';
import type { ByteSource } from '../../src/ingest/byte-source';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 1_000_000;

/** Rows drawn from pools of precomputed text: cheap to make, like a real trace to read. */
async function* generated(counter: { bytes: number }): ByteSource {
  const encoder = new TextEncoder();
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const senders = Array.from({ length: 20_000 }, (_, i) => `${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`);
  const services = ['23,6', '2323,6', '22,6', '80,6', '445,6', '5555,6', '53,17', ',1', '40000,6', '1234,17'];
  // A trailing column the corpus does not use makes rows as long as real
  // exports (~70 B) while costing the scanner only its newline search.
  const note = 'x'.repeat(36);
  yield encoder.encode('ts,src_ip,dst_port,proto,note\n');
  let ts = 1617148800;
  for (let done = 0; done < ROWS; ) {
    const lines: string[] = [];
    for (let i = 0; i < 20_000 && done < ROWS; i++, done++) {
      ts += rand() * 0.2;
      const sender = senders[Math.floor(senders.length * rand() ** 2)];
      lines.push(`${ts.toFixed(3)},${sender},${services[Math.floor(rand() * services.length)]},${note}`);
    }
    const bytes = encoder.encode(lines.join('\n') + '\n');
    counter.bytes += bytes.length;
    yield bytes;
  }
}

const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

it('builds the corpus of a 1 M-row trace in bounded memory', async () => {
  gc();
  const before = used();
  let peak = before;
  let nextSample = 0;
  let samplingPass = 0;
  const counter = { bytes: 0 };
  const { report, corpus } = await buildCorpus(
    () => generated(counter),
    { fileName: 'generated.csv', services: 'dks', logRows: 100_000 },
    // Live memory, not garbage: collect every 4 MB read, then sample.
    ({ pass, bytes }) => {
      if (pass !== samplingPass) {
        samplingPass = pass;
        nextSample = 0;
      }
      if (bytes < nextSample) return;
      nextSample = bytes + 4e6;
      gc();
      peak = Math.max(peak, used());
    },
  );
  // Array buffers are freed after the sweep: let it finish (slowly on a busy machine).
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  gc();
  const retained = used() - before;
  const fileBytes = counter.bytes / 2; // read twice
  expect(report.rowsRead).toBe(ROWS);
  expect(report.rowsSkipped.total).toBe(0);
  expect(report.tokens).toBe(corpus.tokens.length);
  expect(fileBytes).toBeGreaterThan(50e6);
  // What stays is the corpus (4 B per token) and little else; while building,
  // live memory is per-sender state and about one window, not the trace.
  expect(retained, `retained ${retained} B of a ${fileBytes} B trace`).toBeLessThan(corpus.tokens.byteLength + 0.1 * fileBytes);
  expect(peak - before, `live peak ${peak - before} B for a ${fileBytes} B trace`).toBeLessThan(0.4 * fileBytes);
}, 120_000);
