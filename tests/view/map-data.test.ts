import { describe, expect, it } from 'vitest';
import { CATEGORICAL_LIMIT, PALETTE, UNKNOWN_GREY, chroma, labDistance } from '../../src/view/colours.ts';
import { colourPoints } from '../../src/view/map-colouring.ts';
import { cellText, ipv4Numbers, senderColumns, type CategoryColumn } from '../../src/view/sender-columns.ts';
import { searchSenders, SearchError } from '../../src/view/sender-search.ts';
import { jaccard } from '../../src/view/inspect-panel.ts';
import { smallResults } from '../method/results-fixture.ts';

describe('the palette', () => {
  it('has 50 colours, no two alike and none grey, none near the unknown grey', () => {
    expect(PALETTE).toHaveLength(CATEGORICAL_LIMIT);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    for (const c of PALETTE) {
      // Grey is chroma ~0.01; Tableau's brown, the least colourful here, 0.075.
      expect(chroma(c), c).toBeGreaterThan(0.07);
      expect(labDistance(c, UNKNOWN_GREY), c).toBeGreaterThan(0.08);
    }
    let closest = Infinity;
    for (let i = 0; i < PALETTE.length; i++) for (let j = i + 1; j < PALETTE.length; j++) closest = Math.min(closest, labDistance(PALETTE[i], PALETTE[j]));
    expect(closest).toBeGreaterThan(0.07);
  });
});

describe('the sender columns', () => {
  it('give every sender a value per column, from the results', () => {
    const r = smallResults();
    const columns = senderColumns(r);
    // The fixture's trace had Mirai's fields and TCP flags, not IP IDs; it has an IP database.
    expect(columns.map((c) => c.id)).toEqual(['ip', 'label', 'predicted', 'cluster', 'service', 'silhouette', 'packets', 'mirai', 'backscatter', 'asn', 'asName', 'country', 'subnet16']);
    const text = (id: string, s: number) => cellText(columns.find((c) => c.id === id)!, s);
    expect([0, 1, 2].map((s) => text('label', s))).toEqual(['censys', '=x,"y"', 'unknown']);
    expect([0, 1, 2].map((s) => text('predicted', s))).toEqual(['censys', 'unknown', 'n.a.']);
    expect([0, 1, 2].map((s) => text('subnet16', s))).toEqual(['10.0.0.0/16', '10.0.0.0/16', '2001:db8::/32']);
    expect(text('packets', 2)).toBe('30');
    const withTimes = senderColumns({ ...r, senders: { ...r.senders, firstSeen: new Float64Array([0, 3600, NaN]) } });
    expect(cellText(withTimes.find((c) => c.id === 'firstSeen')!, 1)).toBe('1970-01-01 01:00');
    expect(cellText(withTimes.find((c) => c.id === 'firstSeen')!, 2)).toBe('–');
  });

  it('add the fingerprint shares the trace allows, the enrichment and the traces; search finds AS13335 and country:NL', async () => {
    const r = smallResults();
    const nan = () => new Float32Array(3).fill(NaN);
    const senders = {
      ...r.senders,
      fingerprints: { mirai: Float32Array.of(0.5, 0, 1), zmap: nan(), masscan: nan(), backscatter: Float32Array.of(0, 0.25, 0) },
      enrichment: { asn: Uint32Array.of(13335, 0, 64496), asName: Int32Array.of(0, -1, 1), country: Int16Array.of(0, -1, 1), asNames: ['CLOUDFLARENET', 'EXAMPLE'], countries: ['NL', 'US'], known: 2, sources: [] },
      sources: Uint8Array.of(1, 3, 2),
    };
    const inputs = [{ file: 'darknet.pcap' }, { file: 'cowrie.json' }] as NonNullable<typeof r.input>['inputs'];
    const columns = senderColumns({ ...r, senders, input: { ...r.input!, inputs } });
    const ids = columns.map((c) => c.id);
    // ZMap and Masscan need IP IDs this trace lacks (all NaN): no column for them.
    expect(ids).toEqual(['ip', 'label', 'predicted', 'cluster', 'service', 'silhouette', 'packets', 'mirai', 'backscatter', 'asn', 'asName', 'country', 'traces', 'subnet16']);
    const text = (id: string, s: number) => cellText(columns.find((c) => c.id === id)!, s);
    expect([0, 1, 2].map((s) => text('asn', s))).toEqual(['AS13335', 'unknown', 'AS64496']);
    expect([0, 1, 2].map((s) => text('country', s))).toEqual(['NL', 'unknown', 'US']);
    expect([0, 1, 2].map((s) => text('traces', s))).toEqual(['darknet.pcap', 'darknet.pcap + cowrie.json', 'cowrie.json']);
    expect(text('backscatter', 1)).toBe('25%');
    const context = { columns, ipv4: ipv4Numbers(r.senders.vocab), sendersOnPort: async () => new Int32Array(0) };
    expect(Array.from((await searchSenders('AS13335', context))!.hits)).toEqual([0]);
    expect(Array.from((await searchSenders('country:nl', context))!.hits)).toEqual([0]);
    expect(Array.from((await searchSenders('asn:/^AS6/', context))!.hits)).toEqual([2]);
  });
});

