// Services ("languages" in DarkVec): each (port, protocol) pair maps to one
// service; a sentence holds the senders of one service in one time window.
// A service table is a flat lookup over every pair, with services numbered in
// name order so that ordering by number is ordering by name.
import { PROTO } from '../ingest/packet-sink';
import dksDictionary from './dks-services.json';

export type ServicesMode = 'single' | 'auto' | 'dks' | 'hybrid';
export const SERVICES_MODES: readonly ServicesMode[] = ['single', 'auto', 'dks', 'hybrid'];

/** Pair tables: TCP ports, then UDP ports, then ICMP and ICMPv6 (no port). */
const ICMP_PAIR = 2 * 65536;
const ICMPV6_PAIR = ICMP_PAIR + 1;
export const PAIR_COUNT = ICMPV6_PAIR + 1;

/** Index of a (port, proto) pair in PAIR_COUNT-long tables; -1 for a protocol we do not read. */
export function pairIndex(port: number, proto: number): number {
  switch (proto) {
    case PROTO.tcp:
      return port;
    case PROTO.udp:
      return 65536 + port;
    case PROTO.icmp:
      return ICMP_PAIR;
    case PROTO.icmpv6:
      return ICMPV6_PAIR;
    default:
      return -1;
  }
}

/** The pair of a pair index: port (-1 for ICMP) and protocol number. */
export function pairOf(index: number): { port: number; proto: number } {
  if (index === ICMP_PAIR) return { port: -1, proto: PROTO.icmp };
  if (index === ICMPV6_PAIR) return { port: -1, proto: PROTO.icmpv6 };
  return { port: index & 0xffff, proto: index < 65536 ? PROTO.tcp : PROTO.udp };
}

/** "23/tcp", or "icmp". */
export function pairName(index: number): string {
  if (index === ICMP_PAIR) return 'icmp';
  if (index === ICMPV6_PAIR) return 'icmpv6';
  return `${index & 0xffff}/${index < 65536 ? 'tcp' : 'udp'}`;
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
  if (s === 'icmp') return [ICMP_PAIR];
  if (s === 'icmpv6') return [ICMPV6_PAIR];
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

/** A DKS dictionary from JSON text (an edited one in the page, --dictionary FILE in the CLI). */
export function parseDictionary(text: string, source = 'DKS dictionary'): DksDictionary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const d = parsed as Partial<DksDictionary> | null;
  const groupOk = (g: unknown) => g !== null && typeof g === 'object' && Object.values(g as object).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!d || !groupOk(d.services) || !groupOk(d.fallbacks)) {
    throw new Error(`${source}: needs "services" and "fallbacks" objects of name -> ["port/proto", ...]`);
  }
  // Every entry must expand: a typo should fail here, not silently map nothing.
  try {
    dksServices(d as DksDictionary);
  } catch (e) {
    throw new Error(`${source}: ${(e as Error).message.replace(/^DKS dictionary: /, '')}`);
  }
  return d as DksDictionary;
}
