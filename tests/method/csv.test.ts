import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, defuseFormula, formatNumber, tsvLine } from '../../src/method/csv';

describe('csv cells', () => {
  it('quotes user text that would break a CSV row (RFC 4180)', () => {
    expect(csvCell('censys')).toBe('censys');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('<script>')).toBe('<script>');
  });

  it('defuses every cell a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const hostile of ['=cmd()', '+1+1', '-1+1|cmd', '@SUM(A1)', '\tx', '\r=1', '-cmd', '=HYPERLINK("x")']) {
      const cell = csvCell(hostile);
      expect(cell.replace(/^"/, '')).toMatch(/^'/);
    }
    for (const plain of ['-1', '-0.25', '-1e-5', '12', 'censys', '2001:db8::1', '::1']) expect(defuseFormula(plain)).toBe(plain);
    expect(csvCell(-0.25)).toBe('-0.25');
  });

  it('formats scores to six significant digits and undefined values as empty', () => {
    expect([formatNumber(0.123456789), formatNumber(3), formatNumber(NaN), formatNumber(-0.5), formatNumber(Infinity)]).toEqual(['0.123457', '3', '', '-0.5', '']);
  });

  it('TSV cells lose tabs and line breaks and are defused too', () => {
    expect(tsvLine(['a\tb', 'c\nd', '=1+1', 0.5])).toBe("a b\tc d\t'=1+1\t0.5\n");
    expect(csvLine(['x', 1])).toBe('x,1\n');
  });
});
