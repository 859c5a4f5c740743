// Small traces written in the tests, as byte sources.
import { gzipSync } from 'node:zlib';
import type { ByteSource } from '../../src/ingest/byte-source';

export function bytesOf(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? new TextEncoder().encode(text) : text;
}

/** The bytes in chunks of `chunk` bytes (small chunks exercise split lines and split characters). */
export async function* sourceOf(content: string | Uint8Array, chunk = 7): ByteSource {
  const bytes = bytesOf(content);
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

export function gzipped(text: string | Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytesOf(text)));
}

export interface Row {
  ts: number;
  src: string;
  dstPort: number;
  proto: number;
  packets: number;
  dstIp: number;
  length: number;
  tcpSeq: number;
}
