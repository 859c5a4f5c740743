// CSV output for the analysis files. Labels and IPs come from the user, so
// every field is quoted when it needs to be (RFC 4180), never trusted.
import { closeSync, openSync, writeSync } from 'node:fs';

export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Six significant digits are plenty for scores; NaN (undefined) is empty. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/** Writes rows as they come, in ~1 MB blocks, so 500 k senders never become one string. */
export function writeCsv(path: string, header: string[], rows: Iterable<(string | number)[]>): number {
  const fd = openSync(path, 'w');
  let n = 0;
  try {
    let block = header.map(csvField).join(',') + '\n';
    for (const row of rows) {
      block += row.map(csvField).join(',') + '\n';
      n++;
      if (block.length > 1 << 20) {
        writeSync(fd, block);
        block = '';
      }
    }
    writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return n;
}
