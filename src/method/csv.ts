// One encoder for every CSV and TSV cell we write, in the page and the CLI.
// Labels, IPs and file names come from users, so cells are never trusted:
// RFC 4180 quoting, and a cell a spreadsheet would run as a formula (leading
// =, +, -, @, tab or carriage return) gets a leading apostrophe, unless it is
// a plain number such as -0.25.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Six significant digits are plenty for scores; NaN and infinities (undefined values) are empty. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/** A user string a spreadsheet will show as text. */
export function defuseFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

export function csvCell(value: string | number): string {
  const s = typeof value === 'number' ? formatNumber(value) : defuseFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

/** TSV (the Projector's format) cannot quote: tabs and line breaks become spaces. */
export function tsvCell(value: string | number): string {
  const s = typeof value === 'number' ? formatNumber(value) : value.replace(/[\t\r\n]/g, ' ');
  return defuseFormula(s);
}

export function tsvLine(cells: readonly (string | number)[]): string {
  return cells.map(tsvCell).join('\t') + '\n';
}
