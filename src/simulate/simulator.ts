// The simulated telescope: builds the sender population once, then produces
// the trace one hour at a time, sorted, as columns. Nothing here touches
// node: APIs, so the page runs the same code.
import { GROUPS, type GroupSpec } from './catalogue';
import { hash4, hashNormal, hashUnit, Xoshiro128 } from './prng';
import { buildPortSamplers, sampleIndex, type PortSampler } from './port-sampler';
import { AddressPlanner, parsePrefix, type Prefix } from './address-plan';

export interface SimulationOptions {
  /** Any integer; the same seed and options give the same trace. */
  seed: number;
  /** Days to simulate (default 1). */
  days?: number;
  /** 1 = the paper's one-day sizes per day (senders and packets of every group). */
  scale?: number;
  /** Minimum senders per group per day whatever the scale (keeps small classes usable at small scales). */
  senderFloor?: number;
  /** Multiplies every sender's packets (default 1). */
  packetScale?: number;
  /**
   * Multiplies a sender's packets beyond its 10th of the day (default 1). Below 1 it
   * shrinks heavy senders without moving anyone across the paper's 10-packet filter:
   * how the bundled sample keeps thousands of usable senders in a few MB.
   */
  excessPacketScale?: number;
  /** The telescope, e.g. "198.51.100.0/24" (the default). */
  prefix?: string;
  /** Unix seconds of the first day's midnight (default 2021-03-31 00:00 UTC, the paper's day). */
  start?: number;
}

export interface ResolvedOptions {
  seed: number;
  days: number;
  scale: number;
  senderFloor: number;
  packetScale: number;
  excessPacketScale: number;
  prefix: Prefix;
  start: number;
}

export interface GroupInfo {
  spec: GroupSpec;
  /** Senders active per day at this scale. */
  perDay: number;
  /** Senders replaced per day. */
  step: number;
  /** Global ids [offset, offset + pool) belong to this group. */
  offset: number;
  pool: number;
  samplers: PortSampler[];
  subgroups: number;
  /** Mean packets per sender per day. */
  meanPackets: number;
}

/** One hour of the trace: columns, plus `order`, the row indices in time order. */
export interface TraceSlice {
  day: number;
  hour: number;
  /** Unix seconds of the slice start. */
  startSec: number;
  count: number;
  /** Microseconds since the slice start (integers). */
  us: Float64Array;
  sender: Int32Array;
  /** Destination address as uint32. */
  dstIp: Float64Array;
  /** -1 for ICMP. */
  port: Int32Array;
  proto: Uint8Array;
  length: Uint16Array;
  /** uint32, or -1 when the protocol has none. */
  seq: Float64Array;
  /** IPv4 identification field. */
  ipId: Uint16Array;
  /** TCP flags byte, -1 for UDP and ICMP. */
  flags: Int16Array;
  /** ICMP type, -1 for TCP and UDP. */
  icmpType: Int16Array;
  order: Uint32Array;
}

export const DEFAULT_PREFIX = '198.51.100.0/24';
export const DEFAULT_START = 1617148800;
const HOUR_US = 3600e6;
// Where a region's senders are, as UTC offsets, weighted towards East Asia where most
// scanning bots sit: the telescope sees the bots' evenings as a daily rhythm.
const TIMEZONES = [8, 8, 8, 8, 8, 8, 9, 7, 7, 5.5, 3, 1, 1, -3, -5, -6];

