// Deterministic synthetic traces for benchmarks and the memory test: time-
// ordered over a day, senders drawn with a heavy tail, DarkVec-like ports.
// Yields text in pieces so no test or benchmark holds a whole trace.

export const GENERATED_HEADER = 'ts,src_ip,dst_port,proto,dst_ip,pck_len,tcp_seq\n';

export function* generateTrace(rows: number, senders: number, seed = 1, rowsPerPiece = 10_000): Generator<string> {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const ports = [23, 2323, 22, 80, 8080, 443, 445, 5555, 3389, 1433, 53, 123, 6379];
  yield GENERATED_HEADER;
  let ts = 1617148800;
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    ts += (86400 / rows) * 2 * rand();
    const sender = Math.floor(senders * rand() ** 2);
    const ip = `${1 + (sender >>> 16)}.${(sender >>> 8) & 255}.${sender & 255}.${(sender * 7) & 255}`;
    const r = rand();
    const proto = r < 0.9 ? 6 : r < 0.98 ? 17 : 1;
    const port = proto === 1 ? '' : r < 0.6 ? ports[Math.floor(rand() * ports.length)] : Math.floor(rand() * 65536);
    const dst = `10.0.0.${Math.floor(rand() * 256)}`;
    lines.push(`${ts.toFixed(6)},${ip},${port},${proto},${dst},${40 + Math.floor(rand() * 100)},${Math.floor(rand() * 4294967295)}`);
    if (lines.length === rowsPerPiece) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** Writes a generated trace to a file, with back-pressure. */
export async function writeGeneratedTrace(path: string, rows: number, senders: number, seed = 1): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(path);
  for (const piece of generateTrace(rows, senders, seed)) {
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
