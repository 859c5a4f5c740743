// Which column of a delimited trace holds which packet field: found by header
// name (case-insensitive, with the aliases tools use), or given explicitly by
// the user (the app's editable column mapping).

/** Column index of each field, -1 when the trace has no such column. */
export interface ColumnMapping {
  ts: number;
  src: number;
  dstPort: number;
  proto: number;
  dstIp: number;
  length: number;
  tcpSeq: number;
  packets: number;
  ipId: number;
  tcpFlags: number;
  icmpType: number;
}

export type ColumnField = keyof ColumnMapping;

/** Header names accepted for each field, lower case. */
export const COLUMN_ALIASES: Record<ColumnField, readonly string[]> = {
  ts: ['ts', 'time', 'timestamp', 'frame.time_epoch', 'time_epoch', 'unix_time', 'epoch'],
  src: ['src_ip', 'ip', 'src', 'saddr', 'id.orig_h', 'ip.src', 'ipv6.src', 'source', 'srcip', 'src_addr', 'sender'],
  dstPort: ['dst_port', 'port', 'dport', 'id.resp_p', 'dstport', 'dest_port', 'tcp.dstport', 'udp.dstport'],
  proto: ['proto', 'protocol', 'ip.proto', 'ipv6.nxt'],
  dstIp: ['dst_ip', 'dst', 'daddr', 'id.resp_h', 'ip.dst', 'dstip', 'dst_addr', 'dest_ip'],
  length: ['length', 'len', 'pck_len', 'pkt_len', 'frame.len', 'ip.len', 'size'],
  tcpSeq: ['tcp_seq', 'seq', 'tcp.seq', 'tcp.seq_raw', 'seqnum', 'tcp_seq_raw'],
  packets: ['packets', 'pkts', 'packet_count', 'npackets'],
  ipId: ['ip_id', 'ipid', 'ip.id', 'ip_ident', 'ip_identification'],
  tcpFlags: ['tcp_flags', 'tcp.flags', 'tcpflags', 'tcp.flags.str', 'flg', 'th_flags'],
  icmpType: ['icmp_type', 'icmp.type', 'icmpv6.type', 'icmptype', 'itype'],
};

export const REQUIRED_FIELDS: readonly ColumnField[] = ['ts', 'src', 'dstPort'];

export const FIELD_LABELS: Record<ColumnField, string> = {
  ts: 'timestamp',
  src: 'sender IP',
  dstPort: 'destination port',
  proto: 'protocol',
  dstIp: 'destination IP',
  length: 'packet length',
  tcpSeq: 'TCP sequence number',
  packets: 'packet count',
  ipId: 'IP ID',
  tcpFlags: 'TCP flags',
  icmpType: 'ICMP type',
};

/** The mapping the header names give; `override` (from the user) wins field by field. */
export function detectColumns(header: readonly string[], override?: Partial<ColumnMapping>): ColumnMapping {
  const names = header.map((h) => h.trim().toLowerCase());
  const mapping = {} as ColumnMapping;
  for (const field of Object.keys(COLUMN_ALIASES) as ColumnField[]) {
    let index = -1;
    // The first alias in the list wins over later ones (src_ip before ip).
    for (const alias of COLUMN_ALIASES[field]) {
      index = names.indexOf(alias);
      if (index >= 0) break;
    }
    mapping[field] = index;
  }
  if (override) {
    for (const [field, index] of Object.entries(override) as [ColumnField, number | undefined][]) {
      if (index === undefined) continue;
      if (!(field in COLUMN_ALIASES)) throw new Error(`unknown trace field "${field}"`);
      if (!Number.isInteger(index) || index < -1 || index >= header.length) {
        throw new Error(`column ${index} for ${FIELD_LABELS[field]} is outside the ${header.length} columns`);
      }
      mapping[field] = index;
    }
  }
  return mapping;
}

/** A field whose detected column's name appears more than once in the header. */
export interface AmbiguousColumn {
  field: ColumnField;
  name: string;
  /** 0-based indexes of every column with that name. */
  columns: number[];
}

/** Fields detected from a name the header repeats (two dst_port columns): which one is meant is a guess, so none is taken. */
export function ambiguousColumns(header: readonly string[], mapping: ColumnMapping, override?: Partial<ColumnMapping>): AmbiguousColumn[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const out: AmbiguousColumn[] = [];
  for (const field of Object.keys(COLUMN_ALIASES) as ColumnField[]) {
    if (mapping[field] < 0 || override?.[field] !== undefined) continue;
    const name = names[mapping[field]];
    const columns = names.flatMap((n, i) => (n === name ? [i] : []));
    if (columns.length > 1) out.push({ field, name: header[mapping[field]].trim(), columns });
  }
  return out;
}

/** The refusal for a header with a repeated column name, columns numbered from 1 as a spreadsheet shows them. */
export function ambiguousColumnsMessage(fileName: string, ambiguous: readonly AmbiguousColumn[]): string {
  const what = ambiguous
    .map((a) => `"${a.name}" (columns ${a.columns.map((c) => c + 1).join(', ')}) for the ${FIELD_LABELS[a.field]}`)
    .join('; ');
  return `${fileName}: the header names a column twice: ${what}; rename the copy or choose the column explicitly`;
}

/** Required fields without a column. */
export function missingColumns(mapping: ColumnMapping): ColumnField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] < 0);
}

/** The refusal message for a header without the required columns. */
export function missingColumnsMessage(fileName: string, header: readonly string[], missing: readonly ColumnField[]): string {
  const found = header.length === 0 ? '(none)' : header.map((h) => JSON.stringify(h)).join(', ');
  const wanted = missing.map((f) => `${FIELD_LABELS[f]} (${COLUMN_ALIASES[f].join(', ')})`).join('; ');
  return `${fileName}: no column for ${wanted}; columns found: ${found}`;
}
