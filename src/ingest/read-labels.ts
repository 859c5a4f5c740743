// Ground truth: a CSV of `ip,label` (the label column may be called `class`).
// Addresses are canonicalised like the trace's senders so they join.
// The address may also be a CIDR prefix (`198.51.100.0/24,scanner-x`), as
// scanning projects publish their ranges: exact addresses win over prefixes,
// longer prefixes over shorter (see LabelMap).
import { gunzipIfNeeded, type ByteSource } from './byte-source';
import { canonicalIp } from './ip-address';
import { LabelMap, PrefixLabels, cidrProblem, parseCidr } from './label-prefixes';
import { normalizeText } from './text-encoding';
import { quoted } from './skip-log';
import { detectDelimiter, splitLine } from './delimited-decoder';
import { SkipLog, type SkipReport } from './skip-log';

export const LABEL_IP_ALIASES = ['ip', 'src_ip', 'src', 'saddr', 'address', 'addr', 'sender', 'id.orig_h'];
export const LABEL_ALIASES = ['label', 'class', 'category', 'type'];

export interface LabelsReport {
  /** Data rows read (header excluded). */
  rows: number;
  /** Distinct addresses with a label. */
  labelled: number;
  /** Distinct CIDR prefixes with a label. */
  prefixes: number;
  /** Rows repeating an address already labelled (the first label wins). */
  duplicates: number;
  /** Of the duplicates, those giving a different label. */
  conflicting: number;
  /** The first conflicting rows: the line, and the address or prefix with both labels. */
  conflicts: { line: number; reason: string }[];
  skipped: SkipReport;
}

/** Longest labels line accepted: a longer one is not a labels file. */
const MAX_LABELS_LINE = 1 << 20;
const KEPT_CONFLICTS = 10;

export interface Labels {
  /** Canonical address -> label; `get` also answers from the prefixes. */
  labels: LabelMap;
  report: LabelsReport;
}

export async function readLabels(source: ByteSource, fileName: string): Promise<Labels> {
  const text = new TextDecoder('utf-8');
  const prefixes = new PrefixLabels();
  const labels = new LabelMap(prefixes);
  const skips = new SkipLog();
  let line = 0;
  let rows = 0;
  let duplicates = 0;
  let conflicting = 0;
  const conflicts: { line: number; reason: string }[] = [];
  const firstLine = new Map<string, number>();
  const conflict = (key: string, previous: string, label: string) => {
    conflicting++;
    if (conflicts.length < KEPT_CONFLICTS) {
      conflicts.push({ line, reason: `${key} is labelled ${quoted(label)} here but ${quoted(previous)} on line ${firstLine.get(key) ?? '?'} (the first label is kept)` });
    }
  };
  let columns: { ip: number; label: number; delimiter: ReturnType<typeof detectDelimiter> } | undefined;

  const take = (raw: string) => {
    line++;
    const l = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (l.trim() === '') return;
    if (!columns) {
      const delimiter = detectDelimiter(l);
      const fields = splitLine(l, delimiter);
      if (fields.length >= 2 && (canonicalIp(fields[0]) !== undefined || parseCidr(fields[0]) !== null)) {
        columns = { ip: 0, label: 1, delimiter }; // no header: ip,label
      } else {
        const names = fields.map((f) => f.toLowerCase());
        const ip = names.findIndex((n) => LABEL_IP_ALIASES.includes(n));
        const label = names.findIndex((n) => LABEL_ALIASES.includes(n));
        if (ip < 0 || label < 0) {
          throw new Error(
            `${fileName}: labels need an address column (${LABEL_IP_ALIASES.join(', ')}) and a label column ` +
              `(${LABEL_ALIASES.join(', ')}); columns found: ${fields.map((f) => JSON.stringify(f)).join(', ')}`,
          );
        }
        columns = { ip, label, delimiter };
        return;
      }
    }
    rows++;
    const fields = splitLine(l, columns.delimiter);
    const rawIp = fields[columns.ip];
    const label = fields[columns.label];
    if (!rawIp || !label) return skips.add(line, 'missing field');
    if (rawIp.includes('/')) {
      const text = rawIp.trim();
      const cidr = parseCidr(text);
      if (cidr === null) return skips.add(line, `bad CIDR prefix ${quoted(text)}: ${cidrProblem(text) ?? 'not a prefix'}`);
      const previous = prefixes.labelOf(cidr);
      if (previous !== undefined) {
        duplicates++;
        if (previous !== label) conflict(text, previous, label);
        return;
      }
      if (conflicts.length < KEPT_CONFLICTS) firstLine.set(text, line);
      prefixes.add(cidr, label);
      return;
    }
    const ip = canonicalIp(rawIp);
    if (ip === undefined) return skips.add(line, 'bad IP address');
    const previous = labels.exact(ip);
    if (previous !== undefined) {
      duplicates++;
      if (previous !== label) conflict(ip, previous, label);
      return;
    }
    // Where each address was first labelled, to name it in a conflict (bounded: only while conflicts are still listed).
    if (conflicts.length < KEPT_CONFLICTS && firstLine.size < 1 << 20) firstLine.set(ip, line);
    labels.set(ip, label);
  };

  let carry = '';
  for await (const chunk of await normalizeText(await gunzipIfNeeded(source, fileName), fileName)) {
    const parts = (carry + text.decode(chunk, { stream: true })).split('\n');
    carry = parts.pop()!;
    for (const p of parts) take(p);
    if (carry.length > MAX_LABELS_LINE) throw new Error(`${fileName}: line ${line + 1} is longer than ${MAX_LABELS_LINE} characters (not a labels file?)`);
  }
  carry += text.decode();
  if (carry !== '') take(carry);
  if (!columns) throw new Error(`${fileName}: empty labels file`);
  return { labels, report: { rows, labelled: labels.size - prefixes.size, prefixes: prefixes.size, duplicates, conflicting, conflicts, skipped: skips.report() } };
}
