// Rows a decoder could not use: counted by reason, the first few kept with
// their line numbers so the user can look at them.
//
// Memory stays bounded whatever the input: reasons that quote a value from the
// file (`unparsable ts "abc"`) are counted under the reason without the value,
// values are clipped, and past MAX_REASONS distinct reasons the rest are
// counted together.

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface SkipReport {
  /** Rows skipped in all. */
  total: number;
  /** Reason -> rows. */
  byReason: Record<string, number>;
  /** The first rows skipped, in file order. */
  first: SkippedRow[];
  /** Reason -> the first few line numbers with that reason. */
  lines?: Record<string, number[]>;
}

const MAX_REASONS = 64;
const LINES_PER_REASON = 3;
const MAX_REASON_LENGTH = 200;
export const OTHER_REASONS = 'other reasons';

/** A value from the input for a message: JSON-quoted (control characters escaped), at most `max` characters of it. */
export function quoted(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? value.slice(0, max) + '…' : value);
}

/** The reason a skip is counted under: quoted values taken out. */
export function reasonKey(reason: string): string {
  const key = reason.replace(/ ?"(?:[^"\\]|\\.)*"/g, '').trim();
  return key === '' ? 'unnamed reason' : key.slice(0, MAX_REASON_LENGTH);
}

export class SkipLog {
  total = 0;
  private readonly counts = new Map<string, number>();
  private readonly lines = new Map<string, number[]>();
  private readonly first: SkippedRow[] = [];

  constructor(private readonly keep = 10) {}

  add(line: number, reason: string): void {
    this.total++;
    let key = reasonKey(reason);
    if (!this.counts.has(key) && this.counts.size >= MAX_REASONS) key = OTHER_REASONS;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let lines = this.lines.get(key);
    if (!lines) this.lines.set(key, (lines = []));
    if (lines.length < LINES_PER_REASON) lines.push(line);
    if (this.first.length < this.keep) {
      this.first.push({ line, reason: reason.length > MAX_REASON_LENGTH ? reason.slice(0, MAX_REASON_LENGTH) + '…' : reason });
    }
  }

  report(): SkipReport {
    return { total: this.total, byReason: Object.fromEntries(this.counts), first: [...this.first], lines: Object.fromEntries(this.lines) };
  }
}

/** "12 rows skipped: 10 bad port (lines 3, 5, 9, ...), 2 missing field (lines 4, 7)" */
export function describeSkips(report: SkipReport, shown = 3): string {
  if (report.total === 0) return 'no rows skipped';
  return `${report.total} row${report.total === 1 ? '' : 's'} skipped: ${describeReasons(report, shown)}`;
}

/** "10 bad port (lines 3, 5, 9, ...), 2 missing field (lines 4, 7)", most frequent first. */
export function describeReasons(report: SkipReport, shown = 3): string {
  return Object.entries(report.byReason)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => {
      const lines = (report.lines?.[r] ?? []).slice(0, shown);
      if (lines.length === 0) return `${n} ${r}`;
      const more = n > lines.length ? ', ...' : '';
      return `${n} ${r} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more})`;
    })
    .join(', ');
}
