import { describe, expect, it } from 'vitest';
import { clusterEnrichment } from '../../src/analyze/cluster-enrichment';

describe('clusterEnrichment', () => {
  it('ranks each cluster\'s ASNs and countries by senders, names an AS as most of its senders do, counts the unknown in the shares', () => {
    // Cluster 0: two senders of AS 13335 (one named, one not), one of AS 64500, one unknown; cluster 1: one NL sender without an ASN.
    const clusters = Int32Array.from([0, 0, 0, 0, 1]);
    const e = {
      asn: Uint32Array.from([13335, 13335, 64500, 0, 0]),
      asName: Int32Array.from([0, -1, 1, -1, -1]),
      asNames: ['CLOUDFLARENET', 'EXAMPLE'],
      country: Int16Array.from([0, 0, 1, -1, 1]),
      countries: ['US', 'NL'],
    };
    const [c0, c1] = clusterEnrichment(clusters, 2, e);
    expect(c0.topAsns).toEqual([
      { asn: 13335, name: 'CLOUDFLARENET', senders: 2, share: 0.5 },
      { asn: 64500, name: 'EXAMPLE', senders: 1, share: 0.25 },
    ]);
    expect(c0.topCountries).toEqual([{ name: 'US', senders: 2, share: 0.5 }, { name: 'NL', senders: 1, share: 0.25 }]);
    expect(c0.enrichedShare).toBe(0.75);
    expect(c1).toEqual({ topAsns: [], topCountries: [{ name: 'NL', senders: 1, share: 1 }], enrichedShare: 1 });
  });

  it('keeps the top N, ties by lower AS number', () => {
    const n = 12;
    const clusters = new Int32Array(n);
    const e = { asn: Uint32Array.from({ length: n }, (_, i) => 100 + (i % 6)), asName: new Int32Array(n).fill(-1), asNames: [], country: new Int16Array(n).fill(-1), countries: [] };
    const [c] = clusterEnrichment(clusters, 1, e, 3);
    expect(c.topAsns.map((a) => [a.asn, a.senders, a.name])).toEqual([[100, 2, null], [101, 2, null], [102, 2, null]]);
  });
});
