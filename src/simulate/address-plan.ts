// Sender addresses: botnets spread over the public IPv4 space, scanning
// projects packed into a few /24s, every address used by one sender only.
import type { Xoshiro128 } from './prng';

/** Open-addressing set of uint32 addresses (0 is never a sender). */
export class AddressSet {
  private table: Uint32Array;
  private count = 0;

  constructor(expected: number) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.table = new Uint32Array(cap);
  }

  /** Adds `ip`; false when it was already there. */
  add(ip: number): boolean {
    if (this.count * 2 >= this.table.length) this.grow();
    return this.insert(this.table, ip >>> 0);
  }

  private insert(table: Uint32Array, ip: number): boolean {
    const mask = table.length - 1;
    let i = Math.imul(ip, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const v = table[i];
      if (v === 0) {
        table[i] = ip;
        if (table === this.table) this.count++;
        return true;
      }
      if (v === ip) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (const v of old) if (v !== 0) this.insert(this.table, v);
  }
}

/** Parsed `a.b.c.d/len`. */
export interface Prefix {
  base: number;
  size: number;
  text: string;
}

export function parsePrefix(text: string): Prefix {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) throw new Error(`prefix "${text}" is not of the form a.b.c.d/len`);
  const octets = m.slice(1, 5).map(Number);
  const len = Number(m[5]);
  if (octets.some((o) => o > 255)) throw new Error(`prefix "${text}" has an octet above 255`);
  if (len < 16 || len > 30) throw new Error(`prefix "${text}": length must be 16..30 (a telescope of 4 to 65,536 addresses)`);
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - len);
  const base = ip - (ip % size);
  if (base !== ip) throw new Error(`prefix "${text}" has host bits set (did you mean ${ipText(base)}/${len}?)`);
  return { base, size, text: `${ipText(base)}/${len}` };
}

export function ipText(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/**
 * Sender addresses as text, each formatted once per time slice: a slice holds
 * thousands of packets from far fewer senders, and clearing per slice keeps
 * the cache as small as one slice's senders over a month-long run.
 */
export class SenderNames {
  private readonly names = new Map<number, string>();

  constructor(private readonly ip: Uint32Array) {}

  nextSlice(): void {
    this.names.clear();
  }

  of(id: number): string {
    let text = this.names.get(id);
    if (text === undefined) {
      text = ipText(this.ip[id]);
      this.names.set(id, text);
    }
    return text;
  }
}

/** Not a unicast public address a scanner could send from. */
export function isReserved(ip: number): boolean {
  const a = ip >>> 24;
  const b = (ip >>> 16) & 255;
  const c = (ip >>> 8) & 255;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return true;
  if (a === 100 && b >= 64 && b < 128) return true;
  if (a === 169 && b === 254) return true;
  if (a === 172 && b >= 16 && b < 32) return true;
  if (a === 192 && b === 168) return true;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return true;
  if (a === 198 && (b === 18 || b === 19)) return true;
  if (a === 198 && b === 51 && c === 100) return true;
  if (a === 203 && b === 0 && c === 113) return true;
  return false;
}

export class AddressPlanner {
  readonly used: AddressSet;

  constructor(
    private readonly telescope: Prefix,
    private readonly rng: Xoshiro128,
    expected: number,
  ) {
    this.used = new AddressSet(expected);
  }

  private blocked(ip: number): boolean {
    return isReserved(ip) || (ip >= this.telescope.base && ip < this.telescope.base + this.telescope.size);
  }

  /** A fresh public address anywhere. */
  spread(): number {
    for (;;) {
      const ip = this.rng.next();
      if ((ip & 255) === 0 || (ip & 255) === 255) continue;
      if (!this.blocked(ip) && this.used.add(ip)) return ip;
    }
  }

  /** A random public /24 (its base address) that no other group sits in. */
  block24(): number {
    for (;;) {
      const base = (this.rng.next() & 0xffffff00) >>> 0;
      if (!this.blocked(base) && !this.blocked(base + 255)) return base;
    }
  }

  /** A random public /16 (its base address). */
  block16(): number {
    for (;;) {
      const base = (this.rng.next() & 0xffff0000) >>> 0;
      if (!this.blocked(base) && !this.blocked(base + 0xffff)) return base;
    }
  }

  /** A fresh host in one of `blocks` (/24 bases); new blocks are added when they fill up. */
  inBlocks(blocks: number[]): number {
    for (let tries = 0; ; tries++) {
      if (tries > 64) {
        blocks.push(this.block24());
        tries = 0;
      }
      const base = blocks[this.rng.int(blocks.length)];
      const ip = base + 1 + this.rng.int(254);
      if (this.used.add(ip)) return ip;
    }
  }
}
