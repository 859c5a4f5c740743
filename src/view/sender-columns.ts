// The columns of the senders, in one place: what the map colours by, what the
// search matches, what the selection and search lists show and export. Each
// column is typed arrays over DarkVecResults' senders (no object per sender).
// A new column is one more entry in senderColumns().
import { predictionName, sourceNames, type DarkVecResults } from '../method/results.ts';
import { subnetOf } from '../analyze/subnets.ts';
import { parseIpv4 } from '../ingest/ip-address.ts';
import { formatCount, formatShare } from './element.ts';
import type { GradientName } from './colours.ts';

interface ColumnBase {
  id: string;
  /** As menus and table headers name it. */
  label: string;
  /** One line for the help and the tooltip of the menu. */
  help: string;
}

/** Values from a small set: codes index names; -1 is missing ("unknown"). */
export interface CategoryColumn extends ColumnBase {
  kind: 'category';
  codes: Int32Array;
  names: string[];
  /** What a missing value is called. */
  missing: string;
  /** Past CATEGORICAL_LIMIT names the map uses a gradient over this key per name (default: name order). */
  order?: Float64Array;
}

/** Numbers; NaN is missing. */
export interface NumberColumn extends ColumnBase {
  kind: 'number';
  values: Float64Array;
  gradient: GradientName;
  /** Fixed ends of the gradient (silhouette: -1..1); default the values' range. */
  domain?: [number, number];
  log?: boolean;
  format(value: number): string;
}

/** Free text (the IP): searchable and listed, not coloured by. */
export interface TextColumn extends ColumnBase {
  kind: 'text';
  values: readonly string[];
}

export type SenderColumn = CategoryColumn | NumberColumn | TextColumn;

/** A column's value of one sender, as a table cell shows it. */
export function cellText(column: SenderColumn, sender: number): string {
  if (column.kind === 'text') return column.values[sender];
  if (column.kind === 'category') {
    const code = column.codes[sender];
    return code >= 0 ? column.names[code] : column.missing;
  }
  const v = column.values[sender];
  return Number.isFinite(v) ? column.format(v) : '–';
}

/** A column's value as a CSV cell: numbers raw, missing empty. */
export function csvValue(column: SenderColumn, sender: number): string | number {
  if (column.kind === 'number') return column.values[sender];
  return cellText(column, sender);
}

function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

function codesOf(n: number, key: (sender: number) => string | null): { codes: Int32Array; names: string[] } {
  const at = new Map<string, number>();
  const names: string[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (k === null) { codes[i] = -1; continue; }
    let c = at.get(k);
    if (c === undefined) { c = names.length; at.set(k, c); names.push(k); }
    codes[i] = c;
  }
  return { codes, names };
}

/** IPv4 addresses as numbers (NaN for IPv6): what CIDR search and the /16 order use. */
export function ipv4Numbers(vocab: readonly string[]): Float64Array {
  const out = new Float64Array(vocab.length);
  for (let i = 0; i < vocab.length; i++) {
    const v = vocab[i].includes(':') ? -1 : parseIpv4(vocab[i]);
    out[i] = v >= 0 ? v : NaN;
  }
  return out;
}

