import { describe, expect, it } from 'vitest';
import { parseTcpFlags, tcpFlagsText } from '../../src/ingest/tcp-flags';

describe('TCP flags as text', () => {
  it('reads numbers in decimal and 0x-hex, keeping the header byte', () => {
    expect(['2', '18', '0x12', '0x0012', '0X14', '255', '0x112'].map(parseTcpFlags)).toEqual([2, 18, 18, 18, 20, 255, 0x12]);
  });
  it('reads letters in any order and case, with placeholders', () => {
    expect(['S', 'SA', 'AS', 'sa', 'R', 'RA', 'FPU', 'SAEC', '....S.', '.A..S.', '···A··S·', 'N·····A·R··'].map(parseTcpFlags)).toEqual([
      2, 18, 18, 18, 4, 20, 41, 0xd2, 2, 18, 18, 20,
    ]);
    expect(parseTcpFlags('......')).toBe(0);
  });
  it('gives -1 for an empty field and NaN for anything else', () => {
    expect(parseTcpFlags('')).toBe(-1);
    expect(parseTcpFlags('  ')).toBe(-1);
    for (const bad of ['SYN', 'X', '0x', '0x1000', '4096', 'S,A', '-1']) expect(parseTcpFlags(bad), bad).toBeNaN();
  });
  it('writes letters that read back to the same byte, for every byte', () => {
    for (let f = 0; f < 256; f++) expect(parseTcpFlags(tcpFlagsText(f) || '.')).toBe(f);
    expect([tcpFlagsText(0x12), tcpFlagsText(0x14), tcpFlagsText(4), tcpFlagsText(-1)]).toEqual(['SA', 'RA', 'R', '']);
  });
});
