// Two views of the packet log the map and the cluster inspection ask for:
// which senders sent to a port (search by port), and a cluster's top ports
// hour by hour (the port-by-hour heatmap beside its activity pattern).
import type { PacketLog } from '../corpus/sender-stats';
import { serviceName } from './summaries';

export interface PortHours {
  /** `23/tcp`, ...: the cluster's top services by packets, most first. */
  services: string[];
  /** Unix seconds of the first hour (UTC, on the hour). */
  hourStart: number;
  hours: number;
  /** services x hours, row-major: packets. */
  packets: Float64Array;
  /** Every service the cluster sent to, most packets first (its port set). */
  allServices: string[];
}

/** Sender ids (ascending) with at least one log row to `port`; proto -1 = any protocol. */
export function sendersOnPort(log: PacketLog, senders: number, port: number, proto: number): Int32Array {
  const hit = new Uint8Array(senders);
  for (let r = 0; r < log.sender.length; r++) {
    if (log.port[r] === port && (proto < 0 || log.proto[r] === proto)) hit[log.sender[r]] = 1;
  }
  const out: number[] = [];
  for (let s = 0; s < senders; s++) if (hit[s]) out.push(s);
  return Int32Array.from(out);
}

export function portHours(cluster: number, clusters: Int32Array, log: PacketLog, top = 10): PortHours {
  let first = Infinity, last = -Infinity;
  for (let r = 0; r < log.ts.length; r++) {
    const t = log.ts[r];
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (!Number.isFinite(first)) return { services: [], hourStart: 0, hours: 0, packets: new Float64Array(0), allServices: [] };
  const hourStart = Math.floor(first / 3600) * 3600;
  const hours = Math.floor((last - hourStart) / 3600) + 1;
  const byCode = new Map<number, Float64Array>();
  const totals = new Map<number, number>();
  for (let r = 0; r < log.sender.length; r++) {
    if (clusters[log.sender[r]] !== cluster) continue;
    const code = (log.port[r] + 1) * 256 + log.proto[r];
    let row = byCode.get(code);
    if (!row) byCode.set(code, (row = new Float64Array(hours)));
    row[Math.floor((log.ts[r] - hourStart) / 3600)] += log.packets[r];
    totals.set(code, (totals.get(code) ?? 0) + log.packets[r]);
  }
  const all = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const codes = all.slice(0, top);
  const packets = new Float64Array(codes.length * hours);
  codes.forEach((c, i) => packets.set(byCode.get(c)!, i * hours));
  const name = (c: number) => serviceName(Math.floor(c / 256) - 1, c % 256);
  return { services: codes.map(name), hourStart, hours, packets, allServices: all.map(name) };
}