export function senderColumns(results: DarkVecResults): SenderColumn[] {
  const s = results.senders;
  const n = s.vocab.length;
  const columns: SenderColumn[] = [
    { id: 'ip', label: 'IP', kind: 'text', values: s.vocab, help: 'The sender\'s address.' },
    { id: 'label', label: 'label', kind: 'category', codes: s.label, names: s.labelNames, missing: 'unknown', help: 'Ground truth: the labels file, the Mirai fingerprint and your edits.' },
  ];
  const c = results.classification;
  if (c) {
    // Codes: classes as they are; unknown (-1) stays missing; n.a. (-2) gets a name of its own.
    const na = s.labelNames.length;
    const codes = Int32Array.from(c.predicted, (p) => (p === -2 ? na : p));
    columns.push({ id: 'predicted', label: 'predicted label', kind: 'category', codes, names: [...s.labelNames, predictionName(s.labelNames, -2)], missing: 'unknown', help: `The ${c.k}-NN vote of the sender's neighbours (leave-one-out).` });
  }
  const clusters = results.clustering.cluster;
  const clusterNames = Array.from({ length: results.clustering.count }, (_, i) => String(i));
  columns.push({
    id: 'cluster', label: 'cluster', kind: 'category', codes: clusters, names: clusterNames, missing: 'none',
    order: Float64Array.from(clusterNames, (_, i) => i), help: 'Louvain cluster on the k-NN graph (0 = largest).',
  });
  columns.push({ id: 'service', label: 'dominant service', kind: 'category', codes: results.dominantService, names: results.serviceNames, missing: 'none', help: 'The DKS service with most of the sender\'s packets.' });
  columns.push({
    id: 'silhouette', label: 'silhouette', kind: 'number', values: Float64Array.from(results.clustering.silhouette), gradient: 'diverging', domain: [-1, 1],
    format: (v) => v.toFixed(2), help: 'How much closer the sender is to its cluster than to the next one (cosine), -1 to 1.',
  });
  columns.push({ id: 'packets', label: 'packets', kind: 'number', values: s.packets, gradient: 'viridis', log: true, format: formatCount, help: 'Packets the sender sent in the trace.' });
  if (s.firstSeen) columns.push({ id: 'firstSeen', label: 'first seen', kind: 'number', values: s.firstSeen, gradient: 'viridis', format: utc, help: 'Time of the sender\'s first packet (UTC).' });
  const fingerprints: [keyof typeof s.fingerprints, string, string][] = [
    ['mirai', 'Mirai fingerprint share', 'Share of the sender\'s packets whose TCP sequence number is their destination address.'],
    ['zmap', 'ZMap fingerprint share', 'Share of the sender\'s packets with IP ID 54321, as ZMap sends.'],
    ['masscan', 'Masscan fingerprint share', 'Share of the sender\'s packets whose IP ID is Masscan\'s (destination address xor port xor TCP sequence).'],
    ['backscatter', 'backscatter share', 'Share of the sender\'s packets that are replies (SYN-ACK, RST, ICMP echo reply, unreachable, time exceeded): backscatter of spoofed attacks.'],
  ];
  for (const [id, label, help] of fingerprints) {
    const values = Float64Array.from(s.fingerprints[id]);
    // NaN everywhere: the trace lacks the fields this fingerprint needs.
    if (values.some(Number.isFinite)) columns.push({ id, label, kind: 'number', values, gradient: 'viridis', domain: [0, 1], format: (v) => formatShare(v, 0), help });
  }
  const e = s.enrichment;
  if (e) {
    const asns = codesOf(n, (i) => (e.asn[i] > 0 ? `AS${e.asn[i]}` : null));
    columns.push({ id: 'asn', label: 'AS', kind: 'category', ...asns, missing: 'unknown', order: Float64Array.from(asns.names, (a) => Number(a.slice(2))), help: 'The AS announcing the sender\'s prefix, from the IP database you gave (search AS13335).' });
    columns.push({ id: 'asName', label: 'AS name', kind: 'category', codes: e.asName, names: e.asNames, missing: 'unknown', help: 'The AS\'s name, from the IP database.' });
    columns.push({ id: 'country', label: 'country', kind: 'category', codes: Int32Array.from(e.country), names: e.countries, missing: 'unknown', help: 'ISO country code of the sender\'s address, from the IP database (search country:NL).' });
  }
  const inputs = results.input?.inputs ?? [];
  if (s.sources && inputs.length > 1) {
    const sources = s.sources;
    columns.push({ id: 'traces', label: 'traces', kind: 'category', ...codesOf(n, (i) => sourceNames(inputs, sources[i]).join(' + ') || null), missing: 'none', help: 'The traces the sender appears in.' });
  }
  const wide = codesOf(n, (i) => subnetOf(s.vocab[i], 'wide'));
  const numbers = ipv4Numbers(wide.names.map((w) => w.replace(/\/\d+$/, '')));
  columns.push({ id: 'subnet16', label: '/16', kind: 'category', ...wide, missing: 'none', order: numbers.map((v, i) => (Number.isFinite(v) ? v : 2 ** 32 + i)), help: 'The sender\'s /16 (IPv6: /32).' });
  return columns;
}

export function columnById(columns: readonly SenderColumn[], id: string): SenderColumn | undefined {
  return columns.find((c) => c.id === id);
}

/**
 * The columns the selection and search lists show, and the selection's CSV has, with the
 * headers the list tables are built with before any results exist (as senderColumns names them).
 */
export const LIST_COLUMNS: readonly { id: string; label: string }[] = [
  { id: 'ip', label: 'IP' }, { id: 'label', label: 'label' }, { id: 'predicted', label: 'predicted label' }, { id: 'cluster', label: 'cluster' },
  { id: 'packets', label: 'packets' }, { id: 'asn', label: 'AS' }, { id: 'country', label: 'country' },
];
