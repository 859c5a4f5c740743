// "Generate a demo trace": the simulator's CSV, gzip-compressed as it is
// produced, so a scale-1 day (3.4 M rows) never exists as one string.
import { generateDemoTrace } from '../simulate/index.ts';
import type { DemoTrace, Progress } from './pipeline-types.ts';

export async function demoTrace(seed: number, scale: number, onProgress: Progress): Promise<DemoTrace> {
  // The sample's sender floor keeps small classes usable at small scales; heavy
  // senders keep their full traffic (scale 1 = the paper's 3.4 M packets).
  const demo = generateDemoTrace({ seed, scale, days: 1, excessPacketScale: 1 });
  const chunks = demo.traceChunks();
  let hour = 0;
  const csv = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else {
        onProgress(hour++, 25, 'simulated hours');
        controller.enqueue(next.value);
      }
    },
  });
  const gzip = csv.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const trace = await new Response(gzip).blob();
  return { trace, labels: new Blob([demo.labelsCsv()], { type: 'text/csv' }), name: `demo-seed${seed}-scale${scale}` };
}
