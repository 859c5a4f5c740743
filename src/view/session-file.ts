// A saved session is JSON in which every typed array is stored as base64 of its
// bytes (little-endian, as every browser here), so vectors round-trip exactly.

const TYPES = { Float32Array, Float64Array, Int32Array, Uint8Array, Uint32Array, Int16Array, Uint16Array, Int8Array } as const;
type TypeName = keyof typeof TYPES;

export const SESSION_FORMAT = 'darkvec-studio-session';
export const SESSION_VERSION = 1;

function toBase64(bytes: Uint8Array<ArrayBufferLike>): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeSession(content: Record<string, unknown>): string {
  return JSON.stringify({ format: SESSION_FORMAT, version: SESSION_VERSION, ...content }, (_key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name as TypeName;
      if (!(name in TYPES)) throw new Error(`cannot save a ${name}`);
      return { $typed: name, base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    }
    return value;
  });
}

export function decodeSession(text: string, fileName: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value) => {
      if (value && typeof value === 'object' && typeof value.$typed === 'string' && typeof value.base64 === 'string') {
        const Type = TYPES[value.$typed as TypeName];
        if (!Type) throw new Error(`unknown array type ${value.$typed}`);
        const bytes = fromBase64(value.base64);
        return new Type(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Type.BYTES_PER_ELEMENT);
      }
      return value;
    });
  } catch (e) {
    throw new Error(`${fileName}: not a DarkVec Studio session (${(e as Error).message})`);
  }
  const session = parsed as Record<string, unknown>;
  if (!session || session.format !== SESSION_FORMAT) throw new Error(`${fileName}: not a DarkVec Studio session file (no "format": "${SESSION_FORMAT}")`);
  if (session.version !== SESSION_VERSION) throw new Error(`${fileName}: session version ${String(session.version)} is not supported (this app reads version ${SESSION_VERSION})`);
  return session;
}
