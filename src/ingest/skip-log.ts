// Rows a decoder could not use: counted by reason, the first few kept with
// their line numbers so the user can look at them.

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
}

export class SkipLog {
  total = 0;
  private readonly counts = new Map<string, number>();
  private readonly first: SkippedRow[] = [];

  constructor(private readonly keep = 10) {}

  add(line: number, reason: string): void {
    this.total++;
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (this.first.length < this.keep) this.first.push({ line, reason });
  }

  report(): SkipReport {
    return { total: this.total, byReason: Object.fromEntries(this.counts), first: [...this.first] };
  }
}

/** "12 rows skipped: 10 bad port, 2 missing field; first: line 3 (bad port), ..." */
export function describeSkips(report: SkipReport, shown = 3): string {
  if (report.total === 0) return 'no rows skipped';
  const reasons = Object.entries(report.byReason)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
  const first = report.first
    .slice(0, shown)
    .map((s) => `line ${s.line} (${s.reason})`)
    .join(', ');
  return `${report.total} rows skipped: ${reasons}; first: ${first}`;
}
