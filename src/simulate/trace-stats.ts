// Per group and per class: senders, packets, distinct ports and the top-5 port
// share, the columns of the paper's ground-truth table, measured on the slices.
import { PAPER_TABLE } from './catalogue';
import type { Simulation, TraceSlice } from './simulator';

export interface GroupStats {
  name: string;
  /** Senders with at least one packet. */
  senders: number;
  /** Senders with at least 10 packets over the run (the paper's filter). */
  senders10: number;
  packets: number;
  ports: number;
  top5: number;
}

// Port key: TCP ports 0..65535, UDP 65536.., ICMP the last slot.
const KEYS = 2 * 65536 + 1;

export class TraceStats {
  private readonly perSender: Int32Array;
  private readonly portCounts: Int32Array[];

  constructor(private readonly sim: Simulation) {
    this.perSender = new Int32Array(sim.senderCount);
    this.portCounts = sim.groups.map(() => new Int32Array(KEYS));
  }

  add(s: TraceSlice): void {
    const { sender, port, proto } = s;
    const group = this.sim.group;
    for (let i = 0; i < s.count; i++) {
      const id = sender[i];
      this.perSender[id]++;
      this.portCounts[group[id]][portKey(port[i], proto[i])]++;
    }
  }

  /** One row per group, in catalogue order. */
  groups(): GroupStats[] {
    return this.sim.groups.map((g, gi) => this.summarise(g.spec.id, [gi]));
  }

  /** The paper's rows: each labelled class, Unknown (every unlabelled group the paper's filter could keep), Total. */
  classes(): GroupStats[] {
    const gs = this.sim.groups;
    const out: GroupStats[] = [];
    for (const row of PAPER_TABLE) {
      if (row.label === 'Unknown') {
        out.push(this.summarise('Unknown', gs.flatMap((g, i) => (g.spec.label === null && !g.spec.belowFilter ? [i] : []))));
      } else if (row.label === 'Total') {
        out.push(this.summarise('Total', gs.flatMap((g, i) => (g.spec.belowFilter ? [] : [i]))));
      } else {
        out.push(this.summarise(row.label, gs.flatMap((g, i) => (g.spec.label === row.label ? [i] : []))));
      }
    }
    return out;
  }

  private summarise(name: string, groupIdx: number[]): GroupStats {
    let senders = 0;
    let senders10 = 0;
    let packets = 0;
    const ports = new Float64Array(KEYS);
    for (const gi of groupIdx) {
      const g = this.sim.groups[gi];
      for (let id = g.offset; id < g.offset + g.pool; id++) {
        const p = this.perSender[id];
        if (p > 0) senders++;
        if (p >= 10) senders10++;
        packets += p;
      }
      const c = this.portCounts[gi];
      for (let k = 0; k < KEYS; k++) ports[k] += c[k];
    }
    let distinct = 0;
    const top = [0, 0, 0, 0, 0];
    for (let k = 0; k < KEYS; k++) {
      const v = ports[k];
      if (v === 0) continue;
      distinct++;
      if (v > top[4]) {
        top[4] = v;
        top.sort((a, b) => b - a);
      }
    }
    const topSum = top.reduce((a, b) => a + b, 0);
    return { name, senders, senders10, packets, ports: distinct, top5: packets > 0 ? topSum / packets : 0 };
  }
}

function portKey(port: number, proto: number): number {
  if (port < 0) return KEYS - 1;
  return proto === 17 ? 65536 + port : port;
}

/** A fixed-width text table; at scale 1 the paper's numbers sit beside ours. */
export function formatStats(stats: TraceStats, scale: number, days: number): string {
  const lines: string[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const head = ['class', 'senders', '>=10pk', 'packets', 'ports', 'top5'];
  const compare = scale === 1 && days === 1;
  if (compare) head.push('| paper:', 'senders', 'packets', 'ports', 'top5', '| ratio s/p');
  lines.push(head.join('\t'));
  for (const c of stats.classes()) {
    const row: (string | number)[] = [c.name, c.senders, c.senders10, c.packets, c.ports, pct(c.top5)];
    if (compare) {
      const p = PAPER_TABLE.find((r) => r.label === c.name)!;
      row.push('|', p.senders, p.packets, p.ports, pct(p.top5), `| ${(c.senders / p.senders).toFixed(3)} / ${(c.packets / p.packets).toFixed(3)}`);
    }
    lines.push(row.join('\t'));
  }
  lines.push('');
  lines.push(['group', 'senders', '>=10pk', 'packets', 'ports', 'top5'].join('\t'));
  for (const g of stats.groups()) lines.push([g.name, g.senders, g.senders10, g.packets, g.ports, pct(g.top5)].join('\t'));
  return lines.join('\n');
}
