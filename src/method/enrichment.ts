// The enrichment step: IP databases the user supplies (ip2asn, prefix2as,
// .mmdb; src/enrich) joined to the kept senders, for the page's worker and
// `darkvec analyze --asn/--geo` alike. Databases are read once and kept; the
// join runs again for each new corpus, and a database given after the
// analysis joins the results already made (applyEnrichment).
import type { ByteSource } from '../ingest/byte-source.ts';
import { clusterEnrichment } from '../analyze/cluster-enrichment.ts';
import { enrichVocabulary, openIpDatabase, type Enrichment, type IpDatabase } from '../enrich/index.ts';
import type { OnStepProgress } from './progress.ts';
import type { DarkVecResults, EnrichmentSummary } from './results.ts';

export type { Enrichment, IpDatabase };

/** A file as steps.ts's InputFile (not imported: steps.ts imports this module). */
interface DatabaseFile {
  name: string;
  open(): ByteSource;
}

const baseName = (name: string) => name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

/** Reads each database in order (streamed where the format allows); a bad file throws naming it. */
export async function openDatabases(files: readonly DatabaseFile[], options: { signal?: AbortSignal; onProgress?: OnStepProgress } = {}): Promise<IpDatabase[]> {
  const out: IpDatabase[] = [];
  for (let i = 0; i < files.length; i++) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ step: 'enrich', what: `reading ${baseName(files[i].name)}`, done: i, total: files.length, unit: 'steps' });
    out.push(await openIpDatabase(files[i].open(), baseName(files[i].name)));
  }
  return out;
}

/** What a database holds, in a line of the report. */
export function databaseKind(db: IpDatabase): string {
  if (db.format === 'mmdb') return db.databaseType ? `mmdb (${db.databaseType})` : 'mmdb';
  return db.format;
}

export function enrichmentSummary(e: Enrichment, databases: readonly IpDatabase[]): EnrichmentSummary {
  let withAsn = 0;
  let withCountry = 0;
  for (let i = 0; i < e.asn.length; i++) {
    if (e.asn[i] > 0) withAsn++;
    if (e.country[i] >= 0) withCountry++;
  }
  return {
    databases: e.sources.map((s, i) => ({ file: s.fileName, format: databaseKind(databases[i]), matched: s.matched })),
    senders: e.asn.length,
    enriched: e.known,
    withAsn,
    withCountry,
  };
}

/** The senders of `vocab` looked up in `databases` (priority in order); null without databases. */
export function enrichSenders(vocab: readonly string[], databases: readonly IpDatabase[]): Enrichment | null {
  return databases.length > 0 ? enrichVocabulary(vocab, databases) : null;
}

/** Joins an enrichment of the results' senders to them: the per-sender columns and every cluster's top ASNs and countries. */
export function applyEnrichment(results: DarkVecResults, e: Enrichment | null, summary: EnrichmentSummary | null): void {
  if (e && e.asn.length !== results.senders.vocab.length) throw new Error(`the enrichment has ${e.asn.length} senders, the results ${results.senders.vocab.length}`);
  results.senders.enrichment = e;
  results.enrichment = e ? summary : null;
  const c = results.clustering;
  const per = e ? clusterEnrichment(c.cluster, c.count, e) : null;
  for (const s of c.summaries) {
    const x = per?.[s.cluster];
    s.topAsns = x ? x.topAsns : null;
    s.topCountries = x ? x.topCountries : null;
    s.enrichedShare = x ? x.enrichedShare : null;
  }
}
