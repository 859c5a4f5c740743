// Searching the senders, as the map's search field reads a query:
//   1.2.3.4            one address        1.2.0.0/16   a CIDR prefix (IPv4)
//   1.2.               an address prefix  /Mir.i/i     a regular expression over every column
//   label:Shodan       a column's value   cluster:3,  label:/^cen/i (a regex in one column)
//   port:23            senders that sent to port 23 (any protocol), port:23/tcp one service
//   packets:>100       numbers: >, >=, <, <=, =, a..b
//   Shodan             a bare word: any column's value, exactly (any case)
// Results are sender indices, all of them: the lists page them, nothing is capped.
import { parseIpv4 } from '../ingest/ip-address.ts';
import { cellText, type SenderColumn } from './sender-columns.ts';

export interface SearchResult {
  hits: Int32Array;
  /** What was searched, in words. */
  description: string;
}

export interface SearchContext {
  columns: readonly SenderColumn[];
  /** IPv4 addresses as numbers, NaN for IPv6 (see ipv4Numbers). */
  ipv4: Float64Array;
  /** Senders that sent to a port (proto -1: any protocol): needs the packet log, so it is asked of the worker. */
  sendersOnPort(port: number, proto: number): Promise<Int32Array>;
}

export class SearchError extends Error {}

const PROTOCOLS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58 };

function indicesWhere(n: number, test: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (test(i)) out.push(i);
  return Int32Array.from(out);
}

/** `/body/flags` as a RegExp, or null when the text is not one. */
export function regexOf(text: string): RegExp | null {
  const m = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (!m) return null;
  try {
    return new RegExp(m[1], m[2].replace(/[gy]/g, ''));
  } catch (e) {
    throw new SearchError(`not a valid regular expression: ${(e as Error).message}`);
  }
}

function findColumn(columns: readonly SenderColumn[], name: string): SenderColumn | undefined {
  const key = name.toLowerCase();
  return columns.find((c) => c.id.toLowerCase() === key || c.label.toLowerCase() === key)
    ?? (key === 'subnet' || key === '/16' ? columns.find((c) => c.id === 'subnet16') : undefined);
}

function numberTest(text: string): ((v: number) => boolean) | null {
  const range = /^(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)$/.exec(text);
  if (range) {
    const a = Number(range[1]), b = Number(range[2]);
    return Number.isFinite(a) && Number.isFinite(b) ? (v) => v >= a && v <= b : null;
  }
  const m = /^(>=|<=|>|<|=)?\s*(-?[\d.]+(?:e[+-]?\d+)?)$/i.exec(text);
  if (!m) return null;
  const x = Number(m[2]);
  if (!Number.isFinite(x)) return null;
  switch (m[1]) {
    case '>': return (v) => v > x;
    case '>=': return (v) => v >= x;
    case '<': return (v) => v < x;
    case '<=': return (v) => v <= x;
    default: return (v) => v === x;
  }
}

function cidr(text: string, ipv4: Float64Array): SearchResult | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const base = parseIpv4(m[1]);
  const bits = Number(m[2]);
  if (base < 0 || bits > 32) throw new SearchError(`${text} is not an IPv4 prefix`);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  return { hits: indicesWhere(ipv4.length, (i) => ipv4[i] >= start && ipv4[i] < start + size), description: `senders in ${text}` };
}

async function inColumn(column: SenderColumn, value: string, context: SearchContext, n: number): Promise<SearchResult> {
  const re = regexOf(value);
  if (re) return { hits: indicesWhere(n, (i) => re.test(cellText(column, i))), description: `${column.label} matching ${value}` };
  if (column.kind === 'number') {
    const test = numberTest(value);
    if (!test) throw new SearchError(`${column.label} takes a number, a comparison (>100, <=0.5) or a range (1..10), not "${value}"`);
    return { hits: indicesWhere(n, (i) => test(column.values[i])), description: `${column.label} ${value}` };
  }
  if (column.kind === 'text') {
    const found = cidr(value, context.ipv4);
    if (found) return found;
    const v = value.toLowerCase();
    return { hits: indicesWhere(n, (i) => column.values[i].toLowerCase().startsWith(v)), description: `${column.label} starting with ${value}` };
  }
  const wanted = value.toLowerCase();
  const names = column.names.map((name) => name.toLowerCase());
  const code = names.indexOf(wanted);
  if (code < 0 && wanted === column.missing.toLowerCase()) return { hits: indicesWhere(n, (i) => column.codes[i] < 0), description: `${column.label} ${column.missing}` };
  if (code < 0) return { hits: new Int32Array(0), description: `${column.label} "${value}" (no sender has it)` };
  return { hits: indicesWhere(n, (i) => column.codes[i] === code), description: `${column.label} ${column.names[code]}` };
}

async function onPort(value: string, context: SearchContext): Promise<SearchResult> {
  const m = /^(\d{1,5})(?:\/(\w+))?$/.exec(value.toLowerCase());
  const proto = m?.[2] === undefined ? -1 : PROTOCOLS[m[2]];
  if (!m || Number(m[1]) > 65535 || proto === undefined) throw new SearchError(`port takes a port (23) or a service (23/tcp, 53/udp), not "${value}"`);
  return { hits: await context.sendersOnPort(Number(m[1]), proto), description: `senders that sent to ${value}${m[2] ? '' : ' (any protocol)'}` };
}

export async function searchSenders(query: string, context: SearchContext): Promise<SearchResult | null> {
  const q = query.trim();
  if (!q) return null;
  const { columns, ipv4 } = context;
  const n = ipv4.length;
  const re = regexOf(q);
  if (re) {
    const listed = columns.filter((c) => c.kind !== 'number');
    return { hits: indicesWhere(n, (i) => listed.some((c) => re.test(cellText(c, i)))), description: `any column matching ${q}` };
  }
  const found = cidr(q, ipv4);
  if (found) return found;
  const prefixed = /^([^:\s]+):\s*(.+)$/.exec(q);
  if (prefixed && !q.includes('::') && !/^[0-9a-f]{1,4}:[0-9a-f]/i.test(q)) {
    const [, name, value] = prefixed;
    if (/^(port|service)$/i.test(name)) return onPort(value.trim(), context);
    const column = findColumn(columns, name);
    if (!column) throw new SearchError(`no column "${name}": use one of ${columns.map((c) => c.id).join(', ')}, port`);
    return inColumn(column, value.trim(), context, n);
  }
  const ip = columns.find((c) => c.id === 'ip') as Extract<SenderColumn, { kind: 'text' }>;
  if (/^[\d.]+$/.test(q) || q.includes(':')) {
    const exact = ip.values.indexOf(q);
    if (exact >= 0) return { hits: Int32Array.of(exact), description: q };
    if (/^\d{1,5}\/(tcp|udp|icmp)$/i.test(q)) return onPort(q, context);
    return inColumn(ip, q, context, n);
  }
  if (/^\d{1,5}\/\w+$/.test(q)) return onPort(q, context);
  // A bare word: any column's value, exactly.
  const wanted = q.toLowerCase();
  const hits: number[] = [];
  const matched: string[] = [];
  for (const column of columns) {
    if (column.kind !== 'category') continue;
    const code = column.names.findIndex((name) => name.toLowerCase() === wanted);
    if (code < 0) continue;
    matched.push(column.label);
    for (let i = 0; i < n; i++) if (column.codes[i] === code) hits.push(i);
  }
  const unique = Int32Array.from(new Set(hits)).sort();
  return { hits: unique, description: matched.length ? `${matched.join(' or ')} ${q}` : `"${q}" (no column has this value; try a regular expression such as /${q}/i)` };
}
