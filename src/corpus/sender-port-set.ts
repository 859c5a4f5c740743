// Distinct (sender, port) pairs, for the per-sender count of ports seen. Open
// addressing over one Float64Array: 16 bytes per pair at the worst load
// (a JS Set of numbers costs several times that).

export class SenderPortSet {
  private keys: Float64Array;
  private shift: number;
  size = 0;

  constructor(capacityPow2 = 1 << 16) {
    this.keys = new Float64Array(capacityPow2).fill(-1);
    this.shift = 32 - Math.log2(capacityPow2);
  }

  /** Adds the pair; true if it was new. */
  add(sender: number, port: number): boolean {
    const key = sender * 65536 + port;
    // Multiplicative hashing: the high bits of the product are the well-mixed ones.
    let i = Math.imul(sender ^ Math.imul(port + 1, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    const keys = this.keys;
    const mask = keys.length - 1;
    for (;;) {
      const k = keys[i];
      if (k === key) return false;
      if (k === -1) break;
      i = (i + 1) & mask;
    }
    keys[i] = key;
    if (++this.size * 2 > keys.length) this.rehash();
    return true;
  }

  private rehash(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2).fill(-1);
    this.shift--;
    this.size = 0;
    for (const k of old) if (k !== -1) this.add(Math.floor(k / 65536), k % 65536);
  }
}
