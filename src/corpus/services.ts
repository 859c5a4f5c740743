// Services ("languages" in DarkVec): each (port, protocol) pair maps to one
// service; a sentence holds the senders of one service in one time window.
// A service table is a flat lookup over every pair, with services numbered in
// name order so that ordering by number is ordering by name.
import { PROTO } from '../ingest/packet-sink';
import dksDictionary from './dks-services.json';

export type ServicesMode = 'single' | 'auto' | 'dks' | 'hybrid';
export const SERVICES_MODES: readonly ServicesMode[] = ['single', 'auto', 'dks', 'hybrid'];

/** Protocol slots of the pair lookup; ICMP has no port and uses port 0. */
const PROTO_SLOTS = [PROTO.tcp, PROTO.udp, PROTO.icmp, PROTO.icmpv6] as const;
const SLOT_NAMES = ['tcp', 'udp', 'icmp', 'icmpv6'] as const;
export const PAIR_COUNT = PROTO_SLOTS.length * 65536;

/** Index of a (port, proto) pair in PAIR_COUNT-long tables; -1 for a protocol we do not read. */
export function pairIndex(port: number, proto: number): number {
  switch (proto) {
    case PROTO.tcp:
      return port;
    case PROTO.udp:
      return 65536 + port;
    case PROTO.icmp:
      return 2 * 65536;
    case PROTO.icmpv6:
      return 3 * 65536;
    default:
      return -1;
  }
}

/** The pair of a pair index: port (-1 for ICMP) and protocol number. */
export function pairOf(index: number): { port: number; proto: number } {
  const slot = index >>> 16;
  return { port: slot >= 2 ? -1 : index & 0xffff, proto: PROTO_SLOTS[slot] };
}

/** "23/tcp", or "icmp". */
export function pairName(index: number): string {
  const slot = index >>> 16;
  return slot >= 2 ? SLOT_NAMES[slot] : `${index & 0xffff}/${SLOT_NAMES[slot]}`;
}

export interface ServiceTable {
  /** Service names, sorted; service id = index. */
  names: string[];
  /** Pair index -> service id. */
  ofPair: Uint16Array;
}

function tableFromNames(pairNames: (index: number) => string): ServiceTable {
  const byPair: string[] = new Array(PAIR_COUNT);
  const distinct = new Set<string>();
  for (let i = 0; i < PAIR_COUNT; i++) {
    // ICMP slots only use index 0 of their 65536 entries.
    byPair[i] = pairNames(i);
    distinct.add(byPair[i]);
  }
  const names = [...distinct].sort();
  if (names.length > 65535) throw new Error('too many services');
  const id = new Map(names.map((n, i) => [n, i]));
  const ofPair = new Uint16Array(PAIR_COUNT);
  for (let i = 0; i < PAIR_COUNT; i++) ofPair[i] = id.get(byPair[i])!;
  return { names, ofPair };
}

export function singleServices(): ServiceTable {
  return { names: ['all'], ofPair: new Uint16Array(PAIR_COUNT) };
}

/**
 * The top-N pairs by packets each form a service, the rest is `other`. Ties
 * break toward the lower pair index (tcp before udp, then lower port), so the
 * choice is reproducible.
 */
export function autoServices(pairPackets: Float64Array, topN: number): ServiceTable {
  const used: number[] = [];
  for (let i = 0; i < PAIR_COUNT; i++) if (pairPackets[i] > 0) used.push(i);
  used.sort((a, b) => pairPackets[b] - pairPackets[a] || a - b);
  const top = new Set(used.slice(0, Math.max(0, topN)));
  return tableFromNames((i) => (top.has(i) ? pairName(i) : 'other'));
}

export interface DksDictionary {
  services: Record<string, string[]>;
  fallbacks: Record<string, string[]>;
}

export const DEFAULT_DKS: DksDictionary = dksDictionary;

/** Pair indexes a dictionary entry covers: "23/tcp", "5900-5910/tcp", "53/any", "icmp". */
function expandSpec(spec: string): number[] {
  const s = spec.trim().toLowerCase();
  if (s === 'icmp') return [2 * 65536];
  if (s === 'icmpv6') return [3 * 65536];
  const m = /^(\d+)(?:-(\d+))?\/(tcp|udp|any)$/.exec(s);
  if (!m) throw new Error(`DKS dictionary: cannot read "${spec}" (want port/proto, low-high/proto, port/any or icmp)`);
  const low = +m[1];
  const high = m[2] === undefined ? low : +m[2];
  if (low > high || high > 65535) throw new Error(`DKS dictionary: bad port range "${spec}"`);
  const slots = m[3] === 'any' ? [0, 1] : [m[3] === 'tcp' ? 0 : 1];
  const out: number[] = [];
  for (const slot of slots) for (let p = low; p <= high; p++) out.push(slot * 65536 + p);
  return out;
}

/** Named services win; the first fallback that covers a pair takes the rest; then `other`. */
export function dksServices(dictionary: DksDictionary = DEFAULT_DKS): ServiceTable {
  const byPair: (string | undefined)[] = new Array(PAIR_COUNT);
  for (const group of [dictionary.services, dictionary.fallbacks]) {
    for (const [name, specs] of Object.entries(group)) {
      for (const spec of specs) for (const i of expandSpec(spec)) byPair[i] ??= name;
    }
  }
  return tableFromNames((i) => byPair[i] ?? 'other');
}
