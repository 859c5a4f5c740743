// Enrichment from files the user supplies: ASN, AS name and country per sender.
// Runtime-neutral (Node and the browser); depends on src/ingest only. See docs/enrichment.md.
export { enrichVocabulary, enrichmentText, openIpDatabase, type Enrichment, type IpDatabase } from './enrich';
export { openMmdb, type MmdbDatabase } from './mmdb';
export { readTextDatabase, type TextDatabase, type TextDatabaseFormat } from './text-databases';
export { RangeTable, RangeTableBuilder } from './range-table';
export type { RecordTable } from './records';
