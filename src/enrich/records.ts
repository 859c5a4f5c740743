// What a database says about an address, interned: each distinct (ASN,
// country, AS name) is one record; strings live once in their tables. Typed
// arrays so that a database's answers cross a worker boundary as buffers.

export interface RecordTable {
  /** Per record: AS number, 0 when the record has none (AS 0 is reserved, never an origin: RFC 7607). */
  asn: Uint32Array;
  /** Per record: index into `countries`, -1 when none. */
  country: Int16Array;
  /** Per record: index into `asNames`, -1 when none. */
  asName: Int32Array;
  /** ISO 3166 alpha-2 codes, upper case. */
  countries: string[];
  asNames: string[];
}

/** Builds a RecordTable, interning records and strings. */
export class RecordTableBuilder {
  private readonly asnOf: number[] = [];
  private readonly countryOf: number[] = [];
  private readonly nameOf: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly countryIndex = new Map<string, number>();
  private readonly nameIndex = new Map<string, number>();
  readonly countries: string[] = [];
  readonly asNames: string[] = [];

  get size(): number {
    return this.asnOf.length;
  }

  /** The record index for these values (asn <= 0, country or name undefined/empty: unknown). */
  intern(asn: number, country: string | undefined, name: string | undefined): number {
    const c = country ? this.internString(country.toUpperCase(), this.countryIndex, this.countries) : -1;
    const n = name ? this.internString(name, this.nameIndex, this.asNames) : -1;
    const a = asn > 0 ? asn : 0;
    const key = `${a}|${c}|${n}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.asnOf.length;
      this.asnOf.push(a);
      this.countryOf.push(c);
      this.nameOf.push(n);
      this.byKey.set(key, id);
    }
    return id;
  }

  private internString(s: string, index: Map<string, number>, table: string[]): number {
    let i = index.get(s);
    if (i === undefined) {
      i = table.length;
      table.push(s);
      index.set(s, i);
    }
    return i;
  }

  build(): RecordTable {
    return {
      asn: Uint32Array.from(this.asnOf),
      country: Int16Array.from(this.countryOf),
      asName: Int32Array.from(this.nameOf),
      countries: this.countries.slice(),
      asNames: this.asNames.slice(),
    };
  }
}

/** The first run of digits of an AS number field ("13335", "AS13335", "4739_7474", "{1,2}"), or -1. */
export function parseAsn(text: string): number {
  const m = /\d+/.exec(text);
  if (!m) return -1;
  const n = Number(m[0]);
  return n <= 0xffffffff ? n : -1;
}
