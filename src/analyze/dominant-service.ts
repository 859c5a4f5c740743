// Per sender, the DKS service with most of its logged packets: what the map
// colours by and the Projector metadata names.
import type { PacketLog } from '../corpus/sender-stats.ts';
import { pairIndex } from '../corpus/services.ts';

/** Index into the service table per sender (-1: no logged packet). */
export function dominantServices(log: PacketLog, n: number, ofPair: Uint16Array, services: number): Int32Array {
  const counts = new Float64Array(n * services);
  for (let r = 0; r < log.sender.length; r++) {
    const pair = pairIndex(log.port[r], log.proto[r]);
    if (pair < 0) continue;
    counts[log.sender[r] * services + ofPair[pair]] += log.packets[r];
  }
  const out = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    let best = 0;
    for (let v = 0; v < services; v++) {
      const c = counts[s * services + v];
      if (c > best) {
        best = c;
        out[s] = v;
      }
    }
  }
  return out;
}