describe('colouring the map', () => {
  it('gives each category one palette colour, most frequent first, grey to unknown, drawn first', () => {
    const column: CategoryColumn = { id: 'x', label: 'x', help: '', kind: 'category', codes: new Int32Array([1, 1, -1, 0, 1]), names: ['a', 'b'], missing: 'unknown' };
    const c = colourPoints(column, Int32Array.from([0, 1, 2, 3, 4]));
    expect(c.legend.kind === 'categories' && c.legend.items.map((i) => [i.name, i.count, i.colour])).toEqual([['b', 3, PALETTE[0]], ['a', 1, PALETTE[1]], ['unknown', 1, UNKNOWN_GREY]]);
    expect(c.order[0]).toBe(2);
    expect(Array.from(c.order).slice(-1)).toEqual([3]);
    expect(c.colour[0]).toBe(c.colour[1]);
    expect(c.colour[0]).not.toBe(c.colour[3]);
  });

  it('uses a gradient past 50 categories, and for numbers', () => {
    const n = 60;
    const column: CategoryColumn = { id: 'cluster', label: 'cluster', help: '', kind: 'category', codes: Int32Array.from({ length: n }, (_, i) => i), names: Array.from({ length: n }, (_, i) => String(i)), missing: 'none' };
    const c = colourPoints(column, Int32Array.from({ length: n }, (_, i) => i));
    expect(c.legend.kind).toBe('gradient');
    expect(c.legend.kind === 'gradient' && [c.legend.min, c.legend.max]).toEqual(['0', '59']);
    expect(new Set(c.colour).size).toBe(n);
    const r = smallResults();
    const packets = senderColumns(r).find((x) => x.id === 'packets')!;
    const g = colourPoints(packets, Int32Array.from([0, 1, 2]));
    expect(g.legend.kind === 'gradient' && [g.legend.min, g.legend.max, g.legend.note]).toEqual(['10', '30', 'log scale']);
  });
});

describe('searching the senders', () => {
  const r = smallResults();
  const columns = senderColumns(r);
  const context = { columns, ipv4: ipv4Numbers(r.senders.vocab), sendersOnPort: async (port: number, proto: number) => Int32Array.of(port, proto + 10) };
  const hits = async (q: string) => Array.from((await searchSenders(q, context))!.hits);

  it('by address, prefix and CIDR', async () => {
    expect(await hits('10.0.0.2')).toEqual([1]);
    expect(await hits('10.0.')).toEqual([0, 1]);
    expect(await hits('10.0.0.0/31')).toEqual([0]);
    expect(await hits('10.0.0.0/8')).toEqual([0, 1]);
    expect(await hits('2001:db8::1')).toEqual([2]);
  });

  it('by a column\'s value, a number test, a regular expression or a bare word', async () => {
    expect(await hits('label:CENSYS')).toEqual([0]);
    expect(await hits('label:unknown')).toEqual([2]);
    expect(await hits('cluster:0')).toEqual([0, 1]);
    expect(await hits('predicted:n.a.')).toEqual([2]);
    expect(await hits('packets:>15')).toEqual([1, 2]);
    expect(await hits('packets:10..20')).toEqual([0, 1]);
    expect(await hits('/^=x/')).toEqual([1]);
    expect(await hits('label:/"y"$/')).toEqual([1]);
    expect(await hits('censys')).toEqual([0]);
    expect(await hits('telnet')).toEqual([0]);
    expect(await searchSenders('  ', context)).toBeNull();
  });

  it('by port, asking the packet log; bad queries say why', async () => {
    expect(await hits('port:23/tcp')).toEqual([23, 16]);
    expect(await hits('port:53')).toEqual([53, 9]);
    await expect(searchSenders('port:99999', context)).rejects.toThrow(SearchError);
    await expect(searchSenders('colour:red', context)).rejects.toThrow(/no column "colour"/);
    await expect(searchSenders('/(/', context)).rejects.toThrow(/regular expression/);
    await expect(searchSenders('packets:lots', context)).rejects.toThrow(/takes a number/);
  });
});

describe('comparing clusters', () => {
  it('Jaccard of port sets', () => {
    expect(jaccard(['23/tcp', '22/tcp'], ['22/tcp', '80/tcp'])).toBeCloseTo(1 / 3);
    expect(jaccard([], [])).toBe(0);
  });
});
