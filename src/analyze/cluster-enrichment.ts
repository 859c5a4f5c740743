// Who each cluster's senders are, from the enrichment (src/enrich): its top
// AS numbers and countries by senders. Separate from summarizeClusters because
// a database may be given after the analysis (the page): then only this part
// is computed and joined to the summaries already shown.
import type { Enrichment } from '../enrich/enrich';

/** As summaries.ts's Share (not imported: summaries.ts imports this module's types). */
export interface CountryShare {
  name: string;
  senders: number;
  share: number;
}

export interface AsnShare {
  asn: number;
  /** The AS name most of the cluster's senders of that AS carry; null when the database gives none. */
  name: string | null;
  senders: number;
  /** Of all the cluster's senders, unknown ones included. */
  share: number;
}

export interface ClusterEnrichment {
  topAsns: AsnShare[];
  /** ISO 3166 alpha-2 codes. */
  topCountries: CountryShare[];
  /** Share of the cluster's senders with an AS number or a country. */
  enrichedShare: number;
}

export type SenderEnrichment = Pick<Enrichment, 'asn' | 'asName' | 'asNames' | 'country' | 'countries'>;

export function clusterEnrichment(clusters: Int32Array, count: number, e: SenderEnrichment, top = 5): ClusterEnrichment[] {
  const sizes = new Int32Array(count);
  const enriched = new Int32Array(count);
  const asns = Array.from({ length: count }, () => new Map<number, number>());
  const countries = Array.from({ length: count }, () => new Map<number, number>());
  // (cluster, asn) -> name index -> senders: an AS is named as most of its senders are.
  const names = new Map<string, Map<number, number>>();
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    sizes[c]++;
    const asn = e.asn[i];
    const country = e.country[i];
    if (asn > 0 || country >= 0) enriched[c]++;
    if (asn > 0) {
      asns[c].set(asn, (asns[c].get(asn) ?? 0) + 1);
      if (e.asName[i] >= 0) {
        const key = `${c}/${asn}`;
        let m = names.get(key);
        if (!m) names.set(key, (m = new Map()));
        m.set(e.asName[i], (m.get(e.asName[i]) ?? 0) + 1);
      }
    }
    if (country >= 0) countries[c].set(country, (countries[c].get(country) ?? 0) + 1);
  }
  const out: ClusterEnrichment[] = [];
  for (let c = 0; c < count; c++) {
    const size = sizes[c];
    const share = (n: number) => (size > 0 ? n / size : 0);
    const topAsns = [...asns[c]].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top).map(([asn, senders]) => {
      const m = names.get(`${c}/${asn}`);
      const best = m ? [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0] : -1;
      return { asn, name: best >= 0 ? e.asNames[best] : null, senders, share: share(senders) };
    });
    const topCountries = [...countries[c]]
      .map(([k, senders]) => ({ name: e.countries[k], senders }))
      .sort((a, b) => b.senders - a.senders || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, top)
      .map((x) => ({ ...x, share: share(x.senders) }));
    out.push({ topAsns, topCountries, enrichedShare: share(enriched[c]) });
  }
  return out;
}
