// Ground truth: a CSV of `ip,label` (the label column may be called `class`).
// Addresses are canonicalised like the trace's senders so they join.
// The address may also be a CIDR prefix (`198.51.100.0/24,scanner-x`), as
// scanning projects publish their ranges: exact addresses win over prefixes,
// longer prefixes over shorter (see LabelMap).
import { gunzipIfNeeded, type ByteSource } from './byte-source';
import { canonicalIp } from './ip-address';
import { LabelMap, PrefixLabels, parseCidr } from './label-prefixes';
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
  skipped: SkipReport;
}

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
      const cidr = parseCidr(rawIp.trim());
      if (cidr === null) return skips.add(line, 'bad CIDR prefix');
      const previous = prefixes.labelOf(cidr);
      if (previous !== undefined) {
        duplicates++;
        if (previous !== label) conflicting++;
        return;
      }
      prefixes.add(cidr, label);
      return;
    }
    const ip = canonicalIp(rawIp);
    if (ip === undefined) return skips.add(line, 'bad IP address');
    const previous = labels.exact(ip);
    if (previous !== undefined) {
      duplicates++;
      if (previous !== label) conflicting++;
      return;
    }
    labels.set(ip, label);
  };

  let carry = '';
  for await (const chunk of await gunzipIfNeeded(source, fileName)) {
    const parts = (carry + text.decode(chunk, { stream: true })).split('\n');
    carry = parts.pop()!;
    for (const p of parts) take(p);
  }
  carry += text.decode();
  if (carry !== '') take(carry);
  if (!columns) throw new Error(`${fileName}: empty labels file`);
  return { labels, report: { rows, labelled: labels.size - prefixes.size, prefixes: prefixes.size, duplicates, conflicting, skipped: skips.report() } };
}
