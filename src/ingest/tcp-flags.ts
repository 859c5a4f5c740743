// TCP flags as text tools write them, to the flags byte (TCP_FLAG bits):
//   numbers: decimal ("18") or hexadecimal with 0x ("0x012", tshark's tcp.flags)
//            or Suricata's bare hex ("1e", read by the Suricata decoder itself);
//            up to 12 bits are accepted (tshark counts NS and the reserved
//            bits), the byte the header carries is kept.
//   letters: F S R P A U E C, any order and case ("SA", "RA", "sa"), N (the
//            nonce bit) ignored; '.', '-', '*', ' ' and tshark's '·' are
//            placeholders, so nfdump's positional "....S." and tshark's
//            tcp.flags.str "·······A··S·" read too.
// tcpdump's "S." (where '.' means ACK) is not read as SYN-ACK: '.' is a placeholder.

import { TCP_FLAG } from './packet-sink';

const LETTER: Record<string, number> = {
  F: TCP_FLAG.fin,
  S: TCP_FLAG.syn,
  R: TCP_FLAG.rst,
  P: TCP_FLAG.psh,
  A: TCP_FLAG.ack,
  U: TCP_FLAG.urg,
  E: TCP_FLAG.ece,
  C: TCP_FLAG.cwr,
  N: 0,
};

const PLACEHOLDER = new Set(['.', '-', '*', ' ', '\u00b7']);

/** The flags byte of `text`; -1 for an empty field, NaN when it is neither a number nor flag letters. */
export function parseTcpFlags(text: string): number {
  const t = text.trim();
  if (t === '') return -1;
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n <= 0xfff ? n & 255 : NaN;
  }
  if (/^0x[0-9a-f]+$/i.test(t)) {
    const n = parseInt(t.slice(2), 16);
    return n <= 0xfff ? n & 255 : NaN;
  }
  // All placeholders ("......", nfdump's flows without TCP flags) means no flags set.
  let flags = 0;
  for (const c of t) {
    const bit = LETTER[c.toUpperCase()];
    if (bit !== undefined) flags |= bit;
    else if (!PLACEHOLDER.has(c)) return NaN;
  }
  return flags;
}

const ORDER = [['S', TCP_FLAG.syn], ['R', TCP_FLAG.rst], ['F', TCP_FLAG.fin], ['P', TCP_FLAG.psh], ['A', TCP_FLAG.ack], ['U', TCP_FLAG.urg], ['E', TCP_FLAG.ece], ['C', TCP_FLAG.cwr]] as const;

/** Letters for a flags byte ("SA", "RA", "R"), which parseTcpFlags reads back; "" for none or unknown. */
export function tcpFlagsText(flags: number): string {
  if (flags < 0) return '';
  let out = '';
  for (const [letter, bit] of ORDER) {
    if (flags & bit) out += letter;
  }
  return out;
}
