// Text that is not plain UTF-8 lines, made so before any decoder sees it:
// UTF-16 (with a byte-order mark, or ASCII with every other byte zero, as
// Windows tools write it) is transcoded to UTF-8; CR-only line ends (classic
// Mac, some exporters) become LF. UTF-32 is refused by name. Decoders then
// only ever see UTF-8 with LF or CRLF.
import type { ByteSource } from './gzip-members';
import { closeSource, peekSource } from './byte-source';

export type TextEncodingName = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding the first bytes give away, or null for UTF-8/ASCII/binary. */
export function detectTextEncoding(head: Uint8Array): TextEncodingName | null {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'utf-32le' : 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  // No mark: ASCII text in UTF-16 has a zero in every other byte and none in between.
  const n = Math.min(head.length, 512) & ~3;
  if (n < 8) return null;
  // Zeros by position mod 4.
  const z = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (head[i] === 0) z[i & 3]++;
  const q = n / 4;
  const high = (k: number) => z[k] >= q * 0.9;
  const low = (k: number) => z[k] <= q * 0.05;
  if (high(1) && high(2) && high(3) && low(0)) return 'utf-32le';
  if (high(0) && high(1) && high(2) && low(3)) return 'utf-32be';
  if (high(1) && high(3) && low(0) && low(2)) return 'utf-16le';
  if (high(0) && high(2) && low(1) && low(3)) return 'utf-16be';
  return null;
}

/** UTF-16 bytes to UTF-8, chunk by chunk (a character cut by a chunk boundary is kept for the next). */
export async function* utf16ToUtf8(source: ByteSource, encoding: 'utf-16le' | 'utf-16be'): ByteSource {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield encoder.encode(text);
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield encoder.encode(rest);
}

/** Whether the text's lines end in CR alone: a CR and no LF in the first bytes. */
export function hasCrOnlyLines(head: Uint8Array): boolean {
  return head.indexOf(13) >= 0 && head.indexOf(10) < 0;
}

/** CR line ends to LF. */
export async function* crToLf(source: ByteSource): ByteSource {
  for await (const chunk of source) {
    const out = Uint8Array.from(chunk);
    for (let i = out.indexOf(13); i >= 0; i = out.indexOf(13, i + 1)) out[i] = 10;
    yield out;
  }
}

/** What normalizeText did to the bytes, for the user: 'UTF-16LE', 'CR line ends'. */
export interface NormalizedText {
  head: Uint8Array;
  bytes: ByteSource;
  conversions: string[];
}

/**
 * UTF-8 lines with LF from any text we read (see the top of this file), with
 * the first `headBytes` bytes for format detection. Throws a message naming
 * the file for UTF-32.
 */
export async function normalizeTextHead(source: ByteSource, fileName: string, headBytes: number): Promise<NormalizedText> {
  let { head, source: bytes } = await peekSource(source, headBytes);
  const conversions: string[] = [];
  try {
    const encoding = detectTextEncoding(head);
    if (encoding === 'utf-32le' || encoding === 'utf-32be') {
      throw new Error(`${fileName}: the file is ${encoding.toUpperCase()} text; save it as UTF-8 (or UTF-16) and open it again`);
    }
    if (encoding) {
      ({ head, source: bytes } = await peekSource(utf16ToUtf8(bytes, encoding), headBytes));
      conversions.push(encoding.toUpperCase());
      if (head.length === 0) throw new Error(`${fileName}: empty file (${encoding.toUpperCase()} with only a byte-order mark)`);
    }
    if (hasCrOnlyLines(head)) {
      ({ head, source: bytes } = await peekSource(crToLf(bytes), headBytes));
      conversions.push('CR line ends');
    }
  } catch (e) {
    await closeSource(bytes);
    throw e;
  }
  return { head, bytes, conversions };
}

export async function normalizeText(source: ByteSource, fileName: string): Promise<ByteSource> {
  return (await normalizeTextHead(source, fileName, 4096)).bytes;
}