export function resolveOptions(o: SimulationOptions): ResolvedOptions {
  const days = o.days ?? 1;
  const scale = o.scale ?? 1;
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer, got ${o.seed}`);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error(`days must be an integer 1..366, got ${days}`);
  if (!(scale > 0 && scale <= 100)) throw new Error(`scale must be in (0, 100], got ${scale}`);
  const senderFloor = o.senderFloor ?? 0;
  if (!Number.isInteger(senderFloor) || senderFloor < 0) throw new Error(`senderFloor must be a non-negative integer, got ${senderFloor}`);
  const packetScale = o.packetScale ?? 1;
  if (!(packetScale > 0 && packetScale <= 100)) throw new Error(`packetScale must be in (0, 100], got ${packetScale}`);
  const excessPacketScale = o.excessPacketScale ?? 1;
  if (!(excessPacketScale > 0 && excessPacketScale <= 1)) throw new Error(`excessPacketScale must be in (0, 1], got ${excessPacketScale}`);
  const start = o.start ?? DEFAULT_START;
  if (!Number.isInteger(start) || start < 0) throw new Error(`start must be whole unix seconds, got ${start}`);
  return { seed: o.seed | 0, days, scale, senderFloor, packetScale, excessPacketScale, prefix: parsePrefix(o.prefix ?? DEFAULT_PREFIX), start };
}

export class Simulation {
  readonly options: ResolvedOptions;
  readonly groups: GroupInfo[] = [];
  /** Per global sender id. */
  readonly ip: Uint32Array;
  readonly group: Uint8Array;
  readonly sub: Uint8Array;
  readonly senderCount: number;

  constructor(options: SimulationOptions, specs: readonly GroupSpec[] = GROUPS) {
    const o = resolveOptions(options);
    this.options = o;
    const rng = new Xoshiro128(o.seed, 1);
    let offset = 0;
    for (const spec of specs) {
      const scaled = Math.round(spec.senders * o.scale);
      const perDay = Math.max(1, Math.max(scaled, Math.min(o.senderFloor, spec.senders)));
      const step = spec.churn > 0 ? Math.max(1, Math.ceil(spec.churn * perDay)) : 0;
      const pool = perDay + step * (o.days - 1);
      const subgroups = spec.subgroups ?? 1;
      this.groups.push({
        spec,
        perDay,
        step,
        offset,
        pool,
        samplers: buildPortSamplers(spec.ports, subgroups, new Xoshiro128(o.seed, 1000 + this.groups.length)),
        subgroups,
        meanPackets: (spec.packets / spec.senders) * o.packetScale,
      });
      offset += pool;
    }
    this.senderCount = offset;
    this.ip = new Uint32Array(offset);
    this.group = new Uint8Array(offset);
    this.sub = new Uint8Array(offset);
    const planner = new AddressPlanner(o.prefix, rng, offset);
    this.groups.forEach((g, gi) => {
      const plan = g.spec.addresses;
      // Sub-groups interleave so that churn replaces members of every sub-group evenly.
      const subBlocks: number[][] = [];
      if (plan.kind === 'blocks24') {
        const shared: number[] = [];
        for (let b = 0; b < plan.blocks; b++) shared.push(planner.block24());
        for (let s = 0; s < g.subgroups; s++) subBlocks.push(shared);
      } else if (plan.kind === 'one16') {
        const base16 = planner.block16();
        const thirds = new Set<number>();
        for (let s = 0; s < g.subgroups; s++) {
          let t = rng.int(256);
          while (thirds.has(t)) t = rng.int(256);
          thirds.add(t);
          subBlocks.push([base16 + (t << 8)]);
        }
      }
      for (let i = 0; i < g.pool; i++) {
        const id = g.offset + i;
        const s = i % g.subgroups;
        this.group[id] = gi;
        this.sub[id] = s;
        this.ip[id] = plan.kind === 'spread' ? planner.spread() : planner.inBlocks(subBlocks[s]);
      }
    });
    this.asGroup = this.groups.map((g) => {
      const as = g.spec.lifecycle?.as;
      if (!as) return -1;
      const j = this.groups.findIndex((h) => h.spec.id === as.group);
      if (j < 0) throw new Error(`group ${g.spec.id} follows unknown group ${as.group}`);
      return j;
    });
  }

  /** Per group: the group whose behaviour it can follow (lifecycle `as`), or -1. */
  private readonly asGroup: number[];

  /** Whether group `gi` sends on `day` (lifecycle `active`). */
  isActive(gi: number, day: number): boolean {
    const active = this.groups[gi].spec.lifecycle?.active;
    return !active || active.some(([from, to]) => day >= from && day <= to);
  }

  /** The group whose timing and ports group `gi` follows on `day`: itself unless its lifecycle says otherwise. */
  behaviourOf(gi: number, day: number): number {
    const as = this.groups[gi].spec.lifecycle?.as;
    return as && day >= as.from && day <= as.to ? this.asGroup[gi] : gi;
  }

  /** Global ids active on `day`: [lo, hi) per group. */
  activeRange(g: GroupInfo, day: number): [number, number] {
    const lo = g.offset + day * g.step;
    return [lo, lo + g.perDay];
  }

  /** Every sender of the run (each sends at least one packet on each of its days). */
  *senders(): Generator<{ id: number; ip: number; group: GroupSpec }> {
    for (let id = 0; id < this.senderCount; id++) yield { id, ip: this.ip[id], group: this.groups[this.group[id]].spec };
  }

  /** The trace, one sorted hour at a time. Slices reuse their buffers: consume one before asking for the next. */
  *slices(): Generator<TraceSlice> {
    const buffers = new SliceBuffers();
    for (let day = 0; day < this.options.days; day++) {
      const plan = this.planDay(day);
      for (let hour = 0; hour < 24; hour++) yield this.generateHour(plan, day, hour, buffers);
    }
  }

  /** Who sends how many packets in which hour of `day`, and each coordinated group's windows. */
  planDay(day: number): DayPlan {
    const o = this.options;
    let active = 0;
    this.groups.forEach((g, gi) => {
      if (this.isActive(gi, day)) active += g.perDay;
    });
    const ids = new Int32Array(active);
    const counts = new Int32Array(active * 24);
    const firstHourStart = new Float64Array(active);
    const schedules: Schedule[][] = [];
    const behaviour = Int32Array.from(this.groups, (_, gi) => this.behaviourOf(gi, day));
    const rng = new Xoshiro128(o.seed, 0x10000 + day);
    const weights = new Float64Array(24);
    const cum = new Float64Array(24);
    let a = 0;
    this.groups.forEach((g, gi) => {
      const spec = g.spec;
      const bg = behaviour[gi];
      const t = this.groups[bg].spec.timing;
      const subs: Schedule[] = [];
      if (!this.isActive(gi, day)) {
        schedules.push(subs);
        return;
      }
      // A group following another's behaviour draws that group's schedules (same seed).
      for (let s = 0; s < g.subgroups; s++) {
        if (t.kind === 'coordinated') {
          const srng = new Xoshiro128(o.seed ^ hash4(bg, s, t.regular ? 0 : day + 1), 7);
          subs.push(coordinatedSchedule(t.windowsPerDay, t.windowMinutes, srng));
        } else if (t.kind === 'burst' && t.campaign) {
          const srng = new Xoshiro128(o.seed ^ hash4(bg, s, day + 1), 8);
          subs.push(coordinatedSchedule(t.campaign.windowsPerDay, t.burstMinutes, srng));
        }
      }
      schedules.push(subs);
      const [lo, hi] = this.activeRange(g, day);
      const sigma = spec.sizeSigma;
      // Packets per sender: a persistent heavy-tailed size times a daily fluctuation,
      // normalised so the group's day matches its target.
      let sum = 0;
      const w = new Float64Array(hi - lo);
      for (let id = lo; id < hi; id++) {
        const z = 0.8 * hashNormal(o.seed, id, 1) + 0.6 * hashNormal(o.seed, id, 2, day);
        w[id - lo] = Math.exp(sigma * z);
        sum += w[id - lo];
      }
      const rate = spec.lifecycle?.rate;
      const target = g.meanPackets * g.perDay * (rate && day >= rate.from && day <= rate.to ? rate.factor : 1);
      for (let id = lo; id < hi; id++, a++) {
        ids[a] = id;
        let p = (target * w[id - lo]) / sum;
        p = Math.floor(p) + (rng.float() < p - Math.floor(p) ? 1 : 0);
        if (p < 1) p = 1;
        if (p > 10 && o.excessPacketScale < 1) p = 10 + Math.round((p - 10) * o.excessPacketScale);
        const tz = TIMEZONES[hash4(o.seed, this.ip[id] >>> 24) & 15];
        let total = 0;
        weights.fill(0);
        if (t.kind === 'bot') {
          const k = t.hoursPerDay[0] + Math.floor(hashUnit(o.seed, id, 3, day) * (t.hoursPerDay[1] - t.hoursPerDay[0] + 1));
          for (let j = 0; j < k; j++) weights[Math.floor(hashUnit(o.seed, id, 4 + j, day) * 24)] = 1;
          for (let h = 0; h < 24; h++) weights[h] *= diurnal(h, tz);
        } else if (t.kind === 'burst') {
          const k = t.burstsPerDay[0] + Math.floor(hashUnit(o.seed, id, 3, day) * (t.burstsPerDay[1] - t.burstsPerDay[0] + 1));
          const campaign = t.campaign ? subs[0] : undefined;
          for (let j = 0; j < k; j++) {
            // Bursts land more often in the sender's evening than at its night.
            // Rejection sampling against the diurnal curve, a few tries at most.
            let h = Math.floor(hashUnit(o.seed, id, 4 + j, day) * 24);
            for (let r = 1; r < 4 && hashUnit(o.seed, id, 1000 * r + j, day) * DIURNAL_MAX > diurnal(h, tz); r++) {
              h = Math.floor(hashUnit(o.seed, id, 1000 * r + 500 + j, day) * 24);
            }
            if (campaign && hashUnit(o.seed, id, 160 + j, day) < t.campaign!.share) {
              h = campaign.hours[Math.floor(hashUnit(o.seed, id, 200 + j, day) * campaign.hours.length)];
            }
            weights[h] += 0.5 + hashUnit(o.seed, id, 120 + j, day);
          }
        } else if (t.kind === 'coordinated') {
          const sched = subs[this.sub[id]];
          for (let h = 0; h < 24; h++) {
            if (sched.weight[h] > 0 && hashUnit(o.seed, id, 5 + h, day) < t.participation) weights[h] = sched.weight[h];
          }
          let onSchedule = 0;
          for (let h = 0; h < 24; h++) onSchedule += weights[h];
          if (onSchedule === 0) weights[sched.hours[0]] = onSchedule = 1;
          // Stray packets at random hours blur the stripes, as real scanners' retries do.
          const stray = t.stray ?? 0.08;
          if (stray > 0) {
            const each = (onSchedule * stray) / (1 - stray) / 24;
            for (let h = 0; h < 24; h++) weights[h] += each;
          }
        } else {
          // Epidemic: the day's newcomers are infected along a logistic curve; earlier ones scan all day.
          const isNew = day === 0 || id >= hi - g.step;
          let startUs = 0;
          if (isNew) {
            const rank = day === 0 ? (id - lo + 0.5) / g.perDay : (id - (hi - g.step) + 0.5) / g.step;
            const x = 12 + 2.5 * Math.log(rank / (1 - rank));
            startUs = Math.min(Math.max(x, 0), 23.99) * HOUR_US;
          }
          const h0 = Math.floor(startUs / HOUR_US);
          firstHourStart[a] = startUs;
          for (let h = h0; h < 24; h++) weights[h] = 1;
          weights[h0] = 1 - (startUs - h0 * HOUR_US) / HOUR_US;
          p = Math.max(1, Math.round((p * (24 - startUs / HOUR_US)) / 24));
        }
        for (let h = 0; h < 24; h++) {
          total += weights[h];
          cum[h] = total;
        }
        const base = a * 24;
        for (let k = 0; k < p; k++) {
          const u = rng.float() * total;
          let h = 0;
          while (h < 23 && cum[h] <= u) h++;
          counts[base + h]++;
        }
      }
    });
    return { day, ids, counts, firstHourStart, schedules, behaviour };
  }

  generateHour(plan: DayPlan, day: number, hour: number, buf: SliceBuffers): TraceSlice {
    const o = this.options;
    const { ids, counts } = plan;
    let n = 0;
    for (let a = 0; a < ids.length; a++) n += counts[a * 24 + hour];
    buf.ensure(n);
    const { us, sender, dstIp, port, proto, length, seq, ipId, flags, icmpType } = buf;
    const rng = new Xoshiro128(o.seed ^ hash4(day, hour, 0x51ce), 3);
    // IP IDs come from a stream of their own, so the other columns are what they were before them.
    const idRng = new Xoshiro128(o.seed ^ hash4(day, hour, 0x1d1d), 5);
    const dstBase = o.prefix.base;
    const dstSize = o.prefix.size;
    let r = 0;
    for (let a = 0; a < ids.length; a++) {
      const c = counts[a * 24 + hour];
      if (c === 0) continue;
      const id = ids[a];
      const gi = this.group[id];
      const g = this.groups[gi];
      const b = this.groups[plan.behaviour[gi]];
      const spec = b.spec;
      const t = spec.timing;
      const sampler = b.samplers[this.sub[id] % b.subgroups];
      // The sender's window inside this hour.
      let ws = 0;
      let wl = HOUR_US;
      if (t.kind === 'burst') {
        const campaign = t.campaign ? plan.schedules[gi][0] : undefined;
        if (campaign && campaign.weight[hour] > 0) {
          ws = campaign.start[hour] + hashUnit(o.seed, id, day, hour + 100) * 0.2 * campaign.length[hour];
          wl = campaign.length[hour] * 0.8;
        } else {
          ws = hashUnit(o.seed, id, day, hour * 2 + 1) * HOUR_US;
          wl = (t.burstMinutes[0] + hashUnit(o.seed, id, day, hour * 2 + 2) * (t.burstMinutes[1] - t.burstMinutes[0])) * 60e6;
        }
      } else if (t.kind === 'coordinated') {
        const sched = plan.schedules[gi][this.sub[id]];
        if (sched.weight[hour] > 0) {
          const jitter = hashUnit(o.seed, id, day, hour + 100) * 0.15;
          ws = sched.start[hour] + jitter * sched.length[hour];
          wl = sched.length[hour] * 0.85;
        }
      } else if (t.kind === 'epidemic') {
        const startUs = plan.firstHourStart[a];
        ws = Math.floor(startUs / HOUR_US) === hour ? startUs - hour * HOUR_US : 0;
        wl = HOUR_US - ws;
      }
      let randomLo = sampler.randomLo;
      let randomSpan = sampler.randomHi - sampler.randomLo + 1;
      if (sampler.randomWidth > 0) {
        randomLo += Math.floor(hashUnit(o.seed, id, 13) * (randomSpan - sampler.randomWidth));
        randomSpan = sampler.randomWidth;
      }
      let portSet = 0;
      if (spec.perSenderPorts) {
        const size = Math.exp(spec.sizeSigma * 0.8 * hashNormal(o.seed, id, 1));
        portSet = Math.min(3000, Math.max(1, Math.round(g.meanPackets * size * 0.1 * Math.exp(0.7 * hashNormal(o.seed, id, 9)))));
      }
      const tcpLen = spec.perSenderPorts ? TCP_LENGTHS[hash4(o.seed, id, 11) & 7] : spec.tcpLength;
      const mirai = spec.mirai;
      const tool = spec.tool;
      // A victim answers every spoofed probe the same way: its kind of reply is the sender's own.
      const tcpFlags = spec.replies ? REPLY_FLAGS[Math.floor(hashUnit(o.seed, id, 21) * REPLY_FLAGS.length)] : SYN;
      const icmpKind = spec.replies ? REPLY_ICMP[Math.floor(hashUnit(o.seed, id, 22) * REPLY_ICMP.length)] : ECHO_REQUEST;
      for (let k = 0; k < c; k++, r++) {
        let x = ws + rng.float() * wl;
        if (x >= HOUR_US) x -= HOUR_US;
        us[r] = Math.floor(x);
        sender[r] = id;
        const dst = dstBase + rng.int(dstSize);
        dstIp[r] = dst;
        let p: number;
        let pr: number;
        if (sampler.randomShare > 0 && rng.float() < sampler.randomShare) {
          p = randomLo + rng.int(randomSpan);
          pr = sampler.randomProto;
        } else {
          const u = portSet > 0 ? hashUnit(o.seed, id, rng.int(portSet), 77) : rng.float();
          const i = sampleIndex(sampler, u);
          p = sampler.ports[i];
          pr = sampler.protos[i];
        }
        port[r] = p;
        proto[r] = pr;
        let masscanId = -1;
        if (pr === 6) {
          length[r] = tcpLen;
          seq[r] = mirai ? dst : rng.next();
          flags[r] = tcpFlags;
          masscanId = (dst ^ p ^ seq[r]) & 0xffff;
        } else {
          length[r] = pr === 17 ? udpLength(p) : 84;
          seq[r] = -1;
          flags[r] = -1;
        }
        icmpType[r] = pr === 1 ? icmpKind : -1;
        if (tool === 'zmap') ipId[r] = ZMAP_IP_ID;
        else if (tool === 'masscan' && masscanId >= 0) ipId[r] = masscanId;
        else {
          // An ordinary stack's ID, never one of the fingerprints (each would be a 2^-16 chance per packet).
          let v = idRng.next() & 0xffff;
          while (v === ZMAP_IP_ID || v === masscanId) v = (v + 1) & 0xffff;
          ipId[r] = v;
        }
      }
    }
    sortByTime(us, n, buf);
    return {
      day,
      hour,
      startSec: o.start + day * 86400 + hour * 3600,
      count: n,
      us,
      sender,
      dstIp,
      port,
      proto,
      length,
      seq,
      ipId,
      flags,
      icmpType,
      order: buf.order,
    };
  }
}

export interface Schedule {
  /** The active hours, ascending. */
  hours: number[];
  weight: Float64Array;
  start: Float64Array;
  length: Float64Array;
}

export interface DayPlan {
  day: number;
  ids: Int32Array;
  counts: Int32Array;
  /** Epidemic senders: microseconds into the day when they start scanning. */
  firstHourStart: Float64Array;
  schedules: Schedule[][];
  /** Per group: the group whose timing and ports it follows that day. */
  behaviour: Int32Array;
}

const TCP_LENGTHS = [40, 40, 44, 44, 44, 48, 52, 60];

/** ZMap's constant IP ID. */
export const ZMAP_IP_ID = 54321;
const SYN = 0x02;
const ECHO_REQUEST = 8;
/** A backscatter victim's TCP replies: SYN-ACK (an open port), RST-ACK (a closed one), RST; weighted by repetition. */
const REPLY_FLAGS = [0x12, 0x12, 0x12, 0x14, 0x14, 0x04];
/** A victim's ICMP replies: echo reply, destination unreachable, time exceeded. */
const REPLY_ICMP = [0, 0, 3, 3, 3, 11];

function udpLength(port: number): number {
  switch (port) {
    case 53: return 62;
    case 123: return 76;
    case 161: return 71;
    case 137: return 78;
    case 1900: return 129;
    case 5060: return 436;
    default: return 28 + (port % 64);
  }
}

/** A region's activity by UTC hour: higher in its local afternoon and evening. */
function diurnal(hourUtc: number, tz: number): number {
  const local = hourUtc + tz;
  return 1 + DIURNAL_AMPLITUDE * Math.cos((2 * Math.PI * (local - 19)) / 24);
}
const DIURNAL_AMPLITUDE = 0.6;
const DIURNAL_MAX = 1 + DIURNAL_AMPLITUDE;

function coordinatedSchedule(windows: number, minutes: readonly [number, number], rng: Xoshiro128): Schedule {
  const weight = new Float64Array(24);
  const start = new Float64Array(24);
  const length = new Float64Array(24);
  let placed = 0;
  while (placed < Math.min(windows, 24)) {
    const h = rng.int(24);
    if (weight[h] > 0) continue;
    weight[h] = 1;
    length[h] = (minutes[0] + rng.float() * (minutes[1] - minutes[0])) * 60e6;
    start[h] = rng.float() * (HOUR_US - length[h]);
    placed++;
  }
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) if (weight[h] > 0) hours.push(h);
  return { hours, weight, start, length };
}

/** Growable column buffers shared by every slice of one run. */
export class SliceBuffers {
  us = new Float64Array(0);
  sender = new Int32Array(0);
  dstIp = new Float64Array(0);
  port = new Int32Array(0);
  proto = new Uint8Array(0);
  length = new Uint16Array(0);
  seq = new Float64Array(0);
  ipId = new Uint16Array(0);
  flags = new Int16Array(0);
  icmpType = new Int16Array(0);
  order = new Uint32Array(0);
  keys = new Float64Array(0);

  ensure(n: number): void {
    if (this.us.length >= n) return;
    const cap = Math.max(n, Math.ceil(this.us.length * 1.5), 1024);
    this.us = new Float64Array(cap);
    this.sender = new Int32Array(cap);
    this.dstIp = new Float64Array(cap);
    this.port = new Int32Array(cap);
    this.proto = new Uint8Array(cap);
    this.length = new Uint16Array(cap);
    this.seq = new Float64Array(cap);
    this.ipId = new Uint16Array(cap);
    this.flags = new Int16Array(cap);
    this.icmpType = new Int16Array(cap);
    this.order = new Uint32Array(cap);
    this.keys = new Float64Array(cap);
  }
}

/**
 * Fills `buf.order` with row indices by time. Keys pack (microsecond, row) into
 * one double so the native numeric sort does the work; ties keep generation order.
 */
function sortByTime(us: Float64Array, n: number, buf: SliceBuffers): void {
  const order = buf.order;
  if (n * HOUR_US < 2 ** 53) {
    const keys = buf.keys.subarray(0, n);
    for (let i = 0; i < n; i++) keys[i] = us[i] * n + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % n;
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((x, y) => us[x] - us[y] || x - y);
    for (let i = 0; i < n; i++) order[i] = idx[i];
  }
}
