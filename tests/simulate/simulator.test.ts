import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GROUPS, PAPER_TABLE, Simulation, TraceStats, TRACE_HEADER, traceCsvChunks } from '../../src/simulate/index';
import { ipToUint, simulateText } from './trace-rows';

const SMALL = { seed: 7, days: 1, scale: 0.03, senderFloor: 10, excessPacketScale: 0.3 };

function digest(sim: Simulation): string {
  const h = createHash('sha256');
  for (const chunk of traceCsvChunks(sim)) h.update(chunk);
  return h.digest('hex');
}

describe('simulated trace', () => {
  const t = simulateText(SMALL);

  it('is deterministic in the seed', () => {
    const a = digest(new Simulation(SMALL));
    expect(digest(new Simulation(SMALL))).toBe(a);
    expect(digest(new Simulation({ ...SMALL, seed: 8 }))).not.toBe(a);
    expect(digest(new Simulation({ ...SMALL, scale: 0.031 }))).not.toBe(a);
  });

  it('has the documented columns', () => {
    expect(t.header).toBe(TRACE_HEADER);
    expect(t.lines.length).toBeGreaterThan(10_000);
    const row = /^(\d{10})\.(\d{6}),(\d+\.\d+\.\d+\.\d+),198\.51\.100\.(\d+),(\d*),(1|6|17),(\d+),(\d*),(\d+),(S|SA|RA|R|),(0|3|8|11|)$/;
    const protos = new Set<string>();
    // Collect problems and assert once: an expect() per field would dominate the run time.
    const bad: string[] = [];
    for (const line of t.lines) {
      const m = row.exec(line);
      if (!m) {
        bad.push(`shape: ${line}`);
        continue;
      }
      const [, , , src, dst, port, proto, len, seq, ipId, flags, icmpType] = m;
      protos.add(proto);
      if (Number(ipId) > 65535) bad.push(`ip_id: ${line}`);
      if ((flags === '') !== (proto !== '6')) bad.push(`tcp_flags: ${line}`);
      if ((icmpType === '') !== (proto !== '1')) bad.push(`icmp_type: ${line}`);
      if (Number(dst) > 255) bad.push(`dst: ${line}`);
      if (proto === '1' ? port !== '' : port === '' || Number(port) > 65535) bad.push(`port: ${line}`);
      if ((seq === '') !== (proto !== '6') || Number(seq) >= 2 ** 32) bad.push(`seq: ${line}`);
      if (Number(len) < 28 || Number(len) > 1500) bad.push(`length: ${line}`);
      if (!t.truth.has(src)) bad.push(`sender not in truth.csv: ${line}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect([...protos].sort()).toEqual(['1', '17', '6']);
  });

  it('is in time order within the simulated day', () => {
    let last = 0;
    const start = 1617148800;
    let backwards = 0;
    for (const line of t.lines) {
      const ts = Number(line.slice(0, line.indexOf(',')));
      if (ts < last) backwards++;
      last = ts;
    }
    expect(backwards).toBe(0);
    expect(Number(t.lines[0].split(',')[0])).toBeGreaterThanOrEqual(start);
    expect(last).toBeLessThan(start + 86400);
  });

  it('sets tcp_seq = destination address exactly for the Mirai-like groups', () => {
    const miraiGroups = new Set(GROUPS.filter((g) => g.mirai).map((g) => g.id));
    expect(miraiGroups).toEqual(new Set(['mirai-like', 'mirai-massive', 'mirai-unlisted']));
    const fingerprinted = new Set<string>();
    let miraiTcp = 0;
    let wrong = 0;
    for (const line of t.lines) {
      const f = line.split(',');
      if (f[4] !== '6') continue;
      const isMirai = miraiGroups.has(t.truth.get(f[1])!);
      const match = Number(f[6]) === ipToUint(f[2]);
      if (match) fingerprinted.add(f[1]);
      // Mirai senders always set it; a random 32-bit number equal to the destination is a 2^-32 event.
      if (match !== isMirai) wrong++;
      if (isMirai) miraiTcp++;
    }
    expect(wrong).toBe(0);
    expect(miraiTcp).toBeGreaterThan(1000);
    const miraiSenders = [...t.truth].filter(([, g]) => miraiGroups.has(g)).map(([ip]) => ip);
    expect(new Set(miraiSenders)).toEqual(fingerprinted);
  });

  it('gives the ZMap and Masscan IP IDs exactly to their groups, and replies exactly to the backscatter victims', () => {
    const tools = new Map(GROUPS.filter((g) => g.tool).map((g) => [g.id, g.tool]));
    expect([...tools]).toEqual([['zmap-scanner', 'zmap'], ['masscan-scanner', 'masscan']]);
    const replyGroups = new Set(GROUPS.filter((g) => g.replies).map((g) => g.id));
    expect(replyGroups).toEqual(new Set(['backscatter']));
    const seen = { zmap: 0, masscan: 0, replies: 0 };
    const wrong: string[] = [];
    for (const line of t.lines) {
      const f = line.split(',');
      const group = t.truth.get(f[1])!;
      const id = Number(f[7]);
      const zmap = id === 54321;
      const masscan = f[4] === '6' && id === ((ipToUint(f[2]) ^ Number(f[3]) ^ Number(f[6])) & 0xffff);
      const reply = f[4] === '6' ? f[8] !== 'S' : f[4] === '1' && f[9] !== '8';
      if (zmap !== (tools.get(group) === 'zmap') || masscan !== (tools.get(group) === 'masscan') || reply !== replyGroups.has(group)) {
        wrong.push(`${group}: ${line}`);
      }
      if (zmap) seen.zmap++;
      if (masscan) seen.masscan++;
      if (reply) seen.replies++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(Math.min(seen.zmap, seen.masscan, seen.replies)).toBeGreaterThan(50);
  });

  it('labels only the known classes, and every sender of them', () => {
    const labelled = new Map(GROUPS.filter((g) => g.label).map((g) => [g.id, g.label!]));
    for (const [ip, label] of t.labels) expect(labelled.get(t.truth.get(ip)!)).toBe(label);
    const expected = [...t.truth.values()].filter((g) => labelled.has(g)).length;
    expect(t.labels.size).toBe(expected);
    // Every truth row is a sender of the trace.
    const seen = new Set(t.lines.map((l) => l.split(',')[1]));
    expect(seen.size).toBe(t.truth.size);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => new Simulation({ seed: 1, days: 0 })).toThrow(/days/);
    expect(() => new Simulation({ seed: 1.5 })).toThrow(/seed/);
    expect(() => new Simulation({ seed: 1, prefix: '10.0.0.1/24' })).toThrow(/host bits/);
    expect(() => new Simulation({ seed: 1, scale: -1 })).toThrow(/scale/);
  });
});

describe('class sizes and port shares', () => {
  it('match the paper scaled down, within tolerance', () => {
    const scale = 0.1;
    const sim = new Simulation({ seed: 3, scale });
    const stats = new TraceStats(sim);
    for (const s of sim.slices()) stats.add(s);
    for (const c of stats.classes()) {
      if (c.name === 'Total') continue;
      const p = PAPER_TABLE.find((r) => r.label === c.name)!;
      // Unknown sums many groups, each rounded on its own.
      if (c.name === 'Unknown') expect(Math.abs(c.senders / (p.senders * scale) - 1)).toBeLessThan(0.01);
      else expect(c.senders, c.name).toBe(Math.max(1, Math.round(p.senders * scale)));
      expect(Math.abs(c.packets / (p.packets * scale) - 1), `${c.name} packets`).toBeLessThan(0.15);
      if (c.name === 'Unknown') continue;
      // With ~1 packet per port (Sharashka at this scale) the observed top 5 are just the
      // luckiest ports; the share is only meaningful with a few packets per port.
      if ((p.packets * scale) / p.ports >= 2) {
        expect(Math.abs(c.top5 - p.top5), `${c.name} top-5 share`).toBeLessThan(Math.max(0.15 * p.top5, 0.01));
      }
      // Small classes hit every port they own even at a tenth of the traffic.
      if (p.ports <= 100) expect(c.ports, `${c.name} ports`).toBeGreaterThanOrEqual(Math.floor(p.ports * 0.85));
    }
  });
});
